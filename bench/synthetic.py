"""Synthetic portals of realistic shape, for benchmarking the whole build.

`make_tree(dest, pages)` writes a complete repository tree into `dest`:

* copies of the real `generator/`, `theme/`, `content/`, `mkdocs.yml` and `plans/_shared/`;
* N synthetic plan folders (`plans/<id>/plan.yaml`, `units.yaml`, `documents.yaml`, `tasks.yaml`,
  `assignments.yaml`, `implementation.yaml`, `indicators.yaml`, `progress/*.yaml`);
* one synthetic OCR text per plan in `sources/`, whose line numbers every item's `lines:` cites
  (the item's words and target numbers really stand in those lines, so the faithfulness check
  passes too);
* `plans/_shared/synthetic-provinces.yaml`: provinces whose departments are named by several plans.

The shape follows the five real plans (numbers in brackets are their averages): ~89 tasks per plan in
three tables (body tasks in nested groups, an assignment appendix, "Tổ chức thực hiện" duties),
~36 indicators (an appendix with 5 horizons, a body table with one horizon, some `same_as`),
~17 units, a plan-specific document, realistic target strings ("≥ 80%", "100%", "45-50%", "-"…),
occasional unreadable or from-context cells, and progress reports / measured values for about a
fifth of the items (one file per update, as staff write them).

Every task, indicator, unit, plan, document, source text and hand-written page is one page. The
number of plans is chosen, and the last plan trimmed, so that the generator writes exactly `pages`
Markdown pages (`python -m generator generate` then counts the same number of `*.md` files).

Command line:

    .venv/bin/python bench/synthetic.py --pages 1000 --out /tmp/portal-1k [--check]
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
COPIED = ("generator", "theme", "content", "mkdocs.yml")

try:  # libyaml makes writing 20,000 pages of YAML take seconds, not minutes
    _Base = yaml.CSafeDumper
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeDumper


class _Dumper(_Base):  # type: ignore[misc, valid-type]
    """Shared objects are written out each time: plans/ refuses YAML anchors and aliases (generator/load.py)."""

    def ignore_aliases(self, data):
        return True


# --------------------------------------------------------------------------- text helpers

def fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

PLACE_A = ["An", "Bình", "Tân", "Phú", "Hòa", "Long", "Thạnh", "Phước", "Vĩnh", "Hưng", "Thuận", "Mỹ", "Lộc",
           "Quang", "Hải", "Sơn", "Trung", "Kiến", "Gia", "Cẩm", "Thủy", "Đức", "Xuân", "Hồng", "Minh", "Phong",
           "Ngọc", "Thái", "Lạc", "Khánh", "Bảo", "Định", "Hiệp", "Nghĩa", "Quế", "Tiên"]
PLACE_B = ["Hòa", "Lợi", "Thịnh", "Khê", "Lâm", "Điền", "Thành", "Yên", "Ninh", "Trạch", "Hà", "Xá", "Lương",
           "Châu", "Giang", "Cường", "Đông", "Tây", "Nam", "Bắc", "Tiến", "Mỹ", "Phát", "Quý", "Vinh", "Đạt"]
PROVINCES = ["Đông Giang", "Sơn Nguyên", "Bắc Hà", "Nam Trung", "Cửu Long", "Trường Sơn", "Hồng Lĩnh", "Lam Kinh",
             "Tây Bắc", "Kim Sơn", "Ngọc Lĩnh", "Thanh Hà", "Bạch Đằng", "Phù Vân", "Cẩm Giang", "Yên Lãng"]

ACTIONS = ["Tổ chức triển khai", "Đẩy mạnh", "Tăng cường", "Nâng cao chất lượng", "Xây dựng và vận hành",
           "Rà soát, hoàn thiện", "Hướng dẫn, hỗ trợ", "Tuyên truyền, phổ biến", "Phát triển", "Ứng dụng hiệu quả",
           "Triển khai đồng bộ", "Kiểm tra, giám sát việc thực hiện", "Số hóa", "Tổ chức bồi dưỡng về",
           "Khuyến khích, hỗ trợ", "Duy trì và mở rộng", "Nghiên cứu, đề xuất", "Chuẩn hóa"]
# Objects whose words tie an item to a citizen guide (content/topics.yaml); the real plans have ~21% such items.
TOPIC_OBJECTS = ["dịch vụ công trực tuyến toàn trình", "chữ ký số cho cán bộ, công chức", "kỹ năng số cho người dân",
                 "thanh toán không dùng tiền mặt tại chợ và cửa hàng", "an toàn thông tin mạng trong cơ quan nhà nước",
                 "Tổ công nghệ số cộng đồng", "tài khoản định danh điện tử VNeID mức độ 2", "phong trào Bình dân học vụ số",
                 "hồ sơ sức khỏe điện tử"]
OBJECTS = ["hạ tầng số và mạng truyền số liệu chuyên dùng",
           "cơ sở dữ liệu dân cư và các cơ sở dữ liệu chuyên ngành",
           "nền tảng số dùng chung của tỉnh", "hồ sơ công việc trên môi trường điện tử",
           "hệ thống camera giám sát an ninh trật tự", "kinh tế số, xã hội số",
           "hoạt động đổi mới sáng tạo trong doanh nghiệp nhỏ và vừa", "ứng dụng trí tuệ nhân tạo (AI)",
           "sàn thương mại điện tử cho sản phẩm OCOP", "hệ thống thông tin giải quyết thủ tục hành chính",
           "phòng họp trực tuyến kết nối các cấp", "Cổng thông tin điện tử", "cơ sở dữ liệu đất đai",
           "học bạ số và sổ điểm điện tử", "KHCN, ĐMST và CĐS",
           "chính quyền số, đô thị thông minh", "mạng 5G và băng rộng cố định", "chỉ số cải cách hành chính",
           "dữ liệu mở phục vụ người dân, doanh nghiệp", "nguồn nhân lực CNTT chất lượng cao",
           "hệ thống quản lý văn bản và điều hành", "bản đồ số các điểm du lịch, di tích",
           "nông nghiệp công nghệ cao và truy xuất nguồn gốc sản phẩm", "đề tài, sáng kiến khoa học cấp cơ sở",
           "hệ thống thông tin báo cáo kinh tế - xã hội", "cơ chế khuyến khích khởi nghiệp sáng tạo"]
SCOPES = ["cho cán bộ, công chức, viên chức", "tại các tổ dân phố, thôn", "trên địa bàn {loc}",
          "đối với hộ kinh doanh, hợp tác xã", "trong các trường học",
          "trong toàn hệ thống chính trị", "cho đoàn viên, thanh niên và hội viên", "tại các cơ sở y tế",
          "trong các cơ quan Đảng, đoàn thể", "tại các khu, cụm công nghiệp"]
PURPOSES = ["nhằm nâng cao hiệu lực, hiệu quả quản lý nhà nước", "bảo đảm đồng bộ, thống nhất, kết nối liên thông",
            "góp phần thực hiện thắng lợi Nghị quyết số 57-NQ/TW", "phục vụ người dân, doanh nghiệp tốt hơn",
            "bảo đảm đúng tiến độ, chất lượng và hiệu quả", "tạo chuyển biến rõ nét về nhận thức và hành động",
            "đáp ứng yêu cầu phát triển kinh tế - xã hội của địa phương", "tiết kiệm thời gian, chi phí cho xã hội"]
EXTRA = ["Định kỳ hằng quý báo cáo kết quả thực hiện về UBND {loc} qua Phòng Văn hóa - Xã hội.",
         "Lồng ghép nhiệm vụ này vào chương trình công tác hằng năm của cơ quan, đơn vị.",
         "Ưu tiên bố trí kinh phí từ nguồn ngân sách địa phương và huy động nguồn lực xã hội hóa.",
         "Phân công rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ kết quả.",
         "Kịp thời đề xuất tháo gỡ khó khăn, vướng mắc phát sinh trong quá trình thực hiện."]
GROUP_TITLES = ["Nâng cao nhận thức, đột phá về đổi mới tư duy, xác định quyết tâm chính trị mạnh mẽ, quyết liệt lãnh đạo, chỉ đạo",
                "Khẩn trương, quyết liệt hoàn thiện thể chế, xóa bỏ mọi tư tưởng, quan niệm, rào cản đang cản trở sự phát triển",
                "Tăng cường đầu tư, hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
                "Phát triển, trọng dụng nhân lực chất lượng cao đáp ứng yêu cầu phát triển khoa học, công nghệ",
                "Đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ trong hoạt động của các cơ quan trong hệ thống chính trị",
                "Thúc đẩy mạnh mẽ hoạt động khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong doanh nghiệp",
                "Tăng cường hợp tác, phối hợp trong phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"]
IND_GROUPS = ["Phát triển hạ tầng số", "Chính quyền số", "Kinh tế số", "Xã hội số", "Khoa học, công nghệ và đổi mới sáng tạo",
              "An toàn thông tin", "Nhân lực số"]
IND_NAMES = ["Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình",
             "Tỷ lệ người dân trưởng thành có tài khoản định danh điện tử VNeID mức độ 2",
             "Tỷ lệ phủ sóng 5G tại khu dân cư trên địa bàn", "Tỷ lệ hộ gia đình có đường truyền băng rộng cố định",
             "Tỷ lệ cán bộ, công chức được cấp chữ ký số", "Tỷ lệ văn bản được ký số và gửi nhận trên môi trường điện tử",
             "Tỷ trọng kinh tế số trong GRDP", "Tỷ lệ giao dịch thanh toán không dùng tiền mặt",
             "Số doanh nghiệp công nghệ số đang hoạt động", "Tỷ lệ người dân được phổ cập kỹ năng số cơ bản",
             "Tỷ lệ hộ kinh doanh sử dụng thanh toán điện tử", "Số lượng sáng kiến, đề tài khoa học được áp dụng",
             "Tỷ lệ hồ sơ sức khỏe điện tử được lập cho người dân", "Tỷ lệ trường học triển khai học bạ số",
             "Tỷ lệ cơ sở dữ liệu chuyên ngành được kết nối, chia sẻ", "Tỷ lệ camera an ninh được kết nối về trung tâm",
             "Chi cho khoa học, công nghệ so với tổng chi ngân sách địa phương", "Số Tổ công nghệ số cộng đồng hoạt động hiệu quả",
             "Xếp hạng chỉ số chuyển đổi số cấp xã", "Tỷ lệ cuộc họp được tổ chức trực tuyến",
             "Tỷ lệ cơ quan có hệ thống quản lý văn bản và điều hành", "Tỷ lệ thôn, tổ dân phố có mạng cáp quang",
             "Số sản phẩm OCOP được đưa lên sàn thương mại điện tử", "Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử",
             "Số đề tài, sáng kiến cấp cơ sở được nghiệm thu", "Tỷ lệ dữ liệu được số hóa, làm sạch",
             "Tỷ lệ trạm y tế triển khai bệnh án điện tử", "Số điểm truy cập Internet công cộng miễn phí",
             "Tỷ lệ cán bộ, công chức được bồi dưỡng về chuyển đổi số", "Tỷ lệ chợ có điểm thanh toán bằng mã QR"]
OUTPUTS = ["Số liệu báo cáo", "Kế hoạch thực hiện", "Báo cáo kết quả", "Quyết định ban hành", "Hệ thống được vận hành",
           "Hội nghị quán triệt", "Văn bản hướng dẫn", "Danh sách được phê duyệt"]
DEADLINES = ["Tháng 12/2025", "tháng 6/2025", "Thường xuyên", "Hằng năm", "Quý IV/2025", "02/2026", "Năm 2026",
             "tháng 9/2026", "2025-2030", "Quý II/2026", "tháng 5/2025 và thực hiện thường xuyên", "12/2027"]
STATUSES = ["chưa triển khai", "đang triển khai", "đang triển khai", "hoàn thành", "tạm dừng"]
# (id suffix, name, short name, group?) of the bodies a ward, commune or special zone names
LOCAL_UNITS = [
    ("ubnd", "Ủy ban nhân dân {loc}", "UBND {kind}", False),
    ("dang-uy", "Đảng ủy {loc}", "Đảng ủy", False),
    ("van-phong-hdnd-va-ubnd", "Văn phòng HĐND và UBND {loc}", "Văn phòng HĐND và UBND", False),
    ("phong-van-hoa-xa-hoi", "Phòng Văn hóa - Xã hội {loc}", "Phòng Văn hóa - Xã hội", False),
    ("phong-kinh-te", "Phòng Kinh tế, Hạ tầng và Đô thị {loc}", "Phòng Kinh tế, Hạ tầng và Đô thị", False),
    ("trung-tam-phuc-vu-hanh-chinh-cong", "Trung tâm Phục vụ hành chính công {loc}", "Trung tâm Phục vụ hành chính công", False),
    ("cong-an", "Công an {loc}", "Công an {kind}", False),
    ("ban-chi-huy-quan-su", "Ban Chỉ huy quân sự {loc}", "Ban Chỉ huy quân sự", False),
    ("mat-tran-to-quoc", "Ủy ban Mặt trận Tổ quốc Việt Nam {loc}", "Ủy ban MTTQ Việt Nam", False),
    ("doan-thanh-nien", "Đoàn Thanh niên Cộng sản Hồ Chí Minh {loc}", "Đoàn Thanh niên", False),
    ("hoi-lien-hiep-phu-nu", "Hội Liên hiệp Phụ nữ {loc}", "Hội Liên hiệp Phụ nữ", False),
    ("hoi-nong-dan", "Hội Nông dân {loc}", "Hội Nông dân", False),
    ("trung-tam-van-hoa-the-thao", "Trung tâm Văn hóa - Thể thao và Truyền thông {loc}", "Trung tâm Văn hóa - Thể thao", False),
    ("tram-y-te", "Trạm Y tế {loc}", "Trạm Y tế", False),
    ("cac-truong-hoc", "Các trường học trên địa bàn {loc}", "Các trường học", True),
    ("cac-to-dan-pho", "Các tổ dân phố, thôn {loc}", "Các tổ dân phố, thôn", True),
    ("cac-co-quan-chuyen-mon", "Các cơ quan chuyên môn thuộc UBND {loc}", "Các cơ quan chuyên môn", True),
    ("to-cong-nghe-so-cong-dong", "Tổ công nghệ số cộng đồng {loc}", "Tổ công nghệ số cộng đồng", True),
]
PROVINCE_UNITS = [
    ("so-khoa-hoc-va-cong-nghe", "Sở Khoa học và Công nghệ {loc}", "Sở Khoa học và Công nghệ", False),
    ("so-noi-vu", "Sở Nội vụ {loc}", "Sở Nội vụ", False),
    ("so-tai-chinh", "Sở Tài chính {loc}", "Sở Tài chính", False),
    ("so-giao-duc-va-dao-tao", "Sở Giáo dục và Đào tạo {loc}", "Sở Giáo dục và Đào tạo", False),
    ("so-y-te", "Sở Y tế {loc}", "Sở Y tế", False),
    ("cong-an-tinh", "Công an {loc}", "Công an tỉnh", False),
    ("van-phong-ubnd-tinh", "Văn phòng UBND {loc}", "Văn phòng UBND tỉnh", False),
    ("cac-so-ban-nganh", "Các sở, ban, ngành {loc}", "Các sở, ban, ngành", True),
]
TARGET_FORMS = ["≥ {p}%", "{p}%", "100%", "{a}-{b}%", "-", "> {p}%", "Phấn đấu đạt {d}%", "Ít nhất {k}", "≥ {k}",
                "Hoàn thành", "0,{d}", "Tối thiểu {k}", "Trên {p}%", "Từ {p}% trở lên", "{k}"]
TARGET_WEIGHTS = [14, 14, 22, 5, 9, 5, 3, 3, 3, 4, 2, 2, 3, 2, 4]


# --------------------------------------------------------------------------- source text writer

class Source:
    """The plan's synthetic OCR text: every `add` returns the [first, last] lines it wrote."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *paragraphs: str, width: int = 74, blank: bool = True) -> list[int]:
        first = len(self.lines) + 1
        for para in paragraphs:
            for line in textwrap.wrap(para, width) or [""]:
                self.lines.append(line + " ")
        last = len(self.lines)
        if blank:
            self.lines.append("")
        return [first, last]

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


