"""Machine-readable feeds: Atom of progress updates (site-wide and per plan), iCalendar of deadlines.

Markup lives in theme/templates (*.xml.j2, *.ics.j2), rendered by templates.Environments; this module
only selects and orders.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .kinds import path
from .labels import SITE_NAME, label
from .model import Actual, Portal, ProgressEntry, Task


@dataclass(frozen=True)
class Update:
    """One published update: a task status report or a measured value."""

    date: dt.date
    plan: str
    title: str
    summary: str
    url: str  # page of the item
    id: str  # stable tag URI part

    @staticmethod
    def of_progress(e: ProgressEntry, task: Task) -> "Update":
        evidence = f" Bằng chứng: {e.evidence_document or ''} {e.evidence_url or ''}".rstrip() if e.status == "done" else ""
        return Update(e.date, e.plan, f"{task.number or task.id}: {label(e.status)}", f"{e.note}{evidence}", task.url,
                      entry_id(e.plan, e.task, e.date, e.file, e.line))

    @staticmethod
    def of_actual(a: Actual, name: str, url: str) -> "Update":
        return Update(a.date, a.plan, f"{name[:80]}: {a.value}", f"Số liệu ngày {a.date:%d/%m/%Y}. Nguồn: {a.source}", url,
                      entry_id(a.plan, a.indicator, a.date, a.file, a.line))


def entry_id(plan: str, item: str, date: dt.date, file: str, line: int) -> str:
    """Unique per entry: a file and a line name one entry (two files may report the same item, day and line)."""
    return f"{plan}/{item}/{date.isoformat()}/{Path(file).name}/{line}"


def updates(portal: Portal, as_of: dt.date) -> list[Update]:
    out = [Update.of_progress(e, portal.tasks[e.task_key]) for entries in portal.progress.values() for e in entries]
    out += [Update.of_actual(a, portal.indicators[a.indicator_key].name, portal.indicators[a.indicator_key].url)
            for values in portal.actuals.values() for a in values]
    return sorted((u for u in out if u.date <= as_of),
                  key=lambda u: (u.date, u.id), reverse=True)


def calendars(portal: Portal) -> dict[str, tuple[str, list[Task]]]:
    """Deadline calendars: whole portal, per plan, per unit. Only tasks with a parsed date."""
    dated = sorted((t for t in portal.tasks.values() if t.deadline_date), key=lambda t: (t.deadline_date, t.key))
    out = {path("calendar"): (f"Hạn nhiệm vụ — {SITE_NAME}", dated)}
    for plan in portal.plans.values():
        out[path("plan-calendar", plan=plan.id)] = (f"Hạn nhiệm vụ — {plan.short_title}", [t for t in dated if t.plan == plan.id])
    for unit in portal.units.values():
        mine = sorted((t for t in portal.tasks_by_unit.get(unit.id, []) if t.deadline_date),
                      key=lambda t: (t.deadline_date, t.key))
        if mine:
            out[path("unit-calendar", unit)] = (f"Hạn nhiệm vụ — {unit.name}", mine)
    return out
