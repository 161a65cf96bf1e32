"""Locates the data shipped with cudaport in a source checkout and in an installed wheel: rules/,
runtime_shim/ and corpus/ (under translator/_data/ when installed), and the data files inside the package
(diagnostics catalogue, effort weights, report schema and templates, the clang prelude). Every module finds
its data here, so nothing depends on the current directory or on running from the checkout.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PKG / "_data" / name
    if installed.is_dir():
        return installed
    return _PKG.parent / name


def rules_dir() -> Path:
    return _data_dir("rules")


def shim_dir() -> Path:
    return _data_dir("runtime_shim")


def cmake_package_dir() -> Path:
    """Folder of the cudaport_opencl / cudaport_sycl CMake package configs (what `cudaport --cmake-dir` prints)."""
    return shim_dir() / "cmake"


def corpus_dir() -> Path:
    return _data_dir("corpus")


def prelude_dir() -> Path:
    return _PKG / "frontend" / "prelude"


def package_dir() -> Path:
    """The translator package itself (its sources are part of caches' fingerprints)."""
    return _PKG


def diagnostics_file() -> Path:
    return _PKG / "engine" / "diagnostics.yaml"


def effort_weights_file() -> Path:
    return _PKG / "report" / "effort.yaml"


def report_schema_file(version: int) -> Path:
    return _PKG / "report" / "schema" / f"report-{version}.json"


def report_templates_dir() -> Path:
    return _PKG / "report" / "templates"
