"""The checks of :func:`decision_trees.verify` over an analysis of the paths (``_Checker``), and
the judge of their witnesses: the engine itself evaluates each witness before it is reported.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

from decision_trees._findings import CODES, SEARCH_EXAMPLES, Finding
from decision_trees._paths import Analysis, Conditions, Seen, TooComplexError, path_of, walk
from decision_trees._walk import ConditionVisitor, as_at_least, as_test, subconditions
from decision_trees.conditions import describe, rule_refs, tests_in, value_text
from decision_trees.model import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    Lang,
    NotOf,
    Outcome,
    Question,
    Rule,
    RuleRef,
    Test,
    Text,
    TextInput,
    Tree,
)

__all__ = ["branch_holds", "branch_name"]


def branch_name(node: Question | Rule, branch: int, lang: Lang) -> str:
    """``branch 2``, ``otherwise``, ``then`` or ``else`` in ``lang``."""
    if isinstance(node, Rule):
        return "'then'" if branch == 0 else "'else'"
    if branch >= len(node.branches):
        return "'otherwise'"
    return f"{'tak' if lang == 'nl' else 'branch'} {branch + 1}"


class _Checks:
    """The state of one verification and what its checks share: the findings and notes so far."""

    def __init__(self, tree: Tree, analysis: Analysis) -> None:
        self.tree = tree
        self.analysis = analysis
        self.space = analysis.space
        self.findings: list[Finding] = []
        self.notes: list[Text] = []

    def add(
        self,
        code: str,
        nodes: Iterable[str],
        en: str,
        nl: str,
        witness: Mapping[str, Any] | None = None,
        **details: Any,
    ) -> None:
        self.findings.append(
            Finding(code, CODES[code][0], tuple(nodes), Text(en=en, nl=nl), witness, None, details)
        )

    def input_label(self, key: str, lang: Lang) -> str:
        decl = self.tree.inputs.get(key)
        return f"{decl.label.get(lang)} ({key})" if decl else key

    def value(self, key: str, value: Any, lang: Lang) -> str:
        return value_text(self.tree.inputs.get(key), value, lang)

    def route(self, link: Any, lang: Lang) -> str:
        path = path_of(link)
        if not path:
            return "aan het begin" if lang == "nl" else "at the start"
        return "via " + " → ".join(path)

    def witness(self, seen: Seen, *extra: str) -> dict[str, Any]:
        return self.analysis.witness(seen, *extra)


class _NodeChecks(_Checks):
    """Findings at a question or rule: asked twice, gaps, overlaps, masked and unreachable branches."""

    def question(self, node: Question, record: Any) -> None:
        key = node.input
        index = self.space.index[key]
        domain = self.space.domains[index]
        for earlier, seen in record.asked_before.items():
            self.add(
                "V007",
                (earlier, node.id),
                f"question {node.id!r} asks {self.input_label(key, 'en')} again; question {earlier!r} "
                f"already asked it on the same path ({self.route(seen.link, 'en')})",
                f"vraag {node.id!r} vraagt {self.input_label(key, 'nl')} opnieuw; vraag {earlier!r} "
                f"vroeg het al op hetzelfde pad ({self.route(seen.link, 'nl')})",
                self.witness(seen, key),
                input=key,
            )
        if record.gap is not None:
            witness = self.witness(record.gap, key)
            value = witness[key]
            self.add(
                "V001",
                (node.id,),
                f"question {node.id!r}: the answer {self.value(key, value, 'en')} for "
                f"{self.input_label(key, 'en')} matches no branch and there is no 'otherwise' "
                f"({self.route(record.gap.link, 'en')})",
                f"vraag {node.id!r}: het antwoord {self.value(key, value, 'nl')} op "
                f"{self.input_label(key, 'nl')} past bij geen enkele tak en er is geen 'otherwise' "
                f"({self.route(record.gap.link, 'nl')})",
                witness,
                input=key,
                value=value,
            )
        for (i, j), seen in record.overlaps.items():
            witness = self.witness(seen, key)
            value = witness[key]
            self.add(
                "V002",
                (node.id,),
                f"question {node.id!r}: branches {i + 1} and {j + 1} both match the answer "
                f"{self.value(key, value, 'en')} for {self.input_label(key, 'en')}; make them exclusive "
                "or declare 'match: first'",
                f"vraag {node.id!r}: takken {i + 1} en {j + 1} passen allebei bij het antwoord "
                f"{self.value(key, value, 'nl')} op {self.input_label(key, 'nl')}; maak ze uitsluitend "
                "of kies 'match: first'",
                witness,
                branches=(i, j),
                input=key,
                value=value,
            )
        if not self.analysis.complete:
            return
        overlapped = {j for (_, j) in record.overlaps}
        for b, branch in enumerate(node.branches):
            if b in record.taken:
                continue
            region = domain.condition(branch.when)
            if region.empty:
                self.add(
                    "V010",
                    (node.id,),
                    f"question {node.id!r}, branch {b + 1}: its condition "
                    f"({describe(branch.when, self.tree.inputs, 'en', key)}) holds for no answer",
                    f"vraag {node.id!r}, tak {b + 1}: de voorwaarde "
                    f"({describe(branch.when, self.tree.inputs, 'nl', key)}) geldt voor geen enkel antwoord",
                    branch=b,
                )
            elif b in record.covered:
                if b in overlapped:
                    continue  # reported as an overlap
                seen = record.covered[b]
                narrowed = self.space.narrow(seen.store, index, self.space.region(seen.store, index) & region)
                witness = self.analysis.witness(Seen(narrowed, seen.link), key)
                self.add(
                    "V003",
                    (node.id,),
                    f"question {node.id!r}: branch {b + 1} is never taken; earlier branches take every "
                    f"answer it matches (e.g. {self.value(key, witness[key], 'en')})",
                    f"vraag {node.id!r}: tak {b + 1} wordt nooit genomen; eerdere takken nemen elk "
                    f"antwoord dat erbij past (bijv. {self.value(key, witness[key], 'nl')})",
                    witness,
                    branch=b,
                )
            else:
                self.unreachable_branch(node, b, record)
        if node.otherwise is not None and len(node.branches) not in record.taken:
            self.add(
                "V004",
                (node.id,),
                f"question {node.id!r}: 'otherwise' is never taken; the branches cover every answer "
                "possible on the paths here",
                f"vraag {node.id!r}: 'otherwise' wordt nooit genomen; de takken dekken elk antwoord "
                "dat op de paden hierheen mogelijk is",
                branch=len(node.branches),
            )

    def unreachable_branch(self, node: Question | Rule, b: int, record: Any) -> None:
        known = self.known_on_arrival(node, record)
        self.add(
            "V004",
            (node.id,),
            f"{node.kind} {node.id!r}: {branch_name(node, b, 'en')} is never taken; on every path here "
            f"the answers already rule it out{known['en']}",
            f"{'vraag' if node.kind == 'question' else 'regel'} {node.id!r}: {branch_name(node, b, 'nl')} "
            f"wordt nooit genomen; op elk pad hierheen sluiten de antwoorden die al uit{known['nl']}",
            branch=b,
        )

    def known_on_arrival(self, node: Question | Rule, record: Any) -> dict[str, str]:
        seen = next(iter(record.taken.values()), None)
        if seen is None:
            return {"en": "", "nl": ""}
        keys = [node.input] if isinstance(node, Question) else list(self.analysis.reads.get(node.id, ()))
        store = seen.store
        if isinstance(node, Question):  # the region before the question split it
            arrival = list(record.taken.values())
            region = None
            for s in arrival:
                r = self.space.region(s.store, self.space.index[node.input])
                region = r if region is None else region | r
            if region is not None and not region.full:
                return {"en": f" (here: {region.describe('en')})", "nl": f" (hier: {region.describe('nl')})"}
            return {"en": "", "nl": ""}
        text_en = self.space.describe(store, "en", keys)
        text_nl = self.space.describe(store, "nl", keys)
        return {
            "en": f" (here: {text_en})" if text_en else "",
            "nl": f" (hier: {text_nl})" if text_nl else "",
        }

    def rule(self, node: Rule, record: Any) -> None:
        cond = self.analysis.conditions
        try:
            holds = bool(cond.dnf(node.condition, True))
            fails = bool(cond.dnf(node.condition, False))
        except TooComplexError:
            holds = fails = True
            self.notes.append(
                Text(
                    en=f"rule {node.id!r}: too many cases to decide whether its condition can hold or fail",
                    nl=f"regel {node.id!r}: te veel gevallen om te bepalen of de voorwaarde kan gelden",
                )
            )
        if not holds:
            self.add(
                "V010",
                (node.id,),
                f"rule {node.id!r}: its condition holds for no answers at all",
                f"regel {node.id!r}: de voorwaarde geldt voor geen enkele combinatie van antwoorden",
            )
        if not fails:
            self.add(
                "V009",
                (node.id,),
                f"rule {node.id!r}: its condition holds for every combination of answers",
                f"regel {node.id!r}: de voorwaarde geldt voor elke combinatie van antwoorden",
            )
        if record is None or not node.routes or not self.analysis.complete:
            return
        for b, possible in ((0, holds), (1, fails)):
            if possible and b not in record.taken:
                self.unreachable_branch(node, b, record)


class _TreeChecks(_Checks):
    """Findings over the whole tree: conditions, unreached nodes, unused inputs and rules, relevance."""

    def conditions(self) -> None:
        """``at_least`` with k > n (never holds) or k = 0 (always holds), anywhere."""
        shapes = self.analysis.conditions
        without: set[Hashable] = set()  # shapes of conditions that hold no at_least
        for node_id, node in self.tree.nodes.items():
            conditions: list[tuple[Condition, str]] = []
            if isinstance(node, Question):
                conditions = [
                    (b.when, f"branches[{i}].when")
                    for i, b in enumerate(node.branches)
                    if as_test(b.when) is None  # (a single test holds no at_least)
                ]
            elif isinstance(node, Rule):
                conditions = [(node.condition, "condition")]
            for condition, where in conditions:
                shape = shapes.shape(condition)
                if shape in without:
                    continue
                found = list(_at_leasts(condition))
                if not found:
                    without.add(shape)
                for sub in found:
                    n, k = len(sub.of), sub.at_least
                    if k > n:
                        self.add(
                            "V008",
                            (node_id,),
                            f"{node.kind} {node_id!r} ({where}): at_least {k} of {n} conditions "
                            "can never hold",
                            f"{'vraag' if node.kind == 'question' else 'regel'} {node_id!r} ({where}): "
                            f"minstens {k} van {n} voorwaarden kan nooit gelden",
                            k=k,
                            n=n,
                        )
                    elif k == 0:
                        self.findings.append(
                            Finding(
                                "V008",
                                "warning",
                                (node_id,),
                                Text(
                                    en=f"{node.kind} {node_id!r} ({where}): at_least 0 of {n} always holds",
                                    nl=f"{'vraag' if node.kind == 'question' else 'regel'} {node_id!r} "
                                    f"({where}): minstens 0 van {n} geldt altijd",
                                ),
                                details={"k": k, "n": n},
                            )
                        )

    def unreached(self) -> None:
        visited = self.analysis.visited
        for node_id, node in self.tree.nodes.items():
            if node_id in visited:
                continue
            if isinstance(node, Outcome):
                self.add(
                    "V006",
                    (node_id,),
                    f"outcome {node_id!r} ({node.label.en}) is never reached: no combination of answers "
                    "leads to it",
                    f"uitkomst {node_id!r} ({node.label.nl}) wordt nooit bereikt: geen combinatie van "
                    "antwoorden leidt ertoe",
                )
            elif isinstance(node, Question) or (isinstance(node, Rule) and node.routes):
                self.add(
                    "V005",
                    (node_id,),
                    f"{node.kind} {node_id!r} is never reached: on every path to it, earlier answers "
                    "rule it out",
                    f"{'vraag' if node.kind == 'question' else 'regel'} {node_id!r} wordt nooit bereikt: "
                    "op elk pad ernaartoe sluiten eerdere antwoorden het uit",
                )

    def unused(self) -> None:
        tree = self.tree
        used, referenced = _used(tree, self.analysis.conditions)
        for key, decl in tree.inputs.items():
            if key not in used and not isinstance(decl, TextInput):
                self.add(
                    "V011",
                    (),
                    f"input {key!r} ({decl.label.en}) is declared but no question or rule uses it",
                    f"invoer {key!r} ({decl.label.nl}) is gedeclareerd maar geen vraag of regel gebruikt hem",
                    input=key,
                )
        for node_id, node in tree.nodes.items():
            if isinstance(node, Rule) and not node.routes and node_id not in referenced:
                self.add(
                    "V012",
                    (node_id,),
                    f"rule {node_id!r} is a named condition that no rule or invariant refers to",
                    f"regel {node_id!r} is een benoemde voorwaarde waar geen regel of invariant "
                    "naar verwijst",
                )

    def relevance(self) -> list[Finding]:
        """V013-V015 into the findings; the declared-informational ones are returned apart."""
        if any(leaf.outcome is None for leaf in self.analysis.leaves):
            self.notes.append(
                Text(
                    en="answers that never change the outcome (V013-V015) are looked for once no "
                    "answers fall through (fix the gaps first)",
                    nl="antwoorden die de uitkomst nooit veranderen (V013-V015) worden gezocht zodra "
                    "geen antwoord meer door de mazen valt (los eerst de gaten op)",
                )
            )
            return []
        if not (self.analysis.exact and self.analysis.complete):
            self.notes.append(
                Text(
                    en="answers that never change the outcome (V013-V015) are looked for only when the "
                    "analysis is exact and complete",
                    nl="antwoorden die de uitkomst nooit veranderen (V013-V015) worden alleen gezocht als "
                    "de analyse exact en volledig is",
                )
            )
            return []
        from decision_trees._relevance import relevance

        declared: list[Finding] = []
        for code, key, values, reason, pair, text in relevance(self.tree, self.analysis).findings:
            details: dict[str, Any] = {"input": key}
            if values:
                details["values"] = values
            if reason is not None:
                details["reason"] = {"en": reason.reason.en, "nl": reason.reason.nl}
            finding = Finding(code, CODES[code][0], (), text, None, pair, details)
            (declared if reason is not None else self.findings).append(finding)
        return declared


class _Checker(_NodeChecks, _TreeChecks):
    """Turns an :class:`Analysis` into findings."""

    def structure(self) -> None:
        tree, analysis = self.tree, self.analysis
        for node_id, node in tree.nodes.items():
            record = analysis.records.get(node_id)
            if isinstance(node, Question) and record is not None:
                self.question(node, record)
            elif isinstance(node, Rule):
                self.rule(node, record)
        self.conditions()
        if analysis.complete:
            self.unreached()
        self.unused()

    # -- finishing --------------------------------------------------------------------------

    def finish(self) -> list[Finding]:
        """The findings in a fixed order; with an inexact analysis, witnesses are checked first."""
        findings = self.findings
        if not self.analysis.exact:
            checked = [f for f in findings if _confirmed(self.tree, f)]
            dropped = len(findings) - len(checked)
            if dropped:
                self.notes.append(
                    Text(
                        en=f"{dropped} possible finding(s) of the approximate analysis did not hold "
                        "when their example was evaluated; they were left out",
                        nl=f"{dropped} mogelijke bevinding(en) van de benaderde analyse bleken niet "
                        "te kloppen bij evaluatie van het voorbeeld; ze zijn weggelaten",
                    )
                )
            findings = checked + _search_gaps(self.tree, self.analysis, checked)
        order = {node_id: i for i, node_id in enumerate(self.tree.nodes)}
        return sorted(
            findings,
            key=lambda f: (
                0 if f.severity == "error" else 1,
                f.code,
                min((order.get(n, 0) for n in f.nodes), default=-1),
                json.dumps(f.details.get("branches", f.details.get("branch", ""))),
            ),
        )


def _at_leasts(condition: Condition) -> Iterable[AtLeast]:
    for sub, _ in subconditions(condition):
        found = as_at_least(sub)
        if found is not None:
            yield found


# ----------------------------------------------------------------------------------------------
# Checking witnesses by evaluation (the engine is the judge)


def branch_holds(tree: Tree, question: Question, branch: int, answers: Mapping[str, Any]) -> bool:
    """Whether the engine finds ``question``'s branch ``branch`` true for ``answers``."""
    condition = _with_input(question.branches[branch].when, question.input)
    return bool(tree.compiled.condition_predicate(condition, question.id)(answers))


