// cuFFT on clFFT (include/cudaport_cufft.h). A cufftHandle is an index into the shim's plan table; its clFFT
// plans (one per placement: in place and out of place, since cuFFT decides at execution) are created and baked
// on first execution on the plan's stream's queue. clFFT's C API is opened with dlopen (libclFFT.so.2) on first
// use, so the shim library builds and links without it; its enums are passed as int (clFFT's values: 1D/2D/3D
// 1..3, complex interleaved 1, hermitian interleaved 3, real 5, single/double 1/2, forward/backward -1/1, in place
// 1, out of place 2). clFFT takes buffers without offsets: a device pointer inside an allocation becomes a
// sub-buffer where its offset is aligned for one, else a staged copy (in before the transform, out after).
#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "cp_internal.hpp"
#include "cudaport_cufft.h"

using namespace cp;

namespace {

typedef size_t Plan;  // clfftPlanHandle
struct SetupData {
    cl_uint major, minor, patch;
    cl_ulong debug;
};

struct Clfft {
    bool tried = false, ready = false;
    void* so = nullptr;
    int (*setup)(const SetupData*);
    int (*teardown)();
    int (*create)(Plan*, cl_context, int, const size_t*);
    int (*destroy)(Plan*);
    int (*precision)(Plan, int);
    int (*layout)(Plan, int, int);
    int (*location)(Plan, int);
    int (*batch)(Plan, size_t);
    int (*in_stride)(Plan, int, size_t*);
    int (*out_stride)(Plan, int, size_t*);
    int (*distance)(Plan, size_t, size_t);
    int (*scale)(Plan, int, cl_float);
    int (*bake)(Plan, cl_uint, cl_command_queue*, void*, void*);
    int (*enqueue)(Plan, int, cl_uint, cl_command_queue*, cl_uint, const cl_event*, cl_event*, cl_mem*, cl_mem*,
                   cl_mem);
};

Clfft& lib() {
    static Clfft c;
    return c;
}

template <class F> bool sym(void* so, F& f, const char* name) {
    f = reinterpret_cast<F>(dlsym(so, name));
    if (!f) fprintf(stderr, "cudaport: clFFT has no %s\n", name);
    return f != nullptr;
}

void teardown();

// Under the shim lock. False (once, with one line on stderr) when clFFT cannot be loaded or set up.
bool load() {
    Clfft& c = lib();
    if (c.tried) return c.ready;
    c.tried = true;
    for (const char* n : {"libclFFT.so.2", "libclFFT.so"})
        if ((c.so = dlopen(n, RTLD_NOW | RTLD_LOCAL)) != nullptr) break;
    if (!c.so) {
        fprintf(stderr, "cudaport: cuFFT calls need clFFT (apt-get install libclfft2): %s\n", dlerror());
        return false;
    }
    bool ok = sym(c.so, c.setup, "clfftSetup") && sym(c.so, c.teardown, "clfftTeardown") && sym(c.so, c.create, "clfftCreateDefaultPlan") &&
              sym(c.so, c.destroy, "clfftDestroyPlan") && sym(c.so, c.precision, "clfftSetPlanPrecision") &&
              sym(c.so, c.layout, "clfftSetLayout") && sym(c.so, c.location, "clfftSetResultLocation") &&
              sym(c.so, c.batch, "clfftSetPlanBatchSize") && sym(c.so, c.in_stride, "clfftSetPlanInStride") &&
              sym(c.so, c.out_stride, "clfftSetPlanOutStride") && sym(c.so, c.distance, "clfftSetPlanDistance") &&
              sym(c.so, c.scale, "clfftSetPlanScale") && sym(c.so, c.bake, "clfftBakePlan") &&
              sym(c.so, c.enqueue, "clfftEnqueueTransform");
    SetupData sd{2, 12, 2, 0};
    if (ok && c.setup(&sd) != 0) {
        fprintf(stderr, "cudaport: clfftSetup failed\n");
        ok = false;
    }
    c.ready = ok;
    if (ok) atexit(teardown);
    return ok;
}

const int kComplex = 1, kHermitian = 3, kReal = 5;

// One side (input or output) of a transform: clFFT layout, strides (fastest dimension first), distance.
struct Side {
    int layout = kComplex;
    size_t stride[3] = {1, 1, 1};
    size_t dist = 0;
    size_t elem = 0;   // bytes of one element of this side
    size_t first = 0;  // elements along the fastest dimension (n/2+1 on the complex side of a real transform)
    // Bytes the batches span, from the first element to past the last.
    size_t extent(int rank, const size_t* len, int batch) const {
        size_t last = dist * (size_t)(batch - 1) + (first - 1) * stride[0];
        for (int k = 1; k < rank; ++k) last += (len[k] - 1) * stride[k];
        return (last + 1) * elem;
    }
};

struct FftPlan {
    bool made = false;
    int rank = 0;
    size_t len[3] = {1, 1, 1};  // logical lengths, fastest first (clFFT's order; cuFFT's n reversed)
    cufftType type = CUFFT_C2C;
    int batch = 1;
    Side in[2], out[2];  // [0] out of place, [1] in place
    cudaStream_t stream = nullptr;
    Plan cl[2] = {0, 0};
    bool baked[2] = {false, false};
};

std::map<int, FftPlan>& plans() {
    static std::map<int, FftPlan> p;
    return p;
}

FftPlan* find(cufftHandle h) {
    auto it = plans().find(h);
    return it == plans().end() ? nullptr : &it->second;
}

bool is_real_in(cufftType t) { return t == CUFFT_R2C || t == CUFFT_D2Z; }
bool is_real_out(cufftType t) { return t == CUFFT_C2R || t == CUFFT_Z2D; }
bool is_double(cufftType t) { return t == CUFFT_Z2Z || t == CUFFT_D2Z || t == CUFFT_Z2D; }
bool valid_type(cufftType t) {
    return t == CUFFT_R2C || t == CUFFT_C2R || t == CUFFT_C2C || t == CUFFT_D2Z || t == CUFFT_Z2D || t == CUFFT_Z2Z;
}

// cuFFT's basic layout of one side: packed, the fastest dimension `first` long (n/2+1 for the complex side of a
// real transform, 2(n/2+1) for the real side in place), distance the product.
void packed(Side& s, int rank, const size_t* len, size_t first) {
    size_t run = first;
    s.stride[0] = 1;
    for (int k = 1; k < rank; ++k) {
        s.stride[k] = run;
        run *= len[k];
    }
    s.dist = run;
}

// cufftPlanMany's advanced layout: stride and embedding (cuFFT order, slowest first), distance as given.
void embedded(Side& s, int rank, const int* nembed, int stride, int dist) {
    size_t run = (size_t)stride;
    for (int k = 0; k < rank; ++k) {
        s.stride[k] = run;
        run *= (size_t)nembed[rank - 1 - k];
    }
    s.dist = (size_t)dist;
}

cufftResult make(FftPlan& p, int rank, const int* n, const int* inembed, int istride, int idist, const int* onembed,
                 int ostride, int odist, cufftType type, int batch) {
    if (rank < 1 || rank > 3 || !n) return CUFFT_INVALID_VALUE;
    if (!valid_type(type)) return CUFFT_INVALID_TYPE;
    if (batch < 1) return CUFFT_INVALID_SIZE;
    for (int k = 0; k < rank; ++k)
        if (n[k] < 1) return CUFFT_INVALID_SIZE;
    if ((inembed && istride < 1) || (onembed && ostride < 1)) return CUFFT_INVALID_VALUE;
    p.rank = rank;
    p.type = type;
    p.batch = batch;
    for (int k = 0; k < rank; ++k) p.len[k] = (size_t)n[rank - 1 - k];
    size_t real = is_double(type) ? sizeof(double) : sizeof(float), cplx = 2 * real;
    size_t half = p.len[0] / 2 + 1;
    for (int place = 0; place < 2; ++place) {
        Side& i = p.in[place];
        Side& o = p.out[place];
        i.layout = is_real_in(type) ? kReal : is_real_out(type) ? kHermitian : kComplex;
        o.layout = is_real_out(type) ? kReal : is_real_in(type) ? kHermitian : kComplex;
        i.elem = i.layout == kReal ? real : cplx;
        o.elem = o.layout == kReal ? real : cplx;
        size_t real_first = place ? 2 * half : p.len[0];
        i.first = i.layout == kHermitian ? half : p.len[0];
        o.first = o.layout == kHermitian ? half : p.len[0];
        if (inembed) embedded(i, rank, inembed, istride, idist);
        else packed(i, rank, p.len, i.layout == kReal ? real_first : i.layout == kHermitian ? half : p.len[0]);
        if (onembed) embedded(o, rank, onembed, ostride, odist);
        else packed(o, rank, p.len, o.layout == kReal ? real_first : o.layout == kHermitian ? half : p.len[0]);
    }
    p.made = true;
    return CUFFT_SUCCESS;
}

cufftResult from_clfft(int code, const char* what) {
    if (code == 0) return CUFFT_SUCCESS;
    fprintf(stderr, "cudaport: %s: clFFT status %d\n", what, code);
    if (code == CL_MEM_OBJECT_ALLOCATION_FAILURE || code == CL_OUT_OF_RESOURCES || code == CL_OUT_OF_HOST_MEMORY)
        return CUFFT_ALLOC_FAILED;
    return code == CL_INVALID_BUFFER_SIZE || code == CL_INVALID_VALUE ? CUFFT_INVALID_SIZE : CUFFT_EXEC_FAILED;
}

// The clFFT plan of `place` (0 out of place, 1 in place), created and baked on `q` the first time.
cufftResult clplan(FftPlan& p, int place, cl_command_queue q, const char* name) {
    if (p.baked[place]) return CUFFT_SUCCESS;
    Clfft& c = lib();
    Plan h = 0;
    int e = c.create(&h, state().ctx, p.rank, p.len);
    if (e) return from_clfft(e, name);
    Side& i = p.in[place];
    Side& o = p.out[place];
    if (!e) e = c.precision(h, is_double(p.type) ? 2 : 1);
    if (!e) e = c.layout(h, i.layout, o.layout);
    if (!e) e = c.location(h, place ? 1 : 2);
    if (!e) e = c.batch(h, (size_t)p.batch);
    if (!e) e = c.in_stride(h, p.rank, i.stride);
    if (!e) e = c.out_stride(h, p.rank, o.stride);
    if (!e) e = c.distance(h, i.dist, o.dist);
    if (!e) e = c.scale(h, -1, 1.0f);
    if (!e) e = c.scale(h, 1, 1.0f);  // cuFFT's inverse is unnormalised; clFFT's backward divides by the size
    if (!e) e = c.bake(h, 1, &q, nullptr, nullptr);
    if (e) {
        c.destroy(&h);
        return from_clfft(e, name);
    }
    p.cl[place] = h;
    p.baked[place] = true;
    return CUFFT_SUCCESS;
}

// A device range as clFFT wants it: a whole buffer starting at the range.
struct Range {
    cl_mem base = nullptr, mem = nullptr;
    bool own_base = false, own_mem = false, staged = false;
    size_t off = 0, bytes = 0;
    Range() = default;
    Range(const Range&) = delete;
    Range& operator=(const Range&) = delete;
    ~Range() {
        if (own_mem && mem) clReleaseMemObject(mem);
        if (own_base && base) clReleaseMemObject(base);
    }
};

cufftResult range(const void* ptr, size_t bytes, cl_command_queue q, Range& r, const char* name) {
    Where w = locate(ptr);
    if (!w.a || w.off + bytes > w.a->size) {
        fprintf(stderr, "cudaport: %s: a data pointer is not device memory of this program holding the transform\n",
                name);
        return CUFFT_INVALID_VALUE;
    }
    cl_int err = CL_SUCCESS;
    if (w.a->mem) {
        r.base = w.a->mem;
    } else {
        r.base = clCreateBuffer(state().ctx, CL_MEM_READ_WRITE | CL_MEM_USE_HOST_PTR, w.a->size, w.a->svm, &err);
        if (err != CL_SUCCESS) return CUFFT_INTERNAL_ERROR;
        r.own_base = true;
    }
    r.off = w.off;
    r.bytes = bytes;
    if (w.off == 0) {
        r.mem = r.base;
        return CUFFT_SUCCESS;
    }
    size_t align = state().info.base_align_bits / 8;
    if (align && w.off % align == 0) {
        cl_buffer_region reg{w.off, bytes};
        r.mem = clCreateSubBuffer(r.base, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &reg, &err);
        r.own_mem = err == CL_SUCCESS;
        if (r.own_mem) return CUFFT_SUCCESS;
    }
    r.mem = clCreateBuffer(state().ctx, CL_MEM_READ_WRITE, bytes, nullptr, &err);
    if (err != CL_SUCCESS) return CUFFT_ALLOC_FAILED;
    r.own_mem = r.staged = true;
    err = clEnqueueCopyBuffer(q, r.base, r.mem, w.off, 0, bytes, 0, nullptr, nullptr);
    return err == CL_SUCCESS ? CUFFT_SUCCESS : CUFFT_EXEC_FAILED;
}

cufftResult exec(cufftHandle h, const void* idata, void* odata, int dir, cufftType want, const char* name) {
    std::unique_lock<std::mutex> lock;
    if (enter(lock) != cudaSuccess) return CUFFT_SETUP_FAILED;
    FftPlan* p = find(h);
    if (!p || !p->made) return CUFFT_INVALID_PLAN;
    if (p->type != want) {
        fprintf(stderr, "cudaport: %s: the plan was made for another transform type\n", name);
        return CUFFT_INVALID_VALUE;
    }
    if (dir != CUFFT_FORWARD && dir != CUFFT_INVERSE) return CUFFT_INVALID_VALUE;
    if (!idata || !odata) return CUFFT_INVALID_VALUE;
    if (!load()) return CUFFT_SETUP_FAILED;
    CUstream_st* s = stream_of(p->stream);
    if (!s) return CUFFT_INVALID_VALUE;
    order_before_enqueue(s);
    unmap_managed(s->q);
    int place = idata == odata ? 1 : 0;
    cufftResult st = clplan(*p, place, s->q, name);
    Range in, out;
    size_t ib = p->in[place].extent(p->rank, p->len, p->batch);
    size_t ob = p->out[place].extent(p->rank, p->len, p->batch);
    if (st == CUFFT_SUCCESS) st = range(idata, place ? (ib > ob ? ib : ob) : ib, s->q, in, name);
    if (st == CUFFT_SUCCESS && !place) st = range(odata, ob, s->q, out, name);
    if (st == CUFFT_SUCCESS) {
        int e = lib().enqueue(p->cl[place], dir, 1, &s->q, 0, nullptr, nullptr, &in.mem, place ? nullptr : &out.mem,
                              nullptr);
        st = from_clfft(e, name);
    }
    Range& res = place ? in : out;
    if (st == CUFFT_SUCCESS && res.staged &&
        clEnqueueCopyBuffer(s->q, res.mem, res.base, 0, res.off, res.bytes, 0, nullptr, nullptr) != CL_SUCCESS)
        st = CUFFT_EXEC_FAILED;
    note_enqueued(s);
    return st;
}

int next_handle = 1;

// At exit (registered after the shim's own exit handlers, so it runs before them): the plans left, then clFFT.
void teardown() {
    for (auto& kv : plans())
        for (int k = 0; k < 2; ++k)
            if (kv.second.baked[k]) lib().destroy(&kv.second.cl[k]);
    plans().clear();
    lib().teardown();
}

cufftResult plan_new(cufftHandle* plan, int rank, const int* n, const int* inembed, int istride, int idist,
                     const int* onembed, int ostride, int odist, cufftType type, int batch) {
    if (!plan) return CUFFT_INVALID_VALUE;
    std::unique_lock<std::mutex> lock;
    if (enter(lock) != cudaSuccess) return CUFFT_SETUP_FAILED;
    FftPlan p;
    cufftResult st = make(p, rank, n, inembed, istride, idist, onembed, ostride, odist, type, batch);
    if (st != CUFFT_SUCCESS) return st;
    *plan = next_handle++;
    plans()[*plan] = p;
    return CUFFT_SUCCESS;
}

cufftResult plan_make(cufftHandle plan, int rank, const int* n, const int* inembed, int istride, int idist,
                      const int* onembed, int ostride, int odist, cufftType type, int batch, size_t* work) {
    std::unique_lock<std::mutex> lock;
    if (enter(lock) != cudaSuccess) return CUFFT_SETUP_FAILED;
    FftPlan* p = find(plan);
    if (!p || p->made) return CUFFT_INVALID_PLAN;
    cufftResult st = make(*p, rank, n, inembed, istride, idist, onembed, ostride, odist, type, batch);
    if (st == CUFFT_SUCCESS && work) *work = 0;  // clFFT keeps its own scratch buffers
    return st;
}

}  // namespace

