"""The outcome contract that the command line and other packages rely on: the reference tree's
outcome ids and the command line's exit codes (re-exported by :mod:`kennisveiligheid.reference`).
Plain constants, so that the command line reads them without loading a tree."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_CODES",
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT_CLOSED",
    "OUTCOME_IDS",
    "exit_code",
]

#: The outcome ids of the reference tree, least strict first. An institution's tree uses these ids.
OUTCOME_IDS: Final = (
    "out_of_scope",
    "go",
    "go_with_measures",
    "escalate_adviser",
    "postpone",
    "escalate_committee",
    "not_desirable",
    "export_control_check",
    "not_permitted",
)

#: Exit code of ``kennisveiligheid assess`` and ``ask`` per outcome id.
EXIT_CODES: Final[Mapping[str, int]] = {
    "out_of_scope": 0,
    "go": 0,
    "go_with_measures": 10,
    "escalate_adviser": 20,
    "escalate_committee": 20,
    "postpone": 30,
    "not_desirable": 45,
    "export_control_check": 40,
    "not_permitted": 50,
}

# The command line's other exit codes: one table, used by every command.

#: Exit code for success (``check``: no findings; ``diff``: the trees are the same).
EXIT_OK: Final = 0

#: Exit code of ``check`` with findings and ``diff`` with changes.
EXIT_FINDINGS: Final = 1

#: Exit code for bad input (an invalid case, tree or lists file; input ended early; bad usage).
EXIT_BAD_INPUT: Final = 2

#: Exit code when the user interrupts (Ctrl-C), as shells report SIGINT.
EXIT_INTERRUPTED: Final = 130

#: Exit code when the reader of the output went away (e.g. ``| head``).
EXIT_OUTPUT_CLOSED: Final = 1


def exit_code(outcome_id: str) -> int:
    """The command line's exit code for an outcome id (see :data:`EXIT_CODES`)."""
    return EXIT_CODES[outcome_id]
