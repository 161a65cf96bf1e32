// cuFFT on clFFT through the shim: transforms against direct DFT loops, at unaligned and aligned offsets inside
// allocations, cufftPlanMany's advanced layout, in-place real transforms, unnormalised inverses, status codes.
#include <complex>
#include <vector>

#include "cudaport_cufft.h"
#include "shim_check.h"

typedef std::complex<double> C;

#define CHECK_FFT(call) CHECK((call) == CUFFT_SUCCESS)

static C dft_at(const std::vector<C>& x, int k, int sign) {
    C s = 0;
    int n = (int)x.size();
    for (int j = 0; j < n; j++) s += x[j] * std::polar(1.0, sign * 2 * M_PI * (double)j * k / n);
    return s;
}

// Batched 1D C2C, forward out of place and inverse in place, the data `off` elements into its allocation.
static void c2c(int n, int batch, int off) {
    std::vector<cufftComplex> h(n * batch + off), g(h.size()), gi(h.size());
    for (size_t i = 0; i < h.size(); i++) h[i] = make_cuComplex(sinf(i * 0.3f), cosf(i * 0.7f));
    cufftComplex *d, *o;
    CHECK_CUDA(cudaMalloc(&d, h.size() * sizeof(cufftComplex)));
    CHECK_CUDA(cudaMalloc(&o, h.size() * sizeof(cufftComplex)));
    CHECK_CUDA(cudaMemcpy(d, h.data(), h.size() * sizeof(cufftComplex), cudaMemcpyHostToDevice));
    cufftHandle p;
    CHECK_FFT(cufftPlan1d(&p, n, CUFFT_C2C, batch));
    CHECK_FFT(cufftExecC2C(p, d + off, o + off, CUFFT_FORWARD));
    CHECK_FFT(cufftExecC2C(p, d + off, d + off, CUFFT_INVERSE));
    CHECK_CUDA(cudaMemcpy(g.data(), o, g.size() * sizeof(cufftComplex), cudaMemcpyDeviceToHost));
    CHECK_CUDA(cudaMemcpy(gi.data(), d, gi.size() * sizeof(cufftComplex), cudaMemcpyDeviceToHost));
    for (int i = 0; i < off; i++) CHECK(gi[i].x == h[i].x && gi[i].y == h[i].y);  // before the range: untouched
    for (int b = 0; b < batch; b++) {
        std::vector<C> x(n);
        for (int j = 0; j < n; j++) x[j] = C(h[off + b * n + j].x, h[off + b * n + j].y);
        for (int k = 0; k < n; k++) {
            cufftComplex f = g[off + b * n + k], v = gi[off + b * n + k];
            CHECK(std::abs(dft_at(x, k, -1) - C(f.x, f.y)) < 1e-4 * n);
            CHECK(std::abs(dft_at(x, k, 1) - C(v.x, v.y)) < 1e-4 * n);  // unnormalised, as cuFFT's
        }
    }
    CHECK_FFT(cufftDestroy(p));
    CHECK(cufftDestroy(p) == CUFFT_INVALID_PLAN);
    CHECK_CUDA(cudaFree(d));
    CHECK_CUDA(cudaFree(o));
}

// cufftPlanMany, rank 1, Z2Z: input every second element of rows 20 apart, output packed.
static void advanced_layout() {
    const int n = 9, batch = 2, istride = 2, idist = 20;
    std::vector<cufftDoubleComplex> h(idist * batch), g(n * batch);
    for (size_t i = 0; i < h.size(); i++) h[i] = make_cuDoubleComplex(cos(i * 0.5), sin(i * 0.2));
    cufftDoubleComplex *d, *o;
    CHECK_CUDA(cudaMalloc(&d, h.size() * sizeof(cufftDoubleComplex)));
    CHECK_CUDA(cudaMalloc(&o, g.size() * sizeof(cufftDoubleComplex)));
    CHECK_CUDA(cudaMemcpy(d, h.data(), h.size() * sizeof(cufftDoubleComplex), cudaMemcpyHostToDevice));
    int len = n, inembed = idist / istride, onembed = n;
    cufftHandle p;
    CHECK_FFT(cufftPlanMany(&p, 1, &len, &inembed, istride, idist, &onembed, 1, n, CUFFT_Z2Z, batch));
    CHECK_FFT(cufftExecZ2Z(p, d, o, CUFFT_FORWARD));
    CHECK_CUDA(cudaMemcpy(g.data(), o, g.size() * sizeof(cufftDoubleComplex), cudaMemcpyDeviceToHost));
    for (int b = 0; b < batch; b++) {
        std::vector<C> x(n);
        for (int j = 0; j < n; j++) x[j] = C(h[b * idist + j * istride].x, h[b * idist + j * istride].y);
        for (int k = 0; k < n; k++) CHECK(std::abs(dft_at(x, k, -1) - C(g[b * n + k].x, g[b * n + k].y)) < 1e-12);
    }
    CHECK_FFT(cufftDestroy(p));
}

