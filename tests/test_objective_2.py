"""Objective 2 measured in volume, quality and breadth (annex 2; issue 13)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import partner_criteria as pc
from decision_trees import Rule
from partner_criteria.models import MEASURE_IDS, OBJECTIVE_IDS, PREREQUISITE_IDS, SUBPOINT_IDS

ROOT = Path(__file__).resolve().parent.parent
OTHER_OBJECTIVES = OBJECTIVE_IDS[1:]  # objectives 3-6


def partner_data(
    research: Any = None, synergy: Any = (), objectives: Any = (), ks: str | None = "go"
) -> dict[str, Any]:
    evidence: dict[str, Any] = dict.fromkeys((*synergy, *objectives), "recorded")
    if research is not None:
        evidence["joint_research"] = research
    data: dict[str, Any] = {
        "id": "p",
        "name": "Example University",
        "country": "XB",
        "city": "Harbourside",
        "type": "university",
        "partnership": {"category": "strategic"},
        "evidence": evidence,
        "prerequisites": dict.fromkeys(PREREQUISITE_IDS, True),
    }
    if ks is not None:
        hash_ = "sha256:" + "0" * 64
        data["knowledge_security"] = {
            "outcome": ks,
            "date": "2025-01-01",
            "tree_hash": hash_,
            "permitted": True,
            "desirable": True,
        }
    return data


@settings(max_examples=300, deadline=None)
@given(
    k=st.integers(1, len(SUBPOINT_IDS)),
    n=st.integers(1, len(MEASURE_IDS)),
    synergy=st.frozensets(st.sampled_from(SUBPOINT_IDS)),
    others=st.frozensets(st.sampled_from(OTHER_OBJECTIVES)),
    measures=st.frozensets(st.sampled_from(MEASURE_IDS)),
    older=st.booleans(),
)
def test_at_least_three_of_six_with_objective_2_by_measure(
    k: int,
    n: int,
    synergy: frozenset[str],
    others: frozenset[str],
    measures: frozenset[str],
    older: bool,
) -> None:
    research: dict[str, Any] = {m: [f"{m} evidence"] for m in measures}
    if older:
        research["unclassified"] = ["older one-list evidence"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        partner = pc.parse_partner(partner_data(research, synergy, others))
    a = pc.assess(partner, objective_1_min_subpoints=k, objective_2_min_measures=n)
    objective_2 = len(measures) >= n or older
    expected = {"objective_1"} if len(synergy) >= k else set()
    expected |= {"objective_2"} if objective_2 else set()
    expected |= {f"objective_{i}" for i, o in enumerate(OBJECTIVE_IDS, start=2) if o in others}
    assert set(a.objectives_met) == expected
    assert (a.outcome_id == "not_eligible") is (len(expected) < 3)
    # more evidence on a measure never takes objective 2 away
    for m in MEASURE_IDS:
        more = {**research, m: [f"{m} evidence"]}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            richer = pc.parse_partner(partner_data(more, synergy, others))
        assert set(a.objectives_met) <= set(
            pc.assess(richer, objective_1_min_subpoints=k, objective_2_min_measures=n).objectives_met
        )


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_parameter_sets_at_least_and_the_note_says_the_policy_is_silent(n: int) -> None:
    tree = pc.criteria_tree(objective_2_min_measures=n)
    for node_id in ("objective_2_measures", "objective_2"):
        node = tree.nodes[node_id]
        assert isinstance(node, Rule)
        note = node.note
        assert note is not None
        assert f"at least {n} of the 3 measures" in note.en
        assert f"ten minste {n} van de 3 maatstaven" in note.nl
        assert "does not say" in note.en
        assert "zegt niet" in note.nl
    assert pc.parameters()["objective_2_min_measures"].default == pc.DEFAULT_OBJECTIVE_2_MIN_MEASURES == 2


@pytest.mark.parametrize("bad", [0, 4, -1, True, "2"])
def test_a_parameter_out_of_range_is_a_coded_error(bad: Any) -> None:
    with pytest.raises(pc.ParameterError) as info:
        pc.criteria_tree(objective_2_min_measures=bad)
    assert info.value.code == "PC100"
    assert "objective_2_min_measures" in str(info.value)
    with pytest.raises(pc.ParameterError, match="not both"):
        pc.assess(pc.parse_partner(partner_data()), tree=pc.criteria_tree(), objective_2_min_measures=2)


def test_the_assessment_shows_the_measures_in_both_languages() -> None:
    research = {"volume": ["Three joint proposals"], "breadth": ["Two faculties"]}
    a = pc.assess(pc.parse_partner(partner_data(research, ("quality",), ("financial", "exchange"))))
    assert "objective_2" in a.objectives_met
    en, nl = a.explain("en", trace=False), a.explain("nl", trace=False)
    assert "(2 of 3 measures, 2 needed: volume ✓, quality ✗, breadth ✓)" in en
    assert "(2 van 3 maatstaven, 2 nodig: volume ✓, kwaliteit ✗, breedte ✓)" in nl
    data = a.to_dict(trace=False)["objectives"]["objective_2"]
    assert data["met"] == ["volume", "breadth"]
    assert (data["min_measures"], data["measures"], data["unclassified"]) == (2, 3, False)
    assert "volume, quality and breadth" in data["note"]["en"]
    one = pc.assess(pc.parse_partner(partner_data({"volume": "Three joint proposals"})))
    assert "objective_2" in one.objectives_not_met
    trace = one.explain("en")
    assert "Annex 2 measures objective 2" in trace


def test_older_one_list_evidence_counts_as_before_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(
        "id: old\nname: Old\ncountry: XB\ncity: C\ntype: university\n"
        "partnership: {category: strategic}\n"
        "evidence: {joint_research: [One joint publication], financial: x, exchange: y}\n",
        encoding="utf-8",
    )
    with pytest.warns(DeprecationWarning, match=r"old\.yaml, partner old: evidence for objective 2"):
        partner = pc.load_partner(path)
    a = pc.assess(partner)
    assert set(a.objectives_met) == {"objective_2", "objective_3", "objective_5"}
    assert "older shape (one list) still counts" in a.explain("en", trace=False)
    assert "oudere vorm (één lijst) telt nog mee" in a.explain("nl", trace=False)


def test_the_register_csv_has_a_column_per_measure_and_reads_the_older_column() -> None:
    research = {"volume": ["Three proposals", "Two projects"], "quality": "Peer reviewed"}
    partner = pc.parse_partner(partner_data(research, ks=None))
    text = pc.partners_to_csv([partner])
    header = text.splitlines()[0].split(",")
    for m in MEASURE_IDS:
        assert f"evidence_joint_research_{m}" in header
    assert "Three proposals | Two projects" in text
    (back,) = pc.partners_from_csv(text).partners
    assert back == partner
    older = text.replace("Three proposals | Two projects,Peer reviewed,", ",,")
    i = header.index("evidence_joint_research")
    rows = older.splitlines()
    cells = rows[1].split(",")
    cells[i] = "One joint publication"
    with pytest.warns(DeprecationWarning, match="evidence for objective 2"):
        (old,) = pc.partners_from_csv("\n".join([rows[0], ",".join(cells)]) + "\n").partners
    assert old.evidence.joint_research.unclassified == ("One joint publication",)
    assert old.evidence.joint_research.measures() == frozenset()


def test_a_misspelt_measure_is_a_coded_error_with_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "partner.yaml"
    path.write_text(
        "id: p\nname: P\ncountry: XB\ncity: C\ntype: university\n"
        "partnership: {category: strategic}\n"
        "evidence:\n  joint_research:\n    volumen: [Three proposals]\n",
        encoding="utf-8",
    )
    with pytest.raises(pc.PartnerFileError) as info:
        pc.load_partner(path)
    text = str(info.value)
    assert info.value.code == "PC200"
    assert "partner.yaml" in text
    assert "evidence.joint_research.volumen" in text
    assert "line 9" in text
    assert "did you mean 'volume'?" in text


def test_the_example_register_records_objective_2_by_measure_and_decides_as_before() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no older shapes or ids left in the examples
        register = pc.load_register(ROOT / "examples" / "partners" / "register.yaml")
    research = [p.evidence.joint_research for p in register.partners]
    assert all(not r.unclassified for r in research)
    assert sum(1 for r in research if len(r.measures()) >= 2) >= 9


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_engine_verifies_the_tree_for_every_value_of_the_parameter(n: int) -> None:
    import decision_trees

    report = decision_trees.verify(pc.criteria_tree(objective_2_min_measures=n))
    assert report.ok, str(report)
    assert not report.findings  # no answer that matters to nothing, no gap
    assert str(report).count(": holds [exact]") == 6  # evidence_never_hurts covers the measures


def test_the_portfolio_csv_names_the_measures_of_objective_2() -> None:
    import csv
    import datetime as dt
    import io

    report = pc.portfolio(ROOT / "examples" / "partners" / "register.yaml", dt.date(2026, 3, 1))
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(report.to_csv()))}
    assert rows["harbourside"]["objective_2_measures"] == "volume;quality;breadth"
    assert rows["fjordheim"]["objective_2_measures"] == "volume;breadth"
    nl = list(csv.reader(io.StringIO(report.to_csv("nl"))))
    column = nl[0].index("doelstelling_2_maatstaven")
    assert {row[column] for row in nl[1:]} >= {"volume;kwaliteit;breedte", "volume;breedte"}
