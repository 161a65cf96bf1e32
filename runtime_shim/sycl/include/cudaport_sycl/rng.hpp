// cudaport SYCL helper: cuRAND's host API on oneMKL RNG engines. A curandGenerator_t becomes a
// cpsycl::rng::generator_t holding the engine kind, seed, offset and queue; the oneMKL engine is made at the first
// generate call after a seed or offset change and then keeps its state, as cuRAND's generator does.
// Engines: PHILOX4_32_10 -> philox4x32x10, MRG32K3A -> mrg32k3a, MT19937 -> mt19937; XORWOW (cuRAND's
// default) has no oneMKL engine and runs philox4x32x10. The values differ from cuRAND's in every case: cuRAND
// seeds its engines its own way, interleaves subsequences per ordering, and converts with its own constants;
// oneMKL's output is the engine's plain sequence. Distributions match: uniform floats in (0, 1] (oneMKL's [0, 1)
// reflected as 1 - u), normals by Box-Muller with cuRAND's even-count rule, log-normals, Poisson, raw 32-bit words.
// A host generator (curandCreateGeneratorHost) generates on the default queue into a USM buffer copied to the
// caller's host memory, so host and device generators of the same seed give the same numbers.
#pragma once

#include "../cudaport_sycl.hpp"
#include "mkl_status.hpp"

#include <oneapi/mkl/exceptions.hpp>
#include <oneapi/mkl/rng.hpp>

#include <cstdint>
#include <exception>
#include <memory>
#include <variant>

