"""The results cache: per-file findings of earlier runs, reused while nothing they depend on
changed (like ruff's cache).

Entries live under ``Settings.cache_dir`` (``.lintnews_cache`` by default; an empty
``cache_dir`` — ``--no-cache`` — turns the cache off) in ``results-<FORMAT>/<key>.pickle``,
one file per *run key*: the lintnews version, a fingerprint of its code and data, the rule
packs (built-in and ``rule-dirs``), the vocabulary files, the versions of the libraries whose
data the rules read, and the effective settings. Inside, entries are keyed by the file's path
relative to the settings root, and an entry is used only when the content hash matches. An
entry keeps what a later run needs without linting again: the findings, the suppression
metadata, the corpus rules' per-file summaries (so the consistency pass still runs over
cached files), the languages and the effective settings.

Runs with the grammar backend are not cached (its findings depend on a server).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lintnews import __version__
from lintnews.usercache import write_pickle

if TYPE_CHECKING:
    from lintnews.config import Settings
    from lintnews.engine import FileResult

FORMAT = 1
DEPENDENCIES = ("wordfreq", "pyspellchecker", "ftfy", "markdown-it-py", "regex", "PyYAML")


def digest(text: str) -> str:
    """The content hash of a file's decoded text."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _hash_tree(h: Any, root: Path) -> None:
    if not root.is_dir():
        h.update(f"missing:{root}".encode())
        return
    for dirpath, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for n in sorted(names):
            if n.endswith((".pyc", ".pyo")):
                continue
            p = Path(dirpath) / n
            h.update(p.relative_to(root).as_posix().encode() + b"\0")
            try:
                h.update(p.read_bytes())
            except OSError:
                h.update(b"unreadable")
            h.update(b"\0")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """lintnews's own code and data (rule packs, word lists) and its libraries' versions."""
    from importlib import metadata

    from lintnews.packs import builtin_rules_dir

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{__version__}|{FORMAT}".encode())
    here = Path(__file__).resolve().parent
    _hash_tree(h, here)
    rules = builtin_rules_dir()
    if here not in rules.parents:
        _hash_tree(h, rules)
    for dist in DEPENDENCIES:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"|{dist}={version}".encode())
    return h.hexdigest()


