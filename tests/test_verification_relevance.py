"""verify finds answers that matter to nothing (V013-V015), with witnesses, and declarations of
informational answers silence them (they are reported apart, not as problems)."""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from decision_trees import TreeLoadError, load, verify
from decision_trees.answers import UNKNOWN
from decision_trees.model import BooleanInput, EnumInput, SetInput, Tree
from decision_trees.testing import trees
from decision_trees.verification import walk

ROOT = Path(__file__).resolve().parent.parent
TREES = ROOT / "tests" / "trees"


def _outcome(tree: Tree, case: dict[str, Any]) -> str | None:
    return walk(tree, case)[1]


def test_the_three_findings_with_witness_pairs() -> None:
    tree = load(TREES / "verify" / "irrelevant.yaml")
    report = verify(tree)
    found = {(f.code, f.details["input"], tuple(f.details.get("values", ()))) for f in report.findings}
    assert found == {
        ("V013", "noted", ()),
        ("V014", "level", ("low", "mid")),
        ("V014", "level", ("high", "unknown")),
        ("V015", "flags", ("other",)),
    }
    for finding in report.findings:
        assert finding.severity == "warning"
        assert finding.counterexample is not None
        one, other = finding.counterexample
        key = finding.details["input"]
        assert {k for k in one if one[k] != other.get(k)} == {key}  # they differ in that input only
        assert _outcome(tree, dict(one)) == _outcome(tree, dict(other)) is not None
    assert "lead to the same outcome in every case" in report.by_code("V014")[0].message("en")
    assert "leiden in alle gevallen tot dezelfde uitkomst" in report.by_code("V014")[0].message("nl")
    assert report.to_dict()["findings"][0]["counterexample"]


def test_declared_informational_answers_are_not_problems() -> None:
    report = verify(load(TREES / "informational.yaml"))
    assert report.ok, report.text()
    assert [f.code for f in report.informational] == ["V013", "V014", "V014", "V015"]
    assert report.informational[1].details["reason"]["en"] == "Both are low enough."
    assert "[V014 informatief]" in report.text("nl")
    assert "reason: For the record only." in report.text("en")
    assert len(report.to_dict()["informational"]) == 4


def test_a_declaration_that_covers_too_little_does_not_silence() -> None:
    data = load(TREES / "informational.yaml").to_dict()
    data["inputs"]["level"]["informational"] = [{"values": ["low", "high"], "reason": {"nl": "x", "en": "x"}}]
    report = verify(load(data))
    assert {f.details["values"] for f in report.by_code("V014")} == {("low", "mid"), ("high", "unknown")}


def test_relevance_can_be_switched_off() -> None:
    assert verify(load(TREES / "verify" / "irrelevant.yaml"), relevance=False).ok


@pytest.mark.parametrize(
    ("decl", "message"),
    [
        ({"values": ["low", "nothing"]}, "'nothing' is not a value of this input"),
        ({"values": ["low"]}, "name at least two values"),
    ],
)
def test_bad_declarations_are_load_errors(decl: dict[str, Any], message: str) -> None:
    data = load(TREES / "informational.yaml").to_dict()
    data["inputs"]["level"]["informational"] = [{**decl, "reason": {"nl": "x", "en": "x"}}]
    with pytest.raises(TreeLoadError) as caught:
        load(data)
    assert any(p.code == "DT145" and message in p.message for p in caught.value.problems)


def test_set_options_are_declared_one_at_a_time() -> None:
    data = load(TREES / "informational.yaml").to_dict()
    data["inputs"]["flags"]["informational"] = [
        {"values": ["red", "other"], "reason": {"nl": "x", "en": "x"}}
    ]
    with pytest.raises(TreeLoadError) as caught:
        load(data)
    assert [p.code for p in caught.value.problems] == ["DT145"]


def _all_values(tree: Tree, key: str) -> list[Any] | None:
    decl = tree.inputs[key]
    values: list[Any]
    if isinstance(decl, BooleanInput):
        values = [False, True]
    elif isinstance(decl, EnumInput):
        values = list(decl.values)
    elif isinstance(decl, SetInput):
        options = list(decl.values)
        values = [frozenset(c) for r in range(len(options) + 1) for c in itertools.combinations(options, r)]
    else:
        return None
    if decl.allow_unknown:
        values.append(UNKNOWN)
    return values


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(max_inputs=3))
def test_relevance_is_exact_against_every_case(tree: Tree) -> None:
    """Against every case (finite inputs only): an input is reported V013 exactly when no change
    of it alone changes an outcome; V014 classes are exactly the values no case tells apart."""
    domains = {key: _all_values(tree, key) for key in tree.inputs}
    if any(v is None for v in domains.values()) or math.prod(len(v or ()) for v in domains.values()) > 4000:
        return
    report = verify(tree, invariants=False)
    if not (report.exact and report.complete):
        return
    keys = list(domains)
    outcome = {
        values: _outcome(tree, dict(zip(keys, values, strict=True)))
        for values in itertools.product(*(domains[k] or () for k in keys))
    }
    if any(result is None for result in outcome.values()):
        return  # with gaps (V001) verify does not look for these findings
    read = {k for f in report.findings for k in [f.details.get("input")] if f.code == "V011"}
    for i, key in enumerate(keys):
        if key in read:
            continue
        apart: set[tuple[Any, Any]] = set()
        for values, result in outcome.items():
            for other in domains[key] or ():
                changed = (*values[:i], other, *values[i + 1 :])
                if result is not None and outcome[changed] is not None and outcome[changed] != result:
                    apart.add((values[i], other))
        v013 = [f for f in report.by_code("V013") if f.details["input"] == key]
        assert bool(v013) == (not apart and _is_read(tree, key)), (key, report.text())
        decl = tree.inputs[key]
        if v013 or not isinstance(decl, BooleanInput | EnumInput):
            continue
        names = {False: "false", True: "true", UNKNOWN: "unknown"}
        claimed = {f.details["values"] for f in report.by_code("V014") if f.details["input"] == key}
        expected = set()
        for value in domains[key] or ():
            same = tuple(names.get(v, v) for v in domains[key] or () if (value, v) not in apart)
            if len(same) > 1:
                expected.add(same)
        assert claimed == expected, (key, report.text())


