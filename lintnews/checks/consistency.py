"""Consistency across the articles of a run (CN): name spellings, a person's gender, figures.

These are corpus rules: ``collect`` summarises one article (picklable, source offsets) and
``reduce`` compares the summaries of every article of the run, plus, for names, the persisted
index of the repository's other articles (:mod:`lintnews.name_index`).
"""

from __future__ import annotations

import itertools
import operator
import os
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from lintnews.diagnostic import Diagnostic, Edit, Fix, Related
from lintnews.document import Document
from lintnews.name_index import DEFERRED_SAVES, READ_STAMPS, FormRecord, NameIndex, digest
from lintnews.names import (
    Token,
    TokenRow,
    _picks,
    compact,
    deletions,
    extract,
    extract_rows,
    fold,
    is_acronym,
    within_one,
    zipf,
)
from lintnews.registry import Context, Rule, register

MAX_RELATED = 5

# Word-frequency thresholds (Zipf scale): an ordinary English word at the start of a sentence
# proves nothing about names; two established spellings are both right (Austin, Austen).
COMMON = 3.0
VERY_COMMON = 5.0
ACRONYM_WORD = 4.5  # "US"/"Us", "IT"/"It": an acronym that is also an everyday word

# Mention: form, start, end, row, col, end_row, end_col, weak, prev, next (source offsets).
Mention = tuple[str, int, int, int, int, int, int, bool, str, str]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _pos(doc: Document, start: int, end: int) -> tuple[int, int, int, int, int, int]:
    """Source offsets, rows and columns of a view span (the end maps through its last
    character, so a span ending a piece of a Python or HTML view stays in that piece)."""
    s = doc.to_source(start)
    e = doc.to_source(end - 1) + 1 if end > start else s
    lines = doc.lines
    row, col = lines.row_col(s)
    if 0 <= s <= e <= len(doc.text) and "\n" not in doc.text[s:e]:
        return s, e, row, col, row, col + (e - s)  # on the same line
    erow, ecol = lines.row_col(e)
    return s, e, row, col, erow, ecol


def _positions(doc: Document, spans: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    """``[_pos(doc, start, end) for start, end in spans]``, in one pass: rows by bisection in
    the line starts, and the same-line test against the next line's start instead of a
    search of the span for a newline."""
    text = doc.text
    n = len(text)
    lines = doc.lines
    starts = lines.starts
    n_lines = len(starts)
    identity = doc.offset_map is None
    to_source = doc.to_source
    out: list[tuple[int, ...]] = []
    append = out.append
    for start, end in spans:
        if identity:
            s = start
            e = end if end > start else s
        else:
            s = to_source(start)
            e = to_source(end - 1) + 1 if end > start else s
        c = 0 if s < 0 else n if s > n else s  # what row_col clamps the offset to
        r = bisect_right(starts, c) - 1
        col = c - starts[r] + 1
        if 0 <= s <= e <= n and (r + 1 == n_lines or starts[r + 1] > e):
            append((s, e, r + 1, col, r + 1, col + (e - s)))  # no newline in text[s:e]
        else:
            append((s, e, r + 1, col, *lines.row_col(e)))
    return out


# ---------------------------------------------------------------------------------------------
# CN001: spelling variants of names


@dataclass(frozen=True)
class NamesSummary:
    digest: str
    mentions: tuple[Mention, ...]


# Month and weekday abbreviations: "19 OCT" in a wire dateline is not the acronym of "Oct."
CALENDAR = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri "
    "sat sun".split()
)


def _keep_token(t: Token) -> bool:
    return _keep_form(t.form, t.acronym)


@lru_cache(maxsize=65536)
def _keep_form(form: str, acronym: bool) -> bool:
    if form.lower() in CALENDAR:
        return False
    z = zipf(form)
    if acronym:
        return z < ACRONYM_WORD
    return z < VERY_COMMON  # "The", "Police": never a name's only word


def _weak(t: Token) -> bool:
    """Capitals that prove nothing: a heading, or the start of a sentence, unless a rare-ish
    word starts a run of capitalised words there ("Sergei Lavrov said …")."""
    if not t.weak:
        return False
    return t.heading or not t.next or zipf(t.form) >= ACRONYM_WORD


def _keep_bigram(t: Token) -> bool:
    first, second = t.form.split(" ", 1)
    if t.weak and zipf(first) >= COMMON:
        return False
    return min(zipf(first), zipf(second)) < 3.5


# Per name form: 0 when it is never kept, else 1 + whether it is an everyday word
# (zipf >= ACRONYM_WORD); one table for acronyms, one for other forms (_keep_form, _weak).
_FORM_CODES: tuple[dict[str, int], dict[str, int]] = ({}, {})
# Per bigram form: (first word common, the rarer word rare enough) (_keep_bigram).
_BIGRAM_CODES: dict[str, tuple[bool, bool]] = {}


def _form_code(form: str, acronym: bool) -> int:
    table = _FORM_CODES[acronym]
    if len(table) > 100_000:
        table.clear()
    code = table[form] = (1 + (zipf(form) >= ACRONYM_WORD)) if _keep_form(form, acronym) else 0
    return code


def _bigram_code(form: str) -> tuple[bool, bool]:
    if len(_BIGRAM_CODES) > 100_000:
        _BIGRAM_CODES.clear()
    first, second = form.split(" ", 1)
    code = _BIGRAM_CODES[form] = (zipf(first) >= COMMON, min(zipf(first), zipf(second)) < 3.5)
    return code


def collect_names(doc: Document) -> NamesSummary:
    tokens, bigram_rows = extract_rows(doc)
    out: list[Mention] = []
    append = out.append
    plain_get, acronym_get = _FORM_CODES[0].get, _FORM_CODES[1].get
    if doc.offset_map is None:
        # The tokens' positions worked out in the same pass (_positions on an identity map:
        # source offsets are view offsets), no span list in between.
        n = len(doc.text)
        lines = doc.lines
        line_starts = lines.starts
        n_lines = len(line_starts)
        for form, start, end, weak, acronym, _si, prev, nxt, heading in tokens:
            code = (acronym_get if acronym else plain_get)(form)
            if code is None:
                code = _form_code(form, acronym)
            if not code:
                continue
            weak = weak and (heading or not nxt or code == 2)  # _weak(t)
            e = end if end > start else start
            c = 0 if start < 0 else n if start > n else start  # what row_col clamps it to
            row = bisect_right(line_starts, c)  # 1-based
            col = c - line_starts[row - 1] + 1
            if 0 <= start <= e <= n and (row == n_lines or line_starts[row] > e):
                append((form, start, e, row, col, row, col + (e - start), weak, prev, nxt))
            else:
                append((form, start, e, row, col, *lines.row_col(e), weak, prev, nxt))
    else:
        kept: list[TokenRow] = []
        weaks: list[bool] = []
        for t in tokens:
            form, _start, _end, weak, acronym, _si, _prev, nxt, heading = t
            code = (acronym_get if acronym else plain_get)(form)
            if code is None:
                code = _form_code(form, acronym)
            if code:
                kept.append(t)
                weaks.append(weak and (heading or not nxt or code == 2))  # _weak(t)
        where = _positions(doc, [(t[1], t[2]) for t in kept])
        for t, p, weak in zip(kept, where, weaks, strict=True):
            append((t[0], *p, weak, t[6], t[7]))  # type: ignore[arg-type]
    bigrams: list[TokenRow] = []
    for t in bigram_rows:
        got = _BIGRAM_CODES.get(t[0])
        if got is None:
            got = _bigram_code(t[0])
        if got[1] and not (t[3] and got[0]):  # _keep_bigram(t)
            bigrams.append(t)
    if bigrams:
        where = _positions(doc, [(t[1], t[2]) for t in bigrams])
        for t, p in zip(bigrams, where, strict=True):
            append((t[0], *p, t[3], "", ""))  # type: ignore[arg-type]
    return NamesSummary(digest(doc.text), tuple(out))


