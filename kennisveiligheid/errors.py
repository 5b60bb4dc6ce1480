"""Errors of :mod:`kennisveiligheid`: each subclasses an engine error and carries a stable code.

=======  ==========================  ================================================================
code     class                       meaning
=======  ==========================  ================================================================
KV100    CaseError                   a case file or mapping is not a valid case (lists every problem)
KV101    IncompleteCaseError         the case does not answer a question its path needs
KV110    ListsError                  an institution lists file is not valid (lists every problem)
KV120    InstitutionTreeError        an institution's tree or overlay is not usable (every problem)
KV130    CountryCodeError            not a current ISO 3166-1 alpha-2 code (unknown or withdrawn)
=======  ==========================  ================================================================
"""

from __future__ import annotations

from collections.abc import Sequence

from decision_trees import DecisionTreeError, MissingAnswerError, Problem, TreeLoadError

__all__ = ["CaseError", "CountryCodeError", "IncompleteCaseError", "InstitutionTreeError", "ListsError"]


def _listing(head: str, problems: Sequence[str], limit: int = 50) -> str:
    lines = [f"  - {p}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"  … and {len(problems) - limit} more")
    return "\n".join([head, *lines])


class CaseError(DecisionTreeError, ValueError):
    """A case (file or mapping) is not valid. ``problems`` holds one line per problem found."""

    code = "KV100"

    def __init__(self, problems: Sequence[str], source: str | None = None) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        self.source = source
        count = len(self.problems)
        head = f"{source or 'case'}: [{self.code}] {count} problem{'s' if count != 1 else ''} found"
        super().__init__(_listing(head, self.problems))


class IncompleteCaseError(MissingAnswerError):
    """The case leaves a question unanswered that its path needs; ``question`` is its text."""

    code = "KV101"

    def __init__(self, input_id: str, node: str, question: str, source: str | None = None) -> None:
        self.question = question
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(
            input_id,
            node,
            f"{where}[{self.code}] the case does not answer {question!r} "
            f"(input {input_id!r}, asked by node {node!r}); answer it under 'answers:' "
            '("unknown" is allowed where a person may not know)',
        )


class ListsError(DecisionTreeError, ValueError):
    """An institution lists file is not valid. ``problems`` holds one line per problem found."""

    code = "KV110"

    def __init__(self, problems: Sequence[str], source: str | None = None) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        self.source = source
        count = len(self.problems)
        head = f"{source or 'lists'}: [{self.code}] {count} problem{'s' if count != 1 else ''} found"
        super().__init__(_listing(head, self.problems))


class InstitutionTreeError(TreeLoadError):
    """An institution's own tree or overlay cannot stand in for the reference tree.

    ``problems`` are :class:`~decision_trees.Problem` records (codes ``KV12x``, or the engine's
    ``DT1xx`` when the merged tree itself is invalid).
    """

    code = "KV120"

    def __init__(self, problems: Sequence[Problem], source: str | None = None) -> None:
        super().__init__(problems, source)


class CountryCodeError(DecisionTreeError, ValueError):
    """A text is not a current ISO 3166-1 alpha-2 code: unknown, a name, or withdrawn.

    ``text`` is what was given; ``suggestions`` holds the current codes it most likely means
    (``"Spanje"`` → ``("ES",)``), empty when there is no good guess or the code was withdrawn;
    ``withdrawn`` says whether ``text`` is a code withdrawn from ISO 3166-1 (``AN``, ``YU``).
    In a case or lists file the message is one of the listed problems (``KV100``, ``KV110``).
    """

    code = "KV130"

    def __init__(
        self, text: str, message: str, suggestions: Sequence[str] = (), *, withdrawn: bool = False
    ) -> None:
        self.text = text
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        self.withdrawn = withdrawn
        super().__init__(f"[{self.code}] {message}")
