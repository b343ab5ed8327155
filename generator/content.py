"""Hand-written content: pages copied as they are, guides joined to the plan items of their topic,
and the one glossary that feeds hover explanations, the glossary page and search synonyms."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, ClassVar

import minify_html
import yaml

from . import kinds
from .errors import DataError, ValidationFailed
from .load import LDict, LList, load_file  # the plans' strict, line-keeping YAML loader
from .model import Indicator, Portal, Task
from .output import copy_if_changed, write_if_changed

GUIDES_DIR = "guides"  # content/guides/<slug>.md → the "guide" page kind (kinds.KINDS)


@dataclass(frozen=True)
class Term:
    abbr: str
    full: str
    explain: str
    also: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    page_kind: ClassVar[str] = "guide"
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
        return kinds.path_for(self)

    @property
    def url(self) -> str:
        return kinds.url_for(self)

    @property
    def headings(self) -> list[str]:
        return [line.lstrip("#").strip() for line in self.body.splitlines() if line.startswith("#")]

    @property
    def body_with_abbreviations(self) -> str:
        return self.body.rstrip() + "\n\n" + abbreviation_snippet(list(self.glossary))


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


EVERYDAY_WORDS = "everyday-words.yaml"


def load_everyday_words(content: Path) -> dict[str, tuple[str, ...]]:
    """content/everyday-words.yaml: a phrase the plans print → how residents say it (search only).
    Read with the plans' loader, so a mistake is reported with its file and line."""
    path = content / EVERYDAY_WORDS
    if not path.exists():
        return {}
    shown_as = f"content/{EVERYDAY_WORDS}"
    data = load_file(path, shown_as).data
    entries = data.get("words") if isinstance(data, LDict) else None
    if not isinstance(entries, LList):
        raise DataError(shown_as, getattr(data, "line", 1) or 1, "words", "cần danh sách `words:` gồm các mục "
                        "`phrase` và `everyday`.", "expected a list `words`")
    out: dict[str, tuple[str, ...]] = {}
    for i, entry in enumerate(entries):
        phrase = entry.get("phrase") if isinstance(entry, LDict) else None
        everyday = entry.get("everyday") if isinstance(entry, LDict) else None
        if not phrase or not isinstance(phrase, str):
            raise DataError(shown_as, entries.line_of(i), "phrase", "mỗi mục cần `phrase`: cụm từ như kế hoạch viết.",
                            "each entry needs a phrase")
        if not isinstance(everyday, LList) or not everyday or not all(isinstance(e, str) and e for e in everyday):
            raise DataError(shown_as, entry.line_of("everyday"), "everyday", "cần danh sách cách gọi thường ngày, "
                            "ví dụ [online, trên mạng].", "everyday must be a non-empty list of words")
        out[phrase] = out.get(phrase, ()) + tuple(everyday)
    return out


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


def page_file(rel: str) -> str:
    """Where a hand-written page goes in the docs tree: `x.md` → `x/index.md` (kinds: every page is a folder)."""
    return rel if rel == "index.md" or rel.endswith("/index.md") else rel[: -len(".md")] + "/index.md"


_LINK = re.compile(r"(\]\()([^)\s#]+)")


def relocate_links(markdown: str, old: str, new: str) -> str:
    """Relative Markdown links of a page written at `new` instead of `old`, still pointing where their
    writer meant (`](vneid.md)` in huong-dan/an-toan.md → `](../vneid/index.md)` in huong-dan/an-toan/index.md)."""
    def move(m: re.Match) -> str:
        target = m.group(2)
        if re.match(r"[a-z][a-z0-9+.-]*:|/", target):
            return m.group(0)
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(old), target))
        if resolved.endswith(".md"):
            resolved = page_file(resolved)
        return m.group(1) + posixpath.relpath(resolved, posixpath.dirname(new) or ".")
    return _LINK.sub(move, markdown)


def copy_content(content: Path, assets: Path, docs: Path,
                 search_terms: "Callable[[dict, str], str] | None" = None) -> set[str]:
    """Copy hand-written pages (each as `<url>/index.md`, with the abbreviation definitions appended) and theme assets.
    search_terms(front matter, body): the hidden words a page is also found by (the same block generated
    pages carry: title pairs, đ spelled d, synonyms, its `keywords`), put after the front matter."""
    written: set[str] = set()
    snippet = abbreviation_snippet(load_glossary(content))
    for src in sorted(content.rglob("*")):
        rel = str(src.relative_to(content).as_posix())
        if src.is_dir() or rel.split("/")[0] == GUIDES_DIR or src.suffix in (".yaml", ".yml"):
            continue
        if src.suffix == ".md":
            out = page_file(rel)
            text = relocate_links(src.read_text(encoding="utf-8"), rel, out)
            if search_terms and text.startswith("---\n"):
                meta, body = split_front_matter(text, rel)
                if not meta.get("search_page"):  # the search page is not a result
                    end = text.index("\n---", 4) + 4
                    text = f"{text[:end]}\n{search_terms(meta, body)}\n{text[end:]}"
            write_if_changed(docs / out, text.rstrip() + "\n\n" + snippet)
        else:
            out = rel
            copy_if_changed(src, docs / out)
        written.add(out)
    for src in sorted(assets.rglob("*")):
        if src.is_file():
            rel = str(Path("assets") / src.relative_to(assets))
            written.add(rel)
            if src.suffix == ".js":  # a slow phone downloads search.js before its first result
                write_if_changed(docs / rel, minified(src.read_text(encoding="utf-8"), src.name))
            else:
                copy_if_changed(src, docs / rel)
    return written


def without_comment_lines(script: str) -> str:
    """A theme script without its comment lines (a line that is all comment: "// …", or a "/* … */"
    block whose first and last lines hold nothing else) nor indentation. Whole lines only, so nothing
    inside code or strings is touched; the theme's scripts have no template literal running over lines."""
    kept, in_block = [], False
    for line in script.splitlines():
        text = line.strip()
        if in_block:
            in_block = not text.endswith("*/")
        elif text.startswith("/*"):
            in_block = not text.endswith("*/")
        elif not text.startswith("//"):
            kept.append(text)
    return "\n".join(kept) + "\n"


def minified(script: str, name: str) -> str:
    """A theme script for a slow phone (search.js is part of the first search): without its comment lines
    (minify-html's JavaScript minifier keeps comments), then minified by minify-html, a twelfth less gzip
    than the comment-less script alone. Not rjsmin: it breaks nested template literals (ndparker/rjsmin#8).
    minify-html hands a script it cannot parse back untouched; that would hide a syntax error behind a
    script nobody minified, so it stops the build instead."""
    plain = without_comment_lines(script)
    body = minify_html.minify(f"<script>{plain}</script>", minify_js=True).removeprefix("<script>").removesuffix("</script>")
    if len(body) >= len(plain.strip()):
        raise DataError(f"theme/assets/{name}", 1, None, "trình thu gọn JavaScript không đọc được tệp này (lỗi cú pháp?)",
                        "the JavaScript minifier could not parse this file (syntax error?)")
    return body + "\n"


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
            checked=str(meta.get("checked", "")), keywords=tuple(meta.get("keywords") or ()),
            body=relocate_links(body, f"{kinds.url('guides')}{path.name}", kinds.url("guide", slug=path.stem) + "index.md"),
            tasks=tuple(t for t in portal.tasks.values() if topic in t.topics),
            indicators=tuple(i for i in portal.indicators.values() if topic in i.topics), glossary=tuple(glossary)))
    if problems:
        raise ValidationFailed(problems)
    return guides
