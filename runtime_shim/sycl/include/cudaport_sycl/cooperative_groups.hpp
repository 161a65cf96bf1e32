// cudaport SYCL runtime: CUDA cooperative groups on SYCL 2020 groups.
// A thread block is the work-group (sycl::group<3>), a 32-wide tile is the sub-group of the kernel (the
// translator gives every kernel that makes a tile [[sycl::reqd_sub_group_size(32)]]), a smaller power-of-two
// tile is an aligned slice of that sub-group, and a coalesced group is oneAPI's opportunistic group (the
// work-items that reach the call together). Collective members are SYCL group algorithms: group_barrier,
// select_from_group, reduce_over_group, any_of_group/all_of_group. Work-items are found through oneAPI's
// free function query this_work_item::get_nd_item<3>(), so group objects can be made anywhere in device code.
// Not provided (the translator reports CP2008 at each use): grid and multi-grid groups, dynamic tiles
// (tiled_partition(parent, n)), labeled partitions, memcpy_async, inclusive/exclusive_scan.
#pragma once

#include <sycl/sycl.hpp>

#include <cstdint>
#include <type_traits>

namespace cooperative_groups {
namespace detail {

inline sycl::nd_item<3> item() { return sycl::ext::oneapi::this_work_item::get_nd_item<3>(); }

}  // namespace detail

// The work-group. CUDA's x is SYCL's last dimension, as in every translated kernel.
class thread_block {
 public:
  static void sync() { sycl::group_barrier(detail::item().get_group()); }
  static unsigned long long thread_rank() { return detail::item().get_local_linear_id(); }
  static unsigned long long size() { return detail::item().get_local_range().size(); }
  static unsigned long long num_threads() { return size(); }
  static unsigned long long group_rank() { return detail::item().get_group_linear_id(); }
};

inline thread_block this_thread_block() { return thread_block{}; }

// A static tile of N work-items, N a power of two up to the sub-group size 32.
template <unsigned N>
class thread_block_tile {
  static_assert(N > 0 && N <= 32 && (N & (N - 1)) == 0, "cudaport: tile sizes are powers of two up to 32");

  static sycl::sub_group sg() { return detail::item().get_sub_group(); }
  static unsigned lane() { return sg().get_local_linear_id(); }
  static unsigned base() { return lane() & ~(N - 1); }

 public:
  static void sync() { sycl::group_barrier(sg()); }
  static unsigned long long thread_rank() { return lane() & (N - 1); }
  static constexpr unsigned long long size() { return N; }
  static constexpr unsigned long long num_threads() { return N; }
  static unsigned long long meta_group_rank() { return thread_block::thread_rank() / N; }
  static unsigned long long meta_group_size() { return (thread_block::size() + N - 1) / N; }

  // Every work-item of the sub-group takes part (select_from_group is a sub-group collective); lanes read
  // inside their own tile, as CUDA's tile shuffles do.
  template <typename T>
  static T shfl(T v, int src) {
    return sycl::select_from_group(sg(), v, base() + (static_cast<unsigned>(src) & (N - 1)));
  }
  template <typename T>
  static T shfl_down(T v, unsigned d) {
    unsigned r = static_cast<unsigned>(thread_rank()) + d;
    return sycl::select_from_group(sg(), v, r < N ? base() + r : lane());
  }
  template <typename T>
  static T shfl_up(T v, unsigned d) {
    unsigned r = static_cast<unsigned>(thread_rank());
    return sycl::select_from_group(sg(), v, r >= d ? base() + r - d : lane());
  }
  template <typename T>
  static T shfl_xor(T v, unsigned m) {
    return sycl::select_from_group(sg(), v, base() + ((static_cast<unsigned>(thread_rank()) ^ m) & (N - 1)));
  }
  // The tile's bits of the sub-group's vote (bit i is the tile's work-item i).
  static unsigned ballot(int p) {
    unsigned bits = sycl::reduce_over_group(sg(), p ? (1u << lane()) : 0u, sycl::bit_or<unsigned>());
    return N == 32 ? bits : (bits >> base()) & ((1u << N) - 1u);
  }
  static bool any(int p) { return ballot(p) != 0u; }
  static bool all(int p) { return ballot(p) == (N == 32 ? 0xffffffffu : (1u << N) - 1u); }
};

template <unsigned N>
inline thread_block_tile<N> tiled_partition(const thread_block&) {
  return thread_block_tile<N>{};
}

// The work-items that call together: oneAPI's opportunistic group (a fragment of the sub-group).
class coalesced_group {
  static auto group() { return sycl::ext::oneapi::experimental::this_work_item::get_opportunistic_group(); }

