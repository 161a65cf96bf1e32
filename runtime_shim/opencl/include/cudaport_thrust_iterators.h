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
}

/* Ref/Val: thrust's optional reference and value types (void: what the functor returns) */
template <class Op, class It, class Ref = void, class Val = void>
class transform_iterator {
    It base_;
    Op op_;

public:
    using value_type = typename std::conditional<std::is_void<Val>::value,
        typename std::conditional<std::is_void<Ref>::value, cp_detail::transformed_t<Op, It>,
                                  typename std::decay<Ref>::type>::type, Val>::type;
    using difference_type = std::ptrdiff_t;
    using reference = value_type;
    using pointer = void;
    using iterator_category = std::random_access_iterator_tag;
    transform_iterator() = default;
    transform_iterator(It base, Op op = Op()) : base_(base), op_(op) {}
    const It& base() const { return base_; }
    Op functor() const { return op_; }
    value_type operator*() const { Op op = op_; return (value_type)op(*base_); }
    value_type operator[](std::ptrdiff_t i) const { Op op = op_; return (value_type)op(base_[i]); }
    transform_iterator operator+(std::ptrdiff_t d) const { return transform_iterator(base_ + d, op_); }
    transform_iterator operator-(std::ptrdiff_t d) const { return transform_iterator(base_ - d, op_); }
    transform_iterator& operator++() { ++base_; return *this; }
    transform_iterator operator++(int) { transform_iterator t = *this; ++base_; return t; }
    transform_iterator& operator+=(std::ptrdiff_t d) { base_ += d; return *this; }
    std::ptrdiff_t operator-(const transform_iterator& o) const { return (std::ptrdiff_t)(base_ - o.base_); }
    bool operator==(const transform_iterator& o) const { return base_ == o.base_; }
    bool operator!=(const transform_iterator& o) const { return base_ != o.base_; }
};
template <class Op, class It> transform_iterator<Op, It> make_transform_iterator(It base, Op op) {
    return transform_iterator<Op, It>(base, op);
}

/* element[index[i]] for the i-th position: thrust::permutation_iterator<ElementIterator, IndexIterator> */
template <class Elem, class Idx>
class permutation_iterator {
    Elem elem_;
    Idx idx_;

public:
    using value_type = typename std::iterator_traits<Elem>::value_type;
    using difference_type = std::ptrdiff_t;
    using reference = value_type;
    using pointer = void;
    using iterator_category = std::random_access_iterator_tag;
    permutation_iterator() = default;
    permutation_iterator(Elem elem, Idx idx) : elem_(elem), idx_(idx) {}
    const Elem& elements() const { return elem_; }
    const Idx& base() const { return idx_; }
    value_type operator*() const { return static_cast<value_type>(*(elem_ + (std::ptrdiff_t)*idx_)); }
    value_type operator[](std::ptrdiff_t i) const { return static_cast<value_type>(*(elem_ + (std::ptrdiff_t)idx_[i])); }
    permutation_iterator operator+(std::ptrdiff_t d) const { return permutation_iterator(elem_, idx_ + d); }
    permutation_iterator operator-(std::ptrdiff_t d) const { return permutation_iterator(elem_, idx_ - d); }
    permutation_iterator& operator++() { ++idx_; return *this; }
    permutation_iterator operator++(int) { permutation_iterator t = *this; ++idx_; return t; }
    permutation_iterator& operator+=(std::ptrdiff_t d) { idx_ += d; return *this; }
    std::ptrdiff_t operator-(const permutation_iterator& o) const { return (std::ptrdiff_t)(idx_ - o.idx_); }
    bool operator==(const permutation_iterator& o) const { return idx_ == o.idx_; }
    bool operator!=(const permutation_iterator& o) const { return idx_ != o.idx_; }
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
