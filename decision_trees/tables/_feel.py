"""The S-FEEL unary-test subset: a small hand-written parser and printer, nothing evaluated as code.

Supported: ``-``; literals (numbers, ``"strings"``, ``true``/``false``, ``date("2024-01-31")``);
comparisons ``< <= > >=`` with a literal; ranges ``[a..b]``, ``(a..b)``, ``]a..b[`` and the
half-open mixes; comma-separated lists of these; ``not(...)`` around such a list. Anything else
is refused with the offset where it stopped making sense.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from decimal import Decimal, InvalidOperation

from decision_trees.tables.model import Cell, Equal, Range, Value

__all__ = ["FeelError", "cell_text", "parse_literal", "parse_unary_tests", "value_text"]

MAX_TEXT = 10_000


class FeelError(ValueError):
    """A text is outside the supported S-FEEL subset; ``offset`` is where (0-based)."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


_TOKEN = re.compile(
    r"""\s*(?:
      (?P<string>"(?:[^"\\]|\\.)*")
    | (?P<number>-?(?:\d+(?:\.\d+)?|\.\d+))
    | (?P<range>\.\.)
    | (?P<op><=|>=|<|>)
    | (?P<punct>[\[\]\(\),-])
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    )""",
    re.VERBOSE,
)
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r", "'": "'"}


