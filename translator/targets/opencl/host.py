"""Host side of the OpenCL target: the program registration preamble, typed launch stubs and symbol
registration that replace kernels and device variables in the translated .cpp file.

Input: the DeviceScan, the original kernel parameters and the extras each kernel needs. Output: C++ text
that calls the runtime shim (cpRegisterProgram, cpLaunchKernel, cpRegisterSymbol; cudaport_opencl.h).
"""

from __future__ import annotations

import re

from translator.targets.opencl.scan import DevFunc, DevVar
from translator.targets.opencl.spelling import kernel_cl_name
from translator.targets.opencl.text import Rewriter

_TYPE_NAMES = [("float", "float"), ("double", "double"), ("int", "int"), ("unsigned int", "uint"),
               ("long", "long"), ("unsigned long", "ulong"), ("long long", "long"), ("unsigned long long", "ulong"),
               ("short", "short"), ("unsigned short", "ushort"), ("char", "char"), ("signed char", "char"),
               ("unsigned char", "uchar"), ("bool", "bool"), ("__half", "half"), ("__half2", "half2"),
               ("__nv_bfloat16", "nv_bfloat16"), ("__nv_bfloat162", "nv_bfloat162")]  # as mangle() spells them


def program_function(cl_name: str) -> str:
    """The host function that registers `cl_name`'s program. Named per program: a unit that includes another
    translated source textually (`#include "kernels.cu"`) holds both files' programs."""
    return "cp_program_" + re.sub(r"\W", "_", cl_name.rsplit(".", 1)[0])


def preamble(cl_name: str, source: str, build_options: str = "") -> str:
    delim = "cp_cl"
    while f"){delim}\"" in source:
        delim += "_"
    names = "\n".join(f"template <> struct cp_tn<{c}> {{ static const char* get() {{ return \"{o}\"; }} }};"
                      for c, o in _TYPE_NAMES)
    return (
        "/* cudaport: the kernels of this file are in " + cl_name + " (OpenCL C), launched through the shim */\n"
        "#include <string>\n"
        f"static cpProgram* {program_function(cl_name)}() {{\n"
        f"    static cpProgram* cp_prog = cpRegisterProgram(\"{cl_name}\", R\"{delim}(" + source + f"){delim}\", "
        f"\"{build_options}\");\n"
        "    return cp_prog;\n"
        "}\n"
        # user types: an overload cp_type_name(T*) that typenames.user_type_names emits, found by ADL. Every name
        # here is cp_-prefixed: the preamble comes after the user's macros (`#define T float` is common). Once
        # per unit: a unit may hold the preambles of the sources it includes.
        "#ifndef CUDAPORT_OPENCL_NAMES\n"
        "#define CUDAPORT_OPENCL_NAMES\n"
        "template <typename cp_T> struct cp_tn {\n"
        "    static const char* get() { return cp_type_name((cp_T*)nullptr); }\n"
        "};\n"
        + names + "\n"
        "template <typename cp_V> static inline std::string cp_tv(cp_V cp_v) {\n"
        "    std::string cp_s = std::to_string((long long)cp_v);\n"
        "    if (cp_s[0] == '-') cp_s[0] = 'm';\n"
        "    return cp_s;\n"
        "}\n"
        "#endif\n"
    )


_STUB_HEAD = ["dim3 cp_grid", "dim3 cp_block", "size_t cp_shmem", "cudaStream_t cp_stream"]


def stub_declaration(name: str, params: list[tuple[str, str, bool]], template_text: str, *, static: bool,
                     targs: str = "") -> str:
    """The declaration of kernel `name`'s launch stub, for a prototype or a header: a file that launches a kernel
    defined in another file calls the stub that file defines (external linkage, resolved by the linker). `targs`:
    an explicit specialisation's arguments as it writes them (`<__half>`), which its parameters may not deduce."""
    head = (template_text + " ") if template_text else ""
    decls = _STUB_HEAD + [p[0] for p in params]
    return f"{head}{'static ' if static else ''}cudaError_t cp_launch_{name}{targs}({', '.join(decls)});"


