"""The library's exceptions: one root, subclasses that also inherit the natural built-in.

Every error carries structured fields and a stable ``code`` that ``docs/errors.md`` explains.
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decision_trees.model import Lang

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
    "listing",
    "problems_found",
    "shorten",
]

Facts = tuple[tuple[str, object], ...]


def _say(key: str, lang: Lang, facts: Mapping[str, object]) -> str:
    """The catalogue text ``key`` in ``lang`` filled with ``facts`` (see ``decision_trees.words``)."""
    from decision_trees.words import error_text  # lazy: words imports the model

    return error_text(key, lang, facts)


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
    """One mistake found in a tree file: where it is, what rule it breaks, how to fix it.

    ``key`` names the message in the error catalogue (``decision_trees.words.ERRORS``) and ``facts``
    hold its parameters, so that :meth:`text` can say it in another language; ``message`` and
    ``hint`` are the English. Build one with :meth:`of`.
    """

    code: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    node: str | None = None
    field: str | None = None
    hint: str | None = None
    key: str | None = None
    facts: Facts = ()
    hint_key: str | None = None

    @classmethod
    def of(
        cls,
        key: str,
        /,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        node: str | None = None,
        field: str | None = None,
        hint_key: str | None = None,
        **facts: object,
    ) -> Problem:
        """The problem ``key`` (``"DT101.values"``: code, dot, which message) with its ``facts``."""
        return cls(
            key.split(".", 1)[0],
            _say(key, "en", facts),
            file=file,
            line=line,
            column=column,
            node=node,
            field=field,
            hint=_say(hint_key, "en", facts) if hint_key else None,
            key=key,
            facts=tuple(facts.items()),
            hint_key=hint_key,
        )

    def __str__(self) -> str:
        return self.text("en")

    def says(self, lang: Lang = "en") -> str:
        """The message (without place or code) in ``lang``: from the catalogue where the problem has
        a ``key``; otherwise the English ``message``, in another language after the code's meaning."""
        if lang == "en":
            return self.message
        if self.key is None:
            return f"{_say(self.code, lang, {})} — {self.message}"
        return _say(self.key, lang, dict(self.facts))

    def advice(self, lang: Lang = "en") -> str | None:
        """The hint in ``lang`` (``None`` when there is none)."""
        if lang == "en" or not self.hint:
            return self.hint
        return _say(self.hint_key, lang, dict(self.facts)) if self.hint_key else None

    def text(self, lang: Lang = "en") -> str:
        """The whole line: place, ``[code]``, node, field, message and hint, in ``lang``."""
        where = self.file or "<tree>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [f"{where}: [{self.code}]"]
        if self.node is not None:
            parts.append(
                f"node {self.node!r}:" if lang == "en" else _say("place.node", lang, {"node": self.node})
            )
        if self.field is not None:
            parts.append(
                f"field {self.field!r}:" if lang == "en" else _say("place.field", lang, {"field": self.field})
            )
        parts.append(self.says(lang))
        text = " ".join(parts)
        hint = self.advice(lang)
        if hint:
            text += f" ({hint})"
        return text


def listing(head: str, lines: Sequence[str], lang: Lang = "en", limit: int = 50) -> str:
    """``head`` and one indented line per problem, at most ``limit`` (then "… and N more")."""
    shown = [f"  - {line}" for line in lines[:limit]]
    if len(lines) > limit:
        shown.append("  " + _say("DT100.more", lang, {"count": len(lines) - limit}))
    return "\n".join([head, *shown])


def problems_found(name: str, count: int, lang: Lang = "en", code: str | None = None) -> str:
    """``"tree.yaml: [DT100] 3 problems found"`` in ``lang`` (the code left out when ``None``)."""
    key = "DT100.found_one" if count == 1 else "DT100.found"
    tag = f" [{code}]" if code else ""
    return f"{name}:{tag} " + _say(key, lang, {"count": count})


class DecisionTreeError(Exception):
    """Root of every error this library raises.

    :meth:`render` says it in a language: errors that keep their facts in ``key``/``facts`` are
    worded from the catalogue (``decision_trees.words.ERRORS``); others fall back to the code's meaning.
    """

    code: str = "DT000"
    key: str | None = None
    facts: Facts = ()

    def render(self, lang: Lang = "en") -> str:
        """The message in ``lang`` (English is ``str(self)``; an error that keeps no facts gives its
        code's meaning in ``lang``, then its own words)."""
        if lang == "en":
            return str(self)
        if self.key is None:
            return f"{_say(self.code, lang, {})} — {self}"
        return _say(self.key, lang, dict(self.facts))

    def _keep(self, key: str, **facts: object) -> None:
        self.key = key
        self.facts = tuple(facts.items())


class TreeLoadError(DecisionTreeError, ValueError):
    """A tree file (or text or mapping) is not a valid tree. Lists every problem found."""

    code = "DT100"
    max_listed = 50

    def __init__(self, problems: Sequence[Problem], source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._message())

    def _message(self, lang: Lang = "en") -> str:
        name = self.source or ("tree" if lang == "en" else _say("name.tree", lang, {}))
        head = problems_found(name, len(self.problems), lang)
        return listing(head, [p.text(lang) for p in self.problems], lang, self.max_listed)

    def render(self, lang: Lang = "en") -> str:
        """The heading and every problem, in ``lang``."""
        return self._message(lang)


class AnswerError(DecisionTreeError):
    """Base for problems with the answers given to a tree."""

    code = "DT200"


class MissingAnswerError(AnswerError, LookupError):
    """Evaluation needs an answer that was not given. ``input`` names it, ``node`` asks it."""

    code = "DT201"

    def __init__(self, input_id: str, node: str, message: str | None = None) -> None:
        self.input = input_id
        self.node = node
        if message is None:
            self._keep("DT201", node=node, input=input_id)
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
        self.reason_key: str | None = None
        super().__init__(f"input {shorten(input_id)}: {reason} (got {shorten(value)})")

    @classmethod
    def of(cls, input_id: str, value: object, key: str, **facts: object) -> InvalidAnswerError:
        """The error with its reason from the catalogue (``key`` under ``DT202.``), kept as facts."""
        error = cls(input_id, value, _say(key, "en", facts))
        error.reason_key = key
        error._keep(key, **facts)
        return error

    def render(self, lang: Lang = "en") -> str:
        if lang == "en":
            return str(self)
        facts = {**dict(self.facts), "input": shorten(self.input), "value": shorten(self.value), "reason": ""}
        facts["reason_key"] = self.reason_key or "DT202"
        return _say("DT202.answer", lang, facts)


class NoBranchMatchedError(AnswerError, LookupError):
    """A valid answer matched no branch of a question: the tree has a gap."""

    code = "DT203"

    def __init__(self, node: str, input_id: str, value: object) -> None:
        self.node = node
        self.input = input_id
        self.value = value
        self._keep("DT203.gap", node=node, input=input_id, value=shorten(value))
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
        self._keep("DT230.lang", lang=shorten(lang), languages=", ".join(languages))
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
        self._keep("DT300.missing", what=what, install=install)
        super().__init__(f"{what} is not installed; install it with: {install}")
