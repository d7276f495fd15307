"""The consistency rules' collect steps, third round (CN001, CN002): the same summaries.

``names._extract_rows`` makes the tokens in the pass over the candidates (a candidate becomes
a token when the next one in its sentence is seen, and a shouting sentence takes its acronyms
out at its end) and as plain tuples: ``extract`` turns them into ``Token`` only when asked,
``collect_names`` and ``collect_gender`` read the tuples. ``collect_names`` works out the
positions of the tokens in the same pass on an identity offset map. ``collect_gender`` makes
the "named by a verb of saying" test only where no title or role word decides, reads the verb
of saying before a run with one pattern on the reversed view, tries the sentence-start pattern
only on sentences whose first character can start it and then only the one pattern the first
word allows. The implementations they replace are kept below, verbatim (renamed, and calling
each other), and compared with the live ones on every article at hand (tests/corpora.py), the
string literals of the tests, adversarial text with offset maps, the benchmark corpus and
generated text; each helper is also compared with what it stands for.
"""

from __future__ import annotations

import itertools
import operator
import random
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import corpora
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_consistency_speed import ADVERSARIAL, SEPS, WORDS

from lintnews import names
from lintnews.checks.consistency import (
    _BIGRAM_CODES,
    _FORM,
    _FORM_CODES,
    _NEXT,
    _PRONOUN_QUOTE_RE,
    _PRONOUN_START_RE,
    _SENT_END,
    _SENT_START,
    _SENTENCE,
    _SPEECH_AFTER_RE,
    _SPEECH_BEFORE_REV_RE,
    _SPEECH_SET,
    _START_FIRSTS,
    _START_PATTERNS,
    _START_WORD_RE,
    _THE_ROLE_RE,
    GenderSummary,
    Mention,
    NamesSummary,
    _bigram_code,
    _form_code,
    _gender_of,
    _name_zipf,
    _positions,
    _quote_sentences,
    _role_before,
    _role_gate,
    _role_word_at,
    _run_titles,
    _speech_word_at,
    collect_gender,
    collect_names,
)
from lintnews.document import WORD_RE, Document, parse
from lintnews.name_index import digest
from lintnews.names import (
    _CAP_WORD_RE,
    _DATELINE_RE,
    _FORMS,
    Extract,
    Token,
    _cap_mask,
    _colon_ends,
    _form,
    _in_order,
    _new_token,
    _picks,
    extract,
    extract_rows,
    fold,
    zipf,
)

# ---------------------------------------------------------------------------------------------
# The reference: the implementations before this round, verbatim (names._extract,
# consistency._role_gate, _run_spans, collect_names and collect_gender), renamed old_*.


def old_extract(doc: Document) -> Extract:
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
        mask = _cap_mask("".join(_picks(view, starts)))
        caps = list(itertools.compress(range(len(words)), mask))
        cap_spans = _picks(words, caps)
    # form, start, end, weak, sentence, all capitals, acronym
    raw: list[tuple[str, int, int, bool, int, bool, bool]] = []
    in_headings: set[int] = set()
    shouting: set[int] = set()
    cap_word = _CAP_WORD_RE.finditer
    after_colon = _colon_ends(view)  # every form starts with a capital
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
            weak = in_heading or is_first or start in after_colon  # _after_colon(view, start)
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


def old_run_spans(tokens: tuple[Token, ...], gated: list[int]) -> list[tuple[int, int]]:
    """(first, last + 1) of the runs of adjacent capitalised words (as _runs makes them) that
    can name a person: every run of two or more, and the one-word runs of the gated tokens.
    A token joins the next only when its next word is set, so only those are tried."""
    spans: list[tuple[int, int]] = []
    for i in itertools.compress(range(len(tokens) - 1), map(_NEXT, tokens)):
        a, b = tokens[i], tokens[i + 1]
        if a.next == b.form and b.prev == a.form and a.sentence == b.sentence:
            if spans and spans[-1][1] == i + 1:
                spans[-1] = (spans[-1][0], i + 2)
            else:
                spans.append((i, i + 2))
    if gated:
        covered = {k for a, b in spans for k in range(a, b)}
        spans.extend((i, i + 1) for i in gated if i not in covered)
        spans.sort()
    return spans


