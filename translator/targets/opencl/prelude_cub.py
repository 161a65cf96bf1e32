"""OpenCL C prelude part: CUB's block-wide reduce and scan (cub.py rewrites the calls to these) and cooperative
groups' tile reduce (coop.py). One overload per
element type; every work-item of the group must call (as CUB requires). Values go through the caller's __local
array of one 64-bit slot per work-item (CUB's TempStorage; bits stored as the warp emulation does), with barriers
before and after so the storage may be reused at once. Every work-item gets the aggregate (CUB promises it to
thread 0 only).
"""

from __future__ import annotations

CUB = r"""
/* cub::BlockReduce / cub::BlockScan over the whole work-group; op 0 sum, 1 max, 2 min (3 difference: only
   BlockAdjacentDifference takes it); valid < 0: all items */
#define CP_RED_OP(op, a, b) ((op) == 0 ? (a) + (b) : (op) == 1 ? ((b) > (a) ? (b) : (a)) : \
    (op) == 2 ? ((b) < (a) ? (b) : (a)) : (a) - (b))
#define CP_BLOCK_PRIMS(T, TOB, FROMB) \
CP_OVL T cp_block_reduce(__local ulong* s, T x, int op, int valid) { \
    uint l = cp_lid(); uint n = cp_gsize(); uint cnt = valid < 0 ? n : min((uint)valid, n); \
    barrier(CLK_LOCAL_MEM_FENCE); \
    if (l < cnt) s[l] = TOB(x); \
    barrier(CLK_LOCAL_MEM_FENCE); \
    for (uint h = 1u; h < cnt; h <<= 1) { \
        if ((l & (2u * h - 1u)) == 0u && l + h < cnt) { \
            T a = FROMB(s[l]); T b = FROMB(s[l + h]); s[l] = TOB(CP_RED_OP(op, a, b)); } \
        barrier(CLK_LOCAL_MEM_FENCE); \
    } \
    T r = cnt ? FROMB(s[0]) : x; \
    barrier(CLK_LOCAL_MEM_FENCE); \
    return r; } \
CP_OVL T cp_block_scan_total(__local ulong* s, T x, int exclusive, __private T* total) { \
    uint l = cp_lid(); uint n = cp_gsize(); \
    barrier(CLK_LOCAL_MEM_FENCE); \
    s[l] = TOB(x); \
    barrier(CLK_LOCAL_MEM_FENCE); \
    for (uint d = 1u; d < n; d <<= 1) { \
        T t = l >= d ? FROMB(s[l - d]) : (T)0; \
        barrier(CLK_LOCAL_MEM_FENCE); \
        if (l >= d) s[l] = TOB(FROMB(s[l]) + t); \
        barrier(CLK_LOCAL_MEM_FENCE); \
    } \
    T r = exclusive ? (l ? FROMB(s[l - 1u]) : (T)0) : FROMB(s[l]); \
    *total = FROMB(s[n - 1u]); \
    barrier(CLK_LOCAL_MEM_FENCE); \
    return r; } \
CP_OVL T cp_block_scan(__local ulong* s, T x, int exclusive) { T t; return cp_block_scan_total(s, x, exclusive, &t); } \
CP_OVL T cp_block_scan_op(__local ulong* s, T x, int op, int exclusive, T init, int has_init, __private T* total) { \
    uint l = cp_lid(); uint n = cp_gsize(); \
    barrier(CLK_LOCAL_MEM_FENCE); \
    s[l] = TOB(x); \
    barrier(CLK_LOCAL_MEM_FENCE); \
    for (uint d = 1u; d < n; d <<= 1) { \
        T t = l >= d ? FROMB(s[l - d]) : x; \
        barrier(CLK_LOCAL_MEM_FENCE); \
        if (l >= d) { T c = FROMB(s[l]); s[l] = TOB(CP_RED_OP(op, t, c)); } \
        barrier(CLK_LOCAL_MEM_FENCE); \
    } \
    T p = l ? FROMB(s[l - 1u]) : x; T c = FROMB(s[l]); \
    T r = exclusive ? (has_init ? (l ? CP_RED_OP(op, init, p) : init) : p) : c; \
    *total = FROMB(s[n - 1u]); \
    barrier(CLK_LOCAL_MEM_FENCE); \
    return r; } \
CP_OVL T cp_block_scan_op(__local ulong* s, T x, int op, int exclusive, T init, int has_init) { \
    T t; return cp_block_scan_op(s, x, op, exclusive, init, has_init, &t); }
CP_BLOCK_PRIMS(int, CP_U2B, CP_B2I) CP_BLOCK_PRIMS(uint, CP_U2B, CP_B2U) CP_BLOCK_PRIMS(float, CP_F2B, CP_B2F)
CP_BLOCK_PRIMS(long, as_ulong, as_long) CP_BLOCK_PRIMS(ulong, CP_ID, CP_ID)
#ifdef CP_HAS_FP64
CP_BLOCK_PRIMS(double, as_ulong, as_double)
#endif
/* several items per work-item (a blocked arrangement: work-item t holds items t * n .. t * n + n - 1): each
   work-item's own sum, the exclusive scan of those sums over the work-group, then the scan within the items;
   SET_TOTAL is `(lvalue) =` for the block aggregate or `(void)`. A statement. */
#define CP_BLOCK_SCAN_ITEMS(T, s, in, out, n, exclusive, SET_TOTAL) do { \
    T cp_sa = (T)0; \
    for (int cp_si = 0; cp_si < (n); cp_si++) cp_sa += (in)[cp_si]; \
    T cp_st; T cp_sp = cp_block_scan_total(s, cp_sa, 1, &cp_st); \
    for (int cp_si = 0; cp_si < (n); cp_si++) { T cp_sv = (in)[cp_si]; \
        if (exclusive) { (out)[cp_si] = cp_sp; cp_sp += cp_sv; } else { cp_sp += cp_sv; (out)[cp_si] = cp_sp; } } \
    SET_TOTAL cp_st; } while (0)
/* ExclusiveScan/InclusiveScan over n items per work-item with an operator: SCAN is cp_block_scan_op (op codes) or
   cp_block_scan_f (a functor object), CALL as for BlockAdjacentDifference below; without an initial value the
   first item of work-item 0 has no prefix (CUB leaves its exclusive output undefined: here its input) */
#define CP_BLOCK_SCAN_ITEMS_OP(T, s, in, out, n, exclusive, SCAN, CALL, op, has_init, init, SET_TOTAL) do { \
    T cp_sa = (in)[0]; \
    for (int cp_si = 1; cp_si < (n); cp_si++) { T cp_sb = (in)[cp_si]; cp_sa = (T)CALL(op, cp_sa, cp_sb); } \
    T cp_st; T cp_sp = SCAN(s, cp_sa, op, 1, (T)(init), has_init, &cp_st); \
    int cp_sh = cp_lid() > 0u || (has_init); \
    for (int cp_si = 0; cp_si < (n); cp_si++) { T cp_sv = (in)[cp_si]; \
        T cp_sn = cp_sh ? (T)CALL(op, cp_sp, cp_sv) : cp_sv; \
        (out)[cp_si] = (exclusive) ? (cp_sh ? cp_sp : cp_sv) : cp_sn; cp_sp = cp_sn; cp_sh = 1; } \
    SET_TOTAL cp_st; } while (0)
/* cub::BlockAdjacentDifference over n items per work-item (blocked), the neighbour across work-items through the
   __local storage (one T per work-item). CALL(op, a, b) applies the operator: CP_FN_OP for the op codes above,
   CP_FN_CALL for a functor object (C++ for OpenCL), always on private copies (a functor may take references).
   Left: out[i] = op(in[i], in[i-1]); item 0 of work-item 0 is op(in[0], pred) with a predecessor, else in[0].
   Right: out[i] = op(in[i], in[i+1]); the last item of the last work-item is op(x, succ) with a successor, else
   itself. Items at or past valid (a partial tile) are copied, as is the last valid one of SubtractRight's. */
#define CP_FN_OP(op, a, b) CP_RED_OP(op, a, b)
#define CP_FN_CALL(op, a, b) (op)(a, b)
#define CP_BLOCK_ADJ_LEFT(T, s, in, out, n, CALL, op, valid, has_pred, pred) do { \
    __local T* cp_av = (__local T*)(s); int cp_al = (int)cp_lid(); \
    barrier(CLK_LOCAL_MEM_FENCE); \
    cp_av[cp_al] = (in)[(n) - 1]; \
    barrier(CLK_LOCAL_MEM_FENCE); \
    T cp_ap = cp_al ? cp_av[cp_al - 1] : (pred); \
    for (int cp_ai = (n) - 1; cp_ai >= 0; cp_ai--) { \
        T cp_aa = (in)[cp_ai]; T cp_ab = cp_ai ? (in)[cp_ai - 1] : cp_ap; \
        (out)[cp_ai] = (cp_al * (n) + cp_ai < (valid) && (cp_ai || cp_al || (has_pred))) ? \
            (T)CALL(op, cp_aa, cp_ab) : cp_aa; } \
    barrier(CLK_LOCAL_MEM_FENCE); } while (0)
#define CP_BLOCK_ADJ_RIGHT(T, s, in, out, n, CALL, op, valid, has_succ, succ) do { \
    __local T* cp_av = (__local T*)(s); int cp_al = (int)cp_lid(); int cp_an = (int)cp_gsize(); \
    barrier(CLK_LOCAL_MEM_FENCE); \
    cp_av[cp_al] = (in)[0]; \
    barrier(CLK_LOCAL_MEM_FENCE); \
    T cp_ap = cp_al + 1 < cp_an ? cp_av[cp_al + 1] : (succ); \
    for (int cp_ai = 0; cp_ai < (n); cp_ai++) { \
        T cp_aa = (in)[cp_ai]; T cp_ab = cp_ai + 1 < (n) ? (in)[cp_ai + 1] : cp_ap; int cp_aj = cp_al * (n) + cp_ai; \
        (out)[cp_ai] = (cp_aj + 1 < (valid) && (cp_ai + 1 < (n) || cp_al + 1 < cp_an || (has_succ))) ? \
            (T)CALL(op, cp_aa, cp_ab) : cp_aa; } \
    barrier(CLK_LOCAL_MEM_FENCE); } while (0)
#ifdef __OPENCL_CPP_VERSION__
/* cub::BlockReduce's Reduce with a functor object of the program (which makes it C++ for OpenCL): the tree of
   cp_block_reduce in the caller's storage as T (at most 8 bytes a slot), the functor combining private copies */
template <typename T, typename F> T cp_block_reduce_f(__local ulong* s, T x, F op, int valid) {
    __local T* v = (__local T*)s; uint l = cp_lid(); uint n = cp_gsize();
    uint cnt = valid < 0 ? n : min((uint)valid, n);
    barrier(CLK_LOCAL_MEM_FENCE);
    if (l < cnt) v[l] = x;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (uint h = 1u; h < cnt; h <<= 1) {
        if ((l & (2u * h - 1u)) == 0u && l + h < cnt) { T a = v[l]; T b = v[l + h]; v[l] = (T)op(a, b); }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    T r = cnt ? v[0] : x;
    barrier(CLK_LOCAL_MEM_FENCE);
    return r; }
/* cub::BlockScan's ExclusiveScan/InclusiveScan with a functor object: cp_block_scan_op's scan, the functor
   combining private copies (earlier items first) */
template <typename T, typename F> T cp_block_scan_f(__local ulong* s, T x, F op, int exclusive, T init, int has_init,
                                                    __private T* total) {
    __local T* v = (__local T*)s; uint l = cp_lid(); uint n = cp_gsize();
    barrier(CLK_LOCAL_MEM_FENCE);
    v[l] = x;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (uint d = 1u; d < n; d <<= 1) {
        T t = l >= d ? v[l - d] : x;
        barrier(CLK_LOCAL_MEM_FENCE);
        if (l >= d) { T c = v[l]; v[l] = (T)op(t, c); }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    T p = l ? v[l - 1u] : x; T c = v[l]; T i0 = init;
    T r = exclusive ? (has_init ? (l ? (T)op(i0, p) : init) : p) : c;
    *total = v[n - 1u];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r; }
template <typename T, typename F> T cp_block_scan_f(__local ulong* s, T x, F op, int exclusive, T init, int has_init) {
    T t; return cp_block_scan_f(s, x, op, exclusive, init, has_init, &t); }
/* cub::BlockScan's ExclusiveSum/InclusiveSum with a block prefix callback (an object of the program): the first
   32 work-items call it with the block aggregate, as CUB's first warp does; what work-item 0's call returns is
   added to every work-item's result (CUB's exclusive result of work-item 0 is that prefix) */
template <typename T, typename F> T cp_block_scan_cb(__local ulong* s, T x, int exclusive, F& op) {
    T total; T r = cp_block_scan_total(s, x, exclusive, &total);
    __local T* v = (__local T*)s; uint l = cp_lid();
    if (l < 32u) { T p = op(total); if (l == 0u) v[0] = p; }
    barrier(CLK_LOCAL_MEM_FENCE);
    T p = v[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return p + r; }
#define CP_BLOCK_SCAN_ITEMS_CB(T, s, in, out, n, exclusive, op) do { \
    T cp_sa = (T)0; \
    for (int cp_si = 0; cp_si < (n); cp_si++) cp_sa += (in)[cp_si]; \
    T cp_sp = cp_block_scan_cb(s, cp_sa, 1, op); \
    for (int cp_si = 0; cp_si < (n); cp_si++) { T cp_sv = (in)[cp_si]; \
        if (exclusive) { (out)[cp_si] = cp_sp; cp_sp += cp_sv; } else { cp_sp += cp_sv; (out)[cp_si] = cp_sp; } } \
    } while (0)
#endif
/* cub::BlockLoad / cub::BlockStore: work-item t's ITEMS items from/to element t * ITEMS + i (blocked: DIRECT,
   VECTORIZE, TRANSPOSE, WARP_TRANSPOSE) or i * THREADS + t (striped); only elements below valid move, and a load
   with a default sets the others to it. Statements, as CUB's Load/Store return void. */
#define CP_BLOCK_MOVE_AT(n, threads, striped, i) \
    ((striped) ? (int)(i) * (int)(threads) + (int)cp_lid() : (int)cp_lid() * (int)(n) + (int)(i))
#define CP_BLOCK_LOAD(src, items, n, threads, striped, valid) do { \
    for (int cp_bi = 0; cp_bi < (n); cp_bi++) { int cp_bj = CP_BLOCK_MOVE_AT(n, threads, striped, cp_bi); \
        if (cp_bj < (valid)) (items)[cp_bi] = (src)[cp_bj]; } } while (0)
#define CP_BLOCK_LOAD_OOB(src, items, n, threads, striped, valid, oob) do { \
    for (int cp_bi = 0; cp_bi < (n); cp_bi++) { int cp_bj = CP_BLOCK_MOVE_AT(n, threads, striped, cp_bi); \
        (items)[cp_bi] = cp_bj < (valid) ? (src)[cp_bj] : (oob); } } while (0)
#define CP_BLOCK_STORE(dst, items, n, threads, striped, valid) do { \
    for (int cp_bi = 0; cp_bi < (n); cp_bi++) { int cp_bj = CP_BLOCK_MOVE_AT(n, threads, striped, cp_bi); \
        if (cp_bj < (valid)) (dst)[cp_bj] = (items)[cp_bi]; } } while (0)
/* cooperative groups' reduce over a tile of w work-items (a power of two up to 32): butterfly through cp_shfl_xor */
#define CP_TILE_REDUCE(T) \
CP_OVL T cp_tile_reduce(__local ulong* s, T v, int op, int w) { \
    for (int m = w / 2; m > 0; m >>= 1) { T o = cp_shfl_xor(s, v, (uint)m, w); v = CP_RED_OP(op, v, o); } \
    return v; }
CP_TILE_REDUCE(int) CP_TILE_REDUCE(uint) CP_TILE_REDUCE(float) CP_TILE_REDUCE(long) CP_TILE_REDUCE(ulong)
#ifdef CP_HAS_FP64
CP_TILE_REDUCE(double)
#endif
"""
