/* cudaport OpenCL runtime shim: what `#include <cub/cub.cuh>` leaves for host code on OpenCL.
 *
 * CUB's block primitives used in kernels become functions of the OpenCL prelude (the translator rewrites those
 * calls); its device-wide algorithms are CP2008 at each use. Host code that compiled because CUB's headers pulled
 * in the C++ standard library (std::chrono, std::numeric_limits, std::iterator_traits ...) still finds it. */
#ifndef CUDAPORT_CUB_H
#define CUDAPORT_CUB_H

#include "cudaport_opencl.h"

#ifdef __cplusplus
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iterator>
#include <limits>
#include <type_traits>
#include <utility>
#endif

#endif /* CUDAPORT_CUB_H */
