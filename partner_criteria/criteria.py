"""The criteria tree (``data/criteria.yaml``), its parameters, and what this package reads from it.

Annex 2 leaves two choices open: how many sub-points make objective 1 count, and on how many of
its measures (volume, quality, breadth) objective 2 needs evidence. The engine's ``at_least``
takes a literal ``k``, so each parameter is applied to the tree *data* before
:func:`decision_trees.load`: ``data/criteria.parameters.yaml`` declares it (range, default, the
node and field it sets, and the ``note`` shown in the trace). ``criteria.yaml`` holds the defaults.
"""

from __future__ import annotations

import copy
import functools
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import decision_trees
from decision_trees import AtLeast, Lang, Node, Outcome, Rule, RuleRef, Text, Tree
from decision_trees.support import as_at_least, as_rule_ref, error_text, read_data, rule_refs, tests_in
from partner_criteria.errors import CriteriaShapeError, ParameterError
from partner_criteria.models import MEASURE_INPUTS, OBJECTIVE_IDS, SUBPOINT_IDS

__all__ = [
    "DEFAULT_OBJECTIVE_1_MIN_SUBPOINTS",
    "DEFAULT_OBJECTIVE_2_MIN_MEASURES",
    "Criteria",
    "Parameter",
    "criteria_data",
    "criteria_tree",
    "parameters",
]

DEFAULT_OBJECTIVE_1_MIN_SUBPOINTS = 3
"""The default: a majority of objective 1's five sub-points. Annex 2 does not say; see the docs."""

DEFAULT_OBJECTIVE_2_MIN_MEASURES = 2
"""The default: a majority of objective 2's three measures. Annex 2 does not say; see the docs."""

_DATA = resources.files("partner_criteria") / "data"
_MIN_SUBPOINTS = "objective_1_min_subpoints"


@dataclass(frozen=True, slots=True)
class Parameter:
    """A choice the policy leaves open, declared in ``criteria.parameters.yaml``."""

    name: str
    label: Text
    default: int
    minimum: int
    node: str
    field: str
    notes_on: tuple[str, ...]
    note: Text


def _read(name: str) -> Any:
    """A shipped data file, read through the same guarded reader as every other input."""
    with resources.as_file(_DATA.joinpath(name)) as path:
        return read_data(path)


@functools.cache
def parameters() -> dict[str, Parameter]:
    """The parameters of the criteria tree, by name."""
    out: dict[str, Parameter] = {}
    for name, spec in _read("criteria.parameters.yaml").items():
        out[name] = Parameter(
            name=name,
            label=Text(**spec["label"]),
            default=int(spec["default"]),
            minimum=int(spec["minimum"]),
            node=spec["sets"]["node"],
            field=spec["sets"]["field"],
            notes_on=tuple(spec["notes_on"]),
            note=Text(**spec["note"]),
        )
    return out


@functools.cache
def _raw_tree() -> dict[str, Any]:
    data: dict[str, Any] = _read("criteria.yaml")
    return data


def criteria_data(**values: int | None) -> dict[str, Any]:
    """The tree data of ``criteria.yaml`` with parameters applied (``None`` keeps the default).

    Raises :class:`ParameterError` for an unknown parameter or a value outside its range. A
    parameter of an ``at_least`` ranges from its minimum to the number of parts it counts over.
    """
    declared = parameters()
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise ParameterError.of("PC100.unknown", names=", ".join(unknown), known=", ".join(sorted(declared)))
    data = copy.deepcopy(_raw_tree())
    noted: dict[str, dict[str, str]] = {}
    for parameter in declared.values():
        value = values.get(parameter.name)
        if value is None:
            value = parameter.default
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParameterError.of("PC100.whole", name=parameter.name, value=value)
        condition = data["nodes"][parameter.node]["condition"]
        count = len(condition["of"])
        if not parameter.minimum <= value <= count:
            raise ParameterError.of(
                "PC100.range",
                name=parameter.name,
                minimum=parameter.minimum,
                count=count,
                node=parameter.node,
                value=value,
            )
        condition[parameter.field] = value
        fill = {"value": value, "default": parameter.default, "count": count}
        note = {lang: getattr(parameter.note, lang).format(**fill) for lang in ("nl", "en")}
        for node_id in parameter.notes_on:  # a rule that uses several parameters states each
            earlier = noted.get(node_id)
            noted[node_id] = note if earlier is None else {k: f"{earlier[k]} {note[k]}" for k in note}
            data["nodes"][node_id]["note"] = noted[node_id]
    return data


