"""Drawing trees and decision paths: describe once, then render as DOT, Graphviz, SVG/PNG/PDF or Mermaid.

:func:`describe` turns a tree (and optionally a decision) into a plain, frozen :class:`Drawing`:
nodes with their shape, label, severity colour, section (cluster) and whether they lie on the path
taken; edges with their branch labels and the answer given. The renderers only translate a
drawing: :func:`to_dot` needs nothing, :func:`to_graphviz` needs the ``graphviz`` Python package,
:func:`render` needs the Graphviz ``dot`` program, :func:`to_mermaid` needs nothing.

Every text that comes from a tree or a case is cleaned (control characters removed, whitespace
collapsed) and escaped for the target language, so a label such as ``"]; evil [`` or
``<script>`` is drawn as text. The same input always gives byte-identical DOT and Mermaid.

This module is the public face; the work is done in private modules, one job each:
``_drawing`` (the model, palette, words), ``_describe`` (tree → drawing), ``_dot`` (DOT text),
``_graphviz`` (running ``dot``) and ``_mermaid``.
"""

from __future__ import annotations

import shutil  # noqa: F401  # re-exported for tests that stand in for a missing `dot`

from decision_trees._describe import describe
from decision_trees._dot import to_dot, to_graphviz
from decision_trees._dot_syntax import dot_quote as dot_quote
from decision_trees._drawing import (
    SEVERITY_BANDS,
    Cluster,
    DotProgramMissingError,
    Drawing,
    DrawnEdge,
    DrawnNode,
    Footnote,
    GraphvizPackageMissingError,
    RenderError,
    RenderOptionError,
    SeverityBand,
    severity_band,
)
from decision_trees._drawing import EdgeKind as EdgeKind
from decision_trees._drawing import Format as Format
from decision_trees._drawing import Shape as Shape
from decision_trees._drawing import SourcesMode as SourcesMode
from decision_trees._drawing import clean as clean
from decision_trees._drawing import word as word
from decision_trees._graphviz import DOT_TIMEOUT_SECONDS as DOT_TIMEOUT_SECONDS
from decision_trees._graphviz import FORMATS as FORMATS
from decision_trees._graphviz import PAGES as PAGES
from decision_trees._graphviz import dot_available, mimebundle, render
from decision_trees._graphviz import fit_width as fit_width
from decision_trees._mermaid import mermaid_escape as mermaid_escape
from decision_trees._mermaid import to_mermaid

__all__ = [
    "SEVERITY_BANDS",
    "Cluster",
    "DotProgramMissingError",
    "Drawing",
    "DrawnEdge",
    "DrawnNode",
    "Footnote",
    "Format",
    "GraphvizPackageMissingError",
    "RenderError",
    "RenderOptionError",
    "SeverityBand",
    "SourcesMode",
    "describe",
    "dot_available",
    "mimebundle",
    "render",
    "severity_band",
    "to_dot",
    "to_graphviz",
    "to_mermaid",
]