def old_collect_names(doc: Document) -> NamesSummary:
    ex = old_extract(doc)
    kept: list[Token] = []
    spans: list[tuple[int, int]] = []
    weaks: list[bool] = []
    plain_get, acronym_get = _FORM_CODES[0].get, _FORM_CODES[1].get
    for t in ex.tokens:
        form, start, end, weak, acronym, _si, _prev, nxt, heading = t
        code = (acronym_get if acronym else plain_get)(form)
        if code is None:
            code = _form_code(form, acronym)
        if code:
            kept.append(t)
            spans.append((start, end))
            weaks.append(weak and (heading or not nxt or code == 2))  # _weak(t)
    n_tokens = len(kept)
    for t in ex.bigrams:
        got = _BIGRAM_CODES.get(t.form)
        if got is None:
            got = _bigram_code(t.form)
        if got[1] and not (t.weak and got[0]):  # _keep_bigram(t)
            kept.append(t)
            spans.append((t.start, t.end))
            weaks.append(t.weak)
    out: list[Mention] = []
    append = out.append
    for i, (t, p, weak) in enumerate(zip(kept, _positions(doc, spans), weaks, strict=True)):
        s, e, row, col, erow, ecol = p
        if i < n_tokens:
            append((t.form, s, e, row, col, erow, ecol, weak, t.prev, t.next))
        else:
            append((t.form, s, e, row, col, erow, ecol, weak, "", ""))
    return NamesSummary(digest(doc.text), tuple(out))


