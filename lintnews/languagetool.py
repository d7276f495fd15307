"""Optional grammar backend: LanguageTool, through language-tool-python, on a local server.

Three parts:

* **Server management** (`lintnews languagetool install|start|stop|status`): Maven fetches
  ``org.languagetool:languagetool-server`` and ``language-en`` with their dependencies into a
  cache folder; ``start`` runs ``org.languagetool.server.HTTPServer`` on a free loopback port.
* **Client**: :class:`LanguageToolBackend` sends the prose of a document (the lint view of its
  paragraphs, headings, list items and quotes; never code, URLs or front-matter keys) in
  batches and maps every match to a :class:`~lintnews.diagnostic.Diagnostic` with view
  offsets, code ``LT:<RULE_ID>``.
* **Cache**: results per batch, keyed by the text and every setting that changes them.

language-tool-python is GPL-3.0 and is only imported when the backend runs (the optional
extra ``lintnews[grammar]``).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lintnews.config import Settings
from lintnews.diagnostic import Diagnostic, Edit, Fix
from lintnews.document import Document
from lintnews.errors import LintnewsError

LT_VERSION = "6.8"
LT_GROUP = "org.languagetool"
LT_ARTIFACTS = ("languagetool-server", "language-en")
MAIN_CLASS = "org.languagetool.server.HTTPServer"
DEFAULT_JAVA_OPTS = ("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC")
START_TIMEOUT = 120.0
REQUEST_TIMEOUT = 60.0
BATCH_CHARS = 20_000
MAX_REPLACEMENTS = 5

# LanguageTool rules that duplicate lintnews' own checks (spelling, doubled words, whitespace
# and punctuation debris, quotes) or that the blanked view would set off (runs of spaces where
# code or URLs were). `[tool.lintnews.grammar] disabled-rules` adds to these; a `+RULE_ID`
# entry turns one of them back on.
DEFAULT_DISABLED_RULES: tuple[str, ...] = (
    "MORFOLOGIK_RULE_EN_US",
    "MORFOLOGIK_RULE_EN_GB",
    "MORFOLOGIK_RULE_EN_CA",
    "MORFOLOGIK_RULE_EN_AU",
    "MORFOLOGIK_RULE_EN_NZ",
    "MORFOLOGIK_RULE_EN_ZA",
    "ENGLISH_WORD_REPEAT_RULE",
    "WHITESPACE_RULE",
    "CONSECUTIVE_SPACES",
    "COMMA_PARENTHESIS_WHITESPACE",
    "DOUBLE_PUNCTUATION",
    "UPPERCASE_SENTENCE_START",
    "EN_QUOTES",
    "EN_UNPAIRED_QUOTES",
    "EN_UNPAIRED_BRACKETS",
    "PUNCTUATION_PARAGRAPH_END",
)

# LanguageTool category id -> lintnews severity. Others fall back on the rule's issue type.
CATEGORY_SEVERITY: dict[str, str] = {
    "TYPOS": "warning",
    "GRAMMAR": "warning",
    "CONFUSED_WORDS": "warning",
    "COLLOCATIONS": "warning",
    "SEMANTICS": "warning",
    "CASING": "warning",
    "PUNCTUATION": "warning",
    "COMPOUNDING": "warning",
    "NONSTANDARD_PHRASES": "warning",
    "STYLE": "info",
    "REDUNDANCY": "info",
    "TYPOGRAPHY": "info",
    "PLAIN_ENGLISH": "info",
    "REPETITIONS_STYLE": "info",
    "FALSE_FRIENDS": "info",
    "MISC": "info",
    "WIKIPEDIA": "info",
    "GENDER_NEUTRALITY": "info",
    "BRITISH_ENGLISH": "info",
    "AMERICAN_ENGLISH_STYLE": "info",
    "CREATIVE_WRITING": "info",
    "TEXT_ANALYSIS": "info",
}
ISSUE_TYPE_SEVERITY = {"misspelling": "warning", "grammar": "warning"}

# For English text with these mother tongues LanguageTool replaced its false-friends.xml rules
# by n-gram rules (EnglishFor{Germans,French,Spaniards,Dutchmen}FalseFriendRule) that need an
# n-gram data set on the server; the extra false-friend pass would find nothing. A server
# with n-gram data runs them in the normal pass, which sends the mother tongue too.
NGRAM_FALSE_FRIEND_LANGS = frozenset({"de", "fr", "es", "nl"})

# LanguageTool has no rule for some errors common in translated news. lintnews adds them as
# LanguageTool pattern rules through LanguageTool's own extension point, a
# `org/languagetool/rules/en/grammar_custom.xml` on the server's class path (written by
# `start`). Their ids start with LINTNEWS_ so that nobody takes them for LanguageTool's.
CUSTOM_RULES_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by lintnews (lintnews/languagetool.py); overwritten by `lintnews languagetool start`.
     LanguageTool loads this file next to its own English grammar.xml. -->
<rules lang="en">
  <category id="GRAMMAR" name="Grammar" type="grammar">
    <rule id="LINTNEWS_COMPLY_WITH" name="comply to (comply with)">
      <pattern>
        <marker>
          <token inflected="yes">comply</token>
          <token>to</token>
        </marker>
      </pattern>
      <message>The verb “comply” takes “with”:
        <suggestion><match no="1"/> with</suggestion>.</message>
      <short>Preposition after “comply”</short>
      <example correction="comply with">The alliance would <marker>comply to</marker>
        the request.</example>
      <example>The alliance would comply with the request.</example>
    </rule>
  </category>
</rules>
"""
CUSTOM_RULES_PATH = "custom/org/languagetool/rules/en/grammar_custom.xml"


