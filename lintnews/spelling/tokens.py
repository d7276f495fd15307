"""Which words of a document the spelling rules look at, and how.

Every word token of the prose is split into the parts of a hyphenated compound
("anti-terrorist" -> "anti", "terrorist"); each part gets a *case class*:

* ``lower`` -- an ordinary lowercase word: checked;
* ``tail`` -- a lowercase part after a capitalised one ("Russian-backed", but also Korean
  given names: "Suk-yeol", "Jae-myung"): reported only when clearly a misspelt word;
* ``initial`` -- capitalised at the start of a sentence, after an opening quotation mark or
  colon, or anywhere in a headline: checked in lowercase, but reported only when it is
  clearly a misspelling of an ordinary word (it may be a name: "Azirbek said ...");
* ``name`` -- capitalised elsewhere ("Tokayev", "Kassym-Jomart"): a name, never a typo;
* ``skip`` -- all capitals or mixed case (CSTO, iPhone), digits (Khabar-24, 4G), single
  letters, handles (@name), hashtags (#tag), parts of domain names and file names
  (bbc.co.uk, report.pdf) and name particles before a name ("al-Assad", "bin Salman").

URLs, e-mail addresses and code never reach the rules: the document view blanks them.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from lintnews.document import WORD_RE, Document

PARTICLES = frozenset(
    "al el ul ad ar as at an bin ibn bint abu abd de del della der des di da dos das du "
    "la le van von ter ten zu y e".split()
)
_OPENERS = frozenset("“\"‘'(«[—–:")
_CODEISH = frozenset("@#_\\=<>{}$%&*|~^`")
_PART_RE = regex.compile(r"[^\-]+")


@dataclass(frozen=True, slots=True)
class Part:
    """One word, or one part of a hyphenated compound, with view offsets."""

    start: int
    end: int
    text: str  # as written (curly apostrophes kept)
    case: str  # lower | tail | initial | name | skip
    token_start: int
    token_end: int
    index: int  # part number within the token
    parts: int  # number of parts of the token

    @property
    def norm(self) -> str:
        return self.text.replace("’", "'")


def _initial_positions(doc: Document) -> set[int]:
    """Offsets of the first word of each sentence."""
    out = set()
    view = doc.view
    for sent in doc.sentences:
        m = WORD_RE.search(view, sent.start, sent.end)
        if m:
            out.add(m.start())
    return out


def _prev_char(view: str, i: int) -> str:
    j = i - 1
    while j >= 0 and view[j] in " \t":
        j -= 1
    return view[j] if j >= 0 else "\n"


def _codeish(view: str, s: int, e: int) -> bool:
    before = view[s - 1] if s > 0 else " "
    after = view[e] if e < len(view) else " "
    if before in _CODEISH or after in _CODEISH:
        return True
    # a.b: domain names and file names ("bbc.co.uk", "report.pdf")
    if before == "." and s >= 2 and view[s - 2].isalnum():
        return True
    return after == "." and e + 1 < len(view) and view[e + 1].isalnum()


def parts(doc: Document) -> list[Part]:
    """All word parts of the document's prose with their case class."""
    view = doc.view
    initials = _initial_positions(doc)
    out: list[Part] = []
    for s, e in doc.words:
        token = view[s:e]
        block = doc.block_at(s)
        heading = block is not None and block.kind == "heading"
        codeish = _codeish(view, s, e)
        initial_token = s in initials or _prev_char(view, s) in _OPENERS or heading
        pieces = [(m.start(), m.end()) for m in _PART_RE.finditer(token)]
        cases: list[str] = []
        for k, (ps, pe) in enumerate(pieces):
            text = token[ps:pe]
            letters = [c for c in text if c.isalpha()]
            if (
                codeish
                or len(letters) < 2
                or any(c.isdigit() for c in text)
                or any(c.isupper() for c in letters[1:])
            ):
                cases.append("skip")
            elif letters[0].isupper():
                cases.append("initial" if (initial_token and (k == 0 or heading)) else "name")
            else:
                cases.append("lower")
        for k, (ps, pe) in enumerate(pieces):
            case = cases[k]
            text = token[ps:pe]
            if case == "lower" and (
                (text in PARTICLES and any(c == "name" for c in cases[k + 1 :]))
                or (len(text) <= 3 and "name" in cases)
            ):
                case = "skip"
            elif case == "lower" and k > 0 and cases[0] in ("name", "initial"):
                case = "tail"  # "Suk-yeol", "Jae-myung" -- or "Russian-bakced"
            out.append(Part(s + ps, s + pe, text, case, s, e, k, len(pieces)))
    return out


def names_in(doc: Document, items: list[Part]) -> frozenset[str]:
    """Capitalised words used mid-sentence: the document's own names."""
    return frozenset(p.norm for p in items if p.case == "name")
