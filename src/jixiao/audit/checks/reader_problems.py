"""What the readers saw but could not read, or had to infer: their findings, as they made them."""

from __future__ import annotations

from ...catalog import READER, codes
from ..context import AuditContext
from ..registry import check


# The engine's inference of weights a form does not print is made while reading it.
INFERRED = ("weight-inferred", "weight-unknown")


@check("reader-problems", *codes(READER), *INFERRED)
def reader_problems(context: AuditContext):
    for document in context.documents:
        yield from document.findings
