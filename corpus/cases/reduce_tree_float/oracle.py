import numpy as np


def oracle(inp, sizes):
    n = sizes["n"]
    x = np.zeros(-(-n // 256) * 256, np.float64)
    x[:n] = inp["x"]
    return {"partial": x.reshape(-1, 256).sum(axis=1)}
