"""The README's rule table and docs/rules.md match the registry (scripts/update-docs.py)."""

from __future__ import annotations

from pathlib import Path

from lintnews.engine import get_registry
from lintnews.ruledocs import full_reference, update_readme

ROOT = Path(__file__).resolve().parent.parent


def test_readme_rule_table_is_current():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert update_readme(text, get_registry()) == text, "run scripts/update-docs.py"


def test_rules_reference_is_current():
    ref = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert ref == full_reference(get_registry()), "run scripts/update-docs.py"


def test_readme_quick_start_and_test_command_match_ci():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pytest -q" in readme
    assert "python3 -m pytest -q" in ci
