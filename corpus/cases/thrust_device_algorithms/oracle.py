import numpy as np


def oracle(inp, sizes):
    n = sizes["n"]
    order = np.argsort(inp["keys"], kind="stable")
    keys = inp["keys"][order]
    vals = inp["vals"][order]
    y = (np.float32(2.0) * inp["x"] + np.float32(-1.0)).astype(np.float32)
    copy = vals + (np.arange(n) % 3).astype(np.int32)
    scan = (7 + np.concatenate([[0], np.cumsum(copy)[:-1]])).astype(np.int32)
    odd_vals = vals[(vals & 1) != 0]
    odd = np.zeros(n, dtype=np.int32)
    odd[: len(odd_vals)] = odd_vals
    stats = np.array([len(odd_vals), int(copy.sum()), len(odd_vals), int(np.argmax(keys))], dtype=np.int32)
    return {"keys": keys, "vals": vals, "y": y, "scan": scan, "stats": stats, "odd": odd}
