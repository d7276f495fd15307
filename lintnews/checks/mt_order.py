"""Foreign word order that needs no phrase list (MT010-MT029).

Inverted reporting verbs English does not invert, passive verbs before their subject, German
verb-second and verb-final order, an article before a title and a name, and foreign acronyms
that the article never expands. Each rule checks the shape of the clause with the small
part-of-speech lexicon of :mod:`lintnews.lexicon`; none fits a list of foreign phrases.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import islice

import regex

from lintnews.checks.structure import add_hint, hint_re, shared_hints
from lintnews.diagnostic import Diagnostic, Edit, Fix
from lintnews.document import Document
from lintnews.inflect import _IRREGULAR
from lintnews.lexicon import (
    DETERMINERS,
    FINITE_AUX,
    FUNCTION_WORDS,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    ed_is_verb,
    has_finite_verb,
    lower_view,
    marked_sentences,
    s_form_base,
    sentence_heads,
    sentence_starts,
    token_re,
    tokenize,
    zipf,
)
from lintnews.registry import Context, Rule, register

_IRREGULAR_PARTICIPLES = frozenset(part for _base, (_past, part) in _IRREGULAR.items())


def _flat(s: str) -> str:
    return regex.sub(r"\s+", " ", s)


def _is_participle(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR_PARTICIPLES and w not in ("be", "come", "become", "run"):
        return True
    return w.endswith("ed") and ed_is_verb(w)


# ---------------------------------------------------------------------------------------------
# MT010: inverted reporting verbs that English news does not invert.

# English news inverts "said", "says", "added", "asked", "told", "wrote" after a quotation;
# these verbs it keeps in subject-verb order.
_RARE_INVERTED = (
    "declared|affirmed|estimated|indicated|underlined|underscored|assured|specified|explained"
    "|stressed|highlighted|recalled|pointed\\s+out|detailed|considered|denounced|lamented"
    "|emphasi[sz]ed|reiterated|concluded|deplored|evaluated|judged|affirms|declares"
    "|estimates|underlines|stresses|recalls|considers|denounces|laments|assures|explains"
    "|reiterates|emphasi[sz]es|specifies|deplores|clarified|noted|stated|confirmed|informed"
    "|communicated|announced|reported"
)
# Verbs British feature writing sometimes inverts with a name ("explained Dr Hale"): flag them
# only with a determiner-led subject ("explained the spokesman").
_SOMETIMES_INVERTED = frozenset(
    "explained explains stressed stresses noted stated confirmed concluded announced "
    "reported recalled recalls clarified".split()
)
# Heads of a subject noun phrase that name a person or a speaking body.
_SPEAKERS = (
    "president|minister|premier|chancellor|spokesman|spokeswoman|spokesperson|source|sources"
    "|official|officials|prefect|mayor|governor|director|leader|secretary|head|chief|chairman"
    "|chairwoman|chair|ambassador|deputy|senator|judge|prosecutor|lawyer|expert|analyst"
    "|economist|commissioner|general|commander|councillor|councilor|king|queen|pope|prince"
    "|ministry|government|police|army|agency|report|statement|note|communiqué|document|text"
    "|union|party|company|group|organisation|organization|association|institute|office"
    "|mayoress|presidency|executive|coach|captain|manager|founder|author|researcher|scientist"
    "|doctor|professor|witness|resident|activist|candidate|opposition|authorities|service"
    "|brigade|firefighters|rescuers|media|agency|prefecture|municipality|council|court"
)
_SUBJECT = (
    r"(?:(?P<media>(?:local|state|national|official|foreign)\s+media)|(?:the|a|an|this|that|his|her|their|its|our)\s+(?:[\p{L}\-’']+\s+){0,4}?"
    rf"(?P<head>(?i:{_SPEAKERS}))\b(?:\s+\p{{Lu}}[\p{{L}}\-’']+){{0,3}}|(?P<name>\p{{Lu}}[\p{{Ll}}\-’']+(?:\s+(?:de|da|di|del|van|von|le|la)?"
    r"\s*\p{Lu}[\p{Ll}\-’']+){1,3})\b|(?:the|a|an|this)\s+[\p{L}\-]+(?:\s+[\p{L}\-]+)?)"
)
# After a closing quotation mark (with or without a comma), or after a comma.
INVERTED_RE = regex.compile(
    rf"(?P<lead>[”\"»]\s*[,–—-]?|,\s*[”\"»]|,|\bas)\s*(?P<v>{_RARE_INVERTED})"
    r"(?:\s+(?:to|before)\s+(?:the\s+)?(?:press|journalists|reporters|media|lawmakers|deputies))?"
    r"(?:\s+(?:on\s+\p{Lu}\p{Ll}+day|earlier|yesterday|today|later|this\s+(?:morning|afternoon"
    r"|evening|week)|last\s+(?:night|week)))?"
    rf"\s+(?P<subj>{_SUBJECT})(?=\s*[,.;:!?]|\s+(?:in|on|at|to|during|after|before|from|of|who"
    r"|with|for|this|last|yesterday|today|on|and)\b|\s*$)",
    regex.M,
)
# What INVERTED_RE cannot match without: the end of its lead, spaces, the verb (the re
# module's "\s" takes more characters than that of regex). Two patterns, each with a fast
# start.
# (the first is found with the hints of the GB rules, in one scan: shared_hints)
add_hint("MT010", '”"»,–—-', rf"\s*(?:{_RARE_INVERTED})")
_INVERTED_HINTS = (hint_re("MT010"), re.compile(rf"as\s*(?:{_RARE_INVERTED})"))
_CLAUSE_OPENERS = frozenset(
    "which who whom whose that where when while although though because if since as after "
    "before until unless whether once".split()
)
# "said"-like verbs in a subject name position must not be read as a name: "Said Hassan".
_NOT_NAMES = frozenset("The This That These Those It He She They We".split())


@register
class RareInvertedReporting(Rule):
    code = "MT010"
    name = "rare-inverted-reporting-verb"
    severity = "warning"
    fixable = True
    fix_in_quotes = False
    summary = "A reporting verb English never inverts, put before its subject."
    doc = (
        'Romance languages and Russian put the subject after any verb of saying ("declaró el '
        'presidente", "ha sottolineato il ministro", "заявил министр"). English news inverts '
        'only "said", "says", "added", "asked" and a few others after a quotation; "declared '
        'the mayor" or "stressed the spokesman" read as translated. Write "the mayor declared".'
    )
    bad = (
        "“Nobody will be left alone,” declared the regional governor.",
        "The harvest was lost, lamented the head of the farmers’ union.",
        "“We are ready,” assured Pedro Almeida in a radio interview.",
        "It will cost billions, estimated the economist on Monday.",
        "The works will take a year, as specified the Minister of Transport, Ana Ruiz.",
        "“The bridge is safe,” stressed to reporters the transport minister.",
        "Four houses burned down overnight, informed on Sunday the fire brigade.",
        "The toll rose to nine, announced the regional authorities, but more are missing.",
    )
    good = (
        "“Nobody will be left alone,” said the regional governor.",
        "“Nobody will be left alone,” the regional governor declared.",
        "The council met in March, declared a state of emergency and closed the schools.",
        "The party, which stressed the need for reform, lost.",
        "“We are ready,” added the coach.",
        "The union, which had warned of strikes, informed the company on Monday.",
        "The firm, citing costs, announced the closure.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        if not shared_hints(doc, ctx)["MT010"] and not _INVERTED_HINTS[1].search(view):
            return
        for m in INVERTED_RE.finditer(view):
            if "\n\n" in m.group(0):
                continue
            name = m.group("name")
            lead = m.group("lead")
            quoted = any(c in lead for c in '”"»')
            if name is not None:
                first = name.split()[0]
                if first in _NOT_NAMES:
                    continue
                if m.group("v").lower() in _SOMETIMES_INVERTED:
                    continue
            head = m.group("head") or m.group("media")
            if quoted and name is None and head is None:
                # Any noun phrase after a real quotation, but not an object ("... dubbed “Green
                # Deal,” stressed the need for reform").
                if not regex.match(
                    r"\s*[,.;:!?]|\s+(?:in|on|at|during|who|yesterday|today|this|last)\b",
                    view[m.end() : m.end() + 12],
                ):
                    continue
                q = [qs for qs, qe in doc.quotes if qe <= m.start("v") and qe >= m.start() - 1]
                if q and len(view[q[-1] : m.start()].split()) < 4:
                    continue
            if lead == "as":
                if name is None and head is None:
                    continue
            elif not quoted:
                # After a bare comma the verb could be a second predicate ("The council met,
                # declared a state of emergency"): require a speaker and the end of the sentence.
                if name is None and head is None:
                    continue
                sent = doc.sentence_at(m.start())
                s0 = sent.start if sent else max(0, m.start() - 200)
                s1 = sent.end if sent else min(len(view), m.end() + 200)
                rest = view[m.end() : s1].split(",")[0]
                if len(rest.split()) > 12 or regex.search(r"\b(?:and|that|but|to)\b", rest):
                    continue
                # The clause before the comma must be a whole clause, not a subject awaiting
                # its verb ("The party, which had stressed the need, ...").
                before = view[s0 : m.start()]
                segment = before.rsplit(",", 1)[-1].split()
                if len(before.split()) < 4 or not has_finite_verb(before) or len(segment) < 3:
                    continue
                if segment[0].lower() in _CLAUSE_OPENERS:
                    continue
                if "," in before and not has_finite_verb(" ".join(segment)):
                    continue
            verb = _flat(m.group("v"))
            subj = _flat(m.group("subj"))
            s, e = m.start("v"), m.end("subj")
            order = f"{subj[0].lower() + subj[1:] if subj.startswith('The ') else subj} {verb}"
            fix = Fix("display", f'Write "{order}"', (Edit(s, e, order),))
            msg = (
                f'"{verb}" before its subject ("{_flat(m.group(0)[m.start("v") - m.start() :])}"); '
            )
            msg += f'English puts the subject first: "{order}"'
            yield self.diagnostic(s, e, msg, fix)


# ---------------------------------------------------------------------------------------------
# MT011: a passive verb before its subject at the start of a clause.

_TIME_WORDS = (
    r"yesterday|today|tomorrow|tonight|overnight|meanwhile|subsequently|afterwards|later|then"
    r"|also|finally|moreover|furthermore|besides|so|thus|likewise|additionally|recently"
    r"|(?:on|this|last|next)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|morning|afternoon|evening|night|week|month|year|weekend)"
)
_FRONT = (
    rf"(?:(?:{_TIME_WORDS})|(?:{'|'.join(sorted(PREPOSITIONS - {'as', 'of'}))})"
    r"\s+(?:(?:the|this|that|a|an|its|their)\s+)?(?:[\p{L}\d\-’']+)(?:\s+(?:of\s+(?:the\s+)?)?"
    r"[\p{L}\d\-’']+){0,6}?)"
)
_SUBJ_DET = (
    r"(?:the|a|an|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands"
    r"|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozens|all|both|many|most|few"
    r"|several|numerous|\d[\d,.]*|more\s+than|at\s+least|some|various)"
)
PASSIVE_FIRST_RE = regex.compile(
    rf"(?P<front>(?:{_FRONT})\s*,?\s*)?(?P<aux>(?:was|were|has\s+been|have\s+been|had\s+been"
    rf"|will\s+be|is|are))\s+(?P<part>[\p{{L}}]+)(?:\s+(?:down|up|out|off|away))?\s+(?P<subj>(?:{_SUBJ_DET}\b|[\p{{Ll}}]+\s+\p{{Ll}}+s\b)[^,.;:!?]*)",
    regex.I,
)
# Passives that take a complement or a second object ("was named the best player", "were
# given a warning"), and participles that are adjectives ("was expected a").
_COMPLEMENT_PASSIVES = frozenset(
    "named elected appointed voted crowned made declared considered called dubbed ranked chosen "
    "given awarded sent offered shown told asked charged denied granted paid handed promised "
    "taught lent sold brought left owed allowed refused fined billed served accorded assigned "
    "labelled labeled branded deemed termed hailed described proclaimed nominated picked "
    "selected drafted seeded expected thought believed said reported known found".split()
)


@register
class PassiveBeforeSubject(Rule):
    code = "MT011"
    name = "passive-before-subject"
    severity = "warning"
    fixable = False
    fix_in_quotes = False
    summary = "A passive verb at the start of a clause, before its subject."
    doc = (
        "Spanish, Italian, Portuguese and Russian put the subject after a passive or reflexive "
        'verb ("fueron detenidos tres hombres", "è stato approvato il decreto"); machine '
        'translation keeps it: "Were detained three men". English puts the subject first: '
        '"Three men were detained". The rule looks only at the start of a sentence, after an '
        'optional time word or prepositional phrase, so "was named the best player" is quiet.'
    )
    bad = (
        "Were detained four suspects after the raid on the warehouse.",
        "On Thursday was inaugurated the new terminal of the port.",
        "In the northern district were evacuated more than 300 residents.",
        "Has been postponed the vote on the budget.",
        "On Monday were announced new measures against speculation.",
        "In Rovigo during the storm was torn down the old bell tower.",
        "The river rose overnight, and in the lower town was raised the highest alert.",
    )
    good = (
        "Four suspects were detained after the raid.",
        "On Thursday the new terminal was inaugurated.",
        "He was named the best player of the season.",
        "In 2019 she was elected the first mayor of the town.",
        "Was the vote postponed?",
        "Among the dead were two children.",
        "At the hearing was stated clearly that the firm had erred.",
        "The player, who scored twice, was named the best on the pitch.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        candidates = _passive_sentences(doc, ctx)
        for k, sent in enumerate(doc.sentences):
            if candidates is not None and k not in candidates:
                continue
            whole = view[sent.start : sent.end]
            if whole.rstrip().endswith("?"):
                continue
            # The sentence start, and clause starts after a comma or a semicolon that open
            # with a time word or a prepositional phrase ("..., in the city was declared").
            starts = [0] + [c.end() for c in _CLAUSE_START.finditer(whole)]
            for off in starts:
                m = PASSIVE_FIRST_RE.match(whole, off)
                if not m or (off and not m.group("front")):
                    continue
                d = self._hit(view, sent.start, m)
                if d is not None:
                    yield d
                    break

    def _hit(self, view: str, base: int, m: regex.Match) -> Diagnostic | None:
        if True:
            part = m.group("part")
            if part.lower() in _COMPLEMENT_PASSIVES or not _is_participle(part):
                return None
            first = m.group("subj").split()[0].lower()
            if first in PREPOSITIONS or first in ("to", "not", "than", "and", "or", "so", "too"):
                return None
            if first.endswith("ly") or first in _V2_ADVERBS:
                return None
            front = m.group("front") or ""
            if front:
                fw = front.split()
                # The front phrase must hold no second noun phrase (a subject): "In May the
                # team was ..." has its subject before the verb.
                low = [w.lower().strip(",") for w in fw]
                if any(
                    w in DETERMINERS and low[i - 1] not in PREPOSITIONS
                    for i, w in enumerate(low[2:], 2)
                ):
                    return None
                if any(w.lower() in SUBJECT_PRONOUNS for w in fw[1:]):
                    return None
            s = base + m.start("aux")
            e = base + m.end("part")
            subj = _flat(m.group("subj")).split()
            subj_txt = " ".join(subj[:4])
            msg = (
                f'passive verb before its subject ("{_flat(view[s:e])} {subj_txt}"); '
                f'English puts the subject first: "{subj_txt} … {_flat(view[s:e]).lower()}"'
            )
            return self.diagnostic(s, e, msg, None)
        return None


_CLAUSE_START = regex.compile(
    r"(?:[,;]\s+(?:and\s+)?|\b(?:that|because|since|while|where|when|after|and)\s+)"
)
# The last word of each auxiliary of PASSIVE_FIRST_RE and the chunks after it, in the
# lower-case view (the rule's pattern ignores case; "\s" of the re module takes more characters
# than that of regex, so the first chunk is the "part" of a match there, and the subject starts
# the second one, or the third after a particle). No two of these words overlap, so no
# occurrence hides inside another.
_AUX_END = re.compile(r"(?:was|were|been|be|is|are)(?=\s+(\S+)(?:\s+(\S+))?(?:\s+(\S+))?)")
_PARTICLES = frozenset("down up out off away".split())
_NOT_SUBJECT = PREPOSITIONS | {"to", "not", "than", "and", "or", "so", "too"}
_SUBJECT_END = re.compile(r"[,.;:!?]")
_PASSIVE_PART: dict[str, bool] = {}


def _subject_first(chunk: str | None) -> bool:
    """Could a subject starting with this chunk pass _hit's test of its first word?"""
    if not chunk:
        return False
    first = _SUBJECT_END.split(chunk, 1)[0]
    return not (first in _NOT_SUBJECT or first.endswith("ly") or first in _V2_ADVERBS)


