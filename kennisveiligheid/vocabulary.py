"""One vocabulary of forms of collaboration and partner categories, shared by both packages.

The terms are those of the institution's internationalisation policy (the seed); each names its
source, date and provenance (``data/vocabulary.yaml``). ``kennisveiligheid`` case files and
``partner_criteria`` partner files and registers use these ids. Older ids
(:data:`DEPRECATED_FORMS`) still read for one release, with a :class:`DeprecationWarning` that
names the new id::

    from kennisveiligheid import canonical_form, vocabulary

    canonical_form("joint_degree")                    # "joint_double_degree", with a warning
    vocabulary().label("form", "joint_research", "nl")  # "Gezamenlijke onderzoeksprojecten"

The ids and the older ids are constants here (a test keeps them in step with the data file); the
data file is read on the first call of :func:`vocabulary`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import warnings
from collections.abc import Mapping
from typing import Annotated, Literal, TypeAlias, cast, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from decision_trees import Lang, Text
from kennisveiligheid._files import DATA, read_yaml, validation_problems

__all__ = [
    "COLLABORATION_FORMS",
    "DEPRECATED_CATEGORIES",
    "DEPRECATED_FORMS",
    "PARTNER_CATEGORIES",
    "CollaborationForm",
    "PartnerCategory",
    "Term",
    "TermKind",
    "Vocabulary",
    "canonical_categories",
    "canonical_category",
    "canonical_form",
    "canonical_forms",
    "vocabulary",
]

CollaborationForm: TypeAlias = Literal[
    "exchange",
    "exchange_inbound",
    "exchange_outbound",
    "joint_research",
    "joint_education",
    "joint_publications",
    "virtual_collaboration",
    "joint_double_degree",
    "international_project_or_module",
]
PartnerCategory: TypeAlias = Literal["exchange", "virtual_collaboration", "preferred_partner", "strategic"]
TermKind: TypeAlias = Literal["form", "category"]

#: The forms of collaboration, in the policy's order (``exchange`` with its two directions).
COLLABORATION_FORMS: tuple[CollaborationForm, ...] = get_args(CollaborationForm)
#: The partner categories, in the policy's order.
PARTNER_CATEGORIES: tuple[PartnerCategory, ...] = get_args(PartnerCategory)
#: Older ids of forms (``partner_criteria`` 0.1) and the term that replaces each.
DEPRECATED_FORMS: Mapping[str, CollaborationForm] = {
    "joint_degree": "joint_double_degree",
    "international_projects": "international_project_or_module",
}
#: Older ids of categories: none yet (the categories kept their ids).
DEPRECATED_CATEGORIES: Mapping[str, PartnerCategory] = {}

_VOCABULARY_FILE = DATA / "vocabulary.yaml"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class VocabularySource(_Model):
    """A public document the terms rest on."""

    title: Annotated[str, Field(min_length=1)]
    publisher: Annotated[str, Field(min_length=1)]
    section: str | None = None
    url: str | None = None
    date: dt.date


class Term(_Model):
    """One term: its id, labels, the source's wording and provenance, and the ids it replaces."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Text
    quote: Annotated[str, Field(min_length=1)]
    source: str
    provenance: Literal["direct", "adapted", "synthesis"]
    note: Text | None = None
    broader: str | None = None
    replaces: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _note_unless_direct(self) -> Term:
        if self.provenance != "direct" and self.note is None:
            raise ValueError(f"term {self.id!r} is {self.provenance}: it needs a note saying why")
        return self


