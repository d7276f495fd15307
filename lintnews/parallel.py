"""Linting many files at once: in this process, in a local process pool, or on Dask.

Every executor takes :class:`Task` objects (a file's text and its settings; files are read
and hashed by the caller, which also owns the cache) and yields ``(index, FileResult)`` as
results arrive. A result comes back without its text (the caller has it) but with the corpus
rules' per-file summaries: the corpus pass is a map (``collect``, run where the file is
linted) and a reduce in the caller once every file is in.

The local pool forks where the platform allows it, after the caller has built the rule
registry (and usually linted a first file, which loads the lazily read dictionaries), so
workers start with everything in memory; elsewhere each worker builds it once, in its
initializer. Dask workers build it once per worker process, on their first batch.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lintnews import gcscope
from lintnews.config import Settings

if TYPE_CHECKING:
    from lintnews.engine import FileResult

BATCH_FILES = 8  # files sent to a worker at a time
BATCH_CHARS = 200_000  # ... or fewer when they are long


@dataclass(frozen=True)
class Task:
    index: int  # position in the run (results are put back in this order)
    path: str  # the path shown in findings
    text: str
    encoding: str
    settings: Settings


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def lint_task(task: Task) -> FileResult:
    from lintnews.engine import lint_source

    res = lint_source(task.path, task.text, task.encoding, task.settings)
    res.text = ""  # the caller has it; do not send it back
    return res


def lint_batch(
    tasks: Sequence[Task],
) -> tuple[list[tuple[int, FileResult]], dict[tuple[str, int], bytes]]:
    """Lint a batch of files (what a worker runs); also returns the regexes it compiled, for
    the caller's disk cache (:mod:`lintnews.rxcache`)."""
    from lintnews import rxcache

    results = [(t.index, lint_task(t)) for t in tasks]
    return results, rxcache.take_new()


def _unpack(
    batch: tuple[list[tuple[int, FileResult]], dict[tuple[str, int], bytes]],
) -> list[tuple[int, FileResult]]:
    from lintnews import rxcache

    results, compiled = batch
    rxcache.merge(compiled)
    return results


def batches(tasks: Sequence[Task]) -> list[list[Task]]:
    out: list[list[Task]] = []
    cur: list[Task] = []
    size = 0
    for t in tasks:
        if cur and (len(cur) >= BATCH_FILES or size + len(t.text) > BATCH_CHARS):
            out.append(cur)
            cur, size = [], 0
        cur.append(t)
        size += len(t.text)
    if cur:
        out.append(cur)
    return out


def prepare(settings_list: Sequence[Settings], files: int = 0) -> None:
    """Build (and cache in this process) the registry and the pattern index of each rule set,
    for a run of ``files`` files."""
    from lintnews.engine import _pattern_index, get_registry
    from lintnews.prefilter import BUILD_AFTER

    for s in settings_list:
        # with its Hyperscan filter: loaded once here, not in every worker
        _pattern_index(get_registry(s)).scan_filter(build=files >= BUILD_AFTER)


# ---------------------------------------------------------------------------------------------
# executors


def run_inline(tasks: Sequence[Task]) -> Iterator[tuple[int, FileResult]]:
    for t in tasks:
        yield t.index, lint_task(t)


def _start_method() -> str | None:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform != "darwin":
        return "fork"
    return None  # the platform's default (spawn)


def _init_worker(settings_list: Sequence[Settings]) -> None:
    prepare(settings_list)


def _init_forked_worker(gc_enabled: bool) -> None:
    if gc_enabled:
        gc.enable()  # the parent turns it off while it collects results (see run_pool)


def run_pool(
    tasks: Sequence[Task], jobs: int, settings_list: Sequence[Settings]
) -> Iterator[tuple[int, FileResult]]:
    """A local process pool of ``jobs`` workers."""
    method = _start_method()
    ctx = multiprocessing.get_context(method) if method else None
    if method == "fork":
        prepare(settings_list, len(tasks))  # built once here, inherited by every worker
        # what is built so far (rules, word lists, automata) lives as long as the run: out
        # of the garbage collector's sight, the workers neither scan nor copy it
        gc.freeze()
    # The results coming back are plain data, no cycles: 2,000 articles make about 25
    # collections here that find nothing and take CPU from the workers.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield from _pool(tasks, jobs, settings_list, ctx, method, enabled)
    finally:
        if gcscope.in_scope():
            # the results join what was frozen before the fork; the open block unfreezes
            # all of it when it ends (unfrozen here, they would be scanned at once: 0.05 s)
            gc.freeze()
        else:
            gc.unfreeze()
        if enabled:
            gc.enable()


def _pool(
    tasks: Sequence[Task],
    jobs: int,
    settings_list: Sequence[Settings],
    ctx: Any,
    method: str | None,
    gc_enabled: bool = True,
) -> Iterator[tuple[int, FileResult]]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    work = batches(tasks)
    with ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(work))),
        mp_context=ctx,
        initializer=_init_forked_worker if method == "fork" else _init_worker,
        initargs=(gc_enabled,) if method == "fork" else (tuple(settings_list),),
    ) as pool:
        futures = [pool.submit(lint_batch, b) for b in work]
        try:
            # (waiters installed once, not once per batch as with repeated wait() calls)
            for fut in as_completed(futures):
                yield from _unpack(fut.result())
        finally:
            for fut in futures:
                fut.cancel()  # those not started yet, when the caller stops early


def run_dask(
    tasks: Sequence[Task], scheduler: str | None, jobs: int | None = None
) -> Iterator[tuple[int, FileResult]]:
    """Fan batches out to a Dask distributed cluster (a LocalCluster when no address is
    given) and yield results as they complete."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:  # pragma: no cover - depends on the environment
        from lintnews.errors import UsageError

        raise UsageError(
            "--executor dask needs dask.distributed: pip install 'lintnews[dask]'"
        ) from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=jobs or default_jobs(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        work = batches(tasks)
        futures = client.map(lint_batch, work, pure=False)
        for fut in as_completed(futures):
            yield from _unpack(fut.result())
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
