// Constructs without a HIP equivalent keep their code with a numbered diagnostic; inline PTX too.
#include <cuda_runtime.h>
__global__ void lane(int* out) {
  int id;
  asm("mov.u32 %0, %%laneid;" : "=r"(id));
  // CHECK-HIP: CUDAPORT CP3004
  out[threadIdx.x] = id;
}
void g(cudaStream_t s) {
  cudaStreamAttrValue v;
  // CHECK-HIP: CUDAPORT
}
