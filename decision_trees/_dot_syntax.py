"""DOT syntax: quoting, escaping for HTML-like labels, wrapping, and the sizes of the drawings."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable

from decision_trees._drawing import clean

WRAP = 30
WIDE = 40  # questions in a table have room to be wide
COLUMN_WRAP = 30  # nodes in a column of the sections layout
RULE_WRAP = 26  # rules (hexagons) in the sections layout
OUTCOME_WRAP = 20  # outcomes in their one row of the sections layout, which sets its width
SMALL = 11  # the smallest text: details, edge labels, footnotes
PIECE = 3  # rows per table in the sections layout, so that no row of the layout gets tall


def dot_quote(text: str) -> str:
    """``text`` as a DOT quoted string: backslashes and quotes escaped, newlines as ``\\n``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{escaped}"'


def h(text: str) -> str:
    """``text`` escaped for a Graphviz HTML-like label.

    Besides the XML escapes: Graphviz reads backslashes in label text as its own escapes
    (``\\N`` is the node name, ``\\\\`` one backslash), so each is doubled; and a lone ``]``
    trips its HTML lexer, so brackets go as character references.
    """
    escaped = html.escape(clean(text), quote=True)
    return escaped.replace("\\", "&#92;&#92;").replace("[", "&#91;").replace("]", "&#93;")


def tag(name: str, inner: str) -> str:
    """``inner`` in an HTML-like element (Graphviz rejects empty ones such as ``<B></B>``)."""
    return f"<{name}>{inner}</{name}>" if inner else ""


_ASIDE = re.compile(r"\s*\([^()]*\)")


def short(text: str) -> str:
    """``text`` without asides in brackets (examples, abbreviations), for the whole-tree layout;
    the full text stays in the tooltip."""
    shorter = _ASIDE.sub("", text)
    return shorter if len(shorter) >= 12 else text


def wrap(text: str, width: int = WRAP) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]


def attrs(pairs: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{key}={value}" for key, value in pairs)
