"""CMake migration: a tokenizer for command invocations (name, parenthesised arguments with their byte ranges,
comments skipped) and per-command edits that move CUDA language, packages, imported targets, properties,
variables, nvcc flags and .cu source names to the target's build. Comments and unrelated text are kept.

Input: a CMakeLists.txt / *.cmake text and a BuildContext. Output: the migrated text and Findings (CP5xxx).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from translator.migrate.common import BuildContext, Migration
from translator.migrate.profiles import (
    RUNTIME_PACKAGES,
    Profile,
    arch_value,
    cuda_lib_name,
    map_nvcc_flag,
    runtime_cmake,
)


class CMakeParseError(ValueError):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Arg:
    text: str
    start: int
    end: int
    kind: str  # unquoted | quoted | bracket | paren


@dataclass
class Command:
    name: str
    start: int
    end: int  # after the closing parenthesis
    args: list[Arg] = field(default_factory=list)

    @property
    def lname(self) -> str:
        return self.name.lower()

    def words(self) -> list[str]:
        return [a.text for a in self.args if a.kind != "paren"]


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BRACKET_OPEN = re.compile(r"\[(=*)\[")


def _skip_bracket(text: str, i: int) -> int | None:
    """End of a bracket argument/comment starting at text[i] == '[', or None when it is not one."""
    m = _BRACKET_OPEN.match(text, i)
    if not m:
        return None
    close = text.find("]" + m.group(1) + "]", m.end())
    if close < 0:
        raise CMakeParseError(i, "unterminated bracket argument")
    return close + len(m.group(1)) + 2


def _skip_comment(text: str, i: int) -> int:
    end = _skip_bracket(text, i + 1) if text.startswith("#[", i) else None
    if end is not None:
        return end
    nl = text.find("\n", i)
    return len(text) if nl < 0 else nl


def _skip_quoted(text: str, i: int) -> int:
    j = i + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == '"':
            return j + 1
        j += 1
    raise CMakeParseError(i, "unterminated quoted argument")


def parse(text: str) -> list[Command]:
    """Every command invocation of a CMake file, with argument ranges. Raises CMakeParseError."""
    cmds: list[Command] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            i = _skip_comment(text, i)
            continue
        if c == '"':
            i = _skip_quoted(text, i)
            continue
        m = _IDENT.match(text, i) if (c.isalpha() or c == "_") else None
        if not m:
            i += 1
            continue
        j = m.end()
        while j < n and text[j] in " \t":
            j += 1
        if j >= n or text[j] != "(":
            i = m.end()
            continue
        cmd = Command(m.group(0), i, i)
        i = _parse_args(text, j + 1, cmd)
        cmds.append(cmd)
    return cmds


def _parse_args(text: str, i: int, cmd: Command) -> int:
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in " \t\r\n":
            i += 1
        elif c == "#":
            i = _skip_comment(text, i)
        elif c == "(":
            cmd.args.append(Arg("(", i, i + 1, "paren"))
            depth += 1
            i += 1
        elif c == ")":
            if depth == 0:
                cmd.end = i + 1
                return i + 1
            cmd.args.append(Arg(")", i, i + 1, "paren"))
            depth -= 1
            i += 1
        elif c == '"':
            j = _skip_quoted(text, i)
            cmd.args.append(Arg(text[i + 1:j - 1], i, j, "quoted"))
            i = j
        elif c == "[" and _BRACKET_OPEN.match(text, i):
            j = _skip_bracket(text, i) or i + 1
            cmd.args.append(Arg(text[i:j], i, j, "bracket"))
            i = j
        else:
            j = i
            while j < n and text[j] not in " \t\r\n()#":
                if text[j] == '"':
                    j = _skip_quoted(text, j)
                    continue
                if text[j] == "\\":
                    j += 1
                j += 1
            cmd.args.append(Arg(text[i:j], i, j, "unquoted"))
            i = j
    raise CMakeParseError(cmd.start, f"{cmd.name}( is never closed")


# -- migration ------------------------------------------------------------------------------------------
_SRC_PREFIXES = ("${CMAKE_CURRENT_SOURCE_DIR}/", "${CMAKE_CURRENT_LIST_DIR}/", "${PROJECT_SOURCE_DIR}/",
                 "${CMAKE_SOURCE_DIR}/")
_CUDA_VAR = re.compile(r"CMAKE_CUDA_([A-Z_]+)")
_LANG_GENEX = re.compile(r"(COMPILE_LANGUAGE|LINK_LANGUAGE|COMPILE_LANG_AND_ID):CUDA\b")
_PROP_KEYS = ("CUDA_ARCHITECTURES", "CUDA_STANDARD", "CUDA_STANDARD_REQUIRED", "CUDA_EXTENSIONS",
              "CUDA_SEPARABLE_COMPILATION", "CUDA_RESOLVE_DEVICE_SYMBOLS", "CUDA_PTX_COMPILATION",
              "CUDA_RUNTIME_LIBRARY", "LANGUAGE")
_FLAG_COMMANDS = ("target_compile_options", "add_compile_options", "target_link_options", "add_link_options")
_TARGET_ADDERS = ("add_executable", "add_library", "target_sources", "cuda_add_executable", "cuda_add_library")
_CXX_VARS = {"STANDARD": "CMAKE_CXX_STANDARD", "STANDARD_REQUIRED": "CMAKE_CXX_STANDARD_REQUIRED",
             "EXTENSIONS": "CMAKE_CXX_EXTENSIONS", "FLAGS": "CMAKE_CXX_FLAGS"}


def migrate(rel: PurePosixPath, text: str, ctx: BuildContext, prof: Profile, mig: Migration) -> None:
    """Record the edits that move one CMake file to the target's build into `mig`."""
    cmds = parse(text)
    hip = prof.target == "hip"
    has_find = any(c.lname == "find_package" and c.words()[:1] in (["CUDAToolkit"], ["CUDA"]) for c in cmds)
    placed_find = False
    cu_vars: set[str] = set()
    base = rel.parent
    marked = set()  # sources already compiled as HIP (a re-run over our own output adds nothing)
    for c in cmds:
        w = c.words()
        if c.lname == "set_source_files_properties" and "PROPERTIES" in w and "HIP" in w:
            marked.update(w[: w.index("PROPERTIES")])
    for cmd in cmds:
        name, words = cmd.lname, cmd.words()
        if name == "cmake_minimum_required" and hip:
            _bump_version(cmd, mig)
        elif name == "project":
            _project(cmd, prof, mig)
            if not has_find and any(w == "CUDA" for w in words):
                mig.insert(cmd.end, "\n" + _find_block(prof, ctx), "project")
                placed_find = True
            continue
        elif name == "enable_language" and "CUDA" in words:
            if hip:
                _replace_word(cmd, "CUDA", "HIP", mig)
            elif not has_find and not placed_find:
                mig.replace(cmd.start, cmd.end, _find_block(prof, ctx), "enable_language")
                placed_find = True
            else:
                mig.replace(cmd.start, cmd.end, f"# cudaport: enable_language(CUDA) is not needed for {prof.target}",
                            "enable_language")
            continue
        elif name == "find_package" and words[:1] in (["CUDAToolkit"], ["CUDA"]):
            mig.replace(cmd.start, cmd.end, _find_block(prof, ctx), "find_package")
            continue
        elif name in ("set", "string", "list") and _set_cuda_var(cmd, prof, mig):
            continue
        elif name in ("set_target_properties", "set_source_files_properties", "set_property",
                      "set_directory_properties"):
            _properties(cmd, prof, mig)
        elif name in ("cuda_add_executable", "cuda_add_library"):
            mig.replace(cmd.start, cmd.start + len(cmd.name), cmd.name[5:], "FindCUDA")
        elif name in ("cuda_include_directories", "cuda_select_nvcc_arch_flags", "cuda_compile"):
            mig.report("CP5013", text, cmd.start, f"{cmd.name}() from the old FindCUDA module")
        if name == "file" and words[:1] and words[0] in ("GLOB", "GLOB_RECURSE") and len(words) > 1:
            if any(w.endswith(".cu") for w in words[2:]):
                cu_vars.add(words[1])
        if name == "set" and words and any(w.endswith(".cu") for w in words[1:]):
            cu_vars.add(words[0])
        flags_cmd = name in _FLAG_COMMANDS
        for arg in cmd.args:
            if arg.kind == "paren":
                continue
            new = _map_arg(arg.text, base, ctx, prof, mig, text, arg.start, flags_cmd)
            if new != arg.text:
                if new == "":
                    mig.replace(_ws_before(text, arg.start), arg.end, "", "arg")
                else:
                    quote = '"' if arg.kind == "quoted" else ""
                    mig.replace(arg.start, arg.end, quote + new + quote, "arg")
        if name in _TARGET_ADDERS and hip:
            cu = [w for w in words[1:] if (w.endswith(".cu") or any(w == f"${{{v}}}" for v in cu_vars))
                  and w not in marked]
            if cu:
                mig.insert(cmd.end, f"\nset_source_files_properties({' '.join(cu)} PROPERTIES LANGUAGE HIP)",
                           "hip-language")
        if name in ("add_executable", "cuda_add_executable") and prof.target == "opencl" and words \
                and words[1:2] != ["IMPORTED"] and words[1:2] != ["ALIAS"] \
                and f"$<TARGET_FILE_DIR:{words[0]}>" not in text:
            exe = words[0]
            mig.insert(cmd.end, "\nif(CUDAPORT_CL_FILES)  # cudaport: OpenCL kernels go next to the executable\n"
                       f"  add_custom_command(TARGET {exe} POST_BUILD COMMAND ${{CMAKE_COMMAND}} -E copy_if_different"
                       f" ${{CUDAPORT_CL_FILES}} $<TARGET_FILE_DIR:{exe}>)\nendif()", "cl-files")