// 3D R2C in place on cuFFT's padded rows, then C2R back out of place (scaled by the size).
static void real_3d() {
    const int nx = 3, ny = 4, nz = 5, pz = 2 * (nz / 2 + 1);
    std::vector<float> h(nx * ny * pz), back(nx * ny * nz);
    for (int i = 0; i < nx * ny; i++)
        for (int k = 0; k < pz; k++) h[i * pz + k] = k < nz ? cosf(i * 1.3f + k) : 0.0f;
    float *d, *r;
    CHECK_CUDA(cudaMalloc(&d, h.size() * sizeof(float)));
    CHECK_CUDA(cudaMalloc(&r, back.size() * sizeof(float)));
    CHECK_CUDA(cudaMemcpy(d, h.data(), h.size() * sizeof(float), cudaMemcpyHostToDevice));
    cufftHandle f, b;
    CHECK_FFT(cufftPlan3d(&f, nx, ny, nz, CUFFT_R2C));
    CHECK_FFT(cufftPlan3d(&b, nx, ny, nz, CUFFT_C2R));
    CHECK(cufftExecC2R(f, (cufftComplex*)d, r) == CUFFT_INVALID_VALUE);  // a plan of another type
    CHECK_FFT(cufftExecR2C(f, d, (cufftComplex*)d));
    std::vector<cufftComplex> z(nx * ny * (nz / 2 + 1));
    CHECK_CUDA(cudaMemcpy(z.data(), d, z.size() * sizeof(cufftComplex), cudaMemcpyDeviceToHost));
    for (int a = 0; a < nx; a++)
        for (int c = 0; c < ny; c++)
            for (int e = 0; e <= nz / 2; e++) {
                C s = 0;
                for (int i = 0; i < nx; i++)
                    for (int j = 0; j < ny; j++)
                        for (int k = 0; k < nz; k++)
                            s += (double)h[(i * ny + j) * pz + k] *
                                 std::polar(1.0, -2 * M_PI * ((double)a * i / nx + (double)c * j / ny + (double)e * k / nz));
                cufftComplex v = z[(a * ny + c) * (nz / 2 + 1) + e];
                CHECK(std::abs(s - C(v.x, v.y)) < 1e-3);
            }
    CHECK_FFT(cufftExecC2R(b, (cufftComplex*)d, r));
    CHECK_CUDA(cudaMemcpy(back.data(), r, back.size() * sizeof(float), cudaMemcpyDeviceToHost));
    for (int i = 0; i < nx * ny; i++)
        for (int k = 0; k < nz; k++) CHECK(fabs(back[i * nz + k] - nx * ny * nz * h[i * pz + k]) < 1e-3);
    CHECK_FFT(cufftDestroy(f));
    CHECK_FFT(cufftDestroy(b));
}

int main() {
    cufftHandle p;
    CHECK(cufftPlan1d(&p, 0, CUFFT_C2C, 1) == CUFFT_INVALID_SIZE);
    CHECK(cufftPlan1d(&p, 8, (cufftType)7, 1) == CUFFT_INVALID_TYPE);
    CHECK(cufftExecC2C(12345, nullptr, nullptr, CUFFT_FORWARD) == CUFFT_INVALID_PLAN);
    int v = 0;
    CHECK_FFT(cufftGetVersion(&v));
    c2c(15, 3, 3);   // 24 bytes in: a staged copy
    c2c(21, 2, 16);  // 128 bytes in: a sub-buffer where the device's base alignment allows
    printf("ok c2c\n");
    advanced_layout();
    printf("ok advanced layout\n");
    real_3d();
    printf("ok real 3d\n");
    printf("PASS\n");
    return 0;
}
