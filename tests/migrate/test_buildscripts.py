"""Build-script migration: the CMake tokenizer, CMake and Makefile migration per target, diagnostics for what
cannot be migrated, comments kept."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from translator.migrate import BuildContext, build_kind, migrate_build_file
from translator.migrate.cmake import CMakeParseError, parse

CMAKE = """# keep this comment: project(x CUDA)
cmake_minimum_required(VERSION 3.18)
project(demo LANGUAGES CXX CUDA)  # trailing comment
set(CMAKE_CUDA_ARCHITECTURES 75)
find_package(CUDAToolkit REQUIRED)
add_library(k STATIC src/k.cu)
set_target_properties(k PROPERTIES CUDA_SEPARABLE_COMPILATION ON POSITION_INDEPENDENT_CODE ON)
target_compile_options(k PRIVATE $<$<COMPILE_LANGUAGE:CUDA>:--use_fast_math>)
target_link_libraries(k PUBLIC CUDA::cudart CUDA::cublas)
add_executable(app app/main.cpp)
set_source_files_properties(app/main.cpp PROPERTIES LANGUAGE CUDA)
"""


def _ctx(target: str, renames: dict[str, str] | None = None, suffixes: dict[str, str] | None = None, *,
         external: bool = False) -> BuildContext:
    runtime = f"cudaport_runtime/{target}" if target in ("opencl", "sycl") else None
    return BuildContext(target, renames or {"src/k.cu": "src/k.cu"}, ["src/k.cu"], suffixes or {}, runtime,
                        external)


def test_tokenizer_skips_comments_and_keeps_ranges() -> None:
    text = '# a(b)\nfoo(x "y z" [[br (]] #[[c)]] (n) )\nbar()\n'
    cmds = parse(text)
    assert [c.name for c in cmds] == ["foo", "bar"]
    assert [a.text for a in cmds[0].args] == ["x", "y z", "[[br (]]", "(", "n", ")"]
    assert text[cmds[0].args[1].start:cmds[0].args[1].end] == '"y z"'


def test_unterminated_command_is_an_error_and_file_is_copied() -> None:
    with pytest.raises(CMakeParseError):
        parse("foo(a b\n")
    out, findings = migrate_build_file("cmake", PurePosixPath("CMakeLists.txt"), b"project(x CUDA\n", _ctx("hip"))
    assert out == b"project(x CUDA\n" and [f.code for f in findings] == ["CP5015"]


def test_cmake_to_hip() -> None:
    out, findings = migrate_build_file("cmake", PurePosixPath("CMakeLists.txt"), CMAKE.encode(), _ctx("hip"))
    text = out.decode()
    assert text.startswith("# keep this comment: project(x CUDA)\ncmake_minimum_required(VERSION 3.21)")
    assert "project(demo LANGUAGES CXX HIP)  # trailing comment" in text
    assert "set(CMAKE_HIP_ARCHITECTURES gfx90a)" in text and "find_package(hip REQUIRED)" in text
    assert "set_source_files_properties(src/k.cu PROPERTIES LANGUAGE HIP)" in text
    assert "$<$<COMPILE_LANGUAGE:HIP>:-ffast-math>" in text
    assert "hip::host roc::hipblas" in text and "LANGUAGE HIP" in text
    assert "CUDA_SEPARABLE_COMPILATION" not in text and "POSITION_INDEPENDENT_CODE ON" in text
    assert {"CP5012", "CP5013"} <= {f.code for f in findings}


def test_cmake_to_opencl_renames_sources_and_links_shim() -> None:
    out, findings = migrate_build_file("cmake", PurePosixPath("CMakeLists.txt"), CMAKE.encode(),
                                       _ctx("opencl", {"src/k.cu": "src/k.cpp"}, {".cu": ".cpp"}))
    text = out.decode()
    assert "project(demo LANGUAGES CXX)" in text and "add_library(k STATIC src/k.cpp)" in text
    assert '"${CMAKE_CURRENT_LIST_DIR}/cudaport_runtime/opencl"' in text
    assert "add_subdirectory(${CUDAPORT_OPENCL_SHIM}" in text and "link_libraries(cudaport_opencl)" in text
    assert "CUDA::cudart" not in text and "copy_if_different ${CUDAPORT_CL_FILES} $<TARGET_FILE_DIR:app>" in text
    assert "# cudaport: opencl has no GPU architectures to set" in text
    assert any(f.code == "CP5010" and "CUDA::cublas" in f.message for f in findings)  # no OpenCL cuBLAS


def test_runtime_is_found_relative_to_a_cmake_file_in_a_subdirectory() -> None:
    out, _ = migrate_build_file("cmake", PurePosixPath("app/CMakeLists.txt"), CMAKE.encode(),
                                _ctx("opencl", {"src/k.cu": "src/k.cpp"}, {".cu": ".cpp"}))
    assert '"${CMAKE_CURRENT_LIST_DIR}/../cudaport_runtime/opencl"' in out.decode()


@pytest.mark.parametrize("target", ["opencl", "sycl"])
def test_external_runtime_uses_the_cmake_package_and_no_path(target: str) -> None:
    out, _ = migrate_build_file("cmake", PurePosixPath("CMakeLists.txt"), CMAKE.encode(),
                                _ctx(target, {"src/k.cu": "src/k.cpp"}, {".cu": ".cpp"}, external=True))
    text = out.decode()
    assert f"find_package(cudaport_{target} REQUIRED CONFIG)" in text
    assert "cudaport_runtime" not in text and "CUDAPORT_OPENCL_SHIM" not in text and "/runtime_shim" not in text


def test_external_runtime_makefile_asks_the_installed_cudaport() -> None:
    out, _ = migrate_build_file("make", PurePosixPath("Makefile"), MAKEFILE.encode(),
                                _ctx("opencl", {}, {".cu": ".cpp"}, external=True))
    text = out.decode()
    assert "CUDAPORT_SHIM := $(shell cudaport --runtime-dir opencl)" in text
    assert "ifeq ($(origin CUDAPORT_SHIM),undefined)" in text and "cudaport_runtime" not in text


def test_a_properties_call_left_without_properties_becomes_a_comment() -> None:
    text = ("project(p LANGUAGES CXX CUDA)\nadd_executable(a a.cu)\n"
            "set_target_properties(a PROPERTIES CUDA_ARCHITECTURES 75)\n")
    out, _ = migrate_build_file("cmake", PurePosixPath("CMakeLists.txt"), text.encode(), _ctx("opencl"))
    assert "# cudaport: no equivalent: set_target_properties(a PROPERTIES CUDA_ARCHITECTURES 75)" in out.decode()
    hip, _ = migrate_build_file("cmake", PurePosixPath("CMakeLists.txt"), text.encode(), _ctx("hip"))
    assert "set_target_properties(a PROPERTIES HIP_ARCHITECTURES gfx90a)" in hip.decode()


def test_cmake_to_sycl() -> None:
    out, _ = migrate_build_file("cmake", PurePosixPath("CMakeLists.txt"), CMAKE.encode(),
                                _ctx("sycl", {"src/k.cu": "src/k.cpp"}, {".cu": ".cpp"}))
    text = out.decode()
    assert "add_compile_options(-fsycl)" in text and "project(demo LANGUAGES CXX)" in text
    assert "CUDA::cudart" not in text and "src/k.cpp" in text


MAKEFILE = """# Build
CUDA_PATH ?= /usr/local/cuda
NVCC ?= $(CUDA_PATH)/bin/nvcc
NVCCFLAGS := -arch=sm_75 -O2 -lineinfo -Xcompiler -fopenmp
LDLIBS := -L$(CUDA_PATH)/lib64 -lcudart -lcublas

