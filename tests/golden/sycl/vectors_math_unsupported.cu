// Vector types become sycl::vec types whose members are functions (.x()); math goes to sycl::;
// what SYCL cannot express keeps its code with a numbered diagnostic at the site.
__global__ void vec(const float4* in, float2* out, int n, cudaTextureObject_t tex) {
// CHECK-SYCL: void vec(const sycl::float4* in, sycl::float2* out, int n, /* CUDAPORT CP3005
    int i = threadIdx.x;
    float4 p = in[i];
// CHECK-SYCL: sycl::float4 p = in[i];
    float2 q = make_float2(p.x + p.w, sqrtf(p.y));
// CHECK-SYCL: sycl::float2 q = sycl::float2(p.x() + p.w(), sycl::sqrt(p.y()));
    q.y = expf(in[i].z) + rsqrtf(q.x);
// CHECK-SYCL: q.y() = sycl::exp(in[i].z()) + sycl::rsqrt(q.x());
    out[i] = q;
    float round = floorf(q.x);
// CHECK-SYCL: float round = sycl::floor(q.x());
    unsigned int lane;
    asm("mov.u32 %0, %%laneid;" : "=r"(lane));
// CHECK-SYCL: CUDAPORT CP3004: inline PTX assembly cannot be translated: asm("mov.u32 %0, %%laneid;" : "=r"(lane)) */ asm("mov.u32 %0, %%laneid;" : "=r"(lane));
    out[i].x += tex1Dfetch<float>(tex, i) + round + lane;
// CHECK-SYCL: out[i].x() += /* CUDAPORT CP3005: texture or surface object; not translated for this target: tex1Dfetch: textures and surfaces need SYCL image accessors, which cudaport does not generate; read the underlying buffer with plain loads */ tex1Dfetch<float>(tex, i) + round + lane;
}

__global__ void __launch_bounds__(256) bounded(float* v) {
// CHECK-SYCL: void bounded(float* v, const sycl::nd_item<3>& item) {
    v[threadIdx.x] = __fdividef(v[threadIdx.x], 3.0f);
}
