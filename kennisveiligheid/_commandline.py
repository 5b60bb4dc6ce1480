"""What the ``assess`` and ``ask`` commands share: options, the exit-code table, and loading."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from decision_trees import Tree, load
from kennisveiligheid.lists import InstitutionLists, load_lists
from kennisveiligheid.reference import load_institution_tree, reference_tree


def load_tree(spec: str) -> Tree:
    """The tree named on the command line: a YAML or JSON file, or ``reference`` for the shipped
    knowledge-security tree. Raises :class:`FileNotFoundError` for a missing file and
    :class:`~decision_trees.TreeLoadError` for a file that is not a valid tree.
    """
    if spec == "reference":
        return reference_tree()
    path = Path(spec)
    if not path.is_file():
        raise FileNotFoundError(f"[DT109] no tree file {spec!r} (give a path, or 'reference')")
    return load(path)


__all__ = ["EXIT_CODES_HELP", "add_common_arguments", "load_tree_and_lists"]

EXIT_CODES_HELP = """\
exit codes:
   0  go, or out of scope
  10  go with measures
  20  escalate (to the knowledge-security adviser or the committee)
  30  postpone for more information
  40  export-control check (classification or licence)
  50  not permitted
   2  bad input (invalid case, tree, lists or register; a file that cannot be written; input
      ended before a decision). Every error shows its code, e.g. [KV100]: see docs/errors.md.
 130  interrupted (Ctrl-C; ask saves the answers so far first)
"""


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """``--tree``, ``--lists`` and ``--lang``."""
    parser.add_argument(
        "--tree",
        metavar="TREE.yaml",
        help="the institution's own tree, or an overlay with 'extends: reference' (default: reference tree)",
    )
    parser.add_argument(
        "--lists",
        metavar="LISTS.yaml",
        help="the institution's own dated lists (countries, crown jewels, watch list)",
    )
    parser.add_argument(
        "--lang",
        choices=("nl", "en"),
        default="en",
        help="language of the output (default: nl when the locale is Dutch, else en)",
    )


def load_tree_and_lists(args: Any) -> tuple[Tree, InstitutionLists | None]:
    """The tree and lists named by the options."""
    tree = load_institution_tree(args.tree) if args.tree else reference_tree()
    lists = load_lists(args.lists) if args.lists else None
    return tree, lists
