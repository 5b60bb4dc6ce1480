"""Shared fixtures of the rendering and reporting tests: a tree using every drawing feature,
hostile texts, and helpers that parse what the renderers produce."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from typing import Any

from hypothesis import strategies as st

import decision_trees
from decision_trees import Decision, Tree

DOT = shutil.which("dot")
NO_DOT = "the Graphviz 'dot' program is not installed (apt-get install graphviz)"

# Sections (clusters), a named condition used by a rule, an `otherwise`, branch labels, unknown,
# sources in several citations, an outcome with description, measures and next steps.
RICH_TREE = """
id: rich
version: "2"
title: {nl: Rijke boom, en: Rich tree}
start: formal
sources:
  leidraad:
    title: Nationale Leidraad Kennisveiligheid
    publisher: Rijksoverheid
    url: https://www.rijksoverheid.nl/documenten/publicaties/2022/01/31/nationale-leidraad-kennisveiligheid
    date: 2022-01-31
  policy:
    title: Internationaliseringsbeleid 2024–2028
    publisher: De Haagse Hogeschool
    section: Bijlage 2
    date: 2024-01-01
inputs:
  formal:
    type: boolean
    label: {nl: Formele samenwerking, en: Formal collaboration}
  areas:
    type: set
    label: {nl: Technologiegebieden, en: Technology areas}
    values:
      ai: {nl: AI, en: AI}
      quantum: {nl: Quantum, en: Quantum}
      humanities: {nl: Geesteswetenschappen, en: Humanities}
  risk:
    type: enum
    allow_unknown: true
    label: {nl: Landenrisico, en: Country risk}
    values:
      low: {nl: laag, en: low}
      medium: {nl: middel, en: medium}
      high: {nl: hoog, en: high}
  budget:
    type: number
    minimum: 0
    label: {nl: Budget, en: Budget}
nodes:
  formal:
    kind: question
    section: scope
    input: formal
    text: {nl: "Is het een formele samenwerking?", en: "Is this a formal collaboration?"}
    help: {nl: Een overeenkomst of gezamenlijk project., en: An agreement or a joint project.}
    sources: [{source: leidraad, provenance: adapted}]
    branches:
      - {when: {equals: true}, next: sensitive}
      - {when: {equals: false}, next: out}
  sensitive_area:
    kind: rule
    section: policy gate
    text: {nl: Gevoelig technologiegebied, en: Sensitive technology area}
    condition: {input: areas, contains_any: [ai, quantum]}
    sources: [{source: leidraad, provenance: synthesis}]
  sensitive:
    kind: rule
    section: policy gate
    text: {nl: Gevoelige kennis, en: Sensitive knowledge}
    condition:
      any:
        - {rule: sensitive_area}
        - {input: budget, ge: 1000000}
    note: {nl: Het beleid noemt geen bedrag., en: The policy names no amount.}
    then: risk
    else: go
  risk:
    kind: question
    section: policy gate
    input: risk
    text: {nl: "Wat is het landenrisico?", en: "What is the country risk?"}
    sources: [{source: leidraad, provenance: direct}, {source: policy, provenance: adapted, section: "2.1"}]
    branches:
      - {when: {equals: low}, next: measures, label: {nl: laag risico, en: low risk}}
      - {when: {one_of: [medium, high]}, next: committee}
      - {when: {is_unknown: true}, next: postpone}
  out: {kind: outcome, section: outcomes, label: {nl: Buiten scope, en: Out of scope}, severity: 0}
  go:
    kind: outcome
    section: outcomes
    label: {nl: Doorgaan, en: Go}
    severity: 10
    permitted: true
    desirable: true
  measures:
    kind: outcome
    section: outcomes
    label: {nl: Doorgaan met maatregelen, en: Go with measures}
    severity: 30
    permitted: true
    description: {nl: Ga door en leg de maatregelen vast., en: Go ahead and record the measures.}
    measures: [{nl: Exitclausule, en: Exit clause}, {nl: Toegangsbeheer, en: Access control}]
    next_steps: [{nl: Informeer de adviseur, en: Inform the adviser}]
    sources: [{source: policy, provenance: adapted}]
  postpone: {kind: outcome, section: outcomes, label: {nl: Uitstellen, en: Postpone}, severity: 40}
  committee:
    kind: outcome
    section: outcomes
    label: {nl: Commissie, en: Committee}
    severity: 85
    permitted: false
