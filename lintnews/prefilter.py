"""A multi-pattern prefilter for pack rules: required literals and one Aho-Corasick pass.

Most pack rules are regexes that find nothing in most articles. For each regex this module
works out a *requirement*: a few clauses, each a small set of case-folded strings, such that
any text the regex matches contains, for every clause, one of its strings. A document is
case-folded and its whitespace runs made single spaces once (:func:`normalize`), every
literal of the run is searched in one pass (``pyahocorasick`` when
installed, else one substring test per literal), and only the regexes whose clauses are all
met run at all.

The extraction is conservative: any construct it does not understand gives "no
requirement" (the regex always runs), so the prefilter can only skip regexes that cannot
match. Requirements are memoised on disk next to the pack cache.
"""

from __future__ import annotations

import marshal
import os
import pickle
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lintnews.usercache import cache_dir, keep_newest, write_pickle

FORMAT = 12
BUILD_AFTER = 50  # documents of a run before a missing Hyperscan database is compiled
LIMIT = 64  # largest set of exact strings tracked for one node
MIN_LEN = 3  # shorter literals filter too little to be worth searching
MAX_ALTS = 256  # largest disjunction kept as a clause
MAX_CLAUSES = 4  # the most selective clauses kept for one pattern

Clause = frozenset[str]
Req = tuple[Clause, ...] | None  # all clauses must be met; None: no requirement


class _Bail(Exception):
    """A construct the extractor does not model: the pattern gets no requirement."""


@dataclass(frozen=True, slots=True)
class _Info:
    exact: frozenset[str] | None  # every string the node can match (case-folded), if few
    clauses: tuple[Clause, ...]  # whenever the node matches, each clause has a string in the text


_EMPTY = _Info(frozenset({""}), ())
_ANY = _Info(None, ())
# Whitespace: in the searched text every run of whitespace is one space, and the text starts
# and ends with one, so ``\s``, ``\s+``, a literal space, ``^`` and ``$`` all read " ".
_WS = _Info(frozenset({" "}), ())
_OPT_WS = _Info(frozenset({"", " "}), ())
_FLAGS_RE = re.compile(r"[aimsuLVw0-9]*(?:-[aimsuLVw0-9]+)?[:)]")
_CLASS_ESCAPES = set("dDwWsSX")
_ZERO_ESCAPES = set("bBAZzGK")  # \K only moves the start of the reported match
_LITERAL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


def _fold(s: str) -> str:
    return s.casefold()


# every character but " " for which str.isspace() holds (none lies beyond U+3000; a test
# checks the whole of Unicode), those in ASCII apart
_OTHER_SPACES = [c for c in map(chr, range(0x3001)) if c.isspace() and c != " "]
_ASCII_SPACES = [c for c in _OTHER_SPACES if c.isascii()]
_WIDE_SPACES = [c for c in _OTHER_SPACES if not c.isascii()]


def normalize(view: str) -> str:
    """The text requirements are tested against: case-folded, each whitespace run one space
    (``str.isspace`` covers every character ``\\s`` matches), one space at each end.

    That is ``" " + " ".join(view.casefold().split()) + " "``, worked out without making a
    string of every word: each kind of white space present made a space, then runs of
    spaces halved until none is left (about 30% faster on an article)."""
    s = view.casefold()
    for ch in _ASCII_SPACES:
        if ch in s:
            s = s.replace(ch, " ")
    if not s.isascii():
        for ch in _WIDE_SPACES:
            if ch in s:
                s = s.replace(ch, " ")
    while "  " in s:
        s = s.replace("  ", " ")
    return " " + s.strip(" ") + " "


def state_text(view: str, state: dict[str, Any]) -> str:
    """:func:`normalize` of a document's view, computed once per document (``ctx.state``)."""
    text = state.get("prefilter_text")
    if text is None:
        text = state["prefilter_text"] = normalize(view)
    return text


def _join(a: str, b: str) -> str:
    if a.endswith(" ") and b.startswith(" "):
        return a + b[1:]
    return a + b


def _usable(s: frozenset[str] | None) -> bool:
    return bool(s) and all(len(x) >= MIN_LEN or not x.strip().isascii() for x in s)  # type: ignore[union-attr]


def _score(s: frozenset[str]) -> tuple[int, int]:
    return (min(len(x) for x in s), -len(s))


