"""The explorer: one self-contained HTML page that asks, decides, explains and draws a tree.

The page evaluates with a small JavaScript interpreter (``explorer.js``) of a *program*: a plain,
documented JSON form of the tree's logic that :func:`program` compiles here. Both sides share it,
and the test suite proves the page decides as :meth:`Tree.evaluate` does (outcome, path and the
answers read). The program's shape::

    {"format": 1, "start": "<node id>",
     "inputs": {"<id>": {"type": "boolean|enum|set|number|integer|date|text",
                         "unknown": true|false, "values": [...], "min": x, "max": x, "max_length": n}},
     "nodes": {"<id>": {"kind": "question", "input": "<id>", "when": [<cond>...],
                        "next": ["<id>"...], "otherwise": "<id>"|null}
             | {"kind": "rule", "cond": <cond>, "then": "<id>"|null, "else": "<id>"|null}
             | {"kind": "outcome"}}}

    <cond> = ["test", "<input>", "<operator>", <operand>] | ["all", [<cond>...]]
           | ["any", [<cond>...]] | ["not", <cond>] | ["at_least", k, [<cond>...]] | ["rule", "<id>"]

Operands are checked values: dates as ``YYYY-MM-DD`` text, whole numbers beyond 2**53 as
``{"$big": "<digits>"}`` (the page compares them exactly, as BigInt). Inside a question's
branches the input is always the question's own.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from decision_trees._walk import ConditionVisitor
from decision_trees.answers import UNKNOWN
from decision_trees.conditions import _as_value, describe
from decision_trees.errors import DecisionTreeError
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    Citation,
    Condition,
    DateInput,
    EnumInput,
    Input,
    IntegerInput,
    Lang,
    NotOf,
    NumberInput,
    Outcome,
    Question,
    Rule,
    RuleRef,
    SetInput,
    Source,
    Test,
    Text,
    TextInput,
    Tree,
)

__all__ = ["encode_value", "explorer", "page_data", "program", "script_json"]

PROGRAM_FORMAT = 1
_SAFE_INT = 2**53 - 1


def encode_value(value: Any) -> Any:
    """A checked answer or operand in the program's JSON form."""
    if value is UNKNOWN:
        return "unknown"
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value if -_SAFE_INT <= value <= _SAFE_INT else {"$big": str(value)}
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": repr(value).replace("inf", "Infinity")}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, frozenset | set | list | tuple):
        items = [encode_value(v) for v in value]
        return sorted(items) if isinstance(value, frozenset | set) else items
    raise TypeError(f"cannot encode {value!r}")


def _input(decl: Input) -> dict[str, Any]:
    data: dict[str, Any] = {"type": decl.type, "unknown": decl.allow_unknown}
    if isinstance(decl, EnumInput | SetInput):
        data["values"] = list(decl.values)
    if isinstance(decl, NumberInput | IntegerInput | DateInput):
        data["min"] = encode_value(decl.minimum)
        data["max"] = encode_value(decl.maximum)
    if isinstance(decl, TextInput):
        data["max_length"] = decl.max_length
    return data


def _condition(cond: Condition, inputs: Mapping[str, Input], implied: str | None) -> list[Any]:
    return _Program(inputs, implied).visit(cond)


@dataclass(frozen=True, slots=True)
class _Program(ConditionVisitor[list[Any]]):
    """A condition as the page's JSON program: ``[kind, ...]``."""

    inputs: Mapping[str, Input]
    implied: str | None

    def test(self, cond: Test) -> list[Any]:
        key = self.implied if self.implied is not None else cond.input
        assert key is not None
        decl = self.inputs[key]
        op = cond.operator
        if op == "is_unknown":
            return ["test", key, op, bool(cond.is_unknown)]
        raw = cond.operand
        if isinstance(raw, tuple):
            return ["test", key, op, [encode_value(_as_value(decl, r)) for r in raw]]
        return ["test", key, op, encode_value(_as_value(decl, raw))]

    def all_of(self, cond: AllOf) -> list[Any]:
        return ["all", [self.visit(c) for c in cond.all]]

    def any_of(self, cond: AnyOf) -> list[Any]:
        return ["any", [self.visit(c) for c in cond.any]]

    def not_of(self, cond: NotOf) -> list[Any]:
        return ["not", self.visit(cond.not_)]

    def at_least(self, cond: AtLeast) -> list[Any]:
        return ["at_least", cond.at_least, [self.visit(c) for c in cond.of]]

    def rule_ref(self, cond: RuleRef) -> list[Any]:
        return ["rule", cond.rule]


