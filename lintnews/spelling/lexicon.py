"""The word list behind the spelling rules, loaded lazily and cached.

Two sources are merged into one table, word -> (Zipf frequency, in the dictionary):

* pyspellchecker's English dictionary (about 160,000 words, inflections included) is the
  *dictionary*: only its words (plus the newsroom supplement in ``data/news-words.txt``) are
  ever suggested as corrections;
* wordfreq's large English list (about 320,000 forms with their Zipf frequency) is the *wide
  lexicon*: a word it knows is normally accepted even when the dictionary lacks it, so rare but
  real words (jihadist, deepfake, cyberattack) stay quiet. wordfreq is built from web text and
  therefore also knows frequent misspellings ("goverment", "thier"); such a form is still
  reported when a dictionary word one edit away is hundreds of times more frequent
  (:meth:`Lexicon.dominated`).

Building the merged table from both libraries takes a few seconds; it is written once to a cache
file (``$LINTNEWS_CACHE_HOME``, else ``$XDG_CACHE_HOME/lintnews``, else ``~/.cache/lintnews``)
and read back as sorted arrays in about 0.05 s (a read-only home falls back to a per-user folder in
the temp dir). Nothing is loaded until a rule asks for a word.
"""

from __future__ import annotations

import array
import math
import os
import re
import struct
import sys
import tempfile
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from functools import lru_cache
from pathlib import Path

FORMAT = 1
DATA_DIR = Path(__file__).resolve().parent / "data"
LETTERS = "abcdefghijklmnopqrstuvwxyz"

# A form wordfreq knows at least this often is a word whatever its neighbours look like
# (the frequent misspellings above it are in the curated list, rules/typos/misspellings.txt).
SAFE_ZIPF = 3.5

# Productive prefixes: prefix + dictionary word is a word ("prepandemic", "counterprotest").
PREFIXES = (
    "aero",
    "agro",
    "anti",
    "astro",
    "auto",
    "bio",
    "cardio",
    "co",
    "counter",
    "crypto",
    "cyber",
    "de",
    "dis",
    "eco",
    "electro",
    "geo",
    "hydro",
    "hyper",
    "info",
    "inter",
    "intra",
    "macro",
    "mega",
    "micro",
    "mid",
    "mini",
    "mis",
    "multi",
    "narco",
    "neo",
    "neuro",
    "non",
    "out",
    "over",
    "petro",
    "post",
    "pre",
    "pro",
    "pseudo",
    "psycho",
    "re",
    "retro",
    "semi",
    "socio",
    "sub",
    "super",
    "techno",
    "tele",
    "thermo",
    "trans",
    "ultra",
    "un",
    "under",
)


# Derivational suffixes: dictionary word (5+ letters) + suffix is a word ("stagflationary").
DERIVATIONAL = (
    "ary",
    "ism",
    "isms",
    "ist",
    "ists",
    "ity",
    "ness",
    "ment",
    "ments",
    "able",
    "ally",
    "ical",
    "ian",
    "ians",
    "ization",
    "isation",
)

# Closed compounds with these endings are words when the first part is ("thirtyfold").
COMPOUND_ENDINGS = ("fold", "wide", "like", "ward", "wards", "wise", "hood", "ship", "less")


_ISE = re.compile(r"(?<=[iy])s(?:e|es|ed|ing|ation|ations|er|ers)$")


# Prefixes that too often start a typo of another word ("ministirs", "dissapear"): only
# before a dictionary word of six letters or more ("depegging").
_WEAK_PREFIXES = frozenset({"co", "de", "dis", "mid", "mini", "mis", "out", "re", "sub", "un"})


def cache_home() -> Path:
    env = os.environ.get("LINTNEWS_CACHE_HOME")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "lintnews"


def _versions() -> str:
    out = []
    for dist, module in (("pyspellchecker", "spellchecker"), ("wordfreq", "wordfreq")):
        out.append(_installed_version(dist, module) or _version(dist))
    return "-".join(out)


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "0"


