"""Every rule's `bad` examples raise its code and its `good` examples do not."""

from __future__ import annotations

import pytest

from lintnews.config import Settings
from lintnews.engine import get_registry, lint_text

REGISTRY = get_registry()
RULES = [r for r in REGISTRY if not r.corpus and r.family != "LT"]


def _settings(rule) -> Settings:
    lang = rule.source_langs[0] if rule.source_langs else "auto"
    if rule.needs_corroboration:
        lang = "es"  # weak signals run alone only when the copy is known to be translated
    return Settings(select=(rule.code,), source_lang=lang)


def _kind(rule) -> str:
    return getattr(rule, "example_kind", "text")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_examples_are_flagged(rule) -> None:
    for example in rule.bad:
        codes = [d.code for d in lint_text(example, "example.txt", _settings(rule), _kind(rule))]
        assert rule.code in codes, f"{rule.code} misses bad example: {example!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_examples_are_quiet(rule) -> None:
    for example in rule.good:
        diags = lint_text(example, "example.txt", _settings(rule), _kind(rule))
        hits = [d for d in diags if d.code == rule.code]
        assert not hits, f"{rule.code} flags good example: {example!r} -> {hits[0].message}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_fixes_apply_cleanly(rule) -> None:
    """A rule's fix on its own bad example produces text the rule no longer flags there."""
    from lintnews.engine import apply_fixes

    for example in rule.bad:
        diags = [
            d
            for d in lint_text(example, "example.txt", _settings(rule), _kind(rule))
            if d.code == rule.code and d.fix and d.fix.applicability != "display"
        ]
        if not diags:
            continue
        fixed, n = apply_fixes(example, [d.fix for d in diags])
        assert n >= 1
        assert fixed != example
