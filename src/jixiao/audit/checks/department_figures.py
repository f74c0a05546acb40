"""The department's own figures (部门整体支出): every share, rate, difference and year-on-year
change a report states, recomputed from the figures it names; head counts against their
breakdown and against the establishment; parts against their totals; the same rate printed
differently in another document of the package; and a report's judgement of its own budget
work set beside the common indicators (预算调整率).

Figures are read at their printed precision (audit/interval.py): 1.23 stands for any value in
[1.225, 1.235), a whole budget of 4 for exactly 4. A stated figure is wrong only when no such
values could give it. A budget or last year's amount that is not printed is implied by a
stated difference (1.23 and 比预算减少2.77 → a budget of 4.00), never guessed otherwise.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from .. import interval
from ..context import AuditContext
from ..match import similarity
from ...decimals import amount, percent, short
from ...department import GOOD_BUDGET_PHRASES, Assessment, DepartmentFigures, Figure, Item, StaffTotal, Stated
from ...document import DocKind, Document, Printed
from ...engine.common_indicators import compute, get_framework, signed_percent
from ...findings import make
from ...model import Evaluation, Kind, Location
from ...prose import SECTIONS
from ..registry import check
from ._util import place

Range = tuple[Decimal, Decimal]
CODES = ("staff-breakdown-mismatch", "staff-over-establishment", "department-figure-mismatch",
         "claim-contradicts-indicator", "conflicting-fact")


def _range(figure: Figure) -> Range:
    half = interval.amount_half_unit(figure.value)
    return figure.value - half, figure.value + half


def _printed(stated: Stated) -> Printed:
    return Printed(stated.text, stated.value, stated.location or Location(), stated.percent)


def _money(value: Decimal) -> str:
    return amount(value)


def _shown(stated: Stated, value: Decimal) -> str:
    """The expected value written as the stated one is: unsigned, with 增加/减少 only when the
    direction differs from the stated one."""
    text = percent(abs(value)) if stated.percent else _money(abs(value))
    if value != 0 and stated.value != 0 and (value < 0) != (stated.value < 0):
        return ("减少" if value < 0 else "增加") + text
    return text


class _Item:
    """An item's figures for recomputation: those printed, and those a stated difference implies."""

    def __init__(self, item: Item):
        self.item = item
        self.actual = item.actual
        budget_diff = item.statement("budget_diff")
        yoy_diff = item.statement("yoy_diff")
        self.budget, self.budget_implied = item.budget, None
        if item.budget is None and budget_diff is not None and item.actual is not None:
            self.budget_implied = (item.actual.value - budget_diff.value, budget_diff)
        self.last, self.last_implied = item.last_year, None
        if item.last_year is None and yoy_diff is not None and item.actual is not None:
            self.last_implied = (item.actual.value - yoy_diff.value, yoy_diff)

    def budget_range(self, measure: str) -> tuple[Range, Decimal, str] | None:
        if self.budget is not None:
            return _range(self.budget), self.budget.value, str(self.budget)
        if self.budget_implied is not None and measure != "budget_diff" and self.actual is not None:
            value, diff = self.budget_implied
            return interval.sub(_range(self.actual), interval.bounds(_printed(diff))), value, _money(value)
        return None

    def last_range(self, measure: str) -> tuple[Range, Decimal, str] | None:
        if self.last is not None:
            return _range(self.last), self.last.value, str(self.last)
        if self.last_implied is not None and measure != "yoy_diff" and self.actual is not None:
            value, diff = self.last_implied
            return interval.sub(_range(self.actual), interval.bounds(_printed(diff))), value, _money(value)
        return None


def _difference(stated: Stated, actual: str, base: str, value: Decimal) -> str:
    """A stated decrease is shown as base − actual, an increase as actual − base."""
    if stated.value < 0:
        return f"{base}−{actual}={_money(-value).replace('-', '−')}"
    return f"{actual}−{base}={_money(value).replace('-', '−')}"


def _recompute(stated: Stated, item: _Item, parent: Figure | None) -> tuple[Range, Decimal, str] | None:
    """The range a stated figure may take, its exact value from the figures as printed, and
    the derivation; None when the figures it names are not all there."""
    actual = item.actual
    if actual is None:
        return None
    a_range, a = _range(actual), actual.value
    if stated.measure == "share" and parent is not None and parent.value > 0:
        computed = interval.div(a_range, _range(parent))
        value = a / parent.value
        return (computed, value, f"{actual}/{parent}={percent(value)}") if computed else None
    if stated.measure in ("budget_rate", "budget_diff"):
        budget = item.budget_range(stated.measure)
        if budget is None:
            return None
        b_range, b, b_text = budget
        if stated.measure == "budget_diff":
            value = a - b
            return interval.sub(a_range, b_range), value, _difference(stated, str(actual), b_text, value)
        if b <= 0:
            return None
        computed = interval.div(a_range, b_range)
        value = a / b
        return (computed, value, f"{actual}/{b_text}={percent(value)}") if computed else None
    if stated.measure in ("yoy_diff", "yoy_rate"):
        last = item.last_range(stated.measure)
        if last is None:
            return None
        l_range, last_value, l_text = last
        if stated.measure == "yoy_diff":
            value = a - last_value
            return interval.sub(a_range, l_range), value, _difference(stated, str(actual), l_text, value)
        if last_value <= 0:
            return None
        ratio = interval.div(a_range, l_range)
        if ratio is None:
            return None
        value = (a - last_value) / last_value
        return (ratio[0] - 1, ratio[1] - 1), value, f"({actual}−{l_text})/{l_text}={signed_percent(value)}"
    if stated.measure == "per_person" and item.item.people:
        people = Decimal(item.item.people)
        value = a / people
        return (a_range[0] / people, a_range[1] / people), value, f"{actual}/{item.item.people}人={_money(value)}"
    return None


