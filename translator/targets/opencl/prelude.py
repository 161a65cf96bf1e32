"""OpenCL C 1.2 prelude written at the top of every generated .cl program.

Inputs: none. Output: `PRELUDE` text: extensions, the CP_OFF/CP_ADJ macros of the shim contract (SVM and
handle-table paths), fixed-width typedefs, CUDA-layout 3-component vectors, overloaded `cp_atomic*`
functions (int, uint, long, ulong, float and double on __global and __local memory), CUDA's bit intrinsics
with CUDA's parameter types (`cp_popc`, `cp_brev`, `cp_byte_perm`, `cp_funnelshift_*`, ...), bytewise memset/memcpy
per address space, the 32-wide warp emulation over a __local scratch array (`cp_shfl*`, `cp_ballot`,
`cp_any`, `cp_all`, `cp_reduce_*`), CUB's block reduce and scan (prelude_cub.py), cuRAND's Philox device API
(prelude_curand.py), and CUDA's half/bfloat16 as storage types with float arithmetic (prelude_half.py).
`with_simd` adds CUDA's SIMD-within-a-word intrinsics (`cp_vmaxs4`, ...) that a program calls, after the
prelude (translator/targets/simd.py generates them).
"""

from __future__ import annotations

import re

from translator.targets.opencl.prelude_complex import complex_definitions
from translator.targets.opencl.prelude_cub import CUB
from translator.targets.opencl.prelude_curand import CURAND
from translator.targets.opencl.prelude_half import HALF
from translator.targets.opencl.vecaddr import PRELUDE_VEC_ADDR
from translator.targets.simd import opencl_definitions

_HEAD = r"""/* cudaport OpenCL C prelude */
#ifdef cl_khr_fp64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define CP_HAS_FP64 1
#endif
#ifdef cl_khr_int64_base_atomics
#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable
#define CP_HAS_I64_BASE 1
#endif
#ifdef cl_khr_int64_extended_atomics
#pragma OPENCL EXTENSION cl_khr_int64_extended_atomics : enable
#define CP_HAS_I64_EXT 1
#endif
#pragma OPENCL FP_CONTRACT OFF
/* CUDA's restrict spelling; host code keeps __restrict__ (g++ has no `restrict` in C++) */
#define __restrict__ restrict
#define CP_OVL __attribute__((overloadable))
/* `std::nearbyint` in device code (the .cl flattens namespaces; an unqualified call is renamed by the rules):
   OpenCL's rint rounds to nearest even, as nearbyint does in the default rounding mode */
#define nearbyint(x) rint(x)
/* CUDA's alignment spelling, as the shim header defines it for the host: both sides lay structs out alike */
#define __align__(n) __attribute__((aligned(n)))
#ifdef CUDAPORT_NO_SVM
#define CP_OFF(name) , ulong name##_cpoff
#define CP_ADJ(T, name) name = (T)((__global char*)(name) + name##_cpoff);
#define CP_ADJC(T, name) name = (T)((__constant char*)(name) + name##_cpoff);
#else
#define CP_OFF(name)
#define CP_ADJ(T, name)
#define CP_ADJC(T, name)
#endif
typedef char int8_t;
typedef uchar uint8_t;
typedef short int16_t;
typedef ushort uint16_t;
typedef int int32_t;
typedef uint uint32_t;
typedef long int64_t;
typedef ulong uint64_t;
/* CUDA's 3-component vectors are packed structs (12 bytes for float3), OpenCL's are 16 bytes. */
#define CP_VEC3(T, N) typedef struct { T x, y, z; } cp_##N##3; \
    static inline cp_##N##3 cp_make_##N##3(T x, T y, T z) { cp_##N##3 v; v.x = x; v.y = y; v.z = z; return v; }
CP_VEC3(char, char) CP_VEC3(uchar, uchar) CP_VEC3(short, short) CP_VEC3(ushort, ushort)
CP_VEC3(int, int) CP_VEC3(uint, uint) CP_VEC3(long, long) CP_VEC3(ulong, ulong) CP_VEC3(float, float)
#ifdef CP_HAS_FP64
CP_VEC3(double, double)
#endif
"""

