"""A small part-of-speech lexicon for sentence-shape rules (fragments, verbless sentences).

No statistical model: closed-class word lists written for this project, the irregular verbs of
:mod:`lintnews.inflect`, suffix rules, and word frequencies from ``wordfreq`` (shipped with the
package, no download) to decide whether a word can be a verb: a regular verb's past and -ing
forms are both real English words ("punch" -> "punched", "punching"; "president" -> neither).

The one question the rules ask is "does this sentence contain a finite verb?", and the answer is
deliberately generous: every token that *could* head a clause in its context counts as a verb.
A wrong "yes" only costs a missed fragment; a wrong "no" would be a false alarm.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from lintnews.inflect import _IRREGULAR

TOKEN_RE = regex.compile(r"[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]")

DETERMINERS = frozenset(
    "a an the this that these those my your his her its our their some any no every each "
    "either neither another such what which whose all both several many few much more most "
    "other one two three four five six seven eight nine ten eleven twelve twenty thirty "
    "forty fifty hundred hundreds thousand thousands million millions dozens".split()
)
PREPOSITIONS = frozenset(
    "of in on at by for with from to into onto upon about above across after against along "
    "amid amidst among around as before behind below beneath beside besides between beyond "
    "despite during except inside near off outside over past per since through throughout "
    "toward towards under underneath until unlike via within without".split()
)
SUBJECT_PRONOUNS = frozenset("i you he she it we they who which that there".split())
PLURAL_PRONOUNS = frozenset("i you we they".split())
OBJECT_PRONOUNS = frozenset("me him her us them".split())
COORDINATORS = frozenset("and or but nor yet so".split())
SUBORDINATORS = frozenset(
    "although though because since while whereas unless if whether when whenever where "
    "wherever after before until once as".split()
)
RELATIVES = frozenset("who whom whose which".split())
FINITE_AUX = frozenset(
    "is are was were am has have had do does did will would shall should can could may might "
    "must isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't "
    "wouldn't shan't shouldn't can't cannot couldn't mustn't ought".split()
)
NON_FINITE_AUX = frozenset("be been being having".split())
# Adverbs that may sit between a subject and its verb ("police also said").
ADVERBS = frozenset(
    "also still already just then never always often once now later reportedly allegedly "
    "apparently previously recently initially finally again even only soon further "
    "immediately quickly subsequently eventually meanwhile however thus therefore not "
    "too very so almost nearly".split()
)
# Nouns that take a plural verb without an -s ("police say").
PLURAL_NOUNS = frozenset(
    "people police authorities officials men women children staff personnel military "
    "cattle clergy militia".split()
)
# -ed words that are not verbs (or almost never are in news).
NOT_VERBS_ED = frozenset(
    "bed red shed fled sled wed hundred kindred naked sacred wicked rugged ragged beloved "
    "learned aged blessed crooked dogged jagged wretched need speed seed breed greed deed "
    "feed heed weed reed indeed embed ted ned ed".split()
)
FUNCTION_WORDS = (
    DETERMINERS
    | PREPOSITIONS
    | COORDINATORS
    | SUBORDINATORS
    | RELATIVES
    | SUBJECT_PRONOUNS
    | OBJECT_PRONOUNS
    | FINITE_AUX
    | NON_FINITE_AUX
    | frozenset("to not".split())
)

_PAST_ONLY = frozenset(
    past
    for base, (past, part) in _IRREGULAR.items()
    if past != part and past != base and base != "be"
) | frozenset({"was", "were"})
# Past forms the shared irregular table lacks (news vocabulary).
_EXTRA_PAST_ONLY = frozenset(
    "underwent oversaw overtook overthrew overran forbade foresaw mistook withdrew withheld "
    "withstood strode strove swung sprang shrank slid shone wove befell undertook".split()
)
_EXTRA_PAST_AMBIGUOUS = frozenset(
    "wept bred clung crept flung knelt leapt misled sped spat wound upheld rebuilt broadcast "
    "forecast upset reset stung spun".split()
)
_PAST_ONLY = _PAST_ONLY | _EXTRA_PAST_ONLY
# Past forms that are also participles ("said", "held") or base forms ("hit", "cut", "spread").
_PAST_AMBIGUOUS = (
    frozenset(past for base, (past, part) in _IRREGULAR.items() if past == part)
    | _EXTRA_PAST_AMBIGUOUS
)
_IRREGULAR_BASES = frozenset(_IRREGULAR)


def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=20000)
def can_be_verb(word: str) -> bool:
    """Whether a lower-case base form can be a verb (irregular, or its -ed and -ing forms exist)."""
    w = word.lower()
    if w in _IRREGULAR_BASES:
        return True
    if len(w) < 3 or not w.isalpha() or w in FUNCTION_WORDS:
        return False
    from lintnews.inflect import forms

    f = forms(w)
    return zipf(f[2]) >= 2.5 and zipf(f[3]) >= 2.5


@lru_cache(maxsize=20000)
def ed_is_verb(word: str) -> bool:
    """Whether a lower-case word ending in -ed is a verb form (its base can be a verb)."""
    w = word.lower()
    if w in NOT_VERBS_ED or len(w) < 4 or not w.endswith("ed"):
        return False
    stem = w[:-2]
    candidates = [stem, w[:-1]]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.append(stem[:-1])
    if stem.endswith("i"):
        candidates.append(stem[:-1] + "y")
    return any(zipf(c) >= 2.5 for c in candidates)


@lru_cache(maxsize=20000)
def s_form_base(word: str) -> str | None:
    """The base of a possible third-person -s verb form, if it can be a verb."""
    w = word.lower()
    if len(w) < 4 or not w.endswith("s") or w.endswith(("ss", "us", "is", "'s", "’s")):
        return None
    cands = []
    if w.endswith("ies"):
        cands.append(w[:-3] + "y")
    if w.endswith("es"):
        cands.append(w[:-2])
    cands.append(w[:-1])
    for c in cands:
        if can_be_verb(c):
            return c
    return None


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, end)]


def _prev_word(tokens: list[Token], i: int) -> int:
    """Index of the previous word, skipping adverbs ("police also said"); -1 if none."""
    j = i - 1
    while (
        j >= 0
        and tokens[j].is_word
        and (tokens[j].low in ADVERBS or (tokens[j].low.endswith("ly") and len(tokens[j].low) > 4))
    ):
        j -= 1
    if j >= 0 and tokens[j].is_word:
        return j
    return -1


def _is_nominal(tokens: list[Token], j: int, first: int) -> bool:
    """Could tokens[j] end a subject noun phrase?"""
    if j < 0:
        return False
    t = tokens[j]
    low = t.low
    if low in SUBJECT_PRONOUNS or low in PLURAL_NOUNS:
        return True
    if low in FUNCTION_WORDS or low in ADVERBS:
        return False
    if t.text[:1].isdigit():
        return True
    return t.text[:1].isalpha()


def finite_verbs(tokens: list[Token]) -> list[int]:
    """Indices of the tokens that may be finite verbs in their context (generous)."""
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
                continue  # May (month), Will (name)
            if prev in DETERMINERS and low in ("will", "can", "may", "must"):
                continue  # "the will", "a can"
            if prev == "to":
                continue
            out.append(i)
            continue
        if t.is_cap and i > first:
            continue  # a name
        if low in _PAST_ONLY:
            if prev != "to":
                out.append(i)
            continue
        j = _prev_word(tokens, i)
        nominal = _is_nominal(tokens, j, first)
        if low in _PAST_AMBIGUOUS or (low.endswith("ed") and ed_is_verb(low)):
            if nxt == "by":
                continue  # passive participle: "stormed by demonstrators"
            after_comma = i > 0 and not tokens[i - 1].is_word and tokens[i - 1].text not in "(“‘["
            if nominal or i == first or after_comma:
                out.append(i)  # "Haddad, 46, opened the shop": a subject before the comma
            continue
        if low.endswith("s") and s_form_base(low):
            if j >= 0 and tokens[j].low in DETERMINERS:
                continue
            if nominal:
                out.append(i)
            continue
        if can_be_verb(low):
            if i == first and nxt in DETERMINERS | OBJECT_PRONOUNS:
                out.append(i)  # imperative: "Read the statement."
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


def has_finite_verb(text: str, start: int = 0, end: int | None = None) -> bool:
    return bool(finite_verbs(tokenize(text, start, end)))
