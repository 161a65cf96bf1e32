// cudaport SYCL runtime: the part of thrust CUDA programs use, as a thin layer over oneDPL.
// oneDPL has the algorithms (oneapi::dpl::sort, sort_by_key, reduce, inclusive_scan, min/max_element, ...) but
// not thrust's host objects, so this header adds them: device_vector (USM device memory of the stream-0 queue),
// host_vector (a std::vector that copies to and from device vectors), device_ptr (a typed device iterator that
// tells device data from host data, as thrust's iterator system tags do), and the execution policies
// thrust::device, thrust::host, thrust::cuda::par(.on(stream)) and par_nosync. An algorithm runs on the device
// (oneDPL's device policy on the policy's or the default queue, with the raw USM pointers) when it is given a
// device policy or device iterators, and on the host (the C++ standard algorithm) otherwise. What oneDPL lacks
// (sequence, scatter, gather) is a parallel_for. thrust::tuple, pair and the function objects are the standard
// ones. Everything else of thrust is reported by the translator (CP2008) at its use.
#pragma once

#include <sycl/sycl.hpp>
#ifndef SYCL_LANGUAGE_VERSION
#define SYCL_LANGUAGE_VERSION 202012  // oneDPL's device policies test it; a SYCL compiler defines it
#endif
#include <oneapi/dpl/algorithm>
#include <oneapi/dpl/execution>
#include <oneapi/dpl/iterator>
#include <oneapi/dpl/numeric>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <iterator>
#include <numeric>
#include <random>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <cudaport_sycl.hpp>  // by the search path, as translated files name it: one copy even when it is precompiled

// The thrust release whose API this layer follows where it maps it (par_nosync is thrust 1.16's): programs pick
// APIs by it (`#if THRUST_VERSION < 101600`), so it says what they get here, not which thrust is installed.
#define THRUST_VERSION 101700
#define THRUST_MAJOR_VERSION 1
#define THRUST_MINOR_VERSION 17
#define THRUST_SUBMINOR_VERSION 0

namespace thrust {

using std::get;
using std::make_pair;
using std::make_tuple;
using std::pair;
using std::tie;
using std::tuple;
using std::tuple_element;
using std::tuple_size;

template <class T = void> using plus = std::plus<T>;
template <class T = void> using minus = std::minus<T>;
template <class T = void> using multiplies = std::multiplies<T>;
template <class T = void> using divides = std::divides<T>;
template <class T = void> using modulus = std::modulus<T>;
template <class T = void> using negate = std::negate<T>;
template <class T = void> using less = std::less<T>;
template <class T = void> using greater = std::greater<T>;
template <class T = void> using less_equal = std::less_equal<T>;
template <class T = void> using greater_equal = std::greater_equal<T>;
template <class T = void> using equal_to = std::equal_to<T>;
template <class T = void> using not_equal_to = std::not_equal_to<T>;
template <class T = void> using logical_and = std::logical_and<T>;
template <class T = void> using logical_or = std::logical_or<T>;
template <class T = void> using bit_and = std::bit_and<T>;
template <class T = void> using bit_or = std::bit_or<T>;
template <class T = void> using bit_xor = std::bit_xor<T>;
template <class T = void> using maximum = oneapi::dpl::maximum<T>;
template <class T = void> using minimum = oneapi::dpl::minimum<T>;
template <class T = void>
struct identity {
  const T& operator()(const T& x) const { return x; }
};

using default_random_engine = std::minstd_rand;  // thrust's default_random_engine is minstd_rand as well

// ---- device memory ---------------------------------------------------------------------------------------------
// A reference to one element of device memory, read and written from the host by copies on the default queue.
template <class T>
class device_reference {
  T* p_;

 public:
  explicit device_reference(T* p) : p_(p) {}
  operator T() const {
    T v;
    cpsycl::default_queue().memcpy(&v, p_, sizeof(T)).wait();
    return v;
  }
  device_reference& operator=(const T& v) {
    cpsycl::default_queue().memcpy(p_, &v, sizeof(T)).wait();
    return *this;
  }
  device_reference& operator=(const device_reference& o) { return *this = static_cast<T>(o); }
};

// A pointer into device memory that is also a random-access iterator (its elements are device_references).
template <class T>
class device_ptr {
  T* p_ = nullptr;

