"""What every check sees: the documents, which of them belong together (a project's table and
its evaluation report; the department table and the narrative), which statements, rule rows
and table rows describe the same indicator, and the engine's recomputation of each table."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from ..model import Evaluation, Indicator, Value
from ..numbers import parse_value
from ..document import DocKind, Document, RuleRow, Statement, TableRow
from ..engine import score
from ..rules.text import parse_rule_text
from .match import key, pair_by_name, pair_by_position, similarity

PRODUCT = "产出指标"


def family(level1: str) -> str:
    """Department goals split 1:1 between 产出 and everything else (效益, incl. satisfaction)."""
    return PRODUCT if level1 == PRODUCT else "效益指标"


def _describes(document: Document, table: Document) -> bool:
    """Whether a report (a document without an evaluation) may be about the table."""
    if document.kind is DocKind.DEPARTMENT_REPORT:
        return table.kind is DocKind.DEPARTMENT_TABLE
    return document.kind is DocKind.EVALUATION_REPORT and similarity(document.project, table.project) >= 0.9


@dataclass
class Link:
    table: Document
    row: TableRow
    indicator: Indicator
    rule_row: RuleRow | None = None
    rule_doc: Document | None = None
    statements: list[tuple[Statement, Document]] = field(default_factory=list)

    def results(self) -> list[tuple[Statement, Document]]:
        return [(s, d) for s, d in self.statements if s.section == "result"]

    def plans(self) -> list[tuple[Statement, Document]]:
        return [(s, d) for s, d in self.statements if s.section == "plan"]


class AuditContext:
    def __init__(self, documents: list[Document]):
        self.documents = documents
        self._links: dict[int, list[Link]] = {}
        self._scores: dict[tuple[int, bool], object] = {}
        # Keyed by id(link), keeping the link alive so the id cannot be reused.
        self._stated_rules: dict[int, tuple[Link, tuple]] = {}
        self._companions: dict[int, list[Document]] | None = None
        self._table_of: dict[int, Document] = {}

    @cached_property
    def tables(self) -> list[Document]:
        return [d for d in self.documents if d.evaluation is not None]

    def companions(self, table: Document) -> list[Document]:
        """The other documents about the same project (in document order)."""
        if self._companions is None:
            self._pair_reports()
        return self._companions.get(id(table), [])

    def table_for(self, document: Document) -> Document | None:
        if self._companions is None:
            self._pair_reports()
        return self._table_of.get(id(document))

    def _pair_reports(self) -> None:
        """Each report to the one table it describes, once for the whole package (checks ask for
        every report's table and every table's reports: asked per call, a package of n documents
        cost n³). Where several tables could be the one (a bureau's packages concatenated, the
        same project in each) and as many reports could describe them, they pair in document
        order; otherwise a report describes the first."""
        self._companions = {id(table): [] for table in self.tables}
        groups: dict[tuple[int, ...], tuple[list[Document], list[Document]]] = {}
        for document in self.documents:
            if document.evaluation is not None:
                continue
            candidates = [table for table in self.tables if _describes(document, table)]
            if candidates:
                groups.setdefault(tuple(id(t) for t in candidates), (candidates, []))[1].append(document)
        pairs = []
        for tables, reports in groups.values():
            pairs += zip(tables, reports) if len(tables) == len(reports) else ((tables[0], r) for r in reports)
        order = {id(document): index for index, document in enumerate(self.documents)}
        for table, report in sorted(pairs, key=lambda pair: order[id(pair[1])]):
            self._companions[id(table)].append(report)
            self._table_of[id(report)] = table

    def links(self, table: Document) -> list[Link]:
        if id(table) in self._links:
            return self._links[id(table)]
        evaluation = table.evaluation
        assert evaluation is not None
        links = [Link(table, row, evaluation.indicators[row.index]) for row in table.rows]
        for companion in self.companions(table):
            if companion.kind is DocKind.DEPARTMENT_REPORT:
                self._link_by_goal(links, companion)
            else:
                for link, rule_row in pair_by_name(links, list(companion.rule_rows), lambda l: l.indicator.name,
                                                   lambda r: r.name):
                    link.rule_row, link.rule_doc = rule_row, companion
                for section in ("plan", "result"):
                    statements = [s for s in companion.statements if s.section == section]
                    for link, statement in pair_by_name(links, statements, lambda l: l.indicator.name,
                                                        lambda s: s.name):
                        link.statements.append((statement, companion))
        self._links[id(table)] = links
        return links

    def _link_by_goal(self, links: list[Link], narrative: Document) -> None:
        for section in ("plan", "result"):
            groups: dict[tuple, list[Statement]] = {}
            for statement in narrative.statements:
                if statement.section == section:
                    groups.setdefault((statement.goal, family(statement.level1)), []).append(statement)
            rows: dict[tuple, list[Link]] = {}
            for link in links:
                rows.setdefault((link.indicator.goal, family(link.indicator.level1)), []).append(link)
            for group, members in rows.items():
                statements = groups.get(group, [])
                pairs = pair_by_position(members, statements) or pair_by_name(
                    members, statements, lambda l: l.indicator.name, lambda s: s.name)
                for link, statement in pairs:
                    link.statements.append((statement, narrative))

    def unmatched_rule_rows(self, report: Document) -> list[RuleRow]:
        table = self.table_for(report)
        if table is None:
            return []
        linked = {id(link.rule_row) for link in self.links(table) if link.rule_row is not None}
        return [row for row in report.rule_rows if id(row) not in linked]

    # -- recomputation -------------------------------------------------------------------

    def stated_rule(self, link: Link):
        """The RuleSpec the report states for this row, or None (and why not); computed once
        per row, as several checks ask for it."""
        cache = self._stated_rules
        if id(link) not in cache:
            cache[id(link)] = (link, self._stated_rule(link))
        return cache[id(link)][1]

    def _stated_rule(self, link: Link):
        if link.rule_row is None:
            return None, None
        text = link.rule_row.rule_text
        others = [l.indicator.name for l in self.links(link.table) if l is not link]
        named = [name for name in others if len(key(name)) >= 4 and key(name) in key(text)
                 and key(name) not in key(link.indicator.name)]
        if named:
            return None, f"评分细则引用的是另一指标“{named[0]}”"
        spec, problem = parse_rule_text(text, link.indicator.weight, link.indicator.name)
        if spec is None:
            return None, problem
        return replace(spec, location=link.rule_row.location), problem

    def restated_target(self, link: Link) -> tuple[Value, Statement, Document] | None:
        """The same target with the comparator the table lost, from another document."""
        target = link.indicator.target
        if target.comparator is not None or target.quantity is None:
            return None
        candidates = [(link.rule_row.target_text, link.rule_row, link.rule_doc)] if link.rule_row else []
        candidates += [(s.target_text, s, d) for s, d in link.statements]
        for text, source, document in candidates:
            value = parse_value(text)
            if value.comparator is not None and value.quantity is not None \
                    and value.quantity.base_value == target.quantity.base_value \
                    and value.quantity.unit.base == target.quantity.unit.base:
                return value, source, document
        return None

    def evaluation_for_scoring(self, table: Document, stated: bool = True) -> Evaluation:
        evaluation = table.evaluation
        assert evaluation is not None
        indicators = []
        for link in self.links(table):
            indicator = link.indicator
            restated = self.restated_target(link)
            if restated is not None:
                indicator = replace(indicator, target=restated[0])
            if stated:
                # A report's 评分细则 wins; else the table's own (an office form's 评分细则 column,
                # or the rule jixiao stored with a workbook it wrote) — dropping it would audit
                # the form against the national default and report scores it computed correctly.
                spec, _ = self.stated_rule(link)
                indicator = replace(indicator, rule=spec or indicator.rule)
            else:
                indicator = replace(indicator, rule=None)
            indicators.append(indicator)
        return evaluation.with_indicators(tuple(indicators))

    def result(self, table: Document, stated: bool = True):
        """The engine's recomputation (jixiao.api.score) of a table, with the stated rules or
        with the national default only."""
        cache_key = (id(table), stated)
        if cache_key not in self._scores:
            self._scores[cache_key] = score(self.evaluation_for_scoring(table, stated))
        return self._scores[cache_key]
