"""A resident on a cheap phone (390 × 844 and 320 px wide), in headless Debian Chromium: finds their
place, sees what it promised and whether it is on track (issue 12). Screenshots land in tests/output/."""
from __future__ import annotations

import gzip

import pytest

from conftest import OUTPUT
from generator.summary import sentences

playwright = pytest.importorskip("playwright.sync_api")

WIDTHS = [390, 320]
MAX_PLAN_HEIGHT = 10_000  # px, as first shown (every group folded)
SECTION_LINKS_WITHIN = 1_700  # px from the top of the page
PLAN_BUDGET_KB = 100  # gzip, everything the first load of a plan page fetches


def _phone(browser, width: int):
    return browser.new_context(viewport={"width": width, "height": 844}, device_scale_factor=1)


def test_a_plan_purpose_is_cut_into_sentences_at_a_capital_letter_only():
    text = "Quán triệt Nghị quyết số 57-NQ/TW. Xác định rõ trách nhiệm. của từng đơn vị. Bảo đảm gắn kết."
    assert sentences(text) == ["Quán triệt Nghị quyết số 57-NQ/TW.", "Xác định rõ trách nhiệm. của từng đơn vị.",
                               "Bảo đảm gắn kết."]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_plan_page_is_short_and_links_its_sections_near_the_top(browser, server, portal, width):
    context = _phone(browser, width)
    page = context.new_page()
    for plan in portal.plans.values():
        page.goto(f"{server}/{plan.url}")
        page.wait_for_load_state("networkidle")
        height = page.evaluate("document.documentElement.scrollHeight")
        page.screenshot(path=str(OUTPUT / f"plan-{plan.id}-{width}.png"))
        links = page.locator("nav.plan-toc a")
        bottom = page.evaluate("(() => { const r = document.querySelector('nav.plan-toc').getBoundingClientRect();"
                               " return r.bottom + window.scrollY; })()")
        targets = links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
        labels = " ".join(links.all_inner_texts())
        assert height <= MAX_PLAN_HEIGHT, f"{plan.id} at {width}px is {height}px tall"
        assert bottom <= SECTION_LINKS_WITHIN, f"{plan.id} at {width}px: section links end at {bottom}px"
        expected = ["Tiến độ", "Nhiệm vụ"] + (["Chỉ tiêu"] if portal.plan_indicators(plan.id) else []) + (
            ["Phân công"] if portal.plan_tasks(plan.id, "assignments") else [])
        for label in expected:
            assert label in labels, (plan.id, label, labels)
        for href in targets:  # every link lands on a heading of the page
            assert page.locator(f"h2{href}").count() == 1, (plan.id, href)
    context.close()


def test_the_summary_says_who_when_what_for_how_many_and_where_progress_stands(browser, server):
    context = _phone(browser, 390)
    page = context.new_page()
    page.goto(server + "/ke-hoach/dak-cam/")
    summary = page.locator(".plan-summary").inner_text()
    assert "phường Đăk Cấm ban hành ngày 09/10/2025" in summary
    assert summary.count("Quán triệt, triển khai thực hiện đầy đủ, sâu sắc") == 1  # the plan's own words
    assert "nhiệm vụ" in summary and "chỉ tiêu" in summary
    assert "chưa có báo cáo tiến độ nào" in summary  # nothing is published for this plan
    page.goto(server + "/ke-hoach/hai-an/")
    key = page.locator(".key-targets")
    assert "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)" in key.inner_text()
    assert key.locator("a[href$='/huong-dan/vneid/']").count() >= 1  # each target linked to its guide
    assert "chưa phải kết quả" in key.inner_text()  # a target is not a result
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_item_is_one_tap_from_its_folded_group(browser, server, width):
    context = _phone(browser, width)
    page = context.new_page()
    page.goto(server + "/ke-hoach/hai-an/")
    link = page.locator("a", has_text="Tỷ lệ phủ sóng 5G trong khu đô thị trên địa bàn")
    assert not link.is_visible()  # folded as first shown
    page.locator("details.group", has=link).locator("summary").first.click()
    assert link.is_visible()
    page.screenshot(path=str(OUTPUT / f"plan-hai-an-group-open-{width}.png"))
    link.click()
    page.wait_for_url("**/ke-hoach/hai-an/ct-pl2-i-1/")
    context.close()


