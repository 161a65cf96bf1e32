// An allocation past the device's largest single allocation (CL_DEVICE_MAX_MEM_ALLOC_SIZE, reported as
// cudaDeviceProp::memPitch) returns cudaErrorMemoryAllocation with a null pointer and says so on stderr;
// one that fits still works afterwards.
#include "shim_check.h"

int main() {
    cudaDeviceProp prop;
    CHECK_CUDA(cudaGetDeviceProperties(&prop, 0));
    CHECK(prop.memPitch > 0);
    void* p = (void*)&prop;
    CHECK_ERR(cudaMalloc(&p, prop.memPitch + 4096), cudaErrorMemoryAllocation);
    CHECK(p == nullptr);
    CHECK_ERR(cudaGetLastError(), cudaErrorMemoryAllocation);
    CHECK_CUDA(cudaMalloc(&p, 1 << 20));
    CHECK(p != nullptr);
    CHECK_CUDA(cudaFree(p));
    printf("ok too big\nPASS\n");
    return 0;
}
