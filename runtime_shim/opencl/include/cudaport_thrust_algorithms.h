/* cudaport OpenCL runtime shim: thrust's algorithms, included by cudaport_thrust.h inside namespace thrust.
 *
 * Each algorithm copies its input ranges to host memory (cp_detail::load: one cudaMemcpy for a device range),
 * runs there, and writes its outputs back (cp_detail::store). Every algorithm also takes an execution policy
 * first (thrust::device, thrust::host, thrust::cuda::par.on(stream)): under a device policy raw pointers are
 * device pointers. */
#ifndef CUDAPORT_THRUST_ALGORITHMS_H
#define CUDAPORT_THRUST_ALGORITHMS_H

/* ---- sorting ------------------------------------------------------------------------------------------ */
template <class It, class Comp> void sort(It first, It last, Comp comp) {
    auto h = cp_detail::load(first, last);
    std::stable_sort(h.begin(), h.end(), comp);
    cp_detail::store(h, h.size(), first);
}
template <class It> void sort(It first, It last) { thrust::sort(first, last, thrust::less<cp_detail::value_t<It>>()); }
template <class It, class Comp> void stable_sort(It first, It last, Comp comp) { thrust::sort(first, last, comp); }
template <class It> void stable_sort(It first, It last) { thrust::sort(first, last); }

template <class KIt, class VIt, class Comp> void sort_by_key(KIt kfirst, KIt klast, VIt vfirst, Comp comp) {
    auto keys = cp_detail::load(kfirst, klast);
    auto vals = cp_detail::load_n(vfirst, keys.size());
    std::vector<std::size_t> order(keys.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return comp(keys[a], keys[b]); });
    decltype(keys) k2(keys.size());
    decltype(vals) v2(keys.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        k2[i] = keys[order[i]];
        v2[i] = vals[order[i]];
    }
    cp_detail::store(k2, k2.size(), kfirst);
    cp_detail::store(v2, v2.size(), vfirst);
}
template <class KIt, class VIt> void sort_by_key(KIt kfirst, KIt klast, VIt vfirst) {
    thrust::sort_by_key(kfirst, klast, vfirst, thrust::less<cp_detail::value_t<KIt>>());
}
template <class KIt, class VIt, class Comp> void stable_sort_by_key(KIt kf, KIt kl, VIt vf, Comp comp) {
    thrust::sort_by_key(kf, kl, vf, comp);
}
template <class KIt, class VIt> void stable_sort_by_key(KIt kf, KIt kl, VIt vf) { thrust::sort_by_key(kf, kl, vf); }

template <class It, class Comp> bool is_sorted(It first, It last, Comp comp) {
    auto h = cp_detail::load(first, last);
    return std::is_sorted(h.begin(), h.end(), comp);
}
template <class It> bool is_sorted(It first, It last) { return thrust::is_sorted(first, last, thrust::less<cp_detail::value_t<It>>()); }

/* ---- reductions --------------------------------------------------------------------------------------- */
template <class It, class T, class Op> T reduce(It first, It last, T init, Op op) {
    auto h = cp_detail::load(first, last);
    for (const auto& v : h) init = op(init, v);
    return init;
}
template <class It, class T> T reduce(It first, It last, T init) { return thrust::reduce(first, last, init, thrust::plus<T>()); }
template <class It> cp_detail::value_t<It> reduce(It first, It last) {
    return thrust::reduce(first, last, cp_detail::value_t<It>());
}
template <class It, class UOp, class T, class BOp> T transform_reduce(It first, It last, UOp uop, T init, BOp bop) {
    auto h = cp_detail::load(first, last);
    for (const auto& v : h) init = bop(init, uop(v));
    return init;
}
template <class It1, class It2, class T> T inner_product(It1 f1, It1 l1, It2 f2, T init) {
    auto a = cp_detail::load(f1, l1);
    auto b = cp_detail::load_n(f2, a.size());
    for (std::size_t i = 0; i < a.size(); ++i) init = init + a[i] * b[i];
    return init;
}
template <class It, class T> std::ptrdiff_t count(It first, It last, const T& value) {
    auto h = cp_detail::load(first, last);
    return std::count(h.begin(), h.end(), value);
}
template <class It, class Pred> std::ptrdiff_t count_if(It first, It last, Pred pred) {
    auto h = cp_detail::load(first, last);
    return std::count_if(h.begin(), h.end(), pred);
}
template <class It1, class It2, class Pred> bool equal(It1 f1, It1 l1, It2 f2, Pred pred) {
    auto a = cp_detail::load(f1, l1);
    auto b = cp_detail::load_n(f2, a.size());
    return std::equal(a.begin(), a.end(), b.begin(), pred);
}
template <class It1, class It2> bool equal(It1 f1, It1 l1, It2 f2) { return thrust::equal(f1, l1, f2, thrust::equal_to<>()); }

