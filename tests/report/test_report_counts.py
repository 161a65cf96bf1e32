"""Every number the report shows, checked against counts made by hand on tests/report/data (HIP target).

Hand count of data/sample/kernels.cu (line: CUDA names), the comment on line 2 and the string in host.cpp hold
CUDA names that are not uses:
  3 cuda_runtime.h | 5 __global__ | 7 blockIdx blockDim threadIdx | 8 __expf | 11 __global__ | 13 __shared__
  14 threadIdx | 15 __shfl_down_sync | 16 threadIdx threadIdx | 17 __syncthreads | 18 threadIdx atomicAdd
  21 __device__ | 32 cudaConfigureCall (no HIP equivalent: CP2001) | 33 cudaMalloc | 34 cudaMallocManaged
  35 cudaMemcpy cudaMemcpyHostToDevice | 38 cudaMemPrefetchAsync (partial: CP2003) | 39 cudaDeviceSynchronize
  40 cudaThreadSynchronize (removed: CP2005) | 41 cudaFree | 42 cudaFree                       -> 26 uses, 21 lines
  launches on lines 36 and 37; kernels scale and warp_sum; 44 lines.
data/sample/host.cpp: 2 cuda_runtime.h | 8 cudaGetDeviceCount -> 2 uses, 2 lines; 10 lines.
data/sample/plain.cpp: no CUDA (copied, not counted).
"""

from __future__ import annotations

from collections import Counter

import pytest

from translator.report.model import TargetReport

# Effort with the built-in weights (effort.yaml), term by term:
#   per_file 2 x 0.25 + per_kernel 2 x 0.5 + review 2 x 0.25 + unsupported 1 x 2.0
#   + CP3001 3 x 0.5 + CP3004 1 x 4.0 + CP3011 1 x 0.1 = 0.5 + 1.0 + 0.5 + 2.0 + 1.5 + 4.0 + 0.1 = 9.6
SAMPLE_EFFORT = 9.6


def _hip(report) -> TargetReport:  # type: ignore[no-untyped-def]
    (t,) = [t for t in report.targets if t.target == "hip"]
    return t


def test_uses_by_outcome_match_the_hand_count(sample_report) -> None:  # type: ignore[no-untyped-def]
    t = _hip(sample_report)
    assert len(t.uses) == 28
    assert t.outcomes == Counter({"auto": 25, "review": 2, "unsupported": 1})


def test_uses_by_family_group_match_the_hand_count(sample_report) -> None:  # type: ignore[no-untyped-def]
    groups = {g: sum(c.values()) for g, c in _hip(sample_report).groups().items()}
    assert groups == {"headers": 2, "device functions": 12, "math": 1, "warp": 1, "atomics": 1, "runtime": 10,
                      "types": 1}
    assert _hip(sample_report).groups()["runtime"] == Counter({"auto": 7, "review": 2, "unsupported": 1})


def test_per_file_lines_kernels_and_launches(sample_report) -> None:  # type: ignore[no-untyped-def]
    files = {f.path: f for f in _hip(sample_report).files}
    assert set(files) == {"kernels.cu", "host.cpp"}
    k, h = files["kernels.cu"], files["host.cpp"]
    assert (k.lines, k.cuda_lines, k.kernels, k.launches, k.findings) == (44, 23, ("scale", "warp_sum"), 2, 8)
    assert (h.lines, h.cuda_lines, h.kernels, h.launches, h.findings) == (10, 2, (), 0, 0)
    assert k.outcomes == {"auto": 23, "review": 2, "unsupported": 1}
    assert _hip(sample_report).not_cuda == 1  # plain.cpp


def test_findings_by_code(sample_report) -> None:  # type: ignore[no-untyped-def]
    codes = Counter(f.code for f in _hip(sample_report).findings)
    # CP5005: the sample has no build script, so translation would generate a CMakeLists.txt.
    assert codes == Counter({"CP3001": 3, "CP3011": 1, "CP2001": 1, "CP2003": 1, "CP2005": 1, "CP3004": 1,
                             "CP5005": 1})
    assert _hip(sample_report).risk_codes() == Counter({"CP3001": 3, "CP3011": 1, "CP3004": 1})


def test_risky_constructs_by_category_and_place(sample_report) -> None:  # type: ignore[no-untyped-def]
    t = _hip(sample_report)
    assert t.risk_counts() == Counter({"warp-size": 4, "fast-math": 1, "inline-asm": 1, "managed-memory": 2})
    places = {(r.category, r.line, r.api) for r in t.risks}
    assert places == {("fast-math", 8, "__expf"), ("warp-size", 15, "__shfl_down_sync"), ("warp-size", 16, None),
                      ("inline-asm", 24, None), ("managed-memory", 34, "cudaMallocManaged"),
                      ("managed-memory", 38, "cudaMemPrefetchAsync")}


