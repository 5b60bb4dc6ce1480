"""The command line's help texts in Dutch, keyed by their English text (the gettext way: the
English text in the code is the message id). :func:`kennisveiligheid.cli.build_parser` applies
them for ``--lang nl`` or a Dutch locale; a test checks that every help text has a translation.

The interface words of the outputs themselves are in :mod:`decision_trees.words`.
"""

from __future__ import annotations

from typing import Final

__all__ = ["ARGPARSE_ERRORS_NL", "ARGPARSE_NL", "EXIT_CODES_EN", "HELP_NL"]

#: argparse's own words.
ARGPARSE_NL: Final[dict[str, str]] = {
    "usage: ": "gebruik: ",
    "positional arguments": "positionele argumenten",
    "options": "opties",
    "optional arguments": "opties",
}

#: argparse's error messages (English from its own gettext), as patterns and their Dutch.
ARGPARSE_ERRORS_NL: Final[tuple[tuple[str, str], ...]] = (
    (r"invalid choice: (.*) \(choose from (.*)\)", r"ongeldige keuze: \1 (kies uit \2)"),
    (r"the following arguments are required: (.*)", r"deze argumenten ontbreken: \1"),
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (r"expected one argument", "verwacht één waarde"),
    (r"invalid (\w+) value: (.*)", r"ongeldige waarde: \2"),
    (r"^argument ", "argument "),
)

#: The exit codes, as every command's help shows them (the English text is the message id).
EXIT_CODES_EN: Final = """\
exit codes:
   0  go, or out of scope
  10  go with measures
  20  escalate (to the knowledge-security adviser or the committee)
  30  postpone for more information
  40  export-control check (classification or licence)
  45  permitted, but not desirable (the institution's own guideline or list)
  50  not permitted
   2  bad input (invalid case, tree, lists or register; a file that cannot be written; input
      ended before a decision). Every error shows its code, e.g. [KV100]: see docs/errors.md.
 130  interrupted (Ctrl-C; ask saves the answers so far first)
"""

_EXIT_CODES_NL = """\
exitcodes:
   0  doorgaan, of buiten de beslisboom
  10  doorgaan met maatregelen
  20  voorleggen (aan de adviseur kennisveiligheid of de commissie)
  30  aanhouden tot er meer informatie is
  40  exportcontrole (classificatie of vergunning)
  45  toegestaan, maar niet wenselijk (eigen richtlijn of lijst van de instelling)
  50  niet toegestaan
   2  onjuiste invoer (ongeldige casus, beslisboom, lijst of register; een bestand dat niet
      geschreven kan worden; invoer gestopt vóór het besluit). Elke fout toont haar code,
      bv. [KV100]: zie docs/errors.md.
 130  onderbroken (Ctrl-C; ask bewaart eerst de antwoorden tot dan toe)
"""

