"""The engine: builds the registry, lints documents and runs, applies suppressions.

Per file: parse → rules (view offsets) → map to source offsets → suppressions. Corpus rules
(consistency across a run) work as map (``collect`` per file, picklable) + reduce.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from lintnews import document as docmod
from lintnews.config import Settings, for_front_matter
from lintnews.diagnostic import Diagnostic, Edit, Fix
from lintnews.document import Directive, Document
from lintnews.errors import LintnewsError
from lintnews.packs import PatternRule, builtin_rules_dir, iter_rules
from lintnews.prefilter import MatcherIndex, state_text
from lintnews.registry import Context, Registry, Rule, code_rules
from lintnews.source import LineIndex

SIC_RE = re.compile(r"([\w'’\-]+)([\"”’')\]]*)\s*\[sic\]", re.I)
_SIC_QUICK_RE = re.compile(r"\[sic\]", re.I)  # SIC_RE is slow on text without "[sic]"
MAX_FIX_PASSES = 10


# ---------------------------------------------------------------------------------------------
# registry


@lru_cache(maxsize=16)
def _registry(rule_dirs: tuple[str, ...]) -> Registry:
    from lintnews import freqstore

    freqstore.install()  # word frequencies read word by word, not whole lists
    reg = Registry()
    for cls in code_rules():
        reg.add(cls(), "lintnews")
    dirs = [(builtin_rules_dir(), "rules")]
    for d in rule_dirs:
        if not os.path.isdir(d):
            raise LintnewsError(f"rule folder not found: {d}")
        dirs.append((Path(d), os.path.relpath(d)))
    for rule in iter_rules(dirs):
        reg.add(rule, rule.origin)
    return reg


def get_registry(settings: Settings | None = None) -> Registry:
    return _registry(tuple(settings.rule_dirs) if settings else ())


# ---------------------------------------------------------------------------------------------
# suppression metadata (source coordinates; small and picklable)


@dataclass(frozen=True)
class SuppressionMeta:
    disabled: tuple[tuple[int, int, tuple[str, ...]], ...]  # (start, end, codes; () = all)
    sic: tuple[tuple[int, int], ...]


def suppression_meta(text: str, directives: Sequence[Directive]) -> SuppressionMeta:
    return _suppression_meta(text, tuple(directives))


@lru_cache(maxsize=4)  # lint_source asks again for the text lint_document just did
def _suppression_meta(text: str, directives: tuple[Directive, ...]) -> SuppressionMeta:
    lines = LineIndex(text) if directives else None  # (most articles have none)
    disabled: list[tuple[int, int, tuple[str, ...]]] = []
    open_regions: list[tuple[int, tuple[str, ...]]] = []
    for d in sorted(directives, key=lambda d: d.start):
        assert lines is not None
        row0 = lines.row0(d.start)
        if d.action == "disable":
            open_regions.append((d.start, d.codes))
        elif d.action == "enable":
            keep = []
            for start, codes in open_regions:
                if not d.codes or set(codes) & set(d.codes) or not codes:
                    disabled.append((start, d.start, codes))
                else:
                    keep.append((start, codes))
            open_regions = keep
        elif d.action == "disable-line":
            s = lines.line_start(row0)
            e = lines.line_start(row0 + 1) if row0 + 1 < lines.line_count else len(text)
            disabled.append((s, e, d.codes))
        elif d.action == "disable-next-line":
            nxt = lines.row0(d.end) + 1
            while nxt < lines.line_count and not lines.line_text(nxt + 1).strip():
                nxt += 1
            if nxt < lines.line_count:
                s = lines.line_start(nxt)
                e = lines.line_start(nxt + 1) if nxt + 1 < lines.line_count else len(text)
                disabled.append((s, e, d.codes))
    for start, codes in open_regions:
        disabled.append((start, len(text), codes))
    sic = (
        tuple((m.start(1), m.end(1)) for m in SIC_RE.finditer(text))
        if _SIC_QUICK_RE.search(text)
        else ()
    )
    return SuppressionMeta(tuple(disabled), sic)


def _code_matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(p) or p == "ALL" for p in prefixes)


def filter_diagnostics(
    diags: Iterable[Diagnostic], meta: SuppressionMeta, settings: Settings, path: str
) -> list[Diagnostic]:
    ignored = settings.ignored_codes_for(path) if path not in ("", "-") else ()
    out: dict[tuple[str, int, int], Diagnostic] = {}
    for d in diags:
        if ignored and _code_matches(d.code, ignored):
            continue
        if any(
            s <= d.start < e and (not codes or _code_matches(d.code, codes))
            for s, e, codes in meta.disabled
        ):
            continue
        if any(s < max(d.end, d.start + 1) and d.start < e for s, e in meta.sic):
            continue
        sev = settings.severity_for(d.code, d.severity)
        if sev != d.severity:
            d = replace(d, severity=sev)  # type: ignore[arg-type]
        out.setdefault((d.code, d.start, d.end), d)
    return sorted(out.values(), key=lambda d: (d.start, d.end, d.code))


# ---------------------------------------------------------------------------------------------
# linting one document


@dataclass
class FileResult:
    path: str
    text: str = ""
    encoding: str = "utf-8"
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    meta: SuppressionMeta | None = None
    summaries: dict[str, Any] = field(default_factory=dict)  # corpus rule code -> summary
    source_lang: str | None = None
    inferred_lang: str | None = None
    settings: Settings | None = None

    @property
    def lines(self) -> LineIndex:
        li = getattr(self, "_lines", None)
        if li is None:
            li = LineIndex(self.text)
            self._lines = li
        return li


def resolve_lang(doc: Document, settings: Settings) -> str:
    return settings.lang_for(doc.path) if doc.path not in ("", "-") else settings.source_lang


def _lang_ok(rule: Rule, lang: str, allow_low: bool) -> bool:
    if rule.source_langs is None:
        return True
    if lang == "en":
        return False
    if lang not in rule.source_langs:
        return False
    return allow_low or rule.confidence == "high"


class _RunPlan:
    """A list of rules split for running: the code rules with their positions, and each
    pack rule's position (pack rules run together, through the prefilter)."""

    __slots__ = ("code", "patterns", "rules")

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.code = [(i, r) for i, r in enumerate(rules) if type(r) is not PatternRule]
        self.patterns = {id(r): i for i, r in enumerate(rules) if type(r) is PatternRule}


