"""Check loaded YAML against the schema and the cross-references, then build the Portal model.

Every problem names file, line and field, in Vietnamese first; all problems of a run are
collected so staff can fix them in one go. Nothing is built unless the list is empty.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import labels, rules, schema
from .deadlines import parse_deadline
from .comparisons import check_comparisons
from .errors import Problem, ValidationFailed
from .load import LDict, LList, YamlFile, load_tree
from .model import (Actual, Cell, DocRef, ProgressEntry, Document, Group, Indicator, NationalTask, Passage, Plan, Portal, Signer,
                    Source, Table, Target, Task, Unit)
from .targets import ParsedTarget, TargetFormError, parse_target
from .text import fold

_ID = re.compile(rules.ID_PATTERN)
# Staff text is published: any HTML tag or entity-like markup is refused rather than silently escaped.
_HTML = re.compile(rules.MARKUP_PATTERN)
_URL = re.compile(rules.URL_PATTERN)
_INVISIBLE = re.compile(rules.INVISIBLE_PATTERN)
RESERVED_PLAN_IDS = {"data", "du-lieu", "don-vi", "van-ban", "huong-dan", "tim-kiem", "cap-nhat", "assets", "pagefind", "nguon"}
CELL_KEYS = {"text", "unreadable", "ocr", "from_context", "context_lines"}


@dataclass
class Ctx:
    file: str
    problems: list[Problem]

    def add(self, line: int, fld: str | None, vi: str, en: str) -> None:
        self.problems.append(Problem(self.file, line, fld, vi, en))


def _type_name(t: schema.T) -> str:
    return {"map": "một nhóm trường (mapping)", "list": "một danh sách", "id": "một mã", "date": "một ngày YYYY-MM-DD",
            "lines": "[dòng đầu, dòng cuối]", "bool": "true hoặc false"}.get(t.kind, "một chuỗi")


def _plain(value: Any) -> Any:
    """A loaded value as plain Python (for quoting it back to staff)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _quote(value: Any) -> str:
    return rules.shorten(_plain(value))


def _shape(value: Any) -> str:
    return {dict: "một nhóm trường", list: "một danh sách"}.get(type(_plain(value)), f"'{_quote(value)}'")


def _short_enough(value: str, limit: int, ctx: Ctx, line: int, fld: str | None) -> bool:
    if len(value) <= limit:
        return True
    ctx.add(line, fld, f"quá dài ({len(value):,} ký tự; tối đa {limit:,} ký tự cho trường này). Hãy viết ngắn gọn hơn; "
            "văn bản dài hãy đưa vào tài liệu riêng và dẫn đường dẫn.".replace(",", "."),
            f"text longer than {limit} characters")
    return False


def _check_date(value: Any, ctx: Ctx, line: int, fld: str) -> dt.date | None:
    """Dates arrive as text (the loader does no YAML typing): check the form, then that the day exists."""
    if not isinstance(value, str) or not re.fullmatch(rules.DATE_PATTERN, value.strip()):
        ctx.add(line, fld, f"ngày '{_quote(value)}' không đúng dạng; viết YYYY-MM-DD, ví dụ 2025-10-09.", "invalid date")
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        ctx.add(line, fld, f"ngày '{_quote(value)}' không có thật (tháng từ 01 đến 12, ngày không quá số ngày của tháng); "
                "viết YYYY-MM-DD, ví dụ 2025-10-09.", "impossible date")
        return None


