// cudaport SYCL helper: CUDA's library data types (library_types.h: cudaDataType), the value type tag the
// cuBLAS/cuSPARSE/cuSOLVER layers of this helper take; numbered as CUDA numbers them.
#pragma once

namespace cpsycl {

enum data_type_t : int {
    dt_r_16f = 2,
    dt_c_16f = 6,
    dt_r_16bf = 14,
    dt_c_16bf = 15,
    dt_r_32f = 0,
    dt_c_32f = 4,
    dt_r_64f = 1,
    dt_c_64f = 5,
    dt_r_4i = 16,
    dt_c_4i = 17,
    dt_r_4u = 18,
    dt_c_4u = 19,
    dt_r_8i = 3,
    dt_c_8i = 7,
    dt_r_8u = 8,
    dt_c_8u = 9,
    dt_r_16i = 20,
    dt_c_16i = 21,
    dt_r_16u = 22,
    dt_c_16u = 23,
    dt_r_32i = 10,
    dt_c_32i = 11,
    dt_r_32u = 12,
    dt_c_32u = 13,
    dt_r_64i = 24,
    dt_c_64i = 25,
    dt_r_64u = 26,
    dt_c_64u = 27,
};

}  // namespace cpsycl
