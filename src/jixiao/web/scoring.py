"""Scoring a stored project through the library, never re-implemented here: the store
gives the project as the YAML file's structure, the YAML loader reads it exactly as it
reads a file, and `jixiao.api.score` scores it; the same evaluation is audited on demand
(`Scored.findings`, see findings.py)."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from .. import api
from ..model import Evaluation, Location
from ..findings import Finding, InputError
from ..store import models as m
from ..store.convert import document_yaml, project_document
from .findings import ProjectFindings, project_findings


@dataclass
class Scored:
    evaluation: Evaluation | None
    result: api.EvaluationResult | None
    problems: list[Finding] = field(default_factory=list)

    @cached_property
    def findings(self) -> ProjectFindings:
        """The audit of exactly what was scored (so a preview's findings follow the typing)."""
        return project_findings(self.evaluation)

    def indicator(self, position: int):
        if self.result is None or position >= len(self.result.indicators):
            return None
        return self.result.indicators[position]

    def fund_line(self, position: int):
        if self.result is None or position >= len(self.result.execution.lines):
            return None
        return self.result.execution.lines[position]


def load_yaml_text(text: str, name: str) -> tuple[Evaluation | None, list[Finding]]:
    """Read YAML text through the one reader path; problems (located in `name`) come back as
    values, never raised."""
    try:
        package = api.read_bytes(text.encode("utf-8"), name, suffix=".yaml")
    except InputError as error:
        return None, list(error.findings)
    return package.evaluations[0], package.all_findings()


class _ScoreCache:
    """Scores by the exact content scored: pages of the same saved project reuse one score
    and one audit, and any change to the content is a new key, so nothing can be stale.
    Bounded by the total size it holds, not by its number of entries: a document of any size
    costs what it weighs, so a few huge ones cannot hold gigabytes. Shared by the threads of
    one process under a lock."""

    # A scored project, its audit and its derivations weigh 16–22 times its content as JSON
    # (measured on the bundled examples with tracemalloc): 24 with the key itself, plus a floor.
    PER_CHARACTER = 24
    FLOOR = 4096

    def __init__(self, budget: int = 64 * 1024 * 1024, size: int | None = None):
        self.budget = budget
        self.size = size  # an optional bound on the number of entries as well
        self.used = 0
        self.entries: OrderedDict[tuple[str, str], tuple[Scored, int]] = OrderedDict()
        self.lock = threading.Lock()

    @classmethod
    def cost(cls, key: tuple[str, str]) -> int:
        return cls.FLOOR + cls.PER_CHARACTER * (len(key[0]) + len(key[1]))

    def get(self, key: tuple[str, str]) -> Scored | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            self.entries.move_to_end(key)
            return entry[0]

    def put(self, key: tuple[str, str], scored: Scored) -> None:
        cost = self.cost(key)
        if cost > self.budget // 4:
            return  # one document may not take a quarter of the cache: scored, not kept
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.used -= old[1]
            self.entries[key] = (scored, cost)
            self.used += cost
            while self.used > self.budget or (self.size is not None and len(self.entries) > self.size):
                _, (_, freed) = self.entries.popitem(last=False)
                self.used -= freed


_CACHE = _ScoreCache()


def score_document(doc: dict, name: str) -> Scored:
    # The key is the content as JSON (C-fast); YAML is only written on a miss.
    key = (name, json.dumps(doc, ensure_ascii=False, sort_keys=True, default=str))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    evaluation, problems = load_yaml_text(document_yaml(doc), name)
    if evaluation is None:
        scored = Scored(None, None, problems)
    else:
        try:
            result = api.score(evaluation)
        except ArithmeticError as error:
            # The loader keeps every number in its domain, so this is a bug, not data: the page
            # still shows the table and says so, rather than answering 500 for the whole unit.
            problem = Finding("indicator-not-scored", f"无法计分：{error}", Location(file=name))
            scored = Scored(evaluation, None, problems + [problem])
        else:
            scored = Scored(evaluation, result, problems + list(result.problems))
    _CACHE.put(key, scored)
    return scored


def score_project(
    project: m.Project, overrides: dict[int, dict] | None = None, executed: dict[int, Decimal] | None = None
) -> Scored:
    return score_document(project_document(project, overrides, executed), project.name)


def review_total(project: m.Project, scored: Scored) -> Decimal | None:
    """审核总分: the recomputed execution score plus, per indicator, the reviewer's score
    where given, else the recomputed one. None until a reviewer has scored something."""
    if scored.result is None or all(ind.review_score is None for ind in project.indicators):
        return None
    total = scored.result.execution.score
    for position, ind in enumerate(project.indicators):
        own = scored.indicator(position)
        total += ind.review_score if ind.review_score is not None else (own.counted if own else Decimal(0))
    return total
