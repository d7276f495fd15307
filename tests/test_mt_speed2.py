"""The second round of shortcuts in the CL101 and MT rules stays exact (issue 9).

Each fast path is compared with the code it replaced, kept here verbatim as the oracle, on
every article at hand, the benchmark corpus, and made-up texts aimed at the shortcut's edges.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterable
from difflib import SequenceMatcher

import pytest
import regex
from corpora import articles, bench
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.checks import characters, mt_structure
from lintnews.checks.characters import (
    _MOJIBAKE_CHARS_RE,
    Mojibake,
    _decode_gate,
    _FastMatcher,
    _has_surrogate,
    _long_match,
    _prose_lines,
)
from lintnews.config import Settings
from lintnews.diagnostic import Diagnostic, Edit, Fix
from lintnews.document import Document, parse
from lintnews.registry import Context

SETTINGS = Settings(cache_dir="")

# ---------------------------------------------------------------------------------------------
# CL101: the code before the speed-up, verbatim (the ftfy configuration is the module's).

_OLD_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _old_may_be_mojibake(text: str) -> bool:
    return bool(_MOJIBAKE_CHARS_RE.search(text) or _OLD_SURROGATE_RE.search(text))


class _OldMojibake(Mojibake):
    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        if not _old_may_be_mojibake(view):
            return  # nothing ftfy would decode (see _MOJIBAKE_CHARS)
        import ftfy

        for s, e in _prose_lines(doc):
            line = view[s:e]
            if line.isascii() or not _old_may_be_mojibake(line):
                continue
            fixed, steps = ftfy.fix_and_explain(line, characters._ftfy_config())
            if fixed == line or not any(step[0] in ("encode", "decode") for step in steps or ()):
                continue
            groups: list[list[tuple[int, int, str]]] = []
            for op, i1, i2, j1, j2 in SequenceMatcher(
                None, line, fixed, autojunk=False
            ).get_opcodes():
                if op == "equal":
                    continue
                edit = (i1, i2, fixed[j1:j2])
                if groups and i1 - groups[-1][-1][1] <= 2:
                    groups[-1].append(edit)
                else:
                    groups.append([edit])
            for g in groups:
                a, z = g[0][0], g[-1][1]
                bad = line[a:z]
                good = "".join(
                    (fixed_part if k == len(g) - 1 else fixed_part + line[i2 : g[k + 1][0]])
                    for k, (_, i2, fixed_part) in enumerate(g)
                )
                edits = tuple(Edit(s + i1, s + i2, rep) for i1, i2, rep in g)
                fix = Fix("safe", f'Replace "{bad}" with "{good}"', edits)
                yield self.diagnostic(s + a, s + z, f'mojibake "{bad}" (should be "{good}")', fix)


def _mangle(text: str, rng: random.Random) -> str:
    """text with some of its lines, sentences or words read in the wrong character set."""
    pytest.importorskip("ftfy")  # registers the sloppy codecs
    codecs = ("sloppy-windows-1252", "latin-1", "sloppy-windows-1251", "sloppy-windows-1250")
    pieces = re.split(r"(\n|(?<=[.,;]) |(?<=\w) (?=\w))", text)
    out = []
    rate = rng.choice((0.05, 0.3, 1.0))
    for p in pieces:
        if p and rng.random() < rate:
            codec = rng.choice(codecs)
            try:
                p = p.encode("utf-8").decode(codec)
                if rng.random() < 0.2:  # twice
                    p = p.encode("utf-8").decode(codec)
            except UnicodeError:
                pass
        out.append(p)
    return "".join(out)


def _mangle_edges(text: str, rng: random.Random) -> str:
    """text with a few characters at the start or the end of some lines read as cp1252: a
    line's only mojibake may be its last or first characters."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line and rng.random() < 0.5:
            k = rng.randint(1, min(4, len(line)))
            head, tail = (line[:-k], line[-k:]) if rng.random() < 0.7 else (line[k:], line[:k])
            bad = tail.encode("utf-8", "surrogatepass").decode("latin-1")
            lines[n] = head + bad if line.endswith(tail) and head + tail == line else bad + head
    return "\n".join(lines)


