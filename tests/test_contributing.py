"""CONTRIBUTING.md, the staff guide, is right on the day it is read: every example date is in the past
(a report dated in the future is refused), and every example progress file passes the check."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.validate import load_portal
from scratch import ROOT, copy_repo

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
PRINTED = re.compile(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b")
# "Tệp `plans/<plan>/progress/<name>.yaml`:" followed by its ```yaml block.
EXAMPLE = re.compile(r"Tệp `(plans/[^`]+/progress/[^`]+\.yaml)`:\s*```yaml\n(.*?)```", re.S)


def _dates(text: str) -> list[dt.date]:
    found = [dt.date(int(y), int(m), int(d)) for y, m, d in ISO.findall(text)]
    return found + [dt.date(int(y), int(m), int(d)) for d, m, y in PRINTED.findall(text)]


def test_no_example_date_is_in_the_future():
    dates = _dates(GUIDE)
    assert len(dates) > 10  # the guide's examples are dated
    assert [d for d in dates if d > dt.date.today()] == []


@pytest.mark.parametrize("path, text", EXAMPLE.findall(GUIDE), ids=lambda v: v if v.endswith(".yaml") else "")
def test_every_example_progress_file_passes_the_check(path, text, tmp_path):
    repo = copy_repo(tmp_path / "repo")
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text, encoding="utf-8")
    portal = load_portal(repo / "plans", repo / "sources", repo)
    name = Path(path).name
    entries = [e for entries in (*portal.progress.values(), *portal.actuals.values()) for e in entries
               if Path(e.file).name == name]
    assert len(entries) == 1 and entries[0].date.isoformat() == name[:10]


def test_the_guide_has_examples_of_both_kinds_of_file():
    kinds = {text.split(":", 1)[0] for _, text in EXAMPLE.findall(GUIDE)}
    assert kinds == {"progress", "actuals"}


def test_the_guide_covers_the_form_the_yaml_only_rule_and_future_dates():
    assert "### Dùng biểu mẫu nhập tiến độ" in GUIDE and "Cập nhật tiến độ (dành cho cán bộ)" in GUIDE
    assert "Chỉ tệp `.yaml`." in GUIDE
    assert "Không ghi ngày trong tương lai." in GUIDE
    assert "docs/them-ke-hoach.md" in GUIDE and (ROOT / "docs" / "them-ke-hoach.md").exists()
