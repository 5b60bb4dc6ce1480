"""Hypothesis strategies for trees and their answers (install the ``testing`` extra).

A property test of your own tree in three lines::

    @given(answers(tree))
    def test_every_case_is_decided(case):
        assert tree.decide(case).id in tree.outcomes

``answers(tree)`` draws complete, valid answer sets (shrinking toward simple cases),
``partial_answers(tree)`` draws answers for any subset of the inputs, and ``trees()`` draws random
valid trees for testing engines and tools built on this one.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  (checked here so that the error names the extra)
except ImportError as exc:  # pragma: no cover - hypothesis is a dev dependency
    from decision_trees.errors import MissingDependencyError

    raise MissingDependencyError(
        "hypothesis (for decision_trees.testing)", "pip install 'kennisveiligheid[testing]'"
    ) from exc

from decision_trees._strategies import (
    INPUT_TYPES,
    answers,
    partial_answers,
    tree_mappings,
    trees,
    value_strategy,
)

__all__ = ["INPUT_TYPES", "answers", "partial_answers", "tree_mappings", "trees", "value_strategy"]
