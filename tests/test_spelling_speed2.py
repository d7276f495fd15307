"""Round 2 of the spelling rules' shortcuts (issue 9): each fast path against the code it
replaced, kept here verbatim as the oracle.

* ``tokens._Initials``: sentence starts worked out per asked offset, not for every sentence;
* ``tokens.token_parts``: the token's own shape looked up once per text, and where it stands
  asked only for a capitalised part;
* ``WordIndex.occurrences``: one pass in C for many tokens;
* ``suggest.suggest``: the article's words looked up only for candidates that may still
  reach the first `limit`;
* ``checks.spelling._italics``: no search of a text without ``*`` and ``_``;
* ``Lexicon`` one-edit neighbours by prefix ranges of the sorted words, and the prefix
  ranges of a two-edit search remembered;
* TY004: no counting when one variant is all there is.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections import Counter
from collections.abc import Container, Iterable
from pathlib import Path
from typing import Any

import corpora
import pytest

from lintnews import document as docmod
from lintnews.config import Settings
from lintnews.document import Block, Document, Sentence
from lintnews.registry import Context
from lintnews.spelling import lexicon as lx
from lintnews.spelling import suggest as sg
from lintnews.spelling import tokens as tk

_SETTINGS = Settings(cache_dir="")


def _texts(bench: int = 300) -> list[tuple[str, str]]:
    out = [(p, t) for p, t in corpora.articles()]
    out += [(f"lit{i}.md", t) for i, (_, t) in enumerate(corpora.literals()) if len(t) > 20]
    out += corpora.bench()[:bench]
    return out


def _docs(bench: int = 300, extra: Iterable[tuple[str, str]] = ()) -> list[Document]:
    docs = []
    for path, text in [*_texts(bench), *extra]:
        name = path if Path(path).suffix in (".md", ".txt", ".markdown") else path + ".md"
        docs.append(docmod.parse(name, text, settings=_SETTINGS))
    return docs


_DOCS: list[Document] | None = None


def _all_docs() -> list[Document]:
    global _DOCS
    if _DOCS is None:
        _DOCS = _docs()
    return _DOCS


# -- the replaced code, verbatim ------------------------------------------------------------


def _token_parts_before(doc: Document, s: int, e: int, initials: Container[int]) -> list[tk.Part]:
    Part, PARTICLES, _OPENERS = tk.Part, tk.PARTICLES, tk._OPENERS
    _codeish, _prev_char, _PART_RE = tk._codeish, tk._prev_char, tk._PART_RE
    view = doc.view
    token = view[s:e]
    block = doc.block_at(s)
    heading = block is not None and block.kind == "heading"
    codeish = _codeish(view, s, e)
    initial_token = s in initials or _prev_char(view, s) in _OPENERS or heading
    pieces = [(m.start(), m.end()) for m in _PART_RE.finditer(token)]
    cases: list[str] = []
    for k, (ps, pe) in enumerate(pieces):
        text = token[ps:pe]
        letters = [c for c in text if c.isalpha()]
        if (
            codeish
            or len(letters) < 2
            or any(c.isdigit() for c in text)
            or any(c.isupper() for c in letters[1:])
        ):
            cases.append("skip")
        elif letters[0].isupper():
            cases.append("initial" if (initial_token and (k == 0 or heading)) else "name")
        else:
            cases.append("lower")
    out: list[tk.Part] = []
    for k, (ps, pe) in enumerate(pieces):
        case = cases[k]
        text = token[ps:pe]
        if case == "lower" and (
            (text in PARTICLES and any(c == "name" for c in cases[k + 1 :]))
            or (len(text) <= 3 and "name" in cases)
        ):
            case = "skip"
        elif case == "lower" and k > 0 and cases[0] in ("name", "initial"):
            case = "tail"  # "Suk-yeol", "Jae-myung" -- or "Russian-bakced"
        out.append(Part(s + ps, s + pe, text, case, s, e, k, len(pieces)))
    return out


def _analyse_before(token: str) -> tuple[tk.Piece, ...]:
    out = []
    for m in tk._PART_RE.finditer(token):
        text = m.group()
        letters = [c for c in text if c.isalpha()]
        if (
            len(letters) < 2
            or any(c.isdigit() for c in text)
            or any(c.isupper() for c in letters[1:])
        ):
            kind = "skip"
        elif letters[0].isupper():
            kind = "upper"
        else:
            kind = "lower"
        norm = text.replace("’", "'")
        out.append(tk.Piece(norm, tk.base_word(norm).lower(), kind))
    return tuple(out)


def _occurrences_before(seq: list[str], tokens: Iterable[str]) -> list[int]:
    tokens = set(tokens)
    if not tokens:
        return []
    if len(tokens) > 4:
        return [i for i, t in enumerate(seq) if t in tokens]
    out: list[int] = []
    for token in tokens:
        i = -1
        try:
            while True:
                i = seq.index(token, i + 1)
                out.append(i)
        except ValueError:
            pass
    out.sort()
    return out


def _suggest_before(
    word: str,
    lexicon: lx.Lexicon | None = None,
    limit: int = 5,
    context: Any = frozenset(),
    far: bool = True,
) -> list[sg.Suggestion]:
    Suggestion, CONTEXT = sg.Suggestion, sg.CONTEXT
    ranked = sg._suggest(word, lexicon or lx.get_lexicon(), far)
    if context:
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


def _italics_before(doc: Document) -> list[tuple[int, int]]:
    from lintnews.checks.spelling import _EMPHASIS

    if doc.kind != "markdown" or doc.offset_map is not None:
        return []
    return [m.span() for m in _EMPHASIS.finditer(doc.text)]


def _neighbours_before(lex: lx.Lexicon, word: str, distance: int = 1) -> set[str]:
    first = lx.edits1(word)
    ok = lex._suggestible_in(first)
    out = {w for w in first if w in ok}  # (built in the same order as ever)
    if distance >= 2:
        out |= _second_edits_before(lex, word)
        out.discard(word)
    return out


def _dominated_before(lex: lx.Lexicon, word: str) -> str | None:
    from lintnews.spelling.suggest import LIKELY_SLIP, UNLIKELY_SLIP, channel_cost

    related_forms, edits1 = lx.related_forms, lx.edits1
    self = lex
    z = self.zipf(word)
    best, best_z = None, 0.0
    first = edits1(word)
    ok = self._suggestible_in(first)
    for cand in first:
        if cand not in ok or related_forms(word, cand):
            continue
        cz = self.zipf(cand)
        if cz <= best_z or cz - z < 1.0:
            continue
        cost = channel_cost(word, cand)
        if (cz - z >= 2.5 and cost <= UNLIKELY_SLIP) or cost <= LIKELY_SLIP:
            best, best_z = cand, cz
    if best is None and len(word) >= 6 and z < 3.0:
        # Two cheap slips in a long word: "harrased", "beggining".
        for cand in _neighbours_before(lex, word, 2):
            if related_forms(word, cand) or self.zipf(cand) - z < 1.5:
                continue
            if channel_cost(word, cand) <= 2 * LIKELY_SLIP - 0.4:
                best = cand
                break
    return best


def _second_edits_before(lex: lx.Lexicon, word: str) -> set[str]:
    _edits1_at, _edits_at, _one_edit, _FEW = lx._edits1_at, lx._edits_at, lx._one_edit, lx._FEW
    words = lex._words()
    ordered = lex._ordered_words()
    out: set[str] = set()
    for j, e in _edits1_at(word):
        if e == word:
            continue
        for i in range(max(0, j - 1), len(e) + 1):
            if i:
                head = e[:i]
                lo = bisect_left(ordered, head)
                last = ord(head[-1])
                hi = (
                    bisect_left(ordered, head[:-1] + chr(last + 1), lo)
                    if last < 0x10FFFF
                    else len(ordered)
                )
                if lo == hi:
                    break  # nothing starts so: no edit from here on is a word
                if hi - lo <= _FEW:
                    n = len(e)
                    out.update(
                        w for w in ordered[lo:hi] if n - 1 <= len(w) <= n + 1 and _one_edit(e, w)
                    )
                    break
            out.update(_edits_at(e, i) & words)
    return out


# -- sentence starts ------------------------------------------------------------------------


def _check_initials(doc: Document, offsets: Iterable[int]) -> bool:
    """Every offset is a sentence start for _Initials as for the whole set; returns whether
    the per-offset path (not the fallback) was taken."""
    want = tk._initial_positions(doc)
    fast = tk._Initials(doc)
    for o in offsets:
        assert (o in fast) == (o in want), (doc.view[:100], o)
    assert "x" not in fast and None not in fast
    return fast._all is None


def test_initials_on_every_offset() -> None:
    checked = fast = 0
    for doc in _all_docs():
        n = len(doc.view)
        offsets = range(-1, n + 2) if n < 20_000 else [s for s, _ in doc.words]
        fast += _check_initials(doc, offsets)
        checked += 1
    assert checked > 1000 and fast == checked


def _moved(doc: Document, rng: random.Random) -> list[Sentence]:
    out = []
    for s in doc.sentences:
        a = s.start + rng.choice([0, 0, 0, 1, 2, -1, -3])
        b = s.end + rng.choice([0, 0, 0, 1, -1, -2, 5])
        if rng.random() < 0.05:
            a, b = b, a  # backwards
        out.append(Sentence(a, b, s.block))
    if out and rng.random() < 0.3:
        i = rng.randrange(len(out))
        out.insert(i, out[i])  # twice
    if len(out) > 1 and rng.random() < 0.3:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]  # out of order
    if rng.random() < 0.2:
        out.append(Sentence(len(doc.view) - 3, len(doc.view) + 10, 0))  # past the end
    if rng.random() < 0.2:
        at = rng.randrange(len(doc.view) + 1)
        out.insert(0, Sentence(at, at, 0))  # empty
    return out


def test_initials_with_sentences_that_cut_words_overlap_or_run_backwards() -> None:
    rng = random.Random(7)
    fast = slow = 0
    for doc in _all_docs()[:800]:
        if not doc.sentences:
            continue
        doc.__dict__["sentences"] = _moved(doc, rng)
        n = len(doc.view)
        if _check_initials(doc, range(-2, n + 3)):
            fast += 1
        else:
            slow += 1
    assert fast > 100 and slow > 50
    # sentences that touch, and an empty one at a sentence start
    doc = docmod.parse("t.txt", "Alpha beta. Gamma delta.", settings=_SETTINGS)
    doc.__dict__["sentences"] = [Sentence(0, 6, 0), Sentence(6, 6, 0), Sentence(6, 24, 0)]
    assert _check_initials(doc, range(-1, 26))
    assert 0 in tk._Initials(doc) and 6 in tk._Initials(doc) and 12 not in tk._Initials(doc)


# -- parts of a token -----------------------------------------------------------------------


def test_token_parts_on_every_word() -> None:
    words = 0
    for doc in _all_docs():
        full = tk._initial_positions(doc)
        fast = tk._Initials(doc)
        for s, e in doc.words:
            want = _token_parts_before(doc, s, e, full)
            assert tk.token_parts(doc, s, e, full) == want, doc.view[s:e]
            assert tk.token_parts(doc, s, e, fast) == want, doc.view[s:e]
            words += 1
        index = tk.WordIndex(doc)
        for i in range(0, len(doc.words), 7):
            s, e = doc.words[i]
            assert index.parts_at(i) == _token_parts_before(doc, s, e, full)
    assert words > 100_000


_PIECES = [
    "al", "Al", "bin", "de", "la", "van", "of", "the", "a", "I", "x", "Yeol", "suk", "Suk",
    "Jomart", "kassym", "iPhone", "CSTO", "4G", "24", "ab", "abc", "abcd", "Ab", "aB", "é",
    "Éa", "ß", "ǅa", "ǆb", "ǈx", "Δelta", "δelta", "'s", "’s", "n't", "o'clock", "O’Neil",
    "٣a", "a٣", "Ⅻa", "ab\u0301", "ＡＢ", "_", "", "-", "--",
]  # fmt: skip
_AROUND = ["", " ", "\n", '"', "“", "(", ":", "—", "@", "#", ".", "a.", "x", "=", "\\", "*"]


def test_token_parts_on_made_up_tokens_and_places() -> None:
    """Any span at all, with every kind of neighbour, in a heading or not."""
    rng = random.Random(11)
    for trial in range(4000):
        token = "-".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.1:
            token = "-" + token
        before = rng.choice(_AROUND) + rng.choice(_AROUND)
        after = rng.choice(_AROUND) + rng.choice(_AROUND)
        head = "# " if rng.random() < 0.3 else ""
        text = f"{head}Intro words here {before}{token}{after} and more.\n\nNext line."
        doc = docmod.parse(f"m{trial}.md", text, settings=_SETTINGS)
        s = text.index(before + token + after) + len(before) - (len(text) - len(doc.view))
        if doc.view[s : s + len(token)] != token:
            continue
        e = s + len(token)
        for initials in (tk._initial_positions(doc), tk._Initials(doc), {s}, set()):
            assert tk.token_parts(doc, s, e, initials) == _token_parts_before(
                doc, s, e, initials
            ), (text, initials)
        assert tk._analyse(token) == _analyse_before(token), token


def test_shapes_start_afresh_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tk, "_SHAPES", {})
    monkeypatch.setattr(tk, "_SHAPES_LIMIT", 5)
    doc = _all_docs()[0]
    full = tk._initial_positions(doc)
    for s, e in doc.words[:50]:
        assert tk.token_parts(doc, s, e, full) == _token_parts_before(doc, s, e, full)
        assert len(tk._SHAPES) <= 5


def test_occurrences() -> None:
    rng = random.Random(5)
    for doc in _all_docs()[:400]:
        index = tk.WordIndex(doc)
        distinct = sorted(index.distinct)
        for k in (0, 1, 3, 4, 5, 9, 40):
            want = rng.sample(distinct, min(k, len(distinct))) + ["zzz-not-there"] * (k % 2)
            assert index.occurrences(want) == _occurrences_before(index.tokens, want)
            assert index.occurrences(iter(want)) == _occurrences_before(index.tokens, want)


# -- suggestions ----------------------------------------------------------------------------


def _typos(n: int) -> list[str]:
    """Words with slips of every kind, and some real words."""
    rng = random.Random(3)
    lex = lx.get_lexicon()
    base = [w for w in lex._t.frequent_words(350, dictionary=True) if w.isalpha()]
    base = sorted(base)[:: max(1, len(base) // 300)]
    out = []
    for _ in range(n):
        w = rng.choice(base)
        for _ in range(rng.choice([1, 1, 2])):
            i = rng.randrange(len(w))
            op = rng.randrange(4)
            if op == 0 and len(w) > 3:
                w = w[:i] + w[i + 1 :]
            elif op == 1 and i + 1 < len(w):
                w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
            elif op == 2:
                w = w[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + w[i + 1 :]
            else:
                w = w[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + w[i:]
        out.append(w)
    return out + base[:40] + ["alot", "ofthe", "thte", "minsitry", "deplyed", "villagse"]


class _Context:
    """A context that answers like a set and counts the questions."""

    def __init__(self, words: set[str]) -> None:
        self.words = words
        self.asked = 0

    def __bool__(self) -> bool:
        return True

    def __contains__(self, w: object) -> bool:
        self.asked += 1
        return w in self.words


def test_suggest_with_context_ranks_as_before() -> None:
    lex = lx.get_lexicon()
    rng = random.Random(9)
    asked = asked_before = 0
    for word in _typos(400):
        for far in (True, False):
            full = sg._suggest(word, lex, far)
            pool = [s.word for s in full]
            for limit in (5, 3, 1, 0, -1, 2, 8, 50):
                # context words among the candidates, mostly those just out of the first five
                ctx = set(rng.sample(pool, min(len(pool), rng.choice([0, 1, 2, 4]))))
                ctx |= {s.word for s in full[limit : limit + 4] if rng.random() < 0.5}
                ctx.add("the")
                a, b = _Context(ctx), _Context(ctx)
                got = sg.suggest(word, lex, limit=limit, context=a, far=far)  # type: ignore[arg-type]
                assert got == _suggest_before(word, lex, limit, b, far), (word, limit, ctx)
                asked += a.asked
                asked_before += b.asked
                for plain in (frozenset(), frozenset(ctx)):
                    got = sg.suggest(word, lex, limit=limit, context=plain, far=far)
                    assert got == _suggest_before(word, lex, limit, plain, far)
    assert asked < asked_before * 0.7  # fewer words looked up


def test_suggest_with_ties_at_the_limit() -> None:
    """Scores that differ by exactly the bonus, or tie: hand-made rankings."""
    S = sg.Suggestion
    rankings = [
        (S("aa", 5.0, 1), S("ab", 4.4, 1), S("ac", 4.4, 1), S("ad", 3.8, 1), S("ae", 3.799, 2)),
        (S("b", 2.0, 1), S("c", 1.4, 1), S("d", 1.399, 1), S("e", 1.4, 2), S("f", -1.0, 2)),
        tuple(S(f"w{i}", 3.0 - 0.2 * (i // 2), 1) for i in range(20)),
        tuple(S(f"v{i}", 1.0, 2) for i in range(9)),
    ]
    for ranked in rankings:
        ranked = tuple(sorted(ranked, key=lambda s: (-s.score, s.word)))
        words = [s.word for s in ranked]
        lex = lx.get_lexicon()
        key = f"zz-made-up-{id(ranked)}"
        orig = sg._suggest

        def fake(
            word: str, lex: Any, far: bool = True, ranked: Any = ranked, orig: Any = orig
        ) -> Any:
            return ranked if word.startswith("zz-made-up") else orig(word, lex, far)

        sg._suggest = fake  # type: ignore[assignment]
        try:
            for limit in range(-1, len(ranked) + 2):
                for mask in range(1 << min(len(words), 10)):
                    ctx = frozenset(w for i, w in enumerate(words) if mask >> i & 1)
                    assert sg.suggest(key, lex, limit, ctx) == _suggest_before(
                        key, lex, limit, ctx
                    ), (ranked, limit, ctx)
        finally:
            sg._suggest = orig  # type: ignore[assignment]


# -- lexicon --------------------------------------------------------------------------------


def test_one_edit_neighbours_by_prefix_ranges() -> None:
    lex = lx.get_lexicon()
    lex._words()  # the ranges need the sorted words
    assert lex._dictionary is not None
    words = [*_typos(600), "", "a", "é", "zzzzzzzzz", "ab'c", "x" * 20, "\U0010ffff", "a\U0010ffff"]
    for word in words:
        want = lx.edits1(word) & lex._words()
        assert lex._neighbours1(word) == want, word
        assert lex.dictionary_neighbours(word, 1) == _neighbours_before(lex, word, 1), word


def test_second_edits_and_dominated_as_before() -> None:
    lex = lx.get_lexicon()
    lex._words()
    words = [*_typos(40), "defecnes", "deefnce", "harrased", "beggining", "rivaz", "ox", "seige"]
    for word in words:
        assert lex._second_edits(word) == _second_edits_before(lex, word), word
        assert lex.dictionary_neighbours(word, 2) == _neighbours_before(lex, word, 2), word
        got, want = lex.dominated(word), _dominated_before(lex, word)
        # (the best of equally frequent words is whichever a set gives first)
        assert (got is None) == (want is None), word
        if got is not None and want is not None:
            assert lex.zipf(got) == lex.zipf(want), word


def test_neighbours_before_the_word_set_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the set of all suggestible words, the edits are looked up as before."""
    lex = lx.get_lexicon()
    lex._words()
    fresh = lx.Lexicon(lex._t)
    assert fresh._dictionary is None
    for word in _typos(50):
        assert fresh._neighbours1(word) == _neighbours_before(lex, word, 1), word
        assert fresh._dictionary is None


