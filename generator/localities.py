"""Places residents look for: every locality that has a plan, under today's province or city, and
what changed in 2025 (content/localities.yaml, facts cited from docs/reference/citizen-facts.md).

Pure functions of the model and that file; kinds.KINDS makes a page and a printable A4 page per locality.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import Plan, Portal, Unit
from .text import slugify, vi_key

FILE = "localities.yaml"


@dataclass(frozen=True)
class Change:
    now: str  # today's province or city
    text: str  # one plain sentence
    sources: tuple[str, ...]


@dataclass(frozen=True)
class AdminChanges:
    provinces: dict[str, Change] = field(default_factory=dict)
    reform: Change | None = None
    effective: dt.date | None = None

    def now(self, province: str) -> str:
        change = self.provinces.get(province)
        return change.now if change else province

    def for_plan(self, plan: Plan) -> tuple[Change, ...]:
        """What a reader of this plan should know changed: its province's change, then the reform."""
        change = self.provinces.get(plan.province or plan.locality)
        return tuple(c for c in (change, self.reform) if c) if change else ()

    def issued_before(self, plan: Plan) -> bool:
        return bool(plan.date and self.effective and plan.date < self.effective)


def load(content: Path) -> AdminChanges:
    path = content / FILE
    if not path.exists():
        return AdminChanges()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def change(d: dict, now: str = "") -> Change:
        return Change(d.get("now", now), " ".join(str(d["change"]).split()), tuple(d.get("sources", ())))

    reform = data.get("reform")
    return AdminChanges({name: change(d) for name, d in (data.get("provinces") or {}).items()},
                        change(reform) if reform else None, data.get("effective"))


@dataclass(frozen=True)
class Locality:
    page_kind = "locality"  # kinds.KINDS entry of its page

    slug: str
    name: str  # as plans print it: "phường Hải An"
    province: str  # today's province or city
    former: str | None  # the name it had before 2025 when that name is gone ("tỉnh Hải Dương")
    plans: tuple[Plan, ...]
    units: tuple[Unit, ...]

    @property
    def title(self) -> str:
        return self.name[:1].upper() + self.name[1:]


def localities(portal: Portal, changes: AdminChanges) -> list[Locality]:
    """One locality per place a plan names, in Vietnamese order of today's province, then of name."""
    by_name: dict[str, list[Plan]] = {}
    for plan in portal.plans.values():
        by_name.setdefault(plan.locality, []).append(plan)
    found = []
    for name, plans in by_name.items():
        printed = plans[0].province or name
        province = changes.now(printed)
        former = name if changes.now(name) != name else None
        units = sorted((u for u in portal.units.values() if u.locality == name), key=lambda u: vi_key(u.name))
        found.append(Locality(slugify(name), name, province, former, tuple(plans), tuple(units)))
    return sorted(found, key=lambda loc: (vi_key(loc.province), loc.name != loc.province, vi_key(loc.name)))


def by_province(places: list[Locality]) -> list[tuple[str, list[Locality]]]:
    groups: dict[str, list[Locality]] = {}
    for loc in places:
        groups.setdefault(loc.province, []).append(loc)
    return list(groups.items())
