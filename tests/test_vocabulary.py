"""The shared vocabulary of forms of collaboration and partner categories (issue 13)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kennisveiligheid as kv
import partner_criteria as pc
from partner_criteria.models import CATEGORIES, FORMS

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("/work/shared/sources/000_2fa57c4ae7bb8672.txt")
OLD_FORMS = sorted(kv.DEPRECATED_FORMS)


def partner_data(forms: list[str], category: str = "strategic") -> dict[str, Any]:
    return {
        "id": "p1",
        "name": "Partner One",
        "country": "XA",
        "city": "Somewhere",
        "type": "university",
        "partnership": {"category": category, "forms": forms},
    }


def test_one_vocabulary_for_both_packages() -> None:
    voc = kv.vocabulary()
    assert tuple(t.id for t in voc.forms) == kv.COLLABORATION_FORMS == FORMS
    assert tuple(t.id for t in voc.categories) == kv.PARTNER_CATEGORIES == CATEGORIES
    # the case model and the partner model accept exactly the shared forms
    for form in kv.COLLABORATION_FORMS:
        assert kv.Collaboration(forms=(form,)).forms == (form,)
        assert pc.parse_partner(partner_data([form])).partnership.forms == (form,)


def test_every_term_has_provenance_and_two_labels() -> None:
    voc = kv.vocabulary()
    for term in (*voc.forms, *voc.categories):
        assert term.source in voc.sources
        assert term.label.nl != term.id
        assert term.label.en != term.id
        assert term.provenance in ("direct", "adapted", "synthesis")
        if term.provenance != "direct":
            assert term.note is not None, term.id
    # the seed's own order and wording: the seven forms it lists, exchange split by direction
    assert (
        voc.label("form", "international_project_or_module", "nl")
        == "Internationale projecten en onderwijsmodules"
    )
    assert voc.term("form", "exchange_inbound").broader == "exchange"


@pytest.mark.skipif(not SEED.exists(), reason="the seed policy text is not on this machine")
def test_every_quote_is_in_the_seed() -> None:
    text = re.sub(r"\s+", " ", SEED.read_text(encoding="utf-8"))
    for term in (*kv.vocabulary().forms, *kv.vocabulary().categories):
        assert term.quote in text, term.id


def test_a_direct_term_needs_no_note_but_an_adapted_one_does() -> None:
    with pytest.raises(ValueError, match="needs a note"):
        kv.Term.model_validate(
            {"id": "x", "label": {"nl": "x", "en": "x"}, "quote": "x", "source": "s", "provenance": "adapted"}
        )


@pytest.mark.parametrize("old", OLD_FORMS)
def test_an_old_form_reads_with_a_warning_naming_the_new_term(old: str) -> None:
    new = kv.DEPRECATED_FORMS[old]
    with pytest.warns(DeprecationWarning, match=f"'{old}' is now called '{new}'"):
        assert kv.canonical_form(old) == new
    with pytest.warns(DeprecationWarning, match=f"partner p1: the form '{old}' is now called '{new}'"):
        partner = pc.parse_partner(partner_data(["exchange", old]), source="register.yaml")
    assert partner.partnership.forms == ("exchange", new)
    with pytest.warns(DeprecationWarning, match=new):
        case = kv.Collaboration(forms=(old,))  # type: ignore[arg-type]
    assert case.forms == (new,)


def test_an_old_form_in_a_case_file_names_the_file(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "sanctioned-funder.yaml").read_text(encoding="utf-8")
    assert "international_project_or_module" in text
    old = tmp_path / "old.yaml"
    old.write_text(
        text.replace("international_project_or_module", "international_projects"), encoding="utf-8"
    )
    with pytest.warns(DeprecationWarning, match=r"old\.yaml: the form 'international_projects'"):
        old_case = kv.load_case(old)
    new_case = kv.load_case(ROOT / "examples" / "sanctioned-funder.yaml")
    assert old_case == new_case
    assert kv.assess(old_case).outcome_id == kv.assess(new_case).outcome_id


def test_an_old_form_in_a_csv_register_reads_as_before() -> None:
    csv_text = (ROOT / "examples" / "partners" / "register.csv").read_text(encoding="utf-8")
    assert ";joint_double_degree," in csv_text
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new = pc.partners_from_csv(csv_text)
    with pytest.warns(DeprecationWarning, match="joint_double_degree"):
        old = pc.partners_from_csv(csv_text.replace(";joint_double_degree,", ";joint_degree,"))
    assert old == new
    # and the register writes the new id
    assert ";joint_degree," not in pc.partners_to_csv(old.partners)


def test_an_unknown_form_or_category_is_a_coded_error_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(pc.PartnerFileError) as info:
        pc.parse_partner(partner_data(["joint_reserch"], category="strategc"), source="p.yaml")
    text = str(info.value)
    assert "p.yaml" in text
    assert "did you mean 'joint_research'?" in text
    assert "did you mean 'strategic'?" in text
    case = tmp_path / "case.yaml"
    case.write_text("forms: [joint_research, exchange_in]\n", encoding="utf-8")
    with pytest.raises(kv.CaseError, match=r"(?s)KV100.*forms\.1.*exchange_inbound"):
        kv.load_case(case)


def test_labels_come_from_the_vocabulary_in_the_assessment() -> None:
    partner = pc.load_partner(ROOT / "examples" / "partners" / "candidate-northvale.yaml")
    a = pc.assess(partner)
    assert "preferred partner van een faculteit of kenniscentrum" in a.explain("nl")
    assert "preferred partner of a faculty or research centre" in a.explain("en")


@given(st.lists(st.sampled_from([*kv.COLLABORATION_FORMS, *OLD_FORMS]), unique=True))
def test_old_and_new_ids_read_the_same(forms: list[str]) -> None:
    new = [kv.DEPRECATED_FORMS.get(f, f) for f in forms]
    if len(set(new)) != len(new):
        return  # an old id beside its new one is a repeat, refused either way
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        old_case = kv.Collaboration.model_validate({"forms": forms})
        old_partner = pc.parse_partner(partner_data(forms))
    assert old_case.forms == tuple(new)
    assert old_partner == pc.parse_partner(partner_data(new))
    assert kv.prepare(old_case).answers == kv.prepare(kv.Collaboration.model_validate({"forms": new})).answers


@pytest.mark.parametrize("page", ["vocabulary.md", "vocabulary.nl.md"])
def test_the_docs_list_every_term_and_older_id(page: str) -> None:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    voc = kv.vocabulary()
    for term in (*voc.forms, *voc.categories):
        assert f"| `{term.id}` | {term.label.get('nl' if page.endswith('.nl.md') else 'en')}" in text
    for old, new in kv.DEPRECATED_FORMS.items():
        assert f"| `{old}` | `{new}`" in text


def test_the_committee_document_has_a_short_label_for_every_form() -> None:
    from kennisveiligheid.document import _FORMS

    assert tuple(_FORMS) == kv.COLLABORATION_FORMS
