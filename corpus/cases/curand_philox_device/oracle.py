"""cuRAND's Philox4x32-10 device generator in NumPy: Random123's rounds (checked against its known-answer vectors in
tests/targets/opencl/test_curand_philox.py) and cuRAND's state handling (curand_init: key from the seed, the
subsequence added to the counter's high 64 bits, the offset to the low 64 bits in blocks of four outputs)."""

import numpy as np

M0, M1, W0, W1 = 0xD2511F53, 0xCD9E8D57, 0x9E3779B9, 0xBB67AE85
MASK = 0xFFFFFFFF


def philox4x32_10(ctr, key):
    c0, c1, c2, c3 = ctr
    k0, k1 = key
    for r in range(10):
        if r:
            k0, k1 = (k0 + W0) & MASK, (k1 + W1) & MASK
        p0, p1 = M0 * c0, M1 * c2
        c0, c1, c2, c3 = ((p1 >> 32) ^ c1 ^ k0) & MASK, p1 & MASK, ((p0 >> 32) ^ c3 ^ k1) & MASK, p0 & MASK
    return [c0, c1, c2, c3]


class Philox:
    def __init__(self, seed, subsequence, offset):
        self.key = [seed & MASK, (seed >> 32) & MASK]
        hi = subsequence
        self.ctr = [0, 0, hi & MASK, (hi >> 32) & MASK]
        self.state = offset & 3
        self._add(offset // 4)
        self.out = philox4x32_10(self.ctr, self.key)

    def _add(self, n):
        v = sum(c << (32 * i) for i, c in enumerate(self.ctr)) + n
        self.ctr = [(v >> (32 * i)) & MASK for i in range(4)]

    def next(self):
        r = self.out[self.state]
        self.state += 1
        if self.state == 4:
            self._add(1)
            self.out = philox4x32_10(self.ctr, self.key)
            self.state = 0
        return r


def oracle(inp, sizes):
    n, seed = sizes["n"], int(inp["seed"])
    two32 = np.float32(2.3283064e-10)
    inv2pi = np.float32(1.4629180792671596e-09)
    raw, uni, nor = [], [], []
    for i in range(n):
        g = Philox(seed, i, 3)
        raw += [g.next() for _ in range(3)]
        uni += [np.float32(g.next()) * two32 + two32 / np.float32(2) for _ in range(2)]
        x, y = g.next(), g.next()
        u = np.float32(x) * two32 + two32 / np.float32(2)
        v = np.float32(y) * inv2pi + inv2pi / np.float32(2)
        r = np.sqrt(np.float32(-2) * np.log(u, dtype=np.float32), dtype=np.float32)
        nor += [r * np.sin(v, dtype=np.float32), r * np.cos(v, dtype=np.float32)]
    return {"raw": np.array(raw, np.uint32), "uni": np.array(uni, np.float32), "nor": np.array(nor, np.float32)}
