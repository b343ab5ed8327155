"""Places residents look for: every locality that has a plan, under today's province or city, and
what changed in 2025 (content/localities.yaml, facts cited from docs/reference/citizen-facts.md).

Pure functions of the model and that file; kinds.KINDS makes a page and a printable A4 page per locality.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import rules
from .errors import DataError
from .load import LDict, LList, load_file
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
    """The file, checked: a mistake raises DataError with its line and field (make check runs this too)."""
    path = content / FILE
    if not path.exists():
        return AdminChanges()
    shown_as = f"content/{FILE}"
    data = load_file(path, shown_as).data
    if data is None:
        return AdminChanges()

    def fail(node, key, vi: str, en: str):
        line = node.line_of(key) if isinstance(node, (LDict, LList)) else getattr(node, "line", 1)
        raise DataError(shown_as, line or 1, str(key) if isinstance(key, str) else None, vi, en)

    def mapping(node, key, allowed: tuple[str, ...]) -> LDict:
        value = node.get(key) if isinstance(node, LDict) else None
        if not isinstance(value, LDict):
            fail(node, key, "cần các trường dạng `tên: giá trị`.", "expected a mapping")
        for k in value:
            if k not in allowed:
                fail(value, k, f"trường không được hỗ trợ (có thể gõ nhầm). Các trường hợp lệ: {', '.join(allowed)}.",
                     f"unknown field `{k}`")
        return value

    def change(d: LDict, now: str = "") -> Change:
        text = d.get("change")
        if not isinstance(text, str) or not text.strip():
            fail(d, "change", "cần một câu nói điều đã thay đổi.", "change must be a sentence")
        sources = d.get("sources") or LList()
        if not isinstance(sources, LList) or not all(isinstance(x, str) and _WEB.match(x) for x in sources):
            fail(d, "sources", "cần danh sách địa chỉ https:// của nguồn (trong docs/reference/citizen-facts.md).",
                 "sources must be a list of https:// addresses")
        if d.get("now") is not None and not isinstance(d.get("now"), str):
            fail(d, "now", "cần tên tỉnh, thành phố hiện nay.", "now must be text")
        return Change(d.get("now") or now, " ".join(text.split()), tuple(sources))

    if not isinstance(data, LDict):
        fail(data, None, "tệp cần các trường `provinces:`, `reform:`, `effective:`.", "expected a mapping")
    for k in data:
        if k not in ("provinces", "reform", "effective"):
            fail(data, k, "trường không được hỗ trợ (có thể gõ nhầm). Các trường hợp lệ: provinces, reform, effective.",
                 f"unknown field `{k}`")
    provinces = mapping(data, "provinces", tuple(data.get("provinces") or ())) if data.get("provinces") is not None else LDict()
    parsed = {name: change(mapping(provinces, name, ("now", "change", "sources"))) for name in provinces}
    reform = change(mapping(data, "reform", ("change", "sources"))) if data.get("reform") is not None else None
    effective = None
    if data.get("effective") is not None:
        try:
            effective = dt.date.fromisoformat(str(data["effective"]).strip())
        except ValueError:
            fail(data, "effective", f"ngày '{str(data['effective'])[:40]}' không hợp lệ; viết YYYY-MM-DD, ví dụ 2025-07-01.",
                 "effective must be a date YYYY-MM-DD")
    return AdminChanges(parsed, reform, effective)


_WEB = re.compile(rules.HTTPS_PATTERN)


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
