"""The partner model: who the partner is, the partnership, the evidence per objective, what the
institution has in place, the review history and the knowledge-security assessment.

Frozen pydantic models with ``extra="forbid"``: a misspelt key in a partner file is an error,
not a silently dropped field. Field names follow annex 2 of the policy (see ``docs/partners.md``).
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from decision_trees import DecisionTreeError
from decision_trees.support import error_text

__all__ = [
    "INSTITUTION_TYPES",
    "MEASURE_IDS",
    "MEASURE_INPUTS",
    "OBJECTIVE_IDS",
    "PREREQUISITE_IDS",
    "SUBPOINT_IDS",
    "Category",
    "Evidence",
    "Form",
    "History",
    "InstitutionType",
    "KnowledgeSecurityRecord",
    "Partner",
    "Partnership",
    "Prerequisites",
    "ResearchEvidence",
]

InstitutionType: TypeAlias = Literal[
    "university", "university_of_applied_sciences", "research_institute", "other"
]
if TYPE_CHECKING:
    from kennisveiligheid import CollaborationForm as Form
    from kennisveiligheid import PartnerCategory as Category
else:  # checked against kennisveiligheid's shared vocabulary by Partnership's validators
    Form = str
    Category = str
INSTITUTION_TYPES: tuple[InstitutionType, ...] = (
    "university",
    "university_of_applied_sciences",
    "research_institute",
    "other",
)
#: The sub-points of objective 1 (1a: four bullets, 1b: one): boolean inputs of the criteria tree.
SUBPOINT_IDS = ("quality", "sustainability", "inclusion", "co_creation", "metropolitan")
#: Objectives 2-6: boolean inputs of the criteria tree.
OBJECTIVE_IDS = ("joint_research", "financial", "triple_helix", "exchange", "joint_education")
#: The measures of objective 2 (annex 2: "gemeten in volume, kwaliteit en breedte").
MEASURE_IDS = ("volume", "quality", "breadth")
#: The criteria tree's boolean input per measure of objective 2.
MEASURE_INPUTS = {"volume": "research_volume", "quality": "research_quality", "breadth": "research_breadth"}
#: The institution's prerequisites, as values of the tree's ``prerequisites``.
PREREQUISITE_IDS = ("overlap_analysis", "board_commitment", "multi_year_plan", "monitoring_evaluation")

Slug = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
Name = Annotated[str, Field(min_length=1, max_length=300)]
EvidenceItems = tuple[Annotated[str, Field(min_length=1, max_length=2000)], ...]


class _Invalid(DecisionTreeError, ValueError):
    """A value a validator refuses, with its message key and facts (worded per language)."""

    code = "PC200"

    @classmethod
    def of(cls, key: str, /, **facts: object) -> _Invalid:
        error = cls(error_text(key, "en", facts))
        error._keep(key, **facts)
        return error


def __getattr__(name: str) -> Any:
    """``FORMS`` and ``CATEGORIES``: the shared vocabulary's ids, from ``kennisveiligheid`` when asked."""
    if name in ("FORMS", "CATEGORIES"):
        import kennisveiligheid

        return (
            kennisveiligheid.COLLABORATION_FORMS if name == "FORMS" else kennisveiligheid.PARTNER_CATEGORIES
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _as_tuple(value: Any) -> Any:
    """One evidence item may be written as a string instead of a one-item list."""
    if isinstance(value, str):
        return (value,)
    return value


class ResearchEvidence(_Model):
    """Evidence for objective 2 by annex 2's measures: volume, quality and breadth.

    Annex 2 measures joint research proposals, jointly funded projects and joint publications "in
    volume, quality and breadth" and says no more: what counts as evidence on each measure, and how
    many measures objective 2 needs (parameter ``objective_2_min_measures``), is the institution's
    choice. A measure counts as evidenced when at least one item is recorded for it.

    ``unclassified`` holds evidence written in the older shape, one list for the whole objective;
    it still counts for objective 2 as before, in this release only (a DeprecationWarning says so).
    """

    volume: EvidenceItems = ()
    quality: EvidenceItems = ()
    breadth: EvidenceItems = ()
    unclassified: EvidenceItems = ()

    _one_item = field_validator("*", mode="before")(_as_tuple)

    @model_validator(mode="before")
    @classmethod
    def _older_shape(cls, value: Any) -> Any:
        if isinstance(value, (str, list, tuple)):
            return {"unclassified": _as_tuple(value)}
        return value

    @model_validator(mode="after")
    def _say_older_shape(self) -> ResearchEvidence:
        if self.unclassified:
            warnings.warn(
                "evidence for objective 2 (joint_research) as one list is the older shape: record it "
                "by measure (volume, quality, breadth); the list still counts as before in this "
                "release and stops in the next",
                DeprecationWarning,
                stacklevel=2,
            )
        return self

    def measures(self) -> frozenset[str]:
        """The measures with evidence."""
        return frozenset(m for m in MEASURE_IDS if getattr(self, m))

    def __bool__(self) -> bool:
        return bool(self.measures() or self.unclassified)


class Evidence(_Model):
    """Evidence per objective (and per sub-point of objective 1): short descriptions of what shows it.

    An objective or sub-point counts as evidenced when at least one item is recorded for it.
    """

    quality: EvidenceItems = ()
    sustainability: EvidenceItems = ()
    inclusion: EvidenceItems = ()
    co_creation: EvidenceItems = ()
    metropolitan: EvidenceItems = ()
    joint_research: ResearchEvidence = ResearchEvidence()
    financial: EvidenceItems = ()
    triple_helix: EvidenceItems = ()
    exchange: EvidenceItems = ()
    joint_education: EvidenceItems = ()

    _one_item = field_validator(*SUBPOINT_IDS, *OBJECTIVE_IDS[1:], mode="before")(_as_tuple)

    def synergy(self) -> frozenset[str]:
        """The sub-points of objective 1 with evidence."""
        return frozenset(k for k in SUBPOINT_IDS if getattr(self, k))

    def objectives(self) -> frozenset[str]:
        """Objectives 2-6 with any evidence (objective 2: on any measure, or in the older shape)."""
        return frozenset(k for k in OBJECTIVE_IDS if getattr(self, k))

    @classmethod
    def of(cls, synergy: Any = (), objectives: Any = (), text: str = "recorded") -> Evidence:
        """Evidence with one item ``text`` for each named sub-point and objective (tests, registers);
        objective 2 gets the item on each of its three measures."""
        data: dict[str, Any] = dict.fromkeys((*synergy, *objectives), (text,))
        if "joint_research" in data:
            data["joint_research"] = dict.fromkeys(MEASURE_IDS, (text,))
        return cls(**data)


class Prerequisites(_Model):
    """What the institution itself must have in place to enter or keep a strategic partnership."""

    overlap_analysis: bool = False
    board_commitment: bool = False
    multi_year_plan: bool = False
    monitoring_evaluation: bool = False

    def in_place(self) -> frozenset[str]:
        """The prerequisites that are in place."""
        return frozenset(k for k in PREREQUISITE_IDS if getattr(self, k))


class Partnership(_Model):
    """The partnership: its category, forms of collaboration and agreement dates."""

    category: Category
    forms: tuple[Form, ...] = ()
    unit: Annotated[str, Field(min_length=1, max_length=300)] | None = Field(
        default=None, description="The faculty or research centre (for preferred partners)."
    )
    start: dt.date | None = Field(default=None, description="Start of the partnership; none for a candidate.")
    agreement_end: dt.date | None = Field(default=None, description="End date of the current agreement.")

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any) -> Any:
        from kennisveiligheid import canonical_category  # lazy: the import stays light

        return canonical_category(value)

    @field_validator("forms", mode="before")
    @classmethod
    def _forms(cls, values: Any) -> Any:
        from kennisveiligheid import canonical_form  # lazy: the import stays light

        if isinstance(values, (list, tuple)):
            return tuple(canonical_form(v) for v in values)
        return values

    @field_validator("forms")
    @classmethod
    def _no_repeats(cls, forms: tuple[Form, ...]) -> tuple[Form, ...]:
        if len(set(forms)) != len(forms):
            raise _Invalid.of("PC200.forms_twice")
        return forms

    @model_validator(mode="after")
    def _end_after_start(self) -> Partnership:
        if self.start and self.agreement_end and self.agreement_end <= self.start:
            raise _Invalid.of("PC200.end_after_start", end=self.agreement_end, start=self.start)
        return self


