// cudaport SYCL helper, CUB part: what translated code calls where CUDA called CUB (namespace cpsycl::cub; the
// translator renames the `cub` namespace token to it). Block primitives keep CUB's class shape (a typedef of the
// class template, a __shared__ TempStorage, `BR(ts).Sum(x)`) and run on SYCL 2020 group algorithms
// (reduce_over_group, exclusive/inclusive_scan_over_group) over the work-group of the calling work-item, reached
// with sycl::ext::oneapi::this_work_item (as the helper does elsewhere, note CP4513); operators SYCL does not know
// fall back to a fold in the TempStorage. Device-wide algorithms keep CUB's two-call temp-storage protocol
// (cub_temp_storage.hpp) and run on oneDPL with a device policy on the stream's queue (cub_device.hpp).
#pragma once

#include <sycl/sycl.hpp>

#include <cstddef>
#include <functional>
#include <iterator>
#include <limits>
#include <type_traits>

#include "../cudaport_sycl.hpp"

namespace cpsycl {
namespace cub {

// ---- functors (cub::Sum, cub::Max, cub::Min) ------------------------------------------------------------
struct Sum {
    template <class T> T operator()(const T& a, const T& b) const { return a + b; }
};
struct Max {
    template <class T> T operator()(const T& a, const T& b) const { return a < b ? b : a; }
};
struct Min {
    template <class T> T operator()(const T& a, const T& b) const { return b < a ? b : a; }
};

// A key (an index, for ArgMax/ArgMin) with its value, and the functors that pick the larger / smaller value, the
// smaller key on ties, as CUB's do.
template <class K, class V>
struct KeyValuePair {
    using Key = K;
    using Value = V;
    K key;
    V value;
    KeyValuePair() = default;
    KeyValuePair(const K& k, const V& v) : key(k), value(v) {}
    bool operator!=(const KeyValuePair& b) const { return value != b.value || key != b.key; }
};
struct ArgMax {
    template <class K, class V>
    KeyValuePair<K, V> operator()(const KeyValuePair<K, V>& a, const KeyValuePair<K, V>& b) const {
        return (b.value > a.value || (a.value == b.value && b.key < a.key)) ? b : a;
    }
};
struct ArgMin {
    template <class K, class V>
    KeyValuePair<K, V> operator()(const KeyValuePair<K, V>& a, const KeyValuePair<K, V>& b) const {
        return (b.value < a.value || (a.value == b.value && b.key < a.key)) ? b : a;
    }
};

// ---- algorithm tags: CUB's choices of implementation; results do not depend on them ------------------------
enum BlockReduceAlgorithm { BLOCK_REDUCE_RAKING_COMMUTATIVE_ONLY, BLOCK_REDUCE_RAKING, BLOCK_REDUCE_WARP_REDUCTIONS };
enum BlockScanAlgorithm { BLOCK_SCAN_RAKING, BLOCK_SCAN_RAKING_MEMOIZE, BLOCK_SCAN_WARP_SCANS };
// Loads and stores: only the arrangement matters (STRIPED: item i of thread t is at i * threads + t; every other
// algorithm yields CUB's blocked arrangement, t * ITEMS + i).
enum BlockLoadAlgorithm {
    BLOCK_LOAD_DIRECT, BLOCK_LOAD_STRIPED, BLOCK_LOAD_VECTORIZE, BLOCK_LOAD_TRANSPOSE, BLOCK_LOAD_WARP_TRANSPOSE,
    BLOCK_LOAD_WARP_TRANSPOSE_TIMESLICED
};
enum BlockStoreAlgorithm {
    BLOCK_STORE_DIRECT, BLOCK_STORE_STRIPED, BLOCK_STORE_VECTORIZE, BLOCK_STORE_TRANSPOSE, BLOCK_STORE_WARP_TRANSPOSE,
    BLOCK_STORE_WARP_TRANSPOSE_TIMESLICED
};

namespace detail {

inline sycl::group<3> work_group() { return sycl::ext::oneapi::this_work_item::get_work_group<3>(); }

inline int linear_id() { return static_cast<int>(work_group().get_local_linear_id()); }

inline void barrier() { sycl::group_barrier(work_group()); }

// The SYCL function object of a CUB (or standard) operator, when SYCL's group algorithms take it; else void.
template <class Op, class T> struct sycl_op { using type = void; };
template <class T> struct sycl_op<Sum, T> { using type = sycl::plus<T>; };
template <class T> struct sycl_op<Max, T> { using type = sycl::maximum<T>; };
template <class T> struct sycl_op<Min, T> { using type = sycl::minimum<T>; };
template <class T, class U> struct sycl_op<std::plus<U>, T> { using type = sycl::plus<T>; };
template <class T, class U> struct sycl_op<sycl::maximum<U>, T> { using type = sycl::maximum<T>; };
template <class T, class U> struct sycl_op<sycl::minimum<U>, T> { using type = sycl::minimum<T>; };
template <class Op, class T> using sycl_op_t = typename sycl_op<Op, T>::type;

template <class Op, class T> constexpr bool native_op() {
    if constexpr (std::is_void_v<sycl_op_t<Op, T>>) return false;
    else return sycl::has_known_identity_v<sycl_op_t<Op, T>, T>;
}

// Reduction of the first `valid` work-items' x in a work-group of `threads`, through the fold buffer: the value
// is CUB's result in work-item 0 (CUB leaves the other work-items' results undefined; they get their own x).
template <class T, class Op>
T fold(T* buf, int threads, T x, Op op, int valid) {
    const int lid = linear_id();
    buf[lid] = x;
    barrier();
    T r = x;
    if (lid == 0) {
        const int n = valid < threads ? valid : threads;
        r = buf[0];
        for (int k = 1; k < n; ++k) r = op(r, buf[k]);
    }
    barrier();  // work-item 0 has read buf before anyone reuses the storage
    return r;
}

// Exclusive (inclusive when `inclusive`) scan of x over the work-group through the buffer, by one work-item in
// order, for operators SYCL's group scans do not take; `init` (may be null) seeds it, `aggregate` gets the
// reduction of all work-items' x (without init, as CUB's block aggregate).
template <class T, class Op>
T serial_scan(T* buf, int threads, T x, Op op, const T* init, bool inclusive, T& aggregate) {
    const int lid = linear_id();
    buf[lid] = x;
    barrier();
    if (lid == 0) {
        T run = init ? *init : T();
        T total = buf[0];
        for (int k = 0; k < threads; ++k) {
            T cur = buf[k];
            T incl = (k == 0 && !init) ? cur : op(run, cur);
            if (k > 0) total = op(total, cur);
            buf[k] = inclusive ? incl : run;
            run = incl;
        }
        buf[threads] = total;
    }
    barrier();
    const T r = buf[lid];
    aggregate = buf[threads];
    barrier();  // every work-item has read buf before anyone reuses the storage
    return r;
}

}  // namespace detail

// ---- BlockReduce ----------------------------------------------------------------------------------------
template <class T, int BLOCK_DIM_X, BlockReduceAlgorithm ALGORITHM = BLOCK_REDUCE_WARP_REDUCTIONS, int BLOCK_DIM_Y = 1,
          int BLOCK_DIM_Z = 1>
class BlockReduce {
  public:
    static constexpr int BLOCK_THREADS = BLOCK_DIM_X * BLOCK_DIM_Y * BLOCK_DIM_Z;
    struct TempStorage {
        T buf[BLOCK_THREADS];
    };

