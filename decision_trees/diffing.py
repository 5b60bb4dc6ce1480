"""Semantic diff of two versions of a tree: what changed in the file, and which cases now end
differently.

``diff(old, new)`` reports *structural* changes (tree fields, inputs, sources, nodes — texts,
citations, conditions and thresholds, routing, outcome fields — and invariants) and *behavioural*
changes: regions of the answer space where the outcome differs, each with an example case and
the old and new outcome. The regions come from pairing the paths of both trees and intersecting
their constraints (see :mod:`decision_trees._paths`), so they are exact wherever that analysis
is exact; the example of every region is checked by evaluating it with both trees.

Size: over ~600 lines: the structural comparison (one function per kind of tree part) and the
behavioural one (pairing paths) are one report; both halves are flat, small functions.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pydantic import TypeAdapter

from decision_trees._paths import Space, Store, evaluable, explore, walk
from decision_trees.answers import answer_to_json
from decision_trees.conditions import describe
from decision_trees.errors import InvalidAnswerError
from decision_trees.model import (
    Condition,
    DateInput,
    EnumInput,
    Input,
    IntegerInput,
    Lang,
    NumberInput,
    Outcome,
    Question,
    SetInput,
    Test,
    Text,
    Tree,
)

__all__ = ["BehaviourChange", "StructuralChange", "TreeDiff", "diff"]

Kind = Literal["added", "removed", "changed"]

_CATEGORY = {
    "text": "text",
    "label": "text",
    "help": "text",
    "note": "text",
    "description": "text",
    "measures": "text",
    "next_steps": "text",
    "title": "text",
    "section": "text",
    "sources": "sources",
    "condition": "condition",
    "when": "condition",
    "next": "routing",
    "otherwise": "routing",
    "then": "routing",
    "else": "routing",
    "match": "routing",
    "input": "routing",
    "branches": "routing",
    "severity": "outcome",
    "permitted": "outcome",
    "desirable": "outcome",
    "kind": "kind",
}


@dataclass(frozen=True)
class StructuralChange:
    """One change in the tree file: ``what`` (tree, input, source, node, invariant) with ``id``,
    ``kind`` (added, removed, changed), and for changes the ``field`` with its old and new value.

    ``category`` groups node changes: text, sources, condition (thresholds), routing, outcome.
    """

    what: str
    id: str
    kind: Kind
    field: str | None = None
    old: Any = None
    new: Any = None
    category: str | None = None
    summary: Text | None = None

    def describe(self, lang: Lang = "en") -> str:
        """One line in ``lang``."""
        nl = lang == "nl"
        names = {
            "tree": ("boom", "tree"),
            "input": ("invoer", "input"),
            "source": ("bron", "source"),
            "node": ("knoop", "node"),
            "invariant": ("invariant", "invariant"),
            "table": ("tabel", "table"),
        }
        noun = names.get(self.what, (self.what, self.what))[0 if nl else 1]
        if self.kind == "added":
            return f"{noun} {self.id!r} {'toegevoegd' if nl else 'added'}"
        if self.kind == "removed":
            return f"{noun} {self.id!r} {'verwijderd' if nl else 'removed'}"
        if self.summary is not None:
            return f"{noun} {self.id!r}, {self.field}: {self.summary.get(lang)}"
        old, new = _short(self.old), _short(self.new)
        return f"{noun} {self.id!r}, {self.field}: {old} → {new}"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        data: dict[str, Any] = {"what": self.what, "id": self.id, "kind": self.kind}
        if self.field is not None:
            data["field"] = self.field
        if self.category is not None:
            data["category"] = self.category
        if self.kind == "changed":
            data["old"] = self.old
            data["new"] = self.new
        return data


def _short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class BehaviourChange:
    """A region of answers that the two versions decide differently.

    ``old_outcome``/``new_outcome`` are outcome ids, or ``None`` where the answers fall through a
    gap (``status`` then says ``gap``) or are not accepted by that version (``invalid``).
    """

    old_outcome: str | None
    new_outcome: str | None
    region: Text
    example: Mapping[str, Any]
    old_path: tuple[str, ...]
    new_path: tuple[str, ...]
    old_status: str = "decided"
    new_status: str = "decided"
    _space: Space | None = field(default=None, repr=False, compare=False)
    _store: Store | None = field(default=None, repr=False, compare=False)
    #: the value tables' outputs of the example (table id -> value), where they differ
    old_outputs: Mapping[str, Any] | None = None
    new_outputs: Mapping[str, Any] | None = None

    def contains(self, answers: Mapping[str, Any]) -> bool:
        """Whether ``answers`` lie in this region (inputs it does not constrain may be absent)."""
        if self._space is None or self._store is None:
            return False
        for index, region in enumerate(self._store):
            if region is None:
                continue
            key = self._space.ids[index]
            if key in answers and answers[key] not in region:
                return False
        return True

    def describe(self, lang: Lang = "en", old: Tree | None = None, new: Tree | None = None) -> str:
        """E.g. ``go → committee where Budget is at least 1000000 (e.g. budget=1000000)``."""
        before = _outcome_name(self.old_outcome, self.old_status, old, lang)
        after = _outcome_name(self.new_outcome, self.new_status, new, lang)
        where = self.region.get(lang)
        example = ", ".join(
            f"{k}={json.dumps(answer_to_json(v), ensure_ascii=False)}" for k, v in self.example.items()
        )
        word = ("waar", "bijv.") if lang == "nl" else ("where", "e.g.")
        if self.old_outputs is not None or self.new_outputs is not None:
            before_values, after_values = self.old_outputs or {}, self.new_outputs or {}
            moved = [
                f"{key} {_short(before_values.get(key))} → {_short(after_values.get(key))}"
                for key in dict.fromkeys([*before_values, *after_values])
                if before_values.get(key) != after_values.get(key)
            ]
            before, after = f"{before} ({'; '.join(moved)})", after
        return f"{before} → {after} {word[0]} {where} ({word[1]} {example})"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "old": {"outcome": self.old_outcome, "status": self.old_status, "path": list(self.old_path)}
            | ({"outputs": self.old_outputs} if self.old_outputs is not None else {}),
            "new": {"outcome": self.new_outcome, "status": self.new_status, "path": list(self.new_path)}
            | ({"outputs": self.new_outputs} if self.new_outputs is not None else {}),
            "region": {"en": self.region.en, "nl": self.region.nl},
            "example": {k: answer_to_json(v) for k, v in self.example.items()},
        }


def _outcome_name(outcome_id: str | None, status: str, tree: Tree | None, lang: Lang) -> str:
    if outcome_id is None:
        if status == "gap":
            return "(geen uitkomst: gat)" if lang == "nl" else "(no outcome: gap)"
        return "(antwoord niet geldig)" if lang == "nl" else "(answer not accepted)"
    node = tree.nodes.get(outcome_id) if tree is not None else None
    if isinstance(node, Outcome):
        return f"'{node.label.get(lang)}' ({outcome_id})"
    return outcome_id


@dataclass(frozen=True)
class TreeDiff:
    """What :func:`diff` found."""

    old: Tree
    new: Tree
    structural: tuple[StructuralChange, ...]
    behaviour: tuple[BehaviourChange, ...]
    exact: bool = True
    notes: tuple[Text, ...] = field(default=())

    @property
    def changed(self) -> bool:
        """Whether anything at all differs."""
        return bool(self.structural or self.behaviour)

    @property
    def same_behaviour(self) -> bool:
        """Whether every case ends the same (texts and sources may still differ)."""
        return not self.behaviour

    def by_category(self, category: str) -> tuple[StructuralChange, ...]:
        """Structural changes of one category (text, sources, condition, routing, outcome)."""
        return tuple(c for c in self.structural if c.category == category)

    def outcome_changes(self) -> dict[tuple[str | None, str | None], int]:
        """How many regions move from each old outcome to each new outcome."""
        counts: dict[tuple[str | None, str | None], int] = {}
        for change in self.behaviour:
            key = (change.old_outcome, change.new_outcome)
            counts[key] = counts.get(key, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """Plain, ordered data for JSON."""

        def ident(tree: Tree) -> dict[str, str]:
            return {"id": tree.id, "version": tree.version, "hash": tree.content_hash}

        return {
            "old": ident(self.old),
            "new": ident(self.new),
            "same_behaviour": self.same_behaviour,
            "exact": self.exact,
            "structural": [c.to_dict() for c in self.structural],
            "behaviour": [c.to_dict() for c in self.behaviour],
            "notes": [{"en": n.en, "nl": n.nl} for n in self.notes],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The diff as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, default=str)

    def text(self, lang: Lang = "en", limit: int = 50) -> str:
        """The diff as readable text (at most ``limit`` lines per section)."""
        nl = lang == "nl"
        lines = [
            f"{self.old.id} {self.old.version} → {self.new.id} {self.new.version}: "
            f"{len(self.structural)} {'wijzigingen in het bestand' if nl else 'changes in the file'}, "
            f"{len(self.behaviour)} "
            + ("gebieden met een andere uitkomst" if nl else "regions decided differently")
            + ("" if self.exact else (" (benaderd)" if nl else " (approximate)"))
        ]
        if self.structural:
            lines.append("Structuur:" if nl else "Structure:")
            lines += [f"  - {c.describe(lang)}" for c in self.structural[:limit]]
            if len(self.structural) > limit:
                lines.append(
                    f"  … {'en' if nl else 'and'} {len(self.structural) - limit} {'meer' if nl else 'more'}"
                )
        if self.behaviour:
            lines.append("Gedrag:" if nl else "Behaviour:")
            lines += [f"  - {c.describe(lang, self.old, self.new)}" for c in self.behaviour[:limit]]
            if len(self.behaviour) > limit:
                lines.append(
                    f"  … {'en' if nl else 'and'} {len(self.behaviour) - limit} {'meer' if nl else 'more'}"
                )
        for note in self.notes:
            lines.append(f"{'let op' if nl else 'note'}: {note.get(lang)}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text("en")


# ----------------------------------------------------------------------------------------------


def diff(old: Tree, new: Tree) -> TreeDiff:
    """Compare two versions of a tree: structural changes and behavioural changes."""
    structural = _structural(old, new)
    behaviour, exact, notes = _behaviour(old, new)
    return TreeDiff(old, new, tuple(structural), tuple(behaviour), exact, tuple(notes))


# -- structure ---------------------------------------------------------------------------------


def _dump(model: Any) -> Any:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)


class _Differ:
    """Field-by-field changes between the dumped forms of two versions of one item."""

    def __init__(self, old: Tree, new: Tree) -> None:
        self.old = old
        self.new = new

    def compare(
        self, what: str, ident: str, old: Any, new: Any, prefix: str = "", implied: str | None = None
    ) -> list[StructuralChange]:
        changes: list[StructuralChange] = []
        if isinstance(old, dict) and isinstance(new, dict) and not _is_leaf_mapping(prefix):
            for key in list(dict.fromkeys([*old, *new])):
                name = f"{prefix}.{key}" if prefix else key
                if old.get(key) != new.get(key):
                    changes += self.compare(what, ident, old.get(key), new.get(key), name, implied)
            return changes
        if (
            isinstance(old, list)
            and isinstance(new, list)
            and prefix.endswith("branches")
            and len(old) == len(new)
        ):
            for i, (a, b) in enumerate(zip(old, new, strict=True)):
                if a != b:
                    changes += self.compare(what, ident, a, b, f"{prefix}[{i}]", implied)
            return changes
        last = prefix.rsplit(".", 1)[-1].split("[", 1)[0]
        category = _CATEGORY.get(last, "other") if what == "node" else None
        summary = Text(
            en=f"{self.show(last, old, 'en', implied)} → {self.show(last, new, 'en', implied)}",
            nl=f"{self.show(last, old, 'nl', implied)} → {self.show(last, new, 'nl', implied)}",
        )
        return [StructuralChange(what, ident, "changed", prefix or None, old, new, category, summary)]

    def show(self, field: str, value: Any, lang: Lang, implied: str | None) -> str:
        """A value as a reader sees it: texts in ``lang``, conditions in words, lists briefly."""
        if value is None:
            return "—"
        inputs = {**self.old.inputs, **self.new.inputs}
        try:
            if field in ("when", "condition") and isinstance(value, dict):
                return describe(_CONDITION.validate_python(value), inputs, lang, implied)
            if field == "branches" and isinstance(value, list):
                parts = []
                for branch in value:
                    when = describe(_CONDITION.validate_python(branch["when"]), inputs, lang, implied)
                    parts.append(f"{when} → {branch['next']}")
                return "[" + "; ".join(parts) + "]"
        except (ValueError, KeyError, TypeError):
            pass
        if isinstance(value, dict) and set(value) == {"nl", "en"}:
            return json.dumps(value[lang], ensure_ascii=False)
        if field == "values" and isinstance(value, dict):
            return ", ".join(value)
        return _short(value)


_CONDITION: TypeAdapter[Condition] = TypeAdapter(Condition)


def _is_leaf_mapping(prefix: str) -> bool:
    """Mappings compared as one value: texts, conditions and declared values."""
    last = prefix.rsplit(".", 1)[-1]
    return last in ("text", "label", "help", "note", "description", "title", "condition", "when", "values")


def _structural(old: Tree, new: Tree) -> list[StructuralChange]:
    differ = _Differ(old, new)
    changes: list[StructuralChange] = []
    for name in ("id", "version", "title", "description", "start"):
        a, b = getattr(old, name), getattr(new, name)
        a = _dump(a) if hasattr(a, "model_dump") else a
        b = _dump(b) if hasattr(b, "model_dump") else b
        if a != b:
            changes.append(StructuralChange("tree", old.id, "changed", name, a, b))
    sections: list[tuple[str, Mapping[str, Any], Mapping[str, Any]]] = [
        ("input", old.inputs, new.inputs),
        ("source", old.sources, new.sources),
        ("node", old.nodes, new.nodes),
        ("table", old.tables, new.tables),
    ]
    for what, before, after in sections:
        for key in before:
            if key not in after:
                changes.append(StructuralChange(what, key, "removed", old=_dump(before[key])))
        for key in after:
            if key not in before:
                changes.append(StructuralChange(what, key, "added", new=_dump(after[key])))
            elif before[key] != after[key]:
                node = after[key]
                implied = node.input if isinstance(node, Question) else None
                changes += differ.compare(what, key, _dump(before[key]), _dump(node), implied=implied)
    return changes + _invariant_changes(old, new)


def _invariant_changes(old: Tree, new: Tree) -> list[StructuralChange]:
    """Invariants removed and added (an invariant is named by its id, else by its position)."""
    changes: list[StructuralChange] = []
    old_invariants = [_dump(i) for i in old.invariants]
    new_invariants = [_dump(i) for i in new.invariants]
    for index, item in enumerate(old_invariants):
        if item not in new_invariants:
            changes.append(
                StructuralChange("invariant", str(item.get("id", f"#{index + 1}")), "removed", old=item)
            )
    for index, item in enumerate(new_invariants):
        if item not in old_invariants:
            changes.append(
                StructuralChange("invariant", str(item.get("id", f"#{index + 1}")), "added", new=item)
            )
    return changes


# -- behaviour ---------------------------------------------------------------------------------


def _merged(a: Input, b: Input) -> Input | None:
    """One declaration that admits every answer of ``a`` and of ``b`` (``None``: other types)."""
    if a.type != b.type:
        return None
    update: dict[str, Any] = {"allow_unknown": a.allow_unknown or b.allow_unknown}
    if isinstance(a, EnumInput | SetInput) and isinstance(b, EnumInput | SetInput):
        update["values"] = {**a.values, **{k: v for k, v in b.values.items() if k not in a.values}}
    if isinstance(a, NumberInput | IntegerInput | DateInput) and isinstance(
        b, NumberInput | IntegerInput | DateInput
    ):
        lows = [a.minimum, b.minimum]
        highs = [a.maximum, b.maximum]
        update["minimum"] = None if None in lows else min(lows)  # type: ignore[type-var]
        update["maximum"] = None if None in highs else max(highs)  # type: ignore[type-var]
    return a.model_copy(update=update)


def _valid(space: Space, tree: Tree, key: str) -> Any:
    """The region of answers for ``key`` that ``tree``'s declaration accepts (within ``space``)."""
    index = space.index[key]
    domain = space.domains[index]
    decl = tree.inputs.get(key)
    if decl is None:
        return domain.full
    region = domain.full
    if isinstance(decl, EnumInput):
        region = domain.test(Test(one_of=tuple(decl.values)))
    elif isinstance(decl, SetInput):
        declared = domain.decl
        assert isinstance(declared, SetInput)
        extra = tuple(v for v in declared.values if v not in decl.values)
        if extra:
            region = domain.test(Test(contains_none=extra))
    elif isinstance(decl, NumberInput | IntegerInput | DateInput):
        if decl.minimum is not None:
            region = region & domain.test(Test(ge=decl.minimum))
        if decl.maximum is not None:
            region = region & domain.test(Test(le=decl.maximum))
    if not decl.allow_unknown:
        region = region & domain.test(Test(is_unknown=False))
    else:
        region = region | domain.value(_UNKNOWN())
    return region