def old_collect_gender(doc: Document) -> GenderSummary:
    view = doc.view
    ex = old_extract(doc)
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
    # role word ("spokeswoman Azirbek"): those are looked at only where _role_gate finds one
    # and then checked in place.
    gated = _role_gate(view, tokens)  # unchanged but for an optional reversed view
    after_role = set(gated)
    for a, b in old_run_spans(tokens, gated):
        run = tokens[a:b]
        first = run[0]
        lo = sentences[first.sentence].start  # a run lies in one sentence
        if b - a == 1:
            if _run_titles((first.form,)) != 0 or not _role_word_at(view, lo, first.start):
                continue
            n_titles = 0
            role_is = True
        else:
            n_titles = _run_titles(tuple(map(_FORM, run)))
            if n_titles < 0:
                continue
            # _role_before(view[lo:first.start]) is a role word; only where the gate says so
            role_is = a in after_role and _role_word_at(view, lo, first.start)
        titles = run[:n_titles]
        names = run[n_titles:]
        # The speech test last: the same answer, computed only when it decides.
        named = (
            len(names) >= 2
            and zipf(names[0].form) < 4.5
            and bool(
                _SPEECH_AFTER_RE.match(view, names[-1].end, sentences[first.sentence].end)
                or _speech_word_at(view, lo, first.start)  # _speech_before(before)
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
        elif role_is:
            before = view[lo : first.start]
            role_start = _role_before(before)
            role = before[role_start[0] : role_start[1]] if role_start else ""
            if _gender_of(role):
                s = lo + role_start[0]  # type: ignore[index]
                cue(_gender_of(role), s, s + len(role), role, key, (), full)

    # Anaphoric cues: "He said", "…,” she added", "The spokeswoman …".
    # The tokens come sentence by sentence: those of sentences si - 2 to si are one slice.
    token_sentences: list[int] = []

    def candidates(si: int, before: int) -> tuple[str, ...]:
        if not token_sentences:
            token_sentences.extend(map(_SENTENCE, tokens))
        out: list[str] = []
        lo = bisect_left(token_sentences, max(0, si - 2))
        for t in reversed(tokens[lo : bisect_right(token_sentences, si, lo)]):
            if t.start < before and not t.acronym:
                k = fold(t.form)
                if k not in out:
                    out.append(k)
        return tuple(out)

    # The sentence patterns match only at a sentence's start, after opening quotes and
    # brackets, and their first word is "The", "He" or "She": only such sentences are tried
    # (each pattern on its own matches exactly where it did behind its gate).
    sentence_starts = list(map(_SENT_START, sentences))
    starts_with = map(
        _START_WORD_RE.match, itertools.repeat(view), sentence_starts, map(_SENT_END, sentences)
    )
    starting = set(itertools.compress(range(len(sentences)), starts_with))
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
    return GenderSummary(tuple(persons), cues)


# ---------------------------------------------------------------------------------------------
# Whole summaries


def _texts() -> list[tuple[str, str]]:
    lits = [(f"literal-{name}.md", text) for name, text in corpora.literals()]
    return corpora.articles(corpora.FOLDERS, corpora.SUFFIXES, full_path=False) + lits


_PY = '"""Module doc: Mr Bo Lo said. He said."""\n\nx = "The spokeswoman Ana Lo said"\n'
_HTML = "<p>Police spokeswoman <b>Ana Lo</b> said.</p>\n<p>&ldquo;No,&rdquo; he said.</p>\n"

# Shouting, datelines, headings, colons, acronyms next to names, runs at a sentence's end.
EDGES = [
    "THE NEW GOVERNMENT SAID NO TO NATO AND THE UN. NATO met. THE UN AND NATO SAID IT.",
    "US UK EU said. The US and UK met NATO. US, UK and EU: NATO said. NATO UN EU.",
    "ZAGREB, Croatia — Ana Lo said. LONDON (Reuters) - Bo Zed. PARIS - Cy. OSLO,Norway",
    "# Ana Lo Said\n\nAna Lo said.\n\n## The Spokesman Bo Zed\n\nNote: Ana Lo left. • Bo Zed",
    "Maria Zakharova  Lavrov met. Ana\tLo. Ana\u00a0Lo. Ana\nLo. Ana - Lo. Ana Lo-Bo Zed.",
    "He met O’Brien and D'Arcy. Ⅻ Legion and ⅻ. Élysée Palace; Ünal Ak; ǅemal Šarić.",
    "Mr Ana Lo said. Ms. Bo Zed said. Dr Cy said. The queen said. Queen Elsa said. KING Bo.",
    "Ana Lo said. Zakharova said Ana Lo. said Ana Lo Bo Zed Cy Dee Ed. “Ana Lo,” he said.",
    "spokeswoman Ana said. Spokeswoman, Ana. spokeswoman. Ana. he says Ana Lo. says Ana Lo",
    "The Theresa Ana Lo said. Hello Ana. Shell Bo. (The duke Bo Lo) said. “She said. ‘He told",
]


def _docs() -> Iterator[Document]:
    for name, text in _texts():
        suffix = Path(name).suffix if Path(name).suffix in (".py", ".html") else ".md"
        yield parse(f"x{suffix}", text)
    for i, text in enumerate([*ADVERSARIAL, *EDGES]):
        for suffix in (".md", ".txt", ".py", ".html"):
            if suffix == ".py":
                text = f'"""{text}"""\n' if '"""' not in text else "x = 1\n"
            yield parse(f"adv{i}{suffix}", text)
    yield parse("m.py", _PY)
    yield parse("m.html", _HTML)


def _same(doc: Document) -> None:
    want = old_extract(doc)
    assert names._extract(doc) == want, doc.path
    rows = names._extract_rows(doc)
    assert rows == (want.tokens, want.bigrams), doc.path  # the same fields
    assert all(type(t) is tuple for t in itertools.chain(*rows))
    assert collect_names(doc) == old_collect_names(doc), doc.path
    assert collect_gender(doc) == old_collect_gender(doc), doc.path


def test_same_summaries_on_articles() -> None:
    n = mapped = 0
    for doc in _docs():
        _same(doc)
        n += 1
        mapped += doc.offset_map is not None
    assert n > 500
    assert mapped > 20


@pytest.mark.skipif(not corpora.BENCH_CORPUS.is_dir(), reason="no benchmark corpus")
def test_same_summaries_on_bench_corpus() -> None:
    files = sorted(corpora.BENCH_CORPUS.iterdir())
    assert files
    people = mentions = 0
    for p in files:
        doc = parse(p.name, p.read_text(encoding="utf-8"))
        _same(doc)
        people += len(collect_gender(doc).persons)
        mentions += len(collect_names(doc).mentions)
    assert people > 0
    assert mentions > 10 * len(files)


def test_edges_exercise_the_shortcuts() -> None:
    """The edge texts do reach what the shortcuts change: shouted acronyms dropped, bigrams,
    neighbours, datelines, persons named by a verb of saying before and after them."""
    shouted = dropped = bigrams = persons = 0
    for text in EDGES:
        doc = parse("e.md", text)
        ex = old_extract(doc)
        shouted += any(t.form == "NATO" for t in ex.tokens) < ("NATO" in text)
        dropped += len(ex.tokens) < len(
            [m for m in _CAP_WORD_RE.finditer(doc.view) if _form(m.group())]
        )
        bigrams += len(ex.bigrams)
        persons += len(old_collect_gender(doc).persons)
    assert shouted and dropped and bigrams > 5 and persons > 5


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*WORDS, "Mr", "Ms", "KING", "NATO", "UN", "ZAGREB", "says"]),
            st.sampled_from([*SEPS, ": ", "•  ", " - ", ", ", "  "]),
        ),
        max_size=60,
    )
)
def test_same_on_generated_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    for suffix in (".md", ".txt", ".html"):
        _same(parse(f"g{suffix}", text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=200))
