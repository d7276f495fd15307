"""Property-based tests: linting never raises, spans lie inside the text, fixing converges."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.config import Settings
from lintnews.engine import fix_source, lint_text

WORDS = st.sampled_from(
    [
        "the",
        "The",
        "anit-war",
        "troops",
        "«",
        "»",
        "“",
        "”",
        '"',
        "(",
        ")",
        "[sic]",
        "`code`",
        "**bold**",
        "# ",
        "> ",
        "- ",
        "http://x.y/z",
        "😀",
        "e\u0301",
        "\t",
        "<!-- lintnews: disable -->",
        "---",
        "```",
        "CSTO",
        "OTSC",
        "U.S.",
        ".",
        ",",
        "nocturnal touch",
        "ancient Soviet republics",
        "\u200b",
        "Ã©",
    ]
)
SEPS = st.sampled_from([" ", "\n", "\r\n", "\n\n", "\r\n\r\n", ""])
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.tuples(WORDS, SEPS), max_size=40).map(lambda xs: "".join(a + b for a, b in xs)),
)
ALL = Settings(source_lang="auto")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, name=st.sampled_from(["a.txt", "a.md"]))
def test_lint_never_raises_and_spans_are_inside(text, name):
    for d in lint_text(text, name, ALL):
        assert 0 <= d.start <= d.end <= len(text), d
        if d.fix:
            for e in d.fix.edits:
                assert 0 <= e.start <= e.end <= len(text), d


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, name=st.sampled_from(["a.txt", "a.md"]))
def test_fix_converges_and_is_idempotent(text, name):
    once, _ = fix_source(name, text, ALL, unsafe=True)
    twice, _ = fix_source(name, once, ALL, unsafe=True)
    assert twice == once, (text, once, twice)