class Vocabulary(_Model):
    """The shared vocabulary: sources, forms of collaboration and partner categories."""

    sources: dict[str, VocabularySource]
    forms: tuple[Term, ...]
    categories: tuple[Term, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Vocabulary:
        for kind, terms, ids, old in (
            ("form", self.forms, COLLABORATION_FORMS, DEPRECATED_FORMS),
            ("category", self.categories, PARTNER_CATEGORIES, DEPRECATED_CATEGORIES),
        ):
            if tuple(t.id for t in terms) != ids:
                raise ValueError(f"the {kind} ids {[t.id for t in terms]} differ from {list(ids)}")
            replaced = {o: t.id for t in terms for o in t.replaces}
            if replaced != dict(old):
                raise ValueError(f"the {kind}s' 'replaces' {replaced} differ from {dict(old)}")
            for t in terms:
                if t.source not in self.sources:
                    raise ValueError(f"{kind} {t.id!r} cites the undeclared source {t.source!r}")
                if t.broader is not None and t.broader not in ids:
                    raise ValueError(f"{kind} {t.id!r}: broader term {t.broader!r} is not a {kind}")
        return self

    def terms(self, kind: TermKind) -> tuple[Term, ...]:
        """The terms of one kind."""
        return self.forms if kind == "form" else self.categories

    def term(self, kind: TermKind, term_id: str) -> Term:
        """The term ``term_id`` of ``kind`` (an old id gives the term that replaces it)."""
        new = (DEPRECATED_FORMS if kind == "form" else DEPRECATED_CATEGORIES).get(term_id, term_id)
        for t in self.terms(kind):
            if t.id == new:
                return t
        raise KeyError(f"no {kind} {term_id!r}")

    def label(self, kind: TermKind, term_id: str, lang: Lang = "en") -> str:
        """The label of a term in ``lang``."""
        return self.term(kind, term_id).label.get(lang)


@functools.cache
def vocabulary() -> Vocabulary:
    """The shared vocabulary (read from the package's ``data/vocabulary.yaml`` once)."""
    data, problems = read_yaml(_VOCABULARY_FILE)
    if not problems:
        try:
            return Vocabulary.model_validate(data)
        except ValidationError as exc:
            problems = validation_problems(exc)
    raise ValueError(f"{_VOCABULARY_FILE}: " + "; ".join(str(p) for p in problems))  # a packaging defect


def _canonical(value: object, kind: TermKind, ids: tuple[str, ...], old: Mapping[str, str]) -> str:
    if not isinstance(value, str):
        raise ValueError(f"a {kind} is a text id, not {type(value).__name__}")
    if value in ids:
        return value
    if value in old:
        new = old[value]
        warnings.warn(
            f"the {kind} {value!r} is now called {new!r}; "
            "the old id still reads in this release and stops in the next",
            DeprecationWarning,
            stacklevel=4,
        )
        return new
    close = difflib.get_close_matches(value, [*ids, *old], n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"one of {', '.join(ids)}"
    raise ValueError(f"unknown {kind} {value!r}; {hint}")


def canonical_form(value: object) -> CollaborationForm:
    """The id of a form of collaboration; an old id gives its new one with a DeprecationWarning.

    Raises ``ValueError`` (with a did-you-mean) for an id the vocabulary does not have.
    """
    return cast(CollaborationForm, _canonical(value, "form", COLLABORATION_FORMS, DEPRECATED_FORMS))


def canonical_category(value: object) -> PartnerCategory:
    """The id of a partner category; an old id gives its new one with a DeprecationWarning."""
    return cast(PartnerCategory, _canonical(value, "category", PARTNER_CATEGORIES, DEPRECATED_CATEGORIES))


def canonical_forms(values: object) -> object:
    """Old ids in a list of forms replaced by their new ones, each with a DeprecationWarning.

    A pydantic before-validator: other items are left for the model's own check (an unknown id
    is reported there with the list of known ones), and so is anything but a list or tuple.
    """
    if isinstance(values, (list, tuple)):
        return tuple(canonical_form(v) if isinstance(v, str) and v in DEPRECATED_FORMS else v for v in values)
    return values


def canonical_categories(value: object) -> object:
    """An old category id replaced by its new one, with a DeprecationWarning (a before-validator)."""
    if isinstance(value, str) and value in DEPRECATED_CATEGORIES:
        return canonical_category(value)
    return value