def test_same_on_any_text(text: str) -> None:
    _same(parse("a.txt", text))


def test_same_on_shuffled_words() -> None:
    rng = random.Random(13)
    words = [*WORDS, "NATO", "UN", "EU", "ZAGREB", "Ana", "Lo", "says", "THE", "SAID", "Ⅻ"]
    for _ in range(400):
        text = "".join(rng.choice(words) + rng.choice(SEPS) for _ in range(rng.randrange(80)))
        _same(parse("s.md", text))


def test_extract_builds_tokens_from_the_rows() -> None:
    doc = parse("t.md", EDGES[0] + " " + EDGES[4])
    rows = extract_rows(doc)
    ex = extract(doc)
    assert extract_rows(doc) is rows and extract(doc) is ex  # cached
    assert ex == Extract(tuple(Token(*r) for r in rows[0]), tuple(Token(*r) for r in rows[1]))
    assert all(type(t) is Token for t in ex.tokens + ex.bigrams)
    assert ex.tokens and ex.bigrams


# ---------------------------------------------------------------------------------------------
# Each shortcut against what it stands for


def _probe_views() -> Iterator[str]:
    rng = random.Random(17)
    alphabet = ["a", "Z", "_", "1", " ", "\u00a0", ",", ".", "\u212a", "é", "-", "\n", "\u2028"]
    for w in sorted(_SPEECH_SET):
        for pre in ("", "x", " ", "_", "1", "é"):
            for s in ("", " ", "  \n", ",", ".", "\u00a0"):
                yield f"{pre}{w}{s}Ana"
                yield f"{pre}{w.upper()}{s}Ana"
                yield f"{pre}{w[1:]}{s}Ana"
    for _ in range(3000):
        n = rng.randrange(20)
        parts = [rng.choice([*alphabet, *rng.sample(sorted(_SPEECH_SET), 2)]) for _ in range(n)]
        yield "".join(parts) + "Ana"


def test_speech_pattern_equals_speech_word_at() -> None:
    hits = n = 0
    for view in _probe_views():
        rv = view[::-1]
        hi = len(view) - 3
        for lo in range(hi + 1):
            want = _speech_word_at(view, lo, hi)
            got = _SPEECH_BEFORE_REV_RE.match(rv, len(view) - hi, len(view) - lo) is not None
            assert got == want, (view, lo)
            hits += want
            n += 1
    assert hits > 500 and n > 10_000


def test_start_word_decides_the_pattern() -> None:
    """Where _START_WORD_RE matches, its first character is in _START_FIRSTS, and of the two
    sentence patterns only the one its word picks can match."""
    texts = [text for _name, text in _texts()][:400] + EDGES + ADVERSARIAL
    starts = ["", "“", "‘(", '"', "'", "((“", "x"]
    words = ["The", "He", "She", "Theresa", "Hello", "Shell", "THE", "he", "T", "Sh"]
    rests = [" spokesman said", " said", " also said", " queen", " has told", "", ".", "\n"]
    texts += [f"{a}{w}{r}" for a in starts for w in words for r in rests]
    seen = {"The": 0, "other": 0}
    for text in texts:
        for k in range(min(len(text), 40)):
            sub = text[k:]
            m = _START_WORD_RE.match(sub)
            if m is None:
                assert not any(rx.match(sub) for rx in _START_PATTERNS)
                continue
            assert sub[0] in _START_FIRSTS
            the = sub.startswith("The", m.end() - 3)
            other = _PRONOUN_START_RE if the else _THE_ROLE_RE
            assert other.match(sub) is None, sub
            seen["The" if the else "other"] += 1
    assert seen["The"] > 100 and seen["other"] > 100


def test_name_zipf_equals_zipf() -> None:
    forms = ["Ana", "The", "Police", "US", "Zakharova", "\u212aing", "İstanbul", "", "ǅemal"]
    for form in forms * 2:
        assert _name_zipf(form) == zipf(form)


def test_positions_in_the_same_pass() -> None:
    """collect_names' own positions on identity maps: rows, columns, spans over newlines and
    at the text's end."""
    text = "# Ana Lo\n\nAna  Zed met Bo.\nCy   Dee\n\n\nto Dee-Ann's home Ana Lo\nBo Zed"
    for t in (text, text + "\n", "\r\n".join(text.split("\n"))):
        for name in ("x.md", "x.txt"):
            doc = parse(name, t)
            assert doc.offset_map is None
            got = collect_names(doc)
            assert got == old_collect_names(doc)
            assert {m[3] for m in got.mentions} >= {1, 3, 4}
