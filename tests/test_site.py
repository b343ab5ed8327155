"""The built site: every item has its page, links resolve, exports keep their contract."""
from __future__ import annotations

import csv
import html
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.title = ""
        self.description = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("link", "script", "img") and (a.get("href") or a.get("src")):
            self.links.append(a.get("href") or a.get("src"))
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "javascript:")):
        return None
    base = page.parent
    path = unquote(parts.path)
    resolved = (site / path.lstrip("/")) if path.startswith("/") else (base / path if path else page)
    if resolved.is_dir() or path.endswith("/"):
        resolved = resolved / "index.html"
    return resolved.resolve(), parts.fragment


def test_every_internal_link_and_anchor_resolves(site_dir):
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 200
    parsed = {p.resolve(): _parse(p) for p in pages}
    broken = []
    for page, links in parsed.items():
        for href in links.links:
            target = _target(site_dir, page, href)
            if target is None:
                continue
            path, fragment = target
            if not path.exists():
                broken.append(f"{page.relative_to(site_dir.resolve())} → {href}")
            elif fragment and path.suffix == ".html" and fragment not in parsed[path].ids:
                broken.append(f"{page.relative_to(site_dir.resolve())} → {href} (no anchor)")
    assert not broken, "\n".join(broken[:40])


_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', re.S)


def test_heading_anchors_spell_vietnamese_words_whole(site_dir):
    """"Tiến độ" is #tien-do, not #tien-o: đ is read as d, on Markdown and HTML-written pages alike.
    (Ids a template sets on purpose, like #tieu-de, are neither spelling and are left alone.)"""
    from markdown.extensions.toc import slugify
    from generator.text import heading_id
    wrong, with_d = [], 0
    for page in site_dir.rglob("index.html"):
        for _, anchor, inner in _HEADING.findall(page.read_text(encoding="utf-8")):
            text = html.unescape(re.sub(r"<[^>]+>", "", inner))
            if "đ" not in text.lower():
                continue
            with_d += 1
            # Markdown numbers a repeated heading: "muc-tieu", "muc-tieu_1", …
            if re.sub(r"_\d+$", "", anchor) == slugify(text, "-"):
                wrong.append(f"{page.relative_to(site_dir)}: {text!r} → #{anchor}, should be #{heading_id(text)}")
    assert with_d > 400
    assert not wrong, "\n".join(wrong[:20])
    assert 'id="tien-do"' in (site_dir / "ke-hoach/hai-an/nv-1-1/index.html").read_text(encoding="utf-8")


_ITEM_LINK = re.compile(r'href="(?:[^"]*/)?(?:(?:nv|ct)-[^"/]+|van-ban/[^"/]+)/"')


def test_lists_of_tasks_indicators_and_documents_have_one_entry_per_line(site_dir):
    """A template line that ends in a Jinja tag loses its newline, which glued list entries into one."""
    glued, lists = [], 0
    for page in site_dir.rglob("index.html"):
        for item in re.findall(r"<li>(.*?)</li>", page.read_text(encoding="utf-8"), re.S):
            links = _ITEM_LINK.findall(item)
            lists += bool(links)
            if len(links) > 1:
                glued.append(f"{page.relative_to(site_dir)}: {re.sub(r'<[^>]+>', '', item)[:160]}")
    assert not glued, "\n".join(glued[:20])
    assert lists > 700
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "<p>Số hiệu: không ghi trong bản gốc" in home, "a plan card's number and date stand on their own line"


def test_no_progress_yet_is_said_with_what_the_count_is_made_of(site_dir):
    plan = (site_dir / "ke-hoach/hai-an/index.html").read_text(encoding="utf-8")
    assert ("Chưa có báo cáo tiến độ nào được công bố cho 64 việc ở đây "
            "(47 nhiệm vụ, 13 việc phân công, 4 việc tổ chức thực hiện).") in plan
    unit = (site_dir / "don-vi/c06-bo-cong-an/index.html").read_text(encoding="utf-8")
    total, tasks, assignments = map(int, re.search(
        r"công bố cho (\d+) việc ở đây \((\d+) nhiệm vụ, (\d+) việc phân công\)", unit).groups())
    assert total == tasks + assignments


