"""The drawing model: a plain, frozen description of a drawing that every renderer translates.

Also the errors of the renderers, the severity palette, the drawings' fixed words and the text
cleaner that every label passes through. Nothing here needs Graphviz or a tree walk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal, TypeAlias

from decision_trees.errors import DecisionTreeError, MissingDependencyError
from decision_trees.escape import clean as clean
from decision_trees.model import Lang
from decision_trees.words import WORDS, error_text

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

    @classmethod
    def of(cls, key: str, /, **facts: object) -> RenderError:
        """The error ``key`` (``"DT612.failed"``) with its ``facts``, worded per language."""
        error = cls(error_text(key, "en", facts))
        error._keep(key, **facts)
        return error


class RenderOptionError(DecisionTreeError, ValueError):
    """An option of a renderer is not valid (unknown format or language, a foreign decision …)."""

    code = "DT613"

    @classmethod
    def of(cls, key: str, /, **facts: object) -> RenderOptionError:
        """The error ``key`` (``"DT613.format"``) with its ``facts``, worded per language."""
        error = cls(error_text(key, "en", facts))
        error._keep(key, **facts)
        return error


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
#: From "low" on, the fills get darker with every band (so the order reads without colour vision,
#: the bands being light to dark as in ColorBrewer's sequential schemes), and every text colour has
#: a contrast of at least 4.5:1 (WCAG AA) on its fill. "none" (severity 0) is neutral grey.
SEVERITY_BANDS: tuple[SeverityBand, ...] = (
    SeverityBand("none", 0, "#e5e7eb", "#111827"),
    SeverityBand("low", 1, "#d9f0d3", "#14532d"),
    SeverityBand("moderate", 20, "#fee08b", "#422006"),
    SeverityBand("elevated", 40, "#fdae61", "#431407"),
    SeverityBand("high", 60, "#f46d43", "#1c0a05"),
    SeverityBand("severe", 80, "#b91c1c", "#ffffff"),
    SeverityBand("prohibitive", 90, "#4a0f2b", "#ffffff"),
)


def severity_band(severity: int | None) -> SeverityBand:
    """The band of :data:`SEVERITY_BANDS` that ``severity`` falls in (none given: "none")."""
    chosen = SEVERITY_BANDS[0]
    if severity is None:
        return chosen
    for band in SEVERITY_BANDS:
        if severity >= band.minimum:
            chosen = band
    return chosen


@dataclass(frozen=True, slots=True)
class DrawnNode:
    """One node as drawn. Texts are cleaned plain text (renderers escape them).

    ``detail`` is an outcome's severity line; ``condition`` a rule's condition in a few words.
    """

    id: str
    kind: Literal["question", "rule", "outcome"]
    shape: Shape
    label: str
    detail: str | None = None
    condition: str | None = None
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
class DrawnRow:
    """One row of a drawn table: its rule node, a cell text per column ("-" for any), where it
    leads, and whether a decision's path tried it or took it (``matched``)."""

    node: str
    name: str
    cells: tuple[str, ...]
    target: str
    tried: bool = False
    matched: bool = False
    outputs: tuple[str, ...] = ()  # a value table's row: its value per output column


@dataclass(frozen=True, slots=True)
class DrawnTable:
    """A table node of the tree, drawn as one table whose rows are its rule nodes (in order)."""

    id: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[DrawnRow, ...]
    outputs: tuple[str, ...] = ()  # a value table's output columns (its rows give values, not routes)
    result: str | None = None  # a value table's result on a decision's path
    defaults: tuple[str, ...] = ()  # a single-hit value table's values when no row holds
    default_used: bool = False  # ... and whether the decision's path took them


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
    """A renderer-neutral description of a tree drawing, optionally with a decision's path.

    ``note`` says what is drawn when it is not the whole tree. ``condition_table`` asks renderers
    to draw the named conditions as one table per section instead of nodes with arrows.
    """

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
    note: str | None = None
    condition_table: bool = False
    tables: tuple[DrawnTable, ...] = ()

    def node(self, node_id: str) -> DrawnNode:
        """The drawn node with id ``node_id``."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)


#: Dutch names of the sections that trees commonly use (a section's own name is shown otherwise;
#: English trees show the section as written in the tree file).
SECTION_WORDS: dict[str, dict[Lang, str]] = {
    "scope": {"nl": "Reikwijdte"},
    "legal": {"nl": "Toegestaan? (wettelijke toets)"},
    "legal gate": {"nl": "Toegestaan? (wettelijke toets)"},
    "policy": {"nl": "Wenselijk? (beleidstoets)"},
    "policy gate": {"nl": "Wenselijk? (beleidstoets)"},
    "ethics": {"nl": "Ethische overwegingen"},
    "weighing": {"nl": "Weging"},
    "outcomes": {"nl": "Uitkomsten"},
    "objectives": {"nl": "Doelstellingen"},
    "knowledge security": {"nl": "Kennisveiligheid"},
    "prerequisites": {"nl": "Randvoorwaarden"},
}


def reader_lang() -> Lang:
    """The reader's language from the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``): ``nl`` for
    a Dutch locale, else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


def section_label(section: str, lang: Lang) -> str:
    """The cluster label of ``section`` in ``lang``: a known Dutch name, else as written."""
    return SECTION_WORDS.get(section.lower(), {}).get(lang, section)


def word(key: str, lang: Lang) -> str:
    """A fixed word of the drawings in ``lang``, from the word catalogue (:mod:`decision_trees.words`):
    the drawings' own form (``drawing.<key>``) where it differs from the common word ``key``."""
    own = f"drawing.{key}"
    return WORDS[own if own in WORDS else key][lang]


def check_lang(lang: str) -> Lang:
    if lang not in ("nl", "en"):
        raise RenderOptionError.of("DT613.lang", lang=lang)
    return "nl" if lang == "nl" else "en"


#: Drawings of more nodes than this are "large": with two or more sections they are laid out in
#: columns, and their named conditions (three or more) are drawn as tables.
LARGE_DRAWING = 12

# Colours of the drawing elements, shared by the DOT and Mermaid renderers.
PATH_COLOUR = "#1d4ed8"
FADED_LINE = "#d1d5db"
FADED_TEXT = "#9ca3af"
KIND_FILL = {"question": "#eff6ff", "rule": "#f5f3ff"}
KIND_LINE = {"question": "#1e3a8a", "rule": "#5b21b6", "outcome": "#374151"}
#: The ground of a table's matched row (dark text on it has a contrast far above 4.5:1).
MATCHED_ROW = "#dbeafe"
#: The ground of a value table's output columns and its result.
OUTPUT_HEAD = "#fef3c7"
