"""Reviewer-friendly summary, in Vietnamese Markdown, of what a change does to the published data.

Usage: python -m generator diff BASE_REV HEAD_REV   (git revisions of this repository)

It lists every changed field of every plan, task, indicator, unit and document, items added and
removed, progress reports and measured values added, changed or removed (with their evidence),
reports dated after the as-of date, and URLs removed from urls.lock or redirected. What must make a
reviewer stop (a changed target or deadline, a removed item or URL, a new redirect, a future date)
stands under a ⚠️ heading. Every text that comes from the data is escaped (`md`), so a note cannot
forge the summary's own Markdown (a fake "no changes" heading, a link, an image).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import re
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import git
from .errors import ValidationFailed
from .labels import label
from .model import Cell, Portal, Source, Target
from .permalinks import LOCK, Redirect, load_redirects, parse_lock
from .progress import all_states
from .validate import load_portal

# Newlines are folded into spaces, so data text never starts a line (no heading, list or table of its
# own); within a line, the characters of inline markup are backslash-escaped (CommonMark allows it for
# any ASCII punctuation): emphasis, code, links and images, strikethrough, GitHub's emoji and math;
# & < > become entities, so no HTML either.
_MD_PUNCTUATION = re.compile(r"([\\`*_\[\]()!|~:$#])")
SHOWN_CHARS = 160


def md(value: Any, limit: int = SHOWN_CHARS) -> str:
    """Data text as inert Markdown: one line, cut to `limit` characters, every markup character escaped."""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return html.escape(_MD_PUNCTUATION.sub(r"\\\1", text), quote=False)


def _show(value: Any) -> str:
    """A field's value as one readable line (before escaping)."""
    if value is None or value == () or value == "":
        return "không có"
    if isinstance(value, Cell):
        return value.export() or "ô trống"
    if isinstance(value, Source):
        return f"{value.file} dòng {value.first}–{value.last}"
    if isinstance(value, Target):
        return f"{value.horizon}: {_show(value.cell)}"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, (tuple, list)):
        return "; ".join(_show(v) for v in value)
    if dataclasses.is_dataclass(value):
        return ", ".join(_show(getattr(value, f.name)) for f in dataclasses.fields(value)
                         if getattr(value, f.name) not in (None, (), ""))
    return str(value)


# Field names shown to reviewers; fields not listed are compared under their own name.
LABELS = {
    "text": "nội dung", "name": "tên", "number": "số thứ tự", "deadline": "thời hạn", "output": "sản phẩm",
    "lead": "đơn vị chủ trì", "coordinating": "đơn vị phối hợp", "national_task": "nhiệm vụ trung ương",
    "note": "ghi chú", "topics": "chủ đề", "source": "dòng trong bản quét", "group_path": "nhóm", "unit": "đơn vị tính",
    "same_as": "trùng với chỉ tiêu", "title": "tiêu đề", "short_title": "tên ngắn", "symbol": "số, ký hiệu",
    "issuer": "cơ quan ban hành", "date": "ngày", "signer": "người ký", "implements": "văn bản thực hiện",
    "purposes": "mục đích", "requirements": "yêu cầu", "sections": "các đoạn", "missing_attachments": "phụ lục thiếu",
    "notes": "ghi chú", "locality": "địa bàn", "aliases": "tên khác", "kind": "loại", "scan_garbled": "chữ bị nhòe",
}
# Identity, derived or structural fields: their changes show through other fields or other items.
SKIPPED = {"plan", "id", "deadline_date", "targets", "group_numbers", "task_tables", "indicator_tables", "horizons",
           "table_kind"}
SHOUTED_FIELDS = {"deadline"}  # a new deadline can clear "quá hạn" without anything being done


@dataclass
class DataDiff:
    target_changes: list[str] = field(default_factory=list)
    deadline_changes: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    urls_removed: list[str] = field(default_factory=list)
    redirects_added: list[str] = field(default_factory=list)
    future: list[str] = field(default_factory=list)
    reports_changed: list[str] = field(default_factory=list)
    status_changes: list[str] = field(default_factory=list)
    new_values: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    text_changes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(vars(self).values())


def _field_changes(kind: str, key: str, a: Any, b: Any, d: DataDiff) -> None:
    for f in dataclasses.fields(a):
        if f.name in SKIPPED:
            continue
        before, after = _show(getattr(a, f.name)), _show(getattr(b, f.name))
        if before != after:
            line = f"{kind} `{key}`, {LABELS.get(f.name, f.name)}: “{md(before)}” → “{md(after)}”"
            (d.deadline_changes if f.name in SHOUTED_FIELDS else d.text_changes).append(line)


