// thrust on the OpenCL shim (include/cudaport_thrust.h): containers, device_ptr/reference, and each algorithm on
// device ranges of odd sizes, against the same computation written as plain host loops. Prints "ok <step>" per
// step and PASS at the end.
#include <cstdint>
#include <cstdio>
#include <vector>

#include "cudaport_thrust.h"
#include "shim_check.h"

struct square {
    __host__ __device__ float operator()(float x) const { return x * x; }
};
struct is_odd {
    __host__ __device__ bool operator()(int x) const { return x % 2 != 0; }
};

static std::vector<int> pseudo_random(std::size_t n, unsigned seed) {
    std::vector<int> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        seed = seed * 1103515245u + 12345u;
        v[i] = (int)((seed >> 8) % 1000) - 500;
    }
    return v;
}

static void containers(std::size_t n) {
    thrust::host_vector<int> h(n);
    for (std::size_t i = 0; i < n; ++i) h[i] = (int)i * 3;
    thrust::device_vector<int> d = h;
    CHECK(d.size() == n);
    CHECK((int)d.back() == (int)(n - 1) * 3);
    d[n / 2] = -7;
    CHECK(d[n / 2] == -7);
    thrust::device_vector<int> e(d);
    e.resize(n + 5, 42);
    thrust::host_vector<int> he = e;
    CHECK(he.size() == n + 5 && he[n + 4] == 42 && he[n / 2] == -7 && (n == 1 || he[0] == 0));
    thrust::device_vector<float> z(n);
    thrust::host_vector<float> hz = z;
    for (float v : hz) CHECK(v == 0.0f);
    int* raw = thrust::raw_pointer_cast(d.data());
    thrust::device_ptr<int> p = thrust::device_pointer_cast(raw);
    CHECK(n < 3 || (p[1] == 3 && *(p + 2) == 6 && p[n / 2] == -7));
    printf("ok containers\n");
}

static void sorting(std::size_t n) {
    std::vector<int> keys = pseudo_random(n, 7);
    std::vector<int> vals(n);
    for (std::size_t i = 0; i < n; ++i) vals[i] = (int)i;
    thrust::device_vector<int> dk = keys, dv = vals;
    thrust::sort_by_key(dk.begin(), dk.end(), dv.begin());
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    thrust::host_vector<int> hk = dk, hv = dv;
    for (std::size_t i = 0; i < n; ++i) CHECK(hk[i] == keys[order[i]] && hv[i] == (int)order[i]);
    thrust::device_vector<int> ds = keys;
    thrust::sort(thrust::device, ds.begin(), ds.end(), thrust::greater<int>());
    thrust::host_vector<int> hs = ds;
    for (std::size_t i = 1; i < n; ++i) CHECK(hs[i - 1] >= hs[i]);
    CHECK(!thrust::is_sorted(ds.begin(), ds.end()) || n < 2 || hs[0] == hs[n - 1]);
    CHECK(thrust::is_sorted(ds.begin(), ds.end(), thrust::greater<int>()));
    printf("ok sort\n");
}

