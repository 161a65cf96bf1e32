"""Report stage, charts: small SVG bar charts written as text, inlined into the HTML report.

We draw them ourselves instead of using a charting library because the HTML report must be one file that opens
with no network: JS chart libraries would have to be bundled (hundreds of kB, licences to track) and matplotlib
would add a heavy dependency for three bar charts. Hand-made SVG is small, deterministic (stable diffs of the
committed sample report) and readable without JavaScript. Input: labelled numbers. Output: `<svg>` strings.
"""

from __future__ import annotations

from html import escape

OUTCOME_COLOURS = {"auto": "#2e7d32", "shim": "#0277bd", "review": "#f9a825", "manual": "#8e24aa",
                   "unsupported": "#c62828", "user": "#9e9e9e"}
_LABEL_W = 230
_BAR_W = 520
_ROW_H = 26


def _svg(width: int, height: int, title: str, body: list[str], css_class: str) -> str:
    return (f'<svg class="chart {css_class}" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
            + "".join(body) + "</svg>")


def stacked_bars(title: str, rows: list[tuple[str, list[tuple[str, int]]]], css_class: str) -> str:
    """One 100% bar per row, a segment per (key, count) coloured by OUTCOME_COLOURS, with a legend below."""
    body = []
    keys: list[str] = []
    for i, (label, parts) in enumerate(rows):
        y = i * _ROW_H + 4
        body.append(f'<text x="0" y="{y + 15}" font-size="13">{escape(label)}</text>')
        total = sum(n for _, n in parts)
        if not total:
            body.append(f'<text x="{_LABEL_W}" y="{y + 15}" font-size="12" fill="#666">no data</text>')
            continue
        x = float(_LABEL_W)
        for key, n in parts:
            if key not in keys:
                keys.append(key)
            if not n:
                continue
            w = _BAR_W * n / total
            fill = OUTCOME_COLOURS.get(key, "#555")
            body.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="18" fill="{fill}">'
                        f'<title>{escape(label)}: {escape(key)} {n} of {total}</title></rect>')
            x += w
    legend_y = len(rows) * _ROW_H + 10
    x = 0
    for key in keys:
        body.append(f'<rect x="{x}" y="{legend_y}" width="12" height="12" fill="{OUTCOME_COLOURS.get(key, "#555")}"/>'
                    f'<text x="{x + 16}" y="{legend_y + 11}" font-size="12">{escape(key)}</text>')
        x += 24 + 8 * len(key)
    return _svg(_LABEL_W + _BAR_W + 10, legend_y + 20, title, body, css_class)


def bars(title: str, rows: list[tuple[str, float]], css_class: str, unit: str = "", colour: str = "#37474f") -> str:
    """Horizontal bars scaled to the largest value, each labelled with its value."""
    body = []
    top = max((v for _, v in rows), default=0) or 1
    for i, (label, value) in enumerate(rows):
        y = i * _ROW_H + 4
        w = (_BAR_W - 70) * value / top
        shown = f"{value:g}{unit}"
        body.append(f'<text x="0" y="{y + 15}" font-size="13">{escape(_clip(label))}</text>'
                    f'<rect x="{_LABEL_W}" y="{y}" width="{w:.1f}" height="18" fill="{colour}">'
                    f'<title>{escape(label)}: {escape(shown)}</title></rect>'
                    f'<text x="{_LABEL_W + w + 6:.1f}" y="{y + 15}" font-size="12">{escape(shown)}</text>')
    if not rows:
        body.append('<text x="0" y="18" font-size="13" fill="#666">none</text>')
    return _svg(_LABEL_W + _BAR_W + 10, max(len(rows), 1) * _ROW_H + 8, title, body, css_class)


def _clip(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else "\u2026" + label[-(limit - 1):]
