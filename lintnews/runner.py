"""Running lintnews over many files: read, lint, corpus pass."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from lintnews.config import Settings, SettingsResolver
from lintnews.engine import FileResult, corpus_pass, lint_source
from lintnews.errors import InputError, LintnewsError
from lintnews.source import decode, read_file


def read_input(path: str, stdin_bytes: bytes | None = None) -> tuple[str, str]:
    """(text, encoding) of a path; "-" reads standard input."""
    if path == "-":
        data = stdin_bytes if stdin_bytes is not None else sys.stdin.buffer.read()
        d = decode(data, "<stdin>")
        return d.text, d.encoding
    d = read_file(path)
    return d.text, d.encoding


def lint_one(
    path: str,
    settings: Settings,
    display: str | None = None,
    stdin_bytes: bytes | None = None,
) -> FileResult:
    """Read and lint one file; input problems become FileResult.error."""
    shown = display or path
    try:
        text, enc = read_input(path, stdin_bytes)
    except InputError as exc:
        return FileResult(path=shown, error=str(exc))
    return lint_source(shown, text, enc, settings)


def check_files(
    files: Iterable[str],
    resolver: SettingsResolver,
    stdin_filename: str | None = None,
    stdin_bytes: bytes | None = None,
) -> list[FileResult]:
    """Lint files and run the corpus pass over all of them."""
    results: list[FileResult] = []
    for f in files:
        if f == "-":
            shown = stdin_filename or "-"
            settings = resolver.for_path(stdin_filename or "-")
            res = lint_one("-", settings, shown, stdin_bytes)
        else:
            settings = resolver.for_path(f)
            res = lint_one(f, settings)
        results.append(res)
    if results:
        try:
            corpus_pass(results, resolver.default())
        except LintnewsError:
            raise
    return results
