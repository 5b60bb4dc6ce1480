"""The reference knowledge-security tree, its lists, the case model, institution trees and lists."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import decision_trees
import kennisveiligheid as kv
from decision_trees import UNKNOWN, MissingAnswerError, Question, Tree
from decision_trees.model import BooleanInput, EnumInput, Outcome, SetInput
from decision_trees.testing import answers
from kennisveiligheid.lists import is_country_code

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SAMPLES = ROOT / "kennisveiligheid" / "data" / "samples"
OVERLAY = SAMPLES / "institution_overlay.yaml"
LISTS = SAMPLES / "institution_lists.yaml"
TREE = kv.reference_tree()
SCOPE_INPUTS = {"formal_elements", "international"}

# ----------------------------------------------------------------------------------------------
# Helpers


def asked(tree: Tree, decision: decision_trees.Decision) -> dict[str, Any]:
    """The answers the questions on the path asked for (what a person was actually asked)."""
    found = {}
    for node_id in decision.path:
        node = tree.nodes[node_id]
        if isinstance(node, Question):
            found[node.input] = decision.answers[node.input]
    return found


def open_unknowns(tree: Tree, decision: decision_trees.Decision) -> list[str]:
    """The inputs asked on the path whose answer "unknown" is still an open question.

    An unknown that the tree declares equivalent to a known value (``informational``, with its
    reason: e.g. Annex IV unknown goes the same way as Annex IV yes, to the CDIU) and that decides
    exactly as that value does is not open: whatever the known value leads to (a CDIU answer that
    clears it, say) holds for the unknown too.
    """
    found = []
    for key, value in asked(tree, decision).items():
        if value is not UNKNOWN:
            continue
        decl = tree.inputs[key]
        partners = [v for item in decl.informational if "unknown" in item.values for v in item.values]
        known = [(v == "true") if isinstance(decl, BooleanInput) else v for v in partners if v != "unknown"]
        same = any(tree.decide({**decision.answers, key: v}).id == decision.outcome_id for v in known)
        if not same:
            found.append(key)
    return found


def raised(decl: Any, value: Any) -> list[Any]:
    """Every stricter answer than ``value`` for a risk input (none for unknown)."""
    if value is UNKNOWN:
        return []
    if isinstance(decl, BooleanInput):
        return [True] if value is False else []
    if isinstance(decl, EnumInput):
        order = list(decl.values)
        return order[order.index(value) + 1 :]
    assert isinstance(decl, SetInput)
    return [value | {extra} for extra in decl.values if extra not in value]


def risk_inputs(tree: Tree) -> tuple[str, ...]:
    (monotone,) = [inv.monotone for inv in tree.invariants if inv.monotone is not None]
    assert monotone is not None
    return monotone.increasing


def severity(tree: Tree, outcome_id: str) -> int:
    node = tree.nodes[outcome_id]
    assert isinstance(node, Outcome)
    assert node.severity is not None
    return node.severity


# ----------------------------------------------------------------------------------------------
# The tree: contract, content, sources


def test_reference_tree_is_cached_and_has_the_contract_outcomes() -> None:
    assert kv.reference_tree() is TREE
    assert set(TREE.outcomes) == set(kv.OUTCOME_IDS)
    ranks = [severity(TREE, o) for o in kv.OUTCOME_IDS]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) == len(ranks)
    assert severity(TREE, "not_permitted") == max(ranks)
    order = ["go", "go_with_measures", "escalate_adviser", "escalate_committee"]
    assert [severity(TREE, o) for o in order] == sorted(severity(TREE, o) for o in order)


@pytest.mark.parametrize(
    ("outcome_id", "permitted", "desirable"),
    [
        ("out_of_scope", None, None),
        ("go", True, True),
        ("go_with_measures", True, True),
        ("escalate_adviser", True, None),
        ("postpone", None, None),
        ("escalate_committee", None, None),
        ("export_control_check", None, None),
        ("not_permitted", False, None),
    ],
)
def test_outcomes_say_permitted_and_desirable(
    outcome_id: str, permitted: bool | None, desirable: bool | None
) -> None:
    outcome = TREE.outcomes[outcome_id]
    assert (outcome.permitted, outcome.desirable) == (permitted, desirable)
    assert outcome.next_steps, "every outcome says what to do next"
    assert outcome.label.nl != outcome.label.en


def test_every_node_cites_declared_sources_with_provenance() -> None:
    for node_id, node in TREE.nodes.items():
        assert node.sources, f"{node_id} cites no source"
        for citation in node.sources:
            assert citation.source in TREE.sources
            assert citation.provenance in {"direct", "adapted", "synthesis"}
    for source in TREE.sources.values():
        assert source.date <= dt.date(2025, 12, 31)
    weighing = [n for n in TREE.nodes.values() if n.section == "weighing" and n.kind == "rule" and n.routes]
    assert weighing
    assert all(any(c.provenance == "synthesis" for c in n.sources) for n in weighing)


def test_the_gates_come_in_order() -> None:
    sections = [TREE.nodes[n].section for n in TREE.nodes]
    first = {s: sections.index(s) for s in ("scope", "legal", "policy", "ethics", "weighing")}
    assert first["scope"] < first["legal"] < first["policy"] < first["ethics"] < first["weighing"]


def test_every_outcome_is_reachable_in_the_graph() -> None:
    reachable = nx.descendants(TREE.graph, TREE.start)
    assert set(TREE.outcomes) <= reachable


def test_unknown_is_allowed_where_a_person_may_not_know() -> None:
    for key in risk_inputs(TREE):
        assert TREE.inputs[key].allow_unknown, key
    assert set(risk_inputs(TREE)) | SCOPE_INPUTS == set(TREE.inputs)


def test_the_tree_round_trips_and_verifies_statically() -> None:
    assert decision_trees.load(TREE.to_dict()).content_hash == TREE.content_hash


# ----------------------------------------------------------------------------------------------
# Examples


def test_there_are_enough_examples_to_reach_every_outcome() -> None:
    assert len(EXAMPLES) >= 8
    expected = {yaml.safe_load(p.read_text(encoding="utf-8"))["expected_outcome"] for p in EXAMPLES}
    assert expected == set(kv.OUTCOME_IDS)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_decides_as_its_file_says(path: Path) -> None:
    case = kv.load_case(path)
    assert case.expected_outcome is not None
    assert kv.assess(case).outcome_id == case.expected_outcome
    assert kv.assess(path).outcome_id == case.expected_outcome
    # examples use fictional (user-assigned) country codes only
    for code in case.countries():
        assert code == "NL" or (code.startswith("X") and code != "XK"), code


def test_the_readme_example_escalates_to_the_committee() -> None:
    decision = kv.assess(ROOT / "examples" / "quantum-sensing-defence.yaml")
    assert decision.outcome_id == "escalate_committee"
    assert kv.exit_code(decision.outcome_id) == 20


# ----------------------------------------------------------------------------------------------
# Reference lists


def test_critical_technology_areas_are_the_ten_of_the_recommendation() -> None:
    areas = kv.critical_technology_areas()
    assert areas.as_of == dt.date(2023, 10, 3)
    assert "2023/2113" in areas.source.title
    names = [e.label.en for e in areas.entries]
    assert names == [
        "Advanced semiconductors technologies",
        "Artificial intelligence technologies",
        "Quantum technologies",
        "Biotechnologies",
        "Advanced connectivity, navigation and digital technologies",
        "Advanced sensing technologies",
        "Space & propulsion technologies",
        "Energy technologies",
        "Robotics and autonomous systems",
        "Advanced materials, manufacturing and recycling technologies",
    ]
    highest = {e.id for e in areas.entries if e.highest_risk}
    assert highest == {"semiconductors", "artificial_intelligence", "quantum", "biotechnologies"}


def test_the_tree_uses_the_reference_lists() -> None:
    areas = kv.critical_technology_areas()
    decl = TREE.inputs["technology_areas"]
    assert isinstance(decl, SetInput)
    assert list(decl.values) == list(areas.ids)
    assert all(decl.values[e.id] == e.label for e in areas.entries)
    highest = TREE.nodes["highest_risk_area"]
    assert isinstance(highest, decision_trees.Rule)
    assert isinstance(highest.condition, decision_trees.Test)
    assert highest.condition.operand == tuple(e.id for e in areas.entries if e.highest_risk)
    categories = kv.dual_use_categories()
    assert [e.category for e in categories.entries] == list(range(10))
    assert categories.updated == "yearly"
    assert categories.as_of == dt.date(2021, 5, 20)
    items = TREE.inputs["dual_use_items"]
    assert isinstance(items, SetInput)
    assert [k for k in items.values if k != "military"] == list(categories.ids)
    for entry in categories.entries:
        assert items.values[entry.id].en == f"{entry.category} {entry.label.en}"


def test_no_country_list_ships_as_fact() -> None:
    data = ROOT / "kennisveiligheid" / "data"
    for path in data.glob("*.yaml"):
        assert "countries" not in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}), path
    sample = yaml.safe_load(LISTS.read_text(encoding="utf-8"))
    assert all(e["code"].startswith("X") for e in sample["countries"]["entries"])


def test_country_codes() -> None:
    assert is_country_code("NL")
    assert is_country_code("XA")
    assert is_country_code("QM")
    assert is_country_code("ZZ")
    assert not is_country_code("nl")
    assert not is_country_code("QA1")
    assert not is_country_code("AB")
    # the officially assigned codes come from pycountry now, not from a hand-copied list
    assert not (ROOT / "kennisveiligheid/data/iso3166.yaml").exists()
    assert is_country_code("ES")
    assert not is_country_code("AN")  # withdrawn (Netherlands Antilles)


# ----------------------------------------------------------------------------------------------
# The case model


def _case(**answers: Any) -> dict[str, Any]:
    text = (ROOT / "examples" / "humanities-student-exchange.yaml").read_text(encoding="utf-8")
    base = yaml.safe_load(text)
    base["answers"].update(answers)
    return dict(base)


def test_a_case_file_with_problems_lists_them_all(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "partner": {"name": "X", "country": "Neverland"},
                "technology_areas": ["quantm"],
                "expected_outcome": "goo",
                "sanctions_listed": False,
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(kv.CaseError) as info:
        kv.load_case(path)
    text = str(info.value)
    assert info.value.code == "KV100"
    assert isinstance(info.value, ValueError)
    assert "partner.country" in text
    assert "ISO 3166" in text
    assert "did you mean 'quantum'" in text
    assert "did you mean 'go'" in text
    assert "sanctions_listed: this is an answer; put it under 'answers:'" in text


def test_invalid_answers_are_all_reported() -> None:
    case = _case(sanctions_listed="maybe", country_risk="terrible", sanctons_listed=True)
    with pytest.raises(kv.CaseError) as info:
        kv.assess(case)
    problems = info.value.problems
    assert len(problems) == 3
    assert any("did you mean 'sanctions_listed'" in p for p in problems)


def test_unreadable_case_files(tmp_path: Path) -> None:
    with pytest.raises(kv.CaseError, match="no such file"):
        kv.load_case(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("answers: [unclosed\n", encoding="utf-8")
    with pytest.raises(kv.CaseError, match="not valid YAML"):
        kv.load_case(broken)
    scalar = tmp_path / "scalar.yaml"
    scalar.write_text("just text\n", encoding="utf-8")
    with pytest.raises(kv.CaseError, match="mapping"):
        kv.load_case(scalar)


def test_derived_answers_are_reported() -> None:
    case = kv.Collaboration.model_validate(
        {
            "partner": {"name": "Eastport", "country": "xe"},
            "forms": ["exchange_inbound", "joint_double_degree"],
            "technology_areas": ["energy"],
        }
    )
    prepared = kv.prepare(case)
    derived = {d.input: d.value for d in prepared.derived}
    assert derived == {
        "technology_areas": frozenset({"energy"}),
        "international": True,
        "formal_elements": frozenset({"exchange_of_people", "agreement"}),
        "country_on_institution_list": False,
        "partner_on_watch_list": False,
        "crown_jewel": False,
        "institution_no_collaboration": False,  # 1.1.0: the own-list question is derived too
    }
    assert case.partner is not None
    assert case.partner.country == "XE"
    assert all(d.reason.nl and d.reason.en for d in prepared.derived)


def test_explicit_answers_win_without_lists() -> None:
    prepared = kv.prepare(_case(country_on_institution_list=True, crown_jewel="unknown"))
    assert prepared.answers["country_on_institution_list"] is True
    assert prepared.answers["crown_jewel"] is UNKNOWN
    assert "country_on_institution_list" not in {d.input for d in prepared.derived}


def test_conflicting_technology_areas_are_an_error() -> None:
    case = _case(technology_areas=["quantum"])
    case["technology_areas"] = ["energy"]
    with pytest.raises(kv.CaseError, match="differ"):
        kv.prepare(case)


def test_lists_decide_the_list_questions() -> None:
    lists = kv.load_lists(LISTS)
    case = kv.Collaboration.model_validate(
        {
            "partner": {"name": "Some University", "country": "XA"},
            "funding": [{"funder": "  riverton   HOLDINGS ", "country": "XR"}],
            "crown_jewels": ["quantum_sensing_lab"],
            "answers": {"country_on_institution_list": "unknown"},
        }
    )
    derived: dict[str, Any] = {d.input: d for d in kv.prepare(case, lists=lists).derived}
    assert derived["country_on_institution_list"].value is True
    assert "XA" in derived["country_on_institution_list"].reason.en
    assert derived["partner_on_watch_list"].value is True
    assert derived["crown_jewel"].value is True
    clean = case.model_copy(update={"partner": kv.Partner(name="Other", country="XB"), "funding": ()})
    clean = clean.model_copy(update={"crown_jewels": ()})
    derived = {d.input: d.value for d in kv.prepare(clean, lists=lists).derived}
    assert derived["country_on_institution_list"] is False  # the list answers its own question
    assert derived["partner_on_watch_list"] is False
    assert derived["crown_jewel"] is False


def test_unknown_crown_jewels_are_an_error() -> None:
    case = kv.Collaboration(crown_jewels=("nope",))
    with pytest.raises(kv.CaseError, match="not on the institution's list"):
        kv.prepare(case, lists=kv.load_lists(LISTS))


# ----------------------------------------------------------------------------------------------
# assess()


def test_assess_accepts_models_mappings_plain_answers_and_paths() -> None:
    path = ROOT / "examples" / "funder-publication-control.yaml"
    case = kv.load_case(path)
    plain = dict(kv.prepare(case).answers.items())
    for form in (case, case.model_dump(), plain, path, str(path)):
        assert kv.assess(form).outcome_id == "escalate_adviser"


def test_an_incomplete_case_names_the_question_in_the_chosen_language() -> None:
    with pytest.raises(kv.IncompleteCaseError) as info:
        kv.assess({"formal_elements": ["agreement"], "international": True}, lang="nl")
    error = info.value
    assert isinstance(error, MissingAnswerError)
    assert error.code == "KV101"
    assert error.input == "sanctions_listed"
    assert error.node == "sanctions_check"
    assert "sanctielijst" in str(error)


def test_assess_with_lists_and_an_institution_tree() -> None:
    case = kv.load_case(ROOT / "examples" / "sanctioned-funder.yaml")
    answers = dict(case.answers, sanctions_listed=False, country_restrictive_measures="none")
    answers.update(dual_use_items=[], transfer_outside_exemptions=False, end_use_signs=[])
    answers.update(technology_areas=[], sensitive_other=[], partner_access=[], country_risk="no_concerns")
    answers.update(military_security_ties=False, due_diligence_red_flags=[], restrictive_terms=[])
    answers.update(human_rights_risk="none", safety_risk="none", values_conflict="none", duty_of_care=False)
    changed = case.model_copy(update={"answers": answers})
    decision = kv.assess(changed, tree=OVERLAY, lists=LISTS)
    assert decision.tree.id == "example-university-knowledge-security"
    assert decision.outcome_id == "escalate_adviser"  # the funder is on the sample watch list
    assert "duty_of_care" in decision.path[-1] or "duty_of_care" in decision.path


# ----------------------------------------------------------------------------------------------
# Institution trees and lists


def test_the_sample_overlay_fills_the_ethics_slot() -> None:
    tree = kv.load_institution_tree(OVERLAY)
    assert tree.version == "2025.1"
    assert "institution_ethics" not in tree.inputs
    slot = tree.nodes["institution_ethics"]
    assert isinstance(slot, Question)
    assert slot.input == "values_conflict"
    assert set(tree.outcomes) == set(kv.OUTCOME_IDS)
    # the rest of the reference is unchanged
    assert tree.nodes["sanctions_check"] == TREE.nodes["sanctions_check"]


@pytest.mark.parametrize(
    ("overlay", "code", "words"),
    [
        ({"extends": "other", "id": "x", "version": "1"}, "KV122", "extends: reference"),
        ({"extends": "reference", "version": "1"}, "KV123", "'id'"),
        ({"extends": "reference", "id": "x", "version": "1", "node": {}}, "KV122", "did you mean 'nodes'"),
        ({"extends": "reference", "id": "x", "version": "1", "nodes": {"nope": None}}, "KV124", "nope"),
        ({"extends": "reference", "id": "x", "version": "1", "nodes": {"access": None}}, "DT", "access"),
    ],
)
def test_overlay_problems(overlay: dict[str, Any], code: str, words: str) -> None:
    with pytest.raises(kv.InstitutionTreeError) as info:
        kv.load_institution_tree(overlay)
    assert any(p.code.startswith(code) for p in info.value.problems)
    assert words in str(info.value)


def test_a_whole_tree_must_use_the_contract_outcome_ids(tmp_path: Path) -> None:
    data = TREE.to_dict()
    data["id"] = "own"
    data["nodes"]["goes"] = {**data["nodes"].pop("go"), "id": "goes"}
    data["nodes"]["weigh_measures"]["else"] = "goes"
    data["invariants"] = []
    path = tmp_path / "own.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(kv.InstitutionTreeError) as info:
        kv.load_institution_tree(path)
    (problem,) = info.value.problems
    assert problem.code == "KV121"
    assert problem.node == "goes"
    assert "did you mean 'go'" in str(problem)
    data["nodes"]["go"] = {**data["nodes"].pop("goes"), "id": "go"}
    data["nodes"]["weigh_measures"]["else"] = "go"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert kv.load_institution_tree(path).id == "own"


def test_lists_files(tmp_path: Path) -> None:
    lists = kv.load_lists(LISTS)
    assert lists.country("xa") is not None
    assert lists.country("NL") is None
    assert lists.watched("RIVERTON holdings") is not None
    assert lists.crown_jewel("quantum_sensing_lab") is not None
    assert lists.stale(on=dt.date(2025, 6, 1)) == []
    assert len(lists.stale(on=dt.date(2026, 6, 1))) == 3
    entries = [{"code": "QQQ"}, {"code": "XA"}, {"code": "XA"}]
    bad = {"countrys": {}, "countries": {"source": "s", "entries": entries}}
    with pytest.raises(kv.ListsError) as info:
        kv.load_lists(bad)
    text = str(info.value)
    assert info.value.code == "KV110"
    assert "did you mean 'countries'" in text
    assert "as_of" in text
    assert "ISO 3166" in text
    with pytest.raises(kv.ListsError, match="no such file"):
        kv.load_lists(tmp_path / "none.yaml")


# ----------------------------------------------------------------------------------------------
# Properties over generated complete answer sets


PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mostly_clean(decl: Any, unknown: bool) -> st.SearchStrategy[Any]:
    """Answers that are usually the least risky one, so that every gate and outcome is reached."""
    extra: list[Any] = [UNKNOWN] if unknown and decl.allow_unknown else []
    if isinstance(decl, BooleanInput):
        return st.sampled_from([*[False] * 12, True, *extra])
    if isinstance(decl, EnumInput):
        first, *rest = decl.values
        return st.sampled_from([*[first] * 12, *rest, *extra])
    assert isinstance(decl, SetInput)
    some = st.frozensets(st.sampled_from(list(decl.values)), min_size=1, max_size=3)
    return st.sampled_from([*[frozenset()] * 12, None, *extra]).flatmap(
        lambda v: some if v is None else st.just(v)
    )


@st.composite
def in_scope(draw: st.DrawFn, tree: Tree = TREE, unknown: bool = True) -> dict[str, Any]:
    """Complete answers for a formal, international collaboration: mostly clean, some risks."""
    case: dict[str, Any] = {}
    for key, decl in tree.inputs.items():
        if key == "international":
            case[key] = True
        elif key == "formal_elements":
            assert isinstance(decl, SetInput)
            case[key] = draw(st.frozensets(st.sampled_from(list(decl.values)), min_size=1))
        else:
            case[key] = draw(_mostly_clean(decl, unknown))
    return case


CASES = st.one_of(answers(TREE), in_scope())


@pytest.mark.slow
def test_the_generated_cases_reach_every_outcome() -> None:
    seen: set[str] = set()

    @settings(max_examples=2000, deadline=None, database=None, derandomize=True)  # a fixed draw: no flake
    @given(CASES)
    def collect(case: Mapping[str, Any]) -> None:
        seen.add(TREE.decide(case).id)

    collect()
    assert seen == set(kv.OUTCOME_IDS)


@pytest.mark.slow
@PROPERTY
@given(CASES)
def test_the_tree_is_total(case: Mapping[str, Any]) -> None:
    outcome = TREE.decide(case)
    assert outcome.id in kv.OUTCOME_IDS
    assert TREE.evaluate(case).outcome == outcome


@pytest.mark.slow
@PROPERTY
@given(CASES)
def test_an_unknown_answer_never_yields_go(case: Mapping[str, Any]) -> None:
    decision = TREE.evaluate(case)
    if open_unknowns(TREE, decision):
        assert decision.outcome_id != "go"
        assert severity(TREE, decision.outcome_id) >= severity(TREE, "postpone")


@pytest.mark.slow
@PROPERTY
@given(CASES)
def test_adding_a_risk_signal_never_makes_the_outcome_less_strict(case: Mapping[str, Any]) -> None:
    before = severity(TREE, TREE.decide(case).id)
    for key in risk_inputs(TREE):
        for value in raised(TREE.inputs[key], case[key]):
            after = severity(TREE, TREE.decide({**case, key: value}).id)
            assert after >= before, (key, case[key], value)


@PROPERTY
@given(st.one_of(answers(TREE, unknown=False), in_scope(unknown=False)))
def test_without_open_questions_nothing_is_postponed(case: Mapping[str, Any]) -> None:
    decision = TREE.evaluate(case)
    if case["country_restrictive_measures"] != "scope_unclear":
        assert decision.outcome_id != "postpone"
    if decision.outcome_id in {"go", "go_with_measures", "escalate_adviser"}:
        assert decision.outcome.permitted is True


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(EXAMPLES), st.data())
def test_any_answers_missing_from_a_case_are_named(path: Path, data: st.DataObject) -> None:
    case = kv.load_case(path)
    full = kv.prepare(case).answers
    needed = asked(TREE, TREE.evaluate(full))
    drop = data.draw(st.sampled_from(sorted(needed)))
    if drop in {"technology_areas", "international", "formal_elements"} or drop in {
        "country_on_institution_list",
        "partner_on_watch_list",
        "crown_jewel",
        "institution_no_collaboration",
    }:
        return  # derived from the case's other fields
    answers_left = {k: v for k, v in case.answers.items() if k != drop}
    with pytest.raises(kv.IncompleteCaseError) as info:
        kv.assess(case.model_copy(update={"answers": answers_left}))
    assert info.value.input == drop


# ----------------------------------------------------------------------------------------------
# The package


def test_exports_resolve() -> None:
    for name in kv.__all__:
        assert getattr(kv, name) is not None


def test_import_is_light() -> None:
    code = (
        "import sys, kennisveiligheid; kennisveiligheid.reference_tree(); "
        "heavy = [m for m in ('graphviz', 'hypothesis', 'durable') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
