import numpy as np


def oracle(inp, sizes):
    v = inp["x"].astype(np.float64)
    plus1 = (np.abs(inp["x"]) + np.float32(1.0)).astype(np.float64)   # the kernel adds in float32
    return {"s": np.sin(v), "c": np.cos(v), "e": np.exp(v * 0.25), "l": np.log(plus1),
            "r": np.sqrt(np.abs(v)), "t": np.tanh(v)}
