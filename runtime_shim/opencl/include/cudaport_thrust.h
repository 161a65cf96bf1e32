/* cudaport OpenCL runtime shim: thrust's host interface (what every `#include <thrust/...>` becomes on OpenCL).
 *
 * device_vector owns memory from the shim's cudaMalloc (an SVM pointer or a handle: both paths work, all access
 * goes through cudaMemcpy); device_ptr and device_reference read and write it element by element. The
 * algorithms (sort, sort_by_key, reduce, scans, transform, copy, copy_if, fill, sequence, count, extrema, unique,
 * scatter, gather, ...) run on the host: the input range is copied to host memory once, the algorithm runs there
 * with the program's own functors (thrust functors are __host__ __device__), and the outputs are copied back.
 * Results are thrust's (sorts are stable, as thrust's radix sort of primitive keys is; reductions fold left to
 * right); only the speed differs. Every name declared here has its entry in rules/libs/thrust/. Needs C++14. */
#ifndef CUDAPORT_THRUST_H
#define CUDAPORT_THRUST_H

#include "cudaport_opencl.h"
#include "cudaport_thrust_iterators.h"

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

#define THRUST_VERSION 200000
#define THRUST_MAJOR_VERSION 2
#define THRUST_MINOR_VERSION 0

namespace thrust {

/* ---- execution policies: where raw pointers point, and the stream to order against ---------------------- */
template <bool OnDevice>
struct cp_policy {
    cudaStream_t stream;
    cp_policy on(cudaStream_t s) const { return cp_policy{s}; }
};
static const cp_policy<true> device = {nullptr};
static const cp_policy<false> host = {nullptr};
static const cp_policy<false> seq = {nullptr};
namespace cuda {
static const cp_policy<true> par = {nullptr};
static const cp_policy<true> par_nosync = {nullptr};
}  // namespace cuda
namespace system { namespace cuda { using thrust::cuda::par; using thrust::cuda::par_nosync; } }

template <class T> class device_ptr;

/* ---- a reference to one element in device memory ------------------------------------------------------- */
template <class T>
class device_reference {
    using V = typename std::remove_const<T>::type;
    T* p_;

public:
    explicit device_reference(T* p) : p_(p) {}
    operator V() const {
        V v;
        cudaMemcpy(&v, p_, sizeof(V), cudaMemcpyDeviceToHost);
        return v;
    }
    device_reference& operator=(const V& v) {
        cudaMemcpy(const_cast<V*>(p_), &v, sizeof(V), cudaMemcpyHostToDevice);
        return *this;
    }
    device_reference& operator=(const device_reference& o) { return *this = static_cast<V>(o); }
    device_reference& operator+=(const V& v) { return *this = static_cast<V>(*this) + v; }
    device_reference& operator-=(const V& v) { return *this = static_cast<V>(*this) - v; }
    device_reference& operator*=(const V& v) { return *this = static_cast<V>(*this) * v; }
    device_ptr<T> operator&() const { return device_ptr<T>(p_); }
};

/* ---- a pointer into device memory; the iterator of device_vector --------------------------------------- */
template <class T>
class device_ptr {
    T* p_;

public:
    using value_type = typename std::remove_const<T>::type;
    using difference_type = std::ptrdiff_t;
    using pointer = T*;
    using reference = device_reference<T>;
    using iterator_category = std::random_access_iterator_tag;

    device_ptr() : p_(nullptr) {}
    device_ptr(std::nullptr_t) : p_(nullptr) {}
    explicit device_ptr(T* p) : p_(p) {}
    template <class U, class = typename std::enable_if<std::is_convertible<U*, T*>::value>::type>
    device_ptr(const device_ptr<U>& o) : p_(o.get()) {}

