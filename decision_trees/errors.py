"""The library's exceptions: one root, subclasses that also inherit the natural built-in.

Every error carries structured fields and a stable ``code`` that ``docs/errors.md`` explains.
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "AnswerError",
    "DecisionTreeError",
    "InvalidAnswerError",
    "LanguageError",
    "MissingAnswerError",
    "MissingDependencyError",
    "NoBranchMatchedError",
    "Problem",
    "TreeLoadError",
    "shorten",
]

_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxdict = 4
_REPR.maxlist = 6
_REPR.maxtuple = 6
_REPR.maxset = 6
_REPR.maxfrozenset = 6
_REPR.maxstring = 80
_REPR.maxother = 80
_REPR.maxlong = 40


def shorten(value: object, limit: int = 80) -> str:
    """A bounded ``repr`` of ``value`` for messages: at most ``limit`` characters, in bounded time and
    memory (deep, long or shared structures are cut short)."""
    try:
        text = _REPR.repr(value)
    except Exception:  # a foreign object whose repr fails
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake found in a tree file: where it is, what rule it breaks, how to fix it."""

    code: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    node: str | None = None
    field: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file or "<tree>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [f"{where}: [{self.code}]"]
        if self.node is not None:
            parts.append(f"node {self.node!r}:")
        if self.field is not None:
            parts.append(f"field {self.field!r}:")
        parts.append(self.message)
        text = " ".join(parts)
        if self.hint:
            text += f" ({self.hint})"
        return text


class DecisionTreeError(Exception):
    """Root of every error this library raises."""

    code: str = "DT000"


class TreeLoadError(DecisionTreeError, ValueError):
    """A tree file (or text or mapping) is not a valid tree. Lists every problem found."""

    code = "DT100"
    max_listed = 50

    def __init__(self, problems: Sequence[Problem], source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._message())

    def _message(self) -> str:
        name = self.source or "tree"
        count = len(self.problems)
        head = f"{name}: {count} problem{'s' if count != 1 else ''} found"
        lines = [f"  - {p}" for p in self.problems[: self.max_listed]]
        if count > self.max_listed:
            lines.append(f"  … and {count - self.max_listed} more")
        return "\n".join([head, *lines])


class AnswerError(DecisionTreeError):
    """Base for problems with the answers given to a tree."""

    code = "DT200"


class MissingAnswerError(AnswerError, LookupError):
    """Evaluation needs an answer that was not given. ``input`` names it, ``node`` asks it."""

    code = "DT201"

    def __init__(self, input_id: str, node: str, message: str | None = None) -> None:
        self.input = input_id
        self.node = node
        super().__init__(message or f"node {node!r} needs an answer for input {input_id!r}")

    def __str__(self) -> str:  # LookupError would otherwise quote the message
        return str(self.args[0])


class InvalidAnswerError(AnswerError, ValueError):
    """An answer does not fit its input's declaration (type, allowed values, bounds)."""

    code = "DT202"

    def __init__(self, input_id: str, value: object, reason: str) -> None:
        self.input = input_id
        self.value = value
        self.reason = reason
        super().__init__(f"input {shorten(input_id)}: {reason} (got {shorten(value)})")


class NoBranchMatchedError(AnswerError, LookupError):
    """A valid answer matched no branch of a question: the tree has a gap."""

    code = "DT203"

    def __init__(self, node: str, input_id: str, value: object) -> None:
        self.node = node
        self.input = input_id
        self.value = value
        super().__init__(
            f"question {node!r}: answer {shorten(value)} for input {input_id!r} matches no branch "
            "(the tree has a gap; `decision_trees.verify` finds these)"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class LanguageError(DecisionTreeError, ValueError):
    """A language that texts are not written in; ``languages`` are the ones that are."""

    code = "DT230"

    def __init__(self, lang: object, languages: Sequence[str]) -> None:
        self.lang = lang
        self.languages = tuple(languages)
        super().__init__(
            f"[DT230] no texts in language {shorten(lang)}; the languages are {', '.join(languages)}"
        )


class MissingDependencyError(DecisionTreeError, ImportError):
    """An optional package or program is not installed. ``install`` is the command that fixes it."""

    code = "DT300"

    def __init__(self, what: str, install: str, code: str = "DT300") -> None:
        self.what = what
        self.install = install
        self.code = code
        super().__init__(f"{what} is not installed; install it with: {install}")
