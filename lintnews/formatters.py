"""Output formats: pure functions from results to text, chosen from one table."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lintnews import __version__
from lintnews.diagnostic import Diagnostic
from lintnews.engine import FileResult
from lintnews.registry import Registry

DOCS_URL = "https://github.com/lintnews/lintnews/blob/main/docs/rules.md"
LSP_SEVERITY = {"error": 1, "warning": 2, "info": 3}
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _loc(res: FileResult, offset: int) -> dict[str, int]:
    row, col = res.lines.row_col(offset)
    return {"row": row, "column": col}


def diagnostic_json(res: FileResult, d: Diagnostic) -> dict[str, Any]:
    """One finding in the documented JSON shape (ruff-compatible)."""
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability,
            "message": d.fix.message,
            "edits": [
                {
                    "content": e.content,
                    "location": _loc(res, e.start),
                    "end_location": _loc(res, e.end),
                }
                for e in d.fix.edits
            ],
        }
    item: dict[str, Any] = {
        "code": d.code,
        "name": d.name,
        "severity": d.severity,
        "message": d.message,
        "filename": res.path,
        "location": _loc(res, d.start),
        "end_location": _loc(res, d.end),
        "fix": fix,
        "url": d.url,
    }
    if d.related:
        item["related"] = [
            {
                "filename": r.path,
                "location": {"row": r.row, "column": r.column},
                "end_location": {"row": r.end_row, "column": r.end_column},
                "message": r.message,
            }
            for r in d.related
        ]
    return item


def fmt_json(results: list[FileResult], registry: Registry | None, **_: Any) -> str:
    items = [diagnostic_json(r, d) for r in results for d in r.diagnostics]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def fmt_json_lines(results: list[FileResult], registry: Registry | None, **_: Any) -> str:
    return "".join(
        json.dumps(diagnostic_json(r, d), ensure_ascii=False) + "\n"
        for r in results
        for d in r.diagnostics
    )


def _uri(path: str) -> str:
    if path == "-":
        return "untitled:stdin"
    return Path(os.path.abspath(path)).as_uri()


def lsp_diagnostic(res: FileResult, d: Diagnostic, encoding: str = "utf-16") -> dict[str, Any]:
    sl, sc = res.lines.lsp_position(d.start, encoding)
    el, ec = res.lines.lsp_position(d.end, encoding)
    data: dict[str, Any] = {"name": d.name, "fix": None}
    if d.fix is not None:
        edits = []
        for e in d.fix.edits:
            a, b = (
                res.lines.lsp_position(e.start, encoding),
                res.lines.lsp_position(e.end, encoding),
            )
            edits.append(
                {
                    "range": {
                        "start": {"line": a[0], "character": a[1]},
                        "end": {"line": b[0], "character": b[1]},
                    },
                    "newText": e.content,
                }
            )
        data["fix"] = {
            "applicability": d.fix.applicability,
            "message": d.fix.message,
            "edits": edits,
        }
    out: dict[str, Any] = {
        "range": {
            "start": {"line": sl, "character": sc},
            "end": {"line": el, "character": ec},
        },
        "severity": LSP_SEVERITY[d.severity],
        "code": d.code,
        "source": "lintnews",
        "message": d.message,
        "data": data,
    }
    if d.url:
        out["codeDescription"] = {"href": d.url}
    return out


def fmt_lsp(results: list[FileResult], registry: Registry | None, **_: Any) -> str:
    items = [
        {"uri": _uri(r.path), "diagnostics": [lsp_diagnostic(r, d) for d in r.diagnostics]}
        for r in results
        if r.error is None
    ]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def _region(res: FileResult, start: int, end: int) -> dict[str, int]:
    sr, sc = res.lines.row_col(start)
    er, ec = res.lines.row_col(end)
    return {"startLine": sr, "startColumn": sc, "endLine": er, "endColumn": ec}


def fmt_sarif(results: list[FileResult], registry: Registry | None, **_: Any) -> str:
    if registry is None:
        raise ValueError("SARIF output lists the rules: a registry is needed")
    rules = list(registry)
    index = {r.code: i for i, r in enumerate(rules)}
    sarif_rules = []
    for r in rules:
        entry: dict[str, Any] = {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary or r.name},
            "fullDescription": {"text": (r.doc or r.summary or r.name).strip()},
            "defaultConfiguration": {"level": SARIF_LEVEL.get(r.severity, "warning")},
            "properties": {"family": r.family, "fixable": r.fixable},
        }
        if r.url:
            entry["helpUri"] = r.url
        sarif_rules.append(entry)
    out_results = []
    for res in results:
        uri = res.path if res.path != "-" else "stdin"
        for d in res.diagnostics:
            item: dict[str, Any] = {
                "ruleId": d.code,
                "level": SARIF_LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": _region(res, d.start, d.end),
                        }
                    }
                ],
            }
            if d.code in index:
                item["ruleIndex"] = index[d.code]
            if d.fix is not None and d.fix.edits:
                item["fixes"] = [
                    {
                        "description": {"text": d.fix.message},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": _region(res, e.start, e.end),
                                        "insertedContent": {"text": e.content},
                                    }
                                    for e in d.fix.edits
                                ],
                            }
                        ],
                    }
                ]
            if d.related:
                item["relatedLocations"] = [
                    {
                        "id": i,
                        "physicalLocation": {
                            "artifactLocation": {"uri": rel.path},
                            "region": {
                                "startLine": rel.row,
                                "startColumn": rel.column,
                                "endLine": rel.end_row,
                                "endColumn": rel.end_column,
                            },
                        },
                        "message": {"text": rel.message},
                    }
                    for i, rel in enumerate(d.related)
                ]
            out_results.append(item)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "lintnews",
                        "version": __version__,
                        "informationUri": "https://github.com/lintnews/lintnews",
                        "rules": sarif_rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": out_results,
            }
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def fmt_github(results: list[FileResult], registry: Registry | None, **_: Any) -> str:
    lines = []
    for res in results:
        for d in res.diagnostics:
            sr, sc = res.lines.row_col(d.start)
            er, ec = res.lines.row_col(d.end)
            props = (
                f"file={_gh_escape(res.path, True)},line={sr},col={sc},endLine={er},"
                f"endColumn={ec},title={_gh_escape(f'{d.code} {d.name}', True)}"
            )
            lines.append(f"::{GITHUB_LEVEL[d.severity]} {props}::{_gh_escape(d.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _color(enabled: bool) -> Callable[[str, str], str]:
    codes = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "blue": "34", "dim": "2"}

    def paint(s: str, c: str) -> str:
        return f"\x1b[{codes[c]}m{s}\x1b[0m" if enabled else s

    return paint


def _summary(results: list[FileResult]) -> str:
    n = sum(len(r.diagnostics) for r in results)
    fixable = sum(
        1 for r in results for d in r.diagnostics if d.fix and d.fix.applicability == "safe"
    )
    unsafe = sum(
        1 for r in results for d in r.diagnostics if d.fix and d.fix.applicability == "unsafe"
    )
    if n == 0:
        return "All checks passed!\n"
    s = f"Found {n} problem{'s' if n != 1 else ''}"
    if fixable:
        s += f" ({fixable} fixable with `lintnews fix`"
        s += f", {unsafe} more with `--unsafe-fixes`)" if unsafe else ")"
    elif unsafe:
        s += f" ({unsafe} fixable with `lintnews fix --unsafe-fixes`)"
    return s + ".\n"


def fmt_text(results: list[FileResult], registry: Registry | None, **opts: Any) -> str:
    paint = _color(bool(opts.get("color")))
    out = []
    for res in results:
        for d in res.diagnostics:
            row, col = res.lines.row_col(d.start)
            erow, ecol = res.lines.row_col(d.end)
            marker = " [*]" if d.fix and d.fix.applicability in ("safe", "unsafe") else ""
            head = (
                f"{paint(res.path, 'bold')}:{row}:{col}: "
                f"{paint(d.code, 'red' if d.severity == 'error' else 'yellow')}{marker} {d.message}"
            )
            out.append(head)
            line = res.lines.line_text(row).replace("\t", " ")
            width = (ecol - col) if erow == row else len(line) - col + 1
            gutter = f"{row:>4} | "
            out.append(paint(gutter, "blue") + line)
            out.append(" " * len(gutter) + " " * (col - 1) + paint("^" * max(1, width), "red"))
            if d.fix and d.fix.applicability in ("safe", "unsafe", "display") and d.fix.message:
                label = "fix" if d.fix.applicability == "safe" else f"{d.fix.applicability} fix"
                out.append(" " * len(gutter) + paint(f"= {label}: {d.fix.message}", "cyan"))
            out.append("")
    if not opts.get("quiet"):
        out.append(_summary(results).rstrip("\n"))
    return "\n".join(out) + "\n" if out else ""


def fmt_concise(results: list[FileResult], registry: Registry | None, **opts: Any) -> str:
    out = []
    for res in results:
        for d in res.diagnostics:
            row, col = res.lines.row_col(d.start)
            marker = " [*]" if d.fix and d.fix.applicability in ("safe", "unsafe") else ""
            out.append(f"{res.path}:{row}:{col}: {d.code}{marker} {d.message}")
    if not opts.get("quiet"):
        out.append(_summary(results).rstrip("\n"))
    return "\n".join(out) + "\n" if out else ""


def statistics(results: list[FileResult], as_json: bool = False) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    fixable: dict[str, bool] = {}
    for r in results:
        for d in r.diagnostics:
            counts[(d.code, d.name)] += 1
            fixable[d.code] = fixable.get(d.code, False) or bool(
                d.fix and d.fix.applicability in ("safe", "unsafe")
            )
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    if as_json:
        return (
            json.dumps(
                [{"code": c, "name": n, "count": k, "fixable": fixable[c]} for (c, n), k in rows],
                indent=2,
            )
            + "\n"
        )
    width = max((len(str(k)) for _, k in rows), default=1)
    return "".join(
        f"{k:>{width}}\t{c}\t{'[*] ' if fixable[c] else '    '}{n}\n" for (c, n), k in rows
    )


FORMATS: dict[str, Callable[..., str]] = {
    "text": fmt_text,
    "concise": fmt_concise,
    "json": fmt_json,
    "json-lines": fmt_json_lines,
    "lsp": fmt_lsp,
    "sarif": fmt_sarif,
    "github": fmt_github,
}


def render(fmt: str, results: list[FileResult], registry: Registry | None, **opts: Any) -> str:
    return FORMATS[fmt](results, registry, **opts)


def use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
