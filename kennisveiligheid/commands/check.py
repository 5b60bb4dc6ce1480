"""``kennisveiligheid check``: verify a decision tree before it is adopted.

Reports every gap (answers no branch takes), overlap, masked or unreachable branch, unreachable
question or outcome, question asked twice on a path, odd condition, unused input, and every
violated invariant the tree declares — each with an example case. Exit status: 0 when the tree is
clean, 1 when there are findings (``--fail-on error`` ignores warnings), 2 when the file cannot
be read or is not a valid tree.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kennisveiligheid._commandline import load_tree, say
from kennisveiligheid._contract import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK

__all__ = ["load_tree", "register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``check`` command."""
    parser = subparsers.add_parser(
        "check",
        help="verify a decision tree: gaps, overlaps, dead branches, invariants",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("tree", metavar="TREE", help="a tree file (YAML or JSON), or 'reference'")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--lang", choices=("nl", "en"), default="en", help="language of the messages")
    parser.add_argument(
        "--fail-on",
        choices=("warning", "error"),
        default="warning",
        help="the least severe finding that makes the exit status 1 (default: warning)",
    )
    parser.add_argument("--no-invariants", action="store_true", help="skip the invariants the tree declares")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Verify the tree and print the report; returns the exit status."""
    from decision_trees import TreeLoadError, verify

    try:
        tree = load_tree(args.tree)
    except (FileNotFoundError, TreeLoadError) as exc:
        shown = say(exc, args.lang)
        print(f"kennisveiligheid check: {shown}", file=sys.stderr)
        return EXIT_BAD_INPUT
    report = verify(tree, invariants=not args.no_invariants)
    if args.format == "json":
        print(report.to_json(args.lang))
    else:
        print(report.text(args.lang))
    failing = report.errors if args.fail_on == "error" else report.findings
    return EXIT_FINDINGS if failing else EXIT_OK