def _all_clauses(info: _Info) -> list[Clause]:
    out = list(info.clauses)
    if info.exact is not None and _usable(info.exact) and len(info.exact) <= MAX_ALTS:
        out.append(info.exact)
    return out


def _top(clauses: Iterable[Clause]) -> tuple[Clause, ...]:
    """The most selective usable clauses, best first, a clause implied by another dropped."""
    good = sorted(
        {c for c in clauses if _usable(c) and len(c) <= MAX_ALTS}, key=_score, reverse=True
    )
    out: list[Clause] = []
    for c in good:
        if not any(c >= o for o in out):  # a superset of a kept clause adds nothing
            out.append(c)
        if len(out) == MAX_CLAUSES:
            break
    return tuple(out)


def _best_clause(info: _Info) -> Clause | None:
    t = _top(_all_clauses(info))
    return t[0] if t else None


class _Parser:
    def __init__(self, src: str) -> None:
        self.s = src
        self.i = 0

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.s[j] if j < len(self.s) else ""

    def parse(self) -> _Info:
        info = self.alternation()
        if self.i != len(self.s):
            raise _Bail("unbalanced")
        return info

    def alternation(self) -> _Info:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        exact: frozenset[str] | None = None
        if all(b.exact is not None for b in branches):
            u = frozenset().union(*(b.exact for b in branches))  # type: ignore[misc]
            exact = u if len(u) <= LIMIT else None
        best = [_best_clause(b) for b in branches]
        clauses: tuple[Clause, ...] = ()
        if all(c is not None for c in best):
            u = frozenset().union(*best)  # type: ignore[arg-type]
            clauses = _top([u])
        return _Info(exact, clauses)

    def sequence(self) -> _Info:
        items: list[_Info] = []
        while self.i < len(self.s) and self.peek() not in "|)":
            atom = self.atom()
            items.append(self.quantified(atom))
        return _concat(items)

    def quantified(self, atom: _Info) -> _Info:
        c = self.peek()
        lo: int
        hi: int | None
        if c == "?":
            lo, hi = 0, 1
            self.i += 1
        elif c == "*":
            lo, hi = 0, None
            self.i += 1
        elif c == "+":
            lo, hi = 1, None
            self.i += 1
        elif c == "{":
            q = self._braces()
            if q is None:
                return atom  # a literal "{": handled as the next atom
            lo, hi = q
        else:
            return atom
        if self.peek() in ("?", "+"):
            self.i += 1  # lazy or possessive: same strings
        if self.peek() in ("?", "*", "+", "{"):
            raise _Bail("stacked quantifiers")
        return _repeat(atom, lo, hi)

    def _braces(self) -> tuple[int, int | None] | None:
        j = self.s.find("}", self.i)
        if j < 0:
            raise _Bail("lone brace")
        body = self.s[self.i + 1 : j]
        parts = body.split(",")
        if len(parts) > 2 or not all(p.strip() == p and (p == "" or p.isdigit()) for p in parts):
            raise _Bail("brace that is not a counted repeat")  # fuzzy matching, literal brace
        if parts == [""] or parts == ["", ""]:
            raise _Bail("empty braces")
        self.i = j + 1
        lo = int(parts[0]) if parts[0] else 0
        if len(parts) == 1:
            return lo, lo
        return lo, (int(parts[1]) if parts[1] else None)

    def atom(self) -> _Info:
        c = self.peek()
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape()
        self.i += 1
        if c == ".":
            return _ANY
        if c in "^$":
            return _WS  # start or end of the text or of a line
        if c in "*+?{":
            if c == "{":
                return _lit(c)
            raise _Bail("nothing to repeat")
        return _lit(c)

    def group(self) -> _Info:
        s = self.s
        self.i += 1
        kind = "capture"
        if self.peek() == "?":
            rest = s[self.i + 1 :]
            if rest.startswith(":"):
                kind, skip = "group", 2
            elif rest.startswith("P<") or (rest.startswith("<") and rest[1:2] not in "=!"):
                j = s.find(">", self.i)
                if j < 0:
                    raise _Bail("bad group name")
                kind, skip = "group", j + 1 - self.i
            elif rest.startswith(">"):
                kind, skip = "group", 2
            elif rest.startswith("="):
                kind, skip = "look", 2
            elif rest.startswith("<="):
                kind, skip = "look", 3
            elif rest.startswith("!") or rest.startswith("<!"):
                kind, skip = "neg", 2 if rest.startswith("!") else 3
            elif rest.startswith("#"):
                j = s.find(")", self.i)
                if j < 0:
                    raise _Bail("bad comment")
                self.i = j + 1
                return _EMPTY
            else:
                fm = _FLAGS_RE.match(rest)
                if fm is None or "x" in fm.group(0):
                    raise _Bail("unsupported group")
                if fm.group(0).endswith(")"):
                    self.i += 1 + fm.end()  # global inline flags: (?i)
                    return _EMPTY
                kind, skip = "group", 1 + fm.end()
            self.i += skip
        inner = self.alternation()
        if self.peek() != ")":
            raise _Bail("unclosed group")
        self.i += 1
        if kind == "neg":
            return _EMPTY
        if kind == "look":
            return _Info(None, _top(_all_clauses(inner)))
        return inner

    def escape(self) -> _Info:
        s = self.s
        c = s[self.i + 1 : self.i + 2]
        if not c:
            raise _Bail("trailing backslash")
        self.i += 2
        if c in _ZERO_ESCAPES:
            return _EMPTY
        if c == "s":
            return _WS
        if c in _CLASS_ESCAPES:
            return _ANY
        if c in "pP":
            if self.peek() == "{":
                j = s.find("}", self.i)
                if j < 0:
                    raise _Bail("bad property")
                self.i = j + 1
            else:
                self.i += 1
            return _ANY
        if c in _LITERAL_ESCAPES:
            return _lit(_LITERAL_ESCAPES[c])
        if c == "x":
            return _lit(chr(int(self._hex(2), 16)))
        if c == "u":
            return _lit(chr(int(self._hex(4), 16)))
        if c == "U":
            return _lit(chr(int(self._hex(8), 16)))
        if c.isalnum() or c == "_":
            raise _Bail(f"escape \\{c}")  # back references, \K, \L<...>, \N{...}, ...
        return _lit(c)

    def _hex(self, n: int) -> str:
        h = self.s[self.i : self.i + n]
        if len(h) != n or any(ch not in "0123456789abcdefABCDEF" for ch in h):
            raise _Bail("bad hex escape")
        self.i += n
        return h

    def char_class(self) -> _Info:
        s = self.s
        self.i += 1
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        chars: set[str] = set()
        big = False
        first = True
        while True:
            c = self.peek()
            if not c:
                raise _Bail("unclosed class")
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            if c == "[":
                raise _Bail("nested class")  # POSIX classes, set operations
            if c == "\\":
                e = s[self.i + 1 : self.i + 2]
                if e in _CLASS_ESCAPES or e in "pP":
                    big = True
                    self.i += 2
                    if e in "pP" and self.peek() == "{":
                        j = s.find("}", self.i)
                        if j < 0:
                            raise _Bail("bad property")
                        self.i = j + 1
                    elif e in "pP":
                        self.i += 1
                    continue
                if e in _LITERAL_ESCAPES:
                    ch = _LITERAL_ESCAPES[e]
                    self.i += 2
                elif e in ("x", "u", "U"):
                    self.i += 2
                    ch = chr(int(self._hex({"x": 2, "u": 4, "U": 8}[e]), 16))
                elif e.isalnum() or not e:
                    raise _Bail("class escape")
                else:
                    ch = e
                    self.i += 2
            else:
                ch = c
                self.i += 1
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.i += 1
                hi = self.peek()
                if hi in ("\\", "["):
                    raise _Bail("class range escape")
                self.i += 1
                if ord(hi) < ord(ch):
                    raise _Bail("bad range")
                if ord(hi) - ord(ch) > 16:
                    big = True
                else:
                    chars.update(chr(k) for k in range(ord(ch), ord(hi) + 1))
            else:
                chars.add(ch)
        if negated or big:
            return _ANY
        if chars and all(ch.isspace() for ch in chars):
            return _WS
        folded = frozenset(_fold(ch) for ch in chars)
        if len(folded) > 8:
            return _ANY
        return _Info(folded, ())


