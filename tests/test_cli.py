"""The command line, run for real in a subprocess: exit codes, errors, formats, selection."""

from __future__ import annotations

import json
from pathlib import Path

BAD = "Troops continue their anit-terrorist operations.\n\nThe the protests went on.\n"
CLEAN = "The council approved the budget on Tuesday.\n"


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def test_exit_codes(tmp_path, cli):
    bad = write(tmp_path, "bad.txt", BAD)
    clean = write(tmp_path, "clean.txt", CLEAN)
    assert cli("check", str(clean)).returncode == 0
    assert cli("check", str(bad)).returncode == 1
    assert cli("check", "--exit-zero", str(bad)).returncode == 0
    assert cli("check", str(tmp_path / "missing.txt")).returncode == 2
    assert cli("check", "--no-such-flag", str(clean)).returncode == 2
    assert cli("rule", "ZZ999").returncode == 2


def test_errors_are_one_line_without_traceback(tmp_path, cli):
    cases = {
        "missing": [str(tmp_path / "nope.md")],
        "binary": [str(write(tmp_path, "b.txt", b"\x00\x01\x02binary"))],
        "latin1": [str(write(tmp_path, "l.txt", "caf\xe9 au lait".encode("latin-1")))],
    }
    for name, args in cases.items():
        proc = cli("check", *args)
        err = proc.stderr.decode()
        assert proc.returncode == 2, name
        assert len(err.strip().splitlines()) == 1, (name, err)
        assert "Traceback" not in err
    assert "not valid UTF-8" in cli("check", *cases["latin1"]).stderr.decode()
    assert "binary" in cli("check", *cases["binary"]).stderr.decode()


def test_broken_config_exits_2_with_one_line(tmp_path, cli):
    write(tmp_path, "pyproject.toml", "[tool.lintnews]\nselect = [\n")
    art = write(tmp_path, "a.txt", CLEAN)
    proc = cli("check", str(art), cwd=tmp_path)
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "pyproject.toml" in err and "Traceback" not in err
    write(tmp_path, "pyproject.toml", '[tool.lintnews]\nselectt = ["MT"]\n')
    proc = cli("check", str(art), cwd=tmp_path)
    assert proc.returncode == 2 and "unknown setting 'selectt'" in proc.stderr.decode()


def test_broken_user_pack_reports_file_and_line(tmp_path, cli):
    write(
        tmp_path,
        "pyproject.toml",
        '[tool.lintnews]\nrule-dirs = ["house"]\n',
    )
    write(
        tmp_path,
        "house/style.yaml",
        "pack: house\nfamily: ST\nrules:\n  - code: ST901\n    name: x\n    type: existence\n"
        "    pattern: '(unclosed'\n    bad: [a]\n    good: [b]\n",
    )
    art = write(tmp_path, "a.txt", CLEAN)
    proc = cli("check", str(art), cwd=tmp_path)
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2
    assert "house/style.yaml:4:" in err or "house/style.yaml:7:" in err, err
    assert "bad regex" in err


def test_user_pack_loads_and_fires(tmp_path, cli):
    write(tmp_path, "lintnews.toml", 'rule-dirs = ["house"]\n')
    write(
        tmp_path,
        "house/style.yaml",
        "pack: house\nfamily: ST\nrules:\n  - code: ST901\n    name: no-utilize\n"
        "    type: substitution\n    phrase: ['utilize~']\n    suggest: ['use~']\n"
        "    fix: safe\n    bad: ['They utilized force.']\n    good: ['They used force.']\n",
    )
    art = write(tmp_path, "a.txt", "Police utilized tear gas.\n")
    proc = cli("check", "--output-format", "json", str(art), cwd=tmp_path)
    items = json.loads(proc.stdout)
    assert [i["code"] for i in items] == ["ST901"]
    assert items[0]["fix"]["edits"][0]["content"] == "used"
    proc = cli("fix", str(art), cwd=tmp_path)
    assert proc.returncode == 1  # a file changed
    assert art.read_text() == "Police used tear gas.\n"
    assert cli("fix", str(art), cwd=tmp_path).returncode == 0  # nothing left to do


def test_json_shape(tmp_path, cli):
    bad = write(tmp_path, "bad.txt", BAD)
    proc = cli("check", "--output-format", "json", str(bad))
    items = json.loads(proc.stdout)
    assert proc.returncode == 1
    keys = {"code", "name", "severity", "message", "filename", "location", "end_location"}
    keys |= {"fix", "url"}
    for item in items:
        assert keys <= set(item)
        assert item["severity"] in ("error", "warning", "info")
        assert set(item["location"]) == {"row", "column"}
    typo = next(i for i in items if i["code"] == "TY101")
    assert typo["location"] == {"row": 1, "column": 23}
    assert typo["end_location"] == {"row": 1, "column": 28}
    assert typo["fix"]["applicability"] == "safe"
    assert typo["fix"]["edits"] == [
        {
            "content": "anti-",
            "location": {"row": 1, "column": 23},
            "end_location": {"row": 1, "column": 28},
        }
    ]


def test_select_ignore_by_prefix(tmp_path, cli):
    bad = write(tmp_path, "bad.txt", BAD)

    def codes(*args):
        return {
            i["code"] for i in json.loads(cli("check", "--output-format", "json", *args).stdout)
        }

    assert codes(str(bad)) >= {"TY101", "GB001"}
    assert codes("--select", "TY", str(bad)) == {"TY101"}
    assert codes("--ignore", "TY1", str(bad)) == codes(str(bad)) - {"TY101"}
    assert codes("--select", "GB", "--extend-select", "TY101", str(bad)) == {"GB001", "TY101"}
    assert codes("--select", "TY", "--ignore", "TY101", str(bad)) == set()