    T* get() const { return p_; }
    reference operator*() const { return reference(p_); }
    reference operator[](difference_type i) const { return reference(p_ + i); }
    device_ptr& operator++() { ++p_; return *this; }
    device_ptr operator++(int) { device_ptr t = *this; ++p_; return t; }
    device_ptr& operator--() { --p_; return *this; }
    device_ptr operator--(int) { device_ptr t = *this; --p_; return t; }
    device_ptr& operator+=(difference_type d) { p_ += d; return *this; }
    device_ptr& operator-=(difference_type d) { p_ -= d; return *this; }
    device_ptr operator+(difference_type d) const { return device_ptr(p_ + d); }
    device_ptr operator-(difference_type d) const { return device_ptr(p_ - d); }
    difference_type operator-(const device_ptr& o) const { return p_ - o.p_; }
    bool operator==(const device_ptr& o) const { return p_ == o.p_; }
    bool operator!=(const device_ptr& o) const { return p_ != o.p_; }
    bool operator<(const device_ptr& o) const { return p_ < o.p_; }
    bool operator>(const device_ptr& o) const { return p_ > o.p_; }
    bool operator<=(const device_ptr& o) const { return p_ <= o.p_; }
    bool operator>=(const device_ptr& o) const { return p_ >= o.p_; }
    explicit operator bool() const { return p_ != nullptr; }
};
template <class T> device_ptr<T> operator+(std::ptrdiff_t d, const device_ptr<T>& p) { return p + d; }

template <class T> device_ptr<T> device_pointer_cast(T* p) { return device_ptr<T>(p); }
template <class T> device_ptr<T> device_pointer_cast(const device_ptr<T>& p) { return p; }
template <class T> T* raw_pointer_cast(const device_ptr<T>& p) { return p.get(); }
template <class T> T* raw_pointer_cast(T* p) { return p; }

template <class T> device_ptr<T> device_malloc(std::size_t n) {
    T* p = nullptr;
    cudaMalloc((void**)&p, n * sizeof(T));
    return device_ptr<T>(p);
}
template <class T> void device_free(device_ptr<T> p) { cudaFree((void*)p.get()); }

namespace cp_detail {
template <class It> struct is_device : std::false_type {};
template <class T> struct is_device<device_ptr<T>> : std::true_type {};
template <class It> using value_t = typename std::iterator_traits<It>::value_type;

/* A range's values in host memory. Device ranges are copied once, after the device has finished its work. */
template <class It> std::vector<value_t<It>> load(It first, It last) { return std::vector<value_t<It>>(first, last); }
template <class T> std::vector<typename std::remove_const<T>::type> load(device_ptr<T> first, device_ptr<T> last) {
    std::vector<typename std::remove_const<T>::type> h(last > first ? last - first : 0);
    cudaDeviceSynchronize();
    if (!h.empty()) cudaMemcpy(h.data(), first.get(), h.size() * sizeof(T), cudaMemcpyDeviceToHost);
    return h;
}
template <class It> auto load_n(It first, std::size_t n) { return load(first, std::next(first, (std::ptrdiff_t)n)); }

/* Writes h[0, n) to out and returns the end of what was written. */
template <class V, class It> It store(const std::vector<V>& h, std::size_t n, It out) {
    return std::copy(h.begin(), h.begin() + (std::ptrdiff_t)n, out);
}
template <class V, class T> device_ptr<T> store(const std::vector<V>& h, std::size_t n, device_ptr<T> out) {
    using W = typename std::remove_const<T>::type;
    if (n == 0) return out;
    if (std::is_same<V, W>::value) {
        cudaMemcpy(const_cast<W*>(out.get()), (const void*)h.data(), n * sizeof(W), cudaMemcpyHostToDevice);
    } else {
        std::vector<W> c(h.begin(), h.begin() + (std::ptrdiff_t)n);
        cudaMemcpy(const_cast<W*>(out.get()), c.data(), n * sizeof(W), cudaMemcpyHostToDevice);
    }
    return out + (std::ptrdiff_t)n;
}

/* Policy overloads: raw pointers under a device policy point into device memory. */
template <class T> struct is_policy : std::false_type {};
template <bool D> struct is_policy<cp_policy<D>> : std::true_type {};
template <bool D, class X> X wrap(const cp_policy<D>&, X x) { return x; }
template <class T> device_ptr<T> wrap(const cp_policy<true>&, T* x) { return device_ptr<T>(x); }
template <class R, class First> struct unwrap_as { static R get(R r) { return r; } };
template <class T, class U> struct unwrap_as<device_ptr<T>, U*> { static T* get(device_ptr<T> r) { return r.get(); } };
template <class T, class U> struct unwrap_as<std::pair<device_ptr<T>, device_ptr<T>>, U*> {
    static std::pair<T*, T*> get(std::pair<device_ptr<T>, device_ptr<T>> r) { return {r.first.get(), r.second.get()}; }
};
}  // namespace cp_detail

/* ---- containers --------------------------------------------------------------------------------------- */
template <class T, class Alloc = void>
class device_vector {
    T* d_ = nullptr;
    std::size_t n_ = 0, cap_ = 0;

