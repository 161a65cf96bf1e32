/* cudaport OpenCL runtime shim: host-side __half, __half2, __nv_bfloat16 and __nv_bfloat162 (cuda_fp16.h,
 * cuda_bf16.h) for C++ host code. Same 2-byte layout and bits as the kernels' cp_half/cp_bfloat16 (the .cl
 * prelude) and as CUDA, so arrays copied to the device read the same values. float -> half and
 * float -> bfloat16 round to nearest even, NaN to a quiet NaN (bfloat16: 0x7fff), as CUDA does.
 * Values convert implicitly to and from float, as CUDA's host types do; arithmetic happens in float. */
#ifndef CUDAPORT_OPENCL_HALF_H
#define CUDAPORT_OPENCL_HALF_H
#ifdef __cplusplus

#include <cmath>
#include <cstdint>
#include <cstring>

namespace cp_detail {

inline float bits_float(uint32_t u) { float f; std::memcpy(&f, &u, 4); return f; }
inline uint32_t float_bits(float f) { uint32_t u; std::memcpy(&u, &f, 4); return u; }

inline unsigned short float_to_half(float f) {
    uint32_t x = float_bits(f);
    uint32_t sign = (x >> 16) & 0x8000u, ax = x & 0x7fffffffu;
    if (ax > 0x7f800000u) return 0x7fffu;                               // NaN: CUDA's canonical one
    if (ax >= 0x477ff000u) return (unsigned short)(sign | 0x7c00u);      // rounds to infinity (>= 65520)
    if (ax < 0x38800000u) {                                              // half subnormal: units of 2^-24
        float m = std::nearbyint(bits_float(ax) * 16777216.0f);          // exact scaling, nearest even
        return (unsigned short)(sign | (uint32_t)m);
    }
    ax -= 0x38000000u;                                                   // exponent bias 127 -> 15
    return (unsigned short)(sign | ((ax + 0x0fffu + ((ax >> 13) & 1u)) >> 13));
}

inline float half_to_float(unsigned short h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16, e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
    if (e == 0) return (sign ? -1.0f : 1.0f) * std::ldexp((float)m, -24);
    if (e == 31) return bits_float(sign | 0x7f800000u | (m << 13));
    return bits_float(sign | ((e + 112u) << 23) | (m << 13));
}

inline unsigned short float_to_bfloat16(float f) {
    uint32_t u = float_bits(f);
    if ((u & 0x7fffffffu) > 0x7f800000u) return 0x7fffu;
    return (unsigned short)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}

inline float bfloat16_to_float(unsigned short b) { return bits_float((uint32_t)b << 16); }

}  // namespace cp_detail

#define CP_HOST_16BIT(T, TO_BITS, FROM_BITS)                                              \
    struct T {                                                                           \
        unsigned short __x;                                                              \
        T() = default;                                                                   \
        T(float f) : __x(cp_detail::TO_BITS(f)) {}                                       \
        T(double d) : __x(cp_detail::TO_BITS((float)d)) {}                               \
        T(int i) : __x(cp_detail::TO_BITS((float)i)) {}                                  \
        T(unsigned i) : __x(cp_detail::TO_BITS((float)i)) {}                             \
        T(long i) : __x(cp_detail::TO_BITS((float)i)) {}                                 \
        T(unsigned long i) : __x(cp_detail::TO_BITS((float)i)) {}                        \
        T(long long i) : __x(cp_detail::TO_BITS((float)i)) {}                            \
        T(unsigned long long i) : __x(cp_detail::TO_BITS((float)i)) {}                   \
        operator float() const { return cp_detail::FROM_BITS(__x); }                     \
        T& operator+=(float v) { return *this = T(float(*this) + v); }                   \
        T& operator-=(float v) { return *this = T(float(*this) - v); }                   \
        T& operator*=(float v) { return *this = T(float(*this) * v); }                   \
        T& operator/=(float v) { return *this = T(float(*this) / v); }                   \
    };
