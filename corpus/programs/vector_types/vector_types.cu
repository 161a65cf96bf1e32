// vector_types: CUDA's built-in vector types as kernel inputs and outputs: RGBA pixels (uchar4) turned
// into integer luma and inverted colours, complex products (float2), cross products (float3), and
// component-wise int4 arithmetic, with the make_* constructors on both sides.
// Covers: uchar4, float2, float3, int4 (.x .y .z .w members, loads/stores of whole vectors),
// make_uchar4, make_float2, make_float3, make_int4, vector values returned from __device__ functions,
// unsigned char arithmetic promoted to int.
// Check: exact (integer arithmetic, and float inputs that are small integers).
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

__host__ __device__ float2 cmul(float2 a, float2 b) {
    return make_float2(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

__host__ __device__ float3 cross3(float3 a, float3 b) {
    return make_float3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}

__global__ void pixels(const uchar4* rgba, uchar4* inverted, int* luma, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        uchar4 p = rgba[i];
        luma[i] = (77 * p.x + 150 * p.y + 29 * p.z) >> 8;
        inverted[i] = make_uchar4(255 - p.x, 255 - p.y, 255 - p.z, p.w);
    }
}

__global__ void geometry(const float2* za, const float2* zb, float2* zc, const float3* va, const float3* vb,
                         float3* vc, const int4* ia, int4* ic, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        zc[i] = cmul(za[i], zb[i]);
        vc[i] = cross3(va[i], vb[i]);
        int4 q = ia[i];
        ic[i] = make_int4(q.x + q.w, q.y - q.z, q.z * 2, q.w ^ q.x);
    }
}

int main() {
    const int n = 2000;
    std::vector<uchar4> rgba(n), inv(n);
    std::vector<int> luma(n);
    std::vector<float2> za(n), zb(n), zc(n);
    std::vector<float3> va(n), vb(n), vc(n);
    std::vector<int4> ia(n), ic(n);
    unsigned int seed = 1u;
    auto next = [&seed](int m) {
        seed = seed * 1664525u + 1013904223u;
        return (int)((seed >> 12) % (unsigned int)m);
    };
    for (int i = 0; i < n; ++i) {
        // One draw per statement: argument evaluation order is unspecified in C++, and the inputs
        // must not depend on the host compiler.
        int r[18];
        for (int k = 0; k < 18; ++k) r[k] = next(1 << 20);
        rgba[i] = make_uchar4((unsigned char)(r[0] % 256), (unsigned char)(r[1] % 256),
                              (unsigned char)(r[2] % 256), (unsigned char)(r[3] % 256));
        za[i] = make_float2((float)(r[4] % 64 - 32), (float)(r[5] % 64 - 32));
        zb[i] = make_float2((float)(r[6] % 64 - 32), (float)(r[7] % 64 - 32));
        va[i] = make_float3((float)(r[8] % 20 - 10), (float)(r[9] % 20 - 10), (float)(r[10] % 20 - 10));
        vb[i] = make_float3((float)(r[11] % 20 - 10), (float)(r[12] % 20 - 10), (float)(r[13] % 20 - 10));
        ia[i] = make_int4(r[14] % 100000 - 50000, r[15] % 100000, -(r[16] % 1000), r[17]);
    }
    uchar4 *d_rgba, *d_inv;
    int* d_luma;
    float2 *d_za, *d_zb, *d_zc;
    float3 *d_va, *d_vb, *d_vc;
    int4 *d_ia, *d_ic;
    CHECK(cudaMalloc(&d_rgba, n * sizeof(uchar4)));
    CHECK(cudaMalloc(&d_inv, n * sizeof(uchar4)));
    CHECK(cudaMalloc(&d_luma, n * sizeof(int)));
    CHECK(cudaMalloc(&d_za, n * sizeof(float2)));
    CHECK(cudaMalloc(&d_zb, n * sizeof(float2)));
    CHECK(cudaMalloc(&d_zc, n * sizeof(float2)));
    CHECK(cudaMalloc(&d_va, n * sizeof(float3)));
    CHECK(cudaMalloc(&d_vb, n * sizeof(float3)));
    CHECK(cudaMalloc(&d_vc, n * sizeof(float3)));
    CHECK(cudaMalloc(&d_ia, n * sizeof(int4)));
    CHECK(cudaMalloc(&d_ic, n * sizeof(int4)));
    CHECK(cudaMemcpy(d_rgba, rgba.data(), n * sizeof(uchar4), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_za, za.data(), n * sizeof(float2), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_zb, zb.data(), n * sizeof(float2), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_va, va.data(), n * sizeof(float3), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_vb, vb.data(), n * sizeof(float3), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_ia, ia.data(), n * sizeof(int4), cudaMemcpyHostToDevice));

    pixels<<<(n + 127) / 128, 128>>>(d_rgba, d_inv, d_luma, n);
    CHECK(cudaGetLastError());
    geometry<<<(n + 127) / 128, 128>>>(d_za, d_zb, d_zc, d_va, d_vb, d_vc, d_ia, d_ic, n);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(inv.data(), d_inv, n * sizeof(uchar4), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(luma.data(), d_luma, n * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(zc.data(), d_zc, n * sizeof(float2), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(vc.data(), d_vc, n * sizeof(float3), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(ic.data(), d_ic, n * sizeof(int4), cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int i = 0; i < n; ++i) {
        uchar4 p = rgba[i];
        int el = (77 * p.x + 150 * p.y + 29 * p.z) >> 8;
        bool ok_pix = luma[i] == el && inv[i].x == 255 - p.x && inv[i].y == 255 - p.y &&
                      inv[i].z == 255 - p.z && inv[i].w == p.w;
        float2 ez = cmul(za[i], zb[i]);
        float3 ev = cross3(va[i], vb[i]);
        int4 q = ia[i];
        bool ok_geo = zc[i].x == ez.x && zc[i].y == ez.y && vc[i].x == ev.x && vc[i].y == ev.y &&
                      vc[i].z == ev.z && ic[i].x == q.x + q.w && ic[i].y == q.y - q.z && ic[i].z == q.z * 2 &&
                      ic[i].w == (q.w ^ q.x);
        if (!ok_pix || !ok_geo) {
            if (errors < 10)
                printf("element %d: luma %d (expected %d), complex (%g,%g) (expected (%g,%g)), int4.x %d\n", i,
                       luma[i], el, zc[i].x, zc[i].y, ez.x, ez.y, ic[i].x);
            ++errors;
        }
    }
    CHECK(cudaFree(d_rgba));
    CHECK(cudaFree(d_inv));
    CHECK(cudaFree(d_luma));
    CHECK(cudaFree(d_za));
    CHECK(cudaFree(d_zb));
    CHECK(cudaFree(d_zc));
    CHECK(cudaFree(d_va));
    CHECK(cudaFree(d_vb));
    CHECK(cudaFree(d_vc));
    CHECK(cudaFree(d_ia));
    CHECK(cudaFree(d_ic));
    if (errors) {
        printf("%d mismatches\nFAIL vector_types\n", errors);
        return 1;
    }
    printf("PASS vector_types\n");
    return 0;
}