def _passive_sentences(doc: Document, ctx: Context) -> set[int] | None:
    """The sentences where MT011 may fire: an auxiliary followed by a participle that takes no
    complement and a possible subject (what _hit requires of a match); None when case folding
    is not plain."""
    key = "mt011.candidates"
    if key not in ctx.state:
        lview = lower_view(doc, ctx)
        found: set[int] | None = None
        if lview is not None:
            found = set()
            starts = sentence_starts(doc, ctx)
            sentences = doc.sentences
            for m in _AUX_END.finditer(lview):
                part = m.group(1)
                ok = _PASSIVE_PART.get(part)
                if ok is None:
                    ok = part not in _COMPLEMENT_PASSIVES and _is_participle(part)
                    if len(_PASSIVE_PART) >= 100_000:
                        _PASSIVE_PART.clear()
                    _PASSIVE_PART[part] = ok
                if not ok:
                    continue
                i = bisect_right(starts, m.start()) - 1
                if i < 0 or m.start() >= sentences[i].end:
                    continue
                end = sentences[i].end  # the subject lies inside the sentence
                nxt = lview[m.start(2) : min(m.end(2), end)] if m.start(2) >= 0 else None
                if _subject_first(nxt) or (
                    nxt in _PARTICLES
                    and m.start(3) >= 0
                    and _subject_first(lview[m.start(3) : min(m.end(3), end)])
                ):
                    found.add(i)
        ctx.state[key] = found
    return ctx.state[key]


