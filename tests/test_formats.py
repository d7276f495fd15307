"""Output formats: SARIF against the official schema, LSP UTF-16 positions, JSON columns."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from lintnews.config import Settings
from lintnews.engine import get_registry, lint_source
from lintnews.formatters import fmt_json, fmt_lsp, fmt_sarif, render

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
SETTINGS = Settings(select=("TY", "GB"))


def result(text: str, path: str = "a.txt"):
    return lint_source(path, text, "utf-8", SETTINGS)


def test_sarif_validates_against_official_schema():
    res = result("The the troops began anit-terrorist raids.\n")
    doc = json.loads(fmt_sarif([res], get_registry()))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    run = doc["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "TY101" in ids and len(ids) == len(set(ids))
    res0 = next(r for r in run["results"] if r["ruleId"] == "TY101")
    assert run["tool"]["driver"]["rules"][res0["ruleIndex"]]["id"] == "TY101"
    region = res0["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 22, "endLine": 1, "endColumn": 27}
    assert res0["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "anti-"
    }


def test_lsp_uses_utf16_columns_with_emoji_and_combining_accent():
    # "😀" is one code point but two UTF-16 units; "é" here is e + U+0301 (two code points).
    text = "😀 Cafe\u0301 the the vote.\n"
    res = result(text)
    (item,) = json.loads(fmt_lsp([res], get_registry()))
    assert item["uri"].startswith("file://") and item["uri"].endswith("/a.txt")
    (d,) = [d for d in item["diagnostics"] if d["code"] == "GB001"]
    cp_start = text.index("the the")
    assert d["range"]["start"] == {"line": 0, "character": cp_start + 1}
    assert d["range"]["end"] == {"line": 0, "character": cp_start + 1 + len("the the")}
    assert d["severity"] == 2 and d["source"] == "lintnews"
    edit = d["data"]["fix"]["edits"][0]
    assert edit["newText"] == ""
    # JSON keeps code-point columns (1-based).
    (j,) = [x for x in json.loads(fmt_json([res], get_registry())) if x["code"] == "GB001"]
    assert j["location"] == {"row": 1, "column": cp_start + 1}


def test_lsp_positions_on_later_lines():
    text = "First line.\n\n𝒳 anit-war march.\n"
    res = result(text)
    (item,) = json.loads(fmt_lsp([res], get_registry()))
    (d,) = item["diagnostics"]
    assert d["range"]["start"] == {"line": 2, "character": 3}


def test_github_escapes_properties():
    res = result("The the vote, again.\n", path="dir/a,b:c.txt")
    out = render("github", [res], get_registry())
    assert "file=dir/a%2Cb%3Ac.txt" in out


def test_every_format_renders_empty_results():
    res = result("A clean sentence.\n")
    for fmt in ("text", "concise", "json", "json-lines", "lsp", "sarif", "github"):
        out = render(fmt, [res], get_registry())
        if fmt in ("json", "lsp"):
            json.loads(out)
