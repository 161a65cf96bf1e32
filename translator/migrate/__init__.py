"""Build-script migration: CMakeLists.txt/*.cmake and Makefiles of a CUDA project moved to the target's build
(HIP language and hipcc, the OpenCL shim with g++, icpx -fsycl), and a generated CMakeLists.txt for trees
without one. Input: script bytes + BuildContext. Output: migrated bytes and CP5xxx Findings.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from translator.engine.diagnostics import make_finding
from translator.migrate import cmake, make
from translator.migrate.common import BuildContext, Migration
from translator.migrate.generate import generate_cmake
from translator.migrate.profiles import located_profile
from translator.model import Finding

__all__ = ["BuildContext", "build_kind", "generate_cmake", "migrate_build_file"]

_MAKEFILES = frozenset({"Makefile", "makefile", "GNUmakefile"})


def build_kind(rel: PurePosixPath) -> str | None:
    """"cmake", "make" or None for a path relative to the input root."""
    if rel.name == "CMakeLists.txt" or rel.suffix == ".cmake":
        return "cmake"
    if rel.name in _MAKEFILES or rel.suffix == ".mk":
        return "make"
    return None


def migrate_build_file(kind: str, rel: PurePosixPath, data: bytes, ctx: BuildContext) -> tuple[bytes, list[Finding]]:
    """The migrated script; unchanged (with a finding) when the target has no build support or it cannot parse."""
    prof = located_profile(ctx, kind, rel.parent.as_posix())
    display = str(rel)
    if prof is None:
        return data, [make_finding("CP5006", display, 1, 1, ctx.target)]
    text = data.decode("utf-8", "surrogateescape")
    mig = Migration(text, display)
    try:
        if kind == "cmake":
            cmake.migrate(rel, text, ctx, prof, mig)
        else:
            make.migrate(text, ctx, prof, mig)
    except cmake.CMakeParseError as exc:
        mig.findings.clear()
        mig.report("CP5015", text, exc.offset, str(exc))
        return data, mig.findings
    return mig.apply().encode("utf-8", "surrogateescape"), mig.findings
