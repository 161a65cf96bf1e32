"""OpenCL C prelude part: cuComplex.h and cuFFT's value types for device code.

cuFloatComplex/cuComplex/cufftComplex are OpenCL C's float2 and cuDoubleComplex/cufftDoubleComplex its double2
(CUDA's sizes and alignments), cufftReal/cufftDoubleReal float and double; the helpers keep cuComplex.h's names
and arithmetic (division and absolute value scale their operands as cuComplex.h does). Host code gets the same
names from runtime_shim/opencl/include/cudaport_cucomplex.h. `complex_definitions` gives the text only to programs
that name one of them, after the prelude, so a program that defines such a name itself without cuComplex.h is
left alone.
"""

from __future__ import annotations

import re

_FLOAT = r"""
/* cuComplex.h (float) */
typedef float2 cuFloatComplex;
typedef float2 cuComplex;
typedef float2 cufftComplex;
typedef float cufftReal;
#define CP_CPLX(T, C, S, F, MAX) \
static inline C make_cu##S##Complex(T r, T i) { return (C)(r, i); } \
static inline T cuCreal##F(C z) { return z.x; } \
static inline T cuCimag##F(C z) { return z.y; } \
static inline C cuConj##F(C z) { return (C)(z.x, -z.y); } \
static inline C cuCadd##F(C a, C b) { return (C)(a.x + b.x, a.y + b.y); } \
static inline C cuCsub##F(C a, C b) { return (C)(a.x - b.x, a.y - b.y); } \
static inline C cuCmul##F(C a, C b) { return (C)(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x); } \
static inline C cuCdiv##F(C a, C b) { \
    T s = fabs(b.x) + fabs(b.y), k = (T)1 / s; \
    T ar = a.x * k, ai = a.y * k, br = b.x * k, bi = b.y * k; \
    k = (T)1 / (br * br + bi * bi); \
    return (C)((ar * br + ai * bi) * k, (ai * br - ar * bi) * k); } \
static inline T cuCabs##F(C z) { \
    T a = fabs(z.x), b = fabs(z.y), v = fmax(a, b), w = fmin(a, b); \
    if (v == (T)0 || v > MAX || w > MAX) return v + w; \
    T t = w / v; return v * sqrt((T)1 + t * t); } \
static inline C cuCfma##F(C a, C b, C d) { \
    return (C)(-(a.y * b.y) + (a.x * b.x + d.x), a.y * b.x + (a.x * b.y + d.y)); }
CP_CPLX(float, float2, Float, f, FLT_MAX)
static inline float2 make_cuComplex(float r, float i) { return (float2)(r, i); }
"""

_DOUBLE = r"""
/* cuComplex.h (double) */
#ifdef CP_HAS_FP64
typedef double2 cuDoubleComplex;
typedef double2 cufftDoubleComplex;
typedef double cufftDoubleReal;
CP_CPLX(double, double2, Double, , DBL_MAX)
static inline double2 cuComplexFloatToDouble(float2 z) { return (double2)((double)z.x, (double)z.y); }
static inline float2 cuComplexDoubleToFloat(double2 z) { return (float2)((float)z.x, (float)z.y); }
#endif
"""

_NAMES = re.compile(r"\b(?:cuFloatComplex|cuDoubleComplex|cuComplex\w*|cufft(?:Double)?(?:Complex|Real)|"
                    r"make_cu\w*Complex|cuC(?:real|imag|add|sub|mul|div|abs|fma)f?|cuConjf?)\b")


def complex_definitions(program_text: str) -> str:
    """The complex prelude part when `program_text` names a cuComplex or cuFFT value name, else ''."""
    return _FLOAT + _DOUBLE + "#undef CP_CPLX\n" if _NAMES.search(program_text) else ""
