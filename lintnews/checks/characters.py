"""CL1xx: character-level debris (mojibake, replacement and invisible characters, quotes, spaces).

Mojibake is detected and repaired with ftfy (``fix_and_explain``): a line is reported only when
ftfy's explanation includes an encoding step, so ftfy's other cosmetic fixes never fire here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from difflib import Match, SequenceMatcher

import regex

from lintnews.diagnostic import Diagnostic, Edit, Fix
from lintnews.document import Document
from lintnews.registry import Context, Rule, register

_FTFY_CONFIG = None


def _ftfy_config():  # type: ignore[no-untyped-def]
    global _FTFY_CONFIG
    if _FTFY_CONFIG is None:
        from ftfy import TextFixerConfig

        _FTFY_CONFIG = TextFixerConfig(
            unescape_html=False,
            remove_terminal_escapes=False,
            fix_latin_ligatures=False,
            fix_character_width=False,
            uncurl_quotes=False,
            fix_line_breaks=False,
            remove_control_chars=False,
            normalization=None,
            explain=True,
        )
    return _FTFY_CONFIG


# Every character ftfy's badness test (ftfy.badness.BADNESS_RE, ftfy 6) needs at least one of:
# each of its alternatives holds a character of the c1, bad, accented, box, currency, numeric
# or law classes, or one of a few listed letters (Œ œ × Ø Ù à √ ≈ ‚ В Г Р С в Ã Â Î Ð β Β Γ Ξ
# Ο ā). ftfy decodes a line only when that test finds something (in the line itself, or after
# its C1-control and surrogate fixes, whose characters are here too), so a line without any of
# these characters is left alone without importing ftfy. tests/test_mt_speed.py rebuilds the
# set from the installed ftfy.
_MOJIBAKE_CHARS = (
    "\u0080-\u009f\u00a2-\u00a8\u00aa\u00ac\u00af\u00b1-\u00b3\u00b5-\u00b6\u00b8-\u00ba"
    "\u00bc-\u00be\u00c0-\u00d1\u00d7-\u00d9\u00dc-\u00dd\u00df-\u00f1\u00f7\u00fc"
    "\u0100-\u0107\u010c-\u0113\u0116-\u011b\u011e-\u011f\u0122-\u0123\u012a-\u012b"
    "\u012f-\u0130\u0136-\u0137\u0139-\u013e\u0141-\u0143\u0145\u0147\u0152-\u0153\u0155"
    "\u0158\u015a-\u015b\u015e-\u0162\u0164-\u0165\u016e\u0170\u0178-\u017e\u0192"
    "\u02c6-\u02c7\u02d8\u02db-\u02dc\u0392-\u0393\u039e-\u039f\u03b2\u0412-\u0413"
    "\u0420-\u0421\u0432\u0490-\u0491\u201a\u2020-\u2021\u2030\u2044\u20a7\u20ac\u2116"
    "\u2202\u2206\u220f\u2211\u221a\u221e\u2229\u222b\u2248\u2260-\u2261\u2264-\u2265"
    "\u2310\u2502\u250c\u2510\u2518\u251c\u2524\u252c\u253c\u2550-\u256c\u2580\u2584"
    "\u2588\u258c\u2590-\u2593\u25ca\ufb01-\ufb02\ufffd"
)
_MOJIBAKE_CHARS_RE = re.compile(f"[{_MOJIBAKE_CHARS}]")


def _may_be_mojibake(text: str) -> bool:
    return bool(_MOJIBAKE_CHARS_RE.search(text) or _has_surrogate(text))


def _has_surrogate(text: str) -> bool:
    """Does text hold a surrogate code point? (Strict UTF-8 encoding fails exactly then; on
    text without one it is several times quicker than searching for [\ud800-\udfff].)"""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# The single-byte codecs ftfy 6 tries (in chardata.CHARMAP_ENCODINGS) when it re-decodes a
# text as UTF-8; True marks a "sloppy" one: the Windows code page with every byte it leaves
# undefined read as the Latin-1 character and byte 0x1A as U+FFFD.
_FTFY_CODECS = (
    ("latin-1", False),
    ("windows-1252", True),
    ("windows-1251", True),
    ("windows-1250", True),
    ("windows-1253", True),
    ("windows-1254", True),
    ("windows-1257", True),
    ("iso-8859-2", False),
    ("macroman", False),
    ("cp437", False),
)
_DECODE_GATE: re.Pattern[str] | None = None


def _codec_chars(name: str, sloppy: bool) -> dict[int, str]:
    """byte -> the character it decodes to in codec ``name`` (its sloppy form if ``sloppy``)."""
    chars = {}
    for byte in range(256):
        try:
            chars[byte] = bytes((byte,)).decode(name)
        except UnicodeDecodeError:
            if sloppy:
                chars[byte] = chr(byte)
    if sloppy:
        chars[0x1A] = "\ufffd"
    return chars


def _decode_gate() -> re.Pattern[str]:
    """A pattern that every line CL101 can report matches (a necessary condition, looser than
    ftfy's own tests).

    CL101 reports a line only when ftfy re-decodes it ("encode" and "decode" steps) into other
    text. Without a C1 control or a surrogate in the line (ftfy's other fixes, which would
    change the text and start another round), that takes, in one of _FTFY_CODECS, a UTF-8
    lead byte (0xC0-0xF4: "utf-8-variants" also reads C0 80 and CESU-8's ED A0..) followed by
    a continuation byte (0x80-0xBF) in the line's encoded bytes, or one of the bytes ftfy
    changes first: "replace_lossy_sequences" (sloppy codecs) turns a lead byte followed by ?
    or 0x1A, and a lone 0x1A (U+FFFD, which it decodes back to U+FFFD), into U+FFFD's bytes;
    "restore_byte_a0" (not for macroman) turns a space into 0xA0 only after C2 C3 C5 CE D0
    D9 F0, or E2 E3 with a continuation byte after the space, when no lead byte is followed by
    a continuation byte. Otherwise every byte from 0x80 up would be left without a valid UTF-8
    sequence, the decode would fail in every codec, and ftfy's other steps
    (decode_inconsistent_utf8 on parts of the line, which meet the same condition) would leave
    the line as it is. "utf-8-variants" also reads C0 before a final newline, so a newline
    counts after a lead byte. The character sets come from the codecs themselves, taken
    together (a lead character of one codec followed by a continuation character of another
    also matches). tests/test_mt_speed2.py checks the facts against the installed ftfy."""
    global _DECODE_GATE
    if _DECODE_GATE is None:
        lead: set[str] = set()
        follow: set[str] = set("?\x1a\ufffd\n")
        space_lead: set[str] = set()
        space_lead3: set[str] = set()
        cont: set[str] = set()
        for name, sloppy in _FTFY_CODECS:
            for byte, char in _codec_chars(name, sloppy).items():
                if 0xC0 <= byte <= 0xF4:
                    lead.add(char)
                elif 0x80 <= byte <= 0xBF:
                    cont.add(char)
                if name != "macroman":
                    if byte in (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xF0):
                        space_lead.add(char)
                    elif byte in (0xE2, 0xE3):
                        space_lead3.add(char)
        follow |= cont

        def cls(chars: set[str]) -> str:
            return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"

        c1 = {chr(c) for c in range(0x80, 0xA0)}
        # One class first, so that re scans for it; the lookbehinds then tell which it is.
        _DECODE_GATE = re.compile(
            f"{cls(lead | space_lead | space_lead3 | c1)}(?:(?<={cls(lead)}){cls(follow)}"
            f"|(?<={cls(space_lead)}) |(?<={cls(space_lead3)}) {cls(cont)}|(?<={cls(c1)}))"
        )
    return _DECODE_GATE


# _FastMatcher finds a longest match quickly when it is at least _LONG characters long, from
# the samples of _Q characters that such a match must contain (see _long_match).
_Q = 8
_LONG = 40


def _common_head(a: str, i: int, b: str, j: int, n: int) -> int:
    """The length of the common prefix of a[i:i + n] and b[j:j + n]."""
    k = 0
    step = 64
    while step:
        while k + step <= n and a[i + k : i + k + step] == b[j + k : j + k + step]:
            k += step
        step >>= 1
    return k


def _common_tail(a: str, i: int, b: str, j: int, n: int) -> int:
    """The length of the common suffix of a[i - n:i] and b[j - n:j]."""
    k = 0
    step = 64
    while step:
        while k + step <= n and a[i - k - step : i - k] == b[j - k - step : j - k]:
            k += step
        step >>= 1
    return k


def _long_match(
    a: str, alo: int, ahi: int, b: str, blo: int, bhi: int
) -> tuple[int, int, int] | None:
    """SequenceMatcher.find_longest_match(alo, ahi, blo, bhi) for two strings, without junk,
    when the longest match is at least _LONG characters long; None when it may be shorter.

    A common substring of _LONG or more characters that starts at p in a holds the _Q
    characters at a sample position i (alo, alo + step, ...) with p <= i < p + step, where
    step = _LONG - _Q + 1. Every occurrence in b of every sample is followed to the whole
    diagonal run of equal characters around it (within the bounds), so every run of _LONG or
    more characters is seen; the longest, earliest in a and then in b, is the answer (the
    order find_longest_match breaks ties in)."""
    step = _LONG - _Q + 1
    run_end: dict[int, int] = {}  # diagonal (j - i) -> end in a of the last run found on it
    best: tuple[int, int, int] | None = None
    for i in range(alo, ahi - _Q + 1, step):
        sample = a[i : i + _Q]
        j = b.find(sample, blo, bhi)
        while j >= 0:
            d = j - i
            if run_end.get(d, -1) <= i:  # not inside the run found last on this diagonal
                s = i - _common_tail(a, i, b, j, min(i - alo, j - blo))
                e = i + _Q
                e += _common_head(a, e, b, e + d, min(ahi - e, bhi - e - d))
                run_end[d] = e
                if best is None or (s - e, s, s + d) < (-best[2], best[0], best[1]):
                    best = (s, s + d, e - s)
            j = b.find(sample, j + 1, bhi)
    if best is None or best[2] < _LONG:
        return None
    return best


class _FastMatcher(SequenceMatcher):
    """SequenceMatcher(None, a, b, autojunk=False) for two strings, with the same matches:
    find_longest_match is _long_match where that answers, difflib's own search otherwise
    (the short stretches between the edits)."""

    def __init__(self, a: str, b: str) -> None:
        super().__init__(None, a, b, autojunk=False)

    def find_longest_match(
        self, alo: int = 0, ahi: int | None = None, blo: int = 0, bhi: int | None = None
    ) -> Match:
        if ahi is None:
            ahi = len(self.a)
        if bhi is None:
            bhi = len(self.b)
        if ahi - alo >= _LONG and bhi - blo >= _LONG:
            found = _long_match(self.a, alo, ahi, self.b, blo, bhi)
            if found is not None:
                return Match(*found)
        return super().find_longest_match(alo, ahi, blo, bhi)


def _prose_lines(doc: Document) -> Iterable[tuple[int, int]]:
    view = doc.view
    for bi in doc.prose_blocks:
        b = doc.blocks[bi]
        pos = b.start
        while pos < b.end:
            nl = view.find("\n", pos, b.end)
            stop = b.end if nl < 0 else nl
            yield pos, stop
            if nl < 0:
                break
            pos = nl + 1


@register
class Mojibake(Rule):
    code = "CL101"
    name = "mojibake"
    summary = 'Text decoded with the wrong character set ("â€œ", "Ã©").'
    doc = (
        "UTF-8 text read as Windows-1252 or Latin-1 turns “ into â€œ and é into Ã©. ftfy, a "
        "maintained library, detects these sequences and reverses the wrong decoding; the fix "
        "puts the intended characters back and touches nothing else."
    )
    bad = ("The police killed â€œtensâ€\x9d of demonstrators.", "The cafÃ© in SÃ£o Paulo closed.")
    good = ("The café in São Paulo closed.", "Kazakhstan’s “peacekeeping” force.")
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        search = _decode_gate().search
        m = search(view)
        surrogates = _has_surrogate(view)
        if m is None and not surrogates:
            return  # nothing ftfy would re-decode (see _decode_gate)
        import ftfy

        # A line goes to ftfy when _decode_gate matches in it or it holds a surrogate. Without
        # surrogates in the article, the first match at or after `lo` is m (None if none), so
        # lines before it are passed over without a search; a match that runs past the line's
        # end is confirmed with a search of the line alone.
        lo = 0
        for s, e in _prose_lines(doc):
            if surrogates:
                if not (search(view, s, e) or _has_surrogate(view[s:e])):
                    continue
            else:
                if s < lo or (m is not None and m.start() < s):
                    m = search(view, s)
                    lo = s
                if m is None or m.start() >= e:
                    continue
                if m.end() > e and search(view, s, e) is None:
                    continue
            line = view[s:e]
            fixed, steps = ftfy.fix_and_explain(line, _ftfy_config())
            if fixed == line or not any(step[0] in ("encode", "decode") for step in steps or ()):
                continue
            groups: list[list[tuple[int, int, str]]] = []
            for op, i1, i2, j1, j2 in _FastMatcher(line, fixed).get_opcodes():
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


@register
class ReplacementCharacter(Rule):
    code = "CL102"
    name = "replacement-character"
    summary = "U+FFFD replacement characters: text lost in a failed conversion."
    doc = (
        "� marks a character that a conversion could not decode; the original is lost, so "
        "there is no automatic fix. Compare with the source."
    )
    bad = ("The police killed dozens of demonstrators in Almaty\ufffds main square.",)
    good = ("The police killed dozens of demonstrators in Almaty’s main square.",)

    RX = regex.compile("\ufffd+")

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        if "\ufffd" not in doc.view:
            return
        for m in self.RX.finditer(doc.view):
            n = len(m.group())
            msg = f"{n} replacement character{'s' if n > 1 else ''} (U+FFFD): text was lost"
            yield self.diagnostic(m.start(), m.end(), msg)


_INVISIBLE = {
    "\u200b": "zero-width space",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space (BOM)",
    "\u00ad": "soft hyphen",
    "\u180e": "Mongolian vowel separator",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u061c": "Arabic letter mark",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
}
_INVISIBLE_RX = regex.compile("[" + "".join(_INVISIBLE) + "]+")
_INVISIBLE_GATE = re.compile("[" + "".join(_INVISIBLE) + "]")  # the re module scans faster


@register
class InvisibleCharacter(Rule):
    code = "CL103"
    name = "invisible-character"
    summary = "Zero-width, soft-hyphen and bidirectional control characters in the text."
    doc = (
        "Invisible characters copied from web pages and word processors break searches, "
        "spell checkers and word counts, and bidi controls can reorder what a reader sees. "
        "The fix deletes them. Joiners inside emoji sequences and in scripts that need them "
        "are left alone."
    )
    bad = ("Police fired on\u200b protesters.", "The \u202eminister\u202c resigned.")
    good = ("Police fired on protesters.", "A family emoji 👨\u200d👩\u200d👧 was posted.")
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        if not _INVISIBLE_GATE.search(view):
            return
        for m in _INVISIBLE_RX.finditer(view):
            s, e = m.span()
            if s == 0 and m.group() == "\ufeff":
                continue
            chars = m.group()
            if set(chars) <= {"\u200c", "\u200d"}:
                before = view[s - 1] if s > 0 else " "
                after = view[e] if e < len(view) else " "
                if not (before.isascii() and after.isascii()):
                    continue
            names = ", ".join(dict.fromkeys(_INVISIBLE[c] for c in chars))
            fix = Fix("safe", "Delete the invisible character", (Edit(s, e, ""),))
            yield self.diagnostic(s, e, f"invisible character: {names}", fix)


MAX_REPORTED = 5  # per kind of mark and article: the rest is the same finding again
_STRAIGHT_DQ = regex.compile(r'(?<!\d)"')
_CURLY_DQ = regex.compile(r"[“”]")
_APOS = regex.compile(r"(?<=\p{L})['’](?=\p{L})")


def _curly_for(view: str, i: int) -> str:
    prev = view[i - 1] if i > 0 else " "
    return "“" if prev.isspace() or prev in "([{—–-/‘" else "”"


@register
class MixedQuotes(Rule):
    code = "CL104"
    name = "mixed-quotes"
    summary = "Straight and curly quotation marks (or apostrophes) mixed in one article."
    doc = (
        "An article set with curly quotes (“ ” ’) should not also use straight ones (\" '), "
        "and the reverse: the mixture shows pasted-in text. The style used less often in the "
        "article is flagged and the fix converts it to the other. Double quotation marks and "
        "apostrophes inside words are counted separately; a straight double quote after a "
        "digit is an inch mark and is not counted. At most five marks of each kind are reported "
        "per run; `lintnews fix` repeats until none is left."
    )
    bad = ('“We will not retreat,” he said. "We will fight," she said.',)
    good = ("“We will not retreat,” he said. “We will fight,” she said.", 'A 6" screen.')
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        straight: list[int] = []
        curly: list[int] = []
        apos_straight: list[int] = []
        apos_curly: list[int] = []
        # Only a mixture is reported: both styles of a kind must occur somewhere.
        dq = '"' in view and ("“" in view or "”" in view)
        ap = "'" in view and "’" in view
        if not (dq or ap):
            return
        for bi in doc.prose_blocks:
            b = doc.blocks[bi]
            for m in _STRAIGHT_DQ.finditer(view, b.start, b.end) if dq else ():
                straight.append(m.start())
            for m in _CURLY_DQ.finditer(view, b.start, b.end) if dq else ():
                curly.append(m.start())
            for m in _APOS.finditer(view, b.start, b.end) if ap else ():
                (apos_straight if m.group() == "'" else apos_curly).append(m.start())
        if straight and curly:
            if len(curly) >= len(straight):
                for i in straight[:MAX_REPORTED]:
                    new = _curly_for(view, i)
                    fix = Fix("unsafe", f"Use {new}", (Edit(i, i + 1, new),))
                    msg = "straight quotation mark in an article set with curly ones"
                    yield self.diagnostic(i, i + 1, msg, fix)
            else:
                for i in curly[:MAX_REPORTED]:
                    fix = Fix("safe", 'Use "', (Edit(i, i + 1, '"'),))
                    msg = "curly quotation mark in an article set with straight ones"
                    yield self.diagnostic(i, i + 1, msg, fix)
        if apos_straight and apos_curly:
            minor, new = (
                (apos_straight, "’") if len(apos_curly) >= len(apos_straight) else (apos_curly, "'")
            )
            for i in minor[:MAX_REPORTED]:
                fix = Fix("safe", f"Use {new}", (Edit(i, i + 1, new),))
                msg = f"apostrophe {view[i]} in an article that writes {new}"
                yield self.diagnostic(i, i + 1, msg, fix)


_NBSP = "\u00a0\u202f\u2007"
_NBSP_RX = regex.compile(f"[{_NBSP}]+")
_NBSP_GATE = re.compile(f"[{_NBSP}]")


@register
class NonBreakingSpace(Rule):
    code = "CL105"
    name = "non-breaking-space"
    summary = "A non-breaking space where no space belongs (doubled, at a line edge, before , . :)."
    doc = (
        "Non-breaking spaces are right inside units and names (10\u00a0km). Next to another "
        "space, at the start or end of a line, or before punctuation (French typography sets "
        "one before : ; ! ?) they are debris; the fix removes them. Thousands separators "
        "(10\u00a0000) are left to the number rules."
    )
    bad = ("The minister said\u00a0: we will fight.", "Police fired on \u00a0protesters.")
    good = ("The convoy stretched for 10\u00a0km.", "He met Mr\u00a0Tokayev.")
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        if not _NBSP_GATE.search(view):
            return
        for m in _NBSP_RX.finditer(view):
            s, e = m.span()
            before = view[s - 1] if s > 0 else "\n"
            after = view[e] if e < len(view) else "\n"
            if before.isdigit() and after.isdigit():
                continue
            if before.isspace() or after.isspace():
                why = "next to another space" if before not in "\r\n" else "at the start of a line"
                if after in "\r\n":
                    why = "at the end of a line"
                elif before in "\r\n" and after.isspace():
                    why = "at the start of a line"
            elif after in ",.;:!?" and not before.isspace():
                why = f'before "{after}"'
            else:
                continue
            fix = Fix("safe", "Remove the non-breaking space", (Edit(s, e, ""),))
            yield self.diagnostic(s, e, f"non-breaking space {why}", fix)


_ENTITY_RX = regex.compile(r"&(?:#\d{2,7}|#[xX][0-9A-Fa-f]{2,6}|[A-Za-z][A-Za-z0-9]{1,9});")


@register
class HtmlEntity(Rule):
    code = "CL106"
    name = "html-entity"
    summary = 'An HTML entity left in plain text ("&amp;", "&quot;", "&#8217;").'
    doc = (
        "Copy exported from a CMS sometimes keeps HTML escapes. In plain text they show as "
        "written; the fix puts in the character. Markdown and HTML files, where entities are "
        "legitimate markup, are skipped."
    )
    bad = ("Johnson &amp; Johnson said the vaccine was safe.", "The minister&#8217;s office.")
    good = ("Johnson & Johnson said the vaccine was safe.", "AT&T said so; it agreed.")
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        if doc.kind != "text":
            return
        for m in _ENTITY_RX.finditer(doc.view):
            new = html.unescape(m.group())
            if new == m.group() or doc.is_masked(*m.span()):
                continue
            fix = Fix("safe", f'Write "{new}"', (Edit(m.start(), m.end(), new),))
            yield self.diagnostic(m.start(), m.end(), f'HTML entity "{m.group()}"', fix)
