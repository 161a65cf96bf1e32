// helper_math.h-style operators: HIP's vector types declare +=, -=, *=, /=, ++, -- as non-template members,
// so a free operator+=(float4&, float4) makes uses ambiguous in hipcc (CP2007). Binary operators and scalar
// right-hand sides do not clash (HIP's are templates), nor do operators of user structs.
#include <cuda_runtime.h>
inline __host__ __device__ float4 operator+(float4 a, float4 b) { return make_float4(a.x + b.x, a.y, a.z, a.w); }
// CHECK-HIP-NOT: CUDAPORT CP2007
// CHECK-HIP: inline __host__ __device__ float4 operator+(float4 a, float4 b)
inline __host__ __device__ void operator+=(float4 &a, float4 b) { a.x += b.x; }
// CHECK-HIP: void /* CUDAPORT CP2007: user-defined operator that HIP
inline __host__ __device__ void operator+=(float4 &a, float b) { a.x += b; }
// CHECK-HIP: inline __host__ __device__ void operator+=(float4 &a, float b)
inline __host__ __device__ void operator/=(int2 &a, const int2 &b) { a.x /= b.x; a.y /= b.y; }
// CHECK-HIP: operator/= for int2: HIP's int2 already has it as a member
struct V { float x; };
inline __host__ __device__ void operator+=(V &a, V b) { a.x += b.x; }
// CHECK-HIP-NOT: CUDAPORT CP2007
// CHECK-HIP: inline __host__ __device__ void operator+=(V &a, V b)
