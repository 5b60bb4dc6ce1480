"""Compile a validated tree into Python functions, by building syntax trees, never source text.

The walk over a tree becomes nested ``if`` statements, much like a hand-written decision
function. Safety: the functions are assembled from ``ast`` node objects; node ids, input ids and
answer values enter them only as ``ast.Constant`` values (or by index into tables passed in), so
nothing written in a tree file can ever become code. No text is parsed or evaluated.

Every question reads its answer once. An answer already in its checked form (``True``/``False``,
a declared enum value, an in-range ``int``/``float``/``date``, a ``frozenset`` of declared values,
or :data:`~decision_trees.UNKNOWN`) is tested inline; anything else goes to the question's
chooser, which checks (coerces) it once and raises the typed error for a bad answer.

Each node is inlined into its parent. When every path, with shared nodes inlined into each of
their parents, stays within :data:`MAX_UNROLLED` nodes and :data:`MAX_INLINE_DEPTH` levels, the
walk is one function. Otherwise a node with several parents (a DAG) gets a function of its own,
and so does every node deeper than :data:`MAX_INLINE_DEPTH`, which keeps the code linear in the
size of the tree and within the compiler's nesting limits. Where those functions
could call each other more than :data:`MAX_CALL_DEPTH` deep, they return the next function to a
loop instead of calling it, so no tree can exhaust the interpreter's stack.

The recording walk (``record=True``) knows at every exit of a generated function which nodes it
passed and which branch it took at each, as constants: one ``(nodes, branches, reads)`` segment
per function (``reads``: the inputs its questions read, or ``None`` when a rule, which may stop
reading early, is among its nodes). It returns the :class:`~decision_trees.Decision` itself. A
tree compiled to one function picks a constant ``(outcome, segments)`` pair at each exit (nothing
is built while walking); otherwise each function hands its segment to ``p`` (a list's
``append``): one call per function, never per node. It also refuses an answer for an input the
tree lacks, as if the keys had been looked at first: at an exit whose path read ``n`` inputs, a
plain ``dict`` of ``n`` answers holds exactly those (each was read), so only another mapping or
a longer one is looked at key by key; and an error met while walking defers to that refusal.
"""

from __future__ import annotations

import ast
import datetime as dt
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from decision_trees._walk import ConditionVisitor
from decision_trees.answers import UNKNOWN, UNKNOWN_WORD
from decision_trees.conditions import COLLECTION_OPERATORS, _as_value
from decision_trees.decision import Decision, Walked
from decision_trees.errors import MissingAnswerError
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    BooleanInput,
    Condition,
    DateInput,
    EnumInput,
    Input,
    IntegerInput,
    NotOf,
    NumberInput,
    Outcome,
    Question,
    RuleRef,
    SetInput,
    Test,
)

if TYPE_CHECKING:
    from decision_trees.model import Tree


class Routing(Protocol):
    """What the generator is given (by :class:`decision_trees.evaluate.Compiled`): the tree, and per
    routing node its chooser (answers → branch index), its targets by index, its value → branch
    table where it has one, and the branch an unknown answer takes."""

    @property
    def tree(self) -> Tree: ...
    @property
    def choosers(self) -> Mapping[str, Callable[[Mapping[str, Any]], int]]: ...
    @property
    def targets(self) -> Mapping[str, tuple[str, ...]]: ...
    @property
    def dispatch(self) -> Mapping[str, Mapping[Any, int]]: ...
    @property
    def unknown_branch(self) -> Mapping[str, int | None]: ...
    @property
    def normalizers(self) -> Mapping[str, Callable[[Any], Any]]: ...
    def unknown_key_error(self, answers: Mapping[str, Any]) -> Exception | None: ...


__all__ = ["MAX_INLINE_DEPTH", "generate"]

MAX_INLINE_DEPTH = 24
MAX_CALL_DEPTH = 150
MAX_UNROLLED = 400  # inlined nodes at most when a tree's shared nodes are inlined everywhere
MAX_UNREAD_LOOKS = 8  # key looks at most at an exit instead of ``issuperset`` (see known_keys)
Walk = Callable[..., Any]
# (node ids, branch indices or None where not recorded, inputs read or None where not known)
Segment = tuple[tuple[str, ...], tuple[int, ...] | None, tuple[str, ...] | None]


