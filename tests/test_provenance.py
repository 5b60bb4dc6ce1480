"""Policy content is data with provenance: every shipped tree cites only declared sources, cites
every source it declares, gives every node a source, and explains every synthesis."""

from __future__ import annotations

from pathlib import Path

import pytest

import decision_trees
import kennisveiligheid as kv
import partner_criteria as pc
from decision_trees import Tree
from decision_trees.model import Citation, Outcome, Question, Rule

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = {
    "reference": kv.reference_tree,
    "criteria": pc.criteria_tree,
}


def _citations(tree: Tree) -> list[tuple[str, Citation]]:
    found = [(f"inputs.{key}", c) for key, decl in tree.inputs.items() for c in decl.sources]
    found += [(f"nodes.{key}", c) for key, node in tree.nodes.items() for c in node.sources]
    return found


def provenance_problems(tree: Tree) -> list[str]:
    """What the provenance rules find wrong in ``tree`` (empty when it is sound)."""
    problems = []
    cited = {c.source for _, c in _citations(tree)}
    problems += [
        f"source {s!r} is declared but no node or input cites it" for s in tree.sources if s not in cited
    ]
    for key, node in tree.nodes.items():
        if isinstance(node, Question | Rule | Outcome) and not node.sources:
            problems.append(f"node {key!r} has no source")
    for where, citation in _citations(tree):
        if citation.provenance != "synthesis":
            continue
        cited_by = tree.nodes.get(where.split(".", 1)[1]) if where.startswith("nodes.") else None
        note = getattr(cited_by, "note", None)
        if not citation.section and note is None:
            problems.append(f"{where}: a synthesis ({citation.source}) without a note saying what is ours")
    return problems


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_trees_have_sound_provenance(name: str) -> None:
    assert provenance_problems(SHIPPED[name]()) == []


def test_the_rules_catch_each_slip() -> None:
    data = kv.reference_tree().to_dict()
    data["sources"]["unused"] = {"title": "Unused", "publisher": "Nobody", "date": "2024-01-01"}
    data["nodes"]["go"]["sources"] = []
    data["nodes"]["risky_partner"]["sources"] = [{"source": "leidraad", "provenance": "synthesis"}]
    del data["nodes"]["risky_partner"]["note"]
    problems = provenance_problems(decision_trees.load(data))
    assert problems == [
        "source 'unused' is declared but no node or input cites it",
        "node 'go' has no source",
        "nodes.risky_partner: a synthesis (leidraad) without a note saying what is ours",
    ]


def test_the_reference_tree_names_the_sources_the_issue_asked_for() -> None:
    tree = kv.reference_tree()
    assert tree.version == "1.1.1"
    assert "kamerbrief_2022" not in tree.sources
    assert "not in force" in (tree.sources["wet_screening"].section or "")
    assert tree.sources["wet_screening"].date.isoformat() == "2025-04-07"
    assert {c.source for c in tree.inputs["dual_use_items"].sources} == {"eu_dual_use", "eu_military_list"}
    assert "art. 11(1)" in (tree.sources["eu_dual_use"].section or "")
    scope = {c.source: c.provenance for c in tree.nodes["formal_collaboration"].sources}
    assert scope["uva_practice"] == "adapted"
    assert "leiden_practice" not in scope
    for rule in ("risky_country", "country_concerns", "risky_partner"):
        node = tree.nodes[rule]
        assert isinstance(node, Rule)
        assert node.note is not None
        assert "synthesis" in {c.provenance for c in node.sources}, rule
    for outcome in ("not_permitted", "escalate_adviser", "not_desirable"):
        assert "synthesis" in {c.provenance for c in tree.nodes[outcome].sources}, outcome


def test_check_reference_reports_only_declared_answers_that_matter_to_nothing() -> None:
    report = decision_trees.verify(kv.reference_tree())
    assert report.ok, report.text()
    assert {(f.details["input"], f.details["values"]) for f in report.informational} == {
        ("country_restrictive_measures", ("none", "subject_outside")),
        ("country_restrictive_measures", ("scope_unclear", "unknown")),
        ("transfer_destination", ("outside_eu", "unknown")),
        ("annex_iv_items", ("true", "unknown")),
        ("export_authorisation", ("not_needed", "granted")),
        ("export_authorisation", ("pending", "unknown")),
    }
    criteria = decision_trees.verify(pc.criteria_tree())
    assert criteria.ok, criteria.text()
    assert [(f.details["input"], f.details["values"]) for f in criteria.informational] == [
        ("knowledge_security", ("pending", "unknown"))
    ]
