"""The sections layout of whole trees: one column per section in reading order, outcomes in one
row by severity, runs of questions and the named conditions as tables (see :class:`Plan`)."""

from __future__ import annotations

import itertools

from decision_trees._dot_syntax import PIECE as _PIECE
from decision_trees._dot_syntax import SMALL as _SMALL
from decision_trees._dot_syntax import WIDE as _WIDE
from decision_trees._dot_syntax import attrs as _attrs
from decision_trees._dot_syntax import dot_quote, short
from decision_trees._dot_syntax import h as _h
from decision_trees._dot_syntax import tag as _tag
from decision_trees._dot_syntax import wrap as _wrap
from decision_trees._drawing import (
    FADED_TEXT,
    KIND_FILL,
    KIND_LINE,
    LARGE_DRAWING,
    MATCHED_ROW,
    OUTPUT_HEAD,
    Cluster,
    Drawing,
    DrawnEdge,
    DrawnNode,
    DrawnRow,
    DrawnTable,
    word,
)
from decision_trees.model import Lang

#: Drawings of more nodes than this (and two or more sections) are laid out in columns.
COLUMNS_ABOVE = LARGE_DRAWING
#: A section with at least this many times the steps of the next longest is wrapped into two
#: sub-columns.
WRAP_AT = 1.5
#: ... and has at least this many steps.
WRAP_MIN = 6


def condition_table(
    table_id: str, nodes: list[DrawnNode], lang: Lang, first: bool = True, widths: tuple[int, int] = (22, 36)
) -> str:
    """One node holding named conditions as rows of a table: the condition and when it holds
    (wrapped at ``widths`` characters).

    Each row keeps the condition's id (``node-<id>``) and tooltip, so the SVG can still be queried.
    """
    rows = (
        [
            f'<TR><TD COLSPAN="2" ALIGN="LEFT" BGCOLOR="{KIND_FILL["rule"]}">'
            f"<B>{_h(word('conditions', lang))}</B></TD></TR>",
            f'<TR><TD ALIGN="LEFT"><I>{_h(word("condition", lang))}</I></TD>'
            f'<TD ALIGN="LEFT"><I>{_h(word("holds_when", lang))}</I></TD></TR>',
        ]
        if first
        else []
    )
    for node in nodes:
        colour = FADED_TEXT if node.faded else "#111827"
        name = '<BR ALIGN="LEFT"/>'.join(_h(line) for line in _wrap(node.label, widths[0]))
        when = '<BR ALIGN="LEFT"/>'.join(_h(line) for line in _wrap(node.condition or "", widths[1]))
        if node.highlighted or (not node.faded and node.id in _lit_rows(nodes)):
            name = _tag("B", name)
        cell = f'ID="{_h("node-" + node.id)}" ALIGN="LEFT" BALIGN="LEFT"'
        # an empty HREF makes Graphviz write the cell's id and tooltip into SVG
        cell += f' HREF="" TOOLTIP="{_h(node.tooltip or node.label)}"'
        rows.append(
            f'<TR><TD {cell}><FONT COLOR="{colour}">{name}</FONT></TD>'
            f'<TD ALIGN="LEFT" BALIGN="LEFT">'
            f'<FONT COLOR="{colour}" POINT-SIZE="{_SMALL}">{when}</FONT></TD></TR>'
        )
    table = (
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4" '
        f'COLOR="{KIND_LINE["rule"]}">' + "".join(rows) + "</TABLE>"
    )
    pairs = [
        ("id", dot_quote(table_id)),
        ("class", dot_quote("conditions")),
        ("label", f"<{table}>"),
        ("shape", "plain"),
    ]
    return f"{dot_quote(table_id)} [{_attrs(pairs)}];"


