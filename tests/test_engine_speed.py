"""Shortcuts in the engine's per-file path give what the general code gave."""

from __future__ import annotations

from dataclasses import fields, replace

from lintnews import document as docmod
from lintnews.config import Settings
from lintnews.diagnostic import Diagnostic, Edit, Fix, Related
from lintnews.engine import _suppression_meta, _to_source


def test_to_source_carries_every_field_of_a_finding() -> None:
    # the constructor call in _to_source names the fields one by one: a new field fails here
    assert [f.name for f in fields(Diagnostic)] == [
        "code",
        "name",
        "severity",
        "message",
        "start",
        "end",
        "fix",
        "url",
        "path",
        "related",
    ]
    settings = Settings(cache_dir="")
    text = "---\ntitle: x\n---\n\nThe ancient Soviet republics met, he said.\n"
    doc = docmod.parse("a.md", text, settings=settings)
    start = doc.view.index("ancient")
    d = Diagnostic(
        "MT999",
        "some-rule",
        "error",
        "a message",
        start,
        start + 7,
        Fix("safe", "Replace", (Edit(start, start + 7, "former"),)),
        "https://example.org/rule",
        "elsewhere.md",
        (Related("b.md", 1, 2, "seen there", 1, 2, 1, 3),),
    )
    got = _to_source(doc, None, d, settings)
    want = replace(d, start=doc.to_source(d.start), end=doc.to_source(d.end), path="a.md")
    assert got is not None
    assert (got.code, got.name, got.severity, got.message, got.url, got.related) == (
        want.code,
        want.name,
        want.severity,
        want.message,
        want.url,
        want.related,
    )
    assert (got.start, got.end, got.path) == (want.start, want.end, "a.md")
    assert text[got.start : got.end] == "ancient"


def test_suppression_meta_without_directives_needs_no_line_index(monkeypatch) -> None:
    from lintnews import engine

    def refuse(text: str) -> None:
        raise AssertionError("a line index was built")

    monkeypatch.setattr(engine, "LineIndex", refuse)
    meta = _suppression_meta("He wrote [sic] it.\nAgain, nothing disabled.", ())
    assert meta.disabled == ()
    assert meta.sic == ((3, 8),)  # "wrote"
