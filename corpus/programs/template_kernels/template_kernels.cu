// template_kernels: function templates on the device. A type-templated kernel is launched for
// float, double and int; a kernel templated on a block size and a type sums blocks through a
// templated static __shared__ array; both call a template __device__ function.
// Covers: template __global__ kernels launched with explicit template arguments (<T>, <BLOCK, T>),
// non-type template parameter used for a __shared__ array size and an unrolled loop,
// a template __device__ function (clamp_to) and a template __host__ __device__ function (combine,
// also called by the host reference), each instantiated for several types.
// Check: exact. Float and double inputs are multiples of 1/8 with small magnitude and int inputs are
// small, so every result is exactly representable.
#include <cstdio>
#include <cstdlib>
#include <vector>
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

template <typename T>
__device__ T clamp_to(T v, T lo, T hi) {
    return v < lo ? lo : (v > hi ? hi : v);
}

template <typename T>
__host__ __device__ T combine(T a, T b, T alpha) {
    return alpha * a + b;
}

template <typename T>
__global__ void axpy_clamped(const T* a, const T* b, T* out, T alpha, T lo, T hi, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = clamp_to(combine(a[i], b[i], alpha), lo, hi);
}

template <int BLOCK, typename T>
__global__ void block_sums(const T* in, T* out, int n) {
    __shared__ T buf[BLOCK];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    buf[threadIdx.x] = i < n ? in[i] : T(0);
    __syncthreads();
#pragma unroll
    for (int s = BLOCK / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) buf[threadIdx.x] += buf[threadIdx.x + s];
        __syncthreads();
    }
    if (threadIdx.x == 0) out[blockIdx.x] = buf[0];
}

template <typename T>
static int run_axpy(const char* name, T alpha, T lo, T hi, T denom) {
    const int n = 1000;
    std::vector<T> a(n), b(n), out(n);
    unsigned int seed = 17u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        a[i] = (T)((int)(seed >> 24) - 128) / denom;
        seed = seed * 1664525u + 1013904223u;
        b[i] = (T)((int)(seed >> 24) - 128) / denom;
    }
    T *d_a, *d_b, *d_out;
    CHECK(cudaMalloc(&d_a, n * sizeof(T)));
    CHECK(cudaMalloc(&d_b, n * sizeof(T)));
    CHECK(cudaMalloc(&d_out, n * sizeof(T)));
    CHECK(cudaMemcpy(d_a, a.data(), n * sizeof(T), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_b, b.data(), n * sizeof(T), cudaMemcpyHostToDevice));
    axpy_clamped<T><<<(n + 255) / 256, 256>>>(d_a, d_b, d_out, alpha, lo, hi, n);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out.data(), d_out, n * sizeof(T), cudaMemcpyDeviceToHost));
    int errors = 0;
    for (int i = 0; i < n; ++i) {
        T v = combine(a[i], b[i], alpha);
        T expect = v < lo ? lo : (v > hi ? hi : v);
        if (out[i] != expect) {
            if (errors < 5) printf("%s axpy[%d]: %g, expected %g\n", name, i, (double)out[i], (double)expect);
            ++errors;
        }
    }
    CHECK(cudaFree(d_a));
    CHECK(cudaFree(d_b));
    CHECK(cudaFree(d_out));
    return errors;
}

template <int BLOCK, typename T>
static int run_block_sums(const char* name, T denom) {
    const int n = 3000;
    const int blocks = (n + BLOCK - 1) / BLOCK;
    std::vector<T> in(n), out(blocks);
    for (int i = 0; i < n; ++i) in[i] = (T)((i * 37) % 101 - 50) / denom;
    T *d_in, *d_out;
    CHECK(cudaMalloc(&d_in, n * sizeof(T)));
    CHECK(cudaMalloc(&d_out, blocks * sizeof(T)));
    CHECK(cudaMemcpy(d_in, in.data(), n * sizeof(T), cudaMemcpyHostToDevice));
    block_sums<BLOCK, T><<<blocks, BLOCK>>>(d_in, d_out, n);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out.data(), d_out, blocks * sizeof(T), cudaMemcpyDeviceToHost));
    int errors = 0;
    for (int b = 0; b < blocks; ++b) {
        T expect = T(0);
        for (int i = b * BLOCK; i < (b + 1) * BLOCK && i < n; ++i) expect += in[i];
        if (out[b] != expect) {
            if (errors < 5) printf("%s block_sums[%d]: %g, expected %g\n", name, b, (double)out[b], (double)expect);
            ++errors;
        }
    }
    CHECK(cudaFree(d_in));
    CHECK(cudaFree(d_out));
    return errors;
}

int main() {
    int errors = 0;
    errors += run_axpy<float>("float", 1.5f, -20.0f, 20.0f, 8.0f);
    errors += run_axpy<double>("double", -0.75, -10.0, 12.5, 8.0);
    errors += run_axpy<int>("int", 3, -300, 250, 1);
    errors += run_block_sums<128, int>("int/128", 1);
    errors += run_block_sums<256, float>("float/256", 8.0f);
    errors += run_block_sums<64, double>("double/64", 8.0);
    if (errors) {
        printf("%d mismatches\nFAIL template_kernels\n", errors);
        return 1;
    }
    printf("PASS template_kernels\n");
    return 0;
}
