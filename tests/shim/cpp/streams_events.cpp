// Stream order (in-order queues, cross-stream cudaStreamWaitEvent, legacy default stream ordering with
// blocking streams), events (timing positive and monotonic, query, flags), host functions in stream order.
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "shim_check.h"

static const char* kSource = CP_CL_PREAMBLE R"CL(
// Slow on purpose: each item iterates `iters` times, then stores step(src[i]).
__kernel void slow_step(__global int* dst CP_OFF(dst), __global const int* src CP_OFF(src), int n, int iters) {
    CP_ADJ(__global int*, dst)
    CP_ADJ(__global const int*, src)
    int i = get_global_id(0);
    if (i >= n) return;
    uint acc = (uint)src[i];
    for (int k = 0; k < iters; ++k) acc = acc * 1664525u + 1013904223u;
    dst[i] = src[i] * 2 + 1 + (acc == 0x9e3779b9u ? 1 : 0);  // keeps the loop alive
}
)CL";

static cpProgram* prog() {
    static cpProgram* p = cpRegisterProgram("streams_events.cl", kSource, "-cl-mad-enable");
    return p;
}

static void step(int* dst, const int* src, int n, int iters, cudaStream_t s) {
    cpKernelArg args[] = {cp_ptr(&dst), cp_ptr(&src), cp_val(&n, sizeof(n)), cp_val(&iters, sizeof(iters))};
    CHECK_CUDA(cpLaunchKernel(prog(), "slow_step", dim3((n + 63) / 64), dim3(64), 0, s, args, 4));
}

static std::atomic<int> g_gate{0};
static std::vector<int> g_order;

