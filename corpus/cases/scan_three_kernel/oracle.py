import numpy as np


def oracle(inp, sizes):
    return {"out": np.cumsum(inp["x"].astype(np.uint64)).astype(np.uint32)}
