// Shim overhead benchmark: (b) launch overhead of an empty kernel through cpLaunchKernel vs direct
// clSetKernelArg + clEnqueueNDRangeKernel on the same queue; (c) cudaMemcpy H2D/D2H bandwidth vs
// clEnqueueWriteBuffer/ReadBuffer. Both sides run in this process, alternating, on the shim's own
// context and default queue. Prints one JSON object (best and median over repeats). Usage: shim_bench LAUNCHES MIB REPEATS
#define CL_TARGET_OPENCL_VERSION 300
#define CL_USE_DEPRECATED_OPENCL_1_2_APIS
#include <CL/cl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

#include "cudaport_opencl.h"

static const char* kSource =
    "#ifdef CUDAPORT_NO_SVM\n#define CP_OFF(name) , ulong name##_cpoff\n"
    "#define CP_ADJ(T, name) name = (T)((__global char*)(name) + name##_cpoff);\n"
    "#else\n#define CP_OFF(name)\n#define CP_ADJ(T, name)\n#endif\n"
    "__kernel void empty(__global float* p CP_OFF(p), int n) { CP_ADJ(__global float*, p) }\n";

#define DIE_IF(cond, what)                                   \
    do {                                                     \
        if (cond) {                                          \
            fprintf(stderr, "shim_bench: %s failed\n", what); \
            exit(1);                                         \
        }                                                    \
    } while (0)

static double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU time of the calling thread: the host-side cost of enqueueing, insensitive to other load.
static double thread_cpu() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

