"""Rule engine: turns the Sites of one ParsedFile into Edits and Findings for one target.

Input: ParsedFile, RuleSet, Options, Target. Output: FileResult with the translated bytes, findings (also
placed inline as comments at their sites), the API uses for reports and any extra files the target made.
"""

from __future__ import annotations

import re
from dataclasses import replace as dc_replace
from pathlib import PurePosixPath

from translator.engine.context import FileContext, FileResult, Options, Target
from translator.engine.diagnostics import CATALOGUE, make_finding
from translator.engine.edits import Edit, Render, apply_edits
from translator.engine.risks import scan_risks
from translator.engine.ruleset import Rule, RuleSet, TargetRule
from translator.frontend.includes import conditional_blocks
from translator.frontend.statement import discarded_call
from translator.model import FileStatus, NameSite, Outcome, ParsedFile, Severity, Span

_DIM = {"x": "0", "y": "1", "z": "2"}
_RDIM = {"x": "2", "y": "1", "z": "0"}


# -- templates ---------------------------------------------------------------------------------------------
_PH = re.compile(r"\$(?:(deref|addr|str)\(\$(\d+)\)|(\d+)|\*(\d*)|(T)|(dim|rdim|m|name))")


class TemplateError(Exception):
    pass


def expand_template(template: str, site: NameSite, render: Render, member: str | None = None) -> str:
    """Fill a rule template from a call site's arguments, each already translated (render)."""

    def arg(i: int) -> str:
        if i < 1 or i > len(site.args):
            raise TemplateError(f"needs argument {i}, the call has {len(site.args)}")
        a = site.args[i - 1]
        return render(a.offset, a.end)

    def sub(m: re.Match[str]) -> str:
        fn, fn_arg, num, star, targs, word = m.groups()
        if star is not None:  # $* all arguments, $*N arguments N.. as written
            first = int(star) if star else 1
            if first > len(site.args):
                return ""
            return render(site.args[first - 1].offset, site.args[-1].end)
        if fn:
            text = arg(int(fn_arg)).strip()
            if fn == "deref":
                return text[1:].lstrip() if text.startswith("&") else f"*{_paren(text)}"
            if fn == "addr":
                return text[1:].lstrip() if text.startswith("*") else f"&{_paren(text)}"
            return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if num:
            return arg(int(num))
        if targs:
            if site.template_args is None:
                raise TemplateError("needs template arguments")
            return render(site.template_args.offset + 1, site.template_args.end - 1)
        if word == "name":
            return site.name
        if member is None:
            raise TemplateError(f"${word} is only valid for builtins with a member")
        return {"m": member, "dim": _DIM.get(member, "0"), "rdim": _RDIM.get(member, "0")}[word]

    return _PH.sub(sub, template)


def _paren(text: str) -> str:
    return text if re.fullmatch(r"[\w.]+", text) else f"({text})"


def _outcome(mapping: TargetRule) -> Outcome:
    return {"supported": Outcome.AUTO, "shim": Outcome.SHIM, "partial": Outcome.REVIEW,
            "removed": Outcome.REVIEW, "unsupported": Outcome.UNSUPPORTED}[mapping.status]


def _effective(mapping: TargetRule, version: tuple[int, ...] | None) -> tuple[str | None, str | None, str | None,
                                                                             str | None]:
    """(rename, template, code, note) after applying the first legacy entry that matches the version."""
    if version is not None:
        for legacy in mapping.legacy:
            if version < legacy.below:
                return legacy.rename, legacy.template, legacy.code, legacy.note
    return mapping.rename, mapping.template, mapping.code, mapping.note


_LIBRARY_NAMES = {"cublas": "cuBLAS", "cufft": "cuFFT", "curand": "cuRAND", "cusparse": "cuSPARSE",
                  "cusolver": "cuSOLVER", "cub": "CUB", "thrust": "thrust", "cg": "cooperative groups"}


def library_name(family: str) -> str:
    """`libs/cublas` -> `cuBLAS`, as the diagnostics spell a library."""
    short = family.removeprefix("libs/")
    return _LIBRARY_NAMES.get(short, short)


def in_conditional(ctx: FileContext, offset: int) -> bool:
    """Whether offset lies in an #if/#ifdef/#ifndef block of the file other than its include guard, or the file
    is one the project includes only inside such blocks (Options.conditional_files)."""
    if str(ctx.rel) in ctx.options.conditional_files:
        return True
    if ctx.conditionals is None:
        ctx.conditionals = conditional_blocks(ctx.parsed.tokens)
    return any(a <= offset < b for a, b in ctx.conditionals)


