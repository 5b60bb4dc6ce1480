"""DMN 1.3/1.4/1.5 XML import and export of decision tables and their input data.

The XML is parsed with ``defusedxml`` (no DTDs, no entity expansion, no external fetches). Only
decision tables over input data, with cells in the S-FEEL unary-test subset and literal output
entries, are read; anything else is refused with a coded problem naming the element and line,
never guessed. Export writes DMN 1.5 by default (``version="1.3"`` or ``"1.4"`` on request).

Size: over ~600 lines: reading and writing DMN are kept together so that what import accepts and
export writes stay the same subset (the round-trip property test reads both).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from decision_trees.errors import MissingDependencyError, Problem
from decision_trees.model import Citation, Text
from decision_trees.tables._feel import FeelError, cell_text, parse_unary_tests, value_text
from decision_trees.tables.errors import TableLoadError
from decision_trees.tables.loader import check_table
from decision_trees.tables.model import DecisionTable, Equal

__all__ = ["NAMESPACES", "from_dmn", "to_dmn"]

NAMESPACES = {
    "1.3": "https://www.omg.org/spec/DMN/20191111/MODEL/",
    "1.4": "https://www.omg.org/spec/DMN/20211108/MODEL/",
    "1.5": "https://www.omg.org/spec/DMN/20230324/MODEL/",
}
EXTENSION = "https://github.com/kennisveiligheid/kennisveiligheid/dmn-extension"
MAX_BYTES = 2 * 1024 * 1024
_NAME = re.compile(r"^[A-Za-z_?][A-Za-z0-9_?]*(?: [A-Za-z0-9_?]+)*$")
_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,99}$")
_TYPES = {"number": "number", "string": "string", "boolean": "boolean", "date": "date"}
_HIT = {"UNIQUE", "ANY", "PRIORITY", "FIRST", "RULE ORDER", "OUTPUT ORDER", "COLLECT"}


def _defused() -> Any:
    try:
        from defusedxml import ElementTree as defused
    except ImportError as exc:  # pragma: no cover - the dmn extra is installed in dev and CI
        raise MissingDependencyError("defusedxml", "pip install 'kennisveiligheid[dmn]'") from exc
    return defused


# ----------------------------------------------------------------------------------------------
# Reading


class _Document:
    """Parsed XML with the line of every element."""

    def __init__(self, text: str | bytes, name: str | None) -> None:
        defused = _defused()
        lines: dict[int, int] = {}

        class Parser(defused.DefusedXMLParser):  # type: ignore[misc, name-defined]
            def _start(self, tag: str, attr_list: Any) -> Element:
                element: Element = super()._start(tag, attr_list)
                lines[id(element)] = self.parser.CurrentLineNumber
                return element

        from defusedxml import DefusedXmlException

        parser = Parser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
        try:
            parser.feed(text)
            self.root: Element = parser.close()
        except DefusedXmlException as exc:
            raise TableLoadError([Problem.of("DT820.refused", file=name, reason=str(exc))], name) from None
        except Exception as exc:  # xml.etree.ElementTree.ParseError and expat errors
            position = getattr(exc, "position", (None, None))
            raise TableLoadError(
                [Problem.of("DT820.xml", file=name, line=position[0], reason=str(exc))], name
            ) from None
        self.lines = lines
        self.name = name

    def line(self, element: Element) -> int | None:
        return self.lines.get(id(element))


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _text(element: Element | None) -> str | None:
    if element is None:
        return None
    for child in element:
        if _local(child.tag)[1] == "text":
            return (child.text or "").strip()
    return None


class _Reader:
    def __init__(self, document: _Document) -> None:
        self.doc = document
        self.problems: list[Problem] = []
        _, tag = _local(document.root.tag)
        self.ns = _local(document.root.tag)[0]
        if tag != "definitions" or self.ns not in NAMESPACES.values():
            known = ", ".join(f"DMN {v}" for v in NAMESPACES)
            self.refuse(document.root, "DT823.root", known=known)

    def refuse(self, element: Element, key: str, **facts: Any) -> None:
        local = _local(element.tag)[1]
        ident = element.get("id") or element.get("name")
        where = f"<{local}{' ' + repr(ident) if ident else ''}>"
        line = self.doc.line(element)
        self.problems.append(Problem.of(key, file=self.doc.name, line=line, node=ident, where=where, **facts))

    def children(self, element: Element, local: str) -> list[Element]:
        return [child for child in element if _local(child.tag) == (self.ns, local)]

    def child(self, element: Element, local: str) -> Element | None:
        found = self.children(element, local)
        return found[0] if found else None

    def tables(self) -> list[tuple[dict[str, Any], dict[tuple[str | int, ...], tuple[int, int]], Element]]:
        if self.problems:
            return []
        root = self.doc.root
        input_types: dict[str, str | None] = {}
        for data in self.children(root, "inputData"):
            variable = self.child(data, "variable")
            input_types[data.get("name", "")] = variable.get("typeRef") if variable is not None else None
        found = []
        allowed = {"decision", "inputData", "itemDefinition", "DMNDI", "extensionElements", "description"}
        for element in root:
            namespace, local = _local(element.tag)
            if namespace == self.ns and local not in allowed:
                self.refuse(element, "DT821.element")
        for decision in self.children(root, "decision"):
            logic = [c for c in decision if _local(c.tag)[1] not in _DECISION_PARTS]
            table = self.child(decision, "decisionTable")
            if table is None or len(logic) > 1:
                what = ", ".join(sorted({_local(c.tag)[1] for c in logic})) or "no decision logic"
                self.refuse(decision, "DT821.table_only", what=what)
                continue
            for requirement in self.children(decision, "informationRequirement"):
                if self.child(requirement, "requiredDecision") is not None:
                    self.refuse(requirement, "DT821.requires")
            for requirement in self.children(decision, "knowledgeRequirement"):
                self.refuse(requirement, "DT821.knowledge")
            result = self._table(decision, table, input_types)
            if result is not None:
                found.append((*result, decision))
        return found

    def _extensions(
        self, element: Element, local: str, keys: tuple[str, ...]
    ) -> list[tuple[dict[str, str], Element]]:
        """The attributes (``keys`` only) of our ``dtx:<local>`` extension elements on ``element``."""
        found = []
        for extensions in self.children(element, "extensionElements"):
            for child in extensions:
                if _local(child.tag) == (EXTENSION, local):
                    attrs = {key: value for key in keys if (value := child.get(key)) is not None}
                    found.append((attrs, child))
        return found

    def _column_type(self, element: Element, type_ref: str | None, values: list[Any] | None) -> str | None:
        if type_ref is None and values is not None:
            kinds = {type(v).__name__ for v in values}
            type_ref = {"str": "string", "Decimal": "number", "bool": "boolean", "date": "date"}.get(
                kinds.pop() if len(kinds) == 1 else ""
            )
        if type_ref is None:
            self.refuse(element, "DT822.type")
            return None
        kind = _TYPES.get(type_ref.removeprefix("feel:"))
        if kind is None:
            self.refuse(
                element,
                "DT821.type",
                type=type_ref,
            )
        return kind

    def _values(self, element: Element | None) -> list[Any] | None:
        text = _text(element)
        if element is None or text is None:
            return None
        try:
            cell = parse_unary_tests(text)
        except FeelError as exc:
            self.refuse(element, "DT821.literals", text=text, reason=str(exc))
            return None
        if cell.negated or not all(isinstance(t, Equal) for t in cell.tests):
            self.refuse(element, "DT821.plain_list", text=text)
            return None
        return [t.value for t in cell.tests if isinstance(t, Equal)]

    def _table(
        self, decision: Element, table: Element, input_types: Mapping[str, str | None]
    ) -> tuple[dict[str, Any], dict[tuple[str | int, ...], tuple[int, int]]] | None:
        before = len(self.problems)
        self.positions: dict[tuple[str | int, ...], tuple[int, int]] = {}
        name = decision.get("name") or decision.get("id") or "decision"
        data: dict[str, Any] = {"id": _ident(decision.get("id"), name)}
        self.at((), decision)
        label = _label(decision)
        if label is not None:
            data["label"] = label
        if name != data["id"] and (label is None or label["en"] != name):
            data["name"] = name
        sources = self._extensions(decision, "source", ("id", "title", "publisher", "url", "section", "date"))
        if sources:
            data["sources"] = {}
            for attrs, element in sources:
                ident = attrs.pop("id", "")
                data["sources"][ident] = attrs
                self.at(("sources", ident), element)
        policy = table.get("hitPolicy", "UNIQUE")
        if policy not in _HIT:
            self.refuse(table, "DT821.hit_policy", policy=policy)
        data["hit_policy"] = policy
        if table.get("aggregation"):
            data["aggregation"] = table.get("aggregation")
        used: set[str] = set()
        data["inputs"] = self._inputs(table, input_types, used)
        data["outputs"] = self._outputs(decision, table, name, used)
        data["rows"] = self._rows(table, data["id"], len(data["inputs"]), len(data["outputs"]))
        if len(self.problems) > before:
            return None
        return data, self.positions

    def at(self, loc: tuple[str | int, ...], element: Element) -> None:
        """Remember ``element``'s line for the table path ``loc``."""
        line = self.doc.line(element)
        if line is not None:
            self.positions[loc] = (line, 1)

    def _inputs(
        self, table: Element, input_types: Mapping[str, str | None], used: set[str]
    ) -> list[dict[str, Any]]:
        inputs = []
        for i, clause in enumerate(self.children(table, "input")):
            expression = self.child(clause, "inputExpression")
            text = _text(expression)
            if expression is None or not text:
                self.refuse(clause, "DT822.expression")
                continue
            if not _NAME.match(text):
                self.refuse(expression, "DT821.expression", text=text)
                continue
            column = self._input(clause, expression, text, input_types, used)
            if column is not None:
                self.at(("inputs", i), clause)
                inputs.append(column)
        return inputs

    def _input(
        self,
        clause: Element,
        expression: Element,
        text: str,
        input_types: Mapping[str, str | None],
        used: set[str],
    ) -> dict[str, Any] | None:
        values = self._values(self.child(clause, "inputValues"))
        kind = self._column_type(expression, expression.get("typeRef") or input_types.get(text), values)
        if kind is None:
            return None
        if clause.get(f"{{{EXTENSION}}}type") == "integer" and kind == "number":
            kind = "integer"
        column: dict[str, Any] = {"id": _unique(_ident(None, text), used), "type": kind}
        if column["id"] != text:
            column["name"] = text
        if values is not None:
            if kind == "string":
                column["type"] = "enum"
                column["values"] = values
            else:
                self.refuse(clause, "DT821.allowed", kind=kind)
        column_label = _label(clause)
        if column_label is not None:
            column["label"] = column_label
        return column

    def _output_kind(
        self, decision: Element, table: Element, clause: Element, index: int, single: bool
    ) -> tuple[str | None, list[Any] | None]:
        """The type of output ``index`` (from its typeRef, the decision's, or its entries)."""
        values = self._values(self.child(clause, "outputValues"))
        type_ref = clause.get("typeRef")
        if type_ref is None and single:
            variable = self.child(decision, "variable")
            type_ref = (variable.get("typeRef") if variable is not None else None) or table.get("typeRef")
            if type_ref is not None and type_ref.removeprefix("feel:") not in _TYPES:
                type_ref = None  # an item definition: read the type from the entries below
        if type_ref is not None or values is not None:
            return self._column_type(clause, type_ref, values), values
        literals = []
        for rule in self.children(table, "rule"):
            entries = self.children(rule, "outputEntry")
            if index < len(entries):
                try:
                    literals.append(parse_unary_tests(_text(entries[index]) or ""))
                except FeelError:
                    literals = []
                    break
        found = [t.value for c in literals for t in c.tests if isinstance(t, Equal)]
        return self._column_type(clause, None, found or None), values

    def _outputs(self, decision: Element, table: Element, name: str, used: set[str]) -> list[dict[str, Any]]:
        outputs = []
        clauses = self.children(table, "output")
        for i, clause in enumerate(clauses):
            kind, values = self._output_kind(decision, table, clause, i, len(clauses) == 1)
            if kind is None:
                continue
            if kind == "date":
                self.refuse(clause, "DT821.date_output")
                continue
            out_name = clause.get("name") or (name if len(clauses) == 1 else None)
            if out_name is None:
                self.refuse(clause, "DT822.output_name")
                continue
            column: dict[str, Any] = {"id": _unique(_ident(None, out_name), used), "type": kind}
            if column["id"] != out_name:
                column["name"] = out_name
            if values is not None:
                column["values"] = [value_text(v) for v in values]
                if kind == "string":
                    column["type"] = "enum"
            default = self.child(clause, "defaultOutputEntry")
            if default is not None:
                column["default"] = _text(default) or ""
            column_label = _label(clause)
            if column_label is not None:
                column["label"] = column_label
            self.at(("outputs", i), clause)
            outputs.append(column)
        return outputs

    def _rows(self, table: Element, table_id: str, n_inputs: int, n_outputs: int) -> list[dict[str, Any]]:
        annotations = [a.get("name", "") for a in self.children(table, "annotation")]
        rows = []
        for r, rule in enumerate(self.children(table, "rule")):
            self.at(("rows", r), rule)
            entries = self.children(rule, "inputEntry")
            if len(entries) != n_inputs:
                self.refuse(rule, "DT822.inputs", count=len(entries), columns=n_inputs)
                continue
            outs = self.children(rule, "outputEntry")
            if len(outs) != n_outputs:
                self.refuse(rule, "DT822.outputs", count=len(outs), columns=n_outputs)
                continue
            row: dict[str, Any] = {"when": [], "then": []}
            generated = f"{table_id}.row{r + 1}"  # what to_dmn writes for a row without an id
            if rule.get("id") and _ID.match(rule.get("id", "")) and rule.get("id") != generated:
                row["id"] = rule.get("id")
            citations = self._extensions(rule, "citation", ("source", "provenance", "section"))
            if citations:
                row["sources"] = [attrs for attrs, _ in citations]
                for k, (_, element) in enumerate(citations):
                    self.at(("rows", r, "sources", k), element)
            for j, entry in enumerate(entries):
                row["when"].append(_text(entry) or "")
                self.at(("rows", r, "when", j), entry)
            for j, entry in enumerate(outs):
                row["then"].append(_text(entry) or "")
                self.at(("rows", r, "then", j), entry)
            annotation = self._annotation(rule, annotations)
            if annotation is not None:
                row["annotation"] = annotation
            rows.append(row)
        return rows

    def _annotation(self, rule: Element, annotations: list[str]) -> dict[str, str] | str | None:
        """A row's annotation: bilingual from ``nl``/``en`` columns, else plain, else its description."""
        notes = [(_text(a) or "") for a in self.children(rule, "annotationEntry")]
        if sorted(annotations) == ["en", "nl"] and len(notes) == 2 and all(notes):
            by_lang = dict(zip(annotations, notes, strict=True))
            return {"nl": by_lang["nl"], "en": by_lang["en"]}
        if any(notes):
            return "; ".join(n for n in notes if n)
        description = self.child(rule, "description")
        if description is not None and (description.text or "").strip():
            return (description.text or "").strip()
        return None