HELP_NL: Final[dict[str, str]] = {
    "a register file (YAML, CSV or xlsx)": "een registerbestand (YAML, CSV of xlsx)",
    "continue from answers saved earlier (a case file, e.g. one written by --save)": (
        "ga verder met eerder bewaarde antwoorden (een casusbestand, bv. geschreven met --save)"
    ),
    "kennisveiligheid explore: one self-contained web page to answer, decide and browse a tree.\n\n"
    "TREE is a tree file or reference (the shipped knowledge-security tree). The page needs no\n"
    "network and no installation: open it in a browser, mail it, or put it on an intranet. The drawing\n"
    "needs the Graphviz dot program when the page is made; without it, the page still works, without\n"
    "the drawing.": (
        "kennisveiligheid explore: één losse webpagina om een beslisboom te doorlopen, te laten\n"
        "beslissen en te bekijken.\n\n"
        "TREE is een beslisboombestand of reference (de meegeleverde beslisboom kennisveiligheid).\n"
        "De pagina heeft geen netwerk en geen installatie nodig: open haar in een browser, mail haar\n"
        "of zet haar op het intranet. Voor de tekening is bij het maken het programma dot van\n"
        "Graphviz nodig; zonder dot werkt de pagina ook, maar zonder tekening."
    ),
    "more case files or folders: all are assessed into one table (--format csv or xlsx)": (
        "meer casusbestanden of mappen: alle worden beoordeeld in één tabel (--format csv of xlsx)"
    ),
    "save the answers as a case file (YAML) after the decision; if the session stops early (Ctrl-C, "
    "end of input) the answers so far are saved here (else in a recovery file it names)": (
        "bewaar de antwoorden na het besluit als casusbestand (YAML); stopt de sessie eerder "
        "(Ctrl-C, einde invoer), dan worden de antwoorden tot dan toe hier bewaard (anders in een "
        "herstelbestand dat genoemd wordt)"
    ),
    "text (default; colours on a terminal unless NO_COLOR is set), json or markdown; csv or xlsx "
    "for a table of many cases (the default for several cases or a folder: csv)": (
        "text (standaard; kleur in een terminal, tenzij NO_COLOR is gezet), json of markdown; csv "
        "of xlsx voor een tabel met veel casussen (standaard bij meer casussen of een map: csv)"
    ),
    "the case file to decide (or a folder of them)": (
        "het casusbestand waarover besloten wordt (of een map met casusbestanden)"
    ),
    "the page's first language": "de taal waarin de pagina opent",
    "with --format csv: write for Excel (UTF-8 with a byte-order mark) with this delimiter: "
    "'semicolon' for a Dutch (or other European) locale, 'comma' for an English one": (
        "met --format csv: schrijf voor Excel (UTF-8 met byte-order mark) met dit scheidingsteken: "
        "'semicolon' (puntkomma) voor een Nederlandse of andere Europese instelling, 'comma' "
        "(komma) voor een Engelse"
    ),
    "write one self-contained web page that asks, decides, explains and draws a tree": (
        "schrijf één losse webpagina die een beslisboom doorvraagt, beslist, uitlegt en tekent"
    ),
    "write the table here (needed for xlsx)": "schrijf de tabel naar dit bestand (nodig voor xlsx)",
    "Knowledge-security and strategic-partner decisions as explainable decision trees.": (
        "Besluiten over kennisveiligheid en strategische partners, als uitlegbare beslisbomen."
    ),
    "show this help message and exit": "toon deze hulptekst en stop",
    "answer the questions one by one in the terminal": "beantwoord de vragen een voor een in de terminal",
    "decide a case file and explain why": "beslis over een casusbestand en leg uit waarom",
    "verify a decision tree: gaps, overlaps, dead branches, invariants": (
        "controleer een beslisboom: gaten, overlappingen, dode takken, invarianten"
    ),
    "compare two versions of a tree: file changes and cases decided differently": (
        "vergelijk twee versies van een beslisboom: wijzigingen en casussen met een andere uitkomst"
    ),
    "write a decision tree for another engine (durable-rules JSON)": (
        "schrijf een beslisboom voor een ander systeem (durable-rules, JSON)"
    ),
    "assess a (candidate) strategic partner: criteria, knowledge security, reviews due": (
        "beoordeel een (kandidaat-)strategische partner: criteria, kennisveiligheid, evaluaties"
    ),
    "draw a decision tree, or the path a case takes through it": (
        "teken een beslisboom, of het pad dat een casus erdoor volgt"
    ),
    "portfolio report of a partner register: status and reviews due, most urgent first": (
        "portefeuilleoverzicht van een partnerregister: status en evaluaties, de dringendste eerst"
    ),
    "An interactive questionnaire: asks only the questions the path needs and ends with the "
    "explained decision.": (
        "Een vragenlijst in de terminal: stelt alleen de vragen die het pad nodig heeft en eindigt "
        "met het besluit en de uitleg."
    ),
    """how to answer:
  a number or a value id   choose an option (several for multiple choice: "1 3" or "1,3")
  0 or none                none of the options (multiple choice)
  u or unknown             "I don't know" (where allowed; it leads to gathering information)
  ?                        help and sources for the question
  b or back                go back one question
  end of input (Ctrl-D)    stop without a decision (exit code 2)

"""
    + EXIT_CODES_EN: """zo antwoordt u:
  een nummer of waarde      kies een optie (meerdere bij meerkeuze: "1 3" of "1,3")
  0 of geen                 geen van de opties (meerkeuze)
  o of onbekend             "weet ik niet" (waar dat mag; dan volgt eerst informatie verzamelen)
  ?                         uitleg en bronnen bij de vraag
  t of terug                een vraag terug
  einde invoer (Ctrl-D)     stoppen zonder besluit (exitcode 2)

"""
    + _EXIT_CODES_NL,
    EXIT_CODES_EN: _EXIT_CODES_NL,
    "the institution's own tree, or an overlay with 'extends: reference' (default: reference tree)": (
        "de eigen beslisboom van de instelling, of een aanvulling met 'extends: reference' "
        "(standaard: de referentieboom)"
    ),
    "the institution's own dated lists (countries, crown jewels, watch list)": (
        "de eigen, gedateerde lijsten van de instelling (landen, kroonjuwelen, aandachtslijst)"
    ),
    "language of the output (default: nl when the locale is Dutch, else en)": (
        "taal van de uitvoer (standaard: nl bij een Nederlandse locale, anders en)"
    ),
    "save the answers as a case file (YAML) after the decision": (
        "bewaar de antwoorden na het besluit als casusbestand (YAML)"
    ),
    "Decide whether a collaboration (a case file) is permitted and desirable, and why.": (
        "Bepaal of een samenwerking (een casusbestand) toegestaan en/of wenselijk is, en waarom."
    ),
    "the committee's or adviser's recorded decision, shown in the document's decision block": (
        "het vastgelegde besluit van de commissie of de adviseur, voor het besluitblok van het document"
    ),
    "the case file to decide": "het casusbestand waarover besloten wordt",
    "text (default; colours on a terminal unless NO_COLOR is set), json or markdown": (
        "text (standaard; kleur in een terminal, tenzij NO_COLOR is gezet), json of markdown"
    ),
    "also write the committee document as one self-contained HTML page to FILE": (
        "schrijf ook het besluitdocument voor de commissie als losse HTML-pagina naar FILE"
    ),
    "also write the committee document as an A4 PDF to FILE (needs the 'pdf' extra: WeasyPrint)": (
        "schrijf ook het besluitdocument voor de commissie als A4-pdf naar FILE "
        "(vraagt de uitbreiding 'pdf': WeasyPrint)"
    ),
    """kennisveiligheid check: verify a decision tree before it is adopted.

Reports every gap (answers no branch takes), overlap, masked or unreachable branch, unreachable
question or outcome, question asked twice on a path, odd condition, unused input, and every
violated invariant the tree declares — each with an example case. Exit status: 0 when the tree is
clean, 1 when there are findings (--fail-on error ignores warnings), 2 when the file cannot
be read or is not a valid tree.""": """\
kennisveiligheid check: controleer een beslisboom voordat die wordt vastgesteld.

Meldt elk gat (antwoorden waarvoor geen tak bestaat), elke overlapping, verborgen of
onbereikbare tak, onbereikbare vraag of uitkomst, vraag die op één pad twee keer wordt gesteld,
vreemde voorwaarde, ongebruikte invoer, en elke geschonden invariant die de boom zelf noemt —
telkens met een voorbeeldcasus. Exitstatus: 0 als de boom in orde is, 1 bij bevindingen
(--fail-on error negeert waarschuwingen), 2 als het bestand niet te lezen is of geen geldige
beslisboom is.""",
    "a tree file (YAML or JSON), or 'reference'": "een beslisboombestand (YAML of JSON), of 'reference'",
    "output format": "uitvoervorm",
    "language of the messages": "taal van de meldingen",
    "the least severe finding that makes the exit status 1 (default: warning)": (
        "de lichtste bevinding die exitstatus 1 geeft (standaard: warning)"
    ),
    "skip the invariants the tree declares": "sla de invarianten van de beslisboom over",
    """kennisveiligheid diff: what changes between two versions of a decision tree.

Lists the changes in the file (nodes, texts, sources, conditions and thresholds, routing,
outcomes) and every region of cases that the new version decides differently, with an example
case and the old and new outcome. Exit status: 0 when nothing changed, 1 when something did
(--behaviour-only: only when some case is decided differently), 2 when a file cannot be read
or is not a valid tree.""": """kennisveiligheid diff: wat er verandert tussen twee versies van een beslisboom.

Somt de wijzigingen in het bestand op (knooppunten, teksten, bronnen, voorwaarden en drempels,
routering, uitkomsten) en elk gebied van casussen waarover de nieuwe versie anders beslist, met
een voorbeeldcasus en de oude en nieuwe uitkomst. Exitstatus: 0 als er niets veranderde, 1 als
er iets veranderde (--behaviour-only: alleen als een casus een andere uitkomst krijgt), 2 als
een bestand niet te lezen is of geen geldige beslisboom is.""",
    "the current version (a tree file, or 'reference')": (
        "de huidige versie (een beslisboombestand, of 'reference')"
    ),
    "the proposed version (a tree file, or 'reference')": (
        "de voorgestelde versie (een beslisboombestand, of 'reference')"
    ),
    "language of the text": "taal van de tekst",
    "exit with 1 only when some case is decided differently": (
        "geef exitstatus 1 alleen als een casus een andere uitkomst krijgt"
    ),
    """kennisveiligheid export: write a decision tree in another engine's format.

--durable writes the tree as a durable-rules ruleset (JSON) that Python, Node.js and Ruby
hosts of durable-rules can register; docs/durable.md describes the events to post and the
actions to implement. TREE is a tree file or reference (the shipped knowledge-security
tree). Exporting needs no durable-rules installation. The same tree always gives the same text.""": (
        """kennisveiligheid export: schrijf een beslisboom in de vorm van een ander systeem.

--durable schrijft de boom als durable-rules-regelset (JSON) die Python-, Node.js- en
Ruby-toepassingen van durable-rules kunnen registreren; docs/durable.md beschrijft de
gebeurtenissen en acties. TREE is een beslisboombestand of reference (de meegeleverde
referentieboom kennisveiligheid). Exporteren vraagt geen installatie van durable-rules. Dezelfde
boom geeft altijd dezelfde tekst."""
    ),
    "a tree file (YAML or JSON), or 'reference' for the shipped tree": (
        "een beslisboombestand (YAML of JSON), of 'reference' voor de meegeleverde beslisboom"
    ),
    "a durable-rules ruleset as JSON (see docs/durable.md)": (
        "een durable-rules-regelset als JSON (zie docs/durable.md)"
    ),
    "write here instead of to standard output": "schrijf hierheen in plaats van naar de standaarduitvoer",
    """kennisveiligheid partner: assess a (candidate) strategic partner against the criteria of
annex 2, combined with knowledge security, and list the reviews due.

CANDIDATE is a partner file (YAML). Its knowledge_security section names a case file
(assessed with the reference tree) or records an earlier outcome; --ks-case overrides it.
Objective 1 counts from --objective-1-min of its five sub-points (default 3: the policy does
not say; the trace states it).""": (
        """kennisveiligheid partner: beoordeel een (kandidaat-)strategische partner aan de criteria
van bijlage 2, samen met kennisveiligheid, en noem de evaluaties die eraan komen.

CANDIDATE is een partnerbestand (YAML). Het onderdeel knowledge_security noemt een casusbestand
(beoordeeld met de referentieboom) of legt een eerdere uitkomst vast; --ks-case gaat daarvoor.
Doelstelling 1 telt mee vanaf --objective-1-min van haar vijf subpunten (standaard 3: het beleid zegt
het niet; de uitleg vermeldt het)."""
    ),
    "a partner file": "een partnerbestand",
    "how many of the 3 measures (volume, quality, breadth) make objective 2 count (1-3; default 2)": (
        "op hoeveel van de 3 maatstaven (volume, kwaliteit, breedte) doelstelling 2 onderbouwd "
        "moet zijn (1-3; standaard 2)"
    ),
    "language of the text output": "taal van de tekstuitvoer",
    "a knowledge-security case file to assess instead": (
        "beoordeel in plaats daarvan dit casusbestand kennisveiligheid"
    ),
    "how many of the 5 sub-points make objective 1 count (1-5; default 3)": (
        "hoeveel van de 5 subpunten van doelstelling 1 nodig zijn om die doelstelling mee te tellen "
        "(1-5; standaard 3)"
    ),
    "date for the reviews due (default: today)": "peildatum voor de evaluaties (standaard: vandaag)",
    "leave out the tree's step-by-step derivation": "laat de stapsgewijze afleiding van de beslisboom weg",
    """kennisveiligheid render: draw a decision tree, or the path a case takes through it.

TREE is a tree file or reference (the shipped knowledge-security tree). With --case the
path is highlighted; --path-only keeps only the path and the nodes next to it. SVG, PNG and
PDF need the Graphviz dot program; dot and mermaid text need nothing.""": (
        """kennisveiligheid render: teken een beslisboom, of het pad dat een casus erdoor volgt.

TREE is een beslisboombestand of reference (de meegeleverde referentieboom kennisveiligheid).
Met --case wordt het pad gemarkeerd; --path-only toont alleen het pad en de knooppunten ernaast.
SVG, PNG en PDF vragen het Graphviz-programma dot; dot- en mermaid-tekst vragen niets."""
    ),
    "a case file: highlight the path it takes": "een casusbestand: markeer het pad dat het volgt",
    "output format (default: from the -o suffix, else svg)": (
        "uitvoervorm (standaard: volgens de extensie van -o, anders svg)"
    ),
    "language of the labels": "taal van de teksten in de tekening",
    "draw only the case's path and the nodes one step from it (needs --case)": (
        "teken alleen het pad van de casus en de knooppunten één stap ernaast (vraagt --case)"
    ),
    "show the sources as tooltips (default), as a numbered list, or not at all": (
        "toon de bronnen als tooltips (standaard), als genummerde lijst, of niet"
    ),
    """kennisveiligheid reviews: the portfolio report of a register of partners.

REGISTER is a YAML (partners: list) or CSV file of partners. Per partner: the assessment
(criteria of annex 2 combined with knowledge security) and the reviews due on --on (annual
monitoring, evaluation every other year, knowledge-security assessment before the agreement is
renewed), most urgent first.""": (
        """kennisveiligheid reviews: het portefeuilleoverzicht van een partnerregister.

REGISTER is een YAML-bestand (lijst partners:) of CSV-bestand met partners. Per partner: de
beoordeling (criteria van bijlage 2 samen met kennisveiligheid) en de evaluaties die op --on
aan de beurt zijn (jaarlijkse monitoring, tweejaarlijkse evaluatie, beoordeling
kennisveiligheid voordat de overeenkomst wordt verlengd), de dringendste eerst."""
    ),
    "a register file (YAML or CSV)": "een registerbestand (YAML of CSV)",
    "report date (default: today)": "datum van het overzicht (standaard: vandaag)",
    "language of text and labels": "taal van tekst en kolomnamen",
    "the knowledge-security assessment is due N days before the agreement ends (default 90)": (
        "de beoordeling kennisveiligheid is N dagen voor het einde van de overeenkomst aan de beurt "
        "(standaard 90)"
    ),
    "a review due within N days is listed as due (default 60)": (
        "een evaluatie die binnen N dagen valt, staat als aan de beurt (standaard 60)"
    ),
    # kennisveiligheid dmn
    """kennisveiligheid dmn: exchange decision tables with DMN tools.

dmn export TREE -o FILE.dmn writes the tree's table nodes as DMN decision tables (one output,
the node each row routes to; the table's else as the default). dmn import FILE.dmn -o
TREE.yaml writes a tree whose start is a table node with the DMN table's rows, routing to one
outcome per output value. What one side cannot say is refused with a coded error (DT850, DT82x),
never guessed. Exit status: 0 when written, 2 when a file cannot be read or converted.
""": (
        """kennisveiligheid dmn: wissel beslistabellen uit met DMN-programma's.

dmn export TREE -o FILE.dmn schrijft de tabelknooppunten van de beslisboom als DMN-beslistabellen
(één uitvoer: het knooppunt waar elke rij naartoe leidt; de else van de tabel als standaardwaarde).
dmn import FILE.dmn -o TREE.yaml schrijft een beslisboom die begint met een tabelknooppunt met de
rijen van de DMN-tabel, met één uitkomst per uitvoerwaarde. Wat de ene kant niet kan uitdrukken,
wordt geweigerd met een foutcode (DT850, DT82x), nooit geraden. Exitstatus: 0 als het bestand is
geschreven, 2 als een bestand niet te lezen of om te zetten is."""
    ),
    "exchange decision tables with DMN tools (import a DMN file, export table nodes)": (
        "wissel beslistabellen uit met DMN-programma's (DMN-bestand inlezen, tabelknooppunten uitvoeren)"
    ),
    "a DMN decision table as a tree file (YAML)": "een DMN-beslistabel als beslisboombestand (YAML)",
    "a DMN 1.3, 1.4 or 1.5 file": "een DMN-bestand (versie 1.3, 1.4 of 1.5)",
    "the tree file to write": "het beslisboombestand dat wordt geschreven",
    "the decision to import when the file holds several": (
        "de beslissing die wordt ingelezen als het bestand er meer bevat"
    ),
    "the table nodes of a tree as a DMN file": "de tabelknooppunten van een beslisboom als DMN-bestand",
    "a tree file (YAML or JSON) with table nodes": "een beslisboom (YAML of JSON) met tabelknooppunten",
    "the DMN file to write": "het DMN-bestand dat wordt geschreven",
    "the DMN version to write": "de DMN-versie die wordt geschreven",
}
