// Device functions and kernels of one name in different namespaces stay apart in the flat .cl: each gets a name
// derived from its qualified name, and each call (launch) the one clang resolved it to (with `using namespace`
// and inside the namespace too). A name no other device function shares stays as written.
#include <cuda_runtime.h>
namespace lin { __device__ float step(float x) { return x + 1.0f; } }
namespace quad {
__device__ double step(double x) { return x * x; }
__device__ double twice(double x) { return step(step(x)); }
}
namespace only { __device__ int unique_name(int v) { return v + 7; } }
using namespace lin;
__global__ void k(float* d, double* e, int* f) {
  d[0] = lin::step(d[0]) + step(1.0f);
  e[0] = quad::step(2.0f) + quad::twice(e[0]);
  f[0] = only::unique_name(f[0]);
}
namespace one { __global__ void fill(int* f) { f[0] = 1; } }
namespace two { __global__ void fill(int* f) { f[0] = 2; } }
void run(float* d, double* e, int* f) { k<<<1, 1>>>(d, e, f); one::fill<<<1, 1>>>(f); two::fill<<<1, 1>>>(f); }
// CHECK-OPENCL: /* cudaport: __device__ function lin__step is in namespaces.cl */
// CHECK-OPENCL: namespace one { /* cudaport: kernel fill is in namespaces.cl; launches call this stub */
// CHECK-OPENCL: return cpLaunchKernel(cp_program_namespaces(), "one__fill",
// CHECK-OPENCL: return cpLaunchKernel(cp_program_namespaces(), "two__fill",
// CHECK-OPENCL: one::cp_launch_fill(1, 1, 0, 0, f); two::cp_launch_fill(1, 1, 0, 0, f);
// CHECK-OPENCL-CL: static CP_OVL float lin__step(float x);
// CHECK-OPENCL-CL: d[0] = lin__step(d[0]) + lin__step(1.0f);
// CHECK-OPENCL-CL: e[0] = quad__step(2.0f) + twice(e[0]);
// CHECK-OPENCL-CL: f[0] = unique_name(f[0]);
// CHECK-OPENCL-CL: __kernel void one__fill(
// CHECK-OPENCL-CL: __kernel void two__fill(
// CHECK-OPENCL-CL: static CP_OVL double quad__step(double x) { return x * x; }
// CHECK-OPENCL-CL: static CP_OVL double twice(double x) { return quad__step(quad__step(x)); }
