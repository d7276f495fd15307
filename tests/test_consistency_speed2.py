"""The consistency rules' collect steps, second round (CN001, CN002): the same summaries.

``names._extract`` finds capitalised first letters with one translation of the words' first
letters instead of a look-up per word, and the words after a colon with one pattern pass
instead of a look-back per word. ``collect_gender`` tries a one-word run only where a
reversed-view pattern finds a role word before it (every place the in-place look-back
accepts, and a few more), joins runs only where a token has a next word, reads the verb of
saying before a run in place, picks the candidates of a cue from one slice of the tokens
(they come sentence by sentence) and finds the sentences that start with The/He/She with one
anchored pattern per sentence. The implementations they replace are kept below, verbatim,
and compared with the live ones on every article at hand, the benchmark corpus, views with
offset maps, adversarial and generated text; each helper is also compared with what it
stands for.
"""

from __future__ import annotations

import itertools
import random
import re
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_consistency_speed import SEPS, WORDS, _docs, ref_collect_gender
from test_rules_speed2 import _reference_extract

from lintnews import names
from lintnews.checks import consistency
from lintnews.checks.consistency import (
    _ROLE_WORDS,
    _START_OPENERS,
    _START_WORDS,
    Token,
    _role_word_at,
    _speech_before,
    collect_gender,
)
from lintnews.document import Document, parse
from lintnews.names import (
    _CAP_START_RE,
    _after_colon,
    extract,
)

# ---------------------------------------------------------------------------------------------
# The references: the plain definitions the earlier rounds kept (test_rules_speed2 for the
# name extraction, test_consistency_speed for the gender summary); every round must agree
# with them.


# ---------------------------------------------------------------------------------------------
# Whole summaries (the articles at hand, those with offset maps and the benchmark corpus are
# compared in test_consistency_speed, whose _same also checks _extract)


def _same(doc: Document) -> None:
    assert names._extract(doc) == _reference_extract(doc), doc.path
    assert collect_gender(doc) == ref_collect_gender(doc), doc.path


# Role words next to names, in every case, with the punctuation the look-back allows.
ROLE_TEXTS = [
    f"{pre}{w}{p}{s}Ana Lo said. {w.upper()}{p}{s}Bo. {w.title()}{p}{s}Cy."
    for w in sorted(_ROLE_WORDS)
    for pre, p, s in (("", " ", ""), ("x", ".", " "), ("The ", ",", "  "), ("“", ".,", "\n"))
]


def test_same_on_role_words() -> None:
    n = 0
    for text in ROLE_TEXTS:
        for suffix in (".md", ".txt"):
            doc = parse(f"r{suffix}", text)
            _same(doc)
            n += len(collect_gender(doc).persons)
    assert n > len(ROLE_TEXTS)  # the role words do name people


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*WORDS, "Mr", "Ms", "KING"]),
            st.sampled_from([*SEPS, ": ", ":\t“", "•  ", ": " + " " * 6]),
        ),
        max_size=60,
    )
)
def test_same_on_generated_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    for suffix in (".md", ".txt"):
        _same(parse(f"g{suffix}", text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=200))
def test_same_on_any_text(text: str) -> None:
    _same(parse("a.txt", text))


def test_same_on_shuffled_words() -> None:
    rng = random.Random(11)
    words = [*WORDS, "Ana", "Lo", ":", "•", "spokesman", "Queen", "said", "Ⅻ", "İ"]
    for _ in range(400):
        text = "".join(rng.choice(words) + rng.choice(SEPS) for _ in range(rng.randrange(80)))
        _same(parse("s.md", text))


# ---------------------------------------------------------------------------------------------
# Each shortcut against what it stands for


def test_letter_classes_hold_every_character_that_lowercases_to_the_letter() -> None:
    want: dict[str, set[str]] = {}
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        low = c.lower()
        if len(low) == 1 and "a" <= low <= "z":
            want.setdefault(low, set()).add(c)
        # no other character lowercases to a string made of ASCII letters only
        assert not (len(low) > 1 and low.isascii() and low.isalpha()), hex(cp)
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    for x in "abcdefghijklmnopqrstuvwxyz":
        assert set(re.findall(consistency._letter_class(x), every)) == want[x]
    assert len(want["k"]) == 3  # k, K and the Kelvin sign


