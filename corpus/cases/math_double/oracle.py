import math

import numpy as np


def oracle(inp, sizes):
    v = inp["x"]
    erf = np.vectorize(math.erf, otypes=[np.float64])
    return {"s": np.sin(v), "e": np.exp(v), "l": np.log1p(np.abs(v)), "er": erf(v), "p": np.abs(v) ** 1.5,
            "q": np.sqrt(np.abs(v)), "f": v * v + 1.0}
