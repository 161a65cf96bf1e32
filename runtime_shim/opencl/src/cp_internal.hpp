// Internal state of the cudaport OpenCL shim: the chosen device, the allocation table (SVM pointers or
// fake handle-table addresses -> cl_mem + offset), streams, error state. Shared by src/*.cpp only.
#pragma once

#ifndef CL_TARGET_OPENCL_VERSION
#define CL_TARGET_OPENCL_VERSION 300
#endif
#define CL_USE_DEPRECATED_OPENCL_1_2_APIS
#include <CL/cl.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "cudaport_opencl.h"

struct CUstream_st {
    cl_command_queue q = nullptr;
    unsigned flags = 0;
    bool is_default = false;
    uint64_t submitted = 0;        // commands enqueued so far (legacy default stream bookkeeping)
    uint64_t synced_to_default = 0;  // our `submitted` when the default stream last waited for us
    uint64_t default_seen = 0;     // default stream's `submitted` when we last waited for it
    uint64_t idle_at = 0;          // `submitted` when the host last saw the queue drained
};

struct CUevent_st {
    cl_event ev = nullptr;  // marker of the last cudaEventRecord; null before the first record
    unsigned flags = 0;
};

namespace cp {

enum class AllocKind { Device, Managed, Host, Symbol };

struct Alloc {
    size_t size = 0;
    AllocKind kind = AllocKind::Device;
    cl_mem mem = nullptr;   // handle-table path (and pinned host staging): the buffer
    void* svm = nullptr;    // SVM path: the clSVMAlloc pointer (== the key)
    bool coarse_managed = false;  // managed memory on coarse-grain SVM: mapped on the host between launches
    bool mapped = false;
    bool host_backed = false;  // past CL_DEVICE_MAX_MEM_ALLOC_SIZE on PoCL's CPU device: aligned_alloc memory
};

// Where a pointer lives. `a` is null for memory the shim does not know (ordinary host memory).
struct Where {
    Alloc* a = nullptr;
    uintptr_t base = 0;
    size_t off = 0;
};

struct Symbol {
    size_t size = 0;
    std::string name;
    void* dev = nullptr;  // device address (SVM pointer or fake address), created on first use
};

struct DeviceInfo {
    std::string name, platform;
    size_t global_mem = 0, local_mem = 0, const_mem = 0, max_wg = 0, max_alloc = 0, cache = 0;
    size_t max_items[3] = {0, 0, 0};
    cl_uint cus = 0, clock_mhz = 0, base_align_bits = 0;
    bool is_gpu = false, unified = false;
};

struct State {
    std::mutex mu;
    bool initialized = false;
    cudaError_t init_error = cudaSuccess;
    cl_platform_id platform = nullptr;
    cl_device_id device = nullptr;
    cl_context ctx = nullptr;
    DeviceInfo info;
    bool svm = false;         // device pointers are SVM pointers
    bool svm_fine = false;    // fine-grain buffer SVM available (managed memory, mapped host memory)
    bool svm_coarse = false;  // coarse-grain buffer SVM available
    bool verbose = false;
    CUstream_st default_stream;
    std::vector<CUstream_st*> streams;  // user streams
    std::map<uintptr_t, Alloc> allocs;  // keyed by device address
    std::map<const void*, Symbol> symbols;
    uintptr_t next_fake = 0;
    size_t bytes_allocated = 0;
    size_t n_coarse_managed = 0;
    cudaFuncCache cache_config = cudaFuncCachePreferNone;
    cudaSharedMemConfig shmem_config = cudaSharedMemBankSizeFourByte;
};

State& state();

// Every API entry point: lock, initialise on first use, return the sticky error if there is one.
cudaError_t enter(std::unique_lock<std::mutex>& lock);
// Record `e` as the calling thread's last error (unless success/not-ready) and return it.
cudaError_t fail(cudaError_t e);
cudaError_t from_cl(cl_int err);
void set_sticky(cudaError_t e);

cl_command_queue new_queue(cl_int* err);  // in-order, profiling enabled
CUstream_st* stream_of(cudaStream_t s);  // null for an unknown handle
bool valid_stream(cudaStream_t s);
// Implements legacy default stream ordering before enqueueing to `s` (see README).
void order_before_enqueue(CUstream_st* s);
void note_enqueued(CUstream_st* s);
cudaError_t finish_all();               // clFinish on every queue; reports failed commands (sticky)
cudaError_t check_event(cl_event ev);   // sticky error if `ev` failed
void unmap_managed(cl_command_queue q);  // before a launch (coarse-grain managed memory)
void remap_managed();                    // after a synchronisation

Where locate(const void* p);
// Device address of a registered symbol, allocating and initialising its buffer on first use.
cudaError_t symbol_address(const void* host_symbol, void** dev, size_t* size);
// Allocate device memory on the active path; records it in the table.
cudaError_t alloc_device(size_t size, AllocKind kind, void** out);
// Copy with CUDA semantics on either path; `async` false = cudaMemcpy (host waits for the data).
cudaError_t copy(void* dst, const void* src, size_t n, cudaMemcpyKind kind, CUstream_st* s, bool async);
void release_all_memory();

}  // namespace cp
