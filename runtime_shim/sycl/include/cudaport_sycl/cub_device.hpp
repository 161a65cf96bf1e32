// cudaport SYCL helper, CUB part 2 (included by cub.hpp): CUB's fancy iterators, its debug and allocator
// utilities, and the device-wide algorithms, which keep CUB's two-call temp-storage protocol
// (cub_temp_storage.hpp) and run on oneDPL with a device policy on the stream's queue (DeviceSegmentedReduce on a
// plain SYCL kernel, one work-item per segment).
#pragma once

#include <sycl/sycl.hpp>
// oneDPL's device policies test SYCL_LANGUAGE_VERSION, which only a SYCL compiler (-fsycl) defines.
#ifndef SYCL_LANGUAGE_VERSION
#define SYCL_LANGUAGE_VERSION 202012
#endif
#include <oneapi/dpl/algorithm>
#include <oneapi/dpl/execution>
#include <oneapi/dpl/iterator>
#include <oneapi/dpl/numeric>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <limits>
#include <type_traits>

#include "../cudaport_sycl.hpp"
#include "cub.hpp"
#include "cub_temp_storage.hpp"

namespace cpsycl {
namespace cub {

// ---- fancy iterators: oneDPL's, which its device policies accept ----------------------------------------
template <class T, class OffsetT = std::ptrdiff_t> using CountingInputIterator = oneapi::dpl::counting_iterator<T>;
template <class ValueT, class ConversionOp, class InputIt, class OffsetT = std::ptrdiff_t>
using TransformInputIterator = oneapi::dpl::transform_iterator<InputIt, ConversionOp>;

// The same value at every position (oneDPL has none); usable on the host and, passed directly, in oneDPL kernels.
template <class T, class OffsetT = std::ptrdiff_t>
class ConstantInputIterator {
  public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = OffsetT;
    using pointer = const T*;
    using reference = T;
    using is_passed_directly = std::true_type;

    ConstantInputIterator() = default;
    explicit ConstantInputIterator(T value, OffsetT offset = 0) : value_(value), offset_(offset) {}

    T operator*() const { return value_; }
    T operator[](OffsetT) const { return value_; }
    ConstantInputIterator& operator++() { ++offset_; return *this; }
    ConstantInputIterator operator++(int) { ConstantInputIterator r = *this; ++offset_; return r; }
    ConstantInputIterator& operator--() { --offset_; return *this; }
    ConstantInputIterator& operator+=(OffsetT n) { offset_ += n; return *this; }
    ConstantInputIterator& operator-=(OffsetT n) { offset_ -= n; return *this; }
    ConstantInputIterator operator+(OffsetT n) const { return ConstantInputIterator(value_, offset_ + n); }
    ConstantInputIterator operator-(OffsetT n) const { return ConstantInputIterator(value_, offset_ - n); }
    OffsetT operator-(const ConstantInputIterator& o) const { return offset_ - o.offset_; }
    bool operator==(const ConstantInputIterator& o) const { return offset_ == o.offset_; }
    bool operator!=(const ConstantInputIterator& o) const { return offset_ != o.offset_; }
    bool operator<(const ConstantInputIterator& o) const { return offset_ < o.offset_; }
    bool operator>(const ConstantInputIterator& o) const { return offset_ > o.offset_; }
    bool operator<=(const ConstantInputIterator& o) const { return offset_ <= o.offset_; }
    bool operator>=(const ConstantInputIterator& o) const { return offset_ >= o.offset_; }

  private:
    T value_{};
    OffsetT offset_ = 0;
};

// ---- utilities: error reporting (cub/util_debug.cuh) and the caching allocator (cub/util_allocator.cuh) -----
// Debug prints a failed call's error when the program defines CUB_STDERR, as CUB does, and returns it.
inline error_t Debug(error_t error, const char* filename, int line) {
#ifdef CUB_STDERR
    if (error != success) std::fprintf(stderr, "CUDA error %d [%s, %d]: %s\n", int(error), filename, line,
                                       error_string(error));
#else
    (void)filename;
    (void)line;
#endif
    return error;
}

// Same interface as CUB's; device memory comes straight from the helper's allocator (no cache: the results of
// a program do not depend on it).
class CachingDeviceAllocator {
  public:
    explicit CachingDeviceAllocator(bool skip_cleanup = false, bool debug = false) { (void)skip_cleanup; (void)debug; }
    CachingDeviceAllocator(unsigned int, unsigned int = 1, unsigned int = ~0u, std::size_t = ~std::size_t(0),
                           bool = false, bool = false) {}

