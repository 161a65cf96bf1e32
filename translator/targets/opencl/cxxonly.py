"""OpenCL target: device code that needs C++ (class templates, member functions, operators, `typename`, `this`),
which OpenCL C 1.2 cannot express. A program (one .cl) with such code is written in C++ for OpenCL instead: its
first line is MARKER, the runtime shim compiles it offline with clang to SPIR and the device builds that binary
(runtime_shim/opencl/src/clcxx.cpp). OpenCL C stays the default for every program that does not need C++.

Input: a function's parameter texts and body after template substitution (cxx_only), or the text of a
top-level type declaration (cxx_type). Output: the first C++-only construct, or ''. cxx_program makes the C++
program (MARKER, CXX_HEAD); bytes_params rewrites a kernel's class-type parameters into bytes.
"""

from __future__ import annotations

import re

from translator.targets.opencl.spelling import split_param
from translator.targets.opencl.text import IDENT, KEYWORD, PUNCT, Rewriter

_CXX_ONLY = {"typename", "template", "this", "operator", "class", "namespace", "using", "static_assert",
             "decltype", "constexpr"}
# what C++ for OpenCL 1.0 refuses too (no virtual functions, new/delete, exceptions, RTTI): CP4033
_UNSUPPORTED = {"new", "delete", "virtual", "throw", "try", "typeid", "dynamic_cast"}
_TEMPLATE_ID = re.compile(r"\b[A-Za-z_]\w*\s*<")
_MEMBER_WORDS = {"public", "private", "protected", "operator", "template", "virtual", "friend", "using",
                 "typename", "explicit", "constexpr"}

# the runtime shim recognises a C++ for OpenCL program by this first line (cp_clcxx.hpp: kCxxMarker)
MARKER = "/* cudaport: C++ for OpenCL"

# C++ for OpenCL lacks C's `restrict`, CUDA's qualifiers (left in member functions of the classes the program
# carries) and the std templates device code uses in type traits.
CXX_HEAD = r"""#define restrict __restrict
#define __host__
#define __device__
#define __forceinline__ inline
#define __noinline__ __attribute__((noinline))
/* PoCL's kernel library has the half conversions for each named address space only: clang's C++ for OpenCL
   takes the prelude's casts of private addresses as generic pointers, so these forward to the private ones.
   clang-15's opencl-c.h declares only the generic ones for C++ for OpenCL: without the private declarations
   the forwarders called themselves (an endless recursion, folded to undef: every half read 0). */
float vload_half(size_t o, const __private half* p);
float vload_half(size_t o, const __generic half* p) { return vload_half(o, (const __private half*)p); }
#define CP_GENERIC_VSTORE(SUF, T) \
void vstore_half##SUF(T f, size_t o, __private half* p); \
void vstore_half##SUF(T f, size_t o, __generic half* p) { vstore_half##SUF(f, o, (__private half*)p); }
CP_GENERIC_VSTORE(, float) CP_GENERIC_VSTORE(_rte, float) CP_GENERIC_VSTORE(_rtz, float)
CP_GENERIC_VSTORE(_rtn, float) CP_GENERIC_VSTORE(_rtp, float)
#ifdef cl_khr_fp64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
CP_GENERIC_VSTORE(, double) CP_GENERIC_VSTORE(_rte, double) CP_GENERIC_VSTORE(_rtz, double)
CP_GENERIC_VSTORE(_rtn, double) CP_GENERIC_VSTORE(_rtp, double)
#endif
namespace std {
template <bool B, typename T = void> struct enable_if {};
template <typename T> struct enable_if<true, T> { typedef T type; };
template <bool B, typename T, typename F> struct conditional { typedef T type; };
template <typename T, typename F> struct conditional<false, T, F> { typedef F type; };
template <typename T, T v> struct integral_constant { static constexpr T value = v; };
typedef integral_constant<bool, true> true_type;
typedef integral_constant<bool, false> false_type;
template <typename A, typename B> struct is_same : false_type {};
template <typename A> struct is_same<A, A> : true_type {};
template <typename T> struct remove_const { typedef T type; };
template <typename T> struct remove_const<const T> { typedef T type; };
template <typename T> struct remove_reference { typedef T type; };
template <typename T> struct remove_reference<T&> { typedef T type; };
template <typename T> struct remove_reference<T&&> { typedef T type; };
template <typename T> T&& declval();
template <typename T> struct decay { typedef typename remove_const<typename remove_reference<T>::type>::type type; };
template <typename T, typename U> struct common_type {
    typedef typename decay<decltype(true ? declval<T>() : declval<U>())>::type type; };
template <typename T> struct numeric_limits;
#define CP_LIMITS(T, LO, HI, LOWEST, EPS, INF, NAN_) template <> struct numeric_limits<T> { \
    static constexpr bool is_specialized = true; \
    static constexpr T min() { return LO; } static constexpr T max() { return HI; } \
    static constexpr T lowest() { return LOWEST; } static constexpr T epsilon() { return EPS; } \
    static T infinity() { return INF; } static T quiet_NaN() { return NAN_; } };
CP_LIMITS(float, FLT_MIN, FLT_MAX, -FLT_MAX, FLT_EPSILON, INFINITY, NAN)
CP_LIMITS(int, INT_MIN, INT_MAX, INT_MIN, 0, 0, 0)
CP_LIMITS(unsigned int, 0, UINT_MAX, 0, 0, 0, 0)
CP_LIMITS(long, LONG_MIN, LONG_MAX, LONG_MIN, 0, 0, 0)
CP_LIMITS(unsigned long, 0, ULONG_MAX, 0, 0, 0, 0)
CP_LIMITS(short, SHRT_MIN, SHRT_MAX, SHRT_MIN, 0, 0, 0)
CP_LIMITS(unsigned short, 0, USHRT_MAX, 0, 0, 0, 0)
CP_LIMITS(char, CHAR_MIN, CHAR_MAX, CHAR_MIN, 0, 0, 0)
CP_LIMITS(signed char, SCHAR_MIN, SCHAR_MAX, SCHAR_MIN, 0, 0, 0)
CP_LIMITS(unsigned char, 0, UCHAR_MAX, 0, 0, 0, 0)
#ifdef cl_khr_fp64
CP_LIMITS(double, DBL_MIN, DBL_MAX, -DBL_MAX, DBL_EPSILON, (double)INFINITY, (double)NAN)
#endif
}
using namespace std;  /* device code spells them std::x, which the .cl writes x (namespaces are flattened) */
"""


