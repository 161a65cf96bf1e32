// cudaport SYCL helper: CUDA's vector type names at global scope.
// Translation renames each vector type it sees (float2 -> sycl::float2). A name that only appears after
// preprocessing (`#define VEC(T) T ## 2`, `VEC(PRECISION)`) cannot be renamed in the source, so the names CUDA's
// headers declare globally are declared here too, as aliases of the same SYCL types. CUDA programs cannot
// declare these names themselves (cuda_runtime.h already does), so the aliases take nothing from them.
// tests/rules/test_sycl_vector_aliases.py checks this list against rules/types/vector.yaml.
#pragma once

#include <sycl/sycl.hpp>

using char2 = sycl::char2;
using uchar2 = sycl::uchar2;
using char3 = sycl::char3;
using uchar3 = sycl::uchar3;
using char4 = sycl::char4;
using uchar4 = sycl::uchar4;
using short2 = sycl::short2;
using ushort2 = sycl::ushort2;
using short3 = sycl::short3;
using ushort3 = sycl::ushort3;
using short4 = sycl::short4;
using ushort4 = sycl::ushort4;
using int2 = sycl::int2;
using uint2 = sycl::uint2;
using int3 = sycl::int3;
using uint3 = sycl::uint3;
using int4 = sycl::int4;
using uint4 = sycl::uint4;
using long2 = sycl::long2;
using ulong2 = sycl::ulong2;
using long3 = sycl::long3;
using ulong3 = sycl::ulong3;
using long4_16a = sycl::long4;
using long4_32a = sycl::long4;
using long4 = sycl::long4;
using ulong4_16a = sycl::ulong4;
using ulong4_32a = sycl::ulong4;
using ulong4 = sycl::ulong4;
using float2 = sycl::float2;
using float3 = sycl::float3;
using float4 = sycl::float4;
using longlong2 = cpsycl::longlong2;
using ulonglong2 = cpsycl::ulonglong2;
using longlong3 = cpsycl::longlong3;
using ulonglong3 = cpsycl::ulonglong3;
using longlong4_16a = sycl::long4;
using longlong4_32a = sycl::long4;
using longlong4 = cpsycl::longlong4;
using ulonglong4_16a = sycl::ulong4;
using ulonglong4_32a = sycl::ulong4;
using ulonglong4 = cpsycl::ulonglong4;
using double2 = sycl::double2;
using double3 = sycl::double3;
using double4_16a = sycl::double4;
using double4_32a = sycl::double4;
using double4 = sycl::double4;
