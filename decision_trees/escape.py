"""One escaper per output format, for text from a tree, a case or a user (never trusted).

- :func:`clean`: one line, control and unassigned characters dropped (every format starts here);
- :func:`html_text`: HTML text and attribute values;
- :func:`markdown_text`: Markdown, hardened: no HTML, no emphasis, links, tables, lists or
  headings by accident.

DOT and Mermaid have their own escapers beside their renderers (:mod:`decision_trees.rendering`).
"""

from __future__ import annotations

import html
import re
import unicodedata
import urllib.parse

__all__ = ["clean", "html_text", "markdown_text", "safe_url"]

_INVISIBLE = frozenset({"Cc", "Cs", "Co", "Cn"})


def clean(text: str) -> str:
    """``text`` on one line: control and unassigned characters dropped, whitespace collapsed."""
    kept = []
    for char in text:
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) not in _INVISIBLE:
            kept.append(char)
    return " ".join("".join(kept).split())


def html_text(text: str) -> str:
    """``text`` cleaned and escaped for HTML text and (quoted) attribute values."""
    return html.escape(clean(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")
_MD_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def markdown_text(text: str) -> str:
    """``text`` for Markdown: one line, HTML-escaped (no tag or autolink can start), Markdown
    punctuation backslashed, and a leading ``-``, ``+``, ``=`` or ``1.`` as well, so that no text
    starts a list or a heading."""
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(clean(text), quote=False))
    return _MD_BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def safe_url(url: str) -> str:
    """``url`` with characters that could end a link or an attribute percent-encoded."""
    return urllib.parse.quote(url, safe=":/?#@!$&'*+,;=%~-._[]")
