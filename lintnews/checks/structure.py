"""GB: garbled sentences and line structure (code rules).

Line structure: doubled punctuation, space before punctuation, missing space after a sentence
or between glued words, hard line breaks inside sentences, unbalanced quotes and brackets,
lower-case sentence starts. Sentence shape: detached clauses and verbless sentences (with the
lexicon of :mod:`lintnews.lexicon`), stray capitalised function words, parenthesised acronyms
that do not follow their expansion, reporting verbs without a subject.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

import regex

from lintnews.diagnostic import Diagnostic, Edit, Fix
from lintnews.document import ABBREVIATIONS, Document
from lintnews.lexicon import (
    DETERMINERS,
    FINITE_AUX,
    FUNCTION_WORDS,
    OBJECT_PRONOUNS,
    Token,
    finite_verbs,
    first_finite_verb,
    sentence_heads,
    sure_finite_verb,
    token_lows,
    token_re,
    tokenize,
    zipf,
)
from lintnews.registry import Context, Rule, register

TERMINAL_RE = regex.compile(r"""[.!?:…]['"”’)\]]*\s*$""")
LONG_LINE = 100


# ---------------------------------------------------------------------------------------------
# shared analysis: wrapping style and paragraph units


class Unit(NamedTuple):
    """A paragraph as a reader sees it (a block, or one line of a one-line-per-paragraph file)."""

    start: int
    end: int
    block: int


def _lines(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line in view[start:end], without the line break."""
    out = []
    pos = start
    while pos <= end:
        nl = view.find("\n", pos, end)
        stop = end if nl < 0 else nl
        e = stop
        if e > pos and view[e - 1] == "\r":
            e -= 1
        out.append((pos, e))
        if nl < 0:
            break
        pos = nl + 1
    return out


def unwrapped_style(doc: Document, ctx: Context) -> bool:
    """True for plain text written one line per paragraph (long lines, breaks are paragraphs).

    Text wrapped at a fixed width has no prose line longer than about 100 characters; Markdown
    paragraphs may be soft-wrapped anywhere. Either way a line break is not a fault.
    """
    key = "gb.unwrapped"
    if key in ctx.state:
        return ctx.state[key]
    result = False
    if doc.kind == "text":
        long_lines = 0
        wrapped_breaks = 0
        for bi in doc.prose_blocks:
            b = doc.blocks[bi]
            lines = _lines(doc.view, b.start, b.end)
            for k, (s, e) in enumerate(lines):
                if len(doc.view[s:e].strip()) > LONG_LINE:
                    long_lines += 1
                if k + 1 < len(lines) and not TERMINAL_RE.search(doc.view, s, e):
                    wrapped_breaks += 1
        result = long_lines >= 2 and wrapped_breaks * 2 <= long_lines
    ctx.state[key] = result
    return result


def _wrapped_block(view: str, lines: list[tuple[int, int]]) -> bool:
    """A block of three or more lines most of whose breaks fall mid-sentence."""
    if len(lines) < 3:
        return False
    mid = sum(1 for s, e in lines[:-1] if not TERMINAL_RE.search(view, s, e))
    return mid * 2 > len(lines) - 1


def paragraph_units(doc: Document, ctx: Context) -> list[Unit]:
    key = "gb.units"
    if key in ctx.state:
        return ctx.state[key]
    units: list[Unit] = []
    split_lines = unwrapped_style(doc, ctx)
    for bi in doc.prose_blocks:
        b = doc.blocks[bi]
        if b.kind == "front_matter":
            continue
        if not split_lines:
            units.append(Unit(b.start, b.end, bi))
            continue
        lines = _lines(doc.view, b.start, b.end)
        if _wrapped_block(doc.view, lines):
            units.append(Unit(b.start, b.end, bi))
            continue
        cur = b.start
        for k, (s, e) in enumerate(lines):
            if k + 1 == len(lines):
                units.append(Unit(cur, e, bi))
            elif TERMINAL_RE.search(doc.view, s, e):
                units.append(Unit(cur, e, bi))
                cur = lines[k + 1][0]
    ctx.state[key] = units
    return units


def _source_text(doc: Document, s: int, e: int) -> str:
    return doc.text[doc.to_source(s) : doc.to_source(e)]


# Abbreviations news copy uses besides the document model's: AP-style US states, Latin.
_MORE_ABBREVIATIONS = frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont "
    "neb nev okla ore pa tenn vt va wash wis wyo govt assn div sec al cf ca viz ibid op dist "
    "gens sens reps mssrs messrs ph yr yrs hr hrs min mins sec secs mln bln bn tn pct pts km "
    "kg lb lbs oz".split()
)


def _is_abbreviation(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in ABBREVIATIONS or w in _MORE_ABBREVIATIONS or len(w) == 1 or "." in w


# ---------------------------------------------------------------------------------------------
# prefilters: a fast scan (re module, a pattern that starts with a rare character) finds the
# places a rule's own pattern needs; only the prose blocks holding one are searched with it.

_UPPER_CHAR = regex.compile(r"\p{Lu}")
_LOWER_CHAR = regex.compile(r"\p{Ll}")
_LETTER_CHAR = regex.compile(r"\p{L}")


def _blocks_with(doc: Document, spans: Iterable[tuple[int, int]]) -> list[int]:
    """The prose blocks (indices into doc.blocks, in order) that overlap one of the spans."""
    prose = doc.prose_blocks
    blocks = doc.blocks
    starts = [blocks[bi].start for bi in prose]
    found: set[int] = set()
    for s, e in spans:
        i = max(0, bisect_right(starts, s) - 1)
        while i < len(prose) and starts[i] < e:
            if blocks[prose[i]].end > s:
                found.add(i)
            i += 1
    return [prose[i] for i in sorted(found)]


def _hints(
    rx: re.Pattern[str], view: str, check: regex.Pattern[str] | None = None
) -> list[tuple[int, int]]:
    """The spans of the matches of ``rx``; with ``check``, only those whose last character,
    when it is not ASCII, matches ``check`` (an ASCII one was matched by ``rx`` itself)."""
    out = []
    for m in rx.finditer(view):
        s, e = m.span()
        if check is None or view[e - 1].isascii() or check.match(view, e - 1):
            out.append((s, e))
    return out


# Hints that start with a punctuation or quotation mark: (the marks it may start with, the
# rest of the pattern). Each rule's hint is the two together (re module); a scan of the view
# per hint costs about as much as one scan for all of them (a character class is looked up
# at every character), so shared_hints finds them all at once. Rules of other modules add
# theirs with add_hint when they are imported.
HINT_PARTS: dict[str, tuple[str, str]] = {
    "GB002": (
        ",;:.",
        r"(?:(?<=,)[ \t]*[,.]|(?<=;)[ \t]*;|(?<=;)\.|(?<=:)[ \t]*:|(?<=\.)[.,;])",
    ),
    "GB003": (",.;:!?", r"(?<=[ \t].)"),
    # a capital (A-Z or non-ASCII) right after [.!?] and an optional closing mark
    "GB004": (".!?", r"[”\"’)]?[^\x00-\x40\x5b-\x7f]"),
    # a lower-case letter (a-z or non-ASCII) after a full stop and a space
    "GB009": (".", r"(?:[ \t]+|[ \t]*\r?\n[ \t]*)[^\x00-\x60\x7b-\x7f]"),
    # a letter (A-Z, a-z or non-ASCII) right after the mark
    "GB015": (",;", r"[^\x00-\x40\x5b-\x60\x7b-\x7f]"),
}


def _mark_class(marks: str) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(marks))) + "]"


def hint_re(code: str) -> re.Pattern[str]:
    """The hint of ``code`` on its own (what shared_hints finds for it)."""
    marks, rest = HINT_PARTS[code]
    return re.compile(_mark_class(marks) + rest)


def add_hint(code: str, marks: str, rest: str) -> None:
    """Let the rule ``code`` share the scan: its hint is one of ``marks``, then ``rest``."""
    HINT_PARTS[code] = (marks, rest)
    _shared_pattern.cache_clear()


@cache
def _shared_pattern() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The pattern of the shared scan, and the codes of its groups.

    Each hint with its first character matched already (a look-behind checks its class): a
    match is a mark where at least one hint starts, and group k holds the rest of hint k
    there."""
    codes = tuple(HINT_PARTS)
    bodies = [f"(?<={_mark_class(marks)}){rest}" for marks, rest in HINT_PARTS.values()]
    every = _mark_class("".join(marks for marks, _ in HINT_PARTS.values()))
    rx = re.compile(every + "(?=" + "|".join(bodies) + ")" + "".join(f"(?=({b})|)" for b in bodies))
    return rx, codes


def shared_hints(doc: Document, ctx: Context) -> dict[str, list[tuple[int, int]]]:
    """For each code of HINT_PARTS, the spans of ``hint_re(code).finditer(doc.view)``, from one
    scan of the view (kept in the run's state)."""
    rx, codes = _shared_pattern()
    key = "gb.hints"
    kept = ctx.state.get(key)
    if kept is None or kept[0] is not rx:
        lists: list[list[tuple[int, int]]] = [[] for _ in codes]
        ends = [0] * len(codes)
        for m in rx.finditer(doc.view):
            s = m.start()
            for g, (_, e) in enumerate(m.regs[1:]):
                # a hint found inside the previous match of the same hint is not a match of
                # finditer (matches do not overlap)
                if e >= 0 and s >= ends[g]:
                    lists[g].append((s, e))
                    ends[g] = e
        kept = ctx.state[key] = (rx, dict(zip(codes, lists, strict=True)))
    return kept[1]


def _checked(
    view: str, spans: list[tuple[int, int]], check: regex.Pattern[str]
) -> list[tuple[int, int]]:
    """The spans whose last character, when it is not ASCII, matches ``check``."""
    return [(s, e) for s, e in spans if view[e - 1].isascii() or check.match(view, e - 1)]


# ---------------------------------------------------------------------------------------------
# line structure


@register
class DoubledPunctuation(Rule):
    code = "GB002"
    name = "doubled-punctuation"
    summary = 'Punctuation written twice (",,", "..", ",.").'
    doc = (
        "Two commas, two full stops (not an ellipsis) or a comma next to a full stop are "
        'editing debris. A full stop after an abbreviation followed by a comma ("U.S.,") is '
        "fine."
    )
    bad = ("The protests spread,, officials said.", "Police arrived.. Then shots rang out.")
    good = (
        "The U.S., Britain and France condemned it.",
        "He paused... and then spoke.",
        "Prices rose, officials said.",
    )
    fixable = True

    RX = regex.compile(r"([,;:])[ \t]*\1(?![,;:])|(?<![.\s])\.\.(?!\.)|,[ \t]*\.(?!\.)|;\.|\.[,;]")
    # RX without its lookarounds, written to start with one character
    HINT = hint_re("GB002")

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        for bi in _blocks_with(doc, shared_hints(doc, ctx)["GB002"]):
            b = doc.blocks[bi]
            for m in self.RX.finditer(view, b.start, b.end):
                s, e = m.span()
                if doc.is_masked(max(0, s - 1), e + 1):
                    continue
                t = m.group()
                if t[0] == "." and t[1] in ",;":
                    wm = regex.search(r"([\p{L}.]+)$", view[max(b.start, s - 12) : s])
                    if wm is None or _is_abbreviation(wm.group(1)) or wm.group(1)[-1].isupper():
                        continue
                if t[0] == "." and t[1] == "." and s > 0 and view[s - 1].isspace():
                    continue
                # ",." keeps the full stop; otherwise the first mark stays
                edit = Edit(s, e - 1, "") if t[0] == "," and t[-1] == "." else Edit(s + 1, e, "")
                fix = Fix("safe", f'Remove the extra "{t[-1]}"', (edit,))
                yield self.diagnostic(s, e, f'doubled punctuation "{t}"', fix)


@register
class SpaceBeforePunctuation(Rule):
    code = "GB003"
    name = "space-before-punctuation"
    summary = "A space before a comma, full stop, colon, semicolon, question or exclamation mark."
    doc = (
        "English sets no space before , . ; : ? ! (French typography does, and translated copy "
        "keeps it). Spaced ellipses and decimal numbers (.22) are fine. Non-breaking spaces "
        "before punctuation are reported by CL105."
    )
    bad = ("Police fired on protesters , witnesses said.", "The question is : who gave the order ?")
    good = ("Police fired on protesters, witnesses said.", "He said ... nothing.", "A .22 rifle.")
    fixable = True

    RX = regex.compile(r"(?<=[\p{L}\p{N}”’\"')\]])[ \t]+([,.;:!?])(?![.\d)(])")
    HINT = hint_re("GB003")

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        for bi in _blocks_with(doc, shared_hints(doc, ctx)["GB003"]):
            b = doc.blocks[bi]
            for m in self.RX.finditer(view, b.start, b.end):
                s, e = m.span()
                if doc.is_masked(s, e) or not _source_text(doc, s, m.start(1)).isspace():
                    continue
                mark = m.group(1)
                fix = Fix("safe", "Remove the space", (Edit(s, m.start(1), ""),))
                yield self.diagnostic(s, e, f'space before "{mark}"', fix)


@register
class MissingSpaceAfterSentence(Rule):
    code = "GB004"
    name = "missing-space-after-sentence"
    summary = 'No space between a sentence and the next ("killed.The", "MADRIDThe").'
    doc = (
        "A full stop, question or exclamation mark followed directly by a capitalised word, or "
        "an all-capitals dateline run into the first word of the story, lost its space in a "
        "copy-paste or a CMS export."
    )
    bad = ("Dozens were killed.The government declared a state of emergency.", "MADRIDThe police")
    good = (
        "Dozens were killed. The government declared a state of emergency.",
        "She uses ASP.NET at work.",
        "NATO allies met in Brussels.",
    )
    fixable = True

    SENT = regex.compile(r"(?<=\b\p{Ll}{2,}[.!?][”\"’)]?)(?=\p{Lu}\p{Ll}+\b)")
    DATELINE = regex.compile(r"\b(\p{Lu}{4,})(\p{Lu}\p{Ll}+)\b")
    # a capital (A-Z or non-ASCII) right after [.!?] and an optional closing mark; five
    # capitals and a small letter (DATELINE without the word boundaries, which the end of a
    # block decides)
    SENT_HINT = hint_re("GB004")
    DATELINE_HINT = regex.compile(r"\p{Lu}{5}\p{Ll}")

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        hints = _checked(view, shared_hints(doc, ctx)["GB004"], _UPPER_CHAR)
        hints += [m.span() for m in self.DATELINE_HINT.finditer(view)]
        for bi in _blocks_with(doc, hints):
            b = doc.blocks[bi]
            for m in self.SENT.finditer(view, b.start, b.end):
                p = m.start()
                if doc.is_masked(p - 3, p + 3):
                    continue
                ws = regex.search(r"(\p{L}+)[.!?][”\"’)]?$", view[max(b.start, p - 30) : p])
                if ws and _is_abbreviation(ws.group(1)):
                    continue
                nxt = regex.match(r"\p{L}+", view[p:])
                s = p - (ws.end() - ws.start()) if ws else p - 1
                e = p + (nxt.end() if nxt else 1)
                fix = Fix("safe", "Insert a space", (Edit(p, p, " "),))
                yield self.diagnostic(s, e, "missing space after the end of a sentence", fix)
            for m in self.DATELINE.finditer(view, b.start, b.end):
                head, word = m.group(1), m.group(2)
                if doc.is_masked(*m.span()) or zipf(word.lower()) < 4.5:
                    continue
                if zipf(m.group().lower()) >= 2.0:
                    continue
                p = m.start(2)
                fix = Fix("unsafe", "Insert a space", (Edit(p, p, " "),))
                msg = f'"{head}" runs into "{word}": a dateline or heading lost its separator'
                yield self.diagnostic(m.start(), m.end(), msg, fix)


@register
class GluedWords(Rule):
    code = "GB005"
    name = "glued-words"
    summary = 'A function word glued to a capitalised word ("theUkraine", "inMoscow").'
    doc = (
        "A lower-case function word directly followed by a capitalised word is a lost space. "
        'Brand names written in camel case ("iPhone", "eBay", "YouTube") do not start with a '
        "function word and are left alone."
    )
    bad = ("Troops crossed into theUkraine on Thursday.", "Protests spread inMoscow.")
    good = ("He bought an iPhone on eBay.", "McDonald's closed its restaurants in Moscow.")
    fixable = True

    RX = regex.compile(r"\b(\p{Ll}{2,})(\p{Lu}\p{Ll}+)\b")
    # a capital (A-Z or non-ASCII) after a-z: the head must be a function word
    HINT = re.compile(r"[^\x00-\x40\x5b-\x7f](?<=[a-z].)")

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        for bi in _blocks_with(doc, _hints(self.HINT, view, _UPPER_CHAR)):
            b = doc.blocks[bi]
            for m in self.RX.finditer(view, b.start, b.end):
                head = m.group(1)
                if head not in FUNCTION_WORDS or doc.is_masked(*m.span()):
                    continue
                if zipf(m.group().lower()) >= 2.5:
                    continue
                p = m.start(2)
                fix = Fix("safe", "Insert a space", (Edit(p, p, " "),))
                msg = f'"{m.group()}": missing space between "{head}" and "{m.group(2)}"'
                yield self.diagnostic(m.start(), m.end(), msg, fix)


@register
class MissingSpaceAfterComma(Rule):
    code = "GB015"
    name = "missing-space-after-comma"
    summary = 'No space after a comma or semicolon between words ("protesters,who").'
    doc = (
        "A comma or semicolon directly followed by a letter lost its space. Numbers "
        '("1,000", "2,4-D") are not words and are skipped.'
    )
    bad = ("Police fired on the protesters,who fled.",)
    good = ("More than 1,000 people were injured.", "Police fired, and the protesters fled.")
    fixable = True

    RX = regex.compile(r"(?<=\p{L}[’'”\")]?)([,;])(?=\p{L})")
    # a letter (A-Z, a-z or non-ASCII) right after the mark
    HINT = hint_re("GB015")

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        for bi in _blocks_with(doc, _checked(view, shared_hints(doc, ctx)["GB015"], _LETTER_CHAR)):
            b = doc.blocks[bi]
            for m in self.RX.finditer(view, b.start, b.end):
                p = m.end()
                if doc.is_masked(m.start() - 1, p + 1):
                    continue
                fix = Fix("safe", "Insert a space", (Edit(p, p, " "),))
                msg = f'missing space after "{m.group(1)}"'
                yield self.diagnostic(m.start(), p, msg, fix)


_LAST_WORD = regex.compile(r"([\p{L}\p{N}’'-]+)([,;]?)[ \t]*$")
_LIST_START = regex.compile(r"[ \t]*(?:[-*•–—]\s|\d{1,3}[.)]\s|[a-z][.)]\s)")


@register
class HardLineBreak(Rule):
    code = "GB006"
    name = "hard-line-break"
    summary = "A line break inside a sentence, in plain text written one line per paragraph."
    doc = (
        "When the other paragraphs of a plain-text article are single long lines, a line break "
        "in the middle of a sentence (the line ends without a full stop, on a function word or "
        "a comma, or the next line goes on in lower case) is debris from a copy-paste. The fix "
        "joins the two lines with a space. Text wrapped at a fixed width (no line over about "
        "100 characters) and Markdown soft-wrapped paragraphs are left alone."
    )
    bad = (
        "The statement was released on Telegram by the spokeswoman of the Russian foreign "
        "ministry, who said the force would stay for a limited period of time, cited by the\n"
        "Interfax agency and by TASS.\n\n"
        "Dozens of people were killed in the riots that followed the decision of the government "
        "to lift the price cap on liquefied gas at the start of the year, officials said.\n",
    )
    good = (
        "The statement was released on Telegram by the spokeswoman of the Russian foreign\n"
        "ministry, who said the force would stay for a limited period of time, cited by the\n"
        "Interfax agency and by TASS.\n",
        "Twelve policemen killed\n"
        "Twelve policemen have been killed and 353 injured in the riots in Almaty, according "
        "to the public television channel, which quoted the interior ministry on Thursday.\n"
        "Dozens of people were killed in the riots that followed the decision of the government "
        "to lift the price cap on liquefied gas at the start of the year, officials said.\n",
    )
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        if not unwrapped_style(doc, ctx):
            return
        view = doc.view
        widths: list[int] = []  # line widths of the paragraphs wrapped at a fixed width
        for bi in doc.prose_blocks:
            b = doc.blocks[bi]
            lines = _lines(view, b.start, b.end)
            if _wrapped_block(view, lines):
                widths.extend(len(view[s:e].rstrip()) for s, e in lines[:-1])
        wrap = max(widths) if widths else 0
        for bi in doc.prose_blocks:
            b = doc.blocks[bi]
            lines = _lines(view, b.start, b.end)
            if _wrapped_block(view, lines):
                continue  # this paragraph is wrapped at a fixed width, like a quoted email
            for k in range(len(lines) - 1):
                s, e = lines[k]
                ns, ne = lines[k + 1]
                line = view[s:e]
                nxt = view[ns:ne]
                if not line.strip() or not nxt.strip() or TERMINAL_RE.search(line):
                    continue
                if wrap and wrap - 20 <= len(line.rstrip()) <= wrap:
                    continue  # as wide as the document's wrapped paragraphs
                if _LIST_START.match(nxt):
                    continue
                lw = _LAST_WORD.search(line)
                if lw is None:
                    continue
                nw = regex.match(r"[ \t]*([“\"‘(]?[\p{L}\p{N}][\p{L}\p{N}’'-]*)", nxt)
                if nw is None:
                    continue
                first = nw.group(1).lstrip('“"‘(')
                ends_function = lw.group(1).lower() in FUNCTION_WORDS or bool(lw.group(2))
                continues = first[:1].islower() or first[:1].isdigit()
                long_line = len(line.strip()) > LONG_LINE
                if not (ends_function or continues or long_line):
                    continue
                a = s + lw.end(1) + len(lw.group(2))
                z = ns + nw.start(1)
                fix = Fix("safe", "Join the lines", (Edit(a, z, " "),))
                msg = "line break inside a sentence; join the lines"
                yield self.diagnostic(s + lw.start(1), ns + nw.end(1), msg, fix)


_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}
_QUOTE_MARKS = re.compile('[“«„”»"]')


@register
class UnbalancedQuotes(Rule):
    code = "GB007"
    name = "unbalanced-quotes"
    summary = "A quotation mark that is never closed, or closed without being opened."
    doc = (
        "Within a paragraph every opening quotation mark needs its closing one. A quotation "
        "that runs on into the next paragraph (which then opens with a quotation mark, as news "
        "style has it) is fine. Straight double quotes are counted too (after a digit they are "
        "inch marks)."
    )
    bad = (
        "“We will not retreat, the minister said.\n\nThe vote is on Monday.",
        "He said the troops ”would leave soon”.",
    )
    good = (
        "“We will not retreat,” the minister said.",
        "“We will not retreat.\n\n“We will fight to the end,” the minister said.",
        'The screen measures 6.1" across, and "it sells well," he said.',
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        marks = [m.start() for m in _QUOTE_MARKS.finditer(view)]
        if not marks:
            return  # (only the marks themselves are reported)
        units = paragraph_units(doc, ctx)
        for ui, u in enumerate(units):
            stack: list[int] = []
            straight: list[int] = []
            for i in marks[bisect_left(marks, u.start) : bisect_left(marks, u.end)]:
                ch = view[i]
                if ch in "“«„":
                    if ch == "“" and stack and view[stack[-1]] == "„":
                        stack.pop()  # „…“ German-style pair
                        continue
                    stack.append(i)
                elif ch in "”»":
                    if stack:
                        stack.pop()
                    else:
                        yield self.diagnostic(i, i + 1, f"closing {ch} without an opening mark")
                elif ch == '"':
                    if i > 0 and view[i - 1].isdigit():
                        continue
                    straight.append(i)
            if stack:
                nxt = units[ui + 1] if ui + 1 < len(units) else None
                nxt_text = view[nxt.start : nxt.end].lstrip() if nxt else ""
                if not nxt_text.startswith(("“", "«", "„", '"')):
                    i = stack[0]
                    yield self.diagnostic(
                        i, i + 1, f"opening {view[i]} is not closed in this paragraph"
                    )
            if len(straight) % 2 == 1:
                nxt = units[ui + 1] if ui + 1 < len(units) else None
                nxt_text = view[nxt.start : nxt.end].lstrip() if nxt else ""
                if not nxt_text.startswith('"'):
                    i = straight[-1]
                    yield self.diagnostic(i, i + 1, "odd number of straight quotation marks")


_PARENS = re.compile(r"[()]")
_SQUARE_BRACKETS = re.compile(r"[\[\]]")


@register
class UnbalancedBrackets(Rule):
    code = "GB008"
    name = "unbalanced-brackets"
    summary = "A parenthesis or square bracket that is never closed, or closed without opening."
    doc = (
        'Within a paragraph each ( needs its ) and each [ its ]. List markers such as "1)" '
        'or "a)" and emoticons are not counted.'
    )
    bad = ("The alliance (made up of six former Soviet republics sent troops.",)
    good = (
        "The alliance (made up of six former Soviet republics) sent troops.",
        "The plan has two parts: 1) a curfew and 2) a price cap.",
    )

    LIST_MARKER = regex.compile(r"(?:^|[\s(])(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})$")
    EMOTICON = regex.compile(r"[:;=]-?$")

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        pairs = [
            (open_, close, [m.start() for m in rx.finditer(view)])
            for open_, close, rx in (("(", ")", _PARENS), ("[", "]", _SQUARE_BRACKETS))
            if open_ in view or close in view
        ]
        if not pairs:
            return
        for u in paragraph_units(doc, ctx):
            for open_, close, marks in pairs:
                stack: list[int] = []
                for i in marks[bisect_left(marks, u.start) : bisect_left(marks, u.end)]:
                    ch = view[i]
                    if ch == open_:
                        stack.append(i)
                    elif ch == close:
                        if stack:
                            stack.pop()
                            continue
                        before = view[max(u.start, i - 4) : i]
                        if self.LIST_MARKER.search(before):
                            continue  # list marker 1) a) iv)
                        if self.EMOTICON.search(before):
                            continue  # emoticon
                        yield self.diagnostic(i, i + 1, f'"{close}" without a matching "{open_}"')
                for i in stack:
                    yield self.diagnostic(i, i + 1, f'"{open_}" is never closed')


@register
class LowercaseSentenceStart(Rule):
    code = "GB009"
    name = "lowercase-sentence-start"
    summary = "A sentence that starts in lower case after a full stop."
    doc = (
        "A full stop after a word, then a lower-case word, means either a stray full stop or a "
        'missing capital. Abbreviations ("approx.", "vs.", "U.S."), initials and brand names '
        'written in camel case ("iPhone") are skipped.'
    )
    bad = ("Police fired on the crowd. the protesters fled.",)
    good = (
        "Police fired on the crowd. The protesters fled.",
        "Prices rose by approx. the same amount.",
        "He bought it at 9 a.m. on Monday.",
        "The company launched it in May. iPhone sales fell.",
    )
    fixable = True

    RX = regex.compile(r"(?<=\b(\p{L}{2,})\.)([ \t]+|[ \t]*\r?\n[ \t]*)(\p{Ll}[\p{L}’'-]*)")
    # a lower-case letter (a-z or non-ASCII) after a full stop and a space
    HINT = hint_re("GB009")

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        for bi in _blocks_with(doc, _checked(view, shared_hints(doc, ctx)["GB009"], _LOWER_CHAR)):
            b = doc.blocks[bi]
            for m in self.RX.finditer(view, b.start, b.end):
                prev, word = m.group(1), m.group(3)
                if _is_abbreviation(prev) or prev.isupper() or any(c.isupper() for c in word):
                    continue
                if zipf(word.lower()) < 3.0:
                    continue  # a name written in lower case by convention ("lintnews", "npm")
                s = m.start(3)
                if doc.is_masked(s - len(prev) - 2, m.end(3)):
                    continue
                if view[s - len(m.group(2)) - len(prev) - 2 : s].startswith("."):
                    continue  # ellipsis
                fix = Fix("unsafe", "Capitalise", (Edit(s, s + 1, word[0].upper()),))
                msg = f'sentence starts in lower case ("{word}")'
                yield self.diagnostic(s, m.end(3), msg, fix)


# ---------------------------------------------------------------------------------------------
# sentence shape


def _quoted_share(doc: Document, s: int, e: int) -> float:
    quotes = doc.quotes  # sorted by start
    inside = 0
    k = bisect_right(quotes, (s, 1 << 62)) - 1
    k = max(0, k - 1)
    while k < len(quotes) and quotes[k][0] < e:
        qs, qe = quotes[k]
        lo, hi = max(qs, s), min(qe, e)
        if lo < hi:
            inside += hi - lo
        k += 1
    return inside / max(1, e - s)


def _words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.is_word]


def _join_fix(doc: Document, k: int, start: int, first: Token) -> Fix | None:
    """Join sentence k to the previous one: ". Who" -> ", who"."""
    if k == 0:
        return None
    prev = doc.sentences[k - 1]
    if doc.sentences[k].block != prev.block or doc.view[prev.end - 1] != ".":
        return None
    gap = doc.view[prev.end : start]
    if "\n" in gap:
        return None
    lower = first.text[0].lower()
    edit = Edit(prev.end - 1, first.start + 1, ", " + lower)
    return Fix("unsafe", "Join to the previous sentence", (edit,))


RELATIVE_STARTS = frozenset({"who", "whom", "whose", "which"})
SUBORDINATE_STARTS = frozenset({"although", "though", "because", "whereas", "unless"})
ABSOLUTE_STARTS = frozenset({"with", "without"})
# Participle clauses of reporting verbs split off their sentence ("Underlining that …").
PARTICIPLE_STARTS = frozenset(
    "underlining underscoring stressing adding explaining noting specifying recalling "
    "emphasising emphasizing stating claiming insisting reiterating warning arguing".split()
)
DETACHED_STARTS = RELATIVE_STARTS | SUBORDINATE_STARTS | ABSOLUTE_STARTS | PARTICIPLE_STARTS
_FIRST_WORD = regex.compile(r"\p{Lu}\p{Ll}+")


@register
class DetachedClause(Rule):
    code = "GB010"
    name = "detached-clause"
    summary = "A relative or subordinate clause standing alone as a sentence."
    doc = (
        'A sentence that opens with a relative pronoun ("Who addressed Putin directly."), a '
        'subordinator ("Because prices rose.") or an absolute "with" construction ("With the '
        'repression also linked to the sending of troops.") and never reaches a main clause is '
        "a fragment split off the previous sentence, typical of machine translation of Italian "
        "and Spanish. The lexicon in lintnews/lexicon.py counts the finite verbs: a clause of "
        "this kind with one verb group (or none) and no comma is reported. Questions, headings "
        "and quotations are skipped. The fix joins it to the previous sentence with a comma."
    )
    bad = (
        "He met the president, Kassym-Jomart Tokayev. Who addressed Putin directly.",
        "He met the president. Who, according to sources, addressed Putin directly.",
        "The revolt is becoming dramatic. With the repression also linked to the troops.",
        "The talks collapsed. Because the two sides disagreed on prices.",
        "Meloni defended the budget. Underlining that the accounts are in order.",
    )
    good = (
        "Who addressed Putin directly?",
        "Which way the vote goes remains unclear.",
        "Which way, if any, the vote goes remains unclear.",
        "With him came his wife.",
        "With 300 dead, the toll is rising.",
        "Because prices rose, protests spread.",
        "Adding that he would stay, the minister left.",
    )
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        blocks = doc.blocks
        heads = sentence_heads(doc, ctx)
        for k, sent in enumerate(doc.sentences):
            low = heads[k]
            if low is not None and low not in DETACHED_STARTS:
                continue  # (the first token must be one of them: see below)
            if blocks[sent.block].kind not in _PARAGRAPH_KINDS:
                continue
            s, e = sent.start, sent.end
            head = _FIRST_WORD.match(view, s, e)
            if head is None or head.group().lower() not in DETACHED_STARTS:
                continue
            text = view[s:e].rstrip()
            if not text.endswith(".") or _quoted_share(doc, s, e) > 0.3:
                continue
            tokens = tokenize(view, s, e)
            words = _words(tokens)
            if len(words) < 2 or not words[0].is_cap:
                continue
            first = words[0].low
            if first in PARTICIPLE_STARTS and words[1].low != "that":
                continue
            if first not in RELATIVE_STARTS | SUBORDINATE_STARTS | ABSOLUTE_STARTS | (
                PARTICIPLE_STARTS
            ):
                continue
            if first not in RELATIVE_STARTS and any(t.text in ",;:" for t in tokens):
                continue  # "Because prices rose, protests spread."
            if k > 0 and view[doc.sentences[k - 1].end - 1] in '?”"':
                continue  # "Why? Because it can." answers a question on purpose
            if first == "who" and words[1].low in ("knows", "cares"):
                continue
            verbs = finite_verbs(tokens)
            if first in ABSOLUTE_STARTS:
                if any(
                    tokens[i].low in FINITE_AUX
                    or not (tokens[i].low.endswith("ed") or tokens[i].low in ("made", "led"))
                    for i in verbs
                ):
                    continue
                if len(verbs) > 1:
                    continue
            elif len(verbs) > 1 or (first in SUBORDINATE_STARTS and not verbs):
                continue
            kind = {
                **dict.fromkeys(RELATIVE_STARTS, "relative clause"),
                **dict.fromkeys(SUBORDINATE_STARTS, "subordinate clause"),
                **dict.fromkeys(ABSOLUTE_STARTS, '"with" phrase'),
                **dict.fromkeys(PARTICIPLE_STARTS, "participle clause"),
            }[first]
            msg = f'fragment: a {kind} ("{words[0].text} …") standing alone as a sentence'
            yield self.diagnostic(s, s + len(text), msg, _join_fix(doc, k, s, words[0]))


@register
class VerblessSentence(Rule):
    code = "GB011"
    name = "verbless-sentence"
    summary = "A sentence inside a paragraph with no finite verb."
    doc = (
        "News prose writes whole sentences; a verbless sentence in the middle of a paragraph "
        '("Palaces of power stormed by demonstrators.") is a headline or a note that lost its '
        "place, or a machine translation of a telegraphic Italian or Spanish lead. Headings and "
        "subheads (one-line blocks without a full stop), one-sentence lines, quotations, "
        "bylines and lines of names are skipped. The part-of-speech lexicon (lintnews/lexicon.py) "
        "is generous: any word that could be a finite verb in its context counts as one."
    )
    bad = (
        "The revolt in Kazakhstan is becoming dramatic. Palaces of power stormed by "
        "demonstrators. The army was deployed.",
        "The troops arrived overnight. And hard punch from the president, Kassym-Jomart "
        "Tokayev. The army was deployed.",
    )
    good = (
        "Over 2,000 detainees\n\nThe Interior Ministry said police had detained 2,300 people.",
        "The troops arrived overnight. The army was deployed.",
        "Police said dozens were killed. “Not any more.” The army was deployed.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        sentences = doc.sentences
        if len(sentences) < 2:
            return
        starts = [u.start for u in paragraph_units(doc, ctx)]
        unit_of = [bisect_right(starts, sent.start) - 1 for sent in sentences]
        per_unit = Counter(unit_of)
        blocks = doc.blocks
        findall = token_re(doc).findall
        for k in range(1, len(sentences)):
            sent = sentences[k]
            if per_unit[unit_of[k]] < 2 or blocks[sent.block].kind not in _PARAGRAPH_KINDS:
                continue
            s, e = sent.start, sent.end
            seg = view[s:e]
            text = seg.rstrip()
            if not text.endswith(".") or text.endswith(("..", "…")):
                continue
            if not text[:1].isalpha() or _QUOTE_OR_BRACKET.search(text):
                continue
            if sure_finite_verb(seg) or doc.is_masked(s, e):
                continue  # (masked: code or a URL blanked out of the sentence)
            texts = findall(seg)
            lows = token_lows(seg, texts)
            words = [i for i, t in enumerate(texts) if t[:1].isalnum()]
            if lows[words[0]] in DETACHED_STARTS:
                continue  # GB010's ground
            if len(words) < 6 or lows[words[0]] == "by":
                # short verbless sentences are a feature-writing device ("No forms, no
                # questions."; "A second shop, perhaps.")
                continue
            caps = sum(1 for i in words if texts[i][:1].isupper() or texts[i][:1].isdigit())
            if caps * 5 >= len(words) * 3:
                continue
            if first_finite_verb(texts, lows) is not None:
                continue
            msg = "sentence without a finite verb inside a paragraph"
            yield self.diagnostic(s, s + len(text), msg)


_PARAGRAPH_KINDS = frozenset(("paragraph", "blockquote", "list_item"))
_QUOTE_OR_BRACKET = re.compile('[“”"«»():;]')


STRAY_CAPS = frozenset(
    "IS ARE WAS WERE HAS HAVE THE AND BUT OF TO THIS THAT WITH FROM BY FOR".split()
)
_STRAY_LOW = frozenset(w.lower() for w in STRAY_CAPS)
_CAPS_WORD = regex.compile(r"\p{Lu}+\b")
_WH = frozenset("what how why where when who whom".split())
_AFTER_IS = DETERMINERS | _WH | OBJECT_PRONOUNS | frozenset("also not now there here".split())
_VERB_REPLACEMENT = {
    "IS": "This is",
    "WAS": "This was",
    "ARE": "These are",
    "WERE": "These were",
    "HAS": "This has",
    "HAVE": "They have",
}


@register
class StrayCapitalisedWord(Rule):
    code = "GB012"
    name = "stray-capitalised-word"
    summary = 'An all-capitals function word opening a sentence ("IS what we read").'
    doc = (
        "A function word in capitals at the start of a sentence that otherwise reads in normal "
        'case is the leftover of a headline, a kicker or a machine translation ("IS what we '
        'read" for Italian "È quanto si legge"). When the rest of the sentence has its own '
        'verb the word is deleted ("IS an intense shooting is underway" -> "An intense '
        'shooting is underway"); otherwise it becomes "This is …". "IS" followed by a verb '
        "(Islamic State) is not flagged."
    )
    bad = (
        "The alliance said so. IS what we read in a statement.",
        "The police arrived. IS an intense shooting is underway in the square.",
    )
    good = (
        "IS claimed responsibility for the attack.",
        "The alliance said so. This is what we read in a statement.",
        "IT experts fixed the problem.",
    )
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        heads = sentence_heads(doc, ctx)
        for k, sent in enumerate(doc.sentences):
            low = heads[k]
            if low is not None and low not in _STRAY_LOW:
                continue  # the first token must be one of STRAY_CAPS: see below
            head = _CAPS_WORD.match(view, sent.start, sent.end)
            if head is None or head.group() not in STRAY_CAPS:
                continue
            tokens = tokenize(view, sent.start, sent.end)
            words = _words(tokens)
            if len(words) < 3:
                continue
            w0, w1 = words[0], words[1]
            if w0.text not in STRAY_CAPS or tokens[0] is not w0 or not w1.text[:1].islower():
                continue
            lower = sum(1 for w in words if w.text.islower())
            if lower * 2 < len(words):
                continue
            if w0.text == "IS" and w1.low not in _AFTER_IS:
                continue
            rest = tokens[tokens.index(w1) + 1 :]
            if w0.text in _VERB_REPLACEMENT:
                if w1.low in _WH or not finite_verbs(rest):
                    new = f"{_VERB_REPLACEMENT[w0.text]} {w1.text}"
                    how = f'Write "{new}"'
                else:
                    new = w1.text[0].upper() + w1.text[1:]
                    how = f'Delete "{w0.text}"'
            else:
                new = w0.text.capitalize() + view[w0.end : w1.start] + w1.text
                how = f'Write "{w0.text.capitalize()}"'
            fix = Fix("unsafe", how, (Edit(w0.start, w1.end, new),))
            msg = f'stray capitalised "{w0.text}" at the start of the sentence'
            yield self.diagnostic(w0.start, w1.end, msg, fix)


_ACRONYM = regex.compile(r"\((\p{Lu}[\p{Lu}\p{Ll}&]{1,7})\)")
_SKIPPABLE = frozenset(
    "of and the for in on de del la le des du di da der und y et e to at".split()
)
_WIRE_AGENCIES = frozenset(
    "AP AFP UPI DPA EFE ANSA TASS RIA AGI APA ATS PTI IANS ANI KUNA WAM SPA IRNA MENA".split()
)
_NOT_EXPANSIONS = frozenset("others other them it this these those ones people".split())


def _expands(letters: str, words: list[str], strict: bool = False) -> bool:
    """Do the words, ending with the last one, spell the acronym's letters by initials?

    Lenient (the default) lets a word give letters from inside it too ("Kazakhstan" -> KZ);
    strict takes initials only, for searching the rest of the article.
    """
    acronym = [c for c in letters if c.isalpha()]
    letters = "".join(acronym).lower()

    def rec(li: int, wi: int, must_use: bool) -> bool:
        if li < 0:
            return True
        if wi < 0:
            return False
        w = words[wi].lower()
        if w in _SKIPPABLE:
            # function words are skipped; they give a letter only where the acronym has a
            # lower-case one ("AfD", "BoE")
            if not must_use and rec(li, wi - 1, False):
                return True
            if not acronym[li].islower():
                return False
        # the word gives its initial, plus possibly more letters from inside it (in order)
        for take in range(1, (1 if strict else min(3, li + 1)) + 1):
            seg = letters[li - take + 1 : li + 1]
            if seg[0] != w[0]:
                continue
            pos = 1
            ok = True
            for ch in seg[1:]:
                pos = w.find(ch, pos)
                if pos < 0:
                    ok = False
                    break
                pos += 1
            if ok and rec(li - take, wi - 1, False):
                return True
        return False

    return rec(len(letters) - 1, len(words) - 1, True)


def _word_parts(tokens: list[Token]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        if t.is_word:
            out.extend(p for p in regex.split(r"[-’']", t.text) if p)
    return out


@register
class OrphanAcronym(Rule):
    code = "GB013"
    name = "orphan-acronym"
    summary = "An acronym in parentheses that does not follow its expansion."
    doc = (
        'An acronym in parentheses belongs right after the words it abbreviates ("liquefied '
        'petroleum gas (LPG)"). When the words before it do not spell it but its expansion '
        'appears elsewhere in the article ("353 others (LPG)"), or it follows a word such as '
        '"others" that cannot be expanded, the parenthesis has slipped during editing or '
        "translation; the fix deletes it. Acronyms in a foreign word order (OTSC for CSTO) "
        "are left to the MT rules, and foreign acronyms after an English name are fine."
    )
    bad = ("Prices of liquefied petroleum gas tripled. Twelve were killed and 353 others (LPG).",)
    good = (
        "Prices of liquefied petroleum gas (LPG) tripled.",
        "The Kurdistan Workers' Party (PKK) denied it.",
        "The Organisation for Economic Co-operation and Development (OECD) said so.",
    )
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        all_tokens: list[Token] | None = None
        found: dict[str, str | None] = {}
        for m in _ACRONYM.finditer(view):
            acr = m.group(1)
            if sum(1 for c in acr if c.isupper()) < 2 or doc.is_masked(*m.span()):
                continue
            block = doc.block_at(m.start())
            if block is None or block.kind in ("code", "front_matter"):
                continue
            before = tokenize(view, max(block.start, m.start() - 160), m.start())
            # only the words of this clause
            cut = max((i for i, t in enumerate(before) if t.text in '.;:!?()“”"'), default=-1)
            before = before[cut + 1 :]
            parts = _word_parts(before)
            letters = [c for c in acr.lower() if c.isalpha()]
            if not parts:
                continue
            if _expands(acr, parts[-(len(letters) + 6) :]):
                continue
            initials = sorted(p[0].lower() for p in parts[-len(letters) :])
            if initials == sorted(letters):
                continue  # foreign word order: an MT finding, not ours
            if acr.upper() in _WIRE_AGENCIES or (before and before[-1].text.isupper()):
                continue  # dateline: "PARIS (AP)"
            if all_tokens is None:
                all_tokens = [t for t in tokenize(view) if t.is_word]
            if acr not in found:
                found[acr] = _find_expansion(acr, all_tokens, view) if len(letters) >= 3 else None
            elsewhere = found[acr]
            last = before[-1].low if before and before[-1].is_word else ""
            if elsewhere is None and not (last in _NOT_EXPANSIONS or last[:1].isdigit()):
                continue
            s = m.start()
            a = s - 1 if s > 0 and view[s - 1] == " " else s
            fix = Fix("unsafe", f'Delete "({acr})"', (Edit(a, m.end(), ""),))
            if elsewhere:
                msg = (
                    f'"({acr})" does not follow its expansion ("{elsewhere}" is elsewhere in '
                    "the article)"
                )
            else:
                msg = f'"({acr})" does not follow anything it abbreviates'
            ws = before[-1].start if before else s
            yield self.diagnostic(ws, m.end(), msg, fix)


def _find_expansion(acr: str, words: list[Token], view: str) -> str | None:
    n = sum(1 for c in acr if c.isalpha())
    last = acr[-1].lower()
    token_parts = [_word_parts([t]) for t in words]
    for i in range(len(words)):
        if not token_parts[i] or token_parts[i][-1][0].lower() != last:
            continue
        lo = max(0, i - n - 4)
        window = words[lo : i + 1]
        parts = [p for tp in token_parts[lo : i + 1] for p in tp]
        if len(parts) < 2 or not _expands(acr, parts, strict=True):
            continue
        # take just the words that spell it
        for j in range(len(window) - 1, -1, -1):
            span = window[j:]
            span_parts = [p for tp in token_parts[lo + j : i + 1] for p in tp]
            if not _expands(acr, span_parts, strict=True):
                continue
            if window[j].low in _SKIPPABLE:
                continue
            # a noun phrase: no verb, no pronoun, no clause words
            if finite_verbs(span) or any(
                t.low in FUNCTION_WORDS and t.low not in _SKIPPABLE for t in span
            ):
                break
            if any(c in view[window[j].start : words[i].end] for c in '.,;:!?“”"()'):
                break
            return view[window[j].start : words[i].end]
    return None


REPORTING_VERBS = frozenset(
    "said added stated explained noted reported announced assured affirmed indicated declared "
    "stressed warned told claimed insisted confirmed denounced revealed highlighted underlined "
    "emphasized emphasised specified recalled pointed argued acknowledged admitted".split()
)


@register
class SubjectlessReportingVerb(Rule):
    code = "GB014"
    name = "subjectless-reporting-verb"
    summary = 'A reporting verb opening a sentence with no subject ("Added that the troops …").'
    doc = (
        "Romance languages drop the subject pronoun; machine translation leaves English "
        'sentences such as "Added that the troops would stay." or "Stressed: “We will not '
        'retreat.”". Give the verb its subject (he, she, the ministry).'
    )
    bad = ("Added that the troops would stay.", "Warned: “We will not retreat.”")
    good = ("He added that the troops would stay.", "Confirmed cases rose to 300.")

    RX = regex.compile(
        r"(\p{Lu}\p{Ll}+)(?:\s+(?:out|also|again|later))?"
        r"(?:\s+(?:reporters|journalists|the\s+press|the\s+media))?"
        r"(?:\s+that\b|\s*[:“\"]|,\s+(?:however|though|moreover),)"
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        heads = sentence_heads(doc, ctx)
        for k, sent in enumerate(doc.sentences):
            low = heads[k]
            if low is not None and low not in REPORTING_VERBS:
                continue  # a match is its first token, followed by a space or a mark
            m = self.RX.match(view[sent.start : sent.end])
            if m is None or m.group(1).lower() not in REPORTING_VERBS:
                continue
            s = sent.start
            msg = f'"{m.group(1)}" has no subject: who {m.group(1).lower()} it?'
            yield self.diagnostic(s, s + len(m.group(1)), msg)