def check(value: Any, t: schema.T, ctx: Ctx, line: int, fld: str) -> Any:
    """Validate one value against its schema type; returns the cleaned value (or None after a problem)."""
    kind = t.kind
    if kind == "map":
        if not isinstance(value, dict):
            ctx.add(line, fld, f"cần {_type_name(t)}, nhưng đang là {_shape(value)}.", "expected a mapping")
            return None
        out = LDict()
        out.line = getattr(value, "line", line)
        out.key_lines = dict(getattr(value, "key_lines", {}))
        for key in value:
            if key not in t.of:
                allowed = ", ".join(t.of)
                ctx.add(value.line_of(key), rules.shorten(key, 40), f"trường không được hỗ trợ. Các trường hợp lệ: {allowed}.",
                        f"unknown field `{rules.shorten(key, 40)}`")
        for key, f in t.of.items():
            if key not in value or value[key] is None:
                if f.required:
                    ctx.add(out.line, key, f"thiếu trường bắt buộc ({f.doc or key}).", f"missing required field `{key}`")
                out[key] = None
                continue
            out[key] = check(value[key], f.type, ctx, value.line_of(key), key)
        return out
    if kind == "list":
        if not isinstance(value, list):
            ctx.add(line, fld, f"cần {_type_name(t)} (mỗi mục bắt đầu bằng '- ').", "expected a list")
            return []
        out_list = LList()
        out_list.line = getattr(value, "line", line)
        for i, item in enumerate(value):
            item_line = value.line_of(i) if isinstance(value, LList) else line
            out_list.append(check(item, t.of, ctx, item_line, fld))
            out_list.item_lines.append(item_line)
        return out_list
    if kind in ("id", "ref"):
        if not isinstance(value, str) or not _ID.match(value) or len(value) > rules.MAX_VALUE_CHARS:
            ctx.add(line, fld, f"mã '{_quote(value)}' không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang "
                    f"(tối đa {rules.MAX_VALUE_CHARS} ký tự).", "invalid id")
            return None
        return value
    if kind in ("str", "text"):
        if not isinstance(value, str):
            ctx.add(line, fld, f"cần một chuỗi chữ, nhưng đang là {_shape(value)}.", "expected a string")
            return None
        if not _short_enough(value, t.max or rules.MAX_TEXT_CHARS, ctx, line, fld):
            return None
        if _HTML.search(value):
            ctx.add(line, fld, "có mã HTML hoặc script (ví dụ '<script>'); chỉ nhập chữ thường. Nếu văn bản gốc có dấu '<' "
                    "đứng trước chữ, hãy viết bằng chữ 'nhỏ hơn'.", "HTML/script markup is not allowed in text")
            return None
        hidden = _INVISIBLE.search(value)
        if hidden:
            ctx.add(line, fld, f"có một ký tự ẩn (U+{ord(hidden.group()):04X}, ký tự điều khiển hoặc đổi chiều chữ, không nhìn "
                    f"thấy được) ở ký tự thứ {hidden.start() + 1}: '{rules.shorten(value[max(0, hidden.start() - 20):hidden.start()])}'. "
                    "Hãy gõ lại đoạn đó (ký tự này thường lẫn vào khi sao chép).", "invisible control character in text")
            return None
        value = value.strip()
        if kind == "text" and not value:
            ctx.add(line, fld, "không được để trống.", "empty text")
            return None
        return value
    if kind == "url":
        # Only web addresses become links: "javascript:…" or "data:…" in an href would run on the reader's page.
        if not isinstance(value, str) or not _short_enough(value, 2_000, ctx, line, fld):
            if not isinstance(value, str):
                ctx.add(line, fld, f"cần một địa chỉ web, nhưng đang là {_shape(value)}.", "expected an http(s) URL")
            return None
        if not _URL.match(value.strip()):
            ctx.add(line, fld, f"'{_quote(value)}' không phải địa chỉ web; viết đầy đủ, bắt đầu bằng https:// (hoặc "
                    "http://), không có dấu cách.", "expected an http(s) URL")
            return None
        return value.strip()
    if kind == "date":
        return _check_date(value, ctx, line, fld)
    if kind == "bool":
        if not isinstance(value, str) or value.lower() not in ("true", "false"):
            ctx.add(line, fld, f"cần true hoặc false, nhưng đang là '{_quote(value)}'.", "expected a boolean")
            return None
        return value.lower() == "true"
    if kind == "enum":
        if not isinstance(value, str) or " ".join(value.split()) not in t.of:
            ctx.add(line, fld, f"'{_quote(value)}' không hợp lệ. Dùng một trong: {', '.join(t.of)}.", "value not allowed")
            return None
        return " ".join(value.split())
    if kind == "lines":
        numbers = [int(v) for v in value if isinstance(v, str) and v.isascii() and v.isdigit() and len(v) < 7] \
            if isinstance(value, list) else []
        if len(numbers) != 2 or len(value) != 2 or numbers[0] < 1 or numbers[1] < numbers[0]:
            ctx.add(line, fld, f"'{_quote(_plain(value))}' không hợp lệ; viết [dòng đầu, dòng cuối], ví dụ [140, 154], "
                    "dòng đầu ≤ dòng cuối.", "expected [first, last] line numbers")
            return None
        return (numbers[0], numbers[1])
    if kind == "cell":
        return _check_cell(value, ctx, line, fld)
    if kind == "targets":
        if not isinstance(value, dict) or not value:
            ctx.add(line, fld, "cần các cặp 'mốc năm: giá trị', ví dụ \"2030\": \"≥ 80%\".", "expected horizon → target pairs")
            return None
        out_t = LDict()
        out_t.line = getattr(value, "line", line)
        for horizon, cell in value.items():
            hline = value.line_of(horizon) if isinstance(value, LDict) else line
            out_t[str(horizon)] = _check_cell(cell, ctx, hline, f"targets.{rules.shorten(horizon, 20)}")
            out_t.key_lines[str(horizon)] = hline
        return out_t
    raise AssertionError(kind)


