"""The readable tables of `jixiao score`: one table per evaluation, or one line per evaluation
(`--format summary`) (rich)."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..decimals import percent, plain, short
from ..engine.result import EvaluationResult


def _differs(reported: Decimal | None, recomputed: Decimal | None) -> bool:
    return reported is not None and recomputed is not None and reported != recomputed


def render_result(result: EvaluationResult) -> Group:
    evaluation, execution = result.evaluation, result.execution
    title = f"{evaluation.project}（{evaluation.year or ''}年度）"
    header = Text(
        f"{title}  实施单位：{evaluation.unit}  主管部门：{evaluation.department}  评分方案：{result.profile.name}"
        f"（依据：{result.profile.source}）",
        style="bold",
    )

    funds = Table(title="项目资金（" + evaluation.funds.unit.text + "）", show_lines=False, expand=False)
    for column in ("资金来源", "全年预算数", "全年执行数", "执行率", "分值", "得分", "自评得分", "计算过程"):
        funds.add_column(column)
    for line_result in execution.lines:
        line = line_result.line
        reported = line.reported_score
        funds.add_row(
            line.source.value,
            plain(line.budget) if line.budget is not None else "—",
            plain(line.executed) if line.executed is not None else "—",
            percent(line_result.rate) if line_result.rate is not None else "—",
            plain(line_result.weight) if line_result.weight is not None else "—",
            plain(line_result.score) if line_result.score is not None else "—",
            Text(plain(reported), style="red bold")
            if _differs(reported, line_result.score)
            else Text(plain(reported) if reported is not None else ""),
            line_result.derivation,
        )

    table = Table(title="绩效指标", show_lines=False, expand=False)
    for column in ("一级", "二级", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "自评得分", "计算过程"):
        table.add_column(column, overflow="fold")
    previous: tuple[str, str] = ("", "")
    for item in result.indicators:
        indicator, outcome = item.indicator, item.outcome
        level1 = indicator.level1 if indicator.level1 != previous[0] else ""
        level2 = indicator.level2 if (indicator.level1, indicator.level2) != previous else ""
        previous = (indicator.level1, indicator.level2)
        derivation = outcome.derivation
        if outcome.problem and outcome.problem.message not in derivation:
            derivation += f"【{outcome.problem.message}】"
        if outcome.full_marks_at and outcome.score is not None and outcome.score < indicator.weight:
            derivation += f"（满分需：{outcome.full_marks_at}）"
        score_text = plain(outcome.score) if outcome.score is not None else "未能重算"
        reported = indicator.reported_score
        table.add_row(
            level1,
            level2,
            indicator.name,
            indicator.target.text,
            indicator.actual.text,
            short(indicator.weight),
            score_text,
            Text(plain(reported), style="red bold")
            if _differs(reported, outcome.score)
            else Text(plain(reported) if reported is not None else ""),
            derivation,
        )

    levels = Table(title="分级汇总", expand=False)
    for column in ("层级", "分值", "得分", "得分率", "等级"):
        levels.add_column(column)
    for subtotal in result.subtotals:
        levels.add_row(
            " / ".join(subtotal.key),
            short(subtotal.weight),
            plain(subtotal.score),
            percent(subtotal.rate) if subtotal.rate is not None else "—",
            subtotal.grade,
        )

    reported_total = evaluation.reported_total
    total_line = Text(f"总分：{plain(result.total)}  等级：{result.grade}", style="bold")
    if reported_total is not None:
        style = "red bold" if reported_total != result.total else "green"
        verdict = "不一致" if reported_total != result.total else "一致"
        total_line.append(f"  自评总分：{plain(reported_total)}（{verdict}）", style=style)
    parts: list = [header, funds, table, levels, total_line]
    for problem in result.problems:
        parts.append(Text(f"注意：{problem}", style="yellow"))
    return Group(*parts)


def print_results(results: list[EvaluationResult], console: Console | None = None) -> None:
    console = console or Console(width=200)
    for result in results:
        console.print(render_result(result))
        console.print()


def render_summary(evaluations, scores, partial=None) -> Group:
    """One line per table: where it is, its recomputed execution score, total and grade, and the
    total it printed; `scores` are `api.score_tables`'s for `evaluations`. A table read only in part
    (`partial`: why, per table, as `Document.partial` says) gets no grade: its recomputed total
    holds only the rows that were read."""
    partial = partial or [""] * len(evaluations)
    table = Table(title=f"总分一览（{len(evaluations)}张自评表）", show_lines=False, expand=False)
    for column in ("序号", "项目", "年度", "来源", "预算执行率得分", "重算总分", "等级", "自评总分", "差额（自评−重算）",
                   "备注"):
        table.add_column(column, overflow="fold")
    grades = {"优": 0, "良": 0, "中": 0, "差": 0}
    differ = stopped = 0
    for index, evaluation in enumerate(evaluations):
        total, grade_name = scores.total(index), scores.grade(index)
        note = ""
        if partial[index]:
            stopped += 1
            grade_name, note = "—", f"{partial[index]}：重算总分只含已读到的行，不评等级"
        else:
            grades[grade_name] += 1
        reported = evaluation.reported_total
        gap = Text("")
        if reported is not None and reported != total and not partial[index]:
            differ += 1
            gap = Text(f"{reported - total:+}", style="red bold")
        where = evaluation.location.describe() if evaluation.location is not None else ""
        table.add_row(str(index + 1), evaluation.project, str(evaluation.year or ""), where,
                      plain(scores.execution(index)), plain(total), grade_name,
                      Text(plain(reported), style="red bold" if gap.plain else "")
                      if reported is not None else Text("—"), gap, note)
    counts = "，".join(f"{name}{count}张" for name, count in grades.items())
    footer = f"合计{len(evaluations)}张：{counts}"
    if stopped:
        footer += f"，表格不完整{stopped}张（不评等级）"
    footer += f"；自评总分与重算不一致{differ}张"
    return Group(table, Text(footer, style="bold"))


def print_summary(evaluations, scores, console: Console | None = None, partial=None) -> None:
    (console or Console(width=220)).print(render_summary(evaluations, scores, partial))
