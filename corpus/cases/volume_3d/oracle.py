import numpy as np


def oracle(inp, sizes):
    nx, ny, nz = sizes["nx"], sizes["ny"], sizes["nz"]
    z, y, x = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing="ij")
    gx, gy = -(-nx // 8), -(-ny // 4)
    bid = x // 8 + gx * (y // 4 + gy * (z // 2))
    tid = x % 8 + 8 * (y % 4 + 4 * (z % 2))
    return {"vol": (bid * 1000 + tid).astype(np.int32)}
