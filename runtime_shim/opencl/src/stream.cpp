// Streams as in-order OpenCL queues with CUDA's legacy default stream ordering, events as markers with
// profiling timestamps, host functions in stream order (marker callback + user event).
#include <chrono>
#include <condition_variable>
#include <deque>
#include <cstdio>
#include <thread>

#include "cp_internal.hpp"

namespace cp {

CUstream_st* stream_of(cudaStream_t s) {
    State& g = state();
    if (s == nullptr || s == cudaStreamLegacy || s == cudaStreamPerThread) return &g.default_stream;
    for (CUstream_st* u : g.streams)
        if (u == s) return u;
    return nullptr;
}

// Legacy default stream: a command in stream 0 waits for all earlier work in blocking streams, and a
// command in a blocking stream waits for all earlier work in stream 0. Counters avoid a barrier when the
// other queue has had nothing new since the last wait.
void order_before_enqueue(CUstream_st* s) {
    State& g = state();
    CUstream_st& d = g.default_stream;
    if (s->is_default) {
        std::vector<cl_event> waits;
        for (CUstream_st* u : g.streams) {
            if ((u->flags & cudaStreamNonBlocking) || u->submitted == u->synced_to_default) continue;
            cl_event m = nullptr;
            if (clEnqueueMarkerWithWaitList(u->q, 0, nullptr, &m) == CL_SUCCESS) {
                clFlush(u->q);
                waits.push_back(m);
            }
            u->synced_to_default = u->submitted;
        }
        if (!waits.empty()) {
            clEnqueueBarrierWithWaitList(d.q, (cl_uint)waits.size(), waits.data(), nullptr);
            for (cl_event m : waits) clReleaseEvent(m);
        }
    } else if (!(s->flags & cudaStreamNonBlocking) && d.submitted != s->default_seen) {
        cl_event m = nullptr;
        if (clEnqueueMarkerWithWaitList(d.q, 0, nullptr, &m) == CL_SUCCESS) {
            clFlush(d.q);
            clEnqueueBarrierWithWaitList(s->q, 1, &m, nullptr);
            clReleaseEvent(m);
        }
        s->default_seen = d.submitted;
    }
}

void note_enqueued(CUstream_st* s) { ++s->submitted; }

static cudaError_t sync_stream(CUstream_st* s) {
    if (state().n_coarse_managed) return finish_all();  // remapping managed memory needs a quiet device
    order_before_enqueue(s);
    uint64_t seen = s->submitted;
    cl_event m = nullptr;
    cl_int err = clEnqueueMarkerWithWaitList(s->q, 0, nullptr, &m);
    if (err == CL_SUCCESS) err = clWaitForEvents(1, &m);
    if (err == CL_SUCCESS) s->idle_at = seen;
    cudaError_t e = m ? check_event(m) : cudaSuccess;
    if (m) clReleaseEvent(m);
    if (err == CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST) {
        set_sticky(cudaErrorLaunchFailure);
        return cudaErrorLaunchFailure;
    }
    return err != CL_SUCCESS ? from_cl(err) : e;
}

}  // namespace cp

using namespace cp;

extern "C" {

cudaError_t cudaStreamCreateWithFlags(cudaStream_t* pStream, unsigned int flags) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!pStream) return fail(cudaErrorInvalidValue);
    cl_int err = CL_SUCCESS;
    cl_command_queue q = new_queue(&err);
    if (err != CL_SUCCESS) return fail(from_cl(err));
    CUstream_st* s = new CUstream_st();
    s->q = q;
    s->flags = flags;
    // A new stream has nothing to order against the default stream's past work... except that CUDA
    // orders it after earlier stream-0 work at its first command: default_seen = 0 gives exactly that.
    state().streams.push_back(s);
    *pStream = s;
    return cudaSuccess;
}

cudaError_t cudaStreamCreate(cudaStream_t* pStream) { return cudaStreamCreateWithFlags(pStream, cudaStreamDefault); }

cudaError_t cudaStreamCreateWithPriority(cudaStream_t* pStream, unsigned int flags, int) {
    return cudaStreamCreateWithFlags(pStream, flags);
}

cudaError_t cudaStreamDestroy(cudaStream_t stream) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    State& g = state();
    for (size_t k = 0; k < g.streams.size(); ++k) {
        if (g.streams[k] != stream) continue;
        clFlush(stream->q);
        clReleaseCommandQueue(stream->q);  // pending work still completes, as in CUDA
        delete stream;
        g.streams.erase(g.streams.begin() + (long)k);
        return cudaSuccess;
    }
    return fail(cudaErrorInvalidResourceHandle);
}

cudaError_t cudaStreamSynchronize(cudaStream_t stream) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    CUstream_st* s = stream_of(stream);
    if (!s) return fail(cudaErrorInvalidResourceHandle);
    return fail(sync_stream(s));
}

