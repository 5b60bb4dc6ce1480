"""The case-level API for applications: the next question of a case, and the :class:`Assessment` record.

An :class:`Assessment` is what an application stores: the case, the answers derived for it, the
notes, the decision with the tree's id, version and content hash, and the adviser's or committee's
recorded :class:`~kennisveiligheid.HumanDecision` when there is one. ``to_json`` / ``from_json``
round-trip it; ``from_json`` re-checks the decision against the tree it was made with, found by
hash among every released version of the reference tree kept in the package. A record whose tree
is not available is read as read-only, with a warning, instead of failing.
"""

from __future__ import annotations

import functools
import json
import os
import warnings
from dataclasses import dataclass
from typing import Any

import decision_trees
from decision_trees import Ask, Decision, InputError, Text, Tree
from decision_trees.support import parse_data
from kennisveiligheid._files import DATA, read_yaml
from kennisveiligheid.case import Collaboration, Derivation, prepare
from kennisveiligheid.errors import CaseError
from kennisveiligheid.human_decision import HumanDecision
from kennisveiligheid.lists import InstitutionLists

__all__ = [
    "RECORD_FORMAT",
    "Assessment",
    "ReadOnlyRecordWarning",
    "assessment",
    "next_question",
    "released_tree",
    "released_versions",
]

RECORD_FORMAT = "kennisveiligheid.assessment/1"
RELEASES = DATA / "releases"


class ReadOnlyRecordWarning(UserWarning):
    """An assessment record was read without the tree it was made with: it cannot be re-checked."""


@functools.cache
def released_versions() -> dict[str, str]:
    """Every released version of the reference tree kept in the package: ``{content hash: version}``."""
    data, problems = read_yaml(RELEASES / "index.yaml")
    if problems or not isinstance(data, dict):
        return {}
    return {h: str(entry["version"]) for h, entry in data.items() if isinstance(entry, dict)}


@functools.cache
def released_tree(content_hash: str) -> Tree | None:
    """The released reference tree with this content hash, or ``None`` when none is kept."""
    data, problems = read_yaml(RELEASES / "index.yaml")
    entry = data.get(content_hash) if not problems and isinstance(data, dict) else None
    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
        return None
    tree = decision_trees.load(RELEASES / os.path.basename(entry["file"]))
    return tree if tree.content_hash == content_hash else None


def next_question(
    case: Any,
    tree: Tree | None = None,
    lists: InstitutionLists | str | os.PathLike[str] | None = None,
) -> Ask | None:
    """The first question the case's path still needs, or ``None`` when the case is decided.

    ``case`` is in any shape :func:`~kennisveiligheid.prepare` takes (a case-file mapping, plain
    answers, a :class:`~kennisveiligheid.Collaboration`, a path); derived answers count.
    A list the case leaves out is asked, not taken as "none" (the user can still answer it).
    """
    if tree is None:
        from kennisveiligheid.reference import reference_tree

        tree = reference_tree()
    prepared = prepare(case, tree, lists, omitted_means_none=False)
    return tree.next_question(prepared.answers)


