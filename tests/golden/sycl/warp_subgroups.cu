// Warp intrinsics become sub-group operations; the lane mask is dropped (the whole sub-group takes part),
// the kernel lambda requires sub-groups of 32 and CP4501 says so at the kernel.
__device__ int warp_sum(int v) {
// CHECK-SYCL: int warp_sum(int v, const sycl::nd_item<3>& item) {
    for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffff, v, o);
// CHECK-SYCL: v += cpsycl::shuffle_down(item.get_sub_group(), v, o);
    return v;
}

__global__ void warps(int* out, const int* in) {
// CHECK-SYCL: CUDAPORT CP4501
    int lane = threadIdx.x % warpSize;
// CHECK-SYCL: int lane = item.get_local_id(2) % item.get_sub_group().get_max_local_range()[0];
    int s = warp_sum(in[threadIdx.x]);
// CHECK-SYCL: int s = warp_sum(in[item.get_local_id(2)], item);
    int first = __shfl_sync(0xffffffff, s, 0);
// CHECK-SYCL: int first = cpsycl::shuffle(item.get_sub_group(), s, 0);
    int up = __shfl_up_sync(0xffffffff, s, 1);
// CHECK-SYCL: int up = cpsycl::shuffle_up(item.get_sub_group(), s, 1);
    int x = __shfl_xor_sync(0xffffffff, s, 8);
// CHECK-SYCL: int x = sycl::permute_group_by_xor(item.get_sub_group(), s, 8);
    unsigned int b = __ballot_sync(0xffffffff, s > 0);
// CHECK-SYCL: unsigned int b = cpsycl::ballot(item.get_sub_group(), s > 0);
    int any = __any_sync(__activemask(), lane == 3);
// CHECK-SYCL: int any = sycl::any_of_group(item.get_sub_group(), (lane == 3) != 0);
    int all = __all_sync(0xffffffff, up);
// CHECK-SYCL: int all = sycl::all_of_group(item.get_sub_group(), up != 0);
    int seg = __shfl_sync(0xffffffff, s, 0, 16);
// CHECK-SYCL: int seg = cpsycl::shuffle(item.get_sub_group(), s, 0, 16);
    out[threadIdx.x] = first + up + x + b + any + all + seg;
}

void run(int* out, const int* in) {
    warps<<<2, 64>>>(out, in);
// CHECK-SYCL: [=](sycl::nd_item<3> item) [[sycl::reqd_sub_group_size(32)]] {
}
