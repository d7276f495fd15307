"""Finding the files to lint: folders are walked honouring .gitignore and excludes."""

from __future__ import annotations

import os
from functools import lru_cache

from lintnews.config import Settings, SettingsResolver, glob_match
from lintnews.errors import InputError

ALWAYS_SKIP = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox"}


@lru_cache(maxsize=256)
def _gitignore(directory: str):
    path = os.path.join(directory, ".gitignore")
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    import pathspec  # only where there is a .gitignore (its import takes 30-60 ms)

    return pathspec.PathSpec.from_lines("gitwildmatch", lines)


def _ignored_by_git(
    path: str,
    is_dir: bool,
    stop: str,
    chains: dict[tuple[str, str], tuple[tuple[str, object], ...]] | None = None,
) -> bool:
    """Whether a .gitignore in path's ancestors (up to stop or the repository root) ignores it.
    ``chains`` memoises, per folder, the ignore files that apply to what it holds (a walk
    asks for every file of a folder)."""
    d = os.path.dirname(path)
    chain = chains.get((d, stop)) if chains is not None else None
    if chain is None:
        chain = _ignore_chain(d, stop)
        if chains is not None:
            chains[d, stop] = chain
    for folder, spec in chain:
        rel = os.path.relpath(path, folder).replace(os.sep, "/")
        if spec.match_file(rel + ("/" if is_dir else "")):  # type: ignore[attr-defined]
            return True
    return False


def _ignore_chain(d: str, stop: str) -> tuple[tuple[str, object], ...]:
    """The (folder, ignore spec) pairs of d and its ancestors up to stop or the repository
    root, nearest first."""
    out: list[tuple[str, object]] = []
    while True:
        spec = _gitignore(d)
        if spec is not None:
            out.append((d, spec))
        if d == stop or os.path.isdir(os.path.join(d, ".git")):
            return tuple(out)
        parent = os.path.dirname(d)
        if parent == d:
            return tuple(out)
        d = parent


def _excluded(path: str, settings: Settings) -> bool:
    rel = settings.path_relative(path)
    return any(glob_match(rel, p) for p in settings.exclude + settings.extend_exclude)


def _included(path: str, settings: Settings) -> bool:
    name = os.path.basename(path)
    return any(glob_match(name, p) for p in settings.include)


def discover(paths: list[str], resolver: SettingsResolver) -> list[str]:
    """Expand folders into the files lintnews reads; explicit files are always kept."""
    out: list[str] = []
    seen: set[str] = set()
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        if os.path.isfile(p):
            if p not in seen:
                seen.add(p)
                out.append(p)
            continue
        if not os.path.exists(p):
            raise InputError(f"{p}: no such file or directory")
        if not os.path.isdir(p):
            raise InputError(f"{p}: not a regular file or folder")
        top = os.path.abspath(p)
        chains: dict[tuple[str, str], tuple[tuple[str, object], ...]] = {}
        for root, dirs, files in os.walk(p):
            settings = resolver.for_path(os.path.join(root, "x"))
            keep = []
            for d in sorted(dirs):
                full = os.path.join(root, d)
                if d in ALWAYS_SKIP or _excluded(full, settings):
                    continue
                if settings.respect_gitignore and _ignored_by_git(
                    os.path.abspath(full), True, top, chains
                ):
                    continue
                keep.append(d)
            dirs[:] = keep
            for f in sorted(files):
                full = os.path.join(root, f)
                if not _included(full, settings) or _excluded(full, settings):
                    continue
                if settings.respect_gitignore and _ignored_by_git(
                    os.path.abspath(full), False, top, chains
                ):
                    continue
                if full not in seen:
                    seen.add(full)
                    out.append(full)
    return out
