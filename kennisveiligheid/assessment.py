"""Assessing a case: the one call most users need."""

from __future__ import annotations

import os
from typing import Any

from decision_trees import Decision, Lang, MissingAnswerError, Question, Tree
from kennisveiligheid.case import PreparedCase, prepare
from kennisveiligheid.errors import IncompleteCaseError
from kennisveiligheid.lists import InstitutionLists
from kennisveiligheid.reference import load_institution_tree, reference_tree

__all__ = ["assess", "assess_prepared", "resolve_tree"]


def resolve_tree(tree: Tree | str | os.PathLike[str] | None) -> Tree:
    """``tree`` itself, an institution tree loaded from a path, or the reference tree for ``None``."""
    if tree is None:
        return reference_tree()
    if isinstance(tree, Tree):
        return tree
    return load_institution_tree(tree)


def assess(
    case: Any,
    tree: Tree | str | os.PathLike[str] | None = None,
    lang: Lang = "en",
    lists: InstitutionLists | str | os.PathLike[str] | None = None,
) -> Decision:
    """Decide a case with the reference tree (or ``tree``) and return the engine's ``Decision``.

    ``case`` is a :class:`~kennisveiligheid.Collaboration`, a mapping in the case-file format, a
    plain mapping of answers, or the path of a case file. ``lists`` are the institution's own
    lists (or their file). ``lang`` is the language of the question named when the case leaves
    one unanswered (:class:`~kennisveiligheid.errors.IncompleteCaseError`).
    """
    chosen = resolve_tree(tree)
    source = os.fspath(case) if isinstance(case, str | os.PathLike) else None
    # prepare() reads a case file and the lists file itself
    return assess_prepared(prepare(case, chosen, lists, source), chosen, lang, source)


def assess_prepared(
    prepared: PreparedCase, tree: Tree, lang: Lang = "en", source: str | None = None
) -> Decision:
    """Decide an already prepared case; a missing answer becomes :class:`IncompleteCaseError`."""
    try:
        return tree.evaluate(prepared.answers)
    except MissingAnswerError as missing:
        node = tree.nodes[missing.node]
        text = node.text if isinstance(node, Question) else tree.inputs[missing.input].label
        raise IncompleteCaseError(missing.input, missing.node, text.get(lang), source) from None
