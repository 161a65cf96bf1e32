"""CUB's input iterators (CountingInputIterator, ConstantInputIterator, TransformInputIterator over a device pointer)
as inputs of the shim's device-wide algorithms, thrust's fancy iterators (counting, constant, transform over a
device_vector and over a raw device pointer given to CUB, permutation over a device_vector indexed by a transformed
counting iterator, thrust::iterator_difference) in host code, and a kernel template launched with a
fixed-width typedef (`k<int64_t>` is the instance the host names `k_long`); `using namespace cub;` in host code with
the shim's CachingDeviceAllocator and CubDebugExit. Translated, built with cudaport's build and run on PoCL; the
programs check their numbers against host loops."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import cudaport_build, run_built, translate_project
from translator.api import translate_text

PROGRAM = r"""#include <cstdio>
#include <cstdint>
#include <cub/cub.cuh>
#include <thrust/device_vector.h>
#include <thrust/reduce.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/constant_iterator.h>
#include <thrust/iterator/transform_iterator.h>
#include <thrust/iterator/permutation_iterator.h>

template <typename T> struct NonZero {
    __host__ __device__ __forceinline__ bool operator()(const T& a) const { return a != (T)0; }
};
struct Square { __host__ __device__ int operator()(int x) const { return x * x; } };
struct Triple { __host__ __device__ int operator()(int i) const { return 3 * i; } };

template <typename index_t>
__global__ void twice(index_t* p, index_t n) {
    index_t i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) p[i] = 2 * p[i];
}

