// cudaport SYCL helper: CUDA's integer dot-product intrinsics (__dp4a, __dp2a_lo, __dp2a_hi), which SYCL 2020
// lacks, as cpsycl::dp4a etc. with CUDA's overloads: the signedness of the arguments picks signed or unsigned
// bytes, as in CUDA. Four (two) byte products summed into the 32-bit accumulator, which wraps as in CUDA.
#pragma once

#include <sycl/sycl.hpp>

#include <cstdint>

namespace cpsycl {

namespace detail {
template <class Byte> inline std::int32_t lane8(std::uint32_t w, int i) { return Byte(w >> (8 * i)); }
template <class Half> inline std::int32_t lane16(std::uint32_t w, int i) { return Half(w >> (16 * i)); }
}  // namespace detail

inline int dp4a(int a, int b, int c) {
    std::uint32_t acc = static_cast<std::uint32_t>(c);
    for (int i = 0; i < 4; ++i)
        acc += static_cast<std::uint32_t>(detail::lane8<std::int8_t>(a, i) * detail::lane8<std::int8_t>(b, i));
    return static_cast<int>(acc);
}
inline unsigned int dp4a(unsigned int a, unsigned int b, unsigned int c) {
    unsigned int acc = c;
    for (int i = 0; i < 4; ++i)
        acc += static_cast<unsigned int>(detail::lane8<std::uint8_t>(a, i) * detail::lane8<std::uint8_t>(b, i));
    return acc;
}
inline int dp4a(sycl::char4 a, sycl::char4 b, int c) {
    return c + a.x() * b.x() + a.y() * b.y() + a.z() * b.z() + a.w() * b.w();
}
inline unsigned int dp4a(sycl::uchar4 a, sycl::uchar4 b, unsigned int c) {
    return c + static_cast<unsigned int>(a.x() * b.x() + a.y() * b.y() + a.z() * b.z() + a.w() * b.w());
}

// a: two 16-bit lanes; b: the low (lo) or high (hi) two bytes
inline int dp2a(int a, int b, int c, int first_byte) {
    std::uint32_t acc = static_cast<std::uint32_t>(c);
    for (int i = 0; i < 2; ++i)
        acc += static_cast<std::uint32_t>(detail::lane16<std::int16_t>(a, i) *
                                          detail::lane8<std::int8_t>(b, first_byte + i));
    return static_cast<int>(acc);
}
inline unsigned int dp2a(unsigned int a, unsigned int b, unsigned int c, int first_byte) {
    unsigned int acc = c;
    for (int i = 0; i < 2; ++i)
        acc += static_cast<unsigned int>(detail::lane16<std::uint16_t>(a, i)) *
               static_cast<unsigned int>(detail::lane8<std::uint8_t>(b, first_byte + i));
    return acc;
}
inline int dp2a_lo(int a, int b, int c) { return dp2a(a, b, c, 0); }
inline unsigned int dp2a_lo(unsigned int a, unsigned int b, unsigned int c) { return dp2a(a, b, c, 0); }
inline int dp2a_hi(int a, int b, int c) { return dp2a(a, b, c, 2); }
inline unsigned int dp2a_hi(unsigned int a, unsigned int b, unsigned int c) { return dp2a(a, b, c, 2); }

}  // namespace cpsycl
