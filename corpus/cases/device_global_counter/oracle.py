import numpy as np


def oracle(inp, sizes):
    v = inp["v"]
    return {"g_hits": np.int32(5 + (v > np.float32(0.5)).sum()),
            "g_max_seen": np.float32(max(-100.0, v.max() if v.size else -100.0))}
