"""The HTML report opened in headless Chromium with the network off: it renders without console errors, its SVG
charts are in the DOM, and a screenshot can be taken (the same way reports/regenerate.sh makes the README's)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from translator.report import html_report

pytestmark = pytest.mark.chromium

_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
          "--disable-component-update", "--disable-sync"]


def _chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("chromium") or "chromium"
    return subprocess.run([exe, *_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra,
                           page.as_uri()], capture_output=True, text=True, timeout=120)


def _console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line and ("Error" in line or "Uncaught" in line)]


def test_chromium_sees_our_console_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The console check below can fail: a page with a script error is caught by it."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>")
    result = _chromium(page, tmp_path / "profile", "--dump-dom")
    assert _console_errors(result.stderr), result.stderr[-2000:]


def test_html_report_renders_with_charts_and_no_console_errors(sample_report, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "report.html"
    page.write_text(html_report.render(sample_report, link_base=tmp_path))
    result = _chromium(page, tmp_path / "profile", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert _console_errors(result.stderr) == []
    dom = result.stdout
    for chart in ("chart-outcomes", "chart-effort", "chart-unsupported"):
        assert re.search(rf'<svg class="chart {chart}"[^>]*>.*?<rect', dom, re.S), chart
    assert "96.4%" in dom and "kernels.cu:32" in dom


def test_html_report_screenshot(sample_report, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "report.html"
    page.write_text(html_report.render(sample_report, link_base=tmp_path))
    shot = tmp_path / "report.png"
    result = _chromium(page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000")
    assert result.returncode == 0 and shot.is_file(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 20_000  # a blank page compresses to a few kB
