import numpy as np


def oracle(inp, sizes):
    u = inp["u"].astype(np.uint64)
    vals = [int(x) for x in inp["u"]]
    pc = [bin(x).count("1") for x in vals]
    lz = [32 - x.bit_length() for x in vals]
    fs = [(x & -x).bit_length() for x in vals]
    rv = [int(f"{x:032b}"[::-1], 2) for x in vals]
    hi = (u * np.uint64(2654435761)) >> np.uint64(32)
    i = np.arange(sizes["n"])
    d = i % 7 - 3
    d[d == 0] = 5
    s = inp["s"].astype(np.int64)
    q = np.trunc(s / d).astype(np.int64)
    return {"pc": pc, "lz": lz, "fs": fs, "rv": rv, "hi": hi, "dv": q, "md": s - q * d}
