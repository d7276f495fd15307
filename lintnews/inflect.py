"""English inflection for phrase patterns: ``suppose~`` matches suppose/supposes/supposed/supposing.

Forms are numbered: 0 base, 1 -s (third person or plural), 2 past, 3 -ing, 4 past participle.
"""

from __future__ import annotations

from functools import lru_cache

BASE, S_FORM, PAST, ING, PARTICIPLE = range(5)

# base: (past, past participle). Written for this project from common English grammar facts.
_IRREGULAR = {
    "arise": ("arose", "arisen"),
    "be": ("was", "been"),
    "bear": ("bore", "borne"),
    "beat": ("beat", "beaten"),
    "become": ("became", "become"),
    "begin": ("began", "begun"),
    "bend": ("bent", "bent"),
    "bet": ("bet", "bet"),
    "bid": ("bid", "bid"),
    "bind": ("bound", "bound"),
    "bite": ("bit", "bitten"),
    "bleed": ("bled", "bled"),
    "blow": ("blew", "blown"),
    "break": ("broke", "broken"),
    "bring": ("brought", "brought"),
    "build": ("built", "built"),
    "burn": ("burned", "burnt"),
    "burst": ("burst", "burst"),
    "buy": ("bought", "bought"),
    "cast": ("cast", "cast"),
    "catch": ("caught", "caught"),
    "choose": ("chose", "chosen"),
    "come": ("came", "come"),
    "cost": ("cost", "cost"),
    "cut": ("cut", "cut"),
    "deal": ("dealt", "dealt"),
    "dig": ("dug", "dug"),
    "do": ("did", "done"),
    "draw": ("drew", "drawn"),
    "drink": ("drank", "drunk"),
    "drive": ("drove", "driven"),
    "eat": ("ate", "eaten"),
    "fall": ("fell", "fallen"),
    "feed": ("fed", "fed"),
    "feel": ("felt", "felt"),
    "fight": ("fought", "fought"),
    "find": ("found", "found"),
    "flee": ("fled", "fled"),
    "fly": ("flew", "flown"),
    "forbid": ("forbade", "forbidden"),
    "forget": ("forgot", "forgotten"),
    "forgive": ("forgave", "forgiven"),
    "freeze": ("froze", "frozen"),
    "get": ("got", "gotten"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "grow": ("grew", "grown"),
    "hang": ("hung", "hung"),
    "have": ("had", "had"),
    "hear": ("heard", "heard"),
    "hide": ("hid", "hidden"),
    "hit": ("hit", "hit"),
    "hold": ("held", "held"),
    "hurt": ("hurt", "hurt"),
    "keep": ("kept", "kept"),
    "know": ("knew", "known"),
    "lay": ("laid", "laid"),
    "lead": ("led", "led"),
    "leave": ("left", "left"),
    "lend": ("lent", "lent"),
    "let": ("let", "let"),
    "lie": ("lay", "lain"),
    "light": ("lit", "lit"),
    "lose": ("lost", "lost"),
    "make": ("made", "made"),
    "mean": ("meant", "meant"),
    "meet": ("met", "met"),
    "overcome": ("overcame", "overcome"),
    "pay": ("paid", "paid"),
    "put": ("put", "put"),
    "quit": ("quit", "quit"),
    "read": ("read", "read"),
    "ride": ("rode", "ridden"),
    "ring": ("rang", "rung"),
    "rise": ("rose", "risen"),
    "run": ("ran", "run"),
    "say": ("said", "said"),
    "see": ("saw", "seen"),
    "seek": ("sought", "sought"),
    "sell": ("sold", "sold"),
    "send": ("sent", "sent"),
    "set": ("set", "set"),
    "shake": ("shook", "shaken"),
    "shoot": ("shot", "shot"),
    "show": ("showed", "shown"),
    "shut": ("shut", "shut"),
    "sing": ("sang", "sung"),
    "sink": ("sank", "sunk"),
    "sit": ("sat", "sat"),
    "sleep": ("slept", "slept"),
    "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"),
    "split": ("split", "split"),
    "spread": ("spread", "spread"),
    "stand": ("stood", "stood"),
    "steal": ("stole", "stolen"),
    "stick": ("stuck", "stuck"),
    "strike": ("struck", "struck"),
    "swear": ("swore", "sworn"),
    "sweep": ("swept", "swept"),
    "swim": ("swam", "swum"),
    "take": ("took", "taken"),
    "teach": ("taught", "taught"),
    "tear": ("tore", "torn"),
    "tell": ("told", "told"),
    "think": ("thought", "thought"),
    "throw": ("threw", "thrown"),
    "understand": ("understood", "understood"),
    "undertake": ("undertook", "undertaken"),
    "uphold": ("upheld", "upheld"),
    "wake": ("woke", "woken"),
    "wear": ("wore", "worn"),
    "win": ("won", "won"),
    "withdraw": ("withdrew", "withdrawn"),
    "write": ("wrote", "written"),
}
_S_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}
_NOUN_PLURALS = {
    "man": "men",
    "woman": "women",
    "child": "children",
    "person": "people",
    "policeman": "policemen",
    "policewoman": "policewomen",
    "crisis": "crises",
    "thesis": "theses",
    "analysis": "analyses",
    "life": "lives",
    "knife": "knives",
    "wife": "wives",
    "thief": "thieves",
    "leaf": "leaves",
    "half": "halves",
    "foot": "feet",
    "mouse": "mice",
    "tooth": "teeth",
    "criterion": "criteria",
    "phenomenon": "phenomena",
}
_VOWELS = set("aeiou")


