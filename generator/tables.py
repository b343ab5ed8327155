"""Flat tables for spreadsheets: the CSV and Excel (XLSX) downloads a reporter opens in Excel.

The JSON exports (generator/export.py) are the machine contract and keep nested values. The
tables are for people: one plain value per cell (no JSON), one column per target horizon, unit
names beside unit ids, source file and lines in their own columns. CSV is written as UTF-8 with
a byte-order mark, which is how Excel recognises UTF-8 (without it the Vietnamese is garbled).
The XLSX files hold the same tables, one sheet each, written with XlsxWriter: every value stays
the text printed ("≥ 80", "=100%" is never a formula, "1.10" never a number), line numbers are numbers.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import xlsxwriter

from . import kinds
from .labels import SITE_NAME
from .model import Indicator, Plan, Portal, Task

BOM = "\ufeff"
TARGET_PREFIX = "target_"  # one column per horizon: target_2030, target_Đến năm 2030


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Download:
    """One spreadsheet download of a plan, as its page links it."""

    path: str  # where it is written and linked (kinds.path): "data/ke-hoach/hai-an-chi-tieu.csv"
    label: str  # plain words for the link: "Nhiệm vụ"
    kind: str  # tasks | assignments | indicators
    count: int


# Each per-plan table: what it holds, its file's kinds.KINDS entry, its link label, and how the plan page
# names it when the plan has none. Assignments ("dòng phân công", appendix rows) get their own file.
PLAN_TABLES = (("tasks", "plan-tasks-csv", "Nhiệm vụ", "bảng nhiệm vụ"),
               ("assignments", "plan-assignments-csv", "Dòng phân công", "bảng phân công"),
               ("indicators", "plan-indicators-csv", "Chỉ tiêu", "bảng chỉ tiêu"))


def _items(portal: Portal, plan_id: str, kind: str) -> list[Task] | list[Indicator]:
    if kind == "indicators":
        return portal.plan_indicators(plan_id)
    tasks = portal.plan_tasks(plan_id)
    return [t for t in tasks if (t.kind == "assignments") == (kind == "assignments")]


# Sheet names of the portal-wide workbook, by table (file) name.
PORTAL_SHEETS = {"plans": "Kế hoạch", "tasks": "Nhiệm vụ", "indicators": "Chỉ tiêu", "comparisons": "So sánh",
                 "documents": "Văn bản"}


def plan_workbook(portal: Portal, plan_id: str) -> bytes | None:
    """The plan's tables in one Excel file, one sheet per table it has (None: it has none)."""
    downloads = plan_downloads(portal, plan_id)
    return to_xlsx([(d.label, plan_table(portal, plan_id, d.kind)) for d in downloads]) if downloads else None


def portal_workbook(portal_tables: dict[str, Table]) -> bytes:
    return to_xlsx([(PORTAL_SHEETS[name], table) for name, table in portal_tables.items()])


def plan_downloads(portal: Portal, plan_id: str) -> list[Download]:
    """The plan's spreadsheet files, only those with rows (no empty files); the page says what is missing."""
    out = []
    for kind, file_kind, label, _ in PLAN_TABLES:
        count = len(_items(portal, plan_id, kind))
        if count:
            out.append(Download(kinds.path(file_kind, plan=plan_id), label, kind, count))
    return out


def horizon_order(label: str) -> tuple[int, int, str]:
    """Years in order; a label naming a year ("Đến năm 2030") right after that year; others last."""
    year = re.search(r"\d{4}", label)
    return (int(year.group()) if year else 10_000, 0 if label.isdigit() else 1, label)


def horizons(indicators: Iterable[Indicator]) -> list[str]:
    return sorted({t.horizon for i in indicators for t in i.targets}, key=horizon_order)


def _names(portal: Portal, ids: Iterable[str]) -> str:
    return "; ".join(portal.units[u].name for u in ids)


def _source(item: Task | Indicator) -> list[str]:
    return [item.source.file, str(item.source.first), str(item.source.last)]


