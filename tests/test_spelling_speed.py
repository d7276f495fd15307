"""The spelling rules' fast paths give what the plain computations give (issue 9)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from lintnews.config import Settings
from lintnews.document import parse
from lintnews.spelling import lexicon as lx
from lintnews.spelling.tokens import WordIndex, parts

TEXT = (
    "# Colour and armor in Kassym-Jomart's city\n\n"
    'Police spokesman Saltanat Azirbek said: "Minsitry officials recieved the report." '
    "The goverment of al-Assad and the Labour Party's defence minister disagreed. "
    "Azirbek told Khabar-24 that protesters in Mangystau had been detained; see "
    "www.qwxzv.com or @qwxzvbot. Tervik, Tervik and the anti-terrorist unit were "
    "deplyed. Suk-yeol met Jae-myung. It wasn't the minister's fault, he said - "
    "and the colour of the Russian-bakced poeple's flag was gray.\n\n"
    "Poeple said the Minsitry had organised the talks.\n"
)


def _doc():
    return parse("story.md", TEXT, settings=Settings())


def test_index_parts_are_the_parts() -> None:
    doc = _doc()
    index = WordIndex(doc)
    assert list(index.parts_of(index.distinct)) == parts(doc)
    assert index.tokens == [doc.view[s:e] for s, e in doc.words]


def test_names_and_context_looked_up_per_word() -> None:
    from lintnews.checks.spelling import _Names, _Words

    doc = _doc()
    items = parts(doc)
    index = WordIndex(doc)
    seen = Counter(p.norm for p in items)
    names = {p.norm for p in items if p.case == "name" or seen[p.norm] > 1}
    context = {p.norm.lower() for p in items if p.case != "skip"}
    lookup = _Names(index)
    words = _Words(index, {}, "")
    probes = {p.norm for p in items} | {p.norm.lower() for p in items} | {"nothing", "said"}
    for w in sorted(probes):
        assert (w in lookup) == (w in names), w
        assert (w in words) == (w in context), w


def test_lexicon_table_lookups_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lx, "_CHUNK", 64)
    monkeypatch.setattr(lx, "_PROBES_BEFORE_SPLIT", 3)
    rng = random.Random(4)
    letters = "abcdeéz'"
    table = {
        "".join(rng.choice(letters) for _ in range(rng.randint(1, 9))): rng.randrange(4000)
        for _ in range(3000)
    }
    path = tmp_path / "lexicon.bin"
    lx._write_cache(path, lx.Table.from_dict(table))
    back = lx._read_cache(path)
    assert back is not None
    probes = list(table) + [w + "x" for w in table] + [w[:-1] for w in table] + ["", "\n"]
    rng.shuffle(probes)
    for w in probes:
        assert back.get(w, -1) == table.get(w, -1), w
    assert len(back) == len(table)
    assert back.as_dict() == table


def test_value_masks() -> None:
    vals = [0, 1, 599, 600, 601, 1110, 1111, 255, 256, 65535]
    keys = [f"w{i:02d}" for i in range(len(vals))]
    import array

    t = lx.Table(keys, array.array("H", vals))
    for limit in (0, 1, 255, 299, 300, 301, 555, 40000):
        want = [k for k, v in zip(keys, vals, strict=True) if v >= limit << 1]
        assert t.frequent_words(limit) == want
        assert t.frequent_words(limit, dictionary=False) == [
            k for k, v in zip(keys, vals, strict=True) if v >= limit << 1 and not v & 1
        ]
    assert t.dictionary_words_sorted() == [k for k, v in zip(keys, vals, strict=True) if v & 1]


def test_one_edit_is_edits1_membership() -> None:
    rng = random.Random(7)
    for _ in range(200):
        word = "".join(rng.choice("abcé'") for _ in range(rng.randint(0, 6)))
        near = lx.edits1(word)
        others = list(near) + [w + "q" for w in near][:50] + ["", word, word[::-1]]
        for other in others:
            assert lx._one_edit(word, other) == (other in near), (word, other)


def test_second_edits_are_edits1_of_edits1() -> None:
    lex = lx.get_lexicon()
    words = lex._words()
    for word in ("defnece", "harrased", "rivaz", "ox", "cafe"):
        slow: set[str] = set()
        for e in lx.edits1(word):
            slow |= lx.edits1(e) & words
        first = {w for w in lx.edits1(word) if lex.suggestible(w)}
        assert (first | lex._second_edits(word)) - {word} == (first | slow) - {word}, word


def _channel_cost_plain(typo: str, word: str) -> float:
    from lintnews.spelling import suggest as sg

    n, m = len(word), len(typo)
    inf = float("inf")
    d = [[inf] * (m + 1) for _ in range(n + 1)]
    d[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            cur = d[i][j]
            if cur == inf:
                continue
            first = sg.FIRST if i == 0 else 0.0
            if i < n and j < m and word[i] == typo[j]:
                d[i + 1][j + 1] = min(d[i + 1][j + 1], cur)
            if i < n and j < m and word[i] != typo[j]:
                d[i + 1][j + 1] = min(d[i + 1][j + 1], cur + sg._sub_cost(typo[j], word[i]) + first)
            if i < n:
                if (i > 0 and word[i - 1] == word[i]) or (i + 1 < n and word[i + 1] == word[i]):
                    c = sg.UNDOUBLE
                elif word[i] in sg.VOWELS:
                    c = sg.DROP_VOWEL
                else:
                    c = sg.DROP
                d[i + 1][j] = min(d[i + 1][j], cur + c + first)
            if j < m:
                ch = typo[j]
                if (j > 0 and typo[j - 1] == ch) or (j + 1 < m and typo[j + 1] == ch):
                    c = sg.DOUBLE
                elif (j > 0 and ch in sg.NEAR.get(typo[j - 1], ())) or (
                    j + 1 < m and ch in sg.NEAR.get(typo[j + 1], ())
                ):
                    c = sg.ADD_NEAR
                else:
                    c = sg.ADD
                d[i][j + 1] = min(d[i][j + 1], cur + c + (sg.FIRST if j == 0 else 0.0))
            if (
                i + 1 < n
                and j + 1 < m
                and word[i] == typo[j + 1]
                and word[i + 1] == typo[j]
                and word[i] != word[i + 1]
            ):
                d[i + 2][j + 2] = min(d[i + 2][j + 2], cur + sg.TRANSPOSE + first)
    return d[n][m]


def test_channel_cost_sums_unchanged() -> None:
    from lintnews.spelling.suggest import channel_cost

    rng = random.Random(11)
    for word in ("government", "villages", "a", "", "committee", "ssee", "bookkeeper"):
        typos = sorted(lx.edits1(word))
        rng.shuffle(typos)
        for typo in [*typos[:40], word, word[::-1], ""]:
            assert channel_cost(typo, word) == _channel_cost_plain(typo, word), (typo, word)


def test_variant_pairs_built_from_scratch(monkeypatch: pytest.MonkeyPatch) -> None:
    from lintnews.spelling import variants

    monkeypatch.setattr(variants, "_ENTRIES", None)
    monkeypatch.setattr(variants, "_TABLE", None)
    monkeypatch.setattr(variants, "_FOUND", {})
    table = variants.pairs()
    assert table["colour"] == ("en-GB", "color") and table["defense"] == ("en-US", "defence")
    for word, hit in table.items():
        assert variants.counterpart(word) == hit, word
