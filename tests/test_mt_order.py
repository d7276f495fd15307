"""Word-order rules (MT010-MT014): translated shapes fire, ordinary English news stays quiet."""

from __future__ import annotations

import pytest

from lintnews.config import Settings
from lintnews.engine import lint_text

CODES = ("MT010", "MT011", "MT012", "MT013", "MT014")


def _codes(text: str, lang: str = "auto") -> list[str]:
    settings = Settings(select=CODES, source_lang=lang)
    return [d.code for d in lint_text(text, "example.txt", settings, "text")]


BAD = [
    ("MT010", "“The dam will hold,” affirmed the engineer in charge of the works."),
    ("MT010", "“Prices will fall next year,” estimated Laura Benetti, an analyst."),
    ("MT010", "“Nothing was hidden,” specified the ministry in a note."),
    ("MT010", "The damage runs into millions, underlined the regional councillor."),
    ("MT010", "“We need more time,” explained the spokeswoman of the utility."),
    ("MT011", "During the night were rescued eleven fishermen off the coast."),
    ("MT011", "Were approved the new rules on rents, after a long debate."),
    ("MT011", "Officials said that in the province were closed all the schools."),
    ("MT012", "Last week has the regional court overturned the ban."),
    ("MT012", "Tomorrow will the foreign minister meet his counterpart."),
    ("MT012", "Analysts expect that the bank the rates raised has."),
    ("MT013", "The talks with the premier Lindqvist ended without a deal."),
    ("MT013", "The Governor Okafor signed the decree on Friday."),
    ("MT013", "He met the President Halvorsen at the palace."),
    ("MT014", "The bulletin of the KSR warned of storms in the north."),
    ("MT014", "Deputies of the Pvd voted against the law."),
]

GOOD = [
    "“The dam will hold,” said the engineer in charge of the works.",
    "“The dam will hold,” the engineer affirmed.",
    "“We need more time,” explained Dr Hale, who leads the project.",
    "“We lost,” added the coach.",
    "The mayor toured the area, declared a state of emergency and asked for help.",
    "The committee, which stressed the urgency of the matter, met again.",
    "He was named the best young player of the tournament.",
    "She was appointed the first woman to lead the agency.",
    "In 2018 he was given a second term.",
    "Among the victims were a teacher and her son.",
    "Inside the stadium, fans were told the match had been postponed.",
    "The report was published on Monday and was followed by a debate.",
    "Never has the committee moved so fast.",
    "Only later did the minister admit the mistake.",
    "Yesterday the regional court overturned the ban.",
    "The bank raised rates, as analysts had expected it would.",
    "Nobody knows what the final figure will be.",
    "President Halvorsen met the delegation at the palace.",
    "The president, Ingrid Halvorsen, met the delegation.",
    "The President of Finland met the delegation.",
    "The Prime Minister's spokesman declined to comment.",
    "The Mayor of Lyon opened the bridge.",
    "The General Assembly adopted the resolution.",
    "The Secretary General spoke first.",
    "The Queen Elizabeth II Conference Centre hosted the talks.",
    "The Prime Minister, Keiko Sato, resigned.",
    "NATO, the EU and the IMF issued statements.",
    "The Bank of Japan (BOJ) held rates. The BOJ said inflation was stable.",
    "The International Atomic Energy Agency (IAEA) sent inspectors; the IAEA report is due.",
    "Shares of UBS rose 2%, while the CSI 300 index fell.",
    "The unions, led by IG Metall, called a strike.",
    "The broadcaster BHRT said the road was closed.",
    "Ukraine's military intelligence agency, the GUR, said the strike hit a depot.",
    "MOSCOW, March 3 - Officials met in the capital.",
    "The patient had an MRI scan on Tuesday.",
    "The ZPK, the country's main opposition party, boycotted the vote.",
    "Asked about the delay, a spokesperson for the agency declined to comment.",
    "Among those arrested was a 17-year-old boy, police said.",
    "Also on the ballot were measures on abortion and the minimum wage.",
    "Gone are the days when a degree guaranteed a job.",
    "The company had in recent years cut its workforce by half.",
    "The governor of California, Gavin Newsom, signed the bill.",
]


@pytest.mark.parametrize(("code", "text"), BAD)
def test_translated_order_is_flagged(code: str, text: str) -> None:
    # MT013/MT014 are weak signals: they need a known source language or another MT finding.
    lang = "es" if code in ("MT013", "MT014") else "auto"
    assert code in _codes(text, lang)


def test_weak_signals_need_corroboration_in_auto_mode() -> None:
    lone = "The bulletin of the KSR warned of storms in the north."
    assert _codes(lone) == []
    assert _codes(lone, "es") == ["MT014"]
    with_other = lone + " “The rain will stop,” affirmed the engineer in charge of the works."
    assert sorted(set(_codes(with_other))) == ["MT010", "MT014"]


@pytest.mark.parametrize("text", GOOD)
def test_english_order_is_quiet(text: str) -> None:
    assert _codes(text) == []