# -- the rules ------------------------------------------------------------------------------


def test_italics_gate() -> None:
    from lintnews.checks.spelling import _italics

    seen = 0
    for doc in _all_docs():
        assert _italics(doc) == _italics_before(doc)
        seen += bool(_italics(doc))
    for text in ("a *kolkhoz* b", "a _kolkhoz_ b", "no marks at all", "* list\n* items"):
        doc = docmod.parse("i.md", text, settings=_SETTINGS)
        assert _italics(doc) == _italics_before(doc)
        seen += bool(_italics(doc))
    assert seen >= 2


def _variant_mix_before(rule: Any, doc: Document, ctx: Context) -> list[Any]:
    from lintnews.checks.spelling import _label, _replace, _variant_hits
    from lintnews.diagnostic import Edit, Fix

    self = rule
    out = []
    hits = _variant_hits(doc, ctx)
    counts = Counter(v for _, v, _ in hits)
    if len(counts) < 2:
        return out
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
        out.append(
            self.diagnostic(s, e, msg, Fix("unsafe", f'Replace with "{repl}"', (Edit(s, e, repl),)))
        )
    return out


def test_variant_mix_as_before() -> None:
    from lintnews.checks.spelling import VariantMix

    rule = VariantMix()
    found = 0
    for doc in _all_docs():
        for english in ("en-US", "en-GB"):
            ctx = Context(Settings(cache_dir="", english=english))
            got = list(rule.check(doc, ctx))
            assert got == _variant_mix_before(rule, doc, ctx)
            found += len(got)
    assert found > 10


