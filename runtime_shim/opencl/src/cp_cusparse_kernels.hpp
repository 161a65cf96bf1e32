// The cuSPARSE layer's own OpenCL kernels (cusparse_kernels.cpp) and how cusparse.cpp launches them: arguments
// collected in order (values copied, device pointers as the shim's own device pointers), one cpLaunchKernel on
// the handle's stream, 1-D over the work items and 2-D over a strided batch.
#pragma once

#include <cstring>
#include <list>
#include <string>
#include <vector>

#include "cp_cusparse.hpp"

namespace cpsp {

const char* kernel_source();

class Launch {
public:
    explicit Launch(std::string name) : name_(std::move(name)) {}
    template <class V> Launch& val(V v) {
        keep_.emplace_back(sizeof(V));
        std::memcpy(keep_.back().data(), &v, sizeof(V));
        args_.push_back(cpKernelArg{CP_ARG_VALUE, keep_.back().data(), sizeof(V)});
        return *this;
    }
    Launch& ptr(const void* p) {
        keep_.emplace_back(sizeof(void*));
        std::memcpy(keep_.back().data(), &p, sizeof(void*));
        args_.push_back(cpKernelArg{CP_ARG_DEVPTR, keep_.back().data(), sizeof(void*)});
        return *this;
    }
    // Runs `items` work items (times `batch`) on the handle's stream; false with one line on stderr on failure.
    bool run(cusparseHandle_t h, long items, int batch = 1);

private:
    std::string name_;
    std::list<std::vector<char>> keep_;
    std::vector<cpKernelArg> args_;
};

// Kernel name for the value type and (optionally) index type: cp_csrmm_ + "fi".
std::string kname(const char* base, cudaDataType t, cusparseIndexType_t it);
std::string kname(const char* base, cudaDataType t);

}  // namespace cpsp
