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

from decision_trees import DecisionTreeError, Lang
from decision_trees.support import listing, problems_found

__all__ = ["CriteriaShapeError", "KnowledgeSecurityError", "ParameterError", "PartnerFileError"]


class ParameterError(DecisionTreeError, ValueError):
    """A parameter of the criteria is unknown or outside its documented range."""

    code = "PC100"


class CriteriaShapeError(DecisionTreeError, ValueError):
    """A criteria tree does not have the rules and inputs that :mod:`partner_criteria` reads."""

    code = "PC110"


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
        return listing(head, list(self.problems), lang, self.max_listed)


class KnowledgeSecurityError(DecisionTreeError, ValueError):
    """A knowledge-security case or recorded outcome cannot be turned into a status."""

    code = "PC300"
