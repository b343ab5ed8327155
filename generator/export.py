"""Portal-wide open data: site/data/{plans,tasks,indicators}.{json,csv} plus the JSON Schema.

The JSON fields are a public contract documented in the README; add fields, never rename. The CSV
files are the spreadsheet form of the same records (generator/tables.py: flat, Excel-safe).
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from . import schema, tables
from .kinds import path
from .labels import UNREADABLE
from .model import Comparison, Document, Indicator, Plan, Portal, Task
from .output import write_data_file, write_if_changed
from .parallel import split_across_cores

DATA = "data/"  # the folder every file below is written in (paths from kinds.path start with it)
PORTAL_WORKBOOK = ""  # write_workbooks' name for the portal-wide workbook (the others are plan ids)


def plan_record(p: Plan) -> dict[str, Any]:
    return {"id": p.id, "title": p.title, "symbol": p.symbol, "issuer": p.issuer, "level": p.level,
            "locality": p.locality, "province": p.province, "date": p.date.isoformat() if p.date else None,
            "url": p.url, "source_file": p.source_file,
            "missing_attachments": [m.text for m in p.missing_attachments]}


def task_record(t: Task) -> dict[str, Any]:
    return {"id": t.id, "plan": t.plan, "table": t.table, "kind": t.kind, "number": t.number, "text": t.text,
            "lead": list(t.lead), "coordinating": list(t.coordinating), "output": t.output.export(),
            "deadline": t.deadline.export(), "deadline_date": t.deadline_date.isoformat() if t.deadline_date else None,
            "national_task": ({"document": t.national_task.document, "number": t.national_task.number}
                              if t.national_task else None),
            "topics": list(t.topics), "url": t.url, "source": t.source.as_dict()}


def indicator_record(i: Indicator) -> dict[str, Any]:
    return {"id": i.id, "plan": i.plan, "table": i.table, "number": i.number, "name": i.name, "unit": i.unit.export(),
            "targets": {t.horizon: t.cell.export() for t in i.targets},
            "targets_from_context": {t.horizon: t.cell.from_context for t in i.targets if t.cell.from_context},
            "same_as": i.same_as, "lead": list(i.lead), "output": i.output.export(), "topics": list(i.topics),
            "url": i.url, "source": i.source.as_dict()}


def comparison_record(c: Comparison, portal: Portal) -> dict[str, Any]:
    """A comparison group; each member's targets are exactly its indicators.json targets."""
    members = []
    for key in c.members:
        ind = portal.indicators[key]
        members.append({"plan": ind.plan, "indicator": ind.id, "url": ind.url,
                        "targets": indicator_record(ind)["targets"]})
    basis = ({"document": c.basis.document, "file": c.basis.source.file, "lines": [c.basis.source.first, c.basis.source.last]}
             if c.basis else None)
    return {"id": c.id, "name": c.name, "topic": c.topic, "basis": basis, "url": c.url, "note": c.note,
            "scope_note": c.scope_note, "members": members}


def document_record(d: Document, portal: Portal) -> dict[str, Any]:
    """A document and its place in the chain of plans: what it implements (up) and what implements it (down)."""
    return {"id": d.id, "symbol": d.symbol, "kind": d.kind, "title": d.title, "issuer": d.issuer,
            "date": d.date.isoformat() if d.date else None, "url": d.url, "implements": list(d.implements),
            "implemented_by": portal.plans_by_document.get(d.id, []) + portal.implemented_by(d.id)}


def records(portal: Portal) -> dict[str, list[dict[str, Any]]]:
    return {"plans": [plan_record(p) for p in portal.plans.values()],
            "tasks": [task_record(t) for t in portal.tasks.values()],
            "indicators": [indicator_record(i) for i in portal.indicators.values()],
            "comparisons": [comparison_record(c, portal) for c in portal.comparisons.values()],
            "documents": [document_record(d, portal) for d in portal.documents.values()]}


LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
def datapackage(csv_tables: dict[str, tables.Table]) -> dict[str, Any]:
    resources = []
    for name, table in csv_tables.items():
        # The files start with a byte-order mark (for Excel); "utf-8" is the IANA name and readers skip the mark.
        resources.append({"name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8", "schema": {"fields": tables.frictionless_fields(table),
                                                          "primaryKey": list(PRIMARY_KEYS[name])}})
    return {"name": "ke-hoach-so-dia-phuong", "title": "Kế hoạch thực hiện Nghị quyết 57-NQ/TW của địa phương",
            "description": "Kế hoạch, nhiệm vụ và chỉ tiêu, đúng như bản in, kèm vị trí trong bản quét; nhóm so sánh "
                           "chỉ tiêu giữa các địa phương; văn bản và chuỗi thực hiện.",
            "licenses": [LICENSE], "resources": resources}


# What identifies a row of each portal-wide CSV (a task or indicator id is unique within its plan only).
PRIMARY_KEYS = {"plans": ("id",), "tasks": ("plan", "id"), "indicators": ("plan", "id"),
                "comparisons": ("comparison", "plan", "indicator"), "documents": ("id",)}


