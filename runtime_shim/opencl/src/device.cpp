// Device selection and lifetime, error state (last/sticky), device properties and attributes, versions,
// device-wide synchronisation and reset, cache/shared-memory configuration and occupancy queries.
#include <pthread.h>
#include <strings.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "cp_internal.hpp"

namespace cp {

static thread_local cudaError_t t_last_error = cudaSuccess;
static std::atomic<int> g_sticky{cudaSuccess};

State& state() {
    static State* s = new State();  // never destroyed: safe to use from atexit handlers and static dtors
    return *s;
}

cudaError_t fail(cudaError_t e) {
    if (e != cudaSuccess && e != cudaErrorNotReady) t_last_error = e;
    return e;
}

void set_sticky(cudaError_t e) {
    g_sticky.store(e);
    t_last_error = e;
}

cudaError_t from_cl(cl_int err) {
    switch (err) {
    case CL_SUCCESS: return cudaSuccess;
    case CL_MEM_OBJECT_ALLOCATION_FAILURE:
    case CL_OUT_OF_HOST_MEMORY: return cudaErrorMemoryAllocation;
    case CL_OUT_OF_RESOURCES: return cudaErrorLaunchOutOfResources;
    case CL_INVALID_WORK_GROUP_SIZE:
    case CL_INVALID_WORK_ITEM_SIZE:
    case CL_INVALID_GLOBAL_WORK_SIZE:
    case CL_INVALID_WORK_DIMENSION: return cudaErrorInvalidConfiguration;
    case CL_INVALID_KERNEL_NAME: return cudaErrorInvalidDeviceFunction;
    case CL_BUILD_PROGRAM_FAILURE:
    case CL_INVALID_PROGRAM:
    case CL_INVALID_PROGRAM_EXECUTABLE: return cudaErrorInvalidSource;
    case CL_INVALID_COMMAND_QUEUE: return cudaErrorInvalidResourceHandle;
    case CL_INVALID_MEM_OBJECT: return cudaErrorInvalidDevicePointer;
    case CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST: return cudaErrorLaunchFailure;
    default: return cudaErrorInvalidValue;
    }
}

static std::string device_string(cl_device_id d, cl_device_info what) {
    size_t n = 0;
    if (clGetDeviceInfo(d, what, 0, nullptr, &n) != CL_SUCCESS || n == 0) return "";
    std::string s(n, '\0');
    clGetDeviceInfo(d, what, n, &s[0], nullptr);
    s.resize(strlen(s.c_str()));
    return s;
}

static std::string platform_string(cl_platform_id p, cl_platform_info what = CL_PLATFORM_NAME) {
    size_t n = 0;
    if (clGetPlatformInfo(p, what, 0, nullptr, &n) != CL_SUCCESS || n == 0) return "";
    std::string s(n, '\0');
    clGetPlatformInfo(p, what, n, &s[0], nullptr);
    s.resize(strlen(s.c_str()));
    return s;
}

static std::string lower(std::string s) {
    for (char& c : s) c = (char)std::tolower((unsigned char)c);
    return s;
}

template <class T>
static T dev_info(cl_device_id d, cl_device_info what, T fallback) {
    T v{};
    return clGetDeviceInfo(d, what, sizeof(T), &v, nullptr) == CL_SUCCESS ? v : fallback;
}

static bool env_is_zero(const char* name) {
    const char* v = getenv(name);
    return v && (strcmp(v, "0") == 0 || strcasecmp(v, "false") == 0 || strcasecmp(v, "off") == 0);
}

// CPU OpenCL drivers (PoCL) run a whole work-group on one worker thread, so each work-item's private arrays
// share that thread's stack: a CUDA kernel with a 32 KB local array per thread (valid CUDA, whose per-thread
// local memory is spilled to device memory) needs 8 MB per 256-item group and overflows glibc's default.
// Before the driver starts its threads, the default stack of new threads is raised to
// CUDAPORT_OPENCL_STACK_MB (default 256; address space only, pages are committed as they are touched).
static void raise_thread_stack() {
#if defined(__GLIBC__)
    const char* mb_env = getenv("CUDAPORT_OPENCL_STACK_MB");
    long mb = mb_env ? strtol(mb_env, nullptr, 10) : 256;
    if (mb <= 0) return;
    pthread_attr_t attr;
    if (pthread_getattr_default_np(&attr) != 0) return;
    size_t current = 0;
    pthread_attr_getstacksize(&attr, &current);
    size_t want = static_cast<size_t>(mb) << 20;
    if (current < want && pthread_attr_setstacksize(&attr, want) == 0) pthread_setattr_default_np(&attr);
    pthread_attr_destroy(&attr);
#endif
}

// Picks the device: CUDAPORT_OPENCL_DEVICE as a case-insensitive substring of the platform's name, vendor or
// version or the device's name (PoCL's platform is "Portable Computing Language", its version names "PoCL"),
// else the first GPU, else the first CPU, else anything.
static cudaError_t choose_device(State& g) {
    const char* want = getenv("CUDAPORT_OPENCL_DEVICE");
    std::string needle = want ? lower(want) : "";
    raise_thread_stack();
    cl_uint np = 0;
    if (clGetPlatformIDs(0, nullptr, &np) != CL_SUCCESS) np = 0;
    std::vector<cl_platform_id> plats(np);
    if (np) clGetPlatformIDs(np, plats.data(), nullptr);
    cl_platform_id best_p = nullptr;
    cl_device_id best_d = nullptr;
    int best_rank = 99;
    for (cl_platform_id p : plats) {
        cl_uint nd = 0;
        if (clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, nullptr, &nd) != CL_SUCCESS || nd == 0) continue;
        std::vector<cl_device_id> devs(nd);
        clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, nd, devs.data(), nullptr);
        for (cl_device_id d : devs) {
            std::string full = platform_string(p) + " / " + platform_string(p, CL_PLATFORM_VENDOR) + " / " +
                               platform_string(p, CL_PLATFORM_VERSION) + " / " + device_string(d, CL_DEVICE_NAME);
            if (!needle.empty() && lower(full).find(needle) == std::string::npos) continue;
            cl_device_type t = dev_info<cl_device_type>(d, CL_DEVICE_TYPE, 0);
            int rank = (t & CL_DEVICE_TYPE_GPU) ? 0 : (t & CL_DEVICE_TYPE_CPU) ? 1 : 2;
            if (rank < best_rank) {
                best_rank = rank;
                best_p = p;
                best_d = d;
            }
        }
    }
    if (!best_d) {
        if (want)
            fprintf(stderr,
                    "cudaport: no OpenCL device found (install PoCL: apt-get install pocl-opencl-icd; "
                    "CUDAPORT_OPENCL_DEVICE='%s' matched no platform name, vendor or version or device name)\n", want);
        else
            fprintf(stderr, "cudaport: no OpenCL device found (install PoCL: apt-get install "
                            "ocl-icd-libopencl1 pocl-opencl-icd)\n");
        return cudaErrorNoDevice;
    }
    g.platform = best_p;
    g.device = best_d;
    return cudaSuccess;
}

