/* cudaport OpenCL runtime shim: CUB's input iterators for the device-wide algorithms of cudaport_cub_device.h
 * (included by it).
 *
 * The algorithms run on host copies of their inputs: cp_detail::host_values(it, n, stream) gives the first n values
 * of an input. A raw pointer is device memory, copied once; CountingInputIterator and ConstantInputIterator compute
 * their values; TransformInputIterator copies its base range the same way and applies its functor on the host (CUB
 * functors are __host__ __device__). thrust's counting/constant iterators are values too (their operator[]), and a
 * thrust::transform_iterator over a raw pointer reads the pointer as device memory, as CUB does. Every name here has
 * its entry in rules/libs/cub/. */
#ifndef CUDAPORT_CUB_ITERATORS_H
#define CUDAPORT_CUB_ITERATORS_H

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <vector>

namespace thrust {
template <class Op, class It, class Ref, class Val> class transform_iterator;  /* cudaport_thrust_iterators.h */
}

namespace cub {
template <class T, class Off = std::ptrdiff_t>
class CountingInputIterator {
    T v_;

public:
    using value_type = T;
    using difference_type = Off;
    using reference = T;
    using pointer = void;
    using iterator_category = std::random_access_iterator_tag;
    CountingInputIterator(const T& v = T()) : v_(v) {}
    T operator*() const { return v_; }
    T operator[](Off i) const { return (T)(v_ + (T)i); }
    CountingInputIterator operator+(Off d) const { return CountingInputIterator((T)(v_ + (T)d)); }
    CountingInputIterator operator-(Off d) const { return CountingInputIterator((T)(v_ - (T)d)); }
    CountingInputIterator& operator++() { ++v_; return *this; }
    CountingInputIterator operator++(int) { CountingInputIterator t = *this; ++v_; return t; }
    CountingInputIterator& operator+=(Off d) { v_ = (T)(v_ + (T)d); return *this; }
    Off operator-(const CountingInputIterator& o) const { return (Off)(v_ - o.v_); }
    bool operator==(const CountingInputIterator& o) const { return v_ == o.v_; }
    bool operator!=(const CountingInputIterator& o) const { return v_ != o.v_; }
};

template <class T, class Off = std::ptrdiff_t>
class ConstantInputIterator {
    T v_;
    Off i_;

public:
    using value_type = T;
    using difference_type = Off;
    using reference = T;
    using pointer = void;
    using iterator_category = std::random_access_iterator_tag;
    ConstantInputIterator(const T& v = T(), Off i = 0) : v_(v), i_(i) {}
    T operator*() const { return v_; }
    T operator[](Off) const { return v_; }
    ConstantInputIterator operator+(Off d) const { return ConstantInputIterator(v_, i_ + d); }
    ConstantInputIterator operator-(Off d) const { return ConstantInputIterator(v_, i_ - d); }
    ConstantInputIterator& operator++() { ++i_; return *this; }
    ConstantInputIterator operator++(int) { ConstantInputIterator t = *this; ++i_; return t; }
    ConstantInputIterator& operator+=(Off d) { i_ += d; return *this; }
    Off operator-(const ConstantInputIterator& o) const { return i_ - o.i_; }
    bool operator==(const ConstantInputIterator& o) const { return i_ == o.i_ && v_ == o.v_; }
    bool operator!=(const ConstantInputIterator& o) const { return !(*this == o); }
};

/* V: the value type; Op: a functor of the base's values; It: the base (a device pointer or another input). Host
 * dereference applies Op to the base's element, so only host-computable bases (counting, constant) dereference;
 * the algorithms read device bases through host_values. */
template <class V, class Op, class It, class Off = std::ptrdiff_t>
class TransformInputIterator {
    It base_;
    Op op_;

public:
    using value_type = V;
    using difference_type = Off;
    using reference = V;
    using pointer = void;
    using iterator_category = std::random_access_iterator_tag;
    TransformInputIterator(It base, Op op) : base_(base), op_(op) {}
    const It& base() const { return base_; }
    const Op& functor() const { return op_; }
    V operator*() const { Op op = op_; return (V)op(*base_); }
    V operator[](Off i) const { Op op = op_; return (V)op(base_[i]); }
    TransformInputIterator operator+(Off d) const { return TransformInputIterator(base_ + d, op_); }
    TransformInputIterator& operator++() { ++base_; return *this; }
    TransformInputIterator& operator+=(Off d) { base_ += d; return *this; }
    Off operator-(const TransformInputIterator& o) const { return (Off)(base_ - o.base_); }
    bool operator==(const TransformInputIterator& o) const { return base_ == o.base_; }
    bool operator!=(const TransformInputIterator& o) const { return base_ != o.base_; }
};

namespace cp_detail {
template <class It> using value_of = typename std::remove_cv<typename std::iterator_traits<It>::value_type>::type;

/* an input that computes its values (counting, constant): its operator[] on the host */
template <class It> struct values {
    static std::vector<value_of<It>> get(const It& it, size_t n, cudaStream_t) {
        std::vector<value_of<It>> h;
        h.reserve(n);
        for (size_t i = 0; i < n; ++i) h.push_back(it[(typename std::iterator_traits<It>::difference_type)i]);
        return h;
    }
};
/* a raw pointer is device memory */
template <class T> struct values<T*> {
    static std::vector<typename std::remove_cv<T>::type> get(T* p, size_t n, cudaStream_t s) {
        std::vector<typename std::remove_cv<T>::type> h(n);
        cudaStreamSynchronize(s);
        cudaDeviceSynchronize();
        if (n) cudaMemcpy(h.data(), p, n * sizeof(T), cudaMemcpyDeviceToHost);
        return h;
    }
};
template <class It, class Op, class V> std::vector<V> transformed(const It& base, Op op, size_t n, cudaStream_t s) {
    auto b = values<It>::get(base, n, s);
    std::vector<V> h;
    h.reserve(n);
    for (auto& x : b) h.push_back((V)op(x));
    return h;
}
template <class V, class Op, class It, class Off> struct values<TransformInputIterator<V, Op, It, Off>> {
    static std::vector<V> get(const TransformInputIterator<V, Op, It, Off>& it, size_t n, cudaStream_t s) {
        return transformed<It, Op, V>(it.base(), it.functor(), n, s);
    }
};
template <class Op, class T, class Ref, class Val> struct values<thrust::transform_iterator<Op, T*, Ref, Val>> {
    using I = thrust::transform_iterator<Op, T*, Ref, Val>;
    static std::vector<value_of<I>> get(const I& it, size_t n, cudaStream_t s) {
        return transformed<T*, Op, value_of<I>>(it.base(), it.functor(), n, s);
    }
};
template <class It> std::vector<value_of<It>> host_values(const It& it, size_t n, cudaStream_t s) {
    return values<It>::get(it, n, s);
}
}  // namespace cp_detail
}  // namespace cub

#endif /* CUDAPORT_CUB_ITERATORS_H */