PLAN_COLUMNS = ("id", "title", "symbol", "issuer", "issuer_name", "level", "locality", "province", "date", "url",
                "source_file", "missing_attachments")
TASK_COLUMNS = ("id", "plan", "table", "kind", "number", "text", "lead", "lead_names", "coordinating",
                "coordinating_names", "output", "deadline", "deadline_date", "national_task_document",
                "national_task_number", "topics", "url", "source_file", "source_first_line", "source_last_line")
INDICATOR_HEAD = ("id", "plan", "table", "number", "name", "unit")
INDICATOR_TAIL = ("targets_from_context", "same_as", "lead", "lead_names", "output", "topics", "url",
                  "source_file", "source_first_line", "source_last_line")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def plans_table(portal: Portal, plans: Iterable[Plan]) -> Table:
    rows = [(p.id, p.title, _text(p.symbol), p.issuer, portal.units[p.issuer].name, p.level, p.locality,
             _text(p.province), p.date.isoformat() if p.date else "", p.url, p.source_file,
             "; ".join(m.text for m in p.missing_attachments)) for p in plans]
    return Table(PLAN_COLUMNS, tuple(rows))


def tasks_table(portal: Portal, tasks: Iterable[Task]) -> Table:
    rows = []
    for t in tasks:
        nt = t.national_task
        rows.append((t.id, t.plan, t.table, t.kind, _text(t.number), t.text, "; ".join(t.lead), _names(portal, t.lead),
                     "; ".join(t.coordinating), _names(portal, t.coordinating), _text(t.output.export()),
                     _text(t.deadline.export()), t.deadline_date.isoformat() if t.deadline_date else "",
                     nt.document if nt else "", _text(nt.number) if nt else "", "; ".join(t.topics), t.url,
                     *_source(t)))
    return Table(TASK_COLUMNS, tuple(rows))


def indicators_table(portal: Portal, indicators: list[Indicator]) -> Table:
    """One column per horizon that any of these indicators prints, as printed (a blank cell: not printed)."""
    cols = horizons(indicators)
    rows = []
    for i in indicators:
        printed = {t.horizon: _text(t.cell.export()) for t in i.targets}
        context = "; ".join(f"{t.horizon}: {t.cell.from_context}" for t in i.targets if t.cell.from_context)
        rows.append((i.id, i.plan, i.table, _text(i.number), i.name, _text(i.unit.export()),
                     *(printed.get(h, "") for h in cols), context, _text(i.same_as), "; ".join(i.lead),
                     _names(portal, i.lead), _text(i.output.export()), "; ".join(i.topics), i.url, *_source(i)))
    return Table((*INDICATOR_HEAD, *(TARGET_PREFIX + h for h in cols), *INDICATOR_TAIL), tuple(rows))


COMPARISON_HEAD = ("comparison", "comparison_name", "topic", "basis_document", "basis_file", "basis_first_line",
                   "basis_last_line", "plan", "locality", "indicator", "indicator_name", "unit")
COMPARISON_TAIL = ("lead_names", "url", "comparison_url", "source_file", "source_first_line", "source_last_line")


def comparisons_table(portal: Portal) -> Table:
    """One row per member indicator of each comparison group (a group takes as many rows as it has
    members, side by side in Excel), its targets as printed in one column per horizon."""
    members = [(c, portal.indicators[key]) for c in portal.comparisons.values() for key in c.members]
    cols = horizons(i for _, i in members)
    rows = []
    for c, i in members:
        printed = {t.horizon: _text(t.cell.export()) for t in i.targets}
        basis = (c.basis.document, c.basis.source.file, str(c.basis.source.first), str(c.basis.source.last)) \
            if c.basis else ("", "", "", "")
        rows.append((c.id, c.name, _text(c.topic), *basis, i.plan, portal.plans[i.plan].locality, i.id, i.name,
                     _text(i.unit.export()), *(printed.get(h, "") for h in cols), _names(portal, i.lead), i.url,
                     c.url, *_source(i)))
    return Table((*COMPARISON_HEAD, *(TARGET_PREFIX + h for h in cols), *COMPARISON_TAIL), tuple(rows))


