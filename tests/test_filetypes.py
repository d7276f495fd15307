"""Prose outside plain articles: Markdown front matter, HTML text nodes, Python string literals.

Positions are checked as exact rows and columns (1-based, code points, as in the JSON output);
fixes are checked by applying them and reading the result back with the format's own parser
(YAML, html.parser, the Python compiler).
"""

from __future__ import annotations

import ast
import copy
import io
import shutil
import tokenize
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.config import Settings
from lintnews.document import parse
from lintnews.engine import fix_source, lint_text
from lintnews.filetypes.pysource import ignore_comment_edit, literal_encoder
from lintnews.source import LineIndex

FIXTURES = Path(__file__).parent / "fixtures" / "python"
TYPOS = Settings(select=("TY101", "GB001", "MTAC"))


def found(text: str, path: str, s: Settings = TYPOS) -> list[tuple[str, int, int, int, int]]:
    """(code, row, column, end row, end column) of each finding; every span must cover the
    source text it names (a typo "anit-", a doubled "the the")."""
    li = LineIndex(text)
    out = []
    for d in lint_text(text, path, s):
        covered = text[d.start : d.end].lower()
        if d.code == "TY101":
            assert covered == "anit-", covered
        elif d.code == "GB001":
            assert covered == "the the", covered
        out.append((d.code, *li.row_col(d.start), *li.row_col(d.end)))
    return out


def fixed(text: str, path: str, s: Settings = TYPOS, unsafe: bool = False) -> str:
    return fix_source(path, text, s, unsafe)[0]


# ---------------------------------------------------------------------------------------------
# Markdown front matter


def _article(front: str) -> str:
    return f"---\n{front}\n---\n\nThe council met on Tuesday.\n"


@pytest.mark.parametrize(
    ("front", "row", "col"),
    [
        ("title: Troops continue their anit-terrorist push", 2, 30),
        ("subtitle: 'It''s the last anit-war march'", 2, 27),
        ('description: "Envoy \\"praised\\" the 😀 anit-drug desk"', 2, 39),
        ("summary: >-\n  Ministers met to discuss\n  the anit-terrorist plan.", 4, 7),
    ],
    ids=["title-plain", "subtitle-single-quoted", "description-double-quoted", "summary-folded"],
)
def test_front_matter_field_positions(front: str, row: int, col: int) -> None:
    text = _article(front)
    assert found(text, "a.md") == [("TY101", row, col, row, col + 5)]
    # the fix stays inside the value and the YAML still reads as the corrected text
    out = fixed(text, "a.md")
    key = front.split(":", 1)[0]
    before = yaml.safe_load(text.split("---")[1])[key]
    after = yaml.safe_load(out.split("---")[1])[key]
    assert after == before.replace("anit-", "anti-")
    assert out.replace("anti-", "anit-") == text


def test_front_matter_other_keys_are_not_linted() -> None:
    front = (
        "title: A clean title\n"
        "tags: [anit-war, the the]\n"
        "author: The the anit-war desk\n"
        "slug: the-the-anit-war\n"
        "year: 2024"
    )
    text = _article(front)
    assert found(text, "a.md") == []
    only_author = Settings(select=("TY101", "GB001"), front_matter_fields=("author",))
    assert [c[:3] for c in found(text, "a.md", only_author)] == [
        ("GB001", 4, 9),
        ("TY101", 4, 17),
    ]


def test_front_matter_value_blocks_and_view() -> None:
    text = _article("title: Ministers meet\nsummary: 'Talks go on'\ntags: [x]")
    doc = parse("a.md", text)
    fm = [b for b in doc.blocks if b.kind == "front_matter"]
    assert [text[b.start : b.end] for b in fm] == ["Ministers meet", "Talks go on"]
    assert "title" not in doc.view and "tags" not in doc.view and "'" not in doc.view
    assert len(doc.view) == len(doc.text)


def test_front_matter_escapes_map_to_source() -> None:
    text = _article('title: "Caf\\u00e9 owners say the the \\"anit-war\\" rules hurt"')
    doc = parse("a.md", text)
    assert 'Café owners say the the "anit-war" rules hurt' in doc.view
    assert found(text, "a.md") == [("GB001", 2, 30, 2, 37), ("TY101", 2, 40, 2, 45)]
    out = fixed(text, "a.md")
    title = yaml.safe_load(out.split("---")[1])["title"]
    assert title == 'Café owners say the "anti-war" rules hurt'


