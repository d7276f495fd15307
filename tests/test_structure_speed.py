"""The fast paths of the sentence-shape lexicon give the answers of the plain definitions.

``lintnews.lexicon`` scans plain token lists with memoised per-word classes, proves verbs from
whitespace chunks, and reads word frequencies from the spelling table; the reference below is
the straightforward token-by-token definition of a finite verb it replaced.
"""

from __future__ import annotations

import random

import pytest

from lintnews import lexicon
from lintnews.lexicon import (
    ADVERBS,
    DETERMINERS,
    FINITE_AUX,
    FUNCTION_WORDS,
    OBJECT_PRONOUNS,
    PLURAL_NOUNS,
    PLURAL_PRONOUNS,
    SUBJECT_PRONOUNS,
    Token,
    can_be_verb,
    ed_is_verb,
    finite_verbs,
    has_finite_verb,
    s_form_base,
    sure_finite_verb,
    tokenize,
)


def _prev_word(tokens: list[Token], i: int) -> int:
    j = i - 1
    while (
        j >= 0
        and tokens[j].is_word
        and (tokens[j].low in ADVERBS or (tokens[j].low.endswith("ly") and len(tokens[j].low) > 4))
    ):
        j -= 1
    return j if j >= 0 and tokens[j].is_word else -1


def _is_nominal(tokens: list[Token], j: int) -> bool:
    if j < 0:
        return False
    low = tokens[j].low
    if low in SUBJECT_PRONOUNS or low in PLURAL_NOUNS:
        return True
    if low in FUNCTION_WORDS or low in ADVERBS:
        return False
    return tokens[j].text[:1].isdigit() or tokens[j].text[:1].isalpha()


def reference_finite_verbs(tokens: list[Token]) -> list[int]:
    out: list[int] = []
    first = next((k for k, t in enumerate(tokens) if t.is_word), 0)
    for i, t in enumerate(tokens):
        if not t.is_word:
            continue
        low = t.low
        prev = tokens[i - 1].low if i > 0 else ""
        nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
        if low in FINITE_AUX or (
            ("'" in low) and low.split("'")[-1] in ("s", "re", "ve", "d", "ll", "m")
        ):
            if low in ("may", "will", "can", "must") and t.is_cap and i > first:
                continue
            if prev in DETERMINERS and low in ("will", "can", "may", "must"):
                continue
            if prev == "to":
                continue
            out.append(i)
            continue
        if t.is_cap and i > first:
            continue
        if low in lexicon._PAST_ONLY:
            if prev != "to":
                out.append(i)
            continue
        j = _prev_word(tokens, i)
        nominal = _is_nominal(tokens, j)
        if low in lexicon._PAST_AMBIGUOUS or (low.endswith("ed") and ed_is_verb(low)):
            if nxt == "by":
                continue
            after_comma = i > 0 and not tokens[i - 1].is_word and tokens[i - 1].text not in "(“‘["
            if nominal or i == first or after_comma:
                out.append(i)
            continue
        if low.endswith("s") and s_form_base(low):
            if j >= 0 and tokens[j].low in DETERMINERS:
                continue
            if nominal:
                out.append(i)
            continue
        if can_be_verb(low):
            if i == first and nxt in DETERMINERS | OBJECT_PRONOUNS:
                out.append(i)
                continue
            if j >= 0 and (
                tokens[j].low in PLURAL_PRONOUNS
                or tokens[j].low in PLURAL_NOUNS
                or (
                    tokens[j].low.endswith("s")
                    and not tokens[j].low.endswith("ss")
                    and tokens[j].low not in FUNCTION_WORDS
                )
                or (tokens[j].is_cap and tokens[j].low not in FUNCTION_WORDS)
            ):
                out.append(i)
    return out


VOCAB = (
    "the a police said May Will will can to To TO is was were Is İs isn’t it’s Ukraine’s people "
    "officials opened stormed by by, bystander demonstrators Haddad , 46, ( “ ‘ [ . - ' ’ also "
    "reportedly quickly Read statement them him punched president punches reports 2021 ½ Ⅻ café "
    "killed went took Took stood runs run walk walks the-end U.S. x.y rock'n'roll o'clock they "
    "into WERE had have do to-was gathered Gathered holds plans teams police, Police, (they "
    "officials, “people ”they this these he-said x). said, said” ſaid waſ \u212aept"
).split()
SEPARATORS = (" ", " ", " ", "", "\n", "  ", "\u00a0", "\x1c", " \x1d ")


def _sentences(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    return [
        "".join(rnd.choice(VOCAB) + rnd.choice(SEPARATORS) for _ in range(rnd.randint(0, 10)))
        for _ in range(n)
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_finite_verbs_match_the_reference(seed: int) -> None:
    for text in _sentences(seed, 3000):
        ref = reference_finite_verbs(tokenize(text))
        assert finite_verbs(tokenize(text)) == ref, text
        assert has_finite_verb(text) == bool(ref), text
        if sure_finite_verb(text):  # a proof, never a guess
            assert ref, text


def test_sure_finite_verb_cases() -> None:
    assert sure_finite_verb("Police said the road was closed.")
    assert not sure_finite_verb("He wanted to have it.")  # "to have": no proof from "have"
    assert sure_finite_verb("He took the bus.")  # a past-only form in lower case
    assert not sure_finite_verb("Palaces of power stormed by demonstrators.")


def test_zipf_is_wordfreq() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    words = {w.lower().strip(".,“”()[]") for w in VOCAB} | set(
        "the of killed president troops bridge punched punching xqzv aaaa qu zzyzx "
        "well-known o'clock u.s. café Élysée naïve don't TheUkraine inmoscow".split()
    )
    rnd = random.Random(0)
    words |= {
        "".join(rnd.choice("etaoinshrdlu") for _ in range(rnd.randint(1, 8))) for _ in range(300)
    }
    # every 500th plain word of wordfreq's list, frequent to rare
    listed = [w for w in wordfreq.get_frequency_dict("en", "large") if w.isascii() and w.isalpha()]
    words |= {w.lower() for w in listed[::500]}
    plain = sorted(w for w in words if w.isascii() and w.isalpha())
    words |= {f"{rnd.choice(plain)}-{rnd.choice(plain)}" for _ in range(300)}
    words |= {"worst-report", "state-own", "so-call", "a-b-c", "x-", "-x", "a--b", "e-mail"}
    words |= {"josé", "müller", "kovačević", "jürgenned", "straße", "ĳ", "ª", "º", "władysław"}
    latin = [chr(c) for c in range(0xC0, 0x250)] + list("aeiourstln")
    words |= {"".join(rnd.choice(latin) for _ in range(rnd.randint(1, 6))) for _ in range(300)}
    for w in sorted(words):
        assert lexicon.zipf(w) == wordfreq.zipf_frequency(w, "en"), w
