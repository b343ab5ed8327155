"""Every kind of page and published file, and the one URL builder.

Each page kind declares its URL pattern, the items it is built from, its template, its breadcrumb
parent, its export record and its search label. Everything that needs an address (model, templates,
exports, feeds, calendars, embeds, search hints, tests) asks `url()` / `url_for()` here.

Every page is written as `<url>/index.md`, so a relative link means the same thing to every engine
(Zensical resolves links in raw HTML against the source file's folder, MkDocs against the URL).

Adding a page kind: one `Kind(...)` entry in KINDS below and one template in theme/templates/.
"""
from __future__ import annotations

import posixpath
import string
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from .render import Site

GLOSSARY = "tu-viet-tat"  # the guide that is the glossary (its words serve abbreviation search hints)
GLOSSARY_LABEL = "Từ viết tắt"  # its page's and its terms' kind in search: a catch-all the search page ranks apart


@dataclass(frozen=True)
class Kind:
    id: str
    pattern: str  # URL within the site, fields filled from the item or keyword arguments: "ke-hoach/{plan}/{id}/"
    crumb: str | Callable[[Any], str] = ""  # its label in breadcrumbs: fixed, or from its item
    parent: str | None = None  # the kind one step up in the breadcrumbs
    parent_item: Callable[[Any, Any], Any] | None = None  # (item, portal) → the parent's item
    template: str | None = None  # None: a hand-written page (content/) or a file another stage writes
    pages: Callable[["Site"], Iterable[tuple[Any, dict]]] | None = None  # (item, template context) per page
    export: str | None = None  # its records in data/<export>.json|csv (export.py)
    search_label: str | Callable[[Any], str] | None = None  # Pagefind's "kind" filter value and result tag
    marks_abbreviations: bool = True  # False for pages carrying Python-Markdown abbreviation definitions
    fields: Callable[..., dict] | None = None  # keyword arguments → pattern fields, when they differ
    names: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self):
        object.__setattr__(self, "names", tuple(f for _, f, _, _ in string.Formatter().parse(self.pattern) if f))

    @property
    def is_page(self) -> bool:
        return self.pattern == "" or self.pattern.endswith("/")


def _plans(site):
    return [(plan, {"plan": plan}) for plan in site.portal.plans.values()]


def _tasks(site):
    p = site.portal
    return [(t, {"task": t, "plan": p.plans[t.plan], "table": site.table_of(t)}) for t in p.tasks.values()]


def _indicators(site):
    p = site.portal
    restated: dict[str, list] = {}  # indicator key → indicators that say they state the same
    for ind in p.indicators.values():
        if ind.same_as:
            restated.setdefault(f"{ind.plan}/{ind.same_as}", []).append(ind)
    for ind in p.indicators.values():
        other = site.item(ind.plan, ind.same_as) if ind.same_as else None
        yield ind, {"ind": ind, "plan": p.plans[ind.plan], "table": site.table_of(ind), "chart": site.chart(ind),
                    "same": ([other] if other else []) + restated.get(ind.key, [])}


def _units(site):
    p = site.portal
    return [(u, {"unit": u, "tasks": p.tasks_by_unit[u.id], "indicators": p.indicators_by_unit[u.id]})
            for u in p.units.values()]


def _documents(site):
    p = site.portal
    return [(d, {"doc": d, "plans": [p.plans[i] for i in p.plans_by_document[d.id]]}) for d in p.documents.values()]


def _sources(site):
    p = site.portal
    for file in sorted({plan.source_file for plan in p.plans.values()}):
        yield file, {"file": file, "plans": [plan for plan in p.plans.values() if plan.source_file == file],
                     "text": (site.sources / file).read_text(encoding="utf-8").splitlines()}


def _localities(site):
    return [(loc, {"locality": loc}) for loc in site.localities()]


def _comparisons(site):
    for group in site.portal.comparisons.values():
        yield group, site.comparison_context(group)


def _guides(site):
    for g in site.guides.values():
        context = {"guide": g, "body": g.body_with_abbreviations}
        if g.slug == GLOSSARY:
            context["terms"] = g.glossary
        yield g, context


