"""A decision: what was decided, the path taken, and a trace that says why, step by step.

Size: over ~600 lines because the decision and the fast path that builds it from a recorded walk
(path shapes: trace, explanation and JSON templates filled per decision) must agree byte for
byte; they are kept side by side so that a change to one is seen next to the other.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from decision_trees import _outputs, _seam
from decision_trees._walk import ConditionVisitor
from decision_trees.answers import Unknown, answer_to_json
from decision_trees.conditions import ConditionResult, value_text
from decision_trees.errors import AnswerError, LanguageError, MissingAnswerError
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    BooleanInput,
    Citation,
    Condition,
    EnumInput,
    Lang,
    NotOf,
    Outcome,
    Question,
    Rule,
    RuleRef,
    Test,
    Text,
)

if TYPE_CHECKING:
    from decision_trees._codegen import Segment
    from decision_trees.counterfactuals import Counterfactual
    from decision_trees.model import Tree


__all__ = ["Decision", "DecisionMismatchError", "TraceStep", "answer_text", "explain_condition"]

DECISION_FORMAT = 1


LANGUAGES: tuple[str, ...] = ("nl", "en")  # every text is written in these


class DecisionMismatchError(AnswerError, ValueError):
    """A stored decision does not match its tree: another tree, or another outcome today."""

    code = "DT210"

    @classmethod
    def of(cls, key: str, **facts: object) -> DecisionMismatchError:
        """The error with its message from the catalogue (``key``, e.g. ``"DT210.path"``)."""
        from decision_trees.words import error_text

        error = cls(error_text(key, "en", facts))
        error._keep(key, **facts)
        return error


class TraceStep(NamedTuple):
    """One node visited: what was asked or tested, the answer, and the way out taken."""

    node: str
    kind: str
    text: Text
    input: str | None = None
    answer: Any = None
    branch: int | None = None
    matched: Condition | None = None
    branch_label: Text | None = None
    result: bool | None = None
    conditions: ConditionResult | None = None
    next: str | None = None
    sources: tuple[Citation, ...] = ()
    note: Text | None = None

    def to_dict(self, tree: Tree | None = None) -> dict[str, Any]:
        """Plain, ordered data for JSON (conditions in English words, with ``tree``'s labels)."""
        data: dict[str, Any] = {"node": self.node, "kind": self.kind}
        if self.input is not None:
            data["input"] = self.input
            data["answer"] = answer_to_json(self.answer)
        if self.branch is not None:
            data["branch"] = self.branch
        if self.result is not None:
            data["result"] = self.result
        if self.conditions is not None:
            inputs, rule_text = (tree.inputs, _rule_text(tree, "en")) if tree is not None else ({}, None)
            data["conditions"] = self.conditions.to_dict(inputs, rule_text)
        if self.next is not None:
            data["next"] = self.next
        if self.sources:
            data["sources"] = [c.model_dump(exclude_none=True) for c in self.sources]
        if self.note is not None:
            data["note"] = self.note.model_dump()
        return data


class Decision:
    """The result of :meth:`Tree.evaluate`: immutable, comparable, explainable and storable.

    It keeps the tree, the steps taken and a snapshot of the answers; the path, the answers
    used and the trace are derived from those when first asked for.
    """

    __slots__ = ("_outcome", "_replay", "_segments", "_snapshot", "_trace", "_tree")

    _tree: Tree
    # The path as recorded by the walk: (node ids, branch indices, inputs read) segments, in
    # order; the branches are ``None`` where only the nodes are known (found by a replay then),
    # the inputs ``None`` where a rule decides what is read (found by reading its condition).
    # The walk's segments are constants of the compiled tree: a path of questions is known by
    # them (see _Shape).
    _segments: Sequence[Segment]
    _outcome: Outcome
    _snapshot: dict[str, Any]
    _replay: tuple[tuple[int, ...], Mapping[str, Any]] | None
    _trace: tuple[TraceStep, ...] | None

    @classmethod
    def _recorded(
        cls,
        tree: Tree,
        segments: Sequence[Segment],
        outcome: Outcome,
        snapshot: dict[str, Any],
    ) -> Decision:
        self = cls()  # no __init__: the slots are filled below (as the generated walk does)
        self._tree = tree
        self._segments = segments
        self._outcome = outcome
        self._snapshot = snapshot
        self._replay = self._trace = None
        return self

    @classmethod
    def _create(cls, tree: Tree, path: list[str], outcome: Outcome, snapshot: dict[str, Any]) -> Decision:
        """A decision from the nodes visited alone (the branches are found when needed)."""
        return cls._recorded(tree, [(tuple(path), None, None)], outcome, snapshot)

    @property
    def tree(self) -> Tree:
        """The tree that decided."""
        return self._tree

    @property
    def path(self) -> tuple[str, ...]:
        """The node ids visited, from the start to the outcome."""
        segments = self._segments
        if len(segments) == 1:
            return segments[0][0]
        return tuple(node for segment in segments for node in segment[0])

    @property
    def answers(self) -> Mapping[str, Any]:
        """The checked answers the path read (other answers given play no part)."""
        return self._replayed()[1]

    @property
    def given(self) -> Mapping[str, Any]:
        """Every answer as it was given to :meth:`Tree.evaluate`, read or not (unchecked)."""
        return MappingProxyType(self._snapshot)

    @property
    def branches(self) -> tuple[int, ...]:
        """The branch index taken at each step (for rules: 0 is ``then``, 1 is ``else``)."""
        return self._replayed()[0]

    def _replayed(self) -> tuple[tuple[int, ...], Mapping[str, Any]]:
        replayed = self._replay
        if replayed is None:
            shape = self._shape()
            if shape is not None:  # a recorded path of questions: read each of its inputs
                replayed = self._replay = shape.replayed(self._snapshot)
                return replayed
            compiled, segments = self._tree.compiled, self._segments
            if any(segment[1] is None for segment in segments):
                branches, used = compiled.replay(self.path, self._snapshot)
            else:
                branches = tuple(b for segment in segments if segment[1] for b in segment[1])
                used = compiled.used_answers(self.path, self._snapshot)
            replayed = self._replay = (branches, MappingProxyType(used))
        return replayed

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Decision):
            return NotImplemented
        return (
            self.tree.content_hash == other.tree.content_hash
            and self.path == other.path
            and dict(self.answers) == dict(other.answers)
        )

    def __hash__(self) -> int:
        return hash((self.tree.content_hash, self.path))

    def __repr__(self) -> str:
        return f"Decision(outcome={self.outcome_id!r}, path={list(self.path)!r})"

    # -- what was decided ---------------------------------------------------------------------

    @property
    def outcome(self) -> Outcome:
        """The outcome node reached."""
        return self._outcome

    @property
    def outcome_id(self) -> str:
        """The id of the outcome reached."""
        return self.outcome.id

    @property
    def outputs(self) -> Mapping[str, Any]:
        """What the value tables on the path produced, read-only: table id → DMN value (a value
        for one output column, a mapping for several, a tuple for a collecting table, a number
        for COLLECT with an aggregation, the default or ``None`` when no row held)."""
        if not self._tree.tables:
            return _outputs.EMPTY
        segments = self._segments  # the branches the walk recorded, else those of a replay
        if self._replay is None and all(segment[1] is not None for segment in segments):
            branches = tuple(b for segment in segments for b in segment[1] or ())
        else:
            branches = self.branches
        return _outputs.outputs_of(self._tree, self.path, branches)

    # -- why --------------------------------------------------------------------------------

    @property
    def trace(self) -> tuple[TraceStep, ...]:
        """One step per node on the path, ending with the outcome."""
        trace = self._trace
        if trace is None:
            segments = self._segments  # (a walk in one function: its exit's own shape)
            shape = segments.shape if segments.__class__ is Walked else None
            if shape is None:
                shape = self._shape()
            if shape is None:
                trace = self._build_trace()
            elif shape.memo is not None:
                trace = self._known(shape).trace
            else:
                trace = shape.trace(self._snapshot)
            self._trace = trace
        return trace

    def _shape(self) -> _Shape | None:
        """What this decision shares with every other along its path, when the walk recorded
        a path of questions only (``None``: a rule is on the path, or the path was not recorded)."""
        segments = self._segments
        if segments.__class__ is Walked:
            shape = segments.shape
            if shape is None and all(s[1] is not None and s[2] is not None for s in segments):
                shape = segments.shape = _Shape(self._tree, segments)
            return shape
        shapes: dict[Any, _Shape] = self._tree.compiled.shapes
        # A walk in one function returns a constant tuple of segments; a longer walk, a list of
        # constant segments. Both are known by identity: a shape keeps them alive, so no other
        # object can have their ids while it is kept.
        key: Any = id(segments) if segments.__class__ is tuple else tuple(map(id, segments))
        shape = shapes.get(key)
        if shape is None:
            if any(segment[1] is None or segment[2] is None for segment in segments):
                return None
            shape = _Shape(self._tree, segments)
            if len(shapes) < _MOST_SHARED:
                shapes[key] = shape
        return shape

    def _known(self, shape: _Shape) -> _Known:
        """The trace, answers and texts of a path of yes/no and enum questions, kept per
        combination of the answers it read (those answers take few values)."""
        assert shape.memo is not None
        key = shape.get(self._snapshot) if shape.get is not None else ()
        known = shape.memo.get(key)
        if known is None:
            replayed = self._replayed()
            known = _Known(replayed, shape.trace(self._snapshot))
            if len(shape.memo) < _MOST_SHARED:
                shape.memo[key] = known
        elif self._replay is None:
            self._replay = known.replayed
        return known

    def _build_trace(self) -> tuple[TraceStep, ...]:
        tree = self._tree
        nodes, (branches, answers), path = tree.nodes, self._replayed(), self.path
        # Steps are immutable: those that depend on nothing but the node, the branch and a
        # yes/no, enum or unknown answer are built once per tree and shared.
        cache: dict[Any, TraceStep] = tree.compiled.steps
        steps: list[TraceStep] = []
        for node_id, branch, nxt in zip(path, branches, path[1:], strict=False):
            node = nodes[node_id]
            if node.kind == "question":
                answer = answers.get(node.input)
                key = (node_id, branch, answer)
                step = cache.get(key) if answer.__class__ in _SHAREABLE else None
                if step is None:
                    step = _question_step(node, branch, answer, nxt)
                    if answer.__class__ in _SHAREABLE and len(cache) < _MOST_SHARED:
                        cache[key] = step
                steps.append(step)
            else:
                assert isinstance(node, Rule)
                steps.append(
                    TraceStep(
                        node=node_id,
                        kind="rule",
                        text=node.text,
                        branch=branch,
                        result=branch == 0,
                        conditions=explain_condition(tree, node.condition, answers, node_id),
                        next=nxt,
                        sources=node.sources,
                        note=node.note,
                    )
                )
        outcome = self._outcome
        step = cache.get(outcome.id)
        if step is None:
            step = TraceStep(node=outcome.id, kind="outcome", text=outcome.label, sources=outcome.sources)
            cache[outcome.id] = step
        steps.append(step)
        return tuple(steps)

    def explain(self, lang: Lang = "en") -> str:
        """The decision and its reasons as readable text in Dutch (``nl``) or English (``en``)."""
        if lang not in LANGUAGES:
            raise LanguageError(lang, LANGUAGES)
        shape = self._shape()
        if shape is not None:
            if shape.memo is not None:
                texts = self._known(shape).texts
                known = texts.get(lang)
                if known is None:
                    known = texts[lang] = shape.explained(self, lang)
                return known
            return shape.explained(self, lang)

        # A trace made only of steps shared between decisions (see _build_trace) explains the
        # same way every time: the text is kept with the tree, by the steps' identities.
        compiled = self._tree.compiled
        trace, shared = self.trace, compiled.steps
        if all(shared.get(_step_key(step)) is step for step in trace):
            key = (lang, *map(id, trace))
            text: str | None = compiled.explained.get(key)
            if text is None:
                text = _seam.explain_text(self, lang, None)
                if len(compiled.explained) < _MOST_SHARED:
                    compiled.explained[key] = text
            return text
        return _seam.explain_text(self, lang, None)

    def counterfactuals(self, target: str | None = None) -> list[Counterfactual]:
        """The smallest sets of changed answers that lead to another outcome (or to ``target``).

        See :func:`decision_trees.counterfactuals.counterfactuals`.
        """
        return _seam.counterfactuals(self, target)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """Jupyter display: the tree with this decision's path highlighted."""
        return _seam.mimebundle(self.tree, self)

    # -- storing ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain, ordered data: tree identity, outcome, answers, path and trace."""
        return {**self._head(), "trace": [step.to_dict(self._tree) for step in self.trace]}

    def _head(self) -> dict[str, Any]:
        """:meth:`to_dict` but the trace."""
        tree, outcome = self.tree, self.outcome
        return {
            "format": DECISION_FORMAT,
            "tree": {"id": tree.id, "version": tree.version, "hash": tree.content_hash},
            "outcome": {
                "id": self.outcome_id,
                "label": outcome.label.model_dump(),
                "severity": outcome.severity,
                "permitted": outcome.permitted,
                "desirable": outcome.desirable,
            },
            "answers": {k: answer_to_json(v) for k, v in sorted(self.answers.items())},
            "path": list(self.path),
        } | ({"outputs": _outputs.to_plain(self.outputs)} if tree.tables else {})

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON; the same decision always gives the same text."""
        if indent != 2:
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
        shape = self._shape()
        if shape is not None:
            if shape.memo is not None:
                texts = self._known(shape).texts
                text = texts.get("json")
                if text is None:
                    text = texts["json"] = shape.json(self)
                return text
            return shape.json(self)
        return self._assembled_json()

    def _assembled_json(self) -> str:
        # The same text as json.dumps(self.to_dict(), ensure_ascii=False, indent=2), put together
        # from the JSON of its parts, each indented for its depth; the JSON of a trace step
        # shared between decisions (see _build_trace) is kept with the tree and reused.
        texts: dict[Any, Any] = self._tree.compiled.step_texts
        head = []
        for key, value in self._head().items():
            if key in ("tree", "outcome"):  # the same for every decision reaching this outcome
                known = texts.get((key, self._outcome.id))
                if known is None:
                    known = texts[(key, self._outcome.id)] = _indented(value, 1)
                head.append(f'"{key}": {known}')
            else:
                head.append(f"{_dumps(key)}: {_indented(value, 1)}")
        shared = self._tree.compiled.steps
        steps = []
        for step in self.trace:
            known = texts.get(id(step))
            if known is not None and known[0] is step:
                steps.append(known[1])
                continue
            text = _indented(step.to_dict(self._tree), 2)
            if len(texts) < _MOST_SHARED and shared.get(_step_key(step)) is step:
                texts[id(step)] = (step, text)  # (the step is kept, so its id stays its own)
            steps.append(text)
        trace = "[\n    " + ",\n    ".join(steps) + "\n  ]"
        return "{\n  " + ",\n  ".join([*head, f'"trace": {trace}']) + "\n}"

    @classmethod
    def from_json(cls, text: str | bytes, tree: Tree) -> Decision:
        """Re-check a stored decision against ``tree`` and return it.

        Raises :class:`DecisionMismatchError` when the record names another tree (by hash) or
        when the tree no longer decides the stored answers the same way.
        """
        from decision_trees._yaml import read_json

        located, problems = read_json(
            text.decode("utf-8", "replace") if isinstance(text, bytes) else text, None
        )
        if located is None or problems:
            raise DecisionMismatchError.of("DT210.not_stored", reason="; ".join(p.message for p in problems))
        try:
            data = located[0]
            recorded_tree = data["tree"]
            recorded_answers = data["answers"]
            recorded_path = data["path"]
        except (ValueError, KeyError, TypeError) as exc:
            raise DecisionMismatchError.of("DT210.not_stored", reason=str(exc)) from None
        if recorded_tree.get("hash") != tree.content_hash:
            raise DecisionMismatchError.of(
                "DT210.tree",
                recorded=recorded_tree.get("id"),
                version=recorded_tree.get("version"),
                hash=recorded_tree.get("hash"),
                tree=tree.id,
                tree_version=tree.version,
                tree_hash=tree.content_hash,
            )
        decision = tree.evaluate(tree.parse_answers(recorded_answers))
        if list(decision.path) != recorded_path:
            raise DecisionMismatchError.of("DT210.path", path=list(decision.path), recorded=recorded_path)
        return decision


def _rule_text(tree: Tree, lang: Lang) -> Callable[[str], str]:
    def rule_text(rule_id: str) -> str:
        rule = tree.nodes.get(rule_id)
        return rule.text.get(lang) if isinstance(rule, Rule) else rule_id

    return rule_text


_SHAREABLE = frozenset({bool, str, Unknown})  # answers equal only to themselves, of one type
_Render = Callable[[Any, Any, Any], str]  # (tag, answer, how): an answer as its template writes it
# Answers as given that are checked alike whenever they are equal as keys (see _Shape.trace).
_BY_ANSWER = frozenset({bool, int, str, dt.date, frozenset, Unknown})
# Per input type: the classes of answers that the compiled walk accepts only in checked form.
_PLAIN: dict[str, frozenset[type]] = {
    "boolean": frozenset({bool}),
    "number": frozenset({int, float}),
    "integer": frozenset({int}),
    "date": frozenset({dt.date}),
    "set": frozenset({frozenset}),
}
_MOST_SHARED = 4096


def _indented(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, for a place
    ``depth`` levels deep. Scalars go through json's C encoder; only the layout is done here
    (json's own indenting encoder is pure Python, and slower)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad = "\n" + "  " * (depth + 1)
        items = [f"{pad}{_dumps(str(k))}: {_indented(v, depth + 1)}" for k, v in value.items()]
        return "{" + ",".join(items) + "\n" + "  " * depth + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        pad = "\n" + "  " * (depth + 1)
        items = [pad + _indented(v, depth + 1) for v in value]
        return "[" + ",".join(items) + "\n" + "  " * depth + "]"
    return _scalar(value)


def _scalar(value: Any) -> str:
    """A scalar as ``json.dumps`` writes it (``ensure_ascii=False``)."""
    cls = value.__class__
    if cls is str:
        return str(_quoted(value))
    if cls is int:
        return int.__repr__(value)
    if cls is float and value - value == 0:  # finite: json writes float.__repr__
        return float.__repr__(value)
    if value is True or value is False or value is None:
        return "true" if value is True else "false" if value is False else "null"
    return _dumps(value)


_dumps = json.JSONEncoder(ensure_ascii=False).encode
_quoted: Any = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring


#: Where ``answer`` sits among a TraceStep's fields.
_ANSWER_AT = TraceStep._fields.index("answer")

#: ``_step(TraceStep, fields)``: a TraceStep from all its fields in order, without the NamedTuple
#: constructor's overhead. Used only with the (head, tail) that :func:`_around_answer` made from a
#: step built by keyword, around one decision's answer.
_step = tuple.__new__


def _around_answer(step: TraceStep) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The fields of ``step`` before and after its answer (see :data:`_step`)."""
    return tuple(step[:_ANSWER_AT]), tuple(step[_ANSWER_AT + 1 :])


