"""Fuzzing staff input (issue 15): hundreds of mutated progress and plan files derived from the real data
(deletions, type swaps, huge strings, odd Unicode, YAML tags and anchors, HTML and Markdown injection,
broken bytes). Every case must end either valid or with problems naming file:line; never a traceback.
The pages of the cases that validate are rendered (the render stage, without MkDocs; Markdown pages
through Python-Markdown with the site's extensions) and must contain no markup made from the input.

Deterministic: seeded (FUZZ_SEED), FUZZ_CASES cases (default 500). A failure prints the case to replay.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import traceback
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown
from mkdocs.utils.meta import get_data
import pytest
import yaml

from generator import load as loader
from generator import rules
from generator.build import Paths, write_feeds
from generator.errors import ValidationFailed
from generator.render import Site, render_pages
from generator.templates import environments
from generator.validate import load_portal, value_form

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 25)
SEED = int(os.environ.get("FUZZ_SEED", "15"))
CASES = int(os.environ.get("FUZZ_CASES", "500"))
# Two real plans: one of tasks only (the smallest), one with indicators (actual values).
PLANS = ("so-noi-vu-hai-phong", "cat-hai")

# Markers name the markup their payload would produce if it were not escaped (see Markup.check).
PAYLOADS = [
    '<script>alert("FZscript")</script>', '<img src=x onerror=alert("FZ")>', '"><svg onload=alert("FZ")>',
    '<a href="javascript:alert(1)">FZa</a>', "javascript:alert('FZ')", "&lt;script&gt;FZ&amp;", "<!-- FZ -->",
    "**FZbold**", "_FZem_", "`FZcode`", "[FZlink](https://evil.example/fz)", "![FZimg](https://evil.example/fz.png)",
    "# FZh", "\n\n## FZh\n\n", "> FZquote", "\n- FZlist\n", "| FZcell | x |\n|---|---|\n| a | b |", "{{ 7*7 }}FZjinja",
    "{% raw %}FZ", "<https://evil.example/auto>", "\n---\n", "FZ\\", "*[FZ]: abbr", '" onmouseover="alert(1)',
    "!!! warning \"FZadmon\"", "<div markdown>**FZbold**</div>", "{: onclick=alert(1) }",
]
ODD_UNICODE = ["\u200b", "\u200d", "\u202e", "\ufeff", "\u2028", "\u0301\u0301\u0301", "🇻🇳", "ｆｕｌｌ", "\u00a0",
               "\U0001f600", "А", "\u0000", "\u0007", "\ud7ff", "\U000e0041"]
TAGS = ["!!python/object/apply:os.system ['echo fuzz']", "!!binary aGVsbG8=", "!custom", "!!str", "!!int", "!!map",
        "!!timestamp"]


@dataclass
class Case:
    number: int
    kind: str  # what was done, to replay it
    rel: str  # the file written, relative to the tree
    content: bytes


@dataclass
class Outcome:
    valid: int = 0
    with_problems: int = 0
    rendered_pages: int = 0
    crashes: list[str] = field(default_factory=list)
    bad_problems: list[str] = field(default_factory=list)
    markup: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- mutations

def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def nodes(value: Any, path: tuple = ()) -> list[tuple]:
    """Every (path) inside a loaded document, to pick a mutation point."""
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += nodes(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += nodes(v, path + (i,))
    return out


def get(value: Any, path: tuple) -> Any:
    for p in path:
        value = value[p]
    return value


def put(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    get(value, path[:-1])[path[-1]] = new
    return value


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Any) -> bytes:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000).encode("utf-8")


def mutate_structure(rng: random.Random, data: Any) -> tuple[str, Any]:
    """One change to the loaded document; returns (description, document)."""
    points = nodes(data)
    strings = [p for p in points if isinstance(get(data, p), str)]
    maps = [p for p in points if isinstance(get(data, p), dict) and get(data, p)]
    op = rng.choice(["delete", "swap", "huge", "unicode", "inject", "inject", "inject", "empty-list"])
    if op == "delete" and maps:
        where = rng.choice(maps)
        key = rng.choice(list(get(data, where)))
        del get(data, where)[key]
        return f"delete {where}/{key}", data
    if op == "swap":
        where = rng.choice(points)
        new = rng.choice([[], {}, "123", None, "true", ["a", "b"], {"x": "y"}, "2026-02-31", "-1", "1e9", "null"])
        return f"swap {where} → {new!r}", put(data, where, new)
    if op == "empty-list":
        where = rng.choice(points)
        return f"empty {where}", put(data, where, [] if rng.random() < 0.5 else {})
    if not strings:
        return "no strings: unchanged", data
    where = rng.choice(strings)
    text = get(data, where)
    if op == "huge":
        size = rng.choice([rules.MAX_NOTE_CHARS + 1, rules.MAX_TEXT_CHARS + 1, 300_000])
        return f"huge {where} ({size})", put(data, where, ("Ư" * size) if rng.random() < 0.5 else ("x " * (size // 2 + 1)))
    if op == "unicode":
        odd = rng.choice(ODD_UNICODE + ["NFD"])
        new = unicodedata.normalize("NFD", text) if odd == "NFD" else _insert(rng, text, odd)
        return f"unicode {where} {odd!r}", put(data, where, new)
    payload = rng.choice(PAYLOADS)
    new = payload if rng.random() < 0.3 else _insert(rng, text, payload)
    return f"inject {where} {payload!r}", put(data, where, new)


def _insert(rng: random.Random, text: str, piece: str) -> str:
    at = rng.randint(0, len(text))
    return text[:at] + piece + text[at:]


def mutate_text(rng: random.Random, text: str) -> tuple[str, bytes]:
    """A change made on the file's text or bytes, for what a parsed document cannot express."""
    lines = text.splitlines(keepends=True)
    op = rng.choice(["tag", "anchor", "bomb", "truncate", "line", "bytes", "indent"])
    if op == "tag":
        i = rng.randrange(len(lines))
        line = lines[i]
        if ": " in line:
            key, value = line.split(": ", 1)
            lines[i] = f"{key}: {rng.choice(TAGS)} {value}"
        return f"tag line {i + 1}", "".join(lines).encode()
    if op == "anchor":
        with_values = [i for i, line in enumerate(lines) if re.search(r":\s+\S", line)]
        if len(with_values) >= 2:
            a, b = sorted(rng.sample(with_values, 2))
            lines[a] = re.sub(r":\s+", ": &fz ", lines[a], count=1)
            lines[b] = re.sub(r":\s+.*", ": *fz", lines[b], count=1)
        return "anchor/alias", "".join(lines).encode()
    if op == "bomb":
        bomb = "".join(f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 9) + "]\n" for i in range(1, 8))
        return "alias bomb", ("b0: &b0 [lol]\n" + bomb + text).encode()
    if op == "truncate":
        at = rng.randrange(len(text))
        return f"truncate at {at}", text[:at].encode()
    if op == "line":
        i = rng.randrange(len(lines))
        if rng.random() < 0.5:
            del lines[i]
            return f"delete line {i + 1}", "".join(lines).encode()
        lines.insert(i, lines[i])
        return f"duplicate line {i + 1}", "".join(lines).encode()
    if op == "indent":
        i = rng.randrange(len(lines))
        lines[i] = rng.choice(["\t", " ", "   "]) + lines[i]
        return f"indent line {i + 1}", "".join(lines).encode()
    data = bytearray(text.encode())
    at = rng.randrange(len(data))
    data[at:at] = rng.choice([b"\xff", b"\xc3", b"\x00", b"\x1b", b"\xed\xa0\x80", b"\xef\xbb\xbf"])
    return f"bytes at {at}", bytes(data)


