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

from collections.abc import Mapping, Sequence

from decision_trees import DecisionTreeError, Lang, MissingAnswerError, Problem, TreeLoadError
from decision_trees.support import error_text, listing, problem_line, problems_found

__all__ = ["CaseError", "CountryCodeError", "IncompleteCaseError", "InstitutionTreeError", "ListsError"]


def _line(problem: str | Problem, lang: Lang) -> str:
    if isinstance(problem, str):
        return problem
    if problem.line is None and problem.code.startswith("KV"):  # a case's or lists file's own problem
        text = f"{problem.field}: {problem.says(lang)}" if problem.field else problem.says(lang)
        hint = problem.advice(lang)
        return f"{text}{hint}" if hint else text
    return problem_line(problem, lang)


class _Listed(DecisionTreeError, ValueError):
    """An error that lists problems: lines of text, or :class:`~decision_trees.Problem` records
    (those are worded in the reader's language by :meth:`render`)."""

    what = "problems"

    def __init__(self, problems: Sequence[str | Problem], source: str | None = None) -> None:
        self.records: tuple[str | Problem, ...] = tuple(problems)
        self.problems: tuple[str, ...] = tuple(_line(p, "en") for p in self.records)
        self.source = source
        super().__init__(self.render("en"))

    def render(self, lang: Lang = "en") -> str:
        """The heading and every problem, in ``lang``."""
        name = self.source or error_text(f"name.{self.what}", lang)
        head = problems_found(name, len(self.records), lang, self.code)
        return listing(head, [_line(p, lang) for p in self.records], lang)


class CaseError(_Listed):
    """A case (file or mapping) is not valid. ``problems`` holds one line per problem found."""

    code = "KV100"
    what = "case"


class IncompleteCaseError(MissingAnswerError):
    """The case leaves a question unanswered that its path needs; ``question`` is its text."""

    code = "KV101"

    def __init__(self, input_id: str, node: str, question: str, source: str | None = None) -> None:
        self.question = question
        self.source = source
        facts = {"question": question, "input": input_id, "node": node}
        super().__init__(input_id, node, self._say("en", facts))
        self._keep("KV101.unanswered", **facts)

    def render(self, lang: Lang = "en") -> str:
        return self._say(lang, dict(self.facts))

    def _say(self, lang: Lang, facts: Mapping[str, object]) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}[{self.code}] " + error_text("KV101.unanswered", lang, facts)


class ListsError(_Listed):
    """An institution lists file is not valid. ``problems`` holds one line per problem found."""

    code = "KV110"
    what = "lists"


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

    @classmethod
    def of(
        cls, text: str, key: str, suggestions: Sequence[str], *, withdrawn: bool = False, **facts: object
    ) -> CountryCodeError:
        """The error with its message from the catalogue (``key``), kept as facts for other languages."""
        facts = {"given": text, **facts}
        error = cls(text, error_text(key, "en", facts), suggestions, withdrawn=withdrawn)
        error._keep(key, **facts)
        return error

    def render(self, lang: Lang = "en") -> str:
        return (
            str(self)
            if lang == "en"
            else f"[{self.code}] " + error_text(self.key or self.code, lang, dict(self.facts))
        )
