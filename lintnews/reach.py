"""How far a regex match can reach: run a pack regex only near the literals it needs.

The prefilter (:mod:`lintnews.prefilter`) knows, for each pack regex, literals that any
match must contain (in the match itself or in a look-around). When a regex's matches are
also *short* — at most ``W`` characters, look-arounds included — every match lies within
``W`` characters of an occurrence of one of those literals, so the regex only needs to run
in small windows around the occurrences instead of over the whole article.

:func:`reach` works out that bound from the pattern: a constant plus a multiple of the
longest whitespace run of the document (``\\s+`` and ``\\s*`` are the only unbounded
repeats it accepts: in a given document they cannot match more than its longest run of
whitespace). Anything it does not model gives ``None`` (the regex runs over the whole text),
so a window can only leave out text where no match can be.

Searching a window ``[lo, hi]`` passes ``pos=lo`` (look-behinds, ``\\b`` and ``^`` still
see the text before it) and an ``endpos`` far enough past ``hi`` that no match starting at
or before ``hi`` can look at the cut; matches starting after ``hi`` are dropped. Windows
that overlap are merged, so the matches found are exactly those of a whole-text search.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Any

import regex

try:  # CPython's regular-expression parser (private; present in 3.11 and later)
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: every regex searches whole texts
    C = P = None

# A bound on a match's span in a given document: constant + ws * (longest whitespace run)
# + tok * (longest run without whitespace) + line * (longest line).
Reach = tuple[int, int, int, int]

_UNSUPPORTED = ("\\X", "\\L<", "(?|", "\\G", "(?R", "(?&", "(?P>")
_SET_OPERATORS = ("--", "&&", "||", "~~")  # set operations inside a class, version 1 only
_FUZZY = re.compile(r"\{[^}]*[eids]\s*[<=]")
_PROP = re.compile(r"\\\\|\\[pP](?:\{([^}]*)\}|([A-Za-z]))")
_LETTERISH = re.compile(
    r"(?i)(?:gc=|general_category=)?"
    r"(?:L[ultmo]?|N[dlo]?|M[nce]?|Alpha|Alnum|Latin|Cyrillic|Greek|Han|Arabic)"
)
_NAMED = re.compile(r"\(\?<(?![=!])")
_ANYCHAR = "\U0010fffe"  # stands for a property class the analysis does not model
_SPACE_CHARS = frozenset(c for c in map(chr, range(0x3000 + 1)) if c.isspace())
_BAD_FLAGS = regex.V1 | regex.FULLCASE | regex.REVERSE | regex.BESTMATCH | regex.ENHANCEMATCH
_ZERO: Reach = (0, 0, 0, 0)


class _Unbounded(Exception):
    pass


def _prop(m: re.Match[str]) -> str:
    if m.group() == "\\\\":
        return m.group()
    name = m.group(1) or m.group(2) or ""
    if m.group()[1] == "p" and _LETTERISH.fullmatch(name):
        return "a"  # letters, digits, marks: never whitespace
    return _ANYCHAR


def _parse(pattern: str, flags: int) -> tuple[Any, bool] | None:
    """The pattern parsed by the ``re`` parser (properties stood in for), and whether ``.``
    takes newlines; None when the pattern uses what the analysis does not model or can
    match the empty string (empty matches change how a search steps on)."""
    if P is None:
        return None
    if flags & _BAD_FLAGS or any(u in pattern for u in _UNSUPPORTED) or _FUZZY.search(pattern):
        return None
    if not flags & regex.V0 and any(u in pattern for u in _SET_OPERATORS):
        return None  # the default version may be 1 (set operations in classes)
    if re.search(r"\(\?[a-zA-Z]*[Vfbre]", pattern):
        return None  # regex-only inline flags (version, full case, best match, reverse)
    dotall = bool(flags & regex.DOTALL) or bool(re.search(r"\(\?[a-zA-Z]*s", pattern))
    src = _NAMED.sub("(?P<", _PROP.sub(_prop, pattern))
    re_flags = re.IGNORECASE if flags & regex.IGNORECASE else 0
    re_flags |= re.MULTILINE if flags & regex.MULTILINE else 0
    re_flags |= re.DOTALL if flags & regex.DOTALL else 0
    re_flags |= re.VERBOSE if flags & regex.VERBOSE else 0
    try:
        tree = P.parse(src, re_flags)
        if tree.getwidth()[0] == 0:
            return None
    except Exception:
        return None
    return tree, dotall


def reach(pattern: str, flags: int = 0) -> Reach | None:
    """Bound on the span (match plus look-arounds, plus one character) of any match of
    ``pattern``, as a :data:`Reach`; None when unbounded, possibly empty or not modelled."""
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    try:
        w = _Walker(parsed[1]).seq(parsed[0])
    except _Unbounded:
        return None
    return (w[0] + 1, w[1], w[2], w[3])


def anchor(pattern: str, flags: int = 0) -> str | None:
    """``"line"`` when every match of ``pattern`` starts at the start of a line (``(?m)^``
    first), ``"text"`` when only at the start of the text (``^`` without multi-line, or
    ``\\A``), else None."""
    parsed = _parse(pattern, flags)
    if parsed is None or not len(parsed[0]):
        return None
    tree = parsed[0]
    op, av = tree[0]
    if op is not C.AT:
        return None
    if av is C.AT_BEGINNING_STRING:
        return "text"
    if av is C.AT_BEGINNING:
        return "line" if tree.state.flags & re.MULTILINE else "text"
    return None


def plan(pattern: str, flags: int = 0) -> tuple[Reach | None, str | None]:
    """:func:`reach` and :func:`anchor` of a pattern."""
    return reach(pattern, flags), anchor(pattern, flags)


def finditer_at(rx: Any, view: str, starts: list[int]) -> Iterator[Any]:
    """The matches of a pattern whose matches only start at ``starts`` (its :func:`anchor`),
    as a whole-text ``finditer`` gives them: one anchored attempt per start."""
    last = 0
    match = rx.match
    for p in starts:
        if p < last:
            continue
        m = match(view, p)
        if m is not None:
            last = m.end()
            yield m


def _add(a: Reach, b: Reach) -> Reach:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3])


def _max(ws: list[Reach]) -> Reach:
    return tuple(max(w[i] for w in ws) for i in range(4))  # type: ignore[return-value]


def _space_only(op: object, av: object) -> bool:
    if op is C.LITERAL:
        return chr(av) in _SPACE_CHARS  # type: ignore[arg-type]
    if op is C.IN:
        return all(
            (o is C.CATEGORY and a is C.CATEGORY_SPACE)
            or (o is C.LITERAL and chr(a) in _SPACE_CHARS)  # type: ignore[arg-type]
            for o, a in av  # type: ignore[attr-defined]
        )
    return False


class _Walker:
    def __init__(self, dotall: bool) -> None:
        self.dotall = dotall
        self.groups: dict[int, Reach] = {}

    def seq(self, items: object) -> Reach:
        total = _ZERO
        for op, av in items:  # type: ignore[attr-defined]
            total = _add(total, self.node(op, av))
        return total

    def matches(self, op: object, av: object, c: str) -> bool:
        """Whether a one-character node can match ``c`` (conservative: True if unsure)."""
        if op is C.LITERAL:
            return chr(av) in (c, _ANYCHAR)  # type: ignore[arg-type]
        if op is C.NOT_LITERAL:
            return chr(av) != c  # type: ignore[arg-type]
        if op is C.ANY:
            return self.dotall or c != "\n"
        if op is C.IN:
            items = list(av)  # type: ignore[call-overload]
            negate = bool(items) and items[0][0] is C.NEGATE
            if negate:
                items = items[1:]
            hit = any(self._item(o, a, c) for o, a in items)
            if negate:
                # [^...] with an unknown property inside: it may leave out anything
                if any(o is C.LITERAL and chr(a) == _ANYCHAR for o, a in items):
                    return True
                return not hit
            return hit
        return True

    @staticmethod
    def _item(op: object, av: object, c: str) -> bool:
        if op is C.LITERAL:
            return chr(av) in (c, _ANYCHAR)  # type: ignore[arg-type]
        if op is C.RANGE:
            return av[0] <= ord(c) <= av[1]  # type: ignore[index]
        if op is C.CATEGORY:
            if av is C.CATEGORY_SPACE:
                return c.isspace()
            if av is C.CATEGORY_NOT_SPACE:
                return not c.isspace()
            if av in (C.CATEGORY_DIGIT, C.CATEGORY_WORD):
                return not c.isspace() and c != "\n"
            return True
        return True

    def unit(self, item: list[tuple[object, object]]) -> Reach:
        """Per-repetition bound of an unbounded repeat of one character class."""
        if len(item) != 1 or item[0][0] not in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            raise _Unbounded
        op, av = item[0]
        if _space_only(op, av):
            return (0, 1, 0, 0)
        if not any(self.matches(op, av, c) for c in _SPACE_CHARS):
            return (0, 0, 1, 0)
        if not self.matches(op, av, "\n"):
            return (0, 0, 0, 1)
        raise _Unbounded

    def node(self, op: object, av: object) -> Reach:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            return (1, 0, 0, 0)
        if op is C.AT:
            return _ZERO
        if op is C.SUBPATTERN:
            group, _add_flags, _del_flags, sub = av  # type: ignore[misc]
            w = self.seq(sub)
            if group is not None:
                self.groups[group] = w
            return w
        if op is C.ATOMIC_GROUP:
            return self.seq(av)
        if op is C.BRANCH:
            return _max([self.seq(alt) for alt in av[1]])  # type: ignore[index]
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            _lo, hi, item = av  # type: ignore[misc]
            if hi is C.MAXREPEAT or hi == C.MAXREPEAT:
                return self.unit(list(item))
            w = self.seq(item)
            return (w[0] * hi, w[1] * hi, w[2] * hi, w[3] * hi)
        if op in (C.ASSERT, C.ASSERT_NOT):
            # a look-around examines text next to the match: its width counts on top
            _direction, sub = av  # type: ignore[misc]
            return self.seq(sub)
        if op is C.GROUPREF:
            if av in self.groups:
                return self.groups[av]  # type: ignore[index]
            raise _Unbounded
        if op is C.GROUPREF_EXISTS:
            _group, yes, no = av  # type: ignore[misc]
            return _max([self.seq(yes), self.seq(no) if no else _ZERO])
        raise _Unbounded


_WS_CLASS = "[" + re.escape("".join(sorted(_SPACE_CHARS))) + "]"
_WS_RUN2 = re.compile(_WS_CLASS + _WS_CLASS + "+")  # (a third faster than "{2,}")


class Layout:
    """A view's longest runs (for :data:`Reach` bounds) and where its case-folded,
    whitespace-collapsed text (:func:`lintnews.prefilter.normalize`) sits in it."""

    def __init__(self, view: str) -> None:
        # casefold() may lengthen a text (ß -> ss): positions would not map, search whole
        self.ok = len(view.casefold()) == len(view)
        self.length = len(view)
        self._view = view
        self._longest_token: int | None = None  # worked out when a bound needs it
        self._longest_line: int | None = None
        starts: list[int] = []  # folded position of each collapsed run of 2+ characters
        deltas: list[int] = []  # view position minus folded position after that run
        first = 0 if view[:1].isspace() else -1
        delta = first
        longest_ws = 1  # (at most one more than the truth: the bound stays safe)
        for m in _WS_RUN2.finditer(view):
            n = m.end() - m.start()
            longest_ws = max(longest_ws, n)
            starts.append(m.start() - delta)
            delta += n - 1
            deltas.append(delta)
        self.longest_ws = longest_ws
        self._first = first
        self._starts = starts
        self._deltas = deltas

    @property
    def longest_token(self) -> int:
        got = self._longest_token
        if got is None:
            got = self._longest_token = max(map(len, self._view.split()), default=0)
        return got

    @property
    def longest_line(self) -> int:
        got = self._longest_line
        if got is None:
            got = self._longest_line = max(map(len, self._view.split("\n")), default=0)
        return got

    def width(self, r: Reach) -> int:
        """The bound ``r`` in this document, in characters (the longest token and line
        worked out only for a bound that has them)."""
        w = r[0] + r[1] * self.longest_ws
        if r[2]:
            w += r[2] * self.longest_token
        if r[3]:
            w += r[3] * self.longest_line
        return w

    def view_lo(self, f: int) -> int:
        """A view position at or before where folded position ``f`` comes from."""
        i = bisect_left(self._starts, f)
        return f + (self._deltas[i - 1] if i else self._first)

    def view_hi(self, f: int) -> int:
        """A view position at or after where folded position ``f`` comes from."""
        i = bisect_right(self._starts, f)
        return f + (self._deltas[i - 1] if i else self._first)


def windows(
    layout: Layout,
    occurrences: Any,
    literals: list[str],
    width: int,
    limit: float = 0.5,
) -> list[tuple[int, int]] | None:
    """Merged ``(lo, hi)`` view ranges holding the start of every match of a regex of that
    width whose matches contain one of ``literals``; ``occurrences.ends(lit)`` gives where
    each literal ends in the folded text (:class:`lintnews.prefilter.Occurrences`). None
    when the ranges would cover more than ``limit`` of the text (a whole search is as
    cheap)."""
    spans: list[tuple[int, int]] = []
    for lit in literals:
        ends = occurrences.ends(lit)
        if ends is None:
            return None  # a common literal: no positions
        spans.extend((end - len(lit), end) for end in ends)
    if len(spans) * (2 * width + 8) > limit * layout.length:
        return None
    spans.sort()
    out: list[tuple[int, int]] = []
    view_lo, view_hi, n = layout.view_lo, layout.view_hi, layout.length
    for fs, fe in spans:
        lo = view_lo(fs) - width - 2
        hi = view_hi(fe) + width + 2
        if out and lo <= out[-1][1]:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], min(n, hi))
        else:
            out.append((max(0, lo), min(n, hi)))
    return out


def finditer(rx: Any, view: str, wins: list[tuple[int, int]], width: int) -> Iterator[Any]:
    """The matches of ``rx`` in ``view`` that start inside ``wins``, as a whole-text
    ``finditer`` would give them (see the module docstring)."""
    last = 0
    n = len(view)
    for lo, hi in wins:
        pos = max(lo, last)
        if pos > hi:
            continue
        for m in rx.finditer(view, pos, min(n, hi + width + 8)):
            if m.start() > hi:
                break
            last = m.end()
            yield m
