"""Portal-wide open data: site/data/{plans,tasks,indicators}.{json,csv} plus the JSON Schema.

The JSON/CSV columns are a public contract documented in the README; add fields, never rename.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from . import schema
from .parallel import split_across_cores
from .model import Indicator, Plan, Portal, Task, UNREADABLE


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


def records(portal: Portal) -> dict[str, list[dict[str, Any]]]:
    return {"plans": [plan_record(p) for p in portal.plans.values()],
            "tasks": [task_record(t) for t in portal.tasks.values()],
            "indicators": [indicator_record(i) for i in portal.indicators.values()]}


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def to_csv(rows: list[dict[str, Any]]) -> str:
    """CSV with every record's fields; nested values as JSON (targets, source), lists joined with '; '."""
    out = io.StringIO()
    if not rows:
        return ""
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
    return out.getvalue()


LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
# Frictionless field types of the CSV columns; nested values are JSON text, lists are "; "-joined.
_TYPES = {"date": "date", "deadline_date": "date", "targets": "object", "targets_from_context": "object",
          "source": "object", "national_task": "object"}


def datapackage(rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    resources = []
    for name, items in rows.items():
        fields = [{"name": k, "type": _TYPES.get(k, "string")} for k in items[0]] if items else []
        resources.append({"name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8", "schema": {"fields": fields, "primaryKey": ["id"] if name == "plans" else []}})
    return {"name": "ke-hoach-so-dia-phuong", "title": "Kế hoạch thực hiện Nghị quyết 57-NQ/TW của địa phương",
            "description": "Kế hoạch, nhiệm vụ và chỉ tiêu, đúng như bản in, kèm vị trí trong bản quét.",
            "licenses": [LICENSE], "resources": resources}


def plan_files(portal: Portal, plan_id: str) -> dict[str, str]:
    """One plan's downloads: data/ke-hoach/<plan>.json, its two CSVs, and <plan>/<id>.json and .csv per item."""
    plan = portal.plans[plan_id]
    tasks = [task_record(t) for t in portal.plan_tasks(plan.id)]
    inds = [indicator_record(i) for i in portal.plan_indicators(plan.id)]
    files = {f"ke-hoach/{plan.id}.json": json.dumps({"plan": plan_record(plan), "tasks": tasks, "indicators": inds},
                                                    ensure_ascii=False, separators=(",", ":")),
             f"ke-hoach/{plan.id}-nhiem-vu.csv": to_csv(tasks),
             f"ke-hoach/{plan.id}-chi-tieu.csv": to_csv(inds)}
    for rec in tasks + inds:
        files[f"ke-hoach/{plan.id}/{rec['id']}.json"] = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
        files[f"ke-hoach/{plan.id}/{rec['id']}.csv"] = to_csv([rec])
    return files


def write_exports(portal: Portal, out: Path, items_out: Path | None = None, jobs: int | None = None) -> set[str]:
    """Write data/ into `out`; the per-item files (data/ke-hoach/<plan>/<id>.json|csv, two per task and
    indicator) into `items_out` when given. The full build moves those folders into the built site
    (build.move_items) instead of having MkDocs copy tens of thousands of files one by one.
    Returns the paths written under `out`, relative to the docs root."""
    out.mkdir(parents=True, exist_ok=True)
    rows = records(portal)
    files: dict[str, str] = {}
    for name, items in rows.items():
        files[f"{name}.json"] = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
        files[f"{name}.csv"] = to_csv(items)
    files["schema.json"] = json.dumps(schema.json_schema(), ensure_ascii=False, indent=1)
    files["datapackage.json"] = json.dumps(datapackage(rows), ensure_ascii=False, indent=1)
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            # Fixed time: same bytes each build. A ZipInfo is stored uncompressed unless told otherwise.
            z.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), files[name],
                       compress_type=zipfile.ZIP_DEFLATED)
    written = _write_files(files, out, items_out)
    # Creating two files per item is most of this stage: plans are dealt to both cores (one folder each).
    written |= split_across_cores(_write_plans, sorted(portal.plans), portal, out, items_out, jobs=jobs, minimum=8)
    zip_path = out / "du-lieu-mo.zip"
    if not zip_path.exists() or zip_path.read_bytes() != bundle.getvalue():
        zip_path.write_bytes(bundle.getvalue())
    return written | {"data/du-lieu-mo.zip"}


def _write_plans(plan_ids: list[str], portal: Portal, out: Path, items_out: Path | None) -> set[str]:
    written: set[str] = set()
    for plan_id in plan_ids:
        written |= _write_files(plan_files(portal, plan_id), out, items_out)
    return written


def _write_files(files: dict[str, str], out: Path, items_out: Path | None) -> set[str]:
    """Write each file; returns those written under `out` as docs-relative paths."""
    written = set()
    for name, text in files.items():
        per_item = name.count("/") == 2  # ke-hoach/<plan>/<id>.json|csv
        base = items_out if per_item and items_out is not None else out
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        _write(base / name, text)
        if base == out:
            written.add(f"data/{name}")
    return written


def _write(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


__all__ = ["records", "write_exports", "to_csv", "UNREADABLE"]
