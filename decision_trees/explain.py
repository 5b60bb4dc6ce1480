"""Readable explanations of a decision, in Dutch or English."""

from __future__ import annotations

from typing import TYPE_CHECKING

from decision_trees.conditions import ConditionResult, describe
from decision_trees.decision import answer_text, explain_condition
from decision_trees.model import Citation, Lang, Question, Rule, Test

if TYPE_CHECKING:
    from decision_trees.decision import Decision
    from decision_trees.model import Tree

__all__ = ["explain_text", "sources_cited"]

_LABELS: dict[str, dict[Lang, str]] = {
    "decision": {"en": "Decision", "nl": "Besluit"},
    "severity": {"en": "severity", "nl": "zwaarte"},
    "permitted": {"en": "Permitted", "nl": "Toegestaan"},
    "desirable": {"en": "Desirable", "nl": "Wenselijk"},
    "why": {"en": "Why", "nl": "Waarom"},
    "answer": {"en": "answer", "nl": "antwoord"},
    "otherwise": {"en": "none of the listed answers", "nl": "geen van de genoemde antwoorden"},
    "holds": {"en": "holds", "nl": "geldt"},
    "fails": {"en": "does not hold", "nl": "geldt niet"},
    "measures": {"en": "Measures", "nl": "Maatregelen"},
    "next_steps": {"en": "Next steps", "nl": "Vervolgstappen"},
    "sources": {"en": "Sources", "nl": "Bronnen"},
    "tree": {"en": "Tree", "nl": "Beslisboom"},
    "yes": {"en": "yes", "nl": "ja"},
    "no": {"en": "no", "nl": "nee"},
    "n/a": {"en": "not assessed", "nl": "niet beoordeeld"},
    "direct": {"en": "direct", "nl": "direct"},
    "adapted": {"en": "adapted", "nl": "bewerkt"},
    "synthesis": {"en": "synthesis", "nl": "synthese"},
    "note": {"en": "Note", "nl": "Let op"},
}


def label(key: str, lang: Lang) -> str:
    """A fixed label of the explanation in ``lang``."""
    return _LABELS[key][lang]


def _flag(value: bool | None, lang: Lang) -> str:
    return label("n/a" if value is None else "yes" if value else "no", lang)


def sources_cited(decision: Decision) -> list[str]:
    """The source ids cited along the path, in order of first citation."""
    seen: dict[str, None] = {}
    for step in decision.trace:
        for citation in step.sources:
            seen.setdefault(citation.source, None)
    return list(seen)


def _cite(citations: tuple[Citation, ...], numbers: dict[str, int], lang: Lang) -> str:
    if not citations:
        return ""
    marks = [f"[{numbers[c.source]}, {label(c.provenance, lang)}]" for c in citations]
    return "  " + " ".join(marks)


def _condition_lines(result: ConditionResult, lang: Lang, depth: int) -> list[str]:
    mark = {True: "✓", False: "✗", None: "–"}[result.held]  # –: not needed, or not answered
    lines = [f"{'   ' * depth}{mark} {result.text}"]
    for child in result.children:
        lines.extend(_condition_lines(child, lang, depth + 1))
    return lines


def explain_text(decision: Decision, lang: Lang = "en") -> str:
    """The decision, its reasons step by step, what to do, and the sources, as plain text."""
    tree: Tree = decision.tree
    outcome = decision.outcome
    numbers = {source: i for i, source in enumerate(sources_cited(decision), start=1)}
    lines = [
        f"{label('decision', lang)}: {outcome.label.get(lang)} ({label('severity', lang)} {outcome.severity})"
    ]
    if any(o.permitted is not None or o.desirable is not None for o in tree.outcomes.values()):
        lines.append(
            f"{label('permitted', lang)}: {_flag(outcome.permitted, lang)} · "
            f"{label('desirable', lang)}: {_flag(outcome.desirable, lang)}"
        )
    lines.append(f"{label('tree', lang)}: {tree.title.get(lang)} {tree.version} ({tree.content_hash[:19]}…)")
    if outcome.description:
        lines += ["", outcome.description.get(lang)]
    lines += ["", f"{label('why', lang)}:"]
    for number, step in enumerate(decision.trace[:-1], start=1):
        node = tree.nodes[step.node]
        if isinstance(node, Question):
            assert step.input is not None
            given = answer_text(tree, step.input, step.answer, lang)
            if step.matched is None:
                way: str | None = label("otherwise", lang)
            elif step.branch_label is not None:
                way = step.branch_label.get(lang)
            elif isinstance(step.matched, Test) and step.matched.operator == "equals":
                way = None  # the answer says it all
            else:
                way = describe(step.matched, tree.inputs, lang, implied_input=step.input)
            lines.append(f"{number:>3}. {step.text.get(lang)}{_cite(step.sources, numbers, lang)}")
            lines.append(f"     → {given}" + (f"  ({way})" if way else ""))
        else:
            assert isinstance(node, Rule)
            verdict = label("holds" if step.result else "fails", lang)
            lines.append(f"{number:>3}. {step.text.get(lang)}: {verdict}{_cite(step.sources, numbers, lang)}")
            result = explain_condition(tree, node.condition, decision.answers, node.id, lang)
            lines.extend("       " + line for line in _condition_lines(result, lang, 0))
            if step.note is not None:
                lines.append(f"       {label('note', lang)}: {step.note.get(lang)}")
    for key in ("measures", "next_steps"):
        items = getattr(outcome, key)
        if items:
            lines += ["", f"{label(key, lang)}:"]
            lines += [f"  - {item.get(lang)}" for item in items]
    if numbers:
        lines += ["", f"{label('sources', lang)}:"]
        for source_id, number in numbers.items():
            source = tree.sources[source_id]
            parts = [source.title, source.publisher, source.date.isoformat()]
            if source.section:
                parts.insert(2, source.section)
            if source.url:
                parts.append(source.url)
            lines.append(f"  [{number}] " + ", ".join(parts))
    return "\n".join(lines)
