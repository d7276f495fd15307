"""Searching a pack regex only near its literals finds exactly what a whole-text search finds."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from lintnews import reach
from lintnews.config import Settings
from lintnews.engine import get_registry
from lintnews.packs import PatternRule
from lintnews.prefilter import Occurrences, normalize
from lintnews.source import LineIndex

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "clean_news").iterdir())


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\bdeclared to the press\b", 0, (22, 0, 0, 0)),
        (r"\bdeclared\s+to\b", regex.I, (11, 1, 0, 0)),
        (r"\b\w+ly\s+said\b", 0, (7, 1, 1, 0)),
        (r"(?m)^[ \t]*Click[^\n]*", 0, (6, 1, 0, 1)),
        (r"\bone(?=\s+of\s+the)\b", 0, (9, 2, 0, 0)),
        (r"(?<=\bhas\s)\w{2,5}ed", 0, (12, 0, 0, 0)),
        (r"\b(?:a|bb|ccc){0,2}x\b", 0, (8, 0, 0, 0)),
        (r"\p{Lu}\p{Ll}+ said", 0, (7, 0, 1, 0)),
    ],
)
def test_reach_bounds(pattern: str, flags: int, expected: tuple[int, int, int, int]) -> None:
    assert reach.reach(pattern, flags) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?s)said.*today",  # any character, newlines included: unbounded
        r"said[^,]*,",  # a class that takes newlines and spaces: unbounded
        r"(?:said )+",  # a repeated group
        r"\X+said",  # graphemes: not modelled
        r"said{e<=1}",  # fuzzy matching
        r"(?:said)?",  # can match the empty string
        r"\P{L}+said",  # a negated property may take whitespace
        r"(?r)said",  # reverse search
    ],
)
def test_reach_gives_up(pattern: str) -> None:
    assert reach.reach(pattern, 0) is None


def test_layout_maps_folded_positions_into_the_view() -> None:
    view = "  The   minister\n\n\tdeclared  to the\u00a0\u00a0press.   \n"
    folded = normalize(view)
    lay = reach.Layout(view)
    assert lay.ok and lay.longest_ws == 4 and lay.longest_token == 8
    for word in ("the", "minister", "declared", "to", "press."):
        f = folded.index(f" {word}") + 1
        v = view.index(word) if word != "the" else view.index("The")
        assert lay.view_lo(f) <= v <= lay.view_hi(f)
        assert view[v : v + len(word)].casefold() == folded[f : f + len(word)]


def test_casefold_changing_length_turns_windows_off() -> None:
    assert not reach.Layout("Die Straße ist lang.").ok


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in FIXTURES]
    rules = [r for r in get_registry(Settings()) if isinstance(r, PatternRule)]
    examples = [t for r in rules for t in r.bad]
    # examples packed into long texts, with odd whitespace between them
    seps = ["\n\n", "   ", "\n", " \t ", "\u00a0", "  \n  "]
    for i in range(0, len(examples), 40):
        chunk = examples[i : i + 40]
        texts.append("".join(t + seps[j % len(seps)] for j, t in enumerate(chunk)))
    return texts


def test_windowed_search_equals_whole_search() -> None:
    rules = [r for r in get_registry(Settings()) if isinstance(r, PatternRule)]
    matchers = [
        (mt, r)
        for r in rules
        for mt in r.matchers
        if mt.req and reach.reach(mt.source, mt.flags) is not None
    ]
    assert len(matchers) > 1500
    windowed = 0
    for text in _texts():
        folded = normalize(text)
        lay = reach.Layout(text)
        if not lay.ok:
            continue
        occ = Occurrences(folded, ())
        for mt, rule in matchers:
            lits = [lit for lit in mt.req[0] if lit in folded]
            if not lits:
                continue
            width = lay.width(reach.reach(mt.source, mt.flags))
            wins = reach.windows(lay, occ, lits, width, limit=1.0)
            if wins is None:
                continue
            whole = [m.span() for m in mt.rx.finditer(text)]
            near = [m.span() for m in reach.finditer(mt.rx, text, wins, width)]
            assert near == whole, (rule.code, mt.source)
            windowed += bool(whole)
    assert windowed > 300  # enough searches that found something


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?m)^[ \t]*Click here", "line"),
        (r"^Click", "text"),
        (r"\AClick", "text"),
        (r"(?m)(?:^|x)Click", None),
        (r"Click(?m)", None),
        (r"(?m)^(?:Click)?", None),  # may match the empty string
    ],
)
def test_anchor(pattern: str, expected: str | None) -> None:
    assert reach.anchor(pattern) == expected


def test_anchored_search_equals_whole_search() -> None:
    rules = [r for r in get_registry(Settings()) if isinstance(r, PatternRule)]
    kinds = [(mt, r, reach.anchor(mt.source, mt.flags)) for r in rules for mt in r.matchers]
    anchored = [(mt, r, kind) for mt, r, kind in kinds if kind]
    assert len(anchored) > 20
    found = 0
    for text in _texts():
        starts = LineIndex(text).starts
        for mt, rule, kind in anchored:
            at = starts if kind == "line" else [0]
            whole = [m.span() for m in mt.rx.finditer(text)]
            assert [m.span() for m in reach.finditer_at(mt.rx, text, at)] == whole, rule.code
            found += bool(whole)
    assert found > 20


def test_doubled_word_hint_finds_what_the_plain_pattern_finds() -> None:
    from lintnews import document as docmod
    from lintnews.packs import RepetitionRule
    from lintnews.registry import Context

    rule = next(r for r in get_registry(Settings()) if r.code == "GB001")
    assert isinstance(rule, RepetitionRule) and rule._rx_hint is not None
    numbers = "It rose ½ ½ a point, then ² ² and Ⅻ Ⅻ; the the end."
    texts = [*_texts(), numbers, "Ⅻ Ⅻ was it."]
    for p in FIXTURES:  # every 40th word written twice, in varying case
        words = p.read_text(encoding="utf-8").split(" ")
        texts.append(
            " ".join(
                w + " " + (w.upper() if i % 80 else w) if i % 40 == 0 else w
                for i, w in enumerate(words)
            )
        )
    hinted = 0
    for i, text in enumerate(texts):
        doc = docmod.parse(f"t{i}.txt", text, settings=Settings(cache_dir=""))
        fast = [(d.start, d.end, d.message) for d in rule.check(doc, Context(Settings()))]
        plain = [(m.start(1), m.end(3)) for m in rule.rx.finditer(doc.view)]
        hint, rule._rx_hint = rule._rx_hint, None
        try:
            slow = [(d.start, d.end, d.message) for d in rule.check(doc, Context(Settings()))]
        finally:
            rule._rx_hint = hint
        assert fast == slow, text[:80]
        hinted += bool(plain)
    assert hinted > 10
    doc = docmod.parse("n.txt", numbers, settings=Settings(cache_dir=""))
    found = {doc.view[d.start : d.end] for d in rule.check(doc, Context(Settings()))}
    assert {"½ ½", "² ²", "the the"} <= found
