"""Speed shortcuts around the pack rules' Hyperscan filter (the Python before and after the
scan), each checked against the code it replaces, kept here verbatim as the oracle, on every
article at hand, the test modules' string literals and the benchmark corpus.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import corpora
import pytest
import regex
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lintnews import document as docmod
from lintnews import hsfilter, packs, prefilter, reach
from lintnews.config import Settings
from lintnews.document import Document
from lintnews.engine import get_registry
from lintnews.packs import PatternRule, doc_wordset, has_anchor
from lintnews.prefilter import MatcherIndex, Occurrences, Present, normalize


def _texts(bench: str = "*[05].*") -> list[str]:
    texts = [t for _p, t in corpora.articles()] + [t for _p, t in corpora.bench(bench)]
    texts += [t for _f, t in corpora.literals() if len(t) > 40]
    return texts


def _index() -> MatcherIndex:
    index = MatcherIndex(
        (r, r.matchers) for r in get_registry(Settings()) if type(r) is PatternRule
    )
    index.scan_filter()  # sets up the flat list of matchers (with or without Hyperscan)
    index._flat = [
        (rank, pos) for rank, (_k, mts) in enumerate(index._rules) for pos in range(len(mts))
    ]
    return index


# ---------------------------------------------------------------------------------------------
# MatcherIndex._scanned_hits: clauses tested up to their first literal found, the literals of
# the first clause listed when read


def _old_scanned_hits(
    self: MatcherIndex, text: str, allowed: set[int]
) -> tuple[dict[Any, list[tuple[Any, list[str] | None, Any]]], Occurrences]:
    flat, rules = self._flat, self._rules
    picked: dict[int, dict[int, list[str] | None]] = {}
    found: set[str] = set()
    for k in allowed:
        rank, pos = flat[k]
        req = rules[rank][1][pos].req
        if not req:
            picked.setdefault(rank, {})[pos] = None
            continue
        lits = sorted(lit for lit in req[0] if lit in text)
        if not lits:
            continue
        rest = [[lit for lit in clause if lit in text] for clause in req[1:]]
        if all(rest):
            found.update(lits, *rest)
            picked.setdefault(rank, {})[pos] = lits
    return self._out(picked), Occurrences(text, self._literals.common, found)


def _same_hits(index: MatcherIndex, folded: str, allowed: set[int]) -> int:
    old, old_occ = _old_scanned_hits(index, folded, allowed)
    new, new_occ = index._scanned_hits(folded, allowed)
    assert list(old) == list(new)  # the same rules, in the same order
    n = 0
    for key, entries in old.items():
        got = new[key]
        assert [(id(mt), plan) for mt, _l, plan in entries] == [
            (id(mt), plan) for mt, _l, plan in got
        ]
        for (mt, old_lits, _p), (_mt, new_lits, _q) in zip(entries, got, strict=True):
            if old_lits is None:
                assert new_lits is None
                continue
            assert isinstance(new_lits, Present)
            assert list(new_lits) == old_lits and len(new_lits) == len(old_lits)
            assert new_lits[0] == old_lits[0]
            # the clauses after the first, as _finditer asks for them
            for clause in mt.req[1:]:
                assert new_occ.present(clause) == sorted(clause & old_occ.found)  # type: ignore[operator]
            n += 1
    assert new_occ.folded == old_occ.folded and new_occ.common == old_occ.common
    return n


def test_scanned_hits_every_matcher_on_the_articles() -> None:
    """Every matcher allowed (what the Hyperscan filter would never do): each requirement
    checked on every text."""
    index = _index()
    every = set(range(len(index._flat)))
    texts = _texts("*0.*")
    assert len(texts) > 100
    picked = sum(_same_hits(index, normalize(t), every) for t in texts)
    assert picked > 1000


def test_scanned_hits_with_the_filter() -> None:
    index = _index()
    flt = index.scan_filter()
    if flt is None:
        pytest.skip("no Hyperscan filter")
    n = 0
    for text in _texts():
        allowed = flt.candidates(text)
        if allowed is not None:
            n += _same_hits(index, normalize(text), allowed)
    assert n > 100


@pytest.mark.parametrize(
    "text",
    ["", " ", "the", " realize the ", "©", " photo: x ", "since 2 years in the framework of "],
)
def test_scanned_hits_small_texts(text: str) -> None:
    index = _index()
    _same_hits(index, normalize(text), set(range(len(index._flat))))


def test_present_is_lazy_and_sorted() -> None:
    p = Present(frozenset({"b", "a", "zz", "c"}), " a b c ")
    assert p._list is None
    assert list(p) == ["a", "b", "c"] and len(p) == 3 and p[-1] == "c"
    assert sorted(p) == ["a", "b", "c"] and p
    occ = Occurrences(" a b ", ())
    assert occ.present(frozenset({"b", "a", "x"})) == ["a", "b"]
    occ = Occurrences(" a b ", (), {"a"})  # a known set of literals found is used as it is
    assert occ.present(frozenset({"b", "a", "x"})) == ["a"]


# ---------------------------------------------------------------------------------------------
# prefilter.normalize: white space made spaces kind by kind, runs halved, no list of words


def _old_normalize(view: str) -> str:
    return " " + " ".join(view.casefold().split()) + " "


def test_other_spaces_are_every_white_space_character() -> None:
    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(prefilter._OTHER_SPACES) | {" "} == every


def test_normalize_on_the_articles() -> None:
    texts = _texts("*")
    assert len(texts) > 2000
    for text in texts:
        assert normalize(text) == _old_normalize(text)


_SPACEY = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u1680"]
_SPACEY += ["\u2000", "\u2009", "\u200b", "\u2028", "\u202f", "\u3000", "a", "B", "ß", "İ", "ﬁ"]


@hsettings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SPACEY), max_size=40))
def test_normalize_generated(chars: list[str]) -> None:
    text = "".join(chars)
    assert normalize(text) == _old_normalize(text)


# ---------------------------------------------------------------------------------------------
# hsfilter.ByteMap.encode: the few characters beyond ASCII replaced in the UTF-8 form


_OLD_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _old_encode(bmap: hsfilter.ByteMap, text: str) -> bytes | None:
    if text.isascii():
        return text.encode("ascii")
    trans = {chr(c): chr(b) for c, b in bmap.table.items()}
    try:
        return _OLD_NON_ASCII.sub(lambda m: trans[m.group()], text).encode("latin-1")
    except KeyError:  # a character outside the alphabet
        return None


def test_encode_on_the_articles() -> None:
    bmaps = [hsfilter.ByteMap.for_sets([hsfilter.members(r"[’é]", regex.V0)])]
    index = _index()
    flt = index.scan_filter()
    if flt is not None:
        bmaps.append(flt.bmap)
    texts = _texts("*")
    for bmap in bmaps:
        for text in texts:
            assert bmap.encode(text) == _old_encode(bmap, text)
        for text in ["中", "a\ud83d\ude00b", "x😀y", "é’\xa0\x80\x85", "\udfff"]:
            assert bmap.encode(text) == _old_encode(bmap, text)


# characters whose bytes in a table may look like parts of other characters' UTF-8 forms
_WIDE = ["é", "Ã", "©", "\x80", "\x85", "\xa0", "\xc3", "\xe2", "’", "—", "€", "ж", "😀"]
_WIDE += ["\ud83d", "\ude00", "中", "a", " ", "\n"]


@hsettings(max_examples=500, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([c for c in _WIDE if not c.isascii()]),
        st.sampled_from([0x5F, 0x80, 0x81, 0x85, 0xA0, 0xA9, 0xBF, 0xC2, 0xC3, 0xE2, 0xF0, 0xFE]),
    ),
    st.lists(st.sampled_from(_WIDE), max_size=30),
)
def test_encode_generated_tables(table: dict[str, int], chars: list[str]) -> None:
    bmap = hsfilter.ByteMap({ord(c): b for c, b in table.items()})
    text = "".join(chars)
    assert bmap.encode(text) == _old_encode(bmap, text)


# ---------------------------------------------------------------------------------------------
# packs.has_anchor: a phrase's anchor words looked for before the document's word set is made


def _old_gate(doc: Document, state: dict[str, Any], anchors: frozenset[str]) -> bool:
    words = state.get("wordset")
    if words is None:
        words = state["wordset"] = doc_wordset(doc)
    return bool(anchors & words)


def _anchor_sets() -> list[frozenset[str]]:
    return sorted(
        {
            mt.anchors
            for r in get_registry(Settings())
            if type(r) is PatternRule
            for mt in r.matchers
            if mt.anchors is not None
        },
        key=sorted,
    )


def _same_gate(doc: Document, anchor_sets: list[frozenset[str]]) -> int:
    words = doc_wordset(doc)
    every = sorted({a for anchors in anchor_sets for a in anchors})
    held = 0
    for a in every:  # the look settles only what the word set says
        if packs._holds_word(doc.view, a):
            assert a in words, (a, doc.view[:80])
            held += 1
    state: dict[str, Any] = {}
    for anchors in anchor_sets:  # one state a document, as in a run
        assert has_anchor(doc, state, anchors) == bool(anchors & words)
    for anchors in anchor_sets[:: max(1, len(anchor_sets) // 50)]:  # each from a fresh state
        assert has_anchor(doc, {}, anchors) == _old_gate(doc, {}, anchors)
    return held


def test_has_anchor_on_the_articles() -> None:
    anchor_sets = _anchor_sets()
    assert len(anchor_sets) > 100
    held = 0
    texts = _texts("*0.*")
    for text in texts:
        held += _same_gate(docmod.parse("a.md", text), anchor_sets)
    assert held > len(texts)


_TRICKY = ["the", "The", "THE", "ſ", "K", "İ", "ı", "Σ", "ς", "ß", "ﬁ", "\u0301", "²", "٣"]
_TRICKY += ["-", "'", "’", "_", " ", "\n", ".", "said", "k", "i", "fi", "s", "3", "é"]


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TRICKY), max_size=25))
def test_has_anchor_generated(parts: list[str]) -> None:
    doc = docmod.parse("a.txt", "".join(parts) or "x")
    anchors = [frozenset({a}) for a in ("the", "said", "k", "i", "fi", "s", "ss", "3", "é")]
    _same_gate(doc, anchors)
    for a in ("the", "said", "k", "i", "fi", "s", "ss", "3"):
        assert packs._holds_word(doc.view, a) <= (a in doc_wordset(doc))


# ---------------------------------------------------------------------------------------------
# reach.Layout: the longest token and line worked out only when a bound needs them, runs of
# white space found with "[...][...]+"

_OLD_WS_RUN2 = re.compile("[" + re.escape("".join(sorted(reach._SPACE_CHARS))) + "]{2,}")


class _OldLayout:
    def __init__(self, view: str) -> None:
        self.ok = len(view.casefold()) == len(view)
        self.length = len(view)
        self.longest_token = max(map(len, view.split()), default=0)
        self.longest_line = max(map(len, view.split("\n")), default=0)
        starts: list[int] = []
        deltas: list[int] = []
        first = 0 if view[:1].isspace() else -1
        delta = first
        longest_ws = 1
        for m in _OLD_WS_RUN2.finditer(view):
            n = m.end() - m.start()
            longest_ws = max(longest_ws, n)
            starts.append(m.start() - delta)
            delta += n - 1
            deltas.append(delta)
        self.longest_ws = longest_ws
        self._first = first
        self._starts = starts
        self._deltas = deltas

    def width(self, r: tuple[int, int, int, int]) -> int:
        return r[0] + r[1] * self.longest_ws + r[2] * self.longest_token + r[3] * self.longest_line


_REACHES = [(5, 0, 0, 0), (3, 2, 0, 0), (1, 1, 1, 0), (2, 0, 0, 1), (4, 3, 2, 1), (0, 0, 3, 0)]


def _same_layout(view: str) -> None:
    old, new = _OldLayout(view), reach.Layout(view)
    for r in _REACHES:
        assert new.width(r) == old.width(r)
    assert (new.ok, new.length, new.longest_ws) == (old.ok, old.length, old.longest_ws)
    assert (new._first, new._starts, new._deltas) == (old._first, old._starts, old._deltas)
    assert (new.longest_token, new.longest_line) == (old.longest_token, old.longest_line)


def test_layout_on_the_articles() -> None:
    for text in _texts("*"):
        _same_layout(text)


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_SPACEY, "\n\n", "  ", "word"]), max_size=40))
def test_layout_generated(chars: list[str]) -> None:
    _same_layout("".join(chars))


def test_layout_leaves_the_longest_token_and_line_until_asked() -> None:
    lay = reach.Layout("a  bb\nccc dddd")
    assert lay.width((1, 1, 0, 0)) == 1 + 2
    assert lay._longest_token is None and lay._longest_line is None
    assert lay.width((0, 0, 1, 1)) == 4 + 8
