"""Data rule packs: strict YAML loading and the generic check types they instantiate.

Check types: existence, substitution, repetition, consistency (see docs/rule-packs.md).
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import itertools
import operator
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from lintnews import reach, rxcache
from lintnews.diagnostic import Diagnostic, Edit, Fix
from lintnews.document import FAST_WORD_RE, PROSE_KINDS, WORD_RE, Document
from lintnews.errors import PackError
from lintnews.phrase import (
    CompiledPhrase,
    PhraseError,
    compile_phrase,
    match_case,
    render_suggestion,
)
from lintnews.prefilter import met, requirement, state_text
from lintnews.registry import CODE_RE, LANGUAGE_NAMES, NAME_RE, Context, Rule
from lintnews.source import LineIndex
from lintnews.usercache import cache_dir, write_pickle

if TYPE_CHECKING:
    import yaml

PACK_KEYS = {"pack", "family", "source_lang", "description", "defaults", "rules"}
RULE_KEYS = {
    "code",
    "name",
    "type",
    "phrase",
    "pattern",
    "suggest",
    "message",
    "source",
    "source_lang",
    "severity",
    "fix",
    "confidence",
    "case",
    "unless",
    "scope",
    "span",
    "doc",
    "url",
    "bad",
    "good",
    "tokens",
    "max_gap",
    "variants",
    "enabled",
}
TYPES = {"existence", "substitution", "repetition", "consistency"}
SCOPES = set(PROSE_KINDS) | {"line"}


def builtin_rules_dir() -> Path:
    """The packs shipped with lintnews (inside the wheel, or rules/ in a checkout)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"


# ---------------------------------------------------------------------------------------------
# YAML with line numbers


@functools.lru_cache(maxsize=1)
def _yaml() -> tuple[Any, Any, Any]:
    """PyYAML, its loader and a scalar constructor: imported only when a pack is read from
    its file, not from the pack cache (the import takes 15 ms of every run's start)."""
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader("")


class _Node:
    """A YAML mapping with the line of each key, for error messages."""

    __slots__ = ("data", "key_lines", "line")

    def __init__(self, data: dict[str, Any], line: int, key_lines: dict[str, int]) -> None:
        self.data = data
        self.line = line
        self.key_lines = key_lines


def _construct(node: yaml.Node) -> Any:
    yaml, _loader, scalars = _yaml()
    if isinstance(node, yaml.MappingNode):
        data: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        for k, v in node.value:
            key = _construct(k)
            if not isinstance(key, str):
                raise PackError(f"{node.start_mark.line + 1}: keys must be strings")
            if key in data:
                raise PackError(f"{k.start_mark.line + 1}: duplicate key {key!r}")
            data[key] = _construct(v)
            key_lines[key] = k.start_mark.line + 1
        return _Node(data, node.start_mark.line + 1, key_lines)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(v) for v in node.value]
    return scalars.construct_object(node)  # scalar


