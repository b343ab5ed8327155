"""Inputs beyond plans/ that a pull request may change: the redirects and the content settings
(content/portal.yaml, localities.yaml, everyday-words.yaml). `make check` reads them all, so what it
passes does not stop the build later; a mistake is a Vietnamese problem with file, line and field;
nothing can write outside the site or put a script address on a page (tester's findings, stop 18)."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import Paths, check
from generator.errors import ValidationFailed
from generator.validate import load_portal

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "mini"
AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "repo")
    (tmp_path / "repo" / "content").mkdir()
    return tmp_path / "repo"


def problems(repo: Path) -> list[tuple[str, int, str | None]]:
    with pytest.raises(ValidationFailed) as caught:
        check(Paths(repo), AS_OF)
    return [(p.file, p.line, p.field) for p in caught.value.problems]


def write(repo: Path, rel: str, text: str) -> None:
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("source, target, field", [
    ("../../../escape/", "ke-hoach/mini/", "from"),
    ("ke-hoach/mini/../../../../escape/", "ke-hoach/mini/", "from"),
    ("ke-hoach/cu/", "https://evil.example/", "to"),
    ("ke-hoach/cu/", "../../x/", "to"),
    ("ke hoach/cu/", "ke-hoach/mini/", "from"),
])
def test_a_redirect_is_a_path_of_this_site_or_make_check_refuses_it(repo, source, target, field):
    write(repo, "plans/_shared/redirects.yaml", f"redirects:\n  - from: {source}\n    to: {target}\n")
    assert problems(repo) == [("plans/_shared/redirects.yaml", 2, field)]


def test_two_redirects_from_one_address_are_refused(repo):
    write(repo, "plans/_shared/redirects.yaml",
          "redirects:\n  - from: ke-hoach/cu/\n    to: ke-hoach/mini/\n  - from: /ke-hoach/cu\n    to: ''\n")
    assert problems(repo) == [("plans/_shared/redirects.yaml", 4, "from")]


@pytest.mark.parametrize("text, line, field", [
    ('report_mistake:\n  issues: "javascript:alert(1)//"\n', 2, "issues"),
    ("report_mistake:\n  email: khong-phai-email\n", 2, "email"),
    ("report_mistake:\n  issues: [a]\n", 2, "issues"),
    ("report_mistakes:\n  email: a@b.vn\n", 1, "report_mistakes"),
    ("report_mistake: a@b.vn\n", 1, "report_mistake"),
    ("- a\n- b\n", 1, None),
    ("report_mistake:\n  bad: [\n", 3, None),
])
def test_where_report_a_mistake_goes_is_a_web_or_mail_address(repo, text, line, field):
    write(repo, "content/portal.yaml", text)
    assert problems(repo) == [("content/portal.yaml", line, field)]


@pytest.mark.parametrize("text, line, field", [
    ("effective: 2025-02-30\n", 1, "effective"),
    ("effective: 1/7/2025\n", 1, "effective"),
    ("province:\n  x: {}\n", 1, "province"),
    ("provinces:\n  tỉnh A:\n    change: Một câu.\n    sources: [javascript:alert(1)]\n", 4, "sources"),
    ("provinces:\n  tỉnh A:\n    now: tỉnh B\n", 3, "change"),  # the entry's line: the field is missing
])
def test_the_administrative_changes_file_is_checked_with_its_lines(repo, text, line, field):
    write(repo, "content/localities.yaml", text)
    assert problems(repo) == [("content/localities.yaml", line, field)]


def test_a_broken_content_file_fails_make_check_in_vietnamese_without_a_traceback(repo):
    write(repo, "content/everyday-words.yaml", "words:\n  - phrase: trực tuyến\n    everyday: online\n")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(repo), "--as-of", AS_OF.isoformat()],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/everyday-words.yaml:3: trường `everyday`" in result.stderr


@pytest.mark.parametrize("note, code", [("a\\u0001b", "U+0001"), ("Đã họp \\u202eabc", "U+202E"), ("đang\\u200b làm", "U+200B")])
def test_an_invisible_character_in_a_note_is_refused_with_its_code(repo, note, code):
    """A control character would make the Atom feeds invalid XML; a right-to-left override reverses the line."""
    write(repo, "plans/mini/progress/2026-11-20-nv-1-1.yaml",
          f'progress:\n  - task: nv-1-1\n    date: 2026-11-20\n    status: "đang triển khai"\n    note: "{note}"\n')
    with pytest.raises(ValidationFailed) as caught:
        load_portal(repo / "plans", repo / "sources", repo, AS_OF)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (5, "note") and code in problem.message_vi
