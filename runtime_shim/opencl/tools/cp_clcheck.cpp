// cudaport build's kernel check: builds each translated .cl program for the device the executable will run
// on (the shim's own choice, CUDAPORT_OPENCL_DEVICE) with the options a launch uses, so a kernel that the
// device's compiler rejects fails `cudaport build` instead of the first launch at run time.
// Usage: cp_clcheck FILE.cl...  Exit status: 0 every program built; 1 one failed (the shim prints the build
// log on stderr); 2 no OpenCL device (nothing was checked); 3 a file could not be read.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "cudaport_opencl.h"

int main(int argc, char** argv) {
    int status = 0;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "cp_clcheck: cannot read %s\n", argv[i]);
            return 3;
        }
        std::stringstream text;
        text << in.rdbuf();
        std::string source = text.str();
        // A file name the shim cannot find on its search path makes it build the embedded copy: this one.
        std::string name = std::string(argv[i]) + ".cp-check";
        cpProgram* prog = cpRegisterProgram(name.c_str(), source.c_str(), "");
        cudaError_t err = cpBuildProgram(prog);
        if (err == cudaErrorNoDevice) return 2;
        if (err != cudaSuccess) {
            std::fprintf(stderr, "cp_clcheck: %s: %s\n", argv[i], cudaGetErrorString(err));
            status = 1;
        }
    }
    return status;
}
