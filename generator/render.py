"""Render the validated model into pages (from theme/templates) in the docs tree the engine builds.

Which pages exist, and where, is kinds.KINDS; templates hold all markup. Every `{{ value }}` is escaped
for Markdown by default (finalize), so staff text can never become markup.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import posixpath
from urllib.parse import quote, urlencode
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from markdown.extensions.toc import unique as toc_unique

from . import kinds, labels, localities, markdown_text, progress, schema, search, share_image, summary, tables
from .charts import comparison_chart, target_chart
from .comparison_table import comparison_table, horizon_key, member_label
from .differences import Verdict, difference, scan_confusable
from .feeds import updates
from .labels import TABLE_KINDS
from .model import Comparison, Document, Indicator, Plan, Portal, Table, Task
from .output import write_if_changed
from .templates import Environments
from .targets import with_unit
from .text import heading_id, vi_key
from .toc import with_toc


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs root, e.g. "ke-hoach/hai-an/nv-1-1/index.md"
    template: str
    context: dict[str, Any]
    kind: str = ""  # its kinds.KINDS entry (breadcrumbs, search label)
    item: Any = None  # what it is the page of (None for lists)
    # Hand-written pages carry Python-Markdown abbreviation definitions; their generated parts
    # must then not mark abbreviations again (that would nest <abbr> in <abbr>).
    marks_abbreviations: bool = True


# Starting height of an embed frame (px); the snippet then fits it to the content (Site.embed_snippet).
EMBED_HEIGHT = 600


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary and marked with "…" (citations quote titles)."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


@dataclass(frozen=True)
class Section:
    """One part of a plan page: its heading (as printed where the plan prints one) and its short link label."""
    heading: str
    label: str
    table: Table | None = None


# Task tables in the order a resident asks about them: what will be done, who does it, how it is run.
_KIND_ORDER = {"tasks": 0, "assignments": 1, "implementation": 2}


def _table_label(table: Table, word: str) -> str:
    part = table.title.split(":")[0].strip() if ":" in table.title else ""
    part = part.capitalize() if part.isupper() else part
    n = sum(g.size for g in table.groups)
    return f"{word} — {part} ({n})" if part else f"{word} ({n})"

def _share_meta(image_url: str, alt: str) -> dict[str, str]:
    """Front-matter lines naming a page's share image (theme/overrides/main.html), as YAML."""
    return {"share_image": image_url, "share_image_width": str(share_image.WIDTH),
            "share_image_height": str(share_image.HEIGHT), "share_image_alt": json.dumps(alt, ensure_ascii=False)}