def test_every_plan_page_weighs_at_most_100_kb_on_first_load(browser, server, portal, capsys):
    totals = {}
    for plan in portal.plans.values():
        context = _phone(browser, 390)  # a fresh context: nothing cached
        page = context.new_page()
        sizes: list[int] = []
        page.on("response", lambda r: sizes.append(len(gzip.compress(r.body(), 6))) if r.status == 200 else None)
        page.goto(f"{server}/{plan.url}")
        page.wait_for_load_state("networkidle")
        context.close()
        totals[plan.id] = sum(sizes) / 1024
    with capsys.disabled():
        print("\nTrang kế hoạch, lần tải đầu (nén gzip): " + ", ".join(f"{k} {v:.1f} KB" for k, v in totals.items()))
    assert max(totals.values()) <= PLAN_BUDGET_KB, totals


# --- The target chart: a promise never looks like a result.

def _svg(ind, actuals=()):
    from generator.charts import svg, target_chart
    from conftest import ROOT
    chart = target_chart(ind, actuals)
    return chart, svg(chart, ROOT / "theme" / "templates")


def _reported(ind, value: str, date):
    from generator.model import Actual
    from generator.targets import parse_target
    return Actual(ind.plan, ind.id, date, value, parse_target(value), "báo cáo thử trong bài kiểm tra", "test.yaml", 1)


def test_targets_are_outlined_marks_and_the_chart_says_when_nothing_is_reported(portal):
    import re
    chart, svg = _svg(portal.indicators["hai-an/ct-pl2-iv-28"])  # VNeID: 70% … 100%, nothing reported
    assert [m.kind for m in chart.marks] == ["target"] * 5
    rects = re.findall(r"<rect [^>]*>", svg)
    marks = [r for r in rects if 'stroke-dasharray' in r and 'y="6"' not in r]
    assert len(marks) == 5 and all('fill="none"' in r for r in marks)  # outlined, not filled bars
    assert "Mục tiêu kế hoạch đặt ra" in svg  # the legend is inside the figure
    assert "Chưa có số liệu thực hiện được công bố" in svg.split("</title>")[1]  # said in the chart area itself
    assert [label for _, label in chart.ticks] == ["0%", "25%", "50%", "75%", "100%"]  # round ticks with the unit
    assert "class=" not in svg and "font-family=\"sans-serif\"" in svg  # legible with no stylesheet


def test_reported_values_are_filled_and_stand_in_time_order_among_the_targets(portal):
    import datetime as dt
    ind = portal.indicators["hai-an/ct-pl2-iv-28"]
    chart, svg = _svg(ind, [_reported(ind, "62%", dt.date(2026, 6, 30))])
    assert [(m.kind, m.label) for m in chart.marks][:3] == [("target", "2025"), ("actual", "6/2026"), ("target", "2030")]
    assert '<rect x="{:.1f}"'.format(chart.actuals[0].x) in svg and 'fill="#2e7d32"' in svg
    assert "Kết quả đã báo cáo" in svg and "Chưa có số liệu" not in svg


def test_axis_ticks_are_round_numbers():
    from generator.charts import round_ticks
    assert round_ticks(92, True) == [0, 25, 50, 75, 100]
    assert round_ticks(46, False) == [0, 20, 40, 60]
    assert round_ticks(1234, False) == [0, 500, 1000, 1500]


# --- 320 px: no table wider than the screen, table text at least 16 px, target tables stacked.

NARROW_PAGES = ["/", "/ke-hoach/", "/ke-hoach/hai-an/", "/ke-hoach/hai-an/nv-1-1/", "/ke-hoach/hai-duong/pc-12/",
                "/ke-hoach/hai-an/ct-pl2-iv-28/", "/ke-hoach/hai-duong/ct-pl1-i-1/", "/don-vi/", "/van-ban/",
                "/van-ban/57-nq-tw/", "/huong-dan/vneid/", "/huong-dan/tu-viet-tat/", "/du-lieu/", "/du-lieu/dinh-dang/",
                "/cap-nhat/"]


def test_no_table_is_wider_than_a_320px_screen_and_table_text_is_16px(browser, server):
    context = _phone(browser, 320)
    page = context.new_page()
    wide, small, checked = [], [], 0
    for path in NARROW_PAGES:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        for right, scroll, client, font in page.evaluate(
                """Array.from(document.querySelectorAll('article table')).filter(t => t.offsetParent !== null).map(t => {
                     const cell = t.querySelector('td') || t.querySelector('th');
                     const box = t.parentElement;
                     return [t.getBoundingClientRect().right, box.scrollWidth, box.clientWidth,
                             parseFloat(getComputedStyle(cell).fontSize)]; })"""):
            checked += 1
            if right > 320 or scroll > client:
                wide.append((path, right, scroll, client))
            if font < 16:
                small.append((path, font))
    context.close()
    assert checked > 15
    assert not wide, wide
    assert not small, small


