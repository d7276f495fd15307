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
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import regex

from lintnews.source import LineIndex

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


@dataclass(frozen=True, slots=True)
class Directive:
    """A suppression comment: action is disable, enable, disable-next-line or disable-line."""

    action: str
    codes: tuple[str, ...]
    start: int
    end: int


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
_SENT_END = regex.compile(r"""[.!?…]+['"”’)\]]*(?=\s+['"“‘(\[«]*[\p{Lu}\p{N}])""")


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
        out: list[Sentence] = []
        for bi, block in enumerate(self.blocks):
            if block.kind not in PROSE_KINDS:
                continue
            for s, e in split_sentences(self.view, block.start, block.end):
                out.append(Sentence(s, e, bi))
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
        for bi in self.prose_blocks:
            b = self.blocks[bi]
            for m in WORD_RE.finditer(view, b.start, b.end):
                out.append(m.span())
        return out

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


def split_sentences(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split view[start:end] into sentences; returns trimmed (start, end) spans."""
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _SENT_END.finditer(view, start, end):
        stop = m.end()
        # Abbreviation or initial before the period?
        if view[m.start()] == "." and m.end() - m.start() == 1:
            wm = regex.search(r"([\p{L}.]+)\.$", view[max(start, m.start() - 12) : m.start() + 1])
            if wm:
                token = wm.group(1).lower()
                if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
        spans.append((cur, stop))
        cur = stop
    spans.append((cur, end))
    out = []
    for s, e in spans:
        while s < e and view[s].isspace():
            s += 1
        while e > s and view[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


_PAIRS = {"“": "”", "«": "»", "„": "“", "‹": "›"}


def find_quotations(view: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = start
    open_straight = -1
    while i < end:
        ch = view[i]
        if ch in _PAIRS:
            close = _PAIRS[ch]
            j = view.find(close, i + 1, end)
            if ch == "„" and j < 0:
                j = view.find("”", i + 1, end)
            if j > 0:
                out.append((i, j + 1))
                i = j + 1
                continue
        elif ch == '"':
            if open_straight < 0:
                open_straight = i
            else:
                out.append((open_straight, i + 1))
                open_straight = -1
        i += 1
    return out


# ---------------------------------------------------------------------------------------------
# parsing


def _blank(chars: list[str], start: int, end: int) -> None:
    for k in range(start, end):
        if chars[k] not in "\r\n":
            chars[k] = " "


def _find_directives(text: str) -> list[Directive]:
    out = []
    for m in DIRECTIVE_RE.finditer(text):
        action = m.group(1) or m.group(3)
        rest = (m.group(2) if m.group(1) else m.group(4)) or ""
        codes = tuple(c.upper() for c in re.split(r"[\s,]+", rest.strip()) if c)
        out.append(Directive(action, codes, m.start(), m.end()))
    return out


def _mask_common(text: str, chars: list[str], masked: list[tuple[int, int]]) -> None:
    for m in HTML_COMMENT_RE.finditer(text):
        _blank(chars, m.start(), m.end())
        masked.append(m.span())
    for m in DIRECTIVE_RE.finditer(text):
        _blank(chars, m.start(), m.end())
        masked.append(m.span())
    for m in URL_RE.finditer(text):
        _blank(chars, m.start(), m.end())
        masked.append(m.span())


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


def parse_markdown(path: str, text: str) -> Document:
    from markdown_it import MarkdownIt

    chars = list(text)
    masked: list[tuple[int, int]] = []
    front: dict[str, Any] = {}
    blocks: list[Block] = []
    body_offset = 0
    fm = _FRONT_MATTER_RE.match(text)
    if fm:
        body_offset = fm.end()
        _blank(chars, 0, fm.end())
        masked.append((0, fm.end()))
        blocks.append(Block("front_matter", 0, fm.end()))
        front = _load_front_matter(fm.group(1) or "")
    line_index = LineIndex(text)
    md = MarkdownIt("commonmark").enable("table")
    # Parse with the front matter replaced by blank lines so that token line maps stay true.
    parse_src = "\n" * text.count("\n", 0, body_offset) + text[body_offset:]
    tokens = md.parse(parse_src)
    containers: list[str] = []
    for tok in tokens:
        if tok.type in ("blockquote_open", "list_item_open"):
            containers.append("blockquote" if tok.type == "blockquote_open" else "list_item")
            continue
        if tok.type in ("blockquote_close", "list_item_close"):
            if containers:
                containers.pop()
            continue
        if tok.map is None:
            continue
        start = (
            line_index.line_start(tok.map[0]) if tok.map[0] < line_index.line_count else len(text)
        )
        end = line_index.line_start(tok.map[1]) if tok.map[1] < line_index.line_count else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        if tok.type in ("fence", "code_block", "html_block"):
            _blank(chars, start, end)
            masked.append((start, end))
            blocks.append(Block("code", start, end))
        elif tok.type == "heading_open":
            blocks.append(Block("heading", start, end))
        elif tok.type == "paragraph_open":
            kind = containers[-1] if containers else "paragraph"
            blocks.append(Block(kind, start, end))
        elif tok.type == "table_open":
            blocks.append(Block("paragraph", start, end))
        elif tok.type == "hr":
            _blank(chars, start, end)
            masked.append((start, end))
    # Inline masking inside prose blocks.
    for b in blocks:
        if b.kind == "code" or b.kind == "front_matter":
            continue
        seg = text[b.start : b.end]
        for rx in (_INLINE_CODE_RE, _AUTOLINK_RE, _HTML_TAG_RE, _LINK_DEST_RE, _REF_DEF_RE):
            for m in rx.finditer(seg):
                s, e = b.start + m.start(), b.start + m.end()
                if rx is _LINK_DEST_RE:
                    s += 1  # keep the closing bracket position blank too, below
                    _blank(chars, s - 1, e)
                else:
                    _blank(chars, s, e)
                masked.append((s, e))
        for m in _LINE_PREFIX_RE.finditer(seg):
            if m.end() > m.start():
                _blank(chars, b.start + m.start(), b.start + m.end())
        for m in _EMPH_RE.finditer(seg):
            _blank(chars, b.start + m.start(), b.start + m.end())
        for m in re.finditer(r"(?<!\\)[\[\]|]|^[=-]{2,}\s*$|\\(?=\n)", seg, re.M):
            _blank(chars, b.start + m.start(), b.start + m.end())
    _mask_common(text, chars, masked)
    view = "".join(chars)
    blocks.sort(key=lambda b: b.start)
    doc = Document(
        path,
        text,
        view,
        "markdown",
        blocks,
        front_matter=front,
        directives=_find_directives(text),
        masked=masked,
    )
    return doc


def _load_front_matter(src: str) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(src)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def parse(path: str, text: str, kind: str | None = None) -> Document:
    """Parse text into a Document; kind is inferred from the path's suffix when not given."""
    if kind is None:
        low = path.lower()
        kind = "markdown" if low.endswith(MARKDOWN_SUFFIXES) else "text"
        for suffix, k in EXTRA_PARSERS_BY_SUFFIX.items():
            if low.endswith(suffix):
                kind = k
    if kind == "markdown":
        return parse_markdown(path, text)
    if kind in EXTRA_PARSERS:
        return EXTRA_PARSERS[kind](path, text)
    return parse_plain(path, text)


# Other formats (Python via libcst, HTML) register here: kind -> parser, suffix -> kind.
EXTRA_PARSERS: dict[str, Any] = {}
EXTRA_PARSERS_BY_SUFFIX: dict[str, str] = {}