def _UNKNOWN() -> Any:
    from decision_trees.answers import UNKNOWN

    return UNKNOWN


def _shared_inputs(old: Tree, new: Tree, notes: list[Text]) -> tuple[dict[str, Input], dict[str, str]]:
    """One declaration per input admitting the answers of both versions, and the inputs whose type
    changed, renamed ``key@old`` in the old version (a note says so)."""
    inputs: dict[str, Input] = {}
    renamed_old: dict[str, str] = {}
    for key in dict.fromkeys([*old.inputs, *new.inputs]):
        a, b = old.inputs.get(key), new.inputs.get(key)
        if a is None or b is None:
            inputs[key] = a or b  # type: ignore[assignment]
            continue
        merged = _merged(a, b)
        if merged is None:  # another type: the versions share no answer for it
            inputs[key] = b
            inputs[f"{key}@old"] = a
            renamed_old[key] = f"{key}@old"
            notes.append(
                Text(
                    en=f"input {key!r} changed type ({a.type} → {b.type}); "
                    "its answers are compared as unrelated",
                    nl=f"invoer {key!r} kreeg een ander type ({a.type} → {b.type}); "
                    "de antwoorden zijn niet vergelijkbaar",
                )
            )
        else:
            inputs[key] = merged
    return inputs, renamed_old


