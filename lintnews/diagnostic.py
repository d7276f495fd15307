"""Diagnostics and fixes: immutable data with code-point offsets into the original text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Applicability = Literal["safe", "unsafe", "display"]

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


def _by_constructor(self: Any) -> tuple[Any, tuple[Any, ...]]:
    """Pickle as a constructor call with the fields: unpickling (the results cache, results
    from worker processes) is about twice as fast as dataclasses' generic slot state."""
    return (type(self), tuple(getattr(self, name) for name in self.__slots__))


APPLICABILITIES: tuple[str, ...] = ("safe", "unsafe", "display")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with content (offsets in code points)."""

    start: int
    end: int
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]

    def shifted(self, mapper) -> Fix:
        return replace(
            self, edits=tuple(Edit(mapper(e.start), mapper(e.end), e.content) for e in self.edits)
        )


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a finding (e.g. the spelling other articles use)."""

    path: str
    start: int
    end: int
    message: str
    row: int = 0
    column: int = 0
    end_row: int = 0
    end_column: int = 0


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    fix: Fix | None = None
    url: str | None = None
    path: str = ""
    related: tuple[Related, ...] = field(default_factory=tuple)

    def with_fix(self, fix: Fix | None) -> Diagnostic:
        return replace(self, fix=fix)

    def sort_key(self) -> tuple:
        return (self.path, self.start, self.end, self.code)


def replacement(
    start: int, end: int, content: str, applicability: Applicability, message: str
) -> Fix:
    """A fix made of one edit."""
    return Fix(applicability, message, (Edit(start, end, content),))


for _cls in (Edit, Fix, Related, Diagnostic):
    _cls.__reduce__ = _by_constructor  # type: ignore[method-assign,assignment]