# --------------------------------------------------------------------------- plan sizes

@dataclass
class PlanSpec:
    index: int
    name: str  # "Tân Hòa"
    id: str
    level: str
    province: int
    tasks: int  # numbered body tasks
    assignments: int
    implementation: int
    indicators: int  # appendix indicators (5 horizons)
    body_indicators: int  # one horizon
    units: int

    @property
    def pages(self) -> int:  # plan + its source text + local document + items + local units
        return 3 + self.tasks + self.assignments + self.implementation + self.indicators + self.body_indicators + self.units


@dataclass
class Stats:
    root: Path
    pages: int
    plans: int
    tasks: int = 0
    indicators: int = 0
    units: int = 0
    documents: int = 0
    progress_files: int = 0
    yaml_bytes: int = 0
    source_bytes: int = 0
    fixed_pages: int = 0
    extra: dict = field(default_factory=dict)


def fixed_pages(root: Path, as_of: dt.date = dt.date(2026, 11, 25)) -> int:
    """Pages the portal has with no plan at all: hand-written pages, guides, indexes, shared units/documents.

    Counted by running the tree's own generator on the plan-less tree (so pages added to the generator later,
    such as cap-nhat/index.md, are counted); falls back to counting by hand if that fails."""
    try:
        subprocess.run([sys.executable, "-m", "generator", "generate", "--as-of", as_of.isoformat()], cwd=root,
                       check=True, capture_output=True)
        n = sum(1 for _ in (root / "build" / "docs").rglob("*.md"))
        shutil.rmtree(root / "build")
        return n
    except subprocess.CalledProcessError:
        shutil.rmtree(root / "build", ignore_errors=True)
    content = root / "content"
    n = sum(1 for p in content.rglob("*.md") if p.relative_to(content).parts[0] != "guides")
    n += sum(1 for _ in (content / "guides").glob("*.md")) + 1  # guides + huong-dan/index.md
    n += 4  # home, ke-hoach/index, don-vi/index, van-ban/index
    for f in (root / "plans" / "_shared").glob("*.yaml"):
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        n += len(data.get("units") or []) + len(data.get("documents") or [])
    return n


