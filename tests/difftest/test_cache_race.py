"""The difftest build cache when two runs build the same case at once (two `cudaport test`s, two pytest-xdist
workers): the run that finishes second keeps the first one's executable, which may be running, instead of
deleting it and putting its own in its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.difftest.conftest import CORPUS
from translator.difftest import runner
from translator.difftest.schema import load_case

pytestmark = [pytest.mark.opencl]


def test_a_build_that_finishes_second_keeps_the_first_executable(tmp_path: Path, need_pipeline: None) -> None:
    case = load_case(CORPUS / "saxpy")
    first: list[tuple[Path, int]] = []

    def meanwhile(out: Path) -> None:
        """Called inside the outer build, after its translation: another run builds the same key to the end."""
        if not first:
            first.append((Path("pending"), 0))
            exe, cached = runner.prepare(case, opts)
            assert not cached
            first[0] = (exe, exe.stat().st_ino)

    opts = runner.Options(cache_dir=tmp_path / "cache", mutate=meanwhile, mutate_id="race")
    exe, cached = runner.prepare(case, opts)
    inner, inode = first[0]
    assert not cached and exe == inner
    assert inner.is_file() and inner.stat().st_ino == inode  # not deleted, not replaced under a running program
    assert runner.prepare(case, opts) == (inner, True)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [inner.relative_to(tmp_path / "cache").parts[0]]
