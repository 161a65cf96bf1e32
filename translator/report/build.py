"""Report stage, assembly: runs the one translation pipeline (runner.run with out=None, nothing written) per
target and turns each RunResult into a TargetReport: uses grouped and classified, risks, unported APIs, effort.

Input: a SourceTree (or a RunResult already made by `translate --report`), the RuleSet, the effort weights.
Output: a Report (model.py). Targets whose module is not in this build become "not available" entries.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from translator import __version__
from translator.engine.context import FileResult, Options
from translator.engine.diagnostics import CATALOGUE
from translator.engine.ruleset import RuleSet
from translator.model import Finding, Outcome
from translator.project.runner import RunResult, SkipRecord, run
from translator.project.tree import SourceTree
from translator.report.classify import group_of, risk_of_api, risk_of_code
from translator.report.effort import EffortWeights, estimate
from translator.report.model import (
    FileReport,
    FindingRecord,
    Report,
    RiskItem,
    TargetReport,
    UnportedApi,
    UseRecord,
    VerificationSummary,
    rule_score,
)
from translator.report.verify import FAILED, TargetCheck
from translator.targets.base import UnknownTarget, get_target

_UNPORTED = (Outcome.UNSUPPORTED, Outcome.MANUAL)


def _finding(path: str, f: Finding) -> FindingRecord:
    return FindingRecord(path, f.line, f.col, f.code, f.severity.value, f.message, f.api)


def _uses(path: str, fr: FileResult, rules: RuleSet) -> list[UseRecord]:
    out = []
    for u in fr.uses:
        rule = rules.get(u.name)
        out.append(UseRecord(path, u.line, u.col, u.name, group_of(u.family, rule.section if rule else None),
                             u.family, u.kind, u.outcome, u.code, u.form))
    return out


def _risks(uses: list[UseRecord], findings: list[FindingRecord], rules: RuleSet) -> list[RiskItem]:
    """CP3xxx findings first; then API uses that are risky by nature, unless a finding already marks that spot."""
    items: dict[tuple[str, int, int, str], RiskItem] = {}
    for f in findings:
        category = risk_of_code(f.code)
        if category:
            items.setdefault((f.file, f.line, f.col, category),
                             RiskItem(category, f.code, f.api, f.message, f.file, f.line, f.col))
    for u in uses:
        if u.outcome == Outcome.USER:
            continue
        rule = rules.get(u.api)
        category = risk_of_api(u.api, u.family, rule.section if rule else None)
        if category:
            code = u.code if risk_of_code(u.code) == category else None
            items.setdefault((u.file, u.line, u.col, category),
                             RiskItem(category, code, u.api, u.api, u.file, u.line, u.col))
    return sorted(items.values(), key=lambda r: (r.file, r.line, r.col, r.category))


def _unported(uses: list[UseRecord]) -> list[UnportedApi]:
    places: dict[tuple[str, str, Outcome, str | None], list[str]] = {}
    for u in uses:
        if u.outcome in _UNPORTED:
            places.setdefault((u.api, u.group, u.outcome, u.code), []).append(f"{u.file}:{u.line}")
    out = [UnportedApi(api, group, outcome, code, tuple(locs)) for (api, group, outcome, code), locs in places.items()]
    return sorted(out, key=lambda a: (-a.count, a.api))


def _check_findings(check: TargetCheck | None) -> dict[str, list[FindingRecord]]:
    """Verification errors as findings (CP6xxx) per CUDA file, with the translated place they came from."""
    out: dict[str, list[FindingRecord]] = {}
    for e in check.errors if check else ():
        where = f"{e.translated} ({e.mapping} line)" if e.mapping != "unit" else e.translated
        suffix = f" [translated: {where}]" if e.translated else ""
        out.setdefault(e.file, []).append(FindingRecord(
            e.file, e.line, e.col, e.code, "error", f"{CATALOGUE[e.code].title}: {e.message}{suffix}", None,
            translated=e.translated or None, translated_text=e.translated_text or None, mapping=e.mapping))
    return out


def _file_score(uses: list[UseRecord], failed: bool, errors: int, weights: EffortWeights) -> float | None:
    caps = [c for c, on in ((weights.score.failed_cap, failed), (weights.score.error_cap, errors > 0)) if on]
    rule = rule_score(uses)
    if not caps:
        return rule
    return min([c for c in caps] + ([rule] if rule is not None else []))


def target_report(result: RunResult, rules: RuleSet, weights: EffortWeights,
                  check: TargetCheck | None = None) -> TargetReport:
    """Everything the report shows for one target, from the runner's result for that target (and --verify's)."""
    files: list[FileReport] = []
    uses: list[UseRecord] = []
    findings: list[FindingRecord] = []
    verified = _check_findings(check)
    statuses = check.files if check else {}
    for fr in result.files:
        path = str(fr.rel)
        f_uses = _uses(path, fr, rules)
        f_findings = [_finding(path, f) for f in fr.findings] + verified.pop(path, [])
        outcomes = Counter(u.outcome.value for u in f_uses)
        cuda_lines = {u.line for u in f_uses} | set(fr.launch_lines)
        effort = estimate(weights, 1, len(fr.kernels), outcomes, Counter(f.code for f in f_findings))
        status = statuses.get(path)
        errors = sum(f.severity == "error" and not f.code.startswith("CP6") for f in f_findings)
        files.append(FileReport(path, fr.status.value, fr.lines, len(cuda_lines), fr.kernels, len(fr.launch_lines),
                                dict(outcomes), len(f_findings), effort,
                                verification=status.status if status else None,
                                verify_reason=status.reason if status else None,
                                score=_file_score(f_uses, bool(status and status.status == FAILED), errors, weights),
                                errors=errors, helper_uses=sum(u.form == "helper" for u in f_uses),
                                direct_uses=sum(u.form == "direct" for u in f_uses)))
        uses += f_uses
        findings += f_findings
    for skip in result.skipped:
        files.append(_skipped(skip, weights, findings, statuses.get(str(skip.rel))))
    for path, records in sorted(verified.items()):  # copied (non-CUDA) sources that failed to compile
        status = statuses.get(path)
        effort = estimate(weights, 0, 0, Counter(), Counter(f.code for f in records))
        files.append(FileReport(path, "copied", 0, 0, (), 0, {}, len(records), effort, reason="not CUDA",
                                verification=status.status if status else FAILED,
                                verify_reason=status.reason if status else None, score=weights.score.failed_cap))
        findings += records
    # Project-level findings (compile database, build files) belong to no translated file; the incremental
    # runner has them, the first runner had not, hence getattr.
    for f in [*getattr(result, "project_findings", ()), *(x for b in getattr(result, "build", ()) for x in b.findings)]:
        findings.append(_finding(f.path, f))
    files.sort(key=lambda f: (-f.effort.hours, f.path))
    codes = Counter(f.code for f in findings)
    analysed = [f for f in files if f.status != "skipped"]
    effort = estimate(weights, len(analysed), sum(len(f.kernels) for f in analysed),
                      Counter(u.outcome.value for u in uses), codes)
    summary = None
    if check is not None:
        counts = check.summary()
        summary = VerificationSummary(check.method, counts["checked"], counts["failed"], counts["not_checked"],
                                      tuple(check.notes), check.out)
    cap, capped_by = _target_cap(summary, findings, weights)
    estimate_cap, _ = _target_cap(None, findings, weights)
    return TargetReport(target=result.target, available=True, files=tuple(files), uses=tuple(uses),
                        findings=tuple(findings), risks=tuple(_risks(uses, findings, rules)),
                        unported=tuple(_unported(uses)), effort=effort, not_cuda=len(result.copied),
                        verification=summary, score_cap=cap, capped_by=capped_by, threshold=weights.score.threshold,
                        estimate_cap=estimate_cap)


def _target_cap(summary: VerificationSummary | None, findings: list[FindingRecord], weights: EffortWeights
                ) -> tuple[float | None, str | None]:
    """A target with a failed file or an error diagnostic cannot score as if it worked."""
    reasons = []
    if summary is not None and summary.failed:
        reasons.append((weights.score.failed_cap, f"{summary.failed} file(s) failed verification"))
    errors = sum(f.severity == "error" and not f.code.startswith("CP6") for f in findings)
    if errors:
        reasons.append((weights.score.error_cap, f"{errors} error diagnostic(s)"))
    if not reasons:
        return None, None
    return min(c for c, _ in reasons), "; ".join(r for _, r in reasons)


def _skipped(skip: SkipRecord, weights: EffortWeights, findings: list[FindingRecord], status=None) -> FileReport:  # type: ignore[no-untyped-def]
    path = str(skip.rel)
    records = [_finding(path, f) for f in skip.findings]
    findings += records
    effort = estimate(weights, 0, 0, Counter(), Counter(f.code for f in records))
    return FileReport(path, "skipped", 0, 0, (), 0, {}, len(records), effort, reason=skip.reason,
                      verification=status.status if status else None, verify_reason=status.reason if status else None,
                      errors=sum(f.severity == "error" for f in records))


def source_label(tree: SourceTree) -> str:
    """The input as a path relative to the working directory when it lies below it (reports stay portable)."""
    path = tree.files[0].path if tree.single_file and tree.files else tree.root
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def analyse(tree: SourceTree, targets: Sequence[str], rules: RuleSet, weights: EffortWeights, *, source: str,
            extra_rules: Sequence[Path] = (), hip_version: tuple[int, ...] = (6, 4), jobs: int = 1,
            verify_dir: Path | None = None, defines: tuple[str, ...] = (), keep: bool = False,
            tests: Sequence[Path] | None = None) -> Report:
    """Run the translation pipeline for each target and build the report. Without `verify_dir` nothing is
    written; with it (--verify) each target is translated into verify_dir/<target> and checked there, and the
    report is made from that same run (so its counts are those of the analysis without --verify). `tests`: the
    differential case folders to run as well (--tests)."""
    reports = []
    for name in targets:
        try:
            get_target(name)
        except UnknownTarget as exc:
            reports.append(TargetReport(target=name, available=False, reason=str(exc)))
            continue
        options = Options(target=name, hip_version=hip_version)
        if verify_dir is None:
            result = run(tree, options, out=None, extra_rules=extra_rules, jobs=jobs)
            reports.append(target_report(result, rules, weights))
            continue
        from translator.report.verify import verify

        out = verify_dir / name
        result = run(tree, options, out=out, extra_rules=extra_rules, jobs=jobs, force=True)
        root = Path(os.path.realpath(tree.root))
        check = verify(result, out, root, defines, jobs, hip_version)
        if tests is not None:
            from translator.report.verify_tests import run_tests

            run_tests(check, list(tests), root)
        if not keep:  # a scratch tree that is removed after the report: nothing to link to
            check.out = None
        reports.append(target_report(result, rules, weights, check))
    return Report(source=source, root=tree.root, weights=weights, targets=tuple(reports), tool_version=__version__,
                  files_scanned=len(tree.files), verified=verify_dir is not None)


def from_run(result: RunResult, tree: SourceTree, rules: RuleSet, weights: EffortWeights) -> Report:
    """The report of a translation that has already run (`cudaport translate --report FILE`)."""
    cached = len(getattr(result, "up_to_date", ()))  # incremental runs skip unchanged files
    notes = (f"{cached} files were up to date and not analysed again by this run, so their API uses are not "
             "counted here; `cudaport report` analyses every file.",) if cached else ()
    return Report(source=source_label(tree), root=tree.root, weights=weights,
                  targets=(target_report(result, rules, weights),), tool_version=__version__,
                  files_scanned=len(tree.files), notes=notes)