def cxx_only(params: list[str], body: str) -> str:
    for p in params:
        m = _TEMPLATE_ID.search(split_param(p)[1])
        if m:
            return f"parameter of class template type {m.group(0).rstrip('< ')}<...>"
    rw = Rewriter(body)
    toks = rw.toks
    for k, t in enumerate(toks):
        if t.directive >= 0:
            continue
        if t.kind == KEYWORD and t.text in _CXX_ONLY:
            return f"`{t.text}`"
        if t.text == "::" and k > 0 and toks[k - 1].text in (">", ">>"):
            return "a member of a class template specialisation (`X<T>::y`)"
        if t.text == "[" and k > 0 and toks[k - 1].text in ("=", "(", ",", "{", ";", "return"):
            close = rw.match(k)
            if 0 < close + 1 < len(toks) and toks[close + 1].text in ("(", "{"):
                return "a lambda"
        if t.text == "&" and 1 < k < len(toks) - 2 and toks[k - 1].kind in (IDENT, KEYWORD) \
                and toks[k + 1].kind == IDENT and toks[k + 2].text in ("=", ":") \
                and (toks[k - 2].text in (";", "{", "}", "(") or toks[k - 2].text == "const"):
            return f"the reference {toks[k + 1].text}"
    return ""


def cxx_unsupported(body: str) -> str:
    """The first construct of `body` that not even C++ for OpenCL has (CP4033), or ''."""
    for t in Rewriter(body).toks:
        if t.kind == KEYWORD and t.text in _UNSUPPORTED and t.directive < 0:
            return f"`{t.text}` (C++ for OpenCL has no {t.text})"
    return ""


