"""OpenCL C prelude part for cuda_fp16.h and cuda_bf16.h: half and bfloat16 as 16-bit storage types.

Input: none. Output: `HALF` text, appended to the prelude. Devices without cl_khr_fp16 (PoCL's CPU device)
cannot compute in `half`, so `__half` becomes `cp_half`, a struct of its 16 bits (CUDA's layout; the host
shim's `__half` has the same bits), and every intrinsic (`cp_hadd`, `cp_half2float`, ...) converts to float
with vload_half/vstore_half, computes, and rounds back to nearest even as CUDA's half instructions do.
Being a struct, a half used with C operators or implicit float conversions is a compile error, never an
integer computed silently. bfloat16 is the top half of a float, rounded to nearest even.
"""

from __future__ import annotations

# the struct types HALF defines, for the address-space pass's casts and declarations (`(const cp_half2*)p`)
HALF_TYPES = frozenset({"cp_half", "cp_half2", "cp_bfloat16", "cp_bfloat162"})

HALF = r"""
/* CUDA half/bfloat16: 16-bit storage, float arithmetic (no cl_khr_fp16 needed) */
#ifdef __OPENCL_CPP_VERSION__
/* C++ for OpenCL (a template instance computes on __half with C++ operators, halftemplates.py): cuda_fp16.hpp's
   conversions, the same 16 bits; the operators follow the intrinsics below */
struct cp_half { ushort cp_bits; cp_half() = default; cp_half(float f); cp_half(int i);
#ifdef CP_HAS_FP64
    cp_half(double d);
#endif
    cp_half(uint i); cp_half(long i); cp_half(ulong i); cp_half(short i); cp_half(ushort i);
    operator float() const; };
#else
typedef struct { ushort cp_bits; } cp_half;
#endif
typedef struct __attribute__((aligned(4))) { cp_half x, y; } cp_half2;
#ifdef __OPENCL_CPP_VERSION__
/* cuda_bf16.hpp's conversions likewise (a template instantiated with both __half and __nv_bfloat16) */
struct cp_bfloat16 { ushort cp_bits; cp_bfloat16() = default; cp_bfloat16(float f); cp_bfloat16(int i);
#ifdef CP_HAS_FP64
    cp_bfloat16(double d);
#endif
    cp_bfloat16(uint i); cp_bfloat16(long i); cp_bfloat16(ulong i); cp_bfloat16(short i); cp_bfloat16(ushort i);
    operator float() const; };
#else
typedef struct { ushort cp_bits; } cp_bfloat16;
#endif
typedef struct __attribute__((aligned(4))) { cp_bfloat16 x, y; } cp_bfloat162;
#ifdef __OPENCL_CPP_VERSION__
/* PoCL 3.1 gives garbage for vload_half/vstore_half in a SPIR program (C++ for OpenCL): conversions in software */
static inline float cp_h2f_bits(ushort h) {
    uint sign = ((uint)h & 0x8000u) << 16, e = ((uint)h >> 10) & 0x1fu, m = (uint)h & 0x3ffu;
    if (e == 31u) return as_float(sign | 0x7f800000u | (m << 13));
    if (e == 0u) { float v = (float)m * 5.9604644775390625e-8f; return sign ? -v : v; } /* m * 2^-24 */
    return as_float(sign | ((e + 112u) << 23) | (m << 13));
}
CP_OVL float cp_f(cp_half h) { return cp_h2f_bits(h.cp_bits); }
#else
CP_OVL float cp_f(cp_half h) { return vload_half(0, (const half*)&h.cp_bits); }
#endif
CP_OVL float cp_f(cp_bfloat16 b) { return as_float((uint)b.cp_bits << 16); }
#ifdef __OPENCL_CPP_VERSION__
/* float -> half in software (as above), mode 0 nearest even, 1 toward zero, 2 down, 3 up (binary16 with
   subnormals) */
static inline ushort cp_f2h_bits(float f, int mode) {
    uint x = as_uint(f), sign = (x >> 16) & 0x8000u, ax = x & 0x7fffffffu;
    if (ax >= 0x7f800000u) return (ushort)(sign | (ax > 0x7f800000u ? 0x7e00u : 0x7c00u));
    bool away = (mode == 2 && sign) || (mode == 3 && !sign);
    int e = (int)(ax >> 23) - 112; /* half's biased exponent */
    if (e >= 31) return (ushort)(sign | (mode == 0 || away ? 0x7c00u : 0x7bffu));
    uint mant = ax < 0x800000u ? 0u : ((ax & 0x7fffffu) | 0x800000u);
    int shift = e >= 1 ? 13 : 14 - e;
    if (shift >= 25 || mant == 0u) return (ushort)(sign | (away && ax != 0u ? 1u : 0u));
    uint q = mant >> shift, rem = mant & ((1u << shift) - 1u), mid = 1u << (shift - 1);
    uint bits = e >= 1 ? (((uint)e << 10) | (q & 0x3ffu)) : q;
    bool up = mode == 0 ? (rem > mid || (rem == mid && (q & 1u))) : (away && rem != 0u);
    return (ushort)(sign | (bits + (up ? 1u : 0u)));
}
#define CP_F2H(SUF, MODE) static inline cp_half cp_float2half##SUF(float f) { \
    cp_half h; h.cp_bits = cp_f2h_bits(f, MODE); return h; }
#else
#define CP_F2H(SUF, MODE) static inline cp_half cp_float2half##SUF(float f) { \
    cp_half h; vstore_half##SUF(f, 0, (half*)&h.cp_bits); return h; }
#endif
CP_F2H(_rte, 0) CP_F2H(_rtz, 1) CP_F2H(_rtn, 2) CP_F2H(_rtp, 3)
static inline cp_half cp_float2half(float f) { return cp_float2half_rte(f); }
#ifdef __OPENCL_CPP_VERSION__
/* `this` may be in any address space, and CXX_HEAD's generic vload/vstore_half take private memory: the bits
   go through a private copy */
#define CP_HCTOR(T) inline cp_half::cp_half(T v) { cp_bits = cp_float2half_rte((float)v).cp_bits; }
CP_HCTOR(float) CP_HCTOR(int) CP_HCTOR(uint) CP_HCTOR(long) CP_HCTOR(ulong) CP_HCTOR(short)
CP_HCTOR(ushort)
inline cp_half::operator float() const { cp_half h; h.cp_bits = cp_bits; return cp_f(h); }
#endif
static inline cp_half cp_float2half_rn(float f) { return cp_float2half_rte(f); }
static inline cp_half cp_float2half_rz(float f) { return cp_float2half_rtz(f); }
static inline cp_half cp_float2half_rd(float f) { return cp_float2half_rtn(f); }
static inline cp_half cp_float2half_ru(float f) { return cp_float2half_rtp(f); }
#ifdef CP_HAS_FP64
#ifdef __OPENCL_CPP_VERSION__
/* one rounding: to float rounding to odd (a second rounding to half is then exact), then cp_f2h_bits */
static inline ushort cp_d2h_bits(double d) {
    float f = (float)d;
    if ((double)f != d && f != 0.0f && !isinf(f)) { uint u = as_uint(f);
    if (((double)f > d) == (f > 0.0f)) u -= 1u; f = as_float(u | 1u); }
    return cp_f2h_bits(f, 0); }
#define CP_D2H(h, d) (h).cp_bits = cp_d2h_bits(d)
inline cp_half::cp_half(double v) { cp_bits = cp_d2h_bits(v); }
#else
#define CP_D2H(h, d) vstore_half_rte(d, 0, (half*)&(h).cp_bits)
#endif
static inline cp_half cp_double2half(double d) { cp_half h; CP_D2H(h, d); return h; }
static inline cp_bfloat16 cp_double2bfloat16(double d) {
    float f = (float)d; /* round to odd first: a second rounding to bfloat16 is then exact */
    if ((double)f != d && f != 0.0f && !isinf(f)) { uint u = as_uint(f);
    if (((double)f > d) == (f > 0.0f)) u -= 1u; f = as_float(u | 1u); }
    cp_bfloat16 b; uint u = as_uint(f); b.cp_bits = isnan(f) ? (ushort)0x7fff : (ushort)((u +
    0x7fffu + ((u >> 16) & 1u)) >> 16);
    return b; }
#endif
static inline float cp_half2float(cp_half h) { return cp_f(h); }
static inline float cp_bfloat162float(cp_bfloat16 b) { return cp_f(b); }
static inline cp_bfloat16 cp_float2bfloat16(float f) {
    uint u = as_uint(f); cp_bfloat16 b;
    b.cp_bits = isnan(f) ? (ushort)0x7fff : (ushort)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16); return b; }
static inline cp_bfloat16 cp_float2bfloat16_rn(float f) { return cp_float2bfloat16(f); }
static inline cp_bfloat16 cp_float2bfloat16_rz(float f) { cp_bfloat16 b;
    b.cp_bits = isnan(f) ? (ushort)0x7fff : (ushort)(as_uint(f) >> 16); return b; }
#ifdef __OPENCL_CPP_VERSION__
#define CP_BCTOR(T) inline cp_bfloat16::cp_bfloat16(T v) { cp_bits = cp_float2bfloat16((float)v).cp_bits; }
CP_BCTOR(float) CP_BCTOR(int) CP_BCTOR(uint) CP_BCTOR(long) CP_BCTOR(ulong) CP_BCTOR(short)
CP_BCTOR(ushort)
#ifdef CP_HAS_FP64
inline cp_bfloat16::cp_bfloat16(double v) { cp_bits = cp_double2bfloat16(v).cp_bits; }
#endif
inline cp_bfloat16::operator float() const { return as_float((uint)cp_bits << 16); }
#endif
CP_OVL cp_half cp_h(float f, cp_half like) { return cp_float2half_rte(f); }
CP_OVL cp_bfloat16 cp_h(float f, cp_bfloat16 like) { return cp_float2bfloat16(f); }
/* conversions to and from integers, per CUDA rounding suffix; out-of-range values saturate, NaN gives 0 */
#define CP_HINT(NAME, T) \
static inline T cp_half2##NAME##_rn(cp_half h) { return convert_##T##_sat_rte(cp_f(h)); } \
static inline T cp_half2##NAME##_rz(cp_half h) { return convert_##T##_sat_rtz(cp_f(h)); } \
static inline T cp_half2##NAME##_rd(cp_half h) { return convert_##T##_sat_rtn(cp_f(h)); } \
static inline T cp_half2##NAME##_ru(cp_half h) { return convert_##T##_sat_rtp(cp_f(h)); } \
static inline T cp_bfloat162##NAME##_rn(cp_bfloat16 h) { return convert_##T##_sat_rte(cp_f(h)); } \
static inline T cp_bfloat162##NAME##_rz(cp_bfloat16 h) { return convert_##T##_sat_rtz(cp_f(h)); } \
static inline cp_half cp_##NAME##2half_rn(T i) { return cp_float2half_rte(convert_float_rte(i)); } \
static inline cp_half cp_##NAME##2half_rz(T i) { return cp_float2half_rtz(convert_float_rtz(i)); } \
static inline cp_half cp_##NAME##2half_rd(T i) { return cp_float2half_rtn(convert_float_rtn(i)); } \
static inline cp_half cp_##NAME##2half_ru(T i) { return cp_float2half_rtp(convert_float_rtp(i)); } \
static inline cp_bfloat16 cp_##NAME##2bfloat16_rn(T i) { return cp_float2bfloat16(convert_float_rte(i)); }
CP_HINT(short, short) CP_HINT(ushort, ushort) CP_HINT(int, int) CP_HINT(uint, uint) CP_HINT(ll, long)
CP_HINT(ull, ulong)
/* bit reinterpretation */
static inline short cp_half_as_short(cp_half h) { return (short)h.cp_bits; }
static inline ushort cp_half_as_ushort(cp_half h) { return h.cp_bits; }
static inline cp_half cp_short_as_half(short s) { cp_half h; h.cp_bits = (ushort)s; return h; }
static inline cp_half cp_ushort_as_half(ushort s) { cp_half h; h.cp_bits = s; return h; }
static inline short cp_bfloat16_as_short(cp_bfloat16 h) { return (short)h.cp_bits; }
static inline ushort cp_bfloat16_as_ushort(cp_bfloat16 h) { return h.cp_bits; }
static inline cp_bfloat16 cp_short_as_bfloat16(short s) { cp_bfloat16 h; h.cp_bits = (ushort)s; return h; }
static inline cp_bfloat16 cp_ushort_as_bfloat16(ushort s) { cp_bfloat16 h; h.cp_bits = s; return h; }
/* CUDA's functional casts __half(x), __nv_bfloat16(x), __half2(a, b): function-like macros named as the
   types, so a declaration `cp_half h;` is untouched */
CP_OVL cp_half cp_to_half(float f) { return cp_float2half_rte(f); }
CP_OVL cp_half cp_to_half(cp_half h) { return h; }
CP_OVL cp_bfloat16 cp_to_bfloat16(float f) { return cp_float2bfloat16(f); }
CP_OVL cp_bfloat16 cp_to_bfloat16(cp_bfloat16 h) { return h; }
#define cp_half(x) cp_to_half(x)
#define cp_bfloat16(x) cp_to_bfloat16(x)
#define cp_half2(a, b) cp_pair(a, b)
#define cp_bfloat162(a, b) cp_pair(a, b)
/* pairs */
#define CP_PAIR(H, H2, NAME) \
static inline H2 cp_##NAME##s2##NAME##2(H a, H b) { H2 r; r.x = a; r.y = b; return r; } \
CP_OVL H2 cp_pair(H a, H b) { H2 r; r.x = a; r.y = b; return r; } \
static inline H2 cp_##NAME##2##NAME##2(H a) { return cp_pair(a, a); } \
static inline H2 cp_lows2##NAME##2(H2 a, H2 b) { return cp_pair(a.x, b.x); } \
static inline H2 cp_highs2##NAME##2(H2 a, H2 b) { return cp_pair(a.y, b.y); } \
static inline H2 cp_low2##NAME##2(H2 a) { return cp_pair(a.x, a.x); } \
static inline H2 cp_high2##NAME##2(H2 a) { return cp_pair(a.y, a.y); } \
static inline H cp_low2##NAME(H2 a) { return a.x; } \
static inline H cp_high2##NAME(H2 a) { return a.y; } \
CP_OVL float cp_low2float(H2 a) { return cp_f(a.x); } \
CP_OVL float cp_high2float(H2 a) { return cp_f(a.y); } \
CP_OVL H2 cp_lowhigh2highlow(H2 a) { return cp_pair(a.y, a.x); }
CP_PAIR(cp_half, cp_half2, half) CP_PAIR(cp_bfloat16, cp_bfloat162, bfloat16)
static inline cp_half2 cp_halves2half2(cp_half a, cp_half b) { return cp_pair(a, b); }
static inline cp_bfloat162 cp_halves2bfloat162(cp_bfloat16 a, cp_bfloat16 b) { return cp_pair(a, b); }
static inline cp_half2 cp_float2half2_rn(float f) { cp_half h = cp_float2half_rte(f); return cp_pair(h, h); }
static inline cp_half2 cp_floats2half2_rn(float a, float b)
    { return cp_pair(cp_float2half_rte(a), cp_float2half_rte(b)); }
static inline cp_half2 cp_float22half2_rn(float2 f) { return cp_floats2half2_rn(f.x, f.y); }
static inline float2 cp_half22float2(cp_half2 h) { return (float2)(cp_f(h.x), cp_f(h.y)); }
static inline cp_bfloat162 cp_float2bfloat162_rn(float f) { cp_bfloat16 h = cp_float2bfloat16(f);
    return cp_pair(h, h); }
static inline cp_bfloat162 cp_floats2bfloat162_rn(float a, float b)
    { return cp_pair(cp_float2bfloat16(a), cp_float2bfloat16(b)); }
static inline cp_bfloat162 cp_float22bfloat162_rn(float2 f) { return cp_floats2bfloat162_rn(f.x, f.y); }
static inline float2 cp_bfloat1622float2(cp_bfloat162 h) { return (float2)(cp_f(h.x), cp_f(h.y)); }
/* arithmetic: in float, rounded back once (exact for + - * /: float holds the half product) */
CP_OVL float cp_sat(float v) { return isnan(v) ? 0.0f : clamp(v, 0.0f, 1.0f); }
static inline float cp_max_nan(float a, float b) { return isnan(a) || isnan(b) ? NAN : fmax(a, b); }
static inline float cp_min_nan(float a, float b) { return isnan(a) || isnan(b) ? NAN : fmin(a, b); }
#define CP_H1(NAME, EXPR) \
CP_OVL cp_half cp_##NAME(cp_half a) { float x = cp_f(a); return cp_h(EXPR, a); } \
CP_OVL cp_bfloat16 cp_##NAME(cp_bfloat16 a) { float x = cp_f(a); return cp_h(EXPR, a); } \
CP_OVL cp_half2 cp_##NAME##2(cp_half2 a) { return cp_pair(cp_##NAME(a.x), cp_##NAME(a.y)); } \
CP_OVL cp_bfloat162 cp_##NAME##2(cp_bfloat162 a) { return cp_pair(cp_##NAME(a.x), cp_##NAME(a.y)); }
#define CP_H2(NAME, EXPR) \
CP_OVL cp_half cp_##NAME(cp_half a, cp_half b) { float x = cp_f(a), y = cp_f(b); return cp_h(EXPR, a); } \
CP_OVL cp_bfloat16 cp_##NAME(cp_bfloat16 a, cp_bfloat16 b) { float x = cp_f(a), y = cp_f(b); return cp_h(EXPR, a); }
#define CP_H2V(NAME, NAME2) \
CP_OVL cp_half2 cp_##NAME2(cp_half2 a, cp_half2 b) { return cp_pair(cp_##NAME(a.x, b.x), cp_##NAME(a.y, b.y)); } \
CP_OVL cp_bfloat162 cp_##NAME2(cp_bfloat162 a, cp_bfloat162 b) \
    { return cp_pair(cp_##NAME(a.x, b.x), cp_##NAME(a.y, b.y)); }
#define CP_H3(NAME, EXPR) \
CP_OVL cp_half cp_##NAME(cp_half a, cp_half b, cp_half c) \
    { CP_FMA_T x = cp_f(a), y = cp_f(b), z = cp_f(c); return cp_h(EXPR, a); } \
CP_OVL cp_bfloat16 cp_##NAME(cp_bfloat16 a, cp_bfloat16 b, cp_bfloat16 c) \
    { float x = cp_f(a), y = cp_f(b), z = cp_f(c); return cp_h(EXPR, a); } \
CP_OVL cp_half2 cp_##NAME##2(cp_half2 a, cp_half2 b, cp_half2 c) \
    { return cp_pair(cp_##NAME(a.x, b.x, c.x), cp_##NAME(a.y, b.y, c.y)); } \
CP_OVL cp_bfloat162 cp_##NAME##2(cp_bfloat162 a, cp_bfloat162 b, cp_bfloat162 c) \
    { return cp_pair(cp_##NAME(a.x, b.x, c.x), cp_##NAME(a.y, b.y, c.y)); }
CP_H2(hadd, x + y) CP_H2(hsub, x - y) CP_H2(hmul, x * y) CP_H2(hdiv, x / y) CP_H2(hmax, fmax(x, y))
CP_H2(hmin, fmin(x, y)) CP_H2(hmax_nan, cp_max_nan(x, y)) CP_H2(hmin_nan, cp_min_nan(x, y))
CP_H2(hadd_sat, cp_sat(x + y)) CP_H2(hsub_sat, cp_sat(x - y)) CP_H2(hmul_sat, cp_sat(x * y))
CP_H2V(hadd, hadd2) CP_H2V(hsub, hsub2) CP_H2V(hmul, hmul2) CP_H2V(hdiv, h2div) CP_H2V(hmax, hmax2)
CP_H2V(hmin, hmin2) CP_H2V(hmax_nan, hmax2_nan) CP_H2V(hmin_nan, hmin2_nan) CP_H2V(hadd_sat, hadd2_sat)
CP_H2V(hsub_sat, hsub2_sat) CP_H2V(hmul_sat, hmul2_sat)
/* __hfma rounds once: with fp64, a*b+c of halves is exact in double (products have 22 bits, the exponent
   span fits 53), so one rounding to half follows; without fp64 float rounds first (ties may differ) */
#ifdef CP_HAS_FP64
#define CP_FMA_T double
CP_OVL cp_half cp_h(double d, cp_half like) { cp_half h; CP_D2H(h, d); return h; }
CP_OVL double cp_sat(double v) { return isnan(v) ? 0.0 : clamp(v, 0.0, 1.0); }
#else
#define CP_FMA_T float
#endif
CP_H3(hfma, fma(x, y, z)) CP_H3(hfma_sat, cp_sat(fma(x, y, z)))
/* __hadd is also CUDA's integer halving add */
CP_OVL int cp_hadd(int a, int b) { return hadd(a, b); }
CP_OVL uint cp_hadd(uint a, uint b) { return hadd(a, b); }
CP_H1(habs, fabs(x)) CP_H1(hneg, -x)
CP_H1(hsqrt, sqrt(x)) CP_H1(hrsqrt, rsqrt(x)) CP_H1(hrcp, 1.0f / x) CP_H1(hlog, log(x)) CP_H1(hlog2, log2(x))
CP_H1(hlog10, log10(x)) CP_H1(hexp, exp(x)) CP_H1(hexp2, exp2(x)) CP_H1(hexp10, exp10(x)) CP_H1(hcos, cos(x))
CP_H1(hsin, sin(x)) CP_H1(htrunc, trunc(x)) CP_H1(hceil, ceil(x)) CP_H1(hfloor, floor(x)) CP_H1(hrint, rint(x))
/* comparisons: scalar ones give bool; half2 ones give 1.0/0.0 per lane; hb...2 ones "both lanes" */
#define CP_HCMP(OP, EXPR) \
CP_OVL bool cp_h##OP(cp_half a, cp_half b) { float x = cp_f(a), y = cp_f(b); return EXPR; } \
CP_OVL bool cp_h##OP(cp_bfloat16 a, cp_bfloat16 b) { float x = cp_f(a), y = cp_f(b); return EXPR; } \
CP_OVL cp_half2 cp_h##OP##2(cp_half2 a, cp_half2 b) { \
    return cp_pair(cp_float2half_rte(cp_h##OP(a.x, b.x) ? 1.0f : 0.0f), \
    cp_float2half_rte(cp_h##OP(a.y, b.y) ? 1.0f : 0.0f)); } \
CP_OVL cp_bfloat162 cp_h##OP##2(cp_bfloat162 a, cp_bfloat162 b) { \
    return cp_pair(cp_float2bfloat16(cp_h##OP(a.x, b.x) ? 1.0f : 0.0f), \
    cp_float2bfloat16(cp_h##OP(a.y, b.y) ? 1.0f : 0.0f)); } \
CP_OVL bool cp_hb##OP##2(cp_half2 a, cp_half2 b) { return cp_h##OP(a.x, b.x) && cp_h##OP(a.y, b.y); } \
CP_OVL bool cp_hb##OP##2(cp_bfloat162 a, cp_bfloat162 b) { return cp_h##OP(a.x, b.x) && cp_h##OP(a.y, b.y); }
CP_HCMP(eq, x == y) CP_HCMP(ne, x < y || x > y) CP_HCMP(lt, x < y) CP_HCMP(le, x <= y) CP_HCMP(gt, x > y)
CP_HCMP(ge, x >= y) CP_HCMP(equ, !(x < y || x > y)) CP_HCMP(neu, x != y) CP_HCMP(ltu, !(x >= y))
CP_HCMP(leu, !(x > y)) CP_HCMP(gtu, !(x <= y)) CP_HCMP(geu, !(x < y))
CP_OVL bool cp_hisnan(cp_half a) { return isnan(cp_f(a)); }
CP_OVL bool cp_hisnan(cp_bfloat16 a) { return isnan(cp_f(a)); }
CP_OVL int cp_hisinf(cp_half a) { float x = cp_f(a); return isinf(x) ? (x < 0.0f ? -1 : 1) : 0; }
CP_OVL int cp_hisinf(cp_bfloat16 a) { float x = cp_f(a); return isinf(x) ? (x < 0.0f ? -1 : 1) : 0; }
CP_OVL cp_half2 cp_hisnan2(cp_half2 a) {
    return cp_pair(cp_float2half_rte(cp_hisnan(a.x) ? 1.0f : 0.0f),
    cp_float2half_rte(cp_hisnan(a.y) ? 1.0f : 0.0f)); }
/* C casts to the storage types, `(T)v` in a template instantiated with __half: a struct cannot be cast to,
   so halfcast.py writes cp_to_half(v); these overloads (beside the float and same-type ones above) convert
   from every arithmetic type as CUDA's constructors do (round to nearest even). */
#define CP_TO_STORAGE(NAME, S, FROM_FLOAT, OTHER) \
CP_OVL S NAME(int v) { return FROM_FLOAT((float)v); } CP_OVL S NAME(uint v) { return FROM_FLOAT((float)v); } \
CP_OVL S NAME(long v) { return FROM_FLOAT((float)v); } CP_OVL S NAME(ulong v) { return FROM_FLOAT((float)v); } \
CP_OVL S NAME(short v) { return FROM_FLOAT((float)v); } CP_OVL S NAME(ushort v) { return FROM_FLOAT((float)v); } \
CP_OVL S NAME(char v) { return FROM_FLOAT((float)v); } CP_OVL S NAME(uchar v) { return FROM_FLOAT((float)v); } \
CP_OVL S NAME(bool v) { return FROM_FLOAT((float)v); } CP_OVL S NAME(OTHER v) { return FROM_FLOAT(cp_f(v)); }
CP_TO_STORAGE(cp_to_half, cp_half, cp_float2half, cp_bfloat16)
CP_TO_STORAGE(cp_to_bfloat16, cp_bfloat16, cp_float2bfloat16, cp_half)
#ifdef __OPENCL_CPP_VERSION__
#define CP_HOP(OP, NAME) inline cp_half operator OP(cp_half a, cp_half b) { return cp_##NAME(a, b); } \
    inline cp_half& operator OP##=(cp_half& a, cp_half b) { a = cp_##NAME(a, b); return a; }
CP_HOP(+, hadd) CP_HOP(-, hsub) CP_HOP(*, hmul) CP_HOP(/, hdiv)
#define CP_HREL(OP, NAME) inline bool operator OP(cp_half a, cp_half b) { return cp_h##NAME(a, b); }
CP_HREL(==, eq) CP_HREL(!=, neu) CP_HREL(<, lt) CP_HREL(<=, le) CP_HREL(>, gt) CP_HREL(>=, ge)
inline cp_half operator-(cp_half a) { return cp_hneg(a); }
inline cp_half operator+(cp_half a) { return a; }
inline cp_half& operator++(cp_half& a) { a = cp_hadd(a, cp_half(1.0f)); return a; }
inline cp_half& operator--(cp_half& a) { a = cp_hsub(a, cp_half(1.0f)); return a; }
#endif
#ifdef cl_khr_fp64
CP_OVL cp_half cp_to_half(double v) { return cp_float2half((float)v); }
CP_OVL cp_bfloat16 cp_to_bfloat16(double v) { return cp_float2bfloat16((float)v); }
#endif
/* warp shuffles of the storage types move their bits (__shfl_xor_sync(m, __half, ...) is CUDA's too) */
#define CP_S2B(v) ((ulong)(v).cp_bits)
#define CP_P2B(v) ((ulong)(v).x.cp_bits | ((ulong)(v).y.cp_bits << 16))
static inline cp_half cp_b2half(ulong b) { cp_half h; h.cp_bits = (ushort)b; return h; }
static inline cp_bfloat16 cp_b2bf16(ulong b) { cp_bfloat16 h; h.cp_bits = (ushort)b; return h; }
static inline cp_half2 cp_b2half2(ulong b) { cp_half2 p; p.x = cp_b2half(b); p.y = cp_b2half(b >> 16); return p; }
static inline cp_bfloat162 cp_b2bf162(ulong b) {
    cp_bfloat162 p; p.x = cp_b2bf16(b); p.y = cp_b2bf16(b >> 16); return p; }
CP_SHFL32(cp_half, CP_S2B, cp_b2half) CP_SHFL32(cp_bfloat16, CP_S2B, cp_b2bf16)
CP_SHFL32(cp_half2, CP_P2B, cp_b2half2) CP_SHFL32(cp_bfloat162, CP_P2B, cp_b2bf162)
"""
