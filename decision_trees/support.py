"""Helpers for domain packages built on the engine (``kennisveiligheid``, ``partner_criteria``).

Everything a package of policy data needs beyond the tree model, in one documented place: guarded
file reading and atomic writing, the bilingual word catalogue, escaping for HTML and Markdown,
answer coercion and display, the presentation helpers the engine's own reports use, and the
way to walk a condition (:class:`ConditionVisitor`, :func:`visit`, :func:`as_at_least`, ...). Domain
packages import these names from here (or from :mod:`decision_trees`) and never from the engine's
inner modules; ``tests/test_public_faces.py`` holds them to that.
"""

from __future__ import annotations

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
from decision_trees.reading import check_structure, decode, parse_data, problem_line, read_bytes, read_data
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
