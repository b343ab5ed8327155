"""Builds that cannot collide: one build per tree at a time, a run folder per build, a swap that
always leaves a complete site/ (or repairs it first thing next time), unique Atom entry ids."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import swap
from generator.buildlock import BuildBusy, exclusive
from generator.build import Paths, write_feeds
from generator.templates import environments
from generator.validate import load_portal
from scratch import ROOT, copy_repo

AS_OF = "2026-11-25"


def _build(root: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--root", str(root), "--as-of", AS_OF],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PORTAL_JOBS": "1", **env})


def _files(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return copy_repo(tmp_path_factory.mktemp("safety") / "repo")


@pytest.fixture(scope="module")
def small_repo(tmp_path_factory) -> Path:
    """The repository with one plan (the smallest): two whole builds in a row take seconds, not a minute.
    Without urls.lock, whose promise the other plans' pages keep."""
    root = copy_repo(tmp_path_factory.mktemp("safety-small") / "repo")
    for plan in (root / "plans").iterdir():
        if plan.is_dir() and plan.name not in ("_shared", "so-noi-vu-hai-phong"):
            shutil.rmtree(plan)
    (root / "urls.lock").unlink()
    return root


def test_two_builds_at_once_both_finish_one_after_the_other_with_a_complete_site(small_repo):
    repo = small_repo
    first, second = _build(repo), _build(repo)
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    assert all("[site built]" in out for out, _ in outputs)
    # Exactly one of them found the other at work and waited, saying so in Vietnamese.
    assert sum("Đang chờ" in out for out, _ in outputs) == 1, outputs
    site = repo / "site"
    files = _files(site)
    assert "index.html" in files and "pagefind/pagefind.js" in files and "cap-nhat/atom.xml" in files
    assert len(files) > 200  # one plan's pages, its units, the guides, documents, data and search
    # The run folders and the previous site are gone; nothing else is left in build/.
    assert not list((repo / "build").glob("run-*")) and not (repo / "build" / swap.PREVIOUS).exists()


def test_a_build_stops_at_once_with_a_message_while_make_serve_holds_the_tree(repo):
    with exclusive(repo / "build", "serve"):
        result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(repo), "--as-of", AS_OF],
                                cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"`make serve` (tiến trình {os.getpid()}" in result.stderr
    assert "Hãy dừng bản xem trước (bấm Ctrl+C" in result.stderr


def test_a_build_that_waited_too_long_stops_with_a_message(repo):
    with exclusive(repo / "build", "build"):
        result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(repo), "--as-of", AS_OF],
                                cwd=ROOT, capture_output=True, text=True, timeout=60,
                                env={**os.environ, "PORTAL_BUILD_WAIT": "1"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Đang chờ `make site` xong (tối đa 1 giây)" in result.stdout
    assert "Không thể xây dựng lúc này: `make site`" in result.stderr and "Đã chờ 1 giây" in result.stderr


def test_the_lock_is_exclusive_within_one_process_too(tmp_path):
    with exclusive(tmp_path, "build"):
        with pytest.raises(BuildBusy, match="đang dùng thư mục build/"):
            with exclusive(tmp_path, "build", wait=0):
                pass
    with exclusive(tmp_path, "build", wait=0):  # released afterwards
        pass


def _site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_a_crash_between_the_two_renames_is_repaired_by_the_next_build(tmp_path, monkeypatch):
    site, build_dir = _site(tmp_path / "site", "cũ"), tmp_path / "build"
    new = _site(build_dir / "run-1" / "site", "mới")
    real_replace, calls = os.replace, []

    def crash_on_second(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:
            raise KeyboardInterrupt("killed between the renames")
        real_replace(src, dst)

    monkeypatch.setattr(swap.os, "replace", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        swap.swap_in(new, site, build_dir)
    monkeypatch.setattr(swap.os, "replace", real_replace)
    assert not site.exists()  # the state a crash leaves
    assert swap.repair(site, build_dir) is True
    assert (site / "index.html").read_text(encoding="utf-8") == "cũ"
    assert not (build_dir / swap.PREVIOUS).exists() and not (build_dir / "run-1").exists()
    # A swap that finished but missed its clean-up: nothing to restore, the leftover goes.
    _site(build_dir / swap.PREVIOUS, "cũ hơn")
    assert swap.repair(site, build_dir) is False and (site / "index.html").read_text(encoding="utf-8") == "cũ"
    assert not (build_dir / swap.PREVIOUS).exists()


def test_the_real_build_repairs_an_interrupted_swap_before_anything_else(repo):
    """Even a build that then fails on bad data puts the previous complete site back."""
    site, previous = repo / "site", repo / "build" / swap.PREVIOUS
    if not site.exists():
        assert _build(repo).wait(timeout=300) == 0
    before = _files(site)
    os.replace(site, previous)  # what a crash between the renames leaves
    bad = repo / "plans" / "hai-an" / "progress" / "2026-11-20-nv-1-1.yaml"
    bad.parent.mkdir(exist_ok=True)
    bad.write_text('progress:\n  - {task: nv-1-1, date: 2026-11-20, status: "xong", note: "x"}\n', encoding="utf-8")
    try:
        result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(repo), "--as-of", AS_OF],
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        bad.unlink()
    assert result.returncode == 1 and "status" in result.stderr
    assert _files(site) == before and not previous.exists()


def test_swap_replaces_the_site_and_leaves_no_previous_copy(tmp_path):
    site, build_dir = _site(tmp_path / "site", "cũ"), tmp_path / "build"
    swap.swap_in(_site(build_dir / "run-2" / "site", "mới"), site, build_dir)
    assert (site / "index.html").read_text(encoding="utf-8") == "mới"
    assert not (build_dir / swap.PREVIOUS).exists()
    swap.swap_in(_site(build_dir / "run-3" / "site", "lần đầu"), tmp_path / "none", build_dir)  # no site/ yet
    assert (tmp_path / "none" / "index.html").exists()


def test_atom_entry_ids_differ_for_two_updates_of_one_item_on_the_same_day_and_line(tmp_path):
    """Two reports on one task, the same day, each on line 2 of its own file: two entries, two ids."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", repo)
    progress = repo / "plans" / "mini" / "progress"
    progress.mkdir()
    (progress / "2025-09-01-nv-1-1.yaml").write_text(
        'progress:\n  - {task: nv-1-1, date: 2025-09-01, status: "đang triển khai", note: "Sáng"}\n', encoding="utf-8")
    portal = load_portal(repo / "plans", repo / "sources", repo)
    [morning] = portal.progress["mini/nv-1-1"]
    evening = dataclasses.replace(morning, note="Chiều", file=morning.file.replace(".yaml", "-chieu.yaml"))
    portal.progress["mini/nv-1-1"].append(evening)
    assert (morning.date, morning.line) == (evening.date, evening.line)
    out = Paths(tmp_path / "out")
    shutil.copytree(ROOT / "theme", out.root / "theme")
    write_feeds(portal, dt.date(2026, 1, 1), environments(out.theme / "templates"), out)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for feed in ("cap-nhat/atom.xml", "ke-hoach/mini/atom.xml"):
        entries = ET.parse(out.docs / feed).getroot().findall("a:entry", ns)
        ids = [e.find("a:id", ns).text for e in entries]
        assert len(entries) == 2 and len(set(ids)) == 2, ids
        assert {e.find("a:summary", ns).text for e in entries} == {"Sáng", "Chiều"}
