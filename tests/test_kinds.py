"""One registry of page kinds and URLs (generator/kinds.py), one catalogue of labels (generator/labels.py)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from generator import kinds, labels, schema
from generator.content import relocate_links
from generator.model import Portal

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "theme" / "templates"


def test_every_page_kind_has_its_template_and_a_known_breadcrumb_parent():
    for kind in kinds.KINDS.values():
        if kind.template:
            assert (TEMPLATES / kind.template).exists(), kind.id
            assert kind.pages is not None, kind.id
        if kind.parent:
            assert kinds.KINDS[kind.parent].is_page, kind.id


def test_an_item_page_url_comes_from_its_ids_and_is_written_as_a_folder_index(portal: Portal):
    task = portal.tasks["hai-an/nv-1-1"]
    assert kinds.url_for(task) == task.url == "ke-hoach/hai-an/nv-1-1/"
    assert kinds.path_for(task) == "ke-hoach/hai-an/nv-1-1/index.md"
    assert kinds.url_of_path(kinds.path_for(task)) == task.url
    assert kinds.path("source", "hai-an.txt") == "nguon/hai-an/index.md"
    assert kinds.path("embed", plan="hai-an", id="ct-1") == "nhung/hai-an/ct-1.html"
    assert kinds.url("home") == "" and kinds.path("home") == "index.md"


def test_breadcrumbs_follow_the_registry_from_the_home_page(portal: Portal):
    task = portal.tasks["hai-an/nv-1-1"]
    plan = portal.plans["hai-an"]
    assert kinds.crumbs("task", task, portal) == [
        ("Trang chủ", "index.md"), ("Kế hoạch", "ke-hoach/index.md"), (plan.short_title, "ke-hoach/hai-an/index.md"),
        (task.name, None)]
    assert kinds.crumbs("schema", None, portal) == [
        ("Trang chủ", "index.md"), ("Dữ liệu mở", "du-lieu/index.md"), ("Định dạng dữ liệu", None)]


def test_every_page_of_the_built_docs_tree_is_a_folder_index(portal, paths):
    pages = [str(p.relative_to(paths.docs)) for p in paths.docs.rglob("*.md")]
    assert len(pages) > 700
    assert [p for p in pages if not (p == "index.md" or p.endswith("/index.md"))] == []


def test_a_hand_written_page_moved_into_a_folder_keeps_its_links_meaning():
    moved = relocate_links("[a](vneid.md), [b](../du-lieu.md#x), [c](https://x.vn/a.md), [d](data/tasks.csv), [e](#top)",
                           "huong-dan/an-toan.md", "huong-dan/an-toan/index.md")
    assert moved == ("[a](../vneid/index.md), [b](../../du-lieu/index.md#x), [c](https://x.vn/a.md), "
                     "[d](../data/tasks.csv), [e](#top)")


# --- labels


def test_staff_words_map_to_stable_ids_and_back():
    for status in labels.STATUSES.values():
        assert labels.status_id(status.vi) == status.id
        assert labels.label(status.id) == status.vi
    assert labels.status_id("xong") is None
    assert schema.PROGRESS.of["status"].type.of == labels.status_words()


def test_computed_deadline_states_are_not_reported_statuses():
    assert {"overdue", "due-soon", "no-update"} <= set(labels.COMPUTED)
    assert not set(labels.COMPUTED) & set(labels.STATUSES)
    assert "quá hạn" not in labels.status_words()


def test_css_classes_and_markup_use_ids_not_vietnamese_words(site_dir):
    css = (ROOT / "theme" / "assets" / "portal.css").read_text(encoding="utf-8")
    assert not re.search(r"\.(status|timing)-[^\s,{]*[^\x00-\x7f]", css)
    page = (site_dir / "ke-hoach" / "hai-an" / "nv-1-1" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'class="status status-([^"]+)"', page) == ["no-update"]


def test_the_site_name_and_the_unreadable_marker_are_written_once():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    assert config["site_name"] == labels.SITE_NAME
    for literal in (labels.SITE_NAME, labels.UNREADABLE):
        found = subprocess.run(["git", "grep", "--untracked", "-lF", literal, "--", "generator", "theme"], cwd=ROOT,
                               capture_output=True, text=True).stdout.split()
        assert found == ["generator/labels.py"], (literal, found)


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml uses !ENV and !!python/name tags; their values do not matter here."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_relative_paths_between_pages_are_what_posixpath_relpath_gives():
    """kinds.relative_path skips relpath's abspath/getcwd on ~130,000 calls of a large build; it must mean
    the same for every pair of the site's own paths (no "..", no leading slash)."""
    import itertools
    import posixpath
    paths = ["", ".", "ke-hoach", "ke-hoach/hai-an", "ke-hoach/hai-an/nv-1-1", "ke-hoach/hai-an/nv-1-1/index.md",
             "ke-hoach/cat-hai/ct-1", "data/ke-hoach/hai-an/nv-1-1.csv", "don-vi/hai-an-ubnd", "index.md",
             "ke-hoach/hai-an-2", "assets/favicon.svg", "ke-hoach/hai-an/"]
    for to, start in itertools.product(paths, repeat=2):
        assert kinds.relative_path(to, start) == posixpath.relpath(to or ".", start or "."), (to, start)