extern "C" cufftResult cufftCreate(cufftHandle* plan) {
    if (!plan) return CUFFT_INVALID_VALUE;
    std::unique_lock<std::mutex> lock;
    if (enter(lock) != cudaSuccess) return CUFFT_SETUP_FAILED;
    *plan = next_handle++;
    plans()[*plan] = FftPlan();
    return CUFFT_SUCCESS;
}

extern "C" cufftResult cufftDestroy(cufftHandle plan) {
    std::unique_lock<std::mutex> lock;
    if (enter(lock) != cudaSuccess) return CUFFT_SETUP_FAILED;
    FftPlan* p = find(plan);
    if (!p) return CUFFT_INVALID_PLAN;
    for (int k = 0; k < 2; ++k)
        if (p->baked[k]) lib().destroy(&p->cl[k]);
    plans().erase(plan);
    return CUFFT_SUCCESS;
}

extern "C" cufftResult cufftSetStream(cufftHandle plan, cudaStream_t stream) {
    std::unique_lock<std::mutex> lock;
    if (enter(lock) != cudaSuccess) return CUFFT_SETUP_FAILED;
    FftPlan* p = find(plan);
    if (!p) return CUFFT_INVALID_PLAN;
    if (!stream_of(stream)) return CUFFT_INVALID_VALUE;
    p->stream = stream;
    return CUFFT_SUCCESS;
}

