"""Structural machine-translation signals that generalise beyond any phrase list (MT0##).

Foreign word order (nationality adjective after the noun, inverted reporting clauses),
foreign date and number formats, foreign quotation marks, untranslated words and scripts.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from lintnews.diagnostic import Diagnostic, Edit, Fix
from lintnews.document import WORD_RE, Document
from lintnews.registry import LANGUAGE_NAMES, Context, Rule, register

# Demonyms used as adjectives (a fact list written for lintnews).
NATIONALITIES = (
    "Afghan Albanian Algerian American Angolan Argentine Argentinian Armenian Australian "
    "Austrian Azerbaijani Bahraini Bangladeshi Belarusian Belgian Bolivian Bosnian Brazilian "
    "British Bulgarian Burmese Cambodian Cameroonian Canadian Catalan Chadian Chilean Chinese "
    "Colombian Congolese Croatian Cuban Cypriot Czech Danish Dutch Ecuadorian Egyptian "
    "Emirati Eritrean Estonian Ethiopian Filipino Finnish French Georgian German Ghanaian "
    "Greek Guatemalan Haitian Honduran Hungarian Icelandic Indian Indonesian Iranian Iraqi "
    "Irish Israeli Italian Ivorian Jamaican Japanese Jordanian Kazakh Kazakhstani Kenyan "
    "Korean Kosovar Kuwaiti Kyrgyz Lao Latvian Lebanese Libyan Lithuanian Macedonian Malaysian "
    "Malian Maltese Mexican Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian "
    "Nepalese Nicaraguan Nigerian Nigerien Norwegian Pakistani Palestinian Panamanian "
    "Paraguayan Peruvian Polish Portuguese Qatari Romanian Russian Rwandan Saudi Scottish "
    "Senegalese Serbian Singaporean Slovak Slovenian Somali Spanish Sudanese Swedish Swiss "
    "Syrian Taiwanese Tajik Tanzanian Thai Tunisian Turkish Turkmen Ugandan Ukrainian "
    "Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Zambian Zimbabwean"
).split()
_NAT = "|".join(sorted(NATIONALITIES, key=len, reverse=True))

# Institution heads that take a nationality adjective in front in English.
_INSTITUTION = (
    r"(?:Ministry|ministry|Ministry\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+Affairs)?"
    r"|ministry\s+of\s+(?:the\s+)?[A-Za-z]+(?:\s+[Aa]ffairs)?|Government|government"
    r"|Parliament|parliament|Army|army|Navy|navy|Air\s+Force|Police|police|Embassy|embassy"
    r"|Consulate|consulate|Presidency|presidency|Executive|Foreign\s+Ministry"
    r"|Interior\s+Ministry|Defen[cs]e\s+Ministry|Health\s+Ministry|authorities|Senate|Congress"
    r"|press|media|troops|forces|Armed\s+Forces|armed\s+forces|capital|team|national\s+team)"
)
# What may follow a misplaced adjective: punctuation, a verb or a function word - not a noun.
_AFTER = (
    r"(?=\s*[,.;:!?)\]”\"]|\s*$|\s+(?:cited|said|says|has|have|had|is|was|were|are|which|who"
    r"|that|announced|reported|confirmed|stated|added|explained|indicated|in|on|at|and|but"
    r"|to|by|for|with|did|does|will|would|could|also|itself)\b)"
)
NAT_AFTER_RE = regex.compile(
    rf"(?<![\w-])(?P<head>{_INSTITUTION})\s+(?P<nat>{_NAT})(?![\w-]){_AFTER}", regex.M
)
_MINISTRY_OF_RE = regex.compile(
    r"^(?P<m>[Mm]inistry)\s+of\s+(?:the\s+)?(?P<what>[A-Za-z]+)(?:\s+[Aa]ffairs)?$"
)
_WHAT = {
    "interior": "Interior",
    "foreign": "Foreign",
    "exterior": "Foreign",
    "defense": "Defense",
    "defence": "Defence",
    "health": "Health",
    "justice": "Justice",
    "economy": "Economy",
    "finance": "Finance",
    "education": "Education",
    "energy": "Energy",
    "emergencies": "Emergencies",
    "emergency": "Emergency",
    "agriculture": "Agriculture",
    "culture": "Culture",
    "transport": "Transport",
    "labour": "Labour",
    "labor": "Labor",
}


@register
class NationalityAfterNoun(Rule):
    code = "MT001"
    name = "nationality-after-noun"
    severity = "warning"
    fixable = True
    fix_in_quotes = False
    summary = "A nationality adjective after its noun, in Romance word order."
    doc = (
        "Spanish, Italian, French and Portuguese put the nationality adjective after the noun "
        '("el Ministerio del Interior kazajo", "il ministero degli Esteri russo"); machine '
        'translation keeps that order: "the Ministry of the Interior Kazakh". English puts the '
        'adjective first: "the Kazakh Interior Ministry".'
    )
    bad = (
        "According to the Ministry of the Interior Kazakh, cited by the local press, eight died.",
        "The statement was released by the spokesman for the ministry of Foreign Russian, Maria "
        "Zakharova.",
        "The government Spanish announced new measures.",
    )
    good = (
        "The Kazakh Interior Ministry said eight people died.",
        "The government Russian officials criticised was not named.",
        "Police Spanish-speaking officers arrived.",
        "The Ministry of the Interior said Russian troops had landed.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        for m in NAT_AFTER_RE.finditer(doc.view):
            head, nat = m.group("head"), m.group("nat")
            if "\n\n" in m.group(0):
                continue
            suggestion = _reorder(head, nat)
            fix = Fix("unsafe", f'Write "{suggestion}"', (Edit(m.start(), m.end(), suggestion),))
            found = _flat(m.group(0))
            msg = f'nationality adjective after the noun ("{found}"); write "{suggestion}"'
            yield self.diagnostic(m.start(), m.end(), msg, fix)


def _reorder(head: str, nat: str) -> str:
    head = regex.sub(r"\s+", " ", head)
    mm = _MINISTRY_OF_RE.match(head)
    if mm:
        what = _WHAT.get(mm.group("what").lower(), mm.group("what").capitalize())
        return f"{nat} {what} Ministry"
    return f"{nat} {head}"


def _flat(s: str) -> str:
    return regex.sub(r"\s+", " ", s)


# ---------------------------------------------------------------------------------------------

_REPORTING = (
    "reported|said|added|indicated|explained|stated|declared|assured|affirmed|announced"
    "|underlined|stressed|warned|specified|pointed out|highlighted|emphasized|emphasised"
    "|noted|confirmed|revealed|maintained|insisted|denounced"
)
INVERTED_PERFECT_RE = regex.compile(
    rf"(?<=[”\"’],?\s*)(?P<v>(?:has|have|had)\s+(?:{_REPORTING}))\s+"
    r"(?P<subj>(?:the|this|that|these|those|a|an)\s+[\w\-]+(?:\s+(?!(?:in|on|at|to|by|for"
    r"|with|from|of|that|and|after|before|during)\b)[\w\-]+){0,3})",
    regex.I,
)
INVERTED_PRESENT_RE = regex.compile(
    r"(?<=[”\"’],?\s*)(?P<v>indicates|explains|specifies|underlines|points out|highlights"
    r"|emphasi[sz]es|stresses|assures|affirms|reiterates)\s+(?P<subj>(?:a|an|the|this)\s+"
    r"[\w\-]+(?:\s+(?!(?:in|on|at|to|by|for|with|from|of|that|and)\b)[\w\-]+){0,3})",
)


@register
class InvertedReportingClause(Rule):
    code = "MT002"
    name = "inverted-reporting-clause"
    severity = "warning"
    fixable = True
    fix_in_quotes = False
    summary = "Subject after a perfect-tense reporting verb, in Romance word order."
    doc = (
        'Spanish and Italian put the subject after the verb of saying ("ha informado esta '
        'alianza militar"). English news may invert "said the minister" after a quotation, but '
        'never "has reported this military alliance" or "indicates a note from the alliance". '
        'Write "the military alliance said".'
    )
    bad = (
        "“Troops were sent,” has reported this military alliance in a statement.",
        "“The force is limited,” indicates a note from the alliance.",
    )
    good = (
        "“Troops were sent,” the alliance said in a statement.",
        "“Troops were sent,” said the alliance.",
        "The company has reported a loss, the statement said.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        for rx, tense in ((INVERTED_PERFECT_RE, "said"), (INVERTED_PRESENT_RE, "says")):
            for m in rx.finditer(doc.view):
                verb = _flat(m.group("v"))
                words = _flat(m.group("subj")).split(" ")
                if words[0].lower() in ("this", "that", "these", "those"):
                    words[0] = "the"
                subject = " ".join(words)
                s, e = m.start("v"), m.end("subj")
                fix = Fix(
                    "display",
                    f'Write "{subject} {tense}"',
                    (Edit(s, e, f"{subject} {tense}"),),
                )
                msg = (
                    f'verb before its subject ("{verb} {_flat(m.group("subj"))}"); '
                    f'write "{subject} {tense}"'
                )
                yield self.diagnostic(s, e, msg, fix)


# ---------------------------------------------------------------------------------------------

_MONTHS = {
    # Spanish
    "enero": "January", "febrero": "February", "marzo": "March", "abril": "April",
    "mayo": "May", "junio": "June", "julio": "July", "agosto": "August",
    "septiembre": "September", "setiembre": "September", "octubre": "October",
    "noviembre": "November", "diciembre": "December",
    "ene": "Jan.", "abr": "Apr.", "ago": "Aug.", "dic": "Dec.",
    # Italian
    "gennaio": "January", "febbraio": "February", "aprile": "April", "maggio": "May",
    "giugno": "June", "luglio": "July", "settembre": "September", "ottobre": "October",
    "dicembre": "December", "gen": "Jan.", "giu": "June", "lug": "July", "ott": "Oct.",
    # French
    "janvier": "January", "février": "February", "fevrier": "February", "mars": "March",
    "avril": "April", "mai": "May", "juin": "June", "juillet": "July", "août": "August",
    "aout": "August", "septembre": "September", "octobre": "October", "novembre": "November",
    "décembre": "December", "janv": "Jan.", "févr": "Feb.", "avr": "Apr.", "juil": "July",
    "déc": "Dec.",
    # Portuguese
    "janeiro": "January", "fevereiro": "February", "março": "March", "maio": "May",
    "junho": "June", "julho": "July", "setembro": "September", "outubro": "October",
    "novembro": "November", "dezembro": "December", "fev": "Feb.", "out": "Oct.",
    "dez": "Dec.",
    # German
    "januar": "January", "jänner": "January", "februar": "February", "märz": "March",
    "juni": "June", "juli": "July", "oktober": "October", "dezember": "December",
    "okt": "Oct.",
}  # fmt: skip
_EN_MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
_FOREIGN_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
FOREIGN_DATE_RE = regex.compile(
    rf"(?<![\w.,])(?P<day>[0-3]?\d)\s+(?:de\s+|di\s+)?(?P<mon>{_FOREIGN_MONTH})(?P<dot>\.)?(?![\w])",
    regex.I,
)
ORDINAL_DOT_RE = regex.compile(
    rf"(?<![\w.,])(?:(?P<the>the)\s+)?(?P<day>[0-3]?\d)\.\s+(?P<mon>{'|'.join(_EN_MONTHS)})\b"
)


@register
class ForeignDateFormat(Rule):
    code = "MT003"
    name = "foreign-date-format"
    severity = "warning"
    fixable = True
    summary = "A date written the foreign way (German ordinal dot, foreign month names)."
    doc = (
        'German writes "5. Juni" (an ordinal dot), Spanish "25 abr." or "5 de junio", French '
        '"5 juin". Machine translation leaves "the 5. June" or "25 Abr." in English copy. Write '
        '"June 5" (AP) or "5 June".'
    )
    bad = (
        "The summit will take place on the 5. June in Berlin.",
        "Elections were held on 25 Abr. in Lima.",
        "The decree was signed on 3 de marzo.",
    )
    good = (
        "The summit will take place on June 5 in Berlin.",
        "Elections were held on April 25.",
        "He scored 5. March winds were strong.",
        "Chapter 5. June is the wettest month.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        for m in ORDINAL_DOT_RE.finditer(view):
            # "... 5. June is ..." at a sentence end is a real full stop: require "the"/"on".
            before = view[max(0, m.start() - 4) : m.start()].lower()
            if not m.group("the") and not before.endswith(("on ", "of ", "am ")):
                continue
            day, mon = m.group("day"), m.group("mon")
            sug = f"{mon} {int(day)}"
            fix = Fix("unsafe", f'Write "{sug}"', (Edit(m.start(), m.end(), sug),))
            yield self.diagnostic(
                m.start(), m.end(), f'German-style date "{_flat(m.group(0))}"; write "{sug}"', fix
            )
        for m in FOREIGN_DATE_RE.finditer(view):
            mon = m.group("mon")
            key = mon.lower()
            english = _MONTHS[key]
            short = len(key) <= 4 and key not in ("mayo", "mai", "juin", "juni", "juli", "mars")
            # Abbreviations ("Abr.", "ago", "out") need a capital or a dot to be dates.
            if short and (not (mon[0].isupper() or m.group("dot")) or key in ("out", "gen", "dez")):
                continue
            if key == "mars" and mon[0].isupper():
                continue  # the planet
            sug = f"{english.rstrip('.')} {int(m.group('day'))}"
            fix = Fix("unsafe", f'Write "{sug}"', (Edit(m.start(), m.end(), sug),))
            msg = f'foreign month in a date ("{_flat(m.group(0))}"); write "{sug}"'
            yield self.diagnostic(m.start(), m.end(), msg, fix)


# ---------------------------------------------------------------------------------------------

DECIMAL_COMMA_RE = regex.compile(
    r"(?<![\d.,])(?P<int>\d{1,3})(?:,(?P<frac>\d{1,2}))(?!\d|,\d)"
    r"(?=\s?(?:%|per\s?cent|percent|million|billion|trillion|bn\b|m\b|euros?|€|dollars?"
    r"|degrees|°|points?|kilomet|km|metres|meters|tonnes|tons|kg))"
)
THOUSANDS_DOT_RE = regex.compile(
    r"(?<![\d.,])(?P<num>\d{1,3}(?:\.\d{3})+)(?![\d]|\.\d|,\d)"
    r"(?=\s+(?:people|persons|inhabitants|residents|euros|dollars|pesos|reais|rubles|roubles"
    r"|lire|francs|(?!(?:was|has|is|as|this|its|his|hers|ours|yours|thus|plus|us)\b)[a-z]+s)\b)"
)


@register
class ForeignNumberFormat(Rule):
    code = "MT004"
    name = "foreign-number-format"
    severity = "warning"
    fixable = True
    summary = "A decimal comma or a thousands dot, as written in continental Europe."
    doc = (
        'Most European languages write "2,03%" for 2.03% and "2.300 people" for 2,300 people. '
        "Left in English copy, both misstate the figure."
    )
    bad = (
        "Inflation rose 2,03% in March.",
        "The economy grew 1,5 per cent last year.",
        "Police detained 2.300 people in Almaty.",
    )
    good = (
        "Inflation rose 2.03% in March.",
        "Police detained 2,300 people in Almaty.",
        "Scores were 3,5 and 7 in the three games.",
        "Version 2.300 was released.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        for m in DECIMAL_COMMA_RE.finditer(doc.view):
            sug = f"{m.group('int')}.{m.group('frac')}"
            fix = Fix("unsafe", f'Write "{sug}"', (Edit(m.start(), m.end(), sug),))
            yield self.diagnostic(
                m.start(), m.end(), f'decimal comma in "{m.group(0)}"; write "{sug}"', fix
            )
        for m in THOUSANDS_DOT_RE.finditer(doc.view):
            sug = m.group("num").replace(".", ",")
            fix = Fix("unsafe", f'Write "{sug}"', (Edit(m.start(), m.end(), sug),))
            yield self.diagnostic(
                m.start(), m.end(), f'thousands dot in "{m.group(0)}"; write "{sug}"', fix
            )


# ---------------------------------------------------------------------------------------------

FOREIGN_QUOTES_RE = regex.compile(r"«\s?(?P<a>[^«»\n]{1,400}?)\s?»|„(?P<b>[^„“”\n]{1,400}?)[“”]")


@register
class ForeignQuotationMarks(Rule):
    code = "MT005"
    name = "foreign-quotation-marks"
    severity = "warning"
    fixable = True
    summary = "Guillemets « » or low-9 quotes „ “ in English copy."
    doc = (
        "French, Spanish, Italian, Russian and German quotation marks survive machine "
        'translation. English copy uses “…” (or "…").'
    )
    bad = ("The minister called it «a provocation».", "He said „we will stay“ on Monday.")
    good = ("The minister called it “a provocation”.",)

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        for m in FOREIGN_QUOTES_RE.finditer(doc.view):
            inner = m.group("a") if m.group("a") is not None else m.group("b")
            s, e = m.span()
            edits = (
                Edit(s, m.start("a") if m.group("a") is not None else s + 1, "“"),
                Edit(m.end("a") if m.group("a") is not None else e - 1, e, "”"),
            )
            fix = Fix("safe", "Use English quotation marks", edits)
            msg = f"foreign quotation marks around “{_flat(inner)[:40]}”"
            yield self.diagnostic(s, e if e - s < 60 else s + 1, msg, fix)


# ---------------------------------------------------------------------------------------------

FOREIGN_LANGS = ("es", "it", "fr", "pt", "de", "ca")
_SCRIPT_RE = regex.compile(
    r"[\p{Cyrillic}\p{Greek}\p{Arabic}\p{Hebrew}\p{Han}\p{Hiragana}"
    r"\p{Katakana}\p{Hangul}][\p{L}\p{M}\-]*"
)


@lru_cache(maxsize=65536)
def foreign_word_language(word: str) -> str | None:
    """The source language a lowercase word most likely belongs to, if it is not English.

    A word qualifies when English frequency data barely knows it while one of the source
    languages uses it often (wordfreq's Zipf scale: 4 = once per 100,000 words).
    """
    from wordfreq import zipf_frequency

    w = word.lower()
    if len(w) < 4 or not w.isalpha():
        return None
    en = zipf_frequency(w, "en")
    if en >= 2.2:
        return None
    best, score = None, 0.0
    for lang in FOREIGN_LANGS:
        z = zipf_frequency(w, lang)
        if z > score:
            best, score = lang, z
    if best is None or score < 4.0 or score - en < 2.5:
        return None
    return best


def foreign_quotes(doc: Document) -> list[tuple[int, int]]:
    """Quotations written in another language (a quoted gloss): most of their words are
    clearly more frequent in one source language than in English."""
    from wordfreq import zipf_frequency

    out = []
    view = doc.view
    for qs, qe in doc.quotes:
        words = [w for w in WORD_RE.findall(view, qs, qe) if len(w) >= 2]
        if not words or len(words) > 40:
            continue
        foreign = 0
        for w in words:
            low = w.lower()
            en = zipf_frequency(low, "en")
            best = max(zipf_frequency(low, lang) for lang in FOREIGN_LANGS)
            if best >= 3.0 and best > en + 1.0:
                foreign += 1
        if foreign * 2 >= len(words):
            out.append((qs, qe))
    return out


@register
class UntranslatedWord(Rule):
    code = "MT006"
    name = "untranslated-word"
    severity = "warning"
    fixable = False
    supersedes = ("TY",)
    summary = "A word that is not English but common in a source language, left untranslated."
    doc = (
        'Machine translation leaves words it cannot map ("the ayuntamiento", "the comune", '
        '"gli indagati"). The rule flags lowercase words that English frequency data barely '
        "knows while Spanish, Italian, French, Portuguese, German or Catalan use them often."
    )
    bad = (
        "The ayuntamiento approved the budget on Monday.",
        "Protesters gathered outside the comune headquarters.",
    )
    good = (
        "The city council approved the budget on Monday.",
        "Protesters gathered at the plaza and the fiesta went on.",
        "The stage was set for the finale.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        glosses = None
        for s, e in doc.words:
            w = view[s:e]
            if not w.islower() or "-" in w or "'" in w or "’" in w:
                continue
            lang = foreign_word_language(w)
            if lang is None:
                continue
            if doc.in_quote(s, e):
                if glosses is None:
                    glosses = foreign_quotes(doc)
                if view[s - 1 : s] in ("“", '"', "«") or any(a <= s < b for a, b in glosses):
                    continue
            name = LANGUAGE_NAMES.get(lang, lang)
            yield self.diagnostic(s, e, f'"{w}" looks like untranslated {name}; translate it')
        for m in _SCRIPT_RE.finditer(view):
            block = doc.block_at(m.start())
            if block is None or block.kind == "code":
                continue
            # Original-script names in parentheses after the English form are fine.
            if view[max(0, m.start() - 1) : m.start()] == "(":
                continue
            yield self.diagnostic(
                m.start(),
                m.end(),
                f'"{m.group(0)}" is in a foreign script; transliterate or translate it',
                severity="info",
            )