all: app

app: main.o
\t$(CXX) -o $@ $^ $(LDLIBS)

%.o: %.cu
\t$(NVCC) $(NVCCFLAGS) -c $< -o $@
"""


def test_makefile_to_hip() -> None:
    out, findings = migrate_build_file("make", PurePosixPath("Makefile"), MAKEFILE.encode(), _ctx("hip"))
    text = out.decode()
    assert "NVCC ?= hipcc" in text and "--offload-arch=gfx90a -O2 -fopenmp\n" in text
    assert "LDLIBS := -lamdhip64 -lhipblas" in text and "%.o: %.cu" in text
    assert any(f.code == "CP5011" for f in findings)


def test_makefile_to_opencl() -> None:
    out, findings = migrate_build_file("make", PurePosixPath("Makefile"), MAKEFILE.encode(),
                                       _ctx("opencl", {}, {".cu": ".cpp"}))
    text = out.decode()
    assert text.startswith("# Build\n# cudaport (opencl)")
    assert "CUDAPORT_SHIM ?= $(CUDAPORT_HERE)cudaport_runtime/opencl\n" in text
    assert "NVCC ?= $(CXX)" in text and "%.o: %.cpp" in text
    assert "app: main.o | $(CUDAPORT_SHIM_LIB)" in text and "cp -f $(CUDAPORT_CL_FILES) $(@D)/" in text
    assert "$(CUDAPORT_SHIM_LIB) -lOpenCL -lpthread" in text
    assert any(f.code == "CP5010" and "-lcublas" in f.message for f in findings)
    assert text.index("all: app") < text.index("$(CUDAPORT_SHIM_LIB):")  # default goal unchanged


def test_build_kind() -> None:
    assert build_kind(PurePosixPath("a/CMakeLists.txt")) == "cmake"
    assert build_kind(PurePosixPath("cmake/cuda.cmake")) == "cmake"
    assert build_kind(PurePosixPath("GNUmakefile")) == "make" and build_kind(PurePosixPath("x.cu")) is None
