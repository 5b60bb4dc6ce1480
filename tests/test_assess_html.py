"""``kennisveiligheid assess CASE --html FILE`` writes the decision report beside the usual output."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from kennisveiligheid.cli import main

CASE = Path(__file__).parent.parent / "examples" / "quantum-sensing-defence.yaml"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_is_written_and_the_exit_code_still_tells_the_outcome(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.html"
    assert main(["assess", str(CASE), "--html", str(target), "--lang", "nl"]) == 20
    assert "commissie" in capsys.readouterr().out.lower()
    parser = _Text()
    parser.feed(target.read_text(encoding="utf-8"))
    text = " ".join(parser.text)
    assert "commissie" in text.lower()
    assert "img" in parser.tags or "Graphviz" in text  # the drawn path, or why it is not drawn
    assert "script" not in parser.tags


def test_an_unwritable_html_target_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(CASE), "--html", str(tmp_path / "missing" / "r.html")]) == 2
    assert "cannot write" in capsys.readouterr().err
