"""`lintnews server` end to end: a real LSP client (pygls) talks to the server process over
stdio. Positions are checked in the negotiated encoding (UTF-16 with an emoji before the
finding, UTF-8 when the client asks for it); code actions are applied to the text the way an
editor would and the result compared with the expected article."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient

ARTICLE = "# 😀 Troops on the move\n\nThe 😀 troops continue their anit-terrorist push.\n"
WAIT = 60.0  # seconds for the first diagnostics (the server imports the rule packs)


class Client:
    """A pygls client with the diagnostics the server published, per document URI."""

    def __init__(self) -> None:
        self.lc = LanguageClient("lintnews-tests", "1")
        self.diagnostics: dict[str, list[types.Diagnostic]] = {}
        self.versions: dict[str, int | None] = {}
        self.changed = asyncio.Event()
        self.messages: list[str] = []
        self.result: types.InitializeResult | None = None

        @self.lc.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            self.diagnostics[params.uri] = list(params.diagnostics)
            self.versions[params.uri] = params.version
            self.changed.set()

        @self.lc.feature(types.WINDOW_SHOW_MESSAGE)
        def show(params: types.ShowMessageParams) -> None:
            self.messages.append(params.message)

    async def wait_for(self, uri: str, predicate, timeout: float = WAIT) -> list[types.Diagnostic]:
        """Wait until the document's published diagnostics satisfy predicate."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            diags = self.diagnostics.get(uri)
            if diags is not None and predicate(diags):
                return diags
            left = deadline - loop.time()
            if left <= 0:
                raise AssertionError(f"no matching diagnostics for {uri}: {diags}")
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)

    def open(self, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
        self.lc.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
            )
        )

    def replace_all(self, uri: str, text: str, version: int) -> None:
        self.lc.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    async def actions(
        self, uri: str, rng: types.Range, only: list[str] | None = None
    ) -> list[types.CodeAction]:
        result = await self.lc.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=rng,
                context=types.CodeActionContext(
                    diagnostics=self.diagnostics.get(uri, []), only=only
                ),
            )
        )
        return [a for a in result or [] if isinstance(a, types.CodeAction)]


@contextlib.asynccontextmanager
async def server(
    root: Path, encodings: list[str] | None = None, debounce: str = "0.1"
) -> AsyncIterator[Client]:
    client = Client()
    await client.lc.start_io(
        sys.executable, "-m", "lintnews", "server", "--debounce", debounce, cwd=str(root)
    )
    try:
        general = types.GeneralClientCapabilities(position_encodings=encodings)
        client.result = await client.lc.initialize_async(
            types.InitializeParams(
                process_id=None,
                root_uri=root.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="newsroom")],
                capabilities=types.ClientCapabilities(
                    general=general,
                    text_document=types.TextDocumentClientCapabilities(
                        code_action=types.CodeActionClientCapabilities(
                            code_action_literal_support=types.ClientCodeActionLiteralOptions(
                                code_action_kind=types.ClientCodeActionKindOptions(
                                    value_set=[
                                        types.CodeActionKind.QuickFix,
                                        types.CodeActionKind.SourceFixAll,
                                    ]
                                )
                            )
                        )
                    ),
                ),
            )
        )
        client.lc.initialized(types.InitializedParams())
        yield client
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(client.lc.shutdown_async(None), 30)
            client.lc.exit(None)
        await asyncio.wait_for(client.lc.stop(), 30)


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    """Apply LSP text edits as an editor does (positions in the given encoding)."""

    def offset(pos: types.Position) -> int:
        lines = text.split("\n")
        start = sum(len(line) + 1 for line in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return start + i
            units += len(ch.encode("utf-16-le" if encoding == "utf-16" else encoding)) // (
                2 if encoding == "utf-16" else 1
            )
        return start + len(line)

    spans = sorted((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits)
    for s, e, new in reversed(spans):
        text = text[:s] + new + text[e:]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[uri])


def _config(root: Path, body: str = 'select = ["TY101", "GB001", "CN001"]\n') -> None:
    (root / "lintnews.toml").write_text(body, encoding="utf-8")


