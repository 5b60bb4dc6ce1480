"""The tree file format as frozen pydantic models (``extra="forbid"``: a misspelt key is an error).

A tree declares its *sources* once, its typed *inputs*, and its *nodes*: questions (ask one input
and branch on conditions over it), rules (a boolean combination over inputs and other rules) and
outcomes (leaves). Conditions are data in a small vocabulary; nothing is ever evaluated as code.

Size: just over ~600 lines: the whole file format in one module, so the format reads top to bottom
as its documentation does (the JSON Schema is generated from it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    Tag,
    model_validator,
)

from decision_trees import _seam
from decision_trees._collector import collector_paused

if TYPE_CHECKING:
    import networkx as nx

    from decision_trees.decision import Decision
    from decision_trees.evaluate import Ask, Compiled

__all__ = [
    "AllOf",
    "AnyOf",
    "AtLeast",
    "BooleanInput",
    "Branch",
    "Citation",
    "CitationWords",
    "Condition",
    "DateInput",
    "EnumInput",
    "ExpectedFinding",
    "Informational",
    "Input",
    "IntegerInput",
    "Invariant",
    "Lang",
    "Monotone",
    "Node",
    "NotOf",
    "NumberInput",
    "OnlyIf",
    "Outcome",
    "Question",
    "Rule",
    "RuleRef",
    "SetInput",
    "Source",
    "SourceWords",
    "Test",
    "Text",
    "TextInput",
    "Tree",
    "UnknownNever",
    "ValueColumn",
    "ValueRow",
    "ValueTable",
]

Lang: TypeAlias = Literal["nl", "en"]
Id = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]{0,99}$")]
Scalar: TypeAlias = StrictBool | StrictInt | StrictFloat | StrictStr | dt.date
Provenance: TypeAlias = Literal["direct", "adapted", "synthesis"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


class Text(_Frozen):
    """A text in Dutch and English."""

    nl: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def get(self, lang: Lang = "en") -> str:
        """The text in ``lang``."""
        return self.nl if lang == "nl" else self.en


class SourceWords(_Frozen):
    """A source's words for readers of another language: its official ``title`` in that language
    (left out when the document has none: the original title is shown), the ``publisher``, and a
    ``note`` that stands in for the source's ``section`` (and may say that no such title exists)."""

    title: Annotated[str, Field(min_length=1)] | None = None
    publisher: Annotated[str, Field(min_length=1)] | None = None
    note: Annotated[str, Field(min_length=1)] | None = None


class Source(_Frozen):
    """A public document that nodes rest on, declared once per tree.

    ``title``, ``publisher`` and ``section`` are as the document gives them; ``translations`` holds
    them for readers of another language (an optional field added after format 1.0).
    """

    title: Annotated[str, Field(min_length=1)]
    publisher: Annotated[str, Field(min_length=1)]
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    section: str | None = None
    date: dt.date
    translations: dict[Lang, SourceWords] = Field(default_factory=dict)

    def parts(self, lang: Lang = "en") -> list[str]:
        """Title, publisher and (when there is one) note, in ``lang`` where the tree gives them."""
        words = self.translations.get(lang)
        title = (words.title if words else None) or self.title
        publisher = (words.publisher if words else None) or self.publisher
        note = (words.note if words else None) or self.section
        return [title, publisher, *([note] if note else [])]

    def title_in(self, lang: Lang = "en") -> str:
        """The title for readers of ``lang``: its official title in that language, or the original."""
        return self.parts(lang)[0]


class CitationWords(_Frozen):
    """A citation's ``section`` for readers of another language."""

    section: Annotated[str, Field(min_length=1)]


class Citation(_Frozen):
    """A node's reference to a declared source, with how directly the node follows it.

    ``translations`` gives the ``section`` in other languages (an optional field added after 1.0).
    """

    source: str
    provenance: Provenance
    section: str | None = None
    translations: dict[Lang, CitationWords] = Field(default_factory=dict)

    def section_in(self, lang: Lang = "en") -> str | None:
        """The section for readers of ``lang`` (the tree's own ``section`` where none is given)."""
        words = self.translations.get(lang)
        return words.section if words else self.section


# ----------------------------------------------------------------------------------------------
# Inputs


