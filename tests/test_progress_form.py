"""The progress form for staff who do not write YAML (/nhap-tien-do/).

A staff member opens a task page on a 390 px phone, follows "Cập nhật tiến độ (dành cho cán bộ)",
fills the form, and gets a file that `make check` accepts and that the next build publishes on the
task page. The form checks the rules the build exports, in the browser: a test runs the same cases
through the form and through the Python validator and expects the same verdicts.
"""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest

from generator.errors import ValidationFailed
from generator.validate import load_portal
from scratch import ROOT, copy_repo

OUTPUT = ROOT / "tests" / "output"
PHONE = {"width": 390, "height": 844}
REPOSITORY = "so-khcn/ke-hoach-so"  # any "owner/name": the build only puts it in the page
pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(folder: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def _run(repo: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args, "--root", str(repo)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, env={**os.environ, **env})


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A copy of the repository built with the data repository configured, served on localhost."""
    repo = copy_repo(tmp_path_factory.mktemp("form") / "repo")
    result = _run(repo, "build", PORTAL_REPOSITORY=REPOSITORY)
    assert result.returncode == 0, result.stderr
    httpd, url = _serve(repo / "site")
    yield repo, url
    httpd.shutdown()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def test_task_page_links_to_the_form_and_a_filled_form_is_published_by_the_next_build(scratch, phone):
    repo, url = scratch
    phone.goto(f"{url}/ke-hoach/hai-an/nv-1-1/")
    phone.get_by_role("link", name="Cập nhật tiến độ (dành cho cán bộ)").click()
    phone.wait_for_url("**/nhap-tien-do/?plan=hai-an&item=nv-1-1")
    phone.wait_for_selector("#pf-task:not([hidden])")
    assert phone.input_value("#pf-plan") == "hai-an" and phone.input_value("#pf-item") == "nv-1-1"
    statuses = phone.eval_on_selector_all("select[name=status] option", "os => os.map(o => o.value).filter(Boolean)")
    assert statuses == ["chưa triển khai", "đang triển khai", "hoàn thành", "tạm dừng", "không tiếp tục"]
    today = dt.date.today()
    note = "Đã tổ chức hội nghị quán triệt cho cán bộ phường; “hội nghị” có 120 người: dự."
    phone.select_option("select[name=status]", "hoàn thành")
    phone.fill("input[name=date]", today.isoformat())
    phone.fill("textarea[name=note]", note)
    phone.click("#progress-form button[type=submit]")
    # "hoàn thành" without evidence: refused in the browser, as make check refuses it.
    problems = phone.inner_text("#progress-problems")
    assert "phải kèm bằng chứng" in problems and phone.is_hidden("#progress-result")
    phone.fill("input[name=evidence_document]", "Báo cáo số 123/BC-UBND của UBND phường Hải An")
    phone.fill("input[name=evidence_url]", "https://haian.haiphong.gov.vn/bao-cao-123")
    phone.click("#progress-form button[type=submit]")
    phone.wait_for_selector("#progress-result:not([hidden])")
    assert phone.is_hidden("#progress-problems")
    path = phone.inner_text("#progress-path")
    yaml_text = phone.inner_text("#progress-yaml")
    assert path == f"plans/hai-an/progress/{today.isoformat()}-nv-1-1.yaml"
    OUTPUT.mkdir(exist_ok=True)
    phone.screenshot(path=str(OUTPUT / "progress-form-390.png"), full_page=True)
    # The GitHub button opens the repository's new-file page with that path and content.
    href = phone.get_attribute("#progress-github", "href")
    assert phone.is_visible("#progress-github") and phone.inner_text("#progress-github") == "Tạo yêu cầu cập nhật trên GitHub"
    assert href.startswith(f"https://github.com/{REPOSITORY}/new/main?")
    from urllib.parse import parse_qs, urlsplit
    query = parse_qs(urlsplit(href).query)
    assert query["filename"] == [path] and query["value"] == [yaml_text]
    # Download gives the same file.
    with phone.expect_download() as download:
        phone.click("#progress-download")
    assert download.value.suggested_filename == Path(path).name
    assert Path(download.value.path()).read_text(encoding="utf-8") == yaml_text

    # Write it into the copy of the repository: make check accepts it, the build shows it.
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(yaml_text, encoding="utf-8")
    check = _run(repo, "check")
    assert check.returncode == 0, check.stderr
    build = _run(repo, "build", PORTAL_REPOSITORY=REPOSITORY)
    assert build.returncode == 0, build.stderr
    phone.goto(f"{url}/ke-hoach/hai-an/nv-1-1/")
    body = phone.inner_text("article")
    assert note in body and "hoàn thành" in body and "Báo cáo số 123/BC-UBND" in body
    phone.screenshot(path=str(OUTPUT / "progress-form-published-390.png"), full_page=True)
    (repo / path).unlink()


def test_indicator_value_date_and_source_make_an_actuals_file_that_passes_the_check(scratch, phone):
    repo, url = scratch
    phone.goto(f"{url}/ke-hoach/hai-an/ct-pl2-iv-28/")
    phone.get_by_role("link", name="Cập nhật tiến độ (dành cho cán bộ)").click()
    phone.wait_for_selector("#pf-indicator:not([hidden])")
    assert phone.is_hidden("#pf-task")
    today = dt.date.today().isoformat()
    phone.fill("input[name=value]", "62%")
    phone.fill("#pf-actual-date", today)
    phone.fill("textarea[name=source]", "Báo cáo số 45/BC-CA của Công an phường Hải An")
    phone.click("#progress-form button[type=submit]")
    phone.wait_for_selector("#progress-result:not([hidden])")
    path, yaml_text = phone.inner_text("#progress-path"), phone.inner_text("#progress-yaml")
    assert path == f"plans/hai-an/progress/{today}-ct-pl2-iv-28.yaml"
    assert yaml_text.startswith("actuals:\n  - indicator: ct-pl2-iv-28\n")
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(yaml_text, encoding="utf-8")
    try:
        portal = load_portal(repo / "plans", repo / "sources", repo)
        [actual] = portal.actuals["hai-an/ct-pl2-iv-28"]
        assert (actual.value, actual.date.isoformat()) == ("62%", today)
    finally:
        (repo / path).unlink()


def test_the_github_button_is_hidden_when_no_repository_is_configured(server, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{server}/nhap-tien-do/?plan=hai-an&item=nv-1-1")
    page.wait_for_selector("#pf-task:not([hidden])")
    page.select_option("select[name=status]", "đang triển khai")
    page.fill("textarea[name=note]", "Đang làm.")
    page.click("#progress-form button[type=submit]")
    page.wait_for_selector("#progress-result:not([hidden])")
    assert page.is_hidden("#progress-github")
    context.close()


# Each case: the fields a staff member typed, and the field `make check` names (None: accepted).
# The form must reach the same verdict before the file ever reaches a pull request.
def _a_future_day() -> str:
    """A day after today, taken when the test runs (not at import: a run crossing midnight made
    "tomorrow" today) and two days ahead, so the browser's clock and time zone cannot make it today."""
    return (dt.date.today() + dt.timedelta(days=2)).isoformat()
TODAY = dt.date.today().isoformat()
CASES = [
    ({"item": "nv-1-1", "status": "đang triển khai", "date": TODAY, "note": "Đã họp."}, None),
    ({"item": "nv-1-1", "status": "hoàn thành", "date": TODAY, "note": "Xong.", "evidence_url": "https://a.gov.vn/x"}, None),
    ({"item": "nv-1-1", "status": "hoàn thành", "date": TODAY, "note": "Xong."}, "evidence"),
    ({"item": "nv-1-1", "status": "hoàn thành", "date": TODAY, "note": "Xong.", "evidence_url": "haian.gov.vn/bc"}, "url"),
    ({"item": "nv-1-1", "status": "hoàn thành", "date": TODAY, "note": "Xong.", "evidence_url": "javascript:alert(1)"}, "url"),
    ({"item": "nv-1-1", "status": "đang triển khai", "date": TODAY, "note": "   "}, "note"),
    ({"item": "nv-1-1", "status": "tạm dừng", "date": TODAY, "note": "Ghi chú có \"ngoặc kép\", dấu: hai chấm # và \\ gạch."}, None),
    ({"item": "nv-1-1", "status": "đang triển khai", "date": TODAY, "note": unicodedata.normalize("NFD", "Gõ kiểu tổ hợp (NFD): Hải An")}, None),
    ({"item": "ct-pl2-iv-28", "value": "62%", "actual_date": TODAY, "source": "BC 45"}, None),
    ({"item": "ct-pl2-iv-28", "value": "62%", "actual_date": TODAY, "source": ""}, "source"),
    ({"item": "nv-1-1", "status": "đang triển khai", "date": TODAY, "note": "Đã họp <script>alert(1)</script>"}, "note"),
    ({"item": "ct-pl2-iv-28", "value": "62%", "actual_date": TODAY, "source": "<b>BC 45</b>"}, "source"),
    # Invisible characters pasted in: a control character would break the Atom feeds, a right-to-left
    # override reverses the rest of the line; an emoji is one character on both sides, not two.
    ({"item": "nv-1-1", "status": "đang triển khai", "date": TODAY, "note": "Đã họp\u0001 lần 2\u0007"}, "note"),
    ({"item": "nv-1-1", "status": "đang triển khai", "date": TODAY, "note": "Đã họp \u202eabc"}, "note"),
    ({"item": "nv-1-1", "status": "đang triển khai", "date": TODAY, "note": "👍" * 600}, None),
]


def _python_verdict(repo: Path, path: str, yaml_text: str) -> set[str]:
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(yaml_text, encoding="utf-8")
    try:
        load_portal(repo / "plans", repo / "sources", repo)
        return set()
    except ValidationFailed as exc:
        return {p.field for p in exc.problems}
    finally:
        (repo / path).unlink()


FIELD_NAMES = {"evidence_document": "evidence", "evidence_url": "url", "actual_date": "date"}


def test_the_form_and_make_check_reach_the_same_verdict(scratch, browser):
    repo, url = scratch
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{url}/nhap-tien-do/")
    page.wait_for_selector("#pf-plan option[value=hai-an]", state="attached")
    verdicts = page.evaluate("""async (cases) => {
        const form = await import('../assets/progress-form.js');
        const [rules, items] = await Promise.all(['quy-tac-tien-do.json', 'nhap-tien-do.json']
            .map(n => fetch('../data/' + n).then(r => r.json())));
        return cases.map(entry => form.check({plan: 'hai-an', ...entry}, rules, items));
    }""", [c for c, _ in CASES])
    context.close()
    for (entry, expected), verdict in zip(CASES, verdicts):
        js_fields = {FIELD_NAMES.get(p["field"], p["field"]) for p in verdict["problems"]}
        python_fields = _python_verdict(repo, verdict["file"]["path"], verdict["file"]["yaml"])
        assert (js_fields, python_fields) == ({expected} - {None},) * 2, (entry, verdict, python_fields)


def test_a_future_date_is_refused_by_the_form(scratch, browser):
    repo, url = scratch
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{url}/nhap-tien-do/?plan=hai-an&item=nv-1-1")
    page.wait_for_selector("#pf-task:not([hidden])")
    page.select_option("select[name=status]", "đang triển khai")
    page.evaluate("d => { const i = document.querySelector('input[name=date]'); i.removeAttribute('max'); i.value = d; }", _a_future_day())
    page.fill("textarea[name=note]", "Sẽ họp.")
    page.click("#progress-form button[type=submit]")
    assert "còn ở tương lai" in page.inner_text("#progress-problems")
    assert page.is_hidden("#progress-result")
    context.close()
