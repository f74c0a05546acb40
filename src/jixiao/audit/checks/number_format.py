"""Printed scores that look mistyped on their own: a leading zero (`05`)."""

from __future__ import annotations

import re

from ..context import AuditContext
from ...findings import make
from ..registry import check


@check("number-format", "mistyped-number")
def number_format(context: AuditContext):
    linked = {}
    for table in context.tables:
        for link in context.links(table):
            for statement, _ in link.statements:
                linked[id(statement)] = link
    for document in context.documents:
        printed = []
        for statement in document.statements:
            if statement.score is not None:
                link = linked.get(id(statement))
                name = link.indicator.name if link else statement.name
                printed.append((name, statement.score, link.row.score.text if link else None))
        printed += [(document.evaluation.indicators[r.index].name, r.score, None) for r in document.rows]
        for name, value, elsewhere in printed:
            if re.fullmatch(r"0\d+", value.text):
                yield make("mistyped-number", project=document.project, indicator=name, location=value.location,
                           reported=value.text, expected=elsewhere or value.text.lstrip("0") or "0",
                           where=f"指标“{name}”的得分", derivation=f"“{value.text}”带前导零，不是有效的得分写法")
