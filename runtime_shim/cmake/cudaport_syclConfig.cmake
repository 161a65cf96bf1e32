# CMake package of the cudaport SYCL helper header, for trees translated with `cudaport translate --runtime
# external`: find_package(cudaport_sycl REQUIRED CONFIG) with the folder `cudaport --cmake-dir` prints on
# CMAKE_PREFIX_PATH. Sets cudaport_sycl_INCLUDE_DIRS and the interface target cudaport::sycl.
get_filename_component(cudaport_sycl_INCLUDE_DIRS "${CMAKE_CURRENT_LIST_DIR}/../sycl/include" ABSOLUTE)
if(NOT TARGET cudaport::sycl)
  add_library(cudaport::sycl INTERFACE IMPORTED GLOBAL)
  set_target_properties(cudaport::sycl PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${cudaport_sycl_INCLUDE_DIRS}")
endif()
set(cudaport_sycl_FOUND TRUE)
