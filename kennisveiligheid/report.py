"""A decision as the command line shows it: compact text (with colours on a terminal), Markdown or
JSON, with the answers that were derived from the case and any notes (e.g. stale lists).

The text names each question with the answer given and its sources, and for each rule only the
parts that decided it; :meth:`decision_trees.Decision.explain` gives the full condition trees.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any, TypeAlias

from decision_trees import (
    UNKNOWN,
    AllOf,
    AnyOf,
    AtLeast,
    Citation,
    ConditionResult,
    Decision,
    Lang,
    NotOf,
    Question,
    Rule,
    RuleRef,
    SetInput,
    Test,
    Text,
    Tree,
)
from decision_trees.support import (
    ConditionVisitor,
    established,
    explain_condition,
    flag_text,
    held_mark,
    markdown_text,
    value_text,
    visit,
    word,
)
from kennisveiligheid.case import Collaboration, Derivation
from kennisveiligheid.countries import country_name, country_names
from kennisveiligheid.lists import InstitutionLists, country_source
from kennisveiligheid.reference import EXIT_CODES

__all__ = ["Report", "Style", "render_json", "render_markdown", "render_text", "use_colour"]

SECTIONS: dict[str, Text] = {
    "scope": Text(nl="Reikwijdte", en="Scope"),
    "legal": Text(nl="Toegestaan? (wettelijke toets)", en="Legal gate: permitted?"),
    "policy": Text(nl="Wenselijk? (beleidstoets)", en="Policy gate: desirable?"),
    "ethics": Text(nl="Ethische overwegingen van de instelling", en="The institution's ethical questions"),
    "weighing": Text(nl="Weging", en="Weighing"),
}


_CATALOGUE_KEYS = {"exit": "exit_code", "n/a": "not_assessed", "not asked": "not_asked"}


def w(key: str, lang: Lang) -> str:
    """A fixed word of the report in ``lang`` (from :mod:`decision_trees.words`)."""
    return word(_CATALOGUE_KEYS.get(key, key), lang)


#: Outcomes that hand the judgement of desirability to people (an adviser or the committee).
ESCALATIONS = frozenset({"escalate_adviser", "escalate_committee"})


def gate_texts(decision: Decision, lang: Lang) -> tuple[str, str]:
    """Permitted and desirable in words, as the path established them; an escalation reached
    with the legal gate passed leaves desirability to the adviser or the committee."""
    permitted, desirable = established(decision)
    desirable_text = flag_text(desirable, lang)
    if desirable is None and permitted and decision.outcome_id in ESCALATIONS:
        key = "for_adviser" if decision.outcome_id == "escalate_adviser" else "for_committee"
        desirable_text = word(key, lang)
    return flag_text(permitted, lang), desirable_text


# ----------------------------------------------------------------------------------------------
# Colours


def use_colour(stream: IO[str]) -> bool:
    """Colours only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@dataclass(frozen=True, slots=True)
