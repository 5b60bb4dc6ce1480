"""The case model: a planned collaboration, described in a case file, and the tree answers it gives.

A case file (YAML) describes the partner, the forms of collaboration (those of the institution's
policy), the technology areas and the funding, and holds the tree's answers under ``answers``.
Some answers are *derived* when the case does not give them, and every derivation is reported:

- ``technology_areas`` from the case's ``technology_areas``;
- ``international`` is yes when the partner, an owner or a funder is based outside NL;
- ``formal_elements`` from the forms (an exchange means an exchange of people, a joint or double
  degree means an agreement);
- the list questions from an institution's loaded lists (:mod:`kennisveiligheid.lists`):
  ``country_on_institution_list``, ``partner_on_watch_list``, ``crown_jewel`` and
  ``institution_no_collaboration`` (an entry found whose ``policy`` is ``do_not_collaborate``). A
  list that is loaded decides its question; without a list of that kind the answer is no, since
  nothing can be on a list the institution does not have.
"""

from __future__ import annotations

import difflib
import os
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeAlias

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from decision_trees import InvalidAnswerError, Lang, Problem, SetInput, Text, Tree
from decision_trees.support import answer_to_json, check_structure, coerce_answer, shorten
from kennisveiligheid._files import read_yaml, validation_problems
from kennisveiligheid.countries import country_label
from kennisveiligheid.errors import CaseError
from kennisveiligheid.lists import CountryCode, InstitutionLists, critical_technology_areas, load_lists
from kennisveiligheid.reference import OUTCOME_IDS, reference_tree
from kennisveiligheid.vocabulary import CollaborationForm, canonical_forms

__all__ = [
    "Collaboration",
    "CollaborationForm",
    "Derivation",
    "Funding",
    "Partner",
    "PartnerType",
    "PreparedCase",
    "case_to_yaml",
    "load_case",
    "prepare",
]

PartnerType: TypeAlias = Literal[
    "university",
    "university_of_applied_sciences",
    "research_institute",
    "company",
    "government",
    "non_profit",
    "other",
]
FundingKind: TypeAlias = Literal[
    "institution",
    "partner",
    "dutch_public",
    "eu",
    "foreign_government",
    "private",
    "philanthropic",
    "other",
]
Name = Annotated[str, Field(min_length=1, max_length=300)]

_FORM_ELEMENTS: dict[str, str] = {
    "exchange": "exchange_of_people",
    "exchange_inbound": "exchange_of_people",
    "exchange_outbound": "exchange_of_people",
    "joint_double_degree": "agreement",
}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Partner(_Model):
    """The partner institution or organisation, and who owns it."""

    name: Name
    type: PartnerType | None = None
    country: CountryCode
    city: str | None = None
    owner: Name | None = None
    owner_country: CountryCode | None = None


class Funding(_Model):
    """One source of money for the collaboration."""

    funder: Name
    kind: FundingKind = "other"
    country: CountryCode | None = None
    amount_eur: Annotated[float, Field(ge=0)] | None = None


