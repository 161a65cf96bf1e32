import numpy as np


def oracle(inp, sizes):
    x, y = inp["a"], inp["b"]
    cls = (np.isnan(x) * 1) | (np.isinf(x) * 2) | (np.signbit(x) * 4) | (np.isfinite(x) * 8)
    with np.errstate(all="ignore"):
        dv = x / y
    # fminf/fmaxf return the other operand when one is NaN (C99), unlike np.minimum
    return {"mn": np.fmin(x, y), "mx": np.fmax(x, y), "cs": np.copysign(np.float32(1.5), x),
            "cls": cls.astype(np.int32), "dv": dv}
