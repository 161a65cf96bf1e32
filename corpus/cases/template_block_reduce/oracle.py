import numpy as np


def _bmax(x, b, low):
    p = np.full(-(-x.size // b) * b, low, x.dtype)
    p[: x.size] = x
    return p.reshape(-1, b).max(axis=1)


def oracle(inp, sizes):
    return {"mi": _bmax(inp["xi"], 64, -2147483648), "md": _bmax(inp["xd"], 128, -1.0e300)}
