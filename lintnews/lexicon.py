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

import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from lintnews.document import _FAST_WORD_CHAR, _class_items, _regex_class_codes
from lintnews.inflect import _IRREGULAR

if TYPE_CHECKING:
    from lintnews.document import Document
    from lintnews.registry import Context

TOKEN_RE = regex.compile(r"[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]")
# TOKEN_RE for a text in FAST_RANGES (``Document.in_fast_ranges``), with the standard library's
# faster engine: the same pattern over the same classes, spelt out from the regex module (as
# document.FAST_WORD_RE is), so it finds exactly TOKEN_RE's tokens there.
FAST_TOKEN_RE = re.compile(
    f"{_FAST_WORD_CHAR}+(?:['’\\-.]{_FAST_WORD_CHAR}+)*"
    "|[" + _class_items(_regex_class_codes(r"[^\s\p{L}\p{N}]")) + "]"
)


def token_re(doc: Document) -> re.Pattern[str] | regex.Pattern[str]:
    """The token pattern for the views of ``doc``: FAST_TOKEN_RE when it lies in FAST_RANGES,
    else TOKEN_RE (both find the same tokens where both apply)."""
    return FAST_TOKEN_RE if doc.in_fast_ranges else TOKEN_RE


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


_ZIPF: dict[str, float] = {}


def zipf(word: str) -> float:
    """wordfreq's English Zipf frequency of a word (exactly ``zipf_frequency(word, "en")``).

    A plain lower-case word (ASCII, or Latin letters with accents) is read from the spelling
    lexicon's table, which holds wordfreq's large English list with the same two-decimal Zipf
    values (loaded once, shared with the spelling rules; wordfreq itself is not imported);
    such words joined by hyphens are combined as wordfreq combines them; any other form
    (capitals, apostrophes, other scripts) goes to wordfreq, whose tokenizer it needs.
    Answers are memoised for the process.
    """
    z = _ZIPF.get(word)
    if z is None:
        if (word.isascii() and word.isalpha() and word.islower()) or _latin_word(word):
            z = _table_zipf()(word)
        else:
            z = _compound_zipf(word)
            if z is None:
                from wordfreq import zipf_frequency

                z = zipf_frequency(word, "en")
        if len(_ZIPF) >= 500_000:
            _ZIPF.clear()
        _ZIPF[word] = z
    return z


def _latin_word(word: str) -> bool:
    """A lower-case word of Latin letters with accents ("josé", "müller"), in NFC, that case
    folding leaves alone: wordfreq's tokenizer keeps it whole, so the table answers for it."""
    return (
        word.isalpha()
        and not word.isascii()
        and word == word.lower() == word.casefold()
        and all(c < "\u0250" or "\u1e00" <= c <= "\u1eff" for c in word)
        and unicodedata.is_normalized("NFC", word)
    )


_MIN_FREQ = 10**0.0 / 1e9  # wordfreq's zipf_to_freq(0.0), the floor zipf_frequency asks for


def _compound_zipf(word: str) -> float | None:
    """wordfreq's Zipf frequency of lower-case ASCII words joined by hyphens, computed as
    wordfreq does (its English tokenizer splits at the hyphens; the frequencies of the parts,
    10 ** (-centibels / 100), combine as 1/f = 1/f1 + 1/f2 + ..., rounded to three
    significant digits); None for any other form."""
    parts = word.split("-")
    if len(parts) < 2 or not all(p.isascii() and p.isalpha() and p.islower() for p in parts):
        return None
    table = _table_zipf()
    one_over = 0.0
    freq = _MIN_FREQ
    for p in parts:
        z100 = round(table(p) * 100)
        if z100 <= 0:
            break  # not in wordfreq's list: the floor
        one_over += 1.0 / 10 ** (-(900 - z100) / 100)
    else:
        freq = max(1.0 / one_over, _MIN_FREQ)
        freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


def _table_zipf() -> Callable[[str], float]:
    from lintnews.spelling.lexicon import get_lexicon

    return get_lexicon().zipf


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


class Token(NamedTuple):
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


