"""Record and replay. `record_cases` runs each case's harness built with runtime_shim/record/cudaport_record.h
(through the real translate/build pipeline) and leaves one archive per case; `run_replay` reads an archive
(directory with manifest.json + .npy files, or the same packed as .npz), generates a CUDA program that restores each
launch's "before" buffers and arguments, launches the case's kernel, and compares the buffers with "after".
"""

from __future__ import annotations

import json
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from translator.difftest import runner
from translator.difftest.compare import compare
from translator.difftest.harness import _PRELUDE, HEAD
from translator.difftest.schema import Case, CaseError, Tolerance


class Archive:
    """A recorded archive: manifest plus arrays, from a directory or an .npz/.zip file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            mpath = self.path / "manifest.json"
            if not mpath.is_file():
                raise CaseError(f"{mpath}:1: no manifest.json (not a cudaport record archive)")
            self.manifest = json.loads(mpath.read_text())
            self._load = lambda name: np.load(self.path / name)
        elif zipfile.is_zipfile(self.path):
            zf = zipfile.ZipFile(self.path)
            self.manifest = json.loads(zf.read("manifest.json"))
            self._load = lambda name: np.load(zf.open(name))
        else:
            raise CaseError(f"{self.path}:1: not an archive directory or .npz file")
        if self.manifest.get("format") != "cudaport-record":
            raise CaseError(f"{self.path}:1: manifest format is {self.manifest.get('format')!r}, "
                            "expected 'cudaport-record'")

    def array(self, launch: int, alloc: int, when: str) -> np.ndarray:
        return self._load(f"l{launch}_a{alloc}_{when}.npy")

    def used_allocs(self, launch: dict[str, Any]) -> list[int]:
        return list(dict.fromkeys(a["alloc"] for a in launch["args"] if a["kind"] == "pointer"))


def pack(directory: Path, npz: Path) -> None:
    """Packs an archive directory into one .npz (the .npy members plus manifest.json)."""
    with zipfile.ZipFile(npz, "w", zipfile.ZIP_STORED) as zf:
        for p in sorted(Path(directory).iterdir()):
            zf.write(p, p.name)


def replay_source(case: Case, archive: Archive) -> str:
    lines = [HEAD + case.kernel_file.read_text(), _PRELUDE, "int main(int argc, char** argv) {",
             '    if (argc < 3) { fprintf(stderr, "usage: %s IN_DIR OUT_DIR\\n", argv[0]); return 2; }',
             "    const char* cp_in = argv[1];", "    const char* cp_out = argv[2];"]
    allocs = {a["id"]: a for a in archive.manifest["allocations"]}
    for launch in archive.manifest["launches"]:
        li = launch["index"]
        lines.append(f"    {{ // launch {li}: {launch['kernel']}")
        for a in archive.used_allocs(launch):
            nbytes = allocs[a]["bytes"]
            lines += [f"        unsigned char* cp_h{a} = (unsigned char*)malloc({nbytes} ? {nbytes} : 1);",
                      f'        cp_read(cp_in, "l{li}_a{a}", cp_h{a}, {nbytes});',
                      f"        unsigned char* cp_d{a} = 0;",
                      f"        CP_CHECK(cudaMalloc((void**)&cp_d{a}, {nbytes} ? {nbytes} : 1));",
                      f"        CP_CHECK(cudaMemcpy(cp_d{a}, cp_h{a}, {nbytes}, cudaMemcpyHostToDevice));"]
        names = []
        for k, arg in enumerate(launch["args"]):
            t = arg["type"]
            if arg["kind"] == "pointer":
                lines.append(f"        {t} cp_a{k} = ({t})(cp_d{arg['alloc']} + {arg['offset']});")
            else:
                raw = bytes.fromhex(arg["hex"])
                data = ", ".join(str(b) for b in raw) or "0"
                lines += [f"        static const unsigned char cp_v{k}[] = {{{data}}};",
                          f"        {t} cp_a{k};",
                          f"        memcpy(&cp_a{k}, cp_v{k}, sizeof cp_a{k});"]
            names.append(f"cp_a{k}")
        g, b = launch["grid"], launch["block"]
        lines += [f"        dim3 cp_grid({g[0]}u, {g[1]}u, {g[2]}u);",
                  f"        dim3 cp_block({b[0]}u, {b[1]}u, {b[2]}u);"]
        cfg = "cp_grid, cp_block" + (f", {launch['shared']}" if launch["shared"] else "")
        lines += [f"        {launch['kernel']}<<<{cfg}>>>({', '.join(names)});",
                  "        CP_CHECK(cudaGetLastError());", "        CP_CHECK(cudaDeviceSynchronize());"]
        for a in archive.used_allocs(launch):
            nbytes = allocs[a]["bytes"]
            lines += [f"        CP_CHECK(cudaMemcpy(cp_h{a}, cp_d{a}, {nbytes}, cudaMemcpyDeviceToHost));",
                      f'        cp_write(cp_out, "l{li}_a{a}", cp_h{a}, {nbytes});',
                      f"        CP_CHECK(cudaFree(cp_d{a}));", f"        free(cp_h{a});"]
        lines.append("    }")
    lines += ['    printf("cudaport-harness: ok\\n");', "    return 0;", "}"]
    return "\n".join(lines) + "\n"


def _tolerance(case: Case, alloc: dict[str, Any], dtype: np.dtype) -> Tolerance:
    a = case.buffers.get(alloc.get("name", ""))
    if a is not None:
        return a.tol
    if dtype.kind == "f":
        return Tolerance(ulp=4, abs=1e-6 if dtype.itemsize == 4 else 1e-13)
    return Tolerance(exact=True)


def run_replay(case: Case, archive_path: Path, opts: runner.Options, quiet: bool = False) -> int:
    archive = Archive(archive_path)
    launches = archive.manifest["launches"]
    allocs = {a["id"]: a for a in archive.manifest["allocations"]}
    try:
        exe, _cached = runner.prepare(case, opts, source=replay_source(case, archive))
    except runner.StageError as exc:
        print(f"{case.name}: replay build failed: {exc}", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    passed = failed = 0
    avail = runner.available_devices()
    with tempfile.TemporaryDirectory(prefix="cpt-replay-") as tmp:
        work = Path(tmp)
        in_dir = work / "in"
        in_dir.mkdir()
        for launch in launches:
            for a in archive.used_allocs(launch):
                np.ascontiguousarray(archive.array(launch["index"], a, "before")).tofile(
                    in_dir / f"l{launch['index']}_a{a}.bin")
        for device in opts.devices:
            if avail.get(device, "unknown"):
                continue
            dev_work = work / device
            dev_work.mkdir()
            out_dir = dev_work / f"out-{device}"
            out_dir.mkdir(parents=True)
            prefix, env = runner._device_env(device, dev_work)
            problems = []
            try:
                res = runner._run([*prefix, str(exe), str(in_dir), str(out_dir)], opts.oclgrind_timeout
                                  if device == "oclgrind" else opts.timeout, cwd=exe.parent, env=env)
                if res.returncode != 0 or "cudaport-harness: ok" not in res.stdout:
                    problems.append(f"run failed: {(res.stdout + res.stderr)[-800:]}")
            except runner.StageError as exc:
                problems.append(str(exc))
            if device == "oclgrind":
                log = dev_work / "oclgrind.log"
                errs = runner.oclgrind_errors(log.read_text(errors="replace") if log.exists() else "")
                problems += [f"oclgrind: {e}" for e in errs[:3]]
            if not problems:
                for launch in launches:
                    for a in archive.used_allocs(launch):
                        want = archive.array(launch["index"], a, "after")
                        got = np.fromfile(out_dir / f"l{launch['index']}_a{a}.bin", dtype=want.dtype)
                        c = compare(f"launch {launch['index']} {launch['kernel']} {allocs[a].get('name') or a}",
                                    want, got, _tolerance(case, allocs[a], want.dtype))
                        if not c.ok:
                            problems.append(c.describe())
            verdict = "pass" if not problems else "fail"
            passed += verdict == "pass"
            failed += verdict != "pass"
            if not quiet or problems:
                print(f"replay {case.name} on {device}: {len(launches)} launches: {verdict}"
                      + (f": {' | '.join(problems)}" if problems else ""))
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed else 1


def record_cases(cases: list[Case], out_root: Path, opts: runner.Options, quiet: bool = False) -> int:
    """Runs each case's harness with recording on the first requested device; one archive per case."""
    from translator.difftest import inputs

    ok = bad = 0
    for case in cases:
        dest = Path(out_root) / case.name
        try:
            env = case.env(opts.size_class)
            values = inputs.make_inputs(case, env, opts.seed)
            exe, _ = runner.prepare(case, opts, record=True)
        except (runner.StageError, CaseError) as exc:
            print(f"{case.name}: cannot record: {exc}", file=sys.stderr)
            bad += 1
            continue
        with tempfile.TemporaryDirectory(prefix="cpt-rec-") as tmp:
            work = Path(tmp)
            runner.write_inputs(case, env, values, work / "in")
            (work / "out").mkdir()
            prefix, denv = runner._device_env(opts.devices[0], work)
            dest.mkdir(parents=True, exist_ok=True)
            res = runner._run([*prefix, str(exe), str(work / "in"), str(work / "out"), str(dest.resolve())],
                              opts.timeout, cwd=exe.parent, env=denv)
        if res.returncode == 0 and (dest / "manifest.json").is_file():
            ok += 1
            if not quiet:
                print(f"recorded {case.name} -> {dest}")
        else:
            bad += 1
            print(f"{case.name}: recording run failed: {(res.stdout + res.stderr)[-500:]}", file=sys.stderr)
    print(f"{ok} recorded, {bad} failed")
    return 0 if bad == 0 else 1
