"""Names in news copy: capitalised words, acronyms and hyphenated names, with spelling folds.

Used by the consistency rules (``lintnews/checks/consistency.py``). Everything here works on a
document's lint view (view offsets); callers map to source offsets with ``doc.to_source``.
"""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, NamedTuple

import regex

from lintnews.document import WORD_RE, Document
from lintnews.lexicon import zipf as english_zipf

# Apostrophe forms of the possessive suffix that is not part of a name.
_POSSESSIVE = ("'s", "’s", "'S", "’S")


class Token(NamedTuple):
    """A capitalised word, acronym or hyphenated name (view offsets). A named tuple: built a
    hundred times an article, it costs a tenth of a frozen dataclass."""

    form: str
    start: int
    end: int
    weak: bool  # sentence-initial, after a colon, or in a heading: capitals prove nothing
    acronym: bool  # all capitals (2-6 letters)
    sentence: int  # index into doc.sentences, -1 when outside any sentence
    prev: str = ""  # the adjacent capitalised word before it (same sentence), or ""
    next: str = ""  # ... after it
    heading: bool = False  # in a heading (title case proves nothing)


# A token's fields as a plain tuple (what the consistency rules read: building the named
# tuple costs a third of a microsecond a token), and the tokens and bigrams of a document.
TokenRow = tuple[str, int, int, bool, bool, int, str, str, bool]
Rows = tuple[tuple[TokenRow, ...], tuple[TokenRow, ...]]

# ``Token(*fields)`` with all nine fields given, without the named tuple's Python __new__.
_new_token: Callable[[TokenRow], Token] = partial(tuple.__new__, Token)


@dataclass(frozen=True, slots=True)
class Extract:
    tokens: tuple[Token, ...]
    bigrams: tuple[Token, ...]  # two adjacent capitalised words: "Kassym Jomart"


_CACHE: weakref.WeakKeyDictionary[Document, Extract] = weakref.WeakKeyDictionary()
_ROWS: weakref.WeakKeyDictionary[Document, Rows] = weakref.WeakKeyDictionary()


_DATELINE_RE = regex.compile(r"\s*(?:,|\(|—|–|-\s)")


def extract(doc: Document) -> Extract:
    """Name tokens and bigrams of a document (cached per document object)."""
    got = _CACHE.get(doc)
    if got is None:
        got = _CACHE[doc] = _as_extract(extract_rows(doc))
    return got


def extract_rows(doc: Document) -> Rows:
    """:func:`extract`'s tokens and bigrams as plain tuples (``Token``'s fields in its order),
    cached per document object."""
    got = _ROWS.get(doc)
    if got is None:
        got = _ROWS[doc] = _extract_rows(doc)
    return got


def _as_extract(rows: Rows) -> Extract:
    tokens, bigrams = rows
    return Extract(tuple(map(_new_token, tokens)), tuple(map(_new_token, bigrams)))


def _extract(doc: Document) -> Extract:
    """Name tokens and bigrams (see :func:`extract` and :func:`_extract_rows`)."""
    return _as_extract(_extract_rows(doc))


def _trim(word: str) -> str:
    """Drop a possessive and lowercase hyphen parts: "Moscow-led" -> "Moscow"."""
    for p in _POSSESSIVE:
        if word.endswith(p):
            word = word[: -len(p)]
            break
    word = word.rstrip("'’")
    if "-" in word:
        parts = word.split("-")
        keep = [parts[0]]
        for part in parts[1:]:
            if part[:1].isupper() or part.isdigit():
                keep.append(part)
            else:
                break
        word = "-".join(keep)
    return word


@lru_cache(maxsize=65536)
def is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