_A = "answers"  # every generated function's first parameter (the caller may name it)
_LOAD, _STORE = ast.Load(), ast.Store()  # contexts carry no state: one of each serves every node
_INF = float("inf")


def _name(identifier: str, store: bool = False) -> ast.Name:
    return ast.Name(id=identifier, ctx=_STORE if store else _LOAD)


def _const(value: Any) -> ast.expr:
    return ast.Constant(value=value)


def _item(table: str, index: int) -> ast.expr:
    return ast.Subscript(value=_name(table), slice=_const(index), ctx=_LOAD)


def _attr(value: ast.expr, attr: str) -> ast.Attribute:
    return ast.Attribute(value=value, attr=attr, ctx=_LOAD)


def _call(func: ast.expr, *args: ast.expr) -> ast.Call:
    return ast.Call(func=func, args=list(args), keywords=[])


def _compare(left: ast.expr, op: ast.cmpop, right: ast.expr) -> ast.Compare:
    return ast.Compare(left=left, ops=[op], comparators=[right])


def _assign(name: str, value: ast.expr) -> ast.Assign:
    return ast.Assign(targets=[_name(name, True)], value=value)


def _and(parts: list[ast.expr]) -> ast.expr:
    return parts[0] if len(parts) == 1 else ast.BoolOp(op=ast.And(), values=parts)


