"""Table nodes in drawings: the rule chain a table node became, described as one table.

The loader marks the rules a table node becomes with ``table: <id>`` (see
:mod:`decision_trees.table_nodes`). Here such a chain (the table's id first, each row's ``else``
leading to the next row) becomes a :class:`~decision_trees._drawing.DrawnTable`: a column per
input or named condition the rows test, a cell per row and column, where each row leads, and,
with a decision, the rows its path tried and the one that matched. A chain that does not have this
shape (a hand-edited file) is drawn as plain rule nodes.
"""

from __future__ import annotations

from decision_trees._drawing import DrawnRow, DrawnTable, clean, word
from decision_trees._outputs import result_text, table_value
from decision_trees._walk import as_rule_ref, kind, parts, tests_in
from decision_trees.conditions import describe as describe_condition
from decision_trees.model import Condition, Lang, Outcome, Question, Rule, Tree

__all__ = ["drawn_tables"]


def _chain(tree: Tree, table_id: str, members: set[str]) -> list[str] | None:
    """The rows in order (following ``else`` from the table's id), or ``None`` if not a chain."""
    chain: list[str] = []
    current: str | None = table_id
    while current in members and current not in chain:
        chain.append(current)
        node = tree.nodes[current]
        current = node.else_ if isinstance(node, Rule) else None
    return chain if set(chain) == members else None


def _named(part: Condition) -> tuple[str, bool] | None:
    """``(rule, holds)`` for a named condition's cell (``{rule: x}`` or its negation), else ``None``."""
    ref = as_rule_ref(part)
    if ref is not None:
        return ref.rule, True
    inner = parts(part)
    negated = as_rule_ref(inner[0]) if kind(part) == "not" else None
    return (negated.rule, False) if negated is not None else None


def _column(part: Condition) -> str | None:
    """The input or named condition one part of a row's condition tests."""
    named = _named(part)
    if named is not None:
        return named[0]
    inputs = {test.input for test, _ in tests_in(part)}
    return inputs.pop() if len(inputs) == 1 else None


def _cells(condition: Condition) -> tuple[Condition, ...]:
    """A row's condition split into its cells: the parts of an ``all`` over several columns; an
    ``all`` whose parts all test one column is one cell (a row with one cell is its condition)."""
    pieces = parts(condition) if kind(condition) == "all" else (condition,)
    if len(pieces) > 1 and len({_column(p) for p in pieces}) == 1 and _column(condition) is not None:
        return (condition,)
    return pieces


def _cell(tree: Tree, part: Condition, column: str, lang: Lang) -> str:
    named = _named(part)
    if named is not None:
        return word("yes" if named[1] else "no", lang)
    text = describe_condition(part, tree.inputs, lang)
    decl = tree.inputs.get(column)
    subject = decl.label.get(lang) if decl is not None else column
    return clean(text[len(subject) + 1 :] if text.startswith(subject + " ") else text)


def _heading(tree: Tree, column: str, lang: Lang) -> str:
    if column in tree.inputs:
        return clean(tree.inputs[column].label.get(lang))
    node = tree.nodes.get(column)
    return clean(node.text.get(lang)) if isinstance(node, Rule) else column


def _target(tree: Tree, node_id: str, lang: Lang) -> str:
    node = tree.nodes.get(node_id)
    if isinstance(node, Outcome):
        return clean(node.label.get(lang))
    if isinstance(node, Question | Rule):
        return clean(node.text.get(lang))
    return node_id