class LanguageToolError(LintnewsError):
    """LanguageTool cannot be installed, started or reached; str() is one line (exit 2)."""


# ---------------------------------------------------------------------------------------------
# installation


def lt_home(version: str = LT_VERSION) -> Path:
    """Folder of one LanguageTool version: $LINTNEWS_LT_HOME/<version>, by default
    ~/.cache/lintnews/languagetool/<version>."""
    base = os.environ.get("LINTNEWS_LT_HOME")
    root = Path(base) if base else Path.home() / ".cache" / "lintnews" / "languagetool"
    return root / version


def _pom(version: str) -> str:
    deps = "".join(
        f"<dependency><groupId>{LT_GROUP}</groupId><artifactId>{a}</artifactId>"
        f"<version>{version}</version></dependency>"
        for a in LT_ARTIFACTS
    )
    return (
        '<project xmlns="http://maven.apache.org/POM/4.0.0">'
        "<modelVersion>4.0.0</modelVersion>"
        "<groupId>lintnews</groupId><artifactId>languagetool-fetch</artifactId>"
        "<version>1</version><packaging>pom</packaging>"
        f"<dependencies>{deps}</dependencies></project>\n"
    )


def is_installed(version: str = LT_VERSION) -> bool:
    return (lt_home(version) / "lib" / ".complete").is_file()


def install(version: str = LT_VERSION, *, quiet: bool = False) -> Path:
    """Fetch the server jars with Maven into lt_home(version)/lib; does nothing when done."""
    if not is_installed(version):
        with _locked(version):
            if not is_installed(version):
                _install(version, quiet)
    return lt_home(version)


