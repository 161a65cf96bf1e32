"""Locates the data shipped with cudaport (rules/, runtime_shim/, corpus/) in a source checkout and in an
installed wheel, where they live under translator/_data/.
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
