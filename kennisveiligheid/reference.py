"""The reference tree, an institution's own tree (whole, or as an overlay on the reference), and
the outcome contract that the command line and other packages rely on."""

from __future__ import annotations

import copy
import dataclasses
import difflib
import functools
import os
from collections.abc import Mapping
from typing import Any

import decision_trees
from decision_trees import Problem, Tree, TreeLoadError
from decision_trees.support import check_structure
from kennisveiligheid._contract import (
    EXIT_BAD_INPUT,
    EXIT_CODES,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT_CLOSED,
    OUTCOME_IDS,
    exit_code,
)
from kennisveiligheid._files import DATA, read_yaml
from kennisveiligheid.errors import InstitutionTreeError

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_CODES",
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT_CLOSED",
    "OUTCOME_IDS",
    "exit_code",
    "load_institution_tree",
    "reference_tree",
]

REFERENCE_FILE = DATA / "reference_tree.yaml"
_OVERLAY_MERGED = ("sources", "inputs", "nodes")
_OVERLAY_REPLACED = ("id", "version", "title", "description", "start", "invariants")


@functools.cache
def reference_tree() -> Tree:
    """The reference knowledge-security tree shipped with the package (loaded once)."""
    return decision_trees.load(REFERENCE_FILE)


def load_institution_tree(source: str | os.PathLike[str] | Mapping[str, Any]) -> Tree:
    """An institution's own tree: a whole tree file, or an overlay on the reference tree.

    An overlay has ``extends: reference``, its own ``id`` and ``version``, and replaces or adds
    entries of ``sources``, ``inputs`` and ``nodes`` by id (``null`` removes one); ``title``,
    ``description``, ``start`` and ``invariants`` replace the reference's. Either way, the tree's
    outcomes must use the reference outcome ids (:data:`OUTCOME_IDS`), so that exit codes and
    other packages understand them. Raises :class:`~kennisveiligheid.errors.InstitutionTreeError`
    (or the engine's :class:`~decision_trees.TreeLoadError` for an invalid tree file).
    """
    name = None if isinstance(source, Mapping) else os.fspath(source)
    if isinstance(source, Mapping):
        data: Any = source
        refused = [p for p in check_structure(data) if p.code in ("DT101", "DT104", "DT105")]
        if refused:
            raise InstitutionTreeError(refused, name)
    else:
        data, lines = read_yaml(source)
        if lines:
            raise InstitutionTreeError([p for p in lines if isinstance(p, Problem)], name)
    if isinstance(data, Mapping) and "extends" in data:
        merged = _merge_overlay(data, name)
        try:
            tree = decision_trees.load(merged)
        except TreeLoadError as exc:
            problems = [_in_file(p, name) for p in exc.problems]
            raise InstitutionTreeError(problems, name) from None
    elif name is not None:
        tree = decision_trees.load(name)
    else:
        tree = decision_trees.load(data)
    _check_contract(tree, name)
    return tree


def _in_file(problem: Problem, name: str | None) -> Problem:
    if problem.file is not None or name is None:
        return problem
    return dataclasses.replace(
        problem,
        file=name,
        line=None,
        column=None,
        hint=(problem.hint + "; " if problem.hint else "") + "after merging the overlay",
        hint_key=None,
    )


def _overlay_key_problems(overlay: Mapping[str, Any], name: str | None) -> list[Problem]:
    """The overlay's own keys: ``extends: reference``, its own id and version, no unknown fields."""
    problems: list[Problem] = []
    if overlay.get("extends") != "reference":
        problems.append(
            Problem.of("KV122.extends", file=name, field="extends", hint_key="KV122.extends_hint")
        )
    for key in ("id", "version"):
        if key not in overlay:
            problems.append(Problem.of("KV123.own", file=name, field=key, hint_key="KV123.own_hint", key=key))
    allowed = ("extends", *_OVERLAY_MERGED, *_OVERLAY_REPLACED)
    for key in overlay:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            problems.append(
                Problem.of(
                    "KV122.field",
                    file=name,
                    field=str(key),
                    key=key,
                    hint_key="hint.did_you_mean" if close else "KV122.fields",
                    suggestion=close[0] if close else "",
                    fields=", ".join(allowed),
                )
            )
    return problems


def _merge_entries(overlay: Mapping[str, Any], merged: dict[str, Any], name: str | None) -> list[Problem]:
    """Merge the overlay's entries into ``merged`` per key (``null`` removes one); return the problems."""
    problems: list[Problem] = []
    for key in _OVERLAY_MERGED:
        changes = overlay.get(key)
        if changes is None:
            continue
        if not isinstance(changes, Mapping):
            problems.append(Problem.of("KV122.mapping", file=name, field=key, key=key))
            continue
        target = merged.setdefault(key, {})
        for entry_id, value in changes.items():
            if value is None:
                if entry_id not in target:
                    problems.append(
                        Problem.of("KV124.remove", file=name, field=f"{key}.{entry_id}", entry=entry_id)
                    )
                target.pop(entry_id, None)
            else:
                target[entry_id] = value
    return problems


def _merge_overlay(overlay: Mapping[str, Any], name: str | None) -> dict[str, Any]:
    problems = _overlay_key_problems(overlay, name)
    base = reference_tree().to_dict()
    merged = copy.deepcopy(base)
    problems += _merge_entries(overlay, merged, name)
    for key in _OVERLAY_REPLACED:
        if key in overlay:
            merged[key] = overlay[key]
    if problems:
        raise InstitutionTreeError(problems, name)
    return merged


def _check_contract(tree: Tree, name: str | None) -> None:
    problems = []
    for outcome_id in tree.outcomes:
        if outcome_id not in OUTCOME_IDS:
            close = difflib.get_close_matches(outcome_id, OUTCOME_IDS, n=1)
            problems.append(
                Problem.of(
                    "KV121.outcome",
                    file=name,
                    node=outcome_id,
                    outcome=outcome_id,
                    hint_key="hint.did_you_mean" if close else "KV121.use",
                    suggestion=close[0] if close else "",
                    ids=", ".join(OUTCOME_IDS),
                )
            )
    if problems:
        raise InstitutionTreeError(problems, name)
