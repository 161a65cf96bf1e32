import numpy as np


def oracle(inp, sizes):
    m, n, k = sizes["m"], sizes["n"], sizes["k"]
    a = inp["a"].astype(np.float64).reshape((m, k), order="F")
    b = inp["b"].astype(np.float64).reshape((k, n), order="F")
    c = 1.5 * a @ b + 0.5 * inp["c"].astype(np.float64).reshape((m, n), order="F")
    y = c.T @ inp["x"].astype(np.float64)
    z = inp["z"].astype(np.float64).copy()
    z[4:] = (2.0 * y + z[4:]) ** 2
    r = inp["r"].astype(np.float64).copy()
    r[1] = np.dot(y, z[4:])
    return {"c": c.flatten(order="F").astype(np.float32), "y": y.astype(np.float32),
            "z": z.astype(np.float32), "r": r.astype(np.float32)}
