import numpy as np


def oracle(inp, sizes):
    a = np.float32(inp["a"])
    return {"y": (a * inp["x"] + inp["y"]).astype(np.float32)}
