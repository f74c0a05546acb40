"""What a reader hands to the audit: the documents of a package and every fact they print.

A reader (extracted text, .xlsx, .docx, .pdf) turns a file into `Document`s.
A table document carries the parsed `Evaluation`; every document also carries the other
facts it prints — per-indicator statements, level sub-totals, funds tables, narrative
amounts — each as printed (`Printed`: text, value, location), because the audit checks
what was printed, at the precision it was printed. Depends only on the model.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from .declaration import Declaration
from .department import DepartmentFigures
from .findings import Finding
from .model import Evaluation, FundSource, Location, RuleSpec
from .monitoring import MonitoringTable


class DocKind(str, Enum):
    DEPARTMENT_REPORT = "department-report"   # 部门整体支出绩效自评报告 (narrative)
    DEPARTMENT_TABLE = "department-table"     # 部门整体支出绩效自评表
    PROJECT_TABLE = "project-table"           # 项目支出绩效自评表
    EVALUATION_REPORT = "evaluation-report"   # 项目支出绩效评价报告
    DECLARATION = "declaration"               # 项目支出绩效目标申报表
    MONITORING = "monitoring"                 # 项目支出绩效目标执行监控表

    @property
    def title(self) -> str:
        return {
            "department-report": "部门整体支出绩效自评报告",
            "department-table": "部门整体支出绩效自评表",
            "project-table": "项目支出绩效自评表",
            "evaluation-report": "项目支出绩效评价报告",
            "declaration": "项目支出绩效目标申报表",
            "monitoring": "项目支出绩效目标执行监控表",
        }[self.value]


@dataclass(frozen=True)
class Printed:
    """A number exactly as printed. `value` is None when the text is not a number.

    `decimals` is the printed precision: `55%` has 0, `2.18` has 2; the audit uses it
    for interval reasoning (a printed 55% stands for any true value in [54.5%, 55.5%)).
    """

    text: str
    value: Decimal | None
    location: Location
    percent: bool = False

    @property
    def decimals(self) -> int:
        # NFKC: ８６．１９％ typed with full-width characters is 86.19%, two decimals.
        digits = unicodedata.normalize("NFKC", self.text).replace(",", "").rstrip("%分").strip()
        return len(digits.split(".", 1)[1]) if "." in digits else 0


@dataclass(frozen=True)
class TableRow:
    """One indicator row of a table, as printed, with the index of its `Indicator`."""

    index: int
    weight: Printed
    score: Printed
    target_text: str
    actual_text: str
    location: Location
    printed_level1: str = ""
    printed_level2: str = ""
    inferred: str = ""          # why the reader placed this row under another level (Chinese)


@dataclass(frozen=True)
class Statement:
    """A per-indicator statement outside a table: the narrative's “本指标值 3 分，评分得 2.5 分”
    or an evaluation report's “指标目标值…，设定分值 4 分，实际…，得 1.51 分”."""

    name: str
    location: Location
    weight: Printed | None = None
    score: Printed | None = None
    target_text: str = ""
    actual_text: str = ""
    goal: int | None = None
    level1: str = ""
    section: str = "result"     # 'plan' (the targets set) or 'result' (the evaluation)
    deviation: Printed | None = None  # “指标偏差率为 24%”, as an evaluation report prints it


@dataclass(frozen=True)
class RuleRow:
    """A row of an evaluation report's 评分细则 table."""

    level1: str
    level2: str
    name: str
    target_text: str
    weight: Printed
    rule_text: str
    location: Location
    rule: RuleSpec | None = None


@dataclass(frozen=True)
class LevelScore:
    """A sub-total as printed: a row of 综合评分结果, a department summary row, or a
    sentence “本项指标总分值 50 分，综合得分 43 分，得分率 86%，评价等级为“良””.
    `key` is ('execution',), ('total',), (level1,) or (f'目标{n}', level1)."""

    key: tuple[str, ...]
    label: str
    location: Location
    weight: Printed | None = None
    score: Printed | None = None
    rate: Printed | None = None
    grade: str | None = None


@dataclass(frozen=True)
class FundsRow:
    """A row of a funds table (调整预算数 / 实际支出数 / 差异 / 执行率)."""

    name: str
    location: Location
    budget: Printed | None = None
    executed: Printed | None = None
    difference: Printed | None = None
    rate: Printed | None = None
    is_total: bool = False


