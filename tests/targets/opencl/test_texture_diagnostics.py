"""Texture and surface APIs (host objects, device fetches and surface writes) are CP3005 at each use on OpenCL and
SYCL, never CP2002 (no rule) or silence; on OpenCL the kernel and host file carry an #error naming CP3005."""

from __future__ import annotations

import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
__global__ void k(cudaTextureObject_t tex, cudaSurfaceObject_t surf, float* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) { out[i] = tex1Dfetch<float>(tex, i) + tex2D<float>(tex, i, 0); surf2Dwrite(out[i], surf, 4 * i, 0); }
}
void run(float* out, int n)
{
    cudaResourceDesc res = {};
    cudaTextureDesc td = {};
    cudaTextureObject_t tex = 0;
    cudaCreateTextureObject(&tex, &res, &td, nullptr);
    cudaSurfaceObject_t surf = 0;
    cudaCreateSurfaceObject(&surf, &res);
    k<<<1, 64>>>(tex, surf, out, n);
    cudaDestroyTextureObject(tex);
}
"""
APIS = {"tex1Dfetch", "tex2D", "surf2Dwrite", "cudaTextureObject_t", "cudaSurfaceObject_t", "cudaResourceDesc",
        "cudaTextureDesc", "cudaCreateTextureObject", "cudaCreateSurfaceObject", "cudaDestroyTextureObject"}


@pytest.mark.parametrize("target", ["opencl", "sycl"])
def test_each_texture_use_is_cp3005(target):
    res = translate_text(SRC, target, name="tex.cu")
    found = [f for f in res.findings if f.code == "CP3005"]
    assert {n for n in APIS if any(n in f.message for f in found)} == APIS
    assert not [f for f in res.findings if f.code == "CP2002"]


def test_opencl_build_stops_with_the_diagnostic():
    res = translate_text(SRC, "opencl", name="tex.cu")
    assert '#error "CUDAPORT CP3005' in res.extra_files["tex.cl"].decode()
    assert '#error "CUDAPORT CP3005' in res.output.decode()
