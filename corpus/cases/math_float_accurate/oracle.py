import numpy as np


def oracle(inp, sizes):
    v = inp["x"].astype(np.float64)
    return {"s": np.sin(v), "c": np.cos(v), "e": np.exp(v * 0.25), "l": np.log(np.abs(v) + 1.0),
            "r": np.sqrt(np.abs(v)), "t": np.tanh(v)}
