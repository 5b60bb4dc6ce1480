"""Property tests: what verify claims about random trees holds when their cases are evaluated."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decision_trees import verify
from decision_trees.model import Question, Rule, Tree
from decision_trees.testing import answers, trees
from decision_trees.verification import Finding, branch_holds, walk

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _branches_taken(tree: Tree, case: dict[str, Any], path: list[str]) -> set[tuple[str, int]]:
    taken = set()
    for node_id in path:
        if node_id in tree.compiled.choosers:
            taken.add((node_id, tree.compiled.choosers[node_id](case)))
    return taken


def _holding(tree: Tree, question: Question, case: Mapping[str, Any]) -> list[int]:
    return [i for i in range(len(question.branches)) if branch_holds(tree, question, i, case)]


def _check_witness(tree: Tree, finding: Finding) -> None:
    witness = finding.witness
    assert witness is not None, finding
    path, _, gap = walk(tree, witness)
    node_id = finding.nodes[-1]
    if finding.code == "V001":
        assert gap is not None, (finding, path)
        assert gap.node == node_id
        return
    assert node_id in path, (finding, path)
    node = tree.nodes[node_id]
    if finding.code == "V002":
        assert isinstance(node, Question)
        i, j = finding.details["branches"]
        assert {i, j} <= set(_holding(tree, node, witness)), finding
    elif finding.code == "V003":
        assert isinstance(node, Question)
        holding = _holding(tree, node, witness)
        assert finding.details["branch"] in holding
        assert holding[0] < finding.details["branch"]
    elif finding.code == "V007":
        assert finding.nodes[0] in path


@pytest.mark.slow
@SETTINGS
@given(trees(), st.data())
def test_verify_agrees_with_evaluation(tree: Tree, data: st.DataObject) -> None:
    report = verify(tree)
    assert report.exact
    assert report.complete
    for finding in report.findings:
        if finding.code in ("V001", "V002", "V003", "V007"):
            _check_witness(tree, finding)
    gaps = {f.nodes[0] for f in report.by_code("V001")}
    overlaps = {f.nodes[0] for f in report.by_code("V002")}
    never_nodes = {f.nodes[0] for f in report.findings if f.code in ("V005", "V006")}
    never_branches = {
        (f.nodes[0], f.details["branch"])
        for f in report.findings
        if f.code in ("V003", "V004", "V010")
        if "branch" in f.details
    }
    never_branches |= {
        (f.nodes[0], 1 if f.code == "V009" else 0)
        for f in report.findings
        if f.code in ("V009", "V010")
        and isinstance(tree.nodes[f.nodes[0]], Rule)
        and "branch" not in f.details
    }
    cases = answers(tree)
    for _ in range(20):
        case = data.draw(cases)
        path, outcome, gap = walk(tree, case)
        if gap is not None:
            assert gap.node in gaps, (gap, report.text())
        else:
            assert outcome in tree.outcomes
        assert not never_nodes & set(path), report.text()
        assert not never_branches & _branches_taken(tree, case, path[:-1]), report.text()
        for node_id in path:
            node = tree.nodes[node_id]
            if (
                isinstance(node, Question)
                and node.match == "exclusive"
                and len(_holding(tree, node, case)) > 1
            ):
                assert node_id in overlaps, report.text()


@pytest.mark.slow
@SETTINGS
@given(trees(), st.data())
def test_no_gap_and_no_overlap_means_exactly_one_outcome(tree: Tree, data: st.DataObject) -> None:
    report = verify(tree, invariants=False)
    if report.by_code("V001") or report.by_code("V002"):
        return
    cases = answers(tree)
    for _ in range(20):
        case = data.draw(cases)
        decision = tree.evaluate(case)  # raises on a gap
        for node_id in decision.path[:-1]:
            node = tree.nodes[node_id]
            if isinstance(node, Question) and node.match == "exclusive":
                holding = _holding(tree, node, case)
                assert len(holding) == 1 or (not holding and node.otherwise is not None)


def _all_cases(tree: Tree, limit: int = 3000) -> list[dict[str, Any]] | None:
    """Every case of the tree's finite abstraction (one answer per cell), if there are few."""
    import itertools
    import math

    from decision_trees._invariants import representatives
    from decision_trees._paths import Space
    from decision_trees.conditions import operands_by_input

    space = Space(tree.inputs)
    operands = operands_by_input(tree, invariants=True)
    reps = [representatives(d, operands[d.input_id], True) for d in space.domains]
    if math.prod(len(r) for r in reps) > limit:
        return None
    return [dict(zip(space.ids, values, strict=True)) for values in itertools.product(*reps)]


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(max_inputs=3))
def test_verify_is_exact_against_every_case(tree: Tree) -> None:
    """Against all cases of a finite abstraction: verify finds every gap, overlap, unreachable
    node and branch, and no more."""
    cases = _all_cases(tree)
    if cases is None:
        return
    report = verify(tree, invariants=False)
    gaps: set[str] = set()
    overlaps: set[tuple[str, int, int]] = set()
    visited: set[str] = set()
    taken: set[tuple[str, int]] = set()
    for case in cases:
        path, outcome, gap = walk(tree, case)
        visited.update(path)
        if gap is not None:
            gaps.add(gap.node)
        taken |= _branches_taken(tree, case, path[:-1])
        for node_id in path if outcome else path[:-1]:
            node = tree.nodes[node_id]
            if isinstance(node, Question) and node.match == "exclusive":
                holding = _holding(tree, node, case)
                overlaps |= {(node_id, i, j) for i in holding for j in holding if i < j}
        if gap is not None:
            node = tree.nodes[gap.node]
            assert isinstance(node, Question)
            if node.match == "exclusive":
                assert not _holding(tree, node, case)
    assert gaps == {f.nodes[0] for f in report.by_code("V001")}, report.text()
    assert overlaps == {(f.nodes[0], *f.details["branches"]) for f in report.by_code("V002")}, report.text()
    routing = {n for n in tree.nodes if n in tree.compiled.choosers or n in tree.outcomes}
    assert routing - visited == {f.nodes[0] for f in report.findings if f.code in ("V005", "V006")}
    never = set()
    for node_id in visited & set(tree.compiled.choosers):
        count = len(tree.compiled.targets[node_id])
        never |= {(node_id, b) for b in range(count) if (node_id, b) not in taken}
    claimed = {
        (f.nodes[0], f.details["branch"])
        for f in report.findings
        if "branch" in f.details and f.code != "V007"
    }
    claimed |= {
        (f.nodes[0], 1 if f.code == "V009" else 0)
        for f in report.findings
        if f.code in ("V009", "V010")
        and "branch" not in f.details
        and f.nodes[0] in visited
        and isinstance(node := tree.nodes[f.nodes[0]], Rule)
        and node.routes
    }
    overlapped = {(n, j) for (n, _, j) in overlaps}
    assert never - overlapped == claimed - overlapped, report.text()


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(max_inputs=3), st.data())
def test_invariant_methods_agree(tree: Tree, data: st.DataObject) -> None:
    """Exact reasoning over paths and enumeration of every case find the same violations, and
    every counterexample holds when evaluated."""
    from decision_trees import load
    from decision_trees._checker import _with_input
    from decision_trees._invariants import check_invariants
    from decision_trees._paths import explore

    keys = [k for k, d in tree.inputs.items() if d.type != "text"]
    candidates = [
        _with_input(b.when, n.input)
        for n in tree.nodes.values()
        if isinstance(n, Question)
        for b in n.branches
    ]
    candidates += [n.condition for n in tree.nodes.values() if isinstance(n, Rule)]
    chosen = data.draw(st.sampled_from(candidates))
    condition = chosen.model_dump(by_alias=True, exclude_none=True, mode="json")
    outcome = data.draw(st.sampled_from(sorted(tree.outcomes)))
    increasing = data.draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
    decreasing = [k for k in keys if k not in increasing]
    invariants: list[dict[str, Any]] = [
        {"monotone": {"increasing": increasing}},
        {"only_if": {"outcome": outcome, "condition": condition}},
        {"unknown_never": {"outcomes": [outcome]}},
    ]
    if decreasing:
        invariants.append({"monotone": {"decreasing": decreasing}})
    declared = load({**tree.to_dict(), "invariants": invariants})
    analysis = explore(declared)
    exact, exact_results = check_invariants(declared, analysis, 0)
    enumerated, results = check_invariants(declared, analysis, 0, method="exhaustive")
    if any(r.method != "exhaustive" for r in results):
        return
    assert all(r.method == "exact" for r in exact_results)
    assert [r.holds for r in exact_results] == [r.holds for r in results]
    for finding in exact + enumerated:
        if finding.counterexample is not None:
            before, after = finding.counterexample
            _, high, _ = walk(declared, before)
            _, low, _ = walk(declared, after)
            assert high is not None
            assert low is not None
            more, less = declared.outcomes[high].severity, declared.outcomes[low].severity
            assert more is not None  # a monotone invariant needs a severity on every outcome (DT147)
            assert less is not None
            assert more > less
            assert [k for k in before if before[k] != after[k]] == [finding.details["input"]]
        else:
            assert finding.witness is not None
            _, reached, _ = walk(declared, finding.witness)
            assert reached == finding.nodes[0]
