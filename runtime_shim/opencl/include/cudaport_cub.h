/* cudaport OpenCL runtime shim: what `#include <cub/cub.cuh>` leaves for host code on OpenCL.
 *
 * CUB's block primitives used in kernels become functions of the OpenCL prelude (the translator rewrites those
 * calls). Its device-wide algorithms on device pointers (DeviceReduce, DeviceScan, DeviceRadixSort, DeviceSelect,
 * DeviceRunLengthEncode; cudaport_cub_device.h) run on host copies of the device ranges, with CUB's two-call
 * temporary-storage protocol; other CUB uses are CP2008 at the use. Host code that compiled because CUB's headers
 * pulled in the C++ standard library (std::chrono, std::numeric_limits, std::iterator_traits ...) still finds it. */
#ifndef CUDAPORT_CUB_H
#define CUDAPORT_CUB_H

#include "cudaport_opencl.h"

#ifdef __cplusplus
#include <algorithm>
#include <cassert>
#include <chrono>
#include <cstdint>
#include <iterator>
#include <limits>
#include <type_traits>
#include <utility>
#include "cudaport_cub_device.h"
#include "cudaport_cub_util.h"
#endif

#endif /* CUDAPORT_CUB_H */
