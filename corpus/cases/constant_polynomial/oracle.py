import numpy as np


def oracle(inp, sizes):
    c = inp["c_coeffs"]
    x = inp["x"]
    acc = np.zeros_like(x)
    for k in range(6, -1, -1):
        acc = acc * x + c[k]
    return {"y": acc}
