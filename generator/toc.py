"""The table of contents of pages written as HTML, carried to the theme in their front matter.

Markdown's toc extension only sees Markdown headings, so for pages written as HTML (front matter
`html_body: true`) no engine would find any. The generator reads their headings once and writes the
table of contents into the front matter as `toc:` (JSON, which is YAML); the theme's
`partials/toc.html` override shows it. No engine hook is needed, so MkDocs and Zensical show the same.
"""
from __future__ import annotations

import json
import re

_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', re.S)
_TAG = re.compile(r"<[^>]+>")


def toc_tokens(html: str) -> list[dict]:
    """Headings of a page written as HTML, nested as Python-Markdown's toc extension nests them,
    in the shape the theme's toc partials read (title, url, level, children)."""
    tokens: list[dict] = []
    open_: list[dict] = []  # the innermost open heading of each level above the current one
    for level, anchor, inner in _HEADING.findall(html):
        token = {"title": _TAG.sub("", inner).strip(), "url": "#" + anchor, "level": int(level), "children": []}
        while open_ and open_[-1]["level"] >= token["level"]:
            open_.pop()
        (open_[-1]["children"] if open_ else tokens).append(token)
        open_.append(token)
    return tokens


def with_toc(page: str) -> str:
    """A rendered HTML-bodied page with `toc:` added to its front matter (the page starts with it)."""
    end = page.index("\n---", 4)
    toc = json.dumps(toc_tokens(page[end:]), ensure_ascii=False, separators=(",", ":"))
    return f"{page[:end]}\ntoc: {toc}{page[end:]}"
