"""A project's 绩效评价报告: its funds table, its list of annual targets, its 评分细则 table,
its 综合评分结果 table, the level sentences (“本项指标总分值 50 分，综合得分 43 分…”), the
per-indicator paragraphs (“指标目标值…，设定分值 4 分，实际…，得 1.51 分”), amounts, notices."""

from __future__ import annotations

import re

from ...document import (
    DocKind,
    Document,
    FundsRow,
    FundsTable,
    LevelScore,
    Notice,
    RuleRow,
    Statement,
)
from . import layout
from .cells import at, is_number, label_of, printed, split_cells, squeeze
from .claims import read_claims
from .paragraphs import paragraphs

_HEADING = re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]\s*(\S.*)$")
_NAME_END = re.compile(r"\s*(?:[:：]|\\geq|\\leq|\$|≥|≤|≧|≦|>|<|=).*$")
_WEIGHT = re.compile(r"设定分值\s*([\d.]+)\s*分?")
_SCORE = re.compile(r"得(?:分)?\s*([\d.]+)\s*分")
_DEVIATION = re.compile(r"指标偏差率为\s*([\d.]+\s*%)")
_LEVEL = re.compile(r"分值\s*([\d.]+)\s*分，\s*综合得分\s*([\d.]+)\s*分，\s*得分率\s*([\d.]+%)(?:，\s*评价等级为[“\"]([优良中差])[”\"])?")
_CONCLUSION = re.compile(r"综合评分为\s*([\d.]+)\s*分?\s*[,，]\s*(?:综合评价)?级别为[“\"]([优良中差])[”\"]")
_PLAN_ITEM = re.compile(r"^(.+?)\s*(?:[:：]\s*(.+)|((?:\\geq|\\leq|\$|≥|≤|≧|≦|=|>|<).+))$")


def _name(text: str) -> str:
    return squeeze(_NAME_END.sub("", text)).strip("，,。 ")


