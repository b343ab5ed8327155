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
