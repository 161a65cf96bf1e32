import numpy as np


def oracle(inp, sizes):
    n, bs = sizes["n"], sizes["bs"]
    x = np.zeros(-(-n // bs) * bs, np.float32)
    x[:n] = inp["inp"]
    y = (x.reshape(-1, bs)[:, ::-1] * np.float32(2)).reshape(-1)
    out = np.full(n, 9, np.float32)
    out[:n] = y[:n]
    return {"out": out}
