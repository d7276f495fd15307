"""Foreign dates, times, numbers and punctuation (MT003, MT004, MT007) and agency datelines."""

from __future__ import annotations

import pytest

from lintnews.config import Settings
from lintnews.engine import apply_fixes, lint_text


def _diags(text: str, code: str):
    settings = Settings(select=(code,), source_lang="auto")
    return [d for d in lint_text(text, "example.txt", settings, "text") if d.code == code]


def _fixed(text: str, code: str) -> str:
    fixes = [d.fix for d in _diags(text, code) if d.fix]
    return apply_fixes(text, fixes)[0]


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("Turnout reached 61,4 in the north.", "MT004", "Turnout reached 61.4 in the north."),
        ("The storm left 4.800 homeless.", "MT004", "The storm left 4,800 homeless."),
        ("Some 3.600.000 tourists came.", "MT004", "Some 3,600,000 tourists came."),
        ("Crews hired 4 thousand 750 staff.", "MT004", "Crews hired 4,750 staff."),
        ("Output hit 12 hundred million yuan.", "MT004", "Output hit 1.2 billion yuan."),
        (
            "The city has 2150 ten thousand residents.",
            "MT004",
            "The city has 21.5 million residents.",
        ),
        ("Wages averaged 73050 yuan.", "MT004", "Wages averaged 73,050 yuan."),
        ("The vote closes at 18h30 today.", "MT003", "The vote closes at 6:30 p.m. today."),
        ("Shops shut after the 22.00 hours.", "MT003", "Shops shut after 10 p.m."),
        ("Polls open at 9 of the morning.", "MT003", "Polls open at 9 a.m."),
        ("The deadline is the 14 february.", "MT003", "The deadline is February 14."),
        (
            "The law passed on 21.06.2023 in Ankara.",
            "MT003",
            "The law passed on June 21, 2023 in Ankara.",
        ),
        ("The plan for Reiwa 8 was set.", "MT003", "The plan for 2026 was set."),
        ("The Bank of Korea（BOK）cut rates.", "MT007", "The Bank of Korea (BOK) cut rates."),
        ("He met Blinken، then flew home.", "MT007", "He met Blinken, then flew home."),
        ("Rescuers found ٣٢٠٥٠ survivors.", "MT007", "Rescuers found 32,050 survivors."),
        ("They asked ¿why now? on Friday.", "MT007", "They asked why now? on Friday."),
    ],
)
def test_fix(text: str, code: str, expected: str) -> None:
    assert _fixed(text, code) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Police counted 1,800 marchers and 2.5 percent more cars.",
        "The refinery processes 0.750 million barrels a day.",
        "China's population fell to 1.408 billion last year.",
        "Release 3.100 of the software fixed the flaw.",
        "Lists 1,2 and 3 were merged; pages 4,5 were cut.",
        "The gap to the leader was 0.412 seconds.",
        "The talks ended at 21:45 and resumed at 9:15 a.m.",
        "She woke at 4 in the morning and drove for 3h.",
        "After 11h of talks the deal was signed.",
        "The flight lasted 13.45 hours.",
        "The 7 October attacks were condemned on 12 October.",
        "The 2 march to the capital began at dawn.",
        "United won 3-1, and Luke 2:10 was read at the service.",
        "The bond yields 4.125% and the 1.5C goal stands.",
        "The crowd sang “¡Viva España!” in the square.",
        "KYIV, Ukraine (AP) — Missiles struck the capital overnight.",
        "LONDON (Reuters) - Oil prices fell.",
        "TOKYO, March 3 (Reuters) - The yen weakened.",
        "Flight 12345 landed with 180 passengers.",
    ],
)
def test_quiet(text: str) -> None:
    settings = Settings(select=("MT003", "MT004", "MT005", "MT007", "CL"), source_lang="auto")
    assert [d.code for d in lint_text(text, "example.txt", settings, "text")] == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Braga, 9 Oct 2023 (Lusa) — Doctors walked out.", "CL013"),
        ("TVER, 2 June. /TASS/. Fires spread.", "CL013"),
        (
            "Medina, 10 Safar 1446 AH corresponding to 14 August 2024 AD, SPA -- Talks began.",
            "CL013",
        ),
        ("Xinhua News Agency, Wuhan, June 2 (Reporter Chen Jie) Output rose.", "CL013"),
        ("(Busan=Yonhap News) Exports rose.", "CL013"),
        ("(Interfax) - Fires spread.", "CL013"),
        ("Fires spread.\n（Editor: Sun Yu）", "CL014"),
        ("Fires spread.\nReklama\nRain fell.", "CL001"),
        ("Fires spread.\nLeggi anche: Incendi in Sardegna", "CL002"),
        ("Fires spread.\nKaynak: İHA", "CL008"),
        ("Fires spread.\n（時事）", "CL012"),
    ],
)
def test_boilerplate(text: str, code: str) -> None:
    settings = Settings(select=(code,), source_lang="auto")
    assert code in [d.code for d in lint_text(text, "example.txt", settings, "text")]