 public:
  using iterator_category = std::random_access_iterator_tag;
  using value_type = std::remove_cv_t<T>;
  using difference_type = std::ptrdiff_t;
  using pointer = T*;
  using reference = device_reference<T>;

  device_ptr() = default;
  explicit device_ptr(T* p) : p_(p) {}
  template <class U, class = std::enable_if_t<std::is_convertible_v<U*, T*>>>
  device_ptr(const device_ptr<U>& o) : p_(o.get()) {}
  T* get() const { return p_; }
  reference operator*() const { return reference(p_); }
  reference operator[](difference_type i) const { return reference(p_ + i); }
  device_ptr& operator++() { ++p_; return *this; }
  device_ptr operator++(int) { device_ptr t = *this; ++p_; return t; }
  device_ptr& operator--() { --p_; return *this; }
  device_ptr operator--(int) { device_ptr t = *this; --p_; return t; }
  device_ptr& operator+=(difference_type n) { p_ += n; return *this; }
  device_ptr& operator-=(difference_type n) { p_ -= n; return *this; }
  friend device_ptr operator+(device_ptr a, difference_type n) { return device_ptr(a.p_ + n); }
  friend device_ptr operator+(difference_type n, device_ptr a) { return device_ptr(a.p_ + n); }
  friend device_ptr operator-(device_ptr a, difference_type n) { return device_ptr(a.p_ - n); }
  friend difference_type operator-(device_ptr a, device_ptr b) { return a.p_ - b.p_; }
  friend bool operator==(device_ptr a, device_ptr b) { return a.p_ == b.p_; }
  friend bool operator!=(device_ptr a, device_ptr b) { return a.p_ != b.p_; }
  friend bool operator<(device_ptr a, device_ptr b) { return a.p_ < b.p_; }
  friend bool operator>(device_ptr a, device_ptr b) { return a.p_ > b.p_; }
  friend bool operator<=(device_ptr a, device_ptr b) { return a.p_ <= b.p_; }
  friend bool operator>=(device_ptr a, device_ptr b) { return a.p_ >= b.p_; }
};

template <class T>
T* raw_pointer_cast(device_ptr<T> p) { return p.get(); }
template <class T>
T* raw_pointer_cast(T* p) { return p; }
template <class T>
device_ptr<T> device_pointer_cast(T* p) { return device_ptr<T>(p); }
template <class T>
device_ptr<T> device_pointer_cast(device_ptr<T> p) { return p; }

template <class T>
class host_vector;

// A vector in USM device memory of the default queue (the stream-0 queue of the translated program).
template <class T>
class device_vector {
  T* p_ = nullptr;
  std::size_t n_ = 0;

  static sycl::queue& q() { return cpsycl::default_queue(); }
  void allocate(std::size_t n) {
    p_ = n ? sycl::malloc_device<T>(n, q()) : nullptr;
    n_ = n;
  }
  void assign_host(const T* src, std::size_t n) {
    reset(n);
    if (n) q().memcpy(p_, src, n * sizeof(T)).wait();
  }
  void reset(std::size_t n) {
    if (n == n_) return;
    if (p_) sycl::free(p_, q());
    allocate(n);
  }

 public:
  using value_type = T;
  using size_type = std::size_t;
  using iterator = device_ptr<T>;
  using const_iterator = device_ptr<const T>;
  using reference = device_reference<T>;
  using pointer = device_ptr<T>;

