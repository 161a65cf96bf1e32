// nbody_float4: gravitational accelerations of N bodies (all pairs, softened), bodies stored as
// float4 (x, y, z, mass) and staged tile by tile in shared memory.
// Covers: float4 / float3 members and make_float4 / make_float3 in device and host code, a
// __shared__ float4 array, __forceinline__ __device__ function returning float3, rsqrtf,
// #pragma unroll 4 with a tile loop, __syncthreads between tiles, one velocity-update kernel writing
// float4 results.
// Check: relative to the sum of absolute pair contributions per component: |got - ref| <=
// 1e-4 * sum|terms| + 1e-6 (rsqrtf is approximate to 2 ulp, and FMA contraction differs from host).
#include <cstdio>
#include <cstdlib>
#include <cmath>
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

#define TILE 64
#define SOFTENING2 0.01f

__forceinline__ __device__ float3 pair_accel(float4 bi, float4 bj, float3 acc) {
    float3 r = make_float3(bj.x - bi.x, bj.y - bi.y, bj.z - bi.z);
    float dist2 = r.x * r.x + r.y * r.y + r.z * r.z + SOFTENING2;
    float inv = rsqrtf(dist2);
    float s = bj.w * inv * inv * inv;
    acc.x += r.x * s;
    acc.y += r.y * s;
    acc.z += r.z * s;
    return acc;
}

__global__ void accelerations(const float4* pos, float4* accel, int n) {
    __shared__ float4 tile[TILE];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    float4 me = i < n ? pos[i] : make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    float3 acc = make_float3(0.0f, 0.0f, 0.0f);
    for (int base = 0; base < n; base += TILE) {
        int j = base + threadIdx.x;
        tile[threadIdx.x] = j < n ? pos[j] : make_float4(0.0f, 0.0f, 0.0f, 0.0f);  // mass 0: no force
        __syncthreads();
#pragma unroll 4
        for (int k = 0; k < TILE; ++k) {
            acc = pair_accel(me, tile[k], acc);
        }
        __syncthreads();
    }
    if (i < n) accel[i] = make_float4(acc.x, acc.y, acc.z, 0.0f);
}

__global__ void kick(float4* vel, const float4* accel, float dt, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float4 v = vel[i];
        float4 a = accel[i];
        vel[i] = make_float4(v.x + a.x * dt, v.y + a.y * dt, v.z + a.z * dt, v.w);
    }
}

static unsigned int g_seed = 42u;
static float uniform(float lo, float hi) {
    g_seed = g_seed * 1664525u + 1013904223u;
    return lo + (hi - lo) * ((float)(g_seed >> 8) / 16777216.0f);
}

int main() {
    const int n = 500;  // not a multiple of TILE: the last tile is padded with massless bodies
    const float dt = 0.01f;
    std::vector<float4> h_pos(n), h_vel(n), h_acc(n), h_vel_out(n);
    for (int i = 0; i < n; ++i) {
        // One draw per statement: argument evaluation order is unspecified in C++.
        float px = uniform(-1, 1), py = uniform(-1, 1), pz = uniform(-1, 1), m = uniform(0.5f, 1.5f);
        float vx = uniform(-0.1f, 0.1f), vy = uniform(-0.1f, 0.1f), vz = uniform(-0.1f, 0.1f);
        h_pos[i] = make_float4(px, py, pz, m);
        h_vel[i] = make_float4(vx, vy, vz, 1.0f);
    }
    float4 *d_pos, *d_vel, *d_acc;
    CHECK(cudaMalloc(&d_pos, n * sizeof(float4)));
    CHECK(cudaMalloc(&d_vel, n * sizeof(float4)));
    CHECK(cudaMalloc(&d_acc, n * sizeof(float4)));
    CHECK(cudaMemcpy(d_pos, h_pos.data(), n * sizeof(float4), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_vel, h_vel.data(), n * sizeof(float4), cudaMemcpyHostToDevice));
    int blocks = (n + TILE - 1) / TILE;
    accelerations<<<blocks, TILE>>>(d_pos, d_acc, n);
    CHECK(cudaGetLastError());
    kick<<<blocks, TILE>>>(d_vel, d_acc, dt, n);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(h_acc.data(), d_acc, n * sizeof(float4), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(h_vel_out.data(), d_vel, n * sizeof(float4), cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int i = 0; i < n; ++i) {
        double ref[3] = {0, 0, 0}, mag[3] = {0, 0, 0};
        for (int j = 0; j < n; ++j) {
            double r[3] = {(double)h_pos[j].x - h_pos[i].x, (double)h_pos[j].y - h_pos[i].y,
                           (double)h_pos[j].z - h_pos[i].z};
            double d2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2] + SOFTENING2;
            double s = h_pos[j].w / (d2 * sqrt(d2));
            for (int c = 0; c < 3; ++c) {
                ref[c] += r[c] * s;
                mag[c] += fabs(r[c] * s);
            }
        }
        float got[3] = {h_acc[i].x, h_acc[i].y, h_acc[i].z};
        float vgot[3] = {h_vel_out[i].x, h_vel_out[i].y, h_vel_out[i].z};
        float v0[3] = {h_vel[i].x, h_vel[i].y, h_vel[i].z};
        for (int c = 0; c < 3; ++c) {
            double tol = 1e-4 * mag[c] + 1e-6;
            double vexp = v0[c] + ref[c] * dt;
            if (fabs(got[c] - ref[c]) > tol || fabs(vgot[c] - vexp) > tol * dt + 1e-6) {
                if (errors < 10)
                    printf("body %d comp %d: accel %g (ref %g), vel %g (ref %g)\n", i, c, got[c], ref[c],
                           vgot[c], vexp);
                ++errors;
            }
        }
        if (h_vel_out[i].w != 1.0f) {
            if (errors < 10) printf("body %d: vel.w changed to %g\n", i, h_vel_out[i].w);
            ++errors;
        }
    }
    CHECK(cudaFree(d_pos));
    CHECK(cudaFree(d_vel));
    CHECK(cudaFree(d_acc));
    if (errors) {
        printf("%d mismatches\nFAIL nbody_float4\n", errors);
        return 1;
    }
    printf("PASS nbody_float4\n");
    return 0;
}