    error_t DeviceAllocate(void** d_ptr, std::size_t bytes, stream_t = nullptr) { return cpsycl::malloc_device(d_ptr, bytes); }
    error_t DeviceAllocate(int, void** d_ptr, std::size_t bytes, stream_t = nullptr) {
        return cpsycl::malloc_device(d_ptr, bytes);
    }
    error_t DeviceFree(void* d_ptr) { return cpsycl::free(d_ptr); }
    error_t DeviceFree(int, void* d_ptr) { return cpsycl::free(d_ptr); }
    error_t FreeAllCached() { return success; }
};

// ---- device-wide algorithms: CUB's temp-storage protocol, oneDPL on the stream's queue ---------------------
namespace detail {

template <class OutIt, class InIt> struct accum {
    using out_value = typename std::iterator_traits<OutIt>::value_type;
    using type = std::conditional_t<std::is_void_v<out_value>, typename std::iterator_traits<InIt>::value_type, out_value>;
};

// Writes one value where a device-wide algorithm's single result goes (a device pointer, usually).
template <class OutIt, class V> void store_one(sycl::queue& q, OutIt out, V v) {
    if constexpr (std::is_pointer_v<OutIt>) {
        using E = std::remove_pointer_t<OutIt>;
        E value = static_cast<E>(v);
        q.memcpy(out, &value, sizeof(E)).wait();
    } else {
        q.single_task([=] { *out = v; }).wait();
    }
}

template <class F> error_t run_device(void* d_temp_storage, std::size_t& temp_storage_bytes, stream_t s, F&& body) {
    const temp_storage_step step = temp_storage_protocol(d_temp_storage, temp_storage_bytes);
    if (step == temp_storage_step::size_query) return success;
    if (step == temp_storage_step::too_small) return record(error_invalid_value);
    return checked([&] {
        auto policy = oneapi::dpl::execution::make_device_policy(queue_of(s));
        body(policy, queue_of(s));
    }, error_launch_failure);
}

}  // namespace detail

struct DeviceReduce {
    template <class InIt, class OutIt, class NumT>
    static error_t Sum(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, NumT num_items,
                       stream_t s = nullptr) {
        using A = typename detail::accum<OutIt, InIt>::type;
        return Reduce(d_temp_storage, temp_storage_bytes, in, out, num_items, std::plus<A>(), A(), s);
    }
    template <class InIt, class OutIt, class NumT>
    static error_t Max(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, NumT num_items,
                       stream_t s = nullptr) {
        using A = typename std::iterator_traits<InIt>::value_type;
        return Reduce(d_temp_storage, temp_storage_bytes, in, out, num_items, cub::Max(),
                      std::numeric_limits<A>::lowest(), s);
    }
    template <class InIt, class OutIt, class NumT>
    static error_t Min(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, NumT num_items,
                       stream_t s = nullptr) {
        using A = typename std::iterator_traits<InIt>::value_type;
        return Reduce(d_temp_storage, temp_storage_bytes, in, out, num_items, cub::Min(),
                      std::numeric_limits<A>::max(), s);
    }
    // *out = {index, value} of the first largest (smallest) item, as CUB's ArgMax (ArgMin)
    template <class InIt, class OutIt, class NumT>
    static error_t ArgMax(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, NumT num_items,
                          stream_t s = nullptr) {
        return arg(d_temp_storage, temp_storage_bytes, in, out, num_items, true, s);
    }
    template <class InIt, class OutIt, class NumT>
    static error_t ArgMin(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, NumT num_items,
                          stream_t s = nullptr) {
        return arg(d_temp_storage, temp_storage_bytes, in, out, num_items, false, s);
    }
    template <class InIt, class OutIt, class NumT, class Op, class T>
    static error_t Reduce(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, NumT num_items,
                          Op op, T init, stream_t s = nullptr) {
        return detail::run_device(d_temp_storage, temp_storage_bytes, s, [&](auto& policy, sycl::queue& q) {
            T v = oneapi::dpl::reduce(policy, in, in + num_items, init, op);
            detail::store_one(q, out, v);
        });
    }

