"""Rules and the registry that holds them: stable codes, names, docs and examples."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from lintnews.diagnostic import Diagnostic, Fix

if TYPE_CHECKING:
    from lintnews.config import Settings
    from lintnews.document import Document

CODE_RE = re.compile(r"^[A-Z]{2}[A-Z]{0,2}\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

FAMILIES = {
    "MT": "Machine-translation artifacts",
    "TY": "Spelling and typos",
    "GB": "Garbled sentences and line structure",
    "CL": "Copy debris and characters",
    "CN": "Consistency across articles",
    "ST": "House style",
    "LT": "LanguageTool (optional grammar backend)",
}

LANGUAGE_NAMES = {
    "es": "Spanish",
    "it": "Italian",
    "fr": "French",
    "pt": "Portuguese",
    "de": "German",
    "ru": "Russian",
    "ca": "Catalan",
    "tr": "Turkish",
    "ja": "Japanese",
    "en": "English",
    "uk": "Ukrainian",
    "pl": "Polish",
    "nl": "Dutch",
    "zh": "Chinese",
    "ar": "Arabic",
}


@dataclass
class Context:
    """What a rule may read besides the document: the settings and per-run state."""

    settings: Settings
    state: dict[str, Any] = field(default_factory=dict)


class Rule:
    """A rule: stable code, kebab-case name, severity, docs, examples and a check.

    Code rules subclass this and are registered with :func:`register`; data rules are built by
    :mod:`lintnews.packs`.
    """

    code: str = ""
    name: str = ""
    severity: str = "warning"
    summary: str = ""
    doc: str = ""
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()
    url: str | None = None
    origin: str = "lintnews"  # "lintnews" for code rules, else the pack file
    origin_line: int = 0
    source_langs: tuple[str, ...] | None = None  # None: language-independent
    confidence: str = "high"
    default_enabled: bool = True
    fixable: bool = False
    fix_in_quotes: bool = True
    # Code prefixes whose findings on the same span this rule's findings replace.
    supersedes: tuple[str, ...] = ()
    # A weak signal: with an unknown source language its findings are kept only when another
    # translation rule (not itself weak) also fires in the article.
    needs_corroboration: bool = False
    # Rules that need the whole run (consistency) set this and implement check_corpus.
    corpus: ClassVar[bool] = False

    @property
    def family(self) -> str:
        return self.code[:2]

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def diagnostic(
        self,
        start: int,
        end: int,
        message: str,
        fix: Fix | None = None,
        severity: str | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,  # type: ignore[arg-type]
            message=message,
            start=start,
            end=end,
            fix=fix,
            url=self.url,
        )

    def documentation(self) -> str:
        """The text `lintnews rule CODE` prints."""
        lines = [f"{self.code} ({self.name})", ""]
        lines.append(f"Family: {FAMILIES.get(self.family, self.family)}")
        lines.append(f"Severity: {self.severity}")
        if self.source_langs:
            langs = ", ".join(LANGUAGE_NAMES.get(x, x) for x in self.source_langs)
            lines.append(f"Source language: {langs} (confidence {self.confidence})")
        lines.append(f"Fix: {'available' if self.fixable else 'none'}")
        where = self.origin if not self.origin_line else f"{self.origin}:{self.origin_line}"
        lines.append(f"Defined in: {where}")
        if not self.default_enabled:
            lines.append("Enabled: only when selected explicitly")
        lines.append("")
        lines.append("## What it does")
        lines.append(self.summary or "(no summary)")
        if self.doc:
            lines += ["", self.doc.strip()]
        if self.bad:
            lines += ["", "## Example"] + [f"    {b}" for b in self.bad]
        if self.good:
            lines += ["", "## Fine"] + [f"    {g}" for g in self.good]
        return "\n".join(lines) + "\n"

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "family": self.family,
            "severity": self.severity,
            "summary": self.summary,
            "fixable": self.fixable,
            "source_langs": list(self.source_langs) if self.source_langs else None,
            "confidence": self.confidence,
            "default_enabled": self.default_enabled,
            "origin": self.origin,
            "url": self.url,
        }


class Registry:
    """All rules by code; selection by code prefix."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._names: dict[str, str] = {}
        self._selected: dict[tuple, list[Rule]] = {}

    def add(self, rule: Rule, where: str = "") -> None:
        from lintnews.errors import PackError

        prefix = f"{where}: " if where else ""
        if rule.code in self._rules:
            other = self._rules[rule.code]
            raise PackError(f"{prefix}duplicate code {rule.code} (also in {other.origin})")
        if rule.name in self._names:
            raise PackError(f"{prefix}duplicate rule name {rule.name!r} ({self._names[rule.name]})")
        self._rules[rule.code] = rule
        self._names[rule.name] = rule.code
        self._selected.clear()

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: str) -> bool:
        return code in self._rules

    def get(self, code_or_name: str) -> Rule | None:
        key = code_or_name.strip()
        if key.upper() in self._rules:
            return self._rules[key.upper()]
        code = self._names.get(key.lower())
        return self._rules.get(code) if code else None

    def select(
        self,
        select: Iterable[str] | None,
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
    ) -> list[Rule]:
        """Rules enabled by select/ignore prefixes (longest matching prefix wins, like ruff)."""
        key = (
            tuple(select) if select is not None else None,
            tuple(ignore),
            tuple(extend_select),
        )
        cached = self._selected.get(key)
        if cached is None:
            cached = self._selected[key] = self._select(*key)
        return list(cached)

    @staticmethod
    def code_selected(
        code: str,
        select: Iterable[str] | None,
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
    ) -> bool:
        """Whether a backend's code (e.g. LT:…) passes select/ignore, like a default rule."""
        best_on = _longest(code, list(select or []) + list(extend_select))
        if select is None:
            best_on = max(best_on, 0)
        return best_on >= 0 and _longest(code, ignore) < best_on

    def _select(
        self,
        select: tuple[str, ...] | None,
        ignore: tuple[str, ...],
        extend_select: tuple[str, ...],
    ) -> list[Rule]:
        sel = list(select) if select is not None else None
        ext = list(extend_select)
        ign = list(ignore)
        out = []
        for rule in self:
            best_on = _longest(rule.code, (sel or []) + ext)
            if not rule.default_enabled and best_on < 2:
                best_on = -1  # opt-in rules need their family or code named, not ALL
            if sel is None and rule.default_enabled:
                best_on = max(best_on, 0)
            best_off = _longest(rule.code, ign)
            if best_on >= 0 and best_off < best_on:
                out.append(rule)
        return out


def _longest(code: str, prefixes: Iterable[str]) -> int:
    best = -1
    for p in prefixes:
        p = p.strip().upper()
        if p == "ALL":
            best = max(best, 0)
        elif p and code.startswith(p):
            best = max(best, len(p))
    return best


_CODE_RULES: list[type[Rule]] = []


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator for code rules."""
    _CODE_RULES.append(cls)
    return cls


def code_rules() -> list[type[Rule]]:
    import importlib
    import pkgutil

    import lintnews.checks as checks

    for mod in pkgutil.iter_modules(checks.__path__):
        importlib.import_module(f"lintnews.checks.{mod.name}")
    return list(_CODE_RULES)
