"""The pattern index reads its literal-search part (literal -> matchers, the literal set and
its automaton) only when a document takes the literal path: read back, it equals the part
a fresh build makes, and the Hyperscan path never reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews import prefilter
from lintnews.config import Settings
from lintnews.engine import get_registry
from lintnews.packs import PatternRule
from lintnews.prefilter import MatcherIndex, normalize

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "samples" / "wire-translated.txt").read_text(encoding="utf-8")


def _rules() -> list[tuple[object, list[object]]]:
    registry = get_registry(Settings(cache_dir=""))
    return [(r, r.matchers) for r in registry if type(r) is PatternRule]


@pytest.fixture
def packs_cache(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("LINTNEWS_PACK_CACHE", str(tmp_path))
    return tmp_path


def test_read_back_equals_built_and_is_read_on_demand(packs_cache: Path) -> None:
    rules = _rules()
    built = MatcherIndex(rules)  # no index file yet: built and written
    assert built._literal_part is None
    assert list(packs_cache.glob(f"index-{prefilter.FORMAT}-*.pickle"))
    loaded = MatcherIndex(rules)
    assert loaded._literal_part is not None  # not read yet
    assert loaded._always == built._always
    assert loaded._reaches == built._reaches
    assert loaded._common_list == built._common_list
    assert loaded._by_literal == built._by_literal  # reads it
    assert loaded._literal_part is None
    assert loaded._literals.literals == built._literals.literals
    folded = normalize(TEXT)
    assert loaded._literals.found(folded) == built._literals.found(folded)
    (got, got_occ), (want, want_occ) = loaded.hits(folded), built.hits(folded)
    assert got == want
    assert (got_occ.found, got_occ.common) == (want_occ.found, want_occ.common)


def test_the_filter_path_does_not_read_the_literal_part(packs_cache: Path) -> None:
    rules = _rules()
    MatcherIndex(rules)
    index = MatcherIndex(rules)
    # what a document goes through once the Hyperscan scan has run: here every matcher is
    # let through (the most a scan can let through), whether or not a database exists
    index.scan_filter()
    everything = set(range(len(index._flat)))
    folded = normalize(TEXT)
    picked, occurrences = index._scanned_hits(folded, everything)
    assert picked and occurrences.common == frozenset(index._common_list)
    assert index._literal_part is not None  # never needed
    # and it picks what the literal path picks, the literals of the first clauses included
    by_literal, _ = MatcherIndex(rules).hits(folded)
    assert {k: [(m, sorted(lits or ()), p) for m, lits, p in v] for k, v in picked.items()} == {
        k: [(m, sorted(lits or ()), p) for m, lits, p in v] for k, v in by_literal.items()
    }


def test_a_damaged_index_is_rebuilt(packs_cache: Path) -> None:
    rules = _rules()
    MatcherIndex(rules)
    (path,) = packs_cache.glob(f"index-{prefilter.FORMAT}-*.pickle")
    path.write_bytes(b"not a pickle")
    index = MatcherIndex(rules)
    assert index._literal_part is None  # built again in this process
    assert index._by_literal
