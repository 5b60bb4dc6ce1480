"""decision_trees: declarative, validated, explainable decision trees.

Load a tree file (YAML or JSON) with :func:`load`, decide cases with :meth:`Tree.evaluate`, and
read why with :meth:`Decision.explain`. Heavy, optional parts (rendering, durable-rules, the
hypothesis strategies in :mod:`decision_trees.testing`) are imported only when used. Decision
tables (DMN hit policies, table verification, DMN XML) live in :mod:`decision_trees.tables`,
also reachable here as ``load_table``, ``verify_table``, ``from_dmn`` and ``to_dmn``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from decision_trees import _seam
from decision_trees.answers import UNKNOWN, Unknown
from decision_trees.conditions import ConditionResult
from decision_trees.decision import Decision, DecisionMismatchError, TraceStep
from decision_trees.errors import (
    AnswerError,
    DecisionTreeError,
    InvalidAnswerError,
    LanguageError,
    MissingAnswerError,
    MissingDependencyError,
    NoBranchMatchedError,
    Problem,
    TreeLoadError,
)
from decision_trees.evaluate import Ask, Compiled
from decision_trees.graph import rule_dependencies, to_networkx
from decision_trees.loader import load
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    BooleanInput,
    Branch,
    Citation,
    CitationWords,
    DateInput,
    EnumInput,
    ExpectedFinding,
    Informational,
    Input,
    IntegerInput,
    Lang,
    Node,
    NotOf,
    NumberInput,
    Outcome,
    Question,
    Rule,
    RuleRef,
    SetInput,
    Source,
    SourceWords,
    Test,
    Text,
    TextInput,
    Tree,
)
from decision_trees.reading import InputError
from decision_trees.writing import OutputError

if TYPE_CHECKING:  # the lazily loaded names below, typed for mypy and editors
    from decision_trees.counterfactuals import Counterfactual
    from decision_trees.diffing import diff
    from decision_trees.explorer_page import explorer
    from decision_trees.rendering import render, to_dot, to_graphviz, to_mermaid
    from decision_trees.tables import DecisionTable, from_dmn, load_table, to_dmn, verify_table
    from decision_trees.verification import VerificationReport, verify

__version__ = "0.1.0"

__all__ = [
    "UNKNOWN",
    "AllOf",
    "AnswerError",
    "AnyOf",
    "Ask",
    "AtLeast",
    "BooleanInput",
    "Branch",
    "Citation",
    "CitationWords",
    "ConditionResult",
    "DateInput",
    "Decision",
    "DecisionMismatchError",
    "DecisionTable",
    "DecisionTreeError",
    "EnumInput",
    "ExpectedFinding",
    "Informational",
    "Input",
    "InputError",
    "IntegerInput",
    "InvalidAnswerError",
    "Lang",
    "LanguageError",
    "MissingAnswerError",
    "MissingDependencyError",
    "NoBranchMatchedError",
    "Node",
    "NotOf",
    "NumberInput",
    "Outcome",
    "OutputError",
    "Problem",
    "Question",
    "Rule",
    "RuleRef",
    "SetInput",
    "Source",
    "SourceWords",
    "Test",
    "Text",
    "TextInput",
    "TraceStep",
    "Tree",
    "TreeLoadError",
    "Unknown",
    "__version__",
    "diff",
    "explorer",
    "from_dmn",
    "json_schema",
    "load",
    "load_table",
    "render",
    "rule_dependencies",
    "to_dmn",
    "to_dot",
    "to_graphviz",
    "to_mermaid",
    "to_networkx",
    "verify",
    "verify_table",
]


def _explain_text(decision: Decision, lang: Lang, given: Callable[[int, str, Any], str] | None = None) -> str:
    from decision_trees.explain import explain_text

    return explain_text(decision, lang, given)


def _counterfactuals(decision: Decision, target: str | None) -> list[Counterfactual]:
    from decision_trees.counterfactuals import counterfactuals

    return counterfactuals(decision, target)


def _mimebundle(tree: Tree, decision: Decision | None) -> dict[str, Any]:
    from decision_trees.rendering import mimebundle

    return mimebundle(tree, decision)


# The models' conveniences (Tree.evaluate, Decision.explain, ...) reach the modules above them
# through the seam; the heavier ones are imported on first use.
def _verify_data(data: dict[str, Any]) -> VerificationReport:
    from decision_trees.verification import verify

    return verify(load(data), relevance=False)


_seam.compile_tree = Compiled
_seam.tree_graph = to_networkx
_seam.explain_text = _explain_text
_seam.counterfactuals = _counterfactuals
_seam.mimebundle = _mimebundle
_seam.verify_data = _verify_data


def json_schema() -> dict[str, Any]:
    """The JSON Schema of tree files (also committed as ``docs/tree.schema.json`` for editors)."""
    from decision_trees._schema import with_branch_conditions, with_table_nodes

    schema = with_branch_conditions(Tree.model_json_schema(by_alias=True, mode="validation"))
    schema = with_table_nodes(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "decision_trees tree file"
    return schema


# Optional parts, imported on first use so that ``import decision_trees`` stays light.
_LAZY = {
    "verify": "decision_trees.verification",
    "diff": "decision_trees.diffing",
    "to_dot": "decision_trees.rendering",
    "to_graphviz": "decision_trees.rendering",
    "to_mermaid": "decision_trees.rendering",
    "render": "decision_trees.rendering",
    # decision tables (DMN); from_dmn needs the 'dmn' extra (defusedxml)
    "DecisionTable": "decision_trees.tables",
    "load_table": "decision_trees.tables",
    "verify_table": "decision_trees.tables",
    "from_dmn": "decision_trees.tables",
    "to_dmn": "decision_trees.tables",
    "explorer": "decision_trees.explorer_page",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'decision_trees' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
