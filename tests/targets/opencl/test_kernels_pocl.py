"""Translated kernels run on PoCL through pyopencl: kernels.cu is translated once, its .cl is built once
(SVM path, and with -DCUDAPORT_NO_SVM for the handle-table signature) and every kernel is checked with numpy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from translator.api import translate_text

pytestmark = pytest.mark.opencl

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def translated():
    return translate_text((HERE / "kernels.cu").read_text(), "opencl", name="kernels.cu")


@pytest.fixture(scope="module")
def cl_env(translated, pocl):
    cl, ctx, queue = pocl
    src = translated.extra_files["kernels.cl"].decode()
    prog = cl.Program(ctx, src).build()
    return cl, ctx, queue, prog


def _buf(cl, ctx, arr):
    return cl.Buffer(ctx, cl.mem_flags.READ_WRITE | cl.mem_flags.COPY_HOST_PTR, hostbuf=arr)


def _get(cl, queue, buf, like):
    out = np.empty_like(like)
    cl.enqueue_copy(queue, out, buf)
    queue.finish()
    return out


def test_program_also_builds_for_the_handle_table_path(translated, cl_env):
    cl, ctx, _, _ = cl_env
    cl.Program(ctx, translated.extra_files["kernels.cl"].decode()).build(options=["-DCUDAPORT_NO_SVM=1"])


def test_indexing_1d_2d_3d(cl_env):
    cl, ctx, q, prog = cl_env
    out = np.zeros(256, np.int32)
    b = _buf(cl, ctx, out)
    prog.index1d(q, (256,), (64,), b, np.int32(250))
    got = _get(cl, q, b, out)
    assert list(got[:250]) == [i * 3 + 4 for i in range(250)] and got[250] == 0
    w, h = 20, 12
    out2 = np.zeros(w * h, np.int32)
    b2 = _buf(cl, ctx, out2)
    prog.index2d(q, (24, 16), (8, 4), b2, np.int32(w), np.int32(h))
    got2 = _get(cl, q, b2, out2).reshape(h, w)
    assert got2[5, 7] == 7005 and got2[11, 19] == 19011
    nx, ny, nz = 6, 5, 4
    out3 = np.zeros(nx * ny * nz, np.int32)
    b3 = _buf(cl, ctx, out3)
    prog.index3d(q, (8, 6, 4), (4, 2, 2), b3, np.int32(nx), np.int32(ny), np.int32(nz))
    got3 = _get(cl, q, b3, out3).reshape(nz, ny, nx)
    assert got3[3, 4, 5] == 5 + 40 + 300 + 2000


def test_static_2d_shared_tile_and_barrier(cl_env):
    cl, ctx, q, prog = cl_env
    n = 32
    a = np.arange(n * n, dtype=np.float32)
    out = np.zeros_like(a)
    bi, bo = _buf(cl, ctx, a), _buf(cl, ctx, out)
    prog.tile_transpose(q, (n, n), (16, 16), bi, bo, np.int32(n))
    assert np.array_equal(_get(cl, q, bo, out).reshape(n, n), a.reshape(n, n).T)


def test_dynamic_shared_is_a_local_argument(cl_env):
    cl, ctx, q, prog = cl_env
    a = np.arange(64, dtype=np.int32)
    b = _buf(cl, ctx, a)
    prog.reverse_dynamic(q, (64,), (32,), b, cl.LocalMemory(32 * 4))
    got = _get(cl, q, b, a)
    assert list(got[:32]) == list(range(31, -1, -1)) and list(got[32:]) == list(range(63, 31, -1))


def test_device_functions_cloned_per_address_space(translated, cl_env):
    cl_text = translated.extra_files["kernels.cl"].decode()
    assert "load2(__global const int* p, int i)" in cl_text and "load2(__local const int* p, int i)" in cl_text
    cl, ctx, q, prog = cl_env
    a = np.arange(128, dtype=np.int32)
    out = np.zeros(2, np.int32)
    bi, bo = _buf(cl, ctx, a), _buf(cl, ctx, out)
    prog.spaces(q, (128,), (64,), bi, bo)
    assert list(_get(cl, q, bo, out)) == [2 * sum(range(64)), 2 * sum(range(64, 128))]


def test_integer_atomics(cl_env):
    cl, ctx, q, prog = cl_env
    t = 64
    i32 = np.array([0, 0, 0, 0, 0, 5, 0, 0], np.int32)
    u32 = np.array([0xFFFFFFFF, 0, 0, 0, 0], np.uint32)
    u64 = np.zeros(2, np.uint64)
    cas = np.zeros(t, np.int32)
    bufs = [_buf(cl, ctx, x) for x in (i32, u32, u64, cas)]
    prog.int_atomics(q, (t,), (t,), *bufs)
    gi, gu, g64, gc = (_get(cl, q, b, x) for b, x in zip(bufs, (i32, u32, u64, cas), strict=True))
    assert list(gi[:5]) == [t, -2 * t, -(t - 1), t - 1, 7]
    assert 100 <= gi[5] < 100 + t and list(gc).count(5) == 1  # exactly one thread swaps 5 out
    assert gu[0] == 0 and gu[1] == 0xFFFFFFFF and gu[2] == 0
    assert gu[3] == t % 10 and gu[4] == (-t) % 10
    assert g64[0] == t << 33 and g64[1] == (t - 1) << 34


def test_float_and_double_atomic_add(cl_env):
    cl, ctx, q, prog = cl_env
    v = (np.arange(64, dtype=np.float32) / 8).astype(np.float32)
    f = np.zeros(2, np.float32)
    d = np.zeros(1, np.float64)
    bf, bd, bv = _buf(cl, ctx, f), _buf(cl, ctx, d), _buf(cl, ctx, v)
    prog.float_atomics(q, (64,), (64,), bf, bd, bv)
    gf, gd = _get(cl, q, bf, f), _get(cl, q, bd, d)
    assert gf[0] == v.sum() and gf[1] == v.sum() and gd[0] == v.sum()


def test_math_functions(cl_env):
    cl, ctx, q, prog = cl_env
    n = 64
    x = np.linspace(0.1, 3.0, n).astype(np.float32)
    xd = np.linspace(0.1, 3.0, n)
    y, yd = np.zeros(4 * n, np.float32), np.zeros(n)
    bx, by, bxd, byd = (_buf(cl, ctx, a) for a in (x, y, xd, yd))
    prog.math(q, (n,), (32,), bx, by, bxd, byd, np.int32(n))
    gy = _get(cl, q, by, y).reshape(n, 4)
    xf = x.astype(np.float64)
    np.testing.assert_allclose(gy[:, 0], np.sqrt(xf) + np.exp(-xf), rtol=1e-5)
    np.testing.assert_allclose(gy[:, 1], np.sin(xf) * np.cos(xf), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(gy[:, 2], np.maximum(xf, 0.5) + xf ** 1.5 + 1 / np.sqrt(xf + 1), rtol=1e-5)
    np.testing.assert_allclose(gy[:, 3], np.exp(xf), rtol=2e-3)
    np.testing.assert_allclose(_get(cl, q, byd, yd), np.sqrt(xd) + np.log(xd + 1), rtol=1e-12)


def test_vector_types_with_cuda_layout(cl_env):
    cl, ctx, q, prog = cl_env
    a = np.arange(32 * 4, dtype=np.float32)
    out = np.zeros_like(a)
    iv = np.zeros(32 * 3, np.int32)  # CUDA int3 is 12 bytes
    f3 = np.zeros(32 * 3, np.float32)
    bufs = [_buf(cl, ctx, x) for x in (a, out, iv, f3)]
    prog.vectors(q, (32,), (32,), *bufs)
    go = _get(cl, q, bufs[1], out).reshape(32, 4)
    src = a.reshape(32, 4)
    assert np.array_equal(go, np.stack([src[:, 3], src[:, 2], src[:, 1], src[:, 0] + 1], axis=1))
    assert list(_get(cl, q, bufs[2], iv)[9:12]) == [3, 6, 9]
    assert np.array_equal(_get(cl, q, bufs[3], f3).reshape(32, 3), src[:, :3])


def test_templates_instantiated_per_launched_type(cl_env):
    cl, ctx, q, prog = cl_env
    f = np.arange(32, dtype=np.float32)
    i = np.arange(32, dtype=np.int32)
    bf, bi = _buf(cl, ctx, f), _buf(cl, ctx, i)
    prog.scale_t_float(q, (32,), (32,), bf, np.float32(2.0), np.int32(32))
    prog.scale_t_int(q, (32,), (32,), bi, np.int32(3), np.int32(32))
    assert np.array_equal(_get(cl, q, bf, f), f * 4)
    assert np.array_equal(_get(cl, q, bi, i), i * 6)


def test_struct_by_value(cl_env):
    cl, ctx, q, prog = cl_env
    pair = np.zeros(1, np.dtype([("a", np.int32), ("b", np.float32), ("c", np.float32, 2)]))
    pair[0] = (3, 0.5, (2.0, 4.0))
    out = np.zeros(8, np.float32)
    bo = _buf(cl, ctx, out)
    prog.by_value(q, (8,), (8,), pair, bo)
    assert list(_get(cl, q, bo, out)) == [11.5 + k for k in range(8)]


def test_constant_and_device_symbols_are_extra_pointer_arguments(cl_env):
    cl, ctx, q, prog = cl_env
    scale = np.array([1, 2, 3, 4], np.float32)
    counter = np.array([10], np.int32)
    out = np.zeros(16, np.float32)
    bo, bs, bc = _buf(cl, ctx, out), _buf(cl, ctx, scale), _buf(cl, ctx, counter)
    prog.constants(q, (16,), (16,), bo, bs, bc)
    assert list(_get(cl, q, bo, out)) == [scale[k % 4] * k for k in range(16)]
    assert _get(cl, q, bc, counter)[0] == 15


def test_warp_shuffle_reduction_scan_and_ballot(cl_env):
    cl, ctx, q, prog = cl_env
    n = 128
    rng = np.random.default_rng(3)
    v = rng.integers(-50, 50, n).astype(np.int32)
    sums = np.zeros(n // 32, np.int32)
    ballots = np.zeros(n // 32, np.uint32)
    bcast = np.zeros(n, np.int32)
    scan = np.zeros(n, np.int32)
    bufs = [_buf(cl, ctx, x) for x in (v, sums, ballots, bcast, scan)]
    prog.warp_ops(q, (n,), (64,), *bufs)
    warps = v.reshape(-1, 32)
    assert np.array_equal(_get(cl, q, bufs[1], sums), warps.sum(axis=1))
    want_ballot = [sum(1 << k for k in range(32) if w[k] > 0) for w in warps]
    assert list(_get(cl, q, bufs[2], ballots)) == want_ballot
    xor_partner = v.reshape(-1, 2)[:, ::-1].reshape(-1)
    assert np.array_equal(_get(cl, q, bufs[3], bcast), np.repeat(warps[:, 0], 32) + 1000 * xor_partner)
    assert np.array_equal(_get(cl, q, bufs[4], scan), np.cumsum(warps, axis=1).reshape(-1))


def test_printf_is_kept(translated, cl_env, capfd):
    assert 'printf("hello from the kernel, n=%d\\n", n)' in translated.extra_files["kernels.cl"].decode()
    cl, ctx, q, prog = cl_env
    prog.hello(q, (4,), (4,), np.int32(42))
    q.finish()
    assert "hello from the kernel, n=42" in capfd.readouterr().out
