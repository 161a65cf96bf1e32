// cudaport SYCL helper: what cuda_fp16.h and cuda_bf16.h give that SYCL 2020 lacks as one call.
// __half is sycl::half and __half2 is sycl::half2 (sycl::vec<half, 2>, members x()/y()); __nv_bfloat16 is
// the oneAPI extension's sycl::ext::oneapi::bfloat16 and __nv_bfloat162 a sycl::vec of two of them.
// Conversions with a rounding mode go through sycl::vec::convert; CUDA's half2 comparisons return 1.0/0.0
// per lane (sycl::vec comparisons return -1/0 integers), so they have helpers here. Host and device code.
#pragma once

#include <sycl/sycl.hpp>

#include <cstdint>

namespace cpsycl {

using bfloat16 = sycl::ext::oneapi::bfloat16;
using bfloat162 = sycl::vec<bfloat16, 2>;

namespace detail {
template <typename To, sycl::rounding_mode M, typename From>
inline To convert(From v) {
    return sycl::vec<From, 1>(v).template convert<To, M>()[0];
}
template <typename V, typename F>
inline V lanes(V a, V b, F f) {
    return V(f(a[0], b[0]), f(a[1], b[1]));
}
}  // namespace detail

// ---- float <-> half with CUDA's rounding suffixes (_rn nearest even, _rz toward zero, _rd down, _ru up)
inline sycl::half float2half_rn(float f) { return sycl::half(f); }
inline sycl::half float2half_rz(float f) { return detail::convert<sycl::half, sycl::rounding_mode::rtz>(f); }
inline sycl::half float2half_rd(float f) { return detail::convert<sycl::half, sycl::rounding_mode::rtn>(f); }
inline sycl::half float2half_ru(float f) { return detail::convert<sycl::half, sycl::rounding_mode::rtp>(f); }
inline sycl::half double2half(double d) { return detail::convert<sycl::half, sycl::rounding_mode::rte>(d); }

// ---- half <-> integers: CUDA's __half2int_rn, __int2half_rz, ... for every integer width
#define CPSYCL_HALF_INT(NAME, T)                                                                              \
    inline T half2##NAME##_rn(sycl::half h) { return detail::convert<T, sycl::rounding_mode::rte>(h); }        \
    inline T half2##NAME##_rz(sycl::half h) { return detail::convert<T, sycl::rounding_mode::rtz>(h); }        \
    inline T half2##NAME##_rd(sycl::half h) { return detail::convert<T, sycl::rounding_mode::rtn>(h); }        \
    inline T half2##NAME##_ru(sycl::half h) { return detail::convert<T, sycl::rounding_mode::rtp>(h); }        \
    inline sycl::half NAME##2half_rn(T i) { return detail::convert<sycl::half, sycl::rounding_mode::rte>(i); } \
    inline sycl::half NAME##2half_rz(T i) { return detail::convert<sycl::half, sycl::rounding_mode::rtz>(i); } \
    inline sycl::half NAME##2half_rd(T i) { return detail::convert<sycl::half, sycl::rounding_mode::rtn>(i); } \
    inline sycl::half NAME##2half_ru(T i) { return detail::convert<sycl::half, sycl::rounding_mode::rtp>(i); }
CPSYCL_HALF_INT(short, short)
CPSYCL_HALF_INT(ushort, unsigned short)
CPSYCL_HALF_INT(int, int)
CPSYCL_HALF_INT(uint, unsigned int)
CPSYCL_HALF_INT(ll, long long)
CPSYCL_HALF_INT(ull, unsigned long long)
#undef CPSYCL_HALF_INT

// ---- half2 packing
inline sycl::float2 half22float2(sycl::half2 h) { return sycl::float2(float(h[0]), float(h[1])); }
inline sycl::half2 float22half2_rn(sycl::float2 f) { return sycl::half2(sycl::half(f[0]), sycl::half(f[1])); }
inline sycl::half2 halves2half2(sycl::half a, sycl::half b) { return sycl::half2(a, b); }
inline sycl::half2 lows2half2(sycl::half2 a, sycl::half2 b) { return sycl::half2(a[0], b[0]); }
inline sycl::half2 highs2half2(sycl::half2 a, sycl::half2 b) { return sycl::half2(a[1], b[1]); }
inline sycl::half2 lowhigh2highlow(sycl::half2 a) { return sycl::half2(a[1], a[0]); }

// ---- half and half2 arithmetic. __hadd also names CUDA's integer halving add, hence the int overloads.
inline int hadd(int a, int b) { return sycl::hadd(a, b); }
inline unsigned hadd(unsigned a, unsigned b) { return sycl::hadd(a, b); }
inline sycl::half hadd(sycl::half a, sycl::half b) { return a + b; }
inline sycl::half2 hadd(sycl::half2 a, sycl::half2 b) { return a + b; }
template <typename T>
inline T sat(T v) {  // CUDA's _sat variants clamp to [0, 1], NaN becoming 0
    return sycl::fmin(sycl::fmax(v, T(0.0f)), T(1.0f));
}
inline sycl::half hadd_sat(sycl::half a, sycl::half b) { return sat(sycl::half(a + b)); }
inline sycl::half hsub_sat(sycl::half a, sycl::half b) { return sat(sycl::half(a - b)); }
inline sycl::half hmul_sat(sycl::half a, sycl::half b) { return sat(sycl::half(a * b)); }
inline sycl::half hfma_sat(sycl::half a, sycl::half b, sycl::half c) { return sat(sycl::fma(a, b, c)); }
inline sycl::half2 hadd2_sat(sycl::half2 a, sycl::half2 b) { return sat(sycl::half2(a + b)); }
inline sycl::half2 hsub2_sat(sycl::half2 a, sycl::half2 b) { return sat(sycl::half2(a - b)); }
inline sycl::half2 hmul2_sat(sycl::half2 a, sycl::half2 b) { return sat(sycl::half2(a * b)); }
inline sycl::half2 hfma2_sat(sycl::half2 a, sycl::half2 b, sycl::half2 c) { return sat(sycl::fma(a, b, c)); }

// ---- comparisons: CUDA's half2 comparisons give 1.0 or 0.0 per lane; the b forms are "both lanes"
#define CPSYCL_HCMP(OP, EXPR)                                                                            \
    inline bool h##OP(sycl::half a, sycl::half b) { return EXPR; }                                      \
    inline bool h##OP(bfloat16 a, bfloat16 b) { return EXPR; }                                          \
    inline sycl::half2 h##OP##2(sycl::half2 a2, sycl::half2 b2) {                                        \
        return detail::lanes(a2, b2, [](sycl::half a, sycl::half b) { return sycl::half((EXPR) ? 1.0f : 0.0f); }); \
    }                                                                                                    \
    inline bool hb##OP##2(sycl::half2 a2, sycl::half2 b2) {                                              \
        return h##OP(sycl::half(a2[0]), sycl::half(b2[0])) && h##OP(sycl::half(a2[1]), sycl::half(b2[1])); \
    }
