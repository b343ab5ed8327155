"""Reporters download a plan's tables from its page and open them in Excel: UTF-8 with a byte-order
mark, one column per target horizon, unit names beside ids, no empty files."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from generator.tables import BOM, TARGET_PREFIX


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    raw = path.read_bytes()
    assert raw.startswith(BOM.encode("utf-8")), f"{path.name}: no byte-order mark, Excel would garble the Vietnamese"
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def _download_links(site_dir: Path, plan: str) -> list[str]:
    html = (site_dir / "ke-hoach" / plan / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<details class="plan-downloads"[^>]*>(.*?)</details>', html, re.S)
    assert block, f"the {plan} plan page has no downloads block"
    assert "Tải dữ liệu (mở bằng Excel)" in block.group(1)
    return [h for h in re.findall(r'href="([^"]+\.csv)"', block.group(1))]


def test_each_plan_page_links_non_empty_excel_safe_csv_files(portal, site_dir):
    for plan in portal.plans:
        links = _download_links(site_dir, plan)
        assert links, plan
        for href in links:
            path = (site_dir / "ke-hoach" / plan / href).resolve()
            columns, rows = _read_csv(path)
            assert rows, f"{href} is empty"
            assert columns[0] == "id" and len(rows) == len({r["id"] for r in rows})


def test_plan_csv_files_hold_exactly_the_plan_s_items_of_each_kind(portal, site_dir):
    folder = site_dir / "data" / "ke-hoach"
    for plan in portal.plans:
        tasks = portal.plan_tasks(plan)
        expected = {"nhiem-vu": {t.id for t in tasks if t.kind != "assignments"},
                    "phan-cong": {t.id for t in tasks if t.kind == "assignments"},
                    "chi-tieu": {i.id for i in portal.plan_indicators(plan)}}
        for slug, ids in expected.items():
            path = folder / f"{plan}-{slug}.csv"
            if ids:
                assert {r["id"] for r in _read_csv(path)[1]} == ids
            else:
                assert not path.exists(), f"{path.name} would be an empty file"


def test_a_plan_without_indicators_says_so_instead_of_linking_an_empty_file(portal, site_dir):
    without = [p for p in portal.plans if not portal.plan_indicators(p)]
    assert without  # Đắk Cam and the Sở Nội vụ plan print no indicator table
    for plan in without:
        html = (site_dir / "ke-hoach" / plan / "index.html").read_text(encoding="utf-8")
        assert not any("chi-tieu.csv" in h for h in _download_links(site_dir, plan))
        assert re.search(r"Không có tệp cho [^<]*bảng chỉ tiêu", html)


def test_targets_have_one_column_per_horizon_as_printed(site_dir):
    columns, rows = _read_csv(site_dir / "data" / "ke-hoach" / "hai-an-chi-tieu.csv")
    assert [c for c in columns if c.startswith(TARGET_PREFIX)] == [
        "target_2025", "target_2030", "target_2035", "target_2040", "target_2045"]
    row = next(r for r in rows if r["id"] == "ct-pl2-i-1")
    assert (row["target_2025"], row["target_2030"], row["target_2045"]) == ("≥ 60%", "100%", "100%")
    assert not any(v.startswith("{") for r in rows for v in r.values()), "no JSON inside a cell"


def test_portal_wide_csv_states_every_target_exactly_as_the_json(site_dir):
    data = site_dir / "data"
    records = json.loads((data / "indicators.json").read_text(encoding="utf-8"))
    columns, rows = _read_csv(data / "indicators.csv")
    horizons = [c[len(TARGET_PREFIX):] for c in columns if c.startswith(TARGET_PREFIX)]
    assert horizons[:2] == ["2025", "2030"] and "Đến năm 2030" in horizons and "Hằng năm" in horizons
    by_key = {(r["plan"], r["id"]): r for r in rows}
    for rec in records:
        row = by_key[(rec["plan"], rec["id"])]
        assert {h: row[TARGET_PREFIX + h] for h in horizons if row[TARGET_PREFIX + h]} == \
            {h: v for h, v in rec["targets"].items() if v}
        assert (row["source_file"], int(row["source_first_line"]), int(row["source_last_line"])) == \
            (rec["source"]["file"], *rec["source"]["lines"])


def test_responsible_units_are_named_not_only_given_by_id(portal, site_dir):
    _, rows = _read_csv(site_dir / "data" / "ke-hoach" / "hai-an-phan-cong.csv")
    row = next(r for r in rows if r["id"] == "pc-pl3-ii-1")
    task = portal.tasks["hai-an/pc-pl3-ii-1"]
    assert row["lead"].split("; ") == list(task.lead)
    assert row["lead_names"].split("; ") == [portal.units[u].name for u in task.lead]
    assert row["lead_names"].endswith("Trung tâm Phục vụ hành chính công phường Hải An")
    _, plans = _read_csv(site_dir / "data" / "plans.csv")
    assert next(p for p in plans if p["id"] == "hai-an")["issuer_name"] == "UBND phường Hải An"


def test_per_item_csv_files_are_excel_safe_too(portal, site_dir):
    ind = portal.indicators["hai-an/ct-pl2-iv-28"]
    columns, [row] = _read_csv(site_dir / "data" / "ke-hoach" / ind.plan / f"{ind.id}.csv")
    assert row["target_2030"] == "85%" and row["name"] == ind.name


def test_comparison_csv_puts_each_locality_s_targets_side_by_side_as_the_json_states_them(site_dir):
    """comparisons.csv: one row per member indicator, its locality, unit and targets as printed
    (one column per horizon), exactly the targets of comparisons.json; no JSON in any cell."""
    data = site_dir / "data"
    groups = json.loads((data / "comparisons.json").read_text(encoding="utf-8"))
    columns, rows = _read_csv(data / "comparisons.csv")
    assert len(rows) == sum(len(g["members"]) for g in groups)
    by_key = {(r["comparison"], r["plan"], r["indicator"]): r for r in rows}
    for g in groups:
        for m in g["members"]:
            row = by_key[(g["id"], m["plan"], m["indicator"])]
            assert row["comparison_name"] == g["name"] and row["locality"]
            assert {c[len(TARGET_PREFIX):]: v for c, v in row.items() if c.startswith(TARGET_PREFIX) and v} == \
                {h: v for h, v in m["targets"].items() if v}
            assert row["basis_document"] == (g["basis"]["document"] if g["basis"] else "")
    assert not any(cell.startswith(("{", "[{", '["')) for r in rows for cell in r.values())  # "[không đọc được]" is a value


def test_documents_csv_states_the_chain_of_plans(site_dir):
    columns, rows = _read_csv(site_dir / "data" / "documents.csv")
    by_id = {r["id"]: r for r in rows}
    records = json.loads((site_dir / "data" / "documents.json").read_text(encoding="utf-8"))
    for rec in records:
        row = by_id[rec["id"]]
        assert row["symbol"] == rec["symbol"]
        assert row["implements"].split("; ") == rec["implements"] or (row["implements"], rec["implements"]) == ("", [])
        assert row["implemented_by"].split("; ") == rec["implemented_by"] or (row["implemented_by"], rec["implemented_by"]) == ("", [])
    assert any("57-NQ/TW" in r["implements_symbols"] for r in rows)


def _sheets(path: Path) -> dict[str, list[list]]:
    """A workbook as a spreadsheet program reads it: sheet name → rows of cell values."""
    openpyxl = __import__("openpyxl")
    book = openpyxl.load_workbook(path, read_only=True)
    return {name: [list(row) for row in book[name].iter_rows(values_only=True)] for name in book.sheetnames}


def _as_csv_cells(rows: list[list]) -> list[list[str]]:
    return [["" if v is None else str(v) for v in row] for row in rows]


def test_each_plan_page_links_one_excel_workbook_holding_its_csv_tables(portal, site_dir):
    for plan in portal.plans:
        html = (site_dir / "ke-hoach" / plan / "index.html").read_text(encoding="utf-8")
        workbooks = re.findall(r'href="([^"]+\.xlsx)"', html)
        assert len(workbooks) == 1, plan
        sheets = _sheets((site_dir / "ke-hoach" / plan / workbooks[0]).resolve())
        csv_files = _download_links(site_dir, plan)
        assert len(sheets) == len(csv_files)
        for rows, href in zip(sheets.values(), csv_files):
            columns, records = _read_csv((site_dir / "ke-hoach" / plan / href).resolve())
            assert _as_csv_cells(rows) == [columns, *([r[c] for c in columns] for r in records)], href


def test_the_portal_workbook_holds_the_five_portal_tables(site_dir):
    sheets = _sheets(site_dir / "data" / "du-lieu.xlsx")
    assert list(sheets) == ["Kế hoạch", "Nhiệm vụ", "Chỉ tiêu", "So sánh", "Văn bản"]
    for rows, name in zip(sheets.values(), ["plans", "tasks", "indicators", "comparisons", "documents"]):
        columns, records = _read_csv(site_dir / "data" / f"{name}.csv")
        assert _as_csv_cells(rows) == [columns, *([r[c] for c in columns] for r in records)], name
    lines = sheets["Chỉ tiêu"][0].index("source_first_line")
    assert all(isinstance(row[lines], int) for row in sheets["Chỉ tiêu"][1:])  # sortable as numbers


def test_excel_keeps_every_value_as_printed(tmp_path):
    """A cell that looks like a formula, a number or a link stays the text the plan printed."""
    from generator.tables import Table, to_xlsx
    printed = ("=100%", "1.10", "≥ 80", "+5", "https://dichvucong.gov.vn", "[không đọc được]")
    path = tmp_path / "t.xlsx"
    path.write_bytes(to_xlsx([("Chỉ tiêu", Table(("id", *(f"c{i}" for i in range(len(printed)))), (("a", *printed),)))]))
    book = __import__("openpyxl").load_workbook(path)
    cells = list(book["Chỉ tiêu"].iter_rows(min_row=2))[0][1:]
    assert [c.value for c in cells] == list(printed) and {c.data_type for c in cells} == {"s"}


def test_a_workbook_whose_tables_did_not_change_keeps_its_bytes():
    from generator.tables import Table, to_xlsx
    sheets = [("Nhiệm vụ", Table(("id", "text"), (("nv-1", "Triển khai"),)))]
    assert to_xlsx(sheets) == to_xlsx(sheets)
