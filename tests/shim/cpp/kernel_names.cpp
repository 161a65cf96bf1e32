// Kernel names are looked up by their text, not by the address of the name: the same buffer holding
// different names, temporary std::strings and two programs with a kernel of the same name must each
// launch the kernel they name (the cache of the last launched kernel once compared pointers).
#include <cstring>
#include <string>

#include "shim_check.h"

static const char* kFirst = CP_CL_PREAMBLE R"CL(
__kernel void put(__global int* out CP_OFF(out), int v) { CP_ADJ(__global int*, out) out[0] = v; }
__kernel void put_twice(__global int* out CP_OFF(out), int v) { CP_ADJ(__global int*, out) out[0] = 2 * v; }
)CL";

static const char* kSecond = CP_CL_PREAMBLE R"CL(
__kernel void put(__global int* out CP_OFF(out), int v) { CP_ADJ(__global int*, out) out[0] = 100 + v; }
)CL";

static int launch(cpProgram* prog, const char* name, int* d, int v) {
    cpKernelArg args[] = {cp_ptr(&d), cp_val(&v, sizeof(v))};
    CHECK_CUDA(cpLaunchKernel(prog, name, dim3(1), dim3(1), 0, 0, args, 2));
    int got = -1;
    CHECK_CUDA(cudaMemcpy(&got, d, sizeof(int), cudaMemcpyDeviceToHost));
    return got;
}

int main() {
    cpProgram* first = cpRegisterProgram("kernel_names_first.cl", kFirst, "");
    cpProgram* second = cpRegisterProgram("kernel_names_second.cl", kSecond, "");
    int* d = nullptr;
    CHECK_CUDA(cudaMalloc(&d, sizeof(int)));
    char buf[32];
    for (int round = 0; round < 3; ++round) {
        strcpy(buf, "put");
        CHECK(launch(first, buf, d, 5) == 5);
        strcpy(buf, "put_twice");  // same address, other kernel
        CHECK(launch(first, buf, d, 5) == 10);
        CHECK(launch(first, std::string("put").c_str(), d, 7) == 7);
        CHECK(launch(first, std::string("put_twice").c_str(), d, 7) == 14);
        strcpy(buf, "put");
        CHECK(launch(second, buf, d, 1) == 101);  // same name, other program
        CHECK(launch(first, buf, d, 1) == 1);
    }
    strcpy(buf, "missing");
    int v = 0;
    cpKernelArg args[] = {cp_ptr(&d), cp_val(&v, sizeof(v))};
    CHECK_ERR(cpLaunchKernel(first, buf, dim3(1), dim3(1), 0, 0, args, 2), cudaErrorInvalidDeviceFunction);
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidDeviceFunction);
    CHECK_CUDA(cudaFree(d));
    printf("PASS\n");
    return 0;
}
