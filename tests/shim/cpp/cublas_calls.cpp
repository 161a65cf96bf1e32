// cuBLAS on CLBlast through the shim: each call's result against a host loop, with device pointers that are
// offsets into allocations (so the cl_mem + offset mapping is exercised), on a user stream, in both pointer
// modes. Run on the SVM path and the handle-table path; prints PASS.
#include <cstdint>
#include <vector>

#include "cudaport_cublas.h"
#include "shim_check.h"

#define CHECK_BLAS(call) CHECK((call) == CUBLAS_STATUS_SUCCESS)

static std::vector<double> upload(double* d, int n, double scale) {
    std::vector<double> h(n);
    for (int i = 0; i < n; ++i) h[i] = scale * ((i * 37 % 23) - 11) / 7.0;
    CHECK_CUDA(cudaMemcpy(d, h.data(), n * sizeof(double), cudaMemcpyHostToDevice));
    return h;
}

static std::vector<double> download(const double* d, int n) {
    std::vector<double> h(n);
    CHECK_CUDA(cudaMemcpy(h.data(), d, n * sizeof(double), cudaMemcpyDeviceToHost));
    return h;
}

static void near(double got, double want) {
    if (fabs(got - want) > 1e-9 * (1 + fabs(want))) {
        fprintf(stderr, "FAILED: got %.17g, want %.17g\n", got, want);
        exit(1);
    }
}