def _step_key(step: TraceStep) -> Any:
    """The key a shared step has in the tree's cache (see ``_build_trace``)."""
    return step.node if step.kind == "outcome" else (step.node, step.branch, step.answer)


def _question_step(node: Question, branch: int, answer: Any, nxt: str | None) -> TraceStep:
    matched = node.branches[branch] if branch < len(node.branches) else None
    when, label = (matched.when, matched.label) if matched else (None, None)
    return TraceStep(
        node=node.id,
        kind="question",
        text=node.text,
        input=node.input,
        answer=answer,
        branch=branch,
        matched=when,
        branch_label=label,
        next=nxt,
        sources=node.sources,
    )


class Walked(tuple):  # type: ignore[type-arg]
    """The segments an exit of a walk compiled to one function records: a constant of the
    generated code, which keeps the path's :class:`_Shape` once one is made (``shape``)."""

    shape: _Shape | None

    @classmethod
    def of(cls, segments: tuple[Segment, ...]) -> Walked:
        """``segments`` as a constant that can keep its shape."""
        walked = cls(segments)
        walked.shape = None
        return walked


class _Known:
    """What a path of yes/no and enum questions gave for one combination of answers."""

    __slots__ = ("replayed", "texts", "trace")

    def __init__(
        self, replayed: tuple[tuple[int, ...], Mapping[str, Any]], trace: tuple[TraceStep, ...]
    ) -> None:
        self.replayed = replayed
        self.trace = trace
        self.texts: dict[str, str] = {}  # by language, and "json"


