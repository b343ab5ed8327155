"""The pipeline: load → validate → model → render pages → mkdocs build → pagefind index.

The site is built into a temporary folder of its own run and swapped into site/ only when every
stage succeeded, so a failed build never leaves a half-built site behind; the build lock keeps a
second build (or `make serve`) from writing build/ and site/ at the same time (buildlock, swap).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


from .content import (abbreviation_names, abbreviation_titles, copy_content, guide_pages, load_everyday_words, load_glossary,
                      split_front_matter)
from .markdown_text import Abbreviations
from .export import write_exports, write_workbooks
from .labels import SITE_NAME
from .model import Portal
from .output import write_if_changed
from .render import Site, render_pages
from .feeds import calendars, updates
from .templates import Environments, environments
from .kinds import path, url, url_of_path
from .errors import DataError, ValidationFailed
from .permalinks import Redirect, check_promises, load_redirects
from . import labels, localities, parallel, postbuild, progress_form, rules, settings, share_image
from .buildlock import exclusive
from .swap import RUN_PREFIX, repair, swap_in
from .search import Synonyms, hints, numbered_targets, numbered_tasks, preload_links, words_of
from .topics import load_topics, with_topics
from .validate import load_portal, value_form


@dataclass(frozen=True)
class Paths:
    root: Path  # the repository: plans/, sources/, content/, theme/, mkdocs.yml
    out: Path | None = None  # where build/ and site/ go: the repository, or a folder of its own (the tests')

    @property
    def plans(self) -> Path:
        return self.root / "plans"

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def theme(self) -> Path:
        return self.root / "theme"

    @property
    def build(self) -> Path:
        return (self.out or self.root) / "build"

    @property
    def docs(self) -> Path:
        return self.build / "docs"

    @property
    def items(self) -> Path:
        """Per-item downloads, written beside the docs tree and moved into the site (move_items)."""
        return self.build / "items"

    @property
    def later(self) -> Path:
        """Files written while the build goes on (share images, Excel files), moved into the site at its end."""
        return self.build / "later"

    @property
    def site(self) -> Path:
        return (self.out or self.root) / "site"


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)  # wall seconds the build spent in each stage
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds of work done in the background

    def run(self, name: str, fn, *args, **kwargs):
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start
        return result


@dataclass(frozen=True)
class Inputs:
    """What a pull request may change besides plans/, read and checked once per build: the declared
    redirects and the content settings (everyday words, where "Báo sai sót" goes, the 2025 changes)."""

    redirects: list[Redirect]
    everyday_words: dict[str, tuple[str, ...]]
    settings: dict
    admin: localities.AdminChanges


def load_inputs(paths: Paths) -> Inputs:
    """Every file's mistakes at once, as one ValidationFailed (a content file stops at its first)."""
    problems, values = [], []
    for load in (lambda: load_redirects(paths.root), lambda: load_everyday_words(paths.content),
                 lambda: settings.load(paths.content), lambda: localities.load(paths.content)):
        try:
            values.append(load())
        except ValidationFailed as exc:
            problems += exc.problems
        except DataError as exc:
            problems.append(exc.problem)
    if problems:
        raise ValidationFailed(problems)
    return Inputs(*values)


def check(paths: Paths, as_of: dt.date | None = None) -> Portal:
    """Validate only (make check): plans/ (progress dated after as_of is refused) and the other inputs
    (load_inputs), so what passes here does not stop the build later. Raises ValidationFailed with
    every problem found."""
    problems = []
    try:
        portal = load_portal(paths.plans, paths.sources, paths.root, as_of)
    except ValidationFailed as exc:
        problems += exc.problems
    try:
        load_inputs(paths)
    except ValidationFailed as exc:
        problems += exc.problems
    if problems:
        raise ValidationFailed(problems)
    return portal


def model(paths: Paths, topics: dict | None = None, as_of: dt.date | None = None) -> Portal:
    """The validated portal with the guides' topics attached to its items (plans/ only: the build reads
    the other inputs once, load_inputs)."""
    portal = load_portal(paths.plans, paths.sources, paths.root, as_of)
    return with_topics(portal, topics if topics is not None else load_topics(paths.content))


