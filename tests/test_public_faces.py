"""Each package's public face is its ``__init__``; domain packages use only public engine names.

The ``__all__`` lists are pinned here, sorted, so that a change to a public face is deliberate. The
import rules are read from the source with :mod:`ast`: ``kennisveiligheid`` and ``partner_criteria``
import from ``decision_trees`` only names in its ``__all__`` or in the ``__all__`` of a documented
public submodule (:data:`PUBLIC_MODULES`, see docs/api.md), and ``partner_criteria`` imports from
``kennisveiligheid`` only names in its ``__all__``.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PUBLIC_MODULES = (
    "decision_trees",
    "decision_trees.backends.durable",
    "decision_trees.rendering",
    "decision_trees.support",
    "decision_trees.tables",
    "decision_trees.testing",
)
"""The engine modules a domain package (or a user) may import from; each is documented in docs/api.md."""

DECISION_TREES = [
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
    "UNKNOWN",
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
SUPPORT = [
    "ConditionVisitor",
    "WORDS",
    "answer_summary",
    "answer_to_json",
    "as_at_least",
    "as_rule_ref",
    "check_lang",
    "check_structure",
    "citation_note",
    "coerce_answer",
    "decode",
    "environment_lang",
    "error_text",
    "established",
    "explain_condition",
    "flag_text",
    "held_mark",
    "html_text",
    "listing",
    "markdown_text",
    "parse_data",
    "problem_line",
    "problems_found",
    "read_bytes",
    "read_data",
    "rule_refs",
    "safe_url",
    "same_file",
    "shorten",
    "source_line",
    "step_reasons",
    "tests_in",
    "value_text",
    "visit",
    "word",
    "write_atomic",
]
KENNISVEILIGHEID = [
    "Assessment",
    "COLLABORATION_FORMS",
    "CaseError",
    "Collaboration",
    "CollaborationForm",
    "CountryCodeError",
    "DECIDABLE_OUTCOMES",
    "DEPRECATED_FORMS",
    "Derivation",
    "EXIT_BAD_INPUT",
    "EXIT_CODES",
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "Funding",
    "HumanDecision",
    "IncompleteCaseError",
    "InstitutionLists",
    "InstitutionTreeError",
    "ListsError",
    "OUTCOME_IDS",
    "PARTNER_CATEGORIES",
    "Partner",
    "PartnerCategory",
    "PdfSupportMissingError",
    "PreparedCase",
    "ReadOnlyRecordWarning",
    "ReferenceList",
    "Report",
    "Term",
    "Verdict",
    "Vocabulary",
    "assess",
    "assessment",
    "canonical_categories",
    "canonical_category",
    "canonical_form",
    "canonical_forms",
    "committee_html",
    "country_code",
    "country_name",
    "critical_technology_areas",
    "dual_use_categories",
    "exit_code",
    "load_case",
    "load_institution_tree",
    "load_lists",
    "next_question",
    "prepare",
    "reference_tree",
    "released_tree",
    "released_versions",
    "vocabulary",
    "write_committee_html",
    "write_committee_pdf",
]
PARTNER_CRITERIA = [
    "Assessment",
    "Criteria",
    "CriteriaShapeError",
    "DEFAULT_OBJECTIVE_1_MIN_SUBPOINTS",
    "DEFAULT_OBJECTIVE_2_MIN_MEASURES",
    "DEFAULT_POLICY",
    "Evidence",
    "History",
    "KnowledgeSecurity",
    "KnowledgeSecurityError",
    "KnowledgeSecurityRecord",
    "KnowledgeSecurityStatus",
    "Parameter",
    "ParameterError",
    "Partner",
    "PartnerFileError",
    "Partnership",
    "Portfolio",
    "PortfolioEntry",
    "Prerequisites",
    "Register",
    "ResearchEvidence",
    "ReviewItem",
    "ReviewPolicy",
    "ReviewSchedule",
    "add_years",
    "assess",
    "assess_many",
    "classify",
    "classify_outcome",
    "criteria_data",
    "criteria_tree",
    "due_dates",
    "load_partner",
    "load_register",
    "parameters",
    "parse_partner",
    "partner_answers",
    "partners_from_csv",
    "partners_to_csv",
    "portfolio",
    "review_schedule",
]
PINNED = {
    "decision_trees": DECISION_TREES,
    "decision_trees.support": SUPPORT,
    "kennisveiligheid": KENNISVEILIGHEID,
    "partner_criteria": PARTNER_CRITERIA,
}


@pytest.mark.parametrize("module", sorted(PINNED))
def test_all_is_pinned_and_resolves(module: str) -> None:
    package = importlib.import_module(module)
    assert sorted(package.__all__) == PINNED[module], f"{module}.__all__ changed: update the pin on purpose"
    for name in package.__all__:
        assert not name.startswith("_") or name == "__version__", f"{module} exports private {name}"
        assert getattr(package, name) is not None, f"{module}.{name} does not resolve"


def _public_names(module: str) -> set[str]:
    return set(importlib.import_module(module).__all__)


def _imports(package: str, root: Path = ROOT) -> list[tuple[str, int, str, str | None]]:
    """(file, line, module, name) for every import in ``package``, at any depth (lazy ones too)."""
    found: list[tuple[str, int, str, str | None]] = []
    for path in sorted((root / package).rglob("*.py")):
        rel = str(path.relative_to(root))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=rel)):
            if isinstance(node, ast.Import):
                found.extend((rel, node.lineno, alias.name, None) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.extend((rel, node.lineno, node.module, alias.name) for alias in node.names)
    return found


def _violations(package: str, engine: str, public: tuple[str, ...], root: Path = ROOT) -> list[str]:
    wrong: list[str] = []
    for rel, line, module, name in _imports(package, root):
        if module != engine and not module.startswith(engine + "."):
            continue
        if module not in public:
            wrong.append(f"{rel}:{line}: {module} is not a public module")
        elif name is not None and name not in _public_names(module) and f"{module}.{name}" not in public:
            wrong.append(f"{rel}:{line}: {module}.{name} is not a public name")
    return wrong


@pytest.mark.parametrize("package", ["kennisveiligheid", "partner_criteria"])
def test_domain_packages_use_public_engine_names(package: str) -> None:
    assert _violations(package, "decision_trees", PUBLIC_MODULES) == []


def test_partner_criteria_uses_public_kennisveiligheid_names() -> None:
    assert _violations("partner_criteria", "kennisveiligheid", ("kennisveiligheid",)) == []


def test_the_check_catches_an_inner_import(tmp_path: Path) -> None:
    """The rule itself can fail: an inner-module import in a domain file is reported by line."""
    package = tmp_path / "somepolicy"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from decision_trees.conditions import value_text\n"
        "def f():\n    from decision_trees.support import word\n    from decision_trees import _LAZY\n",
        encoding="utf-8",
    )
    assert _violations("somepolicy", "decision_trees", PUBLIC_MODULES, root=tmp_path) == [
        "somepolicy/__init__.py:1: decision_trees.conditions is not a public module",
        "somepolicy/__init__.py:4: decision_trees._LAZY is not a public name",
    ]


@pytest.mark.parametrize("module", ["decision_trees", "decision_trees.tables"])
def test_lazy_names_are_typed(module: str) -> None:
    """Every name a package loads on first use (``_LAZY``) is also imported under TYPE_CHECKING,
    so mypy and editors see its real type instead of ``Any``."""
    package = importlib.import_module(module)
    path = Path(package.__file__ or "")
    typed: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom):
                    typed.update(alias.asname or alias.name for alias in inner.names)
    lazy = set(package._LAZY)
    assert lazy, f"{module} has no lazy names: drop it from this test"
    assert lazy - typed == set()
    assert lazy <= set(package.__all__)