def _with_input(condition: Condition, key: str) -> Condition:
    """A question's branch condition with its implied input named (so the engine can read it)."""
    return _WithInput(key).visit(condition)


class _WithInput(ConditionVisitor[Condition]):
    """A condition rebuilt with every test on input ``key``."""

    def __init__(self, key: str) -> None:
        self.key = key

    def test(self, condition: Test) -> Condition:
        return Test.model_validate({**condition.model_dump(exclude_none=True), "input": self.key})

    def all_of(self, condition: AllOf) -> Condition:
        return AllOf(all=tuple(self.visit(c) for c in condition.all))

    def any_of(self, condition: AnyOf) -> Condition:
        return AnyOf(any=tuple(self.visit(c) for c in condition.any))

    def not_of(self, condition: NotOf) -> Condition:
        return NotOf.model_validate({"not": self.visit(condition.not_)})

    def at_least(self, condition: AtLeast) -> Condition:
        return AtLeast(at_least=condition.at_least, of=tuple(self.visit(c) for c in condition.of))

    def rule_ref(self, condition: RuleRef) -> Condition:
        return condition


def _confirmed(tree: Tree, finding: Finding) -> bool:
    """Whether a gap, overlap or masking finding shows up when its witness is evaluated."""
    witness = finding.witness
    if witness is None or finding.code not in ("V001", "V002", "V003", "V007"):
        return True
    path, _, gap = walk(tree, witness)
    node_id = finding.nodes[-1]
    if finding.code == "V001":
        return gap is not None and gap.node == node_id
    if node_id not in path:
        return False
    node = tree.nodes[node_id]
    assert isinstance(node, Question)
    if finding.code == "V002":
        i, j = finding.details["branches"]
        return branch_holds(tree, node, i, witness) and branch_holds(tree, node, j, witness)
    if finding.code == "V003":
        return branch_holds(tree, node, finding.details["branch"], witness)
    return finding.nodes[0] in path


