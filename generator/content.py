"""Hand-written content: pages copied as they are, guides joined to the plan items of their topic,
and the one glossary that feeds hover explanations, the glossary page and search synonyms."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DataError, ValidationFailed
from .model import Indicator, Portal, Task
from .render import Page

GUIDES_DIR = "guides"
GUIDES_URL = "huong-dan"
GLOSSARY_SLUG = "tu-viet-tat"


@dataclass(frozen=True)
class Term:
    abbr: str
    full: str
    explain: str
    also: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    description: str
    topic: str
    checked: str
    keywords: tuple[str, ...]
    body: str
    tasks: tuple[Task, ...]
    indicators: tuple[Indicator, ...]
    glossary: tuple[Term, ...]  # its definitions are appended to the body; the glossary page also lists them

    @property
    def path(self) -> str:
        return f"{GUIDES_URL}/{self.slug}.md"

    @property
    def headings(self) -> list[str]:
        return [line.lstrip("#").strip() for line in self.body.splitlines() if line.startswith("#")]

    @property
    def page(self) -> Page:
        context = {"guide": self, "body": self.body.rstrip() + "\n\n" + abbreviation_snippet(list(self.glossary))}
        if self.slug == GLOSSARY_SLUG:
            context["terms"] = self.glossary
        return Page(self.path, "guide.md.j2", context, marks_abbreviations=False)


def split_front_matter(text: str, shown_as: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        raise DataError(shown_as, 1, None, "thiếu phần đầu YAML (---) với title, description, topic.", "missing front matter")
    end = text.index("\n---", 4)
    meta = yaml.safe_load(text[4:end]) or {}
    return meta, text[end + 4:].lstrip("\n")


def load_glossary(content: Path) -> list[Term]:
    path = content / "glossary.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    data = data or {}
    return [Term(t["abbr"], t["full"], t.get("explain", ""), tuple(t.get("also") or ())) for t in data.get("terms", [])]


def abbreviation_snippet(terms: list[Term]) -> str:
    """Python-Markdown abbreviation definitions, appended to hand-written pages (generated pages
    mark abbreviations themselves, see markdown_text.Abbreviations)."""
    lines = []
    for t in sorted(terms, key=lambda t: -len(t.abbr)):
        title = t.full + (f": {t.explain}" if t.explain else "")
        lines.append(f"*[{t.abbr}]: {' '.join(title.split())}")
    # One definition per block: as a single block, Python-Markdown re-scans the rest of it once per
    # definition with every block processor (quadratic; 43 ms per guide page, bench/PROFILE.md).
    return "\n\n".join(lines) + "\n"


def abbreviation_titles(terms: list[Term]) -> dict[str, str]:
    return {t.abbr: " ".join((t.full + (f": {t.explain}" if t.explain else "")).split()) for t in terms}


def abbreviation_names(terms: list[Term]) -> dict[str, str]:
    """The full name alone: the title of an abbreviation's later occurrences on a page."""
    return {t.abbr: " ".join(t.full.split()) for t in terms}


def copy_content(content: Path, assets: Path, docs: Path) -> set[str]:
    """Copy hand-written pages (with the abbreviation definitions appended) and theme assets."""
    written: set[str] = set()
    snippet = abbreviation_snippet(load_glossary(content))
    for src in sorted(content.rglob("*")):
        rel = src.relative_to(content)
        if src.is_dir() or rel.parts[0] == GUIDES_DIR or src.suffix in (".yaml", ".yml"):
            continue
        written.add(str(rel))
        if src.suffix == ".md":
            _write_if_changed(docs / rel, src.read_text(encoding="utf-8").rstrip() + "\n\n" + snippet)
        else:
            _copy_if_changed(src, docs / rel)
    for src in sorted(assets.rglob("*")):
        if src.is_file():
            rel = Path("assets") / src.relative_to(assets)
            written.add(str(rel))
            _copy_if_changed(src, docs / rel)
    return written


def _write_if_changed(dst: Path, text: str) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if not dst.exists() or dst.read_text(encoding="utf-8") != text:
        dst.write_text(text, encoding="utf-8")


def _copy_if_changed(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if not dst.exists() or dst.read_bytes() != src.read_bytes():
        shutil.copyfile(src, dst)


def guide_pages(content: Path, portal: Portal, glossary: list[Term]) -> list[Guide]:
    guides = []
    problems = []
    for path in sorted((content / GUIDES_DIR).glob("*.md")):
        shown = str(path.relative_to(content.parent))
        try:
            meta, body = split_front_matter(path.read_text(encoding="utf-8"), shown)
        except DataError as exc:
            problems.append(exc.problem)
            continue
        topic = meta.get("topic", "")
        guides.append(Guide(
            slug=path.stem, title=meta.get("title", path.stem), description=meta.get("description", ""), topic=topic,
            checked=str(meta.get("checked", "")), keywords=tuple(meta.get("keywords") or ()), body=body,
            tasks=tuple(t for t in portal.tasks.values() if topic in t.topics),
            indicators=tuple(i for i in portal.indicators.values() if topic in i.topics), glossary=tuple(glossary)))
    if problems:
        raise ValidationFailed(problems)
    return guides
