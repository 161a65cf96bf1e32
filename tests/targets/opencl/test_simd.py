"""CUDA's SIMD-within-a-word intrinsics on PoCL: the .cl prelude's definitions of all 118 against the Python model
of CUDA's semantics on edge and random words, and a translated kernel calling a sample of them (only those reach
its .cl)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.targets.simd_model import KERNEL, NAMES, calls, compare, kernel_model, reference
from translator.api import translate_text
from translator.targets import simd


@pytest.mark.opencl
def test_opencl_definitions_match_cuda_semantics_on_pocl(pocl) -> None:
    cl, ctx, q = pocl
    defs = simd.opencl_definitions({simd.target_name(n, simd.OPENCL) for n in NAMES})
    body = "\n    ".join(calls("cp_"))
    src = (f"{defs}\n__kernel void simd(__global const uint* in, __global uint* out, int n) {{\n"
           f"    int i = get_global_id(0); if (i >= n) return;\n"
           f"    uint a = in[3 * i], b = in[3 * i + 1], c = in[3 * i + 2]; bool p0, p1;\n"
           f"    __global uint* o = out + {2 * len(NAMES)} * i;\n    {body}\n}}\n")
    prog = cl.Program(ctx, src).build()
    rows = reference()[0]
    out = np.zeros((len(rows), 2 * len(NAMES)), np.uint32)
    mf = cl.mem_flags
    bin_ = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=rows)
    bout = cl.Buffer(ctx, mf.WRITE_ONLY, out.nbytes)
    prog.simd(q, (len(rows),), None, bin_, bout, np.int32(len(rows)))
    cl.enqueue_copy(q, out, bout)
    compare(out)


@pytest.mark.opencl
def test_translated_kernel_runs_on_pocl(pocl) -> None:
    cl, ctx, q = pocl
    res = translate_text(KERNEL, "opencl", name="k.cu")
    assert not [f for f in res.findings if f.code in ("CP2001", "CP2002")]
    cl_text = res.extra_files["k.cl"].decode()
    assert "cp_vmaxs4" in cl_text and "cp_vabs2(" not in cl_text  # only the intrinsics the program calls
    prog = cl.Program(ctx, cl_text).build()
    rows = reference()[0][::6]  # edge and random words
    a, b = np.ascontiguousarray(rows[:, 0]), np.ascontiguousarray(rows[:, 1])
    out = np.zeros(8 * len(a), np.uint32)
    mf = cl.mem_flags
    bufs = [cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=x) for x in (a, b, out)]
    prog.k(q, (len(a),), None, *bufs, np.int32(len(a)))
    cl.enqueue_copy(q, out, bufs[2])
    exp = np.array([kernel_model(x, y) for x, y in zip(a.tolist(), b.tolist(), strict=True)], np.uint64)
    assert (out.reshape(-1, 8) == exp.astype(np.uint32)).all()