def _after_colon(view: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and start - i < 6 and view[i] in " \t\"'“‘«":
        i -= 1
    return i >= 0 and view[i] in ":•"


# A word (as WORD_RE finds it) that starts with a capital: only a word start (neither a letter
# or digit nor a letter or digit and an apostrophe or hyphen before it) in \p{Lu} or \p{Nl},
# the only letters and numbers for which str.isupper() holds. The first word of a sentence
# is taken from WORD_RE itself.
_CAP_WORD_RE = regex.compile(
    r"[\p{Lu}\p{Nl}](?<![\p{L}\p{N}].)(?<![\p{L}\p{N}]['’\-].)[\p{L}\p{N}]*"
    r"(?:['’\-][\p{L}\p{N}]+)*"
)

# word -> (form, all capitals, acronym) for a capitalised word that can be a name token, else
# None.
_FORMS: dict[str, tuple[str, bool, bool] | None] = {}


def _form(word: str) -> tuple[str, bool, bool] | None:
    got = _FORMS.get(word, False)
    if got is not False:
        return got  # type: ignore[return-value]
    out: tuple[str, bool, bool] | None = None
    if word[0].isupper():
        form = _trim(word)
        if (
            len(form) >= 2
            and any(c.isalpha() for c in form[1:])
            and not any(c.isdigit() for c in form.split("-")[0])
        ):
            out = (form, form.isupper(), is_acronym(form))
    if len(_FORMS) > 100_000:
        _FORMS.clear()
    _FORMS[word] = out
    return out


# Is a character [\p{Lu}\p{Nl}] (what _CAP_WORD_RE starts with)? Memoised per character as
# a translation table: code point -> "\x01" if it is, else "\x00" (so that a string of first
# letters translates to a mask in one call); _CAP_SEEN holds the characters in the table.
_CAP_START_RE = regex.compile(r"[\p{Lu}\p{Nl}]")
_CAP_MASK: dict[int, str] = {}
_CAP_SEEN: set[str] = set()


def _cap_mask(letters: str) -> bytes:
    r"""One byte per character of letters: 1 where it is [\p{Lu}\p{Nl}], else 0."""
    new = set(letters).difference(_CAP_SEEN)
    if new:
        if len(_CAP_SEEN) > 100_000:
            _CAP_MASK.clear()
            _CAP_SEEN.clear()
            new = set(letters)
        for c in new:
            _CAP_MASK[ord(c)] = "\x01" if _CAP_START_RE.match(c) else "\x00"
        _CAP_SEEN.update(new)
    return letters.translate(_CAP_MASK).encode("ascii")


# Where a word stands right after a colon or bullet and at most five spaces, tabs or opening
# quotes: the ends of the matches, for a word that starts with none of those (_after_colon).
_AFTER_COLON_RE = re.compile("[:•][ \t\"'“‘«]{0,5}")


def _colon_ends(view: str) -> set[int]:
    """The offsets p, before a character other than a space, tab or opening quote, at which
    ``_after_colon(view, p)`` holds."""
    if ":" not in view and "•" not in view:
        return set()
    return {m.end() for m in _AFTER_COLON_RE.finditer(view)}


def _in_order(doc: Document) -> bool:
    """Are the prose blocks in order and apart? Then doc.words is in order, and the words of
    a sentence are those that start in it."""
    end = -1
    for bi in doc.prose_blocks:
        b = doc.blocks[bi]
        if b.start < end:
            return False
        end = max(b.end, b.start)
    return True


def _picks(seq: Any, indexes: list[int]) -> tuple[Any, ...]:
    """``tuple(seq[i] for i in indexes)`` in one call."""
    if len(indexes) > 1:
        return operator.itemgetter(*indexes)(seq)  # type: ignore[no-any-return]
    return (seq[indexes[0]],) if indexes else ()


def _extract_rows(doc: Document) -> Rows:
    r"""Name tokens and bigrams (see :func:`extract`), as plain tuples.

    Per sentence, the candidates are its first word (``WORD_RE.search`` in the sentence) and
    the capitalised words after it (``_CAP_WORD_RE.finditer`` from there to its end). They are
    read off ``doc.words`` where that gives the same: prose blocks in order, a sentence inside
    its block, no word running across its start or end. A capitalised word there is a word
    of the block whose first character is [\p{Lu}\p{Nl}]: inside a block a word never starts
    right after a letter or digit, or after one and an apostrophe or hyphen (WORD_RE would
    have gone on), which is all the pattern's lookbehinds refuse; and within a word every
    other place is right after one of those. Other sentences are scanned as before.

    A candidate becomes a token once the next one in its sentence is seen (the two are
    neighbours when only white space, two characters or less, stands between them), or at
    the sentence's end; an acronym of a sentence found to be shouting is taken out again.
    """
    view = doc.view
    blocks = doc.blocks
    heading_blocks = {i for i, b in enumerate(blocks) if b.kind == "heading"}
    words = doc.words
    fast = _in_order(doc)
    starts: list[int] = []
    caps: list[int] = []
    cap_spans: tuple[tuple[int, int], ...] = ()
    if fast:
        starts = list(map(operator.itemgetter(0), words))
        mask = _cap_mask("".join(_picks(view, starts)))
        caps = list(itertools.compress(range(len(words)), mask))
        cap_spans = _picks(words, caps)
    tokens: list[TokenRow] = []
    bigrams: list[TokenRow] = []
    cap_word = _CAP_WORD_RE.finditer
    after_colon = _colon_ends(view)  # every form starts with a capital
    forms_get = _FORMS.get
    for si, sent in enumerate(doc.sentences):
        ss, se, bi = sent.start, sent.end, sent.block
        in_heading = bi in heading_blocks
        spans: Any = None
        if fast:
            b = blocks[bi]
            i = bisect_left(starts, ss)
            if b.start <= ss and se <= b.end and (i == 0 or words[i - 1][1] <= ss):
                k = bisect_left(starts, se, i)
                if i == k:
                    continue  # no word in the sentence
                if words[k - 1][1] <= se:
                    a = bisect_right(caps, i)
                    spans = (words[i], *cap_spans[a : bisect_left(caps, k, a)])
                    n_words = k - i
        if spans is None:
            first = WORD_RE.search(view, ss, se)
            if first is None:
                continue
            spans = (first.span(), *[m.span() for m in cap_word(view, first.end(), se)])
            n_words = -1
        n_caps = 0
        is_first = True
        # The candidate before (the last one seen in this sentence): its form (None when
        # there is none), start, end, weak, acronym, adjacent word before, and whether it is
        # left out (a long all-capital word).
        p_form: str | None = None
        p_start = p_end = 0
        p_weak = p_acronym = p_skip = False
        p_before = ""
        shouted: list[int] = []  # indexes in tokens of all-capital acronyms of this sentence
        for start, end in spans:
            word = view[start:end]
            got = forms_get(word, False)
            if got is False:
                got = _form(word)
            if got is None:
                is_first = False
                continue
            form, upper, acronym = got
            if upper:
                n_caps += 1
                if is_first and _DATELINE_RE.match(view, start + len(form)):
                    is_first = False
                    continue  # a dateline: "ZAGREB, Croatia —", "LONDON (Reuters) -"
            # The sentence's first word (only punctuation before it), a heading, or after ":".
            weak = in_heading or is_first or start in after_colon  # _after_colon(view, start)
            is_first = False
            end = start + len(form)
            before = ""
            if p_form is not None:
                nxt = ""
                if start - p_end <= 2:  # a longer gap never counts
                    gap = view[p_end:start]
                    if gap.isspace():
                        nxt = form
                        if (
                            len(gap) == 1
                            and not p_skip
                            and not p_acronym
                            and not acronym
                            and "-" not in p_form
                            and "-" not in form
                        ):
                            # (an acronym is never in a bigram: shouting changes none)
                            bigrams.append(
                                (
                                    f"{p_form} {form}",
                                    p_start,
                                    end,
                                    p_weak,
                                    False,
                                    si,
                                    "",
                                    "",
                                    in_heading,
                                )
                            )
                        before = p_form
                if not p_skip:
                    tokens.append(
                        (p_form, p_start, p_end, p_weak, p_acronym, si, p_before, nxt, in_heading)
                    )
            if upper and acronym:
                shouted.append(len(tokens))
            p_form, p_start, p_end, p_weak, p_acronym = form, start, end, weak, acronym
            p_skip = upper and not acronym  # long all-capital words
            p_before = before
        if p_form is not None and not p_skip:
            tokens.append((p_form, p_start, p_end, p_weak, p_acronym, si, p_before, "", in_heading))
        # Shouting: a sentence with three or more all-capital words, half its words or more:
        # its acronyms are left out too.
        if n_caps >= 3 and shouted:
            if n_words < 0:
                n_words = len(WORD_RE.findall(view, ss, se))
            if n_caps * 2 >= n_words:
                for j in reversed(shouted):
                    del tokens[j]
    return tuple(tokens), tuple(bigrams)


# ---------------------------------------------------------------------------------------------
# spelling: word frequency, folding, edit distance


def zipf(form: str) -> float:
    """English word frequency (Zipf scale, 0 = unknown) of a form, case-insensitively
    (:func:`lintnews.lexicon.zipf`, memoised there)."""
    return english_zipf(form.lower())


_FOLD_RE = regex.compile(r"dzh|zh|dj|kh|ks|ph|ck|tch|sch|ch|sh|ou|[cwqyj]")
_FOLD_MAP = {
    "dzh": "i",
    "zh": "i",
    "dj": "i",
    "kh": "h",
    "ks": "x",
    "ph": "f",
    "ck": "k",
    "tch": "C",
    "sch": "S",
    "ch": "C",
    "sh": "S",
    "ou": "u",
    "c": "k",
    "w": "v",
    "q": "k",
    "y": "i",
    "j": "i",
}


@lru_cache(maxsize=200_000)
def fold(form: str) -> str:
    """A transliteration-blind key: kh/h, zh/j/y, ie/iy/ii, ou/u, c/k, doubled letters,
    accents, hyphens, spaces and case do not matter ("Zhomart" = "Jomart" = "Yomart")."""
    s = unicodedata.normalize("NFKD", form.lower())
    s = "".join(c for c in s if c.isalnum())
    s = _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group()], s)
    out = []
    for c in s:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def compact(form: str) -> str:
    """Lowercase without hyphens, spaces and apostrophes: hyphen/space/case variants agree."""
    return "".join(c for c in form.lower() if c.isalnum())


def within_one(a: str, b: str) -> bool:
    """Optimal-string-alignment distance of a and b is at most 1."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True  # one substitution
        return (
            i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )  # one transposition
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


def deletions(key: str) -> set[str]:
    """The key and every string one deletion away (blocking for distance-1 pairs)."""
    out = {key}
    for i in range(len(key)):
        out.add(key[:i] + key[i + 1 :])
    return out