@functools.lru_cache(maxsize=None, typed=True)  # typed: True (refused) is not the cached 1
def criteria_tree(
    objective_1_min_subpoints: int | None = None, objective_2_min_measures: int | None = None
) -> Tree:
    """The criteria tree, with objective 1 counting from ``objective_1_min_subpoints`` sub-points
    and objective 2 from evidence on ``objective_2_min_measures`` of its three measures.

    ``None`` means the documented default (:data:`DEFAULT_OBJECTIVE_1_MIN_SUBPOINTS`,
    :data:`DEFAULT_OBJECTIVE_2_MIN_MEASURES`). Each value is written into the ``at_least`` of its
    rule (``objective_1``, ``objective_2_measures``) and stated in the ``note`` of the rules that
    use it, so every trace says that the policy is silent on it.
    """
    return decision_trees.load(
        criteria_data(
            objective_1_min_subpoints=objective_1_min_subpoints,
            objective_2_min_measures=objective_2_min_measures,
        )
    )


# ----------------------------------------------------------------------------------------------
# What this package reads from a criteria tree


_REQUIRED_INPUTS = (
    "knowledge_security",
    *SUBPOINT_IDS,
    *OBJECTIVE_IDS,
    *MEASURE_INPUTS.values(),
    "prerequisites",
)


