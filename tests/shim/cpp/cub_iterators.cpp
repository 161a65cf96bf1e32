// CUB's input iterators on the OpenCL shim with cudaport_cub.h alone (no thrust header): CountingInputIterator,
// ConstantInputIterator and TransformInputIterator over a device pointer, over a counting iterator and over another
// TransformInputIterator (the device pointer at the bottom read once, as device memory), as inputs of DeviceReduce,
// DeviceScan and DeviceSelect; plus their host arithmetic (dereference, index, +, ++, difference, equality).
// Against host loops; prints "ok <step>", then PASS.
#include <cstdint>
#include <cstdio>
#include <vector>

#include "cudaport_cub.h"
#include "shim_check.h"

struct Square {
    long long operator()(int x) const { return (long long)x * x; }
};
struct Half {
    double operator()(long long x) const { return x / 2.0; }
};
struct IsOdd {
    bool operator()(int x) const { return x % 2 != 0; }
};

template <class T> static T* upload(const std::vector<T>& h) {
    T* d = nullptr;
    CHECK_CUDA(cudaMalloc((void**)&d, sizeof(T) * h.size()));
    CHECK_CUDA(cudaMemcpy(d, h.data(), sizeof(T) * h.size(), cudaMemcpyHostToDevice));
    return d;
}
template <class T> static std::vector<T> download(const T* d, size_t n) {
    std::vector<T> h(n);
    if (n) CHECK_CUDA(cudaMemcpy(h.data(), d, sizeof(T) * n, cudaMemcpyDeviceToHost));
    return h;
}

static void host_arithmetic() {
    cub::CountingInputIterator<int> c(5);
    CHECK(*c == 5 && c[3] == 8 && *(c + 4) == 9);
    cub::CountingInputIterator<int> d = c;
    ++d;
    d += 2;
    CHECK(*d == 8 && d - c == 3 && d != c && (c + 3) == d);
    cub::ConstantInputIterator<float, int> k(2.5f);
    CHECK(*k == 2.5f && k[100] == 2.5f && (k + 7) - k == 7 && (k + 1) != k);
    cub::TransformInputIterator<long long, Square, cub::CountingInputIterator<int>> t(c, Square());
    CHECK(*t == 25 && t[2] == 49 && *(t + 1) == 36 && (t + 2) - t == 2);
    ++t;
    CHECK(*t == 36);
    printf("ok host arithmetic\n");
}

static void device_inputs() {
    const int n = 1001;
    std::vector<int> h(n);
    for (int i = 0; i < n; ++i) h[i] = (i * 37) % 101 - 50;
    int* d_in = upload(h);
    long long* d_sum = upload(std::vector<long long>{-1});
    double* d_dsum = upload(std::vector<double>{-1});
    int* d_out = upload(std::vector<int>(n, 0));
    int* d_count = upload(std::vector<int>{-1});
    size_t bytes = 0;
    CHECK_CUDA(cub::DeviceReduce::Sum(nullptr, bytes, d_in, d_sum, n));
    void* tmp = nullptr;
    CHECK_CUDA(cudaMalloc(&tmp, bytes));

    long long want_sq = 0, want_count = 0;
    double want_half = 0;
    for (int i = 0; i < n; ++i) {
        want_sq += (long long)h[i] * h[i];
        want_half += (long long)h[i] * h[i] / 2.0;
    }
    cub::TransformInputIterator<long long, Square, int*> sq(d_in, Square());
    CHECK_CUDA(cub::DeviceReduce::Sum(tmp, bytes, sq, d_sum, n));
    CHECK(download(d_sum, 1)[0] == want_sq);
    cub::TransformInputIterator<double, Half, cub::TransformInputIterator<long long, Square, int*>> half(sq, Half());
    CHECK_CUDA(cub::DeviceReduce::Sum(tmp, bytes, half, d_dsum, n));
    CHECK(download(d_dsum, 1)[0] == want_half);
    printf("ok transformed device pointer\n");

    cub::CountingInputIterator<int> c(-3);
    CHECK_CUDA(cub::DeviceScan::InclusiveSum(tmp, bytes, c, d_out, n));
    std::vector<int> got = download(d_out, n);
    for (int i = 0, acc = 0; i < n; ++i) CHECK(got[i] == (acc += i - 3));
    cub::TransformInputIterator<long long, Square, cub::CountingInputIterator<int>> csq(c, Square());
    CHECK_CUDA(cub::DeviceReduce::Sum(tmp, bytes, csq, d_sum, 10));
    CHECK(download(d_sum, 1)[0] == 9 + 4 + 1 + 0 + 1 + 4 + 9 + 16 + 25 + 36);
    cub::ConstantInputIterator<int> ones(1);
    CHECK_CUDA(cub::DeviceReduce::Sum(tmp, bytes, ones, d_count, n));
    CHECK(download(d_count, 1)[0] == n);
    printf("ok computed inputs\n");

    cub::TransformInputIterator<bool, IsOdd, int*> odd(d_in, IsOdd());
    CHECK_CUDA(cub::DeviceSelect::Flagged(tmp, bytes, cub::CountingInputIterator<int>(0), odd, d_out, d_count, n));
    std::vector<int> idx;
    for (int i = 0; i < n; ++i)
        if (h[i] % 2 != 0) idx.push_back(i);
    want_count = (long long)idx.size();
    CHECK(download(d_count, 1)[0] == want_count && download(d_out, idx.size()) == idx);
    printf("ok flagged\n");

    cudaFree(tmp);
    cudaFree(d_in);
    cudaFree(d_sum);
    cudaFree(d_dsum);
    cudaFree(d_out);
    cudaFree(d_count);
}

int main() {
    host_arithmetic();
    device_inputs();
    printf("PASS\n");
    return 0;
}
