"""Helpers for domain packages built on the engine (``kennisveiligheid``, ``partner_criteria``).

Everything a package of policy data needs beyond the tree model, in one documented place: guarded
file reading and atomic writing, the bilingual word catalogue, escaping for HTML and Markdown,
answer coercion and display, the presentation helpers the engine's own reports use, and the
way to walk a condition (:class:`ConditionVisitor`, :func:`visit`, :func:`as_at_least`, ...). Domain
packages import these names from here (or from :mod:`decision_trees`) and never from the engine's
inner modules; ``tests/test_public_faces.py`` holds them to that.
"""

from __future__ import annotations

from decision_trees._lazy import keep_functions, lazy_face

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads the name), without importing typing

if TYPE_CHECKING:  # loaded on first use (PEP 562); typed here for mypy and editors
    from decision_trees._walk import ConditionVisitor, as_at_least, as_rule_ref, visit
    from decision_trees.answers import answer_to_json, coerce_answer
    from decision_trees.conditions import rule_refs, tests_in, value_text
    from decision_trees.decision import explain_condition
    from decision_trees.errors import listing, problems_found, shorten
    from decision_trees.escape import html_text, markdown_text, safe_url
    from decision_trees.presentation import (
        answer_summary,
        citation_note,
        established,
        flag_text,
        held_mark,
        source_line,
        step_reasons,
    )
    from decision_trees.reading import (
        check_structure,
        decode,
        parse_data,
        problem_line,
        read_bytes,
        read_data,
    )
    from decision_trees.words import WORDS, check_lang, environment_lang, error_text, word
    from decision_trees.writing import same_file, write_atomic

__all__ = [
    "WORDS",
    "ConditionVisitor",
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


# Every public name, by the module that defines it; imported on first use (PEP 562), so that
# ``from decision_trees.support import word`` loads only the word catalogue.
_LAZY = {
    "ConditionVisitor": "decision_trees._walk",
    "as_at_least": "decision_trees._walk",
    "as_rule_ref": "decision_trees._walk",
    "visit": "decision_trees._walk",
    "answer_to_json": "decision_trees.answers",
    "coerce_answer": "decision_trees.answers",
    "rule_refs": "decision_trees.conditions",
    "tests_in": "decision_trees.conditions",
    "value_text": "decision_trees.conditions",
    "explain_condition": "decision_trees.decision",
    "listing": "decision_trees.errors",
    "problems_found": "decision_trees.errors",
    "shorten": "decision_trees.errors",
    "html_text": "decision_trees.escape",
    "markdown_text": "decision_trees.escape",
    "safe_url": "decision_trees.escape",
    "answer_summary": "decision_trees.presentation",
    "citation_note": "decision_trees.presentation",
    "established": "decision_trees.presentation",
    "flag_text": "decision_trees.presentation",
    "held_mark": "decision_trees.presentation",
    "source_line": "decision_trees.presentation",
    "step_reasons": "decision_trees.presentation",
    "check_structure": "decision_trees.reading",
    "decode": "decision_trees.reading",
    "parse_data": "decision_trees.reading",
    "problem_line": "decision_trees.reading",
    "read_bytes": "decision_trees.reading",
    "read_data": "decision_trees.reading",
    "WORDS": "decision_trees.words",
    "check_lang": "decision_trees.words",
    "environment_lang": "decision_trees.words",
    "error_text": "decision_trees.words",
    "word": "decision_trees.words",
    "same_file": "decision_trees.writing",
    "write_atomic": "decision_trees.writing",
}


__getattr__, __dir__ = lazy_face(__name__, _LAZY, globals())
