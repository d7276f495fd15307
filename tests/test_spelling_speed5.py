"""Round 5 of the spelling shortcuts (issue 9): each fast path against the path it replaces.

* TY002's judge of capitalised pieces (``spelling._may_be_clear_typo``): a capitalised word
  that is not also one of the lowercase candidates is looked at only when a suggestible word
  one edit away is frequent enough for ``_clear_typo_of_word``; before, every capitalised
  word unknown to wordfreq was, and each of its occurrences that may start a sentence went
  through the whole check. The old path is the same rule with the gate always open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from test_spelling_speed2 import _docs

from lintnews.checks import spelling as sp
from lintnews.config import Settings
from lintnews.diagnostic import Diagnostic
from lintnews.document import Document
from lintnews.registry import Context
from lintnews.spelling.lexicon import get_lexicon

_SETTINGS = Settings(cache_dir="")

# Capitalised typos at the start of sentences, in headings, after quotes and colons, in
# compounds; names that are one edit from a frequent word and names that are not.
_CAPITALISED_TEXTS = [
    "Minsitry officials said the protests had spread. Azirbek said so.",
    "# Goverment and Minsitry\n\nThe Minsitry said. Teh vote was held.\n",
    'He said: "Offcials were there." Offcials left. Saltanat Azirbek spoke.',
    "Anit-terrorist units moved. Minsitry-backed groups and Russian-bakced forces met.",
    "Polcie said. Polcie arrived; the Polcie chief spoke. Tokayev said Polcie left.",
    "Presdient Tokayev spoke. Presdient Azirbek Saltanat replied. Wrold leaders agreed.",
    "Kassym-Jomart Tokayev met Minsitry staff. Jae-myung and Suk-yeol met. Yoon said.",
    "“Goverment”, he said. (Minsitry) and [Offcials] and «Polcie» and —Wrold news.",
    "Mangystau akimat: Curfwe imposed. Curfwe ends. Ukranian troops. Ukrainain troops.",
    "Zhanaozen residents said. Zhanaozen is calm. Almaty and Almatyy.",
]


@contextmanager
def _gate(fn: Callable[[str, object], bool]) -> Iterator[None]:
    """TY002 with this gate (its verdicts started afresh, and again afterwards)."""
    saved = sp._may_be_clear_typo
    sp._may_be_clear_typo = fn  # type: ignore[assignment]
    sp._VERDICTS.pop("TY002", None)
    try:
        yield
    finally:
        sp._may_be_clear_typo = saved
        sp._VERDICTS.pop("TY002", None)


def _findings(docs: list[Document]) -> list[list[Diagnostic]]:
    rule = sp.UnknownWord()
    return [list(rule.check(doc, Context(_SETTINGS))) for doc in docs]


_DOCS: list[Document] | None = None


def _all_docs() -> list[Document]:
    global _DOCS
    if _DOCS is None:
        extra = [(f"caps{i}.md", t) for i, t in enumerate(_CAPITALISED_TEXTS)]
        _DOCS = _docs(extra=extra)
    return _DOCS


def _same_as_open_gate(docs: list[Document]) -> bool:
    with _gate(lambda low, lex: True):
        want = _findings(docs)
    with _gate(sp._may_be_clear_typo):
        got = _findings(docs)
    return got == want


def test_gate_keeps_every_finding() -> None:
    docs = _all_docs()
    assert len(docs) > 300
    assert _same_as_open_gate(docs)


def test_capitalised_typos_are_found() -> None:
    """The hand-made texts have capitalised findings for the gate to keep."""
    docs = _docs(bench=0, extra=[(f"caps{i}.md", t) for i, t in enumerate(_CAPITALISED_TEXTS)])
    found = [d for ds in _findings(docs) for d in ds]
    words = {d.message.split('"')[1] for d in found}
    assert {"Minsitry", "Polcie", "Wrold"} <= words


@pytest.mark.parametrize("zipf", [4.7, 5.5])  # "ministry" 4.63, "police" 5.33
def test_a_stricter_gate_is_caught(zipf: float) -> None:
    """A gate that turns away a word the rule reports makes the comparison fail."""
    lex = get_lexicon()
    docs = _docs(bench=0, extra=[(f"caps{i}.md", t) for i, t in enumerate(_CAPITALISED_TEXTS)])

    def stricter(low: str, lex_: object) -> bool:
        return any(lex.zipf(c) >= zipf for c in lex.dictionary_neighbours(low, 1))

    with _gate(lambda low, lex: True):
        want = _findings(docs)
    with _gate(stricter):
        got = _findings(docs)
    assert got != want


def test_gate_is_a_necessary_condition() -> None:
    """Word by word: whenever the open-gate rule reports a capitalised word at a sentence
    start, the gate passes its lowercase form."""
    lex = get_lexicon()
    docs = _all_docs()
    with _gate(lambda low, lex: True):
        found = _findings(docs)
    checked = 0
    for ds in found:
        for d in ds:
            word = d.message.split('"')[1]
            if word[:1].isupper():
                assert sp._may_be_clear_typo(word.lower(), lex), word
                checked += 1
    assert checked > 0