  device_vector() = default;
  explicit device_vector(std::size_t n) { allocate(n); }
  device_vector(std::size_t n, const T& v) {
    allocate(n);
    if (n) q().fill(p_, v, n).wait();
  }
  device_vector(const device_vector& o) {
    allocate(o.n_);
    if (n_) q().memcpy(p_, o.p_, n_ * sizeof(T)).wait();
  }
  device_vector(device_vector&& o) noexcept : p_(o.p_), n_(o.n_) { o.p_ = nullptr; o.n_ = 0; }
  template <class A>
  device_vector(const std::vector<T, A>& h) { assign_host(h.data(), h.size()); }
  template <class It, class = std::enable_if_t<!std::is_integral_v<It>>>
  device_vector(It first, It last) {
    std::vector<T> h(first, last);
    assign_host(h.data(), h.size());
  }
  ~device_vector() {
    if (p_) sycl::free(p_, q());
  }
  device_vector& operator=(const device_vector& o) {
    if (this != &o) {
      reset(o.n_);
      if (n_) q().memcpy(p_, o.p_, n_ * sizeof(T)).wait();
    }
    return *this;
  }
  device_vector& operator=(device_vector&& o) noexcept {
    std::swap(p_, o.p_);
    std::swap(n_, o.n_);
    return *this;
  }
  template <class A>
  device_vector& operator=(const std::vector<T, A>& h) {
    assign_host(h.data(), h.size());
    return *this;
  }

  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  // Keeps the first min(n, size()) elements; new elements are value-initialised as in thrust.
  void resize(std::size_t n, const T& v = T()) {
    if (n == n_) return;
    T* old = p_;
    std::size_t keep = std::min(n, n_);
    allocate(n);
    if (keep) q().memcpy(p_, old, keep * sizeof(T)).wait();
    if (n > keep) q().fill(p_ + keep, v, n - keep).wait();
    if (old) sycl::free(old, q());
  }
  void clear() { reset(0); }
  iterator begin() { return iterator(p_); }
  iterator end() { return iterator(p_ + n_); }
  const_iterator begin() const { return const_iterator(p_); }
  const_iterator end() const { return const_iterator(p_ + n_); }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }
  pointer data() { return pointer(p_); }
  const_iterator data() const { return const_iterator(p_); }
  reference operator[](std::size_t i) { return reference(p_ + i); }
  T operator[](std::size_t i) const { return reference(p_ + i); }
  reference front() { return reference(p_); }
  reference back() { return reference(p_ + n_ - 1); }
  T front() const { return reference(p_); }
  T back() const { return reference(p_ + n_ - 1); }
};

// A host vector: std::vector with thrust's copies from device vectors.
template <class T>
class host_vector : public std::vector<T> {
 public:
  using std::vector<T>::vector;
  host_vector() = default;
  host_vector(const std::vector<T>& v) : std::vector<T>(v) {}
  host_vector(const device_vector<T>& d) : std::vector<T>(d.size()) { copy_from(d); }
  host_vector& operator=(const device_vector<T>& d) {
    this->resize(d.size());
    copy_from(d);
    return *this;
  }

 private:
  void copy_from(const device_vector<T>& d) {
    if (d.size()) cpsycl::default_queue().memcpy(this->data(), d.data().get(), d.size() * sizeof(T)).wait();
  }
};

