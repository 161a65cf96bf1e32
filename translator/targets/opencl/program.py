"""OpenCL target, the device program's model shared by the kernel emitter and its analyses: FuncInfo (one
translated device function), Extra (a parameter the emitter adds: warp scratch, device symbol, hoisted shared
array) and Builder, what spaces.Env and races.py need of the ProgramBuilder in emit.py. Kept apart so those
modules depend on this one, not on emit.py, which uses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from translator.targets.opencl.scan import DevFunc
from translator.targets.opencl.spelling import mangle


@dataclass
class Extra:
    key: str  # "warp" | "sym:NAME" | "sh:FUNC:NAME"
    pname: str  # parameter name in device functions and local/param name in kernels
    param: str  # parameter declaration in device functions
    kernel_decl: str = ""  # declaration at kernel scope (warp scratch, hoisted shared), or "" for kernel params
    kernel_param: str = ""  # kernel parameter (symbols)
    kernel_adj: str = ""
    # an `extern __shared__` array of a device function: the kernel's dynamic local memory (CUDA's extern shared
    # arrays all alias it), declared at kernel scope as a cast of the kernel's dynamic __local parameter
    dynamic_local: bool = False


@dataclass
class FuncInfo:
    func: DevFunc
    text: str  # translated definition text
    params: list[str]  # parameter texts
    ret: str  # return type text (qualifiers removed)
    body: str  # `{ ... }`
    qualifiers: set[str]
    own_extras: list[str] = field(default_factory=list)
    callees: set[str] = field(default_factory=set)
    shared: list[tuple[str, str, str, bool]] = field(default_factory=list)  # (name, elem type, dims text, extern)


def instance_suffix(info: FuncInfo, subst: dict[str, str]) -> str:
    """The name suffix of a device function template's instance: one part per template parameter that its
    parameter types do not show (every value parameter; a type parameter used only in the body or the result),
    so that instances the OpenCL compiler could not tell apart by overloading get names of their own."""
    if info.func.spec_clash:  # `template <> __half f(float)` beside `template <> __nv_bfloat16 f(float)`
        return "".join(f"_{mangle(a)}" for a in info.func.spec_args)
    shown = set(re.findall(r"[A-Za-z_]\w*", " ".join(info.params)))
    return "".join(f"_{mangle(subst[tp.name])}" for tp in info.func.tparams
                   if tp.name in subst and (tp.kind == "value" or tp.name not in shown))


class Builder(Protocol):
    """The ProgramBuilder as Env sees it: functions by name, their extra parameters, the user type names, the
    notes to report, and requests for a clone of a function with given template arguments and address spaces."""

    type_names: set[str]
    fn_macros: set[str]  # function-like macros of the program (`#define GET(t, i) t[i]`)
    macros: dict[str, str]  # every macro of the program: name -> its `#define` text
    by_name: dict[str, list[FuncInfo]]
    extras: dict[str, Extra]
    func_extras: dict[str, list[str]]
    notes: list[tuple[str, DevFunc, str]]

    def request(self, info: FuncInfo, subst: dict[str, str], spaces: tuple[str, ...]) -> None: ...
