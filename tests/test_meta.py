"""Meta-tests over the registry: unique codes and names, documentation, examples, packs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lintnews.engine import get_registry
from lintnews.errors import PackError
from lintnews.packs import builtin_rules_dir, load_pack, pack_files
from lintnews.registry import CODE_RE, NAME_RE, Registry, code_rules

REGISTRY = get_registry()


def test_codes_and_names_are_unique_and_well_formed():
    rules = list(REGISTRY)
    codes = [r.code for r in rules]
    names = [r.name for r in rules]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    for r in rules:
        assert CODE_RE.match(r.code), r.code
        assert NAME_RE.match(r.name), r.name
        assert r.severity in ("error", "warning", "info")


def test_every_rule_is_documented_with_examples():
    for r in REGISTRY:
        assert r.summary.strip(), r.code
        assert r.bad and r.good, f"{r.code} lacks bad/good examples"
        doc = r.documentation()
        assert doc.startswith(f"{r.code} ({r.name})")


def test_every_pack_validates():
    files = pack_files(builtin_rules_dir())
    assert files
    for f in files:
        assert load_pack(f), f


def test_duplicate_codes_are_rejected(tmp_path):
    reg = Registry()
    for cls in code_rules()[:1]:
        reg.add(cls())
        with pytest.raises(PackError, match="duplicate code"):
            reg.add(cls())


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("    colour: red\n", "unknown key 'colour'"),
        ("    pattern: '(x'\n", "bad regex"),
        ("    severity: fatal\n", "severity must be"),
    ],
)
def test_strict_loading_reports_file_and_line(tmp_path, body, message):
    f = tmp_path / "x.yaml"
    f.write_text(
        "pack: x\nfamily: ST\nrules:\n  - code: ST001\n    name: a-rule\n    type: existence\n"
        "    phrase: [foo]\n    bad: [foo]\n    good: [bar]\n" + body
    )
    with pytest.raises(PackError) as exc:
        load_pack(f, "rules/x.yaml")
    assert re.match(r"rules/x\.yaml:\d+: ", str(exc.value)), str(exc.value)
    assert message in str(exc.value)


def test_duplicate_code_across_packs_is_rejected(tmp_path):
    from lintnews.engine import _registry

    for n in ("a", "b"):
        (tmp_path / f"{n}.yaml").write_text(
            f"pack: {n}\nfamily: ST\nrules:\n  - code: ST001\n    name: rule-{n}\n"
            "    type: existence\n    phrase: [foo]\n    bad: [foo]\n    good: [bar]\n"
        )
    with pytest.raises(PackError, match="duplicate code ST001"):
        _registry((str(tmp_path),))


def test_rules_ship_inside_the_wheel(tmp_path):
    """Build the wheel, install it in a fresh venv, run it from another folder."""
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(root),
        ],
        check=True,
    )
    (wheel,) = out.glob("lintnews-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n for n in names if n.startswith("lintnews/_rules/")}
    expected = {
        "lintnews/_rules/" + f.relative_to(builtin_rules_dir()).as_posix()
        for f in pack_files(builtin_rules_dir())
    }
    assert expected <= shipped
    # Installed from the wheel (dependencies come from this environment) and run elsewhere.
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    code = "import lintnews.engine as e; print(len(e.get_registry()), e.builtin_rules_dir())"
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    count, where = proc.stdout.split()
    assert int(count) == len(REGISTRY)
    assert where == str(target / "lintnews" / "_rules")
