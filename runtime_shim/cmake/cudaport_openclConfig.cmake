# CMake package of the cudaport OpenCL runtime shim, for trees translated with `cudaport translate --runtime
# external`: find_package(cudaport_opencl REQUIRED CONFIG) with the folder `cudaport --cmake-dir` prints on
# CMAKE_PREFIX_PATH. Defines the static library target cudaport_opencl, built from the shim's sources (beside
# this folder) inside the consumer's build tree with its compiler; nothing is written into the installation.
get_filename_component(cudaport_opencl_ROOT "${CMAKE_CURRENT_LIST_DIR}/../opencl" ABSOLUTE)
set(cudaport_opencl_INCLUDE_DIRS "${cudaport_opencl_ROOT}/include")
if(NOT TARGET cudaport_opencl)
  add_subdirectory("${cudaport_opencl_ROOT}" "${CMAKE_BINARY_DIR}/cudaport_opencl_shim")
endif()
set(cudaport_opencl_FOUND TRUE)
