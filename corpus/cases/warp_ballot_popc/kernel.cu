// __ballot_sync + __popc: per-warp count of positive values and each lane's rank among them.
__global__ void ballot_rank(const float* v, int* warp_count, int* rank, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int lane = threadIdx.x % 32;
    bool pred = i < n && v[i] > 0.0f;
    unsigned int mask = __ballot_sync(0xffffffffu, pred);
    if (lane == 0) warp_count[i / 32] = __popc(mask);
    if (i < n) rank[i] = pred ? __popc(mask & ((1u << lane) - 1u)) : -1;
}