_HOLE = "\x00"  # marks an answer's place while a template is made (and is checked not to occur)
_JSON_HOLE = re.compile(r'"\\u0000(\d+)\\u0000"')  # the same mark as JSON writes it
_UNSET: Any = object()


class _Shape:
    """What every decision along one recorded path of questions shares, kept with the tree:
    the trace steps with a place for the answer, and the explanation and the JSON text with
    places for the answers (made once from a decision, and used only if filling them in gives
    that decision's own text). A path of yes/no and enum questions also keeps, per combination
    of the answers it read, the trace and texts themselves (``memo``)."""

    __slots__ = (
        "_json",
        "_texts",
        "branches",
        "checks",
        "get",
        "last",
        "memo",
        "path",
        "plan",
        "reads",
        "segments",
        "shared",
    )

    def __init__(self, tree: Tree, segments: Sequence[Segment]) -> None:
        self.segments = segments if segments.__class__ is tuple else tuple(segments)
        self.path = path = tuple(node for segment in segments for node in segment[0])
        self.branches = tuple(b for segment in segments for b in segment[1] or ())
        self.reads = tuple(dict.fromkeys(key for segment in segments for key in segment[2] or ()))
        self.get: Callable[[Mapping[str, Any]], Any] | None = itemgetter(*self.reads) if self.reads else None
        # Per input read: its check, and the classes whose answers the walk only accepts in
        # checked form (so the check would give them back unchanged: see _codegen's guards).
        checks = tree.compiled.checks
        plain = {key: _PLAIN.get(tree.inputs[key].type, frozenset()) for key in self.reads}
        self.checks = tuple((key, checks[key], plain[key]) for key in self.reads)
        plan: list[Any] = []
        for node_id, branch, nxt in zip(path, self.branches, path[1:], strict=False):
            node = tree.nodes[node_id]
            assert isinstance(node, Question)
            matched = node.branches[branch] if branch < len(node.branches) else None
            when, label = (matched.when, matched.label) if matched else (None, None)
            head, tail = _around_answer(
                TraceStep(
                    node=node.id,
                    kind="question",
                    text=node.text,
                    input=node.input,
                    branch=branch,
                    matched=when,
                    branch_label=label,
                    next=nxt,
                    sources=node.sources,
                )
            )
            key = node.input  # ({}: the steps it shares, by answer)
            plan.append((key, checks[key], plain[key], {}, (node_id, branch), head, tail, {}))
        self.plan = tuple(plan)
        outcome = tree.nodes[path[-1]]
        assert isinstance(outcome, Outcome)
        self.shared: dict[Any, Any] = tree.compiled.steps  # the steps every decision shares
        steps = self.shared
        last = steps.get(outcome.id)
        if last is None:
            last = steps[outcome.id] = TraceStep(
                node=outcome.id, kind="outcome", text=outcome.label, sources=outcome.sources
            )
        self.last: TraceStep = last
        few = all(isinstance(tree.inputs[key], BooleanInput | EnumInput) for key in self.reads)
        self.memo: dict[Any, _Known] | None = {} if few else None
        self._texts: dict[str, Any] = {}  # explanation templates by language (None: not usable)
        self._json: Any = _UNSET  # the JSON template (None: not usable)

    def replayed(self, snapshot: Mapping[str, Any]) -> tuple[tuple[int, ...], Mapping[str, Any]]:
        """The branches taken and the answers read (checked), for ``snapshot``."""
        used = {}
        for key, check, plain in self.checks:
            raw = snapshot[key]
            used[key] = raw if raw.__class__ in plain else check(raw)
        return self.branches, MappingProxyType(used)

    def trace(self, snapshot: Mapping[str, Any]) -> tuple[TraceStep, ...]:
        """The trace for the answers as given (``snapshot``). Steps are immutable, so each plan
        step keeps those it made by the answer as given, where answers equal as keys are checked
        alike (``_BY_ANSWER``: a yes/no answer and 1 both mean yes; a number input refuses
        ``True``), floats apart (1 and 1.0 are equal but written apart) and zeros not at all
        (0.0 and -0.0 too); steps with a yes/no, enum or unknown answer are also kept in
        ``shared`` and used by every decision."""
        steps, shared = [], self.shared
        for key, check, _plain, mine, where, head, tail, floats in self.plan:
            given = snapshot[key]
            cls = given.__class__
            if cls is float:
                step = floats.get(given)
            elif cls in _BY_ANSWER:
                step = mine.get(given)
            else:
                step = None
            if step is None:
                step = self._step(given, check, mine, floats, where, head, tail, shared)
            steps.append(step)
        steps.append(self.last)
        return tuple(steps)

    @staticmethod
    def _step(
        given: Any,
        check: Callable[[Any], Any],
        mine: dict[Any, TraceStep],
        floats: dict[float, TraceStep],
        where: tuple[str, int],
        head: tuple[Any, ...],
        tail: tuple[Any, ...],
        shared: dict[Any, Any],
    ) -> TraceStep:
        """The step for the answer ``given`` at one plan step, made and kept (see :meth:`trace`)."""
        answer = check(given)
        if answer.__class__ in _SHAREABLE:
            step = shared.get((*where, answer))
            if step is None:
                step = _step(TraceStep, (*head, answer, *tail))
                if len(shared) < _MOST_SHARED:
                    shared[(*where, answer)] = step
        else:
            step = _step(TraceStep, (*head, answer, *tail))
        cls = given.__class__
        if cls is float:
            if given and len(floats) < _MOST_SHARED:  # (not 0.0 and -0.0: equal, written apart)
                floats[given] = step
        elif cls in _BY_ANSWER and len(mine) < _MOST_SHARED:
            mine[given] = step
        return step

    def explained(self, decision: Decision, lang: Lang) -> str:
        """``explain_text(decision, lang)``, from this path's template."""
        template = self._texts.get(lang, _UNSET)
        if template is _UNSET:
            plan = self.plan
            marked = _seam.explain_text(decision, lang, lambda index, key, answer: f"{_HOLE}{index}{_HOLE}")
            parts: list[Any] = marked.split(_HOLE)
            holes = parts[1::2]
            if holes == [str(i) for i in range(len(plan))] and all(_HOLE not in p for p in parts):
                inputs = decision._tree.inputs  # (input, its check, its plain classes, its declaration)
                parts[1::2] = [(*plan[i][:3], inputs[plan[i][0]]) for i in range(len(plan))]
                template = parts
            else:
                template = None
            text = _seam.explain_text(decision, lang, None)
            if template is not None and _fill_explanation(template, decision, lang) != text:
                template = None
            self._texts[lang] = template  # (only once checked: other threads may use it at once)
            return text
        if template is None:
            return _seam.explain_text(decision, lang, None)
        return _fill_explanation(template, decision, lang)

    def json(self, decision: Decision) -> str:
        """``decision.to_json()``, from this path's template."""
        template = self._json
        if template is _UNSET:
            data = decision.to_dict()
            holes: list[tuple[str, int]] = []

            def hole(key: str, depth: int) -> str:
                holes.append((key, depth))
                return f"{_HOLE}{len(holes) - 1}{_HOLE}"

            data["answers"] = {key: hole(key, 2) for key in data["answers"]}
            for step in data["trace"]:
                if "answer" in step:
                    step["answer"] = hole(step["input"], 3)
            parts: list[Any] = _JSON_HOLE.split(json.dumps(data, ensure_ascii=False, indent=2))
            if parts[1::2] == [str(i) for i in range(len(holes))] and all(
                "\\u0000" not in p for p in parts[::2]
            ):
                checked = {key: (check, plain) for key, check, plain in self.checks}
                parts[1::2] = [(key, *checked[key], depth) for key, depth in holes]
                template = parts
            else:
                template = None
            text = json.dumps(decision.to_dict(), ensure_ascii=False, indent=2)
            if template is not None and _fill_json(template, decision) != text:
                template = None
            self._json = template  # (only once checked: other threads may use it at once)
            return text
        if template is None:
            return decision._assembled_json()
        return _fill_json(template, decision)


