"""The ``kennisveiligheid ask`` session: the questionnaire itself (see :mod:`.ask`, which registers
the command and imports this module only when the command runs)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping
from typing import IO, Any

from decision_trees import (
    UNKNOWN,
    Ask,
    BooleanInput,
    DateInput,
    Decision,
    EnumInput,
    InputError,
    IntegerInput,
    InvalidAnswerError,
    Lang,
    NumberInput,
    OutputError,
    Problem,
    SetInput,
    Text,
    TextInput,
    Tree,
)
from decision_trees.support import WORDS, coerce_answer, value_text, word, write_atomic
from kennisveiligheid._commandline import MAX_LINE, load_tree_and_lists, say
from kennisveiligheid._contract import EXIT_BAD_INPUT, EXIT_INTERRUPTED
from kennisveiligheid.case import Collaboration, Derivation, Partner, case_to_yaml, load_case, prepare
from kennisveiligheid.countries import country_code, country_name
from kennisveiligheid.errors import CountryCodeError
from kennisveiligheid.lists import InstitutionLists
from kennisveiligheid.report import SECTIONS, Report, Style, render_text, use_colour

__all__ = ["AskSession", "run"]

_WORDS: Mapping[str, Mapping[Lang, str]] = {
    key.removeprefix("ask."): entry for key, entry in WORDS.items() if key.startswith("ask.")
}

_BACK = {"b", "back", "t", "terug"}
_UNKNOWN = {"u", "unknown", "o", "onbekend"}
_HELP = {"?", "h", "help"}
_NONE = {"0", "none", "geen"}
_YES = {"y", "yes", "j", "ja", "true"}
_NO = {"n", "no", "nee", "false"}


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key][lang]


class _Back(Exception):
    """The user asked to go back one question."""


class AskSession:
    """One run of the questionnaire over ``tree``, reading ``inp`` and writing ``out``."""

    def __init__(
        self,
        tree: Tree,
        lang: Lang = "en",
        style: Style | None = None,
        inp: IO[str] | None = None,
        out: IO[str] | None = None,
    ) -> None:
        self.tree = tree
        self.lang: Lang = lang
        self.style = style or Style()
        self.inp = inp or sys.stdin
        self.out = out or sys.stdout
        self.answers: dict[str, Any] = {}
        self.history: list[str] = []
        self.derived: tuple[Derivation, ...] = ()
        self.partner: Partner | None = None

    # -- input and output ---------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        """Write a line."""
        self.out.write(text + "\n")
        self.out.flush()

    def read(self, prompt: str = "> ") -> str:
        """One line of input, stripped; raises ``EOFError`` at the end of input."""
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline(MAX_LINE + 1)
        if not line:
            raise EOFError
        if len(line) > MAX_LINE:  # no person types this: a file or a device on stdin
            problem = Problem.of("DT101.answer", limit=MAX_LINE, file="<stdin>")
            raise InputError([problem], "<stdin>")
        return line.strip()

    # -- the questionnaire --------------------------------------------------------------------

    def start_with_lists(self, lists: InstitutionLists) -> None:
        """Ask the partner's name and country, and derive the list questions from ``lists``."""
        name = self._read_required(_w("partner_name", self.lang), lambda s: s)
        country = self._read_required(_w("partner_country", self.lang), self._country)
        self.partner = Partner(name=name, country=country)
        prepared = prepare(Collaboration(partner=self.partner), self.tree, lists, omitted_means_none=False)
        self.derived = prepared.derived
        self.answers.update(prepared.answers)
        if self.derived:
            self.say(self.style.dim(f"{_w('from_lists', self.lang)}:"))
            for item in self.derived:
                label = self.tree.inputs[item.input].label.get(self.lang)
                shown = value_text(self.tree.inputs[item.input], item.value, self.lang)
                self.say(self.style.dim(f"  {label} = {shown} ({item.reason.get(self.lang)})"))

    def resume(self, case: Collaboration, lists: InstitutionLists | None) -> int:
        """Start from a saved case: its checked answers (and partner, and what the lists derive).
        Returns the number of answers taken over."""
        prepared = prepare(case, self.tree, lists, omitted_means_none=False)
        given = {key: prepared.answers[key] for key in case.answers if key in prepared.answers}
        self.partner = case.partner
        if lists is not None:  # what the institution's lists decide
            self.derived = prepared.derived
            self.answers.update({d.input: d.value for d in prepared.derived})
        self.answers.update(given)
        self.history.extend(given)
        return len(given)

    def _country(self, text: str) -> str:
        try:
            return country_code(text)
        except CountryCodeError as exc:
            if exc.withdrawn:
                raise ValueError(_w("withdrawn_country", self.lang)) from None
            message = _w("bad_country", self.lang)
            if exc.suggestions:
                codes = ", ".join(f"{c} ({country_name(c, self.lang)})" for c in exc.suggestions)
                message += " " + _w("did_you_mean", self.lang).format(codes=codes)
            raise ValueError(message) from None

    def _read_required(self, label: str, parse: Callable[[str], str]) -> str:
        while True:
            text = self.read(f"{label}: ")
            if not text:
                self.say(_w("required", self.lang))
                continue
            try:
                return parse(text)
            except ValueError as exc:
                self.say(str(exc))

    def run(self) -> Decision:
        """Ask until the tree decides; returns the decision. ``EOFError`` when input ends."""
        self.say(self.style.bold(self.tree.title.get(self.lang)) + self.style.dim(f" {self.tree.version}"))
        self.say(self.style.dim(_w("intro", self.lang)))
        while (ask := self.tree.next_question(self.answers)) is not None:
            try:
                value = self.ask(ask)
            except _Back:
                if not self.history:
                    self.say(self.style.warn(_w("nothing_back", self.lang)))
                    continue
                previous = self.history.pop()
                self.answers.pop(previous, None)
                self.say(self.style.dim(_w("back_to", self.lang)))
                continue
            self.answers[ask.input] = value
            self.history.append(ask.input)
        self.say()
        return self.tree.evaluate(self.answers)

    def ask(self, ask: Ask) -> Any:
        """Show one question and read answers until one is valid; ``_Back`` to go back."""
        lang, style = self.lang, self.style
        node = self.tree.nodes[ask.node]
        section = node.section
        heading = f"[{len(self.history) + 1}]"
        if section is not None:
            heading += " " + (SECTIONS[section].get(lang) if section in SECTIONS else section)
        self.say()
        self.say(style.accent(heading))
        self.say(style.bold(ask.text.get(lang)))
        options = ask.options
        for number, (_, label) in enumerate(options, start=1):
            self.say(f"  {number}. {label.get(lang)}")
        decl = ask.declaration
        if isinstance(decl, SetInput):
            self.say(f"  0. {_w('none', lang)}")
        if ask.allow_unknown:
            self.say(f"  u. {_w('unknown', lang)}")
        if isinstance(decl, SetInput):
            self.say(style.dim("  " + _w("several", lang)))
        while True:
            text = self.read("> " if options else f"{_w('value_prompt', lang)}> ")
            word = text.casefold()
            if word in _BACK:
                raise _Back
            if word in _HELP:
                self._help(ask)
                continue
            if word in _UNKNOWN:
                if ask.allow_unknown:
                    return UNKNOWN
                self.say(style.warn(_w("not_allowed", lang)))
                continue
            try:
                return self._parse(ask, text)
            except ValueError as exc:
                self.say(style.warn(str(exc)))

    def _help(self, ask: Ask) -> None:
        help_text = ask.help or ask.declaration.help
        self.say(help_text.get(self.lang) if help_text else _w("no_help", self.lang))
        node = self.tree.nodes[ask.node]
        if node.sources:
            self.say(self.style.dim(f"{_w('sources', self.lang)}:"))
            for citation in node.sources:
                source = self.tree.sources[citation.source]
                section = citation.section_in(self.lang)
                where = f", {section}" if section else ""
                self.say(
                    self.style.dim(
                        f"  - {source.title_in(self.lang)} ({source.date.isoformat()}{where}; "
                        f"{WORDS[citation.provenance][self.lang]})"
                    )
                )

    def _parse(self, ask: Ask, text: str) -> Any:
        if isinstance(ask.declaration, BooleanInput | EnumInput | SetInput):
            return self._parse_choice(ask, text)
        return self._parse_typed(ask, text)

    def _parse_choice(self, ask: Ask, text: str) -> Any:
        """A yes/no, one option or a set of options, by number, id or label."""
        decl, lang = ask.declaration, self.lang
        options = ask.options
        not_understood = ValueError(_w("not_understood", lang).format(answer=text))
        if isinstance(decl, BooleanInput):
            word = text.casefold()
            if word in _YES or word == "1":
                return True
            if word in _NO or word == "2":
                return False
            raise not_understood
        if isinstance(decl, EnumInput):
            chosen = self._choices(options, text)
            if chosen is None:
                raise not_understood
            if len(chosen) != 1:
                raise ValueError(_w("one_only", lang))
            return chosen[0]
        if text.casefold() in _NONE:
            return frozenset()
        chosen = self._choices(options, text)
        if chosen is None:
            raise not_understood
        return frozenset(chosen)

    def _parse_typed(self, ask: Ask, text: str) -> Any:
        """A number, date or text, read as typed and checked against the input's declaration."""
        decl = ask.declaration
        not_understood = ValueError(_w("not_understood", self.lang).format(answer=text))
        raw: Any = text
        try:
            if isinstance(decl, IntegerInput):
                raw = int(text)
            elif isinstance(decl, NumberInput):
                raw = float(text)
            elif isinstance(decl, DateInput):
                raw = dt.date.fromisoformat(text)
        except ValueError:
            raise not_understood from None
        assert isinstance(decl, IntegerInput | NumberInput | DateInput | TextInput)
        try:
            return coerce_answer(ask.input, decl, raw)
        except InvalidAnswerError as exc:
            raise ValueError(exc.reason) from None

    @staticmethod
    def _choices(options: tuple[tuple[Any, Text], ...], text: str) -> list[Any] | None:
        """The option values named by numbers, ids or labels in ``text``; ``None`` if any is unclear."""
        ids = {str(value).casefold(): value for value, _ in options}
        labels = {label.en.casefold(): value for value, label in options}
        labels.update({label.nl.casefold(): value for value, label in options})
        if text.casefold() in ids:
            return [ids[text.casefold()]]
        if text.casefold() in labels:
            return [labels[text.casefold()]]
        chosen: list[Any] = []
        for part in text.replace(",", " ").split():
            key = part.casefold()
            if key.isdigit() and 1 <= int(key) <= len(options):
                value = options[int(key) - 1][0]
            elif key in ids:
                value = ids[key]
            else:
                return None
            if value not in chosen:
                chosen.append(value)
        return chosen or None


