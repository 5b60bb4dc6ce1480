"""The explorer page's JavaScript evaluator decides as ``Tree.evaluate`` does: outcome, path and
the answers read, for every shipped tree and for generated trees (run in node, one process per tree).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from explorer_support import NO_NODE, NODE, disagreements
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import decision_trees as dt
from decision_trees.testing import answers, partial_answers, trees
from kennisveiligheid import reference_tree
from partner_criteria import criteria_tree

pytestmark = pytest.mark.skipif(NODE is None, reason=NO_NODE)

HERE = Path(__file__).parent
TREE_FILES = sorted(
    [
        *HERE.glob("trees/*.yaml"),
        *HERE.glob("trees/conformance/*.yaml"),
        HERE.parent / "bench" / "ten_questions.yaml",
    ]
)
VERIFY_FILES = sorted(
    p for p in HERE.glob("trees/verify/*.yaml") if p.name not in ("invalid_invariant.yaml",)
)


def shipped() -> list[tuple[str, dt.Tree]]:
    out = [("reference", reference_tree()), ("partner-criteria", criteria_tree())]
    for path in [*TREE_FILES, *VERIFY_FILES]:
        try:
            out.append((path.relative_to(HERE.parent).as_posix(), dt.load(path)))
        except dt.TreeLoadError:
            continue  # a tree the loader refuses on purpose
    return out


SHIPPED = shipped()


def draw_cases(tree: dt.Tree, count: int) -> list[dict[str, Any]]:
    """``count`` hypothesis-drawn answer sets: complete ones and partial ones (next_question)."""
    cases: list[dict[str, Any]] = []
    batch = 20 if count >= 1000 else 1  # many cases per example: far less overhead per case
    strategy = st.lists(st.one_of(answers(tree), partial_answers(tree)), min_size=batch, max_size=batch)

    @settings(
        max_examples=count // batch,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(drawn: list[dict[str, Any]]) -> None:
        cases.extend(drawn)

    collect()
    return cases


def assert_agree(tree: dt.Tree, cases: Sequence[Mapping[str, Any]]) -> None:
    found = disagreements(tree, cases)
    assert not found, f"{len(found)} of {len(cases)} cases disagree; first: {found[0]}"


@pytest.mark.parametrize(("name", "tree"), SHIPPED, ids=[name for name, _ in SHIPPED])
def test_page_agrees_on_shipped_trees(name: str, tree: dt.Tree) -> None:
    assert_agree(tree, draw_cases(tree, 60))


@pytest.mark.slow
@pytest.mark.parametrize(("name", "tree"), SHIPPED[:2], ids=[name for name, _ in SHIPPED[:2]])
def test_page_agrees_on_ten_thousand_cases(name: str, tree: dt.Tree) -> None:
    cases = draw_cases(tree, 10_000)
    assert len(cases) >= 10_000
    assert_agree(tree, cases)


def generated(data: st.DataObject, cases: int) -> None:
    tree = data.draw(trees())
    assert_agree(tree, [data.draw(st.one_of(answers(tree), partial_answers(tree))) for _ in range(cases)])


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_page_agrees_on_generated_trees(data: st.DataObject) -> None:
    generated(data, 15)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_page_agrees_on_many_generated_trees(data: st.DataObject) -> None:
    generated(data, 60)


def test_a_disagreement_would_be_found() -> None:
    """The comparison can fail: a case decided differently is reported."""
    tree = reference_tree()
    case = draw_cases(tree, 5)[0]
    from explorer_support import comparable, python_result

    py = comparable(python_result(tree, case))
    assert py != comparable({"status": "decided", "outcome": "nowhere", "path": [], "read": []})