def test_every_horizon_of_a_target_table_is_on_screen_at_320px(browser, server):
    context = _phone(browser, 320)
    page = context.new_page()
    page.goto(server + "/ke-hoach/hai-an/ct-pl2-i-1/")  # five horizons, 2025 to 2045
    cells = page.locator(".target-table td:first-child")
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    values = page.locator(".target-table td:nth-child(2)")
    value_boxes = [values.nth(i).bounding_box() for i in range(values.count())]
    page.screenshot(path=str(OUTPUT / "target-table-320.png"))
    context.close()
    assert len(boxes) == 5
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= 320 for b in boxes + value_boxes)


# --- Find your place in one tap: the home page's first screen, a locality page, a printable A4 sheet.

@pytest.mark.parametrize("width", WIDTHS)
def test_every_place_with_a_plan_is_on_the_first_screen_of_the_home_page(browser, server, portal, width):
    context = browser.new_context(viewport={"width": width, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    page.goto(server + "/")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUTPUT / f"home-first-screen-{width}.png"))
    picker = page.locator("nav.locality-picker")
    links = picker.locator("a")
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    hrefs = links.evaluate_all("as => as.map(a => new URL(a.href).pathname)")
    groups = picker.locator(".picker-province").all_inner_texts()
    labels = links.all_inner_texts()
    assert len(hrefs) == len({plan.locality for plan in portal.plans.values()})  # every place that has a plan
    assert all(b["y"] + b["height"] <= 844 for b in boxes), boxes  # on the first screen, no scrolling
    assert groups == ["Thành phố Hải Phòng", "Tỉnh Quảng Ngãi"]  # today's province or city
    assert "Tỉnh Hải Dương (cũ)" in labels  # the former name, under the city it is part of today
    links.filter(has_text="Phường Hải An").click()  # one tap
    page.wait_for_url("**/dia-phuong/phuong-hai-an/")
    body = page.locator("article").inner_text()
    assert "Kế hoạch của địa phương" in body and "Đơn vị chịu trách nhiệm" in body and "Hướng dẫn hữu ích" in body
    assert page.locator("article a[href$='/ke-hoach/hai-an/']").count() >= 1
    page.screenshot(path=str(OUTPUT / f"locality-hai-an-{width}.png"))
    context.close()


def test_the_printable_sheet_carries_a_qr_code_of_the_locality_page_drawn_at_build(site_dir):
    import re
    import segno
    from generator.build import site_url
    html = (site_dir / "dia-phuong" / "phuong-hai-an" / "in" / "index.html").read_text(encoding="utf-8")
    address = site_url() + "dia-phuong/phuong-hai-an/"
    expected = segno.make(address, error="m").svg_inline(scale=5, title="Mã QR: " + address)
    path = re.search(r'<path[^>]*d="([^"]+)"', expected).group(1)
    assert path in html  # the same modules: the code encodes exactly that address
    assert address in html  # also printed for those without a QR reader
    assert "@page" in (site_dir / "assets" / "portal.css").read_text(encoding="utf-8")  # A4 print rules


def test_plans_issued_where_the_unit_changed_say_so_with_sources(site_dir):
    hai_duong = (site_dir / "ke-hoach" / "hai-duong" / "index.html").read_text(encoding="utf-8")
    assert "tỉnh Hải Dương và thành phố Hải Phòng được hợp nhất thành thành phố Hải Phòng" in hai_duong
    assert "trước khi sắp xếp" in hai_duong  # issued 20/02/2025, before 1/7/2025
    assert "Nghị quyết 202/2025/" in hai_duong and 'href="https://www.vietnamplus.vn/' in hai_duong
    dak_cam = (site_dir / "ke-hoach" / "dak-cam" / "index.html").read_text(encoding="utf-8")
    assert "tỉnh Kon Tum được sắp xếp vào tỉnh Quảng Ngãi mới" in dak_cam and "gomangden.com" in dak_cam
    assert "trước khi sắp xếp" not in dak_cam  # issued 09/10/2025, after


# --- Honest status words: "quá hạn" only where a report says not done after the deadline.

