"""Static verification of a tree: gaps, overlaps, dead branches and declared invariants.

``verify(tree)`` walks every path of the tree as a product of per-input answer regions (see
:mod:`decision_trees._paths`) and reports each problem as a :class:`Finding` with a stable code,
the nodes involved, a message in Dutch and English, and a *witness*: concrete answers that show
the problem when evaluated. The reasoning is exact for booleans, enumerations, sets, numbers,
integers and dates; where a rule's condition is too large to expand, the report says so and the
affected claims are checked by evaluating concrete cases instead.
"""

from __future__ import annotations

import dataclasses
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
from decision_trees.model import Text, Tree

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
    findings, expected = _split_expected(tree, checker.finish(), checker.notes)
    notes = list(analysis.notes) + checker.notes
    report = VerificationReport(
        tree_id=tree.id,
        version=tree.version,
        content_hash="",
        findings=tuple(findings),
        paths=len(analysis.leaves),
        states=analysis.states,
        exact=analysis.exact,
        complete=analysis.complete,
        notes=tuple(notes),
        invariants=tuple(results),
        seconds=time.perf_counter() - began,
        informational=tuple(declared),
        expected=tuple(expected),
    )
    report._hash_later(tree)  # the report's own way to defer the hash
    return report


def _split_expected(
    tree: Tree, findings: list[Finding], notes: list[Text]
) -> tuple[list[Finding], list[Finding]]:
    """The findings apart from the warnings ``tree.expected`` declares, and those (with reasons).

    A declaration that matches nothing is noted: the tree changed and it may be stale."""
    if not tree.expected:
        return findings, []
    kept: list[Finding] = []
    expected: list[Finding] = []
    used: set[int] = set()
    for finding in findings:
        match = next(
            (
                i
                for i, item in enumerate(tree.expected)
                if finding.severity == "warning"
                and item.code == finding.code
                and (item.node is None or item.node in finding.nodes)
            ),
            None,
        )
        if match is None:
            kept.append(finding)
            continue
        used.add(match)
        reason = tree.expected[match].reason
        details = {**finding.details, "reason": {"en": reason.en, "nl": reason.nl}}
        expected.append(dataclasses.replace(finding, details=details))
    for i, item in enumerate(tree.expected):
        if i not in used:
            where = f" ({item.node})" if item.node else ""
            notes.append(
                Text(
                    en=f"{item.code}{where} is declared expected but not found; the declaration may be stale",
                    nl=f"{item.code}{where} staat als verwacht opgegeven maar komt niet voor; "
                    "de opgave is mogelijk verouderd",
                )
            )
    return kept, expected
