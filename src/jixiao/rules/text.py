"""评分细则 text → RuleSpec.

The cells are written by hand and messy (`80%≥完成率≤90%，得满分`, `实际得分提升…*标准分值` with
its `=` missing, a formula that names another indicator). The parser is a list of small
pattern functions tried in order; each reads one phrasing or passes. Adding a phrasing is
adding one function to PATTERNS. A pattern may accept a cell and still report a problem:
a spec with a problem means "parsed, as written, but suspicious".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .. import formula
from ..decimals import short
from ..findings import Finding, make
from ..model import NOWHERE, Location, RuleSpec
from ..numbers import normalize, parse_quantity, to_common

MAX_TEXT = 1000

# A number with the units 评分细则 use; `以上`/`以下` are read by the band patterns.
_Q = (
    r"\d+(?:\.\d+)?(?:%|‰|(?:万|亿|千)?(?:元|美元|人次|个|份|次|家|人|部|项|天|件|台|辆|宗|单|篇|期|场|户|"
    r"平方米|立方米|公里|米|吨|小时|日|月|年)(?:/(?:平方米|立方米|公里|小时|人次|人|天|次|周|月|季度|年|户|个|日|件|台|辆|吨))*)?"
)
_SCORE = r"(?:得)?(?P<score>满分|不得分|\d+(?:\.\d+)?分?)"
_ELSE = re.compile(r"^(?:否则|其他|其余)(?:情况)?，?(?:不得分|得0分|0分)$")
_NUMBER_IN = re.compile(r"\d")

# Words a graded cell scores, longest first so 基本及时 is not read as 及时.
GRADE_WORDS = tuple(
    sorted(
        ["及时", "基本及时", "不太及时", "不及时", "满意", "基本满意", "不满意", "达成", "部分达成", "未达成",
         "完成", "基本完成", "未完成"],
        key=len,
        reverse=True,
    )
)
YES_WORDS = frozenset({"达成", "具有", "完成", "及时", "是", "有", "满意"})


@dataclass(frozen=True)
class Cell:
    """One 评分细则 cell: the text as written, a cleaned form the patterns read, and the row."""

    text: str
    clean: str
    weight: Decimal
    name: str
    clauses: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Parsed:
    kind: str
    params: dict[str, object]
    problems: tuple[str, ...] = ()


Pattern = Callable[[Cell], Parsed | None]


def _clean(text: str) -> str:
    text = normalize(text)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"(?<!\d),|,(?!\d)", "，", text)
    return text.replace(";", "；").replace(":", "：").replace("＊", "*").replace("×", "*")


def _clauses(clean: str) -> list[str]:
    """Split on ；/。, and before 否则 so `…得满分，否则，不得分` gives its else clause."""
    # 其他/其余 only as an else (`其他情况不得分`), never inside a name (其他营利性服务业…).
    clean = re.sub(r"，?(否则|其[他余](?=(?:情况)?，?(?:不得分|得0分|0分)))", r"；\1", clean)
    return [part.strip("，") for part in re.split(r"[；。]", clean) if part.strip("，")]


def _score(text: str) -> str:
    """'满分', '0' or the number as written (without 分)."""
    if text == "满分":
        return "满分"
    if text == "不得分":
        return "0"
    return text.removesuffix("分")


def _mentions_other(mentioned: str, name: str) -> bool:
    """Whether a measure named in the cell is not this row's indicator: fewer than half
    of its distinctive characters occur in the row's name (租赁利用率 is 租赁用房空间利用率,
    其他营利性服务业营收增幅 is not 认知度提高率)."""
    if not name or not mentioned:
        return False
    distinctive = set(mentioned) - set("率数量度值的")
    if not distinctive:
        return False
    shared = sum(1 for char in distinctive if char in name)
    return shared * 2 < len(distinctive)


def _other_problem(mentioned: str, cell: Cell, what: str) -> str | None:
    if _mentions_other(mentioned, cell.name):
        return f"评分细则{what}“{mentioned}”，与本指标“{cell.name}”不一致"
    return None


# --- patterns, tried in order ------------------------------------------------------------

_FORMULA = re.compile(r"实际得分=?")
_STANDARD = re.compile(r"标准分值(?P<n>\d+(?:\.\d+)?)分")
_FULL = re.compile(r"满分(?P<n>\d+(?:\.\d+)?)分")
_WEIGHT_NAMES = ("标准分值", "分值", "满分")
_ACTUAL_PREFIXES = ("实际",)
_TARGET_PREFIXES = ("计划", "目标", "预期", "预算", "年度指标")
_FUNCTIONS = ("min", "max", "abs", "round")


def _measure_roles(measures: list[str]) -> dict[str, str] | None:
    """One measure (`审计咨询完成率`) is the actual; two must be told apart by their prefixes
    (`实际订阅数/计划订阅数`). Anything else would need a guess."""
    distinct = list(dict.fromkeys(measures))
    if len(distinct) == 1:
        return {distinct[0]: "实际"}
    if len(distinct) == 2:
        roles = {}
        for word in distinct:
            if word.startswith(_ACTUAL_PREFIXES):
                roles[word] = "实际"
            elif word.startswith(_TARGET_PREFIXES):
                roles[word] = "目标"
        if sorted(roles.values()) == ["实际", "目标"]:
            return roles
    return None


def _expression_at(text: str, start: int) -> str:
    """The formula from `start` to the first clause break outside parentheses
    (`min(实际/目标*分值，分值)，满分4分` keeps its argument comma)."""
    depth = 0
    chars = []
    for char in text[start:]:
        depth += {"(": 1, "（": 1, ")": -1, "）": -1}.get(char, 0)
        if depth <= 0 and char in "，；。":
            break
        chars.append("," if char == "，" else {"（": "(", "）": ")"}.get(char, char))
    return "".join(chars)


def formula_pattern(cell: Cell) -> Parsed | None:
    """`标准分值4分，实际得分=实际订阅数/计划订阅数*标准分值，满分4分` → 实际/目标*分值."""
    match = _FORMULA.search(cell.clean)
    if not match:
        return None
    raw = _expression_at(cell.clean, match.end())
    try:
        tokens = formula.tokenize(raw)
    except formula.FormulaError:
        return None
    measures = [t.text for t in tokens if t.kind == "name" and t.text not in _WEIGHT_NAMES + _FUNCTIONS]
    roles = _measure_roles(measures)
    if roles is None:
        return None
    parts = []
    for token in tokens[:-1]:
        if token.kind == "name":
            parts.append("分值" if token.text in _WEIGHT_NAMES else roles.get(token.text, token.text))
        else:
            parts.append(token.text)
    # A lone measure not called 实际… should be this row's own (租赁利用率 for 租赁用房空间利用率).
    others = [word for word in roles if len(roles) == 1 and not word.startswith(_ACTUAL_PREFIXES)]
    if "分值" not in parts:
        return None
    expression = "".join(parts)
    try:
        formula.evaluate(expression, {"实际": Decimal(1), "目标": Decimal(1), "分值": Decimal(1)})
    except formula.FormulaError:
        return None
    problems = []
    if others:
        problem = _other_problem(others[0], cell, "公式引用")
        if problem:
            problems.append(problem)
    for regex, label in ((_STANDARD, "标准分值"), (_FULL, "满分")):
        stated = regex.search(cell.clean)
        if stated and Decimal(stated.group("n")) != cell.weight:
            problems.append(f"评分细则写{label}{stated.group('n')}分，但本指标分值为{short(cell.weight)}分")
    return Parsed("formula", {"expression": expression}, tuple(problems))


_STEP = re.compile(r"(?:按照?|每)(?:超(?:出|过)?)?(?P<step>" + _Q + r")(?:等差)?(?:依次)?[减扣](?P<penalty>\d+(?:\.\d+)?)分(?:，?(?:扣完为止|扣完即止|直至扣完|减完为止))?")
_FREE = re.compile(r"(?:[^\d≤<，；]*)[≤<](?P<free>" + _Q + r")，?(?:得)?满分")


_CUTOFF = re.compile(
    r"(?:[^\d≤<>，；]*)(?:超过|超出|大于|高于|>)(?P<cut>" + _Q + r")(?:的|时|以上)?，?(?:不得分|得0分|0分)"
)


def steps_pattern(cell: Cell) -> Parsed | None:
    """`偏差率≤5%，得满分；按照5%等差依次减1分；否则，不得分` → steps free 5%, step 5%, −1;
    `…；超过20%不得分` adds a cut-off. Every clause must be one of these, or the cell is
    not read as steps: a clause left out would change the score silently."""
    step = free = cutoff = None
    for clause in cell.clauses:
        if _ELSE.match(clause):
            continue
        if free is None and (found := _FREE.fullmatch(clause)):
            free = found
        elif step is None and (found := _STEP.search(clause)) and found.end() == len(clause):
            step = found
        elif cutoff is None and (found := _CUTOFF.fullmatch(clause)):
            cutoff = found
        else:
            return None
    if not step or not free:
        return None
    params = {"free": free.group("free"), "step": step.group("step"), "penalty": step.group("penalty")}
    if cutoff:
        params["cutoff"] = cutoff.group("cut")
    return Parsed("steps", params)


_GRADE_CLAUSE = re.compile(r"^(?P<cond>.*?)，?" + _SCORE + r"$")


def graded_pattern(cell: Cell) -> Parsed | None:
    """`垃圾清运及时，得满分；基本及时5分；不太及时，2；否则不得分` → graded words."""
    grades: list[list[str]] = []
    for clause in cell.clauses:
        if _ELSE.match(clause):
            continue
        match = _GRADE_CLAUSE.match(clause)
        if not match:
            return None
        cond = match.group("cond")
        word = next((w for w in GRADE_WORDS if cond.endswith(w)), None)
        if word is None or _NUMBER_IN.search(cond):
            return None
        grades.append([word, _score(match.group("score"))])
    if len(grades) < 2 or len({word for word, _ in grades}) < len(grades):
        return None
    return Parsed("graded", {"grades": grades})


_RANGE = re.compile(
    r"^(?P<lo>" + _Q + r")(?P<op1>[≤<≥>])(?P<name>[^\d≤<≥>]+)(?P<op2>[≤<≥>])(?P<hi>" + _Q + r")$"
)
_ONE_SIDE = re.compile(r"^(?P<name>[^\d≤<≥>]*)(?P<op>[≤<≥>])(?P<q>" + _Q + r")$")
_BARE = re.compile(r"^(?P<name>[^\d≤<≥>]*?)(?P<q>" + _Q + r")(?P<dir>以上|以下|及以上|及以下)?$")
_BAND_CLAUSE = re.compile(r"^(?P<cond>.*?)(?:，?" + _SCORE + r")?$")


@dataclass(frozen=True)
class _Band:
    lower: str
    upper: str
    name: str
    problem: str | None = None

    @property
    def threshold(self) -> str | None:
        """The band as a one-sided threshold text ('≥85%', '≤150元/人/天', '100%')."""
        if self.lower and not self.upper:
            return self.lower if self.lower.startswith(">") else f"≥{self.lower}"
        if self.upper and not self.lower:
            return self.upper if self.upper.startswith("<") else f"≤{self.upper}"
        return None


def _smaller(a: str, b: str) -> str:
    qa, qb = parse_quantity(a), parse_quantity(b)
    common = to_common(qa, qb) if qa and qb else None
    if common is None:
        return a
    return a if common[0] <= common[1] else b


def _condition(cond: str) -> _Band | None:
    """A band condition: `5%≤偏差率≤20%`, `偏差率≤5%`, `≤80%`, `100%以上`, `30份`."""
    match = _RANGE.match(cond)
    if match:
        lo, hi, op1, op2, name = (match.group(k) for k in ("lo", "hi", "op1", "op2", "name"))
        if op1 in "≤<" and op2 in "≤<":
            return _Band(lo if op1 == "≤" else f">{lo}", hi if op2 == "≤" else f"<{hi}", name)
        if op1 in "≥>" and op2 in "≥>":
            return _Band(hi if op2 == "≥" else f">{hi}", lo if op1 == "≥" else f"<{lo}", name)
        # `80%≥完成率≤90%`: both bounds are upper bounds as written; read literally (≤ the smaller)
        # and say so, since 80%≤完成率≤90% was probably meant.
        if op1 in "≥>" and op2 in "≤<":
            upper = _smaller(lo, hi)
            problem = (f"评分细则区间“{cond}”自相矛盾：两个边界都是上限，按原文读作{name}≤{upper}"
                       f"（可能应为{lo}≤{name}≤{hi}）")
            return _Band("", upper, name, problem)
        lower = hi if _smaller(lo, hi) == lo else lo
        problem = (f"评分细则区间“{cond}”自相矛盾：两个边界都是下限，按原文读作{name}≥{lower}"
                   f"（可能应为{lo}≥{name}≥{hi}）")
        return _Band(lower, "", name, problem)
    match = _ONE_SIDE.match(cond)
    if match:
        op, q, name = match.group("op"), match.group("q"), match.group("name")
        if op in "≤<":
            return _Band("", q if op == "≤" else f"<{q}", name)
        return _Band(q if op == "≥" else f">{q}", "", name)
    match = _BARE.match(cond)
    if match:
        q, name, direction = match.group("q"), match.group("name"), match.group("dir") or ""
        # A bare amount (`30份，得满分；20份，得2分`) is read as “at least”, as 以上 would be.
        if direction.endswith("以下"):
            return _Band("", q, name)
        return _Band(q, "", name)
    return None


def bands_pattern(cell: Cell) -> Parsed | None:
    """Numeric conditions with scores; one full-marks condition with an else-zero is a threshold."""
    bands: list[tuple[_Band, str | None]] = []
    has_else = False
    for clause in cell.clauses:
        if _ELSE.match(clause):
            has_else = True
            continue
        match = _BAND_CLAUSE.match(clause)
        if not match or not _NUMBER_IN.search(match.group("cond")):
            return None
        band = _condition(match.group("cond"))
        if band is None:
            return None
        score = match.group("score")
        bands.append((band, _score(score) if score else None))
    if not bands:
        return None
    if any(score is None for _, score in bands):
        # `成本控制≤150元/人/天；否则，不得分`: a lone condition with an else-zero means full marks.
        if len(bands) != 1 or not has_else:
            return None
        bands = [(bands[0][0], "满分")]
    problems = [band.problem for band, _ in bands if band.problem]
    names = [band.name for band, _ in bands if band.name]
    other = _other_problem(names[0], cell, "的条件写") if names else None
    if other:
        problems.append(other)
    only, score = bands[0]
    if len(bands) == 1 and score == "满分" and only.threshold and not only.problem:
        return Parsed("threshold", {"threshold": only.threshold}, tuple(problems))
    measure = "偏差率" if "偏差率" in cell.clean else "实际"
    rows = [[band.lower, band.upper, score] for band, score in bands]
    return Parsed("bands", {"bands": rows, "measure": measure}, tuple(problems))


_YES_CLAUSE = re.compile(r"^(?P<cond>.*?)，?(?:得)?满分$")
_NO_CLAUSE = re.compile(r"^(?P<cond>.*?)，?(?:不得分|得0分)$")


def yesno_pattern(cell: Cell) -> Parsed | None:
    """`项目具有可持续性，满分；否则，不得分`, `在督办时间内完成得满分，否则，不得分` → yes/no."""
    if _NUMBER_IN.search(cell.clean) or not cell.clauses:
        return None
    first = _YES_CLAUSE.match(cell.clauses[0])
    if not first or not all(_NO_CLAUSE.match(clause) for clause in cell.clauses[1:]):
        return None
    cond = first.group("cond")
    params: dict[str, object] = {}
    if cond in YES_WORDS:
        params["expected"] = cond
    elif "具有" in cond:
        params["expected"] = "具有"
    return Parsed("yesno", params)


def ratio_pattern(cell: Cell) -> Parsed | None:
    """`按完成比例得分` / `按比例计分`: the positive proportional rule."""
    if re.search(r"按(?:完成|实际完成)?比例(?:得分|计分|计算得分|扣分)", cell.clean):
        return Parsed("ratio", {})
    return None


def qualitative_pattern(cell: Cell) -> Parsed | None:
    """`达成年度指标得80%-100%分值；部分达成…60%-80%；未达成…0-60%` → the national bands."""
    if all(word in cell.clean for word in ("部分达成", "未达成", "80%", "60%")):
        return Parsed("qualitative", {})
    return None


PATTERNS: list[Pattern] = [
    formula_pattern,
    steps_pattern,
    qualitative_pattern,
    graded_pattern,
    bands_pattern,
    ratio_pattern,
    yesno_pattern,
]


def parse_rule_text(text: str, weight: Decimal, name: str = "") -> tuple[RuleSpec | None, str | None]:
    """The RuleSpec a 评分细则 cell states, and a Chinese problem when it is suspicious;
    (None, reason) when no pattern reads it."""
    if not isinstance(text, str) or not text.strip():
        return None, "评分细则为空"
    if len(text) > MAX_TEXT:
        return None, f"评分细则过长（{len(text)}字，上限{MAX_TEXT}字）"
    clean = _clean(text)
    cell = Cell(text, clean, Decimal(weight), name.strip(), _clauses(clean))
    for pattern in PATTERNS:
        parsed = pattern(cell)
        if parsed is not None:
            spec = RuleSpec.of(parsed.kind, text=text.strip(), **parsed.params)
            return spec, "；".join(parsed.problems) or None
    return None, f"无法识别的评分细则：{text.strip()}"


UNPARSED = "unparsed"


def read_rule_text(text: str, weight: Decimal | None, name: str = "", location: Location = NOWHERE,
                   project: str = "") -> tuple[RuleSpec | None, Finding | None]:
    """The one adapter every reader uses for a 评分细则 cell: the RuleSpec it states (located),
    and a finding when the text is suspicious (`rule-text-defect`) or cannot be read
    (`rule-text-unparsed`; the spec is then kind 'unparsed', which scores nothing rather than
    guessing). A blank cell states no rule: (None, None)."""
    if not isinstance(text, str) or not text.strip():
        return None, None
    spec, reason = parse_rule_text(text, weight if weight is not None else Decimal(0), name)
    if spec is None:
        return (RuleSpec(UNPARSED, text=text, location=location),
                make("rule-text-unparsed", location=location, project=project, indicator=name,
                     reported=text.strip(), derivation=reason or ""))
    spec = replace(spec, text=spec.text or text, location=location)
    if reason:
        return spec, make("rule-text-defect", location=location, project=project, indicator=name,
                          reported=text.strip(), derivation=reason)
    return spec, None
