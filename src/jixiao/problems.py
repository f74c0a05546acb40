"""Problems in user data are values, not exceptions (as in beancount): each carries
its location so one printer shows `file:line: message` everywhere."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Location


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    location: Location | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.message}"


class InputError(Exception):
    """Input that cannot be read at all (bad YAML, a weight that is text...).

    The CLI prints `str(error)` and exits 2; `problems` holds every problem found.
    """

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
