import numpy as np


def oracle(inp, sizes):
    n = sizes["n"]
    x = inp["x"].astype(np.int64)
    idx = np.arange(n)
    partial = np.array([x[(idx // 256) % 64 == b].sum() for b in range(64)], np.int64)
    return {"partial": partial.astype(np.int32), "result": np.array([x.sum()], np.int32)}