class _Generator:
    def __init__(self, compiled: Routing, record: bool, trampoline: bool, single: bool = False) -> None:
        self.compiled = compiled
        self.trampoline = trampoline
        self.tree = compiled.tree
        self.record = record
        # single: the whole walk is one function (shared nodes inlined into every parent); with
        # record, its exits return constant (outcome, (segment,)) pairs from R instead of
        # handing segments to ``p``.
        self.single = single
        self.records: list[tuple[Outcome, Walked]] = []  # R
        # Without recording, branches to one target share its code; with recording each branch
        # is its own arm (its index is a constant there), so a target reached by two branches of
        # one node is shared like a node with two parents.
        self.parents: dict[str, int] = {}
        for targets in compiled.targets.values():
            for target in targets if record else dict.fromkeys(targets):
                self.parents[target] = self.parents.get(target, 0) + 1
        self.functions: dict[str, str] = {}  # node id -> generated function name
        self.pending: list[str] = []
        self.outcome_index = {oid: i for i, oid in enumerate(self.tree.outcomes)}
        self.chooser_index = {nid: i for i, nid in enumerate(compiled.choosers)}
        self.constants: list[Any] = []  # K: operands that are not literals (dates, frozensets)
        self.segments: list[Segment] = []  # S: the recorded segment per exit

    # -- tables -----------------------------------------------------------------------------

    def constant(self, value: Any) -> ast.expr:
        if isinstance(value, bool | int | float | str) and value is not None:
            return _const(value)
        self.constants.append(value)
        return _item("K", len(self.constants) - 1)

    def recorded(self, prefix: list[tuple[str, int]], last: str | None) -> Segment:
        nodes = tuple(n for n, _ in prefix) + ((last,) if last is not None else ())
        questions = [self.tree.nodes[n] for n, _ in prefix]
        reads = tuple(dict.fromkeys(q.input for q in questions if isinstance(q, Question)))
        known = all(isinstance(q, Question) for q in questions)
        return (nodes, tuple(b for _, b in prefix), reads if known else None)

    def segment(self, prefix: list[tuple[str, int]], last: str | None) -> ast.stmt:
        self.segments.append(self.recorded(prefix, last))
        return ast.Expr(_call(_name("p"), _item("S", len(self.segments) - 1)))

    # -- functions --------------------------------------------------------------------------

    def call_args(self) -> list[ast.expr]:
        return [_name(_A), _name("p")] if self.record and not self.single else [_name(_A)]

    def args(self, names: tuple[str, ...] | None = None) -> ast.arguments:
        if names is None:
            names = (_A, "p") if self.record and not self.single else (_A,)
        return ast.arguments(
            posonlyargs=[],
            args=[ast.arg(arg=n) for n in names],
            kwonlyargs=[],
            kw_defaults=[],
            defaults=[],
        )

    def function_for(self, node_id: str) -> str:
        name = self.functions.get(node_id)
        if name is None:
            name = f"f{len(self.functions)}"
            self.functions[node_id] = name
            self.pending.append(node_id)
        return name

    def goto(self, node_id: str, depth: int, prefix: list[tuple[str, int]]) -> list[ast.stmt]:
        """Statements that continue the walk at ``node_id`` (``prefix``: the steps so far)."""
        node = self.tree.nodes[node_id]
        if isinstance(node, Outcome):
            body: list[ast.stmt] = []
            if self.single and self.record:  # r = R[i]; checked and made a Decision in the tail
                segment = self.recorded(prefix, node_id)
                self.records.append((node, Walked.of((segment,))))
                exit_ = _assign("r", _item("R", len(self.records) - 1))
                return [*self.known_keys(segment[2]), exit_]
            if self.record:
                body.append(self.segment(prefix, node_id))
            body.append(ast.Return(_item("O", self.outcome_index[node_id])))
            return body
        if (self.parents.get(node_id, 0) > 1 and not self.single) or depth > MAX_INLINE_DEPTH:
            function = self.function_for(node_id)
            body = [self.segment(prefix, None)] if self.record and prefix else []
            if self.trampoline:  # hand the next function back to the loop in ``entry``
                return [*body, ast.Return(_name(function))]
            return [*body, ast.Return(_call(_name(function), *self.call_args()))]
        return self.body(node_id, depth, prefix)

    def known_keys(self, reads: tuple[str, ...] | None) -> list[ast.stmt]:
        """Refuse answers for inputs the tree lacks (the error ``X(a)`` makes), at an exit whose
        path read the inputs ``reads`` (``None``: not known). ``KS`` is the tree's inputs.

        A plain ``dict`` needs no look at its keys when it holds exactly as many as the path
        read (each was read, so there are no others), or as many as the tree has inputs and
        holds each input the path did not read (at most :data:`MAX_UNREAD_LOOKS` looks): then
        its keys are the tree's inputs. Anything else is looked at key by key, ``issuperset``
        inlined: ``if not (a.__class__ is dict and (len(a) == n or (len(a) == NK and 'x' in a
        ...))) and not KS.issuperset(a): e = X(a); if e is not None: raise e``."""
        looked = ast.UnaryOp(op=ast.Not(), operand=_call(_attr(_name("KS"), "issuperset"), _name(_A)))
        test: ast.expr = looked
        if reads is not None:
            size = _call(_name("len"), _name(_A))
            ways: list[ast.expr] = [_compare(size, ast.Eq(), _const(len(reads)))]
            unread = [key for key in self.tree.inputs if key not in reads]
            if unread and len(unread) <= MAX_UNREAD_LOOKS:
                every = _compare(size, ast.Eq(), _const(len(self.tree.inputs)))
                present = [_compare(_const(key), ast.In(), _name(_A)) for key in unread]
                ways.append(_and([every, *present]))
            plain = _compare(_attr(_name(_A), "__class__"), ast.Is(), _name("dict"))
            fits = ways[0] if len(ways) == 1 else ast.BoolOp(op=ast.Or(), values=ways)
            test = _and([ast.UnaryOp(op=ast.Not(), operand=_and([plain, fits])), looked])
        error = [
            _assign("e", _call(_name("X"), _name(_A))),
            ast.If(
                test=_compare(_name("e"), ast.IsNot(), _const(None)),
                body=[ast.Raise(exc=_name("e"), cause=None)],
                orelse=[],
            ),
        ]
        return [ast.If(test=test, body=error, orelse=[])]

    def decision(self, outcome: ast.expr, segments: ast.expr) -> list[ast.stmt]:
        """``d = Decision._recorded(TR, segments, outcome, {**a}); return d``, inlined."""

        def store(attr: str, value: ast.expr) -> ast.stmt:
            return ast.Assign(targets=[ast.Attribute(value=_name("d"), attr=attr, ctx=_STORE)], value=value)

        return [
            _assign("d", _call(_name("Decision"))),  # a type call: quicker than object.__new__
            store("_tree", _name("TR")),
            store("_segments", segments),
            store("_outcome", outcome),
            store("_snapshot", ast.Dict(keys=[None], values=[_name(_A)])),  # {**a}: a copy
            store("_replay", _const(None)),
            store("_trace", _const(None)),
            ast.Return(_name("d")),
        ]

    def guarded(self, body: list[ast.stmt]) -> ast.Try:
        """``body``, where any error defers to an answer for an input the tree lacks (as if the
        answers had been looked at before the walk): ``except Exception: e = X(a); if e is not
        None: raise e from None; raise``."""
        handler = ast.ExceptHandler(
            type=_name("Exception"),
            name=None,
            body=[
                _assign("e", _call(_name("X"), _name(_A))),
                ast.If(
                    test=_compare(_name("e"), ast.IsNot(), _const(None)),
                    body=[ast.Raise(exc=_name("e"), cause=_const(None))],
                    orelse=[],
                ),
                ast.Raise(exc=None, cause=None),
            ],
        )
        return ast.Try(body=body, handlers=[handler], orelse=[], finalbody=[])

    def body(self, node_id: str, depth: int, prefix: list[tuple[str, int]]) -> list[ast.stmt]:
        """The statements of one question or routing rule, with its targets inlined."""
        node = self.tree.nodes[node_id]
        if isinstance(node, Question) and node_id in self.compiled.normalizers:
            return self.yes_no(node, depth, prefix)
        index = f"i{depth}"
        fallback = _assign(index, _call(_item("CH", self.chooser_index[node_id]), _name(_A)))
        stmts = self.question(node, depth, index, fallback) if isinstance(node, Question) else [fallback]
        targets = self.compiled.targets[node_id]
        if self.record:
            arms = [(target, [i]) for i, target in enumerate(targets)]
        else:
            groups: dict[str, list[int]] = {}
            for i, target in enumerate(targets):
                groups.setdefault(target, []).append(i)
            arms = list(groups.items())
        chain: list[ast.stmt] = []
        for target, indices in reversed(arms):
            inner = self.goto(target, depth + 1, [*prefix, (node_id, indices[0])])
            if not chain:  # the last arm needs no test: the chooser returns a valid index
                chain = inner
                continue
            test: ast.expr = (
                _compare(_name(index), ast.Eq(), _const(indices[0]))
                if len(indices) == 1
                else _compare(_name(index), ast.In(), ast.Tuple(elts=[_const(i) for i in indices], ctx=_LOAD))
            )
            chain = [ast.If(test=test, body=inner, orelse=chain)]
        return stmts + chain

    def yes_no(self, node: Question, depth: int, prefix: list[tuple[str, int]]) -> list[ast.stmt]:
        """A yes/no question whose branches test equality: the answer is read once, anything but
        ``True``/``False`` is checked into one of them or ``U`` (or refused) by the node's
        normaliser, and the arms test the value itself (no branch index):
        ``if v is not True and v is not False: v = N[k](v)``; ``if v is True: ... else: ...``."""
        table = self.compiled.dispatch[node.id]
        targets = self.compiled.targets[node.id]
        value = _name(f"v{depth}")
        by_value: list[tuple[ast.expr, int]] = [(_const(True), table[True]), (_const(False), table[False])]
        unknown = self.compiled.unknown_branch.get(node.id)
        if self.tree.inputs[node.input].allow_unknown and unknown is not None:
            by_value.append((_name("U"), unknown))
        arms: dict[Any, tuple[int, list[ast.expr]]] = {}  # by index (record) or target: values
        for constant, index in by_value:
            arms.setdefault(index if self.record else targets[index], (index, []))[1].append(constant)
        normalise = ast.If(
            test=_and(
                [
                    _compare(value, ast.IsNot(), _const(True)),
                    _compare(value, ast.IsNot(), _const(False)),
                ]
            ),
            body=[
                ast.Assign(
                    targets=[_name(value.id, True)],
                    value=_call(_item("N", self.chooser_index[node.id]), value),
                )
            ],
            orelse=[],
        )
        chain: list[ast.stmt] = []
        for index, constants in reversed(arms.values()):
            inner = self.goto(targets[index], depth + 1, [*prefix, (node.id, index)])
            if not chain:  # the last arm needs no test: the normaliser leaves no other value
                chain = inner
                continue
            tests: list[ast.expr] = [_compare(value, ast.Is(), c) for c in constants]
            test = tests[0] if len(tests) == 1 else ast.BoolOp(op=ast.Or(), values=tests)
            chain = [ast.If(test=test, body=inner, orelse=chain)]
        return [self.read(node, value), normalise, *chain]

    def question(self, node: Question, depth: int, index: str, fallback: ast.stmt) -> list[ast.stmt]:
        """Read the question's answer once and pick the branch inline where the answer's form
        allows; otherwise ``fallback`` (the chooser checks the answer and picks, or raises)."""
        decl = self.tree.inputs[node.input]
        table = self.compiled.dispatch.get(node.id)
        fast: list[tuple[ast.expr, list[ast.stmt]]] = []  # (test on v, statements) in order
        value = _name(f"v{depth}")
        if table is not None and isinstance(decl, BooleanInput):
            fast = [
                (_compare(value, ast.Is(), _const(True)), [_assign(index, _const(table[True]))]),
                (_compare(value, ast.Is(), _const(False)), [_assign(index, _const(table[False]))]),
            ]
        elif table is not None:
            k = self.chooser_index[node.id]
            lookup = ast.Try(
                body=[_assign(index, ast.Subscript(value=_item("T", k), slice=value, ctx=_LOAD))],
                handlers=[
                    ast.ExceptHandler(
                        type=ast.Tuple(elts=[_name("KeyError"), _name("TypeError")], ctx=_LOAD),
                        name=None,
                        body=[fallback],
                    )
                ],
                orelse=[],
                finalbody=[],
            )
            unknown = self.unknown_arm(node, decl, value, index)
            read = self.read(node, value)
            if unknown is None:
                return [read, lookup]
            return [read, ast.If(test=unknown[0], body=unknown[1], orelse=[lookup])]
        else:
            guard = self.guard(decl, value)
            tests = [self.value_test(b.when, decl, value) for b in node.branches]
            if guard is None or any(t is None for t in tests):
                return [fallback]
            picks: list[ast.stmt] = [fallback]  # no branch holds: the chooser takes otherwise or raises
            if node.otherwise is not None:
                picks = [_assign(index, _const(len(node.branches)))]
            for i in reversed(range(len(tests))):
                test = tests[i]
                assert test is not None
                picks = [ast.If(test=test, body=[_assign(index, _const(i))], orelse=picks)]
            fast = [(guard, picks)]
        unknown = self.unknown_arm(node, decl, value, index)
        if unknown is not None:
            fast.append(unknown)
        chain: list[ast.stmt] = [fallback]
        for test, body in reversed(fast):
            chain = [ast.If(test=test, body=body, orelse=chain)]
        return [self.read(node, value), *chain]

    def read(self, node: Question, value: ast.Name) -> ast.stmt:
        """``v = a[input]``, raising :class:`MissingAnswerError` naming the node."""
        return ast.Try(
            body=[
                ast.Assign(
                    targets=[_name(value.id, True)],
                    value=ast.Subscript(value=_name(_A), slice=_const(node.input), ctx=_LOAD),
                )
            ],
            handlers=[
                ast.ExceptHandler(
                    type=_name("KeyError"),
                    name=None,
                    body=[
                        ast.Raise(
                            exc=_call(_name("Missing"), _const(node.input), _const(node.id)),
                            cause=_const(None),
                        )
                    ],
                )
            ],
            orelse=[],
            finalbody=[],
        )

    def unknown_arm(
        self, node: Question, decl: Input, value: ast.Name, index: str
    ) -> tuple[ast.expr, list[ast.stmt]] | None:
        """``v is UNKNOWN``: the branch it takes is known when compiling."""
        if not decl.allow_unknown:
            return None
        chosen = self.compiled.unknown_branch.get(node.id)
        if chosen is None:  # no branch takes it: the chooser raises the gap
            return None
        return _compare(value, ast.Is(), _name("U")), [_assign(index, _const(chosen))]

    def guard(self, decl: Input, v: ast.Name) -> ast.expr | None:
        """True exactly when ``v`` is already in the checked form that ``coerce_answer`` returns
        unchanged (so the inline tests see what the chooser would)."""
        cls = ast.Attribute(value=v, attr="__class__", ctx=_LOAD)
        if isinstance(decl, NumberInput | IntegerInput):
            low, high = decl.minimum, decl.maximum
            if isinstance(decl, IntegerInput):
                kind: ast.expr = _compare(cls, ast.Is(), _name("int"))
            else:
                kind = ast.BoolOp(
                    op=ast.Or(),
                    values=[_compare(cls, ast.Is(), _name("float")), _compare(cls, ast.Is(), _name("int"))],
                )
            parts = [kind]
            # NaN fails every comparison and infinities fail the strict ones: both fall through.
            parts.append(
                _compare(v, ast.GtE(), self.constant(low))
                if low is not None
                else _compare(v, ast.Gt(), _const(-_INF))
            )
            parts.append(
                _compare(v, ast.LtE(), self.constant(high))
                if high is not None
                else _compare(v, ast.Lt(), _const(_INF))
            )
            return _and(parts)
        if isinstance(decl, DateInput):
            parts = [_compare(cls, ast.Is(), _name("date"))]
            if decl.minimum is not None:
                parts.append(_compare(v, ast.GtE(), self.constant(decl.minimum)))
            if decl.maximum is not None:
                parts.append(_compare(v, ast.LtE(), self.constant(decl.maximum)))
            return _and(parts)
        if isinstance(decl, BooleanInput):
            return ast.BoolOp(
                op=ast.Or(),
                values=[_compare(v, ast.Is(), _const(True)), _compare(v, ast.Is(), _const(False))],
            )
        if isinstance(decl, EnumInput):  # ("unknown" is never a value: it means UNKNOWN)
            values = frozenset(decl.values) - {UNKNOWN_WORD}
            return _and([_compare(cls, ast.Is(), _name("str")), _compare(v, ast.In(), self.constant(values))])
        if isinstance(decl, SetInput):
            return _and(
                [
                    _compare(cls, ast.Is(), _name("frozenset")),
                    _compare(v, ast.LtE(), self.constant(frozenset(decl.values))),
                ]
            )
        return None

    def value_test(self, condition: Condition, decl: Input, v: ast.Name) -> ast.expr | None:
        """``condition`` on the question's own (known, checked) value ``v``, or ``None``."""
        return _ValueTest(self.constant, decl, v).visit(condition)

    def module(self) -> ast.Module:
        entry = self.function_for(self.tree.start)
        defs: list[ast.stmt] = []
        if self.record and self.single:  # one function: every exit sets r = (outcome, segments)
            self.pending.clear()
            walk = self.guarded(self.body(self.tree.start, 0, []))
            tail = self.decision(_item("r", 0), _item("r", 1))
            defs.append(self.function("entry", [walk, *tail], (_A,)))
            return ast.Module(body=defs, type_ignores=[])
        while self.pending:
            node_id = self.pending.pop()
            defs.append(self.function(self.functions[node_id], self.body(node_id, 0, [])))
        if not self.trampoline and not (self.record and not self.single):
            defs.append(_assign("entry", _name(entry)))
            return ast.Module(body=defs, type_ignores=[])
        # entry: [s = []; p = s.append;] r = f0(a[, p]); while r.__class__ is not Outcome: r = r(a[, p])
        # return r [, s]
        setup: list[ast.stmt] = []
        result: ast.expr = _name("r")
        if self.record:
            setup = [
                _assign("s", ast.List(elts=[], ctx=_LOAD)),
                _assign("p", ast.Attribute(value=_name("s"), attr="append", ctx=_LOAD)),
            ]
            result = ast.Tuple(elts=[_name("r"), _name("s")], ctx=_LOAD)
        first = _assign("r", _call(_name(entry), *self.call_args()))
        loop = ast.While(
            test=_compare(
                ast.Attribute(value=_name("r"), attr="__class__", ctx=_LOAD), ast.IsNot(), _name("Outcome")
            ),
            body=[_assign("r", _call(_name("r"), *self.call_args()))],
            orelse=[],
        )
        body: list[ast.stmt] = [first, loop] if self.trampoline else [first]
        if self.record:  # the segments in s, the outcome in r: checked and made a Decision
            tail = [*self.known_keys(None), *self.decision(_name("r"), _name("s"))]
            defs.append(self.function("entry", [*setup, self.guarded(body), *tail], (_A,)))
        else:
            defs.append(self.function("entry", [*body, ast.Return(result)], (_A,)))
        return ast.Module(body=defs, type_ignores=[])

    def function(
        self, name: str, body: list[ast.stmt], names: tuple[str, ...] | None = None
    ) -> ast.FunctionDef:
        function = ast.FunctionDef(
            name=name, args=self.args(names), body=body, decorator_list=[], returns=None
        )
        if sys.version_info >= (3, 12):
            function.type_params = []
        return function


