// Device, host and managed memory; copies (1D, 2D, symbols), memsets, pointer attributes. Device pointers
// are clSVMAlloc pointers (SVM path) or fake addresses from a reserved range mapped to cl_mem + offset
// (handle-table path); both accept host-side pointer arithmetic.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "cp_internal.hpp"

namespace cp {

static const size_t kPitchAlign = 256;

Where locate(const void* p) {
    Where w;
    if (!p) return w;
    State& g = state();
    uintptr_t a = (uintptr_t)p;
    auto it = g.allocs.upper_bound(a);
    if (it == g.allocs.begin()) return w;
    --it;
    if (a - it->first < (it->second.size ? it->second.size : 1)) {
        w.a = &it->second;
        w.base = it->first;
        w.off = a - it->first;
    }
    return w;
}

// Allocations past CL_DEVICE_MAX_MEM_ALLOC_SIZE fail in OpenCL (PoCL: a quarter of its global memory) where
// CUDA would allocate them. PoCL's CPU device runs kernels on host memory and takes any host pointer as an SVM
// argument, copy or fill, so there the allocation is plain host memory (while the total stays within the
// device's global memory). Elsewhere it fails, named on stderr (the first few times): programs rarely check
// cudaMalloc, and their kernels then fault on a null pointer without a word.
static int n_too_big = 0;

static bool host_memory_is_device_memory(const State& g) {
    return g.svm && g.svm_fine && !g.info.is_gpu &&
           g.info.platform.find("Portable Computing Language") != std::string::npos;
}

cudaError_t alloc_device(size_t size, AllocKind kind, void** out) {
    State& g = state();
    Alloc al;
    al.size = size;
    al.kind = kind;
    if (g.info.max_alloc && size > g.info.max_alloc) {
        if (host_memory_is_device_memory(g) && g.bytes_allocated + size <= g.info.global_mem) {
            al.svm = aligned_alloc(4096, (size + 4095) & ~(size_t)4095);
            if (!al.svm) return cudaErrorMemoryAllocation;
            al.host_backed = true;
            if (g.verbose)
                fprintf(stderr, "cudaport: %zu bytes exceed CL_DEVICE_MAX_MEM_ALLOC_SIZE (%zu); host memory instead\n",
                        size, g.info.max_alloc);
            g.allocs[(uintptr_t)al.svm] = al;
            g.bytes_allocated += size;
            *out = al.svm;
            return cudaSuccess;
        }
        if (n_too_big++ < 4)
            fprintf(stderr, "cudaport: error: %s of %zu bytes exceeds the largest single allocation of OpenCL device "
                            "'%s' (CL_DEVICE_MAX_MEM_ALLOC_SIZE %zu bytes); it returns cudaErrorMemoryAllocation\n",
                    kind == AllocKind::Managed ? "cudaMallocManaged" : "cudaMalloc", size, g.info.name.c_str(),
                    g.info.max_alloc);
        return cudaErrorMemoryAllocation;
    }
    uintptr_t key = 0;
    if (g.svm) {
        cl_svm_mem_flags flags = CL_MEM_READ_WRITE;
        bool fine = kind == AllocKind::Managed ? g.svm_fine : !g.svm_coarse;
        if (fine) flags |= CL_MEM_SVM_FINE_GRAIN_BUFFER;
        al.svm = clSVMAlloc(g.ctx, flags, size, 0);
        if (!al.svm) return cudaErrorMemoryAllocation;
        if (kind == AllocKind::Managed && !fine) {
            al.coarse_managed = true;
            cl_int err = clEnqueueSVMMap(g.default_stream.q, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, al.svm, size, 0,
                                         nullptr, nullptr);
            if (err != CL_SUCCESS) {
                clSVMFree(g.ctx, al.svm);
                return from_cl(err);
            }
            al.mapped = true;
            ++g.n_coarse_managed;
        }
        key = (uintptr_t)al.svm;
    } else {
        cl_int err = CL_SUCCESS;
        al.mem = clCreateBuffer(g.ctx, CL_MEM_READ_WRITE, size, nullptr, &err);
        if (err != CL_SUCCESS) return err == CL_INVALID_BUFFER_SIZE ? cudaErrorMemoryAllocation : from_cl(err);
        key = g.next_fake;
        g.next_fake += ((size + 4095) & ~(uintptr_t)4095) + 4096;  // guard gap: one-past-end is never valid
    }
    g.allocs[key] = al;
    g.bytes_allocated += size;
    *out = (void*)key;
    return cudaSuccess;
}

static void free_alloc(State& g, std::map<uintptr_t, Alloc>::iterator it) {
    Alloc& al = it->second;
    if (al.host_backed) {
        free(al.svm);
    } else if (al.kind == AllocKind::Host && !al.svm) {
        free((void*)it->first);
    } else if (al.svm) {
        if (al.coarse_managed) --g.n_coarse_managed;
        clSVMFree(g.ctx, al.svm);
    } else if (al.mem) {
        clReleaseMemObject(al.mem);
    }
    if (al.kind != AllocKind::Host) g.bytes_allocated -= al.size;
    g.allocs.erase(it);
}

void release_all_memory() {
    State& g = state();
    for (auto it = g.allocs.begin(); it != g.allocs.end();) {
        auto next = std::next(it);
        if (it->second.kind != AllocKind::Host) free_alloc(g, it);  // pinned host memory stays the caller's
        it = next;
    }
    for (auto& kv : g.symbols) kv.second.dev = nullptr;
}

void unmap_managed(cl_command_queue q) {
    State& g = state();
    if (!g.n_coarse_managed) return;
    for (auto& kv : g.allocs) {
        Alloc& al = kv.second;
        if (al.coarse_managed && al.mapped) {
            clEnqueueSVMUnmap(q, al.svm, 0, nullptr, nullptr);
            al.mapped = false;
        }
    }
}

void remap_managed() {
    State& g = state();
    if (!g.n_coarse_managed) return;
    for (auto& kv : g.allocs) {
        Alloc& al = kv.second;
        if (al.coarse_managed && !al.mapped) {
            clEnqueueSVMMap(g.default_stream.q, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, al.svm, al.size, 0, nullptr,
                            nullptr);
            al.mapped = true;
        }
    }
}

// One side of a copy as the device sees it.
struct Side {
    bool device = false;  // device memory (SVM device/symbol buffer, or handle-table buffer)
    bool shim_host = false;  // memory the shim knows on the host side (pinned, managed)
    bool pinned = false;
    Where w;
};

static Side classify(const void* p) {
    Side s;
    s.w = locate(p);
    if (!s.w.a) return s;
    switch (s.w.a->kind) {
    case AllocKind::Device:
    case AllocKind::Symbol: s.device = true; break;
    case AllocKind::Managed:
        // Fine-grain managed memory is host memory the device can also read: copy it as SVM.
        s.device = !s.w.a->coarse_managed;
        s.shim_host = s.w.a->coarse_managed;
        break;
    case AllocKind::Host:
        s.shim_host = true;
        s.pinned = true;
        break;
    }
    return s;
}

static bool fits(const Side& s, size_t n) { return !s.w.a || s.w.off + n <= s.w.a->size; }

cudaError_t copy(void* dst, const void* src, size_t n, cudaMemcpyKind kind, CUstream_st* st, bool async) {
    State& g = state();
    if ((int)kind < cudaMemcpyHostToHost || (int)kind > cudaMemcpyDefault) return cudaErrorInvalidMemcpyDirection;
    if (n == 0) return cudaSuccess;
    if (!dst || !src) return cudaErrorInvalidValue;
    Side d = classify(dst), s = classify(src);
    // With unified addressing the pointers decide; an explicit kind must still name device memory where
    // it says "device" (an unknown pointer there is a bug in the caller).
    if ((kind == cudaMemcpyHostToDevice || kind == cudaMemcpyDeviceToDevice) && !d.w.a) return cudaErrorInvalidValue;
    if ((kind == cudaMemcpyDeviceToHost || kind == cudaMemcpyDeviceToDevice) && !s.w.a) return cudaErrorInvalidValue;
    if (!fits(d, n) || !fits(s, n)) return cudaErrorInvalidValue;
    if ((d.w.a && d.w.a->coarse_managed) || (s.w.a && s.w.a->coarse_managed)) {
        cudaError_t e = finish_all();  // coarse managed memory is host-mapped only on a quiet device
        if (e != cudaSuccess) return e;
        async = false;
    }
    order_before_enqueue(st);
    cl_int err = CL_SUCCESS;
    if (!d.device && !s.device) {
        if (d.shim_host || s.shim_host) {
            err = clFinish(st->q);  // pinned memory may be the target of earlier async copies
            if (err != CL_SUCCESS) return from_cl(err);
        }
        memmove(dst, src, n);
        return cudaSuccess;
    }
    // H2D from pageable memory completes before returning even when async (CUDA stages it the same way).
    cl_bool blocking = CL_TRUE;
    if (d.device && s.device) blocking = CL_FALSE;
    else if (async && (d.device ? s.pinned : true)) blocking = CL_FALSE;
    if (g.svm) {
        err = clEnqueueSVMMemcpy(st->q, blocking, dst, src, n, 0, nullptr, nullptr);
    } else if (d.device && s.device) {
        err = clEnqueueCopyBuffer(st->q, s.w.a->mem, d.w.a->mem, s.w.off, d.w.off, n, 0, nullptr, nullptr);
    } else if (d.device) {
        err = clEnqueueWriteBuffer(st->q, d.w.a->mem, blocking, d.w.off, n, src, 0, nullptr, nullptr);
    } else {
        err = clEnqueueReadBuffer(st->q, s.w.a->mem, blocking, s.w.off, n, dst, 0, nullptr, nullptr);
    }
    note_enqueued(st);
    return from_cl(err);
}

static cudaError_t copy2d(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width, size_t height,
                          cudaMemcpyKind kind, CUstream_st* st, bool async) {
    if (width == 0 || height == 0) return cudaSuccess;
    if (dpitch < width || spitch < width) return cudaErrorInvalidPitchValue;
    if ((int)kind < cudaMemcpyHostToHost || (int)kind > cudaMemcpyDefault) return cudaErrorInvalidMemcpyDirection;
    if (dpitch == width && spitch == width) return copy(dst, src, width * height, kind, st, async);
    State& g = state();
    Side d = classify(dst), s = classify(src);
    size_t dspan = dpitch * (height - 1) + width, sspan = spitch * (height - 1) + width;
    if (!fits(d, dspan) || !fits(s, sspan)) return cudaErrorInvalidValue;
    if (g.svm || (!d.device && !s.device)) {
        // Row by row; only the last row blocks when the copy is synchronous (the queue is in order).
        for (size_t r = 0; r < height; ++r) {
            bool last = r + 1 == height;
            cudaError_t e = copy((char*)dst + r * dpitch, (const char*)src + r * spitch, width, kind, st,
                                 async || !last);
            if (e != cudaSuccess) return e;
        }
        return cudaSuccess;
    }
    if ((kind == cudaMemcpyHostToDevice || kind == cudaMemcpyDeviceToDevice) && !d.w.a) return cudaErrorInvalidValue;
    if ((kind == cudaMemcpyDeviceToHost || kind == cudaMemcpyDeviceToDevice) && !s.w.a) return cudaErrorInvalidValue;
    order_before_enqueue(st);
    size_t region[3] = {width, height, 1};
    size_t dorg[3] = {d.w.off % dpitch, d.w.off / dpitch, 0};
    size_t sorg[3] = {s.w.off % spitch, s.w.off / spitch, 0};
    size_t zero[3] = {0, 0, 0};
    cl_int err;
    if (d.device && s.device) {
        err = clEnqueueCopyBufferRect(st->q, s.w.a->mem, d.w.a->mem, sorg, dorg, region, spitch, 0, dpitch, 0, 0,
                                      nullptr, nullptr);
    } else if (d.device) {
        cl_bool blocking = async && s.pinned ? CL_FALSE : CL_TRUE;
        err = clEnqueueWriteBufferRect(st->q, d.w.a->mem, blocking, dorg, zero, region, dpitch, 0, spitch, 0, src, 0,
                                       nullptr, nullptr);
    } else {
        err = clEnqueueReadBufferRect(st->q, s.w.a->mem, async ? CL_FALSE : CL_TRUE, sorg, zero, region, spitch, 0,
                                      dpitch, 0, dst, 0, nullptr, nullptr);
    }
    note_enqueued(st);
    return from_cl(err);
}

static cudaError_t fill(void* p, int value, size_t n, CUstream_st* st) {
    if (n == 0) return cudaSuccess;
    Side d = classify(p);
    if (!d.w.a) return cudaErrorInvalidValue;
    if (!fits(d, n)) return cudaErrorInvalidValue;
    unsigned char byte = (unsigned char)value;
    if (!d.device) {  // coarse managed or pinned host memory
        cudaError_t e = d.w.a->coarse_managed ? finish_all() : from_cl(clFinish(st->q));
        if (e != cudaSuccess) return e;
        memset(p, byte, n);
        return cudaSuccess;
    }
    order_before_enqueue(st);
    cl_int err = state().svm
                     ? clEnqueueSVMMemFill(st->q, p, &byte, 1, n, 0, nullptr, nullptr)
                     : clEnqueueFillBuffer(st->q, d.w.a->mem, &byte, 1, d.w.off, n, 0, nullptr, nullptr);
    note_enqueued(st);
    return from_cl(err);
}

cudaError_t symbol_address(const void* host_symbol, void** dev, size_t* size) {
    State& g = state();
    auto it = g.symbols.find(host_symbol);
    if (it == g.symbols.end()) return cudaErrorInvalidSymbol;
    Symbol& sym = it->second;
    if (!sym.dev) {
        // First use: the device copy starts as the host variable's current value (its initialiser).
        void* p = nullptr;
        cudaError_t e = alloc_device(sym.size ? sym.size : 1, AllocKind::Symbol, &p);
        if (e != cudaSuccess) return e;
        e = copy(p, host_symbol, sym.size, cudaMemcpyHostToDevice, &g.default_stream, false);
        if (e != cudaSuccess) return e;
        sym.dev = p;
    }
    if (dev) *dev = sym.dev;
    if (size) *size = sym.size;
    return cudaSuccess;
}

static bool warned_managed = false;

}  // namespace cp

