"""CUDA's SIMD-within-a-word intrinsics (translator/targets/simd.py): the C++ form of all 118 (the SYCL header,
compiled with g++ and run on the host) against the Python model of CUDA's per-lane semantics on edge and random
words; the model against CUDA's documented examples; the header is what the table generates; every intrinsic has
a supported rule on each target."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np

from tests.conftest import tool_missing
from tests.targets.simd_model import NAMES, calls, compare, model, reference
from translator.targets import simd


def test_model_agrees_with_cuda_documentation_examples() -> None:
    # the examples the CUDA Math API gives, and hand-checked lane cases
    assert model("__vcmpeq2", 0x1234ABA5, 0x1234ABA6, 0)[0] == 0xFFFF0000
    assert model("__vcmplts4", 0x1234ABA5, 0x1234ABA6, 0)[0] == 0x000000FF
    assert model("__vcmpgts2", 0x1234ABA5, 0x1234ABA6, 0)[0] == 0
    assert model("__vseteq4", 0x1234ABA5, 0x1234ABA6, 0)[0] == 0x01010100
    assert model("__vabs4", 0x80FF7F01, 0, 0)[0] == 0x80017F01  # |-128| wraps to 0x80
    assert model("__vabsss4", 0x80FF7F01, 0, 0)[0] == 0x7F017F01
    assert model("__vavgs2", 0xFFFF0001, 0xFFFE0002, 0)[0] == 0xFFFE0002  # -1.5 -> -2, 1.5 -> 2
    assert model("__vsads2", 0xFFFF0000, 0x7FFF0001, 0)[0] == 32769
    assert model("__viaddmax_s16x2", 0x7FFF0000, 0x00010000, 0x00000000)[0] == 0x00000000  # 0x7fff+1 wraps
    assert model("__vibmin_u16x2", 0x00010005, 0x00020003, 0) == (0x00010003, 0b10)


def test_cpp_definitions_match_cuda_semantics(tmp_path: Path) -> None:
    if shutil.which("g++") is None:
        tool_missing("needs g++")
    rows = reference()[0]
    data = ",".join(str(v) for v in rows.ravel())
    body = "\n        ".join(calls("cpsycl::"))
    src = tmp_path / "simd.cpp"
    src.write_text(f'#include "cudaport_sycl/simd.hpp"\n#include <cstdio>\n'
                   f"static const unsigned int in[] = {{{data}}};\nint main() {{\n"
                   f"    unsigned int o[{2 * len(NAMES)}]; bool p0, p1;\n"
                   f"    for (unsigned long r = 0; r < {len(rows)}; ++r) {{\n"
                   f"        unsigned int a = in[3 * r], b = in[3 * r + 1], c = in[3 * r + 2];\n        {body}\n"
                   f"        for (int k = 0; k < {2 * len(NAMES)}; ++k) printf(\"%u\\n\", o[k]);\n    }}\n}}\n")
    exe = tmp_path / "simd"
    inc = simd.SYCL_HEADER_PATH.parents[1]
    subprocess.run(["g++", "-std=c++17", "-O1", "-Wall", "-Werror", "-I", str(inc), str(src), "-o", str(exe)],
                   check=True)
    out = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout.split()
    compare(np.array(out, np.uint64).astype(np.uint32).reshape(len(rows), -1))


def test_sycl_header_is_generated_from_the_table() -> None:
    assert simd.SYCL_HEADER_PATH.read_text() == simd.sycl_header(), \
        "run `python -m translator.targets.simd` to regenerate cudaport_sycl/simd.hpp"


def test_every_intrinsic_has_a_rule_for_each_target() -> None:
    from translator.engine.ruleset import load_rules

    rules = load_rules()
    for name in NAMES:
        rule = rules.get(name)
        assert rule is not None, name
        for target in ("hip", "sycl", "opencl"):
            assert rule.for_target(target).status == "supported", (name, target)


