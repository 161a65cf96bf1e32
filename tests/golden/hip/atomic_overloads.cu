// Atomic overloads that HIP defines and CUDA lacks: a user definition of one (atomicMax on double) would be a
// redefinition for hipcc, so it is renamed and the calls use HIP's; overloads CUDA has are left alone.
#include <cuda_runtime.h>

__device__ __forceinline__ double atomicMax(double *address, double val) {
// CHECK-HIP: HIP defines this overload itself; this one is renamed and calls use HIP's (atomic, returns the old value) */ cudaport_user_atomicMax(double *address, double val) {
  unsigned long long *p = (unsigned long long *)address;
  unsigned long long old = *p, assumed;
  do {
    assumed = old;
    old = atomicCAS(p, assumed, __double_as_longlong(fmax(val, __longlong_as_double(assumed))));
  } while (assumed != old);
  return __longlong_as_double(old);
}

__device__ float atomicMin(const float *address, float val);
// CHECK-HIP: atomicMin(float*, ...): HIP defines this overload itself; this one is renamed and calls use HIP's (atomic, returns the old value) */ cudaport_user_atomicMin(const float *address, float val);

__device__ int atomicMaxInt(int *address, int val) { return atomicMax(address, val); }
// CHECK-HIP: __device__ int atomicMaxInt(int *address, int val) { return atomicMax(address, val); }

__global__ void reduce(double *out, const double *in) {
  atomicMax(out, in[threadIdx.x]);
  // CHECK-HIP: atomicMax(out, in[threadIdx.x]);
}
