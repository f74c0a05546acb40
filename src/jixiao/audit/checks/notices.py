"""Sentences that are findings by themselves: targets rewritten after the year."""

from __future__ import annotations

from ..context import AuditContext
from ...findings import make
from ..registry import check


@check("notices", "adjusted-targets")
def notices(context: AuditContext):
    for document in context.documents:
        for notice in document.notices:
            yield make(notice.code, project=document.project, location=notice.location, reported=notice.text)
