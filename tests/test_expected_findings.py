"""Warnings a tree declares expected (``expected:``): listed apart with their reason, ``check`` exits 0
for them, and a real finding still fails."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import decision_trees as dt
from kennisveiligheid.cli import main

CHAIN: dict[str, Any] = {
    "id": "chain",
    "version": "1",
    "title": {"nl": "Keten", "en": "Chain"},
    "start": "is_low",
    "inputs": {
        "level": {
            "type": "enum",
            "label": {"nl": "Niveau", "en": "Level"},
            "values": {"low": {"nl": "laag", "en": "low"}, "high": {"nl": "hoog", "en": "high"}},
        }
    },
    "nodes": {
        "is_low": {
            "kind": "rule",
            "text": {"nl": "Laag?", "en": "Low?"},
            "condition": {"input": "level", "equals": "low"},
            "then": "a",
            "else": "is_high",
        },
        "is_high": {
            "kind": "rule",
            "text": {"nl": "Hoog?", "en": "High?"},
            "condition": {"input": "level", "equals": "high"},
            "then": "b",
            "else": "c",
        },
        "a": {"kind": "outcome", "label": {"nl": "A", "en": "A"}, "severity": 1},
        "b": {"kind": "outcome", "label": {"nl": "B", "en": "B"}, "severity": 2},
        "c": {"kind": "outcome", "label": {"nl": "C", "en": "C"}, "severity": 3},
    },
}
REASON = {"nl": "De tabel is volledig; de laatste rij is het vangnet.", "en": "The table is complete."}
EXPECTED = [{"code": "V004", "node": "is_high", "reason": REASON}]


def _tree(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps({**CHAIN, **extra}))
    return data


def test_without_a_declaration_the_else_never_taken_is_a_warning() -> None:
    report = dt.verify(dt.load(_tree()))
    assert {f.code for f in report.findings} >= {"V004", "V006"}
    assert report.expected == ()


def test_a_declared_warning_is_listed_as_expected_with_its_reason() -> None:
    expected = [*EXPECTED, {"code": "V006", "node": "c", "reason": REASON}]
    report = dt.verify(dt.load(_tree(expected=expected)))
    assert report.ok, report.text()
    assert sorted(f.code for f in report.expected) == ["V004", "V006"]
    assert report.expected[0].details["reason"]["en"] == "The table is complete."
    text = report.text("nl")
    assert "[V004 verwacht]" in text
    assert "reden: De tabel is volledig" in text
    assert [f["code"] for f in report.to_dict()["expected"]] == ["V004", "V006"]


def test_a_declaration_for_another_node_does_not_hide_the_finding() -> None:
    tree = dt.load(_tree(expected=[{"code": "V004", "node": "is_low", "reason": REASON}]))
    report = dt.verify(tree)
    assert "V004" in {f.code for f in report.findings}
    assert any("V004 (is_low)" in note.en and "stale" in note.en for note in report.notes)


def test_a_declaration_stays_out_of_the_content_hash_while_absent() -> None:
    assert dt.load(_tree()).content_hash == dt.load(_tree(expected=[])).content_hash
    assert dt.load(_tree()).content_hash != dt.load(_tree(expected=EXPECTED)).content_hash


@pytest.mark.parametrize(
    ("item", "code", "field"),
    [
        ({"code": "V001", "reason": REASON}, "DT146", "expected[0].code"),
        ({"code": "V099", "reason": REASON}, "DT146", "expected[0].code"),
        ({"code": "V004", "node": "is_hihg", "reason": REASON}, "DT121", "expected[0].node"),
    ],
    ids=["error-code", "no-such-code", "no-such-node"],
)
def test_bad_declarations_are_refused_with_a_code(item: dict[str, Any], code: str, field: str) -> None:
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(_tree(expected=[item]))
    problems = [p for p in caught.value.problems if p.code == code]
    assert problems, caught.value
    assert problems[0].field == field


def test_check_exits_0_when_only_expected_warnings_remain(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(_tree(expected=[*EXPECTED, {"code": "V006", "reason": REASON}])))
    assert main(["check", str(path)]) == 0
    assert "[V004 expected]" in capsys.readouterr().out


def test_check_still_fails_on_a_real_finding(tmp_path: Path) -> None:
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(_tree(expected=EXPECTED)))  # V006 (outcome c) is not declared
    assert main(["check", str(path)]) == 1