int main() {
    const int n = 1000;
    int h[n];
    long long want_nz = 0, want_sq = 0;
    for (int i = 0; i < n; i++) {
        h[i] = (i % 7 == 0 || i % 11 == 0) ? 0 : i % 13;
        want_nz += h[i] != 0;
        want_sq += h[i] * h[i];
    }
    int* d_in;
    cudaMalloc((void**)&d_in, sizeof(h));
    cudaMemcpy(d_in, h, sizeof(h), cudaMemcpyHostToDevice);
    int64_t *d_count, *d_index;
    cudaMalloc((void**)&d_count, sizeof(int64_t));
    cudaMalloc((void**)&d_index, n * sizeof(int64_t));
    int bad = 0;

    NonZero<int> op;
    cub::TransformInputIterator<bool, NonZero<int>, int*> flags(d_in, op);
    void* d_temp = nullptr;
    size_t temp_bytes = 0;
    cub::DeviceReduce::Sum(d_temp, temp_bytes, flags, d_count, n);
    cudaMalloc(&d_temp, temp_bytes);
    cub::DeviceReduce::Sum(d_temp, temp_bytes, flags, d_count, n);
    int64_t count = 0;
    cudaMemcpy(&count, d_count, sizeof(count), cudaMemcpyDeviceToHost);
    bad += count != want_nz;

    cub::CountingInputIterator<int64_t> counting(0);
    cub::DeviceSelect::Flagged(d_temp, temp_bytes, counting, flags, d_index, d_count, n);
    twice<int64_t><<<(n + 127) / 128, 128>>>(d_index, count);
    int64_t idx[n];
    cudaMemcpy(idx, d_index, count * sizeof(int64_t), cudaMemcpyDeviceToHost);
    for (int i = 0, k = 0; i < n; i++)
        if (h[i] != 0) bad += idx[k++] != 2 * i;

    int *d_unique, *d_lengths, *d_runs;
    cudaMalloc((void**)&d_unique, n * sizeof(int));
    cudaMalloc((void**)&d_lengths, n * sizeof(int));
    cudaMalloc((void**)&d_runs, sizeof(int));
    cub::ConstantInputIterator<int, int> ones(1);
    cub::DeviceRunLengthEncode::Encode(d_temp, temp_bytes, ones, d_unique, d_lengths, d_runs, n);
    int runs = 0, length = 0;
    cudaMemcpy(&runs, d_runs, sizeof(int), cudaMemcpyDeviceToHost);
    cudaMemcpy(&length, d_lengths, sizeof(int), cudaMemcpyDeviceToHost);
    bad += runs != 1 || length != n;

    thrust::transform_iterator<NonZero<int>, int*> tflags(d_in, op);
    cub::DeviceReduce::Sum(d_temp, temp_bytes, tflags, d_count, n);
    cudaMemcpy(&count, d_count, sizeof(count), cudaMemcpyDeviceToHost);
    bad += count != want_nz;

    thrust::device_vector<int> v(h, h + n);
    long long sq = thrust::reduce(thrust::make_transform_iterator(v.begin(), Square()),
                                  thrust::make_transform_iterator(v.end(), Square()), 0LL);
    bad += sq != want_sq;
    typedef thrust::device_vector<int>::iterator VIt;
    typedef thrust::transform_iterator<Triple, thrust::counting_iterator<int>> Every3;
    thrust::permutation_iterator<VIt, Every3> p0(v.begin(), Every3(thrust::counting_iterator<int>(0), Triple()));
    thrust::iterator_difference<VIt>::type m = n / 3;
    long long want_p = 0;
    for (int i = 0; i < m; i++) want_p += h[3 * i];
    bad += thrust::reduce(p0, p0 + m, 0LL) != want_p;
    Every3 from1(thrust::counting_iterator<int>(1), Triple()), to3(thrust::counting_iterator<int>(3), Triple());
    bad += thrust::reduce(thrust::make_permutation_iterator(v.begin(), from1),
                          thrust::make_permutation_iterator(v.begin(), to3)) != h[3] + h[6];
    thrust::counting_iterator<long long> first(1);
    bad += thrust::reduce(first, first + 100) != 5050;
    bad += thrust::reduce(thrust::make_constant_iterator(7), thrust::make_constant_iterator(7) + 3) != 21;

    cudaFree(d_temp);
    cudaFree(d_in);
    printf("%s %d\n", bad ? "FAIL" : "PASS", bad);
    return bad != 0;
}
"""


def test_iterators_are_kept_for_the_shim_and_fixed_width_instances_take_host_names() -> None:
    res = translate_text(PROGRAM, "opencl", name="main.cu")
    assert not [f for f in res.findings if f.code in ("CP2008", "CP2002")], [f.message for f in res.findings]
    assert "__kernel void twice_long(" in res.extra_files["main.cl"].decode()


@pytest.mark.opencl
def test_iterator_inputs_build_and_run_on_pocl(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": PROGRAM})
    b = cudaport_build(out)
    assert b.returncode == 0, b.stdout + b.stderr
    proc = run_built(out)
    assert proc.returncode == 0 and "PASS" in proc.stdout, proc.stdout + proc.stderr


USING_PROGRAM = r"""#define CUB_STDERR
#include <cstdio>
#include <cub/cub.cuh>
using namespace cub;
CachingDeviceAllocator g_allocator(true);
int main() {
    const int n = 12;
    int h[n] = {1, 1, 2, 2, 2, 3, 1, 1, 1, 1, 5, 5};
    int *d_in, *d_unique, *d_lengths, *d_runs;
    CubDebugExit(g_allocator.DeviceAllocate((void**)&d_in, sizeof(h)));
    CubDebugExit(g_allocator.DeviceAllocate((void**)&d_unique, sizeof(h)));
    CubDebugExit(g_allocator.DeviceAllocate((void**)&d_lengths, sizeof(h)));
    CubDebugExit(g_allocator.DeviceAllocate((void**)&d_runs, sizeof(int)));
    CubDebugExit(cudaMemcpy(d_in, h, sizeof(h), cudaMemcpyHostToDevice));
    void* d_temp = nullptr;
    size_t bytes = 0;
    CubDebugExit(DeviceRunLengthEncode::Encode(d_temp, bytes, d_in, d_unique, d_lengths, d_runs, n));
    CubDebugExit(g_allocator.DeviceAllocate(&d_temp, bytes));
    CubDebugExit(DeviceRunLengthEncode::Encode(d_temp, bytes, d_in, d_unique, d_lengths, d_runs, n));
    int runs = 0, u[n], l[n];
    cudaMemcpy(&runs, d_runs, sizeof(int), cudaMemcpyDeviceToHost);
    cudaMemcpy(u, d_unique, sizeof(u), cudaMemcpyDeviceToHost);
    cudaMemcpy(l, d_lengths, sizeof(l), cudaMemcpyDeviceToHost);
    const int want_u[5] = {1, 2, 3, 1, 5}, want_l[5] = {2, 3, 1, 4, 2};
    int bad = runs != 5;
    for (int i = 0; i < 5 && !bad; i++) bad += u[i] != want_u[i] || l[i] != want_l[i];
    ConstantInputIterator<int, int> ones(1);
    CubDebugExit(DeviceRunLengthEncode::Encode(d_temp, bytes, ones, d_unique, d_lengths, d_runs, n));
    cudaMemcpy(&runs, d_runs, sizeof(int), cudaMemcpyDeviceToHost);
    cudaMemcpy(l, d_lengths, sizeof(l), cudaMemcpyDeviceToHost);
    bad += runs != 1 || l[0] != n;
    CubDebugExit(g_allocator.DeviceFree(d_temp));
    CubDebugExit(g_allocator.DeviceFree(d_in));
    printf("%s %d\n", bad ? "FAIL" : "PASS", bad);
    return bad != 0;
}
"""


def test_using_namespace_cub_is_kept_and_bare_cub_names_in_device_code_are_mapped_or_cp2008() -> None:
    res = translate_text(USING_PROGRAM, "opencl", name="main.cu")
    assert not [f for f in res.findings if f.code == "CP2008"], [f.message for f in res.findings]
    # device code after the directive: kept (the block primitives' bare names are rewritten, cub_block tests);
    # a bare CUB class the prelude lacks is CP2008 at its use
    src = USING_PROGRAM.replace("int main() {", "__global__ void k(float* p) { p[0] = 1.f; }\nint main() {")
    res = translate_text(src, "opencl", name="main.cu")
    assert not [f for f in res.findings if f.code == "CP2008"], [f.message for f in res.findings]
    kernel = "__global__ void k(float* p) {\n    typedef BlockRadixSort<int, 32, 2> S;\n    p[0] = 1.f;\n}\n"
    src = USING_PROGRAM.replace("int main() {", kernel + "int main() {")
    res = translate_text(src, "opencl", name="main.cu")
    assert any(f.code == "CP2008" and "cub::BlockRadixSort" in f.message for f in res.findings)


@pytest.mark.opencl
def test_using_namespace_cub_host_program_builds_and_runs_on_pocl(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": USING_PROGRAM})
    b = cudaport_build(out)
    assert b.returncode == 0, b.stdout + b.stderr
    proc = run_built(out)
    assert proc.returncode == 0 and "PASS" in proc.stdout, proc.stdout + proc.stderr