# ---------------------------------------------------------------------------------------------
# MT012: German verb-second order after a fronted adverbial.

_V2_FRONT = (
    r"(?:yesterday|today|tomorrow|now|then|later|afterwards|subsequently|meanwhile|already"
    r"|therefore|thus|hence|since\s+then|until\s+now|so\s+far|at\s+the\s+moment|in\s+future"
    r"|in\s+the\s+future|recently|this\s+year|last\s+year|next\s+year|this\s+week|last\s+week"
    r"|next\s+week|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|in\s+(?:\d{4}|January|February|March|April|May|June|July|August|September|October"
    r"|November|December)|after\s+the\s+[\p{L}\-]+|before\s+the\s+[\p{L}\-]+"
    r"|in\s+the\s+(?:morning|afternoon|evening|night)|for\s+this\s+reason|in\s+addition"
    r"|according\s+to\s+(?:the\s+)?[\p{L}\-]+)"
)
V2_RE = regex.compile(
    rf"^(?P<front>{_V2_FRONT})\s+(?P<aux>has|have|had|will|would|can|could|must|should|shall"
    r"|did|does|do)\s+(?P<det>the|a|an|this|these|his|her|their|its|our|he|she|they|we|it|I)"
    r"(?P<rest>(?:\s+[\p{L}\-’']+){1,6})",
    regex.I,
)
_V2_ADVERBS = frozenset("not also already now still then again yet just".split())
_PRONOUNS = frozenset("he she they we it i".split())
# After a fronted object, German inverts a pronoun subject: "Laws can it only pass with ...".
PRONOUN_V2_RE = regex.compile(
    r"(?P<pre>\p{Lu}[\p{L}\-’']*(?:\s+[\p{L}\-’']+){0,5}?)\s+(?P<aux>can|could|will|would|must"
    r"|may|might|has|have|does|did)\s+(?P<pro>it|he|she|they|we)\s+(?P<nxt>[\p{L}]+)"
)
# Words that license English inversion or open a question or a comparison.
_INVERSION_TRIGGERS = frozenset(
    "no never not only nor neither hardly scarcely rarely seldom little so such nowhere what "
    "how why where which who whom whose whether if as than when well hence thus yes".split()
)

# German verb-final order in a subordinate clause: "..., that the council the plan approved has."
FINAL_RE = regex.compile(
    r"(?<=\s)(?P<verb>[\p{L}]+)\s+(?:(?:been|be|have)\s+)?(?P<aux>has|have|had|is|are|was|were"
    r"|will|would|can|could|must|should)(?=\s*[.;,!?](?:\s|$)|\s*$)",
)
# What PRONOUN_V2_RE and FINAL_RE cannot match without (case-sensitive, as they are; "\s" of
# the re module takes more characters than that of regex): an auxiliary and a subject
# pronoun, or a punctuation mark after an auxiliary or after a space. (Patterns that start
# with a rare character or a short list of words scan fastest.)
_PRONOUN_MARKS = re.compile(
    r"(?:can|could|will|would|must|may|might|has|have|does|did)\s+(?:it|he|she|they|we)\s"
)
# (_FINAL_MARKS is found with the hints of the GB rules, in one scan: shared_hints)
add_hint(
    "MT012",
    ".;,!?",
    r"(?:(?<=has.|had.|are.|was.|can.)|(?<=have.|were.|will.|must.)|(?<=would.|could.)"
    r"|(?<=should.)|(?<=is.)|(?<=\s.))",
)
_FINAL_MARKS = hint_re("MT012")
_FINAL_AUX = tuple("has have had is are was were will would can could must should".split())
# The first words of the fronted phrases of V2_RE.
_V2_FRONT_FIRST = frozenset(
    "yesterday today tomorrow now then later afterwards subsequently meanwhile already "
    "therefore thus hence since until so at in recently this last next on after before for "
    "according".split()
)
_SUB_START = regex.compile(
    r"\b(?:that|because|since|although|though|while|whether|when|after|before|if|who|which"
    r"|where|as)\s+(?:the|a|an|this|these|his|her|their|its)\s+",
    regex.I,
)


