// OPTIONS: --hip-version 5.2
// Before HIP 6.0, hipDeviceProp_t lacks many cudaDeviceProp fields: accesses through variables declared as
// cudaDeviceProp in this file are flagged (CP2001) or renamed; members of user structs with the same names stay.
#include <cstdio>
struct Info { int uuid; int deviceOverlap; };
void show(const cudaDeviceProp &p, Info info) {
  printf("%d %d %d\n", p.deviceOverlap, info.deviceOverlap, p.major);
  // CHECK-HIP: void show(const hipDeviceProp_t &p, Info info) {
  // CHECK-HIP: CUDAPORT CP2001: no equivalent on this target: cudaDeviceProp::deviceOverlap: hipDeviceProp_t has no such field before HIP 6.0
  // CHECK-HIP-NOT: cudaDeviceProp::major
}
int main() {
  cudaDeviceProp prop, *pp = &prop;
  cudaDeviceProp all[2];
  Info info;
  cudaGetDeviceProperties(&prop, 0);
  size_t s = prop.sharedMemPerMultiprocessor + all[0].unifiedAddressing + pp->asyncEngineCount;
  int u = info.uuid;
  // CHECK-HIP: size_t s = prop.maxSharedMemoryPerMultiProcessor + /* CUDAPORT CP2001: no equivalent on this target: cudaDeviceProp::unifiedAddressing
  // CHECK-HIP: int u = info.uuid;
  return prop.multiProcessorCount;
  // CHECK-HIP: return prop.multiProcessorCount;
}
