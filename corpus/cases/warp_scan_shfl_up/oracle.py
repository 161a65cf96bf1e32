import numpy as np


def oracle(inp, sizes):
    x = inp["x"].reshape(-1, 32)
    c = np.cumsum(x, axis=1)
    return {"out": c.reshape(-1).astype(np.int32), "totals": c[:, -1].astype(np.int32)}
