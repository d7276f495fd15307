"""The name index file: paths to keys, and reading back what a run wrote."""

from __future__ import annotations

import gc
import os
import pickle
from pathlib import Path

import pytest

from lintnews.name_index import INDEX_FILE, NameIndex


def _relpath_key(path: str, root: str) -> str | None:
    # the definition NameIndex.key follows (its first version, before the fast path)
    if path in ("", "-"):
        return None
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, os.path.abspath(root))
    except ValueError:
        return None
    if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
        return None
    return rel.replace(os.sep, "/")


@pytest.mark.parametrize("root_rel", [".", "repo", "repo/", "./repo/../repo", "/"])
def test_key_is_the_path_relative_to_the_root(tmp_path: Path, monkeypatch, root_rel) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "repo" / "wires").mkdir(parents=True)
    root = root_rel if root_rel != "/" else "/"
    idx = NameIndex(str(tmp_path / "cache"), root)
    paths = [
        "",
        "-",
        "a.md",
        "./a.md",
        "repo",
        "repo/",
        "repo/a.md",
        "repo/wires/b.md",
        "repo//wires/./b.md",
        "repo/wires/../c.md",
        "repo/../repo/d.md",
        "repox/e.md",
        "../outside.md",
        "..",
        str(tmp_path / "repo" / "f.md"),
        str(tmp_path) + "/repo2/g.md",
        "/etc/hosts",
        "/",
    ]
    for p in paths:
        assert idx.key(p) == _relpath_key(p, root), p
        assert idx.key(p) == _relpath_key(p, root), p  # and again, from the memo


def _index_with(cache: Path, root: Path, names: dict[str, str]) -> NameIndex:
    idx = NameIndex(str(cache), str(root))
    for name, text in names.items():
        (root / name).write_text(text, encoding="utf-8")
        from lintnews.name_index import digest

        idx.put(str(root / name), digest(text), [[name.upper(), 0, 1, 1, 1, 1, 2, 1, 1, []]])
    idx.save()
    return idx


def test_reading_back_gives_what_was_written(tmp_path: Path) -> None:
    cache, root = tmp_path / "cache", tmp_path
    idx = _index_with(cache, root, {"a.md": "Alpha.", "b.md": "Beta."})
    again = NameIndex.open(str(cache), str(root))
    assert again is not None
    on_disk = pickle.loads((cache / INDEX_FILE).read_bytes())["files"]
    assert {k: e.forms for k, e in again.entries.items()} == {
        k: v["forms"] for k, v in on_disk.items()
    }
    assert set(again.entries) == {"a.md", "b.md"}
    # a copy: dropping an entry from one index leaves the next one read whole
    again.entries.clear()
    assert set(NameIndex.open(str(cache), str(root)).entries) == {"a.md", "b.md"}
    assert set(idx.entries) == {"a.md", "b.md"}


def test_a_file_rewritten_by_someone_else_is_read_again(tmp_path: Path) -> None:
    cache, root = tmp_path / "cache", tmp_path
    _index_with(cache, root, {"a.md": "Alpha.", "b.md": "Beta."})
    path = cache / INDEX_FILE
    data = pickle.loads(path.read_bytes())
    del data["files"]["b.md"]
    path.write_bytes(pickle.dumps(data))  # in place: same inode
    assert set(NameIndex.open(str(cache), str(root)).entries) == {"a.md"}
    path.unlink()
    assert NameIndex.open(str(cache), str(root)).entries == {}


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_collector_as_found(tmp_path: Path, enabled: bool) -> None:
    cache, root = tmp_path / "cache", tmp_path
    _index_with(cache, root, {"a.md": "Alpha."})
    path = cache / INDEX_FILE
    path.write_bytes(path.read_bytes() + b".")  # the same entries, read from the file
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert set(NameIndex.open(str(cache), str(root)).entries) == {"a.md"}
        assert gc.isenabled() is enabled
        path.write_bytes(b"\x80\x05broken")
        assert NameIndex.open(str(cache), str(root)).entries == {}
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_an_index_naming_code_is_refused_not_run(tmp_path: Path) -> None:
    cache, root = tmp_path / "cache", tmp_path
    _index_with(cache, root, {"a.md": "Alpha."})
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    (cache / INDEX_FILE).write_bytes(pickle.dumps({"version": 2, "files": {}, "x": Evil()}))
    assert NameIndex.open(str(cache), str(root)).entries == {}
    assert not marker.exists()


def test_writing_removes_the_index_of_the_earlier_format(tmp_path: Path) -> None:
    cache, root = tmp_path / "cache", tmp_path
    cache.mkdir()
    (cache / "consistency-names.json").write_text('{"version": 1, "files": {}}', "utf-8")
    _index_with(cache, root, {"a.md": "Alpha."})
    assert sorted(p.name for p in cache.iterdir()) == [INDEX_FILE]


# -- what a run saw when it read a file: put() trusts an unchanged, settled file ------------


def _article(root: Path, name: str, text: str, age_s: float) -> tuple[str, os.stat_result]:
    path = root / name
    path.write_text(text, encoding="utf-8")
    t = int((__import__("time").time() - age_s) * 1e9)
    os.utime(path, ns=(t, t))
    return str(path), os.stat(path)