def form_records(mentions: Iterable[Mention]) -> list[FormRecord]:
    """Per-form record of one article (what the index stores)."""
    recs: dict[str, FormRecord] = {}
    keys = _NEIGHBOUR_KEYS
    for form, s, e, row, col, erow, ecol, weak, prev, nxt in mentions:
        rec = recs.get(form)
        if rec is None:
            rec = recs[form] = [form, s, e, row, col, erow, ecol, 0, 0, []]
        rec[7] += 1
        if not weak:
            rec[8] += 1
        for n in (prev, nxt):
            if n:
                key = keys.get(n)
                if key is None:
                    key = keys[n] = fold(n) if _informative_neighbour(n) else ""
                if key:
                    near = rec[9]
                    if key not in near and len(near) < 6:
                        near.append(key)
    return list(recs.values())


# a neighbouring word -> its folded form when it identifies a name, else "" (per process:
# the reduce sees each word many times)
_NEIGHBOUR_KEYS: dict[str, str] = {}


ROLE_WORDS = frozenset(
    """mr mrs ms miss dr sir lady lord dame madam president minister prime premier chancellor
    spokesman spokeswoman spokesperson secretary general gen colonel col governor mayor senator
    sen rep representative ambassador envoy chief head leader chairman chairwoman director
    deputy judge justice king queen prince princess pope bishop father sister brother
    professor prof sheikh emir sultan the a an of and""".split()
)


@lru_cache(maxsize=100_000)
def _informative_neighbour(word: str) -> bool:
    """A neighbour that identifies a name ("Maria" before "Zakharova"), unlike a title or a
    generic word ("President", "Agency")."""
    w = word.lower()
    return w not in ROLE_WORDS and w not in ORG_WORDS and zipf(word) < VERY_COMMON


@lru_cache(maxsize=8)
def _house_forms(names: tuple[str, ...], files: tuple[tuple[str, float], ...]) -> frozenset[str]:
    from lintnews.names import _trim

    entries = list(names)
    for path, _mtime in files:
        try:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    line = line.strip()
                    if not line or line.startswith("#") or re.search(r"[\\^$*+?\[\](){}|]", line):
                        continue
                    entries.append(line)
        except OSError:
            continue
    out: set[str] = set()
    for entry in entries:
        words = [_trim(w.strip(",;")) for w in entry.split()]
        words = [w for w in words if w[:1].isupper()]
        out.update(words)
        for a, b in itertools.pairwise(words):
            if "-" not in a and "-" not in b and not is_acronym(a) and not is_acronym(b):
                out.add(f"{a} {b}")
    return frozenset(out)


def house_forms(settings: Any) -> frozenset[str]:
    files = []
    for p in settings.vocabulary_accept:
        try:
            files.append((p, os.path.getmtime(p)))
        except OSError:
            continue
    return _house_forms(tuple(settings.house_names), tuple(files))


@dataclass
class FormStat:
    form: str
    house: bool = False
    articles: dict[str, FormRecord] = field(default_factory=dict)  # path -> record
    mentions: int = 0
    nonweak: int = 0
    neighbours: set[str] = field(default_factory=set)
    indexed: set[str] = field(default_factory=set)  # paths that come from the index

    @property
    def zipf(self) -> float:
        return zipf(self.form)

    def namelike(self) -> bool:
        return self.house or self.nonweak > 0 or self.zipf < COMMON


def _shape(form: str) -> tuple[bool, bool, bool]:
    return (is_acronym(form), "-" in form, " " not in form)


def _linked(a: FormStat, b: FormStat) -> str | None:
    """How two forms are variants of one name ("case", "hyphen", "spelling"), or None."""
    fa, fb = a.form, b.form
    if not (a.namelike() and b.namelike()):
        return None
    if compact(fa) == compact(fb):
        if fa.lower() == fb.lower():
            if " " in fa or zipf(fa) >= ACRONYM_WORD:
                return None
            return "case"
        if not any(c in fa + fb for c in "- "):
            return None
        return "hyphen"
    if " " in fa or " " in fb or is_acronym(fa) or is_acronym(fb):
        return None
    ka, kb = fold(fa), fold(fb)
    if ka[:1] != kb[:1] or not within_one(ka, kb):
        return None
    la, lb = fa.lower(), fb.lower()
    prefix = ka != kb and (ka.startswith(kb) or kb.startswith(ka))
    if prefix or la.startswith(lb) or lb.startswith(la):
        return None  # Kazakh/Kazakhs/Kazakhstan, Ivanov/Ivanova: other words, not variants
    shortest = min(len(fa), len(fb))
    if shortest < 4:
        return None
    if a.house or b.house:
        return "spelling"
    if a.neighbours & b.neighbours:
        return "spelling"  # next to the same name: "Maria Zakharova" / "Maria Zakarova"
    if a.neighbours and b.neighbours:
        return None  # parts of different full names: "Andrii Kovalchuk" / "Andriy Melnychenko"
    if a.zipf >= COMMON or b.zipf >= COMMON:
        return None  # Austin / Austen; "Rosa" beside "Rossa": only with the same name
    if ka != kb and shortest < 6:
        return None
    return "loose"  # only a rare form beside a frequent one is a misspelling


def _rare(f: FormStat, c: FormStat) -> bool:
    """f is an outlier beside c (two different names are both used repeatedly)."""
    return f.mentions <= 3 and c.mentions >= 2 * f.mentions


# A common English word or place ("Georgia") beside a rare form sharing its full name
# ("Giorgia Valdarno"): the rare form is the name, the common word a substitution.
COMMON_WORD = 4.0

# (form, folded neighbour) -> (articles, mentions) of the bigrams where the form stands next
# to that neighbour ("Giorgia Valdarno": ("Giorgia", "valdarno"), ("Valdarno", "giorgia")).
Cooc = dict[tuple[str, str], tuple[set[str], int]]


def cooccurrences(stats: dict[str, FormStat]) -> Cooc:
    out: dict[tuple[str, str], tuple[set[str], int]] = {}
    for form, st in stats.items():
        if " " not in form:
            continue
        a, b = form.split(" ", 1)
        for word, other in ((a, b), (b, a)):
            key = (word, fold(other))
            arts, n = out.get(key, (set(), 0))
            arts = arts | set(st.articles)
            out[key] = (arts, n + st.mentions)
    return out


def _together(f: FormStat, shared: set[str], cooc: Cooc) -> tuple[int, int]:
    """(articles, mentions) where f stands next to one of the shared neighbours."""
    arts: set[str] = set()
    n = 0
    for key in shared:
        got = cooc.get((f.form, key))
        if got is not None:
            arts |= got[0]
            n += got[1]
    return len(arts), n


