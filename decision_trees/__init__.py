"""decision_trees: declarative, validated, explainable decision trees.

Load a tree file (YAML or JSON) with :func:`load`, decide cases with :meth:`Tree.evaluate`, and
read why with :meth:`Decision.explain`. Heavy, optional parts (rendering, durable-rules, the
hypothesis strategies in :mod:`decision_trees.testing`) are imported only when used, and so is every
public name here: ``import decision_trees`` loads neither pydantic nor YAML (PEP 562). Decision
tables (DMN hit policies, table verification, DMN XML) live in :mod:`decision_trees.tables`,
also reachable here as ``load_table``, ``verify_table``, ``from_dmn`` and ``to_dmn``.
"""

from __future__ import annotations

from decision_trees import _seam
from decision_trees._lazy import lazy_face

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads the name), without importing typing

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    import networkx as nx

    # the names below are loaded on first use (PEP 562); typed here for mypy and editors
    from decision_trees.answers import UNKNOWN, Unknown
    from decision_trees.conditions import ConditionResult
    from decision_trees.counterfactuals import Counterfactual
    from decision_trees.decision import Decision, DecisionMismatchError, TraceStep
    from decision_trees.diffing import diff
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
    from decision_trees.explorer_page import explorer
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
        ValueColumn,
        ValueRow,
        ValueTable,
    )
    from decision_trees.reading import InputError
    from decision_trees.rendering import render, to_dot, to_graphviz, to_mermaid
    from decision_trees.tables import DecisionTable, from_dmn, load_table, to_dmn, verify_table
    from decision_trees.verification import VerificationReport, verify
    from decision_trees.writing import OutputError

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
    "ValueColumn",
    "ValueRow",
    "ValueTable",
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


# The models' conveniences (Tree.evaluate, Tree.graph, Decision.explain, ...) reach the modules above
# them through the seam. Each slot imports its module on first call and then puts the real function in
# its own place, so importing the package costs nothing and a later call costs no extra step.
def _compile_tree(tree: Tree, eager: bool = True) -> Compiled:
    from decision_trees.evaluate import Compiled

    _seam.compile_tree = Compiled
    return Compiled(tree, eager)


def _tree_graph(tree: Tree) -> nx.DiGraph[str]:
    from decision_trees.graph import to_networkx

    _seam.tree_graph = to_networkx
    return to_networkx(tree)


def _explain_text(decision: Decision, lang: Lang, given: Callable[[int, str, Any], str] | None = None) -> str:
    from decision_trees.explain import explain_text

    return explain_text(decision, lang, given)


def _counterfactuals(decision: Decision, target: str | None) -> list[Counterfactual]:
    from decision_trees.counterfactuals import counterfactuals

    return counterfactuals(decision, target)


def _mimebundle(tree: Tree, decision: Decision | None) -> dict[str, Any]:
    from decision_trees.rendering import mimebundle

    return mimebundle(tree, decision)


def _verify_data(data: dict[str, Any]) -> VerificationReport:
    from decision_trees.loader import load
    from decision_trees.verification import verify

    return verify(load(data), relevance=False)


_seam.compile_tree = _compile_tree
_seam.tree_graph = _tree_graph
_seam.explain_text = _explain_text
_seam.counterfactuals = _counterfactuals
_seam.mimebundle = _mimebundle
_seam.verify_data = _verify_data


def json_schema() -> dict[str, Any]:
    """The JSON Schema of tree files (also committed as ``docs/tree.schema.json`` for editors)."""
    from decision_trees._schema import with_branch_conditions, with_table_nodes
    from decision_trees.model import Tree

    schema = with_branch_conditions(Tree.model_json_schema(by_alias=True, mode="validation"))
    schema = with_table_nodes(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "decision_trees tree file"
    return schema


# Every other public name, by the module that defines it; imported on first use (PEP 562), so that
# ``import decision_trees`` stays light. from_dmn needs the 'dmn' extra (defusedxml).
_LAZY = {
    "UNKNOWN": "decision_trees.answers",
    "Unknown": "decision_trees.answers",
    "ConditionResult": "decision_trees.conditions",
    "Decision": "decision_trees.decision",
    "DecisionMismatchError": "decision_trees.decision",
    "TraceStep": "decision_trees.decision",
    "diff": "decision_trees.diffing",
    "AnswerError": "decision_trees.errors",
    "DecisionTreeError": "decision_trees.errors",
    "InvalidAnswerError": "decision_trees.errors",
    "LanguageError": "decision_trees.errors",
    "MissingAnswerError": "decision_trees.errors",
    "MissingDependencyError": "decision_trees.errors",
    "NoBranchMatchedError": "decision_trees.errors",
    "Problem": "decision_trees.errors",
    "TreeLoadError": "decision_trees.errors",
    "Ask": "decision_trees.evaluate",
    "explorer": "decision_trees.explorer_page",
    "rule_dependencies": "decision_trees.graph",
    "to_networkx": "decision_trees.graph",
    "load": "decision_trees.loader",
    "AllOf": "decision_trees.model",
    "AnyOf": "decision_trees.model",
    "AtLeast": "decision_trees.model",
    "BooleanInput": "decision_trees.model",
    "Branch": "decision_trees.model",
    "Citation": "decision_trees.model",
    "CitationWords": "decision_trees.model",
    "DateInput": "decision_trees.model",
    "EnumInput": "decision_trees.model",
    "ExpectedFinding": "decision_trees.model",
    "Informational": "decision_trees.model",
    "Input": "decision_trees.model",
    "IntegerInput": "decision_trees.model",
    "Lang": "decision_trees.model",
    "Node": "decision_trees.model",
    "NotOf": "decision_trees.model",
    "NumberInput": "decision_trees.model",
    "Outcome": "decision_trees.model",
    "ValueColumn": "decision_trees.model",
    "ValueRow": "decision_trees.model",
    "ValueTable": "decision_trees.model",
    "Question": "decision_trees.model",
    "Rule": "decision_trees.model",
    "RuleRef": "decision_trees.model",
    "SetInput": "decision_trees.model",
    "Source": "decision_trees.model",
    "SourceWords": "decision_trees.model",
    "Test": "decision_trees.model",
    "Text": "decision_trees.model",
    "TextInput": "decision_trees.model",
    "Tree": "decision_trees.model",
    "InputError": "decision_trees.reading",
    "render": "decision_trees.rendering",
    "to_dot": "decision_trees.rendering",
    "to_graphviz": "decision_trees.rendering",
    "to_mermaid": "decision_trees.rendering",
    "DecisionTable": "decision_trees.tables",
    "from_dmn": "decision_trees.tables",
    "load_table": "decision_trees.tables",
    "to_dmn": "decision_trees.tables",
    "verify_table": "decision_trees.tables",
    "verify": "decision_trees.verification",
    "OutputError": "decision_trees.writing",
}


__getattr__, __dir__ = lazy_face(__name__, _LAZY, globals())
