import numpy as np


def oracle(inp, sizes):
    d = np.sort(inp["data"].reshape(-1, 512), axis=1)
    d[1::2] = d[1::2, ::-1]
    return {"data": d.reshape(-1)}