    BlockReduce() = delete;
    explicit BlockReduce(TempStorage& storage) : ts_(storage) {}

    T Sum(T x) { return Reduce(x, cub::Sum()); }
    T Sum(T x, int num_valid) { return Reduce(x, cub::Sum(), num_valid); }
    template <int ITEMS> T Sum(T (&items)[ITEMS]) { return Reduce(items, cub::Sum()); }

    template <class Op> T Reduce(T x, Op op) {
        if constexpr (detail::native_op<Op, T>()) {
            return sycl::reduce_over_group(detail::work_group(), x, detail::sycl_op_t<Op, T>());
        } else {
            return detail::fold(ts_.buf, BLOCK_THREADS, x, op, BLOCK_THREADS);
        }
    }
    template <class Op> T Reduce(T x, Op op, int num_valid) {
        if constexpr (detail::native_op<Op, T>()) {
            using SOp = detail::sycl_op_t<Op, T>;
            const T id = sycl::known_identity_v<SOp, T>;
            return sycl::reduce_over_group(detail::work_group(), detail::linear_id() < num_valid ? x : id, SOp());
        } else {
            return detail::fold(ts_.buf, BLOCK_THREADS, x, op, num_valid);
        }
    }
    template <int ITEMS, class Op> T Reduce(T (&items)[ITEMS], Op op) {
        T partial = items[0];
        for (int i = 1; i < ITEMS; ++i) partial = op(partial, items[i]);
        return Reduce(partial, op);
    }