_ATOMICS = r"""
/* CUDA atomics: one overload per type and address space. */
#define CP_CAS_LOOP(AS, T, U, CAS, TOU, FROMU, NEWEXPR) \
    volatile AS U* q = (volatile AS U*)p; U old = CAS(q, (U)0, (U)0), assumed; \
    do { assumed = old; T cur = FROMU(assumed); old = CAS(q, assumed, TOU(NEWEXPR)); } while (old != assumed); \
    return FROMU(old);
#define CP_ID(x) (x)
#define CP_AT32(AS, T) \
CP_OVL T cp_atomicAdd(volatile AS T* p, T v) { return atomic_add(p, v); } \
CP_OVL T cp_atomicSub(volatile AS T* p, T v) { return atomic_sub(p, v); } \
CP_OVL T cp_atomicMin(volatile AS T* p, T v) { return atomic_min(p, v); } \
CP_OVL T cp_atomicMax(volatile AS T* p, T v) { return atomic_max(p, v); } \
CP_OVL T cp_atomicExch(volatile AS T* p, T v) { return atomic_xchg(p, v); } \
CP_OVL T cp_atomicCAS(volatile AS T* p, T c, T v) { return atomic_cmpxchg(p, c, v); } \
CP_OVL T cp_atomicAnd(volatile AS T* p, T v) { return atomic_and(p, v); } \
CP_OVL T cp_atomicOr(volatile AS T* p, T v) { return atomic_or(p, v); } \
CP_OVL T cp_atomicXor(volatile AS T* p, T v) { return atomic_xor(p, v); }
#define CP_AT64(AS, T) \
CP_OVL T cp_atomicAdd(volatile AS T* p, T v) { return atom_add(p, v); } \
CP_OVL T cp_atomicSub(volatile AS T* p, T v) { return atom_sub(p, v); } \
CP_OVL T cp_atomicExch(volatile AS T* p, T v) { return atom_xchg(p, v); } \
CP_OVL T cp_atomicCAS(volatile AS T* p, T c, T v) { return atom_cmpxchg(p, c, v); }
#define CP_AT64X(AS, T) \
CP_OVL T cp_atomicMin(volatile AS T* p, T v) { return atom_min(p, v); } \
CP_OVL T cp_atomicMax(volatile AS T* p, T v) { return atom_max(p, v); } \
CP_OVL T cp_atomicAnd(volatile AS T* p, T v) { return atom_and(p, v); } \
CP_OVL T cp_atomicOr(volatile AS T* p, T v) { return atom_or(p, v); } \
CP_OVL T cp_atomicXor(volatile AS T* p, T v) { return atom_xor(p, v); }
#define CP_ATU(AS) \
CP_OVL uint cp_atomicInc(volatile AS uint* p, uint v) { CP_CAS_LOOP(AS, uint, uint, atomic_cmpxchg, CP_ID, CP_ID, \
    (cur >= v) ? 0u : cur + 1u) } \
CP_OVL uint cp_atomicDec(volatile AS uint* p, uint v) { CP_CAS_LOOP(AS, uint, uint, atomic_cmpxchg, CP_ID, CP_ID, \
    (cur == 0u || cur > v) ? v : cur - 1u) } \
CP_OVL float cp_atomicAdd(volatile AS float* p, float v) { CP_CAS_LOOP(AS, float, uint, atomic_cmpxchg, as_uint, \
    as_float, cur + v) } \
CP_OVL float cp_atomicSub(volatile AS float* p, float v) { CP_CAS_LOOP(AS, float, uint, atomic_cmpxchg, as_uint, \
    as_float, cur - v) } \
CP_OVL float cp_atomicExch(volatile AS float* p, float v) { return atomic_xchg(p, v); } \
CP_OVL float cp_atomicMin(volatile AS float* p, float v) { CP_CAS_LOOP(AS, float, uint, atomic_cmpxchg, as_uint, \
    as_float, fmin(cur, v)) } \
CP_OVL float cp_atomicMax(volatile AS float* p, float v) { CP_CAS_LOOP(AS, float, uint, atomic_cmpxchg, as_uint, \
    as_float, fmax(cur, v)) }
#define CP_ATD(AS) \
CP_OVL double cp_atomicAdd(volatile AS double* p, double v) { CP_CAS_LOOP(AS, double, ulong, atom_cmpxchg, \
    as_ulong, as_double, cur + v) } \
CP_OVL double cp_atomicSub(volatile AS double* p, double v) { CP_CAS_LOOP(AS, double, ulong, atom_cmpxchg, \
    as_ulong, as_double, cur - v) }
CP_AT32(__global, int) CP_AT32(__global, uint) CP_AT32(__local, int) CP_AT32(__local, uint)
CP_ATU(__global) CP_ATU(__local)
#ifdef CP_HAS_I64_BASE
CP_AT64(__global, long) CP_AT64(__global, ulong) CP_AT64(__local, long) CP_AT64(__local, ulong)
#if defined(CP_HAS_FP64)
CP_ATD(__global) CP_ATD(__local)
#endif
#endif
#ifdef CP_HAS_I64_EXT
CP_AT64X(__global, long) CP_AT64X(__global, ulong) CP_AT64X(__local, long) CP_AT64X(__local, ulong)
#endif
#ifdef __OPENCL_CPP_VERSION__
/* C++ for OpenCL: member functions take their pointers in the generic address space; each atomic goes to the
   overload of the named space the pointer is in (to_global/to_local; PoCL's kernel library has no generic
   atomics, and the C11 ones are missing from it too) */
#define CP_ATG(T, NAME) CP_OVL T NAME(volatile __generic T* p, T v) { \
    volatile __global T* g = to_global(p); if (g) return NAME(g, v); \
    volatile __local T* l = to_local(p); return l ? NAME(l, v) : NAME((volatile __global T*)p, v); }
#define CP_ATGCAS(T) CP_OVL T cp_atomicCAS(volatile __generic T* p, T c, T v) { \
    volatile __global T* g = to_global(p); if (g) return cp_atomicCAS(g, c, v); \
    volatile __local T* l = to_local(p); \
    return l ? cp_atomicCAS(l, c, v) : cp_atomicCAS((volatile __global T*)p, c, v); }
#define CP_ATGI(T) CP_ATG(T, cp_atomicAdd) CP_ATG(T, cp_atomicSub) CP_ATG(T, cp_atomicExch) CP_ATGCAS(T)
#define CP_ATGX(T) CP_ATG(T, cp_atomicMin) CP_ATG(T, cp_atomicMax) CP_ATG(T, cp_atomicAnd) CP_ATG(T, cp_atomicOr) \
    CP_ATG(T, cp_atomicXor)
CP_ATGI(int) CP_ATGI(uint) CP_ATGX(int) CP_ATGX(uint) CP_ATG(uint, cp_atomicInc) CP_ATG(uint, cp_atomicDec)
CP_ATG(float, cp_atomicAdd) CP_ATG(float, cp_atomicSub) CP_ATG(float, cp_atomicExch) CP_ATG(float, cp_atomicMin)
CP_ATG(float, cp_atomicMax)
#ifdef CP_HAS_I64_BASE
CP_ATGI(long) CP_ATGI(ulong)
#if defined(CP_HAS_FP64)
CP_ATG(double, cp_atomicAdd) CP_ATG(double, cp_atomicSub)
#endif
#endif
#ifdef CP_HAS_I64_EXT
CP_ATGX(long) CP_ATGX(ulong)
#endif
#endif
"""

