"""thrust translated to SYCL: the code keeps thrust's calls, <thrust/...> becomes cudaport_sycl/thrust.hpp (oneDPL
with cudaport's device_vector/host_vector/device_ptr layer), and the translation type-checks with the oneDPL
headers; an unmapped thrust API is CP2008 at its use, naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.sycl.libtypecheck import onedpl_available, typecheck
from translator.api import translate_text

pytestmark = [pytest.mark.sycl_headers,
              pytest.mark.skipif(not onedpl_available(), reason="oneDPL headers are not installed")]

PROGRAM = r"""
#include <thrust/device_vector.h>
#include <thrust/host_vector.h>
#include <thrust/sort.h>
#include <thrust/reduce.h>
#include <thrust/scan.h>
#include <thrust/extrema.h>
#include <thrust/sequence.h>
#include <thrust/scatter.h>
#include <thrust/random.h>
#include <thrust/shuffle.h>
#include <thrust/tuple.h>
#include <thrust/execution_policy.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/transform_iterator.h>
#include <thrust/iterator/permutation_iterator.h>
#include <cstdio>
#include <type_traits>

struct square {
  __host__ __device__ float operator()(float x) const { return x * x; }
};
struct closer {
  __host__ __device__ bool operator()(const float& a, const float& b) const { return a * a < b * b; }
};

struct stride {
  long step;
  __host__ __device__ long operator()(const long& i) const { return step * i; }
};
typedef thrust::transform_iterator<stride, thrust::counting_iterator<long>> Strided;
typedef thrust::permutation_iterator<thrust::device_vector<float>::iterator, Strided> Diagonal;

__device__ thrust::tuple<float, int> pair_of(float x) { return {x, 1}; }

__global__ void use_tuple(float* out, const float* in, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = thrust::get<0>(pair_of(in[i])) + thrust::get<1>(pair_of(in[i]));
}

static_assert(std::is_same<decltype(thrust::device_vector<int>().begin()), thrust::device_ptr<int>>::value,
              "device iterators are device_ptrs");

int main() {
  const int n = 1000;
  thrust::host_vector<float> h(n);
  thrust::sequence(h.begin(), h.end(), 1.0f);
  thrust::shuffle(h.begin(), h.end(), thrust::default_random_engine(7));
  thrust::device_vector<float> d = h, out(n);
  thrust::device_vector<int> keys(n), map(n);
  thrust::sequence(thrust::device, keys.begin(), keys.end());
  thrust::transform(d.cbegin(), d.cend(), out.begin(), square());
  thrust::sort(d.begin(), d.end());
  thrust::sort_by_key(keys.begin(), keys.end(), d.begin());
  float sum = thrust::reduce(d.begin(), d.end(), 0.0f, thrust::plus<float>());
  cudaStream_t s;
  cudaStreamCreate(&s);
  auto policy = thrust::cuda::par.on(s);
  thrust::inclusive_scan(policy, d.cbegin(), d.cend(), out.begin());
  auto lo = thrust::min_element(thrust::device, d.begin(), d.end(), closer());
  auto both = thrust::minmax_element(thrust::device, d.begin(), d.end(), closer());
  long at = thrust::distance(d.begin(), lo) + thrust::distance(d.begin(), both.second);
  float* raw = thrust::raw_pointer_cast(out.data());
  thrust::device_ptr<float> p(raw);
  thrust::scatter(p, p + n, keys.begin(), d.begin());
  use_tuple<<<(n + 255) / 256, 256>>>(raw, thrust::raw_pointer_cast(d.data()), n);
  Diagonal diag(d.begin(), Strided(thrust::counting_iterator<long>(0), stride{11}));
  float prod = thrust::reduce(diag, diag + 10, 1.0f, thrust::multiplies<float>());
  thrust::transform(thrust::make_counting_iterator(0), thrust::make_counting_iterator(n), out.begin(), square());
  h = out;
  printf("%f\n", prod);
  printf("%f %ld %f %d\n", sum, at, (float)out.back(), (int)thrust::is_sorted(h.begin(), h.end()));
  return 0;
}
"""


def test_thrust_program_type_checks_on_onedpl(tmp_path: Path) -> None:
    res = translate_text(PROGRAM, "sycl", name="thrust.cu")
    assert not [f for f in res.findings if f.code in ("CP2001", "CP2002", "CP2008")], res.findings
    text = res.output.decode()
    assert "#include <cudaport_sycl/thrust.hpp>" in text and "<thrust/" not in text
    assert "thrust::sort_by_key(keys.begin(), keys.end(), d.begin());" in text
    done = typecheck(tmp_path, "thrust.cpp", text)
    assert done.returncode == 0, done.stderr[-3000:]


def test_thrust_misuse_fails_the_type_check(tmp_path: Path) -> None:
    """The check is real: sort_by_key without its values range does not type-check against the layer."""
    bad = PROGRAM.replace("thrust::sort_by_key(keys.begin(), keys.end(), d.begin());",
                          "thrust::sort_by_key(keys.begin(), keys.end());")
    done = typecheck(tmp_path, "bad.cpp", translate_text(bad, "sycl", name="bad.cu").output.decode())
    assert done.returncode != 0


def test_unmapped_thrust_api_is_cp2008_naming_it() -> None:
    cuda = ("#include <thrust/set_operations.h>\n"
            "void f(thrust::device_vector<int>& a, thrust::device_vector<int>& b, thrust::device_vector<int>& c) {\n"
            "  thrust::set_union(a.begin(), a.end(), b.begin(), b.end(), c.begin());\n}\n")
    res = translate_text(cuda, "sycl", name="u.cu")
    found = [f for f in res.findings if f.code == "CP2008"]
    assert [f.api for f in found] == ["thrust::set_union"] and found[0].line == 3
    assert "No such file" not in res.output.decode()


def test_unmapped_thrust_api_in_an_if_block_is_a_cp2009_warning() -> None:
    cuda = ("#include <thrust/iterator/zip_iterator.h>\n#if defined(NEW_CUDA)\n"
            "thrust::zip_iterator<Tuple> it(t);\n#endif\n")
    res = translate_text(cuda, "sycl", name="c.cu")
    assert [(f.code, f.api) for f in res.findings if f.code in ("CP2008", "CP2009")] == \
        [("CP2009", "thrust::zip_iterator")]