def _items(portal: Portal) -> dict[str, tuple[str, Any, str]]:
    """Every published item: key → (kind, item, a short description)."""
    out: dict[str, tuple[str, Any, str]] = {}
    out.update({f"ke-hoach/{k}": ("Kế hoạch", v, v.title) for k, v in portal.plans.items()})
    out.update({k: ("Nhiệm vụ", v, v.text) for k, v in portal.tasks.items()})
    out.update({k: ("Chỉ tiêu", v, v.name) for k, v in portal.indicators.items()})
    out.update({f"don-vi/{k}": ("Đơn vị", v, v.name) for k, v in portal.units.items()})
    out.update({f"van-ban/{k}": ("Văn bản", v, v.symbol) for k, v in portal.documents.items()})
    return out


def _report(e: Any) -> str:
    """One progress report or measured value, with its evidence, escaped."""
    if hasattr(e, "status"):
        evidence = " · ".join(md(x, 100) for x in (e.evidence_document, e.evidence_url) if x)
        return (f"`{e.task_key}` ngày {e.date:%d/%m/%Y}: **{md(label(e.status))}** — {md(e.note)}"
                f" (bằng chứng: {evidence or 'không có'}; tệp {md(e.file)})")
    return f"`{e.indicator_key}`: **{md(e.value)}** ngày {e.date:%d/%m/%Y} (nguồn: {md(e.source)}; tệp {md(e.file)})"


def _report_key(e: Any) -> tuple:
    return tuple(getattr(e, f.name) for f in dataclasses.fields(e) if f.name not in ("line", "parsed"))


def compare(old: Portal, new: Portal, as_of: dt.date) -> DataDiff:
    d = DataDiff()
    before, after = _items(old), _items(new)
    for key in sorted(after.keys() - before.keys()):
        kind, _, text = after[key]
        d.added.append(f"{kind} mới `{key}`: {md(text, 100)}")
    for key in sorted(before.keys() - after.keys()):
        kind, _, text = before[key]
        d.removed.append(f"{kind} bị xóa `{key}`: {md(text, 100)}")
    for key in sorted(before.keys() & after.keys()):
        kind, a, b = before[key][0], before[key][1], after[key][1]
        _field_changes(kind, key, a, b, d)
    for key in sorted(old.indicators.keys() & new.indicators.keys()):
        a, b = old.indicators[key], new.indicators[key]
        t0 = {t.horizon: _show(t.cell) for t in a.targets}
        t1 = {t.horizon: _show(t.cell) for t in b.targets}
        for h in sorted(t0.keys() | t1.keys()):
            if t0.get(h) != t1.get(h):
                d.target_changes.append(f"`{key}` mốc {md(h)}: “{md(t0.get(h, 'không có'))}” → "
                                        f"“{md(t1.get(h, 'không có'))}” ({md(b.name, 80)})")
    old_reports = [e for entries in (*old.progress.values(), *old.actuals.values()) for e in entries]
    new_reports = [e for entries in (*new.progress.values(), *new.actuals.values()) for e in entries]
    old_keys, new_keys = {_report_key(e) for e in old_reports}, {_report_key(e) for e in new_reports}
    added_reports = [e for e in new_reports if _report_key(e) not in old_keys]
    for e in old_reports:
        if _report_key(e) not in new_keys:
            d.reports_changed.append(f"đã bỏ hoặc sửa: {_report(e)}")
    for e in sorted(new_reports, key=lambda e: (e.date, e.file)):
        if e.date > as_of:
            d.future.append(f"ngày {e.date:%d/%m/%Y} (sau ngày {as_of:%d/%m/%Y}): {_report(e)}")
    states0, states1 = all_states(old, as_of), all_states(new, as_of)
    for key in sorted(new.tasks.keys() & old.tasks.keys()):
        s0, s1 = states0[key], states1[key]
        if (s0.status, s0.latest) != (s1.status, s1.latest):
            d.status_changes.append(f"`{key}`: {md(label(s0.status))} → **{md(label(s1.status))}**")
    for e in added_reports:
        (d.status_changes if hasattr(e, "status") else d.new_values).append(_report(e))
    return d


