"""Data model shared by every stage: tokens and sites found by a front end, findings made by the engine.

Front ends (frontend/) produce a ParsedFile holding Tokens and Sites; the engine turns Sites into Edits
(edits.py) or Findings; reports read Sites and Findings, never output text.
All model types are frozen dataclasses so stages cannot mutate each other's results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A byte range of a file, with the line/column of its start."""

    offset: int
    length: int
    line: int
    col: int

    @property
    def end(self) -> int:
        return self.offset + self.length


class SiteKind(StrEnum):
    NAME = "name"  # an identifier that names a CUDA API: function, type, enum constant, macro, builtin
    INCLUDE = "include"  # the header name of an #include directive
    KERNEL = "kernel"  # a __global__ function definition
    LAUNCH = "launch"  # kernel<<<grid, block, shmem, stream>>>(args)
    SHARED = "shared"  # a __shared__ variable declaration
    ASM = "asm"  # inline assembly


@dataclass(frozen=True, slots=True)
class NameSite:
    """An identifier token naming something a rule may know (cudaMalloc, float4, threadIdx, CUDART_VERSION)."""

    name: str
    span: Span
    # When the identifier is called: `name(args)` or `name<T>(args)`.
    call: Span | None = None  # the whole call expression from the name to the closing parenthesis
    args: tuple[Span, ...] = ()  # each argument's range, whitespace trimmed
    template_args: Span | None = None  # `<...>` between the name and `(` when present
    member: str | None = None  # for builtins written `threadIdx.x`: "x"
    member_span: Span | None = None  # the range `threadIdx.x` covers
    in_directive: bool = False  # inside a preprocessor directive (#define body, #if condition)
    in_device_code: bool | None = None  # None when the front end cannot tell

    @property
    def kind(self) -> SiteKind:
        return SiteKind.NAME


@dataclass(frozen=True, slots=True)
class IncludeSite:
    header: str  # as written, without the delimiters
    angled: bool
    span: Span  # the header name including its delimiters: `<cuda.h>` or `"foo.cuh"`
    directive: Span  # the whole directive line

    @property
    def kind(self) -> SiteKind:
        return SiteKind.INCLUDE


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str  # spelled type
    span: Span


@dataclass(frozen=True, slots=True)
class KernelDef:
    name: str
    span: Span  # whole definition
    name_span: Span
    params: tuple[Param, ...]
    body: Span | None
    template_params: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ("__global__",)

    @property
    def kind(self) -> SiteKind:
        return SiteKind.KERNEL


@dataclass(frozen=True, slots=True)
class KernelLaunch:
    kernel: str  # callee as written (may include template arguments / namespace)
    span: Span  # from the callee to the closing parenthesis of the argument list
    callee: Span
    config: Span  # `<<<...>>>` including the chevrons
    grid: Span
    block: Span
    shmem: Span | None
    stream: Span | None
    args: tuple[Span, ...]

    @property
    def kind(self) -> SiteKind:
        return SiteKind.LAUNCH


@dataclass(frozen=True, slots=True)
class SharedDecl:
    name: str
    type: str
    span: Span
    extern: bool  # extern __shared__: dynamic shared memory sized at launch

    @property
    def kind(self) -> SiteKind:
        return SiteKind.SHARED


@dataclass(frozen=True, slots=True)
class AsmSite:
    span: Span

    @property
    def kind(self) -> SiteKind:
        return SiteKind.ASM


Site = NameSite | IncludeSite | KernelDef | KernelLaunch | SharedDecl | AsmSite


class Severity(StrEnum):
    NOTE = "note"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic attached to a source location: a construct that needs a person, or a parse problem."""

    code: str  # CPnnnn from the diagnostics catalogue
    message: str
    path: str
    line: int
    col: int
    severity: Severity
    api: str | None = None  # the CUDA name involved
    family: str | None = None  # the rule family (runtime, device, libs/cublas, ...)
    offset: int | None = None


@dataclass(slots=True)
class ParsedFile:
    """What a front end knows about one file. `tu` is the clang TranslationUnit when clang parsed it."""

    path: Path
    data: bytes
    frontend: str  # "clang" | "tree-sitter"
    tokens: list[Any]  # lexer tokens (frontend.lexer.Tok), comments excluded
    names: list[NameSite]
    includes: list[IncludeSite]
    kernels: list[KernelDef]
    launches: list[KernelLaunch]
    shared: list[SharedDecl]
    asm: list[AsmSite]
    user_declared: frozenset[str]  # names the user's own code declares (shadowing CUDA names)
    findings: list[Finding] = field(default_factory=list)
    tu: Any = None
    # Names the user declares in local scopes (a variable `y1`, a parameter `round`): name -> byte ranges
    local_scopes: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # arguments for an installed clang that reproduce the libclang parse (frontend.clang.compiler_args)
    compiler_args: tuple[str, ...] = ()

    def declared_locally(self, name: str, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.local_scopes.get(name, ()))

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", errors="surrogateescape")

    def span_text(self, span: Span) -> str:
        return self.data[span.offset : span.end].decode("utf-8", errors="surrogateescape")


class Outcome(StrEnum):
    """What happened to one CUDA API use on one target (the report's columns)."""

    AUTO = "auto"  # translated by a rule
    SHIM = "shim"  # kept, implemented by cudaport's runtime shim for the target
    REVIEW = "review"  # translated, but the behaviour differs in detail (partial, removed APIs)
    MANUAL = "manual"  # left as it was: no rule for this target yet, or a shape the rule cannot rewrite
    UNSUPPORTED = "unsupported"  # the target has no equivalent
    USER = "user"  # the name is the user's own declaration, not CUDA's


@dataclass(frozen=True, slots=True)
class ApiUse:
    name: str
    family: str
    kind: str
    outcome: Outcome
    line: int
    col: int
    code: str | None = None
    form: str = ""  # "helper": through the target's helper library (cpsycl::); "direct": the target's own call


class FileStatus(StrEnum):
    TRANSLATED = "translated"
    PARTIAL = "partial"  # translated, with error findings that need a person
    FAILED = "failed"
    SKIPPED = "skipped"
    COPIED = "copied"  # not CUDA: copied unchanged
