"""Vocabulary files: words a newsroom accepts (never flagged) or rejects (always flagged).

Configuration::

    [tool.lintnews.vocabulary]
    accept = ["vocab/accept.txt"]
    reject = ["vocab/reject.txt"]

One entry per line; blank lines and lines starting with ``#`` are skipped. An entry is a
regular expression that must match a whole word (``Tokayev``, ``Kassym-Jomart``,
``Khabar-\\d+``, ``(?i)akimat``); an entry that is not a valid expression is taken literally.
Matching is case-sensitive, except that an all-lowercase entry also matches the word with an
initial capital ("akim" accepts "Akim" at the start of a sentence). An entry is tried against
the whole token and against each part of a hyphenated compound.

A Markdown article may add its own entries in its front matter::

    lintnews:
      vocabulary:
        accept: [Azirbek]
        reject: [Kiev]
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lintnews.errors import ConfigError

_PLAIN = re.compile(r"[\w'’\-]+")


@dataclass(frozen=True)
class WordList:
    """Compiled entries of one or more vocabulary files."""

    plain: frozenset[str]  # entries that are plain words (fast path; also suggestion words)
    patterns: tuple[re.Pattern[str], ...]

    def __bool__(self) -> bool:
        return bool(self.plain or self.patterns)

    def matches(self, word: str) -> bool:
        if word in self.plain:
            return True
        if word[:1].isupper() and word[:1].lower() + word[1:] in self.plain:
            return True
        return any(p.fullmatch(word) for p in self.patterns)


EMPTY = WordList(frozenset(), ())


def _compile(entry: str) -> list[re.Pattern[str]]:
    try:
        rx = re.compile(entry)
    except re.error:
        rx = re.compile(re.escape(entry))
    out = [rx]
    if entry == entry.lower() and entry[:1].isalpha():
        with contextlib.suppress(re.error):
            out.append(re.compile(f"(?:{entry[0].upper()}){entry[1:]}"))
    return out


def read_entries(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            lines = fh.read().splitlines()
    except FileNotFoundError:
        raise ConfigError(f"{path}: vocabulary file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read vocabulary file ({exc})") from None
    return [s for s in (line.strip() for line in lines) if s and not s.startswith("#")]


def _stamp(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return -1.0


def load(paths: Iterable[str]) -> WordList:
    """The entries of these files (cached until a file changes)."""
    paths = tuple(paths)
    if not paths:
        return EMPTY
    return _load(paths, tuple(_stamp(p) for p in paths))


@lru_cache(maxsize=32)
def _load(paths: tuple[str, ...], stamps: tuple[float, ...]) -> WordList:
    return from_entries(entry for path in paths for entry in read_entries(path))


def from_entries(entries: Iterable[str]) -> WordList:
    plain: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for entry in entries:
        entry = entry.strip()
        if not entry or entry.startswith("#"):
            continue
        if _PLAIN.fullmatch(entry):
            plain.add(entry)
        else:
            patterns.extend(_compile(entry))
    return WordList(frozenset(plain), tuple(patterns))


def merge(a: WordList, b: WordList) -> WordList:
    if not b:
        return a
    if not a:
        return b
    return WordList(a.plain | b.plain, a.patterns + b.patterns)


def front_matter_entries(front_matter: dict[str, Any], key: str) -> list[str]:
    """An article's own entries: front matter `lintnews: {vocabulary: {accept: [...]}}`."""
    table = front_matter.get("lintnews")
    vocab = table.get("vocabulary") if isinstance(table, dict) else None
    values = vocab.get(key) if isinstance(vocab, dict) else None
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        return []
    return [str(v) for v in values if isinstance(v, str | int)]
