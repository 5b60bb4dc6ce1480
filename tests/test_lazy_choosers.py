"""``verify`` walks its witnesses with choosers built per node as the walk reaches them (issue
#15); they choose as the compiled tree's do, and a walk takes the engine's path either way."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import decision_trees as dt
from decision_trees.evaluate import Compiled
from decision_trees.testing import answers, trees
from decision_trees.verification import walk

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _choice(chooser: Any, case: dict[str, Any]) -> Any:
    try:
        return chooser(case)
    except Exception as error:  # the same error either way is the same choice
        return (type(error).__name__, str(error))


@SETTINGS
@given(trees(), st.data())
def test_lazy_choosers_choose_as_the_compiled_ones(tree: dt.Tree, data: st.DataObject) -> None:
    eager = Compiled(tree)
    lazy = Compiled(tree, eager=False)
    assert lazy.choosers == {}
    for _ in range(3):
        case = data.draw(answers(tree))
        for node_id in eager.choosers:
            assert _choice(lazy.chooser(node_id), case) == _choice(eager.choosers[node_id], case)
            assert lazy.targets[node_id] == eager.targets[node_id]


@SETTINGS
@given(trees(), st.data())
def test_a_walk_takes_the_engines_path(tree: dt.Tree, data: st.DataObject) -> None:
    case = data.draw(answers(tree))
    lazy_path, lazy_outcome, lazy_gap = walk(tree, case)  # before anything compiled the tree
    assert "compiled" not in tree.__dict__
    path, outcome, gap = walk(dt.load(tree.to_dict()), case)
    assert (lazy_path, lazy_outcome) == (path, outcome)
    assert (lazy_gap is None) == (gap is None)
    tree.compiled  # noqa: B018  # now compiled: the walk uses the compiled tree's choosers
    assert walk(tree, case)[:2] == (path, outcome)
    if outcome is not None:
        assert tree.decide(case).id == outcome


def test_verify_leaves_the_tree_uncompiled() -> None:
    """A witness walk builds the choosers of the nodes it passes, not the compiled tree."""
    from pathlib import Path

    tree = dt.load(Path(__file__).resolve().parent / "trees" / "small.yaml")
    report = dt.verify(tree)
    assert report.findings or report.informational  # (there were witnesses to walk)
    assert "compiled" not in tree.__dict__
    built = tree.__dict__["_walk_choosers"].choosers
    assert 0 < len(built) <= len(tree.nodes)
