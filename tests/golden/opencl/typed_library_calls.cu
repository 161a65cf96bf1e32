// Library calls in device code take the function their argument types select (clang's resolution), not the
// one their spelling names: OpenCL C's abs is integer-only and returns uint, its min/max need equal types.
#include <cuda_runtime.h>
#include <limits>
#include <algorithm>
template <typename T> __device__ T largest(const T* x, int n) {
  T best = std::numeric_limits<T>::lowest();
  for (int i = 0; i < n; ++i) best = std::max<T>(best, x[i]);
  return best;
}
__global__ void k(const float* f, const int* a, float* out, int* iout, unsigned u, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float x = f[i], y = -f[i];
  std::swap(x, y);
  out[i] = abs(x) + max(x, 0.5) + std::min(x, y) + std::numeric_limits<float>::max() + largest(f, n);
  iout[i] = abs(a[i]) + min(a[i], u) + std::min<int>(a[i], 2) + std::numeric_limits<int>::min();
}
void run(const float* f, const int* a, float* out, int* iout, int n) { k<<<1, 64>>>(f, a, out, iout, 3u, n); }
// CHECK-OPENCL: cudaError_t cp_launch_k(
// CHECK-OPENCL: void run(const float* f, const int* a, float* out, int* iout, int n) { cp_launch_k(1, 64, 0, 0, f, a, out, iout, 3u, n); }
// CHECK-OPENCL-CL: CP_OVL float cp_limits_lowest(float cp_t) { return ((float)(-FLT_MAX)); }
// CHECK-OPENCL-CL: __kernel void k(
// CHECK-OPENCL-CL: do { float cp_swap_t = x; x = y; y = cp_swap_t; } while (0);
// CHECK-OPENCL-CL: out[i] = fabs(x) + fmax(((double)(x)), 0.5) + fmin(x, y) + ((float)(FLT_MAX)) + largest(f, n);
// CHECK-OPENCL-CL: iout[i] = ((int)abs(a[i])) + min(((uint)(a[i])), u) + min(a[i], 2) + ((int)(INT_MIN));
// CHECK-OPENCL-CL-NOT: numeric_limits<
// CHECK-OPENCL-CL: float best = cp_limits_lowest((float)0);
// CHECK-OPENCL-CL: best = max(best, x[i]);
