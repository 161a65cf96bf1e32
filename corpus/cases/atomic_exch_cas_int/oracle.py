import numpy as np


def oracle(inp, sizes):
    n = sizes["n"]
    o = inp["owner"]
    slots = np.zeros(512, np.int32)
    slots[o] = 1
    first = np.full(512, -1, np.int32)
    first[o] = o * 2
    w = inp["words"].astype(np.uint64).copy()
    w[0] = (w[0] - n) % 2**32
    orv = 0
    for b in set((np.arange(n) % 32).tolist()):
        orv |= 1 << b
    w[1] = w[1] | orv
    andv = 0xFFFFFFFF
    for b in set((o % 32).tolist()):
        andv &= ~(1 << b) & 0xFFFFFFFF
    w[2] = w[2] & andv
    x = 0
    for i in range(n):
        x ^= i
    w[3] = w[3] ^ x
    return {"slots": slots, "first": first, "words": w.astype(np.uint32)}
