"""The Hyperscan filter only ever rules out pack regexes that cannot match a document."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import corpora
import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews import hsfilter
from lintnews.config import Settings
from lintnews.engine import get_registry
from lintnews.packs import PatternRule
from lintnews.prefilter import MatcherIndex, normalize

hs = pytest.importorskip("hyperscan")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "clean_news").iterdir())
SEEDS = ROOT.parent / "shared" / "seeds"
HELDOUT = corpora.FOLDERS[2]
IC, V0 = regex.IGNORECASE, regex.V0


def _matchers() -> list[tuple[PatternRule, object]]:
    reg = get_registry(Settings())
    return [(r, mt) for r in reg if type(r) is PatternRule for mt in r.matchers]


@pytest.fixture(scope="module")
def pack_filter() -> tuple[hsfilter.Filter, list[tuple[str, int]]]:
    """The filter of every pack regex of the built-in rules, as runs use it (compiled here
    when the cache does not have it yet)."""
    patterns = [(mt.source, mt.flags) for _r, mt in _matchers()]  # type: ignore[attr-defined]
    old = os.environ.get("LINTNEWS_HYPERSCAN")
    os.environ["LINTNEWS_HYPERSCAN"] = "sync"
    try:
        flt = hsfilter.load(patterns)
    finally:
        if old is None:
            del os.environ["LINTNEWS_HYPERSCAN"]
        else:
            os.environ["LINTNEWS_HYPERSCAN"] = old
    assert flt is not None
    return flt, patterns


def _one(pattern: str, flags: int, texts: list[str]) -> list[bool]:
    """Whether the filter of this one pattern lets each text through."""
    flt = hsfilter.build([(pattern, flags)])
    assert flt is not None and flt.unscanned == []
    return [bool(flt.candidates(t)) for t in texts]


# ---------------------------------------------------------------------------------------------
# relaxing single patterns


@pytest.mark.parametrize(
    ("pattern", "flags", "hit", "miss"),
    [
        # assertions dropped: the relaxed pattern matches wherever the original does
        (r"\bsaid\b", V0 | IC, "He said so.", "He sad so."),
        # ... but for word boundaries, which Hyperscan has: they hold where the regex
        # module's do, next to letters beyond ASCII too
        (r"\b(?:the\s+an?)\b", V0 | IC, "read the a priori", "read the area"),
        (r"\bété\b", V0 | IC, "un ÉTÉ chaud", "un étéx chaud"),
        (r"\bCPI\b", V0, "le CPI’s", "le CPIé"),
        (r"\Bnal\b", V0, "journal.", "nal."),
        # a look-behind that opens the pattern, a look-ahead that ends it: matched as text
        (r"(?<=\bprices\s)rose(?=\s+by\b)", V0, "prices rose by 3%", "prices rose to 3%"),
        (r"(?<=\bprices\s)rose(?=\s+by\b)", V0, "prices rose by 3%", "costs rose by 3%"),
        (r"x(?=yz)(?=y)", V0, "xyz", "xy"),
        (r"(?<=a)(?<=[ab])c|d(?=e)", V0, "ac de", "bc dx"),
        # elsewhere look-arounds are dropped: here the match overlaps what it looks at
        (r"a(?=bc)b", V0, "abc", "ac"),
        (r"(?<=\bhas\s)been(?!\s+told)", V0 | IC, "It has been done.", "It has bean done."),
        (r"(?m)^Click here[^\n]*$", V0 | IC, "x\nclick HERE to read", "x\nclick there"),
        # case: caseless patterns fold, case-sensitive ones do not, inline flags are obeyed
        (r"Palaces of power", V0 | IC, "the PALACES OF POWER", "the palaces of powder"),
        (r"Csto\b", V0, "the Csto said", "the CSTO said"),
        (r"(?i:tass) reported", V0, "TASS reported", "TASS Reported"),
        # (a case-sensitive part of a caseless pattern is scanned caselessly: a superset)
        (r"(?-i:TASS) said", V0 | IC, "TASS SAID", "TASS SAD"),
        # characters beyond ASCII: classes worked out by the regex module itself
        (r"\bministère\b", V0 | IC, "le MINISTÈRE a dit", "le ministere a dit"),
        (r"\p{Lu}\p{Ll}+ said", V0, "Łukasz said", "lukasz said"),
        (r"[«»]\s*\w+", V0, "« Привет", "Привет"),
        (r"\d+\s?€", V0, "costs 12\u00a0€", "costs twelve €"),
        (r"‘\w+’", V0, "the ‘word’ is", "the 'word' is"),
        (r"\w+😀", V0, "ok😀", "ok 😀"),
        # repeats: counted ones relaxed, lazy and possessive ones made greedy
        # (white-space runs are scanned as one space: "of the" and "of   the" scan alike)
        (r"of\s{2,}the", V0, "of   the", "ofthe"),
        (r"a{,2}b{3}", V0, "bbb", "bb"),
        (r"x[^.;]{0,100}?\bCPI\b", V0, "x " + "y" * 90 + " CPI", "x. CPI"),
        (r"(?>ab|a)c", V0, "abc", "bc"),
        (r"\d++%", V0, "12%", "%"),
        # dot: no newline unless DOTALL
        # (a newline is scanned as the space of its run, so "said\ntoday" passes the scan)
        (r"said.today", V0, "said today", "said, today"),
        (r"(?s)said.today", V0, "said\ntoday", "saidtoday"),
        # groups of every kind, and escapes
        (r"(?P<who>the|a) (?:minister|envoy)\.", V0 | IC, "The envoy.", "The envoys"),
        (r"\x41\u00e9\N{EM DASH}", V0, "Aé—", "Ae-"),
        (r"[\w'’-]+ly\b", V0, "it’s-ly", "ly"),
    ],
)
def test_relaxed_pattern_matches_where_the_original_does(
    pattern: str, flags: int, hit: str, miss: str
) -> None:
    rx = regex.compile(pattern, flags)
    assert rx.search(hit) and not rx.search(miss)  # the cases mean what they say
    assert _one(pattern, flags, [hit, miss]) == [True, False]


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\b(\w+) \1\b", V0),  # back-reference
        (r"(a)?(?(1)b|c)", V0),  # conditional
        (r"(?x) said ", V0),  # verbose inline flag
        (r"said", V0 | regex.VERBOSE),
        (r"said", regex.V1),
        (r"\L<names>", V0),  # named list
        (r"\bsaid{e<=1}", V0),  # fuzzy matching
        (r"\X+", V0),  # graphemes
        (r"(?:\b)?", V0),  # nothing left but the empty string
        (r"(?!said)", V0),
        (r"(unbalanced", V0),
    ],
)
def test_constructs_not_handled_leave_the_pattern_out(pattern: str, flags: int) -> None:
    bmap = hsfilter.ByteMap.for_sets([])
    assert hsfilter.relax(pattern, flags, bmap) is None


def test_unhandled_pattern_is_always_a_candidate() -> None:
    flt = hsfilter.build([(r"\b(\w+) \1\b", V0), (r"said", V0)])
    assert flt is not None and flt.unscanned == [0]
    assert flt.candidates("nothing here") == {0}
    assert flt.candidates("he said") == {0, 1}


def test_a_pattern_hyperscan_rejects_is_found_and_left_out() -> None:
    # "x?" relaxes to itself, which can match the empty string: Hyperscan refuses the whole
    # database, and the build finds the culprit by halving
    flt = hsfilter.build([("said", V0), (r"x?", V0), ("told", V0)])
    assert flt is not None and flt.unscanned == [1]
    assert flt.candidates("he told them") == {1, 2}


def test_text_outside_the_alphabet_is_not_scanned() -> None:
    flt = hsfilter.build([(r"said", V0 | IC)])
    assert flt is not None
    assert flt.candidates("He said 中国") is None  # CJK ideographs
    assert flt.candidates("İstanbul, he said") is None  # dotted capital I (excluded)
    assert flt.candidates("He SAID in Kraków") == {0}
    assert flt.candidates("He did not") == set()
    assert flt.bmap.encode("plain ascii") == b"plain ascii"
    assert flt.bmap.encode("\ud800") is None  # a lone surrogate


def test_excluded_characters_are_the_ones_that_fold_onto_other_ascii_letters() -> None:
    for ch in "abcdefghijklmnopqrstuvwxyz":
        folds = {c for c in hsfilter._ALPHABET_TEXT if regex.fullmatch(ch, c, V0 | IC)}
        assert folds == {ch, ch.upper()}, ch
    for ch in hsfilter.EXCLUDED:
        assert any(regex.fullmatch(a, ch, V0 | IC) for a in "iks")


def test_byte_map_separates_what_the_patterns_tell_apart() -> None:
    sets = [hsfilter.members(r"[’]", V0), hsfilter.members(r"[«»]", V0)]
    bmap = hsfilter.ByteMap.for_sets(sets)
    b = bmap.table
    assert b[ord("’")] != b[ord("‘")]  # one set holds one and not the other
    assert b[ord("«")] == b[ord("»")] != b[ord("‘")]
    assert b[ord("‘")] == b[ord("—")]  # no set tells these apart
    # every word character is "_", every other character a byte from 0x80
    assert b[ord("é")] == b[ord("Ж")] == b[ord("٣")] == ord("_")
    for c, v in b.items():
        assert (v == ord("_")) == bool(regex.match(r"\w", chr(c))), hex(c)
        assert v == ord("_") or 0x80 <= v <= 0xFE


# ---------------------------------------------------------------------------------------------
# every pack regex on real and generated text


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in FIXTURES]
    texts += [text for _p, text in corpora.articles((SEEDS, HELDOUT), {".md"})]
    rules = [r for r in get_registry(Settings()) if isinstance(r, PatternRule)]
    examples = [t for r in rules for t in (*r.bad, *r.good)]
    seps = ["\n\n", "   ", "\n", " \t ", "\u00a0", "  \n  ", " — ", "“", "” "]
    for i in range(0, len(examples), 40):
        chunk = examples[i : i + 40]
        texts.append("".join(t + seps[j % len(seps)] for j, t in enumerate(chunk)))
    # the same examples in upper case, in title case and with accented look-alikes
    swaps = str.maketrans({"e": "é", "a": "à", "o": "ö", "'": "’", '"': "”", " ": "\u00a0"})
    for i in range(0, len(examples), 60):
        chunk = " ".join(examples[i : i + 60])
        texts += [chunk.upper(), chunk.title(), chunk.translate(swaps)]
    return texts


def _missed(
    flt: hsfilter.Filter, patterns: list[tuple[str, int]], texts: list[str]
) -> list[tuple[str, str]]:
    compiled = [regex.compile(src, flags) for src, flags in patterns]
    missed = []
    for text in texts:
        cands = flt.candidates(text)
        if cands is None:
            continue
        for k, rx in enumerate(compiled):
            if k in cands:
                continue
            if any(m.end() > m.start() for m in rx.finditer(text)):
                missed.append((patterns[k][0][:80], text[:80]))
    return missed


def test_no_pack_regex_that_matches_is_ruled_out(pack_filter) -> None:  # type: ignore[no-untyped-def]
    flt, patterns = pack_filter
    texts = _texts()
    scanned = sum(flt.candidates(t) is not None for t in texts)
    assert scanned >= len(texts) * 0.9  # the test does test something
    assert _missed(flt, patterns, texts) == []
    assert len(flt.unscanned) < len(patterns) // 20  # nearly every pattern is scanned


def test_the_filter_rules_most_candidates_out(pack_filter) -> None:  # type: ignore[no-untyped-def]
    flt, patterns = pack_filter
    text = FIXTURES[0].read_text(encoding="utf-8")
    cands = flt.candidates(text)
    assert cands is not None and len(cands) < len(patterns) // 20


_CHARS = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ.,;:'\"-\n\t0123456789")
    + list("éÉàöüßçñłŁşğıжЖ’‘“”«»—–…€£°½²\u00a0\u2009😀")
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=6),
    st.lists(_CHARS, max_size=40).map("".join),
)
def test_generated_text_around_rule_examples(picks: list[int], noise: str) -> None:
    # a few bad examples of random rules, with random characters between and around them
    flt, patterns = _cached_filter()
    rules = [r for r in get_registry(Settings()) if isinstance(r, PatternRule) and r.bad]
    parts = [rules[p % len(rules)].bad[p % len(rules[p % len(rules)].bad)] for p in picks]
    text = noise.join(parts) + noise
    assert _missed(flt, patterns, [text, text.upper(), text.lower()]) == []


_FILTER: list[tuple[hsfilter.Filter, list[tuple[str, int]]]] = []


def _cached_filter() -> tuple[hsfilter.Filter, list[tuple[str, int]]]:
    if not _FILTER:
        patterns = [(mt.source, mt.flags) for _r, mt in _matchers()]  # type: ignore[attr-defined]
        flt = hsfilter.load(patterns)
        if flt is None:
            flt = hsfilter.build(patterns)
        assert flt is not None
        _FILTER.append((flt, patterns))
    return _FILTER[0]


# ---------------------------------------------------------------------------------------------
# in a run


def _fresh_index() -> MatcherIndex:
    return MatcherIndex((r, r.matchers) for r in get_registry(Settings()) if type(r) is PatternRule)


def test_an_index_without_a_filter_looks_again_later(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lintnews.prefilter import BUILD_AFTER

    asked: list[bool] = []

    def load(patterns, build_missing=True):  # type: ignore[no-untyped-def]
        asked.append(build_missing)
        return None  # not compiled (yet)

    monkeypatch.setattr(hsfilter, "load", load)
    index = _fresh_index()
    text = FIXTURES[1].read_text(encoding="utf-8")
    folded = normalize(text)
    for _ in range(2 * BUILD_AFTER + 2):
        index.hits(folded, text)
    # from the second document on, then every BUILD_AFTER documents; a build is asked for
    # only once the run is long enough to make up for it
    assert asked == [False, True, True]


def test_index_uses_the_filter_from_the_second_document(pack_filter) -> None:  # type: ignore[no-untyped-def]
    # an index of its own: the registry's may have looked for the database before it was built
    index = MatcherIndex(
        (r, r.matchers) for r in get_registry(Settings()) if type(r) is PatternRule
    )
    text = FIXTURES[1].read_text(encoding="utf-8")
    folded = normalize(text)
    plain, _ = index.hits(folded)  # no view given: the literal prefilter only
    index._docs = 1  # as if one document had been checked
    filtered, _ = index.hits(folded, text)
    n_plain = sum(len(v) for v in plain.values())
    n_filtered = sum(len(v) for v in filtered.values())
    assert index.scan_filter() is not None
    assert 0 < n_filtered < n_plain / 2

    # what is left is a subset, in the same order, with the same literals (in any order)
    def same(entries: list) -> list:  # type: ignore[type-arg]
        return [(mt, sorted(lits) if lits else lits, plan) for mt, lits, plan in entries]

    for key, entries in filtered.items():
        kept = {id(mt) for mt, _l, _p in entries}
        assert same([e for e in plain[key] if id(e[0]) in kept]) == same(entries)


def _check(folder: Path, env: dict[str, str]) -> list[dict[str, object]]:
    cmd = [sys.executable, "-m", "lintnews", "check", "--output-format", "json", "--no-cache"]
    out = subprocess.run(
        [*cmd, "--extend-select", "CL,CN,GB,MT,TY", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_findings_are_the_same_with_and_without_the_filter(pack_filter, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "articles"
    folder.mkdir()
    for p in FIXTURES:
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    if SEEDS.is_dir():
        for p in SEEDS.glob("*.md"):
            (folder / f"seed-{p.name}").write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    on = _check(folder, {**os.environ, "LINTNEWS_HYPERSCAN": "1"})
    off = _check(folder, {**os.environ, "LINTNEWS_HYPERSCAN": "0"})
    assert len(on) > 20
    assert on == off


def test_a_missing_database_is_built_in_the_background(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LINTNEWS_PACK_CACHE", str(tmp_path))
    monkeypatch.delenv("LINTNEWS_HYPERSCAN", raising=False)
    patterns = [(r"\bpalaces of power\b", V0 | IC), (r"(?<=\bthe )OTSC\b", V0)]
    folder = tmp_path / "hyperscan"
    # a short run does not ask for a build (the index asks from its 50th document on)
    assert hsfilter.load(patterns, build_missing=False) is None
    assert not folder.exists() or not list(folder.iterdir())
    assert hsfilter.load(patterns) is None  # not compiled yet: no run waits for it
    assert list(folder.glob("*.lock"))
    assert hsfilter.load(patterns) is None  # and a second run starts no second build
    deadline = time.time() + 120
    flt = None
    while time.time() < deadline:
        if not list(folder.glob("*.lock")):
            flt = hsfilter.load(patterns)
            break
        time.sleep(0.2)
    assert flt is not None
    assert flt.candidates("The Palaces of Power and the OTSC") == {0, 1}
    assert flt.candidates("the palace") == set()
    assert not list(folder.glob("*.job"))


def test_turned_off_or_caches_off(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LINTNEWS_HYPERSCAN", "0")
    assert hsfilter.load([("said", V0)]) is None
    monkeypatch.setenv("LINTNEWS_HYPERSCAN", "1")
    monkeypatch.setenv("LINTNEWS_PACK_CACHE", "")
    assert hsfilter.load([("said", V0)]) is None


def test_this_hyperscan_passes_the_probe() -> None:
    # the version pinned in pyproject.toml; a later wheel with Vectorscan 5.4.12 fails it
    # and would then filter nothing (every candidate runs, as without Hyperscan)
    assert hsfilter.sound(hs)


def test_a_library_that_fails_the_probe_filters_nothing(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(hsfilter, "_PROBES", [(rb"said", b"he did not")])
    flt = hsfilter.build([("said", V0)])
    assert flt is not None and flt.candidates("he said") is None


def test_builder_usage_error() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "lintnews.hsfilter"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 2 and "usage" in out.stderr