def _fill(template: list[Any], decision: Decision, words: dict[Any, Any], tag: str, render: _Render) -> str:
    """A template with the decision's answers in their places. Each place is ``(input, check,
    plain classes, how)``; ``render(tag, answer, how)`` writes an answer, and the text of an answer of
    a shareable class is kept in ``words`` under ``(tag, input, answer)``."""
    snapshot = decision._snapshot
    parts = template.copy()
    for index in range(1, len(parts), 2):
        key, check, plain, how = parts[index]
        answer = snapshot[key]
        if answer.__class__ not in plain:
            answer = check(answer)
        if answer.__class__ in _SHAREABLE:
            text = words.get((tag, key, answer))
            if text is None:
                text = render(tag, answer, how)
                if len(words) < _MOST_SHARED:
                    words[(tag, key, answer)] = text
            parts[index] = text
        else:
            parts[index] = render(tag, answer, how)
    return "".join(parts)


def _fill_explanation(template: list[Any], decision: Decision, lang: Lang) -> str:
    """An explanation template (places ``how``: the input's declaration) filled in."""
    return _fill(template, decision, decision._tree.compiled.explained, lang, _answer_words)


def _answer_words(lang: Lang, answer: Any, decl: Any) -> str:
    return value_text(decl, answer, lang)  # (answer_text, without looking it up)