class Criteria:
    """A criteria tree and the parts :mod:`partner_criteria` reads: objectives, thresholds, labels.

    Any tree with a rule ``criteria`` (``at_least: k`` of rule references, the objectives), the
    inputs ``knowledge_security``, ``prerequisites`` and one boolean per sub-point of objective 1
    and per objective 2-6 (:data:`~partner_criteria.models.SUBPOINT_IDS`, ``OBJECTIVE_IDS``), one
    per measure of objective 2 (``MEASURE_INPUTS``), and
    the five outcome ids fits; otherwise :class:`CriteriaShapeError`.
    """

    OUTCOMES = (
        "eligible",
        "eligible_once_prerequisites",
        "pending_knowledge_security",
        "not_eligible",
        "blocked_knowledge_security",
    )

    def __init__(self, tree: Tree) -> None:
        missing = [("PC110.input", i) for i in _REQUIRED_INPUTS if i not in tree.inputs]
        missing += [("PC110.outcome", o) for o in self.OUTCOMES if o not in tree.outcomes]
        problems = [(key, {"name": name}) for key, name in missing]
        rule = tree.nodes.get("criteria")
        criteria = _at_least_of(rule)
        refs = tuple(as_rule_ref(c) for c in criteria.of) if criteria is not None else ()
        objective_ids = tuple(r.rule for r in refs if r is not None)
        if criteria is None or len(objective_ids) != len(refs):
            problems.append(("PC110.rule", {}))
        if problems or criteria is None:
            langs: tuple[Lang, ...] = ("nl", "en")
            said = {lang: "; ".join(error_text(k, lang, f) for k, f in problems) for lang in langs}
            raise CriteriaShapeError.of(
                "PC110.shape", tree=tree.id, problems=said["en"], problems_nl=said["nl"]
            )
        self.tree = tree
        self.required: int = criteria.at_least
        self.objective_ids: tuple[str, ...] = objective_ids
        compiled = tree.compiled
        self._holds: tuple[tuple[str, Callable[[Mapping[str, Any]], bool]], ...] = tuple(
            (oid, compiled.condition_predicate(RuleRef(rule=oid), "criteria")) for oid in self.objective_ids
        )
        self._objective_inputs = tuple(
            dict.fromkeys(i for oid in self.objective_ids for i in _inputs_read(tree, oid))
        )
        self._objective_key = _key_of(self._objective_inputs)
        self._answers_key = _key_of(_REQUIRED_INPUTS)
        self._met_memo: dict[tuple[Any, ...], tuple[str, ...]] = {}
        self._outcome_memo: dict[tuple[Any, ...], Outcome] = {}
        first = _at_least_of(tree.nodes.get("objective_1"))
        self.objective_1_min_subpoints: int | None = first.at_least if first is not None else None
        self.subpoint_count = len(first.of) if first is not None else 0
        measures = _at_least_of(tree.nodes.get("objective_2_measures"))
        self.objective_2_min_measures: int | None = measures.at_least if measures is not None else None
        self.measure_count = len(measures.of) if measures is not None else 0

    @classmethod
    def of(cls, tree: Tree) -> Criteria:
        """The (cached) :class:`Criteria` of ``tree``."""
        return _criteria_of(tree.content_hash, tree)

    def objectives_met(self, answers: Mapping[str, Any]) -> tuple[str, ...]:
        """The objective rule ids that hold for ``answers``, in tree order."""
        key = self._objective_key(answers)
        met = self._met_memo.get(key)
        if met is None:
            met = tuple(oid for oid, holds in self._holds if holds(answers))
            if len(self._met_memo) >= _MEMO_SIZE:
                self._met_memo.clear()
            self._met_memo[key] = met
        return met

    def decide(self, answers: Mapping[str, Any]) -> Outcome:
        """The tree's outcome for ``answers`` (the criteria inputs, as :func:`partner_answers` makes them).

        The outcome is a pure function of the answers, so it is remembered per distinct answers:
        a register of thousands of partners repeats the same evidence patterns.
        """
        key = self._answers_key(answers)
        outcome = self._outcome_memo.get(key)
        if outcome is None:
            outcome = self.tree.decide(answers)
            if len(self._outcome_memo) >= _MEMO_SIZE:
                self._outcome_memo.clear()
            self._outcome_memo[key] = outcome
        return outcome

    def label(self, node_id: str, lang: Lang) -> str:
        """The text of rule ``node_id`` (an objective) or the label of an outcome."""
        node = self.tree.nodes[node_id]
        if isinstance(node, Rule):
            return node.text.get(lang)
        assert isinstance(node, Outcome), node_id
        return node.label.get(lang)

    def value_label(self, input_id: str, value: str, lang: Lang) -> str:
        """The label of a value of a set or enum input."""
        decl = self.tree.inputs[input_id]
        values = getattr(decl, "values", {})
        return values[value].get(lang) if value in values else value

    def note(self, lang: Lang) -> str | None:
        """The note of rule ``criteria`` (where the policy is silent), if any."""
        rule = self.tree.nodes["criteria"]
        assert isinstance(rule, Rule)
        return rule.note.get(lang) if rule.note else None


_ABSENT = object()
_MEMO_SIZE = 1 << 16


def _key_of(keys: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """A fast function from answers to the tuple of their values for ``keys`` (absent ones marked)."""
    getter = operator.itemgetter(*keys)

    def key(answers: Mapping[str, Any]) -> tuple[Any, ...]:
        try:
            found = getter(answers)
        except KeyError:
            return tuple(answers.get(k, _ABSENT) for k in keys)
        return found if isinstance(found, tuple) else (found,)

    return key


def _at_least_of(node: Node | None) -> AtLeast | None:
    """The condition of ``node`` when it is a rule whose condition is an ``at_least``."""
    return as_at_least(node.condition) if isinstance(node, Rule) else None


def _inputs_read(tree: Tree, rule_id: str, seen: frozenset[str] = frozenset()) -> list[str]:
    """The inputs that rule ``rule_id`` reads, through the rules it references."""
    rule = tree.nodes[rule_id]
    assert isinstance(rule, Rule)
    found = [test.input for test, _ in tests_in(rule.condition) if test.input is not None]
    for ref, _ in rule_refs(rule.condition):
        if ref not in seen:
            found += _inputs_read(tree, ref, seen | {rule_id})
    return found


_CACHE: dict[str, Criteria] = {}


def _criteria_of(content_hash: str, tree: Tree) -> Criteria:
    found = _CACHE.get(content_hash)
    if found is None:
        if len(_CACHE) > 64:
            _CACHE.clear()
        found = _CACHE[content_hash] = Criteria(tree)
    return found
