"""Check that a change leaves lintnews's findings exactly as they were.

Speed work must not change what lintnews reports. Take a snapshot of the findings before the
change, then compare after each step:

    python bench/same_findings.py save /tmp/before ../shared/seeds eval/heldout corpus/
    ... change the code ...
    python bench/same_findings.py check /tmp/before

``save`` runs ``lintnews check --output-format json --no-cache`` on each folder given (and,
with ``--everything``, with every rule family enabled too) and writes the JSON next to the
list of folders; ``check`` runs the same commands and prints, per folder, OK or the findings
that disappeared and appeared. Exit status 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

EVERYTHING = ["--extend-select", "CL,CN,GB,MT,TY"]


def _run(folder: str, extra: list[str]) -> list[str]:
    cmd = [sys.executable, "-m", "lintnews", "check", "--output-format", "json"]
    out = subprocess.run([*cmd, "--no-cache", *extra, folder], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit(f"lintnews failed on {folder}: {out.stderr.strip()[-300:]}")
    return [json.dumps(d, sort_keys=True) for d in json.loads(out.stdout)]


def _jobs(folders: list[str], everything: bool) -> list[tuple[str, str, list[str]]]:
    jobs = [(f"{i}-default", f, []) for i, f in enumerate(folders)]
    if everything:
        jobs += [(f"{i}-everything", f, EVERYTHING) for i, f in enumerate(folders)]
    return jobs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    save = sub.add_parser("save", help="snapshot the findings")
    save.add_argument("snapshot", type=Path)
    save.add_argument("folders", nargs="+")
    save.add_argument("--everything", action="store_true", help="also with every family on")
    check = sub.add_parser("check", help="compare with a snapshot")
    check.add_argument("snapshot", type=Path)
    args = ap.parse_args()

    if args.cmd == "save":
        args.snapshot.mkdir(parents=True, exist_ok=True)
        meta = {"folders": args.folders, "everything": args.everything}
        (args.snapshot / "snapshot.json").write_text(json.dumps(meta), encoding="utf-8")
        for name, folder, extra in _jobs(args.folders, args.everything):
            found = _run(folder, extra)
            (args.snapshot / f"{name}.json").write_text(json.dumps(found), encoding="utf-8")
            print(f"saved {name}: {folder} ({len(found)} findings)")
        return 0

    meta = json.loads((args.snapshot / "snapshot.json").read_text(encoding="utf-8"))
    failed = False
    for name, folder, extra in _jobs(meta["folders"], meta["everything"]):
        before = json.loads((args.snapshot / f"{name}.json").read_text(encoding="utf-8"))
        now = _run(folder, extra)
        if now == before:
            print(f"OK   {name}: {folder}")
            continue
        failed = True
        gone, new = sorted(set(before) - set(now)), sorted(set(now) - set(before))
        print(f"DIFF {name}: {folder}: {len(gone)} gone, {len(new)} new")
        if not gone and not new:
            print("  the same findings in a different order")
        for line in gone[:10]:
            print(f"  - {line[:300]}")
        for line in new[:10]:
            print(f"  + {line[:300]}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