static double best_time(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
static double best_rate(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

int main(int argc, char** argv) {
    int launches = argc > 1 ? atoi(argv[1]) : 10000;
    size_t bytes = (size_t)(argc > 2 ? atoi(argv[2]) : 64) << 20;
    int repeats = argc > 3 ? atoi(argv[3]) : 5;

    cpProgram* prog = cpRegisterProgram("shim_bench.cl", kSource, "");
    void *plat, *devp, *ctxp, *qp;
    DIE_IF(cpGetOpenCLHandles(0, &plat, &devp, &ctxp, &qp) != cudaSuccess, "cpGetOpenCLHandles");
    cl_device_id dev = (cl_device_id)devp;
    cl_context ctx = (cl_context)ctxp;
    cl_command_queue q = (cl_command_queue)qp;
    const bool svm = cpUsesSVM() != 0;

    // Raw OpenCL side: same source and options as the shim builds, same queue.
    cl_int err;
    cl_program rp = clCreateProgramWithSource(ctx, 1, &kSource, nullptr, &err);
    DIE_IF(err != CL_SUCCESS, "clCreateProgramWithSource");
    DIE_IF(clBuildProgram(rp, 1, &dev, svm ? "" : "-DCUDAPORT_NO_SVM=1", nullptr, nullptr) != CL_SUCCESS,
           "clBuildProgram");
    cl_kernel rk = clCreateKernel(rp, "empty", &err);
    DIE_IF(err != CL_SUCCESS, "clCreateKernel");
    cl_mem rbuf = clCreateBuffer(ctx, CL_MEM_READ_WRITE, bytes, nullptr, &err);
    DIE_IF(err != CL_SUCCESS, "clCreateBuffer");

    float* d = nullptr;
    DIE_IF(cudaMalloc(&d, bytes) != cudaSuccess, "cudaMalloc");
    int n = 1;
    cpKernelArg args[] = {{CP_ARG_DEVPTR, &d, sizeof(d)}, {CP_ARG_VALUE, &n, sizeof(n)}};
    size_t gws = 64, lws = 64;
    cl_ulong zero = 0;

    double shim_cpu = 0, raw_cpu = 0;
    auto shim_launches = [&](int count) {
        double t0 = now(), c0 = thread_cpu();
        for (int i = 0; i < count; ++i)
            DIE_IF(cpLaunchKernel(prog, "empty", dim3(1), dim3(64), 0, 0, args, 2) != cudaSuccess, "cpLaunchKernel");
        shim_cpu += thread_cpu() - c0;
        DIE_IF(cudaDeviceSynchronize() != cudaSuccess, "cudaDeviceSynchronize");
        return (now() - t0) / count;
    };
    auto raw_launches = [&](int count) {
        double t0 = now(), c0 = thread_cpu();
        for (int i = 0; i < count; ++i) {
            if (svm) {
                clSetKernelArgSVMPointer(rk, 0, d);
                clSetKernelArg(rk, 1, sizeof(int), &n);
            } else {
                clSetKernelArg(rk, 0, sizeof(cl_mem), &rbuf);
                clSetKernelArg(rk, 1, sizeof(cl_ulong), &zero);
                clSetKernelArg(rk, 2, sizeof(int), &n);
            }
            DIE_IF(clEnqueueNDRangeKernel(q, rk, 1, nullptr, &gws, &lws, 0, nullptr, nullptr) != CL_SUCCESS,
                   "clEnqueueNDRangeKernel");
        }
        raw_cpu += thread_cpu() - c0;
        DIE_IF(clFinish(q) != CL_SUCCESS, "clFinish");
        return (now() - t0) / count;
    };
    shim_launches(200);  // warm up: build, kernel objects, thread pools
    raw_launches(200);
    // Interleaved chunks so that load changes on a shared machine hit both sides alike.
    const int chunk = std::max(1, std::min(launches, 1000));
    std::vector<double> shim_l, raw_l;
    shim_cpu = raw_cpu = 0;
    for (int r = 0; r < repeats; ++r) {
        double s = 0, w = 0;
        for (int done = 0; done < launches; done += chunk) {
            s += shim_launches(chunk) * chunk;
            w += raw_launches(chunk) * chunk;
        }
        shim_l.push_back(s / launches);
        raw_l.push_back(w / launches);
    }

    std::vector<char> host(bytes);
    for (size_t i = 0; i < bytes; i += 4096) host[i] = (char)i;  // fault the pages in
    auto bw = [&](auto&& fn) {
        double t0 = now();
        fn();
        return (double)bytes / (now() - t0) / 1e9;
    };
    std::vector<double> sh2d, sd2h, rh2d, rd2h;
    for (int r = 0; r < repeats + 1; ++r) {
        double a = bw([&] { DIE_IF(cudaMemcpy(d, host.data(), bytes, cudaMemcpyHostToDevice), "cudaMemcpy H2D"); });
        double b = bw([&] {
            DIE_IF(clEnqueueWriteBuffer(q, rbuf, CL_TRUE, 0, bytes, host.data(), 0, nullptr, nullptr), "write");
        });
        double c = bw([&] { DIE_IF(cudaMemcpy(host.data(), d, bytes, cudaMemcpyDeviceToHost), "cudaMemcpy D2H"); });
        double e = bw([&] {
            DIE_IF(clEnqueueReadBuffer(q, rbuf, CL_TRUE, 0, bytes, host.data(), 0, nullptr, nullptr), "read");
        });
        if (r == 0) continue;  // first round: first touch of device memory
        sh2d.push_back(a);
        rh2d.push_back(b);
        sd2h.push_back(c);
        rd2h.push_back(e);
    }
    cudaDeviceProp prop;
    cudaGetDeviceProperties(&prop, 0);
    printf("{\"path\": \"%s\", \"device\": \"%s\", \"launches\": %d, \"repeats\": %d, \"bytes\": %zu, "
           "\"shim_launch_us\": %.4f, \"raw_launch_us\": %.4f, "
           "\"shim_launch_us_median\": %.4f, \"raw_launch_us_median\": %.4f, "
           "\"shim_launch_cpu_us\": %.4f, \"raw_launch_cpu_us\": %.4f, "
           "\"shim_h2d_gbs\": %.4f, \"raw_h2d_gbs\": %.4f, \"shim_d2h_gbs\": %.4f, \"raw_d2h_gbs\": %.4f, "
           "\"shim_h2d_gbs_median\": %.4f, \"raw_h2d_gbs_median\": %.4f, "
           "\"shim_d2h_gbs_median\": %.4f, \"raw_d2h_gbs_median\": %.4f}\n",
           svm ? "svm" : "handle-table", prop.name, launches, repeats, bytes, best_time(shim_l) * 1e6,
           best_time(raw_l) * 1e6, median(shim_l) * 1e6, median(raw_l) * 1e6, shim_cpu / launches / repeats * 1e6,
           raw_cpu / launches / repeats * 1e6, best_rate(sh2d), best_rate(rh2d),
           best_rate(sd2h), best_rate(rd2h), median(sh2d), median(rh2d), median(sd2h), median(rd2h));
    clReleaseMemObject(rbuf);
    clReleaseKernel(rk);
    clReleaseProgram(rp);
    cudaFree(d);
    return 0;
}