def test_no_task_without_a_report_is_called_overdue(portal, site_dir):
    import re
    from generator.progress import all_states
    from conftest import AS_OF
    states = all_states(portal, AS_OF)
    unreported = [t for t in portal.tasks.values() if states[t.key].latest is None]
    past = [t for t in unreported if states[t.key].past_due_unreported]
    assert len(past) > 100  # most printed deadlines are behind the as-of date, and nothing is reported yet
    accusing = []
    for task in unreported:
        html = (site_dir / task.url / "index.html").read_text(encoding="utf-8")
        line = re.search(r"<p>Trạng thái:(.*?)</p>", html).group(1)
        if "quá hạn" in line.lower() or "timing-overdue" in html or re.search(r"đã quá \d+ ngày", html):
            accusing.append(task.key)
        if task in past and ", đã qua" not in line:  # the deadline as a neutral fact
            accusing.append(task.key + " (no neutral deadline)")
    assert not accusing, accusing[:10]


def test_plan_unit_and_updates_pages_count_past_deadline_unreported_apart_from_overdue(portal, site_dir):
    plan = (site_dir / "ke-hoach" / "hai-duong" / "index.html").read_text(encoding="utf-8")
    assert "Đã qua hạn, chưa có báo cáo (134)" in plan and "Quá hạn (" not in plan
    uid = max(portal.tasks_by_unit, key=lambda u: sum(t.plan == "hai-duong" for t in portal.tasks_by_unit[u]))
    unit = (site_dir / portal.units[uid].url / "index.html").read_text(encoding="utf-8")
    assert "Đã qua hạn, chưa có báo cáo (" in unit and "Quá hạn (" not in unit
    updates = (site_dir / "cap-nhat" / "index.html").read_text(encoding="utf-8")
    assert "quá hạn theo báo cáo: 0; đã qua hạn, chưa có báo cáo: 134" in updates
    start = updates.index('<h2 id="y-nghia-cac-trang-thai"')
    legend = updates[start:updates.index("<h2", start + 1)]
    assert "evidence" not in legend and "note" not in legend and "đã qua hạn, chưa có báo cáo" in legend


def test_an_unreported_task_reads_as_unknown_on_a_phone(browser, server, portal):
    task = next(t for t in portal.tasks.values() if t.plan == "hai-duong" and t.deadline.text)
    for width in WIDTHS:
        context = _phone(browser, width)
        page = context.new_page()
        page.goto(f"{server}/{task.url}")
        status = page.locator("p", has_text="Trạng thái:").first
        text = status.inner_text()
        colour = status.locator(".status").evaluate("e => getComputedStyle(e).backgroundColor")
        page.screenshot(path=str(OUTPUT / f"task-unreported-{width}.png"))
        context.close()
        assert text.startswith("Trạng thái: Chưa có báo cáo · Hạn:") and text.endswith("đã qua")
        assert "quá" not in text and "ngày" not in text  # no red word, no day count
        assert colour not in ("rgb(255, 205, 210)",)  # not the red of .timing-overdue


# --- "Báo sai sót": one setting, hidden when unset, prefilled when set.

def test_report_a_mistake_link_is_hidden_unless_configured_and_prefilled_when_it_is(portal, site_dir):
    from urllib.parse import parse_qs, urlsplit
    from generator.render import Site
    from conftest import AS_OF, ROOT
    task = portal.tasks["hai-an/nv-1-1"]
    assert "Báo sai sót" not in (site_dir / task.url / "index.html").read_text(encoding="utf-8")  # none configured
    site = Site(portal, ROOT / "sources", AS_OF)
    assert site.mistake_link(task) is None
    site.report_mistake = {"issues": "https://github.com/example/portal/issues/new"}
    link = urlsplit(site.mistake_link(task))
    query = parse_qs(link.query)
    assert link.netloc == "github.com" and query["title"][0].startswith("Báo sai sót: Nhiệm vụ 1.1")
    assert site.absolute(task) in query["body"][0] and "003_09cdf2dd6a89ba5e.txt" in query["body"][0]
    site.report_mistake = {"email": "congkhai@example.gov.vn"}
    assert site.mistake_link(task).startswith("mailto:congkhai@example.gov.vn?subject=")


def test_report_a_mistake_goes_to_the_data_repository_unless_portal_yaml_names_an_address(tmp_path):
    """One repository setting (PORTAL_REPOSITORY) serves the progress form and "Báo sai sót"."""
    from generator.settings import load, report_mistake
    assert report_mistake(load(tmp_path), "") == {}
    assert report_mistake(load(tmp_path), "so-tt/ke-hoach-so") == {"issues": "https://github.com/so-tt/ke-hoach-so/issues/new"}
    (tmp_path / "portal.yaml").write_text("report_mistake:\n  email: congkhai@example.gov.vn\n", encoding="utf-8")
    assert report_mistake(load(tmp_path), "so-tt/ke-hoach-so") == {"email": "congkhai@example.gov.vn"}
