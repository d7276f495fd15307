"""The document model: scoped blocks, sentences, quotations and directives with offsets.

A document keeps the original ``text`` and a lint ``view``. Rules only read the view. For plain
text and Markdown the view has the same length as the text: everything that is not prose
(code, URLs, HTML tags, Markdown markup, front matter keys, lintnews directives) is blanked
with spaces, so view offsets are text offsets. Other formats (Python string literals, HTML text
nodes) build a view from pieces and give an offset map from view to text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import repeat
from typing import TYPE_CHECKING, Any

import regex

from lintnews.diagnostic import Edit, Fix
from lintnews.source import LineIndex

if TYPE_CHECKING:
    from lintnews.config import Settings

PROSE_KINDS = frozenset({"heading", "paragraph", "list_item", "blockquote", "front_matter"})


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # heading | paragraph | list_item | blockquote | code | front_matter
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    block: int  # index into Document.blocks


_SET_START, _SET_END, _SET_BLOCK = (
    Sentence.start.__set__,  # type: ignore[attr-defined]
    Sentence.end.__set__,  # type: ignore[attr-defined]
    Sentence.block.__set__,  # type: ignore[attr-defined]
)


_NEW = object.__new__
_span = re.Match.span
_regex_span = type(regex.match("", "")).span


@dataclass(frozen=True, slots=True)
class Directive:
    """A suppression comment: action is disable, enable, disable-next-line or disable-line."""

    action: str
    codes: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Literal:
    """A source span whose characters are encoded (the body of a quoted YAML or Python string,
    a run of HTML text): text a fix puts inside it goes through ``encode``, which returns None
    when the text cannot be written there (the fix is then only displayed)."""

    start: int
    end: int
    encode: Callable[[str], str | None]


URL_RE = re.compile(
    r"""(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"'“”‘’()\[\]]*[^\s<>"'“”‘’()\[\].,;:!?]"""
    r"""|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"""
)
DIRECTIVE_RE = re.compile(
    r"<!--\s*lintnews:\s*(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->"
    r"|\[lintnews:\s*(disable-next-line|disable-line|disable|enable)\b([^\]]*)\]"
)
HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
WORD_RE = regex.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")

# A faster stand-in for WORD_RE on most texts. The standard library's ``re`` finds matches
# sooner than the regex module, above all with a character class spelt out (a table look-up)
# instead of a Unicode property, but Python's Unicode tables need not be the regex module's.
# So the class is spelt out here from the regex module itself: the characters of FAST_RANGES
# that ``[\p{L}\p{N}]`` matches, found once at import. On a text all of whose characters lie in
# FAST_RANGES (_OUTSIDE_FAST_RE finds none) FAST_WORD_RE has exactly WORD_RE's matches: the
# same pattern over the same character class; any other text takes WORD_RE.
FAST_RANGES = (
    (0x0000, 0x052F),  # Latin, IPA, spacing modifiers, combining marks, Greek, Cyrillic
    (0x1E00, 0x1FFF),  # Latin Extended Additional, Greek Extended
    (0x2000, 0x2BFF),  # punctuation, super- and subscripts, currency, letterlike, arrows, ...
    (0xFB00, 0xFB06),  # Latin ligatures (ﬁ, ﬂ)
    (0xFEFF, 0xFEFF),  # byte order mark
)


def code_runs(codes: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted, distinct code points (or bytes) as inclusive runs of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for c in codes:
        if runs and runs[-1][1] == c - 1:
            runs[-1] = (runs[-1][0], c)
        else:
            runs.append((c, c))
    return runs


def _class_items(codes: list[int]) -> str:
    """The inside of a character class matching exactly the code points ``codes`` (sorted)."""
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in code_runs(codes)
    )


_FAST_CHARS = "".join(chr(c) for a, b in FAST_RANGES for c in range(a, b + 1))


def _regex_class_codes(prop: str) -> list[int]:
    """The code points of FAST_RANGES that the regex module's class ``prop`` matches."""
    return sorted(map(ord, regex.findall(prop, _FAST_CHARS)))


_FAST_WORD_CHAR = "[" + _class_items(_regex_class_codes(r"[\p{L}\p{N}]")) + "]"
FAST_WORD_RE = re.compile(f"{_FAST_WORD_CHAR}+(?:['’\\-]{_FAST_WORD_CHAR}+)*")
_OUTSIDE_FAST_RE = re.compile(
    "[^" + _class_items([c for a, b in FAST_RANGES for c in range(a, b + 1)]) + "]"
)


