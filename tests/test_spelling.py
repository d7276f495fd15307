"""Spelling rules (TY0xx): names, compounds, variants, vocabulary files, [sic], seeds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.config import Settings
from lintnews.engine import apply_fixes, lint_text
from lintnews.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def ty(text: str, kind: str = "text", **kw) -> list:
    """TY findings (the opt-in TY005 left out)."""
    kw["ignore"] = (*kw.get("ignore", ()), "TY005")
    settings = Settings(select=("TY",), **kw)
    return lint_text(text, "story.md" if kind == "markdown" else "story.txt", settings, kind)


def spans(text: str, **kw) -> list[tuple[str, str]]:
    return [(d.code, text[d.start : d.end]) for d in ty(text, **kw)]


# -- names are not typos ----------------------------------------------------------------------


def test_names_are_not_typos() -> None:
    text = (
        "Police spokesman Saltanat Azirbek said President Kassym-Jomart Tokayev had asked the "
        "CSTO for help. Azirbek told Khabar-24 that protesters in Mangystau and Taldykorgan "
        "had been detained. Nursultan Nazarbayev did not comment."
    )
    assert ty(text) == []


def test_urls_emails_handles_hashtags_and_domains_are_skipped() -> None:
    text = (
        "Write to tips@newsroomx.org or see https://example.org/xqzt-report and "
        "www.qwxzv.com, follow @qwxzvbot and #qwxzvtag, read qwxzv.co.uk or qzxv.pdf."
    )
    assert ty(text) == []


def test_code_is_skipped_in_markdown() -> None:
    text = "Run `qwxzv --frobnicate` before the vote.\n\n```\nxyzzyq plugh\n```\n"
    assert ty(text, kind="markdown") == []


def test_italic_foreign_words_are_skipped_in_markdown() -> None:
    assert ty("The *reportr* ceremony was held on Tuesday.\n", kind="markdown") == []
    assert spans("The reportr ceremony was held on Tuesday.") == [("TY002", "reportr")]


def test_sentence_initial_typo_of_an_ordinary_word_is_flagged() -> None:
    got = spans("Minsitry officials said the talks had failed.")
    assert got == [("TY002", "Minsitry")]
    assert ty("Minsitry officials said the talks had failed.")[0].fix.edits[0].content == (
        "Ministry"
    )


def test_sentence_initial_unknown_name_is_not_flagged() -> None:
    assert ty("Azirbek said the police had regained control.") == []
    assert ty("Meanwhile, protesters gathered. Zhanaozen residents joined them.") == []


def test_capitalised_misspelling_mid_sentence_is_flagged() -> None:
    assert spans("He criticised the Goverment on Tuesday.") == [("TY001", "Goverment")]


def test_all_caps_and_digits_are_skipped() -> None:
    assert ty("The GOVERMENT and the QWXZ unit used 4G and B2B2C links.") == []


# -- typos and fixes ---------------------------------------------------------------------------


def test_curated_misspelling_has_safe_fix() -> None:
    diags = ty("Officials recieved the report.")
    assert [d.code for d in diags] == ["TY001"]
    assert diags[0].fix.applicability == "safe"
    assert apply_fixes("Officials recieved the report.", [diags[0].fix])[0] == (
        "Officials received the report."
    )


def test_possessive_is_stripped_before_the_fix() -> None:
    text = "The goverment's plan was approved."
    diags = ty(text)
    assert [text[d.start : d.end] for d in diags] == ["goverment"]
    assert apply_fixes(text, [diags[0].fix])[0] == "The government's plan was approved."


def test_unknown_word_with_dominant_suggestion_is_unsafe() -> None:
    diags = ty("Troops were deplyed overnight.")
    assert [d.code for d in diags] == ["TY002"]
    assert diags[0].fix.applicability == "unsafe"
    assert diags[0].fix.edits[0].content == "deployed"


def test_ambiguous_unknown_word_is_display_only_with_three_candidates_at_most() -> None:
    diags = ty("The fina was long.")
    assert [d.code for d in diags] == ["TY002"]
    assert diags[0].fix is None or diags[0].fix.applicability == "display"
    assert diags[0].message.count('"') <= 2 + 2 * 3


def test_word_without_candidates_is_not_reported() -> None:
    # Nothing in any dictionary is near it: a term or a name (a new drug), not a slip.
    assert ty("The zqxwvkjh was long.") == []
    assert ty("Trials of orforglipron ended.") == []


def test_quoted_foreign_gloss_is_not_a_typo() -> None:
    assert ty('Locals call it "la gota fría" in Valencia.') == []


def test_rare_real_words_are_quiet() -> None:
    text = (
        "The jihadist cell used a deepfake after the cyberattack, the oblast governor said; "
        "paratroopers guarded the akimat and the tenge fell. Detainees were livestreamed."
    )
    assert ty(text) == []


def test_new_compounds_and_derivations_are_words() -> None:
    text = (
        "Workstreams, caucusgoers and backburning crews faced narcoterrorism, "
        "stagflationary pressure, overindebted firms and doxxing."
    )
    assert ty(text) == []


def test_compounds_one_slip_from_a_word_are_typos() -> None:
    assert spans("The foothall match and the afterboon session.") == [
        ("TY002", "foothall"),
        ("TY002", "afterboon"),
    ]


def test_inflections_are_not_typos_of_their_base() -> None:
    assert ty("Lockdowns and counteroffensives were discussed on the sidelines.") == []


def test_common_web_misspellings_are_still_flagged() -> None:
    # wordfreq lists these (they are frequent on the web) but they are not words.
    assert [c for c, _ in spans("They sad thte results were in.")] == ["TY002"]


# -- compounds ---------------------------------------------------------------------------------


def test_parts_of_hyphenated_compounds_are_checked() -> None:
    assert spans("It was a well-knwon anti-goverment group.") == [
        ("TY002", "knwon"),
        ("TY001", "goverment"),
    ]


def test_slashed_compounds_are_checked() -> None:
    assert spans("The bus/trian service resumed.") == [("TY002", "trian")]


def test_lowercase_parts_of_names_are_not_typos() -> None:
    text = "President Yoon Suk-yeol met Lee Jae-myung and Kim Jong-un. Suk-yeol said so."
    assert ty(text) == []


def test_lowercase_part_after_a_name_is_still_checked_when_clearly_misspelt() -> None:
    assert spans("The Russian-bakced forces left.") == [("TY002", "bakced")]


def test_repeated_capitalised_unknown_word_is_a_name() -> None:
    assert ty("Mamin resigned on Wednesday. Mamin was replaced.") == []


def test_name_particles_are_skipped() -> None:
    assert ty("Forces loyal to Bashar al-Assad and Mohammed bin Salman met.") == []


def test_seed_anit_terrorist_is_fixed_once() -> None:
    text = 'Troops continue their "anit-terrorist operations."'
    diags = ty(text)
    assert [d.code for d in diags] == ["TY101"]  # no duplicate spelling finding
    fixed, _ = apply_fixes(text, [d.fix for d in diags])
    assert "anti-terrorist" in fixed


def test_ignoring_the_pack_rule_does_not_hand_its_typo_to_the_spelling_rule() -> None:
    assert ty('Troops continue their "anit-terrorist operations."', ignore=("TY101",)) == []


def test_prefix_typos_before_a_hyphen_prefer_prefixes() -> None:
    for text, want in [
        ("A mutli-party system was agreed.", "multi"),
        ("The rpe-election polls closed.", "pre"),
        ("A conter-protest was held.", "counter"),
    ]:
        diags = ty(text)
        assert [d.code for d in diags] == ["TY002"], text
        assert diags[0].fix.edits[0].content == want, text


# -- [sic] ---------------------------------------------------------------------------------------


def test_sic_silences_the_word_before_it() -> None:
    assert ty('The sign read "goverment [sic] offices closed".') == []
    assert ty("The note said he was deplyed [sic] to the front.") == []


# -- English variants ----------------------------------------------------------------------------


@pytest.mark.parametrize("english", ["en-US", "en-GB"])
def test_neither_variant_is_a_typo(english: str) -> None:
    us = "The color of the organized defense traveled."
    gb = "The colour of the organised defence travelled."
    assert [d for d in ty(us, english=english) if d.code in ("TY001", "TY002")] == []
    assert [d for d in ty(gb, english=english) if d.code in ("TY001", "TY002")] == []


def test_mixed_variants_flag_the_minority() -> None:
    text = "They organized a rally; the organizers said the organisation was ready."
    got = [(d.code, text[d.start : d.end]) for d in ty(text) if d.code == "TY004"]
    assert got == [("TY004", "organisation")]


def test_variant_tie_goes_to_the_house_setting() -> None:
    text = "The color was chosen to honour the dead."
    us = [text[d.start : d.end] for d in ty(text, english="en-US") if d.code == "TY004"]
    gb = [text[d.start : d.end] for d in ty(text, english="en-GB") if d.code == "TY004"]
    assert us == ["honour"]
    assert gb == ["color"]


def test_mix_fix_converts_to_the_majority() -> None:
    text = "The colour and flavour of the programme were favourites; the color faded."
    diags = [d for d in ty(text, english="en-US") if d.code == "TY004"]
    assert [text[d.start : d.end] for d in diags] == ["color"]
    assert diags[0].fix.edits[0].content == "colour"


def test_names_do_not_count_as_variants() -> None:
    text = "The Labour Party and the Ministry of Defence met at the World Trade Center on color."
    assert [d for d in ty(text) if d.code == "TY004"] == []


def test_house_variant_rule_is_opt_in() -> None:
    text = "The colour was bright."
    s = Settings()
    assert [d for d in lint_text(text, "a.txt", s) if d.code == "TY005"] == []
    s = Settings(extend_select=("TY005",))
    assert [d.code for d in lint_text(text, "a.txt", s) if d.code == "TY005"] == ["TY005"]
    s = Settings(extend_select=("TY005",), english="en-GB")
    assert [d.code for d in lint_text(text, "a.txt", s) if d.code == "TY005"] == []


def test_ise_variants_need_a_real_ize_word() -> None:
    from lintnews.spelling.variants import counterpart

    assert counterpart("organise") == ("en-GB", "organize")
    assert counterpart("realized") == ("en-US", "realised")
    assert counterpart("advise") is None
    assert counterpart("surprise") is None
    assert counterpart("seize") is None
    assert counterpart("prize") is None
    assert counterpart("metre") == ("en-GB", "meter")
    assert counterpart("meter") is None


def test_corrections_follow_the_house_variant() -> None:
    diags = ty("The manuever failed.", english="en-GB")
    assert diags[0].fix.edits[0].content == "manoeuvre"


# -- vocabulary files ------------------------------------------------------------------------------


def test_accept_file_words_and_patterns(tmp_path: Path) -> None:
    accept = tmp_path / "accept.txt"
    accept.write_text("# names\nministr\nKhabar-\\d+\nQwzx[a-z]+\n", encoding="utf-8")
    text = "Officials met Qwzxovich. Ministr said Khabar-24 and Khabar-25 agreed."
    assert [d.code for d in ty(text)] == []  # names and digits are skipped anyway
    assert [d.code for d in ty("The ministr met.")] == ["TY002"]
    assert ty("The ministr met.", vocabulary_accept=(str(accept),)) == []
    # an all-lowercase entry also matches the word capitalised at a sentence start
    assert ty("Ministr met.", vocabulary_accept=(str(accept),)) == []


def test_accept_file_beats_the_misspelling_list(tmp_path: Path) -> None:
    accept = tmp_path / "accept.txt"
    accept.write_text("goverment\n", encoding="utf-8")
    assert ty("The goverment met.", vocabulary_accept=(str(accept),)) == []


def test_reject_file_flags_words_names_included(tmp_path: Path) -> None:
    reject = tmp_path / "reject.txt"
    reject.write_text("Kiev\n(?i)alright\n", encoding="utf-8")
    text = "The Kiev-based envoy said it was Alright in Kiev."
    got = spans(text, vocabulary_reject=(str(reject),))
    assert got == [("TY003", "Kiev"), ("TY003", "Alright"), ("TY003", "Kiev")]


def test_missing_vocabulary_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="vocabulary file not found"):
        ty("Hello.", vocabulary_accept=(str(tmp_path / "nope.txt"),))


def test_front_matter_vocabulary() -> None:
    text = (
        "---\nlintnews:\n  vocabulary:\n    accept: [zqapask]\n    reject: [Kiev]\n---\n"
        "The zqapask met in Kiev.\n"
    )
    assert [d.code for d in ty(text, kind="markdown")] == ["TY003"]


def test_vocab_add_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from lintnews.config import find_config
    from lintnews.vocab import main

    monkeypatch.chdir(tmp_path)
    find_config.cache_clear()
    assert main(["add", "Tokayev", "akimat"]) == 0
    assert (tmp_path / "vocab" / "accept.txt").read_text() == "Tokayev\nakimat\n"
    err = capsys.readouterr().err
    assert 'accept = ["vocab/accept.txt"]' in err
    (tmp_path / "lintnews.toml").write_text(
        '[tool.lintnews.vocabulary]\naccept = ["words.txt"]\n', encoding="utf-8"
    )
    find_config.cache_clear()
    assert main(["add", "akimat", "Mazhilis"]) == 0
    assert (tmp_path / "words.txt").read_text() == "akimat\nMazhilis\n"
    assert main(["add", "Kiev", "--reject"]) == 0
    assert (tmp_path / "vocab" / "reject.txt").read_text() == "Kiev\n"


def test_vocab_is_a_cli_command(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "lintnews", "vocab", "add", "zqapask"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "vocab" / "accept.txt").read_text() == "zqapask\n"


# -- seeds ---------------------------------------------------------------------------------------


def test_seeds_have_no_spelling_finding_on_correct_words(seeds: Path) -> None:
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        diags = lint_text(text, path.name, Settings(select=("TY",), ignore=("TY005",)))
        found = [(d.code, text[d.start : d.end]) for d in diags]
        if path.name.startswith("000_"):
            assert found == [("TY101", "anit-")]
            fixed, _ = apply_fixes(text, [d.fix for d in diags])
            assert '"anti-terrorist operations."' in fixed
        else:
            assert found == [], path.name


def test_clean_benchmark_text_has_no_findings() -> None:
    for path in sorted((ROOT / "bench" / "data").glob("*.txt")):
        english = "en-GB" if ".en-GB." in path.name else "en-US"
        text = path.read_text(encoding="utf-8")
        settings = Settings(select=("TY",), ignore=("TY005",), english=english)
        diags = lint_text(text, path.name, settings)
        assert [(d.code, text[d.start : d.end]) for d in diags] == [], path.name


# -- data and loading ----------------------------------------------------------------------------


def test_misspelling_list_is_sound() -> None:
    from lintnews.checks.spelling import misspellings
    from lintnews.spelling.lexicon import get_lexicon

    lex = get_lexicon()
    table = misspellings()
    assert len(table) >= 300
    for wrong, right in table.items():
        assert not lex.in_dictionary(wrong), wrong
        assert wrong != right.lower(), wrong
        for w in right.lower().split():
            assert lex.in_dictionary(w), right


def test_lexicon_cache_round_trip(tmp_path: Path) -> None:
    from lintnews.spelling.lexicon import Table, _read_cache, _write_cache

    table = {"government": 1130 << 1 | 1, "goverment": 266 << 1, "akimat": 150 << 1}
    path = tmp_path / "lexicon.bin"
    _write_cache(path, Table.from_dict(table))
    back = _read_cache(path)
    assert back is not None and back.as_dict() == table
    assert back.get("goverment") == 266 << 1 and "akimat" in back and "zzz" not in back
    back["zzz"] = 1
    assert back.get("zzz") == 1 and len(back) == 4
    path.write_bytes(b"garbage")
    assert _read_cache(path) is None


def test_dictionaries_load_lazily() -> None:
    code = (
        "import sys\n"
        "from lintnews.engine import get_registry\n"
        "get_registry()\n"
        "assert 'spellchecker' not in sys.modules and 'wordfreq' not in sys.modules\n"
        "from lintnews.engine import lint_text\n"
        "from lintnews.config import Settings\n"
        "lint_text('GB CSTO 42.', 'a.txt', Settings(select=('TY',)))\n"
        "assert 'wordfreq' not in sys.modules\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr


def test_suggestions_rank_the_intended_word_first() -> None:
    from lintnews.spelling.suggest import suggest

    for typo, want in [
        ("goverment", "government"),
        ("minsitry", "ministry"),
        ("deplyed", "deployed"),
        ("comittee", "committee"),
        ("seperete", "separate"),
        ("ofthe", "of the"),
        ("protestres", "protesters"),
    ]:
        assert suggest(typo)[0].word == want, typo