def _install(version: str, quiet: bool) -> None:
    home = lt_home(version)
    lib = home / "lib"
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LanguageToolError(
            "mvn not found on PATH: installing LanguageTool needs Maven (apt-get install maven)"
        )
    _java()  # fail early, before a long download, when Java is missing
    home.mkdir(parents=True, exist_ok=True)
    tmp_lib = home / "lib.partial"
    shutil.rmtree(tmp_lib, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="lintnews-lt-") as work:
        Path(work, "pom.xml").write_text(_pom(version), encoding="utf-8")
        cmd = [
            mvn,
            "-B",
            "-q",
            "-f",
            str(Path(work, "pom.xml")),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={tmp_lib}",
            "-DincludeScope=runtime",
        ]
        if not quiet:
            print(f"Fetching LanguageTool {version} with Maven into {lib} ...", file=sys.stderr)
        t0 = time.monotonic()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            tail = " ".join((proc.stdout + proc.stderr).split())[-300:]
            raise LanguageToolError(f"Maven could not fetch LanguageTool {version}: {tail}")
    jars = sorted(p.name for p in tmp_lib.glob("*.jar"))
    if not any(j.startswith("languagetool-server-") for j in jars):
        raise LanguageToolError(f"Maven fetched no languagetool-server jar into {tmp_lib}")
    shutil.rmtree(lib, ignore_errors=True)
    tmp_lib.rename(lib)
    (lib / ".complete").write_text("\n".join(jars) + "\n", encoding="utf-8")
    if not quiet:
        size = sum(p.stat().st_size for p in lib.glob("*.jar")) / 2**20
        print(
            f"Installed {len(jars)} jars ({size:.0f} MiB) in {time.monotonic() - t0:.0f} s.",
            file=sys.stderr,
        )


# ---------------------------------------------------------------------------------------------
# the local server


@dataclass(frozen=True)
class ServerInfo:
    url: str
    pid: int
    port: int
    version: str


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise LanguageToolError(
            "java not found on PATH: LanguageTool needs Java 17 or later "
            "(apt-get install openjdk-17-jre-headless)"
        )
    return java


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _state_file(version: str) -> Path:
    return lt_home(version) / "server.json"


