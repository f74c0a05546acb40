"""One 项目支出绩效自评表 on one worksheet, in the standard layout (rules.md "The form").

Columns: A labels; B 一级指标; C 二级指标; D 三级指标; E 年度指标值; F 实际完成值; G 分值;
H 得分; I 偏差原因分析及改进措施; J 评分细则 (only when a rule was stated). Execution rates
and scores, the 总分 and the grade are formulas (with cached values, see xlsx_cache), so
they follow when a user corrects an amount or a score. Indicator scores are values, each
with its derivation as a cell comment: a rule over texts such as "≥100份" has no Excel
formula."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.comments import Comment
from openpyxl.worksheet.worksheet import Worksheet

from ..decimals import plain, short
from ..engine.grade import grade_rate
from ..engine.result import EvaluationResult, FundLineResult, IndicatorResult
from ..model import FundSource, Goal, Kind
from .xlsx_cache import CachedValue
from .xlsx_style import (
    AMOUNT_FORMAT, BODY, BOLD, CENTER, HEADER_FILL, LEFT, RATE_FORMAT, SCORE_FORMAT, SUBTITLE, TITLE,
    box, fit_row_height, set_a4_landscape,
)

WIDTHS = {"A": 10, "B": 11, "C": 11, "D": 18, "E": 18, "F": 18, "G": 7, "H": 8, "I": 30, "J": 30}
FUND_ROWS = (
    (FundSource.TOTAL, "年度资金总额"),
    (FundSource.CURRENT, "其中：当年财政拨款"),
    (FundSource.CARRYOVER, "上年结转资金"),
    (FundSource.FISCAL_ACCOUNT, "财政专户管理资金"),
    (FundSource.UNIT_FUNDS, "单位资金"),
    (FundSource.OTHER, "其他资金"),
)
# The national form's own rows; Sichuan's extra sources get a row only when the evaluation has them.
NATIONAL_SOURCES = (FundSource.TOTAL, FundSource.CURRENT, FundSource.CARRYOVER, FundSource.OTHER)
INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                     "偏差原因分析及改进措施")
TITLES = {Kind.PROJECT: "项目支出绩效自评表", Kind.DEPARTMENT: "部门整体支出绩效自评表"}
DASH = "—"
# Excel reads text starting with these as a formula when a user edits the cell.
FORMULA_STARTS = ("=", "+", "-", "@")


def set_cell(cell, value) -> None:
    """Put a value in a cell, text always as text. openpyxl makes any string starting with
    "=" a formula (and "#N/A" an error): a target "=100" would be lost on reading back and
    a name "=HYPERLINK(…)" would be live in the reader's Excel. Only jixiao's own formulas
    (FormWriter.formula, the summary's references) are formulas. The quote prefix keeps
    such text text when a user edits the cell in Excel."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True


@dataclass
class FormCells:
    """Where the numbers landed, for the summary sheet's formulas and for tests."""

    sheet: str
    total_score: str = ""
    total_weight: str = ""
    grade: str = ""
    execution_score: str = ""
    execution_rate: str = ""
    indicator_scores: list[str] = field(default_factory=list)
    indicator_cells: list[tuple[IndicatorResult, str]] = field(default_factory=list)
    cache: dict[str, CachedValue] = field(default_factory=dict)


def grade_formula(ref: str) -> str:
    return f'IF({ref}>=90,"优",IF({ref}>=80,"良",IF({ref}>=60,"中","差")))'


class FormWriter:
    """`claimed`: the 得分 cells hold what the evaluation claims (its 自评得分, as the unit
    filled them in), each with the recomputed score in its comment, and the total sums them —
    the unit's own form, which audits to what the web page showed. Otherwise they hold the
    recomputed scores, the claims being checked elsewhere."""

    def __init__(self, ws: Worksheet, result: EvaluationResult, claimed: bool = False):
        self.ws = ws
        self.result = result
        self.claimed = claimed
        self.evaluation = result.evaluation
        self.cells = FormCells(ws.title)
        self.with_rules = any(r.indicator.rule is not None and r.indicator.rule.text
                              for r in result.indicators)
        self.last_col = "J" if self.with_rules else "I"
        self.row = 1

    # -- small helpers -------------------------------------------------------------
    def put(self, ref: str, value, *, merge_to: str | None = None, font=None, align=CENTER,
            fill=None, number_format: str | None = None) -> None:
        cell = self.ws[ref]
        set_cell(cell, value)
        span = f"{ref}:{merge_to}" if merge_to else ref
        if merge_to:
            self.ws.merge_cells(span)
        box(self.ws, span, font=font or BODY, align=align, fill=fill)
        if number_format:
            cell.number_format = number_format

    def formula(self, ref: str, formula: str, cached: CachedValue | None, number_format: str) -> None:
        self.put(ref, None, number_format=number_format)
        self.ws[ref].value = "=" + formula
        if cached is not None:
            self.cells.cache[ref] = cached

    # -- blocks --------------------------------------------------------------------
    def write(self) -> FormCells:
        ws, ev = self.ws, self.evaluation
        for col, width in WIDTHS.items():
            if col <= self.last_col:
                ws.column_dimensions[col].width = width
        last = self.last_col
        set_cell(ws["A1"], TITLES[ev.kind])
        ws.merge_cells(f"A1:{last}1")
        ws["A1"].font, ws["A1"].alignment = TITLE, CENTER
        ws.row_dimensions[1].height = 30
        set_cell(ws["A2"], f"（{ev.year}年度）" if ev.year else "")
        ws.merge_cells(f"A2:{last}2")
        ws["A2"].font, ws["A2"].alignment = SUBTITLE, CENTER
        self.put("A3", "项目名称", font=BOLD)
        self.put("B3", ev.project, merge_to=f"{last}3", align=LEFT)
        self.put("A4", "主管部门", font=BOLD)
        self.put("B4", ev.department, merge_to="D4", align=LEFT)
        self.put("E4", "实施单位", font=BOLD)
        self.put("F4", ev.unit, merge_to=f"{last}4", align=LEFT)
        fit_row_height(ws, 4, [(ev.department, 40), (ev.unit, 60)])
        self.row = 5
        self.funds()
        if ev.kind == Kind.DEPARTMENT and ev.goals:
            first = last_score = None
            for number, goal in enumerate(ev.goals, start=1):
                self.goals([goal])
                rows = self.indicators([r for r in self.result.indicators if r.indicator.goal == number])
                first = first or rows[0]
                last_score = rows[1] or last_score
            rest = [r for r in self.result.indicators
                    if r.indicator.goal is None or not 1 <= r.indicator.goal <= len(ev.goals)]
            if rest:
                rows = self.indicators(rest)
                last_score = rows[1] or last_score
            self.totals(first, last_score)
        else:
            self.goals(list(ev.goals))
            first, last_row = self.indicators(list(self.result.indicators))
            self.totals(first, last_row)
        set_a4_landscape(ws, "1:2")
        ws.sheet_view.showGridLines = False
        return self.cells

    def funds(self) -> None:
        ev, r0 = self.evaluation, self.row
        unit = ev.funds.unit.text or "元"
        present = {line.source for line in ev.funds.lines}
        rows = [(source, label) for source, label in FUND_ROWS if source in NATIONAL_SOURCES or source in present]
        self.put(f"A{r0}", f"项目资金（{unit}）", merge_to=f"A{r0 + len(rows)}", font=BOLD)
        self.put(f"B{r0}", None, merge_to=f"C{r0}", fill=HEADER_FILL)
        for col, text in zip("DEFGHI", ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")):
            self.put(f"{col}{r0}", text, font=BOLD, fill=HEADER_FILL)
        if self.last_col == "J":
            self.put(f"J{r0}", None, merge_to=f"J{r0 + len(rows)}")
        results = {line.line.source: line for line in self.result.execution.lines}
        total_row = r0 + 1
        denominator_col = "D" if self.result.profile.execution_denominator == "initial" else "E"
        for offset, (source, label) in enumerate(rows, start=1):
            row = r0 + offset
            self.put(f"B{row}", label, merge_to=f"C{row}")
            # The engine's line: for 年度资金总额 it is summed from the sources when the form left it out.
            line = results[source].line if source in results else ev.funds.line(source)
            for col, value in zip("DEF", (line.initial_budget, line.budget, line.executed) if line else (None,) * 3):
                self.put(f"{col}{row}", value, number_format=AMOUNT_FORMAT, align=CENTER)
            result = results.get(source)
            if source == FundSource.TOTAL:
                self.fund_total(row, denominator_col, result)
            else:
                self.fund_source(row, total_row, denominator_col, result)
        self.row = r0 + len(rows) + 1

    def fund_total(self, row: int, den: str, result: FundLineResult | None) -> None:
        execution = self.result.execution
        self.put(f"G{row}", execution.weight, number_format="General")
        self.formula(f"H{row}", f'IF(N({den}{row})>0,F{row}/{den}{row},"")', execution.rate, RATE_FORMAT)
        if self.claimed:
            self.put(f"I{row}", self.claimed_execution(), number_format=SCORE_FORMAT)
            self.ws[f"I{row}"].comment = Comment(f"重算得分 {plain(execution.score)}：{execution.derivation}", "jixiao")
        else:
            self.formula(f"I{row}", f"IF(N({den}{row})>0,ROUND(MIN(F{row}/{den}{row},1)*G{row},2),0)",
                         execution.score, SCORE_FORMAT)
            self.ws[f"I{row}"].comment = Comment(execution.derivation, "jixiao")
        self.cells.execution_score = f"I{row}"
        self.cells.execution_rate = f"H{row}"

    def fund_source(self, row: int, total_row: int, den: str, result: FundLineResult | None) -> None:
        if result is None or result.weight is None:
            self.put(f"G{row}", DASH)
            self.put(f"H{row}", None)
            if result is not None and result.rate is not None:
                self.formula(f"H{row}", f"F{row}/{den}{row}", result.rate, RATE_FORMAT)
            self.put(f"I{row}", DASH)
            return
        share = f"$G${total_row}*{den}{row}/${den}${total_row}"
        self.formula(f"G{row}", f"ROUND({share},2)", result.weight, SCORE_FORMAT)
        self.formula(f"H{row}", f"F{row}/{den}{row}", result.rate, RATE_FORMAT)
        if self.claimed:
            line = self.evaluation.funds.line(result.line.source)
            self.put(f"I{row}", line.reported_score if line else None, number_format=SCORE_FORMAT)
            self.ws[f"I{row}"].comment = Comment(f"重算得分 {plain(result.score)}", "jixiao")
            return
        self.formula(f"I{row}", f"ROUND(MIN(F{row}/{den}{row},1)*{share},2)", result.score, SCORE_FORMAT)

    def claimed_execution(self) -> Decimal | None:
        """The execution score the form claims: its 年度资金总额 line's, else its sources' sum."""
        total = self.evaluation.funds.total
        if total is not None and total.reported_score is not None:
            return total.reported_score
        scores = [line.reported_score for line in self.evaluation.funds.lines if line.reported_score is not None]
        return sum(scores, Decimal(0)) if scores else None

    def goals(self, goals: list[Goal]) -> None:
        r0, last = self.row, self.last_col
        goals = goals or [Goal("")]
        self.put(f"A{r0}", "年度总体目标", merge_to=f"A{r0 + len(goals)}", font=BOLD)
        self.put(f"B{r0}", "预期目标", merge_to=f"E{r0}", font=BOLD, fill=HEADER_FILL)
        self.put(f"F{r0}", "实际完成情况", merge_to=f"{last}{r0}", font=BOLD, fill=HEADER_FILL)
        for offset, goal in enumerate(goals, start=1):
            row = r0 + offset
            self.put(f"B{row}", goal.expected, merge_to=f"E{row}", align=LEFT)
            self.put(f"F{row}", goal.actual, merge_to=f"{last}{row}", align=LEFT)
            fit_row_height(self.ws, row, [(goal.expected, 56), (goal.actual, 60)])
        self.row = r0 + len(goals) + 1

    def indicators(self, results: list[IndicatorResult]) -> tuple[int, int | None]:
        """Header and rows; returns (first row of the block, last indicator row or None)."""
        r0, last = self.row, self.last_col
        headers = INDICATOR_HEADERS + (("评分细则",) if last == "J" else ())
        if self.claimed:
            headers = tuple("自评得分" if text == "得分" else text for text in headers)
        block_end = r0 + max(len(results), 1)
        self.put(f"A{r0}", "绩效指标", merge_to=f"A{block_end}", font=BOLD)
        for col, text in zip("BCDEFGHIJ", headers):
            self.put(f"{col}{r0}", text, font=BOLD, fill=HEADER_FILL)
        if not results:
            for col in "BCDEFGHIJ"[: len(headers)]:
                self.put(f"{col}{r0 + 1}", None)
            self.row = r0 + 2
            return r0, None
        for offset, result in enumerate(results, start=1):
            self.indicator_row(r0 + offset, result)
        self.merge_runs(r0 + 1, results)
        self.row = block_end + 1
        return r0, block_end

    def indicator_row(self, row: int, result: IndicatorResult) -> None:
        ind, outcome = result.indicator, result.outcome
        self.put(f"B{row}", self.level1_label(ind.level1, ind.goal))
        self.put(f"C{row}", ind.level2)
        self.put(f"D{row}", ind.name, align=LEFT)
        self.put(f"E{row}", ind.target.text)
        self.put(f"F{row}", ind.actual.text)
        self.put(f"G{row}", ind.weight, number_format="General")
        self.put(f"H{row}", ind.reported_score if self.claimed else result.counted, number_format=SCORE_FORMAT)
        note = outcome.derivation if outcome.problem is None else f"{outcome.problem.message}；{outcome.derivation}"
        if self.claimed:
            note = f"重算得分 {plain(result.counted)}" + (f"：{note}" if note else "")
        if note:
            self.ws[f"H{row}"].comment = Comment(note, "jixiao")
        self.put(f"I{row}", ind.deviation_reason, align=LEFT)
        texts = [(ind.name, 18), (ind.target.text, 18), (ind.actual.text, 18), (ind.deviation_reason, 30)]
        if self.last_col == "J":
            rule_text = ind.rule.text if ind.rule is not None else ""
            self.put(f"J{row}", rule_text, align=LEFT)
            texts.append((rule_text, 30))
        fit_row_height(self.ws, row, texts)
        self.cells.indicator_scores.append(f"H{row}")
        self.cells.indicator_cells.append((result, f"H{row}"))

    def level1_label(self, level1: str, goal: int | None) -> str:
        """"产出指标（50分）" as the forms print a declared level weight; in a department's
        goal block the weight declared for that goal ("目标1/产出指标")."""
        if self.evaluation.kind == Kind.DEPARTMENT:
            weight = self.evaluation.declared_weight(f"目标{goal}/{level1}") if goal is not None else None
        else:
            weight = self.evaluation.declared_weight(level1)
        if weight is None:
            return level1
        return f"{level1}（{short(weight)}分）"

    def merge_runs(self, first_row: int, results: list[IndicatorResult]) -> None:
        """Merge 一级 cells over runs of the same 一级, and 二级 over runs within it."""
        def runs(keys: list[tuple]) -> list[tuple[int, int]]:
            spans, start = [], 0
            for i in range(1, len(keys) + 1):
                if i == len(keys) or keys[i] != keys[start]:
                    spans.append((start, i - 1))
                    start = i
            return spans

        level1 = [(r.indicator.level1,) for r in results]
        level2 = [(r.indicator.level1, r.indicator.level2) for r in results]
        for col, keys in (("B", level1), ("C", level2)):
            for start, end in runs(keys):
                if end > start:
                    self.ws.merge_cells(f"{col}{first_row + start}:{col}{first_row + end}")

    def totals(self, first_row: int, last_row: int | None) -> None:
        row, ev = self.row, self.result
        self.put(f"A{row}", "总分", merge_to=f"F{row}", font=BOLD)
        execution_weight = f"G{self.cells.execution_score[1:]}"
        weights = sum((r.indicator.weight for r in ev.indicators), Decimal(0)) + ev.execution.weight
        span = f"+SUM(G{first_row}:G{last_row})" if last_row else ""
        score_span = f"+SUM(H{first_row}:H{last_row})" if last_row else ""
        self.formula(f"G{row}", f"{execution_weight}{span}", weights, "General")
        total = ev.total
        if self.claimed:
            total = (self.claimed_execution() or Decimal(0)) + sum(
                (r.indicator.reported_score for r in ev.indicators if r.indicator.reported_score is not None), Decimal(0))
        self.formula(f"H{row}", f"{self.cells.execution_score}{score_span}", total, SCORE_FORMAT)
        self.put(f"I{row}", None, merge_to=f"{self.last_col}{row}")
        self.put(f"A{row + 1}", "自评等级", merge_to=f"F{row + 1}", font=BOLD)
        self.formula(f"G{row + 1}", grade_formula(f"H{row}"), grade_rate(total / 100) if self.claimed else ev.grade,
                     "General")
        self.ws.merge_cells(f"G{row + 1}:H{row + 1}")
        box(self.ws, f"G{row + 1}:H{row + 1}", font=BOLD)
        self.put(f"I{row + 1}", None, merge_to=f"{self.last_col}{row + 1}")
        self.cells.total_weight, self.cells.total_score = f"G{row}", f"H{row}"
        self.cells.grade = f"G{row + 1}"
        self.row = row + 2


def write_form(ws: Worksheet, result: EvaluationResult, claimed: bool = False) -> FormCells:
    return FormWriter(ws, result, claimed).write()
