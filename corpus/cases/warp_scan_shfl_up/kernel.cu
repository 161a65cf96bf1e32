// Inclusive warp scan with __shfl_up_sync; warp totals broadcast from the last lane with __shfl_sync.
__global__ void warp_scan(const int* in, int* out, int* warp_totals)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int lane = threadIdx.x & 31;
    int v = in[i];
    for (int d = 1; d < 32; d <<= 1) {
        int up = __shfl_up_sync(0xffffffffu, v, d);
        if (lane >= d) v += up;
    }
    out[i] = v;
    int total = __shfl_sync(0xffffffffu, v, 31);
    if (lane == 0) warp_totals[i / 32] = total;
}
