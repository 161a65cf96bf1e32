import numpy as np


def oracle(inp, sizes):
    n, threads, items = sizes["n"], 64, 4
    tile = threads * items
    blocks = -(-n // tile)
    x = np.concatenate([inp["ints"], np.zeros(blocks * tile - n, np.int32)]).astype(np.int64).reshape(blocks, tile)
    incl = np.cumsum(x, axis=1)
    left, right = x.copy(), x.copy()
    left[:, 1:] = x[:, 1:] - x[:, :-1]
    right[:, :-1] = x[:, :-1] - x[:, 1:]
    maxes = np.zeros(blocks, np.float32)
    for b in range(blocks):
        valid = min(n - b * tile, tile)
        right[b, valid - 1:] = x[b, valid - 1:]  # the last valid item and those past it are copied
        t = x[b].reshape(threads, items)
        vals = (np.float32(0.25) * (t[:, 0] + t[:, -1]).astype(np.float32))[:-(-valid // items)]
        maxes[b] = vals.max()
    return {"excl": (incl - x).reshape(-1)[:n].astype(np.int32), "incl": incl.reshape(-1)[:n].astype(np.int32),
            "totals": incl[:, -1].astype(np.int32), "left": left.reshape(-1)[:n].astype(np.int32),
            "right": right.reshape(-1)[:n].astype(np.int32), "maxes": maxes}
