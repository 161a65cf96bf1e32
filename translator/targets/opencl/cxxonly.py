"""OpenCL target: device code that needs C++ (class templates, member functions, `typename`), which OpenCL C
1.2 cannot express. Such a function used to reach the .cl as written and fail only when the program built its
kernels at run time; it is reported (CP4033) so that `cudaport build` refuses it. Input: a function's
parameter texts and body after template substitution; output: the first C++-only construct, or ''.
"""

from __future__ import annotations

import re

from translator.targets.opencl.spelling import split_param
from translator.targets.opencl.text import KEYWORD, Rewriter

_CXX_ONLY = {"typename", "template", "this", "operator", "class", "namespace", "new", "delete", "virtual"}
_TEMPLATE_ID = re.compile(r"\b[A-Za-z_]\w*\s*<")


def cxx_only(params: list[str], body: str) -> str:
    for p in params:
        m = _TEMPLATE_ID.search(split_param(p)[1])
        if m:
            return f"parameter of class template type {m.group(0).rstrip('< ')}<...>"
    for t in Rewriter(body).toks:
        if t.kind == KEYWORD and t.text in _CXX_ONLY and t.directive < 0:
            return f"`{t.text}`"
    return ""
