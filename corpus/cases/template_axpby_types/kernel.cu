// One template kernel instantiated for float, double and int.
template <typename T>
__global__ void axpby(const T* x, const T* y, T* out, T a, T b, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = a * x[i] + b * y[i];
}
