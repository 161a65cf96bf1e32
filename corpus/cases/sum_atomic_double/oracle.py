import numpy as np


def oracle(inp, sizes):
    return {"total": np.array([0.5 + inp["x"].sum()])}
