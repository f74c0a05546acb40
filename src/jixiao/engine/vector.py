"""Many tables scored at once: each row's rule chosen once, the arithmetic in exact integer vectors.

`engine.score` reads, chooses and scores a row in one pass, for one table, and keeps what a report,
an audit or a web page needs: result rows, derivations, weight sums, findings. A summary of a
province's folder, or a benchmark against a spreadsheet, needs only the numbers. This module splits
the work the way a spreadsheet does:

- `compile_tables` is the workbook being written: for every row it chooses the rule exactly as
  `engine.score` would (the national default, or a stated ratio, reverse, threshold or zero rule)
  and puts the row's actual and target, in their common unit, in integer columns over one common
  factor; a word row's match (a comparison of text) and a threshold row's (all or nothing) are
  decided here. A row of any other shape — a step, graded or yes/no rule, labelled parts, units
  that do not compare, a figure too large for the columns — is scored by its rule here and held as
  a constant (so is every row under a profile that scores 预算执行率 inside the tree); a table
  whose execution the columns cannot hold (a negative amount) is scored whole by `engine.score`.
  Nothing is approximated or dropped.
- `Tables.score` is the recalculation: every row's score, every table's execution score, total
  and grade, in NumPy int64 arithmetic on integers (cents), with ROUND_HALF_UP written as integer
  floor division. It is exact: each operand is bounded when compiled so that no product
  overflows, and the scores equal `engine.score`'s to the cent (tests/test_vector_scoring.py
  checks every row and total against it).

Compiling costs less than scoring (no result rows or text are kept) and recalculating is ~100
times cheaper again; docs/performance.md has the figures. Without NumPy the same results come
from `engine.score`, table by table."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from .. import rules
from ..model import Comparator, Evaluation, FundSource
from ..profile import Profile, get_profile
from ..rules._common import word_of
from ..rules.base import Context
from ..rules.fast import _NONE_TARGETS, KINDS, _common, _comparator, _meets, _word, threshold_met, threshold_of
from .execution import _denominator, total_line
from .grade import BANDS
from .metrics import derive_metrics
from .score import _scored_by_rule
from .score import score as score_one

_GE, _GT, _LE, _LT, _EQ = Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT, Comparator.EQ
_ZERO = Decimal(0)

# A row's points are all won when its actual A meets its target T by one of these tests; a zero
# target is A ≤ 0 (A the actual's sign), a word is A = 1 (A whether it matched, T = 1).
MET_GE, MET_GT, MET_LE, MET_LT, MET_EQ = range(5)
_MET = {_GE: MET_GE, _GT: MET_GT, _LE: MET_LE, _LT: MET_LT, _EQ: MET_EQ}
# What it scores otherwise, before ROUND_HALF_UP and the clamp to [0, 分值]: N × 分值 / D, with
# N = α·A + β·T + γ·|A − T| and D = T (A for the inverse), or nothing.
RAW_RATIO, RAW_EQUAL, RAW_LINEAR, RAW_INVERSE, RAW_NOTHING = range(5)
_COEFFICIENTS = {RAW_RATIO: (1, 0, 0), RAW_EQUAL: (0, 1, -1), RAW_LINEAR: (-1, 2, 0), RAW_INVERSE: (0, 1, 0),
                 RAW_NOTHING: (0, 0, 0)}

# Bounds that keep every product in int64 (2 × N × 分值 in cents < 2**63): A and T at most 10**12,
# so N at most 3 × 10**12; 分值 at most 10 000 points (10**6 cents).
_MOST = 10**12
_MOST_CENTS = 10**6


class _Outside(Exception):
    """A row the columns cannot compute (it is scored by its rule when compiled), or a table
    they cannot hold (`engine.score` scores it whole)."""


@dataclass
class Tables:
    """A batch compiled for scoring: integer columns of every row of the tables the columns take
    (`placed`, in order), and `engine.score`'s result for the others (`scored_whole`, by index).
    Without NumPy nothing is compiled: every table is scored whole."""

    evaluations: tuple[Evaluation, ...]
    profile: Profile | None = None  # for every table, else each table's own
    placed: list[int] = field(default_factory=list)
    scored_whole: dict = field(default_factory=dict)
    first_row: list = field(default_factory=list)  # per placed table
    # Per row: the met test, the raw formula, A, T and the 分值 in cents. As arrays the test is
    # four masks (upward, downward, exact, strict) and the formula (α, β, γ, inverse, nothing).
    test: list = field(default_factory=list)
    formula: list = field(default_factory=list)
    actual: list = field(default_factory=list)
    target: list = field(default_factory=list)
    cents: list = field(default_factory=list)
    # Per placed table: Σ min(执行数_i, 预算数_i), the denominator, the execution 分值 in cents.
    spent: list = field(default_factory=list)
    budget: list = field(default_factory=list)
    execution_cents: list = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.cents)

    def score(self) -> Scores:
        """Every row's score, each table's execution score, total and grade."""
        if not self.placed:   # (always so without NumPy: every table was scored whole)
            return Scores(self, [], [], [], [])
        return _scored_in_columns(self, _numpy())

    def result(self, index: int):
        """The table's full `EvaluationResult` (derivations, findings): `engine.score`'s."""
        found = self.scored_whole.get(index)
        return found if found is not None else score_one(self.evaluations[index], self.profile)


class Scores:
    """The numbers of a batch, by table index: exact Decimals, as `engine.score` gives them."""

    def __init__(self, tables: Tables, row_cents, execution_cents, total_cents, grade_index):
        self.tables = tables
        self.row_cents = row_cents  # per row in the columns
        self.execution_cents = execution_cents  # per placed table, as the two below
        self.total_cents = total_cents
        self.grade_index = grade_index  # 0 差, 1 中, 2 良, 3 优
        self._slots = {table: slot for slot, table in enumerate(tables.placed)}

    def __len__(self) -> int:
        return len(self.tables.evaluations)

    def _slot(self, index: int) -> int | None:
        if not 0 <= index < len(self.tables.evaluations):
            raise IndexError(index)
        return self._slots.get(index)

    def total(self, index: int) -> Decimal:
        slot = self._slot(index)
        if slot is None:
            return self.tables.scored_whole[index].total
        return _decimal(self.total_cents[slot])

    def grade(self, index: int) -> str:
        slot = self._slot(index)
        if slot is None:
            return self.tables.scored_whole[index].grade
        return _GRADES[self.grade_index[slot]]

    def execution(self, index: int) -> Decimal:
        slot = self._slot(index)
        if slot is None:
            return self.tables.scored_whole[index].execution.score
        return _decimal(self.execution_cents[slot])

    def indicator_scores(self, index: int) -> tuple[Decimal, ...]:
        """The score of each indicator of the table, in its order (what enters the total)."""
        slot = self._slot(index)
        if slot is None:
            return tuple(row.counted for row in self.tables.scored_whole[index].indicators)
        first = self.tables.first_row[slot]
        last = self.tables.first_row[slot + 1] if slot + 1 < len(self.tables.placed) else self.tables.rows
        return tuple(_decimal(cents) for cents in self.row_cents[first:last])

    def result(self, index: int):
        return self.tables.result(index)


# Grades from low to high, as `grade_index` counts the bands a total reaches.
_GRADES = ("差",) + tuple(name for _, name in reversed(BANDS))
_BAND_CENTS = tuple(int(lower * 100) for lower, _ in reversed(BANDS))


def _decimal(cents) -> Decimal:
    return Decimal(int(cents)).scaleb(-2)


def _numpy():
    try:
        import numpy
    except ImportError:
        return None
    return numpy


def compile_tables(evaluations, profile: Profile | None = None) -> Tables:
    """The batch in columns; `profile` for every table, else each table's own."""
    tables = Tables(tuple(evaluations), profile)
    numpy = _numpy()
    for index, evaluation in enumerate(tables.evaluations):
        table_profile = profile or get_profile(evaluation.profile)
        try:
            if numpy is None:
                raise _Outside  # no columns to compute in: the engine, table by table
            rows, spent, budget, execution_cents = _table(evaluation, table_profile)
        except _Outside:
            tables.scored_whole[index] = score_one(evaluation, table_profile)
            continue
        tables.placed.append(index)
        tables.first_row.append(len(tables.cents))
        tables.spent.append(spent)
        tables.budget.append(budget)
        tables.execution_cents.append(execution_cents)
        for test, formula, actual, target, cents in rows:
            tables.test.append(test)
            tables.formula.append(formula)
            tables.actual.append(actual)
            tables.target.append(target)
            tables.cents.append(cents)
    if numpy is not None:
        _to_arrays(tables, numpy)
    return tables


