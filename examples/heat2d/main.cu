// Host side: initial hot spot, N diffusion steps on a stream, timing with events,
// then the field and its total heat are compared with a host computation.
#include <cmath>
#include <vector>

#include "common.cuh"

static void host_step(const Grid& g, const std::vector<float>& in, std::vector<float>& out) {
  for (int y = 0; y < g.ny; ++y) {
    for (int x = 0; x < g.nx; ++x) {
      int i = y * g.nx + x;
      if (x == 0 || y == 0 || x == g.nx - 1 || y == g.ny - 1) {
        out[i] = in[i];
      } else {
        float lap = in[i - 1] + in[i + 1] + in[i - g.nx] + in[i + g.nx] - 4.0f * in[i];
        out[i] = in[i] + g.alpha * lap;
      }
    }
  }
}

int main() {
  Grid g{96, 80, 0.2f};
  const int n = g.nx * g.ny;
  const int steps = 20;
  std::vector<float> h_field(n, 0.0f), expect(n), tmp(n);
  for (int y = 30; y < 50; ++y)
    for (int x = 40; x < 56; ++x) h_field[y * g.nx + x] = 100.0f;

  int devices = 0;
  CHECK(cudaGetDeviceCount(&devices));
  cudaDeviceProp prop;
  CHECK(cudaGetDeviceProperties(&prop, 0));
  std::printf("device: %s\n", prop.name);

  float *d_a, *d_b, *d_sum;
  CHECK(cudaMalloc(&d_a, n * sizeof(float)));
  CHECK(cudaMalloc(&d_b, n * sizeof(float)));
  CHECK(cudaMalloc(&d_sum, sizeof(float)));
  cudaStream_t stream;
  CHECK(cudaStreamCreate(&stream));
  cudaEvent_t start, stop;
  CHECK(cudaEventCreate(&start));
  CHECK(cudaEventCreate(&stop));

  CHECK(cudaMemcpyAsync(d_a, h_field.data(), n * sizeof(float), cudaMemcpyHostToDevice, stream));
  dim3 block(TILE, TILE);
  dim3 grid((g.nx + TILE - 1) / TILE, (g.ny + TILE - 1) / TILE);
  CHECK(cudaEventRecord(start, stream));
  for (int s = 0; s < steps; ++s) {
    diffuse_step<<<grid, block, 0, stream>>>(g, d_a, d_b);
    float* t = d_a; d_a = d_b; d_b = t;
  }
  CHECK(cudaGetLastError());
  CHECK(cudaEventRecord(stop, stream));
  CHECK(cudaMemsetAsync(d_sum, 0, sizeof(float), stream));
  total_heat<<<8, 128, 0, stream>>>(d_a, n, d_sum);
  CHECK(cudaGetLastError());

  std::vector<float> result(n);
  float sum = 0.0f;
  CHECK(cudaMemcpyAsync(result.data(), d_a, n * sizeof(float), cudaMemcpyDeviceToHost, stream));
  CHECK(cudaMemcpyAsync(&sum, d_sum, sizeof(float), cudaMemcpyDeviceToHost, stream));
  CHECK(cudaStreamSynchronize(stream));
  float ms = 0.0f;
  CHECK(cudaEventElapsedTime(&ms, start, stop));

  expect = h_field;
  for (int s = 0; s < steps; ++s) {
    host_step(g, expect, tmp);
    expect.swap(tmp);
  }
  double host_sum = 0.0;
  int bad = 0;
  for (int i = 0; i < n; ++i) {
    host_sum += expect[i];
    if (std::fabs(result[i] - expect[i]) > 1e-3f * (1.0f + std::fabs(expect[i]))) {
      if (bad < 5) std::printf("mismatch at %d: %f vs %f\n", i, result[i], expect[i]);
      ++bad;
    }
  }
  if (std::fabs(sum - host_sum) > 1e-3 * host_sum) {
    std::printf("total heat %f vs %f\n", sum, host_sum);
    ++bad;
  }
  std::printf("%d steps in %.3f ms, total heat %.1f\n", steps, ms, sum);

  CHECK(cudaEventDestroy(start));
  CHECK(cudaEventDestroy(stop));
  CHECK(cudaStreamDestroy(stream));
  CHECK(cudaFree(d_a));
  CHECK(cudaFree(d_b));
  CHECK(cudaFree(d_sum));
  std::printf(bad ? "FAIL heat2d\n" : "PASS heat2d\n");
  return bad ? 1 : 0;
}
