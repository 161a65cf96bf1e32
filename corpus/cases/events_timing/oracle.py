import numpy as np


def oracle(inp, sizes):
    i = np.arange(sizes["slots"])
    return {"c": (inp["c"] + sizes["reps"] * (i % 3 + 1)).astype(np.int32)}
