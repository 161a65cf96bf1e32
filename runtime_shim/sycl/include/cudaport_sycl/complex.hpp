// cudaport SYCL helper: cuComplex.h on SYCL vectors. cuFloatComplex/cuComplex are sycl::float2 and
// cuDoubleComplex sycl::double2 (CUDA's are float2/double2 too, so cuFFT and cuBLAS buffers keep their layout);
// the helpers compute as cuComplex.h does: cuCdiv and cuCabs scale to avoid overflow.
#pragma once

#include <sycl/sycl.hpp>

namespace cpsycl {

template <class T>
using complex_of = sycl::vec<T, 2>;

inline sycl::float2 make_complexf(float r, float i) { return sycl::float2(r, i); }
inline sycl::double2 make_complex(double r, double i) { return sycl::double2(r, i); }

template <class T>
T creal(complex_of<T> z) { return z.x(); }
template <class T>
T cimag(complex_of<T> z) { return z.y(); }
template <class T>
complex_of<T> conj(complex_of<T> z) { return complex_of<T>(z.x(), -z.y()); }
template <class T>
complex_of<T> cadd(complex_of<T> a, complex_of<T> b) { return complex_of<T>(a.x() + b.x(), a.y() + b.y()); }
template <class T>
complex_of<T> csub(complex_of<T> a, complex_of<T> b) { return complex_of<T>(a.x() - b.x(), a.y() - b.y()); }
template <class T>
complex_of<T> cmul(complex_of<T> a, complex_of<T> b) {
    return complex_of<T>(a.x() * b.x() - a.y() * b.y(), a.x() * b.y() + a.y() * b.x());
}
// a * b + c, as cuCfma: the real and imaginary parts each in two fused steps.
template <class T>
complex_of<T> cfma(complex_of<T> a, complex_of<T> b, complex_of<T> c) {
    T re = sycl::fma(a.x(), b.x(), c.x());
    T im = sycl::fma(a.x(), b.y(), c.y());
    re = sycl::fma(-a.y(), b.y(), re);
    im = sycl::fma(a.y(), b.x(), im);
    return complex_of<T>(re, im);
}
template <class T>
complex_of<T> cdiv(complex_of<T> a, complex_of<T> b) {
    T s = sycl::fabs(b.x()) + sycl::fabs(b.y());
    T oos = T(1) / s;
    T ars = a.x() * oos, ais = a.y() * oos, brs = b.x() * oos, bis = b.y() * oos;
    s = brs * brs + bis * bis;
    oos = T(1) / s;
    return complex_of<T>((ars * brs + ais * bis) * oos, (ais * brs - ars * bis) * oos);
}
template <class T>
T cabs(complex_of<T> z) { return sycl::hypot(z.x(), z.y()); }

inline sycl::float2 complex_double_to_float(sycl::double2 z) {
    return sycl::float2(static_cast<float>(z.x()), static_cast<float>(z.y()));
}
inline sycl::double2 complex_float_to_double(sycl::float2 z) { return sycl::double2(z.x(), z.y()); }

}  // namespace cpsycl
