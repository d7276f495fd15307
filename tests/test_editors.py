"""The editor setups of docs/integrations.md, run in a real Neovim (headless) when `nvim` is
installed: the Lua blocks marked `<!-- tested: NAME -->` are taken from the document as they
are, so the documentation cannot drift from what works."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parent.parent / "docs" / "integrations.md"
ARTICLE = "# 😀 Troops\n\nThe 😀 troops continue their anit-terrorist push.\n"

pytestmark = pytest.mark.skipif(shutil.which("nvim") is None, reason="needs nvim (Neovim)")


def snippet(name: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    m = re.search(rf"<!-- tested: {re.escape(name)} -->\n```lua\n(.*?)```", text, re.S)
    assert m, f"no tested block {name!r} in {DOC}"
    return m.group(1)


def run_nvim(folder: Path, init: str, script: str) -> dict:
    (folder / "init.lua").write_text(init, encoding="utf-8")
    (folder / "check.lua").write_text(script, encoding="utf-8")
    # `lintnews` on PATH is this checkout's (the interpreter running the tests)
    bindir = folder / "bin"
    bindir.mkdir(exist_ok=True)
    exe = bindir / "lintnews"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m lintnews "$@"\n', encoding="utf-8")
    exe.chmod(0o755)
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    env["PYTHONPATH"] = str(DOC.parent.parent)
    env["XDG_STATE_HOME"] = env["XDG_DATA_HOME"] = str(folder / "xdg")
    subprocess.run(
        ["nvim", "--headless", "-n", "-i", "NONE", "-u", "init.lua", "-c", "luafile check.lua"],
        cwd=folder,
        env=env,
        capture_output=True,
        timeout=180,
    )
    out = folder / "out.json"
    assert out.exists(), "Neovim wrote no result"
    return json.loads(out.read_text(encoding="utf-8"))


WRITE_RESULT = """
local f = io.open("out.json", "w")
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd("qa!")
"""


def _newsroom(tmp_path: Path) -> Path:
    (tmp_path / "lintnews.toml").write_text('select = ["TY101"]\ncache-dir = ""\n', "utf-8")
    (tmp_path / "story.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_neovim_command_setup(tmp_path: Path) -> None:
    folder = _newsroom(tmp_path)
    script = (
        'vim.cmd("edit story.md")\n'
        "local d = vim.diagnostic.get(0)\n"
        "local result = {}\n"
        "for _, x in ipairs(d) do table.insert(result, "
        "{ x.code, x.lnum, x.col, x.end_lnum, x.end_col }) end\n" + WRITE_RESULT
    )
    got = run_nvim(folder, snippet("nvim-command"), script)
    # byte columns: "The 😀 troops continue their " is 31 bytes (the emoji takes four)
    assert got == [["TY101", 2, 31, 2, 36]]


def test_neovim_language_server_setup(tmp_path: Path) -> None:
    folder = _newsroom(tmp_path)
    script = (
        """
local result = {}
vim.cmd("edit story.md")
vim.wait(90000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local d = vim.diagnostic.get(0)[1] or {}
result.diagnostic = { d.code, d.lnum, d.col, d.end_col }
local params = {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  range = { start = { line = 2, character = 29 }, ["end"] = { line = 2, character = 34 } },
  context = { diagnostics = {} },
}
local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 30000)
result.titles = {}
for _, r in pairs(responses or {}) do
  for _, action in ipairs(r.result or {}) do
    table.insert(result.titles, action.title)
  end
end
-- the fix-on-save autocmd applies the safe fixes before the write
vim.cmd("write")
result.saved = vim.fn.readfile("story.md")[3]
vim.wait(10000, function() return #vim.diagnostic.get(0) == 0 end, 50)
result.left = #vim.diagnostic.get(0)
"""
        + WRITE_RESULT
    )
    init = snippet("nvim-server") + "\n" + snippet("nvim-fix-on-save")
    got = run_nvim(folder, init, script)
    # the server speaks UTF-16 with this client; Neovim shows byte columns
    assert got["diagnostic"] == ["TY101", 2, 31, 36]
    assert 'Replace with "anti-" (TY101)' in got["titles"]
    assert "Disable TY101 for this line" in got["titles"]
    assert "Fix all safe lintnews problems" in got["titles"]
    assert got["saved"] == "The 😀 troops continue their anti-terrorist push."
    assert got["left"] == 0