def _behaviour(old: Tree, new: Tree) -> tuple[list[BehaviourChange], bool, list[Text]]:
    notes: list[Text] = []
    inputs, renamed_old = _shared_inputs(old, new, notes)
    space = Space(inputs)
    old_space = copy.copy(space)
    old_space.index = {**space.index, **{k: space.index[v] for k, v in renamed_old.items()}}
    old_valid = _valid_store(old_space, old)
    new_valid = _valid_store(space, new)
    old_analysis = explore(old, old_space, checks=False)
    exact = old_analysis.exact and old_analysis.complete
    groups: dict[tuple[str | None, str | None], list[_Piece]] = {}
    for leaf in old_analysis.leaves:
        old_keys = old_analysis.keys(leaf.link)
        old_label = _label(old, leaf.outcome, leaf.node, leaf.link)
        for old_store, old_ok in _split(old_space, leaf.store, old_keys, old_valid):
            sub = explore(new, space, old_store, checks=False)
            exact = exact and sub.exact and sub.complete
            for other in sub.leaves:
                new_keys = sub.keys(other.link)
                new_label = _label(new, other.outcome, other.node, other.link)
                for store, new_ok in _split(space, other.store, new_keys, new_valid):
                    if not old_ok and not new_ok:
                        continue  # neither version accepts these answers
                    if old_ok and new_ok and old_label == new_label:
                        continue
                    group = (old_label if old_ok else None, new_label if new_ok else None)
                    groups.setdefault(group, []).append(_Piece(store, old_keys, new_keys))
    changes: list[BehaviourChange] = []
    seen: set[tuple[Any, ...]] = set()
    for pieces in groups.values():
        for piece in _merge(space, pieces):
            change = _change(old, new, piece, old_space, space, renamed_old)
            if change is None:
                continue
            marker = (
                change.old_outcome,
                change.new_outcome,
                change.old_status,
                change.new_status,
                change.region.en,
            )
            if marker not in seen:
                seen.add(marker)
                changes.append(change)
    if not exact:
        notes.append(
            Text(
                en="the path analysis had to approximate; regions may be larger than where outcomes differ "
                "(every example was checked)",
                nl="de padanalyse moest benaderen; gebieden kunnen groter zijn dan waar de uitkomst "
                "verschilt (elk voorbeeld is gecontroleerd)",
            )
        )
    return changes, exact, notes


