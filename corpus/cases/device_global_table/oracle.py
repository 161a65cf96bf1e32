import numpy as np


def oracle(inp, sizes):
    t = (np.float32(0.25) * np.arange(64, dtype=np.float32) + np.float32(1)).astype(np.float32)
    return {"g_table": t, "out": t[inp["idx"] % 64]}
