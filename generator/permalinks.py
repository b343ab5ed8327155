"""Published URLs are a promise: urls.lock lists every URL ever published; each must still be
produced, or be redirected (plans/_shared/redirects.yaml) to one that is."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import git, rules, schema
from .errors import DataError, Problem, ValidationFailed
from .load import load_file
from .validate import Ctx, check

LOCK = "urls.lock"
REDIRECTS = "plans/_shared/redirects.yaml"


@dataclass(frozen=True)
class Redirect:
    source: str  # old URL path within the site, e.g. "ke-hoach/hai-an/ct-cu/"
    target: str
    note: str | None
    line: int


def load_redirects(root: Path) -> list[Redirect]:
    """The declared redirects. Their shape is checked by the one schema of plans/ files (schema.REDIRECT,
    the same check `make check` runs); only what the schema cannot say is checked here."""
    path = root / REDIRECTS
    if not path.exists():
        return []
    try:  # the same strict loader as every plans/ file: no anchors, tags or size surprises
        data = load_file(path, REDIRECTS).data
    except DataError as exc:
        raise ValidationFailed([exc.problem]) from None
    ctx = Ctx(REDIRECTS, [])
    clean = check(data, schema.FILE, ctx, getattr(data, "line", 1) or 1, None) if data is not None else None
    entries = (clean or {}).get("redirects") or []
    out: list[Redirect] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        if entry is None or entry["from"] is None or entry["to"] is None:
            continue  # the schema has reported it
        line = entries.line_of(i)
        source, to = entry["from"].strip().strip("/"), entry["to"].strip().strip("/")
        if source == "":
            ctx.add(line, "from", "không thể chuyển hướng trang chủ; `from` là đường dẫn cũ của một trang.",
                    "the home page cannot be redirected")
            continue
        # A redirect is written as a page at `from`: anything but plain path segments could put a file
        # outside the site ("../../x"); `to` is a page of this portal, never another site.
        bad = [(fld, value) for fld, value in (("from", source), ("to", to)) if value and not _site_path(value)]
        for fld, value in bad:
            ctx.add(line, fld, f"'{rules.shorten(value, 80)}' không phải đường dẫn trong cổng. Viết đường dẫn của trang, "
                    "chỉ gồm chữ không dấu, số, dấu gạch ngang và '/', ví dụ ke-hoach/hai-an/ct-pl2-i-9/ "
                    "(không dùng '..', 'https://', khoảng trắng).", "not a path of this site")
        if bad:
            continue
        if source in seen:
            ctx.add(line, "from", f"đường dẫn cũ '{rules.shorten(source, 80)}/' đã có chuyển hướng ở dòng {seen[source]}; "
                    "mỗi đường dẫn cũ chỉ chuyển tới một trang.", "two redirects from the same address")
            continue
        seen[source] = line
        out.append(Redirect(source + "/", to + "/" if to else "", entry["note"], line))
    if ctx.problems:
        raise ValidationFailed(ctx.problems)
    return out


_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")


def _site_path(path: str) -> bool:
    """A relative path of this site: plain segments, none of them "." or ".." (the pattern starts each with
    a letter or digit), no scheme, no empty segment."""
    return all(_SEGMENT.fullmatch(part) for part in path.split("/"))


def parse_lock(text: str) -> list[tuple[int, str]]:
    """(line number, URL) of a urls.lock text: one URL per line, site-relative with a leading "/" ("/" is home)."""
    return [(n, line.strip()[1:]) for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith("/")]


def _lock_entries(root: Path) -> list[tuple[int, str]]:
    path = root / LOCK
    return parse_lock(path.read_text(encoding="utf-8")) if path.exists() else []


def read_lock(root: Path) -> list[str]:
    return [url for _, url in _lock_entries(root)]


def check_against_base(root: Path, base: str) -> list[Problem]:
    """The URL promise across a pull request: every URL in the base revision's urls.lock is still in this
    tree's urls.lock, or redirected here. Without this, deleting a line of urls.lock in the same pull request
    as the page would pass the build's own check. Raises git.RevisionError for an unknown base."""
    base_text = git.read(root, base, LOCK) or ""
    kept = set(read_lock(root)) | {r.source for r in load_redirects(root)}
    return [Problem(LOCK, 1, None, f"đường dẫn đã công bố '/{rules.shorten(url, 120)}' (dòng {n} của {LOCK} ở nhánh gốc "
                    f"{rules.shorten(base, 40)}) đã bị xóa khỏi {LOCK} mà không có chuyển hướng. Đường dẫn đã công bố không "
                    f"bao giờ bị xóa: khôi phục dòng đó, hoặc khai báo chuyển hướng trong {REDIRECTS}.",
                    f"published URL /{rules.shorten(url, 120)} removed from {LOCK} without a redirect")
            for n, url in parse_lock(base_text) if url not in kept]


def check_promises(root: Path, produced: set[str], redirects: list[Redirect]) -> None:
    """Fail, before anything is built, when a published URL would stop working."""
    redirected = {r.source: r for r in redirects}
    problems = []
    for r in redirects:
        if r.target not in produced:
            problems.append(Problem(REDIRECTS, r.line, "to", f"chuyển hướng '{rules.shorten(r.source)}' trỏ tới '{rules.shorten(r.target)}' nhưng trang đó "
                                    "không tồn tại.", "redirect target is not a page"))
        if r.source in produced:
            problems.append(Problem(REDIRECTS, r.line, "from", f"'{rules.shorten(r.source)}' vẫn là một trang đang có; chỉ chuyển hướng "
                                    "đường dẫn đã bị bỏ.", "redirect source is still a page"))
    for n, url in _lock_entries(root):
        if url not in produced and url not in redirected:
            problems.append(Problem(LOCK, n, None, f"đường dẫn đã công bố '/{url}' không còn trang nào. Không xóa mục đã công bố; "
                                    f"nếu buộc phải bỏ, khai báo chuyển hướng trong {REDIRECTS} "
                                    "(from: đường dẫn cũ, to: đường dẫn mới).", f"published URL /{url} would break"))
    if problems:
        raise ValidationFailed(problems)


def write_lock(root: Path, produced: set[str], redirects: list[Redirect]) -> int:
    """Record every URL now served (pages and redirects); old entries stay while redirected."""
    urls = sorted(set(read_lock(root)) & ({r.source for r in redirects} | produced) | produced)
    header = ("# Every URL this portal has published. Generated by `make lock`; commit it.\n"
              "# The build fails if one of these is no longer produced and has no redirect.\n")
    (root / LOCK).write_text(header + "".join(f"/{u}\n" for u in urls), encoding="utf-8")
    return len(urls)