def _to_arrays(tables: Tables, numpy) -> None:
    """The columns as arrays, in the shape the arithmetic wants them (the spreadsheet's cells)."""
    int64, int8 = numpy.int64, numpy.int8
    test = numpy.array(tables.test, dtype=int8)
    formula = numpy.array(tables.formula, dtype=int8)
    tables.test = (numpy.isin(test, (MET_GE, MET_GT)), numpy.isin(test, (MET_LE, MET_LT)), test == MET_EQ,
                   numpy.isin(test, (MET_GT, MET_LT)))
    coefficients = numpy.array([_COEFFICIENTS[kind] for kind in range(len(_COEFFICIENTS))], dtype=int64)
    tables.formula = (coefficients[formula, 0], coefficients[formula, 1], coefficients[formula, 2],
                      formula == RAW_INVERSE, formula == RAW_NOTHING)
    for name in ("actual", "target", "cents", "spent", "budget", "execution_cents"):
        setattr(tables, name, numpy.array(getattr(tables, name), dtype=int64))
    tables.first_row = numpy.array(tables.first_row, dtype=numpy.intp)


def _table(evaluation: Evaluation, profile: Profile) -> tuple:
    total = total_line(evaluation.funds)
    execution = _execution(evaluation, profile, total)
    context = Context(profile, derive_metrics(evaluation.funds, total))
    rows = []
    for indicator in evaluation.indicators:
        try:
            rows.append(_row(indicator, context))
        except _Outside:
            rows.append(_constant(indicator, context, evaluation.project))
    return (rows, *execution)


