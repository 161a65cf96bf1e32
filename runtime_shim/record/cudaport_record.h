/* cudaport record layer: records every kernel launch of a CUDA program (configuration, scalar arguments, and the
 * full contents of each device allocation an argument points into, before and after the launch) into an archive
 * directory: manifest.json + one .npy file per (launch, allocation, before|after). `zip -0 -j A.npz DIR/...` of
 * that directory is a valid .npz; `cudaport test CASE --replay DIR` replays it on a translated kernel.
 *
 * Uses only the CUDA runtime API (cudaMemcpy, cudaDeviceSynchronize), so the same header works compiled by nvcc on
 * a CUDA machine and, after `cudaport translate`, on the cudaport OpenCL shim.
 * Low-level API (what the difftest harness calls):
 *   cprec_open(dir)  cprec_track(dev_ptr, bytes, name, elem_type)  cprec_begin(kernel, grid, block, shmem)
 *   cprec_ptr(arg, type)  cprec_value(&arg, sizeof arg, type)  cprec_before()  <launch>  cprec_after()  cprec_close()
 * With nvcc (__CUDACC__): CUDAPORT_RECORD_LAUNCH(kernel, grid, block, shmem, stream, args...) does all of it, and
 * cudaMalloc is wrapped so that allocations are tracked automatically. Directory: $CUDAPORT_RECORD_DIR or
 * "cudaport-record". */
#ifndef CUDAPORT_RECORD_H
#define CUDAPORT_RECORD_H

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

struct cprec_alloc_t { const void* ptr; size_t bytes; std::string name, type; };
struct cprec_arg_t { int is_ptr; int alloc; size_t offset; std::string type; std::vector<unsigned char> bytes; };

static std::vector<cprec_alloc_t> cprec_allocs;
static std::vector<cprec_arg_t> cprec_args;
static std::string cprec_dir_path, cprec_kernel, cprec_launches;
static unsigned int cprec_cfg[7];
static int cprec_nlaunch = 0, cprec_is_open = 0;

static void cprec_close(void);

static void cprec_open(const char* dir) {
    if (cprec_is_open) return;
    const char* env = getenv("CUDAPORT_RECORD_DIR");
    cprec_dir_path = dir ? dir : (env ? env : "cudaport-record");
    std::string cmd = "mkdir -p '" + cprec_dir_path + "'";
    if (system(cmd.c_str()) != 0) fprintf(stderr, "cudaport-record: cannot create %s\n", cprec_dir_path.c_str());
    cprec_is_open = 1;
    atexit(cprec_close);
}

static void cprec_track(const void* ptr, size_t bytes, const char* name, const char* elem_type) {
    cprec_alloc_t a = {ptr, bytes, name ? name : "", elem_type ? elem_type : "unsigned char"};
    cprec_allocs.push_back(a);
}

static int cprec_find(const void* p, size_t* offset) {
    const char* c = (const char*)p;
    for (size_t i = cprec_allocs.size(); i-- > 0;) {
        const char* base = (const char*)cprec_allocs[i].ptr;
        if (c >= base && c < base + (cprec_allocs[i].bytes ? cprec_allocs[i].bytes : 1)) {
            *offset = (size_t)(c - base);
            return (int)i;
        }
    }
    return -1;
}

static void cprec_begin(const char* kernel, dim3 grid, dim3 block, size_t shmem) {
    if (!cprec_is_open) cprec_open(0);
    cprec_kernel = kernel;
    cprec_args.clear();
    unsigned int cfg[7] = {grid.x, grid.y, grid.z, block.x, block.y, block.z, (unsigned int)shmem};
    memcpy(cprec_cfg, cfg, sizeof cfg);
}

static void cprec_value(const void* v, size_t size, const char* type) {
    cprec_arg_t a;
    a.is_ptr = 0; a.alloc = -1; a.offset = 0; a.type = type;
    a.bytes.assign((const unsigned char*)v, (const unsigned char*)v + size);
    cprec_args.push_back(a);
}

