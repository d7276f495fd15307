"""The document's word and sentence shortcuts give exactly what the regex module gives.

``Document.words`` and ``Document.sentences`` use standard-library patterns (FAST_WORD_RE,
_FAST_SENT_END, _FAST_ABBREV_END) on a view whose characters all lie in FAST_RANGES, and the
regex module's patterns (WORD_RE, _SENT_END, _ABBREV_END) on any other view. The fast patterns'
character classes are spelt out from the regex module's; here every code point of FAST_RANGES
is checked against the class it stands for, the range test against every code point there is,
and both paths against the regex module's on the tests' articles, the seeds, the held-out set,
the benchmark corpus (when present), adversarial Unicode and generated text.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from typing import Any

import corpora
import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews import document as docmod
from lintnews.checks import spelling
from lintnews.config import Settings
from lintnews.document import (
    _ABBREV_END,
    _FAST_ABBREV_END,
    _FAST_SENT_END,
    _SENT_END,
    ABBREVIATIONS,
    FAST_RANGES,
    FAST_WORD_RE,
    PROSE_KINDS,
    WORD_RE,
    Document,
    Sentence,
    in_fast_ranges,
    parse,
    split_sentences,
)
from lintnews.engine import _run, _RunPlan, get_registry, lint_text
from lintnews.packs import PatternRule
from lintnews.registry import Context


def _texts() -> list[tuple[str, str]]:
    lits = [(f"literal-{name}.md", text) for name, text in corpora.literals()]
    return corpora.articles() + lits


TEXTS = _texts()

IN_FAST = [(a, b) for a, b in FAST_RANGES]


def _in_ranges(c: int) -> bool:
    return any(a <= c <= b for a, b in IN_FAST)


def _fast_codes() -> Iterator[int]:
    for a, b in FAST_RANGES:
        yield from range(a, b + 1)


# ---------------------------------------------------------------------------------------------
# the character classes, code point by code point


@pytest.mark.parametrize(
    "prop", [r"[\p{L}\p{N}]", r"\s", r"[\p{Lu}\p{N}]", r"[\p{L}.]"], ids=["LN", "s", "LuN", "L."]
)
def test_classes_agree_on_every_code_point_of_the_fast_ranges(prop: str) -> None:
    """Exhaustive: for every code point of FAST_RANGES the spelt-out class matches exactly when
    the regex module's class does, and outside FAST_RANGES it matches nothing."""
    slow = regex.compile(prop)
    items = docmod._class_items(docmod._regex_class_codes(prop))
    fast = __import__("re").compile("[" + items + "]")
    for c in _fast_codes():
        ch = chr(c)
        assert (fast.match(ch) is not None) == (slow.match(ch) is not None), hex(c)
    for c in range(sys.maxunicode + 1):
        if not _in_ranges(c):
            assert fast.match(chr(c)) is None, hex(c)


def test_word_pattern_single_characters() -> None:
    """FAST_WORD_RE and WORD_RE agree on each code point of FAST_RANGES alone, and between
    letters (where the apostrophes and hyphen join words)."""
    for c in _fast_codes():
        ch = chr(c)
        for s in (ch, f"a{ch}b", f"{ch}{ch}", f"1{ch}2", f"é{ch}'{ch}-x"):
            assert [m.span() for m in FAST_WORD_RE.finditer(s)] == [
                m.span() for m in WORD_RE.finditer(s)
            ], hex(c)


def test_in_fast_ranges_on_every_code_point() -> None:
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    for ch in every:
        assert in_fast_ranges(ch) == _in_ranges(ord(ch)), hex(ord(ch))
        assert in_fast_ranges("plain text " + ch + " more") == _in_ranges(ord(ch)), hex(ord(ch))
    assert in_fast_ranges("")
    assert in_fast_ranges("ASCII only")
    assert in_fast_ranges("“Curly” — Łódź, Ελλάδα, Москва")
    assert not in_fast_ranges("日本")
    assert not in_fast_ranges("Emoji 😀")
    assert not in_fast_ranges("lone surrogate \udc80")
    assert not in_fast_ranges("Arabic ١٢٣")


# ---------------------------------------------------------------------------------------------
# documents: both paths against the regex module


_REF_ABBREV_END = regex.compile(r"([\p{L}.]+)\.$")