_BITS = r"""
/* CUDA bit intrinsics; plain (not overloaded) functions, so arguments convert to CUDA's parameter types. */
static inline int cp_popc(uint x) { return (int)popcount(x); }
static inline int cp_popcll(ulong x) { return (int)popcount(x); }
static inline int cp_clz(int x) { return (int)clz(x); }
static inline int cp_clzll(long x) { return (int)clz(x); }
static inline int cp_ffs(int x) { uint u = (uint)x; return u ? 32 - (int)clz(u & (0u - u)) : 0; }
static inline int cp_ffsll(long x) { ulong u = (ulong)x; return u ? 64 - (int)clz(u & (0ul - u)) : 0; }
/* bit reverse by bytes with multiplies: the shift-and-mask form becomes llvm.bitreverse, which Oclgrind lacks */
static inline uint cp_rev8(uint b) {
    return (((b * 0x0802u & 0x22110u) | (b * 0x8020u & 0x88440u)) * 0x10101u >> 16) & 0xffu;
}
static inline uint cp_brev(uint x) {
    return (cp_rev8(x & 0xffu) << 24) | (cp_rev8((x >> 8) & 0xffu) << 16) | (cp_rev8((x >> 16) & 0xffu) << 8)
        | cp_rev8(x >> 24);
}
static inline ulong cp_brevll(ulong x) { return ((ulong)cp_brev((uint)x) << 32) | (ulong)cp_brev((uint)(x >> 32)); }
static inline uint cp_byte_perm(uint x, uint y, uint s) {
    ulong t = ((ulong)y << 32) | (ulong)x; uint r = 0u;
    for (uint i = 0u; i < 4u; ++i) r |= (uint)((t >> (8u * ((s >> (4u * i)) & 7u))) & 0xfful) << (8u * i);
    return r;
}
static inline uint cp_funnelshift_l(uint lo, uint hi, uint s) {
    return (uint)(((((ulong)hi << 32) | (ulong)lo) << (s & 31u)) >> 32);
}
static inline uint cp_funnelshift_lc(uint lo, uint hi, uint s) {
    return (uint)(((((ulong)hi << 32) | (ulong)lo) << min(s, 32u)) >> 32);
}
static inline uint cp_funnelshift_r(uint lo, uint hi, uint s) {
    return (uint)((((ulong)hi << 32) | (ulong)lo) >> (s & 31u));
}
static inline uint cp_funnelshift_rc(uint lo, uint hi, uint s) {
    return (uint)((((ulong)hi << 32) | (ulong)lo) >> min(s, 32u));
}
/* __dp4a: the four byte products of a and b (signed bytes for int, unsigned for uint) added to c */
static inline CP_OVL int cp_dp4a(int a, int b, int c) {
    char4 x = as_char4(a), y = as_char4(b);
    return c + x.s0 * y.s0 + x.s1 * y.s1 + x.s2 * y.s2 + x.s3 * y.s3;
}
static inline CP_OVL uint cp_dp4a(uint a, uint b, uint c) {
    uchar4 x = as_uchar4(a), y = as_uchar4(b);
    return c + (uint)x.s0 * y.s0 + (uint)x.s1 * y.s1 + (uint)x.s2 * y.s2 + (uint)x.s3 * y.s3;
}
"""

