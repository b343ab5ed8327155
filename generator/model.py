"""The validated, immutable model every later stage reads. Built only by validate.py."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from .kinds import url_for
from .labels import LEVELS, TABLE_KINDS, UNREADABLE
from .targets import ParsedTarget



@dataclass(frozen=True)
class Source:
    file: str
    first: int
    last: int

    def as_dict(self) -> dict:
        return {"file": self.file, "lines": [self.first, self.last]}


@dataclass(frozen=True)
class Cell:
    """A printed table cell. `text` is what the page shows; None with unreadable=False is a blank cell."""

    text: str | None
    unreadable: bool = False
    ocr: str | None = None
    from_context: str | None = None
    context: Source | None = None

    @property
    def blank(self) -> bool:
        return self.text is None and not self.unreadable

    def export(self) -> str | None:
        """The value in exports: the printed text, or the agreed marker for an unreadable cell."""
        return UNREADABLE if self.unreadable else self.text



@dataclass(frozen=True)
class Target:
    horizon: str
    cell: Cell
    parsed: ParsedTarget | None  # None when blank or unreadable


@dataclass(frozen=True)
class Unit:
    page_kind: ClassVar[str] = "unit"  # its page kind (kinds.KINDS)
    id: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    locality: str  # "" when the data does not say
    group: bool
    source: str  # file that defines it

    @property
    def url(self) -> str:
        return url_for(self)


@dataclass(frozen=True)
class Document:
    page_kind: ClassVar[str] = "document"  # its page kind (kinds.KINDS)
    id: str
    symbol: str
    kind: str | None
    date: dt.date | None
    issuer: str | None
    title: str | None
    implements: tuple[str, ...] = ()  # document ids this one carries out (as its printed title says)
    source: str = ""  # YAML file that declares it, for error messages

    @property
    def url(self) -> str:
        return url_for(self)


@dataclass(frozen=True)
class DocRef:
    document: str
    source: Source


@dataclass(frozen=True)
class Passage:
    text: str
    source: Source
    title: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class NationalTask:
    document: str | None
    number: str | None
    text: str | None


@dataclass(frozen=True)
class Task:
    page_kind: ClassVar[str] = "task"  # its page kind (kinds.KINDS)
    plan: str
    id: str
    table: str
    kind: str  # tasks | assignments | implementation
    group_path: tuple[str, ...]  # titles of enclosing groups, outermost first
    group_numbers: tuple[str | None, ...]
    number: str | None
    text: str
    lead: tuple[str, ...]
    coordinating: tuple[str, ...]
    output: Cell
    deadline: Cell
    deadline_date: dt.date | None
    national_task: NationalTask | None
    note: str | None
    source: Source
    topics: tuple[str, ...] = ()
    scan_garbled: bool = False

    @property
    def key(self) -> str:
        return f"{self.plan}/{self.id}"

    @property
    def url(self) -> str:
        return url_for(self)

    @property
    def name(self) -> str:
        """How pages call the task: "Phân công 48", "Nhiệm vụ d)", or "Nhiệm vụ" when the plan gives no number."""
        return f"{TABLE_KINDS[self.kind].vi} {(self.number or '').rstrip('.')}".strip()


@dataclass(frozen=True)
class Indicator:
    page_kind: ClassVar[str] = "indicator"  # its page kind (kinds.KINDS)
    plan: str
    id: str
    table: str
    table_kind: str
    horizons: tuple[str, ...]
    group_path: tuple[str, ...]
    group_numbers: tuple[str | None, ...]
    number: str | None
    name: str
    unit: Cell
    targets: tuple[Target, ...]
    lead: tuple[str, ...]
    output: Cell
    same_as: str | None
    note: str | None
    source: Source
    topics: tuple[str, ...] = ()
    scan_garbled: bool = False

    @property
    def key(self) -> str:
        return f"{self.plan}/{self.id}"

    @property
    def printed_number(self) -> str | None:
        """Its number as cited: "27." → "27", "7.1" as printed; None when the scan prints none."""
        return self.number.rstrip(".") or None if self.number else None

    @property
    def url(self) -> str:
        return url_for(self)

    def target(self, horizon: str) -> Target | None:
        return next((t for t in self.targets if t.horizon == horizon), None)


@dataclass(frozen=True)
class Group:
    """A printed group heading in a table, with what stands under it (nested groups, item ids)."""

    number: str | None
    title: str | None
    source: Source
    groups: tuple["Group", ...]
    items: tuple[str, ...]

    @property
    def size(self) -> int:
        """How many items stand under it, nested groups included (the count on a folded group)."""
        return len(self.items) + sum(g.size for g in self.groups)


@dataclass(frozen=True)
class Table:
    plan: str
    id: str
    kind: str
    title: str
    columns: tuple[str, ...]
    horizons: tuple[str, ...]  # indicator tables only
    source: Source
    groups: tuple[Group, ...]
    is_indicator_table: bool

    @property
    def label(self) -> str:
        """Its title before the colon, as cited ("Phụ lục 2"), or the whole title when it has none."""
        return self.title.split(":")[0].strip()


@dataclass(frozen=True)
class Signer:
    name: str | None
    title: str | None
    on_behalf: str | None


@dataclass(frozen=True)
class Plan:
    page_kind: ClassVar[str] = "plan"  # its page kind (kinds.KINDS)
    id: str
    title: str
    short_title: str
    symbol: str | None
    number: str | None
    issuer: str
    level: str
    locality: str
    province: str | None
    date: dt.date | None
    date_printed: str | None
    place_printed: str | None
    signer: Signer | None
    source_file: str
    source: Source
    implements: tuple[DocRef, ...]
    purposes: tuple[Passage, ...]
    requirements: tuple[Passage, ...]
    sections: tuple[Passage, ...]
    missing_attachments: tuple[Passage, ...]
    notes: tuple[Passage, ...]
    task_tables: tuple[Table, ...] = ()
    indicator_tables: tuple[Table, ...] = ()

    @property
    def url(self) -> str:
        return url_for(self)

    @property
    def level_label(self) -> str:
        return LEVELS[self.level].vi


@dataclass(frozen=True)
class ProgressEntry:
    """One dated status report for a task. Plan text is never changed by it."""

    plan: str
    task: str  # task id within the plan
    date: dt.date
    status: str  # an id of labels.STATUSES ("done"); YAML holds its Vietnamese word
    note: str
    evidence_document: str | None
    evidence_url: str | None
    file: str
    line: int

    @property
    def task_key(self) -> str:
        return f"{self.plan}/{self.task}"


@dataclass(frozen=True)
class Actual:
    """One measured value of an indicator, with its source."""

    plan: str
    indicator: str
    date: dt.date
    value: str
    parsed: ParsedTarget
    source: str
    file: str
    line: int

    @property
    def indicator_key(self) -> str:
        return f"{self.plan}/{self.indicator}"


@dataclass(frozen=True)
class Comparison:
    """Indicators of different plans that measure the same thing (plans/_shared/comparisons.yaml)."""

    id: str
    name: str
    topic: str
    basis: DocRef | None  # the document whose list defines the indicator, and where a scan prints it
    note: str | None
    scope_note: str | None
    members: tuple[str, ...]  # indicator keys "plan/id", in file order
    page_kind: ClassVar[str] = "comparison"  # its page kind (kinds.KINDS)

    @property
    def url(self) -> str:
        return url_for(self)


@dataclass
class Portal:
    """Everything the site is built from, with the indexes pages need to cross-link."""

    plans: dict[str, Plan]
    tasks: dict[str, Task]  # key "plan/id"
    indicators: dict[str, Indicator]
    units: dict[str, Unit]
    documents: dict[str, Document]
    tasks_by_unit: dict[str, list[Task]] = field(default_factory=dict)
    indicators_by_unit: dict[str, list[Indicator]] = field(default_factory=dict)
    plans_by_document: dict[str, list[str]] = field(default_factory=dict)
    progress: dict[str, list[ProgressEntry]] = field(default_factory=dict)  # task key → entries, oldest first
    actuals: dict[str, list[Actual]] = field(default_factory=dict)  # indicator key → values, oldest first
    comparisons: dict[str, Comparison] = field(default_factory=dict)
    not_grouped: dict[str, str] = field(default_factory=dict)  # indicator key → why it is in no comparison group
    warnings: list = field(default_factory=list)  # errors.Problem: reported, but the build goes on

    def comparison_of(self, indicator_key: str) -> Comparison | None:
        cache = self.__dict__.setdefault("_comparison_of", {})
        if not cache and self.comparisons:
            cache.update({key: c for c in self.comparisons.values() for key in c.members})
        return cache.get(indicator_key)

    def implemented_by(self, document_id: str) -> list[str]:
        """Ids of the documents that carry out this one (downward in the chain of plans)."""
        return [d.id for d in self.documents.values() if document_id in d.implements]

    def plan_tasks(self, plan_id: str, kind: str | None = None) -> list[Task]:
        tasks = _by_plan(self, "tasks").get(plan_id, [])
        return tasks if kind is None else [t for t in tasks if t.kind == kind]

    def plan_indicators(self, plan_id: str) -> list[Indicator]:
        return _by_plan(self, "indicators").get(plan_id, [])


def _by_plan(portal: Portal, name: str) -> dict[str, list]:
    """Items grouped by plan, computed once per portal (pages ask for it thousands of times)."""
    cache = portal.__dict__.setdefault("_by_plan", {})
    if name not in cache:
        grouped: dict[str, list] = {}
        for item in getattr(portal, name).values():
            grouped.setdefault(item.plan, []).append(item)
        cache[name] = grouped
    return cache[name]
