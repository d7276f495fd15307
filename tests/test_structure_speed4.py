"""Document.sentences as built now (one pass per block that appends starts and ends, the next
start read off group 1 of the sentence-end pattern instead of trimming every span, and the
Sentence objects made by C-level maps) gives exactly what the old splitter gave.

The oracle is the splitter as it was before: the sentence-end patterns without the group, the
spans (cur, stop) trimmed of spaces at both ends with ``str.isspace``, one Sentence(...) per span.
"""

from __future__ import annotations

import random
import re

import corpora
import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews import document as docmod
from lintnews.document import (
    _ABBREV_END,
    _FAST_ABBREV_END,
    _FAST_SENT_END,
    _SENT_END,
    ABBREVIATIONS,
    PROSE_KINDS,
    Document,
    Sentence,
    _fast_split_sentences,
    parse,
    split_sentences,
)

# The old patterns: the same, without the group around the spaces after the marks.
_OLD_SENT_END = regex.compile(r"""[.!?…]+['"”’)\]]*(?=\s+['"“‘(\[«]*[\p{Lu}\p{N}])""")
_OLD_FAST_SENT_END = re.compile(
    _FAST_SENT_END.pattern.replace("(?=([", "(?=[", 1).replace("]+)['", "]+['", 1)
)


def old_split(view: str, start: int, end: int, fast: bool) -> list[tuple[int, int]]:
    """The splitter before this change (document._split_sentences with the old patterns)."""
    finditer = (_OLD_FAST_SENT_END if fast else _OLD_SENT_END).finditer
    abbrev_search = (_FAST_ABBREV_END if fast else _ABBREV_END).search
    spans: list[tuple[int, int]] = []
    cur = start
    for m in finditer(view, start, end):
        ms, stop = m.span()
        if stop - ms == 1 and view[ms] == ".":
            wm = abbrev_search(view, max(start, ms - 12), ms + 1)
            if wm:
                token = wm.group(1).lower()
                if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
        spans.append((cur, stop))
        cur = stop
    spans.append((cur, end))
    out = []
    for s, e in spans:
        while s < e and view[s].isspace():
            s += 1
        while e > s and view[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def old_sentences(doc: Document) -> list[Sentence]:
    return [
        Sentence(s, e, bi)
        for bi, b in enumerate(doc.blocks)
        if b.kind in PROSE_KINDS
        for s, e in old_split(doc.view, b.start, b.end, doc.in_fast_ranges)
    ]


def _check(doc: Document) -> int:
    want = old_sentences(doc)
    got = doc.sentences
    assert got == want, doc.path
    assert all(type(s) is Sentence for s in got)
    assert [(s.start, s.end, s.block) for s in got] == [(s.start, s.end, s.block) for s in want]
    for b in doc.blocks:
        assert split_sentences(doc.view, b.start, b.end) == old_split(
            doc.view, b.start, b.end, False
        )
        if doc.in_fast_ranges:
            assert _fast_split_sentences(doc.view, b.start, b.end) == old_split(
                doc.view, b.start, b.end, True
            )
    return len(got)


def test_old_patterns_are_the_new_ones_without_the_group() -> None:
    assert _OLD_FAST_SENT_END.groups == 0 and _FAST_SENT_END.groups == 1
    assert _SENT_END.groups == 1
    assert _FAST_SENT_END.pattern.replace("(?=([", "(?=[", 1).replace("]+)['", "]+['", 1) == (
        _OLD_FAST_SENT_END.pattern
    )


def test_sentences_on_articles_and_literals() -> None:
    n = 0
    texts = corpora.articles() + [(f"lit-{k}.md", t) for k, t in corpora.literals()]
    for path, text in texts:
        for kind in (None, "markdown", "text"):
            n += _check(parse(path, text, kind))
    assert n > 10_000


def test_sentences_on_bench_corpus() -> None:
    texts = corpora.bench()
    if not texts:
        pytest.skip(f"{corpora.BENCH_CORPUS} (the benchmark corpus) not present")
    assert sum(_check(parse(p, t)) for p, t in texts) > 20_000


# Pieces around sentence ends: marks, closing and opening quotes, every kind of space (some
# that str.isspace takes and the patterns' \s does not), capitals, digits, abbreviations.
_PIECES = [
    ".", "!", "?", "…", "..", ".”", ".)", ".]", "’", '"', "'", "“", "‘", "(", "[", "«",
    " ", "  ", "\t", "\n", "\r\n", "\n\n", "\u00a0", "\u2003", "\u3000", "\x85", "\x0b",
    "\x1c", "\x1d", "\x1f", "\u200b", "A", "Z", "É", "Ж", "3", "٣", "a", "é", "word",
    "Dr", "Mr", "U.S", "e.g", "J", "x", "-", ",", "张",
]  # fmt: skip


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_sentences_on_generated_texts(parts: list[str]) -> None:
    text = "".join(parts)
    for kind in ("text", "markdown"):
        _check(parse("g.md", text, kind))
    # and the bare splitters on every span of it
    rnd = random.Random(len(text))
    for _ in range(3):
        a = rnd.randrange(len(text) + 1)
        b = rnd.randrange(a, len(text) + 1)
        assert split_sentences(text, a, b) == old_split(text, a, b, False)
        if docmod.in_fast_ranges(text):
            assert _fast_split_sentences(text, a, b) == old_split(text, a, b, True)


def test_group_one_ends_where_the_next_sentence_starts() -> None:
    """What the shortcut rests on: after each end of a sentence, group 1 (the run of spaces)
    ends at the first character that is not a space to str.isspace."""
    text = "One.\x1c Two. \u00a0 “Three.” \t\n(Four.) \x85Five.\u3000\u3000 6 items."
    for rx in (_SENT_END, _FAST_SENT_END):
        for m in rx.finditer(text):
            e = m.end(1)
            assert m.start(1) == m.end() and e > m.end()
            assert text[m.end() : e].isspace() and not text[e].isspace()