# Text with characters that mojibake turns into long runs.
_EXTRA = [
    "Полиция задержала «десятки» демонстрантов в Алматы — сообщает ТАСС.\n\n"
    "Министр сказал: «Мы не отступим». Ещё 12 человек ранены.",
    "Ο υπουργός είπε ότι «δεν θα υποχωρήσουμε». Η αστυνομία συνέλαβε 20 άτομα.",
    "The café in São Paulo closed; “we will fight,” said José Müller — 3½ × 2 ≈ 7 €.",
    "“A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” "
    "“A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A” “A”",
    "é" * 200 + " and " + "é" * 120,
    ("ab’cd “ef” " * 30 + "\n") * 3,
    "北京 — 外交部发言人说：“我们不会退让。” Ein Übermaß an Ärger für Straßen.",
    "Surrogates \udce2\udc80 in the middle of “quotes” and cafÃ© too.",
]


def _texts() -> list[tuple[str, str]]:
    return [*articles(), *bench(), *(("x.txt", t) for t in _EXTRA)]


def _same_mojibake(path: str, text: str) -> int:
    """Are the findings the old code's? (And how many are there?)"""
    doc = parse(path, text, settings=SETTINGS)
    ctx = Context(SETTINGS)
    want = list(_OldMojibake().check(doc, ctx))
    got = list(Mojibake().check(doc, ctx))
    assert got == want, path
    return len(got)


def test_mojibake_same_findings_on_the_articles() -> None:
    texts = _texts()
    assert len(texts) > 100
    found = sum(_same_mojibake(path, text) for path, text in texts)
    if bench():
        assert found > 100  # the benchmark corpus has mojibake on purpose


def test_mojibake_same_findings_on_mangled_articles() -> None:
    rng = random.Random(9)
    texts = _texts()
    sample = rng.sample(texts, min(len(texts), 600)) + [t for t in texts if t[1] in _EXTRA] * 5
    for path, text in sample:
        _same_mojibake(path, _mangle(text, rng))
        _same_mojibake(path, _mangle_edges(text, rng))
    for text in ("He said it was closely.â€\x9d\n\nAnd\n", "Ã©\n\nâ€œ\nâ€™s x\n\nx Ã©"):
        assert _same_mojibake("x.txt", text)


def test_has_surrogate() -> None:
    rng = random.Random(9)
    for _ in range(20000):
        n = rng.randint(0, 6)
        text = "".join(
            chr(rng.choice((rng.randint(0, 0x7F), rng.randint(0xD7F0, 0xE010), 0x2019)))
            for _ in range(n)
        )
        assert _has_surrogate(text) == bool(_OLD_SURROGATE_RE.search(text)), repr(text)


# ---------------------------------------------------------------------------------------------
# _FastMatcher and its searches against difflib's SequenceMatcher.


def _check_pair(a: str, b: str, rng: random.Random | None = None) -> None:
    old = SequenceMatcher(None, a, b, autojunk=False)
    assert _FastMatcher(a, b).get_opcodes() == old.get_opcodes(), (a, b)
    ranges = [(0, len(a), 0, len(b))]
    if rng is not None:
        for _ in range(6):
            alo, ahi = sorted((rng.randint(0, len(a)), rng.randint(0, len(a))))
            blo, bhi = sorted((rng.randint(0, len(b)), rng.randint(0, len(b))))
            ranges.append((alo, ahi, blo, bhi))
    for alo, ahi, blo, bhi in ranges:
        want = tuple(old.find_longest_match(alo, ahi, blo, bhi))
        assert tuple(_FastMatcher(a, b).find_longest_match(alo, ahi, blo, bhi)) == want
        got = _long_match(a, alo, ahi, b, blo, bhi)
        if got is None:
            assert want[2] < characters._LONG, (a, b, alo, ahi, blo, bhi)
        else:
            assert got == want, (a, b, alo, ahi, blo, bhi)


def _edited(a: str, rng: random.Random, alphabet: str) -> str:
    b = list(a)
    for _ in range(rng.randint(0, 6)):
        i = rng.randint(0, len(b))
        k = rng.randint(0, 5)
        new = [rng.choice(alphabet) for _ in range(rng.randint(0, 4))]
        b[i : i + k] = new
    if rng.random() < 0.3:  # a repeated stretch: ties between equally long matches
        i, j = sorted((rng.randint(0, len(b)), rng.randint(0, len(b))))
        b[j:j] = b[i:j]
    return "".join(b)