CPSYCL_HCMP(eq, float(a) == float(b))
CPSYCL_HCMP(ne, float(a) != float(b) && !sycl::isnan(float(a)) && !sycl::isnan(float(b)))
CPSYCL_HCMP(lt, float(a) < float(b))
CPSYCL_HCMP(le, float(a) <= float(b))
CPSYCL_HCMP(gt, float(a) > float(b))
CPSYCL_HCMP(ge, float(a) >= float(b))
CPSYCL_HCMP(equ, !(float(a) != float(b)) || sycl::isnan(float(a)) || sycl::isnan(float(b)))
CPSYCL_HCMP(neu, float(a) != float(b))
CPSYCL_HCMP(ltu, !(float(a) >= float(b)))
CPSYCL_HCMP(leu, !(float(a) > float(b)))
CPSYCL_HCMP(gtu, !(float(a) <= float(b)))
CPSYCL_HCMP(geu, !(float(a) < float(b)))
#undef CPSYCL_HCMP
inline sycl::half2 hisnan2(sycl::half2 a) {
    return sycl::half2(sycl::isnan(float(a[0])) ? 1.0f : 0.0f, sycl::isnan(float(a[1])) ? 1.0f : 0.0f);
}
inline int hisinf(sycl::half a) {
    float f = a;
    return sycl::isinf(f) ? (f < 0 ? -1 : 1) : 0;
}

