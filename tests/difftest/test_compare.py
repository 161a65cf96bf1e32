"""Comparison semantics: exact, ULP, abs/rel, NaN/inf handling, order-independent and sum-only outputs."""

from __future__ import annotations

import numpy as np

from translator.difftest.compare import compare
from translator.difftest.schema import Tolerance


def test_ulp_distance_counts_adjacent_floats_across_zero() -> None:
    e = np.array([1.0, -0.0, 1e-45], np.float32)
    a = np.array([np.nextafter(np.float32(1), np.float32(2)), 0.0, -1e-45], np.float32)
    res = compare("x", e, a, Tolerance(ulp=2))
    assert res.ok and res.max_ulp == 2
    assert not compare("x", e, a, Tolerance(ulp=1)).ok


def test_nan_matches_nan_but_not_a_number_and_infinities_need_the_same_sign() -> None:
    e = np.array([np.nan, np.inf, 1.0], np.float32)
    assert compare("x", e, e.copy(), Tolerance(exact=True)).ok
    bad = compare("x", e, np.array([1.0, -np.inf, 1.0], np.float32), Tolerance(ulp=1000, rel=1.0))
    assert not bad.ok and bad.bad == 2
    assert bad.mismatches[0][0] == "0"


def test_abs_or_rel_bound_and_first_mismatches_reported_with_indices() -> None:
    e = np.zeros((3, 4))
    a = e.copy()
    a[2, 1] = 1e-3
    res = compare("m", e, a, Tolerance(abs=1e-4))
    assert not res.ok and res.mismatches == [("2,1", "0.0", "0.001")]
    assert compare("m", e, a, Tolerance(abs=1e-2)).ok
    assert "1/12 elements differ" in res.describe()


def test_integers_are_exact_and_order_any_sorts_first() -> None:
    e = np.array([1, 2, 3], np.int32)
    assert not compare("i", e, np.array([3, 2, 1], np.int32), Tolerance(exact=True)).ok
    assert compare("i", e, np.array([3, 2, 1], np.int32), Tolerance(exact=True, order="any")).ok


def test_sum_only_compares_totals() -> None:
    e = np.array([1.0, 2.0, 3.0])
    a = np.array([3.0, 2.0, 1.0 + 1e-12])
    assert compare("s", e, a, Tolerance(rel=1e-9, reduce="sum")).ok
    assert not compare("s", e, a * 2, Tolerance(rel=1e-9, reduce="sum")).ok


def test_struct_outputs_compare_field_by_field() -> None:
    dt = np.dtype([("x", "f4"), ("n", "i4")], align=True)
    e = np.zeros(3, dt)
    a = e.copy()
    a["n"][1] = 5
    res = compare("p", e, a, Tolerance(exact=True))
    assert not res.ok and res.bad == 1
