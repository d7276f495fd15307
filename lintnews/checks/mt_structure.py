"""Structural machine-translation signals that generalise beyond any phrase list (MT0##).

Foreign word order (nationality adjective after the noun, inverted reporting clauses),
foreign date and number formats, foreign quotation marks, untranslated words and scripts.
"""

from __future__ import annotations

import math
import os
import re
import threading
import unicodedata
import weakref
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import regex

from lintnews.diagnostic import Diagnostic, Edit, Fix
from lintnews.document import WORD_RE, Document
from lintnews.lexicon import zipf as english_zipf
from lintnews.registry import LANGUAGE_NAMES, Context, Rule, register
from lintnews.spelling.tokens import word_store, word_texts


def _trie_pattern(words: Iterable[str]) -> str:
    """An alternation matching exactly the given literal words, factored by common prefixes
    (the engine then tries a handful of branches at a position instead of every word)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = []
        for ch in sorted(node):
            if ch:
                alts.append(regex.escape(ch) + emit(node[ch]))
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return emit(trie)


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
# NAT_AFTER_RE without its head, its (?![\w-]) and the \b that ends _AFTER, with the
# nationalities as a trie, for the re module (which scans several times faster than regex):
# it matches wherever the full pattern does (re's \s and $ take in regex's: checked over all
# of Unicode by tests/test_mt_speed2.py).
_NAT_AFTER_GATE_RE = re.compile(
    rf"(?:{_trie_pattern(NATIONALITIES)})" + _AFTER.replace(r")\b)", "))"), re.M
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
        if not _NAT_AFTER_GATE_RE.search(doc.view):
            return
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
# The two patterns from their quotation mark on (their lookbehinds made part of the match).
_INVERTED_PERFECT_GATE_RE = regex.compile(r"[”\"’],?\s*(?:has|have|had)\s", regex.I)
_PRESENT_VERBS = (
    "indicates|explains|specifies|underlines|points out|highlights"
    "|emphasi[sz]es|stresses|assures|affirms|reiterates"
)
_INVERTED_PRESENT_GATE_RE = regex.compile(rf"[”\"’],?\s*(?:{_PRESENT_VERBS})\s")
# Both gates in one pass of the re module, which scans several times faster: it matches
# wherever either does (re's \s and its case-insensitive letters take in regex's: checked
# over all of Unicode by tests/test_mt_speed2.py).
_INVERTED_GATE_RE = re.compile(rf"[”\"’],?\s*(?:(?i:has|have|had)|{_PRESENT_VERBS})\s")


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
        if not _INVERTED_GATE_RE.search(doc.view):
            return
        for rx, tense, gate in (
            (INVERTED_PERFECT_RE, "said", _INVERTED_PERFECT_GATE_RE),
            (INVERTED_PRESENT_RE, "says", _INVERTED_PRESENT_GATE_RE),
        ):
            if not gate.search(doc.view):
                continue
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
    # Catalan
    "gener": "January", "febrer": "February", "març": "March", "maig": "May",
    "juny": "June", "juliol": "July", "agost": "August", "desembre": "December",
    # Turkish
    "ocak": "January", "şubat": "February", "mart": "March", "nisan": "April", "mayıs": "May",
    "haziran": "June", "temmuz": "July", "ağustos": "August", "eylül": "September",
    "ekim": "October", "kasım": "November", "aralık": "December",
    # Polish (genitive, as in dates)
    "stycznia": "January", "lutego": "February", "marca": "March", "kwietnia": "April",
    "maja": "May", "czerwca": "June", "lipca": "July", "sierpnia": "August",
    "września": "September", "października": "October", "listopada": "November",
    "grudnia": "December",
    # Dutch
    "januari": "January", "februari": "February", "maart": "March", "augustus": "August",
}  # fmt: skip
_EN_MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
_FOREIGN_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
FOREIGN_DATE_RE = regex.compile(
    rf"(?<![\w.,])(?P<day>[0-3]?\d)[°º]?\s+(?:de\s+|di\s+)?(?P<mon>{_FOREIGN_MONTH})(?P<dot>\.)?(?![\w])",
    regex.I,
)
ORDINAL_DOT_RE = regex.compile(
    rf"(?<![\w.,])(?:(?P<the>the)\s+)?(?P<day>[0-3]?\d)\.\s+(?P<mon>{'|'.join(_EN_MONTHS)})\b"
)


_EN_MONTH_FULL = (
    "january february march april may june july august september october november december"
).split()
# "the 31 december", "on 4 of november": an English month name in lower case after a day.
LOWER_MONTH_DATE_RE = regex.compile(
    r"(?<![\w.,])(?P<pre>(?:the|on|of|since|until|from|before|after|by)\s+)"
    r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?P<mon>january|february|march|april|june|july|august|september|october|november"
    r"|december)(?![\w])(?:(?<!march|august)|(?=[\s,.]*(?:\d{4}\b|[,.;])))"
)
# "on Tuesday 3," (Spanish "el martes 3"): a weekday with a bare day of the month.
WEEKDAY_DAY_RE = regex.compile(
    r"\b(?P<pre>[Oo]n|[Ss]ince|[Uu]ntil|[Ll]ast|[Tt]his|[Nn]ext)\s+(?:the\s+)?"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?P<day>[1-9]|[12]\d|3[01])"
    r"(?=\s*[,.;)]|\s+(?:at|in|and|when|after|before)\b)"
)
# "17.01.2025": a day, a month and a year with dots (German, Russian, Polish, Turkish).
DOTTED_DATE_RE = regex.compile(
    r"(?<![\w.,/-])(?P<day>[0-2]?\d|3[01])\.(?P<mon>0?[1-9]|1[0-2])\.(?P<year>(?:19|20)\d\d)"
    r"(?![\w.]\d|\d)"
)
# French and Iberian clock times: "20h", "at 20h30", "from 22 h".
HOUR_H_RE = regex.compile(
    r"(?<=\b(?P<w>at|from|until|till|to|before|after|since|by|around|towards|toward|and"
    r"|tonight\s+at|past)\s+)(?P<h>[01]?\d|2[0-3])\s?h(?P<m>[0-5]\d)?(?![\w])"
    r"(?!\s*(?:of|long|later|ago|drive|flight|ride|walk|journey|shift|trip|delay|wait|per)\b)",
    regex.I,
)
# "at 14.30 hours", "past the 20.00 hours": a dotted 24-hour time with "hours".
HOURS_WORD_RE = regex.compile(
    r"(?<=\b(?:at|the|from|until|till|before|since|towards|toward|past|around)\s+)"
    r"(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)(?:\s+(?:hours|hrs)|\s?h)\b"
    r"(?!\s*(?:of|long|later|ago|per|a\s+day|a\s+week)\b)"
)
# "at 20 hours", "until the 18 hours" (Spanish "a las 20 horas").
AT_HOURS_RE = regex.compile(
    r"(?:(?<=\bat\s+)(?P<h>1[3-9]|2[0-3])|(?<=\b(?:at|until|till|from|since|before|after|past)"
    r"\s+the\s+)(?P<h>[01]?\d|2[0-3]))\s+(?:hours|hrs)\b"
    r"(?!\s*(?:of|long|later|earlier|ago|after|before|from|into|a|an|per|in|or|to|and|that)\b)"
)
# "at 14.30 local time", "at 9.05 GMT": a dotted 24-hour clock before a time zone.
DOTTED_ZONE_RE = regex.compile(
    r"(?<![\w.,])(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)(?=\s+(?:local\s+time|(?:Moscow|Beijing"
    r"|Tokyo|Kyiv|Kiev|Paris|Madrid|Berlin|Rome|Lisbon|Ankara|Istanbul|Warsaw|Riyadh|Cairo"
    r"|Brussels|Seoul|Mecca|Makkah)\s+time|GMT|UTC|CET|CEST|MSK|JST|KST|TRT)\b)"
)
# "at 14 o'clock" (German "um 14 Uhr"), "14 Uhr".
OCLOCK_24_RE = regex.compile(
    r"(?<![\w.,:])(?P<h>1[3-9]|2[0-3]|0\d)(?:[.:](?P<m>[0-5]\d))?\s+(?:o['’]clock|Uhr)\b"
    r"|(?<![\w.,:])(?P<h>[01]?\d|2[0-3])(?:[.:](?P<m>[0-5]\d))?\s+Uhr\b"
)
# "at 8 of the morning", "at 10 of the night".
OF_THE_MORNING_RE = regex.compile(
    r"\b(?P<at>at|from|until|before|after|around|about|by)\s+(?:the\s+)?(?P<h>[01]?\d)"
    r"(?:[.:](?P<m>[0-5]\d))?\s+(?:o'clock\s+)?of\s+the\s+"
    r"(?P<part>morning|afternoon|evening|night)\b",
    regex.I,
)
# Japanese era years: "Reiwa 7", "Heisei 31".
_ERAS = {"reiwa": 2018, "heisei": 1988, "showa": 1925, "shōwa": 1925, "taisho": 1911}
ERA_RE = regex.compile(
    r"\b(?P<era>Reiwa|Heisei|Showa|Shōwa|Taisho)\s+(?P<n>[1-9]\d?|first)\b(?!\s*\(\s*(?:19|20)\d\d)"
)
# Hijri dates: "15 Rajab 1446 AH", "Ramadan 3, 1445 H".
_HIJRI_MONTH = (
    r"(?:Muharram|Safar|Rabi[\w'’]*\s+(?:al-|Al-|Al\s|al\s)?(?:Awwal|Thani|Akhir|Akhar|I{1,2})"
    r"|Jumad[ae]\w*\s+(?:al-|Al-|Al\s|al\s)?(?:Ula|Oula|Awwal|Akhirah|Akhira|Thani|Thaniyah|I{1,2})"
    r"|Rajab|Sha['’]?aban|Sha['’]?ban|Ramadan|Ramadhan|Shawwal|Dhu\s?(?:al-|Al-|-|\s)?Q[ai]['’]?dah"
    r"|Dhul?[\s-]?Q[ai]['’]?dah|Dhu\s?(?:al-|Al-|-|\s)?Hijjah|Dhul?[\s-]?Hijjah|Zul\s?Hijjah)"
)
HIJRI_RE = regex.compile(
    rf"(?<![\w])(?:(?P<day>[0-3]?\d)\s+)?{_HIJRI_MONTH}(?:\s+(?P<day2>[0-3]?\d))?,?\s+"
    r"(?P<year>1[34]\d\d)(?:\s*(?:AH|A\.H\.|H|Hijri)\b)?"
)


# Gates: cheap necessary conditions, each a relaxation of a date or time pattern above (its
# lookarounds dropped, its alternatives widened, a digit first so that the engine only tries
# digits). A pattern can match only where its gate does, so a document no gate matches is
# skipped without running the slow patterns, and findings stay those of the full patterns.
_EN_MONTH_PREFIX = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_EN_MONTH_LOWER = (
    "january|february|march|april|june|july|august|september|october|november|december"
)
_ZONES = (
    r"local\s+time|(?:Moscow|Beijing|Tokyo|Kyiv|Kiev|Paris|Madrid|Berlin|Rome|Lisbon|Ankara"
    r"|Istanbul|Warsaw|Riyadh|Cairo|Brussels|Seoul|Mecca|Makkah)\s+time|GMT|UTC|CET|CEST|MSK"
    r"|JST|KST|TRT"
)


_DATE_GATES = {
    "ordinal": rf"\.\s+(?:{_EN_MONTH_PREFIX})",
    "lower": rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_EN_MONTH_LOWER})",
    "dotted": r"\.\d\d?\.(?:19|20)\d\d",
    "hours_word": r"[.:][0-5]\d(?:\s+(?:hours|hrs)|\s?h)",
    "at_hours": r"\s+(?:hours|hrs)(?<=(?:at|the)\s+\d\d?\s+(?:hours|hrs))",
    "zone": rf"\.[0-5]\d\s+(?:{_ZONES})",
    "oclock": r"(?:[.:][0-5]\d)?\s+(?:o['’]clock|Uhr)",
    "hijri": r"[34]\d\d",
}
_DATE_GATES_I = {
    "foreign": rf"[°º]?\s+(?:de\s+|di\s+)?{_trie_pattern(_MONTHS)}",
    "hour_h": r"\s?h(?:[0-5]\d)?(?![\w])",
    "morning": r"(?:[.:][0-5]\d)?\s+(?:o'clock\s+)?of\s+the\s+(?:morning|afternoon|evening|night)",
}
_DATE_GATE_RE = regex.compile(r"\d(?:" + "|".join(_DATE_GATES.values()) + ")")
_DATE_GATE_I_RE = regex.compile(r"\d(?:" + "|".join(_DATE_GATES_I.values()) + ")", regex.I)
# Both in one pass: matches where either of them does. Every alternative of either starts,
# after its digit, with a character of the look-ahead's class (taken case-insensitively, so
# that it holds whatever the I patterns fold), which turns away most digits (those followed
# by another digit, a comma, a percent sign ...) before the alternatives are tried.
_DATE_GATE_ANY_RE = regex.compile(
    r"\d(?i:(?=[.:\s°ºhsnrt34]))(?:"
    + "|".join(_DATE_GATES.values())
    + "|(?i:"
    + "|".join(_DATE_GATES_I.values())
    + "))"
)
# Tighter gates, tried only once the combined ones matched.
_DATE_GATE_PARTS = {
    **{k: regex.compile(r"\d" + v) for k, v in _DATE_GATES.items()},
    **{k: regex.compile(r"\d" + v, regex.I) for k, v in _DATE_GATES_I.items()},
    "at_hours": regex.compile(r"\d\d?\s+(?:hours|hrs)(?<=(?:at|the)\s+\d\d?\s+(?:hours|hrs))"),
    "hijri": regex.compile(r"1[34]\d\d"),
    "weekday": regex.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+[1-9]"),
}
_WEEKDAY_GATE_RE = _DATE_GATE_PARTS["weekday"]
_ERA_NAMES = ("Reiwa", "Heisei", "Showa", "Shōwa", "Taisho")
# Looser gates for the re module, which scans several times faster than regex: they match
# wherever _DATE_GATE_ANY_RE and _WEEKDAY_GATE_RE do (at_hours without its look-behind, the
# (?![\w]) of hour_h only for ASCII word characters, any character beyond the BMP taken for a
# digit: regex's Unicode has digits there that re's lacks; re's \s, \d in the BMP and case-
# insensitive letters take in regex's: checked over all of Unicode by tests/test_mt_speed2.py).
_ANY_DIGIT = "[\\d\U00010000-\U0010ffff]"
_DATE_GATE_FAST_RE = re.compile(
    (
        r"\d(?i:(?=[.:\s°ºhsnrt34]))(?:"
        + "|".join(r"\s+(?:hours|hrs)" if k == "at_hours" else v for k, v in _DATE_GATES.items())
        + "|(?i:"
        + "|".join(
            r"\s?h(?:[0-5]\d)?(?![A-Za-z0-9_])" if k == "hour_h" else v
            for k, v in _DATE_GATES_I.items()
        )
        + "))"
    ).replace(r"\d", _ANY_DIGIT)
)
_WEEKDAY_FAST_RE = re.compile(r"y(?<=day)\s+[1-9]")


def _date_gates(view: str) -> frozenset[str]:
    """Names of the date and time patterns that may match in view (see the gates above)."""
    era = any(e in view for e in _ERA_NAMES)
    if not (
        era
        or (_DATE_GATE_FAST_RE.search(view) and _DATE_GATE_ANY_RE.search(view))
        or (_WEEKDAY_FAST_RE.search(view) and _WEEKDAY_GATE_RE.search(view))
    ):
        return frozenset()
    found = {name for name, rx in _DATE_GATE_PARTS.items() if rx.search(view)}
    if era:
        found.add("era")
    return frozenset(found)


_VERSION_BEFORE_RE = regex.compile(
    r"(?:\b(?:version|release|build|update|patch|firmware|kernel|iOS|Android)\s+|\bv)$", regex.I
)
_DATE_LEAD_RE = regex.compile(
    r"\b(?:on|since|from|until|till|before|after|dated|of|by)\s+$", regex.I
)
_STRONG_TIME_WORDS = ("at", "from", "until", "since", "past")


def _clock(h: int, m: int | None) -> str:
    suffix = "a.m." if h < 12 else "p.m."
    h12 = h % 12 or 12
    if h == 12 and not m:
        return "noon"
    if h == 0 and not m:
        return "midnight"
    return f"{h12}:{m:02d} {suffix}" if m else f"{h12} {suffix}"


@register
class ForeignDateFormat(Rule):
    code = "MT003"
    name = "foreign-date-format"
    severity = "warning"
    fixable = True
    summary = "A date or time written the foreign way (ordinal dot, foreign month, 20h, eras)."
    doc = (
        'German writes "5. Juni" (an ordinal dot), Spanish "25 abr." or "5 de junio", French '
        '"5 juin". Machine translation leaves "the 5. June" or "25 Abr." in English copy. Write '
        '"June 5" (AP) or "5 June". The same family: English months in lower case after the '
        'day ("the 12 november"), dotted numeric dates ("03.11.2024"), French and Iberian '
        'clock times ("at 19h", "18h45", "at 9.15 hours", "at 7 of the evening"), Japanese '
        'era years ("Heisei 30") and Hijri dates ("3 Shawwal 1445 AH") without the Gregorian '
        "date."
    )
    bad = (
        "The summit will take place on the 5. June in Berlin.",
        "Elections were held on 25 Abr. in Lima.",
        "The decree was signed on 3 de marzo.",
        "Ballots must arrive before the 12 november, officials said.",
        "The regulation takes effect on 03.11.2024 across the region.",
        "The president will address the nation at 19h on television.",
        "Trains resume from 6h45 on weekdays.",
        "The ceremony began at 9.15 hours with a parade.",
        "Voting stations open at 7 of the morning.",
        "The budget for Heisei 30 was approved in March.",
        "The festival opened on 3 Shawwal 1445 AH in Jeddah.",
        "Museums close at 19 hours during the summer.",
        "The launch came at 6.40 local time.",
        "The ferry sank on 9 Ağustos near the coast.",
        "The count ends on 3 listopada in Gdansk.",
        "The rally begins at 15 o'clock in the square.",
        "The strike started on Tuesday 3, when unions walked out.",
    )
    good = (
        "The summit will take place on June 5 in Berlin.",
        "Elections were held on April 25.",
        "He scored 5. March winds were strong.",
        "Chapter 5. June is the wettest month.",
        "The talks ended at 20:30 on Friday.",
        "Voting stations open at 8:30 a.m.",
        "The rally lasted 12 hours and a 6h drive followed.",
        "The budget for fiscal 2025 was approved on 12 November.",
        "Shares closed at 14.30 on Tuesday, down 2%.",
        "The 7 October attacks were condemned worldwide.",
        "Version 1.12.2020 of the app was withdrawn.",
        "The fast of Ramadan ends this week.",
        "Drivers are limited to 15 hours a week; the 10 hours before dawn were quiet.",
        "The rally begins at 3 o'clock in the afternoon.",
        "On Tuesday 3 people were hurt; on Tuesday, 3 December, more followed.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        gates = _date_gates(view)
        if not gates:
            return
        for m in ORDINAL_DOT_RE.finditer(view) if "ordinal" in gates else ():
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
        yield from self._more(view, gates)
        for m in FOREIGN_DATE_RE.finditer(view) if "foreign" in gates else ():
            mon = m.group("mon")
            key = mon.lower()
            english = _MONTHS[key]
            full = ("mayo", "mai", "juin", "juni", "juli", "mars", "maig", "juny", "març", "maja")
            short = len(key) <= 4 and key not in (*full, "ocak", "ekim", "mart")
            # Abbreviations ("Abr.", "ago", "out") need a capital or a dot to be dates.
            if short and (not (mon[0].isupper() or m.group("dot")) or key in ("out", "gen", "dez")):
                continue
            if key == "mars" and mon[0].isupper():
                continue  # the planet
            sug = f"{english.rstrip('.')} {int(m.group('day'))}"
            end = m.end() if english.endswith(".") else m.end("mon")
            fix = Fix("unsafe", f'Write "{sug}"', (Edit(m.start(), end, sug),))
            msg = f'foreign month in a date ("{_flat(m.group(0))}"); write "{sug}"'
            yield self.diagnostic(m.start(), m.end(), msg, fix)

    def _more(self, view: str, gates: frozenset[str]) -> Iterable[Diagnostic]:
        for m in LOWER_MONTH_DATE_RE.finditer(view) if "lower" in gates else ():
            s = m.start("day")
            sug = f"{m.group('mon').capitalize()} {int(m.group('day'))}"
            if m.group("pre").strip().lower() == "the":
                s = m.start()
            fix = Fix("unsafe", f'Write "{sug}"', (Edit(s, m.end(), sug),))
            msg = f'foreign date order ("{_flat(view[s : m.end()])}"); write "{sug}"'
            yield self.diagnostic(s, m.end(), msg, fix)
        for m in WEEKDAY_DAY_RE.finditer(view) if "weekday" in gates else ():
            if regex.match(r"\s*[.,]\d", view[m.end() :]):
                continue  # "on Monday 5.5 percent"
            s, e = m.start("wd"), m.end()
            msg = (
                f'weekday with a bare day of the month ("{_flat(view[s:e])}"); '
                "name the month or drop the number"
            )
            yield self.diagnostic(s, e, msg)
        for m in DOTTED_DATE_RE.finditer(view) if "dotted" in gates else ():
            day, mon = int(m.group("day")), int(m.group("mon"))
            lead = view[max(0, m.start() - 12) : m.start()]
            if day == 0 or _VERSION_BEFORE_RE.search(lead):
                continue
            short = len(m.group("day")) == 1 or len(m.group("mon")) == 1
            if short and not _DATE_LEAD_RE.search(lead):
                continue  # "8.1.2024" may be a version number
            sug = f"{_EN_MONTH_FULL[mon - 1].capitalize()} {day}, {m.group('year')}"
            fix = Fix("unsafe", f'Write "{sug}"', (Edit(m.start(), m.end(), sug),))
            msg = f'numeric date with dots ("{m.group(0)}"); write "{sug}"'
            yield self.diagnostic(m.start(), m.end(), msg, fix)
        time_res = (
            (HOUR_H_RE, "hour_h"),
            (HOURS_WORD_RE, "hours_word"),
            (AT_HOURS_RE, "at_hours"),
            (DOTTED_ZONE_RE, "zone"),
            (OCLOCK_24_RE, "oclock"),
            (OF_THE_MORNING_RE, "morning"),
        )
        for rx in [rx for rx, gate in time_res if gate in gates]:
            for m in rx.finditer(view):
                h = int(m.group("h"))
                mins = int(m.group("m")) if "m" in rx.groupindex and m.group("m") else None
                s = m.start()
                weak = rx is HOUR_H_RE and m.group("w").lower() not in _STRONG_TIME_WORDS
                if weak and h < 7 and mins is None:
                    continue  # "by 2h", "around 3h" may be durations
                if rx is OF_THE_MORNING_RE:
                    part = m.group("part").lower()
                    if part in ("afternoon", "evening", "night") and h < 12:
                        h = h + 12 if not (part == "night" and h < 5) else h
                    s = m.start("h")
                    if view[m.start("at") : s].lower().rstrip().endswith("the"):
                        s = m.end("at") + 1
                elif (
                    rx in (HOURS_WORD_RE, AT_HOURS_RE) and view[max(0, s - 4) : s].lower() == "the "
                ):
                    s -= 4  # "past the 20.00 hours": "the" goes too
                sug = _clock(h, mins)
                if sug.endswith(".") and view[m.end() : m.end() + 1] == ".":
                    sug = sug[:-1]  # "at 9 a.m." ends the sentence
                fix = Fix("unsafe", f'Write "{sug}"', (Edit(s, m.end(), sug),))
                found = _flat(view[s : m.end()])
                yield self.diagnostic(
                    s, m.end(), f'foreign time format ("{found}"); write "{sug}"', fix
                )
        for m in ERA_RE.finditer(view) if "era" in gates else ():
            n = 1 if m.group("n") == "first" else int(m.group("n"))
            year = _ERAS[m.group("era").lower()] + n
            fix = Fix("unsafe", f'Write "{year}"', (Edit(m.start(), m.end(), str(year)),))
            msg = f'Japanese era year ("{m.group(0)}"); write the Gregorian year, {year}'
            yield self.diagnostic(m.start(), m.end(), msg, fix)
        for m in HIJRI_RE.finditer(view) if "hijri" in gates else ():
            after = view[m.end() : m.end() + 60]
            if regex.match(
                r"\s*[(,]?\s*(?:corresponding\s+to\s+)?[^\n]{0,20}\b(?:19|20)\d\d", after
            ):
                msg = f'Hijri date ("{_flat(m.group(0))}") before the Gregorian one; drop it'
            else:
                msg = f'Hijri date ("{_flat(m.group(0))}"); give the Gregorian date'
            yield self.diagnostic(m.start(), m.end(), msg)


# ---------------------------------------------------------------------------------------------

_UNIT = (
    r"%|per\s?cent|percent|million|billion|trillion|bn\b|m\b|euros?|€|dollars?|degrees|°"
    r"|points?|kilomet|km|metres|meters|tonnes|tons|kg"
)
DECIMAL_COMMA_RE = regex.compile(
    r"(?<![\w.,/])(?P<int>\d{1,3})(?:,(?P<frac>\d{1,2}))(?!\d|,\d)"
    rf"(?P<unit>(?=\s?(?:{_UNIT})))?"
)
# What makes "3,5" a list rather than a decimal: "3,5 and 7", "1,2 or 3", "(2,3)".
_LIST_AFTER_RE = regex.compile(r"\s*(?:,|and|or|&|to)\s*\d+(?![.,]\d)|\)")
_LIST_BEFORE_RE = regex.compile(
    r"(?:\d\s*,\s*|\(|\b(?:pages?|pp\.?|verses?|chapters?|nos?\.?|numbers?|rows?|columns?"
    r"|items?)\s*)$"
)
THOUSANDS_DOT_RE = regex.compile(r"(?<![\w.,/])(?P<num>[1-9]\d{0,2}(?:\.\d{3})+)(?![\d]|[.,]\d)")
_DOT_NOUN_RE = regex.compile(
    r"\s+(?:people|persons|inhabitants|residents|euros|dollars|pesos|reais|rubles|roubles"
    r"|lire|francs|yuan|yen|won|lira|zlotys?|złoty|tenge|hryvnias?|wounded|injured|dead"
    r"|killed|missing|displaced|evacuated|homeless|affected|new"
    r"|(?!(?:was|has|is|as|this|its|his|hers|ours|yours|thus|plus|us|seconds|secs|points"
    r"|inches|carats|yards|miles|percent)\b)[a-z]+s)\b"
)
_DOT_BEFORE_RE = regex.compile(
    r"\b(?:more\s+than|at\s+least|some|about|around|nearly|almost|over|up\s+to|exceed\w*"
    r"|approximately|roughly|another|total\s+of)\s+$",
    regex.I,
)
_NO_SEPARATOR_RE = regex.compile(
    r"(?<![\w.,/#:-])(?P<n>[1-9]\d{4,8})(?![\w.,]\d|\d)"
    r"(?=\s+(?:yuan|yen|won|euros|dollars|pesos|rubles|roubles|rupees|reais|lira|liras"
    r"|people|persons|residents|inhabitants|tonnes|tons|barrels|vehicles|cars|jobs|units"
    r"|households|cases|deaths|visitors|tourists|workers|students|hectares|square)\b)"
    r"|(?<=(?:\b(?:RMB|CNY|JPY|KRW|TRY|RUB|EUR|USD|TL)\s?|[$€£¥₩₺₽]\s?))(?P<n>[1-9]\d{4,8})"
    r"(?![\w.,]\d|\d)"
)
_SPELLED_RE = regex.compile(
    r"(?<![\w.,])(?P<n>\d+(?:[.,]\d+)?)\s+(?P<unit>thousand\s+millions?|thousand(?!s)|hundred\s+million"
    r"|ten\s+thousand(?:\s+hundred\s+million)?)(?:\s+(?P<rest>\d{1,3})(?![\d.,]))?\b"
)
_NUMBER_PREFIX_RE = regex.compile(r"(?:\b(?:No|no|number|code|flight|route|tel|ZIP|zip)\.?\s*|#)$")


# Turkish "%5", French "5 %".
PERCENT_BEFORE_RE = regex.compile(r"(?<![\w%])%\s?(?P<n>\d+(?:[.,]\d+)?)(?![\w%])")
PERCENT_SPACE_RE = regex.compile(r"(?<![\w.,])(?P<n>\d+(?:[.,]\d+)?)[ \u00a0\u202f]%")
# "5 mln", "3 mld", "2 Mrd.", "4 milliard": foreign abbreviations of large numbers.
NUMBER_ABBR_RE = regex.compile(
    r"(?<![\w.,])(?P<n>\d+(?:[.,]\d+)?)\s?(?P<a>mln|bln|mld|mlrd|mrd|Mio|Mrd|milliards?|thous|tys)"
    r"(?P<dot>\.)?(?![\w])"
)
_ABBR = {
    "mln": "million",
    "mio": "million",
    "bln": "billion",
    "mld": "billion",
    "mlrd": "billion",
    "mrd": "billion",
    "milliard": "billion",
    "milliards": "billion",
    "thous": "thousand",
    "tys": "thousand",
}
# "the XXI century": Roman numerals for centuries.
ROMAN_CENTURY_RE = regex.compile(
    r"\b(?P<r>XX|XXI|XXII|X{0,1}(?:IX|IV|V?I{0,3}))(?:-?(?:st|nd|rd|th|e|º))?\s+"
    r"(?P<c>[Cc]entur(?:y|ies))\b"
)
# Spanish and Portuguese ordinal indicators ("1º", "3.ª") and "nº".
ORDINAL_INDICATOR_RE = regex.compile(
    r"(?<![\w])(?P<n>\d{1,3})(?:\.?[ºª]|er|re|ère|ème|eme)(?![\w])"
    r"(?!\s?(?:C|F|Celsius|Fahrenheit|degrees|grados|gradi)\b)"
)
NUMERO_RE = regex.compile(r"(?<![\w])(?:[Nn]\.?\s?º|№)\s?(?=\d)")
# "1 500 people": thousands separated by a (thin, no-break) space.
SPACE_THOUSANDS_RE = regex.compile(
    r"(?<![\w.,]|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\w*\.?\s)"
    r"(?P<num>[1-9]\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3})+)(?![\d]|[.,]\d)"
)


def _roman(r: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(r):
        v = vals[ch]
        total += -v if i + 1 < len(r) and vals[r[i + 1]] > v else v
    return total


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _thousands_context(view: str, end: int, num: str, before: str) -> bool:
    """Whether a single-dot number such as "1.500" reads as a count (a thousands dot)."""
    after = view[end:]
    if regex.search(r"[$£€¥]\s*$", before):
        return False  # "$1.250 billion"
    if _DOT_NOUN_RE.match(after):
        return True
    if num.endswith("00") and regex.match(r"\s+(?:million|billion)\b", after):
        return True
    return bool(
        _DOT_BEFORE_RE.search(before) and not regex.match(r"\s*(?:%|per\b|against|to\s+the)", after)
    )


def _spelled_value(m: regex.Match[str]) -> float:
    n = float(m.group("n").replace(",", "."))
    unit = _flat(m.group("unit"))
    mult = {
        "thousand": 1e3,
        "hundred million": 1e8,
        "ten thousand": 1e4,
        "ten thousand hundred million": 1e12,
        "thousand million": 1e9,
        "thousand millions": 1e9,
    }[unit]
    return n * mult + (int(m.group("rest")) if m.group("rest") and unit == "thousand" else 0)


def _english_number(v: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if v >= size:
            digits = min(3, max(0, 5 - len(str(int(v // size)))))
            q = f"{v / size:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{v / size:.0f}"
            return f"{q} {word}"
    return f"{round(v):,}"


# Gates for the number patterns (relaxations, as for the dates above).
_NUMBER_GATES = {
    "comma": r",\d{1,2}(?!\d|,\d)",
    "dot": r"\.\d{3}",
    "spelled": r"\s+(?:thousand|hundred\s+million|ten\s+thousand)",
    "pct_space": r"[ \u00a0\u202f]%",
    "abbr": r"\s?(?:mln|bln|mld|mlrd|mrd|Mio|Mrd|milliard|thous|tys)",
    "ordinal": r"(?:\.?[ºª]|er|re|ère|ème|eme)(?![\w])",
    "space": r"[ \u00a0\u202f\u2009]\d{3}",
    "nosep": r"\d{4}",
}
_NUMBER_GATE_RE = regex.compile(r"\d(?:" + "|".join(_NUMBER_GATES.values()) + ")")
_NUMBER_GATE_PARTS = {k: regex.compile(r"\d" + v) for k, v in _NUMBER_GATES.items()}
_PCT_BEFORE_GATE_RE = regex.compile(r"%\s?\d")
# A Roman numeral that reports ends in X, V or I (an empty one is skipped).
_ROMAN_GATE_RE = regex.compile(r"[XVI](?:-?(?:st|nd|rd|th|e|º))?\s+[Cc]entur")


def _number_gates(view: str) -> frozenset[str]:
    """Names of the number patterns that may match in view."""
    found: set[str] = set()
    if "%" in view and _PCT_BEFORE_GATE_RE.search(view):
        found.add("pct_before")
    if "entur" in view and _ROMAN_GATE_RE.search(view):
        found.add("roman")
    if "º" in view or "№" in view:
        found.add("numero")
    if _NUMBER_GATE_RE.search(view):
        found.update(name for name, rx in _NUMBER_GATE_PARTS.items() if rx.search(view))
    return frozenset(found)


@register
class ForeignNumberFormat(Rule):
    code = "MT004"
    name = "foreign-number-format"
    severity = "warning"
    fixable = True
    summary = "A decimal comma, a thousands dot or a foreign way of spelling a number."
    doc = (
        'Most European languages write "2,03%" for 2.03% and "2.300 people" for 2,300 people. '
        "Left in English copy, both misstate the figure. The rule also flags a decimal comma "
        'without a unit ("a magnitude 4,8 tremor"), dotted millions ("1.250.000"), numbers '
        'spelled in a foreign way ("3 thousand 200", "96 hundred million yuan" for the Chinese '
        '亿, "52 ten thousand people" for 万) and large numbers without a separator '
        '("58211 yuan").'
    )
    bad = (
        "Inflation rose 2,03% in March.",
        "The economy grew 1,5 per cent last year.",
        "Police detained 2.300 people in Almaty.",
        "A tremor of magnitude 4,8 shook the coast on Monday.",
        "Exports expanded 3,4 in the third quarter.",
        "The floods left 2.700 injured across the province.",
        "The state will spend 12.400 million euros on repairs.",
        "The census counted 1.250.000 voters.",
        "The ministry sent 3 thousand 200 workers to the region.",
        "Retail sales reached 96 hundred million yuan in May.",
        "The province has 5213 ten thousand residents.",
        "Average savings were 58211 yuan per household.",
        "Unemployment fell to %7,2 in April.",
        "Support for the plan stood at 41 % in the poll.",
        "The fund holds 7 mln dollars in bonds.",
        "The cathedral dates from the XIV century.",
        "The runner finished 2º in Lisbon.",
        "Some 4 200 families were evacuated.",
        "Italy must cut 2,4 thousand million euros of spending.",
        "Ordinance № 17 was published on Friday.",
    )
    good = (
        "Inflation rose 2.03% in March.",
        "Police detained 2,300 people in Almaty.",
        "Scores were 3,5 and 7 in the three games.",
        "Version 2.300 was released.",
        "The 2,700 injured were taken to hospital.",
        "The bond pays 4.125 percent and the gap was 1.234 seconds.",
        "The country aims to meet the 1.5C target.",
        "Tens of thousands of people marched; several thousand stayed.",
        "The final score was 3-1 after extra time.",
        "He cited John 3:16 and flight 37211 landed safely.",
        "Support for the plan stood at 41% in the poll.",
        "The cathedral dates from the 14th century; Louis XIV ruled France.",
        "On March 4 200 people marched.",
        "Temperatures reached 38º C in Seville.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        gates = _number_gates(view)
        if not gates:
            return
        # Findings that read the whole figure win over a bare decimal comma inside it.
        taken = [
            m.span()
            for rx, gate in (
                (_SPELLED_RE, "spelled"),
                (PERCENT_BEFORE_RE, "pct_before"),
                (NUMBER_ABBR_RE, "abbr"),
            )
            if gate in gates and "comma" in gates
            for m in rx.finditer(view)
        ]
        for m in DECIMAL_COMMA_RE.finditer(view) if "comma" in gates else ():
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if not m.group("unit"):
                if _LIST_AFTER_RE.match(view, m.end()):
                    continue
                if _LIST_BEFORE_RE.search(view[max(0, m.start() - 20) : m.start()]):
                    continue
            sug = f"{m.group('int')}.{m.group('frac')}"
            fix = Fix("unsafe", f'Write "{sug}"', (Edit(m.start(), m.end(), sug),))
            yield self.diagnostic(
                m.start(), m.end(), f'decimal comma in "{m.group(0)}"; write "{sug}"', fix
            )
        for m in THOUSANDS_DOT_RE.finditer(view) if "dot" in gates else ():
            num = m.group("num")
            groups = num.split(".")
            before = view[max(0, m.start() - 30) : m.start()]
            if len(groups) > 2:
                if len(groups) == 4 and all(int(g) < 256 for g in groups):
                    continue  # an IP address
                if regex.search(r"(?:\b(?:version|release|build|v)\s*|v)$", before, regex.I):
                    continue
            elif not _thousands_context(view, m.end(), num, before):
                continue
            sug, end = num.replace(".", ","), m.end()
            big = regex.match(r"\s+(million|billion)\b", view[m.end() :])
            if big and len(groups) == 2:
                # "10.600 million" is 10,600 million: say "10.6 billion".
                mult = 1e6 if big.group(1) == "million" else 1e9
                sug, end = _english_number(int(num.replace(".", "")) * mult), m.end() + big.end()
            fix = Fix("unsafe", f'Write "{sug}"', (Edit(m.start(), end, sug),))
            yield self.diagnostic(
                m.start(), m.end(), f'thousands dot in "{num}"; write "{sug}"', fix
            )
        for m in _SPELLED_RE.finditer(view) if "spelled" in gates else ():
            sug = _english_number(_spelled_value(m))
            fix = Fix("unsafe", f'Write "{sug}"', (Edit(m.start(), m.end(), sug),))
            found = _flat(m.group(0))
            yield self.diagnostic(
                m.start(),
                m.end(),
                f'number spelled the foreign way ("{found}"); write "{sug}"',
                fix,
            )
        yield from self._more(view, gates)
        for m in _NO_SEPARATOR_RE.finditer(view) if "nosep" in gates else ():
            if _NUMBER_PREFIX_RE.search(view[max(0, m.start() - 10) : m.start()]):
                continue
            sug = f"{int(m.group('n')):,}"
            fix = Fix("unsafe", f'Write "{sug}"', (Edit(m.start(), m.end(), sug),))
            yield self.diagnostic(
                m.start(),
                m.end(),
                f'large number without separators ("{m.group(0)}"); write "{sug}"',
                fix,
            )

    def _more(self, view: str, gates: frozenset[str]) -> Iterable[Diagnostic]:
        def out(s: int, e: int, what: str, sug: str) -> Diagnostic:
            fix = Fix("unsafe", f'Write "{sug}"', (Edit(s, e, sug),))
            return self.diagnostic(s, e, f'{what} ("{_flat(view[s:e])}"); write "{sug}"', fix)

        for m in PERCENT_BEFORE_RE.finditer(view) if "pct_before" in gates else ():
            n = m.group("n").replace(",", ".")
            yield out(m.start(), m.end(), "percent sign before the number", f"{n}%")
        for m in PERCENT_SPACE_RE.finditer(view) if "pct_space" in gates else ():
            n = m.group("n")
            if regex.search(r",\d{1,2}$", n):
                n = n.replace(",", ".")
            yield out(m.start(), m.end(), "space before the percent sign", f"{n}%")
        for m in NUMBER_ABBR_RE.finditer(view) if "abbr" in gates else ():
            n = m.group("n")
            if regex.fullmatch(r"\d+,\d{1,2}", n):
                n = n.replace(",", ".")
            word = _ABBR[m.group("a").lower()]
            yield out(m.start(), m.end(), "foreign number abbreviation", f"{n} {word}")
        for m in ROMAN_CENTURY_RE.finditer(view) if "roman" in gates else ():
            if not m.group("r"):
                continue
            n = _roman(m.group("r"))
            if not 2 <= n <= 22:
                continue
            sug = f"{_ordinal(n)} {m.group('c').lower()}"
            yield out(m.start(), m.end(), "Roman numeral for a century", sug)
        for m in ORDINAL_INDICATOR_RE.finditer(view) if "ordinal" in gates else ():
            yield out(m.start(), m.end(), "ordinal indicator", _ordinal(int(m.group("n"))))
        for m in NUMERO_RE.finditer(view) if "numero" in gates else ():
            yield out(m.start(), m.end(), "number sign", "No. ")
        for m in SPACE_THOUSANDS_RE.finditer(view) if "space" in gates else ():
            num = m.group("num")
            plain = " " in num
            if plain and not _DOT_NOUN_RE.match(view, m.end()):
                continue  # with a plain space only before a noun of counting
            if plain and regex.search(r"\d[,.]?\s*$", view[max(0, m.start() - 4) : m.start()]):
                continue
            sug = regex.sub(r"[ \u00a0\u202f\u2009]", ",", num)
            yield out(m.start(), m.end(), "thousands separated by a space", sug)


# ---------------------------------------------------------------------------------------------

FOREIGN_QUOTES_RE = regex.compile(
    r"[«‹]\s?(?P<a>[^«»‹›\n]{1,400}?)\s?[»›]|„(?P<b>[^„“”\"\n]{1,400}?)[“”\"]"
)


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
        view = doc.view
        if "«" not in view and "‹" not in view and "„" not in view:
            return
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

# Full-width and CJK punctuation, Arabic punctuation: (replacement, space before, space after).
_PUNCT = {
    "（": ("(", True, False),
    "）": (")", False, True),
    "【": ("[", True, False),
    "】": ("]", False, True),
    "「": ("“", True, False),
    "」": ("”", False, True),
    "『": ("‘", True, False),
    "』": ("’", False, True),
    "，": (",", False, True),
    "、": (",", False, True),
    "。": (".", False, True),
    "：": (":", False, True),
    "；": (";", False, True),
    "？": ("?", False, True),
    "！": ("!", False, True),
    "،": (",", False, True),
    "؛": (";", False, True),
    "؟": ("?", False, True),
    "\u3000": (" ", False, False),
    "٪": ("%", False, False),
    "～": ("-", False, False),
    "〜": ("-", False, False),
    "・": ("-", False, False),
    "……": ("…", False, False),
    "——": ("—", False, False),
}
_TITLE_BRACKETS_RE = regex.compile(r"[《〈](?P<t>[^《》〈〉\n]{1,80})[》〉]")
_PUNCT_RE = regex.compile("……|——|[" + "".join(k for k in _PUNCT if len(k) == 1) + "]")
_EASTERN_DIGITS_RE = regex.compile(
    r"[\u0660-\u0669\u06f0-\u06f9][\u0660-\u0669\u06f0-\u06f9\u066b\u066c]*"
)
_FULLWIDTH_ALNUM_RE = regex.compile("(?:(?![" + "".join(_PUNCT) + "])[\uff01-\uff5e])+")
_INVERTED_RE = regex.compile(r"[¿¡](?P<w>\p{L}+)")
# A character (or pair) that one of the five patterns above must start with: "……", "——" or
# one of the class; written as a class first (the pair's character then looks back), so that
# the re module scans for the class instead of trying three alternatives everywhere.
_FOREIGN_PUNCT_GATE_RE = re.compile(
    "[《〈¿¡\u0660-\u0669\u06f0-\u06f9\uff01-\uff5e…—"
    + re.escape("".join(k for k in _PUNCT if len(k) == 1))
    + "](?:(?<=…)…|(?<=—)—|(?<![…—]))"
)


def _ascii_digits(s: str) -> str:
    out = []
    for ch in s:
        if "\u0660" <= ch <= "\u0669":
            out.append(str(ord(ch) - 0x0660))
        elif "\u06f0" <= ch <= "\u06f9":
            out.append(str(ord(ch) - 0x06F0))
        elif ch == "\u066b":
            out.append(".")
        elif ch == "\u066c":
            out.append(",")
    return "".join(out)


@register
class ForeignPunctuation(Rule):
    code = "MT007"
    name = "foreign-punctuation"
    severity = "warning"
    fixable = True
    fix_in_quotes = False
    summary = "Full-width CJK or Arabic punctuation, Eastern Arabic digits, Spanish ¿ ¡."
    doc = (
        "Chinese and Japanese text uses full-width punctuation （）【】「」，。、： and title "
        "brackets 《》; Arabic uses its own comma ، and question mark ؟ and the digits ٠-٩; "
        "Spanish opens questions and exclamations with ¿ and ¡. Machine translation often "
        "keeps them. English copy uses ASCII punctuation, Western digits and italics (or nothing) "
        "for titles."
    )
    bad = (
        "The Federal Reserve（Fed）held rates steady.",
        "The report appeared in 《Global Review》 on Monday.",
        "The envoy met Macron، and then left for Cairo.",
        "Officials counted ٤٥٠ damaged homes.",
        "The question was ¿who pays for the repairs?",
        "He said 「we will rebuild」 and left.",
        "Prices rose ３％ in the quarter.",
    )
    good = (
        "The Federal Reserve (Fed) held rates steady.",
        "The crowd chanted “¡No pasarán!” outside the court.",
        "The report appeared in Global Review on Monday.",
        "The envoy met Macron, and then left for Cairo.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        if not _FOREIGN_PUNCT_GATE_RE.search(view):
            return
        for m in _TITLE_BRACKETS_RE.finditer(view):
            fix = Fix(
                "unsafe",
                "Remove the title brackets",
                (Edit(m.start(), m.start() + 1, ""), Edit(m.end() - 1, m.end(), "")),
            )
            title = _flat(m.group("t"))[:40]
            msg = f"Chinese title brackets around “{title}”; drop them or use italics"
            yield self.diagnostic(m.start(), m.end(), msg, fix)
        for m in _PUNCT_RE.finditer(view):
            ch = m.group(0)
            rep, sp_before, sp_after = _PUNCT[ch]
            s, e = m.span()
            prev = view[s - 1 : s]
            nxt = view[e : e + 1]
            text = rep
            if sp_before and prev and not prev.isspace() and prev not in "([“‘":
                text = " " + text
            if sp_after and nxt and (nxt.isalnum() or nxt in "(“‘"):
                text = text + " "
            # Strip a space the original put before a closing mark ("Trump ، in").
            if not sp_before and rep != " " and prev == " " and ch in "،؛؟，。：；？！":
                s -= 1
            applicability = "unsafe" if ch in "・～〜" else "safe"
            fix = Fix(applicability, f'Write "{rep}"', (Edit(s, e, text),))
            name = "Arabic" if ch in "،؛؟٪" else "full-width"
            yield self.diagnostic(
                m.start(), m.end(), f'{name} punctuation "{ch}"; write "{rep}"', fix
            )
        for m in _EASTERN_DIGITS_RE.finditer(view):
            digits = _ascii_digits(m.group(0))
            sug = digits
            is_year = len(digits) == 4 and digits.startswith(("19", "20"))
            if digits.isdigit() and len(digits) >= 4 and not is_year:
                sug = f"{int(digits):,}"
            fix = Fix("safe", f'Write "{sug}"', (Edit(m.start(), m.end(), sug),))
            yield self.diagnostic(
                m.start(), m.end(), f'Eastern Arabic digits "{m.group(0)}"; write "{sug}"', fix
            )
        for m in _FULLWIDTH_ALNUM_RE.finditer(view):
            sug = unicodedata.normalize("NFKC", m.group(0))
            fix = Fix("safe", f'Write "{sug}"', (Edit(m.start(), m.end(), sug),))
            yield self.diagnostic(
                m.start(), m.end(), f'full-width characters "{m.group(0)}"; write "{sug}"', fix
            )
        for m in _INVERTED_RE.finditer(view):
            w = m.group("w")
            if foreign_word_language(w) or not _is_english(w):
                continue  # a Spanish phrase quoted in the original
            fix = Fix("safe", f'Delete "{m.group(0)[0]}"', (Edit(m.start(), m.start() + 1, ""),))
            yield self.diagnostic(
                m.start(), m.start() + 1, f'Spanish inverted mark "{m.group(0)[0]}" in English', fix
            )


def _is_english(word: str) -> bool:
    w = word.lower()
    en = english_zipf(w)
    return en >= 3.5 and en >= zipf_in(w, "es")


# ---------------------------------------------------------------------------------------------

FOREIGN_LANGS = ("es", "it", "fr", "pt", "de", "ca")
_SCRIPT_RE = regex.compile(
    r"[\p{Cyrillic}\p{Greek}\p{Arabic}\p{Hebrew}\p{Han}\p{Hiragana}"
    r"\p{Katakana}\p{Hangul}][\p{L}\p{M}\-]*"
)

# Word frequencies of the source languages without importing wordfreq where the answer is
# known to be the same: a word of the letters a-z alone is one token in these languages (the
# same regex tokenizer and NFC normalisation as English), looked up in the SQLite copy of the
# list that lintnews.freqstore keeps (the same floats), and the Zipf value computed as
# wordfreq.zipf_frequency does. Anything else, or no copy yet, goes to wordfreq itself.
_STORES: dict[tuple[str, int], Any] = {}


def _store(lang: str) -> Any:
    key = (lang, os.getpid())  # never share a connection across a fork
    if key in _STORES:
        return _STORES[key]
    import importlib.util
    import sqlite3

    from lintnews import freqstore

    conn = None
    try:
        spec = importlib.util.find_spec("wordfreq")
        path = None
        if spec is not None and spec.origin:
            path = freqstore.copy_path(os.path.dirname(spec.origin), lang)
        if path is not None and os.path.isfile(path):
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except (OSError, ImportError, ValueError, sqlite3.Error):
        conn = None
    _STORES[key] = conn
    return conn


def zipf_in(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)`` for English and the source languages."""
    if word.isascii() and word.isalpha() and word.islower():
        if lang == "en":
            return english_zipf(word)
        conn = _store(lang) if lang in FOREIGN_LANGS else None
        if conn is not None:
            import sqlite3

            try:
                row = conn.execute("SELECT f FROM w WHERE k = ?", (word,)).fetchone()
            except sqlite3.Error:
                row = None
                conn = None
            if conn is not None:
                minimum = 10**0 / 1e9
                if row is None:
                    freq = minimum
                else:
                    freq = max(1.0 / (0.0 + 1.0 / row[0]), minimum)
                    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
                return round(math.log(freq, 10) + 9, 2)
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


