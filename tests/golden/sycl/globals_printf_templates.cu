// __constant__/__device__ variables become device_globals (CP4505, report only), read in kernels through
// .get() or []; symbol copies go through the helper. Device printf becomes the oneAPI extension's printf.
// Template kernels stay templates; the local accessor's type takes the launch's template arguments.
#include <cstdio>
struct Params { float scale; int n; };
__constant__ Params c_params;
// CHECK-SYCL: cpsycl::device_global<Params> c_params;
__constant__ float c_coef[4];
// CHECK-SYCL: cpsycl::device_global<float[4]> c_coef;
__device__ unsigned int g_count;
// CHECK-SYCL: cpsycl::device_global<unsigned int> g_count;

__global__ void apply(float* v) {
    int i = threadIdx.x;
    if (i < c_params.n) v[i] = v[i] * c_params.scale + c_coef[i % 4];
// CHECK-SYCL: if (i < c_params.get().n) v[i] = v[i] * c_params.get().scale + c_coef[i % 4];
    atomicAdd(&g_count, 1u);
// CHECK-SYCL: cpsycl::atomic_global(g_count.get()).fetch_add(1u);
    if (i == 0) printf("n = %d\n", c_params.n);
// CHECK-SYCL: printf */ sycl::ext::oneapi::experimental::printf("n = %d\n", c_params.get().n);
}

template <typename T, int BLOCK>
__global__ void block_max(const T* in, T* out) {
// CHECK-SYCL: template <typename T, int BLOCK>
// CHECK-SYCL: void block_max(const T* in, T* out, const sycl::nd_item<3>& item, T (&buf)[BLOCK]) {
    __shared__ T buf[BLOCK];
    buf[threadIdx.x] = in[threadIdx.x];
    __syncthreads();
    if (threadIdx.x == 0) out[blockIdx.x] = buf[0];
}

int main() {
    Params p = {2.0f, 8};
    cudaMemcpyToSymbol(c_params, &p, sizeof(p));
// CHECK-SYCL: cpsycl::memcpy_to_symbol(c_params, &p, sizeof(p));
    float coef[4] = {1, 2, 3, 4};
    cudaMemcpyToSymbol(c_coef, coef, sizeof(float) * 2, sizeof(float) * 2, cudaMemcpyHostToDevice);
// CHECK-SYCL: cpsycl::memcpy_to_symbol(c_coef, coef, sizeof(float) * 2, sizeof(float) * 2, cpsycl::host_to_device);
    unsigned int count = 0;
    cudaMemcpyFromSymbol(&count, g_count, sizeof(count));
// CHECK-SYCL: cpsycl::memcpy_from_symbol(&count, g_count, sizeof(count));
    unsigned int* count_ptr = nullptr;
    cudaGetSymbolAddress((void**)&count_ptr, g_count);
// CHECK-SYCL: cpsycl::get_symbol_address<g_count>((void**)&count_ptr);
    float* d = nullptr;
    double* dd = nullptr;
    double* dout = nullptr;
    apply<<<1, 32>>>(d);
    block_max<double, 128><<<4, 128>>>(dd, dout);
// CHECK-SYCL: sycl::local_accessor<double[128], 0> buf(cgh);
// CHECK-SYCL: block_max<double, 128>(dd, dout, item, buf);
    return 0;
}
