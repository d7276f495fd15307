"""The parser's shortcuts give exactly what the long way gives.

Parsing takes shortcuts for speed: Markdown made only of paragraphs, ATX headings and blank
lines is split into blocks without markdown-it; a pattern is only searched for where a string
that every match of it holds occurs; URLs are only searched for on lines that could hold one;
the front matter's YAML is composed once. Each is checked here against the long way on every
article the tests, the seeds, the held-out set and (when present) the benchmark corpus hold,
on the string literals of the test modules, and on generated Markdown.
"""

from __future__ import annotations

from typing import Any

import corpora
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews import document as docmod
from lintnews.document import (
    _INLINE_BLANKS,
    _INLINE_MASKS,
    _LINE_PREFIX_RE,
    _URL_NEEDLES,
    DIRECTIVE_RE,
    HTML_COMMENT_RE,
    URL_RE,
    Document,
    _compose_yaml,
    _front_matter,
    _markdown_it_blocks,
    _simple_markdown_blocks,
    _url_spans,
    parse,
)


def _texts() -> list[tuple[str, str]]:
    lits = sorted({text for _f, text in corpora.literals()})
    return corpora.articles() + [(f"literal{i}.md", text) for i, text in enumerate(lits)]


TEXTS = _texts()


def _bench_texts() -> list[tuple[str, str]]:
    texts = corpora.bench()
    if not texts:
        pytest.skip(f"{corpora.BENCH_CORPUS} (the benchmark corpus) not present")
    return texts


# ---------------------------------------------------------------------------------------------
# the Markdown block fast path


def _snapshot(doc: Document) -> dict[str, Any]:
    """Everything a rule can read from a document."""
    return {
        "view": doc.view,
        "kind": doc.kind,
        "blocks": doc.blocks,
        "masked": doc.masked,
        "offset_map": doc.offset_map,
        "front_matter": doc.front_matter,
        "directives": doc.directives,
        "literals": [(lit.start, lit.end, lit.encode) for lit in doc.literals],
        "sentences": doc.sentences,
        "words": doc.words,
        "quotes": doc.quotes,
        "prose_blocks": doc.prose_blocks,
    }


def _slow_parse(path: str, text: str, monkeypatch: pytest.MonkeyPatch) -> Document:
    with monkeypatch.context() as m:
        m.setattr(docmod, "_simple_markdown_blocks", lambda src: None)
        return parse(path, text, "markdown")


def _body(text: str) -> str:
    """What parse_markdown hands the block parser: front matter turned into blank lines."""
    fm = docmod._FRONT_MATTER_RE.match(text)
    end = fm.end() if fm else 0
    return "\n" * text.count("\n", 0, end) + text[end:]


def _check_same(texts: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch) -> int:
    """Fast and slow Markdown parses agree on every text; returns how many took the fast path."""
    fast_hits = 0
    for path, text in texts:
        src = _body(text)
        simple = _simple_markdown_blocks(src)
        if simple is not None:
            fast_hits += 1
            assert simple == _markdown_it_blocks(src), path
        fast = _snapshot(parse(path, text, "markdown"))
        slow = _snapshot(_slow_parse(path, text, monkeypatch))
        assert fast == slow, path
    return fast_hits


def test_fast_path_same_document_on_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    hits = _check_same(TEXTS, monkeypatch)
    assert hits > len(TEXTS) // 4  # the fast path is exercised, not just the fallback


def test_fast_path_same_document_on_bench_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _bench_texts()
    hits = _check_same(texts, monkeypatch)
    md = sum(path.endswith(".md") for path, _ in texts)
    assert hits >= md * 9 // 10  # news copy: nearly every article takes the fast path


SIMPLE_LINES = [
    "The council met on Tuesday.",
    "PORTO — Officials said 3.5 million people were affected.",
    "2024 was a record year; 12 districts reported.",
    "“This is not the end,” she said. #hashtag",
    "#hashtag at the start of a line",
    "####### seven hashes: not a heading",
    "# Heading",
    "###### Six",
    "#",
    "## Closed heading ##",
    "#\tTabbed heading",
    "Mid-line\ttab and trailing spaces   ",
    "\u00a0non-breaking space first",
    "\u3000ideographic space first",
    "\ufeffbyte order mark first",
    "Nul \x00 inside",
    "a line with `code` and <b>tags</b> and [links](http://x.org) and *emphasis*",
    "",
    "   ",
    "\t",
    " \t ",
]
BLOCK_LINES = [
    "- item",
    "* item",
    "+ item",
    "1. item",
    "1) item",
    "12. item",
    "3.",
    "> quoted",
    ">",
    "```",
    "~~~",
    "    indented",
    "\tindented",
    "  two spaces",
    " one space",
    "===",
    "---",
    "***",
    "___",
    "- - -",
    "<div>",
    "<!-- comment -->",
    "| a | b |",
    "|---|---|",
    ":--|--:",
    "[ref]: http://example.org",
    "line\rwith a carriage return",
    "line\r",
]