def cxx_type(text: str) -> str:
    """Why the type declaration `text` (struct, class, union, template) is not OpenCL C, or ''."""
    toks = [t for t in Rewriter(text).toks if t.directive < 0]
    if not toks:
        return ""
    words = [t.text for t in toks]
    if words[0] == "template":
        name = next((w for k, w in enumerate(words[1:], 1) if words[k - 1] in ("struct", "class", "union")
                     and toks[k].kind == IDENT), "")
        return f"class template {name}".rstrip()
    if "{" not in words:
        return ""
    brace = words.index("{")
    name, paren = "(unnamed)", 0
    kw = next((k for k, w in enumerate(words[:brace]) if w in ("struct", "class", "union")), brace)
    for t in toks[kw + 1:brace]:
        paren += {"(": 1, ")": -1}.get(t.text, 0)
        if paren == 0 and t.kind == IDENT and t.text not in ("__attribute__", "alignas", "__align__"):
            name = t.text
            break
    if ":" in words[:brace]:
        return f"class {name} with a base class"
    depth = paren = 0
    for k, t in enumerate(toks[brace:], brace):
        if t.kind == PUNCT and t.text in ("{", "}"):
            depth += 1 if t.text == "{" else -1
        elif t.kind == PUNCT and t.text in ("(", ")"):
            paren += 1 if t.text == "(" else -1
        if depth != 1:
            continue
        if t.text in _MEMBER_WORDS:
            return f"class {name} ({t.text})"
        if t.text == "(" and paren == 1 and toks[k - 1].kind == IDENT and toks[k - 1].text != "__attribute__" \
                and toks[k - 1].text != "__align__" and toks[k - 1].text != "alignas":
            return f"class {name} with member function {toks[k - 1].text}"
    return ""


def bytes_params(kernel_text: str, params: list[tuple[str, str, str]]) -> str:
    """Kernel parameters of class type in a C++ program: OpenCL refuses kernel parameters of classes that hold
    pointers, so each arrives as bytes (`struct cp_raw_K_x { uchar b[sizeof(T)]; }`, the size the launch stub
    passes) and the kernel starts with the object (`T x = __builtin_bit_cast(T, cp_raw_x);`). `params`:
    (parameter as the emitter wrote it in the kernel's first line, its type, its name)."""
    start = kernel_text.find("__kernel void ")
    end = kernel_text.find(") {", start)
    if start < 0 or end < 0:
        return kernel_text
    head = kernel_text[start:end]
    kname = head[len("__kernel void "):head.find("(")].strip()
    inits, types = [], []
    for text, ptype, pname in params:
        base = " ".join(w for w in ptype.split() if w not in ("const", "volatile"))
        raw = f"cp_raw_{kname}_{pname}"  # one plain struct per parameter: OpenCL takes no template types there
        types.append(f"struct {raw} {{ unsigned char b[sizeof({base})]; }};\n")
        head = head.replace(text, f"struct {raw} cp_raw_{pname}", 1)
        inits.append(f"\n    {base} {pname} = __builtin_bit_cast({base}, cp_raw_{pname});")
    return kernel_text[:start] + "".join(types) + head + ") {" + "".join(inits) + kernel_text[end + 3:]


def cxx_program(cl_text: str, reasons: list[str]) -> str:
    """The C++ for OpenCL program: MARKER line (with why), CXX_HEAD, then the program as emitted."""
    why = "; ".join(dict.fromkeys(reasons)).replace("*/", "* /")
    return f"{MARKER} (compiled offline to SPIR by the runtime shim): {why} */\n" + CXX_HEAD + \
        kernel_local_names(cl_text)


def kernel_local_names(text: str) -> str:
    """Kernel-scope `__local` variables named `kernel.var`, as OpenCL C compilers name them. PoCL (3.1) allocates
    a work-group's copy only of the __local globals whose name has that shape; C++ for OpenCL mangles them
    (`_ZZ1kE1s`), which PoCL took for one program-scope variable that concurrently running work-groups shared
    (a race: wrong results with more than one PoCL thread). The asm label gives the OpenCL C name."""
    rw = Rewriter(text)
    toks = rw.toks
    k = 0
    while k < len(toks):
        if toks[k].text != "__kernel" or k + 2 >= len(toks) or toks[k + 2].kind != IDENT:
            k += 1
            continue
        name = toks[k + 2].text
        body = next((j for j in range(k + 3, len(toks)) if toks[j].text in ("{", ";")), len(toks))
        if body >= len(toks) or toks[body].text != "{":
            k = body
            continue
        end = rw.match(body)
        depth, i = 0, body + 1
        while 0 < i < end:
            t = toks[i].text
            depth += (t == "{") - (t == "}")
            if depth == 0 and t == "__local" and toks[i - 1].text in (";", "{", "}", "volatile", ")"):
                semi = next((j for j in range(i, end) if toks[j].text == ";"), -1)
                # the words of the declaration, template argument lists left out (`X<float, 4>::TempStorage`)
                own, j = [], i
                while 0 <= j < semi:
                    close = rw.angle(j) if toks[j].text == "<" and toks[j - 1].kind == IDENT else -1
                    if close < 0:
                        own.append(j)
                    j = close + 1 if close > 0 else j + 1
                stmt = [toks[j].text for j in own] if semi > 0 else ["="]
                stmt = stmt[:stmt.index("[")] if "[" in stmt else stmt  # an array size may be `[(32)]`
                names = [toks[j].text for j in own if toks[j].kind == IDENT and toks[j + 1].text in
                         ("[", ";")] if semi > 0 else []
                # a variable, not a pointer into local memory (`__local T* t = (__local T*)&m[1];`)
                if len(names) == 1 and not {",", "=", "(", "*", "&"} & set(stmt):
                    rw.insert(toks[semi].offset, f' __asm__("{name}.{names[0]}")')
                i = semi if semi > 0 else i
            i += 1
        k = end if end > 0 else k + 1
    return rw.result()


