"""Where each task stands on the as-of date, computed from its progress log and its deadline.

Overdue is never typed by staff: a task whose parsed deadline has passed without "hoàn thành"
is overdue; one due within DUE_SOON_DAYS is due soon.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from .model import Actual, Indicator, Portal, ProgressEntry, Task

DUE_SOON_DAYS = 30
NO_UPDATE = "chưa có cập nhật"
CLOSED = {"hoàn thành", "không tiếp tục"}


@dataclass(frozen=True)
class TaskState:
    status: str  # the latest reported status, or NO_UPDATE
    latest: ProgressEntry | None
    overdue: bool
    due_soon: bool
    days_left: int | None  # days until the parsed deadline (negative when past)

    @property
    def timing(self) -> str | None:
        return "quá hạn" if self.overdue else "sắp đến hạn" if self.due_soon else None


def task_state(task: Task, entries: list[ProgressEntry], as_of: dt.date) -> TaskState:
    known = [e for e in entries if e.date <= as_of]
    latest = known[-1] if known else None
    status = latest.status if latest else NO_UPDATE
    days = (task.deadline_date - as_of).days if task.deadline_date else None
    open_ = status not in CLOSED
    return TaskState(status, latest, open_ and days is not None and days < 0,
                     open_ and days is not None and 0 <= days <= DUE_SOON_DAYS, days)


def summary(tasks: list[Task], states: dict[str, TaskState]) -> dict[str, int]:
    """Counts per status, plus overdue and due soon, for a plan or unit page."""
    counts = Counter(states[t.key].status for t in tasks)
    counts["quá hạn"] = sum(states[t.key].overdue for t in tasks)
    counts["sắp đến hạn"] = sum(states[t.key].due_soon for t in tasks)
    return dict(counts)


def all_states(portal: Portal, as_of: dt.date) -> dict[str, TaskState]:
    return {key: task_state(t, portal.progress.get(key, []), as_of) for key, t in portal.tasks.items()}


@dataclass(frozen=True)
class Trajectory:
    """From the latest measured value to the next numeric target, in a straight line."""

    latest: Actual
    horizon: str
    target: float
    per_year: float  # change needed each year from the latest value's date to the horizon's year end


def trajectory(ind: Indicator, actuals: list[Actual], as_of: dt.date) -> Trajectory | None:
    known = [a for a in actuals if a.date <= as_of and a.parsed.numeric is not None]
    if not known:
        return None
    latest = known[-1]
    for t in ind.targets:
        if t.horizon.isdigit() and t.parsed and t.parsed.numeric is not None:
            end = dt.date(int(t.horizon), 12, 31)
            if end > latest.date:
                years = max((end - latest.date).days / 365.25, 0.1)
                return Trajectory(latest, t.horizon, t.parsed.numeric, (t.parsed.numeric - latest.parsed.numeric) / years)
    return None