class Informational(_Frozen):
    """A declaration that an input, some of its values or one option of a set input do not change
    the outcome on purpose (they are recorded for information), with the ``reason``.

    ``values`` empty: the whole input. Otherwise the values (``true``/``false`` for a boolean,
    ``unknown`` for the unknown answer) that lead to the same outcome in every case, or the one
    option of a set input that never changes it. ``decision_trees.verify`` then reports the finding
    (V013, V014, V015) as informational instead of as a warning.
    """

    values: tuple[str, ...] = ()
    reason: Text


class _InputBase(_Frozen):
    label: Text
    help: Text | None = None
    allow_unknown: bool = False
    sources: tuple[Citation, ...] = ()
    informational: tuple[Informational, ...] = Field(
        default=(), description="Answers declared on purpose not to change the outcome, with the reason."
    )


class BooleanInput(_InputBase):
    """A yes/no answer."""

    type: Literal["boolean"]


class EnumInput(_InputBase):
    """One value out of a declared, labelled list."""

    type: Literal["enum"]
    values: Annotated[dict[Id, Text], Field(min_length=1)]


class SetInput(_InputBase):
    """Any number of values out of a declared, labelled list (multi-select)."""

    type: Literal["set"]
    values: Annotated[dict[Id, Text], Field(min_length=1)]


class NumberInput(_InputBase):
    """A real number, optionally bounded (inclusive)."""

    type: Literal["number"]
    minimum: StrictInt | StrictFloat | None = None
    maximum: StrictInt | StrictFloat | None = None
    unit: str | None = None


class IntegerInput(_InputBase):
    """A whole number, optionally bounded (inclusive)."""

    type: Literal["integer"]
    minimum: StrictInt | None = None
    maximum: StrictInt | None = None
    unit: str | None = None


class DateInput(_InputBase):
    """A calendar date, optionally bounded (inclusive)."""

    type: Literal["date"]
    minimum: dt.date | None = None
    maximum: dt.date | None = None


class TextInput(_InputBase):
    """Free text, recorded with the decision but never branched on."""

    type: Literal["text"]
    max_length: Annotated[int, Field(ge=1, le=100_000)] = 10_000


Input = Annotated[
    BooleanInput | EnumInput | SetInput | NumberInput | IntegerInput | DateInput | TextInput,
    Field(discriminator="type"),
]

# ----------------------------------------------------------------------------------------------
# Conditions

TEST_OPERATORS: tuple[str, ...] = (
    "equals",
    "not_equals",
    "one_of",
    "none_of",
    "lt",
    "le",
    "gt",
    "ge",
    "between",
    "contains_any",
    "contains_all",
    "contains_none",
    "is_unknown",
)


class Test(_Frozen):
    """One test on one input: exactly one operator. ``input`` is implied inside a question."""

    input: str | None = None
    equals: Scalar | None = None
    not_equals: Scalar | None = None
    one_of: Annotated[tuple[Scalar, ...], Field(min_length=1)] | None = None
    none_of: Annotated[tuple[Scalar, ...], Field(min_length=1)] | None = None
    lt: StrictInt | StrictFloat | dt.date | StrictStr | None = None
    le: StrictInt | StrictFloat | dt.date | StrictStr | None = None
    gt: StrictInt | StrictFloat | dt.date | StrictStr | None = None
    ge: StrictInt | StrictFloat | dt.date | StrictStr | None = None
    between: (
        tuple[StrictInt | StrictFloat | dt.date | StrictStr, StrictInt | StrictFloat | dt.date | StrictStr]
        | None
    ) = None
    contains_any: Annotated[tuple[StrictStr, ...], Field(min_length=1)] | None = None
    contains_all: Annotated[tuple[StrictStr, ...], Field(min_length=1)] | None = None
    contains_none: Annotated[tuple[StrictStr, ...], Field(min_length=1)] | None = None
    is_unknown: StrictBool | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> Test:
        given = [op for op in TEST_OPERATORS if getattr(self, op) is not None]
        if len(given) != 1:
            raise ValueError(
                "a test needs exactly one operator out of "
                f"{', '.join(TEST_OPERATORS)}; got {', '.join(given) or 'none'}"
            )
        return self

    @cached_property
    def operator(self) -> str:
        """The name of the one operator this test uses."""
        return next(op for op in TEST_OPERATORS if getattr(self, op) is not None)

    @property
    def operand(self) -> Any:
        """The operator's value."""
        return getattr(self, self.operator)