def _beats(c: FormStat, f: FormStat, kind: str, cooc: Cooc | None = None) -> str | None:
    """Why c is the canonical spelling rather than f, or None."""
    if c.house != f.house:
        return "house" if c.house else None
    shared = c.neighbours & f.neighbours if kind == "spelling" else set()
    if shared and cooc is not None:
        # The same full name: the form more often written with it wins, then a name form
        # over a common word ("Giorgia Valdarno" over "Georgia Valdarno").
        tc, tf = _together(c, shared, cooc), _together(f, shared, cooc)
        if tc != tf:
            return "together" if tc > tf else None
        if f.zipf >= COMMON_WORD and c.zipf < COMMON:
            return "name"
        if c.zipf >= COMMON_WORD and f.zipf < COMMON:
            return None
    if kind == "loose" and not _rare(f, c):
        return None
    if len(c.articles) != len(f.articles):
        return "articles" if len(c.articles) > len(f.articles) else None
    if c.mentions != f.mentions:
        return "mentions" if c.mentions > f.mentions else None
    if kind in ("spelling", "loose"):
        if c.zipf >= f.zipf + 0.5:
            return "frequency"
        return None
    sc, sf = _shape(c.form), _shape(f.form)
    if sc != sf and sc > sf:
        return "shape"
    return None


def _priority(s: FormStat) -> tuple[Any, ...]:
    return (s.house, len(s.articles), s.mentions, s.zipf, _shape(s.form))


@register
class NameVariant(Rule):
    code = "CN001"
    name = "name-variant"
    severity = "warning"
    fixable = True
    corpus = True
    summary = "A name spelled differently from the rest of the run, the repository or house list"
    doc = """
The same person, place, organisation or acronym written two ways: "Maria Zakarova" in one
article and "Maria Zakharova" in others, "Tass" beside "TASS", "Kassym Jomart Tokayev" beside
"Kassym-Jomart Tokayev". lintnews compares the names of every article checked together (and
of the repository's other articles through the index in the cache folder), groups spellings
that differ only by case, hyphen/space, a transliteration (kh/h, zh/j/y, ie/iy/ii, ou/u, c/k,
doubled letters) or one edit, and flags the minority form with an unsafe fix. Forms that
stand in different full names ("Andrii Kovalchuk", "Andriy Melnychenko") are not variants; two
forms before the same surname are, and the one written with it more often wins (then a name
form over a common word: "Giorgia" over "Georgia"). A two-word name also written in the other
order ("Morikawa Kenta" beside "Kenta Morikawa") is flagged in its minority order.

The canonical form is the house list's (`house-names`, vocabulary accept files), else the
form more articles (then more mentions) use, else the more frequent English spelling, else
capitals for an acronym and the hyphen for a compound name. Pairs of established English
words (Austin/Austen), plurals and derivations (Kazakh/Kazakhs/Kazakhstan), acronyms of other
letters (CSTO/OSCE) and ordinary words that are capitalised only at a sentence start are
left alone. See docs/consistency.md.
"""
    bad = ("Maria Zakharova spoke. Later Zakharova said more. Then Zakarova left.",)
    good = ("Maria Zakharova spoke. Later Zakharova said more.",)

    def collect(self, doc: Document, ctx: Context) -> NamesSummary:
        return collect_names(doc)

    def reduce(
        self,
        items: list[tuple[str, NamesSummary]],
        ctx: Context,
    ) -> Iterator[tuple[str, Diagnostic]]:
        settings = ctx.settings
        index = NameIndex.open(settings.cache_dir, settings.root)
        if index is not None and all(index.key(p) is None for p, _ in items):
            index = None  # no article of this repository in the run: its names do not apply
        stats: dict[str, FormStat] = {}
        records: dict[str, list[FormRecord]] = {}
        for path, summ in items:
            records[path] = form_records(summ.mentions)
        indexed: dict[str, list[FormRecord]] = {}
        if index is not None:
            run_keys = [k for k in (index.key(p) for p, _ in items) if k is not None]
            for key, entry in index.others(run_keys).items():
                indexed[index.display(key)] = entry.forms
        for source, is_index in ((records, False), (indexed, True)):
            for path, recs in source.items():
                for rec in recs:
                    form = rec[0]
                    st = stats.get(form)
                    if st is None:
                        st = stats[form] = FormStat(form)
                    st.articles[path] = rec
                    st.mentions += rec[7]
                    st.nonweak += rec[8]
                    st.neighbours.update(rec[9])
                    if is_index:
                        st.indexed.add(path)
        for form in house_forms(settings):
            st = stats.get(form)
            if st is None:
                st = stats[form] = FormStat(form)
            st.house = True

        run_forms = {m[0] for _p, s in items for m in s.mentions}
        links = _links(stats, run_forms)
        cooc = cooccurrences(stats)
        targets: dict[str, tuple[str, str, str]] = {}  # form -> (canonical, kind, reason)
        targets.update(_swapped(stats, run_forms))
        for form in run_forms:
            f = stats[form]
            best: tuple[Any, ...] | None = None
            for other, kind in links.get(form, {}).items():
                c = stats[other]
                why = _beats(c, f, kind, cooc)
                if why is None:
                    continue
                pri = (fold(other) == fold(form), *_priority(c))  # closest spelling first
                if best is None or pri > best[0]:
                    best = (pri, other, kind, why)
            if best is not None:
                targets[form] = best[1:]

        for path, summ in items:
            for m in summ.mentions:
                got = targets.get(m[0])
                if got is None:
                    continue
                form, weak = m[0], m[7]
                if got[2] in ("together", "name"):
                    # Decided by the full name: only mentions beside it ("Georgia Valdarno",
                    # not the US state elsewhere in the run).
                    shared = stats[form].neighbours & stats[got[0]].neighbours
                    if not {fold(n) for n in (m[8], m[9]) if n} & shared:
                        continue
                if weak and stats[form].nonweak == 0 and zipf(form) >= COMMON:
                    continue  # never seen as a name: maybe the ordinary word
                canon, kind, why = got
                yield path, self._finding(path, m, stats[form], stats[canon], kind, why)

        if index is not None:
            summaries = dict(items)
            seen = ctx.state.get(READ_STAMPS, {})
            for path, recs in records.items():
                index.put(path, summaries[path].digest, recs, seen.get(path))
            later = ctx.state.get(DEFERRED_SAVES)
            if later is None:
                index.save()
            else:
                later.append(index.save)  # written by the runner (in the background)

    def _finding(
        self, path: str, m: Mention, f: FormStat, c: FormStat, kind: str, why: str
    ) -> Diagnostic:
        form, start, end = m[0], m[1], m[2]
        canon = c.form
        others = [p for p in c.articles if p != path]
        here = c.articles.get(path)
        parts = []
        if others:
            n = len(others)
            where = " in the repository" if all(p in c.indexed for p in others) else ""
            verb = "writes" if n == 1 else "write"
            parts.append(f"{_plural(n, 'other article')}{where} {verb} '{canon}'")
        if here is not None:
            if others:
                parts.append(f"as does this article ({_times(here[7])})")
            else:
                parts.append(f"this article writes '{canon}' {_times(here[7])}")
        counts = ", ".join(parts)
        if why == "house":
            message = f"'{form}': the house list spells it '{canon}'"
            if counts:
                message += f"; {counts}"
        else:
            message = f"'{form}': {counts}"
            if why == "frequency":
                message += ", the usual spelling in English"
            elif why == "together":
                message += " with the same name"
            elif why == "name":
                message += f" with the same name ('{form}' is also a common word)"
            elif why == "order":
                message += ", in this order"
            elif why == "shape":
                message += (
                    ", in the acronym's capitals"
                    if is_acronym(canon)
                    else ", with the hyphen"
                    if "-" in canon
                    else ""
                )
        related = []
        if here is not None:
            related.append(_related(path, here, f"'{canon}' in this article"))
        for p in others[: MAX_RELATED - len(related)]:
            related.append(_related(p, c.articles[p], f"'{canon}' here"))
        fix = Fix("unsafe", f"Replace with '{canon}'", (Edit(start, end, canon),))
        return replace(self.diagnostic(start, end, message, fix), path=path, related=tuple(related))


