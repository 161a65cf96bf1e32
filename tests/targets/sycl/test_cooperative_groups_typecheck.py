"""Cooperative groups translated to SYCL: the code keeps cg's calls, cooperative_groups.h becomes
cudaport_sycl/cooperative_groups.hpp (sycl::group and sycl::sub_group), a kernel that makes a tile gets the
required sub-group size 32, and the translation type-checks; grid groups are CP2008 at their use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.sycl.libtypecheck import typecheck
from translator.api import translate_text

pytestmark = [pytest.mark.sycl_headers]

PROGRAM = r"""
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
#include <cstdio>
namespace cg = cooperative_groups;

__device__ float tile_sum(cg::thread_block_tile<32> warp, float v) {
  for (int o = warp.size() / 2; o > 0; o /= 2) v += warp.shfl_down(v, o);
  return v;
}

__device__ int aggregate(int* counter) {
  auto g = cg::coalesced_threads();
  int base = 0;
  if (g.thread_rank() == 0) base = atomicAdd(counter, g.size());
  return g.shfl(base, 0) + g.thread_rank();
}

__global__ void rows(const float* in, float* out, int* counter, int n) {
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<32> warp = cg::tiled_partition<32>(block);
  cg::thread_block_tile<8> eight = cg::tiled_partition<8>(block);
  __shared__ float tmp[256];
  tmp[block.thread_rank()] = in[blockIdx.x * blockDim.x + threadIdx.x];
  cg::sync(block);
  float v = tmp[block.thread_rank()];
  float hi = cg::reduce(warp, v, cg::greater<float>());
  float s8 = cg::reduce(eight, v, cg::plus<float>());
  if (warp.thread_rank() == 0 && warp.any(v > 0.0f))
    out[blockIdx.x * warp.meta_group_size() + warp.meta_group_rank()] = hi + s8 + tile_sum(warp, v);
  block.sync();
  if (eight.all(v >= 0.0f)) aggregate(counter);
}

int main() {
  float *in, *out;
  int* counter;
  cudaMalloc(&in, 1024 * sizeof(float));
  cudaMalloc(&out, 1024 * sizeof(float));
  cudaMalloc(&counter, sizeof(int));
  rows<<<4, 256>>>(in, out, counter, 1024);
  cudaDeviceSynchronize();
  printf("done\n");
  return 0;
}
"""


def test_cooperative_groups_program_type_checks(tmp_path: Path) -> None:
    res = translate_text(PROGRAM, "sycl", name="cg.cu")
    assert not [f for f in res.findings if f.code in ("CP2001", "CP2002", "CP2008")], res.findings
    text = res.output.decode()
    assert "#include <cudaport_sycl/cooperative_groups.hpp>" in text and "<cooperative_groups" not in text
    assert "[[sycl::reqd_sub_group_size(32)]]" in text  # the tiles are sub-groups of 32
    assert "cg::reduce(warp, v, cg::greater<float>())" in text
    done = typecheck(tmp_path, "cg.cpp", text)
    assert done.returncode == 0, done.stderr[-3000:]


def test_tile_wider_than_a_sub_group_fails_the_type_check(tmp_path: Path) -> None:
    """The check is real: a 64-wide tile has no sub-group to live on, the header refuses it."""
    bad = PROGRAM.replace("cg::thread_block_tile<8> eight = cg::tiled_partition<8>(block);",
                          "cg::thread_block_tile<64> eight = cg::tiled_partition<64>(block);")
    done = typecheck(tmp_path, "bad.cpp", translate_text(bad, "sycl", name="bad.cu").output.decode())
    assert done.returncode != 0 and "powers of two up to 32" in done.stderr


def test_grid_group_is_cp2008_naming_it() -> None:
    cuda = ("#include <cooperative_groups.h>\nnamespace cg = cooperative_groups;\n"
            "__global__ void k(int* x) {\n  cg::grid_group g = cg::this_grid();\n  g.sync();\n}\n")
    res = translate_text(cuda, "sycl", name="g.cu")
    found = sorted(f.api for f in res.findings if f.code == "CP2008")
    assert found == ["cooperative_groups::grid_group", "cooperative_groups::this_grid"]