def generate(paths: Paths, as_of: dt.date, portal: Portal | None = None, clean: bool = True,
             timings: Timings | None = None, items_in_docs: bool = False) -> Portal:
    """Write the docs tree MkDocs builds: generated pages, hand-written content, data files.
    Raises ValidationFailed (and nothing reaches site/) when the data is invalid or a published URL would break."""
    return _generate(paths, as_of, portal, clean, timings or Timings(), items_in_docs)[0]


def _generate(paths: Paths, as_of: dt.date, portal: Portal | None, clean: bool, timings: Timings,
              items_in_docs: bool, files_later: bool = False) -> tuple[Portal, parallel.Background]:
    """generate(); with files_later, the share images and Excel files (downloads no page reads) are
    written into paths.later in the background while the build goes on (build() waits for them after
    Pagefind, the stage that leaves a core idle)."""
    topics = load_topics(paths.content)
    portal = portal or timings.run("load+validate", model, paths, topics, as_of)
    # Per-item downloads go beside docs/ and build() moves them into the site; the live preview
    # (mkdocs serve) serves docs/ as it is, so there they stay in docs/.
    items = None if items_in_docs else paths.items
    inputs = load_inputs(paths)
    for folder in (items, paths.later, paths.docs if clean else None):
        if folder is not None and folder.exists():
            shutil.rmtree(folder)
    paths.docs.mkdir(parents=True, exist_ok=True)
    work = [*(("workbook", p) for p in sorted(portal.plans)), *(("plan-image", p) for p in sorted(portal.plans)),
            *(("comparison-image", c) for c in sorted(portal.comparisons)),
            *(("share-image", key) for key in sorted(portal.indicators))]
    if files_later and items is not None:
        later = parallel.in_background(write_later, work, portal, paths.docs, paths.later, as_of.year,
                                       jobs=parallel.jobs(), minimum=64)
    else:
        later = parallel.Background(result=timings.run(
            "share images and workbooks", parallel.split_across_cores, write_later, work, portal, paths.docs, items,
            as_of.year, jobs=parallel.jobs(), minimum=64))
    try:
        _write_docs(paths, as_of, portal, topics, inputs, clean, timings, items,
                    set(later.wait()) if later.done else set())
    except BaseException:
        later.cancel()
        raise
    return portal, later


def write_later(work: list[tuple[str, str]], portal: Portal, docs: Path, out: Path | None, year: int) -> set[str]:
    """Files no page reads, so they can be written while the pages are built: share images ("share-image",
    indicator key; "comparison-image", comparison id; "plan-image", plan id, with its targets nearest to
    `year`) and the plans' Excel files ("workbook", plan id). Into `out` (a mirror of data/) when given;
    returns those written under docs/."""
    of = lambda wanted: [key for kind, key in work if kind == wanted]  # noqa: E731
    return (share_image.write_images(of("share-image"), portal, docs, out)
            | share_image.write_comparison_images(of("comparison-image"), portal, docs, out)
            | share_image.write_plan_images(of("plan-image"), portal, docs, out, year)
            | write_workbooks(of("workbook"), portal, docs, out))


# The portal's own pages a query may name by their title ("huong dan cho nguoi dan"); not the search page.
NAMED_SECTIONS = ("plans", "units", "documents", "guides", "updates", "open-data", "about", "progress-form", "comparisons")


def _section_front_matter(docs: Path) -> dict[str, tuple[str, list[str]]]:
    """The titles and search keywords the portal's own pages were written with (their front matter), by page kind."""
    titles = {}
    for kind in NAMED_SECTIONS:
        page = docs / path(kind)
        if page.exists():
            meta = split_front_matter(page.read_text(encoding="utf-8"), str(page))[0]
            titles[kind] = (meta.get("title", ""), [str(k) for k in meta.get("keywords") or ()])
    return titles