static void query_info(State& g) {
    DeviceInfo& i = g.info;
    cl_device_id d = g.device;
    i.name = device_string(d, CL_DEVICE_NAME);
    i.platform = platform_string(g.platform);
    i.global_mem = (size_t)dev_info<cl_ulong>(d, CL_DEVICE_GLOBAL_MEM_SIZE, 0);
    i.local_mem = (size_t)dev_info<cl_ulong>(d, CL_DEVICE_LOCAL_MEM_SIZE, 0);
    i.const_mem = (size_t)dev_info<cl_ulong>(d, CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE, 0);
    i.max_alloc = (size_t)dev_info<cl_ulong>(d, CL_DEVICE_MAX_MEM_ALLOC_SIZE, 0);
    i.cache = (size_t)dev_info<cl_ulong>(d, CL_DEVICE_GLOBAL_MEM_CACHE_SIZE, 0);
    i.max_wg = dev_info<size_t>(d, CL_DEVICE_MAX_WORK_GROUP_SIZE, 1);
    size_t items[3] = {1, 1, 1};
    clGetDeviceInfo(d, CL_DEVICE_MAX_WORK_ITEM_SIZES, sizeof(items), items, nullptr);
    for (int k = 0; k < 3; ++k) i.max_items[k] = std::min(items[k], i.max_wg);
    i.cus = dev_info<cl_uint>(d, CL_DEVICE_MAX_COMPUTE_UNITS, 1);
    i.clock_mhz = dev_info<cl_uint>(d, CL_DEVICE_MAX_CLOCK_FREQUENCY, 0);
    i.base_align_bits = dev_info<cl_uint>(d, CL_DEVICE_MEM_BASE_ADDR_ALIGN, 1024);
    cl_device_type t = dev_info<cl_device_type>(d, CL_DEVICE_TYPE, 0);
    i.is_gpu = (t & CL_DEVICE_TYPE_GPU) != 0;
    i.unified = dev_info<cl_bool>(d, CL_DEVICE_HOST_UNIFIED_MEMORY, CL_FALSE) || (t & CL_DEVICE_TYPE_CPU);
    // CL_DEVICE_SVM_CAPABILITIES fails on OpenCL 1.x devices (Oclgrind): no SVM then.
    cl_device_svm_capabilities caps = dev_info<cl_device_svm_capabilities>(d, CL_DEVICE_SVM_CAPABILITIES, 0);
    g.svm_coarse = (caps & CL_DEVICE_SVM_COARSE_GRAIN_BUFFER) != 0;
    g.svm_fine = (caps & CL_DEVICE_SVM_FINE_GRAIN_BUFFER) != 0;
    const char* managed = getenv("CUDAPORT_OPENCL_MANAGED");  // "coarse": test the map/unmap fallback
    if (managed && strcasecmp(managed, "coarse") == 0) g.svm_fine = false;
    g.svm = (g.svm_coarse || g.svm_fine) && !env_is_zero("CUDAPORT_OPENCL_SVM");
    if (!g.svm) g.svm_fine = g.svm_coarse = false;
}

