"""Host code that real programs write around the runtime, translated to SYCL and type-checked with g++ against
the SYCL 2020 headers and the cpsycl helper: device attributes, stream-ordered allocation, event flags,
long long vectors as template arguments, __align__ on a typedef, and the program's own free() of an array of
streams (the helper's handle types must not drag cpsycl::free in by argument-dependent lookup)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.sycl.typecheck import typecheck_text
from translator.api import translate_text

pytestmark = [pytest.mark.sycl_headers, pytest.mark.gxx]

SOURCE = """\
#include <cstdlib>
template <typename T> struct Align;
template <> struct Align<long2> { typedef __align__(16) long2 Type; };
template <> struct Align<longlong2> { typedef __align__(16) longlong2 Type; };

int main() {
  int smem = 0, pools = 0;
  cudaDeviceGetAttribute(&smem, cudaDevAttrMaxSharedMemoryPerBlock, 0);
  cudaDeviceGetAttribute(&pools, cudaDevAttrMemoryPoolsSupported, 0);
  cudaStream_t* streams = (cudaStream_t*)malloc(2 * sizeof(cudaStream_t));
  cudaEvent_t ev;
  cudaEventCreateWithFlags(&ev, cudaEventDisableTiming);
  cudaStreamCreate(&streams[0]);
  cudaMemPool_t pool;
  cudaDeviceGetDefaultMemPool(&pool, 0);
  unsigned long long threshold = ~0ull;
  cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &threshold);
  float* p = nullptr;
  cudaMallocAsync(&p, 64 * sizeof(float), streams[0]);
  cudaFreeAsync(p, streams[0]);
  cudaStreamDestroy(streams[0]);
  cudaEventDestroy(ev);
  free(streams);
  return smem > 0 && pools >= 0 ? 0 : 1;
}
"""


def test_runtime_host_code_type_checks(tmp_path: Path) -> None:
    result = translate_text(SOURCE, "sycl", name="main.cu")
    done = typecheck_text(tmp_path, str(result.out_rel), result.output)
    assert done.returncode == 0, result.output.decode() + "\n" + done.stderr[-3000:]
