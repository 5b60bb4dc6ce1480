"""The seam between the models and the modules above them.

``Tree.evaluate``, ``Tree.graph``, ``Decision.explain``, ``Decision.counterfactuals`` and the
notebook displays are conveniences: the work is done by modules that import the models
(:mod:`~decision_trees.evaluate`, :mod:`~decision_trees.graph`, :mod:`~decision_trees.explain`,
:mod:`~decision_trees.counterfactuals`, :mod:`~decision_trees.rendering`). The models call them
through the slots below instead of importing them, so no import points back up; the package's
``__init__`` fills the slots with functions that import their module when called (so importing
the package imports none of them), and it always runs before any of its modules. ``DecisionTable.evaluate``
works the same way.
This module imports nothing at run time.
"""

from __future__ import annotations

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads the name), without importing typing

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn

    import networkx as nx

    from decision_trees.counterfactuals import Counterfactual
    from decision_trees.decision import Decision
    from decision_trees.evaluate import Compiled
    from decision_trees.model import Lang, Tree
    from decision_trees.tables.evaluate import TableResult
    from decision_trees.tables.model import DecisionTable
    from decision_trees.verification import VerificationReport


def _unfilled(*_: object) -> NoReturn:
    raise RuntimeError("decision_trees is only partly imported: import decision_trees first")


compile_tree: Callable[[Tree, bool], Compiled] = _unfilled
"""Build a tree's compiled evaluator (:class:`decision_trees.evaluate.Compiled`; with ``False``,
its choosers only, each as it is first asked for)."""

tree_graph: Callable[[Tree], nx.DiGraph[str]] = _unfilled
"""The routing graph of a tree (:func:`decision_trees.to_networkx`)."""

explain_text: Callable[[Decision, Lang, Callable[[int, str, Any], str] | None], str] = _unfilled
"""A decision explained as text (:func:`decision_trees.explain.explain_text`; the last argument is
its optional ``given`` hook)."""

counterfactuals: Callable[[Decision, str | None], list[Counterfactual]] = _unfilled
"""The smallest changes of answers to another outcome (:mod:`decision_trees.counterfactuals`)."""

mimebundle: Callable[[Tree, Decision | None], dict[str, Any]] = _unfilled
"""Jupyter display data for a tree, or a decision's path on it (:mod:`decision_trees.rendering`)."""

verify_data: Callable[[dict[str, Any]], VerificationReport] = _unfilled
"""Load a tree from plain data and verify it without the relevance analysis (the loader's
hit-policy proofs for table nodes, :mod:`decision_trees.table_nodes`)."""

evaluate_table: Callable[[DecisionTable, dict[str, Any], bool], TableResult] = _unfilled
"""Decide a decision table (:func:`decision_trees.tables.evaluate.evaluate`); filled by
``decision_trees/tables/__init__``."""
