// Kernels for tests/targets/opencl/test_kernels_pocl.py: translated to one OpenCL program, built once on
// PoCL and run through pyopencl. Each kernel exercises one mapping of the OpenCL target.
#include <cstdio>
#include <cuda_runtime.h>

#define TILE 16
#define FULL 0xffffffffu

struct Pair {
    int a;
    float b;
    float2 c;
};

__constant__ float c_scale[4];
__device__ int g_counter;

__global__ void index1d(int* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = i * 3 + gridDim.x;
}

__global__ void index2d(int* out, int w, int h) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x < w && y < h) out[y * w + x] = x * 1000 + y;
}

__global__ void index3d(int* out, int nx, int ny, int nz) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    int z = blockIdx.z * blockDim.z + threadIdx.z;
    if (x < nx && y < ny && z < nz) out[(z * ny + y) * nx + x] = x + 10 * y + 100 * z + 1000 * (int)gridDim.z;
}

__global__ void tile_transpose(const float* in, float* out, int n) {
    __shared__ float tile[TILE][TILE + 1];
    int x = blockIdx.x * TILE + threadIdx.x;
    int y = blockIdx.y * TILE + threadIdx.y;
    tile[threadIdx.y][threadIdx.x] = in[y * n + x];
    __syncthreads();
    x = blockIdx.y * TILE + threadIdx.x;
    y = blockIdx.x * TILE + threadIdx.y;
    out[y * n + x] = tile[threadIdx.x][threadIdx.y];
}

__global__ void reverse_dynamic(int* data) {
    extern __shared__ int buf[];
    int t = threadIdx.x;
    buf[t] = data[blockIdx.x * blockDim.x + t];
    __syncthreads();
    data[blockIdx.x * blockDim.x + t] = buf[blockDim.x - 1 - t];
}

__device__ int load2(const int* p, int i) { return p[i] * 2; }

__device__ void block_sum(int* s, unsigned int tid) {
    for (unsigned int stride = blockDim.x / 2; stride > 0; stride >>= 1) {
        if (tid < stride) s[tid] += s[tid + stride];
        __syncthreads();
    }
}

__global__ void spaces(const int* in, int* out) {
    __shared__ int s[64];
    s[threadIdx.x] = load2(in, blockIdx.x * 64 + threadIdx.x);
    __syncthreads();
    block_sum(s, threadIdx.x);
    if (threadIdx.x == 0) out[blockIdx.x] = s[0] + load2(s, 1) * 0;
}

__global__ void int_atomics(int* i32, unsigned int* u32, unsigned long long* u64, int* cas_out) {
    int t = threadIdx.x;
    atomicAdd(&i32[0], 1);
    atomicSub(&i32[1], 2);
    atomicMin(&i32[2], -t);
    atomicMax(&i32[3], t);
    atomicAnd(&u32[0], ~(1u << (t % 32)));
    atomicOr(&u32[1], 1u << (t % 32));
    atomicXor(&u32[2], 1u << (t % 32));
    atomicInc(&u32[3], 9u);
    atomicDec(&u32[4], 9u);
    atomicExch(&i32[4], 7);
    atomicAdd(&u64[0], 1ull << 33);
    atomicMax(&u64[1], (unsigned long long)t << 34);
    int old = atomicCAS(&i32[5], 5, 100 + t);
    cas_out[t] = old;
}

__global__ void float_atomics(float* f, double* d, const float* v) {
    __shared__ float sf;
    if (threadIdx.x == 0) sf = 0.0f;
    __syncthreads();
    atomicAdd(&sf, v[threadIdx.x]);
    atomicAdd(&f[0], v[threadIdx.x]);
    atomicAdd(&d[0], (double)v[threadIdx.x]);
    __syncthreads();
    if (threadIdx.x == 0) f[1] = sf;
}

__global__ void math(const float* x, float* y, const double* xd, double* yd, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        y[4 * i + 0] = sqrtf(x[i]) + expf(-x[i]);
        y[4 * i + 1] = sinf(x[i]) * cosf(x[i]);
        y[4 * i + 2] = fmaxf(x[i], 0.5f) + powf(x[i], 1.5f) + rsqrtf(x[i] + 1.0f);
        y[4 * i + 3] = __expf(x[i]);
        yd[i] = sqrt(xd[i]) + log(xd[i] + 1.0);
    }
}

__global__ void vectors(const float4* in, float4* out, int3* iv, float3* f3) {
    int i = threadIdx.x;
    float4 a = in[i];
    out[i] = make_float4(a.w, a.z, a.y, a.x + 1.0f);
    iv[i] = make_int3(i, 2 * i, 3 * i);
    f3[i] = make_float3(a.x, a.y, a.z);
}

template <typename T>
__device__ T twice(T v) { return v + v; }

template <typename T>
__global__ void scale_t(T* data, T factor, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) data[i] = twice(data[i]) * factor;
}

__global__ void by_value(Pair p, float* out) {
    out[threadIdx.x] = p.a + p.b + p.c.x * p.c.y + threadIdx.x;
}

__global__ void constants(float* out) {
    int i = threadIdx.x;
    out[i] = c_scale[i % 4] * i;
    if (i == 0) atomicAdd(&g_counter, 5);
}

__device__ int warp_sum(int v) {
    for (int offset = warpSize / 2; offset > 0; offset /= 2) v += __shfl_down_sync(FULL, v, offset);
    return v;
}

__global__ void warp_ops(const int* in, int* sums, unsigned int* ballots, int* bcast, int* scan) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int lane = threadIdx.x % warpSize;
    int v = in[i];
    int s = warp_sum(v);
    unsigned int b = __ballot_sync(FULL, v > 0);
    int first = __shfl_sync(FULL, v, 0);
    int x = v;
    for (int d = 1; d < 32; d *= 2) {
        int y = __shfl_up_sync(FULL, x, d);
        if (lane >= d) x += y;
    }
    int xo = __shfl_xor_sync(FULL, v, 1);
    if (lane == 0) {
        sums[i / 32] = s;
        ballots[i / 32] = b;
    }
    bcast[i] = first + 1000 * xo;
    scan[i] = x;
}

__global__ void hello(int n) {
    if (threadIdx.x == 0 && blockIdx.x == 0) printf("hello from the kernel, n=%d\n", n);
}

int main() {
    int* d;
    cudaMalloc(&d, 1024 * sizeof(int));
    index1d<<<4, 64>>>(d, 256);
    reverse_dynamic<<<2, 32, 32 * sizeof(int)>>>(d);
    scale_t<float><<<1, 32>>>((float*)d, 2.0f, 32);
    scale_t<int><<<1, 32>>>(d, 3, 32);
    cudaFree(d);
    return 0;
}
