"""Which kinds of page cost what in the MkDocs stage: times Markdown conversion (_populate_page) and
template rendering (_build_page) of every page, in-process, and groups them by page kind.

    .venv/bin/python bench/page_costs.py --pages 1000 [--variant yaml-c] [--tree DIR]

Prints, per kind (task, indicator, unit, plan, source text, document, index/hand-written): pages,
total and mean milliseconds for conversion and for the theme template, mean Markdown and HTML bytes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import synthetic  # noqa: E402

AS_OF = dt.date(2026, 11, 25)


def kind(src_uri: str) -> str:
    parts = src_uri.split("/")
    name = parts[-1]
    if parts[0] == "ke-hoach" and len(parts) == 3:
        if name == "index.md":
            return "plan page"
        if name.startswith("ct-"):
            return "indicator"
        if name.startswith("pc-"):
            return "task (assignment row)"
        if name.startswith("th-"):
            return "task (implementation duty)"
        return "task (body)"
    if parts[0] == "don-vi" and name != "index.md":
        return "unit"
    if parts[0] == "van-ban" and name != "index.md":
        return "document"
    if parts[0] == "nguon":
        return "source text"
    if parts[0] == "huong-dan":
        return "guide"
    return "index / hand-written"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--tree", type=Path)
    ap.add_argument("--variant", default="")
    args = ap.parse_args(argv)
    root, tmp = synthetic.tree_for(args.tree, args.pages, "pagecosts")
    try:
        import run
        run.enter(root, args.variant)
        from generator.build import Paths, generate
        generate(Paths(root), AS_OF)
        from mkdocs.commands import build as mk
        from mkdocs.config import load_config
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        conv: dict[str, list[float]] = defaultdict(list)
        tmpl: dict[str, list[float]] = defaultdict(list)
        sizes: dict[str, list[tuple[int, int]]] = defaultdict(list)
        populate, build_page = mk._populate_page, mk._build_page

        def timed_populate(page, config, files, dirty=False):
            start = time.perf_counter()
            populate(page, config, files, dirty)
            conv[kind(page.file.src_uri)].append(time.perf_counter() - start)
            sizes[kind(page.file.src_uri)].append((len(page.markdown.encode()), len(page.content.encode())))

        def timed_build(page, *a, **kw):
            start = time.perf_counter()
            build_page(page, *a, **kw)
            tmpl[kind(page.file.src_uri)].append(time.perf_counter() - start)

        mk._populate_page, mk._build_page = timed_populate, timed_build
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "build" / "site.costs"))
        start = time.perf_counter()
        mk.build(config)
        wall = time.perf_counter() - start
        total_conv = sum(map(sum, conv.values()))
        total_tmpl = sum(map(sum, tmpl.values()))
        print(f"mkdocs build in-process: {wall:.1f} s; Markdown conversion {total_conv:.1f} s, theme templates "
              f"{total_tmpl:.1f} s, rest (config, nav, static files, anchors…) {wall - total_conv - total_tmpl:.1f} s\n")
        print(f"| kind | pages | convert s | convert ms/page | template ms/page | Markdown KB | HTML (article) KB |")
        print(f"|---|---:|---:|---:|---:|---:|---:|")
        for k in sorted(conv, key=lambda k: -sum(conv[k])):
            n = len(conv[k])
            md = sum(s[0] for s in sizes[k]) / n / 1024
            html = sum(s[1] for s in sizes[k]) / n / 1024
            print(f"| {k} | {n} | {sum(conv[k]):.1f} | {1000 * sum(conv[k]) / n:.1f} | "
                  f"{1000 * sum(tmpl[k]) / max(len(tmpl[k]), 1):.1f} | {md:.1f} | {html:.1f} |")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
