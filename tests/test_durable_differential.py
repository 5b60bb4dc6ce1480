"""durable-rules against the native evaluator: differential, concurrent, and the backend's guards.

On generated trees and answers, and on every shipped tree, both backends must agree on the
outcome and path, or raise the same error for the same input and node. The default run checks
a few thousand cases; the ``slow`` tests check thousands per shipped tree.
"""

from __future__ import annotations

import importlib
import itertools
import json
import sys
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import decision_trees as dt
from decision_trees.model import SetInput
from decision_trees.testing import answers, partial_answers, trees

pytestmark = pytest.mark.durable
engine = pytest.importorskip(
    "durable.engine", reason="durable-rules is not installed (pip install 'kennisveiligheid[durable]')"
)

from decision_trees.backends import durable  # noqa: E402 - only once durable-rules is known to be there
from decision_trees.backends.durable import (  # noqa: E402
    DurableBackend,
    DurableBackendError,
    DurableRun,
    compile_ruleset,
    ruleset_name,
    to_durable_json,
)

HERE = Path(__file__).parent
ROOT = HERE.parent
SMALL = dt.load(HERE / "trees" / "small.yaml")
TEN = dt.load(ROOT / "bench" / "ten_questions.yaml")
SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

Summarise = Callable[[Callable[[Mapping[str, Any]], dt.Decision], Mapping[str, Any]], tuple[Any, ...]]


def shipped_tree_files() -> list[Path]:
    """kennisveiligheid/data/*.yaml and partner_criteria/data/*.yaml that are trees (have nodes)."""
    files = sorted([*ROOT.glob("kennisveiligheid/data/*.yaml"), *ROOT.glob("partner_criteria/data/*.yaml")])
    return [f for f in files if "nodes" in (yaml.safe_load(f.read_text(encoding="utf-8")) or {})]


SHIPPED = shipped_tree_files()

JUNK: list[Any] = [None, "zz", 1.5, -1, ["zz"], "1999-13-40", 10**30, True]


def invalid_answers(tree: dt.Tree) -> st.SearchStrategy[dict[str, Any]]:
    """Complete answers with one of them replaced by a value that may not fit its input."""
    keys = sorted(tree.inputs)
    return st.tuples(answers(tree), st.sampled_from(keys), st.sampled_from(JUNK)).map(
        lambda t: {**t[0], t[1]: t[2]}
    )


def agree(tree: dt.Tree, backend: DurableBackend, cases: list[dict[str, Any]], summarise: Summarise) -> None:
    for case in cases:
        assert summarise(backend.evaluate, case) == summarise(tree.evaluate, case), case


# ----------------------------------------------------------------------------------------------
# Differential


@pytest.mark.slow
def test_generated_trees_and_answers_agree(summarise: Summarise) -> None:
    seen = {"cases": 0}

    @settings(max_examples=60, deadline=None, suppress_health_check=SLOW_OK)
    @given(tree=trees(), data=st.data())
    def check(tree: dt.Tree, data: st.DataObject) -> None:
        cases = [
            *data.draw(st.lists(answers(tree), min_size=8, max_size=8)),
            *data.draw(st.lists(partial_answers(tree), min_size=4, max_size=4)),
            *data.draw(st.lists(invalid_answers(tree), min_size=2, max_size=2)),
        ]
        with DurableBackend(tree) as backend:
            agree(tree, backend, cases, summarise)
            try:
                native = tree.evaluate(cases[0])
            except dt.DecisionTreeError:
                return
            decision = backend.evaluate(cases[0])
            assert decision == native
            assert decision.to_json() == native.to_json()  # the same trace, rebuilt from the path
        seen["cases"] += len(cases)

    check()
    assert seen["cases"] >= 500


@pytest.mark.slow
def test_many_generated_trees_agree(summarise: Summarise) -> None:
    @settings(max_examples=400, deadline=None, suppress_health_check=SLOW_OK)
    @given(tree=trees(max_nodes=12, max_inputs=6), data=st.data())
    def check(tree: dt.Tree, data: st.DataObject) -> None:
        cases = data.draw(st.lists(st.one_of(answers(tree), partial_answers(tree)), min_size=10, max_size=10))
        with DurableBackend(tree) as backend:
            agree(tree, backend, cases, summarise)

    check()


