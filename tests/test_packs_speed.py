"""Pack-rule shortcuts (issue 9), each checked against the code it replaced."""

from __future__ import annotations

import corpora
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews import packs
from lintnews.config import Settings
from lintnews.document import WORD_RE, Document, parse


def _old_doc_wordset(doc: Document) -> frozenset[str]:
    # doc_wordset as it was before the speed work: every match, one by one
    out = set()
    for m in WORD_RE.finditer(doc.view):
        w = m.group().lower().replace("’", "'")
        out.add(w)
        if "-" in w or "'" in w:
            out.update(p for p in packs._WORD_PARTS.split(w) if p)
    return frozenset(out)


_SETTINGS = Settings(cache_dir="")


def _doc(path: str, text: str) -> Document:
    return parse(path, text, settings=_SETTINGS)


def test_doc_wordset_is_the_old_one_on_every_article() -> None:
    texts = corpora.articles() + [(f"lit-{n}.md", t) for n, t in corpora.literals()]
    texts += corpora.bench()[:300]
    slow_path = 0
    for path, text in texts:
        doc = _doc(path, text)
        assert packs.doc_wordset(doc) == _old_doc_wordset(doc), path
        slow_path += not doc.in_fast_ranges
    assert slow_path > 0  # both paths were taken


_PIECES = ["Kazakh", "anti-terror", "O’Neill", "o'clock", "ÉTAT", "İstanbul", "straße", "ǅemal"]
_PIECES += ["-", "'", "’", " ", "\n", "2,000", "x²", "Ⅻ", "日本", "a-b-c", "don’t-stop", "--", "''"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=4), max_size=25))
def test_doc_wordset_on_generated_text(parts: list[str]) -> None:
    doc = _doc("gen.txt", "".join(parts))
    assert packs.doc_wordset(doc) == _old_doc_wordset(doc)
