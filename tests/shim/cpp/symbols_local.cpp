// __constant__ and __device__ symbols (cudaMemcpyToSymbol then a kernel reads it, a kernel writes a
// __device__ variable read back with cudaMemcpyFromSymbol, cudaGetSymbolAddress used as a device pointer)
// and dynamic local memory (a block reduction through a CP_ARG_LOCAL buffer). Both pointer paths.
#include <cstring>
#include <vector>

#include "shim_check.h"

// Host shadows of the symbols, as the emitter leaves them in host code.
__constant__ float c_coef[4] = {1.0f, 2.0f, 3.0f, 4.0f};
__constant__ int c_offset;
__device__ int d_counter = 40;

static const char* kSource = CP_CL_PREAMBLE R"CL(
__kernel void poly(__global float* out CP_OFF(out), __global const float* x CP_OFF(x), int n,
                   __constant float* c_coef CP_OFF(c_coef), __constant int* c_offset CP_OFF(c_offset)) {
    CP_ADJ(__global float*, out)
    CP_ADJ(__global const float*, x)
    CP_ADJC(__constant float*, c_coef)
    CP_ADJC(__constant int*, c_offset)
    int i = get_global_id(0);
    if (i < n) {
        float v = x[i];
        out[i] = c_coef[0] + v * (c_coef[1] + v * (c_coef[2] + v * c_coef[3])) + (float)(*c_offset);
    }
}
__kernel void bump(__global int* d_counter CP_OFF(d_counter), int by) {
    CP_ADJ(__global int*, d_counter)
    if (get_global_id(0) == 0) *d_counter += by;
}
__kernel void block_sum(__global const int* in CP_OFF(in), __global int* out CP_OFF(out), int n,
                        __local int* scratch) {
    CP_ADJ(__global const int*, in)
    CP_ADJ(__global int*, out)
    int lid = get_local_id(0), i = get_global_id(0), bs = get_local_size(0);
    scratch[lid] = i < n ? in[i] : 0;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = bs / 2; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] += scratch[lid + s];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) out[get_group_id(0)] = scratch[0];
}
)CL";

static cpProgram* g_prog;

