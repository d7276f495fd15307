from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def run_cli(*args: str, cwd: str | Path | None = None, stdin: bytes | None = None):
    """Run the real `lintnews` CLI in a subprocess."""
    env = dict(os.environ)
    env.setdefault("NO_COLOR", "1")
    return subprocess.run(
        [sys.executable, "-m", "lintnews", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        timeout=300,
    )


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    return SEEDS