def in_fast_ranges(text: str) -> bool:
    """Do all the characters of text lie in FAST_RANGES (where FAST_WORD_RE is WORD_RE)?"""
    return text.isascii() or _OUTSIDE_FAST_RE.search(text) is None


ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "rep",
        "sen",
        "gov",
        "pres",
        "rev",
        "hon",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thurs",
        "fri",
        "sat",
        "sun",
        "inc",
        "corp",
        "ltd",
        "co",
        "bros",
        "no",
        "nos",
        "vs",
        "etc",
        "approx",
        "dept",
        "est",
        "fig",
        "vol",
        "pp",
        "ed",
        "eds",
        "univ",
        "ave",
        "blvd",
        "rd",
        "mt",
        "ft",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
        "d.c",
        "u.s.a",
        "e.u",
    ]
)
# The end of a sentence (its marks); group 1 is the run of spaces after it, which ends where
# the next sentence starts (the character after the run is a quotation mark, a capital or a
# digit, none of them a space to ``str.isspace``).
_SENT_END = regex.compile(r"""[.!?…]+['"”’)\]]*(?=(\s+)['"“‘(\[«]*[\p{Lu}\p{N}])""")
# _SENT_END for texts in FAST_RANGES, its classes spelt out as for FAST_WORD_RE
_FAST_SENT_END = re.compile(
    r"""[.!?…]+['"”’)\]]*(?=(["""
    + _class_items(_regex_class_codes(r"\s"))
    + r"""]+)['"“‘(\[«]*["""
    + _class_items(_regex_class_codes(r"[\p{Lu}\p{N}]"))
    + "])"
)


