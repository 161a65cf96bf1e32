import numpy as np


def oracle(inp, sizes):
    x = inp["x"].reshape(-1, 32)
    return {"maxes": np.repeat(x.max(axis=1), 32).astype(np.int32),
            "sums": np.repeat(x.sum(axis=1), 32).astype(np.int32)}
