// Hand-written OpenCL C counterpart of benchmarks/cuda/reduce_sum.cu.
#define BLOCK 256

__kernel void reduce_sum(__global const float* in, __global float* partial, int n) {
    __local float buf[BLOCK];
    int tid = get_local_id(0);
    int step = get_num_groups(0) * BLOCK;
    float sum = 0.0f;
    for (int i = get_group_id(0) * BLOCK + tid; i < n; i += step) {
        sum += in[i];
    }
    buf[tid] = sum;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int stride = BLOCK / 2; stride > 0; stride >>= 1) {
        if (tid < stride) {
            buf[tid] += buf[tid + stride];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (tid == 0) {
        partial[get_group_id(0)] = buf[0];
    }
}