def _locate(module: ast.Module) -> None:
    """Give every statement and expression a position (all on line 1): compile needs one."""
    stack: list[ast.AST] = [module]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.stmt | ast.expr | ast.excepthandler | ast.arg):
            node.lineno = node.end_lineno = 1
            node.col_offset = node.end_col_offset = 0
        for value in node.__dict__.values():
            if isinstance(value, list):
                stack.extend(item for item in value if isinstance(item, ast.AST))
            elif isinstance(value, ast.AST) and value is not _LOAD and value is not _STORE:
                stack.append(value)


def _unrollable(compiled: Routing) -> bool:
    """Whether the walk fits one function with every shared node inlined into each of its
    parents: at most :data:`MAX_UNROLLED` inlined nodes, none deeper than :data:`MAX_INLINE_DEPTH`
    (counted by walking every path, which stops as soon as either bound is passed)."""
    targets = compiled.targets
    if len(targets) > MAX_CALL_DEPTH:
        return False
    stack = [(compiled.tree.start, 0)]
    count = 0
    while stack:
        node, depth = stack.pop()
        after = targets.get(node)
        if after is None:  # an outcome
            continue
        count += 1
        if count > MAX_UNROLLED or depth > MAX_INLINE_DEPTH:
            return False
        stack.extend((target, depth + 1) for target in after)
    return True


