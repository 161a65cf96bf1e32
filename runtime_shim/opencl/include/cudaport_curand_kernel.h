/* cudaport OpenCL runtime shim: what `#include <curand_kernel.h>` gives host code on OpenCL.
 *
 * The device API (curand_init, curand, curand_uniform, curand_normal on curandStatePhilox4_32_10_t) is in the
 * OpenCL prelude of every program; host code allocates the states, so it needs the type with the prelude's
 * layout (13 32-bit fields, 52 bytes). Other generators' states are CP2008 at their use. */
#ifndef CUDAPORT_CURAND_KERNEL_H
#define CUDAPORT_CURAND_KERNEL_H

#include "cudaport_opencl.h"

typedef struct {
    uint32_t ctr[4];
    uint32_t key[2];
    uint32_t output[4];
    int state;
    int bm_flag;
    float bm_extra;
} curandStatePhilox4_32_10_t;

#endif /* CUDAPORT_CURAND_KERNEL_H */
