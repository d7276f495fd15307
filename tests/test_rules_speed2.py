"""More shortcuts for speed that must stay exact: each is compared with the plain path it skips.

GB001 (doubled-word): a pre-check (``packs._DoubledScan``) keys the text's characters by their
case fold, splits it into runs of word characters and runs the pattern only on the prose
blocks where two equal runs stand side by side. It must find exactly what the pattern finds on
every block, whatever the Unicode: other numbers, apostrophes, combining marks, underscores,
digits of any script, case partners that are not each other's fold (ſ/s, K/k, ı/I/i/İ).
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews import document as docmod
from lintnews import names, packs
from lintnews.config import Settings
from lintnews.engine import get_registry
from lintnews.registry import Context

ROOT = Path(__file__).resolve().parents[1]
_SETTINGS = Settings(cache_dir="")


def _gb001() -> packs.RepetitionRule:
    rule = next(r for r in get_registry(_SETTINGS) if r.code == "GB001")
    assert isinstance(rule, packs.RepetitionRule) and rule._rx_hint is not None
    return rule


def _articles() -> list[str]:
    paths = [
        *sorted((ROOT / "tests" / "fixtures" / "clean_news").iterdir()),
        *sorted((ROOT / "eval" / "heldout").glob("*.txt")),
        *sorted((ROOT / "eval" / "heldout" / "clean").glob("*.txt")),
        *sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")),
    ]
    return [p.read_text(encoding="utf-8") for p in paths if p.is_file()]


def _examples() -> list[str]:
    rules = list(get_registry(_SETTINGS))
    return [t for r in rules for t in (*getattr(r, "bad", ()), *getattr(r, "good", ()))]


def _findings(rule: packs.RepetitionRule, doc: docmod.Document) -> list[tuple[int, int, str]]:
    return [(d.start, d.end, d.message) for d in rule.check(doc, Context(_SETTINGS))]


def _plain(rule: packs.RepetitionRule, doc: docmod.Document) -> list[tuple[int, int, str]]:
    """The findings without the pre-check (the path taken before it existed)."""
    ok, packs._DOUBLED.ok = packs._DOUBLED.ok, False
    try:
        return _findings(rule, doc)
    finally:
        packs._DOUBLED.ok = ok


def _same(rule: packs.RepetitionRule, text: str, name: str = "t.txt") -> bool:
    """Fast and plain findings agree on ``text``; returns whether the pre-check was used."""
    doc = docmod.parse(name, text, settings=_SETTINGS)
    used = packs._DOUBLED.blocks(doc) is not None
    assert _findings(rule, doc) == _plain(rule, doc), text[:200]
    # and the plain path is the pattern itself, block by block
    rx = rule.rx
    raw = [
        (m.start(1), m.end(3))
        for bi in doc.prose_blocks
        for m in rx.finditer(doc.view, doc.blocks[bi].start, doc.blocks[bi].end)
    ]
    if used:  # the pre-check keeps every block the pattern matches in
        kept = set(packs._DOUBLED.blocks(doc) or ())
        for s, _ in raw:
            assert any(doc.blocks[bi].start <= s < doc.blocks[bi].end for bi in kept), (
                text[:200],
                s,
            )
    return used


# -- the characters: the regex module's case tables and classes --------------------------------


def _all_chars() -> str:
    return "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def test_ascii_table_agrees_with_regex() -> None:
    scan = packs._DoubledScan()
    assert scan._ascii_ok()
    assert {"ſ", "\u212a", "ı", "İ"} <= scan.ascii_partners


def test_case_partners_share_a_key_and_a_class() -> None:
    """Every character's case partners (what ``\\1`` accepts ignoring case) get the same key,
    and are word characters exactly when it is one, for every code point: so the per-character
    checks in ``_classify`` never send real text to the plain path for this reason."""
    scan = packs._DoubledScan()
    assert scan._ascii_ok()
    word = regex.compile(r"[\w'’-]")
    no = regex.compile(r"\p{No}")
    unsafe = []
    for c in _all_chars():
        kind = scan._classify(c)
        if kind == packs._UNSAFE and not no.match(c):
            unsafe.append(c)
        if kind in (packs._WORD, packs._CASED):
            key = scan._key(c)
            for d in scan._partners(c):
                assert scan._key(d) == key and bool(word.match(d)), (hex(ord(c)), hex(ord(d)))
            assert kind == packs._CASED or scan._partners(c) == [c]
        else:
            assert not word.match(c) or kind == packs._UNSAFE, hex(ord(c))
    assert unsafe == [], [hex(ord(c)) for c in unsafe[:20]]


def test_backreference_accepts_exactly_the_case_partners() -> None:
    """``\\1`` ignoring case accepts d after c when d is one of c's ``get_all_cases``: the
    relation the keys are built from (literal case-insensitive matching, which the module
    implements with the same tables, over every character that has a case partner)."""
    scan = packs._DoubledScan()
    cased = [c for c in _all_chars() if len(scan._partners(c)) > 1]
    assert len(cased) > 2000
    pool = "".join(cased)
    back = regex.compile(r"(.) \1", regex.I)
    rng = random.Random(5)
    for c in cased:
        partners = set(scan._partners(c))
        assert set(regex.findall(regex.escape(c), pool, regex.I)) == partners, hex(ord(c))
        for d in partners:
            assert back.fullmatch(f"{c} {d}"), (hex(ord(c)), hex(ord(d)))
        for d in rng.sample(cased, 20):
            assert bool(back.fullmatch(f"{c} {d}")) == (d in partners), (c, d)


# -- whole texts --------------------------------------------------------------------------------


def test_same_findings_on_articles_and_examples() -> None:
    rule = _gb001()
    texts = _articles()
    assert len(texts) > 40
    examples = _examples()
    seps = ["\n\n", " ", "\n", " \t ", "\u00a0", "  \n  "]
    for i in range(0, len(examples), 30):
        chunk = examples[i : i + 30]
        texts.append("".join(t + seps[j % len(seps)] for j, t in enumerate(chunk)))
    # articles with words doubled: every 25th word, in varying case and with odd gaps
    gaps = [" ", "  ", "\n", "\u00a0", "\u2009", " \n", "\t"]
    for t in _articles()[:60]:
        words = t.split(" ")
        texts.append(
            " ".join(
                w + gaps[i % len(gaps)] + (w.upper() if i % 50 else w.title()) if i % 25 == 0 else w
                for i, w in enumerate(words)
            )
        )
    used = sum(_same(rule, t, f"a{i}.{'md' if i % 2 else 'txt'}") for i, t in enumerate(texts))
    assert used > len(texts) * 0.8


_TRICKY = [
    *"aAsSſkKKiIıİσςΣßẞéÉ",  # case partners that are not each other's fold
    *"1١²½Ⅻ",  # digits of another script, other numbers, a letter number
    "'",
    "’",
    "-",
    "_",
    "\u0301",  # combining acute (\w, not \p{L})
    "\u200d",  # zero width joiner (\w)
    "\u2011",  # non-breaking hyphen
    ",",
    ".",
    "(",
    "“",
    "—",
    "©",
    "•",
]
_GAPS = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2009", "\u3000", "\x1c", "\x85"]
_WORDS = ["the", "The", "THE", "a", "A", "is", "Bora", "don't", "don’t", "i", "I", "ı", "İ"]
_WORDS += ["ſun", "sun", "SUN", "Kilo", "kilo", "\u212ailo", "café", "CAFÉ", "σας", "ΣΑΣ"]
_WORDS += ["x_y", "x-y", "1", "١", "12", "½", "3½", "e\u0301", "é", "Ⅻ", "ⅻ", "—", "© ©"]


def _adversarial(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(1, 40)):
        r = rng.random()
        if r < 0.55:
            w = rng.choice(_WORDS)
        elif r < 0.75:
            w = "".join(rng.choice(_TRICKY) for _ in range(rng.randint(1, 4)))
        else:
            w = out[-1] if out and rng.random() < 0.8 else rng.choice(_WORDS)
            if rng.random() < 0.3:
                w = w.swapcase()
        out.append(w)
        out.append(rng.choice(_GAPS) if rng.random() < 0.9 else rng.choice(_TRICKY))
    return "".join(out)


@pytest.mark.parametrize("seed", range(4))
def test_same_findings_on_adversarial_texts(seed: int) -> None:
    rule = _gb001()
    rng = random.Random(seed)
    used = 0
    for i in range(800):
        text = _adversarial(rng)
        if rng.random() < 0.3:  # markdown: headings, lists, code, quotes cut the text in blocks
            text = rng.choice(["# ", "- ", "> ", "```\n", ""]) + text.replace("\n\n", "\n\n- ")
        used += _same(rule, text, f"x{i}.{'md' if i % 3 == 0 else 'txt'}")
    assert used > 150


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_WORDS + _TRICKY + _GAPS),
            st.text(min_size=1, max_size=4),
        ),
        max_size=30,
    ),
    st.booleans(),
)
def test_same_findings_on_generated_texts(parts: list[str], doubled: bool) -> None:
    rule = _gb001()
    if doubled:
        parts = [p for part in parts for p in (part, " ", part)]
    _same(rule, "".join(parts), "h.md")


def test_blocks_that_end_inside_a_run() -> None:
    """The pattern stops at a block's end, so a run cut there still counts as whole."""
    rule = _gb001()
    text = "the the"
    doc = docmod.parse("b.txt", text, settings=_SETTINGS)
    assert _findings(rule, doc) == _plain(rule, doc)
    # a block cut short by hand: "said said" + "x" where the pattern's view ends at "said"
    doc = docmod.parse("c.txt", "He said saidx more.\n\nNext one.", settings=_SETTINGS)
    first = doc.blocks[doc.prose_blocks[0]]
    object.__setattr__(first, "end", doc.view.index("x"))
    assert _findings(rule, doc) == _plain(rule, doc) != []