// ---- execution policies -------------------------------------------------------------------------------------
namespace detail {

struct host_policy {};
// A device policy: the queue its algorithms run on. Every algorithm waits for its work, par_nosync's too: thrust
// allows par_nosync not to wait, never requires it, and the other queues do not wait for this one (cpsycl's
// streams do not synchronise with the default stream), so a later algorithm on another queue sees the results.
struct device_policy {
  sycl::queue* queue = nullptr;
  sycl::queue& get() const { return queue ? *queue : cpsycl::default_queue(); }
  device_policy on(cpsycl::stream_t s) const { return device_policy{&cpsycl::queue_of(s)}; }
  auto dpl() const { return oneapi::dpl::execution::make_device_policy(get()); }
};

template <class P>
inline constexpr bool is_policy_v = std::is_same_v<std::decay_t<P>, host_policy> ||
                                    std::is_same_v<std::decay_t<P>, device_policy>;

template <class It>
struct is_device_iterator : std::false_type {};
template <class T>
struct is_device_iterator<device_ptr<T>> : std::true_type {};

// What oneDPL is given for an iterator: the raw USM pointer of a device_ptr, oneDPL's own iterator for thrust's
// adapted iterators (specialised below with them), the iterator itself otherwise.
template <class It>
struct raw_type {
  using type = It;
};
template <class T>
struct raw_type<device_ptr<T>> {
  using type = T*;
};
template <class It>
using raw_t = typename raw_type<std::decay_t<It>>::type;

template <class It>
raw_t<It> raw(const It& it) {
  if constexpr (std::is_pointer_v<raw_t<It>> && !std::is_pointer_v<It>) return it.get();
  else return static_cast<raw_t<It>>(it);
}

// The result iterator in the caller's kind: a device_ptr where the caller passed one.
template <class Like, class R>
auto wrap(R r) {
  if constexpr (is_device_iterator<Like>::value) return device_ptr<std::remove_pointer_t<R>>(r);
  else return r;
}

// Calls f(policy, args...) with the caller's policy, or on the device when an iterator argument is a device one
// (thrust's rule: the system of the iterators decides), else on the host.
template <class F, class First, class... A>
auto dispatch(F f, First&& first, A&&... a) {
  if constexpr (is_policy_v<First>) return f(first, std::forward<A>(a)...);
  else if constexpr (is_device_iterator<std::decay_t<First>>::value ||
                     (is_device_iterator<std::decay_t<A>>::value || ...))
    return f(device_policy{}, std::forward<First>(first), std::forward<A>(a)...);
  else return f(host_policy{}, std::forward<First>(first), std::forward<A>(a)...);
}

template <class P>
inline constexpr bool on_device_v = std::is_same_v<std::decay_t<P>, device_policy>;

}  // namespace detail

// ---- fancy iterators -----------------------------------------------------------------------------------------
// thrust's iterators on oneDPL's (which a device policy reads on the device). Each wraps the oneDPL iterator of
// the raw pointers, so oneDPL gets its own type; `it + n` and `it - n` keep thrust's type (first and last of a
// range must have one type).
#define CUDAPORT_THRUST_ADAPTED_ARITHMETIC(X)                                                              \
  using difference_type = typename base::difference_type;                                                 \
  friend X operator+(const X& a, difference_type n) { return X(static_cast<const base&>(a) + n); }         \
  friend X operator+(difference_type n, const X& a) { return X(static_cast<const base&>(a) + n); }         \
  friend X operator-(const X& a, difference_type n) { return X(static_cast<const base&>(a) - n); }         \
  friend difference_type operator-(const X& a, const X& b) {                                              \
    return static_cast<const base&>(a) - static_cast<const base&>(b);                                     \
  }

namespace detail {
template <class T>
struct constant_fn {
  T value;
  template <class I>
  T operator()(const I&) const { return value; }
};
}  // namespace detail

template <class T>
class counting_iterator : public oneapi::dpl::counting_iterator<T> {
  using base = oneapi::dpl::counting_iterator<T>;

 public:
  counting_iterator() = default;
  counting_iterator(T v) : base(v) {}
  counting_iterator(const base& b) : base(b) {}
  CUDAPORT_THRUST_ADAPTED_ARITHMETIC(counting_iterator)
};

template <class F, class It>
class transform_iterator : public oneapi::dpl::transform_iterator<detail::raw_t<It>, F> {
  using base = oneapi::dpl::transform_iterator<detail::raw_t<It>, F>;

 public:
  transform_iterator(It it, F f) : base(detail::raw(it), f) {}
  transform_iterator(const base& b) : base(b) {}
  CUDAPORT_THRUST_ADAPTED_ARITHMETIC(transform_iterator)
};

template <class E, class I>
class permutation_iterator
    : public oneapi::dpl::permutation_iterator<detail::raw_t<E>,
                                               detail::raw_t<I>> {
  using base = oneapi::dpl::permutation_iterator<detail::raw_t<E>,
                                                 detail::raw_t<I>>;

 public:
  permutation_iterator(E elements, I indices) : base(detail::raw(elements), detail::raw(indices)) {}
  permutation_iterator(const base& b) : base(b) {}
  CUDAPORT_THRUST_ADAPTED_ARITHMETIC(permutation_iterator)
};