  private:
    TempStorage& ts_;
};

// ---- BlockScan ------------------------------------------------------------------------------------------
template <class T, int BLOCK_DIM_X, BlockScanAlgorithm ALGORITHM = BLOCK_SCAN_RAKING, int BLOCK_DIM_Y = 1,
          int BLOCK_DIM_Z = 1>
class BlockScan {
  public:
    static constexpr int BLOCK_THREADS = BLOCK_DIM_X * BLOCK_DIM_Y * BLOCK_DIM_Z;
    struct TempStorage {
        T buf[BLOCK_THREADS + 1];
    };

    BlockScan() = delete;
    explicit BlockScan(TempStorage& storage) : ts_(storage) {}

    // one item per work-item
    void ExclusiveSum(T in, T& out) { T agg; ExclusiveSum(in, out, agg); }
    void ExclusiveSum(T in, T& out, T& aggregate) { scan(in, out, cub::Sum(), nullptr, false, aggregate); }
    void InclusiveSum(T in, T& out) { T agg; InclusiveSum(in, out, agg); }
    void InclusiveSum(T in, T& out, T& aggregate) { scan(in, out, cub::Sum(), nullptr, true, aggregate); }
    template <class Op> void ExclusiveScan(T in, T& out, T init, Op op) { T agg; ExclusiveScan(in, out, init, op, agg); }
    template <class Op> void ExclusiveScan(T in, T& out, T init, Op op, T& aggregate) {
        scan(in, out, op, &init, false, aggregate);
    }
    template <class Op> void InclusiveScan(T in, T& out, Op op) { T agg; InclusiveScan(in, out, op, agg); }
    template <class Op> void InclusiveScan(T in, T& out, Op op, T& aggregate) {
        scan(in, out, op, nullptr, true, aggregate);
    }

    // ITEMS per work-item, blocked arrangement (in and out may be the same array)
    template <int ITEMS> void ExclusiveSum(T (&in)[ITEMS], T (&out)[ITEMS]) { T agg; ExclusiveSum(in, out, agg); }
    template <int ITEMS> void ExclusiveSum(T (&in)[ITEMS], T (&out)[ITEMS], T& aggregate) {
        scan_items(in, out, cub::Sum(), nullptr, false, aggregate);
    }
    template <int ITEMS> void InclusiveSum(T (&in)[ITEMS], T (&out)[ITEMS]) { T agg; InclusiveSum(in, out, agg); }
    template <int ITEMS> void InclusiveSum(T (&in)[ITEMS], T (&out)[ITEMS], T& aggregate) {
        scan_items(in, out, cub::Sum(), nullptr, true, aggregate);
    }
    template <int ITEMS, class Op> void ExclusiveScan(T (&in)[ITEMS], T (&out)[ITEMS], T init, Op op) {
        T agg;
        scan_items(in, out, op, &init, false, agg);
    }
    template <int ITEMS, class Op> void ExclusiveScan(T (&in)[ITEMS], T (&out)[ITEMS], T init, Op op, T& aggregate) {
        scan_items(in, out, op, &init, false, aggregate);
    }
    template <int ITEMS, class Op> void InclusiveScan(T (&in)[ITEMS], T (&out)[ITEMS], Op op) {
        T agg;
        scan_items(in, out, op, nullptr, true, agg);
    }
    template <int ITEMS, class Op> void InclusiveScan(T (&in)[ITEMS], T (&out)[ITEMS], Op op, T& aggregate) {
        scan_items(in, out, op, nullptr, true, aggregate);
    }

  private:
    template <class Op> void scan(T in, T& out, Op op, const T* init, bool inclusive, T& aggregate) {
        if constexpr (detail::native_op<Op, T>()) {
            using SOp = detail::sycl_op_t<Op, T>;
            auto g = detail::work_group();
            T ex = init ? sycl::exclusive_scan_over_group(g, in, *init, SOp())
                        : sycl::exclusive_scan_over_group(g, in, SOp());
            aggregate = sycl::reduce_over_group(g, in, SOp());
            const bool first = g.get_local_linear_id() == 0 && init == nullptr;
            out = inclusive ? (first ? in : op(ex, in)) : ex;
        } else {
            out = detail::serial_scan(ts_.buf, BLOCK_THREADS, in, op, init, inclusive, aggregate);
        }
    }
    template <int ITEMS, class Op> void scan_items(T (&in)[ITEMS], T (&out)[ITEMS], Op op, const T* init,
                                                   bool inclusive, T& aggregate) {
        T partial = in[0];
        for (int i = 1; i < ITEMS; ++i) partial = op(partial, in[i]);
        T prefix;
        scan(partial, prefix, op, init, false, aggregate);  // what precedes this work-item's first item
        const bool first = detail::linear_id() == 0 && init == nullptr;
        T run = prefix;
        for (int i = 0; i < ITEMS; ++i) {
            T cur = in[i];
            T next = (first && i == 0) ? cur : op(run, cur);
            out[i] = inclusive ? next : (first && i == 0 ? T() : run);
            run = next;
        }
    }

