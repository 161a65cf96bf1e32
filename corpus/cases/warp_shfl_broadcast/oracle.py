import numpy as np


def oracle(inp, sizes):
    v = inp["v"].reshape(sizes["blocks"], 2, 32)
    leader = (np.arange(sizes["blocks"]) * 7) % 32
    lead = np.repeat(v[np.arange(sizes["blocks"]), :, leader][:, :, None], 32, axis=2)
    sub = np.repeat(v.reshape(sizes["blocks"], 2, 4, 8)[:, :, :, :1], 8, axis=3)
    return {"lead": lead.reshape(-1), "sub": sub.reshape(-1)}
