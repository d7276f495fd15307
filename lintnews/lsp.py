"""`lintnews server`: a Language Server Protocol server over stdio, built on pygls.

A thin adapter: the engine lints, this module moves findings and fixes between it and the
editor.

* Diagnostics on open and save, and on change after a short pause (``--debounce``). Each
  diagnostic is :func:`lintnews.formatters.lsp_diagnostic`: the fix rides along in ``data``.
* Code actions: a quick fix per safe or unsafe fix, "Disable CODE for this line" (a
  ``<!-- lintnews: disable-next-line CODE -->`` line above it in Markdown, text and HTML, a
  ``# lintnews: ignore[CODE]`` comment in Python) and ``source.fixAll.lintnews`` ("fix all
  safe problems", what ``lintnews fix`` would do to the document).
* Configuration: each document's settings are found as on the command line (the nearest
  ``pyproject.toml`` with ``[tool.lintnews]``, ``lintnews.toml`` or ``.lintnews.toml``); saving
  one of those files, or a watched-files notification about one, re-reads them.
* Positions use the encoding negotiated in ``initialize`` (``general.positionEncodings``):
  UTF-16 by default, UTF-8 or UTF-32 when the client prefers them.
* Consistency across articles: the corpus rules run over the open documents together (and
  the persisted name index of the repository, which the rules read themselves).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.lsp.server import LanguageServer

from lintnews import __version__
from lintnews.config import CONFIG_NAMES, SettingsResolver, find_config
from lintnews.diagnostic import Diagnostic, Edit
from lintnews.engine import FileResult, corpus_pass, fix_source, lint_source
from lintnews.errors import LintnewsError
from lintnews.formatters import lsp_diagnostic
from lintnews.source import LineIndex

log = logging.getLogger("lintnews.lsp")

FIX_ALL_KIND = "source.fixAll.lintnews"
LANGUAGE_SUFFIX = {
    "markdown": ".md",
    "plaintext": ".txt",
    "text": ".txt",
    "python": ".py",
    "html": ".html",
}
LINTED_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text", ".py", ".html", ".htm")
_converter = get_converter()


@dataclass
class Linted:
    """The last lint of one open document: the text it saw and the per-document result."""

    version: int | None
    text: str
    result: FileResult


class LintnewsServer(LanguageServer):
    def __init__(self, debounce: float = 0.3) -> None:
        super().__init__("lintnews", __version__)
        self.debounce = debounce
        self.resolver = SettingsResolver()
        self.linted: dict[str, Linted] = {}  # uri -> per-document result
        self.merged: dict[str, FileResult] = {}  # uri -> result with corpus findings
        self.published: dict[str, list[Any]] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.fixed: dict[str, tuple[str, str]] = {}  # uri -> (text, text with safe fixes)
        # One worker: lint runs off the event loop, one document at a time.
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lintnews")

    # -- helpers ----------------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        enc = self.workspace.position_encoding or "utf-16"
        return str(getattr(enc, "value", enc))

    def path_for(self, uri: str) -> str | None:
        """The file path lintnews uses for a document (its suffix picks the parser)."""
        doc = self.workspace.get_text_document(uri)
        if doc.path and uri.startswith("file:"):
            path = doc.path
            if path.lower().endswith(LINTED_SUFFIXES):
                return path
            suffix = LANGUAGE_SUFFIX.get(doc.language_id or "")
            return path + suffix if suffix else None
        suffix = LANGUAGE_SUFFIX.get(doc.language_id or "")
        if suffix is None:
            return None
        root = self.workspace.root_path or os.getcwd()
        return os.path.join(root, "untitled" + suffix)

    def reset_configuration(self) -> None:
        find_config.cache_clear()
        self.resolver = SettingsResolver()

    # -- linting ----------------------------------------------------------------------------
    def _lint_sync(self, path: str, text: str) -> FileResult:
        return lint_source(path, text, "utf-8", self.resolver.for_path(path))

    async def lint(self, uri: str) -> None:
        """Lint one document, then the corpus rules over all open ones, and publish."""
        self.pending.pop(uri, None)
        if uri not in self.workspace.text_documents:
            return
        doc = self.workspace.get_text_document(uri)
        path = self.path_for(uri)
        if path is None:
            return
        text, version = doc.source, doc.version
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self.executor, self._lint_sync, path, text)
        except LintnewsError as exc:  # a broken configuration file, a bad rule pack
            self.window_show_message(
                types.ShowMessageParams(types.MessageType.Error, f"lintnews: {exc}")
            )
            return
        if uri not in self.workspace.text_documents:
            return
        self.linted[uri] = Linted(version, text, result)
        await self.publish_all()

    async def ensure_current(self, uri: str) -> Linted | None:
        """The document's lint, re-run first if the text changed since (code actions)."""
        doc = self.workspace.get_text_document(uri)
        linted = self.linted.get(uri)
        if linted is None or linted.text != doc.source:
            task = self.pending.pop(uri, None)
            if task is not None:
                task.cancel()
            await self.lint(uri)
            linted = self.linted.get(uri)
        return linted

    def schedule(self, uri: str) -> None:
        """Lint after a pause; a newer change restarts the pause."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()

        async def later() -> None:
            await asyncio.sleep(self.debounce)
            await self.lint(uri)

        self.pending[uri] = asyncio.ensure_future(later())

    async def publish_all(self) -> None:
        """Add the corpus findings over the open documents and publish what changed."""
        loop = asyncio.get_running_loop()
        merged = await loop.run_in_executor(self.executor, self._corpus)
        self.merged = merged
        enc = self.encoding
        for uri, res in merged.items():
            diags = [lsp_diagnostic(res, d, enc) for d in res.diagnostics]
            if self.published.get(uri) == diags:
                continue
            self.published[uri] = diags
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri,
                    diagnostics=[_converter.structure(d, types.Diagnostic) for d in diags],
                    version=self.linted[uri].version,
                )
            )

    def _corpus(self) -> dict[str, FileResult]:
        copies = {
            uri: replace(lt.result, diagnostics=list(lt.result.diagnostics))
            for uri, lt in self.linted.items()
        }
        if copies:
            root = self.workspace.root_path or os.getcwd()
            try:
                corpus_pass(list(copies.values()), self.resolver.for_path(os.path.join(root, "x")))
            except LintnewsError as exc:
                log.warning("consistency pass failed: %s", exc)
        return copies

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.linted.pop(uri, None)
        self.merged.pop(uri, None)
        self.fixed.pop(uri, None)
        if self.published.pop(uri, None):
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    # -- code actions -----------------------------------------------------------------------
    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        if await self.ensure_current(uri) is None:
            return []
        res = self.merged.get(uri) or self.linted[uri].result
        lines = LineIndex(res.text)
        enc = self.encoding
        rng = params.range
        start = lines.from_lsp(rng.start.line, rng.start.character, enc)
        end = lines.from_lsp(rng.end.line, rng.end.character, enc)
        only = params.context.only
        out: list[types.CodeAction] = []
        for d in res.diagnostics:
            if not (d.start <= end and start <= max(d.end, d.start)):
                continue
            lsp_diag = _converter.structure(lsp_diagnostic(res, d, enc), types.Diagnostic)
            if d.fix is not None and d.fix.applicability in ("safe", "unsafe") and d.fix.edits:
                title = d.fix.message or f"Fix {d.code}"
                if d.fix.applicability == "unsafe":
                    title += " (unsafe)"
                out.append(
                    types.CodeAction(
                        title=f"{title} ({d.code})",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[lsp_diag],
                        is_preferred=d.fix.applicability == "safe",
                        edit=self._workspace_edit(uri, res.text, list(d.fix.edits)),
                    )
                )
            edit = disable_edit(res.path, res.text, d)
            if edit is not None:
                out.append(
                    types.CodeAction(
                        title=f"Disable {d.code} for this line",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[lsp_diag],
                        edit=self._workspace_edit(uri, res.text, [edit]),
                    )
                )
        # "Fix all" runs the fix loop: only when asked for, or next to a fixable finding.
        if (only and _kind_wanted(FIX_ALL_KIND, only)) or any(a.is_preferred for a in out):
            fix_all = await self._fix_all(uri, res)
            if fix_all is not None:
                out.append(fix_all)
        if only:
            out = [a for a in out if _kind_wanted(a.kind, only)]
        return out

    async def _fix_all(self, uri: str, res: FileResult) -> types.CodeAction | None:
        if not any(d.fix and d.fix.applicability == "safe" for d in res.diagnostics):
            return None
        cached = self.fixed.get(uri)
        if cached is not None and cached[0] == res.text:
            new = cached[1]
        else:
            settings = self.resolver.for_path(res.path)
            corpus = [d for d in res.diagnostics if d.code.startswith("CN")]
            loop = asyncio.get_running_loop()
            new, _ = await loop.run_in_executor(
                self.executor, fix_source, res.path, res.text, settings, False, corpus
            )
            self.fixed[uri] = (res.text, new)
        if new == res.text:
            return None
        return types.CodeAction(
            title="Fix all safe lintnews problems",
            kind=FIX_ALL_KIND,
            edit=self._workspace_edit(uri, res.text, [whole_edit(res.text, new)]),
        )

    def _workspace_edit(self, uri: str, text: str, edits: list[Edit]) -> types.WorkspaceEdit:
        lines = LineIndex(text)
        enc = self.encoding
        out = []
        for e in sorted(edits, key=lambda e: e.start):
            a = lines.lsp_position(e.start, enc)
            b = lines.lsp_position(e.end, enc)
            out.append(
                types.TextEdit(
                    range=types.Range(types.Position(*a), types.Position(*b)),
                    new_text=e.content,
                )
            )
        return types.WorkspaceEdit(changes={uri: out})


def _kind_wanted(kind: str | None, only: Sequence[str]) -> bool:
    """LSP code action kinds are hierarchical: "source" asks for "source.fixAll.lintnews"."""
    k = str(kind or "")
    return any(k == str(w) or k.startswith(f"{w}.") for w in only)


def whole_edit(old: str, new: str) -> Edit:
    """One edit that turns old into new, trimmed to the part that differs."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return Edit(start, end_old, new[start:end_new])


