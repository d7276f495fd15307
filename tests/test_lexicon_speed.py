"""Speed shortcuts of lintnews.lexicon and lintnews.document, each against the code it replaced.

* ``sure_finite_verb`` tries the proof from a known past form before the past-only forms and
  modals (one look-up for both), finds a word's positions without raising ValueError, splits
  the text as written only up to the word for a known past form, and memoises
  ``_subject_end``: the same answer as before on every text, whatever the known forms.
* ``Document.sentences`` builds its Sentence objects through the slots' descriptors, and
  ``Document.words`` maps ``Match.span`` over the matches: the same lists as before.
"""

from __future__ import annotations

import random

import pytest
from corpora import texts
from test_structure_speed2 import _positions

from lintnews import document as docmod
from lintnews import lexicon as L
from lintnews.config import Settings
from lintnews.document import (
    FAST_WORD_RE,
    PROSE_KINDS,
    WORD_RE,
    Document,
    Sentence,
    _fast_split_sentences,
    split_sentences,
)

SETTINGS = Settings(cache_dir="")


TEXTS = texts(500)


# ---------------------------------------------------------------------------------------------
# the code replaced, verbatim


def old_not_after_to(seq: list[str], chunks: list[str], w: str) -> bool:
    k = seq.index(w)  # the first occurrence without a generator: most sentences stop here
    if k == 0 or not chunks[k - 1].endswith("to"):
        return True
    return any(not chunks[j - 1].endswith("to") for j in _positions(seq, w, k + 1))


def old_sure_finite_verb(text: str) -> bool:
    lowered = text.lower()
    chunks = lowered.split()
    if not L._SURE_AUX.isdisjoint(chunks):
        if "to" not in lowered:
            return True  # (no chunk ends in "to")
        for w in L._SURE_AUX.intersection(chunks):
            if old_not_after_to(chunks, chunks, w):
                return True
    written: list[str] = []
    if not L._SURE_PAST.isdisjoint(chunks):
        written = text.split()
        for w in L._SURE_PAST.intersection(written):  # written in lower case: not a name
            if old_not_after_to(written, chunks, w):
                return True
    if not L._MODALS.isdisjoint(chunks):
        written = written or text.split()
        for w in L._MODALS.intersection(written):  # written in lower case: not a name
            for k in _positions(written, w, 0):
                if k == 0 or L._modal_after(chunks[k - 1]):
                    return True
    n = len(chunks)
    for w in L._KNOWN_ED.intersection(chunks):
        for k in _positions(chunks, w, 0):
            if k + 1 < n and chunks[k + 1].startswith("by"):
                continue  # maybe a passive participle: "stormed by demonstrators"
            if k == 0:
                return True
            written = written or text.split()
            if written[k] == w and (
                written[k - 1][-1] in L._PUNCTUATION or L._subject_end(chunks[k - 1])
            ):
                return True
    sforms = L._KNOWN_S.intersection(chunks)
    bases = L._KNOWN_BASE.intersection(chunks)
    if (sforms or bases) and not L._ODD_SPACE.search(text):
        written = written or text.split()
        for w in sforms:
            for k in _positions(chunks, w, 1):
                p = chunks[k - 1]
                if written[k] == w and p not in L.DETERMINERS and L._subject_end(p):
                    return True
        for w in bases:
            for k in _positions(chunks, w, 1):
                if written[k] == w and L._plural_or_name(chunks[k - 1], written[k - 1]):
                    return True
    return False


def old_sentences(doc: Document) -> list[Sentence]:
    out: list[Sentence] = []
    split = _fast_split_sentences if doc.in_fast_ranges else split_sentences
    for bi, block in enumerate(doc.blocks):
        if block.kind not in PROSE_KINDS:
            continue
        for s, e in split(doc.view, block.start, block.end):
            out.append(Sentence(s, e, bi))
    return out


def old_words(doc: Document) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    view = doc.view
    finditer = FAST_WORD_RE.finditer if doc.in_fast_ranges else WORD_RE.finditer
    for bi in doc.prose_blocks:
        b = doc.blocks[bi]
        out.extend([m.span() for m in finditer(view, b.start, b.end)])
    return out


# ---------------------------------------------------------------------------------------------
# sure_finite_verb

VOCAB = (
    "the a an police said Said SAID May Will will can Can must may to To into onto is Is IS "
    "was were had did Did took Took went fled rain beat Heavy FC start-up start-up, x- -x "
    "a-b-c well-only raised agreed agreed. owners officials people they we You teams team "
    "holds plans it’s Ukraine’s this these (the the, to, go-to undo also reportedly quickly "
    "really by by, bystander stormed demonstrators Haddad , 46, ( “ ‘ [ . - ' ’ ; : the-end "
    "U.S. x.y 2021 ½ café report reports Report WILL İs ſaid Kept restored service court "
    "scored Engineers engineers bank record side Toronto photo potato auto"
).split()
SEPARATORS = (" ", " ", " ", "", "\n", "  ", "\u00a0", "\x1c", " \x1d ", "\x01", "\u2028")
# forms a run classifies on its way (filling the sets of known past, -s and base forms)
LEARN = (
    VOCAB
    + (
        "restored scored reached accused won assisted left opened urged raised issued sentenced "
        "ordered sold reported responded engineers documents tickets plans holds cases trains "
        "stands teams vote release round pressure comment bill side rain service rescue protest "
        "front beat judge court record bank"
    ).split()
)


def _learn() -> None:
    for w in LEARN:
        L._classify(w.lower().replace("’", "'"))


