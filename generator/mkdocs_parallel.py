"""`mkdocs build` with the per-page work split across forked processes (both cores of the build machine).

MkDocs converts every page's Markdown (≈ 90 % of its time here) and renders its theme template one
page after the other. Nothing in that work depends on other pages' *content* in this portal (nav
titles are explicit in mkdocs.yml, generated pages are not in the nav, no plugins), so after MkDocs
has collected the files and the nav, N workers are forked; worker k converts and writes pages k,
k+N, k+2N… and sends back each page's anchors and anchor links. The parent then renders 404.html and
sitemap.xml and validates anchor links across all pages exactly as `mkdocs build` does, and fails in
strict mode when any worker logged a warning. tests/test_build.py checks that the output equals
a plain `mkdocs build` and that a broken anchor in any worker's share fails the build.

This calls MkDocs internals (`_populate_page`, `_build_page`, `_build_theme_template`), hence the
pinned minor version of mkdocs in pyproject.toml; with --jobs 1 it runs the plain `mkdocs build`.
With PORTAL_ENGINE=properdocs it runs the same on ProperDocs (`make site ENGINE=properdocs`).

    python -m generator.mkdocs_parallel --jobs 2 build --quiet --clean -f mkdocs.yml -d build/site.tmp
"""
from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
if os.environ.get("PORTAL_ENGINE") == "properdocs":
    # ProperDocs, the community fork of MkDocs 1.6: every `mkdocs.*` import below (ours, Material's,
    # the hooks') then loads the same module of properdocs.
    import properdocs.replacement  # noqa: F401

from mkdocs import utils  # noqa: E402
from mkdocs.commands import build as mk  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import InclusionLevel, set_exclusions  # noqa: E402
from mkdocs.structure.nav import get_navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

log = logging.getLogger("mkdocs")


def _worker(conn, config, files, nav, env, doc_files, share: int, jobs: int) -> None:
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    log.addHandler(counter)
    anchors = {}
    try:
        mine = [f for i, f in enumerate(doc_files) if i % jobs == share]
        for file in mine:
            mk._populate_page(file.page, config, files)
        for file in mine:
            mk._build_page(file.page, config, doc_files, nav, env)
            page = file.page
            links = {to.src_uri: dict(v) for to, v in (page.links_to_anchors or {}).items()}
            anchors[file.src_uri] = (set(page.present_anchor_ids or ()), links)
            page.content = None  # free memory as we go
        conn.send(("ok", anchors, dict(counter.get_counts())))
    except BaseException as exc:  # report, never hang the parent
        conn.send(("error", repr(exc), {}))
    finally:
        conn.close()


def build(config, jobs: int) -> None:
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    if config.strict:
        log.addHandler(counter)
    start = time.monotonic()
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    utils.clean_directory(config.site_dir)
    files = mk.get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for file in doc_files:
        if file.page is None:
            Page(None, file, config)
    env = config.plugins.on_env(env, config=config, files=files)
    files.copy_static_files(inclusion=InclusionLevel.is_included)

    ctx = multiprocessing.get_context("fork")
    procs = []
    for k in range(jobs):
        parent, child = ctx.Pipe(duplex=False)
        p = ctx.Process(target=_worker, args=(child, config, files, nav, env, doc_files, k, jobs))
        p.start()
        child.close()
        procs.append((p, parent))
    worker_warnings = 0
    for p, conn in procs:
        status, payload, counts = conn.recv()
        p.join()
        if status != "ok":
            raise Abort(f"worker failed: {payload}")
        worker_warnings += sum(n for level, n in counts.items())
        for src_uri, (present, links) in payload.items():
            page = files.get_file_from_path(src_uri).page
            page.present_anchor_ids = present
            page.links_to_anchors = {files.get_file_from_path(to): v for to, v in links.items()}

    for template in config.theme.static_templates:
        mk._build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        mk._build_extra_template(template, files, config, nav)
    level = config.validation.links.anchors
    for file in doc_files:
        file.page.validate_anchor_links(files=files, log_level=level)
    config.plugins.on_post_build(config=config)
    counts = counter.get_counts()
    if config.strict and (counts or worker_warnings):
        raise Abort(f"Aborted with {worker_warnings + sum(n for _, n in counts)} warnings in strict mode!")
    log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds ({jobs} processes)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("command", choices=["build"])
    ap.add_argument("--quiet", "-q", action="store_true")
    ap.add_argument("--clean", action="store_true")
    ap.add_argument("-f", "--config-file", required=True)
    ap.add_argument("-d", "--site-dir", required=True)
    args = ap.parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    # Quiet hides progress, never the warnings that fail a strict build: staff need to see which link broke.
    handler.setLevel(logging.WARNING if args.quiet else logging.INFO)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    config = load_config(args.config_file, site_dir=args.site_dir)
    try:
        if args.jobs < 2:
            mk.build(config)
        else:
            build(config, args.jobs)
    except Abort as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
