"""A progress bar on standard error for long runs (never on standard output).

Shown on a terminal once a run has taken half a second; never when standard error is not a
terminal (CI logs) unless ``--progress`` asks for it, and never with ``--no-progress``.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 0.5  # seconds before the bar appears on a terminal: short runs never show it
INTERVAL = 0.1  # seconds between redraws on a terminal
LOG_INTERVAL = 5.0  # seconds between lines when forced on something that is not a terminal


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Counts files done and draws ``[#####-----] 120/2000 files`` on stderr."""

    def __init__(self, total: int, flag: bool | None = None, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.tty = _isatty(self.stream)
        self.forced = flag is True
        self.enabled = total > 0 and flag is not False and (self.forced or self.tty)
        self._start = time.monotonic()
        self._last = 0.0
        self._shown = False

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if self.tty:
            if not self.forced and now - self._start < DELAY:
                return
            if now - self._last < INTERVAL and self.done < self.total:
                return
        elif now - self._last < LOG_INTERVAL and self.done < self.total:
            return
        self._last = now
        self._draw()

    def _line(self) -> str:
        width = 30
        frac = self.done / self.total if self.total else 1.0
        filled = int(width * frac)
        return f"[{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total} files"

    def _draw(self) -> None:
        if self.tty:
            self.stream.write("\r" + self._line())
        else:
            self.stream.write(self._line() + "\n")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        """Clear the bar (on a terminal) so findings print on a clean line."""
        if self._shown and self.tty:
            self.stream.write("\r" + " " * (len(self._line()) + 2) + "\r")
            self.stream.flush()
        self._shown = False
