import numpy as np


def oracle(inp, sizes):
    return {"acc": np.bincount(inp["slot"], weights=inp["v"], minlength=8)}