// oneDPL has no constant iterator: a transform of a counting iterator that returns the value.
template <class T, class Incr = std::ptrdiff_t>
class constant_iterator
    : public oneapi::dpl::transform_iterator<oneapi::dpl::counting_iterator<Incr>, detail::constant_fn<T>> {
  using base = oneapi::dpl::transform_iterator<oneapi::dpl::counting_iterator<Incr>, detail::constant_fn<T>>;

 public:
  constant_iterator(T v, Incr i = 0) : base(oneapi::dpl::counting_iterator<Incr>(i), detail::constant_fn<T>{v}) {}
  constant_iterator(const base& b) : base(b) {}
  CUDAPORT_THRUST_ADAPTED_ARITHMETIC(constant_iterator)
};

#undef CUDAPORT_THRUST_ADAPTED_ARITHMETIC

template <class T>
counting_iterator<T> make_counting_iterator(T v) { return counting_iterator<T>(v); }
template <class It, class F>
transform_iterator<F, It> make_transform_iterator(It it, F f) { return transform_iterator<F, It>(it, f); }
template <class E, class I>
permutation_iterator<E, I> make_permutation_iterator(E e, I i) { return permutation_iterator<E, I>(e, i); }
template <class T>
constant_iterator<T> make_constant_iterator(T v) { return constant_iterator<T>(v); }

template <class It>
struct iterator_difference {
  using type = typename std::iterator_traits<It>::difference_type;
};
template <class It>
struct iterator_value {
  using type = typename std::iterator_traits<It>::value_type;
};
using std::iterator_traits;

namespace detail {
// An adapted iterator is on the device when what it reads is; counting and constant iterators are on neither.
template <class F, class It>
struct is_device_iterator<transform_iterator<F, It>> : is_device_iterator<It> {};
template <class E, class I>
struct is_device_iterator<permutation_iterator<E, I>> : is_device_iterator<E> {};

template <class T>
struct raw_type<counting_iterator<T>> {
  using type = oneapi::dpl::counting_iterator<T>;
};
template <class F, class It>
struct raw_type<transform_iterator<F, It>> {
  using type = oneapi::dpl::transform_iterator<raw_t<It>, F>;
};
template <class E, class I>
struct raw_type<permutation_iterator<E, I>> {
  using type = oneapi::dpl::permutation_iterator<raw_t<E>, raw_t<I>>;
};
template <class T, class Incr>
struct raw_type<constant_iterator<T, Incr>> {
  using type = oneapi::dpl::transform_iterator<oneapi::dpl::counting_iterator<Incr>, constant_fn<T>>;
};
}  // namespace detail

inline constexpr detail::host_policy host{};
inline constexpr detail::device_policy device{};
namespace cuda {
inline constexpr detail::device_policy par{};
inline constexpr detail::device_policy par_nosync{};
}  // namespace cuda

// ---- algorithms -----------------------------------------------------------------------------------------------
// Each takes an optional policy first; `P` is the policy dispatch chose.
#define CUDAPORT_THRUST_ALGORITHM(name, impl) \
  template <class... A>                       \
  auto name(A&&... a) { return detail::dispatch(impl, std::forward<A>(a)...); }

