"""What the readers saw but could not read, or had to infer: their findings, as they made them."""

from __future__ import annotations

from ...catalog import READER, codes
from ..context import AuditContext
from ..registry import check


@check("reader-problems", *codes(READER))
def reader_problems(context: AuditContext):
    for document in context.documents:
        yield from document.findings
