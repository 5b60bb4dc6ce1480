"""The partner criteria combined with the real knowledge-security package: cases, recorded
outcomes, and "a block always wins" over decisions of the reference tree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kennisveiligheid
import partner_criteria as pc
from decision_trees.testing import answers
from partner_criteria.knowledge_security import classify_outcome, reference_tree
from partner_criteria.models import OBJECTIVE_IDS, PREREQUISITE_IDS, SUBPOINT_IDS

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "examples").glob("*.yaml"))
REFERENCE = kennisveiligheid.reference_tree()
EXPECTED_STATUS = {
    "out_of_scope": "clear",
    "go": "clear",
    "go_with_measures": "clear",
    "escalate_adviser": "pending",
    "postpone": "pending",
    "escalate_committee": "pending",
    "export_control_check": "pending",
    "not_permitted": "blocked",
    "not_desirable": "blocked",  # 1.1.0: permitted, not desirable (the institution's own instruments)
}


def partner(ks: dict[str, Any] | None = None, objectives: Any = OBJECTIVE_IDS) -> pc.Partner:
    data: dict[str, Any] = {
        "id": "p",
        "name": "Example University",
        "country": "XB",
        "city": "Harbourside",
        "type": "university",
        "partnership": {"category": "strategic", "start": "2024-01-01", "agreement_end": "2027-12-31"},
        "evidence": pc.Evidence.of(SUBPOINT_IDS, objectives).model_dump(),
        "prerequisites": dict.fromkeys(PREREQUISITE_IDS, True),
    }
    if ks is not None:
        data["knowledge_security"] = ks
    return pc.parse_partner(data)


def record(outcome: str, tree_hash: str | None = None) -> dict[str, Any]:
    return {
        "outcome": outcome,
        "date": "2025-06-01",
        "tree": REFERENCE.id,
        "tree_hash": tree_hash or REFERENCE.content_hash,
    }


def test_the_reference_tree_is_the_one_kennisveiligheid_uses() -> None:
    assert reference_tree() is REFERENCE
    assert set(REFERENCE.outcomes) == set(EXPECTED_STATUS)


@pytest.mark.parametrize("outcome_id", sorted(EXPECTED_STATUS))
def test_every_reference_outcome_has_the_documented_status(outcome_id: str) -> None:
    assert classify_outcome(REFERENCE.outcomes[outcome_id]) == EXPECTED_STATUS[outcome_id]
    a = pc.assess(partner(record(outcome_id)))
    assert a.knowledge_security.status == EXPECTED_STATUS[outcome_id]
    assert a.knowledge_security.via == "record"
    assert a.knowledge_security.warnings == ()
    expected = {
        "clear": "eligible",
        "pending": "pending_knowledge_security",
        "blocked": "blocked_knowledge_security",
    }[EXPECTED_STATUS[outcome_id]]
    assert a.outcome_id == expected


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_example_cases_by_path_mapping_and_collaboration(case: Path) -> None:
    decision = kennisveiligheid.assess(case)
    status = classify_outcome(decision.outcome)
    by_path = pc.assess(partner(), case)
    by_collaboration = pc.assess(partner(), kennisveiligheid.load_case(case))
    by_decision = pc.assess(partner(), decision)
    in_file = pc.assess(partner({"case": str(case)}))
    for a in (by_path, by_collaboration, by_decision, in_file):
        assert a.knowledge_security.status == status
        assert a.knowledge_security.outcome_id == decision.outcome_id
        assert a.knowledge_security.tree_hash == REFERENCE.content_hash
    assert by_path.knowledge_security.via == "case"
    assert by_decision.knowledge_security.via == "decision"
    assert (by_path.outcome_id == "blocked_knowledge_security") is (status == "blocked")
    text = by_path.explain("en", trace=False)
    assert decision.outcome.label.en in text
    assert decision.outcome.label.nl in by_path.explain("nl", trace=False)


def test_a_blocking_case_wins_even_with_too_few_objectives() -> None:
    case = ROOT / "examples" / "sanctioned-funder.yaml"
    a = pc.assess(partner(objectives=()), case)
    assert a.needs > 0
    assert a.outcome_id == "blocked_knowledge_security"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=answers(REFERENCE),
    synergy=st.frozensets(st.sampled_from(SUBPOINT_IDS)),
    objectives=st.frozensets(st.sampled_from(OBJECTIVE_IDS)),
    k=st.integers(min_value=1, max_value=5),
)
def test_a_block_by_the_reference_tree_always_wins(
    case: dict[str, Any], synergy: frozenset[str], objectives: frozenset[str], k: int
) -> None:
    decision = REFERENCE.evaluate(case)
    p = pc.parse_partner(
        {
            "id": "p",
            "name": "P",
            "country": "XB",
            "city": "Harbourside",
            "type": "university",
            "partnership": {"category": "strategic"},
            "evidence": pc.Evidence.of(synergy, objectives).model_dump(),
            "prerequisites": dict.fromkeys(PREREQUISITE_IDS, True),
        }
    )
    a = pc.assess(p, decision, objective_1_min_subpoints=k)
    blocked = decision.outcome.permitted is False or decision.outcome.desirable is False
    assert (a.outcome_id == "blocked_knowledge_security") is blocked
    if not blocked and a.needs == 0:
        status = EXPECTED_STATUS[decision.outcome_id]
        assert a.outcome_id == ("eligible" if status == "clear" else "pending_knowledge_security")


def test_a_record_made_with_another_tree_version_warns() -> None:
    a = pc.assess(partner(record("go", "sha256:" + "1" * 64)))
    assert a.knowledge_security.status == "clear"
    (warning,) = a.knowledge_security.warnings
    assert "another version of the tree" in warning.en
    assert "andere versie van de beslisboom" in warning.nl
    assert "another version of the tree" in a.explain("en", trace=False)


def test_an_unknown_recorded_outcome_is_a_typed_error() -> None:
    with pytest.raises(pc.KnowledgeSecurityError) as info:
        pc.assess(partner(record("maybe")))
    assert info.value.code == "PC300"
    assert "not an outcome of tree" in str(info.value)


def test_a_missing_case_file_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(pc.KnowledgeSecurityError, match="case file not found"):
        pc.assess(partner({"case": str(tmp_path / "absent.yaml")}))


def test_a_case_named_by_several_partners_is_assessed_once() -> None:
    case = str(ROOT / "examples" / "quantum-sensing-defence.yaml")
    partners = [partner({"case": case}).model_copy(update={"id": f"p{i}"}) for i in range(3)]
    assessments = pc.assess_many(partners)
    assert len({id(a.knowledge_security) for a in assessments}) == 1
    assert {a.outcome_id for a in assessments} == {"pending_knowledge_security"}


def test_candidate_with_a_case_file() -> None:
    a = pc.assess(ROOT / "examples" / "partners" / "candidate-northvale.yaml")
    assert a.knowledge_security.via == "case"
    assert a.knowledge_security.outcome_id == "escalate_committee"
    assert a.outcome_id == "pending_knowledge_security"
    assert a.needs == 0
    assert a.summary("en") == "Pending knowledge security (4/6 objectives)"


def test_example_register_statuses_and_hash_warnings() -> None:
    """Each example partner gets its documented status; a record warns exactly when its tree hash
    is not the current reference tree's (refresh ``tree_hash`` in the examples when that changes)."""
    expected = {
        "harbourside": "clear",
        "rivermouth": "clear",
        "lakeshore": "clear",
        "sunport": "clear",
        "hillcrest": None,
        "fjordheim": "blocked",
        "pinewood": "pending",
        "northvale": "pending",
        "canalside": None,
        "westhaven": None,
        "bellfort": "pending",
        "silkmore": "pending",
        "greenquay": "clear",
    }
    register = pc.load_register(ROOT / "examples" / "partners" / "register.yaml")
    report = pc.portfolio(register, dt.date(2026, 3, 1))
    assert {e.partner.id: e.assessment.knowledge_security.status for e in report.entries} == expected
    for entry in report.entries:
        ks, rec = entry.assessment.knowledge_security, entry.partner.knowledge_security
        stale = rec is not None and rec.tree_hash is not None and rec.tree_hash != REFERENCE.content_hash
        assert bool(ks.warnings) is stale, entry.partner.id


