import numpy as np


def oracle(inp, sizes):
    n = sizes["n"]
    p = np.zeros(n + 8)
    p[4:4 + n] = inp["x"]
    t = inp["c_taps"].astype(np.float64)
    return {"y": 0.5 * sum(t[k] * p[k:k + n] for k in range(9))}
