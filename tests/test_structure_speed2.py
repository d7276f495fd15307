"""Fast paths of the sentence-shape rules (GB011, GB010, MT012, MT016 and the lexicon they
share) against the code they replaced.

* ``FAST_TOKEN_RE`` (the standard library's engine) finds exactly ``TOKEN_RE``'s tokens on a
  text in FAST_RANGES;
* ``sure_finite_verb`` proves more sentences than before (modals written in lower case,
  hyphenated subjects, base forms seen before) and stays a proof: whenever it says yes, the
  token-by-token definition of a finite verb finds one; and it says yes wherever the old
  version (kept verbatim below) did;
* the rules give the same findings with the old paths put back.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from corpora import texts
from test_structure_speed import reference_finite_verbs

from lintnews import document as docmod
from lintnews import lexicon as L
from lintnews.checks import mt_order, structure
from lintnews.checks import mt_order as M
from lintnews.config import Settings
from lintnews.lexicon import DETERMINERS, FAST_TOKEN_RE, TOKEN_RE, sure_finite_verb, tokenize
from lintnews.registry import Context


def old_subject_end(p: str) -> bool:
    """Is the chunk ``p`` one plain word that _scan takes for the end of a subject?"""
    return (
        p.isascii()
        and p.isalnum()
        and not L._skippable(p)
        and (p in L.SUBJECT_PRONOUNS or p in L.PLURAL_NOUNS or p not in L.FUNCTION_WORDS)
    )


def old_sure_finite_verb(text: str) -> bool:
    """A cheap proof that ``finite_verbs(tokenize(text))`` is not empty (False: no proof).

    Works on whitespace-separated chunks. A chunk made of ASCII letters and digits only is a
    token of its own (whitespace is never part of a token, and the chunk has no connector),
    and the token before it is the last one of the chunk before (or a control character
    that ``str.split`` takes for a space but the tokenizer does not). So:

    * a finite auxiliary (or, written in lower case, a past-only form) is a verb unless the
      token before it is "to", in which case the chunk before it ends in "to";
    * a past form seen before (in :data:`_KNOWN_ED`) is a verb at the start, after a
      punctuation mark, or after a plain word that can end a subject, unless "by" follows;
    * a third-person -s form seen before is a verb after a plain word that can end a subject
      (not a determiner).
    """
    lowered = text.lower()
    chunks = lowered.split()
    if not L._SURE_AUX.isdisjoint(chunks):
        if "to" not in lowered:
            return True  # (no chunk ends in "to")
        for w in L._SURE_AUX.intersection(chunks):
            for k in _positions(chunks, w, 0):
                if k == 0 or not chunks[k - 1].endswith("to"):
                    return True
    written: list[str] = []
    if not L._SURE_PAST.isdisjoint(chunks):
        written = text.split()
        for w in L._SURE_PAST.intersection(written):  # written in lower case: not a name
            for k in _positions(written, w, 0):
                if k == 0 or not chunks[k - 1].endswith("to"):
                    return True
    n = len(chunks)
    for w in L._KNOWN_ED.intersection(chunks):
        for k in _positions(chunks, w, 0):
            if k + 1 < n and chunks[k + 1].startswith("by"):
                continue  # maybe a passive participle: "stormed by demonstrators"
            if k == 0:
                return True
            written = written or text.split()
            if written[k] == w and (
                written[k - 1][-1] in L._PUNCTUATION or old_subject_end(chunks[k - 1])
            ):
                return True
    sforms = L._KNOWN_S.intersection(chunks)
    if sforms and not L._ODD_SPACE.search(text):
        written = written or text.split()
        for w in sforms:
            for k in _positions(chunks, w, 1):
                p = chunks[k - 1]
                if written[k] == w and p not in DETERMINERS and old_subject_end(p):
                    return True
    return False


def _positions(chunks: list[str], w: str, start: int) -> Iterator[int]:
    """Where ``w`` occurs in ``chunks`` from ``start`` on (the old code's helper, which
    lexicon._occurrences replaced)."""
    k = start - 1
    while True:
        try:
            k = chunks.index(w, k + 1)
        except ValueError:
            return
        yield k


# ---------------------------------------------------------------------------------------------
# texts

SETTINGS = Settings(cache_dir="")


TEXTS = texts()

VOCAB = (
    "the a an police said May Will will can Can must may to To into onto is was were had "
    "rain beat Heavy FC start-up start-up, x- -x a-b-c well-only raised agreed agreed. owners "
    "officials people they we You teams team holds plans it’s Ukraine’s this these (the the, "
    "to, go-to undo also reportedly quickly really by by, bystander stormed demonstrators "
    "Haddad , 46, ( “ ‘ [ . - ' ’ ; : the-end U.S. x.y 2021 ½ café took Took went run runs "
    "walk walks report reports Report WILL İs ſaid Kept"
).split()
SEPARATORS = (" ", " ", " ", "", "\n", "  ", "\u00a0", "\x1c", " \x1d ", "\x01")


def _sentences(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    return [
        "".join(rnd.choice(VOCAB) + rnd.choice(SEPARATORS) for _ in range(rnd.randint(0, 10)))
        for _ in range(n)
    ]


def _learn(words: list[str]) -> None:
    """Classify the words, as a run does on its way (this fills the sets of known forms)."""
    for w in words:
        L._classify(w.lower().replace("’", "'"))


# ---------------------------------------------------------------------------------------------
# the token pattern


def test_fast_token_re_is_token_re_on_fast_texts() -> None:
    checked = 0
    for text in TEXTS:
        if docmod.in_fast_ranges(text):
            assert FAST_TOKEN_RE.findall(text) == TOKEN_RE.findall(text)
            checked += 1
    assert checked > 100


def test_fast_token_re_on_every_fast_character() -> None:
    chars = [chr(c) for a, b in docmod.FAST_RANGES for c in range(a, b + 1)]
    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice(chars + list("ab1'’-. ")) for _ in range(rnd.randint(1, 12)))
        assert FAST_TOKEN_RE.findall(text) == TOKEN_RE.findall(text), ascii(text)


def test_token_re_picks_the_regex_module_outside_fast_ranges() -> None:
    fast = docmod.parse("a.md", "Police said so.\n", settings=SETTINGS)
    slow = docmod.parse("a.md", "Police said 警察 so.\n", settings=SETTINGS)
    assert L.token_re(fast) is FAST_TOKEN_RE
    assert L.token_re(slow) is TOKEN_RE


# ---------------------------------------------------------------------------------------------
# sure_finite_verb


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
def test_sure_finite_verb_is_a_proof_and_proves_what_it_did(seed: int) -> None:
    _learn(VOCAB)
    assert {"rain", "beat"} <= L._KNOWN_BASE
    proved = 0
    for text in _sentences(seed, 4000):
        new = sure_finite_verb(text)
        if new:
            assert reference_finite_verbs(tokenize(text)), ascii(text)
            proved += 1
        if old_sure_finite_verb(text):
            assert new, ascii(text)
    assert proved > 1000


def test_sure_finite_verb_on_article_sentences() -> None:
    for text in TEXTS[:600]:
        doc = docmod.parse("a.md", text, settings=SETTINGS)
        for sent in doc.sentences:
            seg = doc.view[sent.start : sent.end]
            if sure_finite_verb(seg):
                assert reference_finite_verbs(tokenize(seg)), seg
            elif old_sure_finite_verb(seg):
                pytest.fail(seg)


def test_new_proofs(monkeypatch: pytest.MonkeyPatch) -> None:
    # only these forms known (earlier tests of the process may have taught it "left" and
    # others, which would prove some of the sentences below by another word)
    for name in ("_KNOWN_ED", "_KNOWN_S", "_KNOWN_BASE"):
        monkeypatch.setattr(L, name, set())
    monkeypatch.setattr(
        L, "_KNOWN", {L._PAST_ED: L._KNOWN_ED, L._S_FORM: L._KNOWN_S, L._BASE: L._KNOWN_BASE}
    )
    monkeypatch.setattr(L, "_CLASS", {})
    _learn(["rain", "beat", "raised"])
    assert sure_finite_verb("Schools will remain closed.")
    assert sure_finite_verb("Officials, he said, will decide.")
    assert not sure_finite_verb("He left the will to them.")  # "the will"
    assert not sure_finite_verb("Nobody knows if May rain comes.")  # a name; "May rain"
    assert sure_finite_verb("Heavy rain caused floods.")
    assert sure_finite_verb("Ostrava FC beat Sant United.")
    assert not sure_finite_verb("Ostrava FC\x1c beat Sant United.")  # a token between
    assert not sure_finite_verb("A heavy rain.")
    assert sure_finite_verb("The start-up raised $2 million.")
    for text in ("Schools will remain closed.", "Heavy rain fell.", "The start-up raised it."):
        assert reference_finite_verbs(tokenize(text))


# ---------------------------------------------------------------------------------------------
# the rules, with the old paths put back


def _findings(codes: tuple[str, ...]) -> list[tuple[str, int, int, str]]:
    from lintnews.engine import get_registry

    rules = [r for r in get_registry(SETTINGS).select(None) if r.code in codes]
    out = []
    for i, text in enumerate(TEXTS):
        for name in ("a.md", "a.txt"):
            doc = docmod.parse(name, text, settings=SETTINGS)
            ctx = Context(SETTINGS)
            for r in rules:
                for d in r.check(doc, ctx):
                    out.append((r.code, i, d.start, d.end, d.message))
    return out


def test_rules_give_the_findings_of_the_old_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    codes = ("GB010", "GB011", "GB012", "GB014", "MT011", "MT012", "MT016")
    _learn(VOCAB)
    new = _findings(codes)
    monkeypatch.setattr(structure, "sure_finite_verb", old_sure_finite_verb)
    monkeypatch.setattr(structure, "token_re", lambda doc: TOKEN_RE)
    monkeypatch.setattr(mt_order, "token_re", lambda doc: TOKEN_RE)
    assert _findings(codes) == new
    assert any(c == "GB011" for c, *_ in new)


def old_mt012_check(self: Any, doc: Any, ctx: Context) -> Iterator[Any]:
    """GermanVerbOrder.check before the end-of-sentence test was written inline."""
    view = doc.view
    heads = M.sentence_heads(doc, ctx)
    marked = M.marked_sentences(doc, ctx, "mt012.pronoun", M._PRONOUN_MARKS, view)
    marked = marked | M.marked_sentences(doc, ctx, "mt012.final", M._FINAL_MARKS, view)
    for k, sent in enumerate(doc.sentences):
        # V2_RE needs a fronted time word first; PRONOUN_V2_RE and FINAL_RE a mark, or
        # an auxiliary at the very end
        head = heads[k]
        v2 = head is None or head in M._V2_FRONT_FIRST
        later = k in marked or M._ends_with(view, sent.start, sent.end, M._FINAL_AUX)
        if not (v2 or later):
            continue
        text = view[sent.start : sent.end]
        if text.rstrip().endswith("?"):
            continue
        m = M.V2_RE.match(text) if v2 else None
        hit = M._v2_verb(m) if m else None
        if m and hit is not None:
            s, e = sent.start + m.start("aux"), sent.start + hit
            subj = M._flat(text[m.start("det") : hit]).rsplit(" ", 1)[0]
            msg = (
                f'German verb-second order ("{M._flat(m.group("front"))} {M._flat(view[s:e])}"); '
                f'English keeps the subject before the verb: "{M._flat(m.group("front"))} '
                f'{subj} {m.group("aux").lower()} …"'
            )
            yield self.diagnostic(s, e, msg, None)
        if not later:
            continue
        pm = M.PRONOUN_V2_RE.match(text)
        if pm and "?" not in text:
            pre = [w.lower() for w in pm.group("pre").split()]
            if not (set(pre) & M._INVERSION_TRIGGERS) and not M.has_finite_verb(pm.group("pre")):
                s = sent.start + pm.start("aux")
                e = sent.start + pm.end("pro")
                msg = (
                    f'German verb-second order ("{M._flat(view[s:e])}" after '
                    f'"{M._flat(pm.group("pre"))}"); English puts the subject first: '
                    f'"{pm.group("pro")} {pm.group("aux").lower()} …"'
                )
                yield self.diagnostic(s, e, msg, None)
        for f in M.FINAL_RE.finditer(text):
            verb = f.group("verb")
            if not M._is_participle(verb) and not (
                f.group("aux").lower() in ("will", "would", "can", "could", "must", "should")
                and M._can_be_base(verb)
            ):
                continue
            if verb.lower() in ("been", "be", "have", "done", "so", "too"):
                continue
            # A subordinate clause with a noun subject must open before the verb, with more
            # words between than an English clause would leave ("that the vote passed was").
            head = text[: f.start()]
            sub = None
            for sm in M._SUB_START.finditer(head):
                sub = sm
            if sub is None:
                continue
            between = head[sub.end() :].split()
            if len(between) < 3 or any(
                w.lower() in ("has", "have", "had", "is", "was", "were", "are", "will", "would")
                for w in between
            ):
                continue
            s, e = sent.start + f.start("verb"), sent.start + f.end("aux")
            msg = (
                f'German verb-final order ("{M._flat(view[s:e])}" at the end of the clause); '
                "English puts the verb after its subject and before its object"
            )
            yield self.diagnostic(s, e, msg, None)


def test_mt012_gives_the_findings_of_its_old_check() -> None:
    rule = mt_order.GermanVerbOrder()
    extra = [
        "The mayor said that the council the new budget approved has",
        "He said that the town the plan approved has  ",
        "Residents said the bridge for two weeks closed was\t",
        "It is what it is",
        "",
    ]
    found = 0
    for text in TEXTS + extra + [" ".join(extra)]:
        doc = docmod.parse("a.txt", text, settings=SETTINGS)
        new = [(d.start, d.end, d.message) for d in rule.check(doc, Context(SETTINGS))]
        old = [(d.start, d.end, d.message) for d in old_mt012_check(rule, doc, Context(SETTINGS))]
        assert new == old, text[:200]
        found += len(new)
    assert found
