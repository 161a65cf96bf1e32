// __shfl_sync broadcasts from a per-warp leader lane, and a width-8 shuffle inside sub-groups of 8 lanes.
__global__ void broadcast(const float* v, float* leader_val, float* sub_first)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    float x = v[i];
    int leader = (blockIdx.x * 7) % 32;
    leader_val[i] = __shfl_sync(0xffffffff, x, leader);
    sub_first[i] = __shfl_sync(0xffffffff, x, 0, 8);
}
