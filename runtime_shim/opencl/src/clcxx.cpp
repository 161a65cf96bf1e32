// Programs in C++ for OpenCL (the translator writes them where OpenCL C 1.2 cannot express a kernel: class
// templates, member functions, operators, references, lambdas). No OpenCL runtime we know builds that source
// (PoCL rejects -cl-std=CLC++), so it is compiled offline by clang to SPIR 1.2 bitcode, which the device then
// builds as a program binary (`-x spir -spir-std=1.2`). The compiler is $CUDAPORT_CLCXX, else clang-15, else
// clang (the first one that runs). Its diagnostics are the build log, with the .cl file's own name.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "cp_clcxx.hpp"

namespace cp {

bool is_cxx_program(const std::string& source) {
    return source.compare(0, strlen(kCxxMarker), kCxxMarker) == 0;
}

static std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Build options the offline compiler takes: -D/-U/-I (with or without a separate value) and -cl-* flags; what
// only the device understands (-x spir, vendor flags) is left to clBuildProgram.
static std::string compiler_options(const std::string& options) {
    std::istringstream in(options);
    std::string word, out;
    while (in >> word) {
        bool def = word.rfind("-D", 0) == 0 || word.rfind("-U", 0) == 0 || word.rfind("-I", 0) == 0;
        if (def && word.size() == 2) {
            std::string value;
            if (in >> value) word += value;
        }
        if (def || word.rfind("-cl-", 0) == 0 || word == "-w" || word == "-Werror") out += " " + quote(word);
    }
    return out;
}

static bool run_capture(const std::string& cmd, std::string& output, int& status) {
    FILE* pipe = popen((cmd + " 2>&1").c_str(), "r");
    if (!pipe) return false;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) output.append(buf, n);
    status = pclose(pipe);
    return true;
}

bool compile_cxx_to_spir(const std::string& cl_file, const std::string& source, const std::string& options,
                         unsigned address_bits, std::string& binary, std::string& log) {
    char dir_tmpl[] = "/tmp/cudaport-clcxx-XXXXXX";
    const char* tmp = getenv("TMPDIR");
    std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/cudaport-clcxx-XXXXXX";
    std::vector<char> dir_buf(tmpl.begin(), tmpl.end());
    dir_buf.push_back('\0');
    char* dir = mkdtemp(dir_buf.data());
    if (!dir) dir = mkdtemp(dir_tmpl);
    if (!dir) {
        log = "cannot create a temporary directory for the offline C++ for OpenCL compile";
        return false;
    }
    std::string base = cl_file.substr(cl_file.find_last_of('/') + 1);
    if (base.empty()) base = "program.cl";
    std::string src_path = std::string(dir) + "/" + base, bc_path = src_path + ".bc";
    {
        std::ofstream f(src_path, std::ios::binary);
        f << source;
    }
    std::vector<std::string> compilers;
    if (const char* c = getenv("CUDAPORT_CLCXX")) compilers.push_back(c);
    compilers.push_back("clang-15");
    compilers.push_back("clang");
    bool ok = false;
    bool ran = false;
    for (const std::string& cc : compilers) {
        std::string cmd = quote(cc) + " -x cl -cl-std=clc++ -target " +
                          (address_bits == 32 ? "spir-unknown-unknown" : "spir64-unknown-unknown") +
                          " -emit-llvm -c -O2 -Wno-unused-value" + compiler_options(options) + " " +
                          quote(src_path) + " -o " + quote(bc_path);
        std::string out;
        int status = -1;
        if (!run_capture(cmd, out, status)) continue;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127) continue;  // not installed: try the next one
        ran = true;
        log = out;
        ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (ok) {
            std::ifstream in(bc_path, std::ios::binary);
            std::ostringstream ss;
            ss << in.rdbuf();
            binary = ss.str();
            ok = !binary.empty();
        }
        break;
    }
    if (!ran)
        log = "no compiler for C++ for OpenCL found (set CUDAPORT_CLCXX, or install clang-15: this program was "
              "translated as C++ for OpenCL and is compiled offline to SPIR)";
    unlink(bc_path.c_str());
    unlink(src_path.c_str());
    rmdir(dir);
    return ok;
}

}  // namespace cp
