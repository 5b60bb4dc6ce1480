"""``kennisveiligheid explore``: one self-contained web page to answer, decide and browse a tree.

``TREE`` is a tree file or ``reference`` (the shipped knowledge-security tree). The page needs no
network and no installation: open it in a browser, mail it, or put it on an intranet. The drawing
needs the Graphviz ``dot`` program when the page is made; without it, the page still works, without
the drawing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import decision_trees
from decision_trees.support import word
from kennisveiligheid._commandline import load_tree, say
from kennisveiligheid._contract import EXIT_BAD_INPUT, EXIT_OK

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``explore`` command."""
    parser = subparsers.add_parser(
        "explore",
        help="write one self-contained web page that asks, decides, explains and draws a tree",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "tree", metavar="TREE", help="a tree file (YAML or JSON), or 'reference' for the shipped tree"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of to standard output")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="the page's first language")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the page."""
    try:
        tree = load_tree(args.tree)
    except OSError as exc:
        print(f"kennisveiligheid explore: {word('error', args.lang)}: {say(exc, args.lang)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    page = decision_trees.explorer(tree, lang=args.lang)
    if args.output:
        Path(args.output).write_text(page, encoding="utf-8")
        print(f"{args.output}: {len(page.encode('utf-8')):,} bytes", file=sys.stderr)
    else:
        sys.stdout.write(page)
    return EXIT_OK