"""


def rich_tree() -> Tree:
    return decision_trees.load(RICH_TREE)


def rich_decision(tree: Tree | None = None, **answers: Any) -> Decision:
    tree = tree or rich_tree()
    given = {"formal": True, "areas": ["ai"], "risk": "low", "budget": 10}
    given.update(answers)
    return tree.evaluate(tree.parse_answers(given))


HOSTILE: tuple[str, ...] = (
    '"><script>alert(1)</script>',
    "];",
    '"]; evil [label="x',
    "%%{init: {'theme': 'dark'}}%%",
    "line one\nline two\r\nthree",
    "back\\slash\\",
    "trailing backslash \\",
    '\\" quote after backslash',
    "}}; click n0 call alert(1) ;",
    "`code` ```fence``` [link](javascript:alert(1)) <img src=x onerror=alert(1)>",
    "a -->|x| b; style n0 fill:red",
    "<B>bold</B> &amp; &lt; &#60; #quot; #59;",
    "subgraph x\nend",
    "tab\tand\x00nul\x1bescape\u2028sep\ufffe",
    "| pipe | table |",
    "# heading\n- list\n1. item",
)

# Text that hypothesis draws for labels: mostly syntax characters of DOT, HTML, Mermaid, Markdown.
SYNTAX = "\"'<>&;[]{}()|`%#\\/\n\r\t -=:*_!~"
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.sampled_from(SYNTAX + "abcXYZ09é"), min_size=1, max_size=40),
    st.text(min_size=1, max_size=30),
)


def with_texts(data: Any, text: Callable[[], str]) -> Any:
    """``data`` (a tree mapping) with every ``{nl, en}`` text replaced by ``text()``."""
    if isinstance(data, Mapping):
        if set(data) == {"nl", "en"}:
            return {"nl": text(), "en": text()}
        return {key: with_texts(value, text) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [with_texts(item, text) for item in data]
    return data


def hostile_mapping(mapping: Mapping[str, Any], draw: Callable[[], str]) -> dict[str, Any]:
    """A tree mapping with hostile texts everywhere and hostile sections on its nodes."""
    data: dict[str, Any] = with_texts(mapping, lambda: draw() or "x")
    for index, node in enumerate(data["nodes"].values()):
        if index % 2 == 0:
            node["section"] = draw()
    return data


def non_blank(text: str) -> str:
    """``text`` if it still has something visible after cleaning, else a placeholder."""
    from decision_trees.rendering import clean

    return text if clean(text) else "x"


def dot_json(dot_text: str) -> dict[str, Any]:
    """Lay out ``dot_text`` with ``dot -Tjson`` (fails the test if dot rejects it or reports an
    error; layout warnings are allowed). Graphviz's own spline-routing fault is retried the way
    ``render`` does, with edge labels as ``xlabel``."""
    assert DOT is not None
    done = subprocess.run(
        [DOT, "-Tjson"], input=dot_text.encode(), capture_output=True, timeout=60, check=False
    )
    errors = done.stderr.decode(errors="replace")
    if done.returncode != 0 and re.search(
        r"lost \S+ \S+ edge|Pshortestpath failed|trouble in init_rank", errors
    ):
        retry = re.sub(r"(-> \"[^\"]*\" \[id=\"[^\"]*\", class=\"[^\"]*\", )label=", r"\1xlabel=", dot_text)
        return dot_json(retry)
    assert done.returncode == 0, errors
    assert "Error" not in errors, errors
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def drawn_text(obj: Mapping[str, Any]) -> str:
    """The text dot drew for a node or edge label, without any whitespace."""
    ops = [op["text"] for key in ("_ldraw_",) for op in obj.get(key, []) if op.get("op") == "T"]
    return re.sub(r"\s+", "", "".join(ops))


def esc_string(raw: str) -> str:
    """Graphviz's reading of an escString attribute (as -Tjson reports it) as plain text."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "\\": "\\", "l": "\n", "r": "\n"}.get(m[1], m[0]), raw)


class Elements(HTMLParser):
    """Collects every start tag (with its attributes) and the visible text of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


_MERMAID_LINE = re.compile(
    r"""^(?:flowchart\ TD
    |\ {4}subgraph\ c\d+\["[^"\n]*"\]
    |\ {4}end
    |\ {4,8}n\d+(?:\("[^"\n]*"\)|\{\{"[^"\n]*"\}\}|\(\["[^"\n]*"\]\)|\["[^"\n]*"\])
    |\ {4}n\d+\ (?:-->|==>)(?:\|"[^"\n]*"\|)?\ n\d+
    |\ {4}n\d+\ -\.->\ n\d+
    |\ {4}sources\["[^"\n]*"\]
    |\ {4}classDef\ \w+\ [\w:#,.\-\ ]+
    |\ {4}class\ [\w,]+\ \w+
    |\ {4}style\ n\d+\ [\w:#,.\-\ ]+
    |\ {4}linkStyle\ [\d,]+\ [\w:#,.\-\ ]+
    )$""",
    re.VERBOSE,
)


def assert_mermaid_structure(text: str) -> None:
    """Every line of ``text`` is one of the statements to_mermaid writes, labels fully quoted."""
    assert text.endswith("\n")
    for line in text.rstrip("\n").split("\n"):
        assert _MERMAID_LINE.match(line), f"unexpected Mermaid line: {line!r}"