 public:
  static void sync() { sycl::group_barrier(group()); }
  static unsigned long long thread_rank() { return group().get_local_linear_id(); }
  static unsigned long long size() { return group().get_local_linear_range(); }
  static unsigned long long num_threads() { return size(); }
  template <typename T>
  static T shfl(T v, int src) {
    return sycl::select_from_group(group(), v, static_cast<unsigned>(src));
  }
};

inline coalesced_group coalesced_threads() { return coalesced_group{}; }

inline void sync(const thread_block&) { thread_block::sync(); }
template <unsigned N>
inline void sync(const thread_block_tile<N>&) {
  thread_block_tile<N>::sync();
}
inline void sync(const coalesced_group&) { coalesced_group::sync(); }

// cg::reduce's operators: each returns the combined value (greater is the maximum, less the minimum).
template <typename T = void>
struct plus {
  template <typename U>
  U operator()(const U& a, const U& b) const { return a + b; }
};
template <typename T = void>
struct less {
  template <typename U>
  U operator()(const U& a, const U& b) const { return b < a ? b : a; }
};
template <typename T = void>
struct greater {
  template <typename U>
  U operator()(const U& a, const U& b) const { return a < b ? b : a; }
};
template <typename T = void>
struct bit_and {
  template <typename U>
  U operator()(const U& a, const U& b) const { return a & b; }
};
template <typename T = void>
struct bit_or {
  template <typename U>
  U operator()(const U& a, const U& b) const { return a | b; }
};
template <typename T = void>
struct bit_xor {
  template <typename U>
  U operator()(const U& a, const U& b) const { return a ^ b; }
};

namespace detail {

// The SYCL 2020 function object of a cg operator, for reduce_over_group on a whole sub-group.
template <typename Op, typename T>
auto sycl_op(Op) {
  if constexpr (std::is_same_v<Op, plus<T>> || std::is_same_v<Op, plus<>>) return sycl::plus<T>();
  else if constexpr (std::is_same_v<Op, less<T>> || std::is_same_v<Op, less<>>) return sycl::minimum<T>();
  else if constexpr (std::is_same_v<Op, greater<T>> || std::is_same_v<Op, greater<>>) return sycl::maximum<T>();
  else if constexpr (std::is_same_v<Op, bit_and<T>> || std::is_same_v<Op, bit_and<>>) return sycl::bit_and<T>();
  else if constexpr (std::is_same_v<Op, bit_or<T>> || std::is_same_v<Op, bit_or<>>) return sycl::bit_or<T>();
  else if constexpr (std::is_same_v<Op, bit_xor<T>> || std::is_same_v<Op, bit_xor<>>) return sycl::bit_xor<T>();
  else return;
}

}  // namespace detail

// The value combined over the tile, in every work-item of the tile. A 32-wide tile with a cg operator is the
// sub-group's reduce_over_group; smaller tiles and user operators use a butterfly of tile shuffles.
template <unsigned N, typename T, typename Op>
inline T reduce(const thread_block_tile<N>& tile, T v, Op op) {
  using Sycl = decltype(detail::sycl_op<Op, T>(op));
  if constexpr (N == 32 && !std::is_void_v<Sycl>) {
    return sycl::reduce_over_group(detail::item().get_sub_group(), v, detail::sycl_op<Op, T>(op));
  } else {
    for (unsigned m = N / 2; m > 0; m /= 2) v = op(v, tile.shfl_xor(v, m));
    return v;
  }
}

}  // namespace cooperative_groups