@lru_cache(maxsize=65536)
def foreign_word_language(word: str) -> str | None:
    """The source language a lowercase word most likely belongs to, if it is not English.

    A word qualifies when English frequency data barely knows it while one of the source
    languages uses it often (wordfreq's Zipf scale: 4 = once per 100,000 words).
    """
    w = word.lower()
    if len(w) < 4 or not w.isalpha():
        return None
    en = english_zipf(w)
    if en >= 2.2:
        return None
    best, score = None, 0.0
    for lang in FOREIGN_LANGS:
        z = zipf_in(w, lang)
        if z > score:
            best, score = lang, z
    if best is None or score < 4.0 or score - en < 2.5:
        return None
    return best


def foreign_quotes(doc: Document) -> list[tuple[int, int]]:
    """Quotations written in another language (a quoted gloss): most of their words are
    clearly more frequent in one source language than in English. (Computed once per
    document: MT006 and TY002 both ask; the list is shared, not to be changed.)"""
    got = _GLOSSES.get(doc)
    if got is None:
        got = _GLOSSES[doc] = _foreign_quotes(doc)
    return got


_GLOSSES: weakref.WeakKeyDictionary[Document, list[tuple[int, int]]] = weakref.WeakKeyDictionary()
# lowercase word -> is it clearly more frequent in a source language than in English?
_GLOSS_WORDS: dict[str, bool] = {}