def _constant(indicator, context: Context, project: str) -> tuple:
    """A row of another shape (a step, graded or yes/no 评分细则, labelled parts, a deadline…):
    scored by its rule now, as engine.score scores it, and held as a row always met whose 分值
    is that score."""
    _, counted = _scored_by_rule(indicator, context, rules.apply, [], project)
    cents = counted * 100
    if cents != cents.to_integral_value() or abs(cents) > _MOST_CENTS:
        raise _Outside
    return MET_EQ, RAW_NOTHING, 1, 1, int(cents)


def _row(indicator, context: Context) -> tuple[int, int, int, int, int]:
    """(met test, raw formula, A, T, 分值 in cents) of a row `rules.fast` would score, as it would."""
    weight = indicator.weight
    if weight < _ZERO or context.profile.execution_in_tree:
        raise _Outside  # (预算执行率 scored as an indicator takes the full rule, as in engine.score)
    cents = _cents(weight)
    spec = indicator.rule
    if spec is None:
        return _default_row(indicator, context, cents)
    if spec.kind not in KINDS:
        raise _Outside
    if spec.kind == "reverse" and all(key == "formula" for key, _ in spec.params):
        return _reverse_row(indicator, context, spec.param("formula"), cents)
    if spec.kind == "threshold" and all(key == "threshold" for key, _ in spec.params):
        return _threshold_row(indicator, context, spec.param("threshold"), cents)
    if spec.params:
        raise _Outside
    if spec.kind == "ratio":
        return _ratio_row(indicator, context, cents, _comparator(indicator.target, context, indicator.name))
    if spec.kind == "zero":
        return _zero_row(indicator, cents)
    raise _Outside  # a formula: the full path


def _default_row(indicator, context: Context, cents: int) -> tuple:
    """rules.fast.default's choice: a word, a zero target, else reverse or ratio by the comparator."""
    target = indicator.target
    expected = word_of(target)
    if expected is not None:
        found = _word(indicator, context, expected)
        if found is None:
            raise _Outside
        return MET_EQ, RAW_NOTHING, 1 if found[0] else 0, 1, cents
    quantity = target.quantity
    if quantity is None:
        raise _Outside
    comparator = target.comparator
    if quantity.value == _ZERO and comparator is not _GE and comparator is not _GT:
        return _zero_row(indicator, cents)
    if comparator is None:
        if quantity.unit.text in ("年", "月"):
            raise _Outside  # perhaps a deadline: the full rule judges it
        comparator = _comparator(target, context, indicator.name)
    if comparator is _LE or comparator is _LT:
        return _reverse_row(indicator, context, None, cents)
    return _ratio_row(indicator, context, cents, comparator)


