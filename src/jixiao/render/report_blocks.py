"""The content blocks a report is made of (headings, paragraphs, tables, charts, page breaks),
independent of Word, and the pieces both reports share: the title block, the funds table, the
score table, and the prompt an empty section shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..engine.grade import grade_rate
from ..engine.result import EvaluationResult
from ..model import FundSource
from .official_text import money, points, rate


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 title, 1 一、, 2 （一）, 3 1.


@dataclass(frozen=True)
class Paragraph:
    """`style`: body | center | note | prompt (a section the unit has still to write: shown
    in the draft, highlighted, never filled with invented text)."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    widths: tuple[float, ...] = ()  # cm; empty = even


@dataclass(frozen=True)
class Chart:
    kind: str  # 'levels' (scores by level) | 'funds' (execution by source)
    caption: str
    data: tuple[tuple[str, Decimal, Decimal], ...] = field(default_factory=tuple)  # label, full, actual


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | Chart | PageBreak


def prompt(section: str, hints: list[str] | None = None) -> Paragraph:
    """An empty section in the draft: what to write, and the data it should discuss."""
    text = f"【待填写：{section}】"
    if hints:
        text += "可结合以下情况撰写：" + "；".join(hints) + "。"
    return Paragraph(text, "prompt")


def funds_rows(result: EvaluationResult, unit: str) -> tuple[list[tuple[str, ...]], list[tuple[str, Decimal, Decimal]]]:
    """The funds table's rows (资金来源, 年初预算数, 全年预算数, 全年执行数, 执行率) and the chart's data."""
    rows: list[tuple[str, ...]] = []
    chart: list[tuple[str, Decimal, Decimal]] = []
    for line_result in result.execution.lines:
        line = line_result.line
        if line.budget is None and line.executed is None:
            continue
        rows.append((line.source.value, money(line.initial_budget, ""), money(line.budget, ""),
                     money(line.executed, ""), rate(line_result.rate)))
        if line.source != FundSource.TOTAL and line.budget is not None:
            chart.append((line.source.value, line.budget, line.executed or Decimal(0)))
    total = result.execution.lines[0].line if result.execution.lines else None
    if not chart and total is not None and total.budget is not None:
        chart.append((total.source.value, total.budget, total.executed or Decimal(0)))
    return rows, chart


def grade_of(score: Decimal, weight: Decimal) -> str:
    return grade_rate(score / weight) if weight else "—"


def execution_row(result: EvaluationResult, label: str) -> tuple[str, ...]:
    execution = result.execution
    share = execution.score / execution.weight if execution.weight else None
    return (label, points(execution.weight), points(execution.score), rate(share),
            grade_of(execution.score, execution.weight))


def lost_points(item) -> bool:
    return item.counted < item.indicator.weight


__all__ = ["Block", "Chart", "Heading", "PageBreak", "Paragraph", "Table", "execution_row", "funds_rows",
           "grade_of", "lost_points", "prompt"]
