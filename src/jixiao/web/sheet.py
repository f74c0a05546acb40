"""The unit's form on a project page: which inputs it has, the edits they make, and the
document those edits would give (for the live preview), with the 自评总分 they claim."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from werkzeug.datastructures import MultiDict

from ..store import claims
from ..store import models as m
from ..store.convert import StoreError, project_document
from ..store.edits import Edit, parse_amount

# Form field prefix → the edit's field, per table. The input's name is f"{prefix}-{row id}".
INDICATOR_INPUTS = {"actual": "actual", "reason": "deviation_reason", "claim": "reported_score"}
FUND_INPUTS = {"executed": "executed", "fclaim": "fund_reported_score"}
GOAL_INPUTS = {"goal": "goal_actual"}
REVIEW_INPUTS = {"rscore": "review_score", "rcomment": "review_comment"}
PREFIXES = {field: prefix for inputs in (INDICATOR_INPUTS, FUND_INPUTS, GOAL_INPUTS, REVIEW_INPUTS)
            for prefix, field in inputs.items()}
LABELS = {"actual": "实际完成值", "deviation_reason": "偏差原因分析及改进措施", "reported_score": "自评得分",
          "executed": "全年执行数", "fund_reported_score": "自评得分", "goal_actual": "实际完成情况",
          "review_score": "审核得分", "review_comment": "审核意见"}


def input_name(edit: Edit) -> str:
    return f"{PREFIXES[edit.field]}-{edit.row}"


def unit_edits(project: m.Project, form: MultiDict) -> list[Edit]:
    """The unit's inputs present in the form (the page sends only those the user changed)."""
    edits = []
    for rows, inputs in ((project.indicators, INDICATOR_INPUTS), (project.fund_lines, FUND_INPUTS),
                         (project.goals, GOAL_INPUTS)):
        for row in rows:
            for prefix, name in inputs.items():
                key = f"{prefix}-{row.id}"
                if key in form:
                    edits.append(Edit(row.id, name, form[key]))
    return edits


@dataclass(frozen=True)
class TypedEdit:
    """An edit as the stale-save screen lists it: the indicator (or line, or goal) it is about."""

    place: str
    label: str
    value: str


def edit_labels(project: m.Project, edits: list[Edit]) -> list[TypedEdit]:
    """The fields the user changed, each named by its indicator, funds line or goal. Values
    equal to what is stored now are left out: they are not what the user stands to lose."""
    indicators = {ind.id: ind for ind in project.indicators}
    funds = {line.id: line for line in project.fund_lines}
    goals = {goal.id: goal for goal in project.goals}
    shown = []
    for edit in edits:
        if edit.field in FUND_INPUTS.values():
            row, place = funds.get(edit.row), None
            place = f"{row.source}" if row else None
            column = "reported_score" if edit.field == "fund_reported_score" else edit.field
        elif edit.field in GOAL_INPUTS.values():
            row = goals.get(edit.row)
            place = f"目标{row.position + 1}" if row else None
            column = "actual"
        else:
            row = indicators.get(edit.row)
            place = f"指标“{row.name}”" if row else None
            column = edit.field
        if row is None:
            continue
        stored = getattr(row, column)
        stored_text = "" if stored is None else (format(stored, "f") if isinstance(stored, Decimal) else str(stored))
        if edit.value.strip() == stored_text.strip():
            continue
        shown.append(TypedEdit(place, LABELS[edit.field], edit.value))
    return shown


@dataclass
class Typed:
    """What the typing would make of the project: the document to score, the 自评总分 it
    claims (total, claims missing), and the values that could not be read (kept as saved)."""

    document: dict
    claimed: tuple[Decimal | None, int]
    problems: list[str] = field(default_factory=list)


def claimed_view(project: m.Project) -> tuple[Decimal | None, int]:
    """The 自评总分 shown: the one stored (as the form printed it, or as the last save summed
    it), and how many claims are missing."""
    _total, missing = claims.project_claims(project)
    return project.reported_total, missing


def typed_claims(project: m.Project, edits: list[Edit]) -> Typed:
    overrides: dict[int, dict] = {}
    executed: dict[int, Decimal] = {}
    fund_scores: dict[int, Decimal | None] = {}
    goal_actuals: dict[int, str] = {}
    problems: list[str] = []
    names = {ind.id: ind.name for ind in project.indicators}
    for edit in edits:
        try:
            if edit.field == "executed":
                value = parse_amount(edit.value, "全年执行数")
                if value is not None:
                    executed[edit.row] = value
            elif edit.field == "fund_reported_score":
                fund_scores[edit.row] = claims.parse_score(edit.value, "执行率自评得分")
            elif edit.field == "goal_actual":
                goal_actuals[edit.row] = edit.value[:4000]
            elif edit.field == "reported_score":
                overrides.setdefault(edit.row, {})["reported_score"] = claims.parse_score(
                    edit.value, f"“{names.get(edit.row, '')}”的自评得分")
            else:
                overrides.setdefault(edit.row, {})[edit.field] = edit.value[:4000]
        except StoreError as error:
            problems.append(f"{error}，按已保存的数值计算。")
    claimed = claimed_view(project)
    total: object = project.reported_total
    changed_claims = fund_scores or any("reported_score" in values for values in overrides.values())
    if changed_claims:
        execution = claims.execution_claim(
            (line.source, fund_scores.get(line.id, line.reported_score)) for line in project.fund_lines)
        total, missing = claims.claimed_sum(execution, (
            overrides.get(ind.id, {}).get("reported_score", ind.reported_score) for ind in project.indicators))
        claimed = (total, missing)
    document = project_document(project, overrides, executed, fund_scores=fund_scores, goal_actuals=goal_actuals,
                                reported_total=total)
    return Typed(document, claimed, problems)


def review_total(project: m.Project, scored, typed: dict[int, Decimal | None] | None = None) -> Decimal | None:
    """审核总分: the recomputed execution score plus, per indicator, the reviewer's score
    (as typed, else as saved) where given, else the recomputed one. None until a reviewer has
    scored something."""
    typed = typed or {}
    given = {ind.id: typed[ind.id] if ind.id in typed else ind.review_score for ind in project.indicators}
    if scored.result is None or all(score is None for score in given.values()):
        return None
    total = scored.result.execution.score
    for position, ind in enumerate(project.indicators):
        own = scored.indicator(position)
        score = given[ind.id]
        total += score if score is not None else (own.counted if own else Decimal(0))
    return total
