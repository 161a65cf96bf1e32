// Weighted histogram: atomicAdd on float bins; the order of additions is not fixed.
__global__ void weighted_hist(const int* idx, const float* w, int n, float* bins, int nbins)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        int b = idx[i] % nbins;
        atomicAdd(&bins[b], w[i]);
    }
}
