// Device properties and attributes are sane, versions, cache/shared-memory configuration no-ops,
// occupancy. With CUDAPORT_OPENCL_DEVICE naming no device (argv[1] = "nodevice"): cudaErrorNoDevice from
// every call, no crash (the one-line message is checked by the pytest side).
#include <cstring>

#include "shim_check.h"

int main(int argc, char** argv) {
    if (argc > 1 && strcmp(argv[1], "nodevice") == 0) {
        int count = 5;
        CHECK_ERR(cudaGetDeviceCount(&count), cudaErrorNoDevice);
        CHECK(count == 0);
        void* p = nullptr;
        CHECK_ERR(cudaMalloc(&p, 16), cudaErrorNoDevice);
        CHECK_ERR(cudaDeviceSynchronize(), cudaErrorNoDevice);
        CHECK_ERR(cudaGetLastError(), cudaErrorNoDevice);
        printf("ok no device\nPASS\n");
        return 0;
    }
    int count = 0, dev = -1;
    CHECK_CUDA(cudaGetDeviceCount(&count));
    CHECK(count == 1);
    CHECK_CUDA(cudaSetDevice(0));
    CHECK_CUDA(cudaGetDevice(&dev));
    CHECK(dev == 0);
    cudaDeviceProp p;
    CHECK_CUDA(cudaGetDeviceProperties(&p, 0));
    printf("device '%s': %zu MiB global, %zu KiB shared/block, %d threads/block (%d,%d,%d), grid (%d,%d,%d), "
           "%d SMs, %d kHz, cc %d.%d, warp %d\n",
           p.name, p.totalGlobalMem >> 20, p.sharedMemPerBlock >> 10, p.maxThreadsPerBlock, p.maxThreadsDim[0],
           p.maxThreadsDim[1], p.maxThreadsDim[2], p.maxGridSize[0], p.maxGridSize[1], p.maxGridSize[2],
           p.multiProcessorCount, p.clockRate, p.major, p.minor, p.warpSize);
    CHECK(strlen(p.name) > 0);
    CHECK(p.totalGlobalMem > (size_t)16 << 20);
    CHECK(p.sharedMemPerBlock >= 16384);
    CHECK(p.maxThreadsPerBlock >= 64);
    CHECK(p.maxThreadsDim[0] >= 1 && p.maxThreadsDim[0] <= p.maxThreadsPerBlock);
    CHECK(p.maxThreadsDim[1] >= 1 && p.maxThreadsDim[2] >= 1);
    CHECK(p.maxGridSize[0] >= 65535 && p.maxGridSize[1] >= 1 && p.maxGridSize[2] >= 1);
    CHECK(p.warpSize == 32);
    CHECK(p.multiProcessorCount >= 1);
    CHECK(p.clockRate >= 0);
    CHECK(p.major >= 3 && p.minor >= 0);
    CHECK(p.totalConstMem >= 1024);
    int v = 0;
    CHECK_CUDA(cudaDeviceGetAttribute(&v, cudaDevAttrWarpSize, 0));
    CHECK(v == 32);
    CHECK_CUDA(cudaDeviceGetAttribute(&v, cudaDevAttrMaxThreadsPerBlock, 0));
    CHECK(v == p.maxThreadsPerBlock);
    CHECK_CUDA(cudaDeviceGetAttribute(&v, cudaDevAttrMultiProcessorCount, 0));
    CHECK(v == p.multiProcessorCount);
    CHECK_CUDA(cudaDeviceGetAttribute(&v, cudaDevAttrComputeCapabilityMajor, 0));
    CHECK(v == p.major);
    CHECK_CUDA(cudaDeviceGetAttribute(&v, cudaDevAttrMaxSharedMemoryPerBlock, 0));
    CHECK((size_t)v == p.sharedMemPerBlock);
    CHECK_ERR(cudaDeviceGetAttribute(&v, (cudaDeviceAttr)100000, 0), cudaErrorInvalidValue);
    CHECK_ERR(cudaGetDeviceProperties(&p, 3), cudaErrorInvalidDevice);
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidDevice);
    int drv = 0, rt = 0;
    CHECK_CUDA(cudaDriverGetVersion(&drv));
    CHECK_CUDA(cudaRuntimeGetVersion(&rt));
    CHECK(drv >= 10000 && rt >= 10000);
    CHECK_CUDA(cudaDeviceSetCacheConfig(cudaFuncCachePreferShared));
    CHECK_CUDA(cudaDeviceSetSharedMemConfig(cudaSharedMemBankSizeEightByte));
    CHECK_CUDA(cudaFuncSetCacheConfig((const void*)&main, cudaFuncCachePreferL1));
    cudaFuncCache cc;
    CHECK_CUDA(cudaDeviceGetCacheConfig(&cc));
    CHECK(cc == cudaFuncCachePreferShared);
    int min_grid = 0, block = 0;
    CHECK_CUDA(cudaOccupancyMaxPotentialBlockSize(&min_grid, &block, main, 0, 0));
    CHECK(block >= 32 && block <= p.maxThreadsPerBlock && block % 32 == 0 && min_grid >= p.multiProcessorCount);
    CHECK_CUDA(cudaOccupancyMaxPotentialBlockSize(&min_grid, &block, main, 0, 96));
    CHECK(block == 96);
    int blocks = 0;
    CHECK_CUDA(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, main, 256, 0));
    CHECK(blocks >= 1);
    // Host-side CUDA types compile and behave as in CUDA.
    dim3 d3(4);
    CHECK(d3.x == 4 && d3.y == 1 && d3.z == 1);
    float4 f4 = make_float4(1, 2, 3, 4);
    CHECK(sizeof(float4) == 16 && alignof(float4) == 16 && f4.w == 4.0f);
    CHECK(sizeof(double2) == 16 && sizeof(int3) == 12 && sizeof(uchar4) == 4 && alignof(int2) == 8);
    printf("ok device properties\nPASS\n");
    return 0;
}