def _fill_json(template: list[Any], decision: Decision) -> str:
    """A JSON template (places ``how``: the indentation depth) filled in."""
    return _fill(template, decision, decision._tree.compiled.step_texts, _HOLE, _answer_json)


def _answer_json(_tag: str, answer: Any, depth: int) -> str:
    if answer.__class__ is int or answer.__class__ is float:
        return _scalar(answer)
    return _indented(answer_to_json(answer), depth)


def explain_condition(
    tree: Tree, condition: Condition, answers: Mapping[str, Any], node: str, lang: Lang = "en"
) -> ConditionResult:
    """Evaluate every part of ``condition`` (no short-cut) and say which held and which did not.

    The result holds facts, not words (``lang`` is accepted for compatibility and not used):
    :meth:`ConditionResult.text` words a part in a language when it is shown.
    """
    return _Explain(tree, answers, node).visit(condition)


@dataclass(frozen=True, slots=True)
class _Explain(ConditionVisitor[ConditionResult]):
    """Every part of a condition evaluated (no short-cut) into a :class:`ConditionResult`."""

    tree: Tree
    answers: Mapping[str, Any]
    node: str

    def test(self, c: Test) -> ConditionResult:
        assert c.input is not None
        try:
            held: bool | None = self.tree.compiled.condition_predicate(c, self.node)(self.answers)
        except MissingAnswerError:
            held = None
        return ConditionResult(c, held)

    def rule_ref(self, c: RuleRef) -> ConditionResult:
        rule = self.tree.nodes[c.rule]
        assert isinstance(rule, Rule)
        inner = self.visit(rule.condition)
        return ConditionResult(c, inner.held, (inner,))

    def not_of(self, c: NotOf) -> ConditionResult:
        inner = self.visit(c.not_)
        return ConditionResult(c, None if inner.held is None else not inner.held, (inner,))

    def _combined(self, c: Condition, need: int, parts_of: tuple[Condition, ...]) -> ConditionResult:
        parts = tuple(self.visit(p) for p in parts_of)
        held_count = sum(1 for p in parts if p.held)
        open_count = sum(1 for p in parts if p.held is None)
        if held_count >= need:
            result: bool | None = True
        elif held_count + open_count < need:
            result = False
        else:
            result = None
        return ConditionResult(c, result, parts)

    def all_of(self, c: AllOf) -> ConditionResult:
        return self._combined(c, len(c.all), c.all)

    def any_of(self, c: AnyOf) -> ConditionResult:
        return self._combined(c, 1, c.any)

    def at_least(self, c: AtLeast) -> ConditionResult:
        return self._combined(c, c.at_least, c.of)


def answer_text(tree: Tree, input_id: str, value: Any, lang: Lang) -> str:
    """An answer as a reader sees it."""
    return value_text(tree.inputs.get(input_id), value, lang)