static cl_command_queue make_queue(State& g, cl_int* err) {
    // clCreateCommandQueue (1.2 entry point) works on Oclgrind and on 2.x/3.x platforms alike.
    return clCreateCommandQueue(g.ctx, g.device, CL_QUEUE_PROFILING_ENABLE, err);
}

static cudaError_t initialize(State& g) {
    const char* v = getenv("CUDAPORT_OPENCL_VERBOSE");
    g.verbose = v && *v && strcmp(v, "0") != 0;
    cudaError_t e = choose_device(g);
    if (e != cudaSuccess) return e;
    query_info(g);
    cl_int err = CL_SUCCESS;
    cl_context_properties props[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)g.platform, 0};
    g.ctx = clCreateContext(props, 1, &g.device, nullptr, nullptr, &err);
    if (err != CL_SUCCESS) {
        fprintf(stderr, "cudaport: cannot create an OpenCL context on '%s' (error %d)\n", g.info.name.c_str(), err);
        return cudaErrorInitializationError;
    }
    g.default_stream.q = make_queue(g, &err);
    if (err != CL_SUCCESS) {
        fprintf(stderr, "cudaport: cannot create an OpenCL queue on '%s' (error %d)\n", g.info.name.c_str(), err);
        return cudaErrorInitializationError;
    }
    g.default_stream.is_default = true;
    g.next_fake = (uintptr_t)0x4000000000000000ULL;  // non-canonical: never a host address
    if (g.verbose)
        fprintf(stderr, "cudaport: OpenCL device '%s / %s', device pointers: %s%s\n", g.info.platform.c_str(),
                g.info.name.c_str(), g.svm ? "SVM" : "handle table",
                g.svm ? (g.svm_fine ? " (fine-grain available)" : " (coarse-grain only)") : "");
    return cudaSuccess;
}

cudaError_t enter(std::unique_lock<std::mutex>& lock) {
    State& g = state();
    lock = std::unique_lock<std::mutex>(g.mu);
    if (!g.initialized) {
        g.initialized = true;
        g.init_error = initialize(g);
    }
    if (g.init_error != cudaSuccess) return fail(g.init_error);
    int sticky = g_sticky.load();
    if (sticky != cudaSuccess) return fail((cudaError_t)sticky);
    return cudaSuccess;
}

