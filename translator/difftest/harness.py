"""Generates the CUDA host harness of a case: kernel.cu followed by a main() that reads sizes, scalars and input
buffers from files, allocates device memory (cudaMalloc or cudaMallocManaged), sets symbols, launches the kernels
as configured (streams, events, loops), and writes the outputs. The result is ordinary CUDA: nvcc builds it on a
CUDA machine (golden outputs) and `cudaport translate` + `cudaport build` build it for the new target.
Record mode pastes runtime_shim/record/cudaport_record.h in and records every launch.
"""

from __future__ import annotations

from translator.difftest import expr
from translator.difftest.schema import Arg, Array, Case, HostCall, Launch, Loop
from translator.resources import shim_dir

RECORD_HEADER = shim_dir() / "record" / "cudaport_record.h"

_PRELUDE = r"""
// ---- cudaport difftest harness (generated; the kernels above are the case's kernel file) ----
#include <cstdio>
#include <cstdlib>
#include <cstring>

static void cp_check(cudaError_t err, const char* what, int line) {
    if (err != cudaSuccess) {
        fprintf(stderr, "cudaport-harness: line %d: %s failed: %s\n", line, what, cudaGetErrorString(err));
        exit(3);
    }
}
#define CP_CHECK(x) cp_check((x), #x, __LINE__)

static int cp_nparams = 0;
static char cp_pname[512][96];
static char cp_pval[512][64];

static void cp_read_params(const char* dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/params.txt", dir);
    FILE* f = fopen(path, "r");
    if (!f) { fprintf(stderr, "cudaport-harness: cannot open %s\n", path); exit(2); }
    while (cp_nparams < 512 && fscanf(f, "%95s %63s", cp_pname[cp_nparams], cp_pval[cp_nparams]) == 2) ++cp_nparams;
    fclose(f);
}

static const char* cp_param(const char* name) {
    for (int i = 0; i < cp_nparams; ++i)
        if (strcmp(cp_pname[i], name) == 0) return cp_pval[i];
    fprintf(stderr, "cudaport-harness: parameter %s missing from params.txt\n", name);
    exit(2);
}
static inline long long cp_iparam(const char* name) { return strtoll(cp_param(name), 0, 10); }
static inline unsigned long long cp_uparam(const char* name) { return strtoull(cp_param(name), 0, 10); }
static inline double cp_fparam(const char* name) { return strtod(cp_param(name), 0); }

static void cp_read(const char* dir, const char* name, void* dst, size_t bytes) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    FILE* f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "cudaport-harness: cannot open %s\n", path); exit(2); }
    if (bytes && fread(dst, 1, bytes, f) != bytes) {
        fprintf(stderr, "cudaport-harness: short file %s\n", path);
        exit(2);
    }
    fclose(f);
}

static void cp_write(const char* dir, const char* name, const void* src, size_t bytes) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    FILE* f = fopen(path, "wb");
    if (!f || (bytes && fwrite(src, 1, bytes, f) != bytes)) {
        fprintf(stderr, "cudaport-harness: cannot write %s\n", path);
        exit(2);
    }
    fclose(f);
}
"""


def _ptype(ctype: str) -> str:
    return f"{ctype}*"