def _swapped(stats: dict[str, FormStat], run_forms: set[str]) -> dict[str, tuple[str, str, str]]:
    """Swapped name order: "Morikawa Kenta" beside "Kenta Morikawa" -> the majority order;
    on a tie, the order that ends with the word used alone more often (the surname), then
    the order that starts with the more frequent English word."""
    out: dict[str, tuple[str, str, str]] = {}
    for form in run_forms:
        if " " not in form:
            continue
        a, b = form.split(" ", 1)
        other = f"{b} {a}"
        c = stats.get(other)
        if c is None or " " in b:
            continue
        f = stats[form]
        if not (f.nonweak and c.nonweak) or max(zipf(a), zipf(b)) >= COMMON_WORD:
            continue
        alone_a = (stats[a].mentions if a in stats else 0) - f.mentions - c.mentions
        alone_b = (stats[b].mentions if b in stats else 0) - f.mentions - c.mentions
        # Then the order that starts with the more frequent word: a given name is a more
        # common word in English than a family name ("Kenta" before "Morikawa").
        za, zb = zipf(a), zipf(b)
        pc = (len(c.articles), c.mentions, alone_a > alone_b, zb >= za + 0.5)  # c ends with a
        pf = (len(f.articles), f.mentions, alone_b > alone_a, za >= zb + 0.5)
        if pc > pf:
            out[form] = (other, "order", "order")
    return out


def _related(path: str, rec: FormRecord, message: str) -> Related:
    return Related(path, rec[1], rec[2], message, rec[3], rec[4], rec[5], rec[6])


def _links(stats: dict[str, FormStat], run_forms: set[str]) -> dict[str, dict[str, str]]:
    """Variant links between a form of the run and any other form: form -> {other: kind}.

    Linear in the number of forms: forms meet through their compact key (case, hyphen,
    space) or through a one-deletion neighbourhood of their fold key (spelling)."""
    links: dict[str, dict[str, str]] = defaultdict(dict)

    def link(a: str, b: str) -> None:
        if a == b or b in links.get(a, {}):
            return
        kind = _linked(stats[a], stats[b])
        if kind is not None:
            links[a][b] = kind
            links[b][a] = kind

    by_compact: dict[str, list[str]] = defaultdict(list)
    by_deletion: dict[str, list[tuple[str, str]]] = defaultdict(list)  # deletion -> (key, form)
    for form in run_forms:
        by_compact[compact(form)].append(form)
        st = stats[form]
        if " " not in form and not is_acronym(form) and st.namelike():
            key = fold(form)
            if len(key) >= 3:
                for d in deletions(key):
                    by_deletion[d].append((key, form))
    for form, st in stats.items():
        for other in by_compact.get(compact(form), ()):
            link(other, form)
        if " " in form or is_acronym(form) or not st.namelike():
            continue
        key = fold(form)
        if len(key) < 3:
            continue
        for d in deletions(key):
            for rkey, other in by_deletion.get(d, ()):
                if rkey == key or within_one(rkey, key):
                    link(other, form)
    return links


# ---------------------------------------------------------------------------------------------
# CN002: a person's gender


MALE_ROLES = frozenset(
    """spokesman chairman businessman congressman councilman policeman fireman anchorman
    sportsman statesman salesman cameraman assemblyman alderman frontman countryman
    actor waiter king prince duke emperor baron count mr sir lord""".split()
)
FEMALE_ROLES = frozenset(
    """spokeswoman chairwoman businesswoman congresswoman councilwoman policewoman firewoman
    anchorwoman sportswoman stateswoman saleswoman camerawoman assemblywoman countrywoman
    actress waitress queen princess duchess empress baroness countess mrs ms miss madam
    lady dame""".split()
)
NEUTRAL_ROLES = frozenset(
    """spokesperson representative president minister premier chancellor secretary leader
    official chief head director governor mayor senator ambassador envoy deputy judge
    commander general colonel captain lieutenant sergeant officer analyst professor dr
    economist expert researcher scientist lawyer activist journalist correspondent reporter
    editor author founder executive manager adviser advisor coordinator lawmaker politician
    candidate chairperson teacher doctor""".split()
)
# Words that make a capitalised sequence an organisation or a place, not a person.
ORG_WORDS = frozenset(
    """ministry department organization organisation agency council committee party
    government police office union bank court army forces force service news times post press
    institute university company group inc corp square street city republic province airport
    treaty assembly parliament senate house church school hospital station airlines
    association federation commission foundation fund guard navy region district river
    mountain mountains island islands valley lake sea ocean bay park bridge road avenue
    county state states kingdom""".split()
)
SPEECH_VERBS = (
    "said|says|added|adds|told|tells|explained|stressed|noted|stated|insisted|warned|"
    "confirmed|claimed|argued|continued|urged|wrote|writes|replied|declared|announced|"
    "recalled|admitted|asked|insists|warns|explains|notes"
)
_GENDERED = "|".join(sorted(MALE_ROLES | FEMALE_ROLES, key=len, reverse=True))
_ROLE_BEFORE_RE = re.compile(r"(\w+)\.?(,?)\s*$")
_THE_ROLE_RE = re.compile(rf"^[“\"‘'(]*The\s+(?:\w+\s+)?({_GENDERED})\b")
_PRONOUN_START_RE = re.compile(
    rf"^[“\"‘'(]*(He|She)\s+(?:(?:also|later|then|further|again|earlier|previously|"
    rf"has|had|have)\s+)?(?:{SPEECH_VERBS})\b"
)
_PRONOUN_QUOTE_RE = re.compile(
    rf"[”\"’]\s*,?\s+(he|she)\s+(?:(?:also|later|then|further)\s+)?(?:{SPEECH_VERBS})\b"
)
# The patterns tried at the start of a sentence (after opening quotes and brackets).
_START_PATTERNS = (_THE_ROLE_RE, _PRONOUN_START_RE)
# Where "…,” she said" can start: a closing quote, then the pronoun and a verb of saying.
_PRONOUN_QUOTE_GATE_RE = re.compile(
    rf"[”\"’]\s*,?\s+(?:he|she)\s+(?:(?:also|later|then|further)\s+)?(?:{SPEECH_VERBS})"
)
_SPEECH_AFTER_RE = re.compile(rf"^\s*(?:{SPEECH_VERBS})\b")
_SPEECH_BEFORE_RE = re.compile(rf"\b(?:{SPEECH_VERBS})\s*$")

_ROLE_WORDS = MALE_ROLES | FEMALE_ROLES | NEUTRAL_ROLES
_TITLE_WORDS = _ROLE_WORDS | {"prime", "foreign", "vice"}
_SPEECH_WORDS = tuple(SPEECH_VERBS.split("|"))


def _is_word_char(c: str) -> bool:
    """``\\w`` of the re module (str patterns)."""
    return c.isalnum() or c == "_"


