#!/usr/bin/env python3
"""Regenerate the README's rule table and docs/rules.md from the registry."""

from pathlib import Path

from lintnews.engine import get_registry
from lintnews.ruledocs import write_all

if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    for path in write_all(root, get_registry()):
        print(f"updated {path.relative_to(root)}")
