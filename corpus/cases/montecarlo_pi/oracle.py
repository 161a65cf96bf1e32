import numpy as np

M = 0xFFFFFFFF


def _hash(x):
    x ^= x >> 16
    x = (x * 0x7FEB352D) & M
    x ^= x >> 15
    x = (x * 0x846CA68B) & M
    x ^= x >> 16
    return x


def oracle(inp, sizes):
    threads, per = sizes["threads"], sizes["per"]
    tid = np.arange(threads, dtype=np.uint64)
    seed = np.uint64(inp["seed"])
    s = _hash((seed ^ ((tid * np.uint64(2654435761)) & np.uint64(M))).astype(np.uint64)) | np.uint64(1)
    hits = np.zeros(threads, np.uint64)

    def step(s):
        s = s ^ ((s << np.uint64(13)) & np.uint64(M))
        s = s ^ (s >> np.uint64(17))
        s = s ^ ((s << np.uint64(5)) & np.uint64(M))
        return s

    for _ in range(per):
        s = step(s)
        x = s >> np.uint64(16)
        s = step(s)
        y = s >> np.uint64(16)
        hits += (x * x + y * y <= np.uint64(65535 * 65535)).astype(np.uint64)
    return {"inside": np.array([hits.sum()], np.uint64), "per_thread": hits.astype(np.uint32)}