def plan_specs(target: int, base: int, rng: random.Random, plans_per_province: int = 12) -> tuple[list[PlanSpec], int]:
    """Plans (and provinces) whose pages add up to exactly target - base; returns (specs, provinces)."""
    names = [f"{a} {b}" for a in PLACE_A for b in PLACE_B if a != b and fold(a) != fold(b)]
    rng.shuffle(names)
    specs: list[PlanSpec] = []
    pages = base
    provinces = 0
    while pages < target:
        i = len(specs)
        if i % plans_per_province == 0:  # a new province: its departments and its own plan document
            provinces += 1
            pages += len(PROVINCE_UNITS) + 1
        level = rng.choices(["ward", "commune", "special-zone", "city-department"], [55, 30, 5, 10])[0]
        s = PlanSpec(i, names[i % len(names)] + ("" if i < len(names) else f" {i // len(names) + 1}"), "", level,
                     provinces - 1, tasks=rng.randint(30, 70), assignments=rng.choice([0, 0, 12, 20, 40, 80]),
                     implementation=rng.randint(3, 30), indicators=rng.choice([0, 20, 35, 45, 60]),
                     body_indicators=rng.randint(0, 12), units=rng.randint(10, len(LOCAL_UNITS)))
        s.id = slug(s.name) if level != "city-department" else "so-noi-vu-" + slug(s.name)
        pages += s.pages
        specs.append(s)
    # Trim the last plan so the total is exact (keep at least a few tasks; drop tables otherwise).
    excess = pages - target
    last = specs[-1]
    for attr, keep in (("assignments", 0), ("indicators", 0), ("body_indicators", 0), ("implementation", 1),
                       ("tasks", 1), ("units", 3)):
        cut = min(excess, getattr(last, attr) - keep)
        setattr(last, attr, getattr(last, attr) - cut)
        excess -= cut
    if excess:  # target smaller than one minimal plan: nothing sensible to build
        raise ValueError(f"target of {target} pages is too small (fixed pages: {base})")
    return specs, provinces


