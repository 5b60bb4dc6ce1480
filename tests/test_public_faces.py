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
import json
import subprocess
import sys
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
    "keep_functions",
    "lazy_face",
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


@pytest.mark.parametrize(
    "module",
    [
        "decision_trees",
        "decision_trees.support",
        "decision_trees.tables",
        "kennisveiligheid",
        "partner_criteria",
    ],
)
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


HEAVY = ("pydantic", "pydantic_core", "yaml", "networkx", "graphviz", "pycountry", "hypothesis")
"""Libraries that a package face must not load: the work that needs them loads them."""


def _loaded_after(statement: str) -> dict[str, list[str]]:
    """The heavy libraries and our own modules in ``sys.modules`` after ``statement``, in a fresh
    interpreter (a behaviour check, not a timing: what an import loads is what it costs)."""
    code = (
        f"import sys, json; {statement}; "
        "top = {m.split('.')[0] for m in sys.modules}; "
        "ours = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('decision_trees', 'kennisveiligheid', 'partner_criteria')); "
        f"print(json.dumps({{'heavy': sorted(top & set({HEAVY!r})), 'ours': ours}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded: dict[str, list[str]] = json.loads(result.stdout.splitlines()[-1])
    return loaded


_FACE = ["decision_trees", "decision_trees._lazy", "decision_trees._seam"]


@pytest.mark.parametrize(
    ("statement", "ours"),
    [
        ("import decision_trees", [*_FACE]),
        ("import kennisveiligheid", [*_FACE, "decision_trees.support", "kennisveiligheid"]),
        ("import partner_criteria", [*_FACE, "decision_trees.support", "partner_criteria"]),
        ("import decision_trees, kennisveiligheid, partner_criteria", None),
        ("from decision_trees.support import word, environment_lang", None),
        ("from decision_trees import DecisionTreeError, TreeLoadError, Problem", None),
        ("import kennisveiligheid.cli", None),
    ],
)
def test_package_faces_load_nothing_heavy(statement: str, ours: list[str] | None) -> None:
    """A package face is lazy (PEP 562): importing it loads no pydantic, YAML or networkx, and
    the bare faces load none of their own modules either."""
    loaded = _loaded_after(statement)
    assert loaded["heavy"] == []
    if ours is not None:
        assert loaded["ours"] == ours


def test_the_check_sees_a_heavy_import() -> None:
    """The check above can fail: the first use of a model name loads pydantic."""
    loaded = _loaded_after("import decision_trees; decision_trees.Tree")
    assert "pydantic" in loaded["heavy"]
    assert "decision_trees.model" in loaded["ours"]
    assert "networkx" not in loaded["heavy"]


def test_help_imports_every_command_and_a_command_only_its_own() -> None:
    """``--help`` lists every command, without loading the engine; a command's parser is built
    without importing the other commands' modules."""
    code = "from kennisveiligheid import cli; cli.build_parser('en', 'reviews')"
    loaded = _loaded_after(code)
    commands = [m for m in loaded["ours"] if m.startswith("kennisveiligheid.commands.")]
    assert commands == ["kennisveiligheid.commands.reviews"]
    everything = _loaded_after("from kennisveiligheid import cli; cli.build_parser('en')")
    assert everything["heavy"] == []  # registering a command loads nothing its run needs
    names = {m.rpartition(".")[2] for m in everything["ours"] if m.startswith("kennisveiligheid.commands.")}
    assert names == set(importlib.import_module("kennisveiligheid.cli").command_names())


@pytest.mark.parametrize(
    "package", ["decision_trees", "decision_trees.support", "kennisveiligheid", "partner_criteria"]
)
def test_lazy_names_resolve_to_their_module_objects(package: str) -> None:
    """A lazily loaded name is the very object of the module that defines it, and ``dir`` lists it."""
    face = importlib.import_module(package)
    for name, module in face._LAZY.items():
        assert getattr(face, name) is getattr(importlib.import_module(module), name), name
    assert set(face.__all__) <= set(dir(face))


@pytest.mark.parametrize(
    ("package", "name"),
    [
        ("kennisveiligheid", "assessment"),
        ("kennisveiligheid", "vocabulary"),
        ("partner_criteria", "portfolio"),
    ],
)
def test_a_function_named_like_its_module_stays_the_function(package: str, name: str) -> None:
    """``kennisveiligheid.assessment`` is the function, also after its namesake module is imported
    (which binds the module on the package unless the face keeps its function)."""
    code = (
        f"import importlib, {package}; importlib.import_module('{package}.{name}'); "
        f"print(type({package}.{name}).__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() != "module"
    face = importlib.import_module(package)
    importlib.import_module(f"{package}.{name}")
    assert callable(getattr(face, name))
    assert getattr(face, name) is getattr(importlib.import_module(face._LAZY[name]), name)
