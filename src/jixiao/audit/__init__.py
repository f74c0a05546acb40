"""The audit: every inconsistency in a package's documents, as findings.

`audit_documents(documents)` (or `audit_package(package)`) runs the registered checks
(checks/, one module each) over documents from any reader and returns an `AuditReport`.
A check compares what a document printed with the engine's recomputation (context.py);
it never scores anything itself. The audit reads no files: `jixiao.api` reads them."""

from .runner import AuditReport, DocumentSummary, audit_documents, audit_package, check_codes

__all__ = ["AuditReport", "DocumentSummary", "audit_documents", "audit_package", "check_codes"]