def _plan(registry: Registry, key: tuple[Any, ...], build: Callable[[], list[Rule]]) -> _RunPlan:
    """The run plan of a rule list, worked out once per registry and key (not per file)."""
    plans = registry.__dict__.setdefault("_run_plans", {})
    plan = plans.get(key)
    if plan is None:
        plan = plans[key] = _RunPlan(build())
    return plan


def _run(
    rules: Iterable[Rule] | _RunPlan, doc: Document, ctx: Context
) -> list[tuple[Rule, Diagnostic]]:
    plan = rules if isinstance(rules, _RunPlan) else _RunPlan(list(rules))
    out: list[tuple[int, Rule, Diagnostic]] = []
    for i, rule in plan.code:
        for d in rule.check(doc, ctx):
            out.append((i, rule, d))
    patterns = plan.patterns  # id(pack rule) -> its position among the rules
    if patterns:
        # Pack rules: only the matchers whose required literals occur in the document run.
        for rule, mts in _pattern_candidates(doc, ctx).items():
            i = patterns.get(id(rule))  # type: ignore[assignment]
            if i is not None:
                for d in rule.check_matchers(doc, ctx, mts):
                    out.append((i, rule, d))
        out.sort(key=lambda t: t[0])  # the order of running the rules one after another
    return [(rule, d) for _, rule, d in out]


def _pattern_candidates(doc: Document, ctx: Context) -> dict[PatternRule, list[Any]]:
    """Pattern rule -> its matchers that may match this document (one literal search)."""
    cands = ctx.state.get("pattern_candidates")
    if cands is None:
        index = _pattern_index(get_registry(ctx.settings))
        text = state_text(doc.view, ctx.state)
        hits, occurrences = index.hits(text, doc.view)
        ctx.state["prefilter_occurrences"] = occurrences
        ctx.state["pattern_hits"] = {
            id(mt): (lits, plan) for mts in hits.values() for mt, lits, plan in mts
        }
        cands = {key: [mt for mt, _l, _r in mts] for key, mts in hits.items()}
        ctx.state["pattern_candidates"] = cands
    return cands