def _doc(lines: list[str], trailing: str, front: bool) -> str:
    fm = "---\ntitle: A title\nsummary: 'A summary'\n---\n" if front else ""
    return fm + "\n".join(lines) + trailing


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(SIMPLE_LINES), max_size=12),
    st.sampled_from(["", "\n", "\n\n", "  ", "\n  ", "\t"]),
    st.booleans(),
)
def test_fast_path_taken_and_same_on_simple_markdown(
    lines: list[str], trailing: str, front: bool
) -> None:
    text = _doc(lines, trailing, front)
    src = _body(text)
    simple = _simple_markdown_blocks(src)
    assert simple is not None
    assert simple == _markdown_it_blocks(src)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(SIMPLE_LINES),
            st.sampled_from(BLOCK_LINES),
            st.text(alphabet=" \t#>-+*_=`~<|[]:.)0123456789aZ\u00a0\r", max_size=8),
        ),
        max_size=10,
    ),
    st.sampled_from(["", "\n", "  ", "\n \t"]),
    st.booleans(),
)
def test_fast_path_same_on_mixed_markdown(lines: list[str], trailing: str, front: bool) -> None:
    text = _doc(lines, trailing, front)
    src = _body(text)
    simple = _simple_markdown_blocks(src)
    if simple is not None:
        assert simple == _markdown_it_blocks(src)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(SIMPLE_LINES), st.sampled_from(BLOCK_LINES)), max_size=8),
    st.booleans(),
)
def test_fast_path_same_document_on_generated_markdown(lines: list[str], front: bool) -> None:
    text = _doc(lines, "\n", front)
    with pytest.MonkeyPatch.context() as mp:
        assert _snapshot(parse("g.md", text, "markdown")) == _snapshot(
            _slow_parse("g.md", text, mp)
        )


@pytest.mark.parametrize("construct", BLOCK_LINES)
@pytest.mark.parametrize("where", ["alone", "after blank", "under paragraph", "at end"])
def test_fallback_on_every_other_construct(construct: str, where: str) -> None:
    lines = {
        "alone": [construct],
        "after blank": ["Some text.", "", construct, "", "More text."],
        "under paragraph": ["Some text.", construct, "More text."],
        "at end": ["# Head", "", "Some text.", construct],
    }[where]
    src = "\n".join(lines) + "\n"
    assert _simple_markdown_blocks(src) is None


@pytest.mark.parametrize(
    "src",
    [
        "Title\n=====\n",
        "Title\n-----\n",
        "a | b\n--- | ---\n1 | 2\n",
        "Text\n    more\n",
        "> quote\nlazy\n",
        "1. one\n2. two\n",
        "```\ncode\n```\n",
        "<div>\nhtml\n</div>\n",
        "[x]: /url\n",
        "a\r\nb\r\n",
    ],
)
def test_fallback_on_multiline_constructs(src: str) -> None:
    assert _simple_markdown_blocks(src) is None


# ---------------------------------------------------------------------------------------------
# pattern shortcuts

NEEDLED = [
    *((rx, needles) for rx, needles in _INLINE_MASKS),
    *((rx, needles) for rx, needles in _INLINE_BLANKS),
    (URL_RE, _URL_NEEDLES),
    (HTML_COMMENT_RE, ("<!--",)),
    (DIRECTIVE_RE, ("lintnews:",)),
]