def _lit(c: str) -> _Info:
    if c.isspace():
        return _WS
    return _Info(frozenset({_fold(c)}), ())


def _concat(items: Sequence[_Info]) -> _Info:
    cur: frozenset[str] = frozenset({""})
    cands: list[Clause] = []
    all_exact = True
    for it in items:
        cands.extend(it.clauses)
        if it.exact is not None and len(cur) * len(it.exact) <= LIMIT:
            cur = frozenset(_join(a, b) for a in cur for b in it.exact)
            continue
        all_exact = False
        cands.append(cur)
        cur = it.exact if it.exact is not None else frozenset({""})
    cands.append(cur)
    return _Info(cur if all_exact else None, _top(cands))


def _repeat(atom: _Info, lo: int, hi: int | None) -> _Info:
    if atom.exact == _WS.exact and hi != 0:
        return _WS if lo else _OPT_WS  # any run of whitespace is one space
    if lo == 0:
        if hi == 1 and atom.exact is not None and len(atom.exact) < LIMIT:
            return _Info(atom.exact | {""}, ())
        if hi == 0:
            return _EMPTY
        return _ANY
    exact = None
    if hi == lo and atom.exact is not None and len(atom.exact) ** lo <= LIMIT:
        exact = frozenset({""})
        for _ in range(lo):
            exact = frozenset(_join(a, b) for a in exact for b in atom.exact)
    return _Info(exact, _top(_all_clauses(atom)))


