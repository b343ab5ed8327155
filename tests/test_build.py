"""The build uses both cores and still produces exactly what the one-process build produces."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.postbuild import strip_indentation

ROOT = Path(__file__).resolve().parent.parent


def _mkdocs(jobs: int, config: Path, out: Path, docs: Path | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "generator.mkdocs_parallel", "--jobs", str(jobs), "build", "--quiet", "--clean",
           "-f", str(config), "-d", str(out)]
    return subprocess.run(cmd, cwd=config.parent, capture_output=True, text=True,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                               **({"DOCS_DIR": str(docs)} if docs else {})})


def _config_without_reuse(folder: Path) -> Path:
    """mkdocs.yml with the hooks minus the reuse of rendered theme parts (on_env): MkDocs' own output."""
    hooks = folder / "hooks_without_reuse.py"
    hooks.write_text("from generator.mkdocs_hooks import on_page_markdown, on_post_page, on_post_template  # noqa: F401\n",
                     encoding="utf-8")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in [("custom_dir: theme/overrides", f"custom_dir: {ROOT / 'theme' / 'overrides'}"),
                     ("  - generator/mkdocs_hooks.py", f"  - {hooks}")]:
        assert old in text
        text = text.replace(old, new)
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def _files(folder: Path) -> dict[str, bytes]:
    out = {}
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            out[str(path.relative_to(folder))] = gzip.decompress(data) if path.suffix == ".gz" else data
    return out


def test_two_process_mkdocs_build_with_reused_theme_parts_equals_the_plain_one(portal, paths, tmp_path):
    """generator/mkdocs_parallel.py reaches into MkDocs internals and generator/mkdocs_hooks.py reuses
    rendered navigation; this is what keeps them honest: the plain one-process `mkdocs build`, every
    part of every page rendered afresh, writes the same bytes."""
    plain, split = tmp_path / "plain", tmp_path / "split"
    for jobs, config, out in [(1, _config_without_reuse(tmp_path), plain), (2, paths.root / "mkdocs.yml", split)]:
        result = _mkdocs(jobs, config, out, paths.docs)
        assert result.returncode == 0, result.stderr
    a, b = _files(plain), _files(split)
    assert len(a) > 1000 and a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []


def _tiny_site(root: Path, broken_on: int | None) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    for i in range(6):
        link = "[back](p0.md#no-such-heading)" if i == broken_on else "[back](p0.md#muc-luc)"
        (docs / f"p{i}.md").write_text(f"# Trang {i}\n\n## Muc luc\n\n{link}\n", encoding="utf-8")
    (docs / "index.md").write_text("# Chào\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(textwrap.dedent("""\
        site_name: t
        strict: true
        theme: {name: material}
        validation: {anchors: warn}
        nav: [index.md, p0.md, p1.md, p2.md, p3.md, p4.md, p5.md]
        """), encoding="utf-8")
    return config


@pytest.mark.build  # two MkDocs builds of a small site
def test_a_broken_anchor_in_either_process_fails_the_strict_build(tmp_path):
    assert _mkdocs(2, _tiny_site(tmp_path / "ok", None), tmp_path / "ok-site").returncode == 0
    for page in (4, 5):  # one page in each worker's share
        result = _mkdocs(2, _tiny_site(tmp_path / f"broken{page}", page), tmp_path / f"site{page}")
        assert result.returncode != 0
        assert "no-such-heading" in result.stderr and f"p{page}.md" in result.stderr, result.stderr


SPLIT_PROBE = textwrap.dedent("""\
    import json, os, sys
    from pathlib import Path
    from generator.parallel import split_across_cores

    out = Path(sys.argv[1])

    def write(items, suffix):
        if "boom" in items:
            raise ValueError("bad item")
        for item in items:
            (out / f"{item}{suffix}").write_text(str(os.getpid()))
        return {f"{item}{suffix}" for item in items}

    items = [str(i) for i in range(int(sys.argv[2]))] + sys.argv[3:]
    try:
        written = split_across_cores(write, items, ".txt", jobs=2, minimum=10)
    except RuntimeError as exc:
        print(json.dumps({"error": str(exc)}))
    else:
        pids = {(out / name).read_text() for name in written}
        print(json.dumps({"written": sorted(written), "processes": len(pids)}))
    """)


def _probe(tmp_path: Path, n: int, *extra: str) -> dict:
    result = subprocess.run([sys.executable, "-c", SPLIT_PROBE, str(tmp_path), str(n), *extra],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(result.stdout)


def test_render_work_split_across_processes_returns_what_one_process_returns(tmp_path):
    report = _probe(tmp_path, 50)
    assert report["written"] == sorted(f"{i}.txt" for i in range(50))
    assert report["processes"] == 2
    small = _probe(tmp_path, 5)  # below the minimum a fork costs more than it saves
    assert small["processes"] == 1


def test_a_failing_worker_fails_the_stage(tmp_path):
    # Items are dealt round-robin: "boom" at index 51 lands in the forked worker's share.
    report = _probe(tmp_path, 50, "x", "boom")
    assert "bad item" in report["error"]


MAP_PROBE = textwrap.dedent("""\
    import json, os, sys
    from generator.parallel import map_across_cores

    def square(items):
        return [(n * n, os.getpid()) for n in items]

    results = map_across_cores(square, list(range(101)), jobs=2, minimum=10)
    print(json.dumps({"values": [v for v, _ in results], "processes": len({p for _, p in results})}))
    """)


def test_work_mapped_across_processes_comes_back_in_the_order_of_its_items():
    result = subprocess.run([sys.executable, "-c", MAP_PROBE], capture_output=True, text=True, cwd=ROOT, check=True)
    report = json.loads(result.stdout)
    assert report == {"values": [n * n for n in range(101)], "processes": 2}


BACKGROUND_PROBE = textwrap.dedent("""\
    import json, os, sys, time
    from pathlib import Path
    from generator.parallel import in_background

    out, mode = Path(sys.argv[1]), sys.argv[2]

    def draw(items):
        if "boom" in items:
            raise ValueError("cannot draw")
        for item in items:
            (out / item).write_text(str(os.nice(0)))  # os.nice(0): this process's niceness
            time.sleep(0.05 if mode == "cancel" else 0)
        return set(items)

    items = [f"{i}.png" for i in range(40)] + (["boom"] if mode == "fail" else [])
    work = in_background(draw, items, jobs=2, minimum=10)
    if mode == "cancel":
        time.sleep(0.3)
        work.cancel()
        drawn = len(list(out.iterdir()))
        time.sleep(1.5)  # a worker that outlived cancel() would go on drawing
        print(json.dumps({"at_cancel": drawn, "later": len(list(out.iterdir()))}))
    else:
        try:
            written = work.wait()
        except RuntimeError as exc:
            print(json.dumps({"error": str(exc)}))
        else:
            print(json.dumps({"written": len(written), "niceness": sorted({p.read_text() for p in out.iterdir()}),
                              "cpu": work.cpu_s >= 0}))
    """)


def _background(tmp_path: Path, mode: str) -> dict:
    result = subprocess.run([sys.executable, "-c", BACKGROUND_PROBE, str(tmp_path), mode], capture_output=True,
                            text=True, cwd=ROOT, check=True)
    return json.loads(result.stdout)


def test_background_work_runs_at_the_lowest_priority_and_returns_what_it_wrote(tmp_path):
    assert _background(tmp_path, "done") == {"written": 40, "niceness": ["19"], "cpu": True}


def test_failing_background_work_fails_whoever_waits_for_it(tmp_path):
    assert "cannot draw" in _background(tmp_path, "fail")["error"]


def test_cancelled_background_work_stops_with_all_its_workers(tmp_path):
    report = _background(tmp_path, "cancel")
    assert 0 < report["at_cancel"] < 40 and report["later"] == report["at_cancel"]


def test_indentation_is_stripped_except_where_whitespace_shows():
    html = "<div>\n    <p>a</p>\n\n\n    <pre>  keep\n    this</pre>\n  <script>\n  var x;</script>\n</div>"
    assert strip_indentation(html) == "<div>\n<p>a</p>\n<pre>  keep\n    this</pre>\n<script>\n  var x;</script>\n</div>"


def test_published_pages_are_stripped_and_excerpts_keep_their_layout(site_dir):
    html = (site_dir / "ke-hoach" / "hai-an" / "nv-i" / "index.html").read_text(encoding="utf-8")
    outside_pre = html.split("<pre")[0]
    assert "\n  " not in outside_pre and "\n\n" not in outside_pre
    assert "<pre>" in html  # the scan excerpt is still a <pre> block


def test_unused_theme_files_are_not_published(site_dir):
    assert not list(site_dir.rglob("*.map")) and not (site_dir / "assets" / "javascripts" / "lunr").exists()
    assert list((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))  # what pages load stays


def test_text_on_html_pages_is_escaped_and_abbreviations_marked():
    from generator.markdown_text import Abbreviations, html, html_block
    abbr = Abbreviations({"CĐS": "chuyển đổi số: giải thích"}, {"CĐS": "chuyển đổi số"})
    assert html('Tỷ lệ <b> & "CĐS"', abbr) == ('Tỷ lệ &lt;b&gt; &amp; &quot;<abbr title="chuyển đổi số: giải thích">'
                                                'CĐS</abbr>&quot;')
    abbr.new_page()  # explained where a page first uses it, then only named
    assert html("CĐS và CĐS", abbr) == ('<abbr title="chuyển đổi số: giải thích">CĐS</abbr> và '
                                       '<abbr title="chuyển đổi số">CĐS</abbr>')
    assert html_block("Mở đầu\n- một <i>\n- hai\nKết") == ("<p>Mở đầu</p>\n<ul>\n<li>một &lt;i&gt;</li>\n<li>hai</li>\n</ul>\n"
                                                        "<p>Kết</p>")


def test_pages_written_as_html_keep_their_table_of_contents(site_dir):
    from generator.toc import toc_tokens
    nested = toc_tokens('<h1 id="t">T<a class="headerlink"></a></h1><h2 id="a">A <abbr title="x">B</abbr>'
                        '<a class="headerlink"></a></h2><h3 id="a1">A1<a class="headerlink"></a></h3>'
                        '<h2 id="b">B<a class="headerlink"></a></h2>')
    assert [(t["url"], [(c["url"], [g["url"] for g in c["children"]]) for c in t["children"]]) for t in nested] == \
        [("#t", [("#a", ["#a1"]), ("#b", [])])]
    assert nested[0]["children"][0]["title"] == "A B"
    html = (site_dir / "ke-hoach" / "hai-an" / "nv-4-5" / "index.html").read_text(encoding="utf-8")
    toc = html[html.index('data-md-component="toc"'):]
    assert '<a href="#noi-dung" class="md-nav__link">' in toc and '<a href="#tien-do" class="md-nav__link">' in toc