def _pattern_index(registry: Registry) -> MatcherIndex:
    index = getattr(registry, "_pattern_index", None)
    if index is None:
        index = MatcherIndex((r, r.matchers) for r in registry if type(r) is PatternRule)
        registry._pattern_index = index  # type: ignore[attr-defined]
    return index


def lint_document(
    doc: Document, settings: Settings, registry: Registry | None = None
) -> tuple[list[Diagnostic], Settings]:
    """Run the per-document rules; returns source-offset diagnostics, suppressions applied."""
    registry = registry or get_registry(settings)
    settings = for_front_matter(settings, doc.front_matter, doc.path)
    sel = (
        tuple(settings.select) if settings.select is not None else None,
        tuple(settings.ignore),
        tuple(settings.extend_select),
    )

    def selected() -> list[Rule]:
        return [r for r in registry.select(*sel) if not r.corpus]

    lang = resolve_lang(doc, settings)
    doc.source_lang = None if lang == "auto" else lang
    ctx = Context(settings)
    found: list[tuple[Rule, Diagnostic]]
    if lang != "auto":
        plan = _plan(
            registry,
            ("lang", sel, lang),
            lambda: [r for r in selected() if _lang_ok(r, lang, True)],
        )
        found = _run(plan, doc, ctx)
    else:
        first = _plan(
            registry,
            ("first", sel),
            lambda: [r for r in selected() if r.source_langs is None or r.confidence == "high"],
        )
        found = _run(first, doc, ctx)
        # Each finding of a language pack votes for its languages (split between them).
        votes: Counter[str] = Counter()
        for r, _ in found:
            if r.source_langs and len(r.source_langs) <= 3:
                for lang_ in r.source_langs:
                    votes[lang_] += 1 / len(r.source_langs)
        if votes:
            (best, n), *rest = [*votes.most_common(2), ("", 0)]
            if n >= 2 and n > rest[0][1]:
                doc.inferred_lang = best
                low = _plan(
                    registry,
                    ("low", sel, best),
                    lambda: [
                        r
                        for r in selected()
                        if r.source_langs and r.confidence == "low" and best in r.source_langs
                    ],
                )
                found += _run(low, doc, ctx)
    found = _drop_superseded(found)
    if lang in ("auto", "en") and not any(
        d.code.startswith("MT") and not r.needs_corroboration for r, d in found
    ):
        found = [(r, d) for r, d in found if not r.needs_corroboration]
    for backend in _backends(settings):
        # A backend's match on a span a lintnews rule already reports is dropped.
        spans = [(d.start, d.end) for _, d in found]
        for d in backend.check(doc, settings):
            if not registry.code_selected(
                d.code, settings.select, settings.ignore, settings.extend_select
            ):
                continue
            if not any(s < max(d.end, d.start + 1) and d.start < e for s, e in spans):
                found.append((None, d))  # type: ignore[arg-type]
    diags = [_to_source(doc, rule, d, settings) for rule, d in found]
    diags = [d for d in diags if d is not None]
    meta = suppression_meta(doc.text, doc.directives)
    return filter_diagnostics(diags, meta, settings, doc.path), settings