def run(args: Any) -> int:
    """Run the questionnaire; the exit code says what was decided (2 if input ended early)."""
    tree, lists = load_tree_and_lists(args)
    lang: Lang = args.lang
    style = Style(use_colour(sys.stdout))
    session = AskSession(tree, lang, style)
    if args.resume:
        count = session.resume(load_case(args.resume), lists)
        session.say(style.dim(_w("resumed", lang).format(count=count, path=args.resume)))
    try:
        if lists is not None and session.partner is None:
            session.start_with_lists(lists)
        decision = session.run()
    except (EOFError, KeyboardInterrupt, InputError) as stop:
        sys.stdout.write("\n")
        sys.stdout.flush()
        saved = _save_partial(session, args, tree)
        interrupted = isinstance(stop, KeyboardInterrupt)
        if saved is None:
            message = _w("interrupted" if interrupted else "eof", lang)
        else:
            message = _w("stopped" if interrupted else "eof_saved", lang).format(path=saved)
        if isinstance(stop, InputError):
            message = f"{word('error', lang)}: {say(stop, lang)}\n{message}"
        print(f"kennisveiligheid: {message}", file=sys.stderr)
        return EXIT_INTERRUPTED if interrupted else EXIT_BAD_INPUT
    notes = tuple(lists.stale(lang=lang)) if lists is not None else ()
    case = Collaboration(partner=session.partner) if session.partner is not None else None
    report = Report(decision, case, session.derived, notes, lists)
    session.say(render_text(report, lang, style))
    if args.save:
        text = case_to_yaml(
            session.answers,
            partner=session.partner,
            expected_outcome=decision.outcome_id,
            comment=(
                f"Saved by `kennisveiligheid ask` on {dt.date.today().isoformat()} with tree "
                f"{tree.id} {tree.version} ({tree.content_hash}).\n"
                "Decide it again with: kennisveiligheid assess THIS_FILE"
            ),
        )
        try:
            write_atomic(args.save, text, inputs=[args.tree, args.lists])
        except OutputError as exc:
            cannot = word("cli.cannot_save", lang, path=args.save)
            print(
                f"kennisveiligheid: {word('error', lang)}: {cannot}: [{exc.code}] {say(exc, lang)}",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        session.say(style.dim(_w("saved", lang).format(path=args.save)))
    return report.exit_code


def _save_partial(session: AskSession, args: Any, tree: Tree) -> str | None:
    """Save the answers given so far (to ``--save``, else to a new recovery file); its path, or
    ``None`` when there was nothing to save. A failing save is reported, never raised."""
    if not session.answers and session.partner is None:
        return None
    path = args.save or f"kennisveiligheid-ask-{dt.datetime.now():%Y%m%d-%H%M%S}.yaml"
    text = case_to_yaml(
        session.answers,
        partner=session.partner,
        comment=(
            f"Answers so far, saved by `kennisveiligheid ask` on {dt.date.today().isoformat()} with tree "
            f"{tree.id} {tree.version} ({tree.content_hash}); no decision yet.\n"
            f"Continue with: kennisveiligheid ask --resume {path}"
        ),
    )
    try:
        write_atomic(path, text, inputs=[args.tree, args.lists])
    except OutputError as exc:
        print(f"kennisveiligheid: {word('error', session.lang)}: {say(exc, session.lang)}", file=sys.stderr)
        return None
    return str(path)
