"""Hypothesis strategies for random decision tables (shared by the table test files)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from decision_trees.tables import DecisionTable, load_table

_INT_CELLS = st.one_of(
    st.just("-"),
    st.integers(0, 9).map(str),
    st.tuples(st.integers(0, 9), st.integers(0, 9), st.sampled_from("[("), st.sampled_from("])")).map(
        lambda t: f"{t[2]}{t[0]}..{t[1]}{t[3]}"
    ),
    st.tuples(st.sampled_from(["<", "<=", ">", ">="]), st.integers(0, 9)).map(lambda t: f"{t[0]} {t[1]}"),
    st.lists(st.integers(0, 9), min_size=1, max_size=3).map(lambda v: f"not({', '.join(map(str, v))})"),
)
_NUM_CELLS = st.one_of(
    st.just("-"),
    st.tuples(st.sampled_from(["<", "<=", ">", ">="]), st.sampled_from(["1", "2.5", "4"])).map(" ".join),
    st.sampled_from(["[1..2.5)", "(2.5..4]", "2.5", "not(1, 4)"]),
)
_ENUM_CELLS = st.one_of(st.just("-"), st.sampled_from(["a", "b", "c", "a, b", "not(a)", "not(b, c)"]))
_TEXT_CELLS = st.sampled_from(["-", '"x"', '"x", "y"', 'not("x")', 'not("x", "y")'])


@st.composite
def tables(draw: st.DrawFn) -> DecisionTable:
    n_rows = draw(st.integers(1, 6))
    rows = [
        {
            "when": {
                "k": draw(_INT_CELLS),
                "x": draw(_NUM_CELLS),
                "c": draw(_ENUM_CELLS),
                "s": draw(_TEXT_CELLS),
            },
            "then": draw(st.sampled_from(["p", "q", "r"])),
        }
        for _ in range(n_rows)
    ]
    return load_table(
        {
            "id": "random",
            "hit_policy": draw(st.sampled_from(["UNIQUE", "ANY", "FIRST", "PRIORITY", "COLLECT"])),
            "inputs": [
                {"id": "k", "type": "integer"},
                {"id": "x", "type": "number"},
                {"id": "c", "type": "enum", "values": ["a", "b", "c"]},
                {"id": "s", "type": "string"},
            ],
            "outputs": [{"id": "o", "type": "enum", "values": ["p", "q", "r"]}],
            "rows": rows,
        }
    )


# -- tree tables over three inputs (test_table_nodes.py, test_table_nodes_values.py) -----------

#: The inputs of the random table-node trees: a yes/no, an enum and a small integer.
TREE_INPUTS: dict[str, Any] = {
    "b": {"type": "boolean", "label": {"nl": "B", "en": "B"}},
    "e": {
        "type": "enum",
        "label": {"nl": "E", "en": "E"},
        "values": {v: {"nl": v, "en": v} for v in ("x", "y", "z")},
    },
    "n": {"type": "integer", "label": {"nl": "N", "en": "N"}, "minimum": 0, "maximum": 9},
}

#: A random cell (a condition as in a question's branch) per input of ``TREE_INPUTS``.
TREE_CELLS = {
    "b": st.sampled_from([{"equals": True}, {"equals": False}]),
    "e": st.one_of(
        st.sampled_from(["x", "y", "z"]).map(lambda v: {"equals": v}),
        st.lists(st.sampled_from(["x", "y", "z"]), min_size=1, max_size=2, unique=True).map(
            lambda vs: {"one_of": vs}
        ),
        st.lists(st.sampled_from(["x", "y", "z"]), min_size=1, max_size=2, unique=True).map(
            lambda vs: {"none_of": vs}
        ),
    ),
    "n": st.one_of(
        st.integers(0, 9).map(lambda v: {"lt": v}),
        st.integers(0, 9).map(lambda v: {"ge": v}),
        st.tuples(st.integers(0, 9), st.integers(0, 9)).map(lambda p: {"between": sorted(p)}),
        st.integers(0, 9).map(lambda v: {"not": {"equals": v}}),
    ),
}