SHARED_IN_CXX = "CP4041"


def shared_outside_kernels(text: str, members: bool) -> tuple[str, list[str]]:
    """`__shared__` variables declared in the functions of C++ code the .cl carries whole (member functions of a
    class, `members`, or a device function template kept as a template). OpenCL has `__local` variables at
    kernel scope only (clang: "non-kernel function variable cannot be declared in local address space", even
    in a template nobody instantiates), and such a function's storage has a type only its instances know, so
    no kernel can declare it. Each becomes a private declaration after a static_assert naming CP4041, which
    fails only where an instance is compiled: `sizeof(*this)` in a (non-static) member function and the
    variable's own type otherwise depend on the template (CUB's PrivateStorage(), used by the collective's
    default constructor, stays harmless while the program passes TempStorage in). Returns the text and the
    names declared, in order."""
    rw = Rewriter(text)
    toks = rw.toks
    at: list[str] = []
    statics = [(head, end) for _s, head, end, words in member_functions(text, {}) if "static" in words] \
        if members else []
    for k, t in enumerate(toks):
        if t.text != "__shared__" or t.directive >= 0:
            continue
        s = k
        while s > 0 and toks[s - 1].text in ("extern", "static", "volatile", "const"):
            s -= 1
        e = next((j for j in range(k, len(toks)) if toks[j].text == ";"), -1)
        name = next((toks[j].text for j in range(e - 1, k, -1) if toks[j].kind == IDENT
                     and toks[j + 1].text in ("[", ";")), "") if e > 0 else ""
        if not name:
            continue
        static = any(head <= t.offset < end for head, end in statics)
        cond = "sizeof(*this) == 0" if members and not static else f"sizeof(decltype({name})) == 0"
        msg = (f"cudaport {SHARED_IN_CXX}: __shared__ {name} is declared outside a kernel; OpenCL has __local "
               "variables at kernel scope only (pass the storage in, as CUB's TempStorage constructor does)")
        decl = rw.slice(toks[k + 1].offset, toks[e].end)
        quals = " ".join(x.text for x in toks[s:k] if x.text in ("volatile", "const"))
        check = f"static_assert({cond}, \"{msg}\");"
        decl = f"{quals} {decl}".lstrip()
        rw.replace(toks[s].offset, toks[e].end, f"{check} {decl}" if members and not static else f"{decl} {check}")
        at.append(name)
    return rw.result(), at


def member_functions(text: str, qual_macros: dict[str, tuple[str, ...]]) -> list[tuple[int, int, int, set[str]]]:
    """The member functions of the class declaration `text` (not of nested classes): (offset where the member
    starts, offset of its body or constructor initialiser list or -1 for a declaration, end offset, its words
    with qualifier macros expanded)."""
    rw = Rewriter(text)
    toks = rw.toks
    n = len(toks)
    out: list[tuple[int, int, int, set[str]]] = []
    body = next((k for k, t in enumerate(toks) if t.text == "{" and t.directive < 0), -1)
    if body < 0:
        return out
    end_body = rw.match(body)
    k = body + 1
    start = k
    while 0 < k < end_body:
        t = toks[k]
        if t.directive >= 0 or t.text in (";", "}") or \
                (t.text == ":" and toks[k - 1].text in ("public", "private", "protected")):
            k += 1
            start = k
        elif t.text == "template" and k + 1 < n and toks[k + 1].text == "<":
            k = max(rw.angle(k + 1), k) + 1
        elif t.text == "{":  # a nested class body or a field's braced initialiser
            k = rw.match(k) + 1
        elif t.text == "=":  # a field initialiser: up to the `;`
            while k < end_body and toks[k].text != ";":
                k = rw.match(k) + 1 if toks[k].text in ("(", "{", "[") else k + 1
        elif t.text == "(" and toks[k - 1].kind in (IDENT, KEYWORD) and toks[k - 1].text not in (
                "__attribute__", "alignas", "__align__", "decltype", "sizeof"):
            close = rw.match(k)
            last = _member_end(rw, k)
            if close < 0 or last < 0:
                return []
            head = next((m for m in range(close + 1, last + 1) if toks[m].text in (":", "{")), -1)
            words = {w for x in toks[start:last] for w in qual_macros.get(x.text, (x.text,))}
            out.append((toks[start].offset, toks[head].offset if head >= 0 else -1, toks[last].end, words))
            k = last + 1
            start = k
        else:
            k += 1
    return out


