// Code that tests for nvcc or for CUDA's runtime headers with #ifdef/#ifndef/defined() gets the names
// hipcc and HIP's headers define; a comment naming them is left alone.
#include <cuda_runtime.h>
#ifdef __CUDACC__
// CHECK-HIP: #ifdef __HIPCC__
#define HOST_DEVICE __host__ __device__
#else
#define HOST_DEVICE
#endif
#ifndef __CUDACC__
// CHECK-HIP: #ifndef __HIPCC__
inline int clamp_host(int v) { return v < 0 ? 0 : v; }
#endif
#if defined(__CUDA_RUNTIME_H__) || defined(__DRIVER_TYPES_H__)
// CHECK-HIP: #if defined(HIP_INCLUDE_HIP_HIP_RUNTIME_H) || defined(HIP_INCLUDE_HIP_DRIVER_TYPES_H)
inline void sync_all() { cudaDeviceSynchronize(); }
#endif
#ifdef __DRIVER_TYPES_H__
// CHECK-HIP: #ifdef HIP_INCLUDE_HIP_DRIVER_TYPES_H
#endif
// only built by nvcc: __CUDACC__
// CHECK-HIP: // only built by nvcc: __CUDACC__
HOST_DEVICE inline float twice(float x) { return 2.0f * x; }
