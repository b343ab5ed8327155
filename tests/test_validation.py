"""Bad data stops the build with a message naming file, line and field — Vietnamese first, English field name."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import Problem, ValidationFailed
from generator.validate import load_portal

FIXTURE = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "repo")
    return tmp_path / "repo"


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(repo: Path) -> list[Problem]:
    with pytest.raises(ValidationFailed) as caught:
        load_portal(repo / "plans", repo / "sources", repo)
    return caught.value.problems


def line_of(repo: Path, rel: str, needle: str) -> int:
    lines = (repo / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_the_fixture_itself_is_valid(repo):
    portal = load_portal(repo / "plans", repo / "sources", repo)
    assert set(portal.plans) == {"mini"}
    assert len(portal.tasks) == 2 and len(portal.indicators) == 2
    assert portal.indicators["mini/ct-pl-2"].target("2030").parsed.kind == "range"


def test_malformed_yaml_names_file_and_line(repo):
    edit(repo, "plans/mini/tasks.yaml", 'number: "1.2"', 'number: "1.2\n            bad: [')
    [p] = problems(repo)
    assert p.file == "plans/mini/tasks.yaml"
    assert p.line >= line_of(repo, "plans/mini/tasks.yaml", 'number: "1.2')
    assert "sai cú pháp" in p.message_vi and "malformed YAML" in p.message_en


def test_unknown_field_is_refused(repo):
    edit(repo, "plans/mini/tasks.yaml", "            deadline: \"Thường xuyên\"", "            deadline: \"Thường xuyên\"\n            dealine: \"x\"")
    [p] = problems(repo)
    assert (p.file, p.field) == ("plans/mini/tasks.yaml", "dealine")
    assert p.line == line_of(repo, "plans/mini/tasks.yaml", "dealine")
    assert "không được hỗ trợ" in p.message_vi and "unknown field" in p.message_en


def test_missing_required_field(repo):
    edit(repo, "plans/mini/indicators.yaml", '            name: "Tỷ lệ hồ sơ trực tuyến"\n', "")
    [p] = problems(repo)
    assert (p.file, p.field) == ("plans/mini/indicators.yaml", "name")
    assert p.line == line_of(repo, "plans/mini/indicators.yaml", "id: ct-pl-2")
    assert "thiếu trường bắt buộc" in p.message_vi


def test_duplicate_item_id(repo):
    edit(repo, "plans/mini/tasks.yaml", "id: nv-1-2", "id: nv-1-1")
    [p] = problems(repo)
    assert p.field == "id" and p.line == line_of(repo, "plans/mini/tasks.yaml", "number: \"1.2\"") - 1
    assert "bị trùng" in p.message_vi and "duplicate id" in p.message_en


def test_task_and_indicator_ids_share_one_url_space(repo):
    edit(repo, "plans/mini/indicators.yaml", "id: ct-pl-1", "id: nv-1-1")
    [p] = problems(repo)
    assert p.file == "plans/mini/indicators.yaml" and "bị trùng" in p.message_vi


def test_duplicate_unit_id_across_files(repo):
    (repo / "plans/mini/units-extra.yaml").write_text(
        'units:\n  - id: mini-van-phong\n    name: "Văn phòng khác"\n', encoding="utf-8")
    [p] = problems(repo)
    files = {"plans/mini/units-extra.yaml", "plans/mini/units.yaml"}
    assert p.file in files and p.field == "id"
    assert p.line == line_of(repo, p.file, "id: mini-van-phong")
    assert (files - {p.file}).pop() in p.message_vi  # names where the first copy is


def test_reference_to_unknown_unit(repo):
    edit(repo, "plans/mini/tasks.yaml", "lead: [mini-cong-an-phuong]", "lead: [mini-cong-an]")
    [p] = problems(repo)
    assert (p.file, p.field) == ("plans/mini/tasks.yaml", "lead")
    assert p.line == line_of(repo, "plans/mini/tasks.yaml", "lead: [mini-cong-an]")
    assert "mini-cong-an" in p.message_vi and "unknown unit" in p.message_en


def test_reference_to_unknown_document(repo):
    edit(repo, "plans/mini/plan.yaml", "document: 57-nq-tw", "document: 58-nq-tw")
    [p] = problems(repo)
    assert (p.file, p.field) == ("plans/mini/plan.yaml", "document") and "58-nq-tw" in p.message_vi


@pytest.mark.parametrize("bad", ["8O%", "270%", "2 8O", "90-80%"])
def test_target_that_is_not_a_recognised_form(repo, bad):
    edit(repo, "plans/mini/indicators.yaml", '"2030": "100%"', f'"2030": "{bad}"')
    [p] = problems(repo)
    assert (p.file, p.field) == ("plans/mini/indicators.yaml", "targets.2030")
    assert p.line == line_of(repo, "plans/mini/indicators.yaml", bad)
    assert "target is not a recognised form" in p.message_en


def test_target_for_an_undeclared_horizon(repo):
    edit(repo, "plans/mini/indicators.yaml", '"2030": "100%"', '"2035": "100%"')
    [p] = problems(repo)
    assert p.field == "targets.2035" and "horizons" in p.message_vi


def test_html_or_script_in_text_is_refused(repo):
    edit(repo, "plans/mini/tasks.yaml", "Tuyên truyền về chuyển đổi số", "Tuyên truyền <script>alert(1)</script>")
    [p] = problems(repo)
    assert (p.file, p.field) == ("plans/mini/tasks.yaml", "text") and "HTML" in p.message_vi


def test_impossible_line_range(repo):
    edit(repo, "plans/mini/tasks.yaml", "lines: [5, 5]", "lines: [5, 4]")
    [p] = problems(repo)
    assert p.field == "lines" and "dòng đầu ≤ dòng cuối" in p.message_vi


def test_line_range_past_the_end_of_the_source(repo):
    edit(repo, "plans/mini/tasks.yaml", "lines: [5, 5]", "lines: [5, 500]")
    [p] = problems(repo)
    assert p.field == "lines" and "vượt quá độ dài" in p.message_vi


def test_unreadable_cell_must_not_carry_a_value(repo):
    edit(repo, "plans/mini/indicators.yaml", '"2025": "50%"', '"2025": {unreadable: true, text: "50%"}')
    [p] = problems(repo)
    assert p.field == "targets.2025" and "không đọc được" in p.message_vi


def test_value_read_from_context_must_say_where(repo):
    edit(repo, "plans/mini/indicators.yaml", '"2025": "50%"', '"2025": {text: "≥ 50%", ocr: "250%", from_context: "thân văn bản"}')
    [p] = problems(repo)
    assert p.field == "targets.2025.context_lines"


def test_all_problems_are_reported_together(repo):
    edit(repo, "plans/mini/tasks.yaml", "lead: [mini-cong-an-phuong]", "lead: [khong-co]")
    edit(repo, "plans/mini/indicators.yaml", '"2030": "100%"', '"2030": "8O%"')
    assert len(problems(repo)) == 2


def test_problem_text_is_vietnamese_first_with_english_field(repo):
    edit(repo, "plans/mini/tasks.yaml", "lead: [mini-cong-an-phuong]", "lead: [khong-co]")
    [p] = problems(repo)
    text = str(p)
    assert text.startswith("plans/mini/tasks.yaml:")
    assert "trường `lead`:" in text and text.index("không có đơn vị") < text.index("[unknown unit")