def _table(
    tree: Tree, table_id: str, chain: list[str], path: tuple[str, ...], lang: Lang, held: frozenset[str]
) -> DrawnTable | None:
    rules = [tree.nodes[n] for n in chain]
    cells: list[dict[str, Condition]] = []
    for rule in rules:
        assert isinstance(rule, Rule)
        condition = rule.condition
        found: dict[str, Condition] = {}
        for part in _cells(condition):
            column = _column(part)
            if column is None or column in found:
                return None
            found[column] = part
        cells.append(found)
    columns = list(dict.fromkeys(c for found in cells for c in found))
    steps = {node: i for i, node in enumerate(path)}
    values = tree.tables.get(table_id)
    produced = {row.node: row.outputs for row in values.rows if row.node is not None} if values else {}
    rows = []
    for node_id, rule, found in zip(chain, rules, cells, strict=True):
        assert isinstance(rule, Rule)
        assert rule.then is not None
        at = steps.get(node_id)
        matched = at is not None and at + 1 < len(path) and path[at + 1] == rule.then
        outputs: tuple[str, ...] = ()
        if values is not None:  # a value table: the rows that held, and what each gives
            matched = node_id in held
            outputs = tuple(clean(_value(produced[node_id].get(c.id), lang)) for c in values.outputs)
        rows.append(
            DrawnRow(
                node=node_id,
                name=clean(rule.text.get(lang).rsplit(": ", 1)[-1].split(" ", 1)[-1]),  # "row 2" -> "2"
                cells=tuple(_cell(tree, found[c], c, lang) if c in found else "-" for c in columns),
                target=_target(tree, rule.then, lang),
                tried=at is not None,
                matched=matched,
                outputs=outputs,
            )
        )
    first = rules[0]
    assert isinstance(first, Rule)
    title = clean(first.text.get(lang).rsplit(": ", 1)[0])
    headings = tuple(_heading(tree, c, lang) for c in columns)
    if values is None:
        return DrawnTable(table_id, title, headings, tuple(rows))
    if any(row.node is None for row in values.rows):  # rows matching everything, in file order
        reached = bool(steps.keys() & produced.keys())
        if values.hit_policy in ("FIRST", "PRIORITY"):  # it applies when no row tried before it held
            reached = reached and not (held & produced.keys())
        drawn = {row.node: row for row in rows}
        rows = [
            drawn[row.node]
            if row.node is not None
            else DrawnRow(
                node=f"{table_id}#{i + 1}",
                name=str(i + 1),
                cells=("-",) * len(columns),
                target="",
                tried=reached,
                matched=reached,
                outputs=tuple(clean(_value(row.outputs.get(c.id), lang)) for c in values.outputs),
            )
            for i, row in enumerate(values.rows)
        ]
    result = None
    if steps.keys() & produced.keys():
        found_rows = [row for row in values.rows if row.node is None or row.node in held]
        result = clean(result_text(values, table_value(values, found_rows), lang))
    labels = tuple(clean(c.label.get(lang) if c.label is not None else c.id) for c in values.outputs)
    title += f" · {values.hit_policy}" + (f" {values.aggregation}" if values.aggregation else "")
    defaults: tuple[str, ...] = ()
    if values.hit_policy in ("UNIQUE", "ANY", "FIRST", "PRIORITY") and any(
        c.default is not None for c in values.outputs
    ):
        defaults = tuple(clean(_value(c.default, lang)) for c in values.outputs)
    used = result is not None and not any(row.node in held for row in values.rows)
    return DrawnTable(
        table_id,
        title,
        headings,
        tuple(rows),
        outputs=labels,
        result=result,
        defaults=defaults,
        default_used=used,
    )


def _value(value: object, lang: Lang) -> str:
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    return "-" if value is None else str(value)


def drawn_tables(
    tree: Tree, path: tuple[str, ...], shown: set[str], lang: Lang, held: frozenset[str] = frozenset()
) -> tuple[DrawnTable, ...]:
    """The table nodes of ``tree`` whose rows are all drawn, as tables (``held``: the rows of value
    tables that held on the decision's path)."""
    groups: dict[str, set[str]] = {}
    for node_id, node in tree.nodes.items():
        if isinstance(node, Rule) and node.table is not None and node.routes:
            groups.setdefault(node.table, set()).add(node_id)
    tables = []
    for table_id, members in groups.items():
        chain = _chain(tree, table_id, members)
        if chain is None or not members <= shown:
            continue
        drawn = _table(tree, table_id, chain, path, lang, held)
        if drawn is not None:
            tables.append(drawn)
    return tuple(tables)