# --------------------------------------------------------------------------- one plan

class PlanWriter:
    def __init__(self, spec: PlanSpec, province: dict, shared_docs: list[str], rng: random.Random):
        self.s = spec
        self.p = province
        self.rng = rng
        self.src = Source()
        kind = {"ward": "phường", "commune": "xã", "special-zone": "đặc khu", "city-department": "sở"}[spec.level]
        self.kind = kind
        self.loc = f"{kind} {spec.name}" if spec.level != "city-department" else f"Sở Nội vụ tỉnh {province['name']}"
        self.locality = f"{kind} {spec.name}" if spec.level != "city-department" else f"tỉnh {province['name']}"
        self.shared_docs = shared_docs
        self.unit_ids: list[str] = []
        self.units: list[dict] = []
        self.progress: list[tuple[str, dict]] = []  # (file name, data)
        self.task_ids: list[str] = []
        self.ind_ids: list[tuple[str, list[str], bool]] = []  # (id, horizons, targets in %)

    # -- text
    def sentence(self) -> str:
        r = self.rng
        obj = r.choice(TOPIC_OBJECTS) if r.random() < 0.1 else r.choice(OBJECTS)
        return (f"{r.choice(ACTIONS)} {obj} {r.choice(SCOPES).format(loc=self.loc)}, "
                f"{r.choice(PURPOSES)}.")

    def text(self, lo: int = 1, hi: int = 3) -> str:
        parts = [self.sentence() for _ in range(self.rng.randint(lo, hi))]
        if self.rng.random() < 0.3:
            parts.append(self.rng.choice(EXTRA).format(loc=self.loc))
        return " ".join(parts)

    def cell(self, value: str | None):
        """A printed cell: mostly plain; sometimes unreadable."""
        if value is not None and self.rng.random() < 0.02:
            return {"unreadable": True, "ocr": "".join(self.rng.choice("0O8B~.,;") for _ in range(4))}
        return value

    def target(self, prev: float) -> str:
        r = self.rng
        form = r.choices(TARGET_FORMS, TARGET_WEIGHTS)[0]
        p = min(100, max(int(prev), r.choice([30, 40, 50, 60, 70, 75, 80, 85, 90, 95])))
        a = r.choice([20, 30, 45, 50, 60])
        return form.format(p=p, a=a, b=a + r.choice([5, 10]), d=r.randint(1, 9), k=r.randint(1, 30))

    def refs(self, pool: list[str], lo: int, hi: int, weights=None) -> list[str]:
        n = self.rng.choices(range(lo, hi + 1), weights)[0] if weights else self.rng.randint(lo, hi)
        return self.rng.sample(pool, min(n, len(pool)))

    def unit_pool(self) -> list[str]:
        # mostly local bodies; now and then a provincial department (their pages then list many plans' items)
        return self.unit_ids + ([self.rng.choice(self.p["unit_ids"])] if self.rng.random() < 0.15 else [])

    # -- sections
    def write(self, plan_dir: Path, sources_dir: Path, as_of: dt.date) -> dict:
        r, s, src = self.rng, self.s, self.src
        n = s.index + 1
        source_file = f"{n:04d}_{hashlib.sha1(s.id.encode()).hexdigest()[:16]}.txt"
        upper = self.loc.upper()
        src.add("ĐẢNG BỘ TỈNH " + self.p["name"].upper(), "ỦY BAN NHÂN DÂN", upper)
        symbol = f"{r.randint(10, 400)}/KH-UBND" if r.random() < 0.8 else None
        date = dt.date(2025, r.randint(1, 10), r.randint(1, 28)) if symbol else None
        place = self.s.name
        date_printed = f"{place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}" if date else None
        src.add("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
        if symbol:
            src.add(f"Số: {symbol}", date_printed)
        title = (f"Kế hoạch thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
                 f"khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên địa bàn {self.locality}")
        src.add("KẾ HOẠCH", title)

        # units
        templates = LOCAL_UNITS[:1] + r.sample(LOCAL_UNITS[1:], s.units - 1) if s.units <= len(LOCAL_UNITS) else LOCAL_UNITS
        for suffix, name, short, group in templates[:s.units]:
            uid = f"{slug(s.name)}-{suffix}" if s.level != "city-department" else f"{s.id}-{suffix}"
            self.unit_ids.append(uid)
            self.units.append({"id": uid, "name": name.format(loc=self.loc), "short_name": short.format(kind=self.kind),
                               "aliases": [short.format(kind=self.kind).replace("Ủy ban nhân dân", "UBND")] if r.random() < 0.3 else [],
                               "locality": self.locality, "group": group})
        issuer = self.unit_ids[0]

        # documents: the plan-specific party committee plan
        local_doc = {"id": f"{n:02d}-kh-du-{s.id}", "symbol": f"{n:02d}-KH/ĐU", "kind": "Kế hoạch",
                     "date": dt.date(2025, r.randint(1, 9), r.randint(1, 28)), "issuer": f"Ban Thường vụ Đảng ủy {self.loc}",
                     "title": "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị"}
        implements = [{"document": "57-nq-tw", "lines": src.add(
            "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
            "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;")}]
        for doc in self.shared_docs[:2]:
            implements.append({"document": doc, "lines": src.add(f"Căn cứ văn bản số {doc.upper()} của cấp trên;")})
        implements.append({"document": self.p["doc"]["id"], "lines": src.add(
            f"Thực hiện Kế hoạch số {self.p['doc']['symbol']} của UBND tỉnh {self.p['name']};")})
        implements.append({"document": local_doc["id"], "lines": src.add(
            f"Thực hiện Kế hoạch số {local_doc['symbol']} của Ban Thường vụ Đảng ủy {self.loc};")})
        src.add(f"UBND {self.loc} ban hành Kế hoạch thực hiện như sau:")

        src.add("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích")
        purposes = [{"text": t, "lines": src.add(t)} for t in (self.text(2, 3) for _ in range(r.randint(1, 3)))]
        src.add("2. Yêu cầu")
        requirements = [{"text": t, "lines": src.add(t)} for t in (self.text(1, 2) for _ in range(r.randint(1, 4)))]

        # body targets (indicators with one horizon), used as context for a few appendix cells
        src.add("II. MỤC TIÊU", "Đến năm 2030:")
        body_groups = []
        body_items = []
        for k in range(s.body_indicators):
            name = r.choice(IND_NAMES)
            value = self.target(60)
            iid = f"ct-mt-{k + 1}"
            lines = src.add(f"- {name} đạt {value}.")
            body_items.append({"id": iid, "number": None, "name": name, "unit": None, "targets": {"2030": value},
                               "lead": [], "output": None, "same_as": None, "note": None, "lines": lines})
            self.ind_ids.append((iid, ["2030"], "%" in value))
        if body_items:
            body_groups.append({"number": None, "title": "Mục tiêu đến năm 2030", "lines": body_items[0]["lines"],
                                "items": body_items})

        # body tasks: groups 1..k, sub-groups, items
        src.add("III. NHIỆM VỤ, GIẢI PHÁP")
        table_start = len(src.lines) + 1
        groups = []
        remaining = s.tasks
        n_groups = max(1, min(len(GROUP_TITLES), s.tasks // 8))
        for g in range(n_groups):
            count = remaining if g == n_groups - 1 else max(1, s.tasks // n_groups)
            remaining -= count
            gnum = str(g + 1)
            gtitle = GROUP_TITLES[g]
            group = {"number": gnum, "title": gtitle, "lines": src.add(f"{gnum}. {gtitle}"), "items": [], "groups": []}
            if r.random() < 0.3:
                group["lead"] = [r.choice(self.unit_ids)]
            direct = count if count < 4 or r.random() < 0.5 else count // 2
            for k in range(direct):
                group["items"].append(self.task(f"{gnum}.{k + 1}", f"nv-{gnum}-{k + 1}", lead_default=bool(group.get("lead"))))
            nested = count - direct
            if nested:  # a numbered sub-group with lettered bullets ("2.1 … a) … b) …")
                sub_num = f"{gnum}.{direct + 1}"
                sub = {"number": sub_num, "title": self.sentence()[:-1], "lines": src.add(f"{sub_num}. {self.sentence()}"),
                       "items": [], "groups": []}
                for k in range(nested):
                    letter = "abcdefghiklmnopqrstuvxy"[k % 23] + ("" if k < 23 else str(k // 23))
                    sub["items"].append(self.task(f"{letter})", f"nv-{gnum}-{direct + 1}-{letter}"))
                group["groups"].append(sub)
            groups.append(group)
        task_tables = [{"id": "nhiem-vu", "kind": "tasks", "title": "III. Nhiệm vụ, giải pháp", "columns": None,
                        "lines": [table_start, len(src.lines)], "groups": groups}]

        # indicator appendix: 5 horizons
        ind_tables = []
        horizons = ["2025", "2030", "2035", "2040", "2045"]
        if s.indicators:
            columns = ["Stt", "Chỉ tiêu", *(f"Năm {h}" for h in horizons), "Cơ quan chủ trì theo dõi, đánh giá", "Sản phẩm đầu ra"]
            start = src.add("Phụ lục 2", "CÁC CHỈ TIÊU THEO DÕI ĐÁNH GIÁ THEO GIAI ĐOẠN 05 NĂM", " ".join(columns))[0]
            igroups = []
            per = max(1, s.indicators // min(len(IND_GROUPS), max(1, s.indicators // 6)))
            done = 0
            gi = 0
            while done < s.indicators:
                count = min(per, s.indicators - done) if gi < len(IND_GROUPS) - 1 else s.indicators - done
                roman = ROMAN[gi]
                ig = {"number": roman, "title": IND_GROUPS[gi], "lines": src.add(f"{roman} {IND_GROUPS[gi]}"), "items": []}
                for k in range(count):
                    ig["items"].append(self.indicator(f"ct-pl2-{roman.lower()}-{k + 1}", f"{k + 1}.", horizons, body_items))
                igroups.append(ig)
                done += count
                gi += 1
            ind_tables.append({"id": "pl2", "kind": "appendix", "title": "Phụ lục 2: Các chỉ tiêu theo dõi đánh giá theo giai đoạn 05 năm",
                               "horizons": horizons, "columns": columns, "lines": [start, len(src.lines)], "groups": igroups})
        if body_groups:
            ind_tables.append({"id": "mt", "kind": "body", "title": "II. Mục tiêu đến năm 2030", "horizons": ["2030"],
                               "columns": None, "lines": [body_groups[0]["lines"][0], body_items[-1]["lines"][1]],
                               "groups": body_groups})

        # assignment appendix
        assign_tables = []
        if s.assignments:
            columns = ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời gian hoàn thành"]
            start = src.add("PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ", " ".join(columns))[0]
            agroups = []
            per = max(1, s.assignments // 4)
            done = 0
            gi = 0
            while done < s.assignments:
                count = min(per, s.assignments - done) if gi < 3 else s.assignments - done
                ag = {"number": ROMAN[gi], "title": GROUP_TITLES[gi], "lines": src.add(f"{ROMAN[gi]} {GROUP_TITLES[gi]}"),
                      "items": []}
                for k in range(count):
                    ag["items"].append(self.assignment(done + k + 1))
                agroups.append(ag)
                done += count
                gi += 1
            assign_tables.append({"id": "pl1", "kind": "assignments", "title": "Phụ lục 1: Phân công nhiệm vụ cụ thể",
                                  "columns": columns, "lines": [start, len(src.lines)], "groups": agroups})

        # implementation duties: one group per unit, bullets th-<section>-<i>
        impl_tables = []
        if s.implementation:
            start = src.add("IV. TỔ CHỨC THỰC HIỆN")[0]
            igroups = []
            done = 0
            sec = 0
            while done < s.implementation:
                sec += 1
                uid = self.unit_ids[(sec - 1) % len(self.unit_ids)]
                uname = next(u["name"] for u in self.units if u["id"] == uid)
                count = min(s.implementation - done, r.randint(1, 5))
                group = {"number": str(sec), "title": uname, "lead": [uid], "lines": src.add(f"{sec}. {uname}"), "items": []}
                for k in range(count):
                    text = self.text(1, 2)
                    tid = f"th-{sec}-{k + 1}"
                    group["items"].append({"id": tid, "number": None, "text": text, "lines": src.add("- " + text)})
                    self.task_ids.append(tid)
                igroups.append(group)
                done += count
            impl_tables.append({"id": "to-chuc-thuc-hien", "kind": "implementation", "title": "IV. Tổ chức thực hiện",
                                "columns": None, "lines": [start, len(src.lines)], "groups": igroups})

        sections = [{"title": "V. Chế độ báo cáo", "text": (t := self.text(1, 2)), "lines": src.add(t)}]
        notes = []
        missing = []
        if r.random() < 0.15:
            missing.append({"text": "Phụ lục 3 (Chi tiết tại Phụ lục 3)", "lines": src.add("(Chi tiết tại Phụ lục 3)"),
                            "note": "Bản quét không có Phụ lục 3."})
        signer = {"name": f"{r.choice(['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng'])} Văn {r.choice(PLACE_B)}",
                  "title": "Chủ tịch", "on_behalf": "TM. Ủy ban nhân dân"}
        src.add(signer["on_behalf"].upper(), signer["title"].upper(), signer["name"])
        if not symbol:
            notes.append({"text": "Bản quét không có số, ký hiệu và ngày ban hành.", "lines": [1, 5]})

        plan = {"id": s.id, "title": title, "short_title": None, "symbol": symbol,
                "number": symbol.split("/")[0] if symbol else None, "issuer": issuer,
                "level": s.level, "locality": self.locality, "province": f"tỉnh {self.p['name']}", "date": date,
                "date_printed": date_printed, "place_printed": place if date else None, "signer": signer,
                "source_file": source_file, "lines": [1, len(src.lines)], "implements": implements,
                "purposes": purposes, "requirements": requirements, "sections": sections,
                "missing_attachments": missing, "notes": notes}

        # files
        plan_dir.mkdir(parents=True)
        files = {
            "plan.yaml": ("# Synthetic plan (bench/synthetic.py)", {"plan": plan}),
            "units.yaml": ("# Units named in this plan", {"units": self.units}),
            "documents.yaml": ("# Documents only this plan cites", {"documents": [local_doc]}),
            "tasks.yaml": (f"# Nguồn: {source_file}", {"task_tables": task_tables}),
        }
        if ind_tables:
            files["indicators.yaml"] = (f"# Nguồn: {source_file}", {"indicator_tables": ind_tables})
        if assign_tables:
            files["assignments.yaml"] = (f"# Nguồn: {source_file}", {"task_tables": assign_tables})
        if impl_tables:
            files["implementation.yaml"] = (f"# Nguồn: {source_file}", {"task_tables": impl_tables})
        size = 0
        for name, (comment, data) in files.items():
            size += _write_yaml(plan_dir / name, comment, data)
        size += self.write_progress(plan_dir / "progress", as_of)
        (sources_dir / source_file).write_text(src.text(), encoding="utf-8")
        return {"yaml_bytes": size, "source_bytes": len(src.text().encode()), "progress_files": len(self.progress),
                "tasks": len(self.task_ids), "indicators": len(self.ind_ids), "units": len(self.units)}

    def task(self, number: str, tid: str, lead_default: bool = False) -> dict:
        r = self.rng
        text = self.text()
        deadline = r.choice(DEADLINES) if r.random() < 0.45 else None
        output = r.choice(OUTPUTS) if r.random() < 0.25 else None
        printed = [f"{number} {text}"] + [x for x in (output, deadline) if x]
        item = {"id": tid, "number": number, "text": text,
                "lead": [] if lead_default and r.random() < 0.7 else self.refs(self.unit_pool(), 0, 2, [40, 55, 5]),
                "coordinating": self.refs(self.unit_pool(), 0, 3, [70, 20, 7, 3]),
                "output": self.cell(output), "deadline": self.cell(deadline), "note": None}
        if r.random() < 0.03:
            item["note"] = "Bản in lặp chữ; giữ nguyên như bản in."
        item["lines"] = self.src.add(*printed)
        self.task_ids.append(tid)
        return item

    def assignment(self, k: int) -> dict:
        r = self.rng
        text = self.text(1, 2)
        output = r.choice(OUTPUTS)
        deadline = r.choice(DEADLINES)
        lead = self.refs(self.unit_pool(), 1, 1)
        coord = self.refs(self.unit_pool(), 1, 3)
        tid = f"pc-pl1-{k}"
        item = {"id": tid, "number": f"{k}.", "text": text, "lead": lead, "coordinating": coord,
                "output": self.cell(output), "deadline": self.cell(deadline)}
        printed = [f"{k}. {text}", output, deadline]
        if r.random() < 0.3 and "71-nq-cp" in self.shared_docs:
            nt_number = str(r.randint(1, 140))
            item["national_task"] = {"document": "71-nq-cp", "number": nt_number, "text": None}
            printed.append(f"Nhiệm vụ số {nt_number} Nghị quyết 71/NQ-CP")
        item["lines"] = self.src.add(*printed, blank=False)
        self.task_ids.append(tid)
        return item

    def indicator(self, iid: str, number: str, horizons: list[str], body_items: list[dict]) -> dict:
        r = self.rng
        name = r.choice(IND_NAMES)
        targets: dict = {}
        prev = r.choice([30, 50, 60, 70])
        for h in horizons:
            value = self.target(prev)
            digits = re.findall(r"\d+", value)
            prev = int(digits[0]) if digits else prev
            targets[h] = value
        if r.random() < 0.05:
            targets[r.choice(horizons)] = None  # printed empty
        printed_targets = " ".join(v if isinstance(v, str) else "" for v in targets.values())
        lead = self.refs(self.unit_pool(), 1, 1)
        output = r.choice(OUTPUTS[:3])
        lines = self.src.add(f"{number} {name}", printed_targets, output, blank=False)
        if r.random() < 0.03:  # a mangled cell recovered from the body text
            h = r.choice(horizons)
            value = f"≥ {r.choice([70, 80, 90])}%"
            context = self.src.add(f"Mục tiêu cụ thể: {name.lower()} đạt {value} vào năm {h}.")
            targets[h] = {"text": value, "ocr": value.replace("≥ ", "2").replace("0", "O"),
                          "from_context": f"Ô bị lỗi quét; phần mục tiêu (dòng {context[0]}) ghi {value}",
                          "context_lines": context}
        for h, v in list(targets.items()):
            if isinstance(v, str) and r.random() < 0.015:
                targets[h] = {"unreadable": True, "ocr": "".join(r.choice("0O8B~.,") for _ in range(3))}
        same_as = None
        if body_items and r.random() < 0.1:
            same_as = r.choice(body_items)["id"]
        self.ind_ids.append((iid, horizons, "%" in printed_targets))
        return {"id": iid, "number": number, "name": name, "unit": None, "targets": targets, "lead": lead,
                "output": output, "same_as": same_as, "note": None, "lines": lines}

    def write_progress(self, folder: Path, as_of: dt.date) -> int:
        """About a fifth of tasks get 1-3 status reports, a fifth of indicators a measured value; one file each."""
        r = self.rng
        size = 0
        reports = []
        for tid in self.task_ids:
            if r.random() < 0.2:
                for _ in range(r.choice([1, 1, 2, 3])):
                    date = as_of - dt.timedelta(days=r.randint(1, 400))
                    status = r.choice(STATUSES)
                    entry = {"task": tid, "date": date, "status": status,
                             "note": f"Đã tổ chức hội nghị triển khai ngày {date.day}/{date.month}/{date.year}."}
                    if status == "hoàn thành":
                        entry["evidence"] = {"document": f"Báo cáo số {r.randint(1, 300)}/BC-UBND ngày {date.day}/{date.month}/{date.year}",
                                             "url": None}
                    reports.append((f"{date.isoformat()}-{tid}.yaml", {"progress": [entry]}))
        for iid, _, percent in self.ind_ids:
            if r.random() < 0.2:
                date = as_of - dt.timedelta(days=r.randint(1, 400))
                # a value in the form of the indicator's targets (generator/rules.py VALUE_FORMS)
                value = f"{r.randint(10, 99)}%" if percent else f"0,{r.randint(1, 9)}"
                reports.append((f"{date.isoformat()}-{iid}.yaml", {"actuals": [{
                    "indicator": iid, "date": date, "value": value,
                    "source": f"Báo cáo số {r.randint(1, 300)}/BC-UBND ngày {date.day}/{date.month}/{date.year}"}]}))
        seen: dict[str, dict] = {}
        for name, data in reports:  # two reports on one item the same day share a file
            if name in seen:
                for k, v in data.items():
                    seen[name].setdefault(k, []).extend(v)
            else:
                seen[name] = data
        if seen:
            folder.mkdir()
        for name, data in seen.items():
            size += _write_yaml(folder / name, None, data)
        self.progress = list(seen.items())
        return size


def _write_yaml(path: Path, comment: str | None, data) -> int:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=None)
    if comment:
        text = comment + "\n" + text
    path.write_text(text, encoding="utf-8")
    return len(text.encode())


# --------------------------------------------------------------------------- the tree

def copy_project(dest: Path, repo: Path = REPO) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src = repo / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(repo / "plans" / "_shared", dest / "plans" / "_shared")
    (dest / "sources").mkdir(exist_ok=True)


def make_tree(dest: Path, pages: int, seed: int = 57, as_of: dt.date = dt.date(2026, 11, 25),
              repo: Path = REPO) -> Stats:
    """Write a complete repository tree with exactly `pages` generated Markdown pages into dest."""
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty")
    copy_project(dest, repo)
    rng = random.Random(seed)
    base = fixed_pages(dest, as_of)
    specs, n_provinces = plan_specs(pages, base, rng)
    shared = yaml.safe_load((dest / "plans" / "_shared" / "documents.yaml").read_text(encoding="utf-8")) or {}
    shared_docs = [d["id"] for d in shared.get("documents") or [] if d["id"] in ("71-nq-cp", "03-nq-cp", "193-2025-qh15")]

    provinces = []
    units, documents = [], []
    used = {s.id for s in specs}
    for i in range(n_provinces):
        name = PROVINCES[i % len(PROVINCES)] + ("" if i < len(PROVINCES) else f" {i // len(PROVINCES) + 1}")
        pslug = "tinh-" + slug(name)
        assert pslug not in used
        p_units = [{"id": f"{pslug}-{suffix}", "name": n.format(loc=f"tỉnh {name}"), "short_name": short,
                    "aliases": [], "locality": f"tỉnh {name}", "group": group} for suffix, n, short, group in PROVINCE_UNITS]
        doc = {"id": f"{100 + i}-kh-ubnd-{pslug}", "symbol": f"{100 + i}/KH-UBND", "kind": "Kế hoạch",
               "date": dt.date(2025, 3, 1 + i % 28), "issuer": f"UBND tỉnh {name}",
               "title": f"Kế hoạch thực hiện Nghị quyết số 57-NQ/TW trên địa bàn tỉnh {name}"}
        provinces.append({"name": name, "unit_ids": [u["id"] for u in p_units], "doc": doc})
        units += p_units
        documents.append(doc)
    _write_yaml(dest / "plans" / "_shared" / "synthetic-provinces.yaml",
                "# Synthetic provinces (bench/synthetic.py): departments named by several plans",
                {"units": units, "documents": documents})

    stats = Stats(dest, pages, len(specs), fixed_pages=base, units=len(units), documents=len(documents))
    sources = dest / "sources"
    for s in specs:
        out = PlanWriter(s, provinces[s.province], shared_docs, random.Random(rng.random())).write(
            dest / "plans" / s.id, sources, as_of)
        stats.tasks += out["tasks"]
        stats.indicators += out["indicators"]
        stats.units += out["units"]
        stats.documents += 1
        stats.progress_files += out["progress_files"]
        stats.yaml_bytes += out["yaml_bytes"]
        stats.source_bytes += out["source_bytes"]
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=57)
    ap.add_argument("--check", action="store_true", help="run `python -m generator check` in the tree afterwards")
    args = ap.parse_args(argv)
    stats = make_tree(args.out, args.pages, args.seed)
    print(f"{args.out}: {stats.pages} pages = {stats.fixed_pages} fixed + {stats.plans} plans, {stats.tasks} tasks, "
          f"{stats.indicators} indicators, {stats.units} units, {stats.documents} documents (+ {stats.plans} sources); "
          f"{stats.progress_files} progress files; YAML {stats.yaml_bytes / 1e6:.1f} MB, sources {stats.source_bytes / 1e6:.1f} MB")
    if args.check:
        return subprocess.run([sys.executable, "-m", "generator", "check"], cwd=args.out).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())


def tree_for(args_tree: Path | None, pages: int, prefix: str) -> tuple[Path, Path | None]:
    """The portal tree to measure: the given one, or a new synthetic one in a temp dir (returned to clean up)."""
    if args_tree:
        return args_tree.resolve(), None
    tmp = Path(tempfile.mkdtemp(prefix=f"{prefix}-{pages}-"))
    make_tree(tmp / "portal", pages, as_of=dt.date(2026, 11, 25))
    return tmp / "portal", tmp