# -- foreign_quotes (MT006, TY002): once per document, per-word verdicts memoised ---------------


def _reference_foreign_quotes(doc: docmod.Document) -> list[tuple[int, int]]:
    from lintnews.checks.mt_structure import FOREIGN_LANGS, zipf_in
    from lintnews.document import WORD_RE

    out = []
    view = doc.view
    for qs, qe in doc.quotes:
        words = [w for w in WORD_RE.findall(view, qs, qe) if len(w) >= 2]
        if not words or len(words) > 40:
            continue
        foreign = 0
        for w in words:
            low = w.lower()
            en = zipf_in(low, "en")
            best = max(zipf_in(low, lang) for lang in FOREIGN_LANGS)
            if best >= 3.0 and best > en + 1.0:
                foreign += 1
        if foreign * 2 >= len(words):
            out.append((qs, qe))
    return out


def test_foreign_quotes_equal_the_plain_definition() -> None:
    from lintnews.checks import mt_structure

    glossy = [
        'He said "la casa aislada" was empty, and "el pueblo unido" was shouting.',
        '"Nous sommes tous ensemble," she said. "We are all together," he replied.',
        "«Wir schaffen das», sagte sie; “ficou tudo bem” and “és molt bonic”.",
        '"The the" "LA CASA" "la casa grande de la ciudad" "o" "".',
    ]
    found = 0
    for i, text in enumerate([*_articles(), *_examples(), *glossy]):
        doc = docmod.parse(f"q{i}.txt", text, settings=_SETTINGS)
        want = _reference_foreign_quotes(doc)
        assert mt_structure.foreign_quotes(doc) == want, text[:120]
        assert mt_structure.foreign_quotes(doc) == want  # the cached answer
        found += bool(want)
    assert found >= 3