class Style:
    """ANSI styles, or nothing when ``enabled`` is false."""

    enabled: bool = False

    def _wrap(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        """Bold text."""
        return self._wrap(text, "1")

    def dim(self, text: str) -> str:
        """Faint text."""
        return self._wrap(text, "2")

    def good(self, text: str) -> str:
        """Green."""
        return self._wrap(text, "32")

    def bad(self, text: str) -> str:
        """Red."""
        return self._wrap(text, "31")

    def warn(self, text: str) -> str:
        """Yellow."""
        return self._wrap(text, "33")

    def accent(self, text: str) -> str:
        """Cyan."""
        return self._wrap(text, "36")

    def severity(self, text: str, severity: int) -> str:
        """Bold, coloured by how strict an outcome is: green, cyan, yellow, magenta, red."""
        if severity <= 10:
            code = "1;32"
        elif severity <= 30:
            code = "1;36"
        elif severity <= 55:
            code = "1;33"
        elif severity <= 70:
            code = "1;35"
        else:
            code = "1;31"
        return self._wrap(text, code)


# ----------------------------------------------------------------------------------------------
# What a report holds


@dataclass(frozen=True, slots=True)
class Report:
    """A decision with its case, the derived answers, and notes to show with it."""

    decision: Decision
    case: Collaboration | None = None
    derived: tuple[Derivation, ...] = ()
    notes: tuple[str, ...] = field(default=())
    lists: InstitutionLists | None = None
    """The institution's lists, for the names it gives its user-assigned country codes."""

    @property
    def exit_code(self) -> int:
        """The command line's exit code for the outcome."""
        return EXIT_CODES[self.decision.outcome_id]


def _country(code: str, lang: Lang, lists: InstitutionLists | None) -> str:
    """A country as the case line shows it: ``Spanje, ES``; just ``XE`` when nothing names it."""
    name = country_name(code, lang, lists)
    return code if name == code else f"{name}, {code}"


def _answer(tree: Tree, input_id: str, value: Any, lang: Lang) -> str:
    decl = tree.inputs.get(input_id)
    if isinstance(decl, SetInput) and isinstance(value, frozenset | set):
        if not value:
            return w("none", lang)
        return ", ".join(label.get(lang) for key, label in decl.values.items() if key in value)
    return value_text(decl, value, lang)


def _source_numbers(decision: Decision) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for step in decision.trace:
        for citation in step.sources:
            numbers.setdefault(citation.source, len(numbers) + 1)
    return numbers


def _cites(citations: Sequence[Citation], numbers: dict[str, int], lang: Lang) -> str:
    return ", ".join(f"{numbers[c.source]} {w(c.provenance, lang)}" for c in citations)


_Line: TypeAlias = tuple[int, bool | None, str]


def _reasons(tree: Tree, result: ConditionResult, answers: Any, lang: Lang, depth: int = 0) -> list[_Line]:
    """The parts of a condition that decided it: (depth, held, text) lines.

    A held "any" shows its held parts, a failed "all" its failed parts; otherwise every part.
    Named rules are shown by their text, and opened when they hold (or at the top).
    """
    return visit(result.condition, _Reasons(tree, result, answers, lang, depth))


class _Reasons(ConditionVisitor[list[_Line]]):
    """The reason lines of one condition result (see :func:`_reasons`)."""

    def __init__(self, tree: Tree, result: ConditionResult, answers: Any, lang: Lang, depth: int) -> None:
        self.tree, self.result, self.answers, self.lang, self.depth = tree, result, answers, lang, depth

    def _below(self, part: ConditionResult, depth: int) -> list[_Line]:
        return _reasons(self.tree, part, self.answers, self.lang, depth)

    def test(self, condition: Test) -> list[_Line]:
        assert condition.input is not None
        decl = self.tree.inputs[condition.input]
        if condition.input in self.answers:
            shown = _answer(self.tree, condition.input, self.answers[condition.input], self.lang)
        else:
            shown = w("not asked", self.lang)
        return [(self.depth, self.result.held, f"{decl.label.get(self.lang)}: {shown}")]

    def rule_ref(self, condition: RuleRef) -> list[_Line]:
        rule = self.tree.nodes[condition.rule]
        text = rule.text.get(self.lang) if isinstance(rule, Rule) else condition.rule
        lines = [(self.depth, self.result.held, text)]
        if self.result.held and self.result.children:
            lines += self._below(self.result.children[0], self.depth + 1)
        return lines

    def not_of(self, condition: NotOf) -> list[_Line]:
        head: list[_Line] = [(self.depth, self.result.held, w("not", self.lang))]
        return head + self._below(self.result.children[0], self.depth + 1)

    def all_of(self, condition: AllOf) -> list[_Line]:
        parts = self.result.children
        if self.result.held is False:
            parts = tuple(p for p in parts if p.held is False) or tuple(p for p in parts if p.held is None)
        return self._merged(parts)

    def any_of(self, condition: AnyOf) -> list[_Line]:
        return self._merged(self._held_parts())

    def at_least(self, condition: AtLeast) -> list[_Line]:
        return self._merged(self._held_parts())

    def _held_parts(self) -> tuple[ConditionResult, ...]:
        parts = self.result.children
        return tuple(p for p in parts if p.held) if self.result.held else parts

    def _merged(self, parts: tuple[ConditionResult, ...]) -> list[_Line]:
        found: list[_Line] = []
        for part in parts:
            for line in self._below(part, self.depth):
                if line not in found:
                    found.append(line)
        return found


def _mark(held: bool | None, style: Style) -> str:
    mark = held_mark(held)
    return style.good(mark) if held else style.dim(mark)


def render_text(report: Report, lang: Lang = "en", style: Style | None = None) -> str:
    """The decision as compact, readable text (ANSI colours when ``style`` is enabled)."""
    style = style or Style()
    decision = report.decision
    tree, outcome = decision.tree, decision.outcome
    numbers = _source_numbers(decision)
    permitted, desirable = gate_texts(decision, lang)
    lines = [
        style.severity(outcome.label.get(lang), outcome.severity or 0),
        f"{w('permitted', lang)}: {permitted} · {w('desirable', lang)}: "
        f"{desirable} · {w('severity', lang)} {outcome.severity} · "
        f"{w('exit', lang)} {report.exit_code}",
    ]
    case = report.case
    if case is not None and (case.title or case.partner):
        what = case.title or ""
        if case.partner is not None:
            partner = f"{case.partner.name} ({_country(case.partner.country, lang, report.lists)})"
            what = f"{what} — {partner}" if what else partner
        lines.append(f"{w('case', lang)}: {what}")
    lines.append(
        style.dim(f"{w('tree', lang)}: {tree.title.get(lang)} {tree.version} ({tree.content_hash[:19]}…)")
    )
    if outcome.description:
        lines += ["", outcome.description.get(lang)]
    lines += ["", style.bold(f"{w('why', lang)}:")]
    lines += _text_steps(report, numbers, lang, style)
    lines += _text_tail(report, numbers, lang, style)
    return "\n".join(lines)


def _text_steps(report: Report, numbers: dict[str, int], lang: Lang, style: Style) -> list[str]:
    """The numbered steps of the path, grouped by section, each rule with its reasons."""
    decision = report.decision
    tree = decision.tree
    lines: list[str] = []
    section: str | None = None
    for number, step in enumerate(decision.trace[:-1], start=1):
        node = tree.nodes[step.node]
        if node.section != section and node.section is not None:
            section = node.section
            title = SECTIONS[section].get(lang) if section in SECTIONS else section
            lines.append(f" {style.accent(title)}")
        cites = _cites(step.sources, numbers, lang)
        cites = style.dim(f"  [{cites}]") if cites else ""
        if isinstance(node, Question):
            assert step.input is not None
            shown = _answer(tree, step.input, step.answer, lang)
            if step.answer is UNKNOWN:
                shown = style.warn(shown)
            lines.append(f"{number:>4}. {step.text.get(lang)}{cites}")
            lines.append(f"      → {shown}")
        else:
            assert isinstance(node, Rule)
            verdict = w("holds" if step.result else "fails", lang)
            lines.append(f"{number:>4}. {step.text.get(lang)}: {style.bold(verdict)}{cites}")
            result = explain_condition(tree, node.condition, decision.answers, node.id)
            for depth, held, text in _reasons(tree, result, decision.answers, lang):
                lines.append(f"{'      ' + '   ' * depth}{_mark(held, style)} {text}")
            if node.note is not None:
                lines.append(style.dim(f"      {w('note', lang)}: {node.note.get(lang)}"))
    return lines


def _text_tail(report: Report, numbers: dict[str, int], lang: Lang, style: Style) -> list[str]:
    """Derived answers, measures, next steps, notes and the numbered sources."""
    decision = report.decision
    tree, outcome = decision.tree, decision.outcome
    lines: list[str] = []
    derived = [item for item in report.derived if item.input in decision.answers]
    if derived:
        lines += ["", style.bold(f"{w('derived', lang)}:")]
        for item in derived:
            label = tree.inputs[item.input].label.get(lang)
            lines.append(
                f"  - {label} = {_answer(tree, item.input, item.value, lang)} ({item.reason.get(lang)})"
            )
    for key in ("measures", "next_steps"):
        items: tuple[Text, ...] = getattr(outcome, key)
        if items:
            lines += ["", style.bold(f"{w(key, lang)}:")]
            lines += [f"  - {item.get(lang)}" for item in items]
    if report.notes:
        lines += ["", style.warn(f"{w('notes', lang)}:")]
        lines += [f"  - {note}" for note in report.notes]
    if numbers:
        lines += ["", style.bold(f"{w('sources', lang)}:")]
        for source_id, number in numbers.items():
            lines.append(f"  [{number}] {_source_line(tree, source_id, lang)}")
    return lines


def _source_line(tree: Tree, source_id: str, lang: Lang) -> str:
    source = tree.sources[source_id]
    parts = [*source.parts(lang), source.date.isoformat()]
    if source.url:
        parts.append(source.url)
    return ", ".join(parts)


_md = markdown_text  # the one hardened Markdown escaper


def render_markdown(report: Report, lang: Lang = "en") -> str:
    """The decision as a Markdown report: outcome, answers per gate, weighing, steps and sources."""
    decision = report.decision
    tree, outcome = decision.tree, decision.outcome
    numbers = _source_numbers(decision)
    permitted, desirable = gate_texts(decision, lang)
    title = report.case.title if report.case is not None and report.case.title else w("decision", lang)
    lines = [
        f"# {_md(title)}",
        "",
        f"**{w('decision', lang)}: {_md(outcome.label.get(lang))}** "
        f"({w('severity', lang)} {outcome.severity}, {w('exit', lang)} {report.exit_code})",
        "",
        f"- {w('permitted', lang)}: {permitted}",
        f"- {w('desirable', lang)}: {desirable}",
        f"- {w('tree', lang)}: {_md(tree.title.get(lang))} {_md(tree.version)} (`{tree.content_hash}`)",
    ]
    if report.case is not None and report.case.partner is not None:
        partner = report.case.partner
        country = _country(partner.country, lang, report.lists)
        lines.append(f"- {w('case', lang)}: {_md(partner.name)} ({_md(country)})")
    if outcome.description:
        lines += ["", _md(outcome.description.get(lang))]
    lines += ["", f"## {w('why', lang)}", ""]
    lines += [
        f"| # | {w('question', lang)} | {w('answer', lang)} | {w('sources', lang)} |",
        "|---|---|---|---|",
    ]
    rows, rules = _markdown_steps(report, numbers, lang)
    lines += rows
    if rules:
        lines += ["", f"## {SECTIONS['weighing'].get(lang)}", "", *rules]
    lines += _markdown_tail(report, numbers, lang)
    return "\n".join(lines) + "\n"


def _markdown_steps(report: Report, numbers: dict[str, int], lang: Lang) -> tuple[list[str], list[str]]:
    """The path in Markdown: the questions' table rows, and the rules' weighing list."""
    decision = report.decision
    tree = decision.tree
    lines: list[str] = []
    rules: list[str] = []
    for number, step in enumerate(decision.trace[:-1], start=1):
        node = tree.nodes[step.node]
        cites = _cites(step.sources, numbers, lang)
        if isinstance(node, Question):
            assert step.input is not None
            shown = _answer(tree, step.input, step.answer, lang)
            lines.append(f"| {number} | {_md(step.text.get(lang))} | {_md(shown)} | {cites} |")
        else:
            assert isinstance(node, Rule)
            verdict = w("holds" if step.result else "fails", lang)
            rules.append(f"{number}. **{_md(step.text.get(lang))}: {verdict}** ({cites})")
            result = explain_condition(tree, node.condition, decision.answers, node.id)
            for depth, held, text in _reasons(tree, result, decision.answers, lang):
                mark = {True: "✓", False: "✗", None: "?"}[held]
                rules.append(f"{'   ' * (depth + 1)}- {mark} {_md(text)}")
    return lines, rules


def _markdown_tail(report: Report, numbers: dict[str, int], lang: Lang) -> list[str]:
    """Derived answers, measures, next steps, notes and the numbered sources, in Markdown."""
    decision = report.decision
    tree, outcome = decision.tree, decision.outcome
    lines: list[str] = []
    derived = [item for item in report.derived if item.input in decision.answers]
    if derived:
        lines += ["", f"## {w('derived', lang)}", ""]
        for item in derived:
            label = tree.inputs[item.input].label.get(lang)
            shown = _answer(tree, item.input, item.value, lang)
            lines.append(f"- {_md(label)} = {_md(shown)} ({_md(item.reason.get(lang))})")
    for key in ("measures", "next_steps"):
        items: tuple[Text, ...] = getattr(outcome, key)
        if items:
            lines += ["", f"## {w(key, lang)}", ""]
            lines += [f"- {_md(item.get(lang))}" for item in items]
    if report.notes:
        lines += ["", f"## {w('notes', lang)}", ""]
        lines += [f"- {_md(note)}" for note in report.notes]
    if numbers:
        lines += ["", f"## {w('sources', lang)}", ""]
        for source_id, number in numbers.items():
            lines.append(f"{number}. {_md(_source_line(tree, source_id, lang))}")
    return lines


def report_dict(report: Report) -> dict[str, Any]:
    """The decision's own JSON (readable by ``Decision.from_json``) plus case, derivations, notes."""
    data = report.decision.to_dict()
    if report.case is not None:
        data["case"] = report.case.model_dump(mode="json", exclude_none=True, exclude={"answers"})
        # the case keeps its codes; the names (ISO data, or the institution's own) come beside it
        countries = report.case.countries()
        if countries:
            data["countries"] = [country_names(code, report.lists) for code in countries]
            data["country_source"] = country_source().model_dump(mode="json", exclude_none=True)
    data["derived"] = [item.to_dict() for item in report.derived]
    data["notes"] = list(report.notes)
    data["exit_code"] = report.exit_code
    return data


def render_json(report: Report) -> str:
    """:func:`report_dict` as indented JSON."""
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2)