def _check_cell(value: Any, ctx: Ctx, line: int, fld: str) -> Any:
    if value is None:
        return {"text": None}
    if isinstance(value, str):
        text = check(value, schema.STR, ctx, line, fld)
        return None if text is None else {"text": text}
    if not isinstance(value, dict):
        ctx.add(line, fld, "cần một giá trị chữ, null hoặc {unreadable: true}.", "expected a cell")
        return None
    unknown = set(value) - CELL_KEYS
    for key in sorted(unknown):
        ctx.add(value.line_of(key) if isinstance(value, LDict) else line, f"{fld}.{key}",
                f"trường không được hỗ trợ. Các trường hợp lệ: {', '.join(sorted(CELL_KEYS))}.", f"unknown field `{key}`")

    def sub(key: str, t: schema.T) -> Any:
        raw = value.get(key)
        where = value.line_of(key) if isinstance(value, LDict) else line
        return None if raw is None else check(raw, t, ctx, where, f"{fld}.{key}")

    unreadable = sub("unreadable", schema.T("bool")) is True
    text = sub("text", schema.STR) or None
    from_context = sub("from_context", schema.STR)
    ctx_lines = sub("context_lines", schema.LINES)
    # `ocr` is raw scan noise, shown escaped, never as markup: any characters, but of bounded size.
    ocr = value.get("ocr")
    if ocr is not None and (not isinstance(ocr, str) or not _short_enough(ocr, rules.MAX_TEXT_CHARS, ctx, line, f"{fld}.ocr")):
        if not isinstance(ocr, str):
            ctx.add(line, f"{fld}.ocr", f"cần một chuỗi chữ, nhưng đang là {_shape(ocr)}.", "expected a string")
        ocr = None
    if unreadable and text:
        ctx.add(line, fld, "ô đã đánh dấu không đọc được thì không được ghi giá trị `text`.", "unreadable cell must not have text")
    if not unreadable and not text:
        ctx.add(line, fld, "cần `text` (giá trị) hoặc `unreadable: true`.", "cell needs text or unreadable: true")
    if from_context and not ctx_lines:
        ctx.add(line, f"{fld}.context_lines", "giá trị suy ra từ ngữ cảnh phải ghi `context_lines` (dòng chứa căn cứ).",
                "from_context needs context_lines")
    return {"text": text, "unreadable": unreadable, "ocr": ocr, "from_context": from_context, "context_lines": ctx_lines}


# --------------------------------------------------------------------------- model building


@dataclass
class _Located:
    value: Any
    file: str


@dataclass
class _Collected:
    plans: list[_Located] = field(default_factory=list)
    task_tables: list[_Located] = field(default_factory=list)
    progress: list[_Located] = field(default_factory=list)
    actuals: list[_Located] = field(default_factory=list)
    indicator_tables: list[_Located] = field(default_factory=list)
    units: list[_Located] = field(default_factory=list)
    documents: list[_Located] = field(default_factory=list)
    comparisons: list[_Located] = field(default_factory=list)
    not_grouped: list[_Located] = field(default_factory=list)


