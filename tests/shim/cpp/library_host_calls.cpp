// Host-side library calls of the OpenCL shim that are not CLBlast: CUB's device-wide algorithms (cudaport_cub.h:
// the two-call protocol, float keys in radix order, descending sorts, empty inputs) and cublas<S|D>getrfBatched
// (pivots and info as LAPACK's, a singular matrix), cuRAND's host API (MRG32k3a's recurrence, host and device
// generators agree), against plain host loops. Prints "ok <step>", then PASS.
#include <cmath>
#include <cstdio>
#include <vector>

#include "cudaport_cub.h"
#include "cudaport_cublas.h"
#include "cudaport_curand.h"
#include "shim_check.h"

template <class T> static T* upload(const std::vector<T>& h) {
    T* d = nullptr;
    CHECK_CUDA(cudaMalloc((void**)&d, sizeof(T) * (h.empty() ? 1 : h.size())));
    if (!h.empty()) CHECK_CUDA(cudaMemcpy(d, h.data(), sizeof(T) * h.size(), cudaMemcpyHostToDevice));
    return d;
}
template <class T> static std::vector<T> download(const T* d, size_t n) {
    std::vector<T> h(n);
    if (n) CHECK_CUDA(cudaMemcpy(h.data(), d, sizeof(T) * n, cudaMemcpyDeviceToHost));
    return h;
}

static void cub_calls() {
    std::vector<float> keys = {3.5f, -0.0f, -2.0f, 0.0f, 1e-30f, -1e30f, 7.0f, -2.0f, 3.5f};
    std::vector<int> vals = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    const int n = (int)keys.size();
    float *dk = upload(keys), *dko = upload(keys);
    int *dv = upload(vals), *dvo = upload(vals);
    size_t bytes = 0;
    CHECK_CUDA(cub::DeviceRadixSort::SortPairs(nullptr, bytes, dk, dko, dv, dvo, n));
    CHECK(bytes > 0);
    void* tmp = nullptr;
    CHECK_CUDA(cudaMalloc(&tmp, bytes));
    CHECK_CUDA(cub::DeviceRadixSort::SortPairs(tmp, bytes, dk, dko, dv, dvo, n));
    // CUB's float radix order: -1e30, -2, -2 (stable), -0.0 before +0.0, 1e-30, 3.5, 3.5, 7
    std::vector<int> want = {5, 2, 7, 1, 3, 4, 0, 8, 6};
    CHECK(download(dvo, n) == want);
    CHECK_CUDA(cub::DeviceRadixSort::SortPairsDescending(tmp, bytes, dk, dko, dv, dvo, n));
    std::vector<int> desc = {6, 0, 8, 4, 3, 1, 2, 7, 5};
    CHECK(download(dvo, n) == desc);
    std::vector<double> sum_in = {0.5, 0.25, 0.125};
    double* ds = upload(sum_in);
    double* dout = upload(std::vector<double>{-1.0});
    CHECK_CUDA(cub::DeviceReduce::Sum(tmp, bytes, ds, dout, 3));
    CHECK(download(dout, 1)[0] == 0.875);
    CHECK_CUDA(cub::DeviceReduce::Sum(tmp, bytes, ds, dout, 0));
    CHECK(download(dout, 1)[0] == 0.0);
    CHECK_CUDA(cub::DeviceReduce::Min(tmp, bytes, dk, dko, n));
    CHECK(download(dko, 1)[0] == -1e30f);
    int* dcount = upload(std::vector<int>{-1});
    CHECK_CUDA(cub::DeviceSelect::Unique(tmp, bytes, dv, dvo, dcount, 0));
    CHECK(download(dcount, 1)[0] == 0);
    CHECK_CUDA(cub::DeviceSelect::If(tmp, bytes, dv, dvo, dcount, n, [](int v) { return v % 3 == 0; }));
    CHECK(download(dcount, 1)[0] == 3 && download(dvo, 3) == (std::vector<int>{0, 3, 6}));
    cudaFree(tmp);
    printf("ok cub\n");
}

