"""The consistency rules' collect steps, second round (CN001, CN002): the same summaries.

``names._extract`` finds capitalised first letters with one translation of the words' first
letters instead of a look-up per word, and the words after a colon with one pattern pass
instead of a look-back per word. ``collect_gender`` tries a one-word run only where a
reversed-view pattern finds a role word before it (every place the in-place look-back
accepts, and a few more), joins runs only where a token has a next word, reads the verb of
saying before a run in place, picks the candidates of a cue from one slice of the tokens
(they come sentence by sentence) and finds the sentences that start with The/He/She with one
anchored pattern per sentence. The implementations they replace are kept below, verbatim,
and compared with the live ones on every article at hand, the benchmark corpus, views with
offset maps, adversarial and generated text; each helper is also compared with what it
stands for.
"""

from __future__ import annotations

import itertools
import operator
import random
import re
import sys
from bisect import bisect_left, bisect_right
from typing import Any

import corpora
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_consistency_speed import SEPS, WORDS, _docs

from lintnews import names
from lintnews.checks import consistency
from lintnews.checks.consistency import (
    _PRONOUN_QUOTE_RE,
    _PRONOUN_START_RE,
    _ROLE_WORDS,
    _SPEECH_AFTER_RE,
    _START_OPENERS,
    _START_PATTERNS,
    _START_WORDS,
    GenderSummary,
    Token,
    _gender_of,
    _positions,
    _quote_sentences,
    _role_before,
    _role_word_at,
    _run_titles,
    _speech_before,
    collect_gender,
)
from lintnews.document import WORD_RE, Document, parse
from lintnews.names import (
    _CAP_START_RE,
    _CAP_WORD_RE,
    _DATELINE_RE,
    _FORMS,
    Extract,
    _after_colon,
    _form,
    _in_order,
    _new_token,
    _picks,
    extract,
    fold,
    zipf,
)

# ---------------------------------------------------------------------------------------------
# The reference: the implementations before this round, verbatim (with their memo table).

_CAP_START: dict[str, bool] = {}


