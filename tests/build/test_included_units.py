"""build/common.included_units: the units another file of the output tree includes textually are not compiled on
their own; found with the one include scanner and resolver (frontend/includes.py)."""

from __future__ import annotations

from pathlib import Path

from translator.build.common import included_units


def test_textually_included_units_are_found_beside_the_includer(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "main.cpp").write_text('#include "kernels.cpp"\n// #include "commented.cpp"\n#include <other.cpp>\n'
                                       '#include "sub/ref.cpp"\n')
    (tmp_path / "kernels.cpp").write_text('#include "kernels.cpp"\n')  # includes itself: not counted
    (tmp_path / "sub" / "ref.cpp").write_text("")
    (tmp_path / "commented.cpp").write_text("")
    (tmp_path / "other.cpp").write_text("")  # angled: a system header's name, never the tree's unit
    units = [tmp_path / n for n in ("main.cpp", "kernels.cpp", "sub/ref.cpp", "commented.cpp", "other.cpp")]
    assert included_units(tmp_path, units) == {tmp_path / "kernels.cpp", tmp_path / "sub" / "ref.cpp"}