def test_role_gate_finds_every_role_word_before_a_token() -> None:
    n = hits = 0
    for doc in itertools.chain(_docs(), (parse("r.md", t) for t in ROLE_TEXTS)):
        tokens = extract(doc).tokens
        gated = set(consistency._role_gate(doc.view, tokens))
        for i, t in enumerate(tokens):
            if _role_word_at(doc.view, doc.sentences[t.sentence].start, t.start):
                assert i in gated, (doc.path, t)
                hits += 1
            n += 1
    assert hits > 100
    assert n > 1000


def test_role_gate_on_made_up_views() -> None:
    rng = random.Random(7)
    alphabet = ["a", "Z", "_", "1", " ", "\u00a0", ",", ".", "\u212a", "\u0130", "é", "-", "\n"]
    probes = [f"x {w}{p}{s}" for w in _ROLE_WORDS for p in ("", ".", ",", ".,") for s in ("", " ")]
    probes += [w.upper() + " " for w in _ROLE_WORDS] + ["\u212aing ", "\u212aING "]
    probes += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(25))) for _ in range(3000)]
    for before in probes:
        for pad in ("", "Said. ", "xx"):
            view = pad + before + "Ana"
            p = len(pad) + len(before)
            tok = Token("Ana", p, p + 3, False, False, 0)
            got = consistency._role_gate(view, (tok,)) == [0]
            if _role_word_at(view, len(pad), p):
                assert got, repr(before)


def test_speech_word_at_equals_speech_before() -> None:
    rng = random.Random(9)
    alphabet = ["said", "Said", "told", "notes", "un", "_", "1", " ", "\u00a0", ",", ".", "é", "\n"]
    probes = [
        f"{p}{w}{s}"
        for w in consistency._SPEECH_SET
        for p in ("", "x", " ", "_")
        for s in ("", " ", "  \n", ",")
    ]
    probes += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(12))) for _ in range(4000)]
    for before in probes:
        want = _speech_before(before)
        for pad in ("", "He ", "xx"):
            view = pad + before + "Ana"
            assert consistency._speech_word_at(view, len(pad), len(pad) + len(before)) == want, (
                repr(before)
            )


def test_start_word_pattern_equals_the_loop() -> None:
    rng = random.Random(4)
    alphabet = ["The", "He", "She", "Th", "S", "h", "e", "“", '"', "‘", "'", "(", " ", "x", "T"]
    for _ in range(5000):
        view = "".join(rng.choice(alphabet) for _ in range(rng.randrange(8)))
        for ss in range(len(view) + 1):
            for se in range(ss, len(view) + 1):
                k = ss
                while k < se and view[k] in _START_OPENERS:
                    k += 1
                want = view.startswith(_START_WORDS, k, se)
                got = consistency._START_WORD_RE.match(view, ss, se) is not None
                assert got == want, (view, ss, se)


def test_colon_ends_equal_after_colon() -> None:
    rng = random.Random(2)
    alphabet = [":", "•", " ", "\t", '"', "'", "“", "‘", "«", "A", "b", "\n", "."]
    views = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(30))) for _ in range(3000)]
    views += [doc.view for doc in _docs()]
    for view in views:
        ends = names._colon_ends(view)
        for p in range(len(view) + 1):
            if p < len(view) and view[p] in " \t\"'“‘«":
                continue  # no form starts there
            assert (p in ends) == _after_colon(view, p), (view, p)


def test_cap_mask_equals_the_class() -> None:
    letters = "".join(chr(c) for c in range(0x3000)) + "Ⅻⅻ𝐀𝐚ǅ"
    mask = names._cap_mask(letters)
    assert list(mask) == [int(_CAP_START_RE.match(c) is not None) for c in letters]
    assert sum(mask) > 500
    assert names._cap_mask("") == b""
