// cudaport SYCL helper, CUB part without SYCL: the two-call temp-storage protocol of CUB's device-wide algorithms
// (cub::DeviceReduce::Sum(nullptr, bytes, ...) sets bytes; the second call, with storage of that size, runs).
// oneDPL allocates what it needs itself, so the size asked for is one byte: never zero, because the program
// allocates it with cudaMalloc, and a null pointer back from a zero-byte allocation would make the second call
// look like a size query again and the algorithm would silently not run. Unit-tested with plain g++.
#pragma once

#include <cstddef>

namespace cpsycl {
namespace cub {

enum class temp_storage_step { size_query, too_small, run };

inline constexpr std::size_t temp_storage_required = 1;

// What a device-wide call does with the caller's temp storage: answers the size query (and sets the size), refuses
// storage smaller than it asked for (CUB's cudaErrorInvalidValue), or runs.
inline temp_storage_step temp_storage_protocol(const void* d_temp_storage, std::size_t& temp_storage_bytes) {
    if (d_temp_storage == nullptr) {
        temp_storage_bytes = temp_storage_required;
        return temp_storage_step::size_query;
    }
    if (temp_storage_bytes < temp_storage_required) return temp_storage_step::too_small;
    return temp_storage_step::run;
}

}  // namespace cub
}  // namespace cpsycl