_MEM = r"""
/* CUDA device code has memset and memcpy; OpenCL C has neither. Bytewise, one overload per address space
   (OpenCL 1.2 has no generic pointers); the macros keep the C names working in the program only. */
#define CP_MEMSET(AS) CP_OVL AS void* cp_memset(AS void* p, int v, ulong n) { \
    AS uchar* d = (AS uchar*)p; for (ulong i = 0; i < n; ++i) d[i] = (uchar)v; return p; }
#define CP_MEMCPY(AS, AS2) CP_OVL AS void* cp_memcpy(AS void* p, const AS2 void* q, ulong n) { \
    AS uchar* d = (AS uchar*)p; const AS2 uchar* s = (const AS2 uchar*)q; \
    for (ulong i = 0; i < n; ++i) d[i] = s[i]; return p; }
#define CP_MEMCPY_TO(AS) CP_MEMCPY(AS, __private) CP_MEMCPY(AS, __global) CP_MEMCPY(AS, __local) \
    CP_MEMCPY(AS, __constant)
CP_MEMSET(__private) CP_MEMSET(__global) CP_MEMSET(__local)
CP_MEMCPY_TO(__private) CP_MEMCPY_TO(__global) CP_MEMCPY_TO(__local)
#define memset cp_memset
#define memcpy cp_memcpy
"""

