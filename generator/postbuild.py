"""Passes over the built site, whichever engine built it (like the Pagefind stage after them).

- Jinja and Material leave ~12 % of every page as indentation and blank lines. Only leading
  whitespace of lines and empty lines are removed, never whitespace inside a line and nothing inside
  <pre>, <textarea> or <script>, so the rendered page is the same (bench/PROFILE.md: −2.7 KB a page).
- Material's lunr search languages (its search plugin is off: Pagefind searches), source maps
  (only developer tools fetch them) and Zensical's own search index (search.json, 4.6 MB here; it
  builds one whatever the config says) are megabytes of every deployment nobody downloads.
"""
from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

from .output import write_if_changed
from .parallel import split_across_cores

_KEEP = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>|<script[\s>].*?</script>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
UNUSED_FOLDERS = ("assets/javascripts/lunr",)
UNUSED_FILES = ("search.json",)


def strip_indentation(html: str) -> str:
    parts = _KEEP.split(html)
    return "".join(part if i % 2 else _INDENT.sub("\n", part) for i, part in enumerate(parts))


def prune(site: Path, docs: Path) -> None:
    for folder in UNUSED_FOLDERS:
        shutil.rmtree(site / folder, ignore_errors=True)
    for name in UNUSED_FILES:
        if not (docs / name).exists():
            (site / name).unlink(missing_ok=True)
    for path in site.joinpath("assets").rglob("*.map"):
        path.unlink()


def _strip_files(files: list[Path]) -> set[str]:
    for path in files:
        write_if_changed(path, strip_indentation(path.read_text(encoding="utf-8")))
    return set()


def strip_site(site: Path, docs: Path, jobs: int | None = None) -> None:
    """Every page the engine rendered, and sitemap.xml (its .gz rewritten with the same header time).
    HTML files the generator wrote itself (embeds, redirects) are copied as they are."""
    pages = sorted(p for p in site.rglob("*.html") if not (docs / p.relative_to(site)).exists())
    split_across_cores(_strip_files, pages, jobs=jobs, minimum=200)
    sitemap = site / "sitemap.xml"
    if sitemap.exists():
        _strip_files([sitemap])
        packed = site / "sitemap.xml.gz"
        if packed.exists():
            mtime = int.from_bytes(packed.read_bytes()[4:8], "little")
            with open(packed, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(packed), mode="wb", mtime=mtime) as gz:
                gz.write(sitemap.read_bytes())


def run(site: Path, docs: Path, jobs: int | None = None, stripped: bool = False) -> None:
    """stripped: the engine already stripped each page as it wrote it (MkDocs and ProperDocs run
    generator/mkdocs_hooks.py, which calls strip_indentation); Zensical ignores hooks."""
    prune(site, docs)
    if not stripped:
        strip_site(site, docs, jobs)
