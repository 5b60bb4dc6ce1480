"""Dutch and English throughout: one word catalogue, golden outputs in both languages, the
command line's help and messages in the reader's language, and no English left in Dutch output.

Golden files live in tests/golden; ``UPDATE_GOLDEN=1`` rewrites them (then read the diff).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision_trees.escape import markdown_text
from decision_trees.words import LANGUAGES, WORDS, environment_lang
from kennisveiligheid.cli import build_parser, main, requested_lang

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
CASE = ROOT / "examples" / "quantum-sensing-defence.yaml"
REGISTER = ROOT / "examples" / "partners" / "register.yaml"


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to write it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), name, "now"))
        pytest.fail(f"{name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it):\n{diff}")


def test_every_catalogue_entry_has_every_language() -> None:
    for key, entry in WORDS.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(text.strip() for text in entry.values()), key
        fields = {lang: sorted(re.findall(r"\{(\w+)\}", text)) for lang, text in entry.items()}
        assert len({tuple(f) for f in fields.values()}) == 1, f"{key}: placeholders differ: {fields}"


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE"}, "nl"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"),  # LC_ALL wins, as in POSIX
        ({"LC_ALL": "nl_NL.UTF-8", "LANG": "en_US"}, "nl"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_locale_chooses_the_language(environ: dict[str, str], lang: str) -> None:
    assert environment_lang(environ) == lang
    assert requested_lang(["assess", "case.yaml"], environ) == lang
    assert requested_lang(["assess", "--lang", "en", "case.yaml"], environ) == "en"
    assert requested_lang(["assess", "--lang=nl", "case.yaml"], environ) == "nl"


# ----------------------------------------------------------------------------------------------
# Golden outputs


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_assess_output_is_golden(lang: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(CASE), "--lang", lang, "--format", fmt]) == 20
    out = capsys.readouterr().out.replace(str(ROOT), "ROOT")
    _check_golden(f"assess_quantum_{lang}.{'md' if fmt == 'markdown' else 'txt'}", out)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_help_is_golden(
    lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit):
        main(["assess", "--help", "--lang", lang])
    _check_golden(f"help_assess_{lang}.txt", capsys.readouterr().out)


# ----------------------------------------------------------------------------------------------
# No English in Dutch output

#: English interface words that must not appear in Dutch output (tree data and case text aside).
_ENGLISH = re.compile(
    r"\b(Permitted|Desirable|Why|Sources|Next steps|Measures|Derived answers|Notes|holds|"
    r"does not hold|not assessed|Tree|Case|severity|exit code|show this help|usage|options|"
    r"positional arguments|direct|adapted|synthesis|error|the following arguments)\b"
)


def _help_texts(parser: argparse.ArgumentParser) -> list[str]:
    found = [parser.format_help()]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _help_texts(sub)
    return found


def test_every_help_text_is_dutch_for_dutch_readers_and_plain_text() -> None:
    for text in _help_texts(build_parser("nl")):
        assert "``" not in text
        assert ":func:" not in text
        words = re.sub(r"\{[^}]*\}|--[\w-]+ \w+", "", text)  # option values are ids, not words
        hits = _ENGLISH.findall(words)
        assert not hits, (hits, text[:300])
    for text in _help_texts(build_parser("en")):
        assert "``" not in text, text[:300]


def test_dutch_assess_output_has_no_english_interface_word(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("text", "markdown"):
        main(["assess", str(CASE), "--lang", "nl", "--format", fmt])
        out = capsys.readouterr().out
        # leave out what is data: the case's own text and the sources' titles
        kept = [
            line
            for line in out.splitlines()
            if not re.match(r"\s*(\[\d+\]|\d+\.)\s", line) or "Vraag" in line
        ]
        kept = [line for line in kept if "Quantum sensors" not in line and "Northvale" not in line]
        hits = _ENGLISH.findall("\n".join(kept))
        assert not hits, (fmt, hits)


def test_argparse_errors_are_dutch_for_dutch_readers(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--lang", "nl", "assess"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "fout: deze argumenten ontbreken: CASE.yaml" in err
    assert "gebruik:" in err


def test_errors_of_the_library_carry_a_dutch_prefix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "case.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    assert main(["assess", str(bad), "--lang", "nl"]) == 2
    assert "kennisveiligheid: fout: " in capsys.readouterr().err


def test_csv_headers_and_states_are_dutch_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    main(["reviews", str(REGISTER), "--format", "csv", "--lang", "nl", "--on", "2026-01-01"])
    header, first = capsys.readouterr().out.splitlines()[:2]
    assert header.startswith("volgorde,id,naam,land,landnaam,categorie,uitkomst,")
    assert "te laat" in first or "gepland" in first or "nu aan de beurt" in first
    main(["reviews", str(REGISTER), "--format", "csv", "--lang", "en", "--on", "2026-01-01"])
    assert capsys.readouterr().out.startswith("rank,id,name,country,")


# ----------------------------------------------------------------------------------------------
# The one Markdown escaper


@given(st.text(max_size=60))
def test_markdown_escaper_never_lets_markup_through(text: str) -> None:
    escaped = markdown_text(text)
    assert "\n" not in escaped
    assert "<" not in escaped  # no HTML, no autolink
    unescaped = re.sub(r"\\[\\`*_{}\[\]#|~]", "", escaped)
    for char in "`*_[]#|~":
        assert char not in unescaped, (text, escaped)
    assert not re.match(r"[-+=]|\d+[.)]", escaped)  # starts no list or heading


def test_the_trace_holds_facts_not_words() -> None:
    """Conditions in the trace carry no text; words come from the catalogue when shown."""
    import dataclasses

    import kennisveiligheid
    from decision_trees.presentation import condition_text

    decision = kennisveiligheid.assess(CASE)
    rules = [step for step in decision.trace if step.conditions is not None]
    assert rules

    def parts(result: object) -> list[object]:
        return [result, *(p for child in getattr(result, "children", ()) for p in parts(child))]

    for step in rules:
        for part in parts(step.conditions):
            assert dataclasses.is_dataclass(part)
            assert not any(isinstance(getattr(part, f.name), str) for f in dataclasses.fields(part))
        assert step.conditions is not None
        tree = decision.tree
        assert condition_text(tree, step.conditions, "nl") != condition_text(tree, step.conditions, "en")


def test_every_csv_column_has_its_words() -> None:
    from partner_criteria.portfolio import CSV_REPORT_COLUMNS, csv_headers

    assert csv_headers("en") == CSV_REPORT_COLUMNS
    assert len(set(csv_headers("nl"))) == len(CSV_REPORT_COLUMNS)


def test_every_help_text_has_a_dutch_translation() -> None:
    import argparse

    from kennisveiligheid._help_words import HELP_NL
    from kennisveiligheid.cli import _plain, build_parser

    keys = {key.strip() for key in HELP_NL}
    missing: set[str] = set()

    def walk(parser: argparse.ArgumentParser) -> None:
        texts = [parser.description, parser.epilog]
        for action in parser._actions:
            texts.append(action.help)
            if isinstance(action, argparse._SubParsersAction):
                texts += [choice.help for choice in action._choices_actions]
                for sub in action.choices.values():
                    walk(sub)
        missing.update(
            _plain(t).strip() for t in texts if t and t != argparse.SUPPRESS and _plain(t).strip() not in keys
        )

    walk(build_parser("en"))
    assert not missing
