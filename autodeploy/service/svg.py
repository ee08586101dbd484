"""Inline SVG for the dashboard, drawn on the server (no JavaScript): the dependency graph
coloured by findings, the cost breakdown as bars, and cost over time as a line.

Every figure is a pure function of its data (sorted inputs, fixed geometry), so a page renders
byte-identically for the same run. Text is escaped by the caller's Jinja2 autoescaping: these
functions return markupsafe.Markup built only from escaped pieces."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

# worst finding on a resource -> fill; the legend and the browser tests read the same table
SEVERITY_COLOURS = {
    "critical": "#b71c1c", "high": "#e53935", "medium": "#fb8c00", "low": "#fdd835", "info": "#90caf9",
    "none": "#43a047",
}
ORDER = ("critical", "high", "medium", "low", "info")


def worst_by_resource(findings: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """The worst severity of the findings that count (not waived) on each resource."""
    out: dict[str, str] = {}
    for f in findings:
        res, sev = f.get("resource"), str(f.get("severity"))
        if not res or f.get("waived") or sev not in ORDER:
            continue
        if res not in out or ORDER.index(sev) < ORDER.index(out[res]):
            out[res] = sev
    return out


def graph_svg(graph: Mapping[str, Any], worst: Mapping[str, str]) -> Markup:
    """Deploy waves left to right (what nothing depends on first), edges from a resource to what it uses."""
    kinds = {n["name"]: n["kind"] for n in graph["nodes"]}
    waves: list[list[str]] = graph.get("waves") or [sorted(kinds)]
    w, h, gx, gy, pad = 170, 44, 60, 22, 16
    pos: dict[str, tuple[int, int]] = {}
    for i, wave in enumerate(waves):
        for j, name in enumerate(sorted(wave)):
            pos[name] = (pad + i * (w + gx), pad + j * (h + gy))
    width = pad * 2 + max(1, len(waves)) * (w + gx) - gx
    height = pad * 2 + max((len(wv) for wv in waves), default=1) * (h + gy) - gy
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="dependency graph">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>']
    for e in graph["edges"]:
        if e["from"] not in pos or e["to"] not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e["from"]], pos[e["to"]]
        if x1 > x2:  # the dependent sits right of what it uses
            a, b = (x1, y1 + h // 2), (x2 + w, y2 + h // 2)
        else:
            a, b = (x1 + w, y1 + h // 2), (x2, y2 + h // 2)
        parts.append(f'<line class="edge" x1="{a[0]}" y1="{a[1]}" x2="{b[0]}" y2="{b[1]}" stroke="#555" '
                     f'stroke-width="1.2" marker-end="url(#arrow)"><title>{escape(e["from"])} uses '
                     f'{escape(e["to"])} ({escape(", ".join(e["attrs"]))})</title></line>')
    for name in sorted(pos):
        x, y = pos[name]
        sev = worst.get(name, "none")
        label = f"{name}: {'no findings' if sev == 'none' else sev + ' finding(s)'}"
        parts.append(
            f'<a href="#res-{escape(name)}" class="node" data-resource="{escape(name)}" data-severity="{sev}">'
            f'<title>{escape(label)}</title>'
            f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{SEVERITY_COLOURS[sev]}" '
            f'stroke="#222" stroke-width="1"/>'
            f'<text x="{x + w // 2}" y="{y + 18}" text-anchor="middle" font-size="13" font-weight="bold" '
            f'fill="{_ink(sev)}">{escape(name)}</text>'
            f'<text x="{x + w // 2}" y="{y + 35}" text-anchor="middle" font-size="11" fill="{_ink(sev)}">'
            f'{escape(kinds[name])}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _ink(sev: str) -> str:
    return "#000" if sev in ("low", "info", "medium") else "#fff"


def cost_bars_svg(resources: Sequence[Mapping[str, Any]]) -> Markup:
    """Monthly cost per resource, largest first; an unpriced component is marked, never drawn as $0."""
    rows = sorted(resources, key=lambda r: (-(r.get("monthly") or 0.0), r["name"]))
    top = max((r.get("monthly") or 0.0 for r in rows), default=0.0) or 1.0
    label_w, bar_w, row_h = 200, 420, 26
    height = 10 + row_h * max(1, len(rows))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="cost-chart" width="{label_w + bar_w + 120}" '
             f'height="{height}" role="img" aria-label="monthly cost by resource">']
    for i, r in enumerate(rows):
        y = 5 + i * row_h
        monthly = r.get("monthly") or 0.0
        unpriced = any(c.get("price_source") == "unknown" for c in r.get("components", ()))
        length = max(1, round(bar_w * monthly / top))
        text = f"${monthly:,.2f}" + (" + unpriced" if unpriced else "")
        parts.append(
            f'<g class="bar" data-resource="{escape(r["name"])}"><title>{escape(r["name"])}: {escape(text)}</title>'
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="12">{escape(r["name"])} '
            f'({escape(r["kind"])})</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{length}" height="{row_h - 8}" fill="#3f51b5"/>'
            f'<text x="{label_w + length + 6}" y="{y + 17}" font-size="12">{escape(text)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def cost_line_svg(points: Sequence[Mapping[str, Any]]) -> Markup:
    """Estimated monthly cost of one deployment, run after run (x: run order, labelled by date)."""
    w, h, left, bottom = 520, 160, 70, 24
    values = [float(p["total_monthly"]) for p in points]
    hi = max(values, default=0.0) * 1.1 or 1.0
    step = (w - left - 20) / max(1, len(points) - 1)
    xy = [(left + i * step, 10 + (h - bottom - 10) * (1 - v / hi)) for i, v in enumerate(values)]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="cost-trend" width="{w}" height="{h}" role="img" '
             f'aria-label="monthly cost over time">',
             f'<line x1="{left}" y1="{h - bottom}" x2="{w - 10}" y2="{h - bottom}" stroke="#999"/>',
             f'<line x1="{left}" y1="10" x2="{left}" y2="{h - bottom}" stroke="#999"/>',
             f'<text x="{left - 6}" y="16" text-anchor="end" font-size="11">${hi:,.0f}</text>',
             f'<text x="{left - 6}" y="{h - bottom}" text-anchor="end" font-size="11">$0</text>']
    if len(xy) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#3f51b5" stroke-width="2"/>')
    for (x, y), p in zip(xy, points, strict=True):
        parts.append(f'<a href="/runs/{escape(p["run_id"])}"><circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="4" '
                     f'fill="#3f51b5"><title>{escape(p["ts"])}: ${float(p["total_monthly"]):,.2f}</title></circle></a>')
    if points:
        parts.append(f'<text x="{left}" y="{h - 6}" font-size="11">{escape(points[0]["ts"][:10])}</text>')
        parts.append(f'<text x="{w - 10}" y="{h - 6}" text-anchor="end" font-size="11">'
                     f'{escape(points[-1]["ts"][:10])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
