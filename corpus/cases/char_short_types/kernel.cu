// Narrow integer types: signed char and unsigned short arithmetic with promotion and wrap-around.
__global__ void narrow(const signed char* a, const unsigned short* b, short* out, unsigned char* wrap, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        out[i] = (short)(a[i] * 3 - (int)(b[i] >> 4));
        wrap[i] = (unsigned char)(b[i] + a[i]);
    }
}
