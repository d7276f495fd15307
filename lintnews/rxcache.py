"""Compiled pack regexes kept on disk.

Compiling one of the pack regexes takes ``regex`` about a millisecond (its parser is
Python); a run compiles those the prefilter lets through, a one-file check some fifty. A
compiled ``regex`` pattern pickles as its compiled code, and unpickling rebuilds it in C in
microseconds, so compiled patterns are kept in the user's cache folder (next to the pack
cache; the file name carries the ``regex`` and Python versions) and reused by later runs.
Workers hand the patterns they compiled back to the parent (:func:`take_new`,
:func:`merge`), which writes them once (:func:`save`).

:func:`install` (run when lintnews is imported) routes plain ``regex.compile(pattern,
flags)`` calls through the same cache, so the patterns rule modules compile when they are
imported load from disk too; calls with other arguments (named lists, ``ignore_unused``)
go to ``regex`` unchanged.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import Any

import regex

from lintnews.usercache import cache_dir, write_pickle

FORMAT = 1
_memo: dict[tuple[str, int], bytes] | None = None
_new: dict[tuple[str, int], bytes] = {}
_regex_compile = regex.compile  # the real one (install() replaces the module's)


def _path() -> str | None:
    base = cache_dir()
    if base is None:
        return None
    py = f"{sys.version_info[0]}{sys.version_info[1]}"
    return os.path.join(base, f"regex-{regex.__version__}-py{py}-{FORMAT}.pickle")


def _read(path: str | None) -> dict[tuple[str, int], bytes]:
    if path is None or not os.path.isfile(path):
        return {}
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
    except Exception:  # a damaged file is rebuilt
        return {}
    return data if isinstance(data, dict) else {}


def _load() -> dict[tuple[str, int], bytes]:
    global _memo
    if _memo is None:
        _memo = _read(_path())
    return _memo


def compile(source: str, flags: int = 0) -> Any:
    """``regex.compile(source, flags)``, from the disk cache when it has the pattern."""
    key = (source, flags)
    blob = _load().get(key)
    if blob is not None:
        try:
            return pickle.loads(blob)
        except Exception:  # written by another build of regex: compile anew
            pass
    rx = _regex_compile(source, flags)
    try:
        blob = pickle.dumps(rx, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError):
        return rx
    _load()[key] = blob
    _new[key] = blob
    return rx


def take_new() -> dict[tuple[str, int], bytes]:
    """The patterns compiled in this process since the last call (a worker sends them back)."""
    out = dict(_new)
    _new.clear()
    return out


def merge(blobs: dict[tuple[str, int], bytes]) -> None:
    """Patterns compiled elsewhere (a worker), to be written by :func:`save`."""
    if blobs:
        memo = _load()
        for k, v in blobs.items():
            if k not in memo:
                memo[k] = v
                _new[k] = v


def save() -> None:
    """Write the patterns compiled since the file was read (merged with what other runs
    wrote meanwhile)."""
    path = _path()
    if path is None or not _new:
        return
    data = _read(path)
    data.update(_new)
    if write_pickle(path, data):
        _new.clear()


def _cached_compile(pattern: Any, flags: int = 0, *args: Any, **kwargs: Any) -> Any:
    if args or kwargs or not isinstance(pattern, str) or not isinstance(flags, int):
        return _regex_compile(pattern, flags, *args, **kwargs)
    if flags & regex.DEBUG:
        return _regex_compile(pattern, flags)
    return compile(pattern, flags)


def install() -> None:
    """Send ``regex.compile(pattern, flags)`` through the disk cache (once; not when the
    cache folder is disabled)."""
    if regex.compile is _regex_compile and _path() is not None:
        regex.compile = _cached_compile  # type: ignore[assignment]
