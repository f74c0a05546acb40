"""The one registration mechanism: scoring rules, audit checks, file readers and CLI commands
are each a `Registry` of named entries, filled by the modules that define them.

Adding a rule, a check, a reader or a command is adding one module that registers itself;
a name registered twice is a bug and refused at import."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class UnknownEntry(KeyError):
    """A name no entry is registered under. Carries the facts, not a sentence: the caller
    turns it into the finding it needs (unknown-rule, unknown-profile…)."""

    def __init__(self, what: str, name: str, known: list[str]):
        super().__init__(name)
        self.what, self.name, self.known = what, name, known

    @property
    def message(self) -> str:
        return f"未知的{self.what}“{self.name}”，可用：{'、'.join(self.known)}"


class Registry(Generic[T]):
    def __init__(self, what: str):
        self.what = what            # in Chinese, for messages: 评分规则, 审核项, 读取器, 命令
        self._entries: dict[str, T] = {}

    def add(self, name: str, entry: T) -> T:
        if name in self._entries:
            raise ValueError(f"{self.what} {name!r} registered twice")
        self._entries[name] = entry
        return entry

    def register(self, name: str) -> Callable[[T], T]:
        """A decorator: `@RULES.register('ratio')`."""
        return lambda entry: self.add(name, entry)

    def remove(self, name: str) -> T:
        """Unregister (a test's temporary entry, a plugin unloaded)."""
        return self._entries.pop(name)

    def get(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            raise UnknownEntry(self.what, name, sorted(self._entries)) from None

    def find(self, name: str) -> T | None:
        return self._entries.get(name)

    def names(self) -> list[str]:
        return list(self._entries)

    def values(self) -> list[T]:
        return list(self._entries.values())

    def items(self) -> list[tuple[str, T]]:
        return list(self._entries.items())

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


__all__ = ["Registry", "UnknownEntry"]