def shipped_agree(path: Path, examples: int, batch: int, summarise: Summarise) -> int:
    tree = dt.load(path)
    backend = DurableBackend(tree)
    seen = {"cases": 0}

    @settings(max_examples=examples, deadline=None, suppress_health_check=SLOW_OK)
    @given(
        complete=st.lists(answers(tree), min_size=batch, max_size=batch),
        partial=st.lists(partial_answers(tree), min_size=2, max_size=2),
    )
    def check(complete: list[dict[str, Any]], partial: list[dict[str, Any]]) -> None:
        agree(tree, backend, [*complete, *partial], summarise)
        seen["cases"] += len(complete) + len(partial)

    try:
        check()
    finally:
        backend.close()
    return seen["cases"]


def test_there_are_shipped_trees() -> None:
    assert any(p.parts[-3] == "partner_criteria" for p in SHIPPED)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_shipped_tree_agrees(path: Path, summarise: Summarise) -> None:
    assert shipped_agree(path, examples=12, batch=20, summarise=summarise) >= 200


@pytest.mark.slow
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_shipped_tree_agrees_on_thousands_of_cases(path: Path, summarise: Summarise) -> None:
    assert shipped_agree(path, examples=100, batch=30, summarise=summarise) >= 2000


# ----------------------------------------------------------------------------------------------
# Concurrency


def ten_question_cases() -> list[dict[str, Any]]:
    keys = [f"q{i}" for i in range(1, 11)]
    domains = [("low", "medium", "high") if i % 3 == 0 else (False, True) for i in range(1, 11)]
    return [dict(zip(keys, values, strict=True)) for values in itertools.product(*domains)][::5]


def test_threads_share_one_backend(summarise: Summarise) -> None:
    cases = ten_question_cases()
    expected = [summarise(TEN.evaluate, c) for c in cases]
    with DurableBackend(TEN) as backend, ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(lambda c: summarise(backend.evaluate, c), cases))
    assert got == expected


def collect(strategy: st.SearchStrategy[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """``count`` examples of ``strategy``, drawn by hypothesis (for use outside a @given test)."""
    drawn: list[dict[str, Any]] = []

    @settings(max_examples=count, deadline=None, suppress_health_check=SLOW_OK, database=None)
    @given(strategy)
    def draw(case: dict[str, Any]) -> None:
        drawn.append(case)

    draw()
    return drawn


@pytest.mark.slow
def test_threads_with_many_backends_created_and_closed_meanwhile(summarise: Summarise) -> None:
    tree = dt.load(SHIPPED[0]) if SHIPPED else TEN
    big, small = collect(answers(tree), 160), collect(answers(SMALL), 20)
    expected = [summarise(tree.evaluate, case) for case in big]
    errors: list[BaseException] = []
    shared = DurableBackend(tree)
    stop = threading.Event()

    def churn() -> None:  # registers and frees rulesets while the others evaluate
        try:
            while not stop.is_set():
                with DurableBackend(SMALL) as own:
                    agree(SMALL, own, small, summarise)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def work(offset: int) -> None:
        try:
            for index in range(offset, len(big), 4):
                assert summarise(shared.evaluate, big[index]) == expected[index], big[index]
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=churn), *(threading.Thread(target=work, args=(i,)) for i in range(4))]
    for thread in threads:
        thread.start()
    for thread in threads[1:]:
        thread.join()
    stop.set()
    threads[0].join()
    shared.close()
    assert not errors, errors


# ----------------------------------------------------------------------------------------------
# Guards: names, faults, errors


def test_ruleset_names_are_unique_per_compile_and_stable_per_export() -> None:
    first, second = compile_ruleset(SMALL), compile_ruleset(SMALL)
    assert first.keys() != second.keys()
    assert next(iter(first)).startswith(ruleset_name(SMALL) + "_")
    assert list(first.values()) == list(second.values())
    text = to_durable_json(SMALL)
    assert text == to_durable_json(SMALL)
    assert list(json.loads(text)) == [ruleset_name(SMALL)]
    assert ruleset_name(SMALL) == f"small_{SMALL.content_hash[7:19]}"