def _is_read(tree: Tree, key: str) -> bool:
    from decision_trees._paths import explore

    analysis = explore(tree)
    return any(key in keys for keys in analysis.reads.values())


def _told_by_every_pair(tree: Tree, analysis: Any) -> set[tuple[int, frozenset[Any]]]:
    """The pairs of regions told apart, from every pair of paths: different results, apart in
    exactly one input (the definition the relevance analysis implements without the pairs)."""
    from decision_trees._relevance import _result, disjoint

    space = analysis.space
    told: set[tuple[int, frozenset[Any]]] = set()
    for a, b in itertools.combinations(analysis.leaves, 2):
        if _result(tree, a) == _result(tree, b):
            continue
        apart = [
            i
            for i in range(len(space.domains))
            if a.store[i] is not None and b.store[i] is not None and disjoint(a.store[i], b.store[i])
        ]
        if len(apart) == 1:
            (i,) = apart
            told.add((i, frozenset({space.region(a.store, i), space.region(b.store, i)})))
    return told


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(max_nodes=12, max_inputs=3, complete=True) | trees(max_inputs=4))
def test_sub_trees_tell_apart_what_every_pair_of_paths_tells_apart(tree: Tree) -> None:
    """Both ways of the relevance analysis — bit sets over every pair of paths (small trees), and
    sub-trees of the path tree, skipping pairs that cannot tell anything new apart (large ones) —
    find exactly the pairs of regions the definition gives (rules with overlapping conjunctions,
    inputs asked twice, joins included)."""
    from decision_trees._paths import explore
    from decision_trees._relevance import _PathTree

    analysis = explore(tree)
    leaves = analysis.leaves
    if not (analysis.exact and analysis.complete) or any(leaf.outcome is None for leaf in leaves):
        return
    if len(leaves) > 400:
        return
    found = {
        (i, frozenset(pair))
        for i, pairs in _PathTree(tree, analysis, leaves).told_apart().items()
        for pair in pairs
    }
    assert found == _told_by_every_pair(tree, analysis)


def test_a_node_with_a_merged_child_keeps_its_own_split() -> None:
    """A node one of whose children is a state seen before (merged, so missing below it) can share
    its split key (tree node and regions of what it reads) with a node whose children are all
    there; its split is then its own, not the memo's. The tree (found by a search over 20,000
    random trees, the one such node among them) must keep showing that, and the sub-trees must
    still give the definition's pairs (the next test checks both ways on it too)."""
    from decision_trees._paths import explore
    from decision_trees._relevance import _PathTree

    tree = load(ROOT / "tests" / "data" / "relevance" / "merged_child.yaml")
    analysis = explore(tree)
    paths = _PathTree(tree, analysis, analysis.leaves)
    by_key: dict[Any, set[Any]] = {}
    merged: set[Any] = set()
    for node, children in enumerate(paths.children):
        if len(children) < 2 or paths.deeper[node] & paths.mask[node]:
            continue
        key = (paths.at[node], tuple(paths.number(i, paths.stores[node][i]) for i in paths.reads[node]))
        by_key.setdefault(key, set()).add(paths.split(node))
        if paths.made[node] != len(children):
            merged.add(key)
    assert any(len(by_key[key]) > 1 for key in merged)  # one key, two different splits
    expected = _told_by_every_pair(tree, analysis)
    by_sub_trees = _PathTree(tree, analysis, analysis.leaves).told_apart()
    assert {(i, frozenset(pair)) for i, pairs in by_sub_trees.items() for pair in pairs} == expected


@pytest.mark.parametrize("name", ["split_memo.yaml", "twin_merged_state.yaml", "merged_child.yaml"])
def test_sub_trees_on_trees_that_stress_their_shortcuts(name: str) -> None:
    """Trees found in review: one where a split key that says too little would skip siblings
    with something left to tell apart, one where a twin pair's twin sits under a merged state
    (neither child holds it); both ways must still give the definition's pairs."""
    from decision_trees._paths import explore
    from decision_trees._relevance import _PathTree, _told_by_pairs

    tree = load(ROOT / "tests" / "data" / "relevance" / name)
    analysis = explore(tree)
    expected = _told_by_every_pair(tree, analysis)
    assert expected
    by_sub_trees = _PathTree(tree, analysis, analysis.leaves).told_apart()
    assert {(i, frozenset(pair)) for i, pairs in by_sub_trees.items() for pair in pairs} == expected
    by_bit_sets = _told_by_pairs(tree, analysis.space, analysis.leaves)
    assert {(i, frozenset(pair)) for i, pairs in by_bit_sets.items() for pair in pairs} == expected
