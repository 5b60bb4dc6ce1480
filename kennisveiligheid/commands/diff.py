"""``kennisveiligheid diff``: what changes between two versions of a decision tree.

Lists the changes in the file (nodes, texts, sources, conditions and thresholds, routing,
outcomes) and every region of cases that the new version decides differently, with an example
case and the old and new outcome. Exit status: 0 when nothing changed, 1 when something did
(``--behaviour-only``: only when some case is decided differently), 2 when a file cannot be read
or is not a valid tree.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kennisveiligheid._commandline import load_tree, say
from kennisveiligheid._contract import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``diff`` command."""
    parser = subparsers.add_parser(
        "diff",
        help="compare two versions of a tree: file changes and cases decided differently",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("old", metavar="OLD", help="the current version (a tree file, or 'reference')")
    parser.add_argument("new", metavar="NEW", help="the proposed version (a tree file, or 'reference')")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--lang", choices=("nl", "en"), default="en", help="language of the text")
    parser.add_argument(
        "--behaviour-only",
        action="store_true",
        help="exit with 1 only when some case is decided differently",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Compare the trees and print the differences; returns the exit status."""
    from decision_trees import TreeLoadError, diff

    try:
        old, new = load_tree(args.old), load_tree(args.new)
    except (FileNotFoundError, TreeLoadError) as exc:
        shown = say(exc, args.lang)
        print(f"kennisveiligheid diff: {shown}", file=sys.stderr)
        return EXIT_BAD_INPUT
    result = diff(old, new)
    print(result.to_json() if args.format == "json" else result.text(args.lang))
    changed = not result.same_behaviour if args.behaviour_only else result.changed
    return EXIT_FINDINGS if changed else EXIT_OK
