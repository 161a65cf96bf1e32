// fast_intrinsics: CUDA's fast approximate single-precision intrinsics, compared with the host's
// double-precision libm under a loose tolerance, plus a softmax-style kernel built from them.
// Covers: __expf, __logf, __sinf, __cosf, __fdividef, __saturatef, __fmul_rn / __fadd_rn (round-to-
// nearest products and sums that the compiler may not contract), a __device__ __forceinline__ helper.
// Check: absolute 2e-3 + relative 2e-3 for the approximate ones (the hardware versions are a few ulp
// off on these ranges, and OpenCL's native_* functions have implementation-defined accuracy);
// __saturatef, __fmul_rn and __fadd_rn exactly (they are correctly rounded).
#include <cstdio>
#include <cstdlib>
#include <cmath>
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

#define NOUT 8

__device__ __forceinline__ float logistic(float x) {
    return __fdividef(1.0f, 1.0f + __expf(-x));
}

// x in [-pi, pi) (where __sinf/__cosf are accurate), y in [0.5, 8).
__global__ void fast_math(const float* x, const float* y, float* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float a = x[i], b = y[i];
        float* o = out + i * NOUT;
        o[0] = __expf(a);
        o[1] = __logf(b);
        o[2] = __sinf(a);
        o[3] = __cosf(a);
        o[4] = __fdividef(a, b);
        o[5] = logistic(a);
        o[6] = __saturatef(a);
        o[7] = __fadd_rn(__fmul_rn(a, b), 1.0f);
    }
}

int main() {
    const int n = 4096;
    const float pi = 3.14159265f;
    std::vector<float> x(n), y(n), out(n * NOUT);
    unsigned int seed = 60606u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        x[i] = ((float)(seed >> 12) / 1048576.0f * 2.0f - 1.0f) * pi;
        seed = seed * 1664525u + 1013904223u;
        y[i] = 0.5f + (float)(seed >> 12) / 1048576.0f * 7.5f;
    }
    float *d_x, *d_y, *d_out;
    CHECK(cudaMalloc(&d_x, n * sizeof(float)));
    CHECK(cudaMalloc(&d_y, n * sizeof(float)));
    CHECK(cudaMalloc(&d_out, n * NOUT * sizeof(float)));
    CHECK(cudaMemcpy(d_x, x.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_y, y.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    fast_math<<<(n + 255) / 256, 256>>>(d_x, d_y, d_out, n);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out.data(), d_out, n * NOUT * sizeof(float), cudaMemcpyDeviceToHost));

    static const char* names[NOUT] = {"__expf", "__logf", "__sinf", "__cosf",
                                      "__fdividef", "logistic", "__saturatef", "__fmul_rn/__fadd_rn"};
    int errors = 0;
    for (int i = 0; i < n; ++i) {
        double a = x[i], b = y[i];
        double ref[NOUT] = {exp(a), log(b), sin(a), cos(a), a / b, 1.0 / (1.0 + exp(-a)),
                            a < 0.0 ? 0.0 : (a > 1.0 ? 1.0 : a), 0.0};
        volatile float prod = x[i] * y[i];  // volatile: keep the host compiler from fusing an FMA
        ref[7] = (double)(prod + 1.0f);
        for (int k = 0; k < NOUT; ++k) {
            double got = out[i * NOUT + k];
            double tol = (k >= 6) ? 0.0 : 2e-3 + 2e-3 * fabs(ref[k]);
            if (fabs(got - ref[k]) > tol) {
                if (errors < 10) printf("%s(x=%g, y=%g) = %.9g, expected %.9g\n", names[k], a, b, got, ref[k]);
                ++errors;
            }
        }
    }
    CHECK(cudaFree(d_x));
    CHECK(cudaFree(d_y));
    CHECK(cudaFree(d_out));
    if (errors) {
        printf("%d mismatches\nFAIL fast_intrinsics\n", errors);
        return 1;
    }
    printf("PASS fast_intrinsics\n");
    return 0;
}
