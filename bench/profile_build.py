"""Where the build time goes: cProfile of the generator (load+validate, render…) and of the MkDocs
stage run in-process (mkdocs.commands.build.build), on a synthetic portal.

    .venv/bin/python bench/profile_build.py --pages 5000                 # writes bench/profile-output/*.txt
    .venv/bin/python bench/profile_build.py --tree /tmp/x/portal --skip-mkdocs

Self time is grouped by owner (ours: generator/, theme/templates, theme/overrides; Markdown
extensions we configured; Python-Markdown core; MkDocs; Material templates; Jinja2…). Time spent
inside C builtins (regex search, str methods…) is charged to the Python function that called them,
so `re.Pattern.search` run by admonition's block test shows up under "ext: admonition".
"""
from __future__ import annotations

import argparse
import os
import cProfile
import datetime as dt
import io
import pstats
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import synthetic  # noqa: E402

AS_OF = dt.date(2026, 11, 25)

EXT_FILES = {
    "markdown/extensions/abbr.py": "ext: abbr",
    "markdown/extensions/toc.py": "ext: toc",
    "markdown/extensions/attr_list.py": "ext: attr_list",
    "markdown/extensions/md_in_html.py": "ext: md_in_html",
    "markdown/extensions/tables.py": "ext: tables",
    "markdown/extensions/admonition.py": "ext: admonition",
    "pymdownx/details.py": "ext: pymdownx.details",
    "pymdownx/snippets.py": "ext: pymdownx.snippets",
}


def category(filename: str, root: str) -> str:
    f = filename.replace("\\", "/")
    if f.startswith(root + "/generator/"):
        return "OURS generator/"
    if "/theme/templates/" in f or f.endswith(".j2"):
        return "OURS theme/templates (page templates)"
    if "/theme/overrides/" in f:
        return "OURS theme/overrides"
    for key, name in EXT_FILES.items():
        if f.endswith(key):
            return name
    if "/pymdownx/" in f:
        return "ext: pymdownx (other)"
    if "/markdown/extensions/" in f:
        return "ext: other markdown extensions"
    if "/markdown/" in f:
        return "Python-Markdown core"
    if "/mkdocs/" in f:
        return "MkDocs core"
    if "/material/" in f:
        return "Material (templates, plugins)"
    if "/jinja2/" in f:
        return "Jinja2 runtime"
    if "/markupsafe/" in f:
        return "markupsafe"
    if "/yaml/" in f:
        return "PyYAML"
    if f.endswith("html/parser.py") or f.endswith("_markupbase.py"):
        return "stdlib html.parser"
    if "/xml/etree/" in f:
        return "stdlib xml.etree"
    if f == "~":
        return "builtins (unattributed)"
    return "other (stdlib, misc)"


def by_category(stats: pstats.Stats, root: str) -> dict[str, float]:
    """Self time per category; a builtin's self time is split over its callers' categories."""
    out: dict[str, float] = defaultdict(float)
    for (file, line, name), (cc, nc, tt, ct, callers) in stats.stats.items():
        if file == "~" and callers:
            for (cfile, _, _), ctimes in callers.items():
                out[category(cfile, root)] += ctimes[2]
            rest = tt - sum(c[2] for c in callers.values())
            if rest > 1e-6:
                out["builtins (unattributed)"] += rest
        else:
            out[category(file, root)] += tt
    return dict(out)


def builtin_callers(stats: pstats.Stats, root: str, top: int = 15) -> list[tuple[float, str]]:
    """The heaviest (builtin, caller) pairs, e.g. re.Pattern.search called by admonition's test()."""
    pairs = []
    for (file, line, name), (cc, nc, tt, ct, callers) in stats.stats.items():
        if file != "~":
            continue
        for (cfile, cline, cname), ctimes in callers.items():
            short = "/".join(cfile.split("/")[-2:])
            pairs.append((ctimes[2], f"{name} ← {short}:{cline}({cname}) [{ctimes[1]:,} calls]"))
    return sorted(pairs, reverse=True)[:top]


def report(title: str, prof: cProfile.Profile, root: str, wall: float, top: int = 30) -> str:
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())
    out = io.StringIO()
    out.write(f"## {title}\n\nwall time under the profiler: {wall:.1f} s (profiled self time {total:.1f} s)\n\n")
    out.write("### Self time by owner (builtins charged to their caller)\n\n")
    for name, t in sorted(by_category(stats, root).items(), key=lambda kv: -kv[1]):
        out.write(f"{t:9.2f} s {100 * t / total:5.1f} %  {name}\n")
    out.write("\n### Heaviest builtin calls by caller\n\n")
    for t, what in builtin_callers(stats, root):
        out.write(f"{t:9.2f} s  {what}\n")
    for key in ("tottime", "cumulative"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(top)
        text = buf.getvalue()
        text = text[text.find("   ncalls"):]
        out.write(f"\n### Top {top} by {key}\n\n{text}")
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--tree", type=Path, help="profile this existing tree instead of generating one")
    ap.add_argument("--skip-mkdocs", action="store_true")
    ap.add_argument("--out", type=Path, default=BENCH / "profile-output")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--dump-prof", action="store_true", help="also write the raw .prof files (for snakeviz etc.)")
    args = ap.parse_args(argv)

    root, tmp = synthetic.tree_for(args.tree, args.pages, "profile")
    suffix = f"{args.pages}"
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        sys.path.insert(0, str(root))  # the tree's copy of the generator (synthetic.copy_project)
        os.chdir(root)
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        from generator.build import Paths, Timings, generate
        paths = Paths(root)
        # 1. the generator, unprofiled (true stage times), then profiled
        timings = Timings()
        start = time.perf_counter()
        generate(paths, AS_OF, timings=timings)
        plain = time.perf_counter() - start
        prof = cProfile.Profile()
        timings_p = Timings()
        start = time.perf_counter()
        prof.runcall(generate, paths, AS_OF, timings=timings_p)
        wall = time.perf_counter() - start
        pages = sum(1 for _ in paths.docs.rglob("*.md"))
        head = (f"# Profile of the generator, {pages} pages ({root})\n\nstages unprofiled: "
                + ", ".join(f"{k} {v:.2f} s" for k, v in timings.stages.items()) + f"; total {plain:.2f} s\n"
                + "stages profiled: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings_p.stages.items()) + "\n\n")
        text = head + report("generate() (load+validate, content, render, export, feeds…)", prof, str(root), wall)
        if args.dump_prof:
            prof.dump_stats(str(args.out / f"generate-{suffix}.prof"))
        (args.out / f"generate-{suffix}.txt").write_text(text, encoding="utf-8")
        print(text[:6000])

        if not args.skip_mkdocs:
            # 2. the MkDocs stage in-process, as build() would run it in its subprocess
            import logging
            from mkdocs.commands.build import build as mkdocs_build
            from mkdocs.config import load_config
            logging.getLogger("mkdocs").setLevel(logging.ERROR)
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "build" / "site.profile"))
            prof = cProfile.Profile()
            start = time.perf_counter()
            prof.runcall(mkdocs_build, config)
            wall = time.perf_counter() - start
            text = f"# Profile of mkdocs build, {pages} pages ({root})\n\n" + report(
                "mkdocs.commands.build.build (in-process)", prof, str(root), wall, top=40)
            if args.dump_prof:
                prof.dump_stats(str(args.out / f"mkdocs-{suffix}.prof"))
            (args.out / f"mkdocs-{suffix}.txt").write_text(text, encoding="utf-8")
            print(text[:8000])
    finally:
        if tmp and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
