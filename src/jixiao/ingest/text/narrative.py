"""The department's narrative self-evaluation report: per-indicator statements
(“本指标值 3 分” where targets are set; “本指标值 3 分，评分得 2.5 分” where they are
evaluated), the summary table of goal scores, the stated total, amounts, and notices."""

from __future__ import annotations

import re

from ...document import DocKind, Document, LevelScore, Notice, Statement
from .cells import at, printed, split_cells, squeeze
from .claims import read_claims
from .department import read_department_figures
from . import layout
from .paragraphs import paragraphs

_GOAL = re.compile(r"^([1-9])\s*[、]\s*(\S.*)$")
_LEVEL1 = (("产出指标", "产出指标"), ("效益指标", "效益指标"))
_MARKER = re.compile(r"^(?:[A-Z]\s+|[①②③④⑤⑥⑦⑧⑨])")
_CIRCLED = re.compile(r"^[①②③④⑤⑥⑦⑧⑨]")
_WEIGHT = re.compile(r"本指标值\s*([\d.]+)\s*分")
_SCORE = re.compile(r"评分得\s*([\d.]+)\s*分")
_TOTAL = re.compile(r"自评(?:总)?分(?:为|：|:)\s*([\d.]+)\s*分")
_GOAL_CELL = re.compile(r"目标\s*(\d+)")


def _strip_marker(text: str) -> str:
    return _MARKER.sub("", text.strip()).strip(" ，,。.")


def read_narrative(lines: list[tuple[int, str]], source: str) -> Document:
    start = lines[0][0]
    unit = ""
    statements: list[Statement] = []
    notices: list[Notice] = []
    level_scores: list[LevelScore] = []
    claims = []
    goal: int | None = None
    level1 = ""
    name_line = ""
    body: list[str] = []
    for number, raw in lines:
        text = raw.strip()
        if not text or "\t" in raw:
            continue
        if text.startswith("单位名称"):
            unit = text.split("：", 1)[-1].split(":", 1)[-1].strip()
        for phrase in layout.ADJUSTED_TARGET_PHRASES:
            if phrase in squeeze(text):
                notices.append(Notice("adjusted-targets", text[:80], at(source, number)))
        match = _GOAL.match(text)
        if match and "本指标值" not in text:
            goal = int(match.group(1))
            level1 = ""
            name_line, body = "", []
            continue
        plain = squeeze(text)
        for word, key in _LEVEL1:
            if re.match(r"^[(（]?\d[)）.、]", text) and word in plain and len(plain) <= 16 and "本指标值" not in text:
                level1 = key
        weight = _WEIGHT.search(text)
        if weight is None:
            if _MARKER.match(text) and len(plain) <= 60:
                name_line, body = _strip_marker(text), []
            elif name_line:
                body.append(plain)
            continue
        score = _SCORE.search(text)
        prefix = _strip_marker(text[: weight.start()])
        if prefix and (_MARKER.match(text) or not name_line):
            name, target = prefix, prefix
        else:
            name, target = name_line or prefix, prefix
        location = at(source, number)
        statements.append(
            Statement(
                name=squeeze(name),
                location=location,
                weight=printed(weight.group(1), location),
                score=printed(score.group(1), location) if score else None,
                target_text=target,
                actual_text="".join(body),
                goal=goal,
                level1=level1 or ("效益指标" if _CIRCLED.match(name_line or text) and "满意" in (name_line + text) else ""),
                section="result" if score else "plan",
            )
        )
        if _MARKER.match(text):
            name_line = ""
        body = []
    totals: list = []
    for paragraph in paragraphs(lines):
        claims.extend(read_claims(paragraph, source, totals))
        total = _TOTAL.search(paragraph.text)
        if total:
            location = at(source, paragraph.line_at(total.start(1)))
            level_scores.append(LevelScore(("total",), "自评分", location, score=printed(total.group(1), location)))
    level_scores.extend(_summary_table(lines, source))
    return Document(
        source=source,
        kind=DocKind.DEPARTMENT_REPORT,
        project=unit,
        location=at(source, start),
        statements=tuple(statements),
        level_scores=tuple(level_scores),
        claims=tuple(claims),
        notices=tuple(notices),
        unit=unit,
        department=read_department_figures(lines, source),
    )


def _summary_table(lines: list[tuple[int, str]], source: str) -> list[LevelScore]:
    """The table of goal scores (类别 / 指标 / 标准分值 / 自评分值)."""
    result: list[LevelScore] = []
    inside = False
    goal: str | None = None
    for number, raw in lines:
        if "\t" not in raw:
            if inside and raw.strip():
                inside = False
            continue
        cells = split_cells(raw)
        plain = [squeeze(c) for c in cells]
        if "标准分值" in plain and ("自评分值" in plain or "得分" in plain):
            inside = True
            continue
        if not inside:
            continue
        numbers = [c for c in cells if re.fullmatch(r"\d+(?:\.\d+)?", c)]
        if len(numbers) < 2:
            continue
        location = at(source, number)
        weight, score = printed(numbers[-2], location), printed(numbers[-1], location)
        first = plain[0]
        goal_match = _GOAL_CELL.search(first)
        if goal_match:
            goal = f"目标{goal_match.group(1)}"
        level = next((p for p in plain if p in ("产出指标", "效益指标")), None)
        if "执行" in first:
            key: tuple[str, ...] = ("execution",)
        elif first in ("总计", "合计", "总分"):
            key = ("total",)
        elif level and goal:
            key = (goal, level)
        else:
            continue
        result.append(LevelScore(key, " ".join(p for p in plain if p and p not in numbers), location, weight, score))
    return result
