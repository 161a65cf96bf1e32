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

/* CUB's algorithm enumerators, with CUB's values: host code names them as kernel template arguments
   (`k<256, cub::BLOCK_SCAN_RAKING><<<...>>>`); the translator folds them to the same values for the .cl instances.
   Every algorithm gives the same results on OpenCL (only STRIPED loads and stores arrange items otherwise). */
namespace cub {
enum BlockReduceAlgorithm { BLOCK_REDUCE_RAKING_COMMUTATIVE_ONLY, BLOCK_REDUCE_RAKING, BLOCK_REDUCE_WARP_REDUCTIONS };
enum BlockScanAlgorithm { BLOCK_SCAN_RAKING, BLOCK_SCAN_RAKING_MEMOIZE, BLOCK_SCAN_WARP_SCANS };
enum BlockLoadAlgorithm {
    BLOCK_LOAD_DIRECT, BLOCK_LOAD_STRIPED, BLOCK_LOAD_VECTORIZE, BLOCK_LOAD_TRANSPOSE, BLOCK_LOAD_WARP_TRANSPOSE,
    BLOCK_LOAD_WARP_TRANSPOSE_TIMESLICED
};
enum BlockStoreAlgorithm {
    BLOCK_STORE_DIRECT, BLOCK_STORE_STRIPED, BLOCK_STORE_VECTORIZE, BLOCK_STORE_TRANSPOSE, BLOCK_STORE_WARP_TRANSPOSE,
    BLOCK_STORE_WARP_TRANSPOSE_TIMESLICED
};
}  // namespace cub
#endif

#endif /* CUDAPORT_CUB_H */
