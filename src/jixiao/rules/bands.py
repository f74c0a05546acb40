"""Score by band (`偏差率≤5%，得满分；5%≤偏差率≤20%，得3分；…；否则，不得分`).

Each band is [lower, upper, score] as strings; a bound is inclusive unless written with
'<' or '>' in front; '' leaves that side open; score '满分' is the weight. Stated bands
often overlap at their bounds (5% in both ≤5% and 5%–20%): the first matching band in
the stated order wins, and the derivation says so. A value in no band scores 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Indicator, RuleSpec
from ..numbers import to_common
from ._common import (
    ZERO,
    ParamError,
    Side,
    SourcedRule,
    finish,
    measured_side,
    points,
    points_text,
    problem_outcome,
    quantity_side,
    text_param,
)
from .base import Context, Outcome, Param, register


@dataclass(frozen=True)
class Bound:
    side: Side
    strict: bool


@dataclass(frozen=True)
class Band:
    lower: Bound | None
    upper: Bound | None
    score: str

    @property
    def label(self) -> str:
        lower, upper = self.lower, self.upper
        if lower and upper:
            if not lower.strict and not upper.strict:
                return f"{lower.side.text}–{upper.side.text}"
            return f"{'>' if lower.strict else '≥'}{lower.side.text}且{'<' if upper.strict else '≤'}{upper.side.text}"
        if lower:
            return f"{'>' if lower.strict else '≥'}{lower.side.text}"
        if upper:
            return f"{'<' if upper.strict else '≤'}{upper.side.text}"
        return "任意值"


def _bound(text: object, which: str) -> Bound | None:
    text = str(text).strip()
    if not text:
        return None
    strict = text[0] in "<>＜＞"
    side = quantity_side(text.lstrip("<>＜＞≤≥=").strip())
    if side is None:
        raise ParamError(f"分档的{which}“{text}”无法识别")
    return Bound(side, strict)


def read_bands(spec: RuleSpec) -> list[Band]:
    raw = spec.param("bands")
    if not isinstance(raw, (list, tuple)) or not raw:
        raise ParamError("分档规则缺少档位（bands）")
    bands = []
    for row in raw:
        if not isinstance(row, (list, tuple)) or len(row) != 3:
            raise ParamError(f"分档应为[下限, 上限, 得分]，实际为{row!r}")
        bands.append(Band(_bound(row[0], "下限"), _bound(row[1], "上限"), str(row[2]).strip()))
    return bands


def _inside(value: Side, band: Band) -> bool | None:
    """Whether the value falls in the band; None when a bound's unit cannot be compared."""
    for bound, is_lower in ((band.lower, True), (band.upper, False)):
        if bound is None:
            continue
        common = to_common(value.quantity, bound.side.quantity)
        if common is None:
            return None
        v, b = common
        if is_lower and (v < b or (bound.strict and v == b)):
            return False
        if not is_lower and (v > b or (bound.strict and v == b)):
            return False
    return True


@register
class BandsRule(SourcedRule):
    kind = "bands"
    title = "分档计分"
    params = (Param("bands", "rows", "档位 [下限, 上限, 得分]", required=True, width=3),
              Param("measure", "text", "所分档的量，默认“实际”"))

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        rule = self.name(source)
        bands = read_bands(spec)
        measure = text_param(spec, "measure", "实际") or "实际"
        weight = indicator.weight
        value = measured_side(indicator, ctx, measure)
        matches = []
        for band in bands:
            inside = _inside(value, band)
            if inside is None:
                return problem_outcome(rule, f"{measure}{value.text}与分档“{band.label}”单位不一致")
            if inside:
                matches.append(band)
        full = next((band for band in bands if points(band.score, weight) >= weight), None)
        full_at = full.label if full else None
        note = f"（{value.note}）" if value.note else ""
        if not matches:
            derivation = f"{measure}{value.text}不在任何档内，得0分{note}"
            return Outcome(finish(ZERO, weight)[0], derivation, rule, full_at)
        band = matches[0]
        raw: Decimal = points(band.score, weight)
        score, capped = finish(raw, weight)
        if len(matches) > 1:
            note += f"（同时落在{len(matches)}个档内，按所列顺序取第一个）"
        derivation = f"{measure}{value.text}落在{band.label}档，得{points_text(band.score, weight)}分{capped}{note}"
        return Outcome(score, derivation, rule, full_at if score < weight else None)
