"""hipDeviceProp_t field checks depend on --hip-version: HIP 6.0 has CUDA 12's fields, so nothing is flagged
or renamed there; before 6.0 the same access is flagged."""

from __future__ import annotations

from translator.api import translate_text
from translator.engine.context import Options

SRC = "int f(const cudaDeviceProp& p) { return p.deviceOverlap + p.sharedMemPerMultiprocessor; }\n"


def _hip(version: tuple[int, ...]) -> str:
    return translate_text(SRC, "hip", options=Options(target="hip", hip_version=version), name="p.cpp").output.decode()


def test_hip_6_keeps_cuda_12_device_prop_fields() -> None:
    assert _hip((6, 0)) == ("int f(const hipDeviceProp_t& p) { return p.deviceOverlap + "
                            "p.sharedMemPerMultiprocessor; }\n")


def test_hip_5_flags_and_renames_device_prop_fields() -> None:
    out = _hip((5, 7))
    assert "CP2001" in out and "cudaDeviceProp::deviceOverlap" in out
    assert "p.maxSharedMemoryPerMultiProcessor" in out


def test_declarators_after_a_nested_array_dimension_are_still_seen() -> None:
    src = ("const int n[1] = {2};\nvoid f() { cudaDeviceProp props[n[0]], q; "
           "int a = q.sharedMemPerMultiprocessor + props[n[0]].sharedMemPerMultiprocessor; }\n")
    out = translate_text(src, "hip", options=Options(target="hip", hip_version=(5, 7)), name="p.cpp").output.decode()
    assert out.count("maxSharedMemoryPerMultiProcessor") == 2, out
