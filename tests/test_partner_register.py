"""Partner files, registers (YAML and CSV), the portfolio report and the example register."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import partner_criteria as pc
from partner_criteria.models import (
    CATEGORIES,
    FORMS,
    INSTITUTION_TYPES,
    MEASURE_IDS,
    OBJECTIVE_IDS,
    PREREQUISITE_IDS,
    SUBPOINT_IDS,
)
from partner_criteria.portfolio import CSV_REPORT_COLUMNS, csv_headers
from partner_criteria.reviews import STATES

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "partners"
REGISTER_YAML = EXAMPLES / "register.yaml"
REGISTER_CSV = EXAMPLES / "register.csv"
ON = dt.date(2026, 3, 1)


# -- the example register ----------------------------------------------------------------------


def test_yaml_and_csv_registers_hold_the_same_partners() -> None:
    from_yaml = pc.load_register(REGISTER_YAML)
    from_csv = pc.load_register(REGISTER_CSV)
    assert len(from_yaml.partners) >= 10
    assert from_yaml.partners == from_csv.partners
    assert REGISTER_CSV.read_text(encoding="utf-8") == pc.partners_to_csv(from_yaml.partners, EXAMPLES)


def test_example_register_covers_every_outcome_and_review_state() -> None:
    report = pc.portfolio(REGISTER_YAML, ON)
    outcomes = {e.assessment.outcome_id for e in report.entries}
    assert outcomes == set(pc.criteria_tree().outcomes)
    states = {i.state for e in report.entries for i in e.reviews.items}
    assert states == set(STATES)
    statuses = {e.assessment.knowledge_security.status for e in report.entries}
    assert statuses == {"clear", "pending", "blocked", None}
    categories = {e.partner.partnership.category for e in report.entries}
    assert categories == set(CATEGORIES)


def test_report_is_sorted_by_urgency() -> None:
    report = pc.portfolio(REGISTER_YAML, ON)
    keys = [e.urgency for e in report.entries]
    assert keys == sorted(keys)
    first = report.entries[0]
    assert first.reviews.most_urgent.state == "overdue"
    assert report.entries[-1].reviews.most_urgent.state == "not_applicable"


def test_leap_day_partner_in_the_example() -> None:
    report = pc.portfolio(REGISTER_YAML, ON)
    hillcrest = next(e for e in report.entries if e.partner.id == "hillcrest")
    assert hillcrest.reviews.item("monitoring").due == dt.date(2025, 2, 28)
    assert hillcrest.reviews.item("evaluation").due == dt.date(2026, 2, 28)
    assert hillcrest.assessment.outcome_id == "not_eligible"
    assert hillcrest.assessment.needs == 2


def test_text_report_in_both_languages() -> None:
    report = pc.portfolio(REGISTER_YAML, ON)
    en, nl = report.to_text("en"), report.to_text("nl")
    assert en.startswith("Portfolio report 2026-03-01 — 13 partners")
    assert nl.startswith("Portfoliorapportage 2026-03-01 — 13 partners")
    assert "needs 2 more of: objective 1, 2, 3, 4, 6" in en
    assert "nodig: nog 2 van: doelstelling 1, 2, 3, 4, 6" in nl
    assert "monitoring: overdue, 2025-02-28 (366 days late)" in en
    assert "evaluatie: te laat, 2026-02-28 (1 dag te laat)" in nl
    assert "monitoring: due, 2026-03-01 (today)" in en


def test_json_report_shape() -> None:
    report = pc.portfolio(REGISTER_YAML, ON)
    data = json.loads(report.to_json(indent=2))
    assert list(data) == ["report", "partners"]
    assert data["report"]["partners"] == len(data["partners"]) == 13
    assert data["report"]["criteria"]["objective_1_min_subpoints"] == 3
    assert data["report"]["policy"]["ks_lead_days"] == 90
    first = data["partners"][0]
    assert first["rank"] == 1
    assert [i["kind"] for i in first["reviews"]] == [
        "monitoring",
        "evaluation",
        "strategy_review",
        "knowledge_security",
    ]
    assert "decision" not in first
    assert sum(data["report"]["summary"]["outcomes"].values()) == 13


def test_csv_report_shape() -> None:
    report = pc.portfolio(REGISTER_YAML, ON)
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert list(rows[0]) == list(CSV_REPORT_COLUMNS)
    assert [int(r["rank"]) for r in rows] == list(range(1, 14))
    greenquay = next(r for r in rows if r["id"] == "greenquay")
    assert (greenquay["urgency"], greenquay["next_review"], greenquay["next_due"], greenquay["days"]) == (
        "due",
        "monitoring",
        "2026-03-01",
        "0",
    )
    assert greenquay["knowledge_security"] == "clear"  # out_of_scope counts as clear
    nl = list(csv.DictReader(io.StringIO(report.to_csv("nl"))))
    assert nl[0]["uitkomst_tekst"] != rows[0]["outcome_label"]  # Dutch column names in Dutch (issue 11)
    assert list(nl[0]) == list(csv_headers("nl"))


def test_objective_1_parameter_changes_the_report() -> None:
    strict = pc.portfolio(REGISTER_YAML, ON, objective_1_min_subpoints=5)
    lenient = pc.portfolio(REGISTER_YAML, ON, objective_1_min_subpoints=1)
    met = {e.partner.id: len(e.assessment.objectives_met) for e in strict.entries}
    for entry in lenient.entries:
        assert len(entry.assessment.objectives_met) >= met[entry.partner.id]
    assert strict.criteria.objective_1_min_subpoints == 5


# -- partner files -----------------------------------------------------------------------------


def test_candidate_files_load() -> None:
    candidates = sorted(EXAMPLES.glob("candidate-*.yaml"))
    assert 1 <= len(candidates) <= 2
    for path in candidates:
        partner = pc.load_partner(path)
        assert partner.partnership.start is None


def test_a_misspelt_key_is_an_error_that_names_it(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "id: x\nname: X\ncountry: Norway\ncity: Oslo\ntype: university\n"
        "partnership: {category: strategic, strat: 2024-01-01}\n",
        encoding="utf-8",
    )
    with pytest.raises(pc.PartnerFileError) as info:
        pc.load_partner(path)
    assert info.value.code == "PC200"
    assert "partnership.strat" in str(info.value)


def test_yaml_12_booleans_keep_country_codes_as_text(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "id: x\nname: X\ncountry: NO\ncity: Oslo\ntype: university\npartnership: {category: exchange}\n",
        encoding="utf-8",
    )
    assert pc.load_partner(path).country == "NO"


def test_missing_file_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(pc.PartnerFileError, match="no such file"):
        pc.load_partner(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(pc.PartnerFileError, match="not valid YAML"):
        pc.load_partner(bad)


def test_register_errors_list_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "partners:\n"
        "  - {id: a, name: A, country: C, city: X, type: university, partnership: {category: nope}}\n"
        "  - {id: b, name: B, country: C, city: X, type: school, partnership: {category: exchange}}\n",
        encoding="utf-8",
    )
    with pytest.raises(pc.PartnerFileError) as info:
        pc.load_register(path)
    assert len(info.value.problems) == 2
    assert "partners[0] (a)" in info.value.problems[0]
    assert "partners[1] (b)" in info.value.problems[1]


def test_duplicate_ids_and_unknown_csv_columns(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    row = "{id: a, name: A, country: C, city: X, type: university, partnership: {category: exchange}}"
    path.write_text(f"partners:\n  - {row}\n  - {row}\n", encoding="utf-8")
    with pytest.raises(pc.PartnerFileError, match="more than once"):
        pc.load_register(path)
    with pytest.raises(pc.PartnerFileError, match="unknown column 'colour'"):
        pc.partners_from_csv("id,name,country,city,type,category,colour\n")
    with pytest.raises(pc.PartnerFileError, match="line 2"):
        pc.partners_from_csv("id,name,country,city,type,category\na,A,C,X,university,exchange,extra\n")


def test_csv_reports_unknown_prerequisites() -> None:
    text = (
        "id,name,country,city,type,category,prerequisites\n"
        "a,A,C,X,university,exchange,board_commitment;magic\n"
    )
    with pytest.raises(pc.PartnerFileError, match="magic"):
        pc.partners_from_csv(text)


def test_case_paths_are_resolved_against_the_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "p.yaml"
    path.write_text(
        "id: x\nname: X\ncountry: C\ncity: Y\ntype: university\npartnership: {category: exchange}\n"
        "knowledge_security: {case: ../case.yaml}\n",
        encoding="utf-8",
    )
    partner = pc.load_partner(path)
    assert partner.knowledge_security is not None
    assert partner.knowledge_security.case == tmp_path / "case.yaml"


@pytest.mark.parametrize(
    "record",
    [
        {},
        {"case": "a.yaml", "outcome": "go", "date": "2025-01-01", "tree_hash": "sha256:" + "0" * 64},
        {"outcome": "go"},
        {"outcome": "go", "date": "2025-01-01", "tree_hash": "md5:abc"},
    ],
)
def test_knowledge_security_record_must_be_a_case_or_a_full_outcome(record: dict[str, Any]) -> None:
    with pytest.raises(pc.PartnerFileError):
        pc.parse_partner(
            {
                "id": "x",
                "name": "X",
                "country": "C",
                "city": "Y",
                "type": "university",
                "partnership": {"category": "exchange"},
                "knowledge_security": record,
            }
        )


# -- round trip over generated partners --------------------------------------------------------

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20).map(
    lambda s: s.strip() or "x"
)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


@st.composite
def partners(draw: st.DrawFn, index: int = 0) -> pc.Partner:
    start = draw(st.one_of(st.none(), dates))
    end = draw(st.one_of(st.none(), st.dates(min_value=start + dt.timedelta(days=1)))) if start else None
    after = (
        st.one_of(st.none(), st.dates(min_value=start, max_value=dt.date(2045, 1, 1))) if start else st.none()
    )
    items = st.lists(text.filter(lambda s: "|" not in s), max_size=2)
    evidence: dict[str, Any] = {k: draw(items) for k in (*SUBPOINT_IDS, *OBJECTIVE_IDS)}
    evidence["joint_research"] = {m: draw(items) for m in MEASURE_IDS}  # objective 2 by measure
    return pc.parse_partner(
        {
            "id": f"p{index}",
            "name": draw(text),
            "country": draw(text),
            "city": draw(text),
            "type": draw(st.sampled_from(INSTITUTION_TYPES)),
            "partnership": {
                "category": draw(st.sampled_from(CATEGORIES)),
                "forms": draw(st.lists(st.sampled_from(FORMS), unique=True)),
                "start": start,
                "agreement_end": end,
            },
            "evidence": evidence,
            "prerequisites": {k: draw(st.booleans()) for k in PREREQUISITE_IDS},
            "history": {"last_monitoring": draw(after), "last_evaluation": draw(after)},
        }
    )


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(st.lists(partners(), min_size=1, max_size=5))
def test_csv_round_trip(items: list[pc.Partner]) -> None:
    items = [p.model_copy(update={"id": f"p{i}"}) for i, p in enumerate(items)]
    back = pc.partners_from_csv(pc.partners_to_csv(items))
    assert back.partners == tuple(items)


def test_every_csv_column_has_a_dutch_and_an_english_header() -> None:
    from partner_criteria.portfolio import CSV_REPORT_COLUMNS, csv_headers

    assert csv_headers("en") == CSV_REPORT_COLUMNS
    dutch = csv_headers("nl")
    assert len(set(dutch)) == len(CSV_REPORT_COLUMNS)
    assert "strategie_evaluatie_status" in dutch