cl_command_queue new_queue(cl_int* err) { return make_queue(state(), err); }

cudaError_t check_event(cl_event ev) {
    cl_int status = CL_COMPLETE;
    if (clGetEventInfo(ev, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof(status), &status, nullptr) == CL_SUCCESS &&
        status < 0) {
        set_sticky(cudaErrorLaunchFailure);
        return cudaErrorLaunchFailure;
    }
    return cudaSuccess;
}

static cudaError_t finish_queue(cl_command_queue q) {
    cl_event m = nullptr;
    cl_int err = clEnqueueMarkerWithWaitList(q, 0, nullptr, &m);
    if (err == CL_SUCCESS) err = clWaitForEvents(1, &m);
    cudaError_t e = cudaSuccess;
    if (m) {
        e = check_event(m);
        clReleaseEvent(m);
    }
    if (err == CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST) {
        set_sticky(cudaErrorLaunchFailure);
        return cudaErrorLaunchFailure;
    }
    if (err != CL_SUCCESS) return from_cl(err);
    return e;
}

cudaError_t finish_all() {
    State& g = state();
    uint64_t seen = g.default_stream.submitted;
    cudaError_t e = finish_queue(g.default_stream.q);
    g.default_stream.idle_at = seen;
    for (CUstream_st* s : g.streams) {
        seen = s->submitted;
        cudaError_t e2 = finish_queue(s->q);
        s->idle_at = seen;
        if (e == cudaSuccess) e = e2;
    }
    remap_managed();
    return e;
}

}  // namespace cp

using namespace cp;

extern "C" {

void cpSimulateDeviceFault(cudaError_t error) { set_sticky(error); }

cudaError_t cudaGetLastError(void) {
    int sticky = g_sticky.load();
    if (sticky != cudaSuccess) return (cudaError_t)sticky;  // sticky: every call keeps returning it
    cudaError_t e = t_last_error;
    t_last_error = cudaSuccess;
    return e;
}

cudaError_t cudaPeekAtLastError(void) {
    int sticky = g_sticky.load();
    return sticky != cudaSuccess ? (cudaError_t)sticky : t_last_error;
}

static const struct {
    cudaError_t code;
    const char* name;
    const char* text;
} k_errors[] = {
    {cudaSuccess, "cudaSuccess", "no error"},
    {cudaErrorInvalidValue, "cudaErrorInvalidValue", "invalid argument"},
    {cudaErrorMemoryAllocation, "cudaErrorMemoryAllocation", "out of memory"},
    {cudaErrorInitializationError, "cudaErrorInitializationError", "initialization error"},
    {cudaErrorCudartUnloading, "cudaErrorCudartUnloading", "driver shutting down"},
    {cudaErrorInvalidConfiguration, "cudaErrorInvalidConfiguration", "invalid configuration argument"},
    {cudaErrorInvalidPitchValue, "cudaErrorInvalidPitchValue", "invalid pitch argument"},
    {cudaErrorInvalidSymbol, "cudaErrorInvalidSymbol", "invalid device symbol"},
    {cudaErrorInvalidHostPointer, "cudaErrorInvalidHostPointer", "invalid host pointer"},
    {cudaErrorInvalidDevicePointer, "cudaErrorInvalidDevicePointer", "invalid device pointer"},
    {cudaErrorInvalidMemcpyDirection, "cudaErrorInvalidMemcpyDirection", "invalid copy direction for memcpy"},
    {cudaErrorInsufficientDriver, "cudaErrorInsufficientDriver", "OpenCL driver is insufficient"},
    {cudaErrorMissingConfiguration, "cudaErrorMissingConfiguration", "__global__ function call is not configured"},
    {cudaErrorInvalidDeviceFunction, "cudaErrorInvalidDeviceFunction", "invalid device function"},
    {cudaErrorNoDevice, "cudaErrorNoDevice", "no OpenCL device found"},
    {cudaErrorInvalidDevice, "cudaErrorInvalidDevice", "invalid device ordinal"},
    {cudaErrorInvalidKernelImage, "cudaErrorInvalidKernelImage", "device kernel image is invalid"},
    {cudaErrorNoKernelImageForDevice, "cudaErrorNoKernelImageForDevice", "no kernel image is available for execution on the device"},
    {cudaErrorInvalidSource, "cudaErrorInvalidSource", "device kernel source is invalid (OpenCL build failed)"},
    {cudaErrorFileNotFound, "cudaErrorFileNotFound", "file not found"},
    {cudaErrorInvalidResourceHandle, "cudaErrorInvalidResourceHandle", "invalid resource handle"},
    {cudaErrorSymbolNotFound, "cudaErrorSymbolNotFound", "named symbol not found"},
    {cudaErrorNotReady, "cudaErrorNotReady", "device not ready"},
    {cudaErrorIllegalAddress, "cudaErrorIllegalAddress", "an illegal memory access was encountered"},
    {cudaErrorLaunchOutOfResources, "cudaErrorLaunchOutOfResources", "too many resources requested for launch"},
    {cudaErrorLaunchTimeout, "cudaErrorLaunchTimeout", "the launch timed out and was terminated"},
    {cudaErrorAssert, "cudaErrorAssert", "device-side assert triggered"},
    {cudaErrorLaunchFailure, "cudaErrorLaunchFailure", "unspecified launch failure"},
    {cudaErrorNotPermitted, "cudaErrorNotPermitted", "operation not permitted"},
    {cudaErrorNotSupported, "cudaErrorNotSupported", "operation not supported"},
    {cudaErrorUnknown, "cudaErrorUnknown", "unknown error"},
};

const char* cudaGetErrorString(cudaError_t error) {
    for (const auto& e : k_errors)
        if (e.code == error) return e.text;
    return "unrecognized error code";
}

const char* cudaGetErrorName(cudaError_t error) {
    for (const auto& e : k_errors)
        if (e.code == error) return e.name;
    return "cudaErrorUnknown";
}

cudaError_t cudaGetDeviceCount(int* count) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (count) *count = (e == cudaSuccess || state().init_error == cudaSuccess) ? 1 : 0;
    return e;
}

