"""Honest at the edge of the CUDA libraries: a library header or call that a target does not map is a numbered
error (CP2008) at its site naming the library and the API, never a warning left for the compiler to turn into
a bare "file not found"; a header of a library directory is known without its own entry (`thrust/*`)."""

from __future__ import annotations

from translator.api import translate_text
from translator.engine.context import Options
from translator.model import Severity


def _findings(src: str, target: str = "opencl"):  # type: ignore[no-untyped-def]
    return translate_text(src.encode(), target, name="m.cu", options=Options(target=target)).findings


def test_unlisted_header_of_a_library_directory_takes_the_directory_entry_on_opencl() -> None:
    # thrust/tuple.h has no entry of its own: thrust/* maps it to the shim's thrust header
    r = translate_text(b"#include <thrust/tuple.h>\nint main() { return 0; }\n", "opencl", name="m.cu",
                       options=Options(target="opencl"))
    assert "#include <cudaport_thrust.h>" in r.output.decode()
    assert not [f for f in r.findings if f.code in ("CP2002", "CP2008")]


def test_unmapped_library_header_is_a_library_error_on_opencl() -> None:
    found = [f for f in _findings("#include <cufftXt.h>\nint main() { return 0; }\n") if f.code == "CP2008"]
    assert len(found) == 1 and found[0].severity == Severity.ERROR and found[0].line == 1
    assert "cuFFTXt" in found[0].message


def test_unmapped_library_call_names_library_and_call() -> None:
    src = "#include <cudnn.h>\nint main() { cudnnHandle_t h; cudnnCreate(&h); return 0; }\n"
    msgs = [f.message for f in _findings(src) if f.code == "CP2008"]
    assert any("cudnn function cudnnCreate" in m for m in msgs)
    assert any("cudnn.h: cuDNN" in m for m in msgs)


def test_hip_keeps_thrust_headers_of_a_library_directory() -> None:
    out = translate_text(b"#include <thrust/tuple.h>\n", "hip", name="m.cu", options=Options(target="hip"))
    assert "#include <thrust/tuple.h>" in out.output.decode()
    assert not [f for f in out.findings if f.code in ("CP2002", "CP2008")]


def test_a_user_header_directory_is_not_a_library() -> None:
    assert not [f for f in _findings('#include "mylib/tuple.h"\nint main() { return 0; }\n')
                if f.code in ("CP2002", "CP2008")]


def test_library_use_in_an_ifdef_block_or_macro_body_is_a_warning_not_a_refusal() -> None:
    src = ("#ifdef USE_FFT\n#include <cufftXt.h>\n#endif\n#define CHECK(c) { cufftXtSubFormat s = c; }\n"
           "int main() {\n#ifdef USE_FFT\n  cufftXtWorkAreaPolicy g;\n#endif\n  return 0;\n}\n")
    codes = {(f.line, f.code) for f in _findings(src) if f.code in ("CP2008", "CP2009")}
    assert codes == {(2, "CP2009"), (4, "CP2009"), (7, "CP2009")}


def test_include_guard_is_not_a_conditional_block() -> None:
    src = "#ifndef H\n#define H\n#include <cudnn.h>\n#endif\n"
    assert [(f.line, f.code) for f in _findings(src) if f.code in ("CP2008", "CP2009")] == [(3, "CP2008")]