class Document:
    """A parsed article.

    Parameters are the original text, the lint view, the kind of source and its blocks; use
    :func:`parse` to build one from a file's text.
    """

    def __init__(
        self,
        path: str,
        text: str,
        view: str,
        kind: str,
        blocks: list[Block],
        *,
        offset_map: list[int] | None = None,
        front_matter: dict[str, Any] | None = None,
        directives: list[Directive] | None = None,
        masked: list[tuple[int, int]] | None = None,
        literals: list[Literal] | None = None,
        strict_literals: bool = False,
    ) -> None:
        self.path = path
        self.text = text
        self.view = view
        self.kind = kind
        self.blocks = blocks
        self.offset_map = offset_map
        self.front_matter = front_matter or {}
        self.directives = directives or []
        self.masked = masked or []
        # Encoded source spans; with strict_literals an edit outside every literal (Python code
        # between strings, HTML tags) cannot be applied and its fix is only displayed.
        self.literals = sorted(literals or [], key=lambda lit: lit.start)
        self.strict_literals = strict_literals
        self.source_lang: str | None = None  # resolved by the engine
        self.inferred_lang: str | None = None

    # -- positions -------------------------------------------------------------------------
    def to_source(self, offset: int) -> int:
        """Map a view offset to an offset into the original text."""
        if self.offset_map is None:
            return offset
        if offset >= len(self.offset_map):
            return self.offset_map[-1] if self.offset_map else offset
        return self.offset_map[max(0, offset)]

    def fix_to_source(self, fix: Fix) -> Fix:
        """Map a fix's edits from view to source offsets, re-encoding text put inside literals.

        An edit that crosses a literal's boundary, or (strict_literals) lies outside every
        literal, cannot be applied: the fix is downgraded to ``display``.
        """
        edits = []
        ok = True
        for e in fix.edits:
            s, t = self.to_source(e.start), self.to_source(e.end)
            content: str | None = e.content
            lit = self._literal_at(s, t)
            if lit is not None:
                content = lit.encode(e.content) if s < t or e.content else e.content
            elif self.strict_literals or any(
                lit.start < t and s < lit.end for lit in self.literals
            ):
                content = None
            if content is None:
                ok = False
                content = e.content
            edits.append(Edit(s, t, content))
        out = replace(fix, edits=tuple(edits))
        if not ok and out.applicability != "display":
            out = replace(out, applicability="display")
        return out

    def _literal_at(self, start: int, end: int) -> Literal | None:
        i = bisect_right(self._literal_starts, start) - 1
        while i >= 0:
            lit = self.literals[i]
            if lit.start <= start and end <= lit.end:
                return lit
            if lit.end < start:
                break
            i -= 1
        return None

    @cached_property
    def _literal_starts(self) -> list[int]:
        return [lit.start for lit in self.literals]

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def view_lines(self) -> LineIndex:
        return LineIndex(self.view)

    # -- structure -------------------------------------------------------------------------
    @cached_property
    def prose_blocks(self) -> list[int]:
        return [i for i, b in enumerate(self.blocks) if b.kind in PROSE_KINDS]

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        i = bisect_right(self._block_starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < max(self.blocks[i].end, offset + 1):
            b = self.blocks[i]
            if offset < b.end or (offset == b.end and b.start == b.end):
                return b
        return None

    @cached_property
    def sentences(self) -> list[Sentence]:
        if self.in_fast_ranges:
            finditer, search = _FAST_SENT_END.finditer, _FAST_ABBREV_END.search
        else:
            finditer, search = _SENT_END.finditer, _ABBREV_END.search
        view = self.view
        starts: list[int] = []
        ends: list[int] = []
        blocks: list[int] = []
        for bi, block in enumerate(self.blocks):
            if block.kind not in PROSE_KINDS:
                continue
            n = len(starts)
            _sentence_spans(view, block.start, block.end, finditer, search, starts, ends)
            blocks += repeat(bi, len(starts) - n)
        # The Sentence objects are made without the frozen dataclass's __init__ (which sets
        # each field through object.__setattr__) and filled by the slots' descriptors, by
        # C-level maps: no Python call per sentence.
        out: list[Sentence] = list(map(_NEW, repeat(Sentence, len(starts))))
        deque(map(_SET_START, out, starts), 0)
        deque(map(_SET_END, out, ends), 0)
        deque(map(_SET_BLOCK, out, blocks), 0)
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset <= self.sentences[i].end:
            return self.sentences[i]
        return None

    @cached_property
    def words(self) -> list[tuple[int, int]]:
        """Word tokens (view offsets) in prose blocks."""
        out: list[tuple[int, int]] = []
        view = self.view
        if self.in_fast_ranges:
            finditer, span = FAST_WORD_RE.finditer, _span
        else:
            finditer, span = WORD_RE.finditer, _regex_span
        for bi in self.prose_blocks:
            b = self.blocks[bi]
            out.extend(map(span, finditer(view, b.start, b.end)))
        return out

    @cached_property
    def in_fast_ranges(self) -> bool:
        """Does the view lie in FAST_RANGES (so the standard library's patterns may stand in
        for the regex module's)?"""
        return in_fast_ranges(self.view)

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Direct quotations (view offsets, the quotation marks included)."""
        out: list[tuple[int, int]] = []
        for bi in self.prose_blocks:
            b = self.blocks[bi]
            out.extend(find_quotations(self.view, b.start, b.end))
        out.sort()
        return out

    def in_quote(self, start: int, end: int) -> bool:
        return any(qs <= start and end <= qe for qs, qe in self.quotes)

    def is_masked(self, start: int, end: int) -> bool:
        return any(ms < end and start < me for ms, me in self.masked)

    @cached_property
    def word_count(self) -> int:
        return len(self.words)


# ---------------------------------------------------------------------------------------------
# sentences and quotations


_ABBREV_END = regex.compile(r"([\p{L}.]+)\.$")
# _ABBREV_END for texts in FAST_RANGES
_FAST_ABBREV_END = re.compile("([" + _class_items(_regex_class_codes(r"[\p{L}.]")) + r"]+)\.$")


def split_sentences(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split view[start:end] into sentences; returns trimmed (start, end) spans."""
    starts: list[int] = []
    ends: list[int] = []
    _sentence_spans(view, start, end, _SENT_END.finditer, _ABBREV_END.search, starts, ends)
    return list(zip(starts, ends, strict=True))


def _fast_split_sentences(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """split_sentences for a view that lies in FAST_RANGES (``in_fast_ranges``), with the
    standard library's patterns."""
    starts: list[int] = []
    ends: list[int] = []
    _sentence_spans(
        view, start, end, _FAST_SENT_END.finditer, _FAST_ABBREV_END.search, starts, ends
    )
    return list(zip(starts, ends, strict=True))


def _sentence_spans(
    view: str,
    start: int,
    end: int,
    finditer: Any,
    abbrev_search: Any,
    starts: list[int],
    ends: list[int],
) -> None:
    """Append the (trimmed) starts and ends of the sentences of view[start:end] to ``starts``
    and ``ends``.

    A sentence ends after its marks (never a space), and the next one starts after the spaces
    that follow them (group 1 of the pattern: the character after that run is no space), so
    only the first start and the last end need trimming."""
    cur = start
    while cur < end and view[cur].isspace():
        cur += 1
    for m in finditer(view, start, end):
        ms, stop = m.span()
        # Abbreviation or initial before the period? (The search ends at the period: "$"
        # cannot match before a line break there.)
        if stop - ms == 1 and view[ms] == ".":
            wm = abbrev_search(view, max(start, ms - 12), ms + 1)
            if wm:
                token = wm.group(1).lower()
                if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
        starts.append(cur)
        ends.append(stop)
        cur = m.end(1)
    e = end
    while e > cur and view[e - 1].isspace():
        e -= 1
    if cur < e:
        starts.append(cur)
        ends.append(e)


_PAIRS = {"“": "”", "«": "»", "„": "“", "‹": "›"}


# the characters find_quotations acts on (opening marks and the straight double quote)
_QUOTE_CHAR_RE = re.compile("[" + re.escape("".join(_PAIRS) + '"') + "]")


def find_quotations(view: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    open_straight = -1
    search = _QUOTE_CHAR_RE.search
    m = search(view, start, end)
    while m is not None:
        i = m.start()
        ch = view[i]
        if ch in _PAIRS:
            close = _PAIRS[ch]
            j = view.find(close, i + 1, end)
            if ch == "„" and j < 0:
                j = view.find("”", i + 1, end)
            if j > 0:
                out.append((i, j + 1))
                m = search(view, j + 1, end)
                continue
        elif open_straight < 0:
            open_straight = i
        else:
            out.append((open_straight, i + 1))
            open_straight = -1
        m = search(view, i + 1, end)
    return out


# ---------------------------------------------------------------------------------------------
# parsing


_NOT_EOL_RE = re.compile(r"[^\r\n]")


def _blank(chars: list[str], start: int, end: int) -> None:
    """Blank ``chars[start:end]`` (line breaks kept)."""
    if end > start:
        chars[start:end] = _NOT_EOL_RE.sub(" ", "".join(chars[start:end]))


def _find_directives(text: str) -> list[Directive]:
    out: list[Directive] = []
    if "lintnews:" not in text:  # in every match of DIRECTIVE_RE
        return out
    for m in DIRECTIVE_RE.finditer(text):
        action = m.group(1) or m.group(3)
        rest = (m.group(2) if m.group(1) else m.group(4)) or ""
        codes = tuple(c.upper() for c in re.split(r"[\s,]+", rest.strip()) if c)
        out.append(Directive(action, codes, m.start(), m.end()))
    return out


# Every match of URL_RE holds one of these and no whitespace (so no line break).
_URL_NEEDLES = ("://", "www.", "@")


def _url_spans(text: str) -> list[tuple[int, int]]:
    """The spans of URL_RE's matches in text, in order.

    A match holds one of _URL_NEEDLES and never a line break, so only the lines holding a
    needle are searched: the same matches as searching the whole text, since a search bounded
    by a line sees the same characters (and the same word boundaries) as one that runs on.
    """
    line_starts: set[int] = set()
    for needle in _URL_NEEDLES:
        i = text.find(needle)
        while i >= 0:
            line_starts.add(text.rfind("\n", 0, i) + 1)
            eol = text.find("\n", i)
            i = text.find(needle, eol + 1) if eol >= 0 else -1
    out: list[tuple[int, int]] = []
    for start in sorted(line_starts):
        end = text.find("\n", start)
        out.extend(m.span() for m in URL_RE.finditer(text, start, len(text) if end < 0 else end))
    return out


def _mask_common(text: str, chars: list[str], masked: list[tuple[int, int]]) -> None:
    if "<!--" in text:  # in every match of HTML_COMMENT_RE (and of the comment directives)
        for m in HTML_COMMENT_RE.finditer(text):
            _blank(chars, m.start(), m.end())
            masked.append(m.span())
    if "lintnews:" in text:  # in every match of DIRECTIVE_RE
        for m in DIRECTIVE_RE.finditer(text):
            _blank(chars, m.start(), m.end())
            masked.append(m.span())
    for s, e in _url_spans(text):
        _blank(chars, s, e)
        masked.append((s, e))


def _is_heading_line(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 120:
        return False
    words = s.split()
    if len(words) > 14:
        return False
    return not re.search(r"""[.!?;,…]['"”’)]*$""", s) or (
        bool(re.search(r"[!?]$", s)) and (len(words) <= 8)
    )


def parse_plain(path: str, text: str) -> Document:
    chars = list(text)
    masked: list[tuple[int, int]] = []
    _mask_common(text, chars, masked)
    view = "".join(chars)
    blocks: list[Block] = []
    # Blocks are runs of non-blank lines; a single-line run that looks like a headline is a
    # heading.
    for m in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", view):
        s, e = m.span()
        while e > s and view[e - 1] in "\r\n":
            e -= 1
        body = view[s:e]
        lines = body.split("\n")
        if len(lines) == 1 and _is_heading_line(body):
            blocks.append(Block("heading", s, e))
        else:
            blocks.append(Block("paragraph", s, e))
    return Document(
        path, text, view, "text", blocks, directives=_find_directives(text), masked=masked
    )


_FRONT_MATTER_RE = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_INLINE_CODE_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_LINK_DEST_RE = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_DEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_AUTOLINK_RE = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>|<[\w.+-]+@[\w.-]+>")
_EMPH_RE = re.compile(r"(?<![\w\\])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![\w])")
_LINE_PREFIX_RE = re.compile(
    r"^( {0,3}(?:>[ \t]?)*[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)?)", re.M
)


_MD_PUNCT_RE = re.compile(r"(?<!\\)[\[\]|]|^[=-]{2,}\s*$|\\(?=\n)", re.M)


# The inline patterns masked (and recorded as masked) and only blanked in prose blocks, each
# with the strings one of which every match of it holds.
_INLINE_MASKS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_INLINE_CODE_RE, ("`",)),
    (_AUTOLINK_RE, ("<",)),
    (_HTML_TAG_RE, ("<",)),
    (_LINK_DEST_RE, ("](",)),
    (_REF_DEF_RE, ("]:",)),
)
_INLINE_BLANKS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_EMPH_RE, ("*", "_")),
    (_MD_PUNCT_RE, ("[", "]", "|", "\\", "==", "--", "=-", "-=")),  # [=-]{2,}: a pair
)