def test_unknown_words_on_docs_with_odd_blocks() -> None:
    """TY002 on documents whose sentences were moved about finds what the whole set of
    sentence starts gives (the per-offset path against the fallback)."""
    from lintnews.checks.spelling import UnknownWord

    rule = UnknownWord()
    rng = random.Random(2)
    for doc in _all_docs()[:300]:
        if not doc.sentences:
            continue
        doc.__dict__["sentences"] = _moved(doc, rng)
        got = [(d.start, d.end, d.message) for d in rule.check(doc, Context(_SETTINGS))]
        orig = tk._Initials

        class _Whole(orig):  # type: ignore[misc, valid-type]
            def __init__(self, doc: Document) -> None:
                super().__init__(doc)
                self._all = tk._initial_positions(doc)

        tk._Initials = _Whole  # type: ignore[misc]
        try:
            want = [(d.start, d.end, d.message) for d in rule.check(doc, Context(_SETTINGS))]
        finally:
            tk._Initials = orig  # type: ignore[misc]
        assert got == want


def test_blocks_out_of_order_still_give_the_parts() -> None:
    doc = docmod.parse("h.md", "Alpha Beta said.\n\nGamma Delta said.", settings=_SETTINGS)
    doc.blocks = [Block("paragraph", 18, 35), Block("heading", 0, 16)]
    for key in ("words", "prose_blocks", "sentences", "_block_starts", "_sentence_starts"):
        doc.__dict__.pop(key, None)
    full = tk._initial_positions(doc)
    for s, e in doc.words:
        want = _token_parts_before(doc, s, e, full)
        assert tk.token_parts(doc, s, e, tk._Initials(doc)) == want


