import numpy as np


def oracle(inp, sizes):
    n = sizes["n"]
    x = np.zeros(-(-n // 256) * 256, np.int64)
    x[:n] = inp["x"]
    t = x.reshape(-1, 256)
    excl = np.cumsum(t, axis=1) - t
    return {"out": excl.reshape(-1)[:n].astype(np.int32), "sums": t.sum(axis=1).astype(np.int32)}