def _holds_any(s: str, needles: tuple[str, ...]) -> bool:
    return any(n in s for n in needles)


@lru_cache(maxsize=1)
def _markdown_parser() -> Any:
    """One CommonMark parser (with tables) for the process: building one costs more than
    parsing an article, and parsing does not change it. Only block tokens and their line
    maps are read, so inline parsing is switched off."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.disable(["inline", "text_join"], ignoreInvalid=True)
    return md


def _markdown_it_blocks(src: str) -> list[tuple[str, int, int]]:
    """The blocks markdown-it finds in src, in its token order: (kind, first line, end line),
    kind one of code, heading, paragraph, list_item, blockquote (the paragraphs of a list item
    or a quotation) and hr. A table is a paragraph."""
    out: list[tuple[str, int, int]] = []
    containers: list[str] = []
    for tok in _markdown_parser().parse(src):
        if tok.type in ("blockquote_open", "list_item_open"):
            containers.append("blockquote" if tok.type == "blockquote_open" else "list_item")
            continue
        if tok.type in ("blockquote_close", "list_item_close"):
            if containers:
                containers.pop()
            continue
        if tok.map is None:
            continue
        if tok.type in ("fence", "code_block", "html_block"):
            out.append(("code", tok.map[0], tok.map[1]))
        elif tok.type == "heading_open":
            out.append(("heading", tok.map[0], tok.map[1]))
        elif tok.type == "paragraph_open":
            out.append((containers[-1] if containers else "paragraph", tok.map[0], tok.map[1]))
        elif tok.type == "table_open":
            out.append(("paragraph", tok.map[0], tok.map[1]))
        elif tok.type == "hr":
            out.append(("hr", tok.map[0], tok.map[1]))
    return out


# A line starting with one of these could open (or, under a paragraph, end or turn into)
# another kind of block: indented code, a quotation, a list, a thematic break, a setext
# underline, a fence, HTML, a table's delimiter row, a link reference definition.
_BLOCK_START_CHARS = frozenset(" \t>-+*_=`~<|[:")
_ORDERED_MARKER_RE = re.compile(r"[0-9]+[.)](?:[ \t]|$)")  # an ordered list item
_ATX_RE = re.compile(r"#{1,6}(?:[ \t]|$)")


def _simple_markdown_blocks(src: str) -> list[tuple[str, int, int]] | None:
    """The blocks of src as :func:`_markdown_it_blocks` gives them, when src holds only
    paragraphs, ATX headings and blank lines (most news copy); None for anything else.

    Lines are those markdown-it sees: split at "\\n" (src with a "\\r" is left to markdown-it,
    which reads it as a line break too), without a last line that is empty or only spaces and
    tabs. A line that starts with a space, a tab, one of _BLOCK_START_CHARS or an ordered list
    marker is not handled. Then every non-blank line is an ATX heading (one line; it also ends a
    paragraph) or paragraph text: a paragraph runs to the next blank line or heading.
    """
    if "\r" in src:
        return None
    lines = src.split("\n")
    if not lines[-1].strip(" \t"):
        lines.pop()
    out: list[tuple[str, int, int]] = []
    para = -1  # the first line of the open paragraph
    for i, line in enumerate(lines):
        if not line.strip(" \t"):
            if para >= 0:
                out.append(("paragraph", para, i))
                para = -1
            continue
        first = line[0]
        if first in _BLOCK_START_CHARS:
            return None
        if first == "#" and _ATX_RE.match(line):
            if para >= 0:
                out.append(("paragraph", para, i))
                para = -1
            out.append(("heading", i, i + 1))
            continue
        if first in "0123456789" and _ORDERED_MARKER_RE.match(line):
            return None
        if para < 0:
            para = i
    if para >= 0:
        out.append(("paragraph", para, len(lines)))
    return out


def _markdown_blocks(src: str) -> list[tuple[str, int, int]]:
    """The blocks of Markdown src: (kind, first line, end line), as markdown-it finds them."""
    simple = _simple_markdown_blocks(src)
    return _markdown_it_blocks(src) if simple is None else simple


def parse_markdown(
    path: str, text: str, front_matter_fields: tuple[str, ...] | None = None
) -> Document:
    """Parse Markdown; the values of the front matter's prose fields (``title``, ``subtitle``,
    ``description``, ``summary`` unless configured otherwise) stay visible in the view."""
    from lintnews.config import DEFAULT_FRONT_MATTER_FIELDS

    chars = list(text)
    masked: list[tuple[int, int]] = []
    front: dict[str, Any] = {}
    blocks: list[Block] = []
    literals: list[Literal] = []
    escapes: list[tuple[int, int, str]] = []
    body_offset = 0
    fm = _FRONT_MATTER_RE.match(text)
    if fm:
        body_offset = fm.end()
        _blank(chars, 0, fm.end())
        fields = DEFAULT_FRONT_MATTER_FIELDS if front_matter_fields is None else front_matter_fields
        front, values = _front_matter(text, fm.start(1), fm.group(1) or "", fields)
        prev = 0
        for value in values:
            chars[value.start : value.end] = text[value.start : value.end]
            masked.append((prev, value.start))
            prev = value.end
            blocks.append(Block("front_matter", value.start, value.end))
            literals.append(Literal(value.start, value.end, value.encode))
            escapes.extend(value.escapes)
        masked.append((prev, fm.end()))
    line_index = LineIndex(text)
    # Parse with the front matter replaced by blank lines so that line numbers stay true.
    parse_src = "\n" * text.count("\n", 0, body_offset) + text[body_offset:]
    line_starts, line_count = line_index.starts, line_index.line_count
    for kind, row0, row1 in _markdown_blocks(parse_src):
        start = line_starts[row0] if row0 < line_count else len(text)
        end = line_starts[row1] if row1 < line_count else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        if kind == "hr":
            _blank(chars, start, end)
            masked.append((start, end))
            continue
        if kind == "code":
            _blank(chars, start, end)
            masked.append((start, end))
        blocks.append(Block(kind, start, end))
    # Inline masking inside prose blocks. A pattern is only searched for in a block that holds
    # one of the strings every match of it holds (and not at all when the body holds none:
    # these blocks all lie in the body, after the front matter).
    body = text[body_offset:]
    masks = [(rx, nd) for rx, nd in _INLINE_MASKS if _holds_any(body, nd)]
    blanks = [(rx, nd) for rx, nd in _INLINE_BLANKS if _holds_any(body, nd)]
    for b in blocks:
        if b.kind == "code" or b.kind == "front_matter":
            continue
        seg = text[b.start : b.end]
        for rx, needles in masks:
            if not _holds_any(seg, needles):
                continue
            for m in rx.finditer(seg):
                s, e = b.start + m.start(), b.start + m.end()
                if rx is _LINK_DEST_RE:
                    s += 1  # keep the closing bracket position blank too, below
                    _blank(chars, s - 1, e)
                else:
                    _blank(chars, s, e)
                masked.append((s, e))
        if "\n" in seg:
            for m in _LINE_PREFIX_RE.finditer(seg):
                if m.end() > m.start():
                    _blank(chars, b.start + m.start(), b.start + m.end())
        else:  # one line: the pattern can only match at its start
            m = _LINE_PREFIX_RE.match(seg)
            if m is not None and m.end() > 0:
                _blank(chars, b.start, b.start + m.end())
        for rx, needles in blanks:
            if _holds_any(seg, needles):
                for m in rx.finditer(seg):
                    _blank(chars, b.start + m.start(), b.start + m.end())
    _mask_common(text, chars, masked)
    view = "".join(chars)
    blocks.sort(key=lambda b: b.start)
    offset_map = None
    if escapes:  # escaped characters in a double-quoted value: the view holds them decoded
        view, offset_map, to_view = _condense(view, escapes)
        blocks = [Block(b.kind, to_view(b.start), to_view(b.end)) for b in blocks]
        masked = [(to_view(ms), to_view(me)) for ms, me in masked]
    doc = Document(
        path,
        text,
        view,
        "markdown",
        blocks,
        offset_map=offset_map,
        front_matter=front,
        directives=_find_directives(text),
        masked=masked,
        literals=literals,
    )
    return doc


@dataclass(frozen=True, slots=True)
class _Value:
    """A prose value of the front matter: its visible span (inside the quotes, below a block
    indicator), its escapes (start, end, decoded text) and how to encode a fix's text."""

    start: int
    end: int
    escapes: tuple[tuple[int, int, str], ...]
    encode: Callable[[str], str | None]