_DECISION_PARTS = {
    "description",
    "extensionElements",
    "question",
    "allowedAnswers",
    "variable",
    "informationRequirement",
    "knowledgeRequirement",
    "authorityRequirement",
    "supportedObjective",
    "impactedPerformanceIndicator",
    "decisionMaker",
    "decisionOwner",
    "usingProcess",
    "usingTask",
}


def _ident(given: str | None, name: str) -> str:
    if given and _ID.match(given):
        return given
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "column"
    if not re.match(r"[A-Za-z_]", cleaned):
        cleaned = f"_{cleaned}"
    return cleaned[:100]


def _unique(ident: str, used: set[str]) -> str:
    candidate, n = ident, 2
    while candidate in used:
        candidate = f"{ident}_{n}"
        n += 1
    used.add(candidate)
    return candidate


def _label(element: Element) -> dict[str, str] | None:
    nl = element.get(f"{{{EXTENSION}}}label-nl")
    en = element.get("label")
    if nl and en:
        return {"nl": nl, "en": en}
    return None


def from_dmn(source: str | os.PathLike[str]) -> tuple[DecisionTable, ...]:
    """The decision tables of a DMN 1.3/1.4/1.5 file path or XML text, in document order.

    Raises :class:`~decision_trees.tables.TableLoadError` listing every problem (DT820 unsafe or
    broken XML, DT821 outside the supported subset, DT822 incomplete, DT823 not DMN, and the
    table problems DT80x), each naming the element and line.
    """
    name: str | None = None
    text: str | bytes
    if isinstance(source, os.PathLike) or not source.lstrip("\ufeff \t\r\n").startswith("<"):
        name = os.fspath(source)
        path = Path(name)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise TableLoadError([Problem.of("DT101.larger", file=name, limit=MAX_BYTES)], name)
            text = path.read_bytes()  # the parser follows the encoding the XML declares
        except OSError as exc:
            key = "DT109.not_found" if isinstance(exc, FileNotFoundError) else "DT109.unreadable"
            raise TableLoadError([Problem.of(key, file=name, reason=str(exc))], name) from None
    else:
        text = source
        if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise TableLoadError([Problem.of("DT101.text", limit=MAX_BYTES)])
    if isinstance(text, str):
        text = text.lstrip("\ufeff")
        if text.startswith("<?xml"):
            text = re.sub(r"^<\?xml[^>]*\?>", "", text, count=1)  # the text is already decoded
    reader = _Reader(_Document(text, name))
    found = reader.tables()
    problems = list(reader.problems)
    tables = []
    for data, positions, decision in found:
        table, more = check_table(data, positions, name, dmn=True)
        for problem in more:
            ident = decision.get("id") or decision.get("name")
            problems.append(
                Problem(
                    problem.code,
                    f"<decision {ident!r}>: {problem.message}",
                    file=name,
                    line=problem.line,
                    node=ident,
                    field=problem.field,
                    hint=problem.hint,
                )
            )
        if table is not None:
            tables.append(table)
    if not problems and not found:
        problems.append(Problem.of("DT822.no_table", file=name))
    if problems:
        problems.sort(key=lambda p: (p.line is None, p.line or 0, p.code))
        raise TableLoadError(problems, name)
    return tuple(tables)


