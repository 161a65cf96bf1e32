// Unit tests of the SYCL-independent part of the cudaport SYCL helper (host_logic.hpp).
// Build and run: g++ -std=c++17 -I../include test_host_logic.cpp -o t && ./t   (prints "ok N checks")
#include <cstdio>
#include <cstring>
#include <memory>

#include "cudaport_sycl/cub_temp_storage.hpp"
#include "cudaport_sycl/host_logic.hpp"

static int failures = 0;
static int checks = 0;
#define EXPECT(cond)                                                    \
    do {                                                                \
        ++checks;                                                       \
        if (!(cond)) {                                                  \
            std::printf("FAILED line %d: %s\n", __LINE__, #cond);       \
            ++failures;                                                 \
        }                                                               \
    } while (0)

static void test_error_codes() {
    EXPECT(cpsycl::success == 0);
    EXPECT(cpsycl::error_not_ready == 600);  // the number CUDA code compares against
    EXPECT(std::strcmp(cpsycl::error_string(cpsycl::success), "no error") == 0);
    EXPECT(std::strcmp(cpsycl::error_string(cpsycl::error_memory_allocation), "out of memory") == 0);
    EXPECT(std::strcmp(cpsycl::error_name(cpsycl::error_not_ready), "cudaErrorNotReady") == 0);
    EXPECT(std::strcmp(cpsycl::error_string(12345), "unknown error") == 0);
}

static void test_sticky_last_error() {
    cpsycl::error_state s;
    EXPECT(s.peek() == cpsycl::success);
    EXPECT(s.record(cpsycl::success) == cpsycl::success);
    EXPECT(s.peek() == cpsycl::success);  // success never overwrites
    s.record(cpsycl::error_invalid_value);
    s.record(cpsycl::success);
    EXPECT(s.peek() == cpsycl::error_invalid_value);  // peek keeps it
    EXPECT(s.get_and_clear() == cpsycl::error_invalid_value);
    EXPECT(s.get_and_clear() == cpsycl::success);  // get clears it
}

static void test_dimension_reversal() {
    cpsycl::dim3 d(7);
    EXPECT(d.x == 7 && d.y == 1 && d.z == 1);
    auto r = cpsycl::reversed(cpsycl::dim3(2, 3, 4));
    EXPECT(r[0] == 4 && r[1] == 3 && r[2] == 2);  // x is SYCL's last dimension
    auto g = cpsycl::global_size(cpsycl::dim3(5, 6, 7), cpsycl::dim3(32, 2, 1));
    EXPECT(g[0] == 7 && g[1] == 12 && g[2] == 160);
    auto big = cpsycl::global_size(cpsycl::dim3(70000), cpsycl::dim3(1024));
    EXPECT(big[2] == 71680000u);  // no 32-bit overflow
    EXPECT(cpsycl::valid_launch(cpsycl::dim3(1), cpsycl::dim3(256), 1024));
    EXPECT(!cpsycl::valid_launch(cpsycl::dim3(1), cpsycl::dim3(32, 32, 2), 1024));
    EXPECT(!cpsycl::valid_launch(cpsycl::dim3(0), cpsycl::dim3(32), 1024));
}

static void test_pitch() {
    EXPECT(cpsycl::pitch_for(100, 256) == 256);
    EXPECT(cpsycl::pitch_for(256, 256) == 256);
    EXPECT(cpsycl::pitch_for(257, 256) == 512);
    EXPECT(cpsycl::pitch_for(0, 256) == 0);
    EXPECT(cpsycl::pitch_for(13, 0) == 13);
    EXPECT(cpsycl::row_offset(512, 3) == 1536);
    EXPECT(cpsycl::check_copy_2d(256, 256, 200, 10) == cpsycl::success);
    EXPECT(cpsycl::check_copy_2d(128, 256, 200, 10) == cpsycl::error_invalid_pitch_value);
    EXPECT(cpsycl::check_copy_2d(256, 128, 200, 10) == cpsycl::error_invalid_pitch_value);
    EXPECT(cpsycl::check_copy_2d(1, 1, 200, 0) == cpsycl::success);  // nothing to copy
}

static void test_handle_table() {
    cpsycl::handle_table<int> t;
    auto a = t.insert(std::make_unique<int>(10));
    auto b = t.insert(std::make_unique<int>(20));
    EXPECT(a != 0 && b != 0 && a != b);  // 0 stays "the default stream"
    EXPECT(t.find(a) && *t.find(a) == 10);
    EXPECT(t.find(b) && *t.find(b) == 20);
    EXPECT(t.find(0) == nullptr);
    EXPECT(t.erase(a));
    EXPECT(t.find(a) == nullptr);  // a destroyed handle is detected
    EXPECT(!t.erase(a));
    auto c = t.insert(std::make_unique<int>(30));
    EXPECT(c != a);  // handles are not reused
    EXPECT(t.size() == 2);
}

static void test_elapsed() {
    EXPECT(cpsycl::elapsed_ms(1000000, 3500000) == 2.5f);
    EXPECT(cpsycl::elapsed_ms(5000000, 5000000) == 0.0f);
}

// CUB's two-call protocol: the first call (null storage) only sets the size; a program allocating that size gets
// storage its second call runs with. A zero size would break it: a zero-byte allocation may give a null pointer.
static void test_cub_temp_storage_protocol() {
    using cpsycl::cub::temp_storage_protocol;
    using cpsycl::cub::temp_storage_step;
    std::size_t bytes = 0;
    EXPECT(temp_storage_protocol(nullptr, bytes) == temp_storage_step::size_query);
    EXPECT(bytes >= 1);
    std::unique_ptr<char[]> storage(new char[bytes]);
    std::size_t asked = bytes;
    EXPECT(temp_storage_protocol(storage.get(), bytes) == temp_storage_step::run);
    EXPECT(bytes == asked);  // the second call leaves the size alone
    std::size_t none = 0;
    EXPECT(temp_storage_protocol(storage.get(), none) == temp_storage_step::too_small);
    std::size_t big = 1 << 20;
    EXPECT(temp_storage_protocol(nullptr, big) == temp_storage_step::size_query);
    EXPECT(big == asked);  // a size query overwrites whatever the caller had there
}

int main() {
    test_error_codes();
    test_sticky_last_error();
    test_dimension_reversal();
    test_pitch();
    test_handle_table();
    test_elapsed();
    test_cub_temp_storage_protocol();
    if (failures) {
        std::printf("%d of %d checks failed\n", failures, checks);
        return 1;
    }
    std::printf("ok %d checks\n", checks);
    return 0;
}
