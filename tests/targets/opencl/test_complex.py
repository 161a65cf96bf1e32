"""cuComplex.h on OpenCL: host code includes the shim's cudaport_cucomplex.h and keeps CUDA's names; kernels get
the same names from the prelude's complex part (float2/double2 and the helpers), which only programs naming one of
them receive. The translated kernels run in the cuFFT corpus case (tests/shim/test_opencl_cufft.py)."""

from __future__ import annotations

from translator.api import translate_text

KERNEL = b"""#include <cuComplex.h>
__global__ void k(cuFloatComplex* a, cuDoubleComplex* z, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) { a[i] = cuCdivf(a[i], make_cuFloatComplex(cuCabsf(a[i]), 1.0f)); z[i] = cuConj(z[i]); }
}
int main() { cuDoubleComplex h = make_cuDoubleComplex(1.0, 2.0); return (int)cuCreal(h); }
"""


def test_complex_names_stay_and_the_prelude_defines_them_for_kernels() -> None:
    res = translate_text(KERNEL, "opencl", name="k.cu")
    host = res.output.decode()
    cl_text = res.extra_files["k.cl"].decode()
    assert "#include <cudaport_cucomplex.h>" in host and "make_cuDoubleComplex(1.0, 2.0)" in host
    assert not [f for f in res.findings if f.code in ("CP2002", "CP2008")]
    assert "typedef float2 cuFloatComplex;" in cl_text and "typedef double2 cuDoubleComplex;" in cl_text
    assert "cuCdivf(a[i], make_cuFloatComplex(cuCabsf(a[i]), 1.0f))" in cl_text


def test_programs_without_complex_names_get_no_complex_prelude() -> None:
    res = translate_text(b"__global__ void k(float2* a) { a[0].x = 1.0f; }\n", "opencl", name="k.cu")
    assert "cuFloatComplex" not in res.extra_files["k.cl"].decode()
