/* cudaport OpenCL runtime shim: CUB's device-wide algorithms for host code (included by cudaport_cub.h).
 *
 * Each call follows CUB's protocol: with d_temp_storage == NULL it only sets temp_storage_bytes (a small non-zero
 * size, so the program's cudaMalloc of it succeeds) and returns; otherwise it waits for the stream, copies the
 * input ranges (device pointers) to host memory, computes there and copies the outputs back. Results are CUB's
 * (sorts are stable radix-order sorts on the selected key bits; reductions fold left to right, so a floating-point
 * sum may differ from CUB's tree order in the last bits). Inputs of the reductions, scans, selections and run-length
 * encoding may be CUB's iterators (cudaport_cub_iterators.h). Every name here has its entry in rules/libs/cub/. */
#ifndef CUDAPORT_CUB_DEVICE_H
#define CUDAPORT_CUB_DEVICE_H

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>
#include <numeric>
#include <type_traits>
#include <vector>

#include "cudaport_cub_iterators.h"

namespace cub {
namespace cp_detail {
static const size_t temp_bytes = 16;

template <class T> std::vector<typename std::remove_const<T>::type> load(T* p, size_t n, cudaStream_t s) {
    std::vector<typename std::remove_const<T>::type> h(n);
    cudaStreamSynchronize(s);
    cudaDeviceSynchronize();
    if (n) cudaMemcpy(h.data(), p, n * sizeof(T), cudaMemcpyDeviceToHost);
    return h;
}
template <class V, class T> void store(const std::vector<V>& h, size_t n, T* p) {
    if (!n) return;
    std::vector<T> c(h.begin(), h.begin() + (std::ptrdiff_t)n);
    cudaMemcpy(p, c.data(), n * sizeof(T), cudaMemcpyHostToDevice);
}
template <class T> void store_one(const T& v, T* p) { cudaMemcpy(p, &v, sizeof(T), cudaMemcpyHostToDevice); }
/* the first call of the protocol: report the temporary storage size */
inline bool sizing(void* d_temp, size_t& bytes) {
    if (d_temp == nullptr) {
        bytes = temp_bytes;
        return true;
    }
    return false;
}
/* radix order of a key's bits [begin, end): unsigned as is, signed with the sign bit flipped, floats with
 * the IEEE order transform (negative values reversed), as CUB's radix sort does */
template <class K> unsigned long long radix_bits(K k, int begin, int end) {
    unsigned long long u = 0;
    std::memcpy(&u, &k, sizeof(K));
    const int w = (int)sizeof(K) * 8;
    const unsigned long long top = 1ull << (w - 1);
    if (std::is_floating_point<K>::value) {
        u = (u & top) ? ~u : (u | top);
    } else if (std::is_signed<K>::value) {
        u ^= top;
    }
    if (w < 64) u &= (1ull << w) - 1;
    if (end < 64) u &= (1ull << end) - 1;
    return u >> begin;
}
template <class K, class V> void radix_sort(std::vector<K>& keys, std::vector<V>* vals, int begin, int end, bool desc) {
    std::vector<size_t> order(keys.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        unsigned long long x = radix_bits(keys[a], begin, end), y = radix_bits(keys[b], begin, end);
        return desc ? y < x : x < y;
    });
    std::vector<K> k2(keys.size());
    for (size_t i = 0; i < order.size(); ++i) k2[i] = keys[order[i]];
    keys.swap(k2);
    if (vals) {
        std::vector<V> v2(vals->size());
        for (size_t i = 0; i < order.size(); ++i) v2[i] = (*vals)[order[i]];
        vals->swap(v2);
    }
}
}  // namespace cp_detail

struct Sum {
    template <class A, class B> auto operator()(const A& a, const B& b) const { return a + b; }
};
struct Max {
    template <class A, class B> auto operator()(const A& a, const B& b) const { return a < b ? b : a; }
};
struct Min {
    template <class A, class B> auto operator()(const A& a, const B& b) const { return b < a ? b : a; }
};

