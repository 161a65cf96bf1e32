import numpy as np


def oracle(inp, sizes):
    x = inp["x"].astype(np.float64)
    s = (x * x).sum()
    return {"sum": np.array([s]), "y": x / np.sqrt(s)}
