"""CUDA graphs made by stream capture translated to SYCL: oneAPI command graphs (sycl_ext_oneapi_graph) record
the stream's queue, are finalized and submitted with ext_oneapi_graph; the translation type-checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.sycl.libtypecheck import typecheck
from translator.api import translate_text

pytestmark = [pytest.mark.sycl_headers]

PROGRAM = r"""
#include <cuda_runtime.h>
#include <cstdio>
__global__ void scale(float* x, float a, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] *= a;
}
int main() {
  const int n = 1024;
  float h[n];
  for (int i = 0; i < n; ++i) h[i] = i;
  float* d;
  cudaMalloc(&d, sizeof(h));
  cudaStream_t s;
  cudaStreamCreate(&s);
  cudaGraph_t graph;
  cudaGraphExec_t exec;
  cudaStreamBeginCapture(s, cudaStreamCaptureModeGlobal);
  cudaMemcpyAsync(d, h, sizeof(h), cudaMemcpyHostToDevice, s);
  scale<<<n / 256, 256, 0, s>>>(d, 2.0f, n);
  cudaMemcpyAsync(h, d, sizeof(h), cudaMemcpyDeviceToHost, s);
  cudaStreamEndCapture(s, &graph);
  cudaGraphInstantiate(&exec, graph, NULL, NULL, 0);
  for (int r = 0; r < 3; ++r) cudaGraphLaunch(exec, s);
  cudaStreamSynchronize(s);
  if (cudaGraphExecDestroy(exec) != cudaSuccess) return 1;
  cudaGraphDestroy(graph);
  printf("%f\n", h[3]);
  return 0;
}
"""


def test_stream_capture_becomes_a_command_graph(tmp_path: Path) -> None:
    res = translate_text(PROGRAM, "sycl", name="graph.cu")
    assert not [f for f in res.findings if f.code in ("CP2001", "CP2002", "CP2008")], res.findings
    text = res.output.decode()
    assert "cpsycl::graph_t graph;" in text
    assert "cpsycl::stream_begin_capture(s, cpsycl::stream_capture_mode_global);" in text
    assert "cpsycl::queue_of(s).ext_oneapi_graph(*(exec));" in text
    done = typecheck(tmp_path, "graph.cpp", text)
    assert done.returncode == 0, done.stderr[-3000:]


def test_launching_an_uninstantiated_graph_fails_the_type_check(tmp_path: Path) -> None:
    """The check is real: a graph (not its executable form) handed to cudaGraphLaunch does not type-check."""
    bad = PROGRAM.replace("cudaGraphLaunch(exec, s);", "cudaGraphLaunch(graph, s);")
    done = typecheck(tmp_path, "bad.cpp", translate_text(bad, "sycl", name="bad.cu").output.decode())
    assert done.returncode != 0
