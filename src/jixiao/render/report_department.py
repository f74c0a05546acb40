"""A department's 部门整体支出绩效自评报告 in the structure real ones use (the seed's):
一、基本情况（单位基本情况: 职能, 机构, 人员; 部门整体支出预算绩效目标）;
二、部门整体支出绩效分析（部门整体支出情况: 支出规模和结构, 基本支出, 项目支出, 共性指标;
整体支出预算绩效目标的完成情况）; 三、自评结论（结论; 经验, 问题, 改进措施）.

Every number is printed from the data and every rate, share and difference is computed from
the figures beside it, so the report agrees with itself: a breakdown that does not add up to
its total (the seed's 5 + 2 of 17 people) is not printed — the total is, and the disagreement
goes to the 审核意见 appendix. The sentences keep the forms a reader of such reports (and
jixiao's own reader) expects: “支出决算为…，占“三公”经费…，为预算的…，比预算减少…”."""

from __future__ import annotations

from decimal import Decimal

from ..audit import interval
from ..department import DepartmentFigures, Figure, Item, StaffTotal
from ..engine.common_indicators import compute
from ..engine.result import EvaluationResult
from ..prose import Prose
from .official_text import clause, ended, money, numbered, official, points, rate, sentence, total
from .report_blocks import Block, Chart, Heading, Paragraph, Table, execution_row, funds_rows, lost_points, prompt
from .report_project import shortfall_hints


def _range(figure: Figure) -> tuple[Decimal, Decimal]:
    half = interval.amount_half_unit(figure.value)
    return figure.value - half, figure.value + half


def adds_up(parts: list[Figure], total: Figure) -> bool:
    """Parts that, at the precision they are written, can make the total (2.89 from 1.65 + 1.23)."""
    low = sum((_range(p)[0] for p in parts), Decimal(0))
    high = sum((_range(p)[1] for p in parts), Decimal(0))
    total_low, total_high = _range(total)
    return low <= total_high and high >= total_low


def _breakdown_ok(count: StaffTotal) -> bool:
    top = count.top_level()
    if count.total is not None and top and sum(k.count for k in top) != count.total:
        return False
    return all(sum(k.count for k in count.kinds if k.within == parent.kind) <= parent.count for parent in top)


def _kinds(count: StaffTotal) -> str:
    parts = []
    for kind in count.top_level():
        inner = [k for k in count.kinds if k.within == kind.kind]
        text = f"{official(kind.kind)}{kind.count}人"
        if inner:
            text += "（其中：" + "，".join(f"{official(k.kind)}{k.count}人" for k in inner) + "）"
        parts.append(text)
    return "，".join(parts)


def _change(value: Decimal, unit: str, up: str = "增加", down: str = "减少") -> str:
    return f"{down if value < 0 else up}{money(abs(value), unit)}"


def _percent_change(value: Decimal, up: str = "增长", down: str = "下降") -> str:
    return f"{down if value < 0 else up}{rate(abs(value))}"


