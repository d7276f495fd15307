"""Prose in HTML: the text nodes, read with the standard library's html.parser.

The view holds the text of the page's elements, entities decoded (``&amp;`` reads as ``&``,
``&nbsp;`` as a space), one block per block-level element (headings, paragraphs, list items,
quotations, table cells) with a blank line between blocks. Tags, attributes, comments and the
content of ``script``, ``style``, ``code``, ``pre`` (and a few more) are not part of it. An
offset map sends every view character back to its place in the source, so positions are
exact; text a fix puts back is escaped for HTML, and a fix that would cross a tag is only
displayed. ``<!-- lintnews: disable-next-line CODE -->`` comments work as in Markdown.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from lintnews.document import (
    Block,
    Document,
    Literal,
    _find_directives,
    _mask_common,
)
from lintnews.source import LineIndex

if TYPE_CHECKING:
    from lintnews.config import Settings

SKIP_TAGS = frozenset(
    {"script", "style", "code", "pre", "kbd", "samp", "noscript", "template", "svg", "math"}
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "title"})
BLOCK_TAGS = frozenset(
    {
        *HEADING_TAGS,
        "html",
        "head",
        "body",
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "nav",
        "aside",
        "address",
        "blockquote",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "legend",
        "details",
        "summary",
        "hr",
        "option",
        "button",
        "label",
    }
)
VOID_TAGS = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "wbr", "area", "base", "col", "embed", "source"}
)
_REF_RE = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?")


def encode_html(content: str) -> str:
    """Text as it goes into an HTML text node."""
    return html.escape(content, quote=False)


class _TextCollector(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.lines = LineIndex(text)
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.blocks: list[Block] = []
        self.literals: list[Literal] = []
        self.kinds: list[str] = []  # open block elements' kinds
        self.skip: list[str] = []  # open elements whose content is not prose
        self.block_start = 0
        self.run_start = -1  # source span of the current run of text (a literal)
        self.run_end = -1
        self.last_end = 0

    # -- positions ------------------------------------------------------------------------
    def _here(self) -> int:
        line, col = self.getpos()
        return self.lines.line_start(line - 1) + col

    def _emit(self, ch: str, source: int, source_end: int) -> None:
        if self.run_start < 0 or self.run_end != source:
            self._end_run()
            self.run_start = source
        self.run_end = source_end
        self.chars.append(" " if ch in "\n\r\t\xa0" else ch)
        self.offsets.append(source)
        self.last_end = source_end

    def _end_run(self) -> None:
        if self.run_start >= 0:
            self.literals.append(Literal(self.run_start, self.run_end, encode_html))
        self.run_start = self.run_end = -1

    def _break_block(self) -> None:
        """End the current block (if it has text) and start the next one."""
        self._end_run()
        s, e = self.block_start, len(self.chars)
        while s < e and self.chars[s].isspace():
            s += 1
        while e > s and self.chars[e - 1].isspace():
            e -= 1
        if e > s:
            kind = self.kinds[-1] if self.kinds else "paragraph"
            self.blocks.append(Block(kind, s, e))
            self.chars.extend("\n\n")
            self.offsets.extend((self.last_end, self.last_end))
        else:
            del self.chars[self.block_start :]
            del self.offsets[self.block_start :]
        self.block_start = len(self.chars)

    # -- parser events --------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            self.handle_startendtag(tag, attrs)
            return
        if tag in SKIP_TAGS:
            self.skip.append(tag)
            self._end_run()
            return
        if self.skip:
            return
        if tag in BLOCK_TAGS:
            self._break_block()
            self.kinds.append(_kind(tag))
        else:
            self._end_run()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if self.skip:
            return
        if tag in BLOCK_TAGS:
            self._break_block()
            if _kind(tag) in self.kinds:
                while self.kinds and self.kinds.pop() != _kind(tag):
                    pass
        else:
            self._end_run()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            return
        if tag == "br":
            self._end_run()
            at = self._here()
            self.chars.append("\n")
            self.offsets.append(at)
        elif tag in BLOCK_TAGS:
            self._break_block()
        else:
            self._end_run()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        start = self._here()
        if self.text[start : start + len(data)] != data:
            return
        for k, ch in enumerate(data):
            self._emit(ch, start + k, start + k + 1)

    def _reference(self) -> None:
        if self.skip:
            return
        start = self._here()
        m = _REF_RE.match(self.text, start)
        if m is None:
            return
        decoded = html.unescape(m.group())
        for k, ch in enumerate(decoded):
            self._emit(ch, start, m.end() if k == len(decoded) - 1 else start)

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()


def _kind(tag: str) -> str:
    if tag in HEADING_TAGS:
        return "heading"
    if tag == "li":
        return "list_item"
    if tag == "blockquote":
        return "blockquote"
    return "paragraph"


def parse_html(path: str, text: str, settings: Settings | None = None) -> Document:
    """The Document of an HTML page: its text nodes, entities decoded, with an offset map."""
    p = _TextCollector(text)
    p.feed(text)
    p.close()
    p._break_block()
    chars, offsets = p.chars, p.offsets
    if chars[-2:] == ["\n", "\n"]:
        del chars[-2:], offsets[-2:]
    offsets.append(p.last_end)
    view = "".join(chars)
    masked: list[tuple[int, int]] = []
    vchars = list(view)
    _mask_common(view, vchars, masked)
    return Document(
        path,
        text,
        "".join(vchars),
        "html",
        p.blocks,
        offset_map=offsets,
        directives=_find_directives(text),
        masked=masked,
        literals=p.literals,
        strict_literals=True,
    )