def _split(space: Space, store: Store, keys: list[str], valid: Store) -> list[tuple[Store, bool]]:
    """``store`` cut into the part whose answers (for the inputs read) the version accepts and
    parts it rejects, each with whether it is accepted."""
    parts: list[tuple[Store, bool]] = []
    accepted: Store | None = store
    for key in keys:
        index = space.index.get(key)
        if index is None or valid[index] is None:
            continue
        region = space.region(store, index)
        rejected = region - valid[index]  # type: ignore[operator]
        if not rejected.empty:
            parts.append((space.narrow(store, index, rejected), False))
        if accepted is not None:
            kept = space.region(accepted, index) & valid[index]  # type: ignore[operator]
            accepted = None if kept.empty else space.narrow(accepted, index, kept)
    if accepted is not None:
        parts.insert(0, (accepted, True))
    return parts


def _valid_store(space: Space, tree: Tree) -> Store:
    store = space.full()
    for key in tree.inputs:
        index = space.index.get(key)
        if index is not None:
            store = space.narrow(store, index, _valid(space, tree, key))
    return store


@dataclass
class _Piece:
    """A region decided differently, with the inputs read on the old and the new path."""

    store: Store
    old_keys: list[str]
    new_keys: list[str]


def _within(space: Space, a: Store, b: Store) -> bool:
    """Whether every answer set of ``a`` is in ``b``."""
    for x, y in zip(a, b, strict=True):
        if y is None:
            continue
        if x is None or not (x - y).empty:
            return False
    return True


