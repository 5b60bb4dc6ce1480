"""The one place that tells condition kinds apart.

Every module that walks a condition does it through this module: a :class:`ConditionVisitor`
(one method per kind; :func:`visit` is the only ``match`` over the kinds) or the small helpers
below it (:func:`steps`, :func:`parts`, :func:`combination`). Adding a condition kind means:
the model, an abstract method here and a case in :func:`visit` (mypy's ``assert_never`` points at
it), and every visitor that must say something new (mypy refuses to instantiate a visitor that
lacks the method; the tests in ``tests/test_walk.py`` check each visitor of the engine).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, Literal, TypeAlias, TypeVar, assert_never

from decision_trees.model import AllOf, AnyOf, AtLeast, Condition, NotOf, RuleRef, Test

__all__ = [
    "Combination",
    "ConditionVisitor",
    "Kind",
    "PathStep",
    "as_at_least",
    "as_rule_ref",
    "as_test",
    "combination",
    "kind",
    "parts",
    "rule_refs",
    "steps",
    "subconditions",
    "tests_in",
    "visit",
]

R = TypeVar("R")
Kind: TypeAlias = Literal["test", "all", "any", "not", "at_least", "rule"]
PathStep: TypeAlias = tuple[str | int, ...]


class ConditionVisitor(ABC, Generic[R]):
    """A computation over conditions with one method per kind; :meth:`visit` dispatches.

    A visitor recurses by calling ``self.visit(sub)`` on the sub-conditions it needs.
    """

    def visit(self, condition: Condition) -> R:
        """The result for ``condition`` (dispatches on its kind)."""
        return visit(condition, self)

    @abstractmethod
    def test(self, condition: Test) -> R:
        """A test on one input."""

    @abstractmethod
    def all_of(self, condition: AllOf) -> R:
        """Every part holds."""

    @abstractmethod
    def any_of(self, condition: AnyOf) -> R:
        """Some part holds."""

    @abstractmethod
    def not_of(self, condition: NotOf) -> R:
        """The part does not hold."""

    @abstractmethod
    def at_least(self, condition: AtLeast) -> R:
        """At least ``at_least`` of the parts hold."""

    @abstractmethod
    def rule_ref(self, condition: RuleRef) -> R:
        """A reference to a rule node."""


def visit(condition: Condition, visitor: ConditionVisitor[R]) -> R:
    """``visitor``'s result for ``condition``: the one dispatch over the condition kinds."""
    match condition:
        case Test():
            return visitor.test(condition)
        case AllOf():
            return visitor.all_of(condition)
        case AnyOf():
            return visitor.any_of(condition)
        case NotOf():
            return visitor.not_of(condition)
        case AtLeast():
            return visitor.at_least(condition)
        case RuleRef():
            return visitor.rule_ref(condition)
        case _:  # pragma: no cover - mypy proves this unreachable
            assert_never(condition)


class _Kind(ConditionVisitor[Kind]):
    def test(self, condition: Test) -> Kind:
        return "test"

    def all_of(self, condition: AllOf) -> Kind:
        return "all"

    def any_of(self, condition: AnyOf) -> Kind:
        return "any"

    def not_of(self, condition: NotOf) -> Kind:
        return "not"

    def at_least(self, condition: AtLeast) -> Kind:
        return "at_least"

    def rule_ref(self, condition: RuleRef) -> Kind:
        return "rule"


_KIND = _Kind()


def kind(condition: Condition) -> Kind:
    """The kind of ``condition``, as its key in a tree file (``test`` for a test)."""
    return visit(condition, _KIND)


_Steps: TypeAlias = tuple[tuple[Condition, PathStep], ...]


