import numpy as np


def oracle(inp, sizes):
    h = sizes["half"]
    d = inp["data"].copy()
    d[:h] *= np.float32(2.0)
    d[h:] *= np.float32(-0.5)
    return {"data": d, "out": d[:h] - d[h:]}
