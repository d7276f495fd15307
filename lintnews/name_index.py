"""The persisted index of the names a repository's articles use (for the consistency rules).

One pickle file of plain lists and strings (read back by an unpickler that refuses anything
else) in the cache folder (``Settings.cache_dir``), keyed by each article's path
relative to the repository root (``Settings.root``). An entry carries the article's content
hash and file stat, so an entry whose file was edited or deleted since it was indexed is
dropped instead of being trusted; a run replaces the entries of the articles it checked.
Only articles inside the root are indexed. An empty ``cache_dir`` (``--no-cache``) disables the
index: nothing is read or written.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lintnews.errors import InputError
from lintnews.source import read_file
from lintnews.usercache import write_pickle

INDEX_FILE = "consistency-names.pickle"
OLD_FILES = ("consistency-names.json",)  # earlier formats, removed when the index is written
VERSION = 2

# One name form in one article: [form, start, end, row, col, end_row, end_col, count, nonweak,
# neighbours]; positions are those of the form's first mention (source offsets, 1-based rows
# and columns).
FormRecord = list[Any]

# What a run saw of a file when it read it: (inode, mtime_ns, size, the time of the read in
# ns). A file whose stat is still that and whose mtime is RACY_NS older than the read holds
# the text that was read: it has not been written since (a write within the same tick of
# the file system's clock, which may be as coarse as 2 s, could keep mtime and size, so a
# newer file is read again, as git does with "racily clean" entries).
ReadStamp = tuple[int, int, int, int]
RACY_NS = 2_000_000_000
READ_STAMPS = "read_stamps"  # Context.state key of a corpus pass: path -> ReadStamp
# Context.state key of a corpus pass: a list the reduce appends the index's save to, instead
# of writing it there (the runner writes it while the output is printed)
DEFERRED_SAVES = "deferred_saves"


def read_stamp(st: os.stat_result, read_at_ns: int) -> ReadStamp:
    return st.st_ino, st.st_mtime_ns, st.st_size, read_at_ns


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Entry:
    digest: str
    mtime_ns: int
    size: int
    forms: list[FormRecord]


# The entries of the index files this process last read or wrote, with the file's stamp
# (inode, mtime, size): a run reads the index after its reduce wrote it, and need not parse
# the file again while it is the one written. Entries are copied in and out.
_memo: dict[str, tuple[tuple[int, int, int], dict[str, Entry]]] = {}


def _stamp(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def _copy(entries: dict[str, Entry]) -> dict[str, Entry]:
    return {k: Entry(e.digest, e.mtime_ns, e.size, e.forms) for k, e in entries.items()}


class _PlainUnpickler(pickle.Unpickler):
    """Lists, dicts, strings and numbers only: a file that names any class or function is
    refused instead of run."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"the name index holds {module}.{name}")


