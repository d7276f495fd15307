"""Narrowing (hsfilter.narrow): a pattern whose ways in are all common is scanned as a
factor of itself that starts at a rare part. The factor must match wherever the regex does."""

from __future__ import annotations

from collections.abc import Callable

import corpora
import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews import hsfilter
from lintnews.config import Settings
from lintnews.engine import get_registry
from lintnews.packs import PatternRule

hs = pytest.importorskip("hyperscan")

IC, V0 = regex.IGNORECASE, regex.V0


def _pack_patterns() -> list[tuple[str, int, list[str]]]:
    """Every pack regex, with its rule's bad examples."""
    out = []
    for r in get_registry(Settings()):
        if type(r) is PatternRule:
            for mt in r.matchers:
                out.append((mt.source, mt.flags, list(r.bad)))
    return out


def _missed(
    patterns: list[tuple[str, int]],
    texts: list[str],
    narrow: Callable[[str], str] = hsfilter.narrow,
) -> list[tuple[str, str]]:
    """(pattern, text) where the regex finds a non-empty match but the narrowed relaxed
    pattern, scanned alone, does not match the scanned text."""
    sets: list[frozenset[str]] = []
    for src, flags in patterns:
        sets.extend(hsfilter.items(src, flags) or ())
    bmap = hsfilter.ByteMap.for_sets(set(sets))
    scanned = [bmap.scanned(t) for t in texts]
    missed = []
    for src, flags in patterns:
        relaxed = hsfilter.relax(src, flags, bmap)
        assert relaxed is not None, src
        expr = narrow(relaxed)
        db = hsfilter._database(hs, [expr.encode("ascii")], [0], [hsfilter._hs_flags(hs, flags)])
        assert db is not None, expr
        rx = regex.compile(src, flags)
        for text, data in zip(texts, scanned, strict=True):
            if data is None or not any(m.end() > m.start() for m in rx.finditer(text)):
                continue
            got: list[int] = []
            db.scan(data, match_event_handler=lambda i, *_a, got=got: got.append(i))
            if not got:
                missed.append((src, text))
    return missed


# a pattern of the kind narrowing is for: common ways in, an unbounded stretch, a rare part
COUNTRY = (
    r"\b(?:this|the)\s+(?:[\w-]+\s+)?country\s+(?:from|of)\s+"
    r"(?:central|south|eastern|west)\s+(?:asia|africa|america)\b"
)
WEEKDAY = r"(?<=\b(?:\w+ed|said|told|met)\s+)this (?:monday|friday)\b"
DELIVERED = r"\b(?:was|were|is)\s+(?:\w+\s+)?delivered to (?:the )?police station\b"


def _narrowed(src: str, flags: int) -> tuple[str, str]:
    bmap = hsfilter.ByteMap.for_sets(set(hsfilter.items(src, flags) or ()))
    relaxed = hsfilter.relax(src, flags, bmap)
    assert relaxed is not None
    return relaxed, hsfilter.narrow(relaxed)


@pytest.mark.parametrize(
    ("src", "flags", "factor"),
    [
        (COUNTRY, V0 | IC, "country\\x20"),
        (WEEKDAY, V0 | IC, "\\x20this\\x20"),
        (DELIVERED, V0 | IC, "delivered\\x20to"),
    ],
)
def test_a_pattern_with_common_ways_in_is_cut_at_its_rare_part(
    src: str, flags: int, factor: str
) -> None:
    relaxed, narrowed = _narrowed(src, flags)
    assert narrowed != relaxed and narrowed.startswith(factor)
    # a factor: what is left is the end of the relaxed pattern (groups that only wrap a
    # sequence aside)
    assert (
        relaxed.replace("(?:", "")
        .replace(")", "")
        .endswith(narrowed.replace("(?:", "").replace(")", ""))
    )