def _gloss_word(low: str) -> bool:
    got = _GLOSS_WORDS.get(low)
    if got is None:
        en = zipf_in(low, "en")
        best = max(zipf_in(low, lang) for lang in FOREIGN_LANGS)
        got = best >= 3.0 and best > en + 1.0
        if len(_GLOSS_WORDS) > 100_000:
            _GLOSS_WORDS.clear()
        _GLOSS_WORDS[low] = got
    return got


def _foreign_quotes(doc: Document) -> list[tuple[int, int]]:
    out = []
    view = doc.view
    for qs, qe in doc.quotes:
        words = [w for w in WORD_RE.findall(view, qs, qe) if len(w) >= 2]
        if not words or len(words) > 40:
            continue
        foreign = sum(_gloss_word(w.lower()) for w in words)
        if foreign * 2 >= len(words):
            out.append((qs, qe))
    return out


def _may_be_foreign(w: str) -> bool:
    """May the word token w be reported as untranslated (wherever it stands)?"""
    return (
        w.islower()
        and "-" not in w
        and "'" not in w
        and "’" not in w
        and foreign_word_language(w) is not None
    )


# The tokens of the shared token store (lintnews.spelling.tokens) that _may_be_foreign
# passes, judged once per process in the order the store took them in: [the store, how many
# of its tokens are judged, those passed]. A document with none of them has no finding.
_FOREIGN: list[Any] = [None, 0, set()]
_FOREIGN_LOCK = threading.Lock()


