// struct_params: user-defined structs crossing the host/device boundary. A parameter struct (with a
// nested struct and a float2 member) is passed BY VALUE to the kernel; particles are an array of
// structs in global memory, staged in a static __shared__ array of structs, and each thread combines
// its own particle with its right neighbour's (wrapping inside the block).
// Covers: struct kernel arguments by value, nested structs, float2 members and make_float2, arrays of
// structs in global and __shared__ memory, a __device__ function taking a struct by const reference,
// a __device__ function returning a struct, struct assignment.
// Check: exact. Coordinates are multiples of 1/4 and scales powers of two.
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

#define THREADS 64

struct Range {
    float lo;
    float hi;
};

struct Params {
    int n;
    float scale;
    float2 offset;
    Range clip;
    unsigned int flags;  // bit 0: add the neighbour, bit 1: negate y
};

struct Particle {
    float x;
    float y;
    int id;
    float weight;
};

__device__ float clip_to(float v, const Range& r) {
    return v < r.lo ? r.lo : (v > r.hi ? r.hi : v);
}

__device__ Particle transform(Particle a, const Particle& b, const Params& p) {
    Particle r;
    r.x = clip_to(a.x * p.scale + p.offset.x, p.clip);
    r.y = clip_to(a.y * p.scale + p.offset.y, p.clip);
    if (p.flags & 1u) {
        r.x += b.x;
        r.y += b.y;
    }
    if (p.flags & 2u) r.y = -r.y;
    r.id = a.id * 1000 + b.id;
    r.weight = a.weight + b.weight;
    return r;
}

__global__ void transform_particles(const Particle* in, Particle* out, Params p) {
    __shared__ Particle cache[THREADS];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < p.n) cache[threadIdx.x] = in[i];
    __syncthreads();
    if (i < p.n) {
        int j = threadIdx.x + 1;
        if (j == blockDim.x || blockIdx.x * blockDim.x + j >= p.n) j = 0;  // wrap inside the block
        out[i] = transform(cache[threadIdx.x], cache[j], p);
    }
}

static float clip_host(float v, Range r) {
    return v < r.lo ? r.lo : (v > r.hi ? r.hi : v);
}

int main() {
    const int n = 1000;
    std::vector<Particle> h_in(n), h_out(n);
    unsigned int seed = 4u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        h_in[i].x = (float)((int)(seed >> 23) - 256) / 4.0f;
        seed = seed * 1664525u + 1013904223u;
        h_in[i].y = (float)((int)(seed >> 23) - 256) / 4.0f;
        h_in[i].id = i;
        h_in[i].weight = (float)(i % 7) * 0.5f;
    }
    Params p;
    p.n = n;
    p.scale = 2.0f;
    p.offset = make_float2(0.25f, -1.5f);
    p.clip.lo = -100.0f;
    p.clip.hi = 90.0f;
    p.flags = 3u;

    Particle *d_in, *d_out;
    CHECK(cudaMalloc(&d_in, n * sizeof(Particle)));
    CHECK(cudaMalloc(&d_out, n * sizeof(Particle)));
    CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(Particle), cudaMemcpyHostToDevice));
    transform_particles<<<(n + THREADS - 1) / THREADS, THREADS>>>(d_in, d_out, p);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(h_out.data(), d_out, n * sizeof(Particle), cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int i = 0; i < n; ++i) {
        int block_start = (i / THREADS) * THREADS;
        int j = i + 1;
        if (j == block_start + THREADS || j >= n) j = block_start;
        const Particle& a = h_in[i];
        const Particle& b = h_in[j];
        float ex = clip_host(a.x * p.scale + p.offset.x, p.clip) + b.x;
        float ey = -(clip_host(a.y * p.scale + p.offset.y, p.clip) + b.y);
        int eid = a.id * 1000 + b.id;
        float ew = a.weight + b.weight;
        const Particle& g = h_out[i];
        if (g.x != ex || g.y != ey || g.id != eid || g.weight != ew) {
            if (errors < 10)
                printf("particle %d: (%g,%g,%d,%g), expected (%g,%g,%d,%g)\n", i, g.x, g.y, g.id, g.weight, ex,
                       ey, eid, ew);
            ++errors;
        }
    }
    CHECK(cudaFree(d_in));
    CHECK(cudaFree(d_out));
    if (errors) {
        printf("%d mismatches\nFAIL struct_params\n", errors);
        return 1;
    }
    printf("PASS struct_params\n");
    return 0;
}
