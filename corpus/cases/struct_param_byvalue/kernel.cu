struct Affine {
    float scale;
    float shift;
    int clamp_lo;
    int clamp_hi;
    float2 weights;
};

// A struct passed by value as a kernel argument (nested float2 member).
__global__ void apply_affine(const float* in, int* out, int n, Affine p)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float v = in[i] * p.scale + p.shift;
    v = v * p.weights.x + p.weights.y;
    int r = (int)floorf(v);
    out[i] = r < p.clamp_lo ? p.clamp_lo : (r > p.clamp_hi ? p.clamp_hi : r);
}
