"""`python -m generator new-plan <id> --source <scan>`: the folder of a new locality's plan, ready to fill.

The files it writes pass `make check` as they are, so staff can check after every step while they
copy the plan in (guide: docs/them-ke-hoach.md). It writes no data value: every field that must come
from the scan says "(chưa nhập)" until someone copies it from the source lines, and the tables start
empty with a commented example.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .labels import LEVELS
from .validate import _ID as ID, RESERVED_PLAN_IDS

TODO = "(chưa nhập)"  # the placeholder of every value still to copy from the scan


class ScaffoldError(Exception):
    """A Vietnamese message saying what to change in the command."""


@dataclass(frozen=True)
class NewPlan:
    id: str
    source: str  # file name in sources/
    level: str
    source_lines: int

    @property
    def issuer(self) -> str:
        return f"{self.id}-co-quan-ban-hanh"


def _plan_yaml(p: NewPlan) -> str:
    levels = ", ".join(f"{k} ({v.vi})" for k, v in LEVELS.items())
    return f"""# Kế hoạch {p.id}: chép từ bản quét sources/{p.source} ({p.source_lines} dòng).
# Thay mọi "{TODO}" bằng chữ đúng như in, và sửa `lines:` thành dòng đầu, dòng cuối trong bản quét.
# Hướng dẫn từng bước: docs/them-ke-hoach.md. Kiểm tra sau mỗi bước: make check
plan:
  id: {p.id}
  title: "{TODO} tên kế hoạch, đúng như in"
  short_title: "{TODO} tên ngắn, ví dụ Phường Hải An"
  symbol: null  # số, ký hiệu như in, ví dụ "59/KH-UBND"; null nếu bản gốc không ghi
  number: null
  issuer: {p.issuer}  # mã đơn vị ban hành, khai trong units.yaml
  level: {p.level}  # một trong: {levels}
  locality: "{TODO} địa bàn, ví dụ phường Hải An"
  province: null
  date: null  # ngày ban hành dạng YYYY-MM-DD; null nếu không ghi hoặc không đọc được
  date_printed: null
  place_printed: null
  signer: null
  source_file: {p.source}
  lines: [1, {p.source_lines}]
  implements: []
  purposes: []
  requirements: []
  sections: []
  missing_attachments: []
  notes: []
"""


def _units_yaml(p: NewPlan) -> str:
    return f"""# Cơ quan, đơn vị được kế hoạch {p.id} nhắc đến. Mã đã công bố thì không bao giờ đổi.
# Đơn vị dùng chung cho nhiều kế hoạch nằm ở plans/_shared/units.yaml.
units:
- id: {p.issuer}
  name: "{TODO} tên đầy đủ của cơ quan ban hành"
  short_name: null
  aliases: []
  locality: null
  group: false
"""


def _tasks_yaml(p: NewPlan) -> str:
    return f"""# Các bảng nhiệm vụ của kế hoạch {p.id}, chép đúng như in. Mẫu một bảng (bỏ dấu "# " ở đầu
# mỗi dòng, thay bằng chữ trong bản quét, rồi xóa dòng `task_tables: []` cuối tệp):
#
# task_tables:
# - id: nhiem-vu
#   kind: tasks            # tasks (nhiệm vụ), assignments (phân công), implementation (tổ chức thực hiện)
#   title: "II. Nhiệm vụ, giải pháp"
#   lines: [120, 400]
#   groups:
#   - number: "1"
#     title: "Tên nhóm nhiệm vụ như in"
#     lines: [122, 180]
#     items:
#     - id: nv-1-1         # mã: không bao giờ đổi sau khi công bố
#       number: "1.1"
#       text: "Nội dung nhiệm vụ như in"
#       lead: [{p.issuer}]
#       coordinating: []
#       output: null
#       deadline: "Năm 2026"   # như in; null nếu không ghi
#       lines: [124, 130]
task_tables: []
"""


def _indicators_yaml(p: NewPlan) -> str:
    return f"""# Các bảng chỉ tiêu của kế hoạch {p.id}, chép đúng như in. Mẫu một bảng (bỏ dấu "# " ở đầu
# mỗi dòng, rồi xóa dòng `indicator_tables: []` cuối tệp):
#
# indicator_tables:
# - id: pl1
#   kind: appendix         # appendix (phụ lục) hoặc body (trong nội dung kế hoạch)
#   title: "Phụ lục 1: Các chỉ tiêu cụ thể"
#   horizons: ["2030"]     # các mốc năm như in ở tiêu đề cột
#   lines: [669, 811]
#   groups:
#   - number: "I"
#     title: "Tên nhóm chỉ tiêu như in"
#     lines: [681, 686]
#     items:
#     - id: ct-pl1-i-1
#       number: "1"
#       name: "Tên chỉ tiêu như in"
#       unit: "%"
#       targets:
#         "2030": "≥ 80"     # đúng như in
#       lead: [{p.issuer}]
#       lines: [690, 698]
indicator_tables: []
"""


FILES = {"plan.yaml": _plan_yaml, "units.yaml": _units_yaml, "tasks.yaml": _tasks_yaml,
         "indicators.yaml": _indicators_yaml}


def new_plan(root: Path, plan_id: str, source: str | None, level: str = "ward") -> list[Path]:
    """Write plans/<plan_id>/ (plan, units, tasks, indicators) and return the files written."""
    sources = root / "sources"
    available = sorted(p.name for p in sources.glob("*.txt"))
    if not ID.match(plan_id or ""):
        raise ScaffoldError(f"mã kế hoạch '{plan_id}' không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch "
                            "ngang, ví dụ 'phuong-le-chan'. [invalid plan id]")
    if plan_id in RESERVED_PLAN_IDS or plan_id.startswith("_"):
        raise ScaffoldError(f"mã kế hoạch '{plan_id}' trùng tên một mục của trang web; chọn mã khác. [reserved id]")
    folder = root / "plans" / plan_id
    if folder.exists():
        raise ScaffoldError(f"đã có thư mục plans/{plan_id}/; chọn mã khác hoặc sửa trực tiếp các tệp trong đó. "
                            "[plan folder exists]")
    if not source:
        raise ScaffoldError("thiếu bản quét: thêm --source <tên tệp trong sources/>. Các tệp hiện có: "
                            f"{', '.join(available) or '(chưa có)'}. [missing --source]")
    if source not in available:
        raise ScaffoldError(f"không có tệp '{source}' trong sources/. Chép bản quét (văn bản OCR, .txt) vào sources/ "
                            f"trước. Các tệp hiện có: {', '.join(available) or '(chưa có)'}. [source not found]")
    if level not in LEVELS:
        raise ScaffoldError(f"cấp '{level}' không hợp lệ; dùng một trong: {', '.join(LEVELS)}. [invalid level]")
    lines = len((sources / source).read_text(encoding="utf-8").splitlines())
    spec = NewPlan(plan_id, source, level, max(lines, 1))
    folder.mkdir(parents=True)
    written = []
    for name, render in FILES.items():
        (folder / name).write_text(render(spec), encoding="utf-8")
        written.append(folder / name)
    return written