def test_rule_names_say_what_they_test() -> None:
    rules = next(iter(compile_ruleset(SMALL).values()))
    assert {
        "start_to_formal",
        "q_formal__b0_to_sensitive",
        "q_formal__b1_to_out",
        "q_formal__missing_formal",
        "r_sensitive__s0_areas_true_to_risk",
        "r_sensitive__s0_areas_false_to_s1",
        "r_sensitive__s1_budget_missing",
        "q_risk__b2_unknown_to_postpone",
    } <= set(rules)
    assert not any(name.startswith("r_") and name[2:].isdigit() for name in rules)
    for name, rule in rules.items():
        assert rule["run"].startswith(f"{name}: ")


def test_two_backends_of_one_tree_coexist_and_report_fired_rules() -> None:
    with DurableBackend(SMALL) as one, DurableBackend(SMALL) as two:
        assert one.name != two.name
        run = one.run({"formal": True, "areas": ["ai"], "risk": "low"})
        assert run.fired == (
            "start_to_formal",
            "q_formal__b0_to_sensitive",
            "r_sensitive__s0_areas_true_to_risk",
            "q_risk__b0_to_measures",
        )
        assert run.decision.path == ("formal", "sensitive", "risk", "measures")
        assert two.decide({"formal": False}).id == "out"