# -- names._extract (CN001, CN002): capitalised words read off doc.words ------------------------


def _reference_extract(doc: docmod.Document) -> names.Extract:
    view = doc.view
    sentences = doc.sentences
    heading_blocks = {i for i, b in enumerate(doc.blocks) if b.kind == "heading"}
    # form, start, end, weak, sentence, all capitals, acronym
    raw: list[tuple[str, int, int, bool, int, bool, bool]] = []
    in_headings: set[int] = set()
    shouting: set[int] = set()
    cap_word = names._CAP_WORD_RE.finditer
    forms_get = names._FORMS.get
    for si, sent in enumerate(sentences):
        in_heading = sent.block in heading_blocks
        if in_heading:
            in_headings.add(si)
        first = names.WORD_RE.search(view, sent.start, sent.end)
        if first is None:
            continue
        n_caps = 0
        matches = itertools.chain((first,), cap_word(view, first.end(), sent.end))
        for m in matches:
            word = m.group()
            got = forms_get(word, False)
            if got is False:
                got = names._form(word)
            if got is None:
                continue
            form, upper, acronym = got
            if upper:
                n_caps += 1
            start = m.start()
            is_first = m is first
            if is_first and upper and names._DATELINE_RE.match(view, start + len(form)):
                continue  # a dateline: "ZAGREB, Croatia —", "LONDON (Reuters) -"
            # The sentence's first word (only punctuation before it), a heading, or after ":".
            weak = in_heading or is_first or names._after_colon(view, start)
            raw.append((form, start, start + len(form), weak, si, upper, acronym))
        # Shouting: a sentence with three or more all-capital words, half its words or more.
        if n_caps >= 3 and n_caps * 2 >= len(names.WORD_RE.findall(view, sent.start, sent.end)):
            shouting.add(si)
    tokens: list[names.Token] = []
    bigrams: list[names.Token] = []
    for i, (form, start, end, weak, si, upper, acronym) in enumerate(raw):
        if upper and (si in shouting or not acronym):
            continue  # shouted headline words, or long all-capital words
        prev = ""
        nxt = ""
        if i > 0:
            pf, _ps, pe, _pw, psi, _pu, _pa = raw[i - 1]
            if psi == si and start - pe <= 2 and view[pe:start].isspace():
                prev = pf
        if i + 1 < len(raw):
            nf, ns, ne, _nw, nsi, _nu, n_acronym = raw[i + 1]
            gap = view[end:ns] if ns - end <= 2 else "x"  # a longer gap never counts
            if nsi == si and gap.isspace() and len(gap) <= 2:
                nxt = nf
                if (
                    len(gap) == 1
                    and not acronym
                    and not n_acronym
                    and "-" not in form
                    and "-" not in nf
                ):
                    heading = si in in_headings
                    bigrams.append(
                        names.Token(f"{form} {nf}", start, ne, weak, False, si, "", "", heading)
                    )
        tokens.append(
            names.Token(form, start, end, weak, acronym, si, prev, nxt, si in in_headings)
        )
    return names.Extract(tuple(tokens), tuple(bigrams))


