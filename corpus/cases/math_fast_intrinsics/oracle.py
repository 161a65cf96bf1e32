import numpy as np


def oracle(inp, sizes):
    v = inp["x"].astype(np.float64)
    return {"e": np.exp(v), "s": np.sin(v), "c": np.cos(v), "d": v / (3.0 + v * v), "l": np.log(v + 4.0),
            "rs": 1.0 / np.sqrt(v + 4.0)}