# ----------------------------------------------------------------------------------------------
# Writing


def _add_text(parent: Element, tag: str, text: str, **attrs: str) -> Element:
    element = SubElement(parent, tag, attrs)
    SubElement(element, "text").text = text
    return element


def _type_ref(kind: str) -> str:
    return {"integer": "number", "enum": "string"}.get(kind, kind)


def _label_attrs(attrs: dict[str, str], label: Text | None) -> dict[str, str]:
    """``attrs`` with the English label and the Dutch one as an extension attribute."""
    if label is not None:
        attrs.update({"label": label.en, "dtx:label-nl": label.nl})
    return attrs


def _write_inputs(element: Element, table: DecisionTable) -> None:
    for column in table.inputs:
        attrs = _label_attrs({"id": f"{table.id}.in.{column.id}"}, column.label)
        if column.type == "integer":
            attrs["dtx:type"] = "integer"
        clause = SubElement(element, "input", attrs)
        _add_text(
            clause,
            "inputExpression",
            column.name or column.id,
            id=f"{table.id}.in.{column.id}.expr",
            typeRef=_type_ref(column.type),
        )
        if column.values is not None:
            _add_text(clause, "inputValues", ", ".join(value_text(v) for v in column.values))


def _write_outputs(element: Element, table: DecisionTable) -> None:
    for output in table.outputs:
        attrs = {"id": f"{table.id}.out.{output.id}", "name": output.name or output.id}
        attrs["typeRef"] = _type_ref(output.type)
        clause = SubElement(element, "output", _label_attrs(attrs, output.label))
        if output.values is not None:
            _add_text(clause, "outputValues", ", ".join(value_text(v) for v in output.values))
        if output.default is not None:
            _add_text(clause, "defaultOutputEntry", value_text(output.default))


