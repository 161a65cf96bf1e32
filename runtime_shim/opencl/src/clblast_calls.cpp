// cuBLAS level 1-3 calls on CLBlast (the handle API is in cublas.cpp). CLBlast's C API is opened with dlopen
// (libclblast.so.1) on the first BLAS call; its enums are passed as int (CLBlast's values: column major 102,
// no/yes transpose 111/112, upper/lower 121/122, non-unit/unit 131/132, left/right 141/142) and its status
// codes are OpenCL's (negative) or its own (-1024..-2039). Scalars follow the handle's pointer mode; results of
// reductions go to a device buffer and, in host pointer mode, are read back before the call returns, as cuBLAS.
#include <dlfcn.h>

#include <cstdio>
#include <string>

#include "cp_cublas.hpp"

using namespace cp;

namespace {

typedef cl_command_queue* Q;
typedef cl_event* E;
typedef size_t Z;

template <class T> struct Fns {
    int (*axpy)(Z, T, cl_mem, Z, Z, cl_mem, Z, Z, Q, E);
    int (*scal)(Z, T, cl_mem, Z, Z, Q, E);
    int (*copy)(Z, cl_mem, Z, Z, cl_mem, Z, Z, Q, E);
    int (*swap)(Z, cl_mem, Z, Z, cl_mem, Z, Z, Q, E);
    int (*dot)(Z, cl_mem, Z, cl_mem, Z, Z, cl_mem, Z, Z, Q, E);
    int (*nrm2)(Z, cl_mem, Z, cl_mem, Z, Z, Q, E);
    int (*asum)(Z, cl_mem, Z, cl_mem, Z, Z, Q, E);
    int (*amax)(Z, cl_mem, Z, cl_mem, Z, Z, Q, E);
    int (*amin)(Z, cl_mem, Z, cl_mem, Z, Z, Q, E);
    int (*gemv)(int, int, Z, Z, T, cl_mem, Z, Z, cl_mem, Z, Z, T, cl_mem, Z, Z, Q, E);
    int (*ger)(int, Z, Z, T, cl_mem, Z, Z, cl_mem, Z, Z, cl_mem, Z, Z, Q, E);
    int (*gemm)(int, int, int, Z, Z, Z, T, cl_mem, Z, Z, cl_mem, Z, Z, T, cl_mem, Z, Z, Q, E);
    int (*gemm_sb)(int, int, int, Z, Z, Z, T, cl_mem, Z, Z, Z, cl_mem, Z, Z, Z, T, cl_mem, Z, Z, Z, Z, Q, E);
    int (*symm)(int, int, int, Z, Z, T, cl_mem, Z, Z, cl_mem, Z, Z, T, cl_mem, Z, Z, Q, E);
    int (*syrk)(int, int, int, Z, Z, T, cl_mem, Z, Z, T, cl_mem, Z, Z, Q, E);
    int (*trsm)(int, int, int, int, int, Z, Z, T, cl_mem, Z, Z, cl_mem, Z, Z, Q, E);
    int (*omatcopy)(int, int, Z, Z, T, cl_mem, Z, Z, cl_mem, Z, Z, Q, E);
};

const int kColMajor = 102;

struct Library {
    bool tried = false;
    void* so = nullptr;
    Fns<float> s{};
    Fns<double> d{};
};

Library& library() {
    static Library lib;
    return lib;
}

template <class F> bool sym(void* so, F& f, const std::string& name) {
    f = reinterpret_cast<F>(dlsym(so, name.c_str()));
    if (!f) fprintf(stderr, "cudaport: CLBlast has no %s\n", name.c_str());
    return f != nullptr;
}

template <class T> bool resolve(void* so, Fns<T>& f, const char* p) {
    std::string c = std::string("CLBlast") + p, i = std::string("CLBlasti") + p;
    return sym(so, f.axpy, c + "axpy") && sym(so, f.scal, c + "scal") && sym(so, f.copy, c + "copy") &&
           sym(so, f.swap, c + "swap") && sym(so, f.dot, c + "dot") && sym(so, f.nrm2, c + "nrm2") &&
           sym(so, f.asum, c + "asum") && sym(so, f.amax, i + "amax") && sym(so, f.amin, i + "amin") &&
           sym(so, f.gemv, c + "gemv") && sym(so, f.ger, c + "ger") && sym(so, f.gemm, c + "gemm") &&
           sym(so, f.gemm_sb, c + "gemmStridedBatched") && sym(so, f.symm, c + "symm") &&
           sym(so, f.syrk, c + "syrk") && sym(so, f.trsm, c + "trsm") && sym(so, f.omatcopy, c + "omatcopy");
}

// Under the shim lock. False (once, with one line on stderr) when CLBlast cannot be loaded.
bool load() {
    Library& lib = library();
    if (!lib.tried) {
        lib.tried = true;
        const char* names[] = {"libclblast.so.1", "libclblast.so"};
        for (const char* n : names)
            if ((lib.so = dlopen(n, RTLD_NOW | RTLD_LOCAL)) != nullptr) break;
        if (!lib.so) {
            fprintf(stderr, "cudaport: cuBLAS calls need CLBlast (apt-get install libclblast1): %s\n", dlerror());
        } else if (!resolve(lib.so, lib.s, "S") || !resolve(lib.so, lib.d, "D")) {
            dlclose(lib.so);
            lib.so = nullptr;
        }
    }
    return lib.so != nullptr;
}

template <class T> const Fns<T>& fns();
template <> const Fns<float>& fns<float>() { return library().s; }
template <> const Fns<double>& fns<double>() { return library().d; }

// A device pointer as CLBlast wants it: the handle table's buffer, or a buffer made on the SVM allocation
// (OpenCL 2.0: CL_MEM_USE_HOST_PTR on a clSVMAlloc pointer shares its storage), released after the call
// (OpenCL keeps it alive until the enqueued commands that use it are done).
struct View {
    cl_mem mem = nullptr;
    size_t off = 0;
    bool owned = false;
    View() = default;
    View(const View&) = delete;
    View& operator=(const View&) = delete;
    ~View() {
        if (owned && mem) clReleaseMemObject(mem);
    }
};

bool view(const void* p, View& v) {
    Where w = locate(p);
    if (!w.a) return false;
    v.off = w.off;
    if (w.a->mem) {
        v.mem = w.a->mem;
        return true;
    }
    if (!w.a->svm) return false;
    cl_int err = CL_SUCCESS;
    v.mem = clCreateBuffer(state().ctx, CL_MEM_READ_WRITE | CL_MEM_USE_HOST_PTR, w.a->size, w.a->svm, &err);
    v.owned = err == CL_SUCCESS;
    return v.owned;
}

// One BLAS call in progress: the handle's stream, ordered like a kernel launch.
struct Call {
    cublasHandle_t h;
    CUstream_st* s;
    const char* name;
    cublasStatus_t st = CUBLAS_STATUS_SUCCESS;

