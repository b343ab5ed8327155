"""Every published item stands at its cited lines of the source scan (diacritics folded, OCR-tolerant)."""
from __future__ import annotations

from dataclasses import replace

from conftest import OUTPUT, ROOT
from generator.faithfulness import THRESHOLD, SourceText, check_item, check_portal, coverage


def test_every_item_matches_its_cited_source_lines(portal, paths, capsys):
    report = check_portal(portal, paths.sources)
    lines, failures = [], []
    for plan_id, findings in sorted(report.items()):
        low = [f for f in findings if f.score < THRESHOLD]
        items = {f.key for f in findings}
        lines.append(f"{plan_id}: {len(items)} mục, {len(findings)} kiểm tra, {len(low)} dưới ngưỡng {THRESHOLD}")
        failures += [f"{f.key} {f.field} {f.score:.2f} thiếu {list(f.missing)[:8]} ở {f.source.file}:{f.source.first}-{f.source.last}"
                     for f in low]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "faithfulness.txt").write_text("\n".join(lines + failures) + "\n", encoding="utf-8")
    with capsys.disabled():
        print("\nĐối chiếu bản quét (faithfulness): " + "; ".join(lines))
    assert not failures, "\n".join(failures[:30])


def test_a_wrong_line_reference_fails(portal, paths):
    sources = SourceText(paths.sources)
    task = portal.tasks["hai-an/nv-1-2"]
    elsewhere = portal.tasks["hai-an/nv-5-9"].source
    assert check_item(task, sources)[0].score >= THRESHOLD
    assert check_item(replace(task, source=elsewhere), sources)[0].score < THRESHOLD


def test_a_target_number_missing_from_the_source_fails(portal, paths):
    sources = SourceText(paths.sources)
    ind = portal.indicators["hai-an/ct-pl2-i-1"]
    wrong = replace(ind.targets[0], cell=replace(ind.targets[0].cell, text="≥ 65%"))
    findings = check_item(replace(ind, targets=(wrong, *ind.targets[1:])), sources)
    assert [f.field for f in findings if f.score < THRESHOLD] == ["targets.2025"]


def test_folding_makes_restored_text_match_diacritic_less_ocr():
    score, missing = coverage("Kế hoạch thực hiện Nghị quyết đặc khu Cát Hải",
                              "Ké hoach thuc hién Nghi quyét dic khu Cat Hai")
    assert score >= THRESHOLD, missing


# Rows counted by hand in each source scan, table by table (two independent readings agreed).
SOURCE_COUNTS = {
    "hai-an": {"tasks": 47, "implementation": 4, "assignments": 13, "indicators": {"pl1": 15, "pl2": 31}},
    "cat-hai": {"tasks": 52, "implementation": 19, "assignments": 13, "indicators": {"muc-tieu": 1, "pl1": 23, "pl2": 34}},
    "hai-duong": {"tasks": 89, "implementation": 7, "assignments": 81, "indicators": {"chi-tieu": 32, "pl1": 43}},
    "dak-cam": {"tasks": 54, "implementation": 30, "assignments": 0, "indicators": {}},
    "so-noi-vu-hai-phong": {"tasks": 33, "implementation": 3, "assignments": 0, "indicators": {}},
}


def test_every_plan_has_its_hand_counted_rows():
    """A new plan in plans/ needs its rows counted by hand in the scan (docs/them-ke-hoach.md)."""
    folders = {p.name for p in (ROOT / "plans").iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert set(SOURCE_COUNTS) == folders


def test_counts_equal_the_source(portal):
    for plan, expected in SOURCE_COUNTS.items():
        for kind in ("tasks", "implementation", "assignments"):
            assert len(portal.plan_tasks(plan, kind)) == expected[kind], (plan, kind)
        tables = {}
        for ind in portal.plan_indicators(plan):
            tables[ind.table] = tables.get(ind.table, 0) + 1
        assert tables == expected["indicators"], plan


def test_missing_attachments_are_recorded(portal):
    assert [m.text[:40] for m in portal.plans["dak-cam"].missing_attachments]
    assert len(portal.plans["so-noi-vu-hai-phong"].missing_attachments) == 4
