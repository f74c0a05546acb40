"""The review of target declarations (目标审核): each rule of targets/review.py is one check
with its one catalog code; sources in targets/sources.py and docs/targets.md."""

from __future__ import annotations

from ...document import Document
from ...targets import review as rules
from ...targets.history import same_project
from ..context import AuditContext
from ..registry import check


def declarations(context: AuditContext) -> list[Document]:
    return [d for d in context.documents if d.declaration is not None]


def _over_declarations(rule):
    def run(context: AuditContext):
        for document in declarations(context):
            yield from rule(document.declaration)

    return run


for _name, _rule, _code in (
    ("declaration-output-levels", rules.output_quantity_quality, "output-quantity-quality-missing"),
    ("declaration-measurable", rules.measurable, "declared-target-vague"),
    ("declaration-qualitative-grades", rules.qualitative_grades, "qualitative-grades-missing"),
    ("declaration-cost-standard", rules.cost_standard, "cost-above-standard"),
    ("declaration-satisfaction-survey", rules.satisfaction_survey, "satisfaction-survey-missing"),
    ("declaration-weights", rules.weights, "declared-weights-sum"),
    ("declaration-duplicates", rules.duplicates, "duplicate-indicator"),
    ("declaration-fields", rules.required_fields, "declaration-field-missing"),
):
    check(_name, _code)(_over_declarations(_rule))


@check("declaration-last-actual", "target-equals-last-actual")
def last_actual(context: AuditContext):
    """A declared target equal to what the same project achieved the year before (its
    self-evaluation of that year must be in the package)."""
    for document in declarations(context):
        declaration = document.declaration
        if declaration.year is None:
            continue
        for table in context.tables:
            evaluation = table.evaluation
            if evaluation.year == declaration.year - 1 and same_project(
                    evaluation.unit or table.unit, evaluation.project, declaration.unit, declaration.project):
                yield from rules.equals_last_actual(declaration, evaluation)
                break