# ---------------------------------------------------------------------------------------------
# finite verbs
#
# The verdict on a token depends on its lower-case form (which verb shape it has, if any: a
# per-word class memoised across documents) and on its neighbours. The scan works on plain
# lists of token texts and lower-case forms, so a sentence is tokenized by one C-level
# ``findall`` and no Token objects are built.

_NONE, _AUX, _PAST_ONLY_C, _PAST_ED, _S_FORM, _BASE = range(6)
_CONTRACTIONS = frozenset(("s", "re", "ve", "d", "ll", "m"))
_MODALS = frozenset(("may", "will", "can", "must"))
_DET_OR_OBJ = DETERMINERS | OBJECT_PRONOUNS
_CLASS: dict[str, int] = {}
# Lower-case ASCII words classified so far as past forms (-ed, "said") and as -s forms.
_KNOWN_ED: set[str] = set()
_KNOWN_S: set[str] = set()
# and as base forms ("rain", "beat": verbs only after a subject that shows it)
_KNOWN_BASE: set[str] = set()


def _classify(low: str) -> int:
    """The verb shape of a lower-case token, in the order finite_verbs tests them."""
    c = _CLASS.get(low)
    if c is not None:
        return c
    if low in FINITE_AUX or (("'" in low) and low.split("'")[-1] in _CONTRACTIONS):
        c = _AUX
    elif low in _PAST_ONLY:
        c = _PAST_ONLY_C
    elif low in _PAST_AMBIGUOUS or (low.endswith("ed") and ed_is_verb(low)):
        c = _PAST_ED
    elif low.endswith("s") and s_form_base(low):
        c = _S_FORM
    elif can_be_verb(low):
        c = _BASE
    else:
        c = _NONE
    if len(_CLASS) >= 500_000:
        _CLASS.clear()
        _KNOWN_ED.clear()
        _KNOWN_S.clear()
        _KNOWN_BASE.clear()
    _CLASS[low] = c
    if c in _KNOWN and low.isascii() and low.isalpha():
        _KNOWN[c].add(low)
    return c


_KNOWN = {_PAST_ED: _KNOWN_ED, _S_FORM: _KNOWN_S, _BASE: _KNOWN_BASE}


def _skippable(low: str) -> bool:
    """An adverb between a subject and its verb ("police also said")."""
    return low in ADVERBS or (low.endswith("ly") and len(low) > 4)


def _scan(texts: list[str], lows: list[str], first_only: bool) -> list[int]:
    """finite_verbs over token texts and their lower-case forms; with first_only, stop at the
    first verb found."""
    out: list[int] = []
    n = len(texts)
    first = 0
    for k in range(n):
        if texts[k][:1].isalnum():
            first = k
            break
    classify = _CLASS.get
    for i in range(n):
        t = texts[i]
        if not t[:1].isalnum():
            continue
        low = lows[i]
        c = classify(low)
        if c is None:
            c = _classify(low)
        if c == _NONE:
            continue
        prev = lows[i - 1] if i > 0 else ""
        if c == _AUX:
            if low in _MODALS and ((t[:1].isupper() and i > first) or prev in DETERMINERS):
                continue  # May (month), Will (name); "the will", "a can"
            if prev == "to":
                continue
        elif t[:1].isupper() and i > first:
            continue  # a name
        elif c == _PAST_ONLY_C:
            if prev == "to":
                continue
        else:
            # the previous word, skipping adverbs ("police also said"); -1 if none
            j = i - 1
            while j >= 0 and texts[j][:1].isalnum() and _skippable(lows[j]):
                j -= 1
            if j >= 0 and not texts[j][:1].isalnum():
                j = -1
            if c == _BASE:
                if i == first and (lows[i + 1] if i + 1 < n else "") in _DET_OR_OBJ:
                    pass  # imperative: "Read the statement."
                elif j < 0:
                    continue
                else:
                    lj = lows[j]
                    if not (
                        lj in PLURAL_PRONOUNS
                        or lj in PLURAL_NOUNS
                        or (lj.endswith("s") and not lj.endswith("ss") and lj not in FUNCTION_WORDS)
                        or (texts[j][:1].isupper() and lj not in FUNCTION_WORDS)
                    ):
                        continue
            elif c == _S_FORM:
                if j >= 0 and lows[j] in DETERMINERS:
                    continue
                if not _is_nominal(texts, lows, j):
                    continue
            else:  # _PAST_ED
                if i + 1 < n and lows[i + 1] == "by":
                    continue  # passive participle: "stormed by demonstrators"
                after_comma = (
                    i > 0 and not texts[i - 1][:1].isalnum() and texts[i - 1] not in "(“‘["
                )
                if not (i == first or after_comma or _is_nominal(texts, lows, j)):
                    continue  # "Haddad, 46, opened the shop": a subject before the comma
        out.append(i)
        if first_only:
            return out
    return out


