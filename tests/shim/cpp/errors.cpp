// CUDA error semantics: cudaGetLastError returns and clears a non-sticky error, cudaPeekAtLastError does
// not clear; launch errors are returned and recorded; a device fault is sticky (every call returns it)
// until cudaDeviceReset; names and strings of error codes.
#include <cstring>

#include "shim_check.h"

static const char* kSource = CP_CL_PREAMBLE R"CL(
__kernel void set_one(__global int* p CP_OFF(p)) {
    CP_ADJ(__global int*, p)
    p[get_global_id(0)] = 1;
}
)CL";

int main() {
    cpProgram* prog = cpRegisterProgram("errors.cl", kSource, nullptr);
    CHECK(strcmp(cudaGetErrorName(cudaErrorInvalidValue), "cudaErrorInvalidValue") == 0);
    CHECK(strcmp(cudaGetErrorString(cudaSuccess), "no error") == 0);
    CHECK(strlen(cudaGetErrorString(cudaErrorMemoryAllocation)) > 0);
    CHECK(cudaGetLastError() == cudaSuccess);

    // Non-sticky: recorded, peeked without clearing, cleared by cudaGetLastError.
    CHECK_ERR(cudaSetDevice(7), cudaErrorInvalidDevice);
    CHECK_ERR(cudaPeekAtLastError(), cudaErrorInvalidDevice);
    CHECK_ERR(cudaPeekAtLastError(), cudaErrorInvalidDevice);
    int* d = nullptr;
    CHECK_CUDA(cudaMalloc(&d, 64 * sizeof(int)));  // a successful call does not clear the last error
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidDevice);
    CHECK_ERR(cudaGetLastError(), cudaSuccess);
    CHECK_ERR(cudaPeekAtLastError(), cudaSuccess);
    // The last error is the most recent one.
    CHECK_ERR(cudaMemcpy(d, d, 4, (cudaMemcpyKind)9), cudaErrorInvalidMemcpyDirection);
    CHECK_ERR(cudaFree((void*)0x1234), cudaErrorInvalidValue);
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidValue);
    printf("ok non-sticky errors\n");

    // Launch errors: bad configuration, unknown kernel, wrong argument count.
    cpKernelArg args[] = {cp_ptr(&d)};
    CHECK_ERR(cpLaunchKernel(prog, "set_one", dim3(0), dim3(64), 0, 0, args, 1), cudaErrorInvalidConfiguration);
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidConfiguration);
    CHECK_ERR(cpLaunchKernel(prog, "set_one", dim3(1), dim3(1 << 20), 0, 0, args, 1), cudaErrorInvalidConfiguration);
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidConfiguration);
    CHECK_ERR(cpLaunchKernel(prog, "no_such_kernel", dim3(1), dim3(64), 0, 0, args, 1),
              cudaErrorInvalidDeviceFunction);
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidDeviceFunction);
    CHECK_ERR(cpLaunchKernel(prog, "set_one", dim3(1), dim3(64), 0, 0, args, 0), cudaErrorInvalidValue);
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidValue);
    CHECK_ERR(cpLaunchKernel(prog, "set_one", dim3(1), dim3(64), 0, (cudaStream_t)0x999, args, 1),
              cudaErrorInvalidResourceHandle);
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidResourceHandle);
    CHECK_CUDA(cpLaunchKernel(prog, "set_one", dim3(1), dim3(64), 0, 0, args, 1));
    CHECK_CUDA(cudaDeviceSynchronize());
    CHECK_ERR(cudaGetLastError(), cudaSuccess);
    printf("ok launch errors\n");

    // Sticky: after a device fault every call returns it, cudaGetLastError does not clear it.
    cpSimulateDeviceFault(cudaErrorLaunchFailure);
    CHECK_ERR(cudaGetLastError(), cudaErrorLaunchFailure);
    CHECK_ERR(cudaGetLastError(), cudaErrorLaunchFailure);
    CHECK_ERR(cudaPeekAtLastError(), cudaErrorLaunchFailure);
    CHECK_ERR(cudaDeviceSynchronize(), cudaErrorLaunchFailure);
    void* p2 = nullptr;
    CHECK_ERR(cudaMalloc(&p2, 16), cudaErrorLaunchFailure);
    CHECK_ERR(cpLaunchKernel(prog, "set_one", dim3(1), dim3(64), 0, 0, args, 1), cudaErrorLaunchFailure);
    // cudaDeviceReset clears it; device memory from before the reset is gone.
    CHECK_CUDA(cudaDeviceReset());
    CHECK_ERR(cudaGetLastError(), cudaSuccess);
    CHECK_CUDA(cudaMalloc(&d, 64 * sizeof(int)));
    CHECK_CUDA(cpLaunchKernel(prog, "set_one", dim3(1), dim3(64), 0, 0, args, 1));
    int h[64];
    CHECK_CUDA(cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost));
    for (int i = 0; i < 64; ++i) CHECK(h[i] == 1);
    CHECK_CUDA(cudaFree(d));
    printf("ok sticky errors\nPASS\n");
    return 0;
}
