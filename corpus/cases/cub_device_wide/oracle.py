import numpy as np


def inputs(rng, sizes):
    n = sizes["n"]
    return {"runs_in": np.repeat(rng.integers(0, 4, size=n), rng.integers(1, 5, size=n))[:n].astype(np.int32)}


def oracle(inp, sizes):
    n = sizes["n"]
    sq = ((inp["in"].astype(np.int64) * inp["in"]) % 97).astype(np.int32)  # a square: C's % agrees
    sums = np.array([int(sq.sum())], dtype=np.int64)
    maxk = np.array([inp["keys"].max()], dtype=np.int32)
    incl = np.cumsum(sq).astype(np.int32)
    excl = np.concatenate([[0], incl[:-1]]).astype(np.int32)
    order = np.argsort(inp["keys"], kind="stable")
    low = inp["lowkeys"][np.argsort(inp["lowkeys"] & 0xFF, kind="stable")]
    chosen = inp["vals"][inp["flags"] != 0]
    sel = np.zeros(n, dtype=np.int32)
    sel[: len(chosen)] = chosen
    r = inp["runs_in"]
    starts = np.concatenate([[0], np.nonzero(r[1:] != r[:-1])[0] + 1])
    uniq = np.zeros(n, dtype=np.int32)
    lens = np.zeros(n, dtype=np.int32)
    uniq[: len(starts)] = r[starts]
    lens[: len(starts)] = np.diff(np.concatenate([starts, [n]]))
    counts = np.array([len(chosen), len(starts)], dtype=np.int32)
    return {"in": sq, "sums": sums, "maxk": maxk, "excl": excl, "incl": incl, "skeys": inp["keys"][order],
            "svals": inp["vals"][order], "lowsorted": low, "sel": sel, "counts": counts, "uniq": uniq, "lens": lens}
