"""Citizen guides: published, tied both ways to plan items, sourced, and free of unconfirmed claims."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.content import load_glossary, split_front_matter
from generator.text import fold

ROOT = Path(__file__).resolve().parent.parent
GUIDES = sorted((ROOT / "content" / "guides").glob("*.md"))
FACT_SHEET = (ROOT / "docs" / "reference" / "citizen-facts.md").read_text(encoding="utf-8")
FACTS = yaml.safe_load((ROOT / "content" / "guides" / "facts.yaml").read_text(encoding="utf-8"))
EXPECTED = {"binh-dan-hoc-vu-so", "vneid", "dich-vu-cong-truc-tuyen", "chu-ky-so", "thanh-toan-khong-dung-tien-mat",
            "an-toan-tren-mang", "to-cong-nghe-so-cong-dong", "chinh-quyen-dia-phuong-hai-cap", "tu-viet-tat"}
UPPER = "A-ZĐÂĂÊÔƠƯ"
ACCENTED = re.compile("[ÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]")


def _guide(path: Path) -> tuple[dict, str]:
    return split_front_matter(path.read_text(encoding="utf-8"), path.name)


def test_the_nine_guides_exist_with_sources_and_a_checked_date():
    assert {p.stem for p in GUIDES} == EXPECTED
    for path in GUIDES:
        meta, body = _guide(path)
        assert meta["title"] and meta["description"] and meta["topic"], path.name
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta["checked"])), path.name
        assert "## Nguồn" in body, f"{path.name} has no Nguồn list"
        assert "kiểm tra lần cuối" in body, f"{path.name} does not say when it was last checked"


def test_every_fact_a_guide_relies_on_is_in_the_fact_sheet():
    assert set(FACTS["facts"]) <= EXPECTED
    for guide, facts in FACTS["facts"].items():
        assert facts, guide
        for fact in facts:
            src = fact["source"]
            plan_ref = re.fullmatch(r"(00[0-4])(?:_[0-9a-f]+\.txt)?:\d+(?:-\d+)?", src)
            assert plan_ref or src in FACT_SHEET, f"{guide}: source {src} is not in the fact sheet"


def test_no_guide_states_an_unconfirmed_detail():
    bodies = {p.stem: fold(_guide(p)[1]) for p in GUIDES}
    assert len(FACTS["unconfirmed"]) >= 10
    for entry in FACTS["unconfirmed"]:
        for phrase in entry["phrases"]:
            for slug, body in bodies.items():
                assert fold(phrase) not in body, f"{slug} states an unconfirmed detail: {entry['item']} ({phrase})"


def test_every_abbreviation_used_in_the_plans_is_in_the_glossary(portal):
    terms = {t.abbr for t in load_glossary(ROOT / "content")}
    pattern = re.compile(rf"(?<!\w)([{UPPER}][{UPPER}0-9&]+)(?!\w)")
    texts = [t.text for t in portal.tasks.values()] + [i.name for i in portal.indicators.values()]
    texts += [c.text or "" for t in portal.tasks.values() for c in (t.output, t.deadline)]
    texts += [p.title for p in portal.plans.values()]
    missing = set()
    for text in texts:
        for abbr in pattern.findall(text):
            # Roman numerals are numbers; all-caps words with tone marks are headings, not abbreviations.
            if not re.fullmatch(r"[IVXL]+", abbr) and not ACCENTED.search(abbr) and abbr not in terms:
                missing.add(abbr)
    assert not missing, sorted(missing)


def test_each_guide_links_to_plan_items_and_they_link_back(portal, site_dir):
    for path in GUIDES:
        if path.stem == "tu-viet-tat":
            continue  # the glossary explains words, it is tied to no target
        html = (site_dir / "huong-dan" / path.stem / "index.html").read_text(encoding="utf-8")
        items = re.findall(r'href="\.\./\.\./ke-hoach/([a-z0-9-]+)/([a-z0-9-]+)/"', html)
        assert items, f"{path.stem} links to no plan item"
        plan, item = items[0]
        back = (site_dir / "ke-hoach" / plan / item / "index.html").read_text(encoding="utf-8")
        assert f"huong-dan/{path.stem}/" in back, f"{plan}/{item} does not link back to {path.stem}"


def test_vneid_guide_lists_the_vneid_targets_of_every_plan_with_values(portal, site_dir):
    html = (site_dir / "huong-dan" / "vneid" / "index.html").read_text(encoding="utf-8")
    vneid = [i for i in portal.indicators.values() if "vneid" in i.topics]
    assert vneid
    for ind in vneid:
        assert f"ke-hoach/{ind.plan}/{ind.id}/" in html
    assert "85%" in html  # Hải An: 85% of residents with a VNeID account by 2030


def test_abbreviations_are_explained_on_plan_pages(site_dir):
    html = (site_dir / "ke-hoach" / "hai-an" / "nv-1-1" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]*đổi mới sáng tạo[^"]*">ĐMST</abbr>', html)


def test_an_abbreviation_is_explained_where_a_reader_first_meets_it_then_only_named(site_dir):
    html = (site_dir / "ke-hoach" / "hai-an" / "nv-4-5" / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r'<abbr title="([^"]*)">CĐS</abbr>', html)
    assert len(titles) >= 2
    assert titles[0].startswith("chuyển đổi số: ") and len(titles[0]) > 40  # name and plain explanation
    assert set(titles[1:]) == {"chuyển đổi số"}