class Site:
    """Builds the list of pages; pure apart from reading source line counts for excerpts."""

    def __init__(self, portal: Portal, sources: Path, as_of: dt.date, topics: dict | None = None,
                 site_url: str = "http://127.0.0.1:8000/"):
        self.portal = portal
        self.topics = topics or {}
        self.guides: dict[str, Any] = {}
        self.synonyms = search.Synonyms([])
        self.words: search.Words | None = None
        self.states = progress.all_states(portal, as_of)
        self.site_url = site_url
        self.statuses = list(labels.STATUSES.values())  # the legend on /cap-nhat/, with labels.COMPUTED
        self.computed = list(labels.COMPUTED.values())
        self.sources = sources
        self.as_of = as_of
        self._source_lines: dict[str, list[str]] = {}

    # --- helpers exposed to templates
    def lines(self, file: str, first: int, last: int) -> str:
        if file not in self._source_lines:
            self._source_lines[file] = (self.sources / file).read_text(encoding="utf-8").splitlines()
        return "\n".join(self._source_lines[file][first - 1:last])

    def unit(self, uid: str):
        return self.portal.units[uid]

    def plan(self, pid: str) -> Plan:
        return self.portal.plans[pid]

    def item(self, plan_id: str, item_id: str):
        key = f"{plan_id}/{item_id}"
        return self.portal.indicators.get(key) or self.portal.tasks.get(key)

    def units_by_locality(self) -> list[tuple[str, list]]:
        """Units grouped under their locality ("Phường Hải An"), in Vietnamese order; units with no
        locality (ministries, the press) last, under "Khác"."""
        groups: dict[str, list] = {}
        for unit in self.portal.units.values():
            groups.setdefault(unit.locality or "", []).append(unit)
        order = sorted(groups, key=lambda loc: (loc == "", vi_key(loc)))
        return [(loc[:1].upper() + loc[1:] if loc else "Khác", sorted(groups[loc], key=lambda u: vi_key(u.name)))
                for loc in order]

    def counts(self, plan: Plan) -> dict[str, int]:
        kinds = Counter(t.kind for t in self.portal.plan_tasks(plan.id))
        return {"tasks": kinds["tasks"], "assignments": kinds["assignments"], "implementation": kinds["implementation"],
                "indicators": len(self.portal.plan_indicators(plan.id))}

    # --- places (generator/localities.py; build.generate sets self.admin from content/localities.yaml)
    admin: localities.AdminChanges = localities.AdminChanges()

    @functools.cached_property
    def places(self) -> list[localities.Locality]:
        return localities.localities(self.portal, self.admin)

    def localities(self) -> list[localities.Locality]:
        return self.places

    def localities_by_province(self) -> list[tuple[str, list[localities.Locality]]]:
        return localities.by_province(self.places)

    def locality_of(self, plan: Plan) -> localities.Locality:
        return next(loc for loc in self.places if plan in loc.plans)

    def locality_guides(self, loc: localities.Locality, limit: int = 4) -> list:
        """The guides whose topics the locality's plans name most often (then the one on the 2025
        rearrangement, where the place changed)."""
        counts = Counter(t for plan in loc.plans for item in [*self.portal.plan_tasks(plan.id),
                         *self.portal.plan_indicators(plan.id)] for t in item.topics if t in self.topics)
        slugs = [self.topics[t].guide for t, _ in counts.most_common()]
        if any(self.admin.for_plan(plan) for plan in loc.plans):
            slugs = [self.topics[t].guide for t in self.topics if t == "chinh-quyen"] + slugs
        return [self.guides[s] for s in dict.fromkeys(slugs) if s in self.guides][:limit]

    # Where "Báo sai sót" sends a reader (content/portal.yaml, read by build.generate): {"issues": url, "email": address}.
    report_mistake: dict = {}

    def mistake_link(self, item: Task | Indicator) -> str | None:
        """A prefilled new issue in the portal's repository, else a prefilled e-mail; None when neither is set."""
        title = f"Báo sai sót: {item.name} — {self.portal.plans[item.plan].short_title}"
        body = (f"Trang: {self.absolute(item)}\nNguồn: {item.source.file}, dòng {item.source.first}–{item.source.last}\n\n"
                "Điều chưa đúng (và đúng ra phải là gì, theo văn bản nào):\n")
        if self.report_mistake.get("issues"):
            return f"{self.report_mistake['issues']}?{urlencode({'title': title, 'body': body}, quote_via=quote)}"
        if self.report_mistake.get("email"):
            return f"mailto:{self.report_mistake['email']}?{urlencode({'subject': title, 'body': body}, quote_via=quote)}"
        return None

    def source_title(self, file: str) -> str:
        """A scan named by what it is: "Kế hoạch 59/KH-UBND của UBND phường Đăk Cấm", not its file name."""
        plan = next((p for p in self.portal.plans.values() if p.source_file == file), None)
        if plan is None:
            return file
        issuer = self.portal.units[plan.issuer].name
        return f"Kế hoạch {plan.symbol} của {issuer}" if plan.symbol else f"Kế hoạch của {issuer}"

    def absolute(self, item: Any) -> str:
        return self.site_url + kinds.url_for(item)

    def qr_svg(self, item: Any) -> str:
        """A QR code of the item's public address, drawn at build time (segno: no outside service)."""
        import segno
        return segno.make(self.absolute(item), error="m").svg_inline(scale=5, title="Mã QR: " + self.absolute(item))

    def summary(self, plan: Plan) -> summary.Summary:
        return summary.summarise(plan, self.portal, self.states, self.as_of.year)

    def plan_sections(self, plan: Plan) -> list[Section]:
        """The parts of a plan page in reading order, each linked from the top of the page."""
        sections = [Section("Tình hình thực hiện", "Tiến độ")]
        if plan.purposes or plan.requirements:
            sections.append(Section("Mục đích, yêu cầu", "Mục đích"))
        tasks = sorted(plan.task_tables, key=lambda t: _KIND_ORDER.get(t.kind, 9))
        sections += [Section(t.title, _table_label(t, TABLE_KINDS[t.kind].vi), t)
                     for t in tasks if t.kind == "tasks"]
        sections += [Section(t.title, _table_label(t, "Chỉ tiêu"), t) for t in plan.indicator_tables]
        sections += [Section(t.title, _table_label(t, TABLE_KINDS[t.kind].vi), t)
                     for t in tasks if t.kind != "tasks"]
        if plan.implements:
            sections.append(Section("Căn cứ và văn bản được thực hiện", "Căn cứ"))
        if plan.sections:
            sections.append(Section("Nội dung khác của kế hoạch", "Nội dung khác"))
        return sections

    def downloads(self, plan: Plan) -> list[tables.Download]:
        return tables.plan_downloads(self.portal, plan.id)

    def workbook(self, plan: Plan) -> str | None:
        """The plan's Excel file (all its tables), when it has any table (export.write_workbooks writes it)."""
        return kinds.path("plan-xlsx", plan=plan.id) if self.downloads(plan) else None

    def missing_tables(self, plan: Plan) -> str:
        """The tables the plan's data lacks ("bảng phân công và bảng chỉ tiêu"), said on its page instead of
        linking an empty file; "" when it has them all."""
        present = {d.kind for d in self.downloads(plan)}
        names = [missing for kind, _, _, missing in tables.PLAN_TABLES if kind not in present]
        return " và ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)

    def table_of(self, item: Task | Indicator):
        plan = self.portal.plans[item.plan]
        tables = plan.indicator_tables if isinstance(item, Indicator) else plan.task_tables
        return next(t for t in tables if t.id == item.table)

    def search_block(self, title: str, body: str = "", keywords: str = "", weight: int = 6) -> search.Block:
        """The hidden words a page is also found by: its keywords (guides, plans), its title and body
        with đ spelled d, their syllable pairs, and the synonyms of the glossary terms it uses."""
        return search.block(title, body, keywords, weight, self.synonyms, self.words)

    def target_years(self, ind: Indicator) -> list[str]:
        """The years this indicator sets a target for (search: "… 2030" favours them)."""
        return [t.horizon for t in ind.targets if t.horizon.isdigit() and t.cell.text and t.cell.text != "-"]

    def nearest_target(self, ind: Indicator) -> str:
        """The first target at or after the as-of year, as printed: what a search result shows."""
        dated = [t for t in ind.targets if t.cell.text and t.cell.text != "-" and t.horizon.isdigit()]
        later = [t for t in dated if int(t.horizon) >= self.as_of.year] or dated
        return f"{later[0].horizon}: {later[0].cell.text}" if later else ""

    def state(self, task: Task) -> progress.TaskState:
        return self.states[task.key]

    def log(self, task: Task) -> list:
        """Progress entries up to the as-of date, newest first."""
        return [e for e in reversed(self.portal.progress.get(task.key, [])) if e.date <= self.as_of]

    def actuals(self, ind: Indicator) -> list:
        return [a for a in reversed(self.portal.actuals.get(ind.key, [])) if a.date <= self.as_of]

    def trajectory(self, ind: Indicator):
        return progress.trajectory(ind, self.portal.actuals.get(ind.key, []), self.as_of)

    def status_summary(self, tasks: list[Task]) -> dict:
        """Counts for the status bar of a plan or unit page, in the vocabulary's order."""
        counts = progress.summary(tasks, self.states)
        order = [progress.NO_UPDATE, *labels.STATUSES]
        kinds = Counter(t.kind for t in tasks)
        return {"total": len(tasks),
                "kinds": [(k.count, kinds[k.id]) for k in labels.TABLE_KINDS.values() if kinds[k.id]],
                "bars": [(s, counts.get(s, 0)) for s in order if counts.get(s, 0)],
                "overdue": [t for t in tasks if self.states[t.key].overdue],
                "unreported_past": [t for t in tasks if self.states[t.key].past_due_unreported],
                "due_soon": [t for t in tasks if self.states[t.key].due_soon],
                "updated": sum(1 for t in tasks if self.states[t.key].latest)}

    def citation(self, item: Task | Indicator) -> dict[str, str]:
        """The item cited Vietnamese-style, as BibTeX and as CSL-JSON. Missing metadata stays missing."""
        plan = self.portal.plans[item.plan]
        issuer = self.portal.units[plan.issuer].name
        doc = f"Kế hoạch số {plan.symbol}" if plan.symbol else "Kế hoạch (không ghi số, ký hiệu trong bản gốc)"
        date = f"ngày {markdown_text.date_vi(plan.date)}" if plan.date else "không ghi ngày ban hành"
        if isinstance(item, Indicator):
            what = f"{self.table_of(item).title}, chỉ tiêu {item.printed_number or item.id}: “{item.name}”"
        else:
            # An unnumbered task is cited by its id, which stays the same for good.
            what = f"{item.name if item.number else item.name + ' ' + item.id}: “{clip(item.text, 160)}”"
        url = self.site_url + item.url
        accessed = markdown_text.date_vi(self.as_of)
        vi = f"{issuer}, {doc}, {date}, {plan.title}. {what}. Truy cập tại {url}, ngày {accessed}."
        title = item.name if isinstance(item, Indicator) else clip(item.text, 160)
        key = f"{item.plan}-{item.id}".replace("-", "_")
        bib = "\n".join([f"@misc{{{key},", f"  author = {{{{{issuer}}}}},", f"  title = {{{title}}},",
                          f"  howpublished = {{{doc}, {plan.title}}},", *( [f"  year = {{{plan.date.year}}},"] if plan.date else []),
                          f"  url = {{{url}}},", f"  note = {{Truy cập ngày {accessed}}}", "}"])
        csl = {"id": f"{item.plan}/{item.id}", "type": "document", "title": title, "author": [{"literal": issuer}],
               "container-title": plan.title, "number": item.number, "URL": url, "language": "vi",
               "accessed": {"date-parts": [[self.as_of.year, self.as_of.month, self.as_of.day]]}}
        if plan.date:
            csl["issued"] = {"date-parts": [[plan.date.year, plan.date.month, plan.date.day]]}
        # One field per line: readable to copy, without a line per bracket of "date-parts".
        fields = ",\n".join(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in csl.items())
        return {"vi": vi, "bibtex": bib, "csl": "{\n" + fields + "\n}"}

    def share_description(self, ind: Indicator) -> str:
        """What a shared link should already say: the targets themselves, then who set them."""
        targets = [f"{with_unit(t, ind)} năm {t.horizon}" if t.horizon.isdigit() else f"{t.horizon}: {with_unit(t, ind)}"
                   for t in ind.targets if t.cell.text and t.cell.text != "-"]
        issuer = self.portal.units[self.portal.plans[ind.plan].issuer].name
        return f"{ind.name.rstrip('.')}: {', '.join(targets) or 'không đọc được mục tiêu'} — {issuer}"

    def share_meta(self, ind: Indicator) -> dict[str, str]:
        """Front-matter lines of an indicator page naming its share image (theme/overrides/main.html), as YAML."""
        plan = self.portal.plans[ind.plan]
        card = share_image.card_for(ind, self.chart(ind), share_image.place_of(plan), share_image.source_of(
            ind, plan, self.portal.units[plan.issuer].name, self.table_of(ind).title))
        return _share_meta(kinds.url("share-image", ind), share_image.alt_text(card))

    def embed_snippet(self, ind: Indicator) -> str:
        """The code a reporter pastes: the frame, and a few lines that set its height from the size the embedded
        view reports (theme/templates/embed.html.j2). EMBED_HEIGHT is only the start (or the height where
        scripts are stripped)."""
        origin = "/".join(self.site_url.split("/")[:3])
        title = ind.name.replace('"', "'")
        return (f'<iframe src="{self.site_url}{kinds.url("embed", ind)}" title="{title}" width="100%" height="{EMBED_HEIGHT}" '
                f'style="border:0" loading="lazy" data-ke-hoach-so></iframe>\n'
                '<script>\nwindow.addEventListener("message", function (e) {\n'
                f'  if (e.origin !== "{origin}" || !e.data || e.data.keHoachSo !== "height") return;\n'
                '  document.querySelectorAll("iframe[data-ke-hoach-so]").forEach(function (f) {\n'
                '    if (f.contentWindow === e.source) f.style.height = e.data.height + "px";\n'
                '  });\n});\n</script>')

    # --- comparisons and the chain of plans
    comparison_topics = schema.COMPARISON_TOPICS

    def member_labels(self, group: Comparison) -> list[dict[str, Any]]:
        """Each member's column label: its locality, plus its horizons when the plan appears twice."""
        return [{"ind": self.portal.indicators[k], "plan": k.split("/")[0],
                 "label": self.member_label(group, self.portal.indicators[k])} for k in group.members]

    def member_label(self, group: Comparison, ind: Indicator) -> str:
        return member_label(group, ind, self.portal)

    def comparison_share_meta(self, group: Comparison) -> dict[str, str]:
        """Front-matter lines of a comparison page naming its share image (theme/overrides/main.html)."""
        return _share_meta(kinds.url("comparison-share-image", group),
                           share_image.table_alt(share_image.comparison_card_of(group, self.portal)))

    def plan_share_meta(self, plan: Plan) -> dict[str, str]:
        return _share_meta(kinds.url("plan-share-image", plan=plan.id),
                           share_image.table_alt(share_image.plan_card_of(plan, self.portal, self.as_of.year)))

    VERDICTS = {"same": "Giống nhau", "wording": "Cùng mục tiêu, cách ghi khác", "comparator": "Khác dấu so sánh",
                "value": "Khác nhau", "unknown": "—"}

    def verdict_label(self, v: Verdict) -> str:
        return "Khác dấu so sánh, có thể do bản quét" if v.scan else self.VERDICTS[v.kind]

    def comparison_description(self, group: Comparison, table) -> str:
        places = ", ".join(dict.fromkeys(self.portal.plans[k.split("/")[0]].short_title for k in group.members))
        return f"{group.name}: mục tiêu của {places}, đúng như bản in, theo từng mốc năm."

    def comparison_context(self, group: Comparison) -> dict[str, Any]:
        table = comparison_table(group, self.portal)
        return {"group": group, "table": table, "chart": comparison_chart(list(table.rows), len(table.members))}

    def target_difference(self, a, b) -> str:
        """same | wording | comparator | value | unknown (generator/differences.py), for the same-as boxes."""
        return difference(a, b)

    def scan_confusable(self, a, b) -> bool:
        return scan_confusable(a, b)

    def chains_up(self, document_ids) -> list[list[Document]]:
        """Every path from each given document up its `implements` links to a document that implements
        nothing (57-NQ/TW for these plans): the chain of plans above a plan or a document."""
        docs = self.portal.documents
        out: list[list[Document]] = []

        def walk(path: list[Document]) -> None:
            parents = [d for d in path[-1].implements if d in docs and docs[d] not in path]
            if not parents:
                out.append(path)
            for d in parents:
                walk(path + [docs[d]])

        for d in document_ids:
            if d in docs:
                walk([docs[d]])
        return out

    def implementers(self, doc: Document) -> dict[str, list]:
        """What carries out a document, one level down: documents and plans (each plan page shows the rest)."""
        return {"documents": [self.portal.documents[d] for d in self.portal.implemented_by(doc.id)],
                "plans": [self.portal.plans[p] for p in self.portal.plans_by_document.get(doc.id, [])]}

    def guides_for(self, item: Task | Indicator) -> list:
        """The guides whose topics this item carries, for the "what it means for you" box."""
        slugs = dict.fromkeys(self.topics[t].guide for t in item.topics if t in self.topics)
        return [self.guides[s] for s in slugs if s in self.guides]

    def chart(self, ind: Indicator):
        """Targets (outlined) and the values reported up to the as-of date (filled)."""
        return target_chart(ind, self.actuals(ind))

    def updates(self) -> list:
        return updates(self.portal, self.as_of)

    def field_reference(self) -> list:
        return schema.field_reference()

    # --- pages
    def pages(self) -> list[Page]:
        """One page per (kind, item) of kinds.KINDS; site, portal and as_of reach every template through
        the environment context (render_pages)."""
        return [Page(kinds.path(kind.id, item), kind.template, context, kind.id, item, kind.marks_abbreviations)
                for kind in kinds.KINDS.values() if kind.template
                for item, context in kind.pages(self)]


