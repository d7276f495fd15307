"""The LanguageTool backend against a real local LanguageTool server (no mocks).

The session fixture installs the server with Maven (cached under ~/.cache/lintnews or
$LINTNEWS_LT_HOME) and starts it once. Without Java these tests are skipped on a developer's
machine, and fail in CI (CI=true), where .ci/run installs the server first.
"""

from __future__ import annotations

import os
import shutil
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from lintnews import languagetool as lt
from lintnews.cli import main as cli_main
from lintnews.config import Settings
from lintnews.diagnostic import Diagnostic
from lintnews.document import Block, Document, parse
from lintnews.engine import lint_source

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
SEED_003 = SEEDS / "003_b724b356e8bae5e0.txt"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"LanguageTool tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def lt_url() -> str:
    """URL of a running local LanguageTool server (started here unless one runs already)."""
    if shutil.which("java") is None:
        _unavailable("java is not installed")
    if not lt.is_installed() and shutil.which("mvn") is None:
        _unavailable("LanguageTool is not installed and mvn is missing")
    lt.install(quiet=True)
    already = lt.running_server()
    info = already or lt.start()
    yield info.url
    if already is None:
        lt.stop(pid=info.pid)  # only the server this session started


@pytest.fixture
def settings(lt_url: str, tmp_path: Path) -> Settings:
    # LanguageTool alone: lintnews' own rules would otherwise report some of the same spans
    # ("comply to", "libary"), and the engine drops backend matches that overlap them.
    return Settings(
        root=str(tmp_path),
        select=("LT",),
        grammar=True,
        languagetool_url=lt_url,
        cache_dir=str(tmp_path / "cache"),
    )


def test_overlapping_lintnews_finding_wins(settings: Settings) -> None:
    text = "The alliance would comply to the request.\n"
    both = replace(settings, select=None)
    res = lint_source("a.txt", text, "utf-8", both)
    spans = {(d.code, text[d.start : d.end]) for d in res.diagnostics}
    assert ("GB110", "comply to") in spans
    assert not [d for d in _lt(res.diagnostics) if "comply" in text[d.start : d.end]]


