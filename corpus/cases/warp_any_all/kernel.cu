// __any_sync / __all_sync per warp, and __activemask() inside a full warp.
__global__ void votes(const int* v, int* any_neg, int* all_even, unsigned int* active)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int x = v[i];
    int a = __any_sync(0xffffffff, x < 0);
    int b = __all_sync(0xffffffff, (x & 1) == 0);
    if ((threadIdx.x & 31) == 0) {
        any_neg[i / 32] = a ? 1 : 0;
        all_even[i / 32] = b ? 1 : 0;
        active[i / 32] = __activemask();
    }
}