def test_no_page_loads_anything_from_another_host(site_dir):
    offenders = []
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # canonical/alternate links name the site's own public address; they load nothing
        for m in re.finditer(r'<(?:script|link(?! rel="(?:canonical|alternate)")|img|iframe)[^>]+(?:src|href)="(https?:)?//', html):
            offenders.append(f"{page.relative_to(site_dir)}: {m.group(0)[:80]}")
    assert not offenders, "\n".join(offenders[:20])


def test_every_task_and_indicator_has_a_page_linked_from_its_plan(portal, site_dir):
    for plan in portal.plans.values():
        plan_html = (site_dir / plan.url / "index.html").read_text(encoding="utf-8")
        items = [*portal.plan_tasks(plan.id), *portal.plan_indicators(plan.id)]
        for item in items:
            assert (site_dir / item.url / "index.html").is_file(), item.url
            assert f'href="{item.id}/"' in plan_html, f"{item.key} not linked from its plan page"


def test_hai_an_is_published_in_full(portal):
    """Counts taken from the source 003_09cdf2dd6a89ba5e.txt (see plans/hai-an/*.yaml)."""
    tasks = portal.plan_tasks("hai-an", "tasks")
    assert {t.number for t in tasks} >= {"1.1", "1.9", "2.8", "3.6", "4.5", "5.11", "6.4", "7.2"}
    assert len(tasks) == 47
    assert len(portal.plan_tasks("hai-an", "assignments")) == 13
    ind = portal.plan_indicators("hai-an")
    assert len([i for i in ind if i.table == "pl1"]) == 15
    assert len([i for i in ind if i.table == "pl2"]) == 31
    pl2 = portal.indicators["hai-an/ct-pl2-i-1"]
    assert [(t.horizon, t.cell.text) for t in pl2.targets] == [
        ("2025", "≥ 60%"), ("2030", "100%"), ("2035", "100%"), ("2040", "100%"), ("2045", "100%")]


