"""Draft HIP rules for the CUDA enum, struct and union tag names and versioned typedefs (`CUaddress_mode_enum`,
`CUDA_MEMCPY2D_st`, `CUDA_MEMCPY2D_v2`) that scripts/gen_hip_rules.py left out, from the two header sets.

A CUDA tag belongs to a type: its typedef names and (for an enum) its enumerators. When the rules already map
that typedef or those enumerators to HIP, the HIP header that declares the mapped names says which HIP tag and
typedef the type has; the CUDA tag maps to the HIP tag, a versioned typedef to the HIP typedef. HIP releases
newer than the installed 5.2 come from a HIP git checkout (--hip-git, the public ROCm/HIP repository): a name
found only there is gated with `legacy` below the release that added it. Prints YAML entries to review and
paste; the rule files stay the source of truth.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gen_hip_rules import HIP_TAGS  # noqa: E402  (the HIP release tags both generators read)

from translator.engine.ruleset import load_rules  # noqa: E402

CUDA_INC = Path("/usr/local/cuda/include")
CUDA_FILES = (
    "cuda.h",
    "driver_types.h",
    "surface_types.h",
    "texture_types.h",
    "cuda_runtime_api.h",
    "library_types.h",
    "cudaGL.h",
    "cuda_gl_interop.h",
    "cudaProfiler.h",
)
_TYPEDEF_BODY = re.compile(
    r"\btypedef\s+(enum|struct|union)\s+(?:__\w+__\s+|CUDA_ALIGN\w*\(\d+\)\s+)?(\w+)?\s*"
    r"(?::\s*\w+\s*)?\{"
)
_TYPEDEF_ALIAS = re.compile(r"\btypedef\s+(?:(?:enum|struct|union)\s+)?(\w+)\s+(\w+)\s*;")


@dataclass
class TypeDecl:
    kind: str
    tag: str | None
    names: list[str] = field(default_factory=list)  # typedef names, the main one first
    constants: list[str] = field(default_factory=list)


def _strip(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def scan(text: str) -> list[TypeDecl]:
    """The typedef'd enums, structs and unions of a header, with their aliases (typedef A B;)."""
    text = _strip(text)
    decls: list[TypeDecl] = []
    by_name: dict[str, TypeDecl] = {}
    for m in _TYPEDEF_BODY.finditer(text):
        depth, i = 1, m.end()
        while depth and i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        body = text[m.end() : i - 1]
        tail = re.match(r"\s*([^;]*);", text[i:])
        names = re.findall(r"(?<![*\w])(\w+)", tail.group(1)) if tail else []
        d = TypeDecl(m.group(1), m.group(2), [n for n in names if not n.startswith("__")])
        if d.kind == "enum":
            d.constants = re.findall(r"(?:^|,)\s*(\w+)\s*(?==|,|$)", body.strip())
        decls.append(d)
        for n in [d.tag, *d.names]:
            if n:
                by_name[n] = d
    for m in _TYPEDEF_ALIAS.finditer(text):
        src, alias = m.groups()
        if src in by_name and alias not in by_name:
            by_name[src].names.append(alias)
            by_name[alias] = by_name[src]
    return decls