def _drop_superseded(
    found: list[tuple[Rule, Diagnostic]],
) -> list[tuple[Rule, Diagnostic]]:
    """Drop findings that a more specific rule (``supersedes`` prefixes) covers on one span."""
    claims = [
        (d.start, d.end, rule.supersedes) for rule, d in found if getattr(rule, "supersedes", ())
    ]
    if claims:
        found = [
            (rule, d)
            for rule, d in found
            if not any(
                s < max(d.end, d.start + 1) and d.start < e and d.code.startswith(prefixes)
                for s, e, prefixes in claims
            )
        ]
    # Two translation findings on nested spans report one artifact: keep the most specific
    # (a single-language pack entry before a shared one, before a structural signal).
    mt = sorted(
        ((_mt_rank(rule), i) for i, (rule, d) in enumerate(found) if d.code.startswith("MT")),
    )
    drop: set[int] = set()
    kept: list[Diagnostic] = []
    for _, i in mt:
        d = found[i][1]
        if any(
            (k.start <= d.start and d.end <= k.end) or (d.start <= k.start and k.end <= d.end)
            for k in kept
        ):
            drop.add(i)
        else:
            kept.append(d)
    return [pair for i, pair in enumerate(found) if i not in drop]


def _mt_rank(rule: Rule) -> int:
    langs = rule.source_langs or ()
    if len(langs) == 1:
        return 0 if rule.confidence == "high" else 1
    if langs:
        return 2
    return 3


def _backends(settings: Settings) -> list[Any]:
    if settings.grammar:
        import lintnews.languagetool  # noqa: F401  (registers its factory in BACKENDS)
    out = []
    for factory in BACKENDS:
        b = factory(settings)
        if b is not None:
            out.append(b)
    return out


# Backends (e.g. LanguageTool) register a factory: settings -> backend or None. A backend has
# check(doc, settings) -> list[Diagnostic] with view offsets.
BACKENDS: list[Callable[[Settings], Any]] = []


def _to_source(
    doc: Document, rule: Rule | None, d: Diagnostic, settings: Settings
) -> Diagnostic | None:
    in_quote = doc.in_quote(d.start, d.end)
    if in_quote and settings.quotes == "skip":
        return None
    fix = d.fix
    if (
        fix is not None
        and in_quote
        and rule is not None
        and not rule.fix_in_quotes
        and fix.applicability != "display"
    ):
        fix = replace(fix, applicability="display")
    start, end = d.start, d.end
    if doc.offset_map is not None or doc.literals:
        if fix is not None:
            fix = doc.fix_to_source(fix)  # re-encodes text put inside quoted strings
        start, end = doc.to_source(start), doc.to_source(end)
    # one copy of the finding, by its constructor (dataclasses.replace costs about as much
    # as the rest here; tests/test_engine_speed.py checks every field is carried over)
    return Diagnostic(
        d.code, d.name, d.severity, d.message, start, end, fix, d.url, doc.path, d.related
    )


def lint_text(
    text: str, path: str = "-", settings: Settings | None = None, kind: str | None = None
) -> list[Diagnostic]:
    """Lint a string (no corpus rules); convenience API and what the examples tests use."""
    settings = settings or Settings()
    doc = docmod.parse(path if path != "-" else "stdin.txt", text, kind, settings)
    doc.path = path
    diags, _ = lint_document(doc, settings)
    return diags


def lint_source(path: str, text: str, encoding: str, settings: Settings) -> FileResult:
    """Lint one file's text: per-document rules plus the corpus rules' per-file summaries."""
    doc = docmod.parse(path if path != "-" else "stdin.txt", text, settings=settings)
    doc.path = path
    diags, eff = lint_document(doc, settings)
    res = FileResult(
        path=path,
        text=text,
        encoding=encoding,
        diagnostics=diags,
        meta=suppression_meta(text, doc.directives),
        source_lang=doc.source_lang,
        inferred_lang=doc.inferred_lang,
        settings=eff,
    )
    registry = get_registry(settings)
    sel = (
        tuple(eff.select) if eff.select is not None else None,
        tuple(eff.ignore),
        tuple(eff.extend_select),
    )

    def corpus_rules() -> list[Rule]:
        return [r for r in registry.select(*sel) if r.corpus]

    for rule in _plan(registry, ("corpus", sel), corpus_rules).rules:
        res.summaries[rule.code] = rule.collect(doc, Context(eff))  # type: ignore[attr-defined]
    return res


def corpus_pass(results: list[FileResult], settings: Settings) -> None:
    """Reduce the corpus rules' summaries and add their findings to each file's result."""
    add_corpus_findings(results, corpus_findings(results, settings))