def _docs_path(target: Any) -> str:
    """A link target as a docs-tree path: a page's item (its kind's page) or a docs-tree path already."""
    return target if isinstance(target, str) else kinds.path_for(target)


@functools.lru_cache(maxsize=65536)  # a page links the same targets several times (crumbs, units, plan)
def relative(from_page: str, to_page: str) -> str:
    """Relative Markdown link between two docs-tree paths (the engine turns .md links into URLs)."""
    return kinds.relative_path(to_page, posixpath.dirname(from_page))


@functools.lru_cache(maxsize=65536)
def relative_url(from_page: str, to_page: str) -> str:
    """The published relative URL between two docs-tree paths, for links in raw HTML blocks, which
    the engine leaves alone (it rewrites .md links in Markdown only). Other files keep their path."""
    here = kinds.url_of_path(from_page).rstrip("/") or "."
    if not to_page.endswith(".md"):
        return kinds.relative_path(to_page, here)
    there = kinds.url_of_path(to_page).rstrip("/") or "."
    return kinds.relative_path(there, here) + "/"


def render_pages(pages: Iterable[Page], envs: Environments, out_dir: Path, env_context: dict[str, Any]) -> set[str]:
    """Write each page; files whose content is unchanged are left alone so live preview stays fast."""
    written: set[str] = set()
    for page in pages:
        env = envs.for_page(page.template)
        env.globals["abbreviations"].new_page(page.marks_abbreviations)
        template = env.get_template(page.template)
        ctx = {**env_context, **page.context}
        # link(): relative Markdown link (.md, for Markdown text); url(): relative URL (for raw HTML).
        # Either takes an item with a page (plan, task, unit, guide…) or a docs-tree path (path(kind, …)).
        ctx["link"] = ctx["href"] = lambda target, _from=page.path: relative(_from, _docs_path(target))
        ctx["url"] = ctx["item_url"] = lambda target, _from=page.path: relative_url(_from, _docs_path(target))
        ctx["page_path"] = page.path
        ctx["crumb_trail"] = kinds.crumbs(page.kind, page.item, env_context["portal"]) if page.kind else []
        ctx["search_label"] = kinds.search_label(page.kind, page.item) if page.kind else None
        # Heading ids of pages written as HTML, made unique ("muc-tieu", "muc-tieu_1") as Markdown's toc does.
        ctx["anchor"] = lambda text, _seen=set(): toc_unique(heading_id(text), _seen)
        text = template.render(ctx)
        write_if_changed(out_dir / page.path, with_toc(text) if env is envs.html else text)
        written.add(page.path)
    return written