struct DeviceReduce {
    template <class In, class Out, class Op, class T>
    static cudaError_t Reduce(void* d_temp, size_t& bytes, In in, Out* out, int n, Op op, T init, cudaStream_t s = 0) {
        if (cp_detail::sizing(d_temp, bytes)) return cudaSuccess;
        auto h = cp_detail::host_values(in, (size_t)n, s);
        T acc = init;
        for (const auto& v : h) acc = op(acc, v);
        cp_detail::store_one((Out)acc, out);
        return cudaSuccess;
    }
    template <class In, class Out>
    static cudaError_t Sum(void* d_temp, size_t& bytes, In in, Out* out, int n, cudaStream_t s = 0) {
        return Reduce(d_temp, bytes, in, out, n, cub::Sum(), Out(), s);
    }
    template <class In, class Out>
    static cudaError_t Max(void* d_temp, size_t& bytes, In in, Out* out, int n, cudaStream_t s = 0) {
        using T = cp_detail::value_of<In>;
        return Reduce(d_temp, bytes, in, out, n, cub::Max(), std::numeric_limits<T>::lowest(), s);
    }
    template <class In, class Out>
    static cudaError_t Min(void* d_temp, size_t& bytes, In in, Out* out, int n, cudaStream_t s = 0) {
        using T = cp_detail::value_of<In>;
        return Reduce(d_temp, bytes, in, out, n, cub::Min(), std::numeric_limits<T>::max(), s);
    }
};

struct DeviceScan {
    template <class In, class Out, class Op, class T>
    static cudaError_t ExclusiveScan(void* d_temp, size_t& bytes, In in, Out* out, Op op, T init, int n,
                                     cudaStream_t s = 0) {
        if (cp_detail::sizing(d_temp, bytes)) return cudaSuccess;
        auto h = cp_detail::host_values(in, (size_t)n, s);
        std::vector<T> r(h.size());
        T acc = init;
        for (size_t i = 0; i < h.size(); ++i) {
            r[i] = acc;
            acc = op(acc, h[i]);
        }
        cp_detail::store(r, r.size(), out);
        return cudaSuccess;
    }
    template <class In, class Out, class Op>
    static cudaError_t InclusiveScan(void* d_temp, size_t& bytes, In in, Out* out, Op op, int n, cudaStream_t s = 0) {
        if (cp_detail::sizing(d_temp, bytes)) return cudaSuccess;
        auto h = cp_detail::host_values(in, (size_t)n, s);
        for (size_t i = 1; i < h.size(); ++i) h[i] = op(h[i - 1], h[i]);
        cp_detail::store(h, h.size(), out);
        return cudaSuccess;
    }
    template <class In, class Out>
    static cudaError_t ExclusiveSum(void* d_temp, size_t& bytes, In in, Out* out, int n, cudaStream_t s = 0) {
        return ExclusiveScan(d_temp, bytes, in, out, cub::Sum(), cp_detail::value_of<In>(), n, s);
    }
    template <class In, class Out>
    static cudaError_t InclusiveSum(void* d_temp, size_t& bytes, In in, Out* out, int n, cudaStream_t s = 0) {
        return InclusiveScan(d_temp, bytes, in, out, cub::Sum(), n, s);
    }
};