class _Gen:
    def __init__(self, case: Case, record: bool) -> None:
        self.case = case
        self.record = record
        self.lines: list[str] = []
        self.tmp = 0
        self.rename = {n: f"cp_sz_{n}" for n in case.size_names}
        self.events: list[str] = []

    def e(self, text: object) -> str:
        return expr.to_cpp(text, self.rename)

    def w(self, line: str, indent: int = 1) -> None:
        self.lines.append("    " * indent + line)

    def bytes_expr(self, a: Array) -> str:
        n = " * ".join(f"(size_t)cp_max(0LL, {self.e(d)})" for d in a.shape) or "(size_t)1"
        # element size of the dtype (a float4 buffer is shape [n, 4] of float32); equals sizeof(ctype) for structs
        return f"{n} * {a.dtype.itemsize}"

    def generate(self) -> str:
        case = self.case
        out = [_PRELUDE, expr.CPP_HELPERS]
        if self.record:
            # the low-level API only: the nvcc layer's launch macro holds a <<<>>> the translator must not see
            text = RECORD_HEADER.read_text()
            head, _, rest = text.partition("/* ---- nvcc user layer (begin) ---- */")
            out.append(head + rest.partition("/* ---- nvcc user layer (end) ---- */")[2])
        self.w("int main(int argc, char** argv) {", 0)
        self.w('if (argc < 3) { fprintf(stderr, "usage: %s IN_DIR OUT_DIR\\n", argv[0]); return 2; }')
        self.w("const char* cp_in = argv[1];")
        self.w("const char* cp_out = argv[2];")
        self.w("cp_read_params(cp_in);")
        if self.record:
            self.w("cprec_open(argc > 3 ? argv[3] : 0);")
        for n in case.size_names:
            self.w(f'const long long cp_sz_{n} = cp_iparam("{n}");')
            self.w(f"(void)cp_sz_{n};")
        for s in case.scalars.values():
            if s.dtype is None:
                self.w(f"{s.ctype} cp_s_{s.name};")
                self.w(f"memset(&cp_s_{s.name}, 0, sizeof cp_s_{s.name});")
                for f, (fdt, _v) in s.fields.items():
                    self.w(f'cp_s_{s.name}.{f} = {self.param_read(fdt.kind, f"{s.name}.{f}")};')
            else:
                self.w(f'{s.ctype} cp_s_{s.name} = ({s.ctype}){self.param_read(s.dtype.kind, s.name)};')
        for a in case.buffers.values():
            self.w(f"const size_t cp_nb_{a.name} = {self.bytes_expr(a)};")
            if a.memory == "managed":
                self.w(f"{_ptype(a.ctype)} d_{a.name} = 0;")
                self.w(f"CP_CHECK(cudaMallocManaged((void**)&d_{a.name}, cp_nb_{a.name} ? cp_nb_{a.name} : 1));")
                self.w(f'cp_read(cp_in, "{a.name}", d_{a.name}, cp_nb_{a.name});')
            else:
                pt = _ptype(a.ctype)
                self.w(f"{pt} h_{a.name} = ({pt})malloc(cp_nb_{a.name} ? cp_nb_{a.name} : 1);")
                self.w(f'cp_read(cp_in, "{a.name}", h_{a.name}, cp_nb_{a.name});')
                self.w(f"{_ptype(a.ctype)} d_{a.name} = 0;")
                self.w(f"CP_CHECK(cudaMalloc((void**)&d_{a.name}, cp_nb_{a.name} ? cp_nb_{a.name} : 1));")
                self.w(f"CP_CHECK(cudaMemcpy(d_{a.name}, h_{a.name}, cp_nb_{a.name}, cudaMemcpyHostToDevice));")
            if self.record:
                self.w(f'cprec_track(d_{a.name}, cp_nb_{a.name}, "{a.name}", "{a.ctype}");')
        for a in case.symbols.values():
            self.w(f"const size_t cp_nb_{a.name} = {self.bytes_expr(a)};")
            self.w(f"{_ptype(a.ctype)} h_{a.name} = ({_ptype(a.ctype)})malloc(cp_nb_{a.name});")
            if a.init is not None:
                self.w(f'cp_read(cp_in, "{a.name}", h_{a.name}, cp_nb_{a.name});')
                self.w(f"CP_CHECK(cudaMemcpyToSymbol({a.name}, h_{a.name}, cp_nb_{a.name}));")
        for i in range(1, case.streams + 1):
            self.w(f"cudaStream_t cp_stream{i};")
            self.w(f"CP_CHECK(cudaStreamCreate(&cp_stream{i}));")
        events = sorted(self.collect_events(case.steps))
        for ev in events:
            self.w(f"cudaEvent_t cp_ev_{ev};")
            self.w(f"CP_CHECK(cudaEventCreate(&cp_ev_{ev}));")
        if case.timing:
            self.w("cudaEvent_t cp_t0, cp_t1;")
            self.w("CP_CHECK(cudaEventCreate(&cp_t0));")
            self.w("CP_CHECK(cudaEventCreate(&cp_t1));")
            self.w("CP_CHECK(cudaEventRecord(cp_t0, 0));")
        for step in case.steps:
            self.step(step, 1)
        for i in range(1, case.streams + 1):
            self.w(f"CP_CHECK(cudaStreamSynchronize(cp_stream{i}));")
        if case.timing:
            self.w("CP_CHECK(cudaEventRecord(cp_t1, 0));")
            self.w("CP_CHECK(cudaEventSynchronize(cp_t1));")
            self.w("float cp_ms = 0.0f;")
            self.w("CP_CHECK(cudaEventElapsedTime(&cp_ms, cp_t0, cp_t1));")
            self.w('if (!(cp_ms >= 0.0f)) { fprintf(stderr, "cudaport-harness: negative event time\\n"); return 4; }')
        self.w("CP_CHECK(cudaDeviceSynchronize());")
        for a in case.buffers.values():
            src = f"d_{a.name}" if a.memory == "managed" else f"h_{a.name}"
            if a.output:
                if a.memory != "managed":
                    self.w(f"CP_CHECK(cudaMemcpy(h_{a.name}, d_{a.name}, cp_nb_{a.name}, cudaMemcpyDeviceToHost));")
                self.w(f'cp_write(cp_out, "{a.name}", {src}, cp_nb_{a.name});')
        for a in case.symbols.values():
            if a.output:
                self.w(f"CP_CHECK(cudaMemcpyFromSymbol(h_{a.name}, {a.name}, cp_nb_{a.name}));")
                self.w(f'cp_write(cp_out, "{a.name}", h_{a.name}, cp_nb_{a.name});')
            self.w(f"free(h_{a.name});")
        for a in case.buffers.values():
            self.w(f"CP_CHECK(cudaFree(d_{a.name}));")
            if a.memory != "managed":
                self.w(f"free(h_{a.name});")
        for ev in events:
            self.w(f"CP_CHECK(cudaEventDestroy(cp_ev_{ev}));")
        for i in range(1, case.streams + 1):
            self.w(f"CP_CHECK(cudaStreamDestroy(cp_stream{i}));")
        if self.record:
            self.w("cprec_close();")
        self.w('printf("cudaport-harness: ok\\n");')
        self.w("return 0;")
        self.w("}", 0)
        return "\n".join(out) + "\n" + "\n".join(self.lines) + "\n"

    def param_read(self, kind: str, name: str) -> str:
        return {"f": f'cp_fparam("{name}")', "u": f'cp_uparam("{name}")'}.get(kind, f'cp_iparam("{name}")')

    def collect_events(self, steps: list[Launch | Loop | HostCall]) -> set[str]:
        evs: set[str] = set()
        for s in steps:
            if isinstance(s, Loop):
                evs |= self.collect_events(s.body)
            elif isinstance(s, Launch):
                evs |= {e for e in (s.record_event, s.wait_event) if e}
        return evs

    def step(self, s: Launch | Loop | HostCall, ind: int) -> None:
        if isinstance(s, HostCall):
            self.w("{", ind)
            names = [self.arg(a, n, ind + 1) for n, a in enumerate(s.args)]
            self.w(f"{s.function}({', '.join(names)});", ind + 1)
            self.w("CP_CHECK(cudaGetLastError());", ind + 1)
            self.w("}", ind)
            return
        if isinstance(s, Loop):
            self.rename[s.var] = s.var
            if s.div is not None:
                cond, nxt = f"{s.var} > {self.e(s.stop)}", f"{s.var} /= {self.e(s.div)}"
            else:
                cond = f"{s.var} < {self.e(s.stop)}"
                nxt = f"{s.var} *= {self.e(s.mul)}" if s.mul is not None else f"{s.var} += {self.e(s.add)}"
            self.w(f"for (long long {s.var} = {self.e(s.start)}; {cond}; {nxt}) {{", ind)
            for b in s.body:
                self.step(b, ind + 1)
            self.w("}", ind)
            return
        self.w("{", ind)
        i = ind + 1
        dims = []
        for k, vals in (("grid", s.grid), ("block", s.block)):
            parts = ", ".join(f"(unsigned int)({self.e(v)})" for v in vals)
            self.w(f"dim3 cp_{k}({parts});", i)
            dims.append(f"cp_{k}")
        uses_shmem = bool(s.stream) or str(s.shared) != "0"
        if uses_shmem:
            self.w(f"size_t cp_shmem = (size_t)({self.e(s.shared)});", i)
        stream = f"cp_stream{s.stream}" if s.stream else "0"
        names = []
        for n, a in enumerate(s.args):
            names.append(self.arg(a, n, i))
        if s.wait_event:
            self.w(f"CP_CHECK(cudaStreamWaitEvent({stream}, cp_ev_{s.wait_event}, 0));", i)
        self.w("if (cp_grid.x && cp_grid.y && cp_grid.z) {", i)
        if self.record:
            shm = "cp_shmem" if uses_shmem else "0"
            self.w(f'cprec_begin("{s.kernel}", cp_grid, cp_block, {shm});', i + 1)
            for n, a in enumerate(s.args):
                self.w(self.record_arg(a, n), i + 1)
            self.w("cprec_before();", i + 1)
        cfg = "cp_grid, cp_block" + (", cp_shmem" if uses_shmem else "")
        cfg += f", {stream}" if s.stream else ""
        self.w(f"{s.kernel}<<<{cfg}>>>({', '.join(names)});", i + 1)
        self.w("CP_CHECK(cudaGetLastError());", i + 1)
        if self.record:
            self.w("cprec_after();", i + 1)
        self.w("}", i)
        if s.record_event:
            self.w(f"CP_CHECK(cudaEventRecord(cp_ev_{s.record_event}, {stream}));", i)
        self.w("}", ind)

    def arg(self, a: Arg, n: int, ind: int) -> str:
        name = f"cp_a{n}"
        if a.kind == "buffer":
            buf = self.case.buffers[a.name]
            off = f" + {self.e(a.offset)}" if a.offset not in (None, 0) else ""
            self.w(f"{_ptype(buf.ctype)} {name} = d_{a.name}{off};", ind)
        elif a.kind == "scalar":
            self.w(f"{self.case.scalars[a.name].ctype} {name} = cp_s_{a.name};", ind)
        elif a.kind == "select":
            ctype = self.case.buffers[a.choices[0]].ctype
            sel = self.e(a.text)
            text = f"d_{a.choices[-1]}"
            for idx in range(len(a.choices) - 2, -1, -1):
                text = f"(({sel}) % {len(a.choices)} == {idx} ? d_{a.choices[idx]} : {text})"
            self.w(f"{_ptype(ctype)} {name} = {text};", ind)
        else:
            self.w(f"{a.ctype} {name} = ({a.ctype})({self.e(a.text)});", ind)
        return name

    def record_arg(self, a: Arg, n: int) -> str:
        if a.kind in ("buffer", "select"):
            ctype = self.case.buffers[a.name or a.choices[0]].ctype
            return f'cprec_ptr(cp_a{n}, "{ctype}*");'
        ctype = self.case.scalars[a.name].ctype if a.kind == "scalar" else a.ctype
        return f'cprec_value(&cp_a{n}, sizeof cp_a{n}, "{ctype}");'


def generate(case: Case, record: bool = False) -> str:
    """The complete CUDA source of the case program: the kernel file's text, then the generated main()."""
    return HEAD + case.kernel_file.read_text() + "\n" + _Gen(case, record).generate()


# what a CUDA source file starts with; the translator swaps it for the target's runtime header
HEAD = "#include <cuda_runtime.h>\n"
