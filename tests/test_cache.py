"""The results cache: a second run reuses it and prints the same; edits and settings
invalidate; --no-cache neither reads nor writes; the corpus pass still runs on cached files."""

from __future__ import annotations

import json
from pathlib import Path

from lintnews import cache as cache_mod
from lintnews import runner
from lintnews.cache import ResultCache, run_key
from lintnews.config import Overrides, Settings, SettingsResolver

ARTICLES = {
    "a.txt": "Mirela Kovačević said the the talks would resume.\n\nThe goverment agreed.\n",
    "b.md": "# Talks\n\nMirela Kovacevic declared to the press that talks would resume.\n",
    "c.txt": "Mirela Kovačević met union leaders in Valmora on Monday.\n",
    "d.txt": "The council approved the budget on Tuesday.\n",
}


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "lintnews.toml").write_text('extend-select = ["CN"]\n', encoding="utf-8")
    for name, text in ARTICLES.items():
        (repo / name).write_text(text, encoding="utf-8")
    return repo


def run(repo: Path, *extra: str, **over) -> list:
    resolver = SettingsResolver(Overrides(**over), str(repo / "lintnews.toml"))
    files = [str(repo / n) for n in sorted(ARTICLES)] + list(extra)
    return runner.check_files(files, resolver, jobs=1)


def snapshot(results) -> list[tuple]:
    return [
        (r.path, d.code, d.start, d.end, d.message, d.fix) for r in results for d in r.diagnostics
    ]