template <class T> static void getrf(const char* name) {
    const int n = 3, batch = 2;
    // column-major; matrix 1 needs pivoting, matrix 2 is singular in its second column
    std::vector<T> m1 = {1, 4, 7, 2, 5, 8, 3, 6, 10}, m2 = {1, 2, 3, 2, 4, 6, 0, 1, 1};
    T *a1 = upload(m1), *a2 = upload(m2);
    T** dptrs = upload(std::vector<T*>{a1, a2});
    int* piv = upload(std::vector<int>(n * batch, -1));
    int* info = upload(std::vector<int>(batch, -1));
    cublasHandle_t h;
    CHECK(cublasCreate(&h) == CUBLAS_STATUS_SUCCESS);
    cublasStatus_t st = sizeof(T) == 4 ? cublasSgetrfBatched(h, n, (float* const*)dptrs, n, piv, info, batch)
                                       : cublasDgetrfBatched(h, n, (double* const*)dptrs, n, piv, info, batch);
    CHECK(st == CUBLAS_STATUS_SUCCESS);
    std::vector<int> p = download(piv, n * batch), inf = download(info, batch);
    CHECK(p[0] == 3 && p[1] == 3 && p[2] == 3 && inf[0] == 0);  // LAPACK's dgetrf gives 3 3 3 for m1
    CHECK(inf[1] == 2);
    std::vector<T> lu = download(a1, 9);
    // P*A = L*U: rebuild A from L and U and the pivots, compare
    T l[9] = {1, lu[1], lu[2], 0, 1, lu[5], 0, 0, 1}, u[9] = {lu[0], 0, 0, lu[3], lu[4], 0, lu[6], lu[7], lu[8]};
    T a[9];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            T s = 0;
            for (int k = 0; k < 3; k++) s += l[i + 3 * k] * u[k + 3 * j];
            a[i + 3 * j] = s;
        }
    for (int k = n - 1; k >= 0; k--)  // undo the row swaps in reverse order
        for (int j = 0; j < 3; j++) std::swap(a[k + 3 * j], a[p[k] - 1 + 3 * j]);
    for (int i = 0; i < 9; i++) CHECK(std::fabs(a[i] - m1[i]) < 1e-5);
    cublasDestroy(h);
    printf("ok %s\n", name);
}

static void curand_calls() {
    // L'Ecuyer's MRG32k3a recurrence from the state 12345 x 6: p1 = 592852 * 12345 mod m1 = 3023790853,
    // p2 = -842977 * 12345 mod m2 = 2478282264, first output p1 - p2 = 545508589
    curandGenerator_st raw;
    raw.host = true;
    for (int i = 0; i < 3; i++) raw.s1[i] = raw.s2[i] = 12345;
    raw.fresh = false;
    CHECK(raw.next() == 545508589ull);
    const size_t n = 10001;
    curandGenerator_t dev, hst;
    CHECK(curandCreateGenerator(&dev, CURAND_RNG_PSEUDO_MRG32K3A) == CURAND_STATUS_SUCCESS);
    CHECK(curandCreateGeneratorHost(&hst, CURAND_RNG_PSEUDO_MRG32K3A) == CURAND_STATUS_SUCCESS);
    curandGenerator_t other;
    CHECK(curandCreateGenerator(&other, CURAND_RNG_PSEUDO_XORWOW) == CURAND_STATUS_TYPE_ERROR);
    for (curandGenerator_t g : {dev, hst}) {
        CHECK(curandSetPseudoRandomGeneratorSeed(g, 1234ULL) == CURAND_STATUS_SUCCESS);
        CHECK(curandSetGeneratorOffset(g, 3) == CURAND_STATUS_SUCCESS);
    }
    float* d = nullptr;
    CHECK_CUDA(cudaMalloc((void**)&d, n * sizeof(float)));
    std::vector<float> h(n);
    CHECK(curandGenerateUniform(dev, d, n) == CURAND_STATUS_SUCCESS);
    CHECK(curandGenerateUniform(hst, h.data(), n) == CURAND_STATUS_SUCCESS);
    std::vector<float> hd = download(d, n);
    double mean = 0;
    for (size_t i = 0; i < n; i++) {
        CHECK(hd[i] == h[i] && h[i] > 0.0f && h[i] <= 1.0f);
        mean += h[i] / n;
    }
    CHECK(std::fabs(mean - 0.5) < 0.02);
    CHECK(curandGenerateNormal(hst, h.data(), n, 0.0f, 1.0f) == CURAND_STATUS_LENGTH_NOT_MULTIPLE);
    CHECK(curandGenerateNormal(hst, h.data(), n - 1, 2.0f, 3.0f) == CURAND_STATUS_SUCCESS);
    double m = 0, v = 0;
    for (size_t i = 0; i + 1 < n; i++) m += h[i] / (n - 1);
    for (size_t i = 0; i + 1 < n; i++) v += (h[i] - m) * (h[i] - m) / (n - 1);
    CHECK(std::fabs(m - 2.0) < 0.15 && std::fabs(std::sqrt(v) - 3.0) < 0.15);
    curandDestroyGenerator(dev);
    curandDestroyGenerator(hst);
    cudaFree(d);
    printf("ok curand\n");
}

int main() {
    cub_calls();
    curand_calls();
    getrf<float>("sgetrf");
    getrf<double>("dgetrf");
    printf("PASS\n");
    return 0;
}
