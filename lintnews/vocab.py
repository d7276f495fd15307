"""`lintnews vocab add WORD... [--reject]`: add words to the vocabulary files.

Words go to the first `accept` file of the configuration (`reject` with --reject). Without a
configured file, `vocab/accept.txt` (or `vocab/reject.txt`) next to the configuration, or in
the current folder, is created, and the command says what to add to the configuration.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from lintnews.errors import UsageError


def _parser() -> argparse.ArgumentParser:
    from lintnews.cli import _Parser

    p = _Parser(prog="lintnews vocab", description="Manage the spelling vocabulary files.")
    sub = p.add_subparsers(dest="action", parser_class=_Parser)
    add = sub.add_parser("add", help="add words (or regular expressions) to a vocabulary file")
    add.add_argument("words", nargs="+", help="words or regular expressions, one entry each")
    add.add_argument("--reject", action="store_true", help="add to the reject list instead")
    add.add_argument("--config", help="use this configuration file")
    return p


def _existing(path: str) -> set[str]:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return {line.strip() for line in fh}
    except FileNotFoundError:
        return set()


def add_words(path: str, words: Sequence[str]) -> list[str]:
    """Append the words not already in the file; returns those added."""
    have = _existing(path)
    new = []
    for w in words:
        w = w.strip()
        if w and w not in have and w not in new:
            new.append(w)
    if not new:
        return []
    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)
    needs_newline = False
    if os.path.exists(path) and os.path.getsize(path) > 0:
        with open(path, "rb") as fh:
            fh.seek(-1, os.SEEK_END)
            needs_newline = fh.read(1) != b"\n"
    with open(path, "a", encoding="utf-8") as fh:
        if needs_newline:
            fh.write("\n")
        fh.writelines(f"{w}\n" for w in new)
    return new


def main(argv: Sequence[str]) -> int:
    from lintnews.config import SettingsResolver

    args = _parser().parse_args(list(argv))
    if args.action != "add":
        _parser().print_help(sys.stderr)
        return 2
    if args.config is not None and not os.path.isfile(args.config):
        raise UsageError(f"{args.config}: configuration file not found")
    settings = SettingsResolver(config=args.config).default()
    kind = "reject" if args.reject else "accept"
    files = settings.vocabulary_reject if args.reject else settings.vocabulary_accept
    configured = bool(files)
    if configured:
        path = files[0]
    else:
        root = settings.root if settings.config_path else os.getcwd()
        path = os.path.join(root, "vocab", f"{kind}.txt")
    added = add_words(path, args.words)
    shown = os.path.relpath(path)
    if added:
        print(f"Added {len(added)} {'entry' if len(added) == 1 else 'entries'} to {shown}.")
    else:
        print(f"Nothing to add: {shown} already has {'it' if len(args.words) == 1 else 'them'}.")
    if not configured:
        rel = os.path.relpath(path, settings.root if settings.config_path else os.getcwd())
        rel = rel.replace(os.sep, "/")
        print(
            f"Add it to your configuration:\n\n"
            f'    [tool.lintnews.vocabulary]\n    {kind} = ["{rel}"]',
            file=sys.stderr,
        )
    return 0