def _pair(indicator) -> tuple[int, int]:
    """A and T: actual and target in their common unit, as integers at one exponent."""
    tq, aq = indicator.target.quantity, indicator.actual.quantity
    if tq is None or aq is None:
        raise _Outside
    common = _common(tq, aq)
    if common is None:
        raise _Outside
    return _two(*common)


def _ratio_row(indicator, context: Context, cents: int, comparator: Comparator) -> tuple:
    if comparator is _LE or comparator is _LT:
        raise _Outside  # a ratio rule read against a ceiling: rare, left to the full rule
    if indicator.target.parts and indicator.actual.parts:
        raise _Outside
    actual, target = _pair(indicator)
    met = _MET[comparator]
    if target <= 0 and not _meets(actual, target, comparator):
        raise _Outside  # a problem the full rule words
    return met, RAW_EQUAL if comparator is _EQ else RAW_RATIO, actual, target, cents


def _reverse_row(indicator, context: Context, stated, cents: int) -> tuple:
    formula = stated or context.profile.reverse_formula
    if formula not in ("linear", "ratio"):
        raise _Outside
    actual, target = _pair(indicator)
    comparator = _comparator(indicator.target, context, indicator.name)
    met = MET_LT if comparator is _LT else MET_LE  # a reverse rule reads the target as a ceiling
    return met, RAW_LINEAR if formula == "linear" else RAW_INVERSE, actual, target, cents


def _threshold_row(indicator, context: Context, stated, cents: int) -> tuple:
    """rules.fast._threshold: all points when the actual meets the stated threshold (or the
    target), none otherwise; whether it does is decided here, as for a word."""
    threshold = threshold_of(indicator, stated)
    met = threshold_met(indicator, context, threshold) if threshold is not None else None
    if met is None:
        raise _Outside
    return MET_EQ, RAW_NOTHING, 1 if met else 0, 1, cents


def _zero_row(indicator, cents: int) -> tuple:
    actual = indicator.actual
    if word_of(actual) in _NONE_TARGETS:
        value = 0
    elif actual.quantity is not None:
        value = 1 if actual.quantity.value > _ZERO else 0
    else:
        raise _Outside
    return MET_LE, RAW_NOTHING, value, 0, cents


def _execution(evaluation: Evaluation, profile: Profile, total) -> tuple[int, int, int]:
    """(Σ min(执行数_i, 预算数_i), denominator, 分值 in cents) at one exponent: the execution
    score is round2(spent × 分值 / denominator), which is engine.execution's min(执行数 × 分值 /
    预算数, 分值) for the total line and its split by source when that applies."""
    cents = _cents(profile.execution_weight)
    if total is None:
        return 0, 1, cents
    denominator = _denominator(total, profile)
    if denominator is None or denominator <= 0 or total.executed is None:
        return 0, 1, cents
    pairs = [(total.executed, denominator)]
    sources = [line for line in evaluation.funds.lines if line.source != FundSource.TOTAL]
    if profile.split_execution_by_source and sources:
        budgets = [_denominator(line, profile) for line in sources]
        if (all(b is not None for b in budgets) and sum(budgets, _ZERO) == denominator
                and all(line.executed is not None for line in sources)
                and sum((line.executed for line in sources), _ZERO) == total.executed):
            pairs = [(line.executed, b) for line, b in zip(sources, budgets) if b]
    numbers = [number for pair in pairs for number in pair] + [denominator]
    if any(number < 0 for number in numbers):
        raise _Outside  # a negative amount: ROUND_HALF_UP away from zero, left to the engine
    scaled = _integers(*numbers)
    spent = sum(min(scaled[i], scaled[i + 1]) for i in range(0, len(scaled) - 1, 2))
    return spent, scaled[-1], cents


