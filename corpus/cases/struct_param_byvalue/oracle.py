import numpy as np


def oracle(inp, sizes):
    p = inp["p"]
    v = inp["x"] * np.float32(p["scale"]) + np.float32(p["shift"])
    v = v * np.float32(p["weights.x"]) + np.float32(p["weights.y"])
    return {"y": np.clip(np.floor(v), p["clamp_lo"], p["clamp_hi"]).astype(np.int32)}
