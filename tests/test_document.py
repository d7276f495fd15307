"""The document model: blocks, masking, sentences, quotations, suppressions, [sic]."""

from __future__ import annotations

from lintnews.config import Settings
from lintnews.document import parse
from lintnews.engine import lint_text
from lintnews.source import LineIndex

MD = """---
title: A story
source_lang: es
---

# The the heading

Paragraph with `the the` code and a [link](http://example.com/the the) here.

```
the the inside a fence
```

> Quoted the the block.

- item with anit-war text
"""


def test_markdown_blocks_and_masking():
    doc = parse("a.md", MD)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["front_matter", "heading", "paragraph", "code", "blockquote", "list_item"]
    assert len(doc.view) == len(doc.text)
    assert "`the the`" not in doc.view and "http" not in doc.view and "title:" not in doc.view
    assert doc.front_matter["source_lang"] == "es"
    for b in doc.blocks:
        assert 0 <= b.start <= b.end <= len(doc.text)


def test_markdown_code_and_urls_are_never_linted():
    diags = lint_text(MD, "a.md", Settings(select=("GB001", "TY")))
    lines = LineIndex(MD)
    found = sorted((d.code, lines.row_col(d.start)[0]) for d in diags)
    assert found == [("GB001", 6), ("GB001", 14), ("TY101", 16)]


def test_plain_text_headings_and_sentences():
    text = "Twelve policemen killed\n\nPolice said 12 died. The U.S. State Department said so.\n"
    doc = parse("a.txt", text)
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]
    sents = [doc.view[s.start : s.end] for s in doc.sentences]
    assert sents == [
        "Twelve policemen killed",
        "Police said 12 died.",
        "The U.S. State Department said so.",
    ]


def test_sentence_spans_hard_wrapped_line():
    text = "It was cited by the\nInterfax agency. Then more.\n"
    doc = parse("a.txt", text)
    assert [doc.view[s.start : s.end] for s in doc.sentences] == [
        "It was cited by the\nInterfax agency.",
        "Then more.",
    ]


def test_quotations():
    text = 'He said “the army left” and "police stayed" and «nobody».\n'
    doc = parse("a.txt", text)
    quoted = [doc.view[s:e] for s, e in doc.quotes]
    assert quoted == ["“the army left”", '"police stayed"', "«nobody»"]
    assert doc.in_quote(text.index("army"), text.index("army") + 4)
    assert not doc.in_quote(0, 2)


def test_disable_directives():
    s = Settings(select=("GB001",))
    text = (
        "The the one.\n<!-- lintnews: disable-next-line GB001 -->\nThe the two.\n"
        "<!-- lintnews: disable -->\nThe the three.\n<!-- lintnews: enable -->\n"
        "The the four. <!-- lintnews: disable-line -->\nThe the five.\n"
        "[lintnews: disable-next-line GB]\nThe the six.\n"
    )
    diags = lint_text(text, "a.txt", s)
    rows = [LineIndex(text).row_col(d.start)[0] for d in diags]
    assert rows == [1, 8]


def test_disable_other_code_keeps_finding():
    text = "<!-- lintnews: disable-next-line TY -->\nThe the vote.\n"
    assert [d.code for d in lint_text(text, "a.md", Settings(select=("GB001",)))] == ["GB001"]


def test_sic_silences_the_preceding_word():
    s = Settings(select=("TY",))
    assert lint_text('They called it "anit-war" [sic].', "a.txt", s) == []
    assert len(lint_text("They called it anit-war and more.", "a.txt", s)) == 1


def test_per_file_ignores_and_severity(tmp_path):
    s = Settings(
        root=str(tmp_path),
        select=("GB001", "TY"),
        per_file_ignores=(("wires/**", ("GB",)),),
        severity=(("TY1", "info"),),
    )
    text = "The the anit-war vote.\n"
    a = lint_text(text, str(tmp_path / "wires" / "x.txt"), s)
    b = lint_text(text, str(tmp_path / "desk" / "x.txt"), s)
    assert [d.code for d in a] == ["TY101"]
    assert sorted(d.code for d in b) == ["GB001", "TY101"]
    assert next(d for d in b if d.code == "TY101").severity == "info"


def test_front_matter_settings_apply():
    text = "---\nlintnews:\n  ignore: [GB001]\n---\n\nThe the vote.\n"
    assert lint_text(text, "a.md", Settings(select=("GB001",))) == []
