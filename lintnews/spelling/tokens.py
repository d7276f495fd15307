"""Which words of a document the spelling rules look at, and how.

Every word token of the prose is split into the parts of a hyphenated compound
("anti-terrorist" -> "anti", "terrorist"); each part gets a *case class*:

* ``lower`` -- an ordinary lowercase word: checked;
* ``tail`` -- a lowercase part after a capitalised one ("Russian-backed", but also Korean
  given names: "Suk-yeol", "Jae-myung"): reported only when clearly a misspelt word;
* ``initial`` -- capitalised at the start of a sentence, after an opening quotation mark or
  colon, or anywhere in a headline: checked in lowercase, but reported only when it is
  clearly a misspelling of an ordinary word (it may be a name: "Azirbek said ...");
* ``name`` -- capitalised elsewhere ("Tokayev", "Kassym-Jomart"): a name, never a typo;
* ``skip`` -- all capitals or mixed case (CSTO, iPhone), digits (Khabar-24, 4G), single
  letters, handles (@name), hashtags (#tag), parts of domain names and file names
  (bbc.co.uk, report.pdf) and name particles before a name ("al-Assad", "bin Salman").

URLs, e-mail addresses and code never reach the rules: the document view blanks them.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_right
from collections.abc import Container, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter, le
from typing import Any, NamedTuple

import regex

from lintnews.document import WORD_RE, Document

PARTICLES = frozenset(
    "al el ul ad ar as at an bin ibn bint abu abd de del della der des di da dos das du "
    "la le van von ter ten zu y e".split()
)
_OPENERS = frozenset("“\"‘'(«[—–:")
_CODEISH = frozenset("@#_\\=<>{}$%&*|~^`")
_PART_RE = regex.compile(r"[^\-]+")


@dataclass(frozen=True, slots=True)
class Part:
    """One word, or one part of a hyphenated compound, with view offsets."""

    start: int
    end: int
    text: str  # as written (curly apostrophes kept)
    case: str  # lower | tail | initial | name | skip
    token_start: int
    token_end: int
    index: int  # part number within the token
    parts: int  # number of parts of the token

    @property
    def norm(self) -> str:
        return self.text.replace("’", "'")


def _initial_positions(doc: Document) -> set[int]:
    """Offsets of the first word of each sentence."""
    out = set()
    view = doc.view
    for sent in doc.sentences:
        m = WORD_RE.search(view, sent.start, sent.end)
        if m:
            out.add(m.start())
    return out


# The characters a WORD_RE match starts with: WORD_RE.search(view, a, b) starts at the first
# of them in view[a:b].
_WORD_START_RE = regex.compile(r"[\p{L}\p{N}]")


_START = attrgetter("start")
_END = attrgetter("end")


class _Initials:
    """``s in _Initials(doc)`` is ``s in _initial_positions(doc)``, worked out for the asked
    offsets only (a rule asks about a few words of an article, not all of them).

    With the sentences in order, apart and inside the view, only the sentence holding s can
    start with a word at s: it does when view[s] may start a word and no character before s
    in the sentence may. Other sentence lists fall back on the whole set.
    """

    __slots__ = ("_all", "_got", "_sents", "_starts", "_view")

    def __init__(self, doc: Document) -> None:
        sents = doc.sentences
        self._view = doc.view
        self._sents = sents
        self._got: dict[int, bool] = {}
        self._all: set[int] | None = None
        starts = list(map(_START, sents))
        ends = list(map(_END, sents))
        # in order and apart: start <= end <= next start, all of them (so all in the view)
        if not sents or (
            starts[0] >= 0
            and ends[-1] <= len(self._view)
            and all(map(le, starts, ends))
            and all(map(le, ends, starts[1:]))
        ):
            self._starts = starts
        else:
            self._starts = []
            self._all = _initial_positions(doc)

    def __contains__(self, s: object) -> bool:
        if self._all is not None:
            return s in self._all
        if not isinstance(s, int):
            return False
        got = self._got.get(s)
        if got is None:
            got = self._got[s] = self._find(s)
        return got

    def _find(self, s: int) -> bool:
        i = bisect_right(self._starts, s) - 1
        if i < 0:
            return False
        sent = self._sents[i]
        if s >= sent.end:
            return False
        view = self._view
        return (
            _WORD_START_RE.match(view, s, sent.end) is not None
            and _WORD_START_RE.search(view, sent.start, s) is None
        )


def _prev_char(view: str, i: int) -> str:
    j = i - 1
    while j >= 0 and view[j] in " \t":
        j -= 1
    return view[j] if j >= 0 else "\n"


def _codeish(view: str, s: int, e: int) -> bool:
    before = view[s - 1] if s > 0 else " "
    after = view[e] if e < len(view) else " "
    if before in _CODEISH or after in _CODEISH:
        return True
    # a.b: domain names and file names ("bbc.co.uk", "report.pdf")
    if before == "." and s >= 2 and view[s - 2].isalnum():
        return True
    return after == "." and e + 1 < len(view) and view[e + 1].isalnum()


def parts(doc: Document) -> list[Part]:
    """All word parts of the document's prose with their case class."""
    initials = _initial_positions(doc)
    out: list[Part] = []
    for s, e in doc.words:
        out.extend(token_parts(doc, s, e, initials))
    return out


