// cudaport SYCL helper: CUDA's min and max.
// CUDA declares min/max overloads for every pair of integer and floating types (min(int, unsigned) is an
// unsigned min, max(signed char, int) an int max); sycl::min/sycl::max want both arguments of one type. These
// convert both arguments to their usual arithmetic type first, as the CUDA overload set does.
#pragma once

#include <sycl/sycl.hpp>

#include <type_traits>

namespace cpsycl {

template <class A, class B, class T = std::common_type_t<A, B>>
inline T min(A a, B b) {
  return sycl::min(static_cast<T>(a), static_cast<T>(b));
}

template <class A, class B, class T = std::common_type_t<A, B>>
inline T max(A a, B b) {
  return sycl::max(static_cast<T>(a), static_cast<T>(b));
}

}  // namespace cpsycl