# ----------------------------------------------------------------------------------------------
# Human decisions on escalated or postponed assessments (issue 13)

HUMAN = {
    "verdict": "no_go_not_desirable",
    "decided_by": "committee",
    "decided_on": "2026-02-01",
    "reasons": "The partner's funder steers the research agenda.",
}


def _with_decision(outcome: str, human: dict[str, Any] | None) -> pc.Partner:
    ks = {**record(outcome), "date": "2026-01-10"}
    if human is not None:
        ks["human_decision"] = human
    return partner(ks)


@pytest.mark.parametrize(
    ("outcome", "human", "status"),
    [
        ("escalate_committee", None, "pending"),
        ("escalate_committee", HUMAN, "blocked"),
        ("escalate_committee", {**HUMAN, "verdict": "no_go_not_permitted"}, "blocked"),
        ("escalate_adviser", {**HUMAN, "verdict": "go", "decided_by": "adviser"}, "clear"),
        (
            "escalate_committee",
            {**HUMAN, "verdict": "go_with_measures", "measures": ["exit clause"]},
            "clear",
        ),
        ("postpone", {**HUMAN, "verdict": "postpone", "missing": ["ownership of the funder"]}, "pending"),
    ],
)
def test_a_recorded_human_decision_is_read_on_top_of_the_tree(
    outcome: str, human: dict[str, Any] | None, status: str
) -> None:
    a = pc.assess(_with_decision(outcome, human))
    assert a.knowledge_security.status == status
    assert a.knowledge_security.outcome_id == outcome  # the tree's own outcome is never overwritten
    if human is not None:
        assert a.knowledge_security.tree_status == "pending"
        data = a.to_dict(trace=False)["knowledge_security"]
        assert data["human_decision"]["verdict"] == human["verdict"]
        assert data["tree_status"] == "pending"
        assert "besluit (" in a.explain("nl", trace=False)
    if status == "blocked":
        assert a.outcome_id == "blocked_knowledge_security"


def test_a_human_decision_needs_an_outcome_that_hands_the_decision_to_people() -> None:
    blocked = _with_decision("not_permitted", {**HUMAN, "verdict": "go"})
    with pytest.raises(pc.KnowledgeSecurityError, match="does not hand the decision"):
        pc.assess(blocked)


def test_a_malformed_human_decision_is_a_model_error() -> None:
    with pytest.raises((ValueError, pc.PartnerFileError), match="measures"):
        _with_decision("escalate_committee", {**HUMAN, "verdict": "go_with_measures"})
