"""Journalists and open data: permanent links, redirects, citations, downloads, calendars, sitemap."""
from __future__ import annotations

import datetime as dt
from html import unescape
import functools
import http.server
import json
import re
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from generator.build import Paths, build, fold_ics, generate, produced_urls
from generator.errors import ValidationFailed
from generator.permalinks import read_lock, write_lock, load_redirects

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "mini"
AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def mini(tmp_path: Path) -> Paths:
    """The mini fixture as a whole repository: its plans with the portal's content, theme and config."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    for name in ("content", "theme", "generator"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return Paths(root)


def test_urls_derive_from_ids_so_renaming_an_indicator_keeps_its_url(mini):
    generate(mini, AS_OF)
    before = produced_urls(mini)
    ind = mini.plans / "mini" / "indicators.yaml"
    ind.write_text(ind.read_text(encoding="utf-8").replace("Tỷ lệ người dân có tài khoản VNeID", "Tỷ lệ dân có VNeID"),
                   encoding="utf-8")
    generate(mini, AS_OF)
    assert produced_urls(mini) == before
    assert "ke-hoach/mini/ct-pl-1/" in before


def test_removing_a_published_item_without_a_redirect_fails_the_build(mini):
    generate(mini, AS_OF)
    write_lock(mini.root, produced_urls(mini), [])
    tasks = mini.plans / "mini" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text[: text.index("          - id: nv-1-2")], encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        generate(mini, AS_OF)
    [p] = caught.value.problems
    assert p.file == "urls.lock" and p.line == (mini.root / "urls.lock").read_text(encoding="utf-8").splitlines().index("/ke-hoach/mini/nv-1-2/") + 1
    assert "'/ke-hoach/mini/nv-1-2/' không còn trang nào" in p.message_vi and "redirects.yaml" in p.message_vi


def test_a_declared_redirect_works_in_the_browser(mini, browser):
    generate(mini, AS_OF)
    write_lock(mini.root, produced_urls(mini), [])
    tasks = mini.plans / "mini" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text[: text.index("          - id: nv-1-2")], encoding="utf-8")
    (mini.plans / "_shared" / "redirects.yaml").write_text(
        "redirects:\n  - from: ke-hoach/mini/nv-1-2/\n    to: ke-hoach/mini/nv-1-1/\n    note: Gộp nhiệm vụ.\n", encoding="utf-8")
    build(mini, AS_OF)
    page = (mini.site / "ke-hoach" / "mini" / "nv-1-2" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' in page and "ke-hoach/mini/nv-1-1/" in page
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
        type("Q", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}), directory=str(mini.site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/ke-hoach/mini/nv-1-2/")
        page.wait_for_url("**/ke-hoach/mini/nv-1-1/")
        assert "Tuyên truyền về chuyển đổi số" in page.inner_text("h1")
        page.close()
    finally:
        httpd.shutdown()


def test_the_committed_lock_file_lists_every_url_of_the_five_plans(portal, paths):
    locked = set(read_lock(ROOT))
    missing = produced_urls(paths) - locked
    assert not missing, f"run `make lock` and commit urls.lock; missing: {sorted(missing)[:10]}"
    for plan in portal.plans:
        assert f"ke-hoach/{plan}/" in locked


def test_datapackage_validates_with_frictionless(site_dir):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(site_dir / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((site_dir / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    with zipfile.ZipFile(site_dir / "data" / "du-lieu-mo.zip") as z:
        assert {"plans.csv", "tasks.csv", "indicators.csv", "datapackage.json", "schema.json"} <= set(z.namelist())
        # A bulk download that is smaller than its parts (it was once stored uncompressed).
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist())
        assert (site_dir / "data" / "du-lieu-mo.zip").stat().st_size < sum(i.file_size for i in z.infolist()) / 3
        assert json.loads(z.read("tasks.json")) == json.loads((site_dir / "data" / "tasks.json").read_text(encoding="utf-8"))


def test_every_item_has_json_and_csv_downloads(portal, site_dir):
    for item in [*portal.tasks.values(), *portal.indicators.values()]:
        record = json.loads((site_dir / "data" / "ke-hoach" / item.plan / f"{item.id}.json").read_text(encoding="utf-8"))
        assert record["id"] == item.id and record["url"] == item.url
        assert (site_dir / "data" / "ke-hoach" / item.plan / f"{item.id}.csv").stat().st_size > 0


def test_ical_feed_parses_with_one_event_per_dated_deadline(portal, site_dir):
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical((site_dir / "data" / "lich" / "tat-ca.ics").read_bytes())
    events = cal.walk("VEVENT")
    dated = [t for t in portal.tasks.values() if t.deadline_date]
    assert len(events) == len(dated) > 50
    by_uid = {str(e["UID"]): e for e in events}
    task = portal.tasks["hai-an/pc-pl3-ii-1"]
    event = by_uid["hai-an-pc-pl3-ii-1@ke-hoach-so"]
    assert event.decoded("DTSTART") == task.deadline_date
    assert str(event["DESCRIPTION"]).startswith(task.text[:60])
    hai_an = icalendar.Calendar.from_ical((site_dir / "data" / "lich" / "hai-an.ics").read_bytes())
    assert len(hai_an.walk("VEVENT")) == len([t for t in dated if t.plan == "hai-an"])


def test_citation_box_of_a_known_indicator(site_dir):
    html = (site_dir / "ke-hoach" / "hai-an" / "ct-pl2-iv-28" / "index.html").read_text(encoding="utf-8")
    cite = re.search(r'<p class="cite-text" id="cite-vi">(.*?)</p>', html, re.S).group(1)
    assert cite.startswith("UBND phường Hải An, Kế hoạch (không ghi số, ký hiệu trong bản gốc), không ghi ngày ban hành, "
                           "Kế hoạch thực hiện Nghị quyết 57-NQ/TW")
    assert ("Phụ lục 2: Các chỉ tiêu theo dõi đánh giá theo giai đoạn 05 năm, chỉ tiêu 28: "
            "“Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)”. Truy cập tại ") in cite
    assert cite.endswith("ke-hoach/hai-an/ct-pl2-iv-28/, ngày 25/11/2026.")
    bib = re.search(r'<pre id="cite-bib">(.*?)</pre>', html, re.S).group(1)
    assert bib.startswith("@misc{hai_an_ct_pl2_iv_28,\n  author = {{UBND phường Hải An}},")
    csl = json.loads(unescape(re.search(r'<pre id="cite-csl">(.*?)</pre>', html, re.S).group(1)))
    assert csl["type"] == "document" and csl["URL"].endswith("ke-hoach/hai-an/ct-pl2-iv-28/") and "issued" not in csl



def test_a_long_task_is_quoted_to_a_whole_word_in_its_citation(site_dir):
    html = (site_dir / "ke-hoach" / "hai-an" / "nv-4-5" / "index.html").read_text(encoding="utf-8")
    csl = json.loads(unescape(re.search(r'<pre id="cite-csl">(.*?)</pre>', html, re.S).group(1)))
    # The task is 171 characters; the quote stops at the last whole word within 160.
    assert csl["title"] == ("Tuyên truyền, vận động, giới thiệu lực lượng trẻ có năng lực, đam mê công nghệ tham gia các "
                            "chương trình đào tạo, bồi dưỡng, hỗ trợ khởi nghiệp, CĐS do thành…")

def test_share_meta_states_the_target(site_dir):
    html = (site_dir / "ke-hoach" / "hai-an" / "ct-pl2-iv-28" / "index.html").read_text(encoding="utf-8")
    desc = re.search(r'<meta property="og:description" content="([^"]*)"', html).group(1)
    assert desc == ("Tỷ lệ người dân có tài khoản định danh điện tử (VNeID): 70% năm 2025, 85% năm 2030, 95% năm 2035, "
                    "100% năm 2040, 100% năm 2045 — UBND phường Hải An")
    assert 'id="muc-tieu-2030"' in html and 'data-copy-anchor="muc-tieu-2030"' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html  # the share image (tests/test_share.py)


def test_embed_view_has_the_targets_without_site_chrome(site_dir):
    html = (site_dir / "nhung" / "hai-an" / "ct-pl2-iv-28.html").read_text(encoding="utf-8")
    assert "<td>2030</td><td>85%</td>" in html and "md-header" not in html and "<svg" in html


def test_sitemap_lists_every_page(site_dir):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    listed = {re.sub(r"^https?://[^/]+/", "", u) for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    pages = {str(p.parent.relative_to(site_dir)) + "/" for p in site_dir.rglob("index.html")}
    pages = {"" if p == "./" else p for p in pages}
    assert pages - listed == set()


def test_calendar_lines_fold_at_75_octets_and_unfold_to_the_original():
    line = "SUMMARY:" + "Chuyển đổi số toàn diện hoạt động của cơ quan, đơn vị; " * 5
    folded = fold_ics(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert fold_ics("SUMMARY:ngắn") == "SUMMARY:ngắn"