namespace cpsycl::rng {

// cuRAND's curandStatus_t values.
enum status_t : int {
    status_success = 0,
    status_version_mismatch = 100,
    status_not_initialized = 101,
    status_allocation_failed = 102,
    status_type_error = 103,
    status_out_of_range = 104,
    status_length_not_multiple = 105,
    status_double_precision_required = 106,
    status_launch_failure = 201,
    status_preexisting_failure = 202,
    status_initialization_failed = 203,
    status_arch_mismatch = 204,
    status_internal_error = 999,
};

// cuRAND's curandRngType_t values (the pseudo-random ones; quasi-random generators are not mapped).
enum rng_type_t : int {
    pseudo_default = 100,
    pseudo_xorwow = 101,
    pseudo_mrg32k3a = 121,
    pseudo_mtgp32 = 141,
    pseudo_mt19937 = 142,
    pseudo_philox4_32_10 = 161,
    quasi_default = 200,
    quasi_sobol32 = 201,
    quasi_scrambled_sobol32 = 202,
    quasi_sobol64 = 203,
    quasi_scrambled_sobol64 = 204,
};

// cuRAND's curandOrdering_t values: accepted and kept; oneMKL has one ordering (the engine's sequence).
enum ordering_t : int {
    ordering_pseudo_best = 100,
    ordering_pseudo_default = 101,
    ordering_pseudo_seeded = 102,
    ordering_pseudo_legacy = 103,
    ordering_pseudo_dynamic = 104,
    ordering_quasi_default = 201,
};

namespace detail {
using engine_t = std::variant<std::monostate, oneapi::mkl::rng::philox4x32x10, oneapi::mkl::rng::mrg32k3a,
                              oneapi::mkl::rng::mt19937>;
}

namespace handles {
struct generator {
    rng_type_t type;
    bool host;  // curandCreateGeneratorHost: results go to host memory
    unsigned long long seed = 0;
    unsigned long long offset = 0;
    ordering_t ordering = ordering_pseudo_default;
    sycl::queue* queue = nullptr;
    detail::engine_t engine;  // made on first use after a seed/offset change
};
}  // namespace handles
using generator_t = handles::generator*;

namespace detail {
inline status_t create(generator_t* g, rng_type_t type, bool host) {
    if (g == nullptr) return status_not_initialized;
    if (type != pseudo_default && type != pseudo_xorwow && type != pseudo_mrg32k3a && type != pseudo_mt19937 &&
        type != pseudo_philox4_32_10)
        return status_type_error;  // MTGP32 and the quasi-random generators have no mapping
    try {
        *g = new handles::generator{type, host};
        (*g)->queue = &cpsycl::default_queue();
    } catch (...) {
        return status_initialization_failed;
    }
    return status_success;
}

inline void make_engine(generator_t g) {
    sycl::queue& q = *g->queue;
    const auto lo = static_cast<std::uint32_t>(g->seed), hi = static_cast<std::uint32_t>(g->seed >> 32);
    switch (g->type) {
        case pseudo_mrg32k3a: g->engine.emplace<oneapi::mkl::rng::mrg32k3a>(q, std::initializer_list<std::uint32_t>{lo, hi}); break;
        case pseudo_mt19937: g->engine.emplace<oneapi::mkl::rng::mt19937>(q, std::initializer_list<std::uint32_t>{lo, hi}); break;
        default: g->engine.emplace<oneapi::mkl::rng::philox4x32x10>(q, static_cast<std::uint64_t>(g->seed)); break;
    }
    if (g->offset != 0) {
        std::visit([&](auto& e) {
            if constexpr (!std::is_same_v<std::decay_t<decltype(e)>, std::monostate>)
                oneapi::mkl::rng::skip_ahead(e, static_cast<std::uint64_t>(g->offset));
        }, g->engine);
    }
}

// Generates `n` values of `distr` into `out` (device memory, or host memory for a host generator); `post`
// runs on each value (on the device) before they reach `out`.
template <class Distr, class T, class Post>
status_t generate(generator_t g, const Distr& distr, T* out, std::size_t n, Post post) {
    if (g == nullptr) return status_not_initialized;
    static constexpr mkl_status::codes<status_t> codes{status_success, status_internal_error, status_type_error,
        status_internal_error, status_launch_failure, status_allocation_failed, status_internal_error};
    status_t early = status_success;
    const status_t s = mkl_status::guarded(codes, [&] {
        if (std::holds_alternative<std::monostate>(g->engine)) make_engine(g);
        sycl::queue& q = *g->queue;
        T* dst = g->host ? sycl::malloc_device<T>(n ? n : 1, q) : out;
        if (dst == nullptr) {
            early = status_allocation_failed;
            return;
        }
        try {
            std::visit([&](auto& e) {
                if constexpr (!std::is_same_v<std::decay_t<decltype(e)>, std::monostate>)
                    oneapi::mkl::rng::generate(distr, e, static_cast<std::int64_t>(n), dst);
            }, g->engine);
            if constexpr (!std::is_same_v<Post, std::nullptr_t>) {
                if (n) q.parallel_for(sycl::range<1>(n), [=](sycl::id<1> i) { dst[i] = post(dst[i]); });
            }
            if (g->host) q.memcpy(out, dst, sizeof(T) * n).wait_and_throw();
        } catch (...) {
            if (g->host) sycl::free(dst, q);
            throw;
        }
        if (g->host) sycl::free(dst, q);
    });
    return early != status_success ? early : s;
}

// cuRAND's uniform range is (0, 1]; oneMKL's [0, 1).
template <class T>
struct reflect {
    T operator()(T u) const { return T(1) - u; }
};
}  // namespace detail

inline status_t create_generator(generator_t* g, rng_type_t type) { return detail::create(g, type, false); }
inline status_t create_generator_host(generator_t* g, rng_type_t type) { return detail::create(g, type, true); }

inline status_t destroy_generator(generator_t g) {
    if (g == nullptr) return status_not_initialized;
    try {
        g->queue->wait_and_throw();
    } catch (...) {
        delete g;
        return status_launch_failure;
    }
    delete g;
    return status_success;
}

inline status_t set_pseudo_random_generator_seed(generator_t g, unsigned long long seed) {
    if (g == nullptr) return status_not_initialized;
    g->seed = seed;
    g->engine = std::monostate{};
    return status_success;
}

// The offset skips that many values of the engine's sequence (cuRAND's offset counts its own outputs).
inline status_t set_generator_offset(generator_t g, unsigned long long offset) {
    if (g == nullptr) return status_not_initialized;
    g->offset = offset;
    g->engine = std::monostate{};
    return status_success;
}

inline status_t set_generator_ordering(generator_t g, ordering_t order) {
    if (g == nullptr) return status_not_initialized;
    if (order == ordering_quasi_default) return status_out_of_range;
    g->ordering = order;
    return status_success;
}

// A generator's queue may change until its first generate call (oneMKL binds an engine to its queue).
inline status_t set_stream(generator_t g, cpsycl::stream_t s) {
    if (g == nullptr) return status_not_initialized;
    try {
        sycl::queue* q = &cpsycl::queue_of(s);
        if (q != g->queue) g->engine = std::monostate{};
        g->queue = q;
    } catch (...) {
        return status_not_initialized;
    }
    return status_success;
}

inline status_t generate(generator_t g, unsigned int* out, std::size_t n) {
    return detail::generate(g, oneapi::mkl::rng::bits<std::uint32_t>{}, reinterpret_cast<std::uint32_t*>(out), n,
                            nullptr);
}

inline status_t generate_uniform(generator_t g, float* out, std::size_t n) {
    return detail::generate(g, oneapi::mkl::rng::uniform<float>(0.0f, 1.0f), out, n, detail::reflect<float>{});
}

inline status_t generate_uniform_double(generator_t g, double* out, std::size_t n) {
    return detail::generate(g, oneapi::mkl::rng::uniform<double>(0.0, 1.0), out, n, detail::reflect<double>{});
}

// cuRAND generates normals in pairs: an odd count is CURAND_STATUS_LENGTH_NOT_MULTIPLE.
inline status_t generate_normal(generator_t g, float* out, std::size_t n, float mean, float stddev) {
    if (n % 2 != 0) return status_length_not_multiple;
    return detail::generate(g, oneapi::mkl::rng::gaussian<float>(mean, stddev), out, n, nullptr);
}

inline status_t generate_normal_double(generator_t g, double* out, std::size_t n, double mean, double stddev) {
    if (n % 2 != 0) return status_length_not_multiple;
    return detail::generate(g, oneapi::mkl::rng::gaussian<double>(mean, stddev), out, n, nullptr);
}

inline status_t generate_log_normal(generator_t g, float* out, std::size_t n, float mean, float stddev) {
    if (n % 2 != 0) return status_length_not_multiple;
    return detail::generate(g, oneapi::mkl::rng::lognormal<float>(mean, stddev), out, n, nullptr);
}

inline status_t generate_log_normal_double(generator_t g, double* out, std::size_t n, double mean, double stddev) {
    if (n % 2 != 0) return status_length_not_multiple;
    return detail::generate(g, oneapi::mkl::rng::lognormal<double>(mean, stddev), out, n, nullptr);
}

inline status_t generate_poisson(generator_t g, unsigned int* out, std::size_t n, double lambda) {
    if (lambda <= 0) return status_out_of_range;
    return detail::generate(g, oneapi::mkl::rng::poisson<std::uint32_t>(lambda), reinterpret_cast<std::uint32_t*>(out),
                            n, nullptr);
}

}  // namespace cpsycl::rng
