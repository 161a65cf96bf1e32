// Assertion helpers shared by the shim test programs: each failed check prints file:line and exits 1.
#pragma once
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "cudaport_opencl.h"

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond);       \
            exit(1);                                                                \
        }                                                                           \
    } while (0)

#define CHECK_CUDA(call)                                                                            \
    do {                                                                                            \
        cudaError_t e_ = (call);                                                                    \
        if (e_ != cudaSuccess) {                                                                    \
            fprintf(stderr, "FAILED %s:%d: %s -> %s\n", __FILE__, __LINE__, #call, cudaGetErrorName(e_)); \
            exit(1);                                                                                \
        }                                                                                           \
    } while (0)

#define CHECK_ERR(call, expected)                                                                   \
    do {                                                                                            \
        cudaError_t e_ = (call);                                                                    \
        if (e_ != (expected)) {                                                                     \
            fprintf(stderr, "FAILED %s:%d: %s -> %s, expected %s\n", __FILE__, __LINE__, #call,       \
                    cudaGetErrorName(e_), cudaGetErrorName(expected));                              \
            exit(1);                                                                                \
        }                                                                                           \
    } while (0)

// The preamble every emitted .cl file starts with (see OPENCL_SHIM_API.md).
#define CP_CL_PREAMBLE                                                    \
    "#ifdef CUDAPORT_NO_SVM\n"                                            \
    "#define CP_OFF(name) , ulong name##_cpoff\n"                         \
    "#define CP_ADJ(T, name) name = (T)((__global char*)(name) + name##_cpoff);\n" \
    "#define CP_ADJC(T, name) name = (T)((__constant char*)(name) + name##_cpoff);\n" \
    "#else\n"                                                             \
    "#define CP_OFF(name)\n"                                              \
    "#define CP_ADJ(T, name)\n"                                           \
    "#define CP_ADJC(T, name)\n"                                          \
    "#endif\n"

static inline cpKernelArg cp_val(const void* p, size_t n) { return cpKernelArg{CP_ARG_VALUE, p, n}; }
static inline cpKernelArg cp_ptr(const void* p) { return cpKernelArg{CP_ARG_DEVPTR, p, sizeof(void*)}; }
static inline cpKernelArg cp_local(size_t n) { return cpKernelArg{CP_ARG_LOCAL, nullptr, n}; }
static inline cpKernelArg cp_sym(const void* p) { return cpKernelArg{CP_ARG_SYMBOL, p, 0}; }
