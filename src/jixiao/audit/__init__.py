"""The audit: read a published self-evaluation package and find every inconsistency in it.

`audit_paths(paths)` reads files (a reader per suffix, see readers.py) and
`audit_documents(documents)` audits documents from any reader; both return an
`AuditReport` of findings from the catalog (catalog.py), produced by the registered checks
(checks/, one module each)."""

from .catalog import CATALOG, Entry
from ..document import Document, DocKind
from .finding import Finding
from .readers import register_reader
from .runner import AuditReport, DocumentSummary, audit_documents, audit_paths, read_paths

__all__ = [
    "CATALOG",
    "AuditReport",
    "DocKind",
    "Document",
    "DocumentSummary",
    "Entry",
    "Finding",
    "audit_documents",
    "audit_paths",
    "read_paths",
    "register_reader",
]
