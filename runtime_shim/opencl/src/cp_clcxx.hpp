// Offline compile of C++ for OpenCL programs to SPIR (clcxx.cpp); used by the program builder in launch.cpp.
#pragma once
#include <string>

namespace cp {

// The first line of a .cl program the translator wrote in C++ for OpenCL.
constexpr const char* kCxxMarker = "/* cudaport: C++ for OpenCL";

bool is_cxx_program(const std::string& source);

// Compiles `source` (named `cl_file` in diagnostics) with clang to SPIR bitcode for a device with
// `address_bits`-bit pointers. False with the compiler's messages (or why none ran) in `log`.
bool compile_cxx_to_spir(const std::string& cl_file, const std::string& source, const std::string& options,
                         unsigned address_bits, std::string& binary, std::string& log);

}  // namespace cp