def test_post_returning_none_is_recovered_from_the_actions_record(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = DurableBackend(SMALL)
    real_post = backend._host.post

    def post_then_none(*args: Any, **kwargs: Any) -> None:
        real_post(*args, **kwargs)
        return  # what durable does when its timer thread took the action

    monkeypatch.setattr(backend._host, "post", post_then_none)
    assert backend.evaluate({"formal": False}).outcome_id == "out"


def test_post_returning_none_with_actions_left_pending_is_dispatched(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = DurableBackend(SMALL)
    ruleset = backend._ruleset

    def post_without_running_actions(name: str, message: dict[str, Any], complete: Any = None) -> None:
        ruleset.assert_event(message)  # queued in durable, as when the timer thread races post()
        return

    monkeypatch.setattr(backend._host, "post", post_without_running_actions)
    assert backend.evaluate({"formal": True, "areas": [], "budget": 5}).path == ("formal", "sensitive", "go")


def test_no_result_at_all_is_dt704(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = DurableBackend(SMALL)
    monkeypatch.setattr(backend._host, "post", lambda *a, **k: None)
    monkeypatch.setattr(backend._ruleset, "dispatch", lambda: None)
    with pytest.raises(DurableBackendError) as info:
        backend.evaluate({"formal": False})
    assert info.value.code == "DT704"
    assert isinstance(info.value, dt.DecisionTreeError)
    assert isinstance(info.value, RuntimeError)


@pytest.mark.parametrize(
    ("raised", "code"),
    [
        (lambda: engine.MessageNotHandledException({"at": "start"}), "DT703"),
        (lambda: Exception("Could not assert event, error code: 204"), "DT700"),
    ],
)
def test_durable_bare_exceptions_are_translated(
    monkeypatch: pytest.MonkeyPatch, raised: Callable[[], Exception], code: str
) -> None:
    backend = DurableBackend(SMALL)

    def fail(*args: Any, **kwargs: Any) -> None:
        raise raised()

    monkeypatch.setattr(backend._host, "post", fail)
    with pytest.raises(DurableBackendError) as info:
        backend.evaluate({"formal": False})
    assert info.value.code == code
    assert code in str(info.value)


def test_a_failing_step_inside_durable_is_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = DurableBackend(SMALL)
    # an event that no rule matches, posted by an action inside durable
    monkeypatch.setattr(durable._Session, "event", lambda self, spec: {"n": "none", "at": "nowhere"})
    with pytest.raises(DurableBackendError) as info:
        backend.evaluate({"formal": True, "areas": []})
    assert info.value.code == "DT703"
    # and the next evaluation is unaffected: its session is new
    monkeypatch.undo()
    assert backend.evaluate({"formal": False}).outcome_id == "out"


def test_sessions_are_not_reused_or_kept() -> None:
    backend = DurableBackend(SMALL)
    for _ in range(3):
        backend.evaluate({"formal": True, "areas": ["ai"], "risk": "low"})
    assert backend._actions.sessions == {}


@pytest.mark.parametrize("how", ["evaluate", "run"])
def test_a_backend_closed_on_another_thread_is_not_used_by_a_call_under_way(how: str) -> None:
    """close() frees durable's ruleset at once when no call into durable holds the lock; a call
    that began before it (its keys being checked, say) must then refuse (DT706) rather than post
    into, or delete state from, a freed ruleset (found looking for a native abort under load)."""
    backend = DurableBackend(SMALL)
    entered, go = threading.Event(), threading.Event()
    check_keys = backend._check_keys

    def paused(answers: Mapping[str, Any]) -> None:
        entered.set()
        assert go.wait(10)
        check_keys(answers)

    backend._check_keys = paused  # type: ignore[method-assign]
    caught: list[BaseException] = []

    def call() -> None:
        try:
            getattr(backend, how)({"formal": True, "areas": ["ai"], "risk": "low"})
        except BaseException as exc:  # (handed to the test thread)
            caught.append(exc)

    thread = threading.Thread(target=call)
    thread.start()
    assert entered.wait(10)
    backend.close()  # (the lock is free: the ruleset is freed now)
    go.set()
    thread.join(10)
    assert len(caught) == 1
    assert isinstance(caught[0], DurableBackendError)
    assert caught[0].code == "DT706"
    assert backend._actions.sessions == {}


def test_an_event_the_engine_refuses_is_taken_step_by_step_and_its_state_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """durable's engine refused a case against the paths' rules (error 303, found by hypothesis
    on a generated tree with many nested tests); the case then goes step by step, and the
    half-made state is not deleted (deleting it is where a native abort was seen)."""
    backend = DurableBackend(SMALL)
    host = backend._host
    post, delete_state = host.post, host.delete_state
    deleted: list[str] = []

    def refusing(name: str, message: dict[str, Any], *rest: Any) -> Any:
        if name == backend._paths_name:
            raise RuntimeError("Could not assert event, error code: 303")
        return post(name, message, *rest)

    def deleting(name: str, sid: Any = None) -> Any:
        deleted.append(name)
        return delete_state(name, sid)

    monkeypatch.setattr(host, "post", refusing)
    monkeypatch.setattr(host, "delete_state", deleting)
    case = {"formal": True, "areas": ["ai"], "risk": "low"}
    assert backend.evaluate(case).path == SMALL.evaluate(case).path
    assert deleted == [backend.name]  # the step-by-step session's state only
    assert backend._actions.sessions == {}
    backend.close()


def test_closed_backend_refuses_and_closing_twice_is_fine() -> None:
    backend = DurableBackend(SMALL)
    backend.close()
    backend.close()
    with pytest.raises(DurableBackendError) as info:
        backend.evaluate({"formal": False})
    assert info.value.code == "DT706"


def test_missing_durable_rules_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def no_durable(name: str, package: str | None = None) -> Any:
        if name.startswith("durable"):
            raise ImportError(f"No module named {name!r}")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_durable)
    with pytest.raises(dt.MissingDependencyError) as info:
        DurableBackend(SMALL)
    assert isinstance(info.value, ImportError)
    assert info.value.code == "DT701"
    assert "pip install 'kennisveiligheid[durable]'" in str(info.value)
    assert to_durable_json(SMALL)  # compiling and exporting need no durable-rules


def test_trees_beyond_durable_limits_are_refused_before_registering() -> None:
    count = durable.MAX_FANOUT + 1
    nodes: dict[str, Any] = {
        f"q{i}": {
            "kind": "question",
            "input": "flag",
            "text": {"nl": "?", "en": "?"},
            "branches": [{"when": {"equals": True}, "next": f"q{i + 1}" if i + 1 < count else "done"}],
            "otherwise": "done",
        }
        for i in range(count)
    }
    nodes["done"] = {"kind": "outcome", "label": {"nl": "Klaar", "en": "Done"}, "severity": 0}
    tree = dt.load(
        {
            "id": "too-wide",
            "version": "1",
            "title": {"nl": "Te breed", "en": "Too wide"},
            "start": "q0",
            "inputs": {"flag": {"type": "boolean", "label": {"nl": "Vlag", "en": "Flag"}}},
            "nodes": nodes,
        }
    )
    with pytest.raises(DurableBackendError) as info:
        compile_ruleset(tree)
    assert info.value.code == "DT702"


def wide_tree(branches: list[list[str]]) -> dt.Tree:
    values = {f"c{i:03d}": {"nl": "land", "en": "country"} for i in range(700)}
    return dt.load(
        {
            "id": "wide",
            "version": "1",
            "title": {"nl": "Breed", "en": "Wide"},
            "start": "q",
            "inputs": {"c": {"type": "enum", "label": {"nl": "Land", "en": "Country"}, "values": values}},
            "nodes": {
                "q": {
                    "kind": "question",
                    "input": "c",
                    "text": {"nl": "Welk land?", "en": "Which country?"},
                    "branches": [{"when": {"one_of": b}, "next": f"o{i}"} for i, b in enumerate(branches)],
                    "otherwise": "other",
                },
                **{
                    f"o{i}": {"kind": "outcome", "label": {"nl": f"{i}", "en": f"{i}"}, "severity": i}
                    for i in range(len(branches))
                },
                "other": {"kind": "outcome", "label": {"nl": "Ander", "en": "Other"}, "severity": 99},
            },
        }
    )


def test_questions_over_long_lists_stay_within_durable_limits() -> None:
    names = [f"c{i:03d}" for i in range(700)]
    tree = wide_tree([names[:300], names[300:600]])  # one step would give a test 600 successors
    with DurableBackend(tree) as backend:
        assert len(backend._program.steps) > 2  # compiled as a chain of steps
        for name in ("c000", "c299", "c300", "c599", "c600", "c699"):
            assert backend.decide({"c": name}).id == tree.decide({"c": name}).id
    with pytest.raises(DurableBackendError) as info:
        compile_ruleset(wide_tree([names[:600]]))  # one test of 600 values: durable would hang
    assert info.value.code == "DT702"


class ProtocolHost:
    """A host written from docs/durable.md alone: it runs an exported ruleset for one tree."""

    def __init__(self, tree: dt.Tree, ruleset: dict[str, Any]) -> None:
        self.tree = tree
        self.answers: dict[str, Any] = {}
        self.result: tuple[str, ...] = ()
        self.steps: list[str] = []
        host_class = type("Host", (engine.Host,), {"_run": lambda self: None, "get_action": self.action})
        self.host = host_class()
        self.host.register_rulesets(ruleset)
        self.name = next(iter(ruleset))

    def event(self, step: str, input_id: str | None) -> dict[str, Any]:
        event: dict[str, Any] = {"n": step.rsplit("/", 1)[0], "at": step}
        if input_id is None or input_id not in self.answers:
            return event
        value = self.tree.parse_answers({input_id: self.answers[input_id]})[input_id]
        if value is dt.UNKNOWN:
            return {**event, "a": "u"}
        if isinstance(value, frozenset):
            decl = self.tree.inputs[input_id]
            assert isinstance(decl, SetInput)
            return {**event, "a": "k", **{f"in:{m}": m in value for m in decl.values}}
        return {**event, "a": "k", "v": value}

    def action(self, name: str) -> Callable[[Any], None]:
        rule, _, command = name.partition(": ")
        verb, *args = command.split(" ")

        def run(c: Any) -> None:
            self.steps.append(rule)
            if verb == "next":
                c.post(self.event(args[0], args[1] if len(args) > 1 else None))
            else:
                self.result = (verb, *args)

        return run

    def decide(self, answers: dict[str, Any], sid: str) -> tuple[str, ...]:
        self.answers, self.result = answers, ()
        self.host.post(self.name, {"sid": sid, "at": "start"})
        return self.result


@pytest.mark.parametrize("tree", [SMALL, TEN], ids=["small", "ten_questions"])
def test_exported_json_runs_in_a_host_written_from_the_protocol(tree: dt.Tree) -> None:
    host = ProtocolHost(tree, json.loads(to_durable_json(tree)))
    cases: list[dict[str, Any]] = (
        [
            {"formal": False},
            {"formal": True, "areas": ["quantum"], "risk": "high"},
            {"formal": True, "areas": [], "budget": 2_000_000, "risk": "unknown"},
            {"formal": True, "areas": ["humanities"], "budget": 10},
            {"formal": True},
        ]
        if tree is SMALL
        else ten_question_cases()[:50]
    )
    for index, case in enumerate(cases):
        got = host.decide(case, sid=str(index))
        try:
            expected: tuple[str, ...] = ("outcome", tree.evaluate(case).outcome_id)
        except dt.MissingAnswerError as exc:
            expected = ("missing", exc.input, exc.node)
        assert got == expected, case


# ----------------------------------------------------------------------------------------------
# kennisveiligheid export TREE --durable


def test_export_command_writes_the_ruleset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kennisveiligheid.cli import main

    assert main(["export", str(HERE / "trees" / "small.yaml"), "--durable"]) == 0
    assert capsys.readouterr().out == to_durable_json(SMALL)
    target = tmp_path / "reference.json"
    assert main(["export", "reference", "--durable", "-o", str(target)]) == 0
    import kennisveiligheid

    reference = kennisveiligheid.reference_tree()
    assert target.read_text(encoding="utf-8") == to_durable_json(reference)
    host = type(
        "Host", (engine.Host,), {"_run": lambda self: None, "get_action": lambda self, n: lambda c: None}
    )()
    assert host.register_rulesets(json.loads(target.read_text(encoding="utf-8"))) == [ruleset_name(reference)]


def test_export_command_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kennisveiligheid.cli import main

    assert main(["export", str(tmp_path / "missing.yaml"), "--durable"]) == 2
    assert "no tree file" in capsys.readouterr().err
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\n", encoding="utf-8")
    assert main(["export", str(broken), "--durable"]) == 2
    assert "DT110" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["export", str(broken)])
    assert info.value.code == 2


# ----------------------------------------------------------------------------------------------
# Numbers as durable reads them


def durable_compare(a: int | float, b: int | float) -> int:
    """durable compares two integers exactly and anything else as two floats."""
    x, y = (a, b) if isinstance(a, int) and isinstance(b, int) else (float(a), float(b))
    return (x > y) - (x < y)


NUMBERS = st.one_of(
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, -0.0, 0.001, 1e-4, 1e-05, 2**53, -(2**53), 2**53 + 1, 1e15, 9007199254740994.0, 0.5]),
)