    cublasStatus_t bad(cublasStatus_t e, const char* what) {
        if (st == CUBLAS_STATUS_SUCCESS) {
            fprintf(stderr, "cudaport: %s: %s\n", name, what);
            st = e;
        }
        return st;
    }
    // CLBlast's status as cuBLAS's.
    cublasStatus_t done(int code) {
        if (code == 0 || st != CUBLAS_STATUS_SUCCESS) return st;
        fprintf(stderr, "cudaport: %s: CLBlast status %d\n", name, code);
        st = code == -1024 ? CUBLAS_STATUS_NOT_SUPPORTED
             : code <= -1007 ? CUBLAS_STATUS_INVALID_VALUE
             : code == -2044 || code == -2045 ? CUBLAS_STATUS_ARCH_MISMATCH
                                              : CUBLAS_STATUS_EXECUTION_FAILED;
        return st;
    }
    bool mem(const void* p, View& v) {
        if (view(p, v)) return true;
        bad(CUBLAS_STATUS_INVALID_VALUE, "a pointer argument is not device memory of this program");
        return false;
    }
    template <class T> T scalar(const T* p) {
        if (!p) {
            bad(CUBLAS_STATUS_INVALID_VALUE, "null scalar");
            return T(0);
        }
        if (h->mode == CUBLAS_POINTER_MODE_HOST) return *p;
        View v;
        T x = T(0);
        if (mem(p, v) && clEnqueueReadBuffer(s->q, v.mem, CL_TRUE, v.off, sizeof(T), &x, 0, nullptr, nullptr))
            bad(CUBLAS_STATUS_MAPPING_ERROR, "reading a device scalar failed");
        return x;
    }
};

template <class T> char prec() { return sizeof(T) == sizeof(float) ? 'S' : 'D'; }

// `name` spells the precision as '?': cublas?gemm is cublasSgemm or cublasDgemm in messages.
template <class F> cublasStatus_t run(cublasHandle_t h, char p, const char* name, F&& body) {
    if (!h) return CUBLAS_STATUS_NOT_INITIALIZED;
    std::unique_lock<std::mutex> lock;
    if (enter(lock) != cudaSuccess) return CUBLAS_STATUS_NOT_INITIALIZED;
    if (!load()) return CUBLAS_STATUS_NOT_SUPPORTED;
    CUstream_st* s = stream_of(h->stream);
    if (!s) return CUBLAS_STATUS_INVALID_VALUE;
    order_before_enqueue(s);
    unmap_managed(s->q);
    std::string spelled(name);
    spelled.replace(spelled.find('?'), 1, 1, spelled.compare(0, 7, "cublasI") == 0 ? (char)(p + 32) : p);
    Call c{h, s, spelled.c_str()};
    cublasStatus_t st = body(c);
    note_enqueued(s);
    return st;
}

int trans(cublasOperation_t op) { return op == CUBLAS_OP_N ? 111 : op == CUBLAS_OP_T ? 112 : 113; }
int fill(cublasFillMode_t f) { return f == CUBLAS_FILL_MODE_UPPER ? 121 : 122; }
int diag(cublasDiagType_t d) { return d == CUBLAS_DIAG_UNIT ? 132 : 131; }
int side(cublasSideMode_t s) { return s == CUBLAS_SIDE_LEFT ? 141 : 142; }

// CLBlast's increments are unsigned: cuBLAS's negative increments (walk from the end) are not mapped.
bool incs_ok(Call& c, int a, int b = 1) {
    if (a > 0 && b > 0) return true;
    c.bad(a == 0 || b == 0 ? CUBLAS_STATUS_INVALID_VALUE : CUBLAS_STATUS_NOT_SUPPORTED,
          "increments must be positive (CLBlast takes no negative increments)");
    return false;
}

// A reduction's result (dot, nrm2, asum): into device memory in device pointer mode, else through a scratch
// buffer read back before returning.
template <class T, class Fn> cublasStatus_t reduce(Call& c, T* result, Fn&& call) {
    if (!result) return c.bad(CUBLAS_STATUS_INVALID_VALUE, "null result");
    if (c.h->mode == CUBLAS_POINTER_MODE_DEVICE) {
        View r;
        if (!c.mem(result, r)) return c.st;
        return c.done(call(r.mem, r.off));
    }
    cl_int err = CL_SUCCESS;
    cl_mem tmp = clCreateBuffer(state().ctx, CL_MEM_READ_WRITE, sizeof(T), nullptr, &err);
    if (err != CL_SUCCESS) return c.bad(CUBLAS_STATUS_ALLOC_FAILED, "no scratch buffer");
    int code = call(tmp, 0);
    if (code == 0 && clEnqueueReadBuffer(c.s->q, tmp, CL_TRUE, 0, sizeof(T), result, 0, nullptr, nullptr))
        code = -5;
    clReleaseMemObject(tmp);
    return c.done(code);
}

// iamax/iamin: CLBlast writes the element's 0-based index in the whole buffer (x_offset + i * incx, measured
// with CLBlast 1.5.3), cuBLAS the 1-based position i + 1 in the vector.
template <class T, class Fn> cublasStatus_t index_of(Call& c, int* result, size_t xoff, int inc, Fn&& call) {
    if (!result) return c.bad(CUBLAS_STATUS_INVALID_VALUE, "null result");
    cl_int err = CL_SUCCESS;
    cl_mem tmp = clCreateBuffer(state().ctx, CL_MEM_READ_WRITE, sizeof(cl_uint), nullptr, &err);
    if (err != CL_SUCCESS) return c.bad(CUBLAS_STATUS_ALLOC_FAILED, "no scratch buffer");
    cl_uint i = 0;
    int code = call(tmp, 0);
    if (code == 0 && clEnqueueReadBuffer(c.s->q, tmp, CL_TRUE, 0, sizeof(cl_uint), &i, 0, nullptr, nullptr))
        code = -5;
    clReleaseMemObject(tmp);
    int one_based = (int)(i >= xoff ? (i - xoff) / (size_t)inc : (size_t)i) + 1;
    if (code == 0 && c.h->mode == CUBLAS_POINTER_MODE_DEVICE) {
        View r;
        if (!c.mem(result, r)) return c.st;
        if (clEnqueueWriteBuffer(c.s->q, r.mem, CL_TRUE, r.off, sizeof(int), &one_based, 0, nullptr, nullptr))
            code = -5;
    } else if (code == 0) {
        *result = one_based;
    }
    return c.done(code);
}

template <class T> cublasStatus_t zero_result(cublasHandle_t h, T* result) {
    T zero = T(0);
    if (h->mode == CUBLAS_POINTER_MODE_HOST) {
        *result = zero;
        return CUBLAS_STATUS_SUCCESS;
    }
    return cudaMemcpy(result, &zero, sizeof(T), cudaMemcpyHostToDevice) == cudaSuccess ? CUBLAS_STATUS_SUCCESS
                                                                                      : CUBLAS_STATUS_MAPPING_ERROR;
}

}  // namespace


