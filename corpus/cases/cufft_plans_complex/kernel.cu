// cuFFT from host code between kernels that use cuComplex.h: a batched 1D C2C transform forward (out of place),
// a filter kernel on the spectrum, the unnormalised inverse in place; a 2D D2Z transform made with cufftPlanMany,
// the magnitudes of its spectrum in a kernel, and the 2D Z2D back; an in-place batched R2C made with
// cufftCreate + cufftMakePlan1d on cuFFT's padded rows. Odd sizes, a user stream, operands at offsets inside
// their allocations (aligned and unaligned for an OpenCL sub-buffer).
#include <cstdio>
#include <cstdlib>

#include <cuComplex.h>
#include <cufft.h>

__global__ void filter(cufftComplex* z, const cufftComplex* w, int n, int total, float scale) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < total) {
        cuComplex f = w[i % n];
        z[i] = cuCmulf(z[i], make_cuComplex(cuCrealf(f) * scale, cuCimagf(f) * scale));
    }
}

__global__ void magnitude(const cufftDoubleComplex* z, double* m, int total) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < total) m[i] = cuCabs(z[i]) + cuCreal(cuConj(z[i])) * 0.0;
}

#define FFT_OK(call)                                                             \
    do {                                                                         \
        cufftResult s_ = (call);                                                 \
        if (s_ != CUFFT_SUCCESS) {                                               \
            printf("cuFFT error %d at line %d\n", (int)s_, __LINE__);            \
            exit(1);                                                             \
        }                                                                        \
    } while (0)

// sig, spec: batch x n complex; w: n complex; img, back: nx x ny real; zimg: nx x (ny/2+1); mag: the same count;
// rows: batch padded real rows of 2 (n/2+1) floats, transformed in place
void fft_steps(int n, int batch, int nx, int ny, const cufftComplex* sig, const cufftComplex* w, cufftComplex* spec,
               double* img, cufftDoubleComplex* zimg, double* mag, double* back, cufftReal* rows) {
    cudaStream_t stream;
    cudaStreamCreate(&stream);
    cufftHandle p1, p2, p3, p4;
    FFT_OK(cufftPlan1d(&p1, n, CUFFT_C2C, batch));
    FFT_OK(cufftSetStream(p1, stream));
    FFT_OK(cufftExecC2C(p1, (cufftComplex*)sig, spec, CUFFT_FORWARD));
    int total = n * batch;
    filter<<<(total + 63) / 64, 64, 0, stream>>>(spec, w, n, total, 1.0f / n);
    FFT_OK(cufftExecC2C(p1, spec, spec, CUFFT_INVERSE));

    int dims[2] = {nx, ny};
    FFT_OK(cufftPlanMany(&p2, 2, dims, NULL, 1, 0, NULL, 1, 0, CUFFT_D2Z, 1));
    FFT_OK(cufftSetStream(p2, stream));
    FFT_OK(cufftExecD2Z(p2, img, zimg));
    int half = nx * (ny / 2 + 1);
    magnitude<<<(half + 63) / 64, 64, 0, stream>>>(zimg, mag, half);
    FFT_OK(cufftPlan2d(&p3, nx, ny, CUFFT_Z2D));
    FFT_OK(cufftSetStream(p3, stream));
    FFT_OK(cufftExecZ2D(p3, zimg, back));

    size_t work = 1;
    FFT_OK(cufftCreate(&p4));
    FFT_OK(cufftMakePlan1d(p4, n, CUFFT_R2C, batch, &work));
    FFT_OK(cufftSetStream(p4, stream));
    FFT_OK(cufftExecR2C(p4, rows, (cufftComplex*)rows));
    cudaStreamSynchronize(stream);
    if (cufftExecR2C(p1, rows, (cufftComplex*)rows) == CUFFT_SUCCESS) {
        printf("a C2C plan ran an R2C transform\n");
        exit(1);
    }
    FFT_OK(cufftDestroy(p1));
    FFT_OK(cufftDestroy(p2));
    FFT_OK(cufftDestroy(p3));
    FFT_OK(cufftDestroy(p4));
    if (cufftDestroy(p4) != CUFFT_INVALID_PLAN) {
        printf("a destroyed plan was destroyed again\n");
        exit(1);
    }
    cudaStreamDestroy(stream);
}