# -- candidates: verdicts per token of the store ---------------------------------------------


class _VerdictsBefore:
    __slots__ = ("basis", "lower", "seen", "upper")

    def __init__(self, basis: tuple[object, ...]) -> None:
        self.basis = basis
        self.seen: set[str] = set()
        self.lower: set[str] = set()
        self.upper: set[str] = set()


def _candidates_before(
    verdicts: dict[str, _VerdictsBefore],
    index: tk.WordIndex,
    rule: str,
    basis: tuple[object, ...],
    judge: Any,
) -> tuple[Any, Any]:
    v = verdicts.get(rule)
    if (
        v is None
        or len(v.basis) != len(basis)
        or any(a is not b for a, b in zip(v.basis, basis, strict=True))
        or len(v.seen) > 200_000
    ):
        v = verdicts[rule] = _VerdictsBefore(basis)
    for token in index.distinct.difference(v.seen):
        for piece in index.pieces(token):
            if piece.kind == "lower" and judge(piece):
                v.lower.add(token)
            elif piece.kind == "upper" and judge(piece):
                v.upper.add(token)
        v.seen.add(token)
    return index.distinct & v.lower, index.distinct & v.upper


def _judges() -> list[tuple[str, tuple[object, ...], Any]]:
    from lintnews.checks.spelling import misspellings
    from lintnews.spelling.variants import _entries, counterpart

    table = misspellings()
    lex = lx.get_lexicon()

    def unknown(p: tk.Piece) -> bool:
        low = p.low
        if len(low) < 3 or low in table or not low.isascii() or "'" in low:
            return False
        if p.kind == "upper":
            return lex.zipf(low) < 1.0 and not lex.in_dictionary(low)
        return not lex.known(low)

    odd = ("odd",)
    return [
        ("t-TY001", (table,), lambda p: p.low in table),
        ("t-TY002", (table, lex), unknown),
        ("t-variants", (lex, _entries()), lambda p: counterpart(p.low) is not None),
        ("t-odd", odd, lambda p: len(p.norm) % 3 == 1),
    ]


