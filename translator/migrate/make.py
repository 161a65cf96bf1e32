"""Makefile migration: logical lines (continuations joined) are split into words with their ranges; nvcc,
its flags, CUDA libraries and paths and .cu names are mapped to the target's compiler and libraries. For
OpenCL the runtime shim is built and linked and kernel files are copied next to the executables.

Input: a Makefile text and a BuildContext. Output: edits and Findings recorded in a Migration.
"""

from __future__ import annotations

import re

from translator.migrate.common import BuildContext, Migration
from translator.migrate.profiles import KNOWN_CUDA_LIBS, Profile, map_nvcc_flag

_ASSIGN = re.compile(r"^(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*(\?=|:=|::=|\+=|!=|=)")
_RULE = re.compile(r"^[^\t#=][^=]*?(?<!:):(?!=)")
_CUDA_DIR = re.compile(r"\$[({](CUDA_PATH|CUDA_HOME|CUDA_ROOT|CUDA_DIR|CUDA_TOOLKIT_ROOT_DIR)[)}]"
                       r"|/usr/local/cuda[\w.-]*")
_WORD = re.compile(r"[^\s]+")


def _logical_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each logical line; a line ending in a backslash continues on the next."""
    out = []
    i = 0
    while i < len(text):
        j = i
        while True:
            nl = text.find("\n", j)
            if nl < 0:
                nl = len(text)
                break
            if nl > 0 and text[nl - 1] == "\\":
                j = nl + 1
                continue
            break
        out.append((i, nl))
        i = nl + 1
    return out


def migrate(text: str, ctx: BuildContext, prof: Profile, mig: Migration) -> None:
    lines = _logical_lines(text)
    opencl = prof.target == "opencl"
    link_rules = 0
    last_rule: tuple[int, int] | None = None
    header_at = 0
    for start, end in lines:
        line = text[start:end]
        if line.lstrip().startswith("#") and not line.startswith("\t"):
            if header_at == start:
                header_at = end + 1
            continue
        recipe = line.startswith("\t")
        m = None if recipe else _ASSIGN.match(line)
        if m and (m.group(1) in ("NVCC", "CUDA_CC", "CUCC") or re.search(r"(^|/)nvcc$", line[m.end():].strip())):
            vs = start + m.end()
            while vs < end and text[vs] in " \t":
                vs += 1
            mig.replace(vs, end, prof.compiler, "nvcc")
            continue
        if not recipe and not m and _RULE.match(line):
            last_rule = (start, end)
        for w in _WORD.finditer(line):
            word = w.group(0)
            new = _map_word(word, ctx, prof, mig, text, start + w.start())
            if new != word:
                ws, we = start + w.start(), start + w.end()
                if new == "":
                    while ws > start and text[ws - 1] in " \t":
                        ws -= 1
                mig.replace(ws, we, new, "word")
        if opencl and recipe and last_rule is not None and "-o" in line.split() and " -c " not in f" {line} ":
            link_rules += 1
            rs, re_ = last_rule
            mig.insert(re_, " $(CUDAPORT_SHIM_LIB)" if "|" in text[rs:re_] else " | $(CUDAPORT_SHIM_LIB)", "shim")
            # nvcc links the CUDA runtime implicitly; the shim that replaces it must be named on the link line
            mig.insert(end, " $(CUDAPORT_SHIM_LIB) -lOpenCL -lpthread"
                       "\n\tcp -f $(CUDAPORT_CL_FILES) $(@D)/ 2>/dev/null || true", "cl-files")
            last_rule = None
    if opencl:
        mig.insert(header_at, "# cudaport (opencl): the CUDA runtime API comes from the cudaport OpenCL shim\n"
                   f"{_shim_location(prof, 'opencl')}"
                   "CUDAPORT_SHIM_BUILD ?= $(CURDIR)/.cudaport-shim\n"
                   "CUDAPORT_SHIM_LIB := $(CUDAPORT_SHIM_BUILD)/libcudaport_opencl.a\n"
                   "CUDAPORT_CL_FILES = $(wildcard *.cl */*.cl */*/*.cl */*/*/*.cl)\n"
                   "CXXFLAGS += -I$(CUDAPORT_SHIM)/include\n", "shim")
        mig.insert(len(text), ("" if text.endswith("\n") else "\n") +
                   "\n$(CUDAPORT_SHIM_LIB):\n\t$(MAKE) -C $(CUDAPORT_SHIM) BUILD=$(CUDAPORT_SHIM_BUILD)\n", "shim")
        if not link_rules:
            mig.report("CP5014", text, 0, "no link rule (a recipe with -o and without -c) found")
    elif prof.target == "sycl":
        mig.insert(header_at, f"# cudaport (sycl): the CUDA runtime API comes from the cudaport SYCL shim\n"
                   f"{_shim_location(prof, 'sycl')}CXXFLAGS += -I$(CUDAPORT_SHIM)/include\n", "shim")


def _shim_location(prof: Profile, target: str) -> str:
    """Where CUDAPORT_SHIM points: the runtime folder the tree carries, relative to this Makefile, or (with
    `--runtime external`) the installed cudaport's, asked once from `cudaport --runtime-dir`; a
    CUDAPORT_SHIM=DIR given on the command line or in the environment wins either way."""
    if prof.shim is not None:
        return f"{_HERE}CUDAPORT_SHIM ?= {prof.shim}\n"
    return ("ifeq ($(origin CUDAPORT_SHIM),undefined)\n"
            f"CUDAPORT_SHIM := $(shell cudaport --runtime-dir {target})\n"
            "endif\n"
            f"$(if $(CUDAPORT_SHIM),,$(error cudaport {target} runtime not found: install cudaport or set "
            "CUDAPORT_SHIM=DIR))\n")


# This Makefile's own folder, taken before any include changes MAKEFILE_LIST: the bundled runtime is found from
# here, whatever directory make runs in.
_HERE = "CUDAPORT_HERE := $(dir $(lastword $(MAKEFILE_LIST)))\n"


def _map_word(word: str, ctx: BuildContext, prof: Profile, mig: Migration, text: str, offset: int) -> str:
    if word in ("-Xcompiler", "--compiler-options"):
        return ""  # the host flag that follows is kept as it is
    if word.startswith("-l") and word != "-lineinfo":
        lib = word[2:]
        if lib in prof.make_libs:
            return prof.make_libs[lib] or ""
        if lib in KNOWN_CUDA_LIBS or lib == "cuda":
            mig.report("CP5010", text, offset, f"{word} on {prof.target}")
        return word
    if _CUDA_DIR.search(word):
        if word.startswith(("-L", "-I", "-isystem", "-Wl,-rpath")):
            return ""
        if word.startswith("-"):
            mig.report("CP5013", text, offset, word)
        return word
    if word.startswith("-") and not word.startswith(("-I", "-D", "-L", "-o", "-c", "-O", "-std", "-W", "-g", "-f")):
        new, code = map_nvcc_flag(word, prof.target)
        if code:
            mig.report(code, text, offset, f"{word} -> {new or 'dropped'}")
        if new != word:
            return new or ""
    for old, new in ctx.suffixes.items():
        word = re.sub(re.escape(old) + r"(?![A-Za-z0-9_])", new, word)
    return word