def test_front_matter_source_lang_and_lintnews_table() -> None:
    body = "\nThe ancient Soviet republics met the the OTSC leaders.\n"
    mt = Settings(select=("MT", "GB001"))
    assert any(c.startswith("MT") for c, *_ in found(body, "a.md", mt))
    # an original English article: no translation rules at all
    english = "---\nsource_lang: en\n---\n" + body
    assert [c for c, *_ in found(english, "a.md", mt)] == ["GB001"]
    # the article's own settings: ignore, select, extend-select
    ignore = "---\nlintnews:\n  ignore: [MT]\n---\n" + body
    assert [c for c, *_ in found(ignore, "a.md", mt)] == ["GB001"]
    select = "---\nlintnews:\n  select: [MTAC]\n---\n" + body
    assert {c[:4] for c, *_ in found(select, "a.md", mt)} == {"MTAC"}
    extend = "---\nlintnews:\n  extend-select: [GB001]\n---\n" + body
    assert "GB001" in [c for c, *_ in found(extend, "a.md", Settings(select=("MTAC",)))]
    nested = "---\nlintnews:\n  source-lang: en\n---\n" + body
    assert [c for c, *_ in found(nested, "a.md", mt)] == ["GB001"]


# ---------------------------------------------------------------------------------------------
# HTML

PAGE = """<!DOCTYPE html>
<html><head><title>Troops continue anit-terrorist push</title>
<style>p::after { content: "the the anit-war"; }</style></head>
<body>
<h1>Caf&eacute; &amp; bar owners: the the envoys</h1>
<p>Prices rose&nbsp;&mdash; troops continue their <em>anit-terrorist</em> operations.</p>
<pre>the the anit-war code</pre>
<p>Use <code>the the</code> here.</p>
<!-- lintnews: disable-next-line TY101 -->
<p>Another anit-war rally.</p>
<script>var s = "the the anit-war";</script>
</body></html>
"""


def test_html_text_nodes_with_exact_positions() -> None:
    assert found(PAGE, "page.html") == [
        ("TY101", 2, 36, 2, 41),
        ("GB001", 5, 35, 5, 42),
        ("TY101", 6, 55, 6, 60),
    ]
    doc = parse("page.html", PAGE)
    assert [b.kind for b in doc.blocks] == ["heading", "heading"] + ["paragraph"] * 3
    assert "Café & bar owners" in doc.view and "Prices rose — troops" in doc.view
    for hidden in ("content:", "var s", "code", "<"):
        assert hidden not in doc.view


def test_html_fix_keeps_entities_and_markup() -> None:
    out = fixed(PAGE, "page.html")
    assert "<title>Troops continue anti-terrorist push</title>" in out
    assert "<h1>Caf&eacute; &amp; bar owners: the envoys</h1>" in out
    assert "<em>anti-terrorist</em>" in out
    assert "<p>Another anit-war rally.</p>" in out  # suppressed
    assert "the the anit-war code" in out and 'var s = "the the anit-war"' in out


def test_html_fix_text_is_escaped_and_cross_tag_fixes_are_displayed() -> None:
    page = "<p>Shares of AT&amp;T fell after the <b>the</b> report.</p>\n"
    (d,) = lint_text(page, "a.html", Settings(select=("GB001",)))
    assert d.fix is not None and d.fix.applicability == "display"  # it would cross <b>
    doc = parse("a.html", page)
    lit = doc.literals[0]
    assert lit.encode("R&D <b>") == "R&amp;D &lt;b&gt;"


def test_html_is_not_walked_by_default_but_linted_when_named(tmp_path: Path, cli) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "story.md").write_text("The council met on Tuesday.\n", encoding="utf-8")
    assert cli("check", "--no-cache", ".", cwd=tmp_path).returncode == 0
    named = cli("check", "--no-cache", "--select", "TY101", "page.html", cwd=tmp_path)
    assert named.returncode == 1 and b"page.html:2:36: TY101" in named.stdout
    (tmp_path / "lintnews.toml").write_text('include = ["*.md", "*.html"]\n', encoding="utf-8")
    walked = cli("check", "--no-cache", "--select", "TY101", ".", cwd=tmp_path)
    assert walked.returncode == 1 and b"page.html:2:36: TY101" in walked.stdout


# ---------------------------------------------------------------------------------------------
# Python


def test_python_escapes_map_to_source_columns() -> None:
    src = (
        'QUOTE = "Officials said it\\u2019s the largest \\"anit-war\\" march."\n'
        "ALERT = 'First line.\\nTroops continue their anit-terrorist push.'\n"
        'TABS = "Tab\\there and \\N{EM DASH} the the anit-drug plan"\n'
    )
    assert found(src, "a.py") == [
        ("TY101", 1, 49, 1, 54),
        ("TY101", 2, 45, 2, 50),
        ("GB001", 3, 35, 3, 42),
        ("TY101", 3, 43, 3, 48),
    ]
    doc = parse("a.py", src)
    assert 'Officials said it’s the largest "anit-war" march.' in doc.view
    assert "First line.\nTroops" in doc.view and "Tab\there and — the" in doc.view


