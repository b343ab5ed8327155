"""Progress by pull request: statuses with evidence, computed overdue, actual values, data diff, feeds."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.build import Paths, write_feeds
from generator.templates import environments
from generator.diff import compare, portal_at, render
from generator.errors import ValidationFailed
from generator.progress import NO_UPDATE, all_states, trajectory
from generator.validate import load_portal

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
ROOT = Path(__file__).resolve().parent.parent


def write(repo: Path, name: str, text: str) -> None:
    path = repo / "plans" / "mini" / "progress" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "repo")
    return tmp_path / "repo"


def load(repo: Path):
    return load_portal(repo / "plans", repo / "sources", repo)


DONE = """progress:
  - task: nv-1-2
    date: 2025-08-20
    status: "hoàn thành"
    note: "Đã hướng dẫn 1.200 người kích hoạt tài khoản mức 2."
    evidence: {document: "Báo cáo số 12/BC-CA ngày 20/8/2025"}
"""


def test_every_status_of_the_vocabulary_is_accepted(repo):
    for i, status in enumerate(["chưa triển khai", "đang triển khai", "tạm dừng", "không tiếp tục"]):
        write(repo, f"2025-0{i + 1}-01-nv-1-1.yaml",
              f'progress:\n  - {{task: nv-1-1, date: 2025-0{i + 1}-01, status: "{status}", note: "Ghi chú {i}"}}\n')
    write(repo, "2025-08-20-nv-1-2.yaml", DONE)
    portal = load(repo)
    # Staff write the Vietnamese words; the model holds the catalogue's ids (generator/labels.py).
    assert [e.status for e in portal.progress["mini/nv-1-1"]] == ["not-started", "in-progress", "paused", "stopped"]
    assert portal.progress["mini/nv-1-2"][0].evidence_document.startswith("Báo cáo số 12")




def test_done_with_only_empty_evidence_fields_is_refused(repo):
    write(repo, "2025-08-20-nv-1-2.yaml", DONE.replace('{document: "Báo cáo số 12/BC-CA ngày 20/8/2025"}',
                                                       "{document: null, url: null}"))
    with pytest.raises(ValidationFailed) as caught:
        load(repo)
    [p] = caught.value.problems
    assert p.field == "evidence" and "phải kèm bằng chứng" in p.message_vi

def test_evidence_link_must_be_a_web_address(repo):
    """A link staff give as evidence becomes an <a href>; "javascript:" there would run on readers' pages."""
    done = DONE.replace('{document: "Báo cáo số 12/BC-CA ngày 20/8/2025"}', '{url: "javascript:alert(1)"}')
    write(repo, "2025-08-20-nv-1-2.yaml", done)
    with pytest.raises(ValidationFailed) as caught:
        load(repo)
    [p] = caught.value.problems
    assert (p.file, p.line, p.field) == ("plans/mini/progress/2025-08-20-nv-1-2.yaml", 6, "url")
    assert "không phải địa chỉ web" in p.message_vi and "https://" in p.message_vi
    write(repo, "2025-08-20-nv-1-2.yaml", done.replace("javascript:alert(1)", "https://haian.haiphong.gov.vn/bao-cao-12"))
    assert load(repo).progress["mini/nv-1-2"][0].evidence_url == "https://haian.haiphong.gov.vn/bao-cao-12"

def test_unknown_status_names_file_line_field_and_the_allowed_values(repo):
    write(repo, "2025-09-01-nv-1-1.yaml", 'progress:\n  - task: nv-1-1\n    date: 2025-09-01\n    status: "xong"\n    note: "x"\n')
    with pytest.raises(ValidationFailed) as caught:
        load(repo)
    [p] = caught.value.problems
    assert (p.file, p.line, p.field) == ("plans/mini/progress/2025-09-01-nv-1-1.yaml", 4, "status")
    assert "'xong' không hợp lệ. Dùng một trong: chưa triển khai, đang triển khai, hoàn thành" in p.message_vi


def test_done_without_evidence_is_refused(repo):
    write(repo, "2025-08-20-nv-1-2.yaml", DONE.replace('    evidence: {document: "Báo cáo số 12/BC-CA ngày 20/8/2025"}\n', ""))
    with pytest.raises(ValidationFailed) as caught:
        load(repo)
    [p] = caught.value.problems
    assert p.field == "evidence" and "phải kèm bằng chứng" in p.message_vi and p.line == 4


def test_progress_for_an_unknown_task_is_refused(repo):
    write(repo, "2025-09-01-nv-9-9.yaml", 'progress:\n  - {task: nv-9-9, date: 2025-09-01, status: "đang triển khai", note: "x"}\n')
    with pytest.raises(ValidationFailed) as caught:
        load(repo)
    assert caught.value.problems[0].field == "task"


@pytest.mark.parametrize("as_of, timing", [
    (dt.date(2025, 8, 1), None),                    # deadline "Tháng 9/2025" = 30/9/2025, 60 days away
    (dt.date(2025, 9, 1), "due-soon"),              # 29 days left: due soon
    (dt.date(2025, 9, 30), "due-soon"),             # the last day
    (dt.date(2025, 10, 1), "past-due-unreported"),  # passed, and nothing was ever reported: not "quá hạn"
])
def test_deadline_states_of_a_task_nobody_reported_on(repo, as_of, timing):
    state = all_states(load(repo), as_of)["mini/nv-1-1"]
    assert (state.timing, state.status, state.overdue) == (timing, NO_UPDATE, False)


