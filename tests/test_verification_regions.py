"""Regions (sets of answers of one input) agree with the engine's evaluation of conditions."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from decision_trees import UNKNOWN
from decision_trees._invariants import _before
from decision_trees._paths import Space
from decision_trees._regions import Region
from decision_trees.conditions import operands_by_input
from decision_trees.model import Question, SetInput, Tree
from decision_trees.testing import trees, value_strategy
from decision_trees.verification import branch_holds

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _question(tree: Tree, data: st.DataObject) -> Question:
    questions = [n for n in tree.nodes.values() if isinstance(n, Question)]
    assume(bool(questions))
    return data.draw(st.sampled_from(questions))


@pytest.mark.slow
@SETTINGS
@given(trees(rules=False), st.data())
def test_set_operations_agree_with_evaluation(tree: Tree, data: st.DataObject) -> None:
    question = _question(tree, data)
    space = Space(tree.inputs)
    domain = space.domains[space.index[question.input]]
    regions = [domain.condition(b.when) for b in question.branches]
    values = value_strategy(tree.inputs[question.input], operands_by_input(tree)[question.input])
    for _ in range(15):
        value = data.draw(values)
        case = {question.input: value}
        holds = [branch_holds(tree, question, i, case) for i in range(len(regions))]
        for region, held in zip(regions, holds, strict=True):
            assert (value in region) == held
            assert (value in ~region) == (not held)
        assert (value in regions[0] & regions[-1]) == (holds[0] and holds[-1])
        assert (value in regions[0] | regions[-1]) == (holds[0] or holds[-1])
        assert (value in regions[0] - regions[-1]) == (holds[0] and not holds[-1])
        assert value in domain.full
    for region in regions:
        assert region.empty == (region == domain.nothing)
        assert (region | ~region).full
        assert (region & ~region).empty
        if not region.empty:
            witness = region.witness()
            assert witness in region
            holds_for_witness = branch_holds(tree, question, regions.index(region), {question.input: witness})
            assert holds_for_witness


def _known(region: Region, value: Any) -> bool:
    return value is not UNKNOWN and value in region


@pytest.mark.slow
@SETTINGS
@given(trees(rules=False, unknowns=False), st.data())
def test_order_operations(tree: Tree, data: st.DataObject) -> None:
    question = _question(tree, data)
    space = Space(tree.inputs)
    domain = space.domains[space.index[question.input]]
    a = domain.condition(data.draw(st.sampled_from(question.branches)).when)
    b = domain.condition(data.draw(st.sampled_from(question.branches)).when)
    found = domain.less(a.known, b.known)
    if found is not None:
        x, y = found
        assert _known(a, x)
        assert _known(b, y)
        assert _before(domain, x, y)
    above = domain.region(domain.above(a.known))
    below = domain.region(domain.below(a.known))
    values = value_strategy(
        tree.inputs[question.input], operands_by_input(tree)[question.input], unknown=False
    )
    for _ in range(15):
        x, y = data.draw(values), data.draw(values)
        if isinstance(x, frozenset):
            y = x | y
        if _known(a, x) and _known(b, y) and _before(domain, x, y):
            assert found is not None  # less() misses no pair
        if _known(a, x) and _before(domain, x, y):
            assert y in above
        if _known(a, y) and _before(domain, x, y):
            assert x in below
        if x in above:
            assert not a.known_empty


@pytest.mark.slow
@SETTINGS
@given(trees(rules=False), st.data())
def test_nearest_witness_stays_close(tree: Tree, data: st.DataObject) -> None:
    question = _question(tree, data)
    space = Space(tree.inputs)
    domain = space.domains[space.index[question.input]]
    region = domain.condition(data.draw(st.sampled_from(question.branches)).when)
    value = data.draw(value_strategy(tree.inputs[question.input], operands_by_input(tree)[question.input]))
    if region.empty:
        return
    near = region.witness(value)
    assert near in region
    if value in region:
        assert near == value or value is UNKNOWN


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(rules=False, input_types=("set",)), st.data())  # (a set question in nearly every tree)
def test_subset_mask_lists_exactly_the_subsets_in_a_region(tree: Tree, data: st.DataObject) -> None:
    """The relevance analysis reads a set region's subsets from its decision diagram at once;
    they are exactly the subsets the region contains, tested one by one."""
    from decision_trees._regions_sets import SetDomain

    questions = [
        n
        for n in tree.nodes.values()
        if isinstance(n, Question) and isinstance(tree.inputs[n.input], SetInput)
    ]
    assume(bool(questions))
    question = data.draw(st.sampled_from(questions))
    space = Space(tree.inputs)
    domain = space.domains[space.index[question.input]]
    assert isinstance(domain, SetDomain)
    regions = [domain.condition(b.when) for b in question.branches]
    regions += [a & ~b for a in regions for b in regions] + [a | b for a in regions for b in regions]
    options = list(domain.values)
    for region in regions:
        mask = domain.subset_mask(region.known)
        for s in range(1 << len(options)):
            subset = frozenset(o for i, o in enumerate(options) if s >> i & 1)
            assert bool(mask >> s & 1) == (subset in region), (region.describe("en"), sorted(subset))