class History(_Model):
    """When the partnership was last monitored, evaluated, evaluated by the strategy team (yearly,
    strategic partners only) and assessed for knowledge security."""

    last_monitoring: dt.date | None = None
    last_evaluation: dt.date | None = None
    last_strategy_review: dt.date | None = None
    last_knowledge_security: dt.date | None = None


class KnowledgeSecurityRecord(_Model):
    """Either a knowledge-security case to assess, or the outcome of an earlier assessment.

    ``case`` is a case file; relative paths are resolved against the partner (or register) file
    when it is loaded. A recorded outcome names the outcome id, the date and the tree's content
    hash; ``permitted`` and ``desirable`` are needed only for outcomes of a tree other than the
    one the outcome is interpreted with.
    """

    case: Path | None = None
    outcome: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]{0,99}$")] | None = None
    date: dt.date | None = None
    tree: str | None = None
    tree_hash: Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")] | None = None
    permitted: bool | None = None
    desirable: bool | None = None
    human_decision: Any = Field(
        default=None,
        description="What the adviser or committee decided on an escalated or postponed assessment "
        "(a kennisveiligheid.HumanDecision: verdict, decided_by, decided_on, reasons, ...).",
    )

    @field_validator("human_decision", mode="before")
    @classmethod
    def _human_decision(cls, value: Any) -> Any:
        if value is None:
            return None
        from kennisveiligheid import HumanDecision  # lazy: only registers that record one pay for it

        if isinstance(value, HumanDecision):
            return value
        return HumanDecision.model_validate(value)

    @model_validator(mode="after")
    def _case_or_outcome(self) -> KnowledgeSecurityRecord:
        if (self.case is None) == (self.outcome is None):
            raise _Invalid.of("PC200.case_or_outcome")
        if self.outcome is not None and (self.date is None or self.tree_hash is None):
            raise _Invalid.of("PC200.outcome_needs")
        return self


class Partner(_Model):
    """A (candidate) partner institution and its partnership with the institution."""

    id: Slug
    name: Name
    country: Name
    city: Name
    metropolitan_area: Name | None = None
    type: InstitutionType
    partnership: Partnership
    evidence: Evidence = Evidence()
    prerequisites: Prerequisites = Prerequisites()
    history: History = History()
    knowledge_security: KnowledgeSecurityRecord | None = None
    notes: Annotated[str, Field(max_length=5000)] | None = None

    @model_validator(mode="after")
    def _history_after_start(self) -> Partner:
        start = self.partnership.start
        for name in ("last_monitoring", "last_evaluation"):
            when = getattr(self.history, name)
            if when is not None and start is None:
                raise _Invalid.of("PC200.history_no_start", name=name)
            if when is not None and start is not None and when < start:
                raise _Invalid.of("PC200.history_before", name=name, when=when, start=start)
        return self

    @property
    def last_knowledge_security(self) -> dt.date | None:
        """The latest knowledge-security assessment: the history entry or the recorded outcome's date."""
        dates = [self.history.last_knowledge_security]
        if self.knowledge_security is not None:
            dates.append(self.knowledge_security.date)
        known = [d for d in dates if d is not None]
        return max(known) if known else None