_YAML_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_YAML_ESCAPE_RE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|\r?\n|.)", re.S)
_PLAIN_UNSAFE = re.compile(r"[\r\n]|: |:$| #|^[-?:,\[\]{}#&*!|>'\"%@`]")


def _encode_plain(content: str) -> str | None:
    return None if _PLAIN_UNSAFE.search(content) else content


def _encode_single(content: str) -> str | None:
    return None if "\n" in content or "\r" in content else content.replace("'", "''")


def _encode_double(content: str) -> str | None:
    if any(ord(c) < 0x20 for c in content):
        return None
    return content.replace("\\", "\\\\").replace('"', '\\"')


def _encode_block(content: str) -> str | None:
    return None if "\n" in content or "\r" in content else content


def _front_matter(
    text: str, base: int, src: str, fields: tuple[str, ...]
) -> tuple[dict[str, Any], list[_Value]]:
    """The front matter ``src`` (at ``base`` in ``text``) as data (empty unless a mapping) and
    the source spans of the string values of the given top-level keys. The YAML is composed
    once: the values are read from the node tree before it is constructed (constructing a
    mapping with merge keys rewrites its node)."""
    import yaml

    try:
        loader, root = _compose_yaml(src)
    except yaml.YAMLError:
        return {}, []
    values = _front_matter_values(text, base, root, fields) if fields and src else []
    data = None
    if root is not None:
        constructor = loader("")
        try:
            data = constructor.construct_document(root)
        except (yaml.YAMLError, ValueError, OverflowError):
            # as for YAML that does not parse: no data (a date such as 2020-13-45 is valid
            # YAML that PyYAML cannot turn into a date)
            data = None
        finally:
            constructor.dispose()
    return (data if isinstance(data, dict) else {}), values