def _random_sentences(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    return [
        "".join(rnd.choice(VOCAB) + rnd.choice(SEPARATORS) for _ in range(rnd.randint(0, 12)))
        for _ in range(n)
    ]


def _article_sentences() -> list[str]:
    out = []
    for text in TEXTS:
        doc = docmod.parse("a.md", text, settings=SETTINGS)
        for sent in doc.sentences:
            seg = doc.view[sent.start : sent.end]
            out.append(seg)
            out.append(seg[: len(seg) // 2])  # and parts of them (has_finite_verb's segments)
            out.append(seg[len(seg) // 3 :])
    return out


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_sure_finite_verb_equals_the_old_one_on_random_sentences(seed: int) -> None:
    _learn()
    assert {"said", "restored"} <= L._KNOWN_ED and "teams" in L._KNOWN_S
    assert "rain" in L._KNOWN_BASE
    proved = 0
    for text in _random_sentences(seed, 6000):
        want = old_sure_finite_verb(text)
        assert L.sure_finite_verb(text) == want, ascii(text)
        proved += want
    assert 1000 < proved < 5900


def test_sure_finite_verb_equals_the_old_one_on_article_sentences() -> None:
    _learn()
    proved = 0
    texts = _article_sentences()
    for text in texts:
        want = old_sure_finite_verb(text)
        assert L.sure_finite_verb(text) == want, ascii(text)
        proved += want
    assert len(texts) > 30_000 and proved > len(texts) // 3


def test_sure_finite_verb_equals_the_old_one_with_nothing_known(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("_KNOWN_ED", "_KNOWN_S", "_KNOWN_BASE"):
        monkeypatch.setattr(L, name, set())
    for text in _random_sentences(9, 3000):
        assert L.sure_finite_verb(text) == old_sure_finite_verb(text), ascii(text)


def test_sure_finite_verb_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    # only LEARN's forms known: earlier tests of the process may have taught it "wanted",
    # which rightly proves "He wanted to have it." by another route
    for name in ("_KNOWN_ED", "_KNOWN_S", "_KNOWN_BASE"):
        monkeypatch.setattr(L, name, set())
    monkeypatch.setattr(
        L, "_KNOWN", {L._PAST_ED: L._KNOWN_ED, L._S_FORM: L._KNOWN_S, L._BASE: L._KNOWN_BASE}
    )
    monkeypatch.setattr(L, "_CLASS", {})
    _learn()
    assert L.sure_finite_verb("Engineers restored the service.")
    assert L.sure_finite_verb("Restored the service.")  # at the start: any case
    assert L.sure_finite_verb("The service, restored in May.")  # after a mark
    assert not L.sure_finite_verb("The service Restored in May.")  # a name
    assert not L.sure_finite_verb("The engineers restored by Smith.")  # passive
    assert L.sure_finite_verb("Smith said said nothing by then.")  # a later occurrence
    assert not L.sure_finite_verb("He wanted to have it.")
    assert L.sure_finite_verb("He wanted to have it as he had to.")  # a later "had"
    assert not L.sure_finite_verb("Toronto was")  # "was" after a chunk ending in "to"
    assert L.sure_finite_verb("He took the bus.")
    assert L.sure_finite_verb("Officials, he said, will decide.")
    assert not L.sure_finite_verb("The will to them and the can to us.")
    assert L.sure_finite_verb("The will to them and officials can go.")


def test_past_forms_and_modals_are_apart() -> None:
    assert not (L._SURE_PAST & L._MODALS)
    assert L._PAST_OR_MODAL == L._SURE_PAST | L._MODALS


def test_occurrences() -> None:
    rnd = random.Random(3)
    for _ in range(2000):
        seq = [rnd.choice("abcd") for _ in range(rnd.randint(1, 9))]
        w = rnd.choice(seq)
        assert L._occurrences(seq, w) == list(_positions(seq, w, 0))


def test_subject_end_memo() -> None:
    for w in VOCAB + LEARN + ["", "-", "a-b", "x1-y2", "ſaid", "wildly", "also"]:
        p = w.lower()
        if p:
            assert L._subject_end_memo(p) == L._subject_end(p)
            assert L._subject_end_memo(p) == L._subject_end(p)  # and from the memo


# ---------------------------------------------------------------------------------------------
# Document.sentences and Document.words

ODD = "Mr. Smith said 警察 was there. The U.S. team won; “Quite so.” 2.5 km away… Done! "


def _documents() -> list[Document]:
    docs = []
    for i, text in enumerate(TEXTS):
        docs.append(docmod.parse("a.md" if i % 2 else "a.txt", text, settings=SETTINGS))
        if i % 7 == 0:  # and outside FAST_RANGES: the regex module's patterns
            docs.append(docmod.parse("a.md", ODD + text, settings=SETTINGS))
    for path in ("a.py", "a.html"):
        docs.append(docmod.parse(path, 'x = "Police said so. Mr. Smith left."\n'))
    return docs


def test_sentences_and_words_equal_the_old_ones() -> None:
    docs = _documents()
    assert any(not d.in_fast_ranges for d in docs) and any(d.in_fast_ranges for d in docs)
    n = 0
    for doc in docs:
        want = old_sentences(doc)
        got = doc.sentences
        assert got == want
        assert [(s.start, s.end, s.block) for s in got] == [(s.start, s.end, s.block) for s in want]
        assert doc.words == old_words(doc)
        n += len(got)
    assert n > 20_000


def test_document_sentences_are_sentences() -> None:
    doc = docmod.parse("x.txt", "One two.   Three four five.", settings=SETTINGS)
    a, b = doc.sentences[1], Sentence(11, 27, 0)
    assert type(a) is Sentence and a == b and hash(a) == hash(b) and repr(a) == repr(b)
    assert (a.start, a.end, a.block) == (11, 27, 0)
    with pytest.raises(AttributeError):  # still frozen
        a.start = 4  # type: ignore[misc]
    assert not hasattr(a, "__dict__")