// ---- bfloat16: conversions (bfloat16(float) rounds to nearest even, as __float2bfloat16 does)
inline float bfloat162float(bfloat16 b) { return float(b); }
inline bfloat16 float2bfloat16(float f) { return bfloat16(f); }
inline bfloat16 float2bfloat16_rn(float f) { return bfloat16(f); }
inline bfloat16 float2bfloat16_rz(float f) { return sycl::bit_cast<bfloat16>(static_cast<unsigned short>(sycl::bit_cast<uint32_t>(f) >> 16)); }
inline bfloat16 double2bfloat16(double d) { return bfloat16(float(d)); }
inline int bfloat162int_rn(bfloat16 b) { return detail::convert<int, sycl::rounding_mode::rte>(float(b)); }
inline int bfloat162int_rz(bfloat16 b) { return detail::convert<int, sycl::rounding_mode::rtz>(float(b)); }
inline bfloat16 int2bfloat16_rn(int i) { return bfloat16(detail::convert<float, sycl::rounding_mode::rte>(i)); }
inline sycl::float2 bfloat1622float2(bfloat162 b) { return sycl::float2(float(b[0]), float(b[1])); }
inline bfloat162 float22bfloat162_rn(sycl::float2 f) { return bfloat162(bfloat16(f[0]), bfloat16(f[1])); }
inline bfloat162 float2bfloat162_rn(float f) { return bfloat162(bfloat16(f), bfloat16(f)); }
inline bfloat162 floats2bfloat162_rn(float a, float b) { return bfloat162(bfloat16(a), bfloat16(b)); }
inline bfloat162 halves2bfloat162(bfloat16 a, bfloat16 b) { return bfloat162(a, b); }
inline bfloat162 bfloat162bfloat162(bfloat16 a) { return bfloat162(a, a); }
inline bfloat16 low2bfloat16(bfloat162 a) { return a[0]; }
inline bfloat16 high2bfloat16(bfloat162 a) { return a[1]; }
inline float low2float(bfloat162 a) { return float(a[0]); }
inline float high2float(bfloat162 a) { return float(a[1]); }
inline float low2float(sycl::half2 a) { return float(a[0]); }
inline float high2float(sycl::half2 a) { return float(a[1]); }
inline short bfloat16_as_short(bfloat16 b) { return sycl::bit_cast<short>(b); }
inline unsigned short bfloat16_as_ushort(bfloat16 b) { return sycl::bit_cast<unsigned short>(b); }
inline bfloat16 short_as_bfloat16(short s) { return sycl::bit_cast<bfloat16>(s); }
inline bfloat16 ushort_as_bfloat16(unsigned short s) { return sycl::bit_cast<bfloat16>(s); }
inline bfloat16 hadd(bfloat16 a, bfloat16 b) { return bfloat16(float(a) + float(b)); }
inline bfloat16 hsub(bfloat16 a, bfloat16 b) { return bfloat16(float(a) - float(b)); }
inline bfloat16 hmul(bfloat16 a, bfloat16 b) { return bfloat16(float(a) * float(b)); }
inline bfloat16 hdiv(bfloat16 a, bfloat16 b) { return bfloat16(float(a) / float(b)); }
inline bfloat16 hfma(bfloat16 a, bfloat16 b, bfloat16 c) { return bfloat16(sycl::fma(float(a), float(b), float(c))); }
inline bfloat16 hmax(bfloat16 a, bfloat16 b) { return bfloat16(sycl::fmax(float(a), float(b))); }
inline bfloat16 hmin(bfloat16 a, bfloat16 b) { return bfloat16(sycl::fmin(float(a), float(b))); }
inline bfloat16 habs(bfloat16 a) { return bfloat16(sycl::fabs(float(a))); }
inline bfloat16 hneg(bfloat16 a) { return bfloat16(-float(a)); }
inline sycl::half hsub(sycl::half a, sycl::half b) { return a - b; }
inline sycl::half hmul(sycl::half a, sycl::half b) { return a * b; }
inline sycl::half hdiv(sycl::half a, sycl::half b) { return a / b; }
inline sycl::half hfma(sycl::half a, sycl::half b, sycl::half c) { return sycl::fma(a, b, c); }
inline sycl::half hmax(sycl::half a, sycl::half b) { return sycl::fmax(a, b); }
inline sycl::half hmin(sycl::half a, sycl::half b) { return sycl::fmin(a, b); }
inline sycl::half habs(sycl::half a) { return sycl::fabs(a); }
inline sycl::half hneg(sycl::half a) { return -a; }