def _counting_reads(monkeypatch) -> list[str]:
    from lintnews import name_index

    reads: list[str] = []
    real = name_index.read_file

    def counted(path: str):
        reads.append(path)
        return real(path)

    monkeypatch.setattr(name_index, "read_file", counted)
    return reads


def test_an_unchanged_settled_file_is_not_read_again(tmp_path: Path, monkeypatch) -> None:
    from lintnews.name_index import digest, read_stamp

    root = tmp_path / "repo"
    root.mkdir()
    text = "Maria Zakharova spoke.\n"
    path, st = _article(root, "a.md", text, age_s=60)
    reads = _counting_reads(monkeypatch)
    idx = NameIndex(str(tmp_path / "cache"), str(root))
    now = __import__("time").time_ns()
    idx.put(path, digest(text), [["Zakharova"]], read_stamp(st, now))
    assert reads == []
    assert idx.entries["a.md"].digest == digest(text)
    assert idx.entries["a.md"].mtime_ns == st.st_mtime_ns
    # without a stamp the file is read to check it
    idx.put(path, digest(text), [["Zakharova"]])
    assert reads == [path]


def test_a_file_changed_since_it_was_read_is_read_and_dropped(tmp_path: Path, monkeypatch) -> None:
    from lintnews.name_index import digest, read_stamp

    root = tmp_path / "repo"
    root.mkdir()
    text = "Maria Zakharova spoke.\n"
    path, st = _article(root, "a.md", text, age_s=60)
    seen = read_stamp(st, __import__("time").time_ns())
    Path(path).write_text("Maria Zakarova spoke at length.\n", encoding="utf-8")
    reads = _counting_reads(monkeypatch)
    idx = NameIndex(str(tmp_path / "cache"), str(root))
    idx.put(path, digest(text), [["Zakharova"]], seen)
    assert reads == [path]
    assert "a.md" not in idx.entries  # the disk no longer holds the checked text


def test_a_racy_file_is_read_again_even_with_its_stat_unchanged(
    tmp_path: Path, monkeypatch
) -> None:
    from lintnews.name_index import RACY_NS, digest, read_stamp

    root = tmp_path / "repo"
    root.mkdir()
    text = "Maria Zakharova spoke.\n"
    path, st = _article(root, "a.md", text, age_s=0)
    seen = read_stamp(st, st.st_mtime_ns + RACY_NS // 2)  # read within the racy window
    # rewritten with the same size and, as a coarse clock would leave it, the same mtime
    Path(path).write_text("Maria Zakarova spokes.\n", encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(path).st_size == st.st_size
    reads = _counting_reads(monkeypatch)
    idx = NameIndex(str(tmp_path / "cache"), str(root))
    idx.put(path, digest(text), [["Zakharova"]], seen)
    assert reads == [path]
    assert "a.md" not in idx.entries


def test_a_run_reads_settled_articles_once(tmp_path: Path, monkeypatch) -> None:
    from lintnews import runner
    from lintnews.config import Overrides, SettingsResolver

    root = tmp_path / "repo"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.lintnews]\n", encoding="utf-8")
    settled = [
        _article(root, f"s{i}.md", f"Maria Zakharova spoke on day {i}.\n", 60)[0] for i in range(5)
    ]
    fresh = [
        _article(root, f"f{i}.md", f"Later Zakharova said more on day {i}.\n", 0)[0]
        for i in range(3)
    ]
    monkeypatch.chdir(root)
    reads = _counting_reads(monkeypatch)
    cache = str(tmp_path / "cache")
    resolver = SettingsResolver(Overrides(cache_dir=cache, extend_select=("CN",)))
    runner.check_files(settled + fresh, resolver, jobs=1)
    # the settled articles were read once, by the run; the fresh ones again by the index
    assert sorted(reads) == sorted(os.path.join(str(root), os.path.basename(f)) for f in fresh)
    idx = NameIndex.open(cache, str(root))
    assert idx is not None
    assert sorted(idx.entries) == sorted(os.path.basename(f) for f in settled + fresh)


def _relpath_relative(path: str, root: str, cwd: str) -> str:
    # config._relative as it was defined before its fast path
    try:
        full = os.path.normpath(os.path.join(cwd, path))
        return os.path.relpath(full, os.path.join(cwd, root)).replace(os.sep, "/")
    except ValueError:
        return path


@pytest.mark.parametrize("root", [".", "repo", "repo/", "./repo/../repo", "/", "//", "/tmp"])
@pytest.mark.parametrize("cwd", ["/", "/work", "/work/sub/", "//net"])
def test_settings_relative_paths_equal_relpath(root: str, cwd: str) -> None:
    from lintnews.config import _relative

    paths = [
        "a.md",
        "./a.md",
        "repo",
        "repo/",
        "repo/a.md",
        "repo//wires/./b.md",
        "repo/wires/../c.md",
        "repox/e.md",
        "../outside.md",
        "..",
        ".",
        "/",
        "//x/y.md",
        "/work/repo/f.md",
        "/work/sub/g.md",
        "/tmp/h.md",
        "/etc/hosts",
    ]
    for p in paths:
        assert _relative(p, root, cwd) == _relpath_relative(p, root, cwd), (p, root, cwd)