KINDS: dict[str, Kind] = {k.id: k for k in [
    # Lists and portal pages
    Kind("home", "", "Trang chủ", template="home.md.j2", pages=lambda site: [(None, {})]),
    Kind("plans", "ke-hoach/", "Kế hoạch", "home", template="plans.md.j2", pages=lambda site: [(None, {})]),
    Kind("units", "don-vi/", "Đơn vị", "home", template="units.md.j2", pages=lambda site: [(None, {})]),
    Kind("documents", "van-ban/", "Văn bản", "home", template="documents.md.j2", pages=lambda site: [(None, {})]),
    Kind("guides", "huong-dan/", "Hướng dẫn", "home", template="guides.md.j2",
         pages=lambda site: [(None, {"guides": list(site.guides.values())})]),
    Kind("updates", "cap-nhat/", "Cập nhật", "home", template="updates.md.j2",
         pages=lambda site: [(None, {"entries": site.updates()})]),
    # Hand-written pages (content/*.md, copied by content.copy_content)
    Kind("open-data", "du-lieu/", "Dữ liệu mở", "home"),
    Kind("about", "gioi-thieu/", "Giới thiệu", "home"),
    Kind("search", "tim-kiem/", "Tìm kiếm", "home"),
    Kind("progress-form", "nhap-tien-do/", "Nhập tiến độ", "home"),
    Kind("schema", "du-lieu/dinh-dang/", "Định dạng dữ liệu", "open-data", template="schema.md.j2",
         pages=lambda site: [(None, {"sections": site.field_reference()})]),
    # One page per item
    Kind("plan", "ke-hoach/{id}/", lambda plan: plan.short_title, "plans", template="plan.html.j2", pages=_plans,
         export="plans", search_label="Kế hoạch"),
    Kind("task", "ke-hoach/{plan}/{id}/", lambda t: t.name, "plan", lambda t, portal: portal.plans[t.plan],
         template="task.html.j2", pages=_tasks, export="tasks",
         search_label=lambda t: "Phân công" if t.kind == "assignments" else "Nhiệm vụ"),
    Kind("indicator", "ke-hoach/{plan}/{id}/", lambda i: " ".join(["Chỉ tiêu", i.printed_number or ""]).strip(), "plan",
         lambda i, portal: portal.plans[i.plan], template="indicator.html.j2", pages=_indicators, export="indicators",
         search_label="Chỉ tiêu"),
    Kind("unit", "don-vi/{id}/", lambda u: u.short_name, "units", template="unit.html.j2", pages=_units,
         search_label="Đơn vị"),
    Kind("document", "van-ban/{id}/", lambda d: d.symbol, "documents", template="document.md.j2", pages=_documents,
         export="documents", search_label="Văn bản"),
    Kind("comparisons", "so-sanh/", "So sánh", "home", template="comparisons.md.j2", pages=lambda site: [(None, {})]),
    Kind("comparison", "so-sanh/{id}/", lambda g: g.name, "comparisons", template="comparison.html.j2",
         pages=_comparisons, export="comparisons", search_label="So sánh"),
    Kind("source", "nguon/{stem}/", lambda file: "Bản quét " + file, "home", template="source.html.j2", pages=_sources,
         fields=lambda file: {"stem": posixpath.splitext(file)[0]}),
    Kind("locality", "dia-phuong/{slug}/", lambda loc: loc.title, "home", template="locality.html.j2",
         pages=_localities, search_label="Địa phương"),
    Kind("locality-print", "dia-phuong/{slug}/in/", "Bản in A4", "locality", lambda loc, portal: loc,
         template="locality_print.html.j2", pages=_localities),
    Kind("guide", "huong-dan/{slug}/", lambda g: g.title, "guides", template="guide.md.j2", pages=_guides,
         search_label=lambda g: GLOSSARY_LABEL if g is not None and g.slug == GLOSSARY else "Hướng dẫn", marks_abbreviations=False),
    # Files other stages write (export.py, build.py): addresses only
    Kind("embed", "nhung/{plan}/{id}.html"),
    Kind("item-data", "data/ke-hoach/{plan}/{id}.{ext}"),
    Kind("plan-data", "data/ke-hoach/{plan}.json"),
    Kind("plan-tasks-csv", "data/ke-hoach/{plan}-nhiem-vu.csv"),  # tasks and implementation tasks (tables.py)
    Kind("plan-assignments-csv", "data/ke-hoach/{plan}-phan-cong.csv"),
    Kind("plan-indicators-csv", "data/ke-hoach/{plan}-chi-tieu.csv"),
    Kind("plan-xlsx", "data/ke-hoach/{plan}.xlsx"),  # the same tables, one sheet each (tables.to_xlsx)
    Kind("portal-xlsx", "data/du-lieu.xlsx"),  # the portal-wide tables, one sheet each
    Kind("share-image", "data/ke-hoach/{plan}/{id}.png"),  # beside item-data: moved into the site with it
    Kind("comparison-share-image", "data/so-sanh/{id}.png"),
    Kind("plan-share-image", "data/ke-hoach/{plan}.png"),
    Kind("calendar", "data/lich/tat-ca.ics"),
    Kind("plan-calendar", "data/lich/{plan}.ics"),
    Kind("unit-calendar", "data/lich/don-vi/{id}.ics"),
    Kind("feed", "cap-nhat/atom.xml"),
    Kind("plan-feed", "ke-hoach/{plan}/atom.xml"),
    Kind("search-hints", "data/search-hints.json"),
    Kind("search-targets", "data/search-targets.json"),  # fetched only for a query citing a target's number
    Kind("search-tasks", "data/search-tasks.json"),  # fetched only for a query citing a task's number
    Kind("progress-rules", "data/quy-tac-tien-do.json"),  # read by the progress form (generator/rules.py)
    Kind("portal-data", "data/{name}.{ext}"),  # data/comparisons.json, data/documents.csv… (export.py records)
    Kind("json-schema", "data/schema.json"),
    Kind("progress-form-items", "data/nhap-tien-do.json"),  # progress_form.form_items
]}


