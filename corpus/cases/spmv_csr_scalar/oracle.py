import numpy as np


def inputs(rng, sizes):
    rows, ncols, nnz = sizes["rows"], sizes["ncols"], sizes["nnz"]
    row_of = np.sort(rng.integers(0, rows, nnz))
    row_ptr = np.searchsorted(row_of, np.arange(rows + 1)).astype(np.int32)
    return {"row_ptr": row_ptr, "cols": rng.integers(0, ncols, nnz).astype(np.int32),
            "vals": rng.uniform(-1, 1, nnz).astype(np.float32)}


def oracle(inp, sizes):
    rp, c, v, x = inp["row_ptr"], inp["cols"], inp["vals"].astype(np.float64), inp["x"].astype(np.float64)
    prod = v * x[c]
    y = np.array([prod[rp[r]:rp[r + 1]].sum() for r in range(sizes["rows"])])
    return {"y": y}
