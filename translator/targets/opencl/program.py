"""OpenCL target, the device program's model shared by the kernel emitter and its analyses: FuncInfo (one
translated device function), Extra (a parameter the emitter adds: warp scratch, device symbol, hoisted shared
array) and Builder, what spaces.Env and races.py need of the ProgramBuilder in emit.py. Kept apart so those
modules depend on this one, not on emit.py, which uses them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from translator.targets.opencl.scan import DevFunc


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


class Builder(Protocol):
    """The ProgramBuilder as Env sees it: functions by name, their extra parameters, the user type names, the
    notes to report, and requests for a clone of a function with given template arguments and address spaces."""

    type_names: set[str]
    by_name: dict[str, list[FuncInfo]]
    extras: dict[str, Extra]
    func_extras: dict[str, list[str]]
    notes: list[tuple[str, DevFunc, str]]

    def request(self, info: FuncInfo, subst: dict[str, str], spaces: tuple[str, ...]) -> None: ...