def url_changes(old_lock: list[str], new_lock: list[str], old_redirects: list[Redirect],
                new_redirects: list[Redirect], d: DataDiff) -> None:
    """URLs gone from urls.lock (the way around the URL promise) and redirects added."""
    redirected = {r.source: r.target for r in new_redirects}
    for url in sorted(set(old_lock) - set(new_lock)):
        where = f"chuyển hướng tới `/{md(redirected[url])}`" if url in redirected else "**KHÔNG có chuyển hướng**"
        d.urls_removed.append(f"`/{md(url)}` bị xóa khỏi {LOCK} ({where})")
    known = {r.source for r in old_redirects}
    for r in new_redirects:
        if r.source not in known:
            d.redirects_added.append(f"`/{md(r.source)}` → `/{md(r.target)}`" + (f" ({md(r.note)})" if r.note else ""))


def render(d: DataDiff) -> str:
    if d.empty:
        return "## Thay đổi dữ liệu\n\nKhông có thay đổi nào về dữ liệu kế hoạch.\n"
    out = ["## Thay đổi dữ liệu"]
    sections = [
        ("### ⚠️ CẢNH BÁO: MỤC TIÊU CỦA KẾ HOẠCH ĐÃ CÔNG BỐ BỊ THAY ĐỔI\n\nChỉ chấp nhận khi có văn bản sửa đổi kế hoạch; "
         "hãy ghi số văn bản trong mô tả pull request.", d.target_changes),
        ("### ⚠️ CẢNH BÁO: THỜI HẠN NHIỆM VỤ BỊ THAY ĐỔI\n\nĐổi thời hạn có thể xóa trạng thái “quá hạn” mà không cần làm gì; "
         "chỉ chấp nhận khi có văn bản sửa đổi.", d.deadline_changes),
        ("### ⚠️ CẢNH BÁO: ĐƯỜNG DẪN ĐÃ CÔNG BỐ BỊ XÓA KHỎI urls.lock\n\nĐường dẫn đã công bố là một lời hứa: chỉ được "
         "bỏ khi có chuyển hướng.", d.urls_removed),
        ("### ⚠️ CẢNH BÁO: CHUYỂN HƯỚNG MỚI\n\nKiểm tra trang cũ có thật sự phải bỏ và trang mới đúng nội dung.",
         d.redirects_added),
        ("### ⚠️ CẢNH BÁO: BÁO CÁO GHI NGÀY TRONG TƯƠNG LAI\n\nBáo cáo chỉ được ghi điều đã xảy ra.", d.future),
        ("### ⚠️ Mục bị xóa (đường dẫn đã công bố phải được chuyển hướng)", d.removed),
        ("### ⚠️ Báo cáo tiến độ hoặc số liệu đã công bố bị sửa hoặc bỏ", d.reports_changed),
        ("### Trạng thái nhiệm vụ thay đổi", d.status_changes),
        ("### Số liệu thực hiện mới", d.new_values),
        ("### Mục mới", d.added),
        ("### Nội dung được sửa", d.text_changes),
    ]
    for title, lines in sections:
        if lines:
            out += ["", title, "", *(f"- {line}" for line in lines)]
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Snapshot:
    portal: Portal
    lock: list[str]
    redirects: list[Redirect]


def snapshot_at(repo: Path, rev: str) -> Snapshot:
    """The validated data, urls.lock and redirects as they stand at a git revision."""
    archive = git.archive(repo, rev, "plans", "sources")
    lock = [url for _, url in parse_lock(git.read(repo, rev, LOCK) or "")]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "plans").mkdir()
        (root / "sources").mkdir()
        if archive:
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(tmp, filter="data")
        # No as-of here: reports dated later are kept, so the summary can point at them.
        return Snapshot(load_portal(root / "plans", root / "sources", root), lock, load_redirects(root))


def portal_at(repo: Path, rev: str) -> Portal:
    return snapshot_at(repo, rev).portal


def summary(repo: Path, base: str, head: str, as_of: dt.date) -> str:
    old, new = snapshot_at(repo, base), snapshot_at(repo, head)
    d = compare(old.portal, new.portal, as_of)
    url_changes(old.lock, new.lock, old.redirects, new.redirects, d)
    return render(d)


def main(repo: Path, base: str, head: str, as_of: dt.date) -> int:
    try:
        print(summary(repo, base, head, as_of))
    except git.RevisionError as exc:
        print(f"## Thay đổi dữ liệu\n\n{md(exc, 400)}")
        return 2
    except ValidationFailed as exc:
        lines = "\n".join(f"- {md(p, 400)}" for p in exc.problems)
        print(f"## Thay đổi dữ liệu\n\nDữ liệu ở một trong hai phiên bản không hợp lệ "
              f"({len(exc.problems)} lỗi; xem bước “Kiểm tra dữ liệu”):\n\n{lines}")
        return 1
    return 0
