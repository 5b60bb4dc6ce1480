"""Reference lists (EU critical technology areas, dual-use categories) and an institution's own lists.

The reference lists ship as data with their ``source`` and ``as_of`` date. No country list ships:
sanctions and embargoes change often, and the national guidance is country-neutral. An institution
loads its own dated lists (countries that need extra attention, its crown jewels, a partner watch
list) with :func:`load_lists`; a case then derives the tree's list questions from them. Its lists
file may also name the user-assigned country codes it uses (``country_names``), in Dutch and
English; officially assigned codes keep their ISO names (:mod:`kennisveiligheid.countries`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from decision_trees import Lang, Problem, Text
from decision_trees.support import check_structure, word
from kennisveiligheid._files import DATA, read_yaml, validation_problems
from kennisveiligheid.countries import _iso, country_code, is_country_code, is_user_assigned
from kennisveiligheid.errors import CountryCodeError, ListsError

__all__ = [
    "CountryCode",
    "CountryEntry",
    "CrownJewel",
    "InstitutionLists",
    "ListPolicy",
    "ListSource",
    "ReferenceEntry",
    "ReferenceList",
    "WatchEntry",
    "country_source",
    "critical_technology_areas",
    "dual_use_categories",
    "is_country_code",
    "load_lists",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# ----------------------------------------------------------------------------------------------
# Country codes (ISO 3166-1 alpha-2)


def _country_code(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return country_code(value)
    except CountryCodeError as exc:
        # a custom error keeps the message as it is (no "Value error, " in front)
        # (its facts go along, so that the message can be worded in another language)
        facts = {**dict(exc.facts), "reason_key": exc.key} if exc.key else {}
        raise PydanticCustomError("country_code", "{message}", {"message": str(exc), **facts}) from None


CountryCode = Annotated[str, BeforeValidator(_country_code)]
"""An ISO 3166-1 alpha-2 code, upper-cased and checked against pycountry's current codes
(user-assigned codes are accepted; unknown and withdrawn codes are ``KV130`` problems)."""

# ----------------------------------------------------------------------------------------------
# Reference lists shipped with the package


class ListSource(_Frozen):
    """Where a list comes from."""

    title: Annotated[str, Field(min_length=1)]
    publisher: Annotated[str, Field(min_length=1)]
    url: str | None = None
    section: str | None = None
    date: dt.date


class ReferenceEntry(_Frozen):
    """One entry of a reference list."""

    id: str
    label: Text
    highest_risk: bool | None = None
    category: int | None = None


class ReferenceList(_Frozen):
    """A dated reference list with its source."""

    id: str
    title: Text
    source: ListSource
    as_of: dt.date
    updated: str | None = None
    entries: tuple[ReferenceEntry, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """The entry ids, in list order."""
        return tuple(entry.id for entry in self.entries)

    def get(self, entry_id: str) -> ReferenceEntry:
        """The entry with ``entry_id``; ``KeyError`` when there is none."""
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)


def country_source() -> ListSource:
    """Where the country codes and names come from: pycountry's ISO 3166-1 data, with its version.

    pycountry is versioned by the date of its data (``26.2.16`` is 16 February 2026); that date is
    the source's ``date``.
    """
    iso = _iso()
    found = re.fullmatch(r"(\d{2,4})\.(\d{1,2})\.(\d{1,2})(?:\D.*)?", iso.version)
    date = dt.date.min  # not a dated version: shown as 0001-01-01, plainly unknown
    if found:
        year = int(found[1])
        date = dt.date(year + 2000 if year < 100 else year, int(found[2]), int(found[3]))
    return ListSource(
        title="ISO 3166-1 Codes for the representation of names of countries, part 1 (alpha-2 codes "
        "and short names) and ISO 3166-3 (withdrawn codes)",
        publisher="International Organization for Standardization, as packaged by pycountry "
        "(data and translations of Debian iso-codes)",
        url="https://pypi.org/project/pycountry/",
        section=f"pycountry {iso.version}",
        date=date,
    )


def _reference_list(name: str) -> ReferenceList:
    data, problems = read_yaml(DATA / name)
    assert not problems, problems
    return ReferenceList.model_validate(data)


@functools.cache
def critical_technology_areas() -> ReferenceList:
    """The ten EU critical technology areas (Recommendation (EU) 2023/2113); four are highest-risk."""
    return _reference_list("critical_technology_areas.yaml")


@functools.cache
def dual_use_categories() -> ReferenceList:
    """The categories 0-9 of Annex I of Regulation (EU) 2021/821 (Annex I is updated yearly)."""
    return _reference_list("dual_use_annex_i.yaml")


# ----------------------------------------------------------------------------------------------
# An institution's own lists


def _normalise_name(name: str) -> str:
    return " ".join(name.casefold().split())


ListPolicy = Literal["extra_attention", "do_not_collaborate"]
"""What the institution does with an entry on its own list: look closer (the default), or not
collaborate at all. The national guidance has no such list; the policy is the institution's own."""


class CountryEntry(_Frozen):
    """A country on the institution's list, with the reason it is there and the list's policy."""

    code: CountryCode
    note: str | None = None
    policy: ListPolicy = "extra_attention"