@dataclass(frozen=True, slots=True)
class Assessment:
    """A stored assessment: case, derived answers, notes, decision, tree identity, human decision.

    ``decision`` is ``None`` only for a record read without its tree (``read_only``); then
    ``outcome_id``, ``answers`` and ``path`` are as recorded, unchecked.
    """

    decision: Decision | None
    case: Collaboration | None = None
    derived: tuple[Derivation, ...] = ()
    notes: tuple[str, ...] = ()
    human_decision: HumanDecision | None = None
    tree_id: str = ""
    tree_version: str = ""
    tree_hash: str = ""
    outcome_id: str = ""
    answers: tuple[tuple[str, Any], ...] = ()
    path: tuple[str, ...] = ()

    @property
    def read_only(self) -> bool:
        """Whether the record was read without its tree (nothing could be re-checked)."""
        return self.decision is None

    def to_dict(self) -> dict[str, Any]:
        """Plain data: the decision's own record plus case, derivations, notes and human decision."""
        if self.decision is not None:
            data = self.decision.to_dict()
        else:
            data = {
                "tree": {"id": self.tree_id, "version": self.tree_version, "hash": self.tree_hash},
                "outcome": {"id": self.outcome_id},
                "answers": dict(self.answers),
                "path": list(self.path),
            }
        data["record"] = RECORD_FORMAT
        if self.case is not None:
            data["case"] = self.case.model_dump(mode="json", exclude_none=True, exclude={"answers"})
        data["derived"] = [item.to_dict() for item in self.derived]
        data["notes"] = list(self.notes)
        if self.human_decision is not None:
            data["human_decision"] = self.human_decision.model_dump(mode="json", exclude_defaults=True)
        return data

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes, tree: Tree | None = None) -> Assessment:
        """Read a record and re-check its decision against ``tree``, or else against the released
        reference tree with the recorded hash. Without either, the record is read-only
        (:class:`ReadOnlyRecordWarning`). Raises :class:`~decision_trees.DecisionMismatchError`
        when the tree decides the recorded answers differently, and
        :class:`~decision_trees.reading.InputError` / :class:`~kennisveiligheid.CaseError` for
        a text that is not such a record.
        """
        raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        data, _ = parse_data(raw, "assessment record", json=True)
        if not isinstance(data, dict) or not isinstance(data.get("tree"), dict):
            raise InputError([decision_trees.Problem.of("DT109.record")], "assessment record")
        recorded = data["tree"]
        chosen = tree if tree is not None and tree.content_hash == recorded.get("hash") else None
        if chosen is None:
            chosen = released_tree(str(recorded.get("hash")))
        if chosen is None and tree is not None:
            chosen = tree  # let the engine say which tree the record names
        decision = Decision.from_json(raw, chosen) if chosen is not None else None
        case = None
        problems: list[str] = []
        derived = _recorded_derivations(data, decision, problems)
        if isinstance(data.get("case"), dict):  # its answers: the recorded ones that were not derived
            recorded_answers = data["answers"] if isinstance(data.get("answers"), dict) else {}
            own = {k: v for k, v in recorded_answers.items() if k not in {d.input for d in derived}}
            try:
                case = Collaboration.model_validate({**data["case"], "answers": own})
            except ValueError as exc:
                problems.append(f"case: {exc}")
        human = None
        if data.get("human_decision") is not None:
            try:
                human = HumanDecision.model_validate(data["human_decision"])
            except ValueError as exc:
                problems.append(f"human_decision: {exc}")
        if problems:
            raise CaseError(problems, "assessment record")
        outcome: dict[str, Any] = data["outcome"] if isinstance(data.get("outcome"), dict) else {}
        answers: dict[str, Any] = data["answers"] if isinstance(data.get("answers"), dict) else {}
        if decision is None:
            warnings.warn(
                f"the tree {recorded.get('id')!r} version {recorded.get('version')!r} "
                f"({recorded.get('hash')}) is not available: the record is read-only and not re-checked",
                ReadOnlyRecordWarning,
                stacklevel=2,
            )
        return cls(
            decision=decision,
            case=case,
            derived=tuple(derived),
            notes=tuple(str(n) for n in data.get("notes") or ()),
            human_decision=human,
            tree_id=str(recorded.get("id", "")),
            tree_version=str(recorded.get("version", "")),
            tree_hash=str(recorded.get("hash", "")),
            outcome_id=decision.outcome_id if decision is not None else str(outcome.get("id", "")),
            answers=tuple(sorted(answers.items())),
            path=tuple(decision.path) if decision is not None else tuple(data.get("path") or ()),
        )


def assessment(
    case: Any,
    tree: Tree | None = None,
    lists: InstitutionLists | str | os.PathLike[str] | None = None,
    *,
    human_decision: HumanDecision | None = None,
    notes: tuple[str, ...] = (),
    lang: decision_trees.model.Lang = "en",
) -> Assessment:
    """Assess ``case`` (any shape :func:`~kennisveiligheid.prepare` takes) and return the record."""
    from kennisveiligheid.assessment import assess_prepared
    from kennisveiligheid.reference import reference_tree

    chosen = tree or reference_tree()
    source = os.fspath(case) if isinstance(case, str | os.PathLike) else None
    prepared = prepare(case, chosen, lists, source)
    decision = assess_prepared(prepared, chosen, lang, source)
    return Assessment(
        decision=decision,
        case=prepared.case,
        derived=prepared.derived,
        notes=notes,
        human_decision=human_decision,
        tree_id=chosen.id,
        tree_version=chosen.version,
        tree_hash=chosen.content_hash,
        outcome_id=decision.outcome_id,
        answers=tuple(sorted(decision.to_dict()["answers"].items())),
        path=tuple(decision.path),
    )


def _recorded_derivations(
    data: dict[str, Any], decision: Decision | None, problems: list[str]
) -> list[Derivation]:
    """The record's derived answers (the re-checked decision's value where there is one); what cannot
    be read is added to ``problems``."""
    derived = []
    for item in data.get("derived") or ():
        try:
            value = item["value"]
            if decision is not None:
                value = decision.answers.get(item["input"], value)
            derived.append(Derivation(str(item["input"]), value, Text.model_validate(item["reason"])))
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"derived: {exc}")
    return derived