def test_unported_api_with_its_place(sample_report) -> None:  # type: ignore[no-untyped-def]
    (a,) = _hip(sample_report).unported
    assert (a.api, a.group, a.outcome.value, a.code, a.locations) == (
        "cudaConfigureCall", "runtime", "unsupported", "CP2001", ("kernels.cu:32",))


def test_rule_score_is_translated_share(sample_report) -> None:  # type: ignore[no-untyped-def]
    assert _hip(sample_report).rule_score == pytest.approx(round(100 * 27 / 28, 1))  # 96.4


def test_error_diagnostics_cap_the_score_below_the_threshold(sample_report) -> None:  # type: ignore[no-untyped-def]
    t = _hip(sample_report)  # inline PTX (CP3004) and cudaConfigureCall (CP2001) are left for a person
    assert t.score == 90.0 and t.capped_by == "2 error diagnostic(s)"
    assert not t.predicted_to_work and t.score_basis == "estimate"
    assert {f.path: f.score for f in t.files if f.errors} == {"kernels.cu": 90.0}


def test_effort_is_the_documented_sum(sample_report) -> None:  # type: ignore[no-untyped-def]
    t = _hip(sample_report)
    assert t.effort.hours == pytest.approx(SAMPLE_EFFORT)
    terms = {x.item: (x.count, x.weight) for x in t.effort.terms}
    assert terms == {"per_file": (2, 0.25), "per_kernel": (2, 0.5), "outcome:auto": (25, 0.0),
                     "outcome:review": (2, 0.25), "outcome:unsupported": (1, 2.0), "finding:CP3001": (3, 0.5),
                     "finding:CP3004": (1, 4.0), "finding:CP3011": (1, 0.1)}
    by_file = {f.path: f.effort.hours for f in t.files}
    assert by_file == pytest.approx({"kernels.cu": 9.35, "host.cpp": 0.25})
    assert [f.path for f in t.files] == ["kernels.cu", "host.cpp"]  # heaviest first


def test_user_names_and_skipped_files(analyse_dir, data_dir) -> None:  # type: ignore[no-untyped-def]
    """data/odd: own_names.cu declares its own cudaInitDevice (2 user uses) next to __device__, __global__ and
    threadIdx (3 auto); blob.cu is binary (skipped, CP1008). Score 3/3; effort 0.25 + 0.5 + 0.1 (CP1008)."""
    t = _hip(analyse_dir(data_dir / "odd", ["hip"]))
    assert t.outcomes == Counter({"auto": 3, "user": 2})
    assert t.score == 100.0
    files = {f.path: f for f in t.files}
    assert files["blob.cu"].status == "skipped" and files["blob.cu"].reason == "binary file"
    assert Counter(f.code for f in t.findings) == Counter({"CP1003": 1, "CP1008": 1, "CP5005": 1})
    assert t.effort.hours == pytest.approx(0.85)


def test_totals_are_sums_of_their_parts_on_every_target(sample_report) -> None:  # type: ignore[no-untyped-def]
    """Whatever targets this build has: per target, the totals shown are sums of the parts shown."""
    report = sample_report
    for t in report.available:
        assert sum(t.outcomes.values()) == len(t.uses)
        assert sum(sum(c.values()) for c in t.groups().values()) == len(t.uses)
        assert sum(f.effort.hours for f in t.files) == pytest.approx(t.effort.hours)
        assert t.kernels == 2 and t.launches == 2
    for t in report.targets:
        assert t.available or "not available" in (t.reason or "")


def test_sycl_helper_and_direct_uses_per_file(sample_report) -> None:  # type: ignore[no-untyped-def]
    # kernels.cu: cudaMalloc, cudaMallocManaged, cudaMemcpy, cudaDeviceSynchronize and both cudaFree are whole
    # statements: SYCL's own calls (6 direct); cudaMemcpyHostToDevice sits in the argument the direct memcpy
    # drops. host.cpp: cudaGetDeviceCount has no SYCL call of its own: the cpsycl helper (1).
    (t,) = [t for t in sample_report.targets if t.target == "sycl"]
    files = {f.path: (f.helper_uses, f.direct_uses) for f in t.files}
    assert files == {"kernels.cu": (0, 6), "host.cpp": (1, 0)}
    (hip,) = [t for t in sample_report.targets if t.target == "hip"]
    assert all(f.helper_uses == f.direct_uses == 0 for f in hip.files)
