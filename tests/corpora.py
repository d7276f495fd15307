"""The texts the speed tests compare fast paths with slow ones on: every article at hand (the
test fixtures, the seeds, the evaluation set, the samples), the string literals of the test
modules (many are small articles), and the benchmark corpus when it has been generated."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_CORPUS = Path(os.environ.get("LINTNEWS_BENCH_CORPUS", "/tmp/bcorp"))
FOLDERS = (
    ROOT / "tests",
    ROOT.parent / "shared" / "seeds",
    ROOT / "eval" / "heldout",
    ROOT / "samples",
)
SUFFIXES = frozenset({".md", ".markdown", ".txt", ".clean", ""})


def files(folder: Path, suffixes: Iterable[str] = SUFFIXES) -> Iterator[Path]:
    """The files below ``folder`` with one of ``suffixes`` (none if it is missing)."""
    wanted = frozenset(suffixes)
    if folder.is_dir():
        for p in sorted(folder.rglob("*")):
            if p.is_file() and p.suffix in wanted and "__pycache__" not in p.parts:
                yield p


def articles(
    folders: Iterable[Path] = FOLDERS, suffixes: Iterable[str] = SUFFIXES, *, full_path: bool = True
) -> list[tuple[str, str]]:
    """(path, or just the name without ``full_path``; text) of every readable article."""
    out: list[tuple[str, str]] = []
    for folder in folders:
        for p in files(folder, suffixes):
            try:
                out.append((str(p) if full_path else p.name, p.read_text(encoding="utf-8")))
            except UnicodeDecodeError:
                continue
    return out


def literals() -> Iterator[tuple[str, str]]:
    """(test module's file name, literal) for every non-empty string literal of the tests."""
    for f in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
                yield f.name, node.value


def bench(pattern: str = "*") -> list[tuple[str, str]]:
    """(path, text) of the benchmark corpus's files matching ``pattern`` ([] without it)."""
    if not BENCH_CORPUS.is_dir():
        return []
    return [(str(p), p.read_text(encoding="utf-8")) for p in sorted(BENCH_CORPUS.glob(pattern))]


def texts(bench_files: int = 400) -> list[str]:
    """Every article at hand, the tests' string literals longer than 20 characters and the
    first ``bench_files`` files of the benchmark corpus: what most speed tests compare on."""
    out = [t for _, t in articles()]
    out += [t for _, t in literals() if len(t) > 20]
    out += [t for _, t in bench()[:bench_files]]
    return out
