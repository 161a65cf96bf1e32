import numpy as np


def oracle(inp, sizes):
    b = inp["idx"] % sizes["nbins"]
    return {"bins": np.bincount(b, weights=inp["w"].astype(np.float64), minlength=sizes["nbins"])}
