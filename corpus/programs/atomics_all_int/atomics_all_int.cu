// atomics_all_int: every integer atomic of CUDA on int, unsigned int and unsigned long long, each
// thread applying one operand to shared counters, so the final values do not depend on thread order.
// Covers: atomicAdd, atomicSub, atomicMin, atomicMax, atomicExch, atomicCAS (lock-free add loops),
// atomicAnd, atomicOr, atomicXor on int / unsigned / unsigned long long (atomicSub: int and unsigned
// only, as in CUDA), atomicInc and atomicDec with a wrap limit (unsigned), atomicMax on a __shared__
// int; the values returned by atomicExch (each old value is seen exactly once).
// Check: exact. Unsigned arithmetic wraps on both sides the same way.
#include <cstdio>
#include <cstdlib>
#include <climits>
#include <vector>
#include <algorithm>
#include <cuda_runtime.h>

#define CHECK(call)                                                                   \
    do {                                                                              \
        cudaError_t err_ = (call);                                                    \
        if (err_ != cudaSuccess) {                                                    \
            fprintf(stderr, "CUDA error at %s:%d: %s (%s)\n", __FILE__, __LINE__,     \
                    cudaGetErrorString(err_), #call);                                 \
            exit(1);                                                                  \
        }                                                                             \
    } while (0)

#define INC_LIMIT 16u
#define DEC_LIMIT 16u
#define DEC_START 5u

enum { I_ADD, I_SUB, I_MIN, I_MAX, I_AND, I_OR, I_XOR, I_EXCH, I_CAS, I_COUNT };
enum { U_ADD, U_SUB, U_MIN, U_MAX, U_AND, U_OR, U_XOR, U_EXCH, U_CAS, U_INC, U_DEC, U_COUNT };
enum { L_ADD, L_MIN, L_MAX, L_AND, L_OR, L_XOR, L_EXCH, L_CAS, L_COUNT };

__global__ void apply_atomics(const int* ival, const unsigned int* uval, const unsigned int* and_op,
                              const unsigned int* or_op, const unsigned long long* lval, int n, int* ires,
                              unsigned int* ures, unsigned long long* lres, int* exch_old,
                              int* block_max) {
    __shared__ int smax;
    if (threadIdx.x == 0) smax = INT_MIN;
    __syncthreads();
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        int v = ival[i];
        unsigned int u = uval[i];
        unsigned long long l = lval[i];

        atomicAdd(&ires[I_ADD], v);
        atomicSub(&ires[I_SUB], v);
        atomicMin(&ires[I_MIN], v);
        atomicMax(&ires[I_MAX], v);
        atomicAnd(&ires[I_AND], (int)and_op[i]);
        atomicOr(&ires[I_OR], (int)or_op[i]);
        atomicXor(&ires[I_XOR], v);
        exch_old[i] = atomicExch(&ires[I_EXCH], i);
        int old = ires[I_CAS], assumed;
        do {
            assumed = old;
            old = atomicCAS(&ires[I_CAS], assumed, assumed + 3 * v);
        } while (old != assumed);
        atomicMax(&smax, v);

        atomicAdd(&ures[U_ADD], u);
        atomicSub(&ures[U_SUB], u);
        atomicMin(&ures[U_MIN], u);
        atomicMax(&ures[U_MAX], u);
        atomicAnd(&ures[U_AND], and_op[i]);
        atomicOr(&ures[U_OR], or_op[i]);
        atomicXor(&ures[U_XOR], u);
        atomicExch(&ures[U_EXCH], 7u);
        unsigned int uold = ures[U_CAS], uassumed;
        do {
            uassumed = uold;
            uold = atomicCAS(&ures[U_CAS], uassumed, uassumed ^ (u << 1));
        } while (uold != uassumed);
        atomicInc(&ures[U_INC], INC_LIMIT);
        atomicDec(&ures[U_DEC], DEC_LIMIT);

        atomicAdd(&lres[L_ADD], l);
        atomicMin(&lres[L_MIN], l);
        atomicMax(&lres[L_MAX], l);
        atomicAnd(&lres[L_AND], ((unsigned long long)and_op[i] << 32) | 0xFFFFFFFFull);
        atomicOr(&lres[L_OR], (unsigned long long)or_op[i] << 16);
        atomicXor(&lres[L_XOR], l);
        atomicExch(&lres[L_EXCH], 0x123456789ull);
        unsigned long long lold = lres[L_CAS], lassumed;
        do {
            lassumed = lold;
            lold = atomicCAS(&lres[L_CAS], lassumed, lassumed + (l >> 3));
        } while (lold != lassumed);
    }
    __syncthreads();
    if (threadIdx.x == 0) block_max[blockIdx.x] = smax;
}

