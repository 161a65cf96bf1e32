"""HIP library modes (translator/targets/hip_modes.py): the rules/modes/ overlays are well formed, --roc maps
the ROC libraries and flags what it does not map, --library-data-types spells cudaDataType as the BLAS
library's enum, and the golden files under tests/golden/hip_modes/ match (their OPTIONS line names the modes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.golden.checkfile import checks_for, match, strip_checks
from translator.api import default_rules, translate_text
from translator.engine.context import Options
from translator.engine.ruleset import load_file, rule_files
from translator.resources import rules_dir
from translator.targets.hip_modes import MODES, ROC_FAMILIES, with_modes

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "hip_modes"
OVERLAYS = rule_files(rules_dir() / "modes")


def _hip(source: str, *modes: str) -> str:
    result = translate_text(source, "hip", name="x.cpp", options=Options(target="hip"),
                            target_opts={"modes": list(modes)})
    return result.output.decode()


@pytest.mark.parametrize("path", OVERLAYS, ids=[p.parent.name + "/" + p.name for p in OVERLAYS])
def test_overlay_entries_name_base_rules_and_change_them(path: Path) -> None:
    base = default_rules()
    for name, rule in load_file(path).rules.items():
        assert name in base, f"{path}: {name} has no base rule"
        assert base.get(name).kind == rule.kind, f"{path}: {name} changes kind"
        assert rule.for_target("hip") != base.get(name).for_target("hip"), f"{path}: {name} maps as in the base"


EXAMPLES = [(path, ex) for path in OVERLAYS for ex in load_file(path).examples]


@pytest.mark.parametrize(("path", "example"), EXAMPLES, ids=[f"{p.parent.name}/{p.name}:{e.line}" for p, e in EXAMPLES])
def test_overlay_example(path: Path, example) -> None:  # type: ignore[no-untyped-def]
    assert _hip(example.cuda, *path.parent.name.split("+")) == example.expected["hip"], example.name


def test_mode_folders_are_known_modes() -> None:
    for folder in (rules_dir() / "modes").iterdir():
        assert all(part in MODES for part in folder.name.split("+")), folder.name


def test_roc_leaves_no_wrapper_mapping_in_its_families() -> None:
    rules = with_modes(default_rules(), ("roc",))
    for name, rule in rules.rules.items():
        hip = rule.for_target("hip")
        if rule.family in ROC_FAMILIES and hip is not None and hip.status != "unsupported":
            text = hip.rename or hip.template or ""
            assert not re.match(r"hip(blas|rand|sparse|solver|fft)", text), f"{name} -> {text} in --roc mode"


def test_default_mode_keeps_the_hip_wrappers() -> None:
    out = _hip("cublasCreate(&h);\ncurandCreateGenerator(&g, CURAND_RNG_PSEUDO_DEFAULT);\nt = CUDA_R_32F;\n")
    assert out == "hipblasCreate(&h);\nhiprandCreateGenerator(&g, HIPRAND_RNG_PSEUDO_DEFAULT);\nt = HIP_R_32F;\n"


def test_library_data_types_without_roc_use_hipblas_enum() -> None:
    assert _hip("cudaDataType t = CUDA_R_16BF;\n", "library-data-types") == "hipblasDatatype_t t = HIPBLAS_R_16B;\n"


def test_roc_device_random_api() -> None:
    src = "__device__ void f(curandState *s) { curand_init(1, 0, 0, s); float x = curand_uniform(s); }\n"
    assert _hip(src, "roc") == ("__device__ void f(rocrand_state_xorwow *s) { rocrand_init(1, 0, 0, s); "
                                "float x = rocrand_uniform(s); }\n")


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown HIP library mode"):
        translate_text("int x;\n", "hip", target_opts={"modes": ["rocm"]})


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.cu")), ids=lambda p: p.name)
def test_golden_with_modes(path: Path) -> None:
    source = path.read_text()
    opts = re.search(r"//\s*OPTIONS:\s*(.*)", source).group(1).split()
    modes = [o.removeprefix("--") for o in opts if o.removeprefix("--") in MODES]
    result = translate_text(strip_checks(source), "hip", name=path.name, options=Options(target="hip"),
                            target_opts={"modes": modes})
    problems = match(checks_for(source, "hip"), result.output.decode())
    assert not problems, "\n".join(problems) + "\n--- output ---\n" + result.output.decode()
