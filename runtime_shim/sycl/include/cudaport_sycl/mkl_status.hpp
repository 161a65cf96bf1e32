// cudaport SYCL helper: one translation of oneMKL's and SYCL's exceptions into a CUDA library's status codes,
// shared by the cuBLAS, cuSOLVER, cuFFT, cuRAND and cuSPARSE layers. Each layer names its own code for each
// kind of failure (a library without a distinct code repeats its general one) and runs its oneMKL calls
// through guarded().
#pragma once

#include <oneapi/mkl/exceptions.hpp>
#include <sycl/sycl.hpp>

#include <exception>
#include <new>

namespace cpsycl::mkl_status {

template <class Status>
struct codes {
    Status success;
    Status invalid_value;     // oneapi::mkl::invalid_argument
    Status not_supported;     // oneapi::mkl::unimplemented
    Status arch_mismatch;     // oneapi::mkl::unsupported_device
    Status execution_failed;  // sycl::exception (a kernel or a copy failed)
    Status alloc_failed;      // std::bad_alloc
    Status internal_error;    // any other std::exception
};

// Runs `body`; returns the code of the first exception it throws, or `c.success`.
template <class Status, class F>
Status guarded(const codes<Status>& c, F&& body) {
    try {
        body();
    } catch (const oneapi::mkl::invalid_argument&) {
        return c.invalid_value;
    } catch (const oneapi::mkl::unimplemented&) {
        return c.not_supported;
    } catch (const oneapi::mkl::unsupported_device&) {
        return c.arch_mismatch;
    } catch (const sycl::exception&) {
        return c.execution_failed;
    } catch (const std::bad_alloc&) {
        return c.alloc_failed;
    } catch (const std::exception&) {
        return c.internal_error;
    }
    return c.success;
}

}  // namespace cpsycl::mkl_status