def test_matcher_on_edited_strings() -> None:
    rng = random.Random(9)
    for _ in range(1500):
        alphabet = rng.choice(("ab", "abc ", "abcdefgh ", "â€œ”Ã©é a"))
        n = rng.choice((5, 30, 60, 150, 300))
        if rng.random() < 0.3:
            unit = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
            a = (unit * (n // len(unit) + 1))[:n]
        else:
            a = "".join(rng.choice(alphabet) for _ in range(n))
        b = _edited(a, rng, alphabet)
        if rng.random() < 0.5:
            a, b = b, a
        _check_pair(a, b, rng)


def test_matcher_on_mojibake_lines() -> None:
    ftfy = pytest.importorskip("ftfy")
    rng = random.Random(9)
    lines = [ln for _, t in _texts() for ln in t.split("\n") if not ln.isascii()]
    rng.shuffle(lines)
    pairs = 0
    for line in lines[:1500]:
        bad = _mangle(line, rng)
        fixed = ftfy.fix_text(bad, characters._ftfy_config())
        _check_pair(bad, fixed, rng)
        pairs += bad != fixed
    assert pairs > 100


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.text(alphabet="ab c", max_size=120),
    st.lists(
        st.tuples(st.integers(0, 200), st.integers(0, 6), st.text(alphabet="abcx", max_size=4)),
        max_size=5,
    ),
    st.integers(0, 3),
)
def test_matcher_hypothesis(a: str, edits: list[tuple[int, int, str]], times: int) -> None:
    a = a * (1 + times)  # long enough, at times, for _long_match to answer
    b = a
    for i, k, new in edits:
        i = min(i, len(b))
        b = b[:i] + new + b[i + k :]
    _check_pair(a, b)
    _check_pair(b, a)


# ---------------------------------------------------------------------------------------------
# MT001, MT002, MT007: gates for the re module in place of regex patterns.

_ALL_CHARS = "".join(chr(i) for i in range(0x110000))


def test_re_classes_take_in_regex_classes() -> None:
    """What a re gate written like a regex pattern relies on: wherever regex's \\s, $ (multi-
    line) or a case-insensitive ASCII letter matches a character, re's does too."""
    assert set(regex.findall(r"\s", _ALL_CHARS)) <= set(re.findall(r"\s", _ALL_CHARS))
    ends = {m.start() for m in regex.finditer("$", _ALL_CHARS, regex.M)}
    assert ends <= {m.start() for m in re.finditer("$", _ALL_CHARS, re.M)}
    letters = "".join(regex.findall("(?i)[a-z]", _ALL_CHARS))
    assert len(letters) > 52  # "ſ" and the Kelvin sign fold to s and k
    for x in "abcdefghijklmnopqrstuvwxyz":
        assert set(regex.findall(x, letters, regex.I)) <= set(re.findall(x, letters, re.I)), x


# The gates before the speed-up, verbatim.
_OLD_NAT_WORD_RE = re.compile(mt_structure._NAT)
_OLD_NAT_AFTER_GATE_RE = regex.compile(
    rf"(?:{mt_structure._NAT})(?![\w-]){mt_structure._AFTER}", regex.M
)
_OLD_INVERTED_PERFECT_GATE_RE = regex.compile(r"[”\"’],?\s*(?:has|have|had)\s", regex.I)
_OLD_INVERTED_PRESENT_GATE_RE = regex.compile(
    r"[”\"’],?\s*(?:indicates|explains|specifies|underlines|points out|highlights"
    r"|emphasi[sz]es|stresses|assures|affirms|reiterates)\s"
)
_OLD_FOREIGN_PUNCT_GATE_RE = re.compile(
    "……|——|[《〈¿¡\u0660-\u0669\u06f0-\u06f9\uff01-\uff5e"
    + re.escape("".join(k for k in mt_structure._PUNCT if len(k) == 1))
    + "]"
)


def _gate_probes(rng: random.Random) -> list[str]:
    """Short texts at the gates' edges: the words and marks they look for, in every case,
    with every kind of space and the characters that may follow."""
    spaces = [" ", "\n", "\t", "\u00a0", "\u2009", "\u3000", "\x1c", "\u2028", "\x85", ""]
    after = [",", ".", ")", "”", '"', "x", "-", "_", "²", "é", "\n", "", " said", " saidx"]
    after += [" is", " island", " itself", " in", " Ⅳ"]
    nats = [*rng.sample(mt_structure.NATIONALITIES, 20), "Argentine", "Argentinian", "Lao"]
    verbs = ["has", "have", "had", "HAS", "Had", "haſ", "hAve", "indicates", "points out"]
    verbs += ["Indicates", "emphasizes", "stresses", "hasn't"]
    quotes = ["”", '"', "’", "“", "'", "»"]
    marks = [*mt_structure._PUNCT, "…", "—", "…—", "—…", "……", "——", "《", "¿", "٣", "Ａ"]
    probes = []
    for _ in range(20000):
        sp, sp2 = rng.choice(spaces), rng.choice(spaces)
        probes.append(f"The police {rng.choice(nats)}{rng.choice(after)}")
        probes.append(f"x{rng.choice(quotes)}{rng.choice(['', ','])}{sp}{rng.choice(verbs)}{sp2}y")
        probes.append("".join(rng.choice([*marks, "a", " "]) for _ in range(rng.randint(1, 4))))
    return probes


def _gate_texts() -> list[str]:
    rules = (
        mt_structure.NationalityAfterNoun,
        mt_structure.InvertedReportingClause,
        mt_structure.ForeignPunctuation,
    )
    examples = [t for r in rules for t in (*r.bad, *r.good)]
    return [*(t for _, t in _texts()), *examples, *_gate_probes(random.Random(9))]


def test_new_gates_match_wherever_the_old_ones_do() -> None:
    hits = {"nat": 0, "inv": 0, "punct": 0}
    for text in _gate_texts():
        if _OLD_NAT_WORD_RE.search(text) and _OLD_NAT_AFTER_GATE_RE.search(text):
            assert mt_structure._NAT_AFTER_GATE_RE.search(text), text
            hits["nat"] += 1
        if _OLD_INVERTED_PERFECT_GATE_RE.search(text) or _OLD_INVERTED_PRESENT_GATE_RE.search(text):
            assert mt_structure._INVERTED_GATE_RE.search(text), text
            hits["inv"] += 1
        old = bool(_OLD_FOREIGN_PUNCT_GATE_RE.search(text))
        assert bool(mt_structure._FOREIGN_PUNCT_GATE_RE.search(text)) == old, text
        hits["punct"] += old
    assert min(hits.values()) > 1000, hits


# ---------------------------------------------------------------------------------------------
# MT003: the re gates before the regex ones.


def _old_date_gates(view: str) -> frozenset[str]:
    """mt_structure._date_gates before the speed-up, verbatim."""
    era = any(e in view for e in mt_structure._ERA_NAMES)
    if not (
        era
        or mt_structure._DATE_GATE_ANY_RE.search(view)
        or mt_structure._WEEKDAY_GATE_RE.search(view)
    ):
        return frozenset()
    found = {name for name, rx in mt_structure._DATE_GATE_PARTS.items() if rx.search(view)}
    if era:
        found.add("era")
    return frozenset(found)


def test_re_date_gate_classes_take_in_regex_classes() -> None:
    """Beyond test_re_classes_take_in_regex_classes: _ANY_DIGIT takes in regex's \\d, and
    every letter of the date gates, case-insensitively, takes in regex's; the ASCII word
    characters whose look-ahead stands for (?![\\w]) are all regex \\w."""
    digits = set(re.findall(mt_structure._ANY_DIGIT, _ALL_CHARS))
    assert set(regex.findall(r"\d", _ALL_CHARS)) <= digits
    word = set(regex.findall(r"\w", _ALL_CHARS))
    assert set(re.findall("(?i)[A-Za-z0-9_]", _ALL_CHARS)) <= word
    letters = {c for c in mt_structure._DATE_GATE_FAST_RE.pattern if c.isalpha()}
    assert {"ç", "é", "ı", "ş", "ź"} <= letters
    for x in sorted(letters):
        want = set(regex.findall(regex.escape(x), _ALL_CHARS, regex.I))
        assert want <= set(re.findall(re.escape(x), _ALL_CHARS, re.I)), x


def _date_probes(rng: random.Random) -> list[str]:
    """Every digit, space, word and ending below together, after a random lead."""
    words = [*rng.sample(sorted(mt_structure._MONTHS), 12), "mars", "out", "März", "ağustos"]
    words += ["June", "Jun", "march", "hours", "hrs", "h", "h30", "H", "o'clock", "o’clock"]
    words += ["Uhr", "of the morning", "of the NIGHT", "local time", "GMT", "Moscow time"]
    words += ["Rajab 1446", "people", "ſ", "day"]
    digits = ("5", "19", "3.15", "14:30", "17.01", "٣", "1445", "\U000116e1")
    spaces = (" ", "  ", "\n", "\u00a0", "\x1c", "", "° ", ". ", " de ")
    lead = ["at ", "the ", "on ", "until the ", "Tuesday ", "on Sunday ", "", "Heisei "]
    tails = ("", ".", "x", "5", ".2024")
    return [
        f"{rng.choice(lead)}{d}{sp}{w}{tail}"
        for d in digits
        for sp in spaces
        for w in words
        for tail in tails
    ]


def test_date_gates_are_the_old_ones() -> None:
    texts = [
        *(t for _, t in _texts()),
        *mt_structure.ForeignDateFormat.bad,
        *mt_structure.ForeignDateFormat.good,
        *_date_probes(random.Random(9)),
    ]
    hits = 0
    for text in texts:
        want = _old_date_gates(text)
        assert mt_structure._date_gates(text) == want, text
        hits += bool(want)
    assert hits > 5000


# ---------------------------------------------------------------------------------------------
# CL101's decode gate (_decode_gate): lines it does not match never reach ftfy. The rule as it
# was before this round (_OldMojibake above, which sends every line holding one of
# _MOJIBAKE_CHARS to ftfy) is the oracle.


_SAMPLES = (
    "The café in São Paulo closed; “we will fight,” said José Müller — 3½ × 2 ≈ 7 € – ok…",
    "Kazakhstan’s ‘peacekeeping’ force • naïve façade · Œuvre ß ÿ Ø å æ ð þ",
    "Полиция задержала «десятки» демонстрантов в Алматы — сообщает ТАСС. Ёж",
    "Ο υπουργός είπε ότι «δεν θα υποχωρήσουμε». Η αστυνομία συνέλαβε 20 άτομα.",
    "Zażółć gęślą jaźń — Čeština, Ľubomír, Győr, İstanbul, ğüşöç, Łódź, ąčęėįšųūž",
    "Emoji 😀 🇺🇸 👍🏽 and math ∑ ∞ ≤ ≥ ≠ √ ∫, CJK 北京 外交部, Hebrew שלום, Arabic مرحبا",
    "Nbsp\u00a0here, soft\u00adhyphen, thin\u2009space, zero\u200bwidth, BOM\ufeff, ™ © ® ° ± µ ¶",
)
_MANGLE_CODECS = (
    "latin-1",
    "sloppy-windows-1252",
    "sloppy-windows-1251",
    "sloppy-windows-1250",
    "sloppy-windows-1253",
    "sloppy-windows-1254",
    "sloppy-windows-1257",
    "iso-8859-2",
    "macroman",
    "cp437",
    "windows-1252",
)


def _misread(text: str, rng: random.Random) -> str:
    """text as UTF-8 read with one of the codecs ftfy tries: all of it or a part, with some of
    the bytes lost (a space, "?" or 0x1A in their place, or U+FFFD after reading)."""
    codec = rng.choice(_MANGLE_CODECS)
    a, z = 0, len(text)
    if rng.random() < 0.4:
        a, z = sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))
    raw = bytearray(text[a:z].encode("utf-8", "surrogatepass"))
    if rng.random() < 0.4:
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(raw)) if raw else 0
            if raw and raw[i] >= 0x80:
                raw[i] = rng.choice((0x20, 0x3F, 0x1A, 0xA0, 0x81, 0x8D, 0xC0, 0xED))
    mid = bytes(raw).decode(codec, "replace")
    if rng.random() < 0.2 and mid:
        i = rng.randrange(len(mid))
        mid = mid[:i] + rng.choice(("\ufffd", " ", "?", "\x1a", "\x9d", "\ud83d")) + mid[i + 1 :]
    return text[:a] + mid + text[z:]


