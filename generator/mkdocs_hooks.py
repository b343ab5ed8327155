"""MkDocs hooks (mkdocs.yml `hooks:`): an optional speed-up, MkDocs and ProperDocs only.

Pages whose front matter says `html_body: true` (plan, task, indicator, unit and scan-text pages,
nearly all of a portal) were written as HTML by the generator; MkDocs would still run them through
Markdown, which was ~70 % of its time per page. Their body is set aside before conversion and put
back as the page content, so MkDocs only wraps them in the theme. Without this hook (Zensical ignores
`hooks:`) the same pages come out with the same text: Markdown leaves their HTML blocks alone.

Everything else the output needs is engine-neutral: the table of contents travels in front matter
(generator/toc.py, theme/overrides/partials/toc.html), and indentation stripping and pruning of
unused theme files run over the built site (generator/postbuild.py). Under MkDocs the stripping is
done here instead, on each page as it is written (the same function, so the same bytes): a second
pass would read and rewrite every page again (~2.5 s at 10,000 pages, bench/run.py).
"""
from __future__ import annotations

from mkdocs.structure.toc import get_toc

from generator.postbuild import strip_indentation


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.meta.get("html_body"):
        page.generated_html = markdown
        return ""
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    generated = getattr(page, "generated_html", None)
    if generated is None:
        return html
    # page.toc as Markdown's toc would have made it: Material's "skip to content" link reads it.
    page.toc = get_toc(_tokens(page.meta.get("toc") or []))
    return generated


def _tokens(toc: list[dict]) -> list[dict]:
    return [{"level": t["level"], "id": t["url"][1:], "name": t["title"], "children": _tokens(t["children"])}
            for t in toc]


def on_post_page(output: str, page, config) -> str:
    return strip_indentation(output)


def on_post_template(output: str, template_name: str, config) -> str:
    # 404.html and sitemap.xml (MkDocs writes sitemap.xml.gz from this same output).
    return strip_indentation(output)