_WARP = r"""
/* A 32-wide CUDA warp emulated inside the work-group: lanes are consecutive linear local ids; values
   go through __local scratch between two barriers, so every work-item of the group must reach each call.
   A function taking the scratch is external (not static, not inline), as the device functions that take a
   __local pointer are (emit.takes_local): LLVM would bind an internal one's parameter to the one kernel's
   scratch and PoCL 3.1 would then share that array between work-groups. */
#define CP_WARP_SCRATCH 1024
static inline uint cp_lid(void) {
    return (uint)(get_local_id(0) + get_local_size(0) * (get_local_id(1) + get_local_size(1) * get_local_id(2)));
}
static inline uint cp_gsize(void) { return (uint)(get_local_size(0) * get_local_size(1) * get_local_size(2)); }
uint cp_exchange(__local ulong* s, ulong bits, uint src) {
    uint l = cp_lid();
    barrier(CLK_LOCAL_MEM_FENCE);
    s[l] = bits;
    barrier(CLK_LOCAL_MEM_FENCE);
    return (uint)(src < cp_gsize() ? s[src] : bits);
}
ulong cp_exchange64(__local ulong* s, ulong bits, uint src) {
    uint l = cp_lid();
    barrier(CLK_LOCAL_MEM_FENCE);
    s[l] = bits;
    barrier(CLK_LOCAL_MEM_FENCE);
    return src < cp_gsize() ? s[src] : bits;
}
static inline uint cp_src_idx(int src, int w) {
    uint l = cp_lid(); uint uw = (uint)w;
    return (l & ~(uw - 1u)) + ((uint)src & (uw - 1u));
}
static inline uint cp_src_up(uint d, int w) {
    uint l = cp_lid(); uint uw = (uint)w;
    return (l & (uw - 1u)) >= d ? l - d : l;
}
static inline uint cp_src_down(uint d, int w) {
    uint l = cp_lid(); uint uw = (uint)w;
    return (l & (uw - 1u)) + d < uw ? l + d : l;
}
static inline uint cp_src_xor(uint m, int w) {
    uint l = cp_lid(); uint uw = (uint)w; uint t = l ^ m;
    return (t & ~(uw - 1u)) == (l & ~(uw - 1u)) ? t : l;
}
#define CP_SHFL32(T, TOB, FROMB) \
CP_OVL T cp_shfl(__local ulong* s, T v, int src, int w) { return FROMB(cp_exchange(s, TOB(v), cp_src_idx(src, w))); } \
CP_OVL T cp_shfl_up(__local ulong* s, T v, uint d, int w) { return FROMB(cp_exchange(s, TOB(v), cp_src_up(d, w))); } \
CP_OVL T cp_shfl_down(__local ulong* s, T v, uint d, int w) { \
    return FROMB(cp_exchange(s, TOB(v), cp_src_down(d, w))); } \
CP_OVL T cp_shfl_xor(__local ulong* s, T v, uint m, int w) { return FROMB(cp_exchange(s, TOB(v), cp_src_xor(m, w))); }
#define CP_SHFL64(T, TOB, FROMB) \
CP_OVL T cp_shfl(__local ulong* s, T v, int src, int w) { \
    return FROMB(cp_exchange64(s, TOB(v), cp_src_idx(src, w))); } \
CP_OVL T cp_shfl_up(__local ulong* s, T v, uint d, int w) { \
    return FROMB(cp_exchange64(s, TOB(v), cp_src_up(d, w))); } \
CP_OVL T cp_shfl_down(__local ulong* s, T v, uint d, int w) { \
    return FROMB(cp_exchange64(s, TOB(v), cp_src_down(d, w))); } \
CP_OVL T cp_shfl_xor(__local ulong* s, T v, uint m, int w) { \
    return FROMB(cp_exchange64(s, TOB(v), cp_src_xor(m, w))); }
#define CP_U2B(v) ((ulong)(uint)(v))
#define CP_B2I(b) ((int)(b))
#define CP_B2U(b) ((uint)(b))
#define CP_F2B(v) ((ulong)as_uint(v))
#define CP_B2F(b) as_float((uint)(b))
CP_SHFL32(int, CP_U2B, CP_B2I) CP_SHFL32(uint, CP_U2B, CP_B2U) CP_SHFL32(float, CP_F2B, CP_B2F)
CP_SHFL64(long, as_ulong, as_long) CP_SHFL64(ulong, CP_ID, CP_ID)
#ifdef CP_HAS_FP64
CP_SHFL64(double, as_ulong, as_double)
#endif
uint cp_ballot(__local ulong* s, int pred) {
    uint l = cp_lid(); uint n = cp_gsize(); uint base = l & ~31u; uint m = 0u;
    barrier(CLK_LOCAL_MEM_FENCE);
    s[l] = pred ? 1ul : 0ul;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (uint i = 0; i < 32u && base + i < n; ++i) m |= (s[base + i] ? 1u : 0u) << i;
    return m;
}
static inline uint cp_activemask(void) {
    uint l = cp_lid(); uint n = cp_gsize(); uint base = l & ~31u; uint k = n - base;
    return k >= 32u ? 0xffffffffu : ((1u << k) - 1u);
}
int cp_any(__local ulong* s, int pred) { return cp_ballot(s, pred) != 0u; }
int cp_all(__local ulong* s, int pred) { return cp_ballot(s, pred) == cp_activemask(); }
#define CP_REDUCE(NAME, T, OP) \
CP_OVL T NAME(__local ulong* s, T v) { \
    uint l = cp_lid(); uint n = cp_gsize(); uint base = l & ~31u; T r = v; \
    barrier(CLK_LOCAL_MEM_FENCE); s[l] = (ulong)(uint)v; barrier(CLK_LOCAL_MEM_FENCE); \
    for (uint i = 0; i < 32u && base + i < n; ++i) { T o = (T)(uint)s[base + i]; r = i == 0 ? o : OP; } \
    return r; }
CP_REDUCE(cp_reduce_add, int, r + o) CP_REDUCE(cp_reduce_add, uint, r + o)
CP_REDUCE(cp_reduce_min, int, min(r, o)) CP_REDUCE(cp_reduce_min, uint, min(r, o))
CP_REDUCE(cp_reduce_max, int, max(r, o)) CP_REDUCE(cp_reduce_max, uint, max(r, o))
CP_REDUCE(cp_reduce_and, uint, r & o) CP_REDUCE(cp_reduce_or, uint, r | o) CP_REDUCE(cp_reduce_xor, uint, r ^ o)
"""

PRELUDE = _HEAD + _ATOMICS + _BITS + _MEM + _WARP + CUB + CURAND + HALF + PRELUDE_VEC_ADDR


def with_simd(cl_text: str) -> str:
    """`cl_text` (a program that starts with PRELUDE) with the definitions of the SIMD intrinsics it calls
    inserted after the prelude: 118 functions are too many to compile into every program. cuComplex's helpers
    come the same way, for programs that name them (prelude_complex.py)."""
    if not cl_text.startswith(PRELUDE):
        return cl_text
    body = cl_text[len(PRELUDE):]
    defs = complex_definitions(body) + opencl_definitions(set(re.findall(r"\bcp_v\w+", body)))
    return PRELUDE + defs + cl_text[len(PRELUDE):] if defs else cl_text