def test_python_fstrings_docstrings_and_concatenation() -> None:
    src = (
        '"""Module docstring about the anit-war desk."""\n'
        "\n"
        "def f(n, city):\n"
        "    '''Return the the alert.'''\n"
        '    a = f"{n} leaders said {{x}} the anit-drug plan in {city!r:>10} failed"\n'
        '    b = ("The summit opened on Tuesday "  # between the parts\n'
        "         'with an anit-terrorist declaration.')\n"
        '    c = "short anit-war"\n'
        '    d = b"Troops continue their anit-terrorist operations."\n'
        '    e = r"\\d+ anit-\\w+ words in a raw pattern"\n'
        "    return a, b, c, d, e\n"
    )
    assert found(src, "a.py") == [
        ("TY101", 1, 31, 1, 36),
        ("GB001", 4, 15, 4, 22),
        ("TY101", 5, 38, 5, 43),
        ("TY101", 7, 19, 7, 24),
    ]
    few = Settings(select=("TY101",), python_min_words=2, python_docstrings=False)
    assert [c[:3] for c in found(src, "a.py", few)] == [
        ("TY101", 5, 38),
        ("TY101", 7, 19),
        ("TY101", 8, 16),
    ]
    no_f = Settings(select=("TY101",), python_fstrings=False)
    assert [c[:3] for c in found(src, "a.py", no_f)] == [("TY101", 1, 31), ("TY101", 7, 19)]


def test_python_placeholders_and_format_fields() -> None:
    src = 'T = "{} leaders said the the plan in %s at {city}, the anit-war {n}desk"\n'
    doc = parse("a.py", src)
    assert "X leaders said the the plan in Y at Z, the anit-war Xdesk" in doc.view
    out = fixed(src, "a.py")
    assert out == 'T = "{} leaders said the plan in %s at {city}, the anti-war {n}desk"\n'


def test_python_fix_across_code_is_only_displayed() -> None:
    src = 'T = ("Troops continue the "\n     "the anit-war push")\n'
    by_code = {d.code: d for d in lint_text(src, "a.py", TYPOS)}
    assert by_code["GB001"].fix.applicability == "display"  # it would join two literals
    assert by_code["TY101"].fix.applicability == "safe"
    assert fixed(src, "a.py") == src.replace("anit-", "anti-")


def test_python_ignore_comments() -> None:
    src = (
        'A = "Troops continue their anit-terrorist push."  # lintnews: ignore[TY101]\n'
        'B = "Troops continue the the anit-terrorist push."  # lintnews: ignore[GB]\n'
        'C = "Troops continue the the anit-terrorist push."  # noqa  # lintnews: ignore\n'
        'D = """Troops continue their\n'
        'anit-terrorist push."""  # lintnews: ignore[TY101]\n'
        'E = ("Troops continue the the "\n'
        '     "anit-terrorist push.")  # lintnews: ignore[TY101, GB001]\n'
        'F = "Troops continue their anit-terrorist push."  # lintnews: ignore[GB]\n'
    )
    assert [c[:2] for c in found(src, "a.py")] == [("TY101", 2), ("TY101", 8)]


def test_python_ignore_comment_edit() -> None:
    src = (
        "A = ('Troops continue their '\n"
        "     'anit-terrorist push.')\n"
        'B = """Troops continue their\n'
        'anit-terrorist push."""  # lintnews: ignore[GB001]\n'
        'C = "The the anit-war desk."  # noqa\n'
    )

    def apply(offset: int, code: str) -> str:
        edit = ignore_comment_edit(src, offset, code)
        assert edit is not None
        return src[: edit.start] + edit.content + src[edit.end :]

    out = apply(src.index("anit-terrorist push.')"), "TY101")
    assert "     'anit-terrorist push.')  # lintnews: ignore[TY101]\n" in out
    out = apply(src.index('anit-terrorist push."""'), "TY101")
    assert 'push."""  # lintnews: ignore[GB001, TY101]\n' in out
    out = apply(src.index("anit-war"), "TY101")
    assert 'desk."  # noqa  # lintnews: ignore[TY101]\n' in out
    for code in ("TY101",):
        once = apply(src.index("anit-war"), code)
        assert ignore_comment_edit(once, once.index("anit-war"), code) is None
        assert found(once, "a.py", Settings(select=(code,)))[0][1] != 5
    assert ignore_comment_edit(src, src.index("Troops continue their '"), "TY101") is not None