def _load(site_dir: Path, name: str):
    rows_json = json.loads((site_dir / "data" / f"{name}.json").read_text(encoding="utf-8"))
    with (site_dir / "data" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:  # starts with a BOM (Excel)
        rows_csv = list(csv.DictReader(f))
    assert len(rows_json) == len(rows_csv)
    return rows_json, rows_csv


def test_export_contract(portal, site_dir):
    plans, _ = _load(site_dir, "plans")
    assert {"id", "title", "symbol", "issuer", "level", "locality", "date", "url", "source_file"} <= set(plans[0])
    tasks, tasks_csv = _load(site_dir, "tasks")
    assert {"id", "plan", "number", "text", "lead", "coordinating", "output", "deadline", "url", "source"} <= set(tasks[0])
    assert len(tasks) == len(portal.tasks)
    indicators, _ = _load(site_dir, "indicators")
    assert {"id", "plan", "number", "name", "unit", "targets", "lead", "url", "source"} <= set(indicators[0])
    row = next(i for i in indicators if i["plan"] == "hai-an" and i["id"] == "ct-pl2-i-1")
    assert row["targets"] == {"2025": "≥ 60%", "2030": "100%", "2035": "100%", "2040": "100%", "2045": "100%"}
    assert row["url"] == "ke-hoach/hai-an/ct-pl2-i-1/"
    assert row["source"]["file"] == "003_09cdf2dd6a89ba5e.txt" and len(row["source"]["lines"]) == 2
    for record in tasks + indicators:
        assert (site_dir / record["url"] / "index.html").is_file()


def test_every_page_has_a_title_and_description(site_dir):
    missing = [str(p.relative_to(site_dir)) for p in site_dir.rglob("*.html")
               if p.name != "404.html" and not (_parse(p).description or "").strip()]
    assert not missing, missing[:20]


def test_task_page_titles_read_cleanly(portal, site_dir):
    """"Nhiệm vụ 1.1 — Phường Hải An: <the task's words, cut after a whole word>": no "Nhiệm vụ : …"
    for an unnumbered task, no doubled spaces, no word cut in half ("của N...")."""
    odd = []
    for task in portal.tasks.values():
        title = _parse(site_dir / task.url / "index.html").title
        head, _, text = title.removesuffix(" - Kế hoạch số địa phương").partition(": ")
        shown = text.removesuffix("...")
        whole_words = task.text.startswith(shown) and task.text[len(shown):len(shown) + 1] in ("", " ", ",", ";", ".")
        if " :" in title or "  " in title or not head.endswith(portal.plans[task.plan].short_title) or not whole_words:
            odd.append(f"{task.url}: {title}")
    assert not odd, odd[:10]


def test_indicator_page_titles_cite_the_printed_number(portal, site_dir):
    """"(Phụ lục I, chỉ tiêu 7.1) — Tỉnh Hải Dương": the number as printed (not "71"), and no number at all
    for a target the scan prints unnumbered (not its id "ct-chi-tieu-30")."""
    odd = []
    for ind in portal.indicators.values():
        title = _parse(site_dir / ind.url / "index.html").title
        cited = re.search(r", chỉ tiêu ([^)]+)\) — ", title)
        if (cited.group(1) if cited else None) != (ind.number.rstrip(".") if ind.number else None):
            odd.append(f"{ind.url}: {title}")
    assert not odd, odd[:10]
    numbered = {i.printed_number for i in portal.indicators.values()}
    assert {"7.1", "27"} <= numbered


def test_numbers_printed_with_a_period_are_not_followed_by_a_colon(site_dir):
    """Plans print "48." as a number; "Phân công 48.: …" reads as a typo (lists, citations)."""
    odd = [f"{p.relative_to(site_dir)}: {m.group(0)}" for p in site_dir.rglob("index.html")
           for m in re.finditer(r".{30}\d\.</a>:|.{30}\d\.: ", p.read_text(encoding="utf-8"))]
    assert not odd, odd[:10]


def test_the_not_found_page_speaks_vietnamese_and_shows_the_way_on(site_dir):
    page = _parse(site_dir / "404.html")
    assert page.title.startswith("Không tìm thấy trang")
    # Absolute paths: the host serves this page for a missing address at any depth.
    assert {"/tim-kiem/", "/ke-hoach/", "/huong-dan/"} <= set(page.links)
    assert "Not found" not in (site_dir / "404.html").read_text(encoding="utf-8")


def test_lists_are_in_vietnamese_alphabetical_order(site_dir, portal):
    """Đ sorts with d (plain string order puts it after z); units with no locality come last."""
    units = re.findall(r'<h2 id="[^"]*">([^<]*)', (site_dir / "don-vi/index.html").read_text(encoding="utf-8"))
    assert _in_order(units, ["Đặc khu Cát Hải", "Phường Đăk Cấm", "Phường Hải An", "Thành phố Hải Phòng", "Tỉnh Hải Dương"])
    assert units[-1] == "Khác" and units[:-1] == sorted(units[:-1], key=_vietnamese)
    plans = re.findall(r'<div class="plan-card">\s*<h3[^>]*><a[^>]*>([^<]*)', (site_dir / "index.html").read_text(encoding="utf-8"))
    # Every plan in plans/ has its card (the list grows with each locality added), in Vietnamese order.
    assert sorted(plans) == sorted(p.short_title for p in portal.plans.values())
    assert plans == sorted(plans, key=_vietnamese)
    assert _in_order(plans, ["Đặc khu Cát Hải", "Phường Đăk Cấm", "Phường Hải An", "Sở Nội vụ Hải Phòng", "Tỉnh Hải Dương"])


def _vietnamese(text: str) -> str:
    """An independent sort key: letters without tone marks, đ right after d (Vietnamese alphabet)."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d\x7f"))
    return "".join(c for c in text if not unicodedata.combining(c))


def _in_order(seen: list[str], expected: list[str]) -> bool:
    """All of `expected` are in `seen`, in this order (other entries may stand between them)."""
    positions = [seen.index(e) for e in expected if e in seen]
    return len(positions) == len(expected) and positions == sorted(positions)


def test_json_schema_is_published(site_dir):
    schema = json.loads((site_dir / "data" / "schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "$defs" in schema and schema["properties"] if "properties" in schema else schema["$ref"]