def in_directive(ctx: FileContext, offset: int) -> bool:
    """Whether offset lies in a preprocessor directive (a #define body)."""
    toks = ctx.parsed.tokens
    lo, hi = 0, len(toks)
    while lo < hi:  # the token starting at offset
        mid = (lo + hi) // 2
        if toks[mid].offset < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(toks) and toks[lo].offset == offset and toks[lo].directive >= 0 \
        and not (lo >= 2 and toks[lo - 1].text == "include")


def _mapping_or_report(ctx: FileContext, rule: Rule, span: Span, name: str, what: str = "") -> TargetRule | None:
    """The rule's mapping for the target; None after recording the use and its diagnostic when the target has
    no rule for the name (CP2002) or no equivalent (the mapping's code, CP2001 by default)."""
    target = ctx.options.target
    mapping = rule.for_target(target)
    if mapping is None and rule.family.startswith("libs/"):
        # a library the target does not have cannot be left for the compiler to find: an error, named; a warning
        # in an #if block, which the build may not compile (`#ifdef CURAND`), so that it does not refuse the build
        code = "CP2009" if in_conditional(ctx, span.offset) or in_directive(ctx, span.offset) else "CP2008"
        ctx.use(rule, span, Outcome.UNSUPPORTED, code)
        ctx.report(code, span, f"{library_name(rule.family)} {rule.kind} {name} has no mapping on {target}",
                   api=name, family=rule.family)
        return None
    if mapping is None:
        ctx.use(rule, span, Outcome.MANUAL, "CP2002")
        ctx.report("CP2002", span, f"{what}{name} on {target}", api=name, family=rule.family)
        return None
    if mapping.status == "unsupported":
        code = mapping.code or "CP2001"
        if code == "CP2008" and (in_conditional(ctx, span.offset) or in_directive(ctx, span.offset)):
            code = "CP2009"
        ctx.use(rule, span, Outcome.UNSUPPORTED, code)
        ctx.report(code, span, f"{name}: {mapping.reason}", api=name, family=rule.family)
        return None
    return mapping


def _translate_name(ctx: FileContext, site: NameSite) -> None:
    rule = ctx.rules.get(site.name)
    if rule is None:
        return
    if site.name in ctx.parsed.user_declared or ctx.parsed.declared_locally(site.name, site.span.offset):
        ctx.use(rule, site.span, Outcome.USER, "CP1003")
        if not any(f.code == "CP1003" and f.api == site.name for f in ctx.findings):
            ctx.report("CP1003", site.span, site.name, api=site.name, family=rule.family, inline=False)
        return
    if rule.risk:
        # Risks of an API as such go to the report; inline comments are kept for what needs an edit.
        ctx.report(rule.risk, site.span, site.name, api=site.name, family=rule.family, inline=False)
    target = ctx.options.target
    mapping = _mapping_or_report(ctx, rule, site.span, site.name)
    if mapping is None:
        return
    for header in mapping.include:
        ctx.need_include(header)
    if mapping.handler:
        before = len(ctx.findings)
        if ctx.target.handle(mapping.handler, site, rule, mapping, ctx):
            # a handler that found this use beyond its library mapping (CP2008 at the site) leaves it unsupported
            refused = next((f.code for f in ctx.findings[before:]
                            if f.code in ("CP2008", "CP2009") and f.offset == site.span.offset), None)
            if refused:
                ctx.use(rule, site.span, Outcome.UNSUPPORTED, refused)
                return
            ctx.use(rule, site.span, _outcome(mapping), mapping.code)
            _status_finding(ctx, site, rule, mapping, mapping.code, mapping.note)
            return
        if mapping.rename is None and mapping.template is None and not mapping.member:
            ctx.use(rule, site.span, Outcome.MANUAL, "CP2006")
            ctx.report("CP2006", site.span, f"{site.name}: handler {mapping.handler} could not rewrite this use",
                       api=site.name, family=rule.family)
            return
    rename, template, code, note = _effective(mapping, ctx.options.version_for(target))
    if code is None:
        code = mapping.code
    if mapping.member and site.member is not None:
        members = dict(mapping.member)
        if site.member in members and site.member_span is not None:
            tpl = members[site.member]
            text = expand_template(tpl, site, lambda s, e: "", member=site.member)
            ctx.replace(site.member_span, text, rule.name)
            ctx.use(rule, site.span, _outcome(mapping), code)
            _status_finding(ctx, site, rule, mapping, code, note)
            return
    helpers = getattr(ctx.target, "helper_namespace", None)
    replacement = template if template is not None else rename
    form = "helper" if helpers and replacement and replacement.startswith(helpers) else ""
    if template is not None:
        if site.call is None:
            if rule.kind in ("function",):
                ctx.use(rule, site.span, Outcome.MANUAL, "CP2006")
                ctx.report("CP2006", site.span, f"{site.name} is not called here", api=site.name, family=rule.family)
                return
            # a macro or enum with a template: the template replaces the name itself
            ctx.replace(site.span, template.replace("$name", site.name), rule.name)
        else:
            try:
                expand_template(template, site, lambda s, e: "", member=site.member)
            except TemplateError as exc:
                ctx.use(rule, site.span, Outcome.MANUAL, "CP2006")
                ctx.report("CP2006", site.span, f"{site.name}: {exc}", api=site.name, family=rule.family)
                return
            call = site.call
            tpl, form = _call_form(ctx, site, template, mapping.statement)
            ctx.edits.append(Edit(call.offset, call.length, origin=rule.name, exact=mapping.status == "supported",
                                  build=lambda render, s=site, t=tpl: expand_template(t, s, render, s.member)))
    elif rename is not None:
        if rename != site.name:
            ctx.replace(site.span, rename, rule.name, exact=mapping.status == "supported")
    else:
        ctx.use(rule, site.span, Outcome.MANUAL, "CP2006")
        ctx.report("CP2006", site.span, f"{site.name}: no rewrite applies to this use", api=site.name,
                   family=rule.family)
        return
    ctx.use(rule, site.span, Outcome.REVIEW if code in ("CP3008",) else _outcome(mapping), code, form)
    _status_finding(ctx, site, rule, mapping, code, note)


