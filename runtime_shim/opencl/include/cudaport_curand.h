/* cudaport OpenCL runtime shim: cuRAND's host API (`#include <curand.h>`) with the MRG32k3a generator.
 *
 * Generators from curandCreateGenerator write device memory (computed on the host after the generator's stream
 * is synchronised, then copied with cudaMemcpy), those from curandCreateGeneratorHost write host memory; both
 * run L'Ecuyer's MRG32k3a recurrence (the algorithm of CURAND_RNG_PSEUDO_MRG32K3A) as one stream from the
 * seed, so a host and a device generator with the same seed, offset and calls give the same numbers. cuRAND
 * splits the sequence over GPU threads in an order it does not document, and seeds the state its own way: the
 * values differ from cuRAND's (the rules say so, CP2003). Other generator types return CURAND_STATUS_TYPE_ERROR
 * (their enum names are CP2008 at translation). Normals: Box-Muller on pairs, as cuRAND (n must be even). */
#ifndef CUDAPORT_CURAND_H
#define CUDAPORT_CURAND_H

#include "cudaport_opencl.h"

#ifdef __cplusplus
#include <cmath>
#include <vector>

typedef enum curandStatus {
    CURAND_STATUS_SUCCESS = 0,
    CURAND_STATUS_VERSION_MISMATCH = 100,
    CURAND_STATUS_NOT_INITIALIZED = 101,
    CURAND_STATUS_ALLOCATION_FAILED = 102,
    CURAND_STATUS_TYPE_ERROR = 103,
    CURAND_STATUS_OUT_OF_RANGE = 104,
    CURAND_STATUS_LENGTH_NOT_MULTIPLE = 105,
    CURAND_STATUS_DOUBLE_PRECISION_REQUIRED = 106,
    CURAND_STATUS_LAUNCH_FAILURE = 201,
    CURAND_STATUS_PREEXISTING_FAILURE = 202,
    CURAND_STATUS_INITIALIZATION_FAILED = 203,
    CURAND_STATUS_ARCH_MISMATCH = 204,
    CURAND_STATUS_INTERNAL_ERROR = 999
} curandStatus_t;

typedef enum curandRngType {
    CURAND_RNG_TEST = 0,
    CURAND_RNG_PSEUDO_DEFAULT = 100,
    CURAND_RNG_PSEUDO_XORWOW = 101,
    CURAND_RNG_PSEUDO_MRG32K3A = 121,
    CURAND_RNG_PSEUDO_MTGP32 = 141,
    CURAND_RNG_PSEUDO_MT19937 = 142,
    CURAND_RNG_PSEUDO_PHILOX4_32_10 = 161,
    CURAND_RNG_QUASI_DEFAULT = 200,
    CURAND_RNG_QUASI_SOBOL32 = 201
} curandRngType_t;

typedef enum curandOrdering {
    CURAND_ORDERING_PSEUDO_BEST = 100,
    CURAND_ORDERING_PSEUDO_DEFAULT = 101,
    CURAND_ORDERING_PSEUDO_SEEDED = 102,
    CURAND_ORDERING_PSEUDO_LEGACY = 103,
    CURAND_ORDERING_PSEUDO_DYNAMIC = 104,
    CURAND_ORDERING_QUASI_DEFAULT = 201
} curandOrdering_t;

struct curandGenerator_st {
    bool host;
    unsigned long long seed = 0, offset = 0;
    curandOrdering_t ordering = CURAND_ORDERING_PSEUDO_DEFAULT;
    cudaStream_t stream = nullptr;
    bool fresh = true;  // the state is (re)made from seed and offset before the next output
    unsigned long long s1[3], s2[3];

    static constexpr unsigned long long m1 = 4294967087ull, m2 = 4294944443ull;
    void reset() {
        // L'Ecuyer's MRG32k3a needs s1 < m1 and s2 < m2, not all zero: the seed's halves mixed into the
        // default state 12345
        unsigned long long lo = (seed & 0xffffffffull) ^ 0x55555555ull, hi = (seed >> 32) ^ 0xaaaaaaaaull;
        for (int i = 0; i < 3; ++i) {
            s1[i] = (12345ull + lo * (i + 1)) % m1;
            s2[i] = (12345ull + hi * (i + 1)) % m2;
        }
        fresh = false;
        for (unsigned long long k = 0; k < offset; ++k) next();
    }
    unsigned long long next() {  // one MRG32k3a output in [1, m1]
        long long p1 = (long long)((1403580ull * s1[1]) % m1) - (long long)((810728ull * s1[0]) % m1);
        if (p1 < 0) p1 += (long long)m1;
        s1[0] = s1[1]; s1[1] = s1[2]; s1[2] = (unsigned long long)p1;
        long long p2 = (long long)((527612ull * s2[2]) % m2) - (long long)((1370589ull * s2[0]) % m2);
        if (p2 < 0) p2 += (long long)m2;
        s2[0] = s2[1]; s2[1] = s2[2]; s2[2] = (unsigned long long)p2;
        return p1 > p2 ? (unsigned long long)(p1 - p2) : (unsigned long long)(p1 - p2 + (long long)m1);
    }
    double uniform() {
        if (fresh) reset();
        return (double)next() * 2.3283065498378288e-10;  // (0, 1): 1/(m1 + 1), as cuRAND scales it
    }
};
typedef struct curandGenerator_st* curandGenerator_t;

