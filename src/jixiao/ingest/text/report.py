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
from ...findings import Finding
from ...model import Location
from ...rules.text import read_rule_text
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


class _ReportTables:
    """The line pass: the list of annual targets (plan statements) and the tables — funds,
    评分细则, 综合评分结果 — each row going to its block's parser. A block starts at its header
    row and ends at the first line that is not a table row."""

    def __init__(self, source: str):
        self.source = source
        self.project = ""
        self.notices: list[Notice] = []
        self.funds_tables: list[FundsTable] = []
        self.rule_rows: list[RuleRow] = []
        self.findings: list[Finding] = []
        self.level_scores: list[LevelScore] = []
        self.plans: list[Statement] = []
        self.block: str | None = None
        self.funds_rows: list[FundsRow] = []
        self.level1 = self.level2 = ""
        self.in_plan = False

    def read(self, lines: list[tuple[int, str]]) -> None:
        for number, raw in lines:
            text = raw.strip()
            if not self.project and text.startswith("项目名称"):
                self.project = squeeze(re.split(r"[:：]", text, maxsplit=1)[-1])
            for phrase in layout.ADJUSTED_TARGET_PHRASES:
                if phrase in squeeze(text):
                    self.notices.append(Notice("adjusted-targets", text[:80], at(self.source, number)))
            if "\t" in raw:
                self.table_row(number, split_cells(raw))
            else:
                self.text_line(number, text)
        self.end_block()

    def end_block(self) -> None:
        if self.block == "funds" and self.funds_rows:
            self.funds_tables.append(FundsTable(tuple(self.funds_rows), self.funds_rows[0].location))
            self.funds_rows = []
        self.block = None

    def text_line(self, number: int, text: str) -> None:
        if text and self.block:
            self.end_block()
        if re.match(r"^\d\s*[.．、]\s*年度目标", text):
            self.in_plan = True
            return
        if self.in_plan and (re.match(r"^[一二三四五六七八九十]+、", text) or "评价工作" in text):
            self.in_plan = False
        if self.in_plan and text:
            self.plan_item(number, text)

    def plan_item(self, number: int, text: str) -> None:
        match = _PLAN_ITEM.match(text)
        if match:
            target = match.group(2) or match.group(3) or ""
            self.plans.append(Statement(_name(match.group(1)), at(self.source, number), target_text=target.strip(),
                                        section="plan"))

    def table_row(self, number: int, cells: list[str]) -> None:
        plain = [squeeze(c) for c in cells]
        header = _block_of(plain)
        if header is not None:
            self.block = header
            return
        location = at(self.source, number)
        if self.block == "funds":
            self.funds_row(location, cells)
        elif self.block == "rules":
            self.rule_row(location, cells)
        elif self.block == "result":
            self.result_row(location, cells)

    def funds_row(self, location: Location, cells: list[str]) -> None:
        values = [c for c in cells if c.strip()]
        if len(values) >= 5:
            name = squeeze(values[0])
            budget, executed, difference, rate = (printed(v, location) for v in values[1:5])
            self.funds_rows.append(FundsRow(name, location, budget, executed, difference, rate,
                                            is_total=name in ("合计", "总计")))

    def rule_row(self, location: Location, cells: list[str]) -> None:
        values = [c for c in cells if c.strip()]
        if len(values) < 4 or not is_number(values[-2].strip()):
            return
        rule_text, weight = values[-1].strip(), values[-2].strip()
        target, name = values[-3].strip(), squeeze(values[-4])
        labels = [label_of(v)[0] for v in values[:-4]]
        if len(labels) >= 2:
            self.level1, self.level2 = labels[0], labels[1]
        elif len(labels) == 1:
            if labels[0] in layout.LEVEL1_FAMILIES:
                self.level1, self.level2 = labels[0], ""
            else:
                self.level2 = labels[0]
        weight_p = printed(weight, location)
        spec, finding = read_rule_text(rule_text, weight_p.value, name, location, self.project)
        if finding is not None:
            self.findings.append(finding)
        self.rule_rows.append(RuleRow(self.level1, self.level2, name, target, weight_p, rule_text, location, spec))

    def result_row(self, location: Location, cells: list[str]) -> None:
        values = [c for c in cells if c.strip() and not set(c.strip()) <= set("-—")]
        if len(values) < 3:
            return
        label = squeeze(values[0])
        key = layout.RESULT_ROWS.get(label)
        if key is None:
            return
        grade = values[4].strip() if len(values) > 4 else None
        self.level_scores.append(LevelScore(key, label, location, printed(values[1], location),
                                            printed(values[2], location),
                                            printed(values[3], location) if len(values) > 3 else None, grade))


