"""American and British spellings.

:func:`counterpart` tells whether a lowercase word is a spelling specific to one variant and
gives the other variant's form: ``counterpart("colour") == ("en-GB", "color")``. The spelling
rule uses it so that neither variant's spelling is ever reported as a typo; the mixing rule
(TY004) uses it to find articles that use both.

The pairs come from patterns over stems written here (-or/-our, -er/-re, -og/-ogue, -l-/-ll-,
-ense/-ence, ae/oe/e) plus a rule for -ize/-ise and -yze/-yse checked against the
dictionary. Some words are markers in one direction only: "metre" is British, but "meter"
(the device) is British too, so "meter" marks nothing.
"""

from __future__ import annotations

import threading

US, GB = "en-US", "en-GB"

# -or (US) / -our (GB) stems, with the endings both variants share.
_OUR_STEMS = """
    arbor ardor armor behavior candor clamor color demeanor endeavor favor fervor flavor
    harbor honor humor labor misbehavior misdemeanor neighbor odor parlor rancor rigor rumor
    savior savor splendor tumor valor vapor vigor
"""
_OUR_ENDINGS = (
    "",
    "s",
    "ed",
    "ing",
    "ful",
    "fully",
    "less",
    "able",
    "ably",
    "er",
    "ers",
    "ite",
    "ites",
    "itism",
    "hood",
    "hoods",
    "ly",
    "liness",
    "al",
    "ally",
    "y",
    "ist",
    "ists",
)

# -er (US) / -re (GB): stem without the ending.
_RE_STEMS = """
    cent epicent theat lit fib calib sab somb spect lust meag sepulch mit och goit
    kilomet centimet millimet reconnoit
"""

# -l- (US) / -ll- (GB) before -ed, -ing, -er.
_LL_STEMS = """
    apparel bedevel bevel cancel channel chisel counsel cudgel dial dishevel drivel duel
    enamel equal fuel gambol gravel grovel jewel kennel label level libel marshal marvel
    medal model panel parcel pedal pencil pummel quarrel refuel revel rival shovel shrivel
    signal snivel spiral stencil swivel total towel travel tunnel unravel yodel
"""
_LL_ENDINGS = (("ed", "led"), ("ing", "ling"), ("er", "ler"), ("ers", "lers"))

# Whole-word pairs (US, GB), both directions.
_PAIRS = """
    aging ageing
    airplane aeroplane
    airplanes aeroplanes
    aluminum aluminium
    analog analogue
    analogs analogues
    anemia anaemia
    anemic anaemic
    anesthesia anaesthesia
    anesthetic anaesthetic
    anesthetics anaesthetics
    anesthetist anaesthetist
    appall appal
    appalls appals
    artifact artefact
    artifacts artefacts
    ax axe
    catalog catalogue
    catalogs catalogues
    cataloged catalogued
    cataloging cataloguing
    cesarean caesarean
    councilor councillor
    councilors councillors
    counselor counsellor
    counselors counsellors
    cozy cosy
    defense defence
    defenses defences
    defenseless defenceless
    diarrhea diarrhoea
    distill distil
    distills distils
    enroll enrol
    enrolls enrols
    enrollment enrolment
    enrollments enrolments
    esophagus oesophagus
    estrogen oestrogen
    fetus foetus
    fetuses foetuses
    fulfill fulfil
    fulfills fulfils
    fulfillment fulfilment
    gray grey
    grays greys
    grayish greyish
    gynecology gynaecology
    gynecologist gynaecologist
    hematology haematology
    hemoglobin haemoglobin
    hemophilia haemophilia
    hemorrhage haemorrhage
    hemorrhages haemorrhages
    hemorrhaging haemorrhaging
    homeopathy homoeopathy
    installment instalment
    installments instalments
    instill instil
    instills instils
    jeweler jeweller
    jewelers jewellers
    jewelry jewellery
    leukemia leukaemia
    mold mould
    molds moulds
    molded moulded
    molding moulding
    moldy mouldy
    maneuver manoeuvre
    maneuvers manoeuvres
    maneuvered manoeuvred
    maneuvering manoeuvring
    marvelous marvellous
    marvelously marvellously
    math maths
    mustache moustache
    mustaches moustaches
    offense offence
    offenses offences
    orthopedic orthopaedic
    pajamas pyjamas
    paleontology palaeontology
    pediatric paediatric
    pediatrician paediatrician
    pediatricians paediatricians
    plow plough
    plows ploughs
    plowed ploughed
    plowing ploughing
    practiced practised
    practicing practising
    pretense pretence
    ruble rouble
    rubles roubles
    skeptic sceptic
    skeptics sceptics
    skeptical sceptical
    skeptically sceptically
    skepticism scepticism
    skillful skilful
    skillfully skilfully
    sulfur sulphur
    sulfuric sulphuric
    willful wilful
    willfully wilfully
    woolen woollen
    yogurt yoghurt
"""

# British-only forms whose American counterpart is a word in British English too.
_GB_ONLY = """
    cheque check
    cheques checks
    kerb curb
    kerbs curbs
    licence license
    licences licenses
    metre meter
    metres meters
    practise practice
    practises practices
    programme program
    programmes programs
    storey story
    storeys stories
    tyre tire
    tyres tires
"""