// ---- level 1 ------------------------------------------------------------------------------------------------
template <class T> cublasStatus_t axpy(cublasHandle_t h, int n, const T* alpha, const T* x, int incx, T* y, int incy) {
    return run(h, prec<T>(), "cublas?axpy", [&](Call& c) {
        if (n <= 0) return c.st;
        T a = c.scalar(alpha);
        View vx, vy;
        if (!incs_ok(c, incx, incy) || !c.mem(x, vx) || !c.mem(y, vy)) return c.st;
        return c.done(fns<T>().axpy(n, a, vx.mem, vx.off / sizeof(T), incx, vy.mem, vy.off / sizeof(T), incy, &c.s->q,
                                    nullptr));
    });
}

template <class T> cublasStatus_t scal(cublasHandle_t h, int n, const T* alpha, T* x, int incx) {
    return run(h, prec<T>(), "cublas?scal", [&](Call& c) {
        if (n <= 0 || incx <= 0) return c.st;  // cuBLAS: nothing to do
        T a = c.scalar(alpha);
        View vx;
        if (!c.mem(x, vx)) return c.st;
        return c.done(fns<T>().scal(n, a, vx.mem, vx.off / sizeof(T), incx, &c.s->q, nullptr));
    });
}

template <class T> cublasStatus_t copy_or_swap(cublasHandle_t h, bool swap, int n, const T* x, int incx, T* y,
                                               int incy) {
    return run(h, prec<T>(), swap ? "cublas?swap" : "cublas?copy", [&](Call& c) {
        if (n <= 0) return c.st;
        View vx, vy;
        if (!incs_ok(c, incx, incy) || !c.mem(x, vx) || !c.mem(y, vy)) return c.st;
        auto fn = swap ? fns<T>().swap : fns<T>().copy;
        return c.done(fn(n, vx.mem, vx.off / sizeof(T), incx, vy.mem, vy.off / sizeof(T), incy, &c.s->q, nullptr));
    });
}