extern "C" cufftResult cufftGetVersion(int* version) {
    if (!version) return CUFFT_INVALID_VALUE;
    *version = 11000;  // the cuFFT 11 API this header follows
    return CUFFT_SUCCESS;
}

extern "C" cufftResult cufftPlan1d(cufftHandle* plan, int nx, cufftType type, int batch) {
    return plan_new(plan, 1, &nx, nullptr, 1, 0, nullptr, 1, 0, type, batch);
}

extern "C" cufftResult cufftPlan2d(cufftHandle* plan, int nx, int ny, cufftType type) {
    int n[2] = {nx, ny};
    return plan_new(plan, 2, n, nullptr, 1, 0, nullptr, 1, 0, type, 1);
}

extern "C" cufftResult cufftPlan3d(cufftHandle* plan, int nx, int ny, int nz, cufftType type) {
    int n[3] = {nx, ny, nz};
    return plan_new(plan, 3, n, nullptr, 1, 0, nullptr, 1, 0, type, 1);
}

extern "C" cufftResult cufftPlanMany(cufftHandle* plan, int rank, int* n, int* inembed, int istride, int idist,
                                     int* onembed, int ostride, int odist, cufftType type, int batch) {
    return plan_new(plan, rank, n, inembed, istride, idist, onembed, ostride, odist, type, batch);
}