CP_HOST_16BIT(__half, float_to_half, half_to_float)
CP_HOST_16BIT(__nv_bfloat16, float_to_bfloat16, bfloat16_to_float)
#undef CP_HOST_16BIT
struct alignas(4) __half2 { __half x, y; };
struct alignas(4) __nv_bfloat162 { __nv_bfloat16 x, y; };
typedef __half half;
typedef __half2 half2;
typedef __nv_bfloat16 nv_bfloat16;
typedef __nv_bfloat162 nv_bfloat162;

/* CUDA's host-callable conversions */
inline __half __float2half(float f) { return __half(f); }
inline __half __float2half_rn(float f) { return __half(f); }
inline __half __double2half(double d) { return __half(d); }
inline float __half2float(__half h) { return float(h); }
inline __half2 __float2half2_rn(float f) { return __half2{__half(f), __half(f)}; }
inline __half2 __floats2half2_rn(float a, float b) { return __half2{__half(a), __half(b)}; }
inline __half2 __halves2half2(__half a, __half b) { return __half2{a, b}; }
inline float2 __half22float2(__half2 h) { return make_float2(float(h.x), float(h.y)); }
inline __half2 __float22half2_rn(float2 f) { return __half2{__half(f.x), __half(f.y)}; }
inline __half2 __half2half2(__half h) { return __half2{h, h}; }
inline __half2 make_half2(__half a, __half b) { return __half2{a, b}; }
inline float2 __bfloat1622float2(__nv_bfloat162 b) { return make_float2(float(b.x), float(b.y)); }
inline __nv_bfloat162 __float22bfloat162_rn(float2 f) { return __nv_bfloat162{__nv_bfloat16(f.x), __nv_bfloat16(f.y)}; }
inline float __low2float(__half2 h) { return float(h.x); }
inline float __high2float(__half2 h) { return float(h.y); }
inline __half __low2half(__half2 h) { return h.x; }
inline __half __high2half(__half2 h) { return h.y; }
inline short __half_as_short(__half h) { return (short)h.__x; }
inline unsigned short __half_as_ushort(__half h) { return h.__x; }
inline __half __short_as_half(short s) { __half h; h.__x = (unsigned short)s; return h; }
inline __half __ushort_as_half(unsigned short s) { __half h; h.__x = s; return h; }
inline int __half2int_rn(__half h) { return (int)std::nearbyint(float(h)); }
inline int __half2int_rz(__half h) { return (int)float(h); }
inline __half __int2half_rn(int i) { return __half(i); }
inline __nv_bfloat16 __float2bfloat16(float f) { return __nv_bfloat16(f); }
inline __nv_bfloat16 __float2bfloat16_rn(float f) { return __nv_bfloat16(f); }
inline float __bfloat162float(__nv_bfloat16 b) { return float(b); }
inline __nv_bfloat162 __floats2bfloat162_rn(float a, float b) { return __nv_bfloat162{__nv_bfloat16(a), __nv_bfloat16(b)}; }
inline __nv_bfloat162 __float2bfloat162_rn(float f) { return __nv_bfloat162{__nv_bfloat16(f), __nv_bfloat16(f)}; }
inline short __bfloat16_as_short(__nv_bfloat16 b) { return (short)b.__x; }
inline unsigned short __bfloat16_as_ushort(__nv_bfloat16 b) { return b.__x; }
inline __nv_bfloat16 __short_as_bfloat16(short s) { __nv_bfloat16 b; b.__x = (unsigned short)s; return b; }
inline __nv_bfloat16 __ushort_as_bfloat16(unsigned short s) { __nv_bfloat16 b; b.__x = s; return b; }
inline int __bfloat162int_rn(__nv_bfloat16 b) { return (int)std::nearbyint(float(b)); }

#endif /* __cplusplus */
#endif /* CUDAPORT_OPENCL_HALF_H */
