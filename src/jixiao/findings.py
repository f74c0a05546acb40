"""The one record for everything jixiao tells a user: a file it cannot read, a cell it could
not read, an indicator it could not score, an inconsistency the audit found.

Problems in user data are values, not exceptions (as in beancount): readers, the engine and
the checks return `Finding`s, each with its catalog code, severity, Chinese message and
`Location`, so one printer shows them everywhere. Only input that cannot be read at all is
raised, as `InputError` carrying its findings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .catalog import SEVERITIES, SEVERITY_NAMES, entry
from .model import NOWHERE, Location


@dataclass(frozen=True, slots=True)
class Finding:
    """`severity` left empty takes the catalog's default for `code`; a code that is not in
    the catalog is refused (catalog.UnknownCode)."""

    code: str
    message: str
    location: Location | None = NOWHERE
    severity: str = ""
    project: str = ""
    indicator: str | None = None
    reported: str | None = None
    expected: str | None = None
    derivation: str = ""

    def __post_init__(self) -> None:
        item = entry(self.code)
        if self.location is None:
            object.__setattr__(self, "location", NOWHERE)
        if not self.severity:
            object.__setattr__(self, "severity", item.severity)
        elif self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def title(self) -> str:
        return entry(self.code).title

    @property
    def stage(self) -> str:
        return entry(self.code).stage

    @property
    def severity_name(self) -> str:
        return SEVERITY_NAMES[self.severity]

    def located(self, location: Location | None = None, **context: str | None) -> "Finding":
        """The same finding placed (where it was made without a place) and given its project
        or indicator; fields already set are kept."""
        changes: dict[str, object] = {}
        if location is not None and self.location == NOWHERE:
            changes["location"] = location
        for name, value in context.items():
            if value and not getattr(self, name):
                changes[name] = value
        return replace(self, **changes) if changes else self

    def sort_key(self) -> tuple:
        return (*self.location.sort_key(), SEVERITIES.index(self.severity), self.code)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "title": self.title,
            "severity": self.severity,
            "project": self.project,
            "indicator": self.indicator,
            "location": self.location.as_dict(),
            "reported": self.reported,
            "expected": self.expected,
            "derivation": self.derivation,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = self.location.describe()
        return f"{where}：{self.message}" if where else self.message


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def make(
    code: str,
    *,
    location: Location = NOWHERE,
    project: str = "",
    indicator: str | None = None,
    reported: object = None,
    expected: object = None,
    derivation: str = "",
    severity: str = "",
    message: str | None = None,
    **extra: object,
) -> Finding:
    """A finding from its catalog entry: the message is the entry's template filled in with
    these fields, or `message` when the entry has no template."""
    item = entry(code)
    if message is None:
        if item.template is None:
            raise ValueError(f"code {code!r} has no template: give its message")
        fields = _Blank(
            project=project,
            indicator=indicator or "",
            reported="" if reported is None else str(reported),
            expected="" if expected is None else str(expected),
            derivation=derivation,
            where=extra.pop("where", f"指标“{indicator}”" if indicator else ""),
            **{k: str(v) for k, v in extra.items()},
        )
        message = item.template.format_map(fields)
    return Finding(
        code=code,
        message=message,
        location=location,
        severity=severity,
        project=project,
        indicator=indicator,
        reported=None if reported is None else str(reported),
        expected=None if expected is None else str(expected),
        derivation=derivation,
    )


class InputError(Exception):
    """Input that cannot be read at all (bad YAML, a damaged workbook, a weight that is text…).

    The CLI prints each finding and exits 2; a batch turns them into rows; the web shows them."""

    def __init__(self, findings: list[Finding] | Finding):
        self.findings = [findings] if isinstance(findings, Finding) else list(findings)
        super().__init__("\n".join(str(f) for f in self.findings))

    def __str__(self) -> str:
        return "\n".join(str(f) for f in self.findings)


def refuse(code: str, message: str, location: Location = NOWHERE) -> InputError:
    """The InputError for one finding: `raise refuse('file-empty', '文件为空', Location(file=name))`."""
    return InputError(Finding(code, message, location))


__all__ = ["Finding", "InputError", "make", "refuse"]