@register
class GermanVerbOrder(Rule):
    code = "MT012"
    name = "german-verb-order"
    severity = "warning"
    fixable = False
    fix_in_quotes = False
    summary = "German verb-second or verb-final order kept in English."
    doc = (
        'German puts the finite verb second after a fronted time word ("Gestern hat die '
        'Kanzlerin angekündigt") and last in a subordinate clause ("dass der Rat den Plan '
        'gebilligt hat"). Translated literally: "Yesterday has the chancellor announced", '
        '"that the council the plan approved has". English keeps subject-verb order: '
        '"Yesterday the chancellor announced", "that the council has approved the plan". '
        'English inversion after "never", "only then" or "rarely" is not flagged.'
    )
    bad = (
        "Yesterday has the finance committee rejected the proposal.",
        "On Friday will the delegation travel to Vienna.",
        "In 2021 had the company already closed two factories.",
        "The mayor said that the council the new budget approved has.",
        "Residents complained because the bridge for two weeks closed was.",
        "Reforms can it only with the support of the opposition pass.",
    )
    good = (
        "Yesterday the finance committee rejected the proposal.",
        "Never has the committee rejected a proposal so quickly.",
        "Only then did the delegation travel to Vienna.",
        "Why has the committee rejected it?",
        "The council has approved the budget, as it always has.",
        "Nobody knows what the answer will be.",
        "Only then can it pass the reform.",
        "Not only does it cost more, it takes longer.",
        "So far this year they have won twice.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        heads = sentence_heads(doc, ctx)
        marked = marked_sentences(doc, ctx, "mt012.pronoun", _PRONOUN_MARKS, view)
        marked = marked | _marked_by(doc, ctx, "mt012.final", shared_hints(doc, ctx)["MT012"])
        for k, sent in enumerate(doc.sentences):
            # V2_RE needs a fronted time word first; PRONOUN_V2_RE and FINAL_RE a mark, or
            # an auxiliary at the very end
            head = heads[k]
            v2 = head is None or head in _V2_FRONT_FIRST
            later = k in marked
            if not later:  # _ends_with(view, sent.start, sent.end, _FINAL_AUX), inline
                last = view[sent.end - 1] if sent.end > sent.start else ""
                if "a" <= last <= "z":
                    later = view.endswith(_FINAL_AUX, sent.start, sent.end)
                elif last.isspace():
                    later = _ends_with(view, sent.start, sent.end, _FINAL_AUX)
            if not (v2 or later):
                continue
            text = view[sent.start : sent.end]
            if text.rstrip().endswith("?"):
                continue
            m = V2_RE.match(text) if v2 else None
            hit = _v2_verb(m) if m else None
            if m and hit is not None:
                s, e = sent.start + m.start("aux"), sent.start + hit
                subj = _flat(text[m.start("det") : hit]).rsplit(" ", 1)[0]
                msg = (
                    f'German verb-second order ("{_flat(m.group("front"))} {_flat(view[s:e])}"); '
                    f'English keeps the subject before the verb: "{_flat(m.group("front"))} '
                    f'{subj} {m.group("aux").lower()} …"'
                )
                yield self.diagnostic(s, e, msg, None)
            if not later:
                continue
            pm = PRONOUN_V2_RE.match(text)
            if pm and "?" not in text:
                pre = [w.lower() for w in pm.group("pre").split()]
                if not (set(pre) & _INVERSION_TRIGGERS) and not has_finite_verb(pm.group("pre")):
                    s = sent.start + pm.start("aux")
                    e = sent.start + pm.end("pro")
                    msg = (
                        f'German verb-second order ("{_flat(view[s:e])}" after '
                        f'"{_flat(pm.group("pre"))}"); English puts the subject first: '
                        f'"{pm.group("pro")} {pm.group("aux").lower()} …"'
                    )
                    yield self.diagnostic(s, e, msg, None)
            for f in FINAL_RE.finditer(text):
                verb = f.group("verb")
                if not _is_participle(verb) and not (
                    f.group("aux").lower() in ("will", "would", "can", "could", "must", "should")
                    and _can_be_base(verb)
                ):
                    continue
                if verb.lower() in ("been", "be", "have", "done", "so", "too"):
                    continue
                # A subordinate clause with a noun subject must open before the verb, with more
                # words between than an English clause would leave ("that the vote passed was").
                head = text[: f.start()]
                sub = None
                for sm in _SUB_START.finditer(head):
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
                    f'German verb-final order ("{_flat(view[s:e])}" at the end of the clause); '
                    "English puts the verb after its subject and before its object"
                )
                yield self.diagnostic(s, e, msg, None)


def _marked_by(doc: Document, ctx: Context, key: str, spans: list[tuple[int, int]]) -> set[int]:
    """``marked_sentences`` for the matches found already (their spans), kept under ``key``."""
    found = ctx.state.get(key)
    if found is None:
        found = set()
        sentences = doc.sentences
        starts = sentence_starts(doc, ctx)
        for s, e in spans:
            i = max(0, bisect_right(starts, s) - 1)
            while i < len(sentences) and sentences[i].start < e:
                if sentences[i].end > s:
                    found.add(i)
                i += 1
        ctx.state[key] = found
    return found


