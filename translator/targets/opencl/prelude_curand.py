"""OpenCL C prelude part: cuRAND's device API for the Philox4x32-10 generator (curandStatePhilox4_32_10_t), with
cuRAND's own state layout rules: a 128-bit counter and 64-bit key from the seed, `curand_init`'s subsequence
added to the counter's high half and its offset to the low half (in blocks of four outputs), outputs served
x, y, z, w before the counter is bumped. The Philox4x32-10 rounds and constants are Random123's (Salmon et al.,
SC'11), checked against its known-answer vectors (tests/targets/opencl/test_curand_philox.py). The host-side layout
of the state is runtime_shim/opencl/include/cudaport_curand_kernel.h (the same 52 bytes). curand_normal is
cuRAND's Box-Muller on two outputs; OpenCL's log/sin/cos are not CUDA's fast intrinsics, so normals agree to a few
ulp, uniforms and raw outputs bit for bit.
"""

from __future__ import annotations

CURAND = r"""
/* cuRAND device API, Philox4x32-10 */
typedef struct { uint ctr[4]; uint key[2]; uint output[4]; int state; int bm_flag; float bm_extra; }
    curandStatePhilox4_32_10_t;
static inline uint4 cp_philox4x32_10(uint4 c, uint2 k) {
    for (int r = 0; r < 10; ++r) {
        if (r) { k.x += 0x9E3779B9u; k.y += 0xBB67AE85u; }
        uint hi0 = mul_hi(0xD2511F53u, c.x), lo0 = 0xD2511F53u * c.x;
        uint hi1 = mul_hi(0xCD9E8D57u, c.z), lo1 = 0xCD9E8D57u * c.z;
        c = (uint4)(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
    }
    return c;
}
#define CP_CURAND_PHILOX(AS) \
CP_OVL void cp_philox_output(AS curandStatePhilox4_32_10_t* s) { \
    uint4 o = cp_philox4x32_10((uint4)(s->ctr[0], s->ctr[1], s->ctr[2], s->ctr[3]), (uint2)(s->key[0], s->key[1])); \
    s->output[0] = o.x; s->output[1] = o.y; s->output[2] = o.z; s->output[3] = o.w; } \
CP_OVL void cp_philox_incr(AS curandStatePhilox4_32_10_t* s, ulong n) { \
    uint nlo = (uint)n, nhi = (uint)(n >> 32); \
    s->ctr[0] += nlo; if (s->ctr[0] < nlo) nhi++; \
    s->ctr[1] += nhi; if (nhi <= s->ctr[1]) return; \
    if (++s->ctr[2]) return; \
    ++s->ctr[3]; } \
CP_OVL void cp_philox_incr_hi(AS curandStatePhilox4_32_10_t* s, ulong n) { \
    uint nlo = (uint)n, nhi = (uint)(n >> 32); \
    s->ctr[2] += nlo; if (s->ctr[2] < nlo) nhi++; \
    s->ctr[3] += nhi; } \
CP_OVL void skipahead(ulong n, AS curandStatePhilox4_32_10_t* s) { \
    s->state += (int)(n & 3ul); n /= 4ul; \
    if (s->state > 3) { n += 1ul; s->state -= 4; } \
    cp_philox_incr(s, n); cp_philox_output(s); } \
CP_OVL void skipahead_sequence(ulong n, AS curandStatePhilox4_32_10_t* s) { \
    cp_philox_incr_hi(s, n); cp_philox_output(s); } \
CP_OVL void curand_init(ulong seed, ulong subsequence, ulong offset, AS curandStatePhilox4_32_10_t* s) { \
    for (int i = 0; i < 4; ++i) s->ctr[i] = 0u; \
    s->key[0] = (uint)seed; s->key[1] = (uint)(seed >> 32); \
    s->state = 0; s->bm_flag = 0; s->bm_extra = 0.0f; \
    skipahead_sequence(subsequence, s); skipahead(offset, s); } \
CP_OVL uint curand(AS curandStatePhilox4_32_10_t* s) { \
    uint r = s->output[s->state & 3]; \
    if (++s->state == 4) { cp_philox_incr(s, 1ul); cp_philox_output(s); s->state = 0; } \
    return r; } \
CP_OVL float curand_uniform(AS curandStatePhilox4_32_10_t* s) { \
    return (float)curand(s) * 2.3283064e-10f + (2.3283064e-10f / 2.0f); } \
CP_OVL float curand_normal(AS curandStatePhilox4_32_10_t* s) { \
    if (s->bm_flag) { s->bm_flag = 0; return s->bm_extra; } \
    uint x = curand(s), y = curand(s); \
    float u = (float)x * 2.3283064e-10f + (2.3283064e-10f / 2.0f); \
    float v = (float)y * 1.4629180792671596e-09f + (1.4629180792671596e-09f / 2.0f); \
    float r = sqrt(-2.0f * log(u)); \
    s->bm_extra = r * cos(v); s->bm_flag = 1; \
    return r * sin(v); }
CP_CURAND_PHILOX(__private) CP_CURAND_PHILOX(__global) CP_CURAND_PHILOX(__local)
"""
