"""Typo benchmark for the spelling rules: recall, top-1 fix accuracy and false alarms.

The clean news articles in bench/data/ (written for this benchmark; files named
``*.en-GB.txt`` are linted with ``english = "en-GB"``) are linted as they are: every TY
finding there is a false alarm. Then, round after round, real-looking misspellings are
injected into about one lowercase word in twenty-five and the text is linted again:

* transposition  -- two neighbouring letters swapped ("goverment" -> "govenrment")
* drop           -- a letter left out ("deployed" -> "deplyed")
* doubling       -- a letter typed twice ("official" -> "offficial")
* misspelling    -- the way people misspell words, by pattern, not from a list: ie/ei,
  double letters undoubled or single ones doubled, -ance/-ence, -ant/-ent, -able/-ible,
  silent letters dropped, unstressed vowels confused ("separate" -> "seperate")
* keyboard       -- a letter replaced by a neighbouring key ("troops" -> "troips")

A typo that produces a dictionary word ("form" for "from") is a real-word error that no
dictionary check can see; it is not injected (the report counts how many were skipped).
A typo is *caught* when a TY finding overlaps it, and *fixed* when the finding's first
suggestion is the original word.

Finally, bench/data/misspellings-heldout.tsv lists real misspellings (made by ear, not by
the fingers) that were kept out of the curated list rules/typos/misspellings.txt; each is
linted in a one-line sentence, to see how the engine does on misspellings nobody gave it.

Usage: python bench/typos.py [--rounds N] [--seed S] [--json] [--show N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lintnews.config import Settings  # noqa: E402
from lintnews.engine import lint_text  # noqa: E402

DATA = ROOT / "bench" / "data"
WORD = regex.compile(r"(?<![\p{L}\p{N}'’\-@#.])\p{Ll}{3,}(?![\p{L}\p{N}'’\-])")
ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
VOWELS = "aeiou"
CATEGORIES = ("transposition", "drop", "doubling", "misspelling", "keyboard")


def _neighbours() -> dict[str, str]:
    pos = {c: (r, i) for r, row in enumerate(ROWS) for i, c in enumerate(row)}
    out: dict[str, str] = {}
    for a, (ra, ia) in pos.items():
        near = []
        for b, (rb, ib) in pos.items():
            if a != b and abs(ra - rb) <= 1 and abs((ia + ra * 0.5) - (ib + rb * 0.5)) <= 1.0:
                near.append(b)
        out[a] = "".join(near)
    return out


NEIGHBOURS = _neighbours()


def transposition(w: str, rng: random.Random) -> str | None:
    spots = [i for i in range(1, len(w) - 1) if w[i] != w[i + 1]]
    if not spots:
        return None
    i = rng.choice(spots)
    return w[:i] + w[i + 1] + w[i] + w[i + 2 :]


def drop(w: str, rng: random.Random) -> str | None:
    if len(w) < 4:
        return None
    i = rng.randrange(1, len(w))
    return w[:i] + w[i + 1 :]


def doubling(w: str, rng: random.Random) -> str | None:
    spots = [
        i for i in range(1, len(w)) if w[i] != w[i - 1] and (i + 1 >= len(w) or w[i] != w[i + 1])
    ]
    if not spots:
        return None
    i = rng.choice(spots)
    return w[: i + 1] + w[i] + w[i + 1 :]


def keyboard(w: str, rng: random.Random) -> str | None:
    i = rng.randrange(1, len(w))
    near = NEIGHBOURS.get(w[i], "")
    if not near:
        return None
    return w[:i] + rng.choice(near) + w[i + 1 :]


def misspelling(w: str, rng: random.Random) -> str | None:
    """How people misspell (not how fingers slip): one pattern that applies, at random."""
    options: list[str] = []
    for a, b in (("ie", "ei"), ("ei", "ie")):
        i = w.find(a, 1)
        if i > 0:
            options.append(w[:i] + b + w[i + 2 :])
    for m in regex.finditer(r"([bcdfglmnprst])\1", w):
        options.append(w[: m.start()] + w[m.start() + 1 :])  # undouble
    for m in regex.finditer(r"(?<=[aeiou])([bcdfglmnprst])(?=[aeiou])", w):
        if m.start() > 1:
            options.append(w[: m.start()] + m.group(1) + w[m.start() :])  # double
    for a, b in (
        ("ance", "ence"),
        ("ence", "ance"),
        ("ant", "ent"),
        ("ent", "ant"),
        ("able", "ible"),
        ("ible", "able"),
        ("nm", "m"),
        ("ely", "ly"),
        ("rh", "r"),
        ("sc", "s"),
        ("ght", "gt"),
    ):
        i = w.find(a, 2)
        if i > 0:
            options.append(w[:i] + b + w[i + len(a) :])
    for m in regex.finditer(r"(?<=[^aeiou])[aei](?=[^aeiou])", w):
        if 2 <= m.start() <= len(w) - 3:
            for v in "aei":
                if v != m.group():
                    options.append(w[: m.start()] + v + w[m.end() :])
    options = [o for o in options if o != w]
    return rng.choice(options) if options else None


GENERATORS = {
    "transposition": transposition,
    "drop": drop,
    "doubling": doubling,
    "misspelling": misspelling,
    "keyboard": keyboard,
}


def _is_real_word(word: str) -> bool:
    from lintnews.spelling.lexicon import get_lexicon

    lex = get_lexicon()
    return lex.in_dictionary(word) or lex.zipf(word) >= 3.5


def _settings(path: Path) -> Settings:
    english = "en-GB" if ".en-GB." in path.name else "en-US"
    return Settings(select=("TY",), ignore=("TY005",), english=english)


def _word_count(text: str) -> int:
    return len(regex.findall(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*", text))


def _first_suggestion(d) -> str | None:
    if d.fix and d.fix.edits:
        return d.fix.edits[0].content
    return None


def run(rounds: int, seed: int, show: int) -> dict:
    rng = random.Random(seed)
    files = sorted(DATA.glob("*.txt"))  # the .tsv of held-out misspellings is separate
    texts = {f: f.read_text(encoding="utf-8") for f in files}
    total_words = 0
    false_alarms: list[tuple[str, str, str]] = []
    t0 = time.perf_counter()
    for f, text in texts.items():
        total_words += _word_count(text)
        for d in lint_text(text, f.name, _settings(f)):
            false_alarms.append((f.name, d.code, text[d.start : d.end]))
    clean_s = time.perf_counter() - t0

    stats: dict[str, Counter] = defaultdict(Counter)
    misses: list[tuple[str, str, str]] = []
    wrong_fix: list[tuple[str, str, str]] = []
    skipped_real = 0
    t0 = time.perf_counter()
    for _ in range(rounds):
        for f, text in texts.items():
            spans = [m.span() for m in WORD.finditer(text)]
            chosen = sorted(rng.sample(spans, max(1, len(spans) // 25)))
            edits = []
            last_end = -10
            for s, e in chosen:
                if s - last_end < 20:
                    continue
                original = text[s:e]
                cat = rng.choice(CATEGORIES)
                typo = GENERATORS[cat](original, rng)
                if typo is None or typo == original:
                    continue
                if _is_real_word(typo):
                    skipped_real += 1
                    continue
                edits.append((s, e, original, typo, cat))
                last_end = e
            # Apply and remember the new spans.
            out, pos, shift, injected = [], 0, 0, []
            for s, e, original, typo, cat in edits:
                out.append(text[pos:s])
                out.append(typo)
                injected.append((s + shift, s + shift + len(typo), original, typo, cat))
                shift += len(typo) - (e - s)
                pos = e
            out.append(text[pos:])
            new = "".join(out)
            diags = lint_text(new, f.name, _settings(f))
            for s, e, original, typo, cat in injected:
                hits = [d for d in diags if d.start < e and s < d.end]
                stats[cat]["n"] += 1
                if not hits:
                    misses.append((cat, original, typo))
                    continue
                stats[cat]["caught"] += 1
                sug = _first_suggestion(hits[0])
                if sug is not None and sug.lower() == original.lower():
                    stats[cat]["fixed"] += 1
                else:
                    wrong_fix.append((cat, typo, f"{sug} (want {original})"))
    inject_s = time.perf_counter() - t0

    n = sum(c["n"] for c in stats.values())
    caught = sum(c["caught"] for c in stats.values())
    fixed = sum(c["fixed"] for c in stats.values())
    result = {
        "clean_words": total_words,
        "false_alarms": len(false_alarms),
        "false_alarms_per_1k_words": round(1000 * len(false_alarms) / total_words, 3),
        "false_alarm_examples": false_alarms[:20],
        "injected": n,
        "skipped_real_word_typos": skipped_real,
        "recall": round(caught / n, 4) if n else 0.0,
        "top1_fix": round(fixed / n, 4) if n else 0.0,
        "top1_fix_of_caught": round(fixed / caught, 4) if caught else 0.0,
        "by_category": {
            cat: {
                "n": c["n"],
                "recall": round(c["caught"] / c["n"], 4) if c["n"] else 0.0,
                "top1_fix": round(c["fixed"] / c["n"], 4) if c["n"] else 0.0,
            }
            for cat, c in sorted(stats.items())
        },
        "seconds": {"clean": round(clean_s, 2), "injected": round(inject_s, 2)},
        "misses": misses[:show],
        "wrong_fixes": wrong_fix[:show],
    }
    return result


def held_out() -> dict:
    """Real misspellings kept out of the curated list, each in a one-line sentence."""
    from lintnews.checks.spelling import misspellings

    curated = misspellings()
    rows = []
    for line in (DATA / "misspellings-heldout.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            wrong, right = line.split("\t")
            if wrong.lower() not in curated:
                rows.append((wrong, right))
    caught = fixed = 0
    misses, wrong_fix = [], []
    settings = Settings(select=("TY",), ignore=("TY005",))
    for wrong, right in rows:
        text = f"Officials said the {wrong} was noted."
        s = text.index(wrong)
        hits = [d for d in lint_text(text, "a.txt", settings) if d.start <= s < d.end]
        if not hits:
            misses.append(wrong)
            continue
        caught += 1
        sug = _first_suggestion(hits[0])
        if sug is not None and sug.lower() == right.lower():
            fixed += 1
        else:
            wrong_fix.append(f"{wrong} -> {sug} (want {right})")
    n = len(rows)
    return {
        "n": n,
        "recall": round(caught / n, 4) if n else 0.0,
        "top1_fix": round(fixed / n, 4) if n else 0.0,
        "misses": misses,
        "wrong_fixes": wrong_fix,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="print this many misses and wrong fixes")
    args = ap.parse_args(argv)
    r = run(args.rounds, args.seed, args.show)
    r["held_out_misspellings"] = held_out()
    if args.json:
        print(json.dumps(r, indent=2, ensure_ascii=False))
        return 0
    print(
        f"clean text: {r['clean_words']} words, {r['false_alarms']} false alarms "
        f"({r['false_alarms_per_1k_words']} per 1,000 words)"
    )
    for fname, code, span in r["false_alarm_examples"]:
        print(f"  false alarm {fname}: {code} {span!r}")
    print(
        f"injected typos: {r['injected']} (real-word typos skipped: {r['skipped_real_word_typos']})"
    )
    print(
        f"recall {r['recall']:.1%}, top-1 fix {r['top1_fix']:.1%} "
        f"({r['top1_fix_of_caught']:.1%} of those caught)"
    )
    for cat, c in r["by_category"].items():
        print(f"  {cat:<14} n={c['n']:<5} recall {c['recall']:.1%}  top-1 {c['top1_fix']:.1%}")
    for cat, original, typo in r["misses"]:
        print(f"  missed  {cat:<14} {typo!r} (for {original!r})")
    for cat, typo, got in r["wrong_fixes"]:
        print(f"  wrong   {cat:<14} {typo!r} -> {got}")
    h = r["held_out_misspellings"]
    print(
        f"held-out real misspellings (not in the curated list): {h['n']}, "
        f"recall {h['recall']:.1%}, top-1 fix {h['top1_fix']:.1%}"
    )
    if args.show:
        print(f"  missed: {', '.join(h['misses'])}")
        for w in h["wrong_fixes"]:
            print(f"  wrong: {w}")
    print(f"time: clean {r['seconds']['clean']}s, injected rounds {r['seconds']['injected']}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
