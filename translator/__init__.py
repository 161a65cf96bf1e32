"""cudaport: translate CUDA C++ to HIP, SYCL and OpenCL, and prove the result computes the same."""

__version__ = "0.1.0"
