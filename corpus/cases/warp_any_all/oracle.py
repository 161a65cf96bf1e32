import numpy as np


def inputs(rng, sizes):
    w = sizes["warps"]
    v = rng.integers(0, 50, (w, 32)) * 2
    neg = rng.random(w) < 0.5
    odd = rng.random(w) < 0.5
    v[neg, rng.integers(0, 32, neg.sum())] *= -1
    v[neg, 0] = -2
    v[odd, rng.integers(0, 32, odd.sum())] += 1
    return {"v": v.reshape(-1).astype(np.int32)}


def oracle(inp, sizes):
    v = inp["v"].reshape(-1, 32)
    return {"any_neg": (v < 0).any(axis=1).astype(np.int32), "all_even": (v % 2 == 0).all(axis=1).astype(np.int32),
            "active": np.full(v.shape[0], 0xFFFFFFFF, np.uint32)}
