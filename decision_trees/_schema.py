"""The JSON Schema of tree files, made to agree with the loader where the model alone cannot say it.

A question's branches test the question's own answer, so a ``{rule: id}`` reference anywhere inside a
branch's ``when`` is refused by the loader (DT125). The model shares one ``Condition`` type between
rules and branches; here the schema gets a second, rule-free family of condition definitions
(``Branch*``) that ``Branch.when`` uses, so that an editor flags what the loader would refuse.
"""

from __future__ import annotations

import copy
from typing import Any

_COMBINATIONS = ("AllOf", "AnyOf", "NotOf", "AtLeast")
_PREFIX = "Branch"


def _without_rule_refs(node: Any) -> Any:
    """A copy of a schema fragment with ``RuleRef`` dropped and combinations renamed."""
    if isinstance(node, list):
        return [
            _without_rule_refs(item)
            for item in node
            if not (isinstance(item, dict) and item.get("$ref") == "#/$defs/RuleRef")
        ]
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$ref" and value.removeprefix("#/$defs/") in _COMBINATIONS:
                out[key] = "#/$defs/" + _PREFIX + value.removeprefix("#/$defs/")
            else:
                out[key] = _without_rule_refs(value)
        return out
    return node


def with_branch_conditions(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with ``Branch.when`` limited to conditions without rule references (DT125)."""
    defs = schema["$defs"]
    for name in _COMBINATIONS:
        branch_def = _without_rule_refs(copy.deepcopy(defs[name]))
        branch_def["title"] = _PREFIX + name
        branch_def["description"] = (
            defs[name].get("description", "") + " (inside a question's branch: no rule references)"
        ).strip()
        defs[_PREFIX + name] = branch_def
    branch = defs["Branch"]
    branch["properties"]["when"] = _without_rule_refs(branch["properties"]["when"])
    return schema


def with_table_nodes(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with ``kind: table`` among the nodes (the loader lowers them into rules)."""
    from pydantic import TypeAdapter

    from decision_trees.table_nodes import TableNode, ValueTableNode

    defs = schema["$defs"]
    for model in (TableNode, ValueTableNode):
        table = TypeAdapter(model).json_schema(
            by_alias=True, mode="validation", ref_template="#/$defs/{model}"
        )
        for name, definition in table.pop("$defs", {}).items():
            defs.setdefault(name, definition)
        defs[model.__name__] = table
    for row_name in ("TableRow", "ValueTableRow"):
        row = defs[row_name]
        row["properties"]["when"] = _without_rule_refs(row["properties"]["when"])
    # a routing table (rows with next, an else) or a value table (outputs, rows with outputs, next)
    defs["AnyTableNode"] = {"oneOf": [{"$ref": "#/$defs/TableNode"}, {"$ref": "#/$defs/ValueTableNode"}]}
    nodes = schema["properties"]["nodes"]["patternProperties"]
    for node in nodes.values():
        node["oneOf"].append({"$ref": "#/$defs/AnyTableNode"})
        node["discriminator"]["mapping"]["table"] = "#/$defs/AnyTableNode"
    return schema
