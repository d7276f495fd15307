"""Fixing: idempotence, CRLF and BOM, overlapping edits, --diff, atomic writes."""

from __future__ import annotations

import codecs

from lintnews.config import Settings
from lintnews.diagnostic import Edit, Fix
from lintnews.engine import apply_fixes, fix_source

SETTINGS = Settings(select=("TY", "GB001"))


def test_fix_twice_equals_fix_once():
    text = "The the troops began anit-terrorist operations.\n\nThey they left.\n"
    once, n = fix_source("a.txt", text, SETTINGS)
    assert n == 3
    assert once == "The troops began anti-terrorist operations.\n\nThey left.\n"
    twice, m = fix_source("a.txt", once, SETTINGS)
    assert twice == once and m == 0


def test_overlapping_fixes_are_skipped_then_converge():
    text = "abcdef"
    fixes = [
        Fix("safe", "x", (Edit(1, 4, "X"),)),
        Fix("safe", "y", (Edit(2, 5, "Y"),)),  # overlaps the first: skipped
        Fix("safe", "z", (Edit(5, 6, "Z"),)),
    ]
    out, n = apply_fixes(text, fixes)
    assert (out, n) == ("aXeZ", 2)


def test_fix_that_changes_nothing_is_not_counted():
    assert apply_fixes("abc", [Fix("safe", "same", (Edit(0, 1, "a"),))]) == ("abc", 0)


def test_multi_edit_fix_is_all_or_nothing():
    fixes = [
        Fix("safe", "a", (Edit(0, 1, "A"),)),
        Fix("safe", "b", (Edit(0, 1, "B"), Edit(3, 4, "D"))),
    ]
    assert apply_fixes("abcd", fixes) == ("Abcd", 1)


def test_cli_fix_keeps_crlf_and_bom(tmp_path, cli):
    p = tmp_path / "a.txt"
    body = "The the troops left.\r\n\r\nThey began anit-terrorist raids.\r\n"
    p.write_bytes(codecs.BOM_UTF8 + body.encode("utf-8"))
    proc = cli("fix", str(p))
    assert proc.returncode == 1
    data = p.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert data[3:].decode() == "The troops left.\r\n\r\nThey began anti-terrorist raids.\r\n"
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_cli_fix_keeps_utf16(tmp_path, cli):
    p = tmp_path / "a.txt"
    p.write_bytes("The the vote.\n".encode("utf-16"))
    assert cli("fix", str(p)).returncode == 1
    assert p.read_bytes().decode("utf-16") == "The vote.\n"
    assert p.read_bytes()[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def test_diff_writes_nothing(tmp_path, cli):
    p = tmp_path / "a.txt"
    p.write_text("The the vote.\n")
    before = p.stat().st_mtime_ns
    proc = cli("fix", "--diff", str(p))
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert "-The the vote." in out and "+The vote." in out
    assert p.read_text() == "The the vote.\n" and p.stat().st_mtime_ns == before


def test_unsafe_fixes_need_the_flag(tmp_path, cli):
    p = tmp_path / "a.txt"
    p.write_text("Police utilized force.\n")
    (tmp_path / "lintnews.toml").write_text('rule-dirs = ["house"]\n')
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "p.yaml").write_text(
        "pack: house\nfamily: ST\nrules:\n  - code: ST902\n    name: prefer-use\n"
        "    type: substitution\n    phrase: ['utilize~']\n    suggest: ['use~']\n"
        "    fix: unsafe\n    bad: ['They utilized force.']\n    good: ['They used force.']\n"
    )
    cli("fix", str(p), cwd=tmp_path)
    assert p.read_text() == "Police utilized force.\n"
    cli("fix", "--unsafe-fixes", str(p), cwd=tmp_path)
    assert p.read_text() == "Police used force.\n"


def test_fix_keeps_file_mode_and_leaves_no_temp_files(tmp_path, cli):
    p = tmp_path / "a.txt"
    p.write_text("The the vote.\n")
    p.chmod(0o640)
    cli("fix", str(p))
    assert p.stat().st_mode & 0o777 == 0o640
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt"]


def test_mt_fix_inside_quotation_is_display_only(tmp_path):
    from lintnews.engine import lint_text

    pack = tmp_path / "p.yaml"
    pack.write_text(
        "pack: t\nfamily: MT\nsource_lang: es\nrules:\n  - code: MTES999\n"
        "    name: test-curfew\n    type: substitution\n    source: toque de queda\n"
        "    phrase: ['nocturnal touch']\n    suggest: [curfew]\n    fix: safe\n"
        "    bad: ['a nocturnal touch']\n    good: ['a curfew']\n"
    )
    settings = Settings(rule_dirs=(str(tmp_path),), select=("MTES999",), source_lang="es")
    outside = lint_text("They imposed a nocturnal touch.", "a.txt", settings)
    inside = lint_text("He said “they imposed a nocturnal touch”.", "a.txt", settings)
    assert outside[0].fix.applicability == "safe"
    assert inside[0].fix.applicability == "display"