def _kind(text: str) -> str:
    """A part's case class whatever its place: skip | upper (initial or name) | lower."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or any(c.isdigit() for c in text) or any(c.isupper() for c in letters[1:]):
        return "skip"
    return "upper" if letters[0].isupper() else "lower"


# token text -> (start, end, text, kind) of each part: what token_parts needs of the token
# alone (kept for the process; started afresh beyond _SHAPES_LIMIT)
_SHAPES: dict[str, tuple[tuple[int, int, str, str], ...]] = {}
_SHAPES_LIMIT = 200_000


def _shape(token: str) -> tuple[tuple[int, int, str, str], ...]:
    got = _SHAPES.get(token)
    if got is None:
        got = tuple(
            (m.start(), m.end(), m.group(), _kind(m.group())) for m in _PART_RE.finditer(token)
        )
        if len(_SHAPES) >= _SHAPES_LIMIT:
            _SHAPES.clear()
        _SHAPES[token] = got
    return got


def token_parts(doc: Document, s: int, e: int, initials: Container[int]) -> list[Part]:
    """The parts of the word token view[s:e] with their case class (see :func:`parts`)."""
    view = doc.view
    shape = _shape(view[s:e])
    n = len(shape)
    if _codeish(view, s, e):
        return [
            Part(s + a, s + b, text, "skip", s, e, k, n) for k, (a, b, text, _) in enumerate(shape)
        ]
    cases = [kind for _, _, _, kind in shape]
    if "upper" in cases:
        # Where the token stands matters only to a capitalised part.
        block = doc.block_at(s)
        heading = block is not None and block.kind == "heading"
        initial_token = s in initials or _prev_char(view, s) in _OPENERS or heading
        cases = [
            ("initial" if (initial_token and (k == 0 or heading)) else "name")
            if kind == "upper"
            else kind
            for k, kind in enumerate(cases)
        ]
    out: list[Part] = []
    for k, (a, b, text, _) in enumerate(shape):
        case = cases[k]
        if case == "lower" and (
            (text in PARTICLES and any(c == "name" for c in cases[k + 1 :]))
            or (len(text) <= 3 and "name" in cases)
        ):
            case = "skip"
        elif case == "lower" and k > 0 and cases[0] in ("name", "initial"):
            case = "tail"  # "Suk-yeol", "Jae-myung" -- or "Russian-bakced"
        out.append(Part(s + a, s + b, text, case, s, e, k, n))
    return out


def names_in(doc: Document, items: list[Part]) -> frozenset[str]:
    """Capitalised words used mid-sentence: the document's own names."""
    return frozenset(p.norm for p in items if p.case == "name")


# ---------------------------------------------------------------------------------------------
# fast path: token texts analysed once per process, documents indexed once for all rules

APOSTROPHE_ENDINGS = ("'s", "'re", "'ve", "'ll", "'d", "'m")


def base_word(norm: str) -> str:
    """The word proper of a part's normalised text: possessives and contractions stripped."""
    low = norm.lower()
    for end in APOSTROPHE_ENDINGS:
        if low.endswith(end) and len(low) > len(end) + 1:
            return norm[: -len(end)]
    if low.endswith("n't") and len(low) > 4:
        return norm[:-3]
    return norm


class Piece(NamedTuple):
    """What a part of a token is whatever its place in the document."""

    norm: str  # as written, curly apostrophes straightened
    low: str  # the word proper (see base_word), lowercase
    kind: str  # skip (in every context) | upper (initial or name) | lower


def _analyse(token: str) -> tuple[Piece, ...]:
    out = []
    for m in _PART_RE.finditer(token):
        text = m.group()
        norm = text.replace("’", "'")
        out.append(Piece(norm, base_word(norm).lower(), _kind(text)))
    return tuple(out)


class _Store:
    """token text -> its pieces, and each piece's lowercase text -> the tokens that have it."""

    __slots__ = ("by_word", "order", "pieces")

    def __init__(self) -> None:
        self.pieces: dict[str, tuple[Piece, ...]] = {}
        self.by_word: dict[str, tuple[str, ...]] = {}
        self.order: list[str] = []  # the tokens in the order they came (only ever added to)

    def add(self, token: str) -> None:
        pieces = self.pieces[token] = _analyse(token)
        by_word = self.by_word
        for w in {p.norm.lower() for p in pieces}:
            by_word[w] = (*by_word.get(w, ()), token)
        self.order.append(token)  # last: a token listed here is all there


_STORE_LIMIT = 200_000  # distinct token texts kept; a fresh store is started beyond it
_STORE = _Store()
_STORE_LOCK = threading.Lock()