/* thrust's extrema return the first of equal elements (also minmax_element's max, unlike std::minmax_element) */
template <class It, class Comp> It min_element(It first, It last, Comp comp) {
    auto h = cp_detail::load(first, last);
    return first + (std::min_element(h.begin(), h.end(), comp) - h.begin());
}
template <class It> It min_element(It first, It last) { return thrust::min_element(first, last, thrust::less<>()); }
template <class It, class Comp> It max_element(It first, It last, Comp comp) {
    auto h = cp_detail::load(first, last);
    return first + (std::max_element(h.begin(), h.end(), comp) - h.begin());
}
template <class It> It max_element(It first, It last) { return thrust::max_element(first, last, thrust::less<>()); }
template <class It, class Comp> std::pair<It, It> minmax_element(It first, It last, Comp comp) {
    auto h = cp_detail::load(first, last);
    return {first + (std::min_element(h.begin(), h.end(), comp) - h.begin()),
            first + (std::max_element(h.begin(), h.end(), comp) - h.begin())};
}
template <class It> std::pair<It, It> minmax_element(It first, It last) { return thrust::minmax_element(first, last, thrust::less<>()); }

/* ---- scans -------------------------------------------------------------------------------------------- */
template <class It, class Out, class Op> Out inclusive_scan(It first, It last, Out out, Op op) {
    auto h = cp_detail::load(first, last);
    for (std::size_t i = 1; i < h.size(); ++i) h[i] = op(h[i - 1], h[i]);
    return cp_detail::store(h, h.size(), out);
}
template <class It, class Out> Out inclusive_scan(It first, It last, Out out) {
    return thrust::inclusive_scan(first, last, out, thrust::plus<>());
}
template <class It, class Out, class T, class Op> Out exclusive_scan(It first, It last, Out out, T init, Op op) {
    auto h = cp_detail::load(first, last);
    std::vector<T> r(h.size());
    T acc = init;
    for (std::size_t i = 0; i < h.size(); ++i) {
        r[i] = acc;
        acc = op(acc, h[i]);
    }
    return cp_detail::store(r, r.size(), out);
}
template <class It, class Out, class T> Out exclusive_scan(It first, It last, Out out, T init) {
    return thrust::exclusive_scan(first, last, out, init, thrust::plus<>());
}
template <class It, class Out> Out exclusive_scan(It first, It last, Out out) {
    return thrust::exclusive_scan(first, last, out, cp_detail::value_t<It>());
}

/* ---- transformations and copies ----------------------------------------------------------------------- */
template <class It, class Out, class Op> Out transform(It first, It last, Out out, Op op) {
    auto h = cp_detail::load(first, last);
    std::vector<typename std::decay<decltype(op(h[0]))>::type> r;
    r.reserve(h.size());
    for (const auto& v : h) r.push_back(op(v));
    return cp_detail::store(r, r.size(), out);
}
template <class It1, class It2, class Out, class Op> Out transform(It1 f1, It1 l1, It2 f2, Out out, Op op) {
    auto a = cp_detail::load(f1, l1);
    auto b = cp_detail::load_n(f2, a.size());
    std::vector<typename std::decay<decltype(op(a[0], b[0]))>::type> r;
    r.reserve(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) r.push_back(op(a[i], b[i]));
    return cp_detail::store(r, r.size(), out);
}
template <class It, class F> It for_each(It first, It last, F f) {
    auto h = cp_detail::load(first, last);
    for (auto& v : h) f(v);
    cp_detail::store(h, h.size(), first);
    return last;
}
template <class It, class Size, class F> It for_each_n(It first, Size n, F f) {
    return thrust::for_each(first, first + (std::ptrdiff_t)n, f);
}
template <class It, class Out> Out copy(It first, It last, Out out) {
    auto h = cp_detail::load(first, last);
    return cp_detail::store(h, h.size(), out);
}
template <class It, class Size, class Out> Out copy_n(It first, Size n, Out out) {
    auto h = cp_detail::load_n(first, (std::size_t)n);
    return cp_detail::store(h, h.size(), out);
}
template <class It, class Out, class Pred> Out copy_if(It first, It last, Out out, Pred pred) {
    auto h = cp_detail::load(first, last);
    decltype(h) r;
    for (const auto& v : h)
        if (pred(v)) r.push_back(v);
    return cp_detail::store(r, r.size(), out);
}
template <class It, class SIt, class Out, class Pred> Out copy_if(It first, It last, SIt stencil, Out out, Pred pred) {
    auto h = cp_detail::load(first, last);
    auto s = cp_detail::load_n(stencil, h.size());
    decltype(h) r;
    for (std::size_t i = 0; i < h.size(); ++i)
        if (pred(s[i])) r.push_back(h[i]);
    return cp_detail::store(r, r.size(), out);
}
template <class It, class Pred> It remove_if(It first, It last, Pred pred) {
    auto h = cp_detail::load(first, last);
    h.erase(std::remove_if(h.begin(), h.end(), pred), h.end());
    return cp_detail::store(h, h.size(), first);
}
template <class It, class T> void fill(It first, It last, const T& value) {
    std::vector<cp_detail::value_t<It>> h((std::size_t)std::distance(first, last), value);
    cp_detail::store(h, h.size(), first);
}
template <class It, class Size, class T> It fill_n(It first, Size n, const T& value) {
    std::vector<cp_detail::value_t<It>> h((std::size_t)n, value);
    return cp_detail::store(h, h.size(), first);
}
template <class It, class T> void sequence(It first, It last, T init, T step) {
    std::vector<cp_detail::value_t<It>> h((std::size_t)std::distance(first, last));
    for (std::size_t i = 0; i < h.size(); ++i) h[i] = init + T(i) * step;
    cp_detail::store(h, h.size(), first);
}
template <class It, class T> void sequence(It first, It last, T init) { thrust::sequence(first, last, init, T(1)); }
template <class It> void sequence(It first, It last) { thrust::sequence(first, last, cp_detail::value_t<It>(0)); }
template <class It, class Gen> void generate(It first, It last, Gen gen) {
    std::vector<cp_detail::value_t<It>> h((std::size_t)std::distance(first, last));
    for (auto& v : h) v = gen();
    cp_detail::store(h, h.size(), first);
}
template <class It, class BinPred> It unique(It first, It last, BinPred pred) {
    auto h = cp_detail::load(first, last);
    h.erase(std::unique(h.begin(), h.end(), pred), h.end());
    return cp_detail::store(h, h.size(), first);
}
template <class It> It unique(It first, It last) { return thrust::unique(first, last, thrust::equal_to<>()); }