template <class T> cublasStatus_t dot(cublasHandle_t h, int n, const T* x, int incx, const T* y, int incy, T* r) {
    if (n <= 0 && h && r) return zero_result(h, r);
    return run(h, prec<T>(), "cublas?dot", [&](Call& c) {
        View vx, vy;
        if (!incs_ok(c, incx, incy) || !c.mem(x, vx) || !c.mem(y, vy)) return c.st;
        return reduce<T>(c, r, [&](cl_mem m, size_t off) {
            return fns<T>().dot(n, m, off / sizeof(T), vx.mem, vx.off / sizeof(T), incx, vy.mem, vy.off / sizeof(T),
                                incy, &c.s->q, nullptr);
        });
    });
}

enum class Norm { Nrm2, Asum };

template <class T> cublasStatus_t norm(cublasHandle_t h, Norm which, int n, const T* x, int incx, T* r) {
    if ((n <= 0 || incx <= 0) && h && r) return zero_result(h, r);  // cuBLAS returns 0 for these
    return run(h, prec<T>(), which == Norm::Nrm2 ? "cublas?nrm2" : "cublas?asum", [&](Call& c) {
        View vx;
        if (!c.mem(x, vx)) return c.st;
        auto fn = which == Norm::Nrm2 ? fns<T>().nrm2 : fns<T>().asum;
        return reduce<T>(c, r, [&](cl_mem m, size_t off) {
            return fn(n, m, off / sizeof(T), vx.mem, vx.off / sizeof(T), incx, &c.s->q, nullptr);
        });
    });
}

