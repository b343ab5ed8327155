"""Adding a locality's plan: `python -m generator new-plan <id> --source <scan>` writes a folder that
passes `make check` as it is, with no invented value; bad commands get a Vietnamese message."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.new_plan import TODO
from scratch import ROOT, copy_repo

SOURCE = sorted(p.name for p in (ROOT / "sources").glob("*.txt"))[0]


def _generator(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args, "--root", str(repo)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return copy_repo(tmp_path_factory.mktemp("new-plan") / "repo")


def test_the_scaffold_passes_make_check_and_adds_one_plan(repo):
    before = _generator(repo, "check")
    made = _generator(repo, "new-plan", "phuong-thu-nghiem", "--source", SOURCE, "--level", "ward")
    assert made.returncode == 0, made.stderr
    assert "Đã tạo 4 tệp trong plans/phuong-thu-nghiem/" in made.stdout
    folder = repo / "plans" / "phuong-thu-nghiem"
    assert sorted(p.name for p in folder.iterdir()) == ["indicators.yaml", "plan.yaml", "tasks.yaml", "units.yaml"]
    after = _generator(repo, "check")
    assert after.returncode == 0, after.stderr
    count = lambda out: int(out.split("Dữ liệu hợp lệ: ")[1].split(" kế hoạch")[0])
    assert count(after.stdout) == count(before.stdout) + 1


def test_the_scaffold_invents_no_value(repo):
    plan = yaml.safe_load((repo / "plans" / "phuong-thu-nghiem" / "plan.yaml").read_text(encoding="utf-8"))["plan"]
    # Whatever must come from the scan is marked as not yet copied; what is known comes from the command.
    assert all(plan[f].startswith(TODO) for f in ("title", "short_title", "locality"))
    assert plan["symbol"] is None and plan["date"] is None and plan["signer"] is None
    lines = len((repo / "sources" / SOURCE).read_text(encoding="utf-8").splitlines())
    assert (plan["source_file"], plan["lines"], plan["level"]) == (SOURCE, [1, lines], "ward")
    unit = yaml.safe_load((repo / "plans" / "phuong-thu-nghiem" / "units.yaml").read_text(encoding="utf-8"))["units"][0]
    assert unit["id"] == plan["issuer"] and unit["name"].startswith(TODO)


@pytest.mark.parametrize("args, message", [
    (["new-plan", "Phuong Moi", "--source", SOURCE], "mã kế hoạch 'Phuong Moi' không hợp lệ"),
    (["new-plan", "hai-an", "--source", SOURCE], "đã có thư mục plans/hai-an/"),
    (["new-plan", "phuong-moi"], "thiếu bản quét: thêm --source"),
    (["new-plan", "phuong-moi", "--source", "khong-co.txt"], "không có tệp 'khong-co.txt' trong sources/"),
    (["new-plan", "phuong-moi", "--source", SOURCE, "--level", "huyen"], "cấp 'huyen' không hợp lệ"),
    (["new-plan", "tim-kiem", "--source", SOURCE], "mã kế hoạch 'tim-kiem' trùng tên một mục của trang web"),
])
def test_bad_commands_get_a_vietnamese_message_and_write_nothing(repo, args, message):
    plans_before = sorted(p.name for p in (repo / "plans").iterdir())
    result = _generator(repo, *args)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"Không tạo được kế hoạch mới: {message}" in result.stderr
    assert sorted(p.name for p in (repo / "plans").iterdir()) == plans_before