def _mojibake_lines(n: int, seed: int) -> list[str]:
    pytest.importorskip("ftfy")  # registers the sloppy codecs
    rng = random.Random(seed)
    words = [w for s in _SAMPLES for w in s.split()]
    lines = []
    for _ in range(n):
        line = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.5:
            line = rng.choice(_SAMPLES)
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):  # sometimes twice or three times
            line = _misread(line, rng)
        lines.append(line.replace("\n", " ").replace("\r", " "))
    return lines


def _short_probes(n: int, seed: int) -> list[str]:
    """Short strings of characters around the gate's edges: each codec's characters for the
    bytes from 0x80 up, spaces, "?", U+FFFD, C1 controls and a few letters."""
    pytest.importorskip("ftfy")
    rng = random.Random(seed)
    pool = sorted(
        {
            c
            for name, sloppy in characters._FTFY_CODECS
            for b, c in characters._codec_chars(name, sloppy).items()
            if b >= 0x80
        }
    )
    extra = [" ", "?", "\ufffd", "\x1a", "a", "e", "\u00a0", "\x85", ".", "\n"]
    out = []
    for _ in range(n):
        k = rng.randint(1, 6)
        out.append(
            "".join(rng.choice(pool) if rng.random() < 0.7 else rng.choice(extra) for _ in range(k))
        )
    return out