def device_members(text: str, qual_macros: dict[str, tuple[str, ...]]) -> str:
    """The class declaration `text` without its host-only member functions (no `__device__`, directly or
    through a qualifier macro): CUDA compiles those for the host only, and they may use what device code lacks
    (`std::copy`, iostreams). Defaulted and deleted members stay; so do members of nested classes."""
    rw = Rewriter(text)
    for start, _head, end, words in member_functions(text, qual_macros):
        defaulted = "=" in words and bool(words & {"default", "delete"})
        if not words & {"__device__", "__global__"} and not defaulted:
            rw.replace(start, end, "")
    return rw.result()


def host_members(text: str, qual_macros: dict[str, tuple[str, ...]]) -> list[tuple[int, int]]:
    """Ranges (offsets in `text`) of the bodies of device-only member functions (`__device__` without
    `__host__`), from the initialiser list or `{` to the end: the host copy of the class declares them only,
    as their bodies call device functions the host file no longer has."""
    return [(head, end) for _start, head, end, words in member_functions(text, qual_macros)
            if head >= 0 and "__device__" in words and "__host__" not in words]


_ACCESS = ("public", "private", "protected")


def macro_device_bodies(text: str, qual_macros: dict[str, tuple[str, ...]]) -> list[tuple[int, int]]:
    """Ranges (offsets in `text`, a `#define`) of the bodies of the device-only functions and member functions
    the macro's expansion defines (`#define OPS(N) struct N { __device__ void operator()(...) {...} };`): the
    host copy of the macro declares them only, as host_members does for a class written out."""
    head = re.match(r"\s*#\s*define\s+\w+(\([^)]*\))?", text)
    if head is None:
        return []
    # the body as ordinary tokens: the head and each line continuation blanked (offsets unchanged)
    flat = " " * head.end() + text[head.end():].replace("\\\n", "  ")
    rw = Rewriter(flat)
    toks = rw.toks
    out: list[tuple[int, int]] = []
    start = 0
    k = 0
    while k < len(toks):
        t = toks[k]
        if t.text in (";", "{", "}") or (t.text == ":" and k and toks[k - 1].text in _ACCESS):
            start = k + 1
        elif t.text == "(" and k and toks[k - 1].kind in (IDENT, KEYWORD) and toks[k - 1].text not in (
                "__attribute__", "alignas", "__align__", "decltype", "sizeof", "__launch_bounds__"):
            last = _member_end(rw, k)
            words = {w for x in toks[start:k] for w in qual_macros.get(x.text, (x.text,))}
            if last > 0 and toks[last].text == "}" and "__device__" in words and "__host__" not in words:
                body = next(m for m in range(rw.match(k) + 1, last + 1) if toks[m].text in (":", "{"))
                out.append((toks[body].offset, toks[last].end))
                k = last + 1
                start = k
                continue
        k += 1
    return out


def _member_end(rw: Rewriter, open_i: int) -> int:
    """Index of the last token (`;` or the body's `}`) of the member function whose parameters open at open_i."""
    toks = rw.toks
    k = rw.match(open_i)
    if k < 0:
        return -1
    k += 1
    while k < len(toks):
        t = toks[k]
        if t.text == ";":
            return k
        if t.text == "{" and toks[k - 1].kind != IDENT:  # the body (a `{` after a name initialises a member)
            return rw.match(k)
        if t.text in ("(", "{", "["):
            k = rw.match(k)
            if k < 0:
                return -1
        k += 1
    return -1