def _find_block(prof: Profile, ctx: BuildContext) -> str:
    if prof.target not in RUNTIME_PACKAGES:
        return prof.find
    find = runtime_cmake(prof.target, prof.shim)
    if prof.target == "opencl":
        return (find + "\nlink_libraries(cudaport_opencl)\n"
                "file(GLOB_RECURSE CUDAPORT_CL_FILES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cl)\n"
                'list(FILTER CUDAPORT_CL_FILES EXCLUDE REGEX "^${CMAKE_BINARY_DIR}/")')
    return find


def _ws_before(text: str, i: int) -> int:
    j = i
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return j


def _replace_word(cmd: Command, old: str, new: str, mig: Migration) -> None:
    for a in cmd.args:
        if a.text == old and a.kind == "unquoted":
            mig.replace(a.start, a.end, new, cmd.name)


def _bump_version(cmd: Command, mig: Migration) -> None:
    for i, a in enumerate(cmd.args):
        if a.text == "VERSION" and i + 1 < len(cmd.args):
            v = cmd.args[i + 1]
            low = v.text.split("...")[0]
            parts = [int(p) for p in re.findall(r"\d+", low)[:2]] + [0, 0]
            if (parts[0], parts[1]) < (3, 21):
                mig.replace(v.start, v.start + len(low), "3.21", "HIP needs CMake 3.21")