using namespace cp;

#define CP_ENTER()                                                                                           \
    std::unique_lock<std::mutex> lock;                                                                       \
    do {                                                                                                     \
        cudaError_t e_ = enter(lock);                                                                        \
        if (e_ != cudaSuccess) return e_;                                                                    \
    } while (0)

extern "C" {

cudaError_t cudaMalloc(void** devPtr, size_t size) {
    CP_ENTER();
    if (!devPtr) return fail(cudaErrorInvalidValue);
    *devPtr = nullptr;
    if (size == 0) return cudaSuccess;
    return fail(alloc_device(size, AllocKind::Device, devPtr));
}

cudaError_t cudaMallocManaged(void** devPtr, size_t size, unsigned int) {
    CP_ENTER();
    if (!devPtr) return fail(cudaErrorInvalidValue);
    *devPtr = nullptr;
    State& g = state();
    if (!g.svm) {
        if (!warned_managed)
            fprintf(stderr, "cudaport: cudaMallocManaged needs OpenCL shared virtual memory, which '%s' lacks "
                            "(or CUDAPORT_OPENCL_SVM=0 disabled it)\n", g.info.name.c_str());
        warned_managed = true;
        return fail(cudaErrorNotSupported);
    }
    if (size == 0) return fail(cudaErrorInvalidValue);
    return fail(alloc_device(size, AllocKind::Managed, devPtr));
}

cudaError_t cudaMallocPitch(void** devPtr, size_t* pitch, size_t width, size_t height) {
    CP_ENTER();
    if (!devPtr || !pitch) return fail(cudaErrorInvalidValue);
    size_t p = (width + kPitchAlign - 1) / kPitchAlign * kPitchAlign;
    if (p == 0) p = kPitchAlign;
    *pitch = p;
    *devPtr = nullptr;
    if (height == 0) return cudaSuccess;
    return fail(alloc_device(p * height, AllocKind::Device, devPtr));
}

cudaError_t cudaFree(void* devPtr) {
    CP_ENTER();
    if (!devPtr) return cudaSuccess;
    State& g = state();
    auto it = g.allocs.find((uintptr_t)devPtr);
    if (it == g.allocs.end() || it->second.kind == AllocKind::Host || it->second.kind == AllocKind::Symbol)
        return fail(cudaErrorInvalidValue);
    cudaError_t e = finish_all();  // cudaFree synchronises the device, and SVM memory must be idle
    free_alloc(g, it);
    return fail(e);
}

cudaError_t cudaHostAlloc(void** pHost, size_t size, unsigned int) {
    CP_ENTER();
    if (!pHost) return fail(cudaErrorInvalidValue);
    *pHost = nullptr;
    if (size == 0) return cudaSuccess;
    State& g = state();
    Alloc al;
    al.size = size;
    al.kind = AllocKind::Host;
    void* p = nullptr;
    if (g.svm_fine) {  // fine-grain SVM: host memory the device can read (cudaHostGetDevicePointer)
        p = al.svm = clSVMAlloc(g.ctx, CL_MEM_READ_WRITE | CL_MEM_SVM_FINE_GRAIN_BUFFER, size, 0);
    } else {
        p = aligned_alloc(4096, (size + 4095) & ~(size_t)4095);
    }
    if (!p) return fail(cudaErrorMemoryAllocation);
    g.allocs[(uintptr_t)p] = al;
    *pHost = p;
    return cudaSuccess;
}

cudaError_t cudaMallocHost(void** ptr, size_t size) { return cudaHostAlloc(ptr, size, cudaHostAllocDefault); }

cudaError_t cudaFreeHost(void* ptr) {
    CP_ENTER();
    if (!ptr) return cudaSuccess;
    State& g = state();
    auto it = g.allocs.find((uintptr_t)ptr);
    if (it == g.allocs.end() || it->second.kind != AllocKind::Host) return fail(cudaErrorInvalidValue);
    cudaError_t e = finish_all();
    free_alloc(g, it);
    return fail(e);
}

cudaError_t cudaHostGetDevicePointer(void** pDevice, void* pHost, unsigned int) {
    CP_ENTER();
    if (!pDevice) return fail(cudaErrorInvalidValue);
    Where w = locate(pHost);
    if (!w.a || w.a->kind != AllocKind::Host) return fail(cudaErrorInvalidValue);
    if (!w.a->svm) return fail(cudaErrorNotSupported);
    *pDevice = pHost;
    return cudaSuccess;
}

cudaError_t cudaMemGetInfo(size_t* freeMem, size_t* total) {
    CP_ENTER();
    const State& g = state();
    size_t t = g.info.global_mem;
    if (total) *total = t;
    if (freeMem) *freeMem = g.bytes_allocated < t ? t - g.bytes_allocated : 0;
    return cudaSuccess;
}

cudaError_t cudaPointerGetAttributes(cudaPointerAttributes* attr, const void* ptr) {
    CP_ENTER();
    if (!attr) return fail(cudaErrorInvalidValue);
    Where w = locate(ptr);
    attr->device = 0;
    attr->type = cudaMemoryTypeUnregistered;
    attr->devicePointer = nullptr;
    attr->hostPointer = nullptr;
    if (!w.a) return cudaSuccess;
    switch (w.a->kind) {
    case AllocKind::Device:
    case AllocKind::Symbol:
        attr->type = cudaMemoryTypeDevice;
        attr->devicePointer = (void*)ptr;
        break;
    case AllocKind::Managed:
        attr->type = cudaMemoryTypeManaged;
        attr->devicePointer = attr->hostPointer = (void*)ptr;
        break;
    case AllocKind::Host:
        attr->type = cudaMemoryTypeHost;
        attr->hostPointer = (void*)ptr;
        if (w.a->svm) attr->devicePointer = (void*)ptr;
        break;
    }
    return cudaSuccess;
}

cudaError_t cudaMemcpy(void* dst, const void* src, size_t count, cudaMemcpyKind kind) {
    CP_ENTER();
    return fail(copy(dst, src, count, kind, &state().default_stream, false));
}

cudaError_t cudaMemcpyAsync(void* dst, const void* src, size_t count, cudaMemcpyKind kind, cudaStream_t stream) {
    CP_ENTER();
    CUstream_st* s = stream_of(stream);
    if (!s) return fail(cudaErrorInvalidResourceHandle);
    return fail(copy(dst, src, count, kind, s, true));
}

cudaError_t cudaMemcpy2D(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width, size_t height,
                         cudaMemcpyKind kind) {
    CP_ENTER();
    return fail(copy2d(dst, dpitch, src, spitch, width, height, kind, &state().default_stream, false));
}

cudaError_t cudaMemcpy2DAsync(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width,
                              size_t height, cudaMemcpyKind kind, cudaStream_t stream) {
    CP_ENTER();
    CUstream_st* s = stream_of(stream);
    if (!s) return fail(cudaErrorInvalidResourceHandle);
    return fail(copy2d(dst, dpitch, src, spitch, width, height, kind, s, true));
}

cudaError_t cudaMemset(void* devPtr, int value, size_t count) {
    CP_ENTER();
    return fail(fill(devPtr, value, count, &state().default_stream));
}

cudaError_t cudaMemsetAsync(void* devPtr, int value, size_t count, cudaStream_t stream) {
    CP_ENTER();
    CUstream_st* s = stream_of(stream);
    if (!s) return fail(cudaErrorInvalidResourceHandle);
    return fail(fill(devPtr, value, count, s));
}

static cudaError_t fill2d(void* p, size_t pitch, int value, size_t width, size_t height, CUstream_st* s) {
    if (width == 0 || height == 0) return cudaSuccess;
    if (pitch < width) return cudaErrorInvalidPitchValue;
    if (pitch == width) return fill(p, value, width * height, s);
    for (size_t r = 0; r < height; ++r) {
        cudaError_t e = fill((char*)p + r * pitch, value, width, s);
        if (e != cudaSuccess) return e;
    }
    return cudaSuccess;
}

cudaError_t cudaMemset2D(void* devPtr, size_t pitch, int value, size_t width, size_t height) {
    CP_ENTER();
    return fail(fill2d(devPtr, pitch, value, width, height, &state().default_stream));
}

cudaError_t cudaMemset2DAsync(void* devPtr, size_t pitch, int value, size_t width, size_t height,
                              cudaStream_t stream) {
    CP_ENTER();
    CUstream_st* s = stream_of(stream);
    if (!s) return fail(cudaErrorInvalidResourceHandle);
    return fail(fill2d(devPtr, pitch, value, width, height, s));
}

static cudaError_t symbol_copy(const void* symbol, size_t count, size_t offset, void** dev) {
    size_t size = 0;
    cudaError_t e = symbol_address(symbol, dev, &size);
    if (e != cudaSuccess) return e;
    if (offset > size || count > size - offset) return cudaErrorInvalidValue;
    *dev = (char*)*dev + offset;
    return cudaSuccess;
}

static cudaError_t to_symbol(const void* symbol, const void* src, size_t count, size_t offset,
                             cudaMemcpyKind kind, cudaStream_t stream, bool async) {
    if (kind != cudaMemcpyHostToDevice && kind != cudaMemcpyDeviceToDevice && kind != cudaMemcpyDefault)
        return cudaErrorInvalidMemcpyDirection;
    CUstream_st* s = stream_of(stream);
    if (!s) return cudaErrorInvalidResourceHandle;
    void* dev = nullptr;
    cudaError_t e = symbol_copy(symbol, count, offset, &dev);
    return e != cudaSuccess ? e : copy(dev, src, count, kind, s, async);
}

static cudaError_t from_symbol(void* dst, const void* symbol, size_t count, size_t offset, cudaMemcpyKind kind,
                               cudaStream_t stream, bool async) {
    if (kind != cudaMemcpyDeviceToHost && kind != cudaMemcpyDeviceToDevice && kind != cudaMemcpyDefault)
        return cudaErrorInvalidMemcpyDirection;
    CUstream_st* s = stream_of(stream);
    if (!s) return cudaErrorInvalidResourceHandle;
    void* dev = nullptr;
    cudaError_t e = symbol_copy(symbol, count, offset, &dev);
    return e != cudaSuccess ? e : copy(dst, dev, count, kind, s, async);
}

cudaError_t cudaMemcpyToSymbol(const void* symbol, const void* src, size_t count, size_t offset,
                               cudaMemcpyKind kind) {
    CP_ENTER();
    return fail(to_symbol(symbol, src, count, offset, kind, nullptr, false));
}

cudaError_t cudaMemcpyFromSymbol(void* dst, const void* symbol, size_t count, size_t offset, cudaMemcpyKind kind) {
    CP_ENTER();
    return fail(from_symbol(dst, symbol, count, offset, kind, nullptr, false));
}

cudaError_t cudaMemcpyToSymbolAsync(const void* symbol, const void* src, size_t count, size_t offset,
                                    cudaMemcpyKind kind, cudaStream_t stream) {
    CP_ENTER();
    return fail(to_symbol(symbol, src, count, offset, kind, stream, true));
}

cudaError_t cudaMemcpyFromSymbolAsync(void* dst, const void* symbol, size_t count, size_t offset,
                                      cudaMemcpyKind kind, cudaStream_t stream) {
    CP_ENTER();
    return fail(from_symbol(dst, symbol, count, offset, kind, stream, true));
}

cudaError_t cudaGetSymbolAddress(void** devPtr, const void* symbol) {
    CP_ENTER();
    if (!devPtr) return fail(cudaErrorInvalidValue);
    return fail(symbol_address(symbol, devPtr, nullptr));
}

cudaError_t cudaGetSymbolSize(size_t* size, const void* symbol) {
    CP_ENTER();
    if (!size) return fail(cudaErrorInvalidValue);
    auto it = state().symbols.find(symbol);
    if (it == state().symbols.end()) return fail(cudaErrorInvalidSymbol);
    *size = it->second.size;
    return cudaSuccess;
}

}  // extern "C"