def progress_file(rng: random.Random, tasks: list[str], indicators: dict[str, str]) -> tuple[str, str]:
    """A valid progress file for a real task or indicator (the form the form writes), before mutation."""
    day = AS_OF - dt.timedelta(days=rng.randint(0, 400))
    if rng.random() < 0.6 or not indicators:
        key = rng.choice(tasks)
        plan, item = key.split("/")
        status = rng.choice(["chưa triển khai", "đang triển khai", "hoàn thành", "tạm dừng", "không tiếp tục"])
        entry = {"task": item, "date": day.isoformat(), "status": status, "note": "Đã tổ chức hội nghị triển khai."}
        if status == "hoàn thành" or rng.random() < 0.3:
            entry["evidence"] = {"document": f"Báo cáo số {rng.randint(1, 300)}/BC-UBND", "url": "https://example.gov.vn/bc"}
        data = {"progress": [entry]}
    else:
        key = rng.choice(sorted(indicators))
        plan, item = key.split("/")
        value = {"percent": f"{rng.randint(0, 100)}%", "rank": str(rng.randint(1, 60)), "number": "1.200",
                 "text": "Đã hoàn thành"}[indicators[key]]
        data = {"actuals": [{"indicator": item, "date": day.isoformat(), "value": value, "source": "Báo cáo số 45/BC-UBND"}]}
    return f"plans/{plan}/progress/{day.isoformat()}-{item}.yaml", dump(data).decode("utf-8")


