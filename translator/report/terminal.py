"""Report stage, terminal format: rich tables for a person at a terminal. Every state is spelled out in words
(outcome names, "not available"), so nothing is lost when colour is off: rich honours NO_COLOR, and output to a
file or pipe has no escape codes at all.

Input: a Report and a rich Console. Output: text on the console.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from translator.report.classify import GROUPS, RISK_CATEGORIES
from translator.report.model import OUTCOME_LABELS, OUTCOMES, Report, TargetReport

_STYLE = {"auto": "green", "shim": "cyan", "review": "yellow", "manual": "magenta", "unsupported": "red",
          "user": "dim"}
TOP_UNPORTED = 10
TOP_FILES = 15


def _score(t: TargetReport) -> str:
    return "n/a" if t.score is None else f"{t.score:.1f}% ({t.score_basis})"


def _verification(t: TargetReport) -> str:
    v = t.verification
    if v is None:
        return "not asked (--verify)"
    return f"{v.checked} checked, {v.failed} failed, {v.not_checked} not checked"


def _comparison(report: Report) -> Table:
    table = Table(title="Targets side by side", title_justify="left")
    table.add_column("")
    for t in report.targets:
        table.add_column(t.target, justify="right")
    rows: list[tuple[str, list[str]]] = [
        ("status", ["available" if t.available else "not available in this build" for t in report.targets])]

    def row(label: str, fn, style: str | None = None) -> None:  # type: ignore[no-untyped-def]
        rows.append((f"[{style}]{label}[/]" if style else label,
                     [str(fn(t)) if t.available else "-" for t in report.targets]))

    row("CUDA files", lambda t: len(t.analysed))
    row("lines (CUDA lines)", lambda t: f"{t.lines} ({t.cuda_lines})")
    row("kernels / launches", lambda t: f"{t.kernels} / {t.launches}")
    row("CUDA API uses", lambda t: len(t.uses))
    for o in OUTCOMES:
        row(OUTCOME_LABELS[o], lambda t, o=o: t.outcomes.get(o.value, 0), _STYLE[o.value])
    row("semantic risks", lambda t: len(t.risks))
    row("rule score", lambda t: "n/a" if t.rule_score is None else f"{t.rule_score:.1f}%")
    row("verification (files)", _verification)
    row("portability score", _score, "bold")
    row("predicted to work", lambda t: "yes" if t.predicted_to_work else f"no ({t.capped_by or 'score below '}"
        + (f"{t.threshold:g}%)" if not t.capped_by else ")"))
    row("effort (person-hours)", lambda t: f"{t.effort.hours:.1f}" if t.effort else "0", "bold")
    for label, cells in rows:
        table.add_row(label, *cells)
    return table


def _groups(t: TargetReport) -> Table:
    table = Table(title=f"{t.target}: CUDA API uses by family and outcome", title_justify="left")
    table.add_column("family")
    for o in OUTCOMES:
        table.add_column(o.value, justify="right", style=_STYLE[o.value])
    table.add_column("total", justify="right")
    groups = t.groups()
    for g in GROUPS:
        if g in groups:
            c = groups[g]
            table.add_row(g, *[str(c.get(o.value, 0)) for o in OUTCOMES], str(sum(c.values())))
    return table


def _files(t: TargetReport) -> Table:
    table = Table(title=f"{t.target}: effort per file (heaviest first)", title_justify="left")
    helpers = any(f.helper_uses or f.direct_uses for f in t.files)  # a target with a helper library (SYCL)
    extra = (("helper/direct", "right"),) if helpers else ()
    for name, justify in (("file", "left"), ("status", "left"), ("lines", "right"), ("CUDA lines", "right"),
                          ("kernels", "right"), ("uses", "right"), ("manual+unsupported", "right"),
                          ("findings", "right"), ("verification", "left"), ("score", "right"), ("hours", "right"),
                          *extra):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for f in t.files[:TOP_FILES]:
        hard = f.outcomes.get("manual", 0) + f.outcomes.get("unsupported", 0)
        verified = "-" if f.verification is None else f.verification + (f" ({f.verify_reason})" if f.verify_reason
                                                                          else "")
        table.add_row(f.path, f.status + (f" ({f.reason})" if f.reason else ""), str(f.lines), str(f.cuda_lines),
                      str(len(f.kernels)), str(sum(f.outcomes.values())), str(hard), str(f.findings), verified,
                      "n/a" if f.score is None else f"{f.score:.1f}%", f"{f.effort.hours:.2f}",
                      *((f"{f.helper_uses}/{f.direct_uses}",) if helpers else ()))
    if len(t.files) > TOP_FILES:
        table.caption = f"{len(t.files) - TOP_FILES} more files in the JSON/HTML report"
    return table


def _unported(t: TargetReport) -> Table:
    table = Table(title=f"{t.target}: top unsupported and unmapped APIs", title_justify="left")
    for name in ("API", "family", "outcome", "code", "uses", "where"):
        table.add_column(name)
    for a in t.unported[:TOP_UNPORTED]:
        where = ", ".join(a.locations[:4]) + (f" +{a.count - 4}" if a.count > 4 else "")
        table.add_row(a.api, a.group, a.outcome.value, a.code or "", str(a.count), where)
    return table


def _risks(t: TargetReport) -> Table:
    table = Table(title=f"{t.target}: constructs with semantic risk", title_justify="left")
    for name in ("risk", "codes", "count", "APIs / constructs", "first places"):
        table.add_column(name)
    for c in RISK_CATEGORIES:
        items = [r for r in t.risks if r.category == c.id]
        if not items:
            continue
        apis = sorted({r.api or r.detail for r in items})
        codes = sorted({r.code for r in items if r.code})
        table.add_row(c.label, ", ".join(codes) or "-", str(len(items)), ", ".join(apis[:5]),
                      ", ".join(f"{r.file}:{r.line}" for r in items[:3]))
    return table


def _print_verification(t: TargetReport, console: Console) -> None:
    v = t.verification
    assert v is not None
    console.print(f"verification: {v.method}", highlight=False)
    for note in v.notes:
        console.print(f"  note: {note}", highlight=False, style="yellow")
    failures = [f for f in t.findings if f.code.startswith("CP6")]
    for f in failures[:TOP_UNPORTED]:
        console.print(f"  {f.file}:{f.line}: {f.code} {f.message}", highlight=False, style="red")
    if len(failures) > TOP_UNPORTED:
        console.print(f"  {len(failures) - TOP_UNPORTED} more verification errors in the JSON/HTML report",
                      highlight=False)


def _weights(report: Report) -> str:
    w = report.weights
    parts = [f"per_file {w.per_file:g}", f"per_kernel {w.per_kernel:g}"]
    parts += [f"{k} {v:g}" for k, v in w.outcomes.items()]
    parts += [f"{k} {v:g}" for k, v in w.findings.items()]
    parts += [f"score.{k} {v:g}" for k, v in w.score.as_dict().items()]
    return f"effort weights (hours, from {w.source}): " + ", ".join(parts)


def render(report: Report, console: Console) -> None:
    console.print(f"[bold]cudaport migration report[/] for {report.source} "
                  f"({report.files_scanned} files scanned, cudaport {report.tool_version})", highlight=False)
    for note in report.notes:
        console.print(note, highlight=False, style="yellow")
    if not report.has_cuda:
        console.print(f"No CUDA found in {report.source}: none of its {report.files_scanned} files uses CUDA, "
                      "so there is nothing to port.", highlight=False)
        for t in report.targets:
            if not t.available:
                console.print(f"{t.target}: not available in this build", highlight=False)
        return
    console.print(_comparison(report))
    for t in report.available:
        console.print()
        console.rule(f"[bold]{t.target}[/]")
        console.print(_groups(t))
        console.print(_files(t))
        if t.unported:
            console.print(_unported(t))
        if t.risks:
            console.print(_risks(t))
        if t.verification is not None:
            _print_verification(t, console)
        if t.effort:
            terms = ", ".join(f"{x.item} {x.count}x{x.weight:g}={x.hours:.2f}" for x in t.effort.terms)
            console.print(f"effort {t.effort.hours:.2f} person-hours = {terms}", highlight=False)
    console.print()
    console.print(report.score_definition, highlight=False, style="dim")
    console.print(_weights(report), highlight=False, style="dim")


def render_text(report: Report, width: int = 140) -> str:
    """The terminal report without escape codes, for `-o report.txt`."""
    buf = io.StringIO()
    render(report, Console(file=buf, width=width, color_system=None, force_terminal=False))
    return buf.getvalue()
