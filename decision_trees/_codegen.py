"""Compile a validated tree into Python functions, by building syntax trees, never source text.

The walk over a tree becomes nested ``if`` statements, much like a hand-written decision
function. Safety: the functions are assembled from ``ast`` node objects; node ids, input ids and
answer values enter them only as ``ast.Constant`` values (or by index into tables passed in), so
nothing written in a tree file can ever become code. No text is parsed or evaluated.

Each node is inlined into its single parent; a node with several parents (a DAG) gets a function
of its own, and so does every node deeper than :data:`MAX_INLINE_DEPTH`, which keeps the code
linear in the size of the tree and within the compiler's nesting limits. Where those functions
could call each other more than :data:`MAX_CALL_DEPTH` deep, they return the next function to a
loop instead of calling it, so no tree can exhaust the interpreter's stack.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from decision_trees.errors import MissingAnswerError
from decision_trees.model import Outcome, Question

if TYPE_CHECKING:
    from decision_trees.evaluate import Compiled

__all__ = ["MAX_INLINE_DEPTH", "generate"]

MAX_INLINE_DEPTH = 24
MAX_CALL_DEPTH = 150
Walk = Callable[..., Any]


_LOAD, _STORE = ast.Load(), ast.Store()  # contexts carry no state: one of each serves every node


def _name(identifier: str, store: bool = False) -> ast.Name:
    return ast.Name(id=identifier, ctx=_STORE if store else _LOAD)


def _const(value: Any) -> ast.expr:
    return ast.Constant(value=value)


def _item(table: str, index: int) -> ast.expr:
    return ast.Subscript(value=_name(table), slice=_const(index), ctx=_LOAD)


def _call(func: ast.expr, *args: ast.expr) -> ast.Call:
    return ast.Call(func=func, args=list(args), keywords=[])


class _Generator:
    def __init__(self, compiled: Compiled, record: bool, trampoline: bool) -> None:
        self.compiled = compiled
        self.trampoline = trampoline
        self.tree = compiled.tree
        self.record = record
        graph = self.tree.graph
        self.parents = {node: graph.in_degree(node) for node in graph.nodes}
        self.functions: dict[str, str] = {}  # node id -> generated function name
        self.pending: list[str] = []
        self.outcome_index = {oid: i for i, oid in enumerate(self.tree.outcomes)}
        self.chooser_index = {nid: i for i, nid in enumerate(compiled.choosers)}

    def call_args(self) -> list[ast.expr]:
        return [_name("a"), _name("p")] if self.record else [_name("a")]

    def args(self) -> ast.arguments:
        names = ["a", "p"] if self.record else ["a"]
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

    def goto(self, node_id: str, depth: int) -> list[ast.stmt]:
        """Statements that continue the walk at ``node_id``."""
        node = self.tree.nodes[node_id]
        if isinstance(node, Outcome):
            body: list[ast.stmt] = []
            if self.record:
                body.append(ast.Expr(_call(_name("p"), _const(node_id))))
            body.append(ast.Return(_item("O", self.outcome_index[node_id])))
            return body
        if self.parents.get(node_id, 0) > 1 or depth > MAX_INLINE_DEPTH:
            function = self.function_for(node_id)
            if self.trampoline:  # hand the next function back to the loop in ``entry``
                return [ast.Return(_name(function))]
            return [ast.Return(_call(_name(function), *self.call_args()))]
        return self.body(node_id, depth)

    def body(self, node_id: str, depth: int) -> list[ast.stmt]:
        """The statements of one question or routing rule, with its targets inlined."""
        compiled = self.compiled
        node = self.tree.nodes[node_id]
        k = self.chooser_index[node_id]
        index = f"i{depth}"
        choose = ast.Assign(targets=[_name(index, True)], value=_call(_item("CH", k), _name("a")))
        stmts: list[ast.stmt] = []
        if self.record:
            stmts.append(ast.Expr(_call(_name("p"), _const(node_id))))
        table = compiled.dispatch.get(node_id)
        if isinstance(node, Question) and table is not None:
            value = f"v{depth}"
            read = ast.Try(
                body=[
                    ast.Assign(
                        targets=[_name(value, True)],
                        value=ast.Subscript(value=_name("a"), slice=_const(node.input), ctx=_LOAD),
                    )
                ],
                handlers=[
                    ast.ExceptHandler(
                        type=_name("KeyError"),
                        name=None,
                        body=[
                            ast.Raise(
                                exc=_call(_name("Missing"), _const(node.input), _const(node_id)),
                                cause=_const(None),
                            )
                        ],
                    )
                ],
                orelse=[],
                finalbody=[],
            )
            stmts.append(read)
            if set(table) == {True, False}:
                stmts.append(
                    ast.If(
                        test=ast.Compare(left=_name(value), ops=[ast.Is()], comparators=[_const(True)]),
                        body=[ast.Assign(targets=[_name(index, True)], value=_const(table[True]))],
                        orelse=[
                            ast.If(
                                test=ast.Compare(
                                    left=_name(value), ops=[ast.Is()], comparators=[_const(False)]
                                ),
                                body=[ast.Assign(targets=[_name(index, True)], value=_const(table[False]))],
                                orelse=[choose],
                            )
                        ],
                    )
                )
            else:
                stmts.append(
                    ast.Try(
                        body=[
                            ast.Assign(
                                targets=[_name(index, True)],
                                value=ast.Subscript(value=_item("T", k), slice=_name(value), ctx=_LOAD),
                            )
                        ],
                        handlers=[
                            ast.ExceptHandler(
                                type=ast.Tuple(elts=[_name("KeyError"), _name("TypeError")], ctx=_LOAD),
                                name=None,
                                body=[choose],
                            )
                        ],
                        orelse=[],
                        finalbody=[],
                    )
                )
        else:
            stmts.append(choose)
        targets = compiled.targets[node_id]
        groups: dict[str, list[int]] = {}
        for i, target in enumerate(targets):
            groups.setdefault(target, []).append(i)
        chain: list[ast.stmt] = []
        for target, indices in reversed(list(groups.items())):
            inner = self.goto(target, depth + 1)
            if not chain:  # the last group needs no test: the chooser returns a valid index
                chain = inner
                continue
            test: ast.expr = (
                ast.Compare(left=_name(index), ops=[ast.Eq()], comparators=[_const(indices[0])])
                if len(indices) == 1
                else ast.Compare(
                    left=_name(index),
                    ops=[ast.In()],
                    comparators=[ast.Tuple(elts=[_const(i) for i in indices], ctx=_LOAD)],
                )
            )
            chain = [ast.If(test=test, body=inner, orelse=chain)]
        return stmts + chain

    def module(self) -> ast.Module:
        entry = self.function_for(self.tree.start)
        defs: list[ast.stmt] = []
        while self.pending:
            node_id = self.pending.pop()
            defs.append(self.function(self.functions[node_id], self.body(node_id, 0)))
        if not self.trampoline:
            defs.append(ast.Assign(targets=[_name("entry", True)], value=_name(entry)))
            return ast.Module(body=defs, type_ignores=[])
        # entry: r = f0(a); while r.__class__ is not Outcome: r = r(a); return r
        first = ast.Assign(targets=[_name("r", True)], value=_call(_name(entry), *self.call_args()))
        loop = ast.While(
            test=ast.Compare(
                left=ast.Attribute(value=_name("r"), attr="__class__", ctx=_LOAD),
                ops=[ast.IsNot()],
                comparators=[_name("Outcome")],
            ),
            body=[ast.Assign(targets=[_name("r", True)], value=_call(_name("r"), *self.call_args()))],
            orelse=[],
        )
        defs.append(self.function("entry", [first, loop, ast.Return(_name("r"))]))
        return ast.Module(body=defs, type_ignores=[])

    def function(self, name: str, body: list[ast.stmt]) -> ast.FunctionDef:
        function = ast.FunctionDef(name=name, args=self.args(), body=body, decorator_list=[], returns=None)
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


def generate(compiled: Compiled, record: bool) -> Walk:
    """A function ``walk(answers)`` (or ``walk(answers, append)`` when ``record``) that returns the
    :class:`Outcome` reached; with ``record`` it passes every node id on the path to ``append``."""
    # Nested calls between generated functions can be at most as deep as there are nodes.
    generator = _Generator(compiled, record, trampoline=len(compiled.choosers) > MAX_CALL_DEPTH)
    if generator.tree.start not in compiled.choosers:  # the start is an outcome
        outcome = generator.tree.nodes[generator.tree.start]
        if record:
            return lambda answers, append: (append(outcome.id), outcome)[1]
        return lambda answers: outcome
    module = generator.module()
    _locate(module)
    code = compile(module, f"<decision_trees tree {generator.tree.id!r}>", "exec")
    namespace: dict[str, Any] = {
        "__builtins__": {},
        "O": tuple(generator.tree.outcomes.values()),
        "CH": tuple(compiled.choosers.values()),
        "T": tuple(compiled.dispatch.get(node_id) for node_id in compiled.choosers),
        "Missing": MissingAnswerError,
        "Outcome": Outcome,
        "KeyError": KeyError,
        "TypeError": TypeError,
    }
    exec(code, namespace)  # noqa: S102 - code built from ast nodes above, never from text
    walk: Walk = namespace["entry"]
    return walk
