// The user's own function named like a CUDA API is not rewritten (CP1003), its callers neither;
// members and other namespaces are not CUDA's either.
#include <cuda_runtime.h>
namespace mylib { int cudaMalloc(void**, int); }
struct Pool { int cudaFree(void*); };
static int cudaMemGetInfo(size_t* a, size_t* b) { *a = *b = 0; return 0; }
void f(Pool& p, void* x) {
  size_t a, b;
  cudaMemGetInfo(&a, &b);
  // CHECK-HIP: cudaMemGetInfo(&a, &b);
  mylib::cudaMalloc(&x, 4);
  // CHECK-HIP: mylib::cudaMalloc(&x, 4);
  p.cudaFree(x);
  // CHECK-HIP: p.cudaFree(x);
  cudaFree(x);
  // CHECK-HIP: hipFree(x);
}
