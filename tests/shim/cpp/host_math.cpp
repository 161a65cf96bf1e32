// What CUDA's math headers give host code beyond the C library: rsqrtf/rsqrt, rcbrtf/rcbrt, normcdff/normcdf
// called from host code (a host template's `rsqrtf(n)`), and the bit-reinterpretation intrinsics, which a
// template with __device__ members that host code sees but never instantiates names with non-dependent
// arguments (g++ needs their declarations at the template's definition).
#include <cstdint>
#include <cstring>

#include "shim_check.h"

template <typename T, int S> struct Swap;
template <typename T> struct Swap<T, 4> {
    __device__ T operator()(T* p, T v) {
        int old = *(int*)p;
        *(int*)p = __float_as_int(v + __int_as_float(old));
        return (T)old;
    }
};
template <typename T> struct Swap<T, 8> {
    __device__ T operator()(T* p, T v) {
        long long old = *(long long*)p;
        *(long long*)p = __double_as_longlong(v + __longlong_as_double(old));
        return (T)old;
    }
};

template <typename T> static float scale_of(T n) { return rsqrtf(n); }

static bool near(double a, double b, double tol) { return std::fabs(a - b) <= tol * std::fabs(b); }

int main() {
    CHECK(scale_of(256) == 0.0625f);
    CHECK(near(rsqrt(2.0), 0.70710678118654752, 1e-15));
    CHECK(near(rcbrtf(27.0f), 1.0f / 3.0f, 1e-7));
    CHECK(near(rcbrt(-8.0), -0.5, 1e-15));
    CHECK(near(normcdf(0.0), 0.5, 1e-15));
    CHECK(near(normcdf(1.0), 0.8413447460685429, 1e-14));
    CHECK(near(normcdff(-1.0f), 0.15865525f, 1e-6));
    CHECK(__float_as_int(1.0f) == 0x3f800000 && __int_as_float(0x40490fdb) == 3.14159274f);
    CHECK(__float_as_uint(-0.0f) == 0x80000000u && __uint_as_float(0x7f800000u) == INFINITY);
    CHECK(__double_as_longlong(1.0) == 0x3ff0000000000000LL && __longlong_as_double(0x4000000000000000LL) == 2.0);
    printf("PASS\n");
    return 0;
}
