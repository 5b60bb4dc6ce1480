"""Answer values: the ``UNKNOWN`` answer, checking answers against inputs, and their JSON form."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from typing import Any, Final

from decision_trees.errors import InvalidAnswerError, shorten
from decision_trees.model import (
    BooleanInput,
    DateInput,
    EnumInput,
    Input,
    IntegerInput,
    NumberInput,
    SetInput,
    TextInput,
)

__all__ = ["UNKNOWN", "Unknown", "answer_to_json", "coerce_answer"]


class Unknown:
    """The answer "I don't know". Use the singleton :data:`UNKNOWN` (or the string ``"unknown"``)."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown()
UNKNOWN_WORD: Final = "unknown"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def coerce_answer(input_id: str, decl: Input, value: Any) -> Any:
    """Check ``value`` against the input's declaration and return its typed form.

    Sets become ``frozenset``, ISO date strings become ``datetime.date``, and ``"unknown"``
    becomes :data:`UNKNOWN` where the input allows it.
    """
    if value is UNKNOWN or (value == UNKNOWN_WORD and not isinstance(decl, TextInput)):
        if decl.allow_unknown:
            return UNKNOWN
        raise InvalidAnswerError.of(input_id, value, "DT202.no_unknown")
    if isinstance(decl, BooleanInput):
        if isinstance(value, bool):
            return value
        raise InvalidAnswerError.of(input_id, value, "DT202.boolean")
    if isinstance(decl, EnumInput):
        if isinstance(value, str) and value in decl.values:
            return value
        raise InvalidAnswerError.of(input_id, value, "DT202.one_of", values=", ".join(decl.values))
    if isinstance(decl, SetInput):
        return _coerce_set(input_id, decl, value)
    if isinstance(decl, NumberInput | IntegerInput):
        return _coerce_number(input_id, decl, value)
    if isinstance(decl, DateInput):
        return _coerce_date(input_id, decl, value)
    assert isinstance(decl, TextInput)
    if not isinstance(value, str):
        raise InvalidAnswerError.of(input_id, value, "DT202.text")
    if len(value) > decl.max_length:
        raise InvalidAnswerError.of(input_id, value, "DT202.too_long", limit=decl.max_length)
    return value


def _coerce_set(input_id: str, decl: SetInput, value: Any) -> frozenset[str]:
    """A list of declared values as a ``frozenset``; the error names up to five undeclared ones."""
    if isinstance(value, frozenset) and value.issubset(decl.values):  # already checked form
        return value
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidAnswerError.of(input_id, value, "DT202.list")
    bad: list[str] = []
    for v in value:
        if not (isinstance(v, str) and v in decl.values):
            shown = v if isinstance(v, str) and len(v) <= 40 else shorten(v, 40)
            if shown not in bad:
                bad.append(shown)
            if len(bad) > 5:
                break
    if bad:
        named = ", ".join(sorted(bad[:5])) + (", …" if len(bad) > 5 else "")
        raise InvalidAnswerError.of(
            input_id, value, "DT202.not_among", named=named, values=", ".join(decl.values)
        )
    return frozenset(value)


def _coerce_number(input_id: str, decl: NumberInput | IntegerInput, value: Any) -> Any:
    """A finite number (a whole one for an integer input) within the declared bounds."""
    if isinstance(decl, IntegerInput) and not (isinstance(value, int) and _is_number(value)):
        raise InvalidAnswerError.of(input_id, value, "DT202.integer")
    if not _is_number(value):
        raise InvalidAnswerError.of(input_id, value, "DT202.number")
    if isinstance(value, float) and not math.isfinite(value):  # (an int is always finite)
        raise InvalidAnswerError.of(input_id, value, "DT202.finite")
    return _bounded(input_id, value, decl.minimum, decl.maximum)


def _coerce_date(input_id: str, decl: DateInput, value: Any) -> Any:
    """A ``datetime.date`` (or its ISO text) within the declared bounds; a datetime is refused."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidAnswerError.of(input_id, value, "DT202.date") from None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidAnswerError.of(input_id, value, "DT202.date")
    return _bounded(input_id, value, decl.minimum, decl.maximum)


def _bounded(input_id: str, value: Any, low: Any, high: Any) -> Any:
    if low is not None and value < low:
        raise InvalidAnswerError.of(input_id, value, "DT202.below", low=low)
    if high is not None and value > high:
        raise InvalidAnswerError.of(input_id, value, "DT202.above", high=high)
    return value


def answer_to_json(value: Any) -> Any:
    """The JSON form of a typed answer: sorted lists for sets, ISO strings for dates."""
    if value is UNKNOWN:
        return UNKNOWN_WORD
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_LARGEST = 1.7976931348623157e308  # the largest finite float


def answer_checker(input_id: str, decl: Input) -> Callable[[Any], Any]:
    """``coerce_answer`` for one input, with the answers already in checked form (``True``, a
    declared value, an in-range ``int``/``float``/``date``, a ``frozenset`` of declared values)
    recognised by their exact type first; anything else takes ``coerce_answer``."""

    def slow(value: Any) -> Any:
        return coerce_answer(input_id, decl, value)

    if isinstance(decl, BooleanInput):
        return _boolean_checker(slow)
    if isinstance(decl, EnumInput | SetInput):
        return _choice_checker(decl, slow)
    if isinstance(decl, NumberInput | IntegerInput | DateInput):
        return _range_checker(decl, slow)
    return slow


def _boolean_checker(slow: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The fast check of a boolean input: ``True`` or ``False`` itself."""

    def check(value: Any) -> Any:
        if value is True or value is False:
            return value
        return slow(value)

    return check


def _choice_checker(decl: EnumInput | SetInput, slow: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The fast check of an enum (a declared value) or set input (a ``frozenset`` of them)."""
    allow_unknown = decl.allow_unknown
    values = frozenset(decl.values)
    known = values - {UNKNOWN_WORD}
    if isinstance(decl, EnumInput):

        def check(value: Any) -> Any:
            if value.__class__ is str and value in known:
                return value
            if value is UNKNOWN and allow_unknown:
                return value
            return slow(value)

    else:

        def check(value: Any) -> Any:
            if value.__class__ is frozenset and value <= values:
                return value
            if value is UNKNOWN and allow_unknown:
                return value
            return slow(value)

    return check


def _range_checker(
    decl: NumberInput | IntegerInput | DateInput, slow: Callable[[Any], Any]
) -> Callable[[Any], Any]:
    """The fast check of a number, integer or date input: the exact type within the bounds."""
    allow_unknown = decl.allow_unknown
    low: Any = decl.minimum
    high: Any = decl.maximum
    if isinstance(decl, DateInput):
        kinds: tuple[type, ...] = (dt.date,)
        low = dt.date.min if low is None else low
        high = dt.date.max if high is None else high
    else:
        kinds = (int,) if isinstance(decl, IntegerInput) else (int, float)
        low = -_LARGEST if low is None else low  # NaN and the infinities fall through
        high = _LARGEST if high is None else high

    def check(value: Any) -> Any:
        if value.__class__ in kinds and low <= value <= high:
            return value
        if value is UNKNOWN and allow_unknown:
            return value
        return slow(value)

    return check
