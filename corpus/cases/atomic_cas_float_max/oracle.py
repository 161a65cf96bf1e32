import numpy as np


def oracle(inp, sizes):
    m = np.full(sizes["groups"], -1.0e30, np.float32)
    np.maximum.at(m, inp["group"], inp["v"])
    return {"maxima": m}