def url(kind: str, item: Any = None, **params: Any) -> str:
    """The URL path of a page or file within the site, without a leading "/" ("ke-hoach/hai-an/nv-1/").
    Fields come from keyword arguments, else from the item's attributes of the same name."""
    k = KINDS[kind]
    if k.fields is not None and item is not None:
        params = {**k.fields(item), **params}
    elif k.fields is not None:
        params = k.fields(**params)
    values = {name: params[name] if name in params else getattr(item, name) for name in k.names}
    return k.pattern.format(**values)


def url_for(item: Any) -> str:
    """The URL of a model object's page: the kind it names (`page_kind` class attribute) filled from it."""
    return url(item.page_kind, item)


def path(kind: str, item: Any = None, **params: Any) -> str:
    """Where a page or file is written in the docs tree: `<url>/index.md` for pages."""
    return page_path(url(kind, item, **params)) if KINDS[kind].is_page else url(kind, item, **params)


def path_for(item: Any) -> str:
    return page_path(url_for(item))


def page_path(page_url: str) -> str:
    return page_url + "index.md"


def url_of_path(docs_path: str) -> str:
    """The URL a docs-tree Markdown file is served at (use_directory_urls): the inverse of page_path."""
    if docs_path == "index.md":
        return ""
    if docs_path.endswith("/index.md"):
        return docs_path[: -len("index.md")]
    return docs_path[: -len(".md")] + "/"


def relative_path(to: str, start: str) -> str:
    """posixpath.relpath(to, start) for the site's own paths (plain segments, no ".."), by comparing
    segments: relpath goes through abspath and os.getcwd on every call, ~10 % of the render stage."""
    there = [p for p in to.split("/") if p and p != "."]
    here = [p for p in start.split("/") if p and p != "."]
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def crumbs(kind: str, item: Any, portal: Any) -> list[tuple[str, str | None]]:
    """(label, docs path or None for the page itself) from the home page down to this page."""
    trail: list[tuple[str, str | None]] = []
    k, here = KINDS[kind], True
    while True:
        label = k.crumb(item) if callable(k.crumb) else k.crumb
        trail.append((label, None if here else path(k.id, item)))
        if k.parent is None:
            return trail[::-1]
        item = k.parent_item(item, portal) if k.parent_item else None
        k, here = KINDS[k.parent], False


def search_label(kind: str, item: Any) -> str | None:
    label = KINDS[kind].search_label
    return label(item) if callable(label) else label