def _project(cmd: Command, prof: Profile, mig: Migration) -> None:
    words = cmd.words()
    for a in cmd.args:
        if a.text != "CUDA" or a.kind != "unquoted":
            continue
        if prof.language == "HIP":
            mig.replace(a.start, a.end, "HIP", "project")
        elif "CXX" in words:
            mig.replace(_ws_before(mig.text, a.start), a.end, "", "project")
        else:
            mig.replace(a.start, a.end, "CXX", "project")


def _set_cuda_var(cmd: Command, prof: Profile, mig: Migration) -> bool:
    """set(CMAKE_CUDA_X ...) and friends. True when the command was handled as a whole."""
    words = cmd.words()
    var_i = 1 if cmd.lname in ("string", "list") else 0
    if len(words) <= var_i:
        return False
    m = _CUDA_VAR.fullmatch(words[var_i])
    if not m:
        return False
    what = m.group(1)
    if what == "ARCHITECTURES":
        value = arch_value(prof.target)
        if value is None:
            mig.replace(cmd.start, cmd.end, f"# cudaport: {prof.target} has no GPU architectures to set: "
                        + mig.text[cmd.start:cmd.end].replace("\n", " "), "architectures")
            return True
        args = [a for a in cmd.args if a.kind != "paren"]
        mig.replace(args[0].start, args[0].end, "CMAKE_HIP_ARCHITECTURES", "architectures")
        if len(args) > 1:
            mig.replace(args[1].start, args[-1].end, value, "architectures")
        mig.report("CP5012", mig.text, cmd.start, f"CMAKE_CUDA_ARCHITECTURES -> {value}")
        return True
    if prof.target != "hip" and what not in _CXX_VARS:
        mig.report("CP5013", mig.text, cmd.start, f"CMAKE_CUDA_{what}")
        mig.replace(cmd.start, cmd.end, f"# cudaport: no {prof.target} equivalent: "
                    + mig.text[cmd.start:cmd.end].replace("\n", " "), "cuda variable")
        return True
    return False


