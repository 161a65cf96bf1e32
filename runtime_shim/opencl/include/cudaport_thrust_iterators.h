/* cudaport OpenCL runtime shim: thrust's fancy iterators, which are also CUB's input iterators (cudaport_thrust.h
 * includes this for thrust, cudaport_cub_iterators.h for cub::CountingInputIterator, ConstantInputIterator and
 * TransformInputIterator, its aliases of these).
 *
 * counting_iterator and constant_iterator compute their values; transform_iterator applies its functor to its base's
 * elements on the host (thrust and CUB functors are __host__ __device__). thrust's algorithms read a range of them
 * through cp_detail::load (cudaport_thrust.h: a transform_iterator's base range is read once, a device range copied
 * once, then transformed); CUB's device-wide algorithms through cub::cp_detail::host_values (cudaport_cub_iterators.h:
 * a raw pointer at the bottom of a transform_iterator is device memory there, as in CUB). Every name here has its
 * entry in rules/libs/thrust/ (and rules/libs/cub/ for the CUB names). A permutation_iterator reads its element range
 * at its index range's values; thrust's algorithms read its index range once, then the element range up to the largest
 * index once. */
#ifndef CUDAPORT_THRUST_ITERATORS_H
#define CUDAPORT_THRUST_ITERATORS_H

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>

