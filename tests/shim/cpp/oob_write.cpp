// A kernel that writes one element past the end of its buffer: Oclgrind must report it (proves that the
// Oclgrind checks of the other programs can fail). On PoCL it is not run.
#include "shim_check.h"

static const char* kSource = CP_CL_PREAMBLE R"CL(
__kernel void write_n_plus_one(__global int* p CP_OFF(p), int n) {
    CP_ADJ(__global int*, p)
    int i = get_global_id(0);
    if (i <= n) p[i] = i;
}
)CL";

int main() {
    cpProgram* prog = cpRegisterProgram("oob_write.cl", kSource, "");
    const int n = 16;
    int* d = nullptr;
    CHECK_CUDA(cudaMalloc(&d, n * sizeof(int)));
    cpKernelArg args[] = {cp_ptr(&d), cp_val(&n, sizeof(n))};
    CHECK_CUDA(cpLaunchKernel(prog, "write_n_plus_one", dim3(1), dim3(32), 0, 0, args, 2));
    CHECK_CUDA(cudaDeviceSynchronize());
    CHECK_CUDA(cudaFree(d));
    printf("PASS\n");
    return 0;
}