def without_default_arguments(template_text: str) -> str:
    """`template<int B = 128, typename T = float>` as `template<int B, typename T>`: a definition after a
    declaration that gave the defaults may not repeat them (g++: redefinition of default argument)."""
    rw = Rewriter(template_text)
    toks = rw.toks
    if len(toks) < 3 or toks[0].text != "template" or toks[1].text != "<":
        return template_text
    depth, angle, eq = 0, 0, -1  # brackets, and template brackets inside a default argument
    for k in range(2, len(toks)):
        t = toks[k].text
        if t in ("(", "[", "{"):
            depth += 1
        elif t in (")", "]", "}"):
            depth -= 1
        elif depth == 0 and eq >= 0 and t == "<":
            angle += 1
        elif depth == 0 and angle == 0 and t in (">", ">>", ","):
            if eq >= 0:
                rw.replace(toks[eq - 1].end, toks[k].offset, "")
            if t != ",":
                break
            eq = -1
        elif depth == 0 and t in (">", ">>"):
            angle -= len(t)
            if angle < 0:  # `>>` closing a default's template and the parameter list
                rw.replace(toks[eq - 1].end, toks[k].offset + 1, "")
                break
        elif depth == 0 and t == "=" and eq < 0:
            eq = k
    return rw.result()


def launch_stub(func: DevFunc, params: list[tuple[str, str, bool]], symbols: list[DevVar], dyn_shared: bool,
                cl_name: str, *, static: bool = True, declared: bool = False) -> str:
    """`params`: (declaration as written, name, is pointer). `static` False: the stub has external linkage, so
    other files launch the kernel through a prototype's stub declaration. `declared`: a declaration of the stub
    (a header's) comes first and holds the template's default arguments."""
    decls = _STUB_HEAD + [p[0] for p in params]
    args = []
    for _decl, name, is_ptr in params:
        kind = "CP_ARG_DEVPTR" if is_ptr else "CP_ARG_VALUE"
        args.append(f"{{{kind}, (const void*)&{name}, sizeof({name})}}")
    for v in symbols:
        args.append(f"{{CP_ARG_SYMBOL, (const void*)&{v.name}, 0}}")  # the shim knows the size
    if dyn_shared:
        args.append("{CP_ARG_LOCAL, nullptr, cp_shmem}")
    # `normalize` is `cp_normalize` in the .cl; an explicit specialisation `k<float>` is `k_float`
    cl_name_of = kernel_cl_name(func)
    if func.tparams:
        parts = " + \"_\" + ".join(f"cp_tn<{tp.name}>::get()" if tp.kind == "type" else f"cp_tv({tp.name})"
                                   for tp in func.tparams)
        name_expr = "cp_name.c_str()"
        # computed once per instantiation (the shim finds kernels by the name's text; this saves the work)
        name_init = f"    static const std::string cp_name = std::string(\"{cl_name_of}_\") + {parts};\n"
    else:
        name_expr = f"\"{cl_name_of}\""
        name_init = ""
    arr = (f"    cpKernelArg cp_args[] = {{{', '.join(args)}}};\n" if args
           else "    const cpKernelArg* cp_args = nullptr;\n")
    template_text = without_default_arguments(func.template_text) if declared else func.template_text
    head = (template_text + "\n") if template_text else ""
    return (
        f"/* cudaport: kernel {func.name} is in {cl_name}; launches call this stub */\n"
        f"{head}{'static ' if static else ''}cudaError_t cp_launch_{func.name}{func.spec_written}({', '.join(decls)}) "
        "{\n"
        f"{name_init}{arr}"
        f"    return cpLaunchKernel({program_function(cl_name)}(), {name_expr}, cp_grid, cp_block, cp_shmem, "
        f"cp_stream, cp_args, {len(args)});\n"
        "}"
    )


def kernel_value(func: DevFunc, params: list[tuple[str, str, bool]], *, static: bool = True) -> str:
    """A host function with the kernel's name and parameters, for a kernel used as a value (a function pointer):
    a call launches the kernel with the configuration the translated `<<<>>>` left (cpSetLaunchConfig)."""
    names = ", ".join(["cp_c.grid", "cp_c.block", "cp_c.shmem", "cp_c.stream", *(p[1] for p in params)])
    return (f"\n/* cudaport: kernel {func.name} as a value: a call launches it with the pending <<<>>> */\n"
            f"{'static ' if static else ''}void {func.name}({', '.join(p[0] for p in params)}) {{\n"
            f"    cpLaunchConfig cp_c = cp_pending_launch();\n"
            f"    cp_launch_{func.name}({names});\n}}")


def symbol_registration(v: DevVar) -> str:
    return (f"\nstatic const int cp_reg_{v.name} = (cpRegisterSymbol((const void*)&{v.name}, sizeof({v.name}), "
            f"\"{v.name}\"), 0);")