def _merge(space: Space, pieces: list[_Piece]) -> list[_Piece]:
    """Fewer, larger regions: drop regions inside others and join pairs that differ in one input.

    One sweep keeps going after each merge (instead of starting over), so many pieces stay cheap.
    """

    def joined(a: _Piece, b: _Piece, store: Store) -> _Piece:
        return _Piece(
            store,
            list(dict.fromkeys([*a.old_keys, *b.old_keys])),
            list(dict.fromkeys([*a.new_keys, *b.new_keys])),
        )

    merged = list(pieces)
    changed = True
    while changed:
        changed = False
        i = 0
        while i < len(merged):
            a: _Piece | None = merged[i]
            j = i + 1
            while a is not None and j < len(merged):
                b = merged[j]
                if _within(space, a.store, b.store):
                    merged[j] = joined(b, a, b.store)
                    del merged[i]
                    a = None
                    changed = True
                    break
                if _within(space, b.store, a.store):
                    a = merged[i] = joined(a, b, a.store)
                    del merged[j]
                    changed = True
                    continue
                differing = [k for k, (x, y) in enumerate(zip(a.store, b.store, strict=True)) if x != y]
                if len(differing) == 1:
                    k = differing[0]
                    union = space.region(a.store, k) | space.region(b.store, k)
                    a = merged[i] = joined(a, b, space.narrow(a.store, k, union))
                    del merged[j]
                    changed = True
                    continue
                j += 1
            if a is not None:
                i += 1
    return merged


