"""End-to-end build benchmark on synthetic portals (bench/synthetic.py).

For each size (generated Markdown pages) it writes a synthetic repository tree into a temp folder,
builds it with `generator.build.build(Paths(root), as_of, timings)` in a fresh subprocess (so peak
memory is that build's alone), and then builds a *bare* Material for MkDocs site of the same number
of plain Markdown pages (same theme block, nav and validation settings, no generator, default
Markdown extensions + toc permalinks) for comparison.

    .venv/bin/python bench/run.py                    # 1,000, 5,000, 10,000 and 20,000 pages
    .venv/bin/python bench/run.py --quick            # 1,000 and 5,000
    .venv/bin/python bench/run.py --sizes 10000      # any list
    .venv/bin/python bench/run.py --sizes 1000 --jobs 1                # the serial build (PORTAL_JOBS=1)
    .venv/bin/python bench/run.py --sizes 1000 --engine zensical       # another engine (make site ENGINE=…)
    .venv/bin/python bench/run.py --quick --results bench/RESULTS.md    # also append the table there

Columns: stage times of the generator's Timings (load+validate, render, other = content/export/feeds…,
mkdocs, pagefind), total wall time of build(), time per page, peak RSS (the Python build process,
and the largest child: mkdocs or pagefind), output bytes per page (site/ size ÷ pages; HTML only in
brackets), and the bare mkdocs-material build time with the ratio ours ÷ bare (end to end, and
without pagefind, which the bare build does not run).

Experiments are flags of the real code (--jobs, --engine), never edits of a copy of it: to measure a
change, commit it on a branch and run the benchmark there.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import synthetic  # noqa: E402

AS_OF = dt.date(2026, 11, 25)
ALL_SIZES = [1000, 5000, 10000, 20000]
QUICK_SIZES = [1000, 5000]


# --------------------------------------------------------------------------- bare mkdocs-material tree

def _block(text: str, key: str) -> str:
    """A top-level block of mkdocs.yml (the key line and its indented lines), as text."""
    m = re.search(rf"^{key}:.*\n(?:[ \t]+.*\n|\n)*", text, re.MULTILINE)
    return m[0].rstrip() + "\n" if m else ""


def make_bare(dest: Path, pages: int, md_bytes: int, repo: Path = REPO) -> None:
    """`pages` plain Markdown pages of about md_bytes each, same Material theme block, nav and validation."""
    cfg = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    docs = dest / "docs"
    shutil.copytree(repo / "theme" / "overrides", dest / "theme" / "overrides")
    shutil.copytree(repo / "theme" / "assets", docs / "assets")
    nav = _block(cfg, "nav")
    nav_pages = re.findall(r"^\s+- [^:]+: (\S+\.md)\s*$", nav, re.MULTILINE)
    config = "\n".join([
        "site_name: Bare Material benchmark",
        "docs_dir: docs", "site_dir: site", "use_directory_urls: true", "strict: true",
        _block(cfg, "theme"),
        "plugins: []",
        "markdown_extensions:\n  - toc:\n      permalink: \"#\"",
        _block(cfg, "extra_css"), _block(cfg, "extra_javascript"), _block(cfg, "validation"), nav])
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    words = ("Ủy ban nhân dân phường tổ chức triển khai kế hoạch chuyển đổi số, nâng cao chất lượng dịch vụ công "
             "trực tuyến, phát triển hạ tầng số và kỹ năng số cho người dân trên địa bàn. ").split()
    targets = list(nav_pages)
    folder_size = 100
    i = 0
    while len(targets) < pages:
        targets.append(f"muc-{i // folder_size:03d}/trang-{i:05d}.md")
        i += 1
    for n, rel in enumerate(targets):
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        body = [f"---\ntitle: Trang {n}\ndescription: Trang thử nghiệm số {n}\n---\n", f"# Trang thử nghiệm {n}\n"]
        size = sum(len(b.encode()) for b in body)
        k = n
        para = 0
        while size < md_bytes:
            if para % 3 == 2:
                chunk = f"## Mục {para}\n\n| Cột | Giá trị |\n|---|---|\n| Thời hạn | 12/2025 |\n| Chủ trì | Phòng {k % 7} |\n"
            else:
                chunk = " ".join(words[(k + j) % len(words)] for j in range(60)) + "\n"
            body.append(chunk)
            size += len(chunk.encode()) + 1
            para += 1
            k += 7
        path.write_text("\n".join(body), encoding="utf-8")


# --------------------------------------------------------------------------- workers (run in a fresh process)

def _rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _cpu_s() -> float:
    """User + system CPU time of this process and its waited-for children (mkdocs, pagefind)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def worker_build(root: Path) -> dict:
    sys.path.insert(0, str(root))  # the tree's copy of the generator (synthetic.copy_project), as a clone would have it
    os.chdir(root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from generator.build import Paths, Timings, build
    timings = Timings()
    start = time.perf_counter()
    build(Paths(root), AS_OF, timings, engine=os.environ.get("BENCH_ENGINE", "mkdocs"))
    wall = time.perf_counter() - start
    own, children = _rss_mb()
    return {"stages": timings.stages, "background": timings.cpu, "wall": wall, "cpu": _cpu_s(), "rss_self_mb": own,
            "rss_children_mb": children}


def worker_bare(root: Path) -> dict:
    # --bare-jobs 2: the bare site built by the same two-process MkDocs split the portal uses (a like-for-like
    # comparison of the per-page work); default 1: plain `mkdocs build`, as the target is phrased.
    jobs = int(os.environ.get("BENCH_BARE_JOBS", "1"))
    engine = ["-m", "generator.mkdocs_parallel", "--jobs", str(jobs)] if jobs > 1 else ["-m", "mkdocs"]
    start = time.perf_counter()
    subprocess.run([sys.executable, *engine, "build", "--quiet", "--clean", "-f", str(root / "mkdocs.yml"),
                    "-d", str(root / "site")], check=True, cwd=root,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)})
    wall = time.perf_counter() - start
    own, children = _rss_mb()
    return {"wall": wall, "cpu": _cpu_s(), "rss_children_mb": children}