def _ends_with(view: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """``view[start:end].rstrip().endswith(words)`` for lower-case ASCII words, without slicing
    a trimmed sentence."""
    last = view[end - 1 : end] if end > start else ""
    if last.isspace():
        return view[start:end].rstrip().endswith(words)
    return "a" <= last <= "z" and view.endswith(words, start, end)


def _v2_verb(m: regex.Match) -> int | None:
    """The end offset (in the sentence) of the verb after an inverted subject, if any."""
    det = m.group("det").lower()
    words = list(regex.finditer(r"[\p{L}\-’']+", m.group("rest")))
    base = m.start("rest")
    if det in _PRONOUNS:
        words = words[:2]
    for i, w in enumerate(words):
        low = w.group().lower()
        if low in _V2_ADVERBS:
            continue
        if i == 0 and det not in _PRONOUNS:
            continue  # the first word after a determiner is the noun
        if low in DETERMINERS or low in PREPOSITIONS or low in SUBJECT_PRONOUNS:
            return None
        if _is_participle(low) or (
            m.group("aux").lower() not in ("has", "have", "had") and _can_be_base(low) and i >= 1
        ):
            return base + w.end()
    return None


def _can_be_base(word: str) -> bool:
    from lintnews.lexicon import can_be_verb

    w = word.lower()
    return not w.endswith(("ed", "ing", "ly")) and can_be_verb(w)


# ---------------------------------------------------------------------------------------------
# MT013: an article before a title and a name ("the President Macron").

_TITLES = (
    r"president|prime\s+minister|premier|minister|chancellor|deputy|senator|governor|mayor"
    r"|judge|general|pope|vice[\s\-]president|vice[\s\-]premier|deputy\s+prime\s+minister"
    r"|foreign\s+minister|defen[cs]e\s+minister|interior\s+minister|finance\s+minister"
    r"|health\s+minister|justice\s+minister|economy\s+minister|secretary|commissioner"
    r"|ambassador|prosecutor|governor|councillor|councilor|prefect|colonel|major|captain"
    r"|lieutenant|admiral|marshal|cardinal|archbishop|bishop|patriarch|sheikh|emir|king|queen"
    r"|prince|princess|ayatollah|president-elect|spokesman|spokeswoman|congressman"
    r"|congresswoman|MP|deputy\s+minister|undersecretary|magistrate|attorney\s+general"
)
_NAME = r"\p{Lu}[\p{Ll}’'\-]+(?:[\-\s]\p{Lu}[\p{Ll}’'\-]+)?"
TITLE_NAME_RE = regex.compile(
    rf"(?<![\w’'])(?P<the>[Tt]he)\s+(?P<title>(?i:{_TITLES}))\s+(?P<name>{_NAME})(?![\w’'])",
)
# Capitalised words after a title that make it part of a longer name or an institution.
_NOT_A_NAME = frozenset(
    (
        "Assembly Secretary Council Staff Motors Electric Court Office Administration Government "
        "Director Manager Counsel Attorney Advocate Election Elections Candidate Hospital Post "
        "Minister Ministers President Chancellor Mayor Governor General Secretariat Commission "
        "Committee Accounting Services Service Dynamics Mills Store Stores Prosecutor Prosecutors "
        "Inspector Directorate Command Staff’s Staff's Commissioner Deputy Premier Counsel League "
        "Cup Trophy Award Prize Medal Street Avenue Road Bridge Airport Stadium Park Hotel Center "
        "Centre Library Foundation University School College Hall Palace House Square Mansion "
        "Residence Building Tower Hill Club Lounge Bar Restaurant Theatre Theater Museum Plan "
        "Doctrine Era Years Cabinet Administration’s Department Agency Division Unit Bureau "
        "Lee Hotel Royal Emeritus Consort Mother Regent Elect Designate Plenipotentiary"
    ).split()
)
# Words after the name that make the title part of a compound ("the President Kennedy Center").
_COMPOUND_AFTER = regex.compile(
    r"\s+(?:administration|government|era|years|cabinet|doctrine|plan|policy|policies|camp"
    r"|campaign|team|presidency|visit|library|center|centre|foundation|school|hotel|bridge"
    r"|street|avenue|airport|stadium|award|prize|medal|cup|trophy|road|university|hospital"
    r"|park|square|station|boulevard|institute|museum|high|memorial|building|tower|hall)\b",
    regex.I,
)


# Where TITLE_NAME_RE and TITLE_OF_RE may start: "the" and a title, in the lower-case view (the
# title is matched ignoring case; "\s" of the re module takes more characters than that of
# regex).
_THE_TITLE = re.compile(rf"the(?=\s+(?:{_TITLES.lower()}))")


def _title_starts(doc: Document, ctx: Context) -> list[int] | None:
    lview = lower_view(doc, ctx)
    if lview is None:
        return None
    return [m.start() for m in _THE_TITLE.finditer(lview)]


def _matches_at(
    rx: regex.Pattern[str], view: str, starts: list[int] | None
) -> Iterator[regex.Match[str]]:
    """``rx.finditer(view)``, given every offset where a match can start (None: unknown)."""
    if starts is None:
        yield from rx.finditer(view)
        return
    end = 0
    for p in starts:
        if p >= end:
            m = rx.match(view, p)
            if m is not None:
                yield m
                end = max(m.end(), p + 1)


TITLE_OF_RE = regex.compile(
    rf"(?<![\w’'])(?P<the>[Tt]he)\s+(?P<title>(?i:{_TITLES}))\s+of\s+(?:the\s+)?"
    r"(?P<rest>\p{Lu}[^\n,.;:!?()“”\"]{3,80})"
)
_CONNECTORS = frozenset("and of the for".split())


def _title_of_name(m: regex.Match) -> tuple[str, str, int] | None:
    """Split "Economy Giancarlo Giorgetti" into a department and a following name."""
    words = list(regex.finditer(r"\S+", m.group("rest")))
    caps = []
    for w in words:
        t = w.group()
        if t[0].isupper() or t in _CONNECTORS:
            caps.append(w)
        else:
            break
    for k in range(1, len(caps) - 1):
        dept, name = caps[:k], caps[k : k + 3]
        if dept[-1].group() in _CONNECTORS:
            continue
        if any(w.group() not in _CONNECTORS and zipf(w.group().lower()) < 3.0 for w in dept):
            return None
        first, second = name[0].group(), name[1].group()
        if not (first[0].isupper() and second[0].isupper()):
            return None
        if zipf(first.lower()) >= 3.5 or first in _NOT_A_NAME:
            continue
        # Take the name up to the last capitalised word of the run.
        last = k + 1
        while last + 1 < len(caps) and caps[last + 1].group()[0].isupper() and last < k + 3:
            last += 1
        dept_txt = " ".join(w.group() for w in dept)
        name_txt = " ".join(w.group() for w in caps[k : last + 1])
        return dept_txt, name_txt, m.start("rest") + caps[last].end()
    return None


@register
class ArticleBeforeTitleName(Rule):
    code = "MT013"
    needs_corroboration = True
    name = "article-before-title-name"
    severity = "warning"
    fixable = True
    fix_in_quotes = False
    summary = 'An article before a title and a name ("the President Macron").'
    doc = (
        'Most European languages put the article before a title used with a name ("il '
        'presidente Mattarella", "la ministra Ribera", "der Kanzler Scholz"); English drops it: '
        '"President Mattarella", or "the president, Sergio Mattarella" with a comma. "The '
        'President of France", "the Prime Minister\'s office" and "the Mayor of London" are '
        "not flagged."
    )
    bad = (
        "The chancellor Friedrich Albers opened the fair.",
        "Talks were held with the Prime Minister Tanaka in Tokyo.",
        "According to the minister Costa, the plan is ready.",
        "The premier Rossetti spoke on television.",
        "The minister of the Interior Kowalczyk Zbigniew visited the camp.",
        "The President of the Regional Council Ottavio Brambilla resigned.",
    )
    good = (
        "Chancellor Friedrich Albers opened the fair.",
        "Talks were held with the prime minister, Kenji Tanaka, in Tokyo.",
        "The President of France spoke first.",
        "The Prime Minister's office declined to comment.",
        "The Mayor of London visited the site.",
        "The Governor of the Bank of England, Andrew Bailey, spoke.",
        "The Minister of Health Services Reform resigned.",
        "The General Assembly voted on Monday.",
        "She worked for the President Kennedy Center for years.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        starts = _title_starts(doc, ctx)
        for m in _matches_at(TITLE_NAME_RE, view, starts):
            title, name = m.group("title"), m.group("name")
            if "\n" in m.group(0):
                continue
            first = name.split()[0].split("-")[0]
            if first in _NOT_A_NAME or any(w in _NOT_A_NAME for w in regex.split(r"[\s\-]", name)):
                continue
            # "the Minister of X" never reaches here; "the Minister Plenipotentiary" might.
            if title.isupper() and title != "MP":
                continue
            if _COMPOUND_AFTER.match(view, m.end()):
                continue
            # A further capitalised word makes it a longer name ("the King Fahd Memorial Fund").
            if regex.match(r"[ \t]+\p{Lu}", view[m.end() : m.end() + 3]):
                continue
            if name.endswith(("-led", "-backed", "-era", "-style")):
                continue
            if view[m.end() : m.end() + 2] in ("’s", "'s"):
                # "the President Macron's visit" is still the same error; keep it.
                pass
            # A capitalised common word is not a name: "the general Public".
            if zipf(first.lower()) >= 4.6 and first.lower() not in ("may", "rose", "bush"):
                continue
            start = m.start("the")
            end_article = m.start("title")
            t = _flat(title)
            repl = " ".join(w if w.isupper() else w.capitalize() for w in t.split(" "))
            fix = Fix(
                "unsafe",
                f'Write "{repl} {name}"',
                (Edit(start, m.end("title"), repl),),
            )
            msg = (
                f'article before a title and a name ("{_flat(m.group(0))}"); write '
                f'"{repl} {name}" or "the {t.lower()}, {name}"'
            )
            del end_article
            yield self.diagnostic(start, m.end(), msg, fix)
        for m in _matches_at(TITLE_OF_RE, view, starts):
            found = _title_of_name(m)
            if found is None:
                continue
            dept, name, end = found
            title = _flat(view[m.start("title") : m.end("title")])
            msg = (
                f'a title with its name but no comma ("{_flat(view[m.start() : end])}"); write '
                f'"the {title.lower()} of {dept}, {name}"'
            )
            yield self.diagnostic(m.start(), end, msg, None)


# ---------------------------------------------------------------------------------------------
# MT014: foreign acronyms the article never expands.

# Acronyms English news readers know without an expansion (a list written for lintnews).
KNOWN_ACRONYMS = frozenset(
    (
        "UN EU US USA UK NATO FBI CIA NSA CEO CFO COO CTO GDP COVID AP AFP BBC CNN ABC CBS NBC "
        "NPR PBS IAEA OPEC TASS UEFA FIFA NHS IMF WHO WTO UNESCO UNICEF UNHCR OECD ASEAN G7 G20 "
        "BRICS ECB EIB ICC ICJ IRA IRS NASA NFL NBA MLB NHL TV AI IT ID PR PM AM OK HQ MP MEP "
        "MEPs GP DJ PC CD DVD DNA HIV AIDS SARS LGBT LGBTQ NGO NGOs UAE DC LA NY NYC GOP MI5 "
        "MI6 KGB FSB GRU SUV CCTV GPS SMS USB PDF CEOs IPO VAT FTSE ATM EV EVs UFO IQ ER ICU "
        "UV CO2 NASDAQ S&P DOJ DHS EPA FDA CDC FEMA SEC FTC FCC ATF DEA ICE TSA NYPD LAPD "
        "AFL CIO MSNBC HBO ESPN CNBC AOL IBM HP BMW VW GM GE AT&T RAF SAS IDF PLO PKK ISIS IS "
        "ISIL AU OAS OSCE CSTO SCO APEC IEA WFP UNRWA OHCHR UNDP MSF ICRC IOC FIA ATP WTA PGA "
        "NCAA UFC WWE EST EDT GMT UTC BST CET PST CST MST KM MPH OPCW IPCC COP COP28 COP29 "
        "NATO’s EU’s UN’s US’s UK’s RT TASS RIA AFP’s AP’s EFE ANSA DPA KYODO XINHUA YONHAP "
        "BOJ BOE FED FOMC RBA PBOC SNB IMF’s WHO’s Fed ECB’s MSCI PMI CPI ETF ETFs FX LNG LPG "
        "OPEC+ ESG AGM SME SMEs R&D IOU CV PhD MBA BA MA MD RN PT OBE MBE CBE KC QC "
        "FAQ ASAP DIY PPS PTO RSVP VIP VIPs XL TNT ID’s CO NO OR AND THE A I II III IV V VI "
        "VII VIII IX X XI XII XIII XIV XV XX XXI JR SR USSR GDR FRG ANC SNP DUP SDLP SPD CDU "
        "CSU FDP AfD KMT DPP LDP BJP MAGA HAMAS HUD FAA NTSB NOAA "
        "USDA USAID VA NIH NSC CBP USCIS NRA ACLU AARP NAACP YMCA NCAA ATP F1 MotoGP NFL NBA "
        "WNBA MLS CAF AFC CONCACAF CONMEBOL UK’s USMCA NAFTA TPP WTO’s GCC OIC ECOWAS SADC IGAD "
        "NEOM SABIC CBI TUC RNLI RSPCA NSPCC BMA RCN GMB ONS OBR IFS FCA PRA CMA HMRC DWP MoD "
        "FCDO ITV ITN BT RBS HSBC DVLA TfL NEU UCU RMT ASLEF CWU ACAS IPSO DMV HHS DOE DOD DOT "
        "GAO CBO OMB USPS SSA NLRB EEOC OSHA ADL SPLC AMA APA SEIU UAW NEA SBA FDIC OCC CFPB "
        "FINRA NYSE CME CBOE DJIA UNGA UNSC UNEP UNFCCC IFAD ILO IMO ITU WIPO WMO IOM OCHA UNFPA "
        "FAO SAARC EAC CARICOM EBRD ADB AIIB AfDB IDB BIS FATF IRENA NAM ICAO IATA WADA CAS UCI "
        "FIBA IPL LPGA NRL RFU WRU BCCI MCC AMD ASML TSMC SAP BASF BP BHP ABB UBS BNP AXA ING "
        "KPMG PwC BYD LG SK ZDF ARD NHK KBS CGTN DW MRI RSV CT PCR ADHD PTSD ALS MS OCD IVF MMR "
        "STD EU27 GCSE SAT SATs NCO RPG SUVs MPs CEO’s BA’s AWS API APIs CPU GPU IoT VPN WiFi "
        "LED LCD HDMI NFT NFTs ETA TBA TBC ANZ RBI PBoC BoE BoJ SNB RBNZ HKMA MAS SGX HKEX JSE "
        "ASX TSX LSE CAC DAX IBEX FTSE KOSPI SPD CDU CSU AfD AKP"
    ).split()
)
_ACRONYM_RE = regex.compile(r"(?<![\w&’'\-.])(?P<a>\p{Lu}[\p{Lu}\p{Ll}]{1,5})(?![\w&\-]|’s|'s)")
_ENGLISH_ONSETS = (
    "bl br ch cl cr dr fl fr gl gr kn ph pl pr sc sh sk sl sm sn sp st sw th tr tw wh wr qu "
    "ps gn pn kr kl"
).split()


def _looks_foreign_acronym(tok: str) -> bool:
    """An acronym shape: all capitals, capitals with a lower-case letter inside ("MChS"), or a
    capitalised cluster no English word starts with ("Bce", "Cgil", "Ftse")."""
    if tok.isupper():
        return len(tok) >= 2
    rest = tok[1:]
    if any(c.isupper() for c in rest):
        return sum(c.isupper() for c in tok) >= 2 and len(tok) <= 5
    low = tok.lower()
    if len(low) < 3 or len(low) > 5:
        return False
    vowels = set("aeiouy")
    if not any(c in vowels for c in low):
        return True
    if low[0] not in vowels and low[1] not in vowels and low[:2] not in _ENGLISH_ONSETS:
        return zipf(low) < 2.0
    return False


@register
class UnexpandedForeignAcronym(Rule):
    code = "MT014"
    needs_corroboration = True
    name = "unexpanded-foreign-acronym"
    severity = "info"
    fixable = False
    fix_in_quotes = False
    summary = "A foreign acronym the article never spells out."
    doc = (
        'Translated copy keeps the source language\'s acronyms ("the CB", "the MChS", "the '
        'Bce", "the SNS") that English readers cannot decode. Spell the body out at first '
        'mention ("the Central Bank", "the Emergencies Ministry"), or give the expansion with '
        "the acronym in parentheses. Acronyms English readers know (NATO, UN, FBI, GDP, IMF) "
        "and acronyms the article expands anywhere are not flagged."
    )
    bad = (
        "The report of the ZVK showed a sharp rise in imports.",
        "Rescuers of the GSPR reached the village on Tuesday.",
        "The head of the Mvd said the road was closed.",
    )
    good = (
        "The report of the IMF showed a sharp rise in imports.",
        "The Federal Customs Office (ZVK) said imports rose. The ZVK gave no figures.",
        "NATO and the EU met in Brussels.",
        "The ZVK (Zentrale Verkehrskontrolle) published the data.",
        "BERLIN, May 3 - Officials met.",
        "Chris Smith met Scott Brown.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        seen: set[str] = set()
        # Only an acronym right after "the" is looked at further (below), and nothing else
        # changes ``seen``: the matches where the text before is "the" and non-word
        # characters are enough.
        for m in _matches_at(_ACRONYM_RE, view, _after_the(doc, ctx)):
            tok = m.group("a")
            if tok in seen or tok in KNOWN_ACRONYMS or tok.upper() in KNOWN_ACRONYMS:
                continue
            if not tok.isascii() or not _looks_foreign_acronym(tok):
                continue
            if tok.isupper() and len(tok) > 4:
                continue  # a place name or a word in capitals ("ZAGREB"), or a known body
            # A foreign acronym in translated copy stands where the noun would: "the CB", "of
            # the SNS". One introduced by a descriptor ("the broadcaster BHRT", "an analyst at
            # UBS") or part of a longer name ("IG Metall", "CSI 300") is left alone.
            prev = regex.search(r"([\p{L}’']+)\W*$", view[max(0, m.start() - 40) : m.start()])
            if prev is None or prev.group(1).lower() != "the":
                continue
            if regex.match(r"[ \t]+(?:\p{Lu}|\d)", view[m.end() : m.end() + 3]):
                continue
            if regex.search(
                r"(?:known\s+as|acronym|abbreviation|called|named)\s+(?:the\s+)?$"
                r"|\w+,\s+the\s+$",
                view[max(0, m.start() - 40) : m.start()],
                regex.I,
            ):
                seen.add(tok)
                continue
            block = doc.block_at(m.start())
            if block is not None and block.kind in ("heading", "code", "front_matter"):
                continue
            # A run of capitals is a headline, a dateline or shouting, not an acronym.
            ls = view.rfind("\n", 0, m.start()) + 1
            le = view.find("\n", m.end())
            line = view[ls : le if le >= 0 else len(view)]
            neighbours = regex.findall(r"\b\p{Lu}{2,}\b", line)
            if len(neighbours) >= 3 and sum(len(n) for n in neighbours) * 2 > len(
                regex.sub(r"\W", "", line)
            ):
                continue
            if tok.isupper() and zipf(tok.lower()) >= 4.0 and len(tok) >= 3:
                # A place or a word written in capitals ("PARIS"), or a familiar acronym.
                continue
            if _next_is_caps_word(view, m.end()) or _prev_is_caps_word(view, m.start()):
                continue
            if _expanded(view, tok):
                seen.add(tok)
                continue
            seen.add(tok)
            msg = (
                f'foreign acronym "{tok}" is never spelled out; write the name in English at '
                "first mention"
            )
            yield self.diagnostic(m.start(), m.end(), msg, None)


# "the" in any case, then (after spaces) a character that could open the non-word run before
# an acronym or the acronym itself: not a-z, 0-9 or "_" (those are word characters that are
# not capitals, so no acronym starts right after "the" and the non-word run there).
_THE_THEN = re.compile(r"[Tt][Hh][Ee](?=\s*[^a-z0-9_\s])")
_NON_WORD = regex.compile(r"\W*")


def _after_the(doc: Document, ctx: Context) -> list[int]:
    """Offsets right after a "the" (any case) and the non-word characters after it, where a
    capital (or a non-ASCII character) stands: where an acronym after "the" may start."""
    view = doc.view
    out = []
    for m in _THE_THEN.finditer(view):
        q = _NON_WORD.match(view, m.end()).end()
        if not view[q : q + 1].isascii() or view[q : q + 1].isupper():
            out.append(q)
    return out


def _next_is_caps_word(view: str, end: int) -> bool:
    return bool(regex.match(r"[ \t]+\p{Lu}{3,}\b", view[end : end + 30]))


def _prev_is_caps_word(view: str, start: int) -> bool:
    return bool(regex.search(r"\b\p{Lu}{3,}[ \t]+$", view[max(0, start - 30) : start]))


def _expanded(view: str, tok: str) -> bool:
    t = regex.escape(tok)
    if regex.search(rf"\(\s*{t}\s*[),;]", view):
        return True
    # "ZVK (Federal Customs Office)" or "ZVK, the Federal Customs Office,".
    if regex.search(rf"\b{t}\s*\(\s*\p{{Lu}}[\p{{L}}\-]+(?:\s+[\p{{L}}\-]+){{0,8}}\)", view):
        return True
    if regex.search(rf"\b{t},\s+(?:the|a)\s+\p{{Lu}}", view):
        return True
    # "the AKP, Erdogan's ruling party," - an apposition that says what it is.
    return bool(regex.search(rf"\b{t},\s+(?:[\p{{L}}’'\-]+\s+){{0,5}}{_KINDS}\b", view))


_KINDS = (
    r"(?:party|agency|bank|ministry|service|union|alliance|company|group|organi[sz]ation|council"
    r"|committee|office|authority|institute|body|movement|coalition|broadcaster|newspaper|army"
    r"|force|forces|regulator|operator|utility|court|tribunal|federation|association|network)"
)


# ---------------------------------------------------------------------------------------------
# MT015: a predicate adjective put before its subject, with no verb ("Heavy the toll: ...").

FRONTED_ADJ_RE = regex.compile(
    r"(?P<adv>(?:More|Less|Very|Even|Too|Much|Rather|Quite|Particularly|Especially)\s+)?"
    r"(?P<adj>\p{L}\p{Ll}+)\s+(?P<subj>(?:the|its|their|his|her|our)\s+[\p{L}\-’']+"
    r"(?:\s+[\p{L}\-’']+){0,3}?)\s*(?P<punct>[:,;–—])"
)
# FRONTED_ADJ_RE up to the space after its determiner, looser
_FRONTED_HINT = re.compile(
    r"(?:(?:More|Less|Very|Even|Too|Much|Rather|Quite|Particularly|Especially)\s+)?\S+\s+"
    r"(?:the|its|their|his|her|our)\s"
)
_ADJ_SUFFIXES = (
    "ous", "ive", "al", "ful", "ic", "ble", "ant", "ent", "ary", "ory", "less", "ish", "vy",
    "gh", "ng", "rp", "ld", "ak", "ute", "ere", "ight", "ire", "ense", "ane", "ad",
)  # fmt: skip
_NOT_FRONTED = frozenset(
    "yesterday today tomorrow tonight now then here there once still so thus hence instead "
    "earlier later overnight again elsewhere meanwhile also already however moreover finally "
    "first second third last next during after before since until while when where whether "
    "monday tuesday wednesday thursday friday saturday sunday for against among despite under "
    "over without within between beyond unlike including excluding regarding concerning "
    "according thanks due outside inside behind across along around near below above "
    "long young".split()
)


@register
class FrontedPredicateAdjective(Rule):
    code = "MT015"
    name = "verbless-fronted-predicate"
    severity = "warning"
    fixable = False
    fix_in_quotes = False
    summary = 'A predicate adjective before its subject, with no verb ("Heavy the toll: ...").'
    doc = (
        'Italian and Spanish open a sentence with the predicate and drop the verb ("Pesante il '
        'bilancio", "Más prudentes los bancos"); machine translation keeps the order: "Serious '
        'the damage: ...", "More cautious the investors, ...". English needs a subject and a '
        'verb: "The damage is serious: ...", "Investors were more cautious".'
    )
    bad = (
        "Serious the damage: three bridges collapsed and a school was flooded.",
        "More optimistic the exporters, who expect a rebound in spring.",
        "Dramatic the scenes at the station, where hundreds waited all night.",
    )
    good = (
        "The damage is serious: three bridges collapsed.",
        "Exporters were more optimistic, expecting a rebound.",
        "Watch the video: the bridge collapses.",
        "Asked the reason, the mayor declined to answer.",
        "Yesterday the council met, and the mayor spoke.",
        "Despite the rain, thousands marched.",
        "Critical the report was not; it praised the plan.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        for sent in doc.sentences:
            lead = 0
            if view[sent.start : sent.start + 1].isspace():
                lead = len(view[sent.start : sent.end]) - len(view[sent.start : sent.end].lstrip())
            if not _FRONTED_HINT.match(view, sent.start + lead, sent.end):
                continue
            block = doc.block_at(sent.start)
            if block is not None and block.kind != "paragraph":
                continue
            m = FRONTED_ADJ_RE.match(view, sent.start + lead, sent.end)
            if not m:
                continue
            adj = m.group("adj").lower()
            if not m.group("adv") and not m.group("adj")[0].isupper():
                continue
            if adj in _NOT_FRONTED or adj in PREPOSITIONS or adj in DETERMINERS:
                continue
            if adj.endswith(("ly", "ed", "ing")) or _can_be_base(adj):
                continue
            if not m.group("adv") and not adj.endswith(_ADJ_SUFFIXES):
                continue
            if zipf(adj) < 3.0:
                continue  # a name ("Rossi the ...") rather than an adjective
            if has_finite_verb(view, m.start("subj"), m.start("punct")):
                continue
            s, e = m.start(), m.end("subj")
            msg = (
                f'predicate before its subject with no verb ("{_flat(view[s:e])}"); write '
                f'"{_flat(m.group("subj"))} is/was {_flat((m.group("adv") or "") + adj)}"'
            )
            yield self.diagnostic(s, e, msg, None)


# ---------------------------------------------------------------------------------------------
# MT016: a lexical verb second after a fronted phrase, its subject after it (German V2).

_V2_PREPS = (PREPOSITIONS | {"according"}) - {"as", "of", "after", "before", "since", "until"}
_V2_TIME = frozenset(
    "yesterday today tomorrow meanwhile then later afterwards subsequently therefore now".split()
)
_SUBJ_DETS = frozenset("the a an this these his her their its our".split())
_V2_FIRST = _V2_PREPS | _V2_TIME
_PRONOUNS_ANY = SUBJECT_PRONOUNS | OBJECT_PRONOUNS


# Verbs English itself inverts after a fronted place phrase ("In the corner stood a lamp").
_LOCATIVE = frozenset(
    "is are was were stood stands stand sat sits lay lies hung hangs came comes rose rises "
    "lived lives remained remains emerged emerges appeared appears followed follows went goes "
    "ran runs began begins loomed looms".split()
)


@register
class LexicalVerbSecond(Rule):
    code = "MT016"
    name = "verb-before-subject-after-fronted-phrase"
    severity = "warning"
    fixable = False
    fix_in_quotes = False
    summary = "A verb before its subject after a fronted phrase (German verb-second order)."
    doc = (
        "German puts the finite verb second: after a fronted phrase the subject follows the "
        'verb ("In seiner Rede warf Merz der Regierung vor", "Laut Umfragen liegt die Union '
        'vorn"). Translated word for word: "In his speech accused Merz the government", '
        '"According to polls lies the Union ahead". English keeps the subject first: "In his '
        'speech, Merz accused the government". English inversion after a place phrase with a '
        'verb of position ("In the corner stood a lamp") is not flagged.'
    )
    bad = (
        "In a short statement criticised Baerbock the decision of the court.",
        "According to the latest polls gained the alliance another 3 percent.",
        "During the debate accused the senator the minister of lying.",
        "According to the latest polls leads the Union with 31 percent.",
    )
    good = (
        "In a short statement, Baerbock criticised the decision of the court.",
        "In the corner stood a small lamp.",
        "According to the latest polls, the alliance leads with 30 percent.",
        "After the vote ended the chairman thanked the members.",
        "In 2019 the club signed a new coach.",
        "In the north the River Tay winds through the hills.",
        "For the first time in years the economy grew.",
        "Among the victims was a child.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        heads = sentence_heads(doc, ctx)
        finditer = token_re(doc).finditer
        for sent, head in zip(doc.sentences, heads, strict=True):
            if head is not None and head not in _V2_FIRST:
                continue
            # The loop below reads at most 11 tokens: 12 tell it as much as all of them. It
            # works on their texts and lower-case forms; the diagnostic takes the Tokens.
            texts = [m.group() for m in islice(finditer(view, sent.start, sent.end), 12)]
            n = len(texts)
            if n < 5 or not texts[0][:1].isalnum():
                continue
            lows = [t.lower().replace("’", "'") for t in texts]
            first = lows[0]
            if first not in _V2_PREPS and first not in _V2_TIME:
                continue
            word = [t[:1].isalnum() for t in texts]
            cap = [t[:1].isupper() for t in texts]
            for k in range(1 if first in _V2_TIME else 2, min(8, n - 2)):
                if not all(word[:k]):
                    break  # a comma closes the fronted phrase: English order follows
                if k >= 2 and lows[k - 1] in DETERMINERS and lows[k - 2] not in PREPOSITIONS:
                    break  # a second noun phrase: the subject stands before the verb
                if k >= 2 and lows[k - 1] in _PRONOUNS_ANY:
                    break
                if not word[k] or cap[k]:
                    continue
                low = lows[k]
                if low in _LOCATIVE or low in FUNCTION_WORDS:
                    continue
                past = _is_past_form(low)
                if not past and not (low.endswith("s") and s_form_base(low)):
                    continue
                if past and _front_has_verb(lows[:k]):
                    break
                subj = k + 1
                if not past:
                    # "-s" words are mostly plural nouns: only a proper-noun subject after them
                    # ("According to polls leads the Union") shows the verb.
                    proper = cap[subj] and lows[subj] not in FUNCTION_WORDS
                    det_proper = lows[subj] == "the" and k + 2 < n and cap[k + 2]
                    if not (proper or det_proper) or lows[k - 1] in DETERMINERS:
                        continue
                if lows[subj] in _SUBJ_DETS and k + 2 < n and word[k + 2]:
                    end = k + 2
                elif cap[subj] and word[subj] and lows[subj] not in FUNCTION_WORDS:
                    end = subj
                    if k + 2 < n and cap[k + 2] and word[k + 2]:
                        end = k + 2
                else:
                    break
                if end + 1 >= n or not word[end + 1]:
                    break  # the subject closes the clause: English locative inversion
                if lows[end + 1] in ("that", "which", "who", "whose", "and", "or"):
                    break
                toks = tokenize(view, sent.start, sent.end)
                s, e = toks[k].start, toks[end].end
                phrase = _flat(view[toks[0].start : toks[k - 1].end])
                msg = (
                    f'verb before its subject after a fronted phrase ("{_flat(view[s:e])}"); '
                    f'English keeps the subject first: "{phrase}, '
                    f'{_flat(view[toks[subj].start : e])} {low} …"'
                )
                yield self.diagnostic(s, e, msg, None)
                break


def _front_has_verb(front: list[str]) -> bool:
    """Whether a fronted phrase (its tokens in lower case) holds a verb of its own ("After the
    vote ended ...")."""
    for i, low in enumerate(front[1:], 1):
        if low in FINITE_AUX:
            return True
        prev = front[i - 1]
        if _is_past_form(low) and prev not in DETERMINERS and prev not in PREPOSITIONS:
            return True
    return False


def _is_past_form(word: str) -> bool:
    from lintnews.lexicon import _PAST_AMBIGUOUS, _PAST_ONLY

    w = word.lower()
    return w in _PAST_ONLY or w in _PAST_AMBIGUOUS or (w.endswith("ed") and ed_is_verb(w))


# ---------------------------------------------------------------------------------------------
# MT017: German bracket: an auxiliary, a prepositional phrase, then the participle.

_BRACKET_RE = regex.compile(
    r"\b(?P<aux>has|have|had)\s+(?=(?:as|in|on|at|by|for|through|with|after|before|during"
    r"|since|from|under|despite|due|according|because)\s)"
)
# Prepositional phrases English itself puts between "has" and a participle.
_BRACKET_OK = regex.compile(
    r"(?:in\s+(?:fact|part|turn|effect|particular|general|practice|theory|principle|short"
    r"|recent\s+\w+|the\s+past(?:\s+\w+)?|the\s+meantime|the\s+end|many\s+ways|some\s+cases"
    r"|any\s+case|most\s+cases|addition)|at\s+(?:least|last|times|once|first|the\s+same\s+time)"
    r"|by\s+(?:now|then|and\s+large|far)|for\s+(?:years|decades|months|weeks|days|centuries"
    r"|some\s+time|a\s+(?:long\s+)?time|the\s+first\s+time|a\s+while|now|long|the\s+most\s+part"
    r"|a\s+decade|a\s+century|generations)|since\s+then|of\s+course|as\s+(?:yet|usual|well"
    r"|a\s+result|such))$",
    regex.I,
)


_DATE_WORD = regex.compile(
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{4}|spring|summer|autumn"
    r"|winter|morning|evening|afternoon|night|weekend"
)


@register
class SplitAuxiliaryPhrase(Rule):
    code = "MT017"
    name = "prepositional-phrase-inside-perfect"
    severity = "warning"
    fixable = False
    fix_in_quotes = False
    summary = 'A prepositional phrase between "has" and its participle (German sentence bracket).'
    doc = (
        'German splits the perfect around the rest of the clause ("Der Konzern hatte im '
        'September gekündigt", "hat wie erwartet verloren"); translated word for word: "had in '
        'September cancelled", "has as expected lost". English keeps the auxiliary and the '
        'participle together and puts the phrase after them: "had cancelled in September". '
        'Adverbs ("has already lost") and set phrases ("had in fact", "has for years been") '
        "are not flagged."
    )
    bad = (
        "The company had in October announced a wage freeze.",
        "The coalition has as predicted lost its majority.",
        "The union had through repeated strikes the output of two plants halted.",
    )
    good = (
        "The company had announced a wage freeze in October.",
        "The coalition has in fact lost its majority.",
        "The river has for years been a source of conflict.",
        "She had the car repaired in October.",
        "He has already lost twice.",
        "The minister had at one point considered resigning.",
        "She has on several occasions criticised the plan.",
        "They have over the years built a loyal following.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        view = doc.view
        for m in _BRACKET_RE.finditer(view):
            sent = doc.sentence_at(m.start())
            stop = sent.end if sent else min(len(view), m.end() + 200)
            toks = tokenize(view, m.end(), stop)[:14]
            part = None
            for i, t in enumerate(toks):
                if not t.is_word:
                    break
                if i >= 1 and _is_participle(t.low):
                    prev = toks[i - 1].low
                    if prev in DETERMINERS or prev in PREPOSITIONS:
                        continue
                    part = i
                    break
                if t.low in FINITE_AUX:
                    break
            if part is None or part < 1:
                continue
            p_tok = toks[part]
            if p_tok.low in ("been", "become"):
                continue
            mid = view[toks[0].start : toks[part - 1].end]
            if _BRACKET_OK.match(mid.strip()):
                continue
            low = [t.low for t in toks[:part]]
            # English puts short adverbial phrases there too ("had at one point considered",
            # "has on several occasions said"); German order shows in a date phrase, in "as
            # expected", or in an object noun phrase before the participle.
            dated = len(low) <= 3 and bool(_DATE_WORD.fullmatch(low[-1]))
            as_expected = low[0] == "as" and len(low) == 2
            obj = any(
                w in ("the", "a", "an", "its", "their", "his", "her")
                and low[i - 1] not in PREPOSITIONS
                and low[i - 1] not in ("of",)
                for i, w in enumerate(low[1:], 1)
            )
            if not (dated or as_expected or obj):
                continue
            s, e = m.start(), p_tok.end
            aux = m.group("aux")
            msg = (
                f'prepositional phrase inside the perfect ("{_flat(view[s:e])}"); English keeps '
                f'"{aux} {p_tok.text}" together: "{aux} {p_tok.text} {_flat(mid)} …"'
            )
            yield self.diagnostic(s, e, msg, None)
