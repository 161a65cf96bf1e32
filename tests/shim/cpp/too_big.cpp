// An allocation past the device's largest single allocation (CL_DEVICE_MAX_MEM_ALLOC_SIZE, reported as
// cudaDeviceProp::memPitch), which CUDA would make. argv[1] "host": it succeeds (PoCL's CPU device, SVM path:
// host memory) and copies, memsets and kernels work at its far end; "refused": cudaErrorMemoryAllocation with
// a null pointer (the shim names it on stderr). An allocation that fits works afterwards either way.
#include <cstring>

#include "shim_check.h"

static const char* kSource = CP_CL_PREAMBLE R"CL(
__kernel void add_index(__global int* p CP_OFF(p), ulong first) {
    CP_ADJ(__global int*, p)
    p[first + get_global_id(0)] += (int)get_global_id(0);
}
)CL";

int main(int argc, char** argv) {
    cudaDeviceProp prop;
    CHECK_CUDA(cudaGetDeviceProperties(&prop, 0));
    CHECK(prop.memPitch > 0);
    const size_t bytes = prop.memPitch + 4096;
    int* p = (int*)&prop;
    if (argc > 1 && strcmp(argv[1], "refused") == 0) {
        CHECK_ERR(cudaMalloc(&p, bytes), cudaErrorMemoryAllocation);
        CHECK(p == nullptr);
        CHECK_ERR(cudaGetLastError(), cudaErrorMemoryAllocation);
    } else {
        cpProgram* prog = cpRegisterProgram("too_big.cl", kSource, "");
        CHECK_CUDA(cudaMalloc(&p, bytes));
        const int n = 256;
        unsigned long first = bytes / sizeof(int) - n;  // the last n ints, past the limit
        int h[n];
        for (int i = 0; i < n; ++i) h[i] = 100;
        CHECK_CUDA(cudaMemset(p + first, 0, n * sizeof(int)));
        CHECK_CUDA(cudaMemcpy(p + first + n / 2, h, n / 2 * sizeof(int), cudaMemcpyHostToDevice));
        cpKernelArg args[] = {cp_ptr(&p), cp_val(&first, sizeof(first))};
        CHECK_CUDA(cpLaunchKernel(prog, "add_index", dim3(n / 64), dim3(64), 0, 0, args, 2));
        CHECK_CUDA(cudaMemcpy(h, p + first, sizeof(h), cudaMemcpyDeviceToHost));
        for (int i = 0; i < n; ++i) CHECK(h[i] == (i < n / 2 ? 0 : 100) + i);
        cudaPointerAttributes attr;
        CHECK_CUDA(cudaPointerGetAttributes(&attr, p + first));
        CHECK(attr.type == cudaMemoryTypeDevice);
        CHECK_CUDA(cudaFree(p));
    }
    CHECK_CUDA(cudaMalloc(&p, 1 << 20));
    CHECK(p != nullptr);
    CHECK_CUDA(cudaFree(p));
    printf("ok too big\nPASS\n");
    return 0;
}
