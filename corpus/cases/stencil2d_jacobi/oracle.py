import numpy as np


def oracle(inp, sizes):
    u = inp["a"].copy()
    for _ in range(sizes["iters"]):
        v = u.copy()
        v[1:-1, 1:-1] = np.float32(0.25) * (u[1:-1, :-2] + u[1:-1, 2:] + u[:-2, 1:-1] + u[2:, 1:-1])
        u = v
    return {"a": u}