def _is_nominal(texts: list[str], lows: list[str], j: int) -> bool:
    """Could token j end a subject noun phrase?"""
    if j < 0:
        return False
    low = lows[j]
    if low in SUBJECT_PRONOUNS or low in PLURAL_NOUNS:
        return True
    if low in FUNCTION_WORDS or low in ADVERBS:
        return False
    if texts[j][:1].isdigit():
        return True
    return texts[j][:1].isalpha()


def token_lows(text: str, texts: list[str]) -> list[str]:
    """The lower-case forms (’ written ') of ``texts``, the tokens of ``text``."""
    lows = list(map(str.lower, texts))
    if "’" in text:
        lows = [t.replace("’", "'") for t in lows]
    return lows


# Words that are finite verbs wherever they stand, unless the token before them is "to"
# (finite auxiliaries other than the modals that double as nouns and names), and past forms
# that are finite verbs unless capitalised inside the sentence or after "to".
_SURE_AUX = frozenset(w for w in FINITE_AUX - _MODALS if w.isalpha())
_SURE_PAST = frozenset(w for w in _PAST_ONLY if w.isalpha())


def sure_finite_verb(text: str) -> bool:
    """A cheap proof that ``finite_verbs(tokenize(text))`` is not empty (False: no proof).

    Works on whitespace-separated chunks. A chunk made of ASCII letters and digits only is a
    token of its own (whitespace is never part of a token, and the chunk has no connector),
    and the token before it is the last one of the chunk before (or a control character
    that ``str.split`` takes for a space but the tokenizer does not). So:

    * a finite auxiliary (or, written in lower case, a past-only form) is a verb unless the
      token before it is "to", in which case the chunk before it ends in "to";
    * a modal written in lower case ("will", "may", "can", "must") is a verb unless the
      token before it is "to" or a determiner, which it is not when the chunk before is a
      plain word that is neither, or ends in an ASCII mark (a token of its own);
    * a past form seen before (in :data:`_KNOWN_ED`) is a verb at the start, after a
      punctuation mark, or after a plain (or hyphenated) word that can end a subject, unless
      "by" follows;
    * a third-person -s form seen before is a verb after a plain (or hyphenated) word that
      can end a subject (not a determiner);
    * a base form seen before (in :data:`_KNOWN_BASE`), written in lower case, is a verb
      after a plain word that is a plural pronoun or noun, ends in -s, or is capitalised.

    (Those two need no control character \\x1c-\\x1f in the text: a token between the chunks.)
    """
    lowered = text.lower()
    chunks = lowered.split()
    if not _SURE_AUX.isdisjoint(chunks):
        if "to" not in lowered:
            return True  # (no chunk ends in "to")
        for w in _SURE_AUX.intersection(chunks):
            if _not_after_to(chunks, chunks, w):
                return True
    # (The proofs are tried in order of how often they succeed: the answer is the same in
    # any order.)
    n = len(chunks)
    if not _KNOWN_ED.isdisjoint(chunks):
        for w in _KNOWN_ED.intersection(chunks):
            for k in _occurrences(chunks, w):
                if k + 1 < n and chunks[k + 1].startswith("by"):
                    continue  # maybe a passive participle: "stormed by demonstrators"
                if k == 0:
                    return True
                written_k = text.split(None, k + 1)  # the chunks up to k, as written
                if written_k[k] == w and (
                    written_k[k - 1][-1] in _PUNCTUATION or _subject_end_memo(chunks[k - 1])
                ):
                    return True
    written: list[str] = []
    if not _PAST_OR_MODAL.isdisjoint(chunks):
        written = text.split()
        for w in _PAST_OR_MODAL.intersection(written):  # written in lower case: not a name
            modal = w in _MODALS
            for k in _occurrences(written, w):
                if k == 0:
                    return True
                if modal:
                    if _modal_after(chunks[k - 1]):
                        return True
                elif not chunks[k - 1].endswith("to"):
                    return True
    sforms = _KNOWN_S.intersection(chunks)
    bases = _KNOWN_BASE.intersection(chunks)
    if (sforms or bases) and not _ODD_SPACE.search(text):
        written = written or text.split()
        for w in sforms:
            for k in _occurrences(chunks, w):
                if k == 0:
                    continue
                p = chunks[k - 1]
                if written[k] == w and p not in DETERMINERS and _subject_end_memo(p):
                    return True
        for w in bases:
            for k in _occurrences(chunks, w):
                if k and written[k] == w and _plural_or_name(chunks[k - 1], written[k - 1]):
                    return True
    return False


