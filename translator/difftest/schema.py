"""Case files: loads and validates `case.yaml` (schema documented in corpus/cases/README.md) into a Case.
Input: a case directory (kernel.cu, case.yaml, optional oracle.py). Output: Case dataclasses; every problem is
a CaseError whose message is one line `FILE:LINE: what is wrong`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from translator.difftest import expr

DTYPES = {"int8": "signed char", "uint8": "unsigned char", "int16": "short", "uint16": "unsigned short",
          "int32": "int", "uint32": "unsigned int", "int64": "long long", "uint64": "unsigned long long",
          "float32": "float", "float64": "double"}
GENERATORS = {"zeros", "ones", "const", "uniform", "normal", "randint", "arange", "permutation", "custom", "choice"}
SPECIALS = {"zero", "negzero", "inf", "-inf", "nan", "denormal", "max", "min", "one", "-one"}
DEVICES = ("pocl", "oclgrind", "intel")


class CaseError(ValueError):
    """A case file problem, message `FILE:LINE: what`."""


class _Map(dict):
    """A mapping that remembers the line of each key (1-based)."""

    lines: dict[str, int]
    line: int


class _Loader(yaml.SafeLoader):
    pass


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    m = _Map()
    m.lines = {}
    m.line = node.start_mark.line + 1
    for k_node, v_node in node.value:
        key = loader.construct_object(k_node, deep=True)
        if not isinstance(key, str | int):
            raise CaseError(f"{loader.name}:{k_node.start_mark.line + 1}: key {k_node.value!r} is read as "
                            f"{type(key).__name__} by YAML; quote it")
        if isinstance(key, bool):
            raise CaseError(f"{loader.name}:{k_node.start_mark.line + 1}: key {k_node.value!r} is read as a "
                            "boolean by YAML (yes/no/on/off); quote it or rename it")
        if key in m:
            raise CaseError(f"{loader.name}:{k_node.start_mark.line + 1}: duplicate key {key!r}")
        m[key] = loader.construct_object(v_node, deep=True)
        m.lines[str(key)] = k_node.start_mark.line + 1
    return m


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
# YAML 1.1 reads 1e30 and 1.0e30 (no exponent sign) as strings; case files mean numbers, as in YAML 1.2
_Loader.add_implicit_resolver("tag:yaml.org,2002:float",
                              re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$"),
                              list("-+0123456789."))


@dataclass
class Tolerance:
    """How an output is compared: exact, or an element passes if ulp <= `ulp` or |d| <= abs + rel*|expected|.
    `order: any` sorts both sides first; `reduce: sum` compares only the sums (atomically accumulated floats)."""

    exact: bool = False
    ulp: int | None = None
    rel: float | None = None
    abs: float | None = None
    order: str = "index"
    reduce: str | None = None

    def describe(self) -> str:
        if self.exact:
            parts = ["exact"]
        else:
            parts = [f"{k}<={v}" for k, v in (("ulp", self.ulp), ("rel", self.rel), ("abs", self.abs)) if v is not None]
        if self.order == "any":
            parts.append("any order")
        if self.reduce:
            parts.append(f"{self.reduce} only")
        return ", ".join(parts)


@dataclass
class Array:
    """A device buffer or a __constant__/__device__ symbol."""

    name: str
    dtype: np.dtype
    shape: list[Any]
    ctype: str
    init: Any
    output: bool
    tol: Tolerance
    memory: str = "device"          # device | managed (buffers); symbol for symbols
    is_symbol: bool = False
    line: int = 0

    def count(self, env: dict[str, Any]) -> int:
        n = 1
        for dim in self.shape:
            n *= int(expr.evaluate(dim, env))
        return max(n, 0)


@dataclass
class Scalar:
    name: str
    ctype: str
    dtype: np.dtype | None           # None for a struct passed by value
    value: Any = None
    fields: dict[str, tuple[np.dtype, Any]] = field(default_factory=dict)
    line: int = 0


@dataclass
class Arg:
    """One kernel argument: a buffer (optionally offset), a scalar, an integer expression, or a selection."""

    kind: str                        # buffer | scalar | expr | select
    name: str = ""
    offset: Any = None
    text: Any = None
    ctype: str = "int"
    choices: list[str] = field(default_factory=list)


@dataclass
class Launch:
    kernel: str
    grid: list[Any]
    block: list[Any]
    shared: Any
    stream: int
    args: list[Arg]
    record_event: str | None = None
    wait_event: str | None = None
    line: int = 0


@dataclass
class HostCall:
    """A host function of the kernel file called with device buffers and values (library calls: cuBLAS...)."""

    function: str
    args: list[Arg]
    line: int = 0


@dataclass
class Loop:
    var: str
    start: Any
    stop: Any
    mul: Any = None
    add: Any = 1
    div: Any = None                  # counts down: runs while var > stop, var /= div
    body: list[Launch | Loop | HostCall] = field(default_factory=list)
    line: int = 0


@dataclass
class Case:
    name: str
    dir: Path
    description: str
    tags: list[str]
    sizes: dict[str, dict[str, Any]]
    buffers: dict[str, Array]
    scalars: dict[str, Scalar]
    symbols: dict[str, Array]
    streams: int
    steps: list[Launch | Loop | HostCall]
    constraints: list[str]
    prop: dict[str, tuple[int, int]]
    skip: dict[str, str]
    has_oracle: bool
    kernel_file: Path
    timing: bool = False
    oclgrind_allow: dict[str, str] = field(default_factory=dict)

    @property
    def size_names(self) -> list[str]:
        return list(next(iter(self.sizes.values())))

    def arrays(self) -> list[Array]:
        return [*self.buffers.values(), *self.symbols.values()]

    def outputs(self) -> list[Array]:
        return [a for a in self.arrays() if a.output]

    def env(self, size_class: str = "small", overrides: dict[str, int] | None = None) -> dict[str, Any]:
        """Size variables for one size class (derived entries may use earlier ones), with overrides."""
        if size_class not in self.sizes:
            raise CaseError(f"{self.dir / 'case.yaml'}: no size class {size_class!r} "
                            f"(has: {', '.join(self.sizes)})")
        env: dict[str, Any] = {}
        for k, v in self.sizes[size_class].items():
            env[k] = overrides[k] if overrides and k in overrides else expr.evaluate(v, env)
        return env

    def check_constraints(self, env: dict[str, Any]) -> str | None:
        for c in self.constraints:
            if not expr.evaluate(c, env):
                return c
        return None


def load_case(case_dir: Path) -> Case:
    case_dir = Path(case_dir)
    path = case_dir / "case.yaml"
    if not path.is_file():
        raise CaseError(f"{path}:1: missing case file (a case folder holds case.yaml and its kernel file)")
    text = path.read_text()
    loader = _Loader(text)
    loader.name = str(path)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise CaseError(f"{path}:{line}: invalid YAML: {exc.problem}") from None
    finally:
        loader.dispose()
    if not isinstance(data, _Map):
        raise CaseError(f"{path}:1: the case file must be a mapping")
    return _Builder(path, case_dir).build(data)


class _Builder:
    TOP = {"description", "kernel_file", "tags", "sizes", "buffers", "scalars", "symbols", "streams", "kernels",
           "constraints", "property", "skip", "timing",
           "oclgrind_allow"}

    def __init__(self, path: Path, case_dir: Path) -> None:
        self.path = path
        self.dir = case_dir

    def err(self, line: int, msg: str) -> CaseError:
        return CaseError(f"{self.path}:{line}: {msg}")

    def line(self, m: Any, key: str | None = None) -> int:
        if isinstance(m, _Map):
            return m.lines.get(key, m.line) if key is not None else m.line
        return 1

    def keys(self, m: Any, allowed: set[str], what: str, line: int) -> _Map:
        if not isinstance(m, _Map):
            raise self.err(line, f"{what}: expected a mapping, got {type(m).__name__}")
        for k in m:
            if k not in allowed:
                raise self.err(m.lines[str(k)], f"{what}: unknown key {k!r} (allowed: {', '.join(sorted(allowed))})")
        return m

    def expr_ok(self, value: Any, line: int, what: str, known: set[str]) -> Any:
        try:
            unknown = expr.names(value) - known
        except expr.ExprError as exc:
            hint = " (quote expressions with commas inside [...] lists: \"cdiv(n, 256)\")" if "never closed" in str(
                exc) or str(value).endswith(")") and "(" not in str(value) else ""
            raise self.err(line, f"{what}: {exc}{hint}") from None
        if unknown:
            raise self.err(line, f"{what}: unknown name {sorted(unknown)[0]!r} (known: {', '.join(sorted(known))})")
        return value

    def build(self, d: _Map) -> Case:  # noqa: C901
        self.keys(d, self.TOP, "case", 1)
        for req in ("sizes", "kernels"):
            if req not in d:
                raise self.err(1, f"missing required key {req!r}")
        kernel_file = self.dir / str(d.get("kernel_file", "kernel.cu"))
        if not kernel_file.is_file():
            raise self.err(self.line(d, "kernel_file") if "kernel_file" in d else 1,
                           f"kernel file {kernel_file.name} not found next to the case file")
        sizes = self.keys(d["sizes"], set(d["sizes"]) if isinstance(d["sizes"], dict) else set(), "sizes",
                          self.line(d, "sizes"))
        if "small" not in sizes:
            raise self.err(self.line(d, "sizes"), "sizes: needs a 'small' class (also 'medium' is recommended)")
        size_names: list[str] | None = None
        parsed_sizes: dict[str, dict[str, Any]] = {}
        for cls, vals in sizes.items():
            vals = self.keys(vals, set(vals) if isinstance(vals, dict) else set(), f"sizes.{cls}",
                             self.line(sizes, cls))
            if size_names is None:
                size_names = list(vals)
            elif list(vals) != size_names:
                raise self.err(self.line(sizes, cls), f"sizes.{cls}: must define the same names in the same order "
                                                      f"as the first class ({', '.join(size_names)})")
            known: set[str] = set()
            for k, v in vals.items():
                if not str(k).isidentifier():
                    raise self.err(vals.lines[k], f"sizes.{cls}: {k!r} is not an identifier")
                self.expr_ok(v, vals.lines[k], f"sizes.{cls}.{k}", known)
                known.add(k)
            parsed_sizes[str(cls)] = dict(vals)
        names = set(size_names or [])
        buffers = {k: self.array(k, v, names, False) for k, v in self.mapping(d, "buffers").items()}
        symbols = {k: self.array(k, v, names, True) for k, v in self.mapping(d, "symbols").items()}
        scalars = {k: self.scalar(k, v, names) for k, v in self.mapping(d, "scalars").items()}
        clash = (set(buffers) & set(scalars)) | (set(buffers) & set(symbols)) | (names & (set(buffers) | set(scalars)))
        if clash:
            raise self.err(1, f"name {sorted(clash)[0]!r} is used twice (sizes, buffers, scalars and symbols share "
                              "one namespace)")
        streams = d.get("streams", 0)
        if not isinstance(streams, int) or not 0 <= streams <= 8:
            raise self.err(self.line(d, "streams"), "streams: expected an integer 0..8")
        kernels = d["kernels"]
        if not isinstance(kernels, list) or not kernels:
            raise self.err(self.line(d, "kernels"), "kernels: expected a non-empty list of launches")
        self.ctx = (buffers, scalars, names, streams)
        steps = [self.step(s, self.line(d, "kernels"), set()) for s in kernels]
        constraints = d.get("constraints", [])
        if not isinstance(constraints, list):
            raise self.err(self.line(d, "constraints"), "constraints: expected a list of expressions")
        for c in constraints:
            self.expr_ok(c, self.line(d, "constraints"), "constraints", names)
        prop = {}
        if "property" in d:
            pm = self.keys(d["property"], names, "property", self.line(d, "property"))
            for k, v in pm.items():
                if not (isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v) and v[0] <= v[1]):
                    raise self.err(pm.lines[k], f"property.{k}: expected [min, max] integers")
                prop[k] = (v[0], v[1])
        skip = dict(self.keys(d.get("skip", _Map()), set(DEVICES), "skip", self.line(d, "skip")))
        allow = d.get("oclgrind_allow", _Map())
        if not isinstance(allow, dict) or not all(isinstance(v, str) and v for v in allow.values()):
            raise self.err(self.line(d, "oclgrind_allow"), "oclgrind_allow: expected a mapping of message text -> "
                                                           "reason why that Oclgrind report is expected")
        desc = d.get("description", "")
        if not isinstance(desc, str):
            raise self.err(self.line(d, "description"), "description: expected a string")
        has_oracle = (self.dir / "oracle.py").is_file()
        if not has_oracle and not any(a.output for a in [*buffers.values(), *symbols.values()]):
            raise self.err(1, "no output: mark at least one buffer or symbol `output: true`")
        return Case(name=self.dir.name, dir=self.dir, description=desc, tags=list(d.get("tags", [])),
                    sizes=parsed_sizes, buffers=buffers, scalars=scalars, symbols=symbols, streams=streams,
                    steps=steps, constraints=[str(c) for c in constraints], prop=prop, skip=skip,
                    has_oracle=has_oracle, kernel_file=kernel_file, timing=bool(d.get("timing", False)),
                    oclgrind_allow={str(k): str(v) for k, v in allow.items()})

    def mapping(self, d: _Map, key: str) -> _Map:
        v = d.get(key, _Map())
        if v is None:
            v = _Map()
        if not isinstance(v, _Map):
            raise self.err(self.line(d, key), f"{key}: expected a mapping of name -> entry")
        if not hasattr(v, "lines"):
            v.lines, v.line = {}, 1
        for k in v:
            if not str(k).isidentifier():
                raise self.err(v.lines[k], f"{key}: {k!r} is not a C identifier")
        return v

    def dtype(self, value: Any, line: int, what: str) -> tuple[np.dtype, str | None]:
        if isinstance(value, str):
            if value not in DTYPES:
                raise self.err(line, f"{what}: unknown dtype {value!r} (known: {', '.join(DTYPES)}, or "
                                     "{struct: [[field, dtype], ...]})")
            return np.dtype(value), DTYPES[value]
        if isinstance(value, _Map) and set(value) == {"struct"} and isinstance(value["struct"], list):
            fields = []
            for f in value["struct"]:
                if not (isinstance(f, list) and len(f) in (2, 3) and f[1] in DTYPES):
                    raise self.err(line, f"{what}: struct fields are [name, dtype] or [name, dtype, count]")
                fields.append((f[0], f[1]) if len(f) == 2 else (f[0], f[1], (f[2],)))
            return np.dtype(fields, align=True), None
        raise self.err(line, f"{what}: dtype must be a name such as float32 or {{struct: [[x, float32], ...]}}")

    def array(self, name: str, v: Any, sizes: set[str], symbol: bool) -> Array:
        what = f"{'symbols' if symbol else 'buffers'}.{name}"
        allowed = {"dtype", "shape", "ctype", "init", "output", "tol", "memory"}
        m = self.keys(v, allowed - ({"memory"} if symbol else set()), what, 1)
        if "dtype" not in m:
            raise self.err(m.line, f"{what}: missing dtype")
        dt, default_ctype = self.dtype(m["dtype"], self.line(m, "dtype"), what)
        ctype = m.get("ctype", default_ctype)
        if ctype is None:
            raise self.err(m.line, f"{what}: a struct dtype needs `ctype:` (the C++ struct name)")
        shape = m.get("shape", [])
        if not isinstance(shape, list):
            shape = [shape]
        for dim in shape:
            self.expr_ok(dim, self.line(m, "shape"), f"{what}.shape", sizes)
        if not symbol and not shape:
            raise self.err(m.line, f"{what}: a buffer needs a shape (list of size expressions)")
        init = m.get("init", None if m.get("output") else "zeros")
        if init is None and not m.get("output"):
            init = "zeros"
        self.check_init(init, self.line(m, "init"), what, dt)
        memory = m.get("memory", "device")
        if memory not in ("device", "managed"):
            raise self.err(self.line(m, "memory"), f"{what}.memory: expected device or managed")
        return Array(name=name, dtype=dt, shape=shape, ctype=str(ctype), init=init, output=bool(m.get("output")),
                     tol=self.tol(m.get("tol"), self.line(m, "tol"), what, dt), memory="symbol" if symbol else memory,
                     is_symbol=symbol, line=m.line)

    def check_init(self, init: Any, line: int, what: str, dt: np.dtype) -> None:
        if init is None:
            return
        if isinstance(init, str):
            init = {init: None}
        if not isinstance(init, dict) or not init:
            raise self.err(line, f"{what}.init: expected a generator name or mapping (known: "
                                 f"{', '.join(sorted(GENERATORS))})")
        gens = [k for k in init if k in GENERATORS]
        extra = set(init) - GENERATORS - {"specials", "special_rate"}
        if len(gens) != 1 or extra:
            note = f"; unknown {sorted(extra)[0]!r}" if extra else ""
            raise self.err(line, f"{what}.init: exactly one generator of {', '.join(sorted(GENERATORS))} "
                                 f"(plus optional specials/special_rate){note}")
        g = gens[0]
        arg = init[g]
        two = g in ("uniform", "normal", "randint", "arange")
        if two and not (isinstance(arg, list) and len(arg) == 2 and all(isinstance(x, int | float) for x in arg)):
            raise self.err(line, f"{what}.init.{g}: expected [a, b]")
        if g == "const" and not isinstance(arg, int | float):
            raise self.err(line, f"{what}.init.const: expected a number")
        if g == "choice" and not (isinstance(arg, list) and arg):
            raise self.err(line, f"{what}.init.choice: expected a non-empty list of values")
        if g in ("uniform", "normal") and dt.kind != "f":
            raise self.err(line, f"{what}.init.{g}: only for float dtypes (use randint for integers)")
        specials = init.get("specials")
        if specials is not None:
            if dt.kind != "f":
                raise self.err(line, f"{what}.init.specials: only for float dtypes")
            bad = [s for s in specials if s not in SPECIALS] if isinstance(specials, list) else ["?"]
            if bad:
                raise self.err(line, f"{what}.init.specials: unknown {bad[0]!r} (known: {', '.join(sorted(SPECIALS))})")

    def tol(self, t: Any, line: int, what: str, dt: np.dtype) -> Tolerance:
        if t is None:
            if dt.kind == "f":
                return Tolerance(ulp=4, abs=1e-6 if dt.itemsize == 4 else 1e-13)
            return Tolerance(exact=True)
        if t == "exact":
            return Tolerance(exact=True)
        m = self.keys(t, {"ulp", "rel", "abs", "order", "reduce", "exact"}, f"{what}.tol", line)
        tol = Tolerance(exact=bool(m.get("exact", False)), ulp=m.get("ulp"), rel=m.get("rel"), abs=m.get("abs"),
                        order=m.get("order", "index"), reduce=m.get("reduce"))
        if tol.order not in ("index", "any"):
            raise self.err(self.line(m, "order"), f"{what}.tol.order: expected index or any")
        if tol.reduce not in (None, "sum"):
            raise self.err(self.line(m, "reduce"), f"{what}.tol.reduce: only 'sum' is supported")
        if not tol.exact and tol.ulp is None and tol.rel is None and tol.abs is None:
            tol.exact = True
        for k in ("ulp", "rel", "abs"):
            v = getattr(tol, k)
            if v is not None and (not isinstance(v, int | float) or v < 0):
                raise self.err(self.line(m, k), f"{what}.tol.{k}: expected a non-negative number")
        return tol

    def scalar(self, name: str, v: Any, sizes: set[str]) -> Scalar:
        what = f"scalars.{name}"
        m = self.keys(v, {"dtype", "ctype", "value", "fields"}, what, 1)
        if "fields" in m:
            if "ctype" not in m:
                raise self.err(m.line, f"{what}: a struct scalar needs `ctype:` (the C++ struct name)")
            fm = self.keys(m["fields"], set(m["fields"]) if isinstance(m["fields"], dict) else set(),
                           f"{what}.fields", self.line(m, "fields"))
            fields = {}
            for fname, fv in fm.items():
                fvm = self.keys(fv, {"dtype", "value"}, f"{what}.fields.{fname}", fm.lines[fname])
                if "dtype" not in fvm or "value" not in fvm:
                    raise self.err(fm.lines[fname], f"{what}.fields.{fname}: needs dtype and value")
                dt, _ = self.dtype(fvm["dtype"], fm.lines[fname], what)
                self.expr_ok(fvm["value"], fm.lines[fname], f"{what}.fields.{fname}", sizes)
                fields[str(fname)] = (dt, fvm["value"])
            return Scalar(name=name, ctype=str(m["ctype"]), dtype=None, fields=fields, line=m.line)
        if "dtype" not in m or "value" not in m:
            raise self.err(m.line, f"{what}: needs dtype and value")
        dt, ctype = self.dtype(m["dtype"], self.line(m, "dtype"), what)
        self.expr_ok(m["value"], self.line(m, "value"), f"{what}.value", sizes)
        return Scalar(name=name, ctype=str(m.get("ctype", ctype)), dtype=dt, value=m["value"], line=m.line)

    def step(self, s: Any, line: int, loop_vars: set[str]) -> Launch | Loop | HostCall:
        buffers, scalars, sizes, streams = self.ctx
        if isinstance(s, _Map) and "call" in s:
            m = self.keys(s, {"call", "args"}, "kernels[].call", line)
            if not isinstance(m["call"], str) or not m["call"].isidentifier():
                raise self.err(m.line, "call: expected the name of a host function of the kernel file")
            if not isinstance(m.get("args"), list):
                raise self.err(m.line, f"call {m['call']}: args: expected a list")
            what = f"call {m['call']}"
            return HostCall(function=m["call"], args=[self.arg(a, m.lines["args"], what, sizes | loop_vars)
                                                      for a in m["args"]], line=m.line)
        if isinstance(s, _Map) and "loop" in s:
            m = self.keys(s, {"loop", "body"}, "kernels[].loop", line)
            lm = self.keys(m["loop"], {"var", "start", "stop", "mul", "add", "div"}, "loop", m.line)
            var = lm.get("var")
            if not isinstance(var, str) or not var.isidentifier() or var in sizes | set(buffers) | set(scalars):
                raise self.err(lm.line, "loop.var: expected a new identifier")
            known = sizes | loop_vars
            if sum(k in lm for k in ("mul", "add", "div")) > 1:
                raise self.err(lm.line, "loop: one of mul, add (counting up, var < stop) or div (down, var > stop)")
            for k in ("start", "stop", "mul", "add", "div"):
                if k in lm:
                    self.expr_ok(lm[k], lm.lines[k], f"loop.{k}", known)
            if "start" not in lm or "stop" not in lm:
                raise self.err(lm.line, "loop: needs start and stop (runs while var < stop)")
            body = m.get("body")
            if not isinstance(body, list) or not body:
                raise self.err(m.line, "loop.body: expected a non-empty list of launches")
            return Loop(var=var, start=lm["start"], stop=lm["stop"], mul=lm.get("mul"), div=lm.get("div"),
                        add=lm.get("add", 1) if "mul" not in lm and "div" not in lm else None,
                        body=[self.step(b, m.line, loop_vars | {var}) for b in body], line=lm.line)
        allowed = {"name", "grid", "block", "shared", "stream", "args", "record_event", "wait_event"}
        m = self.keys(s, allowed, "kernels[]", line)
        what = f"kernel {m.get('name', '?')}"
        for req in ("name", "grid", "block", "args"):
            if req not in m:
                raise self.err(m.line, f"{what}: missing {req!r}")
        known = sizes | loop_vars
        dims = {}
        for k in ("grid", "block"):
            v = m[k] if isinstance(m[k], list) else [m[k]]
            if not 1 <= len(v) <= 3:
                raise self.err(m.lines[k], f"{what}.{k}: 1 to 3 expressions")
            for e in v:
                self.expr_ok(e, m.lines[k], f"{what}.{k}", known)
            dims[k] = v
        shared = m.get("shared", 0)
        self.expr_ok(shared, self.line(m, "shared"), f"{what}.shared", known)
        stream = m.get("stream", 0)
        if not isinstance(stream, int) or not 0 <= stream <= streams:
            raise self.err(self.line(m, "stream"), f"{what}.stream: 0 (default) or 1..{streams} (see `streams:`)")
        if not isinstance(m["args"], list):
            raise self.err(m.lines["args"], f"{what}.args: expected a list")
        args = [self.arg(a, m.lines["args"], what, known) for a in m["args"]]
        for k in ("record_event", "wait_event"):
            if k in m and (not isinstance(m[k], str) or not m[k].isidentifier()):
                raise self.err(m.lines[k], f"{what}.{k}: expected an event name")
        return Launch(kernel=str(m["name"]), grid=dims["grid"], block=dims["block"], shared=shared, stream=stream,
                      args=args, record_event=m.get("record_event"), wait_event=m.get("wait_event"), line=m.line)

    def arg(self, a: Any, line: int, what: str, known: set[str]) -> Arg:
        buffers, scalars, _sizes, _ = self.ctx
        if isinstance(a, str) and a in buffers:
            return Arg("buffer", name=a)
        if isinstance(a, str) and a in scalars:
            return Arg("scalar", name=a)
        if isinstance(a, _Map):
            if "buffer" in a:
                self.keys(a, {"buffer", "offset"}, f"{what}.args", line)
                if a["buffer"] not in buffers:
                    raise self.err(a.line, f"{what}.args: unknown buffer {a['buffer']!r}")
                self.expr_ok(a.get("offset", 0), a.line, f"{what}.args.offset", known)
                return Arg("buffer", name=a["buffer"], offset=a.get("offset", 0))
            if "select" in a:
                self.keys(a, {"select", "of"}, f"{what}.args", line)
                self.expr_ok(a["select"], a.line, f"{what}.args.select", known)
                of = a.get("of")
                if not isinstance(of, list) or not of or any(x not in buffers for x in of):
                    raise self.err(a.line, f"{what}.args.of: expected a list of buffer names")
                return Arg("select", text=a["select"], choices=list(of))
            if "expr" in a:
                self.keys(a, {"expr", "ctype"}, f"{what}.args", line)
                self.expr_ok(a["expr"], a.line, f"{what}.args.expr", known)
                return Arg("expr", text=a["expr"], ctype=str(a.get("ctype", "int")))
            raise self.err(a.line, f"{what}.args: a mapping argument needs buffer, select or expr")
        try:
            unknown = expr.names(a) - known
        except expr.ExprError:
            unknown = {str(a)}
        if unknown:
            raise self.err(line, f"{what}.args: {a!r} is not a buffer, scalar, size or loop variable")
        return Arg("expr", text=a)


def discover(paths: list[Path]) -> list[Path]:
    """Case directories under the given paths (a case dir itself, or any folder containing case dirs)."""
    found: list[Path] = []
    for p in paths:
        p = Path(p)
        if (p / "case.yaml").is_file():
            found.append(p)
        elif p.is_dir():
            found.extend(sorted(c.parent for c in p.rglob("case.yaml")))
        else:
            raise CaseError(f"{p}:1: not a case folder (no case.yaml) and not a directory")
    return found