@contextlib.contextmanager
def _locked(version: str) -> Iterator[None]:
    """Serialize install/start/stop of one version across processes (test runs in parallel
    sessions share the cache folder)."""
    home = lt_home(version)
    home.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        yield
        return
    with open(home / ".lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of this process still answers kill(0); reap it if so.
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return done == 0


def answers(url: str, timeout: float = 2.0) -> bool:
    """Whether a LanguageTool server answers GET <url>/v2/languages."""
    try:
        with urllib.request.urlopen(_api(url, "languages"), timeout=timeout) as r:
            return bool(r.status == 200)
    except (OSError, ValueError):
        return False


def running_server(version: str = LT_VERSION) -> ServerInfo | None:
    """The server that `start` left running, if it is still alive and answers."""
    state = _state_file(version)
    try:
        data = json.loads(state.read_text(encoding="utf-8"))
        info = ServerInfo(data["url"], int(data["pid"]), int(data["port"]), data["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if _pid_alive(info.pid) and answers(info.url):
        return info
    return None


def start(
    port: int | None = None,
    version: str = LT_VERSION,
    *,
    timeout: float = START_TIMEOUT,
    java_opts: Sequence[str] | None = None,
) -> ServerInfo:
    """Start the local server on a free loopback port (or `port`) and wait until it answers.

    Returns the running server when one is up already (for that version)."""
    java = _java()
    with _locked(version):
        info = running_server(version)
        if info is not None:
            if port is None or port == info.port:
                return info
            raise LanguageToolError(
                f"a LanguageTool server runs at {info.url} already: "
                "`lintnews languagetool stop` it first"
            )
        return _start(java, port, version, timeout, java_opts)


def _start(
    java: str,
    port: int | None,
    version: str,
    timeout: float,
    java_opts: Sequence[str] | None,
) -> ServerInfo:
    if not is_installed(version):
        raise LanguageToolError(
            f"LanguageTool {version} is not installed: run `lintnews languagetool install`"
        )
    home = lt_home(version)
    custom = home / CUSTOM_RULES_PATH
    custom.parent.mkdir(parents=True, exist_ok=True)
    custom.write_text(CUSTOM_RULES_XML, encoding="utf-8")
    port = port or _free_port()
    opts = list(java_opts) if java_opts is not None else _java_opts()
    classpath = os.pathsep.join([str(home / "custom"), str(home / "lib" / "*")])
    cmd = [java, *opts, "-cp", classpath, MAIN_CLASS, "--port", str(port)]
    log_path = home / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while not answers(url, timeout=1.0):
        if proc.poll() is not None:
            raise LanguageToolError(
                f"LanguageTool server exited with status {proc.returncode}: {_log_tail(log_path)}"
            )
        if time.monotonic() > deadline:
            _terminate(proc.pid)
            raise LanguageToolError(
                f"LanguageTool server did not answer on {url} within {timeout:.0f} s "
                f"(log: {log_path})"
            )
        time.sleep(0.2)
    info = ServerInfo(url, proc.pid, port, version)
    with contextlib.suppress(LanguageToolError):
        probe(url)  # the first check loads English: do it now rather than in the first lint
    _state_file(version).write_text(json.dumps(info.__dict__) + "\n", encoding="utf-8")
    return info


def _java_opts() -> list[str]:
    env = os.environ.get("LINTNEWS_LT_JAVA_OPTS")
    return env.split() if env else list(DEFAULT_JAVA_OPTS)


def _log_tail(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return "(no log)"
    return " | ".join(line.strip() for line in lines[-3:])[-400:] or "(empty log)"


def _terminate(pid: int, wait: float = 10.0) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def stop(version: str = LT_VERSION, *, pid: int | None = None) -> bool:
    """Stop the server that `start` left running (only if it is process `pid`, when given);
    False when none was."""
    state = _state_file(version)
    with _locked(version):
        try:
            data = json.loads(state.read_text(encoding="utf-8"))
            running = int(data["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            return False
        if pid is not None and pid != running:
            return False
        was = _pid_alive(running)
        if was:
            _terminate(running)
        state.unlink(missing_ok=True)
        return was


def process_rss_mib(pid: int) -> float | None:
    """Resident memory of a process in MiB (Linux /proc), or None."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


# ---------------------------------------------------------------------------------------------
# talking to a server


def _api(url: str, endpoint: str) -> str:
    """<base>/v2/<endpoint> for a base URL given with or without /v2."""
    base = url.rstrip("/")
    if base.endswith("/v2"):
        base = base[:-3]
    if "://" not in base:
        base = "http://" + base
    return f"{base}/v2/{endpoint}"


def base_url(url: str) -> str:
    """The URL language-tool-python wants (it appends /v2/ itself)."""
    return _api(url, "")[: -len("/v2/")] + "/"


def probe(url: str, timeout: float = REQUEST_TIMEOUT) -> str:
    """Check that a LanguageTool server answers at url; return its version ("6.8 (date)").

    A server that does not answer /v2/languages within a few seconds is reported at once; the
    first check may take longer (the server loads English on first use). Raises
    LanguageToolError with one clear line."""
    where = f"the LanguageTool server at {url}"
    hint = "start one with `lintnews languagetool start` or set [tool.lintnews.grammar] server"
    try:
        with urllib.request.urlopen(_api(url, "languages"), timeout=min(timeout, 5.0)) as r:
            r.read()
        data = urllib.parse.urlencode({"text": "Ok.", "language": "en-US"}).encode()
        with urllib.request.urlopen(_api(url, "check"), data=data, timeout=timeout) as r:
            body = json.loads(r.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise LanguageToolError(f"{where} answered HTTP {exc.code} {exc.reason}") from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise LanguageToolError(f"cannot reach {where} ({reason}); {hint}") from None
    software = body.get("software", {}) if isinstance(body, dict) else {}
    if not str(software.get("name", "")).startswith("LanguageTool"):
        raise LanguageToolError(f"{url} does not look like a LanguageTool server")
    return f"{software.get('version', '?')} ({software.get('buildDate', '?')})"


@dataclass
class _Client:
    """A language-tool-python client with what lintnews learnt about its server."""

    tool: Any
    version: str
    languages: frozenset[str]
    lock: threading.Lock  # the client keeps its options as state: one check at a time


_CLIENTS: dict[str, _Client] = {}
_CLIENTS_LOCK = threading.Lock()


def _client(url: str, language: str, timeout: float) -> _Client:
    """The client for url and language (one per process)."""
    key = f"{base_url(url)}|{language}"
    with _CLIENTS_LOCK:
        if key in _CLIENTS:
            return _CLIENTS[key]
        version = probe(url, timeout)
        try:
            import language_tool_python as ltp
        except ImportError:
            raise LanguageToolError(
                "the grammar backend needs language-tool-python: pip install 'lintnews[grammar]'"
            ) from None
        try:
            tool = ltp.LanguageTool(language, remote_server=base_url(url))
            languages = frozenset(tool._get_languages())
        except (ltp.exceptions.LanguageToolError, ValueError, OSError) as exc:
            raise LanguageToolError(f"LanguageTool server at {url}: {_one_line(exc)}") from None
        # The library's per-request timeout (300 s by default), and its list of the server's
        # languages, which it would otherwise fetch again before every check that sets a
        # mother tongue.
        tool._TIMEOUT = timeout
        tool._get_languages = lambda: set(languages)
        client = _Client(tool, version, languages, threading.Lock())
        _CLIENTS[key] = client
        return client


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())[:300]


# ---------------------------------------------------------------------------------------------
# the backend


@dataclass(frozen=True)
class Segment:
    """A stretch of the document view sent to LanguageTool: batch[bstart:bstart+n] is
    view[vstart:vstart+n]."""

    bstart: int
    vstart: int
    length: int


@dataclass(frozen=True)
class Batch:
    text: str
    segments: tuple[Segment, ...]

    def to_view(self, offset: int, *, end: bool = False) -> int | None:
        """Map a batch offset to a view offset; None when it falls between segments."""
        for seg in self.segments:
            if seg.bstart <= offset < seg.bstart + seg.length or (
                end and offset == seg.bstart + seg.length
            ):
                return seg.vstart + offset - seg.bstart
        return None


@dataclass(frozen=True)
class RawMatch:
    """What lintnews keeps of a LanguageTool match (offsets into the batch text)."""

    rule_id: str
    message: str
    offset: int
    length: int
    replacements: tuple[str, ...]
    category: str
    issue_type: str


PROSE_FOR_LT = frozenset({"heading", "paragraph", "list_item", "blockquote"})
_SEPARATOR = "\n\n"


def _trim(view: str, s: int, e: int) -> tuple[int, int]:
    while s < e and view[s].isspace():
        s += 1
    while e > s and view[e - 1].isspace():
        e -= 1
    return s, e


def prose_spans(doc: Document) -> list[tuple[int, int]]:
    """View spans of the prose blocks, trimmed; blank ones left out. In front matter only what
    the view leaves visible is sent (the prose fields' values, never keys), line by line."""
    out = []
    view = doc.view
    for b in doc.blocks:
        if b.kind in PROSE_FOR_LT:
            lines = [(b.start, b.end)]
        elif b.kind == "front_matter":
            lines = []
            pos = b.start
            for line in view[b.start : b.end].split("\n"):
                lines.append((pos, pos + len(line)))
                pos += len(line) + 1
        else:
            continue
        for s, e in lines:
            s, e = _trim(view, s, e)
            if e > s:
                out.append((s, e))
    return out


def _split_long(view: str, s: int, e: int, cap: int) -> list[tuple[int, int]]:
    """Cut a span longer than cap at sentence ends (else at spaces, else anywhere)."""
    out = []
    while e - s > cap:
        window = view[s : s + cap]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "), window.rfind("\n"))
        cut = cut + 1 if cut > cap // 4 else window.rfind(" ")
        if cut <= 0:
            cut = cap
        out.append((s, s + cut))
        s += cut
        while s < e and view[s].isspace():
            s += 1
    if e > s:
        out.append((s, e))
    return out


def make_batches(doc: Document, cap: int = BATCH_CHARS) -> list[Batch]:
    """Group the prose blocks into request texts of at most cap characters."""
    spans: list[tuple[int, int]] = []
    for s, e in prose_spans(doc):
        spans.extend(_split_long(doc.view, s, e, cap) if e - s > cap else [(s, e)])
    batches: list[Batch] = []
    parts: list[str] = []
    segs: list[Segment] = []
    size = 0
    for s, e in spans:
        n = e - s
        if segs and size + len(_SEPARATOR) + n > cap:
            batches.append(Batch("".join(parts), tuple(segs)))
            parts, segs, size = [], [], 0
        if segs:
            parts.append(_SEPARATOR)
            size += len(_SEPARATOR)
        segs.append(Segment(size, s, n))
        parts.append(doc.view[s:e])
        size += n
    if segs:
        batches.append(Batch("".join(parts), tuple(segs)))
    return batches


def rule_name(rule_id: str) -> str:
    """Kebab-case name of a LanguageTool rule id: EN_A_VS_AN -> en-a-vs-an."""
    name = re.sub(r"[^a-z0-9]+", "-", rule_id.lower()).strip("-")
    return name or "languagetool"


def severity_for(category: str, issue_type: str) -> str:
    if category in CATEGORY_SEVERITY:
        return CATEGORY_SEVERITY[category]
    return ISSUE_TYPE_SEVERITY.get(issue_type, "info")


def disabled_rules(settings: Settings) -> tuple[str, ...]:
    """The default disabled rules plus the configured ones; `+ID` re-enables a default."""
    rules = set(DEFAULT_DISABLED_RULES)
    for item in settings.languagetool_disabled:
        if item.startswith("+"):
            rules.discard(item[1:])
        elif item:
            rules.add(item)
    return tuple(sorted(rules))


def lt_language(settings: Settings) -> str:
    return settings.english if settings.english in ("en-US", "en-GB") else "en-US"


@dataclass(frozen=True)
class Pass:
    """One kind of request: the normal check, or the false-friend check (picky level, only
    the FALSE_FRIENDS category: LanguageTool runs its false-friends.xml rules at that level)."""

    name: str
    mother_tongue: str | None
    false_friends_only: bool = False


class LanguageToolBackend:
    """The grammar backend: `check(doc, settings)` returns diagnostics with view offsets."""

    def __init__(
        self,
        url: str,
        *,
        language: str = "en-US",
        disabled: Iterable[str] = DEFAULT_DISABLED_RULES,
        cache_dir: str | os.PathLike[str] | None = None,
        timeout: float = REQUEST_TIMEOUT,
        batch_chars: int = BATCH_CHARS,
        false_friends: bool = True,
    ) -> None:
        self.url = url
        self.language = language
        self.disabled = tuple(sorted(set(disabled)))
        self.cache_dir = Path(cache_dir) / "languagetool" if cache_dir else None
        self.timeout = timeout
        self.batch_chars = batch_chars
        self.false_friends = false_friends
        self.requests = 0  # requests actually sent (not answered from the cache)

    @classmethod
    def from_settings(cls, settings: Settings) -> LanguageToolBackend:
        url = settings.languagetool_url or os.environ.get("LINTNEWS_LT_URL")
        if not url:
            url = _local_url()
        return cls(
            url,
            language=lt_language(settings),
            disabled=disabled_rules(settings),
            cache_dir=settings.cache_dir or None,
        )

    # -- checking -------------------------------------------------------------------------
    def check(self, doc: Document, settings: Settings | None = None) -> list[Diagnostic]:
        batches = make_batches(doc, self.batch_chars)
        if not batches:
            return []
        client = _client(self.url, self.language, self.timeout)
        mother = _mother_tongue(doc.source_lang, client.languages)
        passes = [Pass("main", mother)]
        if mother is not None and self.false_friends and mother not in NGRAM_FALSE_FRIEND_LANGS:
            passes.append(Pass("false-friends", mother, True))
        out: list[Diagnostic] = []
        seen: set[tuple[str, int, int]] = set()
        disabled = set(self.disabled)
        for p in passes:
            for batch in batches:
                for m in self._matches(client, batch.text, p):
                    if m.rule_id in disabled:  # the false-friend pass cannot send them
                        continue
                    d = self._diagnostic(doc, batch, m)
                    if d is not None and (d.code, d.start, d.end) not in seen:
                        seen.add((d.code, d.start, d.end))
                        out.append(d)
        out.sort(key=lambda d: (d.start, d.end, d.code))
        return out

    def _matches(self, client: _Client, text: str, p: Pass) -> list[RawMatch]:
        key = self._cache_key(text, client.version, p)
        cached = self._cache_get(key)
        if cached is not None:
            return cached
        import language_tool_python as ltp

        tool = client.tool
        with client.lock:
            tool.mother_tongue = p.mother_tongue
            # LanguageTool refuses disabled rules together with enabledOnly.
            tool.disabled_rules = set() if p.false_friends_only else set(self.disabled)
            if p.false_friends_only:
                tool.enabled_categories = {"FALSE_FRIENDS"}
                tool.enabled_rules_only = True
                tool.picky = True
            else:
                tool.enabled_categories = set()
                tool.enabled_rules_only = False
                tool.picky = False
            try:
                matches = tool.check(text)
            except (ltp.exceptions.LanguageToolError, ValueError, OSError) as exc:
                raise LanguageToolError(
                    f"LanguageTool server at {self.url}: {_one_line(exc)}"
                ) from None
            finally:
                tool.mother_tongue = None
            self.requests += 1
        raw = [
            RawMatch(
                rule_id=str(m.rule_id),
                message=" ".join(str(m.message).split()),
                offset=int(m.offset),
                length=int(m.error_length),
                replacements=tuple(str(r) for r in m.replacements[:MAX_REPLACEMENTS]),
                category=str(m.category),
                issue_type=str(m.rule_issue_type),
            )
            for m in matches
        ]
        self._cache_put(key, raw)
        return raw

    def _diagnostic(self, doc: Document, batch: Batch, m: RawMatch) -> Diagnostic | None:
        start = batch.to_view(m.offset)
        end = batch.to_view(m.offset + m.length, end=True)
        if start is None:
            return None
        if end is None or end < start:
            # A match that runs into the gap between two blocks: keep its first block's part.
            seg = next(s for s in batch.segments if s.vstart <= start < s.vstart + s.length)
            end = seg.vstart + seg.length
        fix = None
        # False-friend "replacements" are translation hints ("police" -> "insurance policy"),
        # sometimes several in one ("answer|serve"): shown, never applied.
        hint = m.category == "FALSE_FRIENDS"
        reps: list[str] = []
        for r in m.replacements:
            for alt in r.split("|") if hint else [r]:
                if alt.strip() and alt not in reps:
                    reps.append(alt.strip() if hint else alt)
        if reps:
            applicability = "unsafe" if len(reps) == 1 and not hint else "display"
            msg = f'Replace with "{reps[0]}"'
            if len(reps) > 1:
                msg += " (or " + ", ".join(f'"{r}"' for r in reps[1:]) + ")"
            fix = Fix(applicability, msg, (Edit(start, end, reps[0]),))  # type: ignore[arg-type]
        url = None
        if not m.rule_id.startswith("LINTNEWS_"):
            url = f"https://community.languagetool.org/rule/show/{m.rule_id}?lang=en"
        return Diagnostic(
            code=f"LT:{m.rule_id}",
            name=rule_name(m.rule_id),
            severity=severity_for(m.category, m.issue_type),  # type: ignore[arg-type]
            message=m.message,
            start=start,
            end=end,
            fix=fix,
            url=url,
        )

    # -- cache ----------------------------------------------------------------------------
    def _cache_key(self, text: str, version: str, p: Pass) -> str:
        payload = json.dumps(
            {
                "text": text,
                "language": self.language,
                "motherTongue": p.mother_tongue,
                "pass": p.name,
                "disabled": self.disabled,
                "server": version,
                "custom": hashlib.sha256(CUSTOM_RULES_XML.encode()).hexdigest()[:16],
                "lintnews-lt": 1,
            },
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def _cache_path(self, key: str) -> Path | None:
        return self.cache_dir / key[:2] / f"{key}.json" if self.cache_dir else None

    def _cache_get(self, key: str) -> list[RawMatch] | None:
        path = self._cache_path(key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return [RawMatch(**{**d, "replacements": tuple(d["replacements"])}) for d in data]
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def _cache_put(self, key: str, matches: list[RawMatch]) -> None:
        path = self._cache_path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps([m.__dict__ for m in matches]), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass


def _mother_tongue(lang: str | None, languages: frozenset[str]) -> str | None:
    """lintnews' source language as LanguageTool's motherTongue, when LanguageTool knows it."""
    if not lang or lang in ("auto", "en"):
        return None
    return lang if lang in languages else None


def _local_url() -> str:
    """URL of the local server: the running one, else one started now (left running)."""
    info = running_server()
    if info is not None:
        return info.url
    if not is_installed():
        raise LanguageToolError(
            "no LanguageTool server: run `lintnews languagetool install` (then lintnews starts "
            "it), or set [tool.lintnews.grammar] server = URL"
        )
    info = start()
    print(
        f"lintnews: started LanguageTool {info.version} at {info.url} "
        "(`lintnews languagetool stop` stops it)",
        file=sys.stderr,
    )
    return info.url


def dedupe(rule_diags: Iterable[Diagnostic], lt_diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """LanguageTool findings less those that cover the same span as a lintnews finding."""
    spans = {(d.start, d.end) for d in rule_diags}
    return [d for d in lt_diags if (d.start, d.end) not in spans]


def backend_factory(settings: Settings) -> LanguageToolBackend | None:
    """For lintnews.engine.BACKENDS: the backend when grammar checking is on."""
    if not settings.grammar:
        return None
    return LanguageToolBackend.from_settings(settings)


def register() -> None:
    """Add the backend factory to the engine (once)."""
    from lintnews import engine

    if backend_factory not in engine.BACKENDS:
        engine.BACKENDS.append(backend_factory)


register()


# ---------------------------------------------------------------------------------------------
# `lintnews languagetool ...`


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="lintnews languagetool",
        description="Install and run a local LanguageTool server for `lintnews --grammar`.",
    )
    parser.add_argument(
        "--version", default=LT_VERSION, help=f"LanguageTool version ({LT_VERSION})"
    )
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("install", help="fetch the server jars with Maven (once)")
    st = sub.add_parser("start", help="start the server on a free loopback port, print its URL")
    st.add_argument("--port", type=int, default=None)
    sub.add_parser("stop", help="stop the server that `start` left running")
    sub.add_parser("status", help="print the running server's URL and memory")
    sub.add_parser("path", help="print the installation folder")
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        if args.action == "install":
            install(args.version)
            print(lt_home(args.version))
        elif args.action == "start":
            t0 = time.monotonic()
            before = running_server(args.version)
            info = start(args.port, args.version)
            if before is None:
                rss = process_rss_mib(info.pid)
                mem = f", {rss:.0f} MiB resident" if rss else ""
                print(
                    f"started LanguageTool {info.version} (pid {info.pid}) in "
                    f"{time.monotonic() - t0:.1f} s{mem}",
                    file=sys.stderr,
                )
            print(info.url)
        elif args.action == "stop":
            if not stop(args.version):
                print("no LanguageTool server was running", file=sys.stderr)
        elif args.action == "status":
            info = running_server(args.version)
            if info is None:
                print("not running", file=sys.stderr)
                return 1
            rss = process_rss_mib(info.pid)
            print(f"{info.url} pid {info.pid}" + (f" rss {rss:.0f} MiB" if rss else ""))
        elif args.action == "path":
            print(lt_home(args.version))
    except LanguageToolError as exc:
        print(f"lintnews: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