def _edge_probes() -> list[str]:
    """In each codec, the characters for a lead byte followed by each kind of byte the gate
    looks at after it (continuation bytes at both ends of their range and in the middle, ?,
    0x1A, space, newline, a letter) and up to two more bytes."""
    pytest.importorskip("ftfy")
    out = []
    for name, sloppy in characters._FTFY_CODECS:
        chars = characters._codec_chars(name, sloppy)
        tails = [chars[b] for b in (0x80, 0xA0, 0xBF, 0x20, 0x3F, 0x61)]
        for a in range(0xC0, 0xF5):
            for b in (0x80, 0x9F, 0xA0, 0xBF, 0x3F, 0x1A, 0x20, 0x0A, 0x61):
                pair = chars[a] + chars[b]
                out += [pair, *(pair + c for c in tails)]
                if a >= 0xE0:
                    out += [pair + c + d for c in tails for d in tails]
    return out


def _redecodes(line: str) -> bool:
    """Would CL101 report the line? (ftfy changes it with an encode or decode step.)"""
    import ftfy

    fixed, steps = ftfy.fix_and_explain(line, characters._ftfy_config())
    return fixed != line and any(step[0] in ("encode", "decode") for step in steps or ())


def _gated(line: str) -> bool:
    return bool(_decode_gate().search(line)) or _has_surrogate(line)


