"""The shortcuts the MT, CN and CL rules take for speed stay exact (issue 9).

Each gate is a necessary condition for a pattern, checked here against the pattern itself or
the data it stands for, so a shortcut can never drop a finding.
"""

from __future__ import annotations

import random
import re

import pytest
import regex

from lintnews.checks import consistency, mt_structure
from lintnews.checks.characters import _MOJIBAKE_CHARS_RE, _may_be_mojibake


def test_script_gate_covers_every_script_character() -> None:
    first = regex.compile(
        r"[\p{Cyrillic}\p{Greek}\p{Arabic}\p{Hebrew}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]"
    )
    for i in range(0x110000):
        c = chr(i)
        if first.match(c):
            assert mt_structure._MAYBE_SCRIPT_RE.match(c), hex(i)


def test_capital_words_are_lu_or_nl() -> None:
    """names._CAP_WORD_RE starts only at \\p{Lu} and \\p{Nl}: every letter or number for which
    str.isupper() holds is one of them."""
    ln = regex.compile(r"[\p{L}\p{N}]")
    lu_nl = regex.compile(r"[\p{Lu}\p{Nl}]")
    for i in range(0x110000):
        c = chr(i)
        if c.isupper() and ln.match(c):
            assert lu_nl.match(c), hex(i)


def test_mojibake_gate_matches_ftfy() -> None:
    ftfy_badness = pytest.importorskip("ftfy.badness")
    cats = ftfy_badness.MOJIBAKE_CATEGORIES
    letters = (
        "\u0152\u0153\u00d7\u00d8\u00d9\u00e0\u221a\u2248\u201a\u0412\u0413\u0420\u0421\u0432"
        "\u00c3\u00c2\u00ce\u00d0\u03b2\u0392\u0393\u039e\u039f\u0101"
    )
    keys = ("c1", "bad", "lower_accented", "upper_accented", "box", "currency", "numeric", "law")
    needed = re.compile("[" + "".join(cats[k] for k in keys) + re.escape(letters) + "]")
    for i in range(0x110000):
        c = chr(i)
        if needed.match(c):
            assert _MOJIBAKE_CHARS_RE.match(c), hex(i)
    assert _may_be_mojibake("a\udc80b")  # surrogates: ftfy's fix_surrogates
    # Text without those characters is never bad, and ftfy leaves it alone.
    others = [
        chr(i)
        for i in range(0x20, 0x3000)
        if not _MOJIBAKE_CHARS_RE.match(chr(i)) and not 0xD800 <= i < 0xE000
    ]
    rng = random.Random(9)
    for _ in range(2000):
        text = "".join(rng.choice(others) for _ in range(rng.randint(1, 12)))
        assert not ftfy_badness.is_bad(text), text


def test_role_and_speech_from_the_end() -> None:
    rng = random.Random(9)
    alphabet = ["a", "Z", "é", "_", "1", ".", ",", " ", "\n", "\u00a0", "-", "said", "told", "x"]
    for _ in range(5000):
        before = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        m = consistency._ROLE_BEFORE_RE.search(before)
        assert consistency._role_before(before) == (m.span(1) if m else None), repr(before)
        want = bool(consistency._SPEECH_BEFORE_RE.search(before))
        assert consistency._speech_before(before) == want, repr(before)


@pytest.mark.parametrize(
    "text",
    [*mt_structure.ForeignDateFormat.bad, *mt_structure.ForeignDateFormat.good],
)
def test_date_gates_let_every_match_through(text: str) -> None:
    gates = mt_structure._date_gates(text)
    pairs = {
        "ordinal": mt_structure.ORDINAL_DOT_RE,
        "lower": mt_structure.LOWER_MONTH_DATE_RE,
        "weekday": mt_structure.WEEKDAY_DAY_RE,
        "dotted": mt_structure.DOTTED_DATE_RE,
        "hour_h": mt_structure.HOUR_H_RE,
        "hours_word": mt_structure.HOURS_WORD_RE,
        "at_hours": mt_structure.AT_HOURS_RE,
        "zone": mt_structure.DOTTED_ZONE_RE,
        "oclock": mt_structure.OCLOCK_24_RE,
        "morning": mt_structure.OF_THE_MORNING_RE,
        "era": mt_structure.ERA_RE,
        "hijri": mt_structure.HIJRI_RE,
        "foreign": mt_structure.FOREIGN_DATE_RE,
    }
    for name, rx in pairs.items():
        if rx.search(text):
            assert name in gates, (name, text)