def make_cases(trees: dict[str, Path], portals: list) -> list[Case]:
    rng = random.Random(SEED)
    tasks = sorted(k for portal in portals for k in portal.tasks)
    indicators = {k: value_form(i) for portal in portals for k, i in portal.indicators.items()}
    files = {str(p.relative_to(tree)): p for tree in trees.values() for p in (tree / "plans").rglob("*.yaml")}
    plan_files = sorted(files)
    cases = []
    for n in range(CASES):
        if n % 2 == 0:  # half progress files (what staff write most), half plan files
            rel, text = progress_file(rng, tasks, indicators)
            if n % 10 == 0:  # the folder's own rules: other extensions, names, futures, extra keys
                twist = rng.choice(["yml", "noext", "future", "units", "rename", "empty"])
                if twist == "yml":
                    rel = rel[:-5] + ".yml"
                elif twist == "noext":
                    rel = rel[:-5]
                elif twist == "future":
                    text = re.sub(r"date: '?\d{4}", "date: '2099", text)
                elif twist == "units":
                    text += "units:\n- {id: fz-don-vi, name: FZ}\n"
                elif twist == "rename":
                    rel = rel.replace("/progress/", "/progress/x-")
                else:
                    text = ""
                cases.append(Case(n, f"progress {twist}", rel, text.encode()))
                continue
        else:
            rel = rng.choice(plan_files)
            text = files[rel].read_text(encoding="utf-8")
        if rng.random() < 0.65:
            data = plain(loader.parse(text, rel))
            kind, data = mutate_structure(rng, data)
            content = dump(data)
        else:
            kind, content = mutate_text(rng, text)
        cases.append(Case(n, kind, rel, content))
    return cases


# --------------------------------------------------------------------------- output checks

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# marker → tags that would show it had the input become markup. (Lines starting with "- " are meant to
# become list items in multi-line texts, markdown_text.html_block: "FZlist" is not checked.)
FORBIDDEN = {"FZbold": {"strong", "b"}, "FZem": {"em", "i"}, "FZcode": {"code"}, "FZh": HEADINGS, "FZquote": {"blockquote", "p"},
             "FZcell": {"td", "th"}, "FZlink": {"a"}, "FZadmon": {"p"}, "FZa": {"a"}}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "style", "poster", "data"}


def _foreign(url: str) -> bool:
    """A link or source the input made up: a script URL, or the payloads' own host. (A staff evidence link
    to a government site whose path contains odd characters is a link staff gave, not markup.)"""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("javascript", "data", "vbscript") or (parts.hostname or "").endswith("evil.example")


class Markup(HTMLParser):
    """Collects what in a page could only come from input turned into markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.stack: list[tuple[str, list[str]]] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and _foreign(value):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
            if tag == "img" and name == "alt" and "FZ" in value:
                self.found.append(f"<img alt={value!r}>")
        self.in_script = tag == "script"
        if tag not in ("br", "img", "hr", "input", "meta", "link", "wbr", "source"):
            self.stack.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False
        while self.stack:
            open_tag, text = self.stack.pop()
            whole = "".join(text).strip()
            for marker, tags in FORBIDDEN.items():
                if open_tag in tags and (whole == marker or whole.startswith(marker + " ") and open_tag in HEADINGS):
                    self.found.append(f"<{open_tag}>{whole}</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_script and "FZ" in data:
            self.found.append(f"<script>{data[:60]}")
        if "49FZjinja" in data:
            self.found.append("template code ran: 49FZjinja")
        for _, text in self.stack:
            text.append(data)

    def handle_comment(self, data: str) -> None:
        if "FZ" in data:
            self.found.append(f"<!--{data[:40]}-->")

    @classmethod
    def check(cls, html: str) -> list[str]:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser.found


def to_html(markdown_text: str) -> str:
    """A Markdown page as MkDocs would convert it: front matter taken off (its title goes, escaped, into
    <title> by the theme), then the site's Markdown extensions (mkdocs.yml)."""
    body, meta = get_data(markdown_text)
    assert all("\n" not in str(v) for v in meta.values()), meta  # the front matter stayed one value per key
    return markdown.markdown(body, extensions=["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc",
                                                        "pymdownx.details"])