int main() {
    cpRegisterSymbol(c_coef, sizeof(c_coef), "c_coef");
    cpRegisterSymbol(&c_offset, sizeof(c_offset), "c_offset");
    cpRegisterSymbol(&d_counter, sizeof(d_counter), "d_counter");
    g_prog = cpRegisterProgram("symbols_local.cl", kSource, "");

    const int n = 300;
    std::vector<float> x(n), out(n);
    for (int i = 0; i < n; ++i) x[i] = (float)(i % 7) * 0.25f;
    float *d_x, *d_out;
    CHECK_CUDA(cudaMalloc(&d_x, n * sizeof(float)));
    CHECK_CUDA(cudaMalloc(&d_out, n * sizeof(float)));
    CHECK_CUDA(cudaMemcpy(d_x, x.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    size_t sz = 0;
    CHECK_CUDA(cudaGetSymbolSize(&sz, c_coef));
    CHECK(sz == sizeof(c_coef));

    // c_coef keeps its initialiser; c_offset is set by copy (scalar symbol: C++ reference overload).
    int off = 5;
    CHECK_CUDA(cudaMemcpyToSymbol(c_offset, &off, sizeof(off)));
    // Only the last two coefficients change (offset argument).
    float tail[2] = {-1.0f, 0.5f};
    CHECK_CUDA(cudaMemcpyToSymbol(c_coef, tail, sizeof(tail), 2 * sizeof(float), cudaMemcpyHostToDevice));
    cpKernelArg args[] = {cp_ptr(&d_out), cp_ptr(&d_x), cp_val(&n, sizeof(n)), cp_sym(c_coef), cp_sym(&c_offset)};
    CHECK_CUDA(cpLaunchKernel(g_prog, "poly", dim3((n + 63) / 64), dim3(64), 0, 0, args, 5));
    CHECK_CUDA(cudaMemcpy(out.data(), d_out, n * sizeof(float), cudaMemcpyDeviceToHost));
    for (int i = 0; i < n; ++i) {
        float v = x[i];
        float expect = 1.0f + v * (2.0f + v * (-1.0f + v * 0.5f)) + 5.0f;
        CHECK(std::fabs(out[i] - expect) <= 1e-5f * (1.0f + std::fabs(expect)));
    }
    float coef_back[4];
    CHECK_CUDA(cudaMemcpyFromSymbol(coef_back, c_coef, sizeof(coef_back)));
    CHECK(coef_back[0] == 1.0f && coef_back[1] == 2.0f && coef_back[2] == -1.0f && coef_back[3] == 0.5f);
    CHECK(c_coef[2] == 3.0f);  // the host shadow is not the device copy
    printf("ok constant symbols\n");

    // A kernel updates a __device__ variable; read back by symbol and through its device address.
    int by = 2;
    cpKernelArg bargs[] = {cp_sym(&d_counter), cp_val(&by, sizeof(by))};
    CHECK_CUDA(cpLaunchKernel(g_prog, "bump", dim3(1), dim3(1), 0, 0, bargs, 2));
    CHECK_CUDA(cpLaunchKernel(g_prog, "bump", dim3(1), dim3(1), 0, 0, bargs, 2));
    int counter = 0;
    CHECK_CUDA(cudaMemcpyFromSymbol(&counter, d_counter, sizeof(int)));
    CHECK(counter == 44);
    int* counter_ptr = nullptr;
    CHECK_CUDA(cudaGetSymbolAddress((void**)&counter_ptr, d_counter));
    cpKernelArg pargs[] = {cp_ptr(&counter_ptr), cp_val(&by, sizeof(by))};
    CHECK_CUDA(cpLaunchKernel(g_prog, "bump", dim3(1), dim3(1), 0, 0, pargs, 2));
    CHECK_CUDA(cudaMemcpy(&counter, counter_ptr, sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(counter == 46);
    cudaStream_t s;
    CHECK_CUDA(cudaStreamCreate(&s));
    int seven = 7;
    CHECK_CUDA(cudaMemcpyToSymbolAsync(d_counter, &seven, sizeof(int), 0, cudaMemcpyHostToDevice, s));
    CHECK_CUDA(cudaMemcpyFromSymbolAsync(&counter, d_counter, sizeof(int), 0, cudaMemcpyDeviceToHost, s));
    CHECK_CUDA(cudaStreamSynchronize(s));
    CHECK(counter == 7);
    CHECK_ERR(cudaMemcpyToSymbol(d_counter, &seven, sizeof(int), 4), cudaErrorInvalidValue);
    CHECK_ERR(cudaMemcpyToSymbol((const void*)&seven, &seven, sizeof(int)), cudaErrorInvalidSymbol);
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidSymbol);
    printf("ok device symbols\n");

    // Dynamic local memory: block sums with a __local buffer of blockDim ints.
    const int m = 1000, bs = 128, nb = (m + bs - 1) / bs;
    std::vector<int> h(m), sums(nb);
    for (int i = 0; i < m; ++i) h[i] = i % 13 - 4;
    int *d_in, *d_sums;
    CHECK_CUDA(cudaMalloc(&d_in, m * sizeof(int)));
    CHECK_CUDA(cudaMalloc(&d_sums, nb * sizeof(int)));
    CHECK_CUDA(cudaMemcpyAsync(d_in, h.data(), m * sizeof(int), cudaMemcpyHostToDevice, s));
    size_t shmem = bs * sizeof(int);
    cpKernelArg rargs[] = {cp_ptr(&d_in), cp_ptr(&d_sums), cp_val(&m, sizeof(m)), cp_local(shmem)};
    CHECK_CUDA(cpLaunchKernel(g_prog, "block_sum", dim3(nb), dim3(bs), shmem, s, rargs, 4));
    CHECK_CUDA(cudaMemcpyAsync(sums.data(), d_sums, nb * sizeof(int), cudaMemcpyDeviceToHost, s));
    CHECK_CUDA(cudaStreamSynchronize(s));
    for (int b = 0; b < nb; ++b) {
        int expect = 0;
        for (int i = b * bs; i < (b + 1) * bs && i < m; ++i) expect += h[i];
        CHECK(sums[b] == expect);
    }
    // Size 0 in the argument means "the launch's dynamic shared memory size".
    cpKernelArg rargs0[] = {cp_ptr(&d_in), cp_ptr(&d_sums), cp_val(&m, sizeof(m)), cp_local(0)};
    CHECK_CUDA(cudaMemset(d_sums, 0, nb * sizeof(int)));
    CHECK_CUDA(cpLaunchKernel(g_prog, "block_sum", dim3(nb), dim3(bs), shmem, 0, rargs0, 4));
    std::vector<int> sums2(nb);
    CHECK_CUDA(cudaMemcpy(sums2.data(), d_sums, nb * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(sums2 == sums);
    printf("ok dynamic local memory\n");

    CHECK_CUDA(cudaStreamDestroy(s));
    CHECK_CUDA(cudaFree(d_x));
    CHECK_CUDA(cudaFree(d_out));
    CHECK_CUDA(cudaFree(d_in));
    CHECK_CUDA(cudaFree(d_sums));
    printf("PASS\n");
    return 0;
}