def _role_before(before: str) -> tuple[int, int] | None:
    """The span of group 1 of ``_ROLE_BEFORE_RE.search(before)`` (a word, an optional dot and
    comma, then spaces to the end), found from the end instead of by a search from every
    position; None where that search finds nothing."""
    i = len(before)
    while i and before[i - 1].isspace():
        i -= 1
    if i and before[i - 1] == ",":
        i -= 1
    if i and before[i - 1] == ".":
        i -= 1
    j = i
    while j and _is_word_char(before[j - 1]):
        j -= 1
    return (j, i) if j < i else None


_SPEECH_SET = frozenset(SPEECH_VERBS.split("|"))
_SPEECH_LONGEST = max(map(len, _SPEECH_SET))


def _speech_word_at(view: str, lo: int, hi: int) -> bool:
    """``_speech_before(view[lo:hi])``, read off the view in place: the word (run of ``\\w``
    characters, cut at lo) before the spaces at the end is a verb of saying."""
    i = hi
    while i > lo and view[i - 1].isspace():
        i -= 1
    j = i
    stop = max(lo, i - _SPEECH_LONGEST - 1)
    while j > stop and (view[j - 1].isalnum() or view[j - 1] == "_"):
        j -= 1
    return i - j <= _SPEECH_LONGEST and view[j:i] in _SPEECH_SET


def _speech_before(before: str) -> bool:
    """Whether ``_SPEECH_BEFORE_RE.search(before)`` finds a match: a verb of saying at a word
    start, then only spaces to the end."""
    t = before.rstrip()
    for w in _SPEECH_WORDS:
        if t.endswith(w):
            k = len(t) - len(w)
            if k == 0 or not _is_word_char(t[k - 1]):
                return True
    return False


# Cue: gender, start, end, row, col, end_row, end_col, text, direct key ("" when the cue is
# anaphoric), candidate keys (nearest first).
Cue = tuple[str, int, int, int, int, int, int, str, str, tuple[str, ...], str]


def _gender_of(word: str) -> str:
    w = word.lower()
    return "m" if w in MALE_ROLES or w == "he" else "f" if w in FEMALE_ROLES or w == "she" else ""


@dataclass(frozen=True)
class GenderSummary:
    persons: tuple[tuple[str, str], ...]  # (key, full name)
    cues: tuple[Cue, ...]


def _runs(tokens: tuple[Token, ...]) -> list[list[Token]]:
    """Maximal sequences of adjacent capitalised words."""
    runs: list[list[Token]] = []
    for t in tokens:
        last = runs[-1][-1] if runs else None
        if last and last.next == t.form and t.prev == last.form and last.sentence == t.sentence:
            runs[-1].append(t)
            continue
        runs.append([t])
    return runs


@lru_cache(maxsize=65536)
def _run_titles(forms: tuple[str, ...]) -> int:
    """How many titles start a run of capitalised words ("President", "Mr"), or -1 when the
    rest cannot be a person's name (nothing left, an acronym, more than four words, or an
    organisation's word)."""
    n = 0
    while n < len(forms) and forms[n].lower().rstrip(".") in _TITLE_WORDS:
        n += 1
    names = forms[n:]
    if not names or any(is_acronym(f) for f in names) or len(names) > 4:
        return -1
    if any(f.lower() in ORG_WORDS for f in names):
        return -1
    return n


def _role_word_at(view: str, lo: int, hi: int) -> bool:
    """Whether the word ``_role_before(view[lo:hi])`` finds is a role word (lowercased in
    _ROLE_WORDS), read off the view in place."""
    i = hi
    while i > lo and view[i - 1].isspace():
        i -= 1
    if i > lo and view[i - 1] == ",":
        i -= 1
    if i > lo and view[i - 1] == ".":
        i -= 1
    j = i
    # No role word is longer than _ROLE_LONGEST, and lowercasing never shortens a word.
    stop = max(lo, i - _ROLE_LONGEST - 1)
    while j > stop and (view[j - 1].isalnum() or view[j - 1] == "_"):
        j -= 1
    if j == i or i - j > _ROLE_LONGEST:
        return False  # no word, or one longer than every role word
    return view[j:i].lower() in _ROLE_WORDS


_ROLE_LONGEST = max(map(len, _ROLE_WORDS))
# Read in the reversed view from the end of the text before a run: spaces, then a verb of
# saying backwards that is the whole run of word characters there (or what of it lies after
# the sentence's start, the match's end): where it matches, _speech_word_at holds.
_SPEECH_BEFORE_REV_RE = re.compile(
    r"\s*(?:" + "|".join(sorted((w[::-1] for w in _SPEECH_SET), key=len, reverse=True)) + r")(?!\w)"
)
_START_OPENERS = frozenset("“\"‘'(")  # what the sentence patterns skip before their word
_START_WORDS = ("The", "He", "She")  # the word each sentence pattern starts with
# What a sentence matched by _START_WORD_RE can start with.
_START_FIRSTS = _START_OPENERS | {w[0] for w in _START_WORDS}
_QUOTES = ("”", '"', "’")  # what the pronoun-after-a-quote gate starts with
# Opening quotes and brackets, then the word a sentence pattern starts with (as a prefix).
_START_WORD_RE = re.compile(
    "[" + "".join(sorted(_START_OPENERS)) + "]*(?:" + "|".join(_START_WORDS) + ")"
)
_SENT_START = operator.attrgetter("start")
_SENT_END = operator.attrgetter("end")


def _letter_class(x: str) -> str:
    """A character class of the characters whose ``str.lower()`` is the ASCII letter x: x,
    its capital, and for "k" the Kelvin sign (no other character lowercases to an ASCII
    letter; "İ" lowercases to two characters, "i" and a combining dot)."""
    return f"[{x}{x.upper()}{chr(0x212A) if x == 'k' else ''}]"


def _trie(words: Iterable[str]) -> str:
    """A pattern matching exactly the given words of ASCII lowercase letters, spelt as a
    trie (one branch per next letter) so that a match tries few alternatives, each letter in
    any case that lowercases to it (:func:`_letter_class`)."""
    ends = False
    rests: dict[str, list[str]] = {}
    for w in words:
        if w:
            rests.setdefault(w[0], []).append(w[1:])
        else:
            ends = True
    if not rests:
        return ""
    body = "|".join(_letter_class(c) + _trie(r) for c, r in sorted(rests.items()))
    return f"(?:{body})" + ("?" if ends else "")


# Read in the reversed view from just before a token: spaces, an optional comma and dot, and
# a role word backwards. Where _role_word_at finds a role word before a token, this matches
# at the token's reversed position (the role word and what follows it, read backwards; its
# characters all lowercase to ASCII letters, so they lie in the letter classes). It may
# match elsewhere too: it does not look at what stands before the word, nor at lo.
# (the look-ahead, one class of the letters role words end in, only makes it fail sooner)
_ROLE_LAST = "".join(_letter_class(c)[1:-1] for c in sorted({w[-1] for w in _ROLE_WORDS}))
_ROLE_BEFORE_REV_RE = re.compile(
    rf"\s*,?\.?(?=[{_ROLE_LAST}])" + _trie(w[::-1] for w in _ROLE_WORDS)
)
_START = operator.itemgetter(1)  # Token.start
_NEXT = operator.itemgetter(7)  # Token.next
_FORM = operator.itemgetter(0)  # Token.form
_SENTENCE = operator.itemgetter(5)  # Token.sentence


