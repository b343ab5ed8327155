"""The same build/docs built by MkDocs (the default) and by Zensical (its successor) serve the same site.

Zensical is pinned in pyproject.toml (extra `engines`); README "Engines" says what still differs.
"""
from __future__ import annotations

import gzip
import json
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator import postbuild
from generator.build import engine_build, pagefind_index

pytest.importorskip("zensical")
# A second full build by another engine: its own tier (make test-engines, which .ci/run runs after
# make test), so make test stays within its 5 minutes on the 2-core machine (issue 16 allows a CI job).
pytestmark = pytest.mark.engines


@pytest.fixture(scope="module")
def zensical_dir(portal, paths, site_dir) -> Path:
    """Zensical's build of the docs tree the session's MkDocs build used, finished the same way."""
    out = paths.build / "site.zensical"  # Zensical wants its site_dir inside the project
    engine_build(paths, out, "zensical")
    # Files the generator moves into the site after the engine (build.move_items, build.move_files): per-item
    # downloads, share images, the plans' Excel files. Taken from the MkDocs site, where build() put them.
    for file in (site_dir / "data").rglob("*"):
        target = out / file.relative_to(site_dir)
        if file.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, target)
    postbuild.run(out, paths.docs)
    pagefind_index(out)
    yield out
    shutil.rmtree(out, ignore_errors=True)


class _Page(HTMLParser):
    """The main text (the <article>), the table of contents' links and every link of a page."""

    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.toc: list[str] = []
        self.links: list[str] = []
        self._article = 0
        self._toc_depth = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self._article += 1
        if self._article and tag in ("script", "style"):
            self._skip += 1
        if a.get("data-md-component") == "toc":
            self._toc_depth = 1
        elif self._toc_depth and tag == "ul":
            self._toc_depth += 1
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
            if self._toc_depth:
                self.toc.append(a["href"])
        elif tag in ("link", "script", "img") and (a.get("href") or a.get("src")):
            self.links.append(a.get("href") or a.get("src"))

    def handle_endtag(self, tag):
        if tag == "article":
            self._article -= 1
        if self._article and tag in ("script", "style"):
            self._skip -= 1
        if self._toc_depth and tag == "ul":
            self._toc_depth -= 1

    def handle_data(self, data):
        if self._article and not self._skip:
            self.text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _pages(site: Path) -> dict[str, _Page]:
    return {str(p.relative_to(site)): _parse(p) for p in site.rglob("index.html") if "pagefind" not in p.parts}


@pytest.fixture(scope="module")
def both(site_dir, zensical_dir):
    return _pages(site_dir), _pages(zensical_dir)


def _words(page: _Page) -> str:
    return " ".join(" ".join(page.text).split())


def test_both_engines_serve_the_same_pages(both):
    mkdocs, zensical = both
    assert len(mkdocs) > 700
    assert sorted(mkdocs) == sorted(zensical)


def test_the_main_text_of_every_page_is_the_same(both):
    mkdocs, zensical = both
    differing = [name for name in mkdocs if _words(mkdocs[name]) != _words(zensical[name])]
    assert differing == []
    assert all(_words(p) for p in mkdocs.values())  # the comparison compared text, not two empty strings


def test_a_table_of_contents_wherever_mkdocs_has_one(both):
    mkdocs, zensical = both
    with_toc = [name for name, page in mkdocs.items() if page.toc]
    assert len(with_toc) > 600  # plan, task, indicator, unit pages (written as HTML) and guides
    assert [name for name in with_toc if zensical[name].toc != mkdocs[name].toc] == []


def _dead_links(site: Path, pages: dict[str, _Page], prefix: str) -> list[str]:
    """Internal links whose target file does not exist when the site is served under `prefix`."""
    dead = []
    for name, page in pages.items():
        base = f"http://host{prefix}{posixpath.dirname(name)}/"
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto", "tel", "javascript", "data") or not parts.path:
                continue
            path = unquote(urlsplit(urljoin(base, href)).path)
            if not path.startswith(prefix):
                dead.append(f"{name}: {href}")
                continue
            target = site / path[len(prefix):]
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                dead.append(f"{name}: {href}")
    return dead


@pytest.mark.parametrize("prefix", ["/", "/cong/ke-hoach-so/"])
def test_no_dead_internal_link_at_the_root_or_under_a_sub_path(both, site_dir, zensical_dir, prefix):
    mkdocs, zensical = both
    assert _dead_links(site_dir, mkdocs, prefix) == []
    assert _dead_links(zensical_dir, zensical, prefix) == []


def _fragments(site: Path) -> dict[str, dict]:
    out = {}
    for f in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd"):])
        out[data["url"]] = data
    return out


def test_pagefind_indexes_the_same_fragments(site_dir, zensical_dir):
    mkdocs, zensical = _fragments(site_dir), _fragments(zensical_dir)
    assert len(mkdocs) > 700 and mkdocs.keys() == zensical.keys()
    assert [url for url in mkdocs if mkdocs[url] != zensical[url]] == []


def test_zensical_pages_are_stripped_and_ship_no_unused_search_index(zensical_dir):
    html = (zensical_dir / "ke-hoach" / "hai-an" / "nv-4-5" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"\n[ \t]+<", html.split("<pre")[0])
    assert not (zensical_dir / "search.json").exists()  # Pagefind searches; Zensical's own index is pruned