def test_stdin_and_stdin_filename(tmp_path, cli):
    proc = cli(
        "check",
        "--output-format",
        "json",
        "--stdin-filename",
        "wire/a.txt",
        "-",
        stdin=BAD.encode(),
    )
    items = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert {i["filename"] for i in items} == {"wire/a.txt"}
    proc = cli("fix", "-", stdin=b"The the march began.\n")
    assert proc.stdout.decode() == "The march began.\n"


def test_folder_walk_honours_gitignore_and_suffixes(tmp_path, cli):
    write(tmp_path, ".gitignore", "drafts/\n")
    (tmp_path / ".git").mkdir()
    write(tmp_path, "a.md", BAD)
    write(tmp_path, "drafts/b.md", BAD)
    write(tmp_path, "notes.rst", BAD)
    write(tmp_path, "sub/c.markdown", BAD)
    proc = cli("check", "--output-format", "json", ".", cwd=tmp_path)
    files = {Path(i["filename"]).as_posix() for i in json.loads(proc.stdout)}
    assert files == {"a.md", "sub/c.markdown"}
    write(tmp_path, "lintnews.toml", 'exclude = ["sub"]\n')
    proc = cli("check", "--output-format", "json", ".", cwd=tmp_path)
    files = {Path(i["filename"]).as_posix() for i in json.loads(proc.stdout)}
    assert files == {"a.md"}


def test_rule_and_rules(cli):
    proc = cli("rule", "TY101")
    out = proc.stdout.decode()
    assert proc.returncode == 0 and "TY101 (anti-prefix-transposed)" in out
    assert "## Example" in out
    proc = cli("rules", "--output-format", "json")
    rules = json.loads(proc.stdout)
    codes = [r["code"] for r in rules]
    assert len(codes) == len(set(codes)) and "GB001" in codes


def test_statistics_and_formats(tmp_path, cli):
    bad = write(tmp_path, "bad.txt", BAD)
    out = cli("check", "--statistics", str(bad)).stdout.decode()
    assert "TY101" in out and "GB001" in out
    gh = cli("check", "--output-format", "github", str(bad)).stdout.decode()
    assert gh.startswith("::error file=") or gh.startswith("::warning file=")
    assert ",line=1,col=23,endLine=1,endColumn=28,title=TY101 anti-prefix-transposed::" in gh
    concise = cli("check", "--output-format", "concise", str(bad)).stdout.decode()
    assert f"{bad}:1:23: TY101 [*]" in concise
    text = cli("check", str(bad)).stdout.decode()
    assert "^^^^^" in text and "Found 2 problems" in text


def test_seeds_score_and_exit_1(seeds, cli):
    proc = cli("check", "--output-format", "json", str(seeds))
    assert proc.returncode == 1
    items = json.loads(proc.stdout)
    assert any(i["code"] == "TY101" for i in items)


def test_clean_sample_exits_0(cli):
    root = Path(__file__).resolve().parent.parent
    proc = cli("check", str(root / "samples" / "clean.md"))
    assert proc.returncode == 0, proc.stdout.decode()


def test_the_fast_exit_flushes_everything_first(tmp_path):
    # `lintnews` ends with os._exit (no interpreter teardown): output bigger than a pipe's
    # buffer still arrives whole, the exit status is main()'s, and a reader that stops
    # early gets no traceback
    import os
    import subprocess
    import sys

    for i in range(60):
        write(tmp_path, f"w{i:02}.txt", BAD * 20)
    cmd = [sys.executable, "-m", "lintnews", "check", "--no-cache", "--output-format", "json"]
    # buffered output, as in a shell (this sandbox sets PYTHONUNBUFFERED)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["NO_COLOR"] = "1"
    small = subprocess.run(
        [*cmd[:-1], "concise", str(write(tmp_path / "one", "one.txt", BAD))],
        capture_output=True,
        env=env,
    )
    assert small.returncode == 1
    assert small.stdout.endswith(b"Found 2 problems (2 fixable with `lintnews fix`).\n")
    proc = subprocess.run([*cmd, str(tmp_path)], capture_output=True, env=env, timeout=300)
    assert proc.returncode == 1, proc.stderr.decode()
    assert len(proc.stdout) > 200_000
    items = json.loads(proc.stdout)
    assert len({i["filename"] for i in items}) == 61  # and one/one.txt
    assert proc.stderr == b""

    head = subprocess.Popen(
        [*cmd, str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert head.stdout is not None and head.stderr is not None
    head.stdout.read(100)
    head.stdout.close()  # like `| head -c 100`
    err = head.stderr.read()
    assert head.wait(timeout=300) == 1
    assert b"Traceback" not in err and b"Exception" not in err, err


def test_main_returns_instead_of_exiting(tmp_path, capsys):
    # the library entry point stays an ordinary function (only the command exits)
    from lintnews.cli import main

    assert main(["check", "--no-cache", str(write(tmp_path, "c.txt", CLEAN))]) == 0
    assert main(["check", "--no-cache", str(write(tmp_path, "b.txt", BAD))]) == 1
    assert "anit-terrorist" in capsys.readouterr().out
