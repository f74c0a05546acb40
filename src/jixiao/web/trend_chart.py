"""The small chart beside each indicator on the history page: one column per year, the target
as a dash and the actual as a bar (green when met, red when missed), drawn as server-side SVG
(no script, nothing from elsewhere; every label escaped, names are user data)."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

from ..decimals import round2, short

MET, MISSED, TARGET, NEUTRAL = "#2e7d32", "#c62828", "#1f2933", "#90a4ae"


def spark(points: list[tuple[int, Decimal | None, Decimal | None, bool | None, str, str]], label: str,
          compact: bool = False) -> Markup:
    """points: (year, target value, actual value, met?, target text, actual text), values in one
    unit. Years with neither value are drawn as an empty column with their year. `compact`: the
    size that fits beside an indicator's name in the project's table."""
    col, top, height, base, view, font, inset, word, below = \
        (32, 11, 30, 44, 58, 9, 6, 10, 11) if compact else (46, 14, 64, 82, 100, 10, 10, 16, 14)
    width = col * max(len(points), 1) + 8
    values = [v for _, t, a, _, _, _ in points for v in (t, a) if v is not None]
    peak = max(values, default=Decimal(1)) or Decimal(1)
    parts = [f'<svg class="spark{" compact" if compact else ""}" role="img" viewBox="0 0 {width} {view}" '
             f'width="{width}" height="{view}" aria-label="{escape(label)}">']
    for i, (year, target, actual, met, target_text, actual_text) in enumerate(points):
        x = 4 + i * col
        if actual is None and met is not None:
            # A word (及时, 具有): no height to draw, only whether it was met.
            colour = MET if met else MISSED
            parts.append(f'<rect x="{x + inset}" y="{base - word}" width="{col - 2 * inset}" height="{word}" '
                         f'fill="{colour}">'
                         f'<title>{year}年目标 {escape(target_text)}，实际 {escape(actual_text)}</title></rect>')
        if actual is not None:
            h = int(height * actual / peak) if peak > 0 else 0
            colour = NEUTRAL if met is None else MET if met else MISSED
            parts.append(f'<rect x="{x + inset}" y="{base - h}" width="{col - 2 * inset}" height="{max(h, 1)}" '
                         f'fill="{colour}">'
                         f'<title>{year}年实际 {escape(actual_text)}</title></rect>')
        if target is not None:
            y = base - int(height * target / peak) if peak > 0 else base
            parts.append(f'<line x1="{x + 4}" y1="{y}" x2="{x + col - 4}" y2="{y}" stroke="{TARGET}" stroke-width="2">'
                         f'<title>{year}年目标 {escape(target_text)}</title></line>')
        shown = short(round2(actual)) if actual is not None else actual_text[:4]
        parts.append(f'<text x="{x + col // 2}" y="{top - 2}" text-anchor="middle" font-size="{font}">{escape(shown)}</text>')
        parts.append(f'<text x="{x + col // 2}" y="{base + below}" text-anchor="middle" font-size="{font}">{year}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
