"""Spelling rules: misspellings, unknown words, vocabulary, English variants (TY0xx).

TY001 common misspellings (curated list, safe fix), TY002 unknown words with ranked
suggestions, TY003 words rejected by the vocabulary files, TY004 American and British
spellings mixed in one article, TY005 (opt-in) spellings of the other variant than the house
setting. Names are never typos: see :mod:`lintnews.spelling.tokens`.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

import regex

from lintnews.diagnostic import Diagnostic, Edit, Fix
from lintnews.document import Document
from lintnews.registry import Context, Rule, register
from lintnews.spelling.tokens import APOSTROPHE_ENDINGS, Part, Piece, WordIndex, parts

_APOSTROPHE_ENDINGS = APOSTROPHE_ENDINGS


# ---------------------------------------------------------------------------------------------
# shared per-document analysis
#
# Most words of an article are ordinary words no rule reports. The rules therefore ask, per
# distinct token text and once per process, whether a token may hold a finding (a set
# lookup afterwards); only the occurrences of those few tokens get their exact parts, and the
# whole-article questions (is this word used elsewhere? as a name?) are answered per word.


def _items(doc: Document, ctx: Context) -> list[Part]:
    """All parts of the document (see :func:`lintnews.spelling.tokens.parts`)."""
    items = ctx.state.get("spelling.parts")
    if items is None:
        items = ctx.state["spelling.parts"] = parts(doc)
    return items


def _index(doc: Document, ctx: Context) -> WordIndex:
    index = ctx.state.get("spelling.index")
    if index is None or index.doc is not doc:
        index = ctx.state["spelling.index"] = WordIndex(doc)
    return index


class _Verdicts:
    """Token texts judged for one rule: those with a piece that may be reported.

    Every token of one store is judged, in the order the store took them in (`upto` of them
    so far): a document's tokens are all in the store of its index, so once the store's
    newer tokens are judged (none, mostly) one pass over the few tokens flagged, or over the
    document's tokens when fewer, gives its candidates.
    """

    __slots__ = ("basis", "flagged", "lower", "store", "upper", "upto")

    def __init__(self, basis: tuple[object, ...], store: object) -> None:
        self.basis = basis  # the tables the verdicts rest on
        self.store = store
        self.upto = 0
        self.flagged: set[str] = set()  # lower | upper
        self.lower: set[str] = set()  # a lowercase piece may be reported
        self.upper: set[str] = set()  # a capitalised piece may be (when it is an initial)


_VERDICTS: dict[str, _Verdicts] = {}
_VERDICTS_LOCK = threading.Lock()


def _candidates(
    index: WordIndex, rule: str, basis: tuple[object, ...], judge: Callable[[Piece], bool]
) -> tuple[set[str], set[str]]:
    """The document's tokens with a lowercase / a capitalised piece that `judge` passes.

    `judge` must depend only on the piece and on the objects in `basis`.
    """
    store = index.store
    with _VERDICTS_LOCK:
        v = _VERDICTS.get(rule)
        if (
            v is None
            or v.store is not store
            or len(v.basis) != len(basis)
            or any(a is not b for a, b in zip(v.basis, basis, strict=True))
        ):
            v = _VERDICTS[rule] = _Verdicts(basis, store)
        if v.upto < len(store.order):
            new = store.order[v.upto :]
            v.upto += len(new)
            for token in new:
                for piece in store.pieces[token]:
                    if piece.kind == "lower" and judge(piece):
                        v.lower.add(token)
                        v.flagged.add(token)
                    elif piece.kind == "upper" and judge(piece):
                        v.upper.add(token)
                        v.flagged.add(token)
        found = index.distinct & v.flagged
        if not found:
            return set(), set()
        return found & v.lower, found & v.upper


class _Words:
    """The article's words, lowercase, of the parts that are not skipped (minus one word):
    the `context` of :func:`lintnews.spelling.suggest.suggest`, looked up word by word."""

    __slots__ = ("_got", "_index", "_not")

    def __init__(self, index: WordIndex, got: dict[str, bool], leave_out: str) -> None:
        self._index = index
        self._got = got
        self._not = leave_out

    def __bool__(self) -> bool:
        return True  # an empty context changes no ranking either

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or word == self._not:
            return False
        got = self._got.get(word)
        if got is None:
            index = self._index
            # (whether such a part exists does not depend on the order they come in)
            got = self._got[word] = any(
                p.case != "skip" and p.norm.lower() == word
                for p in index.parts_any_order(index.with_word(word))
            )
        return got


class _Names:
    """The article's names: words capitalised mid-sentence, and words used more than once
    (as a part of the same spelling), looked up word by word."""

    __slots__ = ("_got", "_index")

    def __init__(self, index: WordIndex) -> None:
        self._index = index
        self._got: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        got = self._got.get(word)
        if got is None:
            got = self._got[word] = self._find(word)
        return got

    def _find(self, word: str) -> bool:
        index = self._index
        seen = 0
        # a name part, or two parts: whichever order they come in
        for p in index.parts_any_order(index.with_word(word.lower())):
            if p.norm == word:
                if p.case == "name":
                    return True
                seen += 1
                if seen > 1:
                    return True
        return False


@lru_cache(maxsize=1)
def misspellings() -> dict[str, str]:
    """The curated list: misspelling -> correction (rules/typos/misspellings.txt)."""
    from lintnews.packs import builtin_rules_dir

    out: dict[str, str] = {}
    path = builtin_rules_dir() / "typos" / "misspellings.txt"
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if "->" in line:
                wrong, right = (x.strip() for x in line.split("->", 1))
                out[wrong.lower()] = right
    return out


def _base(part: Part) -> tuple[int, int, str]:
    """The word proper of a part: possessives and contractions stripped (offsets, text)."""
    text = part.norm
    low = text.lower()
    for end in APOSTROPHE_ENDINGS:
        if low.endswith(end) and len(low) > len(end) + 1:
            return part.start, part.end - len(end), text[: -len(end)]
    if low.endswith("n't") and len(low) > 4:
        return part.start, part.end - 3, text[:-3]
    return part.start, part.end, text


def _match_case(word: str, like: str) -> str:
    if like[:1].isupper() and word[:1].islower():
        return word[:1].upper() + word[1:]
    return word


def _in_house(word: str, english: str) -> str:
    from lintnews.spelling import variants
    from lintnews.spelling.lexicon import get_lexicon

    # remembered for the lexicon and variant entries the answer rests on
    basis = (get_lexicon(), variants._ENTRIES)
    if _IN_HOUSE_BASIS[0] is not basis[0] or _IN_HOUSE_BASIS[1] is not basis[1]:
        _IN_HOUSE.clear()
        _IN_HOUSE_BASIS[:] = basis
    key = (word, english)
    got = _IN_HOUSE.get(key)
    if got is None:
        to_variant = variants.to_variant
        got = " ".join(to_variant(w, english) if w.islower() else w for w in word.split(" "))
        if len(_IN_HOUSE) >= _IN_HOUSE_LIMIT:
            _IN_HOUSE.clear()
        _IN_HOUSE[key] = got
    return got


# (word, english) -> _in_house(word, english): the same suggestions come back often
_IN_HOUSE: dict[tuple[str, str], str] = {}
_IN_HOUSE_BASIS: list[object] = [None, None]
_IN_HOUSE_LIMIT = 20_000


def _covered_by_packs(doc: Document, ctx: Context) -> list[tuple[int, int]]:
    """Spans that typo packs (TY1xx: "anit-" -> "anti-") own.

    The pack rule reports them; ignoring the pack rule silences them, it does not hand them
    to the spelling rules.

    When the engine's pack stage runs on this document anyway (a TY1xx rule is selected), the
    pack rules run on the matchers its prefilter lets through (``_pattern_candidates``, worked
    out here if the stage has not yet run, and kept for it): the same findings as the rules'
    own ``check``, which the engine relies on. Otherwise the rules run on their own.
    """
    spans = ctx.state.get("spelling.packs")
    if spans is None:
        spans = []
        rules, selected = _typo_pack_rules(ctx)
        cands = ctx.state.get("pattern_candidates")
        if cands is None and selected:
            from lintnews.engine import _pattern_candidates

            cands = _pattern_candidates(doc, ctx)
        for rule in rules:
            if cands is None:
                found: Iterable[Diagnostic] = rule.check(doc, ctx)
            else:
                mts = cands.get(rule)
                found = rule.check_matchers(doc, ctx, mts) if mts else ()  # type: ignore[attr-defined]
            spans.extend((d.start, d.end) for d in found)
        ctx.state["spelling.packs"] = spans
    return spans


# registry -> (its size, its TY1xx rules, selection -> whether one of them is selected)
_PACK_RULES: WeakKeyDictionary[Any, tuple[int, list[Rule], dict[Any, bool]]] = WeakKeyDictionary()


def _typo_pack_rules(ctx: Context) -> tuple[list[Rule], bool]:
    """The registry's TY1xx rules, in code order (remembered per registry), and whether the
    settings select one of them (remembered per selection)."""
    from lintnews.engine import get_registry

    registry = get_registry(ctx.settings)
    got = _PACK_RULES.get(registry)
    if got is None or got[0] != len(registry):
        rules = [r for r in registry if r.code.startswith("TY1") and not r.corpus]
        got = _PACK_RULES[registry] = (len(registry), rules, {})
    s = ctx.settings
    key = (
        tuple(s.select) if s.select is not None else None,
        tuple(s.ignore),
        tuple(s.extend_select),
    )
    selected = got[2].get(key)
    if selected is None:
        chosen = {id(r) for r in registry.select(*key)}
        selected = got[2][key] = any(id(r) in chosen for r in got[1])
    return got[1], selected


def _vocab(doc: Document, ctx: Context) -> tuple[Any, Any]:
    """(accept, reject) word lists: the configured files plus the article's front matter."""
    got = ctx.state.get("spelling.vocab")
    if got is None:
        from lintnews.spelling import vocabulary as v

        fm = doc.front_matter
        accept = v.load(ctx.settings.vocabulary_accept)
        reject = v.load(ctx.settings.vocabulary_reject)
        if fm:  # (no entries of its own: the files' lists as they are, as merge gives them)
            accept = v.merge(accept, v.from_entries(v.front_matter_entries(fm, "accept")))
            reject = v.merge(reject, v.from_entries(v.front_matter_entries(fm, "reject")))
        got = ctx.state["spelling.vocab"] = (accept, reject)
    return got