class NameIndex:
    """Load, validate and rewrite the index file of one repository root."""

    def __init__(self, cache_dir: str, root: str) -> None:
        self.root = os.path.abspath(root)
        self.cache_dir = os.path.abspath(cache_dir)
        self.path = os.path.join(self.cache_dir, INDEX_FILE)
        self.entries: dict[str, Entry] = {}
        self.changed = False
        self._root_prefix = os.path.join(self.root, "")
        self._keys: dict[str, str | None] = {}

    @classmethod
    def open(cls, cache_dir: str, root: str) -> NameIndex | None:
        """The index, or None when the cache is disabled (empty cache_dir)."""
        if not cache_dir:
            return None
        idx = cls(cache_dir, root)
        idx._load()
        return idx

    @classmethod
    def state(cls, cache_dir: str, root: str, paths: Iterable[str]) -> str:
        """What a reduce over the articles ``paths`` reads from the index: the index file
        as it is, and the articles of the repository outside the run it would use (their
        keys and contents, once each is checked against the disk as :meth:`others` does)."""
        idx = cls.open(cache_dir, root)
        if idx is None or not os.path.isfile(idx.path):
            return "no index"
        keys = [k for k in (idx.key(p) for p in paths) if k is not None]
        if not keys:
            return "not in the repository"  # the reduce does not use the index
        h = hashlib.blake2b(digest_size=16)
        for key, entry in sorted(idx.others(keys).items()):
            h.update(f"{key}\0{entry.digest}\0".encode("utf-8", "surrogatepass"))
        try:
            st = os.stat(idx.path)
            h.update(f"{st.st_mtime_ns}|{st.st_size}".encode())
        except OSError:
            h.update(b"gone")
        return h.hexdigest()

    # -- paths --------------------------------------------------------------------------
    def key(self, path: str) -> str | None:
        """The path relative to the root, or None for stdin and files outside the root."""
        try:
            return self._keys[path]
        except KeyError:
            pass
        key = self._keys[path] = self._key(path)
        return key

    def _key(self, path: str) -> str | None:
        if path in ("", "-"):
            return None
        full = os.path.abspath(path)
        if len(full) > len(self._root_prefix) and full.startswith(self._root_prefix):
            # what relpath gives for a normalised path below the root, without its work
            return full[len(self._root_prefix) :].replace(os.sep, "/")
        try:
            rel = os.path.relpath(full, self.root)
        except ValueError:
            return None
        if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
            return None
        return rel.replace(os.sep, "/")

    def display(self, key: str) -> str:
        """A path to show for an indexed article (relative to the working folder)."""
        full = os.path.join(self.root, key)
        try:
            return os.path.relpath(full)
        except ValueError:
            return full

    # -- reading ------------------------------------------------------------------------
    def _load(self) -> None:
        stamp = _stamp(self.path)
        memo = _memo.get(self.path)
        if stamp is not None and memo is not None and memo[0] == stamp:
            self.entries = _copy(memo[1])
            return
        # a fresh tree of lists holds no cycles: the collector need not look at it meanwhile
        collecting = gc.isenabled()
        gc.disable()
        try:
            with open(self.path, "rb") as fh:
                data = _PlainUnpickler(fh).load()
        except Exception:  # missing or damaged: the index starts again
            return
        finally:
            if collecting:
                gc.enable()
        if not isinstance(data, dict) or data.get("version") != VERSION:
            self.changed = True
            return
        files = data.get("files")
        if not isinstance(files, dict):
            return
        for key, raw in files.items():
            try:
                self.entries[key] = Entry(
                    str(raw["digest"]), int(raw["mtime_ns"]), int(raw["size"]), list(raw["forms"])
                )
            except (KeyError, TypeError, ValueError):
                self.changed = True
        if stamp is not None and not self.changed:
            _memo.clear()  # one repository at a time is enough
            _memo[self.path] = (stamp, _copy(self.entries))

    def others(self, exclude: Iterable[str]) -> dict[str, Entry]:
        """Valid entries of the articles not in ``exclude`` (keys); stale ones are dropped."""
        skip = set(exclude)
        out: dict[str, Entry] = {}
        for key in list(self.entries):
            if key in skip:
                continue
            entry = self.entries[key]
            if self._still_valid(key, entry):
                out[key] = entry
            else:
                del self.entries[key]
                self.changed = True
        return out

    def _still_valid(self, key: str, entry: Entry) -> bool:
        full = os.path.join(self.root, key)
        try:
            st = os.stat(full)
        except OSError:
            return False  # deleted or unreadable
        if st.st_mtime_ns == entry.mtime_ns and st.st_size == entry.size:
            return True
        try:
            text = read_file(full).text
        except InputError:
            return False
        if digest(text) != entry.digest:
            return False  # edited since it was indexed
        entry.mtime_ns, entry.size = st.st_mtime_ns, st.st_size
        self.changed = True
        return True

    # -- writing ------------------------------------------------------------------------
    def put(
        self,
        path: str,
        text_digest: str,
        forms: list[FormRecord],
        read: ReadStamp | None = None,
    ) -> None:
        """Record an article checked in this run, if the file on disk holds the checked text
        (text read from stdin under a file's name is not indexed). ``read``: what the run saw
        of the file when it read it; when the file is unchanged since (see RACY_NS), it is
        not read again."""
        key = self.key(path)
        if key is None:
            return
        full = os.path.join(self.root, key)
        try:
            st = os.stat(full)
            if (
                read is not None
                and (st.st_ino, st.st_mtime_ns, st.st_size) == read[:3]
                and st.st_mtime_ns <= read[3] - RACY_NS
            ):
                same = True
            else:
                same = digest(read_file(full).text) == text_digest
        except (OSError, InputError):
            st = None
            same = False
        if st is None or not same:
            if self.entries.pop(key, None) is not None:
                self.changed = True
            return
        old = self.entries.get(key)
        new = Entry(text_digest, st.st_mtime_ns, st.st_size, forms)
        if old is None or (old.digest, old.mtime_ns, old.forms) != (
            new.digest,
            new.mtime_ns,
            forms,
        ):
            self.changed = True
        self.entries[key] = new

    def save(self) -> None:
        if not self.changed:
            return
        data = {
            "version": VERSION,
            "files": {
                k: {"digest": e.digest, "mtime_ns": e.mtime_ns, "size": e.size, "forms": e.forms}
                for k, e in sorted(self.entries.items())
            },
        }
        try:
            fresh = not os.path.isdir(self.cache_dir)
            os.makedirs(self.cache_dir, exist_ok=True)
            if fresh:
                with open(os.path.join(self.cache_dir, ".gitignore"), "w", encoding="utf-8") as fh:
                    fh.write("# Created by lintnews.\n*\n")
        except OSError:
            return  # a read-only checkout still lints; the index is only an aid
        if not write_pickle(self.path, data):
            return
        for old in OLD_FILES:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(self.cache_dir, old))
        self.changed = False
        stamp = _stamp(self.path)
        _memo.clear()
        if stamp is not None:
            _memo[self.path] = (stamp, _copy(self.entries))
