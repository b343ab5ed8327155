"""Declarative description of the plan YAML: the validator walks it, the JSON Schema and the
staff field reference are generated from it, so the three never disagree."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import labels, rules


@dataclass(frozen=True)
class T:
    """A field type. kind: id | str | text | date | int | bool | lines | cell | enum | list | map | targets | ref | nullable."""

    kind: str
    of: Any = None  # element type (list), field dict (map), enum values, referenced entity (ref)
    doc: str = ""  # Vietnamese explanation for staff
    max: int | None = None  # longest text allowed (characters); None: rules.MAX_TEXT_CHARS


@dataclass(frozen=True)
class F:
    type: T
    required: bool = False
    doc: str = ""


def Map(fields: dict[str, F], doc: str = "") -> T:
    return T("map", fields, doc)


def List(of: T, doc: str = "") -> T:
    return T("list", of, doc)


ID = T("id", doc="mã: chữ thường không dấu, số và dấu gạch ngang")
STR = T("str")
TEXT = T("text")
NOTE = T("text", doc="ghi chú ngắn", max=rules.MAX_NOTE_CHARS)
VALUE = T("str", doc="giá trị đo được", max=rules.MAX_VALUE_CHARS)
DATE = T("date", doc="ngày dạng YYYY-MM-DD")
URL = T("url", doc="địa chỉ web bắt đầu bằng https:// hoặc http://")
LINES = T("lines", doc="[dòng đầu, dòng cuối] trong tệp nguồn")
CELL = T("cell", doc="giá trị in trong ô: chuỗi, null (ô trống) hoặc {unreadable: true} / {text, from_context, context_lines}")
UNIT_REF = T("ref", "unit")
UNIT_REFS = List(UNIT_REF)
DOC_REF = T("ref", "document")

PASSAGE = Map({
    "title": F(STR, doc="tiêu đề mục (nếu có)"),
    "text": F(TEXT, True, "nội dung đúng như văn bản in"),
    "note": F(TEXT, doc="ghi chú của người nhập liệu"),
    "lines": F(LINES, True),
})

SIGNER = Map({
    "name": F(STR, doc="họ tên người ký"),
    "title": F(STR, doc="chức vụ"),
    "on_behalf": F(STR, doc="thay mặt (TM.), ký thay (KT.)…"),
})

PLAN = Map({
    "id": F(ID, True, "mã kế hoạch, trùng tên thư mục"),
    "title": F(TEXT, True, "tên kế hoạch như in"),
    "short_title": F(STR, doc="tên ngắn hiển thị, ví dụ 'Phường Hải An'"),
    "symbol": F(STR, doc="số, ký hiệu như in (59/KH-UBND); null nếu bản gốc không ghi"),
    "number": F(STR, doc="số văn bản như in; null nếu không ghi"),
    "issuer": F(UNIT_REF, True, "mã đơn vị ban hành"),
    "level": F(T("enum", list(labels.LEVELS)), True, "cấp hành chính"),
    "locality": F(STR, True, "địa bàn"),
    "province": F(STR, doc="tỉnh, thành phố"),
    "date": F(DATE, doc="ngày ban hành; null nếu không ghi hoặc không đọc được"),
    "date_printed": F(STR, doc="dòng ngày tháng như in"),
    "place_printed": F(STR, doc="địa danh ở dòng ngày tháng"),
    "signer": F(SIGNER, doc="người ký; null nếu không ghi"),
    "source_file": F(STR, True, "tên tệp bản quét trong source-plans"),
    "lines": F(LINES, True),
    "implements": F(List(Map({"document": F(DOC_REF, True), "lines": F(LINES, True)})), doc="văn bản được thực hiện/căn cứ"),
    "purposes": F(List(PASSAGE), doc="mục đích"),
    "requirements": F(List(PASSAGE), doc="yêu cầu"),
    "sections": F(List(PASSAGE), doc="các đoạn khác được công bố"),
    "missing_attachments": F(List(PASSAGE), doc="phụ lục văn bản nói có nhưng bản quét không có"),
    "notes": F(List(PASSAGE), doc="ghi chú của người nhập liệu"),
})

NATIONAL_TASK = Map({
    "document": F(DOC_REF, doc="văn bản trung ương"),
    "number": F(STR, doc="số thứ tự nhiệm vụ như in"),
    "text": F(TEXT, doc="tên nhiệm vụ như in"),
})

TASK = Map({
    "id": F(ID, True, "mã nhiệm vụ, không bao giờ đổi"),
    "number": F(STR, doc="số thứ tự như in"),
    "text": F(TEXT, True, "nội dung nhiệm vụ"),
    "lead": F(UNIT_REFS, doc="đơn vị chủ trì"),
    "coordinating": F(UNIT_REFS, doc="đơn vị phối hợp"),
    "output": F(CELL, doc="sản phẩm, kết quả"),
    "deadline": F(CELL, doc="thời hạn như in"),
    "national_task": F(NATIONAL_TASK, doc="nhiệm vụ tương ứng ở văn bản trung ương"),
    "topics": F(List(ID), doc="chủ đề (vneid, dich-vu-cong…)"),
    "scan_garbled": F(T("bool"), doc="true nếu chữ của mục này trong bản quét bị nhòe, phải khôi phục theo ngữ cảnh (ghi rõ trong note)"),
    "note": F(TEXT, doc="ghi chú của người nhập liệu"),
    "lines": F(LINES, True),
})

INDICATOR = Map({
    "id": F(ID, True, "mã chỉ tiêu, không bao giờ đổi"),
    "number": F(STR, doc="số thứ tự như in"),
    "name": F(TEXT, True, "tên chỉ tiêu"),
    "unit": F(CELL, doc="đơn vị tính"),
    "targets": F(T("targets"), True, "mục tiêu theo mốc năm, đúng như in"),
    "lead": F(UNIT_REFS, doc="cơ quan chủ trì theo dõi, đánh giá"),
    "output": F(CELL, doc="sản phẩm đầu ra"),
    "same_as": F(ID, doc="mã chỉ tiêu cùng nội dung ở phần khác của kế hoạch"),
    "scan_garbled": F(T("bool"), doc="true nếu chữ của mục này trong bản quét bị nhòe, phải khôi phục theo ngữ cảnh (ghi rõ trong note)"),
    "topics": F(List(ID), doc="chủ đề"),
    "note": F(TEXT, doc="ghi chú của người nhập liệu"),
    "lines": F(LINES, True),
})


def _group(item: T, with_defaults: bool) -> T:
    fields: dict[str, F] = {
        "number": F(STR, doc="số như in (I, 1, 2.1, a)…)"),
        "title": F(TEXT, doc="tiêu đề nhóm"),
        "lines": F(LINES, True),
        "items": F(List(item), doc="các dòng trong nhóm"),
        "note": F(TEXT),
        "lead": F(UNIT_REFS, doc="đơn vị chủ trì mặc định cho các dòng trong nhóm"),
    }
    if with_defaults:
        fields["coordinating"] = F(UNIT_REFS)
    else:
        fields["output"] = F(CELL)
    group = Map(fields)
    fields["groups"] = F(List(group), doc="nhóm con")  # recursive: groups nest
    return group


TASK_GROUP = _group(TASK, True)
INDICATOR_GROUP = _group(INDICATOR, False)

TASK_TABLE = Map({
    "id": F(ID, True),
    "kind": F(T("enum", list(labels.TABLE_KINDS)), True),
    "title": F(TEXT, True),
    "columns": F(List(STR)),
    "note": F(TEXT),
    "lines": F(LINES, True),
    "groups": F(List(TASK_GROUP), True),
})

INDICATOR_TABLE = Map({
    "id": F(ID, True),
    "kind": F(T("enum", list(labels.INDICATOR_TABLE_KINDS)), True),
    "title": F(TEXT, True),
    "horizons": F(List(STR), True, "các mốc năm như in ở tiêu đề cột"),
    "columns": F(List(STR)),
    "note": F(TEXT),
    "lines": F(LINES, True),
    "groups": F(List(INDICATOR_GROUP), True),
})

UNIT = Map({
    "id": F(ID, True),
    "name": F(STR, True, "tên đầy đủ"),
    "short_name": F(STR, doc="tên thường in trong kế hoạch"),
    "aliases": F(List(STR), doc="các cách viết khác"),
    "locality": F(STR, doc="địa bàn"),
    "group": F(T("bool"), doc="true nếu là một nhóm đơn vị (\"Các sở, ban, ngành\")"),
})

DOCUMENT = Map({
    "id": F(ID, True),
    "symbol": F(STR, True, "số, ký hiệu"),
    "kind": F(STR, doc="loại văn bản"),
    "date": F(DATE),
    "issuer": F(STR, doc="cơ quan ban hành"),
    "title": F(TEXT, doc="trích yếu"),
    "implements": F(List(DOC_REF), doc="mã các văn bản mà văn bản này thực hiện, theo trích yếu của nó (57-nq-tw…)"),
})

# Topics of the comparison index (/so-sanh/), in the order the index lists them.
COMPARISON_TOPICS = {
    "dich-vu-cong": "Thủ tục hành chính, dịch vụ công",
    "chinh-quyen-so": "Chính quyền số",
    "ha-tang-so": "Hạ tầng số",
    "xa-hoi-so": "Người dân trên môi trường số",
    "ky-nang-so": "Kỹ năng số của cán bộ",
    "giao-duc": "Giáo dục",
    "kinh-te-so": "Kinh tế số, doanh nghiệp",
    "khoa-hoc-cong-nghe": "Khoa học, công nghệ, ngân sách",
}

MEMBER = Map({
    "plan": F(ID, True, "mã kế hoạch"),
    "indicator": F(ID, True, "mã chỉ tiêu trong kế hoạch đó"),
})

COMPARISON = Map({
    "id": F(ID, True, "mã nhóm, dùng trong đường dẫn /so-sanh/<mã>/; không bao giờ đổi"),
    "name": F(TEXT, True, "tên nhóm (tiếng Việt)"),
    "topic": F(T("enum", list(COMPARISON_TOPICS)), True, "chủ đề trên trang mục lục so sánh"),
    "basis": F(Map({
        "document": F(DOC_REF, True, "văn bản định nghĩa danh mục chỉ tiêu"),
        "plan": F(ID, True, "kế hoạch có bản quét in dòng trích dẫn danh mục"),
        "lines": F(LINES, True, "dòng in tên danh mục trong bản quét của kế hoạch đó"),
    }), doc="văn bản định nghĩa chỉ tiêu; null nếu bản quét không ghi"),
    "note": F(TEXT, doc="ghi chú về nguồn gốc nhóm"),
    "scope_note": F(TEXT, doc="khác biệt về cách ghi phạm vi giữa các kế hoạch (nếu có)"),
    "members": F(List(MEMBER), True, "các chỉ tiêu trong nhóm (ít nhất hai kế hoạch)"),
})

NOT_GROUPED = Map({
    "plan": F(ID, True, "mã kế hoạch"),
    "indicator": F(ID, True, "mã chỉ tiêu"),
    "reason": F(TEXT, True, "vì sao không gộp vào nhóm so sánh nào"),
})

EVIDENCE = Map({
    "document": F(STR, doc="số, ký hiệu và ngày văn bản chứng minh, ví dụ '123/BC-UBND ngày 20/11/2026'"),
    "url": F(URL, doc="đường dẫn công khai đến văn bản hoặc kết quả"),
})

PROGRESS = Map({
    "task": F(ID, True, "mã nhiệm vụ trong kế hoạch này (ví dụ nv-1-1)"),
    "date": F(DATE, True, "ngày ghi nhận tiến độ"),
    "status": F(T("enum", labels.status_words()), True, "trạng thái"),
    "note": F(NOTE, True, "ghi chú ngắn: đã làm gì, vì sao"),
    "evidence": F(EVIDENCE, doc="bắt buộc khi trạng thái là 'hoàn thành'"),
})

ACTUAL = Map({
    "indicator": F(ID, True, "mã chỉ tiêu trong kế hoạch này"),
    "date": F(DATE, True, "ngày số liệu được đo"),
    "value": F(VALUE, True, "giá trị đo được, cùng dạng với mục tiêu (ví dụ '62%')"),
    "source": F(TEXT, True, "nguồn số liệu (văn bản, báo cáo)"),
})

REDIRECT = Map({
    "from": F(STR, True, "đường dẫn cũ đã công bố, ví dụ ke-hoach/hai-an/ct-pl2-i-9/"),
    "to": F(STR, True, "đường dẫn mới"),
    "note": F(TEXT, doc="lý do, văn bản căn cứ"),
})

FILE = Map({
    "redirects": F(List(REDIRECT), doc="chỉ dùng trong plans/_shared/redirects.yaml (đọc bởi permalinks.py)"),
    "progress": F(List(PROGRESS), doc="tiến độ nhiệm vụ (thư mục progress/)"),
    "actuals": F(List(ACTUAL), doc="số liệu thực hiện chỉ tiêu (thư mục progress/)"),
    "plan": F(PLAN),
    "task_tables": F(List(TASK_TABLE)),
    "indicator_tables": F(List(INDICATOR_TABLE)),
    "units": F(List(UNIT)),
    "documents": F(List(DOCUMENT)),
    "comparisons": F(List(COMPARISON), doc="chỉ dùng trong plans/_shared/comparisons.yaml"),
    "not_grouped": F(List(NOT_GROUPED), doc="chỉ dùng trong plans/_shared/comparisons.yaml"),
})


def json_schema(t: T = FILE) -> dict[str, Any]:
    """JSON Schema (2020-12) of one plan YAML file, derived from the same description."""
    defs: dict[str, Any] = {}
    root = _js(t, defs, {})
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Tệp dữ liệu kế hoạch (plans/**/*.yaml)", **root, "$defs": defs}


def _js(t: T, defs: dict[str, Any], names: dict[int, str]) -> dict[str, Any]:
    out: dict[str, Any]
    if t.kind == "map":
        if id(t) in names:
            return {"$ref": f"#/$defs/{names[id(t)]}"}
        name = f"m{len(names)}"
        names[id(t)] = name
        props = {k: {**_js(f.type, defs, names), **({"description": f.doc} if f.doc else {})} for k, f in t.of.items()}
        defs[name] = {"type": "object", "additionalProperties": False, "properties": props,
                      "required": [k for k, f in t.of.items() if f.required]}
        return {"$ref": f"#/$defs/{name}"}
    if t.kind == "list":
        out = {"type": "array", "items": _js(t.of, defs, names)}
    elif t.kind in ("id", "ref"):
        out = {"type": ["string", "null"], "pattern": "^[a-z0-9][a-z0-9-]*$"}
    elif t.kind == "date":
        out = {"type": ["string", "null"], "format": "date"}
    elif t.kind == "url":
        out = {"type": ["string", "null"], "format": "uri", "pattern": "^https?://\\S+$"}
    elif t.kind == "lines":
        out = {"type": "array", "items": {"type": "integer", "minimum": 1}, "minItems": 2, "maxItems": 2}
    elif t.kind == "enum":
        out = {"enum": list(t.of)}
    elif t.kind == "bool":
        out = {"type": "boolean"}
    elif t.kind == "cell":
        out = {"oneOf": [{"type": ["string", "null"]}, {"type": "object", "additionalProperties": False, "properties": {
            "text": {"type": "string"}, "unreadable": {"type": "boolean"}, "ocr": {"type": "string"},
            "from_context": {"type": "string"}, "context_lines": {"type": "array", "items": {"type": "integer"}}}}]}
    elif t.kind == "targets":
        out = {"type": "object", "additionalProperties": _js(CELL, defs, names)}
    else:
        out = {"type": ["string", "null"], "maxLength": t.max or rules.MAX_TEXT_CHARS}
    if t.doc:
        out["description"] = t.doc
    return out


SECTIONS = [
    ("plan", "Kế hoạch (plan:)", PLAN), ("task", "Nhiệm vụ (mục trong task_tables)", TASK),
    ("task_table", "Bảng nhiệm vụ (task_tables:)", TASK_TABLE), ("indicator", "Chỉ tiêu (mục trong indicator_tables)", INDICATOR),
    ("indicator_table", "Bảng chỉ tiêu (indicator_tables:)", INDICATOR_TABLE), ("unit", "Đơn vị (units:)", UNIT),
    ("document", "Văn bản (documents:)", DOCUMENT), ("progress", "Tiến độ nhiệm vụ (progress:)", PROGRESS),
    ("actual", "Số liệu thực hiện (actuals:)", ACTUAL), ("redirect", "Chuyển hướng (redirects:)", REDIRECT),
    ("comparison", "Nhóm so sánh (comparisons:)", COMPARISON), ("not_grouped", "Không gộp (not_grouped:)", NOT_GROUPED),
]


def type_label(t: T) -> str:
    labels = {"id": "mã", "ref": "mã (tham chiếu)", "str": "chữ", "text": "đoạn văn", "date": "ngày YYYY-MM-DD",
              "url": "địa chỉ web (https://…)", "lines": "[dòng đầu, dòng cuối]", "cell": "ô bảng", "targets": "mốc: giá trị", "bool": "true/false",
              "map": "nhóm trường", "list": f"danh sách {type_label(t.of) if t.kind == 'list' else ''}".strip()}
    if t.kind == "enum":
        return "một trong: " + ", ".join(t.of)
    return labels.get(t.kind, t.kind)


def field_reference() -> list[tuple[str, str, list[tuple[str, bool, str, str]]]]:
    """(anchor, title, [(field, required, type, explanation)]) for the staff reference page."""
    return [(anchor, title, [(name, f.required, type_label(f.type), f.doc or f.type.doc) for name, f in t.of.items()])
            for anchor, title, t in SECTIONS]