def _installed_version(dist: str, module: str) -> str | None:
    """The version in the metadata installed beside the module (no scan of every installed
    distribution, which importlib.metadata does and which takes tens of ms); None if unsure."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    site = os.path.dirname(next(iter(spec.submodule_search_locations)))
    try:
        found = [
            n
            for n in os.listdir(site)
            if n.endswith(".dist-info") and n.split("-", 1)[0].lower() == dist
        ]
    except OSError:
        return None
    if len(found) != 1:
        return None
    try:
        with open(os.path.join(site, found[0], "METADATA"), encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip() or None
                if not line.strip():
                    break  # the headers end at the first blank line
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _build_table() -> dict[str, int]:
    """word -> zipf * 100 << 1 | in-dictionary bit, from pyspellchecker and wordfreq."""
    import wordfreq
    from spellchecker import SpellChecker

    table: dict[str, int] = {}
    for word, freq in wordfreq.get_frequency_dict("en", wordlist="large").items():
        if freq <= 0 or not any(c.isalpha() for c in word) or any(c.isdigit() for c in word):
            continue
        if " " in word:
            continue
        z = max(0, round((math.log10(freq) + 9) * 100))
        table[word] = z << 1
    for word in SpellChecker(language="en").word_frequency.dictionary:
        table[word] = table.get(word, 0) | 1
    return table


class Table:
    """A read-mostly mapping word -> packed value over sorted arrays (no dict to build).

    Reading the cache file gives the sorted words and their values directly. The words stay
    one block of bytes, cut into chunks of a few kB: a lookup finds its chunk by bisection
    and the word in it with a byte search; a chunk that is asked often is split into a list
    and bisected (splitting all 370,000 words up front would cost tens of ms per process).
    Words added later (the newsroom supplement, prefixes) live in a small overlay dict.
    """

    __slots__ = (
        "_bases",
        "_blob",
        "_chunks",
        "_firsts",
        "_hi",
        "_list",
        "_lo",
        "_overlay",
        "_probes",
        "_starts",
        "_vals",
        "origin",
    )

    def __init__(
        self,
        keys: list[str] | None,
        vals: array.array,
        blob: bytes = b"",
        span: tuple[int, int] | None = None,
    ) -> None:
        """`keys` sorted; or None and blob[span[0]:span[1]] the same words joined by
        newlines (the whole blob without a span)."""
        self._list = keys
        self._vals = vals
        self._overlay: dict[str, int] = {}
        # what the words and values were read from (the cache file's name and size), so
        # that what is derived from them can be cached too; None for a table built here
        self.origin: str | None = None
        self._blob = blob if keys is None else b""
        lo, hi = span if span is not None else (0, len(blob))
        self._lo, self._hi = lo, hi
        self._starts: list[int] = []  # chunk start offsets in _blob (then _hi + 1)
        self._firsts: list[str] = []  # first word of each chunk
        self._bases: list[int] = [0]  # index of that word (counted on demand)
        self._chunks: list[list[str] | None] = []
        self._probes: list[int] = []
        if keys is None:
            self._cut()

    @classmethod
    def from_dict(cls, table: dict[str, int]) -> Table:
        keys = sorted(table)
        return cls(keys, array.array("H", (table[w] for w in keys)))

    def _cut(self) -> None:
        blob, pos, hi = self._blob, self._lo, self._hi
        while True:
            self._starts.append(pos)
            end = blob.find(b"\n", pos, hi)
            self._firsts.append(blob[pos : hi if end < 0 else end].decode("utf-8", "replace"))
            stop = blob.find(b"\n", pos + _CHUNK, hi) if pos + _CHUNK < hi else -1
            if stop < 0:
                break
            pos = stop + 1
        self._starts.append(hi + 1)
        self._chunks = [None] * len(self._firsts)
        self._probes = [0] * len(self._firsts)

    def _base_of(self, c: int) -> int:
        bases = self._bases
        while len(bases) <= c:
            k = len(bases) - 1
            bases.append(bases[k] + self._blob.count(b"\n", self._starts[k], self._starts[k + 1]))
        return bases[c]

    @property
    def _keys(self) -> list[str]:
        """All words, sorted (split on first use)."""
        if self._list is None:
            self._list = self._blob[self._lo : self._hi].decode("utf-8", "replace").split("\n")
            self._blob = b""
            self._chunks = []
        return self._list

    def _index(self, word: str) -> int:
        """The position of `word` among the sorted words, or -1."""
        keys = self._list
        if keys is not None:
            i = bisect_left(keys, word)
            return i if i < len(keys) and keys[i] == word else -1
        c = bisect_right(self._firsts, word) - 1
        if c < 0:
            return -1
        chunk = self._chunks[c]
        if chunk is None:
            if self._probes[c] < _PROBES_BEFORE_SPLIT:
                self._probes[c] += 1
                if word == self._firsts[c]:
                    return self._base_of(c)
                if "\n" in word:
                    return -1
                try:
                    key = word.encode("utf-8")
                except UnicodeEncodeError:
                    return -1
                start, stop = self._starts[c], self._starts[c + 1] - 1  # stop: its last byte
                at = self._blob.find(b"\n" + key + b"\n", start, stop + 1)
                if at < 0:
                    # the table's last word has no newline after it
                    last = stop == self._hi and self._blob.endswith(b"\n" + key, start, stop)
                    if not last:
                        return -1
                    at = stop - len(key) - 1
                return self._base_of(c) + self._blob.count(b"\n", start, at + 1)
            start, stop = self._starts[c], self._starts[c + 1] - 1
            chunk = self._chunks[c] = self._blob[start:stop].decode("utf-8", "replace").split("\n")
        i = bisect_left(chunk, word)
        return self._base_of(c) + i if i < len(chunk) and chunk[i] == word else -1

    def get(self, word: str, default: int = 0) -> int:
        v = self._overlay.get(word)
        if v is not None:
            return v
        i = self._index(word)
        return self._vals[i] if i >= 0 else default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word, -1) != -1

    def __setitem__(self, word: str, value: int) -> None:
        self._overlay[word] = value

    def __len__(self) -> int:
        return len(self._vals) + sum(1 for w in self._overlay if self._base(w) == -1)

    def _base(self, word: str) -> int:
        i = self._index(word)
        return self._vals[i] if i >= 0 else -1

    def items(self) -> Iterator[tuple[str, int]]:
        for w, v in zip(self._keys, self._vals, strict=True):
            yield w, self._overlay.get(w, v)
        for w, v in self._overlay.items():
            if self._base(w) == -1:
                yield w, v

    def dictionary_words(self) -> set[str]:
        """Words with the dictionary bit set (fast: no per-item generator)."""
        from itertools import compress

        out = set(compress(self._keys, (v & 1 for v in self._vals)))
        for w, v in self._overlay.items():
            (out.add if v & 1 else out.discard)(w)
        return out

    def frequent_words(self, min_value: int, dictionary: bool | None = None) -> list[str]:
        """Words whose Zipf value (x100) is at least `min_value` (without the overlay);
        `dictionary` False: only those without the dictionary bit, True: only those with it."""
        from itertools import compress

        limit = min_value << 1
        raw = self._vals.tobytes()
        if self._vals.itemsize != 2 or sys.byteorder != "little":
            vals = self._vals
            return list(
                compress(
                    self._keys,
                    (
                        v >= limit and (dictionary is None or bool(v & 1) == dictionary)
                        for v in vals
                    ),
                )
            )
        lo, hi = raw[0::2], raw[1::2]
        # v >= limit: high byte above limit's, or equal to it and low byte at least limit's
        big = int.from_bytes(hi.translate(_above(limit >> 8)), "little")
        big |= int.from_bytes(hi.translate(_equal(limit >> 8)), "little") & int.from_bytes(
            lo.translate(_at_least(limit & 0xFF)), "little"
        )
        if dictionary is not None:
            big &= int.from_bytes(lo.translate(_ODD if dictionary else _EVEN), "little")
        return list(compress(self._keys, big.to_bytes(len(lo), "little")))

    def dictionary_words_sorted(self) -> list[str]:
        """Words with the dictionary bit set, sorted (without the overlay)."""
        from itertools import compress

        raw = self._vals.tobytes()
        if self._vals.itemsize != 2 or sys.byteorder != "little":
            return list(compress(self._keys, (v & 1 for v in self._vals)))
        return list(compress(self._keys, raw[0::2].translate(_ODD)))

    def overlay_items(self) -> list[tuple[str, int]]:
        return list(self._overlay.items())

    def base_value(self, word: str) -> int:
        """The value read from the cache, ignoring the overlay (-1 if none)."""
        return self._base(word)

    def as_dict(self) -> dict[str, int]:
        return dict(self.items())

    def keyset(self) -> frozenset[str]:
        """Every word of the table (a snapshot)."""
        return frozenset(self._keys).union(self._overlay)


def _write_cache(path: Path, table: Table) -> None:
    words = table._keys
    blob = "\n".join(words).encode("utf-8")
    values = table._vals
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(struct.pack("<II", len(blob), len(values)))
            fh.write(blob)
            fh.write(values.tobytes())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _read_cache(path: Path) -> Table | None:
    try:
        data = path.read_bytes()
        nblob, nvals = struct.unpack_from("<II", data)
        if len(data) < 8 + nblob + 2 * nvals or nvals == 0:
            return None
        values = array.array("H")
        values.frombytes(data[8 + nblob : 8 + nblob + 2 * nvals])
        # The words stay bytes, looked up in place (see Table); the number of words is
        # checked when they are counted.
        table = Table(None, values, data, (8, 8 + nblob))
        table.origin = f"{path.name}:{len(data)}"
        return table
    except (OSError, struct.error, UnicodeDecodeError, ValueError):
        return None


def load_table(use_cache: bool = True) -> Table:
    """The merged table, from the cache file when it is there (and written when it is not)."""
    name = f"lexicon-{FORMAT}-{_versions()}.bin"
    # The user's cache folder, else (a read-only home) a per-user folder in the temp dir.
    paths = [cache_home() / name, Path(tempfile.gettempdir()) / f"lintnews-{_user()}" / name]
    if use_cache:
        for path in paths:
            table = _read_cache(path)
            if table is not None:
                return table
    table = Table.from_dict(_build_table())
    if use_cache:
        for path in paths:
            try:
                _write_cache(path, table)
                break
            except OSError:
                continue
    return table


def _user() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid else os.environ.get("USERNAME", "user")


def read_word_file(path: Path) -> Iterator[str]:
    """Lines of a word list: blank lines and `#` comments are skipped."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                yield line


