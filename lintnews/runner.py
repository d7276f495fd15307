"""Running lintnews over many files: read, look up the cache, lint (in parallel), corpus pass.

The caller's process reads every file, hashes it and asks the results cache
(:mod:`lintnews.cache`); only the files it does not know are linted, in this process
(``jobs=1``), in a local process pool or on Dask (:mod:`lintnews.parallel`). Each file's
result carries the corpus rules' summaries (the map); the reduce runs here once every file
is in, over cached and fresh results alike. Results come back in the order of ``files``
whatever the executor, so output does not depend on ``--jobs``.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lintnews.config import Settings, SettingsResolver
from lintnews.engine import (
    FileResult,
    add_corpus_findings,
    corpus_findings,
    corpus_pass,
    lint_source,
)
from lintnews.errors import InputError
from lintnews.gcscope import gc_scope
from lintnews.name_index import ReadStamp, read_stamp
from lintnews.source import decode, read_file, read_file_stat

if TYPE_CHECKING:
    from lintnews.cache import ResultCache

EXECUTORS = ("local", "dask")
MIN_POOL_FILES = 4  # fewer files than this are linted in this process


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


@dataclass
class RunStats:
    """What the last :func:`check_files` did (for tests, the benchmark and debugging)."""

    files: int = 0
    cache_hits: int = 0
    linted: int = 0
    workers: int = 1
    executor: str = "inline"


last_stats = RunStats()
BACKGROUND_WRITE_AFTER = 50  # fresh results from which the cache is written by a child


def _corpus(
    out: list[FileResult],
    digests: dict[str, str],
    resolver: SettingsResolver,
    cache: ResultCache,
    stamps: dict[str, ReadStamp] | None = None,
    writers: list[int] | None = None,
) -> None:
    """The corpus pass, or its findings from the last run when nothing it reads changed.
    What it writes for the next run may be written by a child process: its pid is added to
    ``writers`` (wait with :func:`lintnews.cache.wait_writer`)."""
    from lintnews.cache import enabled as enabled_cache
    from lintnews.cache import fork_writer
    from lintnews.name_index import INDEX_FILE, NameIndex

    settings = resolver.default()
    if not enabled_cache(settings):
        corpus_pass(out, settings)
        return
    if writers is None:
        writers = []
    paths = [r.path for r in out if r.error is None]

    def key() -> str | None:
        index = NameIndex.state(settings.cache_dir, settings.root, paths)
        return cache.corpus_key(out, digests, settings, index)

    def index_stamp() -> tuple[int, int] | None:
        try:
            st = os.stat(os.path.join(settings.cache_dir, INDEX_FILE))
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    found = before = stamp = None
    if cache.has_corpus(settings):
        stamp = index_stamp()
        before = key()
        found = cache.corpus_get(settings, before) if before is not None else None
    if found is not None:
        add_corpus_findings(out, found)
        return
    later: list[Callable[[], None]] = []
    found = corpus_findings(out, settings, stamps, later)
    reduced = found

    def write() -> bool:
        for save in later:
            save()  # the name index
        # the reduce may have rewritten the name index; when it did not, the key is the same
        after = before if before is not None and index_stamp() == stamp else key()
        if after is not None:
            cache.corpus_put(settings, after, reduced)
        return True

    # Written for the next run by a child process while this one adds the findings and
    # prints them (the index and the stored findings: 0.1 s for 2,000 articles), when the
    # run is big enough to make up for the fork.
    pid = fork_writer(write) if len(out) >= BACKGROUND_WRITE_AFTER else None
    if pid is None:
        write()
    else:
        writers.append(pid)
    add_corpus_findings(out, found)


def _fewer_collections(run: Callable[..., list[FileResult]]) -> Callable[..., list[FileResult]]:
    """Run ``run`` inside :func:`lintnews.gcscope.gc_scope`."""

    @functools.wraps(run)
    def wrapped(*args: Any, **kwargs: Any) -> list[FileResult]:
        with gc_scope():
            return run(*args, **kwargs)

    return wrapped


@_fewer_collections
def check_files(
    files: Iterable[str],
    resolver: SettingsResolver,
    stdin_filename: str | None = None,
    stdin_bytes: bytes | None = None,
    *,
    jobs: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    progress: bool | None = False,
    on_result: Callable[[FileResult], None] | None = None,
    defer_writes: bool = False,
) -> list[FileResult]:
    """Lint files and run the corpus pass over all of them.

    ``jobs``: worker processes (None: all cores; 1: this process). ``executor``: "local" or
    "dask" (``scheduler``: a Dask scheduler address; None starts a LocalCluster).
    ``progress``: True forces the progress bar on stderr, None shows it on a terminal.
    ``on_result`` sees each file's result as soon as it is linted or found in the cache,
    before the corpus pass adds the corpus rules' findings. The caches for the next run
    may be written by child processes; the run waits for them before it returns, unless
    ``defer_writes``: then :func:`finish_writes` waits (the command line prints first).
    """
    from lintnews import parallel, rxcache
    from lintnews.cache import ResultCache, digest, enabled, wait_writer
    from lintnews.progress import Progress

    global last_stats
    files = list(files)
    stats = RunStats(files=len(files))
    cache = ResultCache()
    results: list[FileResult | None] = [None] * len(files)
    digests: dict[int, str] = {}
    tasks: list[parallel.Task] = []
    bar = Progress(len(files), progress)
    stamps: dict[str, ReadStamp] = {}  # what was read of each file, for the name index
    writers: list[int] = []  # child processes writing caches for the next run
    started = time.time_ns()  # (before any file is read: a file newer than this is "racy")

    def done(i: int, res: FileResult) -> None:
        results[i] = res
        bar.advance()
        if on_result is not None:
            on_result(res)

    for i, f in enumerate(files):
        if f == "-":
            shown = stdin_filename or "-"
            settings = resolver.for_path(stdin_filename or "-")
        else:
            shown = f
            settings = resolver.for_path(f)
        try:
            if f == "-":
                text, enc = read_input(f, stdin_bytes)
            else:
                d, st = read_file_stat(f)
                text, enc = d.text, d.encoding
                stamps[shown] = read_stamp(st, started)
        except InputError as exc:
            done(i, FileResult(path=shown, error=str(exc)))
            continue
        if enabled(settings):
            digests[i] = digest(text)
            hit = cache.get(shown, text, digests[i], settings)
            if hit is not None:
                stats.cache_hits += 1
                done(i, hit)
                continue
        tasks.append(parallel.Task(i, shown, text, enc, settings))

    texts = {t.index: t.text for t in tasks}

    def fresh(i: int, res: FileResult) -> None:
        res.text = texts[i]
        if i in digests:
            cache.put(res, digests[i], tasks_by_index[i].settings)
        done(i, res)

    tasks_by_index = {t.index: t for t in tasks}
    stats.linted = len(tasks)
    try:
        if executor == "dask":
            stats.executor = "dask"
            for i, res in parallel.run_dask(tasks, scheduler, jobs):
                fresh(i, res)
        else:
            n = parallel.default_jobs() if jobs is None or jobs < 1 else jobs
            if n > 1 and len(tasks) >= MIN_POOL_FILES:
                # The first file is linted here: the registry, the pattern index with its
                # Hyperscan filter (loaded first, so that this file goes through the filter
                # too and the literal search's index is never read) and the lazily loaded
                # word lists are then in memory before the workers fork.
                settings_list = list({id(t.settings): t.settings for t in tasks}.values())
                parallel.prepare(settings_list, len(tasks))
                first, rest = tasks[0], tasks[1:]
                fresh(first.index, parallel.lint_task(first))
                stats.executor, stats.workers = "pool", min(n, len(rest))
                settings_list = list({id(t.settings): t.settings for t in rest}.values())
                for i, res in parallel.run_pool(rest, n, settings_list):
                    fresh(i, res)
            else:
                for i, res in parallel.run_inline(tasks):
                    fresh(i, res)
        bar.close()
        # written by a child process while the corpus pass runs here (where it can fork),
        # when there is enough to write to make up for the fork (2-7 ms)
        cache.save(background=len(tasks) >= BACKGROUND_WRITE_AFTER)
        rxcache.save()  # compiled pack regexes, for the next run
        out = [r for r in results if r is not None]
        # every result is in and lives until the caller is done: out of the collector's
        # sight from here (gc_scope unfreezes them when its outermost block ends)
        gc.freeze()
        if out:
            digests_by_path = {results[i].path: d for i, d in digests.items()}
            _corpus(out, digests_by_path, resolver, cache, stamps, writers)
    finally:
        _pending.append(cache.wait)  # the next run finds the whole cache
        _pending.extend(functools.partial(wait_writer, pid) for pid in writers)
        if not defer_writes:
            finish_writes()
        bar.close()
    last_stats = stats
    return out


_pending: list[Callable[[], object]] = []  # waits for what check_files left writing


def finish_writes() -> None:
    """Wait until the caches the last :func:`check_files` left to child processes are
    written (with ``defer_writes``; otherwise the run waited already)."""
    while _pending:
        _pending.pop(0)()
