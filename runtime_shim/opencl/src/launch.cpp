// Programs (one per translated translation unit, built lazily from the .cl file or the embedded copy),
// kernel launch by name with CUDA grid/block semantics, and __constant__/__device__ symbol registration.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "cp_clcxx.hpp"
#include "cp_internal.hpp"

struct cpKernel {
    cl_kernel k = nullptr;
    cl_uint nargs = 0;
};

struct cpProgram {
    std::string cl_file, embedded, options;
    bool has_embedded = false;
    bool built = false;
    cudaError_t build_error = cudaSuccess;
    cl_program prog = nullptr;
    std::unordered_map<std::string, cpKernel> kernels;
    const std::string* last_name = nullptr;  // key of the last kernel launched (map nodes are stable)
    cpKernel* last = nullptr;
};

namespace cp {

static std::string exe_dir() {
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n <= 0) return "";
    buf[n] = '\0';
    char* slash = strrchr(buf, '/');
    if (!slash) return "";
    *slash = '\0';
    return buf;
}

static bool read_file(const std::string& path, std::string& out) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::ostringstream ss;
    ss << f.rdbuf();
    out = ss.str();
    return true;
}

// $CUDAPORT_KERNEL_PATH (colon-separated), then the executable's directory, then the current directory.
static bool find_source(const std::string& file, std::string& text, std::string& where) {
    if (file.empty()) return false;
    if (file[0] == '/') {
        where = file;
        return read_file(file, text);
    }
    std::vector<std::string> dirs;
    if (const char* kp = getenv("CUDAPORT_KERNEL_PATH")) {
        std::string s = kp;
        size_t start = 0;
        while (start <= s.size()) {
            size_t colon = s.find(':', start);
            if (colon == std::string::npos) colon = s.size();
            if (colon > start) dirs.push_back(s.substr(start, colon - start));
            start = colon + 1;
        }
    }
    std::string ed = exe_dir();
    if (!ed.empty()) dirs.push_back(ed);
    dirs.push_back(".");
    for (const std::string& d : dirs) {
        where = d + "/" + file;
        if (read_file(where, text)) return true;
    }
    return false;
}

static cudaError_t build(cpProgram* p) {
    if (p->built) return p->build_error;
    p->built = true;
    State& g = state();
    std::string source, where;
    if (!find_source(p->cl_file, source, where)) {
        if (!p->has_embedded) {
            fprintf(stderr, "cudaport: kernel file '%s' not found (searched $CUDAPORT_KERNEL_PATH, the executable's "
                            "directory, the current directory) and no embedded copy\n", p->cl_file.c_str());
            return p->build_error = cudaErrorInvalidSource;
        }
        source = p->embedded;
        where = "embedded copy of " + p->cl_file;
    }
    std::string options = (g.svm ? std::string() : std::string("-DCUDAPORT_NO_SVM=1 ")) + p->options;
    // PoCL 3.1's optimiser skips the code after a barrier that a loop reaches after a `continue`: programs the
    // translator marks CP_POCL_NO_OPT (poclopt.py) are built without optimisation, only on PoCL. (Warp-emulation
    // programs were too, until their nondeterminism turned out to be __local arrays passed to static device
    // functions, which PoCL shared between work-groups; the translator now emits those functions external.)
    if (g.info.platform.find("Portable Computing Language") != std::string::npos &&
        source.find("CP_POCL_NO_OPT") != std::string::npos)
        options += " -cl-opt-disable";
    if (const char* extra = getenv("CUDAPORT_OPENCL_BUILD_OPTIONS")) {  // the user's own, appended last
        options += " ";
        options += extra;
    }
    if (g.verbose)
        fprintf(stderr, "cudaport: building '%s' from %s with options '%s'\n", p->cl_file.c_str(), where.c_str(),
                options.c_str());
    cl_int err = CL_SUCCESS;
    std::string log;
    if (is_cxx_program(source)) {
        // C++ for OpenCL: compiled offline to SPIR, then built by the device as a binary (cp_clcxx.hpp)
        cl_uint bits = 64;
        clGetDeviceInfo(g.device, CL_DEVICE_ADDRESS_BITS, sizeof(bits), &bits, nullptr);
        std::string binary;
        if (!compile_cxx_to_spir(p->cl_file, source, options, bits, binary, log)) {
            fprintf(stderr, "cudaport: OpenCL build of '%s' (%s, C++ for OpenCL compiled offline to SPIR) failed, "
                            "options '%s'; compiler output:\n%s\n", p->cl_file.c_str(), where.c_str(),
                    options.c_str(), log.c_str());
            return p->build_error = cudaErrorInvalidSource;
        }
        const unsigned char* bin = (const unsigned char*)binary.data();
        size_t blen = binary.size();
        cl_int status = CL_SUCCESS;
        p->prog = clCreateProgramWithBinary(g.ctx, 1, &g.device, &blen, &bin, &status, &err);
        options = "-x spir -spir-std=1.2" + std::string(options.find("-cl-opt-disable") != std::string::npos
                                                            ? " -cl-opt-disable" : "");
        log.clear();
    } else {
        const char* src = source.c_str();
        size_t len = source.size();
        p->prog = clCreateProgramWithSource(g.ctx, 1, &src, &len, &err);
    }
    if (err == CL_SUCCESS) err = clBuildProgram(p->prog, 1, &g.device, options.c_str(), nullptr, nullptr);
    if (err != CL_SUCCESS) {
        size_t n = 0;
        if (p->prog && clGetProgramBuildInfo(p->prog, g.device, CL_PROGRAM_BUILD_LOG, 0, nullptr, &n) == CL_SUCCESS &&
            n > 1) {
            log.resize(n);
            clGetProgramBuildInfo(p->prog, g.device, CL_PROGRAM_BUILD_LOG, n, &log[0], nullptr);
            log.resize(strlen(log.c_str()));
        }
        fprintf(stderr, "cudaport: OpenCL build of '%s' (%s) failed on '%s' with error %d, options '%s'; build log:\n%s\n",
                p->cl_file.c_str(), where.c_str(), g.info.name.c_str(), err, options.c_str(), log.c_str());
        return p->build_error = cudaErrorInvalidSource;
    }
    return cudaSuccess;
}

