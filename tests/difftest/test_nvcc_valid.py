"""Every corpus kernel file is valid CUDA: the generated harness (kernel file + main) compiles with nvcc -c, and so
does the record-mode harness of one case (the record header under nvcc)."""

from __future__ import annotations

import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.difftest.conftest import CORPUS
from translator.build.toolchains import nvcc
from translator.difftest import harness
from translator.difftest.schema import discover, load_case

pytestmark = [pytest.mark.nvcc, pytest.mark.slow]


def _nvcc(src: Path) -> str:
    compiler = nvcc()
    assert compiler is not None  # the nvcc marker skips (or fails, with CUDAPORT_REQUIRE_TOOLS=1) without one
    res = subprocess.run([compiler, "-std=c++17", "-arch=sm_75", "-c", str(src), "-o", str(src.with_suffix(".o"))],
                         capture_output=True, text=True, timeout=300)
    return "" if res.returncode == 0 else f"{src.name}: {res.stderr[-1500:]}"


def _library_headers_found(source: str) -> bool:
    """Whether nvcc finds the CUDA library headers the kernel file includes (nvcc's package has no cuBLAS)."""
    compiler = nvcc()
    if compiler is None:
        return False
    include = Path(compiler).resolve().parent.parent / "include"
    headers = re.findall(r"#include\s*<(cu(?:blas|rand|fft|solver|sparse)\w*\.h)>", source)
    return all((include / h).is_file() for h in headers)


def test_every_case_harness_compiles_with_nvcc(tmp_path: Path) -> None:
    sources = []
    for d in discover([CORPUS]):
        case = load_case(d)
        if not _library_headers_found(case.kernel_file.read_text()):
            continue  # a case of a CUDA library (cuBLAS, cuFFT, cuSOLVER, cuSPARSE) the installed toolkit does not ship
        src = tmp_path / f"{case.name}.cu"
        src.write_text(harness.generate(case))
        sources.append(src)
    rec = tmp_path / "record_mode.cu"
    rec.write_text(harness.generate(load_case(CORPUS / "template_axpby_types"), record=True))
    sources.append(rec)
    with ThreadPoolExecutor(2) as pool:
        errors = [e for e in pool.map(_nvcc, sources) if e]
    assert not errors, "\n".join(errors)


def test_record_header_user_macro_compiles_with_nvcc(tmp_path: Path) -> None:
    header = Path(harness.RECORD_HEADER)
    src = tmp_path / "user.cu"
    src.write_text(f'#include "{header}"\n' + """
struct P { float a; int b; };
__global__ void k(float* x, int n, P p) { int i = threadIdx.x; if (i < n) x[i] = x[i] * p.a + p.b; }
int main() {
    float* d = 0;
    cudaMalloc(&d, 64 * sizeof(float));
    P p = {2.0f, 1};
    CUDAPORT_RECORD_LAUNCH(k, dim3(1), dim3(64), 0, 0, d, 64, p);
    cudaFree(d);
    return 0;
}
""")
    assert _nvcc(src) == ""
