import numpy as np


def oracle(inp, sizes):
    return {"d": np.sort(inp["d"].reshape(sizes["blocks"], sizes["len"]), axis=1).reshape(-1)}