def _write_docs(paths: Paths, as_of: dt.date, portal: Portal, topics: dict, inputs: Inputs, clean: bool,
                timings: Timings, items: Path | None, written: set[str]) -> None:
    glossary = load_glossary(paths.content)
    abbreviations = Abbreviations(abbreviation_titles(glossary), abbreviation_names(glossary))
    envs = environments(paths.theme / "templates", abbreviations)
    site = Site(portal, paths.sources, as_of, topics=topics, site_url=site_url())
    guides = guide_pages(paths.content, portal, glossary)
    site.guides = {g.slug: g for g in guides}
    site.admin = inputs.admin
    site.report_mistake = settings.report_mistake(inputs.settings, os.environ.get("PORTAL_REPOSITORY", ""))
    site.synonyms = Synonyms(glossary, inputs.everyday_words)
    site.words = words_of(portal, guides, glossary, site.synonyms)
    content_search = envs.markdown.get_template("content-search.md.j2")
    written |= timings.run("content", copy_content, paths.content, paths.theme / "assets", paths.docs,
                           lambda meta, body: content_search.render(site=site, meta=meta, body=body).strip())
    pages = site.pages()
    common = {"site": site, "portal": portal, "as_of": as_of}
    written |= timings.run("render", parallel.split_across_cores, render_pages, pages, envs, paths.docs, common,
                           jobs=parallel.jobs())
    written |= timings.run("export", write_exports, portal, paths.docs / "data", items, parallel.jobs())
    written |= timings.run("feeds", write_feeds, portal, as_of, envs, paths)
    written |= timings.run("feeds", write_calendars, portal, site, envs, paths)
    written |= timings.run("render", write_embeds, portal, site, envs, paths)
    produced = {url_of_path(p) for p in written if p.endswith(".md")}
    redirects = inputs.redirects
    check_promises(paths.root, produced, redirects)
    written |= write_redirects(redirects, envs, paths)
    written.add(_write_json(paths.docs, path("progress-rules"), progress_rules(portal)))
    written.add(_write_json(paths.docs, path("progress-form-items"), progress_form.form_items(portal)))
    written.add(_write_json(paths.docs, path("search-hints"),
                            hints(guides, portal.plans.values(), portal.documents.values(), glossary, portal.units.values(),
                                  site.synonyms, site.localities(), portal.comparisons.values(), portal.indicators,
                                  portal.tasks, _section_front_matter(paths.docs))))
    written.add(_write_json(paths.docs, path("search-targets"), numbered_targets(portal.plans.values(), portal.indicators)))
    written.add(_write_json(paths.docs, path("search-tasks"), numbered_tasks(portal.plans.values(), portal.tasks)))
    if not clean:  # live preview: drop pages of items that no longer exist
        for file in paths.docs.rglob("*"):
            if file.is_file() and str(file.relative_to(paths.docs)) not in written:
                file.unlink()


def progress_rules(portal: Portal) -> dict:
    """The rules of progress/ files for the browser progress form (generator/rules.py, kind "progress-rules")."""
    return rules.export({s.vi: s.meaning for s in labels.STATUSES.values()}, [labels.STATUSES["done"].vi],
                        {key: value_form(ind) for key, ind in sorted(portal.indicators.items())})


def produced_urls(paths: Paths) -> set[str]:
    """URLs of the pages in the generated docs tree."""
    return {url_of_path(str(p.relative_to(paths.docs))) for p in paths.docs.rglob("*.md")}


def write_calendars(portal: Portal, site, envs: Environments, paths: Paths) -> set[str]:
    return parallel.split_across_cores(_write_calendars, sorted(calendars(portal).items()), site, envs, paths,
                                       jobs=parallel.jobs(), minimum=64)


def _write_calendars(entries: list[tuple[str, tuple]], site, envs: Environments, paths: Paths) -> set[str]:
    template = envs.text.get_template("calendar.ics.j2")
    written = set()
    for rel, (name, tasks) in entries:
        text = template.render(name=name, tasks=tasks, site=site, site_url=site_url(), stamp="20250101T000000Z",
                               one_day=dt.timedelta(days=1))
        write_if_changed(paths.docs / rel, "\r\n".join(fold_ics(line) for line in text.splitlines()) + "\r\n")
        written.add(rel)
    return written


