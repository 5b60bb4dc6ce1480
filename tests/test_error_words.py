"""Error messages in Dutch: every error code has a Dutch text, and errors keep their facts so that the
message is worded per language (like the trace), with English unchanged."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import decision_trees
from decision_trees import Problem, TreeLoadError
from decision_trees.answers import coerce_answer
from decision_trees.words import ERRORS, LANGUAGES, error_text

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("decision_trees", "kennisveiligheid", "partner_criteria")
_CODE = re.compile(r"""["'](DT\d{3}|KV\d{3}|PC\d{3})["']""")


def _source() -> str:
    return "\n".join(p.read_text("utf-8") for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_error_code_in_the_code_has_a_dutch_text() -> None:
    codes = set(_CODE.findall(_source()))
    assert len(codes) > 60  # the scan finds them (a scan that finds nothing would prove nothing)
    missing = sorted(code for code in codes if code not in ERRORS)
    assert not missing, f"error codes without a text in decision_trees.words.ERRORS: {missing}"


def test_every_message_key_used_in_the_code_is_in_the_catalogue() -> None:
    keys = set(re.findall(r"""["']((?:DT|KV|PC)\d{3}\.\w+)["']""", _source()))
    assert len(keys) > 40
    missing = sorted(k for k in keys if k not in ERRORS and not k.endswith(".schema"))
    assert not missing, f"message keys without a catalogue entry: {missing}"


@pytest.mark.parametrize("key", sorted(ERRORS))
def test_each_entry_has_every_language_and_the_same_facts(key: str) -> None:
    entry = ERRORS[key]
    assert set(entry) == set(LANGUAGES)
    assert all(entry[lang].strip() for lang in LANGUAGES)
    if key[:2] in ("DT", "KV", "PC") and "." in key and entry["en"] != "{message}":
        dutch_only = {name for name in _fields(entry["nl"]) if name.endswith("_nl")}  # Dutch names (data)
        assert _fields(entry["nl"]) - dutch_only <= _fields(entry["en"]) | {"reason"}, key


def test_dutch_texts_are_not_the_english_ones() -> None:
    same = [k for k, e in ERRORS.items() if e["nl"] == e["en"] and "{" not in e["en"]]
    assert not same, f"untranslated: {same}"


def test_a_tree_with_problems_reads_in_dutch_and_english_is_unchanged() -> None:
    text = "id: t\nversion: '1'\ntitle: {nl: T, en: T}\ninputs: {}\nstart: b\nnodes:\n  a: {kind: outcome}\n"
    with pytest.raises(TreeLoadError) as caught:
        decision_trees.load(text)
    english = str(caught.value)
    assert english.startswith("tree: ")
    assert "problems found" in english
    assert "the start node 'b' does not exist" in english
    dutch = caught.value.render("nl")
    assert dutch.startswith("beslisboom: ")
    assert "problemen gevonden" in dutch
    assert "het startknooppunt 'b' bestaat niet" in dutch
    assert "het verplichte veld 'label' ontbreekt" in dutch
    for english_word in ("problems found", "does not exist", "required key", "node '", "field '"):
        assert english_word not in dutch


def test_a_problem_keeps_its_facts() -> None:
    problem = Problem.of("DT121.node", file="t.yaml", line=3, node="q", field="next", target="x")
    assert problem.code == "DT121"
    assert dict(problem.facts) == {"target": "x"}
    assert (
        str(problem) == "t.yaml:3: [DT121] node 'q': field 'next': refers to node 'x', which does not exist"
    )
    assert (
        problem.text("nl")
        == "t.yaml:3: [DT121] knooppunt 'q': veld 'next': verwijst naar knooppunt 'x', dat niet bestaat"
    )


def test_a_problem_without_a_key_is_worded_by_its_code_in_dutch() -> None:
    problem = Problem("DT131", "the paths loop: a → b → a", node="a")
    assert problem.says("en") == "the paths loop: a → b → a"
    assert problem.says("nl") == ERRORS["DT131"]["nl"] + " — the paths loop: a → b → a"


def test_answer_errors_in_dutch() -> None:
    tree = decision_trees.load(ROOT / "kennisveiligheid" / "data" / "reference_tree.yaml")
    name = next(i for i, d in tree.inputs.items() if d.type == "boolean")
    with pytest.raises(decision_trees.InvalidAnswerError) as caught:
        coerce_answer(name, tree.inputs[name], "misschien")
    assert "expected true or false" in str(caught.value)
    assert "verwacht ja of nee" in caught.value.render("nl")


def test_a_missing_fact_does_not_break_the_message() -> None:
    assert error_text("DT121.node", "nl", {}) == "verwijst naar knooppunt '…', dat niet bestaat"


_CASES = {
    "missing.yaml": None,
    "broken.yaml": "answers: [\n",
    "unknown.yaml": "title: x\nanswers:\n  formal: maybe\n",
    "answer.yaml": "title: x\nanswers:\n  international: misschien\n",
    "country.yaml": "title: x\npartner: {name: X, country: Nederland}\nanswers: {}\n",
    "field.yaml": "titel: x\nanswers: {}\n",
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_the_command_line_says_a_case_files_problems_in_dutch(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kennisveiligheid.cli import main

    path = tmp_path / name
    text = _CASES[name]
    if text is not None:
        path.write_text(text, encoding="utf-8")
    assert main(["assess", str(path), "--lang", "nl"]) != 0
    dutch = capsys.readouterr().err
    assert main(["assess", str(path), "--lang", "en"]) != 0
    english = capsys.readouterr().err
    assert dutch.startswith("kennisveiligheid: fout: ")
    assert "probleem gevonden" in dutch or "problemen gevonden" in dutch
    assert "problem found" in english or "problems found" in english
    if name == "broken.yaml":  # the YAML reader's own reason is quoted as it gives it
        assert "geen geldige YAML: " in dutch
        dutch = dutch.split("geen geldige YAML: ")[0]
    for word in ("problems?", "found", "did you mean", "unknown field", "expected", "no such", "is not"):
        assert not re.search(rf"\b{word}\b", dutch), (word, dutch)
    assert dutch != english


def _no_english_left(key: str, dutch: str) -> None:
    """No word of four letters or more from the English text of ``key`` is in ``dutch`` (the words
    that are data or keywords, quoted or in backticks, are left out of the English first)."""
    quoted = r"'[^']*'|`[^`]*`|\{[^}]*\}|\([^)]*_[^)]*\)"
    english = re.sub(quoted, " ", ERRORS[key]["en"])
    words = set(re.findall(r"\b[a-z]{4,}\b", english)) - _KEYWORDS
    dutch = re.sub(quoted, " ", dutch)
    left = sorted(w for w in words if re.search(rf"\b{w}\b", dutch))
    assert not left, (key, left, dutch)


#: Words that are the files' own keywords, or Dutch words as well ("partner", "register").
_KEYWORDS = {
    "definitions",  # DMN's element name
    "element",
    "letters",
    "between",
    "is_unknown",
    "allow_unknown",
    "true",
    "false",
    "sources",
    "neighbourhood",
    "page",
    "partner",
    "register",
    "mapping",
    "enum",
    "values",
    "when",
    "then",
    "number",
    "boolean",
    "string",
    "bytes",
}

_TYPE_TREE = """\
id: t
version: '1'
title: {nl: T, en: T}
start: r0
inputs:
  b: {type: boolean, label: {nl: B, en: B}}
  e: {type: enum, label: {nl: E, en: E}, values: {x: {nl: x, en: x}, y: {nl: y, en: y}}}
  n: {type: number, label: {nl: N, en: N}}
  d: {type: date, label: {nl: D, en: D}}
  t: {type: text, label: {nl: T, en: T}}
nodes:
  o: {kind: outcome, label: {nl: O, en: O}, severity: 0}
""" + "".join(
    f"  r{i}: {{kind: rule, text: {{nl: r, en: r}}, condition: {c}, then: {n}, else: {n}}}\n"
    for i, (c, n) in enumerate(
        [
            ("{input: b, equals: 3}", "r1"),
            ("{input: e, one_of: [x, z]}", "r2"),
            ("{input: n, between: [5, 1]}", "r3"),
            ("{input: n, equals: abc}", "r4"),
            ("{input: d, equals: '2024-13-40'}", "r5"),
            ("{input: t, equals: x}", "r6"),
            ("{input: b, is_unknown: true}", "r7"),
            ("{input: b, gt: 1}", "o"),
        ]
    )
)


def test_condition_type_checks_read_in_dutch() -> None:
    with pytest.raises(TreeLoadError) as caught:
        decision_trees.load(_TYPE_TREE)
    problems = [p for p in caught.value.problems if p.code in ("DT140", "DT141", "DT142", "DT143")]
    keys = {p.key for p in problems}
    assert {
        "DT140.text",
        "DT141.operator",
        "DT142.boolean",
        "DT142.values",
        "DT142.number",
        "DT142.between",
        "DT142.date_text",
        "DT143.never",
    } <= keys
    for problem in problems:
        assert problem.key is not None
        _no_english_left(problem.key, problem.says("nl"))
        assert problem.says("en") == error_text(problem.key, "en", dict(problem.facts))
    english = str(caught.value)
    assert "'z' is not one of the declared values x, y" in english
    assert "between: lower bound 5 is above upper bound 1" in english
    dutch = caught.value.render("nl")
    assert "'z' is geen van de gedeclareerde waarden x, y" in dutch
    assert "de ondergrens 5 ligt boven de bovengrens 1" in dutch


def _option_errors() -> list[decision_trees.DecisionTreeError]:
    from decision_trees import rendering, reporting

    small = ROOT / "tests" / "trees" / "small.yaml"
    other = decision_trees.load(small)
    tree = decision_trees.load(small.read_text("utf-8").replace('version: "1"', 'version: "2"'))
    decision = other.evaluate(other.parse_answers({"formal": False}))
    wrong: dict[str, Any] = {"lang": "fr", "format": "gif", "subject": 3}  # what the types forbid
    attempts: list[Callable[[], object]] = [
        lambda: rendering.to_dot(tree, lang="de"),
        lambda: reporting.to_markdown(decision, lang=wrong["lang"]),
        lambda: rendering.render(tree, format=wrong["format"]),
        lambda: rendering.render(tree, page="A0"),
        lambda: rendering.to_dot(tree, sources="inline"),
        lambda: rendering.to_dot(tree, decision),
        lambda: rendering.to_dot(tree, neighbourhood=1),
        lambda: rendering.to_dot(other, decision, neighbourhood=-1),
        lambda: rendering.to_dot(tree, named_conditions="some"),
        lambda: rendering.to_dot(rendering.describe(tree), decision),
        lambda: rendering.to_dot(decision, decision),
        lambda: rendering.to_dot(wrong["subject"]),
    ]
    errors = []
    for attempt in attempts:
        with pytest.raises(decision_trees.DecisionTreeError) as caught:
            attempt()
        errors.append(caught.value)
    return errors


def test_drawing_options_read_in_dutch() -> None:
    errors = _option_errors()
    keys = [e.key for e in errors]
    assert all(e.code == "DT613" for e in errors), [(e.code, str(e)) for e in errors]
    assert len(keys) == 12
    assert len(set(keys)) == 11, keys  # the language is checked by the drawings and by the reports
    for error in errors:
        assert error.key is not None
        assert str(error) == error_text(error.key, "en", dict(error.facts))
        _no_english_left(error.key, error.render("nl"))
    assert str(errors[0]) == "language must be 'nl' or 'en', not 'de'"
    assert errors[0].render("nl") == "de taal moet 'nl' of 'en' zijn, niet 'de'"


_ROW = "{id: a, name: A, country: C, city: X, type: university, partnership: {category: exchange}}"
_PARTNER_FILES: dict[str, str] = {
    "repeat.yaml": f"partners:\n  - {_ROW}\n  - {_ROW}\n",
    "top.yaml": f"partners: [{_ROW}]\ncolour: red\n",
    "shape.yaml": "partners: 3\n",
    "fields.yaml": "partners:\n"
    "  - {id: a, name: A, country: C, city: X, type: university, partnership: {category: nope}}\n"
    "  - {id: b, nme: B, country: C, city: X, type: university, partnership: {category: exchange,"
    " start: 2024-01-01, agreement_end: 2023-01-01, forms: [exchange, exchange]},"
    " history: {last_monitoring: 2020-01-01}, knowledge_security: {outcome: go}}\n",
    "alias.yaml": "a: &x 1\nb: *x\n",
    "header.csv": "id,name,country,city,type,categroy,name\n",
    "rows.csv": "id,name,country,city,type,category\n"
    "a,A,C,X,university,exchange,extra\n"
    "b,B,C,X,university,exchange\n"
    "b,B,C,X,university,exchange\n"
    "c,C,C,X,school,exchange\n",
}


@pytest.mark.parametrize("name", sorted(_PARTNER_FILES))
def test_partner_file_problems_read_in_dutch(name: str, tmp_path: Path) -> None:
    import partner_criteria as pc
    from partner_criteria.errors import ProblemLine

    path = tmp_path / name
    path.write_text(_PARTNER_FILES[name], encoding="utf-8")
    with pytest.raises(pc.PartnerFileError) as caught:
        pc.load_register(path)
    error = caught.value
    assert error.problems
    assert all(isinstance(p, ProblemLine) for p in error.problems)
    dutch = error.render("nl")
    assert "regel " in dutch or name.endswith(".yaml")
    for problem in error.problems:
        assert isinstance(problem, ProblemLine)
        assert problem.text("en") == problem
        if problem.key is not None:
            text = problem.text("nl")
            assert text != problem
            _no_english_left(problem.key, text)
    for english in ("line", "did you mean", "unknown", "appears", "missing", "is not", "before", "needs"):
        assert not re.search(rf"\b{english}\b", dutch), (english, dutch)


@pytest.mark.parametrize("command", ["check", "diff", "render", "explore"])
def test_a_missing_tree_file_is_said_in_the_readers_language(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kennisveiligheid.cli import main

    missing = str(tmp_path / "geen.yaml")
    args = {
        "check": ["check", missing],
        "diff": ["diff", missing, "reference"],
        "render": ["render", missing, "-o", str(tmp_path / "t.svg")],
        "explore": ["explore", missing, "-o", str(tmp_path / "t.html")],
    }[command]
    said: dict[str, tuple[int, str]] = {}
    for lang in ("nl", "en"):
        status = main([*args, "--lang", lang])
        said[lang] = (status, capsys.readouterr().err)
    assert said["nl"][0] == said["en"][0] != 0  # the same exit code in either language
    assert "no tree file" in said["en"][1]
    assert "het beslisboombestand" in said["nl"][1], said["nl"][1]
    assert "no tree file" not in said["nl"][1]
    assert not re.search(r"\berror\b", said["nl"][1]), said["nl"][1]


def test_render_says_its_own_refusals_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    from kennisveiligheid.cli import main

    assert main(["render", "reference", "--path-only", "--lang", "nl"]) == main(
        ["render", "reference", "--path-only", "--lang", "en"]
    )
    dutch, english = capsys.readouterr().err.splitlines()
    assert (
        dutch == "kennisveiligheid render: fout: --path-only vraagt om --case (het pad is dat van de casus)"
    )
    assert english == "kennisveiligheid render: error: --path-only needs --case (the path is the case's)"


def test_no_such_file_words(tmp_path: Path) -> None:
    from kennisveiligheid._commandline import NoSuchFile, load_tree

    with pytest.raises(FileNotFoundError) as caught:
        load_tree(str(tmp_path / "geen.yaml"))
    error = caught.value
    assert isinstance(error, NoSuchFile)
    assert str(error).startswith("[DT109] no tree file '")
    assert str(error).endswith("geen.yaml' (give a path, or 'reference')")
    dutch = error.render("nl")
    assert dutch.startswith("[DT109] het beslisboombestand '")
    assert dutch.endswith("geen.yaml' bestaat niet (geef een pad, of 'reference')")
    _no_english_left("DT109.tree_file", dutch)


_TABLE = """\
id: t
label: {nl: T, en: T}
hit_policy: UNIQUE
colour: red
inputs:
  - {id: age, type: integer, label: {nl: L, en: A}}
  - {id: risk, type: enum, values: [Low, High], label: {nl: R, en: R}}
  - {id: ok, type: boolean, label: {nl: O, en: O}}
  - {type: boolean, label: {nl: X, en: X}}
outputs:
  - {id: n, type: number, label: {nl: N, en: N}}
  - {id: b, type: boolean, label: {nl: B, en: B}}
  - {id: s, type: string, label: {nl: S, en: S}}
rows:
  - {when: {age: 1.5, risk: [Hgh], ok: [3]}, then: {n: abc, b: 3, s: 4}}
  - {when: {age: 2}, then: {n: .nan, b: true, s: x}}
  - 7
"""


def test_table_files_read_in_dutch() -> None:
    from decision_trees.tables import TableLoadError, load_table

    with pytest.raises(TableLoadError) as caught:
        load_table(_TABLE)
    problems = [p for p in caught.value.problems if p.key is not None]
    keys = {p.key for p in problems}
    expected = {"DT111.key", "DT110.key", "DT112.mapping", "DT805.number", "DT805.boolean", "DT805.text"}
    expected |= {"DT106.finite", "DT803.type", "DT803.integer", "DT803.value"}
    assert expected <= keys, keys
    for problem in problems:
        assert problem.key is not None
        _no_english_left(problem.key, problem.text("nl"))
    english = str(caught.value)
    assert "unknown key 'colour'" in english
    assert "'Hgh' is not a declared value (Low, High) (did you mean 'High'?)" in english
    dutch = caught.value.render("nl")
    assert dutch.startswith("beslistabel: ")
    assert english.startswith("table: ")
    assert "'Hgh' is geen van de gedeclareerde waarden (Low, High) (bedoelt u 'High'?)" in dutch


_TABLE_SHAPES = """\
id: t
label: {nl: T, en: T}
hit_policy: UNIQUE
aggregation: SUM
inputs:
  - {id: a, type: number, label: {nl: A, en: A}}
  - {id: a, type: colour, label: {nl: A, en: A}}
  - {id: e, type: enum, label: {nl: E, en: E}}
  - {id: f, type: boolean, values: [x], label: {nl: F, en: F}}
  - {id: g, type: string, values: [x], label: {nl: G, en: G}}
  - {id: h, type: enum, values: [x, x, 3], label: {nl: H, en: H}}
outputs:
  - {id: o, type: string, values: [y], default: z, label: {nl: O, en: O}}
  - {id: p, type: string, label: {nl: P, en: P}}
rows:
  - {id: r, when: {b: x}, then: {o: q, p: x, w: 1}}
  - {id: r, when: [x], then: {o: y}}
  - {when: 3, then: y}
"""


def test_table_shapes_read_in_dutch() -> None:
    from decision_trees.tables import TableLoadError, load_table

    keys: set[str] = set()
    for text in (_TABLE, _TABLE_SHAPES, _TABLE_SHAPES.replace("rows:\n", "rows: 3\nx:\n")):
        with pytest.raises(TableLoadError) as caught:
            load_table(text)
        for problem in caught.value.problems:
            if problem.key is not None:
                keys.add(problem.key)
                _no_english_left(problem.key, problem.text("nl"))
    table_keys = {k for k in ERRORS if k.split(".")[0] in ("DT804", "DT805", "DT806", "DT807")}
    assert len(keys & table_keys) >= 8, sorted(keys)
    assert {"DT113.column_type", "DT110.enum_values", "DT112.twice", "DT807.row", "DT804.cells"} <= keys


def test_knowledge_security_problems_of_partners_read_in_dutch(tmp_path: Path) -> None:
    import partner_criteria as pc
    from partner_criteria.knowledge_security import assess_case, from_record
    from partner_criteria.models import KnowledgeSecurityRecord

    errors = []
    with pytest.raises(pc.KnowledgeSecurityError) as caught:
        assess_case(tmp_path / "absent.yaml")
    errors.append(caught.value)
    record = KnowledgeSecurityRecord.model_validate(
        {"outcome": "maybe", "date": "2025-01-01", "tree_hash": "sha256:" + "1" * 64}
    )
    with pytest.raises(pc.KnowledgeSecurityError) as caught:
        from_record(record)
    errors.append(caught.value)
    assert [e.key for e in errors] == ["PC300.no_case", "PC300.outcome"]
    for error in errors:
        assert error.key is not None
        assert str(error) == error_text(error.key, "en", dict(error.facts))
        _no_english_left(error.key, error.render("nl"))
    assert "is geen uitkomst van beslisboom" in errors[1].render("nl")


def test_a_table_file_that_is_not_a_mapping_reads_in_dutch() -> None:
    from decision_trees.tables import TableLoadError, load_table

    with pytest.raises(TableLoadError) as caught:
        load_table("- 1\n- 2\n")
    (problem,) = caught.value.problems
    assert problem.says("en") == "a table file holds a mapping at the top"
    assert problem.says("nl") == "een tabelbestand begint met een mapping (sleutels met waarden)"
    with pytest.raises(TableLoadError) as caught:
        load_table("id: t\n" + "x" * 100, max_bytes=10)
    (problem,) = caught.value.problems
    assert problem.key == "DT101.text"
    _no_english_left("DT101.text", problem.says("nl"))


def test_a_failing_dot_is_said_in_dutch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import sys

    from decision_trees.rendering import RenderError, render

    fake = tmp_path / "dot"
    fake.write_text(
        f"#!{sys.executable}\nimport sys\nsys.stderr.write('syntax error in line 1')\nsys.exit(1)\n"
    )
    fake.chmod(0o755)
    monkeypatch.setattr("shutil.which", lambda name: str(fake))
    with pytest.raises(RenderError) as caught:
        render(decision_trees.load(ROOT / "tests" / "trees" / "small.yaml"))
    assert str(caught.value) == "dot failed (exit 1): syntax error in line 1"
    dutch = caught.value.render("nl")
    assert dutch == "het Graphviz-programma 'dot' gaf een fout (exitcode 1): syntax error in line 1"


def _no_english_word_left(english: str, dutch: str) -> None:
    """No word of four letters or more of ``english`` (outside options, paths and codes) is in
    ``dutch``; the same check as :func:`_no_english_left`, for lines that are not one catalogue key."""
    skip = (
        r"^kennisveiligheid(?: [a-z]+)?:|'[^']*'|`[^`]*`|\{[^}]*\}|\([^)]*_[^)]*\)"
        r"|--?[a-z-]+|\S*/\S*|\[[A-Z]+\d+\]"
    )
    words = (
        set(re.findall(r"\b[a-z]{4,}\b", re.sub(skip, " ", english)))
        - _KEYWORDS
        - {"kennisveiligheid", "xlsx", "durable"}
    )
    left = sorted(w for w in words if re.search(rf"\b{w}\b", re.sub(skip, " ", dutch)))
    assert not left, (left, dutch)


_EXAMPLES = Path(__file__).parent.parent / "examples"


def _both(
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *,
    by_locale: bool = False,
) -> dict[str, str]:
    """The standard error of ``argv`` in each language (``--lang``, or the locale where the command
    has no ``--lang``); both runs exit with 2."""
    from kennisveiligheid.cli import main

    said: dict[str, str] = {}
    for lang in ("nl", "en"):
        if by_locale:
            monkeypatch.setenv("LC_ALL", "nl_NL.UTF-8" if lang == "nl" else "C")
            assert main(argv) == 2
        else:
            assert main([*argv, "--lang", lang]) == 2
        said[lang] = capsys.readouterr().err.strip()
    return said


def test_assess_and_reviews_say_xlsx_needs_a_file_in_dutch(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    table = _both(["assess", str(_EXAMPLES), "--format", "xlsx"], capsys, monkeypatch)
    assert table["en"] == "kennisveiligheid: error: an xlsx table is written to a file: give -o FILE"
    assert (
        table["nl"]
        == "kennisveiligheid: fout: een xlsx-tabel wordt naar een bestand geschreven: geef -o BESTAND"
    )
    register = str(_EXAMPLES / "partners" / "register.yaml")
    report = _both(["reviews", register, "--format", "xlsx"], capsys, monkeypatch)
    assert (
        report["en"] == "kennisveiligheid reviews: error: an xlsx report is written to a file: give -o FILE"
    )
    assert report["nl"].startswith("kennisveiligheid reviews: fout: een xlsx-rapport wordt")
    for said in (table, report):
        _no_english_word_left(said["en"], said["nl"])


def test_export_and_dmn_say_a_missing_file_in_the_locales_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = str(tmp_path / "missing.yaml")
    export = _both(["export", missing, "--durable"], capsys, monkeypatch, by_locale=True)
    assert export["en"].startswith("kennisveiligheid export: error: "), export["en"]
    assert export["nl"].startswith("kennisveiligheid export: fout: "), export["nl"]
    dmn = _both(
        ["dmn", "import", str(tmp_path / "missing.dmn"), "-o", str(tmp_path / "out.yaml")],
        capsys,
        monkeypatch,
        by_locale=True,
    )
    assert dmn["en"] != dmn["nl"]
    for said in (export, dmn):
        _no_english_word_left(said["en"], said["nl"])
        assert not re.search(r"\berror\b", said["nl"]), said["nl"]


def test_ask_says_an_overlong_answer_in_dutch(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import io
    import sys

    from kennisveiligheid.cli import main
    from kennisveiligheid.commands.ask import MAX_LINE

    monkeypatch.chdir(tmp_path)
    said: dict[str, str] = {}
    for lang in ("nl", "en"):
        monkeypatch.setattr(sys, "stdin", io.StringIO("x" * (MAX_LINE + 10) + "\n"))
        assert main(["ask", "--lang", lang]) == 2
        said[lang] = capsys.readouterr().err
    assert f"[DT101] an answer longer than {MAX_LINE} characters" in said["en"]
    assert "kennisveiligheid: error: " in said["en"]
    assert f"[DT101] een antwoord van meer dan {MAX_LINE} tekens" in said["nl"], said["nl"]
    assert "kennisveiligheid: fout: " in said["nl"]
    _no_english_left("DT101.answer", said["nl"])
    assert not re.search(r"\berror\b", said["nl"]), said["nl"]


_DMN_BROKEN = """<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d">
  <decision id="a" name="a">
    <decisionTable id="t" hitPolicy="SOMETIMES">
      <input id="i1"><inputExpression id="e1" typeRef="string"><text>x + 1</text></inputExpression></input>
      <output id="o1" name="out" typeRef="date"/>
      <rule id="r1"><inputEntry id="c1"><text>"a"</text></inputEntry></rule>
    </decisionTable>
  </decision>
  <businessKnowledgeModel id="b" name="b"/>
</definitions>"""


@pytest.mark.parametrize(
    "source",
    [
        _DMN_BROKEN,
        "<definitions",
        '<definitions xmlns="urn:other"/>',
        "<!DOCTYPE x [<!ENTITY e 'x'>]><x>&e;</x>",
    ],
)
def test_dmn_import_problems_keep_their_facts_and_read_in_dutch(source: str, tmp_path: Path) -> None:
    from decision_trees.tables import TableLoadError, from_dmn

    with pytest.raises(TableLoadError) as caught:
        from_dmn(source)
    assert caught.value.problems
    for problem in caught.value.problems:
        assert problem.key is not None, problem
        assert problem.code in {"DT820", "DT821", "DT822", "DT823"}, problem
        assert problem.says("en") == error_text(problem.key, "en", dict(problem.facts))
        _no_english_left(problem.key, problem.says("nl"))


def test_a_missing_dmn_file_is_said_in_dutch(tmp_path: Path) -> None:
    from decision_trees.tables import TableLoadError, from_dmn

    missing = tmp_path / "missing.dmn"
    with pytest.raises(TableLoadError) as caught:
        from_dmn(missing)
    assert "cannot read the file: [Errno 2] No such file or directory" in str(caught.value)
    dutch = caught.value.render("nl")
    assert "[DT109] het bestand bestaat niet" in dutch, dutch
    assert "No such file" not in dutch


def test_a_stored_decision_that_does_not_match_is_said_in_dutch() -> None:
    import json

    tree = decision_trees.load(Path(__file__).parent / "trees" / "small.yaml")
    case = {"formal": True, "areas": ["ai"], "risk": "unknown", "budget": 5}
    stored = tree.evaluate(case).to_json()
    changed = decision_trees.load({**tree.to_dict(), "version": "2"})
    tampered = json.loads(stored)
    tampered["path"] = ["formal", "out"]
    errors = []
    for text, against in (("{not json", tree), ("{}", tree), (stored, changed), (json.dumps(tampered), tree)):
        with pytest.raises(decision_trees.DecisionMismatchError) as caught:
            decision_trees.Decision.from_json(text, against)
        errors.append(caught.value)
    assert [e.key for e in errors] == ["DT210.not_stored", "DT210.not_stored", "DT210.tree", "DT210.path"]
    assert str(errors[2]).startswith("the decision was made with tree 'small' version '1'")
    assert str(errors[3]).startswith("the tree now takes path ['formal', ")
    assert str(errors[3]).endswith(" where the record has ['formal', 'out']")
    assert errors[3].render("nl").startswith("de beslisboom volgt nu het pad ['formal', ")
    for error in errors:
        assert error.key is not None
        _no_english_left(error.key, error.render("nl"))


def test_table_node_problems_keep_their_facts_and_read_in_dutch() -> None:
    import yaml

    table_tree = Path(__file__).parent / "trees" / "table_node.yaml"
    mistakes: list[Callable[[dict[str, Any]], object]] = [
        lambda t: t.update(hit_policy="UNIQUE"),
        lambda t: t.pop("else"),
        lambda t: t.update(hit_policy="COLLECT"),
        lambda t: t.update(hit_policy="PRIORITY"),
        lambda t: t.update(priority=["go"]),
        lambda t: t["rows"][1].update(id="low-small"),
        lambda t: t["rows"][1].update(id="high risk"),
        lambda t: t["rows"][1].update(when={}),
        lambda t: t["rows"][1]["when"].update(country={"equals": "x"}),
        lambda t: t["rows"][1]["when"].update(risk={"rule": "x"}),
        lambda t: t["rows"][1]["when"].update(risk={"input": "budget", "equals": 3}),
        lambda t: t["rows"][1].update(colour="red"),
        lambda t: t.pop("text"),
    ]
    seen: set[str] = set()
    for change in mistakes:
        data = yaml.safe_load(table_tree.read_text(encoding="utf-8"))
        change(data["nodes"]["weigh"])
        with pytest.raises(decision_trees.TreeLoadError) as caught:
            decision_trees.load(data)
        for problem in caught.value.problems:
            if problem.code.startswith("DT84"):
                assert problem.key is not None, problem
                assert problem.says("en") == error_text(problem.key, "en", dict(problem.facts))
                _no_english_left(problem.key, problem.says("nl"))
                seen.add(problem.code)
    assert seen == {f"DT84{i}" for i in range(7)}


def test_what_a_dmn_table_cannot_say_reads_in_dutch(tmp_path: Path) -> None:
    import yaml

    from decision_trees.tables import TableLoadError
    from decision_trees.tables.trees import tree_tables

    tree = Path(__file__).parent / "trees" / "table_node_dmn.yaml"
    data = yaml.safe_load(tree.read_text(encoding="utf-8"))
    data["inputs"]["risk"]["allow_unknown"] = True
    path = tmp_path / "unknown.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(TableLoadError) as caught:
        tree_tables(path)
    (problem,) = caught.value.problems
    assert problem.key == "DT850.unknown"
    assert problem.message == "input 'risk' allows 'unknown', which a DMN table cannot say"
    assert problem.says("nl") == "invoer 'risk' staat 'unknown' toe, wat een DMN-tabel niet kan uitdrukken"
    _no_english_left(problem.key, problem.says("nl"))


def test_a_table_a_tree_cannot_route_on_reads_in_dutch() -> None:
    from decision_trees.tables import TableLoadError, load_table
    from decision_trees.tables.trees import tree_from_table

    collect = load_table(
        {
            "id": "score",
            "hit_policy": "ANY",
            "inputs": [{"id": "k", "type": "integer"}],
            "outputs": [{"id": "points", "type": "number"}],
            "rows": [{"when": {"k": "> 1"}, "then": 2}, {"when": {"k": "-"}, "then": 1}],
        }
    )
    with pytest.raises(TableLoadError) as caught:
        tree_from_table(collect)  # a value table, but its catch-all row would be a default under ANY
    english = [p.message for p in caught.value.problems]
    assert english == [
        "table 'score': a row matching everything is a default only under FIRST, not ANY",
    ]
    for problem in caught.value.problems:
        assert problem.key == "DT850.table"
        dutch = problem.says("nl")
        assert dutch.startswith("tabel 'score': "), dutch
        _no_english_left(str(dict(problem.facts)["reason_key"]), dutch)


def test_an_unreadable_table_cell_quotes_the_parser_and_reads_in_dutch() -> None:
    from decision_trees.tables import TableLoadError, load_table

    table = {
        "id": "t",
        "inputs": [{"id": "kind", "type": "string"}],
        "outputs": [{"id": "out", "type": "string"}],
        "rows": [{"when": {"kind": "not a test ("}, "then": "x"}],
    }
    with pytest.raises(TableLoadError) as caught:
        load_table(table)
    (problem,) = [p for p in caught.value.problems if p.code == "DT802"]
    assert problem.key == "DT802.unary"
    assert problem.message.startswith("'not a test (' is not a supported unary test: ")
    reason = str(dict(problem.facts)["reason"])
    dutch = problem.says("nl")
    assert dutch.startswith("'not a test (' is geen ondersteunde unaire toets: "), dutch
    assert reason in dutch  # the parser's own reason, quoted
    _no_english_left(problem.key, dutch.replace(reason, ""))
    assert problem.advice("en") == "write text in quotes: '\"not a test (\"', or as a list: [not a test (]"
    assert (
        problem.advice("nl")
        == "schrijf tekst tussen aanhalingstekens: '\"not a test (\"', of als lijst: [not a test (]"
    )


def test_criteria_parameters_and_shape_keep_their_facts_and_read_in_dutch() -> None:
    import partner_criteria as pc
    from partner_criteria.assessment import _tree
    from partner_criteria.criteria import Criteria

    errors: list[decision_trees.DecisionTreeError] = []
    for call in (
        lambda: pc.criteria_tree(0),
        lambda: pc.criteria_tree(True),
        lambda: pc.criteria_data(objective_7=1),
        lambda: _tree(pc.criteria_tree(), 2),
        lambda: Criteria(decision_trees.load(Path(__file__).parent / "trees" / "small.yaml")),
    ):
        with pytest.raises((pc.ParameterError, pc.CriteriaShapeError)) as caught:
            call()
        errors.append(caught.value)
    assert [e.key for e in errors] == [
        "PC100.range",
        "PC100.whole",
        "PC100.unknown",
        "PC100.both",
        "PC110.shape",
    ]
    assert str(errors[1]) == "objective_1_min_subpoints must be a whole number, not True"
    assert errors[1].render("nl") == "objective_1_min_subpoints moet een geheel getal zijn, niet True"
    assert str(errors[4]).startswith("tree 'small' is not a criteria tree: input ")
    assert errors[4].render("nl").startswith("beslisboom 'small' is geen criteriaboom: invoer ")
    for error in errors:
        assert error.key is not None
        dutch = error.render("nl")
        _no_english_left(error.key, dutch)
        for key in ("PC110.input", "PC110.outcome", "PC110.rule"):
            _no_english_left(key, dutch)


def test_a_bad_review_policy_keeps_its_facts_and_reads_in_dutch() -> None:
    import partner_criteria as pc
    from partner_criteria.reviews import ReviewPolicy

    errors = []
    for bad in ({"monitoring_years": 0}, {"due_soon_days": -1}, {"ks_window_days": 10}):
        with pytest.raises(pc.ParameterError) as caught:
            ReviewPolicy(**bad)
        errors.append(caught.value)
    assert [e.key for e in errors] == ["PC100.review_years", "PC100.review_negative", "PC100.review_window"]
    assert str(errors[1]) == "lead time and due-soon window cannot be negative"
    assert (
        errors[1].render("nl") == "de voorlooptijd en de termijn voor 'binnenkort' kunnen niet negatief zijn"
    )
    for error in errors:
        assert error.key is not None
        _no_english_left(error.key, error.render("nl"))
