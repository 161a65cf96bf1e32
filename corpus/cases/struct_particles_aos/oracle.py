import numpy as np

DT = np.dtype([("x", "f4"), ("y", "f4"), ("vx", "f4"), ("vy", "f4"), ("alive", "i4")], align=True)


def inputs(rng, sizes):
    n = sizes["n"]
    ps = np.zeros(n, DT)
    for f in ("x", "y"):
        ps[f] = rng.integers(0, 64, n) / 64.0
    for f in ("vx", "vy"):
        ps[f] = rng.integers(-64, 64, n) / 8.0
    return {"ps": ps}


def oracle(inp, sizes):
    p = inp["ps"].copy()
    dt = np.float32(inp["dt"])
    p["x"] += p["vx"] * dt
    p["y"] += p["vy"] * dt
    for c, v in (("x", "vx"), ("y", "vy")):
        out = (p[c] < 0) | (p[c] > 1)
        p[v] = np.where(out, -p[v], p[v])
        p["alive"] += out
    return {"ps": p}
