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
    reader_lang,
    word,
)
from decision_trees.decision import Decision
from decision_trees.model import Lang, Tree

FORMATS: tuple[str, ...] = ("svg", "png", "pdf")
DOT_TIMEOUT_SECONDS = 120
# Graphviz's messages when its spline router gives up on an edge (a fault of Graphviz, not ours).
_ROUTING_FAULT = re.compile(
    r"lost \S+ \S+ edge|Pshortestpath failed|triangulation failed|trouble in init_rank"
)


#: Paper sizes for ``render(page=...)``: width and height in inches, landscape.
PAGES: dict[str, tuple[float, float]] = {"A3": (16.54, 11.69), "A4": (11.69, 8.27)}
#: The margin round a drawing on a page, in inches (1 cm).
PAGE_MARGIN = 0.39


def _on_page(dot_text: str, page: str) -> str:
    """``dot_text`` scaled down (never up) to fit ``page`` landscape within its margins, on a page
    of that size."""
    width, height = PAGES[page]
    inner = f"{width - 2 * PAGE_MARGIN:.2f},{height - 2 * PAGE_MARGIN:.2f}"
    extra = f'\tgraph [size="{inner}", page="{width},{height}", margin="{PAGE_MARGIN}", center=true];\n'
    head, _, rest = dot_text.partition("\n")
    first, _, body = rest.partition("\n")
    return f"{head}\n{first}\n{extra}{body}"


def dot_available() -> bool:
    """Whether the Graphviz ``dot`` program is on the PATH."""
    return shutil.which("dot") is not None


def _run_dot(dot_text: str, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise RenderOptionError.of("DT613.format", formats=", ".join(FORMATS), format=fmt)
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
        raise RenderError.of("DT612.timeout", seconds=DOT_TIMEOUT_SECONDS) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RenderError.of("DT612.failed", status=done.returncode, message=message)
    return done.stdout


def render(
    tree: Tree | Decision | Drawing,
    decision: Decision | None = None,
    *,
    format: Format = "svg",  # the name users know from Graphviz
    path: str | Path | None = None,
    page: str | None = None,
    **opts: Any,
) -> bytes:
    """Draw with the Graphviz ``dot`` program as SVG, PNG or PDF; also write to ``path`` if given.

    Raises :class:`DotProgramMissingError` when ``dot`` is not installed and :class:`RenderError`
    when it fails. ``page="A3"`` (or ``"A4"``) scales the drawing down to fit that paper size,
    landscape, with a 1 cm margin; a PDF then has one page of that size. Other options are those
    of :func:`describe`.

    Graphviz has known layout faults on some graphs with clusters and edge labels ("lost … edge",
    "Pshortestpath failed", "trouble in init_rank"). When ``dot`` stops with one of them, the same
    drawing is laid out again with the edge labels placed after layout (``xlabel``), which avoids
    them; the content is unchanged and :func:`to_dot` is not affected. Any other failure raises.
    """
    if format not in FORMATS:
        raise RenderOptionError.of("DT613.format", formats=", ".join(FORMATS), format=format)
    if page is not None and page not in PAGES:
        raise RenderOptionError.of("DT613.page", pages=", ".join(PAGES), page=page)
    drawing = drawing_of(tree, decision, opts)

    def placed(text: str) -> str:
        return _on_page(text, page) if page is not None else text

    try:
        data = _run_dot(placed(to_dot(drawing)), format)
    except RenderError as exc:
        if not _ROUTING_FAULT.search(str(exc)):
            raise
        data = _run_dot(placed("digraph {\n" + "".join(dot_body(drawing, "xlabel")) + "}\n"), format)
    if path is not None:
        Path(path).write_bytes(data)
    return data


_SVG_SIZE = re.compile(r'(<svg\b[^>]*?)\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')


def fit_width(svg: str) -> str:
    """``svg`` scaled to the width of its container (a notebook cell, a page column), never wider
    than drawn: ``width="100%"`` with a ``max-width`` of its own size; the viewBox keeps the
    proportions."""
    return _SVG_SIZE.sub(
        lambda m: f'{m.group(1)} width="100%" style="max-width:{m.group(2)}pt;height:auto"', svg, count=1
    )


def mimebundle(tree: Tree, decision: Decision | None = None, *, lang: Lang | None = None) -> dict[str, Any]:
    """Jupyter display data: SVG scaled to the notebook's width when ``dot`` is installed,
    otherwise DOT text saying why. ``lang`` defaults to the reader's: Dutch when the locale is."""
    lang = lang if lang is not None else reader_lang()
    dot_text = to_dot(tree, decision, lang=lang)
    summary = f"{clean(tree.title.get(lang))} {tree.version}: {len(tree.nodes)} {word('nodes', lang)}"
    if decision is not None:
        summary += (
            f"; {word('decision', lang).lower()}: {decision.outcome_id} via {' → '.join(decision.path)}"
        )
    if not dot_available():
        error = DotProgramMissingError()
        return {
            "text/plain": f"{summary}\n({error}; showing DOT source)\n{dot_text}",
            "text/vnd.graphviz": dot_text,
        }
    svg = render(tree, decision, format="svg", lang=lang).decode("utf-8")
    return {"image/svg+xml": fit_width(svg), "text/plain": summary}
