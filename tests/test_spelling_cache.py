"""The suggestible words (Lexicon._words) kept in the user cache: the same words as working
them out, read back instead of worked out again, and never reused for another table,
overlay or damaged file."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.spelling import lexicon
from lintnews.spelling.lexicon import WORDS_PREFIX, Lexicon, Table, load_table


def _table_file() -> Path:
    """The lexicon's table file in the usual cache (made there if need be: building the
    table takes seconds, so the tests read it rather than build it)."""
    load_table(words_cache)
    name = f"lexicon-{lexicon.FORMAT}-{lexicon._versions()}.bin"
    places = [
        lexicon.cache_home() / name,
        Path(lexicon.tempfile.gettempdir()) / f"lintnews-{lexicon._user()}" / name,
    ]
    return next(p for p in places if p.exists())


@pytest.fixture
def words_cache(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """(the folder the suggestible words go to, the table file the tests read)."""
    table_file = _table_file()
    home = tmp_path / "cache"
    monkeypatch.setenv("LINTNEWS_CACHE_HOME", str(home))
    return home, table_file


def _table(words_cache: tuple[Path, Path]) -> Table:
    table = lexicon._read_cache(words_cache[1])
    assert table is not None and table.origin is not None
    return table


def _files(words_cache: tuple[Path, Path]) -> list[Path]:
    return sorted(words_cache[0].glob(f"{WORDS_PREFIX}*.marshal"))


def _counting(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = Lexicon._suggestible_sorted

    def counted(self: Lexicon) -> list[str]:
        calls.append(1)
        return real(self)

    monkeypatch.setattr(Lexicon, "_suggestible_sorted", counted)
    return calls


def test_read_back_equals_worked_out(words_cache: tuple[Path, Path], monkeypatch) -> None:
    calls = _counting(monkeypatch)
    first = Lexicon(_table(words_cache), ["zakharova"])
    words = first._words()
    assert calls == [1]
    assert len(_files(words_cache)) == 1
    assert "zakharova" in words and "government" in words and "goverment" not in words
    again = Lexicon(_table(words_cache), ["zakharova"])
    assert again._words() == words
    assert again._ordered == first._ordered == sorted(words)
    assert calls == [1]  # read back, not worked out again


def test_another_overlay_is_worked_out_again(words_cache: tuple[Path, Path], monkeypatch) -> None:
    calls = _counting(monkeypatch)
    a = Lexicon(_table(words_cache), ["zakharova"])._words()
    b = Lexicon(_table(words_cache), ["tokayev"])._words()
    assert calls == [1, 1]
    assert "tokayev" in b and "tokayev" not in a
    assert len(_files(words_cache)) == 2


def test_a_damaged_file_is_worked_out_and_rewritten(
    words_cache: tuple[Path, Path], monkeypatch
) -> None:
    words = Lexicon(_table(words_cache))._words()
    (path,) = _files(words_cache)
    path.write_bytes(b"\x00garbage")
    calls = _counting(monkeypatch)
    assert Lexicon(_table(words_cache))._words() == words
    assert calls == [1]
    assert Lexicon(_table(words_cache))._words() == words
    assert calls == [1]  # the rewritten file is read


def test_a_table_built_in_this_process_is_not_cached(words_cache: tuple[Path, Path]) -> None:
    table = Table.from_dict({"news": 500 << 1 | 1, "newz": 100 << 1})
    assert table.origin is None
    assert Lexicon(table)._words() == frozenset({"news"})
    assert _files(words_cache) == []