def _front_matter_values(text: str, base: int, root: Any, fields: tuple[str, ...]) -> list[_Value]:
    """Source spans of the string values of the given top-level keys of a composed front
    matter (``root``, a YAML node or None)."""
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return []
    out: list[_Value] = []
    for key, node in root.value:
        if not isinstance(key, yaml.ScalarNode) or key.value not in fields:
            continue
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            continue
        s, e = base + node.start_mark.index, base + node.end_mark.index
        escapes: list[tuple[int, int, str]] = []
        style = node.style
        if style in ("'", '"'):
            s, e = s + 1, e - 1
            encode = _encode_single if style == "'" else _encode_double
            if style == '"':
                for m in _YAML_ESCAPE_RE.finditer(text, s, e):
                    code = m.group(1)
                    if code[0] in "xuU":
                        decoded = chr(int(code[1:], 16))
                    elif code[0] in "\r\n":
                        decoded = ""  # an escaped line break joins the lines
                    else:
                        decoded = _YAML_ESCAPES.get(code, code)
                    escapes.append((m.start(), m.end(), decoded))
        elif style in ("|", ">"):
            nl = text.find("\n", s, e)
            if nl < 0:
                continue
            s, encode = nl + 1, _encode_block
        else:
            encode = _encode_plain
        while e > s and text[e - 1] in " \t\r\n":
            e -= 1
        if e > s:
            out.append(_Value(s, e, tuple(escapes), encode))
    return out


