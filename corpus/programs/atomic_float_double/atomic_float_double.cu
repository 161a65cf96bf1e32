// atomic_float_double: floating-point atomics. Every thread adds its value into one of 16 bins and
// into a grand total, in float and in double, plus a float atomicExch.
// Covers: atomicAdd(float*, float), atomicAdd(double*, double) (sm_60+), atomicExch(float*, float),
// atomics on __shared__ float (block-local bins flushed to global), double inputs and outputs.
// Check: two input sets. "dyadic" values are multiples of 1/64 with small magnitude, so every partial
// sum is exact in float: compared exactly. "random" values in [-1, 1): relative tolerance 1e-4 for
// float (summation order differs between runs; bins of 256 terms near 0 need the absolute floor 2e-3)
// and 1e-12 for double with absolute floor 1e-12; the reference sums in double.
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

#define NBINS 16

__global__ void bin_sums(const float* fx, const double* dx, int n, float* fbins, double* dbins,
                         float* ftotal, double* dtotal, float* last_seen) {
    __shared__ float local_bins[NBINS];
    if (threadIdx.x < NBINS) local_bins[threadIdx.x] = 0.0f;
    __syncthreads();
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        atomicAdd(&local_bins[i % NBINS], fx[i]);
        atomicAdd(&dbins[i % NBINS], dx[i]);
        atomicAdd(ftotal, fx[i]);
        atomicAdd(dtotal, dx[i]);
        atomicExch(last_seen, fx[i]);
    }
    __syncthreads();
    if (threadIdx.x < NBINS) atomicAdd(&fbins[threadIdx.x], local_bins[threadIdx.x]);
}

struct Result {
    std::vector<float> fbins;
    std::vector<double> dbins;
    float ftotal, last_seen;
    double dtotal;
};

static Result run(const std::vector<float>& fx, const std::vector<double>& dx) {
    int n = (int)fx.size();
    float *d_fx, *d_fbins, *d_ftotal, *d_last;
    double *d_dx, *d_dbins, *d_dtotal;
    CHECK(cudaMalloc(&d_fx, n * sizeof(float)));
    CHECK(cudaMalloc(&d_dx, n * sizeof(double)));
    CHECK(cudaMalloc(&d_fbins, NBINS * sizeof(float)));
    CHECK(cudaMalloc(&d_dbins, NBINS * sizeof(double)));
    CHECK(cudaMalloc(&d_ftotal, sizeof(float)));
    CHECK(cudaMalloc(&d_dtotal, sizeof(double)));
    CHECK(cudaMalloc(&d_last, sizeof(float)));
    CHECK(cudaMemcpy(d_fx, fx.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_dx, dx.data(), n * sizeof(double), cudaMemcpyHostToDevice));
    CHECK(cudaMemset(d_fbins, 0, NBINS * sizeof(float)));  // all-zero bytes are 0.0 in IEEE 754
    CHECK(cudaMemset(d_dbins, 0, NBINS * sizeof(double)));
    CHECK(cudaMemset(d_ftotal, 0, sizeof(float)));
    CHECK(cudaMemset(d_dtotal, 0, sizeof(double)));
    float minus_one = -1.0f;
    CHECK(cudaMemcpy(d_last, &minus_one, sizeof(float), cudaMemcpyHostToDevice));

    bin_sums<<<(n + 127) / 128, 128>>>(d_fx, d_dx, n, d_fbins, d_dbins, d_ftotal, d_dtotal, d_last);
    CHECK(cudaGetLastError());

    Result r;
    r.fbins.resize(NBINS);
    r.dbins.resize(NBINS);
    CHECK(cudaMemcpy(r.fbins.data(), d_fbins, NBINS * sizeof(float), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(r.dbins.data(), d_dbins, NBINS * sizeof(double), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(&r.ftotal, d_ftotal, sizeof(float), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(&r.dtotal, d_dtotal, sizeof(double), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(&r.last_seen, d_last, sizeof(float), cudaMemcpyDeviceToHost));
    CHECK(cudaFree(d_fx));
    CHECK(cudaFree(d_dx));
    CHECK(cudaFree(d_fbins));
    CHECK(cudaFree(d_dbins));
    CHECK(cudaFree(d_ftotal));
    CHECK(cudaFree(d_dtotal));
    CHECK(cudaFree(d_last));
    return r;
}

static int compare(const char* what, double got, double expect, double rtol, double atol) {
    if (fabs(got - expect) > atol + rtol * fabs(expect)) {
        printf("%s: got %.17g expected %.17g\n", what, got, expect);
        return 1;
    }
    return 0;
}

static int check(const char* set, const std::vector<float>& fx, const std::vector<double>& dx,
                 const Result& r, double frtol, double fatol, double drtol, double datol) {
    int errors = 0;
    std::vector<double> fexp(NBINS, 0.0), dexp(NBINS, 0.0);
    double ftot = 0.0, dtot = 0.0;
    for (size_t i = 0; i < fx.size(); ++i) {
        fexp[i % NBINS] += fx[i];
        dexp[i % NBINS] += dx[i];
        ftot += fx[i];
        dtot += dx[i];
    }
    char what[64];
    for (int b = 0; b < NBINS; ++b) {
        snprintf(what, sizeof what, "%s float bin %d", set, b);
        errors += compare(what, r.fbins[b], fexp[b], frtol, fatol);
        snprintf(what, sizeof what, "%s double bin %d", set, b);
        errors += compare(what, r.dbins[b], dexp[b], drtol, datol);
    }
    snprintf(what, sizeof what, "%s float total", set);
    errors += compare(what, r.ftotal, ftot, frtol, fatol);
    snprintf(what, sizeof what, "%s double total", set);
    errors += compare(what, r.dtotal, dtot, drtol, datol);
    bool found = false;  // atomicExch leaves one of the inputs
    for (size_t i = 0; i < fx.size(); ++i) found = found || fx[i] == r.last_seen;
    if (!found) {
        printf("%s: atomicExch left %f, which is no input value\n", set, r.last_seen);
        ++errors;
    }
    return errors;
}

int main() {
    const int n = 4096;
    std::vector<float> fx(n);
    std::vector<double> dx(n);
    unsigned int seed = 8080u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        int k = (int)(seed >> 22) - 512;  // [-512, 511]
        fx[i] = (float)k / 64.0f;
        dx[i] = (double)k / 64.0;
    }
    int errors = check("dyadic", fx, dx, run(fx, dx), 0.0, 0.0, 0.0, 0.0);

    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        fx[i] = (float)(seed >> 8) / 8388608.0f - 1.0f;
        seed = seed * 1664525u + 1013904223u;
        dx[i] = (double)seed / 2147483648.0 - 1.0;
    }
    errors += check("random", fx, dx, run(fx, dx), 1e-4, 2e-3, 1e-12, 1e-12);
    if (errors) {
        printf("FAIL atomic_float_double\n");
        return 1;
    }
    printf("PASS atomic_float_double\n");
    return 0;
}
