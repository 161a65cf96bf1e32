import numpy as np


def oracle(inp, sizes):
    h, w = sizes["h"], sizes["w"]
    f = inp["c_filter"].reshape(5, 5).astype(np.float64)
    p = np.zeros((h + 4, w + 4))
    p[2:-2, 2:-2] = inp["img"]
    out = sum(f[ky, kx] * p[ky:ky + h, kx:kx + w] for ky in range(5) for kx in range(5))
    return {"out": out}