MARKUP = st.text(
    alphabet="ab Z1.@:/w-_*`<>[]()|\\=!\n\t\r\"'”“",
    max_size=60,
)
MARKUP_WORDS = st.lists(
    st.sampled_from(
        [
            "www.",
            "http://",
            "https://x.org/a_b",
            "ftp://",
            "a@b.co",
            "x.y+z@mail.example.org",
            "@",
            "<!--",
            "-->",
            "lintnews:",
            "[lintnews: disable LX001]",
            "<!-- lintnews: disable-line -->",
            "`",
            "``",
            "<b>",
            "</i>",
            "<https://x.org>",
            "](",
            "](/a (b))",
            "]:",
            "[ref]: /url",
            "*",
            "**",
            "_",
            "__",
            "==",
            "--",
            "=-",
            "-=",
            "|",
            "\\",
            "[",
            "]",
            "word",
            "(",
            ")",
            ".",
            " ",
            "\n",
            "\t",
            "\r",
            "\u00a0",
            "é",
        ]
    ),
    max_size=25,
).map("".join)


def _check_needles(text: str) -> None:
    for rx, needles in NEEDLED:
        for m in rx.finditer(text):
            assert any(n in m.group(0) for n in needles), (rx.pattern, m.group(0))


def _check_url_spans(text: str) -> None:
    assert _url_spans(text) == [m.span() for m in URL_RE.finditer(text)]


def _check_line_prefix(seg: str) -> None:
    if "\n" not in seg:
        spans = [m.span() for m in _LINE_PREFIX_RE.finditer(seg) if m.end() > m.start()]
        m = _LINE_PREFIX_RE.match(seg)
        assert spans == ([(0, m.end())] if m is not None and m.end() > 0 else [])


def test_pattern_shortcuts_on_articles() -> None:
    for path, text in TEXTS:
        _check_needles(text)
        _check_url_spans(text)
        for line in text.split("\n"):
            _check_line_prefix(line)
        assert path


@settings(max_examples=1500, deadline=None)
@given(st.one_of(MARKUP, MARKUP_WORDS))
def test_pattern_shortcuts_on_generated_text(text: str) -> None:
    _check_needles(text)
    _check_url_spans(text)
    _check_line_prefix(text.replace("\n", " "))


# ---------------------------------------------------------------------------------------------
# front matter composed once


def _old_front_matter(src: str, text: str, base: int, fields: tuple[str, ...]) -> Any:
    """The front matter as it was read before: loaded, then composed again for the values."""

    def loader() -> Any:
        c = getattr(yaml, "CSafeLoader", None)
        if c is not None:
            try:
                yaml.compose(src, Loader=c)
                return c
            except yaml.YAMLError:
                pass
        return yaml.SafeLoader

    try:
        data = yaml.load(src, Loader=loader())
    except yaml.YAMLError:
        data = {}
    data = data if isinstance(data, dict) else {}
    if not fields or not src:
        return data, []
    try:
        root = yaml.compose(src, Loader=loader())
    except yaml.YAMLError:
        return data, []
    return data, docmod._front_matter_values(text, base, root, fields)


FIELDS = ("title", "subtitle", "description", "summary")
YAML_SOURCES = [
    "",
    "title: Plain\n",
    "title: \"Double \\u00e9 \\\" quoted\"\nsummary: 'single''s'\n",
    "title: |\n  Block\n  text\ndescription: >\n  folded\n",
    "base: &b {title: Anchored}\n<<: *b\ntitle: Merged\n",
    "- a list\n- not a mapping\n",
    "title: [unclosed\n",
    "title: 1\nsummary: 2020-01-02\n",
    "tag: !custom value\ntitle: Tagged\n",
    "a: 1\n---\nb: 2\n",
    "title: x\ntitle: duplicate\n",
    "just a scalar\n",
    "title: null\n",
]


@pytest.mark.parametrize("src", YAML_SOURCES)
def test_front_matter_composed_once_same(src: str) -> None:
    text = "---\n" + src + "---\n\nBody.\n"
    assert _front_matter(text, 4, src, FIELDS) == _old_front_matter(src, text, 4, FIELDS)
    assert _front_matter(text, 4, src, ()) == _old_front_matter(src, text, 4, ())


def test_front_matter_composed_once_same_on_articles() -> None:
    texts = list(TEXTS) + corpora.bench("*.md")
    for path, text in texts:
        fm = docmod._FRONT_MATTER_RE.match(text)
        if not fm:
            continue
        src = fm.group(1) or ""
        got = _front_matter(text, fm.start(1), src, FIELDS)
        assert got == _old_front_matter(src, text, fm.start(1), FIELDS), path


def test_compose_yaml_falls_back_to_the_python_loader() -> None:
    loader, root = _compose_yaml("title: x\n")
    assert root is not None and loader in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader)
    with pytest.raises(yaml.YAMLError):
        _compose_yaml("title: [unclosed\n")
