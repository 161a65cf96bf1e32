"""Incremental re-runs: the manifest lets a re-run skip unchanged files, retranslate includers of a changed header,
keep user edits (conflict + .cudaport-new) and overwrite them only with force."""

from __future__ import annotations

import json
from pathlib import Path

from tests.project.conftest import translate
from translator.project.manifest import Manifest


def test_first_run_writes_manifest_with_hashes_and_dependencies(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    translate(project, out)
    m = json.loads(Manifest.path_in(out).read_text())
    entry = m["files"]["kernels/scale.cu"]
    assert entry["kind"] == "translated"
    assert entry["deps"] == ["kernels/common.cuh"]
    assert set(entry["outputs"]) == {"kernels/scale.cu"}
    assert m["rules"] and m["tool"]


def test_no_change_rerun_translates_nothing(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    translate(project, out)
    again = translate(project, out)
    assert again.files == [] and again.conflicts == []
    assert {str(r) for r in again.up_to_date} >= {"kernels/scale.cu", "kernels/common.cuh", "README.md"}


def test_changed_header_retranslates_its_includers_only(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    translate(project, out)
    (project / "kernels/common.cuh").write_text((project / "kernels/common.cuh").read_text() + "// v2\n")
    again = translate(project, out)
    assert sorted(str(f.rel) for f in again.files) == ["kernels/common.cuh", "kernels/scale.cu"]
    assert "host/main.cpp" in {str(r) for r in again.up_to_date}
    assert (out / "kernels/common.cuh").read_text().endswith("// v2\n")


def test_user_edit_is_kept_and_new_translation_written_beside_it(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    translate(project, out)
    edited = (out / "kernels/scale.cu").read_text() + "// my fix\n"
    (out / "kernels/scale.cu").write_text(edited)
    (project / "kernels/scale.cu").write_text((project / "kernels/scale.cu").read_text() + "// upstream\n")
    again = translate(project, out)
    assert [str(c) for c in again.conflicts] == ["kernels/scale.cu"]
    assert (out / "kernels/scale.cu").read_text() == edited
    assert (out / "kernels/scale.cu.cudaport-new").read_text().endswith("// upstream\n")
    assert any(f.code == "CP5004" for f in again.findings)


def test_force_overwrites_user_edits(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    translate(project, out)
    (out / "kernels/scale.cu").write_text("// mine\n")
    again = translate(project, out, force=True)
    assert again.conflicts == []
    assert "hip" in (out / "kernels/scale.cu").read_text()


def test_unedited_output_is_rewritten_without_conflict(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    translate(project, out)
    (project / "kernels/scale.cu").write_text((project / "kernels/scale.cu").read_text() + "// more\n")
    again = translate(project, out)
    assert again.conflicts == [] and [str(f.rel) for f in again.files] == ["kernels/scale.cu"]


def test_changed_options_retranslate_everything(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    translate(project, out)
    again = translate(project, out, target_opts={"extension": ".hip"})
    assert "kernels/scale.cu" in {str(f.rel) for f in again.files}
    assert (out / "kernels/scale.hip").is_file()


def test_deleted_input_removes_its_unedited_output(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    translate(project, out)
    (project / "README.md").unlink()
    again = translate(project, out)
    assert [str(r) for r in again.removed] == ["README.md"] and not (out / "README.md").exists()


def test_findings_of_up_to_date_files_are_reported_again(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = translate(project, out)
    again = translate(project, out)
    assert sorted(f.code for f in again.findings) == sorted(f.code for f in first.findings)


def test_source_included_textually_is_redone_when_its_includer_changes(tmp_path: Path) -> None:
    # kernels.cu names SCALE, which only main.cu defines before including it: parsed alone it does not compile,
    # so it is translated after its includer's text, and a change there must translate it again
    src = tmp_path / "src"
    src.mkdir()
    (src / "kernels.cu").write_text("__global__ void scale(float* x) { x[threadIdx.x] *= SCALE; }\n")
    main = '#include <cuda_runtime.h>\n#define SCALE 2.0f\n#include "kernels.cu"\nint main() { return 0; }\n'
    (src / "main.cu").write_text(main)
    (src / "other.cu").write_text("__global__ void other(int* d) { d[0] = 1; }\n")
    out = tmp_path / "out"
    translate(src, out)
    (src / "main.cu").write_text(main.replace("2.0f", "3.0f"))
    again = translate(src, out)
    assert sorted(str(f.rel) for f in again.files) == ["kernels.cu", "main.cu"]
    assert "other.cu" in {str(r) for r in again.up_to_date}
