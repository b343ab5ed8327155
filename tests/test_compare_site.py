"""Comparison pages, the chain of plans and their open data, as a journalist meets them in the built site."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.model import Target
from generator.differences import difference, scan_confusable, verdict
from generator.targets import parse_target
from generator.model import Cell


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_data(self, data):
        self.text.append(data)


def page(site_dir: Path, url: str) -> _Links:
    parser = _Links()
    parser.feed((site_dir / url / "index.html").read_text(encoding="utf-8"))
    return parser


def resolves_to(site_dir: Path, from_url: str, href: str) -> str:
    """The site path a relative link on page `from_url` points to, without its fragment."""
    target = (site_dir / from_url / href.split("#")[0]).resolve()
    return str(target.relative_to(site_dir.resolve())).rstrip("/") + "/"


def data(site_dir: Path, name: str):
    return json.loads((site_dir / "data" / name).read_text(encoding="utf-8"))


def test_every_member_targets_match_indicators_json_and_pages_link_both_ways(portal, site_dir):
    indicators = {(i["plan"], i["id"]): i for i in data(site_dir, "indicators.json")}
    groups = data(site_dir, "comparisons.json")
    assert len(groups) == len(portal.comparisons) >= 30
    for g in groups:
        assert g["url"] == f"so-sanh/{g['id']}/"
        compare_page = page(site_dir, g["url"])
        linked = {resolves_to(site_dir, g["url"], h) for h in compare_page.hrefs if h and not h.startswith(("#", "http"))}
        for m in g["members"]:
            ind = indicators[(m["plan"], m["indicator"])]
            assert m["targets"] == ind["targets"] and m["url"] == ind["url"]
            assert ind["url"] in linked, (g["id"], ind["url"])  # comparison page → indicator page
            back = page(site_dir, ind["url"])
            assert "So sánh với các địa phương khác" in "".join(back.text)
            assert g["url"] in {resolves_to(site_dir, ind["url"], h) for h in back.hrefs if h and not h.startswith(("#", "http"))}


def test_the_142_kh_ubnd_page_lists_the_plans_and_documents_that_implement_it(portal, site_dir):
    text = "".join(page(site_dir, "van-ban/142-kh-ubnd-hai-phong").text)
    implementing = [p for p in portal.plans.values() if any(r.document == "142-kh-ubnd-hai-phong" for r in p.implements)]
    assert [p.id for p in implementing] == ["hai-an"]
    for plan in implementing:
        assert plan.title[:60] in text
    assert "57-NQ/TW" in text  # upward: 142/KH-UBND carries out 57-NQ/TW


def test_the_57_nq_tw_page_lists_what_implements_it_downward(site_dir):
    text = "".join(page(site_dir, "van-ban/57-nq-tw").text)
    for symbol in ("03/NQ-CP", "71/NQ-CP", "12-KH/TU", "142/KH-UBND"):
        assert symbol in text
    city = "".join(page(site_dir, "van-ban/238-kh-ubnd-hai-phong").text)
    assert "12-KH/TU" in city and "Cát Hải" in city  # its parent upward, the special zone's plan downward


def test_a_plan_page_shows_its_chain_up_to_57_nq_tw(portal, site_dir):
    for plan in portal.plans.values():
        html = (site_dir / plan.url / "index.html").read_text(encoding="utf-8")
        chain = html.split('id="chuoi-van-ban"', 1)[1].split("</ul>", 1)[0]
        tops = [item.rsplit('<a href="', 1)[1].split('"', 1)[0].rstrip("/").rsplit("/", 1)[1] for item in chain.split("<li class=\"chain\">")[1:]]
        assert "57-nq-tw" in tops, plan.id
        # Every chain goes up until a document that implements nothing on the portal (57-NQ/TW, or a law
        # such as 193/2025/QH15 whose title names no document it carries out).
        assert all(not portal.documents[top].implements for top in tops), (plan.id, tops)


def test_documents_export_carries_the_chain_both_ways(site_dir):
    docs = {d["id"]: d for d in data(site_dir, "documents.json")}
    assert docs["238-kh-ubnd-hai-phong"]["implements"] == ["12-kh-tu-hai-phong"]
    assert "238-kh-ubnd-hai-phong" in docs["12-kh-tu-hai-phong"]["implemented_by"]
    assert {"hai-an", "cat-hai", "dak-cam"} <= set(docs["57-nq-tw"]["implemented_by"])
    assert docs["142-kh-ubnd-hai-phong"]["url"] == "van-ban/142-kh-ubnd-hai-phong/"
    package = data(site_dir, "datapackage.json")
    assert {"comparisons", "documents"} <= {r["name"] for r in package["resources"]}


def test_a_comparator_only_difference_is_flagged_as_possible_scan_noise(site_dir):
    # Hải An's clean scan prints "≥ 60%" for 5G coverage in 2025, Cát Hải's OCR "> 60%".
    html = (site_dir / "so-sanh" / "phu-song-5g-dia-ban" / "index.html").read_text(encoding="utf-8")
    assert "Khác dấu so sánh, có thể do bản quét" in html and "có thể chỉ do bản quét" in html
    assert "#L851" in html and "#L656" in html  # both source lines linked
    assert "≥ 60%" in html and "&gt; 60%" in html  # printed values kept as printed


def _t(text: str | None, unreadable: bool = False) -> Target:
    return Target("2030", Cell(text, unreadable), parse_target(text) if text else None)


@pytest.mark.parametrize("a, b, kind", [
    ("≥ 30", "Từ 30% GRDP trở lên", "wording"),
    ("100", "100%", "wording"),
    ("≥ 80", "100%", "value"),
    ("≥ 60%", "> 60%", "comparator"),
    ("30%", "40%", "value"),
    ("Toàn tỉnh", "99", "value"),
    ("100%", "100%", "same"),
])
def test_differences_tell_wording_from_a_real_conflict(a, b, kind):
    assert difference(_t(a), _t(b)) == kind


def test_unreadable_cells_are_not_compared_and_scan_noise_needs_the_ocr_comparators():
    assert difference(_t("≥ 80"), _t(None, unreadable=True)) == "unknown"
    assert scan_confusable(_t("≥ 60%"), _t("> 60%")) and scan_confusable(_t("≥ 60%"), _t("= 60%"))
    assert not scan_confusable(_t("≤ 60%"), _t("< 60%"))
    v = verdict([_t("≥ 60%"), _t("> 60%"), _t("≥ 60%")])
    assert (v.kind, v.scan) == ("comparator", True)
    assert verdict([_t("≥ 60%"), _t("> 60%"), _t("70%")]).kind == "value"


def test_same_as_boxes_keep_red_for_a_real_conflict_and_a_quiet_note_for_wording(portal, site_dir):
    # Online public services, 2030: the body says 100%, the appendix "≥ 80" — a real conflict.
    html = (site_dir / "ke-hoach" / "hai-duong" / "ct-pl1-7-1" / "index.html").read_text(encoding="utf-8")
    assert "admonition danger" in html and "Kế hoạch ghi khác nhau về chỉ tiêu này" in html
    # The digital economy, 2030: the appendix prints "> 30", the body "từ 30% GRDP trở lên": same number,
    # another comparator, so still a difference, named as such, with the body's wording beside it.
    html = (site_dir / "ke-hoach" / "hai-duong" / "ct-pl1-6" / "index.html").read_text(encoding="utf-8")
    assert "&gt; 30" in html and "cùng con số, khác dấu so sánh" in html and "Từ 30% " in html and "trở lên" in html
    wording = [(i.key, o.key) for i in portal.indicators.values() if i.same_as
               for o in [portal.indicators[f"{i.plan}/{i.same_as}"]]
               for t in i.targets if o.target(t.horizon) and t.cell.text != o.target(t.horizon).cell.text
               and difference(t, o.target(t.horizon)) == "wording"]
    for key, other in wording:
        page_html = (site_dir / portal.indicators[key].url / "index.html").read_text(encoding="utf-8")
        assert "cùng mục tiêu, cách ghi khác" in page_html, key


def test_the_issue_13_data_findings_are_applied(portal):
    ind = portal.indicators
    assert "công chức đặc khu được bồi dưỡng" in ind["cat-hai/ct-pl2-7"].name
    legible = {"cat-hai/ct-pl2-17": {"2030", "2035", "2040"}, "cat-hai/ct-pl2-18": {"2030"}, "cat-hai/ct-pl2-19": {"2040"}}
    for key, horizons in legible.items():
        for t in ind[key].targets:
            if t.horizon in horizons:
                assert t.cell.text and not t.cell.unreadable and "2025–2040 hay 2030–2045" in t.cell.from_context, (key, t)
            else:
                assert t.cell.unreadable, (key, t.horizon)
    assert ind["hai-duong/ct-pl1-6"].target("2030").cell.text == "> 30" and "trở lên" in ind["hai-duong/ct-pl1-6"].note
    assert ind["hai-duong/ct-pl1-ii-1"].target("2045").cell.text == "> 50" and "trở lên" in ind["hai-duong/ct-pl1-ii-1"].note
    output = portal.tasks["hai-duong/pc-9"].output
    assert output.text.endswith("sản phẩm cụ thể") and not output.unreadable


def test_the_index_lists_each_group_once_on_its_own_line_by_topic(portal, site_dir):
    html = (site_dir / "so-sanh" / "index.html").read_text(encoding="utf-8")
    items = [i for i in html.split("<li>")[1:] if 'href="' in i]
    groups = [i for i in items if "chỉ tiêu:" in i]
    assert len(groups) == len(portal.comparisons)
    assert all(i.count("chỉ tiêu:") == 1 for i in groups)  # a line ending in a Jinja tag once glued entries