def _search_gaps(tree: Tree, analysis: Analysis, known: list[Finding]) -> list[Finding]:
    """Gaps and overlaps found by evaluating hypothesis-drawn cases (for inexact analyses)."""
    from hypothesis import given

    from decision_trees._strategies import engine_search
    from decision_trees.testing import answers

    reported = {(f.code, f.nodes) for f in known}
    extra: list[Finding] = []

    @engine_search(SEARCH_EXAMPLES)
    @given(answers(tree))
    def search(case: dict[str, Any]) -> None:
        path, _, gap = walk(tree, case)
        if gap is not None and ("V001", (gap.node,)) not in reported:
            reported.add(("V001", (gap.node,)))
            used = {k: case[k] for k in _read_on(tree, analysis, path)}
            extra.append(
                Finding(
                    "V001",
                    "error",
                    (gap.node,),
                    Text(
                        en=f"question {gap.node!r}: the answer {gap.value!r} for {gap.input!r} matches no "
                        "branch (found by search)",
                        nl=f"vraag {gap.node!r}: het antwoord {gap.value!r} op {gap.input!r} past bij geen "
                        "enkele tak (gevonden door zoeken)",
                    ),
                    used,
                    details={"input": gap.input, "value": gap.value},
                )
            )

    search()
    return extra


