import numpy as np


def oracle(inp, sizes):
    x = inp["x"]
    pos = x[x > 0]
    out = np.zeros_like(x)
    out[: pos.size] = pos
    return {"out": out, "count": np.array([pos.size], np.int32)}
