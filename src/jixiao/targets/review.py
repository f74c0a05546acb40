"""The review of a target declaration (目标审核): one function per rule, each returning the
findings of its catalog code, and the review grade 优/良/中/差 with its reasons.

What each grade leads to is quoted from 财预〔2015〕88号 (targets/sources.py); which findings
put a declaration in which grade is jixiao's reading of those consequences, stated here and in
docs/targets.md: 优 nothing to fix; 良 only points that consultation can settle (warnings);
中 a defect the unit must revise and resubmit (an error); 差 errors in half the indicators
or more, or no indicators at all — the declaration cannot proceed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..catalog import ERROR, WARNING, entry
from ..decimals import short
from ..declaration import BASES, GRADE_WORDS, Declaration, DeclaredIndicator
from ..findings import Finding, make
from ..model import Evaluation, Kind, Location, Value
from ..numbers import to_common
from .names import NEAR, key, similarity
from .sources import REVIEW_GRADES

HUNDRED = Decimal(100)
# Words that say how satisfaction is surveyed.
SURVEY_WORDS = ("问卷", "调查", "调研", "抽样", "抽查", "测评", "访谈", "座谈", "评议", "回访")


def _where(declaration: Declaration, indicator: DeclaredIndicator | None = None) -> Location:
    if indicator is not None and indicator.location is not None:
        return indicator.location
    return declaration.location or Location()


def is_output(indicator: DeclaredIndicator) -> bool:
    return "产出" in indicator.level1


def is_cost(indicator: DeclaredIndicator) -> bool:
    return "成本" in indicator.level2


def is_satisfaction(indicator: DeclaredIndicator) -> bool:
    return "满意" in indicator.level1 or "满意" in indicator.level2 or "满意度" in indicator.name


def is_qualitative(target: Value) -> bool:
    """A 定性 target: a judgement word (及时, 达成, 具有…), or prose that is not a number."""
    return target.word is not None or (target.quantity is None and not target.parts and not target.is_empty)


def output_quantity_quality(declaration: Declaration) -> list[Finding]:
    outputs = [i for i in declaration.indicators if is_output(i)]
    missing = [level for level in ("数量", "质量") if not any(level in i.level2 for i in outputs)]
    if not missing:
        return []
    present = "、".join(sorted({i.level2 for i in outputs})) or "无"
    return [make("output-quantity-quality-missing", project=declaration.project,
                 location=_where(declaration, outputs[0] if outputs else None),
                 missing="和".join(missing), reported=present, expected="数量指标、质量指标",
                 derivation=f"现有二级指标：{present}")]


def _vague_reason(target: Value, grades: int) -> str | None:
    """Why a target cannot be measured, or None when it can (a 定性 target is judged by its
    grades in `qualitative_grades`)."""
    if target.is_empty:
        return "未填写指标值"
    if target.quantity is not None or target.parts:
        missing = []
        quantities = [target.quantity] if target.quantity is not None else [p.quantity for p in target.parts]
        if any(not q.unit.text for q in quantities):
            missing.append("计量单位")
        if target.comparator is None:
            missing.append("比较符（≥、≤、=）")
        return f"缺少{'和'.join(missing)}" if missing else None
    if target.word is not None:
        return None
    if grades >= len(GRADE_WORDS):
        return None  # prose judged by its three stated grades
    return "既不是带计量单位和比较符的数值，也不是写明三档标准的定性指标"


def measurable(declaration: Declaration) -> list[Finding]:
    found = []
    for indicator in declaration.indicators:
        described = sum(1 for _, text in indicator.grades if text.strip())
        reason = _vague_reason(indicator.target, described)
        if reason is not None:
            found.append(make("declared-target-vague", project=declaration.project, indicator=indicator.name,
                              location=_where(declaration, indicator), reported=indicator.target.text,
                              derivation=reason))
    return found


def qualitative_grades(declaration: Declaration) -> list[Finding]:
    found = []
    for indicator in declaration.indicators:
        if indicator.target.word is None:
            continue  # prose without grades is already not measurable
        given = {word for word, text in indicator.grades if text.strip()}
        missing = [word for word in GRADE_WORDS if word not in given]
        if missing:
            found.append(make("qualitative-grades-missing", project=declaration.project, indicator=indicator.name,
                              location=_where(declaration, indicator), reported=indicator.target.text,
                              expected="、".join(GRADE_WORDS), derivation="、".join(missing)))
    return found


def cost_standard(declaration: Declaration) -> list[Finding]:
    found = []
    for indicator in declaration.indicators:
        standard, target = indicator.standard, indicator.target
        if standard is None or standard.quantity is None or target.quantity is None:
            continue
        if target.comparator is not None and not target.comparator.is_reverse and target.comparator.value != "=":
            continue  # a ≥ target is a floor, not a cost ceiling
        pair = to_common(target.quantity, standard.quantity)
        if pair is None:
            continue
        value, ceiling = pair
        if value > ceiling:
            found.append(make("cost-above-standard", project=declaration.project, indicator=indicator.name,
                              location=_where(declaration, indicator), reported=target.text, expected=standard.text,
                              derivation=f"{target.quantity}>{standard.quantity}"))
    return found


def satisfaction_survey(declaration: Declaration) -> list[Finding]:
    found = []
    for indicator in declaration.indicators:
        if not is_satisfaction(indicator):
            continue
        said = indicator.data_source + indicator.method
        if not any(word in said for word in SURVEY_WORDS):
            found.append(make("satisfaction-survey-missing", project=declaration.project, indicator=indicator.name,
                              location=_where(declaration, indicator), reported=indicator.data_source or "未填",
                              expected=indicator.method or "未填"))
    return found


def weight_keys(indicator: DeclaredIndicator) -> list[str]:
    """The declared-weight keys an indicator's weight counts towards, named as a
    self-evaluation's are (engine/weights.py): its 一级, 一级/二级, all indicators (绩效指标),
    and on a department's table its goal block 目标N and the block's part 目标N/一级."""
    keys = [indicator.level1, "绩效指标"]
    if indicator.level2:
        keys.append(f"{indicator.level1}/{indicator.level2}")
    if indicator.goal is not None:
        keys += [f"目标{indicator.goal}", f"目标{indicator.goal}/{indicator.level1}"]
    return keys


def _block_title(key: str) -> str:
    """A declared-weight key as the finding names it (目标2的一级指标“产出指标”)."""
    head, _, part = key.partition("/")
    if head.startswith("目标") and head[2:].isdigit():
        return f"{head}的一级指标“{part}”" if part else head
    if key == "绩效指标":
        return "全部绩效指标"
    return f"二级指标“{part}”（{head}）" if part else f"一级指标“{key}”"


def is_department(declaration: Declaration) -> bool:
    """A 部门整体 declaration: its indicators belong to the year's goals (目标1, 目标2…)."""
    return declaration.kind is Kind.DEPARTMENT or any(i.goal is not None for i in declaration.indicators)


