// Atomics become atomic_ref (relaxed, as CUDA's) through cpsycl factories that name the address space:
// local for __shared__ objects, global for kernel pointers, generic for __device__ function parameters;
// the _block/_system suffix picks the scope. Fences become atomic_fence.
__device__ void bump(int* counter) {
// CHECK-SYCL: void bump(int* counter) {
    atomicAdd(counter, 1);
// CHECK-SYCL: cpsycl::atomic_generic(*counter).fetch_add(1);
}

__global__ void atomics(int* gi, unsigned int* gu, float* gf, double* gd, unsigned long long* gl) {
    __shared__ unsigned int hist[64];
    atomicAdd(&hist[threadIdx.x % 64], 1u);
// CHECK-SYCL: cpsycl::atomic_local(hist[item.get_local_id(2) % 64]).fetch_add(1u);
    atomicAdd(gf, 0.5f);
// CHECK-SYCL: cpsycl::atomic_global(*gf).fetch_add(0.5f);
    atomicAdd(&gd[1], 0.25);
// CHECK-SYCL: cpsycl::atomic_global(gd[1]).fetch_add(0.25);
    int old = atomicCAS(gi, 0, 5);
// CHECK-SYCL: int old = cpsycl::atomic_compare_exchange(cpsycl::atomic_global(*gi), 0, 5);
    unsigned int t = atomicInc(gu, 15u);
// CHECK-SYCL: unsigned int t = cpsycl::atomic_inc(cpsycl::atomic_global(*gu), 15u);
    atomicDec(&gu[1], 3u);
// CHECK-SYCL: cpsycl::atomic_dec(cpsycl::atomic_global(gu[1]), 3u);
    atomicMax_block(&gi[2], old);
// CHECK-SYCL: cpsycl::atomic_global<sycl::memory_scope::work_group>(gi[2]).fetch_max(old);
    atomicExch_system(gl, 7ull);
// CHECK-SYCL: cpsycl::atomic_global<sycl::memory_scope::system>(*gl).exchange(7ull);
    atomicXor(&gi[3], t);
// CHECK-SYCL: cpsycl::atomic_global(gi[3]).fetch_xor(t);
    __threadfence();
// CHECK-SYCL: sycl::atomic_fence(sycl::memory_order::seq_cst, sycl::memory_scope::device);
    __threadfence_block();
// CHECK-SYCL: sycl::atomic_fence(sycl::memory_order::seq_cst, sycl::memory_scope::work_group);
    bump(gi);
}
