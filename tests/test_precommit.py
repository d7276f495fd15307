"""The pre-commit hooks (.pre-commit-hooks.yaml), run by the real pre-commit.

A temporary newsroom repository holds articles; `pre-commit try-repo` installs this checkout
into a fresh virtualenv (from PyPI, like a newsroom's machine would) and runs the hooks on it.
When the checkout has uncommitted changes, the hooks are tried from a snapshot commit of its
working tree (the files git does not ignore, as the rest of the suite tests them) so that one
environment serves every call of the session. PRE_COMMIT_HOME, when set, is reused; otherwise
a temporary one is used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install '.[dev]')")

BAD_MD = "# Troops on the move\n\nTroops continue their anit-terrorist operations.\n"
CLEAN_MD = "# Budget approved\n\nThe council approved the budget on Tuesday.\n"
BAD_PY = 'ALERT = "Troops continue their anit-terrorist operations in the north."\nLIMIT = 3\n'
BAD_JSON = '{"text": "Troops continue their anit-terrorist operations."}\n'


def _git(*args: str, cwd: Path) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com")
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    proc = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=True
    )
    return proc.stdout.strip()


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(repository, ref) to try the hooks from: this checkout at HEAD when it is clean, else a
    snapshot commit of its working tree."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of lintnews")
    if not _git("status", "--porcelain", cwd=ROOT):
        return str(ROOT), _git("rev-parse", "HEAD", cwd=ROOT)
    snap = tmp_path_factory.mktemp("hooks") / "lintnews"
    snap.mkdir()
    _git("init", "--quiet", cwd=snap)
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        src = ROOT / name
        if src.is_file():
            (snap / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, snap / name)
    _git("add", "-A", cwd=snap)
    _git("commit", "--quiet", "--no-verify", "-m", "snapshot of the working tree", cwd=snap)
    return str(snap), _git("rev-parse", "HEAD", cwd=snap)


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> str:
    return os.environ.get("PRE_COMMIT_HOME") or str(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    repo = tmp_path / "newsroom"
    repo.mkdir()
    _git("init", "--quiet", cwd=repo)
    files = {
        "articles/bad.md": BAD_MD,
        "articles/clean.md": CLEAN_MD,
        "scripts/alerts.py": BAD_PY,
        "data/feed.json": BAD_JSON,  # not a type the hooks take
    }
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git("add", "-A", cwd=repo)
    return repo


def try_repo(
    repo: Path, hook_repo: tuple[str, str], home: str, hook: str, *files: str
) -> subprocess.CompletedProcess[str]:
    url, ref = hook_repo
    selection = ["--files", *files] if files else ["--all-files"]
    env = dict(os.environ, PRE_COMMIT_HOME=home, NO_COLOR="1", PRE_COMMIT_COLOR="never")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", url, hook, "--ref", ref, *selection],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def test_hook_passes_on_a_clean_article(newsroom, hook_repo, pre_commit_home) -> None:
    proc = try_repo(newsroom, hook_repo, pre_commit_home, "lintnews", "articles/clean.md")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "lintnews" in proc.stdout and "Passed" in proc.stdout


def test_hook_fails_on_bad_articles_and_scripts(newsroom, hook_repo, pre_commit_home) -> None:
    proc = try_repo(newsroom, hook_repo, pre_commit_home, "lintnews")
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "Failed" in out
    assert "articles/bad.md:3:23: TY101" in out
    assert "scripts/alerts.py:1:32: TY101" in out
    assert "clean.md" not in out and "feed.json" not in out


def test_fix_hook_rewrites_the_files(newsroom, hook_repo, pre_commit_home) -> None:
    proc = try_repo(newsroom, hook_repo, pre_commit_home, "lintnews-fix")
    assert proc.returncode == 1, proc.stdout + proc.stderr  # it changed files
    assert "files were modified by this hook" in proc.stdout
    bad = (newsroom / "articles/bad.md").read_text(encoding="utf-8")
    assert bad == BAD_MD.replace("anit-", "anti-")
    script = (newsroom / "scripts/alerts.py").read_text(encoding="utf-8")
    assert script == BAD_PY.replace("anit-", "anti-")
    assert (newsroom / "data/feed.json").read_text(encoding="utf-8") == BAD_JSON
    assert (newsroom / "articles/clean.md").read_text(encoding="utf-8") == CLEAN_MD
    again = try_repo(newsroom, hook_repo, pre_commit_home, "lintnews")
    assert again.returncode == 0, again.stdout + again.stderr