LIST_KINDS = {"home", "plans", "units", "documents", "updates"}


def pages_to_render(site: Site, portal) -> list:
    """The pages a mutated case can reach: those of items carrying injected text (or reports of them),
    the plans holding them, the list pages and the updates page."""
    touched = {k for k, v in {**portal.progress, **portal.actuals}.items() if "FZ" in repr(v)}
    touched |= {k for k, v in {**portal.tasks, **portal.indicators}.items() if "FZ" in repr(v)}
    plans = {k.split("/")[0] for k in touched}
    out = []
    for page in site.pages():
        item = page.item
        if item is None:
            if page.kind in LIST_KINDS:
                out.append(page)
        elif page.kind == "plan" and (item.id in plans or "FZ" in repr(item)):
            out.append(page)
        elif getattr(item, "key", None) in touched or (page.kind in ("unit", "document") and "FZ" in repr(item)):
            out.append(page)
    return out


# --------------------------------------------------------------------------- the run

@pytest.fixture(scope="module")
def trees(tmp_path_factory) -> dict[str, Path]:
    """One small tree per plan (its folder and plans/_shared): a case loads only the plan it changes."""
    out = {}
    for plan in PLANS:
        root = tmp_path_factory.mktemp(f"fuzz-{plan}")
        (root / "plans").mkdir()
        for folder in ("_shared", plan):
            shutil.copytree(ROOT / "plans" / folder, root / "plans" / folder)
        (root / "sources").symlink_to(ROOT / "sources")
        (root / "theme").symlink_to(ROOT / "theme")
        out[plan] = root
    return out


def tree_of(case: Case, trees: dict[str, Path]) -> Path:
    folder = Path(case.rel).parts[1]
    return trees.get(folder, trees[PLANS[0]])  # plans/_shared/… goes with the first plan


def run_case(case: Case, tree: Path, envs, outcome: Outcome) -> None:
    path = tree / case.rel
    original = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.content)
    label = f"case {case.number} ({case.kind}) {case.rel}"
    try:
        try:
            portal = load_portal(tree / "plans", tree / "sources", tree, AS_OF)
        except ValidationFailed as exc:
            outcome.with_problems += 1
            for p in exc.problems:
                # located (an existing file, a line), and short: a value quoted back is cut (rules.shorten)
                if not (p.line >= 1 and (tree / p.file).exists() and re.match(r"^plans/\S.*:\d+: ", str(p))
                        and len(str(p)) < 800):
                    outcome.bad_problems.append(f"{label}: {p}")
            return
        outcome.valid += 1
        if "FZ" not in case.content.decode("utf-8", "replace"):
            return  # nothing injected reached the model: the pages are those of the real data
        site = Site(portal, tree / "sources", AS_OF)
        out = tree / "build" / "docs"
        pages = pages_to_render(site, portal)
        render_pages(pages, envs, out, {"site": site, "portal": portal, "as_of": AS_OF})
        for page in pages:
            text = (out / page.path).read_text(encoding="utf-8")
            html = text if page.template.endswith(".html.j2") else to_html(text)
            outcome.markup += [f"{label} → {page.path}: {m}" for m in Markup.check(html)]
        outcome.rendered_pages += len(pages)
        if "/progress/" in case.rel:  # the Atom feeds carry notes too: they must stay well-formed XML
            for rel in write_feeds(portal, AS_OF, envs, Paths(tree)):
                ET.parse(tree / "build" / "docs" / rel)
    except Exception:  # noqa: BLE001 - the point of the test: any other exception is a crash to report
        outcome.crashes.append(f"{label}:\n{traceback.format_exc(limit=6)}")
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


