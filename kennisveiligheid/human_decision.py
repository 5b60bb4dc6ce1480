"""What an adviser or committee decided on an escalated or postponed assessment.

The tree's own outcome is never overwritten: a :class:`HumanDecision` is recorded *beside* it,
as data (who, when, what, why), and read by reports and by :mod:`partner_criteria`. Only the
outcomes that hand the decision to people can carry one (:data:`DECIDABLE_OUTCOMES`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Final, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from decision_trees.support import word

__all__ = ["DECIDABLE_OUTCOMES", "DecidingBody", "HumanDecision", "Verdict"]

#: Outcomes of the reference tree whose decision lies with an adviser or the committee.
DECIDABLE_OUTCOMES: Final = frozenset({"escalate_adviser", "escalate_committee", "postpone"})

DecidingBody = Literal["adviser", "committee"]


class Verdict(StrEnum):
    """The decision people took (Leiden's end states: start, start with measures, postpone, do not start)."""

    GO = "go"
    GO_WITH_MEASURES = "go_with_measures"
    POSTPONE = "postpone"
    NO_GO_NOT_PERMITTED = "no_go_not_permitted"
    NO_GO_NOT_DESIRABLE = "no_go_not_desirable"


class HumanDecision(BaseModel):
    """An adviser's or committee's recorded decision on one assessment.

    ``measures`` are required for :attr:`Verdict.GO_WITH_MEASURES`, ``missing`` (what information
    is still needed) for :attr:`Verdict.POSTPONE`; ``reasons`` are always required.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    verdict: Verdict
    decided_by: DecidingBody
    decided_on: dt.date
    reasons: str = Field(min_length=1)
    names: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.verdict is Verdict.GO_WITH_MEASURES and not self.measures:
            raise ValueError("a decision 'go_with_measures' names its measures under 'measures'")
        if self.verdict is Verdict.POSTPONE and not self.missing:
            raise ValueError("a decision 'postpone' names what is missing under 'missing'")
        if self.measures and self.verdict is not Verdict.GO_WITH_MEASURES:
            raise ValueError(f"'measures' belong to 'go_with_measures', not to {self.verdict.value!r}")
        if self.missing and self.verdict is not Verdict.POSTPONE:
            raise ValueError(f"'missing' belongs to 'postpone', not to {self.verdict.value!r}")
        return self

    @property
    def permitted(self) -> bool | None:
        """False when people found the collaboration not permitted; None when they did not say."""
        return False if self.verdict is Verdict.NO_GO_NOT_PERMITTED else None

    @property
    def desirable(self) -> bool | None:
        """Whether people found it desirable: yes for go, no for "not desirable", else open."""
        if self.verdict in (Verdict.GO, Verdict.GO_WITH_MEASURES):
            return True
        if self.verdict is Verdict.NO_GO_NOT_DESIRABLE:
            return False
        return None

    @property
    def pending(self) -> bool:
        """True while the decision leaves the collaboration waiting (postponed)."""
        return self.verdict is Verdict.POSTPONE

    @property
    def blocks(self) -> bool:
        """True when the collaboration may not go ahead (not permitted or not desirable)."""
        return self.verdict in (Verdict.NO_GO_NOT_PERMITTED, Verdict.NO_GO_NOT_DESIRABLE)

    def verdict_text(self, lang: Literal["nl", "en"] = "en") -> str:
        """The verdict in words, in ``lang``."""
        return word(f"verdict.{self.verdict.value}", lang)
