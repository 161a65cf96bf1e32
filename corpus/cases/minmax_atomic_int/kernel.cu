// Global atomicMin/atomicMax on int and an atomicMax on unsigned for the largest index seen.
__global__ void minmax(const int* data, int n, int* lo, int* hi, unsigned int* last_negative)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    int v = data[i];
    atomicMin(lo, v);
    atomicMax(hi, v);
    if (v < 0) atomicMax(last_negative, (unsigned int)i);
}
