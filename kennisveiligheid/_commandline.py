"""What the ``assess`` and ``ask`` commands share: options, the exit-code table, and loading.

Light to import (a command's parser needs it for ``--help``): the engine, the tree and the lists are
imported when a command loads them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from decision_trees.support import error_text
from kennisveiligheid._help_words import EXIT_CODES_EN

if TYPE_CHECKING:  # the tree and the lists are loaded by the command that runs, not by its parser
    from decision_trees import Lang, Tree
    from kennisveiligheid.lists import InstitutionLists


class NoSuchFile(FileNotFoundError):
    """A file named on the command line does not exist; :meth:`render` says so in a language."""

    def __init__(self, key: str, /, **facts: object) -> None:
        super().__init__(error_text(key, "en", facts))
        self.key = key
        self.facts = facts

    def render(self, lang: Lang = "en") -> str:
        """The message in ``lang``."""
        return error_text(self.key, lang, self.facts)


def say(exc: BaseException, lang: Lang) -> str:
    """The message of ``exc`` in ``lang`` where it can say it in a language (else as it is)."""
    render = getattr(exc, "render", None)
    return str(render(lang)) if callable(render) else str(exc)


def reference_tree() -> Tree:
    """The shipped reference tree (:func:`kennisveiligheid.reference_tree`, loaded on first use)."""
    from kennisveiligheid.reference import reference_tree as shipped

    return shipped()


def load_tree(spec: str) -> Tree:
    """The tree named on the command line: a YAML or JSON file, or ``reference`` for the shipped
    knowledge-security tree. Raises :class:`FileNotFoundError` for a missing file and
    :class:`~decision_trees.TreeLoadError` for a file that is not a valid tree.
    """
    from decision_trees import load

    if spec == "reference":
        return reference_tree()
    path = Path(spec)
    if not path.is_file():
        raise NoSuchFile("DT109.tree_file", spec=spec)
    return load(path)


__all__ = ["EXIT_CODES_HELP", "MAX_LINE", "NoSuchFile", "add_common_arguments", "load_tree_and_lists", "say"]

EXIT_CODES_HELP = EXIT_CODES_EN

MAX_LINE = 10_000  # characters in one typed answer (``ask``)


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
    from kennisveiligheid.lists import load_lists
    from kennisveiligheid.reference import load_institution_tree

    tree = load_institution_tree(args.tree) if args.tree else reference_tree()
    lists = load_lists(args.lists) if args.lists else None
    return tree, lists
