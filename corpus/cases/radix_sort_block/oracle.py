import numpy as np


def oracle(inp, sizes):
    return {"keys": np.sort(inp["keys"].reshape(-1, 256), axis=1).reshape(-1)}
