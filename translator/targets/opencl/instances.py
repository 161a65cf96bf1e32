"""Which instances of a template kernel a launch needs on the OpenCL target (OpenCL C has no templates).

Input: a file's FileContext (clang's TranslationUnit when clang parsed it) and token view, a launch and the
kernel it names. Output: template-parameter substitutions, one per instance, or CP4003 at the launch.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from translator.frontend.sites import TokenView
from translator.targets.opencl.scan import DevFunc, idents, parse_tparams, split_top

if TYPE_CHECKING:
    from translator.engine import FileContext
    from translator.model import KernelLaunch


class InstanceFinder:
    def __init__(self, ctx: FileContext, view: TokenView) -> None:
        self.ctx, self.view = ctx, view

    def of(self, launch: KernelLaunch, func: DevFunc) -> list[dict[str, str]]:
        if not func.tparams:
            return [{}]
        text = launch.kernel
        if "<" not in text:
            deduced = self._deduce(launch, func)
            if deduced is None:
                self.ctx.report("CP4003", launch.span, f"{func.name}: template arguments of this launch could not "
                                "be deduced; write them explicitly", inline=True)
                return []
            base = deduced  # in a host template: in terms of its parameters, bound below
        else:
            targs = split_top(text[text.index("<") + 1: text.rindex(">")])
            base = {tp.name: a for tp, a in zip(func.tparams, targs, strict=False)}
        host_tps, bindings = self._enclosing_template(launch.span.offset)
        dependent = [n for n in host_tps if any(n in idents(a) for a in base.values())]
        if not dependent:
            return [self._values(launch, func, base)]
        out = []
        for b in bindings:
            out.append({k: " ".join(_sub_words(v, b).split()) for k, v in base.items()})
        if not out:
            self.ctx.report("CP4003", launch.span, f"{func.name}: no instantiation of the enclosing template found",
                            inline=True)
        return out

    def _enclosing_template(self, offset: int) -> tuple[list[str], list[dict[str, str]]]:
        """Template parameters of the host function template around `offset` and the explicit argument lists
        it is called with in this file."""
        toks = self.view.toks
        best = None
        for i, t in enumerate(toks):
            if t.offset >= offset:
                break
            if t.text != "template" or i + 1 >= len(toks) or toks[i + 1].text != "<":
                continue
            close = self.view.angle_close(i + 1, limit=200)
            if close < 0:
                continue
            j = close + 1
            while j < len(toks) and toks[j].text not in ("(", ";", "{"):
                j += 1
            if j >= len(toks) or toks[j].text != "(":
                continue
            name = toks[j - 1].text
            pc = self.view.match_close(j)
            k = pc + 1
            while k < len(toks) and toks[k].text not in ("{", ";"):
                k += 1
            if k >= len(toks) or toks[k].text != "{":
                continue
            bc = self.view.match_close(k)
            if toks[k].offset < offset < toks[bc].end:
                tps = parse_tparams(self.view.text(self.view.tok_span(i, close)))
                best = (name, [tp.name for tp in tps])
        if best is None:
            return [], []
        name, tps = best
        out = []
        for i, t in enumerate(toks):
            if t.text == name and i + 1 < len(toks) and toks[i + 1].text == "<":
                close = self.view.angle_close(i + 1, limit=200)
                if close > 0 and close + 1 < len(toks) and toks[close + 1].text == "(":
                    args = split_top(self.view.text(self.view.span(toks[i + 1].end, toks[close].offset)))
                    if len(args) == len(tps) and not any(tp in idents(" ".join(args)) for tp in tps):
                        b = dict(zip(tps, args, strict=False))
                        if b not in out:
                            out.append(b)
        for b in self._deduced_calls(name, len(tps)):
            b = dict(zip(tps, b, strict=False))
            if b not in out:
                out.append(b)
        return tps, out

    def _values(self, launch: KernelLaunch, func: DevFunc, base: dict[str, str]) -> dict[str, str]:
        """Non-type arguments as clang evaluated them (`k<rd>` with `const int rd = 8;` is `k<8>`): the .cl
        has no host variable `rd`, and the host stub names the instance by the value."""
        tu = self.ctx.parsed.tu
        if tu is None or not any(tp.kind == "value" for tp in func.tparams):
            return base
        from clang.cindex import CursorKind, TemplateArgumentKind

        for c in tu.cursor.walk_preorder():
            if c.kind == CursorKind.CALL_EXPR and c.extent.start.file is not None \
                    and c.extent.start.offset == launch.span.offset and c.extent.start.file.name == tu.spelling:
                ref = c.referenced
                if ref is None or ref.get_num_template_arguments() != len(func.tparams):
                    return base
                out = dict(base)
                for i, tp in enumerate(func.tparams):
                    if tp.kind == "value" and ref.get_template_argument_kind(i) == TemplateArgumentKind.INTEGRAL:
                        out[tp.name] = str(ref.get_template_argument_value(i))
                return out
        return base

    def _deduced_calls(self, name: str, count: int) -> list[list[str]]:
        """The template arguments of this file's calls of function template `name` as clang deduced them
        (`run(a, b, n)` without `<...>`): clang resolves each call to its specialisation."""
        tu = self.ctx.parsed.tu
        if tu is None:
            return []
        from clang.cindex import CursorKind, TemplateArgumentKind

        out: list[list[str]] = []
        for c in tu.cursor.walk_preorder():
            if c.kind != CursorKind.CALL_EXPR or c.spelling != name or c.location.file is None \
                    or c.location.file.name != tu.spelling:
                continue
            ref = c.referenced
            if ref is None or ref.get_num_template_arguments() != count:
                continue
            args = []
            for i in range(count):
                kind = ref.get_template_argument_kind(i)
                if kind == TemplateArgumentKind.TYPE:
                    args.append(ref.get_template_argument_type(i).get_canonical().spelling)
                elif kind == TemplateArgumentKind.INTEGRAL:
                    args.append(str(ref.get_template_argument_value(i)))
                else:
                    break
            if len(args) == count and "type-parameter" not in " ".join(args) and args not in out:
                out.append(args)
        return out

    def _deduce(self, launch: KernelLaunch, func: DevFunc) -> dict[str, str] | None:
        tu = self.ctx.parsed.tu
        if tu is None:
            return None
        from clang.cindex import CursorKind

        target = None
        for c in tu.cursor.walk_preorder():
            if c.kind == CursorKind.CALL_EXPR and c.extent.start.file is not None \
                    and c.extent.start.offset == launch.span.offset \
                    and c.extent.start.file.name == tu.spelling:
                target = c
                break
        if target is None:
            return None
        kids = list(target.get_children())[2:]
        out: dict[str, str] = {}
        quals = ("const", "__restrict__", "__restrict", "restrict")
        for p, arg in zip(func.kdef.params, kids, strict=False):
            atype = arg.type.get_canonical().spelling
            if "type-parameter" in atype:  # in a host template: its parameter's name, bound by the caller
                atype = arg.type.spelling
            ptype = " ".join(w for w in p.type.replace("*", " * ").split() if w not in quals)
            at = " ".join(w for w in atype.replace("*", " * ").split() if w not in quals)
            for tp in func.tparams:
                if tp.kind != "type" or tp.name in out:
                    continue
                if ptype == tp.name:
                    out[tp.name] = at
                elif ptype == f"{tp.name} *" and at.endswith("*"):
                    out[tp.name] = at[:-1].strip()
        if any(tp.name not in out for tp in func.tparams):
            return None
        return out


def _sub_words(text: str, mapping: dict[str, str]) -> str:
    return re.sub(r"[A-Za-z_]\w*", lambda m: mapping.get(m.group(0), m.group(0)), text)