def generate(compiled: Routing, record: bool) -> Walk:
    """A function ``walk(answers)`` that returns the :class:`Outcome` reached, or with ``record``
    the :class:`Decision`, whose path is kept as ``(nodes, branches, reads)`` segments, in order
    (their concatenation is the path and the branches taken)."""
    # Nested calls between generated functions can be at most as deep as there are nodes.
    trampoline = len(compiled.choosers) > MAX_CALL_DEPTH
    generator = _Generator(compiled, record, trampoline, single=_unrollable(compiled))
    if generator.tree.start not in compiled.choosers:  # the start is an outcome
        outcome = generator.tree.nodes[generator.tree.start]
        assert isinstance(outcome, Outcome)
        if record:
            segments, tree, unknown = (((outcome.id,), (), ()),), generator.tree, compiled.unknown_key_error

            def decided(answers: Mapping[str, Any]) -> Decision:
                error = unknown(answers)
                if error is not None:
                    raise error
                return Decision._recorded(tree, segments, outcome, dict(answers))

            return decided
        return lambda answers: outcome
    module = generator.module()
    if record and not generator.single and len(generator.functions) == 1 and not trampoline:
        generator = _Generator(compiled, record, trampoline, single=True)  # constant exits
        module = generator.module()
    _locate(module)
    code = compile(module, f"<decision_trees tree {generator.tree.id!r}>", "exec")
    namespace: dict[str, Any] = {
        "__builtins__": {},
        "O": tuple(generator.tree.outcomes.values()),
        "CH": tuple(compiled.choosers.values()),
        "T": tuple(compiled.dispatch.get(node_id) for node_id in compiled.choosers),
        "N": tuple(compiled.normalizers.get(node_id) for node_id in compiled.choosers),
        "K": tuple(generator.constants),
        "S": tuple(generator.segments),
        "R": tuple(generator.records),
        "U": UNKNOWN,
        "Missing": MissingAnswerError,
        "Outcome": Outcome,
        "KeyError": KeyError,
        "TypeError": TypeError,
        "int": int,
        "float": float,
        "frozenset": frozenset,
        "str": str,
        "date": dt.date,
        # the recording walk's tail (see _Generator.decision and known_keys)
        "X": compiled.unknown_key_error,
        "Decision": Decision,
        "TR": generator.tree,
        "KS": frozenset(generator.tree.inputs),
        "dict": dict,
        "len": len,
        "Exception": Exception,
    }
    exec(code, namespace)  # noqa: S102 - code built from ast nodes above, never from text
    walk: Walk = namespace["entry"]
    return walk