def test_second_run_uses_the_cache_and_gives_the_same_findings(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    first = run(repo)
    assert runner.last_stats.cache_hits == 0 and runner.last_stats.linted == 4
    assert (repo / ".lintnews_cache" / "results-1").is_dir()
    # the consistency rules' name index lives beside it and is still written
    assert (repo / ".lintnews_cache" / "consistency-names.pickle").is_file()
    second = run(repo)
    assert runner.last_stats.cache_hits == 4 and runner.last_stats.linted == 0
    assert snapshot(second) == snapshot(first)
    # the corpus pass ran over the cached summaries
    assert any(d.code.startswith("CN") for r in second for d in r.diagnostics)
    assert all(r.text for r in second)


def test_edit_invalidates_only_that_file(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    run(repo)
    (repo / "d.txt").write_text("The the council met.\n", encoding="utf-8")
    results = run(repo)
    assert runner.last_stats.cache_hits == 3 and runner.last_stats.linted == 1
    d = next(r for r in results if r.path.endswith("d.txt"))
    assert any(x.code == "GB001" or "doubled" in x.message for x in d.diagnostics)


def test_settings_invalidate(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    run(repo)
    narrowed = run(repo, ignore=("GB",))
    assert runner.last_stats.cache_hits == 0
    assert not any(d.code.startswith("GB") for r in narrowed for d in r.diagnostics)
    run(repo, ignore=("GB",))
    assert runner.last_stats.cache_hits == 4
    # a changed vocabulary file changes the key too
    voc = repo / "accept.txt"
    voc.write_text("goverment\n", encoding="utf-8")
    s = Settings(vocabulary_accept=(str(voc),))
    k1 = run_key(s)
    voc.write_text("goverment\nvalmora\n", encoding="utf-8")
    assert run_key(s) != k1


def test_no_cache_reads_and_writes_nothing(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    run(repo, no_cache=True)
    assert not (repo / ".lintnews_cache").exists()
    run(repo)
    run(repo, no_cache=True)
    assert runner.last_stats.cache_hits == 0 and runner.last_stats.linted == 4


def test_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    first = run(repo)
    for f in (repo / ".lintnews_cache" / "results-1").iterdir():
        f.write_bytes(b"not a pickle")
    again = run(repo)
    assert runner.last_stats.cache_hits == 0
    assert snapshot(again) == snapshot(first)


def test_cached_findings_take_the_path_of_this_run(tmp_path: Path, monkeypatch) -> None:
    repo = make_repo(tmp_path)
    monkeypatch.chdir(repo)
    resolver = SettingsResolver(Overrides(), str(repo / "lintnews.toml"))
    runner.check_files([str(repo / "a.txt")], resolver, jobs=1)
    res = runner.check_files(["a.txt"], resolver, jobs=1)
    assert runner.last_stats.cache_hits == 1
    assert res[0].diagnostics and all(d.path == "a.txt" for d in res[0].diagnostics)


def test_cli_warm_run_identical(tmp_path: Path, cli) -> None:
    repo = make_repo(tmp_path)
    first = cli("check", "--output-format", "json", ".", cwd=repo)
    second = cli("check", "--output-format", "json", ".", cwd=repo)
    assert first.returncode == second.returncode == 1
    assert json.loads(first.stdout) == json.loads(second.stdout)
    assert list((repo / ".lintnews_cache" / "results-1").glob("*.pickle"))


def test_cache_object_counts_hits_and_misses(tmp_path: Path) -> None:
    s = Settings(root=str(tmp_path), cache_dir=str(tmp_path / "c"))
    cache = ResultCache()
    assert cache.get(str(tmp_path / "x.txt"), "text", "d1", s) is None
    assert cache.misses == 1 and cache.hits == 0


def test_word_frequencies_read_from_disk_match_wordfreq() -> None:
    import wordfreq

    from lintnews import freqstore
    from lintnews.engine import get_registry

    get_registry(Settings())  # installs the on-disk lists
    if freqstore._original is None:
        return  # no cache folder here: wordfreq is used as it is
    words = ["minister", "ministre", "the", "qwxzv", "jihadist", "2020", "Paris", ""]
    for lang in ("en", "fr", "de"):
        lazy = wordfreq.get_frequency_dict(lang)
        real = freqstore._original(lang)
        assert isinstance(lazy, dict)
        for w in words:
            assert (w in lazy) == (w in real)
            assert lazy.get(w) == real.get(w)
        assert list(lazy)[:50] == list(real)[:50]
        assert len(lazy) == len(real)
    assert wordfreq.zipf_frequency("minister", "fr") > 0


def test_old_results_files_are_pruned(tmp_path: Path) -> None:
    import os
    import time

    repo = make_repo(tmp_path)
    results = repo / ".lintnews_cache" / "results-1"
    results.mkdir(parents=True)
    old = results / "0123.pickle"
    old.write_bytes(b"x")
    then = time.time() - 30 * 86400
    os.utime(old, (then, then))
    recent = results / "4567.pickle"
    recent.write_bytes(b"x")
    run(repo)
    assert not old.exists() and recent.exists()


PACK = """pack: test-prune
family: GB
rules:
  - code: GB901
    name: prune-test
    type: existence
    phrase: flibbertigibbet
    bad: ["A flibbertigibbet said so."]
    good: ["A person said so."]
"""


def test_stale_pack_cache_entries_are_pruned(tmp_path: Path, monkeypatch) -> None:
    import os
    import time

    from lintnews import packs

    folder = tmp_path / "packcache"
    folder.mkdir()
    monkeypatch.setenv("LINTNEWS_PACK_CACHE", str(folder))
    old = time.time() - packs.PACK_CACHE_MAX_AGE - 3600
    stale = folder / ("a" * 40 + ".pickle")  # an entry of a pack edited long ago
    index = folder / "index-11-0123.pickle"  # other caches in the folder are not touched
    for p in (stale, index):
        p.write_bytes(b"x")
        os.utime(p, (old, old))
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK, encoding="utf-8")
    rules = packs.load_pack(pack)  # a miss: the entry is written, stale ones pruned
    assert [r.code for r in rules] == ["GB901"]
    assert not stale.exists() and index.exists()
    (entry,) = [p for p in folder.iterdir() if p != index]
    os.utime(entry, (old, old))
    packs._TOUCHED.clear()
    assert [r.code for r in packs.load_pack(pack)] == ["GB901"]  # a hit marks it as used
    assert entry.stat().st_mtime > old + 3600
    assert packs.prune_pack_cache(folder) == 0 and entry.exists()


def _count_reduces(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    real = runner.corpus_findings

    def counting(results, settings, read_stamps=None, deferred=None):  # type: ignore[no-untyped-def]
        calls.append(len(results))
        return real(results, settings, read_stamps, deferred)

    monkeypatch.setattr(runner, "corpus_findings", counting)
    return calls


def _fresh(repo: Path, *paths: str) -> list:
    resolver = SettingsResolver(Overrides(no_cache=True), str(repo / "lintnews.toml"))
    files = [str(repo / n) for n in paths]
    return runner.check_files(files, resolver, jobs=1)


def test_unchanged_run_reuses_the_corpus_findings(tmp_path: Path, monkeypatch) -> None:
    repo = make_repo(tmp_path)
    calls = _count_reduces(monkeypatch)
    first = run(repo)
    assert calls == [4]
    assert list((repo / ".lintnews_cache" / "results-1").glob("corpus-*.pickle"))
    second = run(repo)
    assert calls == [4]  # nothing changed: the stored corpus findings, no reduce
    assert snapshot(second) == snapshot(first)
    assert any(d.code == "CN001" for r in second for d in r.diagnostics)


def test_corpus_findings_follow_an_edit_in_any_file(tmp_path: Path, monkeypatch) -> None:
    repo = make_repo(tmp_path)
    calls = _count_reduces(monkeypatch)
    run(repo)
    # the variant spelling disappears from b.md: the name findings in the others change
    (repo / "b.md").write_text("# Talks\n\nThe union declared talks would resume.\n", "utf-8")
    after = run(repo)
    assert len(calls) == 2
    assert snapshot(after) == snapshot(_fresh(repo, *sorted(ARTICLES)))
    # settings of the run are part of it too
    run(repo, select=("CN", "GB"))
    assert len(calls) == 3


def test_corpus_findings_follow_an_indexed_article_outside_the_run(
    tmp_path: Path, monkeypatch
) -> None:
    repo = make_repo(tmp_path)
    calls = _count_reduces(monkeypatch)
    run(repo)  # every article: the name index now holds all four

    def two() -> list:
        resolver = SettingsResolver(Overrides(), str(repo / "lintnews.toml"))
        return runner.check_files([str(repo / "a.txt"), str(repo / "d.txt")], resolver, jobs=1)

    before = two()
    n = len(calls)
    assert snapshot(two()) == snapshot(before) and len(calls) == n  # reused
    # c.txt is not in the run, but the index brings its names in: editing it on disk counts
    (repo / "c.txt").write_text("Union leaders met in Valmora on Monday.\n", encoding="utf-8")
    edited = two()
    assert len(calls) == n + 1
    assert snapshot(edited) != snapshot(before)


def test_damaged_corpus_findings_are_worked_out_again(tmp_path: Path, monkeypatch) -> None:
    repo = make_repo(tmp_path)
    calls = _count_reduces(monkeypatch)
    first = run(repo)
    for p in (repo / ".lintnews_cache" / "results-1").glob("corpus-*.pickle"):
        p.write_bytes(b"not a pickle")
    again = run(repo)
    assert len(calls) == 2 and snapshot(again) == snapshot(first)


def _filled_cache(tmp_path: Path, folder: str) -> tuple[ResultCache, Settings]:
    repo = tmp_path / "repo"
    if not repo.is_dir():
        make_repo(tmp_path)
    s = Settings(root=str(repo), cache_dir=str(tmp_path / folder))
    cache = ResultCache()
    for r in run(repo, cache_dir=""):  # fresh results, nothing cached
        cache.put(r, f"digest-{r.path}", s)
    return cache, s


def _written(s: Settings) -> dict:
    import pickle

    (path,) = _results_files(s)
    return pickle.loads(path.read_bytes())


def _results_files(s: Settings) -> list[Path]:
    folder = Path(s.cache_dir) / "results-1"
    return [p for p in folder.glob("*.pickle") if not p.name.startswith("corpus-")]


def test_background_save_writes_what_a_plain_save_writes(tmp_path: Path) -> None:
    plain, s_plain = _filled_cache(tmp_path, "plain")
    plain.save()
    bg, s_bg = _filled_cache(tmp_path, "bg")
    bg.save(background=True)
    assert bg._writer is not None  # a child process writes it (pytest runs no other thread)
    bg.wait()
    assert bg._writer is None
    written = _written(s_bg)
    assert len(written) == 4
    assert written == _written(s_plain)
    # saved once: nothing is written again
    (path,) = _results_files(s_bg)
    before = path.stat().st_mtime_ns
    bg.save(background=True)
    assert bg._writer is None
    assert path.stat().st_mtime_ns == before


def test_background_save_is_a_plain_one_beside_another_thread(tmp_path: Path) -> None:
    import threading

    cache, s = _filled_cache(tmp_path, "t")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        cache.save(background=True)  # forking beside a thread is unsafe: written here
        assert cache._writer is None
        assert len(_written(s)) == 4
    finally:
        stop.set()
        other.join()


def test_a_run_leaves_the_whole_cache_written(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(runner, "BACKGROUND_WRITE_AFTER", 1)  # (50 files by default)
    repo = make_repo(tmp_path)
    resolver = SettingsResolver(Overrides(), str(repo / "lintnews.toml"))
    files = [str(repo / n) for n in sorted(ARTICLES)]
    runner.check_files(files, resolver, jobs=2)  # a pool, then the background save
    assert len(_written(resolver.default())) == 4


def test_background_save_falls_back_when_no_child_can_start(tmp_path: Path, monkeypatch) -> None:
    import os

    def no_fork() -> int:
        raise OSError(12, "Cannot allocate memory")

    cache, s = _filled_cache(tmp_path, "nofork")
    monkeypatch.setattr(os, "fork", no_fork)
    cache.save(background=True)
    assert cache._writer is None
    assert len(_written(s)) == 4


def test_a_child_that_could_not_write_leaves_the_cache_to_write(tmp_path: Path) -> None:
    import os

    cache, s = _filled_cache(tmp_path, "ro")
    os.makedirs(s.cache_dir)
    (Path(s.cache_dir) / "results-1").write_text("a file where the folder should be")
    cache.save(background=True)
    assert cache._writer is not None
    cache.wait()  # the child failed: the buckets are still to be written
    (Path(s.cache_dir) / "results-1").unlink()
    cache.save()
    assert len(_written(s)) == 4


# -- what the corpus pass writes for the next run (the name index, the stored findings) ----


def _corpus_files(s: Settings) -> tuple[list[Path], bool]:
    folder = Path(s.cache_dir)
    return (
        list((folder / "results-1").glob("corpus-*.pickle")),
        (folder / "consistency-names.pickle").exists(),
    )


def test_corpus_writes_by_a_child_wait_for_finish_writes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(runner, "BACKGROUND_WRITE_AFTER", 1)  # (50 files by default)
    forks: list[int] = []
    real_fork = cache_mod.fork_writer

    def counted(job):  # type: ignore[no-untyped-def]
        pid = real_fork(job)
        forks.append(pid)
        return pid

    monkeypatch.setattr(cache_mod, "fork_writer", counted)
    repo = make_repo(tmp_path)
    resolver = SettingsResolver(Overrides(), str(repo / "lintnews.toml"))
    files = [str(repo / n) for n in sorted(ARTICLES)]
    calls = _count_reduces(monkeypatch)
    first = runner.check_files(files, resolver, jobs=1, defer_writes=True)
    assert calls == [4]
    assert len(forks) == 2 and all(forks)  # the results, then the corpus pass's files
    assert runner._pending  # left to wait for
    runner.finish_writes()
    assert not runner._pending
    stored, index = _corpus_files(resolver.default())
    assert stored and index
    second = runner.check_files(files, resolver, jobs=1)  # waits before it returns
    assert calls == [4]  # the stored findings, written by the child, are used
    assert snapshot(second) == snapshot(first)


def test_corpus_writes_in_place_when_no_child_can_start(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(runner, "BACKGROUND_WRITE_AFTER", 1)
    monkeypatch.setattr(cache_mod, "_can_fork", lambda: False)
    repo = make_repo(tmp_path)
    resolver = SettingsResolver(Overrides(), str(repo / "lintnews.toml"))
    files = [str(repo / n) for n in sorted(ARTICLES)]
    runner.check_files(files, resolver, jobs=1, defer_writes=True)
    stored, index = _corpus_files(resolver.default())
    assert stored and index  # written before the run returned
    runner.finish_writes()


def test_small_runs_write_the_corpus_files_in_place(tmp_path: Path, monkeypatch) -> None:
    def refuse(job):  # type: ignore[no-untyped-def]
        raise AssertionError("no child for a small run")

    monkeypatch.setattr(cache_mod, "fork_writer", refuse)
    repo = make_repo(tmp_path)
    resolver = SettingsResolver(Overrides(), str(repo / "lintnews.toml"))
    files = [str(repo / n) for n in sorted(ARTICLES)]  # 4 files: fewer than 50
    runner.check_files(files, resolver, jobs=1)
    stored, index = _corpus_files(resolver.default())
    assert stored and index
