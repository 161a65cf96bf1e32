// Static __shared__ arrays (2D, struct) become local accessors made in the command group and passed to
// the kernel by reference; extern __shared__ becomes a byte accessor sized from the launch.
struct Pair { float a; int b; };
#define TILE 16

__global__ void tiles(const float* in, float* out) {
// CHECK-SYCL: void tiles(const float* in, float* out, const sycl::nd_item<3>& item, float (&tile)[TILE][TILE + 1], Pair (&pairs)[TILE], int& count) {
    __shared__ float tile[TILE][TILE + 1];
// CHECK-SYCL-NOT: __shared__
    __shared__ Pair pairs[TILE];
    __shared__ int count;
    tile[threadIdx.y][threadIdx.x] = in[threadIdx.x];
    __syncthreads();
// CHECK-SYCL: sycl::group_barrier(item.get_group());
    pairs[threadIdx.x].a = tile[threadIdx.x][threadIdx.y];
    count = 1;
    out[threadIdx.x] = pairs[threadIdx.x].a + count;
}

__global__ void dynamic(int* out) {
// CHECK-SYCL: void dynamic(int* out, const sycl::nd_item<3>& item, int* buf) {
    extern __shared__ int buf[];
    buf[threadIdx.x] = threadIdx.x;
    __syncthreads();
    out[threadIdx.x] = buf[blockDim.x - 1 - threadIdx.x];
}

void run(const float* in, float* out, int* o, int n) {
    tiles<<<1, dim3(TILE, TILE)>>>(in, out);
// CHECK-SYCL: cpsycl::default_queue().submit([&](sycl::handler& cgh) {
// CHECK-SYCL:     sycl::local_accessor<float[TILE][TILE + 1], 0> tile(cgh);
// CHECK-SYCL:     sycl::local_accessor<Pair[TILE], 0> pairs(cgh);
// CHECK-SYCL:     sycl::local_accessor<int, 0> count(cgh);
// CHECK-SYCL:     cgh.parallel_for(cpsycl::nd_range(1, cpsycl::dim3(TILE, TILE)), [=](sycl::nd_item<3> item) {
// CHECK-SYCL:         tiles(in, out, item, tile, pairs, count);
// CHECK-SYCL:     });
// CHECK-SYCL: });
    dynamic<<<1, n, n * sizeof(int)>>>(o);
// CHECK-SYCL: sycl::local_accessor<std::byte, 1> dynamic_shared(sycl::range<1>(n * sizeof(int)), cgh);
// CHECK-SYCL: dynamic(o, item, cpsycl::local_ptr<int>(dynamic_shared));
}
