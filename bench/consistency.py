"""Benchmark of the consistency pass (CN rules) on generated articles.

    python bench/consistency.py              # 250, 500, 1000 and 2000 articles
    python bench/consistency.py --sizes 2000 --rules CN001

Articles are generated from templates (about 450 words each) around stories that share a cast
of people, places, organisations and acronyms; a few mentions use a variant spelling. For
each size it reports the per-file work (parse + collect), the corpus reduce, and the total per
article, without the index; then, for the largest size, the run that writes the index and a
pre-commit style run of one article against it.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from lintnews.config import Settings
from lintnews.engine import corpus_pass, lint_source

SYLLABLES = (
    "ka ra mu zo al be ni ta sha ko li ev ov an ur da mir sul tan gul zha kha bek yer nur as "
    "lan dar is ma te so vi pe ro gi lo na fa ha ja yu".split()
)
TEMPLATES = (
    "{P} said on {D} that talks with {O} would continue in {L}.",
    "According to {P}, the {A} had asked {L} for more time.",
    "Officials in {L} confirmed that {P} met {P2} late on {D}.",
    "The {A} statement, released by {O}, gave no figures.",
    "Witnesses in {L} said security forces had cleared the square before dawn.",
    "{P2} told reporters the situation in {L} was under control.",
    "A spokesman for {O} declined to comment on the report by {A}.",
    "Protesters gathered outside the offices of {O} in {L}, demanding that {P} resign.",
    "Prices rose sharply in {L} after the government lifted controls on fuel.",
    "{P} later met representatives of {O} and the {A} in {L2}.",
)
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def variant(rng: random.Random, name: str) -> str:
    """A plausible misspelling or transliteration variant."""
    for a, b in (("kh", "k"), ("zh", "j"), ("ov", "ow"), ("y", "i"), ("ss", "s")):
        if a in name.lower() and rng.random() < 0.5:
            i = name.lower().index(a)
            return name[:i] + (b.capitalize() if i == 0 else b) + name[i + len(a) :]
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def generate(n_articles: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    given = [word(rng, 2) for _ in range(300)]
    surnames = [
        word(rng, 3) + rng.choice(["ov", "ev", "ova", "bek", "yan", ""]) for _ in range(3000)
    ]
    places = [word(rng, rng.choice([2, 3])) for _ in range(600)]
    orgs = [f"{word(rng, 3)} {rng.choice(['Council', 'Ministry', 'Agency'])}" for _ in range(300)]
    acronyms = ["".join(rng.choice("ABCDEFGHKLMNPRSTUVW") for _ in range(4)) for _ in range(150)]
    stories = []
    for _ in range(max(1, n_articles // 8)):
        cast = [f"{rng.choice(given)} {rng.choice(surnames)}" for _ in range(6)]
        stories.append((cast, rng.sample(places, 4), rng.sample(orgs, 2), rng.sample(acronyms, 2)))
    articles = []
    for _ in range(n_articles):
        cast, locs, orgs_, acrs = rng.choice(stories)
        paras = []
        for _p in range(12):
            sents = []
            for _s in range(3):
                p, p2 = rng.sample(cast, 2)
                if rng.random() < 0.03:
                    first, last = p.split(" ", 1)
                    p = f"{first} {variant(rng, last)}"
                sents.append(
                    rng.choice(TEMPLATES).format(
                        P=p,
                        P2=p2.split()[-1],
                        D=rng.choice(DAYS),
                        O=rng.choice(orgs_),
                        L=rng.choice(locs),
                        L2=rng.choice(locs),
                        A=rng.choice(acrs),
                    )
                )
            paras.append(" ".join(sents))
        articles.append("\n\n".join(paras) + "\n")
    return articles


def timed_run(files: list[str], settings: Settings) -> tuple[float, float, float, int]:
    """(collect seconds, reduce seconds, CPU seconds of both, findings)."""
    c0, t0 = time.process_time(), time.perf_counter()
    results = [
        lint_source(f, Path(f).read_text(encoding="utf-8"), "utf-8", settings) for f in files
    ]
    t1 = time.perf_counter()
    corpus_pass(results, settings)
    t2, c2 = time.perf_counter(), time.process_time()
    return t1 - t0, t2 - t1, c2 - c0, sum(len(r.diagnostics) for r in results)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="250,500,1000,2000")
    ap.add_argument("--rules", default="CN001,CN002", help="codes to select")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    select = tuple(args.rules.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        texts = generate(max(sizes))
        files = []
        for i, text in enumerate(texts):
            p = root / "wires" / f"{i:05d}.md"
            p.parent.mkdir(exist_ok=True)
            p.write_text(text, encoding="utf-8")
            files.append(str(p))
        words = sum(len(t.split()) for t in texts) // len(texts)
        print(f"articles of about {words} words; rules {', '.join(select)}")
        print(
            f"{'articles':>8} {'collect s':>10} {'reduce s':>9} {'total s':>8} {'CPU s':>7} "
            f"{'CPU ms/article':>15} findings"
        )
        settings = Settings(root=str(root), select=select, cache_dir="")
        timed_run(files[:20], settings)  # warm up (word frequencies, regexes)
        for n in sizes:
            c, r, cpu, found = timed_run(files[:n], settings)
            print(
                f"{n:>8} {c:>10.2f} {r:>9.2f} {c + r:>8.2f} {cpu:>7.2f} "
                f"{1000 * cpu / n:>15.2f} {found}"
            )
        n = max(sizes)
        cache = root / ".lintnews_cache"
        settings = Settings(root=str(root), select=select, cache_dir=str(cache))
        c, r, cpu, _ = timed_run(files[:n], settings)
        size = os.path.getsize(cache / "consistency-names.pickle") / 1e6
        print(
            f"{n} articles writing the index: {c + r:.2f} s, CPU {cpu:.2f} s "
            f"(reduce {r:.2f} s); index {size:.1f} MB"
        )
        c, r, cpu, found = timed_run(files[:1], settings)
        print(
            f"1 article against the index of {n}: {c + r:.2f} s, CPU {cpu:.2f} s "
            f"(reduce {r:.2f} s), {found} findings"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
