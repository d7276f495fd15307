"""Round 4 of the spelling shortcuts (issue 9): each fast path against the code it replaced,
kept here verbatim as the oracle.

* ``tokens.word_store``: the shared token store found holding a document's tokens once per
  document (MT006 and the spelling rules' indexes all ask), not once per index;
* MT006's gate ``mt_structure._has_foreign``: the tokens that may be untranslated words
  judged once per token of the shared store, a document asking only whether it has one of
  them, instead of a set difference with every token judged so far.
"""

from __future__ import annotations

from collections.abc import Set

import pytest
from test_spelling_speed2 import _docs

from lintnews import document as docmod
from lintnews.checks import mt_structure as mt
from lintnews.config import Settings
from lintnews.document import Document
from lintnews.registry import Context
from lintnews.spelling import tokens as tk

_SETTINGS = Settings(cache_dir="")

# Untranslated words, and near misses of every kind the gate turns away.
_FOREIGN_TEXTS = [
    "The ayuntamiento approved the budget on Monday.",
    "Protesters gathered outside the comune headquarters, said the sindaco.",
    "The Ayuntamiento met. The comune-based group and the comune's office agreed.",
    "Gli indagati were questioned; l'ayuntamiento and l’ayuntamiento declined to comment.",
    'He said "la casa aislada" twice, and the ayuntamiento said “nada”.',
    "AYUNTAMIENTO officials and the Comune di Roma met the prefettura and the questura.",
    "The stage was set for the finale at the plaza.",
    "Die bundesregierung und der bundestag; les députés et la mairie; o governo e a câmara.",
    "",
    "# Heading\n\n```\nayuntamiento = 1\n```\n\nThe ajuntament of Barcelona said so.\n",
]


_DOCS: list[Document] | None = None


def _all_docs() -> list[Document]:
    """test_spelling_speed2's documents, and the foreign texts above."""
    global _DOCS
    if _DOCS is None:
        _DOCS = _docs(extra=[(f"foreign{i}.md", t) for i, t in enumerate(_FOREIGN_TEXTS)])
    return _DOCS


class _ForeignBefore:
    """mt_structure._foreign_candidates and its set, as they were."""

    def __init__(self) -> None:
        self._NOT_FOREIGN: set[str] = set()

    def _foreign_candidates(self, words: Set[str]) -> bool:
        """Whether any of the words may be reported as untranslated."""
        _NOT_FOREIGN = self._NOT_FOREIGN
        foreign_word_language = mt.foreign_word_language
        found = False
        for w in words - _NOT_FOREIGN:
            if (
                not w.islower()
                or "-" in w
                or "'" in w
                or "’" in w
                or foreign_word_language(w) is None
            ):
                if len(_NOT_FOREIGN) > 200_000:
                    _NOT_FOREIGN.clear()
                _NOT_FOREIGN.add(w)
            else:
                found = True
        return found


@pytest.mark.parametrize("store_limit", [200_000, 700])
def test_foreign_gate_as_before(monkeypatch: pytest.MonkeyPatch, store_limit: int) -> None:
    """The same answer as the set difference on every document, also when the shared store
    is started afresh (a small limit), and when a document's words change."""
    monkeypatch.setattr(tk, "_STORE_LIMIT", store_limit)
    monkeypatch.setattr(tk, "_STORE", tk._Store())
    monkeypatch.setattr(mt, "_FOREIGN", [None, 0, set()])
    before = _ForeignBefore()
    stores = set()
    yes = no = 0
    for doc in _all_docs():
        want = before._foreign_candidates(tk.word_texts(doc)[1])
        assert mt._has_foreign(doc) is want, doc.view[:80]
        assert mt._has_foreign(doc) is want  # asked again: the same
        stores.add(id(tk.word_store(doc)))
        yes += want
        no += not want
        if doc.words:  # new words for the document: asked afresh
            doc.__dict__["words"] = doc.words[::-1][: len(doc.words) // 2]
            want = before._foreign_candidates(tk.word_texts(doc)[1])
            assert mt._has_foreign(doc) is want, doc.view[:80]
            doc.__dict__.pop("words")
    assert yes >= 8 and no > 100
    if store_limit < 1000:
        assert len(stores) > 3  # the store was replaced along the way


def test_foreign_gate_fails_on_a_wrong_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above can fail: a judge that passes capitalised words too gives
    another answer on some document."""
    monkeypatch.setattr(tk, "_STORE", tk._Store())
    monkeypatch.setattr(mt, "_FOREIGN", [None, 0, set()])
    monkeypatch.setattr(
        mt, "_may_be_foreign", lambda w: mt.foreign_word_language(w.lower()) is not None
    )
    before = _ForeignBefore()
    assert any(
        mt._has_foreign(doc) != before._foreign_candidates(tk.word_texts(doc)[1])
        for doc in _all_docs()
    )


def test_word_store_holds_the_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    """word_store gives what _store_with gives: the shared store, holding the document's
    tokens; looked up once per document, and again once the store is replaced."""
    monkeypatch.setattr(tk, "_STORE", tk._Store())
    docs = _all_docs()[:60]
    for doc in docs:
        store = tk.word_store(doc)
        assert store is tk._STORE
        assert tk.word_texts(doc)[1] <= store.pieces.keys()
        assert set(store.order) == set(store.pieces)
        assert tk.word_store(doc) is store
        assert tk.WordIndex(doc).store is store
    fresh = tk._Store()
    monkeypatch.setattr(tk, "_STORE", fresh)
    for doc in docs:
        assert tk.word_store(doc) is fresh
        assert tk.word_texts(doc)[1] <= fresh.pieces.keys()
        index = tk.WordIndex(doc)
        assert index.store is fresh
        for token in index.distinct:
            assert index.pieces(token) == tk._analyse(token)


def test_untranslated_word_findings() -> None:
    """MT006 on the hand-made texts: the findings the examples promise."""
    rule = mt.UntranslatedWord()
    got = []
    for i, text in enumerate(_FOREIGN_TEXTS):
        doc = docmod.parse(f"f{i}.md", text, settings=_SETTINGS)
        got += [doc.view[d.start : d.end] for d in rule.check(doc, Context(_SETTINGS))]
    assert "ayuntamiento" in got and "comune" in got
    assert "Ayuntamiento" not in got and "AYUNTAMIENTO" not in got


def test_maybe_script_pattern_as_before() -> None:
    """MT006's gate on foreign scripts, now a pattern of the regex module, matches exactly
    the code points the re pattern did, and finds the same first one in every text."""
    import re

    before = re.compile("[^\x00-\u036f\u2000-\u20cf]")
    now = mt._MAYBE_SCRIPT_RE
    for i in range(0x110000):
        c = chr(i)
        assert (now.match(c) is None) == (before.match(c) is None), hex(i)
    texts = [doc.view for doc in _all_docs()]
    texts += ["", "abc", "naïve “quotes” — dash", "Москва", "東京 x", "a\ud800b", "x\u20d0"]
    for text in texts:
        got, want = now.search(text), before.search(text)
        assert (got and got.start()) == (want and want.start())