def _accepted(accept: Any, doc: Document, part: Part, word: str) -> bool:
    if not accept:
        return False
    token = doc.view[part.token_start : part.token_end]
    return accept.matches(word) or accept.matches(part.text) or accept.matches(token)


# ---------------------------------------------------------------------------------------------
# rules


@register
class Misspelling(Rule):
    code = "TY001"
    name = "misspelling"
    severity = "error"
    fixable = True
    summary = "A common misspelling with one correct form (curated list; safe fix)."
    doc = """
Words in lintnews's list of common misspellings (`rules/typos/misspellings.txt`): forms
that are never correct English ("goverment", "recieve", "occured"). The fix is safe. Names
are matched too when capitalised mid-sentence ("the Goverment"), never in all capitals.
Accepted vocabulary entries win over the list.
"""
    bad = ("The goverment said on Tuesday it would act.", "Officials recieved the report.")
    good = ("The government said on Tuesday it would act.", "Officials received the report.")

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        table = misspellings()
        index = _index(doc, ctx)
        lower, upper = _candidates(index, self.code, (table,), lambda p: p.low in table)
        if not lower and not upper:
            return
        accept, _ = _vocab(doc, ctx)
        covered = None
        for part in index.parts_of(lower | upper):
            if part.case == "skip":
                continue
            s, e, word = _base(part)
            right = table.get(word.lower())
            if right is None or _accepted(accept, doc, part, word):
                continue
            if covered is None:
                covered = _covered_by_packs(doc, ctx)
            if any(cs < e and s < ce for cs, ce in covered):
                continue
            right = _match_case(_in_house(right, ctx.settings.english), word)
            fix = Fix("safe", f'Replace with "{right}"', (Edit(s, e, right),))
            yield self.diagnostic(s, e, f'misspelling: "{word}" -> "{right}"', fix)


