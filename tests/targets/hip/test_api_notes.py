"""HIP: APIs HIP still provides but marks deprecated (CP2010) or beta (CP2011) are translated, and say so in a
note that goes to the report, not into the code."""

from __future__ import annotations

from translator.api import translate_text
from translator.engine.context import Options


def _hip(source: str):  # type: ignore[no-untyped-def]
    return translate_text(source, "hip", name="x.cpp", options=Options(target="hip", hip_version=(5, 2)))


def test_texture_reference_api_is_translated_with_a_deprecation_note() -> None:
    result = _hip("cudaBindTexture(&offset, tex, d, bytes);\ncudaUnbindTexture(tex);\n")
    assert result.output.decode() == "hipBindTexture(&offset, tex, d, bytes);\nhipUnbindTexture(tex);\n"
    notes = [f for f in result.findings if f.code == "CP2010"]
    assert [f.api for f in notes] == ["cudaBindTexture", "cudaUnbindTexture"]
    assert all(f.severity.value == "note" for f in notes)


def test_beta_api_is_translated_with_a_note() -> None:
    result = _hip("cudaGraphCreate(&g, 0);\ncudaStreamBeginCapture(s, cudaStreamCaptureModeGlobal);\n")
    assert result.output.decode() == "hipGraphCreate(&g, 0);\nhipStreamBeginCapture(s, hipStreamCaptureModeGlobal);\n"
    assert {f.api for f in result.findings if f.code == "CP2011"} == {"cudaGraphCreate", "cudaStreamBeginCapture"}


def test_stable_api_has_no_note() -> None:
    result = _hip("cudaMalloc(&p, n);\n")
    assert not [f for f in result.findings if f.code in ("CP2010", "CP2011")]