def _annotation_columns(table: DecisionTable) -> list[str]:
    """``nl`` and ``en`` when the annotations are bilingual, one column when plain, else none."""
    bilingual = any(isinstance(row.annotation, Text) for row in table.rows)
    plain = any(isinstance(row.annotation, str) for row in table.rows)
    return ["nl", "en"] if bilingual and not plain else (["annotation"] if bilingual or plain else [])


def _write_rule(element: Element, table: DecisionTable, index: int, notes: list[str]) -> None:
    row = table.rows[index]
    rule = SubElement(element, "rule", {"id": row.id or f"{table.id}.row{index + 1}"})
    if row.annotation is not None:  # what dmn-js shows in its annotations column
        shown = row.annotation.en if isinstance(row.annotation, Text) else row.annotation
        SubElement(rule, "description").text = shown
    _write_citations(rule, row.sources)
    for cell in row.when:
        _add_text(rule, "inputEntry", cell_text(cell))
    for value in row.then:
        _add_text(rule, "outputEntry", value_text(value))
    if notes == ["nl", "en"]:
        text = row.annotation if isinstance(row.annotation, Text) else None
        _add_text(rule, "annotationEntry", text.nl if text else "")
        _add_text(rule, "annotationEntry", text.en if text else "")
    elif notes:
        shown = row.annotation.en if isinstance(row.annotation, Text) else (row.annotation or "")
        _add_text(rule, "annotationEntry", shown)


