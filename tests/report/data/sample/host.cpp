// Host-only C++ that uses the CUDA runtime: found as CUDA by its names, not its extension.
#include <cuda_runtime.h>
#include <cstdio>

void report_devices()
{
    int count = 0;
    cudaGetDeviceCount(&count);
    std::printf("cudaGetDeviceCount says %d\n", count);
}