def test_diagnostics_quick_fix_fix_all_and_changes(tmp_path: Path) -> None:
    _config(tmp_path, 'select = ["TY101", "GB001"]\nignore = ["GB001"]\ncache-dir = ""\n')
    path = tmp_path / "story.md"
    path.write_text(ARTICLE, encoding="utf-8")
    uri = path.as_uri()

    async def scenario() -> None:
        async with server(tmp_path, ["utf-16"]) as c:
            assert c.result is not None
            assert c.result.capabilities.position_encoding == types.PositionEncodingKind.Utf16
            c.open(uri, ARTICLE)
            (d,) = await c.wait_for(uri, lambda ds: len(ds) > 0)
            # "The 😀 troops continue their " is 29 UTF-16 units (the emoji takes two)
            assert d.code == "TY101" and d.source == "lintnews"
            assert (d.range.start.line, d.range.start.character) == (2, 29)
            assert (d.range.end.line, d.range.end.character) == (2, 34)
            assert d.severity == types.DiagnosticSeverity.Error
            assert d.data["fix"]["applicability"] == "safe"

            actions = await c.actions(uri, d.range)
            quick = [
                a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.is_preferred
            ]
            assert len(quick) == 1 and "anti-" in quick[0].title
            fixed = apply_edits(ARTICLE, edits_of(quick[0], uri))
            assert fixed == ARTICLE.replace("anit-", "anti-")
            disable = [a for a in actions if a.title == "Disable TY101 for this line"]
            assert len(disable) == 1
            silenced = apply_edits(ARTICLE, edits_of(disable[0], uri))
            assert "\n<!-- lintnews: disable-next-line TY101 -->\nThe 😀 troops" in silenced

            fix_all = await c.actions(uri, d.range, only=[types.CodeActionKind.SourceFixAll])
            assert [a.kind for a in fix_all] == ["source.fixAll.lintnews"]
            assert apply_edits(ARTICLE, edits_of(fix_all[0], uri)) == fixed

            # the editor applies the quick fix: the diagnostics go away
            c.replace_all(uri, fixed, 2)
            await c.wait_for(uri, lambda ds: ds == [])
            assert c.versions[uri] == 2
            # an edit brings a typo back (the configuration still ignores GB001)
            worse = fixed + "\nThe the anit-war rally went on.\n"
            c.replace_all(uri, worse, 3)
            (d2,) = await c.wait_for(uri, lambda ds: len(ds) == 1)
            assert (d2.code, d2.range.start.line, d2.range.start.character) == ("TY101", 4, 8)
            # the disable action, applied, silences it
            (dis,) = [
                a for a in await c.actions(uri, d2.range) if a.title.startswith("Disable TY101")
            ]
            c.replace_all(uri, apply_edits(worse, edits_of(dis, uri)), 4)
            await c.wait_for(uri, lambda ds: ds == [])

    asyncio.run(scenario())


def test_utf8_position_encoding_and_python(tmp_path: Path) -> None:
    _config(tmp_path, 'select = ["TY101"]\ncache-dir = ""\n')
    md = tmp_path / "story.md"
    py = tmp_path / "alerts.py"
    src = 'ALERT = "😀 Troops continue their \\"anit-terrorist\\" push."\n'
    md.write_text(ARTICLE, encoding="utf-8")
    py.write_text(src, encoding="utf-8")

    async def scenario() -> None:
        async with server(tmp_path, ["utf-8", "utf-16"]) as c:
            assert c.result is not None
            assert c.result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
            c.open(md.as_uri(), ARTICLE)
            (d,) = await c.wait_for(md.as_uri(), lambda ds: len(ds) > 0)
            # in UTF-8 the emoji is four bytes
            assert (d.range.start.line, d.range.start.character) == (2, 31)
            c.open(py.as_uri(), src, language="python")
            (p,) = await c.wait_for(py.as_uri(), lambda ds: len(ds) > 0)
            # 'ALERT = "' 9 bytes, the emoji 4, ' Troops continue their ' 23, '\\"' 2
            assert (p.range.start.line, p.range.start.character) == (0, 38)
            actions = await c.actions(py.as_uri(), p.range)
            (quick,) = [a for a in actions if a.is_preferred]
            out = apply_edits(src, edits_of(quick, py.as_uri()), "utf-8")
            assert out == src.replace("anit-", "anti-")
            (dis,) = [a for a in actions if a.title == "Disable TY101 for this line"]
            out = apply_edits(src, edits_of(dis, py.as_uri()), "utf-8")
            assert out == src.rstrip("\n") + "  # lintnews: ignore[TY101]\n"

    asyncio.run(scenario())


def test_workspace_consistency_and_configuration(tmp_path: Path) -> None:
    _config(tmp_path, 'select = ["CN001"]\ncache-dir = ""\n')
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    text_a = "President Kassym-Jomart Tokayev spoke on Monday. Tokayev said order was restored.\n"
    text_b = "Critics said Tokaev had waited too long.\n"
    a.write_text(text_a, encoding="utf-8")
    b.write_text(text_b, encoding="utf-8")

    async def scenario() -> None:
        async with server(tmp_path) as c:
            c.open(a.as_uri(), text_a, language="plaintext")
            await c.wait_for(a.as_uri(), lambda ds: ds == [])
            c.open(b.as_uri(), text_b, language="plaintext")
            (d,) = await c.wait_for(b.as_uri(), lambda ds: len(ds) == 1)
            assert d.code == "CN001" and "Tokayev" in d.message
            assert (d.range.start.line, d.range.start.character) == (0, 13)
            # a new configuration file is read when it is saved
            _config(tmp_path, 'select = ["TY101"]\ncache-dir = ""\n')
            c.lc.text_document_did_save(
                types.DidSaveTextDocumentParams(
                    types.TextDocumentIdentifier((tmp_path / "lintnews.toml").as_uri())
                )
            )
            await c.wait_for(b.as_uri(), lambda ds: ds == [])

    asyncio.run(scenario())


def test_server_help_exits_cleanly(cli) -> None:
    proc = cli("server", "--help")
    assert proc.returncode == 0 and b"language server" in proc.stdout


@pytest.mark.parametrize("text", ["", "\n\n", "Just one clean sentence.\n"])
def test_clean_documents(tmp_path: Path, text: str) -> None:
    _config(tmp_path, 'cache-dir = ""\n')
    path = tmp_path / "clean.md"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()

    async def scenario() -> None:
        async with server(tmp_path) as c:
            c.open(uri, text)
            await c.wait_for(uri, lambda ds: ds == [])
            start = types.Position(0, 0)
            assert await c.actions(uri, types.Range(start, start)) == []

    asyncio.run(scenario())
