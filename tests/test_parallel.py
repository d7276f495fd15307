"""Parallel runs give the same findings as --jobs 1; the pattern prefilter skips nothing that
matches; the progress bar stays off stdout."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from lintnews import runner
from lintnews.config import Overrides, Settings, SettingsResolver
from lintnews.engine import get_registry, lint_text
from lintnews.packs import PatternRule
from lintnews.prefilter import extract, met, normalize
from lintnews.progress import Progress

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = [*sorted((ROOT / "tests" / "fixtures" / "clean_news").iterdir())]
FIXTURES += [ROOT / "samples" / "clean.md", ROOT / "samples" / "wire-translated.txt"]

NAMES = ["Mirela Kovačević", "Mirela Kovacevic", "Jose Alvarez", "José Álvarez", "Ana Novak"]
SNIPPETS = [
    "The minister declared to the press that the works will continue in the next days.",
    "A dozen of people were injured and the the police agents arrived.",
    "The goverment recieved a seperate statment on Tuesday.",
    "Click here to subscribe to our newsletter.",
    "In the framework of the agreement, the responsibles were named.",
    "“We will not stop,” said {name}, who leads the union in Valmora.",
    "{name} told reporters on Monday that 1,200 people had left.",
]


def make_corpus(folder: Path, n: int = 12, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        lines = []
        for _ in range(rng.randint(3, 7)):
            lines.append(rng.choice(SNIPPETS).format(name=rng.choice(NAMES)))
        suffix = ".md" if i % 2 else ".txt"
        body = "Port strike enters third day\n\n" + "\n\n".join(lines) + "\n"
        if suffix == ".md":
            body = "---\ntitle: Port strike\n---\n\n" + body
        p = folder / f"a{i:02d}{suffix}"
        p.write_text(body, encoding="utf-8")
        paths.append(str(p))
    return paths


def findings(results) -> list[tuple]:
    return [
        (r.path, d.code, d.start, d.end, d.message, d.severity, d.fix)
        for r in results
        for d in r.diagnostics
    ]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    return make_corpus(folder) + [str(p) for p in FIXTURES]


def _check(files: list[str], **kw):
    resolver = SettingsResolver(Overrides(no_cache=True, extend_select=("CN", "TY")))
    return runner.check_files(files, resolver, **kw)


def test_jobs_give_identical_results(corpus) -> None:
    one = _check(corpus, jobs=1)
    assert runner.last_stats.executor == "inline"
    many = _check(corpus, jobs=3)
    assert runner.last_stats.executor == "pool"
    assert [r.path for r in many] == corpus
    assert findings(many) == findings(one)
    assert any(d.code.startswith("CN") for r in one for d in r.diagnostics)
    assert any(d.code.startswith("MT") for r in one for d in r.diagnostics)
    assert [r.summaries for r in many] == [r.summaries for r in one]
    assert all(r.text for r in many)


def test_a_run_leaves_the_garbage_collector_as_it_found_it(corpus) -> None:
    import gc

    before = gc.get_threshold()
    _check(corpus, jobs=2)
    assert runner.last_stats.executor == "pool"
    assert gc.get_threshold() == before  # the run's larger young generation is undone
    assert gc.get_freeze_count() == 0  # and what was frozen for the workers is thawed


def test_cli_jobs_output_identical(corpus, cli) -> None:
    args = ("check", "--no-cache", "--output-format", "json", *corpus)
    one = cli(*args, "--jobs", "1")
    two = cli(*args, "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert json.loads(one.stdout) == json.loads(two.stdout)
    assert two.stderr == b""  # no progress bar when stderr is not a terminal


def test_progress_only_on_stderr_when_asked(corpus, cli) -> None:
    proc = cli("check", "--no-cache", "--progress", "--output-format", "json", *corpus)
    json.loads(proc.stdout)  # stdout stays machine-readable
    assert b"files" in proc.stderr
    quiet = cli("check", "--no-cache", "--no-progress", "--output-format", "json", *corpus)
    assert quiet.stderr == b""


def test_progress_bar_modes() -> None:
    class Sink:
        def __init__(self, tty: bool) -> None:
            self.tty, self.out = tty, ""

        def isatty(self) -> bool:
            return self.tty

        def write(self, s: str) -> None:
            self.out += s

        def flush(self) -> None:
            pass

    for tty, flag, shown in [(False, None, False), (True, False, False), (False, True, True)]:
        sink = Sink(tty)
        bar = Progress(3, flag, sink)  # type: ignore[arg-type]
        for _ in range(3):
            bar.advance()
        bar.close()
        assert ("3/3 files" in sink.out) is shown, (tty, flag)


def test_bad_jobs_is_a_usage_error(cli, tmp_path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("The council met.\n", encoding="utf-8")
    assert cli("check", "--jobs", "0", str(p)).returncode == 2
    assert cli("check", "--scheduler", "tcp://x:1", str(p)).returncode == 2


# ---------------------------------------------------------------------------------------------
# the prefilter


def _pattern_rules() -> list[PatternRule]:
    return [r for r in get_registry(Settings()) if isinstance(r, PatternRule)]


def test_prefilter_never_skips_a_match(corpus) -> None:
    """Every regex of every pack, on every rule example and test article: when it matches,
    its required literals are in the text."""
    texts = [t for r in get_registry(Settings()) for t in (*r.bad, *r.good)]
    texts += [Path(p).read_text(encoding="utf-8") for p in corpus]
    checked = 0
    for rule in _pattern_rules():
        for mt in rule.matchers:
            if not mt.req:
                continue
            for t in texts:
                if mt.rx.search(t):
                    checked += 1
                    assert met(mt.req, normalize(t)), (rule.code, mt.source, t)
    assert checked > 500


def test_prefilter_same_findings_as_running_every_regex(corpus) -> None:
    from lintnews import document as docmod
    from lintnews.engine import _run
    from lintnews.registry import Context

    settings = Settings(cache_dir="")
    rules = _pattern_rules()
    texts = [Path(p).read_text(encoding="utf-8") for p in corpus]
    texts += ["\n\n".join(r.bad) for r in rules]
    for i, text in enumerate(texts):
        doc = docmod.parse(f"t{i}.txt", text, settings=settings)
        fast = {(d.code, d.start, d.end, d.message) for _, d in _run(rules, doc, Context(settings))}
        ctx = Context(settings)
        slow = {
            (d.code, d.start, d.end, d.message)
            for r in rules
            for d in r.check_matchers(doc, ctx, r.matchers)
        }
        assert fast == slow, text[:200]


@pytest.mark.parametrize(
    ("pattern", "inside", "outside"),
    [
        (r"\bdeclared\s+to\s+the\s+press\b", "He declared\nto  the press.", "He told the press."),
        (r"(?i:the\s+)?(?:responsibles?|culprits)\b", "The Responsibles", "The people"),
        (r"(?m)^[ \t]*click\s+here\b", "x\n  Click here now", "Do not click anywhere"),
        (r"\bcolo(?:u)?r\b(?=\s+TV)", "colour  TV", "colour film"),
        (r"a(?<=\bpre)x", "prex", "post"),
    ],
)
def test_requirement_examples(pattern: str, inside: str, outside: str) -> None:
    req = extract(pattern)
    assert req
    assert met(req, normalize(inside))
    assert not met(req, normalize(outside))


@pytest.mark.parametrize(
    "pattern", [r"(\w+) \1", r"x{e<=1}", r"(?x) a b c", r"[[:alpha:]]+", r"\w+", r"(?(1)a|b)"]
)
def test_requirement_gives_up_on_what_it_does_not_model(pattern: str) -> None:
    assert extract(pattern) is None


def test_lint_text_still_finds_pack_entries() -> None:
    diags = lint_text("The minister declared to the press that talks would resume.\n")
    assert diags


def test_spawned_workers_build_the_registry(corpus, monkeypatch) -> None:
    """Where fork is not available each worker builds the registry in its initializer."""
    from lintnews import parallel

    monkeypatch.setattr(parallel, "_start_method", lambda: "spawn")
    files = corpus[:6]
    assert findings(_check(files, jobs=2)) == findings(_check(files, jobs=1))