def extract(pattern: str) -> Req:
    """The requirement of a regex: clauses of case-folded strings such that any text it
    matches contains (case-folded) a string of every clause; None when the extractor can
    prove none."""
    try:
        info = _Parser(pattern).parse()
    except (_Bail, ValueError, IndexError):
        return None
    return _top(_all_clauses(info)) or None


# ---------------------------------------------------------------------------------------------
# a memo on disk


_MEMO: dict[str, Req] | None = None
_MEMO_DIRTY = False


def _memo_path() -> str | None:
    base = cache_dir()
    return None if base is None else os.path.join(base, f"prefilter-{FORMAT}.pickle")


def _memo() -> dict[str, Req]:
    global _MEMO
    if _MEMO is None:
        _MEMO = {}
        path = _memo_path()
        if path and os.path.isfile(path):
            try:
                with open(path, "rb") as fh:
                    data = pickle.load(fh)
                if isinstance(data, dict):
                    _MEMO = data
            except Exception:  # a broken memo is rebuilt
                _MEMO = {}
    return _MEMO


def requirement(pattern: str) -> Req:
    """:func:`extract`, memoised in memory and (see :func:`save_memo`) on disk."""
    global _MEMO_DIRTY
    memo = _memo()
    try:
        return memo[pattern]
    except KeyError:
        pass
    req = extract(pattern)
    memo[pattern] = req
    _MEMO_DIRTY = True
    return req


def save_memo() -> None:
    global _MEMO_DIRTY
    path = _memo_path()
    if not _MEMO_DIRTY or path is None or _MEMO is None:
        return
    if write_pickle(path, _MEMO):
        _MEMO_DIRTY = False


# ---------------------------------------------------------------------------------------------
# searching many literals at once


def _automaton(literals: list[str]) -> Any:
    """An Aho-Corasick automaton of ``literals`` (each one's value: its position in the
    list); None without pyahocorasick or literals."""
    try:
        import ahocorasick
    except ImportError:
        return None
    if not literals:
        return None
    auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for i, lit in enumerate(literals):
        auto.add_word(lit, i)
    auto.make_automaton()
    return auto


COMMON_PER_1000 = 2.0  # literals expected this often per 1,000 words are "common"


def common_literals(literals: Iterable[str]) -> set[str]:
    """The literals expected in most articles (" the ", "ing", " said"), estimated from
    wordfreq's 5,000 most frequent English words: their positions are never listed (a regex
    that needs one of them is searched whole, not in windows around it)."""
    try:
        import wordfreq
    except ImportError:
        return set()
    lits = sorted(set(literals))
    auto = _automaton(lits)
    if auto is None:
        return set()
    est = [0.0] * len(lits)
    for word in wordfreq.top_n_list("en", 5000):
        freq = wordfreq.word_frequency(word, "en")
        for _end, i in auto.iter(f" {word.casefold()} "):
            est[i] += freq
    return {lit for lit, f in zip(lits, est, strict=True) if f * 1000 >= COMMON_PER_1000}