def _s_form(w: str) -> str:
    if w in _S_IRREGULAR:
        return _S_IRREGULAR[w]
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    if len(w) > 1 and w.endswith("y") and w[-2] not in _VOWELS:
        return w[:-1] + "ies"
    return w + "s"


def _doubles(w: str) -> bool:
    """Short consonant-vowel-consonant words double their last letter (stop → stopped)."""
    return (
        len(w) >= 3
        and w[-1] not in _VOWELS
        and w[-1] not in "wxy"
        and w[-2] in _VOWELS
        and w[-3] not in _VOWELS
        and sum(1 for c in w if c in _VOWELS) == 1
    )


def _past(w: str) -> str:
    if w in _IRREGULAR:
        return _IRREGULAR[w][0]
    if w.endswith("e"):
        return w + "d"
    if len(w) > 1 and w.endswith("y") and w[-2] not in _VOWELS:
        return w[:-1] + "ied"
    if _doubles(w):
        return w + w[-1] + "ed"
    return w + "ed"


def _ing(w: str) -> str:
    if w == "be":
        return "being"
    if w.endswith("ie"):
        return w[:-2] + "ying"
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")) and len(w) > 2:
        return w[:-1] + "ing"
    if _doubles(w):
        return w + w[-1] + "ing"
    return w + "ing"


def _participle(w: str) -> str:
    if w in _IRREGULAR:
        return _IRREGULAR[w][1]
    return _past(w)


@lru_cache(maxsize=4096)
def forms(word: str) -> tuple[str, ...]:
    """The five forms of a word (base, -s, past, -ing, participle), lower case."""
    w = word.lower()
    if " " in w or not w.isalpha():
        return (w, w, w, w, w)
    if w in _NOUN_PLURALS:
        p = _NOUN_PLURALS[w]
        return (w, p, w, w, w)
    return (w, _s_form(w), _past(w), _ing(w), _participle(w))


@lru_cache(maxsize=4096)
def variants(word: str) -> tuple[str, ...]:
    """Every spelling that ``word~`` matches (forms plus common alternatives), longest first."""
    w = word.lower()
    out = set(forms(w))
    if w in _IRREGULAR:
        out.update(_IRREGULAR[w])
    if w == "be":
        out.update({"am", "are", "is", "was", "were", "been", "being"})
    if w.endswith("o"):
        out.add(w + "es")
    if _doubles(w):  # accept both "focused" and "focussed"
        out.update({w + "ed", w + "ing"})
    return tuple(sorted(out, key=lambda s: (-len(s), s)))


def form_of(word: str, matched: str) -> int:
    """Which form of ``word`` the matched spelling is (BASE when unknown)."""
    m = matched.lower()
    fs = forms(word)
    if m in fs:
        if m == fs[PAST] and fs[PAST] != fs[PARTICIPLE]:
            return PAST
        return fs.index(m)
    if word.lower() == "be":
        return {"is": S_FORM, "was": PAST, "were": PAST, "been": PARTICIPLE, "being": ING}.get(
            m, BASE
        )
    return BASE


def inflect(word: str, form: int) -> str:
    return forms(word)[form]
