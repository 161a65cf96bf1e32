// cudaport SYCL helper: the part of the CUDA runtime that translated code calls, over SYCL 2020.
// Device selection, one in-order profiling queue per device (CUDA's default stream), streams as
// in-order queues, events with timing, USM allocation, copies (1D, 2D/pitched, symbols), memset,
// device properties and CUDA-style error codes. Header-only, C++17, namespace cpsycl.
// The logic that needs no SYCL lives in cudaport_sycl/host_logic.hpp (unit-tested with plain g++).
#pragma once

#include <sycl/sycl.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
// What CUDA's runtime header gives host code implicitly (nvcc includes it in every .cu): the C library's
// math, memory, conversion and I/O functions, also unqualified (fabs, exit, atoi, memcpy).
#include <math.h>
#include <stdlib.h>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "cudaport_sycl/host_logic.hpp"
#include "cudaport_sycl/half.hpp"
#include "cudaport_sycl/minmax.hpp"
#include "cudaport_sycl/simd.hpp"
#include "cudaport_sycl/library_types.hpp"

namespace cpsycl {

// ---- devices and queues -------------------------------------------------------------------------------
namespace detail {

struct runtime {
    std::vector<sycl::device> devices;
    std::vector<sycl::context> contexts;  // one per device: USM pointers stay valid across queues and resets
    std::vector<std::unique_ptr<sycl::queue>> queues;  // default in-order queue per device, made on first use
    int current = 0;
    error_state errors;
    std::mutex mu;

    runtime() {
        devices = sycl::device::get_devices(sycl::info::device_type::gpu);
        if (devices.empty()) devices = sycl::device::get_devices();
        for (const auto& d : devices) contexts.emplace_back(d);
        queues.resize(devices.size());
    }
};

inline runtime& rt() {
    static runtime r;
    return r;
}

inline sycl::property_list queue_properties() {
    return sycl::property_list{sycl::property::queue::in_order(), sycl::property::queue::enable_profiling()};
}

}  // namespace detail

inline error_t record(error_t e) { return detail::rt().errors.record(e); }

inline sycl::device& current_device() { return detail::rt().devices.at(detail::rt().current); }

// The queue CUDA calls "the default stream" of the current device: in order, with profiling for events.
inline sycl::queue& default_queue() {
    auto& r = detail::rt();
    std::lock_guard<std::mutex> lock(r.mu);
    auto& q = r.queues.at(r.current);
    if (!q) q = std::make_unique<sycl::queue>(r.contexts.at(r.current), r.devices.at(r.current),
                                              detail::queue_properties());
    return *q;
}

// Runs `body`, turning SYCL exceptions into error codes (also recorded for get_last_error()).
template <class F>
error_t checked(F&& body, error_t on_failure = error_unknown) {
    try {
        body();
        return success;
    } catch (const sycl::exception&) {
        return record(on_failure);
    } catch (const std::bad_alloc&) {
        return record(error_memory_allocation);
    }
}

inline error_t get_device_count(int* count) {
    *count = static_cast<int>(detail::rt().devices.size());
    return *count > 0 ? success : record(error_no_device);
}

inline error_t set_device(int device) {
    auto& r = detail::rt();
    if (device < 0 || device >= static_cast<int>(r.devices.size())) return record(error_invalid_device);
    r.current = device;
    return success;
}

inline error_t get_device(int* device) {
    *device = detail::rt().current;
    return success;
}

inline error_t device_synchronize() {
    return checked([] { default_queue().wait_and_throw(); }, error_launch_failure);
}

// cudaDeviceReset: finish the work and drop the current device's default queue.
inline error_t device_reset() {
    error_t e = device_synchronize();
    auto& r = detail::rt();
    std::lock_guard<std::mutex> lock(r.mu);
    r.queues.at(r.current).reset();
    return e;
}

inline error_t get_last_error() { return detail::rt().errors.get_and_clear(); }
inline error_t peek_at_last_error() { return detail::rt().errors.peek(); }

// ---- device properties ----------------------------------------------------------------------------------
// The fields of cudaDeviceProp that have a SYCL counterpart, under CUDA's names, so host code that reads
// prop.name or prop.maxThreadsPerBlock compiles unchanged.
struct device_prop {
    char name[256];
    std::size_t totalGlobalMem;
    std::size_t sharedMemPerBlock;
    int warpSize;
    int maxThreadsPerBlock;
    int maxThreadsDim[3];
    int maxGridSize[3];
    int clockRate;  // kHz
    std::size_t totalConstMem;
    int major;
    int minor;
    int multiProcessorCount;
    int maxThreadsPerMultiProcessor;
    int unifiedAddressing;
    int managedMemory;
    int concurrentKernels;
    int integrated;
    int canMapHostMemory;
    std::size_t memPitch;
    std::size_t textureAlignment;
};

inline error_t get_device_properties(device_prop* prop, int device) {
    auto& r = detail::rt();
    if (device < 0 || device >= static_cast<int>(r.devices.size())) return record(error_invalid_device);
    const sycl::device& d = r.devices[device];
    *prop = device_prop{};
    std::string name = d.get_info<sycl::info::device::name>();
    std::strncpy(prop->name, name.c_str(), sizeof(prop->name) - 1);
    prop->totalGlobalMem = d.get_info<sycl::info::device::global_mem_size>();
    prop->sharedMemPerBlock = d.get_info<sycl::info::device::local_mem_size>();
    auto sub_group_sizes = d.get_info<sycl::info::device::sub_group_sizes>();
    prop->warpSize = sub_group_sizes.empty() ? 1 : static_cast<int>(sub_group_sizes.back());
    prop->maxThreadsPerBlock = static_cast<int>(d.get_info<sycl::info::device::max_work_group_size>());
    auto item_sizes = d.get_info<sycl::info::device::max_work_item_sizes<3>>();
    for (int i = 0; i < 3; ++i) {
        prop->maxThreadsDim[i] = static_cast<int>(item_sizes[2 - i]);  // SYCL's last dimension is CUDA's x
        prop->maxGridSize[i] = 2147483647;
    }
    prop->clockRate = static_cast<int>(d.get_info<sycl::info::device::max_clock_frequency>()) * 1000;
    prop->totalConstMem = prop->totalGlobalMem;
    prop->major = 0;  // no compute capability outside CUDA
    prop->minor = 0;
    prop->multiProcessorCount = static_cast<int>(d.get_info<sycl::info::device::max_compute_units>());
    prop->maxThreadsPerMultiProcessor = prop->maxThreadsPerBlock;
    prop->unifiedAddressing = 1;
    prop->managedMemory = d.has(sycl::aspect::usm_shared_allocations) ? 1 : 0;
    prop->concurrentKernels = 1;
    prop->integrated = d.get_info<sycl::info::device::host_unified_memory>() ? 1 : 0;
    prop->canMapHostMemory = d.has(sycl::aspect::usm_host_allocations) ? 1 : 0;
    prop->memPitch = prop->totalGlobalMem;
    prop->textureAlignment = 512;
    return success;
}

// cudaFuncGetAttributes / cudaFuncSetAttribute / cudaFuncSetCacheConfig. SYCL 2020 has no query of a kernel
// by its function (kernel_bundle queries need the kernel's name type): the device's limits stand in for the
// kernel's, static __shared__ sizes are not counted, and the setters only check their values.
struct func_attributes {
    std::size_t sharedSizeBytes;
    std::size_t constSizeBytes;
    std::size_t localSizeBytes;
    int maxThreadsPerBlock;
    int numRegs;
    int ptxVersion;
    int binaryVersion;
    int cacheModeCA;
    int maxDynamicSharedSizeBytes;
    int preferredShmemCarveout;
};

enum func_attr : int { func_attr_max_dynamic_shared_memory_size = 8, func_attr_preferred_shared_memory_carveout = 9 };
enum func_cache : int { func_cache_prefer_none = 0, func_cache_prefer_shared = 1, func_cache_prefer_l1 = 2,
                        func_cache_prefer_equal = 3 };

template <class F>
inline error_t func_get_attributes(func_attributes* attr, F func) {
    if (attr == nullptr || func == nullptr) return record(error_invalid_value);
    int device = 0;
    get_device(&device);
    device_prop p;
    error_t e = get_device_properties(&p, device);
    if (e != success) return e;
    *attr = func_attributes{};
    attr->maxThreadsPerBlock = p.maxThreadsPerBlock < 1024 ? p.maxThreadsPerBlock : 1024;
    attr->maxDynamicSharedSizeBytes = p.sharedMemPerBlock > 2147483647u ? 2147483647
                                                                         : static_cast<int>(p.sharedMemPerBlock);
    attr->preferredShmemCarveout = -1;
    return success;
}

template <class F>
inline error_t func_set_attribute(F func, int attr, int value) {
    if (func == nullptr) return record(error_invalid_value);
    if (attr == func_attr_max_dynamic_shared_memory_size) {
        int device = 0;
        get_device(&device);
        device_prop p;
        error_t e = get_device_properties(&p, device);
        if (e != success) return e;
        return value < 0 || static_cast<std::size_t>(value) > p.sharedMemPerBlock ? record(error_invalid_value)
                                                                                   : success;
    }
    if (attr == func_attr_preferred_shared_memory_carveout)
        return value < -1 || value > 100 ? record(error_invalid_value) : success;
    return record(error_invalid_value);
}

template <class F>
inline error_t func_set_cache_config(F func, int) {
    return func == nullptr ? record(error_invalid_value) : success;
}

// cudaDeviceGetAttribute: the attributes device_prop has, under CUDA's enumerator values (driver_types.h), so
// an attribute stored in an int still means the same. Others are error_invalid_value, never a made-up number.
enum device_attr : int {
    attr_max_threads_per_block = 1, attr_max_block_dim_x = 2, attr_max_block_dim_y = 3, attr_max_block_dim_z = 4,
    attr_max_grid_dim_x = 5, attr_max_grid_dim_y = 6, attr_max_grid_dim_z = 7, attr_max_shared_memory_per_block = 8,
    attr_total_constant_memory = 9, attr_warp_size = 10, attr_max_pitch = 11, attr_clock_rate = 13,
    attr_texture_alignment = 14, attr_multiprocessor_count = 16, attr_integrated = 18,
    attr_can_map_host_memory = 19, attr_concurrent_kernels = 31, attr_max_threads_per_multiprocessor = 39,
    attr_unified_addressing = 41, attr_compute_capability_major = 75, attr_compute_capability_minor = 76,
    attr_max_shared_memory_per_multiprocessor = 81, attr_managed_memory = 83,
    attr_max_shared_memory_per_block_optin = 97, attr_memory_pools_supported = 115,
};

inline error_t device_get_attribute(int* value, device_attr attr, int device) {
    device_prop p;
    error_t e = get_device_properties(&p, device);
    if (e != success) return e;
    auto clamp = [](std::size_t v) { return v > 2147483647u ? 2147483647 : static_cast<int>(v); };
    switch (attr) {
        case attr_max_threads_per_block: *value = p.maxThreadsPerBlock; break;
        case attr_max_block_dim_x: case attr_max_block_dim_y: case attr_max_block_dim_z:
            *value = p.maxThreadsDim[attr - attr_max_block_dim_x]; break;
        case attr_max_grid_dim_x: case attr_max_grid_dim_y: case attr_max_grid_dim_z:
            *value = p.maxGridSize[attr - attr_max_grid_dim_x]; break;
        // one work-group's local memory is all a compute unit offers in SYCL 2020, opt-in or not
        case attr_max_shared_memory_per_block: case attr_max_shared_memory_per_multiprocessor:
        case attr_max_shared_memory_per_block_optin: *value = clamp(p.sharedMemPerBlock); break;
        case attr_total_constant_memory: *value = clamp(p.totalConstMem); break;
        case attr_warp_size: *value = p.warpSize; break;
        case attr_max_pitch: *value = clamp(p.memPitch); break;
        case attr_clock_rate: *value = p.clockRate; break;
        case attr_texture_alignment: *value = clamp(p.textureAlignment); break;
        case attr_multiprocessor_count: *value = p.multiProcessorCount; break;
        case attr_integrated: *value = p.integrated; break;
        case attr_can_map_host_memory: *value = p.canMapHostMemory; break;
        case attr_concurrent_kernels: *value = p.concurrentKernels; break;
        case attr_max_threads_per_multiprocessor: *value = p.maxThreadsPerMultiProcessor; break;
        case attr_unified_addressing: *value = p.unifiedAddressing; break;
        case attr_compute_capability_major: *value = p.major; break;
        case attr_compute_capability_minor: *value = p.minor; break;
        case attr_managed_memory: *value = p.managedMemory; break;
        case attr_memory_pools_supported: *value = 1; break;  // the default pool below
        default: return record(error_invalid_value);
    }
    return success;
}

// ---- streams -----------------------------------------------------------------------------------------------
// Handle types live in a namespace of their own: argument-dependent lookup of host code's own calls with a
// handle argument (`free(streams)` on a cudaStream_t array) then never finds cpsycl::free or cpsycl::memcpy.
namespace handles {
struct stream_handle;  // never defined: a stream_t holds a handle-table key, 0 is the default stream
struct event_handle;
struct mem_pool_handle;
}  // namespace handles
using stream_t = handles::stream_handle*;

namespace detail {
inline handle_table<sycl::queue>& streams() {
    static handle_table<sycl::queue> t;
    return t;
}
}  // namespace detail

// The queue a stream stands for; the default queue for stream 0.
inline sycl::queue& queue_of(stream_t s) {
    if (s == nullptr) return default_queue();
    sycl::queue* q = detail::streams().find(reinterpret_cast<std::uintptr_t>(s));
    if (q == nullptr) throw sycl::exception(sycl::make_error_code(sycl::errc::invalid), "destroyed stream");
    return *q;
}
inline sycl::queue& queue_of(int null_stream) {
    (void)null_stream;  // only 0 is valid: the literal 0 written as a stream
    return default_queue();
}

inline error_t stream_create(stream_t* s, unsigned int flags = 0) {
    (void)flags;  // every SYCL queue is independent of the default queue: cudaStreamNonBlocking always holds
    return checked([&] {
        auto q = std::make_unique<sycl::queue>(default_queue().get_context(), current_device(),
                                               detail::queue_properties());
        *s = reinterpret_cast<stream_t>(detail::streams().insert(std::move(q)));
    }, error_memory_allocation);
}

inline error_t stream_destroy(stream_t s) {
    if (s == nullptr) return record(error_invalid_resource_handle);
    error_t e = checked([&] { queue_of(s).wait(); }, error_invalid_resource_handle);
    if (!detail::streams().erase(reinterpret_cast<std::uintptr_t>(s))) return record(error_invalid_resource_handle);
    return e;
}

inline error_t stream_synchronize(stream_t s) {
    return checked([&] { queue_of(s).wait_and_throw(); }, error_launch_failure);
}

inline error_t stream_query(stream_t s) {
    error_t e = success;
    error_t c = checked([&] { e = queue_of(s).ext_oneapi_empty() ? success : error_not_ready; },
                        error_invalid_resource_handle);
    return c != success ? c : e;
}

// ---- events --------------------------------------------------------------------------------------------------
struct event_record {
    sycl::event ev;
    bool recorded = false;
};
using event_t = handles::event_handle*;

namespace detail {
inline handle_table<event_record>& events() {
    static handle_table<event_record> t;
    return t;
}
inline event_record* find_event(event_t e) { return events().find(reinterpret_cast<std::uintptr_t>(e)); }
}  // namespace detail

inline error_t event_create(event_t* e, unsigned int flags = 0) {
    (void)flags;
    *e = reinterpret_cast<event_t>(detail::events().insert(std::make_unique<event_record>()));
    return success;
}

inline error_t event_destroy(event_t e) {
    return detail::events().erase(reinterpret_cast<std::uintptr_t>(e)) ? success
                                                                       : record(error_invalid_resource_handle);
}

// cudaEventRecord: a barrier on the stream's in-order queue marks the point; its profiling end time is
// the event's timestamp.
inline error_t event_record_on(event_t e, stream_t s = nullptr) {
    event_record* r = detail::find_event(e);
    if (r == nullptr) return record(error_invalid_resource_handle);
    return checked([&] {
        r->ev = queue_of(s).ext_oneapi_submit_barrier();
        r->recorded = true;
    });
}

inline error_t event_synchronize(event_t e) {
    event_record* r = detail::find_event(e);
    if (r == nullptr) return record(error_invalid_resource_handle);
    return checked([&] { r->ev.wait_and_throw(); }, error_launch_failure);
}

inline error_t event_query(event_t e) {
    event_record* r = detail::find_event(e);
    if (r == nullptr) return record(error_invalid_resource_handle);
    if (!r->recorded) return success;
    auto status = r->ev.get_info<sycl::info::event::command_execution_status>();
    return status == sycl::info::event_command_status::complete ? success : error_not_ready;
}

inline error_t event_elapsed_time(float* ms, event_t start, event_t end) {
    event_record* a = detail::find_event(start);
    event_record* b = detail::find_event(end);
    if (a == nullptr || b == nullptr || !a->recorded || !b->recorded) return record(error_invalid_resource_handle);
    return checked([&] {
        a->ev.wait();
        b->ev.wait();
        auto t0 = a->ev.get_profiling_info<sycl::info::event_profiling::command_end>();
        auto t1 = b->ev.get_profiling_info<sycl::info::event_profiling::command_end>();
        *ms = elapsed_ms(t0, t1);
    }, error_not_ready);
}

// cudaStreamWaitEvent: later work on `s` waits for the event.
inline error_t stream_wait_event(stream_t s, event_t e, unsigned int flags = 0) {
    (void)flags;
    event_record* r = detail::find_event(e);
    if (r == nullptr) return record(error_invalid_resource_handle);
    if (!r->recorded) return success;
    return checked([&] { queue_of(s).ext_oneapi_submit_barrier({r->ev}); });
}

// ---- memory ------------------------------------------------------------------------------------------------
template <class T>
error_t malloc_device(T** ptr, std::size_t bytes) {
    void* p = sycl::malloc_device(bytes, default_queue());
    *ptr = static_cast<T*>(p);
    return p != nullptr || bytes == 0 ? success : record(error_memory_allocation);
}

template <class T>
error_t malloc_host(T** ptr, std::size_t bytes, unsigned int flags = 0) {
    (void)flags;  // pinned, portable, mapped: every USM host allocation is all of these
    void* p = sycl::malloc_host(bytes, default_queue());
    *ptr = static_cast<T*>(p);
    return p != nullptr || bytes == 0 ? success : record(error_memory_allocation);
}

template <class T>
error_t malloc_shared(T** ptr, std::size_t bytes, unsigned int flags = 0) {
    (void)flags;
    void* p = sycl::malloc_shared(bytes, default_queue());
    *ptr = static_cast<T*>(p);
    return p != nullptr || bytes == 0 ? success : record(error_memory_allocation);
}

// cudaMallocPitch: rows padded to the device's base address alignment (at least 256 bytes, as CUDA).
template <class T>
error_t malloc_pitch(T** ptr, std::size_t* pitch, std::size_t width_bytes, std::size_t height) {
    std::size_t align = default_queue().get_device().get_info<sycl::info::device::mem_base_addr_align>() / 8;
    *pitch = pitch_for(width_bytes, align < 256 ? 256 : align);
    return malloc_device(ptr, *pitch * height);
}

inline error_t free(void* ptr) {
    if (ptr == nullptr) return success;
    return checked([&] { sycl::free(ptr, default_queue()); }, error_invalid_device_pointer);
}

// ---- stream-ordered allocation (cudaMallocAsync) -----------------------------------------------------------
// SYCL 2020 has no memory pools. Allocation happens at once (usable no later than CUDA would make it), and a
// free waits for the stream's earlier work, then frees: both stronger orderings than CUDA's, never weaker.
// Each device's one pool is its default pool; its attributes (release threshold, reuse) are hints, accepted.
using mem_pool_t = handles::mem_pool_handle*;
enum mem_pool_attr : int {
    mem_pool_reuse_follow_event_dependencies = 1, mem_pool_reuse_allow_opportunistic = 2,
    mem_pool_reuse_allow_internal_dependencies = 3, mem_pool_attr_release_threshold = 4,
};

inline error_t device_get_default_mem_pool(mem_pool_t* pool, int device) {
    if (device < 0 || device >= static_cast<int>(detail::rt().devices.size())) return record(error_invalid_device);
    *pool = reinterpret_cast<mem_pool_t>(static_cast<std::uintptr_t>(device) + 1);
    return success;
}

inline error_t mem_pool_set_attribute(mem_pool_t pool, mem_pool_attr attr, void* value) {
    return pool != nullptr && value != nullptr && attr >= 1 && attr <= 4 ? success : record(error_invalid_value);
}

template <class T, class S>
error_t malloc_async(T** ptr, std::size_t bytes, S stream) {
    (void)stream;
    return malloc_device(ptr, bytes);
}

template <class T, class S>
error_t malloc_async(T** ptr, std::size_t bytes, mem_pool_t pool, S stream) {  // cudaMallocFromPoolAsync's shape
    return pool == nullptr ? record(error_invalid_value) : malloc_async(ptr, bytes, stream);
}

template <class S>
error_t free_async(void* ptr, S stream) {
    error_t e = checked([&] { queue_of(stream).wait_and_throw(); }, error_launch_failure);
    return e != success ? e : free(ptr);
}

inline error_t mem_get_info(std::size_t* free_bytes, std::size_t* total_bytes) {
    const sycl::device& d = default_queue().get_device();
    *total_bytes = d.get_info<sycl::info::device::global_mem_size>();
    *free_bytes = *total_bytes;  // SYCL 2020 has no free-memory query; report the total
    return success;
}

// The copy direction is implied by the USM pointers, so `kind` is accepted and ignored.
enum memcpy_kind : int {
    host_to_host = 0,
    host_to_device = 1,
    device_to_host = 2,
    device_to_device = 3,
    default_direction = 4,
};

inline error_t memcpy(void* dst, const void* src, std::size_t bytes) {
    return checked([&] { default_queue().memcpy(dst, src, bytes).wait_and_throw(); }, error_invalid_value);
}

inline error_t memcpy_async(void* dst, const void* src, std::size_t bytes, memcpy_kind kind = default_direction,
                            stream_t s = nullptr) {
    (void)kind;
    return checked([&] { queue_of(s).memcpy(dst, src, bytes); }, error_invalid_value);
}

inline error_t memset(void* dst, int value, std::size_t bytes) {
    return checked([&] { default_queue().memset(dst, value, bytes).wait_and_throw(); }, error_invalid_value);
}

inline error_t memset_async(void* dst, int value, std::size_t bytes, stream_t s = nullptr) {
    return checked([&] { queue_of(s).memset(dst, value, bytes); }, error_invalid_value);
}

// cudaMemcpy2D: `height` rows of `width` bytes between two pitched buffers.
inline error_t memcpy_2d_async(void* dst, std::size_t dpitch, const void* src, std::size_t spitch,
                               std::size_t width, std::size_t height, memcpy_kind kind = default_direction,
                               stream_t s = nullptr) {
    (void)kind;
    error_t e = check_copy_2d(dpitch, spitch, width, height);
    if (e != success) return record(e);
    return checked([&] { queue_of(s).ext_oneapi_memcpy2d(dst, dpitch, src, spitch, width, height); },
                   error_invalid_value);
}

inline error_t memcpy_2d(void* dst, std::size_t dpitch, const void* src, std::size_t spitch, std::size_t width,
                         std::size_t height) {
    error_t e = memcpy_2d_async(dst, dpitch, src, spitch, width, height);
    return e != success ? e : checked([] { default_queue().wait_and_throw(); }, error_invalid_value);
}

// ---- vector types SYCL 2020 has no alias for --------------------------------------------------------------
// CUDA's longlongN holds `long long`, a type distinct from longN's `long` even where both are 64-bit; sycl::longN
// is vec<int64_t>, so mapping both to it merges two types (overloads, specialisations). One name each also
// keeps the type usable as a macro argument, where `vec<long long, 2>` would split at the comma.
using longlong2 = sycl::vec<long long, 2>;
using longlong3 = sycl::vec<long long, 3>;
using longlong4 = sycl::vec<long long, 4>;
using ulonglong2 = sycl::vec<unsigned long long, 2>;
using ulonglong3 = sycl::vec<unsigned long long, 3>;
using ulonglong4 = sycl::vec<unsigned long long, 4>;

// ---- symbols (__device__ / __constant__ variables become device_global) ------------------------------------
template <class T>
using device_global = sycl::ext::oneapi::experimental::device_global<T>;

template <class T>
error_t memcpy_to_symbol(device_global<T>& symbol, const void* src, std::size_t bytes = sizeof(T),
                         std::size_t offset = 0, memcpy_kind kind = host_to_device) {
    (void)kind;
    if (offset + bytes > sizeof(T)) return record(error_invalid_value);
    return checked([&] { default_queue().memcpy(symbol, src, bytes, offset).wait_and_throw(); },
                   error_invalid_symbol);
}

template <class T>
error_t memcpy_from_symbol(void* dst, const device_global<T>& symbol, std::size_t bytes = sizeof(T),
                           std::size_t offset = 0, memcpy_kind kind = device_to_host) {
    (void)kind;
    if (offset + bytes > sizeof(T)) return record(error_invalid_value);
    return checked([&] { default_queue().memcpy(dst, symbol, bytes, offset).wait_and_throw(); },
                   error_invalid_symbol);
}

// cudaGetSymbolAddress: the device address of a device_global, read back by a one-item kernel. The symbol
// is a template argument so that the kernel names the global itself (kernels cannot capture references).
template <auto& Symbol, class P>
error_t get_symbol_address(P** ptr) {
    return checked([&] {
        sycl::queue& q = default_queue();
        void** slot = sycl::malloc_shared<void*>(1, q);
        q.single_task([=] { *slot = static_cast<void*>(&Symbol.get()); }).wait_and_throw();
        *ptr = static_cast<P*>(*slot);
        sycl::free(slot, q);
    }, error_invalid_symbol);
}

// ---- kernel launches -----------------------------------------------------------------------------------
// <<<grid, block>>> as an nd_range: global size grid*block, local size block, both reversed (x last).
inline sycl::nd_range<3> nd_range(dim3 grid, dim3 block) {
    auto g = global_size(grid, block);
    auto b = reversed(block);
    return sycl::nd_range<3>(sycl::range<3>(g[0], g[1], g[2]), sycl::range<3>(b[0], b[1], b[2]));
}

// A launch through a kernel pointer (`void (*k)(float*, int) = &scale; k<<<grid, block>>>(p, n);`): a translated
// kernel takes the nd_item and its local memory, which no host pointer can pass, so each kernel used as a value
// gets a host launcher taking this configuration first, and the pointer points to the launcher.
struct launch_config {
    dim3 grid, block;
    std::size_t shared_bytes;
    stream_t stream;
    launch_config(dim3 g, dim3 b, std::size_t shmem = 0, stream_t s = nullptr)
        : grid(g), block(b), shared_bytes(shmem), stream(s) {}
    launch_config(dim3 g, dim3 b, std::size_t shmem, int null_stream)  // a literal 0 written as the stream
        : grid(g), block(b), shared_bytes(shmem), stream(nullptr) { (void)null_stream; }
    sycl::queue& queue() const { return queue_of(stream); }
    sycl::nd_range<3> range() const { return nd_range(grid, block); }
};

// The typed start of a dynamic (extern __shared__) local allocation.
template <class T>
T* local_ptr(const sycl::local_accessor<std::byte, 1>& acc) {
    return reinterpret_cast<T*>(acc.get_multi_ptr<sycl::access::decorated::no>().get());
}

// ---- device-side helpers -----------------------------------------------------------------------------------
// atomic_ref factories for CUDA's atomics: relaxed order (as CUDA's), scope from the _block/_system
// suffix, address space from where the object lives.
template <sycl::memory_scope Scope = sycl::memory_scope::device, class T>
auto atomic_global(T& obj) {
    return sycl::atomic_ref<T, sycl::memory_order::relaxed, Scope, sycl::access::address_space::global_space>(obj);
}
template <sycl::memory_scope Scope = sycl::memory_scope::work_group, class T>
auto atomic_local(T& obj) {
    return sycl::atomic_ref<T, sycl::memory_order::relaxed, Scope, sycl::access::address_space::local_space>(obj);
}
template <sycl::memory_scope Scope = sycl::memory_scope::device, class T>
auto atomic_generic(T& obj) {
    return sycl::atomic_ref<T, sycl::memory_order::relaxed, Scope, sycl::access::address_space::generic_space>(
        obj);
}

// atomicCAS returns the old value whether or not it swapped.
template <class Ref, class C, class V>
typename Ref::value_type atomic_compare_exchange(Ref ref, C compare, V value) {
    typename Ref::value_type expected = compare;
    ref.compare_exchange_strong(expected, static_cast<typename Ref::value_type>(value));
    return expected;
}

// atomicInc: old >= limit ? 0 : old + 1.  atomicDec: (old == 0 || old > limit) ? limit : old - 1.
template <class Ref, class L>
typename Ref::value_type atomic_inc(Ref ref, L limit_arg) {
    using T = typename Ref::value_type;
    T limit = static_cast<T>(limit_arg);
    T old = ref.load();
    while (!ref.compare_exchange_weak(old, old >= limit ? T(0) : T(old + 1))) {
    }
    return old;
}
template <class Ref, class L>
typename Ref::value_type atomic_dec(Ref ref, L limit_arg) {
    using T = typename Ref::value_type;
    T limit = static_cast<T>(limit_arg);
    T old = ref.load();
    while (!ref.compare_exchange_weak(old, (old == 0 || old > limit) ? limit : T(old - 1))) {
    }
    return old;
}

// Warp shuffles on a sub-group of 32. SYCL leaves lanes shifted in from outside the sub-group
// unspecified; CUDA returns the caller's own value there, which these keep.
template <class T>
T shuffle_up(const sycl::sub_group& sg, T value, unsigned int delta) {
    T moved = sycl::shift_group_right(sg, value, delta);
    return sg.get_local_linear_id() >= delta ? moved : value;
}
template <class T>
T shuffle_down(const sycl::sub_group& sg, T value, unsigned int delta) {
    T moved = sycl::shift_group_left(sg, value, delta);
    return sg.get_local_linear_id() + delta < sg.get_local_linear_range() ? moved : value;
}
template <class T>
T shuffle(const sycl::sub_group& sg, T value, int src_lane) {
    return sycl::select_from_group(sg, value, static_cast<unsigned int>(src_lane) % sg.get_local_linear_range());
}

// The same with CUDA's width argument: lanes form segments of `width` (a power of two up to the warp size);
// a source lane outside the caller's segment yields the caller's own value, as in CUDA. Every lane takes part
// in the group operation, so the call stays in converged control flow.
template <class T>
T shuffle_up(const sycl::sub_group& sg, T value, unsigned int delta, int width) {
    T moved = sycl::shift_group_right(sg, value, delta);
    return sg.get_local_linear_id() % static_cast<unsigned int>(width) >= delta ? moved : value;
}
template <class T>
T shuffle_down(const sycl::sub_group& sg, T value, unsigned int delta, int width) {
    T moved = sycl::shift_group_left(sg, value, delta);
    return sg.get_local_linear_id() % static_cast<unsigned int>(width) + delta < static_cast<unsigned int>(width)
               ? moved : value;
}
template <class T>
T shuffle(const sycl::sub_group& sg, T value, int src_lane, int width) {
    unsigned int w = static_cast<unsigned int>(width), lane = sg.get_local_linear_id();
    unsigned int src = lane / w * w + static_cast<unsigned int>(src_lane) % w;
    return sycl::select_from_group(sg, value, src % sg.get_local_linear_range());
}
template <class T>
T shuffle_xor(const sycl::sub_group& sg, T value, unsigned int lane_mask, int width) {
    unsigned int w = static_cast<unsigned int>(width), lane = sg.get_local_linear_id();
    unsigned int src = lane ^ lane_mask;
    T moved = sycl::select_from_group(sg, value, src % sg.get_local_linear_range());
    return src < (lane / w + 1) * w ? moved : value;
}

// __ballot_sync: bit i set when lane i's predicate holds (sub-groups of at most 32 lanes).
inline unsigned int ballot(const sycl::sub_group& sg, bool predicate) {
    unsigned int bit = predicate ? (1u << sg.get_local_linear_id()) : 0u;
    return sycl::reduce_over_group(sg, bit, sycl::bit_or<unsigned int>());
}

// __activemask: every lane that reaches the call.
inline unsigned int active_mask(const sycl::sub_group& sg) { return ballot(sg, true); }

}  // namespace cpsycl

#include "cudaport_sycl/vector_names.hpp"
#include "cudaport_sycl/graph.hpp"  // CUDA graphs by stream capture on oneAPI command graphs
