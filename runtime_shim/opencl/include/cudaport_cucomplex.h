/* cudaport OpenCL runtime shim: cuComplex.h for host code (CUDA's names, types and arithmetic).
 *
 * `#include <cuComplex.h>` becomes this header. cuFloatComplex/cuComplex are the shim's float2 and
 * cuDoubleComplex its double2 (CUDA's sizes and alignments, 8 and 16 bytes), so arrays of them copy to and
 * from device memory unchanged. Kernels get the same names from the OpenCL prelude (OpenCL C's float2 and
 * double2, translator/targets/opencl/prelude_complex.py). Division and absolute value scale their operands
 * as cuComplex.h does, so they neither overflow nor underflow where the plain formula would. C-compatible. */
#ifndef CUDAPORT_CUCOMPLEX_H
#define CUDAPORT_CUCOMPLEX_H

#include <float.h>
#include <math.h>

#include "cudaport_opencl.h"

typedef float2 cuFloatComplex;
typedef double2 cuDoubleComplex;
typedef cuFloatComplex cuComplex;

#define CP_CPLX(T, C, S, F, MAX)                                                                              \
    static inline C make_cu##S##Complex(T r, T i) { C z; z.x = r; z.y = i; return z; }                  \
    static inline T cuCreal##F(C z) { return z.x; }                                                        \
    static inline T cuCimag##F(C z) { return z.y; }                                                       \
    static inline C cuConj##F(C z) { return make_cu##S##Complex(z.x, -z.y); }                            \
    static inline C cuCadd##F(C a, C b) { return make_cu##S##Complex(a.x + b.x, a.y + b.y); }            \
    static inline C cuCsub##F(C a, C b) { return make_cu##S##Complex(a.x - b.x, a.y - b.y); }            \
    static inline C cuCmul##F(C a, C b) {                                                                  \
        return make_cu##S##Complex(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);                          \
    }                                                                                                      \
    static inline C cuCdiv##F(C a, C b) {                                                                  \
        T s = fabs##F(b.x) + fabs##F(b.y), k = (T)1 / s;                                                    \
        T ar = a.x * k, ai = a.y * k, br = b.x * k, bi = b.y * k;                                          \
        k = (T)1 / (br * br + bi * bi);                                                                    \
        return make_cu##S##Complex((ar * br + ai * bi) * k, (ai * br - ar * bi) * k);                      \
    }                                                                                                      \
    static inline T cuCabs##F(C z) {                                                                       \
        T a = fabs##F(z.x), b = fabs##F(z.y), v = a > b ? a : b, w = a > b ? b : a;                        \
        if (v == 0 || v > MAX || w > MAX) return v + w;                                                    \
        T t = w / v;                                                                                       \
        return v * sqrt##F((T)1 + t * t);                                                                  \
    }                                                                                                      \
    static inline C cuCfma##F(C a, C b, C d) {                                                             \
        return make_cu##S##Complex(-(a.y * b.y) + (a.x * b.x + d.x), a.y * b.x + (a.x * b.y + d.y));       \
    }

CP_CPLX(float, cuFloatComplex, Float, f, FLT_MAX)
CP_CPLX(double, cuDoubleComplex, Double, , DBL_MAX)
#undef CP_CPLX

static inline cuComplex make_cuComplex(float r, float i) { return make_cuFloatComplex(r, i); }
static inline cuDoubleComplex cuComplexFloatToDouble(cuFloatComplex z) {
    return make_cuDoubleComplex((double)z.x, (double)z.y);
}
static inline cuFloatComplex cuComplexDoubleToFloat(cuDoubleComplex z) {
    return make_cuFloatComplex((float)z.x, (float)z.y);
}

#endif /* CUDAPORT_CUCOMPLEX_H */