extern "C" cufftResult cufftMakePlan1d(cufftHandle plan, int nx, cufftType type, int batch, size_t* work) {
    return plan_make(plan, 1, &nx, nullptr, 1, 0, nullptr, 1, 0, type, batch, work);
}

extern "C" cufftResult cufftMakePlan2d(cufftHandle plan, int nx, int ny, cufftType type, size_t* work) {
    int n[2] = {nx, ny};
    return plan_make(plan, 2, n, nullptr, 1, 0, nullptr, 1, 0, type, 1, work);
}

extern "C" cufftResult cufftMakePlan3d(cufftHandle plan, int nx, int ny, int nz, cufftType type, size_t* work) {
    int n[3] = {nx, ny, nz};
    return plan_make(plan, 3, n, nullptr, 1, 0, nullptr, 1, 0, type, 1, work);
}

extern "C" cufftResult cufftMakePlanMany(cufftHandle plan, int rank, int* n, int* inembed, int istride, int idist,
                                         int* onembed, int ostride, int odist, cufftType type, int batch,
                                         size_t* work) {
    return plan_make(plan, rank, n, inembed, istride, idist, onembed, ostride, odist, type, batch, work);
}

extern "C" cufftResult cufftExecC2C(cufftHandle plan, cufftComplex* idata, cufftComplex* odata, int direction) {
    return exec(plan, idata, odata, direction, CUFFT_C2C, "cufftExecC2C");
}