def _has_foreign(doc: Document) -> bool:
    """Whether any of the document's word tokens may be reported as untranslated."""
    store = word_store(doc)
    with _FOREIGN_LOCK:
        if _FOREIGN[0] is not store:
            _FOREIGN[:] = [store, 0, set()]
        upto = _FOREIGN[1]
        order = store.order
        if upto < len(order):
            new = order[upto:]
            _FOREIGN[2].update(filter(_may_be_foreign, new))
            _FOREIGN[1] = upto + len(new)
        return not word_texts(doc)[1].isdisjoint(_FOREIGN[2])


# A character that _SCRIPT_RE can start with lies outside these ranges (checked over all of
# Unicode by tests/test_mt_speed.py). The regex module finds one sooner than re does (the
# same code points: tests/test_spelling_speed4.py).
_MAYBE_SCRIPT_RE = regex.compile("[^\x00-\u036f\u2000-\u20cf]")


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
        words = doc.words
        if _has_foreign(doc):
            yield from self._words(doc, words)
        if not _MAYBE_SCRIPT_RE.search(view):
            return  # no character of the scripts _SCRIPT_RE looks for
        for m in _SCRIPT_RE.finditer(view):
            if _EASTERN_DIGITS_RE.match(m.group(0)):
                continue  # MT007 reports Eastern Arabic digits
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

    def _words(self, doc: Document, words: list[tuple[int, int]]) -> Iterable[Diagnostic]:
        view = doc.view
        glosses = None
        for s, e in words:
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
