"""Country codes and names: ISO 3166-1 through pycountry, plus the user-assigned codes.

A partner's or funder's country is an ISO 3166-1 alpha-2 code. The officially assigned codes and
their names come from pycountry (the ISO data of Debian's iso-codes, with its translations);
nothing about a country is kept here by hand. The user-assigned codes (``AA``, ``QM``-``QZ``,
``XA``-``XZ``, ``ZZ``) are accepted as well: the example cases use them for fictional countries,
and an institution may use them for its own groupings and name them in its lists file.

A country's name is ISO data, never a judgement: no list of countries and their risks ships.
pycountry is imported on first use only, so ``import kennisveiligheid`` stays light.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kennisveiligheid.errors import CountryCodeError

if TYPE_CHECKING:
    from decision_trees import Lang
    from kennisveiligheid.lists import InstitutionLists

__all__ = [
    "country_code",
    "country_label",
    "country_name",
    "country_names",
    "is_country_code",
    "is_user_assigned",
]

_USER_ASSIGNED = re.compile(r"AA|Q[M-Z]|X[A-Z]|ZZ")
_ALPHA_2 = re.compile(r"[A-Z]{2}")


def is_user_assigned(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 user-assigned code: AA, QM-QZ, XA-XZ or ZZ."""
    return _USER_ASSIGNED.fullmatch(code) is not None


def is_country_code(code: str) -> bool:
    """Whether ``code`` is a current ISO 3166-1 alpha-2 code (officially or user-assigned).

    Upper case only; withdrawn codes (such as ``AN``, ``YU``, ``CS``) are not country codes.
    """
    if _ALPHA_2.fullmatch(code) is None:
        return False
    return is_user_assigned(code) or code in _iso().names


# ----------------------------------------------------------------------------------------------
# The ISO data, read once from pycountry


@dataclass(frozen=True, slots=True)
class _Iso:
    version: str
    names: dict[str, dict[Lang, str]]  # current alpha-2 code -> name in nl and en
    withdrawn: dict[str, tuple[tuple[str, str, str], ...]]  # code -> (en, nl, withdrawal date)