def _ref_split_sentences(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """split_sentences as it was before the shortcuts (the abbreviation searched in a slice)."""
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _SENT_END.finditer(view, start, end):
        stop = m.end()
        if view[m.start()] == "." and m.end() - m.start() == 1:
            wm = _REF_ABBREV_END.search(view[max(start, m.start() - 12) : m.start() + 1])
            if wm:
                token = wm.group(1).lower()
                if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
        spans.append((cur, stop))
        cur = stop
    spans.append((cur, end))
    out = []
    for s, e in spans:
        while s < e and view[s].isspace():
            s += 1
        while e > s and view[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _ref_words(doc: Document) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for bi in doc.prose_blocks:
        b = doc.blocks[bi]
        out.extend(m.span() for m in WORD_RE.finditer(doc.view, b.start, b.end))
    return out


def _ref_sentences(doc: Document) -> list[Sentence]:
    return [
        Sentence(s, e, bi)
        for bi, b in enumerate(doc.blocks)
        if b.kind in PROSE_KINDS
        for s, e in _ref_split_sentences(doc.view, b.start, b.end)
    ]


def _check_doc(doc: Document) -> None:
    assert doc.in_fast_ranges == in_fast_ranges(doc.view)
    assert doc.words == _ref_words(doc), doc.path
    assert doc.sentences == _ref_sentences(doc), doc.path
    for b in doc.blocks:
        assert split_sentences(doc.view, b.start, b.end) == _ref_split_sentences(
            doc.view, b.start, b.end
        )


def _check_text(path: str, text: str) -> bool:
    """Both paths agree on text (parsed as it is and as Markdown); True on the fast path."""
    fast = False
    for kind in (None, "markdown", "text"):
        doc = parse(path, text, kind)
        fast = fast or doc.in_fast_ranges
        _check_doc(doc)
    return fast


def test_same_on_articles() -> None:
    fast = sum(_check_text(path, text) for path, text in TEXTS)
    assert fast > len(TEXTS) // 2  # the fast path is exercised, not just the fallback
    assert fast < len(TEXTS)  # and so is the fallback


def test_same_on_bench_corpus() -> None:
    texts = corpora.bench()
    if not texts:
        pytest.skip(f"{corpora.BENCH_CORPUS} (the benchmark corpus) not present")
    for path, text in texts:
        doc = parse(path, text)
        _check_doc(doc)
    assert sum(parse(p, t).in_fast_ranges for p, t in texts[:200]) > 150


def test_fallback_is_taken_and_right() -> None:
    """A character outside FAST_RANGES sends the whole document down the regex path, and a
    letter or digit there (which the fast class lacks) is still part of a word."""
    text = (
        "Le maire a dit: “C’est fini.” Il a parlé à M. Dupont. Zhang 张伟 said 3.5 "
        "million. Then ١٢٣ people left. St. John’s well-known co-op. Q. Who? A. Me."
    )
    doc = parse("a.md", text)
    assert not doc.in_fast_ranges
    _check_doc(doc)
    words = [doc.view[s:e] for s, e in doc.words]
    assert "张伟" in words and "١٢٣" in words
    # and the fast pattern alone would be wrong here: the fallback is needed
    assert [m.span() for m in FAST_WORD_RE.finditer(doc.view)] != doc.words
    same = parse("a.md", text.replace("张伟", "Wei").replace("١٢٣", "123"))
    assert same.in_fast_ranges
    _check_doc(same)


ADVERSARIAL = [
    "Dr. Smith met Mr. Jones. Then J. R. R. Tolkien wrote. U.S. officials said so.",
    "Wait... What? No!! “Yes.” He left.) (She came.) ‘Quote.’ «Fin.» [Note.] 4. Four.",
    "e.g. This. i.e. That. a.m. Morning. Co. Ltd. Inc. Sen. Rep. Gov. Apr. 5.",
    "Ångström’s co-worker’s well-being—fine. Ωmega. Ж. ǅemal. ǈ. ß. İstanbul. ﬁne. ﬂ.",
    "Numbers ² ³ ¹ ¼ ½ ¾ ① ⑳ Ⅻ ⅻ ↀ ⁰ ₉ ℃ ℉ № ™ K Ω Å ℓ ℮ ℘.",
    "Spaces:\u00a0A.\u2002B.\u2003C.\u2009D.\u200aE.\u2028F.\u2029G.\u202fH.\u205fI.\x85J.",
    "Odd: \x1cA. \x1dB. \x1eC. \x1fD. \x0bE. \x0cF. \u180eG. \u200bH. \ufeffI. \u3000J.",
    "Combining: e\u0301te. Cafe\u0301. n\u0303. A\u0308B. \u0345x. Ι\u0345. ͅ.",
    "Greek: Ἀθῆναι. ᾼ. ῼ. ϐ ϑ ϒ ϓ ϔ ϕ ϖ ϗ Ϙ ϰ ϱ ϲ ϳ ϴ ϵ ϶ Ϸ ϸ Ϲ Ϻ ϻ ϼ Ͻ. Ͷ.",
    "Cyrillic: Ӏ ӏ Ԥ ԥ Ԧ ԧ Ԩ ԩ Ԫ ԫ Ԭ ԭ Ԯ ԯ. Ѣ. Ѵ. Ҁ ҁ ҂ ҃ ҄ ҅ ҆ ҇ ҈ ҉ Ҋ.",
    "Modifiers: ʰ ʲ ˀ ˁ ˂ ˅ ˆ ˑ ˒ ˟ ˠ ˤ ˥ ˫ ˬ ˭ ˮ ˯ ˿. ʼn. ʼ. ˈstress.",
    "Joiners: rock’n’roll, O'Neil, x-ray, -lead, trail-, a--b, a''b, a’-b, ’tis, '90s.",
    "Digits 0123 ٠١٢ ۰۱۲ ߀ ०१२ ০১ ੦ ૦ ୦ ௦ ౦ ೦ ൦ ๐ ໐ ༠ ၀ ႐ ០ ᠐ ᥆ ᧐ ０１２.",
    "Math 𝐀𝐁 𝟎𝟏 and letters 𐐀 𝔸 and emoji 👍🏽. End.",
    "\x00\x01 Nul. \ud800 lone. \udfff lone. \U0010ffff max.",
    "No space.Next. Two  spaces.  Next. Tab.\tNext. Line.\nNext. CR.\r\nNext.",
    "1. One. 2. Two. A. Letter. I. Roman. v. Versus. vs. Versus. No. 5.",
]


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_same_on_adversarial_unicode(text: str) -> None:
    _check_text("adv.md", text)
    _check_text("adv.md", "# Heading\n\n" + text + "\n\n" + text.upper())


def test_same_on_every_fast_character_in_context() -> None:
    """Every code point of FAST_RANGES after a period, before a capital, inside a word."""
    chars = [chr(c) for c in _fast_codes()]
    rnd = random.Random(5)
    for i in range(0, len(chars), 64):
        chunk = chars[i : i + 64]
        parts = []
        for ch in chunk:
            parts.append(f"Dr.{ch}Ab. x{ch}y. Word.{ch}{ch}N. e.g.{ch}")
        rnd.shuffle(parts)
        text = " ".join(parts)
        doc = parse("chars.txt", text, "text")
        assert doc.in_fast_ranges
        _check_doc(doc)


ALPHABET = "".join(
    ["aeiouAEIOUzZ09 .!?…'’-\"“”‘«»()[]\n\t\u00a0", "éÉßıİǅΩωЖж²½ⅫǄ", "\u0301\u2028\x1c\x85", "张١"]
)


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["Dr.", "U.S.", "e.g.", "Mr", "St.", "J.", "No.", "3.5", "co-op", "it’s", ". "]
            ),
            st.text(alphabet=ALPHABET, min_size=1, max_size=6),
            st.text(min_size=1, max_size=3),
        ),
        max_size=40,
    )
)
def test_same_on_generated_text(parts: list[str]) -> None:
    text = " ".join(parts)
    _check_text("gen.md", text)
    for m in FAST_WORD_RE.finditer(text) if in_fast_ranges(text) else ():
        assert WORD_RE.match(text, m.start()).span() == m.span()  # type: ignore[union-attr]


