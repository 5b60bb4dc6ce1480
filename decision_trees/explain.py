"""Readable explanations of a decision, in Dutch or English."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from decision_trees._outputs import result_text, row_text
from decision_trees._walk import as_test
from decision_trees.conditions import ConditionResult, describe
from decision_trees.decision import answer_text, explain_condition
from decision_trees.model import Citation, Lang, Question, Rule
from decision_trees.presentation import established, flag_text, held_mark, rule_text
from decision_trees.words import word

if TYPE_CHECKING:
    from decision_trees.decision import Decision, TraceStep
    from decision_trees.model import Tree

__all__ = ["explain_text", "sources_cited"]


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
    marks = [f"[{numbers[c.source]}, {word(c.provenance, lang)}]" for c in citations]
    return "  " + " ".join(marks)


def _condition_lines(tree: Tree, result: ConditionResult, lang: Lang, depth: int) -> list[str]:
    text = result.text(tree.inputs, lang, rule_text(tree, lang))
    lines = [f"{'   ' * depth}{held_mark(result.held)} {text}"]  # ?: not needed, or not answered
    for child in result.children:
        lines.extend(_condition_lines(tree, child, lang, depth + 1))
    return lines


def explain_text(
    decision: Decision, lang: Lang = "en", given: Callable[[int, str, Any], str] | None = None
) -> str:
    """The decision, its reasons step by step, what to do, and the sources, as plain text.

    ``given(index, input, answer)``, when passed, words each question's answer instead of
    :func:`answer_text` (``index``: the step's place in the trace).
    """
    tree: Tree = decision.tree
    outcome = decision.outcome
    numbers = {source: i for i, source in enumerate(sources_cited(decision), start=1)}
    lines = [f"{word('decision', lang)}: {outcome.label.get(lang)}"]
    if outcome.severity is not None:
        lines[0] += f" ({word('severity', lang)} {outcome.severity})"
    if any(o.permitted is not None or o.desirable is not None for o in tree.outcomes.values()):
        permitted, desirable = established(decision)
        lines.append(
            f"{word('permitted', lang)}: {flag_text(permitted, lang)} · "
            f"{word('desirable', lang)}: {flag_text(desirable, lang)}"
        )
    lines.append(f"{word('tree', lang)}: {tree.title.get(lang)} {tree.version} ({tree.content_hash[:19]}…)")
    if outcome.description:
        lines += ["", outcome.description.get(lang)]
    lines += ["", f"{word('why', lang)}:"]
    trace = decision.trace
    for number, step in enumerate(trace[:-1], start=1):
        lines += _step_lines(decision, step, number, numbers, lang, given)
        if tree.tables:
            lines += _table_lines(decision, step, trace[number].node, lang)
    for key in ("measures", "next_steps"):
        items = getattr(outcome, key)
        if items:
            lines += ["", f"{word(key, lang)}:"]
            lines += [f"  - {item.get(lang)}" for item in items]
    if numbers:
        lines += ["", f"{word('sources', lang)}:"]
        lines += [
            f"  [{number}] {_source_line(tree, source_id, lang)}" for source_id, number in numbers.items()
        ]
    return "\n".join(lines)


def _step_lines(
    decision: Decision,
    step: TraceStep,
    number: int,
    numbers: dict[str, int],
    lang: Lang,
    given: Callable[[int, str, Any], str] | None = None,
) -> list[str]:
    """One step of the trace: the question and the answer given, or the rule and its verdict."""
    tree: Tree = decision.tree
    node = tree.nodes[step.node]
    cite = _cite(step.sources, numbers, lang)
    if isinstance(node, Question):
        assert step.input is not None
        answer = (
            answer_text(tree, step.input, step.answer, lang)
            if given is None
            else given(number - 1, step.input, step.answer)
        )
        way = _way(tree, step, lang)
        return [
            f"{number:>3}. {step.text.get(lang)}{cite}",
            f"     → {answer}" + (f"  ({way})" if way else ""),
        ]
    assert isinstance(node, Rule)
    verdict = word("holds" if step.result else "fails", lang)
    lines = [f"{number:>3}. {step.text.get(lang)}: {verdict}{cite}"]
    result = step.conditions or explain_condition(tree, node.condition, decision.answers, node.id)
    lines.extend("       " + line for line in _condition_lines(tree, result, lang, 0))
    if step.note is not None:
        lines.append(f"       {word('note', lang)}: {step.note.get(lang)}")
    return lines


def _table_lines(decision: Decision, step: TraceStep, following: str, lang: Lang) -> list[str]:
    """After a value table's row: what it gives when it held; after its last row on the path, the
    table's result (``Uitkomst van de tabel Tarief: 120``)."""
    tree: Tree = decision.tree
    node = tree.nodes[step.node]
    table_id = node.table if isinstance(node, Rule) else None
    table = tree.tables.get(table_id) if table_id is not None else None
    if table is None or table_id is None:
        return []
    lines = []
    if step.result:
        row = next(row for row in table.rows if row.node == step.node)
        lines.append(f"       {word('table_gives', lang)}: {row_text(table, row, lang)}")
    after = tree.nodes[following]
    if not (isinstance(after, Rule) and after.table == table_id):
        single = table.hit_policy in ("UNIQUE", "ANY", "FIRST", "PRIORITY")
        won = single and any(
            row.node is not None
            and row.node in decision.path
            and decision.branches[decision.path.index(row.node)] == 0
            for row in table.rows
        )
        for row in table.rows:  # the rows that match everything held too (single hit: if none won)
            if row.node is None and not won:
                lines.append(f"     {word('table_always', lang)}: {row_text(table, row, lang)}")
        value = decision.outputs[table_id]
        lines.append(f"     {result_text(table, value, lang)}")
    return lines


def _way(tree: Tree, step: TraceStep, lang: Lang) -> str | None:
    """How a question's answer went: the branch's label or condition (``None``: the answer says it)."""
    if step.matched is None:
        return word("otherwise", lang)
    if step.branch_label is not None:
        return step.branch_label.get(lang)
    matched = as_test(step.matched)
    if matched is not None and matched.operator == "equals":
        return None  # the answer says it all
    return describe(step.matched, tree.inputs, lang, implied_input=step.input)


def _source_line(tree: Tree, source_id: str, lang: Lang) -> str:
    source = tree.sources[source_id]
    parts = [*source.parts(lang), source.date.isoformat()]
    if source.url:
        parts.append(source.url)
    return ", ".join(parts)