def _call_form(ctx: FileContext, site: NameSite, template: str, statement: str | None) -> tuple[str, str]:
    """(template, form) for a call: the rule's direct statement form when the call is a whole statement whose
    result is discarded (and the form fits the call's arguments), else its template; form says whether the
    rewrite goes through the target's helper library."""
    if statement is not None and site.call is not None and discarded_call(ctx.parsed.tokens, site.call):
        try:
            expand_template(statement, site, lambda s, e: "", member=site.member)
            used = {int(n) for n in re.findall(r"\$(?:\w+\(\$)?(\d+)", statement)}
            if "$*" not in statement:  # arguments the direct call has no use for (cudaMemcpy's direction)
                ctx.dropped += [(a.offset, a.end) for i, a in enumerate(site.args, 1) if i not in used]
            return statement, "direct"
        except TemplateError:
            pass  # e.g. the stream argument the direct form names was left to its default
    helpers = getattr(ctx.target, "helper_namespace", None)
    return template, "helper" if helpers and template.startswith(helpers) else ""


def _status_finding(ctx: FileContext, site: NameSite, rule: Rule, mapping: TargetRule, code: str | None,
                    note: str | None) -> None:
    if code is None or code not in CATALOGUE:
        return
    if mapping.status == "shim" and code == "CP2004":
        ctx.report(code, site.span, site.name, api=site.name, family=rule.family)
        return
    detail = f"{site.name}" + (f": {note}" if note else "")
    ctx.report(code, site.span, detail, api=site.name, family=rule.family)


def _translate_includes(ctx: FileContext) -> None:
    target = ctx.options.target
    for inc in ctx.parsed.includes:
        rule = header_rule(ctx.rules, inc.header)
        if rule is None or rule.kind != "header":
            continue
        mapping = _mapping_or_report(ctx, rule, inc.span, inc.header, what="header ")
        if mapping is None:
            continue
        new, _, code, note = _effective(mapping, ctx.options.version_for(target))
        if new == rule.name != inc.header:  # `same` on a directory's entry (`thrust/*`) keeps the header
            new = inc.header
        ctx.use(rule, inc.span, _outcome(mapping), code or mapping.code)
        if code and code != mapping.code:  # a legacy entry: the header needs a newer target version
            ctx.report(code, inc.span, inc.header + (f": {note}" if note else ""), api=inc.header, family=rule.family)
        if not new:
            ctx.replace(inc.directive, f"/* cudaport: #include <{inc.header}> is not needed on {target} */",
                        rule.name)
        elif new != inc.header:
            ctx.replace(inc.span, f"<{new}>" if inc.angled else f'"{new}"', rule.name)
        for header in mapping.include:
            ctx.need_include(header)


def header_rule(rules: RuleSet, header: str) -> Rule | None:
    """The rule of an included header: its own entry, else the entry of its library's directory
    (`thrust/*` for `thrust/tuple.h`), so every header of a library is known without listing each."""
    rule = rules.get(header)
    if rule is None and "/" in header:
        rule = rules.get(header.split("/", 1)[0] + "/*")
    return rule