def _files_fingerprint(paths: tuple[str, ...]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in paths:
        h.update(p.encode() + b"\0")
        path = Path(p)
        if path.is_dir():
            _hash_tree(h, path)
        else:
            try:
                h.update(path.read_bytes())
            except OSError:
                h.update(b"missing")
        h.update(b"\0")
    return h.hexdigest()


def run_key(settings: Settings) -> str:
    """What a cached result depends on besides the file itself."""
    user = settings.rule_dirs + settings.vocabulary_accept + settings.vocabulary_reject
    h = hashlib.blake2b(digest_size=16)
    h.update(code_fingerprint().encode())
    h.update(_files_fingerprint(tuple(user)).encode())
    h.update(repr(replace(settings, cache_dir="")).encode())
    return h.hexdigest()


def enabled(settings: Settings) -> bool:
    return bool(settings.cache_dir) and not settings.grammar


@dataclass
class Entry:
    digest: str
    encoding: str
    diagnostics: list[Any]
    meta: Any
    summaries: dict[str, Any]
    source_lang: str | None
    inferred_lang: str | None
    settings: Any


@dataclass
class _Bucket:
    path: str
    entries: dict[str, Entry]
    dirty: bool = False


@dataclass
class ResultCache:
    """The cache of one run: read on first use per run key, written by :meth:`save`."""

    hits: int = 0
    misses: int = 0
    _buckets: dict[tuple[str, str], _Bucket] = field(default_factory=dict)
    _keys: dict[int, tuple[Settings, str]] = field(default_factory=dict)
    _writer: int | None = None  # the child process writing the buckets (save(background=True))
    _writing: list[_Bucket] = field(default_factory=list)  # ... and the buckets it writes

    def _key(self, settings: Settings) -> str:
        known = self._keys.get(id(settings))
        if known is None or known[0] is not settings:
            known = self._keys[id(settings)] = (settings, run_key(settings))
        return known[1]

    def _bucket(self, settings: Settings) -> _Bucket:
        key = self._key(settings)
        bk = (settings.cache_dir, key)
        bucket = self._buckets.get(bk)
        if bucket is None:
            path = os.path.join(settings.cache_dir, f"results-{FORMAT}", f"{key}.pickle")
            entries: dict[str, Entry] = {}
            try:
                with open(path, "rb") as fh:
                    data = pickle.load(fh)
                if isinstance(data, dict):
                    entries = data
            except FileNotFoundError:
                pass
            except Exception:  # a damaged cache file is rebuilt
                entries = {}
            bucket = self._buckets[bk] = _Bucket(path, entries)
        return bucket

    @staticmethod
    def _entry_key(path: str, settings: Settings) -> str | None:
        if path in ("", "-"):
            return None
        return settings.path_relative(path)

    def get(self, path: str, text: str, text_digest: str, settings: Settings) -> FileResult | None:
        """The cached result of a file with this content and settings, or None."""
        from lintnews.engine import FileResult

        key = self._entry_key(path, settings)
        if key is None or not enabled(settings):
            return None
        entry = self._bucket(settings).entries.get(key)
        if entry is None or entry.digest != text_digest:
            self.misses += 1
            return None
        self.hits += 1
        diags = [d if d.path == path else replace(d, path=path) for d in entry.diagnostics]
        return FileResult(
            path=path,
            text=text,
            encoding=entry.encoding,
            diagnostics=diags,
            meta=entry.meta,
            summaries=dict(entry.summaries),
            source_lang=entry.source_lang,
            inferred_lang=entry.inferred_lang,
            settings=entry.settings,
        )

    def put(self, result: FileResult, text_digest: str, settings: Settings) -> None:
        """Remember a fresh result (before the corpus pass adds its findings)."""
        key = self._entry_key(result.path, settings)
        if key is None or result.error is not None or not enabled(settings):
            return
        bucket = self._bucket(settings)
        bucket.entries[key] = Entry(
            text_digest,
            result.encoding,
            list(result.diagnostics),
            result.meta,
            dict(result.summaries),
            result.source_lang,
            result.inferred_lang,
            result.settings,
        )
        bucket.dirty = True

    # -- the corpus pass ---------------------------------------------------------------
    # A run whose files, settings and other inputs are all as in the last run gives the
    # same corpus findings: they are kept in results-<FORMAT>/corpus-<run key>.pickle with
    # the key of what they were worked out from, and reused instead of reducing again.

    def corpus_key(
        self, results: list[FileResult], digests: dict[str, str], settings: Settings, extra: str
    ) -> str | None:
        """What a corpus pass over ``results`` depends on: each file's path, content and
        effective settings, the run's settings and key, and ``extra`` (the name index's
        state); None when a file's content is not known (stdin) or caching is off."""
        if not enabled(settings):
            return None
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{self._key(settings)}|{extra}|".encode())
        for r in sorted(results, key=lambda r: r.path):
            if r.error is not None:  # not in the corpus pass
                h.update(f"{r.path}\0error\1".encode("utf-8", "surrogatepass"))
                continue
            text_digest = digests.get(r.path)
            if text_digest is None:
                return None
            own = "=" if r.settings is None or r.settings == settings else repr(r.settings)
            h.update(f"{r.path}\0{text_digest}\0{own}\1".encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _corpus_path(self, settings: Settings) -> str:
        return os.path.join(
            settings.cache_dir, f"results-{FORMAT}", f"corpus-{self._key(settings)}.pickle"
        )

    def has_corpus(self, settings: Settings) -> bool:
        """Whether corpus findings of an earlier run are stored (for these settings)."""
        return enabled(settings) and os.path.isfile(self._corpus_path(settings))

    def corpus_get(self, settings: Settings, key: str) -> dict[str, list[Any]] | None:
        """The corpus findings stored under ``key``, or None."""
        try:
            with open(self._corpus_path(settings), "rb") as fh:
                stored_key, found = pickle.load(fh)
        except Exception:  # none yet, or damaged: worked out again
            return None
        return found if stored_key == key and isinstance(found, dict) else None

    def corpus_put(self, settings: Settings, key: str, found: dict[str, list[Any]]) -> None:
        _write(settings.cache_dir, self._corpus_path(settings), (key, found))

    def save(self, background: bool = False) -> None:
        """Write the buckets that changed. With ``background``, where the process can fork
        safely (a POSIX system other than macOS, and no thread but this one), a child
        process writes them while this one goes on (the corpus pass: pickling 2,000
        results takes a tenth of a second on a core that is otherwise idle then);
        :meth:`wait` waits for it."""
        dirty = [(cache_dir, b) for (cache_dir, _), b in self._buckets.items() if b.dirty]
        if not dirty:
            return
        self.wait()
        pid = (
            fork_writer(lambda: all(_write_bucket(d, b) for d, b in dirty)) if background else None
        )
        if pid is not None:
            self._writer = pid
            self._writing = [b for _, b in dirty]
            for _, bucket in dirty:
                bucket.dirty = False
            return
        for cache_dir, bucket in dirty:
            if _write_bucket(cache_dir, bucket):
                bucket.dirty = False

    def wait(self) -> None:
        """Wait until a background :meth:`save` has written its files (or failed)."""
        pid, self._writer = self._writer, None
        writing, self._writing = self._writing, []
        if pid is None:
            return
        if not wait_writer(pid):  # not written (a read-only checkout, a full disk): still to write
            for bucket in writing:
                bucket.dirty = True


def _can_fork() -> bool:
    import threading

    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def fork_writer(job: Callable[[], bool]) -> int | None:
    """Run ``job`` (it writes cache files; True when all were written) in a forked child
    process while this one goes on; the child's pid (see :func:`wait_writer`), or None when
    this process cannot fork safely (macOS, another thread, no memory or processes left):
    then the caller runs ``job`` itself. The child leaves with ``os._exit``, running none of
    the parent's exit handlers and flushing none of its buffers."""
    if not _can_fork():
        return None
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:
        code = 1
        try:
            code = 0 if job() else 1
        finally:
            os._exit(code)
    return pid


def wait_writer(pid: int) -> bool:
    """Wait for a :func:`fork_writer` child; whether its job wrote everything."""
    status = 1
    with contextlib.suppress(ChildProcessError, InterruptedError):
        status = os.waitpid(pid, 0)[1]
    return status == 0


def _write_bucket(cache_dir: str, bucket: _Bucket) -> bool:
    _prune(os.path.dirname(bucket.path), keep=bucket.path)
    # a read-only checkout still lints: the cache is only an aid
    return _write(cache_dir, bucket.path, bucket.entries)


def _write(cache_dir: str, path: str, data: Any) -> bool:
    """Write a cache file whole or not at all, the cache folder made (with its .gitignore)
    when it is missing; whether it was written."""
    try:
        _ensure_dir(cache_dir)
    except OSError:
        return False
    return write_pickle(path, data)


STALE_DAYS = 14  # a results file no run has written for this long is removed


def _prune(folder: str, keep: str) -> None:
    """Remove results files of old run keys (earlier versions, settings or packs)."""
    import time

    try:
        names = os.listdir(folder)
    except OSError:
        return
    limit = time.time() - STALE_DAYS * 86400
    for n in names:
        p = os.path.join(folder, n)
        if p == keep or not n.endswith((".pickle", ".tmp")):
            continue
        try:
            if os.stat(p).st_mtime < limit:
                os.unlink(p)
        except OSError:
            continue


def _ensure_dir(cache_dir: str) -> None:
    if os.path.isdir(cache_dir):
        return
    os.makedirs(cache_dir, exist_ok=True)
    with open(os.path.join(cache_dir, ".gitignore"), "w", encoding="utf-8") as fh:
        fh.write("# Created by lintnews.\n*\n")
