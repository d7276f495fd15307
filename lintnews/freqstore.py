"""wordfreq's frequency lists read word by word from disk instead of loaded whole.

``wordfreq.get_frequency_dict`` unpacks a whole list into a dict (about 0.15 s a language);
the rules look up a few hundred words an article, in English and up to six other languages,
so a one-file check spent over a second loading lists. :func:`install` makes the function
return a :class:`LazyFrequencies` instead: a ``dict`` subclass answering ``in``, ``[]`` and
``get`` from an SQLite copy of the list (built once per wordfreq version, language and list
in the user's cache folder), each answer memoised. Iterating it, or anything else a dict
does, loads the real list first, so callers see exactly wordfreq's data. Without a usable
cache folder nothing is patched.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from typing import Any

from lintnews.usercache import cache_dir

FORMAT = 1
_MISSING = object()
_original: Callable[..., dict[str, float]] | None = None


class LazyFrequencies(dict):  # type: ignore[type-arg]
    """A wordfreq frequency dict that reads single words from an SQLite copy."""

    def __init__(self, lang: str, wordlist: str, path: str) -> None:
        super().__init__()
        self.lang, self.wordlist, self.path = lang, wordlist, path
        self._memo: dict[str, Any] = {}
        self._conn: sqlite3.Connection | None = None
        self._pid = -1
        self._full: dict[str, float] | None = None

    # -- single words ---------------------------------------------------------------------
    def _lookup(self, key: object) -> Any:
        if self._full is not None:
            return self._full.get(key, _MISSING)  # type: ignore[call-overload]
        if not isinstance(key, str):
            return _MISSING
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        try:
            if self._conn is None or self._pid != os.getpid():  # never share one across a fork
                self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
                self._pid = os.getpid()
            row = self._conn.execute("SELECT f FROM w WHERE k = ?", (key,)).fetchone()
        except sqlite3.Error:  # the copy went missing: use the real list
            return self.full().get(key, _MISSING)
        value = _MISSING if row is None else row[0]
        self._memo[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        return self._lookup(key) is not _MISSING

    def __getitem__(self, key: str) -> float:
        value = self._lookup(key)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        value = self._lookup(key)
        return default if value is _MISSING else value

    # -- everything else: the real dict ----------------------------------------------------
    def full(self) -> dict[str, float]:
        if self._full is None:
            assert _original is not None
            self._full = _original(self.lang, self.wordlist)
        return self._full

    def __iter__(self) -> Iterator[str]:
        return iter(self.full())

    def __len__(self) -> int:
        return len(self.full())

    def __bool__(self) -> bool:
        return bool(self.full())

    def __eq__(self, other: object) -> bool:
        return self.full() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyFrequencies({self.lang!r}, {self.wordlist!r})"

    def keys(self):  # type: ignore[override]
        return self.full().keys()

    def values(self):  # type: ignore[override]
        return self.full().values()

    def items(self):  # type: ignore[override]
        return self.full().items()

    def copy(self) -> dict[str, float]:  # type: ignore[override]
        return dict(self.full())


def _build(path: str, freqs: dict[str, float]) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("CREATE TABLE w (k TEXT PRIMARY KEY, f REAL NOT NULL) WITHOUT ROWID")
        conn.executemany("INSERT INTO w VALUES (?, ?)", freqs.items())
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, path)


def install() -> None:
    """Patch ``wordfreq.get_frequency_dict``: now if wordfreq is imported, else right after
    it is (wordfreq itself is not imported here: a run whose rules do not need it never
    loads it)."""
    if _original is not None or cache_dir("wordfreq") is None:
        return
    module = sys.modules.get("wordfreq")
    if module is not None:
        _patch(module)
    elif not any(isinstance(f, _PatchOnImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _PatchOnImport())


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself; wraps wordfreq's loader so the module is patched once run."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "wordfreq":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchingLoader(spec.loader)
                return spec
        return None


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def create_module(self, spec: Any) -> Any:
        return self.inner.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self.inner.exec_module(module)
        with contextlib.suppress(Exception):  # never let the patch break the import
            _patch(module)


def copy_path(package_dir: str, lang: str, wordlist: str = "best") -> str | None:
    """Where the SQLite copy of a wordfreq list lives (None: caching is off), for the
    wordfreq package in ``package_dir``; a reinstall makes a new data folder and so a new
    name. Raises OSError when the package has no data folder."""
    base = cache_dir("wordfreq")
    if base is None:
        return None
    version = os.stat(os.path.join(package_dir, "data")).st_mtime_ns
    return os.path.join(base, f"{version}-{FORMAT}-{lang}-{wordlist}.sqlite")


def _patch(wordfreq: Any) -> bool:
    global _original
    if _original is not None:
        return True
    try:
        package_dir = os.path.dirname(wordfreq.__file__)
        if copy_path(package_dir, "en") is None:
            return False
    except (OSError, TypeError):
        return False
    original = wordfreq.get_frequency_dict
    cache: dict[tuple[str, str], dict[str, float]] = {}

    def get_frequency_dict(
        lang: str, wordlist: str = "best", match_cutoff: None = None
    ) -> dict[str, float]:
        if match_cutoff is not None:
            return original(lang, wordlist, match_cutoff)
        key = (lang, wordlist)
        found = cache.get(key)
        if found is not None:
            return found
        try:
            path = copy_path(package_dir, lang, wordlist)
        except OSError:
            path = None
        if path is None:
            return original(lang, wordlist)
        if not os.path.isfile(path):
            real = original(lang, wordlist)
            try:
                _build(path, real)
            except (OSError, sqlite3.Error):
                cache[key] = real
                return real
        found = cache[key] = LazyFrequencies(lang, wordlist, path)
        return found

    get_frequency_dict.__doc__ = original.__doc__
    _original = original
    wordfreq.get_frequency_dict = get_frequency_dict  # type: ignore[assignment]
    return True