def fold_ics(line: str) -> str:
    """RFC 5545 lines are at most 75 octets; longer ones continue on lines starting with a space.
    Cut on bytes, never inside a UTF-8 character (continuation bytes are 0b10xxxxxx)."""
    data = line.encode("utf-8")
    if len(data) <= 74:  # most lines: nothing to fold
        return line
    parts, start, room = [], 0, 74
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, room = end, 73  # continuation lines begin with one space
    parts.append(data[start:].decode("utf-8"))
    return "\r\n ".join(parts)


def write_embeds(portal: Portal, site, envs: Environments, paths: Paths) -> set[str]:
    """A small chrome-free view of each indicator (table and chart) for other sites to embed."""
    return parallel.split_across_cores(_write_embeds, sorted(portal.indicators), portal, site, envs, paths,
                                       jobs=parallel.jobs(), minimum=64)


def _write_embeds(keys: list[str], portal: Portal, site, envs: Environments, paths: Paths) -> set[str]:
    template = envs.markup.get_template("embed.html.j2")
    written = set()
    for key in keys:
        ind = portal.indicators[key]
        rel = path("embed", ind)
        plan = portal.plans[ind.plan]
        write_if_changed(paths.docs / rel, template.render(ind=ind, plan=plan, chart=site.chart(ind), site_url=site_url(),
                                                      issuer=portal.units[plan.issuer].name,
                                                      place=share_image.place_of(plan), unit=share_image.unit_of(ind),
                                                      description=site.share_description(ind)))
        written.add(rel)
    return written


def write_redirects(redirects: list[Redirect], envs: Environments, paths: Paths) -> set[str]:
    """A real page at each old address that sends the reader on (and search engines, via canonical)."""
    env = envs.markup
    written = set()
    docs = paths.docs.resolve()
    for r in redirects:
        rel = f"{r.source}index.html"
        if not (paths.docs / rel).resolve().is_relative_to(docs):  # load_redirects refuses such paths first
            raise ValueError(f"redirect outside the site: {r.source!r}")
        relative = posixpath.relpath(r.target or ".", r.source.rstrip("/")) + "/"
        write_if_changed(paths.docs / rel, env.get_template("redirect.html.j2").render(
            site_url=site_url(), target=r.target, relative=relative, note=r.note))
        written.add(rel)
    return written


def site_url() -> str:
    """The public address (for feeds and canonical links): SITE_URL, as mkdocs.yml reads it."""
    return os.environ.get("SITE_URL", "http://127.0.0.1:8000/").rstrip("/") + "/"


def write_feeds(portal: Portal, as_of: dt.date, envs: Environments, paths: Paths) -> set[str]:
    env = envs.markup
    written = set()
    everything = updates(portal, as_of)  # once: each plan's feed is its share of the list, in the same order
    by_plan: dict[str, list] = {}
    for u in everything:
        by_plan.setdefault(u.plan, []).append(u)
    feeds = [(path("feed"), url("updates"), f"Cập nhật tiến độ — {SITE_NAME}", everything)]
    feeds += [(path("plan-feed", plan=p.id), p.url, f"Cập nhật tiến độ — {p.short_title}", by_plan.get(p.id, []))
              for p in portal.plans.values()]
    template = env.get_template("atom.xml.j2")
    for rel, page, title, entries in feeds:
        text = template.render(title=title, entries=entries, as_of=as_of, site_url=site_url(), self_path=rel, page_path=page)
        write_if_changed(paths.docs / rel, text)
        written.add(rel)
    return written


def _write_json(docs: Path, rel: str, data) -> str:
    write_if_changed(docs / rel, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return rel


# Engines that build build/docs with mkdocs.yml. MkDocs is the default; ProperDocs is its community
# fork (same internals, so generator/mkdocs_parallel.py splits its work too); Zensical, by Material's
# team, is their successor (README: "Engines").
ENGINES = ("mkdocs", "properdocs", "zensical")


def engine_build(paths: Paths, out: Path, engine: str = "mkdocs") -> None:
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r}: one of {', '.join(ENGINES)}")
    # Relative to mkdocs.yml: Zensical 0.0.73 panics on an absolute docs_dir ("invariant: Id(Format(Path(RootDir)))").
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_ENGINE": engine,
           "DOCS_DIR": os.path.relpath(paths.docs, paths.root)}
    if engine == "zensical":
        # No -d option: mkdocs.yml reads site_dir from SITE_DIR (and docs_dir from DOCS_DIR); both must lie
        # inside the project.
        cmd = [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(paths.root / "mkdocs.yml")]
        env["SITE_DIR"] = str(out)
        if out.exists():
            shutil.rmtree(out)
        result = subprocess.run(cmd, cwd=paths.root, env=env, capture_output=True, text=True)
        if result.returncode != 0 or not (out / "index.html").exists():
            sys.stderr.write(result.stdout + result.stderr)
            raise subprocess.CalledProcessError(result.returncode or 1, cmd)
        return
    cmd = [sys.executable, "-m", "generator.mkdocs_parallel", "--jobs", str(parallel.jobs()), "build", "--quiet", "--clean",
           "-f", str(paths.root / "mkdocs.yml"), "-d", str(out)]
    subprocess.run(cmd, check=True, cwd=paths.root, env=env)