cudaError_t cudaGetDevice(int* device) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!device) return fail(cudaErrorInvalidValue);
    *device = 0;
    return cudaSuccess;
}

cudaError_t cudaSetDevice(int device) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    return device == 0 ? cudaSuccess : fail(cudaErrorInvalidDevice);
}

cudaError_t cudaSetDeviceFlags(unsigned int) {
    std::unique_lock<std::mutex> lock;
    return enter(lock);
}

cudaError_t cudaGetDeviceProperties(cudaDeviceProp* p, int device) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!p) return fail(cudaErrorInvalidValue);
    if (device != 0) return fail(cudaErrorInvalidDevice);
    const State& g = state();
    const DeviceInfo& i = g.info;
    memset(p, 0, sizeof(*p));
    snprintf(p->name, sizeof(p->name), "%s", i.name.c_str());
    p->totalGlobalMem = i.global_mem;
    p->sharedMemPerBlock = i.local_mem;
    p->sharedMemPerBlockOptin = i.local_mem;
    p->sharedMemPerMultiprocessor = i.local_mem;
    p->regsPerBlock = 65536;
    p->regsPerMultiprocessor = 65536;
    p->warpSize = 32;
    p->memPitch = i.max_alloc;
    p->maxThreadsPerBlock = (int)std::min<size_t>(i.max_wg, 0x7fffffff);
    for (int k = 0; k < 3; ++k) p->maxThreadsDim[k] = (int)std::min<size_t>(i.max_items[k], 0x7fffffff);
    p->maxGridSize[0] = 0x7fffffff;
    p->maxGridSize[1] = 65535;
    p->maxGridSize[2] = 65535;
    p->clockRate = (int)i.clock_mhz * 1000;
    p->memoryClockRate = p->clockRate;
    p->memoryBusWidth = 64;
    p->totalConstMem = i.const_mem;
    p->major = 7;  // the compute capability the translator assumes (sm_75); see README
    p->minor = 5;
    p->textureAlignment = 512;
    p->texturePitchAlignment = 256;
    p->surfaceAlignment = 512;
    p->deviceOverlap = 1;
    p->asyncEngineCount = 1;
    p->multiProcessorCount = (int)i.cus;
    p->integrated = i.unified ? 1 : 0;
    p->canMapHostMemory = g.svm_fine ? 1 : 0;
    p->concurrentKernels = 1;
    p->unifiedAddressing = 1;
    p->l2CacheSize = (int)std::min<size_t>(i.cache, 0x7fffffff);
    p->maxThreadsPerMultiProcessor = (int)std::min<size_t>(std::max<size_t>(i.max_wg, 2048), 0x7fffffff);
    p->maxBlocksPerMultiProcessor = 32;
    p->globalL1CacheSupported = 1;
    p->localL1CacheSupported = 1;
    p->managedMemory = g.svm ? 1 : 0;
    p->concurrentManagedAccess = g.svm_fine ? 1 : 0;
    p->directManagedMemAccessFromHost = g.svm_fine ? 1 : 0;
    p->hostNativeAtomicSupported = 0;
    p->singleToDoublePrecisionPerfRatio = 2;
    p->maxTexture1D = 65536;
    p->maxTexture2D[0] = p->maxTexture2D[1] = 65536;
    p->maxTexture3D[0] = p->maxTexture3D[1] = p->maxTexture3D[2] = 2048;
    for (int k = 0; k < 16 && k < (int)i.name.size(); ++k) p->uuid.bytes[k] = i.name[k];
    return cudaSuccess;
}