struct DeviceRadixSort {
    template <class K>
    static cudaError_t SortKeys(void* d_temp, size_t& bytes, const K* kin, K* kout, int n, int begin_bit = 0,
                                int end_bit = sizeof(K) * 8, cudaStream_t s = 0) {
        return sort_keys(d_temp, bytes, kin, kout, n, begin_bit, end_bit, s, false);
    }
    template <class K>
    static cudaError_t SortKeysDescending(void* d_temp, size_t& bytes, const K* kin, K* kout, int n, int begin_bit = 0,
                                          int end_bit = sizeof(K) * 8, cudaStream_t s = 0) {
        return sort_keys(d_temp, bytes, kin, kout, n, begin_bit, end_bit, s, true);
    }
    template <class K, class V>
    static cudaError_t SortPairs(void* d_temp, size_t& bytes, const K* kin, K* kout, const V* vin, V* vout, int n,
                                 int begin_bit = 0, int end_bit = sizeof(K) * 8, cudaStream_t s = 0) {
        return sort_pairs(d_temp, bytes, kin, kout, vin, vout, n, begin_bit, end_bit, s, false);
    }
    template <class K, class V>
    static cudaError_t SortPairsDescending(void* d_temp, size_t& bytes, const K* kin, K* kout, const V* vin, V* vout,
                                           int n, int begin_bit = 0, int end_bit = sizeof(K) * 8, cudaStream_t s = 0) {
        return sort_pairs(d_temp, bytes, kin, kout, vin, vout, n, begin_bit, end_bit, s, true);
    }

private:
    template <class K>
    static cudaError_t sort_keys(void* d_temp, size_t& bytes, const K* kin, K* kout, int n, int b, int e,
                                 cudaStream_t s, bool desc) {
        if (cp_detail::sizing(d_temp, bytes)) return cudaSuccess;
        auto k = cp_detail::load(kin, (size_t)n, s);
        cp_detail::radix_sort<K, int>(k, nullptr, b, e, desc);
        cp_detail::store(k, k.size(), kout);
        return cudaSuccess;
    }
    template <class K, class V>
    static cudaError_t sort_pairs(void* d_temp, size_t& bytes, const K* kin, K* kout, const V* vin, V* vout, int n,
                                  int b, int e, cudaStream_t s, bool desc) {
        if (cp_detail::sizing(d_temp, bytes)) return cudaSuccess;
        auto k = cp_detail::load(kin, (size_t)n, s);
        auto v = cp_detail::load(vin, (size_t)n, s);
        cp_detail::radix_sort(k, &v, b, e, desc);
        cp_detail::store(k, k.size(), kout);
        cp_detail::store(v, v.size(), vout);
        return cudaSuccess;
    }
};

struct DeviceSelect {
    template <class In, class F, class Out, class N>
    static cudaError_t Flagged(void* d_temp, size_t& bytes, In in, F flags, Out* out, N* num_selected, int n,
                               cudaStream_t s = 0) {
        if (cp_detail::sizing(d_temp, bytes)) return cudaSuccess;
        auto h = cp_detail::host_values(in, (size_t)n, s);
        auto f = cp_detail::host_values(flags, (size_t)n, s);
        decltype(h) r;
        for (size_t i = 0; i < h.size(); ++i)
            if (f[i]) r.push_back(h[i]);
        cp_detail::store(r, r.size(), out);
        cp_detail::store_one((N)r.size(), num_selected);
        return cudaSuccess;
    }
    template <class In, class Out, class N, class Pred>
    static cudaError_t If(void* d_temp, size_t& bytes, In in, Out* out, N* num_selected, int n, Pred pred,
                          cudaStream_t s = 0) {
        if (cp_detail::sizing(d_temp, bytes)) return cudaSuccess;
        auto h = cp_detail::host_values(in, (size_t)n, s);
        decltype(h) r;
        for (const auto& v : h)
            if (pred(v)) r.push_back(v);
        cp_detail::store(r, r.size(), out);
        cp_detail::store_one((N)r.size(), num_selected);
        return cudaSuccess;
    }
    template <class In, class Out, class N>
    static cudaError_t Unique(void* d_temp, size_t& bytes, In in, Out* out, N* num_selected, int n,
                              cudaStream_t s = 0) {
        if (cp_detail::sizing(d_temp, bytes)) return cudaSuccess;
        auto h = cp_detail::host_values(in, (size_t)n, s);
        h.erase(std::unique(h.begin(), h.end()), h.end());
        cp_detail::store(h, h.size(), out);
        cp_detail::store_one((N)h.size(), num_selected);
        return cudaSuccess;
    }
};

struct DeviceRunLengthEncode {
    template <class In, class Out, class C, class N>
    static cudaError_t Encode(void* d_temp, size_t& bytes, In in, Out* unique_out, C* counts, N* num_runs, int n,
                              cudaStream_t s = 0) {
        if (cp_detail::sizing(d_temp, bytes)) return cudaSuccess;
        auto h = cp_detail::host_values(in, (size_t)n, s);
        std::vector<cp_detail::value_of<In>> u;
        std::vector<C> c;
        for (size_t i = 0; i < h.size(); ++i) {
            if (i == 0 || !(h[i] == h[i - 1])) {
                u.push_back(h[i]);
                c.push_back(0);
            }
            ++c.back();
        }
        cp_detail::store(u, u.size(), unique_out);
        cp_detail::store(c, c.size(), counts);
        cp_detail::store_one((N)u.size(), num_runs);
        return cudaSuccess;
    }
};
}  // namespace cub

#endif /* CUDAPORT_CUB_DEVICE_H */
