// A 1D launch on the default stream and a 2D launch with dim3 on a stream: kernels take the nd_item,
// x is SYCL's last dimension, and the launch becomes a parallel_for over nd_range<3>.
#include <cuda_runtime.h>
// CHECK-SYCL: #include <cudaport_sycl.hpp>

__global__ void scale(float* v, float a, int n) {
// CHECK-SYCL: void scale(float* v, float a, int n, const sycl::nd_item<3>& item) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
// CHECK-SYCL: int i = item.get_group(2) * item.get_local_range(2) + item.get_local_id(2);
    if (i < n) v[i] *= a;
}

__global__ void fill2d(int* out, int w) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
// CHECK-SYCL: int y = item.get_group(1) * item.get_local_range(1) + item.get_local_id(1);
    out[y * w + x] = gridDim.z + threadIdx.z;
// CHECK-SYCL: out[y * w + x] = item.get_group_range(0) + item.get_local_id(0);
}

void run(float* d, int* img, int n, cudaStream_t s) {
// CHECK-SYCL: void run(float* d, int* img, int n, cpsycl::stream_t s) {
    scale<<<(n + 255) / 256, 256>>>(d, 2.0f, n);
// CHECK-SYCL: cpsycl::default_queue().parallel_for(cpsycl::nd_range((n + 255) / 256, 256), [=](sycl::nd_item<3> item) {
// CHECK-SYCL:     scale(d, 2.0f, n, item);
// CHECK-SYCL: });
    dim3 block(16, 8);
// CHECK-SYCL: cpsycl::dim3 block(16, 8);
    fill2d<<<dim3(4, 4), block, 0, s>>>(img, 64);
// CHECK-SYCL: cpsycl::queue_of(s).parallel_for(cpsycl::nd_range(cpsycl::dim3(4, 4), block), [=](sycl::nd_item<3> item) {
// CHECK-SYCL:     fill2d(img, 64, item);
    // a comment naming threadIdx.x and <<<grid, block>>> stays as written
// CHECK-SYCL: // a comment naming threadIdx.x and <<<grid, block>>> stays as written
}