    void reallocate(std::size_t cap) {
        T* d = nullptr;
        if (cap) cudaMalloc((void**)&d, cap * sizeof(T));
        if (n_ && d) cudaMemcpy(d, d_, std::min(n_, cap) * sizeof(T), cudaMemcpyDeviceToDevice);
        if (d_) cudaFree(d_);
        d_ = d;
        cap_ = cap;
    }
    template <class It> void assign_range(It first, It last) {
        std::vector<T> h = cp_detail::load(first, last);
        resize_uninit(h.size());
        cp_detail::store(h, h.size(), begin());
    }
    void resize_uninit(std::size_t n) {
        if (n > cap_) reallocate(n);
        n_ = n;
    }

public:
    using value_type = T;
    using size_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using iterator = device_ptr<T>;
    using const_iterator = device_ptr<const T>;
    using pointer = device_ptr<T>;
    using const_pointer = device_ptr<const T>;
    using reference = device_reference<T>;
    using const_reference = device_reference<const T>;

    device_vector() {}
    explicit device_vector(std::size_t n) { resize(n); }
    device_vector(std::size_t n, const T& v) { resize(n, v); }
    device_vector(const device_vector& o) { assign_range(o.begin(), o.end()); }
    device_vector(device_vector&& o) noexcept : d_(o.d_), n_(o.n_), cap_(o.cap_) { o.d_ = nullptr; o.n_ = o.cap_ = 0; }
    template <class U, class A> device_vector(const std::vector<U, A>& h) { assign_range(h.begin(), h.end()); }
    template <class U, class A> device_vector(const device_vector<U, A>& o) { assign_range(o.begin(), o.end()); }
    template <class It, class = typename std::enable_if<!std::is_integral<It>::value>::type>
    device_vector(It first, It last) { assign_range(first, last); }
    device_vector(std::initializer_list<T> l) { assign_range(l.begin(), l.end()); }
    ~device_vector() { if (d_) cudaFree(d_); }

    device_vector& operator=(const device_vector& o) {
        if (this != &o) assign_range(o.begin(), o.end());
        return *this;
    }
    device_vector& operator=(device_vector&& o) noexcept {
        std::swap(d_, o.d_); std::swap(n_, o.n_); std::swap(cap_, o.cap_);
        return *this;
    }
    template <class U, class A> device_vector& operator=(const std::vector<U, A>& h) {
        assign_range(h.begin(), h.end());
        return *this;
    }
    template <class U, class A> device_vector& operator=(const device_vector<U, A>& o) {
        assign_range(o.begin(), o.end());
        return *this;
    }
    template <class It> void assign(It first, It last) { assign_range(first, last); }
    void assign(std::size_t n, const T& v) { clear(); resize(n, v); }

    std::size_t size() const { return n_; }
    std::size_t capacity() const { return cap_; }
    std::size_t max_size() const { return std::size_t(-1) / sizeof(T); }
    bool empty() const { return n_ == 0; }
    void reserve(std::size_t n) { if (n > cap_) reallocate(n); }
    void shrink_to_fit() { if (cap_ > n_) reallocate(n_); }
    void clear() { n_ = 0; }
    void resize(std::size_t n, const T& v = T()) {
        std::size_t old = n_;
        resize_uninit(n);
        if (n > old) cp_detail::store(std::vector<T>(n - old, v), n - old, begin() + (std::ptrdiff_t)old);
    }
    void push_back(const T& v) {
        if (n_ == cap_) reallocate(cap_ ? 2 * cap_ : 8);
        ++n_;
        back() = v;
    }
    void pop_back() { if (n_) --n_; }
    void swap(device_vector& o) { std::swap(d_, o.d_); std::swap(n_, o.n_); std::swap(cap_, o.cap_); }