def run_worker(kind: str, root: Path) -> dict:
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", kind, str(root)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- measuring one size

def tree_bytes(folder: Path, suffix: str | None = None) -> int:
    total = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            if suffix is None or name.endswith(suffix):
                total += os.path.getsize(os.path.join(dirpath, name))
    return total


def site_breakdown(site: Path) -> dict[str, int]:
    """Bytes of site/ by kind: HTML pages, pagefind index, theme assets, data exports, everything else by top folder."""
    out: dict[str, int] = {}
    for dirpath, _, names in os.walk(site):
        rel = Path(dirpath).relative_to(site)
        top = rel.parts[0] if rel.parts else ""
        for name in names:
            size = os.path.getsize(os.path.join(dirpath, name))
            if top in ("pagefind", "assets", "data"):
                key = top
            elif name.endswith(".html"):
                key = "html"
            else:
                key = f"other {Path(name).suffix or name}"
            out[key] = out.get(key, 0) + size
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def measure(pages: int, workdir: Path, bare: bool, keep: bool, log) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    base = Path(tempfile.mkdtemp(prefix=f"bench-{pages}-", dir=workdir))
    root = base / "portal"
    try:
        t = time.perf_counter()
        stats = synthetic.make_tree(root, pages, as_of=AS_OF)
        synth_s = time.perf_counter() - t
        log(f"  {pages}: synthetic tree in {synth_s:.1f} s ({stats.plans} plans, {stats.tasks} tasks, "
            f"{stats.indicators} indicators, {stats.units} units, {stats.progress_files} progress files); building…")
        load_before = os.getloadavg()[0]
        res = run_worker("build", root)
        res["load"] = (load_before, os.getloadavg()[0])
        docs = root / "build" / "docs"
        md_files = list(docs.rglob("*.md"))
        n_pages = len(md_files)
        md_bytes = sum(p.stat().st_size for p in md_files)
        site = root / "site"
        res.update(pages=n_pages, target=pages, plans=stats.plans, indicators=stats.indicators, synth_s=synth_s, md_bytes=md_bytes,
                   site_bytes=tree_bytes(site), html_bytes=tree_bytes(site, ".html"),
                   pagefind_bytes=tree_bytes(site / "pagefind"), html_files=sum(1 for _ in site.rglob("*.html")),
                   breakdown=site_breakdown(site))
        log(f"  {pages}: built in {res['wall']:.1f} s " + ", ".join(f"{k} {v:.1f}" for k, v in res["stages"].items()))
        if bare:
            bare_root = base / "bare"
            make_bare(bare_root, n_pages, md_bytes // max(n_pages, 1))
            b = run_worker("bare", bare_root)
            res["bare_s"] = b["wall"]
            res["bare_rss_mb"] = b["rss_children_mb"]
            res["bare_site_bytes"] = tree_bytes(bare_root / "site")
            log(f"  {pages}: bare mkdocs-material build in {b['wall']:.1f} s")
        return res
    finally:
        if keep:
            log(f"  kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


# --------------------------------------------------------------------------- report

def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nproc = str(os.cpu_count())
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, TypeError):
        pass
    versions = []
    for dist in ("mkdocs", "mkdocs-material", "zensical", "markdown", "pymdown-extensions", "jinja2", "pyyaml", "pagefind"):
        try:
            versions.append(f"{dist} {importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            pass
    # The interpreter as the repository names it (.venv/bin/python), never a path of this machine.
    python = Path(sys.executable)
    shown = str(python.relative_to(REPO)) if python.is_relative_to(REPO) else python.name
    return (f"Machine: nproc={nproc}, CPU: {model}{mem}, {platform.system()} {platform.release()}\n"
            f"Python {platform.python_version()} ({shown}); " + ", ".join(versions))


def table(results: list[dict]) -> str:
    head = ["pages", "plans", "load+val s", "render s", "other s", "mkdocs s", "pagefind s", "total s", "cpu s", "ms/page",
            "peak MB py/child", "KB/page (html)", "bare mkdocs s", "ours÷bare", "ours−pf ÷bare"]
    rows = []
    for r in results:
        st = r["stages"]
        load = st.get("load+validate", 0.0)
        render = st.get("render", 0.0)
        mk = st.get("mkdocs", 0.0)
        pf = st.get("pagefind", 0.0)
        other = sum(v for k, v in st.items() if k not in ("load+validate", "render", "mkdocs", "pagefind"))
        total = r["wall"]
        bare = r.get("bare_s")
        rows.append([f"{r['pages']:,}", str(r["plans"]), f"{load:.1f}", f"{render:.1f}", f"{other:.1f}", f"{mk:.1f}",
                     f"{pf:.1f}", f"{total:.1f}", f"{r.get('cpu', 0):.1f}", f"{1000 * total / r['pages']:.1f}",
                     f"{r['rss_self_mb']:.0f} / {r['rss_children_mb']:.0f}",
                     f"{r['site_bytes'] / r['pages'] / 1024:.1f} ({r['html_bytes'] / r['pages'] / 1024:.1f})",
                     f"{bare:.1f}" if bare else "–", f"{total / bare:.2f}×" if bare else "–",
                     f"{(total - pf) / bare:.2f}×" if bare else "–"])
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    line = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|"
    return "\n".join([line(head), sep, *(line(r) for r in rows)])


def targets(results: list[dict]) -> str:
    by = {r["target"]: r for r in results}
    out = []
    per = lambda r: r["wall"] / r["pages"]
    if 10000 in by:
        t = by[10000]["wall"]
        out.append(f"- 10,000 pages end to end ≤ 40 s: {t:.1f} s → {'OK' if t <= 40 else 'MISSED'}")
    if 20000 in by and 5000 in by:
        ratio = per(by[20000]) / per(by[5000])
        out.append(f"- per-page time 20,000 ÷ 5,000 ≤ 1.2: {ratio:.2f} → {'OK' if ratio <= 1.2 else 'MISSED'}")
    elif len(results) > 1:
        a, b = results[0], results[-1]
        out.append(f"- per-page time {b['pages']:,} ÷ {a['pages']:,}: {per(b) / per(a):.2f} (target at 20,000 ÷ 5,000: ≤ 1.2)")
    for r in results:
        if "breakdown" in r:
            parts = ", ".join(f"{k} {v / r['pages'] / 1024:.1f}" for k, v in list(r["breakdown"].items())[:8])
            out.append(f"- output KB per page at {r['pages']:,} pages: {parts}")
    for r in results:
        later = "share images and workbooks"
        if r.get("indicators") and later in r.get("background", {}):
            # Written in the background at the lowest priority (generator/build.py): their CPU time is the
            # cost; the wall time is what the build still waited for them after Pagefind.
            ms = 1000 * r["background"][later] / r["indicators"]
            out.append(f"- share images and Excel files at {r['pages']:,} pages: {r['background'][later]:.1f} s CPU, "
                       f"{ms:.1f} ms per indicator ({r['indicators']:,} PNGs and {r['plans'] + 1} workbooks, written in "
                       f"the background while the build goes on; the build waited {r['stages'].get(later, 0):.1f} s "
                       f"for them; the images alone against their 10 ms budget: bench/share_images.py)")
    loads = ", ".join(f"{r['load'][0]:.1f}→{r['load'][1]:.1f}" for r in results if "load" in r)
    if loads:
        out.append(f"- 1-min load average before→after each build (≈1 = only this benchmark running): {loads}")
    worst = max(r["site_bytes"] / r["pages"] / 1024 for r in results)
    out.append(f"- output ≤ 25 KB per page: worst {worst:.1f} KB → {'OK' if worst <= 25 else 'MISSED'}")
    ratios = [r["wall"] / r["bare_s"] for r in results if r.get("bare_s")]
    if ratios:
        out.append(f"- ours ≤ 1.15 × bare mkdocs-material: {', '.join(f'{x:.2f}×' for x in ratios)} → "
                   f"{'OK' if max(ratios) <= 1.15 else 'MISSED'}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="End-to-end build benchmark on synthetic portals.")
    ap.add_argument("--sizes", help="comma-separated page counts (default: 1000,5000,10000,20000)")
    ap.add_argument("--quick", action="store_true", help="1,000 and 5,000 pages only")
    ap.add_argument("--jobs", type=int, help="processes for the build (PORTAL_JOBS; 1 = the serial build; default: every core)")
    ap.add_argument("--engine", default="mkdocs", choices=["mkdocs", "properdocs", "zensical"],
                    help="engine that builds the pages (make site ENGINE=…)")
    ap.add_argument("--no-bare", action="store_true", help="skip the bare mkdocs-material comparison")
    ap.add_argument("--bare-jobs", type=int, default=1,
                    help="build the bare site with generator/mkdocs_parallel.py on this many processes (default 1: mkdocs build)")
    ap.add_argument("--keep", action="store_true", help="keep the temp trees")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()), help="where temp trees go (created if missing)")
    ap.add_argument("--json", type=Path, help="also write the raw results as JSON")
    ap.add_argument("--results", type=Path, help="append command, machine and table to this Markdown file")
    ap.add_argument("--worker", nargs=2, metavar=("KIND", "ROOT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        kind, root = args.worker
        result = (worker_build if kind == "build" else worker_bare)(Path(root))
        print(json.dumps(result))
        return 0

    sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes else QUICK_SIZES if args.quick else ALL_SIZES)
    if args.jobs:
        os.environ["PORTAL_JOBS"] = str(args.jobs)  # read by the build (generator.build.jobs)
    os.environ["BENCH_ENGINE"] = args.engine
    flags = [f for f in (f"jobs {args.jobs}" if args.jobs else "", f"engine {args.engine}" if args.engine != "mkdocs" else "") if f]
    os.environ["BENCH_BARE_JOBS"] = str(args.bare_jobs)  # read by the bare workers (subprocesses)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    info = machine() + (f"\nBare build: generator/mkdocs_parallel.py --jobs {args.bare_jobs}" if args.bare_jobs > 1 else "")
    log(info)
    results = []
    for n in sizes:
        results.append(measure(n, args.workdir, not args.no_bare, args.keep, log))
    command = "python bench/run.py " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    report = "\n".join([f"Command: `{command}`",
                        f"Date: {dt.datetime.now():%Y-%m-%d %H:%M}, as-of {AS_OF}", info, "", table(results), "",
                        targets(results)])
    print(report)
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "flags": flags, "results": results}, indent=1))
    if args.results:
        with args.results.open("a", encoding="utf-8") as fh:
            fh.write(f"\n### {', '.join(f'{n:,}' for n in sizes)} pages{' — ' + ', '.join(flags) if flags else ''}\n\n")
            fh.write("```\n" + report + "\n```\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
