"""Seeded input generation and the NumPy oracle of a case.
Inputs: a Case, its size environment and a seed. Outputs: host arrays for every buffer/symbol with an `init`,
scalar values (plain numbers, dicts for structs) and, through oracle.py, the expected outputs.
"""

from __future__ import annotations

import importlib.util
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from translator.difftest import expr
from translator.difftest.schema import Array, Case, CaseError


def _special_values(dt: np.dtype, names: list[str]) -> np.ndarray:
    fi = np.finfo(dt)
    table = {"zero": 0.0, "negzero": -0.0, "inf": np.inf, "-inf": -np.inf, "nan": np.nan, "one": 1.0, "-one": -1.0,
             "denormal": float(fi.smallest_subnormal) * 3, "max": float(fi.max), "min": float(fi.min)}
    return np.array([table[n] for n in names], dtype=dt)


def _fill(rng: np.random.Generator, init: Any, dt: np.dtype, count: int) -> np.ndarray:
    if isinstance(init, str):
        init = {init: None}
    gen = next(k for k in init if k not in ("specials", "special_rate"))
    arg = init[gen]
    if gen == "zeros":
        out = np.zeros(count, dt)
    elif gen == "ones":
        out = np.ones(count, dt)
    elif gen == "const":
        out = np.full(count, arg, dt)
    elif gen == "uniform":
        out = rng.uniform(arg[0], arg[1], count).astype(dt)
    elif gen == "normal":
        out = rng.normal(arg[0], arg[1], count).astype(dt)
    elif gen == "randint":
        out = rng.integers(int(arg[0]), int(arg[1]), count, dtype=np.int64).astype(dt)
    elif gen == "arange":
        out = (arg[0] + arg[1] * np.arange(count)).astype(dt)
    elif gen == "permutation":
        out = rng.permutation(count).astype(dt)
    elif gen == "choice":
        out = rng.choice(np.array(arg), count).astype(dt)
    else:
        raise CaseError(f"generator {gen!r} is produced by oracle.py inputs(), not here")
    specials = init.get("specials")
    if specials and count:
        rate = float(init.get("special_rate", 0.05))
        mask = rng.random(count) < rate
        vals = _special_values(dt, list(specials))
        out[mask] = vals[rng.integers(0, len(vals), int(mask.sum()))]
    return out


def load_module(path: Path) -> Any:
    name = "cudaport_case_" + str(zlib.crc32(str(path).encode()))
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def shape_of(a: Array, env: dict[str, Any]) -> tuple[int, ...]:
    return tuple(max(int(expr.evaluate(d, env)), 0) for d in a.shape)


def make_inputs(case: Case, env: dict[str, Any], seed: int) -> dict[str, Any]:
    """All initial values: arrays (buffers and symbols, shaped) and scalars, keyed by name."""
    values: dict[str, Any] = {}
    custom: dict[str, np.ndarray] = {}
    if any(_is_custom(a.init) for a in case.arrays()):
        mod = load_module(case.dir / "oracle.py") if case.has_oracle else None
        if mod is None or not hasattr(mod, "inputs"):
            raise CaseError(f"{case.dir / 'case.yaml'}:1: `init: custom` needs a function inputs(rng, sizes) "
                            "in oracle.py")
        custom = mod.inputs(np.random.default_rng(seed), dict(env))
    for a in case.arrays():
        shape = shape_of(a, env)
        count = int(np.prod(shape)) if shape else 1
        if _is_custom(a.init):
            if a.name not in custom:
                raise CaseError(f"{case.dir / 'oracle.py'}:1: inputs() returned no array {a.name!r}")
            arr = np.asarray(custom[a.name], dtype=a.dtype)
            if arr.size != count:
                raise CaseError(f"{case.dir / 'oracle.py'}:1: inputs()[{a.name!r}] has {arr.size} elements, "
                                f"the case file says {count}")
            values[a.name] = arr.reshape(shape)
            continue
        rng = np.random.default_rng([seed, zlib.crc32(a.name.encode())])
        init = a.init if a.init is not None else "zeros"
        if a.dtype.fields:
            arr = np.zeros(count, a.dtype)
            for fname, (fdt, _off) in a.dtype.fields.items():
                sub = fdt.base
                n = count * int(np.prod(fdt.shape)) if fdt.shape else count
                gen_init = init if sub.kind == "f" or not _is_float_gen(init) else {"randint": [0, 100]}
                arr[fname] = _fill(rng, gen_init, sub, n).reshape(arr[fname].shape)
        else:
            arr = _fill(rng, init, a.dtype, count)
        values[a.name] = arr.reshape(shape)
    for s in case.scalars.values():
        if s.dtype is None:
            values[s.name] = {f: fdt.type(expr.evaluate(v, env)).item() for f, (fdt, v) in s.fields.items()}
        else:
            values[s.name] = s.dtype.type(expr.evaluate(s.value, env)).item()
    return values


def _is_custom(init: Any) -> bool:
    return init == "custom" or (isinstance(init, dict) and "custom" in init)


def _is_float_gen(init: Any) -> bool:
    return isinstance(init, dict) and ("uniform" in init or "normal" in init)


def scalar_params(case: Case, values: dict[str, Any]) -> list[tuple[str, Any]]:
    """(name, value) lines for the harness parameter file, scalars and struct fields as `s.field`."""
    out: list[tuple[str, Any]] = []
    for s in case.scalars.values():
        if s.dtype is None:
            out.extend((f"{s.name}.{f}", v) for f, v in values[s.name].items())
        else:
            out.append((s.name, values[s.name]))
    return out


def run_oracle(case: Case, values: dict[str, Any], env: dict[str, Any]) -> dict[str, np.ndarray]:
    mod = load_module(case.dir / "oracle.py")
    if not hasattr(mod, "oracle"):
        raise CaseError(f"{case.dir / 'oracle.py'}:1: defines no function oracle(inputs, sizes)")
    inp = {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in values.items()}
    result = mod.oracle(inp, dict(env))
    expected: dict[str, np.ndarray] = {}
    for a in case.outputs():
        if a.name not in result:
            raise CaseError(f"{case.dir / 'oracle.py'}:1: oracle() returned no {a.name!r} (outputs: "
                            f"{', '.join(o.name for o in case.outputs())})")
        expected[a.name] = np.asarray(result[a.name]).astype(a.dtype, copy=False).reshape(shape_of(a, env))
    return expected