static void cprec_ptr(const void* p, const char* type) {
    cprec_arg_t a;
    a.is_ptr = 1; a.offset = 0; a.type = type;
    a.alloc = cprec_find(p, &a.offset);
    if (a.alloc < 0) {  /* untracked pointer: recorded by value, replay cannot restore what it points to */
        a.is_ptr = 0;
        a.bytes.assign((const unsigned char*)&p, (const unsigned char*)&p + sizeof p);
    }
    cprec_args.push_back(a);
}

static const char* cprec_descr(const std::string& type, size_t* width) {
    static const struct { const char* prefix; const char* descr; size_t w; } table[] = {
        {"unsigned long long", "<u8", 8}, {"long long", "<i8", 8}, {"unsigned int", "<u4", 4}, {"unsigned short", "<u2", 2},
        {"unsigned char", "|u1", 1}, {"signed char", "|i1", 1}, {"double", "<f8", 8}, {"float", "<f4", 4},
        {"ulonglong", "<u8", 8}, {"longlong", "<i8", 8}, {"uint", "<u4", 4}, {"int", "<i4", 4}, {"ushort", "<u2", 2},
        {"short", "<i2", 2}, {"uchar", "|u1", 1}, {"char", "|i1", 1}};
    std::string t = type;
    if (t.compare(0, 6, "const ") == 0) t = t.substr(6);
    for (size_t i = 0; i < sizeof table / sizeof table[0]; ++i) {
        size_t n = strlen(table[i].prefix);
        if (t.compare(0, n, table[i].prefix) == 0) {
            std::string rest = t.substr(n);
            if (rest.empty() || rest == "1" || rest == "2" || rest == "3" || rest == "4") {
                *width = table[i].w;
                return table[i].descr;
            }
        }
    }
    *width = 1;
    return "|u1";
}

static void cprec_write_npy(const std::string& file, const void* data, size_t bytes, const std::string& type) {
    size_t width = 1;
    const char* descr = cprec_descr(type, &width);
    char dict[256];
    snprintf(dict, sizeof dict, "{'descr': '%s', 'fortran_order': False, 'shape': (%zu,), }", descr, bytes / width);
    std::string header = dict;
    while ((10 + header.size() + 1) % 64) header += ' ';
    header += '\n';
    FILE* f = fopen((cprec_dir_path + "/" + file).c_str(), "wb");
    if (!f) { fprintf(stderr, "cudaport-record: cannot write %s\n", file.c_str()); return; }
    unsigned short hlen = (unsigned short)header.size();
    fwrite("\x93NUMPY\x01\x00", 1, 8, f);
    fwrite(&hlen, 2, 1, f);
    fwrite(header.data(), 1, header.size(), f);
    if (bytes) fwrite(data, 1, bytes, f);
    fclose(f);
}

static void cprec_snapshot(const char* when) {
    cudaDeviceSynchronize();
    std::vector<int> done;
    for (size_t i = 0; i < cprec_args.size(); ++i) {
        int a = cprec_args[i].alloc;
        if (a < 0) continue;
        int seen = 0;
        for (size_t j = 0; j < done.size(); ++j) seen |= done[j] == a;
        if (seen) continue;
        done.push_back(a);
        std::vector<unsigned char> host(cprec_allocs[a].bytes);
        if (!host.empty()) cudaMemcpy(host.data(), cprec_allocs[a].ptr, host.size(), cudaMemcpyDeviceToHost);
        char file[128];
        snprintf(file, sizeof file, "l%d_a%d_%s.npy", cprec_nlaunch, a, when);
        cprec_write_npy(file, host.data(), host.size(), cprec_allocs[a].type);
    }
}

static void cprec_before(void) { cprec_snapshot("before"); }

static std::string cprec_escape(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '"' || s[i] == '\\') out += '\\';
        out += s[i];
    }
    return out;
}