template <class T> cublasStatus_t extreme(cublasHandle_t h, bool max, int n, const T* x, int incx, int* r) {
    if ((n <= 0 || incx <= 0) && h && r) return zero_result(h, r);
    return run(h, prec<T>(), max ? "cublasI?amax" : "cublasI?amin", [&](Call& c) {
        View vx;
        if (!c.mem(x, vx)) return c.st;
        auto fn = max ? fns<T>().amax : fns<T>().amin;
        return index_of<T>(c, r, vx.off / sizeof(T), incx, [&](cl_mem m, size_t off) {
            return fn(n, m, off / sizeof(cl_uint), vx.mem, vx.off / sizeof(T), incx, &c.s->q, nullptr);
        });
    });
}

// ---- level 2 ------------------------------------------------------------------------------------------------
template <class T> cublasStatus_t gemv(cublasHandle_t h, cublasOperation_t op, int m, int n, const T* alpha,
                                       const T* a, int lda, const T* x, int incx, const T* beta, T* y, int incy) {
    return run(h, prec<T>(), "cublas?gemv", [&](Call& c) {
        if (m < 0 || n < 0 || lda < (m > 1 ? m : 1)) return c.bad(CUBLAS_STATUS_INVALID_VALUE, "bad dimensions");
        if (!m || !n) return c.st;
        T al = c.scalar(alpha), be = c.scalar(beta);
        View va, vx, vy;
        if (!incs_ok(c, incx, incy) || !c.mem(a, va) || !c.mem(x, vx) || !c.mem(y, vy)) return c.st;
        return c.done(fns<T>().gemv(kColMajor, trans(op), m, n, al, va.mem, va.off / sizeof(T), lda, vx.mem,
                                    vx.off / sizeof(T), incx, be, vy.mem, vy.off / sizeof(T), incy, &c.s->q,
                                    nullptr));
    });
}

template <class T> cublasStatus_t ger(cublasHandle_t h, int m, int n, const T* alpha, const T* x, int incx,
                                      const T* y, int incy, T* a, int lda) {
    return run(h, prec<T>(), "cublas?ger", [&](Call& c) {
        if (m < 0 || n < 0 || lda < (m > 1 ? m : 1)) return c.bad(CUBLAS_STATUS_INVALID_VALUE, "bad dimensions");
        if (!m || !n) return c.st;
        T al = c.scalar(alpha);
        View va, vx, vy;
        if (!incs_ok(c, incx, incy) || !c.mem(a, va) || !c.mem(x, vx) || !c.mem(y, vy)) return c.st;
        return c.done(fns<T>().ger(kColMajor, m, n, al, vx.mem, vx.off / sizeof(T), incx, vy.mem, vy.off / sizeof(T),
                                   incy, va.mem, va.off / sizeof(T), lda, &c.s->q, nullptr));
    });
}

