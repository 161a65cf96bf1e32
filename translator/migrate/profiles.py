"""What each target's build looks like: the CMake language and packages, the CUDA:: imported targets and
-l libraries mapped to the target's, the compiler for Makefiles, and how nvcc flags translate.

Input: a target name and nvcc flags. Output: replacement text (never applied here) and diagnostic codes.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from dataclasses import dataclass, field

from translator.engine import tables
from translator.migrate.common import BuildContext

HIP_DEFAULT_ARCH = "gfx90a"


@dataclass(frozen=True)
class Profile:
    target: str
    language: str  # CMake language of translated device code: HIP or CXX
    compiler: str  # replacement for nvcc in Makefiles
    find: str  # replacement for find_package(CUDAToolkit)/find_package(CUDA)
    cmake_libs: dict[str, str | None] = field(default_factory=dict)  # CUDA::x -> target library (None: drop)
    make_libs: dict[str, str | None] = field(default_factory=dict)  # -lx -> replacement (None: drop)
    shim: str | None = None  # the runtime's folder as the migrated file spells it, when the target has a runtime


def _libraries(target: str, kind: str) -> dict[str, str | None]:
    """CUDA library -> the target's (None: drop) for `kind` cmake (CUDA::x) or make (-lx), from
    rules/tables/build_libraries.yaml; a library the target has no entry for is left out (CP5010)."""
    out: dict[str, str | None] = {}
    for lib, body in tables.mapping("build_libraries").items():
        per_target = (body or {}).get(kind) or {}
        if target in per_target:
            out[lib] = per_target[target]
    return out


def _hip() -> Profile:
    return Profile("hip", "HIP", "hipcc", "find_package(hip REQUIRED)", _libraries("hip", "cmake"),
                   _libraries("hip", "make"))


def _opencl() -> Profile:
    return Profile("opencl", "CXX", "$(CXX) -I$(CUDAPORT_SHIM)/include", "", _libraries("opencl", "cmake"),
                   _libraries("opencl", "make"), "")


def _sycl() -> Profile:
    return Profile("sycl", "CXX", "icpx -fsycl -I$(CUDAPORT_SHIM)/include", "", _libraries("sycl", "cmake"),
                   _libraries("sycl", "make"), "")


# CMake package of each runtime in an installed cudaport (runtime_shim/cmake/<name>Config.cmake; `cudaport
# --cmake-dir` prints the folder to put on CMAKE_PREFIX_PATH).
RUNTIME_PACKAGES = {"opencl": "cudaport_opencl", "sycl": "cudaport_sycl"}


def runtime_cmake(target: str, shim: str | None) -> str:
    """The CMake that makes the target's runtime available: built from the folder the tree carries (`shim`, a
    path relative to the CMake file), or, for `--runtime external` (shim None), from the installed cudaport's
    CMake package. Never an absolute path of this machine."""
    if shim is None:
        find = (f"# cudaport: the runtime comes from an installed cudaport: cmake -DCMAKE_PREFIX_PATH=\"$(cudaport "
                f"--cmake-dir)\" ...\nfind_package({RUNTIME_PACKAGES[target]} REQUIRED CONFIG)")
        if target == "opencl":
            return find
        return find + "\ninclude_directories(${cudaport_sycl_INCLUDE_DIRS})\nadd_compile_options(-fsycl)\n" \
            "add_link_options(-fsycl)"
    if target == "opencl":
        return (f'set(CUDAPORT_OPENCL_SHIM "{shim}" CACHE PATH "cudaport OpenCL runtime shim")\n'
                "if(NOT TARGET cudaport_opencl)\n"
                "  add_subdirectory(${CUDAPORT_OPENCL_SHIM} ${CMAKE_BINARY_DIR}/cudaport_opencl_shim)\n"
                "endif()")
    return (f'set(CUDAPORT_SYCL_SHIM "{shim}" CACHE PATH "cudaport SYCL runtime shim")\n'
            "include_directories(${CUDAPORT_SYCL_SHIM}/include)\n"
            "add_compile_options(-fsycl)\n"
            "add_link_options(-fsycl)")


_PROFILES = {"hip": _hip, "opencl": _opencl, "sycl": _sycl}


def profile_for(target: str) -> Profile | None:
    make = _PROFILES.get(target)
    return make() if make else None


def located_profile(ctx: BuildContext, kind: str, folder: str) -> Profile | None:
    """The target's profile for a build file of `kind` (cmake/make) in output folder `folder`: its runtime found
    relative to the file when the tree carries one, else (--runtime external, or no runtime in the tree) None,
    meaning an installed cudaport provides it."""
    prof = profile_for(ctx.target)
    if prof is None or prof.shim is None:
        return prof
    shim = None
    if ctx.runtime is not None and not ctx.runtime_external:
        here = "${CMAKE_CURRENT_LIST_DIR}/" if kind == "cmake" else "$(CUDAPORT_HERE)"
        shim = here + posixpath.relpath(ctx.runtime, folder or ".")
    return dataclasses.replace(prof, shim=shim)


# nvcc-only flags: (pattern, HIP replacement or None to drop, replacement for host-compiler targets or None)
_FLAG_MAP: list[tuple[re.Pattern[str], str | None, str | None]] = [
    (re.compile(r"--use_fast_math|-use_fast_math"), "-ffast-math", "-ffast-math"),
    (re.compile(r"-lineinfo|--generate-line-info"), None, None),
    (re.compile(r"--expt-relaxed-constexpr|--expt-extended-lambda|--extended-lambda|-expt-relaxed-constexpr"),
     None, None),
    (re.compile(r"(-rdc|--relocatable-device-code)(=true)?"), "-fgpu-rdc", None),
    (re.compile(r"(-rdc|--relocatable-device-code)=false"), None, None),
    (re.compile(r"-G|--device-debug"), "-ggdb", None),
    (re.compile(r"--ptxas-options=.*|-Xptxas=.*|--resource-usage|-res-usage|--keep|-keep"), None, None),
    (re.compile(r"--default-stream=.*|-default-stream=.*"), None, None),
    (re.compile(r"-Wno-deprecated-gpu-targets|--Wno-deprecated-gpu-targets|-Werror=cross-execution-space-call"),
     None, None),
    (re.compile(r"(-arch|--gpu-architecture|-code|--gpu-code|-gencode|--generate-code)[= ].*|-arch=.*"),
     f"--offload-arch={HIP_DEFAULT_ARCH}", None),
]
ARCH_FLAG = re.compile(r"(-arch|--gpu-architecture|-gencode|--generate-code|-code|--gpu-code)=\S*")


def map_nvcc_flag(flag: str, target: str) -> tuple[str | None, str | None]:
    """(replacement or None to drop, diagnostic code or None) for one nvcc flag; unknown flags map to themselves.

    -Xcompiler=A,B unwraps to the host flags A B; an architecture flag becomes the HIP default one (CP5012)
    or is dropped on host-compiler targets (CP5011)."""
    if flag.startswith(("-Xcompiler=", "--compiler-options=")):
        return " ".join(x for x in flag.split("=", 1)[1].split(",") if x), None
    for pattern, hip, host in _FLAG_MAP:
        if pattern.fullmatch(flag):
            new = hip if target == "hip" else host
            if ARCH_FLAG.fullmatch(flag) or flag.startswith("-arch"):
                return (new, "CP5012") if new else (None, "CP5011")
            return new, (None if new else "CP5011")
    return flag, None


def cuda_lib_name(token: str) -> str | None:
    """`cublas` for CUDA::cublas; None when the token is not a CUDA imported target."""
    if token.startswith("CUDA::"):
        return token[len("CUDA::"):]
    return None


def arch_value(target: str) -> str | None:
    """What CMAKE_CUDA_ARCHITECTURES becomes: an AMD architecture for HIP, nothing elsewhere."""
    return HIP_DEFAULT_ARCH if target == "hip" else None


KNOWN_CUDA_LIBS = frozenset(tables.mapping("build_libraries"))