def weights(declaration: Declaration) -> list[Finding]:
    """Σ indicator weights + execution = 100, and each declared weight is the sum of its
    indicators' (the 2016 notice: adjustable, but adding up to 100): a 一级 (产出指标), a 二级
    (产出指标/数量指标), and on a department's table each goal block (目标2) and its parts
    (目标2/产出指标), the blocks its 自评表 is scored by."""
    weighted = [i for i in declaration.indicators if i.weight is not None]
    if not weighted:
        return []
    found = []
    by_key: dict[str, list[DeclaredIndicator]] = {}
    for indicator in weighted:
        for block in weight_keys(indicator):
            by_key.setdefault(block, []).append(indicator)
    for block, declared in declaration.declared_weights:
        members = by_key.get(block, [])
        total = sum((i.weight for i in members), Decimal(0))
        if total != declared:
            parts = "+".join(short(i.weight) for i in members) or "0"
            found.append(make("declared-weights-sum", project=declaration.project,
                              location=_where(declaration, members[0] if members else None),
                              where=_block_title(block), reported=short(total), expected=short(declared),
                              derivation=f"{parts}={short(total)}，声明为{short(declared)}"))
    indicators = sum((i.weight for i in weighted), Decimal(0))
    total = indicators + declaration.execution_weight
    if total != HUNDRED and len(weighted) == len(declaration.indicators):
        found.append(make("declared-weights-sum", project=declaration.project, location=_where(declaration),
                          where="全部指标与预算执行率", reported=short(total), expected="100",
                          derivation=f"指标分值{short(indicators)}+预算执行率{short(declaration.execution_weight)}"
                                     f"={short(total)}"))
    return found


def duplicates(declaration: Declaration) -> list[Finding]:
    found = []
    seen: list[DeclaredIndicator] = []
    for indicator in declaration.indicators:
        for earlier in seen:
            if earlier.level1 != indicator.level1:
                continue
            score = similarity(earlier.name, indicator.name)
            if score >= NEAR:
                same = key(earlier.name) == key(indicator.name)
                how = "名称相同" if same else f"名称相近（字符相似度{score:.2f}）"
                if indicator.target.text.strip() == earlier.target.text.strip():
                    how += f"，指标值同为“{indicator.target.text}”"
                found.append(make("duplicate-indicator", project=declaration.project, indicator=indicator.name,
                                  location=_where(declaration, indicator), other=earlier.name, derivation=how))
                break
        seen.append(indicator)
    return found


