"""Grades by score band (lower bound included): ≥90 优, ≥80 良, ≥60 中, else 差."""

from __future__ import annotations

from decimal import Decimal

BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(90), "优"),
    (Decimal(80), "良"),
    (Decimal(60), "中"),
)


def grade(score: Decimal) -> str:
    for lower, name in BANDS:
        if score >= lower:
            return name
    return "差"


def grade_rate(rate: Decimal) -> str:
    """A level's grade from its 得分率 (score/weight), as the 评价报告 tables grade each level."""
    return grade(rate * 100)
