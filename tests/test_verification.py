"""verify: one test tree per finding, each with the witness it must report; shipped trees are clean."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from decision_trees import UNKNOWN, NoBranchMatchedError, Tree, load, verify
from decision_trees._invariants import check_invariants
from decision_trees._paths import explore, walk
from decision_trees.model import Question
from decision_trees.verification import CODES, Finding, VerificationReport, branch_holds

HERE = Path(__file__).parent
TREES = HERE / "trees" / "verify"
ROOT = HERE.parent


def report_for(name: str) -> VerificationReport:
    report: VerificationReport = verify(load(TREES / f"{name}.yaml"))
    return report


def only(report: VerificationReport, code: str) -> Finding:
    found = report.by_code(code)
    assert len(found) == 1, report.text()
    return found[0]


def severity(tree: Tree, answers: Mapping[str, Any]) -> int:
    """The severity of the outcome ``tree`` decides (set: the tree has a monotone invariant)."""
    value = tree.decide(answers).severity
    assert value is not None
    return value


def test_gap_witness_falls_through() -> None:
    report = report_for("gap")
    finding = only(report, "V001")
    assert finding.severity == "error"
    assert finding.nodes == ("budget",)
    assert finding.witness == {"budget": 10}
    tree = load(TREES / "gap.yaml")
    with pytest.raises(NoBranchMatchedError):
        tree.evaluate(finding.witness)
    assert [f.code for f in report.findings] == ["V001"]


def test_gap_on_one_path_only() -> None:
    finding = only(report_for("gap_on_path"), "V001")
    assert finding.nodes == ("risk",)
    assert finding.witness == {"formal": False, "risk": "medium"}
    assert finding.details["value"] == "medium"
    assert "via formal" in finding.message("en")


def test_overlap_witness_matches_both_branches() -> None:
    report = report_for("overlap")
    finding = only(report, "V002")
    assert finding.witness == {"areas": frozenset({"quantum"})}
    assert finding.details["branches"] == (0, 1)
    tree = load(TREES / "overlap.yaml")
    question = tree.nodes["areas"]
    assert isinstance(question, Question)
    assert branch_holds(tree, question, 0, finding.witness)
    assert branch_holds(tree, question, 1, finding.witness)
    assert [f.code for f in report.findings] == ["V002"]


def test_masked_branch_under_first_match() -> None:
    report = report_for("masked")
    finding = only(report, "V003")
    assert finding.severity == "warning"
    assert finding.details["branch"] == 1
    assert finding.witness == {"partners": 10}
    assert load(TREES / "masked.yaml").evaluate(finding.witness).outcome_id == "few"
    assert only(report, "V006").nodes == ("many",)


def test_branch_unreachable_given_the_path() -> None:
    report = report_for("unreachable_branch")
    finding = only(report, "V004")
    assert finding.nodes == ("large",)
    assert finding.details["branch"] == 0
    assert "Amount is below 5" in finding.message("en")
    assert "Bedrag is lager dan 5" in finding.message("nl")
    assert [f.code for f in report.findings] == ["V004"]


def test_node_unreachable_given_the_path() -> None:
    report = report_for("unreachable_node")
    assert only(report, "V005").nodes == ("detail",)
    assert "at most 4" in only(report, "V004").message("en")  # integers: below 5 is at most 4


def test_outcome_never_reached() -> None:
    report = report_for("unreached_outcome")
    assert only(report, "V006").nodes == ("odd",)
    assert only(report, "V010").details["branch"] == 2


def test_question_asked_twice_on_one_path() -> None:
    finding = only(report_for("asked_twice"), "V007")
    assert finding.nodes == ("first", "second")
    assert finding.witness == {"amount": 0}
    path = load(TREES / "asked_twice.yaml").evaluate(finding.witness).path
    assert path[:2] == ("first", "second")


def test_at_least_more_than_listed() -> None:
    report = report_for("at_least")
    finding = only(report, "V008")
    assert finding.severity == "error"
    assert finding.details == {"k": 3, "n": 2}
    assert only(report, "V010").nodes == ("criteria",)


def test_always_true_and_always_false() -> None:
    assert only(report_for("always_true"), "V009").nodes == ("check",)
    assert only(report_for("always_false"), "V010").nodes == ("check",)
    assert only(report_for("always_false"), "V006").nodes == ("odd",)


def test_unused_input_and_rule() -> None:
    report = report_for("unused")
    assert only(report, "V011").details["input"] == "budget"  # free text ("notes") is exempt
    assert only(report, "V012").nodes == ("named",)


def test_invariant_violations_with_counterexamples() -> None:
    tree = load(TREES / "invariants.yaml")
    report = verify(tree)
    monotone = only(report, "V020")
    assert monotone.counterexample is not None
    before, after = monotone.counterexample
    assert before == {"military": False, "risk": "high", "exit_clause": False}
    assert after == {"military": True, "risk": "high", "exit_clause": False}
    assert severity(tree, before) > severity(tree, after)
    only_if = only(report, "V021")
    assert only_if.witness is not None
    assert tree.evaluate(only_if.witness).outcome_id == "go"
    assert only_if.witness["exit_clause"] is False
    unknown = only(report, "V022")
    assert unknown.witness == {"military": False, "risk": UNKNOWN}
    assert tree.evaluate(unknown.witness).outcome_id == "go"
    assert [r.method for r in report.invariants] == ["exact", "exact", "exact"]
    assert not any(r.holds for r in report.invariants)


@pytest.mark.parametrize("method", ["exhaustive", "search"])
def test_invariants_by_enumeration_and_by_search(method: str) -> None:
    tree = load(TREES / "invariants.yaml")
    findings, results = check_invariants(tree, explore(tree), 500, method=method)
    assert sorted(f.code for f in findings) == ["V020", "V021", "V022"]
    assert {r.method for r in results} == {method}
    for finding in findings:
        if finding.counterexample is not None:
            before, after = finding.counterexample
            assert severity(tree, before) > severity(tree, after)
            assert {k for k in before if before[k] != after[k]} == {"military"}
        else:
            assert finding.witness is not None
            assert tree.evaluate(finding.witness).outcome_id == "go"


def test_invalid_invariants() -> None:
    report = report_for("invalid_invariant")
    found = report.by_code("V023")
    assert [f.message("en") for f in found] == [
        "invariant #1: input 'formality' is not declared",
        "invariant #2: 'maybe' is not an outcome of the tree",
    ]
    assert [r.method for r in report.invariants] == ["invalid", "invalid"]


def test_every_code_has_a_test_tree() -> None:
    seen = set()
    for path in TREES.glob("*.yaml"):
        seen |= {f.code for f in verify(load(path)).findings}
    assert seen == set(CODES)


def _with_invariants(invariants: list[dict[str, Any]]) -> Tree:
    data = load(ROOT / "tests" / "trees" / "small.yaml").to_dict()
    data["invariants"] = invariants
    return load(data)


def test_invariants_that_hold_on_the_small_tree() -> None:
    tree = _with_invariants(
        [
            {"id": "risk", "monotone": {"increasing": ["formal", "areas", "budget", "risk"]}},
            {"only_if": {"outcome": "committee", "condition": {"input": "risk", "equals": "high"}}},
            {"unknown_never": {"outcomes": ["go", "measures", "committee"]}},
        ]
    )
    report = verify(tree)
    assert report.ok, report.text()
    assert [r.holds for r in report.invariants] == [True, True, True]
    for method in ("exhaustive", "search"):
        findings, _ = check_invariants(tree, explore(tree), 300, method=method)
        assert findings == []


def test_monotone_in_a_set_a_number_and_an_enumeration() -> None:
    """Declared the wrong way round ("decreasing"), each risk input yields a counterexample pair."""
    expected = {
        "areas": (frozenset({"ai"}), frozenset()),
        "budget": (1_000_000, 999_999),
        "risk": ("high", "low"),
    }
    for key, (old, new) in expected.items():
        tree = _with_invariants([{"monotone": {"decreasing": [key]}}])
        finding = only(verify(tree), "V020")
        assert finding.counterexample is not None
        before, after = finding.counterexample
        assert severity(tree, before) > severity(tree, after)
        assert {k for k in before if before[k] != after[k]} == {key}
        assert (before[key], after[key]) == (old, new), finding.message()


def test_report_text_and_json() -> None:
    report = report_for("gap")
    text = report.text("en")
    assert "[V001 error]" in text
    assert "witness: budget=10" in text
    assert "[V001 fout]" in report.text("nl")
    data = json.loads(report.to_json())
    assert data["findings"][0]["witness"] == {"budget": 10}
    assert data["findings"][0]["message"]["nl"].startswith("vraag 'budget'")
    assert data["tree"]["id"] == "verify-gap"
    assert data["ok"] is False


def test_dates_and_integers_are_exact() -> None:
    tree = load(
        {
            "id": "dates",
            "version": "1",
            "title": {"nl": "Data", "en": "Dates"},
            "start": "signed",
            "inputs": {
                "signed": {"type": "date", "label": {"nl": "Getekend", "en": "Signed"}},
                "staff": {"type": "integer", "minimum": 0, "label": {"nl": "Staf", "en": "Staff"}},
            },
            "nodes": {
                "signed": {
                    "kind": "question",
                    "input": "signed",
                    "text": {"nl": "Wanneer?", "en": "When?"},
                    "branches": [
                        {"when": {"lt": "2024-01-01"}, "next": "staff"},
                        {"when": {"gt": "2024-01-01"}, "next": "new"},
                    ],
                },
                "staff": {
                    "kind": "question",
                    "input": "staff",
                    "text": {"nl": "Hoeveel?", "en": "How many?"},
                    "branches": [
                        {"when": {"lt": 2.5}, "next": "old"},
                        {"when": {"ge": 3}, "next": "new"},
                    ],
                },
                "old": {"kind": "outcome", "label": {"nl": "Oud", "en": "Old"}, "severity": 0},
                "new": {"kind": "outcome", "label": {"nl": "Nieuw", "en": "New"}, "severity": 5},
            },
        }
    )
    report = verify(tree)
    gaps = report.by_code("V001")
    assert [f.witness for f in gaps] == [{"signed": dt.date(2024, 1, 1)}]  # integers 2.5..3: none missing


def test_walk_reports_the_gap() -> None:
    tree = load(TREES / "gap.yaml")
    path, outcome, gap = walk(tree, {"budget": 10})
    assert (path, outcome, gap is not None) == (["budget"], None, True)


SHIPPED = [ROOT / "tests" / "trees" / "small.yaml", ROOT / "bench" / "ten_questions.yaml"]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_trees_verify_clean(path: Path) -> None:
    report = verify(load(path))
    assert report.ok, report.text()
    assert report.exact
    assert report.complete


DATA_TREES = sorted(
    p
    for folder in ("kennisveiligheid/data", "partner_criteria/data")
    for p in (ROOT / folder).rglob("*.yaml")
    if (ROOT / folder).is_dir()
)


def _is_tree(path: Path) -> bool:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return isinstance(data, dict) and "nodes" in data and "start" in data


@pytest.mark.parametrize("path", [p for p in DATA_TREES if _is_tree(p)], ids=lambda p: p.name)
def test_data_trees_have_no_errors(path: Path) -> None:
    report = verify(load(path))
    assert not report.errors, report.text()


def _wide_rule_tree() -> Any:
    """A rule whose condition has 2**10 cases in disjunctive form: more than the analysis expands."""
    inputs: dict[str, Any] = {
        f"{p}{i}": {"type": "boolean", "label": {"nl": f"{p}{i}", "en": f"{p}{i}"}}
        for i in range(10)
        for p in "ab"
    }
    inputs["x"] = {"type": "integer", "label": {"nl": "x", "en": "x"}}
    condition = {
        "all": [
            {"any": [{"input": f"a{i}", "equals": True}, {"input": f"b{i}", "equals": True}]}
            for i in range(10)
        ]
    }
    return load(
        {
            "id": "wide",
            "version": "1",
            "title": {"nl": "Breed", "en": "Wide"},
            "start": "wide",
            "inputs": inputs,
            "nodes": {
                "wide": {
                    "kind": "rule",
                    "text": {"nl": "Breed", "en": "Wide"},
                    "condition": condition,
                    "then": "x",
                    "else": "no",
                },
                "x": {
                    "kind": "question",
                    "input": "x",
                    "text": {"nl": "x?", "en": "x?"},
                    "branches": [{"when": {"lt": 0}, "next": "no"}, {"when": {"gt": 0}, "next": "yes"}],
                },
                "yes": {"kind": "outcome", "label": {"nl": "Ja", "en": "Yes"}, "severity": 10},
                "no": {"kind": "outcome", "label": {"nl": "Nee", "en": "No"}, "severity": 0},
            },
        }
    )


@pytest.mark.slow
def test_too_many_cases_fall_back_to_evaluation_and_search() -> None:
    tree = _wide_rule_tree()
    report = verify(tree)
    assert not report.exact
    assert any("more than 512 cases" in note.en for note in report.notes)
    gap = only(report, "V001")
    assert gap.witness is not None
    with pytest.raises(NoBranchMatchedError):
        tree.evaluate(gap.witness)
    assert gap.witness["x"] == 0