class _StepsOf(ConditionVisitor[_Steps]):
    def test(self, condition: Test) -> _Steps:
        return ()

    def all_of(self, condition: AllOf) -> _Steps:
        return tuple((c, ("all", i)) for i, c in enumerate(condition.all))

    def any_of(self, condition: AnyOf) -> _Steps:
        return tuple((c, ("any", i)) for i, c in enumerate(condition.any))

    def not_of(self, condition: NotOf) -> _Steps:
        return ((condition.not_, ("not",)),)

    def at_least(self, condition: AtLeast) -> _Steps:
        return tuple((c, ("of", i)) for i, c in enumerate(condition.of))

    def rule_ref(self, condition: RuleRef) -> _Steps:
        return ()


_STEPS = _StepsOf()


def steps(condition: Condition) -> _Steps:
    """The direct sub-conditions of ``condition``, each with its path step below it
    (``("all", 0)``, ``("not",)``, ...); empty for a test or a rule reference."""
    return visit(condition, _STEPS)


def parts(condition: Condition) -> tuple[Condition, ...]:
    """The direct sub-conditions of ``condition`` (empty for a test or a rule reference)."""
    return tuple(c for c, _ in steps(condition))


@dataclass(frozen=True, slots=True)
class Combination:
    """``all``, ``any`` and ``at_least`` as one shape: at least ``need`` of ``parts`` hold."""

    need: int
    parts: tuple[Condition, ...]

    @property
    def is_all(self) -> bool:
        """Every part must hold."""
        return self.need >= len(self.parts)

    @property
    def is_any(self) -> bool:
        """One part is enough (and there is more than a single part to choose from)."""
        return self.need == 1 and len(self.parts) > 1


class _Combine(ConditionVisitor[Combination | None]):
    def test(self, condition: Test) -> None:
        return None

    def all_of(self, condition: AllOf) -> Combination:
        return Combination(len(condition.all), condition.all)

    def any_of(self, condition: AnyOf) -> Combination:
        return Combination(1, condition.any)

    def not_of(self, condition: NotOf) -> None:
        return None

    def at_least(self, condition: AtLeast) -> Combination:
        return Combination(condition.at_least, condition.of)

    def rule_ref(self, condition: RuleRef) -> None:
        return None


_COMBINE = _Combine()


def combination(condition: Condition) -> Combination | None:
    """``condition`` as "at least k of these" when it is an ``all``, ``any`` or ``at_least``."""
    return visit(condition, _COMBINE)


_LEAVES = (Test, RuleRef)  # the kinds without sub-conditions


def _walk(condition: Condition, path: PathStep) -> Iterator[tuple[Condition, PathStep]]:
    if isinstance(condition, _LEAVES):  # most conditions are a single test
        yield condition, path
        return
    stack: list[tuple[Condition, PathStep]] = [(condition, path)]
    while stack:
        cond, here = stack.pop()
        yield cond, here
        if not isinstance(cond, _LEAVES):
            stack.extend((c, (*here, *step)) for c, step in reversed(steps(cond)))


def as_test(condition: Condition) -> Test | None:
    """``condition`` when it is a single test, else ``None``."""
    return condition if isinstance(condition, Test) else None


def as_rule_ref(condition: Condition) -> RuleRef | None:
    """``condition`` when it is a reference to a rule, else ``None``."""
    return condition if isinstance(condition, RuleRef) else None


def as_at_least(condition: Condition) -> AtLeast | None:
    """``condition`` when it is an ``at_least``, else ``None``."""
    return condition if isinstance(condition, AtLeast) else None


def subconditions(condition: Condition) -> Iterator[tuple[Condition, PathStep]]:
    """``condition`` and every condition inside it, each with its path, in document order."""
    return _walk(condition, ())


def tests_in(condition: Condition) -> Iterator[tuple[Test, PathStep]]:
    """Every :class:`Test` inside ``condition`` with its path below the condition, in order."""
    for cond, path in _walk(condition, ()):
        if isinstance(cond, Test):
            yield cond, path


def rule_refs(condition: Condition) -> Iterator[tuple[str, PathStep]]:
    """Every ``{rule: id}`` inside ``condition`` with its path, in order."""
    for cond, path in _walk(condition, ()):
        if isinstance(cond, RuleRef):
            yield cond.rule, path
