// Kernel source lookup and build errors. argv[1]: the value the `which` kernel must write: 1 from the
// embedded copy, or whatever a `lookup.cl` file found in $CUDAPORT_KERNEL_PATH / next to the executable /
// in the current directory writes. A program with a syntax error fails with cudaErrorInvalidSource
// (stderr, checked by pytest: the .cl file name and the build log).
#include <cstdlib>

#include "shim_check.h"

static const char* kLookup = CP_CL_PREAMBLE R"CL(
__kernel void which(__global int* out CP_OFF(out)) {
    CP_ADJ(__global int*, out)
    out[0] = 1;
}
)CL";

static const char* kBroken = CP_CL_PREAMBLE R"CL(
__kernel void broken(__global int* out CP_OFF(out)) {
    CP_ADJ(__global int*, out)
    out[0] = undeclared_thing_42;
}
)CL";

int main(int argc, char** argv) {
    CHECK(argc > 1);
    int expected = atoi(argv[1]);
    cpProgram* lookup = cpRegisterProgram("lookup.cl", kLookup, "");
    cpProgram* broken = cpRegisterProgram("broken_kernels.cl", kBroken, "-DSOMETHING=1");
    int* d = nullptr;
    CHECK_CUDA(cudaMalloc(&d, sizeof(int)));
    cpKernelArg args[] = {cp_ptr(&d)};
    CHECK_CUDA(cpLaunchKernel(lookup, "which", dim3(1), dim3(1), 0, 0, args, 1));
    int got = 0;
    CHECK_CUDA(cudaMemcpy(&got, d, sizeof(int), cudaMemcpyDeviceToHost));
    printf("which -> %d\n", got);
    CHECK(got == expected);
    CHECK_ERR(cpLaunchKernel(broken, "broken", dim3(1), dim3(1), 0, 0, args, 1), cudaErrorInvalidSource);
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidSource);
    CHECK_ERR(cpLaunchKernel(broken, "broken", dim3(1), dim3(1), 0, 0, args, 1), cudaErrorInvalidSource);
    // A failed build is not sticky: the working program still runs.
    CHECK_CUDA(cudaGetLastError() == cudaErrorInvalidSource ? cudaSuccess : cudaErrorUnknown);
    CHECK_CUDA(cpLaunchKernel(lookup, "which", dim3(1), dim3(1), 0, 0, args, 1));
    CHECK_CUDA(cudaDeviceSynchronize());
    CHECK_CUDA(cudaFree(d));
    printf("PASS\n");
    return 0;
}
