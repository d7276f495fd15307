"""Source text: decoding, encoding and the one place where positions are converted.

Diagnostics carry code-point offsets into the original text. Rows and columns (1-based, code
points, as in the JSON output) and LSP positions (0-based, UTF-16 code units by default) are
derived here and nowhere else.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from bisect import bisect_right
from dataclasses import dataclass

from lintnews.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and how to write it back byte-for-byte the same way."""

    text: str
    encoding: str  # a Python codec name; "utf-8-sig" keeps the BOM


def decode(data: bytes, name: str = "<input>") -> Decoded:
    """Decode bytes as UTF-8 (with or without BOM) or BOM-marked UTF-16/32.

    Line endings are kept exactly as they are (no newline translation).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {enc} at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file (contains NUL bytes); not linted")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def read_file(path: str) -> Decoded:
    return read_file_stat(path)[0]


def read_file_stat(path: str) -> tuple[Decoded, os.stat_result]:
    """:func:`read_file`, with the file's stat taken just before it was read (what was read
    is at least as new as the stat)."""
    try:
        # (os.read rather than a buffered file object: 2,000 articles in 0.024 s, not 0.030)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            st = os.fstat(fd)
            data = _read_fd(fd, st.st_size)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return decode(data, path), st


def _read_fd(fd: int, size: int) -> bytes:
    """Everything left to read from ``fd`` (``size``: what its stat says, a hint: the file
    may have grown since, or be a pipe that says 0)."""
    parts: list[bytes] = []
    want = size + 1 if size else 65536
    while True:
        chunk = os.read(fd, want)
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        want = 65536


def write_atomic(path: str, text: str, encoding: str) -> None:
    """Write text to path atomically (temporary file + rename), keeping the file's mode."""
    data = text.encode(encoding)
    directory = os.path.dirname(os.path.abspath(path))
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=".lintnews-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class LineIndex:
    """Maps code-point offsets to rows/columns and UTF-16 positions."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    @property
    def starts(self) -> list[int]:
        """The offset where each line starts (0, then one past each newline)."""
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, row0: int) -> int:
        return self._starts[row0]

    def row0(self, offset: int) -> int:
        return bisect_right(self._starts, offset) - 1

    def row_col(self, offset: int) -> tuple[int, int]:
        """1-based row and column (code points) of an offset."""
        offset = max(0, min(offset, len(self.text)))
        r = self.row0(offset)
        return r + 1, offset - self._starts[r] + 1

    def offset(self, row: int, column: int) -> int:
        """Inverse of row_col (1-based)."""
        row = max(1, min(row, len(self._starts)))
        return max(0, min(self._starts[row - 1] + column - 1, len(self.text)))

    def line_text(self, row: int) -> str:
        """The text of a 1-based row, without its line ending."""
        start = self._starts[row - 1]
        end = self._starts[row] - 1 if row < len(self._starts) else len(self.text)
        line = self.text[start:end]
        return line[:-1] if line.endswith("\r") else line

    def lsp_position(self, offset: int, encoding: str = "utf-16") -> tuple[int, int]:
        """0-based line and character in the given LSP position encoding."""
        offset = max(0, min(offset, len(self.text)))
        r = self.row0(offset)
        prefix = self.text[self._starts[r] : offset]
        return r, units(prefix, encoding)

    def from_lsp(self, line: int, character: int, encoding: str = "utf-16") -> int:
        if line >= len(self._starts):
            return len(self.text)
        start = self._starts[max(0, line)]
        end = self._starts[line + 1] if line + 1 < len(self._starts) else len(self.text)
        count = 0
        for i in range(start, end):
            if count >= character:
                return i
            count += units(self.text[i], encoding)
        return end if end == len(self.text) else end - 1


def units(s: str, encoding: str = "utf-16") -> int:
    """Length of s in code units of an LSP position encoding."""
    if encoding == "utf-32":
        return len(s)
    if encoding == "utf-8":
        return len(s.encode("utf-8", "surrogatepass"))
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)