/* out[map[i]] = in[i]; the output is read first up to the largest index so that other elements keep their value */
template <class It, class MIt, class Out> void scatter(It first, It last, MIt map, Out out) {
    auto h = cp_detail::load(first, last);
    auto m = cp_detail::load_n(map, h.size());
    if (h.empty()) return;
    std::size_t extent = (std::size_t)*std::max_element(m.begin(), m.end()) + 1;
    auto o = cp_detail::load_n(out, extent);
    for (std::size_t i = 0; i < h.size(); ++i) o[(std::size_t)m[i]] = h[i];
    cp_detail::store(o, o.size(), out);
}
/* out[i] = in[map[i]] */
template <class MIt, class It, class Out> Out gather(MIt mfirst, MIt mlast, It in, Out out) {
    auto m = cp_detail::load(mfirst, mlast);
    if (m.empty()) return out;
    std::size_t extent = (std::size_t)*std::max_element(m.begin(), m.end()) + 1;
    auto src = cp_detail::load_n(in, extent);
    decltype(src) r(m.size());
    for (std::size_t i = 0; i < m.size(); ++i) r[i] = src[(std::size_t)m[i]];
    return cp_detail::store(r, r.size(), out);
}

/* ---- the same algorithms with an execution policy first ----------------------------------------------- */
#define CP_THRUST_POLICY(name)                                                                                  \
    template <class P, class First, class... A, typename std::enable_if<cp_detail::is_policy<P>::value, int>::type = 0> \
    auto name(const P& p, First first, A... a) {                                                               \
        cudaStreamSynchronize(p.stream);                                                                       \
        auto r = thrust::name(cp_detail::wrap(p, first), cp_detail::wrap(p, a)...);                            \
        return cp_detail::unwrap_as<decltype(r), First>::get(r);                                               \
    }
#define CP_THRUST_POLICY_VOID(name)                                                                             \
    template <class P, class First, class... A, typename std::enable_if<cp_detail::is_policy<P>::value, int>::type = 0> \
    void name(const P& p, First first, A... a) {                                                               \
        cudaStreamSynchronize(p.stream);                                                                       \
        thrust::name(cp_detail::wrap(p, first), cp_detail::wrap(p, a)...);                                     \
    }
CP_THRUST_POLICY_VOID(sort)
CP_THRUST_POLICY_VOID(stable_sort)
CP_THRUST_POLICY_VOID(sort_by_key)
CP_THRUST_POLICY_VOID(stable_sort_by_key)
CP_THRUST_POLICY_VOID(fill)
CP_THRUST_POLICY_VOID(sequence)
CP_THRUST_POLICY_VOID(generate)
CP_THRUST_POLICY_VOID(scatter)
CP_THRUST_POLICY_VOID(shuffle)
CP_THRUST_POLICY(is_sorted)
CP_THRUST_POLICY(reduce)
CP_THRUST_POLICY(transform_reduce)
CP_THRUST_POLICY(inner_product)
CP_THRUST_POLICY(count)
CP_THRUST_POLICY(count_if)
CP_THRUST_POLICY(equal)
CP_THRUST_POLICY(min_element)
CP_THRUST_POLICY(max_element)
CP_THRUST_POLICY(minmax_element)
CP_THRUST_POLICY(inclusive_scan)
CP_THRUST_POLICY(exclusive_scan)
CP_THRUST_POLICY(transform)
CP_THRUST_POLICY(for_each)
CP_THRUST_POLICY(for_each_n)
CP_THRUST_POLICY(copy)
CP_THRUST_POLICY(copy_n)
CP_THRUST_POLICY(copy_if)
CP_THRUST_POLICY(remove_if)
CP_THRUST_POLICY(fill_n)
CP_THRUST_POLICY(unique)
CP_THRUST_POLICY(gather)
#undef CP_THRUST_POLICY
#undef CP_THRUST_POLICY_VOID

#endif /* CUDAPORT_THRUST_ALGORITHMS_H */
