"""The garbage collector during a run: a larger young generation, results frozen once they
are in, the collector paused in the parent while the pool works (never in the workers), and
everything as it was once the outermost block ends."""

from __future__ import annotations

import gc

import pytest
from test_parallel import make_corpus

from lintnews import gcscope, parallel, runner
from lintnews.cli import main
from lintnews.config import Overrides, Settings, SettingsResolver
from lintnews.engine import FileResult


@pytest.fixture(autouse=True)
def _clean_gc():
    gc.unfreeze()
    yield
    gc.unfreeze()


def _tracked(obj: object) -> bool:
    """Whether the collector can see obj (frozen objects are out of its generations)."""
    return any(o is obj for o in gc.get_objects())


def test_blocks_nest_and_the_outermost_restores() -> None:
    before = gc.get_threshold()
    marker: list[list[int]] = [[1]]
    with gcscope.gc_scope():
        assert gc.get_threshold()[0] == max(before[0], gcscope.GC_YOUNG)
        assert gcscope.in_scope()
        with gcscope.gc_scope():
            gc.freeze()
            assert not _tracked(marker)
        # the inner block ends: what was frozen stays frozen, the threshold stays raised
        assert not _tracked(marker)
        assert gc.get_threshold()[0] == max(before[0], gcscope.GC_YOUNG)
    assert not gcscope.in_scope()
    assert _tracked(marker)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def test_restored_after_an_exception() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), gcscope.gc_scope():
        gc.freeze()
        raise RuntimeError("boom")
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before
    assert not gcscope.in_scope()


def _tasks(folder, n: int = 6) -> list[parallel.Task]:
    settings = Settings(cache_dir="")
    out = []
    for i, p in enumerate(make_corpus(folder, n=n)):
        with open(p, encoding="utf-8") as fh:
            out.append(parallel.Task(i, p, fh.read(), "utf-8", settings))
    return out


@pytest.mark.skipif(parallel._start_method() != "fork", reason="needs fork")
def test_pool_pauses_the_collector_here_but_not_in_the_workers(tmp_path, monkeypatch) -> None:
    # the forked workers inherit the patched function: each reports its collector's state
    def report(task: parallel.Task) -> FileResult:
        return FileResult(path=task.path, error=f"gc enabled: {gc.isenabled()}")

    monkeypatch.setattr(parallel, "lint_task", report)
    tasks = _tasks(tmp_path)
    seen_here = []
    with gcscope.gc_scope():
        assert gc.isenabled()
        results = []
        for i, res in parallel.run_pool(tasks, 2, [tasks[0].settings]):
            seen_here.append(gc.isenabled())
            results.append((i, res))
        assert gc.isenabled()  # back on once the pool is done
        assert gc.get_freeze_count() > 0  # the results are frozen with what the fork froze
    assert gc.get_freeze_count() == 0
    assert sorted(i for i, _ in results) == list(range(len(tasks)))
    assert {r.error for _, r in results} == {"gc enabled: True"}
    assert seen_here and not any(seen_here)


@pytest.mark.skipif(parallel._start_method() != "fork", reason="needs fork")
def test_a_collector_turned_off_by_the_caller_stays_off(tmp_path, monkeypatch) -> None:
    def report(task: parallel.Task) -> FileResult:
        return FileResult(path=task.path, error=f"gc enabled: {gc.isenabled()}")

    monkeypatch.setattr(parallel, "lint_task", report)
    tasks = _tasks(tmp_path, n=4)
    gc.disable()
    try:
        results = list(parallel.run_pool(tasks, 2, [tasks[0].settings]))
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert {r.error for _, r in results} == {"gc enabled: False"}
    # outside any block, the pool leaves nothing frozen
    assert gc.get_freeze_count() == 0


def test_a_run_freezes_its_results_until_its_block_ends(tmp_path) -> None:
    files = make_corpus(tmp_path, n=6)
    resolver = SettingsResolver(Overrides(no_cache=True))
    with gcscope.gc_scope():
        results = runner.check_files(files, resolver, jobs=2)
        assert runner.last_stats.executor == "pool"
        assert gc.get_freeze_count() > 0
        assert [r.path for r in results] == files
    assert gc.get_freeze_count() == 0
    runner.check_files(files, resolver, jobs=1)  # its own block
    assert runner.last_stats.executor == "inline"
    assert gc.get_freeze_count() == 0


def test_the_command_line_leaves_the_collector_as_it_found_it(tmp_path, capsys) -> None:
    files = make_corpus(tmp_path, n=6)
    before = gc.get_threshold()
    assert main(["check", "--no-cache", "--jobs", "2", *files]) == 1
    assert "Found" in capsys.readouterr().out
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
    assert not gcscope.in_scope()
