"""The drawing model: a plain, frozen description of a drawing that every renderer translates.

Also the errors of the renderers, the severity palette, the drawings' fixed words and the text
cleaner that every label passes through. Nothing here needs Graphviz or a tree walk.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal, TypeAlias

from decision_trees.errors import DecisionTreeError, MissingDependencyError
from decision_trees.model import Lang

SourcesMode: TypeAlias = Literal["tooltip", "footnotes"] | None
Shape: TypeAlias = Literal["rounded-box", "hexagon", "stadium"]
Format: TypeAlias = Literal["svg", "png", "pdf"]
EdgeKind: TypeAlias = Literal["branch", "otherwise", "then", "else", "uses"]

# ----------------------------------------------------------------------------------------------
# Errors


class GraphvizPackageMissingError(MissingDependencyError):
    """The ``graphviz`` Python package is not installed (needed by :func:`to_graphviz` only)."""

    code = "DT610"

    def __init__(self) -> None:
        super().__init__("the graphviz Python package", "pip install graphviz", code="DT610")


class DotProgramMissingError(MissingDependencyError):
    """The Graphviz ``dot`` program is not on the PATH (needed by :func:`render` only)."""

    code = "DT611"

    def __init__(self) -> None:
        super().__init__(
            "the Graphviz program 'dot'",
            "apt-get install graphviz (Debian/Ubuntu) or brew install graphviz (macOS)",
            code="DT611",
        )


class RenderError(DecisionTreeError, RuntimeError):
    """``dot`` ran but failed (its message is included) or did not finish in time."""

    code = "DT612"


class RenderOptionError(DecisionTreeError, ValueError):
    """An option of a renderer is not valid (unknown format or language, a foreign decision …)."""

    code = "DT613"


# ----------------------------------------------------------------------------------------------
# The description


@dataclass(frozen=True, slots=True)
class SeverityBand:
    """A range of outcome severities (from ``minimum`` up to the next band) and its colours."""

    name: str
    minimum: int
    fill: str
    font: str


#: The fixed palette: an outcome takes the colours of the last band whose minimum it reaches.
SEVERITY_BANDS: tuple[SeverityBand, ...] = (
    SeverityBand("none", 0, "#e5e7eb", "#111827"),
    SeverityBand("low", 1, "#bbf7d0", "#14532d"),
    SeverityBand("moderate", 20, "#fef08a", "#713f12"),
    SeverityBand("elevated", 40, "#fed7aa", "#7c2d12"),
    SeverityBand("high", 60, "#fca5a5", "#7f1d1d"),
    SeverityBand("severe", 80, "#b91c1c", "#ffffff"),
)


def severity_band(severity: int) -> SeverityBand:
    """The band of :data:`SEVERITY_BANDS` that ``severity`` falls in."""
    chosen = SEVERITY_BANDS[0]
    for band in SEVERITY_BANDS:
        if severity >= band.minimum:
            chosen = band
    return chosen


@dataclass(frozen=True, slots=True)
class DrawnNode:
    """One node as drawn. Texts are cleaned plain text (renderers escape them)."""

    id: str
    kind: Literal["question", "rule", "outcome"]
    shape: Shape
    label: str
    detail: str | None = None
    severity: int | None = None
    band: str | None = None
    fill: str | None = None
    font_colour: str | None = None
    cluster: str | None = None
    named_condition: bool = False
    highlighted: bool = False
    faded: bool = False
    tooltip: str | None = None
    footnotes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class DrawnEdge:
    """One way out of a node (one per branch, even when branches share a target).

    ``kind`` is ``branch``, ``otherwise``, ``then``, ``else`` or ``uses`` (a rule referring to a
    named condition); ``key`` identifies it among the node's ways out. ``answer`` is the answer
    given, on the edge the decision took.
    """

    source: str
    target: str
    kind: EdgeKind
    key: str
    label: str
    answer: str | None = None
    highlighted: bool = False
    faded: bool = False


@dataclass(frozen=True, slots=True)
class Cluster:
    """A section of the tree (``section`` of its nodes), drawn as a box around them."""

    id: str
    label: str
    nodes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Footnote:
    """A source, numbered, for ``sources="footnotes"``."""

    number: int
    source: str
    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Drawing:
    """A renderer-neutral description of a tree drawing, optionally with a decision's path."""

    tree_id: str
    title: str
    lang: Lang
    sources: SourcesMode
    nodes: tuple[DrawnNode, ...]
    edges: tuple[DrawnEdge, ...]
    clusters: tuple[Cluster, ...]
    footnotes: tuple[Footnote, ...] = ()
    path: tuple[str, ...] = ()
    outcome: str | None = None
    caption: str | None = None
    partial: bool = False

    def node(self, node_id: str) -> DrawnNode:
        """The drawn node with id ``node_id``."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)


_WORDS: dict[str, dict[Lang, str]] = {
    "yes": {"en": "yes", "nl": "ja"},
    "no": {"en": "no", "nl": "nee"},
    "otherwise": {"en": "otherwise", "nl": "anders"},
    "uses": {"en": "uses", "nl": "gebruikt"},
    "severity": {"en": "severity", "nl": "zwaarte"},
    "version": {"en": "version", "nl": "versie"},
    "answer": {"en": "answer", "nl": "antwoord"},
    "holds": {"en": "holds", "nl": "geldt"},
    "fails": {"en": "does not hold", "nl": "geldt niet"},
    "decision": {"en": "Decision", "nl": "Besluit"},
    "sources": {"en": "Sources", "nl": "Bronnen"},
    "path_only": {"en": "path and its neighbourhood", "nl": "pad en omgeving"},
    "direct": {"en": "direct", "nl": "direct"},
    "adapted": {"en": "adapted", "nl": "bewerkt"},
    "synthesis": {"en": "synthesis", "nl": "synthese"},
    "permitted": {"en": "permitted", "nl": "toegestaan"},
    "not_permitted": {"en": "not permitted", "nl": "niet toegestaan"},
}


def word(key: str, lang: Lang) -> str:
    """A fixed word of the drawings in ``lang``."""
    return _WORDS[key][lang]


_INVISIBLE = {"Cc", "Cs", "Co", "Cn"}


def clean(text: str) -> str:
    """``text`` on one line: control and unassigned characters dropped, whitespace collapsed."""
    kept = []
    for char in text:
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) not in _INVISIBLE:
            kept.append(char)
    return " ".join("".join(kept).split())


def check_lang(lang: str) -> Lang:
    if lang not in ("nl", "en"):
        raise RenderOptionError(f"language must be 'nl' or 'en', not {lang!r}")
    return "nl" if lang == "nl" else "en"


# Colours of the drawing elements, shared by the DOT and Mermaid renderers.
PATH_COLOUR = "#1d4ed8"
FADED_LINE = "#d1d5db"
FADED_TEXT = "#9ca3af"
KIND_FILL = {"question": "#eff6ff", "rule": "#f5f3ff"}
KIND_LINE = {"question": "#1e3a8a", "rule": "#5b21b6", "outcome": "#374151"}