class AllOf(_Frozen):
    """Holds when every sub-condition holds."""

    all: Annotated[tuple[Condition, ...], Field(min_length=1)]


class AnyOf(_Frozen):
    """Holds when at least one sub-condition holds."""

    any: Annotated[tuple[Condition, ...], Field(min_length=1)]


class NotOf(_Frozen):
    """Holds when the sub-condition does not."""

    not_: Condition = Field(alias="not")


class AtLeast(_Frozen):
    """Holds when at least ``at_least`` of the sub-conditions hold (criteria sets)."""

    at_least: Annotated[int, Field(ge=0)]
    of: Annotated[tuple[Condition, ...], Field(min_length=1)]


class RuleRef(_Frozen):
    """Holds when the named rule node's condition holds."""

    rule: str


def _condition_tag(value: Any) -> str:
    if isinstance(value, Mapping):
        for key in ("all", "any", "not", "at_least", "rule"):
            if key in value:
                return key
        return "test"
    tags: dict[type, str] = {AllOf: "all", AnyOf: "any", NotOf: "not", AtLeast: "at_least", RuleRef: "rule"}
    return tags.get(type(value), "test")


Condition = Annotated[
    Annotated[Test, Tag("test")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")]
    | Annotated[AtLeast, Tag("at_least")]
    | Annotated[RuleRef, Tag("rule")],
    Discriminator(_condition_tag),
]

# ----------------------------------------------------------------------------------------------
# Nodes


class _NodeBase(_Frozen):
    id: str = ""
    sources: tuple[Citation, ...] = ()
    section: str | None = Field(default=None, description="Gate or part of the tree (clusters).")


class Branch(_Frozen):
    """One way out of a question: taken when ``when`` holds for the answer."""

    when: Condition
    next: str
    label: Text | None = None


class Question(_NodeBase):
    """Asks one input and branches on it. Branches are tried in order; the first that holds wins.

    ``match: exclusive`` (the default) promises that no two branches hold for the same answer
    (``verify`` checks it); ``match: first`` declares that order decides on purpose.
    """

    kind: Literal["question"]
    input: str
    text: Text
    help: Text | None = None
    branches: Annotated[tuple[Branch, ...], Field(min_length=1)]
    otherwise: str | None = None
    match: Literal["exclusive", "first"] = "exclusive"


class Rule(_NodeBase):
    """A boolean combination over inputs and other rules.

    With ``then`` and ``else`` it routes; without them it is a named condition that other rules
    reference with ``{rule: id}``.
    """

    kind: Literal["rule"]
    text: Text
    condition: Condition
    then: str | None = None
    else_: str | None = Field(default=None, alias="else")
    note: Text | None = Field(
        default=None, description="Shown in the trace, e.g. where the policy is silent."
    )
    table: str | None = Field(
        default=None,
        description="Set by the loader on the rules a table node becomes: the table's id (drawings "
        "draw such a chain of rows as one table).",
    )

    @model_validator(mode="after")
    def _both_or_neither(self) -> Rule:
        if (self.then is None) != (self.else_ is None):
            raise ValueError("a rule routes with both 'then' and 'else', or with neither")
        return self

    @property
    def routes(self) -> bool:
        """Whether this rule is a step on a path (rather than a named condition only)."""
        return self.then is not None


class Outcome(_NodeBase):
    """A leaf: what was decided, how severe it is, and what to do next."""

    kind: Literal["outcome"]
    label: Text
    severity: Annotated[int, Field(ge=0, le=1000)] | None = None
    permitted: bool | None = None
    desirable: bool | None = None
    description: Text | None = None
    measures: tuple[Text, ...] = ()
    next_steps: tuple[Text, ...] = ()


Node = Annotated[Question | Rule | Outcome, Field(discriminator="kind")]

# ----------------------------------------------------------------------------------------------
# Value tables (``kind: table`` with ``outputs``): the rows are rules (``table: <id>``); what
# they produce is kept here, so that a decision's outputs are a function of its path.

OutputValue: TypeAlias = StrictBool | StrictInt | StrictFloat | StrictStr


class ValueColumn(_Frozen):
    """One output column of a value table: its type, the allowed values in priority order
    (highest first; PRIORITY and OUTPUT ORDER need them) and the value when no row holds."""

    id: Id
    type: Literal["enum", "string", "number", "boolean"]
    label: Text | None = None
    values: tuple[OutputValue, ...] | None = None
    default: OutputValue | None = None


class ValueRow(_Frozen):
    """One row of a value table: the rule node it became and its output value per column. A row
    without a node matches everything ("-" in every column): it holds whenever the table is
    reached (under FIRST and PRIORITY it is the last row tried)."""

    node: str | None = None
    outputs: dict[str, OutputValue]


class ValueTable(_Frozen):
    """A table whose rows produce values that the decision carries (:attr:`Decision.outputs`):
    its hit policy (DMN's seven), COLLECT's aggregation, its output columns, its rows in file
    order and the node where the walk continues."""

    text: Text
    hit_policy: Literal["UNIQUE", "ANY", "PRIORITY", "FIRST", "RULE ORDER", "OUTPUT ORDER", "COLLECT"]
    aggregation: Literal["SUM", "MIN", "MAX", "COUNT"] | None = None
    outputs: Annotated[tuple[ValueColumn, ...], Field(min_length=1)]
    rows: Annotated[tuple[ValueRow, ...], Field(min_length=1)]
    next: str


# ----------------------------------------------------------------------------------------------
# Invariants (checked by ``decision_trees.verify``)


class Monotone(_Frozen):
    """Outcome severity never drops when one of the ``increasing`` inputs rises (or one of the
    ``decreasing`` inputs falls), all other answers staying the same.

    Rising means: a boolean from false to true, a set gaining a value, an enumeration moving to a
    value declared later, a number or date growing. ``unknown`` is not ordered and not compared.
    """

    increasing: tuple[str, ...] = ()
    decreasing: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _some_input(self) -> Monotone:
        if not self.increasing and not self.decreasing:
            raise ValueError("monotone names at least one input under 'increasing' or 'decreasing'")
        return self


class OnlyIf(_Frozen):
    """Outcome ``outcome`` is reached only for answers where ``condition`` holds."""

    outcome: str
    condition: Condition


class UnknownNever(_Frozen):
    """Answering "unknown" (to ``inputs``, or to any input) never leads to one of ``outcomes``."""

    outcomes: Annotated[tuple[str, ...], Field(min_length=1)]
    inputs: tuple[str, ...] | None = None


INVARIANT_KINDS: tuple[str, ...] = ("monotone", "only_if", "unknown_never")


class Invariant(_Frozen):
    """A property of the whole tree that ``decision_trees.verify`` proves or refutes: exactly one of
    ``monotone``, ``only_if`` and ``unknown_never``, with an optional ``id`` and ``description``.
    """

    id: Id | None = None
    description: Text | None = None
    monotone: Monotone | None = None
    only_if: OnlyIf | None = None
    unknown_never: UnknownNever | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Invariant:
        given = [kind for kind in INVARIANT_KINDS if getattr(self, kind) is not None]
        if len(given) != 1:
            kinds = ", ".join(INVARIANT_KINDS)
            raise ValueError(f"an invariant is exactly one of {kinds}; got {', '.join(given) or 'none'}")
        return self

    @property
    def kind(self) -> str:
        """``monotone``, ``only_if`` or ``unknown_never``."""
        return next(kind for kind in INVARIANT_KINDS if getattr(self, kind) is not None)


class ExpectedFinding(_Frozen):
    """A verification warning the tree expects on purpose, with the ``reason`` (e.g. the ``else``
    of a complete table never taken: V004). ``node`` limits it to findings about that node.
    ``decision_trees.verify`` lists it under ``report.expected`` instead of as a problem; errors
    cannot be declared expected."""

    code: Annotated[str, Field(pattern=r"^V[0-9]{3}$")]
    node: str | None = None
    reason: Text


# ----------------------------------------------------------------------------------------------
# The tree


@dataclass(frozen=True, slots=True)
class TableForm:
    """A table node as its file wrote it (``node``, a :class:`decision_trees.table_nodes.TableNode`)
    and the nodes the loader lowered it into (``rows``, by id): :meth:`Tree.to_dict` writes the
    table back in place of those nodes while the tree still holds exactly them."""

    node: BaseModel
    rows: Mapping[str, Question | Rule | Outcome]


class Tree(_Frozen):
    """A validated decision tree. Build one with :func:`decision_trees.load`."""

    format: Literal[1] = 1
    id: Id
    version: Annotated[str, Field(min_length=1)]
    title: Text
    description: Text | None = None
    start: str
    sources: dict[Id, Source] = Field(default_factory=dict)
    inputs: dict[Id, Input]
    nodes: Annotated[dict[Id, Node], Field(min_length=1)]
    invariants: tuple[Invariant, ...] = Field(
        default=(), description="Properties that `decision_trees.verify` checks."
    )
    expected: tuple[ExpectedFinding, ...] = Field(
        default=(), description="Verification warnings expected on purpose, with the reason."
    )
    tables: dict[Id, ValueTable] = Field(
        default_factory=dict,
        description="Value tables: what the rows of each (rules with `table: <id>`) produce.",
    )
    #: The table nodes as written, by table id (set by the loader; not part of the content hash).
    _table_forms: dict[str, TableForm] = PrivateAttr(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _node_ids_from_keys(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and isinstance(data.get("nodes"), Mapping):
            nodes = {}
            for key, node in data["nodes"].items():
                if isinstance(node, Mapping) and "id" not in node:
                    node = {**node, "id": key}
                nodes[key] = node
            data = {**data, "nodes": nodes}
        return data

    @model_validator(mode="after")
    def _node_ids_match(self) -> Tree:
        for key, node in self.nodes.items():
            if node.id != key:
                raise ValueError(f"node {key!r} declares id {node.id!r}; they must agree")
        for key, table in self.tables.items():
            if all(row.node is None for row in table.rows):
                raise ValueError(f"value table {key!r}: no row is a rule (every row matches everything)")
            for row in table.rows:
                row_node = self.nodes.get(row.node) if row.node is not None else None
                if row.node is not None and not (isinstance(row_node, Rule) and row_node.table == key):
                    raise ValueError(f"value table {key!r}: row {row.node!r} is not one of its rules")
                if row.node is None and table.hit_policy in ("UNIQUE", "ANY"):
                    raise ValueError(f"value table {key!r}: a row without a rule under {table.hit_policy}")
        return self

    # -- identity -------------------------------------------------------------------------

    @cached_property
    def content_hash(self) -> str:
        """``sha256:…`` of the canonical serialisation: changes with any behaviour or wording."""
        with collector_paused():  # the dump is many containers: no collections while it lives
            canonical = json.dumps(
                _strip_empty_additions(self.model_dump(mode="json", by_alias=True)),
                sort_keys=True,
                ensure_ascii=False,
                separators=(",", ":"),
                check_circular=False,  # (a fresh dump holds no cycles)
            )
        return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """The tree as plain data, in the file format (round-trips through :func:`load`).

        A table node is written in its table form (columns, rows, hit policy, ``else``), not as
        the rules the loader made of it; it loads to the same tree, with the same content hash.
        """
        data = self.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        if self._table_forms:
            self._write_table_forms(data)
        return data

    def _write_table_forms(self, data: dict[str, Any]) -> None:
        """In ``data`` (dumped), each table's rows replaced by the table as written, at the place
        of its first row; a table whose rows were changed since loading stays as rows."""
        written: dict[str, dict[str, Any]] = {}
        rows: set[str] = set()
        for table_id, form in self._table_forms.items():
            if self._holds_exactly(table_id, form):
                written[table_id] = form.node.model_dump(mode="json", by_alias=True, exclude_defaults=True)
                rows |= set(form.rows)
        data["nodes"] = {
            key: written.get(key, node)
            for key, node in data["nodes"].items()
            if key in written or key not in rows
        }
        # a value table written as a table: its entry in ``tables`` is made again when it loads
        kept = {key: table for key, table in data.get("tables", {}).items() if key not in written}
        if kept:
            data["tables"] = kept
        else:
            data.pop("tables", None)

    def _holds_exactly(self, table_id: str, form: TableForm) -> bool:
        """Whether the tree holds exactly the nodes the table became (the first under its id)."""
        return (
            table_id in form.rows
            and all(self.nodes.get(key) == node for key, node in form.rows.items())
            and not any(
                getattr(node, "table", None) == table_id and key not in form.rows
                for key, node in self.nodes.items()
            )
        )

    # -- structure ------------------------------------------------------------------------

    @property
    def outcomes(self) -> dict[str, Outcome]:
        """The outcome nodes by id, in file order."""
        return {k: n for k, n in self.nodes.items() if isinstance(n, Outcome)}

    @cached_property
    def graph(self) -> nx.DiGraph[str]:
        """A frozen networkx view: nodes carry ``kind``; edges carry ``branch`` and ``label``."""
        return _seam.tree_graph(self)

    # -- evaluation -----------------------------------------------------------------------

    @cached_property
    def compiled(self) -> Compiled:
        """The compiled evaluator (built once, pure, safe to share between threads)."""
        return _seam.compile_tree(self, True)

    if TYPE_CHECKING:

        def evaluate(self, answers: Mapping[str, Any]) -> Decision:
            """Decide ``answers`` and return the :class:`Decision` with its path and trace."""
            ...

        def decide(self, answers: Mapping[str, Any]) -> Outcome:
            """Only the outcome, without path or trace: the fastest way to decide."""
            ...

    else:
        # The compiled tree's own functions (generated code), found with no Python call between:
        # ``tree.evaluate`` is ``tree.compiled.evaluate``, and ``evaluate = tree.evaluate`` before a
        # loop calls the generated walk directly.
        evaluate = property(
            attrgetter("compiled.evaluate"),
            doc="Decide ``answers`` and return the :class:`Decision` with its path and trace.",
        )
        decide = property(
            attrgetter("compiled.decide"),
            doc="Only the outcome, without path or trace: the fastest way to decide.",
        )

    def evaluate_many(self, cases: Iterable[Mapping[str, Any]]) -> list[Decision]:
        """Evaluate an iterable of answer mappings."""
        return self.compiled.evaluate_many(cases)

    def decide_many(self, cases: Iterable[Mapping[str, Any]]) -> list[Outcome]:
        """Decide an iterable of answer mappings, outcomes only."""
        decide = self.compiled.decide
        return [decide(answers) for answers in cases]

    def next_question(self, answers: Mapping[str, Any]) -> Ask | None:
        """What to ask next for ``answers`` on the way to an outcome, or ``None`` when decided."""
        return self.compiled.next_question(answers)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """Jupyter display: the tree as SVG, or as DOT text where the ``dot`` program is absent."""
        return _seam.mimebundle(self, None)

    def parse_answers(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Turn plain data (JSON/YAML: ISO dates, lists, ``"unknown"``) into typed answers.

        Raises :class:`~decision_trees.InvalidAnswerError` for an unknown input or a bad value.
        """
        return self.compiled.parse_answers(data)


#: Optional fields added to the format after 1.0: left out of the content hash while empty, so
#: that a tree which does not use them keeps the hash it had (archived decisions still match).
_ADDED_OPTIONAL = frozenset({"informational", "translations", "expected", "table", "tables"})


def _without_empty_additions(data: Any) -> Any:
    """``data`` with every empty added field left out, at any depth (the definition of the
    canonical form; :func:`_strip_empty_additions` does the same at the places they occur)."""
    if isinstance(data, dict):
        return {
            key: _without_empty_additions(value)
            for key, value in data.items()
            if not (key in _ADDED_OPTIONAL and value in ([], (), {}, None))
        }
    if isinstance(data, list):
        return [_without_empty_additions(value) for value in data]
    return data


def _strip_empty_additions(tree: dict[str, Any]) -> dict[str, Any]:
    """A dumped tree without its empty added fields, removed in place where the model has them:
    the tree's ``expected`` and ``tables``, each input's ``informational``, each rule's ``table``,
    each source's and citation's ``translations``. Equal to :func:`_without_empty_additions`
    (no other key of a dumped tree can hold one of those names with an empty value: every other
    mapping holds models, texts or non-empty values), without copying the whole tree."""
    if tree.get("expected") == []:
        del tree["expected"]
    if tree.get("tables") == {}:
        del tree["tables"]
    for source in tree.get("sources", {}).values():
        if source.get("translations") == {}:
            del source["translations"]
    added: tuple[tuple[str, str, Any], ...] = (("inputs", "informational", []), ("nodes", "table", None))
    for holders, key, empty in added:
        for holder in tree.get(holders, {}).values():
            if key in holder and holder[key] == empty:
                del holder[key]
            for citation in holder.get("sources", ()):
                if citation.get("translations") == {}:
                    del citation["translations"]
    return tree