static void cprec_after(void) {
    cprec_snapshot("after");
    char buf[256];
    std::string e = cprec_nlaunch ? ",\n" : "";
    snprintf(buf, sizeof buf, "{\"index\": %d, \"kernel\": \"", cprec_nlaunch);
    e += buf + cprec_escape(cprec_kernel);
    snprintf(buf, sizeof buf, "\", \"grid\": [%u, %u, %u], \"block\": [%u, %u, %u], \"shared\": %u, \"args\": [",
             cprec_cfg[0], cprec_cfg[1], cprec_cfg[2], cprec_cfg[3], cprec_cfg[4], cprec_cfg[5], cprec_cfg[6]);
    e += buf;
    for (size_t i = 0; i < cprec_args.size(); ++i) {
        const cprec_arg_t& a = cprec_args[i];
        e += i ? ", " : "";
        if (a.is_ptr) {
            snprintf(buf, sizeof buf, "{\"kind\": \"pointer\", \"alloc\": %d, \"offset\": %zu, \"type\": \"", a.alloc,
                     a.offset);
            e += buf + cprec_escape(a.type) + "\"}";
        } else {
            e += "{\"kind\": \"value\", \"type\": \"" + cprec_escape(a.type) + "\", \"hex\": \"";
            for (size_t k = 0; k < a.bytes.size(); ++k) {
                snprintf(buf, sizeof buf, "%02x", a.bytes[k]);
                e += buf;
            }
            e += "\"}";
        }
    }
    e += "]}";
    cprec_launches += e;
    ++cprec_nlaunch;
}

static void cprec_close(void) {
    if (!cprec_is_open) return;
    cprec_is_open = 0;
    std::string m = "{\"format\": \"cudaport-record\", \"version\": 1, \"allocations\": [";
    char buf[64];
    for (size_t i = 0; i < cprec_allocs.size(); ++i) {
        snprintf(buf, sizeof buf, "%s{\"id\": %zu, \"bytes\": %zu, ", i ? ", " : "", i, cprec_allocs[i].bytes);
        m += buf;
        m += "\"name\": \"" + cprec_escape(cprec_allocs[i].name) + "\", \"type\": \"" +
             cprec_escape(cprec_allocs[i].type) + "\"}";
    }
    m += "],\n\"launches\": [\n" + cprec_launches + "\n]}\n";
    FILE* f = fopen((cprec_dir_path + "/manifest.json").c_str(), "w");
    if (f) { fputs(m.c_str(), f); fclose(f); }
}

/* ---- nvcc user layer (begin) ---- */
#if defined(__CUDACC__) && !defined(CUDAPORT_RECORD_NO_WRAP)
/* User-facing layer for nvcc builds: type names from the host compiler, tracked cudaMalloc, a launch macro. */
template <typename T> static std::string cprec_type_name() {
    std::string f = __PRETTY_FUNCTION__;          /* "... [with T = float*; ...]" (GCC) or "[T = float *]" */
    size_t p = f.find("T = ");
    if (p == std::string::npos) return "unsigned char";
    size_t end = f.find_first_of(";]", p);
    std::string t = f.substr(p + 4, end - p - 4), out;
    for (size_t i = 0; i < t.size(); ++i)
        if (!(t[i] == ' ' && i + 1 < t.size() && t[i + 1] == '*')) out += t[i];
    return out;
}
template <typename T> static void cprec_arg(T* p) { cprec_ptr((const void*)p, cprec_type_name<T*>().c_str()); }
template <typename T> static void cprec_arg(const T& v) { cprec_value(&v, sizeof v, cprec_type_name<T>().c_str()); }
static inline void cprec_args_of() {}
template <typename A, typename... R> static void cprec_args_of(const A& a, const R&... rest) {
    cprec_arg(a);
    cprec_args_of(rest...);
}
template <typename T> static cudaError_t cprec_cudaMalloc(T** p, size_t bytes) {
    cudaError_t e = (cudaMalloc)((void**)p, bytes);
    if (e == cudaSuccess) cprec_track(*p, bytes, "", cprec_type_name<T>().c_str());
    return e;
}
#define cudaMalloc(p, bytes) cprec_cudaMalloc((p), (bytes))
#define CUDAPORT_RECORD_LAUNCH(kernel, grid, block, shmem, stream, ...)                      \
    do {                                                                                   \
        cprec_begin(#kernel, dim3(grid), dim3(block), (shmem));                           \
        cprec_args_of(__VA_ARGS__);                                                        \
        cprec_before();                                                                    \
        kernel<<<(grid), (block), (shmem), (stream)>>>(__VA_ARGS__);                       \
        cprec_after();                                                                     \
    } while (0)
#endif
/* ---- nvcc user layer (end) ---- */

#endif /* CUDAPORT_RECORD_H */