def _properties(cmd: Command, prof: Profile, mig: Migration) -> None:
    args = [a for a in cmd.args if a.kind != "paren"]
    hip = prof.target == "hip"
    i = 0
    while i < len(args):
        a = args[i]
        if a.text in ("PROPERTIES", "PROPERTY"):
            j = i + 1
            pairs = dropped = 0
            while j < len(args):
                key = args[j].text
                value = args[j + 1] if j + 1 < len(args) else None
                single = a.text == "PROPERTY"
                end = args[-1] if single else value
                if key == "LANGUAGE" and value is not None and value.text == "CUDA":
                    mig.replace(value.start, value.end, prof.language, "LANGUAGE")
                elif key in _PROP_KEYS and key != "LANGUAGE":
                    suffix = key[len("CUDA_"):]
                    if hip and suffix in ("ARCHITECTURES", "STANDARD", "STANDARD_REQUIRED", "EXTENSIONS"):
                        mig.replace(args[j].start, args[j].end, "HIP_" + suffix, "property")
                        if suffix == "ARCHITECTURES" and value is not None and value.text not in ("OFF", "native"):
                            mig.replace(value.start, (end or value).end, arch_value("hip") or "", "property")
                            mig.report("CP5012", mig.text, args[j].start, f"{key} -> {arch_value('hip')}")
                    elif not hip and suffix in ("STANDARD", "STANDARD_REQUIRED", "EXTENSIONS"):
                        mig.replace(args[j].start, args[j].end, "CXX_" + suffix, "property")
                    else:
                        mig.report("CP5013", mig.text, args[j].start, key)
                        if single:
                            mig.replace(cmd.start, cmd.end, "# cudaport: no equivalent: "
                                        + mig.text[cmd.start:cmd.end].replace("\n", " "), "property")
                            return
                        mig.replace(_ws_before(mig.text, args[j].start), (end or args[j]).end, "", "property")
                        dropped += 1
                if single:
                    return
                pairs += 1
                j += 2
            if pairs and dropped == pairs:  # `PROPERTIES` with nothing after it is a CMake error
                mig.replace(cmd.start, cmd.end, "# cudaport: no equivalent: "
                            + mig.text[cmd.start:cmd.end].replace("\n", " "), "property")
            return
        i += 1


def _map_arg(word: str, base: PurePosixPath, ctx: BuildContext, prof: Profile, mig: Migration, text: str,
             offset: int, flags_cmd: bool) -> str:
    lib = cuda_lib_name(word)
    if lib is not None:
        if lib in prof.cmake_libs:
            return prof.cmake_libs[lib] or ""
        mig.report("CP5010", text, offset, f"{word} on {prof.target}")
        return word
    new = _CUDA_VAR.sub(lambda m: _var(m.group(1), prof), word)
    new = _LANG_GENEX.sub(lambda m: f"{m.group(1)}:{prof.language}", new)
    if flags_cmd or new.startswith("-"):
        new = _map_flags(new, prof, mig, text, offset)
    return _rename_source(new, base, ctx)


def _var(what: str, prof: Profile) -> str:
    if prof.target == "hip":
        return f"CMAKE_HIP_{what}"
    return _CXX_VARS.get(what, f"CMAKE_CUDA_{what}")


def _map_flags(word: str, prof: Profile, mig: Migration, text: str, offset: int) -> str:
    """Map nvcc flags inside one argument (space- or ;-separated, possibly inside a generator expression)."""
    def one(flag: str) -> str:
        if not flag.startswith("-"):
            return flag
        new, code = map_nvcc_flag(flag, prof.target)
        if code:
            mig.report(code, text, offset, f"{flag} -> {new or 'dropped'}")
        return new or ""

    if word.startswith("$<") and word.endswith(">") and ":" in word:
        cut = word.rindex(">:") + 2 if ">:" in word else word.index(":") + 1
        inner = ";".join(x for x in (one(f) for f in word[cut:-1].split(";")) if x)
        return word[:cut] + inner + ">" if inner else ""
    parts = re.split(r"(\s+)", word)
    mapped = [one(p) if not p.isspace() else p for p in parts]
    return re.sub(r"\s+", " ", "".join(mapped)).strip() if mapped != parts else word


def _rename_source(word: str, base: PurePosixPath, ctx: BuildContext) -> str:
    """A source path (or glob) naming a file whose output name changed gets the new name."""
    prefix = next((p for p in _SRC_PREFIXES if word.startswith(p)), "")
    path = word[len(prefix):]
    if not path or "$" in path:
        return word
    if "*" in path:
        for old, new in ctx.suffixes.items():
            if path.endswith("*" + old):
                return prefix + path[: -len(old)] + new
        return word
    candidates = [posixpath.normpath(str(base / path))]
    if prefix in ("${PROJECT_SOURCE_DIR}/", "${CMAKE_SOURCE_DIR}/"):
        candidates.insert(0, posixpath.normpath(path))
    for rel in candidates:
        new = ctx.renames.get(rel)
        if new is not None and new != rel:
            new_name = PurePosixPath(new).name
            old_name = PurePosixPath(rel).name
            if path.endswith(old_name):
                return prefix + path[: -len(old_name)] + new_name
    return word
