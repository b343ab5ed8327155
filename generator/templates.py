"""The Jinja environments, one per output type, all reading theme/templates/ with the same filters.

- `markdown`: .md.j2 pages; every {{ value }} escaped for Markdown, abbreviations marked;
- `html`: .html.j2 pages (plan, task, indicator, unit and scan-text pages, nearly all of a portal),
  whose body MkDocs passes through without a Markdown pass; every {{ value }} escaped for HTML;
- `markup`: XML and HTML the engine does not touch (Atom feeds, embeds, redirects), autoescaped;
- `text`: iCalendar, escaped field by field with `|ics`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup

from . import kinds, labels, markdown_text
from .labels import UNREADABLE
from .text import vi_key


@dataclass(frozen=True)
class Environments:
    markdown: jinja2.Environment
    html: jinja2.Environment
    markup: jinja2.Environment
    text: jinja2.Environment

    def for_page(self, template: str) -> jinja2.Environment:
        return self.html if template.endswith(".html.j2") else self.markdown


def _escaping(escape: Callable[[str, markdown_text.Abbreviations], str], abbreviations: markdown_text.Abbreviations):
    def finalize(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, Markup):
            return value
        return Markup(escape(str(value), abbreviations))
    return finalize


def _environment(folder: Path, **options) -> jinja2.Environment:
    # auto_reload off: every build makes its environments afresh, so checking each template's mtime on
    # every use (~50,000 stats at 10,000 pages) would buy nothing.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, auto_reload=False, **options)
    # Filters mean the same in every environment.
    env.filters["date_vi"] = markdown_text.date_vi
    env.filters["attr"] = lambda t: Markup(markdown_text.attr(t))  # an HTML attribute value, whitespace collapsed
    # Text in raw HTML blocks (HTML-escaped, not Markdown-escaped): blocks written as HTML rather than
    # <div markdown> spare MkDocs a Markdown pass over them on every page.
    env.filters["h"] = env.filters["attr"]
    # Text inside <pre>: quotes need no escaping there (|e wrote 5 bytes for each one).
    env.filters["pre"] = lambda t: Markup(str(t).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    env.filters["raw"] = lambda t: Markup(t if t is not None else "")
    env.filters["sort_vi"] = lambda items, attribute: sorted(items, key=lambda x: vi_key(getattr(x, attribute) or ""))
    env.filters["ics"] = lambda s: (str(s or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                                    .replace("\n", "\\n"))
    env.globals.update(UNREADABLE=UNREADABLE, SITE_NAME=labels.SITE_NAME, CLOSED=labels.CLOSED, label=labels.label,
                       path=kinds.path, page_at=kinds.page_path)
    return env


def environments(folder: Path, abbreviations: markdown_text.Abbreviations = markdown_text.NO_ABBREVIATIONS,
                 **helpers: Callable) -> Environments:
    """helpers: extra functions page templates call, given to the page environments."""
    # trim_blocks also eats the newline after a tag that ends a line of text; such lines end in "+%}"
    # (Markdown needs that newline: list entries and paragraphs would run together).
    page = {"extensions": ["jinja2.ext.do"], "keep_trailing_newline": True}
    markdown = _environment(folder, finalize=_escaping(markdown_text.md, abbreviations), autoescape=False, **page)
    html = _environment(folder, finalize=_escaping(markdown_text.html, abbreviations), autoescape=True, **page)
    html.filters["block"] = lambda t: Markup(markdown_text.html_block(t, abbreviations))
    for env in (markdown, html):
        env.globals["abbreviations"] = abbreviations  # render_pages starts each page (first occurrence explained)
        env.globals.update(helpers)
    return Environments(markdown, html, _environment(folder, autoescape=True), _environment(folder, autoescape=False))