    TempStorage& ts_;
};

// ---- BlockLoad / BlockStore -----------------------------------------------------------------------------
template <class T, int BLOCK_DIM_X, int ITEMS_PER_THREAD, BlockLoadAlgorithm ALGORITHM = BLOCK_LOAD_DIRECT,
          int BLOCK_DIM_Y = 1, int BLOCK_DIM_Z = 1>
class BlockLoad {
  public:
    static constexpr int BLOCK_THREADS = BLOCK_DIM_X * BLOCK_DIM_Y * BLOCK_DIM_Z;
    struct TempStorage {
        char unused;
    };

    BlockLoad() {}
    explicit BlockLoad(TempStorage&) {}

    template <class It> void Load(It block_begin, T (&items)[ITEMS_PER_THREAD]) {
        for (int i = 0; i < ITEMS_PER_THREAD; ++i) items[i] = block_begin[index(i)];
    }
    template <class It> void Load(It block_begin, T (&items)[ITEMS_PER_THREAD], int valid_items) {
        for (int i = 0; i < ITEMS_PER_THREAD; ++i)
            if (index(i) < valid_items) items[i] = block_begin[index(i)];
    }
    template <class It, class D> void Load(It block_begin, T (&items)[ITEMS_PER_THREAD], int valid_items, D oob) {
        for (int i = 0; i < ITEMS_PER_THREAD; ++i)
            items[i] = index(i) < valid_items ? T(block_begin[index(i)]) : T(oob);
    }

  private:
    static int index(int i) {
        const int t = detail::linear_id();
        return ALGORITHM == BLOCK_LOAD_STRIPED ? i * BLOCK_THREADS + t : t * ITEMS_PER_THREAD + i;
    }
};

template <class T, int BLOCK_DIM_X, int ITEMS_PER_THREAD, BlockStoreAlgorithm ALGORITHM = BLOCK_STORE_DIRECT,
          int BLOCK_DIM_Y = 1, int BLOCK_DIM_Z = 1>
class BlockStore {
  public:
    static constexpr int BLOCK_THREADS = BLOCK_DIM_X * BLOCK_DIM_Y * BLOCK_DIM_Z;
    struct TempStorage {
        char unused;
    };

    BlockStore() {}
    explicit BlockStore(TempStorage&) {}

    template <class It> void Store(It block_begin, T (&items)[ITEMS_PER_THREAD]) {
        for (int i = 0; i < ITEMS_PER_THREAD; ++i) block_begin[index(i)] = items[i];
    }
    template <class It> void Store(It block_begin, T (&items)[ITEMS_PER_THREAD], int valid_items) {
        for (int i = 0; i < ITEMS_PER_THREAD; ++i)
            if (index(i) < valid_items) block_begin[index(i)] = items[i];
    }

  private:
    static int index(int i) {
        const int t = detail::linear_id();
        return ALGORITHM == BLOCK_STORE_STRIPED ? i * BLOCK_THREADS + t : t * ITEMS_PER_THREAD + i;
    }
};

// ---- BlockAdjacentDifference ----------------------------------------------------------------------------
template <class T, int BLOCK_DIM_X, int BLOCK_DIM_Y = 1, int BLOCK_DIM_Z = 1>
class BlockAdjacentDifference {
  public:
    static constexpr int BLOCK_THREADS = BLOCK_DIM_X * BLOCK_DIM_Y * BLOCK_DIM_Z;
    struct TempStorage {
        T edge[BLOCK_THREADS];
    };

    BlockAdjacentDifference() = delete;
    explicit BlockAdjacentDifference(TempStorage& storage) : ts_(storage) {}