_COMPARE: dict[str, Callable[[], ast.cmpop]] = {
    "equals": ast.Eq,
    "not_equals": ast.NotEq,
    "lt": ast.Lt,
    "le": ast.LtE,
    "gt": ast.Gt,
    "ge": ast.GtE,
}


@dataclass(frozen=True, slots=True)
class _ValueTest(ConditionVisitor[ast.expr | None]):
    """A question's branch condition as an expression on its own (known, checked) value ``v``;
    ``None`` where it cannot be inlined."""

    constant: Callable[[Any], ast.expr]
    decl: Input
    v: ast.Name

    def test(self, condition: Test) -> ast.expr | None:
        op, v, decl = condition.operator, self.v, self.decl
        if op == "is_unknown":  # v is known here
            return _const(not condition.is_unknown)
        raw = condition.operand
        if op in COLLECTION_OPERATORS:
            return self._collection(op, self.constant(frozenset(_as_value(decl, r) for r in raw)))
        if op == "between":
            low, high = (self.constant(_as_value(decl, r)) for r in raw)
            return ast.Compare(left=low, ops=[ast.LtE(), ast.LtE()], comparators=[v, high])
        if op not in _COMPARE:  # pragma: no cover - every operator is handled above
            return None
        return _compare(v, _COMPARE[op](), self.constant(_as_value(decl, raw)))

    def _collection(self, op: str, values: ast.expr) -> ast.expr:
        v = self.v
        if op == "one_of":
            return _compare(v, ast.In(), values)
        if op == "none_of":
            return _compare(v, ast.NotIn(), values)
        if op == "contains_all":
            return _compare(values, ast.LtE(), v)
        disjoint = _call(ast.Attribute(value=values, attr="isdisjoint", ctx=_LOAD), v)
        if op == "contains_any":
            return ast.UnaryOp(op=ast.Not(), operand=disjoint)
        return disjoint

    def not_of(self, condition: NotOf) -> ast.expr | None:
        inner = self.visit(condition.not_)
        return None if inner is None else ast.UnaryOp(op=ast.Not(), operand=inner)

    def _parts(self, conditions: tuple[Condition, ...]) -> list[ast.expr] | None:
        parts = [self.visit(c) for c in conditions]
        exprs = [p for p in parts if p is not None]
        return exprs if len(exprs) == len(parts) else None

    def all_of(self, condition: AllOf) -> ast.expr | None:
        exprs = self._parts(condition.all)
        if exprs is None:
            return None
        return ast.BoolOp(op=ast.And(), values=exprs) if len(exprs) > 1 else exprs[0]

    def any_of(self, condition: AnyOf) -> ast.expr | None:
        exprs = self._parts(condition.any)
        if exprs is None:
            return None
        return ast.BoolOp(op=ast.Or(), values=exprs) if len(exprs) > 1 else exprs[0]

    def at_least(self, condition: AtLeast) -> ast.expr | None:
        exprs = self._parts(condition.of)
        if exprs is None:
            return None
        total: ast.expr = _const(0)
        for expr in exprs:  # True counts 1: the number of parts that hold
            total = ast.BinOp(left=total, op=ast.Add(), right=expr)
        return _compare(total, ast.GtE(), _const(condition.at_least))

    def rule_ref(self, condition: RuleRef) -> None:
        return None  # questions cannot reference rules (the loader rejects it)