static unsigned int g_seed = 2718u;
static unsigned int lcg_next() {
    g_seed = g_seed * 1664525u + 1013904223u;
    return g_seed;
}

int main() {
    const int threads = 256, blocks = 8, n = threads * blocks - 5;
    std::vector<int> ival(n);
    std::vector<unsigned int> uval(n), and_op(n), or_op(n);
    std::vector<unsigned long long> lval(n);
    for (int i = 0; i < n; ++i) {
        ival[i] = (int)(lcg_next() % 2001u) - 1000;
        uval[i] = lcg_next();
        unsigned int k = lcg_next() % 64u;  // clear/set one bit in about 1 case of 64
        bool sparse = (i % 97) == 0;
        and_op[i] = (sparse && k < 32u) ? ~(1u << k) : 0xFFFFFFFFu;
        or_op[i] = (sparse && k < 32u) ? (1u << k) : 0u;
        unsigned long long hi = lcg_next();  // separate statements: fixed evaluation order
        lval[i] = (hi << 32) | lcg_next();
    }
    int i_init[I_COUNT] = {10, -20, INT_MAX, INT_MIN, -1, 0, 0x5a5a, -1, 100};
    unsigned int u_init[U_COUNT] = {1u, 2u, 0xFFFFFFFFu, 0u, 0xFFFFFFFFu, 0u, 0u, 3u, 0x1234u, 0u, DEC_START};
    unsigned long long l_init[L_COUNT] = {5ull, ~0ull, 0ull, ~0ull, 0ull, 0ull, 1ull, 77ull};

    int *d_ival, *d_ires, *d_exch_old, *d_block_max;
    unsigned int *d_uval, *d_and, *d_or, *d_ures;
    unsigned long long *d_lval, *d_lres;
    CHECK(cudaMalloc(&d_ival, n * sizeof(int)));
    CHECK(cudaMalloc(&d_uval, n * sizeof(unsigned int)));
    CHECK(cudaMalloc(&d_and, n * sizeof(unsigned int)));
    CHECK(cudaMalloc(&d_or, n * sizeof(unsigned int)));
    CHECK(cudaMalloc(&d_lval, n * sizeof(unsigned long long)));
    CHECK(cudaMalloc(&d_ires, sizeof(i_init)));
    CHECK(cudaMalloc(&d_ures, sizeof(u_init)));
    CHECK(cudaMalloc(&d_lres, sizeof(l_init)));
    CHECK(cudaMalloc(&d_exch_old, n * sizeof(int)));
    CHECK(cudaMalloc(&d_block_max, blocks * sizeof(int)));
    CHECK(cudaMemcpy(d_ival, ival.data(), n * sizeof(int), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_uval, uval.data(), n * sizeof(unsigned int), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_and, and_op.data(), n * sizeof(unsigned int), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_or, or_op.data(), n * sizeof(unsigned int), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_lval, lval.data(), n * sizeof(unsigned long long), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_ires, i_init, sizeof(i_init), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_ures, u_init, sizeof(u_init), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_lres, l_init, sizeof(l_init), cudaMemcpyHostToDevice));

    apply_atomics<<<blocks, threads>>>(d_ival, d_uval, d_and, d_or, d_lval, n, d_ires, d_ures, d_lres,
                                       d_exch_old, d_block_max);
    CHECK(cudaGetLastError());
    CHECK(cudaDeviceSynchronize());

    int ires[I_COUNT];
    unsigned int ures[U_COUNT];
    unsigned long long lres[L_COUNT];
    std::vector<int> exch_old(n), block_max(blocks);
    CHECK(cudaMemcpy(ires, d_ires, sizeof(ires), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(ures, d_ures, sizeof(ures), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(lres, d_lres, sizeof(lres), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(exch_old.data(), d_exch_old, n * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(block_max.data(), d_block_max, blocks * sizeof(int), cudaMemcpyDeviceToHost));

    // Host reference, applying the same operations in index order.
    int ie[I_COUNT];
    unsigned int ue[U_COUNT];
    unsigned long long le[L_COUNT];
    std::copy(i_init, i_init + I_COUNT, ie);
    std::copy(u_init, u_init + U_COUNT, ue);
    std::copy(l_init, l_init + L_COUNT, le);
    std::vector<int> be(blocks, INT_MIN);
    for (int i = 0; i < n; ++i) {
        int v = ival[i];
        unsigned int u = uval[i];
        unsigned long long l = lval[i];
        ie[I_ADD] += v;
        ie[I_SUB] -= v;
        ie[I_MIN] = std::min(ie[I_MIN], v);
        ie[I_MAX] = std::max(ie[I_MAX], v);
        ie[I_AND] &= (int)and_op[i];
        ie[I_OR] |= (int)or_op[i];
        ie[I_XOR] ^= v;
        ie[I_CAS] += 3 * v;
        be[i / threads] = std::max(be[i / threads], v);
        ue[U_ADD] += u;
        ue[U_SUB] -= u;
        ue[U_MIN] = std::min(ue[U_MIN], u);
        ue[U_MAX] = std::max(ue[U_MAX], u);
        ue[U_AND] &= and_op[i];
        ue[U_OR] |= or_op[i];
        ue[U_XOR] ^= u;
        ue[U_EXCH] = 7u;
        ue[U_CAS] ^= u << 1;
        ue[U_INC] = (ue[U_INC] >= INC_LIMIT) ? 0u : ue[U_INC] + 1u;
        ue[U_DEC] = (ue[U_DEC] == 0u || ue[U_DEC] > DEC_LIMIT) ? DEC_LIMIT : ue[U_DEC] - 1u;
        le[L_ADD] += l;
        le[L_MIN] = std::min(le[L_MIN], l);
        le[L_MAX] = std::max(le[L_MAX], l);
        le[L_AND] &= ((unsigned long long)and_op[i] << 32) | 0xFFFFFFFFull;
        le[L_OR] |= (unsigned long long)or_op[i] << 16;
        le[L_XOR] ^= l;
        le[L_EXCH] = 0x123456789ull;
        le[L_CAS] += l >> 3;
    }

    int errors = 0;
    for (int k = 0; k < I_COUNT; ++k) {
        if (k == I_EXCH) continue;  // checked below: order dependent
        if (ires[k] != ie[k]) {
            printf("int counter %d: %d, expected %d\n", k, ires[k], ie[k]);
            ++errors;
        }
    }
    for (int k = 0; k < U_COUNT; ++k) {
        if (ures[k] != ue[k]) {
            printf("unsigned counter %d: %u, expected %u\n", k, ures[k], ue[k]);
            ++errors;
        }
    }
    for (int k = 0; k < L_COUNT; ++k) {
        if (lres[k] != le[k]) {
            printf("u64 counter %d: %llu, expected %llu\n", k, lres[k], le[k]);
            ++errors;
        }
    }
    for (int b = 0; b < blocks; ++b) {
        if (block_max[b] != be[b]) {
            printf("block_max[%d] = %d, expected %d\n", b, block_max[b], be[b]);
            ++errors;
        }
    }
    // atomicExch: the returned old values plus the final value are the initial value and 0..n-1,
    // each exactly once.
    std::vector<int> seen(exch_old);
    seen.push_back(ires[I_EXCH]);
    std::sort(seen.begin(), seen.end());
    if (seen[0] != i_init[I_EXCH]) {
        printf("atomicExch: initial value %d not returned exactly once\n", i_init[I_EXCH]);
        ++errors;
    }
    for (int i = 0; i < n; ++i) {
        if (seen[i + 1] != i) {
            printf("atomicExch: value %d seen %s\n", i, seen[i + 1] < i ? "twice" : "never");
            ++errors;
            break;
        }
    }
    CHECK(cudaFree(d_ival));
    CHECK(cudaFree(d_uval));
    CHECK(cudaFree(d_and));
    CHECK(cudaFree(d_or));
    CHECK(cudaFree(d_lval));
    CHECK(cudaFree(d_ires));
    CHECK(cudaFree(d_ures));
    CHECK(cudaFree(d_lres));
    CHECK(cudaFree(d_exch_old));
    CHECK(cudaFree(d_block_max));
    if (errors) {
        printf("FAIL atomics_all_int\n");
        return 1;
    }
    printf("PASS atomics_all_int\n");
    return 0;
}
