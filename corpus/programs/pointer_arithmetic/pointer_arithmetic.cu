// pointer_arithmetic: one device allocation carved into regions by host-side pointer arithmetic.
// Offset pointers are passed to kernels, to cudaMemcpy (host<->device and device-to-device inside
// the same allocation) and to cudaMemset; a kernel also offsets its own pointer per block.
// Covers: d_ptr + offset as kernel argument and as cudaMemcpy source/destination, &d_ptr[k],
// cudaMemcpyDeviceToDevice, cudaMemset on an interior range, device-side pointer arithmetic
// (row pointer = base + blockIdx.x * stride), a char* reinterpretation of an int region on the
// host side, cudaDeviceReset at the end of the program.
// Check: exact (integers).
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cuda_runtime.h>

#define CHECK(call)                                                                   \
    do {                                                                              \
        cudaError_t err_ = (call);                                                    \
        if (err_ != cudaSuccess) {                                                    \
            fprintf(stderr, "CUDA error at %s:%d: %s (%s)\n", __FILE__, __LINE__,     \
                    cudaGetErrorString(err_), #call);                                 \
            exit(1);                                                                  \
        }                                                                             \
    } while (0)

#define SEG 1000  // ints per region; regions: [0] input, [1] output, [2] copy, [3] scratch

__global__ void add_offset(const int* in, int* out, int n, int k) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = in[i] + k;
}

// Each block handles one row of `width` ints starting at base + blockIdx.x * stride.
__global__ void negate_rows(int* base, int stride, int width) {
    int* row = base + blockIdx.x * stride;
    for (int x = threadIdx.x; x < width; x += blockDim.x) row[x] = -row[x];
}

int main() {
    int* d_all;
    CHECK(cudaMalloc(&d_all, 4 * SEG * sizeof(int)));
    int* d_in = d_all;
    int* d_out = d_all + SEG;
    int* d_copy = &d_all[2 * SEG];
    int* d_scratch = d_all + 3 * SEG;

    std::vector<int> h_in(SEG);
    for (int i = 0; i < SEG; ++i) h_in[i] = i * 7 - 3000;
    CHECK(cudaMemset(d_all, 0xff, 4 * SEG * sizeof(int)));  // every int becomes -1
    CHECK(cudaMemcpy(d_in, h_in.data(), SEG * sizeof(int), cudaMemcpyHostToDevice));

    // Process only the middle part [100, 900) through offset pointers.
    const int lo = 100, len = 800;
    add_offset<<<(len + 127) / 128, 128>>>(d_in + lo, d_out + lo, len, 5);
    CHECK(cudaGetLastError());
    // Copy output region to the copy region, device to device, with a shift of 10 elements.
    CHECK(cudaMemcpy(d_copy + 10, d_out + lo, len * sizeof(int), cudaMemcpyDeviceToDevice));
    // Zero 50 ints in the middle of the scratch region, then negate 4 rows of 20 ints spaced 100 apart.
    CHECK(cudaMemset((char*)d_scratch + 200 * sizeof(int), 0, 50 * sizeof(int)));
    CHECK(cudaMemcpy(d_scratch + 500, h_in.data() + 500, 400 * sizeof(int), cudaMemcpyHostToDevice));
    negate_rows<<<4, 32>>>(d_scratch + 500, 100, 20);
    CHECK(cudaGetLastError());

    std::vector<int> all(4 * SEG);
    CHECK(cudaMemcpy(all.data(), d_all, 4 * SEG * sizeof(int), cudaMemcpyDeviceToHost));
    int tail = 0;
    CHECK(cudaMemcpy(&tail, d_out + (lo + len - 1), sizeof(int), cudaMemcpyDeviceToHost));

    std::vector<int> expect(4 * SEG, -1);
    for (int i = 0; i < SEG; ++i) expect[i] = h_in[i];
    for (int i = lo; i < lo + len; ++i) expect[SEG + i] = h_in[i] + 5;
    for (int i = 0; i < len; ++i) expect[2 * SEG + 10 + i] = h_in[lo + i] + 5;
    for (int i = 200; i < 250; ++i) expect[3 * SEG + i] = 0;
    for (int i = 500; i < 900; ++i) expect[3 * SEG + i] = h_in[i];
    for (int r = 0; r < 4; ++r)
        for (int x = 0; x < 20; ++x) expect[3 * SEG + 500 + r * 100 + x] = -h_in[500 + r * 100 + x];

    int errors = 0;
    for (int i = 0; i < 4 * SEG; ++i) {
        if (all[i] != expect[i]) {
            if (errors < 10) printf("region %d [%d] = %d, expected %d\n", i / SEG, i % SEG, all[i], expect[i]);
            ++errors;
        }
    }
    if (tail != h_in[lo + len - 1] + 5) {
        printf("single-element copy from an offset pointer: %d\n", tail);
        ++errors;
    }
    CHECK(cudaFree(d_all));
    CHECK(cudaDeviceReset());
    if (errors) {
        printf("%d mismatches\nFAIL pointer_arithmetic\n", errors);
        return 1;
    }
    printf("PASS pointer_arithmetic\n");
    return 0;
}
