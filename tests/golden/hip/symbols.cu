// Symbol APIs: the device variable goes through HIP_SYMBOL(); the Async copies get CUDA's default offset
// and direction, which HIP does not default. Compiles with hipcc 5.2.
#include <cuda_runtime.h>
// CHECK-HIP: #include <hip/hip_runtime.h>

__constant__ float c_coef[4];
__device__ int g_count;

__global__ void scale(float *x) { x[threadIdx.x] *= c_coef[threadIdx.x % 4] + g_count; }

int main() {
  float host[4] = {1, 2, 3, 4};
  int count = 0;
  size_t bytes = 0;
  void *addr = nullptr;
  cudaStream_t stream;
  cudaStreamCreate(&stream);
  cudaMemcpyToSymbol(c_coef, host, sizeof(host));
  // CHECK-HIP: hipMemcpyToSymbol(HIP_SYMBOL(c_coef), host, sizeof(host));
  cudaMemcpyToSymbol(c_coef, host, 2 * sizeof(float), 2 * sizeof(float), cudaMemcpyHostToDevice);
  // CHECK-HIP: hipMemcpyToSymbol(HIP_SYMBOL(c_coef), host, 2 * sizeof(float), 2 * sizeof(float), hipMemcpyHostToDevice);
  cudaMemcpyToSymbolAsync(g_count, &count, sizeof(int));
  // CHECK-HIP: hipMemcpyToSymbolAsync(HIP_SYMBOL(g_count), &count, sizeof(int), 0, hipMemcpyHostToDevice, 0);
  cudaMemcpyFromSymbol(&count, g_count, sizeof(int));
  // CHECK-HIP: hipMemcpyFromSymbol(&count, HIP_SYMBOL(g_count), sizeof(int));
  cudaMemcpyFromSymbolAsync(&count, g_count, sizeof(int), 0, cudaMemcpyDeviceToHost, stream);
  // CHECK-HIP: hipMemcpyFromSymbolAsync(&count, HIP_SYMBOL(g_count), sizeof(int), 0, hipMemcpyDeviceToHost, stream);
  cudaGetSymbolAddress(&addr, g_count);
  // CHECK-HIP: hipGetSymbolAddress(&addr, HIP_SYMBOL(g_count));
  cudaGetSymbolSize(&bytes, c_coef);
  // CHECK-HIP: hipGetSymbolSize(&bytes, HIP_SYMBOL(c_coef));
  // cudaMemcpyToSymbol(c_coef, ...) in a comment stays as written
  // CHECK-HIP: // cudaMemcpyToSymbol(c_coef, ...) in a comment stays as written
  cudaStreamDestroy(stream);
  return count + (int)bytes;
}
