import numpy as np


def inputs(rng, sizes):
    n = sizes["n"]
    lda = n + 2
    a = rng.uniform(-1, 1, size=(n + 2) * n + 5).astype(np.float32)
    full = a[5:].reshape((lda, n), order="F")
    full[:n, :n] += np.eye(n, dtype=np.float32) * 0.5  # well conditioned, pivoting still needed
    m = rng.uniform(-1, 1, size=(n, n))
    s = m @ m.T + n * np.eye(n)
    return {"a": a, "s": s.flatten(order="F")}


def _getrf(mat):
    """LAPACK's getrf: LU with partial pivoting (first largest magnitude), L unit lower and U in one array."""
    a = mat.copy()
    n = a.shape[0]
    for j in range(n):
        p = j + int(np.argmax(np.abs(a[j:, j])))
        a[[j, p], :] = a[[p, j], :]
        a[j + 1:, j] /= a[j, j]
        a[j + 1:, j + 1:] -= np.outer(a[j + 1:, j], a[j, j + 1:])
    return a


def oracle(inp, sizes):
    n, nrhs = sizes["n"], sizes["nrhs"]
    lda = n + 2
    a = inp["a"].astype(np.float64)
    full = a[5:].reshape((lda, n), order="F") * 2.0  # the kernel doubles every element, padding rows too
    mat = full[:n, :n]
    b = inp["b"].astype(np.float64).copy()
    b[1:] = np.linalg.solve(mat, b[1:].reshape((n, nrhs), order="F")).flatten(order="F")
    c = np.linalg.solve(mat.T, inp["c"].astype(np.float64).reshape((n, nrhs), order="F")).flatten(order="F")
    out_a = a.copy()
    lu = full.copy()
    lu[:n, :n] = _getrf(mat)  # the padding rows n, n + 1 of each column are only doubled
    out_a[5:] = lu.flatten(order="F")
    s = inp["s"].reshape((n, n), order="F")
    u = np.linalg.cholesky(s).T
    s_out = np.where(np.triu(np.ones((n, n), dtype=bool)), u, s)
    info = inp["info"].copy()
    info[1:] = 0
    return {"a": out_a.astype(np.float32), "b": b.astype(np.float32), "c": c.astype(np.float32),
            "s": s_out.flatten(order="F"), "info": info}
