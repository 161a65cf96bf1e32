// Vector loads and stores: int4 sums, uchar4 pixel inversion.
__global__ void int4_ops(const int4* a, const int4* b, int4* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        int4 x = a[i], y = b[i];
        out[i] = make_int4(x.x + y.x, x.y - y.y, x.z * y.z, x.w ^ y.w);
    }
}

__global__ void invert_pixels(uchar4* px, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        uchar4 p = px[i];
        px[i] = make_uchar4(255 - p.x, 255 - p.y, 255 - p.z, p.w);
    }
}