def disable_edit(path: str, text: str, d: Diagnostic) -> Edit | None:
    """The edit that silences a finding's rule on its line, in the file format's own syntax;
    None where there is none (YAML front matter)."""
    from lintnews.document import _FRONT_MATTER_RE, kind_for

    kind = kind_for(path)
    if kind == "python":
        from lintnews.filetypes.pysource import ignore_comment_edit

        return ignore_comment_edit(text, d.start, d.code)
    if kind == "markdown":
        fm = _FRONT_MATTER_RE.match(text)
        if fm and d.start < fm.end():
            return None
    lines = LineIndex(text)
    row0 = lines.row0(d.start)
    start = lines.line_start(row0)
    line = lines.line_text(row0 + 1)
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    newline = "\r\n" if text[start + len(line) : start + len(line) + 2] == "\r\n" else "\n"
    return Edit(start, start, f"{indent}<!-- lintnews: disable-next-line {d.code} -->{newline}")


def build_server(debounce: float = 0.3) -> LintnewsServer:
    server = LintnewsServer(debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: LintnewsServer, params: types.DidOpenTextDocumentParams) -> None:
        await ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LintnewsServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    async def did_save(ls: LintnewsServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if os.path.basename(uri) in CONFIG_NAMES:
            ls.reset_configuration()
            for other in list(ls.linted):
                await ls.lint(other)
            return
        await ls.lint(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: LintnewsServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)
        if ls.linted:
            await ls.publish_all()  # the corpus findings of the others may change

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: LintnewsServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(os.path.basename(c.uri) in CONFIG_NAMES for c in params.changes):
            ls.reset_configuration()
            for uri in list(ls.linted):
                await ls.lint(uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    async def code_action(
        ls: LintnewsServer, params: types.CodeActionParams
    ) -> list[types.CodeAction]:
        return await ls.code_actions(params)

    return server


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="lintnews server",
        description="Run the lintnews language server (LSP) on standard input and output.",
    )
    parser.add_argument("--stdio", action="store_true", help="talk over stdio (the default)")
    parser.add_argument(
        "--debounce",
        type=float,
        default=0.3,
        help="seconds to wait after an edit before linting (default 0.3)",
    )
    parser.add_argument("--log-file", help="write the server's log here")
    args = parser.parse_args(argv)
    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
    server = build_server(max(0.0, args.debounce))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the protocol may reach the real stdout
    server.start_io(stdin, stdout)
    return 0