def test_fast_sentence_patterns_match_alone() -> None:
    """_FAST_SENT_END and _FAST_ABBREV_END against the regex ones on generated short texts."""
    rnd = random.Random(11)
    pool = "A a Z 9 . ! ? … ' \" ” ’ ) ] “ ‘ ( [ « \u00a0 \t \n \x1c \x85 \u2028 É é Ω ω Ж ² ½ _ -"
    pieces = [*pool.split(" "), " ", "  "]
    for _ in range(4000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12)))
        assert in_fast_ranges(text)
        fast = [m.span() for m in _FAST_SENT_END.finditer(text)]
        assert fast == [m.span() for m in _SENT_END.finditer(text)], repr(text)
        for pos in range(len(text)):
            for end in range(pos, len(text) + 1):
                a = _FAST_ABBREV_END.search(text, pos, end)
                b = _ABBREV_END.search(text, pos, end)
                assert (a and a.span(1)) == (b and b.span(1)), (repr(text), pos, end)


# ---------------------------------------------------------------------------------------------
# TY001/TY002: the spans the typo packs own, from the engine's prefilter


def _direct_pack_spans(doc: Document, ctx: Context) -> list[tuple[int, int]]:
    """What _covered_by_packs gave before: each TY1xx rule's own check."""
    out: list[tuple[int, int]] = []
    for rule in spelling._typo_pack_rules(ctx)[0]:
        out.extend((d.start, d.end) for d in rule.check(doc, ctx))
    return sorted(out)


