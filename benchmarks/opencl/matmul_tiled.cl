// Hand-written OpenCL C counterpart of benchmarks/cuda/matmul_tiled.cu: same tiling, same work-group shape.
#define TILE 16

__kernel void matmul_tiled(__global const float* a, __global const float* b, __global float* c, int n) {
    __local float ta[TILE][TILE];
    __local float tb[TILE][TILE];
    int tx = get_local_id(0);
    int ty = get_local_id(1);
    int row = get_group_id(1) * TILE + ty;
    int col = get_group_id(0) * TILE + tx;
    float acc = 0.0f;
    for (int t = 0; t < n; t += TILE) {
        ta[ty][tx] = a[row * n + t + tx];
        tb[ty][tx] = b[(t + ty) * n + col];
        barrier(CLK_LOCAL_MEM_FENCE);
#pragma unroll
        for (int k = 0; k < TILE; ++k) {
            acc += ta[ty][k] * tb[k][tx];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    c[row * n + col] = acc;
}