inline sycl::half hrcp(sycl::half a) { return sycl::half(1.0f / float(a)); }
inline bfloat16 hrcp(bfloat16 a) { return bfloat16(1.0f / float(a)); }
inline sycl::half2 h2rcp(sycl::half2 a) { return sycl::half2(hrcp(sycl::half(a[0])), hrcp(sycl::half(a[1]))); }
inline bool hisnan(sycl::half a) { return sycl::isnan(float(a)); }
inline bool hisnan(bfloat16 a) { return sycl::isnan(float(a)); }
inline int hisinf(bfloat16 a) {
    float f = a;
    return sycl::isinf(f) ? (f < 0 ? -1 : 1) : 0;
}
template <typename T>
inline T hmax_nan(T a, T b) {  // CUDA's _nan variants propagate a NaN operand
    return hisnan(a) || hisnan(b) ? T(NAN) : T(sycl::fmax(float(a), float(b)));
}
template <typename T>
inline T hmin_nan(T a, T b) {
    return hisnan(a) || hisnan(b) ? T(NAN) : T(sycl::fmin(float(a), float(b)));
}
inline bfloat162 lows2bfloat162(bfloat162 a, bfloat162 b) { return bfloat162(a[0], b[0]); }
inline bfloat162 highs2bfloat162(bfloat162 a, bfloat162 b) { return bfloat162(a[1], b[1]); }
inline bfloat162 low2bfloat162(bfloat162 a) { return bfloat162(a[0], a[0]); }
inline bfloat162 high2bfloat162(bfloat162 a) { return bfloat162(a[1], a[1]); }


// CUDA's h-prefixed math functions take __half and __nv_bfloat16 alike. SYCL 2020 has sycl::half overloads
// only; a bfloat16 argument is computed in float and rounded back to bfloat16 (what CUDA does for most of
// them on devices without native bfloat16 math).
#define CPSYCL_HALF_MATH(NAME, SYCL)                                                 \
    template <typename T>                                                          \
    inline T NAME(T x) {                                                           \
        if constexpr (std::is_same_v<T, sycl::ext::oneapi::bfloat16>) {            \
            return T(sycl::SYCL(static_cast<float>(x)));                           \
        } else {                                                                   \
            return sycl::SYCL(x);                                                  \
        }                                                                          \
    }
CPSYCL_HALF_MATH(htrunc, trunc)
CPSYCL_HALF_MATH(hceil, ceil)
CPSYCL_HALF_MATH(hfloor, floor)
CPSYCL_HALF_MATH(hrint, rint)
CPSYCL_HALF_MATH(hsqrt, sqrt)
CPSYCL_HALF_MATH(hrsqrt, rsqrt)
CPSYCL_HALF_MATH(hlog, log)
CPSYCL_HALF_MATH(hlog2, log2)
CPSYCL_HALF_MATH(hlog10, log10)
CPSYCL_HALF_MATH(hexp, exp)
CPSYCL_HALF_MATH(hexp2, exp2)
CPSYCL_HALF_MATH(hexp10, exp10)
CPSYCL_HALF_MATH(hcos, cos)
CPSYCL_HALF_MATH(hsin, sin)
#undef CPSYCL_HALF_MATH

}  // namespace cpsycl
