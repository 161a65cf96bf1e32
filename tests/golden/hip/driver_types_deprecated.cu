// Driver API tag names and versioned typedefs, device attributes, and APIs HIP still provides though it
// marks them deprecated (texture references, hipMemcpyToArray): renamed, with a note (CP2010, not inline).
#include <cuda.h>
#include <cuda_runtime.h>

texture<float, 1, cudaReadModeElementType> t_in;
// CHECK-HIP: texture<float, 1, hipReadModeElementType> t_in;

__global__ void copy(float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = tex1Dfetch(t_in, i);
  // CHECK-HIP: if (i < n) out[i] = tex1Dfetch(t_in, i);
}

void setup(float *d_in, size_t bytes, CUdevice dev) {
  size_t offset = 0;
  cudaBindTexture(&offset, t_in, d_in, bytes);
  // CHECK-HIP: hipBindTexture(&offset, t_in, d_in, bytes);
  cudaUnbindTexture(t_in);
  // CHECK-HIP: hipUnbindTexture(t_in);
  enum CUaddress_mode_enum mode = CU_TR_ADDRESS_MODE_CLAMP;
  // CHECK-HIP: enum HIPaddress_mode_enum mode = HIP_TR_ADDRESS_MODE_CLAMP;
  CUarray_format_enum format = CU_AD_FORMAT_FLOAT;
  // CHECK-HIP: hipArray_Format format = HIP_AD_FORMAT_FLOAT;
  struct CUDA_ARRAY_DESCRIPTOR_st desc;
  // CHECK-HIP: struct HIP_ARRAY_DESCRIPTOR desc;
  CUDA_MEMCPY2D_v2 copy2d;
  // CHECK-HIP: hip_Memcpy2D copy2d;
  CUdevice_attribute_enum attr = CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE1D_LINEAR_WIDTH;
  // CHECK-HIP: hipDeviceAttribute_t attr = hipDeviceAttributeMaxTexture1DLinear;
  int value = 0;
  cuDeviceGetAttribute(&value, attr, dev);
  cudaDeviceGetAttribute(&value, cudaDevAttrMaxSurface1DWidth, 0);
  // CHECK-HIP: hipDeviceGetAttribute(&value, hipDeviceAttributeMaxSurface1D, 0);
  CUcomputemode cm = CU_COMPUTEMODE_DEFAULT;
  // CHECK-HIP: hipComputeMode cm = hipComputeModeDefault;
  (void)mode; (void)format; (void)desc; (void)copy2d; (void)cm;
}