@pytest.mark.slow  # renders pages for hundreds of cases: not in make test-fast
# In two halves (every other case), so both cores of `make test` share the slowest test of the suite.
@pytest.mark.parametrize("half", [0, 1])
def test_fuzzed_staff_files_end_valid_or_with_located_problems_and_never_in_markup(trees, monkeypatch, half):
    portals = [load_portal(tree / "plans", tree / "sources", tree, AS_OF) for tree in trees.values()]
    every = make_cases(trees, portals)
    assert len(every) == CASES
    cases = every[half::2]
    # Unchanged real files are parsed once: only the mutated file is parsed again in each case (speed only).
    originals = {p: p.read_bytes() for tree in trees.values() for p in (tree / "plans").rglob("*.yaml")}
    cache: dict = {}
    real_load_file = loader.load_file

    def cached_load_file(path: Path, shown_as: str):
        if originals.get(path) != path.read_bytes():
            return real_load_file(path, shown_as)
        if path not in cache:
            cache[path] = real_load_file(path, shown_as)
        return cache[path]

    monkeypatch.setattr(loader, "load_file", cached_load_file)
    envs = environments(ROOT / "theme" / "templates")
    outcome = Outcome()
    for case in cases:
        run_case(case, tree_of(case, trees), envs, outcome)
    print(f"\nfuzz: {len(cases)} cases (half {half} of {CASES}, seed {SEED}): {outcome.valid} valid, {outcome.with_problems} with problems, "
          f"{outcome.rendered_pages} pages rendered, {len(outcome.crashes)} tracebacks, {len(outcome.markup)} markup leaks")
    assert outcome.crashes == [], "\n".join(outcome.crashes[:5])
    assert outcome.bad_problems == [], "\n".join(outcome.bad_problems[:10])
    assert outcome.markup == [], "\n".join(outcome.markup[:10])
    # The mix is worth its name: both outcomes occur often, and pages with injected text were rendered.
    n = len(cases)
    assert outcome.valid >= n // 10 and outcome.with_problems >= n * 2 // 5 and outcome.rendered_pages >= n // 5


def test_the_markup_check_sees_markup_made_from_input():
    """The detector itself: escaped payloads pass, rendered ones are caught."""
    assert Markup.check("<p>**FZbold** &lt;script&gt;alert('FZ')&lt;/script&gt; [FZlink](https://evil.example)</p>") == []
    assert Markup.check(to_html("**FZbold**")) == ["<strong>FZbold</strong>"]
    assert Markup.check(to_html("[FZlink](https://evil.example/fz)"))
    assert Markup.check('<img src=x onerror=alert("FZ")>') == ["<img onerror=…>"]
    assert Markup.check(to_html("# FZh")) == ["<h1>FZh</h1>"]
    assert Markup.check("<script>alert('FZ')</script>")
    assert Markup.check('<a href="javascript:alert(1)">x</a>') and Markup.check('<a href=" https://evil.example/">x</a>')
    assert Markup.check('<a href="https://example.gov.vn/![FZimg](https://evil.example/a)">x</a>') == []


def test_a_full_build_with_every_accepted_payload_publishes_no_markup(tmp_path):
    """The whole pipeline (render → MkDocs → Pagefind) on the mini plan, with every payload the validator
    accepts placed in a progress note, a task's text, an indicator's name and a document's title."""
    from generator.build import build

    root = tmp_path / "site-root"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", root)
    for name in ("content", "theme", "generator"):
        (root / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    progress = root / "plans" / "mini" / "progress" / "2025-09-01-nv-1-1.yaml"
    progress.parent.mkdir()

    def note_file(note: str) -> str:
        return dump({"progress": [{"task": "nv-1-1", "date": "2025-09-01", "status": "đang triển khai", "note": note}]}).decode()

    accepted = []
    for payload in PAYLOADS:  # the validator decides which ones reach the pages
        progress.write_text(note_file(f"Ghi chú {payload} hết"), encoding="utf-8")
        try:
            load_portal(root / "plans", root / "sources", root, AS_OF)
            accepted.append(payload)
        except ValidationFailed:
            pass
    assert len(accepted) >= 10, accepted
    together = " ".join(accepted)
    progress.write_text(note_file(together), encoding="utf-8")
    for rel, old in (("plans/mini/tasks.yaml", "Tuyên truyền về chuyển đổi số cho người dân."),
                     ("plans/mini/indicators.yaml", "Tỷ lệ hồ sơ trực tuyến")):
        path = root / rel
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f'"{old}"', dump(old + " " + together).decode().strip().removesuffix("...").strip()),
                        encoding="utf-8")
    build(Paths(root), AS_OF)
    pages = [p for p in (root / "site").rglob("*.html") if "assets" not in p.parts]
    leaks = [f"{p.relative_to(root / 'site')}: {m}" for p in pages for m in Markup.check(p.read_text(encoding="utf-8"))]
    assert leaks == [], "\n".join(leaks[:10])
    task_page = (root / "site" / "ke-hoach" / "mini" / "nv-1-1" / "index.html").read_text(encoding="utf-8")
    assert "**FZbold**" in task_page and "FZjinja" in task_page  # shown, as text
    assert "**FZbold**" in (root / "site" / "cap-nhat" / "index.html").read_text(encoding="utf-8")