def _lt(diags: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.code.startswith("LT:")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- against the server -----------------------------------------------------------------------


def test_comply_to_in_seed_003(settings: Settings) -> None:
    text = SEED_003.read_text(encoding="utf-8")
    res = lint_source(str(SEED_003), text, "utf-8", settings)
    hits = [d for d in _lt(res.diagnostics) if text[d.start : d.end] == "comply to"]
    assert len(hits) == 1, [(d.code, text[d.start : d.end]) for d in _lt(res.diagnostics)]
    d = hits[0]
    assert d.code == "LT:LINTNEWS_COMPLY_WITH"
    assert d.name == "lintnews-comply-with"
    assert d.severity == "warning"
    assert d.start == text.index("comply to the request")
    assert d.fix is not None and d.fix.applicability == "unsafe"
    (edit,) = d.fix.edits
    assert edit.content == "comply with"
    fixed = text[: edit.start] + edit.content + text[edit.end :]
    assert "would comply with the request" in fixed


MARKDOWN = """\
---
title: Unrest in Kazakhstan
source_lang: en
comply_to_the_request: yes
tags: [comply to]
---

# Kazakhstan 🇰🇿 unrest

Intro with `comply to` inline code and a link <https://example.com/comply-to-the-request>.

```python
# code is never sent: the alliance would comply to the request
print("comply to")
```

    indented code: he comply to the rules

- A list item 🎉 where he complied to the order.

The CSTO said the alliance would comply to the request, and it done so quickly.
"""


def test_markdown_offsets_exact(settings: Settings) -> None:
    res = lint_source("article.md", MARKDOWN, "utf-8", settings)
    found = [(d.code, d.start, MARKDOWN[d.start : d.end]) for d in _lt(res.diagnostics)]
    comply = [f for f in found if f[0] == "LT:LINTNEWS_COMPLY_WITH"]
    list_at = MARKDOWN.index("complied to the order")
    para_at = MARKDOWN.index("comply to the request, and")
    assert comply == [
        ("LT:LINTNEWS_COMPLY_WITH", list_at, "complied to"),
        ("LT:LINTNEWS_COMPLY_WITH", para_at, "comply to"),
    ], found
    body = MARKDOWN.index("# Kazakhstan")
    fence = (MARKDOWN.index("```python"), MARKDOWN.index("```\n\n") + 3)
    for code, start, _ in found:
        assert start >= body, f"{code} in front matter keys or tags"
        assert not fence[0] <= start < fence[1], f"{code} in a code block"
    fix = next(d for d in res.diagnostics if d.start == list_at).fix
    assert fix is not None and fix.edits[0].content == "complied with"


def test_prose_only_is_sent() -> None:
    doc = parse("a.md", MARKDOWN)
    batches = lt.make_batches(doc)
    sent = "".join(b.text for b in batches)
    assert "print(" not in sent and "indented code" not in sent
    assert "example.com" not in sent and "title:" not in sent and "`" not in sent
    assert "The CSTO said" in sent
    for b in batches:
        for seg in b.segments:
            assert (
                b.text[seg.bstart : seg.bstart + seg.length]
                == doc.view[seg.vstart : seg.vstart + seg.length]
            )


def test_front_matter_values_the_view_shows_are_sent() -> None:
    text = "---\ntitle: Ministers comply to the request\ntags: [x]\n---\n\nBody text.\n"
    view = list(text)
    for key in ("---", "title:", "tags: [x]"):  # blank keys and non-prose fields
        i = text.index(key)
        view[i : i + len(key)] = " " * len(key)
    i = text.index("---", 4)
    view[i : i + 3] = "   "
    fm_end = text.index("\n\n") + 1
    doc = Document(
        "a.md",
        text,
        "".join(view),
        "markdown",
        [Block("front_matter", 0, fm_end), Block("paragraph", fm_end + 1, len(text) - 1)],
    )
    (batch,) = lt.make_batches(doc)
    assert batch.text == "Ministers comply to the request\n\nBody text."
    at = batch.text.index("comply")
    assert batch.to_view(at) == text.index("comply")


def test_batches_capped_and_mapped(lt_url: str, tmp_path: Path) -> None:
    paras = [
        f"Paragraph {i}: the ministry would comply to the request number {i}." for i in range(12)
    ]
    text = "\n\n".join(paras) + "\n"
    doc = parse("many.txt", text)
    backend = lt.LanguageToolBackend(lt_url, cache_dir=tmp_path, batch_chars=200)
    batches = lt.make_batches(doc, 200)
    assert len(batches) > 3 and all(len(b.text) <= 200 for b in batches)
    diags = [d for d in backend.check(doc) if d.code == "LT:LINTNEWS_COMPLY_WITH"]
    assert [d.start for d in diags] == [text.index("comply to", text.index(p)) for p in paras]
    assert backend.requests == len(batches)


def test_result_cache(lt_url: str, tmp_path: Path) -> None:
    doc = parse("a.txt", SEED_003.read_text(encoding="utf-8"))
    first = lt.LanguageToolBackend(lt_url, cache_dir=tmp_path)
    a = first.check(doc)
    assert first.requests >= 1
    again = lt.LanguageToolBackend(lt_url, cache_dir=tmp_path)
    assert again.check(doc) == a
    assert again.requests == 0
    other = lt.LanguageToolBackend(lt_url, cache_dir=tmp_path, disabled=("LINTNEWS_COMPLY_WITH",))
    assert not [d for d in other.check(doc) if d.code == "LT:LINTNEWS_COMPLY_WITH"]
    assert other.requests >= 1


FALSE_FRIEND = "The minister visited the library with his parent.\n"


def test_mother_tongue_is_sent(lt_url: str, tmp_path: Path) -> None:
    # LanguageTool's false-friends.xml rules run only with a mother tongue (and at the picky
    # level, which the false-friend pass sets). "library" is Italian "libreria" (bookshop).
    backend = lt.LanguageToolBackend(lt_url, cache_dir=tmp_path)
    doc = parse("a.txt", FALSE_FRIEND)
    assert not [d for d in backend.check(doc) if d.code == "LT:LIBRARY"]
    doc.source_lang = "it"
    hits = [d for d in backend.check(doc) if d.code == "LT:LIBRARY"]
    assert len(hits) == 1
    assert FALSE_FRIEND[hits[0].start : hits[0].end] == "library"
    assert hits[0].severity == "info"
    # a false friend's suggestion is a translation hint: shown, never applied
    assert hits[0].fix is not None and hits[0].fix.applicability == "display"
    assert hits[0].fix.edits[0].content == "bookshop"
    quiet = lt.LanguageToolBackend(lt_url, cache_dir=tmp_path, disabled=("LIBRARY",))
    assert not [d for d in quiet.check(doc) if d.code == "LT:LIBRARY"]


def test_mother_tongue_from_front_matter(settings: Settings) -> None:
    text = "---\nsource_lang: it\n---\n\n" + FALSE_FRIEND
    res = lint_source("a.md", text, "utf-8", settings)
    assert [text[d.start : d.end] for d in res.diagnostics if d.code == "LT:LIBRARY"] == ["library"]


def test_disabled_by_default(settings: Settings) -> None:
    text = "He went went to the the libary  yesterday .\n"
    res = lint_source("a.txt", text, "utf-8", settings)
    codes = {d.code for d in _lt(res.diagnostics)}
    for rule in ("MORFOLOGIK_RULE_EN_US", "ENGLISH_WORD_REPEAT_RULE", "WHITESPACE_RULE"):
        assert f"LT:{rule}" not in codes
    on = replace(settings, languagetool_disabled=("+MORFOLOGIK_RULE_EN_US",))
    res = lint_source("a.txt", text, "utf-8", on)
    assert "LT:MORFOLOGIK_RULE_EN_US" in {d.code for d in res.diagnostics}


def test_fix_is_never_safe(settings: Settings) -> None:
    text = "She have a apple. The alliance would comply to the request.\n"
    res = lint_source("a.txt", text, "utf-8", settings)
    lts = _lt(res.diagnostics)
    assert len(lts) >= 2
    for d in lts:
        assert d.fix is None or d.fix.applicability in ("unsafe", "display")


def test_cli_check_grammar(lt_url: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "lintnews.toml").write_text(
        f'[tool.lintnews.grammar]\nenabled = true\nserver = "{lt_url}"\n', encoding="utf-8"
    )
    article = tmp_path / "a.txt"
    article.write_text("The alliance would comply to the request.\n", encoding="utf-8")
    rc = cli_main(["check", "--select", "LT", "--no-cache", str(article)])
    out = capsys.readouterr().out
    assert rc == 1
    assert "LT:LINTNEWS_COMPLY_WITH" in out
    assert cli_main(["fix", "--select", "LT", "--no-cache", str(article)]) == 1  # unsafe: kept
    assert "comply to" in article.read_text(encoding="utf-8")
    cli_main(["fix", "--unsafe-fixes", "--select", "LT", "--no-cache", str(article)])
    assert article.read_text(encoding="utf-8") == "The alliance would comply with the request.\n"


# -- errors -----------------------------------------------------------------------------------


def test_server_down_is_a_clear_error(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    backend = lt.LanguageToolBackend(url, cache_dir=tmp_path)
    with pytest.raises(lt.LanguageToolError, match="cannot reach the LanguageTool server"):
        backend.check(parse("a.txt", "The alliance would comply to the request.\n"))


def test_server_that_never_answers_times_out(tmp_path: Path) -> None:
    with socket.socket() as s:  # listens, never accepts: connections hang
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
        backend = lt.LanguageToolBackend(url, cache_dir=tmp_path, timeout=1.0)
        with pytest.raises(lt.LanguageToolError, match="timed out"):
            backend.check(parse("a.txt", "The alliance would comply to the request.\n"))


def test_server_down_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    (tmp_path / "lintnews.toml").write_text(
        f'[tool.lintnews.grammar]\nserver = "{url}"\n', encoding="utf-8"
    )
    article = tmp_path / "a.txt"
    article.write_text("The alliance would comply to the request.\n", encoding="utf-8")
    rc = cli_main(["check", "--grammar", "--no-cache", str(article)])
    err = capsys.readouterr().err
    assert rc == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the LanguageTool server" in lines[0]
    assert url in lines[0]


def test_java_missing_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("LINTNEWS_LT_HOME", str(tmp_path / "home"))
    with pytest.raises(lt.LanguageToolError, match="java not found"):
        lt.start()


def test_not_installed_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINTNEWS_LT_HOME", str(tmp_path / "home"))
    with pytest.raises(lt.LanguageToolError, match="languagetool install"):
        lt.start()
    assert lt.main(["start"]) == 2


# -- pieces -----------------------------------------------------------------------------------


def test_rule_names_and_severities() -> None:
    assert lt.rule_name("EN_A_VS_AN") == "en-a-vs-an"
    assert lt.rule_name("MORFOLOGIK_RULE_EN_US") == "morfologik-rule-en-us"
    assert lt.severity_for("TYPOS", "misspelling") == "warning"
    assert lt.severity_for("GRAMMAR", "grammar") == "warning"
    assert lt.severity_for("STYLE", "style") == "info"
    assert lt.severity_for("REDUNDANCY", "style") == "info"
    assert lt.severity_for("TYPOGRAPHY", "typographical") == "info"
    assert lt.severity_for("SOMETHING_NEW", "grammar") == "warning"
    assert lt.severity_for("SOMETHING_NEW", "uncategorized") == "info"


def test_disabled_rules_setting() -> None:
    s = Settings(languagetool_disabled=("PASSIVE_VOICE", "+EN_QUOTES"))
    rules = lt.disabled_rules(s)
    assert "PASSIVE_VOICE" in rules and "EN_QUOTES" not in rules
    assert "MORFOLOGIK_RULE_EN_US" in rules


def test_api_urls() -> None:
    assert lt._api("http://h:1", "check") == "http://h:1/v2/check"
    assert lt._api("http://h:1/v2/", "check") == "http://h:1/v2/check"
    assert lt._api("h:1/lt", "languages") == "http://h:1/lt/v2/languages"
    assert lt.base_url("https://lt.example.org/api/v2") == "https://lt.example.org/api/"


def test_home_follows_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINTNEWS_LT_HOME", str(tmp_path))
    assert lt.lt_home("6.8") == tmp_path / "6.8"
    assert not lt.is_installed("6.8")