namespace cp_curand {
inline curandStatus_t create(curandGenerator_t* g, curandRngType_t type, bool host) {
    if (!g) return CURAND_STATUS_NOT_INITIALIZED;
    if (type != CURAND_RNG_PSEUDO_MRG32K3A) return CURAND_STATUS_TYPE_ERROR;
    *g = new curandGenerator_st();
    (*g)->host = host;
    return CURAND_STATUS_SUCCESS;
}
template <class T, class F> curandStatus_t fill(curandGenerator_t g, T* out, size_t n, F value) {
    if (!g) return CURAND_STATUS_NOT_INITIALIZED;
    std::vector<T> h(n);
    for (size_t i = 0; i < n; ++i) h[i] = value(g);
    if (g->host) {
        for (size_t i = 0; i < n; ++i) out[i] = h[i];
        return CURAND_STATUS_SUCCESS;
    }
    cudaStreamSynchronize(g->stream);
    if (n && cudaMemcpy(out, h.data(), n * sizeof(T), cudaMemcpyHostToDevice) != cudaSuccess)
        return CURAND_STATUS_LAUNCH_FAILURE;
    return CURAND_STATUS_SUCCESS;
}
template <class T> curandStatus_t normals(curandGenerator_t g, T* out, size_t n, T mean, T sd) {
    if (n % 2) return CURAND_STATUS_LENGTH_NOT_MULTIPLE;
    bool second = false;
    double z1 = 0;
    return fill(g, out, n, [&](curandGenerator_t gg) {
        if (second) {
            second = false;
            return (T)(mean + sd * z1);
        }
        double u1 = gg->uniform(), u2 = gg->uniform(), r = std::sqrt(-2.0 * std::log(u1));
        z1 = r * std::sin(6.283185307179586 * u2);
        second = true;
        return (T)(mean + sd * r * std::cos(6.283185307179586 * u2));
    });
}
}  // namespace cp_curand

inline curandStatus_t curandCreateGenerator(curandGenerator_t* g, curandRngType_t type) {
    return cp_curand::create(g, type, false);
}
inline curandStatus_t curandCreateGeneratorHost(curandGenerator_t* g, curandRngType_t type) {
    return cp_curand::create(g, type, true);
}
inline curandStatus_t curandDestroyGenerator(curandGenerator_t g) {
    delete g;
    return CURAND_STATUS_SUCCESS;
}
inline curandStatus_t curandSetPseudoRandomGeneratorSeed(curandGenerator_t g, unsigned long long seed) {
    if (!g) return CURAND_STATUS_NOT_INITIALIZED;
    g->seed = seed;
    g->fresh = true;
    return CURAND_STATUS_SUCCESS;
}
inline curandStatus_t curandSetGeneratorOffset(curandGenerator_t g, unsigned long long offset) {
    if (!g) return CURAND_STATUS_NOT_INITIALIZED;
    g->offset = offset;
    g->fresh = true;
    return CURAND_STATUS_SUCCESS;
}
inline curandStatus_t curandSetGeneratorOrdering(curandGenerator_t g, curandOrdering_t order) {
    if (!g) return CURAND_STATUS_NOT_INITIALIZED;
    if (order < CURAND_ORDERING_PSEUDO_BEST || order > CURAND_ORDERING_PSEUDO_DYNAMIC) return CURAND_STATUS_OUT_OF_RANGE;
    g->ordering = order;  // one stream whatever the ordering
    return CURAND_STATUS_SUCCESS;
}
inline curandStatus_t curandSetStream(curandGenerator_t g, cudaStream_t stream) {
    if (!g) return CURAND_STATUS_NOT_INITIALIZED;
    g->stream = stream;
    return CURAND_STATUS_SUCCESS;
}
inline curandStatus_t curandGenerate(curandGenerator_t g, unsigned int* out, size_t n) {
    return cp_curand::fill(g, out, n, [](curandGenerator_t gg) {
        if (gg->fresh) gg->reset();
        return (unsigned int)gg->next();
    });
}
inline curandStatus_t curandGenerateUniform(curandGenerator_t g, float* out, size_t n) {
    return cp_curand::fill(g, out, n, [](curandGenerator_t gg) { return (float)gg->uniform(); });
}
inline curandStatus_t curandGenerateUniformDouble(curandGenerator_t g, double* out, size_t n) {
    return cp_curand::fill(g, out, n, [](curandGenerator_t gg) { return gg->uniform(); });
}
inline curandStatus_t curandGenerateNormal(curandGenerator_t g, float* out, size_t n, float mean, float sd) {
    return cp_curand::normals(g, out, n, mean, sd);
}
inline curandStatus_t curandGenerateNormalDouble(curandGenerator_t g, double* out, size_t n, double mean,
                                                 double sd) {
    return cp_curand::normals(g, out, n, mean, sd);
}
#endif /* __cplusplus */

#endif /* CUDAPORT_CURAND_H */
