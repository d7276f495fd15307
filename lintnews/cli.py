"""The command line: `lintnews check`, `lintnews fix`, `lintnews rule`, `lintnews rules`.

Exit status: 0 no findings, 1 findings (for `fix`: files changed or findings left),
2 usage, configuration or input error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import atexit
import difflib
import importlib
import json
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from lintnews import __version__
from lintnews.config import SOURCE_LANGS, Overrides, SettingsResolver
from lintnews.errors import LintnewsError, UsageError

# Subcommands that live in their own modules, imported only when used: name -> (module, help).
# Each module has main(argv: list[str]) -> int.
EXTRA_COMMANDS: dict[str, tuple[str, str]] = {
    "languagetool": ("lintnews.languagetool", "install, start or stop a local LanguageTool server"),
    "vocab": ("lintnews.vocab", "add words to the vocabulary files"),
    "server": ("lintnews.lsp", "run the language server (LSP) for editors, on stdio"),
}

FORMAT_CHOICES = ("text", "concise", "json", "json-lines", "lsp", "sarif", "github")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(f"{self.prog}: {message}")


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def _globs(value: str) -> list[str]:
    return [g for g in value.split(",") if g]


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="files or folders to lint ('-' reads stdin)")
    p.add_argument("--select", type=_codes, help="rule codes or prefixes to enable (comma list)")
    p.add_argument("--ignore", type=_codes, default=[], action="extend", help="codes to disable")
    p.add_argument("--extend-select", type=_codes, default=[], action="extend", help="codes to add")
    p.add_argument("--output-format", choices=FORMAT_CHOICES, default=None)
    p.add_argument("--statistics", action="store_true", help="count findings per rule")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    p.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    p.add_argument("--cache-dir", help="cache folder (default .lintnews_cache)")
    p.add_argument(
        "--source-lang",
        choices=SOURCE_LANGS,
        help="language the copy was translated from, 'en' for original English, or 'auto'",
    )
    p.add_argument("--stdin-filename", help="name (and config lookup path) for text on stdin")
    p.add_argument("--config", help="use this configuration file only")
    p.add_argument("--english", choices=("en-US", "en-GB"), help="house spelling variant")
    p.add_argument(
        "--exclude", type=_globs, default=[], action="extend", help="extra path globs to skip"
    )
    p.add_argument("--grammar", action="store_true", default=None, help="run LanguageTool too")
    p.add_argument(
        "-j", "--jobs", type=int, default=None, help="parallel workers (default: all cores)"
    )
    p.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="where files are linted: local processes or a Dask cluster",
    )
    p.add_argument(
        "--scheduler", help="Dask scheduler address (with --executor dask; none: a local cluster)"
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: only when stderr is a terminal)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lintnews",
        description="A linter for news copy: machine-translation artifacts, typos, debris.",
    )
    parser.add_argument("--version", action="version", version=f"lintnews {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    check = sub.add_parser("check", help="report problems")
    _add_common(check)
    fix = sub.add_parser("fix", help="apply safe fixes (and unsafe ones with --unsafe-fixes)")
    _add_common(fix)
    fix.add_argument("--unsafe-fixes", action="store_true", help="apply unsafe fixes too")
    fix.add_argument("--diff", action="store_true", help="show the fixes as a diff, write nothing")
    rule = sub.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("code", help="rule code or name")
    rule.add_argument("--config")
    rules = sub.add_parser("rules", help="list all rules")
    rules.add_argument("--output-format", choices=("text", "json", "markdown"), default="text")
    rules.add_argument("--config")
    for name, (_, help_text) in EXTRA_COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    return parser


def _resolver(args: argparse.Namespace) -> SettingsResolver:
    grammar = getattr(args, "grammar", None)
    ov = Overrides(
        select=tuple(args.select) if getattr(args, "select", None) else None,
        ignore=tuple(getattr(args, "ignore", []) or ()),
        extend_select=tuple(getattr(args, "extend_select", []) or ()),
        source_lang=getattr(args, "source_lang", None),
        grammar=True if grammar else None,
        english=getattr(args, "english", None),
        exclude=tuple(getattr(args, "exclude", []) or ()),
        cache_dir=getattr(args, "cache_dir", None),
        no_cache=bool(getattr(args, "no_cache", False)),
    )
    config = getattr(args, "config", None)
    if config is not None and not os.path.isfile(config):
        raise UsageError(f"{config}: configuration file not found")
    return SettingsResolver(ov, config)


def _collect(args: argparse.Namespace, on_result=None, defer_writes: bool = False):
    from lintnews.files import discover
    from lintnews.runner import check_files

    resolver = _resolver(args)
    paths = args.paths or ["."]
    if paths.count("-") > 1:
        raise UsageError("'-' (stdin) may be given once")
    files = discover(paths, resolver)
    stdin_bytes = sys.stdin.buffer.read() if "-" in files else None
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler needs --executor dask")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    results = check_files(
        files,
        resolver,
        stdin_filename=args.stdin_filename,
        stdin_bytes=stdin_bytes,
        jobs=args.jobs,
        executor=args.executor,
        scheduler=args.scheduler,
        progress=args.progress,
        on_result=on_result,
        defer_writes=defer_writes,
    )
    return resolver, results


def _report_errors(results) -> bool:
    bad = False
    for r in results:
        if r.error:
            print(f"lintnews: {r.error}", file=sys.stderr)
            bad = True
    return bad


def _emit(args: argparse.Namespace, results, resolver: SettingsResolver) -> None:
    from lintnews.engine import get_registry
    from lintnews.formatters import render, statistics, use_color

    ok = [r for r in results if r.error is None]
    fmt = args.output_format or "text"
    # only SARIF lists the rules; building the registry costs a tenth of a second, which a
    # run whose results all came from the cache would otherwise spend on it alone
    registry = get_registry(resolver.default()) if fmt == "sarif" else None
    if args.statistics:
        sys.stdout.write(statistics(ok, as_json=fmt == "json"))
        return
    out = render(fmt, ok, registry, quiet=args.quiet, color=use_color())
    sys.stdout.write(out)


def cmd_check(args: argparse.Namespace) -> int:
    streamed: dict[str, set[int]] = {}
    stream = None
    if args.executor == "dask" and args.output_format == "json-lines" and not args.statistics:
        # Findings are printed as files come back from the cluster; the corpus pass's
        # findings follow once every file is in.
        def stream(res) -> None:
            if res.error is None and res.diagnostics:
                _emit_partial(res, res.diagnostics)
            streamed[res.path] = {id(d) for d in res.diagnostics}

    from lintnews.gcscope import gc_scope
    from lintnews.runner import finish_writes

    # The results stay out of the collector's sight until printed; the caches for the next
    # run are written meanwhile (child processes), and waited for once the output is out.
    with gc_scope():
        try:
            resolver, results = _collect(args, stream, defer_writes=True)
            errors = _report_errors(results)
            if stream is not None:
                for res in results:
                    seen = streamed.get(res.path, set())
                    rest = [d for d in res.diagnostics if id(d) not in seen]
                    if res.error is None and rest:
                        _emit_partial(res, rest)
            else:
                _emit(args, results, resolver)
                sys.stdout.flush()
        finally:
            finish_writes()
    if errors:
        return 2
    found = any(r.diagnostics for r in results)
    return 1 if found and not args.exit_zero else 0


def _emit_partial(res, diagnostics) -> None:
    from dataclasses import replace

    from lintnews.formatters import fmt_json_lines

    sys.stdout.write(fmt_json_lines([replace(res, diagnostics=list(diagnostics))], None))
    sys.stdout.flush()


def cmd_fix(args: argparse.Namespace) -> int:
    from lintnews.engine import fix_source, lint_source
    from lintnews.source import write_atomic

    resolver, results = _collect(args)
    errors = _report_errors(results)
    changed_files = 0
    fixed_total = 0
    final = []
    for res in results:
        if res.error is not None:
            continue
        settings = res.settings or resolver.for_path(res.path)
        corpus_diags = [d for d in res.diagnostics if d.code.startswith("CN")]
        new, n = fix_source(res.path, res.text, settings, args.unsafe_fixes, corpus_diags)
        if new != res.text:
            changed_files += 1
            fixed_total += n
            if args.diff:
                a = res.text.splitlines(keepends=True)
                b = new.splitlines(keepends=True)
                sys.stdout.writelines(difflib.unified_diff(a, b, f"a/{res.path}", f"b/{res.path}"))
                if b and not b[-1].endswith("\n"):
                    sys.stdout.write("\n")
            elif res.path == "-":
                pass
            else:
                write_atomic(res.path, new, res.encoding)
        if res.path == "-" and not args.diff:
            sys.stdout.write(new)
            continue
        if not args.diff:
            after = lint_source(res.path, new, res.encoding, settings) if new != res.text else res
            final.append(after)
    if not args.diff and final:
        _emit(args, final, resolver)
    if not args.quiet:
        verb = "Would fix" if args.diff else "Fixed"
        print(
            f"{verb} {fixed_total} problem{'s' if fixed_total != 1 else ''} in "
            f"{changed_files} file{'s' if changed_files != 1 else ''}.",
            file=sys.stderr,
        )
    if errors:
        return 2
    left = any(r.diagnostics for r in final)
    if args.exit_zero:
        return 0
    return 1 if changed_files or left else 0


def cmd_rule(args: argparse.Namespace) -> int:
    from lintnews.engine import get_registry

    registry = get_registry(_resolver(args).default())
    rule = registry.get(args.code)
    if rule is None:
        raise UsageError(f"unknown rule {args.code!r} (see `lintnews rules`)")
    sys.stdout.write(rule.documentation())
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    from lintnews.engine import get_registry

    registry = get_registry(_resolver(args).default())
    if args.output_format == "json":
        sys.stdout.write(json.dumps([r.as_json() for r in registry], indent=2) + "\n")
    elif args.output_format == "markdown":
        from lintnews.ruledocs import full_reference

        sys.stdout.write(full_reference(registry))
    else:
        for r in registry:
            fix = "[*]" if r.fixable else "   "
            sys.stdout.write(f"{r.code:<9} {fix} {r.name:<44} {r.summary}\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in EXTRA_COMMANDS:
            module = importlib.import_module(EXTRA_COMMANDS[argv[0]][0])
            return int(module.main(argv[1:]))
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(sys.stderr)
            return 2
        handler = {"check": cmd_check, "fix": cmd_fix, "rule": cmd_rule, "rules": cmd_rules}
        return handler[args.command](args)
    except LintnewsError as exc:
        print(f"lintnews: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("lintnews: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


def run() -> NoReturn:
    """The ``lintnews`` command: :func:`main`, then an exit that skips the interpreter's
    teardown. A big run leaves millions of objects (its results) that Python would free one
    by one at exit, a quarter of a second on 2,000 articles; the operating system takes the
    memory back at once. Output is flushed and exit handlers run first (mypy does the same)."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`) or a closed stream
            code = code or 1
    atexit._run_exitfuncs()
    os._exit(code)
