"""Finding the files to lint: .gitignore files at every level, nearest first, up to the
repository root; each folder's chain of ignore files is worked out once per walk."""

from __future__ import annotations

import os
from pathlib import Path

from lintnews import files
from lintnews.config import SettingsResolver


def _tree(root: Path, spec: dict[str, str]) -> None:
    for rel, text in spec.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


def _walk(top: Path) -> list[str]:
    return sorted(os.path.relpath(f, top) for f in files.discover([str(top)], SettingsResolver()))


def test_nested_ignore_files_apply_below_their_folder(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    _tree(
        tmp_path,
        {
            ".gitignore": "a.md\n",  # above the repository root: not read
            "repo/.gitignore": "*.txt\ndrafts/\n",
            "repo/a.md": "x",
            "repo/b.txt": "x",
            "repo/drafts/c.md": "x",
            "repo/wires/.gitignore": "old-*.md\n",
            "repo/wires/old-1.md": "x",
            "repo/wires/new-1.md": "x",
            "repo/wires/deep/old-2.md": "x",
            "repo/wires/deep/new-2.md": "x",
            "repo/wires/deep/n.txt": "x",
            "repo/other/old-3.md": "x",
        },
    )
    assert _walk(tmp_path / "repo") == [
        "a.md",
        "other/old-3.md",
        "wires/deep/new-2.md",
        "wires/new-1.md",
    ]


def test_chains_are_worked_out_once_per_folder(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / ".git").mkdir()
    _tree(tmp_path, {".gitignore": "skip-*\n", **{f"d/a{i}.md": "x" for i in range(20)}})
    _tree(tmp_path, {"d/skip-1.md": "x"})
    calls: list[str] = []
    real = files._ignore_chain

    def counted(d: str, stop: str):
        calls.append(d)
        return real(d, stop)

    monkeypatch.setattr(files, "_ignore_chain", counted)
    found = _walk(tmp_path)
    assert found == sorted(f"d/a{i}.md" for i in range(20))
    # one chain per folder asked about (the top folder, for "d" itself, and "d", for its files)
    assert sorted(calls) == sorted([str(tmp_path), str(tmp_path / "d")])