def _condense(
    view: str, subs: list[tuple[int, int, str]]
) -> tuple[str, list[int], Callable[[int], int]]:
    """Replace view[s:e] by each substitution's text; returns the new view, its offset map (new
    view offset -> old offset) and a function mapping old offsets to new ones."""
    parts: list[str] = []
    omap: list[int] = []
    pos = 0
    for s, e, rep in sorted(subs):
        parts.append(view[pos:s])
        omap.extend(range(pos, s))
        parts.append(rep)
        omap.extend([s] * len(rep))
        pos = e
    parts.append(view[pos:])
    omap.extend(range(pos, len(view) + 1))
    ends = sorted(subs)
    shrink = []  # (end of substitution, cumulative shrink)
    total = 0
    for s, e, rep in ends:
        total += (e - s) - len(rep)
        shrink.append((e, total))
    shrink_ends = [x for x, _ in shrink]

    def to_view(offset: int) -> int:
        i = bisect_right(shrink_ends, offset) - 1
        return offset - (shrink[i][1] if i >= 0 else 0)

    return "".join(parts), omap, to_view


def _compose_yaml(src: str) -> tuple[Any, Any]:
    """PyYAML's safe loader and the node tree it composes from ``src``: the libyaml loader when
    installed and it reads ``src`` (it is several times faster), else the pure-Python one, whose
    YAMLError is raised."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None:
        try:
            return loader, yaml.compose(src, Loader=loader)
        except yaml.YAMLError:
            pass
    return yaml.SafeLoader, yaml.compose(src, Loader=yaml.SafeLoader)


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def kind_for(path: str) -> str:
    """The kind of document a path holds, from its suffix: markdown, text or a registered one."""
    low = path.lower()
    kind = "markdown" if low.endswith(MARKDOWN_SUFFIXES) else "text"
    for suffix, k in EXTRA_PARSERS_BY_SUFFIX.items():
        if low.endswith(suffix):
            kind = k
    return kind


def parse(
    path: str, text: str, kind: str | None = None, settings: Settings | None = None
) -> Document:
    """Parse text into a Document; kind is inferred from the path's suffix when not given.
    Settings (optional) carry the parsers' options: front-matter fields, Python strings."""
    if kind is None:
        kind = kind_for(path)
    if kind == "markdown":
        return parse_markdown(path, text, settings.front_matter_fields if settings else None)
    if kind in EXTRA_PARSERS:
        return EXTRA_PARSERS[kind](path, text, settings)
    return parse_plain(path, text)


# Other formats (Python via libcst, HTML) register here: kind -> parser(path, text, settings
# or None), suffix -> kind. lintnews.filetypes registers the built-in ones.
EXTRA_PARSERS: dict[str, Any] = {}
EXTRA_PARSERS_BY_SUFFIX: dict[str, str] = {}

from lintnews import filetypes as _filetypes  # noqa: E402, F401  (registers Python and HTML)