namespace detail {

struct sort_fn {
  template <class P, class It, class... C>
  void operator()(const P& p, It first, It last, C... comp) const {
    if constexpr (on_device_v<P>) oneapi::dpl::sort(p.dpl(), raw(first), raw(last), comp...);
    else std::sort(first, last, comp...);
  }
};
struct stable_sort_fn {
  template <class P, class It, class... C>
  void operator()(const P& p, It first, It last, C... comp) const {
    if constexpr (on_device_v<P>) oneapi::dpl::stable_sort(p.dpl(), raw(first), raw(last), comp...);
    else std::stable_sort(first, last, comp...);
  }
};
struct sort_by_key_fn {
  template <class P, class K, class V, class... C>
  void operator()(const P& p, K first, K last, V values, C... comp) const {
    if constexpr (on_device_v<P>) {
      oneapi::dpl::sort_by_key(p.dpl(), raw(first), raw(last), raw(values), comp...);
    } else {  // the host: sort an index permutation, then apply it to both ranges
      using KT = typename std::iterator_traits<K>::value_type;
      using VT = typename std::iterator_traits<V>::value_type;
      std::vector<std::pair<KT, VT>> kv;
      for (K k = first; k != last; ++k, ++values) kv.emplace_back(*k, *values);
      auto by_key = [&](const std::pair<KT, VT>& a, const std::pair<KT, VT>& b) {
        if constexpr (sizeof...(C) == 0) return a.first < b.first;
        else return (comp(a.first, b.first), ...);
      };
      std::stable_sort(kv.begin(), kv.end(), by_key);
      values -= static_cast<std::ptrdiff_t>(kv.size());
      for (auto& e : kv) *first++ = e.first, *values++ = e.second;
    }
  }
};
struct is_sorted_fn {
  template <class P, class It, class... C>
  bool operator()(const P& p, It first, It last, C... comp) const {
    if constexpr (on_device_v<P>) return oneapi::dpl::is_sorted(p.dpl(), raw(first), raw(last), comp...);
    else return std::is_sorted(first, last, comp...);
  }
};
struct reduce_fn {
  template <class P, class It, class... R>
  auto operator()(const P& p, It first, It last, R... rest) const {
    using T = typename std::iterator_traits<It>::value_type;
    if constexpr (sizeof...(R) == 0) return (*this)(p, first, last, T());
    else if constexpr (on_device_v<P>) return oneapi::dpl::reduce(p.dpl(), raw(first), raw(last), rest...);
    else return std::reduce(first, last, rest...);
  }
};
struct transform_fn {  // unary (first, last, out, op) and binary (first1, last1, first2, out, op)
  template <class P, class It, class... R>
  auto operator()(const P& p, It first, It last, R... rest) const {
    if constexpr (on_device_v<P>) return wrap<It>(oneapi::dpl::transform(p.dpl(), raw(first), raw(last), raw(rest)...));
    else return std::transform(first, last, rest...);
  }
};
struct transform_reduce_fn {  // (first, last, unary_op, init, binary_op), thrust's argument order
  template <class P, class It, class U, class T, class B>
  T operator()(const P& p, It first, It last, U unary, T init, B binary) const {
    if constexpr (on_device_v<P>)
      return oneapi::dpl::transform_reduce(p.dpl(), raw(first), raw(last), init, binary, unary);
    else return std::transform_reduce(first, last, init, binary, unary);
  }
};
struct inclusive_scan_fn {
  template <class P, class It, class O, class... R>
  O operator()(const P& p, It first, It last, O out, R... op) const {
    if constexpr (on_device_v<P>) return wrap<O>(oneapi::dpl::inclusive_scan(p.dpl(), raw(first), raw(last), raw(out), op...));
    else return std::inclusive_scan(first, last, out, op...);
  }
};
struct exclusive_scan_fn {
  template <class P, class It, class O, class... R>
  O operator()(const P& p, It first, It last, O out, R... rest) const {
    using T = typename std::iterator_traits<It>::value_type;
    if constexpr (sizeof...(R) == 0) return (*this)(p, first, last, out, T());
    else if constexpr (on_device_v<P>)
      return wrap<O>(oneapi::dpl::exclusive_scan(p.dpl(), raw(first), raw(last), raw(out), rest...));
    else return std::exclusive_scan(first, last, out, rest...);
  }
};
struct copy_fn {  // device to device, or host to host; copies across spaces go through device_vector
  template <class P, class It, class O>
  O operator()(const P& p, It first, It last, O out) const {
    if constexpr (on_device_v<P>) return wrap<O>(oneapi::dpl::copy(p.dpl(), raw(first), raw(last), raw(out)));
    else return std::copy(first, last, out);
  }
};
struct copy_if_fn {
  template <class P, class It, class O, class Pred>
  O operator()(const P& p, It first, It last, O out, Pred pred) const {
    if constexpr (on_device_v<P>) return wrap<O>(oneapi::dpl::copy_if(p.dpl(), raw(first), raw(last), raw(out), pred));
    else return std::copy_if(first, last, out, pred);
  }
};
struct count_fn {
  template <class P, class It, class T>
  auto operator()(const P& p, It first, It last, const T& v) const {
    if constexpr (on_device_v<P>) return oneapi::dpl::count(p.dpl(), raw(first), raw(last), v);
    else return std::count(first, last, v);
  }
};
struct count_if_fn {
  template <class P, class It, class Pred>
  auto operator()(const P& p, It first, It last, Pred pred) const {
    if constexpr (on_device_v<P>) return oneapi::dpl::count_if(p.dpl(), raw(first), raw(last), pred);
    else return std::count_if(first, last, pred);
  }
};
struct fill_fn {
  template <class P, class It, class T>
  void operator()(const P& p, It first, It last, const T& v) const {
    if constexpr (on_device_v<P>) oneapi::dpl::fill(p.dpl(), raw(first), raw(last), v);
    else std::fill(first, last, v);
  }
};
struct for_each_fn {
  template <class P, class It, class F>
  void operator()(const P& p, It first, It last, F f) const {
    if constexpr (on_device_v<P>) oneapi::dpl::for_each(p.dpl(), raw(first), raw(last), f);
    else std::for_each(first, last, f);
  }
};
struct min_element_fn {
  template <class P, class It, class... C>
  It operator()(const P& p, It first, It last, C... comp) const {
    if constexpr (on_device_v<P>) return wrap<It>(oneapi::dpl::min_element(p.dpl(), raw(first), raw(last), comp...));
    else return std::min_element(first, last, comp...);
  }
};
struct max_element_fn {
  template <class P, class It, class... C>
  It operator()(const P& p, It first, It last, C... comp) const {
    if constexpr (on_device_v<P>) return wrap<It>(oneapi::dpl::max_element(p.dpl(), raw(first), raw(last), comp...));
    else return std::max_element(first, last, comp...);
  }
};
struct minmax_element_fn {
  template <class P, class It, class... C>
  pair<It, It> operator()(const P& p, It first, It last, C... comp) const {
    if constexpr (on_device_v<P>) {
      auto r = oneapi::dpl::minmax_element(p.dpl(), raw(first), raw(last), comp...);
      return {wrap<It>(r.first), wrap<It>(r.second)};
    } else {
      return std::minmax_element(first, last, comp...);
    }
  }
};
struct unique_fn {
  template <class P, class It, class... C>
  It operator()(const P& p, It first, It last, C... eq) const {
    if constexpr (on_device_v<P>) return wrap<It>(oneapi::dpl::unique(p.dpl(), raw(first), raw(last), eq...));
    else return std::unique(first, last, eq...);
  }
};
// sequence, scatter and gather have no oneDPL algorithm: a parallel_for on the policy's queue.
struct sequence_fn {
  template <class P, class It, class... R>
  void operator()(const P& p, It first, It last, R... rest) const {
    using T = typename std::iterator_traits<It>::value_type;
    const T init = std::get<0>(std::tuple<R..., T, T>(rest..., T(0), T(1)));
    const T step = std::get<1>(std::tuple<R..., T, T>(rest..., T(1), T(1)));
    if constexpr (on_device_v<P>) {
      T* out = raw(first);
      std::size_t n = static_cast<std::size_t>(last - first);
      sycl::event e = p.get().parallel_for(sycl::range<1>(n), [=](sycl::id<1> i) {
        out[i] = init + static_cast<T>(i[0]) * step;
      });
      e.wait();
    } else {
      for (std::size_t i = 0; first != last; ++first, ++i) *first = init + static_cast<T>(i) * step;
    }
  }
};
struct scatter_fn {  // out[map[i]] = in[i]
  template <class P, class It, class M, class O>
  void operator()(const P& p, It first, It last, M map, O out) const {
    if constexpr (on_device_v<P>) {
      auto in = raw(first);
      auto m = raw(map);
      auto o = raw(out);
      sycl::event e = p.get().parallel_for(sycl::range<1>(static_cast<std::size_t>(last - first)),
                                           [=](sycl::id<1> i) { o[m[i[0]]] = in[i[0]]; });
      e.wait();
    } else {
      for (; first != last; ++first, ++map) out[*map] = *first;
    }
  }
};
struct gather_fn {  // out[i] = in[map[i]]
  template <class P, class M, class It, class O>
  O operator()(const P& p, M map_first, M map_last, It in, O out) const {
    std::size_t n = static_cast<std::size_t>(map_last - map_first);
    if constexpr (on_device_v<P>) {
      auto m = raw(map_first);
      auto src = raw(in);
      auto o = raw(out);
      sycl::event e = p.get().parallel_for(sycl::range<1>(n), [=](sycl::id<1> i) { o[i[0]] = src[m[i[0]]]; });
      e.wait();
    } else {
      for (; map_first != map_last; ++map_first, ++out) *out = in[*map_first];
      return out;
    }
    return out + static_cast<std::ptrdiff_t>(n);
  }
};
// thrust::shuffle on host data (device data would need thrust's own bijection to match its order).
struct shuffle_fn {
  template <class P, class It, class G>
  void operator()(const P&, It first, It last, G&& g) const {
    static_assert(!on_device_v<P>, "cudaport: thrust::shuffle is mapped for host data only");
    std::shuffle(first, last, g);
  }
};

}  // namespace detail

