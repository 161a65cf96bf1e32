// Host runtime calls become readable cpsycl helper calls that return CUDA-style error codes, so error
// checking code keeps working; the copy direction argument is dropped where USM makes it redundant.
#include <cstdio>
#include <cuda_runtime.h>
// CHECK-SYCL: #include <cudaport_sycl.hpp>
#define CHECK(x) do { cudaError_t e = (x); if (e != cudaSuccess) { printf("%s\n", cudaGetErrorString(e)); return 1; } } while (0)
// CHECK-SYCL: #define CHECK(x) do { cpsycl::error_t e = (x); if (e != cpsycl::success) { printf("%s\n", cpsycl::error_string(e)); return 1; } } while (0)

int main() {
    int count = 0;
    CHECK(cudaGetDeviceCount(&count));
// CHECK-SYCL: CHECK(cpsycl::get_device_count(&count));
    cudaDeviceProp prop;
    CHECK(cudaGetDeviceProperties(&prop, 0));
// CHECK-SYCL: cpsycl::device_prop prop;
// CHECK-SYCL: CHECK(cpsycl::get_device_properties(&prop, 0));
    float *d = nullptr, *h = nullptr, *m = nullptr;
    CHECK(cudaMalloc(&d, 1024));
// CHECK-SYCL: CHECK(cpsycl::malloc_device(&d, 1024));
    CHECK(cudaMallocHost((void**)&h, 1024));
// CHECK-SYCL: CHECK(cpsycl::malloc_host((void**)&h, 1024));
    CHECK(cudaMallocManaged(&m, 1024));
// CHECK-SYCL: CHECK(cpsycl::malloc_shared(&m, 1024));
    size_t pitch = 0;
    float* img = nullptr;
    CHECK(cudaMallocPitch((void**)&img, &pitch, 100 * sizeof(float), 10));
// CHECK-SYCL: CHECK(cpsycl::malloc_pitch((void**)&img, &pitch, 100 * sizeof(float), 10));
    CHECK(cudaMemcpy2D(img, pitch, h, 100 * sizeof(float), 100 * sizeof(float), 2, cudaMemcpyHostToDevice));
// CHECK-SYCL: CHECK(cpsycl::memcpy_2d(img, pitch, h, 100 * sizeof(float), 100 * sizeof(float), 2));
    CHECK(cudaMemcpy(d, h, 1024, cudaMemcpyHostToDevice));
// CHECK-SYCL: CHECK(cpsycl::memcpy(d, h, 1024));
    CHECK(cudaMemset(d, 0, 1024));
// CHECK-SYCL: CHECK(cpsycl::memset(d, 0, 1024));
    cudaStream_t s;
    CHECK(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking));
// CHECK-SYCL: cpsycl::stream_t s;
// CHECK-SYCL: CHECK(cpsycl::stream_create(&s, 1u));
    cudaEvent_t a, b;
    CHECK(cudaEventCreate(&a));
    CHECK(cudaEventCreate(&b));
    CHECK(cudaEventRecord(a, s));
// CHECK-SYCL: CHECK(cpsycl::event_record_on(a, s));
    CHECK(cudaMemcpyAsync(h, d, 1024, cudaMemcpyDeviceToHost, s));
// CHECK-SYCL: CHECK(cpsycl::memcpy_async(h, d, 1024, cpsycl::device_to_host, s));
    CHECK(cudaEventRecord(b, s));
    CHECK(cudaEventSynchronize(b));
    float ms = 0;
    CHECK(cudaEventElapsedTime(&ms, a, b));
// CHECK-SYCL: CHECK(cpsycl::event_elapsed_time(&ms, a, b));
    if (cudaStreamQuery(s) == cudaErrorNotReady) printf("busy\n");
// CHECK-SYCL: if (cpsycl::stream_query(s) == cpsycl::error_not_ready) printf("busy\n");
    CHECK(cudaStreamSynchronize(s));
    CHECK(cudaStreamDestroy(s));
// CHECK-SYCL: CHECK(cpsycl::stream_destroy(s));
    CHECK(cudaGetLastError());
// CHECK-SYCL: CHECK(cpsycl::get_last_error());
    CHECK(cudaDeviceSynchronize());
// CHECK-SYCL: CHECK(cpsycl::device_synchronize());
    CHECK(cudaFree(d));
// CHECK-SYCL: CHECK(cpsycl::free(d));
    CHECK(cudaFreeHost(h));
// CHECK-SYCL: CHECK(cpsycl::free(h));
    return 0;
}