@pytest.mark.parametrize(
    "text",
    [*mt_structure.ForeignNumberFormat.bad, *mt_structure.ForeignNumberFormat.good],
)
def test_number_gates_let_every_match_through(text: str) -> None:
    gates = mt_structure._number_gates(text)
    pairs = {
        "comma": mt_structure.DECIMAL_COMMA_RE,
        "dot": mt_structure.THOUSANDS_DOT_RE,
        "spelled": mt_structure._SPELLED_RE,
        "pct_before": mt_structure.PERCENT_BEFORE_RE,
        "pct_space": mt_structure.PERCENT_SPACE_RE,
        "abbr": mt_structure.NUMBER_ABBR_RE,
        "ordinal": mt_structure.ORDINAL_INDICATOR_RE,
        "numero": mt_structure.NUMERO_RE,
        "space": mt_structure.SPACE_THOUSANDS_RE,
        "nosep": mt_structure._NO_SEPARATOR_RE,
    }
    for name, rx in pairs.items():
        if rx.search(text):
            assert name in gates, (name, text)
    m = mt_structure.ROMAN_CENTURY_RE.search(text)
    if m and m.group("r"):
        assert "roman" in gates


def test_english_zipf_matches_wordfreq() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    from lintnews.lexicon import zipf as english_zipf

    words = [w for w in wordfreq.get_frequency_dict("en", "large") if w.isascii() and w.isalpha()]
    rng = random.Random(9)
    sample = [*rng.sample(words, 20000), "wihtin", "zzqx", "kassym", "the", "comune", "Tass"]
    sample += ["kassym-jomart", "müller", "o'neill", "straße", "maria zakharova"]
    for w in sample:
        assert english_zipf(w) == wordfreq.zipf_frequency(w, "en"), w


def test_source_language_zipf_matches_wordfreq() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    rng = random.Random(9)
    for lang in (*mt_structure.FOREIGN_LANGS, "en"):
        words = [
            w
            for w in wordfreq.get_frequency_dict(lang, "best")
            if w.isascii() and w.isalpha() and w.islower()
        ]
        sample = [*rng.sample(words, 3000), "wihtin", "zzqx", "ayuntamiento", "über", "l'eau"]
        for w in sample:
            assert mt_structure.zipf_in(w, lang) == wordfreq.zipf_frequency(w, lang), (lang, w)


def test_trie_pattern_is_the_alternation() -> None:
    words = list(mt_structure._MONTHS)
    trie = regex.compile(mt_structure._trie_pattern(words), regex.I)
    flat = regex.compile(f"(?:{mt_structure._FOREIGN_MONTH})", regex.I)
    probes = {w[:k] for w in words for k in range(len(w) + 2)} | {w.upper() for w in words}
    probes |= {w + "x" for w in words} | {"people", "percent", "marshal", "juniper"}
    for p in probes:
        assert bool(trie.fullmatch(p)) == bool(flat.fullmatch(p)), p
        assert bool(trie.match(p)) == bool(flat.match(p)), p


def test_positions_equal_pos() -> None:
    from lintnews.document import parse

    text = "# Title\n\nAna  Zed met Bo.\nCy   went\n\n\nto Dee-Ann's home.\n" * 3
    doc = parse("x.md", text)
    spans = [(m.start(), m.end()) for m in regex.finditer(r"\w+|\s+", doc.view)]
    for some in (spans, spans[::3]):
        for (s, e), got in zip(some, consistency._positions(doc, some), strict=True):
            assert got == consistency._pos(doc, s, e), (s, e)