@dataclass(frozen=True)
class FundsTable:
    rows: tuple[FundsRow, ...]
    location: Location


@dataclass(frozen=True)
class AmountClaim:
    """Amounts a sentence relates: a budget, what was spent, their difference or ratio,
    or a total and its parts. `kind` is 'difference' (budget − executed = stated),
    'ratio' (part / whole = stated rate), 'parts' (Σ parts = stated total)."""

    kind: str
    location: Location
    stated: Printed
    inputs: tuple[Printed, ...]
    text: str = ""


@dataclass(frozen=True)
class Notice:
    """A sentence worth a finding by itself (targets rewritten after the year…)."""

    code: str
    text: str
    location: Location


@dataclass(frozen=True)
class PrintedFundLine:
    """What a funds block printed for one source beside its amounts: 分值, 执行率, 得分."""

    source: FundSource
    weight: Printed | None = None
    rate: Printed | None = None
    score: Printed | None = None
    amounts: tuple[tuple[str, Location], ...] = ()   # where 'initial_budget', 'budget', 'executed' are printed

    def amount_at(self, name: str) -> Location | None:
        return dict(self.amounts).get(name)


@dataclass(frozen=True)
class Document:
    """One document of a package, with what it prints. Facts of types a document does
    not have are left empty; `problems` lists what the reader could not read."""

    source: str
    kind: DocKind
    project: str
    location: Location
    evaluation: Evaluation | None = None
    rows: tuple[TableRow, ...] = ()
    total: Printed | None = None
    total_weight: Printed | None = None     # the weights' sum the total row prints (分值 100)
    declared_at: tuple[tuple[str, Location], ...] = ()   # where each declared weight is printed
    cut: bool = False                       # the text stops inside the table: rows after it are missing
    statements: tuple[Statement, ...] = ()
    rule_rows: tuple[RuleRow, ...] = ()
    level_scores: tuple[LevelScore, ...] = ()
    funds_tables: tuple[FundsTable, ...] = ()
    claims: tuple[AmountClaim, ...] = ()
    notices: tuple[Notice, ...] = ()
    printed_funds: tuple[PrintedFundLine, ...] = ()
    findings: tuple[Finding, ...] = ()      # what the reader could not read, or inferred
    unit: str = ""                          # the unit a narrative names (单位名称)
    layout: str = ""                        # which form layout it was read by, and why (--explain-layout)
    department: DepartmentFigures | None = None   # the figures a department report states (staff, 三公…)
    declaration: Declaration | None = None  # a 绩效目标申报表
    monitoring: MonitoringTable | None = None   # a 绩效目标执行监控表

    def printed_fund(self, source: FundSource) -> PrintedFundLine | None:
        return next((line for line in self.printed_funds if line.source == source), None)

    @property
    def printed_total_fund(self) -> PrintedFundLine | None:
        return self.printed_fund(FundSource.TOTAL)

    @property
    def partial(self) -> str:
        """Why a recomputed total would hold only part of the table ('' when nothing says so):
        the text stops inside it, or a form whose total row was not found was said incomplete."""
        if self.cut:
            return "表格中断"
        if self.total is None and any(finding.code == "table-incomplete" for finding in self.findings):
            return "未见总分行"
        return ""


@dataclass(frozen=True)
class Package:
    """What one file holds: its documents, and what the reader has to say about the file as
    a whole (a blank sheet skipped…). Every command reads a file into a Package."""

    source: str
    documents: tuple[Document, ...]
    findings: tuple[Finding, ...] = ()

    @property
    def evaluations(self) -> list[Evaluation]:
        return [document.evaluation for document in self.documents if document.evaluation is not None]

    def all_findings(self) -> list[Finding]:
        return [*self.findings, *(f for document in self.documents for f in document.findings)]


__all__ = [
    "AmountClaim",
    "DocKind",
    "Document",
    "FundsRow",
    "FundsTable",
    "LevelScore",
    "Notice",
    "Package",
    "Printed",
    "PrintedFundLine",
    "RuleRow",
    "Statement",
    "TableRow",
]