def _block_of(plain: list[str]) -> str | None:
    """The block a header row starts, or None for a row inside a block."""
    if "调整预算数" in plain and "实际支出数" in plain:
        return "funds"
    if "评分细则" in plain:
        return "rules"
    if "项目得分" in plain or ("评价指标" in plain and "得分率" in plain):
        return "result"
    if "评价计分结果" in plain:
        return "bands"
    return None


class _ReportParagraphs:
    """The paragraph pass: level sentences (“本项指标总分值 50 分，综合得分 43 分…”), the
    conclusion, per-indicator paragraphs under their headings, and amounts."""

    def __init__(self, source: str):
        self.source = source
        self.claims: list = []
        self.level_scores: list[LevelScore] = []
        self.statements: list[Statement] = []
        self.totals: list = []
        self.section = ""
        self.heading = ""

    def read(self, lines: list[tuple[int, str]]) -> None:
        for paragraph in paragraphs(lines):
            self.paragraph(paragraph)

    def paragraph(self, paragraph) -> None:
        text = paragraph.text
        self.claims.extend(read_claims(paragraph, self.source, self.totals))
        for title, key in layout.SECTION_LEVELS:
            if 0 <= text.find(title) < 10:
                self.section = key
        level = _LEVEL.search(text)
        if level and self.section:
            location = at(self.source, paragraph.line_at(level.start()))
            self.level_scores.append(
                LevelScore((self.section,), self.section, location, printed(level.group(1), location),
                           printed(level.group(2), location), printed(level.group(3), location), level.group(4)))
            return
        conclusion = _CONCLUSION.search(text)
        if conclusion:
            location = at(self.source, paragraph.line_at(conclusion.start(1)))
            self.level_scores.append(LevelScore(("total",), "综合评分", location,
                                                score=printed(conclusion.group(1), location),
                                                grade=conclusion.group(2)))
        match = _HEADING.match(text)
        if match and len(text) <= 60 and "设定分值" not in text:
            self.heading = _name(match.group(2))
            return
        if match and "指标目标值" in text and text.index("指标目标值") > match.start(2):
            # the heading and its sentence were printed without a blank line between them
            self.heading = _name(text[match.start(2): text.index("指标目标值")])
        weight = _WEIGHT.search(text)
        if weight and "指标目标值" in text and self.heading:
            self.statement(paragraph, weight)
            self.heading = ""

    def statement(self, paragraph, weight: re.Match) -> None:
        text = paragraph.text
        scores = list(_SCORE.finditer(text, weight.end()))
        score = scores[-1] if scores else None
        target = text[text.index("指标目标值") + len("指标目标值"): weight.start()].strip(" ，,")
        actual = text[weight.end(): score.start() if score else len(text)].strip(" ，,")
        weight_location = at(self.source, paragraph.line_at(weight.start(1)))
        score_location = at(self.source, paragraph.line_at(score.start(1))) if score else weight_location
        deviation = _DEVIATION.search(text, weight.end())
        deviation_location = at(self.source, paragraph.line_at(deviation.start(1))) if deviation else None
        self.statements.append(Statement(
            name=self.heading,
            location=score_location,
            weight=printed(weight.group(1), weight_location),
            score=printed(score.group(1), score_location) if score else None,
            target_text=target,
            actual_text=actual,
            level1=self.section,
            section="result",
            deviation=printed(deviation.group(1), deviation_location) if deviation else None,
        ))


def read_report(lines: list[tuple[int, str]], source: str) -> Document:
    tables = _ReportTables(source)
    tables.read(lines)
    prose = _ReportParagraphs(source)
    prose.read(lines)
    return Document(
        source=source,
        kind=DocKind.EVALUATION_REPORT,
        project=tables.project,
        location=at(source, lines[0][0]),
        statements=tuple(tables.plans + prose.statements),
        rule_rows=tuple(tables.rule_rows),
        level_scores=tuple(tables.level_scores + prose.level_scores),
        funds_tables=tuple(tables.funds_tables),
        claims=tuple(prose.claims),
        notices=tuple(tables.notices),
        findings=tuple(tables.findings),
    )