def read_report(lines: list[tuple[int, str]], source: str) -> Document:
    start = lines[0][0]
    project = ""
    notices: list[Notice] = []
    funds_tables: list[FundsTable] = []
    rule_rows: list[RuleRow] = []
    level_scores: list[LevelScore] = []
    statements: list[Statement] = []
    table: str | None = None
    funds_rows: list[FundsRow] = []
    level1 = level2 = ""
    in_plan = False
    for number, raw in lines:
        text = raw.strip()
        if not project and text.startswith("项目名称"):
            project = squeeze(re.split(r"[:：]", text, maxsplit=1)[-1])
        for phrase in layout.ADJUSTED_TARGET_PHRASES:
            if phrase in squeeze(text):
                notices.append(Notice("adjusted-targets", text[:80], at(source, number)))
        if "\t" not in raw:
            if text and table:
                if table == "funds" and funds_rows:
                    funds_tables.append(FundsTable(tuple(funds_rows), funds_rows[0].location))
                    funds_rows = []
                table = None
            if re.match(r"^\d\s*[.．、]\s*年度目标", text):
                in_plan = True
                continue
            if in_plan and (re.match(r"^[一二三四五六七八九十]+、", text) or "评价工作" in text):
                in_plan = False
            if in_plan and text:
                match = _PLAN_ITEM.match(text)
                if match:
                    location = at(source, number)
                    target = match.group(2) or match.group(3) or ""
                    statements.append(Statement(_name(match.group(1)), location, target_text=target.strip(),
                                                section="plan"))
            continue
        cells = split_cells(raw)
        plain = [squeeze(c) for c in cells]
        if "调整预算数" in plain and "实际支出数" in plain:
            table = "funds"
            continue
        if "评分细则" in plain:
            table = "rules"
            continue
        if "项目得分" in plain or ("评价指标" in plain and "得分率" in plain):
            table = "result"
            continue
        if "评价计分结果" in plain:
            table = "bands"
            continue
        location = at(source, number)
        if table == "funds":
            values = [c for c in cells if c.strip()]
            if len(values) >= 5:
                name = squeeze(values[0])
                budget, executed, difference, rate = (printed(v, location) for v in values[1:5])
                funds_rows.append(FundsRow(name, location, budget, executed, difference, rate,
                                           is_total=name in ("合计", "总计")))
        elif table == "rules":
            values = [c for c in cells if c.strip()]
            if len(values) < 4:
                continue
            rule_text = values[-1].strip()
            weight = values[-2].strip()
            if not is_number(weight):
                continue
            target, name = values[-3].strip(), squeeze(values[-4])
            labels = [label_of(v)[0] for v in values[:-4]]
            if len(labels) >= 2:
                level1, level2 = labels[0], labels[1]
            elif len(labels) == 1:
                if labels[0] in layout.LEVEL1_FAMILIES:
                    level1, level2 = labels[0], ""
                else:
                    level2 = labels[0]
            rule_rows.append(RuleRow(level1, level2, name, target, printed(weight, location), rule_text, location))
        elif table == "result":
            values = [c for c in cells if c.strip() and not set(c.strip()) <= set("-—")]
            if len(values) >= 3:
                label = squeeze(values[0])
                key = layout.RESULT_ROWS.get(label)
                if key is None:
                    continue
                grade = values[4].strip() if len(values) > 4 else None
                level_scores.append(
                    LevelScore(key, label, location, printed(values[1], location), printed(values[2], location),
                               printed(values[3], location) if len(values) > 3 else None, grade)
                )
    if table == "funds" and funds_rows:
        funds_tables.append(FundsTable(tuple(funds_rows), funds_rows[0].location))

    claims = []
    totals: list = []
    section = ""
    heading = ""
    for paragraph in paragraphs(lines):
        text = paragraph.text
        claims.extend(read_claims(paragraph, source, totals))
        for title, key in layout.SECTION_LEVELS:
            if 0 <= text.find(title) < 10:
                section = key
        level = _LEVEL.search(text)
        if level and section:
            location = at(source, paragraph.line_at(level.start()))
            level_scores.append(
                LevelScore((section,), section, location, printed(level.group(1), location),
                           printed(level.group(2), location), printed(level.group(3), location), level.group(4))
            )
            continue
        conclusion = _CONCLUSION.search(text)
        if conclusion:
            location = at(source, paragraph.line_at(conclusion.start(1)))
            level_scores.append(LevelScore(("total",), "综合评分", location,
                                           score=printed(conclusion.group(1), location), grade=conclusion.group(2)))
        match = _HEADING.match(text)
        if match and len(text) <= 60 and "设定分值" not in text:
            heading = _name(match.group(2))
            continue
        if match and "指标目标值" in text and text.index("指标目标值") > match.start(2):
            # the heading and its sentence were printed without a blank line between them
            heading = _name(text[match.start(2): text.index("指标目标值")])
        weight = _WEIGHT.search(text)
        if weight and "指标目标值" in text and heading:
            scores = list(_SCORE.finditer(text, weight.end()))
            score = scores[-1] if scores else None
            target = text[text.index("指标目标值") + len("指标目标值"): weight.start()].strip(" ，,")
            actual_end = score.start() if score else len(text)
            actual = text[weight.end(): actual_end].strip(" ，,")
            weight_location = at(source, paragraph.line_at(weight.start(1)))
            score_location = at(source, paragraph.line_at(score.start(1))) if score else weight_location
            deviation = _DEVIATION.search(text, weight.end())
            deviation_location = at(source, paragraph.line_at(deviation.start(1))) if deviation else None
            statements.append(
                Statement(
                    name=heading,
                    location=score_location,
                    weight=printed(weight.group(1), weight_location),
                    score=printed(score.group(1), score_location) if score else None,
                    target_text=target,
                    actual_text=actual,
                    level1=section,
                    section="result",
                    deviation=printed(deviation.group(1), deviation_location) if deviation else None,
                )
            )
            heading = ""
    return Document(
        source=source,
        kind=DocKind.EVALUATION_REPORT,
        project=project,
        location=at(source, start),
        statements=tuple(statements),
        rule_rows=tuple(rule_rows),
        level_scores=tuple(level_scores),
        funds_tables=tuple(funds_tables),
        claims=tuple(claims),
        notices=tuple(notices),
    )
