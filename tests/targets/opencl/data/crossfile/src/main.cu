// Launches a kernel of another file, kernels of the header (template and not), and a static kernel of
// its own that uses the other file's device variables.
#include <cstdio>
#include "shared.cuh"

static __global__ void scale_b(float* p, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        p[i] += c_scale[1];
        atomicAdd(&d_count, 1);
    }
}

int main() {
    const int n = 100;
    int* d_i;
    float* d_f;
    cudaMalloc(&d_i, n * sizeof(int));
    cudaMalloc(&d_f, n * sizeof(float));
    float s[2] = {3.0f, 0.5f};
    cudaMemcpyToSymbol(c_scale, s, sizeof(s));
    xf::fill<int><<<1, 128>>>(d_i, 41, n);
    xf::add_one<<<1, 128>>>(d_i, n);
    xf::fill<float><<<1, 128>>>(d_f, 2.0f, n);
    scale_a<<<1, 128>>>(d_f, n);
    scale_b<<<1, 128>>>(d_f, n);
    int hi[n], count = 0;
    float hf[n];
    cudaMemcpy(hi, d_i, sizeof(hi), cudaMemcpyDeviceToHost);
    cudaMemcpy(hf, d_f, sizeof(hf), cudaMemcpyDeviceToHost);
    cudaMemcpyFromSymbol(&count, d_count, sizeof(int));
    int bad = count != 2 * n;
    for (int i = 0; i < n; ++i) bad += hi[i] != 42 || hf[i] != 6.5f;
    cudaFree(d_i);
    cudaFree(d_f);
    printf(bad ? "FAIL crossfile\n" : "PASS crossfile\n");
    return bad != 0;
}
