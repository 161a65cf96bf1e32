// CUB's device-wide algorithms from host code with the two-call temporary-storage protocol: DeviceReduce::Sum and
// Max, DeviceScan::ExclusiveSum and InclusiveSum, DeviceRadixSort::SortPairs (signed keys, all bits) and SortKeys
// on the low 8 bits, DeviceSelect::Flagged, DeviceRunLengthEncode::Encode, on a user stream after a kernel.
#include <cub/cub.cuh>

__global__ void square(int* v, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) v[i] = v[i] * v[i] % 97;
}

template <class F>
static void twice(F call) {  // CUB's protocol: the first call sizes the storage, the second runs
    void* tmp = nullptr;
    size_t bytes = 0;
    call(tmp, bytes);
    cudaMalloc(&tmp, bytes);
    call(tmp, bytes);
    cudaFree(tmp);
}

// in: n ints (squared mod 97 in place); keys/vals: n; flags: n (uint8); runs_in: n
// sums, maxk: 1 out; excl, incl: n out; skeys, svals, lowsorted: n out; sel: n out, counts: 2 out; uniq, lens: n out
void cub_steps(int n, int* in, const int* keys, const int* vals, const unsigned char* flags, const int* runs_in,
               long long* sums, int* maxk, int* excl, int* incl, int* skeys, int* svals, unsigned* lowkeys, unsigned* lowsorted,
               int* sel, int* counts, int* uniq, int* lens) {
    cudaStream_t s;
    cudaStreamCreate(&s);
    square<<<(n + 63) / 64, 64, 0, s>>>(in, n);
    twice([&](void* t, size_t& b) { cub::DeviceReduce::Sum(t, b, in, sums, n, s); });
    twice([&](void* t, size_t& b) { cub::DeviceReduce::Max(t, b, keys, maxk, n, s); });
    twice([&](void* t, size_t& b) { cub::DeviceScan::ExclusiveSum(t, b, in, excl, n, s); });
    twice([&](void* t, size_t& b) { cub::DeviceScan::InclusiveSum(t, b, in, incl, n); });
    twice([&](void* t, size_t& b) { cub::DeviceRadixSort::SortPairs(t, b, keys, skeys, vals, svals, n); });
    twice([&](void* t, size_t& b) { cub::DeviceRadixSort::SortKeys(t, b, lowkeys, lowsorted, n, 0, 8); });
    twice([&](void* t, size_t& b) { cub::DeviceSelect::Flagged(t, b, vals, flags, sel, counts, n); });
    twice([&](void* t, size_t& b) { cub::DeviceRunLengthEncode::Encode(t, b, runs_in, uniq, lens, counts + 1, n); });
    cudaStreamSynchronize(s);
    cudaStreamDestroy(s);
}