CUDAPORT_THRUST_ALGORITHM(sort, detail::sort_fn{})
CUDAPORT_THRUST_ALGORITHM(stable_sort, detail::stable_sort_fn{})
CUDAPORT_THRUST_ALGORITHM(sort_by_key, detail::sort_by_key_fn{})
CUDAPORT_THRUST_ALGORITHM(stable_sort_by_key, detail::sort_by_key_fn{})
CUDAPORT_THRUST_ALGORITHM(is_sorted, detail::is_sorted_fn{})
CUDAPORT_THRUST_ALGORITHM(reduce, detail::reduce_fn{})
CUDAPORT_THRUST_ALGORITHM(transform, detail::transform_fn{})
CUDAPORT_THRUST_ALGORITHM(transform_reduce, detail::transform_reduce_fn{})
CUDAPORT_THRUST_ALGORITHM(inclusive_scan, detail::inclusive_scan_fn{})
CUDAPORT_THRUST_ALGORITHM(exclusive_scan, detail::exclusive_scan_fn{})
CUDAPORT_THRUST_ALGORITHM(copy, detail::copy_fn{})
CUDAPORT_THRUST_ALGORITHM(copy_if, detail::copy_if_fn{})
CUDAPORT_THRUST_ALGORITHM(count, detail::count_fn{})
CUDAPORT_THRUST_ALGORITHM(count_if, detail::count_if_fn{})
CUDAPORT_THRUST_ALGORITHM(fill, detail::fill_fn{})
CUDAPORT_THRUST_ALGORITHM(for_each, detail::for_each_fn{})
CUDAPORT_THRUST_ALGORITHM(min_element, detail::min_element_fn{})
CUDAPORT_THRUST_ALGORITHM(max_element, detail::max_element_fn{})
CUDAPORT_THRUST_ALGORITHM(minmax_element, detail::minmax_element_fn{})
CUDAPORT_THRUST_ALGORITHM(unique, detail::unique_fn{})
CUDAPORT_THRUST_ALGORITHM(sequence, detail::sequence_fn{})
CUDAPORT_THRUST_ALGORITHM(scatter, detail::scatter_fn{})
CUDAPORT_THRUST_ALGORITHM(gather, detail::gather_fn{})
CUDAPORT_THRUST_ALGORITHM(shuffle, detail::shuffle_fn{})

#undef CUDAPORT_THRUST_ALGORITHM

template <class It>
auto distance(It first, It last) { return std::distance(first, last); }

}  // namespace thrust