# -ise words that are not variants of an -ize word (or whose -ize form is a different word).
_ISE_WORDS = set(
    """
    advise apprise arise bruise chastise circumcise comprise compromise concise cruise demise
    despise devise disguise enterprise excise exercise expertise franchise guise improvise
    incise merchandise mortise noise otherwise paradise poise praise precise premise prise
    promise raise reprise revise rise supervise surmise surprise televise treatise wise
    """.split()
)
# -ize words used on both sides of the Atlantic.
_IZE_WORDS = set(
    """
    baize capsize downsize maize oversize prize resize seize size supersize upsize
    """.split()
)
_ISE_ENDINGS = (
    ("ise", "ize"),
    ("ises", "izes"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("isations", "izations"),
    ("iser", "izer"),
    ("isers", "izers"),
    ("yse", "yze"),
    ("yses", "yzes"),
    ("ysed", "yzed"),
    ("ysing", "yzing"),
    ("yser", "yzer"),
)

_LOCK = threading.RLock()  # _table() builds from _entries()
_TABLE: dict[str, tuple[str, str]] | None = None
# word -> the pairs it belongs to, in order: (its variant, the other form, the two forms that
# must both be attested words for the pair to count, or None for a listed pair).
_Entry = tuple[str, str, "tuple[str, str] | None"]
_ENTRIES: dict[str, list[_Entry]] | None = None
_FOUND: dict[str, tuple[str, str] | None] = {}


def _build_entries() -> dict[str, list[_Entry]]:
    entries: dict[str, list[_Entry]] = {}

    def pair(us: str, gb: str, listed: bool = False) -> None:
        # Pattern-made pairs count only when both forms are attested words.
        need = None if listed else (us, gb)
        entries.setdefault(us, []).append((US, gb, need))
        entries.setdefault(gb, []).append((GB, us, need))

    for stem in _OUR_STEMS.split():
        base = stem[:-2]  # "col" + or / our
        for end in _OUR_ENDINGS:
            pair(base + "or" + end, base + "our" + end)
    for stem in _RE_STEMS.split():
        pair(stem + "er", stem + "re")
        pair(stem + "ers", stem + "res")
        pair(stem + "ered", stem + "red")
        pair(stem + "ering", stem + "ring")
    for stem in _LL_STEMS.split():
        for us_end, gb_end in _LL_ENDINGS:
            pair(stem + us_end, stem + gb_end)
    for line in _PAIRS.strip().splitlines():
        us, gb = line.split()
        pair(us, gb, listed=True)
    for line in _GB_ONLY.strip().splitlines():
        gb, us = line.split()
        entries.setdefault(gb, []).append((GB, us, None))
    return entries


def _entries() -> dict[str, list[_Entry]]:
    global _ENTRIES
    if _ENTRIES is None:
        with _LOCK:
            if _ENTRIES is None:
                _ENTRIES = _build_entries()
    return _ENTRIES


def _listed(word: str) -> tuple[str, str] | None:
    """The first pair of `word` that counts (pairs are checked against the lexicon only
    when a word of theirs is asked about: building them all costs ms at start-up)."""
    try:
        return _FOUND[word]
    except KeyError:
        pass
    hit = None
    entries = _entries().get(word)
    if entries:
        from lintnews.spelling.lexicon import get_lexicon

        lex = get_lexicon()
        for variant, other, need in entries:
            if need is None or (lex.zipf(need[0]) >= 1.0 and lex.zipf(need[1]) >= 1.0):
                hit = (variant, other)
                break
    if len(_FOUND) >= 100_000:
        _FOUND.clear()
    _FOUND[word] = hit
    return hit


def _build() -> dict[str, tuple[str, str]]:
    """word -> (variant the word belongs to, the other variant's form)."""
    table: dict[str, tuple[str, str]] = {}
    for word in _entries():
        hit = _listed(word)
        if hit is not None:
            table[word] = hit
    return table


def _table() -> dict[str, tuple[str, str]]:
    global _TABLE
    if _TABLE is None:
        with _LOCK:
            if _TABLE is None:
                _TABLE = _build()
    return _TABLE


def _ise_ize(word: str) -> tuple[str, str] | None:
    """-ise/-ize and -yse/-yze by rule; the -ize form must be a dictionary word."""
    from lintnews.spelling.lexicon import get_lexicon

    for gb_end, us_end in _ISE_ENDINGS:
        if word.endswith(gb_end):
            stem = word[: -len(gb_end)]
            if len(stem) < 3 or stem + gb_end[:3] in _ISE_WORDS:
                return None
            if stem + ("ise" if gb_end[0] == "i" else "yse") in _ISE_WORDS:
                return None
            us = stem + us_end
            lex = get_lexicon()
            if lex.in_dictionary(us) and not lex.in_dictionary(word):
                return (GB, us)
            return None
        if word.endswith(us_end):
            stem = word[: -len(us_end)]
            head = stem + ("ize" if us_end[0] == "i" else "yze")
            if len(stem) < 3 or head in _IZE_WORDS:
                return None
            gb = stem + gb_end
            lex = get_lexicon()
            if lex.in_dictionary(word) and lex.zipf(gb) >= 1.5:
                return (US, gb)
            return None
    return None


def counterpart(word: str) -> tuple[str, str] | None:
    """(variant of `word`, the other variant's spelling) for a lowercase word, else None."""
    hit = _listed(word)
    if hit is not None:
        return hit
    if "is" in word or "iz" in word or "ys" in word or "yz" in word:
        return _ise_ize(word)
    return None


def to_variant(word: str, english: str) -> str:
    """The spelling of a lowercase word in the given variant (the word itself if neutral)."""
    hit = counterpart(word)
    if hit is None or hit[0] == english:
        return word
    return hit[1]


def pairs() -> dict[str, tuple[str, str]]:
    """The listed pairs (without the -ise/-ize rule), for documentation and tests."""
    return dict(_table())
