"""MkDocs hooks (mkdocs.yml `hooks:`): run inside MkDocs for every page it writes.

Pages whose front matter says `html_body: true` (plan, task, indicator, unit and scan-text pages,
nearly all of a portal) were written as HTML by the generator; MkDocs would still run them through
Markdown, which was ~70 % of its time per page. Their body is set aside before conversion and put
back as the page content (with the table of contents Markdown's toc would have made from its
headings), so MkDocs only wraps them in the theme. Links inside them are relative URLs already (the
generator's `url()`), and tests/test_site.py checks every link and anchor of the built site.

Jinja and Material leave ~12 % of every page as indentation and blank lines. Only leading
whitespace of lines and empty lines are removed, never whitespace inside a line and nothing inside
<pre>, <textarea> or <script>, so the rendered page is the same (measured in bench/PROFILE.md:
−2.7 KB a page). Running as a hook keeps it in the MkDocs workers, on both cores.
"""
from __future__ import annotations

import re

from mkdocs.structure.toc import get_toc

_KEEP = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>|<script[\s>].*?</script>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


def strip_indentation(html: str) -> str:
    parts = _KEEP.split(html)
    return "".join(part if i % 2 else _INDENT.sub("\n", part) for i, part in enumerate(parts))


def unused_theme_file(src_uri: str) -> bool:
    """Material's lunr search languages (its search plugin is off: Pagefind searches) and source maps
    (only developer tools fetch them): ~2.2 MB of every deployment nobody downloads."""
    return src_uri.startswith("assets/javascripts/lunr/") or src_uri.endswith(".map")


def on_files(files, config):
    for file in [f for f in files if unused_theme_file(f.src_uri)]:
        files.remove(file)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.meta.get("html_body"):
        page.generated_html = markdown
        return ""
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    generated = getattr(page, "generated_html", None)
    if generated is None:
        return html
    page.toc = get_toc(toc_tokens(generated))  # the sidebar's table of contents, as Markdown's toc made it
    return generated


_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', re.S)
_TAG = re.compile(r"<[^>]+>")


def toc_tokens(html: str) -> list[dict]:
    """Headings of a page written as HTML, nested as Python-Markdown's toc extension nests them."""
    tokens: list[dict] = []
    open_: list[dict] = []  # the innermost open heading of each level above the current one
    for level, anchor, inner in _HEADING.findall(html):
        token = {"level": int(level), "id": anchor, "name": _TAG.sub("", inner).strip(), "children": []}
        while open_ and open_[-1]["level"] >= token["level"]:
            open_.pop()
        (open_[-1]["children"] if open_ else tokens).append(token)
        open_.append(token)
    return tokens


def on_post_page(output: str, page, config) -> str:
    return strip_indentation(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    """sitemap.xml and 404.html: one <url> entry per page, indented the same way."""
    return strip_indentation(output_content)
