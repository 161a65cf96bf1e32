import numpy as np


def oracle(inp, sizes):
    h, w = sizes["h"], sizes["w"]
    p = np.pad(inp["inp"].astype(np.float64), 1, mode="edge")
    return {"out": sum(p[dy:dy + h, dx:dx + w] for dy in range(3) for dx in range(3))}