    iterator begin() { return iterator(d_); }
    iterator end() { return iterator(d_ + n_); }
    const_iterator begin() const { return const_iterator(d_); }
    const_iterator end() const { return const_iterator(d_ + n_); }
    const_iterator cbegin() const { return begin(); }
    const_iterator cend() const { return end(); }
    pointer data() { return pointer(d_); }
    const_pointer data() const { return const_pointer(d_); }
    reference operator[](std::size_t i) { return reference(d_ + i); }
    const_reference operator[](std::size_t i) const { return const_reference(d_ + i); }
    reference front() { return reference(d_); }
    const_reference front() const { return const_reference(d_); }
    reference back() { return reference(d_ + n_ - 1); }
    const_reference back() const { return const_reference(d_ + n_ - 1); }
};

template <class T, class Alloc = std::allocator<T>>
class host_vector : public std::vector<T, Alloc> {
    using base = std::vector<T, Alloc>;

public:
    using base::base;
    host_vector() {}
    host_vector(const base& v) : base(v) {}
    host_vector(base&& v) : base(std::move(v)) {}
    template <class U, class A> host_vector(const device_vector<U, A>& d) : base(cp_detail::load(d.begin(), d.end())) {}
    template <class U, class A> host_vector& operator=(const device_vector<U, A>& d) {
        std::vector<U> h = cp_detail::load(d.begin(), d.end());
        base::assign(h.begin(), h.end());
        return *this;
    }
};

/* ---- functors (thrust/functional.h) ------------------------------------------------------------------- */
#define CP_THRUST_BINARY(name, expr)                                                                           \
    template <class T = void> struct name {                                                                    \
        using first_argument_type = T;                                                                         \
        using second_argument_type = T;                                                                        \
        auto operator()(const T& a, const T& b) const { return expr; }                                         \
    };                                                                                                         \
    template <> struct name<void> {                                                                            \
        template <class A, class B> auto operator()(const A& a, const B& b) const { return expr; }             \
    };
CP_THRUST_BINARY(plus, a + b)
CP_THRUST_BINARY(minus, a - b)
CP_THRUST_BINARY(multiplies, a * b)
CP_THRUST_BINARY(divides, a / b)
CP_THRUST_BINARY(modulus, a % b)
CP_THRUST_BINARY(maximum, a < b ? b : a)
CP_THRUST_BINARY(minimum, b < a ? b : a)
CP_THRUST_BINARY(less, a < b)
CP_THRUST_BINARY(greater, a > b)
CP_THRUST_BINARY(less_equal, a <= b)
CP_THRUST_BINARY(greater_equal, a >= b)
CP_THRUST_BINARY(equal_to, a == b)
CP_THRUST_BINARY(not_equal_to, a != b)
CP_THRUST_BINARY(logical_and, a && b)
CP_THRUST_BINARY(logical_or, a || b)
CP_THRUST_BINARY(bit_and, a & b)
CP_THRUST_BINARY(bit_or, a | b)
CP_THRUST_BINARY(bit_xor, a ^ b)
#undef CP_THRUST_BINARY
template <class T = void> struct negate { T operator()(const T& a) const { return -a; } };
template <class T = void> struct logical_not { bool operator()(const T& a) const { return !a; } };
template <class T = void> struct identity { const T& operator()(const T& a) const { return a; } };

/* ---- tuples and pairs are the standard library's ------------------------------------------------------ */
using std::get;
using std::make_pair;
using std::make_tuple;
using std::pair;
using std::tie;
using std::tuple;
using std::tuple_element;
using std::tuple_size;

/* ---- random numbers (thrust/random.h): the engines produce thrust's sequences (the same LCGs); the
 * distributions are the standard library's, whose values differ from thrust's ---------------------------- */
using default_random_engine = std::minstd_rand;
using std::minstd_rand;
using std::minstd_rand0;
namespace random {
using default_random_engine = std::minstd_rand;
using std::minstd_rand;
using std::minstd_rand0;
using std::normal_distribution;
using std::uniform_int_distribution;
using std::uniform_real_distribution;
}  // namespace random
template <class It, class G> void shuffle(It first, It last, G&& g) {
    auto h = cp_detail::load(first, last);
    std::shuffle(h.begin(), h.end(), g);
    cp_detail::store(h, h.size(), first);
}

template <class It> typename std::iterator_traits<It>::difference_type distance(It first, It last) {
    return std::distance(first, last);
}

namespace cp_detail {
/* a transform_iterator's range: its base range read once, then transformed on the host */
template <class Op, class It, class R, class V>
std::vector<typename transform_iterator<Op, It, R, V>::value_type> load(transform_iterator<Op, It, R, V> first,
                                                                       transform_iterator<Op, It, R, V> last) {
    auto b = load(first.base(), last.base());
    std::vector<typename transform_iterator<Op, It, R, V>::value_type> h;
    h.reserve(b.size());
    Op op = first.functor();
    for (auto& x : b) h.push_back(op(x));
    return h;
}

/* a permutation_iterator's range: its index range read once, then its elements up to the largest index once */
template <class Elem, class Idx>
std::vector<typename permutation_iterator<Elem, Idx>::value_type> load(permutation_iterator<Elem, Idx> first,
                                                                      permutation_iterator<Elem, Idx> last) {
    auto ix = load(first.base(), last.base());
    std::vector<typename permutation_iterator<Elem, Idx>::value_type> h;
    if (ix.empty()) return h;
    std::ptrdiff_t top = 0;
    for (auto& i : ix) top = std::max(top, (std::ptrdiff_t)i);
    auto el = load_n(first.elements(), (std::size_t)top + 1);
    h.reserve(ix.size());
    for (auto& i : ix) h.push_back(el[(std::size_t)i]);
    return h;
}
}  // namespace cp_detail

#include "cudaport_thrust_algorithms.h"

}  // namespace thrust

#endif /* CUDAPORT_THRUST_H */