// ---- level 3 ------------------------------------------------------------------------------------------------
template <class T> cublasStatus_t gemm(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n,
                                       int k, const T* alpha, const T* a, int lda, const T* b, int ldb,
                                       const T* beta, T* cc, int ldc, long long sa = 0, long long sb = 0,
                                       long long sc = 0, int batch = -1) {
    return run(h, prec<T>(), batch < 0 ? "cublas?gemm" : "cublas?gemmStridedBatched", [&](Call& c) {
        if (m < 0 || n < 0 || k < 0 || ldc < (m > 1 ? m : 1) || sa < 0 || sb < 0 || sc < 0)
            return c.bad(CUBLAS_STATUS_INVALID_VALUE, "bad dimensions");
        if (!m || !n || !batch) return c.st;
        T al = c.scalar(alpha), be = c.scalar(beta);
        View va, vb, vc;
        if (!c.mem(a, va) || !c.mem(b, vb) || !c.mem(cc, vc)) return c.st;
        const Fns<T>& f = fns<T>();
        if (batch < 0)
            return c.done(f.gemm(kColMajor, trans(ta), trans(tb), m, n, k, al, va.mem, va.off / sizeof(T), lda,
                                 vb.mem, vb.off / sizeof(T), ldb, be, vc.mem, vc.off / sizeof(T), ldc, &c.s->q,
                                 nullptr));
        return c.done(f.gemm_sb(kColMajor, trans(ta), trans(tb), m, n, k, al, va.mem, va.off / sizeof(T), lda, sa,
                                vb.mem, vb.off / sizeof(T), ldb, sb, be, vc.mem, vc.off / sizeof(T), ldc, sc, batch,
                                &c.s->q, nullptr));
    });
}

template <class T> cublasStatus_t symm(cublasHandle_t h, cublasSideMode_t sd, cublasFillMode_t uplo, int m, int n,
                                       const T* alpha, const T* a, int lda, const T* b, int ldb, const T* beta,
                                       T* cc, int ldc) {
    return run(h, prec<T>(), "cublas?symm", [&](Call& c) {
        if (m < 0 || n < 0) return c.bad(CUBLAS_STATUS_INVALID_VALUE, "bad dimensions");
        if (!m || !n) return c.st;
        T al = c.scalar(alpha), be = c.scalar(beta);
        View va, vb, vc;
        if (!c.mem(a, va) || !c.mem(b, vb) || !c.mem(cc, vc)) return c.st;
        return c.done(fns<T>().symm(kColMajor, side(sd), fill(uplo), m, n, al, va.mem, va.off / sizeof(T), lda,
                                    vb.mem, vb.off / sizeof(T), ldb, be, vc.mem, vc.off / sizeof(T), ldc, &c.s->q,
                                    nullptr));
    });
}

template <class T> cublasStatus_t syrk(cublasHandle_t h, cublasFillMode_t uplo, cublasOperation_t op, int n, int k,
                                       const T* alpha, const T* a, int lda, const T* beta, T* cc, int ldc) {
    return run(h, prec<T>(), "cublas?syrk", [&](Call& c) {
        if (n < 0 || k < 0) return c.bad(CUBLAS_STATUS_INVALID_VALUE, "bad dimensions");
        if (!n) return c.st;
        T al = c.scalar(alpha), be = c.scalar(beta);
        View va, vc;
        if (!c.mem(a, va) || !c.mem(cc, vc)) return c.st;
        return c.done(fns<T>().syrk(kColMajor, fill(uplo), trans(op), n, k, al, va.mem, va.off / sizeof(T), lda, be,
                                    vc.mem, vc.off / sizeof(T), ldc, &c.s->q, nullptr));
    });
}

