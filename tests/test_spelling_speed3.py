"""Round 3 of the spelling rules' shortcuts (issue 9): each fast path against the code it
replaced, kept here verbatim as the oracle.

* ``Lexicon._is_dominated`` (what ``_known`` asks): the two-slip search over the strings two
  cheap slips away instead of every two-edit neighbour;
* ``WordIndex.parts_any_order``: the parts of a few tokens found token by token, for the
  name and context look-ups whose answer does not depend on the order;
* ``suggest._suggest``: one look-up per half of a split, the second half only when the first
  passes;
* ``checks.spelling._vocab``: no merge with an article's empty front matter;
* ``checks.spelling._in_house``: remembered per suggestion word.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from test_spelling_speed2 import _all_docs

from lintnews import document as docmod
from lintnews.checks import spelling as sp
from lintnews.config import Settings
from lintnews.document import Document
from lintnews.registry import Context
from lintnews.spelling import lexicon as lx
from lintnews.spelling import suggest as sg
from lintnews.spelling import tokens as tk

_SETTINGS = Settings(cache_dir="")


def _typos(n: int, seed: int = 3) -> list[str]:
    """Frequent words with one to three slips of every kind (cheap ones more often)."""
    rng = random.Random(seed)
    lex = lx.get_lexicon()
    base = [w for w in lex._t.frequent_words(150) if w.isalpha() and len(w) >= 4]
    base = sorted(base)[:: max(1, len(base) // 3000)]
    out = []
    for _ in range(n):
        w = rng.choice(base)
        for _ in range(rng.choice([1, 2, 2, 3])):
            i = rng.randrange(len(w))
            op = rng.randrange(6)
            if op == 0 and len(w) > 3:
                w = w[:i] + w[i + 1 :]
            elif op == 1 and i + 1 < len(w):
                w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
            elif op == 2:
                w = w[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + w[i + 1 :]
            elif op == 3:
                w = w[:i] + w[i] + w[i:]
            elif op == 4:
                w = w[:i] + rng.choice("aeiouy") + w[i:]
            else:
                w = w[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + w[i:]
        out.append(w)
    return out


# -- the replaced code, verbatim ------------------------------------------------------------


def _known_before(lex: lx.Lexicon, word: str) -> bool:
    self = lex
    if self.in_dictionary(word):
        return True
    from lintnews.spelling.variants import counterpart

    other = counterpart(word)
    if other is not None and self.in_dictionary(other[1]):
        return True
    z = self.zipf(word)
    if lx._ISE.search(word):  # British -ise of an -ize word the lists know
        us = lx._ISE.sub(lambda m: "z" + m.group()[1:], word)
        if self.in_dictionary(us) or self.zipf(us) >= 1.0:
            return True
    if z <= 0:
        return self._derived(word, attested=False) and not self._near_word(word)
    return z >= lx.SAFE_ZIPF or self.dominated(word) is None


def _parts_of_before(index: tk.WordIndex, tokens: Any) -> list[tk.Part]:
    return list(index.parts_of(tokens))


def _words_contains_before(index: tk.WordIndex, word: str) -> bool:
    return any(
        p.case != "skip" and p.norm.lower() == word for p in index.parts_of(index.with_word(word))
    )


def _names_find_before(index: tk.WordIndex, word: str) -> bool:
    seen = 0
    for p in index.parts_of(index.with_word(word.lower())):
        if p.norm == word:
            if p.case == "name":
                return True
            seen += 1
            if seen > 1:
                return True
    return False


def _suggest_splits_before(word: str, lex: lx.Lexicon) -> list[sg.Suggestion]:
    Suggestion, SPLIT, _SHORT = sg.Suggestion, sg.SPLIT, sg._SHORT
    out = []
    for i in range(1, len(word)):
        a, b = word[:i], word[i:]
        if (len(a) >= 3 or a in _SHORT) and (len(b) >= 3 or b in _SHORT):
            za, zb = lex.zipf(a), lex.zipf(b)
            if lex.in_dictionary(a) and lex.in_dictionary(b) and min(za, zb) >= 4.0:
                out.append(Suggestion(f"{a} {b}", round(min(za, zb) - SPLIT, 3), 1))
    return out


def _vocab_before(doc: Document, ctx: Context) -> tuple[Any, Any]:
    from lintnews.spelling import vocabulary as v

    fm = doc.front_matter
    accept = v.merge(
        v.load(ctx.settings.vocabulary_accept),
        v.from_entries(v.front_matter_entries(fm, "accept")),
    )
    reject = v.merge(
        v.load(ctx.settings.vocabulary_reject),
        v.from_entries(v.front_matter_entries(fm, "reject")),
    )
    return accept, reject


def _in_house_before(word: str, english: str) -> str:
    from lintnews.spelling.variants import to_variant

    return " ".join(to_variant(w, english) if w.islower() else w for w in word.split(" "))


# -- lexicon --------------------------------------------------------------------------------


def test_dominated_by_cheap_slips_as_before() -> None:
    lex = lx.get_lexicon()
    lex._words()
    words = _typos(500) + _typos(500, seed=11)
    words += ["harrased", "beggining", "seige", "villian", "withdrawl", "millenial", "tomatos"]
    words += ["acommodation", "occurence", "embarassment", "accomodation", "goverment"]
    asked = 0
    for word in words:
        if len(word) < 6:
            continue
        want = lex.dominated(word) is not None
        assert lex._is_dominated(word) == want, word
        asked += lex.zipf(word) < 3.0
    assert asked > 400  # the two-slip search ran that often
    # what the rules ask: the articles' rare words that wordfreq knows
    seen = set()
    for doc in _all_docs():
        for s, e in doc.words:
            w = doc.view[s:e].lower()
            if w.isalpha() and len(w) >= 6 and 0 < lex.zipf(w) < 3.0:
                seen.add(w)
    for w in sorted(seen)[:: max(1, len(seen) // 300)]:
        assert lex._is_dominated(w) == (lex.dominated(w) is not None), w


def test_two_cheap_slips_are_two_edits() -> None:
    """Every string of the cheap-slip search is two edits away (so the search only narrows
    the two-edit neighbours), and every two-edit neighbour within the cost is found."""
    lex = lx.get_lexicon()
    words = lex._words()
    limit = 2 * sg.LIKELY_SLIP - 0.4
    # a doubled letter left out altogether ("coittee"): neither b of "abbc" is next to a b
    # of "ac"; and a doubled letter and a vowel, two vowels
    made = ["coittee", "embaraed", "acomodation", "comision", "ocurence", "sucessful"]
    made += ["bginning", "govrnment", "recieve", "definatly", "seperate"]
    for word in [*_typos(25, seed=5), *made, "ac", "abc'd", "aab", "x", "ca'n"]:
        near = lx.edits1(word)
        two: set[str] = set(near)
        for e in near:
            two |= lx.edits1(e)
        cheap = lx._two_cheap_slips(word)
        assert cheap <= two, word
        for cand in (two & words) - near - {word}:
            if sg.channel_cost(word, cand) <= limit:
                assert cand in cheap, (word, cand)


def test_known_as_before() -> None:
    lex = lx.get_lexicon()
    lex._words()
    for word in _typos(600, seed=7):
        assert lex._known.__wrapped__(lex, word) == _known_before(lex, word), word


# -- the article's words --------------------------------------------------------------------


def test_names_and_context_in_any_order() -> None:
    rng = random.Random(4)
    for doc in _all_docs():
        index = tk.WordIndex(doc)
        lows = sorted({p.norm.lower() for t in index.distinct for p in index.pieces(t)})
        caps = sorted({p.norm for t in index.distinct for p in index.pieces(t)})
        for word in [*rng.sample(lows, min(12, len(lows))), "the", "zzz"]:
            fresh = tk.WordIndex(doc)
            got = sorted(fresh.parts_any_order(fresh.with_word(word)), key=lambda p: p.start)
            assert got == _parts_of_before(index, index.with_word(word))
            ctx = sp._Words(tk.WordIndex(doc), {}, "")
            assert (word in ctx) == _words_contains_before(index, word), word
        for word in rng.sample(caps, min(12, len(caps))):
            assert (word in sp._Names(tk.WordIndex(doc))) == _names_find_before(index, word)


def test_parts_any_order_with_repeated_tokens() -> None:
    doc = docmod.parse("a.md", "Ab ab Ab-cd. Ab ab ab.\n\nAb cd ab-Ab.\n", settings=_SETTINGS)
    index = tk.WordIndex(doc)
    tokens = ["Ab", "ab", "Ab", "Ab-cd", "zz"]
    got = sorted(index.parts_any_order(tokens), key=lambda p: (p.start, p.end))
    assert got == _parts_of_before(index, tokens)


# -- suggestions, vocabulary, house spelling ------------------------------------------------


def test_split_suggestions_as_before() -> None:
    lex = lx.get_lexicon()
    words = [*_typos(300), "alot", "ofthe", "inthe", "atthe", "tothe", "wouldbe", "itis"]
    for word in words:
        want = _suggest_splits_before(word, lex)
        got = [s for s in sg._suggest.__wrapped__(word, lex, False) if " " in s.word]
        assert sorted(got, key=lambda s: s.word) == sorted(want, key=lambda s: s.word), word
    assert any(" " in s.word for s in sg._suggest.__wrapped__("ofthe", lex, False))


def test_vocab_as_before(tmp_path: Path) -> None:
    accept = tmp_path / "accept.txt"
    accept.write_text("Azirbek\n(?i)akimat\n", encoding="utf-8")
    settings = Settings(cache_dir="", vocabulary_accept=[str(accept)])
    texts = [
        "Plain text.\n",
        "---\ntitle: x\n---\nText.\n",
        "---\nlintnews:\n  vocabulary:\n    accept: [Kiev]\n    reject: [Kyiv]\n---\nText.\n",
        "---\nlintnews:\n  vocabulary:\n    reject: Kiev\n---\nText.\n",
    ]
    for s in (_SETTINGS, settings):
        for text in texts:
            doc = docmod.parse("a.md", text, settings=s)
            got = sp._vocab(doc, Context(s))
            want = _vocab_before(doc, Context(s))
            assert got == want, text
            for a, b in zip(got, want, strict=True):
                assert bool(a) == bool(b)


def test_in_house_as_before() -> None:
    lex = lx.get_lexicon()
    words = [s.word for w in _typos(200) for s in sg._suggest(w, lex, True)]
    words += ["color", "colour", "organize", "organise", "a lot", "Labour", "defence", "x y"]
    for english in ("en-US", "en-GB"):
        for word in words:
            assert sp._in_house(word, english) == _in_house_before(word, english), word
            assert sp._in_house(word, english) == _in_house_before(word, english), word