def _read_on(tree: Tree, analysis: Analysis, path: list[str]) -> list[str]:
    keys: dict[str, None] = {}
    for node_id in path:
        keys.update(dict.fromkeys(analysis.reads.get(node_id, ())))
    return list(keys)


def _used(tree: Tree, shapes: Conditions) -> tuple[set[str], set[str]]:
    """The inputs that questions and routing rules (and invariants) use, and the named rules they
    refer to, followed through the rules."""
    referenced: set[str] = set()
    used: set[str] = set()
    stack: list[Condition] = []
    for node in tree.nodes.values():
        if isinstance(node, Question):
            used.add(node.input)
        elif isinstance(node, Rule) and node.routes:
            stack.append(node.condition)
    stack += [i.only_if.condition for i in tree.invariants if i.only_if is not None]
    done: set[Hashable] = set()  # conditions of one shape use the same inputs and rules
    while stack:
        condition = stack.pop()
        shape = shapes.shape(condition)
        if shape in done:
            continue
        done.add(shape)
        used.update(t.input for t, _ in tests_in(condition) if t.input is not None)
        for ref, _ in rule_refs(condition):
            rule = tree.nodes.get(ref)
            if ref not in referenced and isinstance(rule, Rule):
                referenced.add(ref)
                stack.append(rule.condition)
    return used, referenced
