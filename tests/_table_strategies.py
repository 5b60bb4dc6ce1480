"""Hypothesis strategies for random decision tables (shared by the table test files)."""

from __future__ import annotations

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