class DepartmentReport:
    def __init__(self, result: EvaluationResult):
        self.result = result
        self.evaluation = result.evaluation
        self.figures = self.evaluation.department_figures or DepartmentFigures()
        self.prose = self.evaluation.prose or Prose()
        self.unit = self.figures.unit.text or "万元"
        self.year = self.evaluation.year
        self.name = official(self.evaluation.unit or self.evaluation.project)
        self.blocks: list[Block] = []

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(block for block in blocks if not (isinstance(block, Paragraph) and not block.text))

    def own_text(self, key: str, title: str, hints: list[str] | None = None, style: str = "circled") -> None:
        paragraphs = self.prose.paragraphs(key)
        if not paragraphs:
            self.add(prompt(title, hints))
        for number, text in enumerate(paragraphs, start=1):
            marker = numbered(number, style) if len(paragraphs) > 1 else ""
            self.add(Paragraph(marker + ended(text)))

    @property
    def this_year(self) -> str:
        return f"{self.year}年度" if self.year else "本年度"

    def build(self) -> list[Block]:
        ev = self.evaluation
        self.add(Heading(self.name, 0), Heading("部门整体支出绩效自评报告", 0))
        if ev.year:
            self.add(Paragraph(f"（{ev.year}年度）", "center"))
        self.add(Paragraph(f"单位名称：{self.name}", "center"))
        if ev.department:
            self.add(Paragraph(f"主管部门：{official(ev.department)}", "center"))
        self.basics()
        self.analysis()
        self.conclusion()
        return self.blocks

    # 一、基本情况 -----------------------------------------------------------------------
    def basics(self) -> None:
        figures = self.figures
        self.add(Heading("一、基本情况", 1), Heading("（一）单位基本情况", 2), Heading("1.单位主要职能", 3))
        if figures.overview:
            self.add(Paragraph(ended(figures.overview)))
        if figures.functions:
            self.add(Paragraph("主要职责包括："))
            last = len(figures.functions)
            for number, function in enumerate(figures.functions, start=1):
                self.add(Paragraph(f"{numbered(number, 'paren')}{clause(function)}{'。' if number == last else '；'}"))
        if not figures.overview and not figures.functions:
            self.add(prompt("单位设立情况和主要职能"))
        self.add(Heading("2.机构情况", 3))
        if figures.institutions:
            names = "、".join(official(name) for name in figures.institutions)
            self.add(Paragraph(f"{self.name}内设{len(figures.institutions)}个机构：{names}。"))
        else:
            self.add(prompt("内设机构"))
        self.add(Heading("3.人员情况", 3))
        self.staff()
        self.add(Heading("（二）部门整体支出预算绩效目标", 2))
        self.targets()

    def staff(self) -> None:
        staff = self.figures.staff
        if staff is None:
            self.add(prompt("编制数和实有人数（按编制类别）"))
            return
        parts = []
        for label, count in (("编制人数", staff.establishment), ("实有人数", staff.actual)):
            if count.total is None:
                continue
            text = f"{label}{count.total}人"
            if count.kinds and _breakdown_ok(count):
                text += "，其中：" + _kinds(count)
            parts.append(text + "。")
        if staff.retired is not None:
            parts.append("无离退休人员。" if staff.retired == 0 else f"离退休人员{staff.retired}人。")
        self.add(Paragraph(f"{self.name}" + "".join(parts)))

    def targets(self) -> None:
        ev = self.evaluation
        if not ev.goals:
            self.add(prompt("部门整体支出绩效目标"))
            return
        for number, goal in enumerate(ev.goals, start=1):
            self.add(Paragraph(f"{number}、{clause(goal.expected)}。"))
            self.goal_indicators(number, plan=True)

    def goal_indicators(self, goal: int, plan: bool) -> None:
        items = [i for i in self.result.indicators if i.indicator.goal == goal]
        families: list[str] = []
        for item in items:
            if item.indicator.level1 not in families:
                families.append(item.indicator.level1)
        for index, level1 in enumerate(families, start=1):
            self.add(Paragraph(f"{numbered(index, 'paren')}{official(level1)}"))
            level2s: list[str] = []
            for item in items:
                if item.indicator.level1 == level1 and item.indicator.level2 not in level2s:
                    level2s.append(item.indicator.level2)
            for second, level2 in enumerate(level2s, start=1):
                self.add(Paragraph(f"{numbered(second, 'circled')}{official(level2)}"))
                group = [i for i in items if i.indicator.level1 == level1 and i.indicator.level2 == level2]
                for letter, item in enumerate(group, start=1):
                    ind = item.indicator
                    marker = numbered(letter, "letter")
                    if plan:
                        self.add(Paragraph(f"{marker} {clause(ind.name)}：{clause(ind.target.text) or '未设定'}，"
                                           f"本指标值{points(ind.weight)}分。"))
                        continue
                    self.add(Paragraph(f"{marker} {clause(ind.name)}"),
                             Paragraph(f"实际完成值：{clause(ind.actual.text) or '未填写'}。"),
                             Paragraph(f"本指标值{points(ind.weight)}分，评分得{points(item.counted)}分。"))
                    if lost_points(item):
                        if ind.deviation_reason:
                            self.add(Paragraph(f"偏差原因：{ended(ind.deviation_reason)}"))
                        else:
                            self.add(prompt(f"“{clause(ind.name)}”的偏差原因及改进措施"))

    # 二、部门整体支出绩效分析 -------------------------------------------------------------
    def analysis(self) -> None:
        self.add(Heading("二、部门整体支出绩效分析", 1), Heading("（一）部门整体支出情况", 2),
                 Heading("1.支出规模和结构", 3))
        self.scale()
        self.add(Heading("2.基本支出情况", 3))
        self.basic()
        self.three_public()
        self.activities()
        self.add(Heading("3.项目支出情况", 3))
        self.projects()
        self.add(Heading("4.共性指标情况", 3))
        self.common_indicators()
        self.add(Heading("（二）整体支出预算绩效目标的完成情况", 2))
        for number, goal in enumerate(self.evaluation.goals, start=1):
            self.add(Paragraph(f"{number}、{clause(goal.expected)}。"))
            if goal.actual:
                self.add(Paragraph(f"目标完成情况：{ended(goal.actual)}"))
            self.goal_indicators(number, plan=False)

    def scale(self) -> None:
        figures, result = self.figures, self.result
        total_line = result.execution.lines[0].line if result.execution.lines else None
        spent = figures.spending_total
        if spent is not None:
            self.add(Paragraph(f"{self.this_year}{self.name}支出总额为{money(spent.value, self.unit)}。"))
        if total_line is not None and total_line.budget is not None and total_line.executed is not None:
            parts = []
            if total_line.initial_budget is not None and total_line.initial_budget != total_line.budget:
                change = total_line.budget - total_line.initial_budget
                parts.append(f"年初预算数为{money(total_line.initial_budget, self.unit)}")
                parts.append(f"年中调整{_change(change, self.unit)}后全年预算数为{money(total_line.budget, self.unit)}")
                parts.append(f"预算调整率{rate(change / total_line.initial_budget)}"
                             if total_line.initial_budget else "")
            else:
                parts.append(f"全年预算数为{money(total_line.budget, self.unit)}")
            parts.append(f"实际支出为{money(total_line.executed, self.unit)}")
            parts.append(f"预算执行率为{rate(result.execution.rate)}")
            self.add(Paragraph(sentence(*parts)))
            rows, chart = funds_rows(result, "")
            self.add(Table(("资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率"), tuple(rows),
                           caption=f"表1 部门资金情况（单位：{self.unit}）", widths=(3.6, 2.8, 2.8, 2.8, 2.4)),
                     Chart("funds", "图1 各资金来源预算数与执行数", tuple(chart)))
        projects = [p for p in figures.projects if p.actual is not None]
        if projects and (spent is None or adds_up([p.actual for p in projects], spent)):
            self.add(Paragraph(f"按项目分，{len(projects)}个项目的支出如下："))
            for number, item in enumerate(projects, start=1):
                end = "。" if number == len(projects) else "；"
                self.add(Paragraph(f"{numbered(number, 'paren')}{clause(item.name)}{money(item.actual.value, self.unit)}{end}"))
        functional = [f for f in figures.functional if f.actual is not None]
        if functional and (spent is None or adds_up([f.actual for f in functional], spent)):
            parts = [f"{clause(f.name)}为{money(f.actual.value, self.unit)}" for f in functional]
            self.add(Paragraph("按功能分类，" + "，".join(parts) + "。"))
        if not projects and not functional and spent is None:
            self.add(prompt("支出总额及按项目、按功能分类的支出"))

    def basic(self) -> None:
        basic = [b for b in self.figures.basic if b.actual is not None]
        if not basic:
            self.add(prompt("基本支出（人员经费、公用经费）"))
        elif all(b.actual.value == 0 for b in basic):
            self.add(Paragraph(f"{self.this_year}无基本支出。"))
        else:
            total = sum((b.actual.value for b in basic), Decimal(0))
            parts = "，".join(f"{clause(b.name)}{money(b.actual.value, self.unit)}" for b in basic)
            self.add(Paragraph(f"{self.this_year}基本支出{money(total, self.unit)}，其中：{parts}。"))

    def three_public(self) -> None:
        total, items = self.figures.three_public_total, self.figures.three_public
        if total is None and not items:
            self.add(prompt("“三公”经费（因公出国（境）费、公务用车购置及运行维护费、公务接待费）的预算数、决算数和上年数"))
            return
        parent = total.actual if total is not None else None
        if total is not None and total.actual is not None:
            self.add(Paragraph(self.spending_sentence(total, f"{self.this_year}“三公”经费", None)))
        shown = [i for i in items if i.actual is not None]
        if shown and (parent is None or adds_up([i.actual for i in shown], parent)):
            self.add(Paragraph("其中："))
            for number, item in enumerate(shown, start=1):
                self.add(Paragraph(f"{numbered(number)}{self.spending_sentence(item, clause(item.name), parent)}"))

    def spending_sentence(self, item: Item, name: str, parent: Figure | None) -> str:
        actual = item.actual.value
        parts = []
        if item.budget is not None and name.endswith("“三公”经费"):
            parts.append(f"{name}预算数为{money(item.budget.value, self.unit)}")
            parts.append(f"支出决算为{money(actual, self.unit)}")
        else:
            parts.append(f"{name}支出决算为{money(actual, self.unit)}")
        if parent is not None and parent.value > 0:
            parts.append(f"占“三公”经费{rate(actual / parent.value)}")
        if item.budget is not None and item.budget.value > 0:
            parts.append(f"为预算的{rate(actual / item.budget.value)}")
            if actual != item.budget.value:
                parts.append(f"比预算{_change(actual - item.budget.value, self.unit)}")
        if item.last_year is not None:
            last = item.last_year.value
            before = f"{self.year - 1}年" if self.year else "上年"
            parts.append(f"与{before}支出数{money(last, self.unit)}相比{_change(actual - last, self.unit)}")
            if last > 0:
                parts.append(_percent_change((actual - last) / last))
        text = sentence(*parts)
        if item.note:
            text += f"主要原因是{ended(item.note)}"
        return text

    def activities(self) -> None:
        for item in self.figures.activities:
            if item.actual is None:
                continue
            year = f"{item.year}年" if item.year else self.this_year
            if "接待" in item.name and item.times is not None and item.people is not None:
                self.add(Paragraph(f"{year}开支公务接待费{money(item.actual.value, self.unit)}，共计{item.times}批次"
                                   f"{item.people}人次。"))
                continue
            parts = [f"{year}{clause(item.name)}支出{money(item.actual.value, self.unit)}"]
            if item.times is not None:
                parts.append(f"共{item.times}次")
            if item.people:
                kind = "会议" if "会议" in item.name else "培训" if "培训" in item.name else ""
                parts.append(f"参加{kind}{item.people}人")
                parts.append(f"人均{money(item.actual.value / item.people, self.unit)}")
            self.add(Paragraph(sentence(*parts)))

    def projects(self) -> None:
        projects = [p for p in self.figures.projects if p.actual is not None and p.budget is not None]
        if not projects:
            self.add(prompt("各项目的预算数、实际支出数及差异原因"))
            return
        for number, item in enumerate(projects, start=1):
            budget, actual = item.budget.value, item.actual.value
            parts = [f"{numbered(number, 'paren')}{clause(item.name)}预算安排{money(budget, self.unit)}",
                     f"实际支出{money(actual, self.unit)}", f"实际与预算差异为{money(budget - actual, self.unit)}"]
            if budget > 0:
                parts.append(f"预算执行率为{rate(actual / budget)}")
            text = sentence(*parts)
            if item.note:
                text += f"主要原因：{ended(item.note)}"
            elif actual < budget:
                self.add(Paragraph(text))
                self.add(prompt(f"“{clause(item.name)}”预算未执行完的原因"))
                continue
            self.add(Paragraph(text))

    def common_indicators(self) -> None:
        indicators = compute(self.evaluation)
        computed = [i for i in indicators if i.value is not None]
        if computed:
            self.add(Paragraph("按部门整体支出绩效评价共性指标计算，结果如下表。"))
            rows = tuple((official(i.name), i.definition.formula.replace("*", "×").replace("-", "−"),
                          i.derivation.rsplit("=", 1)[0], i.shown, i.definition.standard or "—") for i in computed)
            self.add(Table(("指标", "计算公式", "计算过程", "结果", "标准"), rows, caption="表2 共性指标",
                           widths=(3.2, 4.4, 5.0, 2.0, 1.8)))
        missing = [i for i in indicators if i.value is None and i.missing]
        if missing:
            needed = sorted({name for i in missing for name in i.missing})
            self.add(prompt("计算其余共性指标所需的数据", [f"{'、'.join(i.name for i in missing)}需要{'、'.join(needed)}"]))

    # 三、自评结论 -----------------------------------------------------------------------
    def conclusion(self) -> None:
        result, ev = self.result, self.evaluation
        self.add(Heading("三、自评结论", 1), Heading("（一）自评结论", 2))
        self.add(Paragraph(f"部门整体支出绩效自评采取打分评价的形式，满分为100分，其中预算执行情况"
                           f"{points(result.execution.weight)}分（评分规则：{result.profile.title}）。"
                           f"自评分为{total(result.total)}分，评价等级为“{result.grade}”。明细分值见下表："))
        rows = [execution_row(result, "预算执行情况")[:3]]
        chart = [("预算执行", result.execution.weight, result.execution.score)]
        for number, goal in enumerate(ev.goals, start=1):
            for level1 in ("产出指标", "效益指标"):
                subtotal = result.subtotal(f"目标{number}", level1)
                if subtotal is None:
                    continue
                rows.append((f"目标{number}：{clause(goal.expected)}", level1, points(subtotal.weight),
                             points(subtotal.score)))
                chart.append((f"目标{number}{level1[:2]}", subtotal.weight, subtotal.score))
        weight = result.execution.weight + sum((i.indicator.weight for i in result.indicators), Decimal(0))
        rows[0] = ("预算执行情况", "", points(result.execution.weight), points(result.execution.score))
        rows.append(("总计", "", points(weight), total(result.total)))
        self.add(Table(("类别", "指标", "标准分值", "自评分值"), tuple(rows), caption="表3 自评分值",
                       widths=(7.4, 2.6, 2.4, 2.4)),
                 Chart("levels", "图2 各目标分值与得分", tuple(chart)))
        self.add(Heading("（二）主要经验、存在的问题和改进措施", 2), Heading("1.主要经验", 3))
        self.own_text("experience", "主要经验")
        self.add(Heading("2.存在的问题", 3))
        self.own_text("problems", "存在的问题及原因", shortfall_hints(result, self.evaluation.funds.unit.text or "元"))
        self.add(Heading("3.下一步改进措施", 3))
        self.own_text("measures", "下一步改进措施", shortfall_hints(result, self.evaluation.funds.unit.text or "元"))


def build_department_report(result: EvaluationResult) -> list[Block]:
    return DepartmentReport(result).build()


__all__ = ["adds_up", "build_department_report"]
