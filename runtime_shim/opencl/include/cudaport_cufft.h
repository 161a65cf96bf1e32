/* cudaport OpenCL runtime shim: the cuFFT API (cuFFT's own names, values and signatures) on clFFT.
 *
 * `#include <cufft.h>` becomes this header. A plan (cufftHandle, an int as in cuFFT) becomes a clFFT plan with
 * cuFFT's data layout spelled out: lengths fastest dimension first, cuFFT's packed strides and distances (or
 * those of cufftPlanMany's inembed/onembed), R2C/C2R in place with cuFFT's padded real rows. Transforms are
 * unnormalised in both directions, as cuFFT's (clFFT's backward scale is set to 1). Each execution hands clFFT
 * the cl_mem behind its device pointers on the plan's stream's queue (a sub-buffer, or a staged copy where the
 * pointer's offset is not aligned for one). clFFT is loaded at run time (libclFFT.so.2, Debian libclfft2): a
 * program builds without it, and a call without it returns CUFFT_SETUP_FAILED with one line on stderr.
 * C-compatible. */
#ifndef CUDAPORT_CUFFT_H
#define CUDAPORT_CUFFT_H

#include "cudaport_cucomplex.h"

typedef enum cufftResult_t {
    CUFFT_SUCCESS = 0,
    CUFFT_INVALID_PLAN = 1,
    CUFFT_ALLOC_FAILED = 2,
    CUFFT_INVALID_TYPE = 3,
    CUFFT_INVALID_VALUE = 4,
    CUFFT_INTERNAL_ERROR = 5,
    CUFFT_EXEC_FAILED = 6,
    CUFFT_SETUP_FAILED = 7,
    CUFFT_INVALID_SIZE = 8,
    CUFFT_UNALIGNED_DATA = 9,
    CUFFT_INCOMPLETE_PARAMETER_LIST = 10,
    CUFFT_INVALID_DEVICE = 11,
    CUFFT_PARSE_ERROR = 12,
    CUFFT_NO_WORKSPACE = 13,
    CUFFT_NOT_IMPLEMENTED = 14,
    CUFFT_LICENSE_ERROR = 15,
    CUFFT_NOT_SUPPORTED = 16
} cufftResult;

typedef enum cufftType_t {
    CUFFT_R2C = 0x2a,
    CUFFT_C2R = 0x2c,
    CUFFT_C2C = 0x29,
    CUFFT_D2Z = 0x6a,
    CUFFT_Z2D = 0x6c,
    CUFFT_Z2Z = 0x69
} cufftType;

#define CUFFT_FORWARD (-1)
#define CUFFT_INVERSE 1

typedef int cufftHandle;
typedef float cufftReal;
typedef double cufftDoubleReal;
typedef cuComplex cufftComplex;
typedef cuDoubleComplex cufftDoubleComplex;

CP_API cufftResult cufftCreate(cufftHandle* plan);
CP_API cufftResult cufftDestroy(cufftHandle plan);
CP_API cufftResult cufftSetStream(cufftHandle plan, cudaStream_t stream);
CP_API cufftResult cufftGetVersion(int* version);
CP_API cufftResult cufftPlan1d(cufftHandle* plan, int nx, cufftType type, int batch);
CP_API cufftResult cufftPlan2d(cufftHandle* plan, int nx, int ny, cufftType type);
CP_API cufftResult cufftPlan3d(cufftHandle* plan, int nx, int ny, int nz, cufftType type);
CP_API cufftResult cufftPlanMany(cufftHandle* plan, int rank, int* n, int* inembed, int istride, int idist,
                                 int* onembed, int ostride, int odist, cufftType type, int batch);
CP_API cufftResult cufftMakePlan1d(cufftHandle plan, int nx, cufftType type, int batch, size_t* work_size);
CP_API cufftResult cufftMakePlan2d(cufftHandle plan, int nx, int ny, cufftType type, size_t* work_size);
CP_API cufftResult cufftMakePlan3d(cufftHandle plan, int nx, int ny, int nz, cufftType type, size_t* work_size);
CP_API cufftResult cufftMakePlanMany(cufftHandle plan, int rank, int* n, int* inembed, int istride, int idist,
                                     int* onembed, int ostride, int odist, cufftType type, int batch,
                                     size_t* work_size);
CP_API cufftResult cufftExecC2C(cufftHandle plan, cufftComplex* idata, cufftComplex* odata, int direction);
CP_API cufftResult cufftExecR2C(cufftHandle plan, cufftReal* idata, cufftComplex* odata);
CP_API cufftResult cufftExecC2R(cufftHandle plan, cufftComplex* idata, cufftReal* odata);
CP_API cufftResult cufftExecZ2Z(cufftHandle plan, cufftDoubleComplex* idata, cufftDoubleComplex* odata,
                                int direction);
CP_API cufftResult cufftExecD2Z(cufftHandle plan, cufftDoubleReal* idata, cufftDoubleComplex* odata);
CP_API cufftResult cufftExecZ2D(cufftHandle plan, cufftDoubleComplex* idata, cufftDoubleReal* odata);

#endif /* CUDAPORT_CUFFT_H */