int main() {
    const int m = 7, n = 5, k = 3, pad = 3;
    cudaStream_t st;
    CHECK_CUDA(cudaStreamCreate(&st));
    cublasHandle_t h;
    CHECK_BLAS(cublasCreate(&h));
    CHECK_BLAS(cublasSetStream(h, st));
    double *pool, *a, *b, *c;  // one allocation: the operands sit at offsets inside it
    CHECK_CUDA(cudaMalloc(&pool, (pad + m * k + n * k + m * n + 16) * sizeof(double)));
    a = pool + pad;
    b = a + m * k;
    c = b + n * k;
    std::vector<double> ha = upload(a, m * k, 1.0), hb = upload(b, n * k, 0.5), hc = upload(c, m * n, 2.0);

    // C = 1.5 A (m x k) * B^T (B is n x k) - 0.5 C
    double al = 1.5, be = -0.5;
    CHECK_BLAS(cublasDgemm(h, CUBLAS_OP_N, CUBLAS_OP_T, m, n, k, &al, a, m, b, n, &be, c, m));
    std::vector<double> rc = download(c, m * n);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < m; ++i) {
            double s = 0;
            for (int l = 0; l < k; ++l) s += ha[i + l * m] * hb[j + l * n];
            near(rc[i + j * m], al * s + be * hc[i + j * m]);
        }
    printf("ok dgemm\n");

    // y (first k of c) = A^T x (x = first m of ... the column 0 of C), gemv with transpose
    std::vector<double> x(rc.begin(), rc.begin() + m), y0 = download(b, k);
    double one = 1.0, zero = 0.0;
    CHECK_BLAS(cublasDgemv(h, CUBLAS_OP_T, m, k, &one, a, m, c, 1, &zero, b, 1));
    std::vector<double> ry = download(b, k);
    for (int j = 0; j < k; ++j) {
        double s = 0;
        for (int i = 0; i < m; ++i) s += ha[i + j * m] * x[i];
        near(ry[j], s);
    }
    printf("ok dgemv\n");

    // reductions in host pointer mode, strided x
    double dot = 0, nrm = 0, asum = 0;
    int imax = 0;
    CHECK_BLAS(cublasDdot(h, m * k / 2, a, 2, a + 1, 2, &dot));
    CHECK_BLAS(cublasDnrm2(h, m * k, a, 1, &nrm));
    CHECK_BLAS(cublasDasum(h, m * k, a, 1, &asum));
    CHECK_BLAS(cublasIdamax(h, m * k, a, 1, &imax));
    double wdot = 0, wn = 0, wa = 0;
    int wi = 0;
    for (int i = 0; i < m * k / 2; ++i) wdot += ha[2 * i] * ha[2 * i + 1];
    for (int i = 0; i < m * k; ++i) {
        wn += ha[i] * ha[i];
        wa += fabs(ha[i]);
        if (fabs(ha[i]) > fabs(ha[wi])) wi = i;
    }
    near(dot, wdot);
    near(nrm, sqrt(wn));
    near(asum, wa);
    // cuBLAS indices are 1-based; on ties CLBlast may pick another index of the same magnitude
    CHECK(imax >= 1 && imax <= m * k && fabs(ha[imax - 1]) == fabs(ha[wi]));
    printf("ok reductions\n");

    // device pointer mode: alpha from device memory, the dot product written to device memory
    double* dev_scalars;
    CHECK_CUDA(cudaMalloc(&dev_scalars, 2 * sizeof(double)));
    double two = 2.0;
    CHECK_CUDA(cudaMemcpy(dev_scalars, &two, sizeof(double), cudaMemcpyHostToDevice));
    CHECK_BLAS(cublasSetPointerMode(h, CUBLAS_POINTER_MODE_DEVICE));
    std::vector<double> before = download(c, m);
    CHECK_BLAS(cublasDaxpy(h, m, dev_scalars, a, 1, c, 1));  // c[0:m] += 2 a[0:m]
    CHECK_BLAS(cublasDdot(h, m, a, 1, a, 1, dev_scalars + 1));
    CHECK_BLAS(cublasSetPointerMode(h, CUBLAS_POINTER_MODE_HOST));
    std::vector<double> after = download(c, m);
    double ddot = 0, wd = 0;
    CHECK_CUDA(cudaMemcpy(&ddot, dev_scalars + 1, sizeof(double), cudaMemcpyDeviceToHost));
    for (int i = 0; i < m; ++i) {
        near(after[i], before[i] + 2 * ha[i]);
        wd += ha[i] * ha[i];
    }
    near(ddot, wd);
    printf("ok device pointer mode\n");

    // geam: C (m x n) = 2 A2^T + 3 C  with A2 n x m, C aliasing the second operand as cuBLAS allows
    float *fa, *fc;
    CHECK_CUDA(cudaMalloc(&fa, n * m * sizeof(float)));
    CHECK_CUDA(cudaMalloc(&fc, m * n * sizeof(float)));
    std::vector<float> hfa(n * m), hfc(m * n), rf(m * n);
    for (int i = 0; i < n * m; ++i) hfa[i] = (float)(i % 9) - 4;
    for (int i = 0; i < m * n; ++i) hfc[i] = (float)(i % 5) * 0.5f;
    CHECK_CUDA(cudaMemcpy(fa, hfa.data(), n * m * sizeof(float), cudaMemcpyHostToDevice));
    CHECK_CUDA(cudaMemcpy(fc, hfc.data(), m * n * sizeof(float), cudaMemcpyHostToDevice));
    float f2 = 2.0f, f3 = 3.0f;
    CHECK_BLAS(cublasSgeam(h, CUBLAS_OP_T, CUBLAS_OP_N, m, n, &f2, fa, n, &f3, fc, m, fc, m));
    CHECK_CUDA(cudaMemcpy(rf.data(), fc, m * n * sizeof(float), cudaMemcpyDeviceToHost));
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < m; ++i) CHECK(rf[i + j * m] == 2 * hfa[j + i * n] + 3 * hfc[i + j * m]);
    printf("ok sgeam\n");

    CHECK(cublasSgemm(nullptr, CUBLAS_OP_N, CUBLAS_OP_N, 1, 1, 1, &f2, fa, 1, fa, 1, &f2, fc, 1) ==
          CUBLAS_STATUS_NOT_INITIALIZED);
    CHECK(cublasSaxpy(h, 4, &f2, fa, 1, (float*)&hfc[0], 1) == CUBLAS_STATUS_INVALID_VALUE);  // a host pointer
    CHECK_BLAS(cublasDestroy(h));
    CHECK_CUDA(cudaStreamDestroy(st));
    printf("PASS\n");
    return 0;
}