cudaError_t cudaStreamQuery(cudaStream_t stream) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    CUstream_st* s = stream_of(stream);
    if (!s) return fail(cudaErrorInvalidResourceHandle);
    if (s->idle_at == s->submitted) return cudaSuccess;  // nothing enqueued since the host saw it drained
    uint64_t seen = s->submitted;
    cl_event m = nullptr;
    cl_int err = clEnqueueMarkerWithWaitList(s->q, 0, nullptr, &m);
    if (err != CL_SUCCESS) return fail(from_cl(err));
    clFlush(s->q);
    // The marker completes as soon as the queue drains; give an idle queue a moment to get there.
    cl_int status = CL_COMPLETE;
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(2);
    do {
        clGetEventInfo(m, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof(status), &status, nullptr);
        if (status <= CL_COMPLETE) break;
        std::this_thread::yield();
    } while (std::chrono::steady_clock::now() < until);
    e = status < 0 ? check_event(m) : status == CL_COMPLETE ? cudaSuccess : cudaErrorNotReady;
    if (e == cudaSuccess) s->idle_at = seen;
    clReleaseEvent(m);
    return fail(e);
}

cudaError_t cudaStreamGetFlags(cudaStream_t stream, unsigned int* flags) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    CUstream_st* s = stream_of(stream);
    if (!s || !flags) return fail(s ? cudaErrorInvalidValue : cudaErrorInvalidResourceHandle);
    *flags = s->flags;
    return cudaSuccess;
}

cudaError_t cudaStreamWaitEvent(cudaStream_t stream, cudaEvent_t event, unsigned int) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    CUstream_st* s = stream_of(stream);
    if (!s || !event) return fail(cudaErrorInvalidResourceHandle);
    if (!event->ev) return cudaSuccess;  // never recorded: nothing to wait for (CUDA does the same)
    order_before_enqueue(s);
    cl_int err = clEnqueueBarrierWithWaitList(s->q, 1, &event->ev, nullptr);
    note_enqueued(s);
    return fail(from_cl(err));
}

struct HostCall {
    cudaHostFn_t fn = nullptr;
    cudaStreamCallback_t cb = nullptr;
    cudaStream_t stream = nullptr;
    void* data = nullptr;
    cl_event gate = nullptr;
    cl_int status = CL_COMPLETE;
};

// Host functions run on one shim thread, in submission order: OpenCL may call event callbacks
// synchronously from clSetEventCallback (PoCL does when the marker is already complete) or on its own
// worker threads, and neither may block on user code.
class HostCallRunner {
public:
    void post(HostCall* h) {
        std::lock_guard<std::mutex> lock(mu_);
        if (!started_) {
            std::thread(&HostCallRunner::loop, this).detach();
            started_ = true;
        }
        jobs_.push_back(h);
        cv_.notify_one();
    }

private:
    void loop() {
        for (;;) {
            HostCall* h = nullptr;
            {
                std::unique_lock<std::mutex> lock(mu_);
                cv_.wait(lock, [this] { return !jobs_.empty(); });
                h = jobs_.front();
                jobs_.pop_front();
            }
            if (h->fn) h->fn(h->data);
            if (h->cb) h->cb(h->stream, h->status == CL_COMPLETE ? cudaSuccess : cudaErrorLaunchFailure, h->data);
            clSetUserEventStatus(h->gate, CL_COMPLETE);
            clReleaseEvent(h->gate);
            delete h;
        }
    }
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<HostCall*> jobs_;
    bool started_ = false;
};

static HostCallRunner& runner() {
    static HostCallRunner* r = new HostCallRunner();  // never destroyed: its thread outlives main
    return *r;
}

static void CL_CALLBACK run_host_call(cl_event marker, cl_int status, void* p) {
    HostCall* h = static_cast<HostCall*>(p);
    h->status = status;
    clReleaseEvent(marker);
    runner().post(h);
}

// The host function runs when the stream's earlier work is done (marker callback); later work in the
// stream waits on a user event that the callback completes.
static cudaError_t enqueue_host_call(cudaStream_t stream, HostCall* h) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) {
        delete h;
        return e;
    }
    CUstream_st* s = stream_of(stream);
    if (!s) {
        delete h;
        return fail(cudaErrorInvalidResourceHandle);
    }
    cl_int err = CL_SUCCESS;
    h->gate = clCreateUserEvent(state().ctx, &err);
    if (err != CL_SUCCESS) {
        delete h;
        return fail(from_cl(err));
    }
    order_before_enqueue(s);
    cl_event marker = nullptr;
    err = clEnqueueMarkerWithWaitList(s->q, 0, nullptr, &marker);
    if (err == CL_SUCCESS) err = clEnqueueBarrierWithWaitList(s->q, 1, &h->gate, nullptr);
    if (err == CL_SUCCESS) err = clSetEventCallback(marker, CL_COMPLETE, run_host_call, h);
    if (err != CL_SUCCESS) {
        clSetUserEventStatus(h->gate, CL_COMPLETE);
        clReleaseEvent(h->gate);
        if (marker) clReleaseEvent(marker);
        delete h;
        return fail(from_cl(err));
    }
    clFlush(s->q);
    note_enqueued(s);
    return cudaSuccess;
}

