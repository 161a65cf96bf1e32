// Every cudaMemcpy kind, memsets, 2D pitched copies, pointer arithmetic on device pointers in copies and
// kernel arguments, pinned host memory and pointer attributes. Run on the SVM path and with
// CUDAPORT_OPENCL_SVM=0 (handle table); argv[1] = "svm" or "handles" is the path expected.
#include <cstring>
#include <vector>

#include "shim_check.h"

static const char* kSource = CP_CL_PREAMBLE R"CL(
__kernel void scale_add(__global float* out CP_OFF(out), __global const float* in CP_OFF(in), float a, int n) {
    CP_ADJ(__global float*, out)
    CP_ADJ(__global const float*, in)
    int i = get_global_id(0);
    if (i < n) out[i] = a * in[i] + (float)i;
}
__kernel void fill_pitched(__global char* base CP_OFF(base), ulong pitch, int width, int height) {
    CP_ADJ(__global char*, base)
    int x = get_global_id(0), y = get_global_id(1);
    if (x < width && y < height) ((__global int*)(base + y * pitch))[x] = 1000 * y + x;
}
)CL";

static cpProgram* prog() {
    static cpProgram* p = cpRegisterProgram("memcpy_kinds.cl", kSource, "");
    return p;
}

int main(int argc, char** argv) {
    const bool want_svm = argc > 1 && strcmp(argv[1], "svm") == 0;
    CHECK(cpUsesSVM() == (want_svm ? 1 : 0));
    const int n = 1000;
    std::vector<float> h(n), back(n, -1.0f);
    for (int i = 0; i < n; ++i) h[i] = (float)i * 0.5f;
    float *d_a = nullptr, *d_b = nullptr;
    CHECK_CUDA(cudaMalloc(&d_a, n * sizeof(float)));
    CHECK_CUDA(cudaMalloc((void**)&d_b, n * sizeof(float)));
    CHECK(d_a != nullptr && d_b != nullptr && d_a != d_b);

    // H2D, D2D, D2H, with explicit kinds.
    CHECK_CUDA(cudaMemcpy(d_a, h.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    CHECK_CUDA(cudaMemcpy(d_b, d_a, n * sizeof(float), cudaMemcpyDeviceToDevice));
    CHECK_CUDA(cudaMemcpy(back.data(), d_b, n * sizeof(float), cudaMemcpyDeviceToHost));
    for (int i = 0; i < n; ++i) CHECK(back[i] == h[i]);
    printf("ok explicit kinds\n");

    // cudaMemcpyDefault infers every direction; host to host too.
    std::vector<float> h2(n, 0.0f);
    CHECK_CUDA(cudaMemset(d_b, 0, n * sizeof(float)));
    CHECK_CUDA(cudaMemcpy(d_b, h.data(), n * sizeof(float), cudaMemcpyDefault));
    CHECK_CUDA(cudaMemcpy(d_a, d_b, n * sizeof(float), cudaMemcpyDefault));
    CHECK_CUDA(cudaMemcpy(h2.data(), d_a, n * sizeof(float), cudaMemcpyDefault));
    for (int i = 0; i < n; ++i) CHECK(h2[i] == h[i]);
    std::vector<float> h3(n, 0.0f);
    CHECK_CUDA(cudaMemcpy(h3.data(), h2.data(), n * sizeof(float), cudaMemcpyHostToHost));
    CHECK_CUDA(cudaMemcpy(h3.data(), h2.data(), 4 * sizeof(float), cudaMemcpyDefault));
    for (int i = 0; i < n; ++i) CHECK(h3[i] == h[i]);
    printf("ok default kind and host to host\n");

    // Pointer arithmetic in copies and memsets.
    CHECK_CUDA(cudaMemset(d_a, 0, n * sizeof(float)));
    CHECK_CUDA(cudaMemcpy(d_a + 100, h.data(), 50 * sizeof(float), cudaMemcpyHostToDevice));
    CHECK_CUDA(cudaMemcpy(d_b, d_a + 90, 70 * sizeof(float), cudaMemcpyDeviceToDevice));
    std::vector<float> part(70, -1.0f);
    CHECK_CUDA(cudaMemcpy(part.data(), d_b, 70 * sizeof(float), cudaMemcpyDeviceToHost));
    for (int i = 0; i < 70; ++i) CHECK(part[i] == ((i >= 10 && i < 60) ? h[i - 10] : 0.0f));
    CHECK_CUDA(cudaMemset((char*)d_a + 4 * 3, 0xff, 8));
    unsigned int words[6];
    CHECK_CUDA(cudaMemcpy(words, d_a + 1, sizeof(words), cudaMemcpyDeviceToHost));
    CHECK(words[0] == 0 && words[1] == 0 && words[2] == 0xffffffffu && words[3] == 0xffffffffu && words[4] == 0);
    printf("ok pointer arithmetic in copies\n");

    // Pointer arithmetic in kernel arguments: out = d_b + 5, in = d_a + 3.
    CHECK_CUDA(cudaMemcpy(d_a, h.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    CHECK_CUDA(cudaMemset(d_b, 0, n * sizeof(float)));
    float* out = d_b + 5;
    const float* in = d_a + 3;
    float a = 2.0f;
    int m = n - 10;
    cpKernelArg args[] = {cp_ptr(&out), cp_ptr(&in), cp_val(&a, sizeof(a)), cp_val(&m, sizeof(m))};
    CHECK_CUDA(cpLaunchKernel(prog(), "scale_add", dim3((m + 127) / 128), dim3(128), 0, 0, args, 4));
    CHECK_CUDA(cudaGetLastError());
    CHECK_CUDA(cudaMemcpy(back.data(), d_b, n * sizeof(float), cudaMemcpyDeviceToHost));
    for (int i = 0; i < n; ++i) {
        float expect = (i >= 5 && i < 5 + m) ? 2.0f * h[i - 5 + 3] + (float)(i - 5) : 0.0f;
        CHECK(back[i] == expect);
    }
    printf("ok pointer arithmetic in kernel arguments\n");

    // Async copies on a stream, with pinned host memory.
    float* pinned = nullptr;
    CHECK_CUDA(cudaMallocHost(&pinned, n * sizeof(float)));
    for (int i = 0; i < n; ++i) pinned[i] = 3.0f * (float)i;
    cudaStream_t s;
    CHECK_CUDA(cudaStreamCreate(&s));
    CHECK_CUDA(cudaMemcpyAsync(d_a, pinned, n * sizeof(float), cudaMemcpyHostToDevice, s));
    CHECK_CUDA(cudaMemsetAsync(d_a + n - 10, 0, 10 * sizeof(float), s));
    CHECK_CUDA(cudaMemcpyAsync(back.data(), d_a, n * sizeof(float), cudaMemcpyDeviceToHost, s));
    CHECK_CUDA(cudaStreamSynchronize(s));
    for (int i = 0; i < n; ++i) CHECK(back[i] == (i < n - 10 ? 3.0f * (float)i : 0.0f));
    cudaPointerAttributes attr;
    CHECK_CUDA(cudaPointerGetAttributes(&attr, pinned + 7));
    CHECK(attr.type == cudaMemoryTypeHost);
    CHECK_CUDA(cudaPointerGetAttributes(&attr, d_a + 7));
    CHECK(attr.type == cudaMemoryTypeDevice && attr.devicePointer == (void*)(d_a + 7));
    CHECK_CUDA(cudaPointerGetAttributes(&attr, h.data()));
    CHECK(attr.type == cudaMemoryTypeUnregistered);
    CHECK_CUDA(cudaStreamDestroy(s));
    CHECK_CUDA(cudaFreeHost(pinned));
    printf("ok async copies, pinned memory, pointer attributes\n");

    // Pitched allocation: pitch >= width and aligned; 2D copies in all directions; 2D memset.
    const int W = 37, H = 11;
    size_t pitch = 0, pitch2 = 0;
    int* d_p = nullptr;
    int* d_q = nullptr;
    CHECK_CUDA(cudaMallocPitch(&d_p, &pitch, W * sizeof(int), H));
    CHECK_CUDA(cudaMallocPitch((void**)&d_q, &pitch2, W * sizeof(int), H));
    CHECK(pitch >= W * sizeof(int) && pitch % 256 == 0 && pitch == pitch2);
    std::vector<int> img(W * H), img2(W * H, -1);
    for (int i = 0; i < W * H; ++i) img[i] = i * 7;
    CHECK_CUDA(cudaMemcpy2D(d_p, pitch, img.data(), W * sizeof(int), W * sizeof(int), H, cudaMemcpyHostToDevice));
    CHECK_CUDA(cudaMemset2D(d_q, pitch2, 0, pitch2, H));
    CHECK_CUDA(cudaMemcpy2D(d_q, pitch2, d_p, pitch, W * sizeof(int), H, cudaMemcpyDeviceToDevice));
    CHECK_CUDA(cudaMemcpy2D(img2.data(), W * sizeof(int), d_q, pitch2, W * sizeof(int), H, cudaMemcpyDeviceToHost));
    for (int i = 0; i < W * H; ++i) CHECK(img2[i] == img[i]);
    // A sub-rectangle starting at row 2, column 3 (pointer arithmetic on a pitched pointer).
    int* sub = (int*)((char*)d_q + 2 * pitch2) + 3;
    CHECK_CUDA(cudaMemset2D(sub, pitch2, 0, 4 * sizeof(int), 5));
    CHECK_CUDA(cudaMemcpy2DAsync(img2.data(), W * sizeof(int), d_q, pitch2, W * sizeof(int), H,
                                 cudaMemcpyDeviceToHost, 0));
    CHECK_CUDA(cudaDeviceSynchronize());
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            bool zeroed = y >= 2 && y < 7 && x >= 3 && x < 7;
            CHECK(img2[y * W + x] == (zeroed ? 0 : img[y * W + x]));
        }
    // A 2D kernel writing through the pitched pointer.
    unsigned long long up = pitch;
    int w = W, hh = H;
    cpKernelArg args2[] = {cp_ptr(&d_p), cp_val(&up, sizeof(up)), cp_val(&w, sizeof(w)), cp_val(&hh, sizeof(hh))};
    CHECK_CUDA(cpLaunchKernel(prog(), "fill_pitched", dim3((W + 15) / 16, (H + 7) / 8), dim3(16, 8), 0, 0, args2, 4));
    CHECK_CUDA(cudaMemcpy2D(img2.data(), W * sizeof(int), d_p, pitch, W * sizeof(int), H, cudaMemcpyDeviceToHost));
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) CHECK(img2[y * W + x] == 1000 * y + x);
    CHECK_ERR(cudaMemcpy2D(d_p, 4, img.data(), W * sizeof(int), W * sizeof(int), H, cudaMemcpyHostToDevice),
              cudaErrorInvalidPitchValue);
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidPitchValue);
    printf("ok pitched memory and 2D copies\n");

    // Invalid copies are reported, not performed.
    CHECK_ERR(cudaMemcpy(d_a, h.data(), 4, (cudaMemcpyKind)17), cudaErrorInvalidMemcpyDirection);
    CHECK_ERR(cudaMemcpy(d_a + n - 2, h.data(), 4 * sizeof(float), cudaMemcpyHostToDevice), cudaErrorInvalidValue);
    CHECK_ERR(cudaMemcpy(h2.data(), h.data(), 4, cudaMemcpyDeviceToHost), cudaErrorInvalidValue);
    CHECK_ERR(cudaFree(d_a + 1), cudaErrorInvalidValue);
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidValue);
    CHECK_CUDA(cudaGetLastError());
    printf("ok invalid copies rejected\n");

    size_t free0 = 0, total = 0, free1 = 0;
    CHECK_CUDA(cudaMemGetInfo(&free0, &total));
    void* big = nullptr;
    CHECK_CUDA(cudaMalloc(&big, 4 << 20));
    CHECK_CUDA(cudaMemGetInfo(&free1, &total));
    CHECK(free0 <= total && free1 + (4 << 20) == free0);
    CHECK_CUDA(cudaFree(big));
    CHECK_CUDA(cudaFree(d_a));
    CHECK_CUDA(cudaFree(d_b));
    CHECK_CUDA(cudaFree(d_p));
    CHECK_CUDA(cudaFree(d_q));
    CHECK_CUDA(cudaFree(nullptr));
    printf("ok memory info and free\nPASS\n");
    return 0;
}
