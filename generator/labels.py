"""Every word the portal shows for a coded value, in one place: stable ids → Vietnamese labels.

Code, CSS classes (`status-done`) and filter logic use the ids; pages show the labels. Staff keep
writing the Vietnamese words in YAML (`status: "hoàn thành"`): the loader maps them to ids
(`status_id`), so rewording a label is one line here, never a data migration.

Adding a value is one line in its table. Computed states (the portal works them out; staff never
type them) live in COMPUTED, apart from the reported STATUSES, so they are never counted as if
someone had reported them.
"""
from __future__ import annotations

from dataclasses import dataclass

SITE_NAME = "Kế hoạch số địa phương"  # mkdocs.yml's site_name says the same (tests/test_kinds.py)
UNREADABLE = "[không đọc được]"  # exported in place of a cell the scan lost (README: data export contract)


@dataclass(frozen=True)
class Label:
    id: str
    vi: str  # what pages show, and (for STATUSES) what staff write in YAML
    meaning: str = ""  # one sentence for the legend on /cap-nhat/
    count: str = ""  # how a number of them reads: "13 dòng phân công"


def _table(*labels: Label) -> dict[str, Label]:
    return {label.id: label for label in labels}


# Task statuses staff report in plans/<plan>/progress/*.yaml, in the order pages list them.
STATUSES = _table(
    Label("not-started", "chưa triển khai", "Cơ quan báo cáo là chưa bắt đầu làm."),
    Label("in-progress", "đang triển khai", "Đã bắt đầu thực hiện nhưng chưa xong."),
    Label("done", "hoàn thành", "Đã xong; báo cáo phải kèm văn bản hoặc đường dẫn chứng minh."),
    Label("paused", "tạm dừng", "Tạm ngừng thực hiện; báo cáo ghi rõ lý do."),
    Label("stopped", "không tiếp tục", "Dừng hẳn, không thực hiện nữa (ví dụ do sắp xếp bộ máy); báo cáo ghi rõ lý do."),
)
# Statuses after which a deadline no longer matters.
CLOSED = frozenset({"done", "stopped"})

# States the portal computes from the progress log, the printed deadline and the as-of date.
# "Quá hạn" is said only where a report exists and says the task is not done after its deadline; with no
# report at all the portal does not know, and says so ("past-due-unreported"), without red or a day count.
COMPUTED = _table(
    Label("no-update", "chưa có báo cáo", "Cổng chưa nhận báo cáo tiến độ nào cho nhiệm vụ này, nên chưa biết việc đã làm đến đâu."),
    Label("overdue", "quá hạn", "Báo cáo mới nhất cho biết việc chưa xong dù hạn ghi trong kế hoạch đã qua (cổng tự tính)."),
    Label("past-due-unreported", "đã qua hạn, chưa có báo cáo",
          "Hạn ghi trong kế hoạch đã qua nhưng cổng chưa nhận báo cáo nào, nên không biết việc đã xong hay chưa."),
    Label("due-soon", "sắp đến hạn", "Còn 30 ngày trở xuống đến hạn ghi trong kế hoạch (cổng tự tính)."),
)

LEVELS = _table(
    Label("province", "Tỉnh, thành phố"),
    Label("city-department", "Sở, ngành"),
    Label("special-zone", "Đặc khu"),
    Label("ward", "Phường"),
    Label("commune", "Xã"),
)

# Kinds of task table: the name of one item ("Phân công 48") and how a count of them reads ("13 việc phân công").
TABLE_KINDS = _table(
    Label("tasks", "Nhiệm vụ", count="nhiệm vụ"),
    Label("assignments", "Phân công", count="việc phân công"),
    Label("implementation", "Tổ chức thực hiện", count="việc tổ chức thực hiện"),
)
INDICATOR_TABLE_KINDS = _table(
    Label("appendix", "Phụ lục"),
    Label("body", "Nội dung kế hoạch"),
)

_ALL = {**STATUSES, **COMPUTED}


def label(value_id: str) -> str:
    """The Vietnamese label of a status or computed state id (templates: `{{ label(state.status) }}`)."""
    return _ALL[value_id].vi


def status_id(word: str) -> str | None:
    """The id of a status as staff write it in YAML ("hoàn thành" → "done"); None when unknown."""
    return next((s.id for s in STATUSES.values() if s.vi == word), None)


def status_words() -> list[str]:
    """The words staff may write for `status:` (the schema's enum, in the catalogue's order)."""
    return [s.vi for s in STATUSES.values()]