def _consistent(stated: Stated, computed: Range) -> bool:
    """Half-open intervals follow ROUND_HALF_UP, which rounds away from zero: a stated
    decrease (−9.07) is checked as its magnitude against the negated range."""
    printed = _printed(stated)
    if stated.value < 0:
        printed = Printed(stated.text, -stated.value, printed.location, stated.percent)
        computed = (-computed[1], -computed[0])
    return interval.consistent(printed, computed, exact_integers=True)


def _where(item: Item, stated: Stated) -> str:
    year = f"{item.year}年" if item.year else ""
    return f"{year}“{item.name}”{stated.title}"


def _stated_findings(project: str, figures: DepartmentFigures, covered: set):
    parents: dict[str, Figure | None] = {}
    if figures.three_public_total is not None and figures.three_public_total.actual is not None:
        parents["three_public"] = figures.three_public_total.actual
    parents["projects"] = parents["functional"] = figures.spending_total
    for group, item in figures.all_items():
        view = _Item(item)
        for stated in item.stated:
            if (stated.location, stated.text) in covered:
                continue
            result = _recompute(stated, view, parents.get(group))
            if result is None:
                continue
            computed, value, derivation = result
            if _consistent(stated, computed):
                continue
            yield make("department-figure-mismatch", project=project, location=stated.location,
                       reported=stated.text, expected=_shown(stated, value), derivation=derivation,
                       where=_where(item, stated))


def _sum_findings(project: str, figures: DepartmentFigures, covered_lines: list[set]):
    """Parts against the total they break down; a sum the generic amounts check already reads
    from the same sentence is left to it."""
    groups = [("各项目支出", figures.projects, figures.spending_total),
              ("按功能分类的支出", figures.functional, figures.spending_total)]
    if figures.three_public_total is not None:
        groups.append(("“三公”经费各项", figures.three_public, figures.three_public_total.actual))
    for label, items, total in groups:
        if total is None or not items or any(item.actual is None for item in items):
            continue
        lines = {item.actual.location.line for item in items if item.actual.location is not None}
        if lines and any(lines <= covered for covered in covered_lines):
            continue
        computed = interval.add(*(_range(item.actual) for item in items))
        stated = Printed(total.text, total.value, total.location or Location())
        if interval.consistent(stated, computed, exact_integers=True):
            continue
        exact = sum((item.actual.value for item in items), Decimal(0))
        yield make("department-figure-mismatch", project=project, location=total.location,
                   reported=str(total), expected=_money(exact), where=f"{label}的合计",
                   derivation="+".join(str(item.actual) for item in items) + f"={_money(exact)}")


def _staff_findings(project: str, figures: DepartmentFigures, evaluation: Evaluation):
    staff = figures.staff
    if staff is None:
        return
    for label, count in (("编制数", staff.establishment), ("实有人数", staff.actual)):
        yield from _breakdown(project, label, count)
    establishment, actual = staff.establishment.total, staff.actual.total
    if establishment is not None and actual is not None and actual > establishment:
        indicator = next((i for i in compute(evaluation) if i.definition.key == "staff-control"), None)
        derivation = f"在职人员控制率={indicator.derivation}" if indicator and indicator.value is not None \
            else f"{actual}人>{establishment}人"
        yield make("staff-over-establishment", project=project, location=staff.actual.location,
                   reported=f"{actual}人", expected=f"{establishment}人", derivation=derivation)


def _breakdown(project: str, label: str, count: StaffTotal):
    top = count.top_level()
    if count.total is not None and top:
        parts = sum(kind.count for kind in top)
        if parts != count.total:
            yield make("staff-breakdown-mismatch", project=project, location=count.location,
                       reported=f"{count.total}人", expected=f"{parts}人", where=label,
                       derivation="+".join(f"{kind.kind}{kind.count}人" for kind in top) + f"={parts}人")
    for parent in top:
        inner = [kind for kind in count.kinds if kind.within == parent.kind]
        if inner and sum(kind.count for kind in inner) > parent.count:
            total = sum(kind.count for kind in inner)
            yield make("staff-breakdown-mismatch", project=project, location=parent.location,
                       reported=f"{parent.count}人", expected=f"{total}人", where=f"{label}中的{parent.kind}",
                       derivation="其中" + "+".join(f"{k.kind}{k.count}人" for k in inner) + f"={total}人，多于合计")


