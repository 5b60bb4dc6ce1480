"""Running the Graphviz ``dot`` program: SVG, PNG or PDF, with a retry for its known layout faults."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from decision_trees._describe import drawing_of
from decision_trees._dot import dot_body, to_dot
from decision_trees._drawing import (
    DotProgramMissingError,
    Drawing,
    Format,
    RenderError,
    RenderOptionError,
    clean,
)
from decision_trees.decision import Decision
from decision_trees.model import Tree

FORMATS: tuple[str, ...] = ("svg", "png", "pdf")
DOT_TIMEOUT_SECONDS = 120
# Graphviz's messages when its spline router gives up on an edge (a fault of Graphviz, not ours).
_ROUTING_FAULT = re.compile(
    r"lost \S+ \S+ edge|Pshortestpath failed|triangulation failed|trouble in init_rank"
)


def dot_available() -> bool:
    """Whether the Graphviz ``dot`` program is on the PATH."""
    return shutil.which("dot") is not None


def _run_dot(dot_text: str, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise RenderOptionError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    program = shutil.which("dot")
    if program is None:
        raise DotProgramMissingError()
    try:
        done = subprocess.run(  # noqa: S603  # our own DOT on stdin, a fixed argument list
            [program, f"-T{fmt}"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=DOT_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(f"dot did not finish within {DOT_TIMEOUT_SECONDS} seconds") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"dot failed (exit {done.returncode}): {message}")
    return done.stdout


def render(
    tree: Tree | Decision | Drawing,
    decision: Decision | None = None,
    *,
    format: Format = "svg",  # the name users know from Graphviz
    path: str | Path | None = None,
    **opts: Any,
) -> bytes:
    """Draw with the Graphviz ``dot`` program as SVG, PNG or PDF; also write to ``path`` if given.

    Raises :class:`DotProgramMissingError` when ``dot`` is not installed and :class:`RenderError`
    when it fails. Other options are those of :func:`describe`.

    Graphviz has known layout faults on some graphs with clusters and edge labels ("lost … edge",
    "Pshortestpath failed", "trouble in init_rank"). When ``dot`` stops with one of them, the same
    drawing is laid out again with the edge labels placed after layout (``xlabel``), which avoids
    them; the content is unchanged and :func:`to_dot` is not affected. Any other failure raises.
    """
    if format not in FORMATS:
        raise RenderOptionError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    drawing = drawing_of(tree, decision, opts)
    try:
        data = _run_dot(to_dot(drawing), format)
    except RenderError as exc:
        if not _ROUTING_FAULT.search(str(exc)):
            raise
        data = _run_dot("digraph {\n" + "".join(dot_body(drawing, "xlabel")) + "}\n", format)
    if path is not None:
        Path(path).write_bytes(data)
    return data


def mimebundle(tree: Tree, decision: Decision | None = None) -> dict[str, Any]:
    """Jupyter display data: SVG when ``dot`` is installed, otherwise DOT text saying why."""
    dot_text = to_dot(tree, decision)
    summary = f"{clean(tree.title.get('en'))} {tree.version}: {len(tree.nodes)} nodes"
    if decision is not None:
        summary += f"; decision: {decision.outcome_id} via {' → '.join(decision.path)}"
    if not dot_available():
        error = DotProgramMissingError()
        return {
            "text/plain": f"{summary}\n({error}; showing DOT source)\n{dot_text}",
            "text/vnd.graphviz": dot_text,
        }
    svg = render(tree, decision, format="svg").decode("utf-8")
    return {"image/svg+xml": svg, "text/plain": summary}