def _write_decision(root: Element, table: DecisionTable, input_data: dict[str, tuple[str, str]]) -> None:
    attrs = {"id": table.id, "name": table.name or (table.label.en if table.label else table.id)}
    decision = SubElement(root, "decision", _label_attrs(attrs, table.label))
    _write_sources(decision, table)
    seen: set[str] = set()
    for column in table.inputs:
        key = column.name or column.id
        if key in seen:
            continue
        seen.add(key)
        requirement = SubElement(decision, "informationRequirement", {"id": f"{table.id}.req.{column.id}"})
        SubElement(requirement, "requiredInput", {"href": f"#{input_data[key][0]}"})
    dt_attrs = {"id": f"{table.id}.table", "hitPolicy": table.hit_policy}
    if table.aggregation:
        dt_attrs["aggregation"] = table.aggregation
    element = SubElement(decision, "decisionTable", dt_attrs)
    _write_inputs(element, table)
    _write_outputs(element, table)
    notes = _annotation_columns(table)
    for note in notes:
        SubElement(element, "annotation", {"name": note})
    for index in range(len(table.rows)):
        _write_rule(element, table, index, notes)


def to_dmn(tables: DecisionTable | Iterable[DecisionTable], *, version: str = "1.5") -> str:
    """DMN XML (1.5 by default; ``"1.3"`` and ``"1.4"`` too) with one decision per table and one
    input data element per distinct input. Labels in Dutch and integer columns travel in
    extension attributes, which other DMN tools ignore."""
    if version not in NAMESPACES:
        raise ValueError(f"version must be one of {', '.join(NAMESPACES)}")
    items = [tables] if isinstance(tables, DecisionTable) else list(tables)
    first = items[0].id if items else "tables"
    root = Element(
        "definitions",
        {
            "xmlns": NAMESPACES[version],
            "xmlns:dtx": EXTENSION,
            "id": f"definitions_{first}",
            "name": first,
            "namespace": f"urn:decision-trees:{first}",
        },
    )
    input_data: dict[str, tuple[str, str]] = {}
    for table in items:
        for column in table.inputs:
            key = column.name or column.id
            input_data.setdefault(key, (f"input_{len(input_data) + 1}", _type_ref(column.type)))
    for table in items:
        _write_decision(root, table, input_data)
    for key, (ident, type_ref) in input_data.items():
        data = SubElement(root, "inputData", {"id": ident, "name": key})
        SubElement(data, "variable", {"id": f"{ident}.var", "name": key, "typeRef": type_ref})
    _indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"