def ref_extract(doc: Document) -> Extract:
    r"""Name tokens and bigrams (see :func:`extract`).

    Per sentence, the candidates are its first word (``WORD_RE.search`` in the sentence) and
    the capitalised words after it (``_CAP_WORD_RE.finditer`` from there to its end). They are
    read off ``doc.words`` where that gives the same: prose blocks in order, a sentence inside
    its block, no word running across its start or end. A capitalised word there is a word
    of the block whose first character is [\p{Lu}\p{Nl}]: inside a block a word never starts
    right after a letter or digit, or after one and an apostrophe or hyphen (WORD_RE would
    have gone on), which is all the pattern's lookbehinds refuse; and within a word every
    other place is right after one of those. Other sentences are scanned as before.
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
        firsts = _picks(view, starts)
        new = set(firsts).difference(_CAP_START)
        if new:
            if len(_CAP_START) > 100_000:
                _CAP_START.clear()
            for c in new:
                _CAP_START[c] = _CAP_START_RE.match(c) is not None
        caps = list(itertools.compress(range(len(words)), map(_CAP_START.__getitem__, firsts)))
        cap_spans = _picks(words, caps)
    # form, start, end, weak, sentence, all capitals, acronym
    raw: list[tuple[str, int, int, bool, int, bool, bool]] = []
    in_headings: set[int] = set()
    shouting: set[int] = set()
    cap_word = _CAP_WORD_RE.finditer
    forms_get = _FORMS.get
    for si, sent in enumerate(doc.sentences):
        ss, se, bi = sent.start, sent.end, sent.block
        in_heading = bi in heading_blocks
        if in_heading:
            in_headings.add(si)
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
            if is_first and upper and _DATELINE_RE.match(view, start + len(form)):
                is_first = False
                continue  # a dateline: "ZAGREB, Croatia —", "LONDON (Reuters) -"
            # The sentence's first word (only punctuation before it), a heading, or after ":".
            weak = in_heading or is_first or _after_colon(view, start)
            is_first = False
            raw.append((form, start, start + len(form), weak, si, upper, acronym))
        # Shouting: a sentence with three or more all-capital words, half its words or more.
        if n_caps >= 3:
            if n_words < 0:
                n_words = len(WORD_RE.findall(view, ss, se))
            if n_caps * 2 >= n_words:
                shouting.add(si)
    tokens: list[Token] = []
    bigrams: list[Token] = []
    new = _new_token
    n = len(raw)
    prev = ""  # raw[i - 1]'s form when it stands right before raw[i] (same sentence)
    for i, (form, start, end, weak, si, upper, acronym) in enumerate(raw):
        # shouted headline words, or long all-capital words
        skip = upper and (si in shouting or not acronym)
        before, prev, nxt = prev, "", ""
        if i + 1 < n:
            nf, ns, ne, _nw, nsi, _nu, n_acronym = raw[i + 1]
            if nsi == si and ns - end <= 2:  # a longer gap never counts
                gap = view[end:ns]
                if gap.isspace():
                    nxt = nf
                    prev = form
                    if (
                        not skip
                        and len(gap) == 1
                        and not acronym
                        and not n_acronym
                        and "-" not in form
                        and "-" not in nf
                    ):
                        heading = si in in_headings
                        bigrams.append(
                            new((f"{form} {nf}", start, ne, weak, False, si, "", "", heading))
                        )
        if not skip:
            tokens.append(
                new((form, start, end, weak, acronym, si, before, nxt, si in in_headings))
            )
    return Extract(tuple(tokens), tuple(bigrams))


def ref_collect_gender(doc: Document) -> GenderSummary:
    view = doc.view
    ex = extract(doc)
    tokens = ex.tokens
    sentences = doc.sentences
    persons: list[tuple[str, str]] = []
    found: list[tuple[str, int, int, str, str, tuple[str, ...], str]] = []

    def cue(
        gender: str,
        start: int,
        end: int,
        text: str,
        key: str,
        cands: tuple[str, ...],
        full: str = "",
    ) -> None:
        found.append((gender, start, end, text, key, cands, full))

    # Runs of adjacent capitalised words (_runs): most are one word, a person only after a
    # role word ("spokeswoman Azirbek"), which is looked for in place first.
    n_tokens = len(tokens)
    i = 0
    while i < n_tokens:
        last = tokens[i]
        j = i + 1
        while j < n_tokens:
            t = tokens[j]
            if last.next == t.form and t.prev == last.form and last.sentence == t.sentence:
                last = t
                j += 1
            else:
                break
        run = tokens[i:j]
        i = j
        if len(run) == 1:
            t = run[0]
            if _run_titles((t.form,)) != 0 or not _role_word_at(
                view, sentences[t.sentence].start, t.start
            ):
                continue
            n_titles = 0
        else:
            n_titles = _run_titles(tuple(t.form for t in run))
            if n_titles < 0:
                continue
        titles = run[:n_titles]
        names = run[n_titles:]
        sent = sentences[names[0].sentence]
        before = view[sent.start : run[0].start]
        role_start = _role_before(before)
        role = before[role_start[0] : role_start[1]] if role_start else ""
        role_is = role.lower() in _ROLE_WORDS
        # The speech test last: the same answer, computed only when it decides.
        named = (
            len(names) >= 2
            and zipf(names[0].form) < 4.5
            and bool(
                _SPEECH_AFTER_RE.match(view, names[-1].end, sent.end) or _speech_before(before)
            )
        )
        if not (titles or role_is or named):
            continue
        if len(names) == 1 and not (titles or role_is):
            continue
        key = fold(names[-1].form)
        full = " ".join(t.form for t in names)
        persons.append((key, full))
        gendered = [t for t in titles if _gender_of(t.form.rstrip("."))]
        if gendered:
            t = gendered[-1]
            cue(_gender_of(t.form.rstrip(".")), t.start, t.end, t.form, key, (), full)
        elif role_is and _gender_of(role):
            s = sent.start + role_start[0]  # type: ignore[index]
            cue(_gender_of(role), s, s + len(role), role, key, (), full)

    # Anaphoric cues: "He said", "…,” she added", "The spokeswoman …".
    by_sentence: dict[int, list[Token]] = {}

    def candidates(si: int, before: int) -> tuple[str, ...]:
        if not by_sentence:
            for t in tokens:
                if not t.acronym:
                    by_sentence.setdefault(t.sentence, []).append(t)
            by_sentence[-2] = []  # built
        out: list[str] = []
        for sj in range(si, max(-1, si - 3), -1):
            for t in reversed(by_sentence.get(sj, [])):
                if t.start < before:
                    k = fold(t.form)
                    if k not in out:
                        out.append(k)
        return tuple(out)

    # The sentence patterns match only at a sentence's start, after opening quotes and
    # brackets, and their first word is "The", "He" or "She": only such sentences are tried
    # (each pattern on its own matches exactly where it did behind its gate).
    sentence_starts = [sent.start for sent in sentences]
    starting: set[int] = set()
    for si, sent in enumerate(sentences):
        k, end = sent.start, sent.end
        while k < end and view[k] in _START_OPENERS:
            k += 1
        if view.startswith(_START_WORDS, k, end):
            starting.add(si)
    quoted = _quote_sentences(view, sentences, sentence_starts)
    for si in sorted(starting | quoted):
        sent = sentences[si]
        text = view[sent.start : sent.end]
        for rx in _START_PATTERNS if si in starting else ():
            m = rx.match(text)
            if m:
                s = sent.start + m.start(1)
                word = m.group(1)
                phrase = text[m.start(1) : m.end()] if rx is _PRONOUN_START_RE else m.group(0)
                phrase = phrase.strip("“\"‘'( ")
                cue(_gender_of(word), s, s + len(word), phrase, "", candidates(si, s))
        for m in _PRONOUN_QUOTE_RE.finditer(text) if si in quoted else ():
            s = sent.start + m.start(1)
            word = m.group(1)
            phrase = text[m.start(1) : m.end()]
            cue(_gender_of(word), s, s + len(word), phrase, "", candidates(si, s))
    where = _positions(doc, [(c[1], c[2]) for c in found])
    cues = tuple(
        (g, *p, text, key, cands, full)
        for (g, _s, _e, text, key, cands, full), p in zip(found, where, strict=True)
    )
    return GenderSummary(tuple(persons), cues)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Whole summaries


def _same(doc: Document) -> None:
    assert names._extract(doc) == ref_extract(doc), doc.path
    assert collect_gender(doc) == ref_collect_gender(doc), doc.path


def test_same_on_articles_and_literals() -> None:
    n = 0
    for doc in _docs():
        _same(doc)
        n += 1
    assert n > 100


def test_same_with_offset_maps() -> None:
    seen = 0
    for doc in _docs():
        if doc.offset_map is not None:
            _same(doc)
            seen += 1
    assert seen > 0


@pytest.mark.skipif(not corpora.BENCH_CORPUS.is_dir(), reason="no benchmark corpus")
def test_same_on_bench_corpus() -> None:
    found = 0
    for path, text in corpora.bench():
        doc = parse(path, text)
        _same(doc)
        found += len(collect_gender(doc).persons)
    assert found > 0


# Role words next to names, in every case, with the punctuation the look-back allows.
ROLE_TEXTS = [
    f"{pre}{w}{p}{s}Ana Lo said. {w.upper()}{p}{s}Bo. {w.title()}{p}{s}Cy."
    for w in sorted(_ROLE_WORDS)
    for pre, p, s in (("", " ", ""), ("x", ".", " "), ("The ", ",", "  "), ("“", ".,", "\n"))
]


def test_same_on_role_words() -> None:
    n = 0
    for text in ROLE_TEXTS:
        for suffix in (".md", ".txt"):
            doc = parse(f"r{suffix}", text)
            _same(doc)
            n += len(collect_gender(doc).persons)
    assert n > len(ROLE_TEXTS)  # the role words do name people


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*WORDS, "Mr", "Ms", "KING"]),
            st.sampled_from([*SEPS, ": ", ":\t“", "•  ", ": " + " " * 6]),
        ),
        max_size=60,
    )
)
def test_same_on_generated_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    for suffix in (".md", ".txt"):
        _same(parse(f"g{suffix}", text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=200))
def test_same_on_any_text(text: str) -> None:
    _same(parse("a.txt", text))


def test_same_on_shuffled_words() -> None:
    rng = random.Random(11)
    words = [*WORDS, "Ana", "Lo", ":", "•", "spokesman", "Queen", "said", "Ⅻ", "İ"]
    for _ in range(400):
        text = "".join(rng.choice(words) + rng.choice(SEPS) for _ in range(rng.randrange(80)))
        _same(parse("s.md", text))


# ---------------------------------------------------------------------------------------------
# Each shortcut against what it stands for


def test_letter_classes_hold_every_character_that_lowercases_to_the_letter() -> None:
    want: dict[str, set[str]] = {}
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        low = c.lower()
        if len(low) == 1 and "a" <= low <= "z":
            want.setdefault(low, set()).add(c)
        # no other character lowercases to a string made of ASCII letters only
        assert not (len(low) > 1 and low.isascii() and low.isalpha()), hex(cp)
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    for x in "abcdefghijklmnopqrstuvwxyz":
        assert set(re.findall(consistency._letter_class(x), every)) == want[x]
    assert len(want["k"]) == 3  # k, K and the Kelvin sign


def test_role_gate_finds_every_role_word_before_a_token() -> None:
    n = hits = 0
    for doc in itertools.chain(_docs(), (parse("r.md", t) for t in ROLE_TEXTS)):
        tokens = extract(doc).tokens
        gated = set(consistency._role_gate(doc.view, tokens))
        for i, t in enumerate(tokens):
            if _role_word_at(doc.view, doc.sentences[t.sentence].start, t.start):
                assert i in gated, (doc.path, t)
                hits += 1
            n += 1
    assert hits > 100
    assert n > 1000


def test_role_gate_on_made_up_views() -> None:
    rng = random.Random(7)
    alphabet = ["a", "Z", "_", "1", " ", "\u00a0", ",", ".", "\u212a", "\u0130", "é", "-", "\n"]
    probes = [f"x {w}{p}{s}" for w in _ROLE_WORDS for p in ("", ".", ",", ".,") for s in ("", " ")]
    probes += [w.upper() + " " for w in _ROLE_WORDS] + ["\u212aing ", "\u212aING "]
    probes += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(25))) for _ in range(3000)]
    for before in probes:
        for pad in ("", "Said. ", "xx"):
            view = pad + before + "Ana"
            p = len(pad) + len(before)
            tok = Token("Ana", p, p + 3, False, False, 0)
            got = consistency._role_gate(view, (tok,)) == [0]
            if _role_word_at(view, len(pad), p):
                assert got, repr(before)


def test_speech_word_at_equals_speech_before() -> None:
    rng = random.Random(9)
    alphabet = ["said", "Said", "told", "notes", "un", "_", "1", " ", "\u00a0", ",", ".", "é", "\n"]
    probes = [
        f"{p}{w}{s}"
        for w in consistency._SPEECH_SET
        for p in ("", "x", " ", "_")
        for s in ("", " ", "  \n", ",")
    ]
    probes += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(12))) for _ in range(4000)]
    for before in probes:
        want = _speech_before(before)
        for pad in ("", "He ", "xx"):
            view = pad + before + "Ana"
            assert consistency._speech_word_at(view, len(pad), len(pad) + len(before)) == want, (
                repr(before)
            )


def test_start_word_pattern_equals_the_loop() -> None:
    rng = random.Random(4)
    alphabet = ["The", "He", "She", "Th", "S", "h", "e", "“", '"', "‘", "'", "(", " ", "x", "T"]
    for _ in range(5000):
        view = "".join(rng.choice(alphabet) for _ in range(rng.randrange(8)))
        for ss in range(len(view) + 1):
            for se in range(ss, len(view) + 1):
                k = ss
                while k < se and view[k] in _START_OPENERS:
                    k += 1
                want = view.startswith(_START_WORDS, k, se)
                got = consistency._START_WORD_RE.match(view, ss, se) is not None
                assert got == want, (view, ss, se)


def test_colon_ends_equal_after_colon() -> None:
    rng = random.Random(2)
    alphabet = [":", "•", " ", "\t", '"', "'", "“", "‘", "«", "A", "b", "\n", "."]
    views = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(30))) for _ in range(3000)]
    views += [doc.view for doc in _docs()]
    for view in views:
        ends = names._colon_ends(view)
        for p in range(len(view) + 1):
            if p < len(view) and view[p] in " \t\"'“‘«":
                continue  # no form starts there
            assert (p in ends) == _after_colon(view, p), (view, p)


def test_cap_mask_equals_the_class() -> None:
    letters = "".join(chr(c) for c in range(0x3000)) + "Ⅻⅻ𝐀𝐚ǅ"
    mask = names._cap_mask(letters)
    assert list(mask) == [int(_CAP_START_RE.match(c) is not None) for c in letters]
    assert sum(mask) > 500
    assert names._cap_mask("") == b""
