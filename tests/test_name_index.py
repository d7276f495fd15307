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