class Collaboration(_Model):
    """A planned (new, renewed or re-assessed) collaboration and the answers for the tree.

    ``answers`` maps the tree's input ids to answers (``"unknown"`` where a person may not know;
    lists for multiple choice). ``expected_outcome``, when given, is the outcome the case should
    lead to (example and regression cases); it does not change the decision.
    """

    title: str | None = None
    description: str | None = None
    partner: Partner | None = None
    forms: tuple[CollaborationForm, ...] = ()
    technology_areas: tuple[str, ...] | None = None
    funding: tuple[Funding, ...] = ()
    crown_jewels: tuple[str, ...] = ()
    answers: dict[str, Any] = Field(default_factory=dict)
    expected_outcome: str | None = None

    _forms = field_validator("forms", mode="before")(canonical_forms)

    @field_validator("technology_areas")
    @classmethod
    def _known_areas(cls, areas: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if areas is None:
            return None
        known = critical_technology_areas().ids
        for area in areas:
            if area not in known:
                close = difflib.get_close_matches(area, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; one of {', '.join(known)}"
                raise ValueError(f"{area!r} is not an EU critical technology area{hint}")
        return areas

    @field_validator("expected_outcome")
    @classmethod
    def _known_outcome(cls, outcome: str | None) -> str | None:
        if outcome is not None and outcome not in OUTCOME_IDS:
            close = difflib.get_close_matches(outcome, OUTCOME_IDS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; one of {', '.join(OUTCOME_IDS)}"
            raise ValueError(f"{outcome!r} is not an outcome id{hint}")
        return outcome

    def countries(self) -> list[str]:
        """Every country the case names: the partner's, its owner's and the funders'."""
        found: dict[str, None] = {}
        if self.partner is not None:
            found[self.partner.country] = None
            if self.partner.owner_country is not None:
                found[self.partner.owner_country] = None
        for funding in self.funding:
            if funding.country is not None:
                found[funding.country] = None
        return list(found)

    def names(self) -> list[str]:
        """Every party the case names: the partner, its owner and the funders."""
        found: dict[str, None] = {}
        if self.partner is not None:
            found[self.partner.name] = None
            if self.partner.owner is not None:
                found[self.partner.owner] = None
        for funding in self.funding:
            found[funding.funder] = None
        return list(found)


@dataclass(frozen=True, slots=True)
class Derivation:
    """An answer the case did not give itself, with the reason it has its value."""

    input: str
    value: Any
    reason: Text

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {"input": self.input, "value": answer_to_json(self.value), "reason": self.reason.model_dump()}


@dataclass(frozen=True, slots=True)
class PreparedCase:
    """A case made ready for a tree: the checked answers, and which of them were derived."""

    case: Collaboration
    answers: dict[str, Any]
    derived: tuple[Derivation, ...]


def load_case(source: str | os.PathLike[str]) -> Collaboration:
    """Read a case file (YAML); raises :class:`~kennisveiligheid.errors.CaseError` listing every problem."""
    name = os.fspath(source)
    data, problems = read_yaml(source)
    if problems:
        raise CaseError(problems, name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DeprecationWarning)
        case = as_collaboration(data, source=name)
    for warning in caught:  # old vocabulary ids: say which file uses them
        warnings.warn(f"{name}: {warning.message}", DeprecationWarning, stacklevel=2)
    return case


def as_collaboration(case: Any, tree: Tree | None = None, source: str | None = None) -> Collaboration:
    """A :class:`Collaboration` from a model, a case-file mapping or a plain mapping of answers.

    A mapping whose keys are all input ids of ``tree`` (the reference tree by default) is taken as
    plain answers; any other mapping must be in the case-file format.
    """
    collab, problems = _collaboration(case, tree)
    if collab is None:
        raise CaseError(problems, source)
    return collab


def _collaboration(case: Any, tree: Tree | None) -> tuple[Collaboration | None, list[str | Problem]]:
    """The case as a model, or ``None`` and every problem of its fields (with "did you mean")."""
    if isinstance(case, Collaboration):
        return case, []
    if not isinstance(case, Mapping):
        return None, ["a case is a mapping (a case file, or answers by input id)"]
    if tree is None:
        tree = reference_tree()
    structure = check_structure(case)
    if structure:
        return None, list(structure)
    if case and all(isinstance(key, str) and key in tree.inputs for key in case):
        return Collaboration(answers=dict(case)), []
    try:
        return Collaboration.model_validate(case), []
    except ValidationError as exc:
        problems = validation_problems(exc)
        fields = list(Collaboration.model_fields)
        for key in case:
            if not isinstance(key, str) or key in Collaboration.model_fields:
                continue
            if key in tree.inputs:
                problems.append(Problem.of("KV100.answer_on_top", field=key))
                continue
            close = difflib.get_close_matches(key, [*fields, *tree.inputs], n=1)
            if close and close[0] in tree.inputs:
                problems.append(Problem.of("KV100.mean_answer", field=_cut(key), suggestion=close[0]))
            elif close:
                problems.append(Problem.of("KV100.mean_field", field=_cut(key), suggestion=close[0]))
        return None, problems


def _cut(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_answers(
    raw: Mapping[Any, Any], tree: Tree, answers: dict[str, Any], problems: list[str | Problem]
) -> None:
    """Check every answer against ``tree`` (typed answers into ``answers``; one line per problem)."""
    for key, value in raw.items():
        decl = tree.inputs.get(key) if isinstance(key, str) else None
        if decl is None:
            shown = _cut(str(key)) if isinstance(key, str) else shorten(key)
            close = difflib.get_close_matches(key, list(tree.inputs), n=1) if isinstance(key, str) else []
            facts: dict[str, Any] = {"hint_key": "KV100.hint", "suggestion": close[0]} if close else {}
            problems.append(Problem.of("KV100.no_question", field=f"answers.{shown}", tree=tree.id, **facts))
            continue
        try:
            answers[key] = coerce_answer(key, decl, value)
        except InvalidAnswerError as exc:
            reason: dict[str, Any] = {**dict(exc.facts), "reason_key": exc.reason_key or "DT202"}
            problems.append(
                Problem.of(
                    "KV100.bad_answer",
                    field=f"answers.{key}",
                    reason=exc.reason,
                    value=shorten(value),
                    **reason,
                )
            )


def _text(nl: str, en: str) -> Text:
    return Text(nl=nl, en=en)


def prepare(
    case: Any,
    tree: Tree | None = None,
    lists: InstitutionLists | str | os.PathLike[str] | None = None,
    source: str | None = None,
    *,
    omitted_means_none: bool = True,
) -> PreparedCase:
    """Check a case's answers against ``tree`` and add the derived ones (see the module's notes).

    ``case`` is a :class:`Collaboration`, a mapping (case-file format or plain answers) or the path
    of a case file; ``lists`` are the institution's lists or their file. Raises
    :class:`~kennisveiligheid.errors.CaseError` listing every invalid answer or conflict.
    A case that names no ``technology_areas`` names none (shown as a derivation), unless
    ``omitted_means_none`` is false (e.g. while the question can still be asked).
    """
    if tree is None:
        tree = reference_tree()
    if isinstance(case, str | os.PathLike):
        source = source or os.fspath(case)
        case = load_case(case)
    if lists is not None and not isinstance(lists, InstitutionLists):
        lists = load_lists(lists)
    collab, problems = _collaboration(case, tree)
    answers: dict[str, Any] = {}
    if collab is None:  # report the answers' problems too, all at once
        raw = case.get("answers") if isinstance(case, Mapping) else None
        if isinstance(raw, Mapping) and not check_structure(raw):
            _check_answers(raw, tree, answers, problems)
        raise CaseError(problems, source)
    _check_answers(collab.answers, tree, answers, problems)
    derived: list[Derivation] = []

    def derive(key: str, value: Any, reason: Text) -> None:
        if key in tree.inputs:
            answers[key] = value
            derived.append(Derivation(key, value, reason))

    _derive_areas(collab, tree, answers, derive, problems, omitted_means_none=omitted_means_none)
    _derive_from_case(collab, answers, lists, derive)
    _derive_from_lists(collab, answers, lists, derive, problems)
    if problems:
        raise CaseError(problems, source)
    return PreparedCase(collab, answers, tuple(derived))


_Derive: TypeAlias = Callable[[str, Any, Text], None]


def _derive_areas(
    collab: Collaboration,
    tree: Tree,
    answers: dict[str, Any],
    derive: _Derive,
    problems: list[str | Problem],
    *,
    omitted_means_none: bool,
) -> None:
    """Derive ``technology_areas`` from the case's field, or none when the case names none."""
    # technology areas: the case's field, unless the answers say otherwise
    if collab.technology_areas is not None and "technology_areas" in tree.inputs:
        areas = frozenset(collab.technology_areas)
        given = answers.get("technology_areas")
        if given is None:
            derive(
                "technology_areas",
                areas,
                _text("uit 'technology_areas' van de casus", "from the case's 'technology_areas'"),
            )
        elif given != areas:
            problems.append(Problem.of("KV100.areas_differ", field="technology_areas"))
    elif (
        omitted_means_none
        and "technology_areas" not in answers
        and isinstance(tree.inputs.get("technology_areas"), SetInput)
    ):
        # the question says "leave empty when none applies": a case that names no area names none
        derive(
            "technology_areas",
            frozenset(),
            _text(
                "de casus noemt geen kritiek technologiegebied: geen",
                "the case names no critical technology area: none",
            ),
        )


def _derive_from_case(
    collab: Collaboration, answers: dict[str, Any], lists: InstitutionLists | None, derive: _Derive
) -> None:
    """Derive ``international`` and ``formal_elements`` from the case's countries and forms."""
    # international: a country outside the Netherlands
    if "international" not in answers:
        abroad = [c for c in collab.countries() if c != "NL"]
        if abroad:
            derive(
                "international",
                True,
                _text(
                    f"land buiten Nederland: {_countries(abroad, 'nl', lists)}",
                    f"country outside the Netherlands: {_countries(abroad, 'en', lists)}",
                ),
            )
    # formal elements from the forms of collaboration
    if "formal_elements" not in answers:
        elements = frozenset(_FORM_ELEMENTS[f] for f in collab.forms if f in _FORM_ELEMENTS)
        if elements:
            derive(
                "formal_elements",
                elements,
                _text(
                    f"uit de samenwerkingsvormen: {', '.join(collab.forms)}",
                    f"from the forms of collaboration: {', '.join(collab.forms)}",
                ),
            )


def _derive_from_lists(
    collab: Collaboration,
    answers: dict[str, Any],
    lists: InstitutionLists | None,
    derive: Any,
    problems: list[str | Problem],
) -> None:
    country_list = lists.countries if lists is not None else None
    watch_list = lists.watch_list if lists is not None else None
    jewel_list = lists.crown_jewels if lists is not None else None

    # a loaded list decides (an explicit "yes" stays yes); without a list, no
    _derive_membership(
        key="country_on_institution_list",
        items=collab.countries(),
        lookup=lists.country if lists else None,
        loaded=country_list,
        default_title="country list",
        unloaded=("geen landenlijst van de instelling geladen", "no institution country list loaded"),
        answers=answers,
        derive=derive,
        name_misses=True,
        shown=lambda codes, lang: _countries(codes, lang, lists),
    )
    _derive_membership(
        key="partner_on_watch_list",
        items=collab.names(),
        lookup=lists.watched if lists else None,
        loaded=watch_list,
        default_title="watch list",
        unloaded=("geen aandachtslijst van de instelling geladen", "no institution watch list loaded"),
        answers=answers,
        derive=derive,
        name_misses=False,
    )

    _derive_no_collaboration(collab, answers, lists, derive)

    key = "crown_jewel"
    if collab.crown_jewels:
        if jewel_list is not None and lists is not None:
            missing = [j for j in collab.crown_jewels if lists.crown_jewel(j) is None]
            if missing:
                known = ", ".join(e.id for e in jewel_list.entries)
                problems.append(
                    Problem.of("KV100.jewels", field="crown_jewels", missing=", ".join(missing), known=known)
                )
                return
        derive(
            key,
            True,
            _text(
                f"kroonjuwelen: {', '.join(collab.crown_jewels)}",
                f"crown jewels: {', '.join(collab.crown_jewels)}",
            ),
        )
    elif key not in answers:
        if jewel_list is not None:
            dated = jewel_list.as_of.isoformat()
            derive(
                key,
                False,
                _text(
                    f"de casus noemt geen kroonjuweel van de lijst ({dated})",
                    f"the case names no crown jewel of the list ({dated})",
                ),
            )
        else:
            derive(key, False, _text("geen lijst van kroonjuwelen geladen", "no crown-jewel list loaded"))


def _derive_no_collaboration(
    collab: Collaboration, answers: dict[str, Any], lists: InstitutionLists | None, derive: Any
) -> None:
    """``institution_no_collaboration``: does an entry found on a loaded list say "do not collaborate"?"""
    key = "institution_no_collaboration"
    if key in answers:
        return
    if lists is None or (lists.countries is None and lists.watch_list is None):
        derive(key, False, _text("geen eigen lijst van de instelling geladen", "no institution list loaded"))
        return
    entries: list[tuple[str, Any]] = [(c, lists.country(c)) for c in collab.countries()]
    entries += [(n, lists.watched(n)) for n in collab.names()]
    found = [name for name, entry in entries if entry is not None]
    refuse = [name for name, entry in entries if entry is not None and entry.policy == "do_not_collaborate"]
    if refuse:
        named = ", ".join(refuse)
        derive(
            key,
            True,
            _text(
                f"{named}: eigen lijst zegt niet samenwerken", f"{named}: own list says do not collaborate"
            ),
        )
    elif found:
        named = ", ".join(found)
        derive(
            key,
            False,
            _text(
                f"{named}: op de eigen lijst voor extra aandacht",
                f"{named}: on the own list for extra attention",
            ),
        )
    else:
        derive(
            key,
            False,
            _text("niet op een eigen lijst van de instelling", "not on one of the institution's own lists"),
        )


def _derive_membership(
    *,
    key: str,
    items: list[str],
    lookup: Any,
    loaded: Any,
    default_title: str,
    unloaded: tuple[str, str],
    answers: dict[str, Any],
    derive: Any,
    name_misses: bool,
    shown: Callable[[list[str], Lang], str] | None = None,
) -> None:
    """Derive ``key``: is any of ``items`` on the loaded, dated list (``lookup(item)``)?

    ``shown`` writes the items in a language (countries by name); by default they are joined.
    """
    show = shown or (lambda found, lang: ", ".join(found))
    if loaded is None:
        if key not in answers:
            derive(key, False, _text(*unloaded))
        return
    if not items:
        return
    hits = [item for item in items if lookup(item) is not None]
    title = loaded.title or default_title
    dated = loaded.as_of.isoformat()
    if hits:
        derive(
            key,
            True,
            _text(f"{show(hits, 'nl')} op '{title}' ({dated})", f"{show(hits, 'en')} on '{title}' ({dated})"),
        )
    elif answers.get(key) is not True:
        nl, en = (f"{show(items, 'nl')} ", f"{show(items, 'en')} ") if name_misses else ("", "")
        derive(key, False, _text(f"{nl}niet op '{title}' ({dated})", f"{en}not on '{title}' ({dated})"))


def _countries(codes: list[str], lang: Lang, lists: InstitutionLists | None) -> str:
    """Countries as a derivation names them: ``Spanje (ES), XE`` (ISO name, else the institution's)."""
    return ", ".join(country_label(code, lang, lists) for code in codes)


def case_to_yaml(
    answers: Mapping[str, Any],
    *,
    title: str | None = None,
    partner: Partner | None = None,
    expected_outcome: str | None = None,
    comment: str | None = None,
) -> str:
    """A case file (YAML text) for ``answers``, e.g. to save an interactive session."""
    data: dict[str, Any] = {}
    if title:
        data["title"] = title
    if partner is not None:
        data["partner"] = partner.model_dump(exclude_none=True)
    data["answers"] = {key: answer_to_json(value) for key, value in answers.items()}
    if expected_outcome is not None:
        data["expected_outcome"] = expected_outcome
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None)
    if comment:
        text = "".join(f"# {line}\n" for line in comment.splitlines()) + text
    return text
