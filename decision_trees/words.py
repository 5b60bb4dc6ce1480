"""The interface words of every output (explanations, reports, documents, the command line).

One catalogue, keyed by a short English id, with one entry per language. To add a language, add
its code to :data:`LANGUAGES` and a translation to every entry here (a test checks that none is
missing). Words of a tree (questions, labels, outcomes) are data in the tree file, not here.

Size: this module is long on purpose: it is data (every interface word and error text in every
language, kept in one place so that a missing translation is one test away), not logic.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from decision_trees.model import Lang


__all__ = ["ERRORS", "LANGUAGES", "WORDS", "check_lang", "environment_lang", "error_text", "word"]

#: The languages every entry of :data:`WORDS` has.
LANGUAGES: Final[tuple[Lang, ...]] = ("nl", "en")

WORDS: Final[Mapping[str, Mapping[Lang, str]]] = {
    # -- answers and verdicts
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "none": {"nl": "geen", "en": "none"},
    "unknown": {"nl": "onbekend", "en": "unknown"},
    "not_assessed": {"nl": "niet beoordeeld", "en": "not assessed"},
    "not_asked": {"nl": "niet gevraagd", "en": "not asked"},
    "holds": {"nl": "geldt", "en": "holds"},
    "table_result": {"nl": "Uitkomst van de tabel {table}", "en": "Result of the table {table}"},
    "table_gives": {"nl": "levert op", "en": "gives"},
    "table_always": {
        "nl": "Rij die voor elk geval geldt (elke kolom '-') levert op",
        "en": "Row that holds in every case (every column '-') gives",
    },
    "table_results": {"nl": "Uitkomsten van de tabellen", "en": "Table results"},
    "table_column": {"nl": "Tabel", "en": "Table"},
    "table_value": {"nl": "Uitkomst", "en": "Result"},
    "table_null": {"nl": "geen waarde", "en": "no value"},
    "table_empty": {"nl": "geen rij van toepassing", "en": "no row applies"},
    "aggregation_sum": {"nl": "som", "en": "sum"},
    "aggregation_min": {"nl": "minimum", "en": "minimum"},
    "aggregation_max": {"nl": "maximum", "en": "maximum"},
    "aggregation_count": {"nl": "aantal", "en": "count"},
    "fails": {"nl": "geldt niet", "en": "does not hold"},
    "otherwise": {"nl": "geen van de genoemde antwoorden", "en": "none of the listed answers"},
    "not": {"nl": "niet", "en": "not"},
    "and": {"nl": "en", "en": "and"},
    "of_listed": {"nl": "{k} van de {n} in de lijst", "en": "{k} of the {n} listed"},
    "chosen": {"nl": "{k} gekozen", "en": "{k} chosen"},
    "and_more": {"nl": "en nog {k}", "en": "and {k} more"},
    # -- provenance of a source citation
    "direct": {"nl": "letterlijk", "en": "direct"},
    "adapted": {"nl": "vrij weergegeven", "en": "adapted"},
    "synthesis": {"nl": "eigen synthese", "en": "synthesis"},
    # -- headings and labels
    "decision": {"nl": "Besluit", "en": "Decision"},
    "error": {"nl": "fout", "en": "error"},
    "cli.path_only": {
        "nl": "--path-only vraagt om --case (het pad is dat van de casus)",
        "en": "--path-only needs --case (the path is the case's)",
    },
    "cli.binary": {
        "nl": "{format} is binair: schrijf het naar een bestand met -o BESTAND",
        "en": "{format} is binary: write it to a file with -o FILE",
    },
    "cli.xlsx_table": {
        "nl": "een xlsx-tabel wordt naar een bestand geschreven: geef -o BESTAND",
        "en": "an xlsx table is written to a file: give -o FILE",
    },
    "cli.xlsx_report": {
        "nl": "een xlsx-rapport wordt naar een bestand geschreven: geef -o BESTAND",
        "en": "an xlsx report is written to a file: give -o FILE",
    },
    "cli.cannot_save": {"nl": "kan niet opslaan in {path}", "en": "cannot save to {path}"},
    "cli.dmn_none": {
        "nl": "[DT850] {source}: geen beslissing om te importeren; noem er een met --decision ({ids})",
        "en": "[DT850] {source}: no decision to import; name one with --decision ({ids})",
    },
    "cli.dmn_several": {
        "nl": "[DT850] {source}: meerdere beslissingen om te importeren; noem er een met --decision ({ids})",
        "en": "[DT850] {source}: several decisions to import; name one with --decision ({ids})",
    },
    "outcome": {"nl": "Uitkomst", "en": "Outcome"},
    "report": {"nl": "Besluitrapport", "en": "Decision report"},
    "tree": {"nl": "Beslisboom", "en": "Tree"},
    "version": {"nl": "versie", "en": "version"},
    "fingerprint": {"nl": "vingerafdruk", "en": "fingerprint"},
    "severity": {"nl": "zwaarte", "en": "severity"},
    "exit_code": {"nl": "exitcode", "en": "exit code"},
    "permitted": {"nl": "Toegestaan", "en": "Permitted"},
    "desirable": {"nl": "Wenselijk", "en": "Desirable"},
    "why": {"nl": "Waarom", "en": "Why"},
    "why_steps": {"nl": "Waarom, stap voor stap", "en": "Why, step by step"},
    "measures": {"nl": "Maatregelen", "en": "Measures"},
    "next_steps": {"nl": "Vervolgstappen", "en": "Next steps"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "notes": {"nl": "Opmerkingen", "en": "Notes"},
    "note": {"nl": "Let op", "en": "Note"},
    "question": {"nl": "Vraag", "en": "Question"},
    "answer": {"nl": "Antwoord", "en": "Answer"},
    "answer_or_result": {"nl": "Antwoord of uitkomst", "en": "Answer or result"},
    "way": {"nl": "Gekozen tak", "en": "Way taken"},
    "step": {"nl": "Stap", "en": "Step"},
    "path": {"nl": "Gevolgd pad", "en": "Path taken"},
    "answers_used": {"nl": "Gebruikte antwoorden", "en": "Answers used"},
    "derived": {"nl": "Afgeleide antwoorden", "en": "Derived answers"},
    "case": {"nl": "Casus", "en": "Case"},
    "partner": {"nl": "Partner", "en": "Partner"},
    "country": {"nl": "Land", "en": "Country"},
    "owner": {"nl": "Eigenaar", "en": "Owner"},
    "forms": {"nl": "Vorm van samenwerking", "en": "Form of collaboration"},
    "funding": {"nl": "Financiering", "en": "Funding"},
    "description": {"nl": "Omschrijving", "en": "Description"},
    "date": {"nl": "Datum", "en": "Date"},
    "page": {"nl": "pagina", "en": "page"},
    "of": {"nl": "van", "en": "of"},
    "generated": {"nl": "Gemaakt met decision_trees", "en": "Generated by decision_trees"},
    "partial": {
        "nl": "Alleen het pad en de knooppunten ernaast zijn getekend.",
        "en": "Only the path and the nodes next to it are drawn.",
    },
    "no_dot": {
        "nl": "Het diagram kon hier niet worden getekend: het Graphviz-programma 'dot' is niet geïnstalleerd",
        "en": "The diagram could not be drawn here because the Graphviz program 'dot' is not installed",
    },
    "install": {"nl": "installeer het met", "en": "install it with"},
    "dot_source": {"nl": "De tekening als DOT-tekst", "en": "The drawing as DOT text"},
    # -- the committee document
    "committee_document": {
        "nl": "Besluitdocument kennisveiligheid",
        "en": "Knowledge-security decision document",
    },
    "advice": {"nl": "Uitkomst van de beslisboom", "en": "Outcome of the decision tree"},
    "established_by_path": {
        "nl": "zoals vastgesteld langs het gevolgde pad",
        "en": "as established along the path taken",
    },
    "drawing": {"nl": "Het gevolgde pad", "en": "The path taken"},
    "drawing_caption": {
        "nl": "Alleen de stappen van dit besluit; de nummers zijn die van ‘Waarom’.",
        "en": "Only the steps of this decision; the numbers are those under ‘Why’.",
    },
    "drawing_part": {
        "nl": "Het gevolgde pad, deel {k} van {n} (de stappen staan hierboven als tekst)",
        "en": "The path taken, part {k} of {n} (the steps are listed above as text)",
    },
    "because": {"nl": "omdat", "en": "because"},
    "all_passed": {
        "nl": "Alle toetsen op dit punt zijn doorstaan.",
        "en": "Every check at this point was passed.",
    },
    "people_decision": {"nl": "Besluit van de commissie", "en": "The committee's decision"},
    "people_decision_adviser": {"nl": "Besluit van de adviseur", "en": "The adviser's decision"},
    "verdict": {"nl": "Besluit", "en": "Decision"},
    "decided_on": {"nl": "Datum van het besluit", "en": "Date of the decision"},
    "decided_by": {"nl": "Besloten door", "en": "Decided by"},
    "reasons": {"nl": "Motivering", "en": "Reasons"},
    "names": {"nl": "Namen", "en": "Names"},
    "missing": {"nl": "Ontbrekende informatie", "en": "Missing information"},
    "signature": {"nl": "Handtekening", "en": "Signature"},
    "to_fill_in": {
        "nl": "In te vullen door de commissie; de uitkomst van de beslisboom hierboven blijft staan.",
        "en": "To be filled in by the committee; the tree's outcome above stands beside it.",
    },
    "for_committee": {"nl": "ter beoordeling door de commissie", "en": "for the committee to judge"},
    "for_adviser": {"nl": "ter beoordeling door de adviseur", "en": "for the adviser to judge"},
    "adviser": {"nl": "de adviseur kennisveiligheid", "en": "the knowledge-security adviser"},
    "committee": {"nl": "de commissie kennisveiligheid", "en": "the knowledge-security committee"},
    # -- the questionnaire in the terminal (kennisveiligheid ask)
    "ask.intro": {
        "nl": "Beantwoord de vragen; typ ? voor hulp, u voor onbekend, b om terug te gaan.",
        "en": "Answer the questions; type ? for help, u for unknown, b to go back.",
    },
    "ask.unknown": {"nl": "onbekend", "en": "unknown"},
    "ask.none": {"nl": "geen van deze", "en": "none of these"},
    "ask.several": {
        "nl": "Meerdere antwoorden: nummers gescheiden door spaties of komma's; 0 voor geen.",
        "en": "Several answers: numbers separated by spaces or commas; 0 for none.",
    },
    "ask.not_allowed": {
        "nl": "Deze vraag moet worden beantwoord; 'onbekend' is hier niet mogelijk.",
        "en": "This question needs an answer; 'unknown' is not allowed here.",
    },
    "ask.not_understood": {
        "nl": "Niet begrepen: {answer!r}. Kies een van de nummers, of typ ? voor hulp.",
        "en": "Not understood: {answer!r}. Choose one of the numbers, or type ? for help.",
    },
    "ask.one_only": {"nl": "Kies maar één optie.", "en": "Choose one option only."},
    "ask.nothing_back": {"nl": "Dit is de eerste vraag.", "en": "This is the first question."},
    "ask.back_to": {"nl": "Terug naar de vorige vraag.", "en": "Back to the previous question."},
    "ask.no_help": {"nl": "Geen verdere hulp bij deze vraag.", "en": "No further help for this question."},
    "ask.sources": {"nl": "Bronnen", "en": "Sources"},
    "ask.eof": {
        "nl": "de invoer stopte vóór het besluit; er is niets bewaard",
        "en": "input ended before a decision; nothing was saved",
    },
    "ask.partner_name": {"nl": "Naam van de partner", "en": "Partner's name"},
    "ask.partner_country": {
        "nl": "Land van de partner (ISO 3166-code, bv. DE)",
        "en": "Partner's country (ISO 3166 code, e.g. DE)",
    },
    "ask.bad_country": {
        "nl": "Geen ISO 3166-landcode (twee letters).",
        "en": "Not an ISO 3166 country code (two letters).",
    },
    "ask.withdrawn_country": {
        "nl": "Deze ISO 3166-code is ingetrokken; geef de huidige code.",
        "en": "This ISO 3166 code has been withdrawn; give the current code.",
    },
    "ask.did_you_mean": {"nl": "Bedoelt u {codes}?", "en": "Did you mean {codes}?"},
    "ask.required": {"nl": "Een antwoord is nodig.", "en": "An answer is needed."},
    "ask.from_lists": {"nl": "Uit de lijsten van de instelling", "en": "From the institution's lists"},
    "ask.saved": {"nl": "Antwoorden bewaard in {path}", "en": "Saved the answers to {path}"},
    "ask.value_prompt": {"nl": "Uw antwoord", "en": "Your answer"},
    "ask.eof_saved": {
        "nl": "de invoer stopte vóór het besluit; de antwoorden tot nu toe staan in {path}. "
        "Ga verder met: kennisveiligheid ask --resume {path}",
        "en": "input ended before a decision; the answers so far are saved in {path}. "
        "Continue with: kennisveiligheid ask --resume {path}",
    },
    "ask.stopped": {
        "nl": "gestopt vóór het besluit; de antwoorden tot nu toe staan in {path}. "
        "Ga verder met: kennisveiligheid ask --resume {path}",
        "en": "stopped before a decision; the answers so far are saved in {path}. "
        "Continue with: kennisveiligheid ask --resume {path}",
    },
    "ask.interrupted": {
        "nl": "gestopt vóór het besluit; er is niets bewaard",
        "en": "stopped before a decision; nothing was saved",
    },
    "ask.resumed": {
        "nl": "Verder met {count} antwoorden uit {path}.",
        "en": "Continuing with {count} answers from {path}.",
    },
    # -- a strategic partner's assessment (partner_criteria)
    "partner.partner": {"nl": "Partner", "en": "Partner"},
    "partner.since": {"nl": "sinds", "en": "since"},
    "partner.trace_legend": {
        "nl": "(? = niet meer bekeken: de regel stond al vast zodra genoeg doelstellingen golden; de "
        "telling van de doelstellingen hierboven bekijkt ze allemaal.)",
        "en": "(? = not evaluated: the rule was settled as soon as enough objectives held; the count "
        "of objectives above looks at every one.)",
    },
    "partner.decided": {"nl": "besluit", "en": "decision"},
    "partner.adviser": {"nl": "adviseur kennisveiligheid", "en": "knowledge-security adviser"},
    "partner.committee": {"nl": "commissie kennisveiligheid", "en": "knowledge-security committee"},
    "partner.candidate": {"nl": "kandidaat", "en": "candidate"},
    "partner.outcome": {"nl": "Uitkomst", "en": "Outcome"},
    "partner.met": {"nl": "Doelstellingen behaald", "en": "Objectives met"},
    "partner.not_met": {"nl": "Doelstellingen niet behaald", "en": "Objectives not met"},
    "partner.of": {"nl": "van", "en": "of"},
    "partner.needed": {"nl": "nodig", "en": "needed"},
    "partner.needs": {"nl": "Nodig: nog {n} van", "en": "Needs {n} more of"},
    "partner.subpoints": {"nl": "subpunten", "en": "sub-points"},
    "partner.note": {"nl": "Let op", "en": "Note"},
    "partner.ks": {"nl": "Kennisveiligheid", "en": "Knowledge security"},
    "partner.recorded": {"nl": "vastgelegd op", "en": "recorded on"},
    "partner.assessed": {"nl": "nu beoordeeld", "en": "assessed now"},
    "partner.given": {"nl": "gegeven besluit", "en": "decision given"},
    "partner.prereq_missing": {
        "nl": "Randvoorwaarden die de instelling nog op orde moet brengen",
        "en": "Prerequisites the institution must still put in place",
    },
    "partner.prereq_ok": {"nl": "Randvoorwaarden: alle op orde", "en": "Prerequisites: all in place"},
    "partner.next_steps": {"nl": "Vervolgstappen", "en": "Next steps"},
    "partner.trace": {"nl": "Afleiding (beslisboom)", "en": "Derivation (decision tree)"},
    "partner.source": {"nl": "Bron", "en": "Source"},
    "partner.objectives": {"nl": "doelstellingen", "en": "objectives"},
    "partner.listed": {"nl": "de ontbrekende", "en": "those missing"},
    "partner.none": {"nl": "geen", "en": "none"},
    # -- what people decided (kennisveiligheid.HumanDecision)
    "verdict.go": {"nl": "doorgaan", "en": "go ahead"},
    "verdict.go_with_measures": {"nl": "doorgaan met maatregelen", "en": "go ahead with measures"},
    "verdict.postpone": {
        "nl": "aanhouden tot de ontbrekende informatie er is",
        "en": "postpone until the missing information is in",
    },
    "verdict.no_go_not_permitted": {
        "nl": "niet doorgaan: niet toegestaan",
        "en": "do not proceed: not permitted",
    },
    "verdict.no_go_not_desirable": {
        "nl": "niet doorgaan: niet wenselijk",
        "en": "do not proceed: not desirable",
    },
    # -- notes and messages of the command line
    "list.countries": {"nl": "landenlijst", "en": "country list"},
    "list.crown_jewels": {"nl": "lijst van kroonjuwelen", "en": "crown-jewel list"},
    "list.watch_list": {"nl": "aandachtslijst", "en": "watch list"},
    "stale_list": {
        "nl": "de {what} is van {date}, meer dan {days} dagen geleden: controleer of die nog klopt",
        "en": "the {what} is dated {date}, more than {days} days ago: check that it is current",
    },
    "expected_outcome": {
        "nl": "het casusbestand verwacht {expected}; de beslisboom besluit {outcome}",
        "en": "the case file expects {expected}; the tree decides {outcome}",
    },
    "cannot_write": {"nl": "kan {path} niet schrijven: {reason}", "en": "cannot write {path}: {reason}"},
    # -- CSV columns of the partner portfolio (English: the column ids themselves)
    "column.rank": {"nl": "volgorde", "en": "rank"},
    "column.id": {"nl": "id", "en": "id"},
    "column.name": {"nl": "naam", "en": "name"},
    "column.country": {"nl": "land", "en": "country"},
    "column.country_name": {"nl": "landnaam", "en": "country_name"},
    "column.category": {"nl": "categorie", "en": "category"},
    "column.outcome": {"nl": "uitkomst", "en": "outcome"},
    "column.outcome_label": {"nl": "uitkomst_tekst", "en": "outcome_label"},
    "column.objectives_met": {"nl": "doelstellingen_behaald", "en": "objectives_met"},
    "column.objectives": {"nl": "doelstellingen", "en": "objectives"},
    "column.objective_2_measures": {"nl": "doelstelling_2_maatstaven", "en": "objective_2_measures"},
    "column.needs": {"nl": "nog_nodig", "en": "needs"},
    "column.knowledge_security": {"nl": "kennisveiligheid", "en": "knowledge_security"},
    "column.missing_prerequisites": {"nl": "ontbrekende_randvoorwaarden", "en": "missing_prerequisites"},
    "column.urgency": {"nl": "urgentie", "en": "urgency"},
    "column.next_review": {"nl": "volgende_evaluatie", "en": "next_review"},
    "column.next_due": {"nl": "volgende_datum", "en": "next_due"},
    "column.days": {"nl": "dagen", "en": "days"},
    "column.monitoring_state": {"nl": "monitoring_status", "en": "monitoring_state"},
    "column.monitoring_due": {"nl": "monitoring_datum", "en": "monitoring_due"},
    "column.evaluation_state": {"nl": "evaluatie_status", "en": "evaluation_state"},
    "column.evaluation_due": {"nl": "evaluatie_datum", "en": "evaluation_due"},
    "column.strategy_review_state": {"nl": "strategie_evaluatie_status", "en": "strategy_review_state"},
    "column.strategy_review_due": {"nl": "strategie_evaluatie_datum", "en": "strategy_review_due"},
    "column.knowledge_security_state": {"nl": "kennisveiligheid_status", "en": "knowledge_security_state"},
    "column.knowledge_security_due": {"nl": "kennisveiligheid_datum", "en": "knowledge_security_due"},
    "input": {"nl": "invoer", "en": "input"},
    "place.line": {"nl": "regel {line}", "en": "line {line}"},
    "place.column": {"nl": ", kolom {column}", "en": ", column {column}"},
    "pdf_missing": {
        "nl": "Een PDF maken vraagt WeasyPrint",
        "en": "Writing a PDF needs WeasyPrint",
    },
    # the drawings' own words (decision_trees._drawing: the common word where it is the same)
    "drawing.otherwise": {"nl": "anders", "en": "otherwise"},
    "drawing.row": {"nl": "rij", "en": "row"},
    "drawing.rows": {"nl": "rijen", "en": "rows"},
    "drawing.uses": {"nl": "gebruikt", "en": "uses"},
    "drawing.answer": {"nl": "antwoord", "en": "answer"},
    "drawing.path_only": {"nl": "pad en omgeving", "en": "path and its neighbourhood"},
    "drawing.permitted": {"nl": "toegestaan", "en": "permitted"},
    "drawing.not_permitted": {"nl": "niet toegestaan", "en": "not permitted"},
    "drawing.known": {"nl": "bekend", "en": "known"},
    "drawing.not": {"nl": "NIET", "en": "NOT"},
    "drawing.and": {"nl": "EN", "en": "AND"},
    "drawing.or": {"nl": "OF", "en": "OR"},
    "drawing.one_of": {"nl": "een van", "en": "one of"},
    "drawing.none_of": {"nl": "geen van", "en": "none of"},
    "drawing.all_of": {"nl": "alle", "en": "all of"},
    "drawing.any_of_n": {"nl": "een van {n}", "en": "one of {n}"},
    "drawing.all_of_n": {"nl": "alle {n}", "en": "all {n}"},
    "drawing.at_least_n": {"nl": "minstens {k} van {n}", "en": "at least {k} of {n}"},
    "drawing.nodes": {"nl": "knooppunten", "en": "nodes"},
    "drawing.each_question": {"nl": "Elke vraag", "en": "Each question"},
    "drawing.questions": {"nl": "Vragen", "en": "Questions"},
    "drawing.conditions": {"nl": "Voorwaarden die de regels gebruiken", "en": "Conditions the rules use"},
    "drawing.condition": {"nl": "Voorwaarde", "en": "Condition"},
    "drawing.holds_when": {"nl": "Geldt als", "en": "Holds when"},
    "drawing.shows_path": {
        "nl": "Alleen het gevolgde pad; de overige takken zijn weggelaten.",
        "en": "Only the path taken; the other branches are left out.",
    },
    "drawing.shows_path_1": {
        "nl": "Alleen het gevolgde pad en de eerste stap van elke zijtak; de rest is weggelaten.",
        "en": "Only the path taken and the first step of each branch off it; the rest is left out.",
    },
    "drawing.shows_path_k": {
        "nl": "Alleen het gevolgde pad en tot {k} stappen langs elke zijtak; de rest is weggelaten.",
        "en": "Only the path taken and up to {k} steps along each branch off it; the rest is left out.",
    },
    "drawing.by_severity": {"nl": "van zwaar naar licht", "en": "from most to least severe"},
}


#: The texts of error messages: one entry per error code (what the code means, used when a message
#: keeps no facts) and one per message (``"DT101.values"``: the code, a dot, which message), filled
#: with the facts the error keeps. English must stay as the messages have always read.
ERRORS: Final[Mapping[str, Mapping[Lang, str]]] = {
    # -- where a problem is, and the list of problems
    "place.node": {"nl": "knooppunt {node!r}:", "en": "node {node!r}:"},
    "place.field": {"nl": "veld {field!r}:", "en": "field {field!r}:"},
    "name.tree": {"nl": "beslisboom", "en": "tree"},
    "name.case": {"nl": "casus", "en": "case"},
    "name.table": {"nl": "beslistabel", "en": "table"},
    "name.lists": {"nl": "lijsten", "en": "lists"},
    "KV101.unanswered": {
        "nl": "de casus beantwoordt de vraag {question!r} niet (invoer {input!r}, gesteld in knooppunt "
        "{node!r}); vul het antwoord in onder 'answers:' (\"unknown\" mag waar iemand het "
        "antwoord niet kan weten)",
        "en": "the case does not answer {question!r} (input {input!r}, asked by node {node!r}); answer it "
        "under 'answers:' (\"unknown\" is allowed where a person may not know)",
    },
    "DT100.found": {"nl": "{count} problemen gevonden", "en": "{count} problems found"},
    "DT100.found_one": {"nl": "1 probleem gevonden", "en": "1 problem found"},
    "DT100.more": {"nl": "… en nog {count}", "en": "… and {count} more"},
    "hint.did_you_mean": {"nl": "bedoelt u {suggestion!r}?", "en": "did you mean {suggestion!r}?"},
    "hint.no_such_path": {
        "nl": "als dit een bestandsnaam moest zijn: dat bestand bestaat niet",
        "en": "if this was meant as a file path: no such file",
    },
    "hint.save_utf8": {"nl": "sla het bestand op als UTF-8", "en": "save it as UTF-8"},
    "hint.cp1252": {
        "nl": "het lijkt Windows-1252 (cp1252), bijvoorbeeld uit Excel; sla het op als 'CSV UTF-8' "
        "of als UTF-8",
        "en": "it looks like Windows-1252 (cp1252), e.g. from Excel; save it as 'CSV UTF-8' or UTF-8",
    },
    # -- what each code means (docs/errors.md says more)
    "DT000": {"nl": "fout in de beslisboombibliotheek", "en": "decision-tree library error"},
    "DT100": {"nl": "de beslisboom bevat fouten", "en": "the tree has problems"},
    "DT101": {"nl": "het bestand of de tekst is te groot", "en": "the file or text is too large"},
    "DT102": {
        "nl": "het bestand is niet te lezen als YAML, JSON of UTF-8-tekst",
        "en": "not valid YAML, JSON or UTF-8 text",
    },
    "DT103": {"nl": "YAML-aliassen (*naam) zijn niet toegestaan", "en": "YAML aliases are not allowed"},
    "DT104": {"nl": "te diep genest", "en": "nested too deeply"},
    "DT105": {"nl": "een sleutel is geen tekst", "en": "a key is not text"},
    "DT106": {"nl": "een getal is niet eindig", "en": "a number is not finite"},
    "DT107": {"nl": "een sleutel staat twee keer in dezelfde lijst", "en": "a key appears twice"},
    "DT108": {"nl": "YAML-tags zijn niet toegestaan", "en": "YAML tags are not allowed"},
    "DT109": {
        "nl": "het bestand is niet te lezen, is leeg of bevat geen mapping",
        "en": "the file cannot be read",
    },
    "DT110": {"nl": "een verplicht veld ontbreekt", "en": "a required key is missing"},
    "DT111": {"nl": "onbekend veld", "en": "unknown key"},
    "DT112": {
        "nl": "de waarde heeft het verkeerde type of valt buiten het bereik",
        "en": "wrong type or out of range",
    },
    "DT113": {
        "nl": "onbekende soort knooppunt of soort invoer",
        "en": "unknown kind of node or type of input",
    },
    "DT120": {"nl": "het startknooppunt bestaat niet", "en": "the start node does not exist"},
    "DT121": {
        "nl": "verwijst naar een knooppunt dat niet bestaat",
        "en": "refers to a node that does not exist",
    },
    "DT122": {
        "nl": "een pad loopt naar een benoemde voorwaarde (een regel zonder then/else)",
        "en": "a path leads to a named condition",
    },
    "DT123": {"nl": "de invoer is niet gedeclareerd", "en": "the input is not declared"},
    "DT124": {
        "nl": "een tak van een vraag toetst een andere invoer dan de vraag stelt; gebruik een regelknooppunt",
        "en": "a branch tests another input than its question",
    },
    "DT125": {
        "nl": "een tak van een vraag verwijst naar een regel; gebruik een regelknooppunt",
        "en": "a branch refers to a rule",
    },
    "DT126": {"nl": "een toets in een regel noemt geen invoer", "en": "a test in a rule names no input"},
    "DT127": {"nl": "verwijst naar een regel die niet bestaat of geen regel is", "en": "not a rule"},
    "DT128": {"nl": "geen tak neemt het antwoord 'onbekend'", "en": "no branch takes 'unknown'"},
    "DT129": {"nl": "'unknown' is gereserveerd voor het antwoord 'onbekend'", "en": "'unknown' is reserved"},
    "DT131": {"nl": "de paden vormen een kringloop", "en": "the paths loop"},
    "DT132": {"nl": "dit knooppunt is vanaf de start niet te bereiken", "en": "the node cannot be reached"},
    "DT133": {
        "nl": "geen pad vanaf dit knooppunt komt bij een uitkomst",
        "en": "no path leads to an outcome",
    },
    "DT134": {
        "nl": "regels verwijzen in een kringloop naar elkaar",
        "en": "rules refer to each other in a loop",
    },
    "DT140": {
        "nl": "een voorwaarde toetst een vrije-tekstinvoer; tekst wordt vastgelegd, er wordt niet op vertakt",
        "en": "a condition tests a free-text input",
    },
    "DT141": {
        "nl": "deze toets past niet bij dit type invoer",
        "en": "the operator does not apply to this input",
    },
    "DT142": {
        "nl": "een waarde in een voorwaarde past niet bij de invoer (niet gedeclareerd, verkeerd "
        "type of grenzen omgedraaid)",
        "en": "a value in a condition does not fit its input",
    },
    "DT143": {
        "nl": "'is_unknown: true' op een invoer die 'onbekend' niet toestaat: dit geldt nooit",
        "en": "is_unknown on an input that does not allow unknown",
    },
    "DT144": {"nl": "het minimum ligt boven het maximum", "en": "minimum above maximum"},
    "DT145": {
        "nl": "de verklaring 'informational' klopt niet met de invoer",
        "en": "informational does not fit the input",
    },
    "DT146": {
        "nl": "een verwachte bevinding klopt niet met de verificatiecodes",
        "en": "an expected finding does not fit the verification codes",
    },
    "DT147": {
        "nl": "een uitkomst heeft geen zwaarte, maar een invariant vergelijkt zwaartes",
        "en": "an outcome has no severity that an invariant compares",
    },
    "DT150": {"nl": "de bron is niet gedeclareerd onder 'sources'", "en": "the source is not declared"},
    "DT160": {"nl": "het bestand is niet veilig te lezen", "en": "the file cannot be read safely"},
    "DT170": {
        "nl": "het bestand kan niet worden geschreven; het oude bestand is ongewijzigd",
        "en": "cannot write the file",
    },
    "DT171": {
        "nl": "de uitvoer zou een van de invoerbestanden van de opdracht overschrijven; kies een andere naam",
        "en": "the output would replace an input",
    },
    "DT200": {"nl": "probleem met de antwoorden", "en": "problem with the answers"},
    "DT201": {
        "nl": "knooppunt {node!r} heeft een antwoord nodig op invoer {input!r}",
        "en": "node {node!r} needs an answer for input {input!r}",
    },
    "DT202": {"nl": "het antwoord past niet bij de vraag", "en": "the answer does not fit its input"},
    "DT203": {
        "nl": "het antwoord past bij geen enkele tak: de beslisboom heeft een gat",
        "en": "no branch matched",
    },
    "DT210": {
        "nl": "het vastgelegde besluit hoort bij een andere beslisboom, of de beslisboom besluit nu anders",
        "en": "the stored decision does not match the tree",
    },
    "DT220": {"nl": "dit is geen uitkomst van de beslisboom", "en": "not an outcome of the tree"},
    "DT230": {"nl": "geen teksten in deze taal", "en": "no texts in this language"},
    "DT300": {
        "nl": "een optioneel pakket of programma is niet geïnstalleerd",
        "en": "an optional package is missing",
    },
    "DT610": {
        "nl": "het Python-pakket graphviz is niet geïnstalleerd (pip install graphviz)",
        "en": "graphviz package missing",
    },
    "DT611": {
        "nl": "het Graphviz-programma 'dot' is niet geïnstalleerd (apt-get install graphviz of brew "
        "install graphviz)",
        "en": "the dot program is missing",
    },
    "DT612": {"nl": "tekenen met 'dot' is mislukt of duurde te lang", "en": "dot failed"},
    "DT613": {"nl": "ongeldige optie voor de tekening", "en": "bad drawing option"},
    "DT700": {"nl": "de durable-rules-backend gaf een fout", "en": "durable-rules failed"},
    "DT701": {"nl": "durable-rules is niet geïnstalleerd", "en": "durable-rules is not installed"},
    "DT702": {
        "nl": "durable-rules weigerde de regels, of de beslisboom is te groot voor durable-rules",
        "en": "durable-rules rejected the ruleset",
    },
    "DT703": {
        "nl": "durable-rules nam een stap die de beslisboom niet heeft",
        "en": "durable-rules took a wrong step",
    },
    "DT704": {"nl": "durable-rules gaf geen resultaat", "en": "durable-rules returned no result"},
    "DT705": {
        "nl": "een getal is niet exact door te geven aan durable-rules",
        "en": "a number cannot be passed exactly",
    },
    "DT706": {"nl": "de durable-rules-backend is gesloten", "en": "the backend was closed"},
    "DT800": {"nl": "de beslistabel of het DMN-document bevat fouten", "en": "the table has problems"},
    "DT802": {
        "nl": "een cel is geen ondersteunde S-FEEL-toets",
        "en": "a cell is not a supported unary test",
    },
    "DT803": {"nl": "de waarde in een cel past niet bij de kolom", "en": "a cell does not fit its column"},
    "DT804": {
        "nl": "een rij noemt een onbekende kolom, mist een uitvoerwaarde of heeft het verkeerde "
        "aantal cellen",
        "en": "a row does not fit the columns",
    },
    "DT805": {
        "nl": "een uitvoerwaarde past niet bij de uitvoerkolom",
        "en": "an output does not fit its column",
    },
    "DT806": {"nl": "ongeldige hitpolicy of aggregatie", "en": "bad hit policy or aggregation"},
    "DT807": {"nl": "een kolom- of rij-id wordt twee keer gebruikt", "en": "an id is used twice"},
    "DT808": {
        "nl": "een rij noemt een bron die de tabel niet declareert",
        "en": "a row cites an undeclared source",
    },
    "DT840": {
        "nl": "een tabelknooppunt is onvolledig of verkeerd opgebouwd",
        "en": "a table node is incomplete or malformed",
    },
    "DT841": {"nl": "onbekende hitpolicy van een tabelknooppunt", "en": "unknown hit policy of a table node"},
    "DT842": {"nl": "de prioriteit van een rij klopt niet", "en": "a row's priority is wrong"},
    "DT843": {"nl": "de id van een rij is ongeldig of dubbel", "en": "a row id is invalid or used twice"},
    "DT844": {
        "nl": "een rij verwijst naar een knooppunt dat niet bestaat",
        "en": "a row goes to a node that does not exist",
    },
    "DT845": {
        "nl": "een cel past niet bij de kolommen van de tabel",
        "en": "a cell does not fit the table's columns",
    },
    "DT846": {
        "nl": "rijen van een UNIQUE-tabel overlappen (zie het voorbeeld)",
        "en": "rows of a UNIQUE table overlap (see the example)",
    },
    "DT847": {
        "nl": "overlappende rijen van een ANY-tabel leiden naar verschillende knooppunten",
        "en": "overlapping rows of an ANY table route differently",
    },
    "DT848": {
        "nl": "een waardetabel (een tabel met 'outputs') is onvolledig of verkeerd opgebouwd",
        "en": "a value table (a table with 'outputs') is incomplete or malformed",
    },
    "DT850": {
        "nl": "dit is niet uit te drukken in DMN of in een beslisboom",
        "en": "this cannot be expressed on the other side (DMN or tree)",
    },
    "DT820": {
        "nl": "DMN: geen geldige XML, of een DTD of entiteit (geweigerd)",
        "en": "DMN: not well-formed XML",
    },
    "DT821": {
        "nl": "DMN: een element buiten de ondersteunde deelverzameling",
        "en": "DMN: unsupported element",
    },
    "DT822": {"nl": "DMN: een verplicht onderdeel ontbreekt", "en": "DMN: a required part is missing"},
    "DT823": {
        "nl": "DMN: de hoofdknoop is geen DMN 1.3-, 1.4- of 1.5-definitions-element",
        "en": "DMN: not a DMN document",
    },
    "DT830": {
        "nl": "een invoerwaarde past niet bij de kolom van de tabel",
        "en": "an input does not fit its column",
    },
    "DT831": {
        "nl": "meerdere rijen pasten onder hitpolicy UNIQUE",
        "en": "several rows matched under UNIQUE",
    },
    "DT832": {
        "nl": "rijen met verschillende uitkomsten pasten onder hitpolicy ANY",
        "en": "conflicting rows under ANY",
    },
    "KV100": {"nl": "het casusbestand is niet geldig", "en": "the case is not valid"},
    "KV101": {
        "nl": "de casus beantwoordt een vraag op het pad niet",
        "en": "the case leaves a question unanswered",
    },
    "KV110": {
        "nl": "het lijstenbestand van de instelling is niet geldig",
        "en": "the lists file is not valid",
    },
    "KV120": {
        "nl": "de eigen beslisboom of aanvulling is niet bruikbaar",
        "en": "the institution's tree is not usable",
    },
    "KV121": {
        "nl": "deze uitkomst-id is geen van de acht uitkomsten van de referentieboom",
        "en": "not a reference outcome id",
    },
    "KV122": {
        "nl": "onbekend veld in de aanvulling, of 'extends' is niet 'reference'",
        "en": "unknown overlay field",
    },
    "KV123": {
        "nl": "de aanvulling heeft geen eigen 'id' of 'version'",
        "en": "the overlay lacks its id or version",
    },
    "KV124": {
        "nl": "de aanvulling verwijdert iets wat de referentieboom niet heeft",
        "en": "the overlay removes an unknown entry",
    },
    "KV130": {
        "nl": "geen geldige ISO 3166-1-landcode van twee letters",
        "en": "not a current ISO 3166-1 alpha-2 code",
    },
    "KV300": {"nl": "een PDF maken vraagt WeasyPrint", "en": "writing a PDF needs WeasyPrint"},
    "PC100": {
        "nl": "een parameter van de criteria is onbekend of valt buiten het bereik",
        "en": "bad criteria parameter",
    },
    "PC110": {
        "nl": "de criteria-beslisboom mist regels, invoer of uitkomsten die het pakket leest",
        "en": "criteria tree has the wrong shape",
    },
    "PC200": {"nl": "het partner- of registerbestand is niet geldig", "en": "the partner file is not valid"},
    "PC300": {
        "nl": "het casusbestand kennisveiligheid ontbreekt, of de vastgelegde uitkomst bestaat niet",
        "en": "knowledge-security case problem",
    },
    # -- the messages, with their facts
    "DT100.any": {"nl": "probleem", "en": "problem"},
    "DT101.text": {
        "nl": "de tekst is groter dan {limit} bytes",
        "en": "the text is larger than {limit} bytes",
    },
    "DT101.values": {"nl": "meer dan {limit} waarden", "en": "more than {limit} values"},
    "DT101.file": {
        "nl": "het bestand is {size} bytes; de grens is {limit}",
        "en": "the file is {size} bytes; the limit is {limit}",
    },
    "DT101.bytes": {
        "nl": "meer dan {limit} bytes; dat is de grens",
        "en": "more than {limit} bytes; that is the limit",
    },
    "DT101.answer": {
        "nl": "een antwoord van meer dan {limit} tekens",
        "en": "an answer longer than {limit} characters",
    },
    "DT102.value": {"nl": "onleesbare waarde {value!r}: {reason}", "en": "bad value {value!r}: {reason}"},
    "DT102.yaml": {"nl": "geen geldige YAML: {reason}", "en": "not valid YAML: {reason}"},
    "DT102.json": {"nl": "geen geldige JSON: {reason}", "en": "not valid JSON: {reason}"},
    "DT102.text": {"nl": "geen geldige tekst: {reason}", "en": "not valid text: {reason}"},
    "DT102.documents": {
        "nl": "meer dan één document ('---') in het bestand",
        "en": "more than one document ('---') in the file",
    },
    "DT102.utf8": {"nl": "geen UTF-8-tekst (byte {byte})", "en": "not UTF-8 text (byte {byte})"},
    "DT103.alias": {
        "nl": "aliassen (*naam) zijn niet toegestaan; schrijf de waarde voluit",
        "en": "aliases (*name) are not allowed; write the value out",
    },
    "DT104.depth": {"nl": "dieper genest dan {depth} niveaus", "en": "nested deeper than {depth} levels"},
    "DT104.deep": {"nl": "te diep genest", "en": "nested too deeply"},
    "DT105.key": {
        "nl": "sleutels moeten tekst zijn; zet {key!r} tussen aanhalingstekens als het tekst moet zijn",
        "en": "keys must be text; quote {key!r} if it is meant as text",
    },
    "DT105.not_text": {"nl": "sleutels moeten tekst zijn, niet {key}", "en": "keys must be text, not {key}"},
    "DT106.number": {"nl": "{value} is geen eindig getal", "en": "{value} is not a finite number"},
    "DT107.twice": {
        "nl": "{key!r} staat twee keer in dezelfde mapping (eerst op regel {first}, opnieuw op regel "
        "{again})",
        "en": "{key!r} appears twice in the same mapping (first on line {first}, again on line {again})",
    },
    "DT107.object": {
        "nl": "{key!r} staat twee keer in hetzelfde object",
        "en": "{key!r} appears twice in the same object",
    },
    "DT107.object_lines": {
        "nl": "{key!r} staat twee keer in hetzelfde object (eerst op regel {first}, opnieuw op regel "
        "{again})",
        "en": "{key!r} appears twice in the same object (first on line {first}, again on line {again})",
    },
    "DT108.tag": {
        "nl": "tags zoals {tag!r} zijn niet toegestaan",
        "en": "tags such as {tag!r} are not allowed",
    },
    "DT109.not_found": {"nl": "het bestand bestaat niet", "en": "cannot read the file: {reason}"},
    "DT820.refused": {
        "nl": "geweigerd: {reason}; een DMN-bestand heeft geen DTD of entiteiten nodig",
        "en": "refused: {reason}; DMN files need no DTD or entities",
    },
    "DT820.xml": {"nl": "geen goedgevormde XML: {reason}", "en": "not well-formed XML: {reason}"},
    "DT823.root": {
        "nl": "{where}: geen DMN-element definitions van {known}",
        "en": "{where}: not a DMN definitions element of {known}",
    },
    "DT821.element": {
        "nl": "{where}: alleen beslissingen, invoergegevens en itemdefinities worden ondersteund",
        "en": "{where}: only decisions, input data and item definitions are supported",
    },
    "DT821.table_only": {
        "nl": "{where}: alleen beslistabellen worden ondersteund (gevonden: {what})",
        "en": "{where}: only decision tables are supported (found {what})",
    },
    "DT821.requires": {
        "nl": "{where}: een beslissing die een andere beslissing nodig heeft, wordt niet ondersteund",
        "en": "{where}: a decision that needs another decision is not supported",
    },
    "DT821.knowledge": {
        "nl": "{where}: bedrijfskennismodellen (BKM) worden niet ondersteund",
        "en": "{where}: business knowledge models are not supported",
    },
    "DT822.type": {
        "nl": "{where}: het type ontbreekt (typeRef) en is niet af te leiden uit de waarden",
        "en": "{where}: the type is not given (typeRef) and cannot be read from the values",
    },
    "DT821.type": {
        "nl": "{where}: het type {type!r} valt buiten de ondersteunde typen (getal, tekst, ja/nee, datum)",
        "en": "{where}: type {type!r} is outside the supported types (number, string, boolean, date)",
    },
    "DT821.literals": {
        "nl": "{where}: {text!r} is geen lijst van letterlijke waarden: {reason}",
        "en": "{where}: {text!r} is not a list of literals: {reason}",
    },
    "DT821.plain_list": {
        "nl": "{where}: {text!r}: alleen een eenvoudige lijst van waarden wordt ondersteund",
        "en": "{where}: {text!r}: only a plain list of values is supported",
    },
    "DT821.hit_policy": {
        "nl": "{where}: onbekende hitpolicy {policy!r}",
        "en": "{where}: unknown hit policy {policy!r}",
    },
    "DT822.expression": {
        "nl": "{where}: een invoerkolom heeft een inputExpression met tekst nodig",
        "en": "{where}: an input needs an inputExpression with a text",
    },
    "DT821.expression": {
        "nl": "{where}: de invoerexpressie {text!r} is geen eenvoudige invoernaam",
        "en": "{where}: input expression {text!r} is not a plain input name",
    },
    "DT821.allowed": {
        "nl": "{where}: toegestane invoerwaarden worden alleen bij tekstinvoer ondersteund, niet bij {kind}",
        "en": "{where}: allowed input values are supported for string inputs only, not {kind}",
    },
    "DT821.date_output": {
        "nl": "{where}: een uitvoer van het type datum wordt niet ondersteund",
        "en": "{where}: date outputs are not supported",
    },
    "DT822.output_name": {
        "nl": "{where}: in een tabel met meerdere uitvoerkolommen heeft elke uitvoer een naam nodig",
        "en": "{where}: an output of a table with several outputs needs a name",
    },
    "DT822.inputs": {
        "nl": "{where}: {count} invoercellen voor {columns} invoerkolommen",
        "en": "{where}: {count} input entries for {columns} inputs",
    },
    "DT822.outputs": {
        "nl": "{where}: {count} uitvoercellen voor {columns} uitvoerkolommen",
        "en": "{where}: {count} output entries for {columns} outputs",
    },
    "DT822.no_table": {
        "nl": "het document bevat geen beslistabel",
        "en": "the document holds no decision table",
    },
    "DT210.not_stored": {"nl": "geen vastgelegd besluit: {reason}", "en": "not a stored decision: {reason}"},
    "DT210.tree": {
        "nl": "het besluit is genomen met beslisboom {recorded!r} versie {version!r} ({hash}), niet met "
        "{tree!r} versie {tree_version!r} ({tree_hash})",
        "en": "the decision was made with tree {recorded!r} version {version!r} ({hash}), "
        "not {tree!r} version {tree_version!r} ({tree_hash})",
    },
    "DT210.path": {
        "nl": "de beslisboom volgt nu het pad {path} waar het vastgelegde besluit {recorded} heeft",
        "en": "the tree now takes path {path} where the record has {recorded}",
    },
    "DT840.rows": {
        "nl": "een tabelknooppunt heeft ten minste één rij",
        "en": "a table node has at least one row",
    },
    "DT840.field": {
        "nl": "een tabelknooppunt kent geen veld {key!r}",
        "en": "a table node has no field {key!r}",
    },
    "DT840.hit_policy": {
        "nl": "hitpolicy {policy!r}: een routeringstabel gebruikt een van {known}",
        "en": "hit policy {policy!r}: a routing table uses one of {known}",
    },
    "DT840.inputs": {
        "nl": "een tabelknooppunt noemt zijn invoerkolommen onder 'inputs'",
        "en": "a table node lists its input columns under 'inputs'",
    },
    "DT841.else": {
        "nl": "een tabelknooppunt noemt waarheen het gaat als geen rij past ('else'); "
        "in DMN de standaarduitvoer",
        "en": "a table node names where to go when no row matches ('else'); DMN's default output",
    },
    "DT840.text": {
        "nl": "een tabelknooppunt heeft een 'text' in het Nederlands en het Engels (nl, en)",
        "en": "a table node has a 'text' in Dutch and English (nl, en)",
    },
    "DT842.priority": {
        "nl": "een PRIORITY-tabel noemt onder 'priority' de 'next' van elke rij, de hoogste eerst",
        "en": "a PRIORITY table lists every row's 'next' under 'priority', highest first",
    },
    "DT842.only": {
        "nl": "'priority' hoort alleen bij de hitpolicy PRIORITY",
        "en": "'priority' is for the PRIORITY hit policy only",
    },
    "DT843.id": {
        "nl": "een rij-id bestaat uit letters, cijfers, '-' en '_' (het wordt deel van een knooppunt-id)",
        "en": "a row id is letters, digits, '-' and '_' (it becomes part of a node id)",
    },
    "DT843.twice": {"nl": "rij-id {id!r} komt twee keer voor", "en": "row id {id!r} is used twice"},
    "DT840.row": {
        "nl": "een rij is een mapping met 'when' en 'next'",
        "en": "a row is a mapping with 'when' and 'next'",
    },
    "DT840.row_field": {"nl": "een rij kent geen veld {key!r}", "en": "a row has no field {key!r}"},
    "DT844.when": {
        "nl": "een rij toetst ten minste één kolom (een rij die op alles past, is de 'else' van de tabel)",
        "en": "a row tests at least one column (a row matching everything is the table's 'else')",
    },
    "DT845.column": {
        "nl": "{name!r} is geen van de invoerkolommen van de tabel",
        "en": "{name!r} is not one of the table's input columns",
    },
    "DT845.rule": {
        "nl": "een cel toetst haar eigen kolom; verwijs naar een regel met een regelknooppunt",
        "en": "a cell tests its own column; use a rule node to refer to a rule",
    },
    "DT845.input": {
        "nl": "een cel toetst haar eigen kolom en noemt geen 'input'",
        "en": "a cell tests its own column and names no 'input'",
    },
    "DT845.named": {
        "nl": "{name!r} is een benoemde voorwaarde: haar cellen zijn {{equals: true}} of {{equals: false}}",
        "en": "{name!r} is a named condition: its cells are {{equals: true}} or {{equals: false}}",
    },
    "DT846.overlap": {
        "nl": "tabel {table!r} ({policy}): de rijen {first!r} en {second!r} overlappen, bijvoorbeeld bij "
        "{witness}; maak de rijen elkaar uitsluitend of gebruik de hitpolicy FIRST of PRIORITY",
        "en": "table {table!r} ({policy}): rows {first!r} and {second!r} overlap, e.g. for {witness}; "
        "make the rows exclusive or use hit policy FIRST or PRIORITY",
    },
    "DT847.overlap": {
        "nl": "tabel {table!r} ({policy}): de rijen {first!r} en {second!r} overlappen en leiden naar "
        "verschillende knooppunten, bijvoorbeeld bij {witness}; maak de rijen elkaar uitsluitend of "
        "gebruik de hitpolicy FIRST of PRIORITY",
        "en": "table {table!r} ({policy}): rows {first!r} and {second!r} overlap and route differently, "
        "e.g. for {witness}; make the rows exclusive or use hit policy FIRST or PRIORITY",
    },
    "DT847.outputs": {
        "nl": "tabel {table!r} ({policy}): de rijen {first!r} en {second!r} overlappen en geven "
        "verschillende uitkomsten, bijvoorbeeld bij {witness}; maak de rijen elkaar uitsluitend of "
        "gebruik de hitpolicy FIRST, PRIORITY of COLLECT",
        "en": "table {table!r} ({policy}): rows {first!r} and {second!r} overlap and give different "
        "outputs, e.g. for {witness}; make the rows exclusive or use hit policy FIRST, PRIORITY or COLLECT",
    },
    "DT848.routing": {
        "nl": "{key!r} hoort bij een waardetabel, die haar uitvoerkolommen onder 'outputs' noemt; "
        "een routeringstabel noemt per rij 'next' en voor de tabel 'else'",
        "en": "{key!r} belongs to a value table, which lists its output columns under 'outputs'; "
        "a routing table gives each row a 'next' and the table an 'else'",
    },
    "DT848.hit_policy": {
        "nl": "hitpolicy {policy!r}: een waardetabel gebruikt een van {known}",
        "en": "hit policy {policy!r}: a value table uses one of {known}",
    },
    "DT848.else": {
        "nl": "een waardetabel gaat altijd verder bij 'next' en heeft geen 'else'; "
        "wat geldt als geen rij past, is de 'default' van een uitvoerkolom",
        "en": "a value table always goes on to 'next' and has no 'else'; "
        "what holds when no row matches is an output column's 'default'",
    },
    "DT848.next": {
        "nl": "een waardetabel noemt onder 'next' het knooppunt waar de beslissing verdergaat",
        "en": "a value table names under 'next' the node where the decision goes on",
    },
    "DT848.aggregation": {
        "nl": "aggregatie {aggregation!r}: alleen de hitpolicy COLLECT kent een aggregatie, "
        "en die is SUM, MIN, MAX of COUNT",
        "en": "aggregation {aggregation!r}: only hit policy COLLECT aggregates, with SUM, MIN, MAX or COUNT",
    },
    "DT848.outputs": {
        "nl": "'outputs' is een lijst van uitvoerkolommen (id, type en eventueel label, values, default)",
        "en": "'outputs' is a list of output columns (id, type and optionally label, values, default)",
    },
    "DT848.column": {
        "nl": "een uitvoerkolom is een mapping met id en type",
        "en": "an output column is a mapping with id and type",
    },
    "DT848.column_field": {
        "nl": "een uitvoerkolom kent geen veld {key!r} (wel id, type, label, values, default)",
        "en": "an output column has no field {key!r} (it has id, type, label, values, default)",
    },
    "DT848.column_id": {
        "nl": "de id van een uitvoerkolom begint met een letter en bestaat uit "
        "letters, cijfers, '.', '-' en '_'",
        "en": "an output column's id starts with a letter and is letters, digits, '.', '-' and '_'",
    },
    "DT848.column_twice": {
        "nl": "uitvoerkolom {id!r} komt twee keer voor",
        "en": "output column {id!r} is listed twice",
    },
    "DT848.column_type": {
        "nl": "type {type!r}: een uitvoerkolom is van type {known}",
        "en": "type {type!r}: an output column is of type {known}",
    },
    "DT848.label": {
        "nl": "het label van een uitvoerkolom is een tekst in het Nederlands en het Engels (nl, en)",
        "en": "an output column's label is a text in Dutch and English (nl, en)",
    },
    "DT848.enum": {
        "nl": "een uitvoerkolom van type enum somt haar waarden op onder 'values'",
        "en": "an output column of type enum lists its values under 'values'",
    },
    "DT848.values": {
        "nl": "'values' is een lijst van verschillende waarden van type {type}, de hoogste prioriteit eerst",
        "en": "'values' is a list of distinct values of type {type}, highest priority first",
    },
    "DT848.value": {
        "nl": "{value} past niet in uitvoerkolom {output!r} (verkeerd type, of niet een van haar 'values')",
        "en": "{value} does not fit output column {output!r} (wrong type, or not one of its 'values')",
    },
    "DT848.priority": {
        "nl": "hitpolicy {policy}: ten minste één uitvoerkolom noemt haar "
        "'values' in volgorde van prioriteit",
        "en": "hit policy {policy}: at least one output column lists its 'values' in priority order",
    },
    "DT848.priority_list": {
        "nl": "een waardetabel kent geen 'priority': de volgorde van 'values' in de uitvoerkolommen "
        "bepaalt de prioriteit",
        "en": "a value table has no 'priority': the order of the output columns' 'values' is the priority",
    },
    "DT848.aggregate": {
        "nl": "aggregatie {aggregation}: de tabel heeft één uitvoerkolom, "
        "bij SUM, MIN en MAX van type number",
        "en": "aggregation {aggregation}: the table has one output column, "
        "of type number for SUM, MIN and MAX",
    },
    "DT848.row_next": {
        "nl": "een rij van een waardetabel noemt geen 'next' maar haar 'outputs'; "
        "de tabel gaat verder bij haar eigen 'next'",
        "en": "a value table's row has 'outputs', not 'next'; the table goes on at its own 'next'",
    },
    "DT848.row_outputs": {
        "nl": "een rij van een waardetabel geeft onder 'outputs' een waarde voor elke uitvoerkolom; "
        "ontbrekend: {columns}",
        "en": "a value table's row gives a value for every output column under 'outputs'; missing: {columns}",
    },
    "DT848.row_column": {
        "nl": "{name!r} is geen uitvoerkolom van de tabel ({columns})",
        "en": "{name!r} is not one of the table's output columns ({columns})",
    },
    "DT848.catch_all": {
        "nl": "onder {policy} overlapt een rij die op alles past (geen 'when') elke andere rij: "
        "geef wat zij oplevert als 'default' van de uitvoerkolommen",
        "en": "under {policy} a row matching everything (no 'when') overlaps every other row: "
        "give what it gives as the output columns' 'default'",
    },
    "DT848.after_catch_all": {
        "nl": "onder {policy} komt deze rij na rij {row}, die op alles past: zij is nooit van toepassing",
        "en": "under {policy} this row comes after row {row}, which matches everything: it never applies",
    },
    "DT848.catch_all_only": {
        "nl": "een waardetabel heeft ten minste één rij die iets toetst",
        "en": "a value table has at least one row that tests something",
    },
    "DT848.too_many": {
        "nl": "een {policy}-tabel heeft ten hoogste {most} rijen (elke rij verdubbelt het aantal paden); "
        "splits de tabel",
        "en": "a {policy} table has at most {most} rows (each row doubles the paths "
        "through it); split the table",
    },
    "DT850.not": {
        "nl": "'not' van een ontkende of lege toets",
        "en": "'not' of a negated or empty test",
    },
    "DT850.cell": {"nl": "een cel met {keys}", "en": "a cell with {keys}"},
    "DT850.operator": {
        "nl": "{op!r} heeft hier geen DMN-unaire toets",
        "en": "{op!r} has no DMN unary test here",
    },
    "DT850.named": {
        "nl": "kolom {name!r} is een benoemde voorwaarde van de beslisboom, die een DMN-tabel niet kan lezen",
        "en": "column {name!r} is a named condition of the tree, which a DMN table cannot read",
    },
    "DT850.unknown": {
        "nl": "invoer {name!r} staat 'unknown' toe, wat een DMN-tabel niet kan uitdrukken",
        "en": "input {name!r} allows 'unknown', which a DMN table cannot say",
    },
    "DT850.type": {
        "nl": "invoer {name!r} is van het type {type}, dat een kolom van een DMN-tabel niet kan hebben",
        "en": "input {name!r} is a {type} input, which a DMN table column cannot be",
    },
    "DT850.no_table": {
        "nl": "de beslisboom heeft geen tabelknooppunt om te exporteren",
        "en": "the tree has no table node to export",
    },
    "DT850.table": {"nl": "tabel {table!r}: {reason}", "en": "table {table!r}: {reason}"},
    "DT850.free_text": {
        "nl": "kolom {name!r} is vrije tekst, waarop een beslisboom niet vertakt",
        "en": "column {name!r} is free text, which a tree does not branch on",
    },
    "DT850.catch_all": {
        "nl": "een rij die op alles past, is alleen onder FIRST een standaard, niet onder {policy}",
        "en": "a row matching everything is a default only under FIRST, not {policy}",
    },
    "DT821.literal": {
        "nl": "uitvoercel {raw!r} is geen letterlijke waarde: {reason}",
        "en": "output entry {raw!r} is not a literal: {reason}",
    },
    "DT802.unary": {
        "nl": "{shown!r} is geen ondersteunde unaire toets: {reason} (op positie {offset})",
        "en": "{shown!r} is not a supported unary test: {reason} (at offset {offset})",
    },
    "DT821.unary": {
        "nl": "{shown!r} is geen ondersteunde unaire toets: {reason} (op positie {offset})",
        "en": "{shown!r} is not a supported unary test: {reason} (at offset {offset})",
    },
    "hint.quotes": {
        "nl": "schrijf tekst tussen aanhalingstekens: '\"{raw}\"', of als lijst: [{raw}]",
        "en": "write text in quotes: '\"{raw}\"', or as a list: [{raw}]",
    },
    "PC100.unknown": {
        "nl": "onbekende criteriaparameter {names}; bekend zijn: {known}",
        "en": "unknown criteria parameter {names}; known: {known}",
    },
    "PC100.whole": {
        "nl": "{name} moet een geheel getal zijn, niet {value!r}",
        "en": "{name} must be a whole number, not {value!r}",
    },
    "PC100.range": {
        "nl": "{name} moet tussen {minimum} en {count} liggen (het aantal onderdelen waarover {node} telt), "
        "niet {value}",
        "en": "{name} must be between {minimum} and {count} (the number of parts {node} counts over), "
        "not {value}",
    },
    "PC100.both": {
        "nl": "geef een criteriaboom of {given}, niet allebei",
        "en": "give either a criteria tree or {given}, not both",
    },
    "PC100.review_years": {
        "nl": "de termijnen voor monitoring en evaluatie zijn ten minste één jaar",
        "en": "review intervals are at least one year",
    },
    "PC100.review_negative": {
        "nl": "de voorlooptijd en de termijn voor 'binnenkort' kunnen niet negatief zijn",
        "en": "lead time and due-soon window cannot be negative",
    },
    "PC100.review_window": {
        "nl": "ks_window_days moet ten minste ks_lead_days zijn",
        "en": "ks_window_days must be at least ks_lead_days",
    },
    "PC110.input": {"nl": "invoer {name!r} ontbreekt", "en": "input {name!r} is missing"},
    "PC110.outcome": {"nl": "uitkomst {name!r} ontbreekt", "en": "outcome {name!r} is missing"},
    "PC110.rule": {
        "nl": "regel 'criteria' moet 'at_least: k' zijn over verwijzingen naar regels (de doelstellingen)",
        "en": "rule 'criteria' must be 'at_least: k' of rule references (the objectives)",
    },
    "PC110.shape": {
        "nl": "beslisboom {tree!r} is geen criteriaboom: {problems_nl}",
        "en": "tree {tree!r} is not a criteria tree: {problems}",
    },
    "DT109.empty": {"nl": "het bestand is leeg", "en": "the file is empty"},
    "DT109.no_file": {"nl": "dit bestand bestaat niet", "en": "no such file"},
    "DT109.unreadable": {
        "nl": "het bestand is niet te lezen: {reason}",
        "en": "cannot read the file: {reason}",
    },
    "DT109.mapping": {
        "nl": "een beslisboombestand begint met een mapping (sleutels met waarden)",
        "en": "a tree file holds a mapping at the top",
    },
    "DT109.table_mapping": {
        "nl": "een tabelbestand begint met een mapping (sleutels met waarden)",
        "en": "a table file holds a mapping at the top",
    },
    "DT101.larger": {"nl": "groter dan {limit} bytes", "en": "larger than {limit} bytes"},
    "DT109.record": {"nl": "dit is geen vastgelegde beoordeling", "en": "not an assessment record"},
    "DT110.key": {"nl": "het verplichte veld {key!r} ontbreekt", "en": "required key {key!r} is missing"},
    "DT111.key": {"nl": "onbekend veld {key!r}", "en": "unknown key {key!r}"},
    "DT112.schema": {"nl": "de waarde is niet geldig", "en": "{message}"},
    "DT113.schema": {"nl": "onbekende soort knooppunt of soort invoer", "en": "{message}"},
    "DT120.start": {
        "nl": "het startknooppunt {start!r} bestaat niet",
        "en": "the start node {start!r} does not exist",
    },
    "DT121.node": {
        "nl": "verwijst naar knooppunt {target!r}, dat niet bestaat",
        "en": "refers to node {target!r}, which does not exist",
    },
    "DT122.named": {
        "nl": "{target!r} is een benoemde voorwaarde (een regel zonder then/else); die kan geen stap "
        "op een pad zijn",
        "en": "{target!r} is a named condition (a rule without then/else); it cannot be a step on a path",
    },
    "DT123.asks": {
        "nl": "vraagt naar invoer {input!r}, die niet is gedeclareerd",
        "en": "asks input {input!r}, which is not declared",
    },
    "DT123.tests": {
        "nl": "toetst invoer {input!r}, die niet is gedeclareerd",
        "en": "tests input {input!r}, which is not declared",
    },
    "DT124.other": {
        "nl": "de takken van een vraag toetsen het eigen antwoord op {input!r}, niet {other!r}; "
        "gebruik een regelknooppunt",
        "en": "a question's branches test its own input {input!r}, not {other!r}; use a rule node",
    },
    "DT125.rule": {
        "nl": "de takken van een vraag toetsen het eigen antwoord; gebruik een regelknooppunt om te "
        "combineren met regel {rule!r}",
        "en": "a question's branches test its own answer; use a rule node to combine with rule {rule!r}",
    },
    "DT126.input": {
        "nl": "een toets in een regel noemt de invoer (`input: ...`)",
        "en": "a test in a rule names its input (`input: ...`)",
    },
    "DT127.missing": {
        "nl": "verwijst naar regel {rule!r}, die niet bestaat",
        "en": "refers to rule {rule!r}, which does not exist",
    },
    "DT127.kind": {"nl": "{rule!r} is een {kind}, geen regel", "en": "{rule!r} is a {kind}, not a rule"},
    "DT128.unknown": {
        "nl": "invoer {input!r} staat 'onbekend' toe, maar geen tak neemt dat antwoord; voeg een tak met "
        "`is_unknown: true` of een `otherwise` toe",
        "en": "input {input!r} allows 'unknown' but no branch takes it; add a branch with "
        "`is_unknown: true` or an `otherwise`",
    },
    "DT129.reserved": {
        "nl": "'unknown' is gereserveerd voor het antwoord 'onbekend'; gebruik allow_unknown",
        "en": "'unknown' is reserved for the unknown answer; use allow_unknown",
    },
    "DT131.loop": {"nl": "het pad loopt in een kring: {loop}", "en": "the path loops: {loop}"},
    "DT132.unreachable": {
        "nl": "niet te bereiken vanaf het startknooppunt {start!r}",
        "en": "not reachable from the start {start!r}",
    },
    "DT133.dead_end": {
        "nl": "geen pad vanaf hier komt bij een uitkomst",
        "en": "no path from here leads to an outcome",
    },
    "DT134.loop": {
        "nl": "regels verwijzen naar elkaar in een kring: {loop}",
        "en": "rules refer to each other: {loop}",
    },
    "DT140.text": {
        "nl": "een vrije-tekstinvoer wordt alleen vastgelegd; er wordt niet op vertakt",
        "en": "free-text inputs are recorded, never branched on",
    },
    "DT140.branch": {
        "nl": "op een vrije-tekstinvoer wordt niet vertakt",
        "en": "free-text inputs cannot be branched on",
    },
    "DT141.operator": {
        "nl": "de toets {operator!r} past niet bij een invoer van het type {type!r}; gebruik een van: "
        "{allowed}",
        "en": "operator {operator!r} does not apply to a {type} input; use one of {allowed}",
    },
    "DT142.boolean": {"nl": "{value!r} is niet true of false", "en": "{value!r} is not true or false"},
    "DT142.values": {
        "nl": "{value!r} is geen van de gedeclareerde waarden {values}",
        "en": "{value!r} is not one of the declared values {values}",
    },
    "DT142.number": {"nl": "{value!r} is geen getal", "en": "{value!r} is not a number"},
    "DT142.finite": {"nl": "{value!r} is geen eindig getal", "en": "{value!r} is not a finite number"},
    "DT142.date_text": {
        "nl": "{value!r} is geen datum (JJJJ-MM-DD)",
        "en": "{value!r} is not a date (YYYY-MM-DD)",
    },
    "DT142.date": {"nl": "{value!r} is geen datum", "en": "{value!r} is not a date"},
    "DT142.between": {
        "nl": "between: de ondergrens {low} ligt boven de bovengrens {high}",
        "en": "between: lower bound {low} is above upper bound {high}",
    },
    "DT143.never": {
        "nl": "'is_unknown: true' geldt hier nooit: deze invoer staat het antwoord 'onbekend' niet toe "
        "(allow_unknown)",
        "en": "is_unknown on an input that does not allow_unknown never holds",
    },
    "DT613.lang": {
        "nl": "de taal moet 'nl' of 'en' zijn, niet {lang!r}",
        "en": "language must be 'nl' or 'en', not {lang!r}",
    },
    "DT613.format": {
        "nl": "het formaat moet een van {formats} zijn, niet {format!r}",
        "en": "format must be one of {formats}, not {format!r}",
    },
    "DT613.page": {
        "nl": "het papierformaat (`page`) moet een van {pages} zijn, of None, niet {page!r}",
        "en": "page must be one of {pages} or None, not {page!r}",
    },
    "DT613.sources": {
        "nl": "de optie `sources` moet 'tooltip', 'footnotes' of None zijn, niet {value!r}",
        "en": "sources must be 'tooltip', 'footnotes' or None, not {value!r}",
    },
    "DT613.other_tree": {
        "nl": "het besluit is genomen met beslisboom {decision_tree!r} ({decision_hash}…), niet met de "
        "getekende beslisboom {tree!r} ({tree_hash}…)",
        "en": "the decision was made with tree {decision_tree!r} ({decision_hash}…), not with the tree "
        "drawn, {tree!r} ({tree_hash}…)",
    },
    "DT613.neighbourhood_decision": {
        "nl": "de optie `neighbourhood` vraagt om een besluit: de afstand wordt gemeten vanaf het "
        "gevolgde pad",
        "en": "neighbourhood needs a decision: it is measured from its path",
    },
    "DT613.neighbourhood": {
        "nl": "de optie `neighbourhood` moet een geheel getal van 0 of meer zijn, niet {value!r}",
        "en": "neighbourhood must be a whole number >= 0, not {value!r}",
    },
    "DT613.named_conditions": {
        "nl": "de optie `named_conditions` moet 'auto', 'nodes' of 'table' zijn, niet {value!r}",
        "en": "named_conditions must be 'auto', 'nodes' or 'table', not {value!r}",
    },
    "DT613.described": {
        "nl": "dit is al een beschreven tekening (Drawing): geef er geen besluit of opties bij",
        "en": "a Drawing is already described: pass no decision or options",
    },
    "DT613.both": {
        "nl": "geef óf een besluit, óf een beslisboom met een besluit, niet allebei",
        "en": "pass either a decision or a tree with a decision, not both",
    },
    "DT613.subject": {
        "nl": "hier hoort een Tree, Decision of Drawing, geen {kind}",
        "en": "expected a Tree, Decision or Drawing, not {kind}",
    },
    "PC200.unknown_field": {"nl": "onbekend veld", "en": "unknown field"},
    "PC200.unknown_field_mean": {
        "nl": "onbekend veld; bedoelt u {suggestion!r}?",
        "en": "unknown field; did you mean {suggestion!r}?",
    },
    "PC200.schema": {"nl": "de waarde is niet geldig", "en": "{message}"},
    "PC200.id_repeated": {
        "nl": "partner-id {id!r} komt meer dan één keer voor",
        "en": "partner id {id!r} appears more than once",
    },
    "PC200.top_keys": {
        "nl": "onverwachte sleutel(s) bovenaan het bestand: {keys}",
        "en": "unexpected key(s) at the top: {keys}",
    },
    "PC200.register": {
        "nl": "een register bevat een lijst onder 'partners:' (of is zelf een lijst)",
        "en": "a register holds a 'partners:' list (or is a list)",
    },
    "PC200.csv": {"nl": "geen geldige CSV: {reason}", "en": "not valid CSV: {reason}"},
    "PC200.column": {"nl": "onbekende kolom {column!r}", "en": "unknown column {column!r}"},
    "PC200.column_mean": {
        "nl": "onbekende kolom {column!r}; bedoelt u {suggestion!r}?",
        "en": "unknown column {column!r}; did you mean {suggestion!r}?",
    },
    "PC200.column_twice": {
        "nl": "kolom {column!r} staat er twee keer in",
        "en": "column {column!r} appears twice",
    },
    "PC200.column_missing": {"nl": "kolom {column!r} ontbreekt", "en": "missing column {column!r}"},
    "PC200.stopped": {
        "nl": "gestopt met lezen na {count} problemen",
        "en": "stopped reading after {count} problems",
    },
    "PC200.cells": {"nl": "meer cellen dan kolommen", "en": "more cells than columns"},
    "PC200.id_twice": {
        "nl": "partner-id {id!r} staat er twee keer in (eerst op regel {first})",
        "en": "partner id {id!r} appears twice (first on line {first})",
    },
    "PC200.workbook_size": {
        "nl": "[DT101] de werkmap is uitgepakt groter dan {limit} bytes",
        "en": "[DT101] the workbook unpacks to more than {limit} bytes",
    },
    "PC200.workbook": {
        "nl": "[DT102] geen Excel-werkmap (.xlsx): {reason}",
        "en": "[DT102] not an Excel workbook (.xlsx): {reason}",
    },
    "PC200.forms_twice": {
        "nl": "een vorm van samenwerking staat er twee keer in",
        "en": "a form of collaboration is listed twice",
    },
    "PC200.end_after_start": {
        "nl": "de einddatum van de overeenkomst (agreement_end, {end}) ligt niet na de startdatum ({start})",
        "en": "agreement_end {end} is not after start {start}",
    },
    "PC200.case_or_outcome": {
        "nl": "geef óf 'case' (een casusbestand), óf 'outcome' (een vastgelegde uitkomst)",
        "en": "give either 'case' (a case file) or 'outcome' (a recorded outcome)",
    },
    "PC200.outcome_needs": {
        "nl": "een vastgelegde uitkomst heeft ook 'date' en 'tree_hash' nodig",
        "en": "a recorded outcome needs 'date' and 'tree_hash' as well",
    },
    "PC200.history_no_start": {
        "nl": "history.{name} is ingevuld, maar het partnerschap heeft geen startdatum",
        "en": "history.{name} is set but the partnership has no start date",
    },
    "PC200.history_before": {
        "nl": "history.{name} ({when}) ligt vóór de start van het partnerschap ({start})",
        "en": "history.{name} {when} is before the partnership start {start}",
    },
    "DT109.tree_file": {
        "nl": "[DT109] het beslisboombestand {spec!r} bestaat niet (geef een pad, of 'reference')",
        "en": "[DT109] no tree file {spec!r} (give a path, or 'reference')",
    },
    "DT109.case_file": {
        "nl": "[DT109] het casusbestand {path!r} bestaat niet",
        "en": "[DT109] no case file {path!r}",
    },
    "DT112.mapping": {"nl": "hier hoort een mapping (sleutels met waarden)", "en": "expected a mapping"},
    "DT106.finite": {"nl": "{value!r} is geen eindig getal", "en": "{value!r} is not a finite number"},
    "DT805.number": {"nl": "{value!r} is geen getal", "en": "{value!r} is not a number"},
    "DT805.boolean": {"nl": "{value!r} is niet true of false", "en": "{value!r} is not true or false"},
    "DT805.text": {
        "nl": "{value!r} is geen tekst; zet het tussen aanhalingstekens",
        "en": "{value!r} is not text; quote it",
    },
    "DT803.type": {
        "nl": "{value!r} past niet bij een kolom van het type {type!r}",
        "en": "{value!r} does not fit a {type} column",
    },
    "DT803.integer": {"nl": "{value} is geen geheel getal", "en": "{value} is not a whole number"},
    "DT803.value": {
        "nl": "{value!r} is geen van de gedeclareerde waarden ({values})",
        "en": "{value!r} is not a declared value ({values})",
    },
    "DT803.range": {
        "nl": "een vergelijking of bereik past niet bij een kolom van het type {type!r}",
        "en": "a comparison or range does not apply to a {type} column",
    },
    "DT112.columns": {"nl": "hier hoort een lijst van kolommen", "en": "expected a list of columns"},
    "DT807.column": {
        "nl": "kolom-id {id!r} wordt twee keer gebruikt",
        "en": "column id {id!r} is used twice",
    },
    "DT113.column_type": {
        "nl": "onbekend kolomtype {type!r}; gebruik een van: {kinds}",
        "en": "unknown column type {type!r}; use one of {kinds}",
    },
    "DT110.enum_values": {
        "nl": "een enum-kolom noemt haar waarden (values)",
        "en": "an enum column declares its values",
    },
    "DT805.default": {
        "nl": "de standaardwaarde {default!r} is geen van de waarden",
        "en": "the default {default!r} is not one of the values",
    },
    "DT112.values": {
        "nl": "values is een lijst met ten minste één waarde",
        "en": "values is a non-empty list",
    },
    "DT112.values_enum": {
        "nl": "alleen enum-invoerkolommen noemen waarden",
        "en": "only enum input columns declare values",
    },
    "DT112.values_boolean": {
        "nl": "een boolean-kolom noemt geen waarden",
        "en": "boolean columns do not declare values",
    },
    "DT112.text": {"nl": "{value!r} is geen tekst", "en": "{value!r} is not text"},
    "DT112.twice": {"nl": "een waarde staat er twee keer in", "en": "a value is listed twice"},
    "DT112.rows": {"nl": "hier hoort een lijst van rijen", "en": "expected a list of rows"},
    "DT807.row": {
        "nl": "rij-id {id!r} wordt twee keer gebruikt (eerst in rij {first})",
        "en": "row id {id!r} is used twice (first in row {first})",
    },
    "DT804.input": {"nl": "er is geen invoerkolom {name!r}", "en": "no input column {name!r}"},
    "DT804.cells": {
        "nl": "{cells} cellen voor {columns} invoerkolommen",
        "en": "{cells} cells for {columns} input columns",
    },
    "DT112.when": {
        "nl": "when is een mapping van invoerkolom naar toetsen",
        "en": "when is a mapping from input column to tests",
    },
    "DT804.output": {"nl": "er is geen uitvoerkolom {name!r}", "en": "no output column {name!r}"},
    "DT804.no_value": {
        "nl": "er ontbreekt een waarde voor uitvoerkolom {name!r}",
        "en": "no value for output column {name!r}",
    },
    "DT804.then": {
        "nl": "met meerdere uitvoerkolommen geeft then per kolom haar waarde",
        "en": "with several output columns, then maps each column to its value",
    },
    "DT805.output": {
        "nl": "{value!r} is geen van de waarden van uitvoerkolom {name!r}",
        "en": "{value!r} is not one of the values of output {name!r}",
    },
    "DT806.aggregation": {
        "nl": "onbekende aggregatie {aggregation!r}; gebruik een van: {known}",
        "en": "unknown aggregation {aggregation!r}; use one of {known}",
    },
    "DT806.collect": {
        "nl": "een aggregatie ({aggregation}) vraagt hitpolicy COLLECT",
        "en": "an aggregation ({aggregation}) needs hit policy COLLECT",
    },
    "DT806.one_output": {
        "nl": "een aggregatie vraagt precies één uitvoerkolom",
        "en": "an aggregation needs exactly one output column",
    },
    "DT806.number": {
        "nl": "{aggregation} vraagt een uitvoerkolom van het type number",
        "en": "{aggregation} needs a number output column",
    },
    "PC300.no_case": {
        "nl": "het casusbestand kennisveiligheid bestaat niet: {path}",
        "en": "knowledge-security case file not found: {path}",
    },
    "PC300.outcome": {
        "nl": "de vastgelegde uitkomst {outcome!r} is geen uitkomst van beslisboom {tree!r} (uitkomsten: "
        "{outcomes}); vul 'permitted' en 'desirable' in bij de vastlegging",
        "en": "recorded outcome {outcome!r} is not an outcome of tree {tree!r} (outcomes: {outcomes}); "
        "give 'permitted' and 'desirable' in the record",
    },
    "PC300.human": {
        "nl": "er is een besluit van mensen vastgelegd bij uitkomst {outcome!r}, maar die uitkomst legt het "
        "besluit niet bij de adviseur of de commissie (dat doen alleen {decidable})",
        "en": "a human decision is recorded for outcome {outcome!r}, which does not hand the decision to "
        "the adviser or the committee (only {decidable} do)",
    },
    "DT612.timeout": {
        "nl": "het Graphviz-programma 'dot' was na {seconds} seconden nog niet klaar",
        "en": "dot did not finish within {seconds} seconds",
    },
    "DT612.failed": {
        "nl": "het Graphviz-programma 'dot' gaf een fout (exitcode {status}): {message}",
        "en": "dot failed (exit {status}): {message}",
    },
    "DT144.bounds": {
        "nl": "minimum {low} ligt boven maximum {high}",
        "en": "minimum {low} is above maximum {high}",
    },
    "DT145.one_option": {
        "nl": "verklaar bij een meerkeuze-invoer één optie tegelijk",
        "en": "for a set input, declare one option at a time",
    },
    "DT145.no_values": {
        "nl": "dit type invoer heeft geen waarden om te noemen; verklaar de hele invoer",
        "en": "this type of input has no values to name; declare the whole input",
    },
    "DT145.two_values": {
        "nl": "noem ten minste twee waarden die tot dezelfde uitkomst leiden",
        "en": "name at least two values that lead to the same outcome",
    },
    "DT145.value": {
        "nl": "{value!r} is geen waarde van deze invoer",
        "en": "{value!r} is not a value of this input",
    },
    "DT146.unknown": {
        "nl": "{code!r} is geen verificatiecode",
        "en": "{code!r} is not a verification code",
    },
    "DT146.error": {
        "nl": "{code} is een fout; alleen waarschuwingen kunnen als verwacht worden opgegeven",
        "en": "{code} is an error; only warnings can be declared expected",
    },
    "DT147.monotone": {
        "nl": "een monotone invariant vergelijkt zwaartes, dus elke uitkomst heeft er een nodig",
        "en": "a monotone invariant compares severities, so every outcome needs one",
    },
    "DT150.source": {
        "nl": "noemt bron {source!r}, die niet is gedeclareerd",
        "en": "cites source {source!r}, which is not declared",
    },
    "DT202.answer": {
        "nl": "invoer {input}: {reason} (gegeven: {value})",
        "en": "input {input}: {reason} (got {value})",
    },
    "DT203.gap": {
        "nl": "vraag {node!r}: het antwoord {value} op invoer {input!r} past bij geen enkele tak "
        "(de beslisboom heeft een gat; `decision_trees.verify` vindt die)",
        "en": "question {node!r}: answer {value} for input {input!r} matches no branch "
        "(the tree has a gap; `decision_trees.verify` finds these)",
    },
    "DT230.lang": {
        "nl": "[DT230] geen teksten in de taal {lang}; de talen zijn {languages}",
        "en": "[DT230] no texts in language {lang}; the languages are {languages}",
    },
    "DT300.missing": {
        "nl": "{what} is niet geïnstalleerd; installeer het met: {install}",
        "en": "{what} is not installed; install it with: {install}",
    },
    "DT170.write": {
        "nl": "het bestand kan niet worden geschreven: {reason}",
        "en": "cannot write the file: {reason}",
    },
    "DT171.input": {
        "nl": "dit is ook een invoerbestand van de opdracht; schrijf de uitvoer naar een ander bestand",
        "en": "this is also an input of the command; write the output to another file",
    },
    "DT171.elsewhere": {
        "nl": "dit is ook een invoerbestand van de opdracht; schrijf naar een ander bestand",
        "en": "this is also an input of the command; write elsewhere",
    },
    "KV121.outcome": {
        "nl": "uitkomst {outcome!r} is geen van de uitkomst-id's van de referentieboom",
        "en": "outcome {outcome!r} is not one of the reference outcome ids",
    },
    "KV121.use": {"nl": "gebruik een van {ids}", "en": "use one of {ids}"},
    "KV122.extends": {
        "nl": "een aanvulling bouwt voort op de referentieboom",
        "en": "an overlay extends the reference tree",
    },
    "KV122.extends_hint": {"nl": "schrijf `extends: reference`", "en": "write `extends: reference`"},
    "KV122.field": {"nl": "een aanvulling heeft geen veld {key!r}", "en": "an overlay has no field {key!r}"},
    "KV122.fields": {"nl": "velden: {fields}", "en": "fields: {fields}"},
    "KV122.mapping": {
        "nl": "{key!r} is in een aanvulling een mapping van id's",
        "en": "{key!r} in an overlay is a mapping of ids",
    },
    "KV123.own": {"nl": "een aanvulling heeft een eigen {key!r}", "en": "an overlay sets its own {key!r}"},
    "KV123.own_hint": {
        "nl": "zodat besluiten de beslisboom van de instelling noemen",
        "en": "so that decisions name the institution's tree",
    },
    "KV124.remove": {
        "nl": "{entry!r} kan niet worden verwijderd: de referentieboom heeft zo'n onderdeel niet",
        "en": "cannot remove {entry!r}: the reference has no such entry",
    },
    "KV130.withdrawn": {
        "nl": "{given!r} is een ingetrokken ISO 3166-1-landcode ({were_nl}); gebruik de huidige code",
        "en": "{given!r} is a withdrawn ISO 3166-1 country code ({were}); use the current code",
    },
    "KV130.use": {
        "nl": "{given!r} is geen ISO 3166-1-landcode van twee letters; gebruik {use}",
        "en": "{given!r} is not an ISO 3166-1 alpha-2 country code; use {use}",
    },
    "KV130.mean": {
        "nl": "{given!r} is geen ISO 3166-1-landcode (twee letters, bijvoorbeeld NL; XA-XZ voor fictieve "
        "landen); bedoelt u {listed}?",
        "en": "{given!r} is not an ISO 3166-1 alpha-2 country code (two letters, e.g. NL; XA-XZ for "
        "fictional countries); did you mean {listed}?",
    },
    "KV130.unknown": {
        "nl": "{given!r} is geen ISO 3166-1-landcode (twee letters, bijvoorbeeld NL; XA-XZ voor "
        "fictieve landen)",
        "en": "{given!r} is not an ISO 3166-1 alpha-2 country code (two letters, e.g. NL; XA-XZ for "
        "fictional countries)",
    },
    "DT202.no_unknown": {
        "nl": "deze vraag staat 'onbekend' niet toe",
        "en": "this input does not accept 'unknown'",
    },
    "DT202.boolean": {"nl": "verwacht ja of nee (true of false)", "en": "expected true or false"},
    "DT202.one_of": {"nl": "verwacht een van: {values}", "en": "expected one of {values}"},
    "DT202.list": {"nl": "verwacht een lijst van waarden", "en": "expected a list of values"},
    "DT202.not_among": {"nl": "{named} staat niet tussen {values}", "en": "{named} not among {values}"},
    "DT202.integer": {"nl": "verwacht een geheel getal", "en": "expected a whole number"},
    "DT202.number": {"nl": "verwacht een getal", "en": "expected a number"},
    "DT202.finite": {"nl": "verwacht een eindig getal", "en": "expected a finite number"},
    "DT202.date": {"nl": "verwacht een datum (JJJJ-MM-DD)", "en": "expected a date (YYYY-MM-DD)"},
    "DT202.text": {"nl": "verwacht tekst", "en": "expected text"},
    "DT202.too_long": {"nl": "langer dan {limit} tekens", "en": "longer than {limit} characters"},
    "DT202.below": {"nl": "onder het minimum {low}", "en": "below the minimum {low}"},
    "DT202.above": {"nl": "boven het maximum {high}", "en": "above the maximum {high}"},
    # -- problems in a case or lists file (shown as "field: message")
    "KV100.schema": {"nl": "de waarde is niet geldig", "en": "{message}"},
    "KV110.schema": {"nl": "de waarde is niet geldig", "en": "{message}"},
    "KV100.unknown_field": {"nl": "onbekend veld", "en": "unknown field"},
    "KV110.unknown_field": {"nl": "onbekend veld", "en": "unknown field"},
    "KV100.answer_on_top": {
        "nl": "dit is een antwoord; zet het onder 'answers:'",
        "en": "this is an answer; put it under 'answers:'",
    },
    "KV100.mean_answer": {
        "nl": "bedoelt u het antwoord {suggestion!r} (onder 'answers:')?",
        "en": "did you mean the answer {suggestion!r} (under 'answers:')?",
    },
    "KV100.mean_field": {"nl": "bedoelt u {suggestion!r}?", "en": "did you mean {suggestion!r}?"},
    "KV100.no_question": {
        "nl": "de beslisboom {tree!r} heeft geen vraag met deze naam",
        "en": "the tree {tree!r} has no such question",
    },
    "KV100.hint": {"nl": "; bedoelt u {suggestion!r}?", "en": "; did you mean {suggestion!r}?"},
    "KV100.bad_answer": {"nl": "{reason} (gegeven: {value})", "en": "{reason} (got {value})"},
    "KV110.mapping": {
        "nl": "een lijstenbestand begint met een mapping (countries, crown_jewels, watch_list, "
        "country_names)",
        "en": "a lists file holds a mapping at the top (countries, crown_jewels, watch_list, country_names)",
    },
    "KV110.mean_field": {"nl": "bedoelt u {suggestion!r}?", "en": "did you mean {suggestion!r}?"},
    "KV100.areas_differ": {
        "nl": "het veld van de casus en answers.technology_areas verschillen",
        "en": "the case's field and answers.technology_areas differ",
    },
    "KV100.jewels": {
        "nl": "{missing} staat niet op de lijst van de instelling ({known})",
        "en": "{missing} not on the institution's list ({known})",
    },
    # -- schema messages (pydantic's own English is kept in English output)
    "schema.string_type": {"nl": "hier hoort tekst", "en": "{message}"},
    "schema.int_type": {"nl": "hier hoort een geheel getal", "en": "{message}"},
    "schema.int_parsing": {"nl": "hier hoort een geheel getal", "en": "{message}"},
    "schema.float_type": {"nl": "hier hoort een getal", "en": "{message}"},
    "schema.float_parsing": {"nl": "hier hoort een getal", "en": "{message}"},
    "schema.bool_type": {"nl": "hier hoort true of false", "en": "{message}"},
    "schema.bool_parsing": {"nl": "hier hoort true of false", "en": "{message}"},
    "schema.date_type": {"nl": "hier hoort een datum (JJJJ-MM-DD)", "en": "{message}"},
    "schema.date_from_datetime_parsing": {"nl": "hier hoort een datum (JJJJ-MM-DD)", "en": "{message}"},
    "schema.dict_type": {"nl": "hier hoort een mapping (sleutels met waarden)", "en": "{message}"},
    "schema.model_type": {"nl": "hier hoort een mapping (sleutels met waarden)", "en": "{message}"},
    "schema.list_type": {"nl": "hier hoort een lijst", "en": "{message}"},
    "schema.tuple_type": {"nl": "hier hoort een lijst", "en": "{message}"},
    "schema.literal_error": {"nl": "kies een van: {expected}", "en": "{message}"},
    "schema.enum": {"nl": "kies een van: {expected}", "en": "{message}"},
    "schema.string_too_short": {"nl": "de tekst mag niet leeg zijn", "en": "{message}"},
    "schema.too_short": {"nl": "te weinig elementen (minstens {min_length})", "en": "{message}"},
    "schema.too_long": {"nl": "te veel elementen (hoogstens {max_length})", "en": "{message}"},
    "schema.string_too_long": {
        "nl": "de tekst is te lang (hoogstens {max_length} tekens)",
        "en": "{message}",
    },
    "schema.string_pattern_mismatch": {"nl": "de tekst heeft niet de vereiste vorm", "en": "{message}"},
    "schema.greater_than_equal": {"nl": "de waarde moet minstens {ge} zijn", "en": "{message}"},
    "schema.greater_than": {"nl": "de waarde moet groter zijn dan {gt}", "en": "{message}"},
    "schema.less_than_equal": {"nl": "de waarde mag hoogstens {le} zijn", "en": "{message}"},
    "schema.less_than": {"nl": "de waarde moet kleiner zijn dan {lt}", "en": "{message}"},
    "schema.union_tag_invalid": {
        "nl": "onbekende soort {tag!r}; kies een van: {expected_tags}",
        "en": "{message}",
    },
    "schema.union_tag_not_found": {"nl": "de soort (kind of type) ontbreekt", "en": "{message}"},
    "schema.value_error": {"nl": "de waarde is niet geldig", "en": "{message}"},
    "schema.missing": {"nl": "dit veld is verplicht en ontbreekt", "en": "{message}"},
    "schema.date_parsing": {"nl": "hier hoort een datum (JJJJ-MM-DD)", "en": "{message}"},
    "schema.url_parsing": {"nl": "hier hoort een webadres (https://…)", "en": "{message}"},
    "schema.string_type_or_none": {"nl": "hier hoort tekst", "en": "{message}"},
    "schema.nested": {"nl": "{reason}", "en": "{message}"},
}


class _Facts(dict[str, object]):
    """Facts for a message; one the text asks for but the error did not keep shows as '…'."""

    def __missing__(self, key: str) -> object:
        return "…"


def error_text(key: str, lang: Lang, facts: Mapping[str, object] | None = None) -> str:
    """The error message ``key`` in ``lang``, filled with ``facts``. A key the catalogue lacks falls
    back to its code's meaning; a pydantic schema message (``….schema``) to its kind."""
    facts = facts or {}
    entry: Mapping[Lang, str] | None = None
    reason_key = facts.get("reason_key")
    if lang != "en" and isinstance(reason_key, str):  # a nested reason, worded from its own key
        inner = {k: v for k, v in facts.items() if k not in ("reason", "reason_key")}
        facts = {**facts, "reason": error_text(reason_key, lang, inner)}
    if key.endswith(".schema") and lang != "en":
        entry = ERRORS.get("schema.nested" if "reason_key" in facts else f"schema.{facts.get('kind')}")
    entry = entry or ERRORS.get(key) or WORDS.get(key) or ERRORS.get(key.split(".", 1)[0]) or ERRORS["DT000"]
    return entry[lang].format_map(_Facts(facts))


def word(key: str, lang: Lang, **fill: object) -> str:
    """The interface word ``key`` in ``lang``, with ``{name}`` placeholders filled from ``fill``."""
    text = WORDS[key][lang]
    return text.format(**fill) if fill else text


def check_lang(lang: str) -> Lang:
    """``lang`` as a :data:`~decision_trees.model.Lang`; a :class:`ValueError` names the choices."""
    if lang == "nl":
        return "nl"
    if lang == "en":
        return "en"
    raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")


def environment_lang(environ: Mapping[str, str] | None = None, default: Lang = "en") -> Lang:
    """The language the locale asks for: Dutch when ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` (the
    first one set, as POSIX reads them) starts with ``nl``; otherwise ``default``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "nl" if value.lower().startswith("nl") else default
    return default
