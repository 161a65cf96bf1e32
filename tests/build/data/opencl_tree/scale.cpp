// Second program of the same tree: shares lib/fill.cpp with vecadd, kernels in lib/scale.cl.
#include <cstdio>

#include "cudaport_opencl.h"
#include "lib/fill.h"

int main() {
    cpProgram* prog = cpRegisterProgram("lib/scale.cl", nullptr, nullptr);
    const int n = 256;
    float h[n];
    fill_ramp(h, n, 1.0f);
    float* d = nullptr;
    if (cudaMalloc(&d, sizeof(h)) != cudaSuccess) return 1;
    cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
    float factor = 0.5f;
    float* shifted = d + 16;  // host-side pointer arithmetic works on both shim paths
    cpKernelArg args[] = {{CP_ARG_DEVPTR, &shifted, sizeof(shifted)}, {CP_ARG_VALUE, &factor, sizeof(factor)}};
    if (cpLaunchKernel(prog, "scale", dim3(1), dim3(n - 16), 0, 0, args, 2) != cudaSuccess) return 1;
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < n; ++i) {
        float want = i < 16 ? (float)i : 0.5f * i;
        if (h[i] != want) {
            printf("mismatch at %d: %f\nFAIL scale\n", i, h[i]);
            return 1;
        }
    }
    cudaFree(d);
    printf("PASS scale\n");
    return 0;
}