DOCUMENT_COLUMNS = ("id", "symbol", "kind", "title", "issuer", "date", "url", "implements", "implements_symbols",
                    "implemented_by")


def documents_table(portal: Portal) -> Table:
    """Each document and its place in the chain of plans: what it implements (ids and symbols) and
    the plans and documents that implement it (ids)."""
    docs = portal.documents
    rows = [(d.id, d.symbol, _text(d.kind), _text(d.title), _text(d.issuer), d.date.isoformat() if d.date else "",
             d.url, "; ".join(d.implements), "; ".join(docs[x].symbol for x in d.implements if x in docs),
             "; ".join(portal.plans_by_document.get(d.id, []) + portal.implemented_by(d.id)))
            for d in docs.values()]
    return Table(DOCUMENT_COLUMNS, tuple(rows))


def plan_table(portal: Portal, plan_id: str, kind: str) -> Table:
    items = _items(portal, plan_id, kind)
    return indicators_table(portal, items) if kind == "indicators" else tasks_table(portal, items)


def item_table(portal: Portal, item: Task | Indicator) -> Table:
    return indicators_table(portal, [item]) if isinstance(item, Indicator) else tasks_table(portal, [item])


def portal_tables(portal: Portal) -> dict[str, Table]:
    """The portal-wide tables, named as their files (plans.csv, tasks.csv, indicators.csv, comparisons.csv,
    documents.csv)."""
    return {"plans": plans_table(portal, portal.plans.values()), "tasks": tasks_table(portal, portal.tasks.values()),
            "indicators": indicators_table(portal, list(portal.indicators.values())),
            "comparisons": comparisons_table(portal), "documents": documents_table(portal)}


def to_csv(table: Table) -> str:
    """RFC 4180 CSV (CRLF line ends, quotes where needed) behind a byte-order mark, so Excel reads UTF-8.
    A table without rows is never written (callers skip it), so this always has a header and a row."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return out.getvalue()


# Columns that are not text (datapackage.json's field types; line numbers are numbers in the XLSX too).
FIELD_TYPES = {"date": "date", "deadline_date": "date", "source_first_line": "integer", "source_last_line": "integer",
               "basis_first_line": "integer", "basis_last_line": "integer"}

# The workbook's own date: fixed, so a file whose tables did not change keeps the same bytes.
XLSX_DATE = dt.datetime(2025, 1, 1)
_WIDE = {"text", "title", "name", "indicator_name", "comparison_name", "lead_names", "coordinating_names", "output",
         "deadline", "missing_attachments", "targets_from_context"}


def to_xlsx(sheets: Sequence[tuple[str, Table]]) -> bytes:
    """A workbook with one sheet per (name, table): a bold header row that stays in view, a filter on
    every column, wide columns for long texts. Sheets without rows are left out (callers name them)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                     "strings_to_urls": False})
    book.set_properties({"created": XLSX_DATE, "title": SITE_NAME})
    head = book.add_format({"bold": True, "bg_color": "#E8EEF7", "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    top = book.add_format({"valign": "top"})
    numbers = {name for name, kind in FIELD_TYPES.items() if kind == "integer"}
    for name, table in sheets:
        if not table.rows:
            continue
        sheet = book.add_worksheet(name[:31])
        sheet.write_row(0, 0, table.columns, head)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(table.rows), len(table.columns) - 1)
        for c, column in enumerate(table.columns):
            wide = column in _WIDE
            sheet.set_column(c, c, 60 if wide else 16, wrap if wide else top)
            is_number = column in numbers
            for r, row in enumerate(table.rows, start=1):
                value = row[c]
                if is_number and value.isdigit():
                    sheet.write_number(r, c, int(value))
                elif value:
                    sheet.write_string(r, c, value)
    book.close()
    return out.getvalue()


def frictionless_fields(table: Table) -> list[dict[str, str]]:
    """Field types for datapackage.json: dates and line numbers typed, everything else text."""
    return [{"name": c, "type": FIELD_TYPES.get(c, "string")} for c in table.columns]
