import numpy as np


def oracle(inp, sizes):
    d = inp["data"]
    neg = np.flatnonzero(d < 0)
    return {"lo": np.array([d.min()], np.int32), "hi": np.array([d.max()], np.int32),
            "last_neg": np.array([neg.max() if neg.size else 0], np.uint32)}
