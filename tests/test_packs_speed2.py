"""Speed shortcuts of the pack rules' Hyperscan filter, each checked against the path it
replaces or against the regexes themselves.

The filter's scanned text has every run of white space made one space
(:meth:`lintnews.hsfilter.ByteMap.scanned`), and items that may match white space are relaxed
by where they stand: these tests check that no regex that matches a text is ever ruled out,
on generated patterns and texts full of white-space runs, on hand-made cases that caught
wrong relaxations, and with every pack regex on the articles at hand.
"""

from __future__ import annotations

import corpora
import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews import hsfilter

hs = pytest.importorskip("hyperscan")

V0, IC = regex.V0, regex.IGNORECASE


def _old_scanned(bmap: hsfilter.ByteMap, text: str) -> bytes | None:
    """The definition the scanned text must meet: one byte per character, every white-space
    run one space, one space at each end."""
    data = bmap.encode(text)
    if data is None:
        return None
    data = data.replace(b"\x80", b" ")  # white space beyond ASCII
    return b" " + b" ".join(data.split()) + b" "


def _lets_through(pattern: str, flags: int, text: str) -> bool:
    flt = hsfilter.build([(pattern, flags)])
    assert flt is not None
    cands = flt.candidates(text)
    return cands is None or 0 in cands


def _matches(pattern: str, flags: int, text: str) -> bool:
    return any(m.end() > m.start() for m in regex.finditer(pattern, text, flags))


# ---------------------------------------------------------------------------------------------
# the scanned text


def test_white_space_is_its_own_class() -> None:
    bmap = hsfilter.ByteMap.for_sets([hsfilter.members(r"\s", V0)])
    assert hsfilter.members(r"\s", V0) == hsfilter.SPACES
    for ch in hsfilter.SPACES:
        assert ch.isspace()
        if not ch.isascii():
            assert bmap.table[ord(ch)] == 0x80
    assert all(v != 0x80 for c, v in bmap.table.items() if chr(c) not in hsfilter.SPACES)
    # the ASCII white space is what bytes.split splits at
    assert {c for c in hsfilter.SPACES if c.isascii()} == set(" \t\n\r\x0b\x0c")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(list("ab é\t\n\r\x0b\x0c\x1c\x85\u00a0\u2009\u3000’—")), max_size=30)
)
def test_scanned_text_generated(chars: list[str]) -> None:
    bmap = hsfilter.ByteMap.for_sets([])
    text = "".join(chars)
    assert bmap.scanned(text) == _old_scanned(bmap, text)


def test_scanned_text_articles() -> None:
    bmap = hsfilter.ByteMap.for_sets([hsfilter.members(r"[’]", V0)])
    texts = [t for _p, t in corpora.articles()] + [t for _p, t in corpora.bench("*0.*")]
    assert len(texts) > 50
    for text in texts:
        assert bmap.scanned(text) == _old_scanned(bmap, text)
    assert bmap.scanned("中") is None


# ---------------------------------------------------------------------------------------------
# relaxing items that may match white space


@pytest.mark.parametrize(
    ("pattern", "flags", "text"),
    [
        # a repeated group whose last item may be white space: its first item may find the
        # run already counted (caught a relaxation that did not look round the repeat)
        (r"a(?:\s\s){2}b", V0, "a    b"),
        (r"(?:\s[^x]){2}", V0, " \t b"),
        (r"x(?:\s.){2}", V0, "x \t b"),
        # white space after white space may match nothing of the run
        (r"\b[ \t]+\s{2,}.{2}", V0 | IC, "a  \n  "),
        (r"\s{2}\s?  {1,3}", V0 | IC, "\t\u2009a    \n\n"),
        (r"[ \t]+[^x]+.", V0, "\u00a0\x1c\t\x1c\t"),
        (r"a\s{2,}[ -]\w+", V0 | IC, "xa\u00a0\n  xa\u00a0"),
        # \B between two white-space characters holds, next to the one space it may not
        (r"a\n\B *", V0 | IC, "a\n\x1cabbaé-"),
        (r"a\s\B\s+b", V0, "a   b"),
        (r"\B\s+b", V0, "a   b"),
        (r"\s+\B", V0, "a   b"),
        # the ends of the text: a run there is the space added at that end
        (r"^\s+said", V0, "  \n said"),
        (r"said\s+$", V0, "said \n\t"),
        (r"\s{3}", V0, "\n\n\n"),
        # look-behinds and look-aheads made text
        (r"(?<=\s\s)rose(?=\s\s)", V0, "prices \n rose \t by"),
        (r"(?<=\bprices\s{2})rose", V0, "prices  rose"),
        # phrases as the packs write them
        (r"(?<![\w])in\s+(?:[\w'’\-]+\s+)?front\s+of(?![\w])", V0 | IC, "in \n the  front\tof"),
    ],
)
def test_relaxed_white_space_cases(pattern: str, flags: int, text: str) -> None:
    assert _matches(pattern, flags, text)  # the case means what it says
    assert _lets_through(pattern, flags, text)