  private:
    template <class InIt, class OutIt, class NumT>
    static error_t arg(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, NumT num_items,
                       bool largest, stream_t s);
};

template <class InIt, class OutIt, class NumT>
error_t DeviceReduce::arg(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, NumT num_items,
                          bool largest, stream_t s) {
    return detail::run_device(d_temp_storage, temp_storage_bytes, s, [&](auto& policy, sycl::queue& q) {
        using Pair = typename std::iterator_traits<OutIt>::value_type;
        const auto at = largest ? oneapi::dpl::max_element(policy, in, in + num_items) - in
                                : oneapi::dpl::min_element(policy, in, in + num_items) - in;
        q.single_task([=] {
            *out = Pair(static_cast<typename Pair::Key>(at), static_cast<typename Pair::Value>(in[at]));
        }).wait();
    });
}

// One work-item per segment folds [begin_offsets[i], end_offsets[i]) into out[i] (an empty segment gives init,
// as in CUB); oneDPL has no segmented reduction over offset arrays.
struct DeviceSegmentedReduce {
    template <class InIt, class OutIt, class BeginIt, class EndIt, class Op, class T>
    static error_t Reduce(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out,
                          int num_segments, BeginIt begin_offsets, EndIt end_offsets, Op op, T init,
                          stream_t s = nullptr) {
        const temp_storage_step step = temp_storage_protocol(d_temp_storage, temp_storage_bytes);
        if (step == temp_storage_step::size_query) return success;
        if (step == temp_storage_step::too_small) return record(error_invalid_value);
        if (num_segments <= 0) return success;
        return checked([&] {
            queue_of(s).parallel_for(sycl::range<1>(std::size_t(num_segments)), [=](sycl::id<1> id) {
                const std::size_t i = id[0];
                T acc = init;
                for (auto k = begin_offsets[i]; k < end_offsets[i]; ++k) acc = op(acc, in[k]);
                out[i] = acc;
            }).wait_and_throw();
        }, error_launch_failure);
    }
    template <class InIt, class OutIt, class BeginIt, class EndIt>
    static error_t Sum(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, int num_segments,
                       BeginIt begin_offsets, EndIt end_offsets, stream_t s = nullptr) {
        using A = typename detail::accum<OutIt, InIt>::type;
        return Reduce(d_temp_storage, temp_storage_bytes, in, out, num_segments, begin_offsets, end_offsets,
                      cub::Sum(), A(), s);
    }
    template <class InIt, class OutIt, class BeginIt, class EndIt>
    static error_t Max(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, int num_segments,
                       BeginIt begin_offsets, EndIt end_offsets, stream_t s = nullptr) {
        using A = typename std::iterator_traits<InIt>::value_type;
        return Reduce(d_temp_storage, temp_storage_bytes, in, out, num_segments, begin_offsets, end_offsets,
                      cub::Max(), std::numeric_limits<A>::lowest(), s);
    }
    template <class InIt, class OutIt, class BeginIt, class EndIt>
    static error_t Min(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, int num_segments,
                       BeginIt begin_offsets, EndIt end_offsets, stream_t s = nullptr) {
        using A = typename std::iterator_traits<InIt>::value_type;
        return Reduce(d_temp_storage, temp_storage_bytes, in, out, num_segments, begin_offsets, end_offsets,
                      cub::Min(), std::numeric_limits<A>::max(), s);
    }
};

struct DeviceScan {
    template <class InIt, class OutIt, class NumT>
    static error_t ExclusiveSum(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out,
                                NumT num_items, stream_t s = nullptr) {
        using A = typename detail::accum<OutIt, InIt>::type;
        return ExclusiveScan(d_temp_storage, temp_storage_bytes, in, out, std::plus<A>(), A(), num_items, s);
    }
    template <class InIt, class OutIt, class NumT>
    static error_t InclusiveSum(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out,
                                NumT num_items, stream_t s = nullptr) {
        using A = typename detail::accum<OutIt, InIt>::type;
        return InclusiveScan(d_temp_storage, temp_storage_bytes, in, out, std::plus<A>(), num_items, s);
    }
    template <class InIt, class OutIt, class Op, class T, class NumT>
    static error_t ExclusiveScan(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, Op op,
                                 T init, NumT num_items, stream_t s = nullptr) {
        return detail::run_device(d_temp_storage, temp_storage_bytes, s, [&](auto& policy, sycl::queue&) {
            oneapi::dpl::exclusive_scan(policy, in, in + num_items, out, init, op);
        });
    }
    template <class InIt, class OutIt, class Op, class NumT>
    static error_t InclusiveScan(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out, Op op,
                                 NumT num_items, stream_t s = nullptr) {
        return detail::run_device(d_temp_storage, temp_storage_bytes, s, [&](auto& policy, sycl::queue&) {
            oneapi::dpl::inclusive_scan(policy, in, in + num_items, out, op);
        });
    }
};

struct DeviceSelect {
    // out gets the items whose flag is true, in order; *num_selected_out their count
    template <class InIt, class FlagIt, class OutIt, class NumSelIt, class NumT>
    static error_t Flagged(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, FlagIt flags, OutIt out,
                           NumSelIt num_selected_out, NumT num_items, stream_t s = nullptr) {
        return detail::run_device(d_temp_storage, temp_storage_bytes, s, [&](auto& policy, sycl::queue& q) {
            auto first = oneapi::dpl::make_zip_iterator(in, flags);
            auto dest = oneapi::dpl::make_zip_iterator(out, oneapi::dpl::discard_iterator());
            auto end = oneapi::dpl::copy_if(policy, first, first + num_items, dest,
                                            [](const auto& t) { return static_cast<bool>(std::get<1>(t)); });
            detail::store_one(q, num_selected_out, end - dest);
        });
    }
    template <class InIt, class OutIt, class NumSelIt, class NumT, class Pred>
    static error_t If(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, OutIt out,
                      NumSelIt num_selected_out, NumT num_items, Pred pred, stream_t s = nullptr) {
        return detail::run_device(d_temp_storage, temp_storage_bytes, s, [&](auto& policy, sycl::queue& q) {
            auto end = oneapi::dpl::copy_if(policy, in, in + num_items, out, pred);
            detail::store_one(q, num_selected_out, end - out);
        });
    }
};

// Two buffers of which `Current()` holds the data (CUB's DoubleBuffer); the sorts below leave the result in the
// current one, as CUB's DoubleBuffer overloads may.
template <class T>
struct DoubleBuffer {
    T* d_buffers[2] = {nullptr, nullptr};
    int selector = 0;
    DoubleBuffer() = default;
    DoubleBuffer(T* current, T* alternate) : d_buffers{current, alternate} {}
    T* Current() { return d_buffers[selector]; }
    T* Alternate() { return d_buffers[selector ^ 1]; }
};

namespace detail {

// CUB's radix sorts order by the key bits [begin_bit, end_bit); the full range is the key order itself. Stable.
template <class K> struct radix_less {
    int begin_bit, end_bit;
    bool descending;
    bool operator()(const K& a, const K& b) const {
        if constexpr (std::is_integral_v<K>) {
            if (begin_bit != 0 || end_bit < int(sizeof(K) * 8)) {
                using U = std::make_unsigned_t<K>;
                const int width = end_bit - begin_bit;
                const U mask = width >= int(sizeof(U) * 8) ? U(~U(0)) : U((U(1) << width) - 1);
                const U x = U(U(a) >> begin_bit) & mask, y = U(U(b) >> begin_bit) & mask;
                return descending ? y < x : x < y;
            }
        }
        return descending ? b < a : a < b;
    }
};

template <class K, class V>
error_t radix_sort(void* d_temp_storage, std::size_t& temp_storage_bytes, const K* keys_in, K* keys_out,
                   const V* values_in, V* values_out, std::size_t n, int begin_bit, int end_bit, bool descending,
                   stream_t s) {
    return run_device(d_temp_storage, temp_storage_bytes, s, [&](auto& policy, sycl::queue& q) {
        if (keys_out != keys_in) q.memcpy(keys_out, keys_in, n * sizeof(K)).wait();
        const radix_less<K> less{begin_bit, end_bit, descending};
        if constexpr (std::is_void_v<V>) {
            oneapi::dpl::stable_sort(policy, keys_out, keys_out + n, less);
        } else {
            if (values_out != values_in) q.memcpy(values_out, values_in, n * sizeof(V)).wait();
            oneapi::dpl::stable_sort_by_key(policy, keys_out, keys_out + n, values_out, less);
        }
    });
}

}  // namespace detail

struct DeviceRadixSort {
    template <class K, class V, class NumT>
    static error_t SortPairs(void* d_temp_storage, std::size_t& temp_storage_bytes, const K* keys_in, K* keys_out,
                             const V* values_in, V* values_out, NumT num_items, int begin_bit = 0,
                             int end_bit = sizeof(K) * 8, stream_t s = nullptr) {
        return detail::radix_sort(d_temp_storage, temp_storage_bytes, keys_in, keys_out, values_in, values_out,
                                  std::size_t(num_items), begin_bit, end_bit, false, s);
    }
    template <class K, class V, class NumT>
    static error_t SortPairsDescending(void* d_temp_storage, std::size_t& temp_storage_bytes, const K* keys_in,
                                       K* keys_out, const V* values_in, V* values_out, NumT num_items,
                                       int begin_bit = 0, int end_bit = sizeof(K) * 8, stream_t s = nullptr) {
        return detail::radix_sort(d_temp_storage, temp_storage_bytes, keys_in, keys_out, values_in, values_out,
                                  std::size_t(num_items), begin_bit, end_bit, true, s);
    }
    template <class K, class NumT>
    static error_t SortKeys(void* d_temp_storage, std::size_t& temp_storage_bytes, const K* keys_in, K* keys_out,
                            NumT num_items, int begin_bit = 0, int end_bit = sizeof(K) * 8, stream_t s = nullptr) {
        return detail::radix_sort<K, void>(d_temp_storage, temp_storage_bytes, keys_in, keys_out, nullptr, nullptr,
                                           std::size_t(num_items), begin_bit, end_bit, false, s);
    }
    template <class K, class NumT>
    static error_t SortKeysDescending(void* d_temp_storage, std::size_t& temp_storage_bytes, const K* keys_in,
                                      K* keys_out, NumT num_items, int begin_bit = 0, int end_bit = sizeof(K) * 8,
                                      stream_t s = nullptr) {
        return detail::radix_sort<K, void>(d_temp_storage, temp_storage_bytes, keys_in, keys_out, nullptr, nullptr,
                                           std::size_t(num_items), begin_bit, end_bit, true, s);
    }
    // DoubleBuffer forms: sorted in place in the current buffers
    template <class K, class V, class NumT>
    static error_t SortPairs(void* d_temp_storage, std::size_t& temp_storage_bytes, DoubleBuffer<K>& keys,
                             DoubleBuffer<V>& values, NumT num_items, int begin_bit = 0, int end_bit = sizeof(K) * 8,
                             stream_t s = nullptr) {
        return SortPairs(d_temp_storage, temp_storage_bytes, keys.Current(), keys.Current(), values.Current(),
                         values.Current(), num_items, begin_bit, end_bit, s);
    }
    template <class K, class NumT>
    static error_t SortKeys(void* d_temp_storage, std::size_t& temp_storage_bytes, DoubleBuffer<K>& keys,
                            NumT num_items, int begin_bit = 0, int end_bit = sizeof(K) * 8, stream_t s = nullptr) {
        return SortKeys(d_temp_storage, temp_storage_bytes, keys.Current(), keys.Current(), num_items, begin_bit,
                        end_bit, s);
    }
};

struct DeviceRunLengthEncode {
    // unique_out gets the first item of each run of equal items, counts_out its length, *num_runs_out the runs
    template <class InIt, class UniqueIt, class CountIt, class NumRunsIt, class NumT>
    static error_t Encode(void* d_temp_storage, std::size_t& temp_storage_bytes, InIt in, UniqueIt unique_out,
                          CountIt counts_out, NumRunsIt num_runs_out, NumT num_items, stream_t s = nullptr) {
        return detail::run_device(d_temp_storage, temp_storage_bytes, s, [&](auto& policy, sycl::queue& q) {
            using L = typename std::iterator_traits<CountIt>::value_type;
            auto ends = oneapi::dpl::reduce_by_segment(policy, in, in + num_items, ConstantInputIterator<L>(L(1)),
                                                       unique_out, counts_out);
            detail::store_one(q, num_runs_out, ends.first - unique_out);
        });
    }
};

}  // namespace cub
}  // namespace cpsycl

// CUB's error-check macros (cub/util_debug.cuh)
#ifndef CubDebug
#define CubDebug(e) ::cpsycl::cub::Debug(static_cast<::cpsycl::error_t>(e), __FILE__, __LINE__)
#endif
#ifndef CubDebugExit
#define CubDebugExit(e) \
    if (::cpsycl::cub::Debug(static_cast<::cpsycl::error_t>(e), __FILE__, __LINE__)) { std::exit(1); }
#endif
