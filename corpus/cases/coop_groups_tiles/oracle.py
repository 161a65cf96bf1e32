import numpy as np


def oracle(inp, sizes):
    n = sizes["n"]
    x = inp["x"].astype(np.float64)
    blocks = x.reshape(-1, 256)
    w = np.roll(blocks, -32, axis=1)  # w[t] = stage[(t + 32) % 256]
    tiles_v = x.reshape(-1, 32)
    tiles_w = w.reshape(-1, 32)
    lane = np.arange(32)
    down = np.where(lane + 1 < 32, np.roll(tiles_w, -1, axis=1), tiles_w)  # shfl_down by 1 keeps the last lane
    xor16 = tiles_v[:, lane ^ 16]
    first = np.repeat(tiles_v[:, :1], 32, axis=1)
    return {"sums": tiles_v.sum(axis=1).astype(np.float32),
            "maxes": tiles_v.max(axis=1).astype(np.float32),
            "shifted": (down + xor16 + first).reshape(n).astype(np.float32),
            "ranks": np.tile(lane + 3200, n // 32).astype(np.int32)}
