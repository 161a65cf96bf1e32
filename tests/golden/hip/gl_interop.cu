// OPTIONS: --hip-version 5.2
// OpenGL interop through graphics resources: HIP 5.2 declares it in hip_runtime_api.h (hip_gl_interop.h
// arrived in 5.6), which hip_runtime.h includes; CUDA's deprecated buffer-object calls have no HIP counterpart and are flagged.
#include <cuda_runtime.h>
#include <cuda_gl_interop.h>
// CHECK-HIP: #include <hip/hip_runtime.h>
// CHECK-HIP-NOT: hip_runtime_api.h
// CHECK-HIP-NOT: cuda_gl_interop.h

__global__ void fill(float *v, int n) { if (threadIdx.x < n) v[threadIdx.x] = 1.0f; }

void draw(GLuint vbo, int n) {
  cudaGraphicsResource_t res;
  // CHECK-HIP: hipGraphicsResource_t res;
  cudaGraphicsGLRegisterBuffer(&res, vbo, cudaGraphicsRegisterFlagsNone);
  // CHECK-HIP: hipGraphicsGLRegisterBuffer(&res, vbo, hipGraphicsRegisterFlagsNone);
  cudaGraphicsMapResources(1, &res, 0);
  float *ptr = nullptr;
  size_t bytes = 0;
  cudaGraphicsResourceGetMappedPointer((void **)&ptr, &bytes, res);
  // CHECK-HIP: hipGraphicsResourceGetMappedPointer((void **)&ptr, &bytes, res);
  fill<<<1, 256>>>(ptr, n);
  cudaGraphicsUnmapResources(1, &res, 0);
  cudaGraphicsUnregisterResource(res);
  // CHECK-HIP: hipGraphicsUnregisterResource(res);
  unsigned int count = 0;
  int devices[4];
  cudaGLGetDevices(&count, devices, 4, cudaGLDeviceListAll);
  // CHECK-HIP: hipGLGetDevices(&count, devices, 4, hipGLDeviceListAll);
}

#ifdef LEGACY_GL_API  // flagged, so left out of the compile check
void legacy(GLuint vbo) {
  void *p = nullptr;
  cudaGLMapBufferObject(&p, vbo);
  // CHECK-HIP: /* CUDAPORT CP2001
}
#endif
