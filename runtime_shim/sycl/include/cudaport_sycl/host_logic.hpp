// cudaport SYCL helper, SYCL-independent part: error codes and their strings, launch geometry
// (CUDA dim3 and its reversal to SYCL's dimension order), pitch computation and 2D copy checks, and
// the handle table that gives streams and events stable CUDA-style handles. Plain C++17: the unit
// tests compile and run it with g++ alone (runtime_shim/sycl/tests/test_host_logic.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

namespace cpsycl {

// ---- error codes ------------------------------------------------------------------------------------
// Numbered as CUDA numbers them, so code that prints or compares the integer keeps working.
enum error_t : int {
    success = 0,
    error_invalid_value = 1,
    error_memory_allocation = 2,
    error_initialization = 3,
    error_invalid_configuration = 9,
    error_invalid_pitch_value = 12,
    error_invalid_symbol = 13,
    error_invalid_device_pointer = 17,
    error_invalid_memcpy_direction = 21,
    error_no_device = 100,
    error_invalid_device = 101,
    error_invalid_resource_handle = 400,
    error_not_ready = 600,
    error_launch_failure = 719,
    error_not_supported = 801,
    error_unknown = 999,
};

inline const char* error_name(int e) {
    switch (e) {
        case success: return "cudaSuccess";
        case error_invalid_value: return "cudaErrorInvalidValue";
        case error_memory_allocation: return "cudaErrorMemoryAllocation";
        case error_initialization: return "cudaErrorInitializationError";
        case error_invalid_configuration: return "cudaErrorInvalidConfiguration";
        case error_invalid_pitch_value: return "cudaErrorInvalidPitchValue";
        case error_invalid_symbol: return "cudaErrorInvalidSymbol";
        case error_invalid_device_pointer: return "cudaErrorInvalidDevicePointer";
        case error_invalid_memcpy_direction: return "cudaErrorInvalidMemcpyDirection";
        case error_no_device: return "cudaErrorNoDevice";
        case error_invalid_device: return "cudaErrorInvalidDevice";
        case error_invalid_resource_handle: return "cudaErrorInvalidResourceHandle";
        case error_not_ready: return "cudaErrorNotReady";
        case error_launch_failure: return "cudaErrorLaunchFailure";
        case error_not_supported: return "cudaErrorNotSupported";
        case error_unknown: return "cudaErrorUnknown";
        default: return "cudaErrorUnknown";
    }
}

inline const char* error_string(int e) {
    switch (e) {
        case success: return "no error";
        case error_invalid_value: return "invalid argument";
        case error_memory_allocation: return "out of memory";
        case error_initialization: return "initialization error";
        case error_invalid_configuration: return "invalid configuration argument";
        case error_invalid_pitch_value: return "invalid pitch argument";
        case error_invalid_symbol: return "invalid device symbol";
        case error_invalid_device_pointer: return "invalid device pointer";
        case error_invalid_memcpy_direction: return "invalid copy direction for memcpy";
        case error_no_device: return "no SYCL-capable device is detected";
        case error_invalid_device: return "invalid device ordinal";
        case error_invalid_resource_handle: return "invalid resource handle";
        case error_not_ready: return "device not ready";
        case error_launch_failure: return "unspecified launch failure";
        case error_not_supported: return "operation not supported";
        default: return "unknown error";
    }
}

// The sticky "last error" of cudaGetLastError (cleared on read) and cudaPeekAtLastError (kept).
class error_state {
public:
    error_t record(error_t e) {
        if (e != success) last_ = e;
        return e;
    }
    error_t get_and_clear() {
        error_t e = last_;
        last_ = success;
        return e;
    }
    error_t peek() const { return last_; }

private:
    error_t last_ = success;
};

// ---- launch geometry ---------------------------------------------------------------------------------
// CUDA's dim3: x is the fastest-varying dimension. SYCL puts the fastest one last, so every range is
// reversed: (x, y, z) -> {z, y, x}.
struct dim3 {
    unsigned int x, y, z;
    constexpr dim3(unsigned int vx = 1, unsigned int vy = 1, unsigned int vz = 1) : x(vx), y(vy), z(vz) {}
};

inline std::array<std::size_t, 3> reversed(dim3 d) { return {d.z, d.y, d.x}; }

inline std::array<std::size_t, 3> global_size(dim3 grid, dim3 block) {
    return {std::size_t(grid.z) * block.z, std::size_t(grid.y) * block.y, std::size_t(grid.x) * block.x};
}

// CUDA's limits on a launch: what cudaGetLastError reports as an invalid configuration.
inline bool valid_launch(dim3 grid, dim3 block, std::size_t max_work_group_size) {
    if (grid.x == 0 || grid.y == 0 || grid.z == 0 || block.x == 0 || block.y == 0 || block.z == 0) return false;
    return std::size_t(block.x) * block.y * block.z <= max_work_group_size;
}

// ---- pitched memory ------------------------------------------------------------------------------------
// Rows are padded to a multiple of `alignment` bytes (a power of two), as cudaMallocPitch does.
inline std::size_t pitch_for(std::size_t width_bytes, std::size_t alignment) {
    if (alignment == 0) return width_bytes;
    return (width_bytes + alignment - 1) / alignment * alignment;
}

// The argument checks of cudaMemcpy2D: a row may not be wider than either pitch.
inline error_t check_copy_2d(std::size_t dpitch, std::size_t spitch, std::size_t width, std::size_t height) {
    if (width == 0 || height == 0) return success;
    if (width > dpitch || width > spitch) return error_invalid_pitch_value;
    return success;
}

// Byte offset of row r in a pitched allocation.
inline std::size_t row_offset(std::size_t pitch, std::size_t row) { return pitch * row; }

// ---- handle table ----------------------------------------------------------------------------------------
// Streams and events are handed out as small integers cast to an opaque pointer type, so that a null
// handle (0) keeps CUDA's meaning "the default stream" and a destroyed handle is detected, not
// dereferenced. T is the owned object (a queue, an event record).
template <class T>
class handle_table {
public:
    std::uintptr_t insert(std::unique_ptr<T> obj) {
        std::lock_guard<std::mutex> lock(mu_);
        std::uintptr_t h = next_++;
        items_.emplace(h, std::move(obj));
        return h;
    }
    T* find(std::uintptr_t h) {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = items_.find(h);
        return it == items_.end() ? nullptr : it->second.get();
    }
    bool erase(std::uintptr_t h) {
        std::lock_guard<std::mutex> lock(mu_);
        return items_.erase(h) == 1;
    }
    std::size_t size() {
        std::lock_guard<std::mutex> lock(mu_);
        return items_.size();
    }

private:
    std::mutex mu_;
    std::map<std::uintptr_t, std::unique_ptr<T>> items_;
    std::uintptr_t next_ = 1;  // 0 is the default stream / no event
};

// cudaEventElapsedTime: milliseconds between two profiling timestamps in nanoseconds.
inline float elapsed_ms(std::uint64_t start_ns, std::uint64_t end_ns) {
    return static_cast<float>(static_cast<double>(end_ns) - static_cast<double>(start_ns)) / 1.0e6f;
}

}  // namespace cpsycl