def hip_decls(hip_git: Path | None) -> tuple[dict[str, TypeDecl], dict[str, str]]:
    """HIP decls by every name they carry, and the release that added a name (absent: HIP 5.2 has it)."""
    by_name: dict[str, TypeDecl] = {}
    for p in sorted(Path("/usr/include/hip").rglob("*.h")):
        for d in scan(p.read_text(errors="replace")):
            for n in [d.tag, *d.names, *d.constants]:
                if n:
                    by_name.setdefault(n, d)
    since: dict[str, str] = {}
    for tag in HIP_TAGS if hip_git else ():
        files = subprocess.run(
            ["git", "-C", str(hip_git), "ls-tree", "-r", "--name-only", tag, "include/hip"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        for f in files:
            if not f.endswith(".h"):
                continue
            text = subprocess.run(
                ["git", "-C", str(hip_git), "show", f"{tag}:{f}"], capture_output=True, text=True, errors="replace"
            ).stdout
            for d in scan(text):
                for n in [d.tag, *d.names, *d.constants]:
                    if n and n not in by_name:
                        by_name[n] = d
                        since[n] = "6.3" if tag == "HEAD" else tag.removeprefix("rocm-").removesuffix(".0")
    return by_name, since


def _hip_of(name: str, rules) -> str | None:  # type: ignore[no-untyped-def]
    rule = rules.get(name)
    mapping = rule.for_target("hip") if rule else None
    if mapping is None or mapping.status == "unsupported" or not mapping.rename:
        return None
    return mapping.rename


def _counterpart(d: TypeDecl, rules, hip: dict[str, TypeDecl]) -> TypeDecl | None:  # type: ignore[no-untyped-def]
    for n in d.names:
        h = _hip_of(n, rules)
        if h and h in hip and h not in hip[h].constants:  # a type maps to a type, never to an enumerator
            return hip[h]
    votes = Counter(id(hip[h]) for c in d.constants if (h := _hip_of(c, rules)) and h in hip)
    if votes:
        best = votes.most_common(1)[0][0]
        return next(hip[h] for c in d.constants if (h := _hip_of(c, rules)) and h in hip and id(hip[h]) == best)
    return None


def _entry(name: str, kind: str, hip_name: str, since: dict[str, str], note: str = "") -> str:
    version = since.get(hip_name)
    if version:
        gate = (
            f'note: "needs HIP {version} or newer", legacy: [{{below: "{version}", rename: {hip_name}, '
            f'code: CP2001, note: "needs HIP {version} or newer"}}]'
        )
        return f"  {name}: {{kind: {kind}, hip: {{rename: {hip_name}, {gate}}}}}"
    if note:
        return f'  {name}: {{kind: {kind}, hip: {{status: partial, rename: {hip_name}, note: "{note}"}}}}'
    return f"  {name}: {{kind: {kind}, hip: {hip_name}}}"


def type_to_constant(rules, hip: dict[str, TypeDecl]) -> list[str]:  # type: ignore[no-untyped-def]
    """Type rules whose HIP name is an enumerator in HIP's headers (a wrong draft to fix by hand)."""
    return sorted(
        f"{name} -> {h}"
        for name, rule in rules.rules.items()
        if rule.kind == "type" and (h := _hip_of(name, rules)) and h in hip and h in hip[h].constants
    )


def drafts(hip_git: Path | None) -> dict[str, list[str]]:
    rules = load_rules()
    hip, since = hip_decls(hip_git)
    out: dict[str, list[str]] = {"driver": [], "runtime": [], "wrong": type_to_constant(rules, hip)}
    seen: set[str] = set()
    for fname in CUDA_FILES:
        path = CUDA_INC / fname
        if not path.is_file():
            continue
        family = "driver" if fname in ("cuda.h", "cudaGL.h", "cudaProfiler.h") else "runtime"
        for d in scan(path.read_text(errors="replace")):
            h = _counterpart(d, rules, hip)
            if h is None:
                continue
            kind = "enum" if d.kind == "enum" else "type"
            missing = [
                n
                for n in [d.tag, *d.names]
                if n and n not in seen and (rules.get(n) is None or _hip_of(n, rules) is None)
            ]
            for n in missing:
                seen.add(n)
                if n == d.tag:
                    if h.tag:
                        out[family].append(_entry(n, "type", h.tag, since))
                    elif h.names:
                        out[family].append(
                            _entry(
                                n,
                                "type",
                                h.names[0],
                                since,
                                note=(f"HIP's {h.names[0]} has no {d.kind} tag: write it without the {d.kind} keyword"),
                            )
                        )
                elif h.names:
                    out[family].append(_entry(n, kind if kind == "type" else "type", h.names[0], since))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hip-git", type=Path, help="a ROCm/HIP git checkout or bare mirror (newer releases)")
    args = ap.parse_args()
    for family, lines in drafts(args.hip_git).items():
        print(f"# {family}: {len(lines)} entries")
        print("\n".join(f"# fix by hand: {ln}" if family == "wrong" else ln for ln in lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