@register
class UnknownWord(Rule):
    code = "TY002"
    name = "unknown-word"
    severity = "warning"
    fixable = True
    summary = "A word that is in no dictionary: probably a typo (ranked suggestions)."
    doc = """
Lowercase words and the parts of hyphenated compounds are looked up in pyspellchecker's
dictionary, then in wordfreq's much larger list, so rare but real words (jihadist,
deepfake, oblast) stay quiet. A form wordfreq knows only as a rare neighbour of a far more
frequent word ("thte" beside "the") is still reported. Names are not typos: capitalised
words in mid-sentence, words in capitals, words with digits, handles, hashtags, URLs and
e-mail addresses are skipped; a capitalised word at the start of a sentence is reported
only when it is clearly a misspelt ordinary word.

Suggestions are ranked by a typing-error model (swapped, doubled, dropped letters and
neighbouring keys are likely) weighted by word frequency. The fix is unsafe when one
suggestion clearly dominates (one edit away, frequent, well ahead of the next), otherwise
it is display-only with up to three suggestions. Accept words in a vocabulary file
(`lintnews vocab add WORD`) or mark a quoted spelling with `[sic]`.
"""
    bad = ("The minsitry said the protests had spread.", "Troops were deplyed overnight.")
    good = (
        "Azirbek said Tokayev had asked the CSTO for help.",
        "The akimat of Mangystau imposed a curfew on Tuesday.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        from lintnews.checks.mt_structure import foreign_quotes, foreign_word_language
        from lintnews.spelling.lexicon import get_lexicon
        from lintnews.spelling.suggest import suggest

        index = _index(doc, ctx)
        if not index.distinct:
            return
        table = misspellings()
        lex = get_lexicon()

        def unknown(p: Piece) -> bool:
            low = p.low
            if len(low) < 3 or low in table or not low.isascii() or "'" in low:
                return False
            if p.kind == "upper":
                # Reported only as an initial, and then only when wordfreq does not know it
                # and it is clearly a typo of a frequent word one edit away.
                return (
                    lex.zipf(low) < 1.0
                    and not lex.in_dictionary(low)
                    and _may_be_clear_typo(low, lex)
                )
            return not lex.known(low)

        lower, upper = _candidates(index, self.code, (table, lex), unknown)
        if not lower and not upper:
            return
        todo = [
            p
            for p in index.parts_of(lower | upper, initial_only=upper - lower)
            if p.case in ("lower", "tail", "initial")
        ]
        if not todo:
            return
        accept, reject = _vocab(doc, ctx)
        names: _Names | None = None
        context: dict[str, bool] | None = None
        italics: list[tuple[int, int]] | None = None
        covered = None
        english = ctx.settings.english
        for part in todo:
            s, e, word = _base(part)
            low = word.lower()
            if len(low) < 3 or low in table or not low.isascii() or lex.known(low):
                continue
            if "'" in low:
                continue  # o'clock, za'atar: an apostrophe that is not a contraction
            if italics is None:
                italics = _italics(doc)
            if italics and any(a <= s and e <= b for a, b in italics):
                continue  # foreign words are set in italics
            if _accepted(accept, doc, part, word) or (reject and reject.matches(word)):
                continue
            if covered is None:
                covered = _covered_by_packs(doc, ctx)
            if any(cs < e and s < ce for cs, ce in covered):
                continue
            maybe_name = part.case in ("initial", "tail")
            if maybe_name:
                if lex.zipf(low) >= 1.0:
                    continue  # a name wordfreq knows
                if names is None:
                    names = _Names(index)
                if word in names:
                    continue  # a name the article knows
            if context is None:
                context = {}
            # A possible name is reported only with a clear one-edit correction.
            ranked = suggest(low, lex, context=_Words(index, context, low), far=not maybe_name)
            if part.index < part.parts - 1:
                ranked = _as_prefix(ranked)
            if part.case == "initial":
                if names is None:
                    names = _Names(index)
                if not _clear_typo_of_word(doc, part, word, ranked, names, lex):
                    continue
            elif part.case == "tail" and not _clear_typo_of_word(
                doc, part, word, ranked, set(), lex, run_of_names=False
            ):
                continue
            if doc.in_quote(s, e):
                glosses = ctx.state.get("glosses")
                if glosses is None:
                    glosses = ctx.state["glosses"] = foreign_quotes(doc)
                if foreign_word_language(low) or any(a <= s < b for a, b in glosses):
                    continue  # a quoted foreign gloss ("la casa aislada")
            if not _dominant(ranked) and _repeats(index, low):
                continue  # the same unknown spelling twice is a term ("shunto"), not a slip
            found = self._report(s, e, word, ranked, english)
            if found is not None:
                yield found

    def _report(
        self, s: int, e: int, word: str, ranked: list[Any], english: str
    ) -> Diagnostic | None:
        words: list[str] = []
        for sug in ranked:
            w = _match_case(_in_house(sug.word, english), word)
            if w not in words and w.lower() != word.lower():
                words.append(w)
        if not words:
            return None  # nothing near it in any dictionary: a term or name, not a slip
        if _dominant(ranked):
            fix = Fix("unsafe", f'Replace with "{words[0]}"', (Edit(s, e, words[0]),))
            return self.diagnostic(s, e, f'possible typo "{word}"; did you mean "{words[0]}"?', fix)
        shown = words[:3]
        listed = ", ".join(f'"{w}"' for w in shown)
        fix = Fix("display", f'Replace with "{shown[0]}"', (Edit(s, e, shown[0]),))
        return self.diagnostic(s, e, f'possible typo "{word}"; did you mean {listed}?', fix)


_EMPHASIS = regex.compile(r"(?<![\w*])([*_])(?![\s*_])([^\n]+?)(?<![\s*_])\1(?![\w*])")


def _italics(doc: Document) -> list[tuple[int, int]]:
    """Emphasised spans of a Markdown article (*kolkhoz*): view offsets."""
    if doc.kind != "markdown" or doc.offset_map is not None:
        return []
    text = doc.text
    if "*" not in text and "_" not in text:
        return []  # every match holds one or the other
    return [m.span() for m in _EMPHASIS.finditer(text)]


def _repeats(index: WordIndex, low: str) -> bool:
    """Is `low` (a word proper, lowercase) written at least twice as a whole token?"""
    if "-" in low or "'" in low or "’" in low:
        return sum(t.lower() == low for t in index.tokens) >= 2
    # A token that is `low` in lowercase is a one-part token whose part is `low`.
    return sum(index.count(t) for t in index.with_word(low) if t.lower() == low) >= 2


def _as_prefix(ranked: list[Any]) -> list[Any]:
    """Before a hyphen ("anit-terrorist") prefixes are likely and two words are not."""
    from dataclasses import replace

    from lintnews.spelling.lexicon import PREFIXES

    out = [
        replace(s, score=s.score + 1.0) if s.word in PREFIXES else s
        for s in ranked
        if " " not in s.word
    ]
    return sorted(out, key=lambda s: (-s.score, s.word))


def _dominant(ranked: list[Any]) -> bool:
    """One candidate clearly ahead: one edit away, frequent, well above the next."""
    if not ranked:
        return False
    top = ranked[0]
    if top.distance != 1 or " " in top.word:
        return False
    from lintnews.spelling.lexicon import get_lexicon

    if get_lexicon().zipf(top.word) < 3.0:
        return False
    return len(ranked) == 1 or top.score - ranked[1].score >= 1.0


# How frequent the word an unknown possible name is clearly a typo of must be (Zipf).
CLEAR_TYPO_ZIPF = 4.0


def _may_be_clear_typo(low: str, lex: Any) -> bool:
    """May :func:`_clear_typo_of_word` hold for a capitalised word whose lowercase form is
    `low`? Only with a suggestion ``_dominant`` and at least CLEAR_TYPO_ZIPF on top: one
    edit away and no split, so a suggestible word of ``dictionary_neighbours(low, 1)`` (the
    one-edit candidates of :func:`lintnews.spelling.suggest.suggest`, which context bonuses
    and :func:`_as_prefix` only reorder) that frequent. TY002 looks at a capitalised word
    that is not one of its lowercase words only where this holds (once per token text)."""
    return any(lex.zipf(c) >= CLEAR_TYPO_ZIPF for c in lex.dictionary_neighbours(low, 1))


def _clear_typo_of_word(
    doc: Document,
    part: Part,
    word: str,
    ranked: list[Any],
    names: Container[str],
    lex: Any,
    run_of_names: bool = True,
) -> bool:
    """Is an unknown word that may be a name (capitalised at the start of a sentence, or
    after a name in a compound) clearly a misspelt ordinary word?

    It must be unknown to wordfreq too (which knows most names), not used as a name or
    repeated elsewhere in the article, and one frequent word must clearly dominate.
    """
    if word in names or lex.zipf(word.lower()) >= 1.0 or not _dominant(ranked):
        return False
    if lex.zipf(ranked[0].word) < CLEAR_TYPO_ZIPF:
        return False
    if not run_of_names:
        return True
    # "Saltanat Azirbek", "Azirbek Saltanat": names come in runs of capitalised words.
    view = doc.view
    after = view[part.token_end : part.token_end + 40].lstrip(" ")
    return not (after[:1].isupper() and part.index == part.parts - 1)


# ---------------------------------------------------------------------------------------------
# vocabulary


@register
class RejectedWord(Rule):
    code = "TY003"
    name = "rejected-word"
    severity = "warning"
    summary = "A word the vocabulary's reject list bans."
    doc = """
Words matching an entry of a `[tool.lintnews.vocabulary] reject` file are always flagged,
names and capitalised words included. One entry per line, regular expressions allowed.
`lintnews vocab add WORD --reject` adds one.
"""
    example_kind = "markdown"
    bad = ("---\nlintnews:\n  vocabulary:\n    reject: [Kiev]\n---\nThe Kiev government said.\n",)
    good = ("---\nlintnews:\n  vocabulary:\n    reject: [Kiev]\n---\nThe Kyiv government said.\n",)

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        _, reject = _vocab(doc, ctx)
        if not reject:
            return
        seen: set[int] = set()
        for part in _items(doc, ctx):
            token = doc.view[part.token_start : part.token_end]
            if part.token_start not in seen and reject.matches(token):
                seen.add(part.token_start)
                yield self._hit(part.token_start, part.token_end, token)
                continue
            if part.token_start in seen:
                continue
            s, e, word = _base(part)
            if reject.matches(part.text) or reject.matches(word):
                yield self._hit(s, e, word)

    def _hit(self, s: int, e: int, word: str) -> Diagnostic:
        return self.diagnostic(s, e, f'"{word}" is on the vocabulary\'s reject list')


# ---------------------------------------------------------------------------------------------
# English variants


def _variant_hits(doc: Document, ctx: Context) -> list[tuple[Part, str, str]]:
    """(part, variant, other form) for each variant-specific ordinary word."""
    hits = ctx.state.get("spelling.variants")
    if hits is not None:
        return hits
    from lintnews.spelling.lexicon import get_lexicon
    from lintnews.spelling.variants import _entries, counterpart

    index = _index(doc, ctx)
    lower, upper = _candidates(
        index,
        "variants",
        (get_lexicon(), _entries()),
        lambda p: counterpart(p.low) is not None,
    )
    hits = []
    for part in index.parts_of(lower | upper, initial_only=upper - lower):
        if part.case not in ("lower", "initial"):
            continue
        _, _, word = _base(part)
        hit = counterpart(word.lower())
        if hit is not None:
            hits.append((part, hit[0], hit[1]))
    ctx.state["spelling.variants"] = hits
    return hits


def _label(variant: str) -> str:
    return "American" if variant == "en-US" else "British"


def _replace(part: Part, other: str) -> tuple[int, int, str]:
    s, e, word = _base(part)
    return s, e, _match_case(other, word)


@register
class VariantMix(Rule):
    code = "TY004"
    name = "english-variant-mix"
    severity = "warning"
    fixable = True
    summary = "American and British spellings mixed in one article."
    doc = """
An article should use one variant of English. When it has both American spellings
("color", "organize", "defense", "traveled") and British ones ("colour", "organise",
"defence", "travelled"), the less used variant is flagged (on a tie, the one that is not the
house setting `english = "en-US" | "en-GB"`) with an unsafe fix to the other. Names
("Labour Party", "World Trade Center", "Ministry of Defence") are not counted: only
lowercase words and ordinary words at the start of a sentence. -ize is counted as American.
"""
    bad = ("The colour of the flag was chosen to honor the dead.",)
    good = (
        "The colour of the flag was chosen to honour the dead.",
        "The Labour Party said the color scheme would change.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        hits = _variant_hits(doc, ctx)
        if len({v for _, v, _ in hits}) < 2:
            return
        counts = Counter(v for _, v, _ in hits)
        house = ctx.settings.english
        other = "en-GB" if house == "en-US" else "en-US"
        winner = house if counts[house] >= counts[other] else other
        examples = []
        for part, variant, _ in hits:
            if variant == winner and part.norm.lower() not in examples:
                examples.append(part.norm.lower())
        shown = ", ".join(f'"{w}"' for w in examples[:3])
        for part, variant, form in hits:
            if variant == winner:
                continue
            s, e, repl = _replace(part, form)
            msg = (
                f'{_label(variant)} spelling "{doc.view[s:e]}" in an article that otherwise '
                f'uses {_label(winner)} spelling ({shown}); use "{repl}"'
            )
            yield self.diagnostic(
                s, e, msg, Fix("unsafe", f'Replace with "{repl}"', (Edit(s, e, repl),))
            )


@register
class HouseVariant(Rule):
    code = "TY005"
    name = "house-variant"
    severity = "info"
    fixable = True
    default_enabled = False
    summary = "A spelling of the other variant than the house English (opt-in)."
    doc = """
Opt-in (`--extend-select TY005`): flags every American spelling when the house setting is
`english = "en-GB"` and every British spelling under `en-US`, with an unsafe fix. The
spelling rule itself never calls either variant a typo.
"""
    bad = ("The colour of the flag was chosen.",)
    good = ("The color of the flag was chosen.",)

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        house = ctx.settings.english
        for part, variant, form in _variant_hits(doc, ctx):
            if variant == house:
                continue
            s, e, repl = _replace(part, form)
            msg = (
                f'{_label(variant)} spelling "{doc.view[s:e]}"; '
                f'the house style is {_label(house)} ("{repl}")'
            )
            yield self.diagnostic(
                s, e, msg, Fix("unsafe", f'Replace with "{repl}"', (Edit(s, e, repl),))
            )


def iter_unknown(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """TY002 findings of a document (for tools and the benchmark)."""
    yield from UnknownWord().check(doc, ctx)