def test_overdue_only_when_the_latest_report_says_not_done_after_the_deadline(repo):
    write(repo, "2025-09-15-nv-1-1.yaml",
          'progress:\n  - {task: nv-1-1, date: 2025-09-15, status: "đang triển khai", note: "Đang khảo sát"}\n')
    states = all_states(load(repo), dt.date(2025, 10, 1))
    assert states["mini/nv-1-1"].overdue and states["mini/nv-1-1"].timing == "overdue"


def test_a_finished_task_is_never_overdue_and_recurring_tasks_have_no_deadline(repo):
    write(repo, "2025-08-20-nv-1-1.yaml", DONE.replace("nv-1-2", "nv-1-1"))
    states = all_states(load(repo), dt.date(2026, 1, 1))
    assert states["mini/nv-1-1"].status == "done" and not states["mini/nv-1-1"].overdue
    assert states["mini/nv-1-2"].days_left is None and not states["mini/nv-1-2"].overdue  # "Thường xuyên"


def test_updates_after_the_as_of_date_are_not_counted_yet(repo):
    write(repo, "2025-08-20-nv-1-1.yaml", DONE.replace("nv-1-2", "nv-1-1"))
    assert all_states(load(repo), dt.date(2025, 8, 19))["mini/nv-1-1"].status == NO_UPDATE


def test_actual_values_and_the_straight_line_to_the_next_target(repo):
    write(repo, "2026-10-31-ct-pl-1.yaml", 'actuals:\n  - indicator: ct-pl-1\n    date: 2026-10-31\n    value: "62%"\n'
                                            '    source: "Báo cáo số 45/BC-CA ngày 02/11/2026"\n')
    portal = load(repo)
    ind = portal.indicators["mini/ct-pl-1"]
    tr = trajectory(ind, portal.actuals[ind.key], dt.date(2026, 11, 25))
    assert tr.horizon == "2030" and tr.target == 100
    assert tr.per_year == pytest.approx((100 - 62) / ((dt.date(2030, 12, 31) - dt.date(2026, 10, 31)).days / 365.25))


def test_actual_value_must_be_a_recognised_form(repo):
    write(repo, "2026-10-31-ct-pl-1.yaml", 'actuals:\n  - {indicator: ct-pl-1, date: 2026-10-31, value: "6O%", source: "x"}\n')
    with pytest.raises(ValidationFailed) as caught:
        load(repo)
    assert caught.value.problems[0].field == "value"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


def test_data_diff_between_two_revisions(repo):
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.email=t@t", "-c", "user.name=t", "add", "-A")
    _git(repo, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "base")
    write(repo, "2025-08-20-nv-1-2.yaml", DONE)
    write(repo, "2026-10-31-ct-pl-1.yaml", 'actuals:\n  - {indicator: ct-pl-1, date: 2026-10-31, value: "62%", source: "BC 45"}\n')
    ind = repo / "plans" / "mini" / "indicators.yaml"
    ind.write_text(ind.read_text(encoding="utf-8").replace('"2030": "100%"', '"2030": "90%"'), encoding="utf-8")
    _git(repo, "-c", "user.email=t@t", "-c", "user.name=t", "add", "-A")
    _git(repo, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "update")
    text = render(compare(portal_at(repo, "HEAD~1"), portal_at(repo, "HEAD"), dt.date(2026, 11, 25)))
    assert "CẢNH BÁO: MỤC TIÊU CỦA KẾ HOẠCH ĐÃ CÔNG BỐ BỊ THAY ĐỔI" in text
    assert "`mini/ct-pl-1` mốc 2030: “100%” → “90%”" in text
    assert "`mini/nv-1-2`: chưa có báo cáo → **hoàn thành**" in text
    assert "`mini/ct-pl-1`: **62%** ngày 31/10/2026" in text


def test_atom_feeds_parse_and_list_updates_newest_first(repo, tmp_path):
    write(repo, "2025-08-20-nv-1-2.yaml", DONE)
    write(repo, "2025-09-01-nv-1-1.yaml", 'progress:\n  - {task: nv-1-1, date: 2025-09-01, status: "đang triển khai", note: "Bắt đầu"}\n')
    portal = load(repo)
    paths = Paths(tmp_path / "out")
    (tmp_path / "out").mkdir()
    shutil.copytree(ROOT / "theme", tmp_path / "out" / "theme")
    written = write_feeds(portal, dt.date(2026, 1, 1), environments(paths.theme / "templates"), paths)
    assert written == {"cap-nhat/atom.xml", "ke-hoach/mini/atom.xml"}
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(paths.docs / "cap-nhat" / "atom.xml").getroot()
    titles = [e.find("a:title", ns).text for e in feed.findall("a:entry", ns)]
    assert titles == ["1.1: đang triển khai", "1.2: hoàn thành"]
    assert feed.find("a:entry/a:link", ns).get("href").endswith("/ke-hoach/mini/nv-1-1/")