namespace thrust {

template <class T, class Sys = void, class Trav = void, class Diff = std::ptrdiff_t>
class counting_iterator {
    T v_;

public:
    using value_type = T;
    using difference_type = Diff;
    using reference = T;
    using pointer = void;
    using iterator_category = std::random_access_iterator_tag;
    counting_iterator(const T& v = T()) : v_(v) {}
    T operator*() const { return v_; }
    T operator[](Diff i) const { return (T)(v_ + (T)i); }
    counting_iterator operator+(Diff d) const { return counting_iterator((T)(v_ + (T)d)); }
    counting_iterator operator-(Diff d) const { return counting_iterator((T)(v_ - (T)d)); }
    counting_iterator& operator++() { ++v_; return *this; }
    counting_iterator operator++(int) { counting_iterator t = *this; ++v_; return t; }
    counting_iterator& operator--() { --v_; return *this; }
    counting_iterator& operator+=(Diff d) { v_ = (T)(v_ + (T)d); return *this; }
    counting_iterator& operator-=(Diff d) { v_ = (T)(v_ - (T)d); return *this; }
    Diff operator-(const counting_iterator& o) const { return (Diff)(v_ - o.v_); }
    bool operator==(const counting_iterator& o) const { return v_ == o.v_; }
    bool operator!=(const counting_iterator& o) const { return v_ != o.v_; }
    bool operator<(const counting_iterator& o) const { return v_ < o.v_; }
};
template <class T> counting_iterator<T> make_counting_iterator(T v) { return counting_iterator<T>(v); }

template <class T, class Incr = std::ptrdiff_t, class Sys = void>
class constant_iterator {
    T v_;
    Incr i_;

public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using reference = T;
    using pointer = void;
    using iterator_category = std::random_access_iterator_tag;
    constant_iterator(const T& v = T(), Incr i = Incr()) : v_(v), i_(i) {}
    T operator*() const { return v_; }
    T operator[](std::ptrdiff_t) const { return v_; }
    constant_iterator operator+(std::ptrdiff_t d) const { return constant_iterator(v_, (Incr)(i_ + d)); }
    constant_iterator operator-(std::ptrdiff_t d) const { return constant_iterator(v_, (Incr)(i_ - d)); }
    constant_iterator& operator++() { ++i_; return *this; }
    constant_iterator operator++(int) { constant_iterator t = *this; ++i_; return t; }
    constant_iterator& operator+=(std::ptrdiff_t d) { i_ = (Incr)(i_ + d); return *this; }
    std::ptrdiff_t operator-(const constant_iterator& o) const { return (std::ptrdiff_t)(i_ - o.i_); }
    bool operator==(const constant_iterator& o) const { return i_ == o.i_; }
    bool operator!=(const constant_iterator& o) const { return i_ != o.i_; }
};
template <class T> constant_iterator<T> make_constant_iterator(T v) { return constant_iterator<T>(v); }
template <class T, class I> constant_iterator<T, I> make_constant_iterator(T v, I i) {
    return constant_iterator<T, I>(v, i);
}

namespace cp_detail {
template <class Op, class It> using transformed_t =
    typename std::decay<decltype(std::declval<Op&>()(*std::declval<It&>()))>::type;

/* What transform_iterator and permutation_iterator share: a base iterator that every step, difference and comparison
 * is of, and the typedefs. Derived (CRTP) says what the element at a base position is (apply(*base), apply(base[i]))
 * and makes itself over another base position (rebased(base + d)). */
template <class Derived, class Base, class Value>
class iterator_adaptor {
protected:
    Base base_;
    iterator_adaptor() = default;
    explicit iterator_adaptor(const Base& base) : base_(base) {}
    const Derived& self() const { return static_cast<const Derived&>(*this); }
    Derived& self() { return static_cast<Derived&>(*this); }

public:
    using value_type = Value;
    using difference_type = std::ptrdiff_t;
    using reference = Value;
    using pointer = void;
    using iterator_category = std::random_access_iterator_tag;
    const Base& base() const { return base_; }
    Value operator*() const { return self().apply(*base_); }
    Value operator[](std::ptrdiff_t i) const { return self().apply(base_[i]); }
    Derived operator+(std::ptrdiff_t d) const { return self().rebased(base_ + d); }
    Derived operator-(std::ptrdiff_t d) const { return self().rebased(base_ - d); }
    Derived& operator++() { ++base_; return self(); }
    Derived operator++(int) { Derived t = self(); ++base_; return t; }
    Derived& operator+=(std::ptrdiff_t d) { base_ += d; return self(); }
    std::ptrdiff_t operator-(const Derived& o) const { return (std::ptrdiff_t)(base_ - o.base()); }
    bool operator==(const Derived& o) const { return base_ == o.base(); }
    bool operator!=(const Derived& o) const { return base_ != o.base(); }
};

/* transform_iterator's value type: Val, else the decayed Ref, else what the functor returns */
template <class Op, class It, class Ref, class Val> using transform_value_t =
    typename std::conditional<std::is_void<Val>::value,
        typename std::conditional<std::is_void<Ref>::value, transformed_t<Op, It>,
                                  typename std::decay<Ref>::type>::type, Val>::type;
}  // namespace cp_detail

/* Ref/Val: thrust's optional reference and value types (void: what the functor returns) */
template <class Op, class It, class Ref = void, class Val = void>
class transform_iterator
    : public cp_detail::iterator_adaptor<transform_iterator<Op, It, Ref, Val>, It,
                                         cp_detail::transform_value_t<Op, It, Ref, Val>> {
    using adaptor = cp_detail::iterator_adaptor<transform_iterator, It, cp_detail::transform_value_t<Op, It, Ref, Val>>;
    friend adaptor;
    Op op_;

    template <class X> typename adaptor::value_type apply(X&& x) const {
        Op op = op_;
        return (typename adaptor::value_type)op(std::forward<X>(x));
    }
    transform_iterator rebased(const It& base) const { return transform_iterator(base, op_); }

public:
    transform_iterator() = default;
    transform_iterator(It base, Op op = Op()) : adaptor(base), op_(op) {}
    Op functor() const { return op_; }
};
template <class Op, class It> transform_iterator<Op, It> make_transform_iterator(It base, Op op) {
    return transform_iterator<Op, It>(base, op);
}

/* element[index[i]] for the i-th position: thrust::permutation_iterator<ElementIterator, IndexIterator>; its base is
 * the index iterator */
template <class Elem, class Idx>
class permutation_iterator
    : public cp_detail::iterator_adaptor<permutation_iterator<Elem, Idx>, Idx,
                                         typename std::iterator_traits<Elem>::value_type> {
    using adaptor =
        cp_detail::iterator_adaptor<permutation_iterator, Idx, typename std::iterator_traits<Elem>::value_type>;
    friend adaptor;
    Elem elem_;

    template <class X> typename adaptor::value_type apply(const X& index) const {
        return static_cast<typename adaptor::value_type>(*(elem_ + (std::ptrdiff_t)index));
    }
    permutation_iterator rebased(const Idx& idx) const { return permutation_iterator(elem_, idx); }

public:
    permutation_iterator() = default;
    permutation_iterator(Elem elem, Idx idx) : adaptor(idx), elem_(elem) {}
    const Elem& elements() const { return elem_; }
};
template <class Elem, class Idx> permutation_iterator<Elem, Idx> make_permutation_iterator(Elem elem, Idx idx) {
    return permutation_iterator<Elem, Idx>(elem, idx);
}

/* thrust's iterator traits (thrust/iterator/iterator_traits.h) */
template <class It> struct iterator_value { using type = typename std::iterator_traits<It>::value_type; };
template <class It> struct iterator_difference { using type = typename std::iterator_traits<It>::difference_type; };
template <class It> struct iterator_reference { using type = typename std::iterator_traits<It>::reference; };

}  // namespace thrust

#endif /* CUDAPORT_THRUST_ITERATORS_H */
