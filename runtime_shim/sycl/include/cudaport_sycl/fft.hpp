// cudaport SYCL helper: cuFFT plans on oneMKL DFT. A cufftHandle becomes a cpsycl::fft::handle_t: the plan's
// type, sizes (row-major, as cuFFT's), batch, data layout and queue; the oneMKL descriptor is made and
// committed at the first execution, once for in-place and once for out-of-place use (cuFFT decides the
// placement per call by comparing pointers; oneMKL fixes it at commit). Layouts are cuFFT's: dense complex
// data; real data of R2C/C2R dense when out of place and padded to 2*(n/2+1) in the last dimension when in
// place; the complex half-spectrum n/2+1 long. Neither library scales: an inverse after a forward gives n * x.
#pragma once

#include "../cudaport_sycl.hpp"
#include "mkl_status.hpp"

#include <oneapi/mkl/dft.hpp>
#include <oneapi/mkl/exceptions.hpp>

#include <complex>
#include <cstdint>
#include <exception>
#include <memory>
#include <vector>

namespace cpsycl::fft {

// cuFFT's cufftResult values.
enum result_t : int {
    success = 0,
    invalid_plan = 1,
    alloc_failed = 2,
    invalid_type = 3,
    invalid_value = 4,
    internal_error = 5,
    exec_failed = 6,
    setup_failed = 7,
    invalid_size = 8,
    unaligned_data = 9,
    incomplete_parameter_list = 10,
    invalid_device = 11,
    parse_error = 12,
    no_workspace = 13,
    not_implemented = 14,
    license_error = 15,
    not_supported = 16,
};

// cuFFT's cufftType values.
enum type_t : int { r2c = 0x2a, c2r = 0x2c, c2c = 0x29, d2z = 0x6a, z2d = 0x6c, z2z = 0x69 };

constexpr int forward = -1;
constexpr int inverse = 1;

namespace detail {
using oneapi::mkl::dft::config_param;
using oneapi::mkl::dft::config_value;
using oneapi::mkl::dft::domain;
using oneapi::mkl::dft::precision;

// The oneMKL descriptors of one precision and domain, one per placement, committed on first use.
template <precision P, domain D>
struct descriptors {
    using desc_t = oneapi::mkl::dft::descriptor<P, D>;
    std::unique_ptr<desc_t> placed[2];  // [0] in place, [1] out of place
};

inline bool is_real(type_t t) { return t == r2c || t == c2r || t == d2z || t == z2d; }
inline bool is_double(type_t t) { return t == d2z || t == z2d || t == z2z; }
}  // namespace detail

namespace handles {
struct plan {
    type_t type = c2c;
    std::vector<std::int64_t> dims;  // row-major: dims.back() varies fastest
    std::int64_t batch = 1;
    sycl::queue* queue = nullptr;
    detail::descriptors<detail::precision::SINGLE, detail::domain::COMPLEX> c;
    detail::descriptors<detail::precision::DOUBLE, detail::domain::COMPLEX> z;
    detail::descriptors<detail::precision::SINGLE, detail::domain::REAL> r;
    detail::descriptors<detail::precision::DOUBLE, detail::domain::REAL> d;
};
}  // namespace handles
using handle_t = handles::plan*;

namespace detail {
// Strides of a dense row-major array of `dims` whose last dimension is `last` elements long (oneMKL's
// stride vectors start with an offset).
inline std::vector<std::int64_t> strides(const std::vector<std::int64_t>& dims, std::int64_t last) {
    std::vector<std::int64_t> s(dims.size() + 1, 1);
    s[0] = 0;
    std::int64_t step = 1;
    for (std::size_t k = dims.size(); k-- > 0;) {
        s[k + 1] = step;
        step *= (k + 1 == dims.size()) ? last : dims[k];
    }
    return s;
}

inline std::int64_t volume(const std::vector<std::int64_t>& dims, std::int64_t last) {
    std::int64_t v = last;
    for (std::size_t k = 0; k + 1 < dims.size(); ++k) v *= dims[k];
    return v;
}

// The committed descriptor of plan `p` for one placement, made on first use with cuFFT's layout.
template <precision P, domain D>
oneapi::mkl::dft::descriptor<P, D>& committed(handle_t p, descriptors<P, D>& ds, bool in_place) {
    auto& slot = ds.placed[in_place ? 0 : 1];
    if (slot) return *slot;
    auto desc = std::make_unique<oneapi::mkl::dft::descriptor<P, D>>(p->dims);
    desc->set_value(config_param::PLACEMENT, in_place ? config_value::INPLACE : config_value::NOT_INPLACE);
    desc->set_value(config_param::NUMBER_OF_TRANSFORMS, p->batch);
    const std::int64_t n = p->dims.back();
    if constexpr (D == domain::REAL) {
        const std::int64_t half = n / 2 + 1, real_last = in_place ? 2 * half : n;
        desc->set_value(config_param::FWD_STRIDES, strides(p->dims, real_last));
        desc->set_value(config_param::BWD_STRIDES, strides(p->dims, half));
        desc->set_value(config_param::FWD_DISTANCE, volume(p->dims, real_last));
        desc->set_value(config_param::BWD_DISTANCE, volume(p->dims, half));
    } else {
        desc->set_value(config_param::FWD_STRIDES, strides(p->dims, n));
        desc->set_value(config_param::BWD_STRIDES, strides(p->dims, n));
        desc->set_value(config_param::FWD_DISTANCE, volume(p->dims, n));
        desc->set_value(config_param::BWD_DISTANCE, volume(p->dims, n));
    }
    desc->commit(*p->queue);
    slot = std::move(desc);
    return *slot;
}

template <class F>
result_t run(F&& body, result_t on_failure) {
    const mkl_status::codes<result_t> codes{success, invalid_value, not_implemented, on_failure, on_failure,
                                            alloc_failed, on_failure};
    return mkl_status::guarded(codes, body);
}

// Runs one transform of plan `p`: forward for R2C/D2Z and C2C/Z2Z with CUFFT_FORWARD, backward otherwise.
template <precision P, domain D, class In, class Out>
result_t execute(handle_t p, descriptors<P, D>& ds, type_t want, In* in, Out* out, bool fwd) {
    if (p->type != want) return invalid_type;
    const bool in_place = static_cast<const void*>(in) == static_cast<const void*>(out);
    return run([&] {
        auto& desc = committed(p, ds, in_place);
        if (in_place) {
            if (fwd) oneapi::mkl::dft::compute_forward(desc, in);
            else oneapi::mkl::dft::compute_backward(desc, in);
        } else {
            if (fwd) oneapi::mkl::dft::compute_forward(desc, in, out);
            else oneapi::mkl::dft::compute_backward(desc, in, out);
        }
    }, exec_failed);
}

template <class T, class V>
std::complex<T>* as_complex(V* p) { return reinterpret_cast<std::complex<T>*>(p); }
}  // namespace detail

// ---- plans -------------------------------------------------------------------------------------------------
inline result_t plan_many(handle_t* plan, std::vector<std::int64_t> dims, type_t type, std::int64_t batch) {
    if (plan == nullptr) return invalid_value;
    if (type != r2c && type != c2r && type != c2c && type != d2z && type != z2d && type != z2z) return invalid_type;
    for (auto n : dims) if (n < 1) return invalid_size;
    if (batch < 1) return invalid_size;
    return detail::run([&] {
        auto p = std::make_unique<handles::plan>();
        p->type = type;
        p->dims = std::move(dims);
        p->batch = batch;
        p->queue = &cpsycl::default_queue();
        *plan = p.release();
    }, setup_failed);
}

inline result_t plan_1d(handle_t* plan, int nx, type_t type, int batch) { return plan_many(plan, {nx}, type, batch); }
inline result_t plan_2d(handle_t* plan, int nx, int ny, type_t type) { return plan_many(plan, {nx, ny}, type, 1); }
inline result_t plan_3d(handle_t* plan, int nx, int ny, int nz, type_t type) {
    return plan_many(plan, {nx, ny, nz}, type, 1);
}

// cufftPlanMany with the default (packed) layout only: inembed/onembed given (advanced layouts) are not mapped.
inline result_t plan_many(handle_t* plan, int rank, int* n, int* inembed, int istride, int idist, int* onembed,
                          int ostride, int odist, type_t type, int batch) {
    (void)istride, (void)idist, (void)ostride, (void)odist;
    if (inembed != nullptr || onembed != nullptr) return not_supported;
    if (rank < 1 || rank > 3 || n == nullptr) return invalid_value;
    return plan_many(plan, std::vector<std::int64_t>(n, n + rank), type, batch);
}

inline result_t destroy(handle_t plan) {
    if (plan == nullptr) return invalid_plan;
    result_t r = detail::run([&] { plan->queue->wait_and_throw(); }, exec_failed);
    delete plan;
    return r;
}

// A plan's queue may change until its first execution (oneMKL binds the descriptor to the queue at commit).
inline result_t set_stream(handle_t plan, cpsycl::stream_t s) {
    if (plan == nullptr) return invalid_plan;
    return detail::run([&] { plan->queue = &cpsycl::queue_of(s); }, invalid_value);
}

// ---- execution ---------------------------------------------------------------------------------------------
template <class C>
result_t exec_c2c(handle_t p, C* in, C* out, int direction) {
    if (p == nullptr) return invalid_plan;
    return detail::execute(p, p->c, c2c, detail::as_complex<float>(in), detail::as_complex<float>(out),
                           direction == forward);
}
template <class Z>
result_t exec_z2z(handle_t p, Z* in, Z* out, int direction) {
    if (p == nullptr) return invalid_plan;
    return detail::execute(p, p->z, z2z, detail::as_complex<double>(in), detail::as_complex<double>(out),
                           direction == forward);
}
template <class C>
result_t exec_r2c(handle_t p, float* in, C* out) {
    if (p == nullptr) return invalid_plan;
    return detail::execute(p, p->r, r2c, in, detail::as_complex<float>(out), true);
}
template <class C>
result_t exec_c2r(handle_t p, C* in, float* out) {
    if (p == nullptr) return invalid_plan;
    return detail::execute(p, p->r, c2r, detail::as_complex<float>(in), out, false);
}
template <class Z>
result_t exec_d2z(handle_t p, double* in, Z* out) {
    if (p == nullptr) return invalid_plan;
    return detail::execute(p, p->d, d2z, in, detail::as_complex<double>(out), true);
}
template <class Z>
result_t exec_z2d(handle_t p, Z* in, double* out) {
    if (p == nullptr) return invalid_plan;
    return detail::execute(p, p->d, z2d, detail::as_complex<double>(in), out, false);
}

}  // namespace cpsycl::fft
