"""Loading: every problem at once, with lines; hostile input refused with the library's own error."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import decision_trees as dt
from decision_trees.errors import Problem

HERE = Path(__file__).parent
SMALL = HERE / "trees" / "small.yaml"

FIVE_MISTAKES = """\
id: five
version: "1"
title: {nl: Vijf fouten, en: Five mistakes}
start: formall
inputs:
  formal:
    type: boolean
    label: {nl: Formeel, en: Formal}
  risk:
    type: enum
    label: {nl: Risico, en: Risk}
    values: {low: {nl: laag, en: low}, high: {nl: hoog, en: high}}
nodes:
  formal:
    kind: question
    input: formal
    text: {nl: "Formeel?", en: "Formal?"}
    branches:
      - {when: {equals: true}, next: rsik}
      - {when: {equals: false}, next: out}
  risk:
    kind: questoin
    input: risk
  check:
    kind: rule
    text: {nl: Controle, en: Check}
    condition: {input: risk, equals: medium}
    then: out
    else: out
  out: {kind: outcome, label: {nl: Uit, en: Out}, severity: 0, colour: red}
"""


def problems_of(source: object) -> tuple[Problem, ...]:
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(source)  # type: ignore[arg-type]
    return caught.value.problems


def test_five_mistakes_in_one_error_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "five.yaml"
    path.write_text(FIVE_MISTAKES)
    problems = problems_of(path)
    found = {(p.code, p.line, p.node) for p in problems}
    assert found == {
        ("DT120", 4, None),  # start names a node that does not exist
        ("DT121", 19, "formal"),  # a branch leads to a misspelt node
        ("DT113", 21, "risk"),  # an unknown node kind
        ("DT142", 27, "check"),  # a value the input does not declare
        ("DT111", 30, "out"),  # an unknown key
    }
    assert all(p.file == str(path) for p in problems)
    message = str(problems_of(path)[0])
    assert message.startswith(f"{path}:4:1: [DT120]")
    by_code = {p.code: p for p in problems}
    assert by_code["DT120"].hint == "did you mean 'formal'?"
    assert by_code["DT121"].hint == "did you mean 'risk'?"
    assert by_code["DT113"].hint == "did you mean 'question'?"
    assert by_code["DT121"].field == "branches[0].next"


def test_the_error_lists_all_problems_in_its_message(tmp_path: Path) -> None:
    path = tmp_path / "five.yaml"
    path.write_text(FIVE_MISTAKES)
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load(path)
    text = str(caught.value)
    assert text.splitlines()[0] == f"{path}: 5 problems found"
    assert len(text.splitlines()) == 6
    assert isinstance(caught.value, ValueError)


def base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SMALL.read_text())
    return data


def test_loads_from_path_text_mapping_and_json(tmp_path: Path) -> None:
    from_path = dt.load(SMALL)
    from_text = dt.load(SMALL.read_text())
    from_mapping = dt.load(base())
    json_file = tmp_path / "small.json"
    json_file.write_text(json.dumps(base(), default=str, indent=1))
    from_json = dt.load(json_file)
    hashes = {t.content_hash for t in (from_path, from_text, from_mapping, from_json)}
    assert len(hashes) == 1


def test_round_trip_of_to_dict_keeps_the_hash() -> None:
    tree = dt.load(SMALL)
    again = dt.load(tree.to_dict())
    assert again.content_hash == tree.content_hash
    assert again == tree


def test_hash_changes_with_wording_and_behaviour() -> None:
    tree = dt.load(base())
    reworded = base()
    reworded["nodes"]["formal"]["text"]["en"] = "Formal collaboration?"
    rethreshold = base()
    rethreshold["nodes"]["sensitive"]["condition"]["any"][1]["ge"] = 2_000_000
    assert dt.load(reworded).content_hash != tree.content_hash
    assert dt.load(rethreshold).content_hash != tree.content_hash


def _named_rule_on_a_path(d: dict[str, Any]) -> None:
    d["nodes"]["named"] = {
        "kind": "rule",
        "text": {"nl": "n", "en": "n"},
        "condition": {"input": "formal", "equals": True},
    }
    d["nodes"]["formal"]["branches"][1]["next"] = "named"


ANY = ("nodes", "sensitive", "condition", "any")
MISTAKES = [
    (("nodes", "risk", "branches", 0), {"when": {"equals": "low"}, "next": "formal"}, "DT131"),
    (("nodes", "orphan"), {"kind": "outcome", "label": {"nl": "x", "en": "x"}, "severity": 1}, "DT132"),
    (("nodes", "risk", "branches", 2), {"when": {"equals": "high"}, "next": "nowhere"}, "DT121"),
    (("nodes", "sensitive", "then"), "sensitive", "DT131"),
    (("nodes", "formal", "input"), "formality", "DT123"),
    (("nodes", "formal", "sources", 0, "source"), "leidraaad", "DT150"),
    (("inputs", "risk", "values", "unknown"), {"nl": "?", "en": "?"}, "DT129"),
    (("nodes", "formal", "branches", 0, "when", "input"), "risk", "DT124"),
    (("nodes", "risk", "branches", 0, "when"), {"rule": "sensitive"}, "DT125"),
    ((*ANY, 1), {"rule": "sensitiv"}, "DT127"),
    ((*ANY, 1), {"input": "formal", "gt": 1}, "DT141"),
    ((*ANY, 1), {"input": "areas", "contains_any": ["law"]}, "DT142"),
    ((*ANY, 1), {"input": "formal", "is_unknown": True}, "DT143"),
    ((*ANY, 0), {"contains_any": ["ai"]}, "DT126"),
    (("inputs", "budget", "maximum"), -1, "DT144"),
    (("nodes", "formal", "branches", 0, "when", "one_of"), [True], "DT112"),
]


def _set(data: dict[str, Any], path: tuple[Any, ...], value: object) -> None:
    for key in path[:-1]:
        data = data[key]
    if isinstance(data, list) and path[-1] == len(data):
        data.append(value)
    else:
        data[path[-1]] = value


@pytest.mark.parametrize(
    ("path", "value", "code"), MISTAKES, ids=[m[2] + "-" + str(m[0][-1]) for m in MISTAKES]
)
def test_each_structural_and_semantic_mistake_has_its_code(
    path: tuple[Any, ...], value: object, code: str
) -> None:
    data = base()
    _set(data, path, value)
    assert code in {p.code for p in problems_of(data)}


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda d: d["nodes"]["risk"]["branches"].pop(), "DT128"),
        (lambda d: d.pop("start"), "DT110"),
        (lambda d: d["nodes"]["sensitive"].pop("else"), "DT112"),
        (_named_rule_on_a_path, "DT122"),
    ],
)
def test_removals_and_reroutes_have_their_code(change: Callable[[dict[str, Any]], object], code: str) -> None:
    data = base()
    change(data)
    codes = {p.code for p in problems_of(data)}
    assert code in codes


def test_named_condition_rules_need_no_reachability() -> None:
    data = base()
    data["nodes"]["big_budget"] = {
        "kind": "rule",
        "text": {"nl": "Groot budget", "en": "Large budget"},
        "condition": {"input": "budget", "ge": 1_000_000},
    }
    data["nodes"]["sensitive"]["condition"]["any"][1] = {"rule": "big_budget"}
    tree = dt.load(data)
    answers = {"formal": True, "areas": [], "budget": 2_000_000, "risk": "low"}
    assert tree.evaluate(answers).outcome_id == "measures"


def test_rules_that_refer_to_each_other_in_a_loop_are_refused() -> None:
    data = base()
    data["nodes"]["a"] = {"kind": "rule", "text": {"nl": "a", "en": "a"}, "condition": {"rule": "b"}}
    data["nodes"]["b"] = {"kind": "rule", "text": {"nl": "b", "en": "b"}, "condition": {"rule": "a"}}
    problems = problems_of(data)
    assert [p.code for p in problems] == ["DT134"]
    assert "a → b → a" in problems[0].message


def test_duplicate_ids_are_reported_with_both_lines() -> None:
    text = SMALL.read_text().replace(
        "  postpone: {kind: outcome",
        "  go: {kind: outcome, label: {nl: x, en: x}, severity: 1}\n  postpone: {kind: outcome",
    )
    problems = problems_of(text)
    assert [p.code for p in problems] == ["DT107"]
    assert problems[0].node == "go"
    assert "first on line" in problems[0].message


# -- hostile input -----------------------------------------------------------------------------


def test_alias_bomb_is_refused_before_expansion() -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]")
    problems = problems_of("\n".join(bomb))
    assert [p.code for p in problems] == ["DT103"]
    assert problems[0].line == 2


def test_deep_nesting_is_refused_without_recursion() -> None:
    problems = problems_of("a: " + "[" * 100_000 + "]" * 100_000)
    assert [p.code for p in problems] == ["DT104"]


def test_deep_json_nesting_is_refused() -> None:
    problems = problems_of("[" * 50_000 + "]" * 50_000)
    assert problems[0].code == "DT104"


def test_oversized_file_and_text_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# padding\n" * 300_000)
    assert [p.code for p in problems_of(big)] == ["DT101"]
    with pytest.raises(dt.TreeLoadError) as caught:
        dt.load("title: x\n" * 20, max_bytes=50)
    assert caught.value.problems[0].code == "DT101"


@pytest.mark.parametrize("word", [".nan", ".inf", "-.inf"])
def test_non_finite_numbers_are_refused(word: str) -> None:
    text = SMALL.read_text().replace("minimum: 0", f"minimum: {word}")
    codes = [p.code for p in problems_of(text)]
    assert "DT106" in codes


def test_non_finite_numbers_in_a_mapping_are_refused() -> None:
    data = base()
    data["inputs"]["budget"]["minimum"] = float("nan")
    assert "DT106" in {p.code for p in problems_of(data)}


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "a: !!python/name:os.system\n",
        "a: !custom 1\n",
        "a: !!binary aGVsbG8=\n",
    ],
)
def test_tags_are_refused_and_nothing_runs(text: str) -> None:
    assert [p.code for p in problems_of(text)] == ["DT108"]


def test_yes_and_no_stay_text_and_keys_must_be_text() -> None:
    data = SMALL.read_text().replace("      low: {nl: laag, en: low}", "      no: {nl: nee, en: no}")
    data = data.replace("{equals: low}", "{equals: no}")
    tree = dt.load(data)
    risk = tree.inputs["risk"]
    assert isinstance(risk, dt.EnumInput)
    assert "no" in risk.values
    problems = problems_of("1: x\n")
    assert problems[0].code == "DT105"
    assert problems[0].line == 1


def test_syntax_errors_have_lines() -> None:
    problems = problems_of("id: x\nnodes: [a\n  b: c\n")
    assert problems[0].code == "DT102"
    assert problems[0].line is not None


def test_unreadable_and_empty_files(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "missing.yaml")[0].code == "DT109"
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert problems_of(empty)[0].code == "DT109"
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert problems_of(binary)[0].code == "DT102"
    assert problems_of("- a\n- b\n")[0].code == "DT109"


yaml_text = st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#%@` \n\t,.?01yn\\")), max_size=200)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_text)
def test_fuzz_malformed_yaml_only_raises_the_library_error(text: str) -> None:
    problems: tuple[Problem, ...] = ()
    try:
        dt.load(text)
    except dt.TreeLoadError as exc:
        problems = exc.problems
        assert problems
    assert all(p.code.startswith("DT") and p.message for p in problems)


def _mutations() -> st.SearchStrategy[object]:
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3, 3),
        st.floats(allow_nan=True),
        st.sampled_from(["formal", "risk", "go", "unknown", "equals", "", "kind", "question"]),
    )
    keys = st.sampled_from(
        ["when", "next", "kind", "equals", "any", "not", "at_least", "of", "rule", "input"]
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)),
        max_leaves=8,
    )


def _paths(data: object, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*prefix, i))
    return found


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_mutated_trees_load_or_raise_the_library_error(data: st.DataObject) -> None:
    tree = base()
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(tree) if p]
        path = data.draw(st.sampled_from(paths))
        parent = tree
        for key in path[:-1]:
            parent = parent[key]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(_mutations())
    try:
        loaded = dt.load(tree)
    except dt.TreeLoadError as exc:
        assert exc.problems  # noqa: PT017 - the error itself is what is checked
    else:
        assert loaded.start in loaded.nodes


def test_the_committed_json_schema_is_current() -> None:
    committed = json.loads((HERE.parent / "docs" / "tree.schema.json").read_text())
    assert committed == dt.json_schema(), "run: .venv/bin/python scripts/write_schema.py"


def test_json_schema_accepts_the_example_tree() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    data = json.loads(json.dumps(base(), default=str))
    jsonschema.validate(data, dt.json_schema())


@pytest.mark.parametrize(
    "when",
    [
        {"rule": "sensitive"},
        {"all": [{"equals": "low"}, {"rule": "sensitive"}]},
        {"not": {"any": [{"rule": "sensitive"}]}},
        {"at_least": 1, "of": [{"equals": "low"}, {"rule": "sensitive"}]},
    ],
    ids=["direct", "in-all", "in-not-any", "in-at-least"],
)
def test_schema_and_loader_both_refuse_a_rule_reference_in_a_question_branch(when: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    data = base()
    _set(data, ("nodes", "risk", "branches", 0, "when"), when)
    assert "DT125" in {p.code for p in problems_of(data)}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(json.dumps(data, default=str)), dt.json_schema())


def test_schema_still_allows_rule_references_in_rules() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    data = base()
    rule_ref = {"all": [{"rule": "named"}, {"input": "formal", "equals": True}]}
    data["nodes"]["sensitive"]["condition"] = rule_ref
    jsonschema.validate(json.loads(json.dumps(data, default=str)), dt.json_schema())


def test_a_valid_tree_is_validated_once() -> None:
    """A tree that validates whole is not validated again entry by entry (the per-entry validators
    are built only when the whole tree fails, to tell which entries are valid)."""
    import subprocess
    import sys

    reference = str(HERE.parent / "kennisveiligheid" / "data" / "reference_tree.yaml")
    code = (
        "import decision_trees as dt\n"
        "from decision_trees import loader\n"
        "from decision_trees.support import read_data\n"
        "data = read_data({path!r})\n"
        "if {broken}:\n"
        "    data['nodes'][data['start']]['bogus'] = 1\n"
        "try:\n"
        "    dt.load(data)\n"
        "except dt.TreeLoadError:\n"
        "    pass\n"
        "print(loader._adapter.cache_info().currsize)\n"
    )
    counts = [
        subprocess.run(
            [sys.executable, "-c", code.format(path=reference, broken=broken)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for broken in (False, True)
    ]
    assert counts == ["0", "2"]