cudaError_t cudaDeviceGetAttribute(int* value, cudaDeviceAttr attr, int device) {
    cudaDeviceProp p;
    cudaError_t e = cudaGetDeviceProperties(&p, device);
    if (e != cudaSuccess) return e;
    if (!value) return fail(cudaErrorInvalidValue);
    int v = 0;
    switch (attr) {
    case cudaDevAttrMaxThreadsPerBlock: v = p.maxThreadsPerBlock; break;
    case cudaDevAttrMaxBlockDimX: v = p.maxThreadsDim[0]; break;
    case cudaDevAttrMaxBlockDimY: v = p.maxThreadsDim[1]; break;
    case cudaDevAttrMaxBlockDimZ: v = p.maxThreadsDim[2]; break;
    case cudaDevAttrMaxGridDimX: v = p.maxGridSize[0]; break;
    case cudaDevAttrMaxGridDimY: v = p.maxGridSize[1]; break;
    case cudaDevAttrMaxGridDimZ: v = p.maxGridSize[2]; break;
    case cudaDevAttrMaxSharedMemoryPerBlock:
    case cudaDevAttrMaxSharedMemoryPerBlockOptin:
    case cudaDevAttrMaxSharedMemoryPerMultiprocessor:
        v = (int)std::min<size_t>(p.sharedMemPerBlock, 0x7fffffff);
        break;
    case cudaDevAttrTotalConstantMemory: v = (int)std::min<size_t>(p.totalConstMem, 0x7fffffff); break;
    case cudaDevAttrWarpSize: v = p.warpSize; break;
    case cudaDevAttrMaxPitch: v = (int)std::min<size_t>(p.memPitch, 0x7fffffff); break;
    case cudaDevAttrMaxRegistersPerBlock: v = p.regsPerBlock; break;
    case cudaDevAttrMaxRegistersPerMultiprocessor: v = p.regsPerMultiprocessor; break;
    case cudaDevAttrClockRate: v = p.clockRate; break;
    case cudaDevAttrMemoryClockRate: v = p.memoryClockRate; break;
    case cudaDevAttrGlobalMemoryBusWidth: v = p.memoryBusWidth; break;
    case cudaDevAttrTextureAlignment: v = (int)p.textureAlignment; break;
    case cudaDevAttrTexturePitchAlignment: v = (int)p.texturePitchAlignment; break;
    case cudaDevAttrGpuOverlap: v = p.deviceOverlap; break;
    case cudaDevAttrAsyncEngineCount: v = p.asyncEngineCount; break;
    case cudaDevAttrMultiProcessorCount: v = p.multiProcessorCount; break;
    case cudaDevAttrIntegrated: v = p.integrated; break;
    case cudaDevAttrCanMapHostMemory: v = p.canMapHostMemory; break;
    case cudaDevAttrConcurrentKernels: v = p.concurrentKernels; break;
    case cudaDevAttrUnifiedAddressing: v = p.unifiedAddressing; break;
    case cudaDevAttrL2CacheSize: v = p.l2CacheSize; break;
    case cudaDevAttrMaxThreadsPerMultiProcessor: v = p.maxThreadsPerMultiProcessor; break;
    case cudaDevAttrMaxBlocksPerMultiprocessor: v = p.maxBlocksPerMultiProcessor; break;
    case cudaDevAttrComputeCapabilityMajor: v = p.major; break;
    case cudaDevAttrComputeCapabilityMinor: v = p.minor; break;
    case cudaDevAttrGlobalL1CacheSupported: v = p.globalL1CacheSupported; break;
    case cudaDevAttrLocalL1CacheSupported: v = p.localL1CacheSupported; break;
    case cudaDevAttrManagedMemory: v = p.managedMemory; break;
    case cudaDevAttrConcurrentManagedAccess: v = p.concurrentManagedAccess; break;
    case cudaDevAttrMemoryPoolsSupported: v = 1; break;  // cudaMallocAsync and the default pool (mempool.cpp)
    case cudaDevAttrKernelExecTimeout:
    case cudaDevAttrComputeMode:
    case cudaDevAttrEccEnabled:
    case cudaDevAttrPciBusId:
    case cudaDevAttrPciDeviceId:
    case cudaDevAttrPciDomainId:
    case cudaDevAttrTccDriver:
    case cudaDevAttrStreamPrioritiesSupported:
    case cudaDevAttrIsMultiGpuBoard:
    case cudaDevAttrHostNativeAtomicSupported:
    case cudaDevAttrPageableMemoryAccess:
    case cudaDevAttrComputePreemptionSupported:
    case cudaDevAttrCanUseHostPointerForRegisteredMem:
    case cudaDevAttrCooperativeLaunch:
    case cudaDevAttrCooperativeMultiDeviceLaunch: v = 0; break;
    default: return fail(cudaErrorInvalidValue);
    }
    *value = v;
    return cudaSuccess;
}

