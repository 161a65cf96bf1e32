import numpy as np


def oracle(inp, sizes):
    n = sizes["n"]
    p = np.zeros(n + 6, np.int64)
    p[3:3 + n] = inp["x"]
    y = sum(p[o:o + n] for o in range(7))
    return {"y": y.astype(np.int32)}