def _tokens(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.lastgroup is None:
            stripped = len(text) - len(text[pos:].lstrip())
            raise FeelError(f"unexpected {text[stripped : stripped + 10]!r}", stripped)
        kind = match.lastgroup
        tokens.append((kind, match.group(kind), match.start(kind)))
        pos = match.end()
    return tokens


def _unquote(token: str, offset: int) -> str:
    out: list[str] = []
    i = 1
    while i < len(token) - 1:
        char = token[i]
        if char == "\\":
            nxt = token[i + 1]
            if nxt not in _ESCAPES:
                raise FeelError(f"unsupported escape \\{nxt} in a string", offset + i)
            out.append(_ESCAPES[nxt])
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


class _Parser:
    def __init__(self, text: str, names: Collection[str] | None) -> None:
        if len(text) > MAX_TEXT:
            raise FeelError(f"longer than {MAX_TEXT} characters", 0)
        self.text = text
        self.tokens = _tokens(text)
        self.i = 0
        self.names = names

    def peek(self, ahead: int = 0) -> tuple[str, str, int] | None:
        j = self.i + ahead
        return self.tokens[j] if j < len(self.tokens) else None

    def take(self) -> tuple[str, str, int]:
        token = self.peek()
        if token is None:
            raise FeelError("the text ends too early", len(self.text))
        self.i += 1
        return token

    def expect(self, value: str) -> None:
        token = self.take()
        if token[1] != value:
            raise FeelError(f"expected {value!r}, found {token[1]!r}", token[2])

    def at_end(self) -> bool:
        return self.i >= len(self.tokens)

    def cell(self) -> Cell:
        if not self.tokens:
            raise FeelError("empty; write - for any value", 0)
        first = self.peek()
        assert first is not None
        if first[1] == "-" and len(self.tokens) == 1:
            return Cell()
        if first[0] == "name" and first[1] == "not" and (nxt := self.peek(1)) is not None and nxt[1] == "(":
            self.i += 2
            tests = self.tests()
            self.expect(")")
            self.end()
            return Cell(tests=tests, negated=True)
        tests = self.tests()
        self.end()
        return Cell(tests=tests)

    def end(self) -> None:
        if not self.at_end():
            token = self.take()
            raise FeelError(f"unexpected {token[1]!r}", token[2])

    def tests(self) -> tuple[Equal | Range, ...]:
        tests: list[Equal | Range] = [self.test()]
        while (token := self.peek()) is not None and token[1] == ",":
            self.i += 1
            tests.append(self.test())
        return tuple(tests)

    def test(self) -> Equal | Range:
        token = self.peek()
        if token is None:
            raise FeelError("a test is missing", len(self.text))
        kind, value, _offset = token
        if kind == "op":
            self.i += 1
            bound = self.literal()
            if value == "<":
                return Range(high=bound, high_closed=False)
            if value == "<=":
                return Range(high=bound, high_closed=True)
            if value == ">":
                return Range(low=bound, low_closed=False)
            return Range(low=bound, low_closed=True)
        if value in ("[", "(", "]"):
            self.i += 1
            low = self.literal()
            dots = self.take()
            if dots[0] != "range":
                raise FeelError(f"expected '..' in a range, found {dots[1]!r}", dots[2])
            high = self.literal()
            close = self.take()
            if close[1] not in ("]", ")", "["):
                raise FeelError(f"a range ends with ], ) or [, found {close[1]!r}", close[2])
            return Range(low=low, low_closed=value == "[", high=high, high_closed=close[1] == "]")
        return Equal(value=self.literal())

    def literal(self) -> Value:
        kind, value, offset = self.take()
        if kind == "string":
            return _unquote(value, offset)
        if kind == "number":
            try:
                return Decimal(value)
            except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
                raise FeelError(f"not a number: {value!r}", offset) from exc
        if kind == "name":
            if value in ("true", "false"):
                return value == "true"
            if value == "date" and (nxt := self.peek()) is not None and nxt[1] == "(":
                self.i += 1
                arg = self.take()
                if arg[0] != "string":
                    raise FeelError("date(...) takes a quoted ISO date", arg[2])
                try:
                    day = dt.date.fromisoformat(_unquote(arg[1], arg[2]))
                except ValueError as exc:
                    raise FeelError(f"not an ISO date (YYYY-MM-DD): {arg[1]}", arg[2]) from exc
                self.expect(")")
                return day
            if self.names is not None and value not in ("null", "not"):
                return value  # checked against the declared values by the loader
            if value in ("null", "not"):
                raise FeelError(f"{value!r} is outside the supported unary tests", offset)
            raise FeelError(
                f"{value!r} is a name, and expressions over names are outside the supported subset; "
                'quote text as "..."',
                offset,
            )
        raise FeelError(f"expected a value, found {value!r}", offset)


def parse_unary_tests(text: str, names: Collection[str] | None = None) -> Cell:
    """Parse one cell. ``names``: bare words are read as text (YAML enum columns, whose loader
    then checks them against these declared values)."""
    return _Parser(text, names).cell()


def parse_literal(text: str) -> Value:
    """Parse one literal (an output entry or a default): number, string, boolean or date."""
    parser = _Parser(text, None)
    if not parser.tokens:
        raise FeelError("empty", 0)
    value = parser.literal()
    parser.end()
    return value


def _number_text(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def value_text(value: Value) -> str:
    """A value written as an S-FEEL literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _number_text(value)
    if isinstance(value, dt.date):
        return f'date("{value.isoformat()}")'
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    escaped = escaped.replace("\r", "\\r")
    return f'"{escaped}"'


def _test_text(test: Equal | Range) -> str:
    if isinstance(test, Equal):
        return value_text(test.value)
    if test.low is None and test.high is None:
        return "-"
    if test.low is None:
        assert test.high is not None
        return ("<= " if test.high_closed else "< ") + value_text(test.high)
    if test.high is None:
        return (">= " if test.low_closed else "> ") + value_text(test.low)
    start = "[" if test.low_closed else "("
    end = "]" if test.high_closed else ")"
    return f"{start}{value_text(test.low)}..{value_text(test.high)}{end}"


def cell_text(cell: Cell) -> str:
    """A cell written back as S-FEEL unary tests (parses to an equal cell)."""
    if cell.any:
        return "-"
    inner = ", ".join(_test_text(test) for test in cell.tests)
    return f"not({inner})" if cell.negated else inner