def _role_gate(view: str, tokens: tuple[TokenRow, ...], rv: str | None = None) -> list[int]:
    """Indices of the tokens where _ROLE_BEFORE_REV_RE matches before them (in the reversed
    view, rv when given): every token ``_role_word_at`` accepts, and a few more."""
    n = len(view)
    hits = map(
        _ROLE_BEFORE_REV_RE.match,
        itertools.repeat(view[::-1] if rv is None else rv),
        map(operator.sub, itertools.repeat(n), map(_START, tokens)),
    )
    return list(itertools.compress(range(len(tokens)), hits))


def _run_spans(tokens: tuple[TokenRow, ...], gated: list[int]) -> list[tuple[int, int]]:
    """(first, last + 1) of the runs of adjacent capitalised words (as _runs makes them) that
    can name a person: every run of two or more, and the one-word runs of the gated tokens.
    A token joins the next only when its next word is set, so only those are tried."""
    spans: list[tuple[int, int]] = []
    for i in itertools.compress(range(len(tokens) - 1), map(_NEXT, tokens)):
        a, b = tokens[i], tokens[i + 1]
        # a.next == b.form and b.prev == a.form and a.sentence == b.sentence
        if a[7] == b[0] and b[6] == a[0] and a[5] == b[5]:
            if spans and spans[-1][1] == i + 1:
                spans[-1] = (spans[-1][0], i + 2)
            else:
                spans.append((i, i + 2))
    if gated:
        covered = {k for a, b in spans for k in range(a, b)}
        spans.extend((i, i + 1) for i in gated if i not in covered)
        spans.sort()
    return spans


def _quote_sentences(view: str, sentences: list[Any], starts: list[int]) -> set[int]:
    """Indices of the sentences in which a match of ``_PRONOUN_QUOTE_GATE_RE`` starts: every
    match starts at a closing quote followed by a space or a comma, so only those places are
    tried."""
    out: set[int] = set()
    match = _PRONOUN_QUOTE_GATE_RE.match
    find = view.find
    for quote in _QUOTES:
        q = find(quote)
        while q >= 0:
            nxt = view[q + 1 : q + 2]
            if (nxt == "," or nxt.isspace()) and match(view, q):
                k = bisect_right(starts, q) - 1
                if k >= 0 and q < sentences[k].end:
                    out.add(k)
            q = find(quote, q + 1)
    return out


_NAME_ZIPF: dict[str, float] = {}


def _name_zipf(form: str) -> float:
    """``zipf(form)``, memoised per form here (one look-up instead of lowercasing and two
    calls)."""
    got = _NAME_ZIPF.get(form)
    if got is None:
        if len(_NAME_ZIPF) > 100_000:
            _NAME_ZIPF.clear()
        got = _NAME_ZIPF[form] = zipf(form)
    return got


def collect_gender(doc: Document) -> GenderSummary:
    view = doc.view
    tokens = extract_rows(doc)[0]
    sentences = doc.sentences
    persons: list[tuple[str, str]] = []
    found: list[tuple[str, int, int, str, str, tuple[str, ...], str]] = []

    def cue(
        gender: str,
        start: int,
        end: int,
        text: str,
        key: str,
        cands: tuple[str, ...],
        full: str = "",
    ) -> None:
        found.append((gender, start, end, text, key, cands, full))

    # Runs of adjacent capitalised words (_runs): most are one word, a person only after a
    # role word ("spokeswoman Azirbek"): those are looked at only where _role_gate finds one
    # and then checked in place.
    n_view = len(view)
    rv = view[::-1]
    gated = _role_gate(view, tokens, rv)
    after_role = set(gated)
    for a, b in _run_spans(tokens, gated):
        run = tokens[a:b]
        first = run[0]
        # (fields by index: tokens are plain tuples, see Token)
        first_form, first_start = first[0], first[1]
        sentence = sentences[first[5]]  # a run lies in one sentence
        lo = sentence.start
        if b - a == 1:
            if _run_titles((first_form,)) != 0 or not _role_word_at(view, lo, first_start):
                continue
            n_titles = 0
            role_is = True
        else:
            n_titles = _run_titles(tuple(map(_FORM, run)))
            if n_titles < 0:
                continue
            # _role_before(view[lo:first.start]) is a role word; only where the gate says so
            role_is = a in after_role and _role_word_at(view, lo, first_start)
        titles = run[:n_titles]
        names = run[n_titles:]
        # Without a title or a role word, a person is two names or more next to a verb of
        # saying ("named"); the test is made only then, the speech test last.
        if not (
            titles
            or role_is
            or (
                len(names) >= 2
                and _name_zipf(names[0][0]) < 4.5
                and (
                    _SPEECH_AFTER_RE.match(view, names[-1][2], sentence.end)
                    # _speech_word_at(view, lo, first_start): _speech_before(before)
                    or _SPEECH_BEFORE_REV_RE.match(rv, n_view - first_start, n_view - lo)
                )
            )
        ):
            continue
        key = fold(names[-1][0])
        full = " ".join(map(_FORM, names))
        persons.append((key, full))
        gendered = [t for t in titles if _gender_of(t[0].rstrip("."))]
        if gendered:
            t = gendered[-1]
            cue(_gender_of(t[0].rstrip(".")), t[1], t[2], t[0], key, (), full)
        elif role_is:
            before = view[lo:first_start]
            role_start = _role_before(before)
            role = before[role_start[0] : role_start[1]] if role_start else ""
            if _gender_of(role):
                s = lo + role_start[0]  # type: ignore[index]
                cue(_gender_of(role), s, s + len(role), role, key, (), full)

    # Anaphoric cues: "He said", "…,” she added", "The spokeswoman …".
    # The tokens come sentence by sentence: those of sentences si - 2 to si are one slice.
    token_sentences: list[int] = []

    def candidates(si: int, before: int) -> tuple[str, ...]:
        if not token_sentences:
            token_sentences.extend(map(_SENTENCE, tokens))
        out: list[str] = []
        lo = bisect_left(token_sentences, max(0, si - 2))
        for t in reversed(tokens[lo : bisect_right(token_sentences, si, lo)]):
            if t[1] < before and not t[4]:  # t.start, t.acronym
                k = fold(t[0])
                if k not in out:
                    out.append(k)
        return tuple(out)

    # The sentence patterns match only at a sentence's start, after opening quotes and
    # brackets, and their first word is "The", "He" or "She": only such sentences are tried
    # (each pattern on its own matches exactly where it did behind its gate), and only those
    # whose first character is an opener or the first letter of one of those words. The
    # word found there says which of the two patterns can match: "The" only _THE_ROLE_RE,
    # "He" or "She" only _PRONOUN_START_RE.
    sentence_starts = list(map(_SENT_START, sentences))
    maybe: Iterable[int] = range(len(sentences))
    if sentences and max(sentence_starts) < n_view:
        firsts = _picks(view, sentence_starts)
        maybe = list(itertools.compress(maybe, map(_START_FIRSTS.__contains__, firsts)))
    start_ends = {
        si: m.end()
        for si in maybe
        if (m := _START_WORD_RE.match(view, sentence_starts[si], sentences[si].end))
    }
    quoted = _quote_sentences(view, sentences, sentence_starts)
    for si in sorted(start_ends.keys() | quoted):
        sent = sentences[si]
        text = view[sent.start : sent.end]
        if si in start_ends:
            e = start_ends[si]
            rx = _THE_ROLE_RE if view.startswith("The", e - 3) else _PRONOUN_START_RE
            m = rx.match(text)
            if m:
                s = sent.start + m.start(1)
                word = m.group(1)
                phrase = text[m.start(1) : m.end()] if rx is _PRONOUN_START_RE else m.group(0)
                phrase = phrase.strip("“\"‘'( ")
                cue(_gender_of(word), s, s + len(word), phrase, "", candidates(si, s))
        for m in _PRONOUN_QUOTE_RE.finditer(text) if si in quoted else ():
            s = sent.start + m.start(1)
            word = m.group(1)
            phrase = text[m.start(1) : m.end()]
            cue(_gender_of(word), s, s + len(word), phrase, "", candidates(si, s))
    where = _positions(doc, [(c[1], c[2]) for c in found])
    cues = tuple(
        (g, *p, text, key, cands, full)
        for (g, _s, _e, text, key, cands, full), p in zip(found, where, strict=True)
    )
    return GenderSummary(tuple(persons), cues)  # type: ignore[arg-type]


