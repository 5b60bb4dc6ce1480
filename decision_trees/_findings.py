"""The results of verification: findings with their codes, invariant results and the report.

Below both :mod:`decision_trees.verification` (which finds problems) and
:mod:`decision_trees._invariants` (which checks declared invariants); the public names are
exported from :mod:`decision_trees.verification`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from decision_trees.answers import answer_to_json
from decision_trees.model import Lang, Text, Tree

__all__ = [
    "CODES",
    "EXHAUSTIVE_LIMIT",
    "SEARCH_EXAMPLES",
    "Finding",
    "InvariantResult",
    "Severity",
    "VerificationReport",
]

Severity = Literal["error", "warning"]

CODES: dict[str, tuple[Severity, str]] = {
    "V001": ("error", "gap: some answers match no branch of a question"),
    "V002": ("error", "overlap: two branches of an exclusive question match the same answer"),
    "V003": ("warning", "masked branch: earlier branches (match: first) take every answer it matches"),
    "V004": ("warning", "branch never taken given the answers known on every path to it"),
    "V005": ("warning", "question or rule never reached given the answers on the paths to it"),
    "V006": ("warning", "outcome never reached"),
    "V007": ("warning", "question asks an input already asked on the same path"),
    "V008": ("error", "at_least asks for more conditions than it lists (or for none)"),
    "V009": ("warning", "condition always holds"),
    "V010": ("warning", "condition never holds"),
    "V011": ("warning", "input declared but never used"),
    "V012": ("warning", "named rule never referred to"),
    "V013": ("warning", "input never changes the outcome"),
    "V014": ("warning", "values of an input that no case distinguishes"),
    "V015": ("warning", "option of a set input never changes the outcome"),
    "V020": ("error", "invariant violated: severity not monotone in a risk input"),
    "V021": ("error", "invariant violated: outcome reached without its required condition"),
    "V022": ("error", "invariant violated: an unknown answer leads to a forbidden outcome"),
    "V023": ("error", "invariant refers to something the tree does not have"),
}
"""Every finding code: its severity and what it means."""

EXHAUSTIVE_LIMIT = 50_000
"""Invariants are checked on every case when the (cell-)input space has at most this many."""

SEARCH_EXAMPLES = 2_000
"""Cases hypothesis tries per invariant when neither exact reasoning nor enumeration applies."""


@dataclass(frozen=True)
class Finding:
    """One problem: a stable ``code``, its ``severity``, the ``nodes`` involved, a message in both
    languages, and a ``witness`` (answers that show it) or a ``counterexample`` pair."""

    code: str
    severity: Severity
    nodes: tuple[str, ...]
    text: Text
    witness: Mapping[str, Any] | None = None
    counterexample: tuple[Mapping[str, Any], Mapping[str, Any]] | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """A short name for the code (``gap``, ``overlap``, …)."""
        return _KINDS[self.code]

    def message(self, lang: Lang = "en") -> str:
        """The message in ``lang``."""
        return self.text.get(lang)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """Plain data for JSON (messages in both languages unless ``lang`` is given)."""
        data: dict[str, Any] = {"code": self.code, "kind": self.kind, "severity": self.severity}
        data["nodes"] = list(self.nodes)
        data["message"] = self.text.get(lang) if lang else {"en": self.text.en, "nl": self.text.nl}
        if self.witness is not None:
            data["witness"] = _json_answers(self.witness)
        if self.counterexample is not None:
            data["counterexample"] = [_json_answers(case) for case in self.counterexample]
        if self.details:
            data["details"] = {k: _json_value(v) for k, v in self.details.items()}
        return data


_KINDS = {
    "V001": "gap",
    "V002": "overlap",
    "V003": "masked",
    "V004": "unreachable-branch",
    "V005": "unreachable-node",
    "V006": "unreached-outcome",
    "V007": "asked-twice",
    "V008": "at-least-count",
    "V009": "always-true",
    "V010": "always-false",
    "V011": "unused-input",
    "V012": "unused-rule",
    "V013": "irrelevant-input",
    "V014": "indistinguishable-values",
    "V015": "irrelevant-option",
    "V020": "not-monotone",
    "V021": "only-if",
    "V022": "unknown-never",
    "V023": "invalid-invariant",
}


@dataclass(frozen=True)
class InvariantResult:
    """How one declared invariant was checked: ``exact`` (over the paths), ``exhaustive`` (every
    case of a finite abstraction), ``search`` (hypothesis) or ``invalid``."""

    index: int
    id: str | None
    kind: str
    method: str
    holds: bool
    cases: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        data: dict[str, Any] = {"index": self.index, "kind": self.kind, "method": self.method}
        if self.id:
            data["id"] = self.id
        data["holds"] = self.holds
        if self.cases is not None:
            data["cases"] = self.cases
        return data


class _ContentHash:
    """The descriptor behind :attr:`VerificationReport.content_hash`: a string, or, where
    :func:`verify` deferred it, the tree's hash, computed when first read (on a large tree, hashing
    costs a good part of what the analysis does, and most callers never read it)."""

    def __get__(self, report: object, owner: type | None = None) -> str:
        if report is None:
            raise AttributeError("content_hash")  # no default: the field stays required
        held: str | Tree = report.__dict__["_content_hash"]
        if isinstance(held, str):
            return held
        text = report.__dict__["_content_hash"] = held.content_hash  # a tree is immutable: once
        return text

    def __set__(self, report: object, value: str) -> None:
        report.__dict__["_content_hash"] = value  # (the dataclass's own __init__ sets it)


@dataclass(frozen=True)
class VerificationReport:
    """What :func:`verify` found. Falsy attributes mean good news: ``ok`` is true without findings."""

    tree_id: str
    version: str
    if TYPE_CHECKING:
        content_hash: str
    else:
        content_hash: str = _ContentHash()
    findings: tuple[Finding, ...]
    paths: int
    states: int
    exact: bool
    complete: bool
    notes: tuple[Text, ...] = ()
    invariants: tuple[InvariantResult, ...] = ()
    seconds: float = 0.0
    informational: tuple[Finding, ...] = ()
    """Findings the tree declares informational (``informational:`` on the input): not problems."""
    expected: tuple[Finding, ...] = ()
    """Warnings the tree declares expected (``expected:``), with the reason: not problems."""

    def _hash_later(self, tree: Tree) -> None:
        """Take ``content_hash`` from ``tree`` when it is first read (as it would be now)."""
        known = tree.__dict__.get("content_hash")  # a cached property: there once computed
        self.__dict__["_content_hash"] = tree if known is None else known

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_content_hash"] = self.content_hash  # a pickle or copy holds the hash, not the tree
        return state

    @property
    def ok(self) -> bool:
        """No findings at all."""
        return not self.findings

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity ``error``."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity ``warning``."""
        return tuple(f for f in self.findings if f.severity == "warning")

    def by_code(self, code: str) -> tuple[Finding, ...]:
        """The findings with ``code`` (e.g. ``"V001"``)."""
        return tuple(f for f in self.findings if f.code == code)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """Plain, ordered data for JSON."""
        return {
            "tree": {"id": self.tree_id, "version": self.version, "hash": self.content_hash},
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "paths": self.paths,
            "exact": self.exact,
            "complete": self.complete,
            "findings": [f.to_dict(lang) for f in self.findings],
            "informational": [f.to_dict(lang) for f in self.informational],
            "expected": [f.to_dict(lang) for f in self.expected],
            "invariants": [r.to_dict() for r in self.invariants],
            "notes": [n.get(lang) if lang else {"en": n.en, "nl": n.nl} for n in self.notes],
        }

    def to_json(self, lang: Lang | None = None, indent: int | None = 2) -> str:
        """The report as JSON text."""
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)

    def text(self, lang: Lang = "en") -> str:
        """The report as readable text."""
        nl = lang == "nl"
        head = f"{self.tree_id} {self.version}: "
        counts = (
            f"{len(self.errors)} {'fouten' if nl else 'errors'}, "
            f"{len(self.warnings)} {'waarschuwingen' if nl else 'warnings'}"
        )
        how = "exact" if self.exact else ("benaderd" if nl else "approximate")
        lines = [f"{head}{counts} ({self.paths} {'paden' if nl else 'paths'}, {how})"]
        for finding in self.findings:
            lines.append(f"[{finding.code} {_severity_word(finding.severity, lang)}] {finding.message(lang)}")
            if finding.witness is not None:
                lines.append(f"    {'voorbeeld' if nl else 'witness'}: {_show_answers(finding.witness)}")
            if finding.counterexample is not None:
                before, after = finding.counterexample
                lines.append(f"    {'eerst' if nl else 'before'}: {_show_answers(before)}")
                lines.append(f"    {'daarna' if nl else 'after'}:  {_show_answers(after)}")
        for finding in self.informational:
            word = "informatief" if nl else "informational"
            lines.append(f"[{finding.code} {word}] {finding.message(lang)}")
            reason = finding.details.get("reason")
            if isinstance(reason, Mapping):
                lines.append(f"    {'reden' if nl else 'reason'}: {reason.get(lang, '')}")
        for finding in self.expected:
            lines.append(f"[{finding.code} {'verwacht' if nl else 'expected'}] {finding.message(lang)}")
            reason = finding.details.get("reason")
            if isinstance(reason, Mapping):
                lines.append(f"    {'reden' if nl else 'reason'}: {reason.get(lang, '')}")
        for result in self.invariants:
            state = ("geldt" if nl else "holds") if result.holds else ("geschonden" if nl else "violated")
            name = result.id or f"#{result.index + 1}"
            lines.append(f"invariant {name} ({result.kind}): {state} [{result.method}]")
        for note in self.notes:
            lines.append(f"{'let op' if nl else 'note'}: {note.get(lang)}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text("en")


def _severity_word(severity: Severity, lang: Lang) -> str:
    if lang == "nl":
        return "fout" if severity == "error" else "waarschuwing"
    return severity


def _json_value(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_json_value(v) for v in value]
    return answer_to_json(value)


def _json_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    return {key: answer_to_json(value) for key, value in answers.items()}


def _show_answers(answers: Mapping[str, Any]) -> str:
    return ", ".join(
        f"{key}={json.dumps(answer_to_json(v), ensure_ascii=False)}" for key, v in answers.items()
    )