static cudaError_t kernel(cpProgram* p, const char* name, cpKernel** out) {
    if (p->last_name && strcmp(p->last_name->c_str(), name) == 0) {
        *out = p->last;
        return cudaSuccess;
    }
    auto it = p->kernels.find(name);
    if (it == p->kernels.end()) {
        cl_int err = CL_SUCCESS;
        cl_kernel k = clCreateKernel(p->prog, name, &err);
        if (err != CL_SUCCESS) {
            fprintf(stderr, "cudaport: kernel '%s' not found in '%s' (error %d)\n", name, p->cl_file.c_str(), err);
            return cudaErrorInvalidDeviceFunction;
        }
        cpKernel entry;
        entry.k = k;
        clGetKernelInfo(k, CL_KERNEL_NUM_ARGS, sizeof(cl_uint), &entry.nargs, nullptr);
        it = p->kernels.emplace(name, entry).first;
    }
    p->last_name = &it->first;
    p->last = &it->second;
    *out = p->last;
    return cudaSuccess;
}

// Sets a device pointer argument: the SVM pointer itself, or (handle table) the cl_mem and a ulong offset.
static cudaError_t set_pointer(cl_kernel k, cl_uint& idx, const void* ptr) {
    State& g = state();
    cl_int err;
    if (g.svm) {
        err = ptr ? clSetKernelArgSVMPointer(k, idx, ptr) : clSetKernelArg(k, idx, sizeof(cl_mem), nullptr);
        ++idx;
        return err == CL_SUCCESS ? cudaSuccess : cudaErrorInvalidDevicePointer;
    }
    cl_mem mem = nullptr;
    cl_ulong off = 0;
    if (ptr) {
        Where w = locate(ptr);
        if (!w.a || !w.a->mem) return cudaErrorInvalidDevicePointer;
        mem = w.a->mem;
        off = w.off;
    }
    err = clSetKernelArg(k, idx++, sizeof(cl_mem), mem ? &mem : nullptr);
    if (err == CL_SUCCESS) err = clSetKernelArg(k, idx++, sizeof(cl_ulong), &off);
    return err == CL_SUCCESS ? cudaSuccess : cudaErrorInvalidDevicePointer;
}