def _label(tree: Tree, outcome: str | None, node: str, link: Any) -> Any:
    """What an analysed path decides: its outcome (or its gap) and its value tables' outputs."""
    label = outcome if outcome is not None else f"gap:{node}"
    if not tree.tables:
        return label
    from decision_trees._outputs import leaf_outputs

    return label, leaf_outputs(tree, link)


def _outputs(tree: Tree, answers: Mapping[str, Any], status: str) -> Any:
    """The value tables' outputs for ``answers`` (plain data), or ``None`` (none, or not decided)."""
    if not tree.tables or status != "decided":
        return None
    from decision_trees._outputs import to_plain

    return to_plain(tree.evaluate(answers).outputs)


def _change(
    old: Tree,
    new: Tree,
    piece: _Piece,
    old_space: Space,
    space: Space,
    renamed_old: Mapping[str, str],
) -> BehaviourChange | None:
    """The change in one region, with an example checked by evaluating it with both versions."""
    store, old_keys, new_keys = piece.store, piece.old_keys, piece.new_keys
    shared = [k for k in old_keys if k not in renamed_old]
    example_new = evaluable(new, space, space.witness(store, [*new_keys, *shared]), store)
    example_old = evaluable(old, old_space, old_space.witness(store, old_keys), store)
    for key, value in example_new.items():
        if key in old.inputs and key not in renamed_old:
            example_old[key] = value
    old_path, old_outcome, old_status = _outcome_of(old, example_old)
    new_path, new_outcome, new_status = _outcome_of(new, example_new)
    old_outputs, new_outputs = _outputs(old, example_old, old_status), _outputs(new, example_new, new_status)
    if (old_outcome, old_status, old_path[-1:], old_outputs) == (
        new_outcome,
        new_status,
        new_path[-1:],
        new_outputs,
    ):
        return None  # only where the analysis approximated
    if old_status == new_status == "invalid":
        return None
    # the inputs of both analysed paths, then any other answer the two real walks read (where an
    # overlap that `match: exclusive` forbids makes the run-time path differ from the analysed one)
    keys = list(dict.fromkeys([*old_keys, *new_keys, *example_new, *example_old]))
    shown = [k for k in keys if k in space.index]
    region = Text(
        en=space.describe(store, "en", shown) or "all answers",
        nl=space.describe(store, "nl", shown) or "alle antwoorden",
    )
    example = {k: example_new[k] if k in example_new else example_old[k] for k in keys}
    change = BehaviourChange(
        old_outcome, new_outcome, region, example, old_path, new_path, old_status, new_status, space, store
    )
    if old_outputs != new_outputs:
        change = replace(change, old_outputs=old_outputs, new_outputs=new_outputs)
    return change


def _outcome_of(tree: Tree, answers: Mapping[str, Any]) -> tuple[tuple[str, ...], str | None, str]:
    """The path, the outcome and the status (decided, gap, invalid) of ``answers``."""
    try:
        path, outcome, gap = walk(tree, answers)
    except InvalidAnswerError:
        return (), None, "invalid"
    if gap is not None:
        return tuple(path), None, "gap"
    return tuple(path), outcome, "decided"