class LiteralSet:
    """Which of many literals occur in a (case-folded) text: one Aho-Corasick pass
    (``pyahocorasick``; without it, a substring test per literal). ``common`` are the
    literals too frequent for their positions to be worth listing (:class:`Occurrences`).
    """

    def __init__(self, literals: Iterable[str], common: Iterable[str] = ()) -> None:
        every = set(literals)
        self.common = sorted(every & set(common))
        self.literals = sorted(every)
        self._auto = _automaton(self.literals)

    @classmethod
    def loaded(cls, literals: list[str], common: list[str], auto: Any) -> LiteralSet:
        """A set from its parts, as :class:`MatcherIndex` keeps them on disk."""
        self = cls.__new__(cls)
        self.literals, self.common, self._auto = literals, common, auto
        return self

    def found(self, folded: str) -> set[str]:
        """The literals that occur in ``folded``."""
        lits = self.literals
        if self._auto is None:
            out = {lit for lit in lits if lit in folded}
        else:
            out = {lits[i] for i in {i for _end, i in self._auto.iter(folded)}}
        return out


class Present(Sequence[str]):
    """The literals of a clause that occur in a folded text, sorted, worked out when first
    read: the Hyperscan path knows a clause is met from its first literal found, and only a
    matcher searched in windows (:mod:`lintnews.reach`) needs them all."""

    __slots__ = ("_clause", "_list", "_text")

    def __init__(self, clause: Iterable[str], text: str) -> None:
        self._clause = clause
        self._text = text
        self._list: list[str] | None = None

    def _get(self) -> list[str]:
        got = self._list
        if got is None:
            text = self._text
            got = self._list = sorted(lit for lit in self._clause if lit in text)
        return got

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, i: Any) -> Any:
        return self._get()[i]

    def __iter__(self) -> Any:
        return iter(self._get())

    def __repr__(self) -> str:
        return f"Present({self._get()!r})"


class Occurrences:
    """Where literals occur in a folded text, worked out when first asked (``find``)."""

    def __init__(self, folded: str, common: Iterable[str], found: set[str] | None = None) -> None:
        self.folded = folded
        self.common = frozenset(common)
        self.found = found  # every literal of the index that occurs, when known
        self._ends: dict[str, list[int]] = {}

    def present(self, clause: frozenset[str]) -> list[str]:
        """The literals of ``clause`` that occur in the text, sorted."""
        if self.found is not None:
            return sorted(clause & self.found)
        folded = self.folded
        return sorted(lit for lit in clause if lit in folded)

    def ends(self, lit: str) -> list[int] | None:
        """End offsets of ``lit``'s occurrences; None for a common literal (too many to be
        worth listing)."""
        if lit in self.common:
            return None
        got = self._ends.get(lit)
        if got is None:
            got = self._ends[lit] = []
            find, n = self.folded.find, len(lit)
            i = find(lit)
            while i >= 0:
                got.append(i + n)
                i = find(lit, i + 1)
        return got