static cudaError_t launch(cpProgram* p, const char* name, dim3 grid, dim3 block, size_t dyn, cudaStream_t stream,
                          const cpKernelArg* args, int nargs) {
    State& g = state();
    if (!p || !name || nargs < 0 || (nargs > 0 && !args)) return cudaErrorInvalidValue;
    CUstream_st* s = stream_of(stream);
    if (!s) return cudaErrorInvalidResourceHandle;
    const DeviceInfo& info = g.info;
    size_t threads = (size_t)block.x * block.y * block.z;
    if (grid.x == 0 || grid.y == 0 || grid.z == 0 || threads == 0 || threads > info.max_wg ||
        block.x > info.max_items[0] || block.y > info.max_items[1] || block.z > info.max_items[2] ||
        grid.y > 65535 || grid.z > 65535)
        return cudaErrorInvalidConfiguration;
    if (dyn > info.local_mem) return cudaErrorInvalidValue;
    cudaError_t e = build(p);
    if (e != cudaSuccess) return e;
    cpKernel* kr = nullptr;
    e = kernel(p, name, &kr);
    if (e != cudaSuccess) return e;
    cl_kernel k = kr->k;
    cl_uint idx = 0;
    for (int a = 0; a < nargs; ++a) {
        const cpKernelArg& arg = args[a];
        if (idx >= kr->nargs) {
            idx += 1;
            break;
        }
        cl_int err = CL_SUCCESS;
        switch (arg.kind) {
        case CP_ARG_VALUE:
            err = clSetKernelArg(k, idx++, arg.size, arg.value);
            if (err != CL_SUCCESS) {
                fprintf(stderr, "cudaport: kernel '%s': argument %d (%zu bytes by value) rejected (error %d)\n",
                        name, a, arg.size, err);
                return cudaErrorInvalidValue;
            }
            break;
        case CP_ARG_DEVPTR:
            e = set_pointer(k, idx, arg.value ? *(void* const*)arg.value : nullptr);
            if (e != cudaSuccess) return e;
            break;
        case CP_ARG_LOCAL: {
            size_t bytes = arg.size ? arg.size : dyn;
            err = clSetKernelArg(k, idx++, bytes ? bytes : 1, nullptr);  // OpenCL rejects 0-byte __local
            if (err != CL_SUCCESS) return cudaErrorInvalidValue;
            break;
        }
        case CP_ARG_SYMBOL: {
            void* dev = nullptr;
            e = symbol_address(arg.value, &dev, nullptr);
            if (e != cudaSuccess) return e;
            e = set_pointer(k, idx, dev);
            if (e != cudaSuccess) return e;
            break;
        }
        default: return cudaErrorInvalidValue;
        }
    }
    if (idx != kr->nargs) {
        fprintf(stderr, "cudaport: kernel '%s' in '%s' takes %u OpenCL arguments, the launch supplies %s%u "
                        "(device pointers count twice on the handle-table path)\n",
                name, p->cl_file.c_str(), kr->nargs, idx > kr->nargs ? "more than " : "", idx);
        return cudaErrorInvalidValue;
    }
    size_t gws[3] = {(size_t)grid.x * block.x, (size_t)grid.y * block.y, (size_t)grid.z * block.z};
    size_t lws[3] = {block.x, block.y, block.z};
    cl_uint dims = gws[2] > 1 ? 3 : gws[1] > 1 ? 2 : 1;
    order_before_enqueue(s);
    unmap_managed(s->q);
    cl_int err = clEnqueueNDRangeKernel(s->q, k, dims, nullptr, gws, lws, 0, nullptr, nullptr);
    note_enqueued(s);
    return from_cl(err);
}

}  // namespace cp

using namespace cp;

extern "C" {

cpProgram* cpRegisterProgram(const char* cl_file, const char* embedded_source, const char* build_options) {
    // May run from static initialisers: touches no OpenCL state.
    cpProgram* p = new cpProgram();
    p->cl_file = cl_file ? cl_file : "";
    p->has_embedded = embedded_source != nullptr;
    p->embedded = embedded_source ? embedded_source : "";
    p->options = build_options ? build_options : "";
    return p;
}

void cpRegisterSymbol(const void* host_symbol, size_t size, const char* name) {
    State& g = state();
    std::lock_guard<std::mutex> lock(g.mu);
    Symbol& sym = g.symbols[host_symbol];
    sym.size = size;
    sym.name = name ? name : "";
}

cudaError_t cpBuildProgram(cpProgram* prog) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    return build(prog);
}

cudaError_t cpLaunchKernel(cpProgram* prog, const char* kernel_name, dim3 grid, dim3 block, size_t dyn_shmem,
                           cudaStream_t stream, const cpKernelArg* args, int nargs) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    return fail(launch(prog, kernel_name, grid, block, dyn_shmem, stream, args, nargs));
}

}  // extern "C"
