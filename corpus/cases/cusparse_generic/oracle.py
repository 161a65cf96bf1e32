import numpy as np


def oracle(inp, sizes):
    m, n, k, r = sizes["m"], sizes["n"], sizes["k"], sizes["r"]
    a = inp["a"].reshape((m, k))
    a = np.where(np.abs(a) < np.float32(0.5), np.float32(0), a).astype(np.float64)
    b = inp["b"].astype(np.float64).reshape((k, n))
    c = 1.5 * a @ b + 0.5 * inp["c"].astype(np.float64).reshape((m, n))
    y = 2.0 * a @ inp["x"].astype(np.float64)
    p = inp["p"].astype(np.float64).reshape((m, r))
    q = inp["q"].astype(np.float64).reshape((r, k), order="F")
    e = np.where(a != 0, 0.75 * (p @ q) - a, 0.0)
    return {"c": c.flatten().astype(np.float32), "y": y.astype(np.float32),
            "d": a.flatten(order="F").astype(np.float32), "e": e.flatten().astype(np.float32),
            "nnz": np.array([np.count_nonzero(a)], dtype=np.int32)}
