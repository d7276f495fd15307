"""The phrase mini-language of rule packs (see docs/rule-packs.md) compiled to regexes.

``suppose~ a {challenge|threat}`` becomes a case-insensitive pattern matching "supposes a
threat"; the first ``~`` word is captured so a suggestion can take the same form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lintnews import inflect

WORDCHARS = r"[\w'’\-]+"


class PhraseError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class CompiledPhrase:
    pattern: str  # regex source
    anchors: frozenset[str] | None  # lower-case words one of which must occur; None: unknown
    inflected: str | None  # base word of the first ``~`` token, if any


def _split_top(s: str, sep: str) -> list[str]:
    """Split on sep outside braces and brackets."""
    out, depth, cur = [], 0, []
    for ch in s:
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        if ch == sep and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if depth != 0:
        raise PhraseError(f"unbalanced braces or brackets in {s!r}")
    out.append("".join(cur))
    return out


def _tokens(s: str) -> list[str]:
    toks, depth, cur = [], 0, []
    for ch in s.strip():
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth < 0:
                raise PhraseError(f"unbalanced braces or brackets in {s!r}")
        if ch.isspace() and depth == 0:
            if cur:
                toks.append("".join(cur))
                cur = []
        else:
            cur.append(ch)
    if depth != 0:
        raise PhraseError(f"unbalanced braces or brackets in {s!r}")
    if cur:
        toks.append("".join(cur))
    return toks


class _Compiler:
    def __init__(self) -> None:
        self.inflected: str | None = None
        self.group_used = False

    def word(self, tok: str) -> tuple[str, set[str] | None]:
        """Regex for a plain token (may end with ~); returns (regex, anchor words)."""
        if tok == "_":
            return WORDCHARS, None
        infl = tok.endswith("~")
        if infl:
            tok = tok[:-1]
            if not tok or not re.fullmatch(r"[\w'’\-]+", tok):
                raise PhraseError(f"'~' must follow a word, not {tok!r}")
            vs = inflect.variants(tok)
            body = "(?:" + "|".join(re.escape(v) for v in vs) + ")"
            if self.inflected is None:
                self.inflected = tok
                body = f"(?P<infl>{body[3:-1]})"
            anchors = set(vs)
        else:
            body = re.escape(tok)
            anchors = {tok.lower()}
        body = body.replace("'", "\x00").replace("’", "\x00").replace("\x00", "['’]")
        anchors = {a.replace("’", "'") for a in anchors}
        return body, _anchor_words(anchors)

    def seq(self, s: str) -> tuple[str, set[str] | None]:
        """Regex for a sequence of tokens; anchors from its most selective required token."""
        items: list[tuple[str, bool]] = []  # (regex, optional)
        best: set[str] | None = None
        for tok in _tokens(s):
            optional = False
            if tok == "_?":
                rx, anc, optional = WORDCHARS, None, True
            elif tok.startswith("[") and tok.endswith("]"):
                rx, anc = self.alt(tok[1:-1])
                optional, anc = True, None
            elif tok.startswith("{") and tok.endswith("}"):
                rx, anc = self.alt(tok[1:-1])
            elif "{" in tok or "[" in tok:
                raise PhraseError(f"groups must stand alone between spaces: {tok!r}")
            else:
                rx, anc = self.word(tok)
            items.append((rx, optional))
            if anc is not None and (best is None or _weight(anc) < _weight(best)):
                best = anc
        if not items:
            raise PhraseError("empty phrase")
        out = ""
        for i, (rx, optional) in enumerate(items):
            last = i == len(items) - 1
            if optional:
                out += f"(?:{rx}\\s+)?" if not last else f"(?:\\s+{rx})?"
            else:
                out += rx + ("" if last else r"\s+")
        if items[-1][1] and len(items) > 1:
            # "x [y]": the separator before y is inside the optional group; drop the one before.
            out = out.replace(r"\s+(?:\s+", "(?:\\s+", 1)
        return out, best

    def alt(self, s: str) -> tuple[str, set[str] | None]:
        parts = _split_top(s, "|")
        rxs, anchors = [], set()
        complete = True
        for p in parts:
            rx, anc = self.seq(p)
            rxs.append(rx)
            if anc is None:
                complete = False
            else:
                anchors |= anc
        return "(?:" + "|".join(rxs) + ")", (anchors if complete else None)


def _weight(anchors: set[str]) -> tuple[int, int]:
    common = {"the", "a", "an", "of", "to", "in", "and", "on", "for", "by", "at", "with", "is"}
    return (sum(1 for a in anchors if a in common) * 100 + len(anchors), 0)


def _anchor_words(words: set[str]) -> set[str] | None:
    """Anchor on word tokens (split at hyphens and apostrophes like the document's index)."""
    out = set()
    for w in words:
        parts = [p for p in re.split(r"[-'’\s]+", w.lower()) if p]
        if not parts:
            return None
        out.add(max(parts, key=len))
    return out


@lru_cache(maxsize=8192)
def compile_phrase(phrase: str) -> CompiledPhrase:
    c = _Compiler()
    body, anchors = c.alt(phrase)
    first = phrase.strip()[:1]
    last = phrase.strip()[-1:]
    pre = r"(?<![\w])" if re.match(r"[\w{\[_'’]", first) else ""
    post = r"(?![\w])" if re.match(r"[\w}\]~_'’]", last) else ""
    return CompiledPhrase(pre + body + post, frozenset(anchors) if anchors else None, c.inflected)


def render_suggestion(template: str, inflected: str | None, matched_word: str | None) -> str:
    """Apply the matched form of the inflected word to every ``word~`` in the suggestion."""
    if "~" not in template:
        return template
    form = inflect.BASE
    if inflected and matched_word:
        form = inflect.form_of(inflected, matched_word)

    def sub(m: re.Match[str]) -> str:
        w = m.group(1)
        out = inflect.inflect(w, form)
        return out[:1].upper() + out[1:] if w[:1].isupper() else out

    return re.sub(r"([\w'’\-]+)~", sub, template)


def match_case(suggestion: str, matched: str) -> str:
    """Give the suggestion the match's initial capital (or all caps for one-word all caps)."""
    if not suggestion or not matched:
        return suggestion
    if matched[0].isupper() and suggestion[0].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion
