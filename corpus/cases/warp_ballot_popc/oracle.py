import numpy as np


def oracle(inp, sizes):
    n = sizes["n"]
    total = -(-n // 128) * 128
    pred = np.zeros(total, bool)
    pred[:n] = inp["v"] > 0
    w = pred.reshape(-1, 32)
    rank = np.cumsum(w, axis=1) - w
    rank = np.where(w, rank, -1).reshape(-1)[:n]
    return {"counts": w.sum(axis=1).astype(np.int32), "rank": rank.astype(np.int32)}
