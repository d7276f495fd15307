"""Round 3 of the speed shortcuts (issue 9): each one checked against the path it replaces."""

from __future__ import annotations

import random
from pathlib import Path

from lintnews.checks import mt_structure

_BENCH = Path("/tmp/bcorp")


def _corpus_texts(n: int = 400) -> list[str]:
    if not _BENCH.is_dir():
        return []
    return [p.read_text(encoding="utf-8") for p in sorted(_BENCH.iterdir())[:n]]


def _date_pieces() -> list[str]:
    months = list(mt_structure._MONTHS)
    return [
        *"0123456789",
        " ",
        "  ",
        "\n",
        "\u00a0",
        "\x1c",
        ".",
        ":",
        ",",
        "°",
        "º",
        "h",
        "H",
        "st",
        "nd",
        "th",
        "of ",
        "the ",
        "at ",
        "de ",
        "di ",
        "hours",
        "hrs",
        "o'clock",
        "o’clock",
        "Uhr",
        "morning",
        "night",
        "GMT",
        "local time",
        "Moscow time",
        "march",
        "June",
        "Jun",
        "ſ",
        "K",
        "İ",
        "x",
        "é",
        *months[:40],
        *(m.upper() for m in months[:10]),
        *(m.title() for m in months[:10]),
    ]


def test_combined_date_gate_matches_the_two_it_replaces() -> None:
    """_DATE_GATE_ANY_RE finds a match exactly where _DATE_GATE_RE or _DATE_GATE_I_RE does."""
    rng = random.Random(3)
    pieces = _date_pieces()
    texts = [*mt_structure.ForeignDateFormat.bad, *mt_structure.ForeignDateFormat.good]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 10))) for _ in range(30000)]
    texts += _corpus_texts()
    hits = 0
    for text in texts:
        old = bool(
            mt_structure._DATE_GATE_RE.search(text) or mt_structure._DATE_GATE_I_RE.search(text)
        )
        assert bool(mt_structure._DATE_GATE_ANY_RE.search(text)) == old, repr(text)
        hits += old
    assert hits > 200  # the random texts do reach the patterns


def test_date_gate_lookahead_holds_every_first_character() -> None:
    """Whatever character follows the digit, the combined gate matches at the same places as
    the two old ones (the Basic Multilingual Plane, where every character that folds to an
    ASCII letter lies, and a sample beyond; each followed by the starts of known matches)."""
    chars = [
        chr(i) for i in (*range(0xD800), *range(0xE000, 0x10000), *range(0x10000, 0x110000, 97))
    ]
    for rest in ("", " june", "0.2020", " de enero"):
        text = "".join(f"5{c}{rest}\n" for c in chars)
        old = {m.start() for m in mt_structure._DATE_GATE_RE.finditer(text, overlapped=True)}
        old |= {m.start() for m in mt_structure._DATE_GATE_I_RE.finditer(text, overlapped=True)}
        new = {m.start() for m in mt_structure._DATE_GATE_ANY_RE.finditer(text, overlapped=True)}
        assert new == old, rest
        assert old