def _write_sources(decision: Element, table: DecisionTable) -> None:
    """The table's sources as ``dtx:source`` extension elements (other DMN tools skip them)."""
    if not table.sources:
        return
    extensions = SubElement(decision, "extensionElements")
    for ident, source in table.sources.items():
        attrs = {"id": ident, "title": source.title, "publisher": source.publisher}
        if source.url is not None:
            attrs["url"] = source.url
        if source.section is not None:
            attrs["section"] = source.section
        attrs["date"] = source.date.isoformat()
        SubElement(extensions, "dtx:source", attrs)


def _write_citations(rule: Element, citations: Iterable[Citation]) -> None:
    """A row's citations as ``dtx:citation`` extension elements."""
    citations = tuple(citations)
    if not citations:
        return
    extensions = SubElement(rule, "extensionElements")
    for citation in citations:
        attrs = {"source": citation.source, "provenance": citation.provenance}
        if citation.section is not None:
            attrs["section"] = citation.section
        SubElement(extensions, "dtx:citation", attrs)


def _indent(element: Element, level: int = 0) -> None:
    pad = "\n" + "  " * level
    if len(element):
        if not (element.text or "").strip():
            element.text = pad + "  "
        for child in element:
            _indent(child, level + 1)
        last = element[-1]
        last.tail = pad
    if level and not (element.tail or "").strip():
        element.tail = pad
