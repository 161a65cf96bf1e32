// Inclusive Hillis-Steele scan with double buffering in shared memory (one block per tile of 256).
__global__ void hs_scan(const float* in, float* out, int n)
{
    __shared__ float buf[2][256];
    int t = threadIdx.x;
    int i = blockIdx.x * 256 + t;
    int cur = 0;
    buf[cur][t] = i < n ? in[i] : 0.0f;
    __syncthreads();
    for (int offset = 1; offset < 256; offset <<= 1) {
        int nxt = 1 - cur;
        buf[nxt][t] = t >= offset ? buf[cur][t] + buf[cur][t - offset] : buf[cur][t];
        __syncthreads();
        cur = nxt;
    }
    if (i < n) out[i] = buf[cur][t];
}