class _Builder:
    def __init__(self, files: list[YamlFile], sources: Path, as_of: dt.date | None = None,
                 problems: list[Problem] | None = None):
        self.files = files
        self.sources = sources
        self.as_of = as_of  # reports dated after it are refused; None: not checked (the reviewer diff)
        self.problems: list[Problem] = list(problems or [])
        self.source_lengths: dict[str, int] = {}
        self.indicator_at: dict[str, tuple[str, int]] = {}  # indicator key → (file, line), for warnings

    def problem(self, file: str, line: int, fld: str | None, vi: str, en: str) -> None:
        self.problems.append(Problem(file, line, fld, vi, en))

    def build(self) -> Portal:
        by_folder: dict[str, _Collected] = defaultdict(_Collected)
        shared = _Collected()
        for f in self.files:
            ctx = Ctx(f.path, self.problems)
            parts = Path(f.path).parts
            in_progress = len(parts) > 3 and parts[2] == rules.PROGRESS_FOLDER
            if in_progress and f.data is None:
                self.problem(f.path, 1, None, "tệp tiến độ trống. Ghi ít nhất một mục `progress:` hoặc `actuals:`, "
                             "hoặc xóa tệp.", "empty progress file")
                continue
            if f.data is None:
                continue
            data = check(f.data, schema.FILE, ctx, 1, None)
            if data is None:
                continue
            if in_progress:
                self._progress_file(f.path, parts, data)
            else:
                for key in rules.PROGRESS_KEYS:
                    if data.get(key) is not None:
                        self.problem(f.path, data.line_of(key), key, f"tiến độ chỉ ghi trong thư mục {rules.PROGRESS_FOLDER}/ "
                                     "của kế hoạch, mỗi lần cập nhật một tệp YYYY-MM-DD-<mã mục>.yaml.",
                                     "progress belongs in the progress/ folder")
                        data[key] = None
            folder = parts[1] if len(parts) > 2 else ""
            target = shared if folder in ("", "_shared") else by_folder[folder]
            for key in ("units", "documents", "comparisons", "not_grouped"):
                for item in data.get(key) or []:
                    if item is not None:
                        getattr(shared, key).append(_Located(item, f.path))
            for key in ("plan", "task_tables", "indicator_tables", "progress", "actuals"):
                if data.get(key) is None:
                    continue
                if target is shared:
                    self.problem(f.path, data.line_of(key), key, "chỉ đặt dữ liệu kế hoạch trong thư mục riêng của kế hoạch "
                                 "(plans/<mã>/).", "plan data must live in its plan folder")
                    continue
                if key == "plan":
                    target.plans.append(_Located(data[key], f.path))
                else:
                    target.__dict__[key].extend(_Located(t, f.path) for t in data[key] if t is not None)

        units = self._registry(shared.units, "đơn vị", "unit", self._unit)
        documents = self._registry(shared.documents, "văn bản", "document", self._document)
        self.units, self.documents = units, documents
        plans: dict[str, Plan] = {}
        tasks: dict[str, Task] = {}
        indicators: dict[str, Indicator] = {}
        for folder, col in sorted(by_folder.items()):
            plan = self._plan(folder, col)
            if plan is None:
                continue
            plan_tasks, plan_indicators, task_tables, ind_tables = self._tables(plan, col)
            plans[plan.id] = replace(plan, task_tables=tuple(task_tables), indicator_tables=tuple(ind_tables))
            tasks.update({t.key: t for t in plan_tasks})
            indicators.update({i.key: i for i in plan_indicators})
        progress, actuals = self._progress(by_folder, tasks, indicators)
        self._document_chain(shared.documents, documents)
        checked = check_comparisons([(c.value, c.file) for c in shared.comparisons], [(c.value, c.file) for c in shared.not_grouped],
                                    plans, indicators, set(documents), self.source_lengths, self.indicator_at)
        self.problems.extend(checked.problems)
        if self.problems:
            raise ValidationFailed(self.problems)
        return _index(Portal(plans, tasks, indicators, units, documents, progress=progress, actuals=actuals,
                             comparisons=checked.comparisons, not_grouped=checked.not_grouped, warnings=checked.warnings))

    def _document_chain(self, located: list[_Located], documents: dict[str, Document]) -> None:
        """`implements` of documents must name known documents and never lead back to the document itself."""
        for loc in located:
            v = loc.value
            if v.get("id") is None or v["id"] not in documents or documents[v["id"]].source != loc.file:
                continue
            self._ref(loc.file, v, "implements", "document")
        for doc in documents.values():
            seen, todo = set(), list(doc.implements)
            while todo:
                current = todo.pop()
                if current == doc.id:
                    self.problem(doc.source, 0, "implements", f"văn bản '{doc.id}' tự thực hiện chính nó qua chuỗi "
                                 "`implements`; sửa để chuỗi chỉ đi lên.", f"document '{doc.id}' implements itself")
                    break
                if current in seen or current not in documents:
                    continue
                seen.add(current)
                todo.extend(documents[current].implements)

    def _progress_file(self, file: str, parts: tuple[str, ...], data: LDict) -> None:
        """A file in progress/: named after its date and item, holding only reports about that item on that day."""
        if len(parts) > 4:
            self.problem(file, 1, None, f"không tạo thư mục con trong {rules.PROGRESS_FOLDER}/; đặt tệp ngay trong "
                         f"plans/<mã kế hoạch>/{rules.PROGRESS_FOLDER}/.", "no sub-folders in progress/")
        for key in list(data):
            if key not in rules.PROGRESS_KEYS and data[key] is not None:
                self.problem(file, data.line_of(key), key, f"tệp trong {rules.PROGRESS_FOLDER}/ chỉ được có `progress:` và "
                             f"`actuals:`; `{key}:` thuộc tệp kế hoạch, sửa nó cần một pull request riêng.",
                             "a progress file holds only progress and actuals")
                data[key] = None
        entries = [(e, "task") for e in data.get("progress") or () if e is not None] + \
                  [(e, "indicator") for e in data.get("actuals") or () if e is not None]
        if not entries:
            self.problem(file, data.line, None, "tệp tiến độ không có mục nào trong `progress:` hoặc `actuals:`.",
                         "progress file without entries")
            return
        name = re.fullmatch(rules.PROGRESS_FILE_PATTERN, parts[-1])
        if not name:
            self.problem(file, 1, None, "tên tệp tiến độ phải có dạng YYYY-MM-DD-<mã mục>.yaml (ngày báo cáo, rồi mã "
                         "nhiệm vụ hoặc chỉ tiêu), ví dụ 2026-11-20-nv-1-1.yaml.", "progress file name must be YYYY-MM-DD-<item id>.yaml")
            return
        day, item = name.groups()
        for entry, kind in entries:
            if entry["date"] is not None and entry["date"].isoformat() != day:
                self.problem(file, entry.line_of("date"), "date", f"ngày {entry['date']:%Y-%m-%d} khác ngày trong tên tệp "
                             f"({day}); sửa cho trùng nhau.", "date differs from the file name")
            if entry[kind] is not None and entry[kind] != item:
                self.problem(file, entry.line_of(kind), kind, f"mã '{entry[kind]}' khác mã trong tên tệp ('{item}'); mỗi tệp "
                             "chỉ báo cáo một mục: sửa mã hoặc đổi tên tệp.", "item differs from the file name")

    def _future(self, file: str, entry: LDict) -> bool:
        """A report dated after the build date would hide until that day and then publish unreviewed."""
        if self.as_of is None or entry["date"] <= self.as_of:
            return False
        self.problem(file, entry.line_of("date"), "date", f"ngày {entry['date']:%d/%m/%Y} ở sau ngày xây dựng trang "
                     f"({self.as_of:%d/%m/%Y}). Chỉ báo cáo điều đã xảy ra: sửa ngày, hoặc gửi tệp vào đúng ngày đó.",
                     "report dated after the build date")
        return True

    def _progress(self, by_folder: dict[str, "_Collected"], tasks: dict, indicators: dict):
        """Progress reports and measured values; they refer to items of their own plan folder."""
        progress: dict[str, list[ProgressEntry]] = defaultdict(list)
        actuals: dict[str, list[Actual]] = defaultdict(list)
        for folder, col in by_folder.items():
            for loc in col.progress:
                v, file = loc.value, loc.file
                if v["task"] is None or v["date"] is None or v["status"] is None or self._future(file, v):
                    continue
                if f"{folder}/{v['task']}" not in tasks:
                    self.problem(file, v.line_of("task"), "task", f"không có nhiệm vụ '{v['task']}' trong kế hoạch {folder}. "
                                 "Kiểm tra mã ở trang nhiệm vụ (phần cuối đường dẫn).", f"unknown task '{v['task']}'")
                    continue
                evidence = v["evidence"] or {}
                # Evidence given but refused (say, a javascript: link) is already reported: "missing" would mislead.
                lines = set(getattr(evidence, "key_lines", {}).values())
                refused = any(p.file == file and p.field in ("document", "url") and p.line in lines for p in self.problems)
                status = labels.status_id(v["status"])
                if status == "done" and not (evidence.get("document") or evidence.get("url") or refused):
                    self.problem(file, v.line_of("status"), "evidence", "trạng thái 'hoàn thành' phải kèm bằng chứng: thêm "
                                 "`evidence:` với `document:` (số, ngày văn bản) hoặc `url:` (đường dẫn).",
                                 "status 'hoàn thành' requires evidence")
                    continue
                progress[f"{folder}/{v['task']}"].append(ProgressEntry(
                    folder, v["task"], v["date"], status, v["note"] or "", evidence.get("document"),
                    evidence.get("url"), file, v.line))
            for loc in col.actuals:
                v, file = loc.value, loc.file
                if v["indicator"] is None or v["date"] is None or v["value"] is None or self._future(file, v):
                    continue
                if f"{folder}/{v['indicator']}" not in indicators:
                    self.problem(file, v.line_of("indicator"), "indicator", f"không có chỉ tiêu '{v['indicator']}' trong kế hoạch "
                                 f"{folder}.", f"unknown indicator '{v['indicator']}'")
                    continue
                ind = indicators[f"{folder}/{v['indicator']}"]
                form = rules.VALUE_FORMS[value_form(ind)]
                value = rules.normalise(v["value"])
                if not form.matches(value):
                    self.problem(file, v.line_of("value"), "value", f"giá trị '{rules.shorten(value)}' không đúng dạng của chỉ "
                                 f"tiêu này: cần {form.label}, ví dụ \"{form.example}\".",
                                 f"value must have the form '{form.id}' of the indicator's targets")
                    continue
                try:
                    parsed = parse_target(value) if form.id != "text" else ParsedTarget("text")
                except TargetFormError as exc:
                    self.problem(file, v.line_of("value"), "value", f"{exc}. Ghi số đo được, ví dụ \"{form.example}\".",
                                 "value is not a recognised form")
                    continue
                actuals[f"{folder}/{v['indicator']}"].append(Actual(
                    folder, v["indicator"], v["date"], value, parsed, v["source"] or "", file, v.line))
        for entries in (*progress.values(), *actuals.values()):
            entries.sort(key=lambda e: (e.date, e.file, e.line))
        return dict(progress), dict(actuals)

    # ---- registries
    def _registry(self, items: list[_Located], vi: str, en: str, make) -> dict:
        out: dict[str, Any] = {}
        seen: dict[str, str] = {}
        for loc in items:
            v = loc.value
            if v.get("id") is None:
                continue
            where = f"{loc.file}:{v.line}"
            if v["id"] in seen:
                self.problem(loc.file, v.line_of("id"), "id", f"mã {vi} '{v['id']}' bị trùng (đã khai báo ở {seen[v['id']]}). "
                             "Mỗi mã chỉ khai báo một lần; xóa một bản.", f"duplicate {en} id '{v['id']}'")
                continue
            seen[v["id"]] = where
            out[v["id"]] = make(v, loc.file)
        return out

    @staticmethod
    def _unit(v: LDict, file: str) -> Unit:
        return Unit(v["id"], v["name"] or v["id"], v["short_name"] or v["name"] or v["id"], tuple(v["aliases"] or ()),
                    v["locality"] or "", bool(v["group"]), file)

    @staticmethod
    def _document(v: LDict, file: str) -> Document:
        return Document(v["id"], v["symbol"] or v["id"], v["kind"], v["date"], v["issuer"], v["title"],
                        tuple(d for d in v["implements"] or () if d), file)

    # ---- references and sources
    def _ref(self, file: str, container: LDict, key: str, kind: str) -> tuple[str, ...]:
        raw = container.get(key)
        if raw is None:
            return ()
        values = raw if isinstance(raw, list) else [raw]
        known = self.units if kind == "unit" else self.documents
        out = []
        for i, ref in enumerate(values):
            if ref is None:
                continue
            line = raw.line_of(i) if isinstance(raw, LList) else container.line_of(key)
            if ref not in known:
                where = "units.yaml" if kind == "unit" else "documents.yaml"
                self.problem(file, line, key, f"không có {'đơn vị' if kind == 'unit' else 'văn bản'} với mã '{ref}'. "
                             f"Hãy khai báo trong {where} hoặc sửa lại mã.", f"unknown {kind} id '{ref}'")
                continue
            out.append(ref)
        return tuple(out)

    def _source(self, plan_source: str, file: str, v: LDict, key: str = "lines") -> Source:
        lines = v.get(key)
        if lines is None:
            return Source(plan_source, 0, 0)
        length = self.source_lengths.get(plan_source)
        if length is not None and lines[1] > length:
            self.problem(file, v.line_of(key), key, f"dòng {lines[1]} vượt quá độ dài tệp nguồn {plan_source} ({length} dòng).",
                         "line range past the end of the source file")
        return Source(plan_source, lines[0], lines[1])

    def _cell(self, plan_source: str, raw: dict | None) -> Cell:
        if raw is None:
            return Cell(None)
        context = raw.get("context_lines")
        return Cell(raw.get("text"), bool(raw.get("unreadable")), raw.get("ocr"), raw.get("from_context"),
                    Source(plan_source, *context) if context else None)

    # ---- plan
    def _plan(self, folder: str, col: _Collected) -> Plan | None:
        if not col.plans:
            any_file = (col.task_tables or col.indicator_tables or col.progress or col.actuals)[0].file
            self.problem(any_file, 1, "plan", f"thư mục plans/{folder}/ chưa có thông tin kế hoạch (khóa `plan:`), "
                         "thường đặt trong plan.yaml.", "plan folder without `plan:`")
            return None
        if len(col.plans) > 1:
            second = col.plans[1]
            self.problem(second.file, second.value.line, "plan", f"kế hoạch {folder} được khai báo hai lần "
                         f"(cũng ở {col.plans[0].file}).", "plan declared twice")
        loc = col.plans[0]
        v, file = loc.value, loc.file
        if v["id"] and v["id"] != folder:
            self.problem(file, v.line_of("id"), "id", f"mã kế hoạch '{v['id']}' phải trùng tên thư mục '{folder}'.",
                         "plan id must equal its folder name")
        if folder in RESERVED_PLAN_IDS or not _ID.match(folder):
            self.problem(file, v.line_of("id"), "id", f"'{folder}' không dùng được làm mã kế hoạch (trùng đường dẫn của "
                         "trang khác hoặc có ký tự không hợp lệ).", "reserved or invalid plan id")
        source_file = v["source_file"] or ""
        path = self.sources / source_file
        if source_file and path.is_file():
            self.source_lengths[source_file] = len(path.read_text(encoding="utf-8").splitlines())
        elif source_file:
            self.problem(file, v.line_of("source_file"), "source_file", f"không tìm thấy tệp nguồn '{rules.shorten(source_file)}' trong "
                         f"{self.sources.name}/.", "source file not found")
        issuer = self._ref(file, v, "issuer", "unit")

        def passages(key: str) -> tuple[Passage, ...]:
            return tuple(Passage(p["text"], self._source(source_file, file, p), p.get("title"), p.get("note"))
                         for p in v[key] or () if p is not None and p["text"])

        implements = []
        for ref in v["implements"] or ():
            if ref is None:
                continue
            docs = self._ref(file, ref, "document", "document")
            if docs:
                implements.append(DocRef(docs[0], self._source(source_file, file, ref)))
        signer = v["signer"]
        locality = v["locality"] or folder
        return Plan(
            id=folder, title=v["title"] or folder,
            short_title=v["short_title"] or locality[:1].upper() + locality[1:],
            symbol=v["symbol"], number=v["number"], issuer=issuer[0] if issuer else "", level=v["level"] or "ward",
            locality=locality, province=v["province"], date=v["date"], date_printed=v["date_printed"],
            place_printed=v["place_printed"],
            signer=Signer(signer["name"], signer["title"], signer["on_behalf"]) if signer else None,
            source_file=source_file, source=self._source(source_file, file, v), implements=tuple(implements),
            purposes=passages("purposes"), requirements=passages("requirements"), sections=passages("sections"),
            missing_attachments=passages("missing_attachments"), notes=passages("notes"))

    # ---- tables
    def _tables(self, plan: Plan, col: _Collected):
        seen_items: dict[str, str] = {}
        seen_tables: dict[str, str] = {}
        tasks: list[Task] = []
        indicators: list[Indicator] = []
        task_tables: list[Table] = []
        ind_tables: list[Table] = []
        same_as_refs: list[tuple[str, int, str]] = []

        def claim_id(mapping: dict[str, str], ident: str | None, file: str, line: int, what: str) -> bool:
            if ident is None:
                return False
            if ident in mapping:
                self.problem(file, line, "id", f"mã {what} '{ident}' bị trùng trong kế hoạch {plan.id} (đã dùng ở "
                             f"{mapping[ident]}). Mã phải là duy nhất và không bao giờ dùng lại.", f"duplicate id '{ident}'")
                return False
            mapping[ident] = f"{file}:{line}"
            return True

        for is_ind, locs in ((False, col.task_tables), (True, col.indicator_tables)):
            for loc in locs:
                t, file = loc.value, loc.file
                if not claim_id(seen_tables, t["id"], file, t.line_of("id"), "bảng"):
                    continue
                horizons = tuple(t["horizons"] or ()) if is_ind else ()

                def walk(groups, path: tuple[str, ...], numbers: tuple, lead: tuple, coord: tuple, out_cell) -> tuple[Group, ...]:
                    built = []
                    for g in groups or ():
                        if g is None:
                            continue
                        g_lead = self._ref(file, g, "lead", "unit") or lead
                        g_coord = (self._ref(file, g, "coordinating", "unit") if not is_ind else ()) or coord
                        g_output = g.get("output") if is_ind else None
                        title = g["title"]
                        g_path = path + ((title or g["number"] or ""),)
                        g_numbers = numbers + (g["number"],)
                        item_ids = []
                        for item in g["items"] or ():
                            if item is None or not claim_id(seen_items, item["id"], file, item.line_of("id"), "mục"):
                                continue
                            item_ids.append(item["id"])
                            if is_ind:
                                self.indicator_at[f"{plan.id}/{item['id']}"] = (file, item.line_of("id"))
                                indicators.append(self._indicator(plan, file, t, horizons, item, g_path, g_numbers,
                                                                  g_lead, g_output or out_cell))
                                if item["same_as"]:
                                    same_as_refs.append((file, item.line_of("same_as"), item["same_as"]))
                            else:
                                tasks.append(self._task(plan, file, t, item, g_path, g_numbers, g_lead, g_coord))
                        sub = walk(g["groups"], g_path, g_numbers, g_lead, g_coord, g_output or out_cell)
                        built.append(Group(g["number"], title, self._source(plan.source_file, file, g), sub, tuple(item_ids)))
                    return tuple(built)

                groups = walk(t["groups"], (), (), (), (), None)
                table = Table(plan.id, t["id"], t["kind"] or "", t["title"] or "", tuple(t["columns"] or ()), horizons,
                              self._source(plan.source_file, file, t), groups, is_ind)
                (ind_tables if is_ind else task_tables).append(table)
        ind_ids = {i.id for i in indicators}
        for file, line, ref in same_as_refs:
            if ref not in ind_ids:
                self.problem(file, line, "same_as", f"không có chỉ tiêu '{ref}' trong kế hoạch {plan.id}.",
                             f"same_as points to unknown indicator '{ref}'")
        return tasks, indicators, task_tables, ind_tables

    def _task(self, plan: Plan, file: str, table: LDict, v: LDict, path, numbers, lead, coord) -> Task:
        src = plan.source_file
        deadline = self._cell(src, v["deadline"])
        nt = v["national_task"]
        national = None
        if nt:
            docs = self._ref(file, nt, "document", "document")
            national = NationalTask(docs[0] if docs else None, nt["number"], nt["text"])
        return Task(
            plan=plan.id, id=v["id"], table=table["id"], kind=table["kind"] or "", group_path=path, group_numbers=numbers,
            number=v["number"], text=v["text"] or "", lead=self._ref(file, v, "lead", "unit") or lead,
            coordinating=self._ref(file, v, "coordinating", "unit") or coord, output=self._cell(src, v["output"]),
            deadline=deadline, deadline_date=parse_deadline(deadline.text), national_task=national, note=v["note"],
            source=self._source(src, file, v), topics=tuple(v["topics"] or ()), scan_garbled=bool(v["scan_garbled"]))

    def _indicator(self, plan: Plan, file: str, table: LDict, horizons, v: LDict, path, numbers, lead, group_output) -> Indicator:
        src = plan.source_file
        targets = []
        raw_targets = v["targets"] or {}
        for horizon, raw in raw_targets.items():
            line = raw_targets.line_of(horizon) if isinstance(raw_targets, LDict) else v.line
            if horizon not in horizons:
                self.problem(file, line, f"targets.{rules.shorten(horizon, 20)}", f"mốc '{rules.shorten(horizon, 20)}' không có trong `horizons` của bảng "
                             f"({', '.join(horizons)}).", "target horizon not declared by the table")
                continue
            cell = self._cell(src, raw)
            parsed = None
            if cell.text is not None and not cell.unreadable:
                try:
                    parsed = parse_target(cell.text)
                except TargetFormError as exc:
                    self.problem(file, line, f"targets.{horizon}", f"{exc}. Ghi đúng như bản in, ví dụ \"≥ 80%\", \"100%\", "
                                 "\"80-90%\", \"Phấn đấu đạt 3%\", \"-\"; nếu không đọc được, ghi {unreadable: true}.",
                                 "target is not a recognised form")
            targets.append(Target(horizon, cell, parsed))
        targets.sort(key=lambda t: horizons.index(t.horizon))
        return Indicator(
            plan=plan.id, id=v["id"], table=table["id"], table_kind=table["kind"] or "", horizons=horizons,
            group_path=path, group_numbers=numbers, number=v["number"], name=v["name"] or "",
            unit=self._cell(src, v["unit"]), targets=tuple(targets), lead=self._ref(file, v, "lead", "unit") or lead,
            output=self._cell(src, v["output"] if v["output"] is not None else group_output), same_as=v["same_as"],
            note=v["note"], source=self._source(src, file, v), topics=tuple(v["topics"] or ()),
            scan_garbled=bool(v["scan_garbled"]))


