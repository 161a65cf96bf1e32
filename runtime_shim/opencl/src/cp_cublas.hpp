// Internal part of the cuBLAS layer (cublas.cpp, clblast_calls.cpp): the handle and CLBlast's entry points.
#pragma once

#include "cp_internal.hpp"
#include "cudaport_cublas.h"

struct cpBlasContext {
    cudaStream_t stream = nullptr;
    cublasPointerMode_t mode = CUBLAS_POINTER_MODE_HOST;
    cublasMath_t math = CUBLAS_DEFAULT_MATH;
};