template <class T> cublasStatus_t trsm(cublasHandle_t h, cublasSideMode_t sd, cublasFillMode_t uplo,
                                       cublasOperation_t op, cublasDiagType_t dg, int m, int n, const T* alpha,
                                       const T* a, int lda, T* b, int ldb) {
    return run(h, prec<T>(), "cublas?trsm", [&](Call& c) {
        if (m < 0 || n < 0) return c.bad(CUBLAS_STATUS_INVALID_VALUE, "bad dimensions");
        if (!m || !n) return c.st;
        T al = c.scalar(alpha);
        View va, vb;
        if (!c.mem(a, va) || !c.mem(b, vb)) return c.st;
        return c.done(fns<T>().trsm(kColMajor, side(sd), fill(uplo), trans(op), diag(dg), m, n, al, va.mem,
                                    va.off / sizeof(T), lda, vb.mem, vb.off / sizeof(T), ldb, &c.s->q, nullptr));
    });
}

// geam (C = alpha op(A) + beta op(B)) is a cuBLAS extension CLBlast lacks: two scaled transposing copies
// (omatcopy) into scratch, so C may alias A or B as cuBLAS allows, then C = tmpA (omatcopy keeps ldc) and
// C += tmpB column by column (axpy; one call when C is contiguous).
template <class T> cublasStatus_t geam(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n,
                                       const T* alpha, const T* a, int lda, const T* beta, const T* b, int ldb,
                                       T* cc, int ldc) {
    return run(h, prec<T>(), "cublas?geam", [&](Call& c) {
        if (m < 0 || n < 0 || ldc < (m > 1 ? m : 1)) return c.bad(CUBLAS_STATUS_INVALID_VALUE, "bad dimensions");
        if (!m || !n) return c.st;
        T al = c.scalar(alpha), be = c.scalar(beta);
        View va, vb, vc;
        if (!c.mem(a, va) || !c.mem(b, vb) || !c.mem(cc, vc)) return c.st;
        const Fns<T>& f = fns<T>();
        size_t bytes = sizeof(T) * (size_t)m * n;
        cl_int err = CL_SUCCESS;
        cl_mem ta_buf = clCreateBuffer(state().ctx, CL_MEM_READ_WRITE, bytes, nullptr, &err);
        cl_mem tb_buf = err == CL_SUCCESS ? clCreateBuffer(state().ctx, CL_MEM_READ_WRITE, bytes, nullptr, &err)
                                          : nullptr;
        int code = err == CL_SUCCESS ? 0 : -4;
        // omatcopy's m x n is the source's shape: op(A) is m x n, so A is n x m when transposed.
        if (!code)
            code = f.omatcopy(kColMajor, trans(ta), ta == CUBLAS_OP_N ? m : n, ta == CUBLAS_OP_N ? n : m, al, va.mem,
                              va.off / sizeof(T), lda, ta_buf, 0, m, &c.s->q, nullptr);
        if (!code)
            code = f.omatcopy(kColMajor, trans(tb), tb == CUBLAS_OP_N ? m : n, tb == CUBLAS_OP_N ? n : m, be, vb.mem,
                              vb.off / sizeof(T), ldb, tb_buf, 0, m, &c.s->q, nullptr);
        if (!code)
            code = f.omatcopy(kColMajor, 111, m, n, T(1), ta_buf, 0, m, vc.mem, vc.off / sizeof(T), ldc, &c.s->q,
                              nullptr);
        size_t cols = ldc == m ? 1 : n, len = ldc == m ? (size_t)m * n : m;
        for (size_t j = 0; !code && j < cols; ++j)
            code = f.axpy(len, T(1), tb_buf, j * m, 1, vc.mem, vc.off / sizeof(T) + j * ldc, 1, &c.s->q, nullptr);
        if (ta_buf) clReleaseMemObject(ta_buf);
        if (tb_buf) clReleaseMemObject(tb_buf);
        return c.done(code);
    });
}