def _plain(value: Any) -> Any:
    if isinstance(value, _Node):
        return {k: _plain(v) for k, v in value.data.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _load_yaml(path: Path, display: str) -> _Node:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{display}:1: cannot read pack ({exc})") from None
    yaml, loader, _scalars = _yaml()
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(f"{display}:{line}: invalid YAML: {problem}") from None
    if node is None:
        raise PackError(f"{display}:1: empty pack")
    try:
        root = _construct(node)
    except PackError as exc:
        raise PackError(f"{display}:{exc}") from None
    if not isinstance(root, _Node):
        raise PackError(f"{display}:1: a pack must be a mapping with a 'rules' list")
    return root


# ---------------------------------------------------------------------------------------------
# rules


@dataclass
class _Matcher:
    source: str  # regex source, compiled on first use
    flags: int
    anchors: frozenset[str] | None
    inflected: str | None
    _rx: Any = None
    _req: Any = False  # False: not worked out yet

    @property
    def rx(self) -> Any:
        if self._rx is None:
            self._rx = rxcache.compile(self.source, self.flags)
        return self._rx

    @property
    def req(self) -> tuple[frozenset[str], ...] | None:
        """Clauses of case-folded strings, each with a string in any text the regex matches
        (None: none known); see :mod:`lintnews.prefilter`."""
        if self._req is False:
            self._req = None if self.flags & regex.VERBOSE else requirement(self.source)
        return self._req


class PatternRule(Rule):
    """existence / substitution rules built from a pack."""

    def __init__(self, spec: dict[str, Any], origin: str, line: int) -> None:
        self.code = spec["code"]
        self.name = spec["name"]
        self.kind = spec["type"]
        self.severity = spec.get("severity", "warning")
        self.source = spec.get("source")
        langs = spec.get("source_lang")
        if isinstance(langs, str):
            langs = [langs]
        self.source_langs = tuple(langs) if langs else None
        self.confidence = spec.get("confidence", "high")
        self.case = bool(spec.get("case", False))
        self.suggest = [str(s) for s in spec.get("suggest", [])]
        self.template = spec.get("message")
        self.scope = frozenset(spec.get("scope") or PROSE_KINDS)
        self.span_mode = spec.get("span", "match")
        self.doc = spec.get("doc", "")
        self.url = spec.get("url")
        self.bad = tuple(spec.get("bad", ()))
        self.good = tuple(spec.get("good", ()))
        self.origin = origin
        self.origin_line = line
        self.default_enabled = bool(spec.get("enabled", True))
        self.fix_in_quotes = not self.code.startswith("MT")
        flags = regex.V0 | (0 if self.case else regex.IGNORECASE)
        self.matchers: list[_Matcher] = []
        for ph in _as_list(spec.get("phrase")):
            cp = _phrase(str(ph))
            self.matchers.append(_Matcher(cp.pattern, flags, cp.anchors, cp.inflected))
        for pat in _as_list(spec.get("pattern")):
            self.matchers.append(_Matcher(str(pat), flags, None, None))
        self._unless_src = [str(u) for u in _as_list(spec.get("unless"))]
        self._flags = flags
        fix = spec.get("fix")
        if fix is None:
            fix = "unsafe" if len(self.suggest) == 1 else "display"
        self.applicability = fix
        self.fixable = bool(self.suggest) or self.span_mode == "line"
        self.summary = self._summary()

    def _summary(self) -> str:
        lang = ", ".join(LANGUAGE_NAMES.get(x, x) for x in self.source_langs or ())
        if self.source and self.suggest:
            src = f'{lang or "foreign"} "{self.source}"'
            return f'Literal translation of {src}; use "{self.suggest[0]}".'
        if self.doc:
            return self.doc.strip().split("\n\n")[0].replace("\n", " ")
        if self.suggest and "\\" not in self.suggest[0]:
            return f'Use "{self.suggest[0]}".'
        return self.name.replace("-", " ").capitalize() + "."

    def _message(self, matched: str, suggestions: list[str]) -> str:
        lang = LANGUAGE_NAMES.get(self.source_langs[0], "") if self.source_langs else ""
        sug = " or ".join(f'"{s}"' for s in suggestions[:3]) if suggestions else ""
        if self.template:
            return (
                self.template.replace("{match}", matched)
                .replace("{suggest}", suggestions[0] if suggestions else "")
                .replace("{source}", self.source or "")
                .replace("{lang}", lang)
            )
        if self.source:
            src = f'{lang} "{self.source}"' if lang else f'"{self.source}"'
            if sug:
                return f'literal translation of {src} ("{matched}"); use {sug}'
            return f'literal translation of {src} ("{matched}")'
        if sug and suggestions != [""]:
            return f'"{matched}": use {sug}'
        return f'"{matched}": {self.name.replace("-", " ")}'

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        text = state_text(doc.view, ctx.state)
        active = [mt for mt in self.matchers if met(mt.req, text)]
        return self.check_matchers(doc, ctx, active) if active else ()

    def check_matchers(
        self, doc: Document, ctx: Context, matchers: Iterable[_Matcher]
    ) -> Iterator[Diagnostic]:
        """Run some of the rule's matchers (those the prefilter let through)."""
        for mt in matchers:
            if mt.anchors is not None and not has_anchor(doc, ctx.state, mt.anchors):
                continue
            for m in _finditer(mt, doc, ctx):
                s, e = m.span()
                if s == e:
                    continue
                block = doc.block_at(s)
                if block is None or not (block.kind in self.scope or "line" in self.scope):
                    continue
                if doc.is_masked(s, e):
                    continue
                if self._unless_src and self._excepted(doc, s, e):
                    continue
                yield self._make(doc, m, mt, s, e)

    @cached_property
    def unless(self) -> list[Any]:
        return [rxcache.compile(u, self._flags) for u in self._unless_src]

    def _excepted(self, doc: Document, s: int, e: int) -> bool:
        sent = doc.sentence_at(s)
        lo, hi = (sent.start, sent.end) if sent else (max(0, s - 200), min(len(doc.view), e + 200))
        lo, hi = min(lo, s), max(hi, e)
        for u in self.unless:
            for um in u.finditer(doc.view, lo, hi):
                if um.start() < e and s < um.end():
                    return True
        return False

    def _make(self, doc: Document, m: Any, mt: _Matcher, s: int, e: int) -> Diagnostic:
        matched = doc.view[s:e]
        suggestions = []
        for tmpl in self.suggest:
            text = tmpl
            if mt.inflected is None and "\\" in tmpl:
                text = m.expand(tmpl)
            infl_word = m.group("infl") if mt.inflected and "infl" in m.re.groupindex else None
            text = render_suggestion(text, mt.inflected, infl_word)
            suggestions.append(match_case(text, matched))
        fix = None
        if self.span_mode == "line":
            ls, le = _line_span(doc.view, s, e)
            s, e = ls, le
            matched = doc.view[s:e].strip()
            fix = Fix(
                self.applicability, "Delete the line", (Edit(ls, _eol_end(doc.view, le), ""),)
            )
        elif suggestions:
            first = suggestions[0]
            if first == "":
                a, b = _deletion_span(doc.view, s, e)
                fix = Fix(self.applicability, f'Delete "{matched}"', (Edit(a, b, ""),))
            else:
                fix = Fix(self.applicability, f'Replace with "{first}"', (Edit(s, e, first),))
        return self.diagnostic(s, e, self._message(_one_line(matched), suggestions), fix)


_SPACES = regex.compile(r"\s+")
_WORD_PARTS = regex.compile(r"[-']")


def _finditer(mt: _Matcher, doc: Document, ctx: Context) -> Iterator[Any]:
    """The matches of a matcher in the document's view, as a whole-view ``finditer`` gives
    them, found with less work where the prefilter's index allows (:mod:`lintnews.reach`):
    a pattern anchored at line starts is tried at line starts only; a pattern with a bounded
    reach runs only in windows around the literals it needs."""
    view = doc.view
    info = ctx.state.get("pattern_hits", {}).get(id(mt))
    if info is None:
        return mt.rx.finditer(view)
    lits, (bound, anchor) = info
    if anchor is not None:
        if anchor == "text":
            return reach.finditer_at(mt.rx, view, [0])
        starts = ctx.state.get("line_starts")
        if starts is None:
            starts = ctx.state["line_starts"] = LineIndex(view).starts
        return reach.finditer_at(mt.rx, view, starts)
    if lits is None or bound is None or len(view) < _WINDOW_MIN:
        return mt.rx.finditer(view)
    layout = ctx.state.get("reach_layout")
    if layout is None:
        layout = ctx.state["reach_layout"] = reach.Layout(view)
    if not layout.ok:
        return mt.rx.finditer(view)
    width = layout.width(bound)
    occ = ctx.state["prefilter_occurrences"]
    wins = reach.windows(layout, occ, lits, width)
    if wins is None and mt.req and len(mt.req) > 1:
        # every match holds a literal of each clause: try the clauses after the first
        for clause in mt.req[1:]:
            wins = reach.windows(layout, occ, occ.present(clause), width)
            if wins is not None:
                break
    if wins is None:
        return mt.rx.finditer(view)
    return reach.finditer(mt.rx, view, wins, width)


_WINDOW_MIN = 600  # shorter views are searched whole


def _one_line(s: str) -> str:
    return _SPACES.sub(" ", s)


def _line_span(view: str, s: int, e: int) -> tuple[int, int]:
    ls = view.rfind("\n", 0, s) + 1
    le = view.find("\n", e)
    if le < 0:
        le = len(view)
    if le > ls and view[le - 1] == "\r":
        le -= 1
    return ls, le


def _eol_end(view: str, le: int) -> int:
    if view.startswith("\r\n", le):
        return le + 2
    if view.startswith("\n", le):
        return le + 1
    return le


def _deletion_span(view: str, s: int, e: int) -> tuple[int, int]:
    """Delete a phrase with one neighbouring space so no double space is left."""
    if s > 0 and view[s - 1] == " ":
        return s - 1, e
    if e < len(view) and view[e] == " ":
        return s, e + 1
    return s, e


def doc_wordset(doc: Document) -> frozenset[str]:
    """The words of the whole view (WORD_RE's matches, lower case, ’ as '), with the parts
    of hyphenated and apostrophe words: what a matcher's anchor words are looked up in."""
    # each distinct word once; the standard library's stand-in where it has WORD_RE's matches
    findall = FAST_WORD_RE.findall if doc.in_fast_ranges else WORD_RE.findall
    split = _WORD_PARTS.split
    out = set()
    for w in set(findall(doc.view)):
        w = w.lower()
        if "’" in w:
            w = w.replace("’", "'")
        out.add(w)
        if "-" in w or "'" in w:
            out.update(p for p in split(w) if p)
    return frozenset(out)


_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")  # what WORD_RE's runs are made of
_ANCHOR_RX: dict[str, re.Pattern[str]] = {}


def has_anchor(doc: Document, state: dict[str, Any], anchors: frozenset[str]) -> bool:
    """``anchors & doc_wordset(doc)``, without the word set where a look for the anchors
    settles it: an anchor of ASCII letters and digits is one of the words when the view
    holds it (lower-cased) with no letter or digit either side. Such a stretch is a whole
    run of WORD_RE's letters and digits, so it is a word, or a part of one at its hyphens
    and apostrophes, and lower-casing it alone gives what lower-casing the word gives
    there. Where no such stretch is found, the word set is worked out (once a document)."""
    words = state.get("wordset")
    if words is None:
        view = doc.view
        found = state.setdefault("anchors_found", {})
        for a in anchors:
            got = found.get(a)
            if got is None:
                got = found[a] = _holds_word(view, a)
            if got:
                return True
        words = state["wordset"] = doc_wordset(doc)
    return not anchors.isdisjoint(words)


def _holds_word(view: str, word: str) -> bool:
    """Whether ``view`` holds ``word`` (ASCII letters and digits, lower case) as a stretch
    whose lower case is ``word``, with no letter or digit either side (False: not found,
    or not such a word)."""
    if not (word.isascii() and word.isalnum()):
        return False
    rx = _ANCHOR_RX.get(word)
    if rx is None:
        rx = _ANCHOR_RX[word] = re.compile(re.escape(word), re.IGNORECASE)
    n = len(view)
    ln = _LETTER_OR_DIGIT.match
    for m in rx.finditer(view):
        s, e = m.span()
        if view[s:e].lower() != word:
            continue
        if (s == 0 or ln(view, s - 1) is None) and (e == n or ln(view, e) is None):
            return True
    return False


_FUNC = frozenset(
    {"the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with"}
    | {"from", "is", "was", "are", "were", "be", "it", "this", "that"}
)


_LETTERS_DIGITS = r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?"
_OTHER_NUMBER = regex.compile(r"\p{No}")


# -- doubled words: a pre-check that proves a block holds none ----------------------------------
#
# With the default tokens, a doubled word ``W<spaces>W'`` (W' equal to W ignoring case) is a
# whole run of the characters the pattern's look-arounds refuse ([\w'’-]) followed, after
# white space only, by a whole run equal to it. So map every character to a key that equal
# characters share (its case fold) and every other character to a separator, split the text
# into runs, and look for two equal runs side by side: a prose block none of whose pairs starts
# in it cannot match (the pattern then runs only on the blocks that may). The key comes from
# the regex module's own case tables (``get_all_cases`` is what its case-insensitive
# backreference compares with), checked character by character as each is first met; a
# character that would break the argument (an "other number", for which the pattern's ``\b``
# hint is off too; a letter outside [\w'’-]; a case partner that is not a word character or
# has another key) sends the whole text down the plain path.
try:
    from regex import _regex as _regex_c

    _FOLD = _regex_c.fold_case
    _ALL_CASES = _regex_c.get_all_cases
except (ImportError, AttributeError):  # pragma: no cover - another build of regex
    _FOLD = _ALL_CASES = None

_CASE_FLAGS = regex.I | regex.U
_ASCII_SEP = "".join(c for c in map(chr, range(128)) if not (c.isalnum() or c in "_'-"))
_ASCII_KEYS = bytes.maketrans(
    (_ASCII_SEP + "ABCDEFGHIJKLMNOPQRSTUVWXYZ").encode(),
    (" " * len(_ASCII_SEP) + "abcdefghijklmnopqrstuvwxyz").encode(),
)
_TURKIC = {"ı": "i", "İ": "i"}  # I~ı and i~İ but not ı~İ: one key for all four
_WORDCHAR = regex.compile(r"[\w'’-]")
_SPACE = regex.compile(r"\s")
_LETTER_OR_NUMBER = regex.compile(r"[\p{L}\p{N}]")
_WORD, _CASED, _SEPARATOR, _UNSAFE = range(4)
_COMMON_SEPARATORS = "—“”‘\xa0–…«»"
_BLANKS = re.compile(" *")


def _pair_key(text: str) -> str:
    """``text`` with each character replaced by its key (separators left as they are)."""
    for a, b in _TURKIC.items():
        text = text.replace(a, b)
    return text


class _DoubledScan:
    """Per process: what each non-ASCII character met so far is, and the patterns built on it."""

    def __init__(self) -> None:
        self.kind: dict[str, int] = {}
        self.words: list[str] = []  # the caseless word characters met so far
        self.unknown = re.compile(r"[^\x00-\x7f]")
        self.common: str | None = None
        self.ascii_partners: set[str] = set()
        self.ok: bool | None = None  # decided on first use
        self.locators: dict[str, re.Pattern[str]] = {}

    @staticmethod
    def _key(c: str) -> str:
        k = _pair_key(_FOLD(_CASE_FLAGS, c))  # type: ignore[misc]
        return k.lower() if k.isascii() else k

    def _partners(self, c: str) -> list[str]:
        return [chr(d) for d in _ALL_CASES(_CASE_FLAGS, ord(c))]  # type: ignore[misc]

    def _ascii_ok(self) -> bool:
        """ASCII goes through a fixed table: check that it agrees with the regex module, and
        note the non-ASCII case partners of ASCII letters (ſ, K, ı, İ), which need the fold."""
        for c in map(chr, range(128)):
            word = _WORDCHAR.match(c) is not None
            if word == (c in _ASCII_SEP) or _OTHER_NUMBER.match(c) or (word and _SPACE.match(c)):
                return False
            key = self._key(c)
            if key != c.lower():
                return False
            for d in self._partners(c):
                if self._key(d) != key:
                    return False
                if not d.isascii():
                    self.ascii_partners.add(d)
        return True

    def _classify(self, c: str) -> int:
        if "\ud800" <= c <= "\udfff" or _OTHER_NUMBER.match(c):
            return _UNSAFE
        if _WORDCHAR.match(c) is None:
            return _UNSAFE if _LETTER_OR_NUMBER.match(c) else _SEPARATOR
        if _SPACE.match(c):
            return _UNSAFE
        key = self._key(c)
        partners = self._partners(c)
        if len(key) != 1 or key in _ASCII_SEP:
            return _UNSAFE
        if partners == [c] and key == c and c not in self.ascii_partners:
            return _WORD
        for d in partners:
            if _WORDCHAR.match(d) is None or _OTHER_NUMBER.match(d) or self._key(d) != key:
                return _UNSAFE
        return _CASED

    def _learn(self, chars: set[str]) -> None:
        for c in chars:
            kind = self.kind[c] = self._classify(c)
            if kind == _WORD:
                self.words.append(c)
        known = "".join(re.escape(c) for c in self.words)
        self.unknown = re.compile(rf"[^\x00-\x7f{known}]")

    def keys(self, view: str) -> str | None:
        """``view`` with non-ASCII separators made spaces and, where needed, case folded
        (ASCII letters still in either case); None where the pre-check cannot be trusted."""
        if self.common is None:
            self._learn(set(_COMMON_SEPARATORS) - self.kind.keys())
            self.common = "".join(c for c in _COMMON_SEPARATORS if self.kind[c] == _SEPARATOR)
        s = view
        for c in self.common:
            s = s.replace(c, " ")
        found = self.unknown.findall(s)  # all but ASCII and caseless word characters
        fold = False
        if found:
            chars = set(found)
            new = chars - self.kind.keys()
            if new:
                self._learn(new)
            for c in chars:
                kind = self.kind[c]
                if kind == _UNSAFE:
                    return None
                if kind == _SEPARATOR:
                    s = s.replace(c, " ")
                elif kind == _CASED:
                    fold = True
        if fold:
            s = _pair_key(_FOLD(_CASE_FLAGS, s))  # type: ignore[misc]
            if len(s) != len(view):
                return None
        return s

    @staticmethod
    def locate(key: str, padded: str) -> list[int]:
        """Where a run equal to ``key`` is followed, after separators, by another, in
        ``padded``: the keyed text with every separator a space, and one more at each end
        (so an offset in it is one past the same offset in the text)."""
        out = []
        needle = f" {key} "
        n = len(key)
        i = padded.find(needle)
        while i >= 0:
            j = _BLANKS.match(padded, i + n + 1).end()  # type: ignore[union-attr]
            if padded.startswith(key, j) and padded[j + n] == " ":
                out.append(i)
            i = padded.find(needle, i + 1)
        return out

    def blocks(self, doc: Document) -> list[int] | None:
        """The prose blocks of ``doc`` that may hold a doubled word, or None (cannot tell)."""
        if self.ok is None:
            self.ok = _FOLD is not None and self._ascii_ok()
        if not self.ok:
            return None
        view = doc.view
        s = self.keys(view)
        if s is None:
            return None
        keyed = s.encode("utf-8").translate(_ASCII_KEYS)
        runs = keyed.split()
        starts: list[int] = []
        if any(map(operator.eq, runs, itertools.islice(runs, 1, None))):
            same = list(map(operator.eq, runs, itertools.islice(runs, 1, None)))
            padded = f" {keyed.decode('utf-8')} "
            pairs = set(itertools.compress(runs, same))
            starts = sorted(p for k in pairs for p in self.locate(k.decode("utf-8"), padded))
        out = []
        n = len(view)
        for bi in doc.prose_blocks:
            b = doc.blocks[bi]
            i = bisect.bisect_left(starts, b.start)
            if i < len(starts) and starts[i] < b.end:
                out.append(bi)
            elif 0 < b.end < n and s[b.end] not in _ASCII_SEP and s[b.end - 1] not in _ASCII_SEP:
                out.append(bi)  # a run goes on past the block's end, where the pattern stops
        return out


_DOUBLED = _DoubledScan()


class RepetitionRule(Rule):
    """A unit (by default a word) repeated right after itself: "the the"."""

    def __init__(self, spec: dict[str, Any], origin: str, line: int) -> None:
        self.code = spec["code"]
        self.name = spec["name"]
        self.severity = spec.get("severity", "warning")
        self.doc = spec.get("doc", "")
        self.url = spec.get("url")
        self.bad = tuple(spec.get("bad", ()))
        self.good = tuple(spec.get("good", ()))
        self.origin, self.origin_line = origin, line
        self.template = spec.get("message")
        self.default_enabled = bool(spec.get("enabled", True))
        tokens = spec.get("tokens") or _LETTERS_DIGITS
        self.unless = [regex.compile(str(u), regex.I) for u in _as_list(spec.get("unless"))]
        pattern = rf"(?<![\w'’-])({tokens})(\s+)(\1)(?![\w'’-])"
        self.rx = regex.compile(pattern, regex.I)
        # With the default tokens a match starts at a word boundary unless its first
        # character is an "other number" (½, ², not \w): in a text without one, a leading
        # \b changes no match and lets the engine skip most positions (about 30% faster).
        self._rx_hint = (
            regex.compile(r"\b" + pattern, regex.I) if tokens == _LETTERS_DIGITS else None
        )
        self.applicability = spec.get("fix", "safe")
        self.fixable = True
        self.summary = "A word repeated right after itself."

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        rx = self.rx
        blocks = None
        if self._rx_hint is not None:
            blocks = _DOUBLED.blocks(doc)
            if blocks is not None or _OTHER_NUMBER.search(view) is None:
                rx = self._rx_hint  # no "other number" when the pre-check could tell
        for bi in doc.prose_blocks if blocks is None else blocks:
            b = doc.blocks[bi]
            for m in rx.finditer(view, b.start, b.end):
                first, gap, second = m.group(1), m.group(2), m.group(3)
                if first != second and first.lower() != second.lower():
                    continue
                if "\n\n" in gap or any(u.fullmatch(first) for u in self.unless):
                    continue
                if first[:1].isupper() and second[:1].isupper() and first.lower() not in _FUNC:
                    continue  # reduplicated names: Bora Bora, Walla Walla
                s, e = m.start(2), m.end(3)
                msg = (self.template or 'doubled word "{match}"').replace("{match}", second)
                fix = Fix(self.applicability, f'Remove the second "{second}"', (Edit(s, e, ""),))
                yield self.diagnostic(m.start(1), m.end(3), msg, fix)


class ConsistencyRule(Rule):
    """Alternative spellings within one article: the minority form is flagged."""

    def __init__(self, spec: dict[str, Any], origin: str, line: int) -> None:
        self.code = spec["code"]
        self.name = spec["name"]
        self.severity = spec.get("severity", "info")
        self.doc = spec.get("doc", "")
        self.url = spec.get("url")
        self.bad = tuple(spec.get("bad", ()))
        self.good = tuple(spec.get("good", ()))
        self.origin, self.origin_line = origin, line
        self.default_enabled = bool(spec.get("enabled", True))
        self.case = bool(spec.get("case", False))
        flags = 0 if self.case else regex.I
        self.groups: list[list[tuple[str, Any]]] = []
        for group in spec["variants"]:
            compiled = []
            for alt in group:
                cp = _phrase(str(alt))
                compiled.append((str(alt), regex.compile(cp.pattern, flags)))
            self.groups.append(compiled)
        self.applicability = spec.get("fix", "unsafe")
        self.fixable = True
        self.summary = "Spell the same thing one way within an article."

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        for group in self.groups:
            hits: dict[int, list[tuple[int, int]]] = {}
            for i, (_, rx) in enumerate(group):
                spans = [m.span() for m in rx.finditer(doc.view) if not doc.is_masked(*m.span())]
                if spans:
                    hits[i] = spans
            if len(hits) < 2:
                continue
            counts = Counter({i: len(v) for i, v in hits.items()})
            top = max(counts.values())
            winner = min(i for i, c in counts.items() if c == top)
            canon = group[winner][0]
            for i, spans in hits.items():
                if i == winner:
                    continue
                for s, e in spans:
                    word = doc.view[s:e]
                    msg = f'"{word}" here, "{canon}" elsewhere in this article'
                    fix = Fix(self.applicability, f'Use "{canon}"', (Edit(s, e, canon),))
                    yield self.diagnostic(s, e, msg, fix)


# ---------------------------------------------------------------------------------------------
# loading


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def _err(display: str, line: int, msg: str) -> PackError:
    return PackError(f"{display}:{line}: {msg}")


def _check_rule_spec(spec: dict[str, Any], node: _Node, family: str, display: str) -> None:
    line = node.line
    for key in spec:
        if key not in RULE_KEYS:
            raise _err(display, node.key_lines.get(key, line), f"unknown key {key!r}")
    for key in ("code", "name", "type"):
        if key not in spec:
            raise _err(display, line, f"rule lacks {key!r}")
    code, name, typ = spec["code"], spec["name"], spec["type"]
    kl = node.key_lines
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise _err(display, kl.get("code", line), f"bad code {code!r} (e.g. MTES001)")
    if family and not code.startswith(family):
        raise _err(display, kl.get("code", line), f"code {code} is not in family {family}")
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise _err(display, kl.get("name", line), f"name {name!r} is not kebab-case")
    if typ not in TYPES:
        raise _err(display, kl.get("type", line), f"unknown type {typ!r}")
    if spec.get("severity", "warning") not in ("error", "warning", "info"):
        raise _err(display, kl.get("severity", line), "severity must be error, warning or info")
    if spec.get("fix", "safe") not in ("safe", "unsafe", "display"):
        raise _err(display, kl.get("fix", line), "fix must be safe, unsafe or display")
    if spec.get("confidence", "high") not in ("high", "low"):
        raise _err(display, kl.get("confidence", line), "confidence must be high or low")
    if spec.get("span", "match") not in ("match", "line"):
        raise _err(display, kl.get("span", line), "span must be match or line")
    for sc in _as_list(spec.get("scope")):
        if sc not in SCOPES:
            raise _err(display, kl.get("scope", line), f"unknown scope {sc!r}")
    if typ in ("existence", "substitution"):
        if not spec.get("phrase") and not spec.get("pattern"):
            raise _err(display, line, f"{code}: needs 'phrase' or 'pattern'")
        if typ == "substitution" and not _as_list(spec.get("suggest")):
            raise _err(display, line, f"{code}: a substitution needs 'suggest'")
    if typ == "consistency":
        groups = spec.get("variants")
        if not isinstance(groups, list) or not all(
            isinstance(g, list) and len(g) >= 2 for g in groups
        ):
            raise _err(display, kl.get("variants", line), "variants must be lists of 2+ forms")
    for key in ("bad", "good"):
        vals = _as_list(spec.get(key))
        if not vals or not all(isinstance(v, str) and v.strip() for v in vals):
            raise _err(display, kl.get(key, line), f"{code}: needs at least one {key!r} example")
    for key in ("pattern", "unless"):
        for pat in _as_list(spec.get(key)):
            try:
                regex.compile(str(pat))
            except regex.error as exc:
                raise _err(display, kl.get(key, line), f"bad regex {pat!r}: {exc}") from None
    for ph in _as_list(spec.get("phrase")) + [
        v for g in _as_list(spec.get("variants")) for v in _as_list(g)
    ]:
        try:
            compile_phrase(str(ph))
        except PhraseError as exc:
            raise _err(display, kl.get("phrase", line), f"bad phrase {ph!r}: {exc}") from None


PACK_CACHE_FORMAT = 2

# Compiled phrases by source: kept in the pack cache with the specs, so building the rules
# of a cached pack does not compile the phrase mini-language again.
_PHRASES: dict[str, CompiledPhrase] = {}


def _phrase(src: str) -> CompiledPhrase:
    cp = _PHRASES.get(src)
    if cp is None:
        cp = _PHRASES[src] = compile_phrase(src)
    return cp


def _spec_phrases(specs: list[tuple[dict[str, Any], int]]) -> dict[str, CompiledPhrase]:
    out: dict[str, CompiledPhrase] = {}
    for spec, _line in specs:
        srcs = _as_list(spec.get("phrase")) + [
            v for g in _as_list(spec.get("variants")) for v in _as_list(g)
        ]
        for ph in srcs:
            out[str(ph)] = _phrase(str(ph))
    return out


def _pack_cache_file(path: Path) -> Path | None:
    """Where the validated specs of a pack are cached (keyed by path, size, mtime, version)."""
    import hashlib

    from lintnews import __version__

    base = cache_dir()
    if base is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{__version__}|{PACK_CACHE_FORMAT}"
    return Path(base) / (hashlib.sha1(key.encode()).hexdigest() + ".pickle")


def _build_rule(spec: dict[str, Any], display: str, line: int) -> Rule:
    typ = spec["type"]
    if typ in ("existence", "substitution"):
        return PatternRule(spec, display, line)
    if typ == "repetition":
        return RepetitionRule(spec, display, line)
    return ConsistencyRule(spec, display, line)


def load_pack(path: Path, display: str | None = None) -> list[Rule]:
    """Load one pack strictly; raises PackError('file:LINE: message').

    Validated specs are cached on disk, so later runs skip YAML parsing and validation.
    """
    import pickle

    display = display or str(path)
    cache = _pack_cache_file(path)
    if cache is not None and cache.is_file():
        try:
            with open(cache, "rb") as fh:
                specs, phrases = pickle.load(fh)
            _PHRASES.update(phrases)
            rules = [_build_rule(spec, display, line) for spec, line in specs]
            _touch(cache)
            return rules
        except Exception:  # a stale or broken cache entry is rebuilt below
            pass
    specs = _validated_specs(path, display)
    rules = [_build_rule(spec, display, line) for spec, line in specs]
    if cache is not None and write_pickle(str(cache), (specs, _spec_phrases(specs))):
        prune_pack_cache(cache.parent)
    return rules


PACK_CACHE_MAX_AGE = 30 * 24 * 3600  # seconds a pack cache entry may go unused
_TOUCHED: set[Path] = set()


def _touch(cache: Path) -> None:
    """Mark a pack cache entry as used (once a process; its age decides pruning)."""
    if cache not in _TOUCHED:
        _TOUCHED.add(cache)
        with contextlib.suppress(OSError):
            os.utime(cache)


def prune_pack_cache(folder: Path, max_age: float = PACK_CACHE_MAX_AGE) -> int:
    """Delete pack cache entries unused for ``max_age`` seconds (an edited or deleted pack
    leaves its old entry behind: the key has the file's size and mtime). Runs when a new
    entry is written; returns how many were deleted."""
    import time

    cutoff = time.time() - max_age
    gone = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (len(name) == 47 and name.endswith(".pickle") and name[:40].isalnum()):
            continue  # only "<sha1>.pickle": pack entries, not indexes or other caches
        try:
            if entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                gone += 1
        except OSError:
            continue
    return gone


def _validated_specs(path: Path, display: str) -> list[tuple[dict[str, Any], int]]:
    root = _load_yaml(path, display)
    for key in root.data:
        if key not in PACK_KEYS:
            raise _err(display, root.key_lines[key], f"unknown key {key!r}")
    if "rules" not in root.data or not isinstance(root.data["rules"], list):
        raise _err(display, root.line, "a pack needs a 'rules' list")
    family = root.data.get("family", "")
    if family and not isinstance(family, str):
        raise _err(display, root.key_lines["family"], "family must be a string")
    defaults_node = root.data.get("defaults")
    defaults: dict[str, Any] = {}
    if defaults_node is not None:
        if not isinstance(defaults_node, _Node):
            raise _err(display, root.key_lines["defaults"], "defaults must be a mapping")
        for key in defaults_node.data:
            if key not in RULE_KEYS or key in ("code", "name", "bad", "good"):
                raise _err(display, defaults_node.key_lines[key], f"unknown default {key!r}")
        defaults = _plain(defaults_node)
    pack_lang = root.data.get("source_lang")
    specs: list[tuple[dict[str, Any], int]] = []
    for item in root.data["rules"]:
        if not isinstance(item, _Node):
            raise _err(display, root.key_lines["rules"], "each rule must be a mapping")
        spec = dict(defaults)
        if pack_lang is not None:
            spec.setdefault("source_lang", _plain(pack_lang))
        spec.update(_plain(item))
        _check_rule_spec(spec, item, family, display)
        try:
            _build_rule(spec, display, item.line)
        except (regex.error, PhraseError) as exc:
            raise _err(display, item.line, f"{spec['code']}: {exc}") from None
        specs.append((spec, item.line))
    return specs


def pack_files(directory: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(directory):
        dirs.sort()
        for n in sorted(names):
            if n.endswith((".yaml", ".yml")):
                files.append(Path(root) / n)
    return files


class PackSet:
    """All packs of a folder, loaded once."""

    def __init__(self, directory: Path, display_root: str) -> None:
        self.directory = directory
        self.display_root = display_root

    @cached_property
    def rules(self) -> list[Rule]:
        out: list[Rule] = []
        for f in pack_files(self.directory):
            rel = f.relative_to(self.directory).as_posix()
            out.extend(load_pack(f, f"{self.display_root}/{rel}"))
        return out


def iter_rules(dirs: Iterable[tuple[Path, str]]) -> Iterator[Rule]:
    for d, display in dirs:
        yield from PackSet(d, display).rules