def program(tree: Tree) -> dict[str, Any]:
    """The tree's logic as the JSON program the page interprets (see the module docstring)."""
    nodes: dict[str, Any] = {}
    for node_id, node in tree.nodes.items():
        if isinstance(node, Question):
            nodes[node_id] = {
                "kind": "question",
                "input": node.input,
                "when": [_condition(b.when, tree.inputs, node.input) for b in node.branches],
                "next": [b.next for b in node.branches],
                "otherwise": node.otherwise,
            }
        elif isinstance(node, Rule):
            nodes[node_id] = {
                "kind": "rule",
                "cond": _condition(node.condition, tree.inputs, None),
                "then": node.then,
                "else": node.else_,
            }
        else:
            nodes[node_id] = {"kind": "outcome"}
    data = {
        "format": PROGRAM_FORMAT,
        "start": tree.start,
        "inputs": {key: _input(decl) for key, decl in tree.inputs.items()},
        "nodes": nodes,
    }
    if tree.tables:
        data["tables"] = _value_tables(tree)
    return data


def _value_tables(tree: Tree) -> dict[str, Any]:
    """Per value table: its hit policy, aggregation, each row's value and priority, and the value
    when no row holds (the page works out ``Decision.outputs`` from the rows that held)."""
    from decision_trees._outputs import table_value, to_plain
    from decision_trees.table_nodes import output_rank

    return {
        table_id: {
            "policy": table.hit_policy,
            "agg": table.aggregation,
            "rows": [
                {
                    "node": row.node,
                    "order": i,
                    "rank": list(output_rank(table.outputs, row.outputs)),
                    "value": to_plain(table_value(table.model_copy(update={"hit_policy": "FIRST"}), [row])),
                }
                for i, row in enumerate(table.rows)
            ],
            "empty": to_plain(table_value(table, [])),
        }
        for table_id, table in tree.tables.items()
    }


# ----------------------------------------------------------------------------------------------
# The texts a reader sees, in both languages


def _text(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"nl": text.nl, "en": text.en}


def _both(make: Any) -> dict[str, str]:
    return {"nl": make("nl"), "en": make("en")}


def _note(source: Source | None, lang: Lang) -> str:
    """A source's note (its ``section``) for readers of ``lang``; empty when it has none."""
    parts = source.parts(lang) if source else []
    return parts[2] if len(parts) > 2 else ""


def _citation(c: Citation, source: Source | None) -> dict[str, Any]:
    langs: tuple[Lang, ...] = ("nl", "en")
    return {
        "id": c.source,
        "title": {lang: source.title_in(lang) if source else c.source for lang in langs},
        "publisher": {lang: source.parts(lang)[1] for lang in langs} if source else None,
        "url": source.url if source else None,
        "date": source.date.isoformat() if source else None,
        "section": {lang: c.section_in(lang) or _note(source, lang) for lang in langs},
        "provenance": c.provenance,
    }