def row_table(table: DrawnTable, lang: Lang, decided: bool) -> str:
    """A table node as one DOT node: its title, a header with the columns, a row per table row
    (its cells and where it leads, the port ``p<i>`` for its arrow); with a decision, the matched
    row is set in bold on a tinted ground and the rows not tried are faded."""
    valued = bool(table.outputs)  # a value table: output columns instead of where a row leads
    width = len(table.columns) + (len(table.outputs) if valued else 1) + 1
    head = f'COLSPAN="{width}" ALIGN="LEFT" BGCOLOR="{KIND_FILL["rule"]}"'
    heads = (
        "".join(f'<TD ALIGN="LEFT" BGCOLOR="{OUTPUT_HEAD}"><B>{_h(c)}</B></TD>' for c in table.outputs)
        if valued
        else f'<TD ALIGN="LEFT"><I>{_h("→")}</I></TD>'
    )
    rows = [
        f"<TR><TD {head}><B>{_h(table.title)}</B></TD></TR>",
        "<TR><TD></TD>"
        + "".join(f'<TD ALIGN="LEFT"><I>{_h(c)}</I></TD>' for c in table.columns)
        + heads
        + "</TR>",
    ]
    for i, row in enumerate(table.rows):
        colour = FADED_TEXT if decided and not row.tried else "#111827"
        ground = f' BGCOLOR="{MATCHED_ROW}"' if row.matched else ""

        def text(value: str, row: DrawnRow = row, colour: str = colour) -> str:
            body = '<BR ALIGN="LEFT"/>'.join(_h(line) for line in _wrap(value, _WIDE // 2))
            return f'<FONT COLOR="{colour}">{_tag("B", body) if row.matched else body}</FONT>'

        name = f'ID="{_h("node-" + row.node)}" ALIGN="LEFT" HREF="" TOOLTIP="{_h(row.name)}"'
        cells = "".join(f'<TD ALIGN="LEFT" BALIGN="LEFT"{ground}>{text(c)}</TD>' for c in row.cells)
        ends = [row.target] if not valued else list(row.outputs)
        last = len(ends) - 1
        ports = [""] * last + [f' PORT="p{i}"']
        out = "".join(
            f'<TD{port} ALIGN="LEFT" BALIGN="LEFT"{ground}>{text(v)}</TD>'
            for port, v in zip(ports, ends, strict=True)
        )
        rows.append(f"<TR><TD {name}{ground}>{text(row.name)}</TD>{cells}{out}</TR>")
    if table.defaults:  # DMN's default output entries: what a single-hit table gives when no row holds
        ground = f' BGCOLOR="{MATCHED_ROW}"' if table.default_used else ""
        colour = FADED_TEXT if decided and not table.default_used else "#111827"

        def plain(value: str, colour: str = colour) -> str:
            body = _h(value)
            return f'<FONT COLOR="{colour}">{_tag("B", body) if table.default_used else body}</FONT>'

        span = f'ALIGN="LEFT" COLSPAN="{len(table.columns) + 1}"{ground}'
        rows.append(
            f"<TR><TD {span}><I>{plain(word('otherwise', lang))}</I></TD>"
            + "".join(f'<TD ALIGN="LEFT"{ground}>{plain(v)}</TD>' for v in table.defaults)
            + "</TR>"
        )
    if table.result is not None:
        foot = f'COLSPAN="{width}" ALIGN="LEFT" BGCOLOR="{OUTPUT_HEAD}"'
        rows.append(f"<TR><TD {foot}><B>{_h(table.result)}</B></TD></TR>")
    html = (
        '<TABLE BORDER="1" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4" STYLE="ROUNDED" '
        f'COLOR="{KIND_LINE["rule"]}">' + "".join(rows) + "</TABLE>"
    )
    table_id = f"table-{table.id}"
    pairs = [
        ("id", dot_quote(table_id)),
        ("class", dot_quote("table")),
        ("label", f"<{html}>"),
        ("shape", "plain"),
    ]
    return f"{dot_quote(table_id)} [{_attrs(pairs)}];"


def question_table(
    table_id: str, nodes: list[DrawnNode], labels: list[str], lang: Lang, start: int = 0
) -> str:
    """A run of questions that each lead straight on to the next, as the numbered rows of one
    table; one shared way on (``labels`` all equal) goes in the header, else in a second column."""
    shared = len(set(labels)) == 1
    head = f"{word('each_question', lang)}: {labels[0]}" if shared else word("questions", lang)
    rows = (
        [
            f'<TR><TD COLSPAN="{1 if shared else 2}" ALIGN="LEFT" BGCOLOR="{KIND_FILL["question"]}">'
            f"<I>{_h(head)}</I></TD></TR>"
        ]
        if start == 0
        else []
    )
    for i, node in enumerate(nodes):
        colour = FADED_TEXT if node.faded else "#111827"
        number = f"{start + i + 1}. {short(node.label)}"
        text = '<BR ALIGN="LEFT"/>'.join(_h(line) for line in _wrap(number, _WIDE))
        if node.highlighted:
            text = _tag("B", text)
        cell = f'PORT="p{i}" ID="{_h("node-" + node.id)}" ALIGN="LEFT" BALIGN="LEFT"'
        # an empty HREF makes Graphviz write the cell's id and tooltip into SVG
        cell += f' HREF="" TOOLTIP="{_h(node.tooltip or node.label)}"'
        row = f'<TD {cell}><FONT COLOR="{colour}">{text}</FONT></TD>'
        if not shared:
            row += (
                f'<TD ALIGN="LEFT"><FONT POINT-SIZE="{_SMALL}" COLOR="{colour}">{_h(labels[i])}</FONT></TD>'
            )
        rows.append(f"<TR>{row}</TR>")
    table = (
        '<TABLE BORDER="1" CELLBORDER="1" CELLSPACING="0" CELLPADDING="5" STYLE="ROUNDED" '
        f'COLOR="{KIND_LINE["question"]}">' + "".join(rows) + "</TABLE>"
    )
    pairs = [
        ("id", dot_quote(table_id)),
        ("class", dot_quote("questions")),
        ("label", f"<{table}>"),
        ("shape", "plain"),
    ]
    return f"{dot_quote(table_id)} [{_attrs(pairs)}];"


def _lit_rows(nodes: list[DrawnNode]) -> set[str]:
    """Rows to set in bold: with a decision, the conditions its path consulted (not faded)."""
    if not any(node.faded for node in nodes):
        return set()
    return {node.id for node in nodes if not node.faded}


class Plan:
    """How a whole tree with sections is laid out: one column per section in reading order, the
    outcomes in one row below them in severity order (least severe on the left)."""

    def __init__(self, drawing: Drawing) -> None:
        self.drawing = drawing
        by_id = {node.id: node for node in drawing.nodes}
        self.section = {n: c.id for c in drawing.clusters for n in c.nodes}
        self.tabled = {n.id for n in drawing.nodes if n.named_condition} if drawing.condition_table else set()
        outcomes = [n for n in drawing.nodes if n.kind == "outcome"]
        homes = {self.section.get(n.id) for n in outcomes}
        sections = [c for c in drawing.clusters if any(by_id[n].kind != "outcome" for n in c.nodes)]
        # columns only for a large drawing with two or more sections and its outcomes in one place
        self.columns = (
            len(drawing.nodes) > COLUMNS_ABOVE and len(sections) >= 2 and len(homes) == 1 and bool(outcomes)
        )
        #: the outcomes stand in one row, most severe first, when they are all in one place
        self.outcome_row = len(homes) == 1 and len(outcomes) > 1
        self.outcome_home = next(iter(homes)) if self.outcome_row else None
        # most severe first: the legal gate's outcomes are then nearest to it, the way out of
        # scope (its first question) last, and the weighing's in its strictest-first order
        self.outcome_order = [n.id for n in sorted(outcomes, key=lambda n: -(n.severity or 0))]
        self.run_start: dict[str, int] = {}
        self.chains: list[list[str]] = self._chains(by_id, sections) if self.columns else []
        #: node id -> where its edges attach in DOT (a row of a question table, or the node itself)
        self.anchor = {n: dot_quote(n) for n in by_id}
        #: node id -> the DOT node that draws it
        self.holder = dict(self.anchor)
        self.chained: dict[str, list[str]] = {}
        #: the first row's node id -> its table node drawn as a table (see row_table)
        self.row_tables: dict[str, DrawnTable] = {}
        #: node id -> (DOT id of its table, the table's rows) for every row of a drawn table
        self.in_row_table: dict[str, tuple[str, list[str]]] = {}
        #: the rows of drawn value tables (left by one arrow from the table)
        self.value_rows: set[str] = set()
        for drawn in drawing.tables:
            holder = dot_quote(f"table-{drawn.id}")
            # the rows that are nodes (a value table's row matching everything is not one)
            rows = [row.node for row in drawn.rows if row.node in by_id]
            ports = {row.node: i for i, row in enumerate(drawn.rows)}
            self.row_tables[rows[0]] = drawn
            if drawn.outputs:
                self.value_rows.update(rows)
            for n in rows:
                self.anchor[n] = f"{holder}:p{ports[n]}"
                self.holder[n] = holder
                self.chained[n] = rows
                self.in_row_table[n] = (holder, rows)
        for chain in self.chains:
            table = dot_quote(f"questions-{chain[0]}")
            for i, n in enumerate(chain):
                self.anchor[n] = f"{table}:p{i}"
                self.holder[n] = table
                self.chained[n] = chain
        #: the first and the last DOT nodes of every column, and invisible edges that stack them
        self.tops: list[str] = []
        self.bottoms: list[str] = []
        self.stacked: list[tuple[str, str]] = []
        self.side_tops: list[str] = []
        #: node id -> its sub-column within a wrapped section (0 or 1)
        self.part: dict[str, int] = {}
        if self.columns:
            self._stack(by_id, sections)

    def _stack(self, by_id: dict[str, DrawnNode], sections: list[Cluster]) -> None:
        """Tops and bottoms of the columns; a section's tables of conditions go below its
        questions and rules when the column stays no longer than the longest, else beside them.

        A section much longer than every other is wrapped into two sub-columns side by side
        (read top to bottom, then the next sub-column), so that the drawing is not too tall."""
        routes = [e for e in self.drawing.edges if e.kind != "uses"]
        columns = []
        for cluster in sections:
            members = [n for n in cluster.nodes if by_id[n].kind != "outcome" and n not in self.tabled]
            holders = list(dict.fromkeys(self.holder[n] for n in members))
            columns.append((cluster, members, holders))
        lengths = sorted(len(holders) for *_, holders in columns)
        others = lengths[-2] if len(lengths) > 1 else 0
        plans = []
        for cluster, members, holders in columns:
            table = [dot_quote(piece) for piece, _ in self.condition_tables(cluster.id, list(cluster.nodes))]
            parts = [members]
            if len(holders) >= max(WRAP_MIN, WRAP_AT * others):
                first = set(holders[: (len(holders) + 1) // 2])
                parts = [[n for n in members if self.holder[n] in first]]
                parts.append([n for n in members if self.holder[n] not in first])
                self.part.update({n: i for i, part in enumerate(parts) for n in part})
            for i, part in enumerate(parts):
                inside = [(e.source, e.target) for e in routes if e.target in part and e.source in part]
                left = {a for a, _ in inside}
                entered = {b for _, b in inside}
                ends = list(dict.fromkeys(self.holder[n] for n in part if n not in left))
                starts = [self.holder[n] for n in part if n not in entered][:1]
                length = len(dict.fromkeys(self.holder[n] for n in part))
                plans.append((length, table if i == len(parts) - 1 else [], starts, ends))
        longest = max((length for length, *_ in plans), default=0)
        for length, table, starts, ends in plans:
            self.stacked += list(itertools.pairwise(table))
            self.tops += (starts or table)[:1]
            if table and starts and length + len(table) <= longest:
                self.stacked += [(end, table[0]) for end in ends]
                self.bottoms += table[-1:]
            else:
                self.side_tops += table[:1] if starts else []
                self.bottoms += ends + table[-1:]

    def condition_tables(self, home: str | None, node_ids: list[str]) -> list[tuple[str, list[str]]]:
        """The tables of named conditions in one section: ``(DOT id, node ids)``, four rows each
        in the sections layout (so that no row of the layout gets very tall), else one table."""
        tabled = [n for n in node_ids if n in self.tabled]
        size = _PIECE if self.columns else max(len(tabled), 1)
        pieces = [tabled[i : i + size] for i in range(0, len(tabled), size)]
        return [(f"conditions-{home or 'tree'}-{i + 1}", piece) for i, piece in enumerate(pieces)]

    def _chains(self, by_id: dict[str, DrawnNode], sections: list[Cluster]) -> list[list[str]]:
        """Runs of at least three questions in one section, each with one way on, to the next."""
        routes = [e for e in self.drawing.edges if e.kind != "uses"]
        targets: dict[str, set[str]] = {}
        sources: dict[str, set[str]] = {}
        for e in routes:
            targets.setdefault(e.source, set()).add(e.target)
            sources.setdefault(e.target, set()).add(e.source)

        def single(n: str) -> str | None:
            way = targets.get(n, set())
            return next(iter(way)) if by_id[n].kind == "question" and len(way) == 1 else None

        chains: list[list[str]] = []
        self.run_start.clear()
        for cluster in sections:
            members = set(cluster.nodes)
            taken: set[str] = set()
            for n in cluster.nodes:
                if n in taken or single(n) is None:
                    continue
                chain = [n]
                nxt = single(n)
                while (
                    nxt in members
                    and nxt not in chain
                    and single(nxt) is not None
                    and sources.get(nxt) == {chain[-1]}
                ):
                    chain.append(nxt)
                    nxt = single(nxt)
                if len(chain) >= 3:
                    # tables of at most four rows, so that no row of the layout gets very tall
                    pieces = [chain[i : i + _PIECE] for i in range(0, len(chain), _PIECE)]
                    for i, piece in enumerate(pieces):
                        if len(piece) > 1:
                            chains.append(piece)
                            self.run_start[piece[0]] = i * _PIECE
                    taken.update(chain)
        return chains

    def constraint(self, edge: DrawnEdge) -> bool:
        """Whether ``edge`` sets the ranks (only edges inside a section do, in columns)."""
        if not self.columns:
            return True
        return (
            self.section.get(edge.source) == self.section.get(edge.target)
            and self.part.get(edge.source, 0) == self.part.get(edge.target, 0)
            and edge.target not in self.outcome_order
        )
