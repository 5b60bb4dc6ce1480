"""Conformance with DMN's decision-table semantics, in the spirit of the DMN TCK.

Our own DMN documents and expectations, derived from the DMN 1.3-1.5 specification (hit
policies, default outputs, nulls, FEEL ranges and literals), not copied from the TCK. Each model
is imported from XML and every case is run through the evaluator.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from decision_trees.tables import from_dmn

NS = "https://www.omg.org/spec/DMN/20191111/MODEL/"  # DMN 1.3


def model(decision: str, inputs: dict[str, str]) -> str:
    data = "".join(
        f'<inputData id="i_{i}" name="{name}"><variable name="{name}" typeRef="{kind}"/></inputData>'
        for i, (name, kind) in enumerate(inputs.items())
    )
    head = f'<definitions xmlns="{NS}" id="m" name="m" namespace="urn:conformance">'
    return f"{head}{decision}{data}</definitions>"


def rule(*cells: str) -> str:
    *ins, outs = cells
    entries = "".join(f"<inputEntry><text>{c}</text></inputEntry>" for c in ins)
    results = "".join(f"<outputEntry><text>{o}</text></outputEntry>" for o in outs.split("|"))
    return f"<rule>{entries}{results}</rule>"


# Input types come from the input data (no typeRef on the input expressions).
DISCOUNT = model(
    """<decision id="discount" name="Discount"><variable name="Discount" typeRef="number"/>
  <decisionTable hitPolicy="FIRST">
    <input><inputExpression><text>Customer type</text></inputExpression></input>
    <input><inputExpression><text>Order size</text></inputExpression></input>
    <output><defaultOutputEntry><text>0</text></defaultOutputEntry></output>"""
    + rule('"Business"', "&lt; 10", "0.10")
    + rule('"Business"', ">= 10", "0.15")
    + rule('"Private"', "[1..5)", "0.05")
    + rule('not("Business", "Private")', "-", "0.01")
    + "</decisionTable></decision>",
    {"Customer type": "string", "Order size": "number"},
)

ROUTING = model(
    """<decision id="routing" name="Routing">
  <decisionTable hitPolicy="PRIORITY">
    <input><inputExpression typeRef="date"><text>Received</text></inputExpression></input>
    <input><inputExpression typeRef="boolean"><text>Urgent</text></inputExpression></input>
    <output name="Queue" typeRef="string">
      <outputValues><text>"escalate", "fast", "normal"</text></outputValues>
    </output>
    <output name="Note" typeRef="string"/>"""
    + rule('&lt; date("2024-01-01")', "-", '"escalate"|"old case"')
    + rule("-", "true", '"fast"|"urgent"')
    + rule("-", "-", '"normal"|"default"')
    + "</decisionTable></decision>",
    {"Received": "date", "Urgent": "boolean"},
)

ORDERED = model(
    """<decision id="checks" name="Checks">
  <decisionTable hitPolicy="OUTPUT ORDER">
    <input><inputExpression typeRef="number"><text>Score</text></inputExpression></input>
    <output name="Check" typeRef="string">
      <outputValues><text>"legal", "finance", "desk"</text></outputValues>
    </output>"""
    + rule("> 50", '"desk"')
    + rule("> 80", '"legal"')
    + rule("(60..90]", '"finance"')
    + "</decisionTable></decision>",
    {"Score": "number"},
)

COUNTED = model(
    """<decision id="flags" name="Flags">
  <decisionTable hitPolicy="COLLECT" aggregation="COUNT">
    <input><inputExpression typeRef="number"><text>Amount</text></inputExpression></input>
    <input><inputExpression typeRef="string"><text>Country</text></inputExpression></input>
    <output name="Flag" typeRef="string"/>"""
    + rule("> 1000", "-", '"amount"')
    + rule("-", '"XX", "YY"', '"country"')
    + rule("> 1000", '"XX"', '"both"')
    + "</decisionTable></decision>",
    {"Amount": "number", "Country": "string"},
)

SUMMED = (
    COUNTED.replace('aggregation="COUNT"', 'aggregation="SUM"')
    .replace('<output name="Flag" typeRef="string"/>', '<output name="Points" typeRef="number"/>')
    .replace('"amount"', "1.5")
    .replace('"country"', "2")
    .replace('"both"', "0.25")
)

COLLECTED = COUNTED.replace(' aggregation="COUNT"', "")
RULE_ORDER = COUNTED.replace('hitPolicy="COLLECT" aggregation="COUNT"', 'hitPolicy="RULE ORDER"')
UNIQUE = COUNTED.replace('hitPolicy="COLLECT" aggregation="COUNT"', 'hitPolicy="UNIQUE"')
ANY = COUNTED.replace('hitPolicy="COLLECT" aggregation="COUNT"', 'hitPolicy="ANY"').replace(
    '"both"', '"amount"'
)

CASES: list[tuple[str, str, dict[str, Any], Any]] = [
    # FIRST, types from input data, default output, half-open range, not(...) and nulls
    ("first", DISCOUNT, {"Customer type": "Business", "Order size": 9}, Decimal("0.10")),
    ("first-boundary", DISCOUNT, {"Customer type": "Business", "Order size": 10}, Decimal("0.15")),
    ("half-open-in", DISCOUNT, {"Customer type": "Private", "Order size": 4.99}, Decimal("0.05")),
    ("half-open-out", DISCOUNT, {"Customer type": "Private", "Order size": 5}, Decimal("0")),
    ("not-list", DISCOUNT, {"Customer type": "Public", "Order size": 3}, Decimal("0.01")),
    ("null-not", DISCOUNT, {"Order size": 3}, Decimal("0.01")),  # null = "Business" is false
    ("null-compare", DISCOUNT, {"Customer type": "Business"}, Decimal("0")),  # null < 10 is null
    # PRIORITY over the first output's values; the other output follows its row
    (
        "priority",
        ROUTING,
        {"Received": dt.date(2023, 5, 1), "Urgent": True},
        {"Queue": "escalate", "Note": "old case"},
    ),
    (
        "priority-2",
        ROUTING,
        {"Received": dt.date(2024, 5, 1), "Urgent": True},
        {"Queue": "fast", "Note": "urgent"},
    ),
    (
        "priority-3",
        ROUTING,
        {"Received": "2024-05-01", "Urgent": False},
        {"Queue": "normal", "Note": "default"},
    ),
    ("priority-null", ROUTING, {}, {"Queue": "normal", "Note": "default"}),
    # OUTPUT ORDER: by the output values' order, not the rows'
    ("output-order", ORDERED, {"Score": 85}, ["legal", "finance", "desk"]),
    ("output-order-2", ORDERED, {"Score": 60}, ["desk"]),
    ("output-order-none", ORDERED, {"Score": 10}, []),
    # COLLECT with and without aggregation, RULE ORDER, UNIQUE and ANY on one table
    ("count", COUNTED, {"Amount": 5000, "Country": "XX"}, Decimal(3)),
    ("count-none", COUNTED, {"Amount": 5, "Country": "NL"}, Decimal(0)),
    ("sum", SUMMED, {"Amount": 5000, "Country": "XX"}, Decimal("3.75")),
    ("sum-none", SUMMED, {"Amount": 5, "Country": "NL"}, None),
    ("collect", COLLECTED, {"Amount": 5000, "Country": "YY"}, ["amount", "country"]),
    ("rule-order", RULE_ORDER, {"Amount": 5000, "Country": "XX"}, ["amount", "country", "both"]),
    ("unique", UNIQUE, {"Amount": 5000, "Country": "NL"}, "amount"),
    ("unique-violated", UNIQUE, {"Amount": 5000, "Country": "XX"}, None),
    ("unique-none", UNIQUE, {"Amount": 5, "Country": "NL"}, None),
    ("any-equal", ANY, {"Amount": 5000, "Country": "NL"}, "amount"),
    ("any-conflict", ANY, {"Amount": 5000, "Country": "XX"}, None),
]


@pytest.mark.parametrize(("name", "xml", "inputs", "expected"), CASES, ids=[c[0] for c in CASES])
def test_dmn_semantics(name: str, xml: str, inputs: dict[str, Any], expected: Any) -> None:
    (table,) = from_dmn(xml)
    ids = {column.name or column.id: column.id for column in table.inputs}
    result = table.evaluate({ids[key]: value for key, value in inputs.items()})
    value = result.value
    if isinstance(value, dict):
        names = {column.id: column.name or column.id for column in table.outputs}
        value = {names[key]: item for key, item in value.items()}
    assert value == expected
    assert (result.error is not None) == name.endswith(("violated", "conflict"))
