import numpy as np


def inputs(rng, sizes):
    n = sizes["n"]
    p = rng.uniform(-1, 1, (n, 4)).astype(np.float32)
    p[:, 3] = rng.uniform(0.1, 1.0, n)
    return {"pos": p}


def oracle(inp, sizes):
    p = inp["pos"].astype(np.float64)
    d = p[None, :, :3] - p[:, None, :3]
    d2 = (d * d).sum(axis=2) + 1e-2
    s = p[None, :, 3] / d2 ** 1.5
    return {"acc": (d * s[:, :, None]).sum(axis=1)}