    // output[i] = op(input[i], input[i - 1]); the block's first item is copied
    template <int ITEMS, class OutT, class Op> void SubtractLeft(T (&input)[ITEMS], OutT (&output)[ITEMS], Op op) {
        left(input, output, op, nullptr);
    }
    template <int ITEMS, class OutT, class Op>
    void SubtractLeft(T (&input)[ITEMS], OutT (&output)[ITEMS], Op op, T tile_predecessor_item) {
        left(input, output, op, &tile_predecessor_item);
    }
    // output[i] = op(input[i], input[i + 1]); the block's last item is copied
    template <int ITEMS, class OutT, class Op> void SubtractRight(T (&input)[ITEMS], OutT (&output)[ITEMS], Op op) {
        right(input, output, op, nullptr);
    }
    template <int ITEMS, class OutT, class Op>
    void SubtractRight(T (&input)[ITEMS], OutT (&output)[ITEMS], Op op, T tile_successor_item) {
        right(input, output, op, &tile_successor_item);
    }

  private:
    template <int ITEMS, class OutT, class Op> void left(T (&input)[ITEMS], OutT (&output)[ITEMS], Op op, const T* pred) {
        const int t = detail::linear_id();
        ts_.edge[t] = input[ITEMS - 1];
        detail::barrier();
        const bool has_prev = t > 0 || pred != nullptr;
        T prev = t > 0 ? ts_.edge[t - 1] : (pred ? *pred : input[0]);
        for (int i = ITEMS - 1; i > 0; --i) output[i] = op(input[i], input[i - 1]);
        output[0] = has_prev ? OutT(op(input[0], prev)) : OutT(input[0]);
        detail::barrier();
    }
    template <int ITEMS, class OutT, class Op> void right(T (&input)[ITEMS], OutT (&output)[ITEMS], Op op, const T* succ) {
        const int t = detail::linear_id();
        ts_.edge[t] = input[0];
        detail::barrier();
        const bool has_next = t < BLOCK_THREADS - 1 || succ != nullptr;
        T next = t < BLOCK_THREADS - 1 ? ts_.edge[t + 1] : (succ ? *succ : input[ITEMS - 1]);
        for (int i = 0; i < ITEMS - 1; ++i) output[i] = op(input[i], input[i + 1]);
        output[ITEMS - 1] = has_next ? OutT(op(input[ITEMS - 1], next)) : OutT(input[ITEMS - 1]);
        detail::barrier();
    }

    TempStorage& ts_;
};

// ---- WarpReduce / WarpScan: the CUDA warp is the kernel's sub-group (the translator asks for size 32) -------
template <class T, int LOGICAL_WARP_THREADS = 32>
class WarpReduce {
  public:
    struct TempStorage {
        char unused;
    };
    explicit WarpReduce(TempStorage&) {}

    T Sum(T x) { return sycl::reduce_over_group(sub_group(), x, sycl::plus<T>()); }
    template <class Op> T Reduce(T x, Op op) {
        static_assert(detail::native_op<Op, T>(), "cpsycl::cub::WarpReduce takes cub::Sum/Max/Min or sycl operators");
        return sycl::reduce_over_group(sub_group(), x, detail::sycl_op_t<Op, T>());
    }

  private:
    static sycl::sub_group sub_group() {
        static_assert(LOGICAL_WARP_THREADS == 32, "cpsycl::cub::WarpReduce maps whole 32-lane warps only");
        return sycl::ext::oneapi::this_work_item::get_sub_group();
    }
};

template <class T, int LOGICAL_WARP_THREADS = 32>
class WarpScan {
  public:
    struct TempStorage {
        char unused;
    };
    explicit WarpScan(TempStorage&) {}

    void ExclusiveSum(T in, T& out) { out = sycl::exclusive_scan_over_group(sub_group(), in, sycl::plus<T>()); }
    void ExclusiveSum(T in, T& out, T& aggregate) {
        out = sycl::exclusive_scan_over_group(sub_group(), in, sycl::plus<T>());
        aggregate = sycl::reduce_over_group(sub_group(), in, sycl::plus<T>());
    }
    void InclusiveSum(T in, T& out) { out = sycl::inclusive_scan_over_group(sub_group(), in, sycl::plus<T>()); }
    void InclusiveSum(T in, T& out, T& aggregate) {
        out = sycl::inclusive_scan_over_group(sub_group(), in, sycl::plus<T>());
        aggregate = sycl::reduce_over_group(sub_group(), in, sycl::plus<T>());
    }

  private:
    static sycl::sub_group sub_group() {
        static_assert(LOGICAL_WARP_THREADS == 32, "cpsycl::cub::WarpScan maps whole 32-lane warps only");
        return sycl::ext::oneapi::this_work_item::get_sub_group();
    }
};

}  // namespace cub
}  // namespace cpsycl

#include "cub_device.hpp"  // fancy iterators, utilities and the device-wide algorithms (oneDPL)
