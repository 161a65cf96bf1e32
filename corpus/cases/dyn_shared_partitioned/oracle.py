import numpy as np


def oracle(inp, sizes):
    per = sizes["per"]
    v = inp["vals"].reshape(-1, per)
    k = inp["keys"].reshape(-1, per) > 0
    return {"sums": np.where(k, v, 0).sum(axis=1, dtype=np.float32), "counts": k.sum(axis=1).astype(np.int32)}