static void wait_gate(void*) {
    while (!g_gate.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}
static void note(void* p) { g_order.push_back((int)(intptr_t)p); }

int main() {
    const int n = 4096, iters = 2000;
    std::vector<int> h(n), out(n);
    for (int i = 0; i < n; ++i) h[i] = i;
    int *a = nullptr, *b = nullptr, *c = nullptr;
    CHECK_CUDA(cudaMalloc(&a, n * sizeof(int)));
    CHECK_CUDA(cudaMalloc(&b, n * sizeof(int)));
    CHECK_CUDA(cudaMalloc(&c, n * sizeof(int)));
    CHECK_CUDA(cudaMemcpy(a, h.data(), n * sizeof(int), cudaMemcpyHostToDevice));

    // One stream is in order: a -> b -> a -> b, each step depends on the previous one.
    cudaStream_t s1, s2, nb;
    CHECK_CUDA(cudaStreamCreate(&s1));
    CHECK_CUDA(cudaStreamCreateWithFlags(&s2, cudaStreamDefault));
    CHECK_CUDA(cudaStreamCreateWithFlags(&nb, cudaStreamNonBlocking));
    unsigned flags = 7;
    CHECK_CUDA(cudaStreamGetFlags(nb, &flags));
    CHECK(flags == cudaStreamNonBlocking);
    step(b, a, n, iters, s1);
    step(a, b, n, iters, s1);
    step(b, a, n, iters, s1);
    CHECK_CUDA(cudaMemcpyAsync(out.data(), b, n * sizeof(int), cudaMemcpyDeviceToHost, s1));
    CHECK_CUDA(cudaStreamSynchronize(s1));
    CHECK_CUDA(cudaStreamQuery(s1));
    for (int i = 0; i < n; ++i) CHECK(out[i] == ((i * 2 + 1) * 2 + 1) * 2 + 1);
    printf("ok in-order stream\n");

    // Cross-stream dependency through an event (s1 and the non-blocking stream).
    CHECK_CUDA(cudaMemcpy(a, h.data(), n * sizeof(int), cudaMemcpyHostToDevice));
    cudaEvent_t done;
    CHECK_CUDA(cudaEventCreateWithFlags(&done, cudaEventDisableTiming));
    step(b, a, n, iters * 4, s1);
    CHECK_CUDA(cudaEventRecord(done, s1));
    CHECK_CUDA(cudaStreamWaitEvent(nb, done, 0));
    step(c, b, n, 1, nb);
    CHECK_CUDA(cudaMemcpyAsync(out.data(), c, n * sizeof(int), cudaMemcpyDeviceToHost, nb));
    CHECK_CUDA(cudaStreamSynchronize(nb));
    for (int i = 0; i < n; ++i) CHECK(out[i] == (i * 2 + 1) * 2 + 1);
    printf("ok cudaStreamWaitEvent\n");

    // Legacy default stream: work in stream 0 waits for blocking streams and the other way round.
    CHECK_CUDA(cudaMemcpy(a, h.data(), n * sizeof(int), cudaMemcpyHostToDevice));
    step(b, a, n, iters * 4, s2);                                           // blocking stream
    CHECK_CUDA(cudaMemcpy(out.data(), b, n * sizeof(int), cudaMemcpyDeviceToHost));  // stream 0, no sync
    for (int i = 0; i < n; ++i) CHECK(out[i] == i * 2 + 1);
    step(c, a, n, iters * 4, 0);  // stream 0
    step(b, c, n, 1, s1);         // blocking stream must see stream 0's result
    CHECK_CUDA(cudaStreamSynchronize(s1));
    CHECK_CUDA(cudaMemcpy(out.data(), b, n * sizeof(int), cudaMemcpyDeviceToHost));
    for (int i = 0; i < n; ++i) CHECK(out[i] == (i * 2 + 1) * 2 + 1);
    printf("ok legacy default stream ordering\n");

    // Events: elapsed time positive around a kernel and monotonic over successive records.
    cudaEvent_t e0, e1, e2;
    CHECK_CUDA(cudaEventCreate(&e0));
    CHECK_CUDA(cudaEventCreate(&e1));
    CHECK_CUDA(cudaEventCreateWithFlags(&e2, cudaEventBlockingSync));
    float ms = -1.0f;
    CHECK_ERR(cudaEventElapsedTime(&ms, e0, e1), cudaErrorInvalidResourceHandle);  // never recorded
    CHECK_CUDA(cudaEventQuery(e0));                                                 // never recorded: success
    CHECK_CUDA(cudaEventRecord(e0, 0));
    step(b, a, n, iters * 4, 0);
    CHECK_CUDA(cudaEventRecord(e1, 0));
    step(c, b, n, iters, 0);
    CHECK_CUDA(cudaEventRecord(e2));
    CHECK_CUDA(cudaEventSynchronize(e2));
    CHECK_CUDA(cudaEventQuery(e1));
    float t01 = 0, t02 = 0, t12 = 0;
    CHECK_CUDA(cudaEventElapsedTime(&t01, e0, e1));
    CHECK_CUDA(cudaEventElapsedTime(&t02, e0, e2));
    CHECK_CUDA(cudaEventElapsedTime(&t12, e1, e2));
    printf("elapsed ms: e0->e1 %.3f, e1->e2 %.3f, e0->e2 %.3f\n", t01, t12, t02);
    CHECK(t01 > 0.0f && t12 > 0.0f && t02 >= t01 && t02 >= t12);
    CHECK(t02 < 60000.0f);
    CHECK_ERR(cudaEventElapsedTime(&ms, e0, done), cudaErrorInvalidResourceHandle);  // timing disabled
    CHECK_ERR(cudaGetLastError(), cudaErrorInvalidResourceHandle);
    printf("ok event timing\n");

    // Host functions run in stream order; a blocked stream is reported as not ready.
    g_gate = 0;
    CHECK_CUDA(cudaLaunchHostFunc(s1, wait_gate, nullptr));
    CHECK_CUDA(cudaLaunchHostFunc(s1, note, (void*)1));
    step(b, a, n, 1, s1);
    CHECK_CUDA(cudaEventRecord(e1, s1));
    CHECK_CUDA(cudaLaunchHostFunc(s1, note, (void*)2));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK_ERR(cudaStreamQuery(s1), cudaErrorNotReady);
    CHECK_ERR(cudaEventQuery(e1), cudaErrorNotReady);
    CHECK_ERR(cudaPeekAtLastError(), cudaSuccess);  // "not ready" is not an error
    CHECK(g_order.empty());
    g_gate = 1;
    CHECK_CUDA(cudaStreamSynchronize(s1));
    CHECK(g_order.size() == 2 && g_order[0] == 1 && g_order[1] == 2);
    CHECK_CUDA(cudaEventQuery(e1));
    printf("ok host functions and queries\n");

    CHECK_CUDA(cudaEventDestroy(e0));
    CHECK_CUDA(cudaEventDestroy(e1));
    CHECK_CUDA(cudaEventDestroy(e2));
    CHECK_CUDA(cudaEventDestroy(done));
    CHECK_CUDA(cudaStreamDestroy(s1));
    CHECK_CUDA(cudaStreamDestroy(s2));
    CHECK_CUDA(cudaStreamDestroy(nb));
    CHECK_ERR(cudaStreamSynchronize(s1), cudaErrorInvalidResourceHandle);
    CHECK_CUDA(cudaThreadSynchronize());
    CHECK_CUDA(cudaFree(a));
    CHECK_CUDA(cudaFree(b));
    CHECK_CUDA(cudaFree(c));
    printf("PASS\n");
    return 0;
}