_NAME_TEXTS = [
    "ZAGREB, Croatia — The talks ended. LONDON (Reuters) - Officials said.",
    "THE NEW GOVERNMENT SAID NO. President Kassym-Jomart Tokayev met Sergei Lavrov.",
    "He met O’Brien and D'Arcy. Ⅻ Legion and ⅻ. Élysée Palace; Ünal Ak; ǅemal Šarić.",
    "Note: Police said. “Maria Zakharova” spoke. al-Assad met bin Salman in Riyadh.",
    "abc-Def ghi--Jkl mno'-Pqr NATO-led U.S.-backed Moscow's Kremlin’s x½Y 3M 4G",
    "# A Headline In Title Case\n\nFirst Paragraph Here. Second One.\n\n- List Item Two",
    "Ends without a stop Maria Zakharova\n\n> Quoted Block Text. Another Sentence",
]


def _name_docs() -> list[docmod.Document]:
    texts = [*_articles(), *_examples(), *_NAME_TEXTS]
    rng = random.Random(11)
    for t in _articles()[:40]:  # words capitalised, shouted and glued at random
        words = t.split(" ")
        out = []
        for w in words:
            r = rng.random()
            out.append(w.upper() if r < 0.05 else w.title() if r < 0.2 else w)
        texts.append(" ".join(out))
    for _ in range(300):
        texts.append(_adversarial(rng) + " " + rng.choice(_NAME_TEXTS))
    return [
        docmod.parse(f"n{i}.{'md' if i % 2 else 'txt'}", t, settings=_SETTINGS)
        for i, t in enumerate(texts)
    ]


def test_extract_equals_the_sentence_by_sentence_scan() -> None:
    docs = _name_docs()
    found = 0
    for doc in docs:
        want = _reference_extract(doc)
        assert names._extract(doc) == want, doc.view[:200]
        found += len(want.tokens)
    assert found > 5000


