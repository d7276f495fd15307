"""Measure the sentence analysis behind the GB fragment rules and the GB/CL false alarms.

Usage: python bench/structure_precision.py [FILE_OR_DIR ...]
Default corpus: tests/fixtures/clean_news (clean news written for this project) plus the clean
seed articles 000 and 002 when ../shared/seeds exists. For every sentence inside a paragraph
it asks the lexicon (lintnews/lexicon.py) whether a finite verb is present; on clean copy a
sentence without one is either a deliberate verbless sentence or a lexicon miss, and is
listed so that a person can tell which. It also counts every GB/CL finding (all false alarms
on clean copy).
"""

from __future__ import annotations

import sys
from pathlib import Path

from lintnews.config import Settings
from lintnews.document import parse
from lintnews.engine import lint_text
from lintnews.lexicon import finite_verbs, tokenize

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def corpus(args: list[str]) -> list[Path]:
    if args:
        out: list[Path] = []
        for a in args:
            p = Path(a)
            out += sorted(p.glob("*.*")) if p.is_dir() else [p]
        return out
    files = sorted((ROOT / "tests" / "fixtures" / "clean_news").glob("*.*"))
    files += [p for p in sorted(SEEDS.glob("00[02]_*.txt"))]
    return files


def main(argv: list[str]) -> int:
    files = corpus(argv)
    sentences = verbless = findings = words = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        doc = parse(path.name, text)
        words += len(doc.words)
        for s in doc.sentences:
            if doc.blocks[s.block].kind != "paragraph":
                continue
            sentences += 1
            tokens = tokenize(doc.view, s.start, s.end)
            if not finite_verbs(tokens):
                verbless += 1
                print(f"  no verb found  {path.name}: {doc.view[s.start : s.end]!r}")
        for d in lint_text(text, str(path), Settings(select=("GB", "CL"))):
            findings += 1
            print(f"  finding        {path.name}: {d.code} {text[d.start : d.end]!r}")
    print(f"files {len(files)}  words {words}  sentences in paragraphs {sentences}")
    print(f"sentences the lexicon finds no finite verb in: {verbless}")
    print(f"GB/CL findings (false alarms on clean copy): {findings}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
