import numpy as np


def oracle(inp, sizes):
    return {"C": inp["A"].astype(np.float64) @ inp["B"].astype(np.float64)}
