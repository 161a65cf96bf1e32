/* cudaport OpenCL runtime shim: CUB's input iterators for the device-wide algorithms of cudaport_cub_device.h
 * (included by it).
 *
 * CountingInputIterator, ConstantInputIterator and TransformInputIterator are thrust's counting_iterator,
 * constant_iterator and transform_iterator (cudaport_thrust_iterators.h) under CUB's names and template parameters.
 * The algorithms run on host copies of their inputs: cp_detail::host_values(it, n, stream) gives the first n values
 * of an input. A raw pointer is device memory, copied once; counting and constant iterators compute their values; a
 * transform iterator (CUB's or thrust's) reads its base range the same way and applies its functor on the host (CUB
 * functors are __host__ __device__), so a transformed raw pointer is device memory, as in CUB. Every name here has
 * its entry in rules/libs/cub/. */
#ifndef CUDAPORT_CUB_ITERATORS_H
#define CUDAPORT_CUB_ITERATORS_H

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <vector>

#include "cudaport_thrust_iterators.h"

namespace cub {
template <class T, class Off = std::ptrdiff_t>
using CountingInputIterator = thrust::counting_iterator<T, void, void, Off>;

/* Off counts the position (thrust's Incr) */
template <class T, class Off = std::ptrdiff_t> using ConstantInputIterator = thrust::constant_iterator<T, Off>;

/* V: the value type; Op: a functor of the base's values; It: the base (a device pointer or another input). Host
 * dereference applies Op to the base's element, so only host-computable bases (counting, constant) dereference;
 * the algorithms read device bases through host_values. */
template <class V, class Op, class It, class Off = std::ptrdiff_t>
using TransformInputIterator = thrust::transform_iterator<Op, It, V, V>;

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
/* a transform iterator: its base's values (read as above), then its functor on each */
template <class Op, class It, class Ref, class Val> struct values<thrust::transform_iterator<Op, It, Ref, Val>> {
    using I = thrust::transform_iterator<Op, It, Ref, Val>;
    static std::vector<value_of<I>> get(const I& it, size_t n, cudaStream_t s) {
        auto b = values<It>::get(it.base(), n, s);
        std::vector<value_of<I>> h;
        h.reserve(n);
        Op op = it.functor();
        for (auto& x : b) h.push_back((value_of<I>)op(x));
        return h;
    }
};
template <class It> std::vector<value_of<It>> host_values(const It& it, size_t n, cudaStream_t s) {
    return values<It>::get(it, n, s);
}
}  // namespace cp_detail
}  // namespace cub

#endif /* CUDAPORT_CUB_ITERATORS_H */