def _integers(*values: Decimal) -> list[int]:
    """The values as integers over one common factor: over their common denominator, then
    divided by their greatest common divisor. Every formula here is a ratio or a comparison of
    these numbers, so the common factor changes no score (131亿元 against 92.23亿元 is 13100
    against 9223)."""
    try:
        ratios = [value.as_integer_ratio() for value in values]
    except (ValueError, OverflowError):  # NaN, infinity
        raise _Outside from None
    denominator = ratios[0][1]
    if any(ratio[1] != denominator for ratio in ratios):
        denominator = math.lcm(*[ratio[1] for ratio in ratios])
        numbers = [numerator * (denominator // own) for numerator, own in ratios]
    else:
        numbers = [ratio[0] for ratio in ratios]
    divisor = math.gcd(*numbers)
    if divisor > 1:
        numbers = [number // divisor for number in numbers]
    for number in numbers:
        if number > _MOST or number < -_MOST:
            raise _Outside  # digits the columns could not hold whatever the common factor
    return numbers


def _two(actual: Decimal, target: Decimal) -> tuple[int, int]:
    """_integers for the pair every row has (the commonest call: spelled out)."""
    try:
        a, a_denominator = actual.as_integer_ratio()
        t, t_denominator = target.as_integer_ratio()
    except (ValueError, OverflowError):
        raise _Outside from None
    if a_denominator != t_denominator:
        common = math.lcm(a_denominator, t_denominator)
        a *= common // a_denominator
        t *= common // t_denominator
    divisor = math.gcd(a, t)
    if divisor > 1:
        a //= divisor
        t //= divisor
    if a > _MOST or a < -_MOST or t > _MOST or t < -_MOST:
        raise _Outside
    return a, t


def _cents(weight: Decimal) -> int:
    """分值 in cents; a weight with more than two decimals is left to the engine."""
    cents = _CENTS.get(weight)
    if cents is None:
        cents = weight * 100
        if cents != cents.to_integral_value() or not 0 <= cents <= _MOST_CENTS:
            raise _Outside
        cents = int(cents)
        if len(_CENTS) < 4096:  # the same few weights recur in every table
            _CENTS[weight] = cents
    return cents


_CENTS: dict[Decimal, int] = {}


def _scored_in_columns(tables: Tables, numpy) -> Scores:
    a, t, cents = tables.actual, tables.target, tables.cents
    upward, downward, exact, strict = tables.test
    alpha, beta, gamma, inverse, nothing = tables.formula
    equal = a == t
    met = (upward & (a >= t)) | (downward & (a <= t)) | (exact & equal)
    met &= ~(strict & equal)
    numerator = alpha * a + beta * t + gamma * numpy.abs(a - t)
    divisor = numpy.where(inverse, a, t)
    # A negative raw score is 0, so is a miss over a divisor ≤ 0 (rules.fast._reverse).
    scoring = ~nothing & (divisor > 0)
    numerator = numpy.where(scoring, numpy.maximum(numerator, 0), 0)
    divisor = numpy.where(scoring, divisor, 1)
    # ROUND_HALF_UP of N × 分值 / D at the cent, for N ≥ 0 and D > 0: ⌊(2·N·分值 + D) / 2D⌋.
    rounded = (2 * numerator * cents + divisor) // (2 * divisor)
    row_cents = numpy.where(met, cents, numpy.minimum(rounded, cents))

    spent, budget, weight = tables.spent, tables.budget, tables.execution_cents
    execution = numpy.minimum((2 * spent * weight + budget) // (2 * budget), weight)
    totals = _segment_sums(numpy, row_cents, tables.first_row, tables.rows) + execution
    grades = numpy.searchsorted(numpy.array(_BAND_CENTS, dtype=numpy.int64), totals, side="right")
    return Scores(tables, row_cents, execution, totals, grades)


def _segment_sums(numpy, values, starts, length: int):
    """Σ of each table's rows; a table with no rows sums to 0 (numpy.add.reduceat would repeat
    the next row)."""
    if not len(starts):
        return numpy.zeros(0, dtype=numpy.int64)
    ends = numpy.append(starts[1:], length)
    running = numpy.concatenate(([0], numpy.cumsum(values)))
    return running[ends] - running[starts]
