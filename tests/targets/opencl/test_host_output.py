"""Host side of the OpenCL target: shim include, typed launch stubs, symbol registration, output names and
the build-breaking #error for untranslatable kernels (no OpenCL device needed)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from translator.api import translate_text
from translator.targets.base import get_target

REPO = Path(__file__).resolve().parents[3]


def test_launch_becomes_typed_stub_call_and_kernel_moves_to_cl() -> None:
    src = (Path(__file__).parent / "kernels.cu").read_text()
    r = translate_text(src, "opencl", name="kernels.cu")
    host = r.output.decode()
    assert "#include <cudaport_opencl.h>" in host and "cuda_runtime.h" not in host
    assert "cp_launch_index1d(4, 64, 0, 0, d, 256);" in host
    assert "cp_launch_reverse_dynamic(2, 32, 32 * sizeof(int), 0, d);" in host
    assert "cp_launch_scale_t<float>(1, 32, 0, 0, (float*)d, 2.0f, 32);" in host
    assert "{CP_ARG_LOCAL, nullptr, cp_shmem}" in host
    assert 'cpRegisterSymbol((const void*)&c_scale, sizeof(c_scale), "c_scale")' in host
    stubs = host.split("cp_program_kernels()")[1].split("int main")[0]
    assert "__global__" not in stubs.replace("cudaport: kernel", "")
    assert "__kernel void scale_t_float(" in r.extra_files["kernels.cl"].decode()
    assert r.out_rel == PurePosixPath("kernels.cpp")
    assert get_target("opencl").output_path(PurePosixPath("a/b.cuh"), True) == PurePosixPath("a/b.cuh")


def test_untranslatable_kernel_breaks_the_build_with_the_diagnostic_code() -> None:
    src = (REPO / "corpus/programs/unsupported_mix/unsupported_mix.cu").read_text()
    r = translate_text(src, "opencl", name="unsupported_mix.cu")
    cl_text = r.extra_files["unsupported_mix.cl"].decode()
    assert '#error "CUDAPORT CP3005' in cl_text  # the kernel's first untranslatable construct: tex1Dfetch
    assert "__kernel void" in cl_text  # the supported kernel is still translated
    errors = [ln for ln in r.output.decode().splitlines()  # the host file's own, not the embedded .cl's
              if ln.startswith('#error "CUDAPORT') and " at line " in ln]
    assert errors[0].startswith('#error "CUDAPORT CP3004 at line 32')  # in source order: the asm comes first
    assert any("CP3005" in ln for ln in errors)
    assert any(f.code == "CP3004" for f in r.findings)


def test_warp_call_under_divergent_branch_is_diagnosed() -> None:
    src = """
__device__ int wsum(int v) { return v + __shfl_down_sync(0xffffffffu, v, 1); }
__global__ void k(int* out) {
    int v = out[threadIdx.x];
    if (threadIdx.x < 32) v = wsum(out[v]);
    out[threadIdx.x] = v;
}
"""
    # the argument reads memory, so the call is not hoisted out of the branch (see test_warp_hoisting.py)
    r = translate_text(src, "opencl", name="w.cu")
    assert any(f.code == "CP4001" for f in r.findings)
    src_ok = src.replace("if (threadIdx.x < 32) v = wsum(out[v]);", "v = wsum(v);")
    assert not any(f.code == "CP4001" for f in translate_text(src_ok, "opencl", name="w.cu").findings)