@register
class GenderConsistency(Rule):
    code = "CN002"
    name = "person-gender"
    severity = "info"
    corpus = True
    summary = "A named person is 'he' in one place and 'she' in another"
    doc = """
Gendered words attached to a named person — a role right before the name ("spokeswoman
Saltanat Azirbek", "Mr Tokayev"), "The spokesman …" or "He said …" / "…,” she added" just after
the person is named — are compared across the run. When one person gets both, each article
involved gets one info-level finding pointing at the other wording. lintnews cannot tell which
one is right; the editor can. Pronouns are attributed only when the two sentences before name
exactly one known person.
"""
    bad = (
        "Police spokeswoman Saltanat Azirbek confirmed the figure. "
        "Azirbek said troops had arrived. He said more would come.",
    )
    good = ("Police spokeswoman Saltanat Azirbek confirmed the figure. She said they had left.",)

    def collect(self, doc: Document, ctx: Context) -> GenderSummary:
        return collect_gender(doc)

    def reduce(
        self, items: list[tuple[str, GenderSummary]], ctx: Context
    ) -> Iterator[tuple[str, Diagnostic]]:
        names: dict[str, Counter[str]] = defaultdict(Counter)
        in_article: dict[tuple[str, str], str] = {}  # (path, key) -> longest full name
        for path, summ in items:
            for key, full in summ.persons:
                names[key][full] += 1
                got = in_article.get((path, key), "")
                if len(full.split()) > len(got.split()):
                    in_article[(path, key)] = full
        # A surname shared by people of different given names ("Anna Smith", "John Smith"):
        # cues are compared only between mentions of the same full name.
        given: dict[str, set[str]] = defaultdict(set)
        for key, fulls in names.items():
            for full in fulls:
                words = full.split()
                if len(words) >= 2:
                    given[key].add(fold(" ".join(words[:-1])))
        by_person: dict[tuple[str, str], list[tuple[str, Cue]]] = defaultdict(list)
        for path, summ in items:
            for c in summ.cues:
                key = c[8]
                if not key:
                    known = [k for k in c[9] if k in names]
                    if len(set(known)) != 1:
                        continue
                    key = known[0]
                who = ""
                if len(given[key]) > 1:
                    full = c[10] or in_article.get((path, key), "")
                    words = full.split()
                    if len(words) < 2:
                        continue  # which of them is meant is unknown
                    who = fold(" ".join(words[:-1]))
                by_person[(key, who)].append((path, c))
        for (key, who), cues in by_person.items():
            genders = {c[0] for _p, c in cues if c[0]}
            if len(genders) != 2:
                continue
            fulls = [
                kv
                for kv in names[key].items()
                if not who or fold(" ".join(kv[0].split()[:-1])) == who
            ] or list(names[key].items())
            full = max(fulls, key=lambda kv: (len(kv[0].split()), kv[1]))[0]
            firsts: dict[tuple[str, str], Cue] = {}
            for path, c in cues:
                firsts.setdefault((path, c[0]), c)
            # A clear majority (3 or more articles, at least twice the other side): only the
            # minority's articles are reported; otherwise lintnews cannot tell, and all are.
            arts = {g: {p for p, og in firsts if og == g} for g in genders}
            (g1, a1), (_g2, a2) = sorted(arts.items(), key=lambda kv: len(kv[1]))
            report = {g1} if len(a2) >= 3 and len(a2) >= 2 * len(a1) else genders
            for (path, g), c in firsts.items():
                if g not in report:
                    continue
                opposite = [(p, o) for (p, og), o in firsts.items() if og != g]
                yield path, self._finding(path, full, c, opposite)

    def _finding(self, path: str, full: str, c: Cue, opposite: list[tuple[str, Cue]]) -> Diagnostic:
        word = {"m": "male", "f": "female"}
        g, og = word[c[0]], word[opposite[0][1][0]]
        other_paths = {p for p, _ in opposite if p != path}
        same = any(p == path for p, _ in opposite)
        where = []
        if same:
            where.append("elsewhere in this article")
        if other_paths:
            where.append(f"in {_plural(len(other_paths), 'other article')}")
        example = opposite[0][1][7]
        message = (
            f"{full} is {g} here ('{c[7]}') but {og} {' and '.join(where)} ('{example}'); "
            "check which is right"
        )
        related = tuple(
            Related(p, o[1], o[2], f"'{o[7]}' ({og})", o[3], o[4], o[5], o[6])
            for p, o in opposite[:MAX_RELATED]
        )
        return replace(self.diagnostic(c[1], c[2], message), path=path, related=related)


# ---------------------------------------------------------------------------------------------
# CN003: conflicting figures for the same fact


NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "dozen": 12, "hundred": 100})
CATEGORIES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("members", "of", "the", "security", "forces"), "security forces"),
    (("members", "of", "security", "forces"), "security forces"),
    (("law", "enforcement", "officers"), "police"),
    (("police", "officers"), "police"),
    (("police", "officials"), "police"),
    (("security", "forces"), "security forces"),
    (("security", "personnel"), "security forces"),
    (("security", "officials"), "security forces"),
    (("security", "officers"), "security forces"),
    (("security", "troops"), "security forces"),
    (("military", "personnel"), "soldiers"),
    (("policemen",), "police"),
    (("police",), "police"),
    (("officers",), "officers"),
    (("soldiers",), "soldiers"),
    (("troops",), "soldiers"),
    (("servicemen",), "soldiers"),
    (("protesters",), "protesters"),
    (("protestors",), "protesters"),
    (("demonstrators",), "protesters"),
    (("civilians",), "civilians"),
    (("people",), "people"),
)
EVENTS = {
    "killed": "killed",
    "dead": "killed",
    "died": "killed",
    "death": "killed",
    "deaths": "killed",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "injuries": "injured",
    "hospitalized": "in hospital",
    "hospitalised": "in hospital",
    "detained": "detained",
    "arrested": "detained",
}
FILLERS = frozenset(
    "had have has been were was are is being reportedly also now so far already since".split()
)
QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("at", "least"), "min"),
    (("more", "than"), "gt"),
    (("over",), "gt"),
    (("upwards", "of"), "gt"),
    (("nearly",), "below"),
    (("almost",), "below"),
    (("close", "to"), "below"),
    (("about",), "approx"),
    (("around",), "approx"),
    (("some",), "approx"),
    (("approximately",), "approx"),
    (("roughly",), "approx"),
    (("an", "estimated"), "approx"),
    (("up", "to"), "max"),
    (("at", "most"), "max"),
    (("fewer", "than"), "lt"),
    (("less", "than"), "lt"),
)
_FIG_TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+|[^\W\d_]+(?:['’-][^\W\d_]+)*")

# Figure: category, event, lo, hi, start, end, row, col, end_row, end_col, text
Figure = tuple[str, str, float, float, int, int, int, int, int, int, str]


@dataclass(frozen=True)
class FiguresSummary:
    names: frozenset[str]  # distinctive names: two articles about one story share several
    figures: tuple[Figure, ...]


def _number(toks: list[tuple[str, int, int]], i: int) -> tuple[int, int] | None:
    """(value, tokens used) of a number at toks[i]."""
    w = toks[i][0]
    if w[0].isdigit():
        return int(w.replace(",", "")), 1
    if w in ("a", "one") and i + 1 < len(toks) and toks[i + 1][0] in ("thousand", "hundred"):
        return (1000 if toks[i + 1][0] == "thousand" else 100), 2
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w], 1
    return None


def _interval(value: int, qual: str) -> tuple[float, float]:
    v = float(value)
    return {
        "min": (v, float("inf")),
        "gt": (v + 1, float("inf")),
        "below": (0.8 * v, v - 1),
        "approx": (0.8 * v, 1.2 * v),
        "max": (0.0, v),
        "lt": (0.0, v - 1),
    }.get(qual, (v, v))


def _match_at(toks: list[tuple[str, int, int]], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(t[0] for t in toks[i : i + len(phrase)]) == phrase


def collect_figures(doc: Document) -> FiguresSummary:
    view = doc.view
    figures: list[Figure] = []
    for sent in doc.sentences:
        if doc.in_quote(sent.start, sent.end):
            continue
        toks = [
            (m.group().lower(), m.start(), m.end())
            for m in _FIG_TOKEN_RE.finditer(view, sent.start, sent.end)
        ]
        words = {t[0] for t in toks}
        i = 0
        last_cat = ""
        while i < len(toks):
            num = _number(toks, i)
            if num is None:
                i += 1
                continue
            value, used = num
            qual, qstart = "", toks[i][1]
            for phrase, q in QUALIFIERS:
                k = i - len(phrase)
                if k >= 0 and _match_at(toks, k, phrase):
                    qual, qstart = q, toks[k][1]
                    break
            j = i + used
            # "the deaths of 12 security personnel": the event comes first
            event = ""
            if i >= 2 and toks[i - 1][0] == "of" and toks[i - 2][0] in EVENTS:
                event = EVENTS[toks[i - 2][0]]
                if not qual:
                    qstart = toks[i - 2][1]
            if (
                j + 1 < len(toks)
                and toks[j][0] == "of"
                and toks[j + 1][0] in ("its", "the", "their")
            ):
                j += 2
            if j < len(toks) and view[toks[j][1]].isupper() and toks[j][0] not in EVENTS:
                j += 1  # "12 Kazakh policemen"
            cat = ""
            for phrase, label in CATEGORIES:
                if _match_at(toks, j, phrase):
                    cat = label
                    j += len(phrase)
                    break
            if cat == "officers" and "police" in words:
                cat = "police"
            after_and = i > 0 and toks[i - 1][0] == "and"
            bare_event = j < len(toks) and toks[j][0] in EVENTS
            if not cat and not event and last_cat and after_and and bare_event:
                cat = last_cat  # "748 … were injured and 18 killed"
            if not cat:
                i += used
                continue
            k = j
            while not event and k < len(toks) and toks[k][0] in FILLERS and k - j < 4:
                k += 1
            if not event and k < len(toks) and toks[k][0] in EVENTS:
                event = EVENTS[toks[k][0]]
                j = k + 1
            if event:
                lo, hi = _interval(value, qual)
                end = toks[j - 1][2]
                text = view[qstart:end].replace("\n", " ")
                figures.append((cat, event, lo, hi, *_pos(doc, qstart, end), text))
                last_cat = cat
            i = max(j, i + used)
    names = frozenset(
        fold(t.form) for t in extract(doc).tokens if not t.weak and zipf(t.form) < 4.0
    )
    return FiguresSummary(names, tuple(figures))


@register
class ConflictingFigures(Rule):
    code = "CN003"
    name = "conflicting-figures"
    severity = "info"
    corpus = True
    default_enabled = False
    summary = "Articles on one story give incompatible figures for the same toll"
    doc = """
Opt-in (`--extend-select CN003`). Reads casualty and arrest figures of a few fixed shapes —
"at least 13 of its officers had been killed", "Twelve policemen have been killed",
"the deaths of 12 security personnel", "748 security officials were injured and 18 killed" —
as (who, what, range): "at least 13" is 13 or more, "more than", "nearly", "about", "up to"
likewise. Two articles that share at least three distinctive names are taken to cover one
story; where their ranges for the same who and what cannot both be true, each article gets an
info-level finding with the other articles' figures as related locations. Inside one article
only two exact figures that differ are reported. Figures inside quotations are skipped. Tolls
legitimately change between updates, hence info and opt-in.
"""
    bad = ("Twelve policemen have been killed. Later 18 policemen were killed.",)
    good = ("Twelve policemen have been killed in Almaty.",)

    def collect(self, doc: Document, ctx: Context) -> FiguresSummary:
        return collect_figures(doc)

    def reduce(
        self, items: list[tuple[str, FiguresSummary]], ctx: Context
    ) -> Iterator[tuple[str, Diagnostic]]:
        summaries = dict(items)
        # Names shared by very many articles (a country, an agency) say little about a story.
        df = Counter(n for _p, s in items for n in s.names)
        common = max(50, len(items) // 10)
        by_fact: dict[tuple[str, str], list[tuple[str, Figure]]] = defaultdict(list)
        for path, summ in items:
            for f in summ.figures:
                by_fact[(f[0], f[1])].append((path, f))
        same_story: dict[tuple[str, str], bool] = {}

        def related_story(a: str, b: str) -> bool:
            key = (a, b) if a <= b else (b, a)
            got = same_story.get(key)
            if got is None:
                shared = summaries[a].names & summaries[b].names
                got = len(shared) >= 3 or (len(shared) >= 2 and any(df[n] < common for n in shared))
                same_story[key] = got
            return got

        for (cat, event), figs in by_fact.items():
            if len(figs) < 2:
                continue
            reported: set[str] = set()
            for path, f in figs:
                if path in reported:
                    continue
                conflicts: dict[str, Figure] = {}
                for p, g in figs:
                    if p in conflicts or not (g[3] < f[2] or f[3] < g[2]):
                        continue
                    if p == path:
                        if f[2] == f[3] and g[2] == g[3]:
                            conflicts[p] = g  # two exact figures in one article
                    elif related_story(path, p):
                        conflicts[p] = g
                if not conflicts:
                    continue
                reported.add(path)
                n = len(conflicts) - (path in conflicts)
                where = []
                if path in conflicts:
                    where.append("this article")
                if n:
                    where.append(f"{_plural(n, 'other article')} on this story")
                others = "; ".join(f"'{g[10]}'" for g in list(conflicts.values())[:3])
                message = (
                    f"'{f[10]}': {' and '.join(where)} give{'s' if len(conflicts) == 1 else ''} "
                    f"another figure for {cat} {event}: {others}"
                )
                related = tuple(
                    Related(p, g[4], g[5], f"'{g[10]}'", g[6], g[7], g[8], g[9])
                    for p, g in list(conflicts.items())[:MAX_RELATED]
                )
                d = self.diagnostic(f[4], f[5], message)
                yield path, replace(d, path=path, related=related)