def _same(a: Decimal | None, b: Printed | None) -> bool:
    return a is not None and b is not None and b.value is not None and a == b.value


def _conflict_findings(project: str, figures: DepartmentFigures, own: Document, documents: list[Document]):
    """A rate or difference about an item that another document's funds table prints for the
    same item with the same budget and spending, but differently: both cannot be right."""
    for group, item in figures.all_items():
        view = _Item(item)
        budget = item.budget.value if item.budget is not None else \
            (view.budget_implied[0] if view.budget_implied else None)
        if item.actual is None or budget is None:
            continue
        for document in documents:
            if document is own:
                continue
            for table in document.funds_tables:
                for row in table.rows:
                    if row.is_total or similarity(row.name, item.name) < 0.9:
                        continue
                    if not (_same(budget, row.budget) and _same(item.actual.value, row.executed)):
                        continue
                    for measure, printed in (("budget_rate", row.rate), ("budget_diff", row.difference)):
                        stated = item.statement(measure)
                        if stated is None or printed is None or printed.value is None:
                            continue
                        other = printed.value if printed.percent or measure == "budget_diff" else printed.value / 100
                        if abs(stated.value) == abs(other):
                            continue
                        exact = item.actual.value / budget if measure == "budget_rate" else item.actual.value - budget
                        shown = percent(exact) if measure == "budget_rate" else _money(abs(exact))
                        calc = (f"{item.actual}/{short(budget)}" if measure == "budget_rate"
                                else f"{short(budget)}−{item.actual}")
                        yield make("conflicting-fact", project=project, location=stated.location,
                                   reported=stated.text, expected=printed.text, where=_where(item, stated),
                                   derivation=f"“{document.project}”{document.kind.title}{place(printed.location)}"
                                              f"（{calc}={shown}）")


def _assessments(figures: DepartmentFigures, evaluation: Evaluation) -> list[Assessment]:
    found = list(figures.assessments)
    prose = evaluation.prose
    if prose is not None:
        for key in SECTIONS:
            text = prose.get(key)
            for phrase in GOOD_BUDGET_PHRASES:
                if phrase in text:
                    where = replace(prose.location or Location(), field=f"report_text.{key}")
                    found.append(Assessment("budget", phrase, where))
    return found


def _claim_findings(project: str, figures: DepartmentFigures, evaluation: Evaluation):
    framework = get_framework(figures.framework)
    definition = framework.get("budget-adjustment")
    if definition is None or definition.question_above is None:
        return
    indicator = next((i for i in compute(evaluation, framework) if i.definition is definition), None)
    if indicator is None or indicator.value is None or indicator.value <= definition.question_above:
        return
    for assessment in _assessments(figures, evaluation):
        if assessment.topic != "budget":
            continue
        yield make("claim-contradicts-indicator", project=project, location=assessment.location,
                   reported=assessment.text, expected=f"预算调整率不超过{percent(definition.question_above)}",
                   derivation=f"预算调整率={indicator.derivation}，预算在年度中调整较大，"
                              f"超过{percent(definition.question_above)}")


def _department_of(document: Document, context: AuditContext) -> tuple[DepartmentFigures, Evaluation] | None:
    """A document's department figures and the evaluation they belong to (a narrative's come
    with the department table's funds)."""
    if document.evaluation is not None and document.evaluation.department_figures is not None:
        return document.evaluation.department_figures, document.evaluation
    if document.department is None:
        return None
    table = context.table_for(document)
    base = table.evaluation if table is not None and table.evaluation is not None \
        else Evaluation(Kind.DEPARTMENT, document.project)
    return document.department, replace(base, department_figures=document.department)


def _package_of(document: Document, documents: list[Document]) -> list[Document]:
    """The documents of the department's own package: from its report to the next department
    report (a bureau's packages concatenated in one file are audited each on its own)."""
    start = next(i for i, d in enumerate(documents) if d is document)
    if document.kind is not DocKind.DEPARTMENT_REPORT:
        return documents
    end = next((i for i in range(start + 1, len(documents)) if documents[i].kind is DocKind.DEPARTMENT_REPORT),
               len(documents))
    return documents[start:end]


@check("department-figures", *CODES)
def department_figures(context: AuditContext):
    for document in context.documents:
        found = _department_of(document, context)
        if found is None:
            continue
        figures, evaluation = found
        project = document.project
        covered = {(claim.stated.location, claim.stated.text) for claim in document.claims}
        covered_lines = [{p.location.line for p in claim.inputs} for claim in document.claims if claim.kind == "parts"]
        yield from _staff_findings(project, figures, evaluation)
        yield from _stated_findings(project, figures, covered)
        yield from _sum_findings(project, figures, covered_lines)
        yield from _conflict_findings(project, figures, document, _package_of(document, context.documents))
        yield from _claim_findings(project, figures, evaluation)
