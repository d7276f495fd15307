"""Reading a file (lintnews.source.read_file_stat): all of its bytes however it is read (a
regular file, an empty one, one longer than a read, a pipe whose stat says nothing of its
size), the stat taken before the read, and a one-line error for what cannot be read."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from lintnews.errors import InputError
from lintnews.source import _read_fd, read_file_stat


@pytest.mark.parametrize("size", [0, 1, 4095, 65536, 65537, 300_001])
def test_regular_files_are_read_whole(tmp_path: Path, size: int) -> None:
    text = ("Zakharova said ünïcode — " * (size // 20 + 1))[:size]
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    decoded, st = read_file_stat(str(path))
    assert decoded.text == text and decoded.encoding == "utf-8"
    assert st.st_size == len(text.encode("utf-8"))
    assert st.st_ino == path.stat().st_ino


def test_a_pipe_is_read_to_its_end(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    data = ("line of copy\n" * 20_000).encode()  # 260,000 bytes: several reads

    def write() -> None:
        with open(fifo, "wb") as fh:
            fh.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        decoded, st = read_file_stat(str(fifo))
    finally:
        writer.join(timeout=10)
    assert st.st_size == 0  # the stat is no guide here
    assert decoded.text.encode() == data


def test_more_than_the_stat_said_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "grown.txt"
    path.write_bytes(b"x" * 70_000)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert _read_fd(fd, 10) == b"x" * 70_000  # a stale size hint (the file grew)
    finally:
        os.close(fd)


def test_unreadable_paths_give_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no such file or directory$"):
        read_file_stat(str(tmp_path / "missing.md"))
    with pytest.raises(InputError, match=r"is a directory$"):
        read_file_stat(str(tmp_path))
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"abc\x00def")
    with pytest.raises(InputError, match="binary file"):
        read_file_stat(str(binary))


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match=r"permission denied$"):
            read_file_stat(str(path))
    finally:
        path.chmod(0o644)
