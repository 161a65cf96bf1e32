import numpy as np


def oracle(inp, sizes):
    return {"keys": np.sort(inp["keys"])}