@settings(max_examples=300, deadline=None)
@given(constants=st.lists(NUMBERS, max_size=4), value=NUMBERS)
def test_numbers_are_written_so_that_durable_compares_them_exactly(
    constants: list[int | float], value: int | float
) -> None:
    codec = durable._NumberCodec("x", constants)
    written = codec.value(value)
    if not codec.by_rank:
        assert durable._plain(written)
        assert "e" not in json.dumps(written)
    for constant in codec.constants:
        expected = (value > constant) - (value < constant)
        assert durable_compare(written, codec.constant(constant)) == expected


# ----------------------------------------------------------------------------------------------
# One rule per path


def _record_runs(backend: DurableBackend, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The answers of each step-by-step ``run`` of ``backend`` from now on (the list fills as it runs)."""
    runs: list[tuple[str, ...]] = []
    real_run = backend.run

    def run(answers: Mapping[str, Any]) -> DurableRun:
        runs.append(tuple(answers))
        return real_run(answers)

    monkeypatch.setattr(backend, "run", run)
    return runs


@pytest.mark.parametrize(
    "path", [ROOT / "bench" / "ten_questions.yaml", ROOT / "bench" / "mixed_questions.yaml"]
)
def test_a_case_with_its_answers_fires_one_rule(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """evaluate posts the case once, to a rule per path: for answers that are all given and
    known, one rule decides and the step-by-step run is never needed."""
    tree = dt.load(path)
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        bench_engine = importlib.import_module("bench_engine")  # bench/ is a folder of scripts, not a package
    finally:
        sys.path.remove(str(ROOT / "bench"))
    make_cases: Callable[[int], list[dict[str, Any]]]
    make_cases = bench_engine.make_cases if "ten" in path.name else bench_engine.make_mixed_cases
    cases = make_cases(150)
    with DurableBackend(tree) as backend:
        runs = _record_runs(backend, monkeypatch)
        known = [c for c in cases if all(v not in ("unknown", dt.UNKNOWN) for v in c.values())]
        assert len(known) >= 100
        for case in known:
            assert backend.evaluate(case) == tree.evaluate(case), case
        assert runs == []  # no case went step by step
        first = tree.nodes[tree.start]
        assert isinstance(first, dt.Question)
        missing = {k: v for k, v in known[0].items() if k != first.input}
        with pytest.raises(dt.MissingAnswerError):
            backend.evaluate(missing)
        assert len(runs) == 1  # that one did, and reported the missing answer as the steps do


def test_a_path_rule_left_out_leaves_its_cases_to_the_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """A case that no path's rule takes (here: an unknown answer the path reads) is decided
    step by step, with the same result."""
    with DurableBackend(SMALL) as backend:
        runs = _record_runs(backend, monkeypatch)
        case = {"formal": True, "areas": ["ai"], "risk": "unknown"}
        decision = backend.evaluate(case)
        assert decision == SMALL.evaluate(case)
        assert decision.path == ("formal", "sensitive", "risk", "postpone")
        assert runs == [("formal", "areas", "risk")]
        assert backend.evaluate({**case, "risk": "high", "budget": 10}).outcome_id == "committee"
        assert len(runs) == 1


_OR_CHAIN = """
id: or-chain
version: '1'
title: {nl: Keten, en: Chain}
start: r0
inputs:
  e: {label: {nl: e, en: e}, type: enum, values: {a: {nl: a, en: a}, b: {nl: b, en: b}, c: {nl: c, en: c}}}
  x0: {label: {nl: x, en: x}, type: integer, minimum: 0}
  x1: {label: {nl: x, en: x}, type: integer, minimum: 0}
  x2: {label: {nl: x, en: x}, type: integer, minimum: 0}
  x3: {label: {nl: x, en: x}, type: integer, minimum: 0}
  x4: {label: {nl: x, en: x}, type: integer, minimum: 0}
  x5: {label: {nl: x, en: x}, type: integer, minimum: 0}
  x6: {label: {nl: x, en: x}, type: integer, minimum: 0}
nodes:
  r0: {kind: rule, text: {nl: r, en: r}, condition: {all: [{input: e, one_of: [a, b]}, {input: x0, ge: 1}]},
       then: r1, else: r1}
  r1: {kind: rule, text: {nl: r, en: r}, condition: {input: x1, ge: 1}, then: r2, else: r2}
  r2: {kind: rule, text: {nl: r, en: r}, condition: {input: x2, ge: 1}, then: r3, else: r3}
  r3: {kind: rule, text: {nl: r, en: r}, condition: {input: x3, ge: 1}, then: r4, else: r4}
  r4: {kind: rule, text: {nl: r, en: r}, condition: {input: x4, ge: 1}, then: r5, else: r5}
  r5: {kind: rule, text: {nl: r, en: r}, condition: {input: x5, ge: 1}, then: r6, else: r6}
  r6: {kind: rule, text: {nl: r, en: r}, condition: {input: x6, ge: 1}, then: done, else: yes}
  done: {kind: outcome, label: {nl: klaar, en: done}}
  yes: {kind: outcome, label: {nl: ja, en: yes}}
"""

_OR_CHAIN_RUN = """
import sys
import decision_trees as dt
from decision_trees.backends.durable import DurableBackend
tree = dt.load(sys.stdin.read())
with DurableBackend(tree) as backend:
    for j in range(24):
        case = {"e": "abc"[j % 3], **{f"x{i}": (i + j) % 3 for i in range(7)}}
        assert backend.evaluate(case).path == tree.evaluate(case).path, case
print("agreed")
"""


def test_many_path_rules_with_or_do_not_crash_durable() -> None:
    # 128 paths whose rules each hold an $or made durable-rules 2.0.28 abort ("free(): invalid
    # size") or segfault on the first evaluate; in a child process, so a crash fails this test
    # instead of killing the worker.
    import subprocess

    child = subprocess.run(
        [sys.executable, "-c", _OR_CHAIN_RUN], input=_OR_CHAIN, capture_output=True, text=True, timeout=120
    )
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.strip() == "agreed"
    with durable.DurableBackend(dt.load(_OR_CHAIN)) as backend:
        program = backend._paths
        assert program is not None
        with_or = [r for r in program.rules.values() if "$or" in json.dumps(r)]
        assert 0 < len(with_or) <= durable.MAX_PATH_RULES_WITH_OR
