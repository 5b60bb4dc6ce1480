"""Exact sets of answers for one input ("regions"), closed under and, or and not.

Each input type gets a :class:`Domain` that knows its values:

- booleans and enumerations: a finite set of values;
- numbers: a union of intervals with open or closed ends;
- integers and dates (as day numbers): a union of closed whole-number ranges;
- sets (multi-select): a small binary decision diagram over "value is included" variables.

A :class:`Region` is the known part plus whether ``UNKNOWN`` is in it (only where the input
allows unknown). ``UNKNOWN`` satisfies only ``is_unknown: true``; every other test excludes it.
Nothing here enumerates an input's values except the finite ones.
"""

from __future__ import annotations

from typing import Any

from decision_trees._regions_core import INF, Domain, FiniteDomain, Region, at_least
from decision_trees._regions_numbers import DateDomain, IntegerDomain, NumberDomain
from decision_trees._regions_sets import SetDomain
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

__all__ = [
    "INF",
    "DateDomain",
    "Domain",
    "FiniteDomain",
    "IntegerDomain",
    "NumberDomain",
    "Region",
    "SetDomain",
    "at_least",
    "domain_for",
]


# ----------------------------------------------------------------------------------------------


def domain_for(input_id: str, decl: Input) -> Domain[Any] | None:
    """The domain of an input, or ``None`` for free text (never branched on)."""
    if isinstance(decl, BooleanInput | EnumInput):
        return FiniteDomain(input_id, decl)
    if isinstance(decl, SetInput):
        return SetDomain(input_id, decl)
    if isinstance(decl, IntegerInput):
        return IntegerDomain(input_id, decl)
    if isinstance(decl, NumberInput):
        return NumberDomain(input_id, decl)
    if isinstance(decl, DateInput):
        return DateDomain(input_id, decl)
    assert isinstance(decl, TextInput)
    return None
