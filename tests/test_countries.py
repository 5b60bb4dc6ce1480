"""Country codes and names: ISO 3166-1 through pycountry, user-assigned codes, the institution's names."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import kennisveiligheid as kv
import partner_criteria as pc
from kennisveiligheid.cli import main
from kennisveiligheid.countries import (
    country_label,
    country_names,
    is_country_code,
    is_user_assigned,
)
from kennisveiligheid.lists import country_source
from partner_criteria.countries import country_label as partner_country_label

ROOT = Path(__file__).resolve().parent.parent
EXCHANGE = ROOT / "examples" / "humanities-student-exchange.yaml"
LISTS = ROOT / "kennisveiligheid" / "data" / "samples" / "institution_lists.yaml"
CURRENT = sorted(str(c.alpha_2) for c in pycountry.countries)
WITHDRAWN = sorted({str(c.alpha_2) for c in pycountry.historic_countries} - set(CURRENT))


def _case(country: str, **partner: Any) -> dict[str, Any]:
    """The humanities exchange with another partner country; the country's risk is left unknown,
    so no test states anything about a real country."""
    data = yaml.safe_load(EXCHANGE.read_text(encoding="utf-8"))
    data["partner"] = {**data["partner"], "country": country, **partner}
    data["answers"]["country_risk"] = "unknown"
    data.pop("expected_outcome", None)
    return dict(data)


# ----------------------------------------------------------------------------------------------
# Codes


def test_withdrawn_codes_are_refused_and_say_so() -> None:
    assert {"AN", "YU", "CS"} <= set(WITHDRAWN)
    for code in ("AN", "YU", "CS", "an"):
        assert not is_country_code(code.upper())
        with pytest.raises(kv.CountryCodeError) as info:
            kv.country_code(code)
        assert info.value.code == "KV130"
        assert isinstance(info.value, ValueError)
        assert "withdrawn" in str(info.value)
        assert info.value.withdrawn
        assert info.value.suggestions == ()
    with pytest.raises(kv.CountryCodeError) as antilles:
        kv.country_code("AN")
    assert "Netherlands Antilles / Nederlandse Antillen, withdrawn 2010-12-15" in str(antilles.value)
    # CS was withdrawn twice: both meanings are named
    with pytest.raises(kv.CountryCodeError, match=r"Czechoslovakia.*Serbia and Montenegro"):
        kv.country_code("CS")


def test_reassigned_historic_codes_keep_their_current_meaning() -> None:
    # BY was the Byelorussian SSR and is Belarus now; the current meaning holds
    assert kv.country_code("BY") == "BY"
    assert kv.country_name("BY", "en") == "Belarus"


def test_user_assigned_codes_are_accepted_and_unnamed_by_default() -> None:
    for code in ("AA", "QM", "QZ", "XA", "XK", "XZ", "ZZ"):
        assert is_user_assigned(code)
        assert kv.country_code(code.lower()) == code
        assert kv.country_name(code, "nl") == code
        assert kv.country_name(code, "en") == code
    for code in ("QL", "ZY", "AB", "NL"):
        assert not is_user_assigned(code)
    assert not is_country_code("AB")


def test_every_current_code_has_names_in_both_languages() -> None:
    assert len(CURRENT) >= 249
    for code in CURRENT:
        assert kv.country_code(code.lower()) == code
        for lang in ("nl", "en"):
            name = kv.country_name(code, lang)
            assert name, (code, lang)
            assert name != code, (code, lang)


def test_each_name_leads_back_to_its_code() -> None:
    for code in CURRENT:
        for lang in ("nl", "en"):
            name = kv.country_name(code, lang)
            with pytest.raises(kv.CountryCodeError) as info:
                kv.country_code(name)
            assert info.value.suggestions[0] == code, (code, lang, name, info.value.suggestions)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Spain", "ES"),
        ("Spanje", "ES"),
        ("spanje ", "ES"),
        ("ESP", "ES"),
        ("Nederland", "NL"),
        ("Netherlands", "NL"),
        ("Kingdom of the Netherlands", "NL"),
        ("Duitsland", "DE"),
        ("Zuid-Korea", "KR"),
        ("Ivoorkust", "CI"),
        ("Cote d'Ivoire", "CI"),
        ("Spian", "ES"),
    ],
)
def test_did_you_mean_on_names_and_codes(text: str, code: str) -> None:
    with pytest.raises(kv.CountryCodeError) as info:
        kv.country_code(text)
    assert info.value.suggestions[0] == code
    assert not info.value.withdrawn
    assert code in str(info.value)
    assert "ISO 3166" in str(info.value)


def test_a_word_of_several_names_suggests_them_all() -> None:
    with pytest.raises(kv.CountryCodeError) as info:
        kv.country_code("Korea")
    assert set(info.value.suggestions) == {"KR", "KP"}


@given(st.text(max_size=12))
def test_country_code_either_accepts_or_raises_a_coded_error(text: str) -> None:
    if is_country_code(text.strip().upper()):
        assert kv.country_code(text) == text.strip().upper()
        return
    with pytest.raises(kv.CountryCodeError) as info:
        kv.country_code(text)
    assert all(is_country_code(s) and not is_user_assigned(s) for s in info.value.suggestions)


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2))
def test_two_letters_are_a_code_exactly_when_current_or_user_assigned(code: str) -> None:
    assert is_country_code(code) == (code in CURRENT or is_user_assigned(code))


# ----------------------------------------------------------------------------------------------
# Names


def test_names_in_dutch_and_english() -> None:
    assert kv.country_name("ES") == "Spanje"  # Dutch by default
    assert kv.country_name("es", "en") == "Spain"
    assert kv.country_name("NL", "nl") == "Nederland"
    assert kv.country_name("KR", "nl") == "Zuid-Korea"  # the common name where pycountry has one
    assert kv.country_name("KR", "en") == "South Korea"
    assert kv.country_name("Norway", "nl") == "Norway"  # not a code: as given
    assert country_label("ES", "nl") == "Spanje (ES)"
    assert country_label("XE", "nl") == "XE"
    assert country_label("Norway", "en") == "Norway"


def test_the_institution_names_its_user_assigned_codes() -> None:
    lists = kv.load_lists(LISTS)
    assert kv.country_name("XE", "nl", lists) == "Oostmark"
    assert kv.country_name("xe", "en", lists) == "Eastmark"
    assert kv.country_name("XA", "nl", lists) == "XA"  # not named: the code
    assert kv.country_name("ES", "nl", lists) == "Spanje"
    named = {"code": "XE", "name": {"nl": "Oostmark", "en": "Eastmark"}, "from": "institution"}
    assert country_names("XE", lists) == named
    assert country_names("ES", lists)["from"] == "iso"
    assert country_names("XA", lists)["from"] == "code"


def test_the_institution_cannot_rename_an_iso_country_or_use_a_bad_code() -> None:
    names = {"ES": {"nl": "Iberië", "en": "Iberia"}, "Spanje": {"nl": "x", "en": "x"}}
    with pytest.raises(kv.ListsError) as info:
        kv.load_lists({"country_names": names})
    text = str(info.value)
    assert info.value.code == "KV110"
    assert "[KV130] 'Spanje' is not an ISO 3166-1 alpha-2 country code; use ES" in text
    with pytest.raises(kv.ListsError, match="only user-assigned codes"):
        kv.load_lists({"country_names": {"ES": {"nl": "Iberië", "en": "Iberia"}}})
    with pytest.raises(kv.ListsError, match=r"country_names\.XQ\.en"):
        kv.load_lists({"country_names": {"XQ": {"nl": "Eigen groep"}}})


def test_the_source_names_pycountry_and_its_version() -> None:
    source = country_source()
    version = metadata.version("pycountry")
    assert source.section == f"pycountry {version}"
    assert "ISO 3166-1" in source.title
    assert "International Organization for Standardization" in source.publisher
    year, month, day = (int(part) for part in version.split(".")[:3])
    assert (source.date.year % 100, source.date.month, source.date.day) == (year % 100, month, day)


def test_importing_the_package_does_not_import_pycountry() -> None:
    code = "import sys, kennisveiligheid, partner_criteria; print('pycountry' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_no_country_data_ships_by_hand() -> None:
    data = ROOT / "kennisveiligheid" / "data"
    assert not list(data.rglob("iso3166*"))


# ----------------------------------------------------------------------------------------------
# Cases and reports


def test_a_case_with_a_country_name_gets_the_code_to_use(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(_case("Spanje")), encoding="utf-8")
    with pytest.raises(kv.CaseError) as info:
        kv.load_case(path)
    assert info.value.code == "KV100"
    assert info.value.problems == (
        "partner.country: [KV130] 'Spanje' is not an ISO 3166-1 alpha-2 country code; "
        "use ES (Spanje / Spain)",
    )


def test_a_case_with_a_withdrawn_code_is_refused() -> None:
    with pytest.raises(kv.CaseError, match=r"partner.owner_country: \[KV130\] 'YU' is a withdrawn"):
        kv.assess(_case("ES", owner="O", owner_country="YU"))


def test_the_report_names_the_country_in_the_readers_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(_case("es", owner="Owner", owner_country="NL")), encoding="utf-8")
    main(["assess", str(path), "--lang", "nl"])
    out = capsys.readouterr().out
    assert "University of Eastport (Spanje, ES)" in out
    assert "land buiten Nederland: Spanje (ES)" in out
    main(["assess", str(path), "--lang", "en", "--format", "markdown"])
    assert "University of Eastport (Spain, ES)" in capsys.readouterr().out
    main(["assess", str(path), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["case"]["partner"]["country"] == "ES"  # the case keeps its code
    assert data["countries"] == [
        {"code": "ES", "name": {"nl": "Spanje", "en": "Spain"}, "from": "iso"},
        {"code": "NL", "name": {"nl": "Nederland", "en": "Netherlands"}, "from": "iso"},
    ]
    assert data["country_source"]["section"] == f"pycountry {metadata.version('pycountry')}"


def test_assess_the_exchange_example_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    # a user-assigned code shows as the code, or with the institution's own name
    main(["assess", str(EXCHANGE), "--lang", "nl"])
    assert "University of Eastport (XE)" in capsys.readouterr().out
    main(["assess", str(EXCHANGE), "--lang", "nl", "--lists", str(LISTS)])
    out = capsys.readouterr().out
    assert "University of Eastport (Oostmark, XE)" in out
    assert "Oostmark (XE) niet op 'Countries that need extra attention (sample)'" in out


def test_ask_suggests_the_code_for_a_country_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # the answers so far are saved to a recovery file here
    lines = ["Some University", "Spanje", "AN", "es"]  # then end of input
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
    assert main(["ask", "--lang", "nl", "--lists", str(LISTS)]) == 2
    out = capsys.readouterr().out
    assert "Geen ISO 3166-landcode (twee letters). Bedoelt u ES (Spanje)?" in out
    assert "Deze ISO 3166-code is ingetrokken; geef de huidige code." in out
    assert "Spanje (ES) niet op" in out


# ----------------------------------------------------------------------------------------------
# Partner and review reports


def _partner(country: str) -> dict[str, Any]:
    return {
        "id": "p",
        "name": "Partner University",
        "country": country,
        "city": "City",
        "type": "university",
        "partnership": {"category": "exchange"},
    }


def test_partner_reports_show_code_and_name() -> None:
    assessment = pc.assess(_partner("ES"))
    assert "Partner University (City, Spanje (ES))" in assessment.explain("nl")
    assert "Partner University (City, Spain (ES))" in assessment.explain("en")
    data = assessment.to_dict(trace=False)["partner"]
    assert data["country"] == "ES"
    assert data["country_name"] == {"nl": "Spanje", "en": "Spain"}
    # fictional codes and free text stay as they are
    assert "(City, XB)" in pc.assess(_partner("XB")).explain("en")
    assert partner_country_label("Norway", "nl") == "Norway"


def test_the_portfolio_table_has_code_and_name(tmp_path: Path) -> None:
    register = tmp_path / "register.yaml"
    register.write_text(yaml.safe_dump({"partners": [_partner("DE")]}), encoding="utf-8")
    report = pc.portfolio(register)
    rows = list(csv.DictReader(io.StringIO(report.to_csv("nl"))))
    assert (rows[0]["land"], rows[0]["landnaam"]) == ("DE", "Duitsland")  # Dutch columns in Dutch
    assert rows[0]["naam"] == "Partner University"
    assert "Partner University (City, Germany (DE))" in report.to_text("en")