def _store_with(tokens: AbstractSet[str]) -> _Store:
    """The shared store, holding these tokens (a store is never shrunk: a full one is
    replaced, so an index keeps a complete one)."""
    global _STORE
    with _STORE_LOCK:
        store = _STORE
        new = tokens.difference(store.pieces)
        if new and len(store.pieces) + len(new) > _STORE_LIMIT:
            store = _STORE = _Store()
            new = tokens
        for t in new:
            store.add(t)
        return store


# document -> [its words, their texts, the set of them, the store found holding them or None]
_WORD_TEXTS: weakref.WeakKeyDictionary[Document, list[Any]] = weakref.WeakKeyDictionary()


def _word_data(doc: Document) -> list[Any]:
    got = _WORD_TEXTS.get(doc)
    words = doc.words
    if got is None or got[0] is not words:
        view = doc.view
        tokens = [view[s:e] for s, e in words]
        got = _WORD_TEXTS[doc] = [words, tokens, frozenset(tokens), None]
    return got


def word_texts(doc: Document) -> tuple[list[str], frozenset[str]]:
    """The texts of ``doc.words`` in order, and the set of them: computed once per document
    (the spelling rules and MT006 both need them; shared, so not to be changed)."""
    got = _word_data(doc)
    return got[1], got[2]


def word_store(doc: Document) -> _Store:
    """The shared store, holding the document's tokens (``_store_with(word_texts(doc)[1])``).

    Looked up once per document (MT006 and the spelling rules all ask) while the shared
    store is the same: a store only grows until it is replaced, so one found holding the
    tokens holds them as long as it is the shared one.
    """
    got = _word_data(doc)
    store: _Store | None = got[3]
    if store is None or store is not _STORE:
        store = got[3] = _store_with(got[2])
    return store


class WordIndex:
    """The word tokens of a document, for rules that look at few of them.

    Token texts are analysed once per process (:class:`Piece`); the exact parts of a token
    (:func:`token_parts`, which depend on where it stands) are computed only for the
    occurrences a rule asks about.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tokens, self.distinct = word_texts(doc)
        self._store = word_store(doc)
        self._initials: Container[int] | None = None
        self._parts: dict[int, list[Part]] = {}

    @property
    def store(self) -> _Store:
        """The store that holds the document's tokens (see :func:`_store_with`)."""
        return self._store

    def pieces(self, token: str) -> tuple[Piece, ...]:
        """The pieces of one of the document's tokens."""
        return self._store.pieces[token]

    def with_word(self, word: str) -> list[str]:
        """The document's tokens with a part whose normalised text, lowercase, is `word`."""
        distinct = self.distinct
        return [t for t in self._store.by_word.get(word, ()) if t in distinct]

    def occurrences(self, tokens: Iterable[str]) -> list[int]:
        """Indexes of the occurrences of these token texts, in document order."""
        tokens = set(tokens)
        if not tokens:
            return []
        if len(tokens) > 4:
            seq = self.tokens
            return list(compress(range(len(seq)), map(tokens.__contains__, seq)))
        out: list[int] = []
        seq = self.tokens
        for token in tokens:
            i = -1
            try:
                while True:
                    i = seq.index(token, i + 1)
                    out.append(i)
            except ValueError:
                pass
        out.sort()
        return out

    def parts_at(self, i: int) -> list[Part]:
        """The exact parts of the i-th token (as :func:`parts` gives them)."""
        got = self._parts.get(i)
        if got is None:
            if self._initials is None:
                self._initials = _Initials(self.doc)
            s, e = self.doc.words[i]
            got = self._parts[i] = token_parts(self.doc, s, e, self._initials)
        return got

    def parts_of(self, tokens: Iterable[str], initial_only: Container[str] = ()) -> Iterator[Part]:
        """The exact parts of every occurrence of these token texts, in document order;
        of the tokens in `initial_only`, only the occurrences that may have an initial part."""
        for i in self.occurrences(tokens):
            if initial_only and self.tokens[i] in initial_only and not self._maybe_initial(i):
                continue
            yield from self.parts_at(i)

    def parts_any_order(self, tokens: Iterable[str]) -> Iterator[Part]:
        """The exact parts of every occurrence of these token texts, token by token and each
        token's occurrences found only as far as they are asked for: the parts of
        :meth:`parts_of` in another order, for questions whose answer does not depend on it
        (is there such a part? are there two?)."""
        seq = self.tokens
        index = seq.index
        for token in dict.fromkeys(tokens):
            i = -1
            while True:
                try:
                    i = index(token, i + 1)
                except ValueError:
                    break
                yield from self.parts_at(i)

    def _maybe_initial(self, i: int) -> bool:
        """Can a part of the i-th token be an initial (see :func:`token_parts`)?"""
        if self._initials is None:
            self._initials = _Initials(self.doc)
        doc = self.doc
        s = doc.words[i][0]
        if s in self._initials or _prev_char(doc.view, s) in _OPENERS:
            return True
        block = doc.block_at(s)
        return block is not None and block.kind == "heading"

    def count(self, token: str) -> int:
        return self.tokens.count(token)
