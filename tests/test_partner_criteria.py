"""The criteria tree of annex 2, its parameter, the knowledge-security classification and the
combined assessment (property tests over generated evidence)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import decision_trees
import partner_criteria as pc
from decision_trees import UNKNOWN, Rule
from decision_trees.model import AtLeast, RuleRef
from partner_criteria.criteria import Criteria
from partner_criteria.knowledge_security import classify
from partner_criteria.models import MEASURE_INPUTS, OBJECTIVE_IDS, PREREQUISITE_IDS, SUBPOINT_IDS

CRITERIA_FILE = "partner_criteria/data/criteria.yaml"
STATUSES = ("clear", "pending", "blocked", None)
ELIGIBLE = {"eligible", "eligible_once_prerequisites"}

subsets_of: st.SearchStrategy[frozenset[str]] = st.frozensets(st.sampled_from(SUBPOINT_IDS))
objective_sets: st.SearchStrategy[frozenset[str]] = st.frozensets(st.sampled_from(OBJECTIVE_IDS))
prerequisite_sets: st.SearchStrategy[frozenset[str]] = st.frozensets(st.sampled_from(PREREQUISITE_IDS))
min_subpoints = st.integers(min_value=1, max_value=len(SUBPOINT_IDS))


def partner(synergy: Any = (), objectives: Any = (), prerequisites: Any = (), **extra: Any) -> pc.Partner:
    data: dict[str, Any] = {
        "id": "p",
        "name": "Example University",
        "country": "XB",
        "city": "Harbourside",
        "type": "university",
        "partnership": {"category": "strategic"},
        "evidence": pc.Evidence.of(synergy, objectives).model_dump(),
        "prerequisites": dict.fromkeys(prerequisites, True),
        **extra,
    }
    return pc.parse_partner(data)


def expected_outcome(
    k: int, synergy: frozenset[str], objectives: frozenset[str], prerequisites: frozenset[str], ks: str | None
) -> str:
    """The outcome, computed independently of the tree from annex 2 and the documented order."""
    if ks == "blocked":
        return "blocked_knowledge_security"
    count = (len(synergy) >= k) + len(objectives)
    if count < 3:
        return "not_eligible"
    if ks != "clear":
        return "pending_knowledge_security"
    if prerequisites == set(PREREQUISITE_IDS):
        return "eligible"
    return "eligible_once_prerequisites"


# -- the tree file ----------------------------------------------------------------------------


def test_the_file_loads_as_it_stands_and_equals_the_default_rendering() -> None:
    as_file = decision_trees.load(CRITERIA_FILE)
    assert as_file.content_hash == pc.criteria_tree().content_hash
    assert as_file.content_hash == pc.criteria_tree(pc.DEFAULT_OBJECTIVE_1_MIN_SUBPOINTS).content_hash


def test_six_objectives_at_least_three_and_objective_1_has_five_subpoints() -> None:
    tree = pc.criteria_tree()
    rule = tree.nodes["criteria"]
    assert isinstance(rule, Rule)
    assert isinstance(rule.condition, AtLeast)
    assert rule.condition.at_least == 3
    assert [c.rule for c in rule.condition.of if isinstance(c, RuleRef)] == [
        f"objective_{i}" for i in range(1, 7)
    ]
    first = tree.nodes["objective_1"]
    assert isinstance(first, Rule)
    assert isinstance(first.condition, AtLeast)
    assert len(first.condition.of) == len(SUBPOINT_IDS) == 5
    assert tree.start == "knowledge_security_block"


def test_every_rule_cites_annex_2_and_labels_are_bilingual() -> None:
    tree = pc.criteria_tree()
    assert tree.sources["hhs_annex2"].section == "Bijlage 2"
    assert tree.sources["hhs_annex2"].title == "Internationaliseringsbeleid 2024–2028"
    assert tree.sources["hhs_annex2"].url is None
    for node in tree.nodes.values():
        if isinstance(node, Rule):
            assert "hhs_annex2" in {c.source for c in node.sources}, node.id
            assert node.text.nl != node.text.en, node.id
    for outcome in tree.outcomes.values():
        assert outcome.label.nl != outcome.label.en


def test_model_ids_match_the_tree_values() -> None:
    tree = pc.criteria_tree()
    evidence_inputs = [i for i, decl in tree.inputs.items() if decl.type == "boolean"]
    research, *others = OBJECTIVE_IDS
    assert tuple(evidence_inputs) == (*SUBPOINT_IDS, research, *MEASURE_INPUTS.values(), *others)
    prerequisites = tree.inputs["prerequisites"]
    assert isinstance(prerequisites, decision_trees.SetInput)
    assert tuple(prerequisites.values) == PREREQUISITE_IDS
    assert set(pc.Evidence.model_fields) == {*SUBPOINT_IDS, *OBJECTIVE_IDS}
    assert tuple(pc.Prerequisites.model_fields) == PREREQUISITE_IDS


def test_severity_orders_the_outcomes() -> None:
    outcomes = pc.criteria_tree().outcomes
    severity = {o: n.severity for o, n in outcomes.items() if n.severity is not None}
    assert severity.keys() == outcomes.keys()  # every outcome has one
    order = ["eligible", "eligible_once_prerequisites", "pending_knowledge_security", "not_eligible"]
    assert [severity[o] for o in order] == sorted(severity[o] for o in order)
    assert severity["blocked_knowledge_security"] == max(severity.values())


@pytest.mark.slow
@pytest.mark.parametrize("k", [1, 3, 5])
def test_the_engine_verifies_the_tree_and_its_invariants(k: int) -> None:
    report = decision_trees.verify(pc.criteria_tree(k))
    assert report.ok, str(report)
    assert not report.findings
    text = str(report)
    for invariant in (
        "evidence_never_hurts",
        "knowledge_security_never_softens",
        "block_only_from_knowledge_security",
        "eligible_only_when_clear",
        "not_eligible_only_when_short",
        "not_assessed_is_never_eligible",
    ):
        assert f"invariant {invariant} (" in text
    assert text.count(": holds [exact]") == 6


# -- the parameter ----------------------------------------------------------------------------


@pytest.mark.parametrize("k", range(1, 6))
def test_parameter_sets_at_least_and_states_the_silence_in_the_notes(k: int) -> None:
    tree = pc.criteria_tree(k)
    first = tree.nodes["objective_1"]
    assert isinstance(first, Rule)
    assert isinstance(first.condition, AtLeast)
    assert first.condition.at_least == k
    for node_id in ("objective_1", "criteria"):
        node = tree.nodes[node_id]
        assert isinstance(node, Rule)
        assert node.note is not None
        assert f"at least {k} of its 5 sub-points" in node.note.en
        assert f"ten minste {k} van de 5 subpunten" in node.note.nl
        assert "does not say" in node.note.en
        assert "zegt niet" in node.note.nl


def test_the_note_is_in_the_trace_and_the_explanation() -> None:
    a = pc.assess(partner({"quality"}, {"financial"}), tree=pc.criteria_tree(2))
    step = next(s for s in a.decision.trace if s.node == "criteria")
    assert step.note is not None
    assert "at least 2 of its 5" in step.note.en
    assert "Annex 2 does not say" in a.explain("en")
    assert "Bijlage 2 zegt niet" in a.explain("nl")


@pytest.mark.parametrize("bad", [0, 6, -1, True, "3", 2.0])
def test_parameter_out_of_range_is_a_typed_error(bad: Any) -> None:
    with pytest.raises(pc.ParameterError) as info:
        pc.criteria_tree(bad)
    assert info.value.code == "PC100"
    assert "objective_1_min_subpoints" in str(info.value)


def test_unknown_parameter_and_both_tree_and_parameter() -> None:
    with pytest.raises(pc.ParameterError, match="unknown criteria parameter"):
        pc.criteria_data(objective_7=1)
    with pytest.raises(pc.ParameterError, match="not both"):
        pc.assess(partner(), tree=pc.criteria_tree(), objective_1_min_subpoints=2)


def test_parameters_are_declared_with_range_and_default() -> None:
    assert set(pc.parameters()) == {"objective_1_min_subpoints", "objective_2_min_measures"}
    param = pc.parameters()["objective_1_min_subpoints"]
    assert param.name == "objective_1_min_subpoints"
    assert param.default == pc.DEFAULT_OBJECTIVE_1_MIN_SUBPOINTS == 3
    assert param.minimum == 1
    assert (param.node, param.field) == ("objective_1", "at_least")


def test_a_tree_of_another_shape_is_refused() -> None:
    small = decision_trees.load("tests/trees/small.yaml")
    with pytest.raises(pc.CriteriaShapeError) as info:
        pc.assess(partner(), tree=small)
    assert info.value.code == "PC110"


# -- "at least three of six", proven over generated evidence ---------------------------------


@settings(max_examples=300, deadline=None)
@given(
    k=min_subpoints,
    synergy=subsets_of,
    objectives=objective_sets,
    prerequisites=prerequisite_sets,
    ks=st.sampled_from(STATUSES),
)
def test_exactly_the_evidence_sets_of_three_or_more_qualify(
    k: int,
    synergy: frozenset[str],
    objectives: frozenset[str],
    prerequisites: frozenset[str],
    ks: str | None,
) -> None:
    tree = pc.criteria_tree(k)
    answers = {
        "knowledge_security": UNKNOWN if ks is None else ks,
        **{s: s in synergy for s in SUBPOINT_IDS},
        **{o: o in objectives for o in OBJECTIVE_IDS},
        **dict.fromkeys(MEASURE_INPUTS.values(), False),  # objective 2 by its older-shape input here
        "prerequisites": prerequisites,
    }
    decision = tree.evaluate(answers)
    assert decision.outcome_id == expected_outcome(k, synergy, objectives, prerequisites, ks)
    met = Criteria.of(tree).objectives_met(answers)
    assert len(met) == (len(synergy) >= k) + len(objectives)
    if ks != "blocked":  # the criteria rule is on the path: its verdict is the set's size >= 3
        step = next(s for s in decision.trace if s.node == "criteria")
        assert step.result is (len(met) >= 3)


@settings(max_examples=200, deadline=None)
@given(k=min_subpoints, synergy=subsets_of, objectives=objective_sets, prerequisites=prerequisite_sets)
def test_assess_names_met_and_missing_objectives_and_the_shortfall(
    k: int, synergy: frozenset[str], objectives: frozenset[str], prerequisites: frozenset[str]
) -> None:
    a = pc.assess(partner(synergy, objectives, prerequisites), objective_1_min_subpoints=k)
    counted = {f"objective_{i}" for i, o in enumerate(OBJECTIVE_IDS, start=2) if o in objectives}
    if len(synergy) >= k:
        counted.add("objective_1")
    assert set(a.objectives_met) == counted
    assert set(a.objectives_met) | set(a.objectives_not_met) == {f"objective_{i}" for i in range(1, 7)}
    assert not set(a.objectives_met) & set(a.objectives_not_met)
    assert a.needs == max(0, 3 - len(counted))
    assert a.missing_prerequisites == tuple(p for p in PREREQUISITE_IDS if p not in prerequisites)
    text = a.explain("en", trace=False)
    if a.needs:
        assert f"Needs {a.needs} more of:" in text
        assert f"Nodig: nog {a.needs} van:" in a.explain("nl", trace=False)
    else:
        assert "more of:" not in text
    # not assessed for knowledge security: never eligible outright
    assert a.outcome_id in {"not_eligible", "pending_knowledge_security"}


# -- knowledge security ------------------------------------------------------------------------


def _ks_tree(
    permitted: bool | None, desirable: bool | None, outcome_id: str = "result"
) -> decision_trees.Tree:
    outcome: dict[str, Any] = {
        "kind": "outcome",
        "label": {"nl": "Uitkomst", "en": "Outcome"},
        "severity": 10,
    }
    if permitted is not None:
        outcome["permitted"] = permitted
    if desirable is not None:
        outcome["desirable"] = desirable
    return decision_trees.load(
        {
            "id": "some-ks-tree",
            "version": "1",
            "title": {"nl": "Boom", "en": "Tree"},
            "start": "ask",
            "inputs": {"x": {"type": "boolean", "label": {"nl": "X", "en": "X"}}},
            "nodes": {
                "ask": {
                    "kind": "question",
                    "input": "x",
                    "text": {"nl": "X?", "en": "X?"},
                    "branches": [{"when": {"equals": True}, "next": outcome_id}],
                    "otherwise": outcome_id,
                },
                outcome_id: outcome,
            },
        }
    )


TABLE = [
    (False, None, "x", "blocked"),
    (False, True, "x", "blocked"),
    (False, False, "x", "blocked"),
    (True, False, "x", "blocked"),
    (None, False, "x", "blocked"),
    (True, True, "x", "clear"),
    (None, None, "out_of_scope", "clear"),
    (None, None, "x", "pending"),
    (True, None, "x", "pending"),
    (None, True, "x", "pending"),
    (False, None, "out_of_scope", "blocked"),
]


@pytest.mark.parametrize(("permitted", "desirable", "outcome_id", "status"), TABLE)
def test_classification_table(
    permitted: bool | None, desirable: bool | None, outcome_id: str, status: str
) -> None:
    assert classify(permitted, desirable, outcome_id) == status
    tree = _ks_tree(permitted, desirable, outcome_id)
    assert pc.classify_outcome(tree.outcomes[outcome_id]) == status


@settings(max_examples=200, deadline=None)
@given(
    k=min_subpoints,
    synergy=subsets_of,
    objectives=objective_sets,
    prerequisites=prerequisite_sets,
    dims=st.sampled_from([(p, d) for p in (True, False, None) for d in (True, False, None)]),
)
def test_a_knowledge_security_block_always_wins(
    k: int,
    synergy: frozenset[str],
    objectives: frozenset[str],
    prerequisites: frozenset[str],
    dims: tuple[bool | None, bool | None],
) -> None:
    permitted, desirable = dims
    decision = _ks_tree(permitted, desirable).evaluate({"x": True})
    a = pc.assess(partner(synergy, objectives, prerequisites), decision, objective_1_min_subpoints=k)
    blocked = permitted is False or desirable is False
    assert (a.outcome_id == "blocked_knowledge_security") is blocked
    assert a.knowledge_security.via == "decision"
    assert a.knowledge_security.tree_hash == decision.tree.content_hash
    if not blocked:
        status = classify(permitted, desirable, "result")
        assert a.outcome_id == expected_outcome(k, synergy, objectives, prerequisites, status)


def test_recorded_outcome_with_its_own_dimensions() -> None:
    record = {
        "outcome": "committee_no_go",
        "date": "2025-05-01",
        "tree": "own-tree",
        "tree_hash": "sha256:" + "ab" * 32,
        "permitted": True,
        "desirable": False,
    }
    a = pc.assess(partner(SUBPOINT_IDS, OBJECTIVE_IDS, PREREQUISITE_IDS, knowledge_security=record))
    assert a.outcome_id == "blocked_knowledge_security"
    assert a.knowledge_security.via == "record"
    assert "committee_no_go" in a.explain("en", trace=False)


def test_not_assessed_is_pending_when_the_criteria_are_met() -> None:
    a = pc.assess(partner(SUBPOINT_IDS, OBJECTIVE_IDS, PREREQUISITE_IDS))
    assert a.knowledge_security.status is None
    assert a.outcome_id == "pending_knowledge_security"
    assert a.decision.answers["knowledge_security"] is UNKNOWN
    assert "not assessed" in a.explain("en", trace=False)
    assert "niet beoordeeld" in a.explain("nl", trace=False)


def test_assessment_json_shape() -> None:
    decision = _ks_tree(True, True).evaluate({"x": False})
    a = pc.assess(partner(SUBPOINT_IDS, ("financial", "exchange"), PREREQUISITE_IDS), decision)
    data = a.to_dict()
    assert list(data) == [
        "partner",
        "outcome",
        "objectives",
        "knowledge_security",
        "prerequisites",
        "criteria",
        "decision",
    ]
    assert data["outcome"]["id"] == "eligible"
    assert data["objectives"]["met"] == ["objective_1", "objective_3", "objective_5"]
    first = data["objectives"]["objective_1"]
    assert (first["min_subpoints"], first["subpoints"], first["met"]) == (3, 5, list(SUBPOINT_IDS))
    assert "Annex 2 does not say" in first["note"]["en"]
    assert "Bijlage 2 zegt niet" in first["note"]["nl"]
    assert data["knowledge_security"]["status"] == "clear"
    assert data["decision"]["tree"]["id"] == "hhs-strategic-partner-criteria"
    assert "decision" not in a.to_dict(trace=False)


def test_import_stays_light() -> None:
    code = (
        "import sys, partner_criteria\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('graphviz', 'hypothesis', 'durable', 'kennisveiligheid')]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_exports_resolve() -> None:
    for name in pc.__all__:
        assert getattr(pc, name) is not None, name


def test_the_objective_count_and_the_derivation_agree() -> None:
    """The summary counts every objective; the derivation marks the ones the engine did not need
    (issue 13: "4 of 6" beside an objective 4 shown as not evaluated)."""
    partner = pc.load_partner(
        Path(__file__).resolve().parent.parent / "examples" / "partners" / "candidate-northvale.yaml"
    )
    a = pc.assess(partner)
    text = a.explain("en")
    assert f"Objectives met ({len(a.objectives_met)} of 6, 3 needed)" in text
    assert "? = not evaluated" in text
    assert "? = niet meer bekeken" in a.explain("nl")
