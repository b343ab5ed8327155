"""MkDocs hooks (mkdocs.yml `hooks:`): optional speed-ups, MkDocs and ProperDocs only. Zensical ignores
`hooks:` and builds the same pages with the same text without them (tests/test_engines.py).

1. Pages whose front matter says `html_body: true` (plan, task, indicator, unit and scan-text pages,
   nearly all of a portal) were written as HTML by the generator. MkDocs would still build a Markdown
   converter for each of them and run their body through it; here their body is taken as the page
   content as it stands, so MkDocs only wraps them in the theme. The table of contents travels in front
   matter (generator/toc.py, theme/overrides/partials/toc.html).
2. Material's navigation sidebar is the same on every page outside the nav (all generated pages) save
   for its relative links, yet re-rendering it was ~20 % of MkDocs' time. It is rendered once per
   distinct set of relative links (one per folder depth and top-level section) and reused. The same
   holds for the theme's configuration script, which varies only with `base_url`.
3. Indentation is stripped from each page as it is written (generator/postbuild.py's function, so the
   same bytes as the pass Zensical's output gets): a second pass would read and rewrite every page.

tests/test_build.py checks that the output equals what MkDocs writes without the caches.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from types import MethodType

from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from generator.postbuild import strip_indentation


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.meta.get("html_body"):
        page.render = MethodType(_render_generated, page)
    return markdown


def _render_generated(page, config, files) -> None:
    """Page.render for a page written as HTML: what MkDocs' own render leaves on a page whose Markdown
    holds no Markdown (no anchors found, no links to check), without building a converter."""
    page.content = page.markdown
    # page.toc as Markdown's toc would have made it: Material's "skip to content" link reads it.
    page.toc = get_toc(_tokens(page.meta.get("toc") or []))
    page._title_from_render = None
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def _tokens(toc: list[dict]) -> list[dict]:
    return [{"level": t["level"], "id": t["url"][1:], "name": t["title"], "children": _tokens(t["children"])}
            for t in toc]


def on_env(env, config, files):
    nav = env.get_template("partials/nav.html")
    nav.root_render_func = _reused(nav.root_render_func, _nav_key(config))
    base = env.get_template("base.html")
    if "config" in base.blocks:
        base.blocks["config"] = _reused(base.blocks["config"], lambda context: context.get("base_url"))
    return env


def _nav_key(config) -> Callable[[dict], Hashable | None]:
    def key(context) -> Hashable | None:
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or any(p.active for p in nav.pages) or page in nav.pages:
            return None  # a page of the nav marks itself active and may list its contents: render it
        targets = [p.url for p in nav.pages] + [config.theme.get("logo") or ""]
        return tuple(get_relative_url(t, page.url) for t in targets)
    return key


def _reused(render: Callable[[object], Iterator[str]], key: Callable[[object], Hashable | None]):
    """A Jinja render function whose output is kept per key: what the output depends on."""
    done: dict[Hashable, str] = {}

    def render_once(context) -> Iterator[str]:
        k = key(context)
        if k is None:
            yield from render(context)
            return
        if k not in done:
            done[k] = "".join(render(context))
        yield done[k]
    return render_once


def on_post_page(output: str, page, config) -> str:
    return strip_indentation(output)


def on_post_template(output: str, template_name: str, config) -> str:
    # 404.html and sitemap.xml (MkDocs writes sitemap.xml.gz from this same output).
    return strip_indentation(output)
