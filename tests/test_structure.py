"""GB rules: line structure and sentence shape, their fixes, and precision on clean news."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.config import Settings
from lintnews.engine import fix_source, lint_text

FIXTURES = Path(__file__).parent / "fixtures" / "clean_news"
LONG = (
    "The statement was released on Telegram by the spokeswoman of the Russian foreign "
    "ministry, who said the force would stay for a limited period of time"
)


def codes(text: str, select: str = "GB", path: str = "a.txt") -> list[str]:
    return [d.code for d in lint_text(text, path, Settings(select=(select,)))]


def fixed(text: str, select: str, path: str = "a.txt", unsafe: bool = False) -> str:
    out, _ = fix_source(path, text, Settings(select=(select,)), unsafe=unsafe)
    return out


# -- line structure ----------------------------------------------------------------------------


@pytest.mark.parametrize("nl", ["\n", "\r\n"])
def test_hard_line_break_join_keeps_the_rest_identical(nl: str) -> None:
    first = f"{LONG}, cited by the"
    text = nl.join(
        [
            "Headline without a full stop",
            "",
            first,
            "Interfax agency and by TASS.",
            "",
            f"{LONG}, officials said on Thursday.",
            "",
        ]
    )
    out = fixed(text, "GB006")
    expected = text.replace(f"cited by the{nl}Interfax", "cited by the Interfax")
    assert out == expected
    assert out.count(nl) == text.count(nl) - 1


def test_hard_line_break_spares_wrapped_text_and_markdown() -> None:
    wrapped = (
        "The statement was released on Telegram by the spokeswoman of the\n"
        "Russian foreign ministry, who said the force would stay for a\n"
        "limited period of time.\n"
    )
    assert "GB006" not in codes(wrapped)
    md = f"{LONG}, cited by the\nInterfax agency.\n\n{LONG}, officials said.\n"
    assert "GB006" not in codes(md, path="a.md")


def test_hard_line_break_spares_subheads_in_one_line_paragraph_files() -> None:
    text = f"{LONG}.\nTwelve policemen killed\n{LONG}, officials said.\n{LONG}.\n"
    assert "GB006" not in codes(text)


@pytest.mark.parametrize("nl", ["\n", "\r\n"])
def test_doubled_word_removal_keeps_the_rest_identical(nl: str) -> None:
    text = nl.join(["Title", "", "He said that the the situation was calm.", "Second line.", ""])
    out = fixed(text, "GB001")
    assert out == text.replace("the the", "the")


def test_doubled_punctuation_and_spaces() -> None:
    assert fixed("Prices rose,, he said.", "GB002") == "Prices rose, he said."
    assert fixed("Prices rose ,he said .", "GB003") == "Prices rose,he said."
    assert fixed("Dozens died.The army came.", "GB004") == "Dozens died. The army came."
    assert fixed("Troops entered theUkraine.", "GB005") == "Troops entered the Ukraine."
    assert codes("The U.S., Britain and France agreed.") == []


def test_unbalanced_quotes_and_brackets() -> None:
    assert "GB007" in codes("He said “we will fight.\n\nThe vote is on Monday.")
    assert "GB007" not in codes("“We will fight.\n\n“To the end,” he said.")
    assert "GB008" in codes("The alliance (six states sent troops.")
    assert "GB008" not in codes("Two steps: a) a curfew and b) a cap.")


def test_lowercase_sentence_start() -> None:
    assert (
        fixed("Police came. the crowd fled.", "GB009", unsafe=True)
        == "Police came. The crowd fled."
    )
    assert codes("It cost approx. the same. He left at 9 a.m. on Monday.") == []


# -- sentence shape ----------------------------------------------------------------------------


SEED_PARAGRAPH = (
    "The balance of the gas revolt in Kazakhstan is becoming increasingly dramatic. With the "
    "repression also linked to the sending of troops from Moscow. Palaces of power stormed by "
    "demonstrators. And hard punch from the president, Kassym-Jomart Tokayev. Who addressed "
    "Putin directly. The country’s authorities have announced the start of an operation."
)


def test_fragments_in_a_paragraph() -> None:
    diags = lint_text(SEED_PARAGRAPH, "a.txt", Settings(select=("GB010", "GB011")))
    flagged = [SEED_PARAGRAPH[d.start : d.end] for d in diags]
    assert "Who addressed Putin directly." in flagged
    assert any(f.startswith("With the repression") for f in flagged)
    assert "Palaces of power stormed by demonstrators." in flagged


def test_fragment_fix_joins_to_previous_sentence() -> None:
    text = "He met the president. Who addressed Putin directly."
    assert (
        fixed(text, "GB010", unsafe=True) == "He met the president, who addressed Putin directly."
    )


@pytest.mark.parametrize(
    "heading", ["‘A revolution’", "Over 2,000 detainees", "Twelve policemen killed"]
)
def test_subheads_are_not_fragments(heading: str) -> None:
    text = f"The protests spread on Monday.\n\n{heading}\n\nPolice detained 2,300 people."
    assert codes(text) == []


def test_stray_capitalised_word_fixes() -> None:
    text = "The alliance said so. IS what we read in a statement."
    assert fixed(text, "GB012", unsafe=True).endswith("This is what we read in a statement.")
    text = "Police came.\n\nIS an “intense shooting” is underway in the square."
    assert fixed(text, "GB012", unsafe=True).endswith(
        "An “intense shooting” is underway in the square."
    )
    assert codes("IS claimed responsibility for the attack.") == []


def test_orphan_acronym_and_double_attribution() -> None:
    text = (
        "The cost of liquefied petroleum gas tripled. Twelve died and 353 others (LPG). "
        "More were hurt, according to the Ministry of Health revealed."
    )
    out = fixed(text, "GB", unsafe=True)
    assert "353 others." in out
    assert "according to the Ministry of Health." in out
    assert (
        codes(
            "Prices of liquefied petroleum gas (LPG) rose. "
            "The Kurdistan Workers' Party (PKK) spoke."
        )
        == []
    )


def test_split_attribution() -> None:
    text = "“They were eliminated,” Azirbek told television. Khabar-24, “the rest fled.”"
    out = fixed(text, "GB102", unsafe=True)
    assert "Azirbek told Khabar-24 television: “the rest fled.”" in out


# -- precision -----------------------------------------------------------------------------------


def _fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: p.name)
def test_clean_news_raises_nothing(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    diags = lint_text(text, str(path), Settings(select=("GB", "CL")))
    assert [(d.code, text[d.start : d.end]) for d in diags] == []


def test_clean_seed_articles(seeds: Path) -> None:
    total = 0
    for name in ("000_d5281561fa44b5ea.txt", "002_6b3755f4c50401bb.txt"):
        text = (seeds / name).read_text(encoding="utf-8")
        total += len(lint_text(text, name, Settings(select=("GB", "CL"))))
    assert total <= 2


def test_hard_line_break_spares_two_line_paragraphs_of_wrapped_text() -> None:
    wrapped = (
        "The review found that the trust had delayed the replacement of an MRI scanner and "
        "postponed repairs to a\nchildren's ward because of a shortfall that, at the time, "
        "managers blamed on rising costs and\nthe price of energy, which had tripled over "
        "the winter, the report said in its findings.\n\n"
        "It is hard to overstate how angry staff feel, said Rachel Dunne, a nurse who "
        "represents employees on the\ntrust's board and has worked there for twenty years.\n"
    )
    assert "GB006" not in codes(f"{LONG}.\n\n{LONG}.\n\n{wrapped}")