def test_decode_gate_same_findings_on_the_articles() -> None:
    texts = _texts()
    found = sum(_same_mojibake(path, text) for path, text in texts)
    assert found > 10


def test_decode_gate_same_findings_on_mojibake() -> None:
    lines = _mojibake_lines(6000, 11)
    found = 0
    for k in range(0, len(lines), 30):
        chunk = lines[k : k + 30]
        found += _same_mojibake("x.txt", "\n\n".join(chunk))  # one paragraph each
        found += _same_mojibake("x.txt", "\n".join(chunk))  # lines of one paragraph
        found += _same_mojibake("x.txt", "".join(chunk))  # matches across the lines' joints
    assert found > 3000


def test_every_line_ftfy_redecodes_passes_the_gate() -> None:
    lines = _mojibake_lines(6000, 12) + _short_probes(40000, 13) + _edge_probes()
    lines += [line for _, text in _texts() for line in text.split("\n")]
    lines += [*_EXTRA, *Mojibake.bad, *Mojibake.good]
    redecoded = skipped = 0
    for line in lines:
        if _redecodes(line):
            assert _gated(line), repr(line)
            redecoded += 1
        elif not _gated(line):
            skipped += 1
    assert redecoded > 3000 and skipped > 3000, (redecoded, skipped)


def _items(item: tuple) -> set[int]:
    """The bytes one item of a parsed bytes pattern (a literal or a class) matches."""
    op, av = item
    if op is re._constants.LITERAL:
        return {av}
    assert op is re._constants.IN, item
    out: set[int] = set()
    for sub, x in av:
        if sub is re._constants.LITERAL:
            out.add(x)
        else:
            assert sub is re._constants.RANGE, av
            out.update(range(x[0], x[1] + 1))
    return out