class MatcherIndex:
    """All pack matchers of a registry by required literal: one search per document tells
    which matchers can match it.

    The index (literal -> matchers by position, and the automaton) is kept on disk keyed by
    the matchers' patterns, so a run whose rule packs did not change loads it in one read.
    """

    def __init__(self, rules: Iterable[tuple[Any, Sequence[Any]]]) -> None:
        self._rules = [(key, list(matchers)) for key, matchers in rules]
        path = self._index_path()
        data = None
        # The literal search's part of the index (literal -> matchers, every literal, the
        # automaton) is read only when a document takes that path: a run whose documents
        # all go through the Hyperscan filter (a pool run) never needs it, and reading it
        # costs about 0.06 s.
        self._literal_part: tuple[bytes, bytes] | None = None
        if path is not None and os.path.isfile(path):
            try:
                # plain data in marshal's format (several times faster to read than pickle),
                # the automaton pickled on its own
                with open(path, "rb") as fh:
                    small, big, auto = pickle.load(fh)
                always, common, reaches = marshal.loads(small)
                self._literal_part = (big, auto)
                data = (always, common, reaches)
            except Exception:  # a damaged file is rebuilt
                data = None
        if data is None:
            always, by_literal, ls, reaches = self._build()
            data = (always, ls.common, reaches)
            self._by_literal_data: dict[str, list[tuple[int, int, tuple[Clause, ...]]]] = by_literal
            self._literal_set: LiteralSet | None = ls
            if path is not None:
                small = marshal.dumps((always, ls.common, reaches))
                big = marshal.dumps((by_literal, ls.literals))
                write_pickle(path, (small, big, pickle.dumps(ls._auto, pickle.HIGHEST_PROTOCOL)))
        else:
            self._by_literal_data = {}
            self._literal_set = None
        always, common, reaches = data
        # (rule position, matcher position) of the matchers with no requirement
        self._always: list[tuple[int, int]] = always
        self._common_list: list[str] = list(common)
        self._firsts: frozenset[str] | None = None  # the literals of first clauses
        # each matcher's plan (lintnews.reach): how far from its literals a match can lie,
        # and whether matches only start at line starts
        self._reaches: list[list[Any]] = reaches
        # the Hyperscan filter (lintnews.hsfilter): loaded from the second document on (a
        # one-file run does not pay for loading it) or when asked (scan_filter)
        self._scan: Any = _UNSET
        self._docs = 0
        self._retry_at = 0  # with no filter found: the document count at which to look again
        self._flat: list[tuple[int, int]] = []
        # flat position -> the requirement as _scanned_hits tests it (see _gate)
        self._gates: dict[int, Any] = {}
        self._common: frozenset[str] | None = None

    def _load_literal_part(self) -> None:
        big, auto = self._literal_part  # type: ignore[misc]
        self._literal_part = None
        by_literal, lits = marshal.loads(big)
        self._by_literal_data = by_literal
        self._literal_set = LiteralSet.loaded(lits, self._common_list, pickle.loads(auto))

    @property
    def _by_literal(self) -> dict[str, list[tuple[int, int, tuple[Clause, ...]]]]:
        """Literal of a matcher's first clause -> (rule position, matcher position, its
        other clauses)."""
        if self._literal_part is not None:
            self._load_literal_part()
        return self._by_literal_data

    @property
    def _literals(self) -> LiteralSet:
        if self._literal_part is not None:
            self._load_literal_part()
        assert self._literal_set is not None
        return self._literal_set

    def _build(self) -> tuple[Any, Any, LiteralSet, Any]:
        from lintnews.reach import plan

        always: list[tuple[int, int]] = []
        by_literal: dict[str, list[tuple[int, int, tuple[Clause, ...]]]] = {}
        literals: set[str] = set()
        reaches: list[list[Any]] = []
        for rank, (_key, matchers) in enumerate(self._rules):
            reaches.append([plan(mt.source, mt.flags) for mt in matchers])
            for pos, mt in enumerate(matchers):
                req = mt.req
                if not req:
                    always.append((rank, pos))
                    continue
                for lit in req[0]:
                    by_literal.setdefault(lit, []).append((rank, pos, req[1:]))
                for clause in req:
                    literals |= clause
        save_memo()
        common = common_literals(literals)
        return always, by_literal, LiteralSet(literals, common=common), reaches

    def _index_path(self) -> str | None:
        memo = _memo_path()
        if memo is None:
            return None
        import hashlib

        try:
            import ahocorasick

            version = str(getattr(ahocorasick, "__version__", "installed"))
        except ImportError:
            version = "none"
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{FORMAT}|{version}".encode())
        for _key, matchers in self._rules:
            h.update(b"\1")
            for mt in matchers:
                h.update(f"{mt.flags}\0{mt.source}\0".encode("utf-8", "surrogatepass"))
        folder = os.path.dirname(memo)
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError:
            return None
        keep_newest(folder, "index-", 4)
        keep_newest(folder, "automaton-", 0)  # left by earlier versions
        return os.path.join(folder, f"index-{FORMAT}-{h.hexdigest()}.pickle")

    def scan_filter(self, build: bool = False) -> Any:
        """This index's :class:`lintnews.hsfilter.Filter` (loaded on first use), or None
        when there is none (no Hyperscan, or not compiled yet). With ``build``, a missing
        one is compiled in the background for later runs. A process that found none looks
        again every :data:`BUILD_AFTER` documents (a language server, a long run: the
        background build may have finished)."""
        if self._scan is None and self._docs >= self._retry_at:
            self._scan = _UNSET
        if self._scan is _UNSET:
            from lintnews import hsfilter

            # (rule position, matcher position) of each pattern of the filter
            self._flat = [
                (rank, pos) for rank, (_k, mts) in enumerate(self._rules) for pos in range(len(mts))
            ]
            patterns = [(mt.source, mt.flags) for _k, m in self._rules for mt in m]
            self._scan = hsfilter.load(patterns, build_missing=build)
            self._retry_at = self._docs + BUILD_AFTER
        return self._scan

    def hits(
        self, text: str, view: str | None = None
    ) -> tuple[dict[Any, list[tuple[Any, Sequence[str] | None, Any]]], Occurrences]:
        """Rule key -> its matchers that may match ``text`` (:func:`normalize` of a view),
        rules and matchers in their order, each with the literals of its first clause that
        occur in the text (None for a matcher with no requirement) and its plan
        (:func:`lintnews.reach.plan`); and where in the text the literals occur.

        Given the ``view`` itself, matchers the Hyperscan filter rules out are left out too
        (the same matches: it only rules out matchers that cannot match the view)."""
        self._docs += 1
        if view is not None and (self._docs > 1 or self._scan is not _UNSET):
            # a missing database is compiled only for runs long enough to make up for it
            # (not for every small run of the test suite or an editor)
            scan = self.scan_filter(build=self._docs >= BUILD_AFTER)
            allowed = scan.candidates(view) if scan is not None else None
            if allowed is not None:
                return self._scanned_hits(text, allowed)
        picked: dict[int, dict[int, list[str] | None]] = {}
        for rank, pos in self._always:
            picked.setdefault(rank, {})[pos] = None
        found = self._literals.found(text)
        by_literal = self._by_literal
        firsts = self._firsts
        if firsts is None:
            firsts = self._firsts = frozenset(by_literal)
        for lit in found.intersection(firsts):
            for rank, pos, rest in by_literal[lit]:
                if rest and not all(not found.isdisjoint(c) for c in rest):
                    continue
                lits = picked.setdefault(rank, {}).setdefault(pos, [])
                if lits is not None:
                    lits.append(lit)
        return self._out(picked), Occurrences(text, self._literals.common, found)

    def _scanned_hits(
        self, text: str, allowed: set[int]
    ) -> tuple[dict[Any, list[tuple[Any, Sequence[str] | None, Any]]], Occurrences]:
        """:meth:`hits` for the few matchers the Hyperscan filter lets through (positions in
        the flat list of matchers): their requirements are checked with substring tests
        (each clause up to its first literal found, likely ones first), instead of
        searching every literal of every matcher; the literals of a first clause that occur
        are listed when first read (:class:`Present`)."""
        flat, rules, gates = self._flat, self._rules, self._gates
        picked: dict[int, dict[int, Sequence[str] | None]] = {}
        for k in allowed:
            rank, pos = flat[k]
            gate = gates.get(k)
            if gate is None:
                gate = gates[k] = self._gate(rules[rank][1][pos].req)
            if not gate:
                picked.setdefault(rank, {})[pos] = None
                continue
            for clause in gate[1]:
                for lit in clause:
                    if lit in text:
                        break
                else:
                    break  # a clause with no literal in the text
            else:
                picked.setdefault(rank, {})[pos] = Present(gate[0], text)
        return self._out(picked), Occurrences(text, self._common_list)

    def _gate(self, req: Req) -> tuple[Clause, tuple[tuple[str, ...], ...]] | tuple[()]:
        """A requirement as :meth:`_scanned_hits` tests it: its first clause, and each
        clause's literals in the order they are tried (common ones, then short ones first:
        the likeliest to occur); () for no requirement."""
        if not req:
            return ()
        common = self._common
        if common is None:
            common = self._common = frozenset(self._common_list)

        def likely(lit: str) -> tuple[bool, int, str]:
            return (lit not in common, len(lit), lit)

        return req[0], tuple(tuple(sorted(clause, key=likely)) for clause in req)

    def _out(
        self, picked: Mapping[int, Mapping[int, Sequence[str] | None]]
    ) -> dict[Any, list[tuple[Any, Sequence[str] | None, Any]]]:
        rules, reaches = self._rules, self._reaches
        out: dict[Any, list[tuple[Any, Sequence[str] | None, Any]]] = {}
        for rank in sorted(picked):
            key, matchers = rules[rank]
            mts = picked[rank]
            out[key] = [(matchers[p], mts[p], reaches[rank][p]) for p in sorted(mts)]
        return out


_UNSET: Any = object()


def met(req: Req, folded: str) -> bool:
    """Whether a case-folded text meets a requirement (one substring test per literal)."""
    return not req or all(any(x in folded for x in clause) for clause in req)
