"""What staff (and outsiders opening a pull request) may write never crashes the build: every mistake
becomes a Vietnamese problem naming file, line and field (issue 15: loader, limits, progress/ rules)."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import time
import unicodedata
from pathlib import Path

import pytest

from generator import rules
from generator.errors import Problem, ValidationFailed
from generator.validate import load_portal

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
PROGRESS = "plans/mini/progress"
AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "repo")
    return tmp_path / "repo"


def write(repo: Path, rel: str, content: str | bytes) -> Path:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load(repo: Path, as_of: dt.date | None = AS_OF):
    return load_portal(repo / "plans", repo / "sources", repo, as_of)


def problems(repo: Path, as_of: dt.date | None = AS_OF) -> list[Problem]:
    with pytest.raises(ValidationFailed) as caught:
        load(repo, as_of)
    found = caught.value.problems
    for p in found:  # the promise every problem keeps: file, line, Vietnamese, English in brackets
        assert p.file.startswith("plans/") and p.line >= 1 and p.message_vi and p.message_en, p
        assert re.match(r"^plans/\S+:\d+: ", str(p)), str(p)
    return found


def status_file(status: str = "đang triển khai", date: str = "2025-09-01", task: str = "nv-1-1", note: str = "Đã làm") -> str:
    return f'progress:\n  - task: {task}\n    date: {date}\n    status: "{status}"\n    note: "{note}"\n'


# --------------------------------------------------------------------------- 1. a loader that never crashes

@pytest.mark.parametrize("date", ["2026-13-01", "2026-02-31", "2026-1-5", "ngày 5/1/2026"])
def test_an_impossible_or_misspelt_date_is_a_problem_not_a_crash(repo, date):
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", status_file(date=date))
    [p] = problems(repo)
    assert (p.file, p.line, p.field) == (f"{PROGRESS}/2025-09-01-nv-1-1.yaml", 3, "date")
    assert date in p.message_vi and "YYYY-MM-DD" in p.message_vi


def test_scalars_are_kept_as_typed_not_retyped_by_yaml(repo):
    """`number: 1.10` is not the float 1.1, `note: no` is not False, `number: 01` keeps its zero."""
    edit(repo, "plans/mini/tasks.yaml", 'number: "1.1"', "number: 1.10")
    edit(repo, "plans/mini/tasks.yaml", 'number: "1.2"', "number: 01")
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", status_file().replace('note: "Đã làm"', "note: no"))
    portal = load(repo)
    assert portal.tasks["mini/nv-1-1"].number == "1.10" and portal.tasks["mini/nv-1-2"].number == "01"
    assert portal.progress["mini/nv-1-1"][0].note == "no"
    assert portal.progress["mini/nv-1-1"][0].date == dt.date(2025, 9, 1)


BROKEN_FILES = {
    "latin-1 encoding": ("tasks.yaml", "note: café".encode("latin-1"), "UTF-8"),
    "duplicate key": ("tasks.yaml", "units:\n  - id: a\n    id: b\n", "hai lần"),
    "python tag": ("tasks.yaml", "units: !!python/object/apply:os.system ['echo hi']\n", "thẻ YAML"),
    "local tag": ("tasks.yaml", "units:\n  - !unit {id: a}\n", "thẻ YAML"),
    "str tag": ("tasks.yaml", "units:\n  - id: !!str a\n", "thẻ YAML"),
    "control character": ("tasks.yaml", "units:\n  - id: a\x07b\n", "ký tự không được phép"),
    "two documents": ("tasks.yaml", "units: []\n---\nunits: []\n", "sai cú pháp"),
    "bad indentation": ("tasks.yaml", "units:\n  - id: a\n   name: b\n", "sai cú pháp"),
    "list as key": ("tasks.yaml", "? [a, b]\n: c\n", "tên trường"),
    "deep nesting": ("tasks.yaml", "units: " + "[" * 5000 + "]" * 5000 + "\n", "lồng nhau quá sâu"),
    "tab indentation": ("tasks.yaml", "units:\n\t- id: a\n", "sai cú pháp"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_FILES))
def test_every_loader_or_parser_error_is_a_problem_with_file_and_line(repo, case):
    name, content, words = BROKEN_FILES[case]
    write(repo, f"plans/mini/{name}", content)
    found = problems(repo)
    assert any(p.file == f"plans/mini/{name}" and words in p.message_vi for p in found), [str(p) for p in found]


def test_a_broken_file_does_not_hide_the_problems_of_other_files(repo):
    write(repo, "plans/mini/tasks.yaml", b"\xff\xfe broken")
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", status_file(status="xong"))
    found = problems(repo)
    assert {p.file for p in found} >= {"plans/mini/tasks.yaml", f"{PROGRESS}/2025-09-01-nv-1-1.yaml"}


# --------------------------------------------------------------------------- 2. limits

def test_aliases_are_refused_before_they_are_expanded(repo):
    """1,000 aliases of one 50 KB string published three 66 MB pages; now the first anchor is refused."""
    big = "x" * 50_000
    aliases = "".join(f"  - {{task: nv-1-1, date: 2025-09-01, status: *s, note: *n}}\n" for _ in range(1000))
    text = f'progress:\n  - {{task: nv-1-1, date: 2025-09-01, status: &s "đang triển khai", note: &n "{big}"}}\n{aliases}'
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", text)
    [p] = problems(repo)
    assert p.line == 2 and "neo (&) và bí danh (*)" in p.message_vi


def test_an_anchor_bomb_is_refused_quickly(repo):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", "\n".join(lines) + "\n")
    start = time.perf_counter()
    [p] = problems(repo)
    assert time.perf_counter() - start < 5
    assert p.line == 1 and "bí danh" in p.message_vi


def test_a_file_larger_than_the_limit_is_refused_unread(repo):
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", status_file() + "# " + "x" * rules.MAX_FILE_BYTES + "\n")
    [p] = problems(repo)
    assert p.line == 1 and "tệp quá lớn" in p.message_vi and f"{rules.MAX_FILE_BYTES // 1024} KB" in p.message_vi


def test_a_note_longer_than_its_limit_is_refused(repo):
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", status_file(note="Đã làm. " * 200))
    [p] = problems(repo)
    assert (p.line, p.field) == (5, "note") and f"tối đa {rules.MAX_NOTE_CHARS:,}".replace(",", ".") in p.message_vi


def test_a_text_field_longer_than_its_limit_is_refused(repo):
    edit(repo, "plans/mini/tasks.yaml", "Tuyên truyền về chuyển đổi số cho người dân.", "Tuyên truyền. " * 500)
    [p] = problems(repo)
    assert p.field == "text" and "quá dài" in p.message_vi and "tối đa 5.000" in p.message_vi


def test_each_limit_has_its_own_message(repo):
    messages = set()
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", status_file(note="x" * (rules.MAX_NOTE_CHARS + 1)))
    messages.add(problems(repo)[0].message_en)
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", "x: " + "y" * rules.MAX_FILE_BYTES)
    messages.add(problems(repo)[0].message_en)
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", "x: " + "[" * 100 + "]" * 100)
    messages.add(problems(repo)[0].message_en)
    assert messages == {f"text longer than {rules.MAX_NOTE_CHARS} characters", "file larger than 256 KB", "nesting too deep"}


def test_values_quoted_in_messages_are_shortened(repo):
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", status_file(status="xong " * 2000))
    [p] = problems(repo)
    assert p.field == "status" and len(str(p)) < 600 and "xong xong" in p.message_vi and "…" in p.message_vi


# --------------------------------------------------------------------------- 3. rules for progress/

@pytest.mark.parametrize("name", ["2025-09-01-nv-1-1.yml", "2025-09-01-nv-1-1", "2025-09-01-nv-1-1.YAML",
                                  "2025-09-01-nv-1-1.yaml.txt"])
def test_only_yaml_files_belong_in_progress(repo, name):
    """A .yml file used to be ignored silently, even with an invalid status inside."""
    write(repo, f"{PROGRESS}/{name}", status_file(status="xong"))
    [p] = problems(repo)
    assert p.file == f"{PROGRESS}/{name}" and ".yaml" in p.message_vi


def test_a_yml_file_anywhere_in_plans_is_an_error(repo):
    write(repo, "plans/mini/units-extra.yml", "units: []\n")
    [p] = problems(repo)
    assert p.file == "plans/mini/units-extra.yml" and "units-extra.yaml" in p.message_vi


@pytest.mark.parametrize("content", ["", "\n\n", "# chỉ có ghi chú\n"])
def test_an_empty_progress_file_is_an_error(repo, content):
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", content)
    [p] = problems(repo)
    assert p.line == 1 and "trống" in p.message_vi


def test_a_progress_file_without_entries_is_an_error(repo):
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", "progress: []\n")
    [p] = problems(repo)
    assert "không có mục nào" in p.message_vi


@pytest.mark.parametrize("name, field", [("2025-09-02-nv-1-1.yaml", "date"), ("2025-09-01-nv-1-2.yaml", "task"),
                                         ("cap-nhat-nv-1-1.yaml", None)])
def test_the_file_name_must_match_the_date_and_item_inside(repo, name, field):
    write(repo, f"{PROGRESS}/{name}", status_file())
    [p] = problems(repo)
    assert (p.file, p.field) == (f"{PROGRESS}/{name}", field) and "tên tệp" in p.message_vi


@pytest.mark.parametrize("extra", ["units:\n  - {id: mini-moi, name: \"Đơn vị mới\"}\n",
                                   "task_tables:\n  - {id: moi, kind: tasks, title: \"Mới\", lines: [1, 1], groups: []}\n"])
def test_a_progress_file_holds_only_progress_and_actuals(repo, extra):
    """A 'progress' file that also adds units or task tables used to publish new pages."""
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", status_file() + extra)
    found = problems(repo)
    key = extra.split(":")[0]
    assert [(p.line, p.field) for p in found] == [(6, key)]
    assert "chỉ được có `progress:` và `actuals:`" in found[0].message_vi


def test_progress_outside_the_progress_folder_is_refused(repo):
    write(repo, "plans/mini/tien-do.yaml", status_file())
    [p] = problems(repo)
    assert (p.file, p.field) == ("plans/mini/tien-do.yaml", "progress") and "progress/" in p.message_vi


def test_a_status_typed_in_decomposed_unicode_is_accepted_and_notes_published_composed(repo):
    nfd_status = unicodedata.normalize("NFD", "đang triển khai")
    nfd_note = unicodedata.normalize("NFD", "Đã tổ chức hội nghị quán triệt")
    assert nfd_status != "đang triển khai"
    write(repo, f"{PROGRESS}/2025-09-01-nv-1-1.yaml", status_file(status=nfd_status, note=nfd_note))
    [entry] = load(repo).progress["mini/nv-1-1"]
    assert entry.status == "in-progress"  # the catalogue id of "đang triển khai" (generator/labels.py)
    assert entry.note == "Đã tổ chức hội nghị quán triệt" and unicodedata.is_normalized("NFC", entry.note)


def actual_file(value: str, indicator: str = "ct-pl-1", date: str = "2026-10-31") -> str:
    return f'actuals:\n  - indicator: {indicator}\n    date: {date}\n    value: "{value}"\n    source: "Báo cáo 45"\n'


@pytest.mark.parametrize("value, ok", [("62%", True), ("62,5 %", True), ("abc", False), ("62", False), ("≥ 80%", False),
                                       ("120%", False), ("6O%", False)])
def test_an_actual_value_has_the_form_of_a_percentage_indicator(repo, value, ok):
    write(repo, f"{PROGRESS}/2026-10-31-ct-pl-1.yaml", actual_file(value))
    if ok:
        assert load(repo).actuals["mini/ct-pl-1"][0].value == value
        return
    [p] = problems(repo)
    assert (p.line, p.field) == (4, "value") and "tỷ lệ phần trăm" in p.message_vi and '"62%"' in p.message_vi


@pytest.mark.parametrize("value, ok", [("12", True), ("12%", False), ("thứ nhất", False), ("0", False)])
def test_an_actual_value_of_a_rank_indicator_is_a_rank(repo, value, ok):
    edit(repo, "plans/mini/indicators.yaml", 'targets: {"2025": "50%", "2030": "80-90%"}',
         'unit: "Thứ bậc"\n            targets: {"2025": "20", "2030": "10"}')
    write(repo, f"{PROGRESS}/2026-10-31-ct-pl-2.yaml", actual_file(value, "ct-pl-2"))
    if ok:
        assert load(repo).actuals["mini/ct-pl-2"][0].parsed.numeric == 12
        return
    [p] = problems(repo)
    assert p.field == "value" and "thứ hạng" in p.message_vi


def test_a_report_dated_after_the_build_date_is_refused(repo):
    """A report two years ahead used to hide until that day and then publish without review."""
    write(repo, f"{PROGRESS}/2028-11-25-nv-1-1.yaml", status_file(date="2028-11-25"))
    [p] = problems(repo, as_of=AS_OF)
    assert (p.line, p.field) == (3, "date") and "25/11/2028" in p.message_vi and "25/11/2026" in p.message_vi
    write(repo, f"{PROGRESS}/2026-11-25-nv-1-1.yaml", status_file(date="2026-11-25"))  # the build day itself is fine
    (repo / f"{PROGRESS}/2028-11-25-nv-1-1.yaml").unlink()
    assert load(repo, as_of=AS_OF).progress["mini/nv-1-1"][0].date == AS_OF


def test_the_rules_are_exported_for_the_browser_form(repo):
    """The form reads data/quy-tac-tien-do.json; its patterns are the ones the validator applies."""
    from generator.build import progress_rules
    from generator.labels import status_words
    edit(repo, "plans/mini/indicators.yaml", 'targets: {"2025": "50%", "2030": "80-90%"}',
         'unit: "Thứ bậc"\n            targets: {"2025": "20", "2030": "10"}')
    exported = json.loads(json.dumps(progress_rules(load(repo)), ensure_ascii=False))
    assert exported["indicators"] == {"mini/ct-pl-1": "percent", "mini/ct-pl-2": "rank"}
    assert list(exported["statuses"]) == status_words()
    assert exported["keys"] == ["progress", "actuals"] and exported["limits"]["note_chars"] == rules.MAX_NOTE_CHARS
    from generator import validate
    assert (exported["id_pattern"], exported["url_pattern"], exported["markup_pattern"]) == (
        validate._ID.pattern, validate._URL.pattern, validate._HTML.pattern)
    assert exported["evidence_required_for"] == ["hoàn thành"]
    assert re.fullmatch(exported["file_pattern"], "2026-11-20-nv-1-1.yaml")
    assert not re.fullmatch(exported["file_pattern"], "2026-11-20-nv-1-1.yml")
    for form in exported["value_forms"].values():  # each example satisfies its own pattern, as the form will check
        assert re.fullmatch(form["pattern"], form["example"]), form
        assert re.search(r"\\d|\(\?<|\(\?P", form["pattern"]) is None, "keep to the JS-compatible subset"


# --------------------------------------------------------------------------- make serve keeps serving

def test_serve_reports_problems_and_keeps_serving(repo, capsys):
    """A bad edit while previewing prints the problem and the preview goes on; the fix is picked up."""
    from generator import serve as preview
    from generator.build import Paths

    bad = repo / f"{PROGRESS}/2025-09-01-nv-1-1.yaml"
    edits = [lambda: write(repo, bad.relative_to(repo).as_posix(), status_file(date="2026-13-01")),
             lambda: write(repo, bad.relative_to(repo).as_posix(), status_file()),
             lambda: None]
    generated, started = [], []

    def make(paths, as_of, **kwargs):  # validation as the real generate does it; the pages themselves are not needed
        generated.append(load_portal(paths.plans, paths.sources, paths.root, as_of))

    class Server:
        def __init__(self):
            self.polls = 0

        def poll(self):
            self.polls += 1
            return None if self.polls <= len(edits) else 0

        def terminate(self):
            pass

        def wait(self):
            return 0

    def wait(_seconds):
        edits.pop(0)()
        import os
        os.utime(bad, (time.time() + len(edits), time.time() + len(edits)))  # a new mtime on every edit

    preview.serve(Paths(repo), AS_OF, make=make, start=lambda paths, port: started.append(Server()) or started[-1],
                  wait=wait)
    err = capsys.readouterr().err
    assert f"{PROGRESS}/2025-09-01-nv-1-1.yaml:3: trường `date`: ngày '2026-13-01' không có thật" in err
    assert "Traceback" not in err
    assert len(started) == 1 and len(generated) == 2  # served before the mistake and after its fix
