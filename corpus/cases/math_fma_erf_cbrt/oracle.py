import math

import numpy as np


def oracle(inp, sizes):
    x = inp["a"].astype(np.float64)
    y = inp["b"].astype(np.float64)
    prod32 = (inp["a"] * inp["b"]).astype(np.float64)
    erf = np.vectorize(math.erf, otypes=[np.float64])
    erfc = np.vectorize(math.erfc, otypes=[np.float64])
    return {"f": (x * y - prod32), "er": erf(x), "ec": erfc(x), "cb": np.cbrt(x), "pw": (np.abs(x) + 0.5) ** y,
            "at": np.arctan2(y, x), "hy": np.hypot(x, y)}
