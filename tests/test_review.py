"""What reviewers see of a pull request (issue 15): a complete, escaped data diff, and the URL promise
checked against the base branch's urls.lock so deleting a lock line in the same pull request fails."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from generator.diff import md, summary
from generator.git import RevisionError
from generator.permalinks import check_against_base

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 25)
PROGRESS = "plans/mini/progress"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@t", "-c", "user.name=t", *args],
                          check=True, capture_output=True, text=True).stdout.strip()


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(repo: Path, rel: str, text: str) -> None:
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(text, encoding="utf-8")


LOCK = "# urls\n/\n/ke-hoach/mini/\n/ke-hoach/mini/nv-1-1/\n/ke-hoach/mini/nv-1-2/\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    write(repo, "urls.lock", LOCK)
    write(repo, "plans/_shared/redirects.yaml", "redirects: []\n")
    git(repo, "init", "-q")
    commit(repo, "base")
    return repo


def diff(repo: Path) -> str:
    commit(repo, "change")
    return summary(repo, "HEAD~1", "HEAD", AS_OF)


# --------------------------------------------------------------------------- 4. a complete reviewer diff

FIELD_EDITS = [  # (file, old, new, the line the reviewer must see)
    ("plans/mini/tasks.yaml", 'deadline: "Tháng 9/2025"', 'deadline: "Tháng 9/2027"',
     "Nhiệm vụ `mini/nv-1-1`, thời hạn: “Tháng 9/2025” → “Tháng 9/2027”"),
    ("plans/mini/tasks.yaml", "lead: [mini-ubnd-phuong]", "lead: [mini-cong-an-phuong]\n            coordinating: [mini-van-phong]",
     "Nhiệm vụ `mini/nv-1-1`, đơn vị chủ trì: “mini-ubnd-phuong” → “mini-cong-an-phuong”"),
    ("plans/mini/tasks.yaml", "", "", "Nhiệm vụ `mini/nv-1-1`, đơn vị phối hợp: “không có” → “mini-van-phong”"),
    ("plans/mini/tasks.yaml", 'deadline: "Thường xuyên"', 'deadline: "Thường xuyên"\n            output: "Báo cáo"',
     "Nhiệm vụ `mini/nv-1-2`, sản phẩm: “ô trống” → “Báo cáo”"),
    ("plans/mini/tasks.yaml", "Tuyên truyền về chuyển đổi số cho người dân.", "Tuyên truyền cho người dân.",
     "Nhiệm vụ `mini/nv-1-1`, nội dung: “Tuyên truyền về chuyển đổi số cho người dân.” → “Tuyên truyền cho người dân.”"),
    ("plans/mini/indicators.yaml", '"2030": "100%"', '"2030": "90%"', "`mini/ct-pl-1` mốc 2030: “100%” → “90%”"),
    ("plans/mini/indicators.yaml", "lead: [mini-van-phong]", "lead: [mini-ubnd-phuong]",
     "Chỉ tiêu `mini/ct-pl-2`, đơn vị chủ trì: “mini-van-phong” → “mini-ubnd-phuong”"),
]


def test_every_changed_field_of_an_item_is_listed(repo):
    for rel, old, new, _ in FIELD_EDITS:
        if old:
            edit(repo, rel, old, new)
    text = diff(repo)
    for *_, expected in FIELD_EDITS:
        assert expected in text


def test_a_changed_deadline_is_shouted_like_a_target(repo):
    """tháng 9/2025 → 9/2027 silently clears "quá hạn"."""
    edit(repo, "plans/mini/tasks.yaml", 'deadline: "Tháng 9/2025"', 'deadline: "Tháng 9/2027"')
    text = diff(repo)
    assert text.index("### ⚠️ CẢNH BÁO: THỜI HẠN NHIỆM VỤ BỊ THAY ĐỔI") < text.index("Tháng 9/2027")


def test_items_added_and_removed_are_listed(repo):
    edit(repo, "plans/mini/tasks.yaml", "          - id: nv-1-2", "          - id: nv-1-3")
    text = diff(repo)
    assert "Nhiệm vụ mới `mini/nv-1-3`" in text and "Nhiệm vụ bị xóa `mini/nv-1-2`" in text


def test_new_reports_show_their_evidence_and_changed_reports_are_flagged(repo):
    done = ('progress:\n  - task: nv-1-2\n    date: 2025-08-20\n    status: "hoàn thành"\n    note: "Đã hướng dẫn"\n'
            '    evidence: {document: "Báo cáo số 12/BC-CA", url: "https://example.gov.vn/bc-12"}\n')
    write(repo, f"{PROGRESS}/2025-08-20-nv-1-2.yaml", done)
    text = diff(repo)
    assert "**hoàn thành** — Đã hướng dẫn (bằng chứng: Báo cáo số 12/BC-CA · https\\://example.gov.vn/bc-12" in text
    write(repo, f"{PROGRESS}/2025-08-20-nv-1-2.yaml", done.replace("Báo cáo số 12/BC-CA", "Báo cáo số 99/BC-CA"))
    text = diff(repo)
    assert "### ⚠️ Báo cáo tiến độ hoặc số liệu đã công bố bị sửa hoặc bỏ" in text
    assert "đã bỏ hoặc sửa: `mini/nv-1-2` ngày 20/08/2025" in text and "Báo cáo số 12/BC-CA" in text


def test_future_dated_reports_are_shouted(repo):
    write(repo, f"{PROGRESS}/2028-11-25-nv-1-1.yaml",
          'progress:\n  - {task: nv-1-1, date: 2028-11-25, status: "đang triển khai", note: "Sắp làm"}\n')
    text = diff(repo)
    assert "### ⚠️ CẢNH BÁO: BÁO CÁO GHI NGÀY TRONG TƯƠNG LAI" in text
    assert "ngày 25/11/2028 (sau ngày 25/11/2026): `mini/nv-1-1`" in text


def test_urls_removed_from_the_lock_and_redirects_added_are_shouted(repo):
    write(repo, "urls.lock", LOCK.replace("/ke-hoach/mini/nv-1-2/\n", "").replace("/ke-hoach/mini/nv-1-1/\n", ""))
    write(repo, "plans/_shared/redirects.yaml",
          'redirects:\n  - {from: ke-hoach/mini/nv-1-1/, to: ke-hoach/mini/, note: "Gộp theo KH sửa đổi"}\n')
    text = diff(repo)
    assert "### ⚠️ CẢNH BÁO: ĐƯỜNG DẪN ĐÃ CÔNG BỐ BỊ XÓA KHỎI urls.lock" in text
    assert "`/ke-hoach/mini/nv-1-2/` bị xóa khỏi urls.lock (**KHÔNG có chuyển hướng**)" in text
    assert "`/ke-hoach/mini/nv-1-1/` bị xóa khỏi urls.lock (chuyển hướng tới `/ke-hoach/mini/`)" in text
    assert "### ⚠️ CẢNH BÁO: CHUYỂN HƯỚNG MỚI" in text and "`/ke-hoach/mini/nv-1-1/` → `/ke-hoach/mini/`" in text


FORGERY = ("Xong.\n\n## Thay đổi dữ liệu\n\nKhông có thay đổi nào về dữ liệu kế hoạch.\n\n"
           "![img](https://evil.example/a.png) [bấm](https://evil.example) **đậm** `mã` :warning:")


def test_staff_text_cannot_forge_the_summary(repo):
    """A note that fakes a "no changes" heading, HTML, an image, a link: all shown as plain text."""
    note = FORGERY.replace("\n", "\\n").replace('"', '\\"')
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml",
          f'progress:\n  - task: nv-1-1\n    date: 2025-09-01\n    status: "đang triển khai"\n    note: "{note}"\n')
    edit(repo, "plans/mini/tasks.yaml", 'deadline: "Tháng 9/2025"', 'deadline: "Tháng 9/2026 ### Không có thay đổi"')
    text = diff(repo)
    rendered = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)
    assert rendered.count("<h2>") == 1 and "<img" not in rendered
    assert 'href="https://evil' not in rendered and "<strong>đậm</strong>" not in rendered and "<code>mã</code>" not in rendered
    assert "Không có thay đổi nào về dữ liệu kế hoạch." in rendered  # still readable, as text inside a list item
    assert all(not line.startswith("##") or line.startswith(("## Thay đổi dữ liệu", "### ")) for line in text.splitlines())
    assert text.count("## Thay đổi dữ liệu\n") == 1


def test_md_escapes_every_inline_markup_character():
    assert md("**a** _b_ `c` [d](e) ![f](g) <h> & ~~i~~ | :j: $k$ #l\nm") == (
        "\\*\\*a\\*\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) \\!\\[f\\]\\(g\\) &lt;h&gt; &amp; \\~\\~i\\~\\~ \\| \\:j\\: \\$k\\$ \\#l m")


@pytest.mark.parametrize("rev", ["khong-co-nhanh", "--output=/tmp/x", "HEAD~99"])
def test_a_bad_revision_gets_a_vietnamese_message_naming_it(repo, rev):
    with pytest.raises(RevisionError) as caught:
        summary(repo, rev, "HEAD", AS_OF)
    assert f"Không tìm thấy phiên bản git '{rev}'" in str(caught.value)
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(repo), "diff", "--", rev, "HEAD"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and "Traceback" not in done.stdout + done.stderr
    assert f"Không tìm thấy phiên bản git" in done.stdout


# --------------------------------------------------------------------------- 5. the URL promise against the base

def test_a_url_removed_from_the_lock_in_the_same_pull_request_fails_the_check(repo):
    write(repo, "urls.lock", LOCK.replace("/ke-hoach/mini/nv-1-2/\n", ""))
    commit(repo, "drop a page and its lock line")
    [p] = check_against_base(repo, "HEAD~1")
    assert p.file == "urls.lock" and "/ke-hoach/mini/nv-1-2/" in p.message_vi and "chuyển hướng" in p.message_vi


def test_a_redirected_url_may_leave_the_lock(repo):
    write(repo, "urls.lock", LOCK.replace("/ke-hoach/mini/nv-1-2/\n", ""))
    write(repo, "plans/_shared/redirects.yaml", "redirects:\n  - {from: ke-hoach/mini/nv-1-2/, to: ke-hoach/mini/}\n")
    commit(repo, "redirect")
    assert check_against_base(repo, "HEAD~1") == []


def test_make_check_with_a_base_runs_the_url_promise(repo):
    """`make check BASE=…` → `python -m generator check --base …`: exit 1 with the problem, exit 2 on a bad base."""
    write(repo, "urls.lock", LOCK.replace("/ke-hoach/mini/nv-1-2/\n", ""))
    commit(repo, "drop a lock line")
    run = [sys.executable, "-m", "generator", "--root", str(repo), "check", "--as-of", "2026-11-25"]
    assert subprocess.run(run, capture_output=True, cwd=ROOT).returncode == 0  # without a base: the tree alone is consistent
    done = subprocess.run([*run, "--base", "HEAD~1"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1 and "- urls.lock:1: đường dẫn đã công bố '/ke-hoach/mini/nv-1-2/'" in done.stderr
    bad = subprocess.run([*run, "--base", "nhanh-khong-co"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "Không tìm thấy phiên bản git 'nhanh-khong-co'" in bad.stderr
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(if $(BASE),--base '$(BASE)')" in makefile
