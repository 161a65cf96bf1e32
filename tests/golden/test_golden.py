"""Runs every golden file under tests/golden/<target>/ through the translator for its target and matches
the CHECK-<TARGET> lines (checkfile.py). Options for a file come from a `// OPTIONS: --hip-version 5.2` line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.golden.checkfile import checks_for, match, strip_checks
from translator.api import translate_text
from translator.engine.context import Options
from translator.targets.base import UnknownTarget, get_target

HERE = Path(__file__).parent
CASES = sorted((t, p) for t in ("hip", "sycl", "opencl") for p in (HERE / t).glob("*.cu*") if (HERE / t).is_dir())


def _options(target: str, source: str) -> Options:
    m = re.search(r"//\s*OPTIONS:\s*(.*)", source)
    opts = m.group(1).split() if m else []
    version = (6, 4)
    if "--hip-version" in opts:
        version = tuple(int(p) for p in opts[opts.index("--hip-version") + 1].split("."))
    return Options(target=target, hip_version=version, hip_launch_ggl="--hip-launch-kernel-ggl" in opts)


@pytest.mark.parametrize(("target", "path"), CASES, ids=[f"{t}/{p.name}" for t, p in CASES])
def test_golden_file(target: str, path: Path) -> None:
    try:
        get_target(target)
    except UnknownTarget as exc:
        pytest.skip(str(exc))
    source = path.read_text()
    checks = checks_for(source, target)
    cl_checks = checks_for(source, "opencl-cl") if target == "opencl" else []
    assert checks or cl_checks, f"{path} has no CHECK-{target.upper()} lines"
    result = translate_text(strip_checks(source), target, name=path.name, options=_options(target, source))
    problems = match(checks, result.output.decode())
    assert not problems, f"{path}:\n" + "\n".join(problems) + "\n--- output ---\n" + result.output.decode()
    if cl_checks:
        cl = next((v.decode() for k, v in result.extra_files.items() if k.endswith(".cl")), "")
        problems = match(cl_checks, cl)
        assert not problems, f"{path} (.cl):\n" + "\n".join(problems) + "\n--- .cl ---\n" + cl