def test_phrases_stay_selective() -> None:
    # a space between two words stays one space: whole phrases are literals
    bmap = hsfilter.ByteMap.for_sets([])
    relaxed = hsfilter.relax(r"(?<![\w])declared\s+to\s+the\s+press(?![\w])", V0 | IC, bmap)
    assert relaxed == r"declared\x20to\x20the\x20press"
    assert _lets_through(r"declared\s+to\s+the\s+press", V0 | IC, "declared \n to  the\tpress")
    assert not _lets_through(r"declared\s+to\s+the\s+press", V0 | IC, "declared to thepress")


_ITEMS = [
    *("a", "b", "x", "-", " ", "  ", "\\n", "\\t", "é"),
    *("\\s", "\\s+", "\\s*", "\\s?", "\\s{2}", "\\s{2,}", "[ \\t]+", "[ -]", "[^x]", "."),
    *("\\w+", "\\W", "\\S", "[^\\n]{0,5}", ".{2}", "\\p{Zs}", "[\\s,]+"),
    *("\\b", "\\B", "^", "$"),
]
_GROUPS = ["(?:{})", "({})", "(?={})", "(?<={})", "(?!{})", "(?>{})"]
_QUANTS = ["", "", "", "?", "+", "*", "{2}", "{1,3}", "{0,2}", "+?"]


@st.composite
def _patterns(draw: st.DrawFn, depth: int = 0) -> str:
    out = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 2 and draw(st.integers(0, 6)) == 0:
            branches = draw(st.lists(_patterns(depth + 1), min_size=1, max_size=2))
            out.append(draw(st.sampled_from(_GROUPS)).format("|".join(branches)))
            out.append(draw(st.sampled_from(_QUANTS)))
        else:
            item = draw(st.sampled_from(_ITEMS))
            plain = item not in ("\\b", "\\B", "^", "$") and not item.endswith(("+", "*", "?", "}"))
            out.append(item + (draw(st.sampled_from(_QUANTS)) if plain else ""))
    return "".join(out)


_TEXT = st.lists(
    st.sampled_from([*"ab x-é\n\t", "\u00a0", "\u2009", "  ", "\n\n", " \t ", "\x1c"]),
    max_size=14,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_patterns(), st.booleans(), st.lists(_TEXT, min_size=1, max_size=8))
def test_generated_patterns_and_white_space(pattern: str, caseless: bool, texts: list[str]) -> None:
    flags = V0 | (IC if caseless else 0)
    try:
        regex.compile(pattern, flags)
    except regex.error:
        return
    flt = hsfilter.build([(pattern, flags)])
    assert flt is not None
    for text in texts:
        if _matches(pattern, flags, text):
            cands = flt.candidates(text)
            assert cands is None or 0 in cands, (pattern, text)


# ---------------------------------------------------------------------------------------------
# every pack regex on the articles at hand


def test_no_pack_regex_that_matches_an_article_is_ruled_out() -> None:
    from lintnews.config import Settings
    from lintnews.engine import get_registry
    from lintnews.packs import PatternRule

    patterns = [
        (mt.source, mt.flags)
        for r in get_registry(Settings())
        if type(r) is PatternRule
        for mt in r.matchers
    ]
    flt = hsfilter.load(patterns, build_missing=False) or hsfilter.build(patterns)
    assert flt is not None
    compiled = [regex.compile(src, flags) for src, flags in patterns]
    texts = [t for _p, t in corpora.articles()] + [t for _p, t in corpora.bench("*[05].*")]
    scanned = 0
    for text in texts:
        cands = flt.candidates(text)
        if cands is None:
            continue
        scanned += 1
        for k, rx in enumerate(compiled):
            if k not in cands:
                assert not any(m.end() > m.start() for m in rx.finditer(text)), (
                    patterns[k][0][:80],
                    text[:80],
                )
    assert scanned > len(texts) * 0.8