def test_extract_with_sentences_and_blocks_that_cut_words() -> None:
    """Sentences that start or end inside a word, and blocks out of order, take the scan."""
    from lintnews.document import Sentence

    rng = random.Random(3)
    checked = 0
    for doc in _name_docs()[:120]:
        sents = doc.sentences
        if not sents:
            continue
        cut = []
        for s in sents:  # move some boundaries by a character or two either way
            a = s.start + rng.choice([0, 0, 0, 1, 2, -1])
            b = s.end + rng.choice([0, 0, 0, 1, -1, -2])
            blk = doc.blocks[s.block]
            a = min(max(a, blk.start), blk.end)
            b = min(max(b, a), blk.end)
            cut.append(Sentence(a, b, s.block))
        doc.__dict__["sentences"] = cut
        assert names._extract(doc) == _reference_extract(doc), doc.view[:200]
        if len(doc.blocks) > 1:
            doc.__dict__["prose_blocks"] = list(reversed(doc.prose_blocks))
            doc.__dict__["words"] = [w for w in doc.words]
            assert not names._in_order(doc) or len(doc.prose_blocks) < 2
            assert names._extract(doc) == _reference_extract(doc)
        checked += 1
    assert checked > 100


def test_extract_with_blocks_glued_or_out_of_order() -> None:
    from lintnews.document import Block, Sentence

    text = "Alpha Beta gamma Delta epsilon Zeta. Eta Theta iota Kappa."
    doc = docmod.parse("g.txt", text, settings=_SETTINGS)
    cut = text.index("eta") + 1  # inside "Beta": "Be" | "ta"
    doc.blocks = [Block("paragraph", 0, cut), Block("paragraph", cut, len(text))]
    for key in ("words", "prose_blocks", "sentences", "_block_starts"):
        doc.__dict__.pop(key, None)
    doc.__dict__["sentences"] = [Sentence(0, text.index("."), 0), Sentence(cut, len(text), 1)]
    assert names._extract(doc) == _reference_extract(doc)
    assert "Beta" in {t.form for t in names._extract(doc).tokens}
    # blocks listed out of order: doc.words is then out of order too
    doc = docmod.parse("h.txt", "Alpha Beta said.\n\nGamma Delta said.", settings=_SETTINGS)
    doc.__dict__["prose_blocks"] = list(reversed(doc.prose_blocks))
    doc.__dict__.pop("words", None)
    assert doc.words[0][0] > doc.words[-1][0]
    assert not names._in_order(doc)
    assert names._extract(doc) == _reference_extract(doc)


def test_word_texts_are_the_words_of_the_document() -> None:
    """spelling.tokens.word_texts (WordIndex, MT006): once per document, and again when its
    words change."""
    from lintnews.spelling.tokens import WordIndex, word_texts

    for i, text in enumerate([*_articles()[:30], *_NAME_TEXTS]):
        doc = docmod.parse(f"w{i}.md", text, settings=_SETTINGS)
        want = [doc.view[s:e] for s, e in doc.words]
        tokens, distinct = word_texts(doc)
        assert tokens == want and distinct == set(want)
        assert word_texts(doc)[0] is tokens  # the same lists, not computed again
        index = WordIndex(doc)
        assert index.tokens == want and index.distinct == set(want)
        doc.__dict__["words"] = doc.words[1:]
        assert word_texts(doc)[0] == want[1:]


def test_role_before_on_long_words() -> None:
    """consistency._role_before looks at the last characters first: words longer than that
    window, and every kind of character around them, against the regex it stands for."""
    from lintnews.checks import consistency

    rng = random.Random(17)
    alphabet = ["a", "Z", "é", "_", "1", "٣", "½", ".", ",", " ", "\n", "\u00a0", "-", "\u0301"]
    for _ in range(4000):
        parts = [rng.choice(alphabet) for _ in range(rng.randint(0, 12))]
        if rng.random() < 0.5:  # a long word near the end
            parts.append(" " + "x" * rng.randint(1, 70))
        parts += [rng.choice(["", ".", ",", ".,", " ", "  \n"]) for _ in range(rng.randint(0, 2))]
        before = "".join(parts)
        m = consistency._ROLE_BEFORE_RE.search(before)
        assert consistency._role_before(before) == (m.span(1) if m else None), repr(before)
