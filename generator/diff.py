"""Reviewer-friendly summary, in Vietnamese Markdown, of what a change does to the published data.

Usage: python -m generator diff BASE_REV HEAD_REV   (git revisions of this repository)
"""
from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ValidationFailed
from .model import Portal
from .labels import label
from .progress import all_states
from .validate import load_portal


def portal_at(repo: Path, rev: str) -> Portal:
    """The validated portal as it stands at a git revision (plans/ and sources/ only)."""
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", rev, "plans", "sources"],
                             check=True, capture_output=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        root = Path(tmp)
        return load_portal(root / "plans", root / "sources", root)


@dataclass
class DataDiff:
    target_changes: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    text_changes: list[str] = field(default_factory=list)
    status_changes: list[str] = field(default_factory=list)
    new_values: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(vars(self).values())


def compare(old: Portal, new: Portal, as_of: dt.date) -> DataDiff:
    d = DataDiff()
    for key in sorted(new.tasks.keys() - old.tasks.keys()):
        d.added.append(f"Nhiệm vụ mới `{key}`: {new.tasks[key].text[:100]}")
    for key in sorted(new.indicators.keys() - old.indicators.keys()):
        d.added.append(f"Chỉ tiêu mới `{key}`: {new.indicators[key].name[:100]}")
    for key in sorted(old.tasks.keys() - new.tasks.keys()):
        d.removed.append(f"Nhiệm vụ bị xóa `{key}`: {old.tasks[key].text[:100]}")
    for key in sorted(old.indicators.keys() - new.indicators.keys()):
        d.removed.append(f"Chỉ tiêu bị xóa `{key}`: {old.indicators[key].name[:100]}")
    for key in sorted(old.indicators.keys() & new.indicators.keys()):
        a, b = old.indicators[key], new.indicators[key]
        before = {t.horizon: t.cell.export() or "ô trống" for t in a.targets}
        after = {t.horizon: t.cell.export() or "ô trống" for t in b.targets}
        for h in sorted(before.keys() | after.keys()):
            if before.get(h) != after.get(h):
                d.target_changes.append(f"`{key}` mốc {h}: “{before.get(h, 'không có')}” → “{after.get(h, 'không có')}” "
                                        f"({b.name[:80]})")
        if a.name != b.name:
            d.text_changes.append(f"Tên chỉ tiêu `{key}`: “{a.name[:80]}” → “{b.name[:80]}”")
    for key in sorted(old.tasks.keys() & new.tasks.keys()):
        if old.tasks[key].text != new.tasks[key].text:
            d.text_changes.append(f"Nội dung nhiệm vụ `{key}` đã sửa")
    before_states, after_states = all_states(old, as_of), all_states(new, as_of)
    for key in sorted(new.tasks.keys() & old.tasks.keys()):
        s0, s1 = before_states[key], after_states[key]
        if (s0.status, s0.latest) != (s1.status, s1.latest):
            note = f" — {s1.latest.note}" if s1.latest else ""
            d.status_changes.append(f"`{key}`: {label(s0.status)} → **{label(s1.status)}**{note}")
    for key, values in sorted(new.actuals.items()):
        known = {(a.date, a.value) for a in old.actuals.get(key, [])}
        for a in values:
            if (a.date, a.value) not in known:
                d.new_values.append(f"`{key}`: **{a.value}** ngày {a.date:%d/%m/%Y} (nguồn: {a.source})")
    return d


def render(d: DataDiff) -> str:
    if d.empty:
        return "## Thay đổi dữ liệu\n\nKhông có thay đổi nào về dữ liệu kế hoạch.\n"
    out = ["## Thay đổi dữ liệu"]
    sections = [
        ("### ⚠️ CẢNH BÁO: MỤC TIÊU CỦA KẾ HOẠCH ĐÃ CÔNG BỐ BỊ THAY ĐỔI\n\nChỉ chấp nhận khi có văn bản sửa đổi kế hoạch; "
         "hãy ghi số văn bản trong mô tả pull request.", d.target_changes),
        ("### Trạng thái nhiệm vụ thay đổi", d.status_changes),
        ("### Số liệu thực hiện mới", d.new_values),
        ("### Mục mới", d.added),
        ("### ⚠️ Mục bị xóa (đường dẫn đã công bố phải được chuyển hướng)", d.removed),
        ("### Nội dung được sửa", d.text_changes),
    ]
    for title, lines in sections:
        if lines:
            out += ["", title, "", *(f"- {line}" for line in lines)]
    return "\n".join(out) + "\n"


def main(repo: Path, base: str, head: str, as_of: dt.date) -> int:
    try:
        old, new = portal_at(repo, base), portal_at(repo, head)
    except ValidationFailed as exc:
        print("## Thay đổi dữ liệu\n\nDữ liệu ở một trong hai phiên bản không hợp lệ:\n\n```\n" + exc.report() + "\n```")
        return 1
    print(render(compare(old, new, as_of)))
    return 0
