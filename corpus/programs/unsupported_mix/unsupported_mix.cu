// unsupported_mix: a DIAGNOSTICS fixture, not a portability target. It mixes one ordinary kernel
// (scale, fully translatable) with one kernel that uses two constructs cudaport does not translate:
// inline PTX assembly (asm("mov.u32 %0, %%laneid;")) and a texture object (cudaTextureObject_t read
// with tex1Dfetch, created with cudaCreateTextureObject on a linear buffer).
// It is valid CUDA and self-checks like the others when built with nvcc for a real GPU, but it is
// NOT expected to PASS after translation: the translator must report the asm statement and the
// texture API with diagnostics at their exact lines and still translate the `scale` kernel.
// Check: exact (integer-valued floats; lane ids).
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

__global__ void scale(float* data, float factor, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) data[i] *= factor;
}

__device__ unsigned int lane_id_ptx() {
    unsigned int lane;
    asm("mov.u32 %0, %%laneid;" : "=r"(lane));
    return lane;
}

__global__ void fetch_with_lane(cudaTextureObject_t tex, float* out, unsigned int* lanes, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        out[i] = tex1Dfetch<float>(tex, i) + 1.0f;
        lanes[i] = lane_id_ptx();
    }
}

int main() {
    const int n = 1024;
    std::vector<float> h(n), out(n);
    std::vector<unsigned int> lanes(n);
    for (int i = 0; i < n; ++i) h[i] = (float)(i % 100);
    float *d_data, *d_out;
    unsigned int* d_lanes;
    CHECK(cudaMalloc(&d_data, n * sizeof(float)));
    CHECK(cudaMalloc(&d_out, n * sizeof(float)));
    CHECK(cudaMalloc(&d_lanes, n * sizeof(unsigned int)));
    CHECK(cudaMemcpy(d_data, h.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    scale<<<n / 128, 128>>>(d_data, 3.0f, n);
    CHECK(cudaGetLastError());

    cudaResourceDesc res;
    memset(&res, 0, sizeof(res));
    res.resType = cudaResourceTypeLinear;
    res.res.linear.devPtr = d_data;
    res.res.linear.desc = cudaCreateChannelDesc<float>();
    res.res.linear.sizeInBytes = n * sizeof(float);
    cudaTextureDesc td;
    memset(&td, 0, sizeof(td));
    td.readMode = cudaReadModeElementType;
    cudaTextureObject_t tex = 0;
    CHECK(cudaCreateTextureObject(&tex, &res, &td, nullptr));
    fetch_with_lane<<<n / 128, 128>>>(tex, d_out, d_lanes, n);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out.data(), d_out, n * sizeof(float), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(lanes.data(), d_lanes, n * sizeof(unsigned int), cudaMemcpyDeviceToHost));
    CHECK(cudaDestroyTextureObject(tex));

    int errors = 0;
    for (int i = 0; i < n; ++i) {
        float expect = h[i] * 3.0f + 1.0f;
        if (out[i] != expect || lanes[i] != (unsigned int)(i % 32)) {
            if (errors < 10) printf("[%d]: %f lane %u, expected %f lane %d\n", i, out[i], lanes[i], expect, i % 32);
            ++errors;
        }
    }
    CHECK(cudaFree(d_data));
    CHECK(cudaFree(d_out));
    CHECK(cudaFree(d_lanes));
    if (errors) {
        printf("%d mismatches\nFAIL unsupported_mix\n", errors);
        return 1;
    }
    printf("PASS unsupported_mix\n");
    return 0;
}