extern "C" cufftResult cufftExecZ2Z(cufftHandle plan, cufftDoubleComplex* idata, cufftDoubleComplex* odata,
                                    int direction) {
    return exec(plan, idata, odata, direction, CUFFT_Z2Z, "cufftExecZ2Z");
}

extern "C" cufftResult cufftExecR2C(cufftHandle plan, cufftReal* idata, cufftComplex* odata) {
    return exec(plan, idata, odata, CUFFT_FORWARD, CUFFT_R2C, "cufftExecR2C");
}

extern "C" cufftResult cufftExecD2Z(cufftHandle plan, cufftDoubleReal* idata, cufftDoubleComplex* odata) {
    return exec(plan, idata, odata, CUFFT_FORWARD, CUFFT_D2Z, "cufftExecD2Z");
}

extern "C" cufftResult cufftExecC2R(cufftHandle plan, cufftComplex* idata, cufftReal* odata) {
    return exec(plan, idata, odata, CUFFT_INVERSE, CUFFT_C2R, "cufftExecC2R");
}

extern "C" cufftResult cufftExecZ2D(cufftHandle plan, cufftDoubleComplex* idata, cufftDoubleReal* odata) {
    return exec(plan, idata, odata, CUFFT_INVERSE, CUFFT_Z2D, "cufftExecZ2D");
}