def _index(portal: Portal) -> Portal:
    for unit in portal.units:
        portal.tasks_by_unit[unit] = []
        portal.indicators_by_unit[unit] = []
    for task in portal.tasks.values():
        for u in dict.fromkeys(task.lead + task.coordinating):
            portal.tasks_by_unit[u].append(task)
    for ind in portal.indicators.values():
        for u in dict.fromkeys(ind.lead):
            portal.indicators_by_unit[u].append(ind)
    for doc in portal.documents:
        portal.plans_by_document[doc] = []
    for plan in portal.plans.values():
        for ref in plan.implements:
            if plan.id not in portal.plans_by_document[ref.document]:
                portal.plans_by_document[ref.document].append(plan.id)
    return portal


def value_form(ind: Indicator) -> str:
    """The form of a measured value for an indicator, read from its printed unit and targets (rules.VALUE_FORMS)."""
    unit = fold(ind.unit.text or "")
    parsed = [t.parsed for t in ind.targets if t.parsed is not None]
    if unit.startswith("%") or any((p.unit or "").startswith("%") for p in parsed):
        return "percent"
    if unit == "thu bac":
        return "rank"
    if any(p.kind in ("number", "range") for p in parsed):
        return "number"
    return "text"


def load_portal(plans_dir: Path, sources_dir: Path, base: Path, as_of: dt.date | None = None) -> Portal:
    """YAML under plans_dir → validated Portal. Raises ValidationFailed listing every problem.
    With as_of, progress reports dated after it are refused (make check, build); without, they are kept (diff)."""
    files, problems = load_tree(plans_dir, base)
    return _Builder(files, sources_dir, as_of, problems).build()
