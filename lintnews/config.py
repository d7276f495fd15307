"""Configuration: `[tool.lintnews]` in pyproject.toml, or lintnews.toml / .lintnews.toml.

One frozen :class:`Settings` object is resolved per configuration file and passed explicitly.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from lintnews.errors import ConfigError

CONFIG_NAMES = (".lintnews.toml", "lintnews.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
DEFAULT_FRONT_MATTER_FIELDS = ("title", "subtitle", "description", "summary")
SOURCE_LANGS = (
    "auto",
    "en",
    "es",
    "it",
    "fr",
    "pt",
    "de",
    "ru",
    "ca",
    "tr",
    "ja",
    "zh",
    "pl",
    "ar",
)


@lru_cache(maxsize=65_536)
def _relative(path: str, root: str, cwd: str) -> str:
    """``path`` relative to ``root`` with forward slashes (memoised: a run asks for each
    file's several times); ``cwd`` is part of the key because relative paths depend on it."""
    try:
        full = os.path.normpath(os.path.join(cwd, path))
        base = os.path.normpath(os.path.join(cwd, root))
        prefix = base if base.endswith(os.sep) else base + os.sep
        if len(full) > len(prefix) and full.startswith(prefix) and not full.startswith("//"):
            # below the root: what relpath gives, without its work (a walk asks for each file)
            return full[len(prefix) :].replace(os.sep, "/")
        return os.path.relpath(full, base).replace(os.sep, "/")
    except ValueError:
        return path


@dataclass(frozen=True)
class Settings:
    """Every setting lintnews reads. Paths are absolute."""

    root: str = "."  # folder of the config file (or the cwd)
    config_path: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # code prefix -> severity
    source_lang: str = "auto"
    source_langs: tuple[tuple[str, str], ...] = ()  # path glob -> language
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    rule_dirs: tuple[str, ...] = ()
    vocabulary_accept: tuple[str, ...] = ()
    vocabulary_reject: tuple[str, ...] = ()
    english: str = "en-US"
    quotes: str = "lint"  # lint | skip (skip findings inside direct quotations)
    front_matter_fields: tuple[str, ...] = DEFAULT_FRONT_MATTER_FIELDS
    python_docstrings: bool = True
    python_min_words: int = 4
    python_fstrings: bool = True  # lint the literal parts of f-strings
    grammar: bool = False
    languagetool_url: str | None = None
    languagetool_disabled: tuple[str, ...] = ()
    cache_dir: str = ".lintnews_cache"
    house_names: tuple[str, ...] = ()  # canonical spellings for the consistency pass

    def path_relative(self, path: str) -> str:
        return _relative(path, self.root, os.getcwd())

    def ignored_codes_for(self, path: str) -> tuple[str, ...]:
        rel = self.path_relative(path)
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if glob_match(rel, pattern):
                out.extend(codes)
        return tuple(out)

    def lang_for(self, path: str) -> str:
        rel = self.path_relative(path)
        for pattern, lang in self.source_langs:
            if glob_match(rel, pattern):
                return lang
        return self.source_lang

    def severity_for(self, code: str, default: str) -> str:
        best, sev = -1, default
        for prefix, s in self.severity:
            if code.startswith(prefix) and len(prefix) > best:
                best, sev = len(prefix), s
        return sev


def glob_match(rel: str, pattern: str) -> bool:
    """Match a relative path against a glob; `**` spans folders, a bare name matches anywhere."""
    pattern = pattern.replace(os.sep, "/")
    if fnmatch.fnmatchcase(rel, pattern):
        return True
    if "/" not in pattern.rstrip("/"):
        return fnmatch.fnmatchcase(os.path.basename(rel), pattern) or any(
            fnmatch.fnmatchcase(part, pattern.rstrip("/")) for part in rel.split("/")[:-1]
        )
    if pattern.startswith("**/"):
        return glob_match(rel, pattern[3:])
    if pattern.endswith("/**"):
        return rel.startswith(pattern[:-3] + "/")
    return False


# ---------------------------------------------------------------------------------------------
# reading files

_STR_LIST = "list of strings"


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a {_STR_LIST}")
    return tuple(value)


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false")
    return value


def _str(value: Any, where: str, choices: tuple[str, ...] | None = None) -> str:
    if not isinstance(value, str) or (choices and value not in choices):
        extra = f" (one of {', '.join(choices)})" if choices else ""
        raise ConfigError(f"{where}: expected a string{extra}")
    return value


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table")
    return value


def settings_from_table(table: dict[str, Any], root: str, origin: str) -> Settings:
    """Build Settings from a `[tool.lintnews]` table; unknown keys are errors."""
    kw: dict[str, Any] = {"root": root, "config_path": origin}

    def rel(p: str) -> str:
        return p if os.path.isabs(p) else os.path.normpath(os.path.join(root, p))

    for key, value in table.items():
        where = f"{origin}: [tool.lintnews] {key}"
        if key == "select":
            kw["select"] = tuple(c.upper() for c in _strs(value, where))
        elif key == "ignore":
            kw["ignore"] = tuple(c.upper() for c in _strs(value, where))
        elif key == "extend-select":
            kw["extend_select"] = tuple(c.upper() for c in _strs(value, where))
        elif key == "per-file-ignores":
            items = []
            for glob, codes in _table(value, where).items():
                items.append((glob, tuple(c.upper() for c in _strs(codes, f"{where}.{glob}"))))
            kw["per_file_ignores"] = tuple(items)
        elif key == "severity":
            items = []
            for prefix, sev in _table(value, where).items():
                items.append(
                    (prefix.upper(), _str(sev, f"{where}.{prefix}", ("error", "warning", "info")))
                )
            kw["severity"] = tuple(items)
        elif key == "source-lang":
            kw["source_lang"] = _str(value, where, SOURCE_LANGS)
        elif key == "source-langs":
            items = []
            for glob, lang in _table(value, where).items():
                items.append((glob, _str(lang, f"{where}.{glob}", SOURCE_LANGS)))
            kw["source_langs"] = tuple(items)
        elif key in ("include", "exclude", "extend-exclude"):
            kw[key.replace("-", "_")] = _strs(value, where)
        elif key == "respect-gitignore":
            kw["respect_gitignore"] = _bool(value, where)
        elif key == "rule-dirs":
            kw["rule_dirs"] = tuple(rel(p) for p in _strs(value, where))
        elif key == "vocabulary":
            t = _table(value, where)
            for k, v in t.items():
                if k not in ("accept", "reject"):
                    raise ConfigError(f"{where}: unknown key {k!r} (accept, reject)")
                kw[f"vocabulary_{k}"] = tuple(rel(p) for p in _strs(v, f"{where}.{k}"))
        elif key == "english":
            kw["english"] = _str(value, where, ("en-US", "en-GB"))
        elif key == "quotes":
            kw["quotes"] = _str(value, where, ("lint", "skip"))
        elif key == "front-matter-fields":
            kw["front_matter_fields"] = _strs(value, where)
        elif key == "python":
            t = _table(value, where)
            for k, v in t.items():
                if k == "docstrings":
                    kw["python_docstrings"] = _bool(v, f"{where}.{k}")
                elif k == "fstrings":
                    kw["python_fstrings"] = _bool(v, f"{where}.{k}")
                elif k == "min-words":
                    if not isinstance(v, int) or v < 1:
                        raise ConfigError(f"{where}.{k}: expected a positive integer")
                    kw["python_min_words"] = v
                else:
                    raise ConfigError(f"{where}: unknown key {k!r}")
        elif key == "grammar":
            t = _table(value, where)
            for k, v in t.items():
                if k == "enabled":
                    kw["grammar"] = _bool(v, f"{where}.{k}")
                elif k == "server":
                    kw["languagetool_url"] = _str(v, f"{where}.{k}")
                elif k == "disabled-rules":
                    kw["languagetool_disabled"] = _strs(v, f"{where}.{k}")
                else:
                    raise ConfigError(f"{where}: unknown key {k!r}")
        elif key == "cache-dir":
            kw["cache_dir"] = rel(_str(value, where))
        elif key == "house-names":
            kw["house_names"] = _strs(value, where)
        else:
            raise ConfigError(f"{origin}: unknown setting {key!r} in [tool.lintnews]")
    if "cache_dir" not in kw:
        kw["cache_dir"] = os.path.join(root, ".lintnews_cache")
    return Settings(**kw)


def read_config(path: str) -> Settings:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    root = os.path.dirname(os.path.abspath(path))
    if os.path.basename(path) == "pyproject.toml":
        table = data.get("tool", {}).get("lintnews", {})
    else:
        table = data.get("tool", {}).get("lintnews", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.lintnews] must be a table")
    return settings_from_table(table, root, path)


def _has_section(path: str) -> bool:
    if os.path.basename(path) != "pyproject.toml":
        return True
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError:
        return False
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    return "lintnews" in data.get("tool", {})


@lru_cache(maxsize=1024)
def find_config(directory: str) -> str | None:
    """The nearest configuration file at or above directory."""
    d = os.path.abspath(directory)
    while True:
        for name in CONFIG_NAMES:
            p = os.path.join(d, name)
            if os.path.isfile(p) and _has_section(p):
                return p
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


@dataclass(frozen=True)
class Overrides:
    """Command-line settings applied on top of every configuration file."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    source_lang: str | None = None
    grammar: bool | None = None
    english: str | None = None
    exclude: tuple[str, ...] = ()
    cache_dir: str | None = None
    no_cache: bool = False  # --no-cache: an empty cache_dir means "read and write no cache"

    def apply(self, s: Settings) -> Settings:
        kw: dict[str, Any] = {}
        if self.select is not None:
            kw["select"] = self.select
        if self.ignore:
            kw["ignore"] = s.ignore + self.ignore
        if self.extend_select:
            kw["extend_select"] = s.extend_select + self.extend_select
        if self.source_lang:
            kw["source_lang"] = self.source_lang
            kw["source_langs"] = ()
        if self.grammar is not None:
            kw["grammar"] = self.grammar
        if self.english:
            kw["english"] = self.english
        if self.exclude:
            kw["extend_exclude"] = s.extend_exclude + self.exclude
        if self.cache_dir:
            kw["cache_dir"] = os.path.abspath(self.cache_dir)
        if self.no_cache:
            kw["cache_dir"] = ""
        return replace(s, **kw) if kw else s


class SettingsResolver:
    """Finds and caches the Settings that apply to each file."""

    def __init__(self, overrides: Overrides | None = None, config: str | None = None) -> None:
        self.overrides = overrides or Overrides()
        self.explicit = config
        self._cache: dict[str | None, Settings] = {}
        if config is not None:
            self._cache[config] = self.overrides.apply(read_config(config))

    def for_path(self, path: str) -> Settings:
        if self.explicit is not None:
            return self._cache[self.explicit]
        directory = os.path.dirname(os.path.abspath(path)) if path != "-" else os.getcwd()
        cfg = find_config(directory)
        if cfg not in self._cache:
            base = (
                read_config(cfg)
                if cfg
                else Settings(
                    root=os.getcwd(), cache_dir=os.path.join(os.getcwd(), ".lintnews_cache")
                )
            )
            self._cache[cfg] = self.overrides.apply(base)
        return self._cache[cfg]

    def default(self) -> Settings:
        return self.for_path(os.path.join(os.getcwd(), "x"))


def for_front_matter(settings: Settings, fm: dict[str, Any], where: str) -> Settings:
    """Apply an article's own `lintnews:` front-matter table (select/ignore/source_lang)."""
    kw: dict[str, Any] = {}
    lang = fm.get("source_lang") or fm.get("source-lang")
    if isinstance(lang, str) and lang in SOURCE_LANGS:
        kw["source_lang"] = lang
        kw["source_langs"] = ()
    table = fm.get("lintnews")
    if isinstance(table, dict):
        for k, v in table.items():
            if k in ("ignore", "extend-select", "select") and isinstance(v, list | str):
                vals = tuple(c.upper() for c in ([v] if isinstance(v, str) else v))
                name = k.replace("-", "_")
                kw[name] = (getattr(settings, name) or ()) + vals if k != "select" else vals
            elif k in ("source-lang", "source_lang") and v in SOURCE_LANGS:
                kw["source_lang"] = v
                kw["source_langs"] = ()
            elif k == "english" and v in ("en-US", "en-GB"):
                kw["english"] = v
    return replace(settings, **kw) if kw else settings
