// Hand-written stand-in for `cudaport translate --to opencl` output: host code calling the shim, kernels in
// vecadd.cl, a helper from lib/fill.cpp (a unit without main, linked into every program).
#include <cstdio>
#include <vector>

#include "cudaport_opencl.h"
#include "lib/fill.h"

static cpProgram* cp_program() {
    static cpProgram* p = cpRegisterProgram("vecadd.cl", nullptr, nullptr);
    return p;
}

int main() {
    const int n = 1000;
    std::vector<float> a(n), b(n), c(n);
    fill_ramp(a.data(), n, 1.0f);
    fill_ramp(b.data(), n, 2.0f);
    float *da, *db, *dc;
    if (cudaMalloc(&da, n * sizeof(float)) || cudaMalloc(&db, n * sizeof(float)) || cudaMalloc(&dc, n * sizeof(float)))
        return 1;
    cudaMemcpy(da, a.data(), n * sizeof(float), cudaMemcpyHostToDevice);
    cudaMemcpy(db, b.data(), n * sizeof(float), cudaMemcpyHostToDevice);
    cpKernelArg args[] = {{CP_ARG_DEVPTR, &da, sizeof(da)}, {CP_ARG_DEVPTR, &db, sizeof(db)},
                          {CP_ARG_DEVPTR, &dc, sizeof(dc)}, {CP_ARG_VALUE, &n, sizeof(n)}};
    if (cpLaunchKernel(cp_program(), "vecadd", dim3((n + 127) / 128), dim3(128), 0, 0, args, 4) != cudaSuccess) {
        printf("launch failed: %s\n", cudaGetErrorString(cudaGetLastError()));
        return 1;
    }
    cudaMemcpy(c.data(), dc, n * sizeof(float), cudaMemcpyDeviceToHost);
    for (int i = 0; i < n; ++i) {
        if (c[i] != 3.0f * i) {
            printf("mismatch at %d: %f\nFAIL vecadd\n", i, c[i]);
            return 1;
        }
    }
    cudaFree(da);
    cudaFree(db);
    cudaFree(dc);
    printf("PASS vecadd\n");
    return 0;
}
