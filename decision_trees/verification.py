"""Static verification of a tree: gaps, overlaps, dead branches and declared invariants.

``verify(tree)`` walks every path of the tree as a product of per-input answer regions (see
:mod:`decision_trees._paths`) and reports each problem as a :class:`Finding` with a stable code,
the nodes involved, a message in Dutch and English, and a *witness*: concrete answers that show
the problem when evaluated. The reasoning is exact for booleans, enumerations, sets, numbers,
integers and dates; where a rule's condition is too large to expand, the report says so and the
affected claims are checked by evaluating concrete cases instead.
"""

from __future__ import annotations

import time

from decision_trees._checker import _Checker, branch_holds, branch_name
from decision_trees._collector import collector_paused
from decision_trees._findings import (
    CODES,
    EXHAUSTIVE_LIMIT,
    SEARCH_EXAMPLES,
    Finding,
    InvariantResult,
    Severity,
    VerificationReport,
)
from decision_trees._paths import explore, walk
from decision_trees.model import Tree

__all__ = [
    "CODES",
    "EXHAUSTIVE_LIMIT",
    "SEARCH_EXAMPLES",
    "Finding",
    "InvariantResult",
    "Severity",
    "VerificationReport",
    "branch_holds",
    "branch_name",
    "verify",
    "walk",
]

# ----------------------------------------------------------------------------------------------


def verify(
    tree: Tree,
    *,
    invariants: bool = True,
    max_states: int | None = None,
    search_examples: int = SEARCH_EXAMPLES,
    relevance: bool = True,
) -> VerificationReport:
    """Check ``tree`` for gaps, overlaps, dead parts and violated invariants.

    Every finding carries a witness (answers to evaluate) where one exists. ``max_states`` bounds
    the path states explored (the report says when the bound cut the analysis short).
    ``relevance`` also looks for answers that never change the outcome (V013-V015; exact analyses
    only); findings the tree declares informational go to ``report.informational``.
    """
    began = time.perf_counter()
    with collector_paused():
        return _verify(tree, invariants, max_states, search_examples, began, relevance)


def _verify(
    tree: Tree,
    invariants: bool,
    max_states: int | None,
    search_examples: int,
    began: float,
    relevance: bool = True,
) -> VerificationReport:
    analysis = explore(tree) if max_states is None else explore(tree, max_states=max_states)
    checker = _Checker(tree, analysis)
    checker.structure()
    results: list[InvariantResult] = []
    if invariants:
        from decision_trees._invariants import check_invariants

        found, results = check_invariants(tree, analysis, search_examples)
        checker.findings.extend(found)
    declared: list[Finding] = []
    if relevance:
        declared = checker.relevance()
    findings = checker.finish()
    notes = list(analysis.notes) + checker.notes
    return VerificationReport(
        tree_id=tree.id,
        version=tree.version,
        content_hash=tree.content_hash,
        findings=tuple(findings),
        paths=len(analysis.leaves),
        states=analysis.states,
        exact=analysis.exact,
        complete=analysis.complete,
        notes=tuple(notes),
        invariants=tuple(results),
        seconds=time.perf_counter() - began,
        informational=tuple(declared),
    )
