"""APIs and headers that only newer HIP releases declare are flagged (CP2001, naming the release) when
--hip-version is older, and translated silently for a HIP that has them."""

from __future__ import annotations

from translator.api import translate_text
from translator.engine.context import Options

SRC = b"""#include <math_constants.h>
void add_alloc(cudaGraph_t g, cudaGraphNode_t* node, cudaMemAllocNodeParams* params) {
  cudaGraphAddMemAllocNode(node, g, nullptr, 0, params);
}
"""


def _translate(version: tuple[int, int]):  # type: ignore[no-untyped-def]
    return translate_text(SRC, "hip", name="graph.cpp", options=Options(target="hip", hip_version=version))


def test_old_hip_flags_each_newer_api_with_the_release_it_needs() -> None:
    result = _translate((5, 2))
    flagged = {f.api: f.message for f in result.findings if f.code == "CP2001"}
    assert "needs HIP 5.3" in flagged["math_constants.h"]
    assert "needs HIP 5.5" in flagged["cudaGraphAddMemAllocNode"]
    assert "hipGraphAddMemAllocNode(node, g, nullptr, 0, params)" in result.output.decode()


def test_new_hip_translates_the_same_code_without_findings() -> None:
    result = _translate((6, 4))
    assert not [f for f in result.findings if f.code == "CP2001"]
    out = result.output.decode()
    assert "#include <hip/hip_math_constants.h>" in out and "hipGraphAddMemAllocNode(" in out