// ---- the C entry points -------------------------------------------------------------------------------------
#define CP_BLAS_IMPL(T, P, p)                                                                                       \
    extern "C" cublasStatus_t cublas##P##axpy(cublasHandle_t h, int n, const T* al, const T* x, int ix, T* y,      \
                                              int iy) {                                                            \
        return axpy<T>(h, n, al, x, ix, y, iy);                                                                    \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##scal(cublasHandle_t h, int n, const T* al, T* x, int ix) {                \
        return scal<T>(h, n, al, x, ix);                                                                           \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##copy(cublasHandle_t h, int n, const T* x, int ix, T* y, int iy) {         \
        return copy_or_swap<T>(h, false, n, x, ix, y, iy);                                                         \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##swap(cublasHandle_t h, int n, T* x, int ix, T* y, int iy) {               \
        return copy_or_swap<T>(h, true, n, x, ix, y, iy);                                                          \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##dot(cublasHandle_t h, int n, const T* x, int ix, const T* y, int iy,      \
                                             T* r) {                                                               \
        return dot<T>(h, n, x, ix, y, iy, r);                                                                      \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##nrm2(cublasHandle_t h, int n, const T* x, int ix, T* r) {                 \
        return norm<T>(h, Norm::Nrm2, n, x, ix, r);                                                                \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##asum(cublasHandle_t h, int n, const T* x, int ix, T* r) {                 \
        return norm<T>(h, Norm::Asum, n, x, ix, r);                                                                \
    }                                                                                                              \
    extern "C" cublasStatus_t cublasI##p##amax(cublasHandle_t h, int n, const T* x, int ix, int* r) {              \
        return extreme<T>(h, true, n, x, ix, r);                                                                   \
    }                                                                                                              \
    extern "C" cublasStatus_t cublasI##p##amin(cublasHandle_t h, int n, const T* x, int ix, int* r) {              \
        return extreme<T>(h, false, n, x, ix, r);                                                                  \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##gemv(cublasHandle_t h, cublasOperation_t op, int m, int n, const T* al,   \
                                              const T* a, int lda, const T* x, int ix, const T* be, T* y, int iy) { \
        return gemv<T>(h, op, m, n, al, a, lda, x, ix, be, y, iy);                                                 \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##ger(cublasHandle_t h, int m, int n, const T* al, const T* x, int ix,      \
                                             const T* y, int iy, T* a, int lda) {                                  \
        return ger<T>(h, m, n, al, x, ix, y, iy, a, lda);                                                          \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##gemm(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, \
                                              int n, int k, const T* al, const T* a, int lda, const T* b, int ldb, \
                                              const T* be, T* c, int ldc) {                                        \
        return gemm<T>(h, ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc);                                        \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##gemmStridedBatched(                                                       \
        cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k, const T* al, const T* a, \
        int lda, long long sa, const T* b, int ldb, long long sb, const T* be, T* c, int ldc, long long sc,        \
        int batch) {                                                                                               \
        if (batch < 0) return CUBLAS_STATUS_INVALID_VALUE;                                                         \
        return gemm<T>(h, ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, sa, sb, sc, batch);                     \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##symm(cublasHandle_t h, cublasSideMode_t sd, cublasFillMode_t up, int m,   \
                                              int n, const T* al, const T* a, int lda, const T* b, int ldb,        \
                                              const T* be, T* c, int ldc) {                                        \
        return symm<T>(h, sd, up, m, n, al, a, lda, b, ldb, be, c, ldc);                                           \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##syrk(cublasHandle_t h, cublasFillMode_t up, cublasOperation_t op, int n,  \
                                              int k, const T* al, const T* a, int lda, const T* be, T* c,          \
                                              int ldc) {                                                           \
        return syrk<T>(h, up, op, n, k, al, a, lda, be, c, ldc);                                                   \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##trsm(cublasHandle_t h, cublasSideMode_t sd, cublasFillMode_t up,          \
                                              cublasOperation_t op, cublasDiagType_t dg, int m, int n,             \
                                              const T* al, const T* a, int lda, T* b, int ldb) {                   \
        return trsm<T>(h, sd, up, op, dg, m, n, al, a, lda, b, ldb);                                               \
    }                                                                                                              \
    extern "C" cublasStatus_t cublas##P##geam(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, \
                                              int n, const T* al, const T* a, int lda, const T* be, const T* b,    \
                                              int ldb, T* c, int ldc) {                                            \
        return geam<T>(h, ta, tb, m, n, al, a, lda, be, b, ldb, c, ldc);                                           \
    }

CP_BLAS_IMPL(float, S, s)
CP_BLAS_IMPL(double, D, d)
