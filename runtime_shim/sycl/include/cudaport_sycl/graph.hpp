// cudaport SYCL runtime: CUDA graphs made by stream capture, on oneAPI's command graphs
// (sycl_ext_oneapi_graph). cudaStreamBeginCapture starts recording the stream's queue into a modifiable
// command_graph, cudaStreamEndCapture ends it and hands the graph out, cudaGraphInstantiate finalizes it into an
// executable graph and cudaGraphLaunch submits that to a stream's queue. Work recorded while capturing is not run
// (as in CUDA), and waiting on a recording queue is an error in SYCL as it is in CUDA. The capture mode
// (global, thread-local, relaxed) only restricts other threads' calls in CUDA; every mode records the same here.
// DPC++'s graphs may refuse a recorded copy to or from host memory that is not USM (a stack array), which CUDA
// graphs take: such a program needs its host buffer from sycl::malloc_host (cudaMallocHost).
// Graphs built node by node (cudaGraphAddKernelNode...) are not mapped (the translator reports them).
// cudaport_sycl.hpp includes this header, so the graph types are known wherever the helper is.
#pragma once

#include <sycl/sycl.hpp>

#include <map>
#include <mutex>

// No include of cudaport_sycl.hpp: it includes this header at its end, after everything used here.

namespace cpsycl {

namespace sycl_graph = sycl::ext::oneapi::experimental;
using graph_t = sycl_graph::command_graph<sycl_graph::graph_state::modifiable>*;
using graph_exec_t = sycl_graph::command_graph<sycl_graph::graph_state::executable>*;

enum stream_capture_mode {
    stream_capture_mode_global = 0,
    stream_capture_mode_thread_local = 1,
    stream_capture_mode_relaxed = 2,
};

namespace detail {
struct captures_t {
    std::mutex mu;
    std::map<sycl::queue*, graph_t> active;  // queue being recorded -> its graph
};
inline captures_t& captures() {
    static captures_t c;
    return c;
}
}  // namespace detail

inline error_t stream_begin_capture(stream_t s, stream_capture_mode mode = stream_capture_mode_global) {
    (void)mode;
    return checked([&] {
        sycl::queue& q = queue_of(s);
        auto g = new sycl_graph::command_graph<sycl_graph::graph_state::modifiable>(q.get_context(), q.get_device());
        g->begin_recording(q);
        auto& c = detail::captures();
        std::lock_guard<std::mutex> lock(c.mu);
        c.active[&q] = g;
    }, error_invalid_value);
}

inline error_t stream_end_capture(stream_t s, graph_t* graph) {
    sycl::queue& q = queue_of(s);
    auto& c = detail::captures();
    graph_t g = nullptr;
    {
        std::lock_guard<std::mutex> lock(c.mu);
        auto it = c.active.find(&q);
        if (it == c.active.end()) return record(error_invalid_value);  // not capturing (CUDA: cudaErrorIllegalState)
        g = it->second;
        c.active.erase(it);
    }
    return checked([&] {
        g->end_recording(q);
        *graph = g;
    }, error_invalid_value);
}

// CUDA 11's (exec, graph, error node, log buffer, size) and CUDA 12's (exec, graph, flags) forms: the
// extra arguments report instantiation errors or ask for launch-time behaviour SYCL graphs do not have.
template <class... Rest>
inline error_t graph_instantiate(graph_exec_t* exec, graph_t graph, Rest...) {
    return checked([&] {
        *exec = new sycl_graph::command_graph<sycl_graph::graph_state::executable>(graph->finalize());
    }, error_invalid_value);
}

inline error_t graph_launch(graph_exec_t exec, stream_t s) {
    return checked([&] { queue_of(s).ext_oneapi_graph(*exec); }, error_invalid_value);
}

inline error_t graph_exec_destroy(graph_exec_t exec) {
    delete exec;
    return success;
}

inline error_t graph_destroy(graph_t graph) {
    delete graph;
    return success;
}

}  // namespace cpsycl