def _alternatives(pattern: re.Pattern[bytes]) -> list[list[set[int]]]:
    (op, (_, alts)), *rest = re._parser.parse(pattern.pattern)
    assert op is re._constants.BRANCH and not rest
    return [[_items(item) for item in alt] for alt in alts]


_LEAD = set(range(0xC0, 0xF5))
_CONT = set(range(0x80, 0xC0))


def test_decode_gate_facts_hold_in_the_installed_ftfy() -> None:
    """The facts _decode_gate rests on, read from the installed ftfy."""
    ftfy = pytest.importorskip("ftfy")
    from ftfy import chardata

    # The codecs, and their characters from Python's codecs (the sloppy ones as registered).
    names = [("sloppy-" if sloppy else "") + name for name, sloppy in characters._FTFY_CODECS]
    assert names == chardata.CHARMAP_ENCODINGS
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for (name, sloppy), full in zip(characters._FTFY_CODECS, names, strict=True):
        chars = characters._codec_chars(name, sloppy)
        assert [chars[b] for b in range(256)] == list(bytes(range(256)).decode(full))
        for b, c in chars.items():
            assert c.encode(full) == bytes((b,))
            assert (b >= 0x80) == (not c.isascii()) or (sloppy and b == 0x1A and c == "\ufffd")
        # nothing else encodes (U+003F is the only character 'replace' may keep as "?")
        out = everything.encode(full, "replace")
        assert len(out) == len(everything)
        encodable = {c for c, b in zip(everything, out, strict=True) if b != 0x3F or c == "?"}
        assert encodable == set(chars.values()), full
        # possible_encoding says yes to text of these characters only (not U+001A in a
        # sloppy one)
        assert chardata.possible_encoding("".join(sorted(set(chars.values()))), full)
        for c in ("\x1a", "\u0100", "\u2019", "\ufffd"):
            assert chardata.possible_encoding(c, full) == (c in chars.values()), (full, c)
    # What restore_byte_a0 and replace_lossy_sequences may change starts with a lead byte
    # followed by a continuation byte, "?" or 0x1A, or a space after the lead bytes the gate
    # lists (E2 E3 with a continuation byte after the space); or is a lone 0x1A.
    space2 = {0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xF0}
    for alt in _alternatives(chardata.ALTERED_UTF8_RE):
        assert alt[0] <= _LEAD, alt
        if 0x20 in alt[1]:
            assert alt[0] <= space2 or (alt[0] <= {0xE2, 0xE3} and alt[2] <= _CONT), alt
        assert alt[1] <= _CONT | {0x20}, alt
    for alt in _alternatives(chardata.LOSSY_UTF8_RE):
        if alt == [{0x1A}]:
            continue
        assert alt[0] <= _LEAD and alt[1] <= _CONT | {0x3F, 0x1A}, alt
    assert ftfy.fix_and_explain("\ufffd", characters._ftfy_config()).text == "\ufffd"


def test_utf8_decoders_need_a_lead_and_a_continuation_byte() -> None:
    """Bytes from 0x80 up decode (as UTF-8 or ftfy's utf-8-variants) only with a lead byte
    followed by a continuation byte, or (utf-8-variants) C0 before a final newline."""
    pytest.importorskip("ftfy")
    some = [0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4]
    some += [0xF5, 0xFF, 0x61, 0x20, 0x3F, 0x0A, 0x1A]
    strings = [bytes((a, b)) for a in range(256) for b in range(256)]
    strings += [bytes(p) for n in (3, 4) for p in itertools.product(some, repeat=n)]
    rng = random.Random(14)
    strings += [bytes(rng.choice(some) for _ in range(rng.randint(1, 9))) for _ in range(50000)]
    ok = 0
    for raw in strings:
        if raw.isascii() or any(
            a in _LEAD and (b in _CONT or b == 0x0A) for a, b in itertools.pairwise(raw)
        ):
            continue
        for codec in ("utf-8", "utf-8-variants"):
            with pytest.raises(UnicodeDecodeError):
                raw.decode(codec)
        ok += 1
    assert ok > 100000