_PAST_OR_MODAL = _SURE_PAST | _MODALS  # (no word is both)


def _occurrences(seq: list[str], w: str) -> list[int]:
    """The positions of ``w`` in ``seq`` (where it stands), found without an exception."""
    k = seq.index(w)
    if seq.count(w) == 1:
        return [k]
    return [j for j in range(k, len(seq)) if seq[j] == w]


_SUBJECT_END: dict[str, bool] = {}


def _subject_end_memo(p: str) -> bool:
    """:func:`_subject_end`, memoised for the process."""
    known = _SUBJECT_END.get(p)
    if known is None:
        if len(_SUBJECT_END) >= 100_000:
            _SUBJECT_END.clear()
        known = _SUBJECT_END[p] = _subject_end(p)
    return known


def _plural_or_name(p: str, written: str) -> bool:
    """Is the chunk ``p`` (``written`` as written) one plain word that _scan takes for a
    subject a base form agrees with (a plural, or a name)?"""
    return (
        p.isascii()
        and p.isalnum()
        and not _skippable(p)
        and (
            p in PLURAL_PRONOUNS
            or p in PLURAL_NOUNS
            or (
                p not in FUNCTION_WORDS
                and ((p.endswith("s") and not p.endswith("ss")) or written[:1].isupper())
            )
        )
    )


def _modal_after(p: str) -> bool:
    """Is the token before a modal, the last one of the chunk ``p`` (lower case), neither "to"
    nor a determiner? (Yes when ``p`` is a plain ASCII word that is neither, or ends in an
    ASCII character that is no letter or digit: the last token is then that character.)"""
    if p.isascii():
        if p.isalnum():
            return p != "to" and p not in DETERMINERS
        return not p[-1].isalnum()
    return False


def _not_after_to(seq: list[str], chunks: list[str], w: str) -> bool:
    """Does ``w`` stand in ``seq`` (chunks as written or lower-cased) at the start, or after a
    chunk (of ``chunks``, lower-cased) that does not end in "to"?"""
    k = seq.index(w)  # the first occurrence without a generator: most sentences stop here
    if k == 0 or not chunks[k - 1].endswith("to"):
        return True
    return any(not chunks[j - 1].endswith("to") for j in _occurrences(seq, w)[1:])


# Single-character tokens after which a past form is a verb ("Haddad, 46, opened the shop").
_PUNCTUATION = frozenset(",;:)]”’\"'.!?—–-…")
# Characters str.split() takes for whitespace and the tokenizer for punctuation.
_ODD_SPACE = re.compile("[\x1c-\x1f]")