def test_python_not_walked_by_default(tmp_path: Path, cli) -> None:
    shutil.copy(FIXTURES / "alerts.py", tmp_path / "alerts.py")
    assert cli("check", "--no-cache", ".", cwd=tmp_path).returncode == 0
    named = cli("check", "--no-cache", "--select", "TY101", "alerts.py", cwd=tmp_path)
    assert named.returncode == 1 and b"alerts.py:3:23: TY101" in named.stdout
    (tmp_path / "lintnews.toml").write_text(
        'include = ["*.md", "*.py"]\n[python]\nmin-words = 4\nfstrings = true\n', encoding="utf-8"
    )
    walked = cli("check", "--no-cache", "--select", "TY101", ".", cwd=tmp_path)
    assert b"alerts.py:3:23: TY101" in walked.stdout


def test_invalid_python_is_not_linted() -> None:
    assert found('x = "Troops continue their anit-terrorist push.\n', "a.py") == []


def _strings(tree: ast.AST) -> list[str]:
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def _shape(tree: ast.AST) -> str:
    class Blank(ast.NodeTransformer):
        def visit_Constant(self, node: ast.Constant) -> ast.AST:
            return ast.Constant("") if isinstance(node.value, str) else node

    return ast.dump(Blank().visit(copy.deepcopy(tree)))


def _code_tokens(src: str) -> list[tuple[int, str]]:
    toks = tokenize.generate_tokens(io.StringIO(src).readline)
    return [(t.type, t.string) for t in toks if t.type != tokenize.STRING]


def test_python_fixture_fix_changes_only_the_prose(tmp_path: Path, cli) -> None:
    """Acceptance: typos and calques in strings, f-strings and docstrings are fixed by
    `lintnews fix`; the module still parses and its AST differs only in those strings."""
    path = tmp_path / "alerts.py"
    shutil.copy(FIXTURES / "alerts.py", path)
    before = path.read_text(encoding="utf-8")
    proc = cli("fix", "--no-cache", "--unsafe-fixes", "--select", "TY101,MT", str(path))
    assert proc.returncode in (0, 1), proc.stderr
    after = path.read_text(encoding="utf-8")
    old, new = ast.parse(before), ast.parse(after)
    assert _shape(old) == _shape(new)  # same code; only string values may differ
    changed = [(a, b) for a, b in zip(_strings(old), _strings(new), strict=True) if a != b]
    assert len(changed) == 8
    for a, b in changed:
        assert "anit-" not in b and "OTSC" not in b and "ancient" not in b
        assert b == a.replace("anit-", "anti-").replace("OTSC", "CSTO").replace("ancient", "former")
    # the code around the strings (comments, names, quotes) is untouched, token for token
    assert _code_tokens(before) == _code_tokens(after)
    for kept in (
        'PATTERN = r"\\d+ anit-\\w+ words in a raw pattern"',
        'PAYLOAD = b"Troops continue their anit-terrorist operations."',
        'KEPT = "Troops continue their anit-terrorist operations."  # lintnews: ignore[TY101]',
        "    # A comment with anit-war in it is code, not copy.",
        "ALERT = 'Troops continue their anti-terrorist operations in the north.\\n'",
        'QUOTE = "Officials said it\\u2019s the largest \\"anti-war\\" march since 1991."',
        'TEMPLATE = f"{RETRIES} leaders of the CSTO said the anti-drug plan {{draft}} failed"',
        "    '''Return the brief about the anti-war protest in a city.'''",
    ):
        assert kept in after.splitlines()
    again = cli("check", "--no-cache", "--select", "TY101,MTAC", str(path))
    assert b"anit" not in again.stdout and b"OTSC" not in again.stdout


_QUOTES = ['"', "'", '"""', "'''"]


@settings(max_examples=300, deadline=None)
@given(
    content=st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    quote=st.sampled_from(_QUOTES),
    raw=st.booleans(),
    fstring=st.booleans(),
)
def test_literal_encoder_round_trips(content: str, quote: str, raw: bool, fstring: bool) -> None:
    encoded = literal_encoder(quote, raw, fstring)(content)
    if encoded is None:
        assert raw  # only raw strings refuse text
        return
    for before, after in (("", ""), ("a ", " b")):  # in the middle of a body too
        prefix = ("r" if raw else "") + ("f" if fstring else "")
        src = f"{prefix}{quote}{before}{encoded}{after}{quote}"
        assert eval(compile(src, "<lit>", "eval")) == before + content + after


@pytest.mark.parametrize("date", ["2020-13-45", "2021-02-30", "2020-01-01 25:61:00"])
def test_front_matter_with_an_impossible_date_is_no_data_not_a_crash(date: str) -> None:
    # valid YAML that PyYAML cannot turn into a date: treated like front matter that does
    # not parse (no settings from it), and its title is still linted
    text = _article(f"title: The the minister\ndate: {date}")
    doc = parse("a.md", text)
    assert doc.front_matter == {}
    assert [c[0] for c in found(text, "a.md")] == ["GB001"]