@pytest.mark.parametrize("store_limit", [200_000, 700])
def test_candidates_as_before(monkeypatch: pytest.MonkeyPatch, store_limit: int) -> None:
    """The same candidates as judging each document's unseen tokens, also when the store is
    started afresh (a small limit) and when a rule skips documents."""
    from lintnews.checks import spelling as sp

    monkeypatch.setattr(tk, "_STORE_LIMIT", store_limit)
    monkeypatch.setattr(tk, "_STORE", tk._Store())
    before: dict[str, _VerdictsBefore] = {}
    judges = _judges()
    found = 0
    for n, doc in enumerate(_all_docs()):
        index = tk.WordIndex(doc)
        for k, (rule, basis, judge) in enumerate(judges):
            if (n + k) % 5 == 0:
                continue  # not run on this document
            got = sp._candidates(index, rule, basis, judge)
            want = _candidates_before(before, index, rule, basis, judge)
            assert got == want, (rule, doc.view[:80])
            found += len(got[0]) + len(got[1])
    assert found > 1000
    # new tables: the verdicts start afresh
    rule, _, judge = judges[3]
    index = tk.WordIndex(_all_docs()[0])
    for basis in (("other",), ("other", "more")):
        got = sp._candidates(index, rule, basis, lambda p: not judge(p))
        want = _candidates_before(before, index, rule, basis, lambda p: not judge(p))
        assert got == want