def _subject_end(p: str) -> bool:
    """Is the chunk ``p`` one plain word (ASCII letters and digits, or such runs joined by
    hyphens: one token) that _scan takes for the end of a subject?"""
    return (
        p.isascii()
        and (p.isalnum() or _HYPHENATED.fullmatch(p) is not None)
        and not _skippable(p)
        and (p in SUBJECT_PRONOUNS or p in PLURAL_NOUNS or p not in FUNCTION_WORDS)
    )


_HYPHENATED = re.compile("[a-z0-9]+(?:-[a-z0-9]+)+")


def first_finite_verb(texts: list[str], lows: list[str]) -> int | None:
    """Index of the first token that may be a finite verb, from token texts and lower-case
    forms (:func:`token_lows`); None if there is none."""
    found = _scan(texts, lows, True)
    return found[0] if found else None


def finite_verbs(tokens: list[Token]) -> list[int]:
    """Indices of the tokens that may be finite verbs in their context (generous)."""
    texts = [t.text for t in tokens]
    return _scan(texts, [t.lower().replace("’", "'") for t in texts], False)


def has_finite_verb(text: str, start: int = 0, end: int | None = None) -> bool:
    seg = text[start:end]
    if sure_finite_verb(seg):
        return True
    texts = TOKEN_RE.findall(seg)
    return bool(texts) and bool(_scan(texts, token_lows(seg, texts), True))


# ---------------------------------------------------------------------------------------------
# per-document views shared by the sentence-shape rules (kept in the run's Context state)

_ASCII_RUN = re.compile("[A-Za-z]*")
# The only characters whose case-insensitive match or lower case involves an ASCII letter
# while they are not one (İ, long s, the Kelvin sign).
_ODD_CASE = ("\u0130", "\u017f", "\u212a")


def sentence_heads(doc: Document, ctx: Context) -> list[str | None]:
    """For each sentence, a lower-case prefilter on its first token.

    The entry is the run of ASCII letters the sentence starts with, in lower case ("" when it
    starts with another ASCII character), or None when that says nothing (a non-ASCII
    character at the start or right after the run). Whenever the first token of the
    sentence (``tokenize(view, start, end)[0].low``) is a word of ASCII letters, the entry
    is that word or None; so ``head is not None and head not in WORDS`` proves that the
    sentence does not start with one of ``WORDS``.
    """
    heads = ctx.state.get("lexicon.heads")
    if heads is None:
        view = doc.view
        heads = []
        match = _ASCII_RUN.match
        for sent in doc.sentences:
            s, e = sent.start, sent.end
            stop = match(view, s, e).end()
            if stop < e and not view[stop].isascii():
                heads.append(None)
            else:
                heads.append(view[s:stop].lower())
        ctx.state["lexicon.heads"] = heads
    return heads


def lower_view(doc: Document, ctx: Context) -> str | None:
    """``doc.view.lower()``, offset for offset, when case-insensitive matching of ASCII words
    in the view is plain matching in it (no İ, long s or Kelvin sign); else None."""
    key = "lexicon.lower_view"
    if key not in ctx.state:
        view = doc.view
        ok = not any(c in view for c in _ODD_CASE)
        ctx.state[key] = view.lower() if ok else None
    return ctx.state[key]


def marked_sentences(
    doc: Document, ctx: Context, key: str, pattern: re.Pattern[str], text: str
) -> set[int]:
    """Indices of the sentences that overlap a match of ``pattern`` in ``text`` (the view, or
    :func:`lower_view`), kept in the run's state under ``key``."""
    found = ctx.state.get(key)
    if found is None:
        found = set()
        sentences = doc.sentences
        starts = sentence_starts(doc, ctx)
        for m in pattern.finditer(text):
            i = max(0, bisect_right(starts, m.start()) - 1)
            while i < len(sentences) and sentences[i].start < m.end():
                if sentences[i].end > m.start():
                    found.add(i)
                i += 1
        ctx.state[key] = found
    return found


def sentence_starts(doc: Document, ctx: Context) -> list[int]:
    starts = ctx.state.get("lexicon.starts")
    if starts is None:
        starts = ctx.state["lexicon.starts"] = [s.start for s in doc.sentences]
    return starts