class CrownJewel(_Frozen):
    """A knowledge area the institution has named as especially valuable or vulnerable."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]{0,99}$")]
    label: Text
    note: str | None = None


class WatchEntry(_Frozen):
    """A partner (or owner or funder) that needs extra attention, with its other names."""

    name: Annotated[str, Field(min_length=1)]
    aliases: tuple[str, ...] = ()
    note: str | None = None
    policy: ListPolicy = "extra_attention"

    def matches(self, name: str) -> bool:
        """Whether ``name`` is this entry's name or an alias (case and spacing ignored)."""
        wanted = _normalise_name(name)
        return any(_normalise_name(n) == wanted for n in (self.name, *self.aliases))


class _DatedList(_Frozen):
    title: str | None = None
    source: Annotated[str, Field(min_length=1)]
    as_of: dt.date


class CountryList(_DatedList):
    """The institution's own dated country list."""

    kind: Literal["countries"] = "countries"
    entries: tuple[CountryEntry, ...]

    @model_validator(mode="after")
    def _unique(self) -> CountryList:
        seen: set[str] = set()
        for entry in self.entries:
            if entry.code in seen:
                raise ValueError(f"country {entry.code} is listed twice")
            seen.add(entry.code)
        return self


class CrownJewelList(_DatedList):
    """The institution's own dated list of crown jewels."""

    kind: Literal["crown_jewels"] = "crown_jewels"
    entries: tuple[CrownJewel, ...]

    @model_validator(mode="after")
    def _unique(self) -> CrownJewelList:
        ids = [entry.id for entry in self.entries]
        doubles = sorted({i for i in ids if ids.count(i) > 1})
        if doubles:
            raise ValueError(f"crown jewel ids listed twice: {', '.join(doubles)}")
        return self


class WatchList(_DatedList):
    """The institution's own dated watch list of partners, owners and funders."""

    kind: Literal["watch_list"] = "watch_list"
    entries: tuple[WatchEntry, ...]


class InstitutionLists(_Frozen):
    """An institution's own dated lists. Every list is optional; each has a ``source`` and ``as_of``.

    ``max_age_days`` is how old a list may be before :meth:`stale` reports it. ``country_names``
    names user-assigned codes (``XA``-``XZ``, ``QM``-``QZ``, ``AA``, ``ZZ``) in Dutch and English.
    """

    institution: str | None = None
    max_age_days: Annotated[int, Field(ge=1)] = 365
    country_names: dict[CountryCode, Text] = Field(default_factory=dict)
    countries: CountryList | None = None
    crown_jewels: CrownJewelList | None = None
    watch_list: WatchList | None = None
    origin: str | None = Field(default=None, exclude=True, description="The file the lists were read from.")

    @field_validator("country_names")
    @classmethod
    def _only_user_assigned(cls, names: dict[str, Text]) -> dict[str, Text]:
        iso = sorted(code for code in names if not is_user_assigned(code))
        if iso:
            raise ValueError(
                f"{', '.join(iso)}: only user-assigned codes (AA, QM-QZ, XA-XZ, ZZ) take the "
                "institution's own name; officially assigned codes keep their ISO name"
            )
        return names

    def country_name(self, code: str) -> Text | None:
        """The institution's own name (nl and en) for a user-assigned ``code``, or ``None``."""
        return self.country_names.get(code.strip().upper())

    def country(self, code: str) -> CountryEntry | None:
        """The country list's entry for ``code``, or ``None``."""
        if self.countries is None:
            return None
        return next((e for e in self.countries.entries if e.code == code.upper()), None)

    def watched(self, name: str) -> WatchEntry | None:
        """The watch list's entry matching ``name`` (or an alias), or ``None``."""
        if self.watch_list is None:
            return None
        return next((e for e in self.watch_list.entries if e.matches(name)), None)

    def crown_jewel(self, jewel_id: str) -> CrownJewel | None:
        """The crown jewel with ``jewel_id``, or ``None``."""
        if self.crown_jewels is None:
            return None
        return next((e for e in self.crown_jewels.entries if e.id == jewel_id), None)

    def stale(self, on: dt.date | None = None, lang: Lang = "en") -> list[str]:
        """One line per list older than ``max_age_days`` on ``on`` (today by default), in ``lang``."""
        today = on or dt.date.today()
        lines = []
        for key in ("countries", "crown_jewels", "watch_list"):
            found: _DatedList | None = getattr(self, key)
            if found is not None and (today - found.as_of).days > self.max_age_days:
                what = word(f"list.{key}", lang)
                lines.append(word("stale_list", lang, what=what, date=found.as_of, days=self.max_age_days))
        return lines


def load_lists(source: str | os.PathLike[str] | dict[str, Any]) -> InstitutionLists:
    """Read an institution's lists from a YAML file (or a mapping); :class:`ListsError` if invalid."""
    name = None if isinstance(source, dict) else os.fspath(source)
    if isinstance(source, dict):
        data: Any = source
        refused = check_structure(data)
        if refused:
            raise ListsError(refused, name)
    else:
        data, problems = read_yaml(source)
        if problems:
            raise ListsError(problems, name)
    if not isinstance(data, dict):
        raise ListsError([Problem.of("KV110.mapping")], name)
    try:
        lists = InstitutionLists.model_validate(data)
    except ValidationError as exc:
        problems = [*validation_problems(exc, "KV110")]
        known = [k for k in InstitutionLists.model_fields if k != "origin"]
        for key in data:
            if key not in InstitutionLists.model_fields:
                close = difflib.get_close_matches(str(key), known, n=1)
                if close:
                    problems.append(Problem.of("KV110.mean_field", field=str(key), suggestion=close[0]))
        raise ListsError(problems, name) from None
    return lists.model_copy(update={"origin": name})