@pytest.mark.parametrize(
    "src",
    [
        r"\bthe firm of the (?:agreement|accord|treaty)\b",  # literal text: rare as a whole
        r"\b[Tt]he (?:Greece|France|Spain) (?:said|says)",  # bounded: Hyperscan copes
        r"\b(?:the|a)\s+(?:\w+\s+)?(?:said|told)\b",  # nothing much rarer to cut to
        r"\bcountry\b",
    ],
)
def test_other_patterns_are_left_alone(src: str) -> None:
    relaxed, narrowed = _narrowed(src, V0 | IC)
    assert narrowed == relaxed


def test_a_branch_is_cut_alone() -> None:
    _relaxed, narrowed = _narrowed(COUNTRY + r"|\bthe\s+said\b", V0 | IC)
    assert narrowed.endswith("|\\bthe\\x20said\\b") and narrowed.startswith("country")


def test_text_relax_does_not_write_is_left_alone() -> None:
    for odd in ("a(?=b)", "a{", "(?:ab", "ab)", "[a-", "\\d"):
        assert hsfilter.narrow(odd) == odd


HITS = [
    "We learned this country of Central Asia is big.",
    "The  Kyrgyz country\nfrom central Africa voted.",
    "It is the small-ish country of West America, said one.",
    "She met this Monday, he said this friday.",
    "He was quickly delivered to the police  station.",
    "They were delivered to\npolice station no. 5",
]


def test_factors_match_the_examples() -> None:
    patterns = [(COUNTRY, V0 | IC), (WEEKDAY, V0 | IC), (DELIVERED, V0 | IC)]
    assert _missed(patterns, HITS) == []


def test_a_wrong_narrowing_is_caught() -> None:
    # a "factor" that keeps a stretch the match need not hold (here: what comes before
    # the cut, required) must be reported: the check above can fail
    def wrong(expr: str) -> str:
        got = hsfilter.narrow(expr)
        return got if got == expr else "zzz" + got

    patterns = [(COUNTRY, V0 | IC), (WEEKDAY, V0 | IC), (DELIVERED, V0 | IC)]
    assert len(_missed(patterns, HITS, wrong)) >= 3

    # and one that cuts somewhere else than at a segment's start (inside literal text)
    def inside(expr: str) -> str:
        got = hsfilter.narrow(expr)
        return got if got == expr else got.replace("country", "countryman", 1)

    assert _missed([(COUNTRY, V0 | IC)], HITS, inside) != []


def test_pack_patterns_that_are_narrowed_match_their_examples_and_texts() -> None:
    packs = _pack_patterns()
    sets: list[frozenset[str]] = []
    for src, flags, _bad in packs:
        sets.extend(hsfilter.items(src, flags) or ())
    bmap = hsfilter.ByteMap.for_sets(set(sets))
    cut = []
    for src, flags, bad in packs:
        relaxed = hsfilter.relax(src, flags, bmap)
        if relaxed and hsfilter.narrow(relaxed) != relaxed:
            cut.append((src, flags, bad))
    assert len(cut) >= 20  # narrowing is at work on the built-in rules
    texts = [t for _s, _f, bad in cut for t in bad]
    texts += [t for t in corpora.texts(300)][:600]
    texts += [t.upper() for t in texts[:50]]
    assert _missed([(s, f) for s, f, _b in cut], texts) == []


_WORDS = st.sampled_from(
    "the a of this said told met country central asia per mille 12 3,5 emergency plan "
    "national delivered to police station , . - \u00e9t\u00e9 Reiwa 5".split()
)
_GAPS = st.sampled_from([" ", "  ", "\n", "\u00a0", ", ", "-", ""])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_WORDS, _GAPS), min_size=1, max_size=14))
def test_generated_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + g for w, g in parts)
    patterns = [
        (COUNTRY, V0 | IC),
        (WEEKDAY, V0 | IC),
        (DELIVERED, V0 | IC),
        (r"\b(?:the|a|of)\s+(?:\w+\s+of\s+)?(?:emergency|plan)\s+national\b", V0 | IC),
        (r"\b\d+(?:[.,]\d+)?\s?(?:per ?mille|promille)", V0 | IC),
    ]
    assert _missed(patterns, [text, text.upper()]) == []