cudaError_t cudaDriverGetVersion(int* v) {
    if (!v) return fail(cudaErrorInvalidValue);
    *v = CUDART_VERSION;
    return cudaSuccess;
}

cudaError_t cudaRuntimeGetVersion(int* v) {
    if (!v) return fail(cudaErrorInvalidValue);
    *v = CUDART_VERSION;
    return cudaSuccess;
}

cudaError_t cudaDeviceSynchronize(void) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    return fail(finish_all());
}

cudaError_t cudaThreadSynchronize(void) { return cudaDeviceSynchronize(); }

cudaError_t cudaDeviceReset(void) {
    State& g = state();
    std::unique_lock<std::mutex> lock(g.mu);
    if (g.initialized && g.init_error == cudaSuccess) {
        clFinish(g.default_stream.q);
        for (CUstream_st* s : g.streams) {
            clFinish(s->q);
            clReleaseCommandQueue(s->q);
            delete s;
        }
        g.streams.clear();
        release_all_memory();
        g.default_stream.submitted = g.default_stream.synced_to_default = g.default_stream.default_seen = g.default_stream.idle_at = 0;
    }
    g_sticky.store(cudaSuccess);
    t_last_error = cudaSuccess;
    return cudaSuccess;
}

cudaError_t cudaDeviceSetCacheConfig(cudaFuncCache config) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e == cudaSuccess) state().cache_config = config;
    return e;
}

cudaError_t cudaDeviceGetCacheConfig(cudaFuncCache* config) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!config) return fail(cudaErrorInvalidValue);
    *config = state().cache_config;
    return cudaSuccess;
}

cudaError_t cudaDeviceSetSharedMemConfig(cudaSharedMemConfig config) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e == cudaSuccess) state().shmem_config = config;
    return e;
}

