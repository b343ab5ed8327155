"""Where each task stands on the as-of date, computed from its progress log and its deadline.

Overdue is never typed by staff: a task whose latest report is not a closing one ("done", "stopped")
after its parsed deadline is overdue; a task with no report at all past its deadline is only
"past its deadline, not reported" (the portal does not know); one due within DUE_SOON_DAYS is due soon. Both are deadline states
(labels.COMPUTED), kept apart from the reported status.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from .labels import CLOSED
from .model import Actual, Indicator, Portal, ProgressEntry, Task

DUE_SOON_DAYS = 30
NO_UPDATE = "no-update"  # labels.COMPUTED


@dataclass(frozen=True)
class TaskState:
    status: str  # id of the latest reported status (labels.STATUSES), or NO_UPDATE
    latest: ProgressEntry | None
    overdue: bool  # the latest report says not done, and the deadline has passed
    due_soon: bool
    days_left: int | None  # days until the parsed deadline (negative when past)
    past_due_unreported: bool = False  # the deadline has passed and nothing was ever reported

    @property
    def timing(self) -> str | None:
        """The deadline state's id (labels.COMPUTED), apart from the status: "overdue",
        "past-due-unreported", "due-soon" or None."""
        return ("overdue" if self.overdue else "past-due-unreported" if self.past_due_unreported
                else "due-soon" if self.due_soon else None)


def task_state(task: Task, entries: list[ProgressEntry], as_of: dt.date) -> TaskState:
    known = [e for e in entries if e.date <= as_of]
    latest = known[-1] if known else None
    status = latest.status if latest else NO_UPDATE
    days = (task.deadline_date - as_of).days if task.deadline_date else None
    open_ = status not in CLOSED
    past = days is not None and days < 0
    return TaskState(status, latest, open_ and past and latest is not None,
                     open_ and days is not None and 0 <= days <= DUE_SOON_DAYS, days, past and latest is None)


def summary(tasks: list[Task], states: dict[str, TaskState]) -> dict[str, int]:
    """Count per status id for a plan or unit page (deadline states are counted apart: TaskState.timing)."""
    return dict(Counter(states[t.key].status for t in tasks))


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