cudaError_t cudaLaunchHostFunc(cudaStream_t stream, cudaHostFn_t fn, void* userData) {
    if (!fn) return fail(cudaErrorInvalidValue);
    HostCall* h = new HostCall();
    h->fn = fn;
    h->data = userData;
    return enqueue_host_call(stream, h);
}

cudaError_t cudaStreamAddCallback(cudaStream_t stream, cudaStreamCallback_t callback, void* userData,
                                  unsigned int) {
    if (!callback) return fail(cudaErrorInvalidValue);
    HostCall* h = new HostCall();
    h->cb = callback;
    h->stream = stream;
    h->data = userData;
    return enqueue_host_call(stream, h);
}

cudaError_t cudaEventCreateWithFlags(cudaEvent_t* event, unsigned int flags) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!event) return fail(cudaErrorInvalidValue);
    CUevent_st* ev = new CUevent_st();
    ev->flags = flags;
    *event = ev;
    return cudaSuccess;
}

cudaError_t cudaEventCreate(cudaEvent_t* event) { return cudaEventCreateWithFlags(event, cudaEventDefault); }

cudaError_t cudaEventDestroy(cudaEvent_t event) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!event) return fail(cudaErrorInvalidResourceHandle);
    if (event->ev) clReleaseEvent(event->ev);
    delete event;
    return cudaSuccess;
}

cudaError_t cudaEventRecord(cudaEvent_t event, cudaStream_t stream) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    CUstream_st* s = stream_of(stream);
    if (!s || !event) return fail(cudaErrorInvalidResourceHandle);
    order_before_enqueue(s);
    cl_event m = nullptr;
    cl_int err = clEnqueueMarkerWithWaitList(s->q, 0, nullptr, &m);
    if (err != CL_SUCCESS) return fail(from_cl(err));
    clFlush(s->q);  // so that queries and waits from other queues make progress
    note_enqueued(s);
    if (event->ev) clReleaseEvent(event->ev);
    event->ev = m;
    return cudaSuccess;
}

cudaError_t cudaEventSynchronize(cudaEvent_t event) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!event) return fail(cudaErrorInvalidResourceHandle);
    if (!event->ev) return cudaSuccess;
    cl_int err = clWaitForEvents(1, &event->ev);
    e = check_event(event->ev);
    if (e == cudaSuccess && err != CL_SUCCESS) e = from_cl(err);
    if (e == cudaSuccess && state().n_coarse_managed) e = finish_all();
    return fail(e);
}

cudaError_t cudaEventQuery(cudaEvent_t event) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!event) return fail(cudaErrorInvalidResourceHandle);
    if (!event->ev) return cudaSuccess;
    cl_int status = CL_COMPLETE;
    clGetEventInfo(event->ev, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof(status), &status, nullptr);
    if (status < 0) return fail(check_event(event->ev));
    return status == CL_COMPLETE ? cudaSuccess : cudaErrorNotReady;
}

// Milliseconds between the completion timestamps (device clock, CL_PROFILING_COMMAND_END) of the two
// markers; both must be recorded, complete and created without cudaEventDisableTiming.
cudaError_t cudaEventElapsedTime(float* ms, cudaEvent_t start, cudaEvent_t end) {
    std::unique_lock<std::mutex> lock;
    cudaError_t e = enter(lock);
    if (e != cudaSuccess) return e;
    if (!ms) return fail(cudaErrorInvalidValue);
    if (!start || !end) return fail(cudaErrorInvalidResourceHandle);
    if ((start->flags | end->flags) & cudaEventDisableTiming) return fail(cudaErrorInvalidResourceHandle);
    if (!start->ev || !end->ev) return fail(cudaErrorInvalidResourceHandle);
    cl_ulong t[2] = {0, 0};
    cl_event evs[2] = {start->ev, end->ev};
    for (int k = 0; k < 2; ++k) {
        cl_int status = CL_COMPLETE;
        clGetEventInfo(evs[k], CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof(status), &status, nullptr);
        if (status < 0) return fail(check_event(evs[k]));
        if (status != CL_COMPLETE) return fail(cudaErrorNotReady);
        cl_int err = clGetEventProfilingInfo(evs[k], CL_PROFILING_COMMAND_END, sizeof(cl_ulong), &t[k], nullptr);
        if (err != CL_SUCCESS) return fail(cudaErrorNotSupported);
    }
    *ms = (float)((double)((int64_t)(t[1] - t[0])) / 1.0e6);
    return cudaSuccess;
}

}  // extern "C"