def required_fields(declaration: Declaration) -> list[Finding]:
    found = []
    department, goals = is_department(declaration), len(declaration.goals)
    for indicator in declaration.indicators:
        missing = []
        if department and indicator.goal is None:
            missing.append("所属目标")
        elif department and goals and indicator.goal is not None and indicator.goal > goals:
            missing.append(f"有效的所属目标（申报表列有{goals}个年度目标，没有目标{indicator.goal}）")
        if indicator.weight is None:
            missing.append("分值")
        if not indicator.basis.strip():
            missing.append("指标值设定依据")
        elif indicator.basis.strip() == "预算支出标准" and indicator.standard is None:
            missing.append("预算支出标准的数值")
        if not indicator.data_source.strip():
            missing.append("数据来源")
        if not indicator.method.strip():
            missing.append("取值方式")
        if missing:
            found.append(make("declaration-field-missing", project=declaration.project, indicator=indicator.name,
                              location=_where(declaration, indicator), field="、".join(missing),
                              reported="、".join(missing)))
    return found


def known_basis(text: str) -> bool:
    return text.strip() in BASES


def equals_last_actual(declaration: Declaration, previous: Evaluation) -> list[Finding]:
    """A target no higher than a value the same indicator already reached the year before. A
    rate already at 100% and a zero target (no accidents) cannot be raised and are left alone."""
    actuals = {key(i.name): i for i in previous.indicators}
    found = []
    for indicator in declaration.indicators:
        before = actuals.get(key(indicator.name))
        target = indicator.target.quantity
        if before is None or target is None or before.actual.quantity is None:
            continue
        pair = to_common(target, before.actual.quantity)
        if pair is None or pair[0] != pair[1] or pair[0] == 0:
            continue
        if target.unit.base == "%" and target.base_value >= 1:
            continue
        found.append(make("target-equals-last-actual", project=declaration.project, indicator=indicator.name,
                          location=_where(declaration, indicator), reported=indicator.target.text,
                          expected=before.actual.text, year=declaration.year or "", last_year=previous.year or "",
                          derivation=f"{previous.year}年实际完成{before.actual.text}，"
                                     f"{declaration.year}年指标值{indicator.target.text}"))
    return found


RULES = (output_quantity_quality, measurable, qualitative_grades, cost_standard, satisfaction_survey, weights,
         duplicates, required_fields)
REVIEW_CODES = ("output-quantity-quality-missing", "declared-target-vague", "qualitative-grades-missing",
                "cost-above-standard", "satisfaction-survey-missing", "declared-weights-sum", "duplicate-indicator",
                "declaration-field-missing", "target-equals-last-actual")


def review(declaration: Declaration, previous: Evaluation | None = None) -> list[Finding]:
    """Every review finding of one declaration (`previous`: the same project's self-evaluation
    of the year before, when there is one)."""
    found = [finding for rule in RULES for finding in rule(declaration)]
    if previous is not None:
        found += equals_last_actual(declaration, previous)
    return found


@dataclass(frozen=True)
class Grade:
    grade: str                  # 优 / 良 / 中 / 差
    reasons: tuple[str, ...]    # in Chinese, one sentence each
    consequence: str            # what 88号 says the grade leads to


CONSEQUENCES = {
    "优": "直接进入下一步预算安排流程",
    "良": "可与相关部门或单位进行协商，直接对其绩效目标进行完善后，进入下一步预算安排流程",
    "中": "由相关部门或单位对其绩效目标进行修改完善，按程序重新报送审核",
    "差": "不得进入下一步预算安排流程",
}


def grade(findings: list[Finding], indicator_count: int) -> Grade:
    """The review grade from the review findings (see the module docstring)."""
    errors = [f for f in findings if f.severity == ERROR]
    warnings = [f for f in findings if f.severity == WARNING]
    faulty = {f.indicator or f"#{i}" for i, f in enumerate(errors)}
    reasons: list[str] = []

    def counted(items: list[Finding]) -> str:
        counts: dict[str, int] = {}
        for finding in items:
            counts[entry(finding.code).title] = counts.get(entry(finding.code).title, 0) + 1
        return "、".join(f"{title}{n}项" for title, n in counts.items())

    if indicator_count == 0:
        value = "差"
        reasons.append("申报表中没有绩效指标。")
    elif errors and len(faulty) * 2 >= indicator_count:
        value = "差"
        reasons.append(f"{len(faulty)}/{indicator_count}个指标存在错误，达到一半以上：{counted(errors)}。")
    elif errors:
        value = "中"
        reasons.append(f"存在须修改后重新报送的错误{len(errors)}项：{counted(errors)}。")
    elif warnings:
        value = "良"
    else:
        value = "优"
        reasons.append("未发现需要完善之处。")
    if warnings:
        reasons.append(f"需协商完善的问题{len(warnings)}项：{counted(warnings)}。")
    consequence = f"按{REVIEW_GRADES.document}：审核结果为“{value}”的，{CONSEQUENCES[value]}。"
    return Grade(value, tuple(reasons), consequence)


__all__ = ["CONSEQUENCES", "Grade", "REVIEW_CODES", "RULES", "SURVEY_WORDS", "equals_last_actual", "grade",
           "is_qualitative", "review"]
