"""Prose in Python source: docstrings, string literals that read as text, f-string text.

libcst finds the literals and their positions. The view is built from the *decoded* characters
of the literals that carry prose (escapes such as ``\\n``, ``\\u2019`` or ``\\"`` become the
characters they stand for), one literal after another with a blank line between them, and an
offset map sends every view character back to the start of its escape sequence in the source.
Replacement fields (``{name}`` in f-strings and format strings, ``%s``) read as one placeholder
letter. Bytes and raw strings (patterns, paths) are not prose, except raw docstrings.

Every literal body is a :class:`~lintnews.document.Literal`: text a fix puts inside it is
re-encoded for that literal (its quote, raw prefix, f-string braces), and a fix that would
touch code (a replacement field, the space between two literals) is only displayed. So
``lintnews fix`` rewrites only the characters of the prose it corrects; quoting style,
prefixes, escapes and all code stay as they were.

``# lintnews: ignore[CODE,...]`` (or ``# lintnews: ignore`` for every rule) on a line silences
findings on that line and in the strings (implicit concatenations included) that end on it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lintnews.diagnostic import Edit
from lintnews.document import WORD_RE, Directive, Document, Literal, parse_plain
from lintnews.source import LineIndex

if TYPE_CHECKING:
    from lintnews.config import Settings

IGNORE_RE = re.compile(r"#.*?\blintnews:\s*ignore\b(?:\[([^\]]*)\])?")
PLACEHOLDERS = "XYZ"  # replacement fields read as these letters, in turn (never "X X")
# str.format fields ({}, {0}, {name!r:>10}) and printf conversions (%s, %(name)s, %.1f).
FIELD_RE = re.compile(
    r"(?<!\{)\{[\w.\[\]]*(?:![rsa])?(?::[^{}\s]*)?\}(?!\})"
    r"|%(?:\([\w.]+\))?[-#0+]*\d*(?:\.\d+)?[sdirfxXeEgGc]\b"
)
# Code inside docstrings and prose strings: doctest lines, inline code, roles, identifiers.
CODE_RE = re.compile(
    r"^[ \t]*(?:>>>|\.\.\.)(?: .*)?$"
    r"|``[^`\n]+``|`[^`\n]+`"
    r"|:(?:param|type|raises?|returns?|rtype|var|ivar|cvar|meth|func|class|mod|attr|obj|exc"
    r"|data|const|ref|doc|keyword|kwarg|arg)\b[^:\n]*:(?:`[^`\n]*`)?"
    r"|\b\w+_\w*\b|\b[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*\.[a-z_][a-z0-9_]{2,}\b(?:\(\))?"
    r"|\b\w+\(\)",
    re.M,
)
_SIMPLE_ESCAPES = {
    "\\": "\\",
    "'": "'",
    '"': '"',
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
}


@dataclass
class _Piece:
    """The decoded text of one group of literals (a docstring, a string, an implicit
    concatenation) with the source offset of each character."""

    chars: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    end: int = 0  # source offset after the last character
    literals: list[Literal] = field(default_factory=list)
    docstring: bool = False

    def text(self) -> str:
        return "".join(self.chars)


def decode_body(
    text: str, start: int, end: int, raw: bool, fstring: bool
) -> tuple[list[str], list[int]]:
    """Decode a literal's body text[start:end]: its characters and each one's source offset."""
    chars: list[str] = []
    offsets: list[int] = []
    i = start
    while i < end:
        ch = text[i]
        if fstring and ch in "{}" and i + 1 < end and text[i + 1] == ch:
            chars.append(ch)
            offsets.append(i)
            i += 2
            continue
        if ch == "\r" and i + 1 < end and text[i + 1] == "\n":
            chars.append("\n")
            offsets.append(i)
            i += 2
            continue
        if ch != "\\" or i + 1 >= end:
            chars.append(ch)
            offsets.append(i)
            i += 1
            continue
        nxt = text[i + 1]
        if raw:  # a backslash stays; it only keeps the next quote from closing the string
            chars.extend((ch, nxt))
            offsets.extend((i, i + 1))
            i += 2
            continue
        decoded, length = _escape(text, i, end)
        if decoded:
            chars.append(decoded)
            offsets.append(i)
        i += length
    return chars, offsets


def _escape(text: str, i: int, end: int) -> tuple[str, int]:
    """The character an escape sequence at text[i] stands for, and its length."""
    nxt = text[i + 1]
    if nxt in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[nxt], 2
    if nxt == "\n":
        return "", 2  # a line continuation stands for nothing
    if nxt == "\r":
        return "", 3 if text[i + 2 : i + 3] == "\n" else 2
    m = re.compile(r"[0-7]{1,3}").match(text, i + 1, end)
    if m:
        return chr(int(m.group(), 8)), 1 + len(m.group())
    for letter, digits in (("x", 2), ("u", 4), ("U", 8)):
        if nxt == letter:
            hexa = text[i + 2 : i + 2 + digits]
            if len(hexa) == digits and all(c in "0123456789abcdefABCDEF" for c in hexa):
                try:
                    return chr(int(hexa, 16)), 2 + digits
                except (ValueError, OverflowError):
                    break
    if nxt == "N" and text[i + 2 : i + 3] == "{":
        close = text.find("}", i + 3, end)
        if close > 0:
            try:
                return unicodedata.lookup(text[i + 3 : close]), close + 1 - i
            except KeyError:
                pass
    return "\\", 1  # an unknown escape keeps its backslash


def literal_encoder(quote: str, raw: bool, fstring: bool) -> Callable[[str], str | None]:
    """How text goes back into a literal's body: escapes for its quote and prefix."""
    q = quote[0]
    triple = len(quote) == 3

    def encode(content: str) -> str | None:
        if fstring:
            content = content.replace("{", "{{").replace("}", "}}")
        if raw:
            ok_controls = "\t\n" if triple else "\t"
            controls = any((ord(c) < 0x20 or c == "\x7f") and c not in ok_controls for c in content)
            if q in content or "\\" in content or controls:
                return None
            return content
        out = []
        for ch in content:
            if ch == "\\":
                out.append("\\\\")
            elif ch == q:
                out.append("\\" + q)
            elif ch == "\n":
                out.append("\n" if triple else "\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch != "\t" and (ord(ch) < 0x20 or ch == "\x7f"):
                out.append(f"\\x{ord(ch):02x}")
            else:
                out.append(ch)
        return "".join(out)

    return encode


class _Collector:
    """Gathers the prose literals of a module, given each string node's source span."""

    def __init__(self, text: str, docstrings: bool, min_words: int, fstrings: bool) -> None:
        self.text = text
        self.docstrings = docstrings
        self.min_words = min_words
        self.fstrings = fstrings
        self.lines = LineIndex(text)
        self.pieces: list[_Piece] = []
        self.string_rows: list[tuple[int, int]] = []  # (first row0, last row0) of each string
        self.group_rows: list[tuple[int, int]] = []  # the same for implicit concatenations
        self.comments: list[tuple[int, str]] = []  # (source offset, text)
        self.placeholder = 0

    def rows(self, start: int, end: int) -> tuple[int, int]:
        return self.lines.row0(start), self.lines.row0(max(start, end - 1))

    # -- one group ------------------------------------------------------------------------
    def add_group(
        self, parts: list[Any], spans: dict[int, tuple[int, int]], docstring: bool
    ) -> None:
        """One string or implicit concatenation; spans: id(node) -> source span."""
        import libcst as cst

        self.group_rows.append(self.rows(spans[id(parts[0])][0], spans[id(parts[-1])][1]))
        for node in parts:
            self.string_rows.append(self.rows(*spans[id(node)]))
        if docstring and not self.docstrings:
            return
        piece = _Piece(docstring=docstring)
        for node in parts:
            start, end = spans[id(node)]
            if isinstance(node, cst.SimpleString):
                prefix = node.prefix.lower()
                if "b" in prefix or ("r" in prefix and not docstring):
                    return  # bytes; raw strings other than docstrings are patterns and paths
                if self.text[start:end] != node.value:
                    return
                quote = node.quote
                bs, be = start + len(node.prefix) + len(quote), end - len(quote)
                chars, offsets = decode_body(self.text, bs, be, "r" in prefix, False)
                encode = literal_encoder(quote, "r" in prefix, False)
                self._add_plain(piece, chars, offsets, bs, be, encode)
            elif isinstance(node, cst.FormattedString):
                prefix = node.prefix.lower()
                if "b" in prefix or "r" in prefix or not self.fstrings:
                    return
                quote = node.end
                encode = literal_encoder(quote, False, True)
                pos = start + len(node.start)
                for part in node.parts:
                    code = _code_for(part)
                    if isinstance(part, cst.FormattedStringText):
                        if self.text[pos : pos + len(code)] != part.value:
                            return
                        chars, offsets = decode_body(self.text, pos, pos + len(code), False, True)
                        piece.chars.extend(chars)
                        piece.offsets.extend(offsets)
                        piece.literals.append(Literal(pos, pos + len(code), encode))
                    else:
                        self._add_placeholder(piece, pos)
                    pos += len(code)
                if pos != end - len(quote):
                    return
                piece.end = pos
            else:
                return
        words = 0
        for m in WORD_RE.finditer(piece.text()):
            if len(m.group()) > 1 or m.group() not in PLACEHOLDERS:
                words += 1
        if not piece.chars or (not docstring and words < self.min_words):
            return
        self.pieces.append(piece)

    def _add_placeholder(self, piece: _Piece, source: int) -> None:
        piece.chars.append(PLACEHOLDERS[self.placeholder % len(PLACEHOLDERS)])
        piece.offsets.append(source)
        self.placeholder += 1

    def _add_plain(
        self,
        piece: _Piece,
        chars: list[str],
        offsets: list[int],
        body_start: int,
        body_end: int,
        encode: Callable[[str], str | None],
    ) -> None:
        """Append a plain string's decoded text; its replacement fields become placeholders."""
        decoded = "".join(chars)
        lit_start = body_start
        pos = 0
        for m in FIELD_RE.finditer(decoded):
            s, e = m.span()
            piece.chars.extend(chars[pos:s])
            piece.offsets.extend(offsets[pos:s])
            src_s = offsets[s]
            src_e = offsets[e] if e < len(offsets) else body_end
            piece.literals.append(Literal(lit_start, src_s, encode))
            self._add_placeholder(piece, src_s)
            lit_start = src_e
            pos = e
        piece.chars.extend(chars[pos:])
        piece.offsets.extend(offsets[pos:])
        piece.literals.append(Literal(lit_start, body_end, encode))
        piece.end = body_end


_EMPTY_MODULE: Any = None


def _code_for(node: Any) -> str:
    """The source text of a node (libcst keeps every character)."""
    global _EMPTY_MODULE
    import libcst as cst

    if _EMPTY_MODULE is None:
        _EMPTY_MODULE = cst.Module(body=[])
    return _EMPTY_MODULE.code_for_node(node)


def _docstring_node(body: Any) -> Any:
    """The string of a module/class/function body's first statement, if it is one."""
    import libcst as cst

    stmts = body.body if isinstance(body, cst.IndentedBlock | cst.Module) else None
    if not stmts:
        return None
    first = stmts[0]
    if not isinstance(first, cst.SimpleStatementLine) or len(first.body) != 1:
        return None
    expr = first.body[0]
    strings = cst.SimpleString | cst.ConcatenatedString
    if isinstance(expr, cst.Expr) and isinstance(expr.value, strings):
        return expr.value
    return None


def _flatten(node: Any) -> list[Any]:
    import libcst as cst

    if isinstance(node, cst.ConcatenatedString):
        return _flatten(node.left) + _flatten(node.right)
    return [node]


def _string_tokens(text: str, lines: LineIndex) -> tuple[list[tuple[int, int]], list[Any]]:
    """Source spans of the string literals (an f-string is one, whatever it nests) and the
    comments (offset, text), from the tokenizer."""
    import io
    import tokenize

    spans: list[tuple[int, int]] = []
    comments: list[tuple[int, str]] = []
    depth = 0
    fstart = 0
    fs_start = getattr(tokenize, "FSTRING_START", -1)  # Python 3.12+
    fs_end = getattr(tokenize, "FSTRING_END", -1)
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        start = lines.line_start(tok.start[0] - 1) + tok.start[1]
        if tok.type == fs_start:
            if depth == 0:
                fstart = start
            depth += 1
        elif tok.type == fs_end:
            depth -= 1
            if depth == 0:
                spans.append((fstart, lines.line_start(tok.end[0] - 1) + tok.end[1]))
        elif depth:
            continue
        elif tok.type == tokenize.STRING:
            spans.append((start, lines.line_start(tok.end[0] - 1) + tok.end[1]))
        elif tok.type == tokenize.COMMENT:
            comments.append((start, tok.string))
    return spans, comments


def collect(
    text: str, docstrings: bool = True, min_words: int = 4, fstrings: bool = True
) -> _Collector | None:
    """Parse the module and collect its prose literals; None if it is not valid Python."""
    import tokenize

    import libcst as cst

    try:
        module = cst.parse_module(text)
    except (cst.ParserSyntaxError, ValueError, RecursionError):
        return None
    col = _Collector(text, docstrings, min_words, fstrings)
    groups: list[tuple[list[Any], bool]] = []  # the string groups in source order
    doc_nodes: set[int] = set()

    class Visitor(cst.CSTVisitor):
        def visit_Module(self, node: cst.Module) -> None:
            self._docstring(node)

        def visit_ClassDef(self, node: cst.ClassDef) -> None:
            self._docstring(node.body)

        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            self._docstring(node.body)

        def _docstring(self, body: Any) -> None:
            node = _docstring_node(body)
            if node is not None:
                doc_nodes.add(id(node))

        def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> bool:
            groups.append((_flatten(node), id(node) in doc_nodes))
            return False

        def visit_SimpleString(self, node: cst.SimpleString) -> bool:
            groups.append(([node], id(node) in doc_nodes))
            return False

        def visit_FormattedString(self, node: cst.FormattedString) -> bool:
            groups.append(([node], False))
            return False

    module.visit(Visitor())
    try:
        token_spans, col.comments = _string_tokens(text, col.lines)
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None
    nodes = [node for parts, _ in groups for node in parts]
    if len(nodes) != len(token_spans):
        return None  # the tokenizer and libcst disagree: lint nothing rather than misplace
    spans = {id(node): span for node, span in zip(nodes, token_spans, strict=True)}
    for parts, is_doc in groups:
        col.add_group(parts, spans, is_doc)
    return col


def parse_python(path: str, text: str, settings: Settings | None = None) -> Document:
    """The Document of a Python module: its prose literals, decoded, with an offset map."""
    docstrings = settings.python_docstrings if settings is not None else True
    min_words = settings.python_min_words if settings is not None else 4
    fstrings = settings.python_fstrings if settings is not None else True
    col = collect(text, docstrings, min_words, fstrings)
    if col is None:  # not valid Python: nothing to lint
        return Document(path, text, "", "python", [], offset_map=[0], strict_literals=True)
    view_chars: list[str] = []
    omap: list[int] = []
    literals: list[Literal] = []
    prev_end = 0
    for piece in sorted(col.pieces, key=lambda p: p.offsets[0]):
        if view_chars:  # a blank line between literals; it maps to the end of the one before
            view_chars.extend("\n\n")
            omap.extend((prev_end, prev_end))
        view_chars.extend(piece.chars)
        omap.extend(piece.offsets)
        literals.extend(piece.literals)
        prev_end = piece.end
    omap.append(prev_end)
    view = _mask_code("".join(view_chars))
    plain = parse_plain(path, view)
    return Document(
        path,
        text,
        plain.view,
        "python",
        plain.blocks,
        offset_map=omap,
        directives=_directives(col),
        masked=plain.masked,
        literals=literals,
        strict_literals=True,
    )


def _mask_code(view: str) -> str:
    chars = list(view)
    for m in CODE_RE.finditer(view):
        for k in range(m.start(), m.end()):
            if chars[k] not in "\r\n":
                chars[k] = " "
    return "".join(chars)


def _directives(col: _Collector) -> list[Directive]:
    """``# lintnews: ignore[...]`` comments as disable-line directives, one per row covered."""
    out: list[Directive] = []
    for offset, comment in col.comments:
        m = IGNORE_RE.search(comment)
        if m is None:
            continue
        codes = tuple(c.upper() for c in re.split(r"[\s,]+", m.group(1) or "") if c)
        row = col.lines.row0(offset)
        rows = {row}
        for first, last in col.group_rows:
            if last == row:
                rows.update(range(first, last + 1))
        for r in sorted(rows):
            start = col.lines.line_start(r)
            out.append(Directive("disable-line", codes, start, start))
    return out


def ignore_comment_edit(text: str, offset: int, code: str) -> Edit | None:
    """The edit that adds ``# lintnews: ignore[CODE]`` for a finding at a source offset: at
    the end of the line where the string holding it ends (or extends an existing comment)."""
    col = collect(text, True, 1)
    if col is None:
        return None
    lines = col.lines
    row = lines.row0(offset)
    for first, last in col.string_rows:
        if first <= row <= last:
            row = last
            break
    # a string that starts on this row and goes on below it leaves no room for a comment
    if any(first == row < last for first, last in col.string_rows):
        return None
    line = lines.line_text(row + 1)
    start = lines.line_start(row)
    for c_off, comment in col.comments:
        if lines.row0(c_off) != row:
            continue
        m = IGNORE_RE.search(comment)
        if m is None:
            break
        if m.group(1) is None:
            return None  # already ignores every rule
        codes = [c for c in re.split(r"[\s,]+", m.group(1)) if c]
        if code in codes:
            return None
        at = c_off + m.end(1)
        return Edit(at, at, (", " if codes else "") + code)
    if line.rstrip().endswith("\\"):
        return None
    end = start + len(line.rstrip())
    return Edit(end, start + len(line), f"  # lintnews: ignore[{code}]")
