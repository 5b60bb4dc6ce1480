"""Errors of :mod:`partner_criteria`: subclasses of the engine's root error, each with a stable code.

| code  | class                   | raised when                                                     |
|-------|-------------------------|-----------------------------------------------------------------|
| PC100 | ParameterError          | a criteria parameter is unknown or outside its range            |
| PC110 | CriteriaShapeError      | a criteria tree lacks the rules and inputs this package reads   |
| PC200 | PartnerFileError        | a partner or register file (YAML or CSV) is missing or invalid  |
| PC300 | KnowledgeSecurityError  | a knowledge-security case or recorded outcome cannot be used    |
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from decision_trees import DecisionTreeError, Lang, Problem
from decision_trees.support import error_text, listing, problem_line, problems_found, word

__all__ = [
    "CriteriaShapeError",
    "KnowledgeSecurityError",
    "ParameterError",
    "PartnerFileError",
    "ProblemLine",
]


class ParameterError(DecisionTreeError, ValueError):
    """A parameter of the criteria is unknown or outside its documented range."""

    code = "PC100"

    @classmethod
    def of(cls, key: str, **facts: object) -> ParameterError:
        """The error with its message from the catalogue (``key``, e.g. ``"PC100.unknown"``)."""
        error = cls(error_text(key, "en", facts))
        error._keep(key, **facts)
        return error


class CriteriaShapeError(DecisionTreeError, ValueError):
    """A criteria tree does not have the rules and inputs that :mod:`partner_criteria` reads."""

    code = "PC110"

    @classmethod
    def of(cls, key: str, **facts: object) -> CriteriaShapeError:
        """The error with its message from the catalogue (``key``, e.g. ``"PC110.shape"``)."""
        error = cls(error_text(key, "en", facts))
        error._keep(key, **facts)
        return error


class ProblemLine(str):
    """One problem of a partner or register file. It is its English text (a ``str``, as the lines
    have always read) and keeps its message ``key`` and facts, so :meth:`text` says it in a language:
    ``line 3 (id): field: message``, each part only where known."""

    key: str | None
    facts: dict[str, Any]
    line: int | None
    who: str | None
    item: str | None
    field: str | None
    problem: Problem | None

    def __new__(
        cls,
        key: str | None,
        /,
        *,
        line: int | None = None,
        who: str | None = None,
        item: str | None = None,
        field: str | None = None,
        problem: Problem | None = None,
        **facts: Any,
    ) -> ProblemLine:
        parts = {"line": line, "who": who, "item": item, "field": field}
        text = _line_text("en", key, parts, facts, problem)
        self = super().__new__(cls, text)
        self.key, self.facts, self.problem = key, facts, problem
        self.line, self.who, self.item, self.field = line, who, item, field
        return self

    @classmethod
    def reading(cls, problem: Problem) -> ProblemLine:
        """A problem found by the engine's guarded reader (``line 3: [DT103] …``)."""
        return cls(None, problem=problem)

    def text(self, lang: Lang = "en") -> str:
        """The line in ``lang``."""
        parts = {"line": self.line, "who": self.who, "item": self.item, "field": self.field}
        return _line_text(lang, self.key, parts, self.facts, self.problem)


def _line_text(
    lang: Lang, key: str | None, parts: dict[str, Any], facts: dict[str, Any], problem: Problem | None
) -> str:
    if problem is not None:
        return problem_line(problem, lang)
    place = ""
    if parts["line"] is not None:
        who = f" ({parts['who']})" if parts["who"] is not None else ""
        place = word("place.line", lang, line=parts["line"]) + who + ": "
    if parts["item"] is not None:
        place += f"{parts['item']}: "
    if parts["field"] is not None:
        place += f"{parts['field']}: "
    return place + error_text(key or "PC200", lang, facts)


class PartnerFileError(DecisionTreeError, ValueError):
    """A partner or register file is missing or invalid. ``problems`` lists every problem found."""

    code = "PC200"
    max_listed = 20

    def __init__(self, source: str | None, problems: Sequence[str]) -> None:
        self.source = source
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__(self.render("en"))

    def render(self, lang: Lang = "en") -> str:
        """The heading and every problem (the heading in ``lang``)."""
        name = self.source or ("partner data" if lang == "en" else "partnergegevens")
        head = problems_found(name, len(self.problems), lang, self.code)
        lines = [p.text(lang) if isinstance(p, ProblemLine) else p for p in self.problems]
        return listing(head, lines, lang, self.max_listed)


class KnowledgeSecurityError(DecisionTreeError, ValueError):
    """A knowledge-security case or recorded outcome cannot be turned into a status."""

    code = "PC300"

    @classmethod
    def of(cls, key: str, /, **facts: object) -> KnowledgeSecurityError:
        """The error ``key`` (``"PC300.outcome"``) with its ``facts``, worded per language."""
        error = cls(error_text(key, "en", facts))
        error._keep(key, **facts)
        return error
