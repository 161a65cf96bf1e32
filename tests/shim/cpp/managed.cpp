// Managed memory: host writes, a kernel updates, the host reads after cudaDeviceSynchronize, with no
// copies. argv[1]: "ok" expects it to work (SVM, fine- or coarse-grain fallback), "unsupported" expects
// cudaErrorNotSupported (handle-table path).
#include <cstring>

#include "shim_check.h"

static const char* kSource = CP_CL_PREAMBLE R"CL(
__kernel void square_plus(__global float* v CP_OFF(v), int n, float add) {
    CP_ADJ(__global float*, v)
    int i = get_global_id(0);
    if (i < n) v[i] = v[i] * v[i] + add;
}
)CL";

int main(int argc, char** argv) {
    cpProgram* prog = cpRegisterProgram("managed.cl", kSource, "");
    const int n = 777;
    float* v = nullptr;
    if (argc > 1 && strcmp(argv[1], "unsupported") == 0) {
        CHECK_ERR(cudaMallocManaged(&v, n * sizeof(float)), cudaErrorNotSupported);
        CHECK_ERR(cudaGetLastError(), cudaErrorNotSupported);
        printf("ok managed memory unsupported here\nPASS\n");
        return 0;
    }
    CHECK_CUDA(cudaMallocManaged(&v, n * sizeof(float)));
    cudaPointerAttributes attr;
    CHECK_CUDA(cudaPointerGetAttributes(&attr, v + 3));
    CHECK(attr.type == cudaMemoryTypeManaged);
    for (int i = 0; i < n; ++i) v[i] = (float)(i % 10);
    float add = 1.5f;
    cpKernelArg args[] = {cp_ptr(&v), cp_val(&n, sizeof(n)), cp_val(&add, sizeof(add))};
    CHECK_CUDA(cpLaunchKernel(prog, "square_plus", dim3((n + 127) / 128), dim3(128), 0, 0, args, 3));
    CHECK_CUDA(cudaDeviceSynchronize());
    for (int i = 0; i < n; ++i) CHECK(v[i] == (float)((i % 10) * (i % 10)) + 1.5f);
    // Second round, with pointer arithmetic and a stream.
    cudaStream_t s;
    CHECK_CUDA(cudaStreamCreate(&s));
    float* tail = v + 700;
    int m = n - 700;
    float zero = 0.0f;
    cpKernelArg args2[] = {cp_ptr(&tail), cp_val(&m, sizeof(m)), cp_val(&zero, sizeof(zero))};
    CHECK_CUDA(cpLaunchKernel(prog, "square_plus", dim3(1), dim3(128), 0, s, args2, 3));
    CHECK_CUDA(cudaStreamSynchronize(s));
    for (int i = 0; i < n; ++i) {
        float once = (float)((i % 10) * (i % 10)) + 1.5f;
        CHECK(v[i] == (i >= 700 ? once * once : once));
    }
    // Copies to and from managed memory.
    float h[4] = {9, 8, 7, 6};
    CHECK_CUDA(cudaMemcpy(v, h, sizeof(h), cudaMemcpyHostToDevice));
    float* d = nullptr;
    CHECK_CUDA(cudaMalloc(&d, sizeof(h)));
    CHECK_CUDA(cudaMemcpy(d, v, sizeof(h), cudaMemcpyDefault));
    float back[4] = {0, 0, 0, 0};
    CHECK_CUDA(cudaMemcpy(back, d, sizeof(h), cudaMemcpyDeviceToHost));
    CHECK(back[0] == 9 && back[3] == 6 && v[1] == 8);
    CHECK_CUDA(cudaStreamDestroy(s));
    CHECK_CUDA(cudaFree(d));
    CHECK_CUDA(cudaFree(v));
    printf("ok managed memory\nPASS\n");
    return 0;
}