# Pagefind cuts its word index into chunks of about this many word positions and a query loads
# the chunk of each of its words. Tone folding makes Vietnamese syllables collide into long posting
# lists, so the default (~20,000) meant 40-110 KB per word; 2,000 keeps the first query of the
# query set under 150 KB (README, search section). The variable is marked unstable by Pagefind,
# hence the pinned minor version in pyproject.toml and the budget test in tests/test_search.py.
INDEX_CHUNK_SIZE = 2000
# Permalink anchors ("#") would otherwise end up in every heading's excerpt; .no-search marks
# boilerplate and lists that repeat other pages' text (templates add it); table headers ("Mốc",
# "Mục tiêu (đúng như bản in)") ran into one word in excerpts and name no page's subject.
NOT_INDEXED = ".headerlink, .no-search, thead"


# Every page MkDocs writes is a folder's index.html; the glob skips the embeds (/nhung/…html, one per
# indicator) and 404.html, which have no data-pagefind-body but would still be read and parsed.
PAGES = "**/index.html"


def pagefind_index(site_dir: Path) -> None:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent", "--glob", PAGES,
           "--exclude-selectors", NOT_INDEXED]
    subprocess.run(cmd, check=True, env={**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK_SIZE)})
    preload_links(site_dir)


def move_items(items: Path, site: Path) -> None:
    """Per-item download folders (data/ke-hoach/<plan>/) into the built site: one rename per plan."""
    for folder in sorted((items / "ke-hoach").iterdir()) if (items / "ke-hoach").exists() else []:
        os.replace(folder, site / "data" / "ke-hoach" / folder.name)


def move_files(written: Path, site: Path) -> None:
    """Files written beside the docs tree (a mirror of data/) into the built site's data/, one by one:
    their folders are mostly there already (move_items)."""
    for folder, _, names in os.walk(written):
        target = site / "data" / Path(folder).relative_to(written)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(os.path.join(folder, name), target / name)
    shutil.rmtree(written, ignore_errors=True)


def build(paths: Paths, as_of: dt.date, timings: Timings | None = None, engine: str = "mkdocs") -> Portal:
    """Validate, generate and build into a folder of this run, then swap it into site/.
    One build per tree at a time (the build lock); a swap a crash interrupted is repaired first."""
    timings = timings or Timings()
    with exclusive(paths.build, "build"):
        repair(paths.site, paths.build)
        portal, later = _generate(paths, as_of, None, True, timings, False, files_later=True)
        run = Path(tempfile.mkdtemp(prefix=RUN_PREFIX, dir=paths.build))
        try:
            tmp = run / "site"
            timings.run("mkdocs", engine_build, paths, tmp, engine)
            timings.run("mkdocs", move_items, paths.items, tmp)
            timings.run("postbuild", postbuild.run, tmp, paths.docs, parallel.jobs(), stripped=engine != "zensical")
            timings.run("pagefind", pagefind_index, tmp)
            timings.run("share images and workbooks", later.wait)  # what is left of them, on both cores by now
            timings.cpu["share images and workbooks"] = later.cpu_s
            timings.run("share images and workbooks", move_files, paths.later, tmp)
            swap_in(tmp, paths.site, paths.build)
        finally:
            later.cancel()
            shutil.rmtree(run, ignore_errors=True)
    return portal
