"""Comparison groups (plans/_shared/comparisons.yaml): what the curated file must satisfy, and the
Vietnamese errors and warnings staff get when it does not."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.comparisons import COUNTERPART_SIMILARITY, counterparts
from generator.errors import Problem, ValidationFailed
from generator.validate import load_portal

ROOT = Path(__file__).resolve().parent.parent
FILE = "plans/_shared/comparisons.yaml"


@pytest.fixture(scope="module")
def data():
    """The real plans, validated only (no site build): these tests are about the data."""
    return load_portal(ROOT / "plans", ROOT / "sources", ROOT)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for folder in ("plans", "sources"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / FILE
    text = path.read_text(encoding="utf-8")
    assert old in text, f"comparisons.yaml no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(repo: Path, needle: str, nth: int = 1) -> int:
    hits = [i for i, line in enumerate((repo / FILE).read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return hits[nth - 1]


def problems(repo: Path) -> list[Problem]:
    with pytest.raises(ValidationFailed) as caught:
        load_portal(repo / "plans", repo / "sources", repo)
    return caught.value.problems


def test_at_least_thirty_groups_each_spanning_two_plans(data):
    assert len(data.comparisons) >= 30
    for group in data.comparisons.values():
        assert len({key.split("/")[0] for key in group.members}) >= 2, group.id


def test_group_names_are_unique_so_page_titles_are(data):
    names = [g.name for g in data.comparisons.values()]
    assert len(names) == len(set(names))


def test_every_member_is_a_published_indicator_in_one_group_only(data):
    members = [key for group in data.comparisons.values() for key in group.members]
    assert members and all(key in data.indicators for key in members)
    assert len(members) == len(set(members))
    assert all(data.comparison_of(key).id == group.id for group in data.comparisons.values() for key in group.members)


def test_every_obvious_counterpart_is_grouped_or_has_a_reason(data):
    near = counterparts(data.indicators, COUNTERPART_SIMILARITY)
    assert near, "the similarity check finds the shared lists' rows"
    for key in near:
        assert data.comparison_of(key) or data.not_grouped.get(key), key
    assert data.warnings == []


def test_a_basis_points_at_the_printed_list(data):
    group = data.comparisons["tthc-ket-qua-dien-tu"]
    assert group.basis.document == "71-nq-cp"
    lines = (ROOT / "sources" / group.basis.source.file).read_text(encoding="utf-8").splitlines()
    printed = " ".join(lines[group.basis.source.first - 1:group.basis.source.last])
    assert "NGHỊ QUYẾT 71/NQ-CP" in printed


def test_missing_member_is_an_error_naming_file_line_and_field(repo):
    edit(repo, "{plan: cat-hai, indicator: ct-pl2-2}", "{plan: cat-hai, indicator: ct-pl2-999}")
    [p] = problems(repo)
    assert (p.file, p.line, p.field) == (FILE, line_of(repo, "ct-pl2-999"), "indicator")
    assert "không có chỉ tiêu 'ct-pl2-999' trong kế hoạch cat-hai" in p.message_vi


def test_a_member_of_a_plan_missing_from_plans_is_left_out_with_a_warning(repo):
    # A mistyped plan id, or a checkout holding only some plans: the group compares the plans present.
    edit(repo, "{plan: cat-hai, indicator: ct-pl2-2}", "{plan: cat-hia, indicator: ct-pl2-2}")
    portal = load_portal(repo / "plans", repo / "sources", repo)
    warned = [w for w in portal.warnings if w.field == "plan"]
    assert [(w.file, w.line) for w in warned] == [(FILE, line_of(repo, "cat-hia"))]
    assert "không có kế hoạch 'cat-hia'" in warned[0].message_vi
    assert "phu-song-5g-du-lich" not in portal.comparisons  # one plan left: nothing to compare, no page


def test_a_tree_with_one_plan_builds_without_comparison_pages(repo):
    for folder in ("cat-hai", "hai-duong", "dak-cam", "so-noi-vu-hai-phong"):
        shutil.rmtree(repo / "plans" / folder)
    portal = load_portal(repo / "plans", repo / "sources", repo)
    assert portal.comparisons == {} and portal.warnings


def test_an_indicator_in_two_groups_is_an_error(repo):
    edit(repo, "  - {plan: cat-hai, indicator: ct-pl2-2}", "  - {plan: cat-hai, indicator: ct-pl2-2}\n  - {plan: cat-hai, indicator: ct-pl2-1}")
    [p] = problems(repo)
    assert (p.file, p.line, p.field) == (FILE, line_of(repo, "indicator: ct-pl2-1}", 2), "indicator")
    assert "đã thuộc nhóm so sánh 'phu-song-5g-dia-ban'" in p.message_vi and "mỗi chỉ tiêu chỉ thuộc một nhóm" in p.message_vi


def test_a_group_of_one_plan_is_an_error(repo):
    edit(repo, "  - {plan: cat-hai, indicator: ct-pl2-2}\n", "")
    [p] = problems(repo)
    assert p.field == "members" and "ít nhất hai kế hoạch" in p.message_vi


def test_a_grouped_indicator_cannot_also_be_not_grouped(repo):
    edit(repo, "- {plan: hai-duong, indicator: ct-pl1-9,", "- {plan: hai-duong, indicator: ct-pl1-24,")
    [p] = problems(repo)
    assert p.field == "indicator" and "không ghi ở not_grouped" in p.message_vi


def test_an_ungrouped_counterpart_without_a_reason_is_a_warning(repo):
    edit(repo, "- {plan: hai-duong, indicator: ct-chi-tieu-8, reason:", "- {plan: hai-duong, indicator: ct-chi-tieu-9, reason:")
    portal = load_portal(repo / "plans", repo / "sources", repo)  # a warning does not stop the build
    [w] = portal.warnings
    ind_file = "plans/hai-duong/indicators.yaml"
    text = (repo / ind_file).read_text(encoding="utf-8").splitlines()
    assert (w.file, w.field) == (ind_file, "id") and "ct-chi-tieu-8" in text[w.line - 1]
    assert "chưa thuộc nhóm so sánh nào" in w.message_vi and "not_grouped" in w.message_vi


def test_document_chain_refers_to_known_documents(repo):
    path = repo / "plans/_shared/documents.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("implements: [12-kh-tu-hai-phong]", "implements: [12-kh-tu-hai-phongg]", 1), encoding="utf-8")
    [p] = problems(repo)
    assert (p.file, p.field) == ("plans/_shared/documents.yaml", "implements") and "12-kh-tu-hai-phongg" in p.message_vi
