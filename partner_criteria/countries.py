"""A partner's country as reports show it: its ISO name in the reader's language with the code.

The register keeps what it was given (usually an ISO 3166-1 code such as ``ES``). Names come from
:func:`kennisveiligheid.country_name` (ISO data through pycountry), imported on first use; a
user-assigned code (``XA``-``XZ``) or text that is not a code is shown as it is.
"""

from __future__ import annotations

import functools

from decision_trees import Lang

__all__ = ["country_label", "country_name"]


@functools.lru_cache(maxsize=4096)  # a register repeats a few dozen countries many times
def country_name(country: str, lang: Lang = "en") -> str:
    """The country's name in ``lang`` (``ES`` → Spanje / Spain); anything else as it is."""
    from kennisveiligheid import country_name as iso_name

    return iso_name(country, lang)


def country_label(country: str, lang: Lang = "en") -> str:
    """``Spanje (ES)`` where the code has a name; the code (or text) alone where it has none."""
    name = country_name(country, lang)
    return country if name == country else f"{name} ({country})"
