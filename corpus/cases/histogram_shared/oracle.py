import numpy as np


def oracle(inp, sizes):
    return {"bins": (3 + np.bincount(inp["keys"] % 256, minlength=256)).astype(np.uint32)}