TYPO_PACK_TEXTS = [
    "The anit-government protest and the cuonter-attack began. Anit-war groups joined.",
    "An ANIT-aircraft gun; a Coutner-offensive; an atni-body; anti-anti-war; conuter-claims.",
    "Quoted: “anit-corruption” and (counetr-terrorism) and anit- and cuonter-.",
    "# Anit-hero\n\nThe ```anit-code``` and `cuonter-x` and [anit-link](http://anit-x.org).\n",
    "Nothing here but continuing until the entity was anticipated.",
]


def _pack_texts() -> list[tuple[str, str]]:
    texts = [(f"ty{i}.md", t) for i, t in enumerate(TYPO_PACK_TEXTS)]
    return texts + TEXTS + corpora.bench()


def test_pack_rules_are_selected_by_default_and_can_be_turned_off() -> None:
    assert spelling._typo_pack_rules(Context(Settings(cache_dir="")))[1]
    assert not spelling._typo_pack_rules(Context(Settings(cache_dir="", ignore=["TY1"])))[1]
    assert not spelling._typo_pack_rules(Context(Settings(cache_dir="", select=["TY0"])))[1]
    assert spelling._typo_pack_rules(Context(Settings(cache_dir="", select=["TY"])))[1]


def test_covered_by_packs_same_as_the_rules_own_check() -> None:
    """From the prefilter (worked out by TY002, or already there from the pack stage) and, with
    the TY1xx rules deselected, from the rules themselves: always the rules' own spans."""
    on = Settings(cache_dir="")
    off = Settings(cache_dir="", ignore=["TY1"])
    plan = _RunPlan([r for r in get_registry(on).select(None) if type(r) is PatternRule])
    seen = 0
    for path, text in _pack_texts():
        doc = parse(path, text)
        ref = _direct_pack_spans(doc, Context(on))
        seen += bool(ref)
        # the prefilter worked out here (TY002 runs before the pack stage)
        ctx = Context(on)
        assert sorted(spelling._covered_by_packs(doc, ctx)) == ref, path
        assert "pattern_candidates" in ctx.state
        # the pack stage ran first
        ctx = Context(on)
        _run(plan, doc, ctx)
        assert sorted(spelling._covered_by_packs(doc, ctx)) == ref, path
        # the fallback: packs not selected, the prefilter not worked out
        ctx = Context(off)
        assert sorted(spelling._covered_by_packs(doc, ctx)) == ref, path
        assert "pattern_candidates" not in ctx.state
    assert seen >= 4  # the packs do find something


def test_spelling_rules_same_with_the_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    """TY001 and TY002 (run directly, and through lint_text) report the same with the old
    _covered_by_packs as with the new."""

    def old(doc: Document, ctx: Context) -> list[tuple[int, int]]:
        spans = ctx.state.get("spelling.packs")
        if spans is None:
            spans = ctx.state["spelling.packs"] = _direct_pack_spans(doc, ctx)
        return spans

    settings = Settings(cache_dir="")
    rules = [r for r in get_registry(settings).select(None) if r.code in ("TY001", "TY002")]
    texts = [(f"ty{i}.md", t) for i, t in enumerate(TYPO_PACK_TEXTS)] + TEXTS[:400]

    def run_all() -> list[Any]:
        out: list[Any] = []
        for path, text in texts:
            doc = parse(path, text)
            ctx = Context(settings)
            out.append([list(r.check(doc, ctx)) for r in rules])
            out.append(lint_text(text, path, settings))
        return out

    new = run_all()
    with monkeypatch.context() as m:
        m.setattr(spelling, "_covered_by_packs", old)
        assert run_all() == new
