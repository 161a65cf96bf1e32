// thrust from host code on device memory between kernels: device_ptr over cudaMalloc'd buffers, sort_by_key with
// duplicate keys (stable), a functor transform, an exclusive scan with an initial value, a reduction and
// count_if written back to device memory, copy_if of the odd values, min/max_element positions, and a
// device_vector round trip. Sizes are odd; the oracle is NumPy's.
#include <thrust/copy.h>
#include <thrust/count.h>
#include <thrust/device_ptr.h>
#include <thrust/device_vector.h>
#include <thrust/execution_policy.h>
#include <thrust/extrema.h>
#include <thrust/functional.h>
#include <thrust/reduce.h>
#include <thrust/scan.h>
#include <thrust/sort.h>
#include <thrust/transform.h>

struct scale_shift {
    float a, b;
    __host__ __device__ float operator()(float x) const { return a * x + b; }
};
struct is_odd {
    __host__ __device__ bool operator()(int v) const { return (v & 1) != 0; }
};

__global__ void add_index(int* v, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) v[i] += i % 3;
}

// keys, vals: n (sorted in place by key); x: n in, y: n out; scan: n out; stats: 4 out; odd: n out
void thrust_steps(int n, int* keys, int* vals, const float* x, float* y, int* scan, int* stats, int* odd) {
    thrust::device_ptr<int> k(keys), v(vals), s(scan), o(odd);
    thrust::sort_by_key(thrust::device, k, k + n, v);
    thrust::transform(thrust::device_pointer_cast(x), thrust::device_pointer_cast(x) + n,
                      thrust::device_pointer_cast(y), scale_shift{2.0f, -1.0f});
    thrust::device_vector<int> copy(v, v + n);
    add_index<<<(n + 127) / 128, 128>>>(thrust::raw_pointer_cast(copy.data()), n);
    thrust::exclusive_scan(copy.begin(), copy.end(), s, 7);
    thrust::device_ptr<int> st(stats + 1);
    st[0] = thrust::reduce(copy.begin(), copy.end(), 0, thrust::plus<int>());
    st[1] = (int)thrust::count_if(v, v + n, is_odd());
    st[2] = (int)(thrust::max_element(thrust::device, keys, keys + n) - keys);
    thrust::device_ptr<int> end = thrust::copy_if(v, v + n, o, is_odd());
    thrust::device_pointer_cast(stats)[0] = (int)(end - o);
}
