"""Fast paths of the GB and MT rules (round 3) against the code they replaced, kept verbatim
here as the oracle.

* shared_hints: one scan of the view finds the hints of GB002, GB003, GB004, GB009, GB015,
  MT010's inverted reporting verb and MT012's verb-final marks; each code's spans must be
  exactly those of its own pattern's finditer (the patterns as they were written before, below).
"""

from __future__ import annotations

import random
import re

import pytest
from corpora import texts

from lintnews import document as docmod
from lintnews.checks import mt_order as M
from lintnews.checks import structure as S
from lintnews.config import Settings
from lintnews.registry import Context

SETTINGS = Settings(cache_dir="")


TEXTS = texts()


# ---------------------------------------------------------------------------------------------
# the hints as each rule scanned for them before (verbatim)

OLD_HINTS = {
    "GB002": re.compile(
        r"[,;:.](?:(?<=,)[ \t]*[,.]|(?<=;)[ \t]*;|(?<=;)\.|(?<=:)[ \t]*:|(?<=\.)[.,;])"
    ),
    "GB003": re.compile(r"[,.;:!?](?<=[ \t].)"),
    "GB004": re.compile(r"[.!?][”\"’)]?[^\x00-\x40\x5b-\x7f]"),
    "GB009": re.compile(r"\.(?:[ \t]+|[ \t]*\r?\n[ \t]*)[^\x00-\x60\x7b-\x7f]"),
    "GB015": re.compile(r"[,;][^\x00-\x40\x5b-\x60\x7b-\x7f]"),
    "MT010": re.compile(rf"[”\"»,–—-]\s*(?:{M._RARE_INVERTED})"),
    "MT012": re.compile(
        r"[.;,!?](?:(?<=has.|had.|are.|was.|can.)|(?<=have.|were.|will.|must.)|(?<=would.|could.)"
        r"|(?<=should.)|(?<=is.)|(?<=\s.))"
    ),
}
OLD_CHECKS = {"GB004": S._UPPER_CHAR, "GB009": S._LOWER_CHAR, "GB015": S._LETTER_CHAR}


def old_hints(rx: re.Pattern[str], view: str, check: object = None) -> list[tuple[int, int]]:
    """structure._hints before shared_hints."""
    out = []
    for m in rx.finditer(view):
        s, e = m.span()
        if check is None or view[e - 1].isascii() or check.match(view, e - 1):  # type: ignore[attr-defined]
            out.append((s, e))
    return out


def _same_hints(view: str) -> int:
    doc = docmod.parse("a.txt", view, settings=SETTINGS)
    found = S.shared_hints(doc, Context(SETTINGS))
    view = doc.view
    n = 0
    for code, rx in OLD_HINTS.items():
        assert found[code] == old_hints(rx, view), (code, ascii(view[:200]))
        check = OLD_CHECKS.get(code)
        if check is not None:
            assert S._checked(view, found[code], check) == old_hints(rx, view, check), code
        n += len(found[code])
    return n


def test_hint_patterns_are_the_old_ones() -> None:
    for code, rx in OLD_HINTS.items():
        new = S.hint_re(code)
        for text in TEXTS[:300]:
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in rx.finditer(text)]
    assert M._FINAL_MARKS.pattern == S.hint_re("MT012").pattern


OLD_HEADS = {
    "GB002": "[,;:.]",
    "GB003": "[,.;:!?]",
    "GB004": "[.!?]",
    "GB009": r"\.",
    "GB015": "[,;]",
    "MT010": r"[”\"»,–—-]",
    "MT012": "[.;,!?]",
}


def test_shared_class_holds_every_first_character() -> None:
    rx, codes = S._shared_pattern()
    assert set(codes) == set(OLD_HINTS) == set(OLD_HEADS)
    first = rx.pattern.split("](", 1)[0] + "]"
    for code, head in OLD_HEADS.items():
        assert OLD_HINTS[code].pattern.startswith(head)
        new_head = S.hint_re(code).pattern.split("]", 1)[0] + "]"
        for c in map(chr, range(0x3000)):
            old = re.fullmatch(head, c) is not None
            assert old == (re.fullmatch(new_head, c) is not None), (code, c)
            if old:
                assert re.fullmatch(first, c), (code, c)


def test_shared_hints_on_articles() -> None:
    assert sum(_same_hints(t) for t in TEXTS) > 1000


MARKS = [*',;:.!?…"”’)“( \t\n\r\x0b\u00a0\u2003\x1c', "  ", " \n ", "\r\n", "...", ",,"]
WORDS = (
    "has had is was can have were will would could should must The the a É é x ß A İ "
    "declared stressed pointed out noted"
).split()


@pytest.mark.parametrize("seed", range(6))
def test_shared_hints_on_generated_texts(seed: int) -> None:
    rnd = random.Random(seed)
    pieces = MARKS + WORDS
    total = 0
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 30)))
        total += _same_hints(text)
    assert total > 3000