def corpus_findings(
    results: list[FileResult],
    settings: Settings,
    read_stamps: dict[str, tuple[int, int, int, int]] | None = None,
    deferred: list[Callable[[], None]] | None = None,
) -> dict[str, list[Diagnostic]]:
    """The corpus rules' findings (suppressions applied) by path: their ``reduce`` over the
    results' summaries. ``read_stamps``: what the run saw of each file when it read it
    (:func:`lintnews.name_index.read_stamp`), so that the name index need not read it again.
    ``deferred``: where the reduce leaves what it would write for later runs (the name
    index), for the caller to run; None writes it in the reduce."""
    from lintnews.name_index import DEFERRED_SAVES, READ_STAMPS

    registry = get_registry(settings)
    by_path = {r.path: r for r in results if r.error is None}
    found: dict[str, list[Diagnostic]] = {}
    state: dict[str, Any] = {READ_STAMPS: read_stamps} if read_stamps else {}
    if deferred is not None:
        state[DEFERRED_SAVES] = deferred
    for rule in registry:
        if not rule.corpus:
            continue
        items = [
            (r.path, r.summaries[rule.code]) for r in by_path.values() if rule.code in r.summaries
        ]
        if not items:
            continue
        ctx = Context(settings, dict(state))  # (the deferred list itself is shared)
        for path, d in rule.reduce(items, ctx):  # type: ignore[attr-defined]
            res = by_path.get(path)
            if res is None or res.meta is None or res.settings is None:
                continue
            kept = filter_diagnostics([replace(d, path=path)], res.meta, res.settings, path)
            found.setdefault(path, []).extend(kept)
    return found


def add_corpus_findings(results: list[FileResult], found: dict[str, list[Diagnostic]]) -> None:
    """Add :func:`corpus_findings` to the results and put each file's findings in order."""
    by_path = {r.path: r for r in results if r.error is None}
    for path, diags in found.items():
        res = by_path.get(path)
        if res is not None:
            res.diagnostics.extend(diags)
    for r in by_path.values():
        r.diagnostics.sort(key=lambda d: (d.start, d.end, d.code))


# ---------------------------------------------------------------------------------------------
# fixes


def select_fixes(diags: Iterable[Diagnostic], unsafe: bool) -> list[Fix]:
    allowed = ("safe", "unsafe") if unsafe else ("safe",)
    return [d.fix for d in diags if d.fix is not None and d.fix.applicability in allowed]


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply non-overlapping fixes (a fix is all or nothing); returns new text and count."""
    taken: list[tuple[int, int]] = []
    chosen: list[Edit] = []
    count = 0
    for fix in sorted(fixes, key=lambda f: min((e.start for e in f.edits), default=0)):
        edits = sorted(fix.edits, key=lambda e: e.start)
        if not edits:
            continue
        if any(
            (e.start < te and ts < e.end)
            or (e.start == ts and e.end == te)
            or (e.start == e.end and ts <= e.start < te)
            for e in edits
            for ts, te in taken
        ):
            continue
        if any(e.start < 0 or e.end > len(text) or e.start > e.end for e in edits):
            continue
        same = all(text[e.start : e.end] == e.content for e in edits)
        if same:
            continue
        taken.extend((e.start, e.end) for e in edits)
        chosen.extend(edits)
        count += 1
    for e in sorted(chosen, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.content + text[e.end :]
    return text, count


def fix_source(
    path: str,
    text: str,
    settings: Settings,
    unsafe: bool = False,
    extra: Sequence[Diagnostic] = (),
) -> tuple[str, int]:
    """Lint and fix repeatedly until nothing changes; returns the new text and fixes applied."""
    total = 0
    first = True
    for _ in range(MAX_FIX_PASSES):
        doc = docmod.parse(path if path != "-" else "stdin.txt", text, settings=settings)
        doc.path = path
        diags, _ = lint_document(doc, settings)
        if first:
            diags = list(diags) + list(extra)
            first = False
        new, n = apply_fixes(text, select_fixes(diags, unsafe))
        if n == 0 or new == text:
            break
        text, total = new, total + n
    return text, total
