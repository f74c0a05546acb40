"""Small server-side SVG charts (no JavaScript, nothing loaded from elsewhere). Every label
is escaped: project names are user data."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

from ..decimals import plain

GRADE_COLOURS = {"优": "#2e7d32", "良": "#1565c0", "中": "#f9a825", "差": "#c62828"}
DEFAULT_COLOUR = "#546e7a"


def hbars(rows: list[tuple[str, Decimal, str]], maximum: Decimal, suffix: str = "", title: str = "") -> Markup:
    """Horizontal bars: (label, value, colour key) per row, scaled to `maximum`."""
    label_w, bar_w, row_h = 260, 360, 24
    height = row_h * len(rows) + 10
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {label_w + bar_w + 80} {height}" '
             f'width="{label_w + bar_w + 80}" height="{height}" aria-label="{escape(title)}">']
    for i, (label, value, key) in enumerate(rows):
        y = 5 + i * row_h
        width = 0 if maximum <= 0 else int(min(value / maximum, Decimal(1)) * bar_w)
        colour = GRADE_COLOURS.get(key, DEFAULT_COLOUR)
        short = label if len(label) <= 18 else label[:17] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="12">'
                     f'<title>{escape(label)}</title>{escape(short)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{width}" height="{row_h - 8}" fill="{colour}"/>')
        parts.append(f'<text x="{label_w + width + 4}" y="{y + 16}" font-size="12">{escape(plain(value))}{escape(suffix)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def columns(rows: list[tuple[str, int]], title: str = "") -> Markup:
    """Vertical bars of counts (a histogram)."""
    col_w, chart_h, base = 70, 160, 190
    width = col_w * len(rows) + 20
    top = max((count for _, count in rows), default=0) or 1
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} 220" width="{width}" height="220" '
             f'aria-label="{escape(title)}">']
    for i, (label, count) in enumerate(rows):
        x = 10 + i * col_w
        h = int(chart_h * count / top)
        parts.append(f'<rect x="{x + 10}" y="{base - h}" width="{col_w - 20}" height="{h}" fill="{DEFAULT_COLOUR}"/>')
        parts.append(f'<text x="{x + col_w // 2}" y="{base - h - 4}" text-anchor="middle" font-size="12">{count}</text>')
        parts.append(f'<text x="{x + col_w // 2}" y="{base + 18}" text-anchor="middle" font-size="12">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
