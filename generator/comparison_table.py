"""The table of a comparison page: one column per member indicator, one row per horizon, each row
with its verdict (generator/differences.py). Pure: model in, numbers and references out."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .differences import Verdict, verdict
from .model import Comparison, Indicator, Portal, Target

_YEAR = re.compile(r"\b(19|20)\d\d\b")


def horizon_key(label: str) -> str:
    """The column a printed horizon goes in: its year ("Đến năm 2030" → "2030"); other labels as printed."""
    years = {m.group(0) for m in _YEAR.finditer(label)}
    return years.pop() if len(years) == 1 else label


@dataclass(frozen=True)
class Row:
    horizon: str
    cells: tuple[Target | None, ...]  # one per member; None: the member has no such horizon
    verdict: Verdict


@dataclass(frozen=True)
class Table:
    members: tuple[Indicator, ...]
    rows: tuple[Row, ...]
    relabelled: tuple[tuple[Indicator, str, str], ...]  # (member, printed horizon, column) where they differ

    @property
    def scan_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.verdict.scan)


def comparison_table(group: Comparison, portal: Portal) -> Table:
    members = tuple(portal.indicators[k] for k in group.members)
    by_member = [{horizon_key(t.horizon): t for t in m.targets} for m in members]
    keys: list[str] = []
    for targets in by_member:
        keys.extend(k for k in targets if k not in keys)
    years = sorted(k for k in keys if k.isdigit())
    order = years + [k for k in keys if not k.isdigit()]
    rows = []
    for key in order:
        cells = tuple(targets.get(key) for targets in by_member)
        rows.append(Row(key, cells, verdict([c for c in cells if c is not None])))
    relabelled = tuple((m, t.horizon, horizon_key(t.horizon)) for m in members for t in m.targets
                       if horizon_key(t.horizon) != t.horizon)
    return Table(members, tuple(rows), relabelled)


def member_label(group: Comparison, ind: Indicator, portal: Portal) -> str:
    """A member's label on the comparison page and its share image: its plan, plus its horizons when the
    plan appears twice in the group."""
    plan = portal.plans[ind.plan]
    if sum(1 for k in group.members if k.split("/")[0] == ind.plan) < 2:
        return plan.short_title
    return f"{plan.short_title} (mốc {', '.join(horizon_key(t.horizon) for t in ind.targets)})"
