"""What the reader saw but could not read, or had to infer, as findings."""

from __future__ import annotations

from ..context import AuditContext
from ..finding import make
from ..registry import check


@check("reader-problems", "level-inferred", "missing-level2", "unreadable-row", "table-incomplete")
def reader_problems(context: AuditContext):
    for document in context.documents:
        for problem in document.problems:
            if problem.code == "missing-level2" and document.evaluation is not None:
                indicator = next((i for i in document.evaluation.indicators if i.name == problem.indicator), None)
                # Satisfaction has a single level 2 on every form: its absence loses nothing.
                if indicator is not None and indicator.level1 == "满意度指标":
                    continue
            yield make(
                problem.code,
                project=problem.project or document.project,
                indicator=problem.indicator or None,
                location=problem.location,
                reported=problem.text or None,
                derivation=problem.message,
            )