cudaError_t cudaDeviceGetSharedMemConfig(cudaSharedMemConfig* config) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!config) return fail(cudaErrorInvalidValue);
    *config = state().shmem_config;
    return cudaSuccess;
}

cudaError_t cudaFuncSetCacheConfig(const void*, cudaFuncCache) {
    std::unique_lock<std::mutex> lock;
    return enter(lock);
}

// The device's limits, not the kernel's: the .cl is compiled at its first launch, and a kernel's own limit
// (CL_KERNEL_WORK_GROUP_SIZE) is known only then. Static __shared__ sizes are not counted (0).
cudaError_t cudaFuncGetAttributes(cudaFuncAttributes* attr, const void* func) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!attr || !func) return fail(cudaErrorInvalidValue);
    const DeviceInfo& i = state().info;
    *attr = cudaFuncAttributes{};
    attr->maxThreadsPerBlock = (int)std::min<size_t>(i.max_wg, 1024);
    attr->maxDynamicSharedSizeBytes = (int)std::min<size_t>(i.local_mem, 2147483647u);
    attr->preferredShmemCarveout = -1;
    return cudaSuccess;
}

// OpenCL has no per-kernel opt-in: a dynamic size up to the device's local memory is accepted, more is an error
// (as CUDA's for more than the device offers); the carveout is a hint with no counterpart.
cudaError_t cudaFuncSetAttribute(const void* func, cudaFuncAttribute attr, int value) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!func) return fail(cudaErrorInvalidValue);
    if (attr == cudaFuncAttributeMaxDynamicSharedMemorySize)
        return value < 0 || (size_t)value > state().info.local_mem ? fail(cudaErrorInvalidValue) : cudaSuccess;
    if (attr == cudaFuncAttributePreferredSharedMemoryCarveout)
        return value < -1 || value > 100 ? fail(cudaErrorInvalidValue) : cudaSuccess;
    return fail(cudaErrorInvalidValue);
}

cudaError_t cudaDeviceGetStreamPriorityRange(int* least, int* greatest) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (least) *least = 0;
    if (greatest) *greatest = 0;
    return cudaSuccess;
}

// Simple model: the largest multiple of 32 that the device takes (at most 1024 and the caller's limit),
// and enough blocks to give every compute unit 2048 threads.
cudaError_t cpOccupancyMaxPotentialBlockSize(int* minGridSize, int* blockSize, size_t dyn, int limit) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!minGridSize || !blockSize) return fail(cudaErrorInvalidValue);
    const DeviceInfo& i = state().info;
    if (dyn > i.local_mem) return fail(cudaErrorInvalidValue);
    size_t b = std::min<size_t>(i.max_wg, 1024);
    if (limit > 0) b = std::min<size_t>(b, (size_t)limit);
    if (b >= 32) b -= b % 32;
    *blockSize = (int)b;
    *minGridSize = (int)(i.cus * std::max<size_t>(1, 2048 / b));
    return cudaSuccess;
}

cudaError_t cpOccupancyMaxActiveBlocksPerMultiprocessor(int* numBlocks, int blockSize, size_t dyn) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!numBlocks || blockSize <= 0) return fail(cudaErrorInvalidValue);
    const DeviceInfo& i = state().info;
    if ((size_t)blockSize > i.max_wg || dyn > i.local_mem) {
        *numBlocks = 0;
        return cudaSuccess;
    }
    *numBlocks = std::max(1, 2048 / blockSize);
    return cudaSuccess;
}

cudaError_t cpGetOpenCLHandles(cudaStream_t stream, void** platform, void** device, void** context, void** queue) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    CUstream_st* s = stream_of(stream);
    if (!s) return fail(cudaErrorInvalidResourceHandle);
    State& g = state();
    if (platform) *platform = g.platform;
    if (device) *device = g.device;
    if (context) *context = g.ctx;
    if (queue) *queue = s->q;
    return cudaSuccess;
}

int cpUsesSVM(void) {
    std::unique_lock<std::mutex> lock;
    return enter(lock) == cudaSuccess && state().svm ? 1 : 0;
}

}  // extern "C"