static void reductions_and_scans(std::size_t n) {
    std::vector<int> h = pseudo_random(n, 11);
    thrust::device_vector<int> d = h;
    long ref = 0;
    int mx = h[0], mn = h[0];
    std::size_t imx = 0, imn = 0;
    for (std::size_t i = 0; i < n; ++i) {
        ref += h[i];
        if (h[i] > mx) { mx = h[i]; imx = i; }
        if (h[i] < mn) { mn = h[i]; imn = i; }
    }
    CHECK(thrust::reduce(d.begin(), d.end()) == (int)ref);
    CHECK(thrust::reduce(thrust::device, d.begin(), d.end(), 10L, thrust::plus<long>()) == ref + 10);
    CHECK(thrust::max_element(d.begin(), d.end()) - d.begin() == (std::ptrdiff_t)imx);
    auto mm = thrust::minmax_element(thrust::device, d.begin(), d.end());
    CHECK(mm.first - d.begin() == (std::ptrdiff_t)imn && mm.second - d.begin() == (std::ptrdiff_t)imx);
    CHECK(thrust::distance(d.begin(), thrust::min_element(d.begin(), d.end())) == (std::ptrdiff_t)imn);
    CHECK(thrust::count(d.begin(), d.end(), h[0]) == std::count(h.begin(), h.end(), h[0]));
    CHECK(thrust::count_if(d.begin(), d.end(), is_odd()) == std::count_if(h.begin(), h.end(), is_odd()));
    thrust::device_vector<int> inc(n), exc(n);
    thrust::inclusive_scan(d.cbegin(), d.cend(), inc.begin());
    thrust::exclusive_scan(thrust::cuda::par.on(0), d.begin(), d.end(), exc.begin(), 5);
    thrust::host_vector<int> hi = inc, he = exc;
    int acc = 0;
    for (std::size_t i = 0; i < n; ++i) {
        CHECK(he[i] == acc + 5);
        acc += h[i];
        CHECK(hi[i] == acc);
    }
    thrust::inclusive_scan(d.begin(), d.end(), d.begin());  // in place
    thrust::host_vector<int> hp = d;
    CHECK(hp[n - 1] == (int)ref);
    printf("ok reduce scan\n");
}

static void transforms(std::size_t n) {
    std::vector<float> h(n);
    for (std::size_t i = 0; i < n; ++i) h[i] = 0.5f * (float)i - 3.0f;
    thrust::device_vector<float> d = h, out(n);
    thrust::transform(d.begin(), d.end(), out.begin(), square());
    thrust::transform(d.begin(), d.end(), out.begin(), out.begin(), thrust::plus<float>());
    thrust::host_vector<float> ho = out;
    for (std::size_t i = 0; i < n; ++i) CHECK(ho[i] == h[i] * h[i] + h[i]);
    float* raw_in = thrust::raw_pointer_cast(d.data());
    float* raw_out = thrust::raw_pointer_cast(out.data());
    float* end = thrust::transform(thrust::device, raw_in, raw_in + n, raw_out, square());
    CHECK(end == raw_out + n);
    CHECK(thrust::transform_reduce(d.begin(), d.end(), square(), 0.0f, thrust::plus<float>()) ==
          thrust::reduce(out.begin(), out.end()));
    thrust::device_vector<int> seq(n), odd(n);
    thrust::sequence(seq.begin(), seq.end(), 3);
    auto odd_end = thrust::copy_if(seq.begin(), seq.end(), odd.begin(), is_odd());
    std::size_t nodd = 0;
    for (std::size_t i = 0; i < n; ++i) nodd += (i + 3) % 2;
    CHECK((std::size_t)(odd_end - odd.begin()) == nodd);
    CHECK(odd[0] == 3);
    thrust::fill(odd.begin(), odd.end(), 9);
    CHECK(thrust::count(odd.begin(), odd.end(), 9) == (std::ptrdiff_t)n);
    thrust::device_vector<int> rev(n), back(n);
    thrust::host_vector<int64_t> map(n);
    for (std::size_t i = 0; i < n; ++i) map[i] = (int64_t)(n - 1 - i);
    thrust::device_vector<int64_t> dmap = map;
    thrust::scatter(seq.begin(), seq.end(), dmap.begin(), rev.begin());
    thrust::gather(dmap.begin(), dmap.end(), rev.begin(), back.begin());
    thrust::host_vector<int> hr = rev, hb = back;
    for (std::size_t i = 0; i < n; ++i) CHECK(hr[i] == (int)(n - 1 - i) + 3 && hb[i] == (int)i + 3);
    thrust::device_vector<int> dup = std::vector<int>{1, 1, 2, 2, 2, 3, 1, 1};
    CHECK(thrust::unique(dup.begin(), dup.end()) - dup.begin() == 4);
    printf("ok transform copy\n");
}

int main() {
    for (std::size_t n : {1u, 7u, 1000u, 100003u}) {
        containers(n);
        sorting(n);
        reductions_and_scans(n);
        transforms(n);
    }
    printf("PASS\n");
    return 0;
}