def _insert_includes(ctx: FileContext) -> None:
    """Add the headers the translated code needs that the file does not include yet."""
    present = set()
    for inc in ctx.parsed.includes:
        rule = ctx.rules.get(inc.header)
        mapping = rule.for_target(ctx.options.target) if rule else None
        present.add(mapping.rename if mapping and mapping.rename else inc.header)
    missing = [h for h in ctx.includes if h not in present]
    if not missing:
        return
    text = "".join(f"#include {_header_token(h)}\n" for h in missing)
    ctx.insert(include_anchor(ctx.parsed), text, "includes")


def include_anchor(parsed: ParsedFile) -> int:
    """Where added #include lines go: before the file's first include outside every #if other than its
    include guard, when that include is outside every brace block; else (no such include, or the first one
    sits in `extern "C" {` or a namespace) after the opening comments and include guard."""
    toks = parsed.tokens
    starts = {inc.directive.offset for inc in parsed.includes}
    braces = conds = 0
    guard = -1  # token index of the #ifndef opening an include guard, when the file starts with one
    if len(toks) > 5 and toks[0].text == "#" and toks[1].text == "ifndef" and toks[3].text == "#" \
            and toks[4].text == "define" and toks[2].text == toks[5].text:
        guard = 0
    for i, t in enumerate(toks):
        if t.directive < 0:
            if t.kind == "punct" and t.text == "{":
                braces += 1
            elif t.kind == "punct" and t.text == "}":
                braces -= 1
            continue
        if t.text != "#" or i + 1 >= len(toks) or toks[i + 1].directive != t.directive:
            continue
        name = toks[i + 1].text
        if name in ("if", "ifdef", "ifndef"):
            conds += 0 if i == guard else 1
        elif name == "endif":
            conds -= 1
        elif t.offset in starts and conds <= 0:
            return t.offset if braces == 0 else after_leading_comments(parsed.data)
    return after_leading_comments(parsed.data)


def _header_token(header: str) -> str:
    return header if header[0] in "<\"" else f"<{header}>"


def after_leading_comments(data: bytes) -> int:
    """Offset after the file's opening comment block and #pragma once / include guard lines."""
    pos = 0
    pattern = re.compile(rb"\s*(//[^\n]*\n|/\*.*?\*/[ \t]*\n?|#pragma once[^\n]*\n|#ifndef[^\n]*\n#define[^\n]*\n)",
                         re.DOTALL)
    while True:
        m = pattern.match(data, pos)
        if not m:
            break
        pos = m.end()
    return pos


def translate_parsed(parsed: ParsedFile, rel: PurePosixPath, rules: RuleSet, options: Options, target: Target,
                     display: str | None = None) -> FileResult:
    overlay = getattr(target, "overlay_rules", None)  # a target's rule overlays (HIP: --roc), when asked for
    if overlay is not None:
        rules = overlay(rules)
    ctx = FileContext(parsed=parsed, display=display or str(rel), rel=rel, rules=rules, options=options,
                      target=target)
    ctx.findings.extend(parsed.findings)
    _translate_includes(ctx)
    for site in parsed.names:
        _translate_name(ctx, site)
    for asm in parsed.asm:
        ctx.report("CP3004", asm.span, ctx.text(asm.span)[:60])
    scan_risks(ctx)
    target.structural(ctx)
    _insert_includes(ctx)
    output, dropped = apply_edits(parsed.data, ctx.edits)
    for e in dropped:
        if e.length == 0 and e.origin.startswith("diagnostic"):
            continue
        line = parsed.data[: e.offset].count(b"\n") + 1
        detail = f"overlapping rewrite from {e.origin} skipped"
        ctx.findings.append(make_finding("CP2006", ctx.display, line, 1, detail))
    # Edit records go back across process boundaries (--jobs): drop the template closures.
    gone = {id(e) for e in dropped}
    applied = [dc_replace(e, build=None) if e.build else e for e in ctx.edits if id(e) not in gone]
    status = FileStatus.PARTIAL if any(f.severity == Severity.ERROR for f in ctx.findings) else FileStatus.TRANSLATED
    out_rel = target.output_path(rel, True)
    return FileResult(rel=rel, out_rel=out_rel, status=status, output=output, findings=ctx.findings, uses=ctx.uses,
                      edits=applied, extra_files=ctx.extra_files, frontend=parsed.frontend,
                      lines=_line_count(parsed.data),
                      kernels=tuple(k.name for k in parsed.kernels if k.body is not None),
                      launch_lines=tuple(launch.span.line for launch in parsed.launches))


def _line_count(data: bytes) -> int:
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