class Lexicon:
    """Word lookups: frequency, dictionary membership, accepted forms and edit neighbours."""

    def __init__(self, table: Table, extra: Iterable[str] = ()) -> None:
        self._t = table
        self._dictionary: frozenset[str] | None = None
        self._all: frozenset[str] | None = None  # every word of the table, once worth it
        self._ordered: list[str] | None = None  # the suggestible words, sorted
        self._probes = 0  # candidate strings looked up one by one so far
        for w in extra:
            w = w.lower()
            self._t[w] = self._t.get(w, 0) | 1

    # -- lookups ---------------------------------------------------------------------------
    def zipf(self, word: str) -> float:
        return (self._t.get(word, 0) >> 1) / 100

    def in_dictionary(self, word: str) -> bool:
        return bool(self._t.get(word, 0) & 1)

    def value(self, word: str) -> int:
        """The packed entry of a word (0 if none): :meth:`zipf` is ``(v >> 1) / 100`` and
        :meth:`in_dictionary` ``bool(v & 1)``, from one lookup."""
        return self._t.get(word, 0)

    def attested(self, word: str) -> bool:
        """In either list."""
        return word in self._t

    # -- words -----------------------------------------------------------------------------
    def known(self, word: str) -> bool:
        """Is a lowercase word a real word (dictionary, morphology, or wordfreq)?"""
        return self._known(word)

    @lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process
    def _known(self, word: str) -> bool:
        if self.in_dictionary(word):
            return True
        from lintnews.spelling.variants import counterpart

        other = counterpart(word)
        if other is not None and self.in_dictionary(other[1]):
            return True
        z = self.zipf(word)
        if _ISE.search(word):  # British -ise of an -ize word the lists know
            us = _ISE.sub(lambda m: "z" + m.group()[1:], word)
            if self.in_dictionary(us) or self.zipf(us) >= 1.0:
                return True
        if z <= 0:
            # Built from dictionary words, and not one slip away from one ("foothall" is
            # "football", not foot + hall).
            return self._derived(word, attested=False) and not self._near_word(word)
        # A rare form next to a far more frequent word is a misspelling.
        return z >= SAFE_ZIPF or not self._is_dominated(word)

    def _derived(self, word: str, attested: bool) -> bool:
        """A word no list has, built from words that the dictionary has: prefix + word
        ("counterprotesters", "narcoterrorism"), word + ending ("thirtyfold"), word +
        derivational suffix ("stagflationary"), plural ("cyberattacks"), or two common words
        of four letters or more ("workstreams", "caucusgoers").

        Only long, clearly productive prefixes count ("mini" + "stirs" is a typo of
        "ministers", not a word); inflections (-ed, -ing) do not, since misspellings of them
        are common ("begining"); and joined short words ("ofthe") remain typos.
        """
        for p in PREFIXES:
            if not word.startswith(p):
                continue
            rest = word[len(p) :]
            need = 6 if p in _WEAK_PREFIXES else 4 if len(p) >= 4 else 5
            if len(rest) >= need and self.in_dictionary(rest):
                return True
        for end in COMPOUND_ENDINGS:
            stem = word[: -len(end)]
            if word.endswith(end) and len(stem) >= 4 and self.in_dictionary(stem):
                return True
        for suf in DERIVATIONAL:
            stem = word[: -len(suf)]
            if word.endswith(suf) and len(stem) >= 5 and self.in_dictionary(stem):
                return True
        if any(len(stem) >= 4 and self.in_dictionary(stem) for stem in _stems(word)):
            return True
        return self._closed_compound(word)

    def _near_word(self, word: str) -> bool:
        return any(not related_forms(word, c) for c in self._suggestible_in(edits1(word)))

    def _closed_compound(self, word: str) -> bool:
        for i in range(4, len(word) - 3):
            head, tail = word[:i], word[i:]
            if (
                self.in_dictionary(head)
                and self.zipf(head) >= 3.0
                and self.in_dictionary(tail)
                and self.zipf(tail) >= 3.0
            ):
                return True
            if tail.endswith("s") and self.in_dictionary(head) and self.zipf(head) >= 3.0:
                t = tail[:-1]
                if len(t) >= 4 and self.in_dictionary(t) and self.zipf(t) >= 3.0:
                    return True
        return False

    def dominated(self, word: str) -> str | None:
        """A dictionary word one edit away that makes `word` look like its misspelling.

        wordfreq's counts include misspellings. A rare form is taken for one when a word
        one edit away is at least 2.5 Zipf units (10**2.5 times) more frequent, or at least
        1 unit (10 times) more frequent and the edit is one people make all the time: two
        letters swapped, a letter doubled or undoubled, a letter left out ("seige",
        "villian", "withdrawl", "millenial", "tomatos"). An unlikely slip (an unrelated
        first letter: "pho" is not "who") does not count. The pyspellchecker dictionary,
        which knows rare real words, has already been asked.
        """
        from lintnews.spelling.suggest import LIKELY_SLIP, UNLIKELY_SLIP, channel_cost

        z = self.zipf(word)
        best, best_z = None, 0.0
        for cand in self._neighbours1(word):
            if related_forms(word, cand):
                continue
            cz = self.zipf(cand)
            if cz <= best_z or cz - z < 1.0:
                continue
            cost = channel_cost(word, cand)
            if (cz - z >= 2.5 and cost <= UNLIKELY_SLIP) or cost <= LIKELY_SLIP:
                best, best_z = cand, cz
        if best is None and len(word) >= 6 and z < 3.0:
            # Two cheap slips in a long word: "harrased", "beggining".
            for cand in self.dictionary_neighbours(word, 2):
                if related_forms(word, cand) or self.zipf(cand) - z < 1.5:
                    continue
                if channel_cost(word, cand) <= 2 * LIKELY_SLIP - 0.4:
                    best = cand
                    break
        return best

    def _is_dominated(self, word: str) -> bool:
        """``self.dominated(word) is not None``, with the two-slip search over the strings
        two cheap slips away (:func:`_two_cheap_slips`) instead of all two-edit neighbours.

        That search asks for a word at most 2 * LIKELY_SLIP - 0.4 (1.8) away by the channel
        cost. Every slip costs 0.8 or more, so such a word is one edit away (a one-edit
        neighbour: looked at too) or two slips of at most 1.0 each (not at the first letter,
        which costs 0.7 more): a doubled or undoubled letter (0.8), two letters swapped (0.9),
        one vowel left out (1.0; two cost 2.0). Every substitution (1.3 or more) and every
        other added or dropped letter (1.1 or more) is dearer. A letter put in that is not
        in a-z makes no word of ``edits1(edits1(word))``.
        """
        from lintnews.spelling.suggest import LIKELY_SLIP, UNLIKELY_SLIP, channel_cost

        z = self.zipf(word)
        near = self._neighbours1(word)
        for cand in near:
            if related_forms(word, cand):
                continue
            cz = self.zipf(cand)
            if cz - z < 1.0:
                continue
            cost = channel_cost(word, cand)
            if (cz - z >= 2.5 and cost <= UNLIKELY_SLIP) or cost <= LIKELY_SLIP:
                return True
        if len(word) >= 6 and z < 3.0:
            words = self._words()
            found = near | (_two_cheap_slips(word) & words)
            found.discard(word)
            for cand in found:
                if related_forms(word, cand) or self.zipf(cand) - z < 1.5:
                    continue
                if channel_cost(word, cand) <= 2 * LIKELY_SLIP - 0.4:
                    return True
        return False

    def dictionary_neighbours(self, word: str, distance: int = 1) -> set[str]:
        """Words that may be suggested within `distance` (1 or 2) Damerau edits of `word`."""
        out = self._neighbours1(word)
        if distance >= 2:
            out |= self._second_edits(word)
            out.discard(word)
        return out

    def _neighbours1(self, word: str) -> set[str]:
        """The suggestible words among ``edits1(word)``: once the set of them is built, by
        prefix ranges of the sorted words (see :func:`_add_near`), not all the edits."""
        if self._dictionary is not None and self._ordered is not None:
            out: set[str] = set()
            _add_near(word, 0, self._dictionary, self._ordered, out, {})
            out.discard(word)
            return out
        first = edits1(word)
        ok = self._suggestible_in(first)
        return {w for w in first if w in ok}

    def _second_edits(self, word: str) -> set[str]:
        """Suggestible words one edit away from a string one edit away from `word`:
        ``set().union(*(edits1(e) & self._words() for e in edits1(word)))``, without
        spelling out the quarter of a million strings.

        Each one-edit string e comes with the place j of its edit; a second edit at a place
        i < j - 1 leaves the same string as the two edits the other way round, so only
        places i >= j - 1 are tried. From left to right: once no suggestible word starts
        with e[:i], no later place can give one; once few do, they are checked directly.
        """
        words = self._words()
        ordered = self._ordered_words()
        out: set[str] = set()
        ranges: dict[str, tuple[int, int]] = {}  # the one-edit strings share many prefixes
        for j, e in _edits1_at(word):
            if e != word:
                _add_near(e, max(0, j - 1), words, ordered, out, ranges)
        return out

    def _ordered_words(self) -> list[str]:
        """The suggestible words, sorted (built with the set)."""
        words = self._words()
        return self._ordered if self._ordered is not None else sorted(words)

    def suggestible(self, word: str) -> bool:
        """May `word` be suggested? Dictionary words, and frequent inflections of dictionary
        words that only wordfreq lists ("injunctions")."""
        v = self._t.get(word, 0)
        if v & 1:
            return True
        if v >> 1 < 300 or not word.isalpha() or not word.islower():
            return False
        return any(len(s) >= 4 and self.in_dictionary(s) for s in _stems(word))

    def _suggestible_in(self, candidates: set[str]) -> set[str] | frozenset[str]:
        """The suggestible words among candidate strings (mostly non-words: edits)."""
        if self._dictionary is not None:
            return candidates & self._dictionary
        if self._all is None:
            self._probes += len(candidates)
            if self._probes < _PROBES_BEFORE_SET:
                return {w for w in candidates if self.suggestible(w)}
            # Many searches: one set of all words (a few ms) beats bisecting each edit.
            self._all = self._t.keyset()
        return {w for w in candidates & self._all if self.suggestible(w)}

    def _words(self) -> frozenset[str]:
        """All suggestible words as a set (built on first use, for two-edit searches):
        the dictionary words, and the frequent forms :meth:`suggestible` accepts.

        Working them out takes about 0.1 s, in every worker of a parallel run, so the sorted
        list is kept in the user cache (marshal's format, read back in about 0.01 s) under
        a key made of the table's cache file, the overlay's words and this module's code.
        """
        if self._dictionary is None:
            key = self._words_key()
            ordered = _read_words(key) if key is not None else None
            if ordered is None:
                ordered = self._suggestible_sorted()
                if key is not None:
                    _write_words(key, ordered)
            self._ordered = ordered
            self._dictionary = frozenset(ordered)
        return self._dictionary

    def _words_key(self) -> str | None:
        """What the suggestible words depend on, or None for a table built in this process."""
        t = self._t
        if t.origin is None:
            return None
        import hashlib

        h = hashlib.blake2b(digest_size=16)
        h.update(f"{t.origin}\0{_module_digest()}\0".encode())
        for w, v in sorted(t.overlay_items()):
            h.update(f"{w}\0{v}\0".encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _suggestible_sorted(self) -> list[str]:
        """The suggestible words, sorted (what :meth:`_words` caches)."""
        t = self._t
        ordered = t.dictionary_words_sorted()  # without the overlay
        have = set(ordered)
        # Overlay entries count as they are; frequent forms are asked one by one.
        add = {w for w, v in t.overlay_items() if v & 1}
        drop = {w for w, v in t.overlay_items() if not v & 1} & have
        maybe = set(t.frequent_words(300, dictionary=False))
        maybe.update(w for w in drop if t.base_value(w) >= 600)
        add.update(w for w in maybe if self.suggestible(w))
        drop -= add
        add -= have
        if drop:
            ordered = [w for w in ordered if w not in drop]
        ordered += sorted(add)
        ordered.sort()  # two sorted runs: a merge
        return ordered


WORDS_PREFIX = "suggestible-"  # cache files of Lexicon._words (the newest few are kept)


@lru_cache(maxsize=1)
def _module_digest() -> str:
    """A hash of this module's code: what decides which words are suggestible."""
    import hashlib

    try:
        return hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "?"


def _words_path(key: str) -> Path:
    return cache_home() / f"{WORDS_PREFIX}{key}.marshal"


def _read_words(key: str) -> list[str] | None:
    import marshal

    try:
        data = marshal.loads(_words_path(key).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None  # none yet, or damaged: worked out again
    return data if isinstance(data, list) else None


def _write_words(key: str, ordered: list[str]) -> None:
    import marshal

    from lintnews.usercache import keep_newest

    path = _words_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".suggestible-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(ordered))
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError:
        return  # a read-only cache: worked out again next time
    keep_newest(str(path.parent), WORDS_PREFIX, keep=3, suffix=".marshal")


# Byte maps for masks over the values' bytes (Table.frequent_words).
_ODD = bytes(i & 1 for i in range(256))
_EVEN = bytes(1 - (i & 1) for i in range(256))


def _above(x: int) -> bytes:
    return bytes(int(i > x) for i in range(256))


def _equal(x: int) -> bytes:
    return bytes(int(i == x) for i in range(256))


def _at_least(x: int) -> bytes:
    return bytes(int(i >= x) for i in range(256))


# The lexicon table's chunks (bytes), and lookups in a chunk before it is split into a list.
_CHUNK = 4096
_PROBES_BEFORE_SPLIT = 8

# Candidate strings looked up one at a time before all words are put in one set.
_PROBES_BEFORE_SET = 15_000


def _stems(word: str) -> Iterator[str]:
    """Possible stems of a plural or possessive (checked by lookup)."""
    if word.endswith("'s"):
        yield word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        yield word[:-1]
        if word.endswith(("ses", "xes", "zes", "ches", "shes", "oes")):
            yield word[:-2]
        if word.endswith("ies"):
            yield word[:-3] + "y"


def related_forms(word: str, cand: str) -> bool:
    """Is `word` an inflection of `cand` (or `cand` its plural)? Then not its typo.

    "lockdowns" is not a misspelling of "lockdown"; but "wass" (was + s), "cann" and "afte"
    (after - r) are not inflections and stay candidates for misspellings.
    """
    if len(word) > len(cand) and word.startswith(cand):
        suf = word[len(cand) :]
        if suf == "s" or suf == "'s":
            return not cand.endswith("s")
        if suf == "es":
            return cand.endswith(("s", "x", "z", "ch", "sh", "o"))
        if suf == "d" or suf == "r" or suf == "rs":
            return cand.endswith("e")
        return suf in ("ed", "ing", "er", "ers", "ly", "est")
    if len(cand) > len(word) and cand.startswith(word):
        return cand[len(word) :] in ("s", "es")
    return False


# A range of sorted words this small is checked word by word (see Lexicon._second_edits).
_FEW = 24
_LETTER_SET = frozenset(LETTERS)


def _edits1_at(word: str) -> Iterator[tuple[int, str]]:
    """The strings of :func:`edits1` (and `word` itself), each with the place of its edit."""
    n = len(word)
    for j in range(n):
        head, tail = word[:j], word[j + 1 :]
        yield j, head + tail
        if j + 1 < n:
            yield j, head + word[j + 1] + word[j] + word[j + 2 :]
        for c in LETTERS:
            yield j, head + c + tail
    for j in range(n + 1):
        head, tail = word[:j], word[j:]
        for c in LETTERS:
            yield j, head + c + tail


def _add_near(
    e: str,
    start: int,
    words: AbstractSet[str],
    ordered: list[str],
    out: set[str],
    ranges: dict[str, tuple[int, int]],
) -> None:
    """Add to `out` the members of `words` (`ordered`: the same, sorted) that an edit of `e`
    at a place i >= start gives, e itself included (``_edits_at(e, i) & words``).

    From left to right: once no word starts with e[:i], no later place can give one; once
    few do, they are checked directly. `ranges` remembers the range of each prefix.
    """
    for i in range(start, len(e) + 1):
        if i:
            head = e[:i]
            got = ranges.get(head)
            if got is None:
                lo = bisect_left(ordered, head)
                last = ord(head[-1])
                hi = (
                    bisect_left(ordered, head[:-1] + chr(last + 1), lo)
                    if last < 0x10FFFF
                    else len(ordered)
                )
                got = ranges[head] = (lo, hi)
            lo, hi = got
            if lo == hi:
                return  # nothing starts so: no edit from here on is a word
            if hi - lo <= _FEW:
                n = len(e)
                out.update(
                    w for w in ordered[lo:hi] if n - 1 <= len(w) <= n + 1 and _one_edit(e, w)
                )
                return
        out.update(_edits_at(e, i) & words)


_SLIP_VOWELS = "aeiouy"  # suggest.VOWELS: leaving one out costs DROP_VOWEL


def _cheap_slips(word: str) -> set[str]:
    """The words that `word` may be a typo of by one slip of at most 0.8 or 0.9 (see
    :meth:`Lexicon._is_dominated`): a letter of theirs typed twice (here: any letter of
    `word` left out), a doubled letter of theirs typed once (a letter of `word` doubled), two
    letters swapped. Each is in :func:`edits1`."""
    n = len(word)
    out = {word[:i] + word[i + 1 :] for i in range(n)}
    out.update(
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(n - 1)
        if word[i] != word[i + 1]
    )
    out.update(word[: i + 1] + word[i:] for i in range(n) if word[i] in _LETTER_SET)
    return out


def _vowel_in(word: str) -> set[str]:
    """`word` with a vowel put in anywhere: the words it may be a typo of by a vowel left out
    (1.0). Each is in :func:`edits1`."""
    return {word[:i] + v + word[i:] for i in range(len(word) + 1) for v in _SLIP_VOWELS}


def _two_cheap_slips(word: str) -> set[str]:
    """The words that `word` may be a typo of by two slips of at most 1.0 with at most one
    vowel left out (two cost 2.0): each slip after the other (so a letter is doubled next to
    one put in before it), or one letter put in twice ("ac" -> "abbc": each b is then a
    doubled letter). Each is in ``edits1(edits1(word))``.

    A vowel goes in first: with a letter left out (any letter) the order does not matter,
    and a letter doubled next to a letter of `word` is doubled as well after the vowel (a
    vowel between the two would make it no doubled letter); with a swap (0.9) it costs 1.9.
    """
    out: set[str] = set()
    for e in _cheap_slips(word):
        out |= _cheap_slips(e)
    for e in _vowel_in(word):
        out |= _cheap_slips(e)
    out.update(word[:i] + c + c + word[i:] for i in range(len(word) + 1) for c in LETTERS)
    return out


def _edits_at(word: str, i: int) -> set[str]:
    """The strings of :func:`edits1` whose edit is at place i (`word` itself left in)."""
    head, rest = word[:i], word[i:]
    out = {head + c + rest for c in LETTERS}  # insertions
    if rest:
        tail = rest[1:]
        out.add(head + tail)
        out.update(head + c + tail for c in LETTERS)
        if len(rest) > 1:
            out.add(head + rest[1] + rest[0] + rest[2:])
    return out


def _one_edit(word: str, other: str) -> bool:
    """Is `other` in ``edits1(word)``?"""
    if other == word:
        return False
    n, m = len(word), len(other)
    k = min(n, m)
    i = 0
    while i < k and word[i] == other[i]:
        i += 1
    if m == n - 1:
        return word[i + 1 :] == other[i:]
    if m == n + 1:
        return other[i] in _LETTER_SET and other[i + 1 :] == word[i:]
    if m == n:
        if other[i + 1 :] == word[i + 1 :]:
            return other[i] in _LETTER_SET
        return (
            i + 1 < n
            and other[i] == word[i + 1]
            and other[i + 1] == word[i]
            and other[i + 2 :] == word[i + 2 :]
        )
    return False


def edits1(word: str) -> set[str]:
    """Strings one deletion, transposition, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in LETTERS)
    out.update(a + c + b for a, b in splits for c in LETTERS)
    out.discard(word)
    return out


_LOCK = threading.Lock()
_LEXICON: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The process-wide lexicon (loaded on first use)."""
    global _LEXICON
    if _LEXICON is None:
        with _LOCK:
            if _LEXICON is None:
                extra = [*read_word_file(DATA_DIR / "news-words.txt"), *PREFIXES]
                _LEXICON = Lexicon(load_table(), extra)
    return _LEXICON
