"""Ranked corrections for an unknown word: a small noisy-channel model.

score(candidate) = Zipf frequency of the candidate - cost of the edits that turn it into the
typo. Costs are in the same log10 units and follow how typing goes wrong: a swapped pair, a
doubled or undoubled letter or a neighbouring key is cheap; an unrelated letter is dear; a
slip in the first letter is rarer than one later in the word.

Candidates are dictionary words (never wordfreq-only forms, which include misspellings) within
two edits, plus a split into two common words ("alot" -> "a lot").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lintnews.spelling.lexicon import Lexicon, get_lexicon

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
VOWELS = frozenset("aeiouy")


def _keyboard() -> dict[str, frozenset[str]]:
    pos = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    near: dict[str, set[str]] = {c: set() for c in pos}
    for a, (ra, ia) in pos.items():
        for b, (rb, ib) in pos.items():
            if a == b:
                continue
            # Rows are offset by about half a key: a key touches two keys of the next row.
            same_row = ra == rb and abs(ia - ib) == 1
            below = rb == ra + 1 and ib in (ia - 1, ia)
            above = rb == ra - 1 and ib in (ia, ia + 1)
            if same_row or below or above:
                near[a].add(b)
    return {k: frozenset(v) for k, v in near.items()}


NEAR = _keyboard()
_SOUND_ALIKE = {frozenset(p) for p in ("ck", "cs", "sz", "fv", "gj", "mn", "dt", "bp", "ie")}

# Edit costs (log10 units).
TRANSPOSE = 0.9
DOUBLE = 0.8  # a letter typed twice ("occurr")
UNDOUBLE = 0.8  # a double letter typed once ("comittee")
DROP = 1.1  # a letter left out
DROP_VOWEL = 1.0
ADD_NEAR = 1.3  # an extra letter next to a key it sits beside
ADD = 2.5
SUB_NEAR = 1.3
SUB_VOWEL = 1.3
SUB_SOUND = 1.4
SUB = 2.2
FIRST = 0.7  # extra cost when the first letter is touched
LIKELY_SLIP = 1.1  # at most this cost: swapped, doubled, undoubled or dropped letter
UNLIKELY_SLIP = 2.5  # above this: an unrelated first letter and the like
SPLIT = 3.0  # a missing space ("alot", "ofthe")
FAR_WHEN_BELOW = 2.0  # look two edits away when the best one-edit score is below this
CONTEXT = 0.6  # bonus for a word the article uses elsewhere
# Short words that may stand on either side of a missing space.
_SHORT = frozenset(
    "a i an as at be by do go he if in is it me my no of on or so to up us we".split()
)


def _sub_cost(typed: str, meant: str) -> float:
    if typed in NEAR.get(meant, ()):
        return SUB_NEAR
    if typed in VOWELS and meant in VOWELS:
        return SUB_VOWEL
    if frozenset((typed, meant)) in _SOUND_ALIKE:
        return SUB_SOUND
    return SUB


def channel_cost(typo: str, word: str) -> float:
    """Weighted Damerau-Levenshtein (optimal string alignment) cost from `word` to `typo`."""
    n, m = len(word), len(typo)
    inf = _INF
    # What leaving out word[i] and adding typo[j] cost (they depend on the neighbours only).
    drop = [
        UNDOUBLE
        if (i > 0 and word[i - 1] == ch) or (i + 1 < n and word[i + 1] == ch)
        else DROP_VOWEL
        if ch in VOWELS
        else DROP
        for i, ch in enumerate(word)
    ]
    add = [
        DOUBLE
        if (j > 0 and typo[j - 1] == ch) or (j + 1 < m and typo[j + 1] == ch)
        else ADD_NEAR
        if (j > 0 and ch in NEAR.get(typo[j - 1], ()))
        or (j + 1 < m and ch in NEAR.get(typo[j + 1], ()))
        else ADD
        for j, ch in enumerate(typo)
    ]
    d = [[inf] * (m + 1) for _ in range(n + 1)]
    d[0][0] = 0.0
    sub = _SUB
    for i in range(n + 1):
        row = d[i]
        first = FIRST if i == 0 else 0.0
        here = i < n
        swap = False
        if here:
            below = d[i + 1]
            w = word[i]
            left_out = drop[i]
            swap = i + 1 < n and word[i + 1] != w
        for j in range(m + 1):
            cur = row[j]
            if cur == inf:
                continue
            if here:
                if j < m:
                    t = typo[j]
                    if w == t:
                        if cur < below[j + 1]:
                            below[j + 1] = cur
                    else:
                        c = sub.get((t, w))
                        if c is None:
                            c = sub[(t, w)] = _sub_cost(t, w)
                        c = cur + c + first
                        if c < below[j + 1]:
                            below[j + 1] = c
                c = cur + left_out + first  # word[i] left out of the typo
                if c < below[j]:
                    below[j] = c
            if j < m:  # typo[j] is extra
                c = cur + add[j] + (FIRST if j == 0 else 0.0)
                if c < row[j + 1]:
                    row[j + 1] = c
            if swap and j + 1 < m and w == typo[j + 1] and word[i + 1] == typo[j]:
                c = cur + TRANSPOSE + first
                if c < d[i + 2][j + 2]:
                    d[i + 2][j + 2] = c
    return d[n][m]


_INF = float("inf")
_SUB: dict[tuple[str, str], float] = {}


@dataclass(frozen=True)
class Suggestion:
    word: str
    score: float
    distance: int  # 1 or 2 (plain Damerau edits); 1 for splits


def suggest(
    word: str,
    lexicon: Lexicon | None = None,
    limit: int = 5,
    context: frozenset[str] = frozenset(),
    far: bool = True,
) -> list[Suggestion]:
    """Best corrections for a lowercase word, best first.

    `context` holds the other words of the article: a candidate the article uses elsewhere
    gains CONTEXT (articles repeat their words: "villagse" is "villages" in a story about
    villages, though "village" is more frequent). `far=False` looks one edit away only.
    """
    ranked = _suggest(word, lexicon or get_lexicon(), far)
    if context:
        # A bonus lifts a score by CONTEXT at most, and none lowers one: a candidate scoring
        # below the limit-th score by more than that stays out of the first `limit`, with
        # the bonus or without (the leading run of `ranked` is all that is ranked again).
        if 0 < limit < len(ranked):
            floor = ranked[limit - 1].score - CONTEXT - _MARGIN
            top = limit
            while top < len(ranked) and ranked[top].score >= floor:
                top += 1
            ranked = ranked[:top]
        ranked = tuple(
            sorted(
                (
                    Suggestion(s.word, round(s.score + CONTEXT, 3), s.distance)
                    if s.word in context
                    else s
                    for s in ranked
                ),
                key=lambda s: (-s.score, s.word),
            )
        )
    return list(ranked[:limit])


_MARGIN = 0.01  # more than rounding to three decimals moves a score


@lru_cache(maxsize=4096)
def _suggest(word: str, lex: Lexicon, two_edits: bool = True) -> tuple[Suggestion, ...]:
    near = lex.dictionary_neighbours(word, 1)
    far: set[str] = set()
    cost = {c: channel_cost(word, c) for c in near}
    if two_edits and 3 <= len(word) <= 16:
        # Two edits away only when one edit finds nothing likely: a typed slip is one edit;
        # misspellings by ear ("seperete", "definatly") are often two.
        best1 = max((lex.zipf(c) - cost[c] for c in near), default=-9.0)
        if best1 < FAR_WHEN_BELOW:
            far = lex.dictionary_neighbours(word, 2) - near
    out: list[Suggestion] = []
    for c in near | far:
        if len(c) == 1 and c not in ("a", "i"):
            continue
        score = lex.zipf(c) - (cost[c] if c in near else channel_cost(word, c))
        out.append(Suggestion(c, round(score, 3), 1 if c in near else 2))
    value = lex.value  # one lookup for a word's frequency and dictionary bit
    for i in range(1, len(word)):
        a, b = word[:i], word[i:]
        if (len(a) >= 3 or a in _SHORT) and (len(b) >= 3 or b in _SHORT):
            # both in the dictionary and both at least 4.0 (b is not looked up when a fails)
            va = value(a)
            za = (va >> 1) / 100
            if not va & 1 or za < 4.0:
                continue
            vb = value(b)
            zb = (vb >> 1) / 100
            if vb & 1 and zb >= 4.0:
                out.append(Suggestion(f"{a} {b}", round(min(za, zb) - SPLIT, 3), 1))
    out.sort(key=lambda s: (-s.score, s.word))
    return tuple(out)