def _in_data(rel: str) -> str:
    return rel[len(DATA):]


def plan_files(portal: Portal, plan_id: str) -> tuple[dict[str, str], dict[str, str]]:
    """One plan's downloads, as paths within data/: the plan's own (its JSON, a CSV per table that has rows,
    tables.plan_downloads) and the per-item ones (a JSON and a CSV per task and indicator)."""
    plan = portal.plans[plan_id]
    tasks = [task_record(t) for t in portal.plan_tasks(plan.id)]
    inds = [indicator_record(i) for i in portal.plan_indicators(plan.id)]
    files = {_in_data(path("plan-data", plan=plan.id)): json.dumps(
                 {"plan": plan_record(plan), "tasks": tasks, "indicators": inds}, ensure_ascii=False, separators=(",", ":"))}
    for download in tables.plan_downloads(portal, plan.id):
        files[_in_data(download.path)] = tables.to_csv(tables.plan_table(portal, plan.id, download.kind))
    items = {}
    for item, rec in zip([*portal.plan_tasks(plan.id), *portal.plan_indicators(plan.id)], tasks + inds):
        items[_in_data(path("item-data", plan=plan.id, id=rec["id"], ext="json"))] = json.dumps(
            rec, ensure_ascii=False, separators=(",", ":"))
        items[_in_data(path("item-data", plan=plan.id, id=rec["id"], ext="csv"))] = tables.to_csv(
            tables.item_table(portal, item))
    return files, items


def write_exports(portal: Portal, out: Path, items_out: Path | None = None, jobs: int | None = None) -> set[str]:
    """Write data/ into `out`; the per-item files (data/ke-hoach/<plan>/<id>.json|csv, two per task and
    indicator) into `items_out` when given. The full build moves those folders into the built site
    (build.move_items) instead of having MkDocs copy tens of thousands of files one by one.
    Returns the paths written under `out`, relative to the docs root."""
    out.mkdir(parents=True, exist_ok=True)
    rows = records(portal)
    csv_tables = tables.portal_tables(portal)
    files: dict[str, str] = {}
    for name, items in rows.items():
        files[f"{name}.json"] = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
        files[f"{name}.csv"] = tables.to_csv(csv_tables[name])  # flat, Excel-safe (generator/tables.py)
    files["schema.json"] = json.dumps(schema.json_schema(), ensure_ascii=False, indent=1)
    files["datapackage.json"] = json.dumps(datapackage(csv_tables), ensure_ascii=False, indent=1)
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            # Fixed time: same bytes each build. A ZipInfo is stored uncompressed unless told otherwise.
            z.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), files[name],
                       compress_type=zipfile.ZIP_DEFLATED)
    written = _write_files(files, out)
    # Creating two files per item is most of this stage: plans are dealt to both cores (one folder each).
    # The portal-wide workbook too (the data page's Markdown links it, so MkDocs must find it in docs/).
    written |= split_across_cores(_write_plans, [PORTAL_WORKBOOK, *sorted(portal.plans)], portal, out, items_out,
                                  jobs=jobs, minimum=8)
    write_if_changed(out / "du-lieu-mo.zip", bundle.getvalue())
    return written | {"data/du-lieu-mo.zip"}


def write_workbooks(names: list[str], portal: Portal, docs: Path, items_out: Path | None) -> set[str]:
    """The Excel files: the portal-wide one (PORTAL_WORKBOOK, written with the other portal-wide files)
    and each named plan's (a plan without tables has none). The full build writes the plans' beside docs/
    (items_out mirrors data/) while it goes on, like the share images, and moves them in at its end;
    returns those written under docs/. Not in du-lieu-mo.zip: they hold the same tables as its CSV files."""
    written: set[str] = set()
    for name in names:
        if name == PORTAL_WORKBOOK:
            rel, data = path("portal-xlsx"), tables.portal_workbook(tables.portal_tables(portal))
        else:
            rel, data = path("plan-xlsx", plan=name), tables.plan_workbook(portal, name)
        if data is not None:
            written |= write_data_file(rel, data, docs, items_out)
    return written


def _write_plans(plan_ids: list[str], portal: Portal, out: Path, items_out: Path | None) -> set[str]:
    written: set[str] = set()
    for plan_id in plan_ids:
        if plan_id == PORTAL_WORKBOOK:
            written |= write_workbooks([PORTAL_WORKBOOK], portal, out.parent, None)
            continue
        files, items = plan_files(portal, plan_id)
        written |= _write_files(files, out)
        if items_out is None:
            written |= _write_files(items, out)
        else:
            _write_files(items, items_out)
    return written


def _write_files(files: dict[str, str], folder: Path) -> set[str]:
    """Write each file (paths within data/) into `folder`; returns them as docs-relative paths."""
    for name, text in files.items():
        write_if_changed(folder / name, text)
    return {DATA + name for name in files}


__all__ = ["records", "write_exports", "write_workbooks", "UNREADABLE"]
