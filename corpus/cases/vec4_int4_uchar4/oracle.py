import numpy as np


def oracle(inp, sizes):
    a, b = inp["a"], inp["b"]
    out = np.stack([a[:, 0] + b[:, 0], a[:, 1] - b[:, 1], a[:, 2] * b[:, 2], a[:, 3] ^ b[:, 3]], axis=1)
    px = inp["px"].copy()
    px[:, :3] = 255 - px[:, :3]
    return {"out": out.astype(np.int32), "px": px}