def _citations(tree: Tree, citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
    """Each citation with its source's words in both languages (the page shows one)."""
    return [_citation(c, tree.sources.get(c.source)) for c in citations]


def _texts(tree: Tree) -> dict[str, Any]:
    inputs = tree.inputs

    def rule_text(lang: Lang) -> Any:
        def text(rule_id: str) -> str:
            node = tree.nodes.get(rule_id)
            return node.text.get(lang) if isinstance(node, Rule) else rule_id

        return text

    def cond_words(cond: Condition, implied: str | None) -> dict[str, str]:
        return _both(lambda lang: describe(cond, inputs, lang, implied, rule_text(lang)))

    ins: dict[str, Any] = {}
    for key, decl in inputs.items():
        entry: dict[str, Any] = {
            "label": _text(decl.label),
            "help": _text(decl.help),
            "sources": _citations(tree, decl.sources),
        }
        if isinstance(decl, EnumInput | SetInput):
            entry["values"] = {v: _text(t) for v, t in decl.values.items()}
        if isinstance(decl, NumberInput | IntegerInput) and decl.unit:
            entry["unit"] = decl.unit
        ins[key] = entry
    nodes: dict[str, Any] = {}
    for node_id, node in tree.nodes.items():
        entry = {"kind": node.kind, "section": node.section, "sources": _citations(tree, node.sources)}
        if isinstance(node, Question):
            entry.update(
                text=_text(node.text),
                help=_text(node.help),
                branches=[
                    {"label": _text(b.label), "when": cond_words(b.when, node.input)} for b in node.branches
                ],
            )
        elif isinstance(node, Rule):
            entry.update(text=_text(node.text), note=_text(node.note), cond=cond_words(node.condition, None))
        else:
            assert isinstance(node, Outcome)
            entry.update(
                label=_text(node.label),
                description=_text(node.description),
                severity=node.severity,
                permitted=node.permitted,
                desirable=node.desirable,
                measures=[_text(m) for m in node.measures],
                next_steps=[_text(s) for s in node.next_steps],
            )
        nodes[node_id] = entry
    texts = {
        "id": tree.id,
        "version": tree.version,
        "hash": tree.content_hash,
        "title": _text(tree.title),
        "description": _text(tree.description),
        "inputs": ins,
        "nodes": nodes,
    }
    if tree.tables:
        texts["tables"] = _table_texts(tree)
    return texts


def _table_texts(tree: Tree) -> dict[str, Any]:
    """Per value table: its title (with the aggregation), what each row gives, and the words for
    no row holding."""
    from decision_trees._outputs import results_title, row_text, table_value, value_text

    return {
        table_id: {
            "title": _both(lambda lang, t=table: results_title(t, lang)),
            "rows": [
                _both(
                    lambda lang, t=table, r=row: value_text(
                        t, table_value(t.model_copy(update={"hit_policy": "FIRST"}), [r]), lang
                    )
                )
                for row in table.rows
            ],
            "gives": {
                row.node: _both(lambda lang, t=table, r=row: row_text(t, r, lang))
                for row in table.rows
                if row.node is not None
            },
            "empty": _both(lambda lang, t=table: value_text(t, table_value(t, []), lang)),
        }
        for table_id, table in tree.tables.items()
    }


def page_data(tree: Tree, *, lang: Lang = "nl", lists: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Everything the page embeds: the program, the texts, and optional extra reference data."""
    return {
        "program": program(tree),
        "texts": _texts(tree),
        "lang": lang,
        "lists": dict(lists) if lists is not None else None,
    }


_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: it can never close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_json_default)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group()], text)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} into the page")


def _asset(name: str) -> str:
    return resources.files("decision_trees").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _drawing(tree: Tree, lang: Lang) -> str | None:
    """The whole tree as inline SVG from our own renderer, or ``None`` when ``dot`` is missing."""
    from decision_trees import render

    try:
        svg = render(tree, None, format="svg", lang=lang, sources=None).decode("utf-8")
    except DecisionTreeError:
        return None
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else None


_HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def _h(text: str) -> str:
    return re.sub('[&<>"]', lambda m: _HTML_ESCAPES[m.group()], text)


def explorer(tree: Tree, *, lang: Lang = "nl", lists: Mapping[str, Any] | None = None) -> str:
    """One self-contained HTML page for ``tree``: a questionnaire, the result with its reasons, and
    the whole tree drawn. All script, style and data are inline; the page makes no request.

    ``lists`` is optional extra reference data (a mapping of plain, JSON-able values, e.g. an
    institution's dated lists): it is embedded and shown, as text, under "browse the tree".
    """
    if lang not in ("nl", "en"):
        raise ValueError(f"lang must be 'nl' or 'en', not {lang!r}")
    data = script_json(page_data(tree, lang=lang, lists=lists))
    script = _asset("explorer.js")
    style = _asset("explorer.css")
    drawings = {lang_: _drawing(tree, lang_) for lang_ in ("nl", "en")}
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(script)}; "
        f"style-src {_csp_hash(style)}; "
        "base-uri 'none'; form-action 'none'"
    )
    parts = [
        "<!DOCTYPE html>\n",
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{_h(csp)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{_h(tree.title.get(lang))}</title>\n",
        f"<style>{style}</style>\n</head>\n<body>\n",
        '<div id="app"><noscript>This page needs JavaScript. / Deze pagina heeft JavaScript nodig.'
        "</noscript></div>\n",
    ]
    for lang_, svg in drawings.items():
        if svg is not None:
            parts.append(f'<template id="drawing-{lang_}">{svg}</template>\n')
    parts.append(f'<script type="application/json" id="tree-data">{data}</script>\n')
    parts.append(f"<script>{script}</script>\n</body>\n</html>\n")
    return "".join(parts)
