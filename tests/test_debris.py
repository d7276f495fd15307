"""CL rules: boilerplate and debris packs, character problems, and their fixes."""

from __future__ import annotations

import pytest

from lintnews.config import Settings
from lintnews.engine import fix_source, lint_text


def codes(text: str, select: str = "CL", path: str = "a.txt") -> list[str]:
    return [d.code for d in lint_text(text, path, Settings(select=(select,)))]


def fixed(text: str, select: str = "CL", path: str = "a.txt", unsafe: bool = False) -> str:
    out, _ = fix_source(path, text, Settings(select=(select,)), unsafe=unsafe)
    return out


@pytest.mark.parametrize("nl", ["\n", "\r\n"])
@pytest.mark.parametrize(
    "junk",
    [
        "Please check out the following website for further news articles:",
        "READ MORE: Kazakhstan lifts fuel price cap",
        "Photo: Reproduction/Instagram",
        "Subscribe to our newsletter for daily updates",
        "Source: www.example.com/news/kazakhstan",
        "Agencia EFE",
    ],
)
def test_boilerplate_line_deletion_keeps_the_rest_identical(nl: str, junk: str) -> None:
    lines = ["Title", "", "Police fired on the crowd.", junk, "The army arrived.", ""]
    text = nl.join(lines)
    out = fixed(text)
    assert out == nl.join(lines[:3] + lines[4:])


@pytest.mark.parametrize("nl", ["\n", "\r\n"])
def test_boilerplate_as_last_line(nl: str) -> None:
    text = f"Police fired on the crowd.{nl}Please check out the following website for news:"
    assert fixed(text) == f"Police fired on the crowd.{nl}"


def test_inline_debris_is_deleted() -> None:
    text = "Cars burned (Photo: AFP) in the square (We recommend: Five facts about Almaty)."
    assert fixed(text) == "Cars burned in the square."


def test_datelines_and_tickers() -> None:
    assert fixed("MADRID, 5 (EUROPA PRESS) - The plan passed.") == "The plan passed."
    assert fixed("Police fired (EFE).- The plan passed.").startswith("Police fired")
    assert "CL011" not in codes("MADRID (Reuters) - The plan passed.")
    assert fixed("+++ Troops arrive +++\n\nText.") == "Troops arrive\n\nText."


def test_boilerplate_spares_prose() -> None:
    text = (
        "Police said they would visit the site of the attack on Friday. The source said the "
        "troops would stay. Photographers were beaten. Subscribers complained. Read more "
        "about it in his memoir, the minister told reporters."
    )
    assert codes(text) == []


def test_mojibake_fix() -> None:
    text = "The police killed â€œtensâ€\x9d of demonstrators in SÃ£o Paulo."
    out = fixed(text, "CL101")
    assert out == "The police killed “tens” of demonstrators in São Paulo."


def test_invisible_and_replacement_characters() -> None:
    assert fixed("Police\u200b fired\u202e.", "CL103") == "Police fired."
    assert "CL102" in codes("Almaty\ufffds square.")
    assert "CL103" not in codes("A family 👨\u200d👩\u200d👧.")


def test_mixed_quotes() -> None:
    text = '“We will fight,” he said. "We will win," she said. It’s over; it\'s done; it’s late.'
    out = fixed(text, "CL104", unsafe=True)
    assert (
        out == "“We will fight,” he said. “We will win,” she said. It’s over; it’s done; it’s late."
    )


def test_non_breaking_space_and_entities() -> None:
    assert fixed("He said\u00a0: no.", "CL105") == "He said: no."
    assert codes("It is 10\u00a0km long and costs 10\u00a0000 euros.") == []
    assert fixed("Johnson &amp; Johnson", "CL106") == "Johnson & Johnson"
    assert codes("Johnson &amp; Johnson", path="a.md") == []
