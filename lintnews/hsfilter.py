"""A second prefilter for pack regexes: every pattern relaxed and scanned at once with
Hyperscan.

The literal prefilter (:mod:`lintnews.prefilter`) lets through about 60 of the 2,200 pack
regexes per article, and nearly all of them then find nothing: their literals ("said",
"rose", "the") are in every article, but the rest of the pattern is not. Running them costs
most of what a pack check costs. Hyperscan compiles thousands of regexes into one automaton
and scans a text for all of them at once; this module uses it to tell which pack regexes
*can* match a document, and only those run.

Hyperscan does not speak Python's ``regex`` dialect, so each pattern is *relaxed* into one it
accepts and which matches at least wherever the original does:

* word boundaries (``\\b``, ``\\B``) are kept; other zero-width assertions (``^``, ``$``,
  ``\\A``, look-arounds) are dropped;
* atomic groups, possessive and lazy quantifiers become plain greedy ones;
* every character-matching item (a literal character, ``.``, ``\\w``, ``\\p{Lu}``, a class)
  becomes the set of characters it matches, worked out by asking ``regex`` itself, with the
  pattern's flags (case-insensitivity included), about every character of a fixed alphabet
  (:data:`ALPHABET`: Latin, Greek, Cyrillic, Hebrew, Arabic, general punctuation and
  symbols, CJK punctuation, full-width forms, emoji). The two engines therefore never have
  to agree on what ``\\w`` or case-insensitivity means;
* the scanned text is not the document itself but one byte per character: ASCII as it is,
  every other word character "_" (so that Hyperscan's ASCII word boundaries fall where the
  regex module's Unicode ones do), every other character of the alphabet a byte from 0x81
  that stands for all the characters no item of any pattern tells apart (the items' sets of
  characters are cut into classes, at most 126 of them; were there more, some would share
  a byte, which only makes the scan let more through). Each item becomes a class of single
  bytes, which Hyperscan compiles and scans quickly;
* and every run of white space (``\\s``) in it is one space, so that ``\\s+`` between two
  words is a plain space and Hyperscan sees whole phrases as literals (scans about twice as
  fast as with a class of white space between the words). An item that may match white
  space is relaxed by where it stands (see :class:`_Relaxer`): one that follows a character
  that is not white space starts any run it matches, which is one space in the scanned
  text; one that may follow white space may find its run already counted, and matches
  nothing of it. ``\\B`` is kept only where no run can surround it;
* anything else (back-references, conditionals, recursion, unusual flags) leaves the pattern
  out of the scan: it runs whenever the literal prefilter lets it, as before.

A document with a character outside the alphabet is not scanned at all (every candidate runs,
as before), so on every scanned document a relaxed pattern matches wherever the original
would, and Hyperscan's prefilter mode only ever adds false alarms. tests/test_hsfilter.py
checks this on every test article, the rule examples and generated text.

The compiled database is kept on disk next to the other caches, keyed by the patterns.
Without the ``hyperscan`` package (it ships wheels for x86-64 Linux and macOS), or with
``LINTNEWS_HYPERSCAN=0``, nothing is filtered.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import regex

from lintnews.document import code_runs
from lintnews.usercache import cache_dir, keep_newest, write_pickle

FORMAT = 1

# The characters a scanned document may hold (inclusive ranges of code points).
ALPHABET: tuple[tuple[int, int], ...] = (
    (0x0000, 0x052F),  # ASCII, Latin-1, Latin Extended-A/B, IPA, modifiers, combining
    # marks, Greek, Cyrillic
    (0x0590, 0x06FF),  # Hebrew, Arabic
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x2BFF),  # punctuation, super/subscripts, currency, letterlike, number forms,
    # arrows, mathematical operators, technical, boxes, shapes, symbols, dingbats
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # byte order mark
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0x1F000, 0x1FAFF),  # emoji and other pictographs
)
# Left out: the three characters that match an ASCII letter other than its own two cases
# case-insensitively (dotted capital I, long s, the Kelvin sign). With them in, every "i",
# "k" and "s" of a case-insensitive pattern would become a class, which defeats Hyperscan's
# literal matching (a compile of seconds instead of milliseconds).
EXCLUDED = "\u0130\u017f\u212a"
_ALPHABET_TEXT = "".join(
    chr(c) for a, b in ALPHABET for c in range(a, b + 1) if chr(c) not in EXCLUDED
)


class Unsupported(Exception):
    """A construct the relaxation does not handle: the pattern is left out of the scan."""


# ---------------------------------------------------------------------------------------------
# relaxing a pattern


_MEMBERS: dict[tuple[str, int], frozenset[str]] = {}


def members(item: str, flags: int) -> frozenset[str]:
    """The characters of :data:`ALPHABET` that the one-character item ``item`` (a
    character, an escape, ``.`` or a class) matches under ``flags``, as ``regex`` says."""
    key = (item, flags)
    got = _MEMBERS.get(key)
    if got is not None:
        return got
    try:
        rx = regex.compile(item, flags)
    except regex.error as exc:
        raise Unsupported(f"{item!r}: {exc}") from None
    found: list[str] = []
    for m in rx.finditer(_ALPHABET_TEXT):
        if m.end() - m.start() != 1:
            raise Unsupported(f"{item!r} matches more than one character")
        found.append(m.group())
    got = _MEMBERS[key] = frozenset(found)
    return got


# White space (\s): a run of it is one space in the scanned text (ByteMap.scanned).
SPACES = members(r"\s", regex.V0)


_SPACE_CLASS = 0x80  # white space beyond ASCII
_FIRST_BYTE = 0x81  # of the other classes
_WORD_BYTE = 0x5F  # "_"
_ASCII_BYTES = bytes(range(128))
_LAST_BYTE = 0xFE  # 0xFF is never written: it is the item that matches nothing
_IMPOSSIBLE = "\\xFF"
_SPACE_BYTE = 0x20
_TO_SPACE = bytes.maketrans(b"\t\n\x0b\x0c\r\x80", b"      ")
Tail = bool | None  # see _Relaxer


class ByteMap:
    """The encoded form of a text: one byte per character, ASCII as it is, every other word
    character "_", white space beyond ASCII :data:`_SPACE_CLASS`, every other character of
    :data:`ALPHABET` the byte of its class (``table``: code point -> byte). What is scanned
    (:meth:`scanned`) has each run of white space (:data:`SPACES`) one space."""

    def __init__(self, table: dict[int, int]) -> None:
        self.table = table
        # a character's UTF-8 form -> 0xFF and its byte (see encode)
        self._utf8 = {
            chr(c).encode("utf-8", "surrogatepass"): bytes((0xFF, b)) for c, b in table.items()
        }

    def encode(self, text: str) -> bytes | None:
        """``text`` one byte per character; None when it holds a character outside the
        alphabet.

        Most characters are ASCII and an article has a handful of others: the text is
        taken in UTF-8 and each of those characters' forms replaced at once (much faster
        than str.translate, or a replacement per occurrence). A form becomes 0xFF (never in
        UTF-8) and its byte, so that no later form can match across replaced ones (a form
        is a lead byte and continuation bytes: none follows a replaced byte, and none is
        0xFF); the markers go at the end."""
        if text.isascii():
            return text.encode("ascii")
        data = text.encode("utf-8", "surrogatepass")
        utf8 = self._utf8
        for ch in set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")):
            form = ch.encode("utf-8", "surrogatepass")
            byte = utf8.get(form)
            if byte is None:  # a character outside the alphabet
                return None
            data = data.replace(form, byte)
        return data.replace(b"\xff", b"")

    def scanned(self, text: str) -> bytes | None:
        """``text`` as scanned: :meth:`encode`, every run of white space one space, and one
        space at each end; None when it holds a character outside the alphabet."""
        data = self.encode(text)
        if data is None:
            return None
        data = data.translate(_TO_SPACE)
        while b"  " in data:
            data = data.replace(b"  ", b" ")
        return b" " + data.strip(b" ") + b" "

    def byte_set(self, chars: Iterable[str]) -> set[int]:
        table = self.table
        return {
            _SPACE_BYTE if ch in SPACES else ord(ch) if ch.isascii() else table[ord(ch)]
            for ch in chars
        }

    @classmethod
    def for_sets(cls, sets: Iterable[frozenset[str]]) -> ByteMap:
        """A map under which two characters share a byte only when no set tells them apart
        (while bytes last: the largest classes of characters get theirs first); white space
        beyond ASCII is :data:`_SPACE_CLASS`, which :meth:`scanned` makes a space."""
        signature: dict[str, list[int]] = {
            ch: [] for ch in _ALPHABET_TEXT if not ch.isascii() and ch not in SPACES
        }
        for k, chars in enumerate(sets):
            for ch in chars:
                if not ch.isascii() and ch not in SPACES:
                    signature[ch].append(k)
        classes: dict[tuple[int, ...], list[str]] = {}
        table = {ord(ch): _SPACE_CLASS for ch in SPACES if not ch.isascii()}
        word = regex.compile(r"\w", regex.V0)
        for ch, sig in signature.items():
            if word.match(ch):
                # a word character is scanned as "_", the one ASCII word character no
                # pattern cares much about: word boundaries then fall where they should
                table[ord(ch)] = _WORD_BYTE
            else:
                classes.setdefault(tuple(sig), []).append(ch)
        ordered = sorted(classes.values(), key=lambda chars: (-len(chars), chars[0]))
        span = _LAST_BYTE - _FIRST_BYTE + 1
        for k, chars in enumerate(ordered):
            # past the last byte, classes share it: the scan then lets more through
            byte = _FIRST_BYTE + min(k, span - 1)
            for ch in chars:
                table[ord(ch)] = byte
        return cls(table)


def _byte(b: int) -> str:
    ch = chr(b)
    return ch if ch.isascii() and ch.isalnum() else f"\\x{b:02X}"


def _byte_class(bs: Sequence[int]) -> str:
    """A class of single bytes (sorted, distinct)."""
    if len(bs) == 1:
        return _byte(bs[0])
    body = "".join(_byte(a) if a == z else f"{_byte(a)}-{_byte(z)}" for a, z in code_runs(bs))
    return f"[{body}]"


def _emit(chars: frozenset[str], item: str, caseless: bool, bmap: ByteMap) -> str:
    """The byte class of an item that matches ``chars``. In a caseless pattern (Hyperscan
    folds ASCII letters only) an ASCII letter that matches just its two cases is itself."""
    if not chars:
        return _IMPOSSIBLE
    pair = {item.lower(), item.upper()}
    if caseless and len(item) == 1 and item.isascii() and item.isalpha() and chars == pair:
        return item.lower()
    return _byte_class(sorted(bmap.byte_set(chars)))


_SINGLE = re.compile(r"\\x[0-9A-F]{2}|\[[^\]]*\]|[0-9A-Za-z]")


def _single(atom: str) -> bool:
    """Whether a relaxed item is one a quantifier may follow without a group."""
    return _SINGLE.fullmatch(atom) is not None


_MAX_COUNT = 3  # counted repeats beyond this are relaxed
_QUANT = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_INLINE = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]+))?([:)])")
_FLAG_BITS = {"i": regex.IGNORECASE, "s": regex.DOTALL, "m": regex.MULTILINE}
_ZERO_WIDTH = set("AZzGmMK")


class _Atom:
    """What :meth:`_Relaxer.atom` read: a character item (its source, its characters), or a
    group or assertion already relaxed."""

    __slots__ = ("chars", "look", "src", "tail", "text", "zero")

    def __init__(
        self,
        text: str = "",
        zero: bool = False,
        *,
        src: str = "",
        chars: frozenset[str] | None = None,
        tail: Tail = False,
        look: tuple[str, str, Tail] | None = None,
    ) -> None:
        self.text = text  # the relaxed group or assertion (items are relaxed with their repeat)
        self.zero = zero  # consumes nothing
        self.src = src
        self.chars = chars  # an item's characters; None for groups and assertions
        self.tail = tail  # a group's: whether the last character it consumes may be white space
        self.look = look  # a positive look-around: ("behind" or "ahead", relaxed body, its tail)


def _either(a: Tail, b: Tail) -> Tail:
    return True if a is True or b is True else None if a is None or b is None else False


class _Relaxer:
    """One pass over a pattern, relaxing each character-matching item (:func:`members`
    gives its characters; with no ``bmap`` the items are only collected in ``sets``).

    The scanned text has every run of white space (:data:`SPACES`) made one space, so an
    item that may match white space is relaxed by where it stands. Along the pattern goes a
    *tail*: whether the character consumed just before may be white space (True), is not
    (False), or is the one before the match, not known (None). An item after a character
    that is not white space starts any run it matches, and the run is one space in the
    scanned text; after one that may be, the run may have begun before it, and the item
    may match nothing of it."""

    def __init__(self, src: str, flags: int, bmap: ByteMap | None) -> None:
        self.s = src
        self.i = 0
        self.base = flags
        self.bmap = bmap
        self.caseless = bool(flags & regex.IGNORECASE)
        self.sets: list[frozenset[str]] = []
        self.depth = 0  # of groups

    def run(self) -> str:
        out, _, _ = self.sequence(self.base, None)
        if self.i != len(self.s):
            raise Unsupported("unbalanced parenthesis")
        return out

    def sequence(self, flags: int, tail: Tail) -> tuple[str, bool, Tail]:
        """Alternatives up to an unmatched ')' or the end, after ``tail``; (pattern, whether
        it consumes nothing at all, the tail after it)."""
        branches: list[tuple[str, bool]] = []  # (pattern, whether it consumes anything)
        tails: Tail = False
        cur: list[str] = []
        consuming = False
        ahead: str | None = None  # a look-ahead that may end this branch
        t = tail
        # a \B kept only if an item that matches no white space follows it (between two
        # white-space characters, \B holds where the scanned text may not)
        pending: int | None = None
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c == ")":
                break
            if c == "|":
                if pending is not None:
                    cur[pending] = ""
                branches.append(self._branch(cur, consuming, ahead))
                tails = _either(tails, t)
                cur, consuming, ahead, t, pending = [], False, None, tail, None
                self.i += 1
                continue
            if c == "(" and s.startswith("(?", self.i):
                m = _INLINE.match(s, self.i)
                if m and m.group(3) == ")":  # (?i) etc.: for the rest of this group
                    flags = _apply(flags, m.group(1), m.group(2))
                    self.i = m.end()
                    continue
            start = self.i
            atom = self.atom(flags, t)
            quant, lo, hi = self.quantifier()
            if atom.chars is None and atom.tail is True and t is not True and hi != 1:
                # a repeated group: its last character may come right before it
                self.i = start
                atom = self.atom(flags, True)
                quant, lo, hi = self.quantifier()
            if atom.zero:
                look = atom.look
                if look and not quant and self.depth == 0:
                    # A look-behind that opens a branch of the whole pattern, or a
                    # look-ahead that ends one, borders the match: the text holds what it
                    # looks at right before (after) the match, so it may be matched as text.
                    kind, body, body_tail = look
                    if kind == "behind" and not cur:
                        cur.append(body)
                        consuming = True
                        t = body_tail
                        continue
                    if kind == "ahead" and ahead is None:
                        ahead = body
                        continue
                # an assertion: kept when Hyperscan has it (word boundaries; not after a
                # look-ahead that may end the branch), dropped with any quantifier
                if atom.text and not quant and ahead is None:
                    if atom.text == "\\B" and t is not False:
                        if pending is not None:
                            cur[pending] = ""
                        pending = len(cur)
                    cur.append(atom.text)
                continue
            if atom.chars is not None:
                ws = not atom.chars.isdisjoint(SPACES)
                text = self._item(atom, quant, lo, hi, t, ws)
                after: Tail = True if ws and hi != 0 else t if lo == 0 else False
            else:
                ws = True
                text = atom.text + quant if quant else atom.text
                if quant and not _single(atom.text):
                    text = f"(?:{atom.text}){quant}"
                after = _either(atom.tail, t) if lo == 0 else atom.tail
            if pending is not None:
                if ws or lo == 0:
                    cur[pending] = ""
                pending = None
            if not text:  # an item repeated no times
                continue
            consuming = True
            ahead = None  # text after the look-ahead: it did not end the branch
            cur.append(text)
            t = after
        if pending is not None:
            cur[pending] = ""
        branches.append(self._branch(cur, consuming, ahead))
        tails = _either(tails, t)
        if not all(c for _t, c in branches):
            # a branch that consumes nothing: the whole may match the empty string (the
            # branch's assertions are dropped)
            rest = [t for t, c in branches if c]
            if not rest:
                return "", True, tails
            return f"(?:{'|'.join(rest)})?", False, tails
        if len(branches) == 1:
            return branches[0][0], False, tails
        return "|".join(t for t, _c in branches), False, tails

    def _item(self, atom: _Atom, quant: str, lo: int, hi: int | None, t: Tail, ws: bool) -> str:
        """An item with its repeat, relaxed (after ``t``)."""
        chars = atom.chars
        assert chars is not None
        self.sets.append(chars)
        if hi == 0:
            return ""
        lead = t is not True
        if ws and chars <= SPACES:
            # white space only: one space (this item starts the run) or none (the run began
            # before it)
            return "\\x20" if lead and lo else "\\x20?"
        text = self._emit(chars, atom.src)
        if ws:
            # some white space: a run in what it matches is one space; after white space
            # it may match nothing at all; after anything else, at least its first character
            lo = min(lo, 1) if lead else 0
            quant = _quant_text(lo, hi)
        if not quant:
            return text
        return text + quant if _single(text) else f"(?:{text}){quant}"

    def _emit(self, chars: frozenset[str], src: str) -> str:
        if self.bmap is None:
            return "x"
        return _emit(chars, src, self.caseless, self.bmap)

    @staticmethod
    def _branch(cur: list[str], consuming: bool, ahead: str | None) -> tuple[str, bool]:
        if ahead is not None:
            return "".join(cur) + ahead, True
        return "".join(cur), consuming

    def quantifier(self) -> tuple[str, int, int | None]:
        """The repeat after an atom: (its relaxed form, at least, at most (None: no limit));
        ("", 1, 1) when there is none."""
        s = self.s
        if self.i >= len(s):
            return "", 1, 1
        c = s[self.i]
        if c in "*+?":
            self.i += 1
            q = c
            lo, hi = (0, None) if c == "*" else (1, None) if c == "+" else (0, 1)
        elif c == "{":
            m = _QUANT.match(s, self.i)
            if not m or (m.group(1) == "" and not m.group(2)):
                return "", 1, 1  # a literal brace
            lo, comma, hi_s = int(m.group(1) or 0), m.group(2), m.group(3)
            self.i = m.end()
            hi = lo if not comma else int(hi_s) if hi_s else None
            q = _quant_text(lo, hi)
        else:
            return "", 1, 1
        if self.i < len(s) and s[self.i] in "?+":  # lazy or possessive: plain greedy
            self.i += 1
        return q, lo, hi

    def atom(self, flags: int, tail: Tail) -> _Atom:
        s = self.s
        c = s[self.i]
        if c == "(":
            return self.group(flags, tail)
        if c == "[":
            j = _class_end(s, self.i)
            item = s[self.i : j]
            self.i = j
            return self._char(item, flags)
        if c == "\\":
            return self.escape(flags)
        if c in "^$":
            self.i += 1
            return _Atom("", True)
        if c == ".":
            self.i += 1
            return self._char(".", flags)
        if c in "*+?":
            raise Unsupported("nothing to repeat")
        if c == "{":  # not a repeat: a fuzzy-matching constraint, or a literal brace
            raise Unsupported("brace")
        if flags & regex.VERBOSE:
            raise Unsupported("verbose pattern")
        self.i += 1
        return self._char(regex.escape(c), flags)

    @staticmethod
    def _char(item: str, flags: int) -> _Atom:
        return _Atom(src=item, chars=members(item, flags))

    def escape(self, flags: int) -> _Atom:
        s = self.s
        if self.i + 1 >= len(s):
            raise Unsupported("trailing backslash")
        c = s[self.i + 1]
        if c in "bB":
            # the scanned text keeps each character's word-ness (ByteMap), so Hyperscan's
            # ASCII word boundaries fall where the regex module's Unicode ones do
            self.i += 2
            return _Atom(f"\\{c}", True)
        if c in _ZERO_WIDTH:
            self.i += 2
            return _Atom("", True)
        if c.isdigit() and c != "0":
            raise Unsupported("back-reference")
        if c in "gLXRQE":
            raise Unsupported(f"\\{c}")
        j = self.i + 2
        if c in "pPN" and j < len(s) and s[j] == "{":
            k = s.find("}", j)
            if k < 0:
                raise Unsupported("unterminated \\p{")
            j = k + 1
        elif c in "pP":
            j += 1  # \pL
        elif c == "x":
            if j < len(s) and s[j] == "{":
                k = s.find("}", j)
                j = k + 1
            else:
                j += 2
        elif c == "u":
            j += 4
        elif c == "U":
            j += 8
        elif c == "0":
            while j < len(s) and j < self.i + 4 and s[j] in "01234567":
                j += 1
        item = s[self.i : j]
        self.i = j
        return self._char(item, flags)

    def group(self, flags: int, tail: Tail) -> _Atom:
        s = self.s
        i = self.i
        zero = False
        look = None
        if s.startswith("(?", i):
            rest = s[i + 2 : i + 4]
            if rest[:1] in ("=", "!"):
                zero, self.i = True, i + 3
                look = "ahead" if rest[:1] == "=" else None
            elif rest in ("<=", "<!"):
                zero, self.i = True, i + 4
                look = "behind" if rest == "<=" else None
                # a look-behind's text ends where the item after it starts: its first
                # character's predecessor is not known
                tail = None
            elif rest[:1] in (":", ">", "|"):
                self.i = i + 3
            elif rest[:1] == "#":
                k = s.find(")", i)
                if k < 0:
                    raise Unsupported("unterminated comment")
                self.i = k + 1
                return _Atom("", True)
            elif (rest[:1] == "P" and s[i + 3 : i + 4] == "<") or (
                rest[:1] == "<" and rest[1:2].isalpha()
            ):
                k = s.find(">", i)
                if k < 0:
                    raise Unsupported("unterminated group name")
                self.i = k + 1
            else:
                m = _INLINE.match(s, i)
                if m and m.group(3) == ":":
                    flags = _apply(flags, m.group(1), m.group(2))
                    self.i = m.end()
                else:
                    raise Unsupported(f"group {s[i : i + 4]!r}")
        else:
            self.i = i + 1
        self.depth += 1
        inner, empty, inner_tail = self.sequence(flags, tail)
        self.depth -= 1
        if self.i >= len(s) or s[self.i] != ")":
            raise Unsupported("unbalanced parenthesis")
        self.i += 1
        looked = (look, f"(?:{inner})", inner_tail) if look and not empty else None
        if zero or empty:
            return _Atom("", True, look=looked)
        return _Atom(f"(?:{inner})", False, tail=inner_tail)


def _quant_text(lo: int, hi: int | None) -> str:
    """A repeat as relaxed: long counted repeats make Hyperscan's compile slow (seconds for
    one pattern) and buy little selectivity: fewer and unbounded repeats match a superset."""
    if (lo, hi) == (1, 1):
        return ""
    lo = min(lo, _MAX_COUNT)
    if hi is not None and hi <= _MAX_COUNT:
        return f"{{{lo}}}" if lo == hi else f"{{{lo},{hi}}}"
    return f"{{{lo},}}"


def _apply(flags: int, on: str, off: str | None) -> int:
    for ch in on:
        if ch not in _FLAG_BITS:
            raise Unsupported(f"inline flag {ch!r}")
        flags |= _FLAG_BITS[ch]
    for ch in off or "":
        if ch not in _FLAG_BITS:
            raise Unsupported(f"inline flag -{ch!r}")
        flags &= ~_FLAG_BITS[ch]
    return flags


def _class_end(s: str, i: int) -> int:
    """The position after the class that starts at ``s[i] == '['`` (V0 syntax: no nested
    sets, POSIX classes allowed)."""
    j = i + 1
    if j < len(s) and s[j] == "^":
        j += 1
    if j < len(s) and s[j] == "]":
        j += 1
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[" and s.startswith("[:", j):
            k = s.find(":]", j + 2)
            if k >= 0:
                j = k + 2
                continue
        if c == "]":
            return j + 1
        j += 1
    raise Unsupported("unterminated class")


def _supported_flags(flags: int) -> bool:
    return not flags & (regex.VERBOSE | regex.FULLCASE | regex.ASCII | regex.VERSION1)


def items(pattern: str, flags: int) -> list[frozenset[str]] | None:
    """The character sets of a pattern's items (see :func:`members`); None when
    :func:`relax` would not handle the pattern."""
    if not _supported_flags(flags):
        return None
    relaxer = _Relaxer(pattern, flags, None)
    try:
        relaxer.run()
    except (Unsupported, IndexError):
        return None
    return relaxer.sets


def relax(pattern: str, flags: int, bmap: ByteMap) -> str | None:
    """A Hyperscan pattern (byte mode; caseless when ``flags`` are) that matches the
    scanned form (``bmap``) of any text of :data:`ALPHABET`'s characters wherever
    ``regex.compile(pattern, flags)`` finds a non-empty match in the text, and maybe
    elsewhere; None when the pattern uses a construct this does not handle, or can match
    nothing but empty strings once relaxed."""
    if not _supported_flags(flags):
        return None
    try:
        out = _Relaxer(pattern, flags, bmap).run()
    except (Unsupported, IndexError):
        return None
    return out or None


# ---------------------------------------------------------------------------------------------
# narrowing a relaxed pattern to a factor with a rare entry
#
# Hyperscan triggers a pattern on literals it finds in it, and a pattern whose every way in
# is common ("the ", "of ", a digit, a word ending in "ed") and which an unbounded item
# separates from its rarer part has its automaton run after nearly every word: a few dozen
# such patterns cost as much scanning as the other two thousand. Such a pattern is scanned
# as a *factor* of itself instead: a contiguous run of the items of one branch of its
# top-level alternation (after the groups that just wrap a sequence are opened). Whatever
# text the pattern matches holds, within the match, text the factor matches (word
# boundaries inside the factor hold at the same places), so the scan still lets through
# every document the regex can match, and only false alarms are added. The factor is
# chosen by a static estimate of how often each item occurs (wordfreq's frequencies of the
# words of its literals), never by timing: the database does not depend on the machine.

# A relaxed pattern as parsed: a piece is (its text with its repeat, kind, body, least,
# most (None: no limit)); kind "c" is one byte of a set (body: the set), "a" a word-boundary
# assertion, "g" a group (body: its branches, each a list of pieces).
_Piece = tuple[str, str, Any, int, int | None]

_TOKEN = re.compile(
    r"\\x([0-9A-F]{2})|\\([bB])|\[((?:\\x[0-9A-F]{2}|[0-9A-Za-z]|-)+)\]|([0-9A-Za-z])"
)
_CLASS_PART = re.compile(r"(\\x[0-9A-F]{2}|[0-9A-Za-z])(?:-(\\x[0-9A-F]{2}|[0-9A-Za-z]))?")
_REPEAT = re.compile(r"[?*+]|\{(\d+)(?:(,)(\d*))?\}")


class _NotRelaxed(Exception):
    """Text :func:`relax` does not write: the pattern is scanned as it is."""


def _class_byte(tok: str) -> int:
    return int(tok[2:], 16) if tok.startswith("\\x") else ord(tok)


def _parse(expr: str, i: int = 0) -> tuple[list[list[_Piece]], int]:
    """The branches of ``expr`` from ``i`` up to an unmatched ")" or the end, and where
    they end."""
    branches: list[list[_Piece]] = []
    cur: list[_Piece] = []
    while i < len(expr):
        c = expr[i]
        if c == ")":
            break
        if c == "|":
            branches.append(cur)
            cur = []
            i += 1
            continue
        start = i
        if expr.startswith("(?:", i):
            body, i = _parse(expr, i + 3)
            if i >= len(expr) or expr[i] != ")":
                raise _NotRelaxed(expr)
            i += 1
            kind = "g"
            content: Any = body
        else:
            m = _TOKEN.match(expr, i)
            if m is None:
                raise _NotRelaxed(expr)
            i = m.end()
            if m.group(2):
                cur.append((m.group(), "a", m.group(2), 1, 1))
                continue
            if m.group(3):
                chars: set[int] = set()
                for part in _CLASS_PART.finditer(m.group(3)):
                    a = _class_byte(part.group(1))
                    z = _class_byte(part.group(2)) if part.group(2) else a
                    chars.update(range(a, z + 1))
                content = frozenset(chars)
            else:
                content = frozenset((_class_byte(m.group()),))
            kind = "c"
        lo, hi = 1, 1
        m = _REPEAT.match(expr, i)
        if m is not None:
            i = m.end()
            q = m.group()
            if q == "?":
                lo, hi = 0, 1
            elif q == "*":
                lo, hi = 0, None
            elif q == "+":
                lo, hi = 1, None
            else:
                lo = int(m.group(1))
                hi = lo if not m.group(2) else int(m.group(3)) if m.group(3) else None
        cur.append((expr[start:i], kind, content, lo, hi))
    branches.append(cur)
    return branches, i


def _opened(seq: list[_Piece]) -> list[_Piece]:
    """``seq`` with every group that is not repeated and has one branch replaced by its
    pieces (the same pattern)."""
    out: list[_Piece] = []
    for piece in seq:
        if piece[1] == "g" and (piece[3], piece[4]) == (1, 1) and len(piece[2]) == 1:
            out.extend(_opened(piece[2][0]))
        else:
            out.append(piece)
    return out


_LITERAL_LIMIT = 4096  # strings: beyond, an item is not taken as a set of literals


def _strings(piece: _Piece) -> set[str] | None:
    """The strings (ASCII letters in lower case) a piece matches, or None when they are
    unbounded or too many."""
    _text, kind, body, lo, hi = piece
    if kind == "a":  # a word boundary: a mark (see _rate)
        return {_BOUNDARY} if body == "b" else {""}
    if hi is None:
        return None
    if kind == "c":
        one = {chr(b).lower() for b in body}
    else:
        one = set()
        for branch in body:
            got = _seq_strings(branch)
            if got is None:
                return None
            one |= got
            if len(one) > _LITERAL_LIMIT:
                return None
    out: set[str] = {""} if lo == 0 else set()
    power = {""}
    for n in range(1, hi + 1):
        power = _product(power, one)
        if power is None:
            return None
        if n >= lo:
            out |= power
    return out if len(out) <= _LITERAL_LIMIT else None


def _product(a: set[str], b: set[str]) -> set[str] | None:
    if len(a) * len(b) > _LITERAL_LIMIT:
        return None
    return {x + y for x in a for y in b}


def _seq_strings(seq: list[_Piece]) -> set[str] | None:
    out: set[str] | None = {""}
    for piece in seq:
        got = _strings(piece)
        if got is None or out is None:
            return None
        out = _product(out, got)
    return out


_BOUNDARY = "\x01"  # a word boundary in a string of _strings (not a byte of any item)
_WORD = re.compile(r"[0-9a-z_]+|[^0-9a-z_]")
# how often a character that is not part of a word is at a place of a text (a guess)
_CHAR_RATE = {" ": 0.17, ",": 0.01, ".": 0.01, _BOUNDARY: 1.0}


def _rate(s: str) -> float:
    """A guess at how often a place of a text starts ``s``: no more often than its rarest
    character or word (wordfreq's frequency, per character; a word at an end of ``s`` may
    be a part of a longer one: a short one is taken to be at least as frequent as a
    fragment of its length)."""
    from lintnews.lexicon import zipf

    rates = []
    for m in _WORD.finditer(s):
        w = m.group()
        if len(w) == 1 and not w.isalnum() and w != "_":
            r = _CHAR_RATE.get(w, 0.01 if w.isascii() else 0.001)
        elif not any(c.isdigit() for c in w):  # "_": letters beyond ASCII
            r = 10 ** (zipf(w) - 9) / 6 if w.isalpha() else 1e-9 / 6
            if m.start() == 0 or m.end() == len(s):
                # (a single letter: how often it is in English text)
                one = _LETTER_RATE.get(w, 0.001) if len(w) == 1 else 0.04 * 0.25 ** (len(w) - 1)
                r = max(r, one)
        else:  # with digits
            r = 0.02 * 0.3 ** (len(w) - 1)
        rates.append(r)
    return _together(rates)


# the share of each letter among the letters of English text (a common table, rounded)
_LETTER_RATE = dict(
    zip(
        "etaoinshrdlcumwfgypbvkjxqz",
        (0.1, 0.073, 0.065, 0.06, 0.056, 0.055, 0.05, 0.049, 0.048, 0.034, 0.033, 0.022, 0.022)
        + (0.02, 0.019, 0.018, 0.016, 0.016, 0.012, 0.006, 0.004)
        + (0.001,) * 5,
        strict=True,
    )
)
_NEAR = 60.0  # a rate (per character) times this: how likely a word is near another (a guess)


def _together(rates: list[float]) -> float:
    """How often a place of a text starts something that needs all of several things
    nearby: the rarest, times the chance of each other one near it (a guess, which takes
    them to be independent but damps it)."""
    if not rates:
        return 1.0
    rates = sorted(rates)
    out = rates[0]
    for r in rates[1:]:
        out *= min(1.0, _NEAR * r)
    return out


def _strings_rate(strings: set[str]) -> float:
    """How often a place of a text starts one of ``strings`` (a guess, at most 1.0)."""
    return min(1.0, sum(_rate(s) for s in strings))


def _run_rate(sets: list[set[str]]) -> float:
    """The rate of a run of pieces (their sets of strings): no more than that of any
    piece with several strings, of any stretch of pieces with one string each (literal
    text, taken as a whole so that its words count), or of all of them together when they
    are not too many."""
    rates: list[float] = []
    text: list[str] = []
    product: set[str] | None = {""}
    for strings in sets:
        product = _product(product, strings) if product is not None else None
        if len(strings) == 1:
            text.append(next(iter(strings)))
            continue
        if text:
            rates.append(_rate("".join(text)))
            text = []
        if "" not in strings:
            rates.append(_strings_rate(strings))
    if text:
        rates.append(_rate("".join(text)))
    if product is not None:
        rates.append(_strings_rate(product))
    return min(rates, default=1.0)


def _segments(seq: list[_Piece]) -> list[tuple[int, float | None]]:
    """A sequence cut into segments: runs of pieces that match bounded sets of strings,
    and single pieces that do not; each segment's first position and a guess at how often
    a place of a text starts what it matches, None for one that may match nothing."""
    out: list[tuple[int, float | None]] = []
    k = 0
    while k < len(seq):
        strings = _strings(seq[k])
        if strings is None:
            out.append((k, _unbounded_rate(seq[k])))
            k += 1
            continue
        start = k
        sets = [strings]
        k += 1
        while k < len(seq):
            more = _strings(seq[k])
            if more is None:
                break
            sets.append(more)
            k += 1
        empty = all("" in s for s in sets)
        out.append((start, None if empty else _run_rate(sets)))
    return out


def _unbounded_rate(piece: _Piece) -> float | None:
    """The rate of a piece with no bounded set of strings: repeated without bound, or a
    group of branches some of which are."""
    _text, kind, body, lo, _hi = piece
    if lo == 0:
        return None
    if kind == "c":  # at least once
        return _strings_rate({chr(b).lower() for b in body})
    total = 0.0
    for branch in body:
        rates = [r for _k, r in _segments(_opened(branch)) if r is not None]
        if not rates:
            return None
        total += min(rates)
    return min(1.0, total)


_COMMON_ENTRY = 2e-3  # an entry more frequent than this (per character) is common ...
_RARER = 20.0  # ... and the branch is cut when a piece this many times rarer follows
_RARE_FACTOR = 1e-5  # ... and the part from there on is rarer than this


def _narrow_branch(seq: list[_Piece]) -> str | None:
    """The factor of a branch that starts at its rarest segment (:func:`_segments`) when
    the way into it is common and the rarest is much rarer; None to keep the branch."""
    seq = _opened(seq)
    segments = [(k, r) for k, r in _segments(seq) if r is not None]
    if not segments:
        return None
    entry = segments[0][1]
    best, rate = min(segments, key=lambda s: (s[1], s[0]))
    if best == segments[0][0] or entry < _COMMON_ENTRY or rate * _RARER > entry:
        return None
    # the factor must stay rare as a whole: every document it lets through in vain runs
    # the regex, which costs more than the scan saves
    if _together([r for k, r in segments if k >= best]) > _RARE_FACTOR:
        return None
    return "".join(p[0] for p in seq[best:])


def narrow(expr: str) -> str:
    """A relaxed pattern (:func:`relax`), or, when a branch of its top-level alternation
    has only common ways in, a pattern with that branch cut to a factor that starts with
    a much rarer segment: it matches wherever the pattern does."""
    try:
        branches, end = _parse(expr)
    except _NotRelaxed:
        return expr
    if end != len(expr):
        return expr
    cut = [_narrow_branch(b) for b in branches]
    if all(c is None for c in cut):
        return expr
    return "|".join(
        c if c is not None else "".join(p[0] for p in b) for c, b in zip(cut, branches, strict=True)
    )


# ---------------------------------------------------------------------------------------------
# the database


def _hyperscan() -> Any:
    if os.environ.get("LINTNEWS_HYPERSCAN", "1") == "0":
        return None
    try:
        import hyperscan
    except ImportError:
        return None
    return hyperscan


class Filter:
    """Which of a list of patterns may match a document, from one Hyperscan scan.

    :meth:`candidates` gives the positions (in the list :func:`build` was given) of the
    patterns that may match, or None when the document cannot be scanned (then every
    pattern may). Patterns that could not be relaxed are always among the candidates."""

    def __init__(self, hs: Any, db: Any, bmap: ByteMap, unscanned: list[int]) -> None:
        self._hs = hs
        self._db = db
        self.bmap = bmap
        self.unscanned = unscanned  # positions of patterns left out of the scan
        self._scratch: Any = None

    def candidates(self, text: str) -> set[int] | None:
        if self._db is None:
            return None
        data = self.bmap.scanned(text)
        if data is None:
            return None
        if self._scratch is None:  # one per process (made after a fork)
            self._scratch = self._hs.Scratch(self._db)
        found: set[int] = set(self.unscanned)
        add = found.add

        def on_match(id_: int, _from: int, _to: int, _flags: int, _ctx: Any) -> None:
            add(id_)

        self._db.scan(data, match_event_handler=on_match, scratch=self._scratch)
        return found


def _hs_flags(hs: Any, flags: int) -> int:
    # byte mode (the scanned text is one byte per character, see ByteMap); caseless folds
    # ASCII letters only there, which is all it is trusted with
    out = hs.HS_FLAG_PREFILTER | hs.HS_FLAG_SINGLEMATCH
    return out | hs.HS_FLAG_CASELESS if flags & regex.IGNORECASE else out


def _database(hs: Any, exprs: list[bytes], ids: list[int], flags: list[int]) -> Any:
    db = hs.Database(mode=hs.HS_MODE_BLOCK)
    try:
        db.compile(expressions=exprs, ids=ids, elements=len(exprs), flags=flags)
    except hs.error:
        return None
    return db


def _compile(
    hs: Any, exprs: list[bytes], ids: list[int], flags: list[int]
) -> tuple[Any, list[int]]:
    """One database of all the expressions Hyperscan accepts, and the ids of those it
    rejects. Hyperscan names no culprit, so a rejected expression is found by halving."""
    if not exprs:
        return None, []
    db = _database(hs, exprs, ids, flags)
    if db is not None:
        return db, []
    rejected: set[int] = set()

    def split(part: list[int]) -> None:
        if len(part) == 1:
            rejected.add(part[0])
            return
        half = len(part) // 2
        for sub in (part[:half], part[half:]):
            sub_db = _database(
                hs, [exprs[i] for i in sub], [ids[i] for i in sub], [flags[i] for i in sub]
            )
            if sub_db is None:
                split(sub)

    split(list(range(len(exprs))))
    keep = [i for i in range(len(exprs)) if i not in rejected]
    db = _database(hs, [exprs[i] for i in keep], [ids[i] for i in keep], [flags[i] for i in keep])
    return db, sorted(ids[i] for i in rejected)


def _key(hs: Any, patterns: Sequence[tuple[str, int]]) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}|{getattr(hs, '__version__', '')}|".encode())
    try:  # any change to the relaxation makes a new database
        with open(__file__, "rb") as fh:
            h.update(fh.read())
    except OSError:
        pass
    for src, flags in patterns:
        h.update(f"{flags}\0{src}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _path(hs: Any, patterns: Sequence[tuple[str, int]]) -> str | None:
    folder = cache_dir("hyperscan")
    return os.path.join(folder, f"db-{FORMAT}-{_key(hs, patterns)}.pickle") if folder else None


def _load(hs: Any, path: str) -> Filter | None:
    try:
        with open(path, "rb") as fh:
            blob, table, unscanned = pickle.load(fh)
        db = hs.loadb(blob, hs.HS_MODE_BLOCK) if blob else None
    except Exception:  # missing, damaged, or from another Hyperscan: built again
        return None
    return Filter(hs, db, ByteMap(table), unscanned)


def load(patterns: Sequence[tuple[str, int]], build_missing: bool = True) -> Filter | None:
    """The filter for ``patterns`` from the cache. When it is not there yet (and
    ``build_missing``), it is compiled (10-20 s) by a background process for the runs that
    follow and this returns None, so no run waits for it; ``LINTNEWS_HYPERSCAN=sync``
    compiles it here and now instead. None also without Hyperscan, with
    ``LINTNEWS_HYPERSCAN=0``, or with the caches off."""
    hs = _hyperscan()
    if hs is None:
        return None
    path = _path(hs, patterns)
    if path is None:
        return None
    got = _load(hs, path) if os.path.isfile(path) else None
    if got is not None:
        return got
    if os.environ.get("LINTNEWS_HYPERSCAN") == "sync":
        return build(patterns, path)
    if build_missing:
        _start_build(patterns, path)
    return None


_LOCK_AGE = 900.0  # a build lock older than this (seconds) is taken to be left by a crash


def _start_build(patterns: Sequence[tuple[str, int]], path: str) -> bool:
    """Start a detached ``python -m lintnews.hsfilter JOB`` that writes ``path``, unless one
    is already at it; whether one was started."""
    import subprocess
    import sys
    import time

    lock = path + ".lock"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if time.time() - os.path.getmtime(lock) < _LOCK_AGE:
                return False
            os.unlink(lock)
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        os.close(fd)
        job = path + ".job"
        if not write_pickle(job, (list(patterns), path)):
            os.unlink(lock)
            return False
        subprocess.Popen(
            [sys.executable, "-m", "lintnews.hsfilter", job],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError:
        return False
    return True


# Texts a correct Hyperscan matches: Vectorscan 5.4.12 (the hyperscan wheels from 0.7.23 on)
# misses this match, which the text after it hides; a library that fails a probe is not used.
_PROBES = [
    (
        rb"(?:it|this) (?:has |had )?(?:only )?(?:now |recently |just |also )?"
        rb"(?:became|become) known",
        b"several awards. it became known on f",
    ),
]


def sound(hs: Any) -> bool:
    """Whether this Hyperscan finds the matches of :data:`_PROBES`."""
    got: list[int] = []
    for k, (expr, text) in enumerate(_PROBES):
        db = _database(hs, [expr], [k], [0])
        if db is not None:
            db.scan(text, match_event_handler=lambda id_, *_a: got.append(id_))
    return sorted(set(got)) == list(range(len(_PROBES)))


def build(patterns: Sequence[tuple[str, int]], path: str | None = None) -> Filter | None:
    """Compile the filter for ``patterns`` and write it to ``path`` (when given); None
    without Hyperscan. With a Hyperscan that fails :func:`sound`, the filter (and the file)
    lets everything through."""
    hs = _hyperscan()
    if hs is None:
        return None
    if not sound(hs):
        if path:
            write_pickle(path, (b"", {}, []))
        return Filter(hs, None, ByteMap({}), [])
    sets: list[frozenset[str]] = []
    for src, flags in patterns:
        sets.extend(items(src, flags) or ())
    bmap = ByteMap.for_sets(set(sets))
    exprs: list[bytes] = []
    ids: list[int] = []
    hs_flags: list[int] = []
    unscanned: list[int] = []
    for pos, (src, flags) in enumerate(patterns):
        relaxed = relax(src, flags, bmap)
        if relaxed:
            exprs.append(narrow(relaxed).encode("ascii"))
            ids.append(pos)
            hs_flags.append(_hs_flags(hs, flags))
        else:
            unscanned.append(pos)
    db, rejected = _compile(hs, exprs, ids, hs_flags)
    unscanned = sorted(unscanned + rejected)
    if path:
        keep_newest(os.path.dirname(path), "db-", 3, ".pickle")
        blob = hs.dumpb(db) if db is not None else b""
        write_pickle(path, (blob, bmap.table, unscanned))
    return Filter(hs, db, bmap, unscanned)


def main(argv: Sequence[str]) -> int:
    """``python -m lintnews.hsfilter PATH.job``: the background build :func:`load` starts
    (the job file holds the patterns; the database goes to PATH, the lock PATH.lock is
    removed at the end)."""
    if len(argv) != 1 or not argv[0].endswith(".job"):
        print("usage: python -m lintnews.hsfilter PATH.job", file=sys.stderr)
        return 2
    job = argv[0]
    path = job[: -len(".job")]
    try:
        with open(job, "rb") as fh:
            patterns, _ = pickle.load(fh)
        os.unlink(job)
        build(patterns, path)
    finally:
        for leftover in (job, path + ".lock"):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
