"""Output comparison: expected vs actual arrays under a case Tolerance (exact, ULP, abs/rel, any order, sum only).
Input: two NumPy arrays of the output's dtype. Output: a Comparison with max abs/rel/ULP error and the first
mismatching indices with both values. NaN matches NaN; infinities must match in sign.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from translator.difftest.schema import Tolerance


@dataclass
class Comparison:
    name: str
    ok: bool
    max_abs: float = 0.0
    max_rel: float = 0.0
    max_ulp: float = 0.0
    bad: int = 0
    total: int = 0
    mismatches: list[tuple[str, str, str]] = field(default_factory=list)   # (index, expected, actual)
    note: str = ""

    def describe(self) -> str:
        if self.note:
            return f"{self.name}: {self.note}"
        head = f"{self.name}: {self.bad}/{self.total} elements differ (max abs {self.max_abs:.3g}, " \
               f"rel {self.max_rel:.3g}, ulp {self.max_ulp:.0f})"
        tail = "; ".join(f"[{i}] expected {e} got {a}" for i, e, a in self.mismatches)
        return head + (f"; first: {tail}" if tail else "")


def _ulp_distance(e: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Number of representable floats between e and a (adjacent floats: 1), exact for float32 and float64."""
    ibits = np.int32 if e.dtype.itemsize == 4 else np.int64
    mask = np.int64(0x7FFFFFFF) if e.dtype.itemsize == 4 else np.int64(0x7FFFFFFFFFFFFFFF)
    eb = e.view(ibits).astype(np.int64)
    ab = a.view(ibits).astype(np.int64)
    eo = np.where(eb < 0, -(eb & mask), eb)
    ao = np.where(ab < 0, -(ab & mask), ab)
    same_sign = (eo >= 0) == (ao >= 0)
    with np.errstate(over="ignore"):
        exact = np.abs(np.where(same_sign, eo - ao, 0)).astype(np.float64)
    # opposite signs: the distance is the sum of both magnitudes (float64 is exact enough at that size)
    return np.where(same_sign, exact, np.abs(eo.astype(np.float64)) + np.abs(ao.astype(np.float64)))


def _flat_fields(a: np.ndarray) -> list[tuple[str, np.ndarray]]:
    if a.dtype.fields:
        out = []
        for name in a.dtype.names:
            out.extend((f"{name}.{sub}" if sub else name, arr) for sub, arr in _flat_fields(a[name]))
        return out
    return [("", a)]


def compare(name: str, expected: np.ndarray, actual: np.ndarray, tol: Tolerance, show: int = 5) -> Comparison:
    if expected.dtype.fields:
        parts = [compare(f"{name}.{f}", e, a, tol, show)
                 for (f, e), (_, a) in zip(_flat_fields(expected), _flat_fields(actual), strict=True)]
        bad = [p for p in parts if not p.ok]
        res = Comparison(name, not bad, max((p.max_abs for p in parts), default=0.0),
                         max((p.max_rel for p in parts), default=0.0), max((p.max_ulp for p in parts), default=0.0),
                         sum(p.bad for p in parts), sum(p.total for p in parts))
        res.mismatches = [m for p in bad for m in p.mismatches][:show]
        return res
    if expected.shape != actual.shape:
        return Comparison(name, False, total=expected.size,
                          note=f"shape differs: expected {expected.shape}, got {actual.shape}")
    e = expected.reshape(-1)
    a = actual.reshape(-1)
    if tol.reduce == "sum":
        wide = np.float64 if e.dtype.kind == "f" else np.int64
        e = np.array([e.astype(wide).sum()]).astype(e.dtype if e.dtype.kind != "f" else np.float64)
        a = np.array([a.astype(wide).sum()]).astype(e.dtype)
    if tol.order == "any":
        e, a = np.sort(e), np.sort(a)
    res = Comparison(name, True, total=e.size)
    if e.size == 0:
        return res
    if e.dtype.kind != "f":
        diff = e != a
        absd = np.abs(e.astype(np.float64) - a.astype(np.float64))
        res.max_abs = float(absd.max())
        res.max_rel = float((absd / np.maximum(np.abs(e.astype(np.float64)), 1)).max())
        ok = ~diff
    else:
        both_nan = np.isnan(e) & np.isnan(a)
        same = (e == a) | both_nan
        with np.errstate(invalid="ignore", over="ignore"):
            absd = np.where(same, 0.0, np.abs(e.astype(np.float64) - a.astype(np.float64)))
            absd = np.where(np.isnan(absd), np.inf, absd)
            rel = np.where(same, 0.0, absd / np.maximum(np.abs(e.astype(np.float64)), np.finfo(np.float64).tiny))
            ulp = np.where(same, 0.0, _ulp_distance(e, a))
            ulp = np.where(np.isnan(e) != np.isnan(a), np.inf, ulp)
        res.max_abs, res.max_rel, res.max_ulp = float(absd.max()), float(rel.max()), float(ulp.max())
        if tol.exact:
            ok = same
        else:
            ok = same.copy()
            finite = np.isfinite(e) & np.isfinite(a)
            if tol.ulp is not None:
                ok |= finite & (ulp <= tol.ulp)
            if tol.rel is not None or tol.abs is not None:
                bound = (tol.abs or 0.0) + (tol.rel or 0.0) * np.abs(e.astype(np.float64))
                ok |= finite & (absd <= bound)
    bad_idx = np.flatnonzero(~ok)
    res.bad = int(bad_idx.size)
    res.ok = res.bad == 0
    shape = expected.shape if tol.reduce is None and tol.order == "index" else e.shape
    for i in bad_idx[:show]:
        idx = np.unravel_index(int(i), shape) if len(shape) > 1 else (int(i),)
        res.mismatches.append((",".join(map(str, idx)), repr(e[i].item()), repr(a[i].item())))
    return res
