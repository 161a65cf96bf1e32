import numpy as np


def oracle(inp, sizes):
    a = inp["a"].astype(np.int64)
    b = inp["b"].astype(np.int64)
    return {"out": (a * 3 - (b >> 4)).astype(np.int16), "wrap": ((b + a) % 256).astype(np.uint8)}
