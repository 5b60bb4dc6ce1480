"""Run the explorer page's JavaScript evaluator in node and compare it with ``Tree.evaluate``."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import decision_trees as dt
from decision_trees.answers import answer_to_json
from decision_trees.explorer_page import encode_value, program

NODE = shutil.which("node")
NO_NODE = "node is not installed (apt-get install nodejs): the page's evaluator cannot be run"
HARNESS = Path(__file__).parent / "js" / "run_evaluator.js"
EXPLORER_JS = str(resources.files("decision_trees").joinpath("explorer.js"))


def encode_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers as the page sees them (JSON; big integers and non-finite floats tagged)."""
    return {key: _encode(value) for key, value in answers.items()}


def _encode(value: Any) -> Any:
    try:
        return encode_value(value)
    except TypeError:
        return repr(value)  # not a value any input accepts: both sides must refuse it


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and "$big" in value:
        value = int(value["$big"])
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return float(value)  # JSON from node: a double printed in its shortest digits
    return value


def python_result(tree: dt.Tree, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What ``Tree.evaluate`` says, in the shape the node harness prints."""
    try:
        decision = tree.evaluate(answers)
    except dt.MissingAnswerError as exc:
        return {"status": "missing", "input": exc.input, "node": exc.node}
    except dt.NoBranchMatchedError as exc:
        return {"status": "no_branch", "node": exc.node, "input": exc.input}
    except dt.InvalidAnswerError as exc:
        return {"status": "invalid", "input": exc.input}
    return {
        "status": "decided",
        "outcome": decision.outcome_id,
        "path": list(decision.path),
        "read": [[key, answer_to_json(value)] for key, value in decision.answers.items()],
    }


def comparable(result: Mapping[str, Any]) -> dict[str, Any]:
    """The fields both sides must agree on."""
    status = result["status"]
    if status == "decided":
        read = [[key, _decode(value)] for key, value in result["read"]]  # both sides alike
        return {"status": status, "outcome": result["outcome"], "path": result["path"], "read": read}
    if status == "missing":
        return {"status": status, "input": result["input"], "node": result["node"]}
    if status == "no_branch":
        return {"status": status, "input": result["input"], "node": result["node"]}
    return {"status": status, "input": result.get("input")}


def run_batch(tree: dt.Tree, cases: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The page's evaluator on every case, in one node process."""
    assert NODE is not None
    with tempfile.TemporaryDirectory() as tmp:
        cases_file, out_file = Path(tmp) / "cases.json", Path(tmp) / "out.json"
        data = {"program": program(tree), "cases": [encode_answers(c) for c in cases]}
        cases_file.write_text(json.dumps(data), encoding="utf-8")
        subprocess.run(
            [NODE, str(HARNESS), EXPLORER_JS, "batch", str(cases_file), str(out_file)],
            check=True,
            timeout=600,
        )
        results: list[dict[str, Any]] = json.loads(out_file.read_text(encoding="utf-8"))
    return results


def disagreements(tree: dt.Tree, cases: Iterable[Mapping[str, Any]]) -> list[tuple[Any, Any, Any]]:
    """Every case where the page and ``Tree.evaluate`` differ: (answers, python, page)."""
    cases = list(cases)
    page = run_batch(tree, cases)
    out = []
    for answers, js in zip(cases, page, strict=True):
        py = comparable(python_result(tree, answers))
        if py != comparable(js):
            out.append((answers, py, js))
    return out


class NodeEvaluator:
    """A running node process with one tree's program loaded; answers in, results out."""

    def __init__(self, tree: dt.Tree) -> None:
        assert NODE is not None
        self.tree = tree
        self.process = subprocess.Popen(
            [NODE, str(HARNESS), EXPLORER_JS, "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert self.request({"program": program(tree)})["status"] == "loaded"

    def request(self, data: Mapping[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(data) + "\n")
        self.process.stdin.flush()
        reply: dict[str, Any] = json.loads(self.process.stdout.readline())
        return reply

    def run(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return self.request({"answers": encode_answers(answers)})

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()