def _normal(text: str) -> str:
    """Case, accents, punctuation and spacing ignored: 'Côte d’Ivoire' matches 'cote d ivoire'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def _dutch(domain: str) -> Any:
    import gettext

    import pycountry

    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["nl"], fallback=True)


@functools.cache
def _iso() -> _Iso:
    """Current codes with their names, and withdrawn codes (read on first use)."""
    import pycountry

    nl_names, nl_old = _dutch("iso3166-1"), _dutch("iso3166-3")
    names: dict[str, dict[Lang, str]] = {}
    for country in pycountry.countries:
        common = getattr(country, "common_name", None)
        # the common name where pycountry gives one ("South Korea"), else the ISO short name
        short = str(common) if common else str(country.name)
        names[str(country.alpha_2)] = {"en": short, "nl": nl_names.gettext(short)}
    withdrawn: dict[str, list[tuple[str, str, str]]] = {}
    for old in pycountry.historic_countries:
        code = str(old.alpha_2)
        if code in names:  # reassigned since (BY, GE, ...): the current meaning holds
            continue
        dutch = nl_old.gettext(str(old.name)).split(";")[0].strip()
        withdrawn.setdefault(code, []).append((str(old.name), dutch, str(old.withdrawal_date)))
    version = getattr(pycountry, "__version__", None) or _distribution_version()
    return _Iso(version, names, {k: tuple(v) for k, v in withdrawn.items()})


@functools.cache
def _index() -> dict[str, str]:
    """Every spelling that points at a current code: English and Dutch short, common and official
    names, alpha-3 and alpha-2 codes, normalised (built only when a code is wrong)."""
    import pycountry

    nl_names = _dutch("iso3166-1")
    index: dict[str, str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_2)
        spelled = {
            str(country.name),
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        }
        english = {name for name in spelled if name}
        for name in english | {nl_names.gettext(name) for name in english}:
            index.setdefault(_normal(name), code)
    for country in pycountry.countries:
        index.setdefault(_normal(str(country.alpha_3)), str(country.alpha_2))
        index[_normal(str(country.alpha_2))] = str(country.alpha_2)
    return index


def _distribution_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("pycountry")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of this package
        return "unknown"


# ----------------------------------------------------------------------------------------------
# Checking a code, with a did-you-mean


def _suggest(text: str) -> tuple[str, ...]:
    """The current codes ``text`` most likely means: by code, English or Dutch name (close matches)."""
    index = _index()
    wanted = _normal(text)
    if not wanted:
        return ()
    if wanted in index:
        return (index[wanted],)
    found: list[str] = []
    for key in difflib.get_close_matches(wanted, list(index), n=6, cutoff=0.75):
        code = index[key]
        if code not in found and len(key) > 3:  # a two- or three-letter typo says nothing
            found.append(code)
    if not found and len(wanted) >= 4:  # a word of the name: "Korea" → KR, KP
        for key, code in index.items():
            if code not in found and wanted in key.split():
                found.append(code)
    return tuple(found[:3])


def _with_names(code: str) -> str:
    names = _iso().names[code]
    spelled = names["nl"] if names["nl"] == names["en"] else f"{names['nl']} / {names['en']}"
    return f"{code} ({spelled})"


def country_code(text: str) -> str:
    """``text`` as a checked country code (upper case); :class:`CountryCodeError` if it is not one.

    The error names the code meant where it can tell (``"Spanje"`` and ``"Spain"`` → ``ES``) and says
    when a code has been withdrawn from ISO 3166-1 (``AN``, ``YU``, ``CS``).
    """
    given = str(text)
    code = given.strip().upper()
    if is_country_code(code):
        return code
    iso = _iso()
    if code in iso.withdrawn:
        were = "; ".join(f"{en} / {nl}, withdrawn {date}" for en, nl, date in iso.withdrawn[code])
        were_nl = "; ".join(f"{nl}, ingetrokken {date}" for _, nl, date in iso.withdrawn[code])
        raise CountryCodeError.of(given, "KV130.withdrawn", (), withdrawn=True, were=were, were_nl=were_nl)
    suggestions = _suggest(given)
    if len(suggestions) == 1 and _normal(given) in _index():
        raise CountryCodeError.of(given, "KV130.use", suggestions, use=_with_names(suggestions[0]))
    if suggestions:
        listed = ", ".join(_with_names(code) for code in suggestions)
        raise CountryCodeError.of(given, "KV130.mean", suggestions, listed=listed)
    raise CountryCodeError.of(given, "KV130.unknown", suggestions)


# ----------------------------------------------------------------------------------------------
# Names in the reader's language


def country_name(code: str, lang: Lang = "nl", lists: InstitutionLists | None = None) -> str:
    """The country's name in ``lang``: its ISO name (pycountry), else the institution's own name for
    a user-assigned code (``country_names`` in its lists file), else the code itself.

    Anything that is not a current code comes back as given (stripped), so free text is safe.
    """
    given = str(code).strip()
    upper = given.upper()
    if _ALPHA_2.fullmatch(upper) is None:
        return given
    if is_user_assigned(upper):
        own = lists.country_name(upper) if lists is not None else None
        return own.get(lang) if own is not None else upper
    names = _iso().names.get(upper)
    return names[lang] if names is not None else given


def country_names(code: str, lists: InstitutionLists | None = None) -> dict[str, Any]:
    """The code, its names in Dutch and English, and where they come from (``iso``,
    ``institution`` or ``code`` when nothing names it), e.g. for JSON output."""
    upper = str(code).strip().upper()
    if is_user_assigned(upper) and lists is not None and lists.country_name(upper) is not None:
        origin = "institution"
    elif upper in _iso().names:
        origin = "iso"
    else:
        origin = "code"
    return {
        "code": upper,
        "name": {"nl": country_name(upper, "nl", lists), "en": country_name(upper, "en", lists)},
        "from": origin,
    }


def country_label(code: str, lang: Lang = "nl", lists: InstitutionLists | None = None) -> str:
    """The name with the code, as prose shows it: ``Spanje (ES)``; just ``XE`` when nothing names it
    (and free text, which is not a code, as given)."""
    given = str(code).strip()
    name = country_name(given, lang, lists)
    return name if name in (given, given.upper()) else f"{name} ({given.upper()})"
