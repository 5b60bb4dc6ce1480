"""``kennisveiligheid render``: draw a decision tree, or the path a case takes through it.

``TREE`` is a tree file or ``reference`` (the shipped knowledge-security tree). With ``--case`` the
path is highlighted; ``--path-only`` keeps only the path and the nodes next to it. SVG, PNG and
PDF need the Graphviz ``dot`` program; ``dot`` and ``mermaid`` text need nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import decision_trees
import kennisveiligheid
from decision_trees.support import word
from kennisveiligheid._commandline import NoSuchFile, load_tree, say
from kennisveiligheid._contract import EXIT_BAD_INPUT, EXIT_OK

if TYPE_CHECKING:  # the engine's drawing and the case model load when the command runs
    from decision_trees import Decision, Lang, Tree
    from decision_trees.rendering import Format, SourcesMode

__all__ = ["register", "run"]

FORMATS = ("svg", "png", "pdf", "dot", "mermaid")
_BINARY = ("png", "pdf")
_SUFFIXES = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
}


def register(subparsers: Any) -> None:
    """Add the ``render`` command."""
    parser = subparsers.add_parser(
        "render",
        help="draw a decision tree, or the path a case takes through it",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "tree", metavar="TREE", help="a tree file (YAML or JSON), or 'reference' for the shipped tree"
    )
    parser.add_argument("--case", metavar="CASE", help="a case file: highlight the path it takes")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from the -o suffix, else svg)",
    )
    parser.add_argument("--lang", choices=("nl", "en"), default="en", help="language of the labels")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of to standard output")
    parser.add_argument(
        "--path-only",
        action="store_true",
        help="draw only the case's path and the nodes one step from it (needs --case)",
    )
    parser.add_argument(
        "--sources",
        choices=("tooltip", "footnotes", "none"),
        default="tooltip",
        help="show the sources as tooltips (default), as a numbered list, or not at all",
    )
    parser.set_defaults(func=run)


def _fail(message: str, lang: Lang = "en") -> int:
    print(f"kennisveiligheid render: {word('error', lang)}: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _answers_of(data: Any) -> Mapping[str, Any] | None:
    """The plain answers in a case file: under ``answers``, or the whole mapping."""
    if not isinstance(data, Mapping):
        return None
    answers = data.get("answers")
    return answers if isinstance(answers, Mapping) else data


def decide_case(tree: Tree, case: Path, *, reference: bool) -> Decision:
    """Decide the case file ``case`` with ``tree``.

    The file is read once. A kennisveiligheid case (the case-file format) is assessed with
    :func:`kennisveiligheid.assess` — always for the reference tree, and for another tree when the
    file is not plainly a mapping of that tree's answers. Otherwise the answers (under ``answers``
    or at the top level) are parsed with ``tree.parse_answers``.
    """
    from decision_trees.support import read_data
    from kennisveiligheid._files import MAX_BYTES
    from kennisveiligheid.case import as_collaboration

    if not case.is_file():
        raise NoSuchFile("DT109.case_file", path=str(case))
    if reference:
        return kennisveiligheid.assess(kennisveiligheid.load_case(case), tree=tree)
    data = read_data(case, max_bytes=MAX_BYTES)  # read once: a case model is built from this
    answers = _answers_of(data)
    if answers is None or not all(key in tree.inputs for key in answers):
        return kennisveiligheid.assess(as_collaboration(data, source=str(case)), tree=tree)
    return tree.evaluate(tree.parse_answers(answers))


def run(args: argparse.Namespace) -> int:
    """Draw the tree (and the case's path) in the chosen format."""
    import yaml

    from decision_trees.rendering import render, to_dot, to_mermaid
    from decision_trees.support import write_atomic

    fmt: str | None = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower() if args.output else ""
        fmt = _SUFFIXES.get(suffix, "svg")
    if args.path_only and not args.case:
        return _fail(word("cli.path_only", args.lang), args.lang)
    if fmt in _BINARY and not args.output and sys.stdout.isatty():
        return _fail(word("cli.binary", args.lang, format=fmt.upper()), args.lang)
    try:
        tree = load_tree(args.tree)
        decision = (
            decide_case(tree, Path(args.case), reference=args.tree == "reference") if args.case else None
        )
    except (OSError, yaml.YAMLError, ValueError, TypeError) as exc:
        if isinstance(exc, decision_trees.DecisionTreeError):
            raise  # reported by the command line's main with its code
        return _fail(say(exc, args.lang), args.lang)
    sources: SourcesMode = None if args.sources == "none" else args.sources
    opts: dict[str, Any] = {
        "lang": args.lang,
        "sources": sources,
        "neighbourhood": 1 if args.path_only else None,
    }
    if fmt == "dot":
        data: bytes = to_dot(tree, decision, **opts).encode("utf-8")
    elif fmt == "mermaid":
        data = to_mermaid(tree, decision, **opts).encode("utf-8")
    else:
        data = render(tree, decision, format=cast("Format", fmt), **opts)
    if args.output:
        write_atomic(args.output, data, inputs=[args.tree, args.case])
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return EXIT_OK
